/* bench-lookup.c -- how long a described reply code takes, per call.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Usage: bench-lookup [-r RUNS] LANG...

   Describe every code of the table in each LANG in turn, as "smtpreply
   explain" does and as a server answering users in their own languages
   would: code by code, the languages changing at every call.  Time
   smtpreply_reply_describe_lang so, and for comparison the plain table
   lookup smtpreply_reply_lookup of the same codes as many times.  Each
   measure repeats the whole round (codes times languages) for at least
   0.2 seconds, RUNS times (3 unless given), a measure of one and one of
   the other in turn; the best of each is printed in nanoseconds per
   call:

     bytes 123456
     describe_lang 312.4
     lookup 9.7

   "bytes" is the length of all the descriptions of a round, which the
   drivers of the bindings (bench/bindings/lookup.*) print too: the same
   number says they were given the same texts.  Before timing, each LANG
   must have a catalog (found through SMTPREPLY_LOCALEDIR or the configured
   localedir): a description of 550 that is the English one means it has
   none, and the program exits with 1 rather than time the fallback.  */

#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "smtpreply.h"

/* The least time of one measure, in seconds.  */
#define MIN_SECONDS 0.2

/* Where the results of the calls go, so that the compiler keeps them.  */
static volatile uintptr_t sink;

/* Return the seconds of CLOCK_MONOTONIC.  */
static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

/* The codes of the table and the languages of the command line.  */
static int *codes;
static size_t n_codes;
static char **langs;
static size_t n_langs;

/* Call smtpreply_reply_describe_lang for each code in each language,
   ROUNDS times.  */
static void
describe_rounds (unsigned long rounds)
{
  uintptr_t acc = 0;
  for (unsigned long r = 0; r < rounds; r++)
    for (size_t c = 0; c < n_codes; c++)
      for (size_t l = 0; l < n_langs; l++)
        acc += (uintptr_t) smtpreply_reply_describe_lang (codes[c], langs[l]);
  sink += acc;
}

/* Call smtpreply_reply_lookup as often as describe_rounds calls
   smtpreply_reply_describe_lang.  */
static void
lookup_rounds (unsigned long rounds)
{
  uintptr_t acc = 0;
  for (unsigned long r = 0; r < rounds; r++)
    for (size_t c = 0; c < n_codes; c++)
      for (size_t l = 0; l < n_langs; l++)
        acc += (uintptr_t) smtpreply_reply_lookup (codes[c]);
  sink += acc;
}

/* Return the time of one call of the calls FN makes, in nanoseconds, in
   one measure: FN called for as many rounds as take MIN_SECONDS.  */
static double
measure_ns (void (*fn) (unsigned long))
{
  unsigned long rounds = 1;
  double seconds;
  for (;;)
    {
      double t0 = now ();
      fn (rounds);
      seconds = now () - t0;
      if (seconds >= MIN_SECONDS)
        break;
      rounds *= 2;
    }
  return seconds * 1e9
         / ((double) rounds * (double) n_codes * (double) n_langs);
}

/* Store in *DESCRIBE and *LOOKUP the best time of one call of
   describe_rounds and of lookup_rounds, in nanoseconds, of RUNS measures
   of each, taken in turn: a slow spell of the machine weighs on both.  */
static void
best_ns (int runs, double *describe, double *lookup)
{
  for (int i = 0; i < runs; i++)
    {
      double d = measure_ns (describe_rounds);
      double l = measure_ns (lookup_rounds);
      if (i == 0 || d < *describe)
        *describe = d;
      if (i == 0 || l < *lookup)
        *lookup = l;
    }
}

/* Print how to use the program to STREAM.  */
static void
usage (FILE *stream)
{
  fputs ("Usage: bench-lookup [-r RUNS] LANG...\n"
         "Time smtpreply_reply_describe_lang for every reply code in each "
         "LANG in turn,\n"
         "and smtpreply_reply_lookup for comparison; print the best of "
         "RUNS (default 3)\n"
         "in nanoseconds per call.\n",
         stream);
}

int
main (int argc, char **argv)
{
  int runs = 3;
  int opt;
  int bad = 0;

  if (argc == 2 && strcmp (argv[1], "--help") == 0)
    {
      usage (stdout);
      return 0;
    }
  while ((opt = getopt (argc, argv, "r:")) != -1)
    switch (opt)
      {
      case 'r':
        runs = atoi (optarg);
        bad |= runs < 1 || runs > 1000;
        break;
      default:
        bad = 1;
        break;
      }
  if (bad || optind >= argc)
    {
      usage (stderr);
      return 2;
    }
  langs = argv + optind;
  n_langs = (size_t) (argc - optind);

  n_codes = smtpreply_reply_count ();
  codes = malloc (n_codes * sizeof *codes);
  if (codes == NULL)
    {
      fputs ("bench-lookup: out of memory\n", stderr);
      return 2;
    }
  for (size_t i = 0; i < n_codes; i++)
    codes[i] = smtpreply_reply_at (i)->code;

  const char *english = smtpreply_reply_lookup (550)->text;
  for (size_t l = 0; l < n_langs; l++)
    {
      const char *text = smtpreply_reply_describe_lang (550, langs[l]);
      if (text == NULL || strcmp (text, english) == 0)
        {
          fprintf (stderr,
                   "bench-lookup: no catalog for '%s' (is "
                   "SMTPREPLY_LOCALEDIR set?)\n",
                   langs[l]);
          return 1;
        }
    }

  unsigned long long bytes = 0;
  for (size_t c = 0; c < n_codes; c++)
    for (size_t l = 0; l < n_langs; l++)
      bytes += strlen (smtpreply_reply_describe_lang (codes[c], langs[l]));

  printf ("bytes %llu\n", bytes);
  double describe = 0, lookup = 0;
  best_ns (runs, &describe, &lookup);
  printf ("describe_lang %.1f\n", describe);
  printf ("lookup %.1f\n", lookup);
  free (codes);
  return 0;
}
