# bounce-records.py -- print the records of bounce() for a message or a
# mailbox, one JSON object per line, for tests/bounces/compare.py.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Usage: bounce-records.py [--mbox] FILE

Read FILE, one message (or with --mbox a mailbox: a line starting
"From " after an empty line, or first, starts a message; a body line
">From " loses one ">"), and print for each message what
smtpreply.bounce() says: one object per recipient, built from the
attributes of the Bounce and its Recipients (not from to_json), with the
keys "kind", "recipient", "action", "status", "code", "enhanced",
"remote_mta", "diagnostic_type", "reason", "soft", "feedback_type",
"original", and "message" (from 1) in a mailbox, each when it has a
value; {"kind": "not_bounce"} for a message without recipients;
{"error": KIND} for a message bounce() raises Error on."""

import json
import re
import sys

import smtpreply

QUOTED_FROM = re.compile(rb">+From ")


def messages(data):
    """Return the messages of the mailbox DATA (bytes)."""
    found = []
    current = None
    prev_blank = False
    lines = data.split(b"\n")
    for n, line in enumerate(lines):
        if n < len(lines) - 1:
            line += b"\n"
        elif not line:
            break
        if line.startswith(b"From ") and (prev_blank or current is None):
            if current is not None:
                found.append(b"".join(current))
            current = []
        else:
            if current is None:
                # Text before any "From " line: not a mailbox, one message.
                current = []
            elif QUOTED_FROM.match(line):
                line = line[1:]
            current.append(line)
        prev_blank = line in (b"\n", b"\r\n")
    if current is not None:
        found.append(b"".join(current))
    return found


def records(data, index):
    """Return the records of the message DATA, number INDEX (0: alone)."""
    head = {"message": index} if index else {}
    try:
        b = smtpreply.bounce(data)
    except smtpreply.Error as e:
        return [dict(head, error=e.kind)]
    if not b.recipients:
        return [dict(head, kind=str(b.kind))]
    out = []
    for r in b.recipients:
        rec = dict(head, kind=str(b.kind), recipient=r.address)
        if r.action != smtpreply.DsnAction.NONE:
            rec["action"] = str(r.action)
        fields = [("status", r.status), ("code", r.code),
                  ("enhanced", r.enhanced), ("remote_mta", r.remote_mta),
                  ("diagnostic_type", r.diagnostic_type),
                  ("reason", None if r.reason is None else str(r.reason)),
                  ("soft", r.soft), ("feedback_type", r.feedback_type)]
        rec.update((k, v) for k, v in fields if v is not None)
        if b.original:
            rec["original"] = b.original
        out.append(rec)
    return out


def main(argv):
    mbox = len(argv) == 3 and argv[1] == "--mbox"
    if len(argv) != 2 + mbox:
        sys.stderr.write("usage: bounce-records.py [--mbox] FILE\n")
        return 2
    with open(argv[-1], "rb") as f:
        data = f.read()
    if mbox:
        todo = [(m, i + 1) for i, m in enumerate(messages(data))]
    else:
        todo = [(data, 0)]
    for message, index in todo:
        for rec in records(message, index):
            print(json.dumps(rec, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
