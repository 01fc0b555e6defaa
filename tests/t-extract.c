/* t-extract.c -- finding the reply inside a log line or a bounce.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The log lines are copied from the logs in examples/ (the test reads no
   file), and every offset is counted by hand from the text.  */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"

/* What smtpreply_extract must find in TEXT.  */
struct expected
{
  const char *text;
  unsigned int found;
  int code;
  size_t code_offset;
  struct smtpreply_enhanced_code enhanced;
  size_t enhanced_offset;
  size_t enhanced_length;
  size_t text_offset;
};

/* Run smtpreply_extract on X->text and compare every field with X.  */
static void
check_match (const struct expected *x)
{
  struct smtpreply_match m = { .size = sizeof m };
  memset (&m, 0xa5, sizeof m);
  assert_int_equal (smtpreply_extract (x->text, strlen (x->text), &m), 0);
  if (m.found != x->found || m.code != x->code
      || m.code_offset != x->code_offset || m.text_offset != x->text_offset)
    print_error ("in: %s\n", x->text);
  assert_int_equal (m.found, x->found);
  assert_int_equal (m.code, x->code);
  assert_int_equal (m.code_offset, x->code_offset);
  assert_int_equal (m.enhanced.cls, x->enhanced.cls);
  assert_int_equal (m.enhanced.subject, x->enhanced.subject);
  assert_int_equal (m.enhanced.detail, x->enhanced.detail);
  assert_int_equal (m.enhanced_offset, x->enhanced_offset);
  assert_int_equal (m.enhanced_length, x->enhanced_length);
  assert_int_equal (m.text_offset, x->text_offset);
}

/* Check that nothing is found in the NUL-terminated TEXT.  */
static void
check_nothing (const char *text)
{
  struct smtpreply_match m = { .size = sizeof m };
  memset (&m, 0xa5, sizeof m);
  assert_int_equal (smtpreply_extract (text, strlen (text), &m), 0);
  if (m.found != 0)
    print_error ("found %u (code %d at %zu) in: %s\n", m.found, m.code,
                 m.code_offset, text);
  assert_int_equal (m.found, 0);
  assert_int_equal (m.code, 0);
}

static void
finds_replies_in_postfix_logs (void **state)
{
  (void) state;
  static const struct expected cases[] = {
    /* Postfix smtp: the issue's example.  */
    { "host mx.example.net[198.51.100.7] said: 550 5.1.1 <a@b>: Recipient "
      "address rejected: User unknown (in reply to RCPT TO command)",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 40, { 5, 1, 1 }, 44, 5, 50 },
    /* postfix.log line 29.  */
    { "Nov 28 03:15:20 mx1 postfix/smtp[44884]: DD51AF25C5: "
      "to=<bob@example.net>, relay=mx.example.net[198.51.100.7]:25, "
      "delay=2.29, delays=0.26/0.04/1.27/0.72, dsn=5.1.1, status=bounced "
      "(host mx.example.net[198.51.100.7] said: 550 5.1.1 <bob@example.net>: "
      "Recipient address rejected: User unknown in virtual mailbox table (in "
      "reply to RCPT TO command))",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 221, { 5, 1, 1 }, 225, 5, 231 },
    /* postfix.log line 50: smtpd reject.  */
    { "Nov 28 03:16:26 mx1 postfix/smtpd[56112]: NOQUEUE: reject: RCPT from "
      "unknown[203.0.113.9]: 554 5.7.1 Service unavailable; Client host "
      "[203.0.113.9] blocked using zen.spamhaus.org; "
      "https://www.spamhaus.org/query/ip/203.0.113.9; "
      "from=<offers@promo.example.org> to=<alice@example.com> proto=ESMTP "
      "helo=<WIN-7Q2LK3M0>",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      554, 91, { 5, 7, 1 }, 95, 5, 101 },
    /* postfix.log line 40: status=sent.  */
    { "Nov 28 03:15:25 mx1 postfix/smtp[34825]: DD51AF25C5: "
      "to=<bob@example.org>, relay=mx.example.org[192.0.2.12]:25, "
      "delay=2.61, delays=0.23/0.02/0.85/1.51, dsn=2.0.0, status=sent (250 "
      "2.0.0 Ok: queued as 4jRn0p3SgxjN)",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      250, 176, { 2, 0, 0 }, 180, 5, 186 },
    /* postfix.log line 46: no enhanced code in the reply, so dsn=.  */
    { "Nov 28 03:15:28 mx1 postfix/smtp[23134]: DD51AF25C5: "
      "to=<shop@biz.example.net>, "
      "relay=mx.biz.example.net[198.51.100.120]:25, delay=3.03, "
      "delays=0.24/0.01/1.14/1.64, dsn=2.0.0, status=sent (250 OK "
      "id=1tHd0V-008792-44)",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      250, 189, { 2, 0, 0 }, 169, 5, 193 },
    /* postfix.log line 32: Gmail's multi-line 550-5.1.1.  */
    { "Nov 28 03:15:21 mx1 postfix/smtp[14878]: DD51AF25C5: "
      "to=<j.smith@example.net>, "
      "relay=alt1.aspmx.l.example.net[198.51.100.27]:25, delay=3.4, "
      "delays=0.22/0.04/1.48/1.66, dsn=5.1.1, status=bounced (host "
      "alt1.aspmx.l.example.net[198.51.100.27] said: 550-5.1.1 The email "
      "account that you tried to reach does not exist. Please try 550-5.1.1 "
      "double-checking the recipient's email address for typos or 550-5.1.1 "
      "unnecessary spaces. For more information, go to 550 5.1.1  "
      "https://support.google.com/mail/?p=NoSuchUser "
      "d9443c01a7336-285b756e5d7si1359621a.142 - gsmtp (in reply to RCPT TO "
      "command))",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 246, { 5, 1, 1 }, 250, 5, 256 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_match (&cases[i]);
}

static void
finds_replies_in_exim_logs (void **state)
{
  (void) state;
  static const struct expected cases[] = {
    /* exim.log line 20.  */
    { "2026-11-28 06:04:23 1xXBWE-000K81-xP ** bob@example.net R=dnslookup "
      "T=remote_smtp H=mx.example.net [198.51.100.7] "
      "X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256 CV=yes: "
      "SMTP error from remote mail server after RCPT TO:<bob@example.net>: "
      "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 250, { 5, 1, 1 }, 254, 5, 260 },
    /* exim.log line 41: Gmail's reply, its line breaks logged as \n.  */
    { "2026-11-28 06:09:52 1xXBbP-0005ry-rV ** j.smith@example.net "
      "R=dnslookup T=remote_smtp H=alt1.aspmx.l.example.net [198.51.100.27] "
      "X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256 CV=yes: "
      "SMTP error from remote mail server after RCPT "
      "TO:<j.smith@example.net>: 550-5.1.1 The email account that you tried "
      "to reach does not exist. Please try\\n550-5.1.1 double-checking the "
      "recipient's email address for typos or\\n550-5.1.1 unnecessary "
      "spaces. For more information, go to\\n550 5.1.1  "
      "https://support.google.com/mail/?p=NoSuchUser 796fc6si970484.958 - "
      "gsmtp",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 269, { 5, 1, 1 }, 273, 5, 279 },
    /* exim.log line 13: C="250 ...".  */
    { "2026-11-28 06:01:04 1xXBTw-0009S4-62 => tom@example.net R=dnslookup "
      "T=remote_smtp H=alt1.aspmx.l.example.net [198.51.100.27] "
      "X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256 CV=yes "
      "C=\"250 2.0.0 OK  1795845662 6aff63si774708.460 - gsmtp\"",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      250, 195, { 2, 0, 0 }, 199, 5, 205 },
    /* exim.log line 46: an authenticator's reply.  */
    { "2026-11-28 06:10:35 dovecot_plain authenticator failed for (User) "
      "[203.0.113.77]: 535 Incorrect authentication data "
      "(set_id=admin@example.com)",
      SMTPREPLY_MATCH_CODE,
      535, 82, { 0, 0, 0 }, 0, 0, 86 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_match (&cases[i]);
}

static void
finds_replies_in_sendmail_logs (void **state)
{
  (void) state;
  static const struct expected cases[] = {
    /* sendmail.log line 17: reply=.  */
    { "Nov 28 08:02:21 mail sm-mta[96163]: 6AS81M06096163: "
      "to=<bob@example.net>, ctladdr=<alice@example.com> (1000/1000), "
      "delay=00:00:02, xdelay=00:00:02, mailer=esmtp, pri=224545, "
      "relay=mx.example.net. [198.51.100.7], dsn=5.1.1, reply=550 5.1.1 "
      "<bob@example.net>: Recipient address rejected: User unknown in "
      "virtual mailbox table, stat=User unknown",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 229, { 5, 1, 1 }, 233, 5, 239 },
    /* sendmail.log line 33: reject=.  */
    { "Nov 28 08:04:54 mail sm-mta[27876]: 6AS83L0B027876: "
      "ruleset=check_mail, arg1=<spam@nonexist.example.org>, relay=unknown "
      "[203.0.113.52], reject=553 5.1.8 <spam@nonexist.example.org>... "
      "Domain of sender address spam@nonexist.example.org does not exist",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      553, 143, { 5, 1, 8 }, 147, 5, 153 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_match (&cases[i]);
}

static void
finds_replies_in_bounces_and_whole_replies (void **state)
{
  (void) state;
  static const struct expected cases[] = {
    /* A bounce's Diagnostic-Code.  */
    { "Diagnostic-Code: smtp; 554 5.7.1 <a@b>: Relay access denied",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      554, 23, { 5, 7, 1 }, 27, 5, 33 },
    /* A whole reply.  */
    { "550 5.1.1 <bob@example.net>: Recipient address rejected",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 0, { 5, 1, 1 }, 4, 5, 10 },
    /* A whole reply without an enhanced code.  */
    { "421 mx.example.net Service not available, closing transmission channel",
      SMTPREPLY_MATCH_CODE,
      421, 0, { 0, 0, 0 }, 0, 0, 4 },
    /* No space after "smtp;".  */
    { "Diagnostic-Code: smtp;550 5.1.1 <a@b>: User unknown",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 22, { 5, 1, 1 }, 26, 5, 32 },
    /* Exchange's "#550 5.1.1".  */
    { "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'; "
      "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 24, { 5, 1, 10 }, 28, 6, 35 },
    { "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 1, { 5, 1, 1 }, 5, 5, 11 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_match (&cases[i]);
}

static void
finds_an_enhanced_code_alone_with_code_0 (void **state)
{
  (void) state;
  static const struct expected cases[] = {
    /* postfix.log line 13: dsn= alone.  */
    { "Nov 28 03:12:53 mx1 postfix/smtp[5212]: D12F3D450A: "
      "to=<sales@example.org>, relay=none, delay=3631, "
      "delays=3620.6/0.02/9/1.38, dsn=4.4.1, status=deferred (connect to "
      "mx.example.org[192.0.2.10]:25: Connection timed out)",
      SMTPREPLY_MATCH_ENHANCED,
      0, 0, { 4, 4, 1 }, 131, 5, 136 },
    /* postfix.log line 154: delay=421 is no reply.  */
    { "Nov 28 03:31:35 mx1 postfix/smtp[47112]: 2E22B61DD2: "
      "to=<orders@example.org>, relay=mx2.example.org[192.0.2.11]:25, "
      "delay=421, delays=414.92/0.02/5.51/0.55, dsn=4.4.2, status=deferred "
      "(lost connection with mx2.example.org[192.0.2.11] while receiving the "
      "initial server greeting)",
      SMTPREPLY_MATCH_ENHANCED,
      0, 0, { 4, 4, 2 }, 161, 5, 166 },
    /* sendmail.log line 13: dsn= alone.  */
    { "Nov 28 08:01:21 mail sm-mta[85550]: 6AS81K05085550: "
      "to=<alice@example.com>, delay=00:00:01, xdelay=00:00:00, "
      "mailer=local, pri=61508, dsn=2.0.0, stat=Sent",
      SMTPREPLY_MATCH_ENHANCED,
      0, 0, { 2, 0, 0 }, 138, 5, 143 },
    /* A log's dsn= alone.  */
    { "dsn=4.7.1", SMTPREPLY_MATCH_ENHANCED, 0, 0, { 4, 7, 1 }, 4, 5, 9 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_match (&cases[i]);
}

static void
prefers_the_replys_own_enhanced_code (void **state)
{
  (void) state;
  static const struct expected cases[] = {
    /* Postfix's dsn= stands in for a reply without an enhanced code.  */
    { "to=<a@b>, dsn=5.1.1, status=bounced (host "
      "mx.example.net[198.51.100.7] said: 550 User unknown (in reply to "
      "RCPT TO command))",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 77, { 5, 1, 1 }, 14, 5, 81 },
    /* ... but not for one the server sent, however vague: the match is
       what the server said.  */
    { "to=<a@b>, dsn=5.1.1, status=bounced (host "
      "mx.example.net[198.51.100.7] said: 550 5.0.0 <a@b>... User unknown "
      "(in reply to RCPT TO command))",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 77, { 5, 0, 0 }, 81, 5, 87 },
    /* Sendmail's dsn=2.1.5 is not the enhanced code of "250 2.0.0".  */
    { "to=<a@b>, delay=00:00:01, mailer=esmtp, dsn=2.1.5, stat=Sent "
      "(reply=250 2.0.0 Ok: queued as 4F2A8)",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      250, 68, { 2, 0, 0 }, 72, 5, 78 },
    /* The dsn= stands in when the server's code disagrees in class.  */
    { "dsn=5.1.1, said: 550 4.0.0 no",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 17, { 5, 1, 1 }, 4, 5, 27 },
    /* A vague code first, the specific one later.  */
    { "Status: 5.0.0 (permanent failure) Diagnostic-Code: smtp; 550 5.1.1 "
      "user unknown",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 57, { 5, 1, 1 }, 61, 5, 67 },
    /* The specific code first, a vague one later.  */
    { "said: 550 5.1.1 user unknown, dsn=5.0.0",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED,
      550, 6, { 5, 1, 1 }, 10, 5, 16 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_match (&cases[i]);
}

static void
takes_no_number_that_is_not_a_reply (void **state)
{
  (void) state;
  static const char *const near_misses[] = {
    "delay=250",
    "to=<a@b>, relay=mx.example.net[198.51.100.7]:25, delay=250, "
    "delays=231.85/0.04/16.95/1.16",
    "from=<a@b>, size=550, nrcpt=1 (queue active)",
    "<= a@b H=mx.example.net [198.51.100.8] P=esmtps S=550 id=x@y",
    "daemon started: pid=550, -q30m",
    "postfix/smtpd[421]: connect from unknown[203.0.113.9]",
    "[421]",
    "connect to mx.example.org[192.0.2.10]:25: Connection timed out",
    "relay=smtp.example.net[198.51.100.40]:465, delay=2.29",
    "relay=smtp.example.net:465 delay=1",
    "198.51.100.7",
    "host mx.example.net[198.51.100.7] refused to talk to me",
    "2026-11-28",
    "2026-11-28 03:14:07 Start queue run: pid=2525",
    "03:14:07",
    "4F2A81C2B3: removed",
    "550A1B2C3D: from=<a@b>",
    "server v5.1.1 ready",
    "v5.1.1",
    "daemon started -- version 3.7.11, configuration /etc/postfix",
    "Dovecot 2.3.19 ready.",
    "exim 4.96 daemon started",
    "listening for SMTP on port 465 (IPv4)",
    "port 465 (IPv4)",
    "starting daemon (8.17.1.9): SMTP+queueing@00:10:00",
    "14 aliases, longest 22 bytes, 421 bytes total",
    "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (128/128 bits)",
    "defer (110) H=mx.example.org [192.0.2.10]: Connection timed out",
    "postfix/smtpd[1234]: lost connection after DATA (550 bytes) from "
    "unknown[203.0.113.9]",
    "timeout after END-OF-MESSAGE (250 bytes) from unknown[203.0.113.9]",
    "spf: libspf2 (2.2.12) loaded",
    "1xXBrr-000OLY-qa 1tHd0V-550792-44",
    "",
  };
  for (size_t i = 0; i < sizeof near_misses / sizeof near_misses[0]; i++)
    check_nothing (near_misses[i]);
}

static void
takes_no_number_from_real_lines_without_a_reply (void **state)
{
  (void) state;
  static const char *const lines[] = {
    /* exim.log line 2.  */
    "2026-11-28 06:00:12 exim 4.96 daemon started: pid=550, -q30m, listening "
    "for SMTP on port 25 (IPv4) port 587 (IPv4)",
    /* exim.log line 15.  */
    "2026-11-28 06:02:40 1xXBUe-000Mae-mK <= bob@example.net "
    "H=mail.example.net [198.51.100.8] P=esmtps "
    "X=TLS1.3:ECDHE_X25519__ECDSA_SECP256R1_SHA256__AES_256_GCM:256 CV=no "
    "S=550 id=20261128060104.P26DSUBJ@example.net",
    /* exim.log line 131.  */
    "2026-11-28 06:30:46 1xXBvn-000VV1-ZN == sales2@example.org R=dnslookup "
    "T=remote_smtp defer (110) H=mx.example.org [192.0.2.10]: Connection "
    "timed out",
    /* postfix.log line 2.  */
    "Nov 28 03:10:02 mx1 postfix/master[800]: daemon started -- version "
    "3.7.11, configuration /etc/postfix",
    /* sendmail.log line 1.  */
    "Nov 28 08:00:03 mail sm-mta[1099]: starting daemon (8.17.1.9): "
    "SMTP+queueing@00:10:00",
    /* sendmail.log line 4.  */
    "Nov 28 08:00:05 mail sm-mta[1099]: /etc/mail/aliases: 14 aliases, "
    "longest 22 bytes, 421 bytes total",
  };
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
    check_nothing (lines[i]);
}

static void
finds_replies_logs_quote_in_other_ways (void **state)
{
  (void) state;
  static const struct expected cases[] = {
    /* Dovecot's msg="...".  */
    { "auth failed, msg=\"535 Authentication failed.\"",
      SMTPREPLY_MATCH_CODE, 535, 18, { 0, 0, 0 }, 0, 0, 22 },
    /* Exim's "H=host [ip] 535 ...".  */
    { "plain authenticator failed for ([127.0.0.1]) [127.0.0.1]:41844 "
      "H=127.0.0.1 [127.0.0.1] 535 Sorry, authentication failed",
      SMTPREPLY_MATCH_CODE, 535, 87, { 0, 0, 0 }, 0, 0, 91 },
    /* A banner in angle brackets.  */
    { "lost connection after banner <220 ESMTP ready>",
      SMTPREPLY_MATCH_CODE, 220, 30, { 0, 0, 0 }, 0, 0, 34 },
    /* A quoted response of class 3.  */
    { "unexpected server response \"334 User?\"",
      SMTPREPLY_MATCH_CODE, 334, 28, { 0, 0, 0 }, 0, 0, 32 },
    /* Sendmail's transcript.  */
    { "<<< 550 User unknown", SMTPREPLY_MATCH_CODE, 550, 4, { 0, 0, 0 }, 0,
      0, 8 },
    /* A code outside the grammar, flagged.  */
    { "571 No PTR Record found",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_NONSTANDARD, 571, 0,
      { 0, 0, 0 }, 0, 0, 4 },
    { "host mx.example.net[192.0.2.5] said: 571 No PTR Record found for "
      "192.0.2.7", SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_NONSTANDARD, 571,
      37, { 0, 0, 0 }, 0, 0, 41 },
    /* A refusal inside a greeting: the failure line decides.  */
    { "220-mx.example.fr ESMTP 421 4.2.1 Service refuse",
      SMTPREPLY_MATCH_CODE | SMTPREPLY_MATCH_ENHANCED
          | SMTPREPLY_MATCH_LAST_LINE,
      421, 24, { 4, 2, 1 }, 28, 5, 34 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_match (&cases[i]);
}

static void
takes_no_host_count_or_size_for_a_reply (void **state)
{
  (void) state;
  static const char *const near_misses[] = {
    /* Host names that start like codes.  */
    "s1OHA28u032053: 211-75-6-133.HINET-IP.hinet.net",
    "warning: 114-44-142-233.dynamic.hinet.net[114.44.142.233]: "
    "SASL LOGIN authentication failed",
    /* Counts and sizes after a colon.  */
    "rate limit exceeded: 334 from 203.0.113.5",
    "Deleted: 115 messages",
    "DKIM-Signature key bits: 512",
    "public key too short: 253 bits",
    "message size: 552 bytes",
    /* Codes outside the grammar where the text is no reply.  */
    "queue: 571 deferred",
    "id=571",
  };
  for (size_t i = 0; i < sizeof near_misses / sizeof near_misses[0]; i++)
    check_nothing (near_misses[i]);
}

static void
reads_only_len_bytes (void **state)
{
  (void) state;
  struct smtpreply_match m = { .size = sizeof m };
  /* "550 5.1.1" cut after the code: no enhanced code.  */
  assert_int_equal (smtpreply_extract ("550 5.1.1 x", 3, &m), 0);
  assert_int_equal (m.found, SMTPREPLY_MATCH_CODE);
  assert_int_equal (m.code, 550);
  assert_int_equal (m.code_offset, 0);
  assert_int_equal (m.text_offset, 3);
  /* "dsn=4.7.10" cut to "dsn=4.7.1".  */
  assert_int_equal (smtpreply_extract ("dsn=4.7.10", 9, &m), 0);
  assert_int_equal (m.found, SMTPREPLY_MATCH_ENHANCED);
  assert_int_equal (m.enhanced.detail, 1);
  assert_int_equal (m.enhanced_length, 5);
  /* Nothing at all.  */
  assert_int_equal (smtpreply_extract ("550 5.1.1", 0, &m), 0);
  assert_int_equal (m.found, 0);
  assert_int_equal (smtpreply_extract (NULL, 0, &m), 0);
  assert_int_equal (m.found, 0);
}

static void
refuses_invalid_arguments (void **state)
{
  (void) state;
  struct smtpreply_match m = { .size = sizeof m };
  assert_int_equal (smtpreply_extract (NULL, 3, &m), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_extract ("550", 3, NULL), SMTPREPLY_EINVAL);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (finds_replies_in_postfix_logs),
    cmocka_unit_test (finds_replies_in_exim_logs),
    cmocka_unit_test (finds_replies_in_sendmail_logs),
    cmocka_unit_test (finds_replies_in_bounces_and_whole_replies),
    cmocka_unit_test (finds_an_enhanced_code_alone_with_code_0),
    cmocka_unit_test (prefers_the_replys_own_enhanced_code),
    cmocka_unit_test (takes_no_number_that_is_not_a_reply),
    cmocka_unit_test (takes_no_number_from_real_lines_without_a_reply),
    cmocka_unit_test (finds_replies_logs_quote_in_other_ways),
    cmocka_unit_test (takes_no_host_count_or_size_for_a_reply),
    cmocka_unit_test (reads_only_len_bytes),
    cmocka_unit_test (refuses_invalid_arguments),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
