/* t-null.c -- every public function refuses NULL and out-of-range
   arguments with an error or a NULL, and never crashes.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"

static void
refuses_bad_arguments_to_code_functions (void **state)
{
  (void) state;
  int code;
  size_t off;
  assert_int_equal (smtpreply_code_parse (NULL, 3, &code, &off),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_code_parse ("550", 3, NULL, &off),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_code_parse ("550", 3, &code, NULL), 0);
  assert_int_equal (smtpreply_code_parse (NULL, 0, &code, NULL),
                    SMTPREPLY_EBAD_CODE);
  assert_int_equal (smtpreply_code_check (INT32_MIN), SMTPREPLY_EBAD_CODE);
  assert_int_equal (smtpreply_code_check (INT32_MAX), SMTPREPLY_EBAD_CODE);
  assert_null (smtpreply_code_class (INT32_MIN));
  assert_null (smtpreply_code_category (INT32_MAX));
  assert_null (smtpreply_class_lookup (INT32_MIN));
  assert_null (smtpreply_category_lookup (INT32_MAX));
  assert_int_equal (smtpreply_code_is_success (INT32_MIN), 0);
  assert_int_equal (smtpreply_code_is_failure (INT32_MAX), 0);
  assert_null (smtpreply_reply_lookup (INT32_MIN));
  assert_null (smtpreply_reply_at (SIZE_MAX));
  assert_null (smtpreply_reply_describe (-550));
  assert_null (smtpreply_reply_describe_lang (INT32_MAX, "ru"));
  assert_null (smtpreply_code_status_name (-1));
  assert_null (smtpreply_code_status_name (INT32_MAX));
  assert_null (smtpreply_errname (INT32_MIN));
  assert_string_equal (smtpreply_strerror (INT32_MIN), "Unknown error code");
  assert_string_equal (smtpreply_strerror_lang (INT32_MAX, "../../etc"),
                       "Unknown error code");
}

static void
refuses_bad_arguments_to_enhanced_functions (void **state)
{
  (void) state;
  struct smtpreply_enhanced_code e = { 5, 1, 1 };
  struct smtpreply_enhanced_code bad = { 5, -1, 1000 };
  size_t off;
  char buf[16];
  assert_int_equal (smtpreply_enhanced_check (NULL), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_enhanced_check (&bad),
                    SMTPREPLY_EENHANCED_DIGITS);
  assert_int_equal (smtpreply_enhanced_parse (NULL, 5, &e, &off),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_enhanced_parse ("5.1.1", 5, NULL, &off),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_enhanced_parse ("5.1.1", 5, &e, NULL), 0);
  assert_int_equal (smtpreply_enhanced_format (NULL, buf, sizeof buf),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_enhanced_format (&e, NULL, 16),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_enhanced_format (&e, NULL, 0), SMTPREPLY_ENOSPC);
  assert_int_equal (smtpreply_enhanced_format (&bad, buf, sizeof buf),
                    SMTPREPLY_EENHANCED_DIGITS);
  assert_null (smtpreply_enhanced_lookup (INT32_MIN, INT32_MAX));
  assert_null (smtpreply_enhanced_at (SIZE_MAX));
  assert_null (smtpreply_enhanced_class_lookup (INT32_MIN));
  assert_null (smtpreply_enhanced_subject_lookup (INT32_MAX));
  assert_null (smtpreply_enhanced_describe_lang (NULL, "ru"));
  assert_null (smtpreply_enhanced_describe_lang (&bad, NULL));
  assert_int_equal (smtpreply_enhanced_agrees (550, NULL), 0);
  assert_int_equal (smtpreply_enhanced_agrees (INT32_MIN, &e), 0);
}

static void
refuses_bad_arguments_to_language_functions (void **state)
{
  (void) state;
  assert_null (smtpreply_translate (NULL, "ru"));
  assert_null (smtpreply_translate_context ("ctx", NULL, "ru"));
  assert_string_equal (smtpreply_translate_context (NULL, "x", "ru"), "x");
  assert_null (smtpreply_translate_plural (NULL, NULL, 2, "ru"));
  assert_string_equal (smtpreply_language_resolve ("\xff\xfe"), "en");
  assert_int_equal (smtpreply_catalog_check (NULL), SMTPREPLY_EBAD_LANG);
  assert_int_equal (smtpreply_catalog_check (""), SMTPREPLY_EBAD_LANG);
  assert_null (smtpreply_language_at (SIZE_MAX));
  /* A tag list of any length is walked without trouble.  */
  char many[4096];
  memset (many, ':', sizeof many - 1);
  many[sizeof many - 1] = '\0';
  assert_string_equal (smtpreply_language_resolve (many), "en");
  memset (many, 'a', sizeof many - 1);
  assert_int_equal (smtpreply_language_check (many), SMTPREPLY_EBAD_LANG);
}

static void
refuses_bad_arguments_to_the_parser (void **state)
{
  (void) state;
  struct smtpreply_parser *p;
  size_t used;
  assert_int_equal (smtpreply_parser_new (NULL), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_new (&p), 0);
  smtpreply_parser_free (NULL);
  smtpreply_parser_reset (NULL);
  assert_int_equal (smtpreply_parser_set_limit (NULL, 0, 100),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_set_limit (p, -1, 100), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_set_limit (p, 3, 100), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES, 0),
                    SMTPREPLY_EINVAL);
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES, SIZE_MAX),
      SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_get_limit (NULL, 0), 0);
  assert_int_equal (smtpreply_parser_set_strict (NULL, 0), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_set_strict (p, 1u << 31),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_feed (NULL, "250 ok\r\n", 8, &used),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_feed (p, NULL, 8, &used),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_feed (p, "250 ok\r\n", 8, NULL),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_feed (p, NULL, 0, &used), 0);
  assert_int_equal (used, 0);
  assert_int_equal (smtpreply_parser_finish (NULL), SMTPREPLY_EINVAL);
  assert_null (smtpreply_parser_reply (NULL));
  assert_int_equal (smtpreply_parser_error_offset (NULL), 0);
  assert_int_equal (smtpreply_parser_error_line (NULL), 0);
  /* The reply accessors, with no reply and out of range.  */
  size_t len = 7;
  assert_int_equal (smtpreply_response_code (NULL), SMTPREPLY_EINVAL);
  assert_null (smtpreply_response_enhanced (NULL));
  assert_int_equal (smtpreply_response_flags (NULL), 0);
  assert_int_equal (smtpreply_response_line_count (NULL), 0);
  assert_null (smtpreply_response_line (NULL, 0, &len));
  assert_null (smtpreply_response_message (NULL, 0, &len));
  assert_int_equal (smtpreply_response_offset (NULL), 0);
  assert_int_equal (smtpreply_response_line_number (NULL), 0);
  assert_int_equal (smtpreply_parser_feed (p, "250 ok\r\n", 8, &used),
                    SMTPREPLY_READY);
  const struct smtpreply_response *r = smtpreply_parser_reply (p);
  assert_null (smtpreply_response_line (r, 1, &len));
  assert_null (smtpreply_response_line (r, SIZE_MAX, &len));
  assert_null (smtpreply_response_message (r, SIZE_MAX, NULL));
  assert_non_null (smtpreply_response_line (r, 0, NULL));
  smtpreply_parser_free (p);
}

static void
refuses_bad_arguments_to_the_other_functions (void **state)
{
  (void) state;
  struct smtpreply_match m = { .size = sizeof m };
  const struct smtpreply_advice *a;
  struct smtpreply_enhanced_code bad = { 3, 1, 1 };
  char out[8];
  size_t n;
  assert_int_equal (smtpreply_extract (NULL, 5, &m), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_extract ("550", 3, NULL), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_extract (NULL, 0, &m), 0);
  assert_int_equal (m.found, 0);
  assert_int_equal (smtpreply_advise (550, NULL, 0, NULL), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_advise (550, NULL, -1, &a), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_advise (550, NULL, INT32_MAX, &a),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_advise (0, NULL, 0, &a), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_advise (0, &bad, 0, &a),
                    SMTPREPLY_EENHANCED_CLASS);
  assert_int_equal (smtpreply_advise (INT32_MIN, NULL, 0, &a),
                    SMTPREPLY_EBAD_CODE);
  assert_null (smtpreply_action_name (0));
  assert_null (smtpreply_action_name (INT32_MIN));
  assert_null (smtpreply_stage_name (-1));
  assert_null (smtpreply_stage_name (INT32_MAX));
  assert_int_equal (smtpreply_display_safe (NULL, 5, out, sizeof out, &n),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_display_safe ("x", 1, NULL, 8, &n),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_display_safe ("x", 1, out, sizeof out, NULL),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_display_safe ("x", 1, NULL, 0, &n),
                    SMTPREPLY_ENOSPC);
  assert_int_equal (n, 1);
  assert_null (smtpreply_flag_name (0));
  assert_null (smtpreply_flag_name (3));
  assert_int_equal (smtpreply_flag_error (1u << 31), SMTPREPLY_EINVAL);
}

static void
refuses_bad_arguments_to_the_dsn_functions (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn = (struct smtpreply_dsn *) 1;
  struct smtpreply_enhanced_code e;
  size_t n;
  assert_int_equal (smtpreply_dsn_parse (NULL, 5, &dsn), SMTPREPLY_EINVAL);
  assert_null (dsn);
  assert_int_equal (smtpreply_dsn_parse ("X: y", 4, NULL), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_dsn_parse ("X: y", SIZE_MAX, &dsn),
                    SMTPREPLY_EDSN_TOO_BIG);
  assert_null (dsn);
  smtpreply_dsn_free (NULL);
  assert_int_equal (smtpreply_dsn_recipient_count (NULL), 0);
  assert_int_equal (smtpreply_dsn_field_count (NULL, 0), 0);
  assert_null (smtpreply_dsn_field_at (NULL, 0, 0));
  assert_null (smtpreply_dsn_field_find (NULL, 0, "Action"));
  assert_int_equal (smtpreply_dsn_recipient_action (NULL, 1),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_dsn_recipient_status (NULL, 1, &e),
                    SMTPREPLY_EINVAL);
  assert_null (smtpreply_dsn_recipient_reply (NULL, 1));
  assert_int_equal (smtpreply_dsn_problem_count (NULL), 0);
  assert_int_equal (smtpreply_dsn_problem_at (NULL, 0, &n, &n),
                    SMTPREPLY_EINVAL);
  assert_null (smtpreply_dsn_action_name (INT32_MIN));
  assert_null (smtpreply_dsn_action_name (INT32_MAX));
  assert_int_equal (smtpreply_dsn_action_from_name (NULL), SMTPREPLY_EINVAL);

  /* Out of range, on a parsed one.  */
  assert_int_equal (smtpreply_dsn_parse ("Final-Recipient: rfc822; a@b\n"
                                         "Action: failed\nStatus: 5.0.0\n",
                                         58, &dsn),
                    0);
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 1);
  assert_int_equal (smtpreply_dsn_field_count (dsn, SIZE_MAX), 0);
  assert_null (smtpreply_dsn_field_at (dsn, 1, SIZE_MAX));
  assert_null (smtpreply_dsn_field_at (dsn, SIZE_MAX, 0));
  assert_null (smtpreply_dsn_field_find (dsn, SIZE_MAX, "Action"));
  assert_null (smtpreply_dsn_field_find (dsn, 1, NULL));
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 0),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, SIZE_MAX),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_dsn_recipient_status (dsn, 1, NULL),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_dsn_recipient_status (dsn, SIZE_MAX, &e),
                    SMTPREPLY_EINVAL);
  assert_null (smtpreply_dsn_recipient_reply (dsn, SIZE_MAX));
  assert_int_equal (smtpreply_dsn_problem_at (dsn, SIZE_MAX, NULL, NULL),
                    SMTPREPLY_EINVAL);
  smtpreply_dsn_free (dsn);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (refuses_bad_arguments_to_code_functions),
    cmocka_unit_test (refuses_bad_arguments_to_enhanced_functions),
    cmocka_unit_test (refuses_bad_arguments_to_language_functions),
    cmocka_unit_test (refuses_bad_arguments_to_the_parser),
    cmocka_unit_test (refuses_bad_arguments_to_the_other_functions),
    cmocka_unit_test (refuses_bad_arguments_to_the_dsn_functions),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
