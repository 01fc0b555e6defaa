# t-errors.py -- smtpreply.Error and ParseError, and what raises them.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""The error classes: kind, message, errno, line and offset, their place in
the hierarchy, how they print, compare and pickle; the kinds are the
library's tokens; invalid values raise ValueError subclasses and wrong
types TypeError."""

import pickle

import taprunner
import smtpreply

lib = smtpreply._smtpreply


class Errors(taprunner.TestCase):

    def test_error_is_a_value_error_with_kind_message_and_errno(self):
        error = self.assertError("EBAD_CODE",
                                 "A reply code is exactly three digits",
                                 smtpreply.describe, 42)
        self.assertEqual(error.errno, -10)
        self.assertEqual(repr(error), "Error('EBAD_CODE', "
                         "'A reply code is exactly three digits')")
        self.assertIsInstance(error, ValueError)
        self.assertIs(type(error), smtpreply.Error)

    def test_parse_error_is_an_error_and_an_event(self):
        self.assertTrue(issubclass(smtpreply.ParseError, smtpreply.Error))
        self.assertTrue(issubclass(smtpreply.ParseError, ValueError))
        [reply, error] = smtpreply.Parser().feed(b"250 ok\r\n650 no\r\n")
        self.assertIs(reply.is_error, False)
        self.assertIs(error.is_error, True)
        self.assertIsInstance(error, smtpreply.ParseError)
        self.assertEqual((error.kind, error.errno, error.line, error.offset),
                         ("EBAD_CLASS", -11, 2, 8))
        self.assertEqual(str(error),
                         "The first digit of a reply code must be 1 to 5")
        self.assertEqual(repr(error), "ParseError('EBAD_CLASS', 'The first "
                         "digit of a reply code must be 1 to 5', line=2, "
                         "offset=8)")
        # It can be raised, as any exception.
        with self.assertRaises(ValueError):
            raise error

    def test_parse_errors_compare_by_value(self):
        a = smtpreply.ParseError("ENUL", "nul", -40, 3, 17)
        self.assertEqual(a, smtpreply.ParseError("ENUL", "nul", -40, 3, 17))
        self.assertNotEqual(a, smtpreply.ParseError("ENUL", "nul", -40, 3,
                                                    18))
        self.assertEqual(hash(a), hash(smtpreply.ParseError("ENUL", "nul",
                                                            -40, 3, 17)))
        self.assertNotEqual(a, ("ENUL", "nul", -40, 3, 17))

    def test_errors_pickle(self):
        error = smtpreply.Error("EBAD_CODE", "message", -10)
        copy = pickle.loads(pickle.dumps(error))
        self.assertEqual((copy.kind, copy.message, copy.errno),
                         ("EBAD_CODE", "message", -10))
        error = smtpreply.ParseError("ENUL", "nul", -40, 3, 17)
        copy = pickle.loads(pickle.dumps(error))
        self.assertIsInstance(copy, smtpreply.ParseError)
        self.assertEqual(copy, error)
        [event] = smtpreply.parse(b"250 a\0\r\n")
        self.assertEqual(pickle.loads(pickle.dumps(event)), event)

    def test_kinds_are_the_tokens_of_the_library(self):
        kinds = list(smtpreply.ErrorKind)
        self.assertEqual(len(kinds), lib.token_count(lib.TOKEN_ERROR))
        for kind in kinds:
            self.assertEqual(str(kind),
                             lib.token_name(lib.TOKEN_ERROR, int(kind)))
            self.assertNotEqual(smtpreply.strerror(int(kind)),
                                "Unknown error code")
            self.assertEqual(kind.describe(), smtpreply.strerror(int(kind)))
        # The kinds of the C header's enum, a few by their numbers.
        self.assertEqual(
            [str(smtpreply.ErrorKind(n)) for n in (-1, -10, -44, -67, -90,
                                                   -100)],
            ["EINVAL", "EBAD_CODE", "ETRUNCATED", "EBARE_LF", "EBAD_LANG",
             "ESUMMARY_JSON"])
        self.assertEqual(smtpreply.strerror(-2), "Out of memory")
        self.assertEqual(smtpreply.strerror(-3),
                         "The output buffer is too small")
        # The errors raised carry them.
        cases = [
            (lambda: smtpreply.describe(650), "EBAD_CLASS"),
            (lambda: smtpreply.describe(470), "EBAD_CATEGORY"),
            (lambda: smtpreply.parse_enhanced("5.01.1"), "EENHANCED_ZERO"),
            (lambda: smtpreply.check_enhanced((6, 1, 1)), "EENHANCED_CLASS"),
            (lambda: smtpreply.check_language("xx"), "ENO_CATALOG"),
            (lambda: smtpreply.Summary.from_json("{}"), "ESUMMARY_JSON"),
            (lambda: smtpreply.advise(None), "EINVAL"),
        ]
        for call, kind in cases:
            self.assertError(kind, None, call)
            self.assertIn(kind, [str(k) for k in kinds])

    def test_errors_of_the_strict_parser_name_their_flag(self):
        data = {
            "CODE_MISMATCH": b"250-a\r\n251 b\r\n",
            "BARE_CODE": b"250\r\n",
            "NO_SPACE": b"250x\r\n",
            "BARE_LF": b"250 a\n",
            "CONTROL": b"250 \x01\r\n",
            "EIGHT_BIT": b"250 \x80\r\n",
            "ENHANCED_MISMATCH": b"250 5.1.1 a\r\n",
            "ENHANCED_INCONSISTENT": b"250-2.0.0 a\r\n250 2.1.0 b\r\n",
            "ENHANCED_INVALID": b"250 2.01.0 a\r\n",
            "PRELIMINARY": b"110 a\r\n",
        }
        self.assertEqual(set(data), {f.name for f in smtpreply.Flag})
        for flag in smtpreply.Flag:
            parser = smtpreply.Parser(strict=flag)
            [error] = parser.feed(data[flag.name])
            self.assertEqual((error.kind, error.message),
                             ("E" + flag.name, flag.describe()))
            self.assertEqual(error.kind, flag.kind)
            self.assertEqual(parser.feed(b"250 ok\r\n")[0].code, 250)

    def test_wrong_types_raise_type_error(self):
        calls = [
            lambda: smtpreply.extract(5),
            lambda: smtpreply.describe(5.5),
            lambda: smtpreply.describe([550]),
            lambda: smtpreply.lookup(None),
            lambda: smtpreply.parse_code(550),
            lambda: smtpreply.parse_enhanced((5, 1, 1)),
            lambda: smtpreply.describe_enhanced(5.1),
            lambda: smtpreply.describe_enhanced((5, 1)),
            lambda: smtpreply.Parser().feed(250),
            lambda: smtpreply.Parser().feed([b"250 ok\r\n"]),
            lambda: smtpreply.Parser(strict="BARE_LF"),
            lambda: smtpreply.display_safe(None),
            lambda: smtpreply.classify(5),
            lambda: smtpreply.classify("x", code=5.5),
            lambda: smtpreply.classify("x", stage=4.0),
            lambda: smtpreply.find_stage(3),
            lambda: smtpreply.lookup_reason(5),
            lambda: smtpreply.lookup_rule(5),
            lambda: smtpreply.annotate_lines(5),
            lambda: smtpreply.annotate_lines([5]),
            lambda: smtpreply.Summary().add_lines(5),
            lambda: smtpreply.Summary().merge("x"),
            lambda: smtpreply.Summary.from_json(5),
            lambda: smtpreply.Summary(True),
            lambda: lib.reply_describe_lang("550", None),
            lambda: lib.display_safe(5),
            lambda: lib.code_parse(550),
        ]
        for call in calls:
            self.assertRaises(TypeError, call)

    def test_out_of_range_values_are_errors_not_crashes(self):
        self.assertError("EBAD_CODE", None, smtpreply.describe, 1 << 80)
        self.assertError("EBAD_CODE", None, smtpreply.describe, -(1 << 80))
        self.assertError("EBAD_CODE", None, smtpreply.is_failure, 1 << 80)
        self.assertError("EENHANCED_DIGITS", None, smtpreply.check_enhanced,
                         (5, 1 << 40, 1))
        self.assertRaises(OverflowError, lib.reply_describe_lang, 1 << 80,
                          None)
        self.assertError("EINVAL", None, smtpreply.Summary().render, 7)
        self.assertError("EINVAL", None, smtpreply.Summary().render, "html")


if __name__ == "__main__":
    taprunner.main()
