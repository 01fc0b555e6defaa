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
        if (!first)
          cli_out_write (", ", 2);
        cli_out_puts (smtpreply_flag_name (bit));
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

/* What a reply's code alone gives, made once per code and kept: the end
   of its heading in text (" NAME — TITLE\n"), and its members in JSON (the
   code, its descriptions and the advice, at no stage).  */
struct by_code
{
  char *heading;
  char *json;
  size_t json_len;
};

/* Return the kept heading of CODE (a valid code), making it if need be;
   NULL if memory ran out.  */
static const char *
code_heading (int code)
{
  static struct by_code kept[600];
  struct by_code *k = &kept[code];
  if (k->heading == NULL)
    {
      const struct smtpreply_reply *known = smtpreply_reply_lookup (code);
      const char *name = known != NULL ? known->name : NULL;
      const char *title = known != NULL
                              ? _(known->title)
                              : _(smtpreply_code_class (code)->title);
      size_t n = (name != NULL ? strlen (name) + 1 : 0) + strlen (title) + 8;
      k->heading = malloc (n);
      if (k->heading == NULL)
        return NULL;
      snprintf (k->heading, n, "%s%s \xe2\x80\x94 %s\n",
                name != NULL ? " " : "", name != NULL ? name : "", title);
    }
  return k->heading;
}

/* The JSON members of a reply's code and enhanced code (cli_json_reply at
   no stage), kept for the last codes seen: replies repeat a few codes.  */
struct json_codes
{
  int code; /* 0: an empty slot */
  int has_enhanced;
  struct smtpreply_enhanced_code enhanced;
  char *members;
  size_t len;
};

/* Write the members cli_json_reply writes for CODE and ENH at no stage,
   from the kept copy.  */
static void
json_codes (int code, const struct smtpreply_enhanced_code *enh)
{
  static struct json_codes kept[256];
  unsigned int h = (unsigned int) code * 31u;
  if (enh != NULL)
    h = ((h + (unsigned int) enh->cls) * 31u + (unsigned int) enh->subject)
            * 31u
        + (unsigned int) enh->detail;
  struct json_codes *k = &kept[h % 256];
  if (k->code != code || k->has_enhanced != (enh != NULL)
      || (enh != NULL
          && (k->enhanced.cls != enh->cls
              || k->enhanced.subject != enh->subject
              || k->enhanced.detail != enh->detail)))
    {
      size_t len;
      const char *made = cli_json_reply_members (code, enh,
                                                 SMTPREPLY_STAGE_ANY, &len);
      char *copy = made != NULL ? malloc (len) : NULL;
      if (copy == NULL)
        return;
      memcpy (copy, made, len);
      free (k->members);
      k->code = code;
      k->has_enhanced = enh != NULL;
      if (enh != NULL)
        k->enhanced = *enh;
      k->members = copy;
      k->len = len;
    }
  json_members (k->members, k->len);
}

/* Print reply R, read from FILE.  */
static void
print_reply (const char *file, const struct smtpreply_response *r)
{
  int code = smtpreply_response_code (r);
  const struct smtpreply_enhanced_code *enh = smtpreply_response_enhanced (r);
  size_t n = smtpreply_response_line_count (r);
  unsigned int flags = smtpreply_response_flags (r);
  char digits[4] = { (char) ('0' + code / 100), (char) ('0' + code / 10 % 10),
                     (char) ('0' + code % 10), '\0' };

  if (cli_json)
    {
      json_begin ();
      /* The reply as read: the code of its first line and each line's
         text.  */
      static char *input;
      static size_t cap;
      size_t total = 0;
      for (size_t i = 0; i < n; i++)
        {
          size_t len;
          smtpreply_response_line (r, i, &len);
          total += len + 5;
        }
      if (total > cap)
        {
          char *b = realloc (input, total);
          if (b != NULL)
            {
              input = b;
              cap = total;
            }
        }
      if (total <= cap)
        {
          size_t pos = 0;
          for (size_t i = 0; i < n; i++)
            {
              size_t len;
              const char *text = smtpreply_response_line (r, i, &len);
              const char *sep = separator (r, i);
              if (i > 0)
                input[pos++] = '\n';
              memcpy (input + pos, digits, 3);
              pos += 3;
              if (*sep != '\0')
                input[pos++] = *sep;
              memcpy (input + pos, text, len);
              pos += len;
            }
          json_bytes ("input", input, pos);
        }
      json_string ("file", file);
      json_int ("line", (long long) smtpreply_response_line_number (r));
      json_codes (code, enh);
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

  enum cli_style style = cli_style_for_code (code);
  cli_out_int ((long long) smtpreply_response_line_number (r));
  cli_out_write (": ", 2);
  cli_out_isolate_begin ();
  cli_out_style_begin (style);
  cli_out_write (digits, 3);
  cli_out_style_end (style);
  if (enh != NULL)
    {
      cli_out_putc (' ');
      cli_out_int (enh->cls);
      cli_out_putc ('.');
      cli_out_int (enh->subject);
      cli_out_putc ('.');
      cli_out_int (enh->detail);
    }
  cli_out_isolate_end ();
  const char *heading = code_heading (code);
  if (heading != NULL)
    cli_out_puts (heading);
  for (size_t i = 0; i < n; i++)
    {
      size_t len;
      const char *text = smtpreply_response_line (r, i, &len);
      cli_out_write ("  ", 2);
      cli_out_isolate_begin ();
      cli_out_write (digits, 3);
      cli_out_puts (separator (r, i));
      cli_out_isolate_end ();
      cli_out_safe (text, len);
      cli_out_putc ('\n');
    }
  if (flags != 0)
    {
      /* TRANSLATORS: label: the parser's diagnostics of a reply, as tokens such as BARE_LF.  */
      cli_out_label (N_("Flags"));
      print_flags (flags);
      cli_out_putc ('\n');
    }
  cli_out_end ();
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
