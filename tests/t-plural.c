/* t-plural.c -- Plural-Forms expressions: real rules, C semantics, limits.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"
#include "internal.h"

/* The counts every language's rule is tried with.  */
static const unsigned long counts[]
    = { 0, 1, 2, 3, 4, 5, 11, 12, 14, 21, 22, 25, 101, 102, 111, 1000001 };

#define N_COUNTS SMTPREPLY__N_ELEMS (counts)

/* A language's rule, as its catalogs' Plural-Forms give it, and the form
   it takes for each of COUNTS.  */
struct language
{
  const char *name;
  const char *expr;
  unsigned long forms[N_COUNTS];
};

/* The rules of the GNU gettext manual ("Plural forms") and of the
   catalogs of the Translation Project.  */
static const struct language languages[] = {
  { "ru",
    "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
    "n%100>=20) ? 1 : 2);",
    { 2, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1, 2, 0, 1, 2, 0 } },
  { "uk",
    "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
    "n%100>=20) ? 1 : 2);",
    { 2, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1, 2, 0, 1, 2, 0 } },
  { "pl",
    "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    { 2, 0, 1, 1, 1, 2, 2, 2, 2, 2, 1, 2, 2, 1, 2, 2 } },
  { "cs",
    "(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    { 2, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 } },
  { "fr", "(n > 1);", { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "pt_BR", "(n > 1)", { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "de", "(n != 1);", { 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "es", "(n != 1)", { 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "it", "(n != 1);", { 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "tr", "(n != 1);", { 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { "ja", "0;", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
  { "zh_CN", "0;", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
  { "ko", "0", { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
  { "ar",
    "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5;",
    { 0, 1, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5, 4, 5 } },
  { "ro", "n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    { 1, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1 } },
};

/* Return the compiled form of EXPR, failing the test if it does not
   compile.  */
static struct smtpreply__plural *
compile (const char *expr)
{
  struct smtpreply__plural *plural = NULL;
  assert_int_equal (smtpreply__plural_compile (expr, strlen (expr), &plural),
                    0);
  assert_non_null (plural);
  return plural;
}

/* Return what EXPR gives for N.  */
static unsigned long
eval (const char *expr, unsigned long n)
{
  struct smtpreply__plural *plural = compile (expr);
  unsigned long value = smtpreply__plural_eval (plural, n);
  smtpreply__plural_free (plural);
  return value;
}

/* Return what compiling the LEN bytes at EXPR returns, freeing what it
   compiled, if anything.  */
static int
compile_status (const char *expr, size_t len)
{
  struct smtpreply__plural *plural = NULL;
  int rc = smtpreply__plural_compile (expr, len, &plural);
  if (rc != 0)
    assert_null (plural);
  smtpreply__plural_free (plural);
  return rc;
}

/* Return a string of COUNT copies of C, to free.  */
static char *
repeat (char c, size_t count)
{
  char *s = malloc (count + 1);
  assert_non_null (s);
  memset (s, c, count);
  s[count] = '\0';
  return s;
}

static void
gives_the_forms_of_real_languages (void **state)
{
  (void) state;
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (languages); i++)
    {
      struct smtpreply__plural *plural = compile (languages[i].expr);
      for (size_t j = 0; j < N_COUNTS; j++)
        {
          unsigned long form = smtpreply__plural_eval (plural, counts[j]);
          if (form != languages[i].forms[j])
            fail_msg ("%s: n=%lu gives %lu, not %lu", languages[i].name,
                      counts[j], form, languages[i].forms[j]);
        }
      smtpreply__plural_free (plural);
    }
}

static void
follows_c_precedence (void **state)
{
  (void) state;
  assert_int_equal (eval ("1+2*3", 0), 7);
  assert_int_equal (eval ("(1+2)*3", 0), 9);
  assert_int_equal (eval ("!0+1", 0), 2);
  assert_int_equal (eval ("1<2==1", 0), 1);
  assert_int_equal (eval ("2==2<3", 0), 0);
  assert_int_equal (eval ("1||0&&0", 0), 1);
  assert_int_equal (eval ("0&&1||1", 0), 1);
  assert_int_equal (eval ("1==1&&2", 0), 1);
  assert_int_equal (eval ("1 ? 2 : 3 + 4", 0), 2);
  assert_int_equal (eval ("(1 ? 2 : 3) + 4", 0), 6);
  assert_int_equal (eval ("n+1 > 2 ? 10 : 20", 1), 20);
  assert_int_equal (eval ("n+1 > 2 ? 10 : 20", 2), 10);
  assert_int_equal (eval ("n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 "
                          "&& (n%100<10 || n%100>=20) ? 1 : 2",
                          22),
                    1);
}

static void
associates_binary_operators_to_the_left (void **state)
{
  (void) state;
  assert_int_equal (eval ("2-1-1", 0), 0);
  assert_int_equal (eval ("12/2/3", 0), 2);
  assert_int_equal (eval ("2*3%4", 0), 2);
  assert_int_equal (eval ("3>2>1", 0), 0);
  assert_int_equal (eval ("1==1==2", 0), 0);
}

static void
associates_the_conditional_to_the_right (void **state)
{
  (void) state;
  assert_int_equal (eval ("1?2:3?4:5", 0), 2);
  assert_int_equal (eval ("0?2:3?4:5", 0), 4);
  assert_int_equal (eval ("0?2:0?4:5", 0), 5);
  assert_int_equal (eval ("n==1 ? n==1 ? 10 : 11 : 12", 1), 10);
  assert_int_equal (eval ("n==1 ? n==1 ? 10 : 11 : 12", 2), 12);
  assert_int_equal (eval ("n ? 1 : 0 ? 2 : 3", 0), 3);
}

static void
computes_with_unsigned_long (void **state)
{
  (void) state;
  assert_true (eval ("0-1", 0) == ULONG_MAX);
  assert_true (eval ("n*2", ULONG_MAX) == ULONG_MAX - 1);
  assert_true (eval ("n+1", ULONG_MAX) == 0);
  assert_int_equal (eval ("0-1 > 0", 0), 1);
  assert_int_equal (eval ("010", 0), 10);

  char max[32];
  snprintf (max, sizeof max, "%lu", ULONG_MAX);
  assert_true (eval (max, 0) == ULONG_MAX);
}

static void
divides_by_zero_as_zero (void **state)
{
  (void) state;
  assert_int_equal (eval ("n/0", 7), 0);
  assert_int_equal (eval ("n%0", 7), 0);
  assert_int_equal (eval ("n/(n-7)", 7), 0);
  assert_int_equal (eval ("n/(n-7) + 5", 7), 5);
  assert_int_equal (eval ("7/n", 2), 3);
  assert_int_equal (eval ("7%n", 2), 1);
}

static void
gives_logical_results_of_zero_or_one (void **state)
{
  (void) state;
  assert_int_equal (eval ("!n", 0), 1);
  assert_int_equal (eval ("!n", 5), 0);
  assert_int_equal (eval ("!!n", 5), 1);
  assert_int_equal (eval ("5 && 7", 0), 1);
  assert_int_equal (eval ("0 || 9", 0), 1);
  assert_int_equal (eval ("9 || 0", 0), 1);
  assert_int_equal (eval ("0 && 9", 0), 0);
  assert_int_equal (eval ("0 || 0", 0), 0);
  assert_int_equal (eval ("(n && 1) + (n || 0)", 3), 2);
  assert_int_equal (eval ("n != 1", 1), 0);
  assert_int_equal (eval ("n <= 1", 1), 1);
  assert_int_equal (eval ("n >= 2", 1), 0);
}

static void
accepts_the_semicolon_and_spaces_of_the_header (void **state)
{
  (void) state;
  assert_int_equal (eval (" \t(n != 1) ; ", 2), 1);
  assert_int_equal (eval ("n;", 4), 4);
  assert_int_equal (eval ("n\r\n", 4), 4);
  /* The length given counts, not a NUL: "n != 1" cut to "n".  */
  struct smtpreply__plural *plural = NULL;
  assert_int_equal (smtpreply__plural_compile ("n != 1", 1, &plural), 0);
  assert_int_equal (smtpreply__plural_eval (plural, 9), 9);
  smtpreply__plural_free (plural);
}

static void
uses_the_english_rule_for_null (void **state)
{
  (void) state;
  assert_int_equal (smtpreply__plural_eval (NULL, 0), 1);
  assert_int_equal (smtpreply__plural_eval (NULL, 1), 0);
  assert_int_equal (smtpreply__plural_eval (NULL, 2), 1);
  smtpreply__plural_free (NULL);
}

static void
rejects_malformed_expressions (void **state)
{
  (void) state;
  static const char *const bad[] = {
    "",       "   ",       ";",
    "n +",    "(n",        "n)",
    "()",     "n ? 1",     "n ? 1 :",
    ": 1",    "? 1 : 2",   "n @ 2",
    "x",      "N",         "nn",
    "n 1",    "-n",        "n = 1",
    "n & 1",  "n | 1",     "n;;",
    "n; n",   "n ;1",      "n%%2",
    "n %% ;", "1 ? 2 ; 3", "99999999999999999999999",
  };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (bad); i++)
    if (compile_status (bad[i], strlen (bad[i])) != SMTPREPLY_ECATALOG_CORRUPT)
      fail_msg ("\"%s\" was not rejected", bad[i]);

  assert_int_equal (compile_status ("n\0", 2), SMTPREPLY_ECATALOG_CORRUPT);
  assert_int_equal (compile_status (NULL, 0), SMTPREPLY_ECATALOG_CORRUPT);
  assert_int_equal (smtpreply__plural_compile ("n", 1, NULL),
                    SMTPREPLY_EINVAL);
}

static void
rejects_constants_beyond_unsigned_long (void **state)
{
  (void) state;
  char big[32];
  snprintf (big, sizeof big, "%lu0", ULONG_MAX);
  assert_int_equal (compile_status (big, strlen (big)),
                    SMTPREPLY_ECATALOG_CORRUPT);
  /* ULONG_MAX + 1: the last digit of ULONG_MAX is 5 on both 32 and 64
     bits, so it becomes 6.  */
  snprintf (big, sizeof big, "%lu", ULONG_MAX);
  big[strlen (big) - 1]++;
  assert_int_equal (compile_status (big, strlen (big)),
                    SMTPREPLY_ECATALOG_CORRUPT);
}

/* Return OPEN repeated TIMES, then INNER, then CLOSE repeated TIMES, to
   free.  */
static char *
nest (const char *open, const char *inner, const char *close, size_t times)
{
  size_t len = times * (strlen (open) + strlen (close)) + strlen (inner);
  char *s = malloc (len + 1);
  assert_non_null (s);
  s[0] = '\0';
  for (size_t i = 0; i < times; i++)
    strcat (s, open);
  strcat (s, inner);
  for (size_t i = 0; i < times; i++)
    strcat (s, close);
  return s;
}

static void
rejects_nesting_deeper_than_64 (void **state)
{
  (void) state;
  /* 64 levels of parentheses, '!' or '?:' are accepted, 65 are not.  */
  char *expr = nest ("(", "5", ")", 64);
  assert_int_equal (strlen (expr), 129);
  assert_int_equal (eval (expr, 0), 5);
  free (expr);
  expr = nest ("(", "5", ")", 65);
  assert_int_equal (compile_status (expr, strlen (expr)),
                    SMTPREPLY_ECATALOG_CORRUPT);
  free (expr);

  expr = nest ("!", "n", "", 64);
  assert_int_equal (eval (expr, 5), 1);
  free (expr);
  expr = nest ("!", "n", "", 65);
  assert_int_equal (compile_status (expr, strlen (expr)),
                    SMTPREPLY_ECATALOG_CORRUPT);
  free (expr);

  expr = nest ("n?", "7", ":0", 64);
  assert_int_equal (eval (expr, 1), 7);
  assert_int_equal (eval (expr, 0), 0);
  free (expr);
  expr = nest ("n?", "7", ":0", 65);
  assert_int_equal (compile_status (expr, strlen (expr)),
                    SMTPREPLY_ECATALOG_CORRUPT);
  free (expr);

  /* The right operand of a binary operator is a level too, so each "1+("
     is two: 32 of them are accepted, 33 are not.  */
  expr = nest ("1+(", "1", ")", 32);
  assert_int_equal (eval (expr, 0), 33);
  free (expr);
  expr = nest ("1+(", "1", ")", 33);
  assert_int_equal (compile_status (expr, strlen (expr)),
                    SMTPREPLY_ECATALOG_CORRUPT);
  free (expr);

  /* 500 open parentheses fail without exhausting the stack.  */
  expr = repeat ('(', 500);
  assert_int_equal (compile_status (expr, 500), SMTPREPLY_ECATALOG_CORRUPT);
  free (expr);
}

static void
evaluates_long_flat_chains (void **state)
{
  (void) state;
  /* "1+1+...+1 " is exactly 1024 bytes, the longest accepted; left
     operands are folded as they come, so the chain needs no depth.  */
  char *expr = repeat ('+', 1024);
  for (size_t i = 0; i < 1024; i += 2)
    expr[i] = '1';
  expr[1023] = ' ';
  assert_int_equal (eval (expr, 0), 512);
  free (expr);

  expr = repeat ('n', 1025);
  for (size_t i = 1; i < 1025; i += 2)
    expr[i] = '*';
  assert_int_equal (compile_status (expr, 1025), SMTPREPLY_ECATALOG_CORRUPT);
  free (expr);
}

static void
rejects_expressions_over_1024_bytes (void **state)
{
  (void) state;
  /* "n" and spaces: 1024 bytes are accepted, 1025 and 2000 are not.  */
  char *expr = repeat (' ', 2000);
  expr[0] = 'n';
  assert_int_equal (compile_status (expr, 1024), 0);
  assert_int_equal (compile_status (expr, 1025), SMTPREPLY_ECATALOG_CORRUPT);
  assert_int_equal (compile_status (expr, 2000), SMTPREPLY_ECATALOG_CORRUPT);
  free (expr);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (gives_the_forms_of_real_languages),
    cmocka_unit_test (follows_c_precedence),
    cmocka_unit_test (associates_binary_operators_to_the_left),
    cmocka_unit_test (associates_the_conditional_to_the_right),
    cmocka_unit_test (computes_with_unsigned_long),
    cmocka_unit_test (divides_by_zero_as_zero),
    cmocka_unit_test (gives_logical_results_of_zero_or_one),
    cmocka_unit_test (accepts_the_semicolon_and_spaces_of_the_header),
    cmocka_unit_test (uses_the_english_rule_for_null),
    cmocka_unit_test (rejects_malformed_expressions),
    cmocka_unit_test (rejects_constants_beyond_unsigned_long),
    cmocka_unit_test (rejects_nesting_deeper_than_64),
    cmocka_unit_test (evaluates_long_flat_chains),
    cmocka_unit_test (rejects_expressions_over_1024_bytes),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
