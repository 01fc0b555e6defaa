# smtplib-peer.py -- the Python peer of "make bench": smtplib's getreply.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: python3 smtplib-peer.py CORPUS
#
# Read the replies of CORPUS as smtplib reads a server's: an SMTP object
# whose file (what it makes of its socket) is CORPUS opened "rb", and
# getreply() until the "connection" closes.  Print the number of replies
# and the sum of their codes.  getreply() gives -1 for a line without a
# code: such replies are counted and reported, and make the exit status 1.

import smtplib
import sys


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: smtplib-peer.py CORPUS", file=sys.stderr)
        return 2
    # A local_hostname given keeps the constructor off the DNS.
    smtp = smtplib.SMTP(local_hostname="localhost")
    smtp.file = open(sys.argv[1], "rb")
    replies = total = bad = 0
    while True:
        try:
            code, _ = smtp.getreply()
        except smtplib.SMTPServerDisconnected:
            break
        if code < 0:
            bad += 1
            continue
        replies += 1
        total += code
    print(replies, total)
    if bad:
        print("smtplib-peer.py: %d replies without a code" % bad,
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
