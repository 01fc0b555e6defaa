/* summary-dump.c -- print the summary of log files as "smtpreply annotate
   --summary" prints it, with a memory budget of one's choice: a helper of
   tests/cli-annotate.sh, which compares the two.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Usage: summary-dump BUDGET FORMAT FILE...
   BUDGET is in bytes, or "none" for no limit; FORMAT is "text" or
   "json".  Each FILE is counted under its name as given, from line 1.  */

#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "internal.h"

/* Write the LEN bytes at BUF to standard output (CTX unused).  Return 0,
   or 1 if writing failed.  */
static int
write_out (void *ctx, const char *buf, size_t len)
{
  (void) ctx;
  return fwrite (buf, 1, len, stdout) == len ? 0 : 1;
}

/* Count the lines of file NAME in S.  Return 0, or the error (printed).  */
static int
add_file (struct smtpreply_summary *s, const char *name)
{
  FILE *f = fopen (name, "rb");
  if (f == NULL)
    {
      perror (name);
      return 1;
    }
  char *buf = NULL;
  size_t len = 0;
  size_t cap = 0;
  for (;;)
    {
      if (cap - len < 65536)
        {
          cap = cap == 0 ? 1 << 20 : 2 * cap;
          char *more = realloc (buf, cap);
          if (more == NULL)
            {
              fprintf (stderr, "summary-dump: out of memory\n");
              free (buf);
              fclose (f);
              return 1;
            }
          buf = more;
        }
      size_t n = fread (buf + len, 1, cap - len, f);
      len += n;
      if (n == 0)
        break;
    }
  int failed = ferror (f);
  fclose (f);
  int rc = failed ? 1 : smtpreply_summary_add_lines (s, buf, len, name, 1);
  free (buf);
  if (rc != 0)
    fprintf (stderr, "summary-dump: %s: %s\n", name,
             failed ? "read error" : smtpreply_strerror (rc));
  return rc;
}

int
main (int argc, char **argv)
{
  if (argc < 4)
    {
      fprintf (stderr, "usage: summary-dump BUDGET FORMAT FILE...\n");
      return 2;
    }
  size_t budget = strcmp (argv[1], "none") == 0
                      ? SIZE_MAX
                      : (size_t) strtoull (argv[1], NULL, 10);
  int format = strcmp (argv[2], "json") == 0 ? SMTPREPLY_SUMMARY_JSON
                                             : SMTPREPLY_SUMMARY_TEXT;
  struct smtpreply_summary *s;
  if (smtpreply_summary_new (0, &s) != 0)
    return 1;
  smtpreply_summary_set_memory (s, budget);
  int rc = 0;
  for (int i = 3; i < argc && rc == 0; i++)
    rc = add_file (s, argv[i]);
  if (rc == 0)
    {
      rc = smtpreply_summary_write (s, format, "en", write_out, NULL);
      if (rc < 0)
        fprintf (stderr, "summary-dump: %s\n", smtpreply_strerror (rc));
    }
  smtpreply_summary_free (s);
  return rc != 0 || fflush (stdout) != 0;
}
