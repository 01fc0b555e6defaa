#!/bin/sh
# po-complete.sh -- every shipped catalog translates every current string.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The template is extracted afresh from the sources, as "make -C po
# update-po" would, so a string added to the code without its translations
# fails here.  For each language of po/LINGUAS: msgfmt --check passes, and
# msgcmp finds every msgid of the template translated (untranslated and
# fuzzy entries count as missing).  Each catalog's statistics are printed.
set -u
: "${top_srcdir:?}" "${XGETTEXT:?}" "${MSGFMT:?}" "${MSGCMP:?}"
work=$(mktemp -d "${TMPDIR:-/tmp}/smtpreply-po.XXXXXX")
trap 'rm -rf "$work"' EXIT
n=0

# The options of po/Makevars.
opts=$(sed -n '/^XGETTEXT_OPTIONS *=/,/[^\\]$/p' "$top_srcdir/po/Makevars" \
       | sed 's/^XGETTEXT_OPTIONS *=//; s/\\$//' | tr '\n' ' ')
files=$(sed -e 's/#.*//' -e '/^ *$/d' "$top_srcdir/po/POTFILES.in")
n=$((n + 1))
# shellcheck disable=SC2086
if (cd "$top_srcdir" && "$XGETTEXT" $opts -o "$work/smtpreply.pot" $files) \
     2>"$work/xgettext.err"; then
  echo "ok $n - the template extracts from po/POTFILES.in"
else
  echo "not ok $n - the template extracts from po/POTFILES.in"
  sed 's/^/# /' "$work/xgettext.err"
fi

for lang in $(sed -e 's/#.*//' "$top_srcdir/po/LINGUAS"); do
  po="$top_srcdir/po/$lang.po"
  n=$((n + 1))
  stats=$("$MSGFMT" --check --statistics -o /dev/null "$po" 2>&1)
  missing=$("$MSGCMP" "$po" "$work/smtpreply.pot" 2>&1)
  if [ $? -eq 0 ] && [ -n "$stats" ] \
     && ! printf '%s\n' "$stats" | grep -q -e 'fuzzy' -e 'untranslated' -e 'error' -e 'warning'; then
    echo "ok $n - $lang.po is complete: $stats"
  else
    echo "not ok $n - $lang.po is not complete: $stats"
    printf '%s\n' "$missing" | head -20 | sed 's/^/# /'
  fi
done
echo "1..$n"
