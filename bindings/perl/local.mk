# bindings/perl/local.mk -- the Perl module SMTP::Reply.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# SWIG makes SMTP/Reply.pm and the C wrapper of the XS module from
# smtpreply-perl.i.  The build tree gets the layout perl looks for, under
# bindings/perl/blib: lib/SMTP/Reply.pm, lib/SMTP/Reply/Native.pm (the
# Perl layer, copied) and arch/auto/SMTP/Reply/Reply.so (the module libtool
# built).  The tests load the module from there.  "make install" puts the
# same files, and Reply.pod for perldoc, under $(perlarchdir), where perl
# looks when the prefix is /usr/local, and the man page made from Reply.pod
# into $(mandir)/man3 as SMTP::Reply.3pm.

perl_blib = bindings/perl/blib
# pod2man comes with perl.
POD2MAN = pod2man

perl_tests = \
	tests/perl/codes.t \
	tests/perl/enhanced.t \
	tests/perl/errors.t \
	tests/perl/i18n.t \
	tests/perl/parser.t \
	tests/perl/text.t \
	tests/perl/memory.t \
	tests/perl/bounce-handler.t

EXTRA_DIST += \
	bindings/perl/smtpreply-perl.i \
	bindings/perl/Native.pm \
	bindings/perl/Reply.pod \
	examples/bounce-handler.pl \
	$(perl_tests)

if BUILD_PERL
perl_smtpexecdir = $(perlarchdir)/SMTP
perl_smtpreplyexecdir = $(perlarchdir)/SMTP/Reply
perl_autoexecdir = $(perlarchdir)/auto/SMTP/Reply

perl_autoexec_LTLIBRARIES = bindings/perl/Reply.la
nodist_bindings_perl_Reply_la_SOURCES = bindings/perl/smtpreply-perl-wrap.c
bindings_perl_Reply_la_CPPFLAGS = $(AM_CPPFLAGS) $(PERL_CPPFLAGS)
# Perl's headers and SWIG's own code trip these warnings, and only these.
bindings_perl_Reply_la_CFLAGS = $(PERL_CCFLAGS) $(AM_CFLAGS) \
	-Wno-missing-prototypes -Wno-strict-prototypes -Wno-shadow \
	-Wno-unused-parameter -Wno-unused-but-set-variable
# The interpreter provides Perl's functions: libperl is not linked in.
# DynaLoader needs one symbol of the module.
bindings_perl_Reply_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version \
	-no-undefined -shared -export-symbols-regex '^boot_SMTP__Reply$$'
bindings_perl_Reply_la_LIBADD = core/libsmtpreply.la

nodist_perl_smtpexec_DATA = $(perl_blib)/lib/SMTP/Reply.pm
dist_perl_smtpexec_DATA = bindings/perl/Reply.pod
nodist_perl_smtpreplyexec_DATA = $(perl_blib)/lib/SMTP/Reply/Native.pm

perl_man = bindings/perl/SMTP-Reply.3pm
perl_so = $(perl_blib)/arch/auto/SMTP/Reply/Reply.so

TESTS += $(perl_tests)
# Test::More prints TAP; the module comes from the build tree.
T_LOG_COMPILER = $(PERL) -I'$(abs_top_builddir)/$(perl_blib)/lib' \
	-I'$(abs_top_builddir)/$(perl_blib)/arch'

bindings/perl/smtpreply-perl-wrap.c: $(srcdir)/bindings/perl/smtpreply-perl.i \
		$(SWIG_DEPS)
	$(AM_V_GEN)$(MKDIR_P) $(perl_blib)/lib/SMTP && \
	$(SWIG) -perl5 $(SWIG_FLAGS) -outdir $(perl_blib)/lib/SMTP -o $@-t \
	  $(srcdir)/bindings/perl/smtpreply-perl.i && \
	mv -f $@-t $@
# SWIG writes Reply.pm with the wrapper.
$(perl_blib)/lib/SMTP/Reply.pm: bindings/perl/smtpreply-perl-wrap.c
	@test -f $@ || { rm -f bindings/perl/smtpreply-perl-wrap.c; \
	  $(MAKE) $(AM_MAKEFLAGS) bindings/perl/smtpreply-perl-wrap.c; }

$(perl_blib)/lib/SMTP/Reply/Native.pm: $(srcdir)/bindings/perl/Native.pm
	$(AM_V_GEN)$(MKDIR_P) $(perl_blib)/lib/SMTP/Reply && rm -f $@ && \
	cp $(srcdir)/bindings/perl/Native.pm $@

# The module where perl looks for it, as DynaLoader names it.
$(perl_so): bindings/perl/Reply.la
	$(AM_V_GEN)$(MKDIR_P) $(perl_blib)/arch/auto/SMTP/Reply && \
	dlname=`sed -n "s/^dlname='\(.*\)'$$/\1/p" bindings/perl/Reply.la` && \
	rm -f $@ && cp bindings/perl/.libs/$$dlname $@

$(perl_man): $(srcdir)/bindings/perl/Reply.pod
	$(AM_V_GEN)$(POD2MAN) --name='SMTP::Reply' --section=3pm \
	  --center='smtpreply' --release='smtpreply $(VERSION)' \
	  $(srcdir)/bindings/perl/Reply.pod $@

# The build tree's module and the man page are built with the rest.
all-local: all-local-perl
all-local-perl: $(perl_so) $(perl_man)
CLEANFILES += bindings/perl/smtpreply-perl-wrap.c \
	$(perl_blib)/lib/SMTP/Reply.pm $(perl_blib)/lib/SMTP/Reply/Native.pm \
	$(perl_so) $(perl_man)

# perl loads Reply.so, never libtool's archive.
install-exec-hook: install-exec-hook-perl
install-exec-hook-perl:
	rm -f '$(DESTDIR)$(perl_autoexecdir)/Reply.la'
uninstall-hook: uninstall-hook-perl
uninstall-hook-perl:
	rm -f '$(DESTDIR)$(perl_autoexecdir)/Reply.so'

# make cannot name a file with colons: the page is installed under its
# name by these rules, which doc/local.mk's install-data-local and
# uninstall-local run.
perl_install_data_local = install-data-local-perl
perl_uninstall_local = uninstall-local-perl
install-data-local-perl: $(perl_man)
	$(MKDIR_P) '$(DESTDIR)$(mandir)/man3'
	$(INSTALL_DATA) $(perl_man) '$(DESTDIR)$(mandir)/man3/SMTP::Reply.3pm'
uninstall-local-perl:
	rm -f '$(DESTDIR)$(mandir)/man3/SMTP::Reply.3pm'
endif

.PHONY: all-local-perl install-exec-hook-perl uninstall-hook-perl \
	install-data-local-perl uninstall-local-perl
