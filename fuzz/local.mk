# fuzz/local.mk -- fuzzing harnesses: replayed by "make check", run by
# "make fuzz".
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# One harness per input surface, fuzz/fuzz-NAME.c, each built two ways:
#
# - fuzz/replay-NAME: with fuzz/replay-main.c and the configured compiler
#   (and --enable-sanitizers' flags), run by "make check" through
#   fuzz/replay.sh on the committed fuzz/corpus/NAME and
#   fuzz/regressions/NAME, one TAP case per harness: deterministic.
#
# - fuzz/fuzz-NAME: with libFuzzer, ASan and UBSan, built with $(FUZZ_CC)
#   whatever CC is, by "make fuzz-build"; "make fuzz" runs each for
#   FUZZ_SECONDS (fuzz/run-fuzzers does the work; see fuzz/README.md).
#   The library's sources (and the program's, but main.c) are compiled
#   into each harness with the fuzzer's flags.  New inputs and findings go
#   to fuzz/out/ in the build tree, never to the source tree.

FUZZ_HARNESSES = parser enhanced extract catalog language annotate classify \
	summary dsn input bounce
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_SECONDS = 60
FUZZ_JOBS = 1

# The replays.
fuzz_replay_common = fuzz/replay-main.c fuzz/fuzz-common.c fuzz/fuzz.h
fuzz_replays = \
	fuzz/replay-annotate \
	fuzz/replay-bounce \
	fuzz/replay-catalog \
	fuzz/replay-classify \
	fuzz/replay-dsn \
	fuzz/replay-enhanced \
	fuzz/replay-extract \
	fuzz/replay-input \
	fuzz/replay-language \
	fuzz/replay-parser \
	fuzz/replay-summary
check_PROGRAMS += $(fuzz_replays)
TESTS += fuzz/replay.sh

fuzz_replay_parser_SOURCES = fuzz/fuzz-parser.c $(fuzz_replay_common)
fuzz_replay_parser_LDADD = core/libsmtpreply-internal.la
fuzz_replay_enhanced_SOURCES = fuzz/fuzz-enhanced.c $(fuzz_replay_common)
fuzz_replay_enhanced_LDADD = core/libsmtpreply-internal.la
fuzz_replay_extract_SOURCES = fuzz/fuzz-extract.c $(fuzz_replay_common)
fuzz_replay_extract_LDADD = core/libsmtpreply-internal.la
fuzz_replay_catalog_SOURCES = fuzz/fuzz-catalog.c $(fuzz_replay_common)
fuzz_replay_catalog_LDADD = core/libsmtpreply-internal.la
fuzz_replay_classify_SOURCES = fuzz/fuzz-classify.c $(fuzz_replay_common)
fuzz_replay_classify_LDADD = core/libsmtpreply-internal.la
fuzz_replay_summary_SOURCES = fuzz/fuzz-summary.c $(fuzz_replay_common)
fuzz_replay_summary_LDADD = core/libsmtpreply-internal.la
fuzz_replay_language_SOURCES = fuzz/fuzz-language.c $(fuzz_replay_common)
fuzz_replay_language_LDADD = core/libsmtpreply-internal.la
fuzz_replay_dsn_SOURCES = fuzz/fuzz-dsn.c $(fuzz_replay_common)
fuzz_replay_dsn_LDADD = core/libsmtpreply-internal.la
# Whole messages: the bounce layer over GMime, then the core.
fuzz_replay_bounce_SOURCES = fuzz/fuzz-bounce.c $(fuzz_replay_common)
fuzz_replay_bounce_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/core/bounce
fuzz_replay_bounce_LDADD = core/bounce/libsmtpreply-bounce-internal.la \
	core/libsmtpreply-internal.la $(GMIME_LIBS)
# The program's code but main (), whose globals the harness defines.
fuzz_replay_annotate_SOURCES = fuzz/fuzz-annotate.c fuzz/cli-stubs.c \
	$(fuzz_replay_common)
fuzz_replay_annotate_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/cli
fuzz_replay_annotate_LDADD = cli/libsmtpreply-cli.la \
	core/libsmtpreply-internal.la $(COMPRESS_LIBS)

# The program's input reader, through a memory file.
fuzz_replay_input_SOURCES = fuzz/fuzz-input.c fuzz/cli-stubs.c \
	$(fuzz_replay_common)
fuzz_replay_input_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/cli
fuzz_replay_input_LDADD = cli/libsmtpreply-cli.la \
	core/libsmtpreply-internal.la $(COMPRESS_LIBS)

EXTRA_DIST += \
	fuzz/README.md \
	fuzz/corpus \
	fuzz/regressions \
	fuzz/replay.sh \
	fuzz/run-fuzzers \
	fuzz/smtp.dict \
	fuzz/bounce.dict

# The libFuzzer builds.
fuzz_targets = $(patsubst %,fuzz/fuzz-%$(EXEEXT),$(FUZZ_HARNESSES))
fuzz_core_sources = $(addprefix $(srcdir)/,\
	$(filter %.c,$(core_libsmtpreply_internal_la_SOURCES)))
fuzz_deps = $(fuzz_core_sources) \
	$(addprefix $(srcdir)/,$(filter %.h %.def,\
	  $(core_libsmtpreply_internal_la_SOURCES))) \
	$(srcdir)/core/smtpreply.h $(srcdir)/fuzz/fuzz.h \
	$(srcdir)/fuzz/fuzz-common.c $(CONFIG_HEADER)
fuzz_link = $(FUZZ_CC) $(FUZZ_CFLAGS) $(filter-out -Werror,$(WARN_CFLAGS)) \
	-Wno-format-nonliteral \
	$(DEFS) -I$(top_builddir) -I$(top_srcdir)/core -I$(top_builddir)/core \
	-DLOCALEDIR=\"$(localedir)\" -o $@ $(srcdir)/fuzz/fuzz-common.c \
	$(fuzz_core_sources)

fuzz/fuzz-parser$(EXEEXT): $(srcdir)/fuzz/fuzz-parser.c $(fuzz_deps)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(fuzz_link) $(srcdir)/fuzz/fuzz-parser.c $(LIBS)
fuzz/fuzz-enhanced$(EXEEXT): $(srcdir)/fuzz/fuzz-enhanced.c $(fuzz_deps)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(fuzz_link) $(srcdir)/fuzz/fuzz-enhanced.c $(LIBS)
fuzz/fuzz-extract$(EXEEXT): $(srcdir)/fuzz/fuzz-extract.c $(fuzz_deps)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(fuzz_link) $(srcdir)/fuzz/fuzz-extract.c $(LIBS)
fuzz/fuzz-catalog$(EXEEXT): $(srcdir)/fuzz/fuzz-catalog.c $(fuzz_deps)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(fuzz_link) $(srcdir)/fuzz/fuzz-catalog.c $(LIBS)
fuzz/fuzz-language$(EXEEXT): $(srcdir)/fuzz/fuzz-language.c $(fuzz_deps)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(fuzz_link) $(srcdir)/fuzz/fuzz-language.c $(LIBS)
fuzz/fuzz-classify$(EXEEXT): $(srcdir)/fuzz/fuzz-classify.c $(fuzz_deps)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(fuzz_link) $(srcdir)/fuzz/fuzz-classify.c $(LIBS)
fuzz/fuzz-summary$(EXEEXT): $(srcdir)/fuzz/fuzz-summary.c $(fuzz_deps)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(fuzz_link) $(srcdir)/fuzz/fuzz-summary.c $(LIBS)
fuzz/fuzz-dsn$(EXEEXT): $(srcdir)/fuzz/fuzz-dsn.c $(fuzz_deps)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(fuzz_link) $(srcdir)/fuzz/fuzz-dsn.c $(LIBS)
fuzz_bounce_sources = $(addprefix $(srcdir)/,\
	$(filter %.c,$(core_bounce_libsmtpreply_bounce_internal_la_SOURCES)))
fuzz/fuzz-bounce$(EXEEXT): $(srcdir)/fuzz/fuzz-bounce.c $(fuzz_deps) \
		$(fuzz_bounce_sources) $(srcdir)/core/bounce/formats.def \
		$(srcdir)/core/bounce/bounce-internal.h \
		$(srcdir)/core/bounce/smtpreply/bounce.h
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(fuzz_link) -I$(top_srcdir)/core/bounce $(GMIME_CFLAGS) \
	  $(srcdir)/fuzz/fuzz-bounce.c $(fuzz_bounce_sources) \
	  $(GMIME_LIBS) $(LIBS)
fuzz_cli_sources = $(addprefix $(srcdir)/,$(cli_libsmtpreply_cli_la_SOURCES)) \
	$(srcdir)/fuzz/cli-stubs.c
fuzz/fuzz-annotate$(EXEEXT): $(srcdir)/fuzz/fuzz-annotate.c $(fuzz_deps) \
		$(fuzz_cli_sources)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(fuzz_link) -I$(top_srcdir)/cli $(COMPRESS_CFLAGS) \
	  $(srcdir)/fuzz/fuzz-annotate.c $(filter %.c,$(fuzz_cli_sources)) \
	  $(COMPRESS_LIBS) $(LIBS)

fuzz/fuzz-input$(EXEEXT): $(srcdir)/fuzz/fuzz-input.c $(fuzz_deps) \
		$(fuzz_cli_sources)
	@$(MKDIR_P) fuzz
	$(AM_V_CCLD)$(fuzz_link) -I$(top_srcdir)/cli $(COMPRESS_CFLAGS) \
	  $(srcdir)/fuzz/fuzz-input.c $(filter %.c,$(fuzz_cli_sources)) \
	  $(COMPRESS_LIBS) $(LIBS)

# The language and annotate harnesses copy catalogs from tests/locale.
fuzz-build: $(fuzz_targets) $(tests_locale_stamp)

fuzz: fuzz-build
	$(AM_V_at)SMTPREPLY_LOCALEDIR='$(abs_top_builddir)/tests/locale' \
	  MAKE='$(MAKE)' $(SHELL) $(srcdir)/fuzz/run-fuzzers --no-build \
	  --seconds=$(FUZZ_SECONDS) --jobs=$(FUZZ_JOBS) $(FUZZ_HARNESSES)

# What "make check" runs of them, alone.
fuzz-replay: $(fuzz_replays) $(tests_locale_stamp)
	$(AM_V_at)SMTPREPLY_LOCALEDIR='$(abs_top_builddir)/tests/locale' \
	  top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  $(SHELL) $(srcdir)/fuzz/replay.sh

.PHONY: fuzz fuzz-build fuzz-replay

CLEANFILES += $(fuzz_targets)
clean-local: clean-fuzz
clean-fuzz:
	-rm -rf fuzz/out
.PHONY: clean-fuzz
