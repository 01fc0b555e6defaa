# core/local.mk -- the library libsmtpreply.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# Everything is built once into a convenience library, which the tests and
# the fuzzing harnesses link to reach internal functions; the installed
# library exports only the public smtpreply_* names.
noinst_LTLIBRARIES += core/libsmtpreply-internal.la
core_libsmtpreply_internal_la_SOURCES = \
	core/internal.h \
	core/replies.def core/digits.def core/enhanced.def core/advice.def \
	core/dsn-fields.def core/languages.def core/reasons.def core/rules.def \
	core/smtpreply/errors.def \
	core/advice.c \
	core/classify.c \
	core/codes.c \
	core/display.c \
	core/dsn.c \
	core/enhanced.c \
	core/errors.c \
	core/extract.c \
	core/i18n.c \
	core/json.c \
	core/logline.c \
	core/mo.c \
	core/parser.c \
	core/plural.c \
	core/summary.c \
	core/tokens.c
core_libsmtpreply_internal_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DLOCALEDIR=\"$(localedir)\"
core_libsmtpreply_internal_la_CFLAGS = $(AM_CFLAGS) $(LIB_CFLAGS)

lib_LTLIBRARIES += core/libsmtpreply.la
core_libsmtpreply_la_SOURCES =
core_libsmtpreply_la_LIBADD = core/libsmtpreply-internal.la $(LTLIBINTL)
core_libsmtpreply_la_LDFLAGS = $(AM_LDFLAGS) $(LIB_LDFLAGS) -no-undefined \
	-version-info $(SMTPREPLY_LT_VERSION)
if HAVE_VERSION_SCRIPT
core_libsmtpreply_la_LDFLAGS += \
	-Wl,--version-script=$(srcdir)/core/libsmtpreply.map
core_libsmtpreply_la_DEPENDENCIES = core/libsmtpreply-internal.la \
	$(srcdir)/core/libsmtpreply.map
else
core_libsmtpreply_la_LDFLAGS += -export-symbols-regex '^smtpreply_[a-z]'
endif
EXTRA_DIST += core/libsmtpreply.map

# The one header at the top of the include folder is smtpreply.h; what it
# includes, and the headers of the layers above the core, go into a folder
# of their own, $(includedir)/smtpreply, under the names the sources give
# them (the source tree has the same layout, so the same #include lines
# work in the tree and installed).
include_HEADERS += core/smtpreply.h
smtpreplyincludedir = $(includedir)/smtpreply
smtpreplyinclude_HEADERS = core/smtpreply/errors.def

pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = core/smtpreply.pc
DISTCLEANFILES += core/smtpreply.pc

# The ABI baselines tests/abi.sh compares the built libraries with
# (abidiff, Debian's abigail-tools).  "make update-abi" writes them from
# this build: run it deliberately, at a release, once HACKING.md's
# -version-info rules have been followed.
EXTRA_DIST += core/abi/libsmtpreply.abi core/abi/libsmtpreply-bounce.abi
abidw_flags = --drop-private-types --no-show-locs --no-comp-dir-path \
	--no-corpus-path --type-id-style hash
update-abi: all
	abidw $(abidw_flags) --header-file $(srcdir)/core/smtpreply.h \
	  --out-file $(srcdir)/core/abi/libsmtpreply.abi \
	  core/.libs/libsmtpreply.so
	abidw $(abidw_flags) \
	  --header-file $(srcdir)/core/bounce/smtpreply/bounce.h \
	  --out-file $(srcdir)/core/abi/libsmtpreply-bounce.abi \
	  core/bounce/.libs/libsmtpreply-bounce.so
.PHONY: update-abi
