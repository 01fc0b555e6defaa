# cli/local.mk -- the smtpreply program.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# Everything but main () is a convenience library, so that the fuzzing
# harness of the annotation path links the same code.
noinst_LTLIBRARIES += cli/libsmtpreply-cli.la
cli_libsmtpreply_cli_la_SOURCES = \
	cli/annotate.c \
	cli/cli.h \
	cli/explain.c \
	cli/input.c \
	cli/list.c \
	cli/output.c \
	cli/parse.c \
	cli/pool.c
cli_libsmtpreply_cli_la_CFLAGS = $(AM_CFLAGS) $(COMPRESS_CFLAGS)

bin_PROGRAMS += cli/smtpreply
# "bounce" needs libsmtpreply-bounce (GMime), which the harnesses of the
# library do not: it is the program's own.  Where shared libraries are
# built, the program loads it when "bounce" runs (cli/bounce.c says why),
# by the name libtool gave it (the dlname of its .la file).  It is still
# given to the linker, with --as-needed, which leaves it out of the
# program as no symbol of it is used: so libtool knows of it, and the
# wrapper script of the build tree has the dynamic linker find it there.
cli_smtpreply_SOURCES = cli/main.c cli/bounce.c
cli_smtpreply_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/core/bounce
cli_smtpreply_LDADD = cli/libsmtpreply-cli.la \
	core/bounce/libsmtpreply-bounce.la core/libsmtpreply.la $(COMPRESS_LIBS)
if BOUNCE_DLOPEN
nodist_cli_smtpreply_SOURCES = cli/bounce-library.h
BUILT_SOURCES += cli/bounce-library.h
CLEANFILES += cli/bounce-library.h
cli_smtpreply_CPPFLAGS += -DSMTPREPLY_BOUNCE_DLOPEN=1 -I$(top_builddir)/cli
cli_smtpreply_LDFLAGS = $(AM_LDFLAGS) -Wl,--as-needed
cli_smtpreply_LDADD += $(DLOPEN_LIBS)
cli/bounce-library.h: core/bounce/libsmtpreply-bounce.la
	$(AM_V_GEN)$(MKDIR_P) cli && name=`sed -n "s/^dlname='\\(.*\\)'$$/\\1/p" \
	  core/bounce/libsmtpreply-bounce.la` && test -n "$$name" \
	  && { echo '/* Made by make from core/bounce/libsmtpreply-bounce.la.  */'; \
	       echo "#define BOUNCE_DLNAME \"$$name\""; \
	       echo '#define BOUNCE_LIBDIR "$(libdir)"'; } >$@-t \
	  && mv -f $@-t $@
endif
