/* t-catalogs.c -- damaged catalogs are refused, and English served.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The test makes its own catalog folder: the Russian catalog make check
   built, and one damaged copy of it for each way a catalog can be bad.
   It points SMTPREPLY_LOCALEDIR there before the library's first call,
   since the library reads that variable once.  */

#include <config.h>

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "smtpreply.h"
#include "internal.h"

#define EN_550                                                               \
  "The requested action was not taken: the mailbox is unavailable (not "     \
  "found, no access, or refused by local policy)"
#define RU_550                                                               \
  "Запрошенное действие не выполнено: почтовый ящик недоступен (не найден, " \
  "нет доступа или отклонён локальной политикой)"

static char dir[] = "/tmp/smtpreply-catalogs.XXXXXX";
static char *built_dir;
static unsigned char *good;
static size_t good_size;

/* Read the whole file PATH into *DATA and *SIZE.  */
static void
slurp (const char *path, unsigned char **data, size_t *size)
{
  FILE *f = fopen (path, "rb");
  assert_non_null (f);
  fseek (f, 0, SEEK_END);
  long n = ftell (f);
  fseek (f, 0, SEEK_SET);
  *data = malloc ((size_t) n);
  assert_non_null (*data);
  assert_int_equal (fread (*data, 1, (size_t) n, f), (size_t) n);
  fclose (f);
  *size = (size_t) n;
}

/* Return the little-endian u32 at OFFSET of DATA.  */
static uint32_t
get32 (const unsigned char *data, size_t offset)
{
  return (uint32_t) data[offset] | (uint32_t) data[offset + 1] << 8
         | (uint32_t) data[offset + 2] << 16
         | (uint32_t) data[offset + 3] << 24;
}

/* Store V at OFFSET of DATA, little-endian.  */
static void
put32 (unsigned char *data, size_t offset, uint32_t v)
{
  for (int i = 0; i < 4; i++)
    data[offset + i] = (unsigned char) (v >> (8 * i));
}

/* Install the SIZE bytes at DATA as the catalog of LANG.  */
static void
install (const char *lang, const unsigned char *data, size_t size)
{
  char path[512];
  snprintf (path, sizeof path, "%s/%s", dir, lang);
  mkdir (path, 0755);
  snprintf (path, sizeof path, "%s/%s/LC_MESSAGES", dir, lang);
  mkdir (path, 0755);
  snprintf (path, sizeof path, "%s/%s/LC_MESSAGES/smtpreply.mo", dir, lang);
  FILE *f = fopen (path, "wb");
  assert_non_null (f);
  assert_int_equal (fwrite (data, 1, size, f), size);
  fclose (f);
}

/* Install a copy of the good catalog as LANG after EDIT changes it.  */
static void
install_edited (const char *lang, void (*edit) (unsigned char *, size_t *))
{
  unsigned char *copy = malloc (good_size);
  assert_non_null (copy);
  memcpy (copy, good, good_size);
  size_t size = good_size;
  edit (copy, &size);
  install (lang, copy, size);
  free (copy);
}

static void
truncate_it (unsigned char *d, size_t *size)
{
  (void) d;
  *size = 20;
}

static void
empty_it (unsigned char *d, size_t *size)
{
  (void) d;
  *size = 0;
}

static void
bad_magic (unsigned char *d, size_t *size)
{
  (void) size;
  d[0] ^= 0xff;
}

static void
bad_revision (unsigned char *d, size_t *size)
{
  (void) size;
  put32 (d, 4, 0x00020000);
}

static void
table_past_end (unsigned char *d, size_t *size)
{
  put32 (d, 12, (uint32_t) *size + 100);
}

static void
string_past_end (unsigned char *d, size_t *size)
{
  /* The length of the first original string.  */
  put32 (d, get32 (d, 12), (uint32_t) *size);
}

static void
unsorted (unsigned char *d, size_t *size)
{
  (void) size;
  uint32_t o = get32 (d, 12);
  unsigned char tmp[8];
  memcpy (tmp, d + o + 8, 8);
  memcpy (d + o + 8, d + o + 16, 8);
  memcpy (d + o + 16, tmp, 8);
}

static void
unterminated (unsigned char *d, size_t *size)
{
  (void) size;
  uint32_t o = get32 (d, 12);
  uint32_t len = get32 (d, o + 8);
  uint32_t off = get32 (d, o + 12);
  d[off + len] = 'x';
}

static void
not_utf8 (unsigned char *d, size_t *size)
{
  unsigned char *p = memmem (d, *size, "charset=UTF-8", 13);
  assert_non_null (p);
  memcpy (p, "charset=ASCII", 13);
}

static int
setup (void **state)
{
  (void) state;
  const char *built = getenv ("SMTPREPLY_LOCALEDIR");
  assert_non_null (built);
  built_dir = strdup (built);
  assert_non_null (built_dir);
  char path[512];
  snprintf (path, sizeof path, "%s/ru/LC_MESSAGES/smtpreply.mo", built);
  slurp (path, &good, &good_size);
  assert_non_null (mkdtemp (dir));
  install ("ru", good, good_size);
  install_edited ("xa", truncate_it);
  install_edited ("xb", empty_it);
  install_edited ("xc", bad_magic);
  install_edited ("xd", bad_revision);
  install_edited ("xe", table_past_end);
  install_edited ("xf", string_past_end);
  install_edited ("xg", unsorted);
  install_edited ("xh", unterminated);
  install_edited ("xi", not_utf8);
  /* A folder where the file should be.  */
  snprintf (path, sizeof path, "%s/xj", dir);
  mkdir (path, 0755);
  snprintf (path, sizeof path, "%s/xj/LC_MESSAGES", dir);
  mkdir (path, 0755);
  snprintf (path, sizeof path, "%s/xj/LC_MESSAGES/smtpreply.mo", dir);
  mkdir (path, 0755);
  /* A folder that is not a language, and one without a catalog.  */
  snprintf (path, sizeof path, "%s/not a tag", dir);
  mkdir (path, 0755);
  snprintf (path, sizeof path, "%s/xk", dir);
  mkdir (path, 0755);
  setenv ("SMTPREPLY_LOCALEDIR", dir, 1);
  return 0;
}

static int
teardown (void **state)
{
  (void) state;
  char cmd[600];
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", dir);
  free (good);
  free (built_dir);
  return system (cmd) == 0 ? 0 : -1;
}

static void
refuses_each_kind_of_damage_and_answers_in_english (void **state)
{
  (void) state;
  static const struct
  {
    const char *lang;
    int error;
  } bad[] = {
    { "xa", SMTPREPLY_ECATALOG_TRUNCATED },
    { "xb", SMTPREPLY_ECATALOG_TRUNCATED },
    { "xc", SMTPREPLY_ECATALOG_MAGIC },
    { "xd", SMTPREPLY_ECATALOG_REVISION },
    { "xe", SMTPREPLY_ECATALOG_BOUNDS },
    { "xf", SMTPREPLY_ECATALOG_BOUNDS },
    { "xg", SMTPREPLY_ECATALOG_CORRUPT },
    { "xh", SMTPREPLY_ECATALOG_CORRUPT },
    { "xi", SMTPREPLY_ECATALOG_CHARSET },
    { "xj", SMTPREPLY_ECATALOG_IO },
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      assert_int_equal (smtpreply_catalog_check (bad[i].lang), bad[i].error);
      assert_int_equal (smtpreply_language_check (bad[i].lang), bad[i].error);
      assert_string_equal (smtpreply_language_resolve (bad[i].lang), "en");
      assert_string_equal (smtpreply_reply_describe_lang (550, bad[i].lang),
                           EN_550);
      /* The next language of a list still serves.  */
      char list[16];
      snprintf (list, sizeof list, "%s:ru", bad[i].lang);
      assert_string_equal (smtpreply_reply_describe_lang (550, list), RU_550);
      assert_string_equal (smtpreply_language_resolve (list), "ru");
      /* Asking again gives the same answer: the refusal is kept.  */
      assert_int_equal (smtpreply_catalog_check (bad[i].lang), bad[i].error);
    }
  assert_int_equal (smtpreply_catalog_check ("ru"), 0);
  assert_int_equal (smtpreply_catalog_check ("xk"), SMTPREPLY_ENO_CATALOG);
  assert_int_equal (smtpreply_catalog_check ("xz"), SMTPREPLY_ENO_CATALOG);
}

static void
lists_only_folders_with_a_catalog (void **state)
{
  (void) state;
  static const char *const expected[]
      = { "ru", "xa", "xb", "xc", "xd", "xe", "xf", "xg", "xh", "xi", "xj" };
  assert_int_equal (smtpreply_language_count (), 11);
  for (size_t i = 0; i < 11; i++)
    assert_string_equal (smtpreply_language_at (i), expected[i]);
}

static void
shipped_catalogs_drop_no_translation (void **state)
{
  (void) state;
  /* Every translation of every catalog built from po/ takes the arguments
     of its msgid and is text a terminal shows as it is: the reader's
     checks drop none of them.  */
  DIR *d = opendir (built_dir);
  assert_non_null (d);
  size_t catalogs = 0;
  struct dirent *e;
  while ((e = readdir (d)) != NULL)
    {
      if (e->d_name[0] == '.')
        continue;
      char path[512];
      snprintf (path, sizeof path, "%s/%s/LC_MESSAGES/smtpreply.mo", built_dir,
                e->d_name);
      struct smtpreply__catalog *cat = NULL;
      int rc = smtpreply__catalog_open (path, &cat);
      if (rc != 0)
        fail_msg ("%s: %s", path, smtpreply_strerror (rc));
      if (smtpreply__catalog_dropped (cat) != 0)
        fail_msg ("%s: %zu translations dropped", path,
                  smtpreply__catalog_dropped (cat));
      smtpreply__catalog_free (cat);
      catalogs++;
    }
  closedir (d);
  assert_true (catalogs >= 13);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (refuses_each_kind_of_damage_and_answers_in_english),
    cmocka_unit_test (lists_only_folders_with_a_catalog),
    cmocka_unit_test (shipped_catalogs_drop_no_translation),
  };
  return cmocka_run_group_tests (tests, setup, teardown);
}
