/* parse.c -- "smtpreply parse": read a raw stream of replies.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "cli.h"

/* Write the tokens of FLAGS, separated by commas.  */
static void
print_flags (unsigned int flags)
{
  int first = 1;
  for (unsigned int bit = 1; bit != 0; bit <<= 1)
    if (flags & bit)
      {
        printf ("%s%s", first ? "" : ", ", smtpreply_flag_name (bit));
        first = 0;
      }
}

/* Return what stood between the code and the text of line I of R: "-"
   before the last line, nothing for a bare code, else " ".  */
static const char *
separator (const struct smtpreply_response *r, size_t i)
{
  size_t len;
  if (i + 1 < smtpreply_response_line_count (r))
    return "-";
  smtpreply_response_line (r, i, &len);
  return len == 0 && (smtpreply_response_flags (r) & SMTPREPLY_FLAG_BARE_CODE)
             ? ""
             : " ";
}

/* Print reply R, read from FILE.  */
static void
print_reply (const char *file, const struct smtpreply_response *r)
{
  int code = smtpreply_response_code (r);
  const struct smtpreply_enhanced_code *enh = smtpreply_response_enhanced (r);
  size_t n = smtpreply_response_line_count (r);
  unsigned int flags = smtpreply_response_flags (r);

  if (cli_json)
    {
      json_begin ();
      /* The reply as read: the code of its first line and each line's
         text.  */
      size_t total = 0;
      for (size_t i = 0; i < n; i++)
        {
          size_t len;
          smtpreply_response_line (r, i, &len);
          total += len + 5;
        }
      char *input = malloc (total + 1);
      if (input != NULL)
        {
          size_t pos = 0;
          for (size_t i = 0; i < n; i++)
            {
              size_t len;
              const char *text = smtpreply_response_line (r, i, &len);
              pos += (size_t) sprintf (input + pos, "%s%d%s",
                                       i > 0 ? "\n" : "", code,
                                       separator (r, i));
              memcpy (input + pos, text, len);
              pos += len;
            }
          json_bytes ("input", input, pos);
          free (input);
        }
      json_string ("file", file);
      json_int ("line", (long long) smtpreply_response_line_number (r));
      cli_json_reply (code, enh, SMTPREPLY_STAGE_ANY);
      json_array_begin ("lines");
      for (size_t i = 0; i < n; i++)
        {
          size_t len;
          const char *text = smtpreply_response_line (r, i, &len);
          json_array_string (text, len);
        }
      json_array_end ();
      json_array_begin ("flags");
      for (unsigned int bit = 1; bit != 0; bit <<= 1)
        if (flags & bit)
          json_array_string (smtpreply_flag_name (bit),
                             strlen (smtpreply_flag_name (bit)));
      json_array_end ();
      json_string ("lang", smtpreply_language_resolve (cli_lang));
      json_end ();
      return;
    }

  const struct smtpreply_reply *known = smtpreply_reply_lookup (code);
  enum cli_style style = cli_style_for_code (code);
  printf ("%zu: ", smtpreply_response_line_number (r));
  cli_style_begin (style);
  printf ("%d", code);
  cli_style_end (style);
  if (enh != NULL)
    printf (" %d.%d.%d", enh->cls, enh->subject, enh->detail);
  if (known != NULL)
    printf (" %s \xe2\x80\x94 %s\n", known->name, _(known->title));
  else
    printf (" \xe2\x80\x94 %s\n", _(smtpreply_code_class (code)->title));
  for (size_t i = 0; i < n; i++)
    {
      size_t len;
      const char *text = smtpreply_response_line (r, i, &len);
      printf ("  %d%s", code, separator (r, i));
      cli_print_safe (text, len);
      putchar ('\n');
    }
  if (flags != 0)
    {
      /* TRANSLATORS: label: the parser's diagnostics of a reply, as tokens such as BARE_LF.  */
      cli_label (N_("Flags"));
      print_flags (flags);
      putchar ('\n');
    }
}

/* Report parser error RC of P in FILE.  */
static void
print_error (const char *file, const struct smtpreply_parser *p, int rc)
{
  size_t line = smtpreply_parser_error_line (p);
  size_t offset = smtpreply_parser_error_offset (p);
  const char *message = smtpreply_strerror_lang (rc, cli_lang);
  if (cli_json)
    {
      json_begin ();
      json_string ("file", file);
      json_int ("line", (long long) line);
      json_int ("offset", (long long) offset);
      json_string ("error", smtpreply_token_name (SMTPREPLY_TOKEN_ERROR, rc));
      json_string ("message", message);
      json_string ("lang", smtpreply_language_resolve (cli_lang));
      json_end ();
    }
  /* TRANSLATORS: a parse error: "FILE:LINE: byte OFFSET: MESSAGE".  */
  cli_error (_("%s:%zu: byte %zu: %s"), file, line, offset, message);
}

/* Read the replies of IN with parser P.  Return the exit status.  */
static int
parse_stream (struct cli_input *in, struct smtpreply_parser *p)
{
  static char buf[64 * 1024];
  const char *file = cli_input_name (in);
  int status = EXIT_OK;
  size_t replies = 0;
  ssize_t n = 0;

  while (!cli_output_failed ()
         && (n = cli_input_read (in, buf, sizeof buf)) > 0)
    for (size_t off = 0; off < (size_t) n;)
      {
        size_t used;
        int rc = smtpreply_parser_feed (p, buf + off, (size_t) n - off, &used);
        off += used;
        if (rc == SMTPREPLY_READY)
          {
            print_reply (file, smtpreply_parser_reply (p));
            replies++;
          }
        else if (rc < 0)
          {
            print_error (file, p, rc);
            status = EXIT_BAD_INPUT;
          }
      }
  if (n < 0 || cli_output_failed ())
    return EXIT_NO_FILE;
  int rc = smtpreply_parser_finish (p);
  if (rc < 0)
    {
      print_error (file, p, rc);
      status = EXIT_BAD_INPUT;
    }
  if (replies == 0 && status == EXIT_OK)
    {
      /* TRANSLATORS: "parse" read a file in which there was no reply.  */
      cli_error (_("%s: no SMTP reply found"), file);
      status = EXIT_BAD_INPUT;
    }
  return status;
}

/* Set *MASK from the comma-separated flag tokens of ARG ("all" for
   every flag).  Return 0, or -1 after reporting an unknown token.  */
static int
strict_flags (const char *arg, unsigned int *mask)
{
  if (arg == NULL || strcmp (arg, "all") == 0)
    {
      *mask = smtpreply_flag_all ();
      return 0;
    }
  *mask = 0;
  while (*arg != '\0')
    {
      size_t len = strcspn (arg, ",");
      unsigned int found = 0;
      for (unsigned int bit = 1; bit != 0; bit <<= 1)
        {
          const char *name = smtpreply_flag_name (bit);
          if (name != NULL && strlen (name) == len
              && strncmp (name, arg, len) == 0)
            found = bit;
        }
      if (found == 0)
        {
          /* TRANSLATORS: --strict named a flag that does not exist.  */
          cli_error (_("unknown flag '%.*s' for --strict"), (int) len, arg);
          return -1;
        }
      *mask |= found;
      arg += len;
      if (*arg == ',')
        arg++;
    }
  return 0;
}

/* Set limit WHICH of P, the option OPTION, from ARG.  Return 0, or -1
   after reporting.  */
static int
limit (struct smtpreply_parser *p, int which, const char *option,
       const char *arg)
{
  char *end;
  unsigned long long v = strtoull (arg, &end, 10);
  if (*arg < '0' || *arg > '9' || *end != '\0'
      || smtpreply_parser_set_limit (p, which, (size_t) v) < 0)
    {
      /* TRANSLATORS: a limit option got a value it cannot take.  */
      cli_error (_("invalid value '%s' for %s"), arg, option);
      return -1;
    }
  return 0;
}

/* Print the help of "parse".  */
static void
usage (void)
{
  /* TRANSLATORS: the first line of "parse --help"; %s is the program's name.  */
  printf (_("Usage: %s parse [OPTION]... [FILE]\n"), program_name);
  /* TRANSLATORS: what "parse" does, under its usage line.  */
  fputs (_("Read a stream of SMTP replies, as a client receives them, from FILE\n"
           "or standard input, and print each reply with its diagnostics.\n"),
         stdout);
  fputs ("\n", stdout);
  /* TRANSLATORS: one line of --help; keep the option name and "all".  */
  fputs (_("      --strict[=FLAGS]    treat the flags FLAGS (comma-separated, or all)\n"
           "                          as errors\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --line-length=N     the longest line, CRLF included (default 512)\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --max-lines=N       the most lines in a reply (default 1000)\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --max-bytes=N       the most bytes in a reply (default 65536)\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --help              display this help and exit\n"), stdout);
}

int
cmd_parse (int argc, char **argv)
{
  static const struct option options[] = {
    CLI_COMMON_OPTIONS,
    { "strict", optional_argument, NULL, 's' },
    { "line-length", required_argument, NULL, 'l' },
    { "max-lines", required_argument, NULL, 'm' },
    { "max-bytes", required_argument, NULL, 'b' },
    { NULL, 0, NULL, 0 },
  };
  struct smtpreply_parser *p;
  if (smtpreply_parser_new (&p) < 0)
    {
      cli_error ("%s", smtpreply_strerror_lang (SMTPREPLY_ENOMEM, cli_lang));
      return EXIT_NO_FILE;
    }
  int status = -1;
  int c;
  while (status < 0
         && (c = cli_next_option (argc, argv, options, "parse", usage, 0,
                                  &status))
                != -1)
    {
      unsigned int mask;
      if (c == 's')
        {
          if (strict_flags (optarg, &mask) < 0)
            status = cli_try_help ("parse");
          else
            smtpreply_parser_set_strict (p, mask);
        }
      else if (limit (p,
                      c == 'l'   ? SMTPREPLY_LIMIT_LINE_LENGTH
                      : c == 'm' ? SMTPREPLY_LIMIT_LINES
                                 : SMTPREPLY_LIMIT_REPLY_BYTES,
                      c == 'l'   ? "--line-length"
                      : c == 'm' ? "--max-lines"
                                 : "--max-bytes",
                      optarg)
               < 0)
        status = cli_try_help ("parse");
    }
  if (status < 0 && argc - optind > 1)
    {
      /* TRANSLATORS: "parse" takes at most one file.  */
      cli_error (_("unexpected argument '%s'"), argv[optind + 1]);
      status = cli_try_help ("parse");
    }
  if (status < 0)
    {
      /* A reply stream may hold any byte: the parser reports NULs.  */
      struct cli_input *in = cli_input_open (optind < argc ? argv[optind] : "-",
                                             0, &status);
      if (in != NULL)
        status = parse_stream (in, p);
      cli_input_close (in);
    }
  smtpreply_parser_free (p);
  return status;
}
