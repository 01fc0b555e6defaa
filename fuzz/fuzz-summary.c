/* fuzz-summary.c -- log lines into summaries that merge, and saved
   summaries read back.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The input is a mail log; its first byte says where to cut it in two.
   Each part is summarised as a file of its own, and the two summaries
   merged either way round render exactly as the summary of the whole,
   and so does one that spills its rows to its temporary file at every
   line; a summary saved as JSON reads back to the same rendering; every line
   gives a record whose JSON fits the length reported.  The same bytes are
   also read as a saved summary, which must be refused cleanly or read
   back to a summary that saves and reads again to the same rendering.  */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "internal.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  return 0;
}

/* Return the text rendering of S (free it), or abort.  */
static char *
render (const struct smtpreply_summary *s, int format)
{
  char *out = NULL;
  size_t len = 0;
  FUZZ_ASSERT (smtpreply_summary_render (s, format, NULL, &out, &len) == 0);
  FUZZ_ASSERT (strlen (out) == len);
  return out;
}

/* Return a summary of the LEN bytes at BUF read as file FILE.  */
static struct smtpreply_summary *
summarise (const char *buf, size_t len, const char *file)
{
  struct smtpreply_summary *s;
  FUZZ_ASSERT (smtpreply_summary_new (SMTPREPLY_SUMMARY_REDACT, &s) == 0);
  FUZZ_ASSERT (smtpreply_summary_add_lines (s, buf, len, file, 1) == 0);
  return s;
}

/* Save S and read it back; return the copy.  */
static struct smtpreply_summary *
round_trip (const struct smtpreply_summary *s)
{
  char *json = NULL;
  size_t len = 0;
  FUZZ_ASSERT (smtpreply_summary_to_json (s, &json, &len) == 0);
  struct smtpreply_summary *t = NULL;
  size_t at = 0;
  FUZZ_ASSERT (smtpreply_summary_from_json (json, len, &t, &at) == 0);
  smtpreply_free (json);
  return t;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  const char *buf = (const char *) data + 1;
  size_t len = size - 1;
  size_t cut = len * data[0] / 255;

  /* The whole, as two files, and the two parts merged both ways.  */
  struct smtpreply_summary *whole = summarise (buf, cut, "a");
  struct smtpreply_summary *b = summarise (buf + cut, len - cut, "b");
  FUZZ_ASSERT (smtpreply_summary_merge (whole, b) == 0);
  struct smtpreply_summary *a = summarise (buf, cut, "a");
  struct smtpreply_summary *b2 = summarise (buf + cut, len - cut, "b");
  FUZZ_ASSERT (smtpreply_summary_merge (b2, a) == 0);
  char *x = render (whole, SMTPREPLY_SUMMARY_TEXT);
  char *y = render (b2, SMTPREPLY_SUMMARY_TEXT);
  FUZZ_ASSERT (strcmp (x, y) == 0);
  struct smtpreply_summary *copy = round_trip (whole);
  char *z = render (copy, SMTPREPLY_SUMMARY_TEXT);
  FUZZ_ASSERT (strcmp (x, z) == 0);
  char *j1 = render (whole, SMTPREPLY_SUMMARY_JSON);
  char *j2 = render (copy, SMTPREPLY_SUMMARY_JSON);
  FUZZ_ASSERT (strcmp (j1, j2) == 0);
  FUZZ_ASSERT (smtpreply_summary_lines (whole) == smtpreply_summary_lines (copy));

  /* The same, with the first part in a summary that spills at every line
     and the second merged into it.  */
  struct smtpreply_summary *spilled;
  FUZZ_ASSERT (smtpreply_summary_new (SMTPREPLY_SUMMARY_REDACT, &spilled)
               == 0);
  smtpreply_summary_set_memory (spilled, 1);
  FUZZ_ASSERT (smtpreply_summary_add_lines (spilled, buf, cut, "a", 1) == 0);
  FUZZ_ASSERT (smtpreply_summary_merge (spilled, b) == 0);
  char *s1 = render (spilled, SMTPREPLY_SUMMARY_TEXT);
  char *s2 = render (spilled, SMTPREPLY_SUMMARY_JSON);
  FUZZ_ASSERT (strcmp (x, s1) == 0);
  FUZZ_ASSERT (strcmp (j1, s2) == 0);
  free (s1);
  free (s2);
  smtpreply_summary_free (spilled);
  free (x);
  free (y);
  free (z);
  free (j1);
  free (j2);
  smtpreply_summary_free (whole);
  smtpreply_summary_free (a);
  smtpreply_summary_free (b);
  smtpreply_summary_free (b2);
  smtpreply_summary_free (copy);

  /* Each line's record.  */
  struct smtpreply_log_record *rec;
  FUZZ_ASSERT (smtpreply_log_record_new (&rec) == 0);
  char out[1024];
  for (size_t pos = 0; pos < len;)
    {
      const char *lf = memchr (buf + pos, '\n', len - pos);
      size_t n = lf != NULL ? (size_t) (lf - (buf + pos)) : len - pos;
      FUZZ_ASSERT (smtpreply_log_read (rec, buf + pos, n, 0) == 0);
      size_t need = 0;
      int rc = smtpreply_log_record_json (rec, "f", 1, NULL, pos & 1, out,
                                          sizeof out, &need);
      FUZZ_ASSERT (rc == 0 || rc == SMTPREPLY_ENOSPC);
      FUZZ_ASSERT (strlen (out) == (need < sizeof out ? need
                                                      : sizeof out - 1));
      pos += n + (lf != NULL);
    }
  smtpreply_log_record_free (rec);

  /* The bytes as a saved summary.  */
  struct smtpreply_summary *read = NULL;
  size_t at = SIZE_MAX;
  int rc = smtpreply_summary_from_json (buf, len, &read, &at);
  if (rc == 0)
    {
      struct smtpreply_summary *again = round_trip (read);
      char *r1 = render (read, SMTPREPLY_SUMMARY_TEXT);
      char *r2 = render (again, SMTPREPLY_SUMMARY_TEXT);
      FUZZ_ASSERT (strcmp (r1, r2) == 0);
      free (r1);
      free (r2);
      smtpreply_summary_free (again);
      smtpreply_summary_free (read);
    }
  else
    {
      FUZZ_ASSERT (rc == SMTPREPLY_ESUMMARY_JSON && read == NULL);
      FUZZ_ASSERT (at <= len);
    }
  return 0;
}
