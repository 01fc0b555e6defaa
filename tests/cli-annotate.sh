#!/bin/sh
# cli-annotate.sh -- "smtpreply annotate".
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
. "$top_srcdir/tests/cli-lib.sh"
in=tests/cli
ex=examples

run annotate-mixed 0 annotate "$in/annotate-mixed.log"
run annotate-mixed-all 0 annotate --all "$in/annotate-mixed.log"
run annotate-mixed-failures 0 annotate --failures "$in/annotate-mixed.log"
run annotate-mixed-redact 0 annotate --redact "$in/annotate-mixed.log"
run annotate-mixed-json 0 --json annotate "$in/annotate-mixed.log"
run annotate-mixed-summary 0 annotate --summary "$in/annotate-mixed.log"
run annotate-mixed-summary-json 0 annotate --summary --json "$in/annotate-mixed.log"
run annotate-mixed-ru 0 --lang=ru annotate "$in/annotate-mixed.log"
run annotate-mixed-summary-ru 0 --lang=ru annotate --summary "$in/annotate-mixed.log"
envs="LANGUAGE=ru" run annotate-mixed-json-ru 0 annotate --json "$in/annotate-mixed.log"
run annotate-summary-ru 0 --lang=ru annotate --summary --redact "$ex/postfix.log" "$ex/exim.log" "$ex/sendmail.log"
run annotate-help-ru 0 --lang=ru annotate --help
run annotate-summary-no-replies 0 annotate --summary "$in/no-replies.log"
run annotate-postfix 0 annotate "$ex/postfix.log"
run annotate-exim 0 annotate "$ex/exim.log"
run annotate-sendmail 0 annotate "$ex/sendmail.log"
run annotate-summary 0 annotate --summary --redact "$ex/postfix.log" "$ex/exim.log" "$ex/sendmail.log"
run annotate-summary-json 0 --json annotate --summary "$ex/postfix.log" "$ex/exim.log" "$ex/sendmail.log"
stdin="$in/annotate-mixed.log" run annotate-stdin 0 annotate
run annotate-missing 3 annotate tests/cli/no-such-file "$in/annotate-mixed.log"
run annotate-directory 3 annotate "$in"
run annotate-help 0 annotate --help
run usage-annotate-bad-option 2 annotate --sumary

# Lines that look like replies but are not must not be annotated.
check annotate-near-misses-ignored sh -c '
  out=$("$1" annotate "$2")
  for bad in "qmgr\[421\]" "daemon started -- version" "exim 4.96" \
             "defer (111)" "size=421" "Dovecot 2.3.19"; do
    if printf "%s\n" "$out" | grep -q -- "$bad"; then echo "annotated: $bad"; exit 1; fi
  done' - "$smtpreply" "$top_srcdir/$in/annotate-mixed.log"

# A gzip'ed log reads like the plain one.
gzip -c "$top_srcdir/$in/annotate-mixed.log" >"$work/mixed.log.gz"
check annotate-gzip-same-as-plain sh -c '
  "$1" annotate "$2" >"$4/plain"; "$1" annotate "$3" >"$4/gz"
  cmp "$4/plain" "$4/gz"' - "$smtpreply" "$top_srcdir/$in/annotate-mixed.log" \
  "$work/mixed.log.gz" "$work"

# Every JSON record is valid JSON and valid UTF-8, even from invalid input.
printf 'said: 550 5.1.1 \377\376 caf\303\251 \033[2J\n' >"$work/bad.log"
check annotate-json-valid sh -c '
  "$1" --json annotate "$2" "$3" "$4" "$5" >"$6/out.json" && "$7" <"$6/out.json"' \
  - "$smtpreply" "$top_srcdir/$ex/postfix.log" "$top_srcdir/$ex/exim.log" "$top_srcdir/$ex/sendmail.log" \
  "$work/bad.log" "$work" "$top_builddir/tests/json-check"
check annotate-text-has-no-escapes sh -c '
  "$1" annotate "$2" >"$3/out.txt"
  ! grep -q "$(printf "\033")" "$3/out.txt"' - "$smtpreply" "$work/bad.log" "$work"

# A 100 MB log in bounded memory: the peak resident size after reading it
# all is within 8 MiB of the peak after the first megabyte.
line='Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: to=<b@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=250, dsn=5.1.1, status=bounced (host mx.example.net[198.51.100.7] said: 550 5.1.1 <b@example.net>: User unknown (in reply to RCPT TO command))'
check annotate-100mb-bounded-memory sh -c '
  mkfifo "$2/fifo"
  "$1" annotate --summary <"$2/fifo" >"$2/big.out" &
  pid=$!
  exec 3>"$2/fifo"
  yes "$3" | head -c 1048576 >&3
  hwm () { sed -n "s/^VmHWM: *\([0-9]*\) kB/\1/p" /proc/$pid/status; }
  first=$(hwm)
  yes "$3" | head -c 104857600 >&3
  last=$(hwm)
  exec 3>&-
  wait $pid || exit 1
  grep -q "550 5.1.1" "$2/big.out" || exit 1
  echo "VmHWM $first kB after 1 MiB, $last kB after 101 MiB"
  [ $((last - first)) -lt 8192 ]' - "$smtpreply" "$work" "$line"
# Progress on standard error when it is a terminal (script(1) gives the
# program one), and none when it is not.
check annotate-progress-on-a-terminal sh -c '
  command -v script >/dev/null || { echo "script(1) is missing"; exit 1; }
  yes "$3" | head -c 40000000 >"$2/progress.log"
  script -qec "\"$1\" annotate --summary \"$2/progress.log\" >/dev/null" /dev/null \
    >"$2/progress.tty" 2>&1
  grep -q "smtpreply: $2/progress.log: 32 MiB" "$2/progress.tty" || { cat "$2/progress.tty"; exit 1; }
  "$1" annotate --summary "$2/progress.log" 2>"$2/progress.err" >/dev/null
  [ ! -s "$2/progress.err" ]' - "$smtpreply" "$work" "$line"
run annotate-mixed-he 0 --lang=he annotate "$in/annotate-mixed.log"

# A summary past its memory (1 MiB, shared by the threads) spills its
# rows to temporary files in $TMPDIR and prints what a summary kept in
# memory prints.  The
# log has 30,000 lines, each to a domain of its own, with 4,000 distinct
# replies and 3 reasons: some 6 MiB of rows.
awk 'BEGIN {
  for (i = 0; i < 30000; i++) {
    c = 550 + i % 5; e = "5." i % 8 "." i % 100
    if (i % 3 == 0) why = "User unknown"
    else if (i % 3 == 1) why = "Mailbox full"
    else why = "Message rejected as spam"
    printf "Nov 28 03:15:21 mx1 postfix/smtp[%d]: %05X: to=<u%d@d%d.example>, relay=mx.example.net[198.51.100.7]:25, dsn=%s, status=bounced (host mx.example.net[198.51.100.7] said: %d %s %s (in reply to RCPT TO command))\n", i, i, i, i, e, c, e, why
  }
}' >"$work/many.log"
mkdir "$work/tmp"
for format in text json; do
  check "annotate-summary-spilled-$format-same-as-in-memory" sh -c '
    json=; [ "$5" = json ] && json=--json
    TMPDIR="$3/tmp" "$1" $json annotate --summary "$2" >"$3/spilled" || exit 1
    "$4" none "$5" "$2" >"$3/kept" || exit 1
    grep -q "^Bounced: 30000 lines\$\|\"count\":30000," "$3/spilled" || exit 1
    cmp "$3/spilled" "$3/kept" || exit 1
    # The files are unlinked as soon as they are made.
    [ -z "$(ls "$3/tmp")" ]' - "$smtpreply" "$work/many.log" "$work" \
    "$top_builddir/tests/summary-dump" "$format"
done
# That it spills shows where no file can be made: the error, with what
# the system said, and exit status 3; the lines before it are summarised,
# as when a file of several cannot be read.  A small log makes no file.
# With threads, each counts in a summary of its own, which spills on its
# own: the error, and what errno said, come from the thread that met it,
# the main one or another (which one varies: five runs each).
for j in 1 2 8; do
  check "annotate-summary-temp-file-error-jobs-$j" sh -c '
    for run in 1 2 3 4 5; do
      rc=0
      TMPDIR="$3/missing" "$1" annotate --jobs="$4" --summary "$2" >"$3/out" 2>"$3/err" || rc=$?
      [ "$rc" -eq 3 ] || { echo "exit status $rc"; exit 1; }
      grep -q "^Bounced: [0-9]* lines\$" "$3/out" || exit 1
      ! grep -q "^Bounced: 30000 lines\$" "$3/out" || exit 1
      [ "$(cat "$3/err")" = "smtpreply: A temporary file could not be created, written or read: No such file or directory" ] \
        || { cat "$3/err"; exit 1; }
    done' - "$smtpreply" "$work/many.log" "$work" "$j"
done
envs="TMPDIR=$work/missing" expect_out=annotate-mixed-summary \
  run annotate-mixed-summary-no-temp-file 0 annotate --summary "$in/annotate-mixed.log"

# Files are read by a thread per processor (--jobs), in batches of about
# 16 KiB and 128 lines: whatever the number of threads, the output is
# the one of a single thread, line for line.  The log has some 300
# batches of Postfix, Exim and Sendmail lines with and without replies,
# a line of 200 KB with a reply in the middle (longer than a batch), and
# ends without a line feed.
for i in $(seq 40); do
  cat "$top_srcdir/$in/annotate-mixed.log" "$top_srcdir/$ex/postfix.log" \
      "$top_srcdir/$ex/exim.log" "$top_srcdir/$ex/sendmail.log"
  if [ "$i" -eq 20 ]; then
    printf 'Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: to=<b@example.net>, status=bounced (host x said: 550 5.1.1 unknown %s)\n' \
      "$(head -c 200000 /dev/zero | tr '\0' x)"
  fi
done >"$work/jobs.log"
printf 'Nov 28 03:15:22 mx1 postfix/smtp[251]: 4F2A81C2B4: to=<c@example.net>, status=deferred (host x said: 421 4.7.0 try later)' >>"$work/jobs.log"
gzip -c "$work/jobs.log" >"$work/jobs.log.gz"
for mode in "annotate" "annotate --all --redact" "--json annotate" \
            "annotate --summary" "--json annotate --summary --failures" \
            "--lang=ru annotate --failures" "annotate --stage=rcpt"; do
  name=$(printf '%s' "$mode" | tr -cs 'a-z' '-' | sed 's/^-*//')
  check "annotate-jobs-same-output-$name" sh -c '
    for f in "$2" "$2.gz"; do
      "$1" $3 --jobs=1 "$f" >"$4/one" || exit 1
      [ "$(wc -c <"$4/one")" -gt 2000 ] || { echo "too little output"; exit 1; }
      for jobs in 2 7; do
        "$1" $3 --jobs=$jobs "$f" >"$4/many" || exit 1
        cmp "$4/one" "$4/many" || exit 1
      done
    done' - "$smtpreply" "$work/jobs.log" "$mode" "$work"
done
# Standard input, a pipe here, is read with the threads too, and prints
# what the file prints.
for mode in "annotate" "annotate --summary"; do
  name=$(printf '%s' "$mode" | tr -cs 'a-z' '-')
  check "annotate-jobs-stdin-same-output-$name" sh -c '
    "$1" $3 --jobs=1 "$2" | sed "s|$2|-|" >"$4/one" || exit 1
    cat "$2" | "$1" $3 --jobs=4 >"$4/pipe" || exit 1
    [ -s "$4/pipe" ] && cmp "$4/one" "$4/pipe"' - "$smtpreply" "$work/jobs.log" "$mode" "$work"
done
# A read error halfway through a file: the lines before it, then the
# error and exit status 3, as with a single thread.
head -c 30000 "$work/jobs.log.gz" >"$work/cut.log.gz"
check annotate-jobs-read-error sh -c '
  rc1=0; rc2=0
  "$1" annotate --jobs=1 "$2" >"$3/one" 2>"$3/one.err" || rc1=$?
  "$1" annotate --jobs=2 "$2" >"$3/two" 2>"$3/two.err" || rc2=$?
  [ "$rc1" -eq 3 ] && [ "$rc2" -eq 3 ] || { echo "exit status $rc1, $rc2"; exit 1; }
  [ -s "$3/one" ] && cmp "$3/one" "$3/two" && cmp "$3/one.err" "$3/two.err" \
    && grep -q "cut.log.gz" "$3/two.err"' - "$smtpreply" "$work/cut.log.gz" "$work"
# Nobody reads the output any more: the threads stop, and so does the
# program.
check annotate-jobs-output-closed sh -c '
  timeout 60 sh -c "\"\$1\" annotate --jobs=2 \"\$2\" | head -n 1 >/dev/null; exit 0" - "$1" "$2"
  [ $? -eq 0 ]' - "$smtpreply" "$work/jobs.log"
run usage-annotate-bad-jobs 2 annotate --jobs=0 "$in/annotate-mixed.log"
run usage-annotate-bad-jobs-word 2 annotate --jobs=many "$in/annotate-mixed.log"
finish
