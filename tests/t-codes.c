/* t-codes.c -- reply codes: validity, digits, predicates, the table.
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
rejects_values_that_are_not_reply_codes (void **state)
{
  (void) state;
  assert_int_equal (smtpreply_code_check (-1), SMTPREPLY_EBAD_CODE);
  assert_int_equal (smtpreply_code_check (0), SMTPREPLY_EBAD_CODE);
  assert_int_equal (smtpreply_code_check (99), SMTPREPLY_EBAD_CODE);
  assert_int_equal (smtpreply_code_check (160), SMTPREPLY_EBAD_CATEGORY);
  assert_int_equal (smtpreply_code_check (199), SMTPREPLY_EBAD_CATEGORY);
  assert_int_equal (smtpreply_code_check (600), SMTPREPLY_EBAD_CLASS);
  assert_int_equal (smtpreply_code_check (999), SMTPREPLY_EBAD_CLASS);
  assert_int_equal (smtpreply_code_check (1000), SMTPREPLY_EBAD_CODE);
  assert_null (smtpreply_reply_lookup (600));
  assert_null (smtpreply_code_class (1000));
  assert_null (smtpreply_code_category (160));
}

static void
rejects_every_bad_first_or_second_digit (void **state)
{
  (void) state;
  for (int code = 0; code <= 999; code++)
    {
      int first = code / 100;
      int second = code / 10 % 10;
      int expected = 0;
      if (code < 100)
        expected = SMTPREPLY_EBAD_CODE;
      else if (first > 5)
        expected = SMTPREPLY_EBAD_CLASS;
      else if (second > 5)
        expected = SMTPREPLY_EBAD_CATEGORY;
      assert_int_equal (smtpreply_code_check (code), expected);
      assert_int_equal (smtpreply_code_class (code) != NULL, expected == 0);
    }
}

static void
tells_invalid_from_unknown_from_known (void **state)
{
  (void) state;
  /* Invalid.  */
  assert_int_equal (smtpreply_code_check (650), SMTPREPLY_EBAD_CLASS);
  assert_null (smtpreply_code_class (650));
  /* Valid but not in the table: class and category still answer.  */
  static const struct
  {
    int code;
    const char *class_name;
    const char *category_name;
  } unknown[] = {
    { 100, "POSITIVE_PRELIMINARY", "SYNTAX" },
    { 259, "POSITIVE_COMPLETION", "MAIL_SYSTEM" },
    { 441, "TRANSIENT_NEGATIVE", "UNSPECIFIED_4" },
    { 559, "PERMANENT_NEGATIVE", "MAIL_SYSTEM" },
  };
  for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
    {
      assert_int_equal (smtpreply_code_check (unknown[i].code), 0);
      assert_null (smtpreply_reply_lookup (unknown[i].code));
      assert_null (smtpreply_reply_describe (unknown[i].code));
      assert_string_equal (smtpreply_code_class (unknown[i].code)->name,
                           unknown[i].class_name);
      assert_string_equal (smtpreply_code_category (unknown[i].code)->name,
                           unknown[i].category_name);
    }
  /* 471 and 599 are sometimes quoted as unknown but valid codes, but
     their second digits, 7 and 9, are outside the 0 to 5 that RFC 5321
     section 4.2 allows (%x30-35), so they are invalid.  */
  assert_int_equal (smtpreply_code_check (471), SMTPREPLY_EBAD_CATEGORY);
  assert_int_equal (smtpreply_code_check (599), SMTPREPLY_EBAD_CATEGORY);
  /* Known.  */
  assert_string_equal (smtpreply_reply_lookup (550)->name,
                       "MAILBOX_UNAVAILABLE");
}

static void
parses_codes_from_text_with_the_offending_byte (void **state)
{
  (void) state;
  int code = -7;
  size_t off = 99;
  assert_int_equal (smtpreply_code_parse ("550", 3, &code, &off), 0);
  assert_int_equal (code, 550);
  assert_int_equal (smtpreply_code_parse ("abc", 3, &code, &off),
                    SMTPREPLY_EBAD_CODE);
  assert_int_equal (off, 0);
  assert_int_equal (smtpreply_code_parse ("5x0", 3, &code, &off),
                    SMTPREPLY_EBAD_CODE);
  assert_int_equal (off, 1);
  assert_int_equal (smtpreply_code_parse ("2500", 4, &code, &off),
                    SMTPREPLY_EBAD_CODE);
  assert_int_equal (off, 3);
  assert_int_equal (smtpreply_code_parse ("-1", 2, &code, &off),
                    SMTPREPLY_EBAD_CODE);
  assert_int_equal (off, 0);
  assert_int_equal (smtpreply_code_parse ("", 0, &code, &off),
                    SMTPREPLY_EBAD_CODE);
  assert_int_equal (off, 0);
  assert_int_equal (smtpreply_code_parse ("55", 2, &code, &off),
                    SMTPREPLY_EBAD_CODE);
  assert_int_equal (off, 2);
  assert_int_equal (smtpreply_code_parse ("099", 3, &code, &off),
                    SMTPREPLY_EBAD_CLASS);
  assert_int_equal (off, 0);
  assert_int_equal (smtpreply_code_parse ("650", 3, &code, &off),
                    SMTPREPLY_EBAD_CLASS);
  assert_int_equal (off, 0);
  assert_int_equal (smtpreply_code_parse ("560", 3, &code, &off),
                    SMTPREPLY_EBAD_CATEGORY);
  assert_int_equal (off, 1);
  /* A code inside a longer buffer is read only as far as LEN says.  */
  assert_int_equal (smtpreply_code_parse ("2501", 3, &code, &off), 0);
  assert_int_equal (code, 250);
  assert_int_equal (smtpreply_code_parse (NULL, 3, &code, &off),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_code_parse ("550", 3, NULL, &off),
                    SMTPREPLY_EINVAL);
}

static void
answers_the_predicates_with_one_or_zero (void **state)
{
  (void) state;
  assert_int_equal (smtpreply_code_is_preliminary (110), 1);
  assert_int_equal (smtpreply_code_is_success (250), 1);
  assert_int_equal (smtpreply_code_is_success (354), 0);
  assert_int_equal (smtpreply_code_is_intermediate (354), 1);
  assert_int_equal (smtpreply_code_is_intermediate (334), 1);
  assert_int_equal (smtpreply_code_is_transient (451), 1);
  assert_int_equal (smtpreply_code_is_transient (550), 0);
  assert_int_equal (smtpreply_code_is_permanent (550), 1);
  assert_int_equal (smtpreply_code_is_permanent (421), 0);
  assert_int_equal (smtpreply_code_is_failure (421), 1);
  assert_int_equal (smtpreply_code_is_failure (554), 1);
  assert_int_equal (smtpreply_code_is_failure (250), 0);
  /* A value that is not a code is false for every predicate, so that
     "if (smtpreply_code_is_permanent (999))" does not bounce anything;
     smtpreply_code_check tells why it is not a code.  */
  static const int invalid[] = { 999, 2500, -1, 470, 0, 650, 99 };
  for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
    {
      int c = invalid[i];
      assert_int_equal (smtpreply_code_is_preliminary (c), 0);
      assert_int_equal (smtpreply_code_is_success (c), 0);
      assert_int_equal (smtpreply_code_is_intermediate (c), 0);
      assert_int_equal (smtpreply_code_is_transient (c), 0);
      assert_int_equal (smtpreply_code_is_permanent (c), 0);
      assert_int_equal (smtpreply_code_is_failure (c), 0);
    }
  assert_int_equal (smtpreply_code_check (999), SMTPREPLY_EBAD_CLASS);
  assert_int_equal (smtpreply_code_check (2500), SMTPREPLY_EBAD_CODE);
  assert_int_equal (smtpreply_code_check (470), SMTPREPLY_EBAD_CATEGORY);
}

static void
describes_each_digit (void **state)
{
  (void) state;
  assert_string_equal (smtpreply_class_lookup (1)->title,
                       "Positive preliminary reply");
  assert_string_equal (smtpreply_class_lookup (2)->name,
                       "POSITIVE_COMPLETION");
  assert_string_equal (smtpreply_class_lookup (3)->name,
                       "POSITIVE_INTERMEDIATE");
  assert_string_equal (smtpreply_class_lookup (4)->text,
                       "The command was not accepted and nothing was done, "
                       "but the condition is temporary: the command may be "
                       "tried again later");
  assert_string_equal (smtpreply_class_lookup (5)->title,
                       "Permanent negative reply");
  assert_null (smtpreply_class_lookup (0));
  assert_null (smtpreply_class_lookup (6));
  assert_string_equal (smtpreply_category_lookup (0)->name, "SYNTAX");
  assert_string_equal (smtpreply_category_lookup (1)->title, "Information");
  assert_string_equal (smtpreply_category_lookup (2)->text,
                       "A reply about the transmission channel");
  assert_string_equal (smtpreply_category_lookup (3)->title,
                       "Unspecified (x3z)");
  assert_string_equal (smtpreply_category_lookup (4)->name, "UNSPECIFIED_4");
  assert_string_equal (smtpreply_category_lookup (5)->title, "Mail system");
  assert_null (smtpreply_category_lookup (-1));
  assert_null (smtpreply_category_lookup (6));
  assert_int_equal (smtpreply_code_class (354)->digit, 3);
  assert_int_equal (smtpreply_code_category (354)->digit, 5);
}

/* The 28 codes of the Russian source, each with its meaning.  */
static void
describes_the_seed_codes (void **state)
{
  (void) state;
  static const struct
  {
    int code;
    const char *name;
    const char *title;
    const char *text;
  } seed[] = {
    { 211, "SYSTEM_STATUS", "System status",
      "System status, or a system help reply" },
    { 214, "HELP_MESSAGE", "Help message",
      "Information on how to use the server or on the meaning of a "
      "non-standard command, meant for a person" },
    { 220, "SERVICE_READY", "Service ready",
      "The service is ready: the server's greeting, or its consent to start "
      "TLS after STARTTLS" },
    { 221, "SERVICE_CLOSING", "Service closing the channel",
      "The service is closing the transmission channel" },
    { 235, "AUTH_SUCCEEDED", "Authentication succeeded",
      "The client authenticated to the server successfully" },
    { 250, "OK", "Requested action completed",
      "The requested mail action was completed successfully" },
    { 251, "USER_NOT_LOCAL_WILL_FORWARD", "User not local; will forward",
      "The user is not local; the server accepts the message and will "
      "forward it" },
    { 252, "CANNOT_VERIFY_USER", "Cannot verify the user",
      "The server cannot verify the user's mailbox, but it accepts the "
      "message and will try to deliver it" },
    { 354, "START_MAIL_INPUT", "Start mail input",
      "Send the message; end it with <CRLF>.<CRLF>, a line holding only a "
      "dot" },
    { 421, "SERVICE_NOT_AVAILABLE", "Service not available",
      "The service is not available and the server is closing the "
      "transmission channel; it may give this reply to any command when it "
      "must shut down" },
    { 450, "MAILBOX_BUSY", "Mailbox temporarily unavailable",
      "The requested mail action was not taken: the mailbox is unavailable "
      "for now, for example busy" },
    { 451, "LOCAL_ERROR", "Local error in processing",
      "The requested action was aborted: a local error occurred while "
      "processing the command" },
    { 452, "INSUFFICIENT_STORAGE", "Insufficient system storage",
      "The requested action was not taken: the system does not have enough "
      "storage" },
    { 454, "TEMPORARY_AUTH_FAILURE",
      "TLS or authentication temporarily unavailable",
      "Authentication or TLS is impossible for now because of a temporary "
      "server failure" },
    { 500, "SYNTAX_ERROR", "Syntax error, command unrecognized",
      "The command was not recognized; the reply may also mean that the "
      "command line was too long" },
    { 501, "ARGUMENT_SYNTAX_ERROR", "Syntax error in parameters or arguments",
      "The command's parameters or arguments have a syntax error" },
    { 502, "NOT_IMPLEMENTED", "Command not implemented",
      "The command is recognized, but the server does not implement it" },
    { 503, "BAD_SEQUENCE", "Bad sequence of commands",
      "The commands came in the wrong order" },
    { 504, "PARAMETER_NOT_IMPLEMENTED", "Command parameter not implemented",
      "The server does not support a parameter of the command" },
    { 530, "AUTH_REQUIRED", "Authentication required",
      "The server requires authentication, or TLS, before it carries out "
      "the command" },
    { 534, "AUTH_MECHANISM_TOO_WEAK", "Authentication mechanism too weak",
      "The chosen authentication mechanism is too weak for this user" },
    { 535, "AUTH_CREDENTIALS_INVALID", "Authentication rejected",
      "The server rejected the authentication, for example because the "
      "credentials are wrong or badly encoded" },
    { 538, "ENCRYPTION_REQUIRED_FOR_AUTH",
      "Encryption required for the authentication mechanism",
      "The chosen authentication mechanism may only be used over an "
      "encrypted connection" },
    { 550, "MAILBOX_UNAVAILABLE", "Mailbox unavailable",
      "The requested action was not taken: the mailbox is unavailable (not "
      "found, no access, or refused by local policy)" },
    { 551, "USER_NOT_LOCAL", "User not local",
      "The user is not local and the server will not forward the message; "
      "the reply may give the address to try" },
    { 552, "STORAGE_EXCEEDED", "Exceeded storage allocation",
      "The requested mail action was aborted: the storage allocated on the "
      "server is exceeded" },
    { 553, "MAILBOX_NAME_NOT_ALLOWED", "Mailbox name not allowed",
      "The requested action was not taken: the mailbox name is not allowed "
      "(its syntax may be wrong)" },
    { 554, "TRANSACTION_FAILED", "Transaction failed",
      "The transaction failed, or, at connection time, the server offers no "
      "SMTP service" },
  };
  assert_int_equal (sizeof seed / sizeof seed[0], 28);
  for (size_t i = 0; i < sizeof seed / sizeof seed[0]; i++)
    {
      const struct smtpreply_reply *r = smtpreply_reply_lookup (seed[i].code);
      assert_non_null (r);
      assert_int_equal (r->code, seed[i].code);
      assert_string_equal (r->name, seed[i].name);
      assert_string_equal (r->title, seed[i].title);
      assert_string_equal (r->text, seed[i].text);
      assert_string_equal (smtpreply_reply_describe (seed[i].code),
                           seed[i].text);
    }
}

/* All 45 codes with their status and references.  */
static void
lists_every_code_with_status_and_references (void **state)
{
  (void) state;
  static const struct
  {
    int code;
    const char *name;
    int status;
    const char *reference;
  } all[] = {
    { 211, "SYSTEM_STATUS", SMTPREPLY_STATUS_STANDARD, "RFC 5321" },
    { 214, "HELP_MESSAGE", SMTPREPLY_STATUS_STANDARD, "RFC 5321" },
    { 220, "SERVICE_READY", SMTPREPLY_STATUS_STANDARD, "RFC 5321, RFC 3207" },
    { 221, "SERVICE_CLOSING", SMTPREPLY_STATUS_STANDARD, "RFC 5321" },
    { 235, "AUTH_SUCCEEDED", SMTPREPLY_STATUS_STANDARD, "RFC 4954" },
    { 250, "OK", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 1985, RFC 2645, RFC 3030, RFC 4468" },
    { 251, "USER_NOT_LOCAL_WILL_FORWARD", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 1985" },
    { 252, "CANNOT_VERIFY_USER", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 1985, RFC 6531" },
    { 253, "PENDING_MESSAGES_STARTED", SMTPREPLY_STATUS_STANDARD, "RFC 1985" },
    { 334, "AUTH_CHALLENGE", SMTPREPLY_STATUS_STANDARD, "RFC 4954" },
    { 354, "START_MAIL_INPUT", SMTPREPLY_STATUS_STANDARD, "RFC 5321" },
    { 355, "CHECKPOINT_OFFSET", SMTPREPLY_STATUS_EXPERIMENTAL, "RFC 1845" },
    { 421, "SERVICE_NOT_AVAILABLE", SMTPREPLY_STATUS_STANDARD, "RFC 5321" },
    { 422, "REGISTRY_PASSWORD_TRANSITION", SMTPREPLY_STATUS_REGISTRY_ONLY,
      "RFC 5248" },
    { 430, "REGISTRY_INVALID_COMMAND", SMTPREPLY_STATUS_REGISTRY_ONLY,
      "RFC 5248" },
    { 432, "PASSWORD_TRANSITION_NEEDED", SMTPREPLY_STATUS_STANDARD,
      "RFC 4954" },
    { 450, "MAILBOX_BUSY", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 2645, RFC 6710" },
    { 451, "LOCAL_ERROR", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 2645, RFC 4468, RFC 7372" },
    { 452, "INSUFFICIENT_STORAGE", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 1870" },
    { 453, "NO_MAIL_WAITING", SMTPREPLY_STATUS_STANDARD, "RFC 2645" },
    { 454, "TEMPORARY_AUTH_FAILURE", SMTPREPLY_STATUS_STANDARD,
      "RFC 3207, RFC 4954" },
    { 455, "PARAMETERS_NOT_ACCOMMODATED", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321" },
    { 458, "UNABLE_TO_QUEUE", SMTPREPLY_STATUS_STANDARD, "RFC 1985" },
    { 459, "NODE_NOT_ALLOWED", SMTPREPLY_STATUS_STANDARD, "RFC 1985" },
    { 500, "SYNTAX_ERROR", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 4954, RFC 1985" },
    { 501, "ARGUMENT_SYNTAX_ERROR", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 3207, RFC 4954, RFC 1985" },
    { 502, "NOT_IMPLEMENTED", SMTPREPLY_STATUS_STANDARD, "RFC 5321, RFC 2645" },
    { 503, "BAD_SEQUENCE", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 4954, RFC 3030, RFC 4468" },
    { 504, "PARAMETER_NOT_IMPLEMENTED", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 4954" },
    { 521, "NO_MAIL_ACCEPTED", SMTPREPLY_STATUS_STANDARD,
      "RFC 7504, RFC 1846" },
    { 523, "ENCRYPTION_NEEDED", SMTPREPLY_STATUS_REGISTRY_ONLY, "RFC 5248" },
    { 524, "ENCRYPTION_REQUIRED", SMTPREPLY_STATUS_REGISTRY_ONLY, "RFC 5248" },
    { 525, "ACCOUNT_DISABLED", SMTPREPLY_STATUS_REGISTRY_ONLY, "RFC 5248" },
    { 530, "AUTH_REQUIRED", SMTPREPLY_STATUS_STANDARD,
      "RFC 3207, RFC 4954, RFC 2645" },
    { 533, "DELIVERY_NOT_AUTHORIZED", SMTPREPLY_STATUS_REGISTRY_ONLY,
      "RFC 5248" },
    { 534, "AUTH_MECHANISM_TOO_WEAK", SMTPREPLY_STATUS_STANDARD, "RFC 4954" },
    { 535, "AUTH_CREDENTIALS_INVALID", SMTPREPLY_STATUS_STANDARD,
      "RFC 4954, RFC 5248" },
    { 538, "ENCRYPTION_REQUIRED_FOR_AUTH", SMTPREPLY_STATUS_DEPRECATED,
      "RFC 4954" },
    { 550, "MAILBOX_UNAVAILABLE", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 6531, RFC 7505, RFC 7372, RFC 8617, RFC 8689" },
    { 551, "USER_NOT_LOCAL", SMTPREPLY_STATUS_STANDARD, "RFC 5321" },
    { 552, "STORAGE_EXCEEDED", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 1870, RFC 4468, RFC 6710" },
    { 553, "MAILBOX_NAME_NOT_ALLOWED", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 6531" },
    { 554, "TRANSACTION_FAILED", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321, RFC 3207, RFC 4468, RFC 6531" },
    { 555, "PARAMETERS_NOT_RECOGNIZED", SMTPREPLY_STATUS_STANDARD,
      "RFC 5321" },
    { 556, "DOMAIN_DOES_NOT_ACCEPT_MAIL", SMTPREPLY_STATUS_STANDARD,
      "RFC 7504, RFC 7505" },
  };
  assert_int_equal (sizeof all / sizeof all[0], 45);
  assert_int_equal (smtpreply_reply_count (), 45);
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    {
      const struct smtpreply_reply *r = smtpreply_reply_at (i);
      assert_non_null (r);
      assert_int_equal (r->code, all[i].code);
      assert_string_equal (r->name, all[i].name);
      assert_int_equal (r->status, all[i].status);
      assert_string_equal (r->reference, all[i].reference);
      assert_ptr_equal (smtpreply_reply_lookup (all[i].code), r);
    }
  assert_null (smtpreply_reply_at (45));
  assert_string_equal (smtpreply_reply_lookup (550)->context,
                       "MAIL, RCPT, DATA, VRFY, EXPN, EHLO; SMTPUTF8; "
                       "null MX; REQUIRETLS");
  assert_string_equal (smtpreply_code_status_name (
                           SMTPREPLY_STATUS_REGISTRY_ONLY),
                       "registry_only");
  assert_string_equal (smtpreply_code_status_name (
                           SMTPREPLY_STATUS_EXPERIMENTAL),
                       "experimental");
  assert_null (smtpreply_code_status_name (4));
}

static void
names_errors_and_reports_the_version (void **state)
{
  (void) state;
  assert_string_equal (smtpreply_errname (SMTPREPLY_EBAD_CODE),
                       "SMTPREPLY_EBAD_CODE");
  assert_string_equal (smtpreply_errname (SMTPREPLY_ETRUNCATED),
                       "SMTPREPLY_ETRUNCATED");
  assert_string_equal (smtpreply_errname (SMTPREPLY_EBARE_LF),
                       "SMTPREPLY_EBARE_LF");
  assert_null (smtpreply_errname (0));
  assert_null (smtpreply_errname (-1000));
  assert_string_equal (smtpreply_strerror (SMTPREPLY_EBAD_CLASS),
                       "The first digit of a reply code must be 1 to 5");
  assert_string_equal (smtpreply_strerror (0), "No error");
  assert_string_equal (smtpreply_strerror (-1000), "Unknown error code");
  assert_string_equal (smtpreply_version (), PACKAGE_VERSION);
  assert_string_equal (SMTPREPLY_VERSION, PACKAGE_VERSION);
}

static void
checks_the_version_a_program_needs (void **state)
{
  (void) state;
  assert_string_equal (SMTPREPLY_VERSION, "0.2.0");
  assert_int_equal (SMTPREPLY_VERSION_NUMBER, 0x000200);
  assert_string_equal (smtpreply_check_version (SMTPREPLY_VERSION), "0.2.0");
  assert_string_equal (smtpreply_check_version (NULL), "0.2.0");
  assert_string_equal (smtpreply_check_version ("0.1"), "0.2.0");
  assert_string_equal (smtpreply_check_version ("0.1.9"), "0.2.0");
  assert_string_equal (smtpreply_check_version ("0"), "0.2.0");
  assert_string_equal (smtpreply_check_version ("0.2"), "0.2.0");
  assert_null (smtpreply_check_version ("0.2.1"));
  assert_null (smtpreply_check_version ("0.3"));
  assert_null (smtpreply_check_version ("1"));
  /* Not version numbers.  */
  assert_null (smtpreply_check_version (""));
  assert_null (smtpreply_check_version ("0.2.0.1"));
  assert_null (smtpreply_check_version ("v0.2"));
  assert_null (smtpreply_check_version ("0..2"));
  assert_null (smtpreply_check_version ("0.2."));
  assert_null (smtpreply_check_version ("99999999999999999999"));
}

static void
maps_tokens_to_values_and_back (void **state)
{
  (void) state;
  int v = 0;
  assert_string_equal (smtpreply_token_name (SMTPREPLY_TOKEN_ERROR,
                                             SMTPREPLY_EBAD_CODE),
                       "EBAD_CODE");
  assert_int_equal (smtpreply_token_value (SMTPREPLY_TOKEN_ERROR,
                                           "ETRUNCATED", &v), 0);
  assert_int_equal (v, SMTPREPLY_ETRUNCATED);
  assert_int_equal (smtpreply_token_value (SMTPREPLY_TOKEN_ERROR, "ebare_lf",
                                           &v), 0);
  assert_int_equal (v, SMTPREPLY_EBARE_LF);
  assert_string_equal (smtpreply_token_name (SMTPREPLY_TOKEN_FLAG,
                                             SMTPREPLY_FLAG_BARE_LF),
                       "BARE_LF");
  assert_string_equal (smtpreply_token_name (SMTPREPLY_TOKEN_STAGE,
                                             SMTPREPLY_STAGE_DATA_END),
                       "data_end");
  assert_int_equal (smtpreply_token_value (SMTPREPLY_TOKEN_STAGE, "RCPT", &v),
                    0);
  assert_int_equal (v, SMTPREPLY_STAGE_RCPT);
  assert_string_equal (smtpreply_token_name (SMTPREPLY_TOKEN_ACTION,
                                             SMTPREPLY_ACTION_GIVE_UP),
                       "give_up");
  assert_string_equal (smtpreply_token_name (SMTPREPLY_TOKEN_STATUS,
                                             SMTPREPLY_STATUS_REGISTRY_ONLY),
                       "registry_only");
  assert_int_equal (smtpreply_token_value (SMTPREPLY_TOKEN_LIMIT,
                                           "max_reply_bytes", &v), 0);
  assert_int_equal (v, SMTPREPLY_LIMIT_REPLY_BYTES);
  /* The counts are those of the enumerations and of the .def.  */
  assert_int_equal (smtpreply_token_count (SMTPREPLY_TOKEN_STAGE), 11);
  assert_int_equal (smtpreply_token_count (SMTPREPLY_TOKEN_ACTION), 4);
  assert_int_equal (smtpreply_token_count (SMTPREPLY_TOKEN_STATUS), 4);
  assert_int_equal (smtpreply_token_count (SMTPREPLY_TOKEN_LIMIT), 3);
  assert_int_equal (smtpreply_token_count (SMTPREPLY_TOKEN_FLAG), 10);
  /* Every token of every kind maps back to its value, and the older
     functions give the same names.  */
  for (int kind = SMTPREPLY_TOKEN_ERROR; kind <= SMTPREPLY_TOKEN_DSN_ACTION;
       kind++)
    for (size_t i = 0; i < smtpreply_token_count (kind); i++)
      {
        int value = 0;
        int back = 0;
        const char *name = smtpreply_token_at (kind, i, &value);
        assert_non_null (name);
        assert_string_equal (smtpreply_token_name (kind, value), name);
        assert_int_equal (smtpreply_token_value (kind, name, &back), 0);
        assert_int_equal (back, value);
        if (kind == SMTPREPLY_TOKEN_ERROR)
          assert_string_equal (smtpreply_errname (value) + strlen ("SMTPREPLY_"),
                               name);
        if (kind == SMTPREPLY_TOKEN_FLAG)
          assert_string_equal (smtpreply_flag_name ((unsigned) value), name);
        if (kind == SMTPREPLY_TOKEN_STAGE)
          assert_string_equal (smtpreply_stage_name (value), name);
        if (kind == SMTPREPLY_TOKEN_ACTION)
          assert_string_equal (smtpreply_action_name (value), name);
      }
  /* Unknown kinds, values and names.  */
  assert_int_equal (smtpreply_token_count (0), 0);
  assert_int_equal (smtpreply_token_count (1000), 0);
  assert_null (smtpreply_token_at (SMTPREPLY_TOKEN_STAGE, 11, &v));
  assert_null (smtpreply_token_at (-1, 0, &v));
  assert_null (smtpreply_token_name (SMTPREPLY_TOKEN_STAGE, 11));
  assert_null (smtpreply_token_name (SMTPREPLY_TOKEN_ERROR, 0));
  v = 7;
  assert_int_equal (smtpreply_token_value (SMTPREPLY_TOKEN_STAGE, "rcpt ",
                                           &v), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_token_value (SMTPREPLY_TOKEN_STAGE, "", &v),
                    SMTPREPLY_EINVAL);
  assert_int_equal (v, 7);
  assert_int_equal (smtpreply_token_value (SMTPREPLY_TOKEN_STAGE, NULL, &v),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_token_value (SMTPREPLY_TOKEN_STAGE, "rcpt",
                                           NULL), SMTPREPLY_EINVAL);
}

static void
names_the_parser_flags (void **state)
{
  (void) state;
  assert_int_equal (SMTPREPLY_FLAG_CODE_MISMATCH, 1);
  assert_int_equal (SMTPREPLY_FLAG_BARE_LF, 8);
  assert_string_equal (smtpreply_flag_name (SMTPREPLY_FLAG_BARE_LF),
                       "BARE_LF");
  assert_string_equal (smtpreply_flag_name (SMTPREPLY_FLAG_PRELIMINARY),
                       "PRELIMINARY");
  assert_null (smtpreply_flag_name (3));
  assert_int_equal (smtpreply_flag_error (SMTPREPLY_FLAG_CONTROL),
                    SMTPREPLY_ECONTROL);
  assert_int_equal (smtpreply_flag_error (0), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_flag_all (), 0x3ff);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (rejects_values_that_are_not_reply_codes),
    cmocka_unit_test (rejects_every_bad_first_or_second_digit),
    cmocka_unit_test (tells_invalid_from_unknown_from_known),
    cmocka_unit_test (parses_codes_from_text_with_the_offending_byte),
    cmocka_unit_test (answers_the_predicates_with_one_or_zero),
    cmocka_unit_test (describes_each_digit),
    cmocka_unit_test (describes_the_seed_codes),
    cmocka_unit_test (lists_every_code_with_status_and_references),
    cmocka_unit_test (names_errors_and_reports_the_version),
    cmocka_unit_test (names_the_parser_flags),
    cmocka_unit_test (checks_the_version_a_program_needs),
    cmocka_unit_test (maps_tokens_to_values_and_back),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
