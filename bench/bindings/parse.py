# parse.py -- smtpreply's Python parser, as "make bench" times it.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: python3 parse.py CORPUS
#
# Feed CORPUS to smtpreply.Parser in chunks of 64 KiB, as a program reading
# a file or a socket would, and print the number of replies and the sum of
# their codes.  Lines may be 4096 bytes long, as in bench-parse.  The
# parser returns its errors among the replies: one ends the program.

import sys

import smtpreply


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: parse.py CORPUS", file=sys.stderr)
        return 2
    parser = smtpreply.Parser(max_line_length=4096)
    replies = total = 0
    with open(sys.argv[1], "rb") as corpus:
        while True:
            chunk = corpus.read(65536)
            if not chunk:
                break
            for event in parser.feed(chunk):
                replies += 1
                total += event.code
    for event in parser.finish():
        replies += 1
        total += event.code
    print(replies, total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
