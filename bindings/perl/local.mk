# bindings/perl/local.mk -- the Perl module SMTP::Reply.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# SWIG makes the C wrapper of the XS module from smtpreply-perl.i (with
# -nopm: SMTP/Reply.pm is bindings/perl/Reply.pm).  The build tree gets the
# layout perl looks for, under bindings/perl/blib: lib/SMTP/Reply.pm and
# arch/auto/SMTP/Reply/Reply.so (the module libtool built).  The tests load
# the module from there.  "make install" puts the same files, and
# Reply.pod for perldoc, under $(perlarchdir), where perl looks when the
# prefix is /usr/local, and the man page made from Reply.pod into
# $(mandir)/man3 as SMTP::Reply.3pm.  Makefile.PL builds the same module
# the CPAN way, against an installed library (see the README).

perl_stage = bindings/perl/blib
# pod2man comes with perl.
POD2MAN = pod2man

perl_tests = \
	tests/perl/codes.t \
	tests/perl/enhanced.t \
	tests/perl/errors.t \
	tests/perl/i18n.t \
	tests/perl/parser.t \
	tests/perl/chunking.t \
	tests/perl/tokens.t \
	tests/perl/classify.t \
	tests/perl/logs.t \
	tests/perl/text.t \
	tests/perl/safety.t \
	tests/perl/memory.t \
	tests/perl/bounce-handler.t \
	tests/perl/bounce.t

EXTRA_DIST += \
	bindings/perl/smtpreply-perl.i \
	bindings/perl/Reply.pm \
	bindings/perl/Reply.pod \
	bindings/perl/Makefile.PL \
	bindings/perl/.gitignore \
	examples/bounce-handler.pl \
	tests/perl/TestLib.pm \
	tests/perl/bounce-records.pl \
	$(perl_tests)

if BUILD_PERL
perl_smtpexecdir = $(perlarchdir)/SMTP
perl_autoexecdir = $(perlarchdir)/auto/SMTP/Reply

perl_autoexec_LTLIBRARIES = bindings/perl/Reply.la
# libtool relinks the module against the installed libraries when it
# installs it: they go first, also under make -j.  The target is named
# through a variable, so that automake adds the prerequisite to its own
# rule instead of taking this line for a rule that replaces it.
perl_install_modules = install-perl_autoexecLTLIBRARIES
$(perl_install_modules): install-libLTLIBRARIES
nodist_bindings_perl_Reply_la_SOURCES = bindings/perl/smtpreply-perl-wrap.c
bindings_perl_Reply_la_CPPFLAGS = $(AM_CPPFLAGS) $(PERL_CPPFLAGS) \
	-I$(srcdir)/core/bounce
# Perl's headers and SWIG's own code trip these warnings, and only these.
bindings_perl_Reply_la_CFLAGS = $(PERL_CCFLAGS) $(AM_CFLAGS) \
	-Wno-missing-prototypes -Wno-strict-prototypes -Wno-shadow \
	-Wno-unused-parameter -Wno-unused-but-set-variable \
	-Wno-missing-field-initializers
# The interpreter provides Perl's functions: libperl is not linked in.
# DynaLoader needs one symbol of the module.
bindings_perl_Reply_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version \
	-no-undefined -shared -export-symbols-regex '^boot_SMTP__Reply$$'
bindings_perl_Reply_la_LIBADD = core/bounce/libsmtpreply-bounce.la \
	core/libsmtpreply.la

dist_perl_smtpexec_DATA = bindings/perl/Reply.pm bindings/perl/Reply.pod

perl_man = bindings/perl/SMTP-Reply.3pm
perl_pm = $(perl_stage)/lib/SMTP/Reply.pm
perl_so = $(perl_stage)/arch/auto/SMTP/Reply/Reply.so

TESTS += $(perl_tests)
# Test::More prints TAP; the module comes from the build tree.  In an
# AddressSanitizer build (configure leaves the binding out of a
# ThreadSanitizer one) the interpreter is not instrumented, so the
# runtime the module was built with is loaded first; leaks are not
# looked for (perl does not free everything at exit), and a quarantine of
# 1 MB keeps the memory ASan holds back from moving the resident set of
# memory.t by more than the leaks it looks for (16 MB moved it by 5 MB).
perl_run = $(PERL) -I'$(abs_top_builddir)/$(perl_stage)/lib' \
	-I'$(abs_top_builddir)/$(perl_stage)/arch'
if SANITIZERS
T_LOG_COMPILER = env \
	LD_PRELOAD="`$(CC) -print-file-name=libasan.so`" \
	ASAN_OPTIONS=detect_leaks=0:quarantine_size_mb=1 \
	$(perl_run)
else
T_LOG_COMPILER = $(perl_run)
endif

bindings/perl/smtpreply-perl-wrap.c: $(srcdir)/bindings/perl/smtpreply-perl.i \
		$(SWIG_DEPS)
	$(AM_V_GEN)$(SWIG) -perl5 -nopm $(SWIG_FLAGS) -o $@-t \
	  $(srcdir)/bindings/perl/smtpreply-perl.i && \
	mv -f $@-t $@

$(perl_pm): $(srcdir)/bindings/perl/Reply.pm
	$(AM_V_GEN)$(MKDIR_P) $(perl_stage)/lib/SMTP && rm -f $@ && \
	cp $(srcdir)/bindings/perl/Reply.pm $@

# The module where perl looks for it, as DynaLoader names it.
$(perl_so): bindings/perl/Reply.la
	$(AM_V_GEN)$(MKDIR_P) $(perl_stage)/arch/auto/SMTP/Reply && \
	dlname=`sed -n "s/^dlname='\(.*\)'$$/\1/p" bindings/perl/Reply.la` && \
	rm -f $@ && cp bindings/perl/.libs/$$dlname $@

$(perl_man): $(srcdir)/bindings/perl/Reply.pod
	$(AM_V_GEN)$(POD2MAN) --name='SMTP::Reply' --section=3pm \
	  --center='smtpreply' --release='smtpreply $(VERSION)' \
	  $(srcdir)/bindings/perl/Reply.pod $@

# The build tree's module and the man page are built with the rest.
all-local: all-local-perl
all-local-perl: $(perl_pm) $(perl_so) $(perl_man)
CLEANFILES += bindings/perl/smtpreply-perl-wrap.c $(perl_pm) $(perl_so) \
	$(perl_man)

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
