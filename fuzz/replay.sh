#!/bin/sh
# replay.sh -- replay each fuzzing harness on its committed inputs (TAP).
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Each folder fuzz/corpus/NAME is a harness: fuzz/replay-NAME runs on every
# file of it and of fuzz/regressions/NAME.  One TAP case per harness; a
# crash or a broken invariant fails it, with the input that caused it and
# the end of the report as comments.

set -u
: "${top_srcdir:?run me from make check}"
: "${top_builddir:?run me from make check}"
work=$(mktemp -d "${TMPDIR:-/tmp}/smtpreply-replay.XXXXXX")
trap 'rm -rf "$work"' EXIT
cases=0

for dir in "$top_srcdir"/fuzz/corpus/*/; do
  name=$(basename "$dir")
  cases=$((cases + 1))
  set -- "$top_srcdir/fuzz/corpus/$name"
  if [ -d "$top_srcdir/fuzz/regressions/$name" ]; then
    set -- "$@" "$top_srcdir/fuzz/regressions/$name"
  fi
  if "$top_builddir/fuzz/replay-$name" "$@" >"$work/out" 2>"$work/err"; then
    echo "ok $cases - $name: $(cat "$work/out")"
  else
    echo "not ok $cases - $name"
    sed -n 's/^replaying /# last input: /p' "$work/err" | tail -1
    grep -v '^replaying ' "$work/err" | tail -30 | sed 's/^/# /'
  fi
done
if [ "$cases" -eq 0 ]; then
  echo "not ok 1 - no corpus in $top_srcdir/fuzz/corpus"
  cases=1
fi
echo "1..$cases"
