# bindings/local.mk -- the SWIG bindings; each language has its own file.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# Every wrapper depends on the shared interface, the header and the .def
# files it expands, and is generated into the build tree, never committed.
SWIG_DEPS = $(srcdir)/bindings/smtpreply.i $(srcdir)/core/smtpreply.h \
	$(srcdir)/core/smtpreply/errors.def
SWIG_FLAGS = -I$(srcdir)/core -I$(srcdir)/bindings
EXTRA_DIST += bindings/smtpreply.i

include bindings/python/local.mk
include bindings/lua/local.mk
include bindings/perl/local.mk
