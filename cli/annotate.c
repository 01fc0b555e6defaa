/* annotate.c -- "smtpreply annotate": explain the replies in mail logs.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Each line is read by smtpreply_log_read, so any log format gives its
   reply; Postfix, Exim and Sendmail lines also give their fields and
   outcome.  The records, the verdicts and the summary are the library's:
   the command only chooses what to print.  Lines are streamed: memory does
   not grow with the log, except for the summary's rows.  */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smtpreply.h"
#include "cli.h"

/* Options.  */
static int show_all;
static int summary;
static int redact;
static int failures_only;
static int stage = SMTPREPLY_STAGE_ANY;

/* The record lines are read into, and the summary.  */
static struct smtpreply_log_record *record;
static struct smtpreply_summary *table;

/* The threads that read the lines of files (NULL: the main thread
   alone), and how many --jobs asked for (0: one per processor).  */
static struct cli_pool *pool;
static unsigned int jobs;

/* The most threads a pool has by default: past a few, the main thread,
   which prints, is the bottleneck.  */
#define JOBS_DEFAULT_MAX 8

/* The memory the summary keeps its rows in before it spills them to a
   temporary file, shared by the threads that count: each thread counts
   in a summary of its own, so that the command takes as much with 8
   threads as with 1.  */
#define SUMMARY_MEMORY (1024 * 1024)

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
    return _(smtpreply_class_lookup (code / 100)->text);
  return smtpreply_enhanced_describe_lang (e, cli_lang);
}

/* Print the LEN bytes at LINE, made display-safe and redacted if asked.  */
static void
print_line (const char *line, size_t len)
{
  if (!redact)
    {
      cli_out_safe (line, len);
      return;
    }
  static char *buf;
  static size_t cap;
  if (3 * len + 1 > cap)
    {
      char *b = realloc (buf, 3 * len + 1);
      if (b == NULL)
        return;
      buf = b;
      cap = 3 * len + 1;
    }
  size_t n = 0;
  smtpreply_log_redact (line, len, buf, cap, &n);
  cli_out_safe (buf, n);
}

/* Print the record of line NUMBER of FILE as JSON.  */
static void
print_json (const char *file, size_t number)
{
  static char *buf;
  static size_t cap;
  size_t len = 0;
  int rc = smtpreply_log_record_json (record, file, number, cli_lang, redact,
                                      buf, cap, &len);
  if (rc == SMTPREPLY_ENOSPC)
    {
      char *b = realloc (buf, len + 1);
      if (b == NULL)
        return;
      buf = b;
      cap = len + 1;
      rc = smtpreply_log_record_json (record, file, number, cli_lang, redact,
                                      buf, cap, &len);
    }
  if (rc == 0)
    {
      cli_out_write (buf, len);
      cli_out_putc ('\n');
      cli_out_end ();
    }
}

/* Write the annotation of verdict *V: "  → CODE ENHANCED DESCRIPTION",
   then the reason and the advice.  */
static void
write_annotation (const struct smtpreply_verdict *v)
{
  const struct smtpreply_enhanced_code *e = v->has_enhanced ? &v->enhanced
                                                            : NULL;
  cli_out_puts ("  \xe2\x86\x92 ");
  enum cli_style style = cli_style_for_code (v->code != 0 ? v->code
                                                          : e->cls * 100);
  cli_out_isolate_begin ();
  cli_out_style_begin (style);
  if (v->code != 0)
    cli_out_int (v->code);
  else
    cli_out_putc ('-');
  if (e != NULL)
    {
      cli_out_putc (' ');
      cli_out_int (e->cls);
      cli_out_putc ('.');
      cli_out_int (e->subject);
      cli_out_putc ('.');
      cli_out_int (e->detail);
    }
  cli_out_style_end (style);
  cli_out_isolate_end ();
  cli_out_putc (' ');
  cli_out_puts (describe (v->code, e));
  cli_out_putc ('\n');
  if (v->reason != NULL)
    {
      char sentence[1024];
      smtpreply_verdict_explain (v, cli_lang, sentence, sizeof sentence, NULL);
      /* TRANSLATORS: label: why a delivery failed.  */
      cli_out_label (N_("Reason"));
      cli_out_puts (_(v->reason->title));
      if (v->soft >= 0)
        {
          cli_out_write (" (", 2);
          cli_out_puts (smtpreply_token_describe (
              SMTPREPLY_TOKEN_SEVERITY,
              v->soft ? SMTPREPLY_SEVERITY_SOFT : SMTPREPLY_SEVERITY_HARD,
              cli_lang));
          cli_out_putc (')');
        }
      cli_out_puts (" \xe2\x80\x94 ");
      cli_out_puts (sentence);
      if (v->rule != NULL)
        {
          cli_out_write (" [", 2);
          cli_out_puts (v->rule->id);
          cli_out_putc (']');
        }
      cli_out_putc ('\n');
    }
  if (v->advice != NULL)
    {
      /* TRANSLATORS: label: what a sending program should do.  */
      cli_out_label (N_("Advice"));
      cli_out_puts (smtpreply_token_describe (SMTPREPLY_TOKEN_ACTION,
                                              v->advice->action, cli_lang));
      cli_out_puts (" \xe2\x80\x94 ");
      cli_out_puts (_(v->advice->text));
      cli_out_putc ('\n');
    }
}

/* An annotation made once and kept: it is the same for every line with
   the same verdict (the language and the colours are the run's).  At
   most KEPT_ANNOTATIONS are kept, a few hundred kilobytes.  */
struct kept_annotation
{
  int used;
  struct smtpreply_verdict verdict;
  char *text;
  size_t len;
};

/* Return nonzero if the verdicts A and B give the same annotation.  */
static int
same_verdict (const struct smtpreply_verdict *a,
              const struct smtpreply_verdict *b)
{
  return a->reason == b->reason && a->soft == b->soft && a->rule == b->rule
         && a->advice == b->advice && a->stage == b->stage
         && a->code == b->code && a->has_enhanced == b->has_enhanced
         && (!a->has_enhanced
             || (a->enhanced.cls == b->enhanced.cls
                 && a->enhanced.subject == b->enhanced.subject
                 && a->enhanced.detail == b->enhanced.detail));
}

/* The most annotations kept.  */
#define KEPT_ANNOTATIONS 1024

/* Write the annotation of verdict *V, from the copy kept for it if there
   is one: a few hundred verdicts come back over and over in a log.  */
static void
print_annotation (const struct smtpreply_verdict *v)
{
  static struct kept_annotation kept[KEPT_ANNOTATIONS];
  uintptr_t h = (uintptr_t) v->rule * 31u + (uintptr_t) v->advice
                + (uintptr_t) v->code * 7u + (uintptr_t) v->stage * 131u;
  if (v->has_enhanced)
    h += ((uintptr_t) v->enhanced.cls * 1009u
          + (uintptr_t) v->enhanced.subject * 101u
          + (uintptr_t) v->enhanced.detail)
         * 17u;
  h ^= h >> 11;
  struct kept_annotation *k = &kept[h % KEPT_ANNOTATIONS];
  if (k->used && same_verdict (&k->verdict, v))
    {
      cli_out_write (k->text, k->len);
      return;
    }
  size_t before = cli_out_length ();
  write_annotation (v);
  size_t len;
  const char *made = cli_out_since (before, &len);
  char *copy = made != NULL ? malloc (len > 0 ? len : 1) : NULL;
  if (copy == NULL)
    return;
  memcpy (copy, made, len);
  free (k->text);
  k->used = 1;
  k->verdict = *v;
  k->text = copy;
  k->len = len;
}

/* Print the annotation of the record of the LEN bytes at LINE.  */
static void
print_text (const char *line, size_t len)
{
  print_line (line, len);
  cli_out_putc ('\n');
  print_annotation (smtpreply_log_record_verdict (record));
  cli_out_end ();
}

/* The last error print_error printed, 0 if none.  */
static int printed_error;

/* Print the error RC of the library, with what errno says if a temporary
   file failed (the library leaves errno as the failing call set it).  */
static void
print_error (int rc)
{
  printed_error = rc;
  if (rc == SMTPREPLY_ETEMP_FILE)
    cli_error ("%s: %s", smtpreply_strerror_lang (rc, cli_lang),
               strerror (errno));
  else
    cli_error ("%s", smtpreply_strerror_lang (rc, cli_lang));
}

/* Handle line NUMBER of FILE, the LEN bytes at LINE, as the options say,
   once it is read into the record (RC: what smtpreply_log_read returned;
   REPLY: nonzero if the line has a reply): annotate the reply on it,
   count it in the summary, or print the line as it is.  Return 0, or
   EXIT_NO_FILE if memory ran out or nobody reads the output.  */
static int
use_line (const char *file, size_t number, const char *line, size_t len,
          int rc, int reply)
{
  if (rc == 0 && reply && summary)
    rc = smtpreply_summary_add (table, record, file, number);
  if (rc < 0)
    {
      print_error (rc);
      return EXIT_NO_FILE;
    }
  if (summary)
    return 0;
  const struct smtpreply_verdict *v = smtpreply_log_record_verdict (record);
  int cls = v->code != 0 ? v->code / 100 : v->enhanced.cls;
  int keep = reply && (!failures_only || cls == 4 || cls == 5);
  if (keep && cli_json)
    print_json (file, number);
  else if (keep)
    print_text (line, len);
  else if (show_all && !cli_json)
    {
      print_line (line, len);
      cli_out_putc ('\n');
      cli_out_end ();
    }
  /* Nobody reads what follows: stop reading.  */
  return cli_output_failed () ? EXIT_NO_FILE : 0;
}

/* Read line NUMBER of FILE, the LEN bytes at LINE, into the record and
   handle it (use_line).  */
static int
annotate_one (const char *file, size_t number, const char *line, size_t len)
{
  int rc = smtpreply_log_read (record, line, len, stage);
  return use_line (file, number, line, len, rc,
                   rc == 0 && smtpreply_log_record_match (record)->found);
}

/* The options of the summary.  */
static unsigned int
summary_options (void)
{
  return (redact ? SMTPREPLY_SUMMARY_REDACT : 0)
         | (failures_only ? SMTPREPLY_SUMMARY_FAILURES : 0);
}

/* Make the record and the summary.  Return 0, or EXIT_NO_FILE if memory
   ran out.  */
static int
start (void)
{
  if (smtpreply_log_record_new (&record) != 0
      || (summary && smtpreply_summary_new (summary_options (), &table) != 0))
    {
      cli_error ("%s", smtpreply_strerror_lang (SMTPREPLY_ENOMEM, cli_lang));
      return EXIT_NO_FILE;
    }
  return 0;
}

/* Write the LEN bytes at BUF, a piece of the summary, to the output (CTX
   is unused).  Return 0, or 1 to stop if writing to standard output
   failed (cli_output_flush reports it).  */
static int
write_summary (void *ctx, const char *buf, size_t len)
{
  (void) ctx;
  cli_out_write (buf, len);
  return cli_output_failed () ? 1 : 0;
}

/* Print the summary if --summary was given, and free what start made.
   The summary goes out a piece at a time: its text, as long as the table
   is large, is never held whole.  Return 0, or EXIT_NO_FILE if the
   summary could not be written (the error is printed).  */
static int
finish (void)
{
  int status = 0;
  if (summary && pool != NULL)
    {
      /* The threads' summaries may not fit for the reason that stopped
         the reading: it was said.  */
      int rc = cli_pool_merge (pool);
      if (rc < 0 && rc != printed_error)
        print_error (rc);
      if (rc < 0)
        status = EXIT_NO_FILE;
    }
  cli_pool_free (pool);
  pool = NULL;
  if (summary && table != NULL)
    {
      int format = cli_json    ? SMTPREPLY_SUMMARY_JSON
                   : cli_color ? SMTPREPLY_SUMMARY_COLOR
                               : SMTPREPLY_SUMMARY_TEXT;
      int rc = smtpreply_summary_write (table, format, cli_lang,
                                        write_summary, NULL);
      if (rc < 0)
        {
          print_error (rc);
          status = EXIT_NO_FILE;
        }
    }
  smtpreply_summary_free (table);
  smtpreply_log_record_free (record);
  table = NULL;
  record = NULL;
  return status;
}

/* Report how much of IN was read, on the terminal, every 16 MiB; NEXT
   is the next report's.  */
static void
report_progress (struct cli_input *in, unsigned long long *next)
{
  if (cli_input_bytes (in) < *next)
    return;
  fprintf (stderr, "\r%s: ", program_name);
  cli_put_safe_name (stderr, cli_input_name (in));
  fprintf (stderr, ": %llu MiB", cli_input_bytes (in) >> 20);
  *next += 16ULL << 20;
}

/* How far a file is read, and whether that is reported (standard error
   is a terminal).  */
struct progress
{
  struct cli_input *in;
  int on;
  unsigned long long next;
};

/* What use_line does, with the progress reported: the pool's callback,
   whose CTX is a struct progress.  */
static int
use_line_reporting (void *ctx, const char *file, size_t number,
                    const char *line, size_t len, int rc, int reply)
{
  struct progress *pr = ctx;
  int status = use_line (file, number, line, len, rc, reply);
  if (pr->on)
    report_progress (pr->in, &pr->next);
  return status;
}

/* Read the log IN, with the threads of the pool if there is one.  Return
   0, or EXIT_NO_FILE on a read error.  */
static int
annotate_stream (struct cli_input *in)
{
  const char *file = cli_input_name (in);
  struct progress pr = { in, isatty (STDERR_FILENO) && !cli_json,
                         16ULL << 20 };
  int status = EXIT_OK;
  if (pool != NULL)
    status = cli_pool_run (pool, in, record, use_line_reporting, &pr);
  else
    {
      const char *line;
      size_t len;
      int rc = 0;
      while (status == EXIT_OK && (rc = cli_input_line (in, &line, &len)) > 0)
        {
          status = annotate_one (file, cli_input_line_number (in), line, len);
          if (pr.on)
            report_progress (in, &pr.next);
        }
      if (status == EXIT_OK && rc < 0)
        status = EXIT_NO_FILE;
    }
  if (pr.on && pr.next > 16ULL << 20)
    fputs ("\r\033[K", stderr);
  return status;
}

int
cli_annotate_buffer (const char *buf, size_t len, unsigned int options)
{
  show_all = (options & CLI_ANNOTATE_ALL) != 0;
  summary = (options & CLI_ANNOTATE_SUMMARY) != 0;
  failures_only = (options & CLI_ANNOTATE_FAILURES) != 0;
  redact = (options & CLI_ANNOTATE_REDACT) != 0;
  if (start () != 0)
    return EXIT_NO_FILE;

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
  int done = finish ();
  return status != EXIT_OK ? status : done;
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
  fputs (_("      --summary       print what happened to the mail instead:\n"
           "                      deferred, bounced, rejected, delivered, each\n"
           "                      by reason, destination domain and reply\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --failures      keep only transient and permanent failures\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --redact        hide the local parts of mail addresses\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name and the stage names.  */
  fputs (_("      --stage=STAGE   the command the replies answered, when the log\n"
           "                      does not say: greeting, ehlo, mail, rcpt,\n"
           "                      data, data_end, bdat, auth, starttls, quit\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --jobs=N        read files with N threads (default: one per\n"
           "                      processor, at most 8)\n"),
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
    { "stage", required_argument, NULL, 'S' },
    { "jobs", required_argument, NULL, 'j' },
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
      case 'j':
        {
          char *end;
          unsigned long n = strtoul (optarg, &end, 10);
          if (*optarg < '0' || *optarg > '9' || *end != '\0' || n < 1
              || n > 1024)
            {
              /* TRANSLATORS: a limit option got a value it cannot take.  */
              cli_error (_("invalid value '%s' for %s"), optarg, "--jobs");
              return cli_try_help ("annotate");
            }
          jobs = (unsigned int) n;
        }
        break;
      case 'S':
        if (smtpreply_token_value (SMTPREPLY_TOKEN_STAGE, optarg, &stage)
            != 0)
          {
            /* TRANSLATORS: --stage was given a value that is not a stage.  */
            cli_error (_("unknown stage '%s'"), optarg);
            return cli_try_help ("annotate");
          }
        break;
      }
  if (status >= 0)
    return status;
  if (start () != 0)
    return EXIT_NO_FILE;
  if (jobs == 0)
    {
      jobs = cli_processors ();
      if (jobs > JOBS_DEFAULT_MAX)
        jobs = JOBS_DEFAULT_MAX;
    }
  /* Each thread's summary has its share of the memory.  */
  size_t share = SUMMARY_MEMORY / jobs;
  if (summary)
    smtpreply_summary_set_memory (table, share);
  if (jobs > 1)
    {
      /* The fields of a line are read with it when they are printed
         (--json); the summaries read those of the lines they count.  */
      pool = cli_pool_new (jobs, stage, cli_json, summary ? table : NULL,
                           summary_options (), share);
      if (pool == NULL)
        {
          cli_error ("%s",
                     smtpreply_strerror_lang (SMTPREPLY_ENOMEM, cli_lang));
          finish ();
          return EXIT_NO_FILE;
        }
    }

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
  int done = finish ();
  return status != EXIT_OK ? status : done;
}
