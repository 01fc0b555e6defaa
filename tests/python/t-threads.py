# t-threads.py -- the parser without the GIL, and a Parser among threads.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""The C parsing loop releases the GIL, parsers in different threads work
at once, and one Parser shared by threads serializes their calls."""

import sys
import threading
import time

import taprunner
import smtpreply


class Threads(taprunner.TestCase):

    def test_releases_the_gil_while_parsing(self):
        # A reply of a million lines, dropped at its end for a bad code,
        # keeps the C parser busy for a while and gives nothing back.
        # Another thread samples where the main thread is.  If the loop
        # released the GIL, it finds it in Parser._feed all along the
        # parse; if not, only at its edges, when the main thread is
        # between bytecodes.  The parse is cut into 20 spans of time; half
        # must have a sample.
        lines = 1000000
        data = (b"250-0123456789abcde\r\n" * (lines - 1)
                + b"2x0 0123456789abcde\r\n")
        parser = smtpreply.Parser(max_lines=lines,
                                  max_reply_bytes=64 * 1024 * 1024)
        main = threading.get_ident()
        feeding = smtpreply.Parser._feed.__code__
        hits = []
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                frame = sys._current_frames().get(main)
                if frame is not None and frame.f_code is feeding:
                    hits.append(time.perf_counter())

        old_interval = sys.getswitchinterval()
        sys.setswitchinterval(0.001)
        thread = threading.Thread(target=sample)
        thread.start()
        try:
            time.sleep(0.01)
            start = time.perf_counter()
            with self.assertRaises(smtpreply.ParseError) as caught:
                parser.feed(data)
            end = time.perf_counter()
        finally:
            stop.set()
            thread.join()
            sys.setswitchinterval(old_interval)
        self.assertEqual((caught.exception.kind, caught.exception.line),
                         ("EBAD_CODE", lines))
        spans = {int((t - start) / (end - start) * 20) for t in hits
                 if start <= t < end}
        self.assertGreaterEqual(len(spans), 10,
                                "%d samples in %d of 20 spans of %.3f s"
                                % (len(hits), len(spans), end - start))

    def test_parses_in_many_threads_at_once(self):
        data = (b"250-mx.example.org\r\n250 SIZE 1000\r\n"
                b"550 5.1.1 no such user\r\n") * 2000
        expected = smtpreply.Parser().feed(data)
        results = {}

        def work(n):
            parser = smtpreply.Parser()
            replies = []
            for i in range(0, len(data), 997):
                replies.extend(parser.feed(data[i:i + 997]))
            replies.extend(parser.finish())
            results[n] = replies

        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(len(results), 8)
        for replies in results.values():
            self.assertEqual(replies, expected)

    def test_serializes_calls_on_a_shared_parser(self):
        parser = smtpreply.Parser()
        counts = [0] * 4

        def work(n):
            for _ in range(2000):
                for reply in parser.feed(b"250 ok\r\n"):
                    self.assertEqual((reply.code, reply.text), (250, "ok"))
                    counts[n] += 1

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(sum(counts), 8000)
        self.assertEqual(parser.finish(), [])


if __name__ == "__main__":
    taprunner.main()
