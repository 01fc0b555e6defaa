# core/bounce/local.mk -- libsmtpreply-bounce: whole bounce messages.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# A layer of its own above the core: it needs GMime 3, which the core must
# never need, and it uses only the core's public header.  As for the core,
# everything is built once into a convenience library, which the tests and
# the fuzzing harness link; the installed library exports only the
# smtpreply_bounce_* names and links the installed libsmtpreply.
noinst_LTLIBRARIES += core/bounce/libsmtpreply-bounce-internal.la
core_bounce_libsmtpreply_bounce_internal_la_SOURCES = \
	core/bounce/bounce-internal.h \
	core/bounce/formats.def \
	core/bounce/bounce.c \
	core/bounce/text.c
core_bounce_libsmtpreply_bounce_internal_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(top_srcdir)/core/bounce
core_bounce_libsmtpreply_bounce_internal_la_CFLAGS = $(AM_CFLAGS) \
	$(GMIME_CFLAGS)
core_bounce_libsmtpreply_bounce_internal_la_LIBADD = $(GMIME_LIBS)

lib_LTLIBRARIES += core/bounce/libsmtpreply-bounce.la
core_bounce_libsmtpreply_bounce_la_SOURCES =
core_bounce_libsmtpreply_bounce_la_LIBADD = \
	core/bounce/libsmtpreply-bounce-internal.la core/libsmtpreply.la \
	$(GMIME_LIBS)
core_bounce_libsmtpreply_bounce_la_LDFLAGS = $(AM_LDFLAGS) -no-undefined \
	-version-info $(SMTPREPLY_BOUNCE_LT_VERSION)
if HAVE_VERSION_SCRIPT
core_bounce_libsmtpreply_bounce_la_LDFLAGS += \
	-Wl,--version-script=$(srcdir)/core/bounce/libsmtpreply-bounce.map
core_bounce_libsmtpreply_bounce_la_DEPENDENCIES = \
	core/bounce/libsmtpreply-bounce-internal.la core/libsmtpreply.la \
	$(srcdir)/core/bounce/libsmtpreply-bounce.map
else
core_bounce_libsmtpreply_bounce_la_LDFLAGS += \
	-export-symbols-regex '^smtpreply_bounce_[a-z]'
endif
EXTRA_DIST += core/bounce/libsmtpreply-bounce.map

# Installed as smtpreply/bounce.h (core/local.mk).
smtpreplyinclude_HEADERS += core/bounce/smtpreply/bounce.h

pkgconfig_DATA += core/bounce/smtpreply-bounce.pc
DISTCLEANFILES += core/bounce/smtpreply-bounce.pc
