/* extract.c -- find the SMTP reply inside a log line or a bounce.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Mail logs are full of numbers that look like reply codes: delays, sizes,
   ports, process ids, addresses, dates, versions.  A number is taken for a
   reply code only where mail software writes one:

     - at the start of the text ("550 5.1.1 <a@b>: User unknown");
     - after ": ", ";" or "; " ("said: 550 ...", "RCPT TO:<a@b>: 550-5.1.1
       ...", "Diagnostic-Code: smtp; 554 ...", "smtp;550 ..."), or Postfix's
       "status=WORD ("
       ("status=sent (250 2.0.0");
     - after reply= or reject= (Sendmail) or C=" (Exim);
     - anywhere else between spaces or quotes, or after "#", only when an
       enhanced status code of the same class follows it ("... 550 5.7.1
       ...", "#550 5.1.1 ...").

   An enhanced status code is taken after a reply code, after dsn= or "#",
   at the start of the text, or after ": ", "; " or "status=WORD (".  Of
   several candidates, one whose reply and enhanced code agree wins, then
   the most specific (a detail beats X.0.0, a subject beats X.0.X), then
   the first.  */

#include <config.h>

#include <string.h>

#include "smtpreply.h"
#include "internal.h"

/* Return nonzero if C is an ASCII digit.  */
static int
digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Return nonzero if C is an ASCII letter or digit.  */
static int
alnum (char c)
{
  return digit (c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Return nonzero if the KEYLEN bytes before BUF[AT] (which is '=') are the
   key KEY, in any case, preceded by a non-letter.  */
static int
key_is (const char *buf, size_t at, const char *key)
{
  size_t n = strlen (key);
  if (at < n)
    return 0;
  for (size_t i = 0; i < n; i++)
    {
      char c = buf[at - n + i];
      if (c >= 'A' && c <= 'Z')
        c = (char) (c - 'A' + 'a');
      if (c != key[i])
        return 0;
    }
  return at == n || !alnum (buf[at - n - 1]);
}

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

/* How strongly the context before offset AT of BUF says a code starts
   there: 2 where mail software writes replies, 1 where a reply code may
   stand if an enhanced code confirms it, 0 where it cannot.  ENHANCED
   selects the contexts of enhanced codes.  */
static int
context (const char *buf, size_t at, int enhanced)
{
  size_t i = at;
  while (i > 0 && (buf[i - 1] == ' ' || buf[i - 1] == '\t'))
    i--;
  if (i == 0)
    return 2;
  char before = buf[i - 1];
  if (i < at)
    /* Spaces between: ": 550", "; 550" are strong, a word before weak.  */
    return before == ':' || before == ';' ? 2 : 1;
  switch (before)
    {
    case '(':
      /* Elsewhere a parenthesis holds sizes, counts or errnos:
         "after DATA (550 bytes)", Exim's "defer (110)".  */
      return after_status (buf, i - 1) ? 2 : 1;
    case '"':
    case '\'':
      return i >= 3 && buf[i - 2] == '=' && buf[i - 3] == 'C' ? 2 : 1;
    case '=':
      if (enhanced)
        return key_is (buf, i - 1, "dsn") ? 2 : 0;
      return key_is (buf, i - 1, "reply") || key_is (buf, i - 1, "reject")
                 ? 2
                 : 0;
    case ';':
      /* "Diagnostic-Code: smtp;550 5.1.1 ..." */
      return 2;
    case '#':
      /* Exchange's "#550 5.1.1 ..." and "#5.1.1 smtp;550 ...".  */
      return enhanced ? 2 : 1;
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

/* If a reply code starts at BUF[AT] and ends where a word may end, store
   it in *CODE and return 1; else return 0.  */
static int
code_at (const char *buf, size_t len, size_t at, int *code)
{
  if (at + 3 > len || !digit (buf[at]) || !digit (buf[at + 1])
      || !digit (buf[at + 2]))
    return 0;
  if (at > 0 && (alnum (buf[at - 1]) || buf[at - 1] == '.'))
    return 0;
  if (at + 3 < len)
    {
      char next = buf[at + 3];
      if (next != ' ' && next != '\t' && next != '-' && next != '"'
          && next != '\'' && next != ')' && next != ',' && next != ';'
          && next != '\r' && next != '\n')
        return 0;
      /* "550-" goes on with text, not with digits and dashes of a date.  */
      if (next == '-' && at + 4 < len && buf[at + 4] == '-')
        return 0;
    }
  int c = (buf[at] - '0') * 100 + (buf[at + 1] - '0') * 10 + buf[at + 2] - '0';
  if (smtpreply_code_check (c) != 0)
    return 0;
  *code = c;
  return 1;
}

/* Return how specific *E is: 2 for a detail, 1 for a subject only, 0 for
   X.0.0.  */
static int
specificity (const struct smtpreply_enhanced_code *e)
{
  return e->detail != 0 ? 2 : e->subject != 0 ? 1 : 0;
}

/* A candidate enhanced code.  */
struct enh
{
  struct smtpreply_enhanced_code e;
  size_t offset;
  size_t length;
};

/* Return nonzero if candidate A is better than B for reply code CODE
   (0: none).  */
static int
better_enhanced (const struct enh *a, const struct enh *b, int code)
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

smtpreply_status
smtpreply_extract (const char *buf, size_t len, struct smtpreply_match *out)
{
  if ((buf == NULL && len > 0) || out == NULL
      || out->size < SMTPREPLY__MATCH_SIZE_0_2)
    return SMTPREPLY_EINVAL;
  /* The answer is made in a struct of this version's size, then copied
     into the caller's as far as it reaches.  */
  size_t caller_size = out->size;
  struct smtpreply_match *caller = out;
  struct smtpreply_match local = { .size = sizeof local };
  out = &local;

  /* The best reply code: strongest context, then the most specific
     enhanced code after it, then the first.  */
  int best_code = 0;
  size_t best_code_at = 0;
  int best_code_score = -1;
  struct enh best_attached = { { 0, 0, 0 }, 0, 0 };
  int best_has_attached = 0;
  /* The best enhanced code found on its own.  */
  struct enh best_alone = { { 0, 0, 0 }, 0, 0 };
  int has_alone = 0;

  for (size_t i = 0; i < len; i++)
    {
      int code;
      struct enh e;
      if (code_at (buf, len, i, &code))
        {
          int strength = context (buf, i, 0);
          size_t after = i + 3;
          int attached = 0;
          if (after + 1 < len && (buf[after] == ' ' || buf[after] == '-'))
            attached
                = enhanced_at (buf, len, after + 1, 1, &e.e, &e.length);
          if (attached)
            e.offset = after + 1;
          /* A weak context needs an enhanced code of the same class.  */
          if (strength == 1
              && !(attached && smtpreply_enhanced_agrees (code, &e.e) == 1))
            strength = 0;
          if (strength > 0)
            {
              int score = strength * 10
                          + (attached ? 1 + specificity (&e.e) : 0);
              if (score > best_code_score)
                {
                  best_code = code;
                  best_code_at = i;
                  best_code_score = score;
                  best_has_attached = attached;
                  if (attached)
                    best_attached = e;
                }
              i = attached ? e.offset + e.length - 1 : i + 2;
              continue;
            }
        }
      if ((buf[i] == '2' || buf[i] == '4' || buf[i] == '5')
          && enhanced_at (buf, len, i, 0, &e.e, &e.length))
        {
          e.offset = i;
          if (context (buf, i, 1) == 2
              && (!has_alone || better_enhanced (&e, &best_alone, 0)))
            {
              best_alone = e;
              has_alone = 1;
            }
          i += e.length - 1;
        }
    }

  const struct enh *chosen = NULL;
  if (best_has_attached)
    chosen = &best_attached;
  if (has_alone
      && (chosen == NULL || better_enhanced (&best_alone, chosen, best_code)))
    chosen = &best_alone;

  size_t text = 0;
  if (best_code != 0)
    {
      out->found |= SMTPREPLY_MATCH_CODE;
      out->code = best_code;
      out->code_offset = best_code_at;
      text = best_code_at + 3;
      if (text < len && (buf[text] == ' ' || buf[text] == '-'))
        text++;
      if (best_has_attached)
        text = best_attached.offset + best_attached.length;
    }
  if (chosen != NULL)
    {
      out->found |= SMTPREPLY_MATCH_ENHANCED;
      out->enhanced = chosen->e;
      out->enhanced_offset = chosen->offset;
      out->enhanced_length = chosen->length;
      if (best_code == 0)
        text = chosen->offset + chosen->length;
    }
  while (text < len && buf[text] == ' ')
    text++;
  out->text_offset = text;
  memcpy (caller, out,
          caller_size < sizeof *out ? caller_size : sizeof *out);
  caller->size = caller_size;
  return 0;
}
