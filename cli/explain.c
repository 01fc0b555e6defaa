/* explain.c -- "smtpreply explain": what codes and replies mean.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "cli.h"

/* The command the replies answer, from --stage.  */
static int stage = SMTPREPLY_STAGE_ANY;

/* Return the JSON members of verdict *V (smtpreply_verdict_json), in a
   buffer kept until the next call, and store their length in *LEN; NULL
   if memory ran out.  */
static const char *
verdict_members (const struct smtpreply_verdict *v, size_t *len)
{
  static char *buf;
  static size_t cap;
  *len = 0;
  int rc = smtpreply_verdict_json (v, cli_lang, buf, cap, len);
  if (rc == SMTPREPLY_ENOSPC)
    {
      char *b = realloc (buf, *len + 1);
      if (b == NULL)
        return NULL;
      buf = b;
      cap = *len + 1;
      rc = smtpreply_verdict_json (v, cli_lang, buf, cap, len);
    }
  return rc == 0 ? buf : NULL;
}

void
cli_json_verdict (const struct smtpreply_verdict *v)
{
  size_t len;
  const char *members = verdict_members (v, &len);
  if (members != NULL)
    json_members (members, len);
}

const char *
cli_json_reply_members (int code, const struct smtpreply_enhanced_code *enh,
                        int at, size_t *len)
{
  struct smtpreply_verdict v = { .size = sizeof v };
  v.code = code;
  v.stage = at;
  if (enh != NULL)
    {
      v.has_enhanced = 1;
      v.enhanced = *enh;
    }
  smtpreply_advise (code, enh, at, &v.advice);
  return verdict_members (&v, len);
}

void
cli_json_reply (int code, const struct smtpreply_enhanced_code *enh, int at)
{
  size_t len;
  const char *members = cli_json_reply_members (code, enh, at, &len);
  if (members != NULL)
    json_members (members, len);
}

/* Print "DIGIT TITLE — TEXT" for entry D.  */
static void
print_digit (const struct smtpreply_digit *d)
{
  printf ("%d %s \xe2\x80\x94 %s\n", d->digit, _(d->title), _(d->text));
}

void
cli_print_verdict (const struct smtpreply_verdict *v)
{
  if (v->reason != NULL)
    {
      /* TRANSLATORS: label: why a delivery failed, e.g. "Mailbox full (Soft failure)".  */
      cli_label (N_("Reason"));
      fputs (_(v->reason->title), stdout);
      const char *severity = smtpreply_token_describe (
          SMTPREPLY_TOKEN_SEVERITY,
          v->soft < 0   ? SMTPREPLY_SEVERITY_NONE
          : v->soft > 0 ? SMTPREPLY_SEVERITY_SOFT
                        : SMTPREPLY_SEVERITY_HARD,
          cli_lang);
      printf (" (%s)\n", severity);
      if (v->rule != NULL)
        {
          char sentence[1024];
          smtpreply_verdict_explain (v, cli_lang, sentence, sizeof sentence,
                                     NULL);
          /* TRANSLATORS: label: the rule that found the reason, then why.  */
          cli_label (N_("Rule"));
          printf ("%s \xe2\x80\x94 %s\n", v->rule->id, sentence);
        }
    }
  if (v->advice != NULL)
    {
      /* TRANSLATORS: label: what a sending program should do.  */
      cli_label (N_("Advice"));
      printf ("%s \xe2\x80\x94 %s\n",
              smtpreply_token_describe (SMTPREPLY_TOKEN_ACTION,
                                        v->advice->action, cli_lang),
              _(v->advice->text));
    }
}

void
cli_describe (const char *input, size_t input_len, int code,
              const struct smtpreply_enhanced_code *enh, const char *text,
              size_t text_len, int nonstandard)
{
  int agrees = code != 0 && enh != NULL && !nonstandard
                   ? smtpreply_enhanced_agrees (code, enh) == 1
                   : 1;
  struct smtpreply_verdict v = { .size = sizeof v };
  smtpreply_classify (code, enh, text, text_len, stage, NULL, &v);
  if (cli_json)
    {
      json_begin ();
      json_bytes ("input", input, input_len);
      cli_json_verdict (&v);
      if (!agrees)
        {
          json_array_begin ("flags");
          json_array_string ("ENHANCED_MISMATCH", strlen ("ENHANCED_MISMATCH"));
          json_array_end ();
        }
      if (nonstandard)
        json_bool ("nonstandard", 1);
      json_string ("lang", smtpreply_language_resolve (cli_lang));
      json_end ();
      return;
    }

  if (code != 0)
    {
      const struct smtpreply_reply *r = smtpreply_reply_lookup (code);
      enum cli_style style = cli_style_for_code (code);
      cli_isolate_begin ();
      cli_style_begin (style);
      printf ("%d", code);
      cli_style_end (style);
      cli_isolate_end ();
      if (r != NULL)
        printf (" %s \xe2\x80\x94 %s\n", r->name, _(r->title));
      else if (nonstandard)
        /* TRANSLATORS: after a reply code whose second digit is 6 to 9, which some servers send although RFC 5321 has none, e.g. "571 (outside RFC 5321)".  */
        printf (" %s\n", _("(outside RFC 5321)"));
      else
        /* TRANSLATORS: after a reply code that is valid but not in the table, e.g. "259 (not in the table)".  */
        printf (" %s\n", _("(not in the table)"));
      if (r != NULL)
        {
          /* TRANSLATORS: label of the line that describes a reply code.  */
          cli_label (N_("Description"));
          printf ("%s\n", _(r->text));
        }
      /* TRANSLATORS: label: the first digit of a reply code and its meaning.  */
      cli_label (N_("Class"));
      print_digit (smtpreply_class_lookup (code / 100));
      if (!nonstandard)
        {
          /* TRANSLATORS: label: the second digit of a reply code and its meaning.  */
          cli_label (N_("Category"));
          print_digit (smtpreply_code_category (code));
        }
      if (r != NULL)
        {
          /* TRANSLATORS: label: standard, deprecated, experimental or registry only, then the RFCs.  */
          cli_label (N_("Status"));
          /* The references in parentheses: a semicolon would read as a
             question mark in Greek and wants a space before it in
             French.  */
          printf ("%s (%s)\n",
                  smtpreply_token_describe (SMTPREPLY_TOKEN_STATUS, r->status,
                                            cli_lang),
                  r->reference);
          /* TRANSLATORS: label: the SMTP commands and extensions where the code arises.  */
          cli_label (N_("Arises in"));
          printf ("%s\n", r->context);
        }
    }
  if (enh != NULL)
    {
      char buf[16];
      smtpreply_enhanced_format (enh, buf, sizeof buf);
      const struct smtpreply_enhanced *e
          = smtpreply_enhanced_lookup (enh->subject, enh->detail);
      if (code == 0)
        {
          cli_isolate_begin ();
          fputs (buf, stdout);
          cli_isolate_end ();
          printf ("%s%s\n", e != NULL ? " " : "", e != NULL ? e->name : "");
        }
      /* TRANSLATORS: label of the line about the enhanced status code (RFC 3463), e.g. 5.1.1.  */
      cli_label (N_("Enhanced code"));
      cli_isolate_begin ();
      fputs (buf, stdout);
      cli_isolate_end ();
      if (e != NULL)
        printf (" %s \xe2\x80\x94 %s\n", _(e->title), _(e->text));
      else
        /* TRANSLATORS: after an enhanced status code the registry does not list, e.g. "5.9.99 (not in the registry)".  */
        printf (" %s\n", _("(not in the registry)"));
      /* TRANSLATORS: label: the class (first number) of the enhanced status code.  */
      cli_label (N_("Enhanced class"));
      print_digit (smtpreply_enhanced_class_lookup (enh->cls));
      const struct smtpreply_digit *subject
          = smtpreply_enhanced_subject_lookup (enh->subject);
      if (subject != NULL)
        {
          /* TRANSLATORS: label: the subject (second number) of the enhanced status code.  */
          cli_label (N_("Enhanced subject"));
          print_digit (subject);
        }
    }
  cli_print_verdict (&v);
  if (!agrees)
    {
      /* TRANSLATORS: label of a line warning about the reply.  */
      cli_label (N_("Warning"));
      printf ("%s\n", smtpreply_strerror_lang (SMTPREPLY_EENHANCED_MISMATCH,
                                               cli_lang));
    }
}

/* Report that argument ARG (LEN bytes) broke rule RC at byte OFFSET.  */
static void
report_bad (const char *arg, size_t len, int rc, size_t offset)
{
  size_t n;
  char *quoted = malloc (len * 4 + 1);
  if (quoted == NULL
      || smtpreply_display_safe (arg, len, quoted, len * 4 + 1, &n) != 0)
    {
      free (quoted);
      quoted = NULL;
    }
  if (cli_json)
    {
      json_begin ();
      json_bytes ("input", arg, len);
      json_string ("error", smtpreply_token_name (SMTPREPLY_TOKEN_ERROR, rc));
      json_string ("message", smtpreply_strerror_lang (rc, cli_lang));
      json_end ();
    }
  /* TRANSLATORS: an argument that is not a code: "'5x0': byte 1: A reply code is exactly three digits".  */
  cli_error (_("'%s': byte %zu: %s"), quoted != NULL ? quoted : "",
             offset, smtpreply_strerror_lang (rc, cli_lang));
  free (quoted);
}

/* Return nonzero if the LEN bytes at S are digits and dots with a dot,
   the shape of an enhanced status code.  */
static int
enhanced_shaped (const char *s, size_t len)
{
  int dot = 0;
  for (size_t i = 0; i < len; i++)
    if (s[i] == '.')
      dot = 1;
    else if (s[i] < '0' || s[i] > '9')
      return 0;
  return dot;
}

/* Return nonzero if the LEN bytes at S are meant as a reply code: empty,
   or a digit (after an optional minus sign) and no space or dot after it,
   as in "550", "-1", "5x0" or "2500".  */
static int
code_shaped (const char *s, size_t len)
{
  size_t i = len > 0 && s[0] == '-' ? 1 : 0;
  if (len == 0)
    return 1;
  if (i == len || s[i] < '0' || s[i] > '9')
    return 0;
  for (; i < len; i++)
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '.')
      return 0;
  return 1;
}

/* Explain the argument of LEN bytes at ARG.  Return the exit status.  */
static int
explain_one (const char *arg, size_t len)
{
  size_t offset = 0;
  int rc;
  if (code_shaped (arg, len))
    {
      int code;
      rc = smtpreply_code_parse (arg, len, &code, &offset);
      if (rc < 0)
        {
          report_bad (arg, len, rc, offset);
          return EXIT_BAD_INPUT;
        }
      cli_describe (arg, len, code, NULL, NULL, 0, 0);
      return EXIT_OK;
    }
  if (enhanced_shaped (arg, len))
    {
      struct smtpreply_enhanced_code e;
      rc = smtpreply_enhanced_parse (arg, len, &e, &offset);
      if (rc < 0)
        {
          report_bad (arg, len, rc, offset);
          return EXIT_BAD_INPUT;
        }
      cli_describe (arg, len, 0, &e, NULL, 0, 0);
      return EXIT_OK;
    }
  struct smtpreply_match m = { .size = sizeof m };
  smtpreply_extract (arg, len, &m);
  if (m.found == 0)
    {
      char *quoted = malloc (len * 4 + 1);
      size_t n = 0;
      if (quoted != NULL)
        smtpreply_display_safe (arg, len, quoted, len * 4 + 1, &n);
      if (cli_json)
        {
          json_begin ();
          json_bytes ("input", arg, len);
          json_string ("error", smtpreply_token_name (SMTPREPLY_TOKEN_ERROR,
                                                      SMTPREPLY_ENO_REPLY));
          json_string ("message", smtpreply_strerror_lang (SMTPREPLY_ENO_REPLY,
                                                           cli_lang));
          json_end ();
        }
      /* TRANSLATORS: an argument in which no reply code was found.  */
      cli_error (_("'%s': %s"), quoted != NULL ? quoted : "",
                 smtpreply_strerror_lang (SMTPREPLY_ENO_REPLY, cli_lang));
      free (quoted);
      return EXIT_BAD_INPUT;
    }
  cli_describe (arg, len, (m.found & SMTPREPLY_MATCH_CODE) ? m.code : 0,
                (m.found & SMTPREPLY_MATCH_ENHANCED) ? &m.enhanced : NULL, arg,
                len, (m.found & SMTPREPLY_MATCH_NONSTANDARD) != 0);
  return EXIT_OK;
}

/* Print the help of "explain".  */
static void
usage (void)
{
  /* TRANSLATORS: the first line of "explain --help"; %s is the program's name.  */
  printf (_("Usage: %s explain [OPTION]... ARG...\n"), program_name);
  /* TRANSLATORS: what "explain" does, under its usage line.  */
  fputs (_("Explain reply codes, enhanced status codes and replies.\n"),
         stdout);
  fputs ("\n", stdout);
  /* TRANSLATORS: part of "explain --help"; keep the examples 550 and 5.1.1.  */
  fputs (_("Each ARG is a reply code (550), an enhanced status code (5.1.1),\n"
           "a reply or a log line to find a reply in, or - to read one\n"
           "argument per line from standard input.\n"),
         stdout);
  fputs ("\n", stdout);
  /* TRANSLATORS: one line of --help; keep the option name and the stage names.  */
  fputs (_("      --stage=STAGE   the command the reply answers: greeting, ehlo,\n"
           "                      mail, rcpt, data, data_end, bdat, auth,\n"
           "                      starttls, quit; it refines the advice\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --help          display this help and exit\n"), stdout);
}

int
cmd_explain (int argc, char **argv)
{
  static const struct option options[] = {
    CLI_COMMON_OPTIONS,
    { "stage", required_argument, NULL, 's' },
    { NULL, 0, NULL, 0 },
  };
  int status = -1;
  int c;
  /* A dash followed by a digit is an argument ("-1"), not an option.  */
  while ((c = cli_next_option (argc, argv, options, "explain", usage, 1,
                               &status))
         != -1)
    if (c == 's')
      {
        if (smtpreply_token_value (SMTPREPLY_TOKEN_STAGE, optarg, &stage)
            != 0)
          {
            /* TRANSLATORS: --stage was given a value that is not a stage.  */
            cli_error (_("unknown stage '%s'"), optarg);
            return cli_try_help ("explain");
          }
      }
  if (status >= 0)
    return status;
  if (optind >= argc)
    {
      /* TRANSLATORS: "explain" was run with nothing to explain.  */
      cli_error (_("explain needs at least one argument"));
      return cli_try_help ("explain");
    }

  status = EXIT_OK;
  for (int i = optind; i < argc; i++)
    {
      int rc;
      if (strcmp (argv[i], "-") == 0)
        {
          char *line = NULL;
          size_t cap = 0;
          ssize_t n;
          while (!cli_output_failed ()
                 && (n = getline (&line, &cap, stdin)) > 0)
            {
              size_t len = (size_t) n;
              while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                len--;
              rc = explain_one (line, len);
              if (rc > status)
                status = rc;
            }
          free (line);
          continue;
        }
      rc = explain_one (argv[i], strlen (argv[i]));
      if (rc > status)
        status = rc;
    }
  return status;
}
