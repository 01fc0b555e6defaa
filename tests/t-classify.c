/* t-classify.c -- reasons, rules and verdicts.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The replies of the first group are the cases issue 11 lists, as real
   servers sent them; tests/reasons/replies.tsv, run by t-reasons, holds
   hundreds more.  */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"

/* A reply and the verdict expected on it.  */
struct case_
{
  const char *text;  /* the reply, or a log line holding it */
  const char *stage; /* the stage given, as a token */
  const char *mta;   /* the remote MTA given, or NULL */
  const char *reason;
  int soft;
  const char *rule;
  const char *action;
  const char *stage_used; /* the stage the verdict says */
};

/* Classify C->text and compare the verdict with C.  */
static void
check_case (const struct case_ *c)
{
  int stage;
  assert_int_equal (smtpreply_token_value (SMTPREPLY_TOKEN_STAGE, c->stage,
                                           &stage),
                    0);
  struct smtpreply_verdict v = { .size = sizeof v };
  assert_int_equal (smtpreply_classify (0, NULL, c->text, strlen (c->text),
                                        stage, c->mta, &v),
                    0);
  const char *reason = v.reason != NULL ? v.reason->name : "(none)";
  const char *rule = v.rule != NULL ? v.rule->id : "(none)";
  const char *action = v.advice != NULL
                           ? smtpreply_action_name (v.advice->action)
                           : "(none)";
  if (strcmp (reason, c->reason) != 0 || v.soft != c->soft
      || strcmp (rule, c->rule) != 0 || strcmp (action, c->action) != 0
      || strcmp (smtpreply_stage_name (v.stage), c->stage_used) != 0)
    print_error ("%s\n  got %s soft=%d rule=%s action=%s stage=%s\n",
                 c->text, reason, v.soft, rule, action,
                 smtpreply_stage_name (v.stage));
  assert_string_equal (reason, c->reason);
  assert_int_equal (v.soft, c->soft);
  assert_string_equal (rule, c->rule);
  assert_string_equal (action, c->action);
  assert_string_equal (smtpreply_stage_name (v.stage), c->stage_used);
}

static void
keeps_soft_failures_from_giving_up (void **state)
{
  (void) state;
  static const struct case_ cases[] = {
    /* Mailbox full, whatever the class.  */
    { "552 5.2.2 <a@example.com>: Recipient address rejected: mailbox full "
      "(in reply to RCPT TO command)",
      "any", NULL, "mailboxfull", 1, "text.mailbox-full", "retry", "rcpt" },
    { "452 4.2.2 The email account that you tried to reach is over quota",
      "rcpt", NULL, "mailboxfull", 1, "text.over-quota", "retry", "rcpt" },
    /* qmail's over quota with a #5.1.1 that is no user unknown.  */
    { "552 sorry, mailbox user@example.com is over quota temporarily "
      "(#5.1.1)",
      "any", NULL, "mailboxfull", 1, "text.over-quota", "retry", "any" },
    /* Rate limits sent as 5yz.  */
    { "550 5.1.1 <x@example.com> - 198.51.100.225 has sent to too many "
      "recipients this hour. IB607",
      "any", NULL, "speeding", 1, "text.too-many-recipients-hour", "retry",
      "any" },
    { "550 Ip frequency limited", "any", NULL, "speeding", 1,
      "text.frequency-limited", "retry", "any" },
    { "550 Connection frequency limited", "any", NULL, "toomanyconn", 1,
      "text.connection-frequency-limited", "retry", "any" },
    { "550-5.2.1 The user you are trying to contact is receiving mail at a "
      "rate that 550-5.2.1 prevents additional messages from being "
      "delivered.",
      "any", NULL, "speeding", 1, "text.receiving-at-a-rate", "retry", "any" },
    /* "Try again later" inside a 5yz.  */
    { "550 5.5.0 Service refuse. Veuillez essayer plus tard.", "any", NULL,
      "blocked", 1, "orange.service-refuse", "retry", "any" },
    { "550 5.7.1 Your account is temporary locked. Please try again later!",
      "any", NULL, "suspend", 1, "text.temporarily-locked", "retry", "any" },
    /* Blocklists and IP reputation: the sender fixes its IP.  */
    { "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using "
      "dnsbl.sorbs.net",
      "rcpt", NULL, "blocked", 1, "text.blocked-using", "retry", "rcpt" },
    { "550 5.7.606 Access denied, banned sending IP [192.0.2.1]", "any",
      NULL, "blocked", 1, "text.banned-sending-ip", "retry", "any" },
    { "550 mwinf5c10 ME Adresse IP source bloquee pour 1 jour [OFR006]", "any",
      NULL, "blocked", 1, "orange.ofr006", "retry", "any" },
    { "550-5.7.1 Our system has detected that this message is likely "
      "suspicious due to the very low reputation of the sending IP address.",
      "any", NULL, "badreputation", 1, "text.reputation", "retry", "any" },
    /* An expired message is soft for the recipient.  */
    { "554 4.4.7 Message expired", "any", NULL, "expired", 1,
      "text.message-expired", "retry", "any" },
    { "550 4.4.7 QUEUE.Expired; message expired", "any", NULL, "expired", 1,
      "text.queue-expired", "retry", "any" },
    /* A refusal inside a greeting is no success, on one line or two.  */
    { "220-mx.example.fr ESMTP 421 4.2.1 Service refuse", "any", NULL,
      "blocked", 1, "orange.service-refuse", "retry", "greeting" },
    { "220-mx.example.net ESMTP\n421 4.2.1 Too busy", "any", NULL,
      "systemerror", 1, "text.busy", "retry", "greeting" },
    { "220-mx.example.net ESMTP\r\n421 4.2.1 Go away", "any", NULL,
      "blocked", 1, "code.421.greeting", "retry", "greeting" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_case (&cases[i]);
}

static void
lets_the_stage_change_the_meaning (void **state)
{
  (void) state;
  static const struct case_ cases[] = {
    /* "User unknown" after RCPT is the recipient; after DATA, a filter.  */
    { "host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@example.com>: "
      "Recipient address rejected: User unknown (in reply to RCPT TO "
      "command)",
      "any", NULL, "userunknown", 0, "text.user-unknown", "give_up", "rcpt" },
    { "host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@example.com>: "
      "Recipient address rejected: User unknown (in reply to end of DATA "
      "command)",
      "any", NULL, "filtered", 1, "text.user-unknown.data", "retry",
      "data_end" },
    /* The stage given wins over the text.  */
    { "550 5.1.1 User unknown (in reply to RCPT TO command)", "data_end",
      NULL, "filtered", 1, "text.user-unknown.data", "retry", "data_end" },
    /* Exim's and Sendmail's ways of saying it.  */
    { "SMTP error from remote mail server after RCPT TO:<a@example.com>: "
      "550 unknown user",
      "any", NULL, "userunknown", 0, "text.unknown-user", "give_up", "rcpt" },
    { "SMTP error from remote mail server after end of data: 550 user "
      "unknown",
      "any", NULL, "filtered", 1, "text.user-unknown.data", "retry",
      "data_end" },
    { ">>> RCPT To:<a@example.com> <<< 550 5.1.1 <a@example.com>... User "
      "unknown",
      "any", NULL, "userunknown", 0, "text.user-unknown", "give_up", "rcpt" },
    /* A bare 550 is a missing mailbox at RCPT, a refused sender at MAIL.  */
    { "550 Requested action not taken", "rcpt", NULL, "userunknown", 0,
      "code.550.rcpt", "give_up", "rcpt" },
    { "550 Requested action not taken", "mail", NULL, "rejected", 1,
      "code.550.mail", "retry", "mail" },
    { "550 Requested action not taken", "any", NULL, "undefined", 0,
      "class.5", "give_up", "any" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_case (&cases[i]);
}

static void
ranks_text_above_codes (void **state)
{
  (void) state;
  static const struct case_ cases[] = {
    /* A specific enhanced code beats the basic code.  */
    { "550 5.2.2 sorry", "rcpt", NULL, "mailboxfull", 1, "enhanced.x.2.2",
      "retry", "rcpt" },
    /* The enhanced code's subject, when its detail says nothing.  */
    { "451 4.3.0 Temporary server error", "any", NULL, "systemerror", 1,
      "enhanced.x.3", "retry", "any" },
    /* The basic code alone.  */
    { "552 Requested mail action aborted", "any", NULL, "mailboxfull", 1,
      "code.552", "retry", "any" },
    { "556 example.org does not accept mail", "any", NULL, "notaccept", 0,
      "code.556", "give_up", "any" },
    /* Nothing but the class.  */
    { "450 try later", "any", NULL, "undefined", 1, "class.4", "retry",
      "any" },
    { "250 2.0.0 Ok: queued as 4F2A8", "any", NULL, "delivered", -1,
      "class.2", "proceed", "any" },
    /* A code outside the grammar counts by its class and its words.  */
    { "571 No PTR Record found", "any", NULL, "requireptr", 1, "text.ptr",
      "retry", "any" },
    { "571 Go away", "any", NULL, "undefined", 0, "class.5", "give_up",
      "any" },
    /* X.7.1 alone says nothing of the cause; a 5yz that says to try again
       is soft.  */
    { "554 5.7.1 Message rejected", "data_end", NULL, "undefined", 0,
      "enhanced.x.7.1", "give_up", "data_end" },
    { "550 5.7.1 Please try again later", "rcpt", NULL, "undefined", 1,
      "text.try-later", "retry", "rcpt" },
    /* The words of the cause beat a limit they explain.  */
    { "421 4.7.0 Your IP has a poor reputation; it has been rate limited",
      "any", NULL, "badreputation", 1, "text.reputation", "retry", "any" },
    { "421 4.7.0 You are on a blocklist; your reputation is poor", "any",
      NULL, "blocked", 1, "text.blocklist", "retry", "any" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_case (&cases[i]);
}

static void
reads_the_lines_of_a_reply_as_one_text (void **state)
{
  (void) state;
  static const struct case_ cases[] = {
    /* Words go on across the codes that start the next line.  */
    { "452-4.2.1 Recipient address rejected: mailbox is\r\n452 4.2.1 full",
      "rcpt", NULL, "mailboxfull", 1, "text.mailbox-is-full", "retry",
      "rcpt" },
    { "550-5.7.1 The IP you're using to send mail is not authorized to\n"
      "550-5.7.1 send email directly to our servers.",
      "any", "gmail-smtp-in.l.google.com", "blocked", 1,
      "gmail.not-authorized-directly", "retry", "any" },
    { "552-5.3.4 Your message exceeded the message header\r\n"
      "552 5.3.4 size limits.",
      "data_end", NULL, "contenterror", 1, "text.header-size", "retry",
      "data_end" },
    /* The same words from another host are no Gmail rule.  */
    { "550-5.7.1 The IP you're using to send mail is not authorized to\n"
      "550-5.7.1 send email directly to our servers.",
      "any", "mx.example.com", "undefined", 0, "enhanced.x.7.1", "give_up",
      "any" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_case (&cases[i]);
}

static void
matches_ranges_of_enhanced_codes (void **state)
{
  (void) state;
  static const struct case_ cases[] = {
    /* Microsoft's 5.7.133 to 5.7.136: senders a group or a mailbox does
       not take.  */
    { "550 5.7.133 Go away", "any", NULL, "filtered", 1,
      "microsoft.x.7.133-136", "retry", "any" },
    { "550 5.7.136 Go away", "any", NULL, "filtered", 1,
      "microsoft.x.7.133-136", "retry", "any" },
    { "550 5.7.132 Go away", "any", NULL, "securityerror", 1, "enhanced.x.7",
      "retry", "any" },
    { "550 5.7.137 Go away", "any", NULL, "securityerror", 1, "enhanced.x.7",
      "retry", "any" },
    /* Microsoft's 5.7.606 to 5.7.649: banned sending IPs.  */
    { "550 5.7.606 Access denied", "any", NULL, "blocked", 1,
      "microsoft.x.7.606-649", "retry", "any" },
    { "550 5.7.649 Access denied", "any", NULL, "blocked", 1,
      "microsoft.x.7.606-649", "retry", "any" },
    { "550 5.7.605 Access denied", "any", NULL, "securityerror", 1,
      "enhanced.x.7", "retry", "any" },
    { "550 5.7.650 Access denied", "any", NULL, "securityerror", 1,
      "enhanced.x.7", "retry", "any" },
    /* A range of one class only: 4.7.500 to 4.7.699.  */
    { "451 4.7.500 Access denied", "any", NULL, "blocked", 1,
      "microsoft.4.7.500-699", "retry", "any" },
    { "550 5.7.500 Access denied", "any", NULL, "securityerror", 1,
      "enhanced.x.7", "retry", "any" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_case (&cases[i]);
}

static void
gives_a_success_no_failure_reason (void **state)
{
  (void) state;
  static const struct case_ cases[] = {
    /* Words and enhanced codes of failures do not apply to a success.  */
    { "250 2.6.0 <a@example.org> 4567 bytes Queued mail for delivery",
      "data_end", NULL, "delivered", -1, "class.2", "proceed", "data_end" },
    { "250 2.0.0 Ok: queued as 4F2A8 (spam score 2.1)", "data_end", NULL,
      "delivered", -1, "class.2", "proceed", "data_end" },
    /* A success that only holds the message is soft, and the message is
       not to be sent again.  */
    { "250 2.0.0 Message held for moderator review", "data_end", NULL,
      "onhold", 1, "text.held-for.success", "proceed", "data_end" },
    { "451 4.7.0 Message held for review", "data_end", NULL, "onhold", 1,
      "text.held-for", "retry", "data_end" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_case (&cases[i]);
}

static void
gives_no_reason_to_a_reply_that_goes_on (void **state)
{
  (void) state;
  struct smtpreply_verdict v = { .size = sizeof v };
  assert_int_equal (smtpreply_classify (354, NULL, "go ahead", 8,
                                        SMTPREPLY_STAGE_DATA, NULL, &v),
                    0);
  assert_null (v.reason);
  assert_null (v.rule);
  assert_int_equal (v.soft, -1);
  assert_int_equal (v.advice->action, SMTPREPLY_ACTION_CONTINUE);
  assert_int_equal (v.code, 354);
}

static void
classifies_what_it_is_given (void **state)
{
  (void) state;
  struct smtpreply_verdict v = { .size = sizeof v };
  struct smtpreply_enhanced_code e = { 5, 2, 2 };
  /* An enhanced code alone (a DSN's Status:).  */
  assert_int_equal (smtpreply_classify (0, &e, NULL, 0, SMTPREPLY_STAGE_ANY,
                                        NULL, &v),
                    0);
  assert_string_equal (v.reason->name, "mailboxfull");
  assert_int_equal (v.soft, 1);
  assert_int_equal (v.code, 0);
  assert_int_equal (v.has_enhanced, 1);
  assert_int_equal (v.enhanced.detail, 2);
  /* Words alone (a bounce without codes).  */
  static const char words[] = "Host or domain name not found";
  assert_int_equal (smtpreply_classify (0, NULL, words, sizeof words - 1,
                                        SMTPREPLY_STAGE_ANY, NULL, &v),
                    0);
  assert_string_equal (v.reason->name, "hostunknown");
  assert_string_equal (v.rule->id, "text.host-not-found");
  assert_int_equal (v.soft, 0);
  assert_int_equal (v.advice->action, SMTPREPLY_ACTION_GIVE_UP);
  /* Nothing at all: no reason can be told, and a failure that cannot be
     told hard is soft.  */
  assert_int_equal (smtpreply_classify (0, NULL, "hello", 5,
                                        SMTPREPLY_STAGE_ANY, NULL, &v),
                    0);
  assert_string_equal (v.reason->name, "undefined");
  assert_null (v.rule);
  assert_int_equal (v.soft, 1);
  assert_int_equal (v.advice->action, SMTPREPLY_ACTION_RETRY);
  assert_string_equal (v.advice->rule, "TRANSIENT");
  /* A code given beats the text's.  */
  assert_int_equal (smtpreply_classify (452, NULL, "550 5.1.1 unknown", 17,
                                        SMTPREPLY_STAGE_ANY, NULL, &v),
                    0);
  assert_int_equal (v.code, 452);
  assert_int_equal (v.has_enhanced, 0);
  assert_int_equal (v.soft, 1);
}

static void
matches_words_at_their_boundaries (void **state)
{
  (void) state;
  struct smtpreply_verdict v = { .size = sizeof v };
  /* "spam" inside a word is no spam; case and spacing do not matter.  */
  static const char inside[] = "550 5.7.1 antispammer policy";
  assert_int_equal (smtpreply_classify (0, NULL, inside, sizeof inside - 1,
                                        SMTPREPLY_STAGE_ANY, NULL, &v),
                    0);
  assert_string_equal (v.reason->name, "policyviolation");
  static const char spaced[] = "550\tMailbox   IS\r\n FULL";
  assert_int_equal (smtpreply_classify (0, NULL, spaced, sizeof spaced - 1,
                                        SMTPREPLY_STAGE_ANY, NULL, &v),
                    0);
  assert_string_equal (v.reason->name, "mailboxfull");
  assert_string_equal (v.rule->id, "text.mailbox-is-full");
  /* The text is read up to LEN only.  */
  assert_int_equal (smtpreply_classify (0, NULL, spaced, 8,
                                        SMTPREPLY_STAGE_ANY, NULL, &v),
                    0);
  assert_string_equal (v.rule->id, "class.5");
}

static void
finds_the_stage_in_the_text (void **state)
{
  (void) state;
  static const struct
  {
    const char *text;
    int stage;
  } cases[] = {
    { "(in reply to RCPT TO command)", SMTPREPLY_STAGE_RCPT },
    { "(in reply to MAIL FROM command)", SMTPREPLY_STAGE_MAIL },
    { "(in reply to end of DATA command)", SMTPREPLY_STAGE_DATA_END },
    { "(in reply to DATA command)", SMTPREPLY_STAGE_DATA },
    { "lost connection while receiving the initial server greeting",
      SMTPREPLY_STAGE_GREETING },
    { "SMTP error from remote mail server after MAIL FROM:<a@b> SIZE=1000: "
      "550 no",
      SMTPREPLY_STAGE_MAIL },
    { "SMTP error from remote mail server after end of data: 550 no",
      SMTPREPLY_STAGE_DATA_END },
    /* Sendmail: the last command before the failing reply.  */
    { ">>> MAIL From:<a@b> <<< 250 ok >>> RCPT To:<c@d> <<< 550 no >>> DATA "
      "<<< 554 no valid recipients",
      SMTPREPLY_STAGE_RCPT },
    { "nothing here", SMTPREPLY_STAGE_ANY },
    { "", SMTPREPLY_STAGE_ANY },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      int stage = -1;
      assert_int_equal (smtpreply_stage_find (cases[i].text,
                                              strlen (cases[i].text), &stage),
                        0);
      if (stage != cases[i].stage)
        print_error ("%s\n", cases[i].text);
      assert_int_equal (stage, cases[i].stage);
    }
}

static void
explains_each_verdict (void **state)
{
  (void) state;
  struct smtpreply_verdict v = { .size = sizeof v };
  char buf[512];
  size_t len = 0;
  static const char full[] = "452 4.2.2 Over quota (in reply to RCPT TO "
                             "command)";
  assert_int_equal (smtpreply_classify (0, NULL, full, sizeof full - 1,
                                        SMTPREPLY_STAGE_ANY, NULL, &v),
                    0);
  assert_int_equal (smtpreply_verdict_explain (&v, "en", buf, sizeof buf,
                                               &len),
                    0);
  assert_string_equal (buf, "The reply says \xe2\x80\x9cover quota\xe2\x80\x9d. "
                            "The recipient's mailbox is full or over its "
                            "quota.");
  assert_int_equal (len, strlen (buf));
  static const char user[] = "550 user unknown (in reply to end of DATA "
                             "command)";
  assert_int_equal (smtpreply_classify (0, NULL, user, sizeof user - 1,
                                        SMTPREPLY_STAGE_ANY, NULL, &v),
                    0);
  assert_int_equal (smtpreply_verdict_explain (&v, NULL, buf, sizeof buf,
                                               NULL),
                    0);
  assert_string_equal (buf, "The reply says \xe2\x80\x9cuser unknown\xe2\x80\x9d. "
                            "It answered the end of the message data. The "
                            "recipient's filters or settings refused the "
                            "message.");
  struct smtpreply_enhanced_code e = { 5, 2, 1 };
  assert_int_equal (smtpreply_classify (550, &e, NULL, 0, SMTPREPLY_STAGE_ANY,
                                        NULL, &v),
                    0);
  assert_int_equal (smtpreply_verdict_explain (&v, NULL, buf, sizeof buf,
                                               NULL),
                    0);
  assert_string_equal (buf, "The enhanced status code is 5.2.1. The "
                            "recipient's mailbox is disabled, suspended or "
                            "inactive.");
  /* Too small a buffer: cut, NUL-terminated, with the length needed.  */
  assert_int_equal (smtpreply_verdict_explain (&v, NULL, buf, 10, &len),
                    SMTPREPLY_ENOSPC);
  assert_string_equal (buf, "The enhan");
  assert_int_equal (len, 94);
  assert_int_equal (smtpreply_verdict_explain (&v, NULL, NULL, 0, &len),
                    SMTPREPLY_ENOSPC);
  assert_int_equal (len, 94);
}

static void
keeps_its_tables_sound (void **state)
{
  (void) state;
  /* Every reason has a token that maps back to it, and a text.  */
  assert_int_equal (smtpreply_reason_count (),
                    smtpreply_token_count (SMTPREPLY_TOKEN_REASON));
  assert_true (smtpreply_reason_count () >= 36);
  for (size_t i = 0; i < smtpreply_reason_count (); i++)
    {
      const struct smtpreply_reason *r = smtpreply_reason_at (i);
      assert_int_equal (r->index, (int) i);
      assert_ptr_equal (smtpreply_reason_lookup (r->name), r);
      assert_string_equal (smtpreply_token_name (SMTPREPLY_TOKEN_REASON,
                                                 r->index),
                           r->name);
      assert_non_null (smtpreply_token_name (SMTPREPLY_TOKEN_SEVERITY,
                                             r->severity));
      assert_non_null (smtpreply_token_name (SMTPREPLY_TOKEN_REMEDY,
                                             r->remedy));
      assert_true (strlen (r->title) > 0 && strlen (r->text) > 0);
    }
  assert_null (smtpreply_reason_at (smtpreply_reason_count ()));
  assert_null (smtpreply_reason_lookup ("nosuchreason"));
  assert_null (smtpreply_reason_lookup (NULL));
  assert_ptr_equal (smtpreply_reason_lookup ("MailboxFull"),
                    smtpreply_reason_lookup ("mailboxfull"));
  /* Every rule has a unique id, a source, a reason, and compiles: a rule
     that did not would have made classify fail above.  */
  for (size_t i = 0; i < smtpreply_rule_count (); i++)
    {
      const struct smtpreply_rule *r = smtpreply_rule_at (i);
      assert_ptr_equal (smtpreply_rule_lookup (r->id), r);
      assert_non_null (r->reason);
      assert_true (strlen (r->source) > 0);
      assert_true (r->priority > 0 && r->priority < 100);
    }
  assert_null (smtpreply_rule_at (smtpreply_rule_count ()));
  assert_null (smtpreply_rule_lookup ("no.such.rule"));
}

static void
refuses_bad_arguments (void **state)
{
  (void) state;
  struct smtpreply_verdict v = { .size = sizeof v };
  struct smtpreply_verdict small = { .size = 8 };
  struct smtpreply_enhanced_code bad = { 6, 1, 1 };
  assert_int_equal (smtpreply_classify (550, NULL, NULL, 0, 0, NULL, NULL),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_classify (550, NULL, NULL, 0, 0, NULL, &small),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_classify (550, NULL, NULL, 3, 0, NULL, &v),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_classify (550, NULL, NULL, 0, 99, NULL, &v),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_classify (650, NULL, NULL, 0, 0, NULL, &v),
                    SMTPREPLY_EBAD_CLASS);
  assert_int_equal (smtpreply_classify (5500, NULL, NULL, 0, 0, NULL, &v),
                    SMTPREPLY_EBAD_CODE);
  assert_int_equal (smtpreply_classify (271, NULL, NULL, 0, 0, NULL, &v),
                    SMTPREPLY_EBAD_CATEGORY);
  assert_int_equal (smtpreply_classify (550, &bad, NULL, 0, 0, NULL, &v),
                    SMTPREPLY_EENHANCED_CLASS);
  int stage;
  assert_int_equal (smtpreply_stage_find (NULL, 1, &stage), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_stage_find ("x", 1, NULL), SMTPREPLY_EINVAL);
  char buf[8];
  assert_int_equal (smtpreply_verdict_explain (NULL, NULL, buf, sizeof buf,
                                               NULL),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_verdict_explain (&v, NULL, NULL, 8, NULL),
                    SMTPREPLY_EINVAL);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (keeps_soft_failures_from_giving_up),
    cmocka_unit_test (lets_the_stage_change_the_meaning),
    cmocka_unit_test (ranks_text_above_codes),
    cmocka_unit_test (reads_the_lines_of_a_reply_as_one_text),
    cmocka_unit_test (matches_ranges_of_enhanced_codes),
    cmocka_unit_test (gives_a_success_no_failure_reason),
    cmocka_unit_test (gives_no_reason_to_a_reply_that_goes_on),
    cmocka_unit_test (classifies_what_it_is_given),
    cmocka_unit_test (matches_words_at_their_boundaries),
    cmocka_unit_test (finds_the_stage_in_the_text),
    cmocka_unit_test (explains_each_verdict),
    cmocka_unit_test (keeps_its_tables_sound),
    cmocka_unit_test (refuses_bad_arguments),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
