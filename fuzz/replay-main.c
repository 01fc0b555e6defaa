/* replay-main.c -- run a fuzzing harness on files, without libFuzzer.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Usage: replay-NAME FILE_OR_FOLDER...

   Runs LLVMFuzzerTestOneInput on each FILE and on each file of each FOLDER
   (not recursing, in the order of their names), so that "make check"
   replays the committed corpus and regression inputs with the ordinary
   compiler, and with the sanitizers of --enable-sanitizers.  Each input is
   named on standard error before it runs, so the last name there is the
   input that crashed.  Exits 0 after the last input with a count on
   standard output, or 1 if a file cannot be read; a broken invariant
   aborts.  */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

/* Read the file PATH into a buffer of its own (so that the sanitizers
   catch a read past its end), store its size in *SIZE and return it, or
   return NULL.  */
static unsigned char *
read_file (const char *path, size_t *size)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    return NULL;
  size_t cap = 4096;
  size_t len = 0;
  unsigned char *buf = malloc (cap);
  while (buf != NULL)
    {
      len += fread (buf + len, 1, cap - len, f);
      if (len < cap)
        break;
      unsigned char *b = realloc (buf, cap * 2);
      if (b == NULL)
        {
          free (buf);
          buf = NULL;
          break;
        }
      buf = b;
      cap *= 2;
    }
  int bad = ferror (f);
  fclose (f);
  if (bad || buf == NULL)
    {
      free (buf);
      return NULL;
    }
  /* An exact copy: the harness must not read a byte past LEN.  */
  unsigned char *exact = malloc (len > 0 ? len : 1);
  if (exact != NULL)
    memcpy (exact, buf, len);
  free (buf);
  *size = len;
  return exact;
}

/* Run the harness on the file PATH.  Return 0, or -1 if it cannot be
   read.  */
static int
replay_file (const char *path)
{
  fprintf (stderr, "replaying %s\n", path);
  size_t size;
  unsigned char *data = read_file (path, &size);
  if (data == NULL)
    {
      fprintf (stderr, "replay: %s: %s\n", path, strerror (errno));
      return -1;
    }
  LLVMFuzzerTestOneInput (data, size);
  free (data);
  return 0;
}

/* Order names for qsort.  */
static int
cmp_name (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Run the harness on each file of the folder PATH, in the order of their
   names, and add their count to *COUNT.  Return 0, or -1 on an error.  */
static int
replay_folder (const char *path, size_t *count)
{
  DIR *d = opendir (path);
  if (d == NULL)
    {
      fprintf (stderr, "replay: %s: %s\n", path, strerror (errno));
      return -1;
    }
  char **names = NULL;
  size_t n = 0;
  size_t cap = 0;
  struct dirent *e;
  int rc = 0;
  while ((e = readdir (d)) != NULL)
    {
      if (e->d_name[0] == '.')
        continue;
      if (n == cap)
        {
          cap = cap < 64 ? 64 : cap * 2;
          char **b = realloc (names, cap * sizeof *names);
          if (b == NULL)
            {
              rc = -1;
              break;
            }
          names = b;
        }
      size_t len = strlen (path) + 1 + strlen (e->d_name) + 1;
      names[n] = malloc (len);
      if (names[n] == NULL)
        {
          rc = -1;
          break;
        }
      snprintf (names[n], len, "%s/%s", path, e->d_name);
      n++;
    }
  closedir (d);
  if (n > 0)
    qsort (names, n, sizeof *names, cmp_name);
  for (size_t i = 0; i < n; i++)
    {
      struct stat st;
      if (rc == 0 && stat (names[i], &st) == 0 && S_ISREG (st.st_mode))
        {
          if (replay_file (names[i]) < 0)
            rc = -1;
          else
            ++*count;
        }
      free (names[i]);
    }
  free (names);
  return rc;
}

int
main (int argc, char **argv)
{
  /* The count goes to standard output as it was: a harness may send its
     own output elsewhere.  */
  int fd = dup (STDOUT_FILENO);
  FILE *report = fd >= 0 ? fdopen (fd, "w") : NULL;
  LLVMFuzzerInitialize (&argc, &argv);
  size_t count = 0;
  int status = 0;
  for (int i = 1; i < argc; i++)
    {
      struct stat st;
      if (stat (argv[i], &st) != 0)
        {
          fprintf (stderr, "replay: %s: %s\n", argv[i], strerror (errno));
          status = 1;
        }
      else if (S_ISDIR (st.st_mode))
        {
          if (replay_folder (argv[i], &count) < 0)
            status = 1;
        }
      else if (replay_file (argv[i]) < 0)
        status = 1;
      else
        count++;
    }
  if (report != NULL)
    {
      fprintf (report, "%zu inputs replayed\n", count);
      fclose (report);
    }
  return status;
}
