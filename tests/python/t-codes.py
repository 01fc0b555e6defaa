# t-codes.py -- reply codes from Python: validity, digits, predicates, table.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""The same behaviour tests/t-codes.c checks, through the module.  Every
expected string is typed here, never read from the tables."""

import re

import taprunner
import smtpreply

BAD_CODE = "A reply code is exactly three digits"
BAD_CLASS = "The first digit of a reply code must be 1 to 5"
BAD_CATEGORY = "The second digit of a reply code must be 0 to 5"


class Codes(taprunner.TestCase):

    def test_rejects_values_that_are_not_reply_codes(self):
        for code in (-1, 0, 99, 1000, 2 ** 40, -2 ** 40):
            self.assertError("EBAD_CODE", BAD_CODE, smtpreply.check_code, code)
        for code in (160, 199):
            self.assertError("EBAD_CATEGORY", BAD_CATEGORY,
                             smtpreply.check_code, code)
        for code in (600, 999):
            self.assertError("EBAD_CLASS", BAD_CLASS,
                             smtpreply.check_code, code)
        # Every function that takes a code refuses it the same way.
        self.assertError("EBAD_CLASS", BAD_CLASS, smtpreply.lookup, 600)
        self.assertError("EBAD_CODE", BAD_CODE, smtpreply.describe, 42)
        self.assertError("EBAD_CODE", BAD_CODE, smtpreply.code_class, 1000)
        self.assertError("EBAD_CATEGORY", BAD_CATEGORY,
                         smtpreply.code_category, 160)
        self.assertError("EBAD_CODE", BAD_CODE, smtpreply.is_success, 0)

    def test_errors_are_value_errors_but_not_parse_errors(self):
        error = self.assertError("EBAD_CODE", BAD_CODE, smtpreply.describe, 42)
        self.assertIsInstance(error, ValueError)
        self.assertNotIsInstance(error, smtpreply.ParseError)
        self.assertEqual(error.errno, -10)
        error = self.assertError("EBAD_CLASS", BAD_CLASS, smtpreply.describe,
                                 650)
        self.assertIsInstance(error, ValueError)
        self.assertRaises(TypeError, smtpreply.describe, 5.5)
        self.assertRaises(TypeError, smtpreply.describe, None)
        self.assertRaises(TypeError, smtpreply.describe)
        self.assertRaises(TypeError, smtpreply.describe, 550, "ru", "de")
        self.assertRaises(TypeError, smtpreply.describe, 550, language="ru")
        self.assertRaises(TypeError, smtpreply.describe, 550, code=550)
        self.assertEqual(smtpreply.describe(code=550, lang="en"),
                         smtpreply.describe(550))

    def test_rejects_every_bad_first_or_second_digit(self):
        for code in range(1000):
            first, second = code // 100, code // 10 % 10
            if code < 100:
                expected = "EBAD_CODE"
            elif first > 5:
                expected = "EBAD_CLASS"
            elif second > 5:
                expected = "EBAD_CATEGORY"
            else:
                expected = None
            if expected is None:
                self.assertEqual(smtpreply.check_code(code), code)
                self.assertEqual(smtpreply.code_class(code), first)
            else:
                self.assertError(expected, None, smtpreply.check_code, code)

    def test_tells_invalid_from_unknown_from_known(self):
        # Invalid.
        self.assertError("EBAD_CLASS", BAD_CLASS, smtpreply.code_class, 650)
        # Valid but not in the table: class and category still answer.
        unknown = [
            (100, "POSITIVE_PRELIMINARY", "SYNTAX"),
            (259, "POSITIVE_COMPLETION", "MAIL_SYSTEM"),
            (441, "TRANSIENT_NEGATIVE", "UNSPECIFIED_4"),
            (559, "PERMANENT_NEGATIVE", "MAIL_SYSTEM"),
        ]
        for code, class_name, category_name in unknown:
            self.assertEqual(smtpreply.check_code(code), code)
            self.assertIsNone(smtpreply.lookup(code))
            self.assertIsNone(smtpreply.describe(code))
            self.assertEqual(smtpreply.code_class(code).name, class_name)
            self.assertEqual(smtpreply.code_category(code).name,
                             category_name)
        # 471 and 599 have second digits outside 0 to 5.
        self.assertError("EBAD_CATEGORY", BAD_CATEGORY,
                         smtpreply.check_code, 471)
        self.assertError("EBAD_CATEGORY", BAD_CATEGORY,
                         smtpreply.check_code, 599)
        # Known.
        self.assertEqual(smtpreply.lookup(550).name, "MAILBOX_UNAVAILABLE")

    def test_parses_codes_from_text_with_the_offending_byte(self):
        self.assertEqual(smtpreply.parse_code("550"), 550)
        self.assertEqual(smtpreply.parse_code(b"550"), 550)
        self.assertEqual(smtpreply.parse_code(bytearray(b"421")), 421)
        # Only the bytes given are read.
        self.assertEqual(smtpreply.parse_code(memoryview(b"2501")[:3]), 250)
        bad = [
            ("abc", "EBAD_CODE", 0), ("5x0", "EBAD_CODE", 1),
            ("2500", "EBAD_CODE", 3), ("-1", "EBAD_CODE", 0),
            ("", "EBAD_CODE", 0), ("55", "EBAD_CODE", 2),
            ("099", "EBAD_CLASS", 0), ("650", "EBAD_CLASS", 0),
            ("560", "EBAD_CATEGORY", 1), (b"55\xff", "EBAD_CODE", 2),
        ]
        for text, kind, offset in bad:
            error = self.assertError(kind, None, smtpreply.parse_code, text,
                                     error=smtpreply.ParseError)
            self.assertEqual(error.offset, offset, text)
            self.assertIsNone(error.line)
            self.assertIsInstance(error, ValueError)
        self.assertRaises(TypeError, smtpreply.parse_code, 550)

    def test_takes_codes_as_text_wherever_it_takes_codes(self):
        self.assertEqual(smtpreply.describe("550"), smtpreply.describe(550))
        self.assertEqual(smtpreply.lookup(b"421").code, 421)
        self.assertTrue(smtpreply.is_permanent("554"))
        self.assertEqual(smtpreply.check_code("250"), 250)
        error = self.assertError("EBAD_CODE", BAD_CODE, smtpreply.describe,
                                 "5x0", error=smtpreply.ParseError)
        self.assertEqual(error.offset, 1)

    def test_answers_the_predicates_and_refuses_invalid_codes(self):
        self.assertIs(smtpreply.is_preliminary(110), True)
        self.assertIs(smtpreply.is_success(250), True)
        self.assertIs(smtpreply.is_success(354), False)
        self.assertIs(smtpreply.is_intermediate(354), True)
        self.assertIs(smtpreply.is_intermediate(334), True)
        self.assertIs(smtpreply.is_transient(451), True)
        self.assertIs(smtpreply.is_transient(550), False)
        self.assertIs(smtpreply.is_permanent(550), True)
        self.assertIs(smtpreply.is_permanent(421), False)
        self.assertIs(smtpreply.is_failure(421), True)
        self.assertIs(smtpreply.is_failure(554), True)
        self.assertIs(smtpreply.is_failure(250), False)
        # Never a silent False for a value that is not a code.
        self.assertError("EBAD_CLASS", BAD_CLASS, smtpreply.is_permanent, 999)
        self.assertError("EBAD_CODE", BAD_CODE, smtpreply.is_success, 2500)
        self.assertError("EBAD_CODE", BAD_CODE, smtpreply.is_transient, -1)
        self.assertError("EBAD_CATEGORY", BAD_CATEGORY,
                         smtpreply.is_failure, 470)

    def test_describes_each_digit(self):
        ReplyClass, Category = smtpreply.ReplyClass, smtpreply.Category
        self.assertEqual(ReplyClass(1).title(), "Positive preliminary reply")
        self.assertEqual(ReplyClass(2).name, "POSITIVE_COMPLETION")
        self.assertEqual(ReplyClass(3).name, "POSITIVE_INTERMEDIATE")
        self.assertEqual(
            ReplyClass(4).describe(),
            "The command was not accepted and nothing was done, but the "
            "condition is temporary: the command may be tried again later")
        self.assertEqual(ReplyClass.PERMANENT_NEGATIVE.title(),
                         "Permanent negative reply")
        self.assertEqual(ReplyClass.PERMANENT_NEGATIVE, 5)
        self.assertRaises(ValueError, ReplyClass, 0)
        self.assertRaises(ValueError, ReplyClass, 6)
        self.assertEqual(Category(0).name, "SYNTAX")
        self.assertEqual(Category(1).title(), "Information")
        self.assertEqual(Category(2).describe(),
                         "A reply about the transmission channel")
        self.assertEqual(Category(3).title(), "Unspecified (x3z)")
        self.assertEqual(Category(4).name, "UNSPECIFIED_4")
        self.assertEqual(Category.MAIL_SYSTEM.title(), "Mail system")
        self.assertRaises(ValueError, Category, -1)
        self.assertRaises(ValueError, Category, 6)
        self.assertIs(smtpreply.code_class(354),
                      ReplyClass.POSITIVE_INTERMEDIATE)
        self.assertIs(smtpreply.code_category(354), Category.MAIL_SYSTEM)
        self.assertEqual([c.name for c in ReplyClass], [
            "POSITIVE_PRELIMINARY", "POSITIVE_COMPLETION",
            "POSITIVE_INTERMEDIATE", "TRANSIENT_NEGATIVE",
            "PERMANENT_NEGATIVE"])

    def test_describes_the_seed_codes(self):
        seed = [
            (211, "SYSTEM_STATUS", "System status",
             "System status, or a system help reply"),
            (214, "HELP_MESSAGE", "Help message",
             "Information on how to use the server or on the meaning of a "
             "non-standard command, meant for a person"),
            (220, "SERVICE_READY", "Service ready",
             "The service is ready: the server's greeting, or its consent to "
             "start TLS after STARTTLS"),
            (221, "SERVICE_CLOSING", "Service closing the channel",
             "The service is closing the transmission channel"),
            (235, "AUTH_SUCCEEDED", "Authentication succeeded",
             "The client authenticated to the server successfully"),
            (250, "OK", "Requested action completed",
             "The requested mail action was completed successfully"),
            (251, "USER_NOT_LOCAL_WILL_FORWARD",
             "User not local; will forward",
             "The user is not local; the server accepts the message and will "
             "forward it"),
            (252, "CANNOT_VERIFY_USER", "Cannot verify the user",
             "The server cannot verify the user's mailbox, but it accepts the "
             "message and will try to deliver it"),
            (354, "START_MAIL_INPUT", "Start mail input",
             "Send the message; end it with <CRLF>.<CRLF>, a line holding "
             "only a dot"),
            (421, "SERVICE_NOT_AVAILABLE", "Service not available",
             "The service is not available and the server is closing the "
             "transmission channel; it may give this reply to any command "
             "when it must shut down"),
            (450, "MAILBOX_BUSY", "Mailbox temporarily unavailable",
             "The requested mail action was not taken: the mailbox is "
             "unavailable for now, for example busy"),
            (451, "LOCAL_ERROR", "Local error in processing",
             "The requested action was aborted: a local error occurred while "
             "processing the command"),
            (452, "INSUFFICIENT_STORAGE", "Insufficient system storage",
             "The requested action was not taken: the system does not have "
             "enough storage"),
            (454, "TEMPORARY_AUTH_FAILURE",
             "TLS or authentication temporarily unavailable",
             "Authentication or TLS is impossible for now because of a "
             "temporary server failure"),
            (500, "SYNTAX_ERROR", "Syntax error, command unrecognized",
             "The command was not recognized; the reply may also mean that "
             "the command line was too long"),
            (501, "ARGUMENT_SYNTAX_ERROR",
             "Syntax error in parameters or arguments",
             "The command's parameters or arguments have a syntax error"),
            (502, "NOT_IMPLEMENTED", "Command not implemented",
             "The command is recognized, but the server does not implement "
             "it"),
            (503, "BAD_SEQUENCE", "Bad sequence of commands",
             "The commands came in the wrong order"),
            (504, "PARAMETER_NOT_IMPLEMENTED",
             "Command parameter not implemented",
             "The server does not support a parameter of the command"),
            (530, "AUTH_REQUIRED", "Authentication required",
             "The server requires authentication, or TLS, before it carries "
             "out the command"),
            (534, "AUTH_MECHANISM_TOO_WEAK",
             "Authentication mechanism too weak",
             "The chosen authentication mechanism is too weak for this user"),
            (535, "AUTH_CREDENTIALS_INVALID", "Authentication rejected",
             "The server rejected the authentication, for example because "
             "the credentials are wrong or badly encoded"),
            (538, "ENCRYPTION_REQUIRED_FOR_AUTH",
             "Encryption required for the authentication mechanism",
             "The chosen authentication mechanism may only be used over an "
             "encrypted connection"),
            (550, "MAILBOX_UNAVAILABLE", "Mailbox unavailable",
             "The requested action was not taken: the mailbox is unavailable "
             "(not found, no access, or refused by local policy)"),
            (551, "USER_NOT_LOCAL", "User not local",
             "The user is not local and the server will not forward the "
             "message; the reply may give the address to try"),
            (552, "STORAGE_EXCEEDED", "Exceeded storage allocation",
             "The requested mail action was aborted: the storage allocated "
             "on the server is exceeded"),
            (553, "MAILBOX_NAME_NOT_ALLOWED", "Mailbox name not allowed",
             "The requested action was not taken: the mailbox name is not "
             "allowed (its syntax may be wrong)"),
            (554, "TRANSACTION_FAILED", "Transaction failed",
             "The transaction failed, or, at connection time, the server "
             "offers no SMTP service"),
        ]
        self.assertEqual(len(seed), 28)
        for code, name, title, text in seed:
            info = smtpreply.lookup(code)
            self.assertEqual(info.code, code)
            self.assertEqual(info.name, name)
            self.assertEqual(info.title, title)
            self.assertEqual(info.description, text)
            self.assertEqual(smtpreply.describe(code), text)
            self.assertEqual(smtpreply.lookup(str(code)).title, title)
            self.assertEqual(smtpreply.describe(code, lang="en"), text)

    def test_lists_every_code_with_status_and_references(self):
        S = smtpreply.CodeStatus
        every = [
            (211, "SYSTEM_STATUS", S.STANDARD, "RFC 5321"),
            (214, "HELP_MESSAGE", S.STANDARD, "RFC 5321"),
            (220, "SERVICE_READY", S.STANDARD, "RFC 5321, RFC 3207"),
            (221, "SERVICE_CLOSING", S.STANDARD, "RFC 5321"),
            (235, "AUTH_SUCCEEDED", S.STANDARD, "RFC 4954"),
            (250, "OK", S.STANDARD,
             "RFC 5321, RFC 1985, RFC 2645, RFC 3030, RFC 4468"),
            (251, "USER_NOT_LOCAL_WILL_FORWARD", S.STANDARD,
             "RFC 5321, RFC 1985"),
            (252, "CANNOT_VERIFY_USER", S.STANDARD,
             "RFC 5321, RFC 1985, RFC 6531"),
            (253, "PENDING_MESSAGES_STARTED", S.STANDARD, "RFC 1985"),
            (334, "AUTH_CHALLENGE", S.STANDARD, "RFC 4954"),
            (354, "START_MAIL_INPUT", S.STANDARD, "RFC 5321"),
            (355, "CHECKPOINT_OFFSET", S.EXPERIMENTAL, "RFC 1845"),
            (421, "SERVICE_NOT_AVAILABLE", S.STANDARD, "RFC 5321"),
            (422, "REGISTRY_PASSWORD_TRANSITION", S.REGISTRY_ONLY,
             "RFC 5248"),
            (430, "REGISTRY_INVALID_COMMAND", S.REGISTRY_ONLY, "RFC 5248"),
            (432, "PASSWORD_TRANSITION_NEEDED", S.STANDARD, "RFC 4954"),
            (450, "MAILBOX_BUSY", S.STANDARD, "RFC 5321, RFC 2645, RFC 6710"),
            (451, "LOCAL_ERROR", S.STANDARD,
             "RFC 5321, RFC 2645, RFC 4468, RFC 7372"),
            (452, "INSUFFICIENT_STORAGE", S.STANDARD, "RFC 5321, RFC 1870"),
            (453, "NO_MAIL_WAITING", S.STANDARD, "RFC 2645"),
            (454, "TEMPORARY_AUTH_FAILURE", S.STANDARD, "RFC 3207, RFC 4954"),
            (455, "PARAMETERS_NOT_ACCOMMODATED", S.STANDARD, "RFC 5321"),
            (458, "UNABLE_TO_QUEUE", S.STANDARD, "RFC 1985"),
            (459, "NODE_NOT_ALLOWED", S.STANDARD, "RFC 1985"),
            (500, "SYNTAX_ERROR", S.STANDARD, "RFC 5321, RFC 4954, RFC 1985"),
            (501, "ARGUMENT_SYNTAX_ERROR", S.STANDARD,
             "RFC 5321, RFC 3207, RFC 4954, RFC 1985"),
            (502, "NOT_IMPLEMENTED", S.STANDARD, "RFC 5321, RFC 2645"),
            (503, "BAD_SEQUENCE", S.STANDARD,
             "RFC 5321, RFC 4954, RFC 3030, RFC 4468"),
            (504, "PARAMETER_NOT_IMPLEMENTED", S.STANDARD,
             "RFC 5321, RFC 4954"),
            (521, "NO_MAIL_ACCEPTED", S.STANDARD, "RFC 7504, RFC 1846"),
            (523, "ENCRYPTION_NEEDED", S.REGISTRY_ONLY, "RFC 5248"),
            (524, "ENCRYPTION_REQUIRED", S.REGISTRY_ONLY, "RFC 5248"),
            (525, "ACCOUNT_DISABLED", S.REGISTRY_ONLY, "RFC 5248"),
            (530, "AUTH_REQUIRED", S.STANDARD, "RFC 3207, RFC 4954, RFC 2645"),
            (533, "DELIVERY_NOT_AUTHORIZED", S.REGISTRY_ONLY, "RFC 5248"),
            (534, "AUTH_MECHANISM_TOO_WEAK", S.STANDARD, "RFC 4954"),
            (535, "AUTH_CREDENTIALS_INVALID", S.STANDARD,
             "RFC 4954, RFC 5248"),
            (538, "ENCRYPTION_REQUIRED_FOR_AUTH", S.DEPRECATED, "RFC 4954"),
            (550, "MAILBOX_UNAVAILABLE", S.STANDARD,
             "RFC 5321, RFC 6531, RFC 7505, RFC 7372, RFC 8617, RFC 8689"),
            (551, "USER_NOT_LOCAL", S.STANDARD, "RFC 5321"),
            (552, "STORAGE_EXCEEDED", S.STANDARD,
             "RFC 5321, RFC 1870, RFC 4468, RFC 6710"),
            (553, "MAILBOX_NAME_NOT_ALLOWED", S.STANDARD,
             "RFC 5321, RFC 6531"),
            (554, "TRANSACTION_FAILED", S.STANDARD,
             "RFC 5321, RFC 3207, RFC 4468, RFC 6531"),
            (555, "PARAMETERS_NOT_RECOGNIZED", S.STANDARD, "RFC 5321"),
            (556, "DOMAIN_DOES_NOT_ACCEPT_MAIL", S.STANDARD,
             "RFC 7504, RFC 7505"),
        ]
        # Every code listed here is in the table as listed; the table has
        # as many entries as the library says, in ascending order.
        table = smtpreply.codes()
        self.assertEqual(len(table), smtpreply._smtpreply.reply_count())
        self.assertEqual([info.code for info in table],
                         sorted({info.code for info in table}))
        by_code = {info.code: info for info in table}
        for code, name, status, reference in every:
            info = by_code[code]
            self.assertEqual((info.code, info.name, info.reference),
                             (code, name, reference))
            self.assertIs(info.status, status)
            self.assertEqual(smtpreply.lookup(code), info)
        self.assertEqual(
            smtpreply.lookup(550).context,
            "MAIL, RCPT, DATA, VRFY, EXPN, EHLO; SMTPUTF8; null MX; "
            "REQUIRETLS")
        self.assertEqual([s.name for s in S], [
            "STANDARD", "DEPRECATED", "EXPERIMENTAL", "REGISTRY_ONLY"])
        info = smtpreply.lookup(550)
        self.assertIs(info.reply_class,
                      smtpreply.ReplyClass.PERMANENT_NEGATIVE)
        self.assertIs(info.category, smtpreply.Category.MAIL_SYSTEM)

    def test_names_errors_and_reports_the_version(self):
        kinds = smtpreply.ErrorKind
        self.assertEqual(str(kinds(-10)), "EBAD_CODE")
        self.assertEqual(str(kinds(-44)), "ETRUNCATED")
        self.assertEqual(str(kinds.EBARE_LF), "EBARE_LF")
        self.assertIs(kinds("ETRUNCATED"), kinds.ETRUNCATED)
        self.assertRaises(ValueError, kinds, 0)
        self.assertRaises(ValueError, kinds, -1000)
        self.assertEqual(kinds.EBAD_CLASS.describe(), BAD_CLASS)
        self.assertEqual(smtpreply.strerror(-11), BAD_CLASS)
        self.assertEqual(smtpreply.strerror(0), "No error")
        self.assertEqual(smtpreply.strerror(-1000), "Unknown error code")
        self.assertRegex(smtpreply.version(), r"^[0-9]+\.[0-9]+\.[0-9]+$")
        self.assertEqual(smtpreply.__version__, smtpreply.version())
        self.assertEqual(smtpreply.check_version(), smtpreply.version())
        self.assertEqual(smtpreply.check_version("0.1"), smtpreply.version())
        self.assertEqual(smtpreply.check_version(smtpreply.version()),
                         smtpreply.version())
        self.assertIsNone(smtpreply.check_version("99.0"))
        self.assertIsNone(smtpreply.check_version("x"))
        self.assertRaises(ValueError, smtpreply.check_version, "0.1\0")
        self.assertRaises(TypeError, smtpreply.check_version, 1)

    def test_names_the_parser_flags(self):
        Flag = smtpreply.Flag
        self.assertEqual(Flag.CODE_MISMATCH, 1)
        self.assertEqual(Flag.BARE_LF, 8)
        self.assertEqual(Flag.BARE_LF.name, "BARE_LF")
        self.assertEqual(Flag.PRELIMINARY.name, "PRELIMINARY")
        self.assertEqual([f.name for f in Flag], [
            "CODE_MISMATCH", "BARE_CODE", "NO_SPACE", "BARE_LF", "CONTROL",
            "EIGHT_BIT", "ENHANCED_MISMATCH", "ENHANCED_INCONSISTENT",
            "ENHANCED_INVALID", "PRELIMINARY"])
        everything = Flag(0)
        for flag in Flag:
            everything |= flag
        self.assertEqual(everything, 0x3ff)
        self.assertEqual(Flag.CONTROL.kind, "ECONTROL")
        self.assertEqual(Flag.BARE_LF.describe(),
                         "A line ends in LF without CR")
        self.assertEqual(Flag.EIGHT_BIT.describe(),
                         "The text contains bytes outside ASCII")


if __name__ == "__main__":
    taprunner.main()
