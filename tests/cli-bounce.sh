#!/bin/sh
# cli-bounce.sh -- "smtpreply bounce".
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
. "$top_srcdir/tests/cli-lib.sh"
b=tests/bounces

run bounce-dsn 0 bounce "$b/postfix-dsn-userunknown.eml"
run bounce-dsn-multi 0 bounce "$b/exim-dsn-multi-recipient.eml"
run bounce-nondsn 0 bounce "$b/qmail-nondsn-local-multi.eml"
run bounce-arf 0 bounce "$b/arf-abuse.eml"
run bounce-not-bounce 0 bounce "$b/notbounce-vacation.eml" "$b/malformed-binary-junk.eml"
run bounce-x-unix 0 bounce "$b/sendmail-dsn-x-unix-255.eml"
run bounce-json 0 --json bounce "$b/postfix-dsn-userunknown.eml" \
  "$b/exim-dsn-multi-recipient.eml" "$b/arf-abuse.eml" "$b/notbounce-vacation.eml"
run bounce-ru 0 --lang=ru bounce "$b/exim-dsn-multi-recipient.eml"
run bounce-json-ru 0 --lang=ru --json bounce "$b/postfix-dsn-userunknown.eml"
run bounce-mbox 0 bounce --mbox "$b/mbox/bounces-mixed.mbox"
run bounce-mbox-json 0 --json bounce --mbox "$b/mbox/bounces-mixed.mbox"
stdin="$b/gmail-dsn-userunknown.eml" run bounce-stdin 0 bounce
stdin="$b/gmail-dsn-userunknown.eml" run bounce-stdin-dash 0 bounce -
run bounce-broken 1 bounce "$b/malformed-multipart-no-boundary.eml" "$b/postfix-dsn-userunknown.eml"
run bounce-broken-json 1 --json bounce "$b/malformed-multipart-no-boundary.eml"
run bounce-missing 3 bounce tests/cli/no-such-file "$b/arf-abuse.eml"
run bounce-not-maildir 3 bounce tests/cli
run bounce-help 0 bounce --help
run usage-bounce-bad-option 2 bounce --mbx

# A directory is a maildir: its cur/ and new/ messages, each by name.
mkdir -p "$work/md/cur" "$work/md/new" "$work/md/tmp"
cp "$top_srcdir/$b/arf-abuse.eml" "$work/md/new/1701000000.M1.host"
cp "$top_srcdir/$b/postfix-dsn-userunknown.eml" "$work/md/cur/1700000000.M2.host:2,S"
cp "$top_srcdir/$b/gmail-dsn-userunknown.eml" "$work/md/tmp/ignored"
touch "$work/md/cur/.hidden"
run_dir=$work run bounce-maildir 0 --json bounce md

# A compressed mailbox reads as the plain one.
gzip -c "$top_srcdir/$b/mbox/bounces-reports.mbox" >"$work/reports.mbox.gz"
check bounce-mbox-gzip-same-as-plain sh -c '
  "$1" --json bounce --mbox "$2" | sed "s/\"file\":\"[^\"]*\"//" >"$4/plain"
  "$1" --json bounce --mbox "$3" | sed "s/\"file\":\"[^\"]*\"//" >"$4/gz"
  cmp "$4/plain" "$4/gz"' - "$smtpreply" "$top_srcdir/$b/mbox/bounces-reports.mbox" \
  "$work/reports.mbox.gz" "$work"

# A mailbox whose first message does not start with "From " is read from
# its first byte; ">From " in a body loses one ">" (mboxrd).
printf 'Subject: x\n\nhello\n\nFrom someone Tue Jan  1 00:00:00 2026\nSubject: y\n\n>From the top\n' \
  >"$work/odd.mbox"
run_dir=$work run bounce-mbox-odd 0 --json bounce --mbox odd.mbox

# Every JSON record is valid JSON, for the whole corpus.
check bounce-json-valid sh -c '
  for f in "$2"/*.eml; do "$1" --json bounce "$f"; done >"$3/all.json"
  "$4" <"$3/all.json"' - "$smtpreply" "$top_srcdir/$b" "$work" \
  "$top_builddir/tests/json-check"

# Every message of the corpus gives, through the command, the records its
# .expect says (tests/bounces/compare.py).
check bounce-corpus /usr/bin/python3 "$top_srcdir/$b/compare.py" "$top_srcdir/$b" \
  "$smtpreply --json bounce {}" "$smtpreply --json bounce --mbox {}"

run bounce-dsn-multi-he 0 --lang=he bounce "$b/exim-dsn-multi-recipient.eml"

# Where the library is built shared, "bounce" loads it when it runs: the
# other commands start without GMime (the dynamic linker's log of the
# files it loads shows it), and a library that cannot be loaded is an
# error, status 3, before any message is read.
if [ "$BOUNCE_DLOPEN" = yes ]; then
  check bounce-library-loaded-by-bounce-alone sh -c '
    LD_DEBUG=files "$1" bounce "$2" 2>"$3/ld-bounce" >/dev/null || exit 1
    grep -q "file=libgmime-3\.0\.so" "$3/ld-bounce" \
      || { echo "bounce did not load GMime"; exit 1; }
    grep -q "file=libsmtpreply-bounce\.so" "$3/ld-bounce" || exit 1
    for cmd in "explain 550" "annotate /dev/null" "list"; do
      # shellcheck disable=SC2086
      LD_DEBUG=files "$1" $cmd 2>"$3/ld-other" >/dev/null || exit 1
      if grep "file=libgmime\|file=libsmtpreply-bounce\|file=libglib" "$3/ld-other"; then
        echo "$cmd loaded the above"; exit 1
      fi
    done' - "$smtpreply" "$top_srcdir/$b/arf-abuse.eml" "$work"
  check bounce-library-missing sh -c '
    rc=0
    SMTPREPLY_BOUNCE_LIBRARY="$3/no-such-lib.so" "$1" bounce "$2" >"$3/out" 2>"$3/err" || rc=$?
    [ "$rc" -eq 3 ] || { echo "exit status $rc"; exit 1; }
    [ ! -s "$3/out" ] || { cat "$3/out"; exit 1; }
    want="smtpreply: cannot load $3/no-such-lib.so: $3/no-such-lib.so: cannot open shared object file: No such file or directory"
    [ "$(cat "$3/err")" = "$want" ] || { cat "$3/err"; exit 1; }' \
    - "$smtpreply" "$top_srcdir/$b/arf-abuse.eml" "$work"
  # A library without the functions: the one of the core.
  check bounce-library-without-functions sh -c '
    rc=0
    SMTPREPLY_BOUNCE_LIBRARY="$3" "$1" bounce "$2" >/dev/null 2>"$4/err" || rc=$?
    [ "$rc" -eq 3 ] || { echo "exit status $rc"; exit 1; }
    grep -q "^smtpreply: cannot load $3: .*undefined symbol: smtpreply_bounce_read" "$4/err" \
      || { cat "$4/err"; exit 1; }' \
    - "$smtpreply" "$top_srcdir/$b/arf-abuse.eml" \
    "$top_builddir/core/.libs/libsmtpreply.so" "$work"
fi
finish
