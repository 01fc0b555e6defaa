/* t-parse.c -- the incremental reply parser (RFC 5321 section 4.2).
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Every row of the diagnostics table is asserted with its exact offset
   and line; the replies of real servers are written here as test data;
   and one stream, errors included, must give the same results however it
   is cut into chunks.  */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"
#include "internal.h"

/* ------------------------------------------------------------------------
   Helpers.  */

/* Create a parser with the default settings.  */
static struct smtpreply_parser *
new_parser (void)
{
  struct smtpreply_parser *p = NULL;
  assert_int_equal (smtpreply_parser_new (&p), 0);
  assert_non_null (p);
  return p;
}

/* Feed the LEN bytes at BUF to P in one call and return its result; store
   in *USED (if not NULL) how many bytes were taken.  */
static int
feed_n (struct smtpreply_parser *p, const char *buf, size_t len, size_t *used)
{
  size_t u = (size_t) -1;
  int rc = smtpreply_parser_feed (p, buf, len, &u);
  assert_true (u <= len);
  if (rc == 0)
    assert_int_equal (u, len);
  if (used != NULL)
    *used = u;
  return rc;
}

/* Feed the NUL-terminated S to P in one call, which must take it all and
   complete a reply, and return that reply.  */
static const struct smtpreply_response *
feed_reply (struct smtpreply_parser *p, const char *s)
{
  size_t used = 0;
  assert_int_equal (feed_n (p, s, strlen (s), &used), SMTPREPLY_READY);
  assert_int_equal (used, strlen (s));
  const struct smtpreply_response *r = smtpreply_parser_reply (p);
  assert_non_null (r);
  return r;
}

/* Check that line I of R is the NUL-terminated TEXT, and its message
   (without the enhanced code) is MESSAGE.  */
static void
check_line (const struct smtpreply_response *r, size_t i, const char *text,
            const char *message)
{
  size_t len = (size_t) -1;
  const char *s = smtpreply_response_line (r, i, &len);
  assert_non_null (s);
  assert_int_equal (len, strlen (text));
  assert_memory_equal (s, text, len);
  len = (size_t) -1;
  s = smtpreply_response_message (r, i, &len);
  assert_non_null (s);
  assert_int_equal (len, strlen (message));
  assert_memory_equal (s, message, len);
}

/* Check the enhanced code of R: CLS.SUBJECT.DETAIL, or none if CLS is 0.  */
static void
check_enhanced (const struct smtpreply_response *r, int cls, int subject,
                int detail)
{
  const struct smtpreply_enhanced_code *e = smtpreply_response_enhanced (r);
  if (cls == 0)
    {
      assert_null (e);
      return;
    }
  assert_non_null (e);
  assert_int_equal (e->cls, cls);
  assert_int_equal (e->subject, subject);
  assert_int_equal (e->detail, detail);
}

/* Feed the LEN bytes at BUF to P in one call and check it fails with RC at
   stream offset OFFSET, line LINE, taking TAKEN bytes.  */
static void
check_error_n (struct smtpreply_parser *p, const char *buf, size_t len, int rc,
               size_t offset, size_t line, size_t taken)
{
  size_t used = 0;
  assert_int_equal (feed_n (p, buf, len, &used), rc);
  assert_int_equal (used, taken);
  assert_null (smtpreply_parser_reply (p));
  assert_int_equal (smtpreply_parser_error_offset (p), offset);
  assert_int_equal (smtpreply_parser_error_line (p), line);
}

/* Like check_error_n, for the NUL-terminated S.  */
static void
check_error (struct smtpreply_parser *p, const char *s, int rc, size_t offset,
             size_t line, size_t taken)
{
  check_error_n (p, s, strlen (s), rc, offset, line, taken);
}

/* ------------------------------------------------------------------------
   Creating and configuring a parser.  */

static void
creates_a_parser_with_the_default_limits (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  assert_int_equal (
      smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH), 512);
  assert_int_equal (smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_LINES),
                    1000);
  assert_int_equal (
      smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES), 65536);
  assert_int_equal (smtpreply_parser_get_limit (p, 3), 0);
  assert_int_equal (smtpreply_parser_get_limit (p, -1), 0);
  assert_int_equal (
      smtpreply_parser_get_limit (NULL, SMTPREPLY_LIMIT_LINE_LENGTH), 0);
  /* Nothing was read yet.  */
  assert_null (smtpreply_parser_reply (p));
  assert_int_equal (smtpreply_parser_error_offset (p), 0);
  assert_int_equal (smtpreply_parser_error_line (p), 0);
  smtpreply_parser_free (p);
  smtpreply_parser_free (NULL);
  assert_int_equal (smtpreply_parser_new (NULL), SMTPREPLY_EINVAL);
}

static void
sets_limits_within_their_bounds (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  /* The line length: at least a code and an LF, at most 1 MiB.  */
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH, 3),
      SMTPREPLY_EINVAL);
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH, 4), 0);
  assert_int_equal (
      smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH), 4);
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH, 1048576), 0);
  assert_int_equal (
      smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH), 1048576);
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH, 1048577),
      SMTPREPLY_EINVAL);
  /* A refused value leaves the limit alone.  */
  assert_int_equal (
      smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH), 1048576);
  /* Lines per reply: 1 to 1000000.  */
  assert_int_equal (smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES, 0),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES, 1),
                    0);
  assert_int_equal (smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_LINES), 1);
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES, 1000000), 0);
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES, 1000001),
      SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_LINES),
                    1000000);
  /* Bytes per reply: 1 to 64 MiB.  */
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES, 0),
      SMTPREPLY_EINVAL);
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES, 1), 0);
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES, 67108864),
      0);
  assert_int_equal (
      smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES), 67108864);
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES, 67108865),
      SMTPREPLY_EINVAL);
  /* Unknown limits and no parser.  */
  assert_int_equal (smtpreply_parser_set_limit (p, 3, 100), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_set_limit (p, -1, 100), SMTPREPLY_EINVAL);
  assert_int_equal (
      smtpreply_parser_set_limit (NULL, SMTPREPLY_LIMIT_LINES, 100),
      SMTPREPLY_EINVAL);
  smtpreply_parser_free (p);
}

static void
accepts_only_flags_as_strict (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  unsigned int all = SMTPREPLY_FLAG_CODE_MISMATCH | SMTPREPLY_FLAG_BARE_CODE
                     | SMTPREPLY_FLAG_NO_SPACE | SMTPREPLY_FLAG_BARE_LF
                     | SMTPREPLY_FLAG_CONTROL | SMTPREPLY_FLAG_EIGHT_BIT
                     | SMTPREPLY_FLAG_ENHANCED_MISMATCH
                     | SMTPREPLY_FLAG_ENHANCED_INCONSISTENT
                     | SMTPREPLY_FLAG_ENHANCED_INVALID
                     | SMTPREPLY_FLAG_PRELIMINARY;
  assert_int_equal (all, 0x3ff);
  assert_int_equal (smtpreply_flag_all (), 0x3ff);
  assert_int_equal (smtpreply_parser_set_strict (p, all), 0);
  assert_int_equal (smtpreply_parser_set_strict (p, 0), 0);
  assert_int_equal (smtpreply_parser_set_strict (p, 0x400), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_set_strict (p, all | 0x80000000u),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_set_strict (NULL, 0), SMTPREPLY_EINVAL);
  smtpreply_parser_free (p);
}

static void
names_each_flag_and_its_strict_error (void **state)
{
  (void) state;
  static const struct
  {
    unsigned int flag;
    const char *name;
    int error;
  } flags[] = {
    { SMTPREPLY_FLAG_CODE_MISMATCH, "CODE_MISMATCH", -64 },
    { SMTPREPLY_FLAG_BARE_CODE, "BARE_CODE", -65 },
    { SMTPREPLY_FLAG_NO_SPACE, "NO_SPACE", -66 },
    { SMTPREPLY_FLAG_BARE_LF, "BARE_LF", -67 },
    { SMTPREPLY_FLAG_CONTROL, "CONTROL", -68 },
    { SMTPREPLY_FLAG_EIGHT_BIT, "EIGHT_BIT", -69 },
    { SMTPREPLY_FLAG_ENHANCED_MISMATCH, "ENHANCED_MISMATCH", -70 },
    { SMTPREPLY_FLAG_ENHANCED_INCONSISTENT, "ENHANCED_INCONSISTENT", -71 },
    { SMTPREPLY_FLAG_ENHANCED_INVALID, "ENHANCED_INVALID", -72 },
    { SMTPREPLY_FLAG_PRELIMINARY, "PRELIMINARY", -73 },
  };
  for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
    {
      assert_int_equal (flags[i].flag, 1u << i);
      assert_string_equal (smtpreply_flag_name (flags[i].flag), flags[i].name);
      assert_int_equal (smtpreply_flag_error (flags[i].flag), flags[i].error);
    }
  assert_null (smtpreply_flag_name (0));
  assert_null (smtpreply_flag_name (3));
  assert_null (smtpreply_flag_name (0x400));
  assert_int_equal (smtpreply_flag_error (0), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_flag_error (3), SMTPREPLY_EINVAL);
  assert_string_equal (smtpreply_errname (SMTPREPLY_EBARE_LF),
                       "SMTPREPLY_EBARE_LF");
  assert_string_equal (smtpreply_strerror (SMTPREPLY_EBARE_LF),
                       "A line ends in LF without CR");
}

static void
refuses_invalid_arguments (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  size_t used = 99;
  assert_int_equal (smtpreply_parser_feed (NULL, "250 ok\r\n", 8, &used),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_feed (p, "250 ok\r\n", 8, NULL),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_feed (p, NULL, 8, &used),
                    SMTPREPLY_EINVAL);
  /* No bytes is no error, with or without a buffer.  */
  assert_int_equal (smtpreply_parser_feed (p, NULL, 0, &used), 0);
  assert_int_equal (used, 0);
  assert_int_equal (smtpreply_parser_feed (p, "x", 0, &used), 0);
  assert_int_equal (used, 0);
  assert_int_equal (smtpreply_parser_finish (NULL), SMTPREPLY_EINVAL);
  assert_null (smtpreply_parser_reply (NULL));
  assert_int_equal (smtpreply_parser_error_offset (NULL), 0);
  assert_int_equal (smtpreply_parser_error_line (NULL), 0);
  smtpreply_parser_reset (NULL);
  /* The parser still works.  */
  const struct smtpreply_response *r = feed_reply (p, "250 ok\r\n");
  assert_int_equal (smtpreply_response_code (r), 250);
  smtpreply_parser_free (p);
}

/* ------------------------------------------------------------------------
   The response.  */

static void
gives_every_field_of_a_reply (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r
      = feed_reply (p, "250-2.1.5 first\r\n250-2.1.5 second line\r\n"
                       "250 2.1.5 last\r\n");
  assert_int_equal (smtpreply_response_code (r), 250);
  check_enhanced (r, 2, 1, 5);
  assert_int_equal (smtpreply_response_flags (r), 0);
  assert_int_equal (smtpreply_response_line_count (r), 3);
  check_line (r, 0, "2.1.5 first", "first");
  check_line (r, 1, "2.1.5 second line", "second line");
  check_line (r, 2, "2.1.5 last", "last");
  assert_int_equal (smtpreply_response_offset (r), 0);
  assert_int_equal (smtpreply_response_line_number (r), 1);
  /* Out of range.  */
  size_t len = 77;
  assert_null (smtpreply_response_line (r, 3, &len));
  assert_null (smtpreply_response_message (r, 3, &len));
  assert_int_equal (len, 77);
  /* LEN is optional.  */
  assert_non_null (smtpreply_response_line (r, 0, NULL));
  assert_non_null (smtpreply_response_message (r, 0, NULL));
  smtpreply_parser_free (p);
}

static void
answers_null_responses_without_crashing (void **state)
{
  (void) state;
  size_t len = 5;
  assert_int_equal (smtpreply_response_code (NULL), SMTPREPLY_EINVAL);
  assert_null (smtpreply_response_enhanced (NULL));
  assert_int_equal (smtpreply_response_flags (NULL), 0);
  assert_int_equal (smtpreply_response_line_count (NULL), 0);
  assert_null (smtpreply_response_line (NULL, 0, &len));
  assert_null (smtpreply_response_message (NULL, 0, &len));
  assert_int_equal (smtpreply_response_offset (NULL), 0);
  assert_int_equal (smtpreply_response_line_number (NULL), 0);
}

static void
gives_no_enhanced_code_when_the_text_has_none (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r = feed_reply (p, "250 Ok\r\n");
  check_enhanced (r, 0, 0, 0);
  check_line (r, 0, "Ok", "Ok");
  /* An enhanced code alone: an empty message.  */
  r = feed_reply (p, "250 2.0.0\r\n");
  check_enhanced (r, 2, 0, 0);
  check_line (r, 0, "2.0.0", "");
  assert_int_equal (smtpreply_response_flags (r), 0);
  /* Only the first space after the code goes.  */
  r = feed_reply (p, "421 4.7.28  https://support.google.com/mail/\r\n");
  check_enhanced (r, 4, 7, 28);
  check_line (r, 0, "4.7.28  https://support.google.com/mail/",
              " https://support.google.com/mail/");
  /* A code not followed by a space is part of a word.  */
  r = feed_reply (p, "250 2.0.0,Ok\r\n");
  check_enhanced (r, 0, 0, 0);
  check_line (r, 0, "2.0.0,Ok", "2.0.0,Ok");
  smtpreply_parser_free (p);
}

static void
counts_offsets_from_0_and_lines_from_1_across_the_stream (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  static const char stream[] = "220 mx ESMTP\r\n"  /* 0, line 1 */
                               "250-mx Hello\r\n"  /* 14, line 2 */
                               "250-SIZE 1000\r\n" /* 28, line 3 */
                               "250 8BITMIME\r\n"  /* 43, line 4 */
                               "250 2.1.0 Ok\r\n"; /* 57, line 5 */
  size_t off = 0;
  size_t used;
  assert_int_equal (feed_n (p, stream, sizeof stream - 1, &used),
                    SMTPREPLY_READY);
  assert_int_equal (used, 14);
  const struct smtpreply_response *r = smtpreply_parser_reply (p);
  assert_int_equal (smtpreply_response_offset (r), 0);
  assert_int_equal (smtpreply_response_line_number (r), 1);
  off += used;
  assert_int_equal (feed_n (p, stream + off, sizeof stream - 1 - off, &used),
                    SMTPREPLY_READY);
  assert_int_equal (used, 43);
  r = smtpreply_parser_reply (p);
  assert_int_equal (smtpreply_response_code (r), 250);
  assert_int_equal (smtpreply_response_line_count (r), 3);
  assert_int_equal (smtpreply_response_offset (r), 14);
  assert_int_equal (smtpreply_response_line_number (r), 2);
  off += used;
  assert_int_equal (feed_n (p, stream + off, sizeof stream - 1 - off, &used),
                    SMTPREPLY_READY);
  assert_int_equal (used, 14);
  r = smtpreply_parser_reply (p);
  assert_int_equal (smtpreply_response_offset (r), 57);
  assert_int_equal (smtpreply_response_line_number (r), 5);
  off += used;
  assert_int_equal (off, sizeof stream - 1);
  /* Errors are counted the same way.  */
  check_error (p, "x\r\n", SMTPREPLY_EBAD_CODE, 71, 6, 3);
  assert_int_equal (smtpreply_parser_finish (p), 0);
  smtpreply_parser_free (p);
}

/* ------------------------------------------------------------------------
   Errors, whatever the mode.  */

static void
rejects_a_code_that_is_not_three_digits (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  check_error (p, "x\r\n", SMTPREPLY_EBAD_CODE, 0, 1, 3);
  check_error (p, "25\r\n", SMTPREPLY_EBAD_CODE, 5, 2, 4);
  check_error (p, "2500 x\r\n", SMTPREPLY_EBAD_CODE, 10, 3, 8);
  check_error (p, "25a ok\r\n", SMTPREPLY_EBAD_CODE, 17, 4, 8);
  /* An empty line, and one with only its CR.  */
  check_error (p, "\n", SMTPREPLY_EBAD_CODE, 23, 5, 1);
  check_error (p, "\r\n", SMTPREPLY_EBAD_CODE, 24, 6, 2);
  check_error (p, " 250 ok\r\n", SMTPREPLY_EBAD_CODE, 26, 7, 9);
  /* The parser goes on at the next line.  */
  const struct smtpreply_response *r = feed_reply (p, "250 ok\r\n");
  assert_int_equal (smtpreply_response_offset (r), 35);
  assert_int_equal (smtpreply_response_line_number (r), 8);
  smtpreply_parser_free (p);
}

static void
rejects_a_first_digit_out_of_range (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  check_error (p, "650 x\r\n", SMTPREPLY_EBAD_CLASS, 0, 1, 7);
  check_error (p, "050 x\r\n", SMTPREPLY_EBAD_CLASS, 7, 2, 7);
  check_error (p, "999\r\n", SMTPREPLY_EBAD_CLASS, 14, 3, 5);
  smtpreply_parser_free (p);
}

static void
rejects_a_second_digit_out_of_range (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  check_error (p, "260 x\r\n", SMTPREPLY_EBAD_CATEGORY, 1, 1, 7);
  check_error (p, "599 x\r\n", SMTPREPLY_EBAD_CATEGORY, 8, 2, 7);
  smtpreply_parser_free (p);
}

static void
rejects_a_nul_byte_and_drops_the_rest_of_its_line (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  static const char s[] = "250 a\0b\r\n250 ok\r\n";
  /* The NUL itself is taken with the error.  */
  check_error_n (p, s, sizeof s - 1, SMTPREPLY_ENUL, 5, 1, 6);
  /* "b\r\n" is the rest of the bad line: dropped.  */
  const struct smtpreply_response *r = feed_reply (p, "b\r\n250 ok\r\n");
  assert_int_equal (smtpreply_response_code (r), 250);
  check_line (r, 0, "ok", "ok");
  assert_int_equal (smtpreply_response_offset (r), 9);
  assert_int_equal (smtpreply_response_line_number (r), 2);
  /* A NUL in the code, and in a continuation line: the reply is gone.  */
  check_error_n (p,
                 "\0"
                 "50 x\r\n",
                 7, SMTPREPLY_ENUL, 17, 3, 1);
  check_error_n (p, "50 x\r\n250-a\r\n250-\0\r\n", 20, SMTPREPLY_ENUL, 35, 5,
                 18);
  r = feed_reply (p, "\r\n250 b\r\n");
  check_line (r, 0, "b", "b");
  assert_int_equal (smtpreply_response_line_count (r), 1);
  assert_int_equal (smtpreply_response_offset (r), 38);
  assert_int_equal (smtpreply_response_line_number (r), 6);
  smtpreply_parser_free (p);
}

static void
rejects_a_line_longer_than_the_limit_at_the_first_byte_past_it (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  /* 512 bytes with the CRLF: the longest line by default.  */
  char line[600];
  memcpy (line, "250 ", 4);
  memset (line + 4, 'x', 506);
  memcpy (line + 510, "\r\n", 2);
  const struct smtpreply_response *r = NULL;
  size_t used;
  assert_int_equal (feed_n (p, line, 512, &used), SMTPREPLY_READY);
  r = smtpreply_parser_reply (p);
  size_t len;
  smtpreply_response_line (r, 0, &len);
  assert_int_equal (len, 506);
  /* 513 bytes: byte 511 of the line should have been its LF.  */
  memset (line + 4, 'x', 507);
  memcpy (line + 511, "\r\n", 2);
  check_error_n (p, line, 513, SMTPREPLY_ELINE_TOO_LONG, 512 + 511, 2, 512);
  /* The rest of the line is dropped; the next line is read.  */
  assert_int_equal (feed_n (p, line + 512, 1, &used), 0);
  r = feed_reply (p, "250 next\r\n");
  assert_int_equal (smtpreply_response_offset (r), 1025);
  assert_int_equal (smtpreply_response_line_number (r), 3);
  smtpreply_parser_free (p);
}

static void
applies_a_lowered_line_limit (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH, 10), 0);
  /* 10 bytes with the CRLF fit.  */
  const struct smtpreply_response *r = feed_reply (p, "250 abcd\r\n");
  check_line (r, 0, "abcd", "abcd");
  /* 11 do not: the error is at byte 9 of the line, the CR.  */
  check_error (p, "250 abcde\r\n", SMTPREPLY_ELINE_TOO_LONG, 19, 2, 10);
  /* A bare LF line of 10 bytes fits.  */
  assert_int_equal (feed_n (p, "\n250 abcde\n", 11, NULL), SMTPREPLY_READY);
  /* A line far too long, in pieces: one error, at the same byte.  */
  check_error (p, "250 abc", 0, 19, 2, 7);
  check_error (p, "defghijklmnop", SMTPREPLY_ELINE_TOO_LONG, 40, 4, 3);
  check_error (p, "fghijklmnop", 0, 40, 4, 11);
  assert_int_equal (feed_n (p, "\r\n", 2, NULL), 0);
  r = feed_reply (p, "221 bye\r\n");
  assert_int_equal (smtpreply_response_offset (r), 54);
  assert_int_equal (smtpreply_response_line_number (r), 5);
  /* The smallest limit: a code and an LF.  */
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH, 4), 0);
  r = feed_reply (p, "334\n");
  assert_int_equal (smtpreply_response_flags (r),
                    SMTPREPLY_FLAG_BARE_CODE | SMTPREPLY_FLAG_BARE_LF);
  check_error (p, "334\r\n", SMTPREPLY_ELINE_TOO_LONG, 70, 7, 4);
  smtpreply_parser_free (p);
}

static void
rejects_a_reply_with_more_lines_than_the_limit (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  assert_int_equal (smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES, 3),
                    0);
  /* Three lines are allowed.  */
  const struct smtpreply_response *r
      = feed_reply (p, "250-a\r\n250-b\r\n250 c\r\n");
  assert_int_equal (smtpreply_response_line_count (r), 3);
  /* A fourth is an error at its first byte.  */
  check_error (p, "250-a\r\n250-b\r\n250-c\r\n250 d\r\n",
               SMTPREPLY_ETOO_MANY_LINES, 21 + 21, 7, 22);
  /* The rest of that line is dropped, and the next line starts a reply.  */
  assert_int_equal (feed_n (p, "50 d\r\n", 6, NULL), 0);
  r = feed_reply (p, "250 e\r\n");
  assert_int_equal (smtpreply_response_offset (r), 49);
  assert_int_equal (smtpreply_response_line_number (r), 8);
  check_line (r, 0, "e", "e");
  /* With one line allowed, a continuation is one too many.  */
  assert_int_equal (smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES, 1),
                    0);
  r = feed_reply (p, "250 f\r\n");
  check_error (p, "250-g\r\n250 h\r\n", SMTPREPLY_ETOO_MANY_LINES, 70, 11, 8);
  /* The line too many may be empty: its LF is left for the next call.  */
  smtpreply_parser_reset (p);
  check_error (p, "250-a\r\n\n250 b\r\n", SMTPREPLY_ETOO_MANY_LINES, 7, 2, 7);
  r = feed_reply (p, "\n250 b\r\n");
  assert_int_equal (smtpreply_response_offset (r), 8);
  assert_int_equal (smtpreply_response_line_number (r), 3);
  smtpreply_parser_free (p);
}

static void
rejects_a_reply_longer_than_the_limit (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES, 20), 0);
  /* 20 bytes fit, line endings included.  */
  const struct smtpreply_response *r
      = feed_reply (p, "250-aaaa\r\n250 bbbb\r\n");
  assert_int_equal (smtpreply_response_line_count (r), 2);
  /* One more byte: the error is at byte 19 of the reply, which should have
     been the last LF.  */
  check_error (p, "250-aaaa\r\n250 bbbbb\r\n", SMTPREPLY_EREPLY_TOO_LONG,
               20 + 19, 4, 20);
  assert_int_equal (feed_n (p, "\n", 1, NULL), 0);
  /* A reply that is full after a line cannot have another.  */
  check_error (p, "250-aaaa\r\n250-bbbb\r\n250 c\r\n",
               SMTPREPLY_EREPLY_TOO_LONG, 41 + 20, 7, 21);
  r = feed_reply (p, "50 c\r\n250 ok\r\n");
  assert_int_equal (smtpreply_response_offset (r), 68);
  assert_int_equal (smtpreply_response_line_number (r), 8);
  smtpreply_parser_free (p);
}

static void
reports_a_reply_cut_off_by_the_end_of_the_stream (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  /* A partial line.  */
  assert_int_equal (feed_n (p, "250 ok", 6, NULL), 0);
  assert_int_equal (smtpreply_parser_finish (p), SMTPREPLY_ETRUNCATED);
  assert_int_equal (smtpreply_parser_error_offset (p), 6);
  assert_int_equal (smtpreply_parser_error_line (p), 1);
  /* A multi-line reply without its last line.  */
  assert_int_equal (feed_n (p, "250-a\r\n250-b\r\n", 14, NULL), 0);
  assert_int_equal (smtpreply_parser_finish (p), SMTPREPLY_ETRUNCATED);
  assert_int_equal (smtpreply_parser_error_offset (p), 14);
  assert_int_equal (smtpreply_parser_error_line (p), 3);
  /* The same, with part of the next line.  */
  assert_int_equal (feed_n (p, "250-a\r\n25", 9, NULL), 0);
  assert_int_equal (smtpreply_parser_finish (p), SMTPREPLY_ETRUNCATED);
  assert_int_equal (smtpreply_parser_error_offset (p), 9);
  assert_int_equal (smtpreply_parser_error_line (p), 2);
  /* A line with only its CR.  */
  assert_int_equal (feed_n (p, "250 ok\r", 7, NULL), 0);
  assert_int_equal (smtpreply_parser_finish (p), SMTPREPLY_ETRUNCATED);
  assert_int_equal (smtpreply_parser_error_offset (p), 7);
  assert_int_equal (smtpreply_parser_error_line (p), 1);
  smtpreply_parser_free (p);
}

static void
finishes_a_clean_stream_with_0 (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  assert_int_equal (smtpreply_parser_finish (p), 0);
  feed_reply (p, "250 ok\r\n");
  assert_int_equal (smtpreply_parser_finish (p), 0);
  /* A bad code is found at its first bad byte, without waiting for the
     end of its line, and the rest of the line is dropped as it comes.  */
  check_error (p, "2x0 y", SMTPREPLY_EBAD_CODE, 1, 1, 2);
  assert_int_equal (feed_n (p, "0 y\r\n", 5, NULL), 0);
  assert_int_equal (smtpreply_parser_finish (p), 0);
  check_error (p, "9", SMTPREPLY_EBAD_CLASS, 0, 1, 1);
  assert_int_equal (smtpreply_parser_finish (p), 0);
  /* After an error, the rest of the bad line is no reply.  */
  check_error_n (p, "250 a\0b", 8, SMTPREPLY_ENUL, 5, 1, 6);
  assert_int_equal (feed_n (p, "b c", 3, NULL), 0);
  assert_int_equal (smtpreply_parser_finish (p), 0);
  assert_int_equal (smtpreply_parser_error_offset (p), 5);
  assert_int_equal (smtpreply_parser_error_line (p), 1);
  smtpreply_parser_free (p);
}

static void
reads_a_new_stream_after_finish (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  assert_int_equal (smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES, 2),
                    0);
  assert_int_equal (smtpreply_parser_set_strict (p, SMTPREPLY_FLAG_BARE_LF),
                    0);
  feed_reply (p, "220 hi\r\n");
  assert_int_equal (feed_n (p, "250-a\r\n", 7, NULL), 0);
  assert_int_equal (smtpreply_parser_finish (p), SMTPREPLY_ETRUNCATED);
  /* Offsets and lines start again; the limits and strict flags stay.  */
  const struct smtpreply_response *r = feed_reply (p, "250 b\r\n");
  assert_int_equal (smtpreply_response_offset (r), 0);
  assert_int_equal (smtpreply_response_line_number (r), 1);
  assert_int_equal (smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_LINES), 2);
  check_error (p, "250 c\n", SMTPREPLY_EBARE_LF, 12, 2, 6);
  smtpreply_parser_free (p);
}

static void
forgets_everything_but_the_settings_on_reset (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH, 20), 0);
  assert_int_equal (smtpreply_parser_set_strict (p, SMTPREPLY_FLAG_NO_SPACE),
                    0);
  check_error (p, "2x\r\n", SMTPREPLY_EBAD_CODE, 1, 1, 4);
  assert_int_equal (feed_n (p, "250-partial\r\n250 par", 20, NULL), 0);
  smtpreply_parser_reset (p);
  assert_int_equal (smtpreply_parser_error_offset (p), 0);
  assert_int_equal (smtpreply_parser_error_line (p), 0);
  assert_null (smtpreply_parser_reply (p));
  /* Nothing of the partial reply is left.  */
  assert_int_equal (smtpreply_parser_finish (p), 0);
  const struct smtpreply_response *r = feed_reply (p, "250 whole\r\n");
  assert_int_equal (smtpreply_response_line_count (r), 1);
  check_line (r, 0, "whole", "whole");
  assert_int_equal (smtpreply_response_offset (r), 0);
  assert_int_equal (smtpreply_response_line_number (r), 1);
  assert_int_equal (
      smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH), 20);
  check_error (p, "250x\r\n", SMTPREPLY_ENO_SPACE, 14, 2, 6);
  smtpreply_parser_free (p);
}

/* ------------------------------------------------------------------------
   Flags by default, errors in strict mode.  */

/* One diagnostic: the reply that shows it, the flags it gets by default,
   and the error it gives when P is strict about FLAG.  */
struct diagnostic
{
  unsigned int flag;
  const char *input;
  unsigned int flags; /* all the flags of the reply by default */
  int error;
  size_t error_offset;
  size_t error_line;
};

static const struct diagnostic diagnostics[] = {
  { SMTPREPLY_FLAG_CODE_MISMATCH, "250-a\r\n550 b\r\n",
    SMTPREPLY_FLAG_CODE_MISMATCH, SMTPREPLY_ECODE_MISMATCH, 7, 2 },
  { SMTPREPLY_FLAG_BARE_CODE, "334\r\n", SMTPREPLY_FLAG_BARE_CODE,
    SMTPREPLY_EBARE_CODE, 3, 1 },
  { SMTPREPLY_FLAG_NO_SPACE, "250ok\r\n", SMTPREPLY_FLAG_NO_SPACE,
    SMTPREPLY_ENO_SPACE, 3, 1 },
  { SMTPREPLY_FLAG_BARE_LF, "250-a\r\n250 b\n", SMTPREPLY_FLAG_BARE_LF,
    SMTPREPLY_EBARE_LF, 12, 2 },
  { SMTPREPLY_FLAG_CONTROL, "250 a\x1b[31mb\r\n", SMTPREPLY_FLAG_CONTROL,
    SMTPREPLY_ECONTROL, 5, 1 },
  { SMTPREPLY_FLAG_EIGHT_BIT,
    "250 Gr\xc3\xbc\xc3\x9f"
    "e\r\n",
    SMTPREPLY_FLAG_EIGHT_BIT, SMTPREPLY_EEIGHT_BIT, 6, 1 },
  { SMTPREPLY_FLAG_ENHANCED_MISMATCH, "550 4.2.2 full\r\n",
    SMTPREPLY_FLAG_ENHANCED_MISMATCH, SMTPREPLY_EENHANCED_MISMATCH, 4, 1 },
  { SMTPREPLY_FLAG_ENHANCED_INCONSISTENT, "550-5.1.1 a\r\n550 5.1.2 b\r\n",
    SMTPREPLY_FLAG_ENHANCED_INCONSISTENT, SMTPREPLY_EENHANCED_INCONSISTENT, 17,
    2 },
  { SMTPREPLY_FLAG_ENHANCED_INVALID, "550 5.01.1 x\r\n",
    SMTPREPLY_FLAG_ENHANCED_INVALID, SMTPREPLY_EENHANCED_INVALID, 4, 1 },
  { SMTPREPLY_FLAG_PRELIMINARY, "110 x\r\n", SMTPREPLY_FLAG_PRELIMINARY,
    SMTPREPLY_EPRELIMINARY, 0, 1 },
};

static void
flags_each_deviation_and_returns_the_reply (void **state)
{
  (void) state;
  for (size_t i = 0; i < sizeof diagnostics / sizeof diagnostics[0]; i++)
    {
      const struct diagnostic *d = &diagnostics[i];
      struct smtpreply_parser *p = new_parser ();
      const struct smtpreply_response *r = feed_reply (p, d->input);
      if (smtpreply_response_flags (r) != d->flags)
        print_error ("%s: flags %#x\n", smtpreply_flag_name (d->flag),
                     smtpreply_response_flags (r));
      assert_int_equal (smtpreply_response_flags (r), d->flags);
      assert_int_equal (smtpreply_response_offset (r), 0);
      assert_int_equal (smtpreply_response_line_number (r), 1);
      assert_int_equal (smtpreply_parser_finish (p), 0);
      smtpreply_parser_free (p);
    }
}

static void
turns_each_flag_into_its_error_when_strict (void **state)
{
  (void) state;
  for (size_t i = 0; i < sizeof diagnostics / sizeof diagnostics[0]; i++)
    {
      const struct diagnostic *d = &diagnostics[i];
      struct smtpreply_parser *p = new_parser ();
      assert_int_equal (smtpreply_parser_set_strict (p, d->flag), 0);
      size_t len = strlen (d->input);
      size_t used = 0;
      int rc = feed_n (p, d->input, len, &used);
      if (rc != d->error)
        print_error ("%s: rc %d\n", smtpreply_flag_name (d->flag), rc);
      assert_int_equal (rc, d->error);
      assert_null (smtpreply_parser_reply (p));
      assert_int_equal (smtpreply_parser_error_offset (p), d->error_offset);
      assert_int_equal (smtpreply_parser_error_line (p), d->error_line);
      /* The whole bad line was taken; what follows it is read anew.  */
      assert_int_equal (feed_n (p, d->input + used, len - used, NULL), 0);
      const struct smtpreply_response *r = feed_reply (p, "250 next\r\n");
      assert_int_equal (smtpreply_response_offset (r), len);
      assert_int_equal (smtpreply_parser_finish (p), 0);
      smtpreply_parser_free (p);
    }
}

static void
is_strict_only_about_the_chosen_flags (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  assert_int_equal (
      smtpreply_parser_set_strict (p, SMTPREPLY_FLAG_CODE_MISMATCH), 0);
  /* Other deviations stay flags.  */
  const struct smtpreply_response *r = feed_reply (p, "334\n");
  assert_int_equal (smtpreply_response_flags (r),
                    SMTPREPLY_FLAG_BARE_CODE | SMTPREPLY_FLAG_BARE_LF);
  check_error (p, "250-a\r\n251 b\r\n", SMTPREPLY_ECODE_MISMATCH, 11, 3, 14);
  /* Strict about everything, a clean reply is still a reply.  */
  assert_int_equal (smtpreply_parser_set_strict (p, smtpreply_flag_all ()), 0);
  r = feed_reply (p, "250-mx.example.net\r\n250 DSN\r\n");
  assert_int_equal (smtpreply_response_flags (r), 0);
  assert_int_equal (smtpreply_response_line_count (r), 2);
  check_error (p, "250-mx.example.net\r\n250 2.0.0 Ok\r\n",
               SMTPREPLY_EENHANCED_INCONSISTENT, 71, 7, 34);
  smtpreply_parser_free (p);
}

static void
flags_a_mismatch_of_codes_without_blocking (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r = feed_reply (p, "250-a\r\n550 b\r\n");
  /* The first line's code is the reply's.  */
  assert_int_equal (smtpreply_response_code (r), 250);
  assert_int_equal (smtpreply_response_flags (r),
                    SMTPREPLY_FLAG_CODE_MISMATCH);
  assert_int_equal (smtpreply_response_line_count (r), 2);
  check_line (r, 0, "a", "a");
  check_line (r, 1, "b", "b");
  /* The "550 b" ended the reply: the next reply is read at once.  */
  r = feed_reply (p, "250 next\r\n");
  assert_int_equal (smtpreply_response_offset (r), 14);
  assert_int_equal (smtpreply_response_line_number (r), 3);
  smtpreply_parser_free (p);
}

static void
flags_a_bare_code_and_ends_the_reply_with_it (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r = feed_reply (p, "334\r\n");
  assert_int_equal (smtpreply_response_code (r), 334);
  assert_int_equal (smtpreply_response_line_count (r), 1);
  check_line (r, 0, "", "");
  r = feed_reply (p, "250-a\r\n250\r\n");
  assert_int_equal (smtpreply_response_flags (r), SMTPREPLY_FLAG_BARE_CODE);
  assert_int_equal (smtpreply_response_line_count (r), 2);
  check_line (r, 1, "", "");
  /* A separator with no text is not a bare code.  */
  r = feed_reply (p, "250-\r\n250 \r\n");
  assert_int_equal (smtpreply_response_flags (r), 0);
  assert_int_equal (smtpreply_response_line_count (r), 2);
  check_line (r, 0, "", "");
  check_line (r, 1, "", "");
  smtpreply_parser_free (p);
}

static void
flags_a_missing_space_and_ends_the_reply (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r = feed_reply (p, "250ok\r\n");
  assert_int_equal (smtpreply_response_line_count (r), 1);
  check_line (r, 0, "ok", "ok");
  r = feed_reply (p, "250\tok\r\n");
  assert_int_equal (smtpreply_response_flags (r), SMTPREPLY_FLAG_NO_SPACE);
  check_line (r, 0, "\tok", "\tok");
  smtpreply_parser_free (p);
}

static void
accepts_and_flags_a_bare_lf (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r
      = feed_reply (p, "250-mx\n250-SIZE 100\n250 DSN\n");
  assert_int_equal (smtpreply_response_flags (r), SMTPREPLY_FLAG_BARE_LF);
  assert_int_equal (smtpreply_response_line_count (r), 3);
  check_line (r, 0, "mx", "mx");
  check_line (r, 1, "SIZE 100", "SIZE 100");
  check_line (r, 2, "DSN", "DSN");
  smtpreply_parser_free (p);
}

static void
keeps_and_flags_control_characters (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r
      = feed_reply (p, "250 \x1b[31mred\x1b[0m \x1b]0;pwned\x07\r\n");
  assert_int_equal (smtpreply_response_flags (r), SMTPREPLY_FLAG_CONTROL);
  check_line (r, 0, "\x1b[31mred\x1b[0m \x1b]0;pwned\x07",
              "\x1b[31mred\x1b[0m \x1b]0;pwned\x07");
  /* A CR inside a line, and DEL.  */
  r = feed_reply (p, "250 a\rb\r\n");
  assert_int_equal (smtpreply_response_flags (r), SMTPREPLY_FLAG_CONTROL);
  check_line (r, 0, "a\rb", "a\rb");
  r = feed_reply (p, "250 a\x7f\r\n");
  assert_int_equal (smtpreply_response_flags (r), SMTPREPLY_FLAG_CONTROL);
  /* A tab is text.  */
  r = feed_reply (p, "250 a\tb\r\n");
  assert_int_equal (smtpreply_response_flags (r), 0);
  smtpreply_parser_free (p);
}

static void
keeps_and_flags_8_bit_text (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r = feed_reply (
      p, "550 5.7.1 Сообщение отклонено политикой безопасности\r\n");
  assert_int_equal (smtpreply_response_flags (r), SMTPREPLY_FLAG_EIGHT_BIT);
  check_enhanced (r, 5, 7, 1);
  check_line (r, 0, "5.7.1 Сообщение отклонено политикой безопасности",
              "Сообщение отклонено политикой безопасности");
  /* Raw bytes that are not UTF-8, as a KOI8-R server sends them.  */
  r = feed_reply (p, "452 \xff\xf0\xd2\xc9\r\n");
  assert_int_equal (smtpreply_response_flags (r), SMTPREPLY_FLAG_EIGHT_BIT);
  check_line (r, 0, "\xff\xf0\xd2\xc9", "\xff\xf0\xd2\xc9");
  /* Both kinds at once.  */
  r = feed_reply (p, "250 \xff\x01\r\n");
  assert_int_equal (smtpreply_response_flags (r),
                    SMTPREPLY_FLAG_EIGHT_BIT | SMTPREPLY_FLAG_CONTROL);
  smtpreply_parser_free (p);
}

static void
flags_enhanced_codes_that_disagree_or_differ (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r = feed_reply (p, "550 4.2.2 full\r\n");
  assert_int_equal (smtpreply_response_flags (r),
                    SMTPREPLY_FLAG_ENHANCED_MISMATCH);
  check_enhanced (r, 4, 2, 2);
  r = feed_reply (p, "250 5.1.1 odd\r\n");
  assert_int_equal (smtpreply_response_flags (r),
                    SMTPREPLY_FLAG_ENHANCED_MISMATCH);
  /* 3yz goes with 2.X.X.  */
  r = feed_reply (p, "354 2.0.0 go ahead\r\n");
  assert_int_equal (smtpreply_response_flags (r), 0);
  /* Different codes on the lines, or some lines without one.  */
  r = feed_reply (p, "550-5.1.1 a\r\n550 5.1.2 b\r\n");
  assert_int_equal (smtpreply_response_flags (r),
                    SMTPREPLY_FLAG_ENHANCED_INCONSISTENT);
  check_enhanced (r, 5, 1, 1);
  r = feed_reply (p, "550-5.1.1 a\r\n550 b\r\n");
  assert_int_equal (smtpreply_response_flags (r),
                    SMTPREPLY_FLAG_ENHANCED_INCONSISTENT);
  check_enhanced (r, 5, 1, 1);
  check_line (r, 1, "b", "b");
  r = feed_reply (p, "550-a\r\n550 5.1.1 b\r\n");
  assert_int_equal (smtpreply_response_flags (r),
                    SMTPREPLY_FLAG_ENHANCED_INCONSISTENT);
  check_enhanced (r, 0, 0, 0);
  check_line (r, 1, "5.1.1 b", "b");
  smtpreply_parser_free (p);
}

static void
flags_malformed_enhanced_codes_and_keeps_no_code (void **state)
{
  (void) state;
  static const char *const malformed[] = {
    "550 5.01.1 x\r\n", "550 5.1 x\r\n",      "550 5.1.1.1 x\r\n",
    "550 6.1.1 x\r\n",  "550 5.1000.1 x\r\n", "550 5.\r\n",
  };
  for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++)
    {
      struct smtpreply_parser *p = new_parser ();
      const struct smtpreply_response *r = feed_reply (p, malformed[i]);
      assert_int_equal (smtpreply_response_flags (r),
                        SMTPREPLY_FLAG_ENHANCED_INVALID);
      check_enhanced (r, 0, 0, 0);
      smtpreply_parser_free (p);
    }
  /* Words that do not look like codes are plain text.  */
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r = feed_reply (p, "250 Ok 5.1\r\n");
  assert_int_equal (smtpreply_response_flags (r), 0);
  r = feed_reply (p, "250 v5.1.1 ready\r\n");
  assert_int_equal (smtpreply_response_flags (r), 0);
  smtpreply_parser_free (p);
}

static void
flags_a_preliminary_reply (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r = feed_reply (p, "110 x\r\n");
  assert_int_equal (smtpreply_response_code (r), 110);
  assert_int_equal (smtpreply_response_flags (r), SMTPREPLY_FLAG_PRELIMINARY);
  smtpreply_parser_free (p);
}

/* ------------------------------------------------------------------------
   Replies as real servers send them.  */

static void
reads_a_12_line_ehlo_answer (void **state)
{
  (void) state;
  static const char *const lines[] = {
    "mx.example.com Hello client.example.org [192.0.2.30]",
    "PIPELINING",
    "SIZE 52428800",
    "ETRN",
    "STARTTLS",
    "AUTH PLAIN LOGIN",
    "AUTH=PLAIN LOGIN",
    "ENHANCEDSTATUSCODES",
    "8BITMIME",
    "DSN",
    "SMTPUTF8",
    "CHUNKING",
  };
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r
      = feed_reply (p, "250-mx.example.com Hello client.example.org "
                       "[192.0.2.30]\r\n"
                       "250-PIPELINING\r\n"
                       "250-SIZE 52428800\r\n"
                       "250-ETRN\r\n"
                       "250-STARTTLS\r\n"
                       "250-AUTH PLAIN LOGIN\r\n"
                       "250-AUTH=PLAIN LOGIN\r\n"
                       "250-ENHANCEDSTATUSCODES\r\n"
                       "250-8BITMIME\r\n"
                       "250-DSN\r\n"
                       "250-SMTPUTF8\r\n"
                       "250 CHUNKING\r\n");
  assert_int_equal (smtpreply_response_code (r), 250);
  assert_int_equal (smtpreply_response_flags (r), 0);
  check_enhanced (r, 0, 0, 0);
  assert_int_equal (smtpreply_response_line_count (r), 12);
  for (size_t i = 0; i < 12; i++)
    check_line (r, i, lines[i], lines[i]);
  smtpreply_parser_free (p);
}

static void
reads_gmails_multi_line_550_5_1_1 (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r = feed_reply (
      p, "550-5.1.1 The email account that you tried to reach does not "
         "exist. Please try\r\n"
         "550-5.1.1 double-checking the recipient's email address for typos "
         "or\r\n"
         "550-5.1.1 unnecessary spaces. For more information, go to\r\n"
         "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser "
         "d9443c01a7336-285b756e5d7si1359621a.142 - gsmtp\r\n");
  assert_int_equal (smtpreply_response_code (r), 550);
  assert_int_equal (smtpreply_response_flags (r), 0);
  check_enhanced (r, 5, 1, 1);
  assert_int_equal (smtpreply_response_line_count (r), 4);
  check_line (r, 0,
              "5.1.1 The email account that you tried to reach does not "
              "exist. Please try",
              "The email account that you tried to reach does not exist. "
              "Please try");
  check_line (
      r, 1, "5.1.1 double-checking the recipient's email address for typos or",
      "double-checking the recipient's email address for typos or");
  check_line (r, 2, "5.1.1 unnecessary spaces. For more information, go to",
              "unnecessary spaces. For more information, go to");
  check_line (r, 3,
              "5.1.1  https://support.google.com/mail/?p=NoSuchUser "
              "d9443c01a7336-285b756e5d7si1359621a.142 - gsmtp",
              " https://support.google.com/mail/?p=NoSuchUser "
              "d9443c01a7336-285b756e5d7si1359621a.142 - gsmtp");
  smtpreply_parser_free (p);
}

static void
reads_microsofts_550_5_7_1 (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r = feed_reply (
      p, "550 5.7.1 Service unavailable, Client host [203.0.113.5] blocked "
         "using Spamhaus. To request removal from this list see "
         "https://www.spamhaus.org/query/ip/203.0.113.5 AS(1450) "
         "[AM0PR01MB4106.eurprd01.prod.exchangelabs.com]\r\n");
  assert_int_equal (smtpreply_response_code (r), 550);
  assert_int_equal (smtpreply_response_flags (r), 0);
  check_enhanced (r, 5, 7, 1);
  assert_int_equal (smtpreply_response_line_count (r), 1);
  check_line (r, 0,
              "5.7.1 Service unavailable, Client host [203.0.113.5] blocked "
              "using Spamhaus. To request removal from this list see "
              "https://www.spamhaus.org/query/ip/203.0.113.5 AS(1450) "
              "[AM0PR01MB4106.eurprd01.prod.exchangelabs.com]",
              "Service unavailable, Client host [203.0.113.5] blocked "
              "using Spamhaus. To request removal from this list see "
              "https://www.spamhaus.org/query/ip/203.0.113.5 AS(1450) "
              "[AM0PR01MB4106.eurprd01.prod.exchangelabs.com]");
  smtpreply_parser_free (p);
}

static void
reads_greylisting_replies (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r = feed_reply (
      p, "450 4.2.0 <info@shop.example.org>: Recipient address rejected: "
         "Greylisted, see "
         "http://postgrey.schweikert.ch/help/shop.example.org.html\r\n");
  assert_int_equal (smtpreply_response_code (r), 450);
  assert_int_equal (smtpreply_response_flags (r), 0);
  check_enhanced (r, 4, 2, 0);
  check_line (r, 0,
              "4.2.0 <info@shop.example.org>: Recipient address rejected: "
              "Greylisted, see "
              "http://postgrey.schweikert.ch/help/shop.example.org.html",
              "<info@shop.example.org>: Recipient address rejected: "
              "Greylisted, see "
              "http://postgrey.schweikert.ch/help/shop.example.org.html");
  r = feed_reply (p, "451 4.7.1 Greylisting in action, please come back "
                     "later\r\n");
  assert_int_equal (smtpreply_response_code (r), 451);
  assert_int_equal (smtpreply_response_flags (r), 0);
  check_enhanced (r, 4, 7, 1);
  check_line (r, 0, "4.7.1 Greylisting in action, please come back later",
              "Greylisting in action, please come back later");
  assert_int_equal (smtpreply_response_offset (r), 137);
  assert_int_equal (smtpreply_response_line_number (r), 2);
  smtpreply_parser_free (p);
}

static void
reads_auth_challenges_bare_or_not (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r = feed_reply (p, "334\r\n");
  assert_int_equal (smtpreply_response_code (r), 334);
  assert_int_equal (smtpreply_response_flags (r), SMTPREPLY_FLAG_BARE_CODE);
  check_enhanced (r, 0, 0, 0);
  check_line (r, 0, "", "");
  r = feed_reply (p, "334 VXNlcm5hbWU6\r\n");
  assert_int_equal (smtpreply_response_code (r), 334);
  assert_int_equal (smtpreply_response_flags (r), 0);
  check_line (r, 0, "VXNlcm5hbWU6", "VXNlcm5hbWU6");
  assert_int_equal (smtpreply_response_offset (r), 5);
  r = feed_reply (p, "235 2.7.0 Authentication successful\r\n");
  check_enhanced (r, 2, 7, 0);
  smtpreply_parser_free (p);
}

static void
reads_a_multi_line_220_banner (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  const struct smtpreply_response *r
      = feed_reply (p, "220-mx.example.net ESMTP Postfix (Debian/GNU)\r\n"
                       "220-Unsolicited bulk mail is not accepted here.\r\n"
                       "220 mx.example.net ESMTP ready\r\n");
  assert_int_equal (smtpreply_response_code (r), 220);
  assert_int_equal (smtpreply_response_flags (r), 0);
  assert_int_equal (smtpreply_response_line_count (r), 3);
  check_line (r, 0, "mx.example.net ESMTP Postfix (Debian/GNU)",
              "mx.example.net ESMTP Postfix (Debian/GNU)");
  check_line (r, 1, "Unsolicited bulk mail is not accepted here.",
              "Unsolicited bulk mail is not accepted here.");
  check_line (r, 2, "mx.example.net ESMTP ready",
              "mx.example.net ESMTP ready");
  smtpreply_parser_free (p);
}

static void
reads_a_session_fed_in_tcp_sized_pieces (void **state)
{
  (void) state;
  struct smtpreply_parser *p = new_parser ();
  /* A reply split inside its CRLF, and two replies in one read.  */
  assert_int_equal (feed_n (p, "220 mx ESMTP\r", 13, NULL), 0);
  size_t used;
  assert_int_equal (feed_n (p, "\n250-mx\r\n250 DSN\r\n", 18, &used),
                    SMTPREPLY_READY);
  assert_int_equal (used, 1);
  const struct smtpreply_response *r = smtpreply_parser_reply (p);
  check_line (r, 0, "mx ESMTP", "mx ESMTP");
  assert_int_equal (feed_n (p, "250-mx\r\n250 DSN\r\n", 17, &used),
                    SMTPREPLY_READY);
  assert_int_equal (used, 17);
  r = smtpreply_parser_reply (p);
  assert_int_equal (smtpreply_response_line_count (r), 2);
  assert_int_equal (smtpreply_response_offset (r), 14);
  /* A feed that completes nothing hands out nothing.  */
  assert_int_equal (feed_n (p, "250 2.1", 7, NULL), 0);
  assert_null (smtpreply_parser_reply (p));
  r = feed_reply (p, ".0 Ok\r\n");
  check_enhanced (r, 2, 1, 0);
  assert_int_equal (smtpreply_response_offset (r), 31);
  smtpreply_parser_free (p);
}

/* ------------------------------------------------------------------------
   The same stream in any chunking.  */

/* What one call of smtpreply_parser_feed (or _finish) gave, when it gave
   anything but 0.  */
struct event
{
  int finish; /* 1 for the result of smtpreply_parser_finish */
  int rc;
  int code;
  unsigned int flags;
  int has_enhanced;
  struct smtpreply_enhanced_code enhanced;
  size_t line_count;
  char text[512]; /* the lines, each ended by '\n' */
  size_t text_len;
  size_t offset;
  size_t line_number;
  size_t error_offset;
  size_t error_line;
};

#define MAX_EVENTS 256

/* Store in *E what P holds after a call that returned RC.  */
static void
record (const struct smtpreply_parser *p, int rc, int finish, struct event *e)
{
  memset (e, 0, sizeof *e);
  e->finish = finish;
  e->rc = rc;
  e->error_offset = smtpreply_parser_error_offset (p);
  e->error_line = smtpreply_parser_error_line (p);
  if (rc != SMTPREPLY_READY)
    return;
  const struct smtpreply_response *r = smtpreply_parser_reply (p);
  assert_non_null (r);
  e->code = smtpreply_response_code (r);
  e->flags = smtpreply_response_flags (r);
  const struct smtpreply_enhanced_code *x = smtpreply_response_enhanced (r);
  if (x != NULL)
    {
      e->has_enhanced = 1;
      e->enhanced = *x;
    }
  e->line_count = smtpreply_response_line_count (r);
  for (size_t i = 0; i < e->line_count; i++)
    {
      size_t len;
      const char *s = smtpreply_response_line (r, i, &len);
      assert_non_null (s);
      assert_true (e->text_len + len + 1 <= sizeof e->text);
      memcpy (e->text + e->text_len, s, len);
      e->text_len += len;
      e->text[e->text_len++] = '\n';
    }
  e->offset = smtpreply_response_offset (r);
  e->line_number = smtpreply_response_line_number (r);
}

/* The settings of the parsers of a chunking test.  */
struct settings
{
  size_t line_length;
  size_t lines;
  size_t reply_bytes;
  unsigned int strict;
};

/* Feed the LEN bytes at BUF to a new parser with settings S in pieces
   that end at the NCUTS offsets of CUTS (ascending, inside the buffer)
   and at LEN, then finish.  Store every event in EVENTS and return their
   number.  */
static size_t
run (const char *buf, size_t len, const size_t *cuts, size_t ncuts,
     const struct settings *s, struct event *events)
{
  struct smtpreply_parser *p = new_parser ();
  assert_int_equal (smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH,
                                                s->line_length),
                    0);
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES, s->lines), 0);
  assert_int_equal (smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES,
                                                s->reply_bytes),
                    0);
  assert_int_equal (smtpreply_parser_set_strict (p, s->strict), 0);
  size_t n = 0;
  size_t start = 0;
  for (size_t c = 0; c <= ncuts; c++)
    {
      size_t end = c < ncuts ? cuts[c] : len;
      assert_true (start <= end && end <= len);
      size_t pos = start;
      size_t calls = 0;
      while (pos < end)
        {
          size_t used;
          int rc = feed_n (p, buf + pos, end - pos, &used);
          if (rc != 0)
            {
              assert_true (n < MAX_EVENTS);
              record (p, rc, 0, &events[n++]);
            }
          pos += used;
          /* Each call takes a byte, or hands out something.  */
          assert_true (++calls <= 2 * (end - start) + 2);
        }
      start = end;
    }
  assert_true (n < MAX_EVENTS);
  record (p, smtpreply_parser_finish (p), 1, &events[n++]);
  smtpreply_parser_free (p);
  return n;
}

/* Compare the events of a chunked run with those of the whole buffer.  */
static void
compare_runs (const struct event *want, size_t n_want, const struct event *got,
              size_t n_got, const char *how)
{
  if (n_got != n_want)
    print_error ("%s: %zu events, not %zu\n", how, n_got, n_want);
  assert_int_equal (n_got, n_want);
  for (size_t i = 0; i < n_want; i++)
    {
      const struct event *a = &want[i];
      const struct event *b = &got[i];
      if (a->finish != b->finish || a->rc != b->rc || a->code != b->code
          || a->flags != b->flags || a->has_enhanced != b->has_enhanced
          || a->enhanced.cls != b->enhanced.cls
          || a->enhanced.subject != b->enhanced.subject
          || a->enhanced.detail != b->enhanced.detail
          || a->line_count != b->line_count || a->text_len != b->text_len
          || memcmp (a->text, b->text, a->text_len) != 0
          || a->offset != b->offset || a->line_number != b->line_number
          || a->error_offset != b->error_offset
          || a->error_line != b->error_line)
        {
          print_error ("%s: event %zu differs: rc %d/%d code %d/%d flags "
                       "%#x/%#x offset %zu/%zu line %zu/%zu error %zu/%zu "
                       "line %zu/%zu\n",
                       how, i, a->rc, b->rc, a->code, b->code, a->flags,
                       b->flags, a->offset, b->offset, a->line_number,
                       b->line_number, a->error_offset, b->error_offset,
                       a->error_line, b->error_line);
          fail ();
        }
    }
}

/* A stream of replies, flags and errors, with LINE_LENGTH 40, LINES 4 and
   REPLY_BYTES 100.  The offset and line of each line are in comments.  */
static const char chunk_stream[]
    = "220-mx.example.net ESMTP\r\n" /* 0, line 1 */
      "220 ready\r\n"                /* 26, line 2 */
      "250-a\r\n"                    /* 37, line 3 */
      "550 b\n"                      /* 44, line 4 */
      "25x oops\r\n"                 /* 50, line 5: BAD_CODE at 52 */
      "550 5.1.1 nul\0here\r\n"      /* 60, line 6: NUL at 73 */
      "334\r\n"                      /* 80, line 7 */
      "250 yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\r\n"
      /* 85, line 8: LINE_TOO_LONG at 124 */
      "250-1\r\n" /* 131, line 9 */
      "250-2\r\n" /* 138, line 10 */
      "250-3\r\n" /* 145, line 11 */
      "250-4\r\n" /* 152, line 12 */
      "250 5\r\n" /* 159, line 13: TOO_MANY_LINES */
      "250-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\r\n" /* 166, line 14 */
      "250-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\r\n" /* 202, line 15 */
      "250-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\r\n"
      /* 238, line 16: REPLY_TOO_LONG at 265 */
      "250 ok\r\n"                  /* 274, line 17 */
      "550-5.1.1 a\r\n"             /* 282, line 18 */
      "550 5.1.1 b\r\n"             /* 295, line 19 */
      "250 caf\xc3\xa9 \x1b[1m\r\n" /* 308, line 20 */
      "650 x\r\n"                   /* 324, line 21: BAD_CLASS */
      "250-partial\r\n"             /* 331, line 22 */
      "250 cut";                    /* 344, line 23: TRUNCATED at 351 */

static void
gives_the_expected_events_for_the_whole_stream (void **state)
{
  (void) state;
  static const struct
  {
    int rc;
    int code;
    unsigned int flags;
    const char *text;
    size_t offset;
    size_t line_number;
    size_t error_offset;
    size_t error_line;
  } want[] = {
    { SMTPREPLY_READY, 220, 0, "mx.example.net ESMTP\nready\n", 0, 1, 0, 0 },
    { SMTPREPLY_READY, 250,
      SMTPREPLY_FLAG_CODE_MISMATCH | SMTPREPLY_FLAG_BARE_LF, "a\nb\n", 37, 3,
      0, 0 },
    { SMTPREPLY_EBAD_CODE, 0, 0, "", 0, 0, 52, 5 },
    { SMTPREPLY_ENUL, 0, 0, "", 0, 0, 73, 6 },
    { SMTPREPLY_READY, 334, SMTPREPLY_FLAG_BARE_CODE, "\n", 80, 7, 73, 6 },
    { SMTPREPLY_ELINE_TOO_LONG, 0, 0, "", 0, 0, 124, 8 },
    { SMTPREPLY_ETOO_MANY_LINES, 0, 0, "", 0, 0, 159, 13 },
    { SMTPREPLY_EREPLY_TOO_LONG, 0, 0, "", 0, 0, 265, 16 },
    { SMTPREPLY_READY, 250, 0, "ok\n", 274, 17, 265, 16 },
    { SMTPREPLY_READY, 550, 0, "5.1.1 a\n5.1.1 b\n", 282, 18, 265, 16 },
    { SMTPREPLY_READY, 250, SMTPREPLY_FLAG_EIGHT_BIT | SMTPREPLY_FLAG_CONTROL,
      "caf\xc3\xa9 \x1b[1m\n", 308, 20, 265, 16 },
    { SMTPREPLY_EBAD_CLASS, 0, 0, "", 0, 0, 324, 21 },
    /* The finish.  */
    { SMTPREPLY_ETRUNCATED, 0, 0, "", 0, 0, 351, 23 },
  };
  size_t n_want = sizeof want / sizeof want[0];
  assert_int_equal (sizeof chunk_stream - 1, 351);
  struct event *got = calloc (MAX_EVENTS, sizeof *got);
  assert_non_null (got);
  static const struct settings settings = { 40, 4, 100, 0 };
  size_t n
      = run (chunk_stream, sizeof chunk_stream - 1, NULL, 0, &settings, got);
  assert_int_equal (n, n_want);
  for (size_t i = 0; i < n_want; i++)
    {
      if (got[i].rc != want[i].rc)
        print_error ("event %zu: rc %d\n", i, got[i].rc);
      assert_int_equal (got[i].rc, want[i].rc);
      assert_int_equal (got[i].finish, i == n_want - 1);
      assert_int_equal (got[i].code, want[i].code);
      assert_int_equal (got[i].flags, want[i].flags);
      assert_int_equal (got[i].text_len, strlen (want[i].text));
      assert_memory_equal (got[i].text, want[i].text, got[i].text_len);
      assert_int_equal (got[i].offset, want[i].offset);
      assert_int_equal (got[i].line_number, want[i].line_number);
      assert_int_equal (got[i].error_offset, want[i].error_offset);
      assert_int_equal (got[i].error_line, want[i].error_line);
    }
  assert_int_equal (got[9].has_enhanced, 1);
  assert_int_equal (got[9].enhanced.cls, 5);
  assert_int_equal (got[9].enhanced.subject, 1);
  assert_int_equal (got[9].enhanced.detail, 1);
  assert_int_equal (got[0].has_enhanced, 0);
  free (got);
}

/* Check that the LEN bytes at STREAM give the same events whole, split at
   each single offset, byte by byte, and in pseudo-random pieces, with
   settings S.  Return the number of events.  */
static size_t
check_chunking (const char *stream, size_t len, const struct settings *s)
{
  struct event *whole = calloc (MAX_EVENTS, sizeof *whole);
  struct event *got = calloc (MAX_EVENTS, sizeof *got);
  size_t *cuts = calloc (len, sizeof *cuts);
  assert_non_null (whole);
  assert_non_null (got);
  assert_non_null (cuts);
  size_t n_whole = run (stream, len, NULL, 0, s, whole);
  char how[64];
  for (size_t k = 1; k < len; k++)
    {
      size_t n = run (stream, len, &k, 1, s, got);
      snprintf (how, sizeof how, "split at %zu", k);
      compare_runs (whole, n_whole, got, n, how);
    }
  for (size_t k = 1; k < len; k++)
    cuts[k - 1] = k;
  size_t n = run (stream, len, cuts, len - 1, s, got);
  compare_runs (whole, n_whole, got, n, "byte by byte");
  uint32_t seed = 5321;
  for (int round = 0; round < 200; round++)
    {
      size_t ncuts = 0;
      for (size_t k = 1; k < len; k++)
        {
          seed = seed * 1103515245u + 12345u;
          if ((seed >> 16) % 5 == 0)
            cuts[ncuts++] = k;
        }
      n = run (stream, len, cuts, ncuts, s, got);
      snprintf (how, sizeof how, "random round %d", round);
      compare_runs (whole, n_whole, got, n, how);
    }
  free (cuts);
  free (got);
  free (whole);
  return n_whole;
}

static void
gives_the_same_events_in_any_chunking (void **state)
{
  (void) state;
  static const struct settings settings = { 40, 4, 100, 0 };
  assert_int_equal (
      check_chunking (chunk_stream, sizeof chunk_stream - 1, &settings), 13);
}

static void
gives_the_same_errors_in_any_chunking_when_strict (void **state)
{
  (void) state;
  static const struct settings settings = { 40, 4, 100, 0x3ff };
  /* Every reply with a flag is an error now; the clean ones remain.  */
  assert_int_equal (
      check_chunking (chunk_stream, sizeof chunk_stream - 1, &settings), 13);
}

/* A limit set between two feeds: before the byte at OFFSET, limit WHICH
   becomes VALUE.  */
struct limit_change
{
  size_t offset;
  int which;
  size_t value;
};

/* Feed the LEN bytes at BUF to a new parser with settings S, making the
   NCHANGES changes of CHANGES (by ascending offset) on the way: one byte
   per call if BY_BYTE, else each piece between two changes in one call.
   Then finish.  Store every event in EVENTS and return their number.  */
static size_t
run_with_changes (const char *buf, size_t len, const struct settings *s,
                  const struct limit_change *changes, size_t nchanges,
                  int by_byte, struct event *events)
{
  struct smtpreply_parser *p = new_parser ();
  smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH, s->line_length);
  smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES, s->lines);
  smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES, s->reply_bytes);
  smtpreply_parser_set_strict (p, s->strict);
  size_t n = 0;
  size_t pos = 0;
  size_t next = 0;
  while (pos < len)
    {
      while (next < nchanges && changes[next].offset == pos)
        {
          assert_int_equal (smtpreply_parser_set_limit (p, changes[next].which,
                                                        changes[next].value),
                            0);
          next++;
        }
      size_t end = next < nchanges ? changes[next].offset : len;
      size_t piece = by_byte ? 1 : end - pos;
      size_t used;
      int rc = feed_n (p, buf + pos, piece, &used);
      if (rc != 0)
        {
          assert_true (n < MAX_EVENTS);
          record (p, rc, 0, &events[n++]);
        }
      pos += used;
    }
  assert_true (n < MAX_EVENTS);
  record (p, smtpreply_parser_finish (p), 1, &events[n++]);
  smtpreply_parser_free (p);
  return n;
}

static void
reads_byte_by_byte_as_in_pieces_when_limits_change (void **state)
{
  (void) state;
  /* Byte by byte, most bytes take the parser's short path; in pieces,
     none do.  The limits are lowered and raised inside lines, inside a
     code and inside replies.  */
  static const struct settings settings = { 40, 4, 100, 0 };
  static const struct limit_change changes[] = {
    { 2, SMTPREPLY_LIMIT_LINE_LENGTH, 8 },    /* inside "220-mx..." */
    { 20, SMTPREPLY_LIMIT_LINE_LENGTH, 40 },
    { 39, SMTPREPLY_LIMIT_REPLY_BYTES, 12 },  /* inside "250-a" */
    { 52, SMTPREPLY_LIMIT_REPLY_BYTES, 100 },
    { 140, SMTPREPLY_LIMIT_LINES, 2 },        /* inside "250-2" */
    { 170, SMTPREPLY_LIMIT_LINES, 4 },
    { 250, SMTPREPLY_LIMIT_LINE_LENGTH, 6 },  /* inside "250-zzz..." */
    { 276, SMTPREPLY_LIMIT_LINE_LENGTH, 40 }, /* inside "250 ok" */
    { 294, SMTPREPLY_LIMIT_REPLY_BYTES, 12 }, /* the LF of "550-5.1.1 a" */
    { 295, SMTPREPLY_LIMIT_REPLY_BYTES, 100 },
  };
  size_t nchanges = sizeof changes / sizeof changes[0];
  struct event *pieces = calloc (MAX_EVENTS, sizeof *pieces);
  struct event *bytes = calloc (MAX_EVENTS, sizeof *bytes);
  assert_non_null (pieces);
  assert_non_null (bytes);
  size_t n_pieces
      = run_with_changes (chunk_stream, sizeof chunk_stream - 1, &settings,
                          changes, nchanges, 0, pieces);
  size_t n_bytes
      = run_with_changes (chunk_stream, sizeof chunk_stream - 1, &settings,
                          changes, nchanges, 1, bytes);
  compare_runs (pieces, n_pieces, bytes, n_bytes, "byte by byte");
  /* The lowered limits broke lines that the first run read whole: the
     line of 220 at byte 8, then the reply of 250 and the line of 250-4.  */
  /* The lowered limits broke lines and replies that the same stream with
     fixed limits gives whole (gives_the_expected_events_for_the_whole_stream):
     the line of 220-mx, the reply of 250-a, the reply at 250-3, the line
     of 250-zzz and, at its LF, the reply of 550-5.1.1, whose second line
     is a reply of its own then.  */
  static const struct
  {
    int rc;
    size_t error_offset;
  } want[] = {
    { SMTPREPLY_ELINE_TOO_LONG, 7 },    { SMTPREPLY_READY, 7 },
    { SMTPREPLY_EREPLY_TOO_LONG, 48 },  { SMTPREPLY_EBAD_CODE, 52 },
    { SMTPREPLY_ENUL, 73 },             { SMTPREPLY_READY, 73 },
    { SMTPREPLY_ELINE_TOO_LONG, 124 },  { SMTPREPLY_ETOO_MANY_LINES, 145 },
    { SMTPREPLY_READY, 145 },           { SMTPREPLY_ELINE_TOO_LONG, 250 },
    { SMTPREPLY_READY, 250 },           { SMTPREPLY_EREPLY_TOO_LONG, 294 },
    { SMTPREPLY_READY, 294 },           { SMTPREPLY_READY, 294 },
    { SMTPREPLY_EBAD_CLASS, 324 },      { SMTPREPLY_ETRUNCATED, 351 },
  };
  assert_int_equal (n_pieces, sizeof want / sizeof want[0]);
  for (size_t i = 0; i < n_pieces; i++)
    {
      assert_int_equal (pieces[i].rc, want[i].rc);
      assert_int_equal (pieces[i].error_offset, want[i].error_offset);
    }
  free (bytes);
  free (pieces);
}

/* What a scan records, and when its function stops it.  */
struct scan_log
{
  struct event *events;
  size_t n;
  size_t stop_at; /* stop (return 7) at this event, if not SIZE_MAX */
};

/* The function smtpreply_parser_scan calls: record the event in the
   struct scan_log at CTX as run () would.  */
static int
record_scan (void *ctx, struct smtpreply_parser *p,
             const struct smtpreply_response *r, int error)
{
  struct scan_log *log = ctx;
  assert_true (log->n < MAX_EVENTS);
  if (r != NULL)
    {
      assert_int_equal (error, 0);
      assert_ptr_equal (r, smtpreply_parser_reply (p));
      record (p, SMTPREPLY_READY, 0, &log->events[log->n++]);
    }
  else
    {
      assert_true (error < 0);
      record (p, error, 0, &log->events[log->n++]);
    }
  return log->n - 1 == log->stop_at ? 7 : 0;
}

/* Scan the LEN bytes at BUF with a parser of settings S in pieces of
   PIECE bytes, then end the stream; store the events in LOG.  With
   LOG->stop_at set, the scan is stopped there once and resumed at the
   byte it stopped at.  */
static void
scan_run (const char *buf, size_t len, size_t piece, const struct settings *s,
          struct scan_log *log)
{
  struct smtpreply_parser *p = new_parser ();
  smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH, s->line_length);
  smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES, s->lines);
  smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES, s->reply_bytes);
  smtpreply_parser_set_strict (p, s->strict);
  log->n = 0;
  for (size_t pos = 0; pos < len;)
    {
      size_t n = len - pos < piece ? len - pos : piece;
      size_t used = SIZE_MAX;
      int rc = smtpreply_parser_scan (p, buf + pos, n, 0, record_scan, log,
                                      &used);
      if (rc == 7)
        {
          assert_true (used <= n);
          log->stop_at = SIZE_MAX;
          pos += used;
          continue;
        }
      assert_int_equal (rc, 0);
      assert_int_equal (used, n);
      pos += n;
    }
  /* The end of the stream may be the event the scan stops at.  */
  int rc = smtpreply_parser_scan (p, NULL, 0, 1, record_scan, log, NULL);
  assert_true (rc == 0 || (rc == 7 && log->stop_at == log->n - 1));
  smtpreply_parser_free (p);
}

/* Check that scanning STREAM gives the events of feeding it: every
   reply and every error once, in order, for pieces of every size, and
   when a scan is stopped and resumed at each event.  */
static void
check_scan (const char *stream, size_t len, const struct settings *s)
{
  struct event *want = calloc (MAX_EVENTS, sizeof *want);
  struct event *got = calloc (MAX_EVENTS, sizeof *got);
  assert_non_null (want);
  assert_non_null (got);
  size_t n_want = run (stream, len, NULL, 0, s, want);
  /* run () records the end of the stream whatever it gave; a scan reports
     it only when it is an error.  */
  if (want[n_want - 1].rc == 0)
    n_want--;
  else
    want[n_want - 1].finish = 0;
  char how[64];
  for (size_t piece = 1; piece <= len; piece++)
    {
      struct scan_log log = { got, 0, SIZE_MAX };
      scan_run (stream, len, piece, s, &log);
      snprintf (how, sizeof how, "scan in pieces of %zu", piece);
      compare_runs (want, n_want, got, log.n, how);
    }
  for (size_t stop = 0; stop < n_want; stop++)
    {
      struct scan_log log = { got, 0, stop };
      scan_run (stream, len, len, s, &log);
      snprintf (how, sizeof how, "scan stopped at event %zu", stop);
      compare_runs (want, n_want, got, log.n, how);
    }
  free (got);
  free (want);
}

static void
scans_every_event_once_in_order (void **state)
{
  (void) state;
  static const struct settings loose = { 40, 4, 100, 0 };
  static const struct settings strict = { 40, 4, 100, 0x3ff };
  check_scan (chunk_stream, sizeof chunk_stream - 1, &loose);
  check_scan (chunk_stream, sizeof chunk_stream - 1, &strict);
  /* Bad arguments.  */
  struct smtpreply_parser *p = new_parser ();
  struct scan_log log = { NULL, 0, SIZE_MAX };
  size_t used = 5;
  assert_int_equal (smtpreply_parser_scan (NULL, "250 x\r\n", 7, 0,
                                           record_scan, &log, &used),
                    SMTPREPLY_EINVAL);
  assert_int_equal (used, 0);
  assert_int_equal (smtpreply_parser_scan (p, "250 x\r\n", 7, 0, NULL, &log,
                                           NULL),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_parser_scan (p, NULL, 7, 0, record_scan, &log,
                                           NULL),
                    SMTPREPLY_EINVAL);
  smtpreply_parser_free (p);
}

/* Lines that end a rule at their very first or last byte, with
   LINE_LENGTH 12, LINES 3 and REPLY_BYTES 24.  */
static const char edge_stream[]
    = "250-a\r\n250-b\r\n250-c\r\n\n"  /* the LF is line 4 of a reply */
      "\0\r\n"                         /* NUL first */
      "250 12345678\r\n"               /* too long at '8' */
      "250 1234567\r\n"                /* too long at the CR */
      "250 1234567\n"                  /* 12 bytes: fits */
      "250-aaaaaa\r\n250-bbbbbb\r\n\n" /* 24 bytes, then an LF too many */
      "250\n"                          /* a bare code and a bare LF */
      "250-\r\n250 \r\n"               /* empty texts */
      "\r\n"                           /* no code */
      "250 x\r\r\n"                    /* a CR in the text */
      "25";                            /* cut off */

static void
gives_the_same_events_at_the_edges_in_any_chunking (void **state)
{
  (void) state;
  static const struct settings settings = { 12, 3, 24, 0 };
  static const int want[] = {
    SMTPREPLY_ETOO_MANY_LINES, SMTPREPLY_ENUL,       SMTPREPLY_ELINE_TOO_LONG,
    SMTPREPLY_ELINE_TOO_LONG,  SMTPREPLY_READY,      SMTPREPLY_EREPLY_TOO_LONG,
    SMTPREPLY_READY,           SMTPREPLY_READY,      SMTPREPLY_EBAD_CODE,
    SMTPREPLY_READY,           SMTPREPLY_ETRUNCATED,
  };
  static const size_t want_offset[]
      = { 21, 22, 36, 50, 0, 88, 0, 0, 105, 0, 117 };
  size_t len = sizeof edge_stream - 1;
  assert_int_equal (len, 117);
  assert_int_equal (check_chunking (edge_stream, len, &settings), 11);
  struct event *got = calloc (MAX_EVENTS, sizeof *got);
  assert_non_null (got);
  assert_int_equal (run (edge_stream, len, NULL, 0, &settings, got), 11);
  for (size_t i = 0; i < 11; i++)
    {
      assert_int_equal (got[i].rc, want[i]);
      if (want[i] < 0)
        assert_int_equal (got[i].error_offset, want_offset[i]);
    }
  assert_int_equal (got[4].offset, 52);
  assert_int_equal (got[6].flags,
                    SMTPREPLY_FLAG_BARE_CODE | SMTPREPLY_FLAG_BARE_LF);
  assert_int_equal (got[7].line_count, 2);
  assert_int_equal (got[9].flags, SMTPREPLY_FLAG_CONTROL);
  free (got);
  /* The same, strict about everything.  */
  static const struct settings strict = { 12, 3, 24, 0x3ff };
  assert_int_equal (check_chunking (edge_stream, len, &strict), 11);
}

/* Check that a line whose byte K is B gives the same events with the SSE2
   path of the line scan as with the plain one, whole and byte by byte,
   for every K of a line longer than two blocks of sixteen bytes, and
   that the flags are those of B.  */
static void
check_special_byte_everywhere (char b, unsigned int flags)
{
  static const struct settings settings = { 512, 100, 65536, 0 };
  struct event *want = calloc (MAX_EVENTS, sizeof *want);
  struct event *got = calloc (MAX_EVENTS, sizeof *got);
  assert_non_null (want);
  assert_non_null (got);
  for (size_t k = 4; k < 44; k++)
    {
      /* "250 xxx...x" with B at K, then "\r\n" and "250 ok\r\n".  */
      char stream[64];
      memset (stream, 'x', 44);
      memcpy (stream, "250 ", 4);
      stream[k] = b;
      memcpy (stream + 44, "\r\n250 ok\r\n", 10);
      size_t len = 54;
      smtpreply__simd = SMTPREPLY__SIMD_BEST;
      size_t n_want = run (stream, len, NULL, 0, &settings, want);
      smtpreply__simd = 0;
      size_t n_got = run (stream, len, NULL, 0, &settings, got);
      smtpreply__simd = SMTPREPLY__SIMD_BEST;
      compare_runs (want, n_want, got, n_got, "plain path");
      /* The reply, the next one and the finish.  */
      assert_int_equal (n_want, 3);
      assert_int_equal (want[0].rc, SMTPREPLY_READY);
      assert_int_equal (want[0].flags, flags);
      assert_int_equal (want[0].text_len, 41);
      assert_int_equal (want[0].text[k - 4], b);
      assert_int_equal (want[1].rc, SMTPREPLY_READY);
      assert_int_equal (want[1].offset, 46);
      size_t cuts[53];
      for (size_t i = 1; i < len; i++)
        cuts[i - 1] = i;
      n_got = run (stream, len, cuts, len - 1, &settings, got);
      compare_runs (want, n_want, got, n_got, "byte by byte");
    }
  free (got);
  free (want);
}

static void
finds_special_bytes_at_every_place_with_either_path (void **state)
{
  (void) state;
  check_special_byte_everywhere ('\x01', SMTPREPLY_FLAG_CONTROL);
  check_special_byte_everywhere ('\t', 0);
  check_special_byte_everywhere ('\x1f', SMTPREPLY_FLAG_CONTROL);
  check_special_byte_everywhere ('\x7f', SMTPREPLY_FLAG_CONTROL);
  check_special_byte_everywhere ('\x80', SMTPREPLY_FLAG_EIGHT_BIT);
  check_special_byte_everywhere ('\xff', SMTPREPLY_FLAG_EIGHT_BIT);
  check_special_byte_everywhere ('~', 0);
  check_special_byte_everywhere (' ', 0);
}

/* Check that the text of N bytes, all 'x' but for B at K, of a reply
   fed whole and byte by byte, gives FLAGS, and when strict about them,
   the error at B's offset.  */
static void
check_special_byte_in_text (size_t n, size_t k, char b, unsigned int flags)
{
  static const struct settings lax = { 512, 100, 65536, 0 };
  static const struct settings strict = { 512, 100, 65536,
                                          SMTPREPLY_FLAG_CONTROL
                                              | SMTPREPLY_FLAG_EIGHT_BIT };
  struct event *got = calloc (MAX_EVENTS, sizeof *got);
  assert_non_null (got);
  char stream[64];
  memcpy (stream, "250 ", 4);
  memset (stream + 4, 'x', n);
  stream[4 + k] = b;
  memcpy (stream + 4 + n, "\r\n", 2);
  size_t len = 4 + n + 2;
  size_t cuts[64];
  for (size_t i = 1; i < len; i++)
    cuts[i - 1] = i;
  for (int bytes = 0; bytes <= 1; bytes++)
    {
      size_t ncuts = bytes ? len - 1 : 0;
      assert_int_equal (run (stream, len, cuts, ncuts, &lax, got), 2);
      assert_int_equal (got[0].rc, SMTPREPLY_READY);
      assert_int_equal (got[0].flags, flags);
      assert_int_equal (got[0].text_len, n + 1);
      assert_int_equal (run (stream, len, cuts, ncuts, &strict, got), 2);
      assert_int_equal (got[0].rc, flags == SMTPREPLY_FLAG_CONTROL
                                       ? SMTPREPLY_ECONTROL
                                       : SMTPREPLY_EEIGHT_BIT);
      assert_int_equal (got[0].error_offset, 4 + k);
    }
  free (got);
}

static void
flags_a_special_byte_at_every_place_of_short_texts (void **state)
{
  (void) state;
  /* Texts of 1 to 24 bytes: less than a word of eight, and every length
     of one to three words and a part of one, whose last bytes are read
     as a word that overlaps the one before.  */
  for (size_t n = 1; n <= 24; n++)
    for (size_t k = 0; k < n; k++)
      {
        check_special_byte_in_text (n, k, '\x01', SMTPREPLY_FLAG_CONTROL);
        check_special_byte_in_text (n, k, '\x7f', SMTPREPLY_FLAG_CONTROL);
        check_special_byte_in_text (n, k, '\xe9', SMTPREPLY_FLAG_EIGHT_BIT);
      }
}

static void
holds_a_line_fed_byte_by_byte_to_limits_lowered_inside_it (void **state)
{
  (void) state;
  /* Fed alone, the bytes of a line's text past its code take a short
     path once the line is known to have room (the fifth byte on): a limit
     lowered after that, and a reset, must hold for the bytes that
     follow.  */
  struct smtpreply_parser *p = new_parser ();
  const char line[] = "250-abcdefghijk\n";
  size_t used;
  int rc = 0;
  size_t i = 0;
  for (; i < 8; i++)
    {
      assert_int_equal (smtpreply_parser_feed (p, line + i, 1, &used), 0);
      assert_int_equal (used, 1);
    }
  /* Eight bytes read; a line of at most 10 bytes with its LF takes one
     more text byte and refuses the one after.  */
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH, 10), 0);
  assert_int_equal (smtpreply_parser_feed (p, line + i++, 1, &used), 0);
  rc = smtpreply_parser_feed (p, line + i, 1, &used);
  assert_int_equal (rc, SMTPREPLY_ELINE_TOO_LONG);
  assert_int_equal (smtpreply_parser_error_offset (p), 9);

  /* After a reset the stream starts at offset 0 again, with a reply-bytes
     limit lowered in between: the line of the same start is held to it.  */
  smtpreply_parser_reset (p);
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH, 40), 0);
  for (i = 0; i < 6; i++)
    assert_int_equal (smtpreply_parser_feed (p, line + i, 1, &used), 0);
  smtpreply_parser_reset (p);
  assert_int_equal (
      smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES, 8), 0);
  for (i = 0; i < sizeof line - 1; i++)
    {
      rc = smtpreply_parser_feed (p, line + i, 1, &used);
      if (rc != 0)
        break;
    }
  assert_int_equal (rc, SMTPREPLY_EREPLY_TOO_LONG);
  assert_int_equal (smtpreply_parser_error_offset (p), 7);
  smtpreply_parser_free (p);
}

/* Return the next number of the fixed-seed generator at *SEED.  */
static uint32_t
next_random (uint32_t *seed)
{
  *seed = *seed * 1103515245u + 12345u;
  return *seed >> 8;
}

static void
gives_the_same_events_for_random_streams_in_any_chunking (void **state)
{
  (void) state;
  /* Pieces of replies, good and bad, glued at random.  */
  static const char *const pieces[] = {
    "250",   "250-",    "250 ", "550",  "550-",  "5.1.1 ", "4.2.2 ",
    "2.0.0", "5.01.1 ", "\r\n", "\r\n", "\n",    "\r",     "x",
    " ",     "1",       "110 ", "334",  "\x1b[", "\xff",   "\xc3\xa9",
    "6",     "-",       ".",    "",
  };
  const size_t n_pieces = sizeof pieces / sizeof pieces[0];
  char stream[256];
  size_t cuts[256];
  struct event *whole = calloc (MAX_EVENTS, sizeof *whole);
  struct event *got = calloc (MAX_EVENTS, sizeof *got);
  assert_non_null (whole);
  assert_non_null (got);
  uint32_t seed = 20261128;
  for (int round = 0; round < 400; round++)
    {
      size_t len = 0;
      size_t count = next_random (&seed) % 60;
      for (size_t t = 0; t < count; t++)
        {
          size_t k = next_random (&seed) % n_pieces;
          /* The last piece stands for a NUL byte.  */
          const char *piece = k == n_pieces - 1 ? "\0" : pieces[k];
          size_t n = k == n_pieces - 1 ? 1 : strlen (piece);
          if (len + n > sizeof stream)
            break;
          memcpy (stream + len, piece, n);
          len += n;
        }
      struct settings settings;
      settings.line_length = 4 + next_random (&seed) % 30;
      settings.lines = 1 + next_random (&seed) % 5;
      settings.reply_bytes = 1 + next_random (&seed) % 80;
      settings.strict
          = next_random (&seed) % 3 == 0 ? next_random (&seed) & 0x3ff : 0;
      size_t n_whole = run (stream, len, NULL, 0, &settings, whole);
      for (size_t k = 1; k < len; k++)
        cuts[k - 1] = k;
      size_t n
          = run (stream, len, cuts, len > 0 ? len - 1 : 0, &settings, got);
      compare_runs (whole, n_whole, got, n, "byte by byte");
      size_t ncuts = 0;
      for (size_t k = 1; k < len; k++)
        if (next_random (&seed) % 4 == 0)
          cuts[ncuts++] = k;
      n = run (stream, len, cuts, ncuts, &settings, got);
      compare_runs (whole, n_whole, got, n, "random pieces");
    }
  free (got);
  free (whole);
}

/* ------------------------------------------------------------------------
   Bounded memory.  */

static void
survives_an_endless_multi_line_reply (void **state)
{
  (void) state;
  /* 10 MB of "250-x\r\n" in 4 KiB reads: with 1000 lines per reply, line
     1001 of each run is an error and the next line starts afresh.  */
  static const char pattern[] = "250-x\r\n";
  char chunk[4096 + 8];
  for (size_t i = 0; i < sizeof chunk; i++)
    chunk[i] = pattern[i % 7];
  const size_t total = 1497965 * 7; /* 10485755 bytes, just under 10 MiB */
  for (int pass = 0; pass < 2; pass++)
    {
      struct smtpreply_parser *p = new_parser ();
      if (pass == 1)
        assert_int_equal (
            smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES, 1000000), 0);
      size_t errors = 0;
      size_t pos = 0;
      while (pos < total)
        {
          size_t n = total - pos < 4096 ? total - pos : 4096;
          const char *buf = chunk + pos % 7;
          size_t off = 0;
          while (off < n)
            {
              size_t used;
              int rc = feed_n (p, buf + off, n - off, &used);
              if (rc != 0)
                {
                  size_t k = errors++;
                  if (pass == 0)
                    {
                      /* Line 1001 + 1001k, at 7000 + 7007k.  */
                      assert_int_equal (rc, SMTPREPLY_ETOO_MANY_LINES);
                      assert_int_equal (smtpreply_parser_error_offset (p),
                                        7000 + 7007 * k);
                      assert_int_equal (smtpreply_parser_error_line (p),
                                        1001 + 1001 * k);
                    }
                  else
                    {
                      /* 64 KiB per reply: 9362 lines make 65534 bytes,
                         and the second byte of line 9363 is one too
                         many.  Each run is 65541 bytes.  */
                      assert_int_equal (rc, SMTPREPLY_EREPLY_TOO_LONG);
                      assert_int_equal (smtpreply_parser_error_offset (p),
                                        65535 + 65541 * k);
                      assert_int_equal (smtpreply_parser_error_line (p),
                                        9363 + 9363 * k);
                    }
                }
              off += used;
            }
          pos += n;
        }
      assert_int_equal (errors, pass == 0 ? 1496 : 159);
      /* The parser still works, and the reply it was reading completes.  */
      const struct smtpreply_response *r = feed_reply (p, "250 done\r\n");
      assert_int_equal (smtpreply_response_code (r), 250);
      assert_int_equal (smtpreply_response_line_count (r),
                        pass == 0 ? 470 : 9249);
      check_line (r, smtpreply_response_line_count (r) - 1, "done", "done");
      r = feed_reply (p, "221 bye\r\n");
      assert_int_equal (smtpreply_response_offset (r), total + 10);
      assert_int_equal (smtpreply_response_line_number (r), 1497967);
      assert_int_equal (smtpreply_parser_finish (p), 0);
      smtpreply_parser_free (p);
    }
}

static void
survives_an_endless_line (void **state)
{
  (void) state;
  /* "250 " and 5 MiB without an LF, in 4 KiB reads: one error at byte
     511, then the rest of the line is dropped as it comes.  */
  char chunk[4096];
  memset (chunk, 'x', sizeof chunk);
  struct smtpreply_parser *p = new_parser ();
  assert_int_equal (feed_n (p, "250 ", 4, NULL), 0);
  size_t errors = 0;
  for (int i = 0; i < 1280; i++)
    {
      size_t off = 0;
      while (off < sizeof chunk)
        {
          size_t used;
          int rc = feed_n (p, chunk + off, sizeof chunk - off, &used);
          if (rc != 0)
            {
              errors++;
              assert_int_equal (rc, SMTPREPLY_ELINE_TOO_LONG);
              assert_int_equal (smtpreply_parser_error_offset (p), 511);
              assert_int_equal (smtpreply_parser_error_line (p), 1);
            }
          off += used;
        }
    }
  assert_int_equal (errors, 1);
  assert_int_equal (smtpreply_parser_finish (p), 0);
  smtpreply_parser_reset (p);
  /* The same, then the line ends and a reply follows.  */
  assert_int_equal (feed_n (p, "250 ", 4, NULL), 0);
  errors = 0;
  for (int i = 0; i < 1280; i++)
    {
      size_t off = 0;
      while (off < sizeof chunk)
        {
          size_t used;
          if (feed_n (p, chunk + off, sizeof chunk - off, &used) != 0)
            errors++;
          off += used;
        }
    }
  assert_int_equal (errors, 1);
  const struct smtpreply_response *r = feed_reply (p, "\r\n250 after\r\n");
  assert_int_equal (smtpreply_response_code (r), 250);
  check_line (r, 0, "after", "after");
  assert_int_equal (smtpreply_response_offset (r), 5242886);
  assert_int_equal (smtpreply_response_line_number (r), 2);
  assert_int_equal (smtpreply_parser_finish (p), 0);
  smtpreply_parser_free (p);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (creates_a_parser_with_the_default_limits),
    cmocka_unit_test (sets_limits_within_their_bounds),
    cmocka_unit_test (accepts_only_flags_as_strict),
    cmocka_unit_test (names_each_flag_and_its_strict_error),
    cmocka_unit_test (refuses_invalid_arguments),
    cmocka_unit_test (gives_every_field_of_a_reply),
    cmocka_unit_test (answers_null_responses_without_crashing),
    cmocka_unit_test (gives_no_enhanced_code_when_the_text_has_none),
    cmocka_unit_test (
        counts_offsets_from_0_and_lines_from_1_across_the_stream),
    cmocka_unit_test (rejects_a_code_that_is_not_three_digits),
    cmocka_unit_test (rejects_a_first_digit_out_of_range),
    cmocka_unit_test (rejects_a_second_digit_out_of_range),
    cmocka_unit_test (rejects_a_nul_byte_and_drops_the_rest_of_its_line),
    cmocka_unit_test (
        rejects_a_line_longer_than_the_limit_at_the_first_byte_past_it),
    cmocka_unit_test (applies_a_lowered_line_limit),
    cmocka_unit_test (rejects_a_reply_with_more_lines_than_the_limit),
    cmocka_unit_test (rejects_a_reply_longer_than_the_limit),
    cmocka_unit_test (reports_a_reply_cut_off_by_the_end_of_the_stream),
    cmocka_unit_test (finishes_a_clean_stream_with_0),
    cmocka_unit_test (reads_a_new_stream_after_finish),
    cmocka_unit_test (forgets_everything_but_the_settings_on_reset),
    cmocka_unit_test (flags_each_deviation_and_returns_the_reply),
    cmocka_unit_test (turns_each_flag_into_its_error_when_strict),
    cmocka_unit_test (is_strict_only_about_the_chosen_flags),
    cmocka_unit_test (flags_a_mismatch_of_codes_without_blocking),
    cmocka_unit_test (flags_a_bare_code_and_ends_the_reply_with_it),
    cmocka_unit_test (flags_a_missing_space_and_ends_the_reply),
    cmocka_unit_test (accepts_and_flags_a_bare_lf),
    cmocka_unit_test (keeps_and_flags_control_characters),
    cmocka_unit_test (keeps_and_flags_8_bit_text),
    cmocka_unit_test (flags_enhanced_codes_that_disagree_or_differ),
    cmocka_unit_test (flags_malformed_enhanced_codes_and_keeps_no_code),
    cmocka_unit_test (flags_a_preliminary_reply),
    cmocka_unit_test (reads_a_12_line_ehlo_answer),
    cmocka_unit_test (reads_gmails_multi_line_550_5_1_1),
    cmocka_unit_test (reads_microsofts_550_5_7_1),
    cmocka_unit_test (reads_greylisting_replies),
    cmocka_unit_test (reads_auth_challenges_bare_or_not),
    cmocka_unit_test (reads_a_multi_line_220_banner),
    cmocka_unit_test (reads_a_session_fed_in_tcp_sized_pieces),
    cmocka_unit_test (gives_the_expected_events_for_the_whole_stream),
    cmocka_unit_test (gives_the_same_events_in_any_chunking),
    cmocka_unit_test (gives_the_same_errors_in_any_chunking_when_strict),
    cmocka_unit_test (reads_byte_by_byte_as_in_pieces_when_limits_change),
    cmocka_unit_test (holds_a_line_fed_byte_by_byte_to_limits_lowered_inside_it),
    cmocka_unit_test (gives_the_same_events_at_the_edges_in_any_chunking),
    cmocka_unit_test (finds_special_bytes_at_every_place_with_either_path),
    cmocka_unit_test (flags_a_special_byte_at_every_place_of_short_texts),
    cmocka_unit_test (scans_every_event_once_in_order),
    cmocka_unit_test (
        gives_the_same_events_for_random_streams_in_any_chunking),
    cmocka_unit_test (survives_an_endless_multi_line_reply),
    cmocka_unit_test (survives_an_endless_line),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
