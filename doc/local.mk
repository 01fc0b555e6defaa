# doc/local.mk -- the man page and the README's generated tables.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

dist_man_MANS += doc/smtpreply.1
EXTRA_DIST += doc/HACKING.md doc/providers.md

# The README's tables come from the .def files; tests/readme-tables.sh
# checks them, and "make update-readme" rewrites them in the source tree.
check_PROGRAMS += doc/gen-tables
doc_gen_tables_LDADD = core/libsmtpreply.la

update-readme: doc/gen-tables
	$(AM_V_GEN)top_srcdir='$(abs_top_srcdir)' \
	top_builddir='$(abs_top_builddir)' \
	$(SHELL) $(srcdir)/tests/readme-tables.sh --update
.PHONY: update-readme
