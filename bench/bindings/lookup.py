# lookup.py -- described reply codes from Python, as "make bench" times them.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: python3 lookup.py RUNS LANG...
#
# The Python side of bench-lookup: every code of the table in each LANG in
# turn, for at least 0.2 seconds, the best of RUNS measures, in
# nanoseconds per call (the loop included).  It times smtpreply.describe
# (code, lang), the call a user makes; _smtpreply.reply_describe_lang, the
# C function SWIG wraps; and _smtpreply.reply_lookup, the plain lookup.  The first line, the bytes of all the descriptions in UTF-8,
# must be bench-lookup's.

import sys
import time

import smtpreply
from smtpreply import _smtpreply

MIN_SECONDS = 0.2


def best_ns(fn, calls, runs):
    """Return the best time per call, in ns, of RUNS measures of FN
    (which makes CALLS calls per round)."""
    best = None
    for _ in range(runs):
        rounds = 1
        while True:
            t0 = time.perf_counter()
            fn(rounds)
            seconds = time.perf_counter() - t0
            if seconds >= MIN_SECONDS:
                break
            rounds *= 2
        ns = seconds * 1e9 / (rounds * calls)
        if best is None or ns < best:
            best = ns
    return best


def main() -> int:
    if len(sys.argv) < 3:
        print("usage: lookup.py RUNS LANG...", file=sys.stderr)
        return 2
    runs = int(sys.argv[1])
    langs = sys.argv[2:]
    codes = [info.code for info in smtpreply.codes()]
    calls = len(codes) * len(langs)
    print("bytes", sum(len(smtpreply.describe(code, lang).encode())
                       for code in codes for lang in langs))

    def describe(rounds):
        for _ in range(rounds):
            for code in codes:
                for lang in langs:
                    smtpreply.describe(code, lang)

    def describe_lang(rounds):
        for _ in range(rounds):
            for code in codes:
                for lang in langs:
                    _smtpreply.reply_describe_lang(code, lang)

    def lookup(rounds):
        for _ in range(rounds):
            for code in codes:
                for lang in langs:
                    _smtpreply.reply_lookup(code)

    print("describe %.1f" % best_ns(describe, calls, runs))
    print("describe_lang %.1f" % best_ns(describe_lang, calls, runs))
    print("lookup %.1f" % best_ns(lookup, calls, runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
