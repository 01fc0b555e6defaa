#! /bin/sh
# busted.sh -- run a busted spec against the module of the build tree.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: busted.sh SPEC.  make check runs it with top_srcdir, top_builddir,
# LUA and BUSTED in the environment (tests/local.mk); .ci/run also points
# LUA_MODULE_DIR and LUA_SCRIPT_DIR at the folders of core.so and
# smtpreply.lua installed by LuaRocks for another interpreter.  The search
# paths find smtpreply.lua in the source tree, smtpreply/core.so in the
# build tree, laid out as they are installed, and testlib.lua in
# tests/lua; ";;" keeps Lua's default paths, for busted's own modules.
# Every Lua reads one of these names: 5.1 and LuaJIT the plain ones, the
# others theirs first.
#
# Without busted the spec cannot run: say so as TAP does, so that the
# test counts as an error rather than a pass.

: "${top_srcdir:?}" "${top_builddir:?}" "${LUA:?}"
if [ -z "${BUSTED:-}" ]; then
  echo "Bail out! busted is needed to run the Lua tests (Debian: lua-busted)"
  exit 1
fi
LUA_PATH="${LUA_SCRIPT_DIR:-$top_srcdir/bindings/lua}/?.lua;$top_srcdir/tests/lua/?.lua;;"
LUA_CPATH="${LUA_MODULE_DIR:-$top_builddir/bindings/lua}/?.so;;"
for v in 5_2 5_3 5_4; do
  eval "LUA_PATH_$v=\$LUA_PATH LUA_CPATH_$v=\$LUA_CPATH"
  export "LUA_PATH_$v" "LUA_CPATH_$v"
done
export LUA_PATH LUA_CPATH
exec "$BUSTED" -o TAP --lua="$LUA" "$@"
