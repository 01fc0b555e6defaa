# t-parser.py -- the incremental reply parser from Python.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Replies, flags, errors with their line and offset, limits, chunking,
and reading from files and sockets."""

import io
import os
import random
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


def events(parser, chunks):
    """Feed CHUNKS to PARSER, going on after errors, and finish; return the
    replies and errors in stream order, errors as (kind, line, offset)."""
    out = []

    def run(call, arg):
        while True:
            try:
                out.extend(call(arg))
                return
            except smtpreply.ParseError as e:
                out.extend(e.replies)
                out.append((e.kind, e.line, e.offset))
                arg = b""

    for chunk in chunks:
        run(parser.feed, chunk)
    run(lambda _: parser.finish(), None)
    return out


def pieces(data, sizes):
    """Cut DATA into chunks of the SIZES given, cycling through them."""
    out, i, k = [], 0, 0
    while i < len(data):
        out.append(data[i:i + sizes[k % len(sizes)]])
        i += sizes[k % len(sizes)]
        k += 1
    return out


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

    def test_makes_flags_errors_in_strict_mode(self):
        parser = Parser(strict=Flag.BARE_LF)
        self.assertEqual(parser.strict, Flag.BARE_LF)
        error = self.assertError("EBARE_LF", "A line ends in LF without CR",
                                 parser.feed, b"250 ok\n",
                                 error=smtpreply.ParseError)
        self.assertEqual((error.line, error.offset), (1, 6))
        # Other flags stay flags.
        [reply] = parser.feed(b"250 \xc3\xa9\r\n")
        self.assertEqual(reply.flags, Flag.EIGHT_BIT)
        # True: every flag.
        parser = Parser(strict=True)
        self.assertEqual(parser.strict, Flag(0x3ff))
        error = self.assertError(
            "EEIGHT_BIT", "The text contains bytes outside ASCII",
            parser.feed, b"250 ok\r\n250 \xc3\xa9\r\n",
            error=smtpreply.ParseError)
        self.assertEqual((error.line, error.offset), (2, 12))
        self.assertEqual([r.code for r in error.replies], [250])
        parser.strict = False
        self.assertEqual(parser.feed(b"250 \xc3\xa9\r\n")[0].flags,
                         Flag.EIGHT_BIT)
        self.assertError("EINVAL", "Invalid argument", setattr, parser,
                         "strict", 0x400)


class Errors(taprunner.TestCase):

    def check(self, data, kind, line, offset, message=None, **options):
        parser = Parser(**options)
        error = self.assertError(kind, message, lambda: events_or_raise(
            parser, data), error=smtpreply.ParseError)
        self.assertEqual((error.line, error.offset), (line, offset), data)
        return error

    def test_reports_errors_with_line_and_offset(self):
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

    def test_reports_a_stream_cut_inside_a_reply(self):
        parser = Parser()
        self.assertEqual(parser.feed(b"250-a\r\n"), [])
        error = self.assertError("ETRUNCATED",
                                 "The input ended inside a reply",
                                 parser.finish, error=smtpreply.ParseError)
        self.assertEqual((error.line, error.offset), (2, 7))
        parser.feed(b"250 a")
        error = self.assertError("ETRUNCATED", None, parser.finish,
                                 error=smtpreply.ParseError)
        self.assertEqual((error.line, error.offset), (1, 5))
        # finish() made it ready for a new stream.
        self.assertEqual(parser.feed(b"220 hi\r\n")[0].offset, 0)
        self.assertEqual(parser.finish(), [])

    def test_loses_no_reply_around_an_error(self):
        parser = Parser()
        data = b"250 one\r\n999 bad\r\n251 two\r\n252 three\r\n"
        error = self.assertError("EBAD_CLASS", None, parser.feed, data,
                                 error=smtpreply.ParseError)
        self.assertEqual([r.text for r in error.replies], ["one"])
        # The bad line was read to its end before its code was judged.
        self.assertEqual(parser.pending, len(data) - 18)
        # The bytes after the offending one come with the next call.
        self.assertEqual([r.text for r in parser.feed()], ["two", "three"])
        self.assertEqual(parser.pending, 0)
        self.assertEqual(parser.finish(), [])
        # Or with more bytes, in order.
        error = self.assertError("EBAD_CODE", None, parser.feed,
                                 b"x\r\n250-a\r\n", error=smtpreply.ParseError)
        self.assertEqual(error.replies, [])
        self.assertEqual([r.text for r in parser.feed(b"250 b\r\n")],
                         ["a\nb"])
        # Or with finish().
        self.assertRaises(smtpreply.ParseError, parser.feed,
                          b"9\r\n250 c\r\n")
        self.assertEqual([r.text for r in parser.finish()], ["c"])

    def test_parses_the_same_whatever_the_chunking(self):
        bad = SESSION + (b"250-x\r\n999 bad\r\n250 y\r\n25\x00 z\r\n"
                         b"451 4.7.1 later\n250 " + b"x" * 600 + b"\r\n"
                         b"250 end\r\n250-cut")
        for data in (SESSION, bad):
            whole = events(Parser(), [data])
            byte = events(Parser(), [data[i:i + 1]
                                     for i in range(len(data))])
            self.assertEqual(byte, whole)
            rng = random.Random(5321)
            for _ in range(20):
                sizes = [rng.randint(1, 40) for _ in range(7)]
                self.assertEqual(events(Parser(), pieces(data, sizes)),
                                 whole)
        whole = events(Parser(), [bad])
        self.assertEqual(
            [e if isinstance(e, tuple) else e.code for e in whole],
            [220, 250, 250, 550, 250, 354, 451, 221,
             ("EBAD_CLASS", 16, 517), 250, ("ENUL", 18, 535), 451,
             ("ELINE_TOO_LONG", 20, 1067), 250, ("ETRUNCATED", 22, 1178)])

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
                            ("max_reply_bytes", -1)):
            self.assertError("EINVAL", "Invalid argument", Parser,
                             **{name: value})
            self.assertError("EINVAL", "Invalid argument", setattr,
                             Parser(), name, value)
        parser.max_lines = 2
        self.assertEqual(parser.max_lines, 2)


def events_or_raise(parser, data):
    """Feed DATA and finish, raising the first error."""
    parser.feed(data)
    parser.finish()


class Streams(taprunner.TestCase):

    def test_iterates_over_a_binary_file(self):
        replies = list(Parser().iterate(io.BytesIO(SESSION)))
        self.assertEqual(replies, Parser().feed(SESSION))
        # Small reads.
        replies = list(Parser().iterate(io.BufferedReader(
            io.BytesIO(SESSION), 7), chunk_size=3))
        self.assertEqual(replies, Parser().feed(SESSION))
        # A file on disk, read as it is.
        path = os.path.join(os.environ["top_srcdir"], "examples",
                            "replies.txt")
        with open(path, "rb") as f:
            replies = list(smtpreply.iterate(f))
        self.assertEqual(len(replies), 55)
        self.assertEqual(replies[0].text,
                         "mx.example.net ESMTP Postfix (Debian/GNU)\n"
                         "Unsolicited bulk mail is not accepted here.\n"
                         "mx.example.net ESMTP ready")
        self.assertEqual(replies[0].flags, Flag.BARE_LF)

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
            replies = list(Parser().iterate(client))
        finally:
            thread.join()
            client.close()
        self.assertEqual(replies, Parser().feed(SESSION))

    def test_yields_replies_before_an_error_then_raises(self):
        data = b"250 one\r\n999 bad\r\n251 two\r\n"
        parser = Parser()
        got = []
        with self.assertRaises(smtpreply.ParseError) as caught:
            for reply in parser.iterate(io.BytesIO(data)):
                got.append(reply.text)
        self.assertEqual(got, ["one"])
        self.assertEqual(caught.exception.replies, [])
        self.assertEqual((caught.exception.line, caught.exception.offset),
                         (2, 9))
        # Iterating again resumes after the bad line.
        self.assertEqual([r.text for r in parser.iterate(b"")], ["two"])

    def test_goes_on_after_errors_with_on_error(self):
        data = b"250 one\r\n999 bad\r\n251 two\r\n2\r\n252 three\r\n253-cut"
        errors = []
        replies = smtpreply.parse(data, on_error=errors.append)
        self.assertEqual([r.text for r in replies], ["one", "two", "three"])
        self.assertEqual([(e.kind, e.line, e.offset) for e in errors],
                         [("EBAD_CLASS", 2, 9), ("EBAD_CODE", 4, 28),
                          ("ETRUNCATED", 6, 48)])
        self.assertRaises(smtpreply.ParseError, smtpreply.parse, data)

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
        self.assertRaises(ValueError, parser.feed, b"250 ok\r\n")
        self.assertRaises(ValueError, parser.finish)
        parser.close()


if __name__ == "__main__":
    taprunner.main()
