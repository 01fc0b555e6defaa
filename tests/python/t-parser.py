# t-parser.py -- the incremental reply parser from Python.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Replies, flags, errors returned in stream order with their line and
offset, limits, strict mode, and reading from files and sockets."""

import io
import os
import pickle
import socket
import threading

import taprunner
import smtpreply

Flag = smtpreply.Flag
Parser = smtpreply.Parser

# A session as Gmail answers it, with CRLF line endings.
SESSION = (
    b"220 mx.google.com ESMTP ready\r\n"
    b"250-mx.google.com at your service, [192.0.2.25]\r\n"
    b"250-SIZE 157286400\r\n"
    b"250-8BITMIME\r\n"
    b"250 SMTPUTF8\r\n"
    b"250 2.1.0 OK\r\n"
    b"550-5.1.1 The email account that you tried to reach does not exist. "
    b"Please try\r\n"
    b"550-5.1.1 double-checking the recipient's email address for typos or\r\n"
    b"550-5.1.1 unnecessary spaces. For more information, go to\r\n"
    b"550 5.1.1  https://support.google.com/mail/?p=NoSuchUser - gsmtp\r\n"
    b"250 2.1.5 OK\r\n"
    b"354  Go ahead\r\n"
    b"451 4.7.1 Please try again later\r\n"
    b"221 2.0.0 closing connection\r\n")


class Replies(taprunner.TestCase):

    def test_reads_a_one_line_reply(self):
        [reply] = Parser().feed(b"250 OK\r\n")
        self.assertEqual(reply.code, 250)
        self.assertIsNone(reply.enhanced)
        self.assertIsNone(reply.enhanced_code)
        self.assertEqual(reply.lines, ["OK"])
        self.assertEqual(reply.raw_lines, [b"OK"])
        self.assertEqual(reply.messages, ["OK"])
        self.assertEqual(reply.text, "OK")
        self.assertEqual(reply.flags, Flag(0))
        self.assertIsInstance(reply.flags, Flag)
        self.assertEqual(reply.offset, 0)
        self.assertEqual(reply.line, 1)
        self.assertIs(reply.is_success, True)
        self.assertIs(reply.is_failure, False)

    def test_reads_a_multiline_reply_with_its_enhanced_code(self):
        replies = Parser().feed(SESSION)
        self.assertEqual([r.code for r in replies],
                         [220, 250, 250, 550, 250, 354, 451, 221])
        reply = replies[3]
        self.assertEqual(reply.code, 550)
        self.assertEqual(reply.enhanced, "5.1.1")
        self.assertEqual(reply.enhanced_code, (5, 1, 1))
        self.assertEqual(reply.lines, [
            "5.1.1 The email account that you tried to reach does not exist. "
            "Please try",
            "5.1.1 double-checking the recipient's email address for typos or",
            "5.1.1 unnecessary spaces. For more information, go to",
            "5.1.1  https://support.google.com/mail/?p=NoSuchUser - gsmtp"])
        self.assertEqual(reply.raw_lines[2],
                         b"5.1.1 unnecessary spaces. For more information, "
                         b"go to")
        self.assertEqual(
            reply.text,
            "The email account that you tried to reach does not exist. "
            "Please try\n"
            "double-checking the recipient's email address for typos or\n"
            "unnecessary spaces. For more information, go to\n"
            " https://support.google.com/mail/?p=NoSuchUser - gsmtp")
        self.assertEqual(reply.flags, Flag(0))
        self.assertEqual(reply.offset, 142)
        self.assertEqual(reply.line, 7)
        self.assertIs(reply.is_permanent, True)
        self.assertIs(reply.is_transient, False)
        self.assertIs(reply.reply_class,
                      smtpreply.ReplyClass.PERMANENT_NEGATIVE)
        self.assertIs(reply.category, smtpreply.Category.MAIL_SYSTEM)
        self.assertEqual(
            reply.describe(),
            "The requested action was not taken: the mailbox is unavailable "
            "(not found, no access, or refused by local policy)")
        self.assertEqual(
            reply.describe_enhanced(),
            "The recipient mailbox, the part of the address before the @, "
            "does not exist at the destination system")
        self.assertEqual(replies[5].text, " Go ahead")
        self.assertIs(replies[5].is_intermediate, True)
        self.assertIs(replies[6].is_transient, True)
        self.assertIsNone(replies[0].describe_enhanced())

    def test_shows_a_readable_repr(self):
        [reply] = Parser().feed(b"550-5.1.1 No such user\r\n550 5.1.1 here\n")
        self.assertEqual(repr(reply),
                         "<Reply 550 5.1.1 'No such user' (2 lines) "
                         "flags=BARE_LF line=1>")
        [reply] = Parser().feed(b"250 " + b"x" * 70 + b"\r\n")
        self.assertEqual(repr(reply),
                         "<Reply 250 '" + "x" * 59 + "\u2026' line=1>")

    def test_replaces_invalid_utf8_but_keeps_the_raw_bytes(self):
        [reply] = Parser().feed(b"550 5.7.1 caf\xc3\xa9 \xff\xfe\r\n")
        self.assertEqual(reply.lines, ["5.7.1 caf\u00e9 \ufffd\ufffd"])
        self.assertEqual(reply.raw_lines, [b"5.7.1 caf\xc3\xa9 \xff\xfe"])
        self.assertEqual(reply.text, "caf\u00e9 \ufffd\ufffd")
        self.assertEqual(reply.flags, Flag.EIGHT_BIT)

    def test_takes_str_bytearray_and_memoryview(self):
        text = SESSION.decode("ascii")
        self.assertEqual(Parser().feed(text), Parser().feed(SESSION))
        self.assertEqual(Parser().feed(bytearray(SESSION)),
                         Parser().feed(SESSION))
        self.assertEqual(Parser().feed(memoryview(SESSION)),
                         Parser().feed(SESSION))
        [reply] = Parser().feed("250 caf\u00e9\r\n")
        self.assertEqual(reply.raw_lines, [b"caf\xc3\xa9"])
        self.assertRaises(TypeError, Parser().feed, 250)



class Flags(taprunner.TestCase):

    def check(self, data, flags, lines=None):
        [reply] = Parser().feed(data)
        self.assertEqual(reply.flags, flags, data)
        if lines is not None:
            self.assertEqual(reply.lines, lines)
        return reply

    def test_flags_each_deviation_on_the_reply(self):
        self.check(b"250-a\r\n251 b\r\n", Flag.CODE_MISMATCH, ["a", "b"])
        self.check(b"250\r\n", Flag.BARE_CODE, [""])
        self.check(b"334\r\n", Flag.BARE_CODE, [""])
        self.check(b"250ok\r\n", Flag.NO_SPACE, ["ok"])
        self.check(b"250 ok\n", Flag.BARE_LF, ["ok"])
        self.check(b"250 a\x01b\r\n", Flag.CONTROL, ["a\x01b"])
        self.check(b"250 \xc3\xa9\r\n", Flag.EIGHT_BIT, ["\u00e9"])
        reply = self.check(b"550 2.1.1 x\r\n", Flag.ENHANCED_MISMATCH)
        self.assertEqual(reply.enhanced, "2.1.1")
        self.check(b"550-5.1.1 a\r\n550 5.1.2 b\r\n",
                   Flag.ENHANCED_INCONSISTENT)
        self.check(b"550-5.1.1 a\r\n550 b\r\n", Flag.ENHANCED_INCONSISTENT)
        reply = self.check(b"550 5.01.1 x\r\n", Flag.ENHANCED_INVALID)
        self.assertIsNone(reply.enhanced)
        self.assertEqual(reply.text, "5.01.1 x")
        reply = self.check(b"110 x\r\n", Flag.PRELIMINARY)
        self.assertIs(reply.is_preliminary, True)
        self.check(b"250-a\n251 \x7f\r\n",
                   Flag.BARE_LF | Flag.CODE_MISMATCH | Flag.CONTROL)
        self.assertIn(Flag.BARE_LF, Parser().feed(b"250 ok\n")[0].flags)

    def test_names_flags_by_their_tokens(self):
        [reply] = Parser().feed(b"250-a\n251 \x7f\r\n")
        self.assertEqual(str(reply.flags), "CODE_MISMATCH|BARE_LF|CONTROL")
        self.assertEqual(str(Flag(0)), "")
        self.assertEqual(str(Flag.EIGHT_BIT), "EIGHT_BIT")
        self.assertEqual("%s" % Flag.BARE_LF, "BARE_LF")
        self.assertEqual(Flag.BARE_LF.kind, "EBARE_LF")
        self.assertEqual(Flag.BARE_LF.describe(),
                         "A line ends in LF without CR")

    def test_makes_flags_errors_in_strict_mode(self):
        parser = Parser(strict=Flag.BARE_LF)
        self.assertEqual(parser.strict, Flag.BARE_LF)
        self.assertIsInstance(parser.strict, Flag)
        [error] = parser.feed(b"250 ok\n")
        self.assertEqual(error, smtpreply.ParseError(
            "EBARE_LF", "A line ends in LF without CR", -67, 1, 6))
        # Other flags stay flags.
        [reply] = parser.feed(b"250 \xc3\xa9\r\n")
        self.assertEqual(reply.flags, Flag.EIGHT_BIT)
        # True: every flag.
        parser = Parser(strict=True)
        self.assertEqual(parser.strict, Flag(smtpreply._smtpreply.flag_all()))
        events = parser.feed(b"250 ok\r\n250 \xc3\xa9\r\n251 ok\r\n")
        self.assertEqual([e.is_error for e in events], [False, True, False])
        self.assertEqual((events[1].kind, events[1].message, events[1].line,
                          events[1].offset),
                         ("EEIGHT_BIT", "The text contains bytes outside "
                          "ASCII", 2, 12))
        parser.strict = False
        self.assertEqual(parser.feed(b"250 \xc3\xa9\r\n")[0].flags,
                         Flag.EIGHT_BIT)
        self.assertError("EINVAL", "Invalid argument", setattr, parser,
                         "strict", 0x400)
        self.assertRaises(TypeError, setattr, parser, "strict", "BARE_LF")


class Errors(taprunner.TestCase):

    def check(self, data, kind, line, offset, message=None, **options):
        parser = Parser(**options)
        errors = [e for e in parser.feed(data) + parser.finish()
                  if e.is_error]
        self.assertEqual(len(errors), 1, errors)
        [error] = errors
        self.assertIsInstance(error, smtpreply.ParseError)
        self.assertIsInstance(error, ValueError)
        self.assertEqual((error.kind, error.line, error.offset),
                         (kind, line, offset), data)
        if message is not None:
            self.assertEqual(error.message, message)
            self.assertEqual(str(error), message)
        return error

    def test_returns_errors_with_line_and_offset(self):
        self.check(b"250 ok\r\n999 bad\r\n", "EBAD_CLASS", 2, 8,
                   "The first digit of a reply code must be 1 to 5")
        self.check(b"25x ok\r\n", "EBAD_CODE", 1, 2,
                   "A reply code is exactly three digits")
        self.check(b"\r\n", "EBAD_CODE", 1, 0)
        self.check(b"260 ok\r\n", "EBAD_CATEGORY", 1, 1)
        self.check(b"250 a\x00b\r\n", "ENUL", 1, 5,
                   "The reply contains a NUL byte")
        self.check(b"250 " + b"x" * 20 + b"\r\n", "ELINE_TOO_LONG", 1, 9,
                   "The line is longer than the parser's limit",
                   max_line_length=10)
        self.check(b"250-a\r\n250-b\r\n250 c\r\n", "ETOO_MANY_LINES", 3, 14,
                   "The reply has more lines than the parser's limit",
                   max_lines=2)
        self.check(b"250-aaaa\r\n250 bbbb\r\n", "EREPLY_TOO_LONG", 2, 11,
                   "The reply is longer than the parser's limit",
                   max_reply_bytes=12)

    def test_says_its_errors_in_the_language_asked_for(self):
        error = self.check(b"999 bad\r\n", "EBAD_CLASS", 1, 0,
                           "Первая цифра кода ответа должна быть от 1 до 5",
                           lang="ru")
        self.assertEqual(error.errno, -11)
        parser = Parser()
        parser.lang = "ru"
        self.assertEqual(parser.lang, "ru")
        self.assertEqual(parser.feed(b"999 bad\r\n")[0].message,
                         "Первая цифра кода ответа должна быть от 1 до 5")
        parser.lang = None
        self.assertEqual(parser.feed(b"999 bad\r\n")[0].message,
                         "The first digit of a reply code must be 1 to 5")
        self.assertError("EBAD_LANG", None, Parser, lang="ru\0de")
        self.assertRaises(TypeError, Parser, lang=b"ru")

    def test_returns_a_stream_cut_inside_a_reply(self):
        parser = Parser()
        self.assertEqual(parser.feed(b"250-a\r\n"), [])
        [error] = parser.finish()
        self.assertEqual((error.kind, error.message, error.line,
                          error.offset),
                         ("ETRUNCATED", "The input ended inside a reply", 2,
                          7))
        self.assertEqual(parser.feed(b"250 a"), [])
        [error] = parser.finish()
        self.assertEqual((error.kind, error.line, error.offset),
                         ("ETRUNCATED", 1, 5))
        # finish() made it ready for a new stream.
        self.assertEqual(parser.feed(b"220 hi\r\n")[0].offset, 0)
        self.assertEqual(parser.finish(), [])

    def test_loses_no_reply_around_an_error(self):
        parser = Parser()
        data = b"250 one\r\n999 bad\r\n251 two\r\n252 three\r\n"
        events = parser.feed(data)
        self.assertEqual([e.kind if e.is_error else e.text for e in events],
                         ["one", "EBAD_CLASS", "two", "three"])
        self.assertEqual((events[1].line, events[1].offset), (2, 9))
        self.assertEqual(parser.finish(), [])
        # An error and the replies around it, across chunks.
        self.assertEqual(parser.feed(b"250-a\r\n2"), [])
        events = parser.feed(b"x\r\n250 b\r\n")
        self.assertEqual([e.kind if e.is_error else e.text for e in events],
                         ["EBAD_CODE", "b"])
        self.assertEqual((events[0].line, events[0].offset), (2, 8))

    def test_checks_its_limits(self):
        parser = Parser()
        self.assertEqual((parser.max_line_length, parser.max_lines,
                          parser.max_reply_bytes), (512, 1000, 65536))
        parser = Parser(max_line_length=4, max_lines=1000000,
                        max_reply_bytes=64 * 1024 * 1024)
        self.assertEqual((parser.max_line_length, parser.max_lines,
                          parser.max_reply_bytes),
                         (4, 1000000, 64 * 1024 * 1024))
        for name, value in (("max_line_length", 3),
                            ("max_line_length", 1024 * 1024 + 1),
                            ("max_lines", 0), ("max_lines", 1000001),
                            ("max_reply_bytes", 64 * 1024 * 1024 + 1),
                            ("max_reply_bytes", -1),
                            ("max_lines", 1 << 70)):
            self.assertError("EINVAL", "Invalid argument", Parser,
                             **{name: value})
            self.assertError("EINVAL", "Invalid argument", setattr,
                             Parser(), name, value)
        parser.max_lines = 2
        self.assertEqual(parser.max_lines, 2)
        self.assertRaises(TypeError, Parser, max_lines="2")
        self.assertRaises(TypeError, Parser, max_lines=2.0)
        self.assertRaises(TypeError, Parser, 512)
        self.assertRaises(TypeError, Parser, max_line=512)

    def test_takes_the_option_names_of_the_contract(self):
        # The names of the limits are the library's tokens of them.
        self.assertEqual([str(limit) for limit in smtpreply.Limit],
                         ["max_line_length", "max_lines", "max_reply_bytes"])
        parser = Parser()
        for limit in smtpreply.Limit:
            setattr(parser, str(limit), 1000)
            self.assertEqual(getattr(parser, str(limit)), 1000)


class Streams(taprunner.TestCase):

    def test_iterates_over_a_binary_file(self):
        events = list(Parser().iterate(io.BytesIO(SESSION)))
        self.assertEqual(events, Parser().feed(SESSION))
        # Small reads.
        events = list(Parser().iterate(io.BufferedReader(
            io.BytesIO(SESSION), 7), chunk_size=3))
        self.assertEqual(events, Parser().feed(SESSION))
        # A file on disk, read as it is.
        path = os.path.join(os.environ["top_srcdir"], "examples",
                            "replies.txt")
        with open(path, "rb") as f:
            events = list(smtpreply.iterate(f))
        self.assertEqual(len(events), 55)
        self.assertFalse(any(e.is_error for e in events))
        self.assertEqual(events[0].text,
                         "mx.example.net ESMTP Postfix (Debian/GNU)\n"
                         "Unsolicited bulk mail is not accepted here.\n"
                         "mx.example.net ESMTP ready")
        self.assertEqual(events[0].flags, Flag.BARE_LF)

    def test_iterates_over_a_text_file_and_chunks(self):
        text = SESSION.decode("ascii")
        self.assertEqual(list(Parser().iterate(io.StringIO(text,
                                                           newline=""))),
                         Parser().feed(SESSION))
        chunks = [SESSION[:10], SESSION[10:400], SESSION[400:]]
        self.assertEqual(list(Parser().iterate(chunks)),
                         Parser().feed(SESSION))
        self.assertEqual(list(Parser().iterate(iter(chunks))),
                         Parser().feed(SESSION))
        self.assertEqual(list(Parser().iterate(SESSION)),
                         Parser().feed(SESSION))
        self.assertEqual(smtpreply.parse(text), Parser().feed(SESSION))

    def test_iterates_over_a_socket(self):
        server, client = socket.socketpair()

        def serve():
            for i in range(0, len(SESSION), 50):
                server.sendall(SESSION[i:i + 50])
            server.close()

        thread = threading.Thread(target=serve)
        thread.start()
        try:
            events = list(Parser().iterate(client))
        finally:
            thread.join()
            client.close()
        self.assertEqual(events, Parser().feed(SESSION))

    def test_parse_returns_the_events_of_a_whole_stream(self):
        data = b"250 one\r\n999 bad\r\n251 two\r\n2\r\n252 three\r\n253-cut"
        events = smtpreply.parse(data)
        self.assertEqual([e.text for e in events if not e.is_error],
                         ["one", "two", "three"])
        self.assertEqual([(e.kind, e.line, e.offset) for e in events
                          if e.is_error],
                         [("EBAD_CLASS", 2, 9), ("EBAD_CODE", 4, 28),
                          ("ETRUNCATED", 6, 48)])
        self.assertEqual(smtpreply.parse(data, lang="ru")[1].message,
                         "Первая цифра кода ответа должна быть от 1 до 5")

    def test_resets_closes_and_works_as_a_context_manager(self):
        parser = Parser(max_lines=5, strict=Flag.BARE_LF)
        parser.feed(b"250-partial\r\n")
        parser.reset()
        self.assertEqual((parser.max_lines, parser.strict),
                         (5, Flag.BARE_LF))
        [reply] = parser.feed(b"250 ok\r\n")
        self.assertEqual((reply.offset, reply.line), (0, 1))
        with Parser() as parser:
            parser.feed(b"250 ok\r\n")
            self.assertIs(parser.closed, False)
        self.assertIs(parser.closed, True)
        self.assertEqual(repr(parser), "<Parser closed>")
        for call in (lambda: parser.feed(b"250 ok\r\n"), parser.finish,
                     parser.reset, lambda: parser.max_lines,
                     lambda: setattr(parser, "max_lines", 3)):
            with self.assertRaises(ValueError) as caught:
                call()
            self.assertEqual(str(caught.exception), "the Parser is closed")
        # close() again does nothing.
        parser.close()
        parser.close()
        with self.assertRaises(ValueError):
            with parser:
                pass

    def test_replies_pickle_and_compare(self):
        events = Parser().feed(SESSION + b"999 x\r\n")
        copy = pickle.loads(pickle.dumps(events))
        self.assertEqual(copy, events)
        self.assertIsInstance(copy[3], smtpreply.Reply)
        self.assertEqual(copy[3].text, events[3].text)
        self.assertEqual(len({*events[:-1], *copy[:-1]}), 8)
        self.assertNotEqual(events[1], events[2])
        self.assertRaises(TypeError, smtpreply.Reply)


if __name__ == "__main__":
    taprunner.main()
