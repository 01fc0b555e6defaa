/* annotate.c -- "smtpreply annotate": explain the replies in mail logs.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Each line is searched for a reply as smtpreply_extract does, so any log
   format works; Postfix, Exim and Sendmail are the ones tested.  Lines are
   streamed: memory does not grow with the log, except for the summary's
   table, which has one row per distinct reply.  */

#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smtpreply.h"
#include "cli.h"

/* The longest example line kept for the summary.  */
#define EXAMPLE_MAX 400

/* Options.  */
static int show_all;
static int summary;
static int redact;
static int failures_only;

/* A row of the summary: one reply code, enhanced code and log status.  */
struct row
{
  int code;                            /* 0: none */
  int has_enhanced;
  struct smtpreply_enhanced_code enhanced;
  char status[16];                     /* the log's status=, or "" */
  unsigned long long count;
  char *example;
  size_t example_len;
};

static struct row *rows;
static size_t row_count;
static size_t row_cap;

/* Return the outcome of a reply of class CLS: "deferred", "bounced" or
   "other".  */
static const char *
outcome (int cls)
{
  return cls == 4 ? "deferred" : cls == 5 ? "bounced" : "other";
}

/* Return the class of the reply found in M.  */
static int
match_class (const struct smtpreply_match *m)
{
  if (m->found & SMTPREPLY_MATCH_CODE)
    return m->code / 100;
  return m->enhanced.cls;
}

/* Store in STATUS (16 bytes) the log's own status of the LEN bytes at
   LINE: Postfix's status=WORD, Sendmail's stat=Sent or stat=Deferred;
   else "".  */
static void
log_status (const char *line, size_t len, char *status)
{
  static const char *const keys[] = { "status=", "stat=" };
  status[0] = '\0';
  for (size_t k = 0; k < 2; k++)
    {
      size_t klen = strlen (keys[k]);
      for (size_t i = 0; i + klen <= len; i++)
        {
          if (memcmp (line + i, keys[k], klen) != 0
              || (i > 0 && line[i - 1] != ' ' && line[i - 1] != ','))
            continue;
          size_t j = i + klen;
          size_t n = 0;
          while (j + n < len && n < 15
                 && ((line[j + n] >= 'a' && line[j + n] <= 'z')
                     || (line[j + n] >= 'A' && line[j + n] <= 'Z')))
            n++;
          /* Sendmail's stat= is free text but for these words.  */
          if (k == 1
              && !((n == 4 && memcmp (line + j, "Sent", 4) == 0)
                   || (n == 8 && memcmp (line + j, "Deferred", 8) == 0)))
            continue;
          for (size_t c = 0; c < n; c++)
            status[c] = (char) (line[j + c] >= 'A' && line[j + c] <= 'Z'
                                    ? line[j + c] - 'A' + 'a'
                                    : line[j + c]);
          status[n] = '\0';
          if (n > 0)
            return;
        }
    }
}

/* Return a copy of the LEN bytes at LINE, with the local parts of mail
   addresses replaced by "..." if --redact was given, in a buffer that
   stays allocated between calls; store its length in *OUT_LEN.  */
static const char *
redacted (const char *line, size_t len, size_t *out_len)
{
  static char *buf;
  static size_t cap;
  if (!redact)
    {
      *out_len = len;
      return line;
    }
  if (len * 3 + 1 > cap)
    {
      char *b = realloc (buf, len * 3 + 1);
      if (b == NULL)
        {
          *out_len = len;
          return line;
        }
      buf = b;
      cap = len * 3 + 1;
    }
  static const char local[] = "!#$%&'*+-/=?^_`{|}~.";
  size_t out = 0;
  size_t i = 0;
  while (i < len)
    {
      /* A run of characters that may form a local part, then '@'.  */
      size_t j = i;
      while (j < len
             && ((line[j] >= 'a' && line[j] <= 'z')
                 || (line[j] >= 'A' && line[j] <= 'Z')
                 || (line[j] >= '0' && line[j] <= '9')
                 || (line[j] != '\0' && strchr (local, line[j]) != NULL)))
        j++;
      if (j > i && j < len && line[j] == '@')
        {
          memcpy (buf + out, "...", 3);
          out += 3;
        }
      else
        {
          memcpy (buf + out, line + i, j - i);
          out += j - i;
        }
      if (j < len)
        buf[out++] = line[j];
      i = j + 1;
    }
  *out_len = out;
  return buf;
}

/* Count the reply of M, seen on the LEN bytes at LINE, in the summary.
   Return 0, or -1 if memory ran out.  */
static int
count (const struct smtpreply_match *m, const char *line, size_t len)
{
  struct row key = { 0 };
  if (m->found & SMTPREPLY_MATCH_CODE)
    key.code = m->code;
  if (m->found & SMTPREPLY_MATCH_ENHANCED)
    {
      key.has_enhanced = 1;
      key.enhanced = m->enhanced;
    }
  log_status (line, len, key.status);
  for (size_t i = 0; i < row_count; i++)
    {
      struct row *r = &rows[i];
      if (r->code == key.code && r->has_enhanced == key.has_enhanced
          && (!key.has_enhanced
              || (r->enhanced.cls == key.enhanced.cls
                  && r->enhanced.subject == key.enhanced.subject
                  && r->enhanced.detail == key.enhanced.detail))
          && strcmp (r->status, key.status) == 0)
        {
          r->count++;
          return 0;
        }
    }
  if (row_count == row_cap)
    {
      size_t cap = row_cap < 16 ? 16 : row_cap * 2;
      struct row *r = realloc (rows, cap * sizeof *r);
      if (r == NULL)
        return -1;
      rows = r;
      row_cap = cap;
    }
  size_t n;
  const char *ex = redacted (line, len, &n);
  if (n > EXAMPLE_MAX)
    n = EXAMPLE_MAX;
  key.example = malloc (n + 1);
  if (key.example == NULL)
    return -1;
  memcpy (key.example, ex, n);
  key.example[n] = '\0';
  key.example_len = n;
  key.count = 1;
  rows[row_count++] = key;
  return 0;
}

/* Order rows by class (4, 5, others), then by count, code and enhanced
   code.  */
static int
cmp_row (const void *a, const void *b)
{
  const struct row *x = a;
  const struct row *y = b;
  int cx = x->code != 0 ? x->code / 100 : x->enhanced.cls;
  int cy = y->code != 0 ? y->code / 100 : y->enhanced.cls;
  int gx = cx == 4 ? 0 : cx == 5 ? 1 : 2;
  int gy = cy == 4 ? 0 : cy == 5 ? 1 : 2;
  if (gx != gy)
    return gx - gy;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if (x->code != y->code)
    return x->code - y->code;
  if (x->enhanced.subject != y->enhanced.subject)
    return x->enhanced.subject - y->enhanced.subject;
  if (x->enhanced.detail != y->enhanced.detail)
    return x->enhanced.detail - y->enhanced.detail;
  return strcmp (x->status, y->status);
}

/* Return the description of a reply CODE (0: none) with enhanced code E
   (NULL: none): the enhanced detail's if the registry lists it and it says
   more than its subject (X.Y.0 does not), else the reply code's, else what
   the digits say.  */
static const char *
describe (int code, const struct smtpreply_enhanced_code *e)
{
  if (e != NULL && (e->detail != 0 || code == 0)
      && smtpreply_enhanced_lookup (e->subject, e->detail) != NULL)
    return smtpreply_enhanced_describe_lang (e, cli_lang);
  const struct smtpreply_reply *r = code != 0 ? smtpreply_reply_lookup (code)
                                              : NULL;
  if (r != NULL)
    return _(r->text);
  if (code != 0)
    return _(smtpreply_code_class (code)->text);
  return smtpreply_enhanced_describe_lang (e, cli_lang);
}

/* Print "CODE E" of a reply, with "-" for what is missing.  */
static void
print_codes (int code, const struct smtpreply_enhanced_code *e)
{
  enum cli_style style = cli_style_for_code (code != 0 ? code
                                                       : e->cls * 100);
  cli_style_begin (style);
  if (code != 0)
    printf ("%d", code);
  else
    fputs ("-", stdout);
  if (e != NULL)
    printf (" %d.%d.%d", e->cls, e->subject, e->detail);
  cli_style_end (style);
}

/* Print the summary.  */
static void
print_summary (void)
{
  /* qsort must not be given the NULL of a summary without rows.  */
  if (row_count > 0)
    qsort (rows, row_count, sizeof *rows, cmp_row);
  int group = -1;
  for (size_t i = 0; i < row_count; i++)
    {
      const struct row *r = &rows[i];
      const struct smtpreply_enhanced_code *e
          = r->has_enhanced ? &r->enhanced : NULL;
      int cls = r->code != 0 ? r->code / 100 : r->enhanced.cls;
      if (cli_json)
        {
          json_begin ();
          json_int ("count", (long long) r->count);
          cli_json_reply (r->code, e, SMTPREPLY_STAGE_ANY);
          if (r->status[0] != '\0')
            json_string ("status", r->status);
          json_string ("outcome", outcome (cls));
          json_bytes ("example", r->example, r->example_len);
          json_string ("lang", smtpreply_language_resolve (cli_lang));
          json_end ();
          continue;
        }
      int g = cls == 4 ? 0 : cls == 5 ? 1 : 2;
      if (g != group)
        {
          unsigned long long total = 0;
          for (size_t j = i; j < row_count; j++)
            {
              int c = rows[j].code != 0 ? rows[j].code / 100
                                        : rows[j].enhanced.cls;
              if ((c == 4 ? 0 : c == 5 ? 1 : 2) == g)
                total += rows[j].count;
            }
          if (group >= 0)
            putchar ('\n');
          group = g;
          cli_style_begin (STYLE_BOLD);
          if (g == 0)
            /* TRANSLATORS: heading of the summary's part about deferred mail; %llu is a number of log lines.  */
            printf (P_ ("Deferred (4yz): %llu line",
                        "Deferred (4yz): %llu lines", total),
                    total);
          else if (g == 1)
            /* TRANSLATORS: heading of the summary's part about bounced mail; %llu is a number of log lines.  */
            printf (P_ ("Bounced (5yz): %llu line",
                        "Bounced (5yz): %llu lines", total),
                    total);
          else
            /* TRANSLATORS: heading of the summary's part about other replies (successes); %llu is a number of log lines.  */
            printf (P_ ("Other replies: %llu line",
                        "Other replies: %llu lines", total),
                    total);
          cli_style_end (STYLE_BOLD);
          putchar ('\n');
        }
      printf ("%8llu  ", r->count);
      print_codes (r->code, e);
      if (r->status[0] != '\0')
        printf ("  status=%s", r->status);
      printf ("  %s\n", describe (r->code, e));
      fputs ("          ", stdout);
      cli_style_begin (STYLE_DIM);
      cli_print_safe (r->example, r->example_len);
      cli_style_end (STYLE_DIM);
      putchar ('\n');
    }
}

/* Print the annotation of the reply M found on LINE (LEN bytes), line
   NUMBER of FILE.  */
static void
annotate_line (const char *file, size_t number, const char *line, size_t len,
               const struct smtpreply_match *m)
{
  int code = (m->found & SMTPREPLY_MATCH_CODE) ? m->code : 0;
  const struct smtpreply_enhanced_code *e
      = (m->found & SMTPREPLY_MATCH_ENHANCED) ? &m->enhanced : NULL;
  size_t n;
  const char *shown = redacted (line, len, &n);
  if (cli_json)
    {
      json_begin ();
      json_bytes ("input", shown, n);
      json_string ("file", file);
      json_int ("line", (long long) number);
      cli_json_reply (code, e, SMTPREPLY_STAGE_ANY);
      if (code != 0 && e != NULL && smtpreply_enhanced_agrees (code, e) == 0)
        {
          json_array_begin ("flags");
          json_array_string ("ENHANCED_MISMATCH",
                             strlen ("ENHANCED_MISMATCH"));
          json_array_end ();
        }
      char status[16];
      log_status (line, len, status);
      if (status[0] != '\0')
        json_string ("status", status);
      json_string ("lang", smtpreply_language_resolve (cli_lang));
      json_end ();
      return;
    }
  cli_print_safe (shown, n);
  putchar ('\n');
  fputs ("  \xe2\x86\x92 ", stdout);
  print_codes (code, e);
  printf (" %s\n", describe (code, e));
  const struct smtpreply_advice *advice;
  if (smtpreply_advise (code, e, SMTPREPLY_STAGE_ANY, &advice) == 0)
    {
      /* TRANSLATORS: label: what a sending program should do.  */
      cli_label (N_("Advice"));
      printf ("%s \xe2\x80\x94 %s\n", smtpreply_action_name (advice->action),
              _(advice->text));
    }
}

/* Handle line NUMBER of FILE, the LEN bytes at LINE, as the options say:
   annotate the reply on it, count it in the summary, or print the line as
   it is.  Return 0, or EXIT_NO_FILE if memory ran out.  */
static int
annotate_one (const char *file, size_t number, const char *line, size_t len)
{
  struct smtpreply_match m = { .size = sizeof m };
  smtpreply_extract (line, len, &m);
  int keep = m.found != 0
             && (!failures_only || match_class (&m) == 4
                 || match_class (&m) == 5);
  if (summary)
    {
      if (keep && count (&m, line, len) < 0)
        {
          cli_error ("%s", smtpreply_strerror_lang (SMTPREPLY_ENOMEM,
                                                    cli_lang));
          return EXIT_NO_FILE;
        }
    }
  else if (keep)
    annotate_line (file, number, line, len, &m);
  else if (show_all && !cli_json)
    {
      size_t n;
      const char *shown = redacted (line, len, &n);
      cli_print_safe (shown, n);
      putchar ('\n');
    }
  return 0;
}

/* Print the summary if --summary was given, and forget its rows.  */
static void
finish_summary (void)
{
  if (summary)
    print_summary ();
  for (size_t i = 0; i < row_count; i++)
    free (rows[i].example);
  free (rows);
  rows = NULL;
  row_count = 0;
  row_cap = 0;
}

/* Read the log IN.  Return 0, or EXIT_NO_FILE on a read error.  */
static int
annotate_stream (struct cli_input *in)
{
  const char *file = cli_input_name (in);
  int progress = isatty (STDERR_FILENO) && !cli_json;
  unsigned long long next_report = 16ULL << 20;
  const char *line;
  size_t len;
  int rc;

  while ((rc = cli_input_line (in, &line, &len)) > 0)
    {
      int status = annotate_one (file, cli_input_line_number (in), line, len);
      if (status != 0)
        return status;
      /* Nobody reads what follows: stop reading.  */
      if (cli_output_failed ())
        return EXIT_NO_FILE;
      if (progress && cli_input_bytes (in) >= next_report)
        {
          fprintf (stderr, "\r%s: ", program_name);
          cli_put_safe_name (stderr, file);
          fprintf (stderr, ": %llu MiB", cli_input_bytes (in) >> 20);
          next_report += 16ULL << 20;
        }
    }
  if (progress && next_report > 16ULL << 20)
    fputs ("\r\033[K", stderr);
  return rc < 0 ? EXIT_NO_FILE : EXIT_OK;
}

int
cli_annotate_buffer (const char *buf, size_t len, unsigned int options)
{
  show_all = (options & CLI_ANNOTATE_ALL) != 0;
  summary = (options & CLI_ANNOTATE_SUMMARY) != 0;
  failures_only = (options & CLI_ANNOTATE_FAILURES) != 0;
  redact = (options & CLI_ANNOTATE_REDACT) != 0;

  /* Lines as cli_input_line makes them: split at each LF, cut at
     CLI_LINE_MAX, without a CR before the LF; no line after a final LF.  */
  int status = EXIT_OK;
  size_t number = 0;
  size_t pos = 0;
  while (pos < len && status == EXIT_OK)
    {
      const char *lf = memchr (buf + pos, '\n', len - pos);
      size_t end = lf != NULL ? (size_t) (lf - buf) : len;
      size_t n = end - pos < CLI_LINE_MAX ? end - pos : CLI_LINE_MAX;
      if (n > 0 && buf[pos + n - 1] == '\r')
        n--;
      number++;
      status = annotate_one ("-", number, buf + pos, n);
      pos = lf != NULL ? end + 1 : len;
    }
  finish_summary ();
  return status;
}

/* Print the help of "annotate".  */
static void
usage (void)
{
  /* TRANSLATORS: the first line of "annotate --help"; %s is the program's name.  */
  printf (_("Usage: %s annotate [OPTION]... [FILE]...\n"), program_name);
  /* TRANSLATORS: what "annotate" does, under its usage line.  */
  fputs (_("Explain the SMTP replies in mail logs (Postfix, Exim, Sendmail or any\n"
           "other text), read from the FILEs, plain or compressed (gzip, xz, bzip2,\n"
           "zstd), or from standard input.  Each line with a reply is printed with\n"
           "its explanation.\n"),
         stdout);
  fputs ("\n", stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --all           print the lines without a reply too\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --summary       print a table of the replies seen instead, by\n"
           "                      count, split into deferred and bounced\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --failures      keep only transient and permanent failures\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --redact        hide the local parts of mail addresses\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --help          display this help and exit\n"), stdout);
  fputs ("\n", stdout);
  /* TRANSLATORS: an example at the end of "annotate --help"; keep the command.  */
  fputs (_("Example: journalctl -u 'postfix*' --since today | smtpreply annotate --summary\n"),
         stdout);
}

int
cmd_annotate (int argc, char **argv)
{
  static const struct option options[] = {
    CLI_COMMON_OPTIONS,
    { "all", no_argument, NULL, 'a' },
    { "summary", no_argument, NULL, 's' },
    { "failures", no_argument, NULL, 'f' },
    { "redact", no_argument, NULL, 'r' },
    { NULL, 0, NULL, 0 },
  };
  int status = -1;
  int c;
  while ((c = cli_next_option (argc, argv, options, "annotate", usage, 0,
                               &status))
         != -1)
    switch (c)
      {
      case 'a':
        show_all = 1;
        break;
      case 's':
        summary = 1;
        break;
      case 'f':
        failures_only = 1;
        break;
      case 'r':
        redact = 1;
        break;
      }
  if (status >= 0)
    return status;

  status = EXIT_OK;
  char *stdin_only[] = { (char *) "-" };
  char **files = optind < argc ? argv + optind : stdin_only;
  int nfiles = optind < argc ? argc - optind : 1;
  for (int i = 0; i < nfiles && !cli_output_failed (); i++)
    {
      int rc = EXIT_OK;
      struct cli_input *in = cli_input_open (files[i], CLI_INPUT_TEXT, &rc);
      if (in != NULL)
        rc = annotate_stream (in);
      cli_input_close (in);
      if (rc > status)
        status = rc;
    }
  finish_summary ();
  return status;
}
