# t-threads.py -- parsers and summaries among threads.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Parsers in different threads work at once; one Parser shared by
threads serializes their calls; close() racing with other calls never
reaches freed memory; Summary.add_lines runs without the GIL, and
summaries merged into each other from two threads do not deadlock."""

import sys
import threading
import time

import taprunner
import smtpreply

SESSION = (b"250-mx.example.org\r\n250 SIZE 1000\r\n"
           b"550 5.1.1 no such user\r\n999 bad\r\n")


def run_threads(target, n):
    """Run TARGET(i) in N threads and wait for them."""
    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


class Threads(taprunner.TestCase):

    def setUp(self):
        self.switch = sys.getswitchinterval()
        sys.setswitchinterval(1e-5)

    def tearDown(self):
        sys.setswitchinterval(self.switch)

    def test_parses_in_many_threads_at_once(self):
        data = SESSION * 2000
        expected = smtpreply.Parser().feed(data)
        results = {}

        def work(n):
            parser = smtpreply.Parser()
            events = []
            for i in range(0, len(data), 997):
                events.extend(parser.feed(data[i:i + 997]))
            events.extend(parser.finish())
            results[n] = events

        run_threads(work, 8)
        self.assertEqual(len(results), 8)
        for events in results.values():
            self.assertEqual(events, expected)

    def test_serializes_calls_on_a_shared_parser(self):
        parser = smtpreply.Parser()
        counts = [0] * 4

        def work(n):
            for _ in range(2000):
                for reply in parser.feed(b"250 ok\r\n"):
                    self.assertEqual((reply.code, reply.text), (250, "ok"))
                    counts[n] += 1

        run_threads(work, 4)
        self.assertEqual(sum(counts), 8000)
        self.assertEqual(parser.finish(), [])

    def test_close_racing_with_other_calls_is_safe(self):
        # Each call either works or finds the parser closed.
        outcomes = {"worked": 0, "closed": 0}
        lock = threading.Lock()
        for _ in range(30):
            parser = smtpreply.Parser(max_lines=50)
            start = threading.Barrier(5)

            def work(n, parser=parser, start=start):
                start.wait()
                for _ in range(200):
                    try:
                        if n == 0:
                            parser.close()
                        elif n == 1:
                            parser.max_line_length = 600
                            parser.max_lines
                        elif n == 2:
                            parser.reset()
                            parser.finish()
                        else:
                            parser.feed(SESSION)
                        key = "worked"
                    except ValueError as e:
                        self.assertEqual(str(e), "the Parser is closed")
                        key = "closed"
                    with lock:
                        outcomes[key] += 1

            run_threads(work, 5)
            self.assertIs(parser.closed, True)
        self.assertGreater(outcomes["closed"], 0)
        self.assertEqual(sum(outcomes.values()), 30 * 5 * 200)

    def test_counts_lines_in_many_threads_into_one_summary(self):
        line = (b"Nov 28 03:15:20 mx1 postfix/smtp[44884]: DD51AF25C5: "
                b"to=<bob@example.net>, relay=mx.example.net[198.51.100.7]"
                b":25, delay=2.29, dsn=5.1.1, status=bounced (host "
                b"mx.example.net[198.51.100.7] said: 550 5.1.1 <bob@"
                b"example.net>: Recipient address rejected: User unknown "
                b"(in reply to RCPT TO command))\n")
        total = smtpreply.Summary()
        parts = [smtpreply.Summary() for _ in range(4)]

        def work(n):
            for i in range(20):
                total.add_lines(line * 500, "log-%d" % n, i * 500 + 1)
                parts[n].add_lines(line * 10, "part-%d" % n)
                # Merges between the same two summaries in both
                # directions, from different threads.
                if n < 2:
                    parts[n].merge(parts[1 - n])

        run_threads(work, 4)
        self.assertEqual(total.lines, 4 * 20 * 500)
        whole = smtpreply.Summary()
        for n in range(4):
            whole.add_lines(line * 500 * 20, "log-%d" % n)
        self.assertEqual(total.render(), whole.render())

    def test_adds_lines_without_the_gil(self):
        # While one thread counts a large buffer, another runs Python code:
        # it would not, if the C loop held the GIL.
        data = (b"Nov 28 03:15:20 mx1 postfix/smtp[1]: A: to=<b@example.net>"
                b", status=bounced (host x said: 550 5.1.1 unknown (in reply "
                b"to RCPT TO command))\n") * 200000
        summary = smtpreply.Summary()
        ticks = []
        done = threading.Event()

        def tick(n):
            while not done.is_set():
                ticks.append(time.perf_counter())
                time.sleep(0.001)

        ticker = threading.Thread(target=tick, args=(0,))
        ticker.start()
        try:
            time.sleep(0.01)
            start = time.perf_counter()
            summary.add_lines(data)
            end = time.perf_counter()
        finally:
            done.set()
            ticker.join()
        self.assertEqual(summary.lines, 200000)
        during = [t for t in ticks if start < t < end]
        self.assertGreater(len(during), 5,
                           "%d ticks in %.3f s" % (len(during), end - start))


if __name__ == "__main__":
    taprunner.main()
