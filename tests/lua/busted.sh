#! /bin/sh
# busted.sh -- run a busted spec against the module of the build tree.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: busted.sh SPEC.  make check runs it with top_srcdir, top_builddir,
# LUA and BUSTED in the environment (tests/local.mk).  The search paths
# find smtpreply.lua in the source tree and smtpreply/core.so in the build
# tree, laid out as they are installed; ";;" keeps Lua's default paths, for
# busted's own modules.  The _5_4 names win over LUA_PATH and LUA_CPATH.

: "${top_srcdir:?}" "${top_builddir:?}" "${LUA:?}" "${BUSTED:?}"
LUA_PATH_5_4="$top_srcdir/bindings/lua/?.lua;;"
LUA_CPATH_5_4="$top_builddir/bindings/lua/?.so;;"
export LUA_PATH_5_4 LUA_CPATH_5_4
exec "$BUSTED" -o TAP --lua="$LUA" "$@"
