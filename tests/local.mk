# tests/local.mk -- everything "make check" runs.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# cmocka, busted and Test::More print TAP: count test cases, not files.
LOG_DRIVER = env CMOCKA_MESSAGE_OUTPUT=TAP AM_TAP_AWK='$(AWK)' \
	$(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
# Each binding's local.mk sets the LOG_COMPILER of its extension.
TEST_EXTENSIONS = .sh .py .lua .t
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
PY_LOG_DRIVER = $(LOG_DRIVER)
LUA_LOG_DRIVER = $(LOG_DRIVER)
T_LOG_DRIVER = $(LOG_DRIVER)
# A failed case is one FAIL, not also an ERROR for the exit status; a crash
# still shows as an ERROR, for the cases its TAP plan announced and lacks.
# In a sanitizer build the exit status counts: LeakSanitizer reports at exit,
# after the TAP lines.
if SANITIZERS
TAP_EXIT_FLAGS =
else
TAP_EXIT_FLAGS = --ignore-exit
endif
AM_LOG_DRIVER_FLAGS = $(TAP_EXIT_FLAGS)
AM_SH_LOG_DRIVER_FLAGS = $(TAP_EXIT_FLAGS)
AM_PY_LOG_DRIVER_FLAGS = $(TAP_EXIT_FLAGS)
AM_LUA_LOG_DRIVER_FLAGS = $(TAP_EXIT_FLAGS)
AM_T_LOG_DRIVER_FLAGS = $(TAP_EXIT_FLAGS)

# Tests pin the locale (English by default) and read the catalogs built
# from po/*.po into tests/locale, never the installed ones.
# G_SLICE=always-malloc: GLib (under GMime, in core/bounce/) then hands
# out memory with malloc, which the sanitizers and memcheck see; its own
# slice allocator recycles memory between threads behind locks they
# cannot see, which ThreadSanitizer takes for races.
AM_TESTS_ENVIRONMENT = \
	LC_ALL=C.UTF-8; export LC_ALL; \
	G_SLICE=always-malloc; export G_SLICE; \
	TSAN_OPTIONS="halt_on_error=1 suppressions=$(abs_top_srcdir)/tests/tsan.supp"; \
	export TSAN_OPTIONS; \
	unset LANGUAGE LANG LC_MESSAGES; \
	SMTPREPLY_LOCALEDIR='$(abs_top_builddir)/tests/locale'; \
	export SMTPREPLY_LOCALEDIR; \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	MSGFMT='$(MSGFMT_PROG)'; export MSGFMT; \
	XGETTEXT='$(XGETTEXT_PROG)'; export XGETTEXT; \
	MSGCMP='$(MSGCMP_PROG)'; export MSGCMP; \
	PYTHON='$(PYTHON)'; export PYTHON; \
	LUA='$(LUA)'; export LUA; \
	BUSTED='$(BUSTED)'; export BUSTED; \
	PERL='$(PERL)'; export PERL; \
	BOUNCE_DLOPEN='$(BOUNCE_DLOPEN)'; export BOUNCE_DLOPEN;

# Whether the program loads libsmtpreply-bounce when "bounce" runs.
if BOUNCE_DLOPEN
BOUNCE_DLOPEN = yes
else
BOUNCE_DLOPEN = no
endif

# The C tests.  Each links the convenience library, so that tests of
# internal parts (the catalog reader) can reach them too.
TEST_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
TEST_LDADD = core/libsmtpreply-internal.la $(CMOCKA_LIBS)

c_tests = \
	tests/t-advice \
	tests/t-catalog-dir \
	tests/t-bounce \
	tests/t-catalogs \
	tests/t-classify \
	tests/t-codes \
	tests/t-display \
	tests/t-dsn \
	tests/t-enhanced \
	tests/t-extract \
	tests/t-i18n \
	tests/t-log \
	tests/t-mo \
	tests/t-null \
	tests/t-parse \
	tests/t-paths \
	tests/t-plural \
	tests/t-reasons \
	tests/t-summary \
	tests/t-tables

check_PROGRAMS += $(c_tests)
TESTS += $(c_tests)

tests_t_catalog_dir_CFLAGS = $(TEST_CFLAGS)
tests_t_catalog_dir_LDADD = $(TEST_LDADD)
tests_t_catalogs_CFLAGS = $(TEST_CFLAGS)
tests_t_catalogs_LDADD = $(TEST_LDADD)
tests_t_i18n_CFLAGS = $(TEST_CFLAGS)
tests_t_i18n_LDADD = $(TEST_LDADD)
tests_t_classify_CFLAGS = $(TEST_CFLAGS)
tests_t_classify_LDADD = $(TEST_LDADD)
tests_t_codes_CFLAGS = $(TEST_CFLAGS)
tests_t_codes_LDADD = $(TEST_LDADD)
tests_t_log_CFLAGS = $(TEST_CFLAGS)
tests_t_log_LDADD = $(TEST_LDADD)
tests_t_summary_CFLAGS = $(TEST_CFLAGS)
tests_t_summary_LDADD = $(TEST_LDADD)
tests_t_mo_CFLAGS = $(TEST_CFLAGS)
tests_t_mo_LDADD = $(TEST_LDADD)
tests_t_plural_CFLAGS = $(TEST_CFLAGS)
tests_t_plural_LDADD = $(TEST_LDADD)
tests_t_null_CFLAGS = $(TEST_CFLAGS)
tests_t_null_LDADD = $(TEST_LDADD)
tests_t_reasons_CFLAGS = $(TEST_CFLAGS)
tests_t_reasons_LDADD = $(TEST_LDADD)
tests_t_tables_CFLAGS = $(TEST_CFLAGS)
tests_t_tables_LDADD = $(TEST_LDADD)
tests_t_advice_CFLAGS = $(TEST_CFLAGS)
tests_t_advice_LDADD = $(TEST_LDADD)
tests_t_display_CFLAGS = $(TEST_CFLAGS)
tests_t_display_LDADD = $(TEST_LDADD)
tests_t_dsn_CFLAGS = $(TEST_CFLAGS)
tests_t_dsn_LDADD = $(TEST_LDADD)
tests_t_enhanced_CFLAGS = $(TEST_CFLAGS)
tests_t_enhanced_LDADD = $(TEST_LDADD)
tests_t_extract_CFLAGS = $(TEST_CFLAGS)
tests_t_extract_LDADD = $(TEST_LDADD)
tests_t_parse_CFLAGS = $(TEST_CFLAGS)
tests_t_parse_LDADD = $(TEST_LDADD)
tests_t_paths_CFLAGS = $(TEST_CFLAGS)
tests_t_paths_LDADD = $(TEST_LDADD)

# Whole bounce messages (core/bounce/), over the corpus of tests/bounces/:
# the layer's convenience library, then the core's.  t-bounce-limits
# feeds it inputs of hostile size; it is not among c_tests, which
# check-valgrind runs, because GMime takes minutes on them under memcheck
# (see the file).
tests_t_bounce_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/core/bounce
tests_t_bounce_CFLAGS = $(TEST_CFLAGS)
tests_t_bounce_LDADD = core/bounce/libsmtpreply-bounce-internal.la \
	$(TEST_LDADD) $(GMIME_LIBS)
check_PROGRAMS += tests/t-bounce-limits
TESTS += tests/t-bounce-limits
tests_t_bounce_limits_CPPFLAGS = $(tests_t_bounce_CPPFLAGS)
tests_t_bounce_limits_CFLAGS = $(TEST_CFLAGS)
tests_t_bounce_limits_LDADD = $(tests_t_bounce_LDADD)

# The program, against expected output in tests/cli/.
cli_tests = \
	tests/abi.sh \
	tests/cli-annotate.sh \
	tests/cli-bounce.sh \
	tests/cli-explain.sh \
	tests/cli-hostile.sh \
	tests/cli-input.sh \
	tests/cli-output.sh \
	tests/cli-parse.sh \
	tests/install-headers.sh \
	tests/man3.sh \
	tests/po-checks.sh \
	tests/po-complete.sh \
	tests/potfiles.sh \
	tests/readme-tables.sh
check_PROGRAMS += tests/json-check
# cli-annotate.sh compares "annotate --summary", which spills, with this
# summary kept in memory.
check_PROGRAMS += tests/summary-dump
tests_summary_dump_LDADD = core/libsmtpreply-internal.la
TESTS += $(cli_tests)
# install-headers.sh runs "make install", during which libtool relinks the
# libraries and modules of the build tree for a moment: it runs alone,
# after every other test of the run.
tests/install-headers.log: \
	$(filter-out tests/install-headers.log,$(TEST_LOGS))
EXTRA_DIST += $(cli_tests) tests/cli-lib.sh tests/cli build-aux/tap-driver.sh \
	tests/catalog-checks.py tests/i18n-samples.tsv

# The labelled reply set the reason classifier is measured on: its format,
# sizes and the cases of issue 11 (tests/reasons/README.md).  The wrapper
# has a name of its own: "check-set.sh" would share its log with
# check-set.py, and make would run the .py file by the .py.log rule.
reasons_tests = tests/reasons/check-replies.sh
TESTS += $(reasons_tests)
EXTRA_DIST += $(reasons_tests) tests/reasons/check-set.py \
	tests/reasons/replies.tsv tests/reasons/README.md

# The bounce corpus (tests/bounces/, see its README.md) checks itself in
# every build, bindings or not.
corpus_tests = tests/check-corpus.sh
TESTS += $(corpus_tests)
EXTRA_DIST += $(corpus_tests) tests/bounces

# Catalogs for the tests, compiled from the committed po/*.po.
tests_locale_stamp = tests/locale/.stamp
$(tests_locale_stamp): $(top_srcdir)/po/LINGUAS $(wildcard $(top_srcdir)/po/*.po)
	$(AM_V_GEN)set -e; \
	for lang in `sed -e 's/#.*//' $(top_srcdir)/po/LINGUAS`; do \
	  $(MKDIR_P) tests/locale/$$lang/LC_MESSAGES; \
	  $(MSGFMT_PROG) --check -o tests/locale/$$lang/LC_MESSAGES/smtpreply.mo \
	    $(top_srcdir)/po/$$lang.po; \
	done; \
	$(MKDIR_P) tests/locale; touch $@
check_DATA = $(tests_locale_stamp)

clean-local: clean-tests-locale
clean-tests-locale:
	-rm -rf tests/locale
.PHONY: clean-tests-locale


# make check-valgrind: the C tests under valgrind's memcheck.  A memory
# error or a definite leak makes the program exit 1, and here (unlike in
# make check) the exit status counts, so the test fails.
VALGRIND = valgrind
check-valgrind: $(c_tests)
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(c_tests)' \
	  AM_LOG_DRIVER_FLAGS= \
	  LOG_COMPILER='$(LIBTOOL) --mode=execute $(VALGRIND) -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$(abs_top_srcdir)/tests/valgrind.supp'
EXTRA_DIST += tests/valgrind.supp tests/tsan.supp
.PHONY: check-valgrind
