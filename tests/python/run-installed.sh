#!/bin/sh
# run-installed.sh -- run the Python tests against an installed package.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: tests/python/run-installed.sh PYTHON [SRCDIR]
#
# Run every tests/python/t-*.py of SRCDIR (default: this script's tree)
# but t-command.py, which needs the build tree's command, with PYTHON, which must import smtpreply from where it was installed (a
# venv, site-packages): the tests run from another folder, with no
# PYTHONPATH and no SMTPREPLY_LOCALEDIR, so the package finds its own
# catalogs.  Print each file's TAP, then the totals as automake's
# test-suite.log does ("# TOTAL: N", "# PASS: N", "# FAIL: N",
# "# ERROR: N"), and exit 1 if anything failed.

set -u
python=${1:?usage: run-installed.sh PYTHON [SRCDIR]}
srcdir=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
srcdir=$(cd "$srcdir" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

unset PYTHONPATH SMTPREPLY_LOCALEDIR LANGUAGE LANG LC_MESSAGES
LC_ALL=C.UTF-8
top_srcdir=$srcdir
PYTHONDONTWRITEBYTECODE=1
export LC_ALL top_srcdir PYTHONDONTWRITEBYTECODE

where=$(cd "$work" && "$python" -c 'import smtpreply; print(smtpreply.__file__)') || {
  echo "run-installed.sh: $python cannot import smtpreply" >&2
  echo "# TOTAL: 1"; echo "# PASS: 0"; echo "# FAIL: 0"; echo "# ERROR: 1"
  exit 1
}
echo "# smtpreply from $where"
case $where in
  None) echo "run-installed.sh: smtpreply is a namespace package here, not an install" >&2
        exit 1 ;;
  "$srcdir"/*) echo "run-installed.sh: that is the source tree, not an install" >&2
               exit 1 ;;
esac

pass=0 fail=0 error=0
for test in "$srcdir"/tests/python/t-*.py; do
  name=$(basename "$test")
  [ "$name" = t-command.py ] && continue
  (cd "$work" && "$python" "$test") >"$work/out" 2>&1
  planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$work/out" | head -n 1)
  ok=$(grep -c '^ok ' "$work/out")
  notok=$(grep -c '^not ok ' "$work/out")
  sed "s/^/$name: /" "$work/out"
  pass=$((pass + ok))
  fail=$((fail + notok))
  missing=$(( ${planned:-1} - ok - notok ))
  [ "$missing" -gt 0 ] && error=$((error + missing))
done
echo "# TOTAL: $((pass + fail + error))"
echo "# PASS: $pass"
echo "# FAIL: $fail"
echo "# ERROR: $error"
[ "$fail" -eq 0 ] && [ "$error" -eq 0 ]
