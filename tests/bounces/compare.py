# compare.py -- run a reader of bounce messages over the corpus and compare
# what it says with the .expect files (TAP).
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Compare a reader's records with tests/bounces/*.expect.

Usage: compare.py DIR EML-COMMAND MBOX-COMMAND

Each command is a shell command in which "{}" stands for a file: it
prints one JSON object per line, as "smtpreply --json bounce" does (the
command line, the C library's smtpreply_bounce_json and every binding
write the same records).  EML-COMMAND runs on each DIR/NAME.eml,
MBOX-COMMAND on each DIR/mbox/NAME.mbox.  The records a command prints
are compared in order with the lines of NAME.expect that are not
"original" lines: every key of KEYS that the .expect gives must be
equal, and "code" and "enhanced" must be absent when it leaves them out
(README.md); "message" too in a mailbox.  An {"error": true} line wants
a record with "error".  When a record has an "original" object, it
must equal the .expect's.  One test point per file; the exit status is
1 if any failed.  Standard library only.
"""

import json
import os
import shlex
import subprocess
import sys

KEYS = ["kind", "recipient", "action", "status", "code", "enhanced",
        "remote_mta", "diagnostic_type", "reason", "soft", "feedback_type"]


def read_expect(path):
    records, originals = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            obj = json.loads(line)
            (originals if "original" in obj else records).append(obj)
    return records, originals


def compare(path, command, mbox):
    expect = path.rsplit(".", 1)[0] + ".expect"
    records, originals = read_expect(expect)
    cmd = command.replace("{}", shlex.quote(path))
    run = subprocess.run(cmd, shell=True, capture_output=True)
    problems = []
    try:
        got = [json.loads(l) for l in run.stdout.decode("utf-8").splitlines()]
    except ValueError as e:
        return ["output is not JSON Lines: %s" % e]
    if len(got) != len(records):
        problems.append("%d records, expected %d" % (len(got), len(records)))
    keys = KEYS + (["message"] if mbox else [])
    for i, (g, w) in enumerate(zip(got, records)):
        if w.get("error") is True or "error" in g:
            if not (w.get("error") is True and "error" in g):
                problems.append("record %d: error %r, expected %s"
                                % (i + 1, g.get("error"),
                                   "one" if w.get("error") else "none"))
            continue
        for k in keys:
            # code and enhanced are strict; another key the .expect
            # leaves out is one the message does not determine.
            if k not in w and k not in ("code", "enhanced", "message"):
                continue
            if g.get(k) != w.get(k):
                problems.append("record %d (%s): %s is %r, expected %r"
                                % (i + 1, w.get("recipient", "-"), k,
                                   g.get(k), w.get(k)))
    for g in got:
        if "original" not in g:
            continue
        want = [o["original"] for o in originals
                if o.get("message") == g.get("message")]
        if want and g["original"] != want[0]:
            problems.append("original %r, expected %r"
                            % (g["original"], want[0]))
    return problems


def main():
    top, eml_cmd, mbox_cmd = sys.argv[1:4]
    files = sorted(os.path.join(top, f) for f in os.listdir(top)
                   if f.endswith(".eml"))
    mdir = os.path.join(top, "mbox")
    boxes = sorted(os.path.join(mdir, f) for f in os.listdir(mdir)
                   if f.endswith(".mbox"))
    n = 0
    bad = 0
    for path, command, mbox in ([(f, eml_cmd, False) for f in files]
                                + [(f, mbox_cmd, True) for f in boxes]):
        n += 1
        problems = compare(path, command, mbox)
        name = os.path.relpath(path, top)
        print("%s %d - %s" % ("not ok" if problems else "ok", n, name))
        bad += bool(problems)
        for p in problems[:10]:
            print("# " + p)
    print("1..%d" % n)
    return 1 if bad else 0


sys.exit(main())
