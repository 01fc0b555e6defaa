/* t-catalog-dir.c -- a program that chooses its catalogs' folder.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   A package that ships its own catalogs (a Python wheel) tells the
   library where they are before its first use.  The library fixes the
   folder at first use, so this test is a program of its own.  */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"

/* The folder make check compiles the catalogs into.  */
static char folder[4096];

static void
uses_the_folder_chosen_before_first_use (void **state)
{
  (void) state;
  assert_int_equal (smtpreply_catalog_dir_set (NULL), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_catalog_dir_set (""), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_catalog_dir_set ("/nonexistent"), 0);
  /* The last choice before first use counts.  */
  assert_int_equal (smtpreply_catalog_dir_set (folder), 0);
  assert_string_equal (smtpreply_reply_describe_lang (550, "ru"),
                       "Запрошенное действие не выполнено: почтовый ящик "
                       "недоступен (не найден, нет доступа или отклонён "
                       "локальной политикой)");
  assert_string_equal (smtpreply_catalog_dir (), folder);
  /* Too late now.  */
  assert_int_equal (smtpreply_catalog_dir_set ("/nonexistent"),
                    SMTPREPLY_EBUSY);
  assert_string_equal (smtpreply_catalog_dir (), folder);
}

int
main (void)
{
  const char *dir = getenv ("SMTPREPLY_LOCALEDIR");
  assert_non_null (dir);
  strncpy (folder, dir, sizeof folder - 1);
  /* Without the variable, which would win.  */
  unsetenv ("SMTPREPLY_LOCALEDIR");
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (uses_the_folder_chosen_before_first_use),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
