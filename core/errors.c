/* errors.c -- error messages and names, and the library's version.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <stddef.h>

#include "smtpreply.h"
#include "internal.h"

struct error_row
{
  int num;
  const char *name;
  const char *text;
};

/* Sorted by descending number (-1, -2, ...) as the .def lists them.  */
static const struct error_row errors[] = {
#define SMTPREPLY_ERROR(sym, num, text) { num, "SMTPREPLY_E" #sym, text },
#include "smtpreply/errors.def"
#undef SMTPREPLY_ERROR
};

/* Return the row of error RC, or NULL.  */
static const struct error_row *
find_error (int rc)
{
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (errors); i++)
    if (errors[i].num == rc)
      return &errors[i];
  return NULL;
}

const char *
smtpreply_version (void)
{
  return SMTPREPLY_VERSION;
}

/* Read up to three numbers separated by dots from S into PARTS (missing
   ones are 0).  Return 0, or -1 if S is not such a version.  */
static int
read_version (const char *s, long parts[3])
{
  parts[0] = parts[1] = parts[2] = 0;
  for (int i = 0; i < 3; i++)
    {
      if (*s < '0' || *s > '9')
        return -1;
      long v = 0;
      while (*s >= '0' && *s <= '9')
        {
          v = v * 10 + (*s - '0');
          if (v > 65535)
            return -1;
          s++;
        }
      parts[i] = v;
      if (*s == '\0')
        return 0;
      if (*s != '.')
        return -1;
      s++;
    }
  return -1;
}

const char *
smtpreply_check_version (const char *required)
{
  if (required == NULL)
    return SMTPREPLY_VERSION;
  long want[3];
  if (read_version (required, want) < 0)
    return NULL;
  const long have[3] = { SMTPREPLY_VERSION_MAJOR, SMTPREPLY_VERSION_MINOR,
                         SMTPREPLY_VERSION_PATCH };
  for (int i = 0; i < 3; i++)
    if (have[i] != want[i])
      return have[i] > want[i] ? SMTPREPLY_VERSION : NULL;
  return SMTPREPLY_VERSION;
}

const char *
smtpreply_strerror_lang (int rc, const char *lang)
{
  const struct error_row *row = find_error (rc);
  if (row == NULL)
    return smtpreply__translate_static (
        rc == 0
            /* TRANSLATORS: the message for status 0, which is no error.  */
            ? N_ ("No error")
            /* TRANSLATORS: the message for a number that is no error code.  */
            : N_ ("Unknown error code"),
        lang);
  return smtpreply__translate_static (row->text, lang);
}

const char *
smtpreply_strerror (int rc)
{
  return smtpreply_strerror_lang (rc, NULL);
}

const char *
smtpreply_errname (int rc)
{
  const struct error_row *row = find_error (rc);
  return row != NULL ? row->name : NULL;
}

int
smtpreply_flag_error (unsigned int flag)
{
  switch (flag)
    {
#define SMTPREPLY_ERROR(sym, num, text)
#define SMTPREPLY_DIAG(sym, num, text)                                       \
  case SMTPREPLY_FLAG_##sym:                                                 \
    return SMTPREPLY_E##sym;
#include "smtpreply/errors.def"
#undef SMTPREPLY_DIAG
#undef SMTPREPLY_ERROR
    default:
      return SMTPREPLY_EINVAL;
    }
}

unsigned int
smtpreply_flag_all (void)
{
  return 0
#define SMTPREPLY_ERROR(sym, num, text)
#define SMTPREPLY_DIAG(sym, num, text) | SMTPREPLY_FLAG_##sym
#include "smtpreply/errors.def"
#undef SMTPREPLY_DIAG
#undef SMTPREPLY_ERROR
      ;
}
