/* t-enhanced.c -- enhanced status codes: parsing, the registry, agreement.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Every expected value is typed here from the IANA registry (RFC 3463,
   RFC 5248) and from RFC 3463 section 2, never read from the tables.  */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"

/* Parse the NUL-terminated S and check it gives CLS.SUBJECT.DETAIL.  */
static void
check_valid (const char *s, int cls, int subject, int detail)
{
  struct smtpreply_enhanced_code e = { -1, -1, -1 };
  size_t off = 12345;
  assert_int_equal (smtpreply_enhanced_parse (s, strlen (s), &e, &off), 0);
  assert_int_equal (e.cls, cls);
  assert_int_equal (e.subject, subject);
  assert_int_equal (e.detail, detail);
  /* Success leaves the offset alone.  */
  assert_int_equal (off, 12345);
}

/* Parse the NUL-terminated S and check it fails with RC at OFFSET, leaving
   the output alone.  */
static void
check_invalid (const char *s, int rc, size_t offset)
{
  struct smtpreply_enhanced_code e = { -1, -1, -1 };
  size_t off = 12345;
  assert_int_equal (smtpreply_enhanced_parse (s, strlen (s), &e, &off), rc);
  assert_int_equal (off, offset);
  assert_int_equal (e.cls, -1);
  assert_int_equal (e.subject, -1);
  assert_int_equal (e.detail, -1);
  /* The offset is optional.  */
  assert_int_equal (smtpreply_enhanced_parse (s, strlen (s), &e, NULL), rc);
}

static void
parses_valid_codes (void **state)
{
  (void) state;
  check_valid ("2.0.0", 2, 0, 0);
  check_valid ("4.7.1", 4, 7, 1);
  check_valid ("5.1.10", 5, 1, 10);
  check_valid ("5.999.999", 5, 999, 999);
  check_valid ("5.7.30", 5, 7, 30);
  check_valid ("4.4.7", 4, 4, 7);
}

static void
reads_only_len_bytes (void **state)
{
  (void) state;
  struct smtpreply_enhanced_code e = { -1, -1, -1 };
  /* "5.1.1" of "5.1.10": the LEN given is the code.  */
  assert_int_equal (smtpreply_enhanced_parse ("5.1.10", 5, &e, NULL), 0);
  assert_int_equal (e.cls, 5);
  assert_int_equal (e.subject, 1);
  assert_int_equal (e.detail, 1);
}

static void
rejects_a_leading_zero_at_its_digit (void **state)
{
  (void) state;
  check_invalid ("5.01.1", SMTPREPLY_EENHANCED_ZERO, 2);
  check_invalid ("5.1.01", SMTPREPLY_EENHANCED_ZERO, 4);
  check_invalid ("4.00.0", SMTPREPLY_EENHANCED_ZERO, 2);
}

static void
rejects_a_class_other_than_2_4_5 (void **state)
{
  (void) state;
  check_invalid ("6.1.1", SMTPREPLY_EENHANCED_CLASS, 0);
  check_invalid ("3.1.1", SMTPREPLY_EENHANCED_CLASS, 0);
  check_invalid ("0.1.1", SMTPREPLY_EENHANCED_CLASS, 0);
  /* The class is one digit.  */
  check_invalid ("55.1.1", SMTPREPLY_EENHANCED_CLASS, 0);
}

static void
rejects_too_few_or_too_many_parts (void **state)
{
  (void) state;
  check_invalid ("5.1", SMTPREPLY_EENHANCED_PARTS, 3);
  check_invalid ("5.1.1.1", SMTPREPLY_EENHANCED_PARTS, 5);
  check_invalid ("", SMTPREPLY_EENHANCED_PARTS, 0);
  check_invalid ("5", SMTPREPLY_EENHANCED_PARTS, 1);
  check_invalid ("5..1", SMTPREPLY_EENHANCED_PARTS, 2);
  check_invalid ("5.1.", SMTPREPLY_EENHANCED_PARTS, 4);
}

static void
rejects_more_than_three_digits (void **state)
{
  (void) state;
  check_invalid ("5.1000.1", SMTPREPLY_EENHANCED_DIGITS, 5);
  check_invalid ("5.1.1000", SMTPREPLY_EENHANCED_DIGITS, 7);
}

static void
rejects_bytes_other_than_digits_and_dots (void **state)
{
  (void) state;
  check_invalid ("5.1.x", SMTPREPLY_EENHANCED_SYNTAX, 4);
  check_invalid (" 5.1.1", SMTPREPLY_EENHANCED_SYNTAX, 0);
  check_invalid ("5.1.1 ", SMTPREPLY_EENHANCED_SYNTAX, 5);
  check_invalid ("5-1.1", SMTPREPLY_EENHANCED_SYNTAX, 1);
  check_invalid ("x", SMTPREPLY_EENHANCED_SYNTAX, 0);
}

static void
refuses_null_arguments (void **state)
{
  (void) state;
  struct smtpreply_enhanced_code e = { -1, -1, -1 };
  size_t off = 77;
  assert_int_equal (smtpreply_enhanced_parse (NULL, 5, &e, &off),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_enhanced_parse ("5.1.1", 5, NULL, &off),
                    SMTPREPLY_EINVAL);
  assert_int_equal (off, 77);
  /* NULL with no bytes is the empty text: no parts.  */
  assert_int_equal (smtpreply_enhanced_parse (NULL, 0, &e, &off),
                    SMTPREPLY_EENHANCED_PARTS);
  assert_int_equal (off, 0);
}

static void
checks_class_subject_and_detail_ranges (void **state)
{
  (void) state;
  struct smtpreply_enhanced_code ok[]
      = { { 2, 0, 0 }, { 4, 7, 1 }, { 5, 999, 999 }, { 5, 0, 999 } };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
    assert_int_equal (smtpreply_enhanced_check (&ok[i]), 0);
  struct smtpreply_enhanced_code bad_class[]
      = { { 1, 0, 0 }, { 3, 1, 1 }, { 6, 1, 1 }, { 0, 0, 0 }, { -5, 1, 1 } };
  for (size_t i = 0; i < sizeof bad_class / sizeof bad_class[0]; i++)
    assert_int_equal (smtpreply_enhanced_check (&bad_class[i]),
                      SMTPREPLY_EENHANCED_CLASS);
  struct smtpreply_enhanced_code bad_digits[]
      = { { 5, 1000, 1 }, { 5, 1, 1000 }, { 4, -1, 0 }, { 2, 0, -1 } };
  for (size_t i = 0; i < sizeof bad_digits / sizeof bad_digits[0]; i++)
    assert_int_equal (smtpreply_enhanced_check (&bad_digits[i]),
                      SMTPREPLY_EENHANCED_DIGITS);
  assert_int_equal (smtpreply_enhanced_check (NULL), SMTPREPLY_EINVAL);
}

static void
formats_codes_and_reports_a_short_buffer (void **state)
{
  (void) state;
  char buf[16];
  struct smtpreply_enhanced_code e = { 5, 1, 10 };
  assert_int_equal (smtpreply_enhanced_format (&e, buf, sizeof buf), 0);
  assert_string_equal (buf, "5.1.10");
  struct smtpreply_enhanced_code big = { 5, 999, 999 };
  assert_int_equal (smtpreply_enhanced_format (&big, buf, sizeof buf), 0);
  assert_string_equal (buf, "5.999.999");
  /* Exactly the length and its NUL.  */
  assert_int_equal (smtpreply_enhanced_format (&big, buf, 10), 0);
  assert_string_equal (buf, "5.999.999");
  assert_int_equal (smtpreply_enhanced_format (&big, buf, 9),
                    SMTPREPLY_ENOSPC);
  assert_int_equal (smtpreply_enhanced_format (&e, buf, 1), SMTPREPLY_ENOSPC);
  assert_int_equal (smtpreply_enhanced_format (&e, NULL, 0), SMTPREPLY_ENOSPC);
  assert_int_equal (smtpreply_enhanced_format (&e, NULL, 16),
                    SMTPREPLY_EINVAL);
  struct smtpreply_enhanced_code bad = { 3, 1, 1 };
  assert_int_equal (smtpreply_enhanced_format (&bad, buf, sizeof buf),
                    SMTPREPLY_EENHANCED_CLASS);
  struct smtpreply_enhanced_code wide = { 4, 1000, 1 };
  assert_int_equal (smtpreply_enhanced_format (&wide, buf, sizeof buf),
                    SMTPREPLY_EENHANCED_DIGITS);
  assert_int_equal (smtpreply_enhanced_format (NULL, buf, sizeof buf),
                    SMTPREPLY_EINVAL);
}

static void
describes_the_three_classes (void **state)
{
  (void) state;
  const struct smtpreply_digit *c = smtpreply_enhanced_class_lookup (2);
  assert_non_null (c);
  assert_int_equal (c->digit, 2);
  assert_string_equal (c->name, "SUCCESS");
  assert_string_equal (c->title, "Success");
  c = smtpreply_enhanced_class_lookup (4);
  assert_non_null (c);
  assert_int_equal (c->digit, 4);
  assert_string_equal (c->name, "PERSISTENT_TRANSIENT_FAILURE");
  assert_string_equal (c->title, "Persistent Transient Failure");
  c = smtpreply_enhanced_class_lookup (5);
  assert_non_null (c);
  assert_int_equal (c->digit, 5);
  assert_string_equal (c->name, "PERMANENT_FAILURE");
  assert_string_equal (c->title, "Permanent Failure");
  assert_string_equal (c->text,
                       "Delivery failed for good: sending the same message "
                       "again will fail unless the message or its "
                       "destination changes");
  assert_null (smtpreply_enhanced_class_lookup (0));
  assert_null (smtpreply_enhanced_class_lookup (1));
  assert_null (smtpreply_enhanced_class_lookup (3));
  assert_null (smtpreply_enhanced_class_lookup (6));
  assert_null (smtpreply_enhanced_class_lookup (-1));
}

static void
describes_the_eight_subjects (void **state)
{
  (void) state;
  static const struct
  {
    const char *name;
    const char *title;
  } subjects[] = {
    { "OTHER", "Other or Undefined Status" },
    { "ADDRESSING", "Addressing Status" },
    { "MAILBOX", "Mailbox Status" },
    { "MAIL_SYSTEM", "Mail System Status" },
    { "NETWORK_ROUTING", "Network and Routing Status" },
    { "PROTOCOL", "Mail Delivery Protocol Status" },
    { "CONTENT_MEDIA", "Message Content or Media Status" },
    { "SECURITY_POLICY", "Security or Policy Status" },
  };
  for (int s = 0; s < 8; s++)
    {
      const struct smtpreply_digit *d = smtpreply_enhanced_subject_lookup (s);
      assert_non_null (d);
      assert_int_equal (d->digit, s);
      assert_string_equal (d->name, subjects[s].name);
      assert_string_equal (d->title, subjects[s].title);
      assert_non_null (d->text);
    }
  assert_string_equal (smtpreply_enhanced_subject_lookup (1)->text,
                       "A problem with the sender or recipient address, such "
                       "as its syntax or validity, which the sender can "
                       "usually correct before trying again");
  assert_null (smtpreply_enhanced_subject_lookup (8));
  assert_null (smtpreply_enhanced_subject_lookup (9));
  assert_null (smtpreply_enhanced_subject_lookup (-1));
}

/* Check the registry entry X.SUBJECT.DETAIL field by field.  */
static void
check_detail (int subject, int detail, const char *name, int status,
              const char *basic, const char *reference, const char *title)
{
  const struct smtpreply_enhanced *e
      = smtpreply_enhanced_lookup (subject, detail);
  assert_non_null (e);
  assert_int_equal (e->subject, subject);
  assert_int_equal (e->detail, detail);
  assert_string_equal (e->name, name);
  assert_int_equal (e->status, status);
  assert_string_equal (e->basic_codes, basic);
  assert_string_equal (e->reference, reference);
  assert_string_equal (e->title, title);
  assert_non_null (e->text);
  assert_true (strlen (e->text) > 0);
}

static void
looks_up_registry_details_exactly (void **state)
{
  (void) state;
  check_detail (1, 1, "BAD_DESTINATION_MAILBOX", SMTPREPLY_STATUS_STANDARD,
                "451 550", "RFC 3463", "Bad destination mailbox address");
  check_detail (1, 10, "RECIPIENT_NULL_MX", SMTPREPLY_STATUS_STANDARD, "556",
                "RFC 7505, RFC 7504", "Recipient address has null MX");
  check_detail (2, 2, "MAILBOX_FULL", SMTPREPLY_STATUS_STANDARD, "552",
                "RFC 3463", "Mailbox full");
  check_detail (3, 2, "SYSTEM_NOT_ACCEPTING", SMTPREPLY_STATUS_STANDARD,
                "453 521", "RFC 3463, RFC 7504",
                "System not accepting network messages");
  check_detail (5, 0, "OTHER_PROTOCOL", SMTPREPLY_STATUS_STANDARD,
                "220 250 251 252 253 451 452 454 458 459 501 502 503 554",
                "RFC 3463", "Other or undefined protocol status");
  check_detail (7, 1, "SENDER_NOT_AUTHORIZED", SMTPREPLY_STATUS_STANDARD,
                "451 454 502 503 533 550 551", "RFC 3463",
                "Delivery not authorized, message refused");
  check_detail (7, 8, "CREDENTIALS_INVALID", SMTPREPLY_STATUS_STANDARD,
                "535 554", "RFC 4954", "Authentication credentials invalid");
  check_detail (7, 17, "MAILBOX_OWNER_CHANGED", SMTPREPLY_STATUS_STANDARD,
                "5XX", "RFC 7293", "Mailbox owner has changed");
  check_detail (7, 28, "MAIL_FLOOD", SMTPREPLY_STATUS_STANDARD, "",
                "draft-levine-mailbomb-header-00", "Mail flood detected");
  check_detail (7, 30, "REQUIRETLS_REQUIRED", SMTPREPLY_STATUS_STANDARD, "550",
                "RFC 8689", "REQUIRETLS support required");
  check_detail (0, 0, "OTHER_UNDEFINED", SMTPREPLY_STATUS_STANDARD, "any",
                "RFC 3463", "Other undefined Status");
  assert_string_equal (smtpreply_enhanced_lookup (1, 1)->text,
                       "The recipient mailbox, the part of the address before "
                       "the @, does not exist at the destination system");
}

static void
marks_x_6_10_deprecated (void **state)
{
  (void) state;
  const struct smtpreply_enhanced *e = smtpreply_enhanced_lookup (6, 10);
  assert_non_null (e);
  assert_int_equal (e->status, SMTPREPLY_STATUS_DEPRECATED);
  assert_string_equal (e->basic_codes, "");
  assert_string_equal (e->reference, "RFC 6531");
  assert_string_equal (smtpreply_code_status_name (e->status), "deprecated");
  /* Its twin X.6.8 is current.  */
  assert_int_equal (smtpreply_enhanced_lookup (6, 8)->status,
                    SMTPREPLY_STATUS_STANDARD);
}

static void
holds_the_81_registry_details_in_order (void **state)
{
  (void) state;
  assert_int_equal (smtpreply_enhanced_count (), 81);
  /* Per subject, the highest detail the registry lists.  */
  static const int last[8] = { 0, 10, 4, 6, 7, 6, 10, 30 };
  size_t i = 0;
  for (int s = 0; s < 8; s++)
    for (int d = 0; d <= last[s]; d++)
      {
        const struct smtpreply_enhanced *e = smtpreply_enhanced_at (i++);
        assert_non_null (e);
        assert_int_equal (e->subject, s);
        assert_int_equal (e->detail, d);
        assert_ptr_equal (smtpreply_enhanced_lookup (s, d), e);
      }
  assert_int_equal (i, 81);
  assert_null (smtpreply_enhanced_at (81));
  assert_null (smtpreply_enhanced_at ((size_t) -1));
}

static void
finds_nothing_outside_the_registry (void **state)
{
  (void) state;
  assert_null (smtpreply_enhanced_lookup (0, 1));
  assert_null (smtpreply_enhanced_lookup (1, 11));
  assert_null (smtpreply_enhanced_lookup (1, 99));
  assert_null (smtpreply_enhanced_lookup (7, 31));
  assert_null (smtpreply_enhanced_lookup (8, 0));
  assert_null (smtpreply_enhanced_lookup (9, 1));
  assert_null (smtpreply_enhanced_lookup (-1, 0));
  assert_null (smtpreply_enhanced_lookup (1, -1));
}

static void
describes_listed_codes_by_their_detail (void **state)
{
  (void) state;
  struct smtpreply_enhanced_code e = { 5, 1, 1 };
  assert_string_equal (smtpreply_enhanced_describe_lang (&e, NULL),
                       "The recipient mailbox, the part of the address before "
                       "the @, does not exist at the destination system");
  assert_string_equal (smtpreply_enhanced_describe_lang (&e, "en"),
                       "The recipient mailbox, the part of the address before "
                       "the @, does not exist at the destination system");
  /* The class does not change the registry's description.  */
  struct smtpreply_enhanced_code t = { 4, 2, 2 };
  assert_string_equal (smtpreply_enhanced_describe_lang (&t, NULL),
                       "No room is left in the recipient mailbox because of "
                       "its quota or its size; deleting old messages there "
                       "would make room");
}

static void
describes_unlisted_codes_by_subject_then_class (void **state)
{
  (void) state;
  /* 5.1.99: the registry has no X.1.99, so subject 1 describes it.  */
  struct smtpreply_enhanced_code e = { 5, 1, 99 };
  assert_string_equal (smtpreply_enhanced_describe_lang (&e, NULL),
                       "A problem with the sender or recipient address, such "
                       "as its syntax or validity, which the sender can "
                       "usually correct before trying again");
  /* 4.9.1: no subject 9 either, so the class is all there is.  */
  struct smtpreply_enhanced_code f = { 4, 9, 1 };
  assert_string_equal (smtpreply_enhanced_describe_lang (&f, NULL),
                       "The message itself is acceptable, but a temporary "
                       "condition that lasted too long delayed or stopped its "
                       "delivery; a later attempt may succeed");
  struct smtpreply_enhanced_code g = { 2, 999, 999 };
  assert_string_equal (smtpreply_enhanced_describe_lang (&g, NULL),
                       "The delivery action being reported succeeded; a "
                       "detail code may mention changes made to the message "
                       "on the way");
  /* Invalid codes are not described.  */
  struct smtpreply_enhanced_code bad = { 6, 1, 1 };
  assert_null (smtpreply_enhanced_describe_lang (&bad, NULL));
  struct smtpreply_enhanced_code wide = { 5, 1000, 1 };
  assert_null (smtpreply_enhanced_describe_lang (&wide, NULL));
  assert_null (smtpreply_enhanced_describe_lang (NULL, NULL));
}

static void
tells_whether_basic_and_enhanced_agree (void **state)
{
  (void) state;
  struct smtpreply_enhanced_code p511 = { 5, 1, 1 };
  struct smtpreply_enhanced_code p571 = { 5, 7, 1 };
  struct smtpreply_enhanced_code t422 = { 4, 2, 2 };
  struct smtpreply_enhanced_code s200 = { 2, 0, 0 };
  assert_int_equal (smtpreply_enhanced_agrees (550, &p511), 1);
  assert_int_equal (smtpreply_enhanced_agrees (554, &p571), 1);
  assert_int_equal (smtpreply_enhanced_agrees (550, &t422), 0);
  assert_int_equal (smtpreply_enhanced_agrees (250, &p511), 0);
  assert_int_equal (smtpreply_enhanced_agrees (452, &t422), 1);
  assert_int_equal (smtpreply_enhanced_agrees (452, &p511), 0);
  assert_int_equal (smtpreply_enhanced_agrees (250, &s200), 1);
  /* 1yz and 3yz go with 2.X.X.  */
  assert_int_equal (smtpreply_enhanced_agrees (354, &s200), 1);
  assert_int_equal (smtpreply_enhanced_agrees (334, &s200), 1);
  assert_int_equal (smtpreply_enhanced_agrees (110, &s200), 1);
  assert_int_equal (smtpreply_enhanced_agrees (354, &p511), 0);
  assert_int_equal (smtpreply_enhanced_agrees (354, &t422), 0);
}

static void
says_invalid_codes_do_not_agree (void **state)
{
  (void) state;
  struct smtpreply_enhanced_code p511 = { 5, 1, 1 };
  struct smtpreply_enhanced_code c611 = { 6, 1, 1 };
  struct smtpreply_enhanced_code wide = { 5, 1, 1000 };
  /* A predicate answers 1 or 0: a pair with an invalid part does not
     agree, and the checking functions say why.  */
  assert_int_equal (smtpreply_enhanced_agrees (650, &p511), 0);
  assert_int_equal (smtpreply_enhanced_agrees (570, &p511), 0);
  assert_int_equal (smtpreply_enhanced_agrees (5500, &p511), 0);
  assert_int_equal (smtpreply_enhanced_agrees (0, &p511), 0);
  assert_int_equal (smtpreply_enhanced_agrees (550, &c611), 0);
  assert_int_equal (smtpreply_enhanced_agrees (550, &wide), 0);
  assert_int_equal (smtpreply_enhanced_check (&c611),
                    SMTPREPLY_EENHANCED_CLASS);
  assert_int_equal (smtpreply_enhanced_check (&wide),
                    SMTPREPLY_EENHANCED_DIGITS);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (parses_valid_codes),
    cmocka_unit_test (reads_only_len_bytes),
    cmocka_unit_test (rejects_a_leading_zero_at_its_digit),
    cmocka_unit_test (rejects_a_class_other_than_2_4_5),
    cmocka_unit_test (rejects_too_few_or_too_many_parts),
    cmocka_unit_test (rejects_more_than_three_digits),
    cmocka_unit_test (rejects_bytes_other_than_digits_and_dots),
    cmocka_unit_test (refuses_null_arguments),
    cmocka_unit_test (checks_class_subject_and_detail_ranges),
    cmocka_unit_test (formats_codes_and_reports_a_short_buffer),
    cmocka_unit_test (describes_the_three_classes),
    cmocka_unit_test (describes_the_eight_subjects),
    cmocka_unit_test (looks_up_registry_details_exactly),
    cmocka_unit_test (marks_x_6_10_deprecated),
    cmocka_unit_test (holds_the_81_registry_details_in_order),
    cmocka_unit_test (finds_nothing_outside_the_registry),
    cmocka_unit_test (describes_listed_codes_by_their_detail),
    cmocka_unit_test (describes_unlisted_codes_by_subject_then_class),
    cmocka_unit_test (tells_whether_basic_and_enhanced_agree),
    cmocka_unit_test (says_invalid_codes_do_not_agree),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
