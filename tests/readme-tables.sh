#!/bin/sh
# readme-tables.sh -- the README's tables are those of the .def files.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Each table sits between "<!-- begin TABLE -->" and "<!-- end TABLE -->"
# and must equal "doc/gen-tables TABLE".  With --update, rewrite them.  The
# errors table has two more columns written by hand (cause, what to do):
# only its first three are compared, and it is never rewritten.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
readme="$top_srcdir/README.md"
gen="$top_builddir/doc/gen-tables"
update=${1:-}
n=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smtpreply-readme.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp "$readme" "$tmp/readme"
for table in replies diagnostics errors; do
  n=$((n + 1))
  "$gen" "$table" >"$tmp/$table" || { echo "not ok $n - $table: gen-tables failed"; fail=1; continue; }
  # The README's lines between the markers.
  sed -n "/^<!-- begin $table -->\$/,/^<!-- end $table -->\$/p" "$tmp/readme" \
    | sed '1d;$d' >"$tmp/$table.readme"
  if [ "$table" = errors ]; then
    sed 's/^\(| [^|]* | [^|]* | [^|]* |\).*/\1/' "$tmp/$table.readme" \
      >"$tmp/$table.cut" && mv "$tmp/$table.cut" "$tmp/$table.readme"
  fi
  if cmp -s "$tmp/$table" "$tmp/$table.readme"; then
    echo "ok $n - README table $table matches the .def files"
  elif [ "$update" = --update ] && [ "$table" != errors ]; then
    awk -v t="$table" -v f="$tmp/$table" '
      $0 == "<!-- begin " t " -->" { print; while ((getline l < f) > 0) print l; skip = 1; next }
      $0 == "<!-- end " t " -->" { skip = 0 }
      !skip' "$tmp/readme" >"$tmp/readme.new" && mv "$tmp/readme.new" "$tmp/readme"
    echo "ok $n - README table $table updated"
  else
    echo "not ok $n - README table $table differs from the .def files (make update-readme)"
    diff -u "$tmp/$table.readme" "$tmp/$table" | head -20 | sed 's/^/# /'
  fi
done
[ "$update" = --update ] && cp "$tmp/readme" "$readme"
echo "1..$n"
