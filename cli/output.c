/* output.c -- how the smtpreply program writes: messages, text, JSON.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "cli.h"

/* Print "PROGRAM: KIND FORMAT..." on stderr.  */
static void
message (const char *kind, const char *format, va_list ap)
{
  fflush (stdout);
  fprintf (stderr, "%s: ", program_name);
  if (kind != NULL)
    fprintf (stderr, "%s: ", kind);
  vfprintf (stderr, format, ap);
  fputc ('\n', stderr);
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
  fputs ("  ", stdout);
  cli_style_begin (STYLE_BOLD);
  fputs (smtpreply_translate (label, cli_lang), stdout);
  fputs (":", stdout);
  cli_style_end (STYLE_BOLD);
  fputs (" ", stdout);
}

/* JSON Lines.  Every string is written as valid UTF-8, whatever bytes it
   came as: an invalid sequence becomes U+FFFD, a control an escape.  */

static int json_first; /* no key written yet at this level */

/* Write the LEN bytes at S as a JSON string.  */
static void
json_quote (const char *s, size_t len)
{
  const unsigned char *p = (const unsigned char *) s;
  putchar ('"');
  for (size_t i = 0; i < len;)
    {
      unsigned char c = p[i];
      size_t n = 0;
      /* Length of a valid UTF-8 sequence at I, or 0.  */
      if (c < 0x80)
        n = 1;
      else if (c >= 0xc2 && c <= 0xdf)
        n = 2;
      else if (c >= 0xe0 && c <= 0xef)
        n = 3;
      else if (c >= 0xf0 && c <= 0xf4)
        n = 4;
      if (n > 1)
        {
          if (i + n > len)
            n = 0;
          for (size_t k = 1; k < n; k++)
            if ((p[i + k] & 0xc0) != 0x80)
              n = 0;
          /* No overlong forms, surrogates or code points past U+10FFFF.  */
          if (n == 3
              && ((c == 0xe0 && p[i + 1] < 0xa0)
                  || (c == 0xed && p[i + 1] > 0x9f)))
            n = 0;
          if (n == 4
              && ((c == 0xf0 && p[i + 1] < 0x90)
                  || (c == 0xf4 && p[i + 1] > 0x8f)))
            n = 0;
        }
      if (n == 0)
        {
          fputs ("\xef\xbf\xbd", stdout);
          i++;
          continue;
        }
      if (n == 1)
        {
          if (c == '"' || c == '\\')
            printf ("\\%c", c);
          else if (c == '\n')
            fputs ("\\n", stdout);
          else if (c == '\r')
            fputs ("\\r", stdout);
          else if (c == '\t')
            fputs ("\\t", stdout);
          else if (c < 0x20 || c == 0x7f)
            printf ("\\u%04x", c);
          else
            putchar (c);
        }
      else
        fwrite (p + i, 1, n, stdout);
      i += n;
    }
  putchar ('"');
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
json_array_end (void)
{
  putchar (']');
  json_first = 0;
}
