/* fuzz-catalog.c -- the .mo catalog reader and Plural-Forms expressions.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The whole input is read twice.

   As a .mo file: smtpreply__catalog_parse must refuse it with a documented
   reason, or accept it only if every string of both tables lies inside it
   with its NUL and the originals are in strictly ascending order (checked
   again here, independently).  On a catalog it accepts, looking up each
   original (plainly, split at its context, and as a plural) must find its
   own translation, or nothing if the reader dropped it (and then it must
   have counted it); what it serves must be safe to print and to give to
   printf as the msgid was (no control but tab and newline, no %n, no
   positional conversion, the same conversion letters: checked again here,
   more simply); and lookups of some of the library's msgids, with and
   without a context, as plurals for many counts, must not fail.

   As a Plural-Forms expression: when smtpreply__plural_compile accepts it,
   a plain recursive evaluator written here must accept it too and give
   the same form for every count tried; when the evaluator accepts a short
   expression (too few tokens to reach the compiler's limits), the
   compiler must too.  */

#include <config.h>

#include <limits.h>
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

/* Counts tried on plural rules.  */
static const unsigned long counts[]
    = { 0,   1,   2,   3,    4,    5,    7,       10,      11,       12,
        14,  20,  21,  22,   25,   100,  101,     102,     111,      112,
        200, 999, 1000, 1001, 1000000, 4294967295UL, ULONG_MAX - 1, ULONG_MAX };

/* ------------------------------------------------------------------------
   The .mo file.  */

/* Return the 32-bit word at OFF of the SIZE bytes at DATA in the given
   byte order, or 0 with *BAD set if it is not inside.  */
static uint32_t
word (const uint8_t *data, size_t size, uint64_t off, int big_endian,
      int *bad)
{
  if (off > size || size - off < 4)
    {
      *bad = 1;
      return 0;
    }
  const uint8_t *p = data + off;
  if (big_endian)
    return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16
           | (uint32_t) p[2] << 8 | p[3];
  return (uint32_t) p[3] << 24 | (uint32_t) p[2] << 16 | (uint32_t) p[1] << 8
         | p[0];
}

/* Return the offset of string I of the table at TABLE, after checking
   that it and its NUL lie inside the file; store its length in *LEN.  */
static size_t
string_at (const uint8_t *data, size_t size, int big_endian, uint64_t table,
           size_t i, size_t *len)
{
  int bad = 0;
  uint32_t length = word (data, size, table + 8 * (uint64_t) i, big_endian,
                          &bad);
  uint32_t offset = word (data, size, table + 8 * (uint64_t) i + 4,
                          big_endian, &bad);
  FUZZ_ASSERT (!bad);
  FUZZ_ASSERT ((uint64_t) offset + length < size);
  FUZZ_ASSERT (data[offset + length] == '\0');
  *len = length;
  return offset;
}

/* Store in LETTERS (SIZE bytes) the conversion letters of the printf
   format S, '*' for a width or precision given as an argument, up to SIZE
   - 1 of them.  Return 0, or -1 if S has %n, a positional conversion, an
   incomplete or unknown one.  Read as the catalog reader reads formats
   (flags, width, precision, one length modifier, a letter), but written
   apart and without comparing length modifiers.  */
static int
conversion_letters (const char *s, char *letters, size_t size)
{
  size_t n = 0;
  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p != '%')
        continue;
      p++;
      if (*p == '%')
        continue;
      while (*p != '\0' && strchr ("-+ #0'I", *p) != NULL)
        p++;
      for (int part = 0; part < 2; part++)
        {
          /* The width, then the precision after a '.'.  */
          if (part == 1 && *p != '.')
            break;
          if (part == 1)
            p++;
          if (*p == '*')
            {
              if (n + 1 < size)
                letters[n++] = '*';
              p++;
            }
          while (*p >= '0' && *p <= '9')
            p++;
          if (*p == '$')
            return -1;
        }
      if (*p != '\0' && strchr ("hlLqjzZt", *p) != NULL)
        {
          if ((*p == 'h' || *p == 'l') && p[1] == *p)
            p++;
          p++;
        }
      if (*p == '\0' || strchr ("diouxXeEfFgGaAcsCSpm", *p) == NULL)
        return -1;
      if (n + 1 < size)
        letters[n++] = *p;
    }
  letters[n] = '\0';
  return 0;
}

/* Check that TEXT, served for MSGID by a catalog, is safe: no control but
   tab and newline, and, when MSGID is a valid format, the same
   conversions.  */
static void
check_served (const char *msgid, const char *text)
{
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    FUZZ_ASSERT (*p >= 0x20 ? *p != 0x7f : *p == '\t' || *p == '\n');
  char want[64];
  char got[64];
  FUZZ_ASSERT (conversion_letters (text, got, sizeof got) == 0);
  if (conversion_letters (msgid, want, sizeof want) == 0)
    FUZZ_ASSERT (strcmp (want, got) == 0);
}

/* Look up, in the catalog CAT parsed from the SIZE bytes at DATA, every
   original string (up to a bound), and check that each finds its own
   translation.  */
static void
check_own_strings (const struct smtpreply__catalog *cat, const uint8_t *data,
                   size_t size)
{
  int big_endian = data[0] == 0x95;
  int bad = 0;
  uint32_t count = word (data, size, 8, big_endian, &bad);
  uint32_t originals = word (data, size, 12, big_endian, &bad);
  uint32_t translations = word (data, size, 16, big_endian, &bad);
  FUZZ_ASSERT (!bad);
  const char *prev = NULL;
  for (size_t i = 0; i < count; i++)
    {
      size_t olen;
      size_t tlen;
      size_t ooff = string_at (data, size, big_endian, originals, i, &olen);
      size_t toff
          = string_at (data, size, big_endian, translations, i, &tlen);
      const char *msgid = (const char *) data + ooff;
      const char *text = (const char *) data + toff;
      /* Ascending, as strcmp orders their first parts.  */
      FUZZ_ASSERT (prev == NULL || strcmp (prev, msgid) < 0);
      prev = msgid;
      if (i >= 256)
        continue;

      /* A translation the reader dropped is not served, in any form.  */
      const char *got = smtpreply__catalog_lookup (cat, NULL, msgid, NULL, 0);
      const char *want = text[0] != '\0' ? text : NULL;
      int dropped = 0;
      if (got == NULL && want != NULL)
        {
          FUZZ_ASSERT (smtpreply__catalog_dropped (cat) > 0);
          want = NULL;
          dropped = 1;
        }
      FUZZ_ASSERT (got == want);
      /* The format of the forms: the msgid without its context, or the
         plural msgid if there is one.  */
      const char *format = msgid;
      const char *eot_format = strchr (msgid, '\004');
      if (eot_format != NULL)
        format = eot_format + 1;
      if (strlen (msgid) < olen)
        format = msgid + strlen (msgid) + 1;
      /* The header, the translation of "", is not a format.  */
      if (got != NULL && olen > 0)
        check_served (format, got);

      /* "CONTEXT\004MSGID" is found as CONTEXT and MSGID too.  */
      const char *eot = strchr (msgid, '\004');
      if (eot != NULL && (size_t) (eot - msgid) < 256)
        {
          char context[256];
          memcpy (context, msgid, (size_t) (eot - msgid));
          context[eot - msgid] = '\0';
          FUZZ_ASSERT (smtpreply__catalog_lookup (cat, context, eot + 1, NULL,
                                                  0)
                       == want);
        }

      /* A plural form is one of the NUL-separated forms of the
         translation, never empty.  */
      for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k += 3)
        {
          const char *form
              = smtpreply__catalog_lookup (cat, NULL, msgid, "", counts[k]);
          if (form == NULL)
            continue;
          FUZZ_ASSERT (!dropped);
          FUZZ_ASSERT (form >= text && form <= text + tlen);
          FUZZ_ASSERT (form == text || form[-1] == '\0');
          FUZZ_ASSERT (form[0] != '\0');
          if (olen > 0)
            check_served (format, form);
        }
    }
}

/* Look up some of the library's msgids in CAT: nothing to check but that
   it does not fail, and answers NULL or a string.  */
static void
lookup_known (const struct smtpreply__catalog *cat)
{
  static const char *const msgids[] = {
    "",
    "The mailbox is unavailable; the action was not taken",
    "The requested action was completed",
    "warning",
    "Deferred (4yz): %llu line",
    "Bounced (5yz): %llu line",
  };
  static const char *const contexts[] = { NULL, "", "reply", "enhanced" };
  for (size_t i = 0; i < sizeof msgids / sizeof msgids[0]; i++)
    for (size_t c = 0; c < sizeof contexts / sizeof contexts[0]; c++)
      {
        const char *t
            = smtpreply__catalog_lookup (cat, contexts[c], msgids[i], NULL, 0);
        FUZZ_ASSERT (t == NULL || strlen (t) < SIZE_MAX);
        for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++)
          smtpreply__catalog_lookup (cat, contexts[c], msgids[i], "plural",
                                     counts[k]);
      }
  FUZZ_ASSERT (smtpreply__catalog_lookup (cat, NULL, NULL, NULL, 0) == NULL);
}

/* Check the SIZE bytes at DATA as a .mo file.  */
static void
check_catalog (const uint8_t *data, size_t size)
{
  struct smtpreply__catalog *cat = (struct smtpreply__catalog *) &cat;
  int rc = smtpreply__catalog_parse (data, size, &cat);
  if (rc != 0)
    {
      FUZZ_ASSERT (cat == NULL);
      FUZZ_ASSERT (rc == SMTPREPLY_ECATALOG_TRUNCATED
                   || rc == SMTPREPLY_ECATALOG_MAGIC
                   || rc == SMTPREPLY_ECATALOG_REVISION
                   || rc == SMTPREPLY_ECATALOG_BOUNDS
                   || rc == SMTPREPLY_ECATALOG_CORRUPT
                   || rc == SMTPREPLY_ECATALOG_CHARSET
                   || rc == SMTPREPLY_ENOMEM);
      return;
    }
  FUZZ_ASSERT (cat != NULL);
  check_own_strings (cat, data, size);
  lookup_known (cat);
  smtpreply__catalog_free (cat);
}

/* ------------------------------------------------------------------------
   A reference evaluator of Plural-Forms expressions: the grammar of C's
   conditional expression over n, decimal constants, ! and the binary
   operators * / % + - < > <= >= == != && ||, evaluated in unsigned long
   as gettext does (x / 0 and x % 0 give 0).  One function per level of
   precedence, evaluating as it parses.  */

struct ref
{
  const char *s;
  const char *end;
  unsigned long n;
  int error;
  size_t tokens;
  int depth;
};

/* Skip white space in R.  */
static void
ref_space (struct ref *r)
{
  while (r->s < r->end
         && (*r->s == ' ' || *r->s == '\t' || *r->s == '\r' || *r->s == '\n'))
    r->s++;
}

/* If the next token of R is TOKEN (one or two characters, and not the
   first character of a longer operator), take it and return 1.  */
static int
ref_take (struct ref *r, const char *token)
{
  ref_space (r);
  size_t len = strlen (token);
  if ((size_t) (r->end - r->s) < len || memcmp (r->s, token, len) != 0)
    return 0;
  /* "<" is not "<=", "!" is not "!=", "=" alone is nothing.  */
  if (len == 1 && (token[0] == '<' || token[0] == '>' || token[0] == '!')
      && r->end - r->s > 1 && r->s[1] == '=')
    return 0;
  r->s += len;
  r->tokens++;
  return 1;
}

static unsigned long ref_conditional (struct ref *r);

/* Return the value of a primary or '!' expression of R.  */
static unsigned long
ref_unary (struct ref *r)
{
  ref_space (r);
  if (r->error || r->s == r->end)
    {
      r->error = 1;
      return 0;
    }
  /* Deeper than any expression the compiler takes: stop.  */
  if (r->depth > 2048)
    {
      r->error = 1;
      return 0;
    }
  if (ref_take (r, "!"))
    {
      r->depth++;
      unsigned long v = !ref_unary (r);
      r->depth--;
      return v;
    }
  if (ref_take (r, "("))
    {
      r->depth++;
      unsigned long v = ref_conditional (r);
      r->depth--;
      if (!ref_take (r, ")"))
        r->error = 1;
      return v;
    }
  if (ref_take (r, "n"))
    return r->n;
  if (*r->s < '0' || *r->s > '9')
    {
      r->error = 1;
      return 0;
    }
  unsigned long v = 0;
  while (r->s < r->end && *r->s >= '0' && *r->s <= '9')
    {
      unsigned long d = (unsigned long) (*r->s - '0');
      if (v > (ULONG_MAX - d) / 10)
        r->error = 1;
      v = v * 10 + d;
      r->s++;
    }
  r->tokens++;
  return v;
}

/* Return the value of a multiplicative expression of R.  */
static unsigned long
ref_mul (struct ref *r)
{
  unsigned long v = ref_unary (r);
  for (;;)
    {
      if (ref_take (r, "*"))
        v = v * ref_unary (r);
      else if (ref_take (r, "/"))
        {
          unsigned long b = ref_unary (r);
          v = b != 0 ? v / b : 0;
        }
      else if (ref_take (r, "%"))
        {
          unsigned long b = ref_unary (r);
          v = b != 0 ? v % b : 0;
        }
      else
        return v;
    }
}

/* Return the value of an additive expression of R.  */
static unsigned long
ref_add (struct ref *r)
{
  unsigned long v = ref_mul (r);
  for (;;)
    {
      if (ref_take (r, "+"))
        v = v + ref_mul (r);
      else if (ref_take (r, "-"))
        v = v - ref_mul (r);
      else
        return v;
    }
}

/* Return the value of a relational expression of R.  */
static unsigned long
ref_rel (struct ref *r)
{
  unsigned long v = ref_add (r);
  for (;;)
    {
      if (ref_take (r, "<="))
        v = v <= ref_add (r);
      else if (ref_take (r, ">="))
        v = v >= ref_add (r);
      else if (ref_take (r, "<"))
        v = v < ref_add (r);
      else if (ref_take (r, ">"))
        v = v > ref_add (r);
      else
        return v;
    }
}

/* Return the value of an equality expression of R.  */
static unsigned long
ref_eq (struct ref *r)
{
  unsigned long v = ref_rel (r);
  for (;;)
    {
      if (ref_take (r, "=="))
        v = v == ref_rel (r);
      else if (ref_take (r, "!="))
        v = v != ref_rel (r);
      else
        return v;
    }
}

/* Return the value of a logical-and expression of R.  */
static unsigned long
ref_and (struct ref *r)
{
  unsigned long v = ref_eq (r);
  while (ref_take (r, "&&"))
    {
      unsigned long b = ref_eq (r);
      v = v != 0 && b != 0;
    }
  return v;
}

/* Return the value of a logical-or expression of R.  */
static unsigned long
ref_or (struct ref *r)
{
  unsigned long v = ref_and (r);
  while (ref_take (r, "||"))
    {
      unsigned long b = ref_and (r);
      v = v != 0 || b != 0;
    }
  return v;
}

/* Return the value of a conditional expression of R.  */
static unsigned long
ref_conditional (struct ref *r)
{
  unsigned long c = ref_or (r);
  if (!ref_take (r, "?"))
    return c;
  r->depth++;
  unsigned long a = ref_conditional (r);
  if (!ref_take (r, ":"))
    r->error = 1;
  unsigned long b = ref_conditional (r);
  r->depth--;
  return c != 0 ? a : b;
}

/* Evaluate the LEN bytes at S for N.  Return 0 and store the value in
   *VALUE and the number of tokens in *TOKENS, or return -1 if S is not a
   valid expression (with one ';' after it allowed).  */
static int
ref_eval (const char *s, size_t len, unsigned long n, unsigned long *value,
          size_t *tokens)
{
  struct ref r = { s, s + len, n, 0, 0, 0 };
  unsigned long v = ref_conditional (&r);
  ref_take (&r, ";");
  ref_space (&r);
  if (r.error || r.s != r.end)
    return -1;
  *value = v;
  *tokens = r.tokens;
  return 0;
}

/* Check the SIZE bytes at DATA as a plural expression.  */
static void
check_plural (const char *data, size_t size)
{
  struct smtpreply__plural *plural = (struct smtpreply__plural *) &plural;
  int rc = smtpreply__plural_compile (data, size, &plural);
  /* The compiler takes at most 1024 bytes; so does the reference, whose
     recursion is as deep as the expression's nesting.  */
  unsigned long want = 0;
  size_t tokens = 0;
  int ref_rc = size <= 1024 ? ref_eval (data, size, 0, &want, &tokens) : -1;
  if (rc != 0)
    {
      FUZZ_ASSERT (plural == NULL);
      FUZZ_ASSERT (rc == SMTPREPLY_ECATALOG_CORRUPT || rc == SMTPREPLY_ENOMEM);
      /* Each level of nesting takes a token: a short valid expression is
         within every limit of the compiler.  */
      FUZZ_ASSERT (!(ref_rc == 0 && tokens <= 60 && size <= 1024
                     && rc == SMTPREPLY_ECATALOG_CORRUPT));
      return;
    }
  FUZZ_ASSERT (ref_rc == 0);
  for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++)
    {
      FUZZ_ASSERT (ref_eval (data, size, counts[k], &want, &tokens) == 0);
      FUZZ_ASSERT (smtpreply__plural_eval (plural, counts[k]) == want);
    }
  smtpreply__plural_free (plural);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  check_catalog (data, size);
  check_plural ((const char *) data, size);
  return 0;
}
