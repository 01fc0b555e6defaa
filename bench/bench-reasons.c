/* bench-reasons.c -- how well and how fast the reason classifier works.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Usage: bench-reasons [-r RUNS] SET

   Read the labelled reply set SET (tests/reasons/replies.tsv; its README
   says what the columns hold) and classify every reply with
   smtpreply_classify, as t-reasons does.  Print, for each reason of the
   set or of the answers, how many replies have it, how many got it, and
   the classifier's precision (of the replies that got the reason, the
   share labelled so) and recall (of the replies labelled so, the share
   that got it); then the share of replies whose reason and whose soft or
   hard agree with their labels.  Then time the classification: the whole
   set is classified again and again for about a fifth of a second a run,
   RUNS times (5 unless given), and the best and the median run are
   printed in nanoseconds a call.  The figures are for reading, never for
   a test to assert.  */

#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "smtpreply.h"

/* A labelled reply.  */
struct row
{
  const struct smtpreply_reason *reason; /* the label */
  int soft;                              /* 1 soft, 0 hard, -1 "-" */
  int stage;
  char *mta;                             /* or NULL */
  char *text;                            /* "\n" made a line feed */
  size_t text_len;
};

/* Return a copy of the NUL-terminated S, or exit.  */
static char *
copy (const char *s)
{
  char *c = strdup (s);
  if (c == NULL)
    {
      perror ("bench-reasons");
      exit (1);
    }
  return c;
}

/* Read the set at PATH into *ROWS.  Return the number of rows, or exit
   with a message if the file cannot be read or a row is malformed.  */
static size_t
load (const char *path, struct row **rows)
{
  FILE *f = fopen (path, "r");
  if (f == NULL)
    {
      perror (path);
      exit (1);
    }
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  size_t n = 0;
  size_t rows_cap = 0;
  int number = 0;
  *rows = NULL;
  while ((got = getline (&line, &cap, f)) >= 0)
    {
      number++;
      while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
        line[--got] = '\0';
      if (number == 1)
        continue;
      char *col[6];
      int k = 0;
      for (char *p = line; k < 6 && p != NULL; k++)
        {
          col[k] = p;
          p = strchr (p, '\t');
          if (p != NULL)
            *p++ = '\0';
        }
      struct row r = { 0 };
      if (k == 6)
        {
          r.reason = smtpreply_reason_lookup (col[0]);
          r.soft = strcmp (col[1], "soft") == 0   ? 1
                   : strcmp (col[1], "hard") == 0 ? 0
                                                  : -1;
        }
      if (k != 6 || r.reason == NULL
          || smtpreply_token_value (SMTPREPLY_TOKEN_STAGE, col[2], &r.stage)
                 != 0)
        {
          fprintf (stderr, "bench-reasons: %s:%d: malformed row\n", path,
                   number);
          exit (1);
        }
      r.mta = strcmp (col[3], "-") == 0 ? NULL : copy (col[3]);
      r.text = copy (col[4]);
      size_t t = 0;
      for (size_t i = 0; col[4][i] != '\0'; i++)
        if (col[4][i] == '\\' && col[4][i + 1] == 'n')
          {
            r.text[t++] = '\n';
            i++;
          }
        else
          r.text[t++] = col[4][i];
      r.text[t] = '\0';
      r.text_len = t;
      if (n == rows_cap)
        {
          rows_cap = rows_cap == 0 ? 1024 : rows_cap * 2;
          *rows = realloc (*rows, rows_cap * sizeof **rows);
          if (*rows == NULL)
            {
              perror ("bench-reasons");
              exit (1);
            }
        }
      (*rows)[n++] = r;
    }
  free (line);
  fclose (f);
  return n;
}

/* Classify ROW into *V, or exit if the library refuses it.  */
static void
classify (const struct row *row, struct smtpreply_verdict *v)
{
  v->size = sizeof *v;
  int rc = smtpreply_classify (0, NULL, row->text, row->text_len,
                               row->stage, row->mta, v);
  if (rc != 0)
    {
      fprintf (stderr, "bench-reasons: %s: %s\n", row->text,
               smtpreply_strerror (rc));
      exit (1);
    }
}

/* Return the time of the monotonic clock, in nanoseconds.  */
static uint64_t
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

/* Compare two doubles for qsort.  */
static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Print PART of WHOLE as a percentage in a column, or a dash for none.  */
static void
print_share (size_t part, size_t whole)
{
  if (whole == 0)
    printf ("  %9s", "-");
  else
    printf ("  %8.1f%%", 100.0 * (double) part / (double) whole);
}

int
main (int argc, char **argv)
{
  int runs = 5;
  int opt;
  while ((opt = getopt (argc, argv, "r:")) != -1)
    if (opt == 'r' && atoi (optarg) > 0)
      runs = atoi (optarg);
    else
      {
        fprintf (stderr, "Usage: bench-reasons [-r RUNS] SET\n");
        return 2;
      }
  if (optind + 1 != argc)
    {
      fprintf (stderr, "Usage: bench-reasons [-r RUNS] SET\n");
      return 2;
    }
  struct row *rows;
  size_t n = load (argv[optind], &rows);
  if (n == 0)
    {
      fprintf (stderr, "bench-reasons: %s: no rows\n", argv[optind]);
      return 1;
    }

  /* How well: per reason, the rows labelled with it, the rows that got
     it, and the rows that both have and got it.  */
  size_t nr = smtpreply_reason_count ();
  size_t *labelled = calloc (nr, sizeof *labelled);
  size_t *predicted = calloc (nr, sizeof *predicted);
  size_t *agreed = calloc (nr, sizeof *agreed);
  if (labelled == NULL || predicted == NULL || agreed == NULL)
    return 1;
  size_t reason_ok = 0;
  size_t soft_ok = 0;
  for (size_t i = 0; i < n; i++)
    {
      struct smtpreply_verdict v;
      classify (&rows[i], &v);
      labelled[rows[i].reason->index]++;
      if (v.reason != NULL)
        predicted[v.reason->index]++;
      if (v.reason == rows[i].reason)
        {
          agreed[v.reason->index]++;
          reason_ok++;
        }
      if (v.soft == rows[i].soft)
        soft_ok++;
    }
  printf ("%-16s %6s %9s %10s %10s\n", "reason", "rows", "answered",
          "precision", "recall");
  size_t present = 0;
  for (size_t r = 0; r < nr; r++)
    {
      if (labelled[r] == 0 && predicted[r] == 0)
        continue;
      present++;
      printf ("%-16s %6zu %9zu", smtpreply_reason_at (r)->name, labelled[r],
              predicted[r]);
      print_share (agreed[r], predicted[r]);
      print_share (agreed[r], labelled[r]);
      printf ("\n");
    }
  printf ("%zu replies, %zu reasons: reason %zu (%.1f%%), soft or hard %zu "
          "(%.1f%%)\n",
          n, present, reason_ok, 100.0 * (double) reason_ok / (double) n,
          soft_ok, 100.0 * (double) soft_ok / (double) n);

  /* How fast: passes over the whole set, about 0.2 s a run.  The first
     pass above compiled the rules.  */
  uint64_t start = now ();
  size_t passes = 0;
  while (now () - start < 50000000u)
    {
      for (size_t i = 0; i < n; i++)
        {
          struct smtpreply_verdict v;
          classify (&rows[i], &v);
        }
      passes++;
    }
  passes = passes * 4 + 1;
  double *ns = calloc ((size_t) runs, sizeof *ns);
  if (ns == NULL)
    return 1;
  for (int run = 0; run < runs; run++)
    {
      uint64_t t0 = now ();
      for (size_t p = 0; p < passes; p++)
        for (size_t i = 0; i < n; i++)
          {
            struct smtpreply_verdict v;
            classify (&rows[i], &v);
          }
      ns[run] = (double) (now () - t0) / (double) (passes * n);
    }
  qsort (ns, (size_t) runs, sizeof *ns, cmp_double);
  printf ("classify: %.0f ns a call best, %.0f median (%d runs of %zu "
          "passes over the %zu replies)\n",
          ns[0], ns[runs / 2], runs, passes, n);

  free (ns);
  free (labelled);
  free (predicted);
  free (agreed);
  for (size_t i = 0; i < n; i++)
    {
      free (rows[i].mta);
      free (rows[i].text);
    }
  free (rows);
  return 0;
}
