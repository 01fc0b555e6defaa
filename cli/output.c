/* output.c -- how the smtpreply program writes: messages, text, JSON.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "cli.h"

/* Write the LEN bytes at S to F with what a terminal would obey or hide
   shown as escapes (smtpreply_display_escape).  A file name or an
   argument echoed in a message is shown so, whatever it holds.  */
static void
put_escaped (FILE *f, const char *s, size_t len)
{
  char small[1024];
  size_t need = 10 * len + 1;
  char *buf = need <= sizeof small ? small : malloc (need);
  size_t n = 0;
  if (buf != NULL && smtpreply_display_escape (s, len, buf, need, &n) == 0)
    fwrite (buf, 1, n, f);
  if (buf != small)
    free (buf);
}

/* Print "PROGRAM: KIND FORMAT..." on stderr, the message made safe for
   a terminal by put_escaped: the arguments may be file names, options or
   language tags as the user typed them.  */
static void
message (const char *kind, const char *format, va_list ap)
{
  fflush (stdout);
  char small[512];
  char *text = small;
  va_list again;
  va_copy (again, ap);
  int n = vsnprintf (small, sizeof small, format, ap);
  if (n >= (int) sizeof small)
    {
      text = malloc ((size_t) n + 1);
      if (text != NULL)
        vsnprintf (text, (size_t) n + 1, format, again);
      else
        {
          text = small;
          n = (int) sizeof small - 1;
        }
    }
  va_end (again);
  fprintf (stderr, "%s: ", program_name);
  if (kind != NULL)
    fprintf (stderr, "%s: ", kind);
  if (n > 0)
    put_escaped (stderr, text, (size_t) n);
  fputc ('\n', stderr);
  if (text != small)
    free (text);
}

void
cli_put_safe_name (FILE *f, const char *name)
{
  put_escaped (f, name, strlen (name));
}

/* The error of the first failed write to standard output, once seen.  */
static int output_errno;
static int output_failed;

int
cli_output_failed (void)
{
  if (!output_failed && ferror (stdout))
    {
      output_failed = 1;
      output_errno = errno;
    }
  return output_failed;
}

int
cli_output_flush (void)
{
  static int reported;
  int flushed = fflush (stdout);
  int err = errno;
  if (flushed == 0 && !cli_output_failed ())
    return 0;
  if (!reported)
    {
      /* The buffer a write failed on stays in the stream, so flushing
         again meets the same error; else keep the first one seen.  */
      if (flushed != 0)
        output_errno = err;
      output_failed = 1;
      reported = 1;
      if (output_errno != 0)
        /* TRANSLATORS: writing the output failed (a full disk, a closed pipe).  */
        cli_error ("%s: %s", _("write error"), strerror (output_errno));
      else
        cli_error ("%s", _("write error"));
    }
  return -1;
}

void
cli_error (const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  message (NULL, format, ap);
  va_end (ap);
}

void
cli_warning (const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  /* TRANSLATORS: the prefix of a warning on stderr: "smtpreply: warning: ...".  */
  message (_("warning"), format, ap);
  va_end (ap);
}

/* SGR sequences of each style.  */
static const char *const sgr[] = { "", "1", "2", "32", "36", "33", "31" };

void
cli_style_begin (enum cli_style style)
{
  if (cli_color && style != STYLE_NONE)
    printf ("\033[%sm", sgr[style]);
}

void
cli_style_end (enum cli_style style)
{
  if (cli_color && style != STYLE_NONE)
    fputs ("\033[0m", stdout);
}

enum cli_style
cli_style_for_code (int code)
{
  switch (code / 100)
    {
    case 2:
      return STYLE_GOOD;
    case 1:
    case 3:
      return STYLE_MORE;
    case 4:
      return STYLE_RETRY;
    case 5:
      return STYLE_FAIL;
    default:
      return STYLE_NONE;
    }
}

/* Make the LEN bytes at S display-safe in a buffer that stays allocated
   between calls.  Return it, NUL-terminated, and store its length.  */
static const char *
safe (const char *s, size_t len, size_t *out_len)
{
  static char *buf;
  static size_t cap;
  size_t need = len * 4 + 1;
  if (need > cap)
    {
      char *b = realloc (buf, need);
      if (b == NULL)
        {
          *out_len = 0;
          return "";
        }
      buf = b;
      cap = need;
    }
  if (smtpreply_display_safe (s, len, buf, cap, out_len) != 0)
    {
      *out_len = 0;
      return "";
    }
  return buf;
}

void
cli_print_safe (const char *s, size_t len)
{
  size_t n;
  const char *text = safe (s, len, &n);
  fwrite (text, 1, n, stdout);
}

void
cli_label (const char *label)
{
  char buf[256];
  /* TRANSLATORS: how a label ends, as in "Reason: Mailbox full"; %s is the label.  Use your language's colon and spacing (French "%s : " with a narrow no-break space, Chinese and Japanese a full-width colon and no space).  */
  int n = snprintf (buf, sizeof buf, _("%s: "),
                    smtpreply_translate (label, cli_lang));
  size_t len = n < 0 ? 0 : (size_t) n < sizeof buf ? (size_t) n : sizeof buf - 1;
  /* The spaces after the colon are not bold.  */
  size_t end = len;
  while (end > 0 && buf[end - 1] == ' ')
    end--;
  fputs ("  ", stdout);
  cli_style_begin (STYLE_BOLD);
  fwrite (buf, 1, end, stdout);
  cli_style_end (STYLE_BOLD);
  fwrite (buf + end, 1, len - end, stdout);
}

/* JSON Lines.  Every string is written as valid UTF-8, whatever bytes it
   came as: an invalid sequence becomes U+FFFD, a control an escape.  What
   the text output removes or escapes (C1 controls, bidirectional and
   invisible characters, the line and paragraph separators) is escaped
   too, so that a program showing the value sees what the text output
   shows.  */

static int json_first; /* no key written yet at this level */

/* Write the LEN bytes at S as a JSON string (smtpreply_json_quote).  */
static void
json_quote (const char *s, size_t len)
{
  static char *buf;
  static size_t cap;
  size_t need = 12 * len + 3;
  if (need > cap)
    {
      char *b = realloc (buf, need);
      if (b == NULL)
        {
          fputs ("\"\"", stdout);
          return;
        }
      buf = b;
      cap = need;
    }
  size_t n = 0;
  smtpreply_json_quote (s, len, buf, cap, &n);
  fwrite (buf, 1, n, stdout);
}

/* Write the separator before a member, and its key.  */
static void
json_key (const char *key)
{
  if (!json_first)
    putchar (',');
  json_first = 0;
  if (key != NULL)
    {
      json_quote (key, strlen (key));
      putchar (':');
    }
}

void
json_begin (void)
{
  putchar ('{');
  json_first = 1;
}

void
json_end (void)
{
  fputs ("}\n", stdout);
}

void
json_string (const char *key, const char *value)
{
  if (value == NULL)
    return;
  json_key (key);
  json_quote (value, strlen (value));
}

void
json_bytes (const char *key, const char *value, size_t len)
{
  json_key (key);
  json_quote (value, len);
}

void
json_int (const char *key, long long value)
{
  json_key (key);
  printf ("%lld", value);
}

void
json_array_begin (const char *key)
{
  json_key (key);
  putchar ('[');
  json_first = 1;
}

void
json_array_string (const char *value, size_t len)
{
  json_key (NULL);
  json_quote (value, len);
}

void
json_bool (const char *key, int value)
{
  json_key (key);
  fputs (value ? "true" : "false", stdout);
}

void
json_members (const char *members, size_t len)
{
  if (len == 0)
    return;
  json_key (NULL);
  fwrite (members, 1, len, stdout);
}

void
json_array_end (void)
{
  putchar (']');
  json_first = 0;
}
