# t-memory.py -- a million lookups and 100,000 parses grow no memory.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""The resident set size after a million lookups and 100,000 parses,
summaries and records, against the size after a warm-up round, read from
/proc/self/status."""

import gc
import os

import taprunner
import smtpreply

# Growth allowed, for the allocator's own bookkeeping: more under a
# sanitizer, whose allocator keeps freed memory aside a while (the build
# sets SMTPREPLY_SANITIZED then).  A leak of one object per call still
# grows ten times as much.
SLACK_KB = (8 if os.environ.get("SMTPREPLY_SANITIZED") else 3) * 1024

REPLY = (b"250-mx.example.org Hello client.example.com [192.0.2.30]\r\n"
         b"250-PIPELINING\r\n250-SIZE 52428800\r\n"
         b"250 ENHANCEDSTATUSCODES\r\n"
         b"550-5.1.1 The email account that you tried to reach does not "
         b"exist.\r\n550 5.1.1 Please try again\xff\r\n")


def rss_kb():
    """Return the resident set size of this process in kB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def lookups(n):
    """Look up codes, enhanced codes and languages N times in all."""
    codes = (250, 421, 550, 554, 259, 451)
    langs = (None, "ru", "pt-BR", "xx")
    for i in range(n // 4):
        code = codes[i % 6]
        lang = langs[i % 4]
        smtpreply.describe(code, lang)
        smtpreply.lookup(code, lang)
        smtpreply.describe_enhanced("5.1.1", lang)
        try:
            smtpreply.describe(650, lang)
        except smtpreply.Error:
            pass


def parses(n):
    """Parse a stream of two replies N times, and use the results."""
    parser = smtpreply.Parser()
    for i in range(n):
        for reply in parser.feed(REPLY):
            reply.text
            reply.lines
            reply.flags
            reply.is_permanent
        if i % 10 == 0:
            [error] = parser.feed(b"999 bad\r\n")
            error.message
            smtpreply.extract(b"said: 550 5.1.1 <a@b>: unknown")
            smtpreply.display_safe(b"\x1b[1mbold\xff")
            smtpreply.advise(550, "5.1.1", "rcpt", "ru")
            smtpreply.classify(b"552 5.2.2 mailbox full", lang="ru")
    parser.finish()
    for i in range(n // 100):
        smtpreply.parse(REPLY)
        with smtpreply.Parser() as closed:
            closed.feed(REPLY[:20])


LOG = (b"Nov 28 03:15:20 mx1 postfix/smtp[44884]: DD51AF25C5: to=<b@x.example>"
       b", relay=mx.x.example[198.51.100.7]:25, dsn=5.1.1, status=bounced "
       b"(host mx.x.example[198.51.100.7] said: 550 5.1.1 unknown (in reply "
       b"to RCPT TO command))\n") * 10


def logs(n):
    """Summarise, merge, render and annotate log lines N times."""
    for i in range(n):
        summary = smtpreply.Summary()
        summary.add_lines(LOG, "log", i)
        total = summary + smtpreply.Summary.from_json(summary.to_json())
        total.render("json", "ru")
        smtpreply.annotate_lines(LOG, "log")


class Memory(taprunner.TestCase):

    def test_lookups_and_parses_grow_no_memory(self):
        # Warm up: caches, catalogs, the allocator's arenas.
        lookups(100000)
        parses(10000)
        logs(1000)
        gc.collect()
        before = rss_kb()
        lookups(1000000)
        parses(100000)
        logs(10000)
        gc.collect()
        after = rss_kb()
        self.assertLess(after - before, SLACK_KB,
                        "RSS grew from %d kB to %d kB" % (before, after))


if __name__ == "__main__":
    taprunner.main()
