/* fuzz-common.c -- helpers of the fuzzing harnesses.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

void
fuzz_fail (const char *text, const char *file, int line)
{
  fprintf (stderr, "%s:%d: invariant broken: %s\n", file, line, text);
  fflush (stderr);
  abort ();
}

uint32_t
fuzz_random (uint32_t *state)
{
  uint32_t x = *state != 0 ? *state : 0x9e3779b9U;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

/* The temporary catalog folder, and what was made in it, to remove at
   exit (deepest last, so removed first).  */
static char catalog_root[PATH_MAX];
static char *made[64];
static size_t made_count;

/* Remember PATH, just made, for cleanup.  */
static void
remember (const char *path)
{
  if (made_count < sizeof made / sizeof made[0])
    made[made_count++] = strdup (path);
}

/* Remove what fuzz_setup_catalogs made.  */
static void
cleanup (void)
{
  while (made_count > 0)
    {
      made_count--;
      if (made[made_count] != NULL)
        remove (made[made_count]);
      free (made[made_count]);
    }
}

/* Write DIR "/" NAME and SUFFIX into PATH (PATH_MAX bytes).  Return 0, or
   -1 if it does not fit.  */
static int
path_of (char *path, const char *dir, const char *name, const char *suffix)
{
  int n = snprintf (path, PATH_MAX, "%s/%s%s", dir, name, suffix);
  return n < 0 || n >= PATH_MAX ? -1 : 0;
}

/* Make <root>/NAME/LC_MESSAGES and store the path of the catalog in it in
   PATH (PATH_MAX bytes).  Return 0, or -1.  */
static int
catalog_dir (const char *name, char *path)
{
  if (path_of (path, catalog_root, name, "") != 0 || mkdir (path, 0700) != 0)
    return -1;
  remember (path);
  if (path_of (path, catalog_root, name, "/LC_MESSAGES") != 0
      || mkdir (path, 0700) != 0)
    return -1;
  remember (path);
  return path_of (path, catalog_root, name, "/LC_MESSAGES/smtpreply.mo");
}

/* Add catalog NAME as a link to the catalog of language FROM in the folder
   SOURCE (an absolute path).  */
static void
add_link (const char *source, const char *from, const char *name)
{
  char target[PATH_MAX];
  char path[PATH_MAX];
  struct stat st;
  if (path_of (target, source, from, "/LC_MESSAGES/smtpreply.mo") != 0
      || stat (target, &st) != 0 || catalog_dir (name, path) != 0)
    return;
  if (symlink (target, path) == 0)
    remember (path);
}

/* Add catalog NAME holding the SIZE bytes at DATA.  */
static void
add_file (const char *name, const unsigned char *data, size_t size)
{
  char path[PATH_MAX];
  if (catalog_dir (name, path) != 0)
    return;
  FILE *f = fopen (path, "wb");
  if (f == NULL)
    return;
  remember (path);
  fwrite (data, 1, size, f);
  fclose (f);
}

void
fuzz_setup_catalogs (void)
{
  const char *tmp = getenv ("TMPDIR");
  snprintf (catalog_root, sizeof catalog_root, "%s/smtpreply-fuzz.XXXXXX",
            tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
  if (mkdtemp (catalog_root) == NULL)
    {
      perror ("fuzz: mkdtemp");
      return;
    }
  remember (catalog_root);
  atexit (cleanup);

  const char *env = getenv ("SMTPREPLY_LOCALEDIR");
  char source[PATH_MAX];
  if (env == NULL || realpath (env, source) == NULL)
    fprintf (stderr, "fuzz: SMTPREPLY_LOCALEDIR does not name the compiled "
                     "catalogs (make check builds tests/locale): English "
                     "only\n");
  else
    {
      /* Real catalogs; then names that only a fallback reaches.  */
      static const char *const languages[]
          = { "de", "pt_BR", "ru", "uk", "zh_CN" };
      for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++)
        add_link (source, languages[i], languages[i]);
      add_link (source, "uk", "ru@petr1708");
      add_link (source, "ru", "sr_RS");
    }

  /* A catalog whose one string lies past its end, and an empty one: the
     library must refuse both and answer in English.  */
  static const unsigned char damaged[] = {
    0xde, 0x12, 0x04, 0x95, 0, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0,
    36,   0,    0,    0,    0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0,
    0,    1,    0,    0,    5, 0, 0, 0, 0, 1, 0, 0
  };
  add_file ("xx", damaged, sizeof damaged);
  add_file ("yy", damaged, 0);
  /* A folder without a catalog is not a language.  */
  char path[PATH_MAX];
  catalog_dir ("zz", path);

  setenv ("SMTPREPLY_LOCALEDIR", catalog_root, 1);
}
