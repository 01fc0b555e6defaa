#!/bin/sh
# abi.sh -- the libraries keep the ABI recorded in core/abi/: abidiff
# (Debian's abigail-tools) compares each built library with its baseline,
# written by "make update-abi" at a release.  A change that breaks
# callers built against the baseline (a function removed, a public type
# changed) fails; additions are allowed and printed.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
n=0

if ! command -v abidiff >/dev/null 2>&1; then
  echo "1..0 # SKIP abidiff is not installed (Debian: abigail-tools)"
  exit 0
fi

# check NAME LIBRARY HEADER: compare LIBRARY with core/abi/NAME.abi, public
# types being those of HEADER.
check () {
  n=$((n + 1))
  base=$top_srcdir/core/abi/$1.abi
  if [ ! -f "$2" ]; then
    case $2 in
      */bounce/*)
        # configure builds it only when it finds GMime.
        [ -f "${2%/.libs/*}/libsmtpreply-bounce.la" ] || {
          echo "ok $n # SKIP $1 is not built (configure found no GMime)"
          return
        } ;;
    esac
    echo "not ok $n - $1: no shared library $2"
    return
  fi
  out=$(abidiff --no-added-syms --hf2 "$3" --drop-private-types \
          "$base" "$2" 2>&1)
  rc=$?
  # abidiff's status is a bit field: 1 error, 2 usage, 4 change,
  # 8 incompatible change.
  if [ $((rc & 11)) -ne 0 ]; then
    echo "not ok $n - $1 keeps the ABI of core/abi/$1.abi (abidiff: $rc)"
    printf '%s\n' "$out" | sed 's/^/# /'
  else
    echo "ok $n - $1 keeps the ABI of core/abi/$1.abi"
    [ $rc -eq 0 ] || printf '%s\n' "$out" | sed 's/^/# /'
  fi
}

echo "1..2"
check libsmtpreply "$top_builddir/core/.libs/libsmtpreply.so" \
  "$top_srcdir/core/smtpreply.h"
check libsmtpreply-bounce \
  "$top_builddir/core/bounce/.libs/libsmtpreply-bounce.so" \
  "$top_srcdir/core/bounce/smtpreply/bounce.h"
