# bindings/lua/local.mk -- the Lua module.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# require "smtpreply" loads bindings/lua/smtpreply.lua, the documented
# interface, which is built on the C module smtpreply.core that SWIG
# generates from smtpreply-lua.i.  They install as
# $(luadir)/smtpreply.lua and $(luaexecdir)/smtpreply/core.so:
# share/lua/5.N and lib/lua/5.N under the prefix, where the interpreter
# configure was given (LUA=lua5.1 ... lua5.4, luajit) looks under
# /usr/local.  bindings/lua/rock.mk builds the same module alone, for
# LuaRocks (smtpreply-*.rockspec) and for .ci/run's other interpreters.

lua_tests = \
	tests/lua/contract_spec.lua \
	tests/lua/codes_spec.lua \
	tests/lua/enhanced_spec.lua \
	tests/lua/parser_spec.lua \
	tests/lua/chunks_spec.lua \
	tests/lua/text_spec.lua \
	tests/lua/logs_spec.lua \
	tests/lua/i18n_spec.lua \
	tests/lua/safety_spec.lua \
	tests/lua/lowlevel_spec.lua \
	tests/lua/memory_spec.lua \
	tests/lua/example_spec.lua \
	tests/lua/bounce_spec.lua

EXTRA_DIST += \
	bindings/lua/smtpreply-lua.i \
	bindings/lua/smtpreply.lua \
	bindings/lua/rock.mk \
	smtpreply-$(VERSION)-1.rockspec \
	examples/bounce-handler.lua \
	examples/summarize.lua \
	tests/lua/busted.sh \
	tests/lua/testlib.lua \
	tests/lua/bounce-records.lua \
	$(lua_tests)

if BUILD_LUA
# Pure-Lua modules go to share/lua/5.N, the C ones to lib/lua/5.N.
lua_DATA = bindings/lua/smtpreply.lua

luasmtpreplyexecdir = $(luaexecdir)/smtpreply
luasmtpreplyexec_LTLIBRARIES = bindings/lua/core.la
# libtool relinks the module against the installed libraries when it
# installs it: they go first, also under make -j.  The target is named
# through a variable, so that automake adds the prerequisite to its own
# rule instead of taking this line for a rule that replaces it.
lua_install_modules = install-luasmtpreplyexecLTLIBRARIES
$(lua_install_modules): install-libLTLIBRARIES
nodist_bindings_lua_core_la_SOURCES = bindings/lua/smtpreply-lua-wrap.c
bindings_lua_core_la_CPPFLAGS = $(AM_CPPFLAGS) $(LUA_CFLAGS) \
	-I$(srcdir)/core/bounce
# SWIG 4.1's Lua code compiles cleanly with our warnings, which check the
# C of smtpreply-lua.i too.
bindings_lua_core_la_CFLAGS = $(AM_CFLAGS)
# The interpreter provides Lua's functions: liblua is not linked in.  Lua
# needs one symbol of the module.
bindings_lua_core_la_LDFLAGS = $(AM_LDFLAGS) \
	-module -avoid-version -no-undefined \
	-export-symbols-regex '^luaopen_smtpreply_core$$'
bindings_lua_core_la_LIBADD = core/bounce/libsmtpreply-bounce.la \
	core/libsmtpreply.la

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
# search paths at the trees and runs busted on the spec.  In a sanitizer
# build the module is instrumented and the interpreter is not: the
# sanitizer's runtime is preloaded into it, leaks are not reported (the
# interpreter frees nothing at exit), and the quarantine of freed memory
# is kept small, so that memory_spec.lua still sees memory that grows.
TESTS += $(lua_tests)
LUA_BUSTED = $(SHELL) $(top_srcdir)/tests/lua/busted.sh
if SANITIZERS
LUA_SANITIZER = $(if $(findstring thread,$(SANITIZER_CFLAGS)),tsan,asan)
LUA_LOG_COMPILER = env \
	LD_PRELOAD="`$(CC) -print-file-name=lib$(LUA_SANITIZER).so`" \
	ASAN_OPTIONS=detect_leaks=0:quarantine_size_mb=16:abort_on_error=1 \
	$(LUA_BUSTED)
else
LUA_LOG_COMPILER = $(LUA_BUSTED)
endif
endif
.PHONY: install-exec-hook-lua uninstall-hook-lua
