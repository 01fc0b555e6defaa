/* mo.c -- a bounds-checked reader of GNU gettext .mo catalogs.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Every translation the library gives comes through here, not through the
   C library's gettext, so that any language can be asked for per call, in
   any thread, without any system locale.  A catalog is a file anyone may
   have written, so nothing in it is trusted:

   - smtpreply__catalog_parse checks the whole file once: the header, that
     both tables and every string lie inside the file, in 64-bit arithmetic
     so that no sum of 32-bit fields can wrap, that each string is followed
     by its NUL, that the originals are in strictly ascending order, and the
     charset and Plural-Forms of the catalog header.  After that, lookups
     read offsets without checking them again, and strcmp and memchr on a
     string stop at its NUL at the latest.

   - Translations are printf formats (the program's messages, the plural
     headings of its summary) and text for a terminal, so each one is
     checked too, once, when the catalog is parsed: it must take the same
     arguments as its msgid (see same_arguments) and be plain UTF-8 text
     (see displayable).  A translation that is not is dropped: its msgid
     is served in English, as if the catalog did not translate it, and the
     rest of the catalog stays in use.  smtpreply__catalog_dropped says how
     many were dropped.

   - smtpreply__catalog_open reads the file into memory rather than mapping
     it.  A private mapping still shows what others later write to the file,
     and a file cut short under a mapping gives SIGBUS, so offsets checked
     once would not stay valid; a copy of our own does not change.

   The layout is described in the GNU gettext manual, "The Format of GNU MO
   Files": seven 32-bit words (magic, revision, N, O, T, S, H) in the byte
   order of the machine that wrote the file, then the tables of originals
   (at O) and translations (at T), each N pairs (length, offset).  */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "smtpreply.h"
#include "internal.h"

/* The magic number, as read in the byte order of the file.  */
#define MO_MAGIC 0x950412deU

/* The size of the fixed header: magic, revision, N, O, T, S, H.  */
#define MO_HEADER_SIZE 28

/* The size of one table entry: a length and an offset.  */
#define MO_ENTRY_SIZE 8

/* The largest file smtpreply__catalog_open reads.  A catalog of the
   library is a few hundred KiB.  */
#define MO_MAX_FILE (16 * 1024 * 1024)

/* The most plural forms a catalog may declare.  */
#define MO_MAX_NPLURALS 100

struct smtpreply__catalog
{
  const unsigned char *data;        /* the file */
  unsigned char *owned;             /* DATA, if the catalog owns it */
  int big_endian;                   /* nonzero if the file is big-endian */
  size_t count;                     /* N, the number of strings */
  size_t originals;                 /* O, the offset of the originals */
  size_t translations;              /* T, the offset of the translations */
  unsigned long nplurals;           /* the number of plural forms */
  struct smtpreply__plural *plural; /* their rule, or NULL for n != 1 */
  unsigned char *dropped;           /* a bit per entry, or NULL for none */
  size_t dropped_count;             /* the bits set in DROPPED */
};

/* Return the 32-bit word at offset OFF of DATA, big-endian if BIG_ENDIAN
   is nonzero, else little-endian.  The caller has checked that the four
   bytes are inside the file.  */
static uint32_t
read_u32 (const unsigned char *data, size_t off, int big_endian)
{
  const unsigned char *p = data + off;
  if (big_endian)
    return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8
           | (uint32_t) p[3];
  return (uint32_t) p[3] << 24 | (uint32_t) p[2] << 16 | (uint32_t) p[1] << 8
         | (uint32_t) p[0];
}

/* Return the word at offset OFF of the file of CAT.  */
static uint32_t
cat_u32 (const struct smtpreply__catalog *cat, size_t off)
{
  return read_u32 (cat->data, off, cat->big_endian);
}

/* Return the offset of the original string I of CAT, and store its length
   in *LEN.  */
static size_t
original (const struct smtpreply__catalog *cat, size_t i, size_t *len)
{
  size_t entry = cat->originals + i * MO_ENTRY_SIZE;
  *len = cat_u32 (cat, entry);
  return cat_u32 (cat, entry + 4);
}

/* Return the offset of the translation I of CAT, and store its length
   in *LEN.  */
static size_t
translation (const struct smtpreply__catalog *cat, size_t i, size_t *len)
{
  size_t entry = cat->translations + i * MO_ENTRY_SIZE;
  *len = cat_u32 (cat, entry);
  return cat_u32 (cat, entry + 4);
}

/* Return 0 if the LENGTH bytes at offset OFFSET of a file of SIZE bytes,
   and the NUL that must follow them, are inside the file and the NUL is
   there; else SMTPREPLY_ECATALOG_BOUNDS or SMTPREPLY_ECATALOG_CORRUPT.  */
static int
check_string (const unsigned char *data, size_t size, uint32_t offset,
              uint32_t length)
{
  /* Both are below 2^32, so the sum cannot wrap in 64 bits.  */
  if ((uint64_t) offset + length + 1 > (uint64_t) size)
    return SMTPREPLY_ECATALOG_BOUNDS;
  if (data[(size_t) offset + length] != '\0')
    return SMTPREPLY_ECATALOG_CORRUPT;
  return 0;
}

/* Return C in lower case if it is an ASCII capital letter, else C.  */
static unsigned char
lower (unsigned char c)
{
  return c >= 'A' && c <= 'Z' ? (unsigned char) (c - 'A' + 'a') : c;
}

/* Return nonzero if C is white space inside a header line.  */
static int
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

/* Return nonzero if the LEN bytes at S start with PREFIX, ignoring ASCII
   case.  */
static int
starts_with (const char *s, size_t len, const char *prefix)
{
  size_t n = strlen (prefix);
  if (len < n)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (lower ((unsigned char) s[i]) != lower ((unsigned char) prefix[i]))
      return 0;
  return 1;
}

/* Return nonzero if the LEN bytes at S are WORD, ignoring ASCII case.  */
static int
equals (const char *s, size_t len, const char *word)
{
  return len == strlen (word) && starts_with (s, len, word);
}

/* Return the first place where NEEDLE occurs in the LEN bytes at S, ignoring
   ASCII case, or NULL.  */
static const char *
find (const char *s, size_t len, const char *needle)
{
  size_t n = strlen (needle);
  for (size_t i = 0; i + n <= len; i++)
    if (starts_with (s + i, len - i, needle))
      return s + i;
  return NULL;
}

/* Remove the white space around the *LEN bytes at *S.  */
static void
trim (const char **s, size_t *len)
{
  while (*len > 0 && is_blank (**s))
    {
      (*s)++;
      (*len)--;
    }
  while (*len > 0 && is_blank ((*s)[*len - 1]))
    (*len)--;
}

/* Return 0 if the value of a Content-Type line, the LEN bytes at VALUE,
   names no charset or names UTF-8, else SMTPREPLY_ECATALOG_CHARSET.  */
static int
check_charset (const char *value, size_t len)
{
  const char *charset = find (value, len, "charset=");
  if (charset == NULL)
    return 0;
  charset += strlen ("charset=");
  size_t left = len - (size_t) (charset - value);
  size_t n = 0;
  while (n < left && charset[n] != ';' && !is_blank (charset[n]))
    n++;
  if (equals (charset, n, "UTF-8") || equals (charset, n, "UTF8"))
    return 0;
  return SMTPREPLY_ECATALOG_CHARSET;
}

/* Return 0 and store in *NPLURALS and *PLURAL what the value of a
   Plural-Forms line, the LEN bytes at VALUE, says: "nplurals=N;
   plural=EXPR;", in either order.  Return SMTPREPLY_ECATALOG_CORRUPT if
   either is missing or given twice, N is not a number from 1 to
   MO_MAX_NPLURALS, or EXPR is not valid; or SMTPREPLY_ENOMEM.  */
static int
parse_plural_forms (const char *value, size_t len, unsigned long *nplurals,
                    struct smtpreply__plural **plural)
{
  /* The expression has no ';', so the value splits at each ';' into
     "name=value" parts.  */
  const char *expr = NULL;
  size_t expr_len = 0;
  unsigned long count = 0;
  int have_count = 0;
  size_t i = 0;
  while (i < len)
    {
      const char *part = value + i;
      const char *semicolon = memchr (part, ';', len - i);
      size_t part_len
          = semicolon != NULL ? (size_t) (semicolon - part) : len - i;
      i += part_len + 1;
      trim (&part, &part_len);
      if (part_len == 0)
        continue;

      const char *equal = memchr (part, '=', part_len);
      if (equal == NULL)
        return SMTPREPLY_ECATALOG_CORRUPT;
      const char *name = part;
      size_t name_len = (size_t) (equal - part);
      const char *rhs = equal + 1;
      size_t rhs_len = part_len - name_len - 1;
      trim (&name, &name_len);
      trim (&rhs, &rhs_len);

      if (equals (name, name_len, "nplurals"))
        {
          if (have_count || rhs_len == 0)
            return SMTPREPLY_ECATALOG_CORRUPT;
          have_count = 1;
          for (size_t j = 0; j < rhs_len; j++)
            {
              if (rhs[j] < '0' || rhs[j] > '9')
                return SMTPREPLY_ECATALOG_CORRUPT;
              count = count * 10 + (unsigned long) (rhs[j] - '0');
              if (count > MO_MAX_NPLURALS)
                return SMTPREPLY_ECATALOG_CORRUPT;
            }
          if (count == 0)
            return SMTPREPLY_ECATALOG_CORRUPT;
        }
      else if (equals (name, name_len, "plural"))
        {
          if (expr != NULL)
            return SMTPREPLY_ECATALOG_CORRUPT;
          expr = rhs;
          expr_len = rhs_len;
        }
    }
  if (!have_count || expr == NULL)
    return SMTPREPLY_ECATALOG_CORRUPT;

  int rc = smtpreply__plural_compile (expr, expr_len, plural);
  if (rc != 0)
    return rc;
  *nplurals = count;
  return 0;
}

/* Return 0 if the catalog header, the LEN bytes at HEADER, declares UTF-8
   (or no charset), and store its plural rule in CAT (the rule of English
   if it has none); otherwise the SMTPREPLY_ECATALOG_* reason or
   SMTPREPLY_ENOMEM.  */
static int
parse_header (struct smtpreply__catalog *cat, const char *header, size_t len)
{
  const char *plural_forms = NULL;
  size_t plural_forms_len = 0;
  while (len > 0)
    {
      const char *newline = memchr (header, '\n', len);
      size_t line_len = newline != NULL ? (size_t) (newline - header) : len;
      if (starts_with (header, line_len, "Content-Type:"))
        {
          size_t skip = strlen ("Content-Type:");
          int rc = check_charset (header + skip, line_len - skip);
          if (rc != 0)
            return rc;
        }
      else if (plural_forms == NULL
               && starts_with (header, line_len, "Plural-Forms:"))
        {
          size_t skip = strlen ("Plural-Forms:");
          plural_forms = header + skip;
          plural_forms_len = line_len - skip;
        }
      if (newline == NULL)
        break;
      header += line_len + 1;
      len -= line_len + 1;
    }

  if (plural_forms == NULL)
    return 0;
  return parse_plural_forms (plural_forms, plural_forms_len, &cat->nplurals,
                             &cat->plural);
}

/* ------------------------------------------------------------------------
   What a translation must be.  */

/* The arguments of one conversion read by next_argument: up to three, a
   width and a precision given as arguments ("%*.*d"), then the conversion
   itself.  */
struct arguments
{
  const char *rest;        /* the format after the conversion read last */
  unsigned int queue[3];
  int head;
  int tail;
};

/* The length modifiers of printf, longest first where one is the prefix of
   another; a conversion's argument is the modifier's index in this table,
   times 256, plus its conversion letter.  */
static const char *const length_modifiers[]
    = { "", "hh", "h", "ll", "l", "L", "q", "j", "z", "Z", "t" };

/* The value a width or precision given as an argument ('*') takes in an
   argument list: an int.  */
#define ARGUMENT_STAR ((unsigned int) '*')

/* Return nonzero if C is an ASCII digit.  */
static int
is_digit (unsigned char c)
{
  return c >= '0' && c <= '9';
}

/* Store in *ARG the next argument that the printf format read by A takes:
   a conversion as (length modifier index << 8 | conversion letter), or
   ARGUMENT_STAR for a width or precision given as an argument.  Return 1,
   0 at the end of the format, or -1 if the format is not one a catalog may
   give to printf: an incomplete or unknown conversion, a positional one
   ("%1$s", "%*2$d"), or %n, which writes to memory.  "%%" takes no
   argument; flags, widths and precisions written as digits neither.  */
static int
next_argument (struct arguments *a, unsigned int *arg)
{
  if (a->head < a->tail)
    {
      *arg = a->queue[a->head++];
      return 1;
    }
  a->head = 0;
  a->tail = 0;
  for (;;)
    {
      const char *percent = strchr (a->rest, '%');
      if (percent == NULL)
        return 0;
      const char *q = percent + 1;
      if (*q == '%')
        {
          a->rest = q + 1;
          continue;
        }
      /* Flags, glibc's ' and I included.  */
      while (*q != '\0' && strchr ("-+ #0'I", *q) != NULL)
        q++;
      /* The width.  */
      if (*q == '*')
        {
          q++;
          a->queue[a->tail++] = ARGUMENT_STAR;
        }
      while (is_digit ((unsigned char) *q))
        q++;
      if (*q == '$')
        return -1;
      /* The precision.  */
      if (*q == '.')
        {
          q++;
          if (*q == '*')
            {
              q++;
              a->queue[a->tail++] = ARGUMENT_STAR;
            }
          while (is_digit ((unsigned char) *q))
            q++;
          if (*q == '$')
            return -1;
        }
      /* The length modifier: the longest that matches.  */
      unsigned int length = 0;
      size_t length_len = 0;
      for (size_t i = 1; i < SMTPREPLY__N_ELEMS (length_modifiers); i++)
        {
          size_t n = strlen (length_modifiers[i]);
          if (n > length_len && strncmp (q, length_modifiers[i], n) == 0)
            {
              length = (unsigned int) i;
              length_len = n;
            }
        }
      q += length_len;
      /* The conversion; 'n' is not among them.  */
      if (*q == '\0' || strchr ("diouxXeEfFgGaAcsCSpm", *q) == NULL)
        return -1;
      a->queue[a->tail++] = length << 8 | (unsigned char) *q;
      a->rest = q + 1;
      *arg = a->queue[a->head++];
      return 1;
    }
}

/* Return nonzero if the printf format TRANSLATION takes the same arguments
   as the format MSGID, in the same order: the same conversions, each with
   the same letter and length modifier, and a width or precision given as
   an argument where MSGID has one.  Flags, widths and precisions written
   as digits may differ; a positional conversion or %n in TRANSLATION
   makes it different.  A MSGID that is not a valid format ends at its
   first invalid conversion.  Both are NUL-terminated.  */
static int
same_arguments (const char *msgid, const char *translation)
{
  struct arguments a = { msgid, { 0 }, 0, 0 };
  struct arguments b = { translation, { 0 }, 0, 0 };
  for (;;)
    {
      unsigned int x = 0;
      unsigned int y = 0;
      int rx = next_argument (&a, &x);
      int ry = next_argument (&b, &y);
      if (rx < 0)
        rx = 0;
      if (ry < 0 || rx != ry || x != y)
        return 0;
      if (rx == 0)
        return 1;
    }
}

/* Return nonzero if the LEN bytes at S are text a terminal shows as it is
   written: valid UTF-8 (no overlong forms, surrogates or code points past
   U+10FFFF), without controls but tab and newline (no ESC, so no escape
   sequence; no DEL; no C1 control such as U+009B, the one-character CSI),
   without the line and paragraph separators U+2028 and U+2029, and without
   the bidirectional embeddings, overrides and isolates (U+202A..U+202E,
   U+2066..U+2069), which reorder the text after them.  The bidirectional
   marks (U+200E, U+200F, U+061C) and the zero-width joiners that right-to-
   left and Indic scripts need are allowed: they change nothing but the
   place of the characters next to them.  */
static int
displayable (const unsigned char *s, size_t len)
{
  size_t i = 0;
  while (i < len)
    {
      unsigned char c = s[i];
      if (c < 0x80)
        {
          if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
            return 0;
          i++;
          continue;
        }
      size_t need;
      uint32_t cp;
      unsigned char lo = 0x80;
      unsigned char hi = 0xbf;
      if (c >= 0xc2 && c <= 0xdf)
        {
          need = 1;
          cp = c & 0x1f;
        }
      else if (c >= 0xe0 && c <= 0xef)
        {
          need = 2;
          cp = c & 0x0f;
          lo = c == 0xe0 ? 0xa0 : 0x80;
          hi = c == 0xed ? 0x9f : 0xbf;
        }
      else if (c >= 0xf0 && c <= 0xf4)
        {
          need = 3;
          cp = c & 0x07;
          lo = c == 0xf0 ? 0x90 : 0x80;
          hi = c == 0xf4 ? 0x8f : 0xbf;
        }
      else
        return 0;
      if (len - i <= need)
        return 0;
      for (size_t k = 1; k <= need; k++)
        {
          if (s[i + k] < lo || s[i + k] > hi)
            return 0;
          cp = cp << 6 | (s[i + k] & 0x3f);
          lo = 0x80;
          hi = 0xbf;
        }
      if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029
          || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
        return 0;
      i += need + 1;
    }
  return 1;
}

/* Return nonzero if the translation I of CAT may be served: each of its
   non-empty forms displayable and taking the same arguments as its msgid
   (as its msgid_plural, for a plural entry), ignoring the msgid's
   context.  The header, the translation of "", is not a format.  */
static int
acceptable (const struct smtpreply__catalog *cat, size_t i)
{
  size_t key_len;
  const char *key = (const char *) cat->data + original (cat, i, &key_len);
  if (key_len == 0)
    return 1;
  size_t first_len = strlen (key);
  const char *msgid = key;
  const char *eot = memchr (key, '\004', first_len);
  if (eot != NULL)
    msgid = eot + 1;
  if (first_len < key_len)
    msgid = key + first_len + 1;

  size_t len;
  const char *form = (const char *) cat->data + translation (cat, i, &len);
  const char *end = form + len;
  for (;;)
    {
      size_t n = strlen (form);
      if (n > 0
          && (!displayable ((const unsigned char *) form, n)
              || !same_arguments (msgid, form)))
        return 0;
      if (form + n >= end)
        return 1;
      form += n + 1;
    }
}

/* Check every translation of CAT, and mark those that are not acceptable
   as dropped.  Return 0, or SMTPREPLY_ENOMEM.  */
static int
check_translations (struct smtpreply__catalog *cat)
{
  for (size_t i = 0; i < cat->count; i++)
    {
      if (acceptable (cat, i))
        continue;
      if (cat->dropped == NULL)
        {
          cat->dropped = calloc (cat->count / 8 + 1, 1);
          if (cat->dropped == NULL)
            return SMTPREPLY_ENOMEM;
        }
      cat->dropped[i / 8] |= (unsigned char) (1u << (i % 8));
      cat->dropped_count++;
    }
  return 0;
}

/* Check the SIZE bytes at DATA as a .mo file.  Return 0 and store in *OUT
   a catalog that reads them in place, or store NULL in *OUT and return
   SMTPREPLY_ECATALOG_TRUNCATED (shorter than the header),
   SMTPREPLY_ECATALOG_MAGIC, SMTPREPLY_ECATALOG_REVISION (major revision
   other than 0 or 1), SMTPREPLY_ECATALOG_BOUNDS (a table or a string past
   the end, or originals longer in all than the file),
   SMTPREPLY_ECATALOG_CORRUPT (a string without its NUL, originals out of
   order, a bad Plural-Forms), SMTPREPLY_ECATALOG_CHARSET (not UTF-8),
   SMTPREPLY_ENOMEM, or SMTPREPLY_EINVAL if OUT is NULL or DATA is NULL
   with SIZE > 0.  A catalog is not refused for its translations: those
   that are not acceptable are dropped (see acceptable).  */
int
smtpreply__catalog_parse (const unsigned char *data, size_t size,
                          struct smtpreply__catalog **out)
{
  if (out == NULL || (data == NULL && size > 0))
    return SMTPREPLY_EINVAL;
  *out = NULL;
  if (size < MO_HEADER_SIZE)
    return SMTPREPLY_ECATALOG_TRUNCATED;

  int big_endian;
  if (read_u32 (data, 0, 0) == MO_MAGIC)
    big_endian = 0;
  else if (read_u32 (data, 0, 1) == MO_MAGIC)
    big_endian = 1;
  else
    return SMTPREPLY_ECATALOG_MAGIC;

  uint32_t revision = read_u32 (data, 4, big_endian);
  uint32_t count = read_u32 (data, 8, big_endian);
  uint32_t originals = read_u32 (data, 12, big_endian);
  uint32_t translations = read_u32 (data, 16, big_endian);
  uint32_t hash_size = read_u32 (data, 20, big_endian);
  uint32_t hash_offset = read_u32 (data, 24, big_endian);
  if (revision >> 16 > 1)
    return SMTPREPLY_ECATALOG_REVISION;

  /* Each string takes an entry in both tables, 16 bytes in all, so N is
     at most SIZE / 16; beyond that the tables cannot fit.  All sums are
     of numbers below 2^36, done in 64 bits.  */
  uint64_t table = (uint64_t) count * MO_ENTRY_SIZE;
  if (table * 2 > size || (uint64_t) originals + table > size
      || (uint64_t) translations + table > size)
    return SMTPREPLY_ECATALOG_BOUNDS;
  /* The hash table is not used, but a catalog whose hash table lies
     outside it is not sound either.  */
  if (hash_size > 0
      && (uint64_t) hash_offset + (uint64_t) hash_size * 4 > size)
    return SMTPREPLY_ECATALOG_BOUNDS;

  /* Each string, and the NUL after it, inside the file.  The originals'
     lengths, NULs included, add up to at most SIZE, as they do in any file
     where they do not overlap: that bounds the work of checking their
     order below to SIZE bytes, where originals sharing one long run of
     bytes ("a", "aa", "aaa", ...) would otherwise take time quadratic in
     SIZE.  */
  uint64_t total = 0;
  for (size_t i = 0; i < count; i++)
    {
      size_t entry = originals + i * MO_ENTRY_SIZE;
      uint32_t len = read_u32 (data, entry, big_endian);
      int rc = check_string (data, size,
                             read_u32 (data, entry + 4, big_endian), len);
      if (rc != 0)
        return rc;
      total += (uint64_t) len + 1;
      if (total > size)
        return SMTPREPLY_ECATALOG_BOUNDS;

      entry = translations + i * MO_ENTRY_SIZE;
      rc = check_string (data, size, read_u32 (data, entry + 4, big_endian),
                         read_u32 (data, entry, big_endian));
      if (rc != 0)
        return rc;
    }

  /* The originals in strictly ascending order of their first
     NUL-terminated part (that of a plural entry is its msgid), as strcmp
     orders them.  */
  for (size_t i = 1; i < count; i++)
    {
      size_t entry = originals + i * MO_ENTRY_SIZE;
      size_t off = read_u32 (data, entry + 4, big_endian);
      size_t prev_off = read_u32 (data, entry - MO_ENTRY_SIZE + 4, big_endian);
      if (strcmp ((const char *) data + prev_off, (const char *) data + off)
          >= 0)
        return SMTPREPLY_ECATALOG_CORRUPT;
    }

  struct smtpreply__catalog *cat = malloc (sizeof *cat);
  if (cat == NULL)
    return SMTPREPLY_ENOMEM;
  cat->data = data;
  cat->owned = NULL;
  cat->big_endian = big_endian;
  cat->count = count;
  cat->originals = originals;
  cat->translations = translations;
  cat->nplurals = 2;
  cat->plural = NULL;
  cat->dropped = NULL;
  cat->dropped_count = 0;

  /* The catalog header is the translation of the empty msgid, which sorts
     first.  */
  size_t len = 1;
  if (count > 0)
    original (cat, 0, &len);
  if (len == 0)
    {
      size_t off = translation (cat, 0, &len);
      int rc = parse_header (cat, (const char *) data + off, len);
      if (rc != 0)
        {
          smtpreply__catalog_free (cat);
          return rc;
        }
    }

  int rc = check_translations (cat);
  if (rc != 0)
    {
      smtpreply__catalog_free (cat);
      return rc;
    }
  *out = cat;
  return 0;
}

/* Read the file PATH into memory and parse it as smtpreply__catalog_parse
   does.  Return 0 and store the catalog in *OUT, or store NULL in *OUT and
   return SMTPREPLY_ENO_CATALOG if PATH does not exist,
   SMTPREPLY_ECATALOG_IO if it cannot be read, is not a regular file or is
   larger than MO_MAX_FILE, SMTPREPLY_ECATALOG_TRUNCATED if it is empty, or
   an error of smtpreply__catalog_parse.  */
int
smtpreply__catalog_open (const char *path, struct smtpreply__catalog **out)
{
  if (path == NULL || out == NULL)
    return SMTPREPLY_EINVAL;
  *out = NULL;

  /* O_NONBLOCK: opening a FIFO must not wait for a writer.  It changes
     nothing for the regular files read below.  */
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    return errno == ENOENT || errno == ENOTDIR ? SMTPREPLY_ENO_CATALOG
                                               : SMTPREPLY_ECATALOG_IO;

  struct stat st;
  int rc = 0;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    rc = SMTPREPLY_ECATALOG_IO;
  else if (st.st_size == 0)
    rc = SMTPREPLY_ECATALOG_TRUNCATED;
  else if (st.st_size < 0 || st.st_size > MO_MAX_FILE)
    rc = SMTPREPLY_ECATALOG_IO;
  if (rc != 0)
    {
      close (fd);
      return rc;
    }

  size_t size = (size_t) st.st_size;
  unsigned char *buf = malloc (size);
  if (buf == NULL)
    {
      close (fd);
      return SMTPREPLY_ENOMEM;
    }

  /* Read what fstat promised; a file that shrank meanwhile gives what it
     has, which is checked like any other.  */
  size_t got = 0;
  while (got < size)
    {
      ssize_t n = read (fd, buf + got, size - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          rc = SMTPREPLY_ECATALOG_IO;
          break;
        }
      if (n == 0)
        break;
      got += (size_t) n;
    }
  close (fd);

  struct smtpreply__catalog *cat = NULL;
  if (rc == 0)
    rc = smtpreply__catalog_parse (buf, got, &cat);
  if (rc != 0)
    {
      free (buf);
      return rc;
    }
  cat->owned = buf;
  *out = cat;
  return 0;
}

/* Free CAT, which may be NULL, and the copy of the file it read, if it
   read one.  The data given to smtpreply__catalog_parse stays the
   caller's.  */
void
smtpreply__catalog_free (struct smtpreply__catalog *cat)
{
  if (cat == NULL)
    return;
  smtpreply__plural_free (cat->plural);
  free (cat->dropped);
  free (cat->owned);
  free (cat);
}

/* Return the number of translations of CAT that were dropped when it was
   parsed, for a format or text that could not be served.  */
size_t
smtpreply__catalog_dropped (const struct smtpreply__catalog *cat)
{
  return cat != NULL ? cat->dropped_count : 0;
}

/* Compare the NUL-terminated string S with the NUL-terminated PIECE as
   strcmp would compare their first strlen (PIECE) bytes.  Return the sign
   of the difference, and when they are equal, advance *S past them.  */
static int
compare_piece (const unsigned char **s, const char *piece)
{
  const unsigned char *p = (const unsigned char *) piece;
  const unsigned char *q = *s;
  for (; *p != '\0'; p++, q++)
    if (*q != *p)
      return *q < *p ? -1 : 1;
  *s = q;
  return 0;
}

/* Return the sign of strcmp (S, KEY), where KEY is CONTEXT "\004" MSGID,
   or MSGID if CONTEXT is NULL, without building KEY.  S is a checked
   original, NUL-terminated inside the file.  */
static int
compare_key (const unsigned char *s, const char *context, const char *msgid)
{
  if (context != NULL)
    {
      int cmp = compare_piece (&s, context);
      if (cmp != 0)
        return cmp;
      if (*s != '\004')
        return *s < '\004' ? -1 : 1;
      s++;
    }
  int cmp = compare_piece (&s, msgid);
  if (cmp != 0)
    return cmp;
  return *s != '\0';
}

/* Return the translation of MSGID in message context CONTEXT (NULL for
   none) from CAT, or NULL if CAT is NULL, MSGID is NULL, or CAT has no
   translation, an empty one, or one dropped when CAT was parsed.  With
   MSGID_PLURAL not NULL, return the plural form the catalog's rule gives
   for N, or its first form if the rule gives a form past those the entry
   has.  Binary search on the checked tables; no allocation.  */
const char *
smtpreply__catalog_lookup (const struct smtpreply__catalog *cat,
                           const char *context, const char *msgid,
                           const char *msgid_plural, unsigned long n)
{
  return smtpreply__catalog_find (cat, context, msgid, msgid_plural, n, NULL);
}

const char *
smtpreply__catalog_find (const struct smtpreply__catalog *cat,
                         const char *context, const char *msgid,
                         const char *msgid_plural, unsigned long n,
                         const char **found_msgid)
{
  if (cat == NULL || msgid == NULL)
    return NULL;

  size_t lo = 0;
  size_t hi = cat->count;
  size_t found = cat->count;
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      size_t len;
      size_t off = original (cat, mid, &len);
      int cmp = compare_key (cat->data + off, context, msgid);
      if (cmp < 0)
        lo = mid + 1;
      else if (cmp > 0)
        hi = mid;
      else
        {
          found = mid;
          break;
        }
    }
  if (found == cat->count)
    return NULL;
  if (cat->dropped != NULL && (cat->dropped[found / 8] >> (found % 8) & 1))
    return NULL;
  if (found_msgid != NULL)
    {
      size_t olen;
      *found_msgid = (const char *)cat->data + original (cat, found, &olen);
    }

  size_t len;
  size_t off = translation (cat, found, &len);
  const char *text = (const char *) cat->data + off;
  const char *form = text;
  if (msgid_plural != NULL)
    {
      /* The forms are "form0\0form1\0...\0formK", LEN bytes and the
         checked NUL at END.  Skip INDEX of them, going back to form 0 if
         there are not that many; a form that is there but empty is not
         found, like an empty translation.  */
      const char *end = text + len;
      unsigned long index = smtpreply__plural_eval (cat->plural, n);
      if (index >= cat->nplurals)
        index = 0;
      for (unsigned long i = 0; i < index; i++)
        {
          const char *nul = memchr (form, '\0', (size_t) (end - form) + 1);
          if (nul == end)
            {
              form = text;
              break;
            }
          form = nul + 1;
        }
    }
  return *form != '\0' ? form : NULL;
}
