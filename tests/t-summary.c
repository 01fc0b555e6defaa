/* t-summary.c -- summaries of mail logs: counting, merging, JSON, text.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <dirent.h>

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cmocka.h>

#include "smtpreply.h"
#include "internal.h"

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

/* Check that the lines of the log, counted by a summary that may keep
   BUDGET bytes of rows in memory, render as the command prints them.  */
static void
check_rendering (size_t budget)
{
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (0, &s), 0);
  smtpreply_summary_set_memory (s, budget);
  for (size_t i = 0; i < NLINES; i++)
    add_line (s, i, "mail.log");
  assert_int_equal (smtpreply_summary_lines (s), 6);
  /* Below its budget a summary makes no file; with a budget of one byte
     it spills at every line but the first (the line without a reply
     adds nothing), and RUN_FANIN (8) runs are not there yet.  */
  assert_int_equal (smtpreply__summary_runs (s), budget == 1 ? 5 : 0);
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
renders_the_lines_as_the_command_prints_them (void **state)
{
  (void) state;
  check_rendering (SIZE_MAX);
}

static void
renders_the_same_when_every_line_spills (void **state)
{
  (void) state;
  check_rendering (1);
}

/* smtpreply_summary_set_memory: 0 is the default again (512 KiB, which
   the six lines fit in), and NULL is refused.  */
static void
takes_the_memory_it_is_given (void **state)
{
  (void) state;
  assert_int_equal (smtpreply_summary_set_memory (NULL, 1), SMTPREPLY_EINVAL);
  for (int reset = 0; reset < 2; reset++)
    {
      struct smtpreply_summary *s;
      assert_int_equal (smtpreply_summary_new (0, &s), 0);
      assert_int_equal (smtpreply_summary_set_memory (s, 1), 0);
      if (reset)
        assert_int_equal (smtpreply_summary_set_memory (s, 0), 0);
      for (size_t i = 0; i < NLINES; i++)
        add_line (s, i, "mail.log");
      assert_int_equal (smtpreply__summary_runs (s), reset ? 0 : 5);
      smtpreply_summary_free (s);
    }
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

/* Lines with many distinct replies, domains and reasons.  */
#define MANY 400

/* Store in BUF (of SIZE bytes) line I of a made-up log of MANY lines:
   Postfix bounces, deferrals, rejections and deliveries and Exim bounces,
   to many domains with many codes, some longer than an example keeps.  */
static void
many_line (size_t i, char *buf, size_t size)
{
  static const char pad[]
      = "and a long explanation of the policy of the site that goes on and "
        "on so that the example of the row is cut at its limit of four "
        "hundred bytes and ends with an ellipsis, as the command cuts the "
        "long lines of real logs, which some servers fill with the text of "
        "their terms of service, their addresses and their opening hours";
  const char *tail = i % 13 == 0 ? pad : "";
  switch (i % 5)
    {
    case 0:
      snprintf (buf, size,
                "Nov 28 03:15:21 mx1 postfix/smtp[250]: %05zX: "
                "to=<u%zu@d%zu.example>, relay=mx.example.net[198.51.100.7]"
                ":25, dsn=5.1.%zu, status=bounced (host "
                "mx.example.net[198.51.100.7] said: 550 5.1.%zu <u%zu@d%zu."
                "example>: Recipient address rejected: User unknown %s(in "
                "reply to RCPT TO command))",
                i, i, i % 37, i % 7, i % 7, i, i % 37, tail);
      break;
    case 1:
      snprintf (buf, size,
                "Nov 28 03:15:22 mx1 postfix/smtp[251]: %05zX: "
                "to=<u%zu@d%zu.example>, relay=mx.example.net[198.51.100.7]"
                ":25, dsn=4.2.%zu, status=deferred (host "
                "mx.example.net[198.51.100.7] said: 452 4.2.%zu Mailbox full "
                "(in reply to RCPT TO command))",
                i, i, i % 41, i % 5, i % 5);
      break;
    case 2:
      snprintf (buf, size,
                "2026-11-28 03:15:25 1tGx1a-000ABC-12 ** u%zu@d%zu.example "
                "R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.10]: "
                "SMTP error from remote mail server after RCPT "
                "TO:<u%zu@d%zu.example>: 55%zu 5.%zu.%zu No such user %s",
                i, i % 29, i, i % 29, i % 5, i % 8, i % 11, tail);
      break;
    case 3:
      snprintf (buf, size,
                "Nov 28 03:15:29 mx1 postfix/smtpd[777]: NOQUEUE: reject: "
                "RCPT from unknown[203.0.113.9]: 554 5.7.1 Service "
                "unavailable; Client host [203.0.113.%zu] blocked using "
                "zen.spamhaus.org; from=<g@example.org> to=<h%zu@d%zu.example>"
                " proto=ESMTP helo=<x>",
                i % 200, i, i % 23);
      break;
    default:
      snprintf (buf, size,
                "Nov 28 03:15:30 mx1 postfix/smtp[252]: %05zX: "
                "to=<i%zu@d%zu.example>, relay=mx.example.net[198.51.100.7]"
                ":25, dsn=2.0.%zu, status=sent (250 2.0.%zu Ok: queued as "
                "%05zX)",
                i, i, i % 31, i % 3, i % 3, i);
      break;
    }
}

/* The files the made-up lines come from: line I of the made-up log is
   line MANY - I of file many_files[I % 3], so that the lines of each file
   come last line first.  */
static const char *const many_files[] = { "c.log", "a.log", "b.log" };

/* Add to S (made with OPTIONS) the made-up lines I of [FIRST, END) whose
   I % STEP is AT, as many_files says.  */
static void
add_many (struct smtpreply_summary *s, size_t first, size_t end, size_t step,
          size_t at)
{
  char line[2048];
  for (size_t i = first; i < end; i++)
    if (i % step == at)
      {
        many_line (i, line, sizeof line);
        assert_int_equal (smtpreply_summary_add_lines (s, line, strlen (line),
                                                       many_files[i % 3],
                                                       MANY - i),
                          0);
      }
}

/* Return a new summary with OPTIONS and memory budget BUDGET, of the
   made-up lines whose I % STEP is AT.  */
static struct smtpreply_summary *
many (unsigned int options, size_t budget, size_t step, size_t at)
{
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (options, &s), 0);
  smtpreply_summary_set_memory (s, budget);
  add_many (s, 0, MANY, step, at);
  return s;
}

/* What a summary shows: its renderings and its JSON text.  */
struct shown
{
  char *text;
  char *color_ru;
  char *json;
  char *json_de;
  char *saved;
  unsigned long long lines;
};

/* Store in *OUT what S shows.  */
static void
show (const struct smtpreply_summary *s, struct shown *out)
{
  out->text = render (s, SMTPREPLY_SUMMARY_TEXT, "en");
  out->color_ru = render (s, SMTPREPLY_SUMMARY_COLOR, "ru");
  out->json = render (s, SMTPREPLY_SUMMARY_JSON, "en");
  out->json_de = render (s, SMTPREPLY_SUMMARY_JSON, "de");
  size_t len;
  assert_int_equal (smtpreply_summary_to_json (s, &out->saved, &len), 0);
  assert_int_equal (strlen (out->saved), len);
  out->lines = smtpreply_summary_lines (s);
}

/* Check that A and B show the same, their JSON texts too if SAVED.  */
static void
same_shown (const struct shown *a, const struct shown *b, int saved)
{
  assert_string_equal (a->text, b->text);
  assert_string_equal (a->color_ru, b->color_ru);
  assert_string_equal (a->json, b->json);
  assert_string_equal (a->json_de, b->json_de);
  if (saved)
    assert_string_equal (a->saved, b->saved);
  assert_int_equal (a->lines, b->lines);
}

/* Free what *SH holds.  */
static void
shown_free (struct shown *sh)
{
  free (sh->text);
  free (sh->color_ru);
  free (sh->json);
  free (sh->json_de);
  smtpreply_free (sh->saved);
}

static void
spills_without_changing_what_it_shows (void **state)
{
  (void) state;
  static const unsigned int options[] = { 0, SMTPREPLY_SUMMARY_REDACT,
                                          SMTPREPLY_SUMMARY_FAILURES };
  for (size_t o = 0; o < sizeof options / sizeof options[0]; o++)
    {
      struct smtpreply_summary *whole = many (options[o], SIZE_MAX, 1, 0);
      assert_int_equal (smtpreply__summary_runs (whole), 0);
      struct shown want;
      show (whole, &want);
      assert_int_equal (want.lines, options[o] == SMTPREPLY_SUMMARY_FAILURES
                                        ? MANY - MANY / 5
                                        : MANY);
      /* One row, a few rows, and the default budget (the rows of these
         lines fit in it).  */
      static const size_t budgets[] = { 1, 3000, 20000, 512 * 1024 };
      for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++)
        {
          struct smtpreply_summary *s = many (options[o], budgets[b], 1, 0);
          if (budgets[b] < 512 * 1024)
            assert_true (smtpreply__summary_runs (s) > 0);
          else
            assert_int_equal (smtpreply__summary_runs (s), 0);
          struct shown got;
          show (s, &got);
          same_shown (&got, &want, 1);
          /* Read back, it shows the same again.  */
          struct smtpreply_summary *back = from_json (got.saved);
          struct shown again;
          show (back, &again);
          same_shown (&again, &want, 1);
          shown_free (&again);
          smtpreply_summary_free (back);
          shown_free (&got);
          smtpreply_summary_free (s);
        }
      shown_free (&want);
      smtpreply_summary_free (whole);
    }
}

static void
merges_spilled_summaries_as_any_others (void **state)
{
  (void) state;
  struct smtpreply_summary *whole = many (0, SIZE_MAX, 1, 0);
  struct shown want;
  show (whole, &want);
  /* INTO and FROM each spilled (1, 1), in memory (SIZE_MAX), or spilling
     as the merge goes (3000).  */
  static const size_t budgets[][2] = {
    { 1, 1 }, { 3000, 1 }, { 3000, SIZE_MAX }, { SIZE_MAX, 1 },
    { 1, SIZE_MAX }, { 20000, 3000 },
  };
  for (size_t k = 0; k < sizeof budgets / sizeof budgets[0]; k++)
    {
      struct smtpreply_summary *into = many (0, budgets[k][0], 3, 1);
      struct smtpreply_summary *from = many (0, budgets[k][1], 3, 0);
      struct smtpreply_summary *third = many (0, budgets[k][1], 3, 2);
      assert_int_equal (smtpreply_summary_merge (into, from), 0);
      assert_int_equal (smtpreply_summary_merge (into, third), 0);
      struct shown got;
      show (into, &got);
      /* The files are listed in the order the merge met them.  */
      same_shown (&got, &want, 0);
      shown_free (&got);
      smtpreply_summary_free (into);
      smtpreply_summary_free (from);
      smtpreply_summary_free (third);
    }
  shown_free (&want);
  smtpreply_summary_free (whole);
}

static void
counts_each_line_once_across_spills (void **state)
{
  (void) state;
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (0, &s), 0);
  smtpreply_summary_set_memory (s, 1);
  /* The bounce 50 times as lines 60 to 11 of x.log, the deferral 30 times
     as lines 30 to 1: every line spills the one before it, and the
     merges of runs (8 at a time) meet each key many times.  */
  for (size_t n = 60; n > 10; n--)
    assert_int_equal (smtpreply_summary_add_lines (s, log_lines[0],
                                                   strlen (log_lines[0]),
                                                   "x.log", n),
                      0);
  for (size_t n = 30; n > 0; n--)
    assert_int_equal (smtpreply_summary_add_lines (s, log_lines[1],
                                                   strlen (log_lines[1]),
                                                   "x.log", n),
                      0);
  assert_int_equal (smtpreply_summary_lines (s), 80);
  /* 79 spills: at the 64th run, the 16 smallest are merged into one (49
     runs); at the 79th, again.  */
  assert_int_equal (smtpreply__summary_runs (s), 49);
  char *text = render (s, SMTPREPLY_SUMMARY_TEXT, NULL);
  char want[8192];
  snprintf (want, sizeof want,
            "Deferred: 30 lines\n"
            "  By reason:\n"
            "      30  Mailbox full\n"
            "          %s\n"
            "  By destination domain:\n"
            "      30  example.net\n"
            "  By reply:\n"
            "      30  452 4.2.2  status=deferred  Mailbox full \xe2\x80\x94 "
            "No room is left in the recipient mailbox because of its quota "
            "or its size; deleting old messages there would make room\n"
            "          %s\n"
            "\n"
            "Bounced: 50 lines\n"
            "  By reason:\n"
            "      50  Unknown recipient\n"
            "          %s\n"
            "  By destination domain:\n"
            "      50  example.net\n"
            "  By reply:\n"
            "      50  550 5.1.1  status=bounced  Unknown recipient "
            "\xe2\x80\x94 The recipient mailbox, the part of the address "
            "before the @, does not exist at the destination system\n"
            "          %s\n",
            log_lines[1], log_lines[1], log_lines[0], log_lines[0]);
  assert_string_equal (text, want);
  free (text);
  /* The examples are the first lines of the file: 1 and 11.  */
  char *json = render (s, SMTPREPLY_SUMMARY_JSON, NULL);
  assert_non_null (strstr (json, "\"count\":30,\"reason\":\"mailboxfull\""));
  assert_int_equal (strstr (json, "\"file\":\"x.log\",\"line\":1,") != NULL,
                    1);
  assert_int_equal (strstr (json, "\"file\":\"x.log\",\"line\":11,") != NULL,
                    1);
  assert_null (strstr (json, "\"line\":2,"));
  assert_null (strstr (json, "\"line\":12,"));
  free (json);
  smtpreply_summary_free (s);
}

static void
reports_a_temporary_file_it_cannot_make (void **state)
{
  (void) state;
  const char *tmpdir = getenv ("TMPDIR");
  char *saved = tmpdir != NULL ? strdup (tmpdir) : NULL;
  assert_int_equal (setenv ("TMPDIR", "/nonexistent/smtpreply-test", 1), 0);
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (0, &s), 0);
  smtpreply_summary_set_memory (s, 1);
  /* The first line fits whatever the budget: no file is needed.  */
  add_line (s, 0, "a.log");
  char *before = render (s, SMTPREPLY_SUMMARY_TEXT, NULL);
  /* The second must spill the first, and cannot: nothing changes.  */
  errno = 0;
  assert_int_equal (smtpreply_summary_add_lines (s, log_lines[1],
                                                 strlen (log_lines[1]),
                                                 "a.log", 2),
                    SMTPREPLY_ETEMP_FILE);
  assert_int_equal (errno, ENOENT);
  assert_string_equal (smtpreply_errname (SMTPREPLY_ETEMP_FILE),
                       "SMTPREPLY_ETEMP_FILE");
  assert_string_equal (smtpreply_strerror (SMTPREPLY_ETEMP_FILE),
                       "A temporary file could not be created, written or "
                       "read");
  assert_int_equal (smtpreply_summary_lines (s), 1);
  assert_int_equal (smtpreply__summary_runs (s), 0);
  char *after = render (s, SMTPREPLY_SUMMARY_TEXT, NULL);
  assert_string_equal (after, before);
  free (after);
  /* Merging into it must spill too.  */
  struct smtpreply_summary *other;
  assert_int_equal (smtpreply_summary_new (0, &other), 0);
  add_line (other, 3, "b.log");
  assert_int_equal (smtpreply_summary_merge (s, other),
                    SMTPREPLY_ETEMP_FILE);
  assert_int_equal (smtpreply_summary_lines (s), 1);
  /* With a directory that works, the same line is counted.  */
  if (saved != NULL)
    assert_int_equal (setenv ("TMPDIR", saved, 1), 0);
  else
    assert_int_equal (unsetenv ("TMPDIR"), 0);
  add_line (s, 1, "a.log");
  assert_int_equal (smtpreply_summary_lines (s), 2);
  assert_int_equal (smtpreply__summary_runs (s), 1);
  /* A summary that spilled renders through files of its own.  */
  assert_int_equal (setenv ("TMPDIR", "/nonexistent/smtpreply-test", 1), 0);
  char *out = NULL;
  size_t len = 0;
  assert_int_equal (smtpreply_summary_render (s, SMTPREPLY_SUMMARY_TEXT,
                                              NULL, &out, &len),
                    SMTPREPLY_ETEMP_FILE);
  assert_null (out);
  if (saved != NULL)
    assert_int_equal (setenv ("TMPDIR", saved, 1), 0);
  else
    assert_int_equal (unsetenv ("TMPDIR"), 0);
  char *text = render (s, SMTPREPLY_SUMMARY_TEXT, NULL);
  assert_non_null (strstr (text, "Deferred: 1 line\n"));
  assert_non_null (strstr (text, "Bounced: 1 line\n"));
  free (text);
  free (before);
  free (saved);
  smtpreply_summary_free (other);
  smtpreply_summary_free (s);
}

static void
reports_a_temporary_file_it_cannot_write (void **state)
{
  (void) state;
  /* Files may grow to 256 bytes only, less than the rows of one line:
     writing a run fails with EFBIG (SIGXFSZ ignored).  */
  struct rlimit old;
  assert_int_equal (getrlimit (RLIMIT_FSIZE, &old), 0);
  void (*handler) (int) = signal (SIGXFSZ, SIG_IGN);
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (0, &s), 0);
  smtpreply_summary_set_memory (s, 1);
  add_line (s, 0, "a.log");
  char *before = render (s, SMTPREPLY_SUMMARY_TEXT, NULL);
  struct rlimit small = { 256, old.rlim_max };
  assert_int_equal (setrlimit (RLIMIT_FSIZE, &small), 0);
  errno = 0;
  int rc = smtpreply_summary_add_lines (s, log_lines[1],
                                        strlen (log_lines[1]), "a.log", 2);
  int error = errno;
  assert_int_equal (setrlimit (RLIMIT_FSIZE, &old), 0);
  assert_int_equal (rc, SMTPREPLY_ETEMP_FILE);
  assert_int_equal (error, EFBIG);
  assert_int_equal (smtpreply_summary_lines (s), 1);
  assert_int_equal (smtpreply__summary_runs (s), 0);
  char *after = render (s, SMTPREPLY_SUMMARY_TEXT, NULL);
  assert_string_equal (after, before);
  /* Without the limit the same line is counted, each row once: the bytes
     of the run that failed are written over.  */
  add_line (s, 1, "a.log");
  add_line (s, 6, "a.log");
  assert_int_equal (smtpreply_summary_lines (s), 3);
  assert_int_equal (smtpreply__summary_runs (s), 2);
  char *text = render (s, SMTPREPLY_SUMMARY_TEXT, NULL);
  assert_non_null (strstr (text, "Deferred: 2 lines\n"));
  assert_non_null (strstr (text, "Bounced: 1 line\n"));
  assert_non_null (strstr (text, "       2  example.net\n"));
  free (text);
  free (after);
  free (before);
  signal (SIGXFSZ, handler);
  smtpreply_summary_free (s);
}

/* Return the descriptor of the temporary file this process has open,
   unlinked, for a summary (its name in /proc/self/fd), or -1.  */
static int
summary_temp_fd (void)
{
  DIR *d = opendir ("/proc/self/fd");
  assert_non_null (d);
  int found = -1;
  for (struct dirent *e = readdir (d); e != NULL; e = readdir (d))
    {
      char target[4096];
      ssize_t n = readlinkat (dirfd (d), e->d_name, target,
                              sizeof target - 1);
      if (n <= 0)
        continue;
      target[n] = '\0';
      if (strstr (target, "/smtpreply-") != NULL
          && strstr (target, " (deleted)") != NULL)
        found = atoi (e->d_name);
    }
  closedir (d);
  return found;
}

static void
reports_a_temporary_file_it_cannot_read (void **state)
{
  (void) state;
  /* A summary that spilled, whose temporary file was cut short behind
     its back: reading its run back fails with EIO, and says so.  */
  struct smtpreply_summary *s;
  assert_int_equal (smtpreply_summary_new (0, &s), 0);
  smtpreply_summary_set_memory (s, 1);
  add_line (s, 0, "a.log");
  add_line (s, 1, "a.log");
  assert_int_equal (smtpreply__summary_runs (s), 1);
  int fd = summary_temp_fd ();
  assert_true (fd >= 0);
  assert_int_equal (ftruncate (fd, 0), 0);
  char *out = NULL;
  size_t len = 0;
  errno = 0;
  assert_int_equal (smtpreply_summary_render (s, SMTPREPLY_SUMMARY_TEXT,
                                              NULL, &out, &len),
                    SMTPREPLY_ETEMP_FILE);
  assert_int_equal (errno, EIO);
  assert_null (out);
  errno = 0;
  assert_int_equal (smtpreply_summary_to_json (s, &out, &len),
                    SMTPREPLY_ETEMP_FILE);
  assert_int_equal (errno, EIO);
  assert_null (out);
  smtpreply_summary_free (s);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (renders_the_lines_as_the_command_prints_them),
    cmocka_unit_test (renders_the_same_when_every_line_spills),
    cmocka_unit_test (takes_the_memory_it_is_given),
    cmocka_unit_test (spills_without_changing_what_it_shows),
    cmocka_unit_test (merges_spilled_summaries_as_any_others),
    cmocka_unit_test (counts_each_line_once_across_spills),
    cmocka_unit_test (reports_a_temporary_file_it_cannot_make),
    cmocka_unit_test (reports_a_temporary_file_it_cannot_write),
    cmocka_unit_test (reports_a_temporary_file_it_cannot_read),
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
