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
# library do not: it is the program's own.
cli_smtpreply_SOURCES = cli/main.c cli/bounce.c
cli_smtpreply_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/core/bounce
cli_smtpreply_LDADD = cli/libsmtpreply-cli.la \
	core/bounce/libsmtpreply-bounce.la core/libsmtpreply.la $(COMPRESS_LIBS)
