#!/bin/sh
# potfiles.sh -- po/POTFILES.in lists exactly the files with strings, and
# every string carries a comment for its translators.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
: "${top_srcdir:?}" "${XGETTEXT:?}"
cd "$top_srcdir" || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/smtpreply-potfiles.XXXXXX")
trap 'rm -rf "$work"' EXIT
n=0

listed=$(sed -e 's/#.*//' -e '/^ *$/d' po/POTFILES.in | sort)
using=$(grep -l -E '(^|[^A-Za-z0-9_])(N?_|P_) ?\(' core/*.c core/*.def core/bounce/*.c core/bounce/*.def cli/*.c \
        examples/*/*.def 2>/dev/null | sort)

n=$((n + 1))
missing=$(comm -13 "$(printf '%s\n' "$listed" >"$work/l"; echo "$work/l")" \
                   "$(printf '%s\n' "$using" >"$work/u"; echo "$work/u")")
if [ -z "$missing" ]; then
  echo "ok $n - every file using _(), N_() or P_() is in po/POTFILES.in"
else
  echo "not ok $n - files with strings missing from po/POTFILES.in:"
  printf '%s\n' "$missing" | sed 's/^/# /'
fi

n=$((n + 1))
gone=
for f in $listed; do
  [ -f "$f" ] || gone="$gone $f"
done
if [ -z "$gone" ]; then
  echo "ok $n - every file of po/POTFILES.in exists"
else
  echo "not ok $n - po/POTFILES.in lists missing files:$gone"
fi

n=$((n + 1))
opts=$(sed -n '/^XGETTEXT_OPTIONS *=/,/[^\\]$/p' po/Makevars \
       | sed 's/^XGETTEXT_OPTIONS *=//; s/\\$//' | tr '\n' ' ')
# shellcheck disable=SC2086
"$XGETTEXT" $opts -o "$work/t.pot" $listed 2>/dev/null
# Entries (blank-line separated) after the header without a "#." line.
bare=$(awk 'BEGIN { RS = ""; n = 0 } NR > 1 && !/(^|\n)#\. / { n++; print "# " $0 } END { exit n > 0 }' "$work/t.pot")
if [ $? -eq 0 ]; then
  echo "ok $n - every msgid has a TRANSLATORS comment"
else
  echo "not ok $n - msgids without a TRANSLATORS comment:"
  printf '%s\n' "$bare" | head -30
fi
echo "1..$n"
