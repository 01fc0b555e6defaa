/* cli.h -- what the parts of the smtpreply program share.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#ifndef SMTPREPLY_CLI_H
#define SMTPREPLY_CLI_H 1

#include <getopt.h>
#include <stdio.h>
#include <sys/types.h>

#include "smtpreply.h"

/* The program's strings are msgids of the library's catalogs, served in
   the language of --lang (or the environment's) by the library itself, so
   that they follow the same language as the explanations even where no
   system locale for it is installed.  */
#define _(msgid) smtpreply_translate (msgid, cli_lang)
#define N_(msgid) msgid
#define P_(msgid, plural, n) smtpreply_translate_plural (msgid, plural, n, cli_lang)

/* Exit statuses.  */
enum
{
  EXIT_OK = 0,
  EXIT_BAD_INPUT = 1, /* an argument or input was not a valid code */
  EXIT_USAGE = 2,     /* bad options */
  EXIT_NO_FILE = 3    /* an input file could not be read */
};

/* Options common to every subcommand.  */
extern const char *cli_lang;   /* --lang, or NULL for the environment's */
extern int cli_json;           /* --json */
extern int cli_color;          /* colours on stdout */
extern int cli_isolate;        /* text output in a right-to-left language:
                                  codes, addresses and server text are
                                  isolated (U+2068 ... U+2069) */
extern const char *program_name;

/* main.c: the options every command takes, for their option tables.  */
#define CLI_COMMON_OPTIONS                                                   \
  { "lang", required_argument, NULL, 'L' },                                  \
  { "json", no_argument, NULL, 'J' },                                        \
  { "color", optional_argument, NULL, 'C' },                                 \
  { "colour", optional_argument, NULL, 'C' },                                \
  { "help", no_argument, NULL, 'h' }

/* Return the next option of ARGV (with getopt_long and OPTIONS) that is
   COMMAND's own, or -1 when the options end.  The common options are taken
   here; --help prints USAGE and ends the options with *STATUS set to
   EXIT_OK; an unknown option or a bad value is reported and ends them with
   *STATUS set to EXIT_USAGE.  With DIGITS_ARE_ARGUMENTS, a dash followed by
   a digit ("-1") is an argument, not an option.  When the options end
   normally, *STATUS is left as it was and what the options chose is
   settled (colours, the language's check).  COMMAND is NULL for the
   program's own options.  */
int cli_next_option (int argc, char **argv, const struct option *options,
                     const char *command, void (*usage) (void),
                     int digits_are_arguments, int *status);

/* Print "Try 'smtpreply COMMAND --help'..." on stderr and return
   EXIT_USAGE.  */
int cli_try_help (const char *command);

/* output.c: messages on stderr, "smtpreply: MESSAGE", with any control,
   invalid UTF-8, bidirectional or invisible character of the formatted
   message shown as an escape ("\x1B", "\u202E"), so that a file name or
   an argument cannot act on the terminal.  */
void cli_error (const char *format, ...)
    __attribute__ ((format (printf, 1, 2)));
void cli_warning (const char *format, ...)
    __attribute__ ((format (printf, 1, 2)));
/* Write NAME to F with the same escapes, for what does not go through
   cli_error (the progress line).  */
void cli_put_safe_name (FILE *f, const char *name);

/* output.c: write errors on standard output.  Return nonzero if a write
   to it has failed: a command reading a long input stops there.  */
int cli_output_failed (void);
/* Flush standard output.  Return 0 if it took everything written to it,
   else report "write error: REASON" (once) and return -1.  */
int cli_output_flush (void);

/* output.c: standard output, gathered in one buffer and written out in
   large pieces.  Pieces of a record go in with cli_out_* (and json_*);
   cli_out_end ends a record, and writes out what has gathered once it is
   large.  cli_out_drain writes it out now: the stdio-style helpers below,
   messages and cli_output_flush do, so that the output stays in order.  */
void cli_out_write (const char *s, size_t n);
void cli_out_puts (const char *s);
void cli_out_putc (char c);
void cli_out_int (long long v);
/* Write the LEN bytes at S, from a server or a log, made display-safe
   (and isolated, when cli_isolate says so).  */
void cli_out_safe (const char *s, size_t len);
/* Begin and end a run that keeps its own left-to-right direction inside
   right-to-left text (a code, an enhanced code): U+2068 FIRST STRONG
   ISOLATE and U+2069 POP DIRECTIONAL ISOLATE when cli_isolate is set,
   else nothing.  */
void cli_out_isolate_begin (void);
void cli_out_isolate_end (void);
void cli_out_end (void);
void cli_out_drain (void);
/* Return how much is gathered; and what was gathered after MARK (a value
   cli_out_length returned since the last cli_out_end or cli_out_drain),
   storing its length in *LEN: for a piece of output to keep a copy of.
   NULL if MARK is past what is gathered.  */
size_t cli_out_length (void);
const char *cli_out_since (size_t mark, size_t *len);

/* output.c: text on stdout.  */
enum cli_style
{
  STYLE_NONE,
  STYLE_BOLD,
  STYLE_DIM,
  STYLE_GOOD,    /* 2yz */
  STYLE_MORE,    /* 1yz, 3yz */
  STYLE_RETRY,   /* 4yz */
  STYLE_FAIL     /* 5yz */
};
void cli_out_style_begin (enum cli_style style);
void cli_out_style_end (enum cli_style style);
/* Write "  LABEL: " with LABEL translated.  */
void cli_out_label (const char *label);
/* The same, written out at once, for code that prints with stdio.  */
void cli_style_begin (enum cli_style style);
void cli_style_end (enum cli_style style);
enum cli_style cli_style_for_code (int code);
/* Print the LEN bytes at S, from a server or a log, made display-safe.  */
void cli_print_safe (const char *s, size_t len);
void cli_isolate_begin (void);
void cli_isolate_end (void);
/* Print "  LABEL: " with LABEL translated.  */
void cli_label (const char *label);

/* output.c: JSON Lines, gathered with the other pieces of output.  One
   record is open at a time; json_end ends it as cli_out_end does.  */
void json_begin (void);
void json_end (void);
void json_string (const char *key, const char *value);
void json_bytes (const char *key, const char *value, size_t len);
void json_int (const char *key, long long value);
void json_array_begin (const char *key);
void json_array_string (const char *value, size_t len);
void json_array_end (void);
void json_bool (const char *key, int value);
/* Add the LEN bytes at MEMBERS, members of an object written elsewhere
   ("\"a\":1,\"b\":2"), to the open record.  */
void json_members (const char *members, size_t len);

/* input.c: input files, plain or compressed (gzip, xz, bzip2, zstd: told
   by their content), "-" for standard input.  Errors are reported on
   stderr, naming the file.  */
#define CLI_LINE_MAX (1024 * 1024)
/* A flag of cli_input_open: refuse a file whose first 4 KiB of text hold
   binary data, before any of it is read.  */
#define CLI_INPUT_TEXT 1u
struct cli_input;
/* Open PATH ("-": standard input) with FLAGS (CLI_INPUT_*).  Return the
   input, or NULL after reporting why, with *STATUS set to EXIT_NO_FILE
   (it cannot be read) or EXIT_BAD_INPUT (binary data).  */
struct cli_input *cli_input_open (const char *path, unsigned int flags,
                                  int *status);
/* The same for the open file descriptor FD, which the input then owns,
   named NAME in messages.  */
struct cli_input *cli_input_fdopen (int fd, const char *name,
                                    unsigned int flags, int *status);
const char *cli_input_name (const struct cli_input *in);
/* Read up to SIZE bytes; return how many (0 at the end) or -1 after
   reporting a read error or damaged compressed data, which comes only
   after all that could be read before it.  */
ssize_t cli_input_read (struct cli_input *in, char *buf, size_t size);
/* Store the next line (without its line ending, cut at CLI_LINE_MAX) in
   *LINE and *LEN; return 1, 0 at the end, or -1 as cli_input_read does
   (the line cut short by an error comes first).  The line may be in the
   input's buffer: it stays valid only until the next call.  */
int cli_input_line (struct cli_input *in, const char **line, size_t *len);
/* Store in *BYTES the bytes decoded ahead that no call has handed out,
   and return their number (0 if there are none, or if an error is to be
   handed out first).  They stay valid until the next call of
   cli_input_line or cli_input_read.  */
size_t cli_input_ahead (const struct cli_input *in, const char **bytes);
/* Count the first BYTES bytes that cli_input_ahead stored, LINES whole
   lines each ending with its LF, as handed out.  */
void cli_input_skip (struct cli_input *in, size_t bytes, size_t lines);
size_t cli_input_line_number (const struct cli_input *in);
unsigned long long cli_input_bytes (const struct cli_input *in);
void cli_input_close (struct cli_input *in);

/* pool.c: the lines of a log read by several threads, used in order.  */
struct cli_pool;
/* What cli_pool_run calls for each line NUMBER of FILE, the LEN bytes at
   LINE, in order, with CTX: RC is what smtpreply_log_read returned for it,
   and REPLY is nonzero if the line has a reply, whose record is then in
   the caller's record.  In a pool that counts, REPLY is 0 and RC is what
   smtpreply_summary_add returned if it failed, with errno as it left it.
   A nonzero return stops the run and is returned.  */
typedef int cli_pool_use (void *ctx, const char *file, size_t number,
                          const char *line, size_t len, int rc, int reply);
/* Make a pool of JOBS threads, the caller's included (1: the caller
   alone), that read lines at STAGE, with their fields too if FIELDS.  If
   TABLE is not NULL, the pool counts the lines with a reply in it, and in
   summaries of the same OPTIONS and MEMORY (smtpreply_summary_set_memory)
   that its other threads make, which cli_pool_merge adds to it.  Return
   it, or NULL if memory ran out.  */
struct cli_pool *cli_pool_new (unsigned int jobs, int stage, int fields,
                               struct smtpreply_summary *table,
                               unsigned int options, size_t memory);
/* Read the lines of IN with the threads of P (started when the input
   holds more than one batch) and hand each to USE, in order, with CTX,
   having copied its record, if it has a reply, into DST.  Return 0,
   EXIT_NO_FILE after a read error (reported) or when memory ran out, or
   what USE returned to stop.  */
int cli_pool_run (struct cli_pool *p, struct cli_input *in,
                  struct smtpreply_log_record *dst, cli_pool_use *use,
                  void *ctx);
/* Add what the threads of P, which counts, have counted to its TABLE,
   once, after the last cli_pool_run.  Return 0, or the error of
   smtpreply_summary_merge (with errno as it left it).  */
int cli_pool_merge (struct cli_pool *p);
/* Stop the threads of P and free it.  NULL is allowed.  */
void cli_pool_free (struct cli_pool *p);
/* The number of processors online, at least 1.  */
unsigned int cli_processors (void);

/* explain.c  */
/* Describe reply CODE (valid, or outside the grammar if NONSTANDARD) with
   enhanced code ENH (NULL if none), found in the TEXT_LEN bytes at TEXT
   (NULL if the user gave a code alone), in text or JSON, with the verdict
   on it; INPUT is what the user gave.  */
void cli_describe (const char *input, size_t input_len, int code,
                   const struct smtpreply_enhanced_code *enh,
                   const char *text, size_t text_len, int nonstandard);
/* Print the lines of verdict *V: the reason, the rule and why, the
   advice.  */
void cli_print_verdict (const struct smtpreply_verdict *v);
/* Add the keys of verdict *V to the open JSON record.  */
void cli_json_verdict (const struct smtpreply_verdict *v);
/* Add the keys of reply CODE (0: none) and ENH, and the advice at STAGE,
   to the open JSON record.  */
void cli_json_reply (int code, const struct smtpreply_enhanced_code *enh,
                     int stage);
/* Return those keys as JSON members ("\"code\":550,..."), in a buffer
   kept until the next call, and store their length in *LEN; NULL if
   memory ran out.  */
const char *cli_json_reply_members (int code,
                                    const struct smtpreply_enhanced_code *enh,
                                    int stage, size_t *len);

/* annotate.c: the options of "annotate", for cli_annotate_buffer.  */
enum
{
  CLI_ANNOTATE_ALL = 1,      /* --all */
  CLI_ANNOTATE_SUMMARY = 2,  /* --summary */
  CLI_ANNOTATE_FAILURES = 4, /* --failures */
  CLI_ANNOTATE_REDACT = 8    /* --redact */
};
/* Annotate the lines of the LEN bytes at BUF as "annotate" with OPTIONS
   (CLI_ANNOTATE_* bits) does a file named "-", its summary included, with
   the same code; return the exit status.  The fuzzing harness calls it.  */
int cli_annotate_buffer (const char *buf, size_t len, unsigned int options);

/* Subcommands: each returns the exit status.  */
int cmd_explain (int argc, char **argv);
int cmd_list (int argc, char **argv);
int cmd_parse (int argc, char **argv);
int cmd_annotate (int argc, char **argv);
int cmd_bounce (int argc, char **argv);

#endif /* SMTPREPLY_CLI_H */
