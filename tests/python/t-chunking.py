# t-chunking.py -- the parser's events against the C parser's, any chunking.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Random streams of replies with random errors, cut into random chunks,
give the same events through Parser.feed as the C library's own loop of
smtpreply_parser_feed over the whole stream.  The C side is called
through ctypes, on the library the extension was built with, without
the extension's code; and errors cost linear time."""

import ctypes
import random
import time

import taprunner
import smtpreply
from smtpreply import _smtpreply

lib = ctypes.CDLL(_smtpreply.__file__)
VOIDP = ctypes.c_void_p
SIZE = ctypes.c_size_t
lib.smtpreply_parser_new.argtypes = [ctypes.POINTER(VOIDP)]
lib.smtpreply_parser_free.argtypes = [VOIDP]
lib.smtpreply_parser_set_limit.argtypes = [VOIDP, ctypes.c_int, SIZE]
lib.smtpreply_parser_set_strict.argtypes = [VOIDP, ctypes.c_uint]
lib.smtpreply_parser_feed.argtypes = [VOIDP, ctypes.c_char_p, SIZE,
                                      ctypes.POINTER(SIZE)]
lib.smtpreply_parser_finish.argtypes = [VOIDP]
lib.smtpreply_parser_reply.argtypes = [VOIDP]
lib.smtpreply_parser_reply.restype = VOIDP
lib.smtpreply_parser_error_line.argtypes = [VOIDP]
lib.smtpreply_parser_error_line.restype = SIZE
lib.smtpreply_parser_error_offset.argtypes = [VOIDP]
lib.smtpreply_parser_error_offset.restype = SIZE
lib.smtpreply_response_code.argtypes = [VOIDP]
lib.smtpreply_response_flags.argtypes = [VOIDP]
lib.smtpreply_response_flags.restype = ctypes.c_uint
lib.smtpreply_response_enhanced.argtypes = [VOIDP]
lib.smtpreply_response_enhanced.restype = ctypes.POINTER(ctypes.c_int * 3)
lib.smtpreply_response_line_count.argtypes = [VOIDP]
lib.smtpreply_response_line_count.restype = SIZE
for name in ("smtpreply_response_line", "smtpreply_response_message"):
    getattr(lib, name).argtypes = [VOIDP, SIZE, ctypes.POINTER(SIZE)]
    getattr(lib, name).restype = VOIDP
lib.smtpreply_response_offset.argtypes = [VOIDP]
lib.smtpreply_response_offset.restype = SIZE
lib.smtpreply_response_line_number.argtypes = [VOIDP]
lib.smtpreply_response_line_number.restype = SIZE
lib.smtpreply_token_name.argtypes = [ctypes.c_int, ctypes.c_int]
lib.smtpreply_token_name.restype = ctypes.c_char_p
TOKEN_ERROR = 1


def c_lines(r, function):
    """Return the lines of the C reply R that FUNCTION gives, as bytes."""
    out = []
    for i in range(lib.smtpreply_response_line_count(r)):
        n = SIZE()
        p = function(r, i, ctypes.byref(n))
        out.append(ctypes.string_at(p, n.value) if n.value else b"")
    return tuple(out)


def c_events(data, limits, strict):
    """Return the events of DATA, a whole stream, from the C library's
    loop of smtpreply_parser_feed, as tuples."""
    p = VOIDP()
    assert lib.smtpreply_parser_new(ctypes.byref(p)) == 0
    try:
        for which, value in limits.items():
            assert lib.smtpreply_parser_set_limit(p, which, value) == 0
        assert lib.smtpreply_parser_set_strict(p, strict) == 0
        events = []

        def error(rc):
            events.append(("error",
                           lib.smtpreply_token_name(TOKEN_ERROR,
                                                    rc).decode(),
                           lib.smtpreply_parser_error_line(p),
                           lib.smtpreply_parser_error_offset(p)))

        buf = ctypes.create_string_buffer(data, len(data))
        off = 0
        while off < len(data):
            used = SIZE()
            rc = lib.smtpreply_parser_feed(
                p, ctypes.cast(ctypes.byref(buf, off), ctypes.c_char_p),
                len(data) - off, ctypes.byref(used))
            off += used.value
            if rc == 1:
                r = lib.smtpreply_parser_reply(p)
                e = lib.smtpreply_response_enhanced(r)
                events.append((
                    "reply", lib.smtpreply_response_code(r),
                    None if not e else "%d.%d.%d" % tuple(e.contents),
                    lib.smtpreply_response_flags(r),
                    c_lines(r, lib.smtpreply_response_line),
                    c_lines(r, lib.smtpreply_response_message),
                    lib.smtpreply_response_offset(r),
                    lib.smtpreply_response_line_number(r)))
            elif rc < 0:
                error(rc)
        rc = lib.smtpreply_parser_finish(p)
        if rc < 0:
            error(rc)
        return events
    finally:
        lib.smtpreply_parser_free(p)


def as_tuple(event):
    """Return the binding's EVENT as c_events gives it."""
    if event.is_error:
        return ("error", event.kind, event.line, event.offset)
    return ("reply", event.code, event.enhanced, int(event.flags),
            tuple(event.raw_lines), raw_messages(event), event.offset,
            event.line)


def raw_messages(reply):
    """Return the messages of REPLY as bytes: its raw lines without the
    enhanced status code (ASCII) that the messages leave out."""
    return tuple(raw[len(line) - len(message):]
                 for raw, line, message in zip(reply.raw_lines, reply.lines,
                                               reply.messages))


def random_stream(rng):
    """Return a random stream of replies, with flags, errors of every
    kind, and perhaps a reply cut short at its end."""
    parts = []
    for _ in range(rng.randint(1, 25)):
        kind = rng.random()
        code = rng.choice([220, 250, 251, 334, 354, 421, 450, 451, 452,
                           530, 550, 552, 554, 110])
        end = b"\n" if rng.random() < 0.15 else b"\r\n"
        if kind < 0.55:
            n = rng.randint(1, 4)
            enhanced = rng.choice([b"", b"2.0.0 ", b"5.1.1 ", b"4.7.1 ",
                                   b"5.01.1 "])
            for i in range(n):
                sep = b" " if i == n - 1 else b"-"
                text = rng.choice([b"ok", b"caf\xc3\xa9", b"\xff\xfe",
                                   b"a\x01b", b"x" * rng.randint(0, 80), b"",
                                   b"Requested action taken"])
                c = code if rng.random() < 0.9 else code + 1
                parts.append(b"%d%s%s%s%s" % (c, sep, enhanced, text, end))
        elif kind < 0.65:
            parts.append(rng.choice([b"999 bad", b"2x0 bad", b"260 bad",
                                     b"", b"25", b"\x1b[2J"]) + end)
        elif kind < 0.72:
            parts.append(b"250 a\x00b" + end)
        elif kind < 0.8:
            parts.append(b"250 " + b"y" * rng.randint(100, 400) + end)
        elif kind < 0.88:
            parts.append((b"250-many" + end) * rng.randint(3, 8)
                         + b"250 end" + end)
        elif kind < 0.94:
            parts.append(b"%dok%s" % (code, end))
        else:
            parts.append(b"%d%s" % (code, end))
    if rng.random() < 0.3:
        parts.append(rng.choice([b"250-cut", b"25", b"250 no end"]))
    return b"".join(parts)


def chunks(data, rng):
    """Cut DATA into random chunks, some of a byte, some empty."""
    out = []
    i = 0
    while i < len(data):
        n = rng.choice([0, 1, 1, 2, 3, 7, 16, 64, 300])
        out.append(data[i:i + n])
        i += n
    return out


class Chunking(taprunner.TestCase):

    def test_gives_the_c_parsers_events_for_any_chunking(self):
        rng = random.Random(20260312)
        limits = {0: "max_line_length", 1: "max_lines",
                  2: "max_reply_bytes"}
        errors = replies = 0
        for _ in range(400):
            data = random_stream(rng)
            options = {}
            if rng.random() < 0.5:
                options = {0: rng.choice([64, 200, 512]),
                           1: rng.choice([3, 5, 1000]),
                           2: rng.choice([300, 65536])}
            strict = rng.choice([0, 0, 0, int(smtpreply.Flag.BARE_LF),
                                 int(smtpreply.Flag.EIGHT_BIT
                                     | smtpreply.Flag.NO_SPACE),
                                 smtpreply._smtpreply.flag_all()])
            expected = c_events(data, options, strict)
            kwargs = {limits[k]: v for k, v in options.items()}
            parser = smtpreply.Parser(strict=strict, **kwargs)
            for _ in range(3):
                got = []
                for chunk in chunks(data, rng):
                    got.extend(parser.feed(chunk))
                got.extend(parser.finish())
                self.assertEqual([as_tuple(e) for e in got], expected, data)
            errors += sum(e[0] == "error" for e in expected)
            replies += sum(e[0] == "reply" for e in expected)
        # The streams had both, in numbers.
        self.assertGreater(errors, 500)
        self.assertGreater(replies, 2000)

    def test_gives_the_same_events_byte_by_byte(self):
        data = (b"220 hi\r\n250-a\r\n999 bad\r\n250 b\r\n25\x00 z\r\n"
                b"451 4.7.1 later\n250 " + b"x" * 600 + b"\r\n"
                b"250 end\r\n250-cut")
        whole = smtpreply.parse(data)
        parser = smtpreply.Parser()
        byte = []
        for i in range(len(data)):
            byte.extend(parser.feed(data[i:i + 1]))
        byte.extend(parser.finish())
        self.assertEqual(byte, whole)
        self.assertEqual([e.kind if e.is_error else e.code for e in whole],
                         [220, "EBAD_CLASS", 250, "ENUL", 451,
                          "ELINE_TOO_LONG", 250, "ETRUNCATED"])
        self.assertEqual([as_tuple(e) for e in whole],
                         c_events(data, {}, 0))

    def test_costs_linear_time_on_errors(self):
        # 100,000 bad lines in one buffer: each error once, in a time that
        # grows with their number (a sanity bound, not a benchmark).
        data = b"999 bad\r\n" * 100000
        start = time.process_time()
        events = smtpreply.Parser().feed(data)
        seconds = time.process_time() - start
        self.assertEqual(len(events), 100000)
        self.assertEqual((events[-1].kind, events[-1].line,
                          events[-1].offset), ("EBAD_CLASS", 100000, 899991))
        self.assertLess(seconds, 2.0)
        # And so on 100,000 bad lines among replies, chunk by chunk.
        data = b"250 ok\r\n2\r\n" * 100000
        parser = smtpreply.Parser()
        start = time.process_time()
        count = 0
        for i in range(0, len(data), 65536):
            count += len(parser.feed(data[i:i + 65536]))
        seconds = time.process_time() - start
        self.assertEqual(count, 200000)
        self.assertLess(seconds, 2.0)


if __name__ == "__main__":
    taprunner.main()
