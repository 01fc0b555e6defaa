#!/bin/sh
# cli-hostile.sh -- the program under a catalog written to harm it.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# tests/cli/hostile-xx.po, compiled here as language "xx", translates the
# program's formats with %n, other types and positional conversions, and
# its text with escape sequences, C1 controls and bidirectional
# overrides.  Each such translation is dropped when the catalog is read:
# the program prints its English instead, exits as it would in English,
# and uses the rest of the catalog.
set -u
. "$top_srcdir/tests/cli-lib.sh"
in=tests/cli

mkdir -p "$work/locale/xx/LC_MESSAGES"
if ! "$MSGFMT" -o "$work/locale/xx/LC_MESSAGES/smtpreply.mo" \
       "$top_srcdir/$in/hostile-xx.po" 2>"$work/msgfmt.err"; then
  report hostile-catalog-compiles 1 "$(cat "$work/msgfmt.err")"
  finish
fi
envs="SMTPREPLY_LOCALEDIR=$work/locale"

run hostile-help 0 --lang=xx --help
run hostile-summary 0 --lang=xx annotate --summary "$in/annotate-mixed.log"
run hostile-parse 1 --lang=xx parse "$in/parse-stream.in"
run hostile-parse-empty 1 --lang=xx parse /dev/null
run hostile-explain-invalid 1 --lang=xx explain 5x0
run hostile-bad-option 2 --lang=xx --frobnicate
finish
