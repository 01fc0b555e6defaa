/* t-tables.c -- invariants of the tables, checked row by row.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   This test is about the plumbing, so it reads the .def files: every row
   must be reachable through the public functions, sorted, unique, and
   consistent with the digit rules.  The meaning of the codes is asserted
   literally elsewhere (t-codes, t-enhanced).  */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"

#define N_(s) s

/* Every msgid of the tables, in the order of the .def files.  */
static const char *const msgids[] = {
#define SMTPREPLY_REPLY(code, name, status, ref, context, title, text)      \
  title, text,
#include "replies.def"
#undef SMTPREPLY_REPLY
#define SMTPREPLY_CLASS(digit, name, title, text) title, text,
#define SMTPREPLY_CATEGORY(digit, name, title, text) title, text,
#include "digits.def"
#undef SMTPREPLY_CATEGORY
#undef SMTPREPLY_CLASS
#define SMTPREPLY_ENHANCED_CLASS(cls, name, title, text) title, text,
#define SMTPREPLY_ENHANCED_SUBJECT(subject, name, title, text) title, text,
#define SMTPREPLY_ENHANCED(subject, detail, name, status, basic, ref, title, \
                           text)                                             \
  title, text,
#include "enhanced.def"
#undef SMTPREPLY_ENHANCED
#undef SMTPREPLY_ENHANCED_SUBJECT
#undef SMTPREPLY_ENHANCED_CLASS
#define SMTPREPLY_ERROR(sym, num, text) text,
#include "smtpreply/errors.def"
#undef SMTPREPLY_ERROR
#define SMTPREPLY_ADVICE(rule, action, text) text,
#include "advice.def"
#undef SMTPREPLY_ADVICE
};

/* Return nonzero if S is a stable token: upper-case letters, digits and
   underscores, starting with a letter.  */
static int
is_token (const char *s)
{
  if (s == NULL || !(*s >= 'A' && *s <= 'Z'))
    return 0;
  for (; *s != '\0'; s++)
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
      return 0;
  return 1;
}

/* Return nonzero if S is a list of references like "RFC 5321, RFC 1985".  */
static int
is_reference (const char *s)
{
  while (*s != '\0')
    {
      if (strncmp (s, "RFC ", 4) == 0)
        {
          s += 4;
          if (!(*s >= '1' && *s <= '9'))
            return 0;
          while (*s >= '0' && *s <= '9')
            s++;
        }
      else if (strncmp (s, "draft-", 6) == 0)
        while (*s != '\0' && *s != ',')
          s++;
      else
        return 0;
      if (*s == '\0')
        return 1;
      if (strncmp (s, ", ", 2) != 0)
        return 0;
      s += 2;
    }
  return 0;
}

/* Return nonzero if S is a description fit for the catalogs: not empty, no
   surrounding spaces, no newline, no final period.  */
static int
is_description (const char *s)
{
  size_t n = strlen (s);
  return n > 0 && s[0] != ' ' && s[n - 1] != ' ' && s[n - 1] != '.'
         && strchr (s, '\n') == NULL;
}

static void
reply_table_is_sorted_unique_and_complete (void **state)
{
  (void) state;
  size_t n = smtpreply_reply_count ();
  assert_true (n > 0);
  for (size_t i = 0; i < n; i++)
    {
      const struct smtpreply_reply *r = smtpreply_reply_at (i);
      assert_non_null (r);
      assert_int_equal (smtpreply_code_check (r->code), 0);
      if (i > 0)
        assert_true (smtpreply_reply_at (i - 1)->code < r->code);
      assert_ptr_equal (smtpreply_reply_lookup (r->code), r);
      assert_true (is_token (r->name));
      assert_true (is_reference (r->reference));
      assert_non_null (smtpreply_code_status_name (r->status));
      assert_true (r->context[0] != '\0');
      assert_true (is_description (r->title));
      assert_true (is_description (r->text));
      for (size_t j = 0; j < i; j++)
        assert_string_not_equal (smtpreply_reply_at (j)->name, r->name);
    }
  assert_null (smtpreply_reply_at (n));
}

static void
every_code_gets_a_class_and_category_from_its_digits (void **state)
{
  (void) state;
  for (size_t i = 0; i < smtpreply_reply_count (); i++)
    {
      const struct smtpreply_reply *r = smtpreply_reply_at (i);
      assert_int_equal (smtpreply_code_class (r->code)->digit, r->code / 100);
      assert_int_equal (smtpreply_code_category (r->code)->digit,
                        r->code / 10 % 10);
    }
  for (int d = 1; d <= 5; d++)
    {
      const struct smtpreply_digit *c = smtpreply_class_lookup (d);
      assert_int_equal (c->digit, d);
      assert_true (is_token (c->name));
      assert_true (is_description (c->title));
      assert_true (is_description (c->text));
    }
  for (int d = 0; d <= 5; d++)
    {
      const struct smtpreply_digit *c = smtpreply_category_lookup (d);
      assert_int_equal (c->digit, d);
      assert_true (is_token (c->name));
      assert_true (is_description (c->title));
      assert_true (is_description (c->text));
    }
}

static void
enhanced_registry_is_sorted_unique_and_complete (void **state)
{
  (void) state;
  size_t n = smtpreply_enhanced_count ();
  assert_true (n > 0);
  for (size_t i = 0; i < n; i++)
    {
      const struct smtpreply_enhanced *e = smtpreply_enhanced_at (i);
      assert_non_null (e);
      if (i > 0)
        {
          const struct smtpreply_enhanced *p = smtpreply_enhanced_at (i - 1);
          assert_true (p->subject < e->subject
                       || (p->subject == e->subject && p->detail < e->detail));
        }
      assert_ptr_equal (smtpreply_enhanced_lookup (e->subject, e->detail), e);
      assert_non_null (smtpreply_enhanced_subject_lookup (e->subject));
      assert_true (is_token (e->name));
      assert_true (is_reference (e->reference));
      assert_true (e->status == SMTPREPLY_STATUS_STANDARD
                   || e->status == SMTPREPLY_STATUS_DEPRECATED);
      assert_true (is_description (e->title));
      assert_true (is_description (e->text));
      /* Basic codes: "", "any", "5XX" or valid codes, ascending.  */
      const char *b = e->basic_codes;
      if (strcmp (b, "any") != 0 && strcmp (b, "5XX") != 0)
        {
          int last = 0;
          while (*b != '\0')
            {
              char *end;
              long code = strtol (b, &end, 10);
              assert_int_equal (end - b, 3);
              assert_int_equal (smtpreply_code_check ((int) code), 0);
              assert_true (code > last);
              last = (int) code;
              b = *end == ' ' ? end + 1 : end;
              assert_true (*end == ' ' || *end == '\0');
            }
        }
      for (size_t j = 0; j < i; j++)
        assert_string_not_equal (smtpreply_enhanced_at (j)->name, e->name);
    }
  assert_null (smtpreply_enhanced_at (n));
  static const int classes[] = { 2, 4, 5 };
  for (size_t i = 0; i < 3; i++)
    {
      const struct smtpreply_digit *c
          = smtpreply_enhanced_class_lookup (classes[i]);
      assert_int_equal (c->digit, classes[i]);
      assert_true (is_token (c->name));
    }
  for (int s = 0; s <= 7; s++)
    assert_int_equal (smtpreply_enhanced_subject_lookup (s)->digit, s);
}

static void
no_two_msgids_are_alike (void **state)
{
  (void) state;
  size_t n = sizeof msgids / sizeof msgids[0];
  for (size_t i = 0; i < n; i++)
    {
      assert_true (is_description (msgids[i]));
      for (size_t j = 0; j < i; j++)
        if (strcmp (msgids[i], msgids[j]) == 0)
          fail_msg ("msgid \"%s\" appears twice", msgids[i]);
    }
}

static void
every_error_has_a_name_and_a_message (void **state)
{
  (void) state;
  static const struct
  {
    int num;
    const char *name;
  } rows[] = {
#define SMTPREPLY_ERROR(sym, num, text) { num, "SMTPREPLY_E" #sym },
#include "smtpreply/errors.def"
#undef SMTPREPLY_ERROR
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    {
      assert_true (rows[i].num < 0);
      assert_string_equal (smtpreply_errname (rows[i].num), rows[i].name);
      assert_string_not_equal (smtpreply_strerror (rows[i].num),
                               "Unknown error code");
      for (size_t j = 0; j < i; j++)
        assert_int_not_equal (rows[j].num, rows[i].num);
    }
  /* Every flag bit is one diagnostic, and back.  */
  unsigned int all = smtpreply_flag_all ();
  for (unsigned int bit = 1; bit != 0; bit <<= 1)
    if (all & bit)
      {
        int rc = smtpreply_flag_error (bit);
        assert_true (rc < 0);
        assert_string_equal (smtpreply_errname (rc) + strlen ("SMTPREPLY_E"),
                             smtpreply_flag_name (bit));
      }
    else
      assert_null (smtpreply_flag_name (bit));
}

static void
every_advice_rule_is_reachable_by_name (void **state)
{
  (void) state;
  static const struct
  {
    const char *rule;
    int action;
  } rows[] = {
#define SMTPREPLY_ADVICE(rule, action, text)                                 \
  { #rule, SMTPREPLY_ACTION_##action },
#include "advice.def"
#undef SMTPREPLY_ADVICE
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    {
      assert_true (is_token (rows[i].rule));
      assert_non_null (smtpreply_action_name (rows[i].action));
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (reply_table_is_sorted_unique_and_complete),
    cmocka_unit_test (every_code_gets_a_class_and_category_from_its_digits),
    cmocka_unit_test (enhanced_registry_is_sorted_unique_and_complete),
    cmocka_unit_test (no_two_msgids_are_alike),
    cmocka_unit_test (every_error_has_a_name_and_a_message),
    cmocka_unit_test (every_advice_rule_is_reachable_by_name),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
