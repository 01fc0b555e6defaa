#!/bin/sh
# cli-input.sh -- what "annotate" reads: compressed logs told by their
# content, damaged ones, binary files.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Compressed files are made here with gzip, xz, bzip2 and zstd.  Damage is
# put where each format's layout fixes it (a stream's header, its
# trailer), after a first sound stream, so that the output expected is
# the same whatever the version of the compressor.
set -u
. "$top_srcdir/tests/cli-lib.sh"
log="$top_srcdir/tests/cli/annotate-mixed.log"

# flip FILE OFFSET MASK: XOR the byte at OFFSET of FILE (negative: from
# the end) with MASK.
flip () {
  size=$(wc -c <"$1")
  at=$2
  [ "$at" -lt 0 ] && at=$((size + at))
  byte=$(od -An -tu1 -j "$at" -N1 "$1" | tr -d ' ')
  new=$((byte ^ $3))
  { head -c "$at" "$1"
    printf "\\$(printf '%03o' "$new")"
    tail -c +$((at + 2)) "$1"; } >"$1.flipped"
  mv "$1.flipped" "$1"
}

run_dir=$work
for codec in gzip xz bzip2 zstd; do
  case $codec in
    gzip) compress="gzip -n -c" header=3 mask=224 ;;  # reserved FLG bits
    xz) compress="xz -c" header=8 mask=1 ;;          # stream header CRC32
    bzip2) compress="bzip2 -c" header=5 mask=1 ;;    # block magic
    zstd) compress="zstd -q -c" header=4 mask=8 ;;   # reserved frame bit
  esac
  if ! command -v "$codec" >/dev/null; then
    report "$codec-is-installed" 1 "$codec is missing (Debian: see quickstart)"
    continue
  fi
  $compress "$log" >"$work/$codec.1"

  # By content, not by name: no suffix.
  expect_out=annotate-mixed run "$codec-same-as-plain" 0 annotate "$codec.1"
  stdin="$work/$codec.1" expect_out=annotate-mixed \
    run "$codec-on-stdin" 0 annotate

  # Two streams, one after the other, read as one log.
  cat "$work/$codec.1" "$work/$codec.1" >"$work/$codec.2"
  expect_out=annotate-mixed-twice run "$codec-concatenated" 0 \
    annotate "$codec.2"

  # The second stream cut after 10 bytes, inside its header: the first is
  # printed, then the error.
  { cat "$work/$codec.1"; head -c 10 "$work/$codec.1"; } >"$work/$codec-cut"
  expect_out=annotate-mixed run "$codec-truncated" 3 annotate "$codec-cut"

  # The second stream with a damaged header.
  cp "$work/$codec.1" "$work/$codec.bad"
  flip "$work/$codec.bad" "$header" "$mask"
  cat "$work/$codec.1" "$work/$codec.bad" >"$work/$codec-corrupt"
  expect_out=annotate-mixed run "$codec-corrupt" 3 annotate "$codec-corrupt"

  # A damaged check in the trailer (gzip's length, xz's footer, bzip2's
  # and zstd's checksums) is found too.
  cp "$work/$codec.1" "$work/$codec-check"
  flip "$work/$codec-check" -4 1
  check "$codec-bad-check" sh -c '
    rc=0; cd "$1" && "$2" annotate "$3" >/dev/null 2>err || rc=$?
    [ $rc -eq 3 ] && [ "$(cat err)" = "smtpreply: $3: corrupt $4 data" ]' \
    - "$work" "$smtpreply" "$codec-check" "$codec"

  # A compressed file in a compressed file is not a log.
  $compress "$work/$codec.1" >"$work/$codec-twice"
  expect_out=empty run "$codec-twice" 1 annotate "$codec-twice"

  # A decompression bomb in bounded memory: 64 more streams of 5000 lines
  # (1.1 MB) each, after a first one, take less than 8 MiB more.  The program
  # reads a FIFO; once it sleeps waiting for more, it has decoded all it
  # was given.
  line='Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: to=<b@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=250, dsn=4.2.2, status=deferred (host mx.example.net[198.51.100.7] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))'
  yes "$line" | head -n 5000 | $compress >"$work/$codec.mib"
  check "$codec-bomb-in-bounded-memory" sh -c '
    rm -f "$1/fifo"; mkfifo "$1/fifo"
    "$2" annotate --summary <"$1/fifo" >"$1/bomb.out" &
    pid=$!
    exec 3>"$1/fifo"
    idle () {
      n=0 s=0
      while [ $s -lt 3 ]; do
        state=$(sed "s/.*) //" /proc/$pid/stat | cut -d" " -f1)
        if [ "$state" = S ]; then s=$((s + 1)); else s=0; fi
        n=$((n + 1)); [ $n -gt 3000 ] && return 1
        sleep 0.02
      done
    }
    hwm () { sed -n "s/^VmHWM: *\([0-9]*\) kB/\1/p" /proc/$pid/status; }
    cat "$3" >&3
    idle || exit 1
    first=$(hwm)
    i=0; while [ $i -lt 64 ]; do cat "$3"; i=$((i + 1)); done >&3
    idle || exit 1
    last=$(hwm)
    exec 3>&-
    wait $pid || exit 1
    echo "VmHWM $first kB after one stream, $last kB after 65"
    grep -q "^Deferred: 325000 lines" "$1/bomb.out" || { cat "$1/bomb.out"; exit 1; }
    [ $((last - first)) -lt 8192 ]' - "$work" "$smtpreply" "$work/$codec.mib"
done
unset expect_out

# Binary files are refused before anything of them is printed, with
# status 1; the other files are still read.
printf 'Nov 28 550 5.1.1 user unknown\nabc\000def\n' >"$work/nul.log"
printf '\177ELF\002\001\001\000' >"$work/program"
printf '\211PNG\r\n\032\n' >"$work/image.png"
printf 'PK\003\004 550 5.1.1\n' >"$work/archive.zip"
gzip -n -c "$work/nul.log" >"$work/nul.log.gz"
expect_out=empty run binary-nul 1 annotate --all nul.log
expect_out=empty run binary-elf 1 annotate program
expect_out=empty run binary-png 1 annotate image.png
expect_out=empty run binary-zip 1 annotate --all archive.zip
expect_out=empty run binary-nul-gzip 1 annotate nul.log.gz
cp "$log" "$work/mixed.log"
expect_out=annotate-mixed-all run binary-then-text 1 annotate --all \
  program mixed.log
# "parse" reads any bytes: its parser reports NULs in replies.
printf '250 ok\r\n550 a\000b\r\n' >"$work/nul.replies"
check parse-reads-nul-bytes sh -c '
  cd "$1" && "$2" parse nul.replies >/dev/null 2>err
  [ $? -eq 1 ] && grep -q "The reply contains a NUL byte" err' \
  - "$work" "$smtpreply"
unset run_dir

# A gzip'ed log cut in the middle: what was read is printed (the first
# 100 lines of output are those of the whole log), then the error.  Each
# copy of the log is numbered, so that the copies do not compress to
# almost nothing and half of the file holds about half of the text.
i=0
while [ $i -lt 100 ]; do sed "s/^/$i /" "$log"; i=$((i + 1)); done >"$work/long.log"
gzip -n -c "$work/long.log" >"$work/long.gz"
head -c $(($(wc -c <"$work/long.gz") / 2)) "$work/long.gz" >"$work/half.gz"
check gzip-cut-in-the-middle sh -c '
  cd "$1" && "$2" annotate long.log >whole && head -100 whole >whole100
  rc=0; "$2" annotate half.gz >half 2>err || rc=$?
  echo "$(wc -l <half) of $(wc -l <whole) lines, exit $rc: $(cat err)"
  [ $rc -eq 3 ] && [ "$(cat err)" = "smtpreply: half.gz: unexpected end of file" ] \
    && [ "$(wc -l <half)" -ge 100 ] && head -100 half | cmp -s - whole100' \
  - "$work" "$smtpreply"
finish
