# bench/local.mk -- "make bench": smtpreply side by side with the SMTP
# readers of each language.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# Neither "make" nor "make check" builds or runs any of this: a benchmark
# prints figures for a person to read, never a timed assertion.  "make
# bench" builds the programs, writes the inputs into the build tree (a
# reply corpus and two mail logs, removed by "make clean") and runs
# bench/run-bench, which times every reader on them and prints one report
# (bench/README.md).  Variables, all of which can be set on the command
# line ("make bench BENCH_RUNS=5"):
#
#   BENCH_RUNS               timed runs of each reader (3); the best counts
#   BENCH_CORPUS_SIZE        the reply corpus (64M; suffix K, M, G)
#   BENCH_LOG_SIZE           each mail log (64M)
#   BENCH_LOG_DISTINCT       distinct replies in the log (1000)
#   BENCH_LOG_DISTINCT_MANY  the same in the second log, which times
#                            "annotate --summary" with many rows (100000)
#   BENCH_SEED               the seed of the generators (1)
#   BENCH_LANGS              the languages of the lookups
#   BENCH_FLAGS              options of bench-parse for its own table
#   BENCH_CLOCK              what rates and ratios are made of: cpu (the
#                            processor time) or wall (the wall clock)
#   GO                       the Go compiler (go)
#
# An input is written again when its generator or its variables change.
EXTRA_PROGRAMS = bench/gen-corpus bench/gen-log bench/bench-parse \
	bench/bench-lookup
bench_gen_corpus_SOURCES = bench/gen-corpus.c bench/gen-common.c \
	bench/gen-common.h
bench_gen_log_SOURCES = bench/gen-log.c bench/gen-common.c \
	bench/gen-common.h
bench_bench_parse_SOURCES = bench/bench-parse.c
bench_bench_parse_LDADD = core/libsmtpreply.la
bench_bench_lookup_SOURCES = bench/bench-lookup.c
bench_bench_lookup_LDADD = core/libsmtpreply.la

EXTRA_DIST += \
	bench/README.md \
	bench/RESULTS.md \
	bench/run-bench \
	bench/peers/textproto.go \
	bench/peers/smtplib-peer.py \
	bench/peers/socket-tp-peer.lua \
	bench/peers/netcmd-peer.pl \
	bench/bindings/parse.py \
	bench/bindings/parse.lua \
	bench/bindings/parse.pl \
	bench/bindings/lookup.py \
	bench/bindings/lookup.lua \
	bench/bindings/lookup.pl

BENCH_RUNS = 3
BENCH_CORPUS_SIZE = 64M
BENCH_LOG_SIZE = 64M
BENCH_LOG_DISTINCT = 1000
BENCH_LOG_DISTINCT_MANY = 100000
BENCH_SEED = 1
BENCH_LANGS = ru uk de fr es pt_BR ja zh_CN
BENCH_FLAGS =
BENCH_CLOCK = cpu
GO = go

# Each input's arguments are kept in a file that changes only when they
# do, so that the input is written again then and only then.
bench/corpus.args: bench-force
	@$(MKDIR_P) bench && \
	echo '--clean -s $(BENCH_SEED) $(BENCH_CORPUS_SIZE)' >$@-t && \
	if cmp -s $@-t $@; then rm -f $@-t; else mv -f $@-t $@; fi
bench/log.args: bench-force
	@$(MKDIR_P) bench && \
	echo '-s $(BENCH_SEED) -d $(BENCH_LOG_DISTINCT) $(BENCH_LOG_SIZE)' \
	  >$@-t && \
	if cmp -s $@-t $@; then rm -f $@-t; else mv -f $@-t $@; fi
bench/log-many.args: bench-force
	@$(MKDIR_P) bench && \
	echo '-s $(BENCH_SEED) -d $(BENCH_LOG_DISTINCT_MANY) $(BENCH_LOG_SIZE)' \
	  >$@-t && \
	if cmp -s $@-t $@; then rm -f $@-t; else mv -f $@-t $@; fi

# The reply corpus is clean (gen-corpus --clean): no bare codes, which Go's
# net/textproto refuses.
bench/corpus.txt: bench/gen-corpus$(EXEEXT) bench/corpus.args
	$(AM_V_GEN)bench/gen-corpus$(EXEEXT) `cat bench/corpus.args` $@-t && \
	mv -f $@-t $@
# gen-log says what it wrote into LOG.info, for run-bench to check.
bench/log.txt: bench/gen-log$(EXEEXT) bench/log.args
	$(AM_V_GEN)bench/gen-log$(EXEEXT) `cat bench/log.args` $@-t \
	  >$@.info-t && mv -f $@.info-t $@.info && mv -f $@-t $@
bench/log-many.txt: bench/gen-log$(EXEEXT) bench/log-many.args
	$(AM_V_GEN)bench/gen-log$(EXEEXT) `cat bench/log-many.args` $@-t \
	  >$@.info-t && mv -f $@.info-t $@.info && mv -f $@-t $@

# What run-bench needs besides "all": the C programs, the inputs, the
# catalogs of the lookups, and the bindings that were built.
bench_deps = bench/bench-parse$(EXEEXT) bench/bench-lookup$(EXEEXT) \
	bench/corpus.txt bench/log.txt bench/log-many.txt \
	$(tests_locale_stamp)
bench_bindings =
if BUILD_PYTHON
bench_bindings += python
endif
if BUILD_LUA
bench_bindings += lua
bench_deps += bindings/lua/smtpreply/core.so
endif
if BUILD_PERL
bench_bindings += perl
endif

bench: all $(bench_deps)
	@top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	BENCH_RUNS='$(BENCH_RUNS)' BENCH_CORPUS=bench/corpus.txt \
	BENCH_LOG=bench/log.txt BENCH_LOG_MANY=bench/log-many.txt \
	BENCH_LANGS='$(BENCH_LANGS)' BENCH_FLAGS='$(BENCH_FLAGS)' \
	BENCH_CLOCK='$(BENCH_CLOCK)' \
	BENCH_BINDINGS='$(bench_bindings)' PYTHON='$(PYTHON)' LUA='$(LUA)' \
	PERL='$(PERL)' GO='$(GO)' \
	bash $(srcdir)/bench/run-bench
bench-force:
.PHONY: bench bench-force clean-bench

clean-local: clean-bench
clean-bench:
	-chmod -R u+w bench/go 2>/dev/null; rm -rf bench/go

CLEANFILES += $(EXTRA_PROGRAMS) bench/textproto-peer \
	bench/corpus.txt bench/corpus.txt-t bench/corpus.args \
	bench/corpus.args-t bench/log.txt bench/log.txt-t bench/log.txt.info \
	bench/log.txt.info-t bench/log.args bench/log.args-t \
	bench/log-many.txt bench/log-many.txt-t bench/log-many.txt.info \
	bench/log-many.txt.info-t bench/log-many.args bench/log-many.args-t

# "make bench-reasons": per-reason precision and recall of the classifier
# on the labelled reply set, and its time per call; "make bench" runs it
# too.  Variable: BENCH_REASONS_FLAGS (e.g. "-r 9").
EXTRA_PROGRAMS += bench/bench-reasons
bench_bench_reasons_SOURCES = bench/bench-reasons.c
bench_bench_reasons_LDADD = core/libsmtpreply.la
BENCH_REASONS_FLAGS =
bench-reasons: bench/bench-reasons$(EXEEXT)
	bench/bench-reasons$(EXEEXT) $(BENCH_REASONS_FLAGS) \
	  $(top_srcdir)/tests/reasons/replies.tsv
bench: bench-reasons
.PHONY: bench-reasons

# "make bench-bounce": smtpreply bounce --mbox over a generated mailbox of
# bounces (bench/gen-mbox.py, BENCH_MBOX_SIZE, default 1 GiB): MB/s,
# messages/s and peak memory, text and --json (bench/run-bounce).
BENCH_MBOX_SIZE = 1G
bench/mbox.args: bench-force
	@$(MKDIR_P) bench && \
	echo '-s $(BENCH_SEED) $(BENCH_MBOX_SIZE)' >$@-t && \
	if cmp -s $@-t $@; then rm -f $@-t; else mv -f $@-t $@; fi
bench/bounces.mbox: $(srcdir)/bench/gen-mbox.py bench/mbox.args
	$(AM_V_GEN)/usr/bin/python3 $(srcdir)/bench/gen-mbox.py \
	  `cat bench/mbox.args` $@-t >$@.info-t && \
	mv -f $@.info-t $@.info && mv -f $@-t $@
bench-bounce: all bench/bounces.mbox $(tests_locale_stamp)
	@top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	BENCH_RUNS='$(BENCH_RUNS)' BENCH_MBOX=bench/bounces.mbox \
	bash $(srcdir)/bench/run-bounce
.PHONY: bench-bounce
EXTRA_DIST += bench/gen-mbox.py bench/run-bounce
CLEANFILES += bench/bounces.mbox bench/bounces.mbox-t bench/bounces.mbox.info \
	bench/bounces.mbox.info-t bench/mbox.args bench/mbox.args-t

# "make bench-dask": a fleet's logs (bench/log.txt cut into 64 files)
# summarised by smtpreply.dask on 1 and 2 worker processes, against one
# "smtpreply annotate --summary" (bench/dask-scaling.py; doc/scaling.md
# reads its figures).  It needs the Python binding and python3-distributed.
BENCH_DASK_WORKERS = 1,2
bench-dask: all bench/log.txt $(tests_locale_stamp)
	PYTHONPATH='$(abs_builddir)/bindings/python/stage' \
	SMTPREPLY_LOCALEDIR='$(abs_builddir)/tests/locale' \
	$(PYTHON) $(srcdir)/bench/dask-scaling.py --log bench/log.txt \
	  --command cli/smtpreply$(EXEEXT) --workers '$(BENCH_DASK_WORKERS)' \
	  --runs '$(BENCH_RUNS)'
.PHONY: bench-dask
EXTRA_DIST += bench/dask-scaling.py
