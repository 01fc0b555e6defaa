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
#if defined __SSE2__ && defined __GNUC__
# include <emmintrin.h>
#endif

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

/* Return the high bits of the eight bytes at P that may need something:
   a byte below 0x20, DEL, an 8-bit byte, '"' or '\\' leaves its high bit
   set.  The lowest bit set is exact (borrows only go up); 0 if the eight
   are plain.  */
static inline uint64_t
special_bits (const unsigned char *p)
{
  const uint64_t ones = UINT64_C (0x0101010101010101);
  const uint64_t high = UINT64_C (0x8080808080808080);
  uint64_t w;
  memcpy (&w, p, 8);
  uint64_t del = w ^ (ones * 0x7f);
  uint64_t quote = w ^ (ones * '"');
  uint64_t backslash = w ^ (ones * '\\');
  uint64_t m = w | ((w - ones * 0x20) & ~w) | ((del - ones) & ~del)
               | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash);
  return m & high;
}

/* Return the length of the run of plain bytes (plain_byte) at the start of
   the LEN bytes at P: the plain way, eight bytes at a time.  */
static size_t
plain_run_words (const unsigned char *p, size_t len)
{
  size_t i = 0;
  /* Eight bytes at a time while none of them may need anything.  */
  for (; i + 8 <= len; i += 8)
    {
      uint64_t m = special_bits (p + i);
      if (m != 0)
        {
#if defined __GNUC__ && defined __BYTE_ORDER__                              \
    && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
          /* The first byte in memory is the lowest.  */
          return i + (size_t) (__builtin_ctzll (m) / 8);
#else
          break;
#endif
        }
    }
#if defined __GNUC__ && defined __BYTE_ORDER__                              \
    && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  /* The last bytes, as the eight that end the text: those before I are
     plain, and leave no bit.  */
  if (i < len && len >= 8)
    {
      uint64_t m = special_bits (p + len - 8);
      return m != 0 ? len - 8 + (size_t) (__builtin_ctzll (m) / 8) : len;
    }
#endif
  while (i < len && plain_byte (p[i]))
    i++;
  return i;
}

#if defined __SSE2__ && defined __GNUC__
/* Return the mask of the bytes of V that may need something.  */
static inline unsigned int
special_mask (__m128i v)
{
  const __m128i space = _mm_set1_epi8 (0x20);
  const __m128i del = _mm_set1_epi8 (0x7f);
  const __m128i quote = _mm_set1_epi8 ('"');
  const __m128i backslash = _mm_set1_epi8 ('\\');
  /* Signed: below 0x20, and the 8-bit bytes, are below SPACE.  */
  __m128i special = _mm_or_si128 (
      _mm_or_si128 (_mm_cmplt_epi8 (v, space), _mm_cmpeq_epi8 (v, del)),
      _mm_or_si128 (_mm_cmpeq_epi8 (v, quote),
                    _mm_cmpeq_epi8 (v, backslash)));
  return (unsigned int) _mm_movemask_epi8 (special);
}

/* The same, sixteen bytes at a time with SSE2: strings are mostly long
   runs of plain bytes.  */
static size_t
plain_run_sse2 (const unsigned char *p, size_t len)
{
  if (len < 16)
    return plain_run_words (p, len);
  size_t i = 0;
  for (; i + 16 <= len; i += 16)
    {
      unsigned int m
          = special_mask (_mm_loadu_si128 ((const __m128i *) (p + i)));
      if (m != 0)
        return i + (size_t) __builtin_ctz (m);
    }
  if (i == len)
    return len;
  /* The last bytes, as the sixteen that end the text: those before I are
     plain, and leave no bit.  */
  unsigned int m
      = special_mask (_mm_loadu_si128 ((const __m128i *) (p + len - 16)));
  return m != 0 ? len - 16 + (size_t) __builtin_ctz (m) : len;
}
#endif

/* Return the length of the run of plain bytes at the start of the LEN
   bytes at P: with SSE2 where the compiler targets it and smtpreply__simd
   allows it, else the plain way.  */
static inline size_t
plain_run (const unsigned char *p, size_t len)
{
#if defined __SSE2__ && defined __GNUC__
  if (smtpreply__simd)
    return plain_run_sse2 (p, len);
#endif
  return plain_run_words (p, len);
}

/* The most bytes one byte of a string becomes inside a JSON string: a
   control is "\u001b"; a character of up to four bytes becomes at most
   two escapes of six.  */
#define QUOTED_MAX 6

/* Write into OUT (QUOTED_MAX * LEN bytes at least) the JSON form of the
   character at P (LEN bytes left, and P[0] not a plain byte), store in
   *USED how many bytes of P it took, and return the length written.  */
static size_t
special (const unsigned char *p, size_t len, size_t *used, char *out)
{
  uint32_t cp;
  size_t n = smtpreply__utf8_decode (p, len, &cp);
  if (n == 0)
    {
      memcpy (out, "\xef\xbf\xbd", 3);
      *used = cp;
      return 3;
    }
  *used = n;
  if (cp == '"' || cp == '\\')
    {
      out[0] = '\\';
      out[1] = (char) cp;
      return 2;
    }
  if (cp == '\n' || cp == '\r' || cp == '\t')
    {
      out[0] = '\\';
      out[1] = cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't';
      return 2;
    }
  if (cp < 0x20 || cp == 0x7f || smtpreply_display_hides (cp))
    {
      /* Past U+FFFF (tag characters), a surrogate pair.  */
      char esc[16];
      int k = cp <= 0xffff
                  ? snprintf (esc, sizeof esc, "\\u%04x", (unsigned) cp)
                  : snprintf (esc, sizeof esc, "\\u%04x\\u%04x",
                              (unsigned) (0xd800 + ((cp - 0x10000) >> 10)),
                              (unsigned) (0xdc00 + ((cp - 0x10000) & 0x3ff)));
      memcpy (out, esc, (size_t) k);
      return (size_t) k;
    }
  memcpy (out, p, n);
  return n;
}

/* Write the LEN bytes at S as the inside of a JSON string into OUT, which
   has room for QUOTED_MAX * LEN bytes, and return the length written.  */
static size_t
quote_into (const char *s, size_t len, char *out)
{
  const unsigned char *p = (const unsigned char *) s;
  size_t o = 0;
  size_t i = 0;
  while (i < len)
    {
      /* A run of bytes that need nothing goes out at once.  */
      size_t run = plain_run (p + i, len - i);
      memcpy (out + o, s + i, run);
      o += run;
      i += run;
      if (i < len)
        {
          size_t used;
          o += special (p + i, len - i, &used, out + o);
          i += used;
        }
    }
  return o;
}

smtpreply_status
smtpreply_json_quote (const char *buf, size_t len, char *out, size_t size,
                      size_t *out_len)
{
  if ((buf == NULL && len > 0) || (out == NULL && size > 0)
      || out_len == NULL)
    return SMTPREPLY_EINVAL;
  /* Quoted at once where there is room for the worst; else a piece at a
     time, as far as it fits, the length counted whole.  */
  if (len < (SIZE_MAX - 3) / QUOTED_MAX && size >= QUOTED_MAX * len + 3)
    {
      out[0] = '"';
      size_t n = 1 + quote_into (buf, len, out + 1);
      out[n++] = '"';
      out[n] = '\0';
      *out_len = n;
      return 0;
    }
  const unsigned char *p = (const unsigned char *) buf;
  size_t n = 0;
  for (size_t i = 0; i <= len + 1;)
    {
      char piece[QUOTED_MAX * 4];
      size_t k;
      if (i == 0 || i == len + 1)
        {
          piece[0] = '"';
          k = 1;
          i++;
        }
      else if (plain_byte (p[i - 1]))
        {
          piece[0] = (char) p[i - 1];
          k = 1;
          i++;
        }
      else
        {
          size_t used;
          k = special (p + i - 1, len - (i - 1), &used, piece);
          i += used;
        }
      for (size_t b = 0; b < k; b++, n++)
        if (n < size)
          out[n] = piece[b];
    }
  *out_len = n;
  if (n >= size)
    {
      if (size > 0)
        out[size - 1] = '\0';
      return SMTPREPLY_ENOSPC;
    }
  out[n] = '\0';
  return 0;
}

/* The writer.  */

/* Grow the writer J to hold N more bytes and a NUL.  Return 0, or -1
   (with J failed) if memory ran out.  */
static int
grow_json (struct smtpreply__json *j, size_t n)
{
  /* A record of a log line is a few kilobytes: start there.  */
  size_t cap = j->cap < 4096 ? 4096 : j->cap;
  while (cap < j->len + n + 1)
    {
      if (cap > SIZE_MAX / 2)
        {
          j->failed = 1;
          return -1;
        }
      cap *= 2;
    }
  char *b = realloc (j->buf, cap);
  if (b == NULL)
    {
      j->failed = 1;
      return -1;
    }
  j->buf = b;
  j->cap = cap;
  return 0;
}

/* Append N bytes at BYTES to the writer J.  */
static inline void
put_json (struct smtpreply__json *j, const char *bytes, size_t n)
{
  if (j->failed)
    return;
  if (j->len + n + 1 > j->cap && grow_json (j, n) < 0)
    return;
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
  if (j->failed)
    return;
  if (n >= (SIZE_MAX - 3) / QUOTED_MAX)
    {
      j->failed = 1;
      return;
    }
  size_t need = QUOTED_MAX * n + 2;
  if (j->len + need + 1 > j->cap && grow_json (j, need) < 0)
    return;
  char *out = j->buf + j->len;
  out[0] = '"';
  size_t k = 1 + quote_into (s, n, out + 1);
  out[k++] = '"';
  j->len += k;
  j->buf[j->len] = '\0';
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
  if (key == NULL)
    {
      separate (j);
      return;
    }
  /* Keys are the library's own names, plain ASCII: no escapes.  The
     comma, the key and its quotes and colon go in at once.  */
  size_t n = strlen (key);
  size_t need = n + 4;
  int comma = !j->first;
  j->first = 0;
  if (j->failed || (j->len + need + 1 > j->cap && grow_json (j, need) < 0))
    return;
  char *out = j->buf + j->len;
  size_t k = 0;
  if (comma)
    out[k++] = ',';
  out[k++] = '"';
  memcpy (out + k, key, n);
  k += n;
  out[k++] = '"';
  out[k++] = ':';
  j->len += k;
  j->buf[j->len] = '\0';
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

size_t
smtpreply__int_digits (long long v, char *buf)
{
  size_t n = SMTPREPLY__INT_DIGITS;
  unsigned long long u = v < 0 ? 0 - (unsigned long long) v
                               : (unsigned long long) v;
  do
    {
      buf[--n] = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u != 0);
  if (v < 0)
    buf[--n] = '-';
  return n;
}

void
smtpreply__json_int (struct smtpreply__json *j, const char *key,
                     long long value)
{
  char num[SMTPREPLY__INT_DIGITS];
  size_t n = smtpreply__int_digits (value, num);
  smtpreply__json_key (j, key);
  put_json (j, num + n, sizeof num - n);
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
smtpreply__json_copy (const struct smtpreply__json *j, char *buf,
                      size_t size, size_t *len)
{
  if (j->failed)
    return SMTPREPLY_ENOMEM;
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
  return rc;
}

int
smtpreply__json_deliver (struct smtpreply__json *j, char *buf, size_t size,
                         size_t *len)
{
  int rc = smtpreply__json_copy (j, buf, size, len);
  smtpreply__json_free (j);
  return rc;
}

void
smtpreply_free (void *p)
{
  free (p);
}
