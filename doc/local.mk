# doc/local.mk -- the man page and the README's generated tables.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

dist_man_MANS += doc/smtpreply.1
EXTRA_DIST += doc/HACKING.md doc/providers.md doc/scaling.md \
	doc/translating.md doc/bounce-viewer.png doc/bounce-viewer-he.png

# The README's tables come from the .def files; tests/readme-tables.sh
# checks them, and "make update-readme" rewrites them in the source tree.
check_PROGRAMS += doc/gen-tables
doc_gen_tables_LDADD = core/libsmtpreply.la

update-readme: doc/gen-tables
	$(AM_V_GEN)top_srcdir='$(abs_top_srcdir)' \
	top_builddir='$(abs_top_builddir)' \
	$(SHELL) $(srcdir)/tests/readme-tables.sh --update
.PHONY: update-readme

# The man pages of the C API: one per function, from the comments of
# smtpreply.h (doc/gen-man3.awk, which fails on a function with no
# comment), and smtpreply(3) listing them all.  They are written into the
# build tree with the date of smtpreply(1), installed into man3dir, and
# removed by uninstall by the same list.
EXTRA_DIST += doc/gen-man3.awk
man3dir = $(mandir)/man3
man3_stamp = doc/man3/.stamp
noinst_DATA = $(man3_stamp)
$(man3_stamp): $(srcdir)/doc/gen-man3.awk $(srcdir)/core/smtpreply.h \
		$(srcdir)/doc/smtpreply.1
	$(AM_V_GEN)rm -rf doc/man3 && $(MKDIR_P) doc/man3 && \
	date=`sed -n 's/^\.TH [^"]*"\([^"]*\)".*/\1/p' $(srcdir)/doc/smtpreply.1` && \
	$(AWK) -v outdir=doc/man3 -v version='$(VERSION)' -v date="$$date" \
	  -f $(srcdir)/doc/gen-man3.awk $(srcdir)/core/smtpreply.h && \
	touch $@
install-data-local: install-man3 $(perl_install_data_local)
install-man3: $(man3_stamp)
	@$(NORMAL_INSTALL)
	$(MKDIR_P) '$(DESTDIR)$(man3dir)'
	$(INSTALL_DATA) doc/man3/*.3 '$(DESTDIR)$(man3dir)'
uninstall-local: uninstall-man3 $(perl_uninstall_local)
uninstall-man3: $(man3_stamp)
	@$(NORMAL_UNINSTALL)
	for page in doc/man3/*.3; do \
	  rm -f '$(DESTDIR)$(man3dir)'/`basename $$page`; \
	done
clean-local: clean-man3
clean-man3:
	rm -rf doc/man3
.PHONY: install-man3 uninstall-man3 clean-man3
