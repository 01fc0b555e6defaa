#!/bin/sh
# cli-output.sh -- write errors, and what the program echoes made safe.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
. "$top_srcdir/tests/cli-lib.sh"
in=tests/cli
ex=examples

# full NAME ARG...: "smtpreply ARG... >/dev/full" reports the write error
# and exits 3, whatever the command.
full () {
  name=$1
  shift
  rc=0
  (cd "$top_srcdir" && exec "$smtpreply" "$@" </dev/null >/dev/full 2>"$work/err") || rc=$?
  note=
  [ "$rc" -eq 3 ] || note="exit status $rc, expected 3"
  printf 'smtpreply: write error: No space left on device\n' >"$work/want"
  cmp -s "$work/want" "$work/err" \
    || note="$note${note:+
}stderr: $(cat "$work/err")"
  [ -z "$note" ]
  report "$name" $? "$note"
}

full full-help --help
full full-version --version
full full-explain-help explain --help
full full-parse-help parse --help
full full-annotate-help annotate --help
full full-list-help list --help
full full-explain explain 550
full full-explain-json --json explain 550 5.1.1
full full-list list
full full-list-enhanced list --enhanced
full full-parse-examples parse "$ex/replies.txt"
full full-annotate annotate "$ex/postfix.log"
full full-annotate-json --json annotate "$ex/postfix.log"
full full-annotate-summary annotate --summary "$ex/postfix.log"

# With SIGPIPE ignored, "annotate" stops at the first write that fails
# when its reader is gone, instead of reading all of its input: of a
# 200 MB log, it reads (the offset of its standard input shows) less than
# 16 MiB.
line='Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: to=<b@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=250, dsn=5.1.1, status=bounced (host mx.example.net[198.51.100.7] said: 550 5.1.1 <b@example.net>: User unknown (in reply to RCPT TO command))'
check annotate-stops-at-a-closed-pipe sh -c '
  yes "$3" | head -c 200000000 >"$2/big.log"
  trap "" PIPE
  exec 3<"$2/big.log"
  { "$1" annotate - <&3 2>"$2/pipe.err"; echo $? >"$2/pipe.rc"; } | head -c 100 >/dev/null
  pos=$(sed -n "s/^pos:[[:space:]]*//p" /proc/$$/fdinfo/3)
  exec 3<&-
  rm -f "$2/big.log"
  echo "read $pos of 200000000 bytes, exit $(cat "$2/pipe.rc"): $(cat "$2/pipe.err")"
  [ "$(cat "$2/pipe.rc")" = 3 ] && [ "$pos" -lt 16777216 ] \
    && [ "$(cat "$2/pipe.err")" = "smtpreply: write error: Broken pipe" ]' \
  - "$smtpreply" "$work" "$line"

# File names, --lang values, options and commands are echoed on standard
# error with controls, invalid UTF-8 and bidirectional or invisible
# characters shown as escapes.
bad_name=$(printf 'no-such\033[2J\342\200\256file\377.log')
run echo-file-name 3 annotate "$bad_name"
run echo-file-name-parse 3 parse "$bad_name"
run echo-lang 0 --lang="$(printf 'x\033]0;pwned\007\342\201\246')" explain 550
run echo-option 2 "$(printf -- '--\033[31mred')"
run echo-command 2 "$(printf 'frob\302\233\342\200\213nicate')"

# JSON escapes what the text output removes: C1 controls (U+009B, U+0085),
# bidirectional controls and invisible characters (U+202E, U+2066, U+200B,
# U+FEFF, U+061C, a tag character), the line and paragraph separators.
printf 'said: 550 5.1.1 a\302\233b \302\205 \342\200\256c \342\201\246d \342\200\213e \357\273\277f \330\234g \363\240\200\201h \342\200\250i \342\200\251j \303\251\n' \
  >"$work/hidden.log"
stdin="$work/hidden.log" run json-escapes-hidden 0 --json annotate
stdin="$work/hidden.log" run text-removes-hidden 0 annotate
finish
