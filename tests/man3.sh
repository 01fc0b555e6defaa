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
# The Debian symbols files list every exported function (dpkg-gensymbols
# only warns of one that is not): the packages record when each came.
# debian/ is not in the release tarball.
for lib in libsmtpreply1:core/.libs/libsmtpreply.so \
           libsmtpreply-bounce0:core/bounce/.libs/libsmtpreply-bounce.so; do
  n=$((n + 1))
  symbols=$top_srcdir/debian/${lib%%:*}.symbols
  so=$top_builddir/${lib#*:}
  if [ ! -f "$symbols" ]; then
    echo "ok $n # SKIP no debian/ in this tree"
  elif [ ! -f "$so" ]; then
    echo "ok $n # SKIP ${lib#*:} is not built"
  else
    missing=$(nm -D --defined-only "$so" | awk '$2 == "T" { print $3 }' \
                | sed 's/@.*//' | sort -u | while read -r f; do
                    grep -q "^ $f@" "$symbols" || printf ' %s' "$f"
                  done)
    if [ -z "$missing" ]; then
      echo "ok $n - debian/${lib%%:*}.symbols lists every exported function"
    else
      echo "not ok $n - debian/${lib%%:*}.symbols misses:$missing"
    fi
  fi
done
echo "1..$n"
