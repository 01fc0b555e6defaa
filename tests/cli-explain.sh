#!/bin/sh
# cli-explain.sh -- "smtpreply explain" and the program's common behaviour.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
. "$top_srcdir/tests/cli-lib.sh"

run explain-550 0 explain 550
run explain-unknown-valid 0 explain 259 100
run explain-invalid 1 explain abc 5x0 2500 -1 '' 160 600
run explain-mixed 1 explain 421 999 221
run explain-enhanced 0 explain 5.1.1 4.7.999
run explain-enhanced-invalid 1 explain 5.01.1 6.1.1 5.1 5.1.1.1 5.1000.1
run explain-reply 0 explain '550 5.1.1 <a@b>: User unknown'
run explain-mismatch 0 explain '550 4.2.2 mailbox full'
run explain-stage 0 explain --stage=rcpt 552
run explain-json 0 --json explain 550 259 5.7.1
run explain-json-invalid 1 explain --json 5x0
stdin="$top_srcdir/tests/cli/explain-stdin.in" run explain-stdin 0 explain -
# In Russian: by --lang, by LANGUAGE under C.UTF-8, by LANG for a locale
# this machine does not have.
run explain-550-ru 0 --lang=ru explain 550 5.1.1 259
envs="LANGUAGE=ru" run explain-550-ru-language 0 explain 550 5.1.1 259
envs="-u LC_ALL LANG=ru_RU.UTF-8" run explain-550-ru-lang 0 explain 550 5.1.1 259
envs="LC_ALL=C LANGUAGE=ru" run explain-550-c-locale 0 explain 550
run explain-invalid-ru 1 --lang=ru explain 5x0 6.1.1
run explain-json-ru 0 --lang=ru --json explain 550 5.7.1
run explain-unknown-lang 0 --lang=xx explain 550
run help-ru 0 --lang=ru --help
run explain-help-ru 0 --lang=ru explain --help
run list-ru 0 --lang=ru list
run list 0 list
# Colour: always, never, and auto (standard output is not a terminal here).
run explain-color-always 0 --color=always explain 550 221
run explain-color-never 0 --color=never explain 550
envs="NO_COLOR=1" run explain-no-color 0 --color=auto explain 550
run list-enhanced 0 list --enhanced
run help 0 --help
run explain-help 0 explain --help
run version 0 --version
run usage-no-command 2
run usage-bad-command 2 frobnicate
run usage-bad-option 2 --frobnicate
run usage-explain-no-arg 2 explain
run usage-bad-stage 2 explain --stage=lunch 550
run usage-bad-color 2 --color=sometimes list

# JSON output is read by a JSON parser too.
check explain-json-valid sh -c '
  "$1" --json explain 550 259 5.7.1 "550 4.2.2 full" "$(printf "550 \377 x")" >"$2/e.json"
  "$3" <"$2/e.json"' - "$smtpreply" "$work" "$top_builddir/tests/json-check"
check list-json-valid sh -c '
  "$1" --json list >"$2/l.json" && "$3" <"$2/l.json" \
  && "$1" --json list --enhanced >"$2/le.json" && "$3" <"$2/le.json"' \
  - "$smtpreply" "$work" "$top_builddir/tests/json-check"
# Hebrew is written right to left: codes, enhanced codes and the server's
# words are isolated (U+2068 ... U+2069) so that they keep their order;
# JSON has no direction and no isolates.
run explain-he 0 --lang=he explain 550 '550 5.1.1 <bob@example.net>: User unknown'
envs="LANGUAGE=he" expect_out=explain-he run explain-he-language 0 explain 550 '550 5.1.1 <bob@example.net>: User unknown'
run explain-json-he 0 --lang=he --json explain '550 5.1.1 <bob@example.net>: User unknown'
check explain-de-not-isolated sh -c '! "$1" --lang=de explain 550 5.1.1 | grep -q "$(printf "\342\201\250")"' - "$smtpreply"

finish
