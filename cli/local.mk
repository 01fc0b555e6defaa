# cli/local.mk -- the smtpreply program.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

bin_PROGRAMS += cli/smtpreply
cli_smtpreply_SOURCES = \
	cli/annotate.c \
	cli/cli.h \
	cli/explain.c \
	cli/input.c \
	cli/list.c \
	cli/main.c \
	cli/output.c \
	cli/parse.c
cli_smtpreply_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS)
cli_smtpreply_LDADD = core/libsmtpreply.la $(ZLIB_LIBS)
