#!/bin/sh
# install-headers.sh -- "make install" puts smtpreply.h alone at the top of
# the include folder and the other headers in its smtpreply/ folder, and a
# program built with the installed pkg-config files finds them all.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
dest=$(mktemp -d "${TMPDIR:-/tmp}/smtpreply-install.XXXXXX") || exit 99
trap 'rm -rf "$dest"' EXIT
n=0

n=$((n + 1))
if ! make -s -C "$top_builddir" install DESTDIR="$dest" \
       >"$dest.log" 2>&1; then
  echo "not ok $n - make install DESTDIR=... failed"
  sed 's/^/# /' "$dest.log"
  rm -f "$dest.log"
  echo "1..$n"
  exit 0
fi
rm -f "$dest.log"
echo "ok $n - make install DESTDIR=... succeeds"

# The include folder is the one of smtpreply.h; every file under any
# folder named include is listed, so that a header installed elsewhere
# counts too.
n=$((n + 1))
header=$(find "$dest" -name smtpreply.h -path '*/include/*')
includedir=${header%/smtpreply.h}
want='smtpreply.h
smtpreply/bounce.h
smtpreply/errors.def'
have=$(find "$dest" -path '*/include/*' ! -type d | sed "s|^$includedir/||" \
       | LC_ALL=C sort)
if [ -n "$header" ] && [ "$have" = "$want" ]; then
  echo "ok $n - the include folder holds exactly smtpreply.h and smtpreply/"
else
  echo "not ok $n - the include folder holds something else"
  printf 'want:\n%s\nhave:\n%s\n' "$want" "$have" | sed 's/^/# /'
fi

# Both headers compile from their installed places, with the flags the
# installed smtpreply-bounce.pc gives (it requires smtpreply.pc).
n=$((n + 1))
pcdir=$(dirname "$(find "$dest" -name smtpreply-bounce.pc | head -n 1)")
cat >"$dest/use.c" <<'EOF'
#include <smtpreply/bounce.h>
#include <smtpreply.h>

int
main (void)
{
  struct smtpreply_bounce *b = NULL;

  return b == NULL && SMTPREPLY_EINVAL < 0 ? 0 : 1;
}
EOF
cflags=$(PKG_CONFIG_PATH=$pcdir PKG_CONFIG_SYSROOT_DIR=$dest \
         PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 \
         pkg-config --cflags smtpreply-bounce 2>"$dest/pc.log")
# shellcheck disable=SC2086
if [ -z "$cflags" ]; then
  echo "not ok $n - pkg-config --cflags smtpreply-bounce gives nothing"
  sed 's/^/# /' "$dest/pc.log"
elif ${CC:-cc} -fsyntax-only -Werror -Wall $cflags "$dest/use.c" \
       >"$dest/cc.log" 2>&1; then
  echo "ok $n - <smtpreply.h> and <smtpreply/bounce.h> compile as installed"
else
  echo "not ok $n - the installed headers do not compile ($cflags)"
  sed 's/^/# /' "$dest/cc.log"
fi
echo "1..$n"
