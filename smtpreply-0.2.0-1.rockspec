-- smtpreply-0.2.0-1.rockspec -- the Lua module for LuaRocks.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- In a clone, after the library is installed ("make install"):
--
--   luarocks make smtpreply-0.2.0-1.rockspec              # any Lua 5.1 to 5.4
--   luarocks --lua-version=5.4 make --tree=DIR SMTPREPLY_DIR=PREFIX \
--     smtpreply-0.2.0-1.rockspec
--
-- The version is the library's (core/smtpreply.h); a test keeps them equal.

rockspec_format = "3.0"
package = "smtpreply"
version = "0.2.0-1"
source = {
  url = "git+https://github.com/smtpreply/smtpreply.git",
  tag = "v0.2.0",
}
description = {
  summary = "What SMTP server replies mean",
  detailed = [[
Reply codes, enhanced status codes, an incremental reply parser, advice,
the reasons of failed deliveries, mail-log records and mergeable
summaries, in 13 languages, from the C library libsmtpreply.]],
  homepage = "https://github.com/smtpreply/smtpreply",
  license = "LGPL-2.1-or-later",
}
dependencies = {
  "lua >= 5.1, < 5.5",
}
external_dependencies = {
  SMTPREPLY = {
    header = "smtpreply.h",
    library = "smtpreply",
  },
}
build = {
  type = "make",
  makefile = "bindings/lua/rock.mk",
  build_variables = {
    CFLAGS = "$(CFLAGS)",
    LIBFLAG = "$(LIBFLAG)",
    LUA_INCDIR = "$(LUA_INCDIR)",
    SMTPREPLY_INCDIR = "$(SMTPREPLY_INCDIR)",
    SMTPREPLY_LIBDIR = "$(SMTPREPLY_LIBDIR)",
  },
  install_variables = {
    INST_LIBDIR = "$(LIBDIR)",
    INST_LUADIR = "$(LUADIR)",
  },
}
