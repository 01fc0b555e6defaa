# gen-stub.py -- write the type stub of the smtpreply package.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: python3 gen-stub.py TEMPLATE OUTPUT
#
# Copy TEMPLATE (smtpreply.pyi.in) to OUTPUT, replacing each line
# "    # @members@" inside "class NAME(...)" by the members of the
# enumeration smtpreply.NAME, as "    MEMBER = VALUE" lines.  The package
# builds its enumerations from the C library's tables, so the stub is
# made from the built package (on sys.path) rather than typed twice.

import os
import re
import sys

# This script's folder holds the package's sources, without the
# extension: import the built package from sys.path instead.
del sys.path[0]
import smtpreply  # noqa: E402

MARKER = "    # @members@"


def main(argv):
    if len(argv) != 3:
        print("usage: gen-stub.py TEMPLATE OUTPUT", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    current = None
    for line in lines:
        m = re.match(r"class (\w+)\(", line)
        if m:
            current = m.group(1)
        if line == MARKER:
            members = list(getattr(smtpreply, current))
            if not members:
                print("gen-stub.py: %s has no members" % current,
                      file=sys.stderr)
                return 1
            out.extend("    %s = %d" % (m.name, m.value) for m in members)
            continue
        out.append(line)
    with open(argv[2] + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    os.replace(argv[2] + ".tmp", argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
