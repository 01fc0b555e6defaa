/* codes.c -- reply codes: their digits, their table, the predicates.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <stdlib.h>

#include "smtpreply.h"
#include "internal.h"

static const struct smtpreply_digit classes[] = {
#define SMTPREPLY_CLASS(digit, name, title, text)                            \
  { digit, #name, title, text },
#define SMTPREPLY_CATEGORY(digit, name, title, text)
#include "digits.def"
#undef SMTPREPLY_CATEGORY
#undef SMTPREPLY_CLASS
};

static const struct smtpreply_digit categories[] = {
#define SMTPREPLY_CLASS(digit, name, title, text)
#define SMTPREPLY_CATEGORY(digit, name, title, text)                         \
  { digit, #name, title, text },
#include "digits.def"
#undef SMTPREPLY_CATEGORY
#undef SMTPREPLY_CLASS
};

static const struct smtpreply_reply replies[] = {
#define SMTPREPLY_REPLY(code, name, status, ref, context, title, text)      \
  { code, #name, SMTPREPLY_STATUS_##status, ref, context, title, text },
#include "replies.def"
#undef SMTPREPLY_REPLY
};

/* The rows of replies, by name, to index them by code below.  */
enum
{
#define SMTPREPLY_REPLY(code, name, status, ref, context, title, text)      \
  ROW_##name,
#include "replies.def"
#undef SMTPREPLY_REPLY
  ROWS
};
_Static_assert (ROWS < 255, "row_of_code holds rows in unsigned char");

/* For each code from 100 to 599, one more than its row, or 0: a lookup
   is an array index, no search.  */
static const unsigned char row_of_code[500] = {
#define SMTPREPLY_REPLY(code, name, status, ref, context, title, text)      \
  [code - 100] = ROW_##name + 1,
#include "replies.def"
#undef SMTPREPLY_REPLY
};

smtpreply_status
smtpreply_code_check (int code)
{
  if (code < 100 || code > 999)
    return SMTPREPLY_EBAD_CODE;
  if (code / 100 > 5)
    return SMTPREPLY_EBAD_CLASS;
  if (code / 10 % 10 > 5)
    return SMTPREPLY_EBAD_CATEGORY;
  return 0;
}

smtpreply_status
smtpreply_code_parse (const char *buf, size_t len, int *code,
                      size_t *error_offset)
{
  size_t bad = 0;
  int rc = 0;
  int value = 0;

  if ((buf == NULL && len > 0) || code == NULL)
    return SMTPREPLY_EINVAL;
  for (; bad < len && bad < 3; bad++)
    {
      if (buf[bad] < '0' || buf[bad] > '9')
        break;
      value = value * 10 + (buf[bad] - '0');
    }
  if (bad < 3 || len != 3)
    rc = SMTPREPLY_EBAD_CODE;
  else if (buf[0] < '1' || buf[0] > '5')
    {
      rc = SMTPREPLY_EBAD_CLASS;
      bad = 0;
    }
  else if (buf[1] > '5')
    {
      rc = SMTPREPLY_EBAD_CATEGORY;
      bad = 1;
    }
  if (rc < 0)
    {
      if (error_offset != NULL)
        *error_offset = bad;
      return rc;
    }
  *code = value;
  return 0;
}

const struct smtpreply_digit *
smtpreply_class_lookup (int digit)
{
  if (digit < 1 || (size_t) digit > SMTPREPLY__N_ELEMS (classes))
    return NULL;
  return &classes[digit - 1];
}

const struct smtpreply_digit *
smtpreply_category_lookup (int digit)
{
  if (digit < 0 || (size_t) digit >= SMTPREPLY__N_ELEMS (categories))
    return NULL;
  return &categories[digit];
}

const struct smtpreply_digit *
smtpreply_code_class (int code)
{
  if (smtpreply_code_check (code) < 0)
    return NULL;
  return smtpreply_class_lookup (code / 100);
}

const struct smtpreply_digit *
smtpreply_code_category (int code)
{
  if (smtpreply_code_check (code) < 0)
    return NULL;
  return smtpreply_category_lookup (code / 10 % 10);
}

/* Return 1 if CODE is valid and its first digit is one of FIRST and
   SECOND, else 0.  */
static smtpreply_bool
first_digit_is (int code, int first, int second)
{
  if (smtpreply_code_check (code) < 0)
    return 0;
  return code / 100 == first || code / 100 == second;
}

smtpreply_bool
smtpreply_code_is_preliminary (int code)
{
  return first_digit_is (code, 1, 1);
}

smtpreply_bool
smtpreply_code_is_success (int code)
{
  return first_digit_is (code, 2, 2);
}

smtpreply_bool
smtpreply_code_is_intermediate (int code)
{
  return first_digit_is (code, 3, 3);
}

smtpreply_bool
smtpreply_code_is_transient (int code)
{
  return first_digit_is (code, 4, 4);
}

smtpreply_bool
smtpreply_code_is_permanent (int code)
{
  return first_digit_is (code, 5, 5);
}

smtpreply_bool
smtpreply_code_is_failure (int code)
{
  return first_digit_is (code, 4, 5);
}

const struct smtpreply_reply *
smtpreply_reply_lookup (int code)
{
  if (code < 100 || code >= 600 || row_of_code[code - 100] == 0)
    return NULL;
  return &replies[row_of_code[code - 100] - 1];
}

size_t
smtpreply_reply_count (void)
{
  return SMTPREPLY__N_ELEMS (replies);
}

const struct smtpreply_reply *
smtpreply_reply_at (size_t i)
{
  return i < SMTPREPLY__N_ELEMS (replies) ? &replies[i] : NULL;
}

const char *
smtpreply_reply_describe_lang (int code, const char *lang)
{
  const struct smtpreply_reply *reply = smtpreply_reply_lookup (code);
  return reply != NULL ? smtpreply__translate_static (reply->text, lang)
                       : NULL;
}

const char *
smtpreply_reply_describe (int code)
{
  return smtpreply_reply_describe_lang (code, NULL);
}
