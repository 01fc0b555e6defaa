/* t-reasons.c -- every labelled reply gets its reason and soft or hard.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Reads $top_srcdir/tests/reasons/replies.tsv (tests/reasons/README.md
   says what each column holds and how a row is labelled), classifies each
   reply as smtpreply_classify sees it, with the stage and the remote MTA
   of its row, and compares the reason and soft or hard with the row's
   labels.  There is one test per reason of the set, made at run time, so
   that a change of the rules shows which reasons it moved; a failing test
   prints every row it got wrong.  */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"

/* The columns of a row, in the file's order.  */
enum
{
  COL_REASON,
  COL_SOFT,
  COL_STAGE,
  COL_MTA,
  COL_REPLY,
  COL_SOURCE,
  N_COLS
};

/* A labelled reply.  */
struct row
{
  int line;           /* its line in the file */
  char *reason;       /* the label */
  int soft;           /* 1 soft, 0 hard, -1 "-" */
  char *stage;        /* a stage token */
  char *mta;          /* the remote MTA, or NULL */
  char *raw;          /* the reply as the file writes it */
  char *text;         /* the reply, with "\n" made a line feed */
  size_t text_len;
};

static struct row *rows;
static size_t n_rows;

/* How many lines of the set could not be read; -1 if none could.  */
static int load_errors;

/* A reason of the set, and its test's name.  */
struct reason_test
{
  const char *reason;
  char name[64];
};

static struct reason_test *reason_tests;
static size_t n_reason_tests;

/* Return a copy of the LEN bytes at S, NUL-terminated, or exit.  */
static char *
copy (const char *s, size_t len)
{
  char *c = malloc (len + 1);
  if (c == NULL)
    {
      perror ("t-reasons");
      exit (99);
    }
  memcpy (c, s, len);
  c[len] = '\0';
  return c;
}

/* Return the reply S of the file with its two-character "\n" sequences
   made line feeds, and store its length in *LEN.  */
static char *
unescape (const char *s, size_t *len)
{
  size_t n = strlen (s);
  char *t = copy (s, n);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '\\' && s[i + 1] == 'n')
      {
        t[k++] = '\n';
        i++;
      }
    else
      t[k++] = s[i];
  t[k] = '\0';
  *len = k;
  return t;
}

/* Read the set at PATH into ROWS.  Return the number of malformed lines,
   or -1 if the file cannot be read or lacks its header.  */
static int
load (const char *path)
{
  FILE *f = fopen (path, "r");
  if (f == NULL)
    {
      perror (path);
      return -1;
    }
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  int number = 0;
  int bad = 0;
  size_t rows_cap = 0;
  while ((got = getline (&line, &cap, f)) >= 0)
    {
      number++;
      while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
        line[--got] = '\0';
      if (number == 1)
        {
          if (strncmp (line, "reason\tsoft\tstage\t", 18) != 0)
            {
              fprintf (stderr, "%s: no header line\n", path);
              bad = -1;
              break;
            }
          continue;
        }
      char *col[N_COLS];
      int n = 0;
      for (char *p = line; n < N_COLS && p != NULL; n++)
        {
          col[n] = p;
          p = strchr (p, '\t');
          if (p != NULL)
            *p++ = '\0';
        }
      if (n != N_COLS)
        {
          fprintf (stderr, "%s:%d: %d columns\n", path, number, n);
          bad++;
          continue;
        }
      if (n_rows == rows_cap)
        {
          rows_cap = rows_cap == 0 ? 1024 : rows_cap * 2;
          rows = realloc (rows, rows_cap * sizeof *rows);
          if (rows == NULL)
            {
              perror ("t-reasons");
              exit (99);
            }
        }
      struct row *r = &rows[n_rows++];
      r->line = number;
      r->reason = copy (col[COL_REASON], strlen (col[COL_REASON]));
      r->soft = strcmp (col[COL_SOFT], "soft") == 0   ? 1
                : strcmp (col[COL_SOFT], "hard") == 0 ? 0
                                                      : -1;
      r->stage = copy (col[COL_STAGE], strlen (col[COL_STAGE]));
      r->mta = strcmp (col[COL_MTA], "-") == 0
                   ? NULL
                   : copy (col[COL_MTA], strlen (col[COL_MTA]));
      r->raw = copy (col[COL_REPLY], strlen (col[COL_REPLY]));
      r->text = unescape (col[COL_REPLY], &r->text_len);
    }
  free (line);
  fclose (f);
  return bad;
}

/* Return the name of soft value SOFT as the set writes it.  */
static const char *
soft_name (int soft)
{
  return soft == 1 ? "soft" : soft == 0 ? "hard" : "-";
}

/* Classify every row labelled with the reason of *STATE and compare.  */
static void
classifies_replies (void **state)
{
  const struct reason_test *t = *state;
  int checked = 0;
  int wrong = 0;
  for (size_t i = 0; i < n_rows; i++)
    {
      const struct row *r = &rows[i];
      if (strcmp (r->reason, t->reason) != 0)
        continue;
      checked++;
      int stage;
      assert_int_equal (smtpreply_token_value (SMTPREPLY_TOKEN_STAGE,
                                               r->stage, &stage),
                        0);
      struct smtpreply_verdict v = { .size = sizeof v };
      assert_int_equal (smtpreply_classify (0, NULL, r->text, r->text_len,
                                            stage, r->mta, &v),
                        0);
      const char *got = v.reason != NULL ? v.reason->name : "(none)";
      if (strcmp (got, r->reason) != 0 || v.soft != r->soft)
        {
          print_error ("line %d: %s\n  stage %s, MTA %s\n"
                       "  got %s/%s (rule %s), expected %s/%s\n",
                       r->line, r->raw, r->stage,
                       r->mta != NULL ? r->mta : "-", got,
                       soft_name (v.soft),
                       v.rule != NULL ? v.rule->id : "(none)", r->reason,
                       soft_name (r->soft));
          wrong++;
        }
    }
  assert_true (checked > 0);
  assert_int_equal (wrong, 0);
}

/* Check that the set was read whole: enough rows, each with a reason of
   the vocabulary, a stage token and a soft label.  */
static void
reads_the_labelled_set (void **state)
{
  (void) state;
  assert_int_equal (load_errors, 0);
  assert_true (n_rows >= 450);
  for (size_t i = 0; i < n_rows; i++)
    {
      int stage;
      if (smtpreply_reason_lookup (rows[i].reason) == NULL
          || smtpreply_token_value (SMTPREPLY_TOKEN_STAGE, rows[i].stage,
                                    &stage)
                 != 0)
        print_error ("line %d: reason %s, stage %s\n", rows[i].line,
                     rows[i].reason, rows[i].stage);
      assert_non_null (smtpreply_reason_lookup (rows[i].reason));
      assert_int_equal (smtpreply_token_value (SMTPREPLY_TOKEN_STAGE,
                                               rows[i].stage, &stage),
                        0);
    }
}

int
main (void)
{
  const char *top = getenv ("top_srcdir");
  if (top == NULL)
    top = ".";
  size_t n = strlen (top) + sizeof "/tests/reasons/replies.tsv";
  char *path = malloc (n);
  if (path == NULL)
    return 99;
  snprintf (path, n, "%s/tests/reasons/replies.tsv", top);
  load_errors = load (path);
  free (path);

  /* One test per reason of the vocabulary that the set has rows of, in
     the vocabulary's order.  */
  reason_tests = calloc (smtpreply_reason_count (), sizeof *reason_tests);
  struct CMUnitTest *tests = calloc (smtpreply_reason_count () + 1,
                                     sizeof *tests);
  if (reason_tests == NULL || tests == NULL)
    return 99;
  tests[0] = (struct CMUnitTest) cmocka_unit_test (reads_the_labelled_set);
  size_t n_tests = 1;
  for (size_t i = 0; i < smtpreply_reason_count (); i++)
    {
      const char *name = smtpreply_reason_at (i)->name;
      size_t k = 0;
      while (k < n_rows && strcmp (rows[k].reason, name) != 0)
        k++;
      if (k == n_rows)
        continue;
      struct reason_test *t = &reason_tests[n_reason_tests++];
      t->reason = name;
      snprintf (t->name, sizeof t->name, "classifies_%s_replies", name);
      tests[n_tests++] = (struct CMUnitTest) {
        .name = t->name,
        .test_func = classifies_replies,
        .initial_state = t,
      };
    }
  /* The group's size is known only now, so the function behind
     cmocka_run_group_tests is called with it.  */
  int failed = _cmocka_run_group_tests ("t-reasons", tests, n_tests, NULL,
                                        NULL);
  free (tests);
  return failed;
}
