#!/bin/sh
# cli-parse.sh -- "smtpreply parse".
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
. "$top_srcdir/tests/cli-lib.sh"
in=tests/cli

run parse-stream 1 parse "$in/parse-stream.in"
run parse-stream-json 1 --json parse "$in/parse-stream.in"
stdin="$in/parse-stream.in" run parse-stdin 1 parse
run parse-strict 1 parse --strict=BARE_LF,CODE_MISMATCH "$in/parse-stream.in"
run parse-line-length 1 parse --line-length=20 "$in/parse-stream.in"
run parse-stream-ru 1 --lang=ru parse "$in/parse-stream.in"
run parse-stream-json-ru 1 --lang=ru --json parse "$in/parse-stream.in"
run parse-examples 0 parse examples/replies.txt
run parse-missing 3 parse tests/cli/no-such-file
run parse-directory 3 parse "$in"
run parse-empty 1 parse /dev/null
run usage-parse-two-files 2 parse a b
run usage-parse-bad-flag 2 parse --strict=SHOUTING
run usage-parse-bad-limit 2 parse --line-length=3
run parse-help 0 parse --help

# The same stream, gzip'ed, gives the same output.
gzip -c "$top_srcdir/$in/parse-stream.in" >"$work/stream.gz"
check parse-gzip-same-as-plain sh -c '
  "$1" parse "$2" >"$3/a" 2>&1; "$1" parse "$4" >"$3/b" 2>&1
  sed "s|$4|X|" "$3/b" >"$3/b2"; sed "s|$2|X|" "$3/a" >"$3/a2"
  cmp "$3/a2" "$3/b2"' - "$smtpreply" "$top_srcdir/$in/parse-stream.in" "$work" "$work/stream.gz"

# Binary garbage and invalid UTF-8 on standard input: no crash, JSON stays
# valid UTF-8 (tests/json-check reads every line).
head -c 65536 /dev/urandom >"$work/garbage" 2>/dev/null \
  || dd if=/dev/urandom of="$work/garbage" bs=65536 count=1 2>/dev/null
printf '250-\377\376 caf\303\251\r\n250 \033[31mred\033[0m\r\n' >>"$work/garbage"
check parse-garbage-json-valid sh -c '
  "$1" --json parse <"$2" >"$3/g.json" 2>/dev/null; rc=$?
  [ $rc -eq 1 ] && "$4" <"$3/g.json"' - "$smtpreply" "$work/garbage" "$work" \
  "$top_builddir/tests/json-check"
check parse-garbage-text-safe sh -c '
  "$1" parse <"$2" >"$3/g.txt" 2>/dev/null
  ! grep -q "$(printf "\033")" "$3/g.txt"' - "$smtpreply" "$work/garbage" "$work"
run parse-stream-he 1 --lang=he parse "$in/parse-stream.in"
finish
