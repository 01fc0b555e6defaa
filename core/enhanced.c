/* enhanced.c -- enhanced status codes (RFC 3463) and their registry.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "smtpreply.h"
#include "internal.h"

static const struct smtpreply_digit classes[] = {
#define SMTPREPLY_ENHANCED_CLASS(cls, name, title, text)                     \
  { cls, #name, title, text },
#define SMTPREPLY_ENHANCED_SUBJECT(subject, name, title, text)
#define SMTPREPLY_ENHANCED(subject, detail, name, status, basic, ref, title, \
                           text)
#include "enhanced.def"
#undef SMTPREPLY_ENHANCED
#undef SMTPREPLY_ENHANCED_SUBJECT
#undef SMTPREPLY_ENHANCED_CLASS
};

static const struct smtpreply_digit subjects[] = {
#define SMTPREPLY_ENHANCED_CLASS(cls, name, title, text)
#define SMTPREPLY_ENHANCED_SUBJECT(subject, name, title, text)               \
  { subject, #name, title, text },
#define SMTPREPLY_ENHANCED(subject, detail, name, status, basic, ref, title, \
                           text)
#include "enhanced.def"
#undef SMTPREPLY_ENHANCED
#undef SMTPREPLY_ENHANCED_SUBJECT
#undef SMTPREPLY_ENHANCED_CLASS
};

static const struct smtpreply_enhanced details[] = {
#define SMTPREPLY_ENHANCED_CLASS(cls, name, title, text)
#define SMTPREPLY_ENHANCED_SUBJECT(subject, name, title, text)
#define SMTPREPLY_ENHANCED(subject, detail, name, status, basic, ref, title, \
                           text)                                             \
  { subject, detail, #name, SMTPREPLY_STATUS_##status, basic, ref, title,    \
    text },
#include "enhanced.def"
#undef SMTPREPLY_ENHANCED
#undef SMTPREPLY_ENHANCED_SUBJECT
#undef SMTPREPLY_ENHANCED_CLASS
};

smtpreply_status
smtpreply_enhanced_check (const struct smtpreply_enhanced_code *code)
{
  if (code == NULL)
    return SMTPREPLY_EINVAL;
  if (code->cls != 2 && code->cls != 4 && code->cls != 5)
    return SMTPREPLY_EENHANCED_CLASS;
  if (code->subject < 0 || code->subject > 999 || code->detail < 0
      || code->detail > 999)
    return SMTPREPLY_EENHANCED_DIGITS;
  return 0;
}

/* Return nonzero if C is an ASCII digit.  */
static int
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Read number PART (0 class, 1 subject, 2 detail) of an enhanced code from
   the LEN bytes at BUF, starting at *POS, into *VALUE, and advance *POS.
   Return 0 or the error, with *POS at the offending byte.  */
static int
read_part (const char *buf, size_t len, int part, size_t *pos, int *value)
{
  size_t start = *pos;
  size_t i = start;
  int v = 0;

  if (i == len || buf[i] == '.')
    return SMTPREPLY_EENHANCED_PARTS;
  for (; i < len && is_digit (buf[i]); i++)
    {
      if (part == 0 && i > start)
        {
          *pos = start;
          return SMTPREPLY_EENHANCED_CLASS;
        }
      if (i == start + 1 && buf[start] == '0')
        {
          *pos = start;
          return SMTPREPLY_EENHANCED_ZERO;
        }
      if (i == start + 3)
        {
          *pos = i;
          return SMTPREPLY_EENHANCED_DIGITS;
        }
      v = v * 10 + (buf[i] - '0');
    }
  *pos = i;
  if (i == start)
    return SMTPREPLY_EENHANCED_SYNTAX;
  if (part == 0 && v != 2 && v != 4 && v != 5)
    {
      *pos = start;
      return SMTPREPLY_EENHANCED_CLASS;
    }
  *value = v;
  return 0;
}

smtpreply_status
smtpreply_enhanced_parse (const char *buf, size_t len,
                          struct smtpreply_enhanced_code *out,
                          size_t *error_offset)
{
  int parts[3] = { 0, 0, 0 };
  size_t pos = 0;
  int rc = 0;

  if ((buf == NULL && len > 0) || out == NULL)
    return SMTPREPLY_EINVAL;
  for (int part = 0; part < 3 && rc == 0; part++)
    {
      rc = read_part (buf, len, part, &pos, &parts[part]);
      if (rc != 0)
        break;
      if (part < 2)
        {
          if (pos == len)
            rc = SMTPREPLY_EENHANCED_PARTS;
          else if (buf[pos] != '.')
            rc = SMTPREPLY_EENHANCED_SYNTAX;
          else
            pos++;
        }
      else if (pos < len)
        rc = buf[pos] == '.' ? SMTPREPLY_EENHANCED_PARTS
                             : SMTPREPLY_EENHANCED_SYNTAX;
    }
  if (rc != 0)
    {
      if (error_offset != NULL)
        *error_offset = pos;
      return rc;
    }
  out->cls = parts[0];
  out->subject = parts[1];
  out->detail = parts[2];
  return 0;
}

smtpreply_status
smtpreply_enhanced_format (const struct smtpreply_enhanced_code *code,
                           char *buf, size_t size)
{
  int rc = smtpreply_enhanced_check (code);
  if (rc < 0)
    return rc;
  if (buf == NULL && size > 0)
    return SMTPREPLY_EINVAL;
  int n = snprintf (buf, size, "%d.%d.%d", code->cls, code->subject,
                    code->detail);
  return n < 0 || (size_t) n >= size ? SMTPREPLY_ENOSPC : 0;
}

/* Order registry entries by subject, then detail, for bsearch.  */
static int
cmp_detail (const void *key, const void *elem)
{
  const struct smtpreply_enhanced *k = key;
  const struct smtpreply_enhanced *e = elem;
  if (k->subject != e->subject)
    return (k->subject > e->subject) - (k->subject < e->subject);
  return (k->detail > e->detail) - (k->detail < e->detail);
}

const struct smtpreply_enhanced *
smtpreply_enhanced_lookup (int subject, int detail)
{
  struct smtpreply_enhanced key = { 0 };
  key.subject = subject;
  key.detail = detail;
  return bsearch (&key, details, SMTPREPLY__N_ELEMS (details),
                  sizeof details[0], cmp_detail);
}

size_t
smtpreply_enhanced_count (void)
{
  return SMTPREPLY__N_ELEMS (details);
}

const struct smtpreply_enhanced *
smtpreply_enhanced_at (size_t i)
{
  return i < SMTPREPLY__N_ELEMS (details) ? &details[i] : NULL;
}

const struct smtpreply_digit *
smtpreply_enhanced_class_lookup (int cls)
{
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (classes); i++)
    if (classes[i].digit == cls)
      return &classes[i];
  return NULL;
}

const struct smtpreply_digit *
smtpreply_enhanced_subject_lookup (int subject)
{
  if (subject < 0 || (size_t) subject >= SMTPREPLY__N_ELEMS (subjects))
    return NULL;
  return &subjects[subject];
}

const char *
smtpreply_enhanced_describe_lang (const struct smtpreply_enhanced_code *code,
                                  const char *lang)
{
  if (smtpreply_enhanced_check (code) < 0)
    return NULL;
  const struct smtpreply_enhanced *e
      = smtpreply_enhanced_lookup (code->subject, code->detail);
  if (e != NULL)
    return smtpreply__translate_static (e->text, lang);
  const struct smtpreply_digit *s
      = smtpreply_enhanced_subject_lookup (code->subject);
  if (s != NULL)
    return smtpreply__translate_static (s->text, lang);
  /* A subject the registry does not define: the class is all we know.  */
  return smtpreply__translate_static (
      smtpreply_enhanced_class_lookup (code->cls)->text, lang);
}

smtpreply_bool
smtpreply_enhanced_agrees (int code,
                           const struct smtpreply_enhanced_code *enhanced)
{
  if (smtpreply_code_check (code) < 0
      || smtpreply_enhanced_check (enhanced) < 0)
    return 0;
  int first = code / 100;
  if (first == 1 || first == 3)
    return enhanced->cls == 2;
  return enhanced->cls == first;
}
