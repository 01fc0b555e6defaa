/* text.c -- the recipients a bounce's notification text names.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Bounces without a report part say what happened in prose, each mail
   program in its own words and layout.  One reader reads them all, with
   the rows of formats.def saying which program wrote a text and where its
   copy of the returned message begins.  It holds no knowledge of any
   program itself:

   - the recipients are the addresses that start a line (in <...> or
     quotes, after a short label such as "Recipient:", followed by
     nothing, ':', "...", a comment or "<mailto:"), but the bounce's own
     addresses and the postmaster's; each starts a block, and the lines up
     to the next one are its diagnostic.  A line of the same address, or
     one indented deeper than the block's first, goes on with the block;
     lines that name another recipient are left out of it;
   - addresses listed one a line with a shared transcript after them
     (Sendmail), and blocks that hold no reply, take the lines of the text
     that name their address;
   - a text that names no recipient so takes those of the RCPT commands of
     its session transcript;
   - in each block, the reply is what smtpreply_extract finds in the
     lines joined with spaces (a reply the program wrapped is one reply),
     the first failure if there are several; the status is the
     notice's own ("(#5.1.1)") or else the reply's enhanced code; the
     remote host is the one named last before the reply.

   Everything is bounded: the text (SMTPREPLY_BOUNCE_MAX_TEXT), the
   recipients, the lines a block takes, the bytes of each diagnostic.  */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bounce-internal.h"
#include "smtpreply.h"

/* The rows of formats.def.  */

static const struct smtpreply_bounce_format formats[] = {
#define SMTPREPLY_BOUNCE_FORMAT(id, name, detect, end, require, source)       \
  { id, name, detect, end, require, source },
#include "formats.def"
#undef SMTPREPLY_BOUNCE_FORMAT
};

static const char *const delays[] = {
#define SMTPREPLY_BOUNCE_DELAY(phrase, source) phrase,
#include "formats.def"
#undef SMTPREPLY_BOUNCE_DELAY
};

static const char *const host_prefixes[] = {
#define SMTPREPLY_BOUNCE_HOST(prefix, source) prefix,
#include "formats.def"
#undef SMTPREPLY_BOUNCE_HOST
};

static const struct
{
  const char *open;
  const char *close;
} status_marks[] = {
#define SMTPREPLY_BOUNCE_STATUS(open, close, source) { open, close },
#include "formats.def"
#undef SMTPREPLY_BOUNCE_STATUS
};

static const char *const rcpt_prefixes[] = {
#define SMTPREPLY_BOUNCE_RCPT(prefix, source) prefix,
#include "formats.def"
#undef SMTPREPLY_BOUNCE_RCPT
};

size_t
smtpreply_bounce_format_count (void)
{
  return SMTPREPLY__BOUNCE_N_ELEMS (formats);
}

const struct smtpreply_bounce_format *
smtpreply_bounce_format_at (size_t i)
{
  return i < SMTPREPLY__BOUNCE_N_ELEMS (formats) ? &formats[i] : NULL;
}

/* Limits.  */

/* The most bytes of a recipient's diagnostic: what the classifier reads.  */
#define MAX_DIAGNOSTIC (64 * 1024)
/* The most lines one recipient takes from the rest of the text, and the
   most bytes all recipients take so, together.  */
#define MAX_GATHERED 64
#define MAX_GATHERED_BYTES (4 * 1024 * 1024)
/* How far back from its reply a transcript is searched for the host.  */
#define MAX_HOST_LOOKBACK 50
/* How many lines, from the start of one, a reply is looked for in.  */
#define WINDOW_LINES 8
/* The longest label before an address ("Recipient:").  */
#define MAX_LABEL 48
/* No index.  */
#define NONE SIZE_MAX
/* A line that names several recipients.  */
#define MANY (SIZE_MAX - 1)

/* Characters.  */

/* Return C in lower case if it is an ASCII capital, else C.  */
static unsigned char
lower (unsigned char c)
{
  return c >= 'A' && c <= 'Z' ? (unsigned char) (c - 'A' + 'a') : c;
}

/* Return nonzero if C is a space or a tab.  */
static int
is_blank (unsigned char c)
{
  return c == ' ' || c == '\t';
}

/* Return nonzero if C is white space.  */
static int
is_space (unsigned char c)
{
  return is_blank (c) || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Return nonzero if C is an ASCII letter or digit.  */
static int
is_alnum (unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
         || (c >= '0' && c <= '9');
}

/* Return nonzero if C is an ASCII digit.  */
static int
is_digit (unsigned char c)
{
  return c >= '0' && c <= '9';
}

/* Return nonzero if C may be part of the local part of an address as
   notices write them: atext (RFC 5322) but the quote, and UTF-8.  */
static int
is_local (unsigned char c)
{
  return is_alnum (c) || c >= 0x80
         || (c != '\0' && strchr ("!#$%&*+/=?^_{|}~.-", c) != NULL);
}

/* Return nonzero if C may be part of a domain or host name, UTF-8
   included.  */
static int
is_domain (unsigned char c)
{
  return is_alnum (c) || c >= 0x80 || c == '-' || c == '.' || c == '_';
}

/* Return the offset of the first place at or after FROM where the N bytes
   of NEEDLE occur in the LEN bytes at HAY, compared without regard to
   ASCII case, or NONE.  */
static size_t
find_ci (const char *hay, size_t len, size_t from, const char *needle,
         size_t n)
{
  if (n == 0 || n > len)
    return NONE;
  unsigned char first = lower ((unsigned char) needle[0]);
  for (size_t i = from; i + n <= len; i++)
    {
      if (lower ((unsigned char) hay[i]) != first)
        continue;
      size_t k = 1;
      while (k < n
             && lower ((unsigned char) hay[i + k])
                    == lower ((unsigned char) needle[k]))
        k++;
      if (k == n)
        return i;
    }
  return NONE;
}

/* Return nonzero if the NUL-terminated S starts with PREFIX, and store in
 *REST what follows it.  */
static int
starts_with (const char *s, const char *prefix, const char **rest)
{
  size_t n = strlen (prefix);
  if (strncmp (s, prefix, n) != 0)
    return 0;
  *rest = s + n;
  return 1;
}

/* Look for the phrases of LIST ("a|b|c") in the text of IN from FROM on,
   and in its Subject ("subject:...") and From ("from:...") if HEADERS.
   @return 1 if one occurs, and store in *AT the offset of the earliest one
   found in the text (0 for a header).  */
static int
find_phrases (const struct smtpreply__text_input *in, const char *list,
              size_t from, int headers, size_t *at)
{
  int found = 0;
  size_t best = NONE;
  const char *p = list;
  while (*p != '\0')
    {
      const char *bar = strchr (p, '|');
      size_t n = bar != NULL ? (size_t) (bar - p) : strlen (p);
      char phrase[256];
      if (n >= sizeof phrase)
        n = sizeof phrase - 1;
      memcpy (phrase, p, n);
      phrase[n] = '\0';
      const char *rest;
      if (starts_with (phrase, "subject:", &rest))
        {
          if (headers && in->subject != NULL
              && find_ci (in->subject, strlen (in->subject), 0, rest,
                          strlen (rest))
                     != NONE)
            {
              found = 1;
              best = 0;
            }
        }
      else if (starts_with (phrase, "from:", &rest))
        {
          if (headers && in->from != NULL
              && find_ci (in->from, strlen (in->from), 0, rest, strlen (rest))
                     != NONE)
            {
              found = 1;
              best = 0;
            }
        }
      else
        {
          size_t i = find_ci (in->text, in->len, from, phrase, n);
          if (i != NONE)
            {
              found = 1;
              if (best == NONE || i < best)
                best = i;
            }
        }
      p += n;
      if (*p == '|')
        p++;
      else
        break;
    }
  if (found)
    *at = best;
  return found;
}

/* Addresses.  */

/* Find the address around the '@' at AT in the LEN bytes at S and store
   its bounds in *START and *END.  @return 1 if it is one: a local part
   and a domain with a dot.  */
static int
address_around (const char *s, size_t len, size_t at, size_t *start,
                size_t *end)
{
  const unsigned char *u = (const unsigned char *) s;
  size_t b = at;
  while (b > 0 && is_local (u[b - 1]))
    b--;
  while (b < at && u[b] == '.')
    b++;
  size_t e = at + 1;
  while (e < len && is_domain (u[e]))
    e++;
  while (e > at + 1 && (u[e - 1] == '.' || u[e - 1] == '-'))
    e--;
  if (b == at || e == at + 1)
    return 0;
  const void *dot = memchr (s + at + 1, '.', e - at - 1);
  if (dot == NULL || u[at + 1] == '.' || u[at + 1] == '-')
    return 0;
  *start = b;
  *end = e;
  return 1;
}

/* Find the first address at or after *POS in the LEN bytes at S, store its
   bounds in *START and *END and move *POS past it.  @return 1, or 0 if
   there is none.  */
static int
next_address (const char *s, size_t len, size_t *pos, size_t *start,
              size_t *end)
{
  size_t i = *pos;
  while (i < len)
    {
      const char *at = memchr (s + i, '@', len - i);
      if (at == NULL)
        break;
      size_t a = (size_t) (at - s);
      if (address_around (s, len, a, start, end) && *start >= *pos)
        {
          *pos = *end;
          return 1;
        }
      i = a + 1;
    }
  *pos = len;
  return 0;
}

char *
smtpreply__address_normalise (const char *address, size_t len)
{
  char *copy = malloc (len + 1);
  if (copy == NULL)
    return NULL;
  memcpy (copy, address, len);
  copy[len] = '\0';
  char *at = strrchr (copy, '@');
  if (at != NULL)
    for (char *p = at + 1; *p != '\0'; p++)
      *p = (char) lower ((unsigned char) *p);
  return copy;
}

/* Return nonzero if the N bytes at A and the N bytes at B are the same
   without regard to ASCII case.  */
static int
same_ci (const char *a, const char *b, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (lower ((unsigned char) a[i]) != lower ((unsigned char) b[i]))
      return 0;
  return 1;
}

/* Return nonzero if the N bytes at A are an address a notice never
   reports on: one of the bounce's own (IN->own), or the postmaster's or
   the mailer daemon's.  */
static int
is_own (const struct smtpreply__text_input *in, const char *a, size_t n)
{
  const char *at = memchr (a, '@', n);
  size_t local = at != NULL ? (size_t) (at - a) : n;
  static const char *const services[]
      = { "postmaster", "mailer-daemon", "mailer_daemon", "mdaemon" };
  for (size_t i = 0; i < SMTPREPLY__BOUNCE_N_ELEMS (services); i++)
    if (local == strlen (services[i]) && same_ci (a, services[i], local))
      return 1;
  for (size_t i = 0; i < in->own_count; i++)
    if (in->own[i] != NULL && strlen (in->own[i]) == n
        && same_ci (a, in->own[i], n))
      return 1;
  return 0;
}

/* Read the LEN bytes at S, a line, as one that starts with an address, as
   notices list their recipients.  @return 1 and store the address's
   bounds in *START and *END and the line's indentation in *INDENT, or
   return 0.  */
static int
address_line (const char *s, size_t len, size_t *start, size_t *end,
              size_t *indent)
{
  const unsigned char *u = (const unsigned char *) s;
  size_t i = 0;
  while (i < len && is_blank (u[i]))
    i++;
  *indent = i;
  /* Try at the start, then after a short label ending in ':' (or the
     full-width colon U+FF1A).  */
  for (int attempt = 0; attempt < 2; attempt++)
    {
      size_t k = i;
      if (attempt == 1)
        {
          size_t j = i;
          size_t stop = len < i + MAX_LABEL ? len : i + MAX_LABEL;
          while (j < stop && u[j] != ':' && u[j] != '@' && u[j] != '<'
                 && u[j] != '>' && u[j] != '"' && !is_digit (u[j])
                 && !(u[j] == 0xef && j + 2 < len && u[j + 1] == 0xbc
                      && u[j + 2] == 0x9a))
            j++;
          if (j == i || j >= stop || u[j] == '@' || u[j] == '<' || u[j] == '>'
              || u[j] == '"' || is_digit (u[j]))
            return 0;
          k = j + (u[j] == ':' ? 1 : 3);
          if (k >= len || !is_blank (u[k]))
            {
              if (u[j] == ':')
                return 0;
            }
          while (k < len && is_blank (u[k]))
            k++;
        }
      unsigned char open = 0;
      if (k < len && (u[k] == '<' || u[k] == '\'' || u[k] == '"'))
        open = u[k++];
      size_t a = k;
      while (k < len && is_local (u[k]))
        k++;
      if (k == a || k >= len || u[k] != '@')
        continue;
      size_t b, e;
      if (!address_around (s, len, k, &b, &e) || b != a)
        continue;
      k = e;
      if (open != 0)
        {
          unsigned char close = open == '<' ? '>' : open;
          if (k >= len || u[k] != close)
            continue;
          k++;
        }
      /* What may follow.  */
      size_t t = k;
      while (t < len && is_blank (u[t]))
        t++;
      int ok = t == len || u[t] == ':'
               || (t + 3 <= len && memcmp (s + t, "...", 3) == 0)
               || (t > k && u[t] == '(')
               || (t + 8 <= len && same_ci (s + t, "<mailto:", 8))
               || ((open == '\'' || open == '"') && t > k);
      if (ok)
        {
          *start = a;
          *end = e;
          return 1;
        }
    }
  return 0;
}

/* Status codes and hosts.  */

/* Read an enhanced status code at offset I of the LEN bytes at S, which
   must not be followed by a digit or by a dot and a digit.  @return its
   length and store it in *OUT, or return 0.  */
static size_t
enhanced_at (const char *s, size_t len, size_t i,
             struct smtpreply_enhanced_code *out)
{
  size_t e = i;
  int dots = 0;
  while (e < len && (is_digit ((unsigned char) s[e]) || s[e] == '.'))
    {
      if (s[e] == '.')
        {
          if (e + 1 >= len || !is_digit ((unsigned char) s[e + 1]))
            break;
          dots++;
        }
      e++;
    }
  if (dots != 2 || e - i > 11)
    return 0;
  if (smtpreply_enhanced_parse (s + i, e - i, out, NULL) != 0)
    return 0;
  return e - i;
}

/* Return the length of the host name that starts at offset I of the LEN
   bytes at S (a name with a dot, whose last label has a letter: not an IP
   address, not part of a mail address), without a trailing dot, or 0.  */
static size_t
host_at (const char *s, size_t len, size_t i)
{
  const unsigned char *u = (const unsigned char *) s;
  if (i > 0 && (u[i - 1] == '@' || is_domain (u[i - 1])))
    return 0;
  size_t e = i;
  while (e < len && is_domain (u[e]))
    e++;
  if (e < len && u[e] == '@')
    return 0;
  while (e > i && (u[e - 1] == '.' || u[e - 1] == '-'))
    e--;
  if (e - i < 4 || u[i] == '.' || u[i] == '-')
    return 0;
  const char *dot = NULL;
  for (size_t k = i; k < e; k++)
    if (u[k] == '.')
      dot = s + k;
  if (dot == NULL)
    return 0;
  int letter = 0;
  for (const char *p = dot + 1; p < s + e; p++)
    if (!is_digit ((unsigned char) *p))
      letter = 1;
  return letter ? e - i : 0;
}

/* Return nonzero if the LEN bytes at S are an IP address literal: IPv4,
   IPv6, or "IPv6:..." as RFC 5321 writes it.  */
static int
is_ip (const char *s, size_t len)
{
  if (len >= 5 && same_ci (s, "ipv6:", 5))
    {
      s += 5;
      len -= 5;
    }
  if (len == 0)
    return 0;
  int digit = 0;
  for (size_t i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (is_digit (c))
        digit = 1;
      else if (!(c == '.' || c == ':'
                 || (lower (c) >= 'a' && lower (c) <= 'f')))
        return 0;
    }
  return digit;
}

/* A host named in a text.  */
struct host
{
  size_t at; /* where its name starts */
  size_t len;
};

/* Store in *FIRST and *LAST the first host named in the LEN bytes at S and
   the last one that starts before LIMIT (as they are found: after a
   prefix of formats.def, before " [IP]" or "[IP]", before " #CODE").
   @return the number found.  */
static size_t
find_hosts (const char *s, size_t len, size_t limit, struct host *first,
            struct host *last)
{
  size_t n = 0;
  struct host best_first = { NONE, 0 }, best_last = { NONE, 0 };
  /* After the prefixes.  */
  for (size_t p = 0; p < SMTPREPLY__BOUNCE_N_ELEMS (host_prefixes); p++)
    {
      size_t plen = strlen (host_prefixes[p]);
      for (size_t i = find_ci (s, len, 0, host_prefixes[p], plen); i != NONE;
           i = find_ci (s, len, i + 1, host_prefixes[p], plen))
        {
          /* The prefix starts a word.  */
          if (i > 0
              && (is_alnum ((unsigned char) s[i - 1])
                  || (unsigned char) s[i - 1] >= 0x80)
              && is_alnum ((unsigned char) host_prefixes[p][0]))
            continue;
          size_t h = host_at (s, len, i + plen);
          if (h == 0)
            continue;
          n++;
          if (best_first.at == NONE || i + plen < best_first.at)
            best_first = (struct host){ i + plen, h };
          if (i + plen < limit
              && (best_last.at == NONE || i + plen > best_last.at))
            best_last = (struct host){ i + plen, h };
        }
    }
  /* Before "[IP]", " [IP]" or " #CODE".  */
  for (size_t i = 0; i < len; i++)
    {
      size_t k;
      if (s[i] == '[')
        {
          size_t window = len - i < 64 ? len - i : 64;
          const char *close = memchr (s + i, ']', window);
          if (close == NULL
              || !is_ip (s + i + 1, (size_t) (close - s) - i - 1))
            continue;
          k = i;
        }
      else if (s[i] == '#' && i > 0 && s[i - 1] == ' ' && i + 4 <= len
               && is_digit ((unsigned char) s[i + 1])
               && is_digit ((unsigned char) s[i + 2])
               && is_digit ((unsigned char) s[i + 3])
               && (i + 4 == len || s[i + 4] == ' ' || s[i + 4] == '-'))
        k = i;
      else
        continue;
      if (k > 0 && s[k - 1] == ' ')
        k--;
      size_t b = k;
      while (b > 0 && is_domain ((unsigned char) s[b - 1]))
        b--;
      size_t h = host_at (s, len, b);
      /* The name must end where the bracket or the mark begins (a
         trailing dot aside).  */
      if (h == 0 || b + h > k || (k - b - h > 1))
        continue;
      n++;
      if (best_first.at == NONE || b < best_first.at)
        best_first = (struct host){ b, h };
      if (b < limit && (best_last.at == NONE || b > best_last.at))
        best_last = (struct host){ b, h };
    }
  *first = best_first;
  *last = best_last;
  return n;
}

/* Return a copy of the host of the LEN bytes at S, in lower case, or
   NULL if out of memory.  */
static char *
host_copy (const char *s, size_t len)
{
  char *h = malloc (len + 1);
  if (h == NULL)
    return NULL;
  for (size_t i = 0; i < len; i++)
    h[i] = (char) lower ((unsigned char) s[i]);
  h[len] = '\0';
  return h;
}

/* Lines and recipients.  */

struct line
{
  size_t start;
  size_t len;  /* without the line ending */
  size_t rcpt; /* the recipient the line names: NONE, MANY, or an index */
};

/* A recipient while the text is read.  */
struct rcpt
{
  char *address;  /* as written, domain in lower case */
  size_t *blocks; /* its blocks, as indexes of the reader's */
  size_t nblocks;
  size_t *named; /* lines outside its blocks that name it */
  size_t nnamed;
};

/* A block: the lines of one recipient.  */
struct block
{
  size_t first; /* its address line */
  size_t end;   /* the line after it */
  size_t indent;
  size_t rcpt;
};

/* The state of one reading.  */
struct reader
{
  const struct smtpreply__text_input *in;
  struct line *lines;
  size_t nlines;
  size_t region; /* the lines read: 0 to REGION */
  struct block *blocks;
  size_t nblocks;
  struct rcpt *rcpts;
  size_t nrcpts;
  size_t *table; /* hash of the recipients' addresses: index + 1 */
  size_t table_size;
  size_t gathered; /* bytes of the lines the recipients took */
  int failed;
};

/* Return the hash of the N bytes at S, in lower case.  */
static size_t
hash_ci (const char *s, size_t n)
{
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++)
    {
      h ^= lower ((unsigned char) s[i]);
      h *= 1099511628211ULL;
    }
  return (size_t) h;
}

/* Return the index of the recipient whose address is the N bytes at S,
   or NONE.  */
static size_t
rcpt_find (const struct reader *r, const char *s, size_t n)
{
  if (r->table_size == 0)
    return NONE;
  size_t mask = r->table_size - 1;
  for (size_t i = hash_ci (s, n) & mask;; i = (i + 1) & mask)
    {
      size_t v = r->table[i];
      if (v == 0)
        return NONE;
      const char *a = r->rcpts[v - 1].address;
      if (strlen (a) == n && same_ci (a, s, n))
        return v - 1;
    }
}

/* Return the index of the recipient whose address is the N bytes at S,
   adding it if it is new, or NONE if there are too many or memory ran
   out.  */
static size_t
rcpt_add (struct reader *r, const char *s, size_t n)
{
  size_t found = rcpt_find (r, s, n);
  if (found != NONE)
    return found;
  if (r->nrcpts >= SMTPREPLY_BOUNCE_MAX_RECIPIENTS)
    return NONE;
  if (2 * (r->nrcpts + 1) > r->table_size)
    {
      size_t size = r->table_size == 0 ? 64 : 2 * r->table_size;
      size_t *table = calloc (size, sizeof *table);
      struct rcpt *rcpts = realloc (r->rcpts, size / 2 * sizeof *rcpts);
      if (table == NULL || rcpts == NULL)
        {
          free (table);
          if (rcpts != NULL)
            r->rcpts = rcpts;
          r->failed = 1;
          return NONE;
        }
      r->rcpts = rcpts;
      for (size_t i = 0; i < r->nrcpts; i++)
        {
          const char *a = r->rcpts[i].address;
          size_t k = hash_ci (a, strlen (a)) & (size - 1);
          while (table[k] != 0)
            k = (k + 1) & (size - 1);
          table[k] = i + 1;
        }
      free (r->table);
      r->table = table;
      r->table_size = size;
    }
  char *address = smtpreply__address_normalise (s, n);
  if (address == NULL)
    {
      r->failed = 1;
      return NONE;
    }
  struct rcpt *p = &r->rcpts[r->nrcpts];
  memset (p, 0, sizeof *p);
  p->address = address;
  size_t k = hash_ci (s, n) & (r->table_size - 1);
  while (r->table[k] != 0)
    k = (k + 1) & (r->table_size - 1);
  r->table[k] = r->nrcpts + 1;
  return r->nrcpts++;
}

/* Append V to the array *A of *N elements, growing it by powers of two.
   @return 0, or -1 if out of memory.  */
static int
push_index (size_t **a, size_t *n, size_t v)
{
  if ((*n & (*n - 1)) == 0)
    {
      size_t cap = *n == 0 ? 4 : 2 * *n;
      size_t *b = realloc (*a, cap * sizeof *b);
      if (b == NULL)
        return -1;
      *a = b;
    }
  (*a)[(*n)++] = v;
  return 0;
}

/* Free what R holds.  */
static void
reader_free (struct reader *r)
{
  for (size_t i = 0; i < r->nrcpts; i++)
    {
      free (r->rcpts[i].address);
      free (r->rcpts[i].blocks);
      free (r->rcpts[i].named);
    }
  free (r->rcpts);
  free (r->table);
  free (r->blocks);
  r->rcpts = NULL;
  r->table = NULL;
  r->blocks = NULL;
  r->nrcpts = 0;
  r->nblocks = 0;
  r->table_size = 0;
  r->gathered = 0;
}

/* Return the text of line I of R.  */
static const char *
line_text (const struct reader *r, size_t i)
{
  return r->in->text + r->lines[i].start;
}

/* Return nonzero if line I of R holds only white space.  */
static int
line_blank (const struct reader *r, size_t i)
{
  const char *s = line_text (r, i);
  for (size_t k = 0; k < r->lines[i].len; k++)
    if (!is_space ((unsigned char) s[k]))
      return 0;
  return 1;
}

/* Find the blocks of the recipients in the lines of R before R->region.  */
static void
find_blocks (struct reader *r)
{
  size_t cur = NONE;
  size_t cap = 0;
  for (size_t i = 0; i < r->region && !r->failed; i++)
    {
      size_t b, e, indent;
      const char *s = line_text (r, i);
      if (!address_line (s, r->lines[i].len, &b, &e, &indent))
        continue;
      if (is_own (r->in, s + b, e - b))
        continue;
      if (cur != NONE)
        {
          const char *a = r->rcpts[r->blocks[cur].rcpt].address;
          if ((strlen (a) == e - b && same_ci (a, s + b, e - b))
              || indent > r->blocks[cur].indent)
            continue;
        }
      size_t k = rcpt_add (r, s + b, e - b);
      if (k == NONE)
        break;
      if (r->nblocks == cap)
        {
          cap = cap == 0 ? 16 : 2 * cap;
          struct block *blocks = realloc (r->blocks, cap * sizeof *blocks);
          if (blocks == NULL)
            {
              r->failed = 1;
              break;
            }
          r->blocks = blocks;
        }
      if (cur != NONE)
        r->blocks[cur].end = i;
      cur = r->nblocks++;
      r->blocks[cur] = (struct block){ i, r->region, indent, k };
      if (push_index (&r->rcpts[k].blocks, &r->rcpts[k].nblocks, cur) < 0)
        r->failed = 1;
    }
}

/* Take the recipients of R from the RCPT commands of a transcript.  */
static void
find_rcpt_commands (struct reader *r)
{
  for (size_t i = 0; i < r->region && !r->failed; i++)
    {
      const char *s = line_text (r, i);
      size_t len = r->lines[i].len;
      for (size_t p = 0; p < SMTPREPLY__BOUNCE_N_ELEMS (rcpt_prefixes); p++)
        {
          size_t n = strlen (rcpt_prefixes[p]);
          for (size_t at = find_ci (s, len, 0, rcpt_prefixes[p], n);
               at != NONE; at = find_ci (s, len, at + 1, rcpt_prefixes[p], n))
            {
              size_t pos = at + n, b, e;
              if (!next_address (s, len, &pos, &b, &e) || b != at + n
                  || e >= len || s[e] != '>' || is_own (r->in, s + b, e - b))
                continue;
              if (rcpt_add (r, s + b, e - b) == NONE)
                return;
            }
        }
    }
}

/* Note for every line of R before R->region the recipient it names.  */
static void
note_lines (struct reader *r)
{
  for (size_t i = 0; i < r->region; i++)
    r->lines[i].rcpt = NONE;
  for (size_t i = 0; i < r->region && !r->failed; i++)
    {
      const char *s = line_text (r, i);
      size_t len = r->lines[i].len, pos = 0, b, e;
      while (next_address (s, len, &pos, &b, &e))
        {
          size_t k = rcpt_find (r, s + b, e - b);
          if (k == NONE)
            continue;
          if (r->lines[i].rcpt == NONE)
            r->lines[i].rcpt = k;
          else if (r->lines[i].rcpt != k)
            r->lines[i].rcpt = MANY;
        }
    }
}

/* Note for every recipient of R the lines outside its blocks that name
   it.  */
static void
note_named (struct reader *r)
{
  size_t b = 0;
  for (size_t i = 0; i < r->region && !r->failed; i++)
    {
      while (b < r->nblocks && r->blocks[b].end <= i)
        b++;
      int inside = b < r->nblocks && r->blocks[b].first <= i;
      const char *s = line_text (r, i);
      size_t len = r->lines[i].len, pos = 0, start, end;
      size_t last = NONE;
      while (next_address (s, len, &pos, &start, &end))
        {
          size_t k = rcpt_find (r, s + start, end - start);
          if (k == NONE || k == last || (inside && r->blocks[b].rcpt == k)
              || r->rcpts[k].nnamed >= MAX_GATHERED)
            continue;
          last = k;
          if ((r->rcpts[k].nnamed > 0
               && r->rcpts[k].named[r->rcpts[k].nnamed - 1] == i)
              || r->gathered + len > MAX_GATHERED_BYTES)
            continue;
          r->gathered += len;
          if (push_index (&r->rcpts[k].named, &r->rcpts[k].nnamed, i) < 0)
            r->failed = 1;
        }
    }
}

/* Addresses listed one a line (Sendmail lists its recipients, then
   the transcript of the session): the last of such a list keeps only its
   own line when the lines after it name the others.  */
static void
cut_lists (struct reader *r)
{
  for (size_t i = 1; i < r->nblocks; i++)
    {
      struct block *prev = &r->blocks[i - 1], *b = &r->blocks[i];
      if (b->first != prev->first + 1)
        continue;
      if (i + 1 < r->nblocks && r->blocks[i + 1].first == b->first + 1)
        continue;
      for (size_t k = b->first + 1; k < b->end; k++)
        if (r->lines[k].rcpt != NONE && r->lines[k].rcpt != b->rcpt)
          {
            b->end = b->first + 1;
            break;
          }
    }
}

/* The joined text of some lines.  */
struct joined
{
  char *text; /* NUL-terminated */
  size_t len;
  size_t *at;          /* where each line's text starts in TEXT */
  size_t *line;        /* the line of R */
  unsigned char *para; /* nonzero: the line starts a paragraph */
  size_t n;
};

/* Join lines LINES[0..N) of R, trimmed, with spaces, up to MAX_DIAGNOSTIC
   bytes, into *J, noting where paragraphs start (after blank lines and
   gaps): smtpreply_extract reads one line.  NUL bytes and line breaks
   become spaces.  @return 0 or -1 if out of memory.  */
static int
join_lines (const struct reader *r, const size_t *lines, size_t n,
            struct joined *j)
{
  memset (j, 0, sizeof *j);
  size_t total = 1;
  for (size_t i = 0; i < n; i++)
    total += r->lines[lines[i]].len + 1;
  if (total > MAX_DIAGNOSTIC + 1)
    total = MAX_DIAGNOSTIC + 1;
  j->text = malloc (total);
  j->at = malloc ((n > 0 ? n : 1) * sizeof *j->at);
  j->line = malloc ((n > 0 ? n : 1) * sizeof *j->line);
  j->para = malloc (n > 0 ? n : 1);
  if (j->text == NULL || j->at == NULL || j->line == NULL || j->para == NULL)
    return -1;
  size_t len = 0;
  int pending_break = 0;
  size_t previous = NONE;
  for (size_t i = 0; i < n; i++)
    {
      size_t li = lines[i];
      const char *s = line_text (r, li);
      size_t b = 0, e = r->lines[li].len;
      while (b < e && is_space ((unsigned char) s[b]))
        b++;
      while (e > b && is_space ((unsigned char) s[e - 1]))
        e--;
      if (previous != NONE && li != previous + 1)
        pending_break = 1;
      previous = li;
      if (b == e)
        {
          pending_break = 1;
          continue;
        }
      if (len + 2 >= total)
        break;
      if (len > 0)
        j->text[len++] = ' ';
      j->para[j->n] = pending_break || j->n == 0;
      pending_break = 0;
      j->at[j->n] = len;
      j->line[j->n] = li;
      j->n++;
      for (size_t k = b; k < e && len + 1 < total; k++)
        j->text[len++]
            = s[k] == '\0' || s[k] == '\n' || s[k] == '\r' ? ' ' : s[k];
    }
  j->text[len] = '\0';
  j->len = len;
  return 0;
}

/* Free what J holds.  */
static void
joined_free (struct joined *j)
{
  free (j->text);
  free (j->at);
  free (j->line);
  free (j->para);
  memset (j, 0, sizeof *j);
}

/* Return the piece of J (the line joined) that holds offset AT.  */
static size_t
joined_piece (const struct joined *j, size_t at)
{
  size_t piece = 0;
  for (size_t i = 0; i < j->n && j->at[i] <= at; i++)
    piece = i;
  return piece;
}

/* Return where piece I of J ends (before the space after it).  */
static size_t
piece_end (const struct joined *j, size_t i)
{
  return i + 1 < j->n ? j->at[i + 1] - 1 : j->len;
}

/* Return where the paragraph of piece I of J ends.  */
static size_t
paragraph_end (const struct joined *j, size_t i)
{
  size_t k = i + 1;
  while (k < j->n && !j->para[k])
    k++;
  return piece_end (j, k - 1);
}

/* Return nonzero if the N bytes at S start with reply code CODE and a
   '-', a space or nothing, and store in *REST where the text after them
   starts.  */
static int
starts_with_code (const char *s, size_t n, int code, size_t *rest)
{
  if (n < 3 || !is_digit ((unsigned char) s[0])
      || !is_digit ((unsigned char) s[1]) || !is_digit ((unsigned char) s[2])
      || (n > 3 && s[3] != ' ' && s[3] != '-'))
    return 0;
  if (code != 0
      && (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0') != code)
    return 0;
  *rest = n > 3 ? 4 : 3;
  return 1;
}

/* Return nonzero if the N bytes at S, a line after a reply's first, start
   something else than the reply's wrapped text: another reply code, a
   transcript's arrow ("<<<", "-->"), a first word with a digit (a time,
   an IP address).  */
static int
starts_other (const char *s, size_t n)
{
  size_t rest;
  if (starts_with_code (s, n, 0, &rest))
    return 1;
  if (n >= 3 && (s[0] == '<' || s[0] == '>' || s[0] == '-')
      && (s[1] == '<' || s[1] == '>' || s[1] == '-')
      && (s[2] == '<' || s[2] == '>' || s[2] == '-'))
    return 1;
  for (size_t i = 0; i < n && !is_space ((unsigned char) s[i]); i++)
    if (is_digit ((unsigned char) s[i]))
      return 1;
  return 0;
}

/* What a block says.  */
struct finding
{
  int code;
  size_t code_at;
  int has_enhanced;
  struct smtpreply_enhanced_code enhanced;
  int has_status;
  struct smtpreply_enhanced_code status;
  int status_alone; /* an enhanced code without a reply */
};

/* Read the reply and the status of the text of J into *F.  MASKED is a
   buffer of J->len + 1 bytes to work in.  */
static void
read_finding (const struct joined *j, char *masked, struct finding *f)
{
  size_t len = j->len;
  memset (f, 0, sizeof *f);
  memcpy (masked, j->text, len + 1);
  /* The notice's own statuses, the earliest first, masked so that the
     reply finder does not take them for the reply's.  */
  size_t status_at = NONE;
  for (size_t m = 0; m < SMTPREPLY__BOUNCE_N_ELEMS (status_marks); m++)
    {
      size_t on = strlen (status_marks[m].open);
      size_t cn = strlen (status_marks[m].close);
      for (size_t i = find_ci (masked, len, 0, status_marks[m].open, on);
           i != NONE;
           i = find_ci (masked, len, i + 1, status_marks[m].open, on))
        {
          struct smtpreply_enhanced_code code;
          size_t n = enhanced_at (masked, len, i + on, &code);
          if (n == 0)
            continue;
          size_t e = i + on + n;
          if (cn > 0
              && (e + cn > len
                  || memcmp (masked + e, status_marks[m].close, cn) != 0))
            continue;
          if (cn == 0 && e < len && is_alnum ((unsigned char) masked[e]))
            continue;
          memset (masked + i, ' ', e + cn - i);
          if (status_at == NONE || i < status_at)
            {
              status_at = i;
              f->has_status = 1;
              f->status = code;
            }
        }
    }
  /* Exchange's "host #550 5.1.1": the mark is no part of the reply.  */
  for (size_t i = 1; i + 4 <= len; i++)
    if (masked[i] == '#' && masked[i - 1] == ' '
        && is_digit ((unsigned char) masked[i + 1])
        && is_digit ((unsigned char) masked[i + 2])
        && is_digit ((unsigned char) masked[i + 3])
        && (i + 4 == len || masked[i + 4] == ' ' || masked[i + 4] == '-'))
      masked[i] = ' ';
  /* The first failure found from the start of a line on, in a window of
     a few lines of its paragraph: a code that starts a line, or follows
     words such as "said:", is a reply; one inside a sentence is not.  */
  int alone = 0;
  for (size_t i = 0; i < j->n && f->code == 0; i++)
    {
      size_t w = i;
      while (w + 1 < j->n && w + 1 < i + WINDOW_LINES && !j->para[w + 1])
        w++;
      size_t b = j->at[i], e = piece_end (j, w);
      struct smtpreply_match m = { .size = sizeof m };
      if (smtpreply_extract (masked + b, e - b, &m) != 0 || m.found == 0)
        continue;
      if (!(m.found & SMTPREPLY_MATCH_CODE))
        {
          if ((m.found & SMTPREPLY_MATCH_ENHANCED) && !alone)
            {
              alone = 1;
              f->status_alone = 1;
              f->enhanced = m.enhanced;
            }
          continue;
        }
      int cls = m.code / 100;
      if (cls != 4 && cls != 5)
        continue;
      size_t at = b + m.code_offset;
      f->code = m.code;
      f->code_at = at;
      size_t eat = b + m.enhanced_offset;
      f->has_enhanced = (m.found & SMTPREPLY_MATCH_ENHANCED) && eat >= at + 4
                        && eat <= at + 5;
      f->enhanced = f->has_enhanced ? m.enhanced : f->enhanced;
    }
  if (f->code == 0)
    f->has_enhanced = 0;
  if (f->has_status)
    ;
  else if (f->has_enhanced)
    {
      f->has_status = 1;
      f->status = f->enhanced;
    }
  else if (f->status_alone)
    {
      f->has_status = 1;
      f->status = f->enhanced;
    }
}

/* Return a copy of the N bytes at S, or NULL if out of memory.  */
static char *
copy_n (const char *s, size_t n)
{
  char *c = malloc (n + 1);
  if (c != NULL)
    {
      memcpy (c, s, n);
      c[n] = '\0';
    }
  return c;
}

/* Store in OUT->reply the lines of the reply whose code CODE is at
   offset AT of J, in piece PIECE, its paragraph ending at END: its first
   line's text after the code, then each line that starts with the code
   again, with the wrapped lines between appended with a space.  A reply
   quoted ('550 ...') ends at its closing quote.  @return 0 or -1 if out
   of memory.  */
static int
read_reply_lines (const struct joined *j, size_t piece, size_t end, size_t at,
                  int code, struct smtpreply__text_recipient *out)
{
  char quote = 0;
  if (at > 0 && (j->text[at - 1] == '\'' || j->text[at - 1] == '"'))
    quote = j->text[at - 1];
  size_t n = 0;
  for (size_t i = piece; i < j->n && j->at[i] < end; i++)
    n++;
  out->reply = calloc (n > 0 ? n : 1, sizeof *out->reply);
  if (out->reply == NULL)
    return -1;
  size_t b = at + 3;
  int more = b < end && j->text[b] == '-';
  if (b < end && (j->text[b] == ' ' || j->text[b] == '-'))
    b++;
  size_t e = piece_end (j, piece);
  size_t line_start = b;
  for (size_t i = piece + 1; i < j->n && j->at[i] < end && !quote; i++)
    {
      const char *s = j->text + j->at[i];
      size_t len = piece_end (j, i) - j->at[i], rest;
      if (more && starts_with_code (s, len, code, &rest))
        {
          more = s[3] == '-';
          /* A new line of the reply.  */
          size_t k = e;
          while (k > line_start && is_space ((unsigned char) j->text[k - 1]))
            k--;
          out->reply[out->reply_count]
              = copy_n (j->text + line_start, k - line_start);
          if (out->reply[out->reply_count++] == NULL)
            return -1;
          line_start = j->at[i] + rest;
          e = piece_end (j, i);
        }
      else if (starts_other (s, len))
        break;
      else
        e = piece_end (j, i);
    }
  if (quote)
    {
      const char *q = memchr (j->text + b, quote, end - b);
      e = q != NULL ? (size_t) (q - j->text) : end;
    }
  while (e > line_start && is_space ((unsigned char) j->text[e - 1]))
    e--;
  out->reply[out->reply_count]
      = copy_n (j->text + line_start, e > line_start ? e - line_start : 0);
  if (out->reply[out->reply_count++] == NULL)
    return -1;
  return 0;
}

/* Read recipient K of R into *OUT.  @return 0, or -1 if out of memory.  */
static int
read_recipient (struct reader *r, size_t k,
                struct smtpreply__text_recipient *out)
{
  struct rcpt *p = &r->rcpts[k];
  size_t *lines = NULL, nlines = 0;
  struct joined j = { 0 };
  char *masked = NULL;
  struct finding f = { 0 };
  int rc = -1;
  int chosen = 0;
  /* Its blocks, the first with a reply first.  */
  for (size_t bi = 0; bi <= p->nblocks; bi++)
    {
      free (lines);
      lines = NULL;
      nlines = 0;
      joined_free (&j);
      size_t block = bi < p->nblocks ? p->blocks[bi] : NONE;
      if (bi == p->nblocks)
        block = p->nblocks > 0 ? p->blocks[0] : NONE;
      size_t first = block != NONE ? r->blocks[block].first : NONE;
      size_t end = block != NONE ? r->blocks[block].end : NONE;
      for (size_t i = first; block != NONE && i < end; i++)
        if (i == first || r->lines[i].rcpt == NONE || r->lines[i].rcpt == k)
          if (push_index (&lines, &nlines, i) < 0)
            goto out;
      /* The last time round, no block has a reply: the first block and the
         lines that name the address elsewhere.  */
      if (bi == p->nblocks)
        {
          for (size_t i = 0; i < p->nnamed; i++)
            if (push_index (&lines, &nlines, p->named[i]) < 0)
              goto out;
          /* In the order of the text.  */
          for (size_t a = 1; a < nlines; a++)
            for (size_t b = a; b > 0 && lines[b - 1] > lines[b]; b--)
              {
                size_t t = lines[b];
                lines[b] = lines[b - 1];
                lines[b - 1] = t;
              }
        }
      if (join_lines (r, lines, nlines, &j) < 0)
        goto out;
      free (masked);
      masked = malloc (j.len + 1);
      if (masked == NULL)
        goto out;
      read_finding (&j, masked, &f);
      if (f.code != 0 || bi == p->nblocks)
        {
          chosen = 1;
          break;
        }
    }
  if (!chosen)
    goto out;

  /* The diagnostic ends with the paragraph of the reply, and shows its
     paragraphs on lines of their own.  */
  size_t cut = j.len;
  size_t reply_piece = f.code != 0 ? joined_piece (&j, f.code_at) : 0;
  if (f.code != 0)
    cut = paragraph_end (&j, reply_piece);
  out->address = copy_n (p->address, strlen (p->address));
  out->diagnostic = copy_n (j.text, cut);
  if (out->address == NULL || out->diagnostic == NULL)
    goto out;
  for (size_t i = 1; i < j.n && j.at[i] <= cut; i++)
    if (j.para[i])
      out->diagnostic[j.at[i] - 1] = '\n';
  out->line = (nlines > 0 ? lines[0] : 0) + 1;
  out->code = f.code;
  out->has_enhanced = f.has_enhanced;
  out->enhanced = f.enhanced;
  out->has_status = f.has_status;
  out->status = f.status;
  if (f.code != 0
      && read_reply_lines (&j, reply_piece, cut, f.code_at, f.code, out) < 0)
    goto out;

  /* The remote host: the last named before the reply, else the first of
     a block without one; else, in a transcript, the one named last on the
     lines before the reply, back to a blank line or another
     recipient's.  */
  struct host first, last;
  struct host chosen_host = { NONE, 0 };
  if (f.code != 0)
    {
      find_hosts (j.text, cut, f.code_at, &first, &last);
      chosen_host = last;
    }
  if (chosen_host.at != NONE)
    out->remote_mta = host_copy (j.text + chosen_host.at, chosen_host.len);
  else if (f.code == 0)
    {
      /* No reply: the first host named in the first paragraph of one of
         its blocks, or on a line that names it.  */
      const char *where = NULL;
      for (size_t bi = 0; bi < p->nblocks && where == NULL; bi++)
        {
          const struct block *bl = &r->blocks[p->blocks[bi]];
          for (size_t li = bl->first; li < bl->end && !line_blank (r, li);
               li++)
            if ((li == bl->first || r->lines[li].rcpt == NONE
                 || r->lines[li].rcpt == k)
                && find_hosts (line_text (r, li), r->lines[li].len, 0, &first,
                               &last)
                       > 0)
              {
                where = line_text (r, li);
                break;
              }
        }
      for (size_t i = 0; i < p->nnamed && where == NULL; i++)
        {
          size_t li = p->named[i];
          if (find_hosts (line_text (r, li), r->lines[li].len, 0, &first,
                          &last)
              > 0)
            where = line_text (r, li);
        }
      if (where != NULL)
        {
          out->remote_mta = host_copy (where + first.at, first.len);
          if (out->remote_mta == NULL)
            goto out;
        }
    }
  else
    {
      size_t from = j.line[reply_piece];
      for (size_t back = 1; back <= MAX_HOST_LOOKBACK && back <= from; back++)
        {
          size_t li = from - back;
          if (line_blank (r, li)
              || (r->lines[li].rcpt != NONE && r->lines[li].rcpt != k))
            break;
          if (find_hosts (line_text (r, li), r->lines[li].len,
                          r->lines[li].len, &first, &last)
                  > 0
              && last.at != NONE)
            {
              out->remote_mta
                  = host_copy (line_text (r, li) + last.at, last.len);
              break;
            }
        }
    }
  if (out->remote_mta == NULL && chosen_host.at != NONE)
    goto out;
  rc = 0;

out:
  free (lines);
  free (masked);
  joined_free (&j);
  return rc;
}

/* Free what *T holds.  */
static void
text_recipient_free (struct smtpreply__text_recipient *t)
{
  free (t->address);
  free (t->diagnostic);
  for (size_t i = 0; i < t->reply_count; i++)
    free (t->reply[i]);
  free (t->reply);
  free (t->remote_mta);
  memset (t, 0, sizeof *t);
}

/* Read the recipients of R, whose lines before R->region are read, into
   OUT.  @return 0, or -1 if out of memory.  */
static int
read_region (struct reader *r, struct smtpreply__text_result *out)
{
  find_blocks (r);
  if (r->nblocks == 0 && !r->failed)
    find_rcpt_commands (r);
  if (r->failed)
    return -1;
  if (r->nrcpts == 0)
    return 0;
  note_lines (r);
  cut_lists (r);
  note_named (r);
  if (r->failed)
    return -1;
  out->recipients = calloc (r->nrcpts, sizeof *out->recipients);
  if (out->recipients == NULL)
    return -1;
  for (size_t k = 0; k < r->nrcpts; k++)
    {
      if (read_recipient (r, k, &out->recipients[k]) < 0)
        {
          text_recipient_free (&out->recipients[k]);
          for (size_t i = 0; i < k; i++)
            text_recipient_free (&out->recipients[i]);
          free (out->recipients);
          out->recipients = NULL;
          return -1;
        }
    }
  out->count = r->nrcpts;
  return 0;
}

/* Return the line of R at or after which offset AT of the text lies.  */
static size_t
line_of (const struct reader *r, size_t at)
{
  size_t lo = 0, hi = r->nlines;
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (r->lines[mid].start + r->lines[mid].len < at)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Read with format FMT (NULL: any) into OUT; DETECTED is where the text
   showed the format.  @return 0, or -1 if out of memory.  */
static int
read_with (struct reader *r, const struct smtpreply_bounce_format *fmt,
           size_t detected, struct smtpreply__text_result *out)
{
  memset (out, 0, sizeof *out);
  out->original = NONE;
  r->region = r->nlines;
  /* The returned original starts at the line of an END phrase.  */
  size_t end_at = NONE;
  if (fmt != NULL && fmt->end[0] != '\0')
    find_phrases (r->in, fmt->end, detected, 0, &end_at);
  else if (fmt == NULL)
    for (size_t i = 0; i < SMTPREPLY__BOUNCE_N_ELEMS (formats); i++)
      {
        size_t at;
        if (formats[i].end[0] != '\0'
            && find_phrases (r->in, formats[i].end, 0, 0, &at)
            && (end_at == NONE || at < end_at))
          end_at = at;
      }
  if (end_at != NONE)
    {
      size_t li = line_of (r, end_at);
      r->region = li;
      if (li + 1 < r->nlines)
        out->original = r->lines[li + 1].start;
    }
  out->format = fmt;
  int rc = read_region (r, out);
  reader_free (r);
  return rc;
}

void
smtpreply__text_result_free (struct smtpreply__text_result *r)
{
  for (size_t i = 0; i < r->count; i++)
    text_recipient_free (&r->recipients[i]);
  free (r->recipients);
  free (r->sorted);
  memset (r, 0, sizeof *r);
  r->original = NONE;
}

/* Compare the NUL-terminated A and B without regard to ASCII case.  */
static int
compare_ci (const char *a, const char *b)
{
  for (;; a++, b++)
    {
      unsigned char x = lower ((unsigned char) *a);
      unsigned char y = lower ((unsigned char) *b);
      if (x != y || x == '\0')
        return x < y ? -1 : x > y;
    }
}

/* Order recipients by address for qsort.  */
static int
by_address (const void *a, const void *b)
{
  const struct smtpreply__text_recipient *const *x = a;
  const struct smtpreply__text_recipient *const *y = b;
  return compare_ci ((*x)->address, (*y)->address);
}

const struct smtpreply__text_recipient *
smtpreply__text_find (const struct smtpreply__text_result *r,
                      const char *address)
{
  if (address == NULL || r->sorted == NULL)
    return NULL;
  size_t lo = 0, hi = r->count;
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      int c = compare_ci (r->sorted[mid]->address, address);
      if (c == 0)
        return r->sorted[mid];
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

int
smtpreply__text_read (const struct smtpreply__text_input *in,
                      struct smtpreply__text_result *out)
{
  memset (out, 0, sizeof *out);
  out->original = NONE;
  struct reader r = { .in = in };
  size_t len = in->len < SMTPREPLY_BOUNCE_MAX_TEXT ? in->len
                                                   : SMTPREPLY_BOUNCE_MAX_TEXT;
  /* The lines.  */
  size_t n = 1;
  for (const char *p = in->text; p != NULL && p < in->text + len;)
    {
      p = memchr (p, '\n', (size_t) (in->text + len - p));
      if (p != NULL)
        {
          n++;
          p++;
        }
    }
  r.lines = malloc (n * sizeof *r.lines);
  if (r.lines == NULL)
    return SMTPREPLY_ENOMEM;
  size_t start = 0;
  for (size_t i = 0; i <= len; i++)
    if (i == len || in->text[i] == '\n')
      {
        size_t e = i;
        if (e > start && in->text[e - 1] == '\r')
          e--;
        r.lines[r.nlines++] = (struct line){ start, e - start, NONE };
        start = i + 1;
      }
  struct smtpreply__text_input bounded = *in;
  bounded.len = len;
  r.in = &bounded;

  int rc = 0;
  for (size_t i = 0; i < SMTPREPLY__BOUNCE_N_ELEMS (formats); i++)
    {
      size_t at;
      if (!find_phrases (&bounded, formats[i].detect, 0, 1, &at))
        continue;
      struct smtpreply__text_result try;
      if (read_with (&r, &formats[i], at, &try) < 0)
        {
          rc = SMTPREPLY_ENOMEM;
          break;
        }
      int ok = try.count > 0;
      if (ok && strcmp (formats[i].require, "reply") == 0)
        {
          ok = 0;
          for (size_t k = 0; k < try.count; k++)
            if (try.recipients[k].code != 0)
              ok = 1;
        }
      if (ok)
        {
          *out = try;
          break;
        }
      smtpreply__text_result_free (&try);
    }
  if (rc == 0 && out->format == NULL && in->any_format)
    {
      if (read_with (&r, NULL, 0, out) < 0)
        rc = SMTPREPLY_ENOMEM;
      out->format = NULL;
    }
  if (rc == 0 && out->count > 0)
    {
      out->sorted = malloc (out->count * sizeof *out->sorted);
      if (out->sorted == NULL)
        rc = SMTPREPLY_ENOMEM;
      else
        {
          for (size_t i = 0; i < out->count; i++)
            out->sorted[i] = &out->recipients[i];
          qsort (out->sorted, out->count, sizeof *out->sorted, by_address);
        }
    }
  if (rc < 0)
    smtpreply__text_result_free (out);
  else
    {
      /* A delay warning says so in its Subject or before the copy of the
         message it returns, never only inside that copy.  */
      struct smtpreply__text_input notice = bounded;
      if (out->original != NONE && out->original < notice.len)
        notice.len = out->original;
      for (size_t i = 0;
           i < SMTPREPLY__BOUNCE_N_ELEMS (delays) && !out->delayed; i++)
        {
          size_t at;
          out->delayed = find_phrases (&notice, delays[i], 0, 1, &at);
        }
    }
  reader_free (&r);
  free (r.lines);
  return rc;
}
