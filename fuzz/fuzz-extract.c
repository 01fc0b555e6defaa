/* fuzz-extract.c -- finding replies in free text, and showing it safely.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The whole input is a log line or a bounce.  What smtpreply_extract
   finds must lie inside it: a valid code whose digits are at code_offset,
   a valid enhanced code that reads back from its offset and length, a text
   offset within the input; asking twice gives the same answer.  The quick
   look smtpreply_extract takes first must let through every input the
   whole scan finds something in, so that smtpreply_extract answers what
   the scan does; the SSE2 and plain paths must agree.  The input made
   display-safe must be valid UTF-8 without controls, and fit the
   documented 4 * LEN + 1 bytes.  */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "internal.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  return 0;
}

/* Return nonzero if the matches A and B say the same.  */
static int
same_match (const struct smtpreply_match *a, const struct smtpreply_match *b)
{
  return a->found == b->found && a->code == b->code
         && a->code_offset == b->code_offset
         && a->enhanced.cls == b->enhanced.cls
         && a->enhanced.subject == b->enhanced.subject
         && a->enhanced.detail == b->enhanced.detail
         && a->enhanced_offset == b->enhanced_offset
         && a->enhanced_length == b->enhanced_length
         && a->text_offset == b->text_offset;
}

/* Check what smtpreply_extract finds in the SIZE bytes at BUF.  */
static void
check_extract (const char *buf, size_t size)
{
  struct smtpreply_match m = { .size = sizeof m };
  FUZZ_ASSERT (smtpreply_extract (buf, size, &m) == 0);
  FUZZ_ASSERT ((m.found & ~(unsigned int) (SMTPREPLY_MATCH_CODE
                                           | SMTPREPLY_MATCH_ENHANCED
                                           | SMTPREPLY_MATCH_NONSTANDARD
                                           | SMTPREPLY_MATCH_LAST_LINE))
               == 0);
  /* Those flags say something of a code.  */
  if (m.found & (SMTPREPLY_MATCH_NONSTANDARD | SMTPREPLY_MATCH_LAST_LINE))
    FUZZ_ASSERT (m.found & SMTPREPLY_MATCH_CODE);
  if (m.found & SMTPREPLY_MATCH_CODE)
    {
      /* A valid code, or one of class 4 or 5 outside the grammar.  */
      if (m.found & SMTPREPLY_MATCH_NONSTANDARD)
        FUZZ_ASSERT (smtpreply_code_check (m.code) == SMTPREPLY_EBAD_CATEGORY
                     && (m.code / 100 == 4 || m.code / 100 == 5));
      else
        FUZZ_ASSERT (smtpreply_code_check (m.code) == 0);
      FUZZ_ASSERT (m.code_offset <= size && size - m.code_offset >= 3);
      const char *c = buf + m.code_offset;
      FUZZ_ASSERT (c[0] == '0' + m.code / 100);
      FUZZ_ASSERT (c[1] == '0' + m.code / 10 % 10);
      FUZZ_ASSERT (c[2] == '0' + m.code % 10);
    }
  if (m.found & SMTPREPLY_MATCH_ENHANCED)
    {
      FUZZ_ASSERT (smtpreply_enhanced_check (&m.enhanced) == 0);
      FUZZ_ASSERT (m.enhanced_offset <= size);
      FUZZ_ASSERT (m.enhanced_length <= size - m.enhanced_offset);
      struct smtpreply_enhanced_code e;
      FUZZ_ASSERT (smtpreply_enhanced_parse (buf + m.enhanced_offset,
                                             m.enhanced_length, &e, NULL)
                   == 0);
      FUZZ_ASSERT (e.cls == m.enhanced.cls && e.subject == m.enhanced.subject
                   && e.detail == m.enhanced.detail);
      /* The code and the enhanced code do not overlap.  */
      if (m.found & SMTPREPLY_MATCH_CODE)
        FUZZ_ASSERT (m.enhanced_offset >= m.code_offset + 3
                     || m.enhanced_offset + m.enhanced_length
                            <= m.code_offset);
    }
  FUZZ_ASSERT (m.text_offset <= size);

  struct smtpreply_match again = { .size = sizeof again };
  FUZZ_ASSERT (smtpreply_extract (buf, size, &again) == 0);
  FUZZ_ASSERT (memcmp (&m, &again, sizeof m) == 0);

  /* The quick look, and every path: plain, SSE2 and AVX2.  */
  for (int simd = 0; simd <= SMTPREPLY__SIMD_BEST; simd++)
    {
      smtpreply__simd = simd;
      struct smtpreply_match scan;
      memset (&scan, 0, sizeof scan);
      smtpreply__extract_scan (buf, size, &scan);
      FUZZ_ASSERT (scan.found == 0 || smtpreply__extract_possible (buf, size));
      FUZZ_ASSERT (same_match (&m, &scan));
      memset (&again, 0, sizeof again);
      again.size = sizeof again;
      FUZZ_ASSERT (smtpreply_extract (buf, size, &again) == 0);
      FUZZ_ASSERT (same_match (&m, &again));
    }
  smtpreply__simd = SMTPREPLY__SIMD_BEST;
}

/* Return nonzero if the LEN bytes at S are valid UTF-8 (no overlong
   forms, surrogates or code points past U+10FFFF) and hold none of the
   characters display-safe text must not have: C0 and C1 controls, DEL,
   line and paragraph separators, bidirectional and invisible ones.  */
static int
safe_utf8 (const unsigned char *s, size_t len)
{
  size_t i = 0;
  while (i < len)
    {
      unsigned char c = s[i];
      size_t n = c < 0x80 ? 1
                 : c >= 0xc2 && c <= 0xdf ? 2
                 : c >= 0xe0 && c <= 0xef ? 3
                 : c >= 0xf0 && c <= 0xf4 ? 4
                                          : 0;
      if (n == 0 || n > len - i)
        return 0;
      uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1fU : n == 3 ? c & 0x0fU
                                                             : c & 0x07U;
      for (size_t k = 1; k < n; k++)
        {
          if ((s[i + k] & 0xc0) != 0x80)
            return 0;
          cp = cp << 6 | (s[i + k] & 0x3fU);
        }
      if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)
          || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        return 0;
      if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028
          || cp == 0x2029 || cp == 0x061c || cp == 0x180e
          || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e)
          || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069)
          || cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb)
          || (cp >= 0xe0000 && cp <= 0xe007f))
        return 0;
      i += n;
    }
  return 1;
}

/* Check smtpreply_display_safe on the SIZE bytes at BUF.  */
static void
check_display (const char *buf, size_t size)
{
  size_t cap = 4 * size + 1;
  char *out = malloc (cap);
  if (out == NULL)
    return;
  size_t len = (size_t) -1;
  FUZZ_ASSERT (smtpreply_display_safe (buf, size, out, cap, &len) == 0);
  FUZZ_ASSERT (len < cap && out[len] == '\0');
  FUZZ_ASSERT (safe_utf8 ((const unsigned char *) out, len));

  /* Too small a buffer: refused, with the length needed, and nothing
     written past it.  */
  if (len > 0)
    {
      char *small = malloc (len);
      if (small != NULL)
        {
          size_t need = 0;
          FUZZ_ASSERT (smtpreply_display_safe (buf, size, small, len, &need)
                       == SMTPREPLY_ENOSPC);
          FUZZ_ASSERT (need == len);
          free (small);
        }
    }
  free (out);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *buf = (const char *) data;
  check_extract (buf, size);
  check_display (buf, size);
  return 0;
}
