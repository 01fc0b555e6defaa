# cli-lib.sh -- shared by the tests/cli-*.sh scripts.   -*- sh -*-
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Each case runs the smtpreply program and compares its exit status, its
# standard output with tests/cli/NAME.out and its standard error with
# tests/cli/NAME.err (empty when that file does not exist).  Results are
# TAP, one line per case; source this file, call the functions, then
# "finish".

: "${top_srcdir:?run me from make check}"
: "${top_builddir:?run me from make check}"
smtpreply="$top_builddir/cli/smtpreply"
expected_dir="$top_srcdir/tests/cli"
work=$(mktemp -d "${TMPDIR:-/tmp}/smtpreply-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
cases=0
failed=0

# Report case NAME as passed (0) or failed (anything else), with a note.
report () {
  cases=$((cases + 1))
  if [ "$2" -eq 0 ]; then
    echo "ok $cases - $1"
  else
    failed=$((failed + 1))
    echo "not ok $cases - $1"
    [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /'
  fi
}

# run NAME STATUS [ARG...]: run smtpreply ARG... in the source tree (so
# that file names in messages are the same in every build), or in $run_dir,
# with stdin from $stdin (default /dev/null) and the environment changed
# by $envs (env's arguments), and check status STATUS, NAME.out (or
# $expect_out.out: several cases may expect one output) and NAME.err.
run () {
  name=$1 status=$2
  shift 2
  rc=0
  # shellcheck disable=SC2086
  (cd "${run_dir:-$top_srcdir}" && exec env ${envs:-} "$smtpreply" "$@" <"${stdin:-/dev/null}") \
    >"$work/out" 2>"$work/err" || rc=$?
  note=
  # "make check REGENERATE=1" (a developer's tool) rewrites the expected
  # output from what the program printed; review the diff before
  # committing it.
  if [ -n "${REGENERATE:-}" ] && [ "$rc" -eq "$status" ]; then
    cp "$work/out" "$expected_dir/${expect_out:-$name}.out"
    if [ -s "$work/err" ]; then
      cp "$work/err" "$expected_dir/$name.err"
    else
      rm -f "$expected_dir/$name.err"
    fi
  fi
  [ "$rc" -eq "$status" ] || note="exit status $rc, expected $status"
  if ! cmp -s "$work/out" "$expected_dir/${expect_out:-$name}.out"; then
    note="$note${note:+
}$(diff -u "$expected_dir/${expect_out:-$name}.out" "$work/out" 2>&1 | head -40)"
  fi
  if [ -f "$expected_dir/$name.err" ]; then
    cmp -s "$work/err" "$expected_dir/$name.err" \
      || note="$note${note:+
}$(diff -u "$expected_dir/$name.err" "$work/err" 2>&1 | head -20)"
  elif [ -s "$work/err" ]; then
    note="$note${note:+
}unexpected stderr: $(head -5 "$work/err")"
  fi
  [ -z "$note" ]
  report "$name" $? "$note"
}

# check NAME COMMAND...: a case that passes when COMMAND succeeds.
check () {
  name=$1
  shift
  if out=$("$@" 2>&1); then
    report "$name" 0
  else
    report "$name" 1 "$out"
  fi
}

finish () {
  echo "1..$cases"
  exit 0
}
