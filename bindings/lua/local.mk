# bindings/lua/local.mk -- the Lua module.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# require "smtpreply" loads bindings/lua/smtpreply.lua, the native layer and
# its documentation, which is built on the C module smtpreply.core that SWIG
# generates from smtpreply-lua.i.  They install as
# $(luadir)/smtpreply.lua and $(luaexecdir)/smtpreply/core.so, where
# Debian's lua5.4 looks for modules under /usr/local.

lua_tests = \
	tests/lua/codes_spec.lua \
	tests/lua/enhanced_spec.lua \
	tests/lua/parser_spec.lua \
	tests/lua/text_spec.lua \
	tests/lua/i18n_spec.lua \
	tests/lua/lowlevel_spec.lua \
	tests/lua/memory_spec.lua \
	tests/lua/example_spec.lua

EXTRA_DIST += \
	bindings/lua/smtpreply-lua.i \
	bindings/lua/smtpreply.lua \
	examples/bounce-handler.lua \
	tests/lua/busted.sh \
	$(lua_tests)

if BUILD_LUA
# Pure-Lua modules go to share/lua/5.4, the C ones to lib/lua/5.4.
lua_DATA = bindings/lua/smtpreply.lua

luasmtpreplyexecdir = $(luaexecdir)/smtpreply
luasmtpreplyexec_LTLIBRARIES = bindings/lua/core.la
nodist_bindings_lua_core_la_SOURCES = bindings/lua/smtpreply-lua-wrap.c
bindings_lua_core_la_CPPFLAGS = $(AM_CPPFLAGS) $(LUA_CFLAGS)
# SWIG 4.1's Lua code compiles cleanly with our warnings, which check the
# C of smtpreply-lua.i too.
bindings_lua_core_la_CFLAGS = $(AM_CFLAGS)
# The interpreter provides Lua's functions: liblua is not linked in.  Lua
# needs one symbol of the module.
bindings_lua_core_la_LDFLAGS = $(AM_LDFLAGS) \
	-module -avoid-version -no-undefined \
	-export-symbols-regex '^luaopen_smtpreply_core$$'
bindings_lua_core_la_LIBADD = core/libsmtpreply.la

bindings/lua/smtpreply-lua-wrap.c: \
		$(srcdir)/bindings/lua/smtpreply-lua.i $(SWIG_DEPS)
	$(AM_V_GEN)$(MKDIR_P) bindings/lua && \
	$(SWIG) -lua -nomoduleglobal $(SWIG_FLAGS) -o $@-t \
	  $(srcdir)/bindings/lua/smtpreply-lua.i && \
	mv -f $@-t $@
CLEANFILES += bindings/lua/smtpreply-lua-wrap.c

# Lua needs the module, not libtool's archive.
install-exec-hook: install-exec-hook-lua
install-exec-hook-lua:
	rm -f '$(DESTDIR)$(luasmtpreplyexecdir)/core.la'
uninstall-hook: uninstall-hook-lua
uninstall-hook-lua:
	rm -f '$(DESTDIR)$(luasmtpreplyexecdir)/core.so'

# The build tree mirrors the installed layout, so that one search path
# finds the module: bindings/lua/smtpreply/core.so is the module libtool
# built in bindings/lua/.libs.
bindings/lua/smtpreply/core.so: bindings/lua/core.la
	$(AM_V_GEN)$(MKDIR_P) bindings/lua/smtpreply && \
	rm -f $@ && cp bindings/lua/.libs/core.so $@
check_DATA += bindings/lua/smtpreply/core.so
CLEANFILES += bindings/lua/smtpreply/core.so

# busted prints TAP, one line per "it"; tests/lua/busted.sh points Lua's
# search paths at the trees and runs busted on the spec.
TESTS += $(lua_tests)
LUA_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/lua/busted.sh
endif
.PHONY: install-exec-hook-lua uninstall-hook-lua
