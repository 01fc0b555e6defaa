/* extract.c -- find the SMTP reply inside a log line or a bounce.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Mail logs are full of numbers that look like reply codes: delays, sizes,
   ports, process ids, addresses, dates, versions, counts.  A number is
   taken for a reply code only where mail software writes one, and only
   when it is followed as a reply is (by a space or a hyphen and text, an
   enhanced code, or nothing more at the start of the text).  Where:

     - explicitly a reply: at the start of the text ("550 5.1.1 <a@b>:
       User unknown"), after "smtp;" or ";" ("Diagnostic-Code: smtp; 554
       ..."), after "said:" or an address and a colon (Postfix's "said:
       550 ...", Exim's "after RCPT TO:<a@b>: 550-5.1.1 ..."), inside
       quotes or angle brackets (Exim's C="250 OK", "msg=\"535 ...\"",
       Exchange's '550 5.1.10 ...', "banner <220 ESMTP>", Sendmail's
       transcript "<<< 550 ..."), after reply= or reject= (Sendmail);
     - strongly: after any other ": " or "; ", after "] " (Exim's
       "H=host [ip] 535 ..."), or in Postfix's "status=WORD (";
     - weakly, anywhere else between spaces, or after "#": only when an
       enhanced status code of the same class follows ("... 550 5.7.1
       ...", "#550 5.1.1 ...").

   1yz and 3yz codes, which logs rarely quote, are taken only where the
   text is explicitly a reply ("server response \"334 User?\""), and so
   are codes outside RFC 5321's grammar that real servers send ("571 No
   PTR Record found"): those of class 4 or 5 followed by words, which
   are flagged SMTPREPLY_MATCH_NONSTANDARD.  A number followed by a unit
   ("253 bits", "115 messages") or by a dashed number ("211-75-6-133", a
   host name) is never a code.

   An enhanced status code is taken after a reply code, after dsn= or "#",
   at the start of the text, or after ": ", "; " or "status=WORD (".  The
   reply's own enhanced code (the one after its reply code) wins if it
   agrees with the code in class; else one found alone (a log's dsn=): of
   those, one that agrees wins, then the most specific, then the first.

   A text that holds a multi-line reply joined on one line, whose first
   line is a success ("220-mx ESMTP ... 421 4.2.1 Service refused"), is
   that of its later failure line: a server refusing in its greeting.  */

#include <config.h>

#include <stdint.h>
#include <string.h>
#if defined __SSE2__ && defined __GNUC__
# include <emmintrin.h>
#endif

#include "smtpreply.h"
#include "internal.h"
#ifdef SMTPREPLY__AVX2_PATHS
# include <immintrin.h>
#endif

/* Return nonzero if C is an ASCII digit.  */
static int
digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Return nonzero if C is an ASCII letter.  */
static int
alpha (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Return nonzero if C is an ASCII letter or digit.  */
static int
alnum (char c)
{
  return digit (c) || alpha (c);
}

/* Return C in lower case if it is an ASCII capital.  */
static char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

/* Return nonzero if the N bytes before BUF[AT] (which is '=') are the
   key KEY, in any case, preceded by a non-letter.  Its last byte is
   compared first: most keys before a number are others ("delay=",
   "size=").  Every call names a literal (key_is): inlined there, the
   comparisons are unrolled for it.  */
static SMTPREPLY__ALWAYS_INLINE int
key_is_n (const char *buf, size_t at, const char *key, size_t n)
{
  if (at < n || lower (buf[at - 1]) != key[n - 1])
    return 0;
  for (size_t i = 0; i + 1 < n; i++)
    if (lower (buf[at - n + i]) != key[i])
      return 0;
  return at == n || !alnum (buf[at - n - 1]);
}

/* The same for the string literal KEY.  */
#define key_is(buf, at, key) key_is_n (buf, at, key, sizeof key - 1)

/* Return nonzero if the '(' at BUF[AT] follows Postfix's "status=WORD ".  */
static int
after_status (const char *buf, size_t at)
{
  if (at == 0 || buf[at - 1] != ' ')
    return 0;
  size_t i = at - 1;
  while (i > 0 && buf[i - 1] >= 'a' && buf[i - 1] <= 'z')
    i--;
  return i > 0 && buf[i - 1] == '=' && key_is (buf, i - 1, "status");
}

/* How strongly the context before a code says a reply starts there.  */
enum strength
{
  NONE = 0,
  WEAK,     /* only if an enhanced code of the same class follows */
  STRONG,   /* where logs write replies */
  EXPLICIT  /* where the text can only be a reply */
};

/* Return the strength of the context before offset AT of BUF for a reply
   code.  */
static enum strength
code_context (const char *buf, size_t at)
{
  size_t i = at;
  while (i > 0 && (buf[i - 1] == ' ' || buf[i - 1] == '\t'))
    i--;
  if (i == 0)
    return EXPLICIT;
  char before = buf[i - 1];
  if (i < at)
    {
      /* Spaces between the code and what is before it.  */
      if (before == ':')
        {
          /* "said: 550", "RCPT TO:<a@b>: 550".  */
          if ((i >= 5 && key_is (buf, i - 1, "said"))
              || (i >= 2 && buf[i - 2] == '>'))
            return EXPLICIT;
          return STRONG;
        }
      if (before == ';')
        return EXPLICIT;
      if (before == '<' && i >= 3 && buf[i - 2] == '<' && buf[i - 3] == '<')
        return EXPLICIT; /* Sendmail's "<<< 550 ..." */
      if (before == ']')
        return STRONG;
      if (before == '"' || before == '\'')
        return i >= 2 && buf[i - 2] == '=' ? EXPLICIT : WEAK;
      return WEAK;
    }
  switch (before)
    {
    case '(':
      /* Elsewhere a parenthesis holds sizes, counts or errnos:
         "after DATA (550 bytes)", Exim's "defer (110)".  */
      return after_status (buf, i - 1) ? STRONG : WEAK;
    case '"':
    case '\'':
    case '<':
      return EXPLICIT;
    case '=':
      return key_is (buf, i - 1, "reply") || key_is (buf, i - 1, "reject")
                 ? EXPLICIT
                 : NONE;
    case ';':
      /* "Diagnostic-Code: smtp;550 5.1.1 ..." */
      return EXPLICIT;
    case '#':
      /* Exchange's "#550 5.1.1 ...".  */
      return WEAK;
    default:
      return NONE;
    }
}

/* Return nonzero if the context before offset AT of BUF allows an enhanced
   status code found on its own.  */
static int
enhanced_context (const char *buf, size_t at)
{
  size_t i = at;
  while (i > 0 && (buf[i - 1] == ' ' || buf[i - 1] == '\t'))
    i--;
  if (i == 0)
    return 1;
  char before = buf[i - 1];
  if (i < at)
    return before == ':' || before == ';';
  switch (before)
    {
    case '(':
      return after_status (buf, i - 1);
    case '=':
      return key_is (buf, i - 1, "dsn");
    case ';':
    case '#':
      return 1;
    default:
      return 0;
    }
}

/* If an enhanced status code starts at BUF[AT] (LEN bytes in all) and ends
   where a word may end, store it in *E and its length in *N and return 1;
   else return 0.  A dot after it ends it only if no digit follows (an
   address or a version goes on).  AFTER_CODE says BUF[AT - 1] is the
   separator after a reply code, which may be a hyphen ("550-5.1.1").  */
static int
enhanced_at (const char *buf, size_t len, size_t at, int after_code,
             struct smtpreply_enhanced_code *e, size_t *n)
{
  if (!after_code && at > 0
      && (alnum (buf[at - 1]) || buf[at - 1] == '.' || buf[at - 1] == '-'
          || buf[at - 1] == '_' || buf[at - 1] == '/'))
    return 0;
  size_t end = at;
  while (end < len && (digit (buf[end]) || buf[end] == '.'))
    end++;
  if (end > at && buf[end - 1] == '.')
    end--;
  if (end < len && (alnum (buf[end]) || buf[end] == '_' || buf[end] == '/'))
    return 0;
  if (smtpreply_enhanced_parse (buf + at, end - at, e, NULL) != 0)
    return 0;
  *n = end - at;
  return 1;
}

/* Words that make the number before them a quantity, not a code.  */
static const char *const units[] = {
  "b",        "bit",     "bits",     "byte",    "bytes",   "conn",
  "connections", "day",  "days",     "entries", "errors",  "hour",
  "hours",    "kb",      "kib",      "lines",   "mb",      "mib",
  "min",      "minutes", "messages", "msgs",    "ms",      "rcpts",
  "recipients", "s",     "sec",      "seconds", "secs",    "times",
};

/* Return nonzero if the word at BUF[AT] (LEN bytes in all) is a unit.  */
static int
unit_at (const char *buf, size_t len, size_t at)
{
  size_t n = 0;
  while (at + n < len && alpha (buf[at + n]))
    n++;
  if (n == 0 || (at + n < len && digit (buf[at + n])))
    return 0;
  for (size_t u = 0; u < SMTPREPLY__N_ELEMS (units); u++)
    if (strlen (units[u]) == n)
      {
        size_t k = 0;
        while (k < n && lower (buf[at + k]) == units[u][k])
          k++;
        if (k == n)
          return 1;
      }
  return 0;
}

/* Where a code may start.  A reply code (code_at) and an enhanced code
   found on its own (enhanced_at, enhanced_context) both start with a
   digit from 1 to 5 (a reply code's class; an enhanced code's class is 2,
   4 or 5), at the start of the text or after a byte their contexts allow:
   white space (after which any context allows a code), or, right before
   the code, '(', '"', '\'', '<', '=', ';' or '#' (code_context), or '(',
   '=', ';' or '#' (enhanced_context).  Any other byte before a digit makes
   both say no.  And both need two more digits (a reply code) or a dot and
   a digit (an enhanced code, whose class is one digit) after the first.
   So smtpreply_extract looks only at the starts that next_start finds,
   and finds the same codes as if it looked at every byte: the bytes it
   skips start nothing, and past a code it takes it skips as that loop
   did.  */

/* Return nonzero if byte C may come right before a code.  (The SSE2 scan
   of next_start_sse2 tests the same bytes.)  */
static inline int
may_precede (unsigned char c)
{
  return c == ' ' || c == '\t' || c == '(' || c == '"' || c == '\''
         || c == '<' || c == '=' || c == ';' || c == '#';
}

/* Return nonzero if a code may start at P[I] (LEN bytes in all): a digit
   from 1 to 5, at the start or after a byte may_precede allows, followed
   by two digits (a reply code) or by a dot and a digit (an enhanced
   code).  */
static inline int
start_at (const unsigned char *p, size_t len, size_t i)
{
  return p[i] >= '1' && p[i] <= '5' && (i == 0 || may_precede (p[i - 1]))
         && i + 2 < len && (digit (p[i + 1]) || p[i + 1] == '.')
         && digit (p[i + 2]);
}

/* Return the first offset at or after FROM of the LEN bytes at P where a
   code may start (start_at), or LEN if there is none: the plain way, a
   byte at a time.  */
static size_t
next_start_plain (const unsigned char *p, size_t len, size_t from)
{
  for (size_t i = from; i < len; i++)
    if (start_at (p, len, i))
      return i;
  return len;
}

/* Where next_start left off in a text: the last block (of sixteen bytes,
   or 32 with AVX2) it found starts in (none if STARTS is 0); and the way
   it looks, the same for every call on the text (cursor_start).  */
struct cursor
{
  size_t block;        /* the offset of the block */
  unsigned int starts; /* a bit per start in it, from its first byte */
  int avx2;            /* nonzero: with AVX2 (next_start_avx2) */
};

#if defined __SSE2__ && defined __GNUC__
/* If the block of WIDTH bytes that CUR keeps holds a start at or after
   *FROM, return it; else return SIZE_MAX, and if *FROM is in that block,
   move it past the block.  */
static inline size_t
cursor_next (struct cursor *cur, size_t *from, size_t width)
{
  if (cur->starts == 0 || *from < cur->block || *from >= cur->block + width)
    return SIZE_MAX;
  unsigned int left = cur->starts & (~0u << (*from - cur->block));
  if (left != 0)
    return cur->block + (size_t) __builtin_ctz (left);
  *from = cur->block + width;
  return SIZE_MAX;
}

/* Keep in CUR the STARTS (not 0) of the block at offset BLOCK, and return
   the first.  */
static inline size_t
cursor_keep (struct cursor *cur, size_t block, unsigned int starts)
{
  cur->block = block;
  cur->starts = starts;
  return block + (size_t) __builtin_ctz (starts);
}

/* Return a bit per offset of the sixteen bytes at P[I] where a code may
   start (start_at), the lowest for P[I]; I is at least 1, and P[I + 17]
   is in the text.  */
static inline unsigned int
block_starts (const unsigned char *p, size_t i)
{
  const __m128i above = _mm_set1_epi8 ('0');
  const __m128i below = _mm_set1_epi8 ('6');
  const __m128i above_any = _mm_set1_epi8 ('0' - 1);
  const __m128i below_any = _mm_set1_epi8 ('9' + 1);
  __m128i v = _mm_loadu_si128 ((const __m128i *) (p + i));
  /* Signed comparisons: 8-bit bytes are below '0'.  */
  int digits = _mm_movemask_epi8 (
      _mm_and_si128 (_mm_cmpgt_epi8 (v, above), _mm_cmplt_epi8 (v, below)));
  if (digits == 0)
    return 0;
  /* What may_start wants next: two digits, or a dot and a digit.  */
  __m128i v1 = _mm_loadu_si128 ((const __m128i *) (p + i + 1));
  __m128i v2 = _mm_loadu_si128 ((const __m128i *) (p + i + 2));
  __m128i d2 = _mm_and_si128 (_mm_cmpgt_epi8 (v2, above_any),
                              _mm_cmplt_epi8 (v2, below_any));
  __m128i d1 = _mm_or_si128 (
      _mm_and_si128 (_mm_cmpgt_epi8 (v1, above_any),
                     _mm_cmplt_epi8 (v1, below_any)),
      _mm_cmpeq_epi8 (v1, _mm_set1_epi8 ('.')));
  digits &= _mm_movemask_epi8 (_mm_and_si128 (d1, d2));
  if (digits == 0)
    return 0;
  /* The byte before: white space, or one of ( " ' < = ; #.  */
  __m128i b = _mm_loadu_si128 ((const __m128i *) (p + i - 1));
#define IS(c) _mm_cmpeq_epi8 (b, _mm_set1_epi8 (c))
  __m128i q = _mm_or_si128 (
      _mm_or_si128 (_mm_or_si128 (IS (' '), IS ('\t')),
                    _mm_or_si128 (IS ('('), IS ('"'))),
      _mm_or_si128 (_mm_or_si128 (IS ('\''), IS ('<')),
                    _mm_or_si128 (_mm_or_si128 (IS ('='), IS (';')),
                                  IS ('#'))));
#undef IS
  return (unsigned int) (digits & _mm_movemask_epi8 (q));
}

/* The same, sixteen bytes at a time with SSE2, which every x86-64
   processor has: log lines are full of digits, and looking at each byte
   and the one before it costs more than the rest of a line that holds no
   reply.  The starts of a block are kept in *CUR for the next call.  */
static size_t
next_start_sse2 (const unsigned char *p, size_t len, size_t from,
                 struct cursor *cur)
{
  size_t i = from;
  size_t kept = cursor_next (cur, &i, 16);
  if (kept != SIZE_MAX)
    return kept;
  if (i == 0)
    {
      if (len > 0 && start_at (p, len, 0))
        return 0;
      i = 1;
    }
  /* P[I - 1] is read with P[I], and P[I + 1] and P[I + 2] after them: I
     is at least 1, and a block ends two bytes before the text.  */
  for (; i + 18 <= len; i += 16)
    {
      unsigned int starts = block_starts (p, i);
      if (starts != 0)
        return cursor_keep (cur, i, starts);
    }
  /* No code starts in the last two bytes.  Before them, fewer than
     sixteen bytes are left: the block that ends there, which overlaps
     the one before, for the offsets from I on.  */
  if (i + 2 >= len)
    return len;
  if (len < 19)
    return next_start_plain (p, len, i);
  size_t last = len - 18;
  unsigned int starts = block_starts (p, last) & (~0u << (i - last));
  return starts != 0 ? cursor_keep (cur, last, starts) : len;
}
#endif

#ifdef SMTPREPLY__AVX2_PATHS
/* What a function written with AVX2 is compiled with.  */
# define AVX2 __attribute__ ((__target__ ("avx2")))

/* Return a bit per offset of the 32 bytes at P[I] where a code may start
   (start_at), as block_starts does for sixteen; I is at least 1, and
   P[I + 33] is in the text.  The bytes that may come before a code are
   told by their two halves (a table of each, looked up with a shuffle):
   those of the first half of ' ', '(', '"', '\'' and '#' (2) give bit 1,
   of '\t' (0) bit 2, of '<', '=' and ';' (3) bit 4; their second halves
   give the bits of the bytes that end so.  A byte is one of them if the
   two bits meet.  */
static inline AVX2 unsigned int
block_starts_avx2 (const unsigned char *p, size_t i)
{
  const __m256i above = _mm256_set1_epi8 ('0');
  const __m256i below = _mm256_set1_epi8 ('6');
  const __m256i above_any = _mm256_set1_epi8 ('0' - 1);
  const __m256i below_any = _mm256_set1_epi8 ('9' + 1);
  const __m256i nibble = _mm256_set1_epi8 (0x0f);
  /* By the first half: 0 ('\t'), 2 (' ' ( " ' #), 3 (< = ;).  */
  const __m256i by_high = _mm256_setr_epi8 (
      2, 0, 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      2, 0, 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  /* By the second half: 0 (' '), 2 ("), 3 (#), 7 ('), 8 ((), 9 ('\t'),
     b (;), c (<), d (=).  */
  const __m256i by_low = _mm256_setr_epi8 (
      1, 0, 1, 1, 0, 0, 0, 1, 1, 2, 0, 4, 4, 4, 0, 0,
      1, 0, 1, 1, 0, 0, 0, 1, 1, 2, 0, 4, 4, 4, 0, 0);
  __m256i v = _mm256_loadu_si256 ((const __m256i *) (p + i));
  unsigned int digits = (unsigned int) _mm256_movemask_epi8 (
      _mm256_and_si256 (_mm256_cmpgt_epi8 (v, above),
                        _mm256_cmpgt_epi8 (below, v)));
  if (digits == 0)
    return 0;
  __m256i b = _mm256_loadu_si256 ((const __m256i *) (p + i - 1));
  __m256i high = _mm256_and_si256 (_mm256_srli_epi16 (b, 4), nibble);
  __m256i low = _mm256_and_si256 (b, nibble);
  __m256i bits = _mm256_and_si256 (_mm256_shuffle_epi8 (by_high, high),
                                   _mm256_shuffle_epi8 (by_low, low));
  digits &= ~(unsigned int) _mm256_movemask_epi8 (
      _mm256_cmpeq_epi8 (bits, _mm256_setzero_si256 ()));
  if (digits == 0)
    return 0;
  /* What may_start wants next: two digits, or a dot and a digit.  */
  __m256i v1 = _mm256_loadu_si256 ((const __m256i *) (p + i + 1));
  __m256i v2 = _mm256_loadu_si256 ((const __m256i *) (p + i + 2));
  __m256i d2 = _mm256_and_si256 (_mm256_cmpgt_epi8 (v2, above_any),
                                 _mm256_cmpgt_epi8 (below_any, v2));
  __m256i d1 = _mm256_or_si256 (
      _mm256_and_si256 (_mm256_cmpgt_epi8 (v1, above_any),
                        _mm256_cmpgt_epi8 (below_any, v1)),
      _mm256_cmpeq_epi8 (v1, _mm256_set1_epi8 ('.')));
  return digits
         & (unsigned int) _mm256_movemask_epi8 (_mm256_and_si256 (d1, d2));
}

/* The same as next_start_sse2, 32 bytes at a time with AVX2, for a text
   of at least 35 bytes (a block starts at offset 1 and ends two bytes
   before the text does).  */
static AVX2 size_t
next_start_avx2 (const unsigned char *p, size_t len, size_t from,
                 struct cursor *cur)
{
  size_t i = from;
  size_t kept = cursor_next (cur, &i, 32);
  if (kept != SIZE_MAX)
    return kept;
  if (i == 0)
    {
      if (start_at (p, len, 0))
        return 0;
      i = 1;
    }
  for (; i + 34 <= len; i += 32)
    {
      unsigned int starts = block_starts_avx2 (p, i);
      if (starts != 0)
        return cursor_keep (cur, i, starts);
    }
  /* As in next_start_sse2: the block that ends two bytes before the
     text, for the offsets from I on (fewer than 32).  */
  if (i + 2 >= len)
    return len;
  size_t last = len - 34;
  unsigned int starts = block_starts_avx2 (p, last) & (~0u << (i - last));
  return starts != 0 ? cursor_keep (cur, last, starts) : len;
}
#endif

int smtpreply__simd = SMTPREPLY__SIMD_BEST;

int
smtpreply__avx2 (void)
{
#ifdef SMTPREPLY__AVX2_PATHS
  return smtpreply__simd >= SMTPREPLY__SIMD_BEST
         && __builtin_cpu_supports ("avx2");
#else
  return 0;
#endif
}

/* Make *CUR ready for the calls of next_start on a text of LEN bytes:
   with AVX2 if smtpreply__avx2 allows it and the text is long enough for
   a block of 32 (35 bytes).  */
static void
cursor_start (struct cursor *cur, size_t len)
{
  cur->block = 0;
  cur->starts = 0;
  cur->avx2 = len >= 35 && smtpreply__avx2 ();
}

/* Return the first offset at or after FROM of the LEN bytes at BUF where
   a code may start (start_at), or LEN if there is none: with AVX2 if
   cursor_start said so, else with SSE2 where the compiler targets it and
   smtpreply__simd allows it, else the plain way.  CUR keeps what the
   calls for the text share.  */
static inline size_t
next_start (const char *buf, size_t len, size_t from, struct cursor *cur)
{
#ifdef SMTPREPLY__AVX2_PATHS
  if (cur->avx2)
    return next_start_avx2 ((const unsigned char *) buf, len, from, cur);
#endif
#if defined __SSE2__ && defined __GNUC__
  if (smtpreply__simd)
    return next_start_sse2 ((const unsigned char *) buf, len, from, cur);
#endif
  (void) cur;
  return next_start_plain ((const unsigned char *) buf, len, from);
}

/* Return nonzero if the '=' at BUF[AT] ends a key that allows a code
   right after it: reply= or reject= before a reply code (code_context),
   dsn= before an enhanced code (enhanced_context).  */
static int
code_key (const char *buf, size_t at)
{
  /* Told apart by their last byte: most keys before a number are others
     ("delay=", "size=").  */
  switch (at > 0 ? lower (buf[at - 1]) : 0)
    {
    case 'y':
      return key_is (buf, at, "reply");
    case 't':
      return key_is (buf, at, "reject");
    case 'n':
      return key_is (buf, at, "dsn");
    default:
      return 0;
    }
}

/* Return nonzero if a reply code or an enhanced code that smtpreply_extract
   would take may start at BUF[I] (LEN bytes in all), which next_start
   found: besides its context, a reply code is three digits followed by
   nothing or by a byte code_at allows after it, and an enhanced code a
   digit of its class, a dot and a digit (smtpreply_enhanced_parse).  */
static int
may_start (const char *buf, size_t len, size_t i)
{
  if (i + 2 >= len)
    return 0;
  int shaped;
  if (digit (buf[i + 1]) && digit (buf[i + 2]))
    {
      char next = i + 3 < len ? buf[i + 3] : ' ';
      shaped = next == ' ' || next == '\t' || next == '-' || next == '"'
               || next == '\'' || next == ')' || next == ',' || next == ';'
               || next == '>' || next == '\r' || next == '\n';
    }
  else
    shaped = buf[i] != '1' && buf[i] != '3' && buf[i + 1] == '.'
             && digit (buf[i + 2]);
  return shaped && !(i > 0 && buf[i - 1] == '=' && !code_key (buf, i - 1));
}

/* Return the first offset at or after FROM of the LEN bytes at BUF where
   may_start says yes, or LEN.  */
static size_t
next_possible (const char *buf, size_t len, size_t from, struct cursor *cur)
{
  size_t i = next_start (buf, len, from, cur);
  while (i < len && !may_start (buf, len, i))
    i = next_start (buf, len, i + 1, cur);
  return i;
}

int
smtpreply__extract_possible (const char *buf, size_t len)
{
  struct cursor cur;
  cursor_start (&cur, len);
  return next_possible (buf, len, 0, &cur) < len;
}

/* A candidate reply code.  */
struct cand
{
  int code;
  size_t at;
  enum strength strength;
  int nonstandard;   /* second digit 6 to 9 */
  int continues;     /* followed by '-': a line of a multi-line reply */
  int attached;      /* an enhanced code follows it */
  struct smtpreply_enhanced_code e;
  size_t e_at;
  size_t e_len;
};

/* If a reply code starts at BUF[AT] (LEN bytes in all), where the context
   and what follows allow one, fill *C and return 1; else return 0.  */
static int
code_at (const char *buf, size_t len, size_t at, struct cand *c)
{
  if (at + 3 > len || !digit (buf[at]) || !digit (buf[at + 1])
      || !digit (buf[at + 2]))
    return 0;
  if (at > 0 && (alnum (buf[at - 1]) || buf[at - 1] == '.'))
    return 0;
  int code = (buf[at] - '0') * 100 + (buf[at + 1] - '0') * 10 + buf[at + 2]
             - '0';
  int rc = smtpreply_code_check (code);
  int nonstandard = rc == SMTPREPLY_EBAD_CATEGORY
                    && (code / 100 == 4 || code / 100 == 5);
  if (rc < 0 && !nonstandard)
    return 0;
  memset (c, 0, sizeof *c);
  c->code = code;
  c->at = at;
  c->nonstandard = nonstandard;
  c->strength = code_context (buf, at);
  if (c->strength == NONE)
    return 0;

  /* What follows the code.  */
  size_t after = at + 3;
  int words = 0; /* a word follows: a letter, or what starts a text */
  if (after < len)
    {
      char next = buf[after];
      if (next != ' ' && next != '\t' && next != '-' && next != '"'
          && next != '\'' && next != ')' && next != ',' && next != ';'
          && next != '>' && next != '\r' && next != '\n')
        return 0;
      /* "550--": a date or a range, not "550-text".  */
      if (next == '-' && after + 1 < len && buf[after + 1] == '-')
        return 0;
      if (next == ' ' || next == '-')
        {
          c->continues = next == '-';
          c->attached = after + 1 < len
                        && enhanced_at (buf, len, after + 1, 1, &c->e,
                                        &c->e_len);
          if (c->attached)
            c->e_at = after + 1;
          else if (after + 1 < len)
            {
              char w = buf[after + 1];
              /* "211-75-6-133": a host name; "253 bits": a quantity.  */
              if (digit (w))
                {
                  size_t k = after + 1;
                  while (k < len && digit (buf[k]))
                    k++;
                  if (k < len && buf[k] == '-')
                    return 0;
                }
              else if (unit_at (buf, len, after + 1))
                return 0;
              words = alpha (w) || w == '<' || w == '[' || w == '('
                      || w == '"' || w == '#' || w == '\'' || w == '.'
                      || (unsigned char) w >= 0x80;
            }
        }
    }

  /* What the code needs of its context.  */
  int first = code / 100;
  int agrees = c->attached && smtpreply_enhanced_agrees (code, &c->e) == 1;
  if (nonstandard && !(c->strength == EXPLICIT && words))
    return 0;
  if ((first == 1 || first == 3) && c->strength != EXPLICIT)
    return 0;
  if (c->strength == WEAK && !agrees)
    return 0;
  /* Where a log may hold other numbers, a reply has words or an enhanced
     code after its code ("bits: 512" has neither).  */
  if (c->strength == STRONG && !words && !c->attached)
    return 0;
  return 1;
}

/* Return how specific *E is: 2 for a detail, 1 for a subject only, 0 for
   X.0.0.  */
static int
specificity (const struct smtpreply_enhanced_code *e)
{
  return e->detail != 0 ? 2 : e->subject != 0 ? 1 : 0;
}

/* Return the score of candidate C: its context, then its enhanced code.  */
static int
score (const struct cand *c)
{
  int s = (c->strength == WEAK ? 1 : 2) * 10;
  if (c->attached)
    s += 1 + specificity (&c->e);
  return s;
}

/* A candidate enhanced code found on its own.  */
struct enh
{
  struct smtpreply_enhanced_code e;
  size_t offset;
  size_t length;
};

/* Return nonzero if A is better than B for reply code CODE (0: none).  */
static int
better_alone (const struct enh *a, const struct enh *b, int code)
{
  if (code != 0)
    {
      int agree_a = smtpreply_enhanced_agrees (code, &a->e) == 1;
      int agree_b = smtpreply_enhanced_agrees (code, &b->e) == 1;
      if (agree_a != agree_b)
        return agree_a;
    }
  return specificity (&a->e) > specificity (&b->e);
}

/* Find the reply in the LEN bytes at BUF into *OUT, looking at the
   places where a code may start (next_start) from FROM on, only at those
   may_start allows if FILTERED.  (may_start says no only where code_at
   and enhanced_at say no, or where enhanced_at takes a code without its
   context, all of whose bytes are inside the code: skipping it changes
   nothing.)  */
static void
scan (const char *buf, size_t len, size_t from, int filtered,
      struct smtpreply_match *out)
{
  struct smtpreply_match m = { .size = sizeof m };
  struct cursor cur;
  cursor_start (&cur, len);

  struct cand best = { 0 };
  int have_best = 0;
  /* The first failure code after a best code that is a success line of a
     multi-line reply.  */
  struct cand refusal = { 0 };
  int have_refusal = 0;
  struct enh alone = { { 0, 0, 0 }, 0, 0 };
  int have_alone = 0;

  for (size_t i = filtered ? next_possible (buf, len, from, &cur)
                           : next_start (buf, len, from, &cur);
       i < len; i = filtered ? next_possible (buf, len, i + 1, &cur)
                             : next_start (buf, len, i + 1, &cur))
    {
      struct cand c;
      if (code_at (buf, len, i, &c))
        {
          /* Of equal ones, a failure beats a success before it, as in a
             transcript ("<<< 250 ok ... <<< 550 no").  */
          int failure_after_success
              = (c.code / 100 == 4 || c.code / 100 == 5)
                && (best.code / 100 == 2 || best.code / 100 == 3);
          if (!have_best || score (&c) > score (&best)
              || (score (&c) == score (&best) && failure_after_success
                  && !best.continues))
            {
              best = c;
              have_best = 1;
            }
          else if (best.continues && (best.code / 100 == 2
                                      || best.code / 100 == 3)
                   && (c.code / 100 == 4 || c.code / 100 == 5)
                   && !have_refusal)
            {
              refusal = c;
              have_refusal = 1;
            }
          i = c.attached ? c.e_at + c.e_len - 1 : i + 2;
          continue;
        }
      struct enh e;
      if ((buf[i] == '2' || buf[i] == '4' || buf[i] == '5')
          && enhanced_at (buf, len, i, 0, &e.e, &e.length))
        {
          e.offset = i;
          if (enhanced_context (buf, i)
              && (!have_alone || better_alone (&e, &alone, 0)))
            {
              alone = e;
              have_alone = 1;
            }
          i += e.length - 1;
        }
    }
  if (have_refusal)
    {
      best = refusal;
      m.found |= SMTPREPLY_MATCH_LAST_LINE;
    }

  /* The enhanced code: the reply's own if it agrees, else one found
     alone.  */
  const struct enh *chosen = NULL;
  struct enh attached;
  if (have_best && best.attached)
    {
      attached.e = best.e;
      attached.offset = best.e_at;
      attached.length = best.e_len;
      chosen = &attached;
    }
  if (have_alone
      && (chosen == NULL
          || (smtpreply_enhanced_agrees (best.code, &chosen->e) != 1
              && better_alone (&alone, chosen, best.code))))
    chosen = &alone;

  size_t text = 0;
  if (have_best)
    {
      m.found |= SMTPREPLY_MATCH_CODE;
      if (best.nonstandard)
        m.found |= SMTPREPLY_MATCH_NONSTANDARD;
      m.code = best.code;
      m.code_offset = best.at;
      text = best.at + 3;
      if (text < len && (buf[text] == ' ' || buf[text] == '-'))
        text++;
      if (best.attached)
        text = best.e_at + best.e_len;
    }
  if (chosen != NULL)
    {
      m.found |= SMTPREPLY_MATCH_ENHANCED;
      m.enhanced = chosen->e;
      m.enhanced_offset = chosen->offset;
      m.enhanced_length = chosen->length;
      if (!have_best)
        text = chosen->offset + chosen->length;
    }
  while (text < len && buf[text] == ' ')
    text++;
  m.text_offset = text;
  *out = m;
}

void
smtpreply__extract_scan (const char *buf, size_t len,
                         struct smtpreply_match *out)
{
  scan (buf, len, 0, 0, out);
}

smtpreply_status
smtpreply_extract (const char *buf, size_t len, struct smtpreply_match *out)
{
  if ((buf == NULL && len > 0) || out == NULL
      || out->size < SMTPREPLY__MATCH_SIZE_0_2)
    return SMTPREPLY_EINVAL;
  /* The answer is made in a struct of this version's size, then copied
     into the caller's as far as it reaches.  Most lines of a log cannot
     hold a code: one quick look says so.  */
  size_t caller_size = out->size;
  struct smtpreply_match m = { .size = sizeof m };
  struct cursor cur;
  cursor_start (&cur, len);
  size_t first = next_possible (buf, len, 0, &cur);
  if (first < len)
    scan (buf, len, first, 1, &m);
  else
    {
      /* What the scan says when it finds nothing: the text starts after
         the spaces at the start.  */
      while (m.text_offset < len && buf[m.text_offset] == ' ')
        m.text_offset++;
    }
  memcpy (out, &m, caller_size < sizeof m ? caller_size : sizeof m);
  out->size = caller_size;
  return 0;
}
