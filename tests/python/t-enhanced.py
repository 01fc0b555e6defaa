# t-enhanced.py -- enhanced status codes from Python.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""The same behaviour tests/t-enhanced.c checks, through the module.  Every
expected value is typed here from the IANA registry (RFC 3463, RFC 5248)
and from RFC 3463 section 2."""

import taprunner
import smtpreply

EnhancedCode = smtpreply.EnhancedCode

X_1_1 = ("The recipient mailbox, the part of the address before the @, does "
         "not exist at the destination system")
SUBJECT_1 = ("A problem with the sender or recipient address, such as its "
             "syntax or validity, which the sender can usually correct "
             "before trying again")


class Enhanced(taprunner.TestCase):

    def test_parses_valid_codes(self):
        valid = [("2.0.0", 2, 0, 0), ("4.7.1", 4, 7, 1), ("5.1.10", 5, 1, 10),
                 ("5.999.999", 5, 999, 999), ("5.7.30", 5, 7, 30),
                 ("4.4.7", 4, 4, 7)]
        for text, cls, subject, detail in valid:
            code = smtpreply.parse_enhanced(text)
            self.assertEqual(code, (cls, subject, detail))
            self.assertEqual((code.cls, code.subject, code.detail),
                             (cls, subject, detail))
            self.assertIsInstance(code, EnhancedCode)
            self.assertEqual(str(code), text)
            self.assertEqual(smtpreply.parse_enhanced(text.encode()), code)
            self.assertEqual(EnhancedCode.parse(text), code)

    def test_reads_only_the_bytes_given(self):
        self.assertEqual(smtpreply.parse_enhanced(memoryview(b"5.1.10")[:5]),
                         (5, 1, 1))

    def check_invalid(self, text, kind, offset):
        error = self.assertError(kind, None, smtpreply.parse_enhanced, text,
                                 error=smtpreply.ParseError)
        self.assertEqual(error.offset, offset, text)
        self.assertIsNone(error.line)

    def test_rejects_a_leading_zero_at_its_digit(self):
        self.check_invalid("5.01.1", "EENHANCED_ZERO", 2)
        self.check_invalid("5.1.01", "EENHANCED_ZERO", 4)
        self.check_invalid("4.00.0", "EENHANCED_ZERO", 2)
        self.assertEqual(
            smtpreply.strerror(-23),
            "The subject and detail of an enhanced status code have no "
            "leading zeros")

    def test_rejects_a_class_other_than_2_4_5(self):
        for text in ("6.1.1", "3.1.1", "0.1.1", "55.1.1"):
            self.check_invalid(text, "EENHANCED_CLASS", 0)

    def test_rejects_too_few_or_too_many_parts(self):
        self.check_invalid("5.1", "EENHANCED_PARTS", 3)
        self.check_invalid("5.1.1.1", "EENHANCED_PARTS", 5)
        self.check_invalid("", "EENHANCED_PARTS", 0)
        self.check_invalid("5", "EENHANCED_PARTS", 1)
        self.check_invalid("5..1", "EENHANCED_PARTS", 2)
        self.check_invalid("5.1.", "EENHANCED_PARTS", 4)

    def test_rejects_more_than_three_digits(self):
        self.check_invalid("5.1000.1", "EENHANCED_DIGITS", 5)
        self.check_invalid("5.1.1000", "EENHANCED_DIGITS", 7)

    def test_rejects_bytes_other_than_digits_and_dots(self):
        self.check_invalid("5.1.x", "EENHANCED_SYNTAX", 4)
        self.check_invalid(" 5.1.1", "EENHANCED_SYNTAX", 0)
        self.check_invalid("5.1.1 ", "EENHANCED_SYNTAX", 5)
        self.check_invalid("5-1.1", "EENHANCED_SYNTAX", 1)
        self.check_invalid("x", "EENHANCED_SYNTAX", 0)
        self.check_invalid(b"5.1.\xff", "EENHANCED_SYNTAX", 4)

    def test_checks_class_subject_and_detail_ranges(self):
        for code in ((2, 0, 0), (4, 7, 1), (5, 999, 999), (5, 0, 999)):
            self.assertEqual(smtpreply.check_enhanced(code), code)
        class_message = ("The class of an enhanced status code must be 2, 4 "
                         "or 5")
        for code in ((1, 0, 0), (3, 1, 1), (6, 1, 1), (0, 0, 0), (-5, 1, 1)):
            self.assertError("EENHANCED_CLASS", class_message,
                             smtpreply.check_enhanced, code)
        for code in ((5, 1000, 1), (5, 1, 1000), (4, -1, 0), (2, 0, -1)):
            self.assertError(
                "EENHANCED_DIGITS",
                "The subject and detail of an enhanced status code have at "
                "most three digits",
                smtpreply.check_enhanced, code)
        self.assertRaises(TypeError, smtpreply.check_enhanced, 511)
        self.assertRaises(TypeError, smtpreply.check_enhanced, (5, 1))
        self.assertRaises(TypeError, smtpreply.check_enhanced, (5, 1, "1"))

    def test_formats_codes(self):
        self.assertEqual(str(EnhancedCode(5, 1, 10)), "5.1.10")
        self.assertEqual(str(EnhancedCode(5, 999, 999)), "5.999.999")
        # An invalid code still prints, as its numbers.
        self.assertEqual(str(EnhancedCode(3, 1, 1)), "3.1.1")

    def test_describes_the_three_classes(self):
        C = smtpreply.EnhancedClass
        self.assertEqual([(c.name, int(c)) for c in C], [
            ("SUCCESS", 2), ("PERSISTENT_TRANSIENT_FAILURE", 4),
            ("PERMANENT_FAILURE", 5)])
        self.assertEqual(C(2).title(), "Success")
        self.assertEqual(C(4).title(), "Persistent Transient Failure")
        self.assertEqual(C.PERMANENT_FAILURE.title(), "Permanent Failure")
        self.assertEqual(C(5).describe(),
                         "Delivery failed for good: sending the same message "
                         "again will fail unless the message or its "
                         "destination changes")
        for digit in (0, 1, 3, 6, -1):
            self.assertRaises(ValueError, C, digit)
        self.assertIs(smtpreply.enhanced_class("4.2.2"),
                      C.PERSISTENT_TRANSIENT_FAILURE)
        self.assertIs(EnhancedCode(5, 1, 1).enhanced_class,
                      C.PERMANENT_FAILURE)

    def test_describes_the_eight_subjects(self):
        subjects = [
            ("OTHER", "Other or Undefined Status"),
            ("ADDRESSING", "Addressing Status"),
            ("MAILBOX", "Mailbox Status"),
            ("MAIL_SYSTEM", "Mail System Status"),
            ("NETWORK_ROUTING", "Network and Routing Status"),
            ("PROTOCOL", "Mail Delivery Protocol Status"),
            ("CONTENT_MEDIA", "Message Content or Media Status"),
            ("SECURITY_POLICY", "Security or Policy Status"),
        ]
        self.assertEqual(len(smtpreply.Subject), 8)
        for number, (name, title) in enumerate(subjects):
            subject = smtpreply.Subject(number)
            self.assertEqual(subject.name, name)
            self.assertEqual(subject.title(), title)
            self.assertTrue(subject.describe())
        self.assertEqual(smtpreply.Subject.ADDRESSING.describe(), SUBJECT_1)
        for number in (8, 9, -1):
            self.assertRaises(ValueError, smtpreply.Subject, number)
        self.assertIs(smtpreply.enhanced_subject("5.7.1"),
                      smtpreply.Subject.SECURITY_POLICY)
        self.assertIsNone(smtpreply.enhanced_subject("4.9.1"))

    def check_detail(self, subject, detail, name, status, basic, reference,
                     title):
        info = smtpreply.lookup_enhanced((5, subject, detail))
        self.assertEqual(
            (info.subject, info.detail, info.name, info.basic_codes,
             info.reference, info.title),
            (subject, detail, name, basic, reference, title))
        self.assertIs(info.status, status)
        self.assertTrue(info.description)
        self.assertEqual(str(info), "X.%d.%d" % (subject, detail))

    def test_looks_up_registry_details_exactly(self):
        STANDARD = smtpreply.CodeStatus.STANDARD
        self.check_detail(1, 1, "BAD_DESTINATION_MAILBOX", STANDARD,
                          "451 550", "RFC 3463",
                          "Bad destination mailbox address")
        self.check_detail(1, 10, "RECIPIENT_NULL_MX", STANDARD, "556",
                          "RFC 7505, RFC 7504",
                          "Recipient address has null MX")
        self.check_detail(2, 2, "MAILBOX_FULL", STANDARD, "552", "RFC 3463",
                          "Mailbox full")
        self.check_detail(3, 2, "SYSTEM_NOT_ACCEPTING", STANDARD, "453 521",
                          "RFC 3463, RFC 7504",
                          "System not accepting network messages")
        self.check_detail(
            5, 0, "OTHER_PROTOCOL", STANDARD,
            "220 250 251 252 253 451 452 454 458 459 501 502 503 554",
            "RFC 3463", "Other or undefined protocol status")
        self.check_detail(7, 1, "SENDER_NOT_AUTHORIZED", STANDARD,
                          "451 454 502 503 533 550 551", "RFC 3463",
                          "Delivery not authorized, message refused")
        self.check_detail(7, 8, "CREDENTIALS_INVALID", STANDARD, "535 554",
                          "RFC 4954", "Authentication credentials invalid")
        self.check_detail(7, 17, "MAILBOX_OWNER_CHANGED", STANDARD, "5XX",
                          "RFC 7293", "Mailbox owner has changed")
        self.check_detail(7, 28, "MAIL_FLOOD", STANDARD, "",
                          "draft-levine-mailbomb-header-00",
                          "Mail flood detected")
        self.check_detail(7, 30, "REQUIRETLS_REQUIRED", STANDARD, "550",
                          "RFC 8689", "REQUIRETLS support required")
        self.check_detail(0, 0, "OTHER_UNDEFINED", STANDARD, "any",
                          "RFC 3463", "Other undefined Status")
        self.assertEqual(smtpreply.lookup_enhanced("5.1.1").description,
                         X_1_1)
        # The class does not matter to the registry.
        self.assertEqual(smtpreply.lookup_enhanced("2.1.1"),
                         smtpreply.lookup_enhanced("5.1.1"))

    def test_marks_x_6_10_deprecated(self):
        info = smtpreply.lookup_enhanced("5.6.10")
        self.assertIs(info.status, smtpreply.CodeStatus.DEPRECATED)
        self.assertEqual(info.basic_codes, "")
        self.assertEqual(info.reference, "RFC 6531")
        self.assertIs(smtpreply.lookup_enhanced("5.6.8").status,
                      smtpreply.CodeStatus.STANDARD)

    def test_holds_the_registry_details_in_order(self):
        registry = smtpreply.enhanced_codes()
        self.assertEqual(len(registry), smtpreply._smtpreply.enhanced_count())
        keys = [(e.subject, e.detail) for e in registry]
        self.assertEqual(keys, sorted(set(keys)))
        # The details of RFC 3463 and its updates, X.0.0 to X.7.30, are
        # all there.
        last = [0, 10, 4, 6, 7, 6, 10, 30]
        for subject in range(8):
            for detail in range(last[subject] + 1):
                self.assertIn((subject, detail), keys)

    def test_finds_nothing_outside_the_registry(self):
        for code in ("2.0.1", "5.1.11", "5.1.99", "5.7.31", "5.8.0", "4.9.1"):
            self.assertIsNone(smtpreply.lookup_enhanced(code), code)

    def test_describes_listed_codes_by_their_detail(self):
        self.assertEqual(smtpreply.describe_enhanced("5.1.1"), X_1_1)
        self.assertEqual(smtpreply.describe_enhanced((5, 1, 1), lang="en"),
                         X_1_1)
        self.assertEqual(EnhancedCode(5, 1, 1).describe(), X_1_1)
        self.assertEqual(
            smtpreply.describe_enhanced(b"4.2.2"),
            "No room is left in the recipient mailbox because of its quota "
            "or its size; deleting old messages there would make room")

    def test_describes_unlisted_codes_by_subject_then_class(self):
        self.assertEqual(smtpreply.describe_enhanced("5.1.99"), SUBJECT_1)
        self.assertEqual(
            smtpreply.describe_enhanced("4.9.1"),
            "The message itself is acceptable, but a temporary condition "
            "that lasted too long delayed or stopped its delivery; a later "
            "attempt may succeed")
        self.assertEqual(
            smtpreply.describe_enhanced("2.999.999"),
            "The delivery action being reported succeeded; a detail code may "
            "mention changes made to the message on the way")
        # Invalid codes raise rather than describe.
        self.assertError("EENHANCED_CLASS", None, smtpreply.describe_enhanced,
                         (6, 1, 1))
        self.assertError("EENHANCED_DIGITS", None,
                         smtpreply.describe_enhanced, (5, 1000, 1))
        self.assertError("EENHANCED_CLASS", None, smtpreply.describe_enhanced,
                         "6.1.1", error=smtpreply.ParseError)

    def test_tells_whether_basic_and_enhanced_agree(self):
        agrees = smtpreply.enhanced_agrees
        self.assertIs(agrees(550, "5.1.1"), True)
        self.assertIs(agrees(554, (5, 7, 1)), True)
        self.assertIs(agrees(550, "4.2.2"), False)
        self.assertIs(agrees(250, "5.1.1"), False)
        self.assertIs(agrees(452, "4.2.2"), True)
        self.assertIs(agrees(452, "5.1.1"), False)
        self.assertIs(agrees(250, "2.0.0"), True)
        # 1yz and 3yz go with 2.X.X.
        self.assertIs(agrees(354, "2.0.0"), True)
        self.assertIs(agrees(334, "2.0.0"), True)
        self.assertIs(agrees(110, "2.0.0"), True)
        self.assertIs(agrees(354, "5.1.1"), False)
        self.assertIs(agrees("354", EnhancedCode(4, 2, 2)), False)

    def test_refuses_to_compare_invalid_codes(self):
        agrees = smtpreply.enhanced_agrees
        self.assertError("EBAD_CLASS", None, agrees, 650, "5.1.1")
        self.assertError("EBAD_CATEGORY", None, agrees, 570, "5.1.1")
        self.assertError("EBAD_CODE", None, agrees, 5500, "5.1.1")
        self.assertError("EBAD_CODE", None, agrees, 0, "5.1.1")
        self.assertError("EENHANCED_CLASS", None, agrees, 550, (6, 1, 1))
        self.assertError("EENHANCED_DIGITS", None, agrees, 550, (5, 1, 1000))


if __name__ == "__main__":
    taprunner.main()
