# t-errors.py -- smtpreply.Error and ParseError.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""The error classes: kind, message, errno, line and offset, their place in
the hierarchy, and how they print and pickle."""

import pickle

import taprunner
import smtpreply


class Errors(taprunner.TestCase):

    def test_error_carries_kind_message_and_errno(self):
        error = self.assertError("EBAD_CODE",
                                 "A reply code is exactly three digits",
                                 smtpreply.describe, 42)
        self.assertEqual(error.errno, -10)
        self.assertEqual(repr(error), "Error('EBAD_CODE', "
                         "'A reply code is exactly three digits')")
        self.assertIsInstance(error, Exception)
        self.assertNotIsInstance(error, ValueError)

    def test_parse_error_is_an_error_and_a_value_error(self):
        self.assertTrue(issubclass(smtpreply.ParseError, smtpreply.Error))
        self.assertTrue(issubclass(smtpreply.ParseError, ValueError))
        parser = smtpreply.Parser()
        with self.assertRaises(ValueError) as caught:
            parser.feed(b"250 ok\r\n650 no\r\n")
        error = caught.exception
        self.assertIsInstance(error, smtpreply.ParseError)
        self.assertIsInstance(error, smtpreply.Error)
        self.assertEqual((error.kind, error.errno, error.line, error.offset),
                         ("EBAD_CLASS", -11, 2, 8))
        self.assertEqual(str(error),
                         "The first digit of a reply code must be 1 to 5")
        self.assertEqual(repr(error), "ParseError('EBAD_CLASS', 'The first "
                         "digit of a reply code must be 1 to 5', line=2, "
                         "offset=8)")
        self.assertEqual(len(error.replies), 1)

    def test_errors_pickle(self):
        error = smtpreply.Error("EBAD_CODE", "message", -10)
        copy = pickle.loads(pickle.dumps(error))
        self.assertEqual((copy.kind, copy.message, copy.errno),
                         ("EBAD_CODE", "message", -10))
        error = smtpreply.ParseError("ENUL", "nul", -40, 3, 17)
        copy = pickle.loads(pickle.dumps(error))
        self.assertIsInstance(copy, smtpreply.ParseError)
        self.assertEqual((copy.kind, copy.message, copy.errno, copy.line,
                          copy.offset), ("ENUL", "nul", -40, 3, 17))

    def test_every_error_of_the_library_has_a_kind(self):
        # The kinds are the names of smtpreply-errors.def without the
        # SMTPREPLY_ prefix.
        kinds = {
            -1: "EINVAL", -2: "ENOMEM", -3: "ENOSPC", -10: "EBAD_CODE",
            -11: "EBAD_CLASS", -12: "EBAD_CATEGORY",
            -20: "EENHANCED_SYNTAX", -21: "EENHANCED_PARTS",
            -22: "EENHANCED_CLASS", -23: "EENHANCED_ZERO",
            -24: "EENHANCED_DIGITS", -40: "ENUL", -41: "ELINE_TOO_LONG",
            -42: "ETOO_MANY_LINES", -43: "EREPLY_TOO_LONG",
            -44: "ETRUNCATED", -64: "ECODE_MISMATCH", -65: "EBARE_CODE",
            -66: "ENO_SPACE", -67: "EBARE_LF", -68: "ECONTROL",
            -69: "EEIGHT_BIT", -70: "EENHANCED_MISMATCH",
            -71: "EENHANCED_INCONSISTENT", -72: "EENHANCED_INVALID",
            -73: "EPRELIMINARY", -90: "EBAD_LANG", -91: "ENO_CATALOG",
            -92: "ECATALOG_IO", -93: "ECATALOG_TRUNCATED",
            -94: "ECATALOG_MAGIC", -95: "ECATALOG_REVISION",
            -96: "ECATALOG_BOUNDS", -97: "ECATALOG_CORRUPT",
            -98: "ECATALOG_CHARSET",
        }
        for errno, kind in kinds.items():
            self.assertEqual(smtpreply.errname(errno), "SMTPREPLY_" + kind)
            self.assertNotEqual(smtpreply.strerror(errno),
                                "Unknown error code")
        self.assertEqual(smtpreply.strerror(-2), "Out of memory")
        self.assertEqual(smtpreply.strerror(-3),
                         "The output buffer is too small")

    def test_errors_of_the_strict_parser_name_their_flag(self):
        for flag in smtpreply.Flag:
            parser = smtpreply.Parser(strict=flag)
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
            }[flag.name]
            error = self.assertError("E" + flag.name, flag.describe(),
                                     smtpreply.parse, data,
                                     strict=flag, error=smtpreply.ParseError)
            self.assertEqual(error.kind, flag.kind)
            self.assertEqual(parser.feed(b"250 ok\r\n")[0].code, 250)


if __name__ == "__main__":
    taprunner.main()
