# bindings/lua/rock.mk -- the Lua module alone, built against an
# installed libsmtpreply: what "luarocks make" runs (see
# smtpreply-*.rockspec), and what .ci/run uses to build the module for
# each Lua interpreter against the library of the build tree.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The module links libsmtpreply-bounce too, installed beside the library
# with its header (smtpreply/bounce.h), which reads whole bounce messages;
# it links GMime itself.
#
# Run from the top of the source tree:
#
#   make -f bindings/lua/rock.mk LUA_INCDIR=/usr/include/lua5.1 \
#        SMTPREPLY_LIBDIR=/usr/local/lib [BUILD_DIR=DIR]
#   make -f bindings/lua/rock.mk install INST_LIBDIR=... INST_LUADIR=...
#
# SWIG reads the interface and the header of this tree (core/), the
# module is compiled against them and linked with the library in
# SMTPREPLY_LIBDIR; when it is loaded, it checks that the library is at
# least as new as the header; the library's folder is its run path.
# Lua's own library is not linked in: the
# interpreter provides it.

SWIG = swig
CC = cc
CFLAGS = -O2 -fPIC
LIBFLAG = -shared
LUA_INCDIR = /usr/include/lua5.4
SMTPREPLY_INCDIR =
SMTPREPLY_LIBDIR =
BUILD_DIR = bindings/lua/rock
INST_LIBDIR =
INST_LUADIR =

module = $(BUILD_DIR)/smtpreply/core.so
wrapper = $(BUILD_DIR)/smtpreply-lua-wrap.c

all: $(module)

$(wrapper): bindings/lua/smtpreply-lua.i bindings/smtpreply.i \
		core/smtpreply.h core/smtpreply/errors.def \
		core/bounce/smtpreply/bounce.h
	mkdir -p $(BUILD_DIR)
	$(SWIG) -lua -nomoduleglobal -Icore -Ibindings -o $@ \
	  bindings/lua/smtpreply-lua.i

# The module is compiled every time: the same folder may serve a build
# for another Lua (luarocks make --lua-version=...).
$(module): $(wrapper) FORCE
	mkdir -p $(BUILD_DIR)/smtpreply
	$(CC) $(CFLAGS) -std=gnu11 -Icore -Icore/bounce \
	  $(SMTPREPLY_INCDIR:%=-I%) -I$(LUA_INCDIR) $(LIBFLAG) -o $@ $(wrapper) \
	  $(SMTPREPLY_LIBDIR:%=-L%) $(SMTPREPLY_LIBDIR:%=-Wl,-rpath,%) \
	  -lsmtpreply-bounce -lsmtpreply

# Install what "all" built (luarocks runs it without the build's
# variables).
install:
	test -f $(module)
	mkdir -p $(INST_LIBDIR)/smtpreply $(INST_LUADIR)
	cp $(module) $(INST_LIBDIR)/smtpreply/core.so
	cp bindings/lua/smtpreply.lua $(INST_LUADIR)/smtpreply.lua

clean:
	rm -rf $(BUILD_DIR)

FORCE:

.PHONY: all install clean FORCE
