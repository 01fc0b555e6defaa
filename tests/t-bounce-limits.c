/* t-bounce-limits.c -- whole bounce messages of hostile size.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The large inputs of issue 10: 10,000 nested multiparts, 12,000 parts
   side by side, a 10 MB header and a header folded over 250,000 lines.
   Each must give an error or a judgement, within the limits the header
   documents, in bounded time.  They are apart from t-bounce because
   "make check-valgrind" leaves them out: GMime grows a header's buffer a
   line at a time and walks nested boundaries level by level, which costs
   nothing with glibc's realloc but minutes where every realloc copies,
   as under memcheck.  The sanitizer builds run them.  */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "smtpreply/bounce.h"
#include "smtpreply.h"

/* Read the LEN bytes at BUF, which must succeed, and return the result.
   The bytes are copied without a NUL after them, so that a read past LEN
   is caught by the sanitizers.  */
static struct smtpreply_bounce *
read_ok (const char *buf, size_t len)
{
  char *copy = malloc (len > 0 ? len : 1);
  assert_non_null (copy);
  memcpy (copy, buf, len);
  struct smtpreply_bounce *b = (struct smtpreply_bounce *) 1;
  int rc = smtpreply_bounce_read (copy, len, &b);
  free (copy);
  if (rc != 0)
    fail_msg ("smtpreply_bounce_read: %s", smtpreply_errname (rc));
  assert_non_null (b);
  return b;
}

/* Return a message of DEPTH multipart/mixed parts, one inside the other,
   with a delivery-status part at the bottom, and store its length in
   *LEN.  */
static char *
nested_message (size_t depth, size_t *len)
{
  size_t cap = depth * 96 + 1024, n = 0;
  char *m = malloc (cap);
  assert_non_null (m);
  n += (size_t) snprintf (m + n, cap - n,
                          "From: MAILER-DAEMON@example.com\n"
                          "MIME-Version: 1.0\n"
                          "Content-Type: multipart/report; "
                          "report-type=delivery-status; boundary=\"b0\"\n\n");
  for (size_t i = 1; i < depth; i++)
    n += (size_t) snprintf (m + n, cap - n,
                            "--b%zu\nContent-Type: multipart/mixed; "
                            "boundary=\"b%zu\"\n\n",
                            i - 1, i);
  n += (size_t) snprintf (m + n, cap - n,
                          "--b%zu\nContent-Type: message/delivery-status\n\n"
                          "Final-Recipient: rfc822; deep@example.org\n"
                          "Action: failed\nStatus: 5.1.1\n\n",
                          depth - 1);
  for (size_t i = depth; i > 0; i--)
    n += (size_t) snprintf (m + n, cap - n, "--b%zu--\n", i - 1);
  *len = n;
  return m;
}

/* The most seconds of processor time a test here may take before it is
   called too slow.  Without sanitizers it takes well under a second;
   under ThreadSanitizer (GCC's __SANITIZE_THREAD__, Clang's feature),
   GMime's growth of a long header line by line took 121 s on this
   project's CI machine.  */
#if defined __SANITIZE_THREAD__
# define SLOW_SECONDS 360
#elif defined __has_feature
# if __has_feature (thread_sanitizer)
#  define SLOW_SECONDS 360
# endif
#endif
#ifndef SLOW_SECONDS
# define SLOW_SECONDS 120
#endif

/* Return the seconds of processor time since START.  */
static double
seconds_since (clock_t start)
{
  return (double) (clock () - start) / CLOCKS_PER_SEC;
}

/* 10,000 nested multiparts: an error or not a bounce, quickly.  A few
   levels deep, the report is read.  */
static void
survives_deep_nesting (void **state)
{
  (void) state;
  size_t len;
  char *m = nested_message (10, &len);
  struct smtpreply_bounce *b = read_ok (m, len);
  assert_int_equal (smtpreply_bounce_kind (b), SMTPREPLY_BOUNCE_DSN);
  assert_string_equal (smtpreply_bounce_recipient_at (b, 0)->address,
                       "deep@example.org");
  smtpreply_bounce_free (b);
  free (m);

  m = nested_message (10000, &len);
  clock_t start = clock ();
  b = NULL;
  int rc = smtpreply_bounce_read (m, len, &b);
  double took = seconds_since (start);
  assert_true (
      rc == SMTPREPLY_EBOUNCE_MIME || rc == SMTPREPLY_EBOUNCE_REPORT
      || (rc == 0 && smtpreply_bounce_kind (b) != SMTPREPLY_BOUNCE_BOUNCE));
  smtpreply_bounce_free (b);
  free (m);
  /* Generous, for sanitizers and valgrind; without them, well under a
     second.  */
  if (took > SLOW_SECONDS)
    fail_msg ("10,000 nested parts took %.1f s", took);
}

/* 12,000 parts side by side: the walk stops at SMTPREPLY_BOUNCE_MAX_PARTS,
   so a report after them is not seen.  */
static void
walks_at_most_10000_parts (void **state)
{
  (void) state;
  size_t parts = 12000;
  size_t cap = parts * 64 + 4096, n = 0;
  char *m = malloc (cap);
  assert_non_null (m);
  n += (size_t) snprintf (m + n, cap - n,
                          "From: MAILER-DAEMON@example.com\n"
                          "MIME-Version: 1.0\n"
                          "Content-Type: multipart/mixed; boundary=\"w\"\n\n");
  for (size_t i = 0; i < parts; i++)
    n += (size_t) snprintf (
        m + n, cap - n, "--w\nContent-Type: application/x-part\n\n%zu\n", i);
  n += (size_t) snprintf (m + n, cap - n,
                          "--w\nContent-Type: message/delivery-status\n\n"
                          "Final-Recipient: rfc822; far@example.org\n"
                          "Action: failed\nStatus: 5.1.1\n\n--w--\n");
  struct smtpreply_bounce *b = read_ok (m, n);
  assert_int_equal (smtpreply_bounce_kind (b), SMTPREPLY_BOUNCE_NOT_BOUNCE);
  smtpreply_bounce_free (b);
  free (m);
}

/* A 10 MB header on one line, and one folded over 250,000 lines: read,
   and not a bounce.  */
static void
survives_huge_headers (void **state)
{
  (void) state;
  size_t big = 10 * 1000 * 1000;
  char *m = malloc (big + 256);
  assert_non_null (m);
  size_t n = (size_t) sprintf (m, "From: someone@example.com\nSubject: ");
  memset (m + n, 'a', big);
  n += big;
  n += (size_t) sprintf (m + n, "\n\nHello.\n");
  clock_t start = clock ();
  struct smtpreply_bounce *b = read_ok (m, n);
  assert_int_equal (smtpreply_bounce_kind (b), SMTPREPLY_BOUNCE_NOT_BOUNCE);
  smtpreply_bounce_free (b);
  /* The folded one is 1 MB: GMime's growth a line at a time is
     quadratic where realloc always copies (ASan).  */
  size_t folded = 1000 * 1000;
  n = (size_t) sprintf (m, "From: someone@example.com\nX-Long: a");
  for (size_t i = 0; i < folded / 4; i++)
    memcpy (m + n + 4 * i, "\n b ", 4);
  n += folded;
  n += (size_t) sprintf (m + n, "\n\nHello.\n");
  b = read_ok (m, n);
  assert_int_equal (smtpreply_bounce_kind (b), SMTPREPLY_BOUNCE_NOT_BOUNCE);
  smtpreply_bounce_free (b);
  free (m);
  double took = seconds_since (start);
  if (took > SLOW_SECONDS)
    fail_msg ("the large headers took %.1f s", took);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (survives_deep_nesting),
    cmocka_unit_test (walks_at_most_10000_parts),
    cmocka_unit_test (survives_huge_headers),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
