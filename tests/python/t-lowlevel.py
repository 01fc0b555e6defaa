# t-lowlevel.py -- the low-level extension smtpreply._smtpreply.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""The typemaps of bindings/python/smtpreply-python.i: bytes in,
out-parameters out, errors raised, the header's comments as docstrings;
and the objects of smtpreply-python.c, which own their C state, so that
no sequence of calls frees it twice or uses it after it was freed."""

import gc

import taprunner
import smtpreply
from smtpreply import _smtpreply as L


class LowLevel(taprunner.TestCase):

    def test_names_functions_without_the_prefix(self):
        for name in ("reply_lookup", "reply_describe_lang", "code_check",
                     "extract", "classify", "advise", "display_safe",
                     "language_at", "language_negotiate", "token_value",
                     "catalog_dir_set", "check_version", "version"):
            self.assertTrue(callable(getattr(L, name)), name)
        self.assertEqual(L.EBAD_CODE, -10)
        self.assertEqual(L.ETRUNCATED, -44)
        self.assertEqual(L.ESUMMARY_JSON, -100)
        self.assertEqual(L.FLAG_BARE_LF, 8)
        self.assertEqual(L.READY, 1)
        self.assertEqual(L.STAGE_RCPT, 4)
        self.assertEqual(L.TOKEN_REASON, 7)
        self.assertEqual(L.DOMAIN, "smtpreply")
        self.assertEqual(L.VERSION, L.version())

    def test_has_no_raw_pointer_to_free(self):
        # What owns memory is an object; its constructor and destructor,
        # and the functions that take its pointer, are not in the module.
        for name in ("parser_new", "parser_free", "parser_feed",
                     "parser_finish", "parser_reply", "response_line",
                     "summary_new", "summary_free", "summary_merge",
                     "log_record_new", "log_record_free", "log_read",
                     "free", "parser_scan"):
            self.assertFalse(hasattr(L, name), name)

    def test_documents_functions_with_the_headers_comments(self):
        self.assertIn("Describe CODE in language LANG",
                      L.reply_describe_lang.__doc__)
        self.assertIn("Choose DIR as the folder of the catalogs",
                      L.catalog_dir_set.__doc__)
        self.assertIn("Use the smtpreply package", L.__doc__)
        self.assertIn("ParseError", L.describe.__doc__)
        self.assertIn("stream order", L.Parser.feed.__doc__)

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
        self.assertIsNone(L.reply_at(L.reply_count()))
        self.assertEqual(L.reason_lookup("MAILBOXFULL").name, "mailboxfull")
        self.assertEqual(L.rule_at(0).reason.name,
                         L.reason_at(L.rule_at(0).reason.index).name)

    def test_raises_for_a_negative_status_and_gives_bools(self):
        self.assertIsNone(L.code_check(550))
        self.assertError("EBAD_CLASS", None, L.code_check, 650)
        self.assertIs(L.code_is_permanent(550), True)
        self.assertIs(L.code_is_permanent(250), False)
        # A predicate is true or false, never an error.
        self.assertIs(L.code_is_permanent(2500), False)
        self.assertError("EINVAL", None, L.enhanced_check, None)
        self.assertError("EINVAL", None, L.token_value, L.TOKEN_STAGE,
                         "later")
        self.assertError("EBUSY", "It is too late to change this setting",
                         L.catalog_dir_set, "/nonexistent")

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
        self.assertEqual(L.extract(b"x: 451 4.7.1 later"),
                         (L.MATCH_CODE | L.MATCH_ENHANCED, 451, 3, (4, 7, 1),
                          7, 5, 13))
        self.assertIsNone(L.extract(b"nothing"))
        self.assertEqual(L.display_safe(b"a\x1b[1mb\x00"), "ab\\x00")
        self.assertEqual(L.stage_find(b"(in reply to RCPT TO command)"),
                         L.STAGE_RCPT)
        self.assertEqual(L.token_value(L.TOKEN_ACTION, "GIVE_UP"),
                         L.ACTION_GIVE_UP)
        self.assertEqual(L.token_items(L.TOKEN_MTA)[:2],
                         [("unknown", 0), ("postfix", 1)])

    def test_parser_objects_free_once(self):
        p = L.Parser()
        self.assertEqual(p.feed(b"250 ok\r\n")[0].code, 250)
        p.close()
        p.close()
        self.assertRaises(ValueError, p.feed, b"250 ok\r\n")
        self.assertRaises(ValueError, p.finish)
        self.assertRaises(ValueError, p.reset)
        self.assertRaises(ValueError, getattr, p, "max_lines")
        del p
        gc.collect()
        # Made without __init__, as pickle or a subclass may.
        p = L.Parser.__new__(L.Parser)
        self.assertEqual(p.max_line_length, 512)
        p.__init__(max_line_length=1000)
        p.__init__(max_line_length=2000)
        self.assertEqual(p.max_line_length, 2000)
        # A method of one type does not take an object of another.
        s = L.Summary()
        self.assertRaises(TypeError, L.Parser.feed, s, b"250 ok\r\n")
        self.assertRaises(TypeError, L.Parser.close, s)
        self.assertRaises(TypeError, L.Summary.merge, p, s)
        self.assertRaises(TypeError, L.Summary.to_json, p)
        self.assertRaises(TypeError, L.Reply._restore, int, 250, 0, None, 0,
                          1, 1, b"x")
        self.assertRaises(ValueError, L.Reply._restore, L.Reply, 250, 0,
                          None, 0, 1, 2, b"x")

    def test_a_finalizer_inside_a_call_cannot_free_the_parser(self):
        # An error made during feed() may trigger the garbage collector,
        # which runs finalizers; one that uses the same parser is refused,
        # not given freed memory.
        parser = L.Parser()
        seen = []

        class Trap:
            def __del__(self):
                try:
                    parser.close()
                    seen.append("closed")
                except RuntimeError as e:
                    seen.append(str(e))

        old = gc.get_threshold()
        gc.set_threshold(1)
        try:
            for _ in range(50):
                trap = Trap()
                trap.cycle = trap
                del trap
                events = parser.feed(b"250 a\r\n999 b\r\n" * 20)
                self.assertEqual(len(events), 40)
                if seen:
                    break
        finally:
            gc.set_threshold(*old)
            gc.collect()
        self.assertEqual(seen[0],
                         "the Parser is in use by a call of this thread")
        self.assertIs(parser.closed, False)


if __name__ == "__main__":
    taprunner.main()
