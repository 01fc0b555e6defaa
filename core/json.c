/* json.c -- JSON text: quoting strings, and a writer into a buffer.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Server text, log lines and translations are untrusted: every string is
   written as valid UTF-8 whatever bytes it came as (each maximal invalid
   sequence becomes one U+FFFD, as in display-safe text), with what a
   terminal or a viewer would act on escaped as \uXXXX: C0 controls and
   DEL, and every character display-safe text hides
   (smtpreply_display_hides: C1 controls, line and paragraph separators,
   bidirectional and invisible format characters).  */

#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "internal.h"

/* Return the length of the run of ASCII bytes (below 0x80) at the start
   of the LEN bytes at P.  */
static size_t
ascii_run (const unsigned char *p, size_t len)
{
  size_t i = 0;
  for (; i + 8 <= len; i += 8)
    {
      uint64_t w;
      memcpy (&w, p + i, 8);
      if ((w & UINT64_C (0x8080808080808080)) != 0)
        break;
    }
  while (i < len && p[i] < 0x80)
    i++;
  return i;
}

size_t
smtpreply__utf8_clean (const char *s, size_t len, char *out)
{
  const unsigned char *p = (const unsigned char *) s;
  /* ASCII is valid UTF-8: it is copied as it is, at once.  */
  size_t o = ascii_run (p, len);
  memcpy (out, s, o);
  for (size_t i = o; i < len;)
    {
      uint32_t cp;
      size_t n = smtpreply__utf8_decode (p + i, len - i, &cp);
      if (n == 0)
        {
          memcpy (out + o, "\xef\xbf\xbd", 3);
          o += 3;
          i += cp;
          continue;
        }
      memcpy (out + o, s + i, n);
      o += n;
      i += n;
    }
  return o;
}

/* Return nonzero if byte C goes into a JSON string as it is: printable
   ASCII but the quote and the backslash.  */
static inline int
plain_byte (unsigned char c)
{
  return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

/* Return the length of the run of plain bytes (plain_byte) at the start of
   the LEN bytes at P.  */
static size_t
plain_run (const unsigned char *p, size_t len)
{
  size_t i = 0;
  /* Eight bytes at a time while none of them may need anything: a byte
     below 0x20, DEL, an 8-bit byte, '"' or '\\' leaves a high bit in M
     (the lowest such bit is exact; borrows only go up).  */
  const uint64_t ones = UINT64_C (0x0101010101010101);
  const uint64_t high = UINT64_C (0x8080808080808080);
  for (; i + 8 <= len; i += 8)
    {
      uint64_t w;
      memcpy (&w, p + i, 8);
      uint64_t del = w ^ (ones * 0x7f);
      uint64_t quote = w ^ (ones * '"');
      uint64_t backslash = w ^ (ones * '\\');
      uint64_t m = w | ((w - ones * 0x20) & ~w) | ((del - ones) & ~del)
                   | ((quote - ones) & ~quote)
                   | ((backslash - ones) & ~backslash);
      if ((m & high) != 0)
        break;
    }
  while (i < len && plain_byte (p[i]))
    i++;
  return i;
}

/* Write the LEN bytes at S as the inside of a JSON string, through
   PUT (CTX, BYTES, N), and return the number of bytes written.  */
static size_t
quote (const char *s, size_t len,
       void (*put) (void *ctx, const char *bytes, size_t n), void *ctx)
{
  const unsigned char *p = (const unsigned char *) s;
  size_t total = 0;
  size_t i = 0;
  while (i < len)
    {
      /* A run of bytes that need nothing goes out at once.  */
      size_t run = i + plain_run (p + i, len - i);
      if (run > i)
        {
          put (ctx, s + i, run - i);
          total += run - i;
          i = run;
          continue;
        }
      uint32_t cp;
      size_t n = smtpreply__utf8_decode (p + i, len - i, &cp);
      char esc[16];
      if (n == 0)
        {
          put (ctx, "\xef\xbf\xbd", 3);
          total += 3;
          i += cp;
          continue;
        }
      if (cp == '"' || cp == '\\')
        {
          esc[0] = '\\';
          esc[1] = (char) cp;
          put (ctx, esc, 2);
          total += 2;
        }
      else if (cp == '\n' || cp == '\r' || cp == '\t')
        {
          esc[0] = '\\';
          esc[1] = cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't';
          put (ctx, esc, 2);
          total += 2;
        }
      else if (cp < 0x20 || cp == 0x7f || smtpreply_display_hides (cp))
        {
          /* Past U+FFFF (tag characters), a surrogate pair.  */
          int k = cp <= 0xffff
                      ? snprintf (esc, sizeof esc, "\\u%04x", (unsigned) cp)
                      : snprintf (esc, sizeof esc, "\\u%04x\\u%04x",
                                  (unsigned) (0xd800 + ((cp - 0x10000) >> 10)),
                                  (unsigned) (0xdc00
                                              + ((cp - 0x10000) & 0x3ff)));
          put (ctx, esc, (size_t) k);
          total += (size_t) k;
        }
      else
        {
          put (ctx, s + i, n);
          total += n;
        }
      i += n;
    }
  return total;
}

/* Where smtpreply_json_quote writes: a buffer that may be too small.  */
struct fixed
{
  char *buf;
  size_t size;
  size_t len;
};

/* Append N bytes at BYTES to the struct fixed CTX as far as they fit.  */
static void
put_fixed (void *ctx, const char *bytes, size_t n)
{
  struct fixed *f = ctx;
  if (f->len < f->size)
    {
      size_t room = f->size - f->len;
      memcpy (f->buf + f->len, bytes, n < room ? n : room);
    }
  f->len += n;
}

smtpreply_status
smtpreply_json_quote (const char *buf, size_t len, char *out, size_t size,
                      size_t *out_len)
{
  if ((buf == NULL && len > 0) || (out == NULL && size > 0)
      || out_len == NULL)
    return SMTPREPLY_EINVAL;
  struct fixed f = { out, size, 0 };
  put_fixed (&f, "\"", 1);
  quote (buf, len, put_fixed, &f);
  put_fixed (&f, "\"", 1);
  *out_len = f.len;
  if (f.len >= size)
    {
      if (size > 0)
        out[size - 1] = '\0';
      return SMTPREPLY_ENOSPC;
    }
  out[f.len] = '\0';
  return 0;
}

/* The writer.  */

/* Append N bytes at BYTES to the writer CTX.  */
static void
put_json (void *ctx, const char *bytes, size_t n)
{
  struct smtpreply__json *j = ctx;
  if (j->failed)
    return;
  if (j->len + n + 1 > j->cap)
    {
      size_t cap = j->cap < 256 ? 256 : j->cap;
      while (cap < j->len + n + 1)
        cap *= 2;
      char *b = realloc (j->buf, cap);
      if (b == NULL)
        {
          j->failed = 1;
          return;
        }
      j->buf = b;
      j->cap = cap;
    }
  memcpy (j->buf + j->len, bytes, n);
  j->len += n;
  j->buf[j->len] = '\0';
}

void
smtpreply__json_raw (struct smtpreply__json *j, const char *s, size_t n)
{
  put_json (j, s, n);
}

void
smtpreply__json_quoted (struct smtpreply__json *j, const char *s, size_t n)
{
  put_json (j, "\"", 1);
  quote (s, n, put_json, j);
  put_json (j, "\"", 1);
}

/* Write the comma before a member or element, if one came before.  */
static void
separate (struct smtpreply__json *j)
{
  if (!j->first)
    put_json (j, ",", 1);
  j->first = 0;
}

void
smtpreply__json_begin (struct smtpreply__json *j, char bracket)
{
  put_json (j, &bracket, 1);
  j->first = 1;
}

void
smtpreply__json_end (struct smtpreply__json *j, char bracket)
{
  put_json (j, &bracket, 1);
  j->first = 0;
}

void
smtpreply__json_key (struct smtpreply__json *j, const char *key)
{
  separate (j);
  if (key != NULL)
    {
      smtpreply__json_quoted (j, key, strlen (key));
      put_json (j, ":", 1);
    }
}

void
smtpreply__json_string (struct smtpreply__json *j, const char *key,
                        const char *value)
{
  if (value == NULL)
    return;
  smtpreply__json_key (j, key);
  smtpreply__json_quoted (j, value, strlen (value));
}

void
smtpreply__json_bytes (struct smtpreply__json *j, const char *key,
                       const char *value, size_t n)
{
  smtpreply__json_key (j, key);
  smtpreply__json_quoted (j, value, n);
}

void
smtpreply__json_int (struct smtpreply__json *j, const char *key,
                     long long value)
{
  char num[32];
  int n = snprintf (num, sizeof num, "%lld", value);
  smtpreply__json_key (j, key);
  put_json (j, num, (size_t) n);
}

void
smtpreply__json_bool (struct smtpreply__json *j, const char *key, int value)
{
  smtpreply__json_key (j, key);
  put_json (j, value ? "true" : "false", value ? 4 : 5);
}

void
smtpreply__json_free (struct smtpreply__json *j)
{
  free (j->buf);
  memset (j, 0, sizeof *j);
}

int
smtpreply__json_deliver (struct smtpreply__json *j, char *buf, size_t size,
                         size_t *len)
{
  if (j->failed)
    {
      smtpreply__json_free (j);
      return SMTPREPLY_ENOMEM;
    }
  if (len != NULL)
    *len = j->len;
  int rc = 0;
  if (j->len >= size)
    rc = SMTPREPLY_ENOSPC;
  if (size > 0)
    {
      size_t n = j->len < size ? j->len : size - 1;
      if (n > 0)
        memcpy (buf, j->buf, n);
      buf[n] = '\0';
    }
  smtpreply__json_free (j);
  return rc;
}

void
smtpreply_free (void *p)
{
  free (p);
}
