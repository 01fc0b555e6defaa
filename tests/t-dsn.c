/* t-dsn.c -- the fields of delivery status notifications (RFC 3464, 6533).
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The examples of RFC 3464's appendix are retyped here; the others are
   composed after what reporting MTAs write (Gmail's joined multi-line
   replies, Postfix's x-postfix and x-unix diagnostics).  Every offset and
   line is counted from the text of the test.  */

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

/* ------------------------------------------------------------------------
   Helpers.  */

/* Parse the LEN bytes at S, which must succeed, and return the result.
   The bytes are copied into a buffer of their own without a NUL after
   them, so that a read past LEN is caught by the sanitizers.  */
static struct smtpreply_dsn *
parse_n (const char *s, size_t len)
{
  char *copy = malloc (len > 0 ? len : 1);
  assert_non_null (copy);
  memcpy (copy, s, len);
  struct smtpreply_dsn *dsn = (struct smtpreply_dsn *) 1;
  assert_int_equal (smtpreply_dsn_parse (copy, len, &dsn), 0);
  assert_non_null (dsn);
  /* The input is not used after the call.  */
  memset (copy, 'x', len);
  free (copy);
  return dsn;
}

/* Parse the NUL-terminated S.  */
static struct smtpreply_dsn *
parse (const char *s)
{
  return parse_n (s, strlen (s));
}

/* Check that the NUL-terminated EXPECTED is the LEN bytes at GOT, which
   are also NUL-terminated.  */
static void
check_string (const char *got, size_t len, const char *expected)
{
  assert_non_null (got);
  if (len != strlen (expected) || memcmp (got, expected, len) != 0)
    print_error ("got \"%.*s\", expected \"%s\"\n", (int) len, got, expected);
  assert_int_equal (len, strlen (expected));
  assert_memory_equal (got, expected, len);
  assert_int_equal (got[len], '\0');
}

/* Check field I of group G of DSN: its NAME, TYPE (NULL for none), VALUE,
   LINE and OFFSET.  */
static void
check_field (const struct smtpreply_dsn *dsn, size_t g, size_t i,
             const char *name, const char *type, const char *value,
             size_t line, size_t offset)
{
  const struct smtpreply_dsn_field *f = smtpreply_dsn_field_at (dsn, g, i);
  assert_non_null (f);
  check_string (f->name, f->name_len, name);
  if (type == NULL)
    {
      assert_null (f->type);
      assert_int_equal (f->type_len, 0);
    }
  else
    check_string (f->type, f->type_len, type);
  check_string (f->value, f->value_len, value);
  assert_int_equal (f->line, line);
  assert_int_equal (f->offset, offset);
}

/* Check that DSN has N problems.  */
static void
check_problem_count (const struct smtpreply_dsn *dsn, size_t n)
{
  if (smtpreply_dsn_problem_count (dsn) != n)
    for (size_t i = 0; i < smtpreply_dsn_problem_count (dsn); i++)
      {
        size_t line;
        size_t offset;
        int rc = smtpreply_dsn_problem_at (dsn, i, &line, &offset);
        print_error ("problem %zu: %s at line %zu, offset %zu\n", i,
                     smtpreply_errname (rc), line, offset);
      }
  assert_int_equal (smtpreply_dsn_problem_count (dsn), n);
}

/* Check that problem I of DSN is CODE at LINE and OFFSET.  */
static void
check_problem (const struct smtpreply_dsn *dsn, size_t i, int code,
               size_t line, size_t offset)
{
  size_t got_line = 0;
  size_t got_offset = 0;
  int rc = smtpreply_dsn_problem_at (dsn, i, &got_line, &got_offset);
  if (rc != code)
    print_error ("problem %zu is %s\n", i, smtpreply_errname (rc));
  assert_int_equal (rc, code);
  assert_int_equal (got_line, line);
  assert_int_equal (got_offset, offset);
}

/* Check the status of recipient R of DSN: CLS.SUBJECT.DETAIL.  */
static void
check_status (const struct smtpreply_dsn *dsn, size_t r, int cls, int subject,
              int detail)
{
  struct smtpreply_enhanced_code e = { 0, 0, 0 };
  assert_int_equal (smtpreply_dsn_recipient_status (dsn, r, &e), 0);
  assert_int_equal (e.cls, cls);
  assert_int_equal (e.subject, subject);
  assert_int_equal (e.detail, detail);
}

/* Check that line I of R is TEXT, and its message (without the enhanced
   code) MESSAGE.  */
static void
check_line (const struct smtpreply_response *r, size_t i, const char *text,
            const char *message)
{
  size_t len = (size_t) -1;
  const char *s = smtpreply_response_line (r, i, &len);
  assert_non_null (s);
  if (len != strlen (text) || memcmp (s, text, len) != 0)
    print_error ("line %zu is \"%.*s\"\n", i, (int) len, s);
  assert_int_equal (len, strlen (text));
  assert_memory_equal (s, text, len);
  s = smtpreply_response_message (r, i, &len);
  assert_non_null (s);
  assert_int_equal (len, strlen (message));
  assert_memory_equal (s, message, len);
}

/* Check reply R: CODE, enhanced code CLS.SUBJECT.DETAIL (none if CLS is
   0), FLAGS, LINES lines, at LINE and OFFSET of the input.  */
static void
check_reply (const struct smtpreply_response *r, int code, int cls,
             int subject, int detail, unsigned int flags, size_t lines,
             size_t line, size_t offset)
{
  assert_non_null (r);
  assert_int_equal (smtpreply_response_code (r), code);
  const struct smtpreply_enhanced_code *e = smtpreply_response_enhanced (r);
  if (cls == 0)
    assert_null (e);
  else
    {
      assert_non_null (e);
      assert_int_equal (e->cls, cls);
      assert_int_equal (e->subject, subject);
      assert_int_equal (e->detail, detail);
    }
  assert_int_equal (smtpreply_response_flags (r), flags);
  assert_int_equal (smtpreply_response_line_count (r), lines);
  assert_null (smtpreply_response_line (r, lines, NULL));
  assert_int_equal (smtpreply_response_line_number (r), line);
  assert_int_equal (smtpreply_response_offset (r), offset);
}

/* Return the reply of the Diagnostic-Code VALUE, alone in a recipient's
   group, in *DSN (to free), or NULL.  */
static const struct smtpreply_response *
reply_of (const char *value, struct smtpreply_dsn **dsn)
{
  char buf[512];
  int n = snprintf (buf, sizeof buf,
                    "Reporting-MTA: dns; mx.example.org\n"
                    "\n"
                    "Final-Recipient: rfc822; a@example.com\n"
                    "Action: failed\n"
                    "Status: 5.0.0\n"
                    "Diagnostic-Code: %s\n",
                    value);
  assert_true (n > 0 && (size_t) n < sizeof buf);
  *dsn = parse (buf);
  assert_int_equal (smtpreply_dsn_recipient_count (*dsn), 1);
  return smtpreply_dsn_recipient_reply (*dsn, 1);
}

/* ------------------------------------------------------------------------
   The examples of RFC 3464, appendix D.  */

/* D.1, "a simple DSN", with CRLF line ends.  */
static const char rfc3464_simple[]
    = "Reporting-MTA: dns; cs.utk.edu\r\n"
      "\r\n"
      "Original-Recipient: rfc822;louisl@larry.slip.umd.edu\r\n"
      "Final-Recipient: rfc822;louisl@larry.slip.umd.edu\r\n"
      "Action: failed\r\n"
      "Status: 4.0.0\r\n"
      "Diagnostic-Code: smtp; 426 connection timed out\r\n"
      "Last-Attempt-Date: Thu, 7 Jul 1994 17:15:49 -0400\r\n";

static void
reads_the_simple_dsn_of_rfc_3464 (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn = parse (rfc3464_simple);
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 1);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 0), 1);
  check_field (dsn, 0, 0, "Reporting-MTA", "dns", "cs.utk.edu", 1, 0);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 1), 6);
  check_field (dsn, 1, 0, "Original-Recipient", "rfc822",
               "louisl@larry.slip.umd.edu", 3, 34);
  check_field (dsn, 1, 1, "Final-Recipient", "rfc822",
               "louisl@larry.slip.umd.edu", 4, 88);
  check_field (dsn, 1, 2, "Action", NULL, "failed", 5, 139);
  check_field (dsn, 1, 3, "Status", NULL, "4.0.0", 6, 155);
  check_field (dsn, 1, 4, "Diagnostic-Code", "smtp",
               "426 connection timed out", 7, 170);
  check_field (dsn, 1, 5, "Last-Attempt-Date", NULL,
               "Thu, 7 Jul 1994 17:15:49 -0400", 8, 219);
  assert_null (smtpreply_dsn_field_at (dsn, 1, 6));
  assert_null (smtpreply_dsn_field_at (dsn, 2, 0));

  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 1),
                    SMTPREPLY_DSN_ACTION_FAILED);
  check_status (dsn, 1, 4, 0, 0);
  const struct smtpreply_response *r = smtpreply_dsn_recipient_reply (dsn, 1);
  check_reply (r, 426, 0, 0, 0, 0, 1, 7, 193);
  check_line (r, 0, "connection timed out", "connection timed out");
  check_problem_count (dsn, 0);
  smtpreply_dsn_free (dsn);
}

/* D.2, "a multi-recipient DSN", with LF line ends; the first diagnostic
   is folded.  */
static const char rfc3464_multi[]
    = "Reporting-MTA: dns; cs.utk.edu\n"
      "\n"
      "Original-Recipient: rfc822;arathib@vnet.ibm.com\n"
      "Final-Recipient: rfc822;arathib@vnet.ibm.com\n"
      "Action: failed\n"
      "Status: 5.0.0 (permanent failure)\n"
      "Diagnostic-Code: smtp;  550 'arathib@vnet.IBM.COM' is not a\n"
      "    registered gateway user\n"
      "Remote-MTA: dns; vnet.ibm.com\n"
      "\n"
      "Original-Recipient: rfc822;johnh@hpnjld.njd.hp.com\n"
      "Final-Recipient: rfc822;johnh@hpnjld.njd.hp.com\n"
      "Action: delayed\n"
      "Status: 4.0.0 (hpnjld.njd.jp.com: host name lookup failure)\n"
      "\n"
      "Original-Recipient: rfc822;wsnell@sdcc13.ucsd.edu\n"
      "Final-Recipient: rfc822;wsnell@sdcc13.ucsd.edu\n"
      "Action: failed\n"
      "Status: 5.0.0\n"
      "Diagnostic-Code: smtp; 550 user unknown\n"
      "Remote-MTA: dns; sdcc13.ucsd.edu\n";

static void
reads_the_multi_recipient_dsn_of_rfc_3464 (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn = parse (rfc3464_multi);
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 3);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 0), 1);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 1), 6);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 2), 4);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 3), 6);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 4), 0);

  check_field (dsn, 1, 0, "Original-Recipient", "rfc822",
               "arathib@vnet.ibm.com", 3, 32);
  check_field (dsn, 1, 3, "Status", NULL, "5.0.0 (permanent failure)", 6, 140);
  check_field (dsn, 1, 4, "Diagnostic-Code", "smtp",
               "550 'arathib@vnet.IBM.COM' is not a registered gateway user",
               7, 174);
  check_field (dsn, 1, 5, "Remote-MTA", "dns", "vnet.ibm.com", 9, 262);
  check_field (dsn, 2, 1, "Final-Recipient", "rfc822",
               "johnh@hpnjld.njd.hp.com", 12, 344);
  check_field (dsn, 2, 3, "Status", NULL,
               "4.0.0 (hpnjld.njd.jp.com: host name lookup failure)", 14, 408);
  check_field (dsn, 3, 5, "Remote-MTA", "dns", "sdcc13.ucsd.edu", 21, 635);

  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 1),
                    SMTPREPLY_DSN_ACTION_FAILED);
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 2),
                    SMTPREPLY_DSN_ACTION_DELAYED);
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 3),
                    SMTPREPLY_DSN_ACTION_FAILED);
  check_status (dsn, 1, 5, 0, 0);
  check_status (dsn, 2, 4, 0, 0);
  check_status (dsn, 3, 5, 0, 0);

  /* The folded reply is one line again, found where it starts.  */
  const struct smtpreply_response *r = smtpreply_dsn_recipient_reply (dsn, 1);
  check_reply (r, 550, 0, 0, 0, 0, 1, 7, 198);
  check_line (r, 0, "'arathib@vnet.IBM.COM' is not a registered gateway user",
              "'arathib@vnet.IBM.COM' is not a registered gateway user");
  assert_null (smtpreply_dsn_recipient_reply (dsn, 2));
  r = smtpreply_dsn_recipient_reply (dsn, 3);
  check_reply (r, 550, 0, 0, 0, 0, 1, 20, 618);
  check_line (r, 0, "user unknown", "user unknown");
  check_problem_count (dsn, 0);
  smtpreply_dsn_free (dsn);
}

static void
reads_the_gateway_and_delayed_dsns_of_rfc_3464 (void **state)
{
  (void) state;
  /* D.3, "a DSN from a gatewayed MTS": an unknown address type, and
     Status before Action.  */
  struct smtpreply_dsn *dsn = parse ("Reporting-MTA: mailbus; SYS30\n"
                                     "\n"
                                     "Final-Recipient: unknown; nair_s\n"
                                     "Status: 5.0.0 (unknown permanent "
                                     "failure)\n"
                                     "Action: failed\n");
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 1);
  check_field (dsn, 0, 0, "Reporting-MTA", "mailbus", "SYS30", 1, 0);
  check_field (dsn, 1, 0, "Final-Recipient", "unknown", "nair_s", 3, 31);
  check_field (dsn, 1, 2, "Action", NULL, "failed", 5, 106);
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 1),
                    SMTPREPLY_DSN_ACTION_FAILED);
  check_status (dsn, 1, 5, 0, 0);
  assert_null (smtpreply_dsn_recipient_reply (dsn, 1));
  check_problem_count (dsn, 0);
  smtpreply_dsn_free (dsn);

  /* D.4, "a delayed DSN".  */
  dsn = parse ("Reporting-MTA: dns; sun2.nsfnet-relay.ac.uk\n"
               "\n"
               "Final-Recipient: rfc822;thomas@de-montfort.ac.uk\n"
               "Status: 4.0.0 (unknown temporary failure)\n"
               "Action: delayed\n");
  check_field (dsn, 0, 0, "Reporting-MTA", "dns", "sun2.nsfnet-relay.ac.uk", 1,
               0);
  check_field (dsn, 1, 0, "Final-Recipient", "rfc822",
               "thomas@de-montfort.ac.uk", 3, 45);
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 1),
                    SMTPREPLY_DSN_ACTION_DELAYED);
  check_status (dsn, 1, 4, 0, 0);
  check_problem_count (dsn, 0);
  smtpreply_dsn_free (dsn);
}

/* ------------------------------------------------------------------------
   What reporting MTAs write.  */

/* Gmail's bounce: the reply's lines joined and folded anew.  */
static const char gmail[]
    = "Reporting-MTA: dns; googlemail.com\r\n"
      "Received-From-MTA: dns; ada@example.com\r\n"
      "Arrival-Date: Mon, 02 Mar 2026 10:21:09 -0800 (PST)\r\n"
      "X-Original-Message-ID: <CAF=example@mail.gmail.com>\r\n"
      "\r\n"
      "Final-Recipient: rfc822; no.such.user@gmail.com\r\n"
      "Action: failed\r\n"
      "Status: 5.1.1\r\n"
      "Remote-MTA: dns; gmail-smtp-in.l.google.com. (142.250.102.27, the "
      "server for\r\n"
      " the domain gmail.com.)\r\n"
      "Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to "
      "reach does\r\n"
      " not exist. Please try\r\n"
      " 550-5.1.1 double-checking the recipient's email address for typos "
      "or\r\n"
      " 550-5.1.1 unnecessary spaces. For more information, go to\r\n"
      " 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser "
      "41be03b00d2f7-b2f\r\n"
      "Last-Attempt-Date: Mon, 02 Mar 2026 10:21:10 -0800 (PST)\r\n";

static void
splits_a_joined_multi_line_reply_into_its_lines (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn = parse (gmail);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 0), 4);
  check_field (dsn, 0, 1, "Received-From-MTA", "dns", "ada@example.com", 2,
               36);
  /* An X- field is not typed, though it could look so.  */
  check_field (dsn, 0, 3, "X-Original-Message-ID", NULL,
               "<CAF=example@mail.gmail.com>", 4, 130);
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 1);
  check_field (dsn, 1, 0, "Final-Recipient", "rfc822",
               "no.such.user@gmail.com", 6, 185);
  check_field (dsn, 1, 3, "Remote-MTA", "dns",
               "gmail-smtp-in.l.google.com. (142.250.102.27, the server for "
               "the domain gmail.com.)",
               9, 265);
  check_field (dsn, 1, 4, "Diagnostic-Code", "smtp",
               "550-5.1.1 The email account that you tried to reach does not "
               "exist. Please try 550-5.1.1 double-checking the recipient's "
               "email address for typos or 550-5.1.1 unnecessary spaces. For "
               "more information, go to 550 5.1.1  "
               "https://support.google.com/mail/?p=NoSuchUser "
               "41be03b00d2f7-b2f",
               11, 368);
  check_field (dsn, 1, 5, "Last-Attempt-Date", NULL,
               "Mon, 02 Mar 2026 10:21:10 -0800 (PST)", 16, 681);

  const struct smtpreply_response *r = smtpreply_dsn_recipient_reply (dsn, 1);
  check_reply (r, 550, 5, 1, 1, 0, 4, 11, 391);
  check_line (r, 0,
              "5.1.1 The email account that you tried to reach does not "
              "exist. Please try",
              "The email account that you tried to reach does not exist. "
              "Please try");
  check_line (r, 1,
              "5.1.1 double-checking the recipient's email address for typos "
              "or",
              "double-checking the recipient's email address for typos or");
  check_line (r, 2, "5.1.1 unnecessary spaces. For more information, go to",
              "unnecessary spaces. For more information, go to");
  check_line (r, 3,
              "5.1.1  https://support.google.com/mail/?p=NoSuchUser "
              "41be03b00d2f7-b2f",
              " https://support.google.com/mail/?p=NoSuchUser "
              "41be03b00d2f7-b2f");
  check_problem_count (dsn, 0);
  smtpreply_dsn_free (dsn);
}

static void
splits_joined_lines_only_after_a_hyphen (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn;
  /* A last line ends the reply: the code after it is text.  */
  const struct smtpreply_response *r
      = reply_of ("smtp; 550 5.1.1 no mailbox 550 here", &dsn);
  check_reply (r, 550, 5, 1, 1, 0, 1, 6, 127);
  check_line (r, 0, "5.1.1 no mailbox 550 here", "no mailbox 550 here");
  smtpreply_dsn_free (dsn);

  /* Another code, or the code inside a word, starts no line.  */
  r = reply_of ("smtp; 450-4.2.1 busy 550-x 450x 4500 a450-b 450-4.2.1 "
                "later",
                &dsn);
  check_reply (r, 450, 4, 2, 1, 0, 2, 6, 127);
  check_line (r, 0, "4.2.1 busy 550-x 450x 4500 a450-b",
              "busy 550-x 450x 4500 a450-b");
  check_line (r, 1, "4.2.1 later", "later");
  smtpreply_dsn_free (dsn);

  /* The MTA lost the last line's space: the last line ends the reply
     anyway.  A bare code is a line of its own.  */
  r = reply_of ("smtp; 554-5.7.1 one 554-5.7.1 two", &dsn);
  check_reply (r, 554, 5, 7, 1, 0, 2, 6, 127);
  check_line (r, 0, "5.7.1 one", "one");
  check_line (r, 1, "5.7.1 two", "two");
  smtpreply_dsn_free (dsn);
  r = reply_of ("smtp; 554-5.7.1 one  554", &dsn);
  check_reply (r, 554, 5, 7, 1,
               SMTPREPLY_FLAG_BARE_CODE | SMTPREPLY_FLAG_ENHANCED_INCONSISTENT,
               2, 6, 127);
  check_line (r, 0, "5.7.1 one", "one");
  check_line (r, 1, "", "");
  smtpreply_dsn_free (dsn);

  /* The parser's flags stay on the reply.  */
  r = reply_of ("smtp; 550-5.1.1 a 550 4.1.1 b", &dsn);
  check_reply (r, 550, 5, 1, 1,
               SMTPREPLY_FLAG_ENHANCED_MISMATCH
                   | SMTPREPLY_FLAG_ENHANCED_INCONSISTENT,
               2, 6, 127);
  smtpreply_dsn_free (dsn);
}

static void
reads_a_reply_that_starts_the_smtp_diagnostic (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn;
  const struct smtpreply_response *r
      = reply_of ("smtp; 550 5.1.1 <a@b>: Recipient address rejected", &dsn);
  check_reply (r, 550, 5, 1, 1, 0, 1, 6, 127);
  check_line (r, 0, "5.1.1 <a@b>: Recipient address rejected",
              "<a@b>: Recipient address rejected");
  smtpreply_dsn_free (dsn);

  /* The type in any case, no space after the semicolon, a bare code.  */
  r = reply_of ("SMTP;421 closing", &dsn);
  check_field (dsn, 1, 3, "Diagnostic-Code", "smtp", "421 closing", 6, 104);
  check_reply (r, 421, 0, 0, 0, 0, 1, 6, 126);
  check_line (r, 0, "closing", "closing");
  smtpreply_dsn_free (dsn);
  r = reply_of ("smtp; 552", &dsn);
  check_reply (r, 552, 0, 0, 0, SMTPREPLY_FLAG_BARE_CODE, 1, 6, 127);
  check_line (r, 0, "", "");
  smtpreply_dsn_free (dsn);
}

static void
finds_no_reply_where_the_diagnostic_holds_none (void **state)
{
  (void) state;
  static const char *const values[] = {
    "smtp; Host or domain name not found. Name service error for "
    "name=example.net type=A: Host not found",
    "smtp; 5.1.1 user unknown",
    "smtp;",
    "smtp; 55",
    "smtp; 5501 too many digits",
    "smtp; 550#5.1.0 Address rejected",
    "smtp; 650 no such class",
    "smtp; 560 no such category",
    "smtp; <a@b>: 550 5.1.1 not at the start",
  };
  for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
    {
      struct smtpreply_dsn *dsn;
      if (reply_of (values[i], &dsn) != NULL)
        print_error ("a reply in: %s\n", values[i]);
      assert_null (smtpreply_dsn_recipient_reply (dsn, 1));
      check_problem_count (dsn, 0);
      smtpreply_dsn_free (dsn);
    }
}

static void
never_takes_a_code_from_other_diagnostic_types (void **state)
{
  (void) state;
  static const struct
  {
    const char *value;
    const char *type;
    const char *text;
  } cases[] = {
    /* Postfix's local delivery: the exit status of a command.  */
    { "x-unix; 127", "x-unix", "127" },
    { "X-Unix; 255", "x-unix", "255" },
    { "x-unix; 550 5.1.1 mailbox full", "x-unix", "550 5.1.1 mailbox full" },
    { "X-Postfix; 550 5.1.1 unknown user: \"nobody\"", "x-postfix",
      "550 5.1.1 unknown user: \"nobody\"" },
    { "X-Notes; 550 5.1.1 User not listed", "x-notes",
      "550 5.1.1 User not listed" },
    { "smtps; 550 5.1.1 not the smtp type", "smtps",
      "550 5.1.1 not the smtp type" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      struct smtpreply_dsn *dsn;
      assert_null (reply_of (cases[i].value, &dsn));
      const struct smtpreply_dsn_field *f
          = smtpreply_dsn_field_find (dsn, 1, "diagnostic-code");
      assert_non_null (f);
      check_string (f->type, f->type_len, cases[i].type);
      check_string (f->value, f->value_len, cases[i].text);
      check_problem_count (dsn, 0);
      smtpreply_dsn_free (dsn);
    }

  /* Without a type, nothing is taken either.  */
  struct smtpreply_dsn *dsn;
  assert_null (reply_of ("550 5.1.1 user unknown", &dsn));
  check_field (dsn, 1, 3, "Diagnostic-Code", NULL, "550 5.1.1 user unknown", 6,
               104);
  check_problem_count (dsn, 1);
  check_problem (dsn, 0, SMTPREPLY_EDSN_NO_TYPE, 6, 121);
  smtpreply_dsn_free (dsn);
}

/* RFC 6533: a message/global-delivery-status part with UTF-8 addresses.  */
static const char global_dsn[]
    = "Reporting-MTA: dns; mail.example.com\r\n"
      "\r\n"
      "Original-Recipient: utf-8; \xd0\xbf\xd0\xbe\xd1\x87\xd1\x82\xd0\xb0"
      "@\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80.\xd1\x80\xd1\x84\r\n"
      "Final-Recipient: UTF-8;\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe\x8b\xe5\xad"
      "\x90.\xe5\xb9\xbf\xe5\x91\x8a\r\n"
      "Action: failed\r\n"
      "Status: 5.1.1\r\n"
      "Remote-MTA: dns; "
      "mx.\xe4\xbe\x8b\xe5\xad\x90.\xe5\xb9\xbf\xe5\x91\x8a\r\n"
      "Diagnostic-Code: smtp; 550 5.1.1 <\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe"
      "\x8b\xe5\xad\x90.\xe5\xb9\xbf\xe5\x91\x8a>: user unknown\r\n";

static void
reads_utf8_addresses_of_a_global_dsn (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn = parse (global_dsn);
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 1);
  check_field (dsn, 1, 0, "Original-Recipient", "utf-8",
               "\xd0\xbf\xd0\xbe\xd1\x87\xd1\x82\xd0\xb0@\xd0\xbf\xd1\x80\xd0"
               "\xb8\xd0\xbc\xd0\xb5\xd1\x80.\xd1\x80\xd1\x84",
               3, 40);
  check_field (dsn, 1, 1, "Final-Recipient", "utf-8",
               "\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe\x8b\xe5\xad\x90.\xe5\xb9\xbf"
               "\xe5\x91\x8a",
               4, 97);
  check_field (dsn, 1, 4, "Remote-MTA", "dns",
               "mx.\xe4\xbe\x8b\xe5\xad\x90.\xe5\xb9\xbf\xe5\x91\x8a", 7, 173);
  const struct smtpreply_response *r = smtpreply_dsn_recipient_reply (dsn, 1);
  check_reply (r, 550, 5, 1, 1, SMTPREPLY_FLAG_EIGHT_BIT, 1, 8, 231);
  check_line (r, 0,
              "5.1.1 <\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe\x8b\xe5\xad\x90.\xe5"
              "\xb9\xbf\xe5\x91\x8a>: user unknown",
              "<\xe7\x94\xa8\xe6\x88\xb7@\xe4\xbe\x8b\xe5\xad\x90.\xe5\xb9\xbf"
              "\xe5\x91\x8a>: user unknown");
  check_problem_count (dsn, 0);
  smtpreply_dsn_free (dsn);
}

/* ------------------------------------------------------------------------
   Lines, folding and groups.  */

static void
reads_crlf_lf_and_a_last_line_without_end_alike (void **state)
{
  (void) state;
  static const char *const inputs[] = {
    "Reporting-MTA: dns; a.example\n\nFinal-Recipient: rfc822; b@c\n"
    "Action: delivered\nStatus: 2.0.0\n",
    "Reporting-MTA: dns; a.example\r\n\r\nFinal-Recipient: rfc822; b@c\r\n"
    "Action: delivered\r\nStatus: 2.0.0\r\n",
    "Reporting-MTA: dns; a.example\r\n\nFinal-Recipient: rfc822; b@c\n"
    "Action: delivered\r\nStatus: 2.0.0",
  };
  static const size_t status_offset[] = { 78, 82, 80 };
  for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
    {
      struct smtpreply_dsn *dsn = parse (inputs[i]);
      assert_int_equal (smtpreply_dsn_recipient_count (dsn), 1);
      check_field (dsn, 0, 0, "Reporting-MTA", "dns", "a.example", 1, 0);
      check_field (dsn, 1, 0, "Final-Recipient", "rfc822", "b@c", 3,
                   i == 1   ? 33
                   : i == 2 ? 32
                            : 31);
      check_field (dsn, 1, 2, "Status", NULL, "2.0.0", 5, status_offset[i]);
      assert_int_equal (smtpreply_dsn_recipient_action (dsn, 1),
                        SMTPREPLY_DSN_ACTION_DELIVERED);
      check_status (dsn, 1, 2, 0, 0);
      check_problem_count (dsn, 0);
      smtpreply_dsn_free (dsn);
    }
}

static void
unfolds_continuation_lines (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn = parse ("Reporting-MTA:\r\n"
                                     "\tdns;\r\n"
                                     "  mx.example.org  \r\n"
                                     "X-Note: a  \r\n"
                                     " \t b\r\n"
                                     "\r\n"
                                     "Final-Recipient:\r\n"
                                     " rfc822; c@example.org\r\n"
                                     "Action: failed\r\n"
                                     "Status: 5.2.2\r\n"
                                     "Diagnostic-Code:\r\n"
                                     "  smtp; 552-5.2.2 over\r\n"
                                     "  quota 552 5.2.2 try later\r\n");
  check_field (dsn, 0, 0, "Reporting-MTA", "dns", "mx.example.org", 1, 0);
  /* White space before a line break stays; the break and the white space
     after it are one space.  */
  check_field (dsn, 0, 1, "X-Note", NULL, "a   b", 4, 43);
  check_field (dsn, 1, 0, "Final-Recipient", "rfc822", "c@example.org", 7, 64);
  check_field (dsn, 1, 3, "Diagnostic-Code", "smtp",
               "552-5.2.2 over quota 552 5.2.2 try later", 11, 137);
  const struct smtpreply_response *r = smtpreply_dsn_recipient_reply (dsn, 1);
  check_reply (r, 552, 5, 2, 2, 0, 2, 12, 163);
  check_line (r, 0, "5.2.2 over quota", "over quota");
  check_line (r, 1, "5.2.2 try later", "try later");
  check_problem_count (dsn, 0);
  smtpreply_dsn_free (dsn);
}

static void
separates_groups_by_empty_and_blank_lines (void **state)
{
  (void) state;
  /* Leading, repeated and white-space-only empty lines make no groups.  */
  struct smtpreply_dsn *dsn = parse ("\n"
                                     " \t\n"
                                     "Reporting-MTA: dns; a\n"
                                     "\n"
                                     "  \n"
                                     "\r\n"
                                     "Final-Recipient: rfc822; b@c\n"
                                     "Action: failed\n"
                                     "Status: 5.0.0\n"
                                     "\t\n"
                                     "Final-Recipient: rfc822; d@e\n"
                                     "Action: failed\n"
                                     "Status: 5.0.0\n"
                                     "\n"
                                     "\n");
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 2);
  check_field (dsn, 0, 0, "Reporting-MTA", "dns", "a", 3, 4);
  check_field (dsn, 1, 0, "Final-Recipient", "rfc822", "b@c", 7, 32);
  check_field (dsn, 2, 0, "Final-Recipient", "rfc822", "d@e", 11, 92);
  check_problem_count (dsn, 0);
  smtpreply_dsn_free (dsn);

  /* Nothing at all.  */
  dsn = parse ("");
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 0);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 0), 0);
  assert_null (smtpreply_dsn_field_at (dsn, 0, 0));
  check_problem_count (dsn, 0);
  smtpreply_dsn_free (dsn);
  dsn = parse ("\r\n\r\n");
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 0);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 0), 0);
  smtpreply_dsn_free (dsn);
}

static void
keeps_unknown_fields_and_finds_fields_in_any_case (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn = parse ("reporting-mta: DNS; a.example\n"
                                     "X-Postfix-Queue-ID: 4Fq2Lm0Zr3z9\n"
                                     "X-Postfix-Sender: rfc822; s@a.example\n"
                                     "Original-Envelope-Id: 8472@a.example\n"
                                     "\n"
                                     "FINAL-RECIPIENT: RFC822; Bob@B.Example\n"
                                     "action: Failed\n"
                                     "status: 5.1.1\n"
                                     "Weird-Field!#: ok\n"
                                     "Action : delivered\n");
  check_field (dsn, 0, 0, "reporting-mta", "dns", "a.example", 1, 0);
  check_field (dsn, 0, 2, "X-Postfix-Sender", NULL, "rfc822; s@a.example", 3,
               63);
  /* The first of two fields is the one asked for.  */
  const struct smtpreply_dsn_field *f
      = smtpreply_dsn_field_find (dsn, 0, "ORIGINAL-envelope-ID");
  assert_ptr_equal (f, smtpreply_dsn_field_at (dsn, 0, 3));
  assert_null (smtpreply_dsn_field_find (dsn, 0, "Original-Envelope"));
  assert_null (smtpreply_dsn_field_find (dsn, 0, "Original-Envelope-Id-"));
  assert_null (smtpreply_dsn_field_find (dsn, 0, ""));
  check_field (dsn, 1, 0, "FINAL-RECIPIENT", "rfc822", "Bob@B.Example", 6,
               139);
  check_field (dsn, 1, 3, "Weird-Field!#", NULL, "ok", 9, 207);
  /* RFC 5322's obsolete syntax: white space before the colon.  */
  check_field (dsn, 1, 4, "Action", NULL, "delivered", 10, 225);
  assert_ptr_equal (smtpreply_dsn_field_find (dsn, 1, "ACTION"),
                    smtpreply_dsn_field_at (dsn, 1, 1));
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 1),
                    SMTPREPLY_DSN_ACTION_FAILED);
  check_problem_count (dsn, 0);
  smtpreply_dsn_free (dsn);
}

static void
reads_actions_with_comments_in_any_case (void **state)
{
  (void) state;
  static const struct
  {
    const char *value;
    int action;
  } cases[] = {
    { "failed", SMTPREPLY_DSN_ACTION_FAILED },
    { "FAILED (bad destination mailbox address)",
      SMTPREPLY_DSN_ACTION_FAILED },
    { "failed(no comment space)", SMTPREPLY_DSN_ACTION_FAILED },
    { "Delayed", SMTPREPLY_DSN_ACTION_DELAYED },
    { "delivered (to mailbox)", SMTPREPLY_DSN_ACTION_DELIVERED },
    { "relayed", SMTPREPLY_DSN_ACTION_RELAYED },
    { "expanded (to 3 recipients)", SMTPREPLY_DSN_ACTION_EXPANDED },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      char buf[128];
      snprintf (buf, sizeof buf,
                "Final-Recipient: rfc822; a@b\nAction: %s\nStatus: 2.0.0\n",
                cases[i].value);
      struct smtpreply_dsn *dsn = parse (buf);
      assert_int_equal (smtpreply_dsn_recipient_action (dsn, 1),
                        cases[i].action);
      /* (The missing per-message fields are the only problem.)  */
      check_problem_count (dsn, 1);
      check_problem (dsn, 0, SMTPREPLY_EDSN_NO_SEPARATOR, 1, 0);
      smtpreply_dsn_free (dsn);
    }
}

static void
names_the_actions (void **state)
{
  (void) state;
  static const char *const names[]
      = { "failed", "delayed", "delivered", "relayed", "expanded" };
  assert_null (smtpreply_dsn_action_name (SMTPREPLY_DSN_ACTION_NONE));
  for (int a = SMTPREPLY_DSN_ACTION_FAILED; a <= SMTPREPLY_DSN_ACTION_EXPANDED;
       a++)
    {
      assert_string_equal (smtpreply_dsn_action_name (a), names[a - 1]);
      assert_int_equal (smtpreply_dsn_action_from_name (names[a - 1]), a);
    }
  assert_null (smtpreply_dsn_action_name (6));
  assert_null (smtpreply_dsn_action_name (-1));
  assert_int_equal (SMTPREPLY_DSN_ACTION_FAILED, 1);
  assert_int_equal (SMTPREPLY_DSN_ACTION_EXPANDED, 5);
  assert_int_equal (smtpreply_dsn_action_from_name ("Relayed"),
                    SMTPREPLY_DSN_ACTION_RELAYED);
  assert_int_equal (smtpreply_dsn_action_from_name ("fail"), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_dsn_action_from_name ("failed "),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_dsn_action_from_name (""), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_dsn_action_from_name (NULL), SMTPREPLY_EINVAL);
}

/* ------------------------------------------------------------------------
   Problems, each at its line and offset.  */

static void
reports_lines_that_are_no_fields (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn = parse (" orphan continuation\n"
                                     "  and its own\n"
                                     "Reporting-MTA: dns; a\n"
                                     "no colon here\n"
                                     " continued silently\n"
                                     ": no name\n"
                                     "Bad Name: x\n"
                                     "Caf\xc3\xa9: 8-bit name\n"
                                     "Name-At-End\n"
                                     "\n"
                                     "\tafter an empty line\n"
                                     "Final-Recipient: rfc822; a@b\n"
                                     "Action: failed\n"
                                     "Status: 5.0.0\n");
  assert_int_equal (smtpreply_dsn_field_count (dsn, 0), 1);
  check_field (dsn, 0, 0, "Reporting-MTA", "dns", "a", 3, 35);
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 1);
  check_field (dsn, 1, 0, "Final-Recipient", "rfc822", "a@b", 12, 165);
  check_problem_count (dsn, 7);
  check_problem (dsn, 0, SMTPREPLY_EDSN_SYNTAX, 1, 0);
  check_problem (dsn, 1, SMTPREPLY_EDSN_SYNTAX, 4, 60);
  check_problem (dsn, 2, SMTPREPLY_EDSN_SYNTAX, 6, 91);
  check_problem (dsn, 3, SMTPREPLY_EDSN_SYNTAX, 7, 105);
  check_problem (dsn, 4, SMTPREPLY_EDSN_SYNTAX, 8, 116);
  check_problem (dsn, 5, SMTPREPLY_EDSN_SYNTAX, 9, 142);
  check_problem (dsn, 6, SMTPREPLY_EDSN_SYNTAX, 11, 144);
  smtpreply_dsn_free (dsn);
}

static void
skips_a_field_with_a_nul_byte (void **state)
{
  (void) state;
  static const char input[] = "Reporting-MTA: dns; a\n"
                              "X-A: one\0two\n"
                              "X-B: three\n"
                              " fo\0ur\n"
                              "X\0C: five\n"
                              " continued\n"
                              "X-D: six\n";
  struct smtpreply_dsn *dsn = parse_n (input, sizeof input - 1);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 0), 2);
  check_field (dsn, 0, 0, "Reporting-MTA", "dns", "a", 1, 0);
  check_field (dsn, 0, 1, "X-D", NULL, "six", 7, 74);
  check_problem_count (dsn, 3);
  check_problem (dsn, 0, SMTPREPLY_EDSN_NUL, 2, 30);
  check_problem (dsn, 1, SMTPREPLY_EDSN_NUL, 4, 49);
  check_problem (dsn, 2, SMTPREPLY_EDSN_NUL, 5, 54);
  smtpreply_dsn_free (dsn);
}

static void
keeps_a_typed_field_without_its_type (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn = parse ("Reporting-MTA: a.example\n"
                                     "\n"
                                     "Final-Recipient: <a@b.example>\n"
                                     "Original-Recipient: ; a@b.example\n"
                                     "Action: failed\n"
                                     "Status: 5.0.0\n"
                                     "Remote-MTA: mx b; c\n"
                                     "Diagnostic-Code:\n");
  check_field (dsn, 0, 0, "Reporting-MTA", NULL, "a.example", 1, 0);
  check_field (dsn, 1, 0, "Final-Recipient", NULL, "<a@b.example>", 3, 26);
  check_field (dsn, 1, 1, "Original-Recipient", NULL, "; a@b.example", 4, 57);
  check_field (dsn, 1, 4, "Remote-MTA", NULL, "mx b; c", 7, 120);
  check_field (dsn, 1, 5, "Diagnostic-Code", NULL, "", 8, 140);
  assert_null (smtpreply_dsn_recipient_reply (dsn, 1));
  check_problem_count (dsn, 5);
  check_problem (dsn, 0, SMTPREPLY_EDSN_NO_TYPE, 1, 15);
  check_problem (dsn, 1, SMTPREPLY_EDSN_NO_TYPE, 3, 43);
  check_problem (dsn, 2, SMTPREPLY_EDSN_NO_TYPE, 4, 77);
  check_problem (dsn, 3, SMTPREPLY_EDSN_NO_TYPE, 7, 132);
  check_problem (dsn, 4, SMTPREPLY_EDSN_NO_TYPE, 8, 156);
  smtpreply_dsn_free (dsn);
}

static void
starts_a_recipient_where_its_fields_start_without_an_empty_line (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn = parse ("Reporting-MTA: dns; a\n"
                                     "Arrival-Date: today\n"
                                     "Original-Recipient: rfc822; b@c\n"
                                     "Final-Recipient: rfc822; b@c\n"
                                     "Action: failed\n"
                                     "Status: 5.0.0\n"
                                     "Original-Recipient: rfc822; d@e\n"
                                     "Final-Recipient: rfc822; d@e\n"
                                     "Action: failed\n"
                                     "Status: 5.0.0\n"
                                     "Final-Recipient: rfc822; f@g\n"
                                     "Original-Recipient: rfc822; f@g\n"
                                     "Action: failed\n"
                                     "Status: 5.0.0\n"
                                     "Final-Recipient: rfc822; h@i\n"
                                     "Action: delayed\n"
                                     "Status: 4.0.0\n");
  assert_int_equal (smtpreply_dsn_field_count (dsn, 0), 2);
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 4);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 1), 4);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 2), 4);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 3), 4);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 4), 3);
  check_field (dsn, 1, 0, "Original-Recipient", "rfc822", "b@c", 3, 42);
  check_field (dsn, 2, 0, "Original-Recipient", "rfc822", "d@e", 7, 132);
  check_field (dsn, 3, 0, "Final-Recipient", "rfc822", "f@g", 11, 222);
  check_field (dsn, 3, 1, "Original-Recipient", "rfc822", "f@g", 12, 251);
  check_field (dsn, 4, 0, "Final-Recipient", "rfc822", "h@i", 15, 312);
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 4),
                    SMTPREPLY_DSN_ACTION_DELAYED);
  check_problem_count (dsn, 4);
  check_problem (dsn, 0, SMTPREPLY_EDSN_NO_SEPARATOR, 3, 42);
  check_problem (dsn, 1, SMTPREPLY_EDSN_NO_SEPARATOR, 7, 132);
  check_problem (dsn, 2, SMTPREPLY_EDSN_NO_SEPARATOR, 11, 222);
  check_problem (dsn, 3, SMTPREPLY_EDSN_NO_SEPARATOR, 15, 312);
  smtpreply_dsn_free (dsn);

  /* No per-message fields at all.  */
  dsn = parse ("Action: failed\nFinal-Recipient: rfc822; a@b\n"
               "Status: 5.0.0\n");
  assert_int_equal (smtpreply_dsn_field_count (dsn, 0), 0);
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 1);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 1), 3);
  check_problem_count (dsn, 1);
  check_problem (dsn, 0, SMTPREPLY_EDSN_NO_SEPARATOR, 1, 0);
  smtpreply_dsn_free (dsn);
}

static void
reports_what_a_recipient_lacks (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn = parse ("Reporting-MTA: dns; a\n"
                                     "\n"
                                     "Action: failed\n"
                                     "Status: 5.0.0\n"
                                     "\n"
                                     "X-Only: this\n"
                                     "\n"
                                     "Final-Recipient: rfc822; a@b\n");
  /* Groups without a recipient are kept.  */
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 3);
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 1),
                    SMTPREPLY_DSN_ACTION_FAILED);
  check_status (dsn, 1, 5, 0, 0);
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 2),
                    SMTPREPLY_DSN_ACTION_NONE);
  struct smtpreply_enhanced_code e = { 9, 9, 9 };
  assert_int_equal (smtpreply_dsn_recipient_status (dsn, 2, &e),
                    SMTPREPLY_EDSN_NO_STATUS);
  assert_int_equal (e.cls, 9);
  assert_int_equal (smtpreply_dsn_recipient_status (dsn, 3, &e),
                    SMTPREPLY_EDSN_NO_STATUS);
  check_problem_count (dsn, 6);
  check_problem (dsn, 0, SMTPREPLY_EDSN_NO_RECIPIENT, 3, 23);
  check_problem (dsn, 1, SMTPREPLY_EDSN_NO_RECIPIENT, 6, 53);
  check_problem (dsn, 2, SMTPREPLY_EDSN_NO_ACTION, 6, 53);
  check_problem (dsn, 3, SMTPREPLY_EDSN_NO_STATUS, 6, 53);
  check_problem (dsn, 4, SMTPREPLY_EDSN_NO_ACTION, 8, 67);
  check_problem (dsn, 5, SMTPREPLY_EDSN_NO_STATUS, 8, 67);
  smtpreply_dsn_free (dsn);
}

static void
reports_a_bad_action_and_a_bad_status_at_their_first_wrong_byte (void **state)
{
  (void) state;
  static const struct
  {
    const char *action;
    size_t action_at; /* offset of the problem in the action's value */
    const char *status;
    int status_rc;
    size_t status_at;
  } cases[] = {
    { "failure", 0, "5.1", SMTPREPLY_EENHANCED_PARTS, 3 },
    { "failed; really", 6, "6.1.1 (class 6)", SMTPREPLY_EENHANCED_CLASS, 0 },
    { "failed in part", 7, "5.01.1", SMTPREPLY_EENHANCED_ZERO, 2 },
    { "(failed)", 0, "5.1.1;", SMTPREPLY_EENHANCED_SYNTAX, 5 },
    { "", 0, "", SMTPREPLY_EENHANCED_PARTS, 0 },
    { "5.1.1", 0, "failed", SMTPREPLY_EENHANCED_SYNTAX, 0 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      char buf[128];
      /* The values start at 8 and 8 + 8 + strlen (action) + 1.  */
      snprintf (buf, sizeof buf,
                "Action: %s\nStatus: %s\nFinal-Recipient: rfc822; a@b\n",
                cases[i].action, cases[i].status);
      size_t status_value = 8 + strlen (cases[i].action) + 1 + 8;
      struct smtpreply_dsn *dsn = parse (buf);
      assert_int_equal (smtpreply_dsn_recipient_action (dsn, 1),
                        SMTPREPLY_DSN_ACTION_NONE);
      struct smtpreply_enhanced_code e = { 9, 9, 9 };
      assert_int_equal (smtpreply_dsn_recipient_status (dsn, 1, &e),
                        cases[i].status_rc);
      assert_int_equal (e.cls, 9);
      check_problem_count (dsn, 3);
      check_problem (dsn, 0, SMTPREPLY_EDSN_NO_SEPARATOR, 1, 0);
      check_problem (dsn, 1, SMTPREPLY_EDSN_BAD_ACTION, 1,
                     8 + cases[i].action_at);
      check_problem (dsn, 2, SMTPREPLY_EDSN_BAD_STATUS, 2,
                     status_value + cases[i].status_at);
      smtpreply_dsn_free (dsn);
    }

  /* Inside a folded value, the problem is on the line of its byte.  */
  struct smtpreply_dsn *dsn = parse ("Final-Recipient: rfc822; a@b\n"
                                     "Action: failed\n"
                                     "Status:\n"
                                     "  5.1.1.1\n");
  check_problem_count (dsn, 2);
  check_problem (dsn, 0, SMTPREPLY_EDSN_NO_SEPARATOR, 1, 0);
  check_problem (dsn, 1, SMTPREPLY_EDSN_BAD_STATUS, 4, 59);
  smtpreply_dsn_free (dsn);
}

/* ------------------------------------------------------------------------
   Limits.  */

static void
refuses_an_input_larger_than_the_limit (void **state)
{
  (void) state;
  size_t len = SMTPREPLY_DSN_MAX_INPUT + 1;
  char *buf = malloc (len);
  assert_non_null (buf);
  memset (buf, '\n', len);
  struct smtpreply_dsn *dsn = (struct smtpreply_dsn *) 1;
  assert_int_equal (smtpreply_dsn_parse (buf, len, &dsn),
                    SMTPREPLY_EDSN_TOO_BIG);
  assert_null (dsn);
  /* The limit itself is read.  */
  memcpy (buf + len - 1 - 13, "X-Last: field", 13);
  assert_int_equal (smtpreply_dsn_parse (buf, len - 1, &dsn), 0);
  check_field (dsn, 0, 0, "X-Last", NULL, "field", 16777204, 16777203);
  smtpreply_dsn_free (dsn);
  free (buf);
}

/* Return a DSN of N recipients after a per-message line of 22 bytes, each
   "\nFinal-Recipient: rfc822; rNNNNN@x\nAction: failed\nStatus: 5.0.0\n"
   (64 bytes, four lines), and store its length in *LEN.  */
static char *
many_recipients (size_t n, size_t *len)
{
  char *buf = malloc (22 + 64 * n + 1);
  assert_non_null (buf);
  size_t at = (size_t) sprintf (buf, "Reporting-MTA: dns; a\n");
  for (size_t i = 0; i < n; i++)
    at += (size_t) sprintf (buf + at,
                            "\nFinal-Recipient: rfc822; r%05zu@x\n"
                            "Action: failed\nStatus: 5.0.0\n",
                            i);
  assert_int_equal (at, 22 + 64 * n);
  *len = at;
  return buf;
}

static void
reads_at_most_the_limit_of_recipients (void **state)
{
  (void) state;
  size_t len;
  char *buf = many_recipients (SMTPREPLY_DSN_MAX_RECIPIENTS, &len);
  struct smtpreply_dsn *dsn = parse_n (buf, len);
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 10000);
  check_field (dsn, 10000, 0, "Final-Recipient", "rfc822", "r09999@x", 39999,
               22 + 64 * 9999 + 1);
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 10000),
                    SMTPREPLY_DSN_ACTION_FAILED);
  check_problem_count (dsn, 0);
  smtpreply_dsn_free (dsn);
  free (buf);

  /* One more stops the reading there, keeping the others.  */
  buf = many_recipients (SMTPREPLY_DSN_MAX_RECIPIENTS + 1, &len);
  dsn = parse_n (buf, len);
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 10000);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 10000), 3);
  check_problem_count (dsn, 1);
  check_problem (dsn, 0, SMTPREPLY_EDSN_TOO_MANY, 40003, 22 + 64 * 10000 + 1);
  smtpreply_dsn_free (dsn);
  free (buf);
}

static void
reads_at_most_the_limit_of_fields (void **state)
{
  (void) state;
  size_t n = SMTPREPLY_DSN_MAX_FIELDS + 1;
  /* "X-A: 1\n" is 7 bytes.  */
  char *buf = malloc (7 * n);
  assert_non_null (buf);
  for (size_t i = 0; i < n; i++)
    memcpy (buf + 7 * i, "X-A: 1\n", 7);
  struct smtpreply_dsn *dsn = parse_n (buf, 7 * n);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 0), 100000);
  check_field (dsn, 0, 99999, "X-A", NULL, "1", 100000, 699993);
  check_problem_count (dsn, 1);
  check_problem (dsn, 0, SMTPREPLY_EDSN_TOO_MANY, 100001, 700000);
  smtpreply_dsn_free (dsn);

  /* Problems: at most the limit.  */
  for (size_t i = 0; i < n; i++)
    memcpy (buf + 7 * i, "bad  \n\n", 7);
  dsn = parse_n (buf, 7 * n);
  assert_int_equal (smtpreply_dsn_field_count (dsn, 0), 0);
  check_problem_count (dsn, SMTPREPLY_DSN_MAX_PROBLEMS);
  check_problem (dsn, 9999, SMTPREPLY_EDSN_SYNTAX, 19999, 69998);
  smtpreply_dsn_free (dsn);
  free (buf);
}

static void
reads_at_most_the_limit_of_reply_lines (void **state)
{
  (void) state;
  /* 12 recipients, each with a reply of 10,000 lines joined: "550-x "
     9,999 times and "550 x" (59,999 bytes).  Each block is an empty
     line, "Final-Recipient: rfc822; rNN@x" (31 bytes with its LF),
     "Action: failed" (15), "Status: 5.0.0" (14) and "Diagnostic-Code:
     smtp; " (23) with the reply and an LF: 60,084 bytes, 5 lines.  */
  size_t block = 1 + 31 + 15 + 14 + 23 + 59999 + 1;
  char *buf = malloc (22 + 12 * block);
  assert_non_null (buf);
  size_t at = (size_t) sprintf (buf, "Reporting-MTA: dns; a\n");
  for (int r = 0; r < 12; r++)
    {
      at += (size_t) sprintf (buf + at,
                              "\nFinal-Recipient: rfc822; r%02d@x\n"
                              "Action: failed\nStatus: 5.0.0\n"
                              "Diagnostic-Code: smtp; ",
                              r);
      for (int i = 0; i < 9999; i++)
        {
          memcpy (buf + at, "550-x ", 6);
          at += 6;
        }
      memcpy (buf + at, "550 x\n", 6);
      at += 6;
    }
  assert_int_equal (at, 22 + 12 * block);
  struct smtpreply_dsn *dsn = parse_n (buf, at);
  /* Ten replies make the limit; the eleventh is not read, and the
     reading stops after its recipient.  */
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 11);
  const struct smtpreply_response *r = smtpreply_dsn_recipient_reply (dsn, 10);
  size_t diag = 22 + 9 * block + 1 + 31 + 15 + 14;
  check_reply (r, 550, 0, 0, 0, 0, 10000, 6 + 5 * 9, diag + 23);
  check_line (r, 0, "x", "x");
  check_line (r, 9999, "x", "x");
  assert_null (smtpreply_dsn_recipient_reply (dsn, 11));
  assert_int_equal (smtpreply_dsn_field_count (dsn, 11), 4);
  check_problem_count (dsn, 1);
  check_problem (dsn, 0, SMTPREPLY_EDSN_TOO_MANY, 6 + 5 * 10,
                 22 + 10 * block + 1 + 31 + 15 + 14);
  smtpreply_dsn_free (dsn);
  free (buf);
}

static void
cuts_a_long_field_at_the_limit (void **state)
{
  (void) state;
  /* A field of 10 MB, folded every 100 bytes: "X-Long:" then lines of a
     space and 99 letters.  */
  size_t lines = 100000;
  size_t len = 7 + 101 * lines;
  char *buf = malloc (len);
  assert_non_null (buf);
  memcpy (buf, "X-Long:", 7);
  for (size_t i = 0; i < lines; i++)
    {
      char *l = buf + 7 + 101 * i;
      l[0] = ' ';
      memset (l + 1, 'a' + (char) (i % 26), 99);
      l[100] = '\n';
    }
  struct smtpreply_dsn *dsn = parse_n (buf, len);
  const struct smtpreply_dsn_field *f = smtpreply_dsn_field_at (dsn, 0, 0);
  assert_non_null (f);
  /* The unfolded text is " aaa... bbb..." (100 bytes a line); the value
     is its first 65536 bytes but the leading space.  */
  assert_int_equal (f->value_len, 65535);
  assert_int_equal (f->value[0], 'a');
  assert_int_equal (f->value[99], ' ');
  assert_int_equal (f->value[100], 'b');
  assert_int_equal (f->value[65534], 'a' + 655 % 26);
  assert_int_equal (f->value[65535], '\0');
  /* Byte 65536 of the text is byte 36 of its line 656, at 7 + 101 * 655
     + 36, on the line 656 of the input.  */
  check_problem_count (dsn, 1);
  check_problem (dsn, 0, SMTPREPLY_EDSN_TOO_LONG, 656, 7 + 101 * 655 + 36);
  smtpreply_dsn_free (dsn);
  free (buf);

  /* A cut never splits a UTF-8 character: "X: " and 65534 letters, then
     a two-byte character that would straddle the limit (the text after
     the colon starts with its space).  */
  len = 3 + 65534 + 4;
  buf = malloc (len);
  assert_non_null (buf);
  memcpy (buf, "X: ", 3);
  memset (buf + 3, 'x', 65534);
  memcpy (buf + 3 + 65534, "\xc3\xa9yz", 4);
  dsn = parse_n (buf, len);
  f = smtpreply_dsn_field_at (dsn, 0, 0);
  assert_int_equal (f->value_len, 65534);
  assert_int_equal (f->value[65533], 'x');
  check_problem_count (dsn, 1);
  check_problem (dsn, 0, SMTPREPLY_EDSN_TOO_LONG, 1, 3 + 65534);
  smtpreply_dsn_free (dsn);
  free (buf);
}

/* ------------------------------------------------------------------------
   Arguments and errors.  */

static void
refuses_invalid_arguments (void **state)
{
  (void) state;
  struct smtpreply_dsn *dsn = (struct smtpreply_dsn *) 1;
  assert_int_equal (smtpreply_dsn_parse (NULL, 1, &dsn), SMTPREPLY_EINVAL);
  assert_null (dsn);
  assert_int_equal (smtpreply_dsn_parse ("X: y", 4, NULL), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_dsn_parse (NULL, 0, &dsn), 0);
  assert_int_equal (smtpreply_dsn_recipient_count (dsn), 0);
  smtpreply_dsn_free (dsn);

  dsn = parse (rfc3464_simple);
  struct smtpreply_enhanced_code e;
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 0), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_dsn_recipient_action (dsn, 2), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_dsn_recipient_status (dsn, 0, &e),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_dsn_recipient_status (dsn, 1, NULL),
                    SMTPREPLY_EINVAL);
  assert_null (smtpreply_dsn_recipient_reply (dsn, 0));
  assert_null (smtpreply_dsn_recipient_reply (dsn, 2));
  assert_int_equal (smtpreply_dsn_field_count (dsn, 2), 0);
  assert_null (smtpreply_dsn_field_find (dsn, 2, "Action"));
  assert_null (smtpreply_dsn_field_find (dsn, 1, NULL));
  assert_int_equal (smtpreply_dsn_problem_at (dsn, 0, NULL, NULL),
                    SMTPREPLY_EINVAL);
  smtpreply_dsn_free (dsn);
}

static void
describes_each_problem (void **state)
{
  (void) state;
  static const struct
  {
    int rc;
    const char *name;
    const char *text;
  } errors[] = {
    { SMTPREPLY_EDSN_SYNTAX, "SMTPREPLY_EDSN_SYNTAX",
      "A line of the delivery status is neither a field nor the "
      "continuation of one" },
    { SMTPREPLY_EDSN_NUL, "SMTPREPLY_EDSN_NUL",
      "A field of the delivery status contains a NUL byte" },
    { SMTPREPLY_EDSN_NO_TYPE, "SMTPREPLY_EDSN_NO_TYPE",
      "The field does not start with its type, like \"rfc822;\" or "
      "\"smtp;\"" },
    { SMTPREPLY_EDSN_NO_SEPARATOR, "SMTPREPLY_EDSN_NO_SEPARATOR",
      "A recipient's fields do not follow an empty line" },
    { SMTPREPLY_EDSN_NO_RECIPIENT, "SMTPREPLY_EDSN_NO_RECIPIENT",
      "A recipient's fields name no Final-Recipient or Original-Recipient" },
    { SMTPREPLY_EDSN_NO_ACTION, "SMTPREPLY_EDSN_NO_ACTION",
      "A recipient's fields have no Action field" },
    { SMTPREPLY_EDSN_BAD_ACTION, "SMTPREPLY_EDSN_BAD_ACTION",
      "The Action field is not failed, delayed, delivered, relayed or "
      "expanded" },
    { SMTPREPLY_EDSN_NO_STATUS, "SMTPREPLY_EDSN_NO_STATUS",
      "A recipient's fields have no Status field" },
    { SMTPREPLY_EDSN_BAD_STATUS, "SMTPREPLY_EDSN_BAD_STATUS",
      "The Status field does not start with a valid enhanced status code" },
    { SMTPREPLY_EDSN_TOO_LONG, "SMTPREPLY_EDSN_TOO_LONG",
      "A field is longer than 64 KiB; only its start is kept" },
    { SMTPREPLY_EDSN_TOO_MANY, "SMTPREPLY_EDSN_TOO_MANY",
      "The delivery status has more recipients, fields or reply lines than "
      "the limits; the rest is not read" },
    { SMTPREPLY_EDSN_TOO_BIG, "SMTPREPLY_EDSN_TOO_BIG",
      "The delivery status is larger than 16 MiB" },
  };
  for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
    {
      assert_int_equal (errors[i].rc, -110 - (int) i);
      assert_string_equal (smtpreply_errname (errors[i].rc), errors[i].name);
      assert_string_equal (smtpreply_strerror_lang (errors[i].rc, "en"),
                           errors[i].text);
    }
  assert_int_equal (SMTPREPLY_DSN_MAX_INPUT, 16777216);
  assert_int_equal (SMTPREPLY_DSN_MAX_RECIPIENTS, 10000);
  assert_int_equal (SMTPREPLY_DSN_MAX_FIELDS, 100000);
  assert_int_equal (SMTPREPLY_DSN_MAX_VALUE, 65536);
  assert_int_equal (SMTPREPLY_DSN_MAX_REPLY_LINES, 100000);
  assert_int_equal (SMTPREPLY_DSN_MAX_PROBLEMS, 10000);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (reads_the_simple_dsn_of_rfc_3464),
    cmocka_unit_test (reads_the_multi_recipient_dsn_of_rfc_3464),
    cmocka_unit_test (reads_the_gateway_and_delayed_dsns_of_rfc_3464),
    cmocka_unit_test (splits_a_joined_multi_line_reply_into_its_lines),
    cmocka_unit_test (splits_joined_lines_only_after_a_hyphen),
    cmocka_unit_test (reads_a_reply_that_starts_the_smtp_diagnostic),
    cmocka_unit_test (finds_no_reply_where_the_diagnostic_holds_none),
    cmocka_unit_test (never_takes_a_code_from_other_diagnostic_types),
    cmocka_unit_test (reads_utf8_addresses_of_a_global_dsn),
    cmocka_unit_test (reads_crlf_lf_and_a_last_line_without_end_alike),
    cmocka_unit_test (unfolds_continuation_lines),
    cmocka_unit_test (separates_groups_by_empty_and_blank_lines),
    cmocka_unit_test (keeps_unknown_fields_and_finds_fields_in_any_case),
    cmocka_unit_test (reads_actions_with_comments_in_any_case),
    cmocka_unit_test (names_the_actions),
    cmocka_unit_test (reports_lines_that_are_no_fields),
    cmocka_unit_test (skips_a_field_with_a_nul_byte),
    cmocka_unit_test (keeps_a_typed_field_without_its_type),
    cmocka_unit_test (
        starts_a_recipient_where_its_fields_start_without_an_empty_line),
    cmocka_unit_test (reports_what_a_recipient_lacks),
    cmocka_unit_test (
        reports_a_bad_action_and_a_bad_status_at_their_first_wrong_byte),
    cmocka_unit_test (refuses_an_input_larger_than_the_limit),
    cmocka_unit_test (reads_at_most_the_limit_of_recipients),
    cmocka_unit_test (reads_at_most_the_limit_of_fields),
    cmocka_unit_test (reads_at_most_the_limit_of_reply_lines),
    cmocka_unit_test (cuts_a_long_field_at_the_limit),
    cmocka_unit_test (refuses_invalid_arguments),
    cmocka_unit_test (describes_each_problem),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
