/* gen-common.h -- what the benchmark's two generators share.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   gen-corpus (replies as a client reads them) and gen-log (mail logs) draw
   from one sequence of random numbers, seeded from their command line, and
   print the same names and identifiers: addresses in the reserved example
   domains, IPv4 addresses, and the queue ids of Postfix, Exim and
   Sendmail, Gmail's tracking ids and Exchange Online's host names.  Every
   string is returned in a static buffer that the next call of the same
   function overwrites.  */

#ifndef GEN_COMMON_H
#define GEN_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined __GNUC__ || defined __clang__
# define GEN_PRINTF_LIKE(f, a) __attribute__ ((__format__ (__printf__, f, a)))
#else
# define GEN_PRINTF_LIKE(f, a)
#endif

/* How much the generators write at a time: 2 MiB, from offsets that are
   multiples of it, which Linux can keep in the page cache as huge pages.
   run-bench does not count on it: bench-parse -w reads every input anew
   in huge pages before the readers are timed (bench/RESULTS.md says why
   the pages matter on its machine).  */
#define GEN_WRITE_BLOCK (2 * 1024 * 1024)

#define GEN_N_ELEMS(a) (sizeof (a) / sizeof (a)[0])
#define GEN_PICK(list) gen_pick ((list), GEN_N_ELEMS (list))

/* Randomness: splitmix64.  */
void gen_seed (uint64_t seed);
uint64_t gen_random (void);
unsigned int gen_below (unsigned int n);
unsigned int gen_between (unsigned int lo, unsigned int hi);
int gen_chance (unsigned int per_mille);
const char *gen_pick (const char *const *list, size_t n);
char *gen_chars (char *buf, size_t n, const char *alphabet);

/* Numbers on the command line.  */
uint64_t gen_parse_size (const char *spec);
int gen_parse_seed (const char *arg, uint64_t *seed);

/* Alphabets of identifiers.  */
extern const char gen_hex[];
extern const char gen_upper_hex[];
extern const char gen_base62[];

/* Names and identifiers.  */
const char *gen_domain (void);
const char *gen_user (void);
const char *gen_address (void);
const char *gen_ipv4 (void);
const char *gen_gmail_id (void);
const char *gen_postfix_id (void);
const char *gen_exim_id (void);
const char *gen_sendmail_id (void);
const char *gen_outlook_host (void);
const char *gen_outlook_stamp (void);

#endif /* GEN_COMMON_H */
