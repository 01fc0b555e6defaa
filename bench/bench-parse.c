/* bench-parse.c -- how fast the reply parser reads a stream of replies.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Usage: bench-parse [-r RUNS] [-b SIZE] [-m MODE]... CORPUS
          bench-parse -c [-m MODE] CORPUS

   Read CORPUS into memory and feed it to smtpreply_parser_feed in three
   ways: the whole buffer at once (the parser returns at each reply, and
   the rest is fed again), 4 KiB chunks as read () gives them, and one byte
   per call.  Each mode runs RUNS times (5 unless given), in rounds that
   run every mode once, so that a slow spell of the machine falls on all
   of them alike; the best and the median run of each are printed as MB/s
   (10^6 bytes a second) and replies a second.  Byte by byte reads the
   whole corpus too, unless -b limits it to the first SIZE bytes, cut
   after the last reply they complete (it runs about 7 times slower than
   the other modes).

   Every mode must find the same replies and errors: each run is checked
   against an untimed whole-buffer parse of the same bytes, and the program
   exits with 1 if one differs.  Its figures are for reading, never for a
   test to assert: the speed depends on the machine.

   With -c, the program parses CORPUS once, in MODE (whole unless given),
   and prints the number of replies and the sum of their codes, as the
   other readers of bench/run-bench do: run-bench times the whole process
   from outside, like theirs.  It reads the file as such a reader would:
   the whole buffer is the file mapped into memory (where the system maps
   files), the chunks are what read () gives 4 KiB at a time, and byte by
   byte feeds the blocks of 64 KiB read () gives one byte at a time.  It
   exits with 1 if the parser reported an error.

   With -w, the program reads each FILE into the page cache anew, in huge
   pages where the system can, and parses nothing: run-bench does so with
   every input before it times the readers, so that each finds the file
   cached alike, and the mapping of the whole buffer takes the cache's
   pages 2 MiB at a time (bench/RESULTS.md: the first read of each mapped
   4 KiB page is dear on a virtual machine).  */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#if defined _POSIX_MAPPED_FILES && _POSIX_MAPPED_FILES > 0
# include <sys/mman.h>
#endif

#include "smtpreply.h"

/* Real servers send lines over RFC 5321's 512 octets (the corpus has some
   of up to 700 bytes), so the benchmark raises the limit as a mail program
   would.  */
#define LINE_LENGTH 4096

#define CHUNK_SIZE 4096

/* What a parse found.  Two parses of the same bytes must give equal
   tallies whatever the chunking.  */
struct tally
{
  uint64_t replies;
  uint64_t lines;
  uint64_t errors;
  uint64_t code_sum;     /* sum of the reply codes */
  uint64_t error_sum;    /* sum of the error offsets */
  uint64_t flags[32];    /* replies with each flag bit set */
};

enum mode
{
  WHOLE,
  CHUNKS,
  BYTES,
  N_MODES
};

static const char *const mode_names[N_MODES]
    = { "whole", "chunks", "bytes" };
static const char *const mode_titles[N_MODES]
    = { "whole buffer", "4 KiB chunks", "byte by byte" };

/* Count reply R into *T.  */
static void
count_reply (struct tally *t, const struct smtpreply_response *r)
{
  t->replies++;
  t->lines += smtpreply_response_line_count (r);
  t->code_sum += (uint64_t) smtpreply_response_code (r);
  unsigned int f = smtpreply_response_flags (r);
  for (unsigned int i = 0; f != 0; i++, f >>= 1)
    if (f & 1)
      t->flags[i]++;
}

/* Count the error P has just reported into *T.  */
static void
count_error (struct tally *t, const struct smtpreply_parser *p)
{
  t->errors++;
  t->error_sum += smtpreply_parser_error_offset (p);
}

/* What feed_all does for CHUNK 1, a byte per call, as a program that
   hands each byte to the parser as it comes would loop: the usual case
   (the byte taken, the reply not over) first, with nothing else to do.
   The general loop below spent about as many instructions on a byte as
   the parser does.  */
static int
feed_bytes (struct smtpreply_parser *p, const char *buf, size_t len,
            struct tally *t, size_t *last_end)
{
  size_t start = 0;
  int stalled = 0;
  while (start < len)
    {
      size_t used;
      int rc = smtpreply_parser_feed (p, buf + start, 1, &used);
      start += used;
      if (rc == 0 && used == 1)
        {
          stalled = 0;
          continue;
        }
      if (rc == SMTPREPLY_READY)
        {
          count_reply (t, smtpreply_parser_reply (p));
          if (last_end != NULL)
            *last_end = start;
        }
      else if (rc < 0)
        count_error (t, p);
      /* An error may take no byte, but two calls in a row must.  */
      if (used > 0)
        stalled = 0;
      else if (stalled++ > 0)
        return -1;
    }
  return 0;
}

/* Feed the LEN bytes at BUF to parser P, CHUNK bytes at a time, counting
   what was found into *T, and storing in *LAST_END (if not NULL) the
   offset just after the last complete reply.  Return 0, or -1 if the
   parser stopped taking bytes.  */
static int
feed_all (struct smtpreply_parser *p, const char *buf, size_t len,
          size_t chunk, struct tally *t, size_t *last_end)
{
  if (chunk == 1)
    return feed_bytes (p, buf, len, t, last_end);
  /* START is the next byte to feed, END the end of the chunk it is in:
     each chunk is fed until the parser has taken all of it.  */
  size_t start = 0;
  size_t end = chunk < len ? chunk : len;
  int stalled = 0;
  while (start < len)
    {
      size_t used;
      int rc = smtpreply_parser_feed (p, buf + start, end - start, &used);
      start += used;
      if (rc == SMTPREPLY_READY)
        {
          count_reply (t, smtpreply_parser_reply (p));
          if (last_end != NULL)
            *last_end = start;
        }
      else if (rc < 0)
        count_error (t, p);
      /* An error may take no byte, but two calls in a row must.  */
      if (used > 0)
        stalled = 0;
      else if (stalled++ > 0)
        return -1;
      if (start == end)
        end = len - end < chunk ? len : end + chunk;
    }
  return 0;
}

/* Parse the LEN bytes at BUF with parser P, fed CHUNK bytes at a time, and
   end the stream.  Store what was found in *T, and in *LAST_END (if not
   NULL) the offset just after the last complete reply.  Return 0, or -1 if
   the parser stopped taking bytes.  */
static int
parse (struct smtpreply_parser *p, const char *buf, size_t len, size_t chunk,
       struct tally *t, size_t *last_end)
{
  memset (t, 0, sizeof *t);
  if (feed_all (p, buf, len, chunk, t, last_end) < 0)
    return -1;
  if (smtpreply_parser_finish (p) < 0)
    count_error (t, p);
  return 0;
}

/* The line-length limit a parser has before the benchmark raises it.  */
static size_t default_line_length;

/* Return a parser with the benchmark's limits, or exit.  */
static struct smtpreply_parser *
new_parser (void)
{
  struct smtpreply_parser *p;
  if (smtpreply_parser_new (&p) < 0)
    {
      fputs ("bench-parse: cannot create a parser\n", stderr);
      exit (2);
    }
  default_line_length
      = smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH);
  if (smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH,
                                  LINE_LENGTH)
      < 0)
    {
      fputs ("bench-parse: cannot create a parser\n", stderr);
      exit (2);
    }
  return p;
}

/* Return 1 if A and B are equal, else 0.  */
static int
same_tally (const struct tally *a, const struct tally *b)
{
  if (a->replies != b->replies || a->lines != b->lines
      || a->errors != b->errors || a->code_sum != b->code_sum
      || a->error_sum != b->error_sum)
    return 0;
  for (size_t i = 0; i < 32; i++)
    if (a->flags[i] != b->flags[i])
      return 0;
  return 1;
}

/* Return the seconds of CLOCK_MONOTONIC.  */
static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

/* Order doubles, for qsort.  */
static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Read the file NAME into memory and store its size in *LEN; exit if that
   fails.  */
static char *
read_file (const char *name, size_t *len)
{
  FILE *f = fopen (name, "rb");
  if (f == NULL)
    {
      fprintf (stderr, "bench-parse: %s: %s\n", name, strerror (errno));
      exit (2);
    }
  size_t cap = 1 << 20;
  size_t n = 0;
  char *buf = malloc (cap);
  for (;;)
    {
      if (buf == NULL)
        {
          fputs ("bench-parse: out of memory\n", stderr);
          exit (2);
        }
      n += fread (buf + n, 1, cap - n, f);
      if (n < cap)
        break;
      cap *= 2;
      buf = realloc (buf, cap);
    }
  if (ferror (f))
    {
      fprintf (stderr, "bench-parse: %s: %s\n", name, strerror (errno));
      exit (2);
    }
  fclose (f);
  *len = n;
  return buf;
}

/* Return the size SPEC gives (digits and an optional K, M or G for KiB,
   MiB, GiB), or store 1 in *BAD.  */
static size_t
parse_size (const char *spec, int *bad)
{
  char *end;
  errno = 0;
  unsigned long long n = strtoull (spec, &end, 10);
  unsigned int shift = 0;
  if (*end == 'K' || *end == 'k')
    shift = 10;
  else if (*end == 'M' || *end == 'm')
    shift = 20;
  else if (*end == 'G' || *end == 'g')
    shift = 30;
  if (shift != 0)
    end++;
  if (errno != 0 || end == spec || spec[0] == '-' || *end != '\0'
      || n > (SIZE_MAX >> shift))
    {
      *bad = 1;
      return 0;
    }
  return (size_t) n << shift;
}

/* How much a parse of a file in chunks reads at a time.  */
#define BYTES_BLOCK 65536

/* Read the next block of the file NAME, open as FD, into BLOCK (of
   BYTES_BLOCK bytes), again if a signal interrupted it.  Return its
   size, 0 at the end, or -1 with a message if it cannot be read.  */
static ssize_t
read_block (int fd, const char *name, char *block)
{
  for (;;)
    {
      ssize_t n = read (fd, block, BYTES_BLOCK);
      if (n >= 0 || errno != EINTR)
        {
          if (n < 0)
            fprintf (stderr, "bench-parse: %s: %s\n", name,
                     strerror (errno));
          return n;
        }
    }
}

/* Parse the file NAME once, as another reader of bench/run-bench would
   read it, and print the number of replies and the sum of their codes:
   with CHUNK 0, the whole file as one buffer (mapped into memory where
   the system can, else read into it); else the file read BYTES_BLOCK
   bytes at a time, each block fed CHUNK bytes at a time (one by one if
   CHUNK is 1).  Return the exit status: 0, or 1 if the parser reported an
   error or stopped taking bytes.  */
static int
count_once (const char *name, size_t chunk)
{
  struct smtpreply_parser *p = new_parser ();
  struct tally t;
  memset (&t, 0, sizeof t);
  int rc = 0;
  if (chunk == 0)
    {
      size_t len = 0;
      char *buf = NULL;
#if defined _POSIX_MAPPED_FILES && _POSIX_MAPPED_FILES > 0
      int fd = open (name, O_RDONLY);
      off_t size = fd >= 0 ? lseek (fd, 0, SEEK_END) : -1;
      void *map = MAP_FAILED;
      /* Mapped with its pages at once where the system can: page by
         page, the faults cost as much as the parse on a virtual
         machine, and the time is the parser's to show, not the
         kernel's (grep, beside it, reads in large blocks).  Not read
         into memory of its own: on this VM, memory freed a few seconds
         before is dear to fault in again, even in huge pages
         (bench/RESULTS.md).  */
#ifdef MAP_POPULATE
      int flags = MAP_PRIVATE | MAP_POPULATE;
#else
      int flags = MAP_PRIVATE;
#endif
      if (size > 0 && (uintmax_t) size <= SIZE_MAX)
        map = mmap (NULL, (size_t) size, PROT_READ, flags, fd, 0);
      if (fd >= 0)
        close (fd);
      if (map != MAP_FAILED)
        {
          len = (size_t) size;
          rc = feed_all (p, map, len, len, &t, NULL);
          munmap (map, len);
        }
      else
#endif
        {
          buf = read_file (name, &len);
          rc = feed_all (p, buf, len, len, &t, NULL);
          free (buf);
        }
    }
  else
    {
      int fd = open (name, O_RDONLY);
      if (fd < 0)
        {
          fprintf (stderr, "bench-parse: %s: %s\n", name, strerror (errno));
          exit (2);
        }
      /* Read in blocks of BYTES_BLOCK, fed CHUNK bytes at a time: a
         read () of each chunk would time the kernel more than the
         parser.  */
      static char block[BYTES_BLOCK];
      for (;;)
        {
          ssize_t n = read_block (fd, name, block);
          if (n < 0)
            exit (2);
          if (n == 0 || rc < 0)
            break;
          rc = feed_all (p, block, (size_t) n, chunk, &t, NULL);
        }
      close (fd);
    }
  if (rc == 0 && smtpreply_parser_finish (p) < 0)
    count_error (&t, p);
  smtpreply_parser_free (p);
  if (rc < 0)
    {
      fputs ("bench-parse: the parser stopped taking bytes\n", stderr);
      return 1;
    }
  printf ("%" PRIu64 " %" PRIu64 "\n", t.replies, t.code_sum);
  if (t.errors != 0)
    {
      fprintf (stderr, "bench-parse: %s: %" PRIu64 " errors\n", name,
               t.errors);
      return 1;
    }
  return 0;
}

/* Read the file NAME into the page cache anew: drop what the cache
   holds of it (written back first), then read it through a mapping that
   asks for huge pages, so that Linux reads it ahead into folios of 2 MiB
   where it can, which later mappings of the file take whole.  Without
   those calls, just read it.  Return 0, or 2 with a message if it cannot
   be read.  */
static int
warm (const char *name)
{
  int fd = open (name, O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      fprintf (stderr, "bench-parse: %s: %s\n", name, strerror (errno));
      if (fd >= 0)
        close (fd);
      return 2;
    }
  int done = 0;
#if defined _POSIX_MAPPED_FILES && _POSIX_MAPPED_FILES > 0 \
    && defined MADV_HUGEPAGE && defined POSIX_FADV_DONTNEED
  if (S_ISREG (st.st_mode) && st.st_size > 0
      && (uintmax_t) st.st_size <= SIZE_MAX)
    {
      size_t size = (size_t) st.st_size;
      fdatasync (fd);
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      unsigned char *map = mmap (NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
      if (map != MAP_FAILED)
        {
          madvise (map, size, MADV_HUGEPAGE);
          volatile unsigned char sink = 0;
          for (size_t i = 0; i < size; i += 4096)
            sink ^= map[i];
          (void) sink;
          munmap (map, size);
          done = 1;
        }
    }
#endif
  if (!done)
    {
      static char block[BYTES_BLOCK];
      ssize_t n;
      while ((n = read_block (fd, name, block)) > 0)
        continue;
      if (n < 0)
        {
          close (fd);
          return 2;
        }
    }
  close (fd);
  return 0;
}

/* Print how to use the program to STREAM.  */
static void
usage (FILE *stream)
{
  fputs ("Usage: bench-parse [-r RUNS] [-b SIZE] [-m MODE]... CORPUS\n"
         "       bench-parse -c [-m MODE] CORPUS\n"
         "       bench-parse -w FILE...\n"
         "Time smtpreply's parser on the replies in CORPUS, fed as one "
         "buffer,\n"
         "in 4 KiB chunks and byte by byte; print the best and median of "
         "RUNS runs\n"
         "(default 5).  Byte by byte reads only the first SIZE bytes "
         "(suffix K, M, G)\n"
         "if -b is given.  MODE is whole, chunks or bytes (default: all "
         "three).\n"
         "With -c, parse once in MODE (default whole) and print the "
         "number of replies\n"
         "and the sum of their codes.\n"
         "With -w, read each FILE into the page cache anew, in huge pages "
         "where the\n"
         "system can, and parse nothing.\n",
         stream);
}

int
main (int argc, char **argv)
{
  int runs = 5;
  size_t byte_limit = 0;
  int want[N_MODES] = { 0, 0, 0 };
  int any_mode = 0;
  int count_only = 0;
  int warm_only = 0;
  int runs_given = 0;
  int opt;
  int bad = 0;

  if (argc == 2 && strcmp (argv[1], "--help") == 0)
    {
      usage (stdout);
      return 0;
    }
  while ((opt = getopt (argc, argv, "r:b:m:cw")) != -1)
    switch (opt)
      {
      case 'c':
        count_only = 1;
        break;
      case 'w':
        warm_only = 1;
        break;
      case 'r':
        runs = atoi (optarg);
        runs_given = 1;
        bad |= runs < 1 || runs > 1000;
        break;
      case 'b':
        byte_limit = parse_size (optarg, &bad);
        break;
      case 'm':
        {
          int found = 0;
          for (int m = 0; m < N_MODES; m++)
            if (strcmp (optarg, mode_names[m]) == 0)
              want[m] = found = any_mode = 1;
          bad |= !found;
        }
        break;
      default:
        bad = 1;
        break;
      }
  if (warm_only)
    {
      if (bad || count_only || any_mode || runs_given || byte_limit != 0
          || optind == argc)
        {
          usage (stderr);
          return 2;
        }
      int status = 0;
      for (int i = optind; i < argc; i++)
        if (warm (argv[i]) != 0)
          status = 2;
      return status;
    }
  if (count_only)
    bad |= byte_limit != 0 || want[WHOLE] + want[CHUNKS] + want[BYTES] > 1;
  if (bad || optind != argc - 1)
    {
      usage (stderr);
      return 2;
    }
  if (count_only)
    return count_once (argv[optind], want[CHUNKS] ? CHUNK_SIZE
                                     : want[BYTES] ? 1
                                                   : 0);
  if (!any_mode)
    for (int m = 0; m < N_MODES; m++)
      want[m] = 1;

  const char *name = argv[optind];
  size_t len;
  char *buf = read_file (name, &len);

  /* The references: the whole corpus, and the part read byte by byte, cut
     after its last complete reply so that no mode ends inside one.  */
  struct smtpreply_parser *p = new_parser ();
  struct tally ref_all;
  struct tally ref_part;
  size_t part = len;
  if (byte_limit != 0 && byte_limit < len)
    {
      size_t end = 0;
      if (parse (p, buf, byte_limit, byte_limit, &ref_part, &end) < 0)
        goto stalled;
      part = end > 0 ? end : byte_limit;
    }
  if (parse (p, buf, len, len, &ref_all, NULL) < 0)
    goto stalled;
  if (part == len)
    ref_part = ref_all;
  else if (parse (p, buf, part, part, &ref_part, NULL) < 0)
    goto stalled;
  smtpreply_parser_free (p);

  printf ("smtpreply %s: speed of the reply parser (bench/bench-parse)\n",
          smtpreply_version ());
  printf ("corpus: %s, %zu bytes, %" PRIu64 " replies, %" PRIu64
          " lines, %" PRIu64 " errors\n",
          name, len, ref_all.replies, ref_all.lines, ref_all.errors);
  printf ("line-length limit raised to %d (default %zu): the corpus has "
          "longer lines\n",
          LINE_LENGTH, default_line_length);
  printf ("%d runs of each mode; MB = 10^6 bytes; best and median run\n",
          runs);
  if (want[BYTES] && part < len)
    printf ("byte by byte reads the first %zu bytes (%.1f%%), cut after a "
            "reply: %" PRIu64 " replies\n",
            part, 100.0 * (double) part / (double) len, ref_part.replies);
  printf ("\n%-14s %10s %9s %6s  %9s %9s  %12s %12s\n", "mode", "bytes",
          "replies", "errors", "best MB/s", "median", "best rep/s",
          "median");

  /* The modes are timed in rounds, each round running every mode once,
     so that a slow spell of the machine weighs on every mode of a round
     rather than on one mode's runs alone: their ratios are what the
     benchmark is read for.  */
  int status = 0;
  double *seconds = malloc ((size_t) N_MODES * (size_t) runs
                            * sizeof *seconds);
  /* Each mode's speed against the whole buffer's in the same round (the
     whole buffer runs first in a round): a slow spell that spans a round
     slows its modes alike, and drops out of their ratio.  */
  double *ratios = malloc ((size_t) N_MODES * (size_t) runs
                           * sizeof *ratios);
  if (seconds == NULL || ratios == NULL)
    {
      fputs ("bench-parse: out of memory\n", stderr);
      return 2;
    }
  int differs[N_MODES] = { 0 };
  struct tally wrong[N_MODES];
  for (int r = 0; r < runs; r++)
    for (int m = 0; m < N_MODES; m++)
      {
        if (!want[m])
          continue;
        size_t n = m == BYTES ? part : len;
        size_t chunk = m == WHOLE ? n : m == CHUNKS ? CHUNK_SIZE : 1;
        struct tally run;
        p = new_parser ();
        double t0 = now ();
        int rc = parse (p, buf, n, chunk, &run, NULL);
        seconds[m * runs + r] = now () - t0;
        if (m != WHOLE && want[WHOLE])
          ratios[m * runs + r] = ((double) n / seconds[m * runs + r])
                                 / ((double) len / seconds[WHOLE * runs + r]);
        smtpreply_parser_free (p);
        if (rc < 0)
          goto stalled;
        if (!same_tally (&run, m == BYTES ? &ref_part : &ref_all))
          {
            differs[m] = 1;
            wrong[m] = run;
          }
      }
  for (int m = 0; m < N_MODES; m++)
    {
      if (!want[m])
        continue;
      size_t n = m == BYTES ? part : len;
      const struct tally *ref = m == BYTES ? &ref_part : &ref_all;
      double *sec = seconds + m * runs;
      qsort (sec, (size_t) runs, sizeof *sec, cmp_double);
      double best = sec[0];
      double median = runs % 2 ? sec[runs / 2]
                               : (sec[runs / 2 - 1] + sec[runs / 2]) / 2;
      printf ("%-14s %10zu %9" PRIu64 " %6" PRIu64
              "  %9.1f %9.1f  %12.0f %12.0f\n",
              mode_titles[m], n, ref->replies, ref->errors,
              (double) n / best / 1e6,
              (double) n / median / 1e6, (double) ref->replies / best,
              (double) ref->replies / median);
      if (differs[m])
        {
          const struct tally *t = &wrong[m];
          fprintf (stderr,
                   "bench-parse: %s: %" PRIu64 " replies, %" PRIu64
                   " lines, %" PRIu64 " errors, code sum %" PRIu64
                   ", not as in the whole-buffer parse of the same bytes "
                   "(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %" PRIu64 ")\n",
                   mode_titles[m], t->replies, t->lines, t->errors,
                   t->code_sum, ref->replies, ref->lines, ref->errors,
                   ref->code_sum);
          status = 1;
        }
    }

  if (want[WHOLE] && (want[CHUNKS] || want[BYTES]))
    {
      printf ("\nagainst the whole buffer in the same round (median of the "
              "rounds, and their range):\n");
      for (int m = 0; m < N_MODES; m++)
        {
          if (!want[m] || m == WHOLE)
            continue;
          double *q = ratios + m * runs;
          qsort (q, (size_t) runs, sizeof *q, cmp_double);
          double median = runs % 2 ? q[runs / 2]
                                   : (q[runs / 2 - 1] + q[runs / 2]) / 2;
          /* Below a half, as a fraction 1/N.  */
          if (median < 0.5)
            printf ("  %-14s 1/%.2f (1/%.2f to 1/%.2f)\n", mode_titles[m],
                    1 / median, 1 / q[0], 1 / q[runs - 1]);
          else
            printf ("  %-14s %.3fx (%.3fx to %.3fx)\n", mode_titles[m],
                    median, q[0], q[runs - 1]);
        }
    }
  free (ratios);

  /* What the corpus exercised.  */
  printf ("\nflags (replies): ");
  const char *sep = "";
  for (unsigned int i = 0; i < 32; i++)
    if (ref_all.flags[i] != 0)
      {
        printf ("%s%s %" PRIu64, sep, smtpreply_flag_name (1u << i),
                ref_all.flags[i]);
        sep = ", ";
      }
  printf ("%s\n", *sep ? "" : "none");
  printf ("replies, lines, codes, errors and flags: %s\n",
          status == 0 ? "the same in every mode"
                      : "NOT the same in every mode");
  free (seconds);
  free (buf);
  return status;

stalled:
  fputs ("bench-parse: the parser stopped taking bytes\n", stderr);
  return 1;
}
