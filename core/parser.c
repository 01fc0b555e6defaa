/* parser.c -- the incremental parser of SMTP replies (RFC 5321 4.2).
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Bytes are gathered into the current line until its LF; then the line is
   checked and added to the reply being read, whose texts are kept in one
   buffer.  The buffers grow up to the limits and are reused, so a stream
   of replies costs no allocation once they have reached the size of the
   largest reply.  A line that breaks a limit is dropped byte by byte as it
   arrives, so no input can make the parser hold more than its limits.

   Two paths make the usual cases cheap: a whole line of printable ASCII
   found in the caller's buffer is checked with one scan and read where it
   is, and a byte fed alone (a slow writer) is taken in a few steps, the
   line being checked once at its LF.  Anything else goes the general way,
   which the tests and the fuzzer hold to the same results in any
   chunking.

   Every deviation from RFC 5321 is a diagnostic of smtpreply/errors.def.
   The errors drop the reply being read and the rest of the line they were
   found in; the parser goes on with the next line.  The flags are set on
   the reply, or, when the caller is strict about them, are errors too.  */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "internal.h"

#if defined __SSE2__ && defined __GNUC__
# include <emmintrin.h>
#endif

#define DEFAULT_LINE_LENGTH 512
#define DEFAULT_LINES 1000
#define DEFAULT_REPLY_BYTES (64 * 1024)
#define MAX_LINE_LENGTH (1024 * 1024)
#define MAX_LINES 1000000
#define MAX_REPLY_BYTES (64 * 1024 * 1024)

/* How far ahead of the line it reads in a large buffer feed asks for the
   bytes: a page.  */
#define PREFETCH_AHEAD 4096

struct smtpreply_parser
{
  size_t limits[3];    /* indexed by enum smtpreply_limit */
  unsigned int strict; /* flags that are errors */

  size_t offset;       /* stream offset of the next byte */
  size_t line_number;  /* number of the line being read */

  char *line;          /* the line being read, without its LF */
  size_t line_len;
  size_t line_cap;
  size_t line_start;   /* stream offset of its first byte */
  int skipping;        /* an error was found in it: drop it to its LF
                          (LINE_LEN is 0 meanwhile) */
  size_t quick_end;    /* the line being read takes a text byte, one fed
                          alone, with no other check while its length is
                          below this (take_byte); 0 when a line ends, the
                          limits change, or the parser is reset */

  int in_reply;        /* a reply has lines already */
  int done;            /* the reply is complete and handed out (LINE_LEN
                          is 0 until the next feed) */
  size_t reply_bytes;  /* bytes of its complete lines, endings included */
  char *text;          /* texts of its lines */
  size_t text_len;
  size_t text_cap;
  struct smtpreply__span *spans;
  size_t span_cap;
  struct smtpreply_response reply;

  size_t error_offset;
  size_t error_line;
};

smtpreply_status
smtpreply_parser_new (struct smtpreply_parser **out)
{
  if (out == NULL)
    return SMTPREPLY_EINVAL;
  struct smtpreply_parser *p = calloc (1, sizeof *p);
  if (p == NULL)
    return SMTPREPLY_ENOMEM;
  p->limits[SMTPREPLY_LIMIT_LINE_LENGTH] = DEFAULT_LINE_LENGTH;
  p->limits[SMTPREPLY_LIMIT_LINES] = DEFAULT_LINES;
  p->limits[SMTPREPLY_LIMIT_REPLY_BYTES] = DEFAULT_REPLY_BYTES;
  p->line_number = 1;
  *out = p;
  return 0;
}

void
smtpreply_parser_free (struct smtpreply_parser *p)
{
  if (p == NULL)
    return;
  free (p->line);
  free (p->text);
  free (p->spans);
  free (p);
}

/* Forget the reply being read.  */
static void
drop_reply (struct smtpreply_parser *p)
{
  p->in_reply = 0;
  p->done = 0;
  p->reply_bytes = 0;
  p->text_len = 0;
  memset (&p->reply, 0, sizeof p->reply);
}

void
smtpreply_parser_reset (struct smtpreply_parser *p)
{
  if (p == NULL)
    return;
  drop_reply (p);
  p->offset = 0;
  p->line_number = 1;
  p->line_len = 0;
  p->line_start = 0;
  p->skipping = 0;
  p->quick_end = 0;
  p->error_offset = 0;
  p->error_line = 0;
}

smtpreply_status
smtpreply_parser_set_limit (struct smtpreply_parser *p, int which,
                            size_t value)
{
  static const size_t maximum[] = { MAX_LINE_LENGTH, MAX_LINES,
                                    MAX_REPLY_BYTES };
  if (p == NULL || which < 0 || which > SMTPREPLY_LIMIT_REPLY_BYTES
      || value < 1 || value > maximum[which])
    return SMTPREPLY_EINVAL;
  /* The shortest line is a code and an LF.  */
  if (which == SMTPREPLY_LIMIT_LINE_LENGTH && value < 4)
    return SMTPREPLY_EINVAL;
  p->limits[which] = value;
  p->quick_end = 0;
  return 0;
}

size_t
smtpreply_parser_get_limit (const struct smtpreply_parser *p, int which)
{
  if (p == NULL || which < 0 || which > SMTPREPLY_LIMIT_REPLY_BYTES)
    return 0;
  return p->limits[which];
}

smtpreply_status
smtpreply_parser_set_strict (struct smtpreply_parser *p, unsigned int mask)
{
  if (p == NULL || (mask & ~smtpreply_flag_all ()) != 0)
    return SMTPREPLY_EINVAL;
  p->strict = mask;
  return 0;
}

/* Record error RC found at stream offset OFFSET, drop the reply being
   read, and return RC.  */
static int
fail (struct smtpreply_parser *p, int rc, size_t offset)
{
  p->error_offset = offset;
  p->error_line = p->line_number;
  drop_reply (p);
  return rc;
}

/* Set FLAG on the reply, seen at stream offset OFFSET.  Return 0, or its
   error if P is strict about it.  */
static int
flag (struct smtpreply_parser *p, unsigned int f, size_t offset)
{
  if (p->strict & f)
    return fail (p, smtpreply_flag_error (f), offset);
  p->reply.flags |= f;
  return 0;
}

/* Make room for NEED bytes in *BUF of capacity *CAP, growing it to at most
   LIMIT.  *BUF is allocated even for 0 bytes, so that a reply whose lines
   are all empty ("334") still has text to point into.  Return 0 or
   SMTPREPLY_ENOMEM.  */
static int
reserve (char **buf, size_t *cap, size_t need, size_t limit)
{
  if (need <= *cap && *buf != NULL)
    return 0;
  size_t cap2 = *cap < 256 ? 256 : *cap;
  while (cap2 < need)
    cap2 = cap2 > limit / 2 ? limit : cap2 * 2;
  if (cap2 < need)
    cap2 = need;
  char *b = realloc (*buf, cap2);
  if (b == NULL)
    return SMTPREPLY_ENOMEM;
  *buf = b;
  *cap = cap2;
  return 0;
}

/* Read a number of 1 to 3 digits without a leading zero at TEXT[*I],
   followed by something other than a digit, into *V and advance *I.
   Return 1, or 0 if there is no such number.  */
static inline int
quick_number (const char *text, size_t len, size_t *i, int *v)
{
  size_t j = *i;
  int x = 0;
  while (j < len && j - *i < 3 && text[j] >= '0' && text[j] <= '9')
    {
      x = x * 10 + (text[j] - '0');
      j++;
    }
  if (j == *i || (j < len && text[j] >= '0' && text[j] <= '9')
      || (text[*i] == '0' && j - *i > 1))
    return 0;
  *i = j;
  *v = x;
  return 1;
}

/* Check the first bytes of a line, the LEN bytes at S (LEN may be less
   than 4 while the line is arriving): three digits, the first 1 to 5, the
   second 0 to 5, and no fourth digit.  Return 0, or the error of the first
   byte that breaks the rule and its index in *AT.  The parser calls this as
   bytes come and again at the line's end, so a line is judged at the same
   byte however it was cut.  */
static int
code_error_slow (const char *s, size_t len, size_t *at)
{
  for (size_t i = 0; i < len && i < 4; i++)
    {
      int digit = s[i] >= '0' && s[i] <= '9';
      int rc = 0;
      if (i < 3 && !digit)
        rc = SMTPREPLY_EBAD_CODE;
      else if (i == 0 && (s[0] < '1' || s[0] > '5'))
        rc = SMTPREPLY_EBAD_CLASS;
      else if (i == 1 && s[1] > '5')
        rc = SMTPREPLY_EBAD_CATEGORY;
      else if (i == 3 && digit)
        rc = SMTPREPLY_EBAD_CODE;
      if (rc < 0)
        {
          *at = i;
          return rc;
        }
    }
  return 0;
}

/* The same, with the usual case, four bytes that break no rule, tested
   at once and inline.  */
static inline int
code_error (const char *s, size_t len, size_t *at)
{
  const unsigned char *u = (const unsigned char *) s;
  if (len >= 4 && (unsigned char) (u[0] - '1') <= 4
      && (unsigned char) (u[1] - '0') <= 5
      && (unsigned char) (u[2] - '0') <= 9
      && (unsigned char) (u[3] - '0') > 9)
    return 0;
  return code_error_slow (s, len, at);
}

/* Return the length of the enhanced status code at the start of the LEN
   bytes at TEXT, with the space after it, and store the code in *E; or
   return 0 if TEXT does not start with one.  Set *MALFORMED if TEXT starts
   with something shaped like one that is not valid ("5.1", "5.01.1").  */
static size_t
leading_enhanced (const char *text, size_t len,
                  struct smtpreply_enhanced_code *e, int *malformed)
{
  /* Every code, valid or malformed, starts with a digit and a dot.  */
  *malformed = 0;
  if (len < 2 || text[0] < '0' || text[0] > '9' || text[1] != '.')
    return 0;
  /* The usual valid ones, read here; anything else goes the long way.  */
  if (text[0] == '2' || text[0] == '4' || text[0] == '5')
    {
      size_t i = 2;
      int subject;
      int detail;
      if (quick_number (text, len, &i, &subject) && i < len && text[i] == '.')
        {
          i++;
          if (quick_number (text, len, &i, &detail)
              && (i == len || text[i] == ' '))
            {
              e->cls = text[0] - '0';
              e->subject = subject;
              e->detail = detail;
              return i < len ? i + 1 : i;
            }
        }
    }
  size_t word = 2;
  while (word < len && text[word] != ' ')
    word++;
  if (smtpreply_enhanced_parse (text, word, e, NULL) == 0)
    return word < len ? word + 1 : word;
  /* A single digit, a dot, and only digits and dots after it.  */
  if (word >= 2 && text[0] >= '0' && text[0] <= '9' && text[1] == '.')
    {
      size_t i = 2;
      while (i < word && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.'))
        i++;
      *malformed = i == word;
    }
  return 0;
}

/* Check the text of a line, the LEN bytes at TEXT starting at stream
   offset OFFSET, for bytes outside RFC 5321's textstring (HT and
   printable ASCII).  Return 0 or an error.  */
/* Return nonzero if one of the 8 bytes of W is outside printable ASCII:
   below 0x20 (HT too: the byte loop sorts it out), DEL, or 8-bit.  */
static inline uint64_t
special_bytes (uint64_t w)
{
  const uint64_t ones = UINT64_C (0x0101010101010101);
  const uint64_t high = UINT64_C (0x8080808080808080);
  uint64_t del = w ^ (ones * 0x7f);
  return (w | ((w - ones * 0x20) & ~w) | ((del - ones) & ~del)) & high;
}

static int
check_text (struct smtpreply_parser *p, const char *text, size_t len,
            size_t offset)
{
  int seen_control = 0;
  int seen_8bit = 0;
  size_t i = 0;
  /* Skip printable ASCII 8 bytes at a time; the loop below looks at the
     rest byte by byte from the first word that has something else.  */
  for (; i + 8 <= len; i += 8)
    {
      uint64_t w;
      memcpy (&w, text + i, 8);
      if (special_bytes (w))
        break;
    }
  /* The last bytes, fewer than 8, as the last word of the text (which
     overlaps the words before) when it has one.  */
  if (i < len && i + 8 > len && len >= 8)
    {
      uint64_t w;
      memcpy (&w, text + len - 8, 8);
      if (!special_bytes (w))
        return 0;
    }
  for (; i < len && !(seen_control && seen_8bit); i++)
    {
      unsigned char c = (unsigned char) text[i];
      int rc = 0;
      if (c >= 0x80 && !seen_8bit)
        {
          seen_8bit = 1;
          rc = flag (p, SMTPREPLY_FLAG_EIGHT_BIT, offset + i);
        }
      else if ((c < 0x20 && c != '\t') || c == 0x7f)
        {
          if (!seen_control)
            rc = flag (p, SMTPREPLY_FLAG_CONTROL, offset + i);
          seen_control = 1;
        }
      if (rc < 0)
        return rc;
    }
  return 0;
}

/* Return the length, LF included, of the line at the start of the LEN
   bytes at S if it is all printable ASCII up to its CRLF or LF; else (a
   byte of another kind, or no LF) return 0.  */
static size_t
clean_line (const char *s, size_t len)
{
  size_t i = 0;
  int found = 0;
#if defined __SSE2__ && defined __GNUC__
  /* Sixteen bytes at a time where the compiler targets SSE2 (every x86-64
     processor has it) and smtpreply__simd allows it.  In signed bytes,
     those below 0x20 are the controls and the 8-bit ones.  */
  if (smtpreply__simd)
    {
      const __m128i space = _mm_set1_epi8 (0x20);
      const __m128i del = _mm_set1_epi8 (0x7f);
      for (; i + 16 <= len; i += 16)
        {
          __m128i v = _mm_loadu_si128 ((const __m128i *) (s + i));
          unsigned int m = (unsigned int) _mm_movemask_epi8 (
              _mm_or_si128 (_mm_cmplt_epi8 (v, space),
                            _mm_cmpeq_epi8 (v, del)));
          if (m != 0)
            {
              i += (size_t) __builtin_ctz (m);
              found = 1;
              break;
            }
        }
    }
#endif
  for (; !found && i + 8 <= len; i += 8)
    {
      uint64_t w;
      memcpy (&w, s + i, 8);
      uint64_t m = special_bytes (w);
      if (m != 0)
        {
#if defined __BYTE_ORDER__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
          /* The lowest flagged byte is exact (borrows only go up).  */
          i += (size_t) __builtin_ctzll (m) / 8;
          found = 1;
#endif
          break;
        }
    }
  for (; !found && i < len; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (c < 0x20 || c >= 0x7f)
        break;
    }
  if (i < len && s[i] == '\n')
    return i + 1;
  if (i + 1 < len && s[i] == '\r' && s[i + 1] == '\n')
    return i + 2;
  return 0;
}

/* Check the line just completed (S, P->line_len bytes: P->line, or the
   caller's buffer when the whole line was in it; its LF at stream offset
   LF) and add it to the reply.  Return SMTPREPLY_READY if it ends the
   reply, 0 if the reply goes on, or an error.  */
static int
end_line (struct smtpreply_parser *p, const char *s, size_t lf, int clean)
{
  size_t len = p->line_len;
  size_t start = p->line_start;
  int rc;

  /* The code: three digits, in range, and no fourth digit.  */
  size_t bad;
  rc = code_error (s, len, &bad);
  if (rc < 0)
    return fail (p, rc, start + bad);
  if (len < 3)
    return fail (p, SMTPREPLY_EBAD_CODE, lf);
  int code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');

  /* The line ending.  */
  size_t end = len;
  if (end > 3 && s[end - 1] == '\r')
    end--;
  else if ((rc = flag (p, SMTPREPLY_FLAG_BARE_LF, lf)) < 0)
    return rc;

  if (!p->in_reply)
    {
      p->in_reply = 1;
      p->reply.code = code;
      p->reply.offset = start;
      p->reply.line_number = p->line_number;
      if (s[0] == '1' && (rc = flag (p, SMTPREPLY_FLAG_PRELIMINARY, start)) < 0)
        return rc;
    }
  else if (code != p->reply.code
           && (rc = flag (p, SMTPREPLY_FLAG_CODE_MISMATCH, start)) < 0)
    return rc;

  /* The separator: "-" goes on, " " or nothing ends the reply.  */
  int last = 1;
  size_t text = 3;
  if (end == 3)
    {
      if ((rc = flag (p, SMTPREPLY_FLAG_BARE_CODE, start + 3)) < 0)
        return rc;
    }
  else if (s[3] == '-' || s[3] == ' ')
    {
      last = s[3] == ' ';
      text = 4;
    }
  else if ((rc = flag (p, SMTPREPLY_FLAG_NO_SPACE, start + 3)) < 0)
    return rc;

  if (!clean && (rc = check_text (p, s + text, end - text, start + text)) < 0)
    return rc;

  /* The enhanced status code: taken from the first line, checked on the
     others.  */
  struct smtpreply_enhanced_code e = { 0, 0, 0 };
  int malformed;
  size_t enhanced_len = leading_enhanced (s + text, end - text, &e, &malformed);
  if (malformed
      && (rc = flag (p, SMTPREPLY_FLAG_ENHANCED_INVALID, start + text)) < 0)
    return rc;
  if (p->reply.line_count == 0)
    {
      p->reply.has_enhanced = enhanced_len > 0;
      p->reply.enhanced = e;
    }
  else if ((enhanced_len > 0) != p->reply.has_enhanced
           || (enhanced_len > 0
               && (e.cls != p->reply.enhanced.cls
                   || e.subject != p->reply.enhanced.subject
                   || e.detail != p->reply.enhanced.detail)))
    {
      if ((rc = flag (p, SMTPREPLY_FLAG_ENHANCED_INCONSISTENT, start + text))
          < 0)
        return rc;
    }
  /* (What smtpreply_enhanced_agrees says, for a code and an enhanced
     code already checked.)  */
  int first = code / 100;
  int agrees = enhanced_len == 0
               || e.cls == (first == 1 || first == 3 ? 2 : first);
  if (!agrees
      && (rc = flag (p, SMTPREPLY_FLAG_ENHANCED_MISMATCH, start + text)) < 0)
    return rc;

  /* Keep the text.  */
  size_t n = p->reply.line_count;
  if (n == p->span_cap)
    {
      size_t cap = p->span_cap < 8 ? 8 : p->span_cap * 2;
      struct smtpreply__span *spans = realloc (p->spans, cap * sizeof *spans);
      if (spans == NULL)
        return fail (p, SMTPREPLY_ENOMEM, start);
      p->spans = spans;
      p->span_cap = cap;
    }
  if (reserve (&p->text, &p->text_cap, p->text_len + (end - text),
               p->limits[SMTPREPLY_LIMIT_REPLY_BYTES])
      < 0)
    return fail (p, SMTPREPLY_ENOMEM, start);
  memcpy (p->text + p->text_len, s + text, end - text);
  p->spans[n].start = p->text_len;
  p->spans[n].len = end - text;
  p->spans[n].message = enhanced_len;
  p->text_len += end - text;
  p->reply.line_count = n + 1;
  p->reply_bytes += len + 1;

  if (!last)
    return 0;
  p->reply.lines = p->spans;
  p->reply.text = p->text;
  p->done = 1;
  return SMTPREPLY_READY;
}

/* Return the first byte C in the LEN bytes at S, or NULL: memchr, but
   without a call for a short LEN.  */
static inline const char *
find_byte (const char *s, char c, size_t len)
{
  if (len > 16)
    return memchr (s, c, len);
  for (size_t i = 0; i < len; i++)
    if (s[i] == c)
      return s + i;
  return NULL;
}

/* End the line being read of P, or drop it: it has no bytes, and the
   next line takes no byte the quick way (take_usual_byte) before
   take_byte has checked its first four.  */
static inline void
line_over (struct smtpreply_parser *p)
{
  p->line_len = 0;
  p->quick_end = 0;
}

/* What take_byte and end_byte return for a byte they leave to the
   general loop: neither 0, SMTPREPLY_READY nor an error.  */
#define BYTE_DEFERRED 2

/* Take the byte C, the next of the stream, if it is the usual one: a
   byte of the text of a line that is known to have room for it (all the
   checks of take_byte hold for it).  Return 1 if it was taken, else 0
   with nothing changed.  Inline, so that a byte fed alone costs a few
   instructions and no call.  */
static inline int
take_usual_byte (struct smtpreply_parser *p, char c)
{
  /* (QUICK_END is 0 between lines.)  Bytes below the LF (a NUL, a tab,
     controls) take the longer way.  */
  size_t len = p->line_len;
  if (SMTPREPLY__LIKELY (len < p->quick_end && (unsigned char) c > '\n'))
    {
      p->line[len] = c;
      p->line_len = len + 1;
      p->offset++;
      return 1;
    }
  return 0;
}

/* Take the byte C, the next of the stream, if it is not an LF, in the
   usual cases of a slow writer: a byte dropped with the rest of its line,
   or a byte of a line's code or text that breaks no rule and fits in the
   limits and in the line buffer.  Return 0, or BYTE_DEFERRED with nothing
   changed for an LF and for the rare cases (a NUL, an error in the code, a
   limit reached, the buffer to grow) that the general loop takes.  */
static int
take_byte (struct smtpreply_parser *p, char c)
{
  if (take_usual_byte (p, c))
    return 0;
  if (c == '\n')
    return BYTE_DEFERRED;
  if (p->skipping)
    {
      p->offset++;
      return 0;
    }
  /* Room for this byte and still for the LF, in the line and in the
     reply; and in the buffer.  */
  size_t n = p->line_len;
  if (c == '\0' || n + 1 >= p->limits[SMTPREPLY_LIMIT_LINE_LENGTH]
      || p->reply_bytes + n + 2 > p->limits[SMTPREPLY_LIMIT_REPLY_BYTES]
      || n >= p->line_cap)
    return BYTE_DEFERRED;
  if (n == 0 && p->in_reply
      && p->reply.line_count >= p->limits[SMTPREPLY_LIMIT_LINES])
    return BYTE_DEFERRED;
  /* The code's bytes: those before this one have been judged already.  */
  static const char code_min[3] = { '1', '0', '0' };
  static const char code_max[3] = { '5', '5', '9' };
  if (n < 3 ? c < code_min[n] || c > code_max[n]
            : n == 3 && c >= '0' && c <= '9')
    return BYTE_DEFERRED;
  p->line[n] = c;
  if (n == 0)
    p->line_start = p->offset;
  p->line_len = n + 1;
  p->offset++;
  /* From its fifth byte on, the line takes text bytes while the checks
     above that depend on its length hold: N + 1 < the line-length limit,
     REPLY_BYTES + N + 2 <= the reply-bytes limit, N < LINE_CAP.  The
     limits change only through smtpreply_parser_set_limit, REPLY_BYTES
     only at the end of a line, and LINE_CAP only grows; QUICK_END is
     cleared with each of these but the last (line_over).  */
  if (n >= 3 && p->quick_end == 0)
    {
      size_t end = p->limits[SMTPREPLY_LIMIT_LINE_LENGTH] - 1;
      size_t max_bytes = p->limits[SMTPREPLY_LIMIT_REPLY_BYTES];
      size_t bytes_end = max_bytes > p->reply_bytes + 1
                             ? max_bytes - p->reply_bytes - 1
                             : 0;
      if (bytes_end < end)
        end = bytes_end;
      if (p->line_cap < end)
        end = p->line_cap;
      p->quick_end = end;
    }
  return 0;
}

/* Take the LF C of a line begun or dropped, the next byte of the stream,
   if it fits in the reply.  Return 0, SMTPREPLY_READY or an error, as
   end_line does; or BYTE_DEFERRED, with nothing changed, for any other
   byte, an LF alone on its line or one past the limit.  */
static int
end_byte (struct smtpreply_parser *p, char c)
{
  if (c != '\n')
    return BYTE_DEFERRED;
  if (p->skipping)
    {
      p->offset++;
      p->line_number++;
      p->skipping = 0;
      return 0;
    }
  size_t n = p->line_len;
  if (n == 0 || p->reply_bytes + n >= p->limits[SMTPREPLY_LIMIT_REPLY_BYTES])
    return BYTE_DEFERRED;
  size_t lf_offset = p->offset++;
  int rc = end_line (p, p->line, lf_offset, 0);
  line_over (p);
  p->line_number++;
  return rc;
}

/* Read the LEN bytes at BUF as smtpreply_parser_feed does, for P and
   USED already checked.  Kept out of line (GCC and Clang are told so), so
   that the short path of smtpreply_parser_feed has nothing to save.  */
#if defined __GNUC__
__attribute__ ((noinline))
#endif
static int
feed (struct smtpreply_parser *p, const char *buf, size_t len, size_t *used)
{
  if (p->done)
    drop_reply (p);

  const size_t max_line = p->limits[SMTPREPLY_LIMIT_LINE_LENGTH];
  const size_t max_lines = p->limits[SMTPREPLY_LIMIT_LINES];
  const size_t max_bytes = p->limits[SMTPREPLY_LIMIT_REPLY_BYTES];
  size_t pos = 0;
  int rc = 0;

  while (pos < len && rc == 0)
    {
      if (p->line_len == 0 && !p->skipping)
        {
          p->line_start = p->offset;
          if (p->in_reply && p->reply.line_count >= max_lines)
            {
              rc = fail (p, SMTPREPLY_ETOO_MANY_LINES, p->offset);
              p->skipping = 1;
              if (buf[pos] != '\n')
                {
                  pos++;
                  p->offset++;
                }
              continue;
            }
          /* Ask for the bytes a page ahead: in a large buffer just
             mapped or read, the first touch of each page costs a walk of
             the page tables (on a virtual machine, of two), which the
             parse then need not wait for.  (A file of 64 MiB mapped by
             a new process, on this project's virtual machine: 13% less
             processor time; in memory already touched, no change.)  */
#if defined __GNUC__
          if (len - pos > PREFETCH_AHEAD)
            __builtin_prefetch (buf + pos + PREFETCH_AHEAD);
#endif
          /* A whole line of printable ASCII within the limits: one scan
             finds its end, and it is read where it is.  */
          size_t n = clean_line (buf + pos, len - pos);
          if (n > 0 && n <= max_line && p->reply_bytes + n <= max_bytes)
            {
              const char *line = buf + pos;
              size_t lf_offset = p->offset + n - 1;
              p->line_len = n - 1;
              pos += n;
              p->offset += n;
              rc = end_line (p, line, lf_offset, 1);
              line_over (p);
              p->line_number++;
              continue;
            }
        }

      /* (For the few bytes a slow writer sends at a time, a loop is
         cheaper than calling memchr.)  */
      const char *lf = find_byte (buf + pos, '\n', len - pos);
      size_t chunk = (lf != NULL ? (size_t) (lf - buf) : len) - pos;

      if (p->skipping)
        {
          pos += chunk;
          p->offset += chunk;
          if (lf != NULL)
            {
              pos++;
              p->offset++;
              p->line_number++;
              p->skipping = 0;
            }
          continue;
        }

      /* Take bytes of the line up to the first that breaks a rule.  A
         line with its LF has at most MAX_LINE bytes, and a reply at most
         MAX_BYTES: text bytes are taken only while the LF still fits.  */
      size_t take = chunk;
      int broken = 0;
      const char *nul = find_byte (buf + pos, '\0', chunk);
      if (nul != NULL)
        {
          take = (size_t) (nul - (buf + pos));
          broken = SMTPREPLY_ENUL;
        }
      /* A line's first bytes must be a code: say so at the first byte
         that is not, without waiting for the rest of the line.  */
      if (p->line_len < 4 && take > 0)
        {
          char head[4];
          size_t have = p->line_len;
          memcpy (head, p->line_len > 0 ? p->line : "", have);
          size_t more = take < 4 - have ? take : 4 - have;
          memcpy (head + have, buf + pos, more);
          size_t at;
          int code_rc = code_error (head, have + more, &at);
          if (code_rc < 0)
            {
              take = at - have;
              broken = code_rc;
            }
        }
      /* (The limits may have been lowered since the line began.)  */
      size_t room_line
          = p->line_len < max_line ? max_line - 1 - p->line_len : 0;
      if (take > room_line)
        {
          take = room_line;
          broken = SMTPREPLY_ELINE_TOO_LONG;
        }
      int lf_fits = p->reply_bytes + p->line_len < max_bytes;
      size_t room_reply
          = lf_fits ? max_bytes - 1 - p->reply_bytes - p->line_len : 0;
      if (take > room_reply)
        {
          take = room_reply;
          broken = SMTPREPLY_EREPLY_TOO_LONG;
        }
      else if (!broken && lf != NULL && !lf_fits)
        broken = SMTPREPLY_EREPLY_TOO_LONG;
      const char *line = NULL;
      if (take > 0 && !broken && lf != NULL && p->line_len == 0)
        {
          /* The whole line is in BUF: read it there, uncopied.  */
          line = buf + pos;
          p->line_len = take;
          pos += take;
          p->offset += take;
        }
      else if (take > 0)
        {
          if (reserve (&p->line, &p->line_cap, p->line_len + take, max_line)
              < 0)
            {
              rc = fail (p, SMTPREPLY_ENOMEM, p->offset);
              line_over (p);
              p->skipping = 1;
              break;
            }
          memcpy (p->line + p->line_len, buf + pos, take);
          p->line_len += take;
          pos += take;
          p->offset += take;
        }
      if (broken)
        {
          /* The offending byte goes with the error; the rest of its line
             is dropped as it comes.  */
          rc = fail (p, broken, p->offset);
          line_over (p);
          p->skipping = buf[pos] != '\n';
          if (!p->skipping)
            p->line_number++;
          pos++;
          p->offset++;
          continue;
        }
      if (lf == NULL)
        break;
      /* The LF.  */
      size_t lf_offset = p->offset;
      pos++;
      p->offset++;
      rc = end_line (p, line != NULL ? line : p->line, lf_offset, 0);
      line_over (p);
      p->line_number++;
    }
  *used = pos;
  return rc;
}

/* Read the byte at BUF as smtpreply_parser_feed does, for P and USED
   already checked: as take_byte and end_byte take it, else as feed does.
   Out of line (GCC and Clang are told so), as feed is.  */
#if defined __GNUC__
__attribute__ ((noinline))
#endif
static int
feed_one (struct smtpreply_parser *p, const char *buf, size_t *used)
{
  if (p->done)
    drop_reply (p);
  int rc = take_byte (p, buf[0]);
  if (rc == BYTE_DEFERRED)
    rc = end_byte (p, buf[0]);
  if (rc != BYTE_DEFERRED)
    {
      *used = 1;
      return rc;
    }
  return feed (p, buf, 1, used);
}

int
smtpreply_parser_feed (struct smtpreply_parser *p, const char *buf,
                       size_t len, size_t *used)
{
  if (SMTPREPLY__UNLIKELY (p == NULL || used == NULL
                           || (len > 0 && buf == NULL)))
    return SMTPREPLY_EINVAL;
  /* One byte at a time, as a slow writer sends them: a byte of a line's
     text in a few steps, with nothing to set up; the others without
     feed's loop.  */
  if (SMTPREPLY__LIKELY (len == 1))
    {
      if (take_usual_byte (p, buf[0]))
        {
          *used = 1;
          return 0;
        }
      return feed_one (p, buf, used);
    }
  return feed (p, buf, len, used);
}

smtpreply_status
smtpreply_parser_finish (struct smtpreply_parser *p)
{
  if (p == NULL)
    return SMTPREPLY_EINVAL;
  int rc = 0;
  if (!p->done && (p->in_reply || (p->line_len > 0 && !p->skipping)))
    rc = fail (p, SMTPREPLY_ETRUNCATED, p->offset);
  size_t error_offset = p->error_offset;
  size_t error_line = p->error_line;
  smtpreply_parser_reset (p);
  p->error_offset = error_offset;
  p->error_line = error_line;
  return rc;
}

int
smtpreply_parser_scan (struct smtpreply_parser *p, const char *buf,
                       size_t len, int finish, smtpreply_scan_fn *fn,
                       void *ctx, size_t *used)
{
  if (used != NULL)
    *used = 0;
  if (p == NULL || fn == NULL || (buf == NULL && len > 0))
    return SMTPREPLY_EINVAL;
  size_t off = 0;
  while (off < len)
    {
      size_t n = 0;
      int rc = smtpreply_parser_feed (p, buf + off, len - off, &n);
      off += n;
      if (used != NULL)
        *used = off;
      int stop = 0;
      if (rc == SMTPREPLY_READY)
        stop = fn (ctx, p, &p->reply, 0);
      else if (rc < 0)
        stop = fn (ctx, p, NULL, rc);
      if (stop != 0)
        return stop;
    }
  if (finish)
    {
      int rc = smtpreply_parser_finish (p);
      if (rc < 0)
        return fn (ctx, p, NULL, rc);
    }
  return 0;
}

const struct smtpreply_response *
smtpreply_parser_reply (const struct smtpreply_parser *p)
{
  return p != NULL && p->done ? &p->reply : NULL;
}

size_t
smtpreply_parser_error_offset (const struct smtpreply_parser *p)
{
  return p != NULL ? p->error_offset : 0;
}

size_t
smtpreply_parser_error_line (const struct smtpreply_parser *p)
{
  return p != NULL ? p->error_line : 0;
}

int
smtpreply_response_code (const struct smtpreply_response *r)
{
  return r != NULL ? r->code : SMTPREPLY_EINVAL;
}

const struct smtpreply_enhanced_code *
smtpreply_response_enhanced (const struct smtpreply_response *r)
{
  return r != NULL && r->has_enhanced ? &r->enhanced : NULL;
}

unsigned int
smtpreply_response_flags (const struct smtpreply_response *r)
{
  return r != NULL ? r->flags : 0;
}

size_t
smtpreply_response_line_count (const struct smtpreply_response *r)
{
  return r != NULL ? r->line_count : 0;
}

const char *
smtpreply_response_line (const struct smtpreply_response *r, size_t i,
                         size_t *len)
{
  if (r == NULL || i >= r->line_count)
    return NULL;
  if (len != NULL)
    *len = r->lines[i].len;
  return r->text + r->lines[i].start;
}

const char *
smtpreply_response_message (const struct smtpreply_response *r, size_t i,
                            size_t *len)
{
  if (r == NULL || i >= r->line_count)
    return NULL;
  const struct smtpreply__span *s = &r->lines[i];
  if (len != NULL)
    *len = s->len - s->message;
  return r->text + s->start + s->message;
}

size_t
smtpreply_response_offset (const struct smtpreply_response *r)
{
  return r != NULL ? r->offset : 0;
}

size_t
smtpreply_response_line_number (const struct smtpreply_response *r)
{
  return r != NULL ? r->line_number : 0;
}
