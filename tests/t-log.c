/* t-log.c -- what one line of a mail log says.
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

/* What a line must give.  */
struct expected
{
  const char *line;
  const char *mta;
  const char *outcome;
  int code;
  const char *reason; /* NULL: none */
  const char *queue_id, *recipient, *domain, *relay, *status;
};

/* Return field FIELD of REC as a NUL-terminated copy in BUF, or NULL.  */
static const char *
field (const struct smtpreply_log_record *rec, int f, char *buf, size_t size)
{
  size_t n;
  const char *p = smtpreply_log_record_field (rec, f, &n);
  if (p == NULL)
    {
      assert_int_equal (n, 0);
      return NULL;
    }
  assert_true (n < size);
  memcpy (buf, p, n);
  buf[n] = '\0';
  return buf;
}

/* Compare a field with what is expected (NULL: none).  */
static void
check_field (const char *got, const char *want, const char *line)
{
  if (want == NULL && got == NULL)
    return;
  if (want == NULL || got == NULL || strcmp (want, got) != 0)
    print_error ("%s\n  field %s, expected %s\n", line, got ? got : "(none)",
                 want ? want : "(none)");
  assert_non_null (want);
  assert_non_null (got);
  assert_string_equal (got, want);
}

/* Read X->line and compare with X.  */
static void
check_line (struct smtpreply_log_record *rec, const struct expected *x)
{
  assert_int_equal (smtpreply_log_read (rec, x->line, strlen (x->line),
                                        SMTPREPLY_STAGE_ANY),
                    0);
  assert_string_equal (smtpreply_token_name (SMTPREPLY_TOKEN_MTA,
                                             smtpreply_log_record_mta (rec)),
                       x->mta);
  assert_string_equal (
      smtpreply_token_name (SMTPREPLY_TOKEN_OUTCOME,
                            smtpreply_log_record_outcome (rec)),
      x->outcome);
  const struct smtpreply_verdict *v = smtpreply_log_record_verdict (rec);
  assert_int_equal (v->code, x->code);
  if (x->reason == NULL)
    assert_null (v->reason);
  else
    assert_string_equal (v->reason->name, x->reason);
  char buf[256];
  check_field (field (rec, SMTPREPLY_LOG_QUEUE_ID, buf, sizeof buf),
               x->queue_id, x->line);
  check_field (field (rec, SMTPREPLY_LOG_RECIPIENT, buf, sizeof buf),
               x->recipient, x->line);
  check_field (field (rec, SMTPREPLY_LOG_DOMAIN, buf, sizeof buf), x->domain,
               x->line);
  check_field (field (rec, SMTPREPLY_LOG_RELAY, buf, sizeof buf), x->relay,
               x->line);
  check_field (field (rec, SMTPREPLY_LOG_STATUS, buf, sizeof buf), x->status,
               x->line);
}

static void
reads_the_fields_of_each_mta (void **state)
{
  (void) state;
  static const struct expected cases[] = {
    { "Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: "
      "to=<b@Example.NET>, relay=mx.example.net[198.51.100.7]:25, "
      "delay=250, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host "
      "mx.example.net[198.51.100.7] said: 550 5.1.1 <b@example.net>: "
      "Recipient address rejected: User unknown (in reply to RCPT TO "
      "command))",
      "postfix", "bounced", 550, "userunknown", "4F2A81C2B3",
      "b@Example.NET", "example.net", "mx.example.net", "bounced" },
    /* Postfix's own status wins over the class of the reply.  */
    { "Nov 28 03:15:22 mx1 postfix/smtp[251]: 5A6B7C8D9E: "
      "to=<c@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1, "
      "dsn=4.7.1, status=deferred (host mx.example.org[192.0.2.1] said: 554 "
      "5.7.1 try again later (in reply to end of DATA command))",
      "postfix", "deferred", 554, "undefined", "5A6B7C8D9E", "c@example.org",
      "example.org", "mx.example.org", "deferred" },
    /* An inbound refusal is no bounce of ours.  */
    { "Nov 28 03:15:29 mx1 postfix/smtpd[777]: NOQUEUE: reject: RCPT from "
      "unknown[203.0.113.9]: 554 5.7.1 Service unavailable; Client host "
      "[203.0.113.9] blocked using zen.spamhaus.org; from=<g@example.org> "
      "to=<h@example.com> proto=ESMTP helo=<x>",
      "postfix", "rejected", 554, "blocked", NULL, "h@example.com",
      "example.com", NULL, NULL },
    /* No relay, no reply code: the enhanced code alone.  */
    { "Nov 28 03:12:53 mx1 postfix/smtp[5212]: D12F3D450A: "
      "to=<sales@example.org>, relay=none, delay=3631, dsn=4.4.1, "
      "status=deferred (connect to mx.example.org[192.0.2.10]:25: "
      "Connection timed out)",
      "postfix", "deferred", 0, "networkerror", "D12F3D450A",
      "sales@example.org", "example.org", NULL, "deferred" },
    { "2026-11-28 03:15:25 1tGx1a-000ABC-12 ** c@example.org R=dnslookup "
      "T=remote_smtp H=mx.example.org [192.0.2.10]: SMTP error from remote "
      "mail server after RCPT TO:<c@example.org>: 550-5.1.1 No such user",
      "exim", "bounced", 550, "userunknown", "1tGx1a-000ABC-12",
      "c@example.org", "example.org", "mx.example.org", NULL },
    { "2026-11-28 06:00:18 1xX9IS-000fE8-Kj == info@example.net "
      "R=dnslookup T=remote_smtp defer (-44) H=mx.example.net "
      "[198.51.100.7]: SMTP error from remote mail server after RCPT "
      "TO:<info@example.net>: 451 4.7.1 Greylisting in action, please come "
      "back later",
      "exim", "deferred", 451, "greylisted", "1xX9IS-000fE8-Kj",
      "info@example.net", "example.net", "mx.example.net", NULL },
    { "2026-11-28 06:25:03.123 +0100 [4242] 1xXBrA-000eLX-7X => "
      "peer@example.net R=dnslookup T=remote_smtp H=mx6.example.net "
      "[2001:db8::25] C=\"250 OK id=1xXBrr-000OLY-qa\"",
      "exim", "delivered", 250, "delivered", "1xXBrA-000eLX-7X",
      "peer@example.net", "example.net", "mx6.example.net", NULL },
    { "2026-11-28 06:30:01 H=(x) [203.0.113.5] F=<s@example.org> rejected "
      "RCPT <u@example.com>: 550 relay not permitted",
      "exim", "rejected", 550, "norelaying", NULL, NULL, NULL, NULL, NULL },
    { "Nov 28 03:15:27 mail sm-mta[12345]: 4ASEE7Xd012345: "
      "to=<e@example.net>, delay=00:00:02, xdelay=00:00:01, mailer=esmtp, "
      "pri=120345, relay=mx.example.net. [198.51.100.7], dsn=4.0.0, "
      "stat=Deferred: Connection refused by mx.example.net.",
      "sendmail", "deferred", 0, "networkerror", "4ASEE7Xd012345",
      "e@example.net", "example.net", "mx.example.net", "deferred" },
    { "Nov 28 08:01:21 mail sm-mta[85550]: 6AS81K05085551: "
      "to=alice@example.com, delay=00:00:01, mailer=esmtp, pri=61508, "
      "relay=mx.example.com. [192.0.2.9], dsn=5.1.1, stat=User unknown "
      "(reply=550 5.1.1 <alice@example.com>... User unknown)",
      "sendmail", "bounced", 550, "userunknown", "6AS81K05085551",
      "alice@example.com", "example.com", "mx.example.com", NULL },
    { "Nov 28 08:18:09 mail sm-mta[2043]: 4ASEE7Xd012399: "
      "ruleset=check_rcpt, arg1=<u@example.com>, relay=[203.0.113.9], "
      "reject=550 5.7.1 <u@example.com>... Relaying denied",
      "sendmail", "rejected", 550, "norelaying", "4ASEE7Xd012399", NULL, NULL,
      NULL, NULL },
    /* Any other log still gives its reply.  */
    { "smtp.out: host said 550 5.2.2 mailbox full", "unknown", "bounced", 550,
      "mailboxfull", NULL, NULL, NULL, NULL, NULL },
    /* A line without a reply.  */
    { "Nov 28 03:10:02 mx1 postfix/qmgr[800]: 4F2A81C2B3: removed", "postfix",
      "none", 0, NULL, "4F2A81C2B3", NULL, NULL, NULL, NULL },
  };
  struct smtpreply_log_record *rec;
  assert_int_equal (smtpreply_log_record_new (&rec), 0);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_line (rec, &cases[i]);
  smtpreply_log_record_free (rec);
}

/* The fields of a line without a reply are there whichever is asked for
   first, and none is left from the line before.  */
static void
reads_the_fields_of_lines_without_a_reply (void **state)
{
  (void) state;
  static const char with_reply[]
      = "Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: "
        "to=<b@example.net>, relay=mx.example.net[198.51.100.7]:25, "
        "dsn=5.2.2, status=bounced (host mx.example.net[198.51.100.7] said: "
        "552 5.2.2 Over quota (in reply to RCPT TO command))";
  static const char exim[]
      = "2026-11-28 03:15:25 1tGx1a-000ABC-12 => c@Mail.Example.ORG "
        "R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.10]";
  static const char postfix[]
      = "Nov 28 03:15:29 mx1 postfix/smtp[251]: 5B3C92D3C4: "
        "to=<d@Example.COM>, relay=none, delay=30, status=deferred "
        "(connect to example.com: Connection timed out)";
  struct smtpreply_log_record *rec;
  char buf[1024];
  size_t n;
  assert_int_equal (smtpreply_log_record_new (&rec), 0);
  assert_int_equal (smtpreply_log_read (rec, with_reply,
                                        sizeof with_reply - 1,
                                        SMTPREPLY_STAGE_ANY),
                    0);
  assert_string_equal (field (rec, SMTPREPLY_LOG_DOMAIN, buf, sizeof buf),
                       "example.net");
  assert_int_equal (smtpreply_log_read (rec, exim, sizeof exim - 1,
                                        SMTPREPLY_STAGE_ANY),
                    0);
  assert_int_equal (smtpreply_log_record_match (rec)->found, 0);
  assert_string_equal (field (rec, SMTPREPLY_LOG_DOMAIN, buf, sizeof buf),
                       "mail.example.org");
  assert_int_equal (smtpreply_log_record_mta (rec), SMTPREPLY_MTA_EXIM);
  assert_int_equal (smtpreply_log_record_outcome (rec),
                    SMTPREPLY_OUTCOME_NONE);
  assert_string_equal (field (rec, SMTPREPLY_LOG_QUEUE_ID, buf, sizeof buf),
                       "1tGx1a-000ABC-12");
  assert_string_equal (field (rec, SMTPREPLY_LOG_RECIPIENT, buf, sizeof buf),
                       "c@Mail.Example.ORG");
  assert_string_equal (field (rec, SMTPREPLY_LOG_RELAY, buf, sizeof buf),
                       "mx.example.org");
  assert_null (field (rec, SMTPREPLY_LOG_STATUS, buf, sizeof buf));
  assert_int_equal (smtpreply_log_read (rec, postfix, sizeof postfix - 1,
                                        SMTPREPLY_STAGE_ANY),
                    0);
  assert_int_equal (smtpreply_log_record_outcome (rec),
                    SMTPREPLY_OUTCOME_NONE);
  assert_int_equal (smtpreply_log_record_json (rec, "mail.log", 3, "en", 0,
                                               buf, sizeof buf, &n),
                    0);
  assert_string_equal (
      buf, "{\"input\":\"Nov 28 03:15:29 mx1 postfix/smtp[251]: 5B3C92D3C4: "
           "to=<d@Example.COM>, relay=none, delay=30, status=deferred "
           "(connect to example.com: Connection timed out)\",\"file\":"
           "\"mail.log\",\"line\":3,\"outcome\":\"none\",\"mta\":"
           "\"postfix\",\"queue_id\":\"5B3C92D3C4\",\"recipient\":"
           "\"d@Example.COM\",\"domain\":\"example.com\",\"status\":"
           "\"deferred\",\"lang\":\"en\"}");
  smtpreply_log_record_free (rec);
}

/* The fields and the outcome of a line with a reply are the same
   whichever is asked for first, and whether the verdict is looked at
   before them or not: the relay, read first for the classifier, agrees
   with the fields read later.  */
static void
reads_the_fields_of_lines_with_a_reply_in_any_order (void **state)
{
  (void) state;
  static const char *const lines[] = {
    "Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: "
    "to=<b@Example.NET>, relay=gmail-smtp-in.l.google.com[1.2.3.4]:25, "
    "dsn=5.7.1, status=bounced (host x said: 550 5.7.1 blocked by gcdp)",
    "Nov 28 08:18:07 mail sm-mta[2041]: 4ASEE7Xd012345: "
    "to=<alice@example.com>, relay=mx.example.com. [192.0.2.5], dsn=5.1.1, "
    "stat=Service unavailable (reply=550 5.1.1 <alice@example.com>... "
    "User unknown)",
    "2026-11-28 03:15:25 1tGx1a-000ABC-12 ** c@example.org R=dnslookup "
    "T=remote_smtp H=mx.example.org [192.0.2.10]: SMTP error from remote "
    "mail server after RCPT TO:<c@example.org>: 550 5.1.1 unknown",
    "smtp.out: host said 550 5.2.2 mailbox full",
  };
  static const int fields[] = { SMTPREPLY_LOG_QUEUE_ID,
                                SMTPREPLY_LOG_RECIPIENT, SMTPREPLY_LOG_DOMAIN,
                                SMTPREPLY_LOG_RELAY, SMTPREPLY_LOG_STATUS };
  struct smtpreply_log_record *rec;
  assert_int_equal (smtpreply_log_record_new (&rec), 0);
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
    {
      size_t len = strlen (lines[i]);
      /* First the outcome, the MTA and the fields in order; then each
         field asked for first.  */
      assert_int_equal (smtpreply_log_read (rec, lines[i], len,
                                            SMTPREPLY_STAGE_ANY),
                        0);
      int outcome = smtpreply_log_record_outcome (rec);
      int mta = smtpreply_log_record_mta (rec);
      const struct smtpreply_rule *rule
          = smtpreply_log_record_verdict (rec)->rule;
      const char *want[5];
      size_t want_len[5];
      for (size_t f = 0; f < 5; f++)
        want[f] = smtpreply_log_record_field (rec, fields[f], &want_len[f]);
      assert_true (outcome != SMTPREPLY_OUTCOME_NONE);
      for (size_t first = 0; first < 5; first++)
        {
          assert_int_equal (smtpreply_log_read (rec, lines[i], len,
                                                SMTPREPLY_STAGE_ANY),
                            0);
          size_t n;
          const char *got
              = smtpreply_log_record_field (rec, fields[first], &n);
          assert_int_equal (n, want_len[first]);
          if (n > 0)
            assert_memory_equal (got, want[first], n);
          for (size_t f = 0; f < 5; f++)
            {
              got = smtpreply_log_record_field (rec, fields[f], &n);
              assert_int_equal (n, want_len[f]);
              if (n > 0)
                assert_memory_equal (got, want[f], n);
            }
          assert_int_equal (smtpreply_log_record_outcome (rec), outcome);
          assert_int_equal (smtpreply_log_record_mta (rec), mta);
          assert_ptr_equal (smtpreply_log_record_verdict (rec)->rule, rule);
        }
    }
  /* The classifier saw the relay: this Gmail rule holds only for Gmail's
     hosts.  */
  assert_int_equal (smtpreply_log_read (rec, lines[0], strlen (lines[0]),
                                        SMTPREPLY_STAGE_ANY),
                    0);
  size_t n;
  const char *relay = smtpreply_log_record_field (rec, SMTPREPLY_LOG_RELAY,
                                                  &n);
  assert_int_equal (n, strlen ("gmail-smtp-in.l.google.com"));
  assert_memory_equal (relay, "gmail-smtp-in.l.google.com", n);
  assert_string_equal (smtpreply_log_record_verdict (rec)->rule->id,
                       "gmail.gcdp");
  assert_int_equal (smtpreply_log_record_outcome (rec),
                    SMTPREPLY_OUTCOME_BOUNCED);
  smtpreply_log_record_free (rec);
}

static void
writes_the_record_the_command_prints (void **state)
{
  (void) state;
  static const char line[]
      = "Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: "
        "to=<b@example.net>, relay=mx.example.net[198.51.100.7]:25, "
        "dsn=5.2.2, status=bounced (host mx.example.net[198.51.100.7] said: "
        "552 5.2.2 Over quota (in reply to RCPT TO command))";
  struct smtpreply_log_record *rec;
  assert_int_equal (smtpreply_log_record_new (&rec), 0);
  assert_int_equal (smtpreply_log_read (rec, line, sizeof line - 1,
                                        SMTPREPLY_STAGE_ANY),
                    0);
  char buf[4096];
  size_t len;
  assert_int_equal (smtpreply_log_record_json (rec, "mail.log", 7, "en", 1,
                                               buf, sizeof buf, &len),
                    0);
  assert_string_equal (
      buf,
      "{\"input\":\"Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: "
      "to=<...@example.net>, relay=mx.example.net[198.51.100.7]:25, "
      "dsn=5.2.2, status=bounced (host mx.example.net[198.51.100.7] said: "
      "552 5.2.2 Over quota (in reply to RCPT TO command))\","
      "\"file\":\"mail.log\",\"line\":7,\"code\":552,"
      "\"name\":\"STORAGE_EXCEEDED\",\"class\":5,\"category\":5,"
      "\"class_name\":\"permanent_negative\",\"category_name\":"
      "\"mail_system\",\"title\":\"Exceeded storage allocation\","
      "\"description\":\"The requested mail action was aborted: the storage "
      "allocated on the server is exceeded\",\"enhanced\":\"5.2.2\","
      "\"enhanced_description\":\"No room is left in the recipient mailbox "
      "because of its quota or its size; deleting old messages there would "
      "make room\",\"stage\":\"rcpt\","
      "\"reason\":\"mailboxfull\",\"reason_title\":\"Mailbox full\","
      "\"reason_text\":\"The recipient's mailbox is full or over its "
      "quota\",\"soft\":true,\"rule\":\"text.over-quota\","
      "\"explanation\":\"The reply says \xe2\x80\x9cover quota\xe2\x80\x9d. "
      "The recipient's mailbox is full or over its quota.\","
      "\"advice\":\"retry\",\"advice_text\":\"Keep the message and try "
      "again later; the recipient's address is good\","
      "\"outcome\":\"bounced\",\"mta\":\"postfix\","
      "\"queue_id\":\"4F2A81C2B3\",\"recipient\":\"...@example.net\","
      "\"domain\":\"example.net\",\"relay\":\"mx.example.net\","
      "\"status\":\"bounced\",\"lang\":\"en\"}");
  assert_int_equal (len, strlen (buf));
  /* Too small a buffer gives the length needed.  */
  assert_int_equal (smtpreply_log_record_json (rec, "mail.log", 7, "en", 1,
                                               buf, 10, &len),
                    SMTPREPLY_ENOSPC);
  assert_int_equal (strlen (buf), 9);
  smtpreply_log_record_free (rec);
}

static void
redacts_the_local_parts_of_addresses (void **state)
{
  (void) state;
  char out[256];
  size_t n;
  static const char in[] = "to=<b.c+d@example.net>, from=x@y orig=<@route>";
  assert_int_equal (smtpreply_log_redact (in, sizeof in - 1, out, sizeof out,
                                          &n),
                    0);
  assert_string_equal (out, "to=<...@example.net>, from=...@y orig=<@route>");
  assert_int_equal (n, strlen (out));
  assert_int_equal (smtpreply_log_redact (in, sizeof in - 1, out, 5, &n),
                    SMTPREPLY_ENOSPC);
  assert_int_equal (n, 46);
  assert_int_equal (smtpreply_log_redact (NULL, 1, out, sizeof out, &n),
                    SMTPREPLY_EINVAL);
}

/* A recipient's domain is a name, a literal or an internationalised name;
   bytes no domain has mean there is no domain to count the line by.  */
static void
counts_only_real_domains (void **state)
{
  (void) state;
  static const char good[]
      = "postfix/smtp[1]: 4B2C: to=<a@Xn--Bcher-Kva.Example>, "
        "status=bounced (host said: 550 5.1.1 unknown)";
  static const char nul[]
      = "postfix/smtp[1]: 4B2C: to=<a@ex\0ample.com>, "
        "status=bounced (host said: 550 5.1.1 unknown)";
  static const char quote[]
      = "postfix/smtp[1]: 4B2C: to=<a@ex\"ample.com>, "
        "status=bounced (host said: 550 5.1.1 unknown)";
  struct smtpreply_log_record *rec;
  char buf[64];
  assert_int_equal (smtpreply_log_record_new (&rec), 0);
  assert_int_equal (smtpreply_log_read (rec, good, sizeof good - 1, 0), 0);
  assert_string_equal (field (rec, SMTPREPLY_LOG_DOMAIN, buf, sizeof buf),
                       "xn--bcher-kva.example");
  assert_int_equal (smtpreply_log_read (rec, nul, sizeof nul - 1, 0), 0);
  assert_string_equal (field (rec, SMTPREPLY_LOG_RECIPIENT, buf, sizeof buf),
                       "a@ex");
  assert_null (field (rec, SMTPREPLY_LOG_DOMAIN, buf, sizeof buf));
  size_t n;
  assert_non_null (smtpreply_log_record_field (rec, SMTPREPLY_LOG_RECIPIENT,
                                               &n));
  assert_int_equal (n, sizeof "a@ex\0ample.com" - 1);
  assert_int_equal (smtpreply_log_read (rec, quote, sizeof quote - 1, 0), 0);
  assert_null (field (rec, SMTPREPLY_LOG_DOMAIN, buf, sizeof buf));
  smtpreply_log_record_free (rec);
}

static void
refuses_bad_arguments (void **state)
{
  (void) state;
  struct smtpreply_log_record *rec;
  assert_int_equal (smtpreply_log_record_new (NULL), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_log_record_new (&rec), 0);
  assert_int_equal (smtpreply_log_read (NULL, "x", 1, 0), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_log_read (rec, NULL, 1, 0), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_log_read (rec, "x", 1, 99), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_log_read (rec, NULL, 0, 0), 0);
  size_t n = 5;
  assert_null (smtpreply_log_record_field (rec, 99, &n));
  assert_int_equal (n, 0);
  assert_null (smtpreply_log_record_field (NULL, SMTPREPLY_LOG_DOMAIN, &n));
  assert_int_equal (smtpreply_log_record_outcome (NULL),
                    SMTPREPLY_OUTCOME_NONE);
  assert_null (smtpreply_log_record_match (NULL));
  char buf[8];
  assert_int_equal (smtpreply_log_record_json (rec, NULL, 1, NULL, 0, buf,
                                               sizeof buf, &n),
                    SMTPREPLY_EINVAL);
  smtpreply_log_record_free (rec);
  smtpreply_log_record_free (NULL);
}

/* A copy holds what the record read, with the fields read before or
   after it, and keeps it when the record reads the next line: lines read
   in one thread are used in another.  */
static void
copies_what_a_record_read (void **state)
{
  (void) state;
  static const char bounced[]
      = "Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: "
        "to=<b@Example.NET>, relay=mx.example.net[198.51.100.7]:25, "
        "dsn=5.2.2, status=bounced (host mx.example.net[198.51.100.7] said: "
        "552 5.2.2 Over quota (in reply to RCPT TO command))";
  static const char removed[]
      = "Nov 28 03:15:22 mx1 postfix/qmgr[800]: 4F2A81C2B3: removed";
  struct smtpreply_log_record *src, *dst, *late;
  char want[2048], got[2048], buf[256];
  size_t want_len, got_len;
  assert_int_equal (smtpreply_log_record_new (&src), 0);
  assert_int_equal (smtpreply_log_record_new (&dst), 0);
  assert_int_equal (smtpreply_log_record_new (&late), 0);
  assert_int_equal (smtpreply_log_read (src, bounced, sizeof bounced - 1,
                                        SMTPREPLY_STAGE_ANY),
                    0);
  /* LATE copies before any field is read, DST after.  */
  assert_int_equal (smtpreply_log_record_copy (late, src), 0);
  assert_int_equal (smtpreply_log_record_json (src, "mail.log", 7, "en", 0,
                                               want, sizeof want, &want_len),
                    0);
  assert_int_equal (smtpreply_log_record_copy (dst, src), 0);
  assert_int_equal (smtpreply_log_read (src, removed, sizeof removed - 1,
                                        SMTPREPLY_STAGE_ANY),
                    0);
  assert_int_equal (smtpreply_log_record_match (src)->found, 0);
  for (int k = 0; k < 2; k++)
    {
      struct smtpreply_log_record *c = k == 0 ? dst : late;
      assert_int_equal (smtpreply_log_record_match (c)->code, 552);
      assert_string_equal (smtpreply_log_record_verdict (c)->reason->name,
                           "mailboxfull");
      assert_int_equal (smtpreply_log_record_outcome (c),
                        SMTPREPLY_OUTCOME_BOUNCED);
      assert_string_equal (field (c, SMTPREPLY_LOG_DOMAIN, buf, sizeof buf),
                           "example.net");
      assert_string_equal (field (c, SMTPREPLY_LOG_STATUS, buf, sizeof buf),
                           "bounced");
      assert_string_equal (field (c, SMTPREPLY_LOG_QUEUE_ID, buf,
                                  sizeof buf),
                           "4F2A81C2B3");
      assert_int_equal (smtpreply_log_record_json (c, "mail.log", 7, "en", 0,
                                                   got, sizeof got,
                                                   &got_len),
                        0);
      assert_int_equal (got_len, want_len);
      assert_string_equal (got, want);
    }
  /* SRC still reads its own line.  */
  assert_string_equal (field (src, SMTPREPLY_LOG_QUEUE_ID, buf, sizeof buf),
                       "4F2A81C2B3");
  assert_null (field (src, SMTPREPLY_LOG_STATUS, buf, sizeof buf));
  /* A copy of a line without a reply replaces the line before.  */
  assert_int_equal (smtpreply_log_record_copy (dst, src), 0);
  assert_int_equal (smtpreply_log_record_match (dst)->found, 0);
  assert_null (field (dst, SMTPREPLY_LOG_DOMAIN, buf, sizeof buf));
  assert_null (field (dst, SMTPREPLY_LOG_STATUS, buf, sizeof buf));
  assert_int_equal (smtpreply_log_record_copy (dst, dst), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_log_record_copy (NULL, src), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_log_record_copy (dst, NULL), SMTPREPLY_EINVAL);
  smtpreply_log_record_free (src);
  smtpreply_log_record_free (dst);
  smtpreply_log_record_free (late);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (reads_the_fields_of_each_mta),
    cmocka_unit_test (reads_the_fields_of_lines_without_a_reply),
    cmocka_unit_test (reads_the_fields_of_lines_with_a_reply_in_any_order),
    cmocka_unit_test (writes_the_record_the_command_prints),
    cmocka_unit_test (redacts_the_local_parts_of_addresses),
    cmocka_unit_test (counts_only_real_domains),
    cmocka_unit_test (refuses_bad_arguments),
    cmocka_unit_test (copies_what_a_record_read),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
