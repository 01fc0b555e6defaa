/* t-summary.c -- summaries of mail logs: counting, merging, JSON, text.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

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

/* A small log: Postfix, Exim and Sendmail lines, failures and not.  */
static const char *const log_lines[] = {
  "Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: to=<b@example.net>, "
  "relay=mx.example.net[198.51.100.7]:25, dsn=5.1.1, status=bounced (host "
  "mx.example.net[198.51.100.7] said: 550 5.1.1 <b@example.net>: Recipient "
  "address rejected: User unknown (in reply to RCPT TO command))",
  "Nov 28 03:15:22 mx1 postfix/smtp[251]: 5A6B7C8D9E: to=<c@example.net>, "
  "relay=mx.example.net[198.51.100.7]:25, dsn=4.2.2, status=deferred (host "
  "mx.example.net[198.51.100.7] said: 452 4.2.2 Mailbox full (in reply to "
  "RCPT TO command))",
  "Nov 28 03:15:23 mx1 postfix/qmgr[800]: 4F2A81C2B3: removed",
  "2026-11-28 03:15:25 1tGx1a-000ABC-12 ** d@example.org R=dnslookup "
  "T=remote_smtp H=mx.example.org [192.0.2.10]: SMTP error from remote mail "
  "server after RCPT TO:<d@example.org>: 550 5.1.1 No such user",
  "Nov 28 03:15:29 mx1 postfix/smtpd[777]: NOQUEUE: reject: RCPT from "
  "unknown[203.0.113.9]: 554 5.7.1 Service unavailable; Client host "
  "[203.0.113.9] blocked using zen.spamhaus.org; from=<g@example.org> "
  "to=<h@example.com> proto=ESMTP helo=<x>",
  "Nov 28 03:15:30 mx1 postfix/smtp[252]: 6B7C8D9E0F: to=<i@example.net>, "
  "relay=mx.example.net[198.51.100.7]:25, dsn=2.0.0, status=sent (250 2.0.0 "
  "Ok: queued as 1A2B3C4D5E)",
  "Nov 28 03:15:31 mx1 postfix/smtp[253]: 7C8D9E0F1A: to=<j@example.net>, "
  "relay=mx.example.net[198.51.100.7]:25, dsn=4.2.2, status=deferred (host "
  "mx.example.net[198.51.100.7] said: 452 4.2.2 Mailbox full (in reply to "
  "RCPT TO command))",
};
#define NLINES (sizeof log_lines / sizeof log_lines[0])

/* Add line I of the log, as line I + 1 of FILE, to S.  */
static void
add_line (struct smtpreply_summary *s, size_t i, const char *file)
{
  assert_int_equal (smtpreply_summary_add_lines (s, log_lines[i],
                                                 strlen (log_lines[i]), file,
                                                 i + 1),
                    0);
}

/* Return the rendering of S in FORMAT and LANG; free it with free.  */
static char *
render (const struct smtpreply_summary *s, int format, const char *lang)
{
  char *out = NULL;
  size_t len = 0;
  assert_int_equal (smtpreply_summary_render (s, format, lang, &out, &len), 0);
  assert_non_null (out);
  assert_int_equal (strlen (out), len);
  return out;
}

static void
renders_the_lines_as_the_command_prints_them (void **state)
{
  (void) state;
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (0, &s), 0);
  for (size_t i = 0; i < NLINES; i++)
    add_line (s, i, "mail.log");
  assert_int_equal (smtpreply_summary_lines (s), 6);
  char *text = render (s, SMTPREPLY_SUMMARY_TEXT, "en");
  assert_string_equal (
      text,
      "Deferred: 2 lines\n"
      "  By reason:\n"
      "       2  Mailbox full\n"
      "          Nov 28 03:15:22 mx1 postfix/smtp[251]: 5A6B7C8D9E: "
      "to=<c@example.net>, relay=mx.example.net[198.51.100.7]:25, dsn=4.2.2, "
      "status=deferred (host mx.example.net[198.51.100.7] said: 452 4.2.2 "
      "Mailbox full (in reply to RCPT TO command))\n"
      "  By destination domain:\n"
      "       2  example.net\n"
      "  By reply:\n"
      "       2  452 4.2.2  status=deferred  Mailbox full \xe2\x80\x94 No room "
      "is left in the recipient mailbox because of its quota or its size; "
      "deleting old messages there would make room\n"
      "          Nov 28 03:15:22 mx1 postfix/smtp[251]: 5A6B7C8D9E: "
      "to=<c@example.net>, relay=mx.example.net[198.51.100.7]:25, dsn=4.2.2, "
      "status=deferred (host mx.example.net[198.51.100.7] said: 452 4.2.2 "
      "Mailbox full (in reply to RCPT TO command))\n"
      "\n"
      "Bounced: 2 lines\n"
      "  By reason:\n"
      "       2  Unknown recipient\n"
      "          Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: "
      "to=<b@example.net>, relay=mx.example.net[198.51.100.7]:25, dsn=5.1.1, "
      "status=bounced (host mx.example.net[198.51.100.7] said: 550 5.1.1 "
      "<b@example.net>: Recipient address rejected: User unknown (in reply "
      "to RCPT TO command))\n"
      "  By destination domain:\n"
      "       1  example.net\n"
      "       1  example.org\n"
      "  By reply:\n"
      "       1  550 5.1.1  Unknown recipient \xe2\x80\x94 The recipient "
      "mailbox, the part of the address before the @, does not exist at the "
      "destination system\n"
      "          2026-11-28 03:15:25 1tGx1a-000ABC-12 ** d@example.org "
      "R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.10]: SMTP error "
      "from remote mail server after RCPT TO:<d@example.org>: 550 5.1.1 No "
      "such user\n"
      "       1  550 5.1.1  status=bounced  Unknown recipient \xe2\x80\x94 The "
      "recipient mailbox, the part of the address before the @, does not "
      "exist at the destination system\n"
      "          Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: "
      "to=<b@example.net>, relay=mx.example.net[198.51.100.7]:25, dsn=5.1.1, "
      "status=bounced (host mx.example.net[198.51.100.7] said: 550 5.1.1 "
      "<b@example.net>: Recipient address rejected: User unknown (in reply "
      "to RCPT TO command))\n"
      "\n"
      "Rejected: 1 line\n"
      "  By reason:\n"
      "       1  Sender blocked\n"
      "          Nov 28 03:15:29 mx1 postfix/smtpd[777]: NOQUEUE: reject: RCPT "
      "from unknown[203.0.113.9]: 554 5.7.1 Service unavailable; Client host "
      "[203.0.113.9] blocked using zen.spamhaus.org; from=<g@example.org> "
      "to=<h@example.com> proto=ESMTP helo=<x>\n"
      "  By destination domain:\n"
      "       1  example.com\n"
      "  By reply:\n"
      "       1  554 5.7.1  Sender blocked \xe2\x80\x94 The sender may not send "
      "to this destination, because of filtering by host or by recipient or "
      "because of another local policy\n"
      "          Nov 28 03:15:29 mx1 postfix/smtpd[777]: NOQUEUE: reject: RCPT "
      "from unknown[203.0.113.9]: 554 5.7.1 Service unavailable; Client host "
      "[203.0.113.9] blocked using zen.spamhaus.org; from=<g@example.org> "
      "to=<h@example.com> proto=ESMTP helo=<x>\n"
      "\n"
      "Delivered: 1 line\n"
      "  By reason:\n"
      "       1  Delivered\n"
      "          Nov 28 03:15:30 mx1 postfix/smtp[252]: 6B7C8D9E0F: "
      "to=<i@example.net>, relay=mx.example.net[198.51.100.7]:25, dsn=2.0.0, "
      "status=sent (250 2.0.0 Ok: queued as 1A2B3C4D5E)\n"
      "  By destination domain:\n"
      "       1  example.net\n"
      "  By reply:\n"
      "       1  250 2.0.0  status=sent  Delivered \xe2\x80\x94 The requested "
      "mail action was completed successfully\n"
      "          Nov 28 03:15:30 mx1 postfix/smtp[252]: 6B7C8D9E0F: "
      "to=<i@example.net>, relay=mx.example.net[198.51.100.7]:25, dsn=2.0.0, "
      "status=sent (250 2.0.0 Ok: queued as 1A2B3C4D5E)\n");
  free (text);
  smtpreply_summary_free (s);
}

static void
renders_json_lines (void **state)
{
  (void) state;
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (SMTPREPLY_SUMMARY_REDACT, &s), 0);
  add_line (s, 1, "mail.log");
  char *json = render (s, SMTPREPLY_SUMMARY_JSON, NULL);
  assert_string_equal (
      json,
      "{\"kind\":\"outcome\",\"outcome\":\"deferred\",\"count\":1,"
      "\"title\":\"Deferred\",\"lang\":\"en\"}\n"
      "{\"kind\":\"reason\",\"outcome\":\"deferred\",\"count\":1,"
      "\"reason\":\"mailboxfull\",\"reason_title\":\"Mailbox full\","
      "\"reason_text\":\"The recipient's mailbox is full or over its quota\","
      "\"example\":\"Nov 28 03:15:22 mx1 postfix/smtp[251]: 5A6B7C8D9E: "
      "to=<...@example.net>, relay=mx.example.net[198.51.100.7]:25, "
      "dsn=4.2.2, status=deferred (host mx.example.net[198.51.100.7] said: "
      "452 4.2.2 Mailbox full (in reply to RCPT TO command))\","
      "\"file\":\"mail.log\",\"line\":2,\"lang\":\"en\"}\n"
      "{\"kind\":\"domain\",\"outcome\":\"deferred\",\"count\":1,"
      "\"domain\":\"example.net\",\"lang\":\"en\"}\n"
      "{\"kind\":\"reply\",\"outcome\":\"deferred\",\"count\":1,\"code\":452,"
      "\"name\":\"INSUFFICIENT_STORAGE\",\"class\":4,\"category\":5,"
      "\"class_name\":\"transient_negative\",\"category_name\":"
      "\"mail_system\",\"title\":\"Insufficient system storage\","
      "\"description\":\"The requested action was not taken: the system does "
      "not have enough storage\",\"enhanced\":\"4.2.2\","
      "\"enhanced_description\":\"No room is left in the recipient mailbox "
      "because of its quota or its size; deleting old messages there would "
      "make room\",\"status\":\"deferred\",\"reason\":\"mailboxfull\","
      "\"reason_title\":\"Mailbox full\",\"reason_text\":\"The recipient's "
      "mailbox is full or over its quota\",\"example\":\"Nov 28 03:15:22 mx1 "
      "postfix/smtp[251]: 5A6B7C8D9E: to=<...@example.net>, "
      "relay=mx.example.net[198.51.100.7]:25, dsn=4.2.2, status=deferred "
      "(host mx.example.net[198.51.100.7] said: 452 4.2.2 Mailbox full (in "
      "reply to RCPT TO command))\",\"file\":\"mail.log\",\"line\":2,"
      "\"lang\":\"en\"}\n");
  free (json);
  /* An empty summary renders as nothing.  */
  struct smtpreply_summary *empty;
  assert_int_equal (smtpreply_summary_new (0, &empty), 0);
  char *nothing = render (empty, SMTPREPLY_SUMMARY_TEXT, NULL);
  assert_string_equal (nothing, "");
  free (nothing);
  smtpreply_summary_free (empty);
  smtpreply_summary_free (s);
}

/* Return the text rendering of a summary of the lines of the log whose
   bits are set in MASK, added in the order of ORDER (NLINES indexes),
   lines 0-3 as file "a.log" and the others as "b.log".  */
static char *
partial (unsigned int mask, const size_t *order)
{
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (0, &s), 0);
  for (size_t k = 0; k < NLINES; k++)
    {
      size_t i = order[k];
      if (mask & (1U << i))
        add_line (s, i, i < 4 ? "a.log" : "b.log");
    }
  char *out = NULL;
  size_t len;
  assert_int_equal (smtpreply_summary_to_json (s, &out, &len), 0);
  smtpreply_summary_free (s);
  return out;
}

/* Read the JSON text TEXT back into a summary.  */
static struct smtpreply_summary *
from_json (const char *text)
{
  struct smtpreply_summary *s = NULL;
  size_t at = 0;
  int rc = smtpreply_summary_from_json (text, strlen (text), &s, &at);
  if (rc != 0)
    print_error ("from_json: %d at %zu\n", rc, at);
  assert_int_equal (rc, 0);
  return s;
}

static void
merges_in_any_grouping_and_order (void **state)
{
  (void) state;
  static const size_t forward[NLINES] = { 0, 1, 2, 3, 4, 5, 6 };
  static const size_t backward[NLINES] = { 6, 5, 4, 3, 2, 1, 0 };
  unsigned int all = (1U << NLINES) - 1;
  char *whole_json = partial (all, forward);
  struct smtpreply_summary *whole = from_json (whole_json);
  char *want = render (whole, SMTPREPLY_SUMMARY_TEXT, NULL);
  char *want_json = render (whole, SMTPREPLY_SUMMARY_JSON, NULL);
  /* Every split into two parts, each part read backwards, merged either
     way round.  */
  for (unsigned int mask = 0; mask <= all; mask++)
    {
      char *ja = partial (mask, backward);
      char *jb = partial (all & ~mask, backward);
      struct smtpreply_summary *a = from_json (ja);
      struct smtpreply_summary *b = from_json (jb);
      struct smtpreply_summary *b2 = from_json (jb);
      struct smtpreply_summary *a2 = from_json (ja);
      assert_int_equal (smtpreply_summary_merge (a, b), 0);
      assert_int_equal (smtpreply_summary_merge (b2, a2), 0);
      char *got = render (a, SMTPREPLY_SUMMARY_TEXT, NULL);
      char *got2 = render (b2, SMTPREPLY_SUMMARY_TEXT, NULL);
      char *got_json = render (a, SMTPREPLY_SUMMARY_JSON, NULL);
      assert_string_equal (got, want);
      assert_string_equal (got2, want);
      assert_string_equal (got_json, want_json);
      assert_int_equal (smtpreply_summary_lines (a),
                        smtpreply_summary_lines (whole));
      free (got);
      free (got2);
      free (got_json);
      smtpreply_summary_free (a);
      smtpreply_summary_free (b);
      smtpreply_summary_free (a2);
      smtpreply_summary_free (b2);
      free (ja);
      free (jb);
    }
  /* Three parts, merged (x + y) + z and x + (y + z).  */
  char *jx = partial (0x03, forward);
  char *jy = partial (0x1c, forward);
  char *jz = partial (0x60, forward);
  struct smtpreply_summary *x = from_json (jx);
  struct smtpreply_summary *y = from_json (jy);
  struct smtpreply_summary *z = from_json (jz);
  struct smtpreply_summary *y2 = from_json (jy);
  struct smtpreply_summary *z2 = from_json (jz);
  struct smtpreply_summary *x2 = from_json (jx);
  assert_int_equal (smtpreply_summary_merge (x, y), 0);
  assert_int_equal (smtpreply_summary_merge (x, z), 0);
  assert_int_equal (smtpreply_summary_merge (y2, z2), 0);
  assert_int_equal (smtpreply_summary_merge (x2, y2), 0);
  char *left = render (x, SMTPREPLY_SUMMARY_TEXT, NULL);
  char *right = render (x2, SMTPREPLY_SUMMARY_TEXT, NULL);
  assert_string_equal (left, want);
  assert_string_equal (right, want);
  free (left);
  free (right);
  smtpreply_summary_free (x);
  smtpreply_summary_free (y);
  smtpreply_summary_free (z);
  smtpreply_summary_free (x2);
  smtpreply_summary_free (y2);
  smtpreply_summary_free (z2);
  free (jx);
  free (jy);
  free (jz);
  smtpreply_summary_free (whole);
  free (whole_json);
  free (want);
  free (want_json);
}

static void
keeps_the_first_example_in_file_and_line_order (void **state)
{
  (void) state;
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (0, &s), 0);
  /* The same reply on line 7 of b.log, then line 2 of a.log.  */
  add_line (s, 6, "b.log");
  add_line (s, 1, "a.log");
  char *json = render (s, SMTPREPLY_SUMMARY_JSON, NULL);
  assert_non_null (strstr (json, "\"file\":\"a.log\",\"line\":2"));
  assert_null (strstr (json, "b.log"));
  free (json);
  smtpreply_summary_free (s);
}

static void
cuts_examples_at_a_character (void **state)
{
  (void) state;
  /* 397 bytes of ASCII, then "жжж": the cut at 400 falls inside the
     second "ж".  */
  char line[512];
  static const char head[] = "smtp: said: 550 5.1.1 user unknown ";
  size_t n = sizeof head - 1;
  memcpy (line, head, n);
  while (n < 397)
    line[n++] = 'x';
  memcpy (line + n, "\xd0\xb6\xd0\xb6\xd0\xb6 end", 10);
  n += 10;
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (0, &s), 0);
  assert_int_equal (smtpreply_summary_add_lines (s, line, n, "-", 1), 0);
  char *json = render (s, SMTPREPLY_SUMMARY_JSON, NULL);
  const char *ex = strstr (json, "\"example\":\"");
  assert_non_null (ex);
  ex += strlen ("\"example\":\"");
  /* 397 + 2 bytes (one "ж"), then "…".  */
  assert_memory_equal (ex + 397, "\xd0\xb6\xe2\x80\xa6\"", 6);
  free (json);
  smtpreply_summary_free (s);
}

static void
honours_its_options (void **state)
{
  (void) state;
  struct smtpreply_summary *failures, *redact, *plain;
  assert_int_equal (smtpreply_summary_new (SMTPREPLY_SUMMARY_FAILURES,
                                           &failures),
                    0);
  assert_int_equal (smtpreply_summary_new (SMTPREPLY_SUMMARY_REDACT, &redact),
                    0);
  assert_int_equal (smtpreply_summary_new (0, &plain), 0);
  for (size_t i = 0; i < NLINES; i++)
    add_line (failures, i, "m");
  /* The delivered line is left out.  */
  assert_int_equal (smtpreply_summary_lines (failures), 5);
  add_line (redact, 0, "m");
  char *text = render (redact, SMTPREPLY_SUMMARY_TEXT, NULL);
  assert_null (strstr (text, "b@example.net"));
  assert_non_null (strstr (text, "to=<...@example.net>"));
  free (text);
  /* Summaries of different options do not merge.  */
  assert_int_equal (smtpreply_summary_merge (plain, redact), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_merge (plain, plain), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_new (4, &plain), SMTPREPLY_EINVAL);
  smtpreply_summary_free (failures);
  smtpreply_summary_free (redact);
  smtpreply_summary_free (plain);
}

static void
counts_many_rows_at_the_same_cost (void **state)
{
  (void) state;
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (0, &s), 0);
  /* 20000 distinct domains.  */
  char line[256];
  for (int i = 0; i < 20000; i++)
    {
      int n = snprintf (line, sizeof line,
                        "postfix/smtp[1]: A%d: to=<u@d%d.example>, "
                        "status=bounced (said: 550 5.1.1 unknown)",
                        i, i);
      assert_int_equal (smtpreply_summary_add_lines (s, line, (size_t) n, "f",
                                                     (size_t) i + 1),
                        0);
    }
  assert_int_equal (smtpreply_summary_lines (s), 20000);
  char *text = render (s, SMTPREPLY_SUMMARY_TEXT, NULL);
  /* The text lists 20 domains and counts the rest.  */
  assert_non_null (strstr (text, "   19980  (19980 other domains)\n"));
  free (text);
  smtpreply_summary_free (s);
}

/* What a write function was given: the pieces joined, how many, and the
   call on which to stop (0: never).  */
struct pieces
{
  char *text;
  size_t len;
  size_t calls;
  size_t stop_at;
};

/* A smtpreply_write_fn: append the LEN bytes at BUF to CTX, a struct
   pieces; return 7 on its STOP_AT'th call.  */
static int
collect (void *ctx, const char *buf, size_t len)
{
  struct pieces *p = ctx;
  assert_true (len > 0);
  p->calls++;
  p->text = realloc (p->text, p->len + len + 1);
  assert_non_null (p->text);
  memcpy (p->text + p->len, buf, len);
  p->len += len;
  p->text[p->len] = '\0';
  return p->calls == p->stop_at ? 7 : 0;
}

/* Return a summary of N log lines, each with its own reply and so its own
   row, and an example.  */
static struct smtpreply_summary *
many_replies (int n)
{
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (0, &s), 0);
  char line[256];
  for (int i = 0; i < n; i++)
    {
      int len = snprintf (line, sizeof line,
                          "postfix/smtp[1]: A%d: to=<u%d@d.example>, "
                          "status=bounced (said: 550 5.%d.%d unknown)",
                          i, i, i % 8, i / 8);
      assert_int_equal (smtpreply_summary_add_lines (s, line, (size_t) len,
                                                     "f", (size_t) i + 1),
                        0);
    }
  return s;
}

static void
writes_in_pieces_what_render_stores (void **state)
{
  (void) state;
  struct smtpreply_summary *small;
  assert_int_equal (smtpreply_summary_new (0, &small), 0);
  for (size_t i = 0; i < NLINES; i++)
    add_line (small, i, "mail.log");
  struct smtpreply_summary *big = many_replies (4000);
  struct smtpreply_summary *const sums[] = { small, big };
  static const char *const langs[] = { NULL, "de" };
  for (size_t k = 0; k < 2; k++)
    for (int format = SMTPREPLY_SUMMARY_TEXT;
         format <= SMTPREPLY_SUMMARY_JSON; format++)
      for (size_t l = 0; l < 2; l++)
        {
          char *want = render (sums[k], format, langs[l]);
          struct pieces p = { 0 };
          assert_int_equal (smtpreply_summary_write (sums[k], format,
                                                     langs[l], collect, &p),
                            0);
          assert_int_equal (p.len, strlen (want));
          assert_string_equal (p.text, want);
          /* The large text goes in pieces of 64 KiB or more, the small
             one in one.  */
          if (k == 0)
            assert_int_equal (p.calls, 1);
          else
            {
              assert_true (p.len > 4 * 65536);
              assert_true (p.calls > 1);
              assert_true (p.calls <= p.len / 65536 + 1);
            }
          free (p.text);
          free (want);
        }
  /* An empty summary writes nothing, and does not call the function.  */
  struct smtpreply_summary *empty;
  assert_int_equal (smtpreply_summary_new (0, &empty), 0);
  struct pieces none = { 0 };
  assert_int_equal (smtpreply_summary_write (empty, SMTPREPLY_SUMMARY_TEXT,
                                             NULL, collect, &none),
                    0);
  assert_int_equal (none.calls, 0);
  assert_null (none.text);
  smtpreply_summary_free (empty);
  smtpreply_summary_free (small);
  smtpreply_summary_free (big);
}

static void
stops_when_the_write_function_fails (void **state)
{
  (void) state;
  struct smtpreply_summary *big = many_replies (4000);
  char *want = render (big, SMTPREPLY_SUMMARY_TEXT, NULL);
  for (size_t stop = 1; stop <= 3; stop++)
    {
      struct pieces p = { 0 };
      p.stop_at = stop;
      /* The value the function returned comes back, and it is not called
         again: what it took is the start of the text.  */
      assert_int_equal (smtpreply_summary_write (big, SMTPREPLY_SUMMARY_TEXT,
                                                 NULL, collect, &p),
                        7);
      assert_int_equal (p.calls, stop);
      assert_true (p.len < strlen (want));
      assert_memory_equal (p.text, want, p.len);
      free (p.text);
    }
  free (want);
  struct pieces p = { 0 };
  assert_int_equal (smtpreply_summary_write (NULL, SMTPREPLY_SUMMARY_TEXT,
                                             NULL, collect, &p),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_write (big, SMTPREPLY_SUMMARY_TEXT,
                                             NULL, NULL, &p),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_write (big, 3, NULL, collect, &p),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_write (big, -1, NULL, collect, &p),
                    SMTPREPLY_EINVAL);
  assert_int_equal (p.calls, 0);
  smtpreply_summary_free (big);
}

static void
refuses_texts_that_are_no_summary (void **state)
{
  (void) state;
  static const struct
  {
    const char *text;
    size_t offset;
  } bad[] = {
    { "", 0 },
    { "[]", 0 },
    { "{\"format\":\"other\",", 10 },
    { "{\"format\":\"smtpreply-summary\",\"version\":2,", 40 },
    { "{\"format\":\"smtpreply-summary\",\"version\":1,\"options\":9,", 52 },
    /* Lines that do not add up.  */
    { "{\"format\":\"smtpreply-summary\",\"version\":1,\"options\":0,"
      "\"lines\":1,\"files\":[],\"rows\":[]}", 62 },
    /* An unknown reason, a row without its example, a file out of
       range, a count of 0, the same key twice.  */
    { "{\"format\":\"smtpreply-summary\",\"version\":1,\"options\":0,"
      "\"lines\":1,\"files\":[\"f\"],\"rows\":[[\"outcome\",\"bounced\","
      "\"\",0,\"\",\"\",1],[\"reason\",\"bounced\",\"nosuch\",0,\"\",\"\",1,"
      "\"x\",0,1]]}", 121 },
    { "{\"format\":\"smtpreply-summary\",\"version\":1,\"options\":0,"
      "\"lines\":1,\"files\":[\"f\"],\"rows\":[[\"outcome\",\"bounced\","
      "\"\",0,\"\",\"\",1],[\"reply\",\"bounced\",\"\",550,\"\",\"\",1]]}",
      121 },
    { "{\"format\":\"smtpreply-summary\",\"version\":1,\"options\":0,"
      "\"lines\":1,\"files\":[\"f\"],\"rows\":[[\"outcome\",\"bounced\","
      "\"\",0,\"\",\"\",1],[\"reply\",\"bounced\",\"\",550,\"\",\"\",1,"
      "\"x\",1,1]]}",
      121 },
    { "{\"format\":\"smtpreply-summary\",\"version\":1,\"options\":0,"
      "\"lines\":0,\"files\":[],\"rows\":[[\"outcome\",\"bounced\","
      "\"\",0,\"\",\"\",0]]}",
      83 },
    { "{\"format\":\"smtpreply-summary\",\"version\":1,\"options\":0,"
      "\"lines\":2,\"files\":[],\"rows\":[[\"outcome\",\"bounced\","
      "\"\",0,\"\",\"\",1],[\"outcome\",\"bounced\",\"\",0,\"\",\"\",1]]}",
      118 },
    /* Bytes after the object.  */
    { "{\"format\":\"smtpreply-summary\",\"version\":1,\"options\":0,"
      "\"lines\":0,\"files\":[],\"rows\":[]} x", 86 },
    /* A bad escape.  */
    { "{\"format\":\"smtpreply-summ\\qary\"", 25 },
    /* A byte that is not UTF-8 (a Windows-1252 dash), and a UTF-8 sequence
       cut short, in a file name.  */
    { "{\"format\":\"smtpreply-summary\",\"version\":1,\"options\":0,"
      "\"lines\":0,\"files\":[\"a\x97" "b\"],\"rows\":[]}", 75 },
    { "{\"format\":\"smtpreply-summary\",\"version\":1,\"options\":0,"
      "\"lines\":0,\"files\":[\"\xd0\xbf\xd0\"],\"rows\":[]}", 76 },
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      struct smtpreply_summary *s = (struct smtpreply_summary *) 1;
      size_t at = SIZE_MAX;
      int rc = smtpreply_summary_from_json (bad[i].text, strlen (bad[i].text),
                                            &s, &at);
      if (rc != SMTPREPLY_ESUMMARY_JSON || at != bad[i].offset)
        print_error ("case %zu: rc %d at %zu\n", i, rc, at);
      assert_int_equal (rc, SMTPREPLY_ESUMMARY_JSON);
      assert_null (s);
      assert_int_equal (at, bad[i].offset);
    }
  /* An empty summary reads back.  */
  struct smtpreply_summary *s;
  static const char empty[]
      = "{\"format\":\"smtpreply-summary\",\"version\":1,\"options\":2,"
        "\"lines\":0,\"files\":[],\"rows\":[]}";
  assert_int_equal (smtpreply_summary_from_json (empty, sizeof empty - 1, &s,
                                                 NULL),
                    0);
  char *again;
  size_t len;
  assert_int_equal (smtpreply_summary_to_json (s, &again, &len), 0);
  assert_string_equal (again, empty);
  smtpreply_free (again);
  smtpreply_summary_free (s);
}

static void
refuses_bad_arguments (void **state)
{
  (void) state;
  struct smtpreply_summary *s;
  char *out;
  size_t len;
  assert_int_equal (smtpreply_summary_new (0, NULL), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_new (0, &s), 0);
  assert_int_equal (smtpreply_summary_add (s, NULL, "f", 1), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_add_lines (s, NULL, 3, "f", 1),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_add_lines (s, "x", 1, NULL, 1),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_merge (NULL, s), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_to_json (NULL, &out, &len),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_render (s, 7, NULL, &out, &len),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_render (s, 0, NULL, NULL, &len),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_from_json (NULL, 2, &s, NULL),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_summary_lines (NULL), 0);
  smtpreply_summary_free (s);
  smtpreply_summary_free (NULL);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (renders_the_lines_as_the_command_prints_them),
    cmocka_unit_test (renders_json_lines),
    cmocka_unit_test (merges_in_any_grouping_and_order),
    cmocka_unit_test (keeps_the_first_example_in_file_and_line_order),
    cmocka_unit_test (cuts_examples_at_a_character),
    cmocka_unit_test (honours_its_options),
    cmocka_unit_test (counts_many_rows_at_the_same_cost),
    cmocka_unit_test (writes_in_pieces_what_render_stores),
    cmocka_unit_test (stops_when_the_write_function_fails),
    cmocka_unit_test (refuses_texts_that_are_no_summary),
    cmocka_unit_test (refuses_bad_arguments),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
