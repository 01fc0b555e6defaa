/* display.c -- server text made safe to show on a terminal.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   A reply's text comes from a server nobody here controls.  Printed as is,
   it could move the cursor, change colours, retitle the window, hide or
   reorder text with bidirectional overrides, or break the terminal's UTF-8
   state.  The copy made here keeps what a person should read and shows
   what was removed only where that tells something (controls).  */

#include <config.h>

#include <stdint.h>
#include <string.h>
#if defined __SSE2__ && defined __GNUC__
# include <emmintrin.h>
#endif

#include "smtpreply.h"
#include "internal.h"

/* Where the output goes: bytes past SIZE are counted, not written.  */
struct sink
{
  char *out;
  size_t size;
  size_t len;
};

/* Append the N bytes at S to K.  */
static void
put (struct sink *k, const char *s, size_t n)
{
  if (k->len < k->size && n <= k->size - k->len)
    memcpy (k->out + k->len, s, n);
  k->len += n;
}

/* Append "\xHH" for byte C, "\uHHHH" for the code point C >= 0x80, or
   "\UHHHHHHHH" past U+FFFF.  */
static void
put_escape (struct sink *k, uint32_t c)
{
  static const char hex[] = "0123456789ABCDEF";
  char buf[10];
  size_t n = 0;
  int digits = c < 0x80 ? 2 : c <= 0xffff ? 4 : 8;
  buf[n++] = '\\';
  buf[n++] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
  for (int d = digits - 1; d >= 0; d--)
    buf[n++] = hex[(c >> (4 * d)) & 0xf];
  put (k, buf, n);
}

/* Append "\xHH" for the byte B of broken UTF-8.  */
static void
put_escape_byte (struct sink *k, unsigned char b)
{
  static const char hex[] = "0123456789ABCDEF";
  char buf[4] = { '\\', 'x', hex[b >> 4], hex[b & 0xf] };
  put (k, buf, sizeof buf);
}


size_t
smtpreply__utf8_decode (const unsigned char *s, size_t n, uint32_t *cp)
{
  unsigned char c = s[0];
  size_t need;
  uint32_t v;
  unsigned char lo = 0x80;
  unsigned char hi = 0xbf;

  if (c < 0x80)
    {
      *cp = c;
      return 1;
    }
  if (c >= 0xc2 && c <= 0xdf)
    {
      need = 1;
      v = c & 0x1f;
    }
  else if (c >= 0xe0 && c <= 0xef)
    {
      need = 2;
      v = c & 0x0f;
      lo = c == 0xe0 ? 0xa0 : 0x80; /* no overlong forms */
      hi = c == 0xed ? 0x9f : 0xbf; /* no surrogates */
    }
  else if (c >= 0xf0 && c <= 0xf4)
    {
      need = 3;
      v = c & 0x07;
      lo = c == 0xf0 ? 0x90 : 0x80;
      hi = c == 0xf4 ? 0x8f : 0xbf;
    }
  else
    {
      *cp = 1;
      return 0;
    }
  size_t i = 1;
  for (; i <= need; i++)
    {
      if (i >= n || s[i] < lo || s[i] > hi)
        {
          *cp = i;
          return 0;
        }
      v = (v << 6) | (s[i] & 0x3f);
      lo = 0x80;
      hi = 0xbf;
    }
  *cp = v;
  return i;
}

/* Return nonzero if code point C changes how text around it is shown
   without being seen: bidirectional controls, zero-width characters,
   invisible operators, byte order marks, tag characters.  */
static int
invisible (uint32_t c)
{
  return c == 0x061c || c == 0x180e || (c >= 0x200b && c <= 0x200f)
         || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2064)
         || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff
         || (c >= 0xfff9 && c <= 0xfffb) || (c >= 0xe0000 && c <= 0xe007f);
}

int
smtpreply_display_hides (unsigned long c)
{
  return (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029
         || invisible ((uint32_t) c);
}

/* Return the length of the escape sequence starting with ESC at S (N
   bytes left): CSI ESC [ params final, OSC ESC ] ... BEL or ST, the string
   sequences DCS, SOS, PM, APC up to ST, or ESC with intermediates and a
   final byte.  A sequence cut off by the end of the text runs to it.  */
static size_t
escape_length (const unsigned char *s, size_t n)
{
  size_t i = 1;
  if (i >= n)
    return i;
  unsigned char kind = s[i++];
  if (kind == '[')
    {
      while (i < n && s[i] >= 0x20 && s[i] <= 0x3f)
        i++;
      if (i < n && s[i] >= 0x40 && s[i] <= 0x7e)
        i++;
      return i;
    }
  if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_')
    {
      for (; i < n; i++)
        {
          if (s[i] == 0x07 && kind == ']')
            return i + 1;
          if (s[i] == 0x1b && i + 1 < n && s[i + 1] == '\\')
            return i + 2;
        }
      return i;
    }
  while (kind >= 0x20 && kind <= 0x2f && i < n)
    kind = s[i++];
  return i;
}

/* Return the length of the run of printable ASCII at the start of the
   LEN bytes at S, eight bytes at a time: the plain way.  */
static size_t
printable_words (const char *s, size_t len)
{
  size_t i = 0;
  /* A byte below 0x20, DEL or one with its high bit set leaves a high
     bit in the word.  */
  const uint64_t ones = UINT64_C (0x0101010101010101);
  const uint64_t high = UINT64_C (0x8080808080808080);
  for (; i + 8 <= len; i += 8)
    {
      uint64_t w;
      memcpy (&w, s + i, 8);
      uint64_t del = w ^ (ones * 0x7f);
      if ((w | ((w - ones * 0x20) & ~w) | ((del - ones) & ~del)) & high)
        break;
    }
  while (i < len && (unsigned char) s[i] >= 0x20
         && (unsigned char) s[i] < 0x7f)
    i++;
  return i;
}

#if defined __SSE2__ && defined __GNUC__
/* The same, sixteen bytes at a time with SSE2.  */
static size_t
printable_sse2 (const char *s, size_t len)
{
  /* In signed bytes, printable ASCII is above 0x1f and below 0x7f; an
     8-bit byte is negative.  */
  const __m128i below = _mm_set1_epi8 (0x1f);
  const __m128i del = _mm_set1_epi8 (0x7f);
  size_t i = 0;
  for (; i + 16 <= len; i += 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (s + i));
      __m128i ok = _mm_and_si128 (_mm_cmpgt_epi8 (v, below),
                                  _mm_cmplt_epi8 (v, del));
      unsigned int bad = ~(unsigned int) _mm_movemask_epi8 (ok) & 0xffff;
      if (bad != 0)
        return i + (size_t) __builtin_ctz (bad);
    }
  return i + printable_words (s + i, len - i);
}
#endif

/* Return the length of the run of printable ASCII at the start of the
   LEN bytes at S, which is its own display-safe copy: with SSE2 where the
   compiler targets it and smtpreply__simd allows it, else the plain
   way.  */
size_t
smtpreply__printable_ascii (const char *s, size_t len)
{
#if defined __SSE2__ && defined __GNUC__
  if (smtpreply__simd)
    return printable_sse2 (s, len);
#endif
  return printable_words (s, len);
}

smtpreply_status
smtpreply_display_safe (const char *buf, size_t len, char *out, size_t size,
                        size_t *out_len)
{
  if ((buf == NULL && len > 0) || (out == NULL && size > 0) || out_len == NULL)
    return SMTPREPLY_EINVAL;
  const unsigned char *s = (const unsigned char *) buf;
  struct sink k = { out, size, 0 };
  size_t i = 0;

  while (i < len)
    {
      /* Printable ASCII, what server text mostly is, at once.  */
      size_t plain = smtpreply__printable_ascii (buf + i, len - i);
      if (plain > 0)
        {
          put (&k, buf + i, plain);
          i += plain;
          continue;
        }
      uint32_t c;
      size_t n = smtpreply__utf8_decode (s + i, len - i, &c);
      if (n == 0)
        {
          put (&k, "\xef\xbf\xbd", 3);
          i += c;
        }
      else if (c == 0x1b)
        i += escape_length (s + i, len - i);
      else if (c == '\t')
        {
          put (&k, " ", 1);
          i += n;
        }
      else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)
               || c == 0x2028 || c == 0x2029)
        {
          put_escape (&k, c);
          i += n;
        }
      else if (invisible (c))
        i += n;
      else
        {
          put (&k, (const char *) s + i, n);
          i += n;
        }
    }
  *out_len = k.len;
  if (k.len >= size)
    return SMTPREPLY_ENOSPC;
  out[k.len] = '\0';
  return 0;
}

smtpreply_status
smtpreply_display_escape (const char *buf, size_t len, char *out, size_t size,
                          size_t *out_len)
{
  if ((buf == NULL && len > 0) || (out == NULL && size > 0) || out_len == NULL)
    return SMTPREPLY_EINVAL;
  const unsigned char *s = (const unsigned char *) buf;
  struct sink k = { out, size, 0 };
  size_t i = 0;
  while (i < len)
    {
      uint32_t c;
      size_t n = smtpreply__utf8_decode (s + i, len - i, &c);
      if (n == 0)
        {
          /* Each byte of the broken sequence, as it is.  */
          for (size_t b = 0; b < c; b++)
            put_escape_byte (&k, s[i + b]);
          i += c;
        }
      else if (c < 0x20 || c == 0x7f)
        {
          put_escape (&k, c);
          i += n;
        }
      else if (smtpreply_display_hides (c))
        {
          put_escape (&k, c);
          i += n;
        }
      else
        {
          put (&k, (const char *) s + i, n);
          i += n;
        }
    }
  *out_len = k.len;
  if (k.len >= size)
    return SMTPREPLY_ENOSPC;
  out[k.len] = '\0';
  return 0;
}

/* Return the number of columns code point C takes on a terminal: 0 for
   combining marks and invisible characters, 2 for wide East Asian
   characters (Unicode's East_Asian_Width W and F, in blocks), else 1.  */
static int
columns (uint32_t c)
{
  if ((c >= 0x0300 && c <= 0x036f) || (c >= 0x0483 && c <= 0x0489)
      || (c >= 0x0591 && c <= 0x05bd) || (c >= 0x0610 && c <= 0x061a)
      || (c >= 0x064b && c <= 0x065f) || c == 0x0670
      || (c >= 0x06d6 && c <= 0x06dc) || (c >= 0x06df && c <= 0x06e4)
      || (c >= 0x0e31 && c <= 0x0e3a && c != 0x0e32 && c != 0x0e33)
      || (c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff)
      || (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe00 && c <= 0xfe0f)
      || (c >= 0xfe20 && c <= 0xfe2f) || c == 0x200d
      || smtpreply_display_hides (c))
    return 0;
  if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e)
      || (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf)
      || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf)
      || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff)
      || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60)
      || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f)
      || (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd))
    return 2;
  return 1;
}

size_t
smtpreply_display_width (const char *buf, size_t len)
{
  if (buf == NULL)
    return 0;
  const unsigned char *s = (const unsigned char *) buf;
  size_t width = 0;
  size_t i = 0;
  while (i < len)
    {
      uint32_t c;
      size_t n = smtpreply__utf8_decode (s + i, len - i, &c);
      if (n == 0)
        {
          /* Shown as U+FFFD.  */
          width++;
          i += c;
          continue;
        }
      width += c < 0x20 || c == 0x7f ? 0 : (size_t) columns (c);
      i += n;
    }
  return width;
}
