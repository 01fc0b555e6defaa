/* fuzz.h -- what the fuzzing harnesses share.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Each harness fuzz/fuzz-NAME.c defines the two entry points of libFuzzer.
   It is linked either with libFuzzer (make fuzz) or with replay-main.c,
   which runs it on files (make check).  A harness checks invariants that
   must hold for any input and calls abort () when one is broken, so that
   libFuzzer and the sanitizers report it like a crash.  */

#ifndef SMTPREPLY_FUZZ_H
#define SMTPREPLY_FUZZ_H 1

#include <stddef.h>
#include <stdint.h>

/* The entry points libFuzzer calls: once before the first input, then
   once for each input.  Both return 0.  */
int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Report that the invariant TEXT, at FILE:LINE, does not hold, and abort.  */
_Noreturn void fuzz_fail (const char *text, const char *file, int line);

/* Abort unless COND holds.  Unlike assert, NDEBUG does not remove it.  */
#define FUZZ_ASSERT(cond)                                                    \
  ((cond) ? (void) 0 : fuzz_fail (#cond, __FILE__, __LINE__))

/* Give the library a catalog folder of its own for the process: a
   temporary folder, removed at exit, holding some of the catalogs of the
   folder $SMTPREPLY_LOCALEDIR names (make check's tests/locale, which
   fuzz/run-fuzzers also sets) under their own names and under names that
   exercise the fallbacks (a modifier, a territory), plus a damaged and an
   empty catalog.  Point $SMTPREPLY_LOCALEDIR at it, before the library
   reads it at its first use.  Without a source folder the library has no
   catalogs, and a warning says so.  Call it from LLVMFuzzerInitialize.  */
void fuzz_setup_catalogs (void);

/* Return the next number of the generator whose state is *STATE (never
   0): xorshift32, so that a harness chooses from bytes of its input in a
   way it can repeat.  */
uint32_t fuzz_random (uint32_t *state);

#endif /* SMTPREPLY_FUZZ_H */
