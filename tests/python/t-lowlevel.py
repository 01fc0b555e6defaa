# t-lowlevel.py -- the low-level module _smtpreply that SWIG generates.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""The typemaps of bindings/python/smtpreply-python.i: bytes in,
out-parameters out, errors raised, the header's comments as docstrings."""

import taprunner
import smtpreply
import _smtpreply as L


class LowLevel(taprunner.TestCase):

    def test_names_functions_without_the_prefix(self):
        for name in ("reply_lookup", "reply_describe_lang", "code_check",
                     "parser_new", "parser_feed", "response_line", "extract",
                     "advise", "display_safe", "language_at", "version"):
            self.assertTrue(callable(getattr(L, name)), name)
        self.assertEqual(L.EBAD_CODE, -10)
        self.assertEqual(L.ETRUNCATED, -44)
        self.assertEqual(L.FLAG_BARE_LF, 8)
        self.assertEqual(L.READY, 1)
        self.assertEqual(L.STAGE_RCPT, 4)
        self.assertEqual(L.DOMAIN, "smtpreply")
        self.assertEqual(L.VERSION, L.version())

    def test_documents_functions_with_the_headers_comments(self):
        self.assertIn("Describe CODE in language LANG",
                      L.reply_describe_lang.__doc__)
        self.assertIn("Read bytes from the LEN at BUF", L.parser_feed.__doc__)
        self.assertIn("GIL", L.parser_feed_all.__doc__)
        self.assertIn("Use the smtpreply module", L.__doc__)

    def test_returns_read_only_table_entries(self):
        entry = L.reply_lookup(550)
        self.assertEqual((entry.code, entry.name, entry.title),
                         (550, "MAILBOX_UNAVAILABLE", "Mailbox unavailable"))
        with self.assertRaises(AttributeError):
            entry.name = "OK"
        self.assertIsNone(L.reply_lookup(259))
        self.assertEqual(L.class_lookup(5).name, "PERMANENT_NEGATIVE")
        self.assertEqual(L.enhanced_lookup(1, 1).basic_codes, "451 550")
        self.assertEqual(L.reply_at(0).code, 211)
        self.assertIsNone(L.reply_at(45))

    def test_raises_for_a_negative_status_and_gives_bools(self):
        self.assertIsNone(L.code_check(550))
        self.assertError("EBAD_CLASS", None, L.code_check, 650)
        self.assertIs(L.code_is_permanent(550), True)
        self.assertIs(L.code_is_permanent(250), False)
        # A predicate is true or false, never an error.
        self.assertIs(L.code_is_permanent(2500), False)
        self.assertError("EINVAL", None, L.enhanced_check, None)

    def test_returns_out_parameters(self):
        self.assertEqual(L.code_parse(b"550"), 550)
        error = self.assertError("EBAD_CODE", None, L.code_parse, "5x0",
                                 error=smtpreply.ParseError)
        self.assertEqual((error.line, error.offset), (None, 1))
        self.assertEqual(L.enhanced_parse("5.1.10"), (5, 1, 10))
        error = self.assertError("EENHANCED_ZERO", None, L.enhanced_parse,
                                 "5.01.1", error=smtpreply.ParseError)
        self.assertEqual(error.offset, 2)
        self.assertEqual(L.enhanced_format((5, 999, 999)), "5.999.999")
        self.assertEqual(L.enhanced_format("4.7.1"), "4.7.1")
        self.assertEqual(L.enhanced_format(bytearray(b"4.7.1")), "4.7.1")
        self.assertEqual(L.enhanced_format(memoryview(b"5.1.1")), "5.1.1")
        self.assertError("EENHANCED_CLASS", None, L.enhanced_format, (3, 1, 1))
        advice = L.advise(552, None, L.STAGE_RCPT)
        self.assertEqual((advice.rule, advice.action),
                         ("RCPT_552_AS_452", L.ACTION_RETRY))
        self.assertEqual(L.extract(b"x: 451 4.7.1 later"), {
            "found": L.MATCH_CODE | L.MATCH_ENHANCED, "code": 451,
            "code_offset": 3, "enhanced": (4, 7, 1), "enhanced_offset": 7,
            "enhanced_length": 5, "text_offset": 13})
        self.assertEqual(L.extract(b"nothing")["found"], 0)
        self.assertEqual(L.display_safe(b"a\x1b[1mb\x00"), "ab\\x00")

    def test_drives_the_parser_by_hand(self):
        p = L.parser_new()
        try:
            data = b"250-first\r\n250 2.0.0 caf\xc3\xa9\xff\r\n"
            self.assertEqual(L.parser_feed(p, data), [L.READY, len(data)])
            r = L.parser_reply(p)
            self.assertEqual(L.response_code(r), 250)
            self.assertEqual(L.response_line_count(r), 2)
            self.assertEqual(L.response_line(r, 0), b"first")
            self.assertEqual(L.response_line(r, 1), b"2.0.0 caf\xc3\xa9\xff")
            self.assertEqual(L.response_message(r, 1), b"caf\xc3\xa9\xff")
            self.assertIsNone(L.response_line(r, 2))
            self.assertIsNone(L.response_enhanced(r))
            self.assertEqual(L.response_flags(r),
                             L.FLAG_EIGHT_BIT | L.FLAG_ENHANCED_INCONSISTENT)
            self.assertEqual((L.response_offset(r),
                              L.response_line_number(r)), (0, 1))
            self.assertEqual(L.parser_feed(p, b"550 5.1.1 x\r\n"),
                             [L.READY, 13])
            self.assertEqual(L.response_enhanced(L.parser_reply(p)),
                             (5, 1, 1))
            self.assertEqual(L.parser_feed(p, b"999 x\r\n250 y"),
                             [L.EBAD_CLASS, 7])
            self.assertIsNone(L.parser_reply(p))
            self.assertEqual((L.parser_error_line(p),
                              L.parser_error_offset(p)), (4, 42))
            self.assertEqual(L.parser_feed(p, b"250 y"), [0, 5])
            error = self.assertError("ETRUNCATED", None, L.parser_finish, p,
                                     error=smtpreply.ParseError)
            self.assertEqual((error.line, error.offset), (5, 54))
            self.assertEqual(L.parser_get_limit(p, L.LIMIT_LINES), 1000)
            self.assertIsNone(L.parser_set_limit(p, L.LIMIT_LINES, 3))
            self.assertError("EINVAL", None, L.parser_set_limit, p,
                             L.LIMIT_LINES, 0)
            self.assertIsNone(L.parser_set_strict(p, L.FLAG_BARE_LF))
            L.parser_reset(p)
        finally:
            L.parser_free(p)

    def test_feeds_all_in_one_call(self):
        p = L.parser_new()
        try:
            replies, used, rc, line, offset = L.parser_feed_all(
                p, "250 a\r\n550-5.1.1 b\r\n550 5.1.1 c\r\n2")
            self.assertEqual(replies, [
                (250, None, 0, (b"a",), (b"a",), 0, 1),
                (550, "5.1.1", 0, (b"5.1.1 b", b"5.1.1 c"), (b"b", b"c"), 7,
                 2)])
            self.assertEqual((used, rc, line, offset), (34, 0, 0, 0))
            replies, used, rc, line, offset = L.parser_feed_all(
                p, b"x0 no\r\n251 ok\r\n")
            # The bad byte is reported at once and taken with the error.
            self.assertEqual((replies, used, rc, line, offset),
                             ([], 1, L.EBAD_CODE, 4, 34))
        finally:
            L.parser_free(p)


if __name__ == "__main__":
    taprunner.main()
