/* json-check.c -- check that standard input is valid JSON Lines.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Each line must be one JSON object (RFC 8259) in valid UTF-8, with no
   key twice.  Exit 0 if all are, else print the first fault with its line
   and column and exit 1.  The CLI tests use it so that JSON output is
   checked by a parser, not only compared as text.  */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cursor
{
  const unsigned char *s;
  size_t len;
  size_t pos;
  const char *error;
};

static int value (struct cursor *c, int depth);

/* Skip JSON white space.  */
static void
skip_space (struct cursor *c)
{
  while (c->pos < c->len
         && (c->s[c->pos] == ' ' || c->s[c->pos] == '\t'
             || c->s[c->pos] == '\r'))
    c->pos++;
}

/* Fail with MESSAGE; return 0.  */
static int
fail (struct cursor *c, const char *message)
{
  if (c->error == NULL)
    c->error = message;
  return 0;
}

/* Take one UTF-8 character of at least two bytes; return 1 or 0.  */
static int
utf8 (struct cursor *c)
{
  const unsigned char *s = c->s + c->pos;
  size_t left = c->len - c->pos;
  unsigned char b = s[0];
  size_t n;
  unsigned char lo = 0x80, hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf)
    n = 2;
  else if (b >= 0xe0 && b <= 0xef)
    {
      n = 3;
      lo = b == 0xe0 ? 0xa0 : 0x80;
      hi = b == 0xed ? 0x9f : 0xbf;
    }
  else if (b >= 0xf0 && b <= 0xf4)
    {
      n = 4;
      lo = b == 0xf0 ? 0x90 : 0x80;
      hi = b == 0xf4 ? 0x8f : 0xbf;
    }
  else
    return fail (c, "invalid UTF-8");
  if (left < n)
    return fail (c, "truncated UTF-8");
  for (size_t i = 1; i < n; i++)
    {
      if (s[i] < lo || s[i] > hi)
        return fail (c, "invalid UTF-8");
      lo = 0x80;
      hi = 0xbf;
    }
  c->pos += n;
  return 1;
}

/* Take a string; store where its contents start and end.  */
static int
string (struct cursor *c, size_t *start, size_t *end)
{
  if (c->pos >= c->len || c->s[c->pos] != '"')
    return fail (c, "expected a string");
  c->pos++;
  *start = c->pos;
  while (c->pos < c->len)
    {
      unsigned char b = c->s[c->pos];
      if (b == '"')
        {
          *end = c->pos;
          c->pos++;
          return 1;
        }
      if (b < 0x20)
        return fail (c, "control character in a string");
      if (b == '\\')
        {
          c->pos++;
          if (c->pos >= c->len)
            break;
          b = c->s[c->pos];
          if (b == 'u')
            {
              for (int i = 1; i <= 4; i++)
                if (c->pos + i >= c->len
                    || strchr ("0123456789abcdefABCDEF", c->s[c->pos + i])
                           == NULL)
                  return fail (c, "bad \\u escape");
              c->pos += 5;
              continue;
            }
          if (strchr ("\"\\/bfnrt", b) == NULL)
            return fail (c, "bad escape");
          c->pos++;
          continue;
        }
      if (b >= 0x80)
        {
          if (!utf8 (c))
            return 0;
          continue;
        }
      c->pos++;
    }
  return fail (c, "unterminated string");
}

/* Take a number.  */
static int
number (struct cursor *c)
{
  size_t start = c->pos;
  if (c->pos < c->len && c->s[c->pos] == '-')
    c->pos++;
  if (c->pos < c->len && c->s[c->pos] == '0')
    c->pos++;
  else if (c->pos < c->len && c->s[c->pos] >= '1' && c->s[c->pos] <= '9')
    while (c->pos < c->len && c->s[c->pos] >= '0' && c->s[c->pos] <= '9')
      c->pos++;
  else
    return fail (c, "bad number");
  if (c->pos < c->len && c->s[c->pos] == '.')
    {
      c->pos++;
      size_t d = c->pos;
      while (c->pos < c->len && c->s[c->pos] >= '0' && c->s[c->pos] <= '9')
        c->pos++;
      if (c->pos == d)
        return fail (c, "bad fraction");
    }
  return c->pos > start;
}

/* Take an object.  */
static int
object (struct cursor *c, int depth)
{
  size_t keys[256][2];
  size_t nkeys = 0;
  c->pos++;
  skip_space (c);
  if (c->pos < c->len && c->s[c->pos] == '}')
    {
      c->pos++;
      return 1;
    }
  for (;;)
    {
      size_t ks, ke;
      skip_space (c);
      if (!string (c, &ks, &ke))
        return 0;
      for (size_t i = 0; i < nkeys; i++)
        if (keys[i][1] - keys[i][0] == ke - ks
            && memcmp (c->s + keys[i][0], c->s + ks, ke - ks) == 0)
          return fail (c, "duplicate key");
      if (nkeys < 256)
        {
          keys[nkeys][0] = ks;
          keys[nkeys][1] = ke;
          nkeys++;
        }
      skip_space (c);
      if (c->pos >= c->len || c->s[c->pos] != ':')
        return fail (c, "expected ':'");
      c->pos++;
      if (!value (c, depth + 1))
        return 0;
      skip_space (c);
      if (c->pos < c->len && c->s[c->pos] == ',')
        {
          c->pos++;
          continue;
        }
      if (c->pos < c->len && c->s[c->pos] == '}')
        {
          c->pos++;
          return 1;
        }
      return fail (c, "expected ',' or '}'");
    }
}

/* Take an array.  */
static int
array (struct cursor *c, int depth)
{
  c->pos++;
  skip_space (c);
  if (c->pos < c->len && c->s[c->pos] == ']')
    {
      c->pos++;
      return 1;
    }
  for (;;)
    {
      if (!value (c, depth + 1))
        return 0;
      skip_space (c);
      if (c->pos < c->len && c->s[c->pos] == ',')
        {
          c->pos++;
          continue;
        }
      if (c->pos < c->len && c->s[c->pos] == ']')
        {
          c->pos++;
          return 1;
        }
      return fail (c, "expected ',' or ']'");
    }
}

static int
value (struct cursor *c, int depth)
{
  size_t a, b;
  if (depth > 64)
    return fail (c, "nested too deep");
  skip_space (c);
  if (c->pos >= c->len)
    return fail (c, "expected a value");
  switch (c->s[c->pos])
    {
    case '{':
      return object (c, depth);
    case '[':
      return array (c, depth);
    case '"':
      return string (c, &a, &b);
    case 't':
    case 'f':
    case 'n':
      {
        static const char *const words[] = { "true", "false", "null" };
        for (int i = 0; i < 3; i++)
          {
            size_t n = strlen (words[i]);
            if (c->len - c->pos >= n
                && memcmp (c->s + c->pos, words[i], n) == 0)
              {
                c->pos += n;
                return 1;
              }
          }
        return fail (c, "bad literal");
      }
    default:
      return number (c);
    }
}

int
main (void)
{
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  size_t lineno = 0;
  while ((n = getline (&line, &cap, stdin)) > 0)
    {
      lineno++;
      struct cursor c = { (const unsigned char *) line, (size_t) n, 0, NULL };
      if (c.len > 0 && c.s[c.len - 1] == '\n')
        c.len--;
      skip_space (&c);
      if (c.pos >= c.len || c.s[c.pos] != '{')
        fail (&c, "a line is not an object");
      else if (object (&c, 0))
        {
          skip_space (&c);
          if (c.pos != c.len)
            fail (&c, "text after the object");
        }
      if (c.error != NULL)
        {
          fprintf (stderr, "json-check: line %zu, column %zu: %s\n", lineno,
                   c.pos + 1, c.error);
          free (line);
          return 1;
        }
    }
  free (line);
  if (lineno == 0)
    {
      fputs ("json-check: no input\n", stderr);
      return 1;
    }
  return 0;
}
