/* t-advice.c -- what a sending program should do with a reply.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Each rule of core/advice.def is reached through smtpreply_advise, with
   its token, action and sentence typed here.  */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"

/* Advise on CODE, ENHANCED and STAGE and check the rule and action.  */
static void
check_advice (int code, const struct smtpreply_enhanced_code *enhanced,
              int stage, const char *rule, int action)
{
  const struct smtpreply_advice *a = NULL;
  assert_int_equal (smtpreply_advise (code, enhanced, stage, &a), 0);
  assert_non_null (a);
  assert_string_equal (a->rule, rule);
  assert_int_equal (a->action, action);
  assert_non_null (a->text);
}

/* Return the advice for CODE, ENHANCED and STAGE, which must succeed.  */
static const struct smtpreply_advice *
advise (int code, const struct smtpreply_enhanced_code *enhanced, int stage)
{
  const struct smtpreply_advice *a = NULL;
  assert_int_equal (smtpreply_advise (code, enhanced, stage, &a), 0);
  assert_non_null (a);
  return a;
}

static void
advises_by_the_class_of_the_reply_code (void **state)
{
  (void) state;
  check_advice (110, NULL, SMTPREPLY_STAGE_ANY, "PRELIMINARY",
                SMTPREPLY_ACTION_CONTINUE);
  check_advice (250, NULL, SMTPREPLY_STAGE_ANY, "SUCCESS",
                SMTPREPLY_ACTION_PROCEED);
  check_advice (354, NULL, SMTPREPLY_STAGE_DATA, "INTERMEDIATE",
                SMTPREPLY_ACTION_CONTINUE);
  check_advice (334, NULL, SMTPREPLY_STAGE_AUTH, "INTERMEDIATE",
                SMTPREPLY_ACTION_CONTINUE);
  check_advice (450, NULL, SMTPREPLY_STAGE_RCPT, "TRANSIENT",
                SMTPREPLY_ACTION_RETRY);
  check_advice (451, NULL, SMTPREPLY_STAGE_ANY, "TRANSIENT",
                SMTPREPLY_ACTION_RETRY);
  check_advice (550, NULL, SMTPREPLY_STAGE_RCPT, "PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  check_advice (554, NULL, SMTPREPLY_STAGE_ANY, "PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  /* A valid code that no table lists is advised on by its class.  */
  check_advice (259, NULL, SMTPREPLY_STAGE_MAIL, "SUCCESS",
                SMTPREPLY_ACTION_PROCEED);
  check_advice (441, NULL, SMTPREPLY_STAGE_ANY, "TRANSIENT",
                SMTPREPLY_ACTION_RETRY);
}

static void
gives_the_sentence_of_each_class_rule (void **state)
{
  (void) state;
  assert_string_equal (
      advise (110, NULL, SMTPREPLY_STAGE_ANY)->text,
      "Wait for the server's final reply before sending anything else");
  assert_string_equal (advise (250, NULL, SMTPREPLY_STAGE_ANY)->text,
                       "The command succeeded; go on with the next step");
  assert_string_equal (advise (354, NULL, SMTPREPLY_STAGE_DATA)->text,
                       "The server waits for more: send the next part, such "
                       "as the message or the next authentication step");
  assert_string_equal (advise (451, NULL, SMTPREPLY_STAGE_ANY)->text,
                       "Keep the message and try again later");
  assert_string_equal (advise (550, NULL, SMTPREPLY_STAGE_ANY)->text,
                       "Do not retry as is: return the message to its "
                       "sender, or fix the cause before sending again");
}

static void
treats_552_to_rcpt_as_452 (void **state)
{
  (void) state;
  check_advice (552, NULL, SMTPREPLY_STAGE_RCPT, "RCPT_552_AS_452",
                SMTPREPLY_ACTION_RETRY);
  struct smtpreply_enhanced_code e522 = { 5, 2, 2 };
  check_advice (552, &e522, SMTPREPLY_STAGE_RCPT, "RCPT_552_AS_452",
                SMTPREPLY_ACTION_RETRY);
  assert_string_equal (advise (552, NULL, SMTPREPLY_STAGE_RCPT)->text,
                       "Treat this as a temporary failure, as RFC 5321 asks "
                       "for 552 to RCPT: send to this recipient later");
  /* Elsewhere 552 is permanent.  */
  check_advice (552, NULL, SMTPREPLY_STAGE_MAIL, "PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  check_advice (552, NULL, SMTPREPLY_STAGE_ANY, "PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  check_advice (552, NULL, SMTPREPLY_STAGE_DATA_END, "DATA_END_PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  /* Other 5yz to RCPT stay permanent.  */
  check_advice (550, NULL, SMTPREPLY_STAGE_RCPT, "PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
}

static void
says_421_closes_the_connection_at_any_command (void **state)
{
  (void) state;
  for (int stage = SMTPREPLY_STAGE_ANY; stage <= SMTPREPLY_STAGE_STARTTLS;
       stage++)
    check_advice (421, NULL, stage, "CLOSING_421", SMTPREPLY_ACTION_RETRY);
  struct smtpreply_enhanced_code e470 = { 4, 7, 0 };
  check_advice (421, &e470, SMTPREPLY_STAGE_EHLO, "CLOSING_421",
                SMTPREPLY_ACTION_RETRY);
  assert_string_equal (
      advise (421, NULL, SMTPREPLY_STAGE_ANY)->text,
      "The server is closing the connection; connect again later and retry");
}

static void
fails_the_message_for_5yz_after_its_data (void **state)
{
  (void) state;
  check_advice (554, NULL, SMTPREPLY_STAGE_DATA_END, "DATA_END_PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  check_advice (550, NULL, SMTPREPLY_STAGE_DATA_END, "DATA_END_PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  check_advice (554, NULL, SMTPREPLY_STAGE_BDAT, "DATA_END_PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  assert_string_equal (
      advise (554, NULL, SMTPREPLY_STAGE_DATA_END)->text,
      "The server refused the message for every recipient; return it to its "
      "sender");
  /* The DATA command itself, and other classes, are not refined.  */
  check_advice (554, NULL, SMTPREPLY_STAGE_DATA, "PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  check_advice (451, NULL, SMTPREPLY_STAGE_DATA_END, "TRANSIENT",
                SMTPREPLY_ACTION_RETRY);
  check_advice (250, NULL, SMTPREPLY_STAGE_DATA_END, "SUCCESS",
                SMTPREPLY_ACTION_PROCEED);
  check_advice (250, NULL, SMTPREPLY_STAGE_BDAT, "SUCCESS",
                SMTPREPLY_ACTION_PROCEED);
}

static void
says_554_or_521_at_the_greeting_means_no_mail_here (void **state)
{
  (void) state;
  check_advice (554, NULL, SMTPREPLY_STAGE_GREETING, "HOST_NO_MAIL",
                SMTPREPLY_ACTION_GIVE_UP);
  check_advice (521, NULL, SMTPREPLY_STAGE_GREETING, "HOST_NO_MAIL",
                SMTPREPLY_ACTION_GIVE_UP);
  /* RFC 7504: 521 means it whenever it comes.  */
  check_advice (521, NULL, SMTPREPLY_STAGE_ANY, "HOST_NO_MAIL",
                SMTPREPLY_ACTION_GIVE_UP);
  assert_string_equal (advise (554, NULL, SMTPREPLY_STAGE_GREETING)->text,
                       "This host does not accept mail; do not retry it, but "
                       "try the domain's other MX hosts if it has any");
  /* 554 elsewhere is an ordinary refusal.  */
  check_advice (554, NULL, SMTPREPLY_STAGE_RCPT, "PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  check_advice (220, NULL, SMTPREPLY_STAGE_GREETING, "SUCCESS",
                SMTPREPLY_ACTION_PROCEED);
}

static void
says_556_means_the_domain_takes_no_mail (void **state)
{
  (void) state;
  check_advice (556, NULL, SMTPREPLY_STAGE_RCPT, "DOMAIN_NO_MAIL",
                SMTPREPLY_ACTION_GIVE_UP);
  struct smtpreply_enhanced_code e5110 = { 5, 1, 10 };
  check_advice (556, &e5110, SMTPREPLY_STAGE_ANY, "DOMAIN_NO_MAIL",
                SMTPREPLY_ACTION_GIVE_UP);
  assert_string_equal (
      advise (556, NULL, SMTPREPLY_STAGE_RCPT)->text,
      "The recipient's domain accepts no mail; return the message to its "
      "sender");
}

static void
ends_the_session_whatever_quit_gets (void **state)
{
  (void) state;
  check_advice (221, NULL, SMTPREPLY_STAGE_QUIT, "QUIT_DONE",
                SMTPREPLY_ACTION_PROCEED);
  check_advice (500, NULL, SMTPREPLY_STAGE_QUIT, "QUIT_DONE",
                SMTPREPLY_ACTION_PROCEED);
  check_advice (451, NULL, SMTPREPLY_STAGE_QUIT, "QUIT_DONE",
                SMTPREPLY_ACTION_PROCEED);
  assert_string_equal (advise (221, NULL, SMTPREPLY_STAGE_QUIT)->text,
                       "The session is over; whatever the reply to QUIT, the "
                       "messages already accepted stay accepted");
}

static void
lets_the_basic_code_decide_over_the_enhanced (void **state)
{
  (void) state;
  struct smtpreply_enhanced_code t422 = { 4, 2, 2 };
  struct smtpreply_enhanced_code p511 = { 5, 1, 1 };
  struct smtpreply_enhanced_code s200 = { 2, 0, 0 };
  /* 550 4.2.2: permanent, as 550 says.  */
  check_advice (550, &t422, SMTPREPLY_STAGE_RCPT, "PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  /* 250 5.1.1: a success.  */
  check_advice (250, &p511, SMTPREPLY_STAGE_RCPT, "SUCCESS",
                SMTPREPLY_ACTION_PROCEED);
  /* 451 2.0.0: retry.  */
  check_advice (451, &s200, SMTPREPLY_STAGE_MAIL, "TRANSIENT",
                SMTPREPLY_ACTION_RETRY);
  /* Agreeing codes give the same answer as the basic code alone.  */
  check_advice (550, &p511, SMTPREPLY_STAGE_RCPT, "PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
}

static void
advises_on_an_enhanced_code_alone (void **state)
{
  (void) state;
  struct smtpreply_enhanced_code s200 = { 2, 0, 0 };
  struct smtpreply_enhanced_code t471 = { 4, 7, 1 };
  struct smtpreply_enhanced_code p511 = { 5, 1, 1 };
  check_advice (0, &s200, SMTPREPLY_STAGE_ANY, "ENHANCED_SUCCESS",
                SMTPREPLY_ACTION_PROCEED);
  check_advice (0, &t471, SMTPREPLY_STAGE_ANY, "ENHANCED_TRANSIENT",
                SMTPREPLY_ACTION_RETRY);
  check_advice (0, &p511, SMTPREPLY_STAGE_ANY, "ENHANCED_PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  /* The stage does not change it.  */
  check_advice (0, &p511, SMTPREPLY_STAGE_RCPT, "ENHANCED_PERMANENT",
                SMTPREPLY_ACTION_GIVE_UP);
  assert_string_equal (advise (0, &s200, SMTPREPLY_STAGE_ANY)->text,
                       "The delivery succeeded");
  assert_string_equal (
      advise (0, &t471, SMTPREPLY_STAGE_ANY)->text,
      "Delivery failed for now; keep the message and try again later");
  assert_string_equal (advise (0, &p511, SMTPREPLY_STAGE_ANY)->text,
                       "Delivery failed for good; return the message to its "
                       "sender");
}

static void
refuses_invalid_arguments (void **state)
{
  (void) state;
  const struct smtpreply_advice *a = NULL;
  struct smtpreply_enhanced_code p511 = { 5, 1, 1 };
  struct smtpreply_enhanced_code c611 = { 6, 1, 1 };
  struct smtpreply_enhanced_code wide = { 5, 1000, 1 };
  assert_int_equal (smtpreply_advise (650, NULL, SMTPREPLY_STAGE_ANY, &a),
                    SMTPREPLY_EBAD_CLASS);
  assert_int_equal (smtpreply_advise (570, NULL, SMTPREPLY_STAGE_ANY, &a),
                    SMTPREPLY_EBAD_CATEGORY);
  assert_int_equal (smtpreply_advise (5500, NULL, SMTPREPLY_STAGE_ANY, &a),
                    SMTPREPLY_EBAD_CODE);
  assert_int_equal (smtpreply_advise (-1, NULL, SMTPREPLY_STAGE_ANY, &a),
                    SMTPREPLY_EBAD_CODE);
  assert_int_equal (smtpreply_advise (550, &c611, SMTPREPLY_STAGE_ANY, &a),
                    SMTPREPLY_EENHANCED_CLASS);
  assert_int_equal (smtpreply_advise (550, &wide, SMTPREPLY_STAGE_ANY, &a),
                    SMTPREPLY_EENHANCED_DIGITS);
  assert_int_equal (smtpreply_advise (0, &c611, SMTPREPLY_STAGE_ANY, &a),
                    SMTPREPLY_EENHANCED_CLASS);
  assert_int_equal (smtpreply_advise (550, &p511, -1, &a), SMTPREPLY_EINVAL);
  assert_int_equal (
      smtpreply_advise (550, &p511, SMTPREPLY_STAGE_QUIT + 1, &a),
      SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_advise (550, &p511, SMTPREPLY_STAGE_ANY, NULL),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_advise (0, NULL, SMTPREPLY_STAGE_ANY, &a),
                    SMTPREPLY_EINVAL);
  /* Nothing was stored by the failures.  */
  assert_null (a);
}

static void
names_actions_and_stages (void **state)
{
  (void) state;
  assert_string_equal (smtpreply_action_name (SMTPREPLY_ACTION_PROCEED),
                       "proceed");
  assert_string_equal (smtpreply_action_name (SMTPREPLY_ACTION_CONTINUE),
                       "continue");
  assert_string_equal (smtpreply_action_name (SMTPREPLY_ACTION_RETRY),
                       "retry");
  assert_string_equal (smtpreply_action_name (SMTPREPLY_ACTION_GIVE_UP),
                       "give_up");
  assert_null (smtpreply_action_name (0));
  assert_null (smtpreply_action_name (5));
  assert_null (smtpreply_action_name (-1));

  static const char *const stages[] = {
    "any",      "greeting", "ehlo", "mail",     "rcpt", "data",
    "data_end", "bdat",     "auth", "starttls", "quit",
  };
  assert_int_equal (SMTPREPLY_STAGE_ANY, 0);
  assert_int_equal (SMTPREPLY_STAGE_QUIT, 10);
  for (int s = 0; s <= 10; s++)
    assert_string_equal (smtpreply_stage_name (s), stages[s]);
  assert_string_equal (smtpreply_stage_name (SMTPREPLY_STAGE_DATA_END),
                       "data_end");
  assert_string_equal (smtpreply_stage_name (SMTPREPLY_STAGE_STARTTLS),
                       "starttls");
  assert_null (smtpreply_stage_name (-1));
  assert_null (smtpreply_stage_name (11));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (advises_by_the_class_of_the_reply_code),
    cmocka_unit_test (gives_the_sentence_of_each_class_rule),
    cmocka_unit_test (treats_552_to_rcpt_as_452),
    cmocka_unit_test (says_421_closes_the_connection_at_any_command),
    cmocka_unit_test (fails_the_message_for_5yz_after_its_data),
    cmocka_unit_test (says_554_or_521_at_the_greeting_means_no_mail_here),
    cmocka_unit_test (says_556_means_the_domain_takes_no_mail),
    cmocka_unit_test (ends_the_session_whatever_quit_gets),
    cmocka_unit_test (lets_the_basic_code_decide_over_the_enhanced),
    cmocka_unit_test (advises_on_an_enhanced_code_alone),
    cmocka_unit_test (refuses_invalid_arguments),
    cmocka_unit_test (names_actions_and_stages),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
