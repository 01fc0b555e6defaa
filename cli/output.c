/* output.c -- how the smtpreply program writes: messages, text, JSON.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
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
  cli_out_drain ();
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
  cli_out_drain ();
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

/* Standard output.  What the program prints is gathered in one buffer
   and handed to stdio in one fwrite when OUT_CHUNK bytes or more have
   gathered: printf, fputs and putchar for every piece of every record
   cost more than the pieces themselves.  The commands that print a record
   per reply or per line write their pieces with cli_out_* and json_* and
   end each record with cli_out_end.  Whatever else writes to stdout (the
   stdio-style helpers below, a message on stderr, the end of the program)
   first writes out what has gathered, so that the output stays in
   order.  */

#define OUT_CHUNK (64 * 1024)

static char *out;
static size_t out_len;
static size_t out_cap;

void
cli_out_drain (void)
{
  if (out_len > 0)
    fwrite (out, 1, out_len, stdout);
  out_len = 0;
}

void
cli_out_end (void)
{
  if (out_len >= OUT_CHUNK)
    cli_out_drain ();
}

/* Grow the buffer to hold N more bytes.  Return a pointer to them, or
   NULL if memory ran out (what could not be kept is lost, as a failed
   write loses it).  */
static char *
out_grow (size_t n)
{
  size_t cap = out_cap < 2 * OUT_CHUNK ? 2 * OUT_CHUNK : out_cap;
  while (cap - out_len < n)
    {
      if (cap > SIZE_MAX / 2)
        return NULL;
      cap *= 2;
    }
  char *b = realloc (out, cap);
  if (b == NULL)
    return NULL;
  out = b;
  out_cap = cap;
  return out + out_len;
}

/* Make room for N more bytes in the buffer.  Return a pointer to them, or
   NULL if memory ran out.  */
static inline char *
out_room (size_t n)
{
  if (out != NULL && n <= out_cap - out_len)
    return out + out_len;
  return out_grow (n);
}

void
cli_out_write (const char *s, size_t n)
{
  /* A large piece (a summary) goes out as it is, after what came
     before it.  */
  if (n >= OUT_CHUNK)
    {
      cli_out_drain ();
      fwrite (s, 1, n, stdout);
      return;
    }
  char *at = out_room (n);
  if (at == NULL)
    return;
  memcpy (at, s, n);
  out_len += n;
}

size_t
cli_out_length (void)
{
  return out_len;
}

const char *
cli_out_since (size_t mark, size_t *len)
{
  if (out == NULL || mark > out_len)
    {
      *len = 0;
      return NULL;
    }
  *len = out_len - mark;
  return out + mark;
}

void
cli_out_puts (const char *s)
{
  cli_out_write (s, strlen (s));
}

void
cli_out_putc (char c)
{
  char *at = out_room (1);
  if (at == NULL)
    return;
  *at = c;
  out_len++;
}

void
cli_out_int (long long v)
{
  char digits[24];
  size_t n = sizeof digits;
  unsigned long long u = v < 0 ? 0 - (unsigned long long) v
                               : (unsigned long long) v;
  do
    {
      digits[--n] = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u != 0);
  if (v < 0)
    digits[--n] = '-';
  cli_out_write (digits + n, sizeof digits - n);
}

int cli_isolate;

void
cli_out_isolate_begin (void)
{
  if (cli_isolate)
    cli_out_write ("\xe2\x81\xa8", 3);
}

void
cli_out_isolate_end (void)
{
  if (cli_isolate)
    cli_out_write ("\xe2\x81\xa9", 3);
}

static void out_safe (const char *s, size_t len);

void
cli_out_safe (const char *s, size_t len)
{
  cli_out_isolate_begin ();
  out_safe (s, len);
  cli_out_isolate_end ();
}

static void
out_safe (const char *s, size_t len)
{
  if (len == 0)
    return;
  if (len > (SIZE_MAX - 1) / 4)
    return;
  char *at = out_room (4 * len + 1);
  size_t n = 0;
  if (at != NULL && smtpreply_display_safe (s, len, at, 4 * len + 1, &n) == 0)
    out_len += n;
}

/* SGR sequences of each style.  */
static const char *const sgr[] = { "", "1", "2", "32", "36", "33", "31" };

void
cli_out_style_begin (enum cli_style style)
{
  if (cli_color && style != STYLE_NONE)
    {
      cli_out_write ("\033[", 2);
      cli_out_puts (sgr[style]);
      cli_out_putc ('m');
    }
}

void
cli_out_style_end (enum cli_style style)
{
  if (cli_color && style != STYLE_NONE)
    cli_out_write ("\033[0m", 4);
}

/* The labels written lately, as the language writes them: a log brings
   the same few labels on every line, so each is formatted once.  */
#define LABEL_CACHE 8
static struct
{
  const char *label;       /* the label as given; NULL: unused */
  const char *lang;        /* CLI_LANG when it was formatted */
  char text[256];          /* "Reason: " in the language */
  size_t len;              /* the length of TEXT */
  size_t end;              /* the length of TEXT without its spaces at
                              the end, which are not bold */
} labels[LABEL_CACHE];
static size_t next_label;

void
cli_out_label (const char *label)
{
  size_t k = 0;
  while (k < LABEL_CACHE
         && !(labels[k].label == label && labels[k].lang == cli_lang))
    k++;
  if (k == LABEL_CACHE)
    {
      k = next_label;
      next_label = (next_label + 1) % LABEL_CACHE;
      char *buf = labels[k].text;
      size_t size = sizeof labels[k].text;
      /* TRANSLATORS: how a label ends, as in "Reason: Mailbox full"; %s is the label.  Use your language's colon and spacing (French "%s : " with a narrow no-break space, Chinese and Japanese a full-width colon and no space).  */
      int n = snprintf (buf, size, _("%s: "),
                        smtpreply_translate (label, cli_lang));
      size_t len = n < 0 ? 0 : (size_t) n < size ? (size_t) n : size - 1;
      size_t end = len;
      while (end > 0 && buf[end - 1] == ' ')
        end--;
      labels[k].label = label;
      labels[k].lang = cli_lang;
      labels[k].len = len;
      labels[k].end = end;
    }
  cli_out_write ("  ", 2);
  cli_out_style_begin (STYLE_BOLD);
  cli_out_write (labels[k].text, labels[k].end);
  cli_out_style_end (STYLE_BOLD);
  cli_out_write (labels[k].text + labels[k].end,
                 labels[k].len - labels[k].end);
}

/* The stdio-style helpers, for the code that prints with printf around
   them: each writes out what it gathered at once.  */

void
cli_style_begin (enum cli_style style)
{
  cli_out_style_begin (style);
  cli_out_drain ();
}

void
cli_style_end (enum cli_style style)
{
  cli_out_style_end (style);
  cli_out_drain ();
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

void
cli_print_safe (const char *s, size_t len)
{
  cli_out_safe (s, len);
  cli_out_drain ();
}

void
cli_isolate_begin (void)
{
  cli_out_isolate_begin ();
  cli_out_drain ();
}

void
cli_isolate_end (void)
{
  cli_out_isolate_end ();
  cli_out_drain ();
}

void
cli_label (const char *label)
{
  cli_out_label (label);
  cli_out_drain ();
}

/* JSON Lines.  Every string is written as valid UTF-8, whatever bytes it
   came as: an invalid sequence becomes U+FFFD, a control an escape.  What
   the text output removes or escapes (C1 controls, bidirectional and
   invisible characters, the line and paragraph separators) is escaped
   too, so that a program showing the value sees what the text output
   shows.  A record is gathered with the other pieces of output and ended
   by json_end.  */

static int json_first; /* no key written yet at this level */

/* Write the LEN bytes at S as a JSON string (smtpreply_json_quote).  */
static void
json_quote (const char *s, size_t len)
{
  if (len > (SIZE_MAX - 3) / 12)
    {
      cli_out_write ("\"\"", 2);
      return;
    }
  size_t need = 12 * len + 3;
  char *at = out_room (need);
  size_t n = 0;
  if (at != NULL && smtpreply_json_quote (s, len, at, need, &n) == 0)
    out_len += n;
  else
    cli_out_write ("\"\"", 2);
}

/* Write the separator before a member, and its key: one of the
   program's own names, plain ASCII, which need no escape.  */
static void
json_key (const char *key)
{
  if (!json_first)
    cli_out_putc (',');
  json_first = 0;
  if (key != NULL)
    {
      cli_out_putc ('"');
      cli_out_puts (key);
      cli_out_write ("\":", 2);
    }
}

void
json_begin (void)
{
  cli_out_putc ('{');
  json_first = 1;
}

void
json_end (void)
{
  cli_out_write ("}\n", 2);
  cli_out_end ();
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
  cli_out_int (value);
}

void
json_array_begin (const char *key)
{
  json_key (key);
  cli_out_putc ('[');
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
  cli_out_puts (value ? "true" : "false");
}

void
json_members (const char *members, size_t len)
{
  if (len == 0)
    return;
  json_key (NULL);
  cli_out_write (members, len);
}

void
json_array_end (void)
{
  cli_out_putc (']');
  json_first = 0;
}
