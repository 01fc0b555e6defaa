# bench/local.mk -- "make bench": how fast the reply parser is.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# Neither "make" nor "make check" builds or runs these: a benchmark prints
# figures for a person to read, never a timed assertion.  "make bench"
# builds them, writes the corpus into the build tree and runs the parser
# on it.  Variables: BENCH_CORPUS_SIZE (default 64M; suffix K, M, G),
# BENCH_SEED (1), BENCH_FLAGS (options of bench-parse, e.g. "-r 9").  The
# corpus is written again when the generator changes; delete
# bench/corpus.txt after changing its size or seed.
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

EXTRA_DIST += bench/README.md bench/bindings/lookup.py \
	bench/bindings/lookup.lua bench/bindings/lookup.pl

BENCH_CORPUS_SIZE = 64M
BENCH_SEED = 1
BENCH_FLAGS =

bench/corpus.txt: bench/gen-corpus$(EXEEXT)
	$(AM_V_GEN)bench/gen-corpus$(EXEEXT) -s $(BENCH_SEED) \
	  $(BENCH_CORPUS_SIZE) $@-t && mv -f $@-t $@

bench: bench/bench-parse$(EXEEXT) bench/corpus.txt
	bench/bench-parse$(EXEEXT) $(BENCH_FLAGS) bench/corpus.txt
.PHONY: bench

CLEANFILES += $(EXTRA_PROGRAMS) bench/corpus.txt bench/corpus.txt-t
