#!/bin/sh
# man3.sh -- every function the library exports has a man page, and every
# page is well-formed roff.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
pages=$top_builddir/doc/man3
lib=$top_builddir/core/.libs/libsmtpreply.so
n=0

n=$((n + 1))
if [ ! -f "$pages/smtpreply.3" ]; then
  echo "not ok $n - doc/man3 was not generated (make all writes it)"
elif [ ! -f "$lib" ]; then
  echo "not ok $n - no shared library $lib to list the exported functions of"
else
  missing=
  for f in $(nm -D --defined-only "$lib" | awk '$2 == "T" { print $3 }' \
             | sed 's/@.*//' | sort -u); do
    [ -f "$pages/$f.3" ] || missing="$missing $f"
  done
  if [ -z "$missing" ]; then
    echo "ok $n - every exported function has a page in man3"
  else
    echo "not ok $n - exported functions with no page:$missing"
  fi
fi

n=$((n + 1))
bad=
for page in "$pages"/*.3; do
  out=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
  [ -z "$out" ] || bad="$bad $(basename "$page"): $out"
done
if [ -z "$bad" ]; then
  echo "ok $n - every page formats without a warning"
else
  echo "not ok $n - groff warns:"
  printf '%s\n' "$bad" | sed 's/^/# /'
fi

n=$((n + 1))
want=$(grep -c '^\.TP' "$pages/smtpreply.3")
have=$(ls "$pages" | grep -c '\.3$')
if [ "$want" -eq $((have - 1)) ]; then
  echo "ok $n - smtpreply(3) lists every other page"
else
  echo "not ok $n - smtpreply(3) lists $want functions, doc/man3 has $((have - 1))"
fi
echo "1..$n"
