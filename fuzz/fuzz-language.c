/* fuzz-language.c -- language tags and lists, as a webmail passes them.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The input, up to its first NUL, is a language list LANG ("uk:ru",
   "pt-BR", "ru_RU.UTF-8@x"...).  It is given to the functions that take a
   language, then set as LANGUAGE and as LC_ALL for those that read the
   environment.  The catalog folder is the harness's own (see
   fuzz_setup_catalogs): real catalogs under their names and under names
   reached only by a fallback, a damaged one and an empty one.

   Invariants: smtpreply_language_resolve answers "en" or an installed
   catalog, and answers "en" exactly when no catalog serves LANG;
   smtpreply_language_check says 0 whenever a catalog serves LANG, else a
   documented reason; a translation is the resolved catalog's when it has
   one, and the msgid itself when LANG resolves to English; the
   environment, set to LANG, gives the same answers as LANG.  */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "internal.h"
#include "fuzz.h"

/* Some msgids of the catalogs, one with a context and one with a plural
   (the library's own strings).  */
static const char *const msgids[] = {
  "The mailbox is unavailable; the action was not taken",
  "The requested action was completed",
  "warning",
  "Advice",
};

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  fuzz_setup_catalogs ();
  /* The installed list: sorted, unique, each name a catalog.  */
  size_t n = smtpreply_language_count ();
  for (size_t i = 0; i < n; i++)
    {
      const char *name = smtpreply_language_at (i);
      FUZZ_ASSERT (name != NULL);
      FUZZ_ASSERT (i == 0 || strcmp (smtpreply_language_at (i - 1), name) < 0);
    }
  FUZZ_ASSERT (smtpreply_language_at (n) == NULL);
  return 0;
}

/* Return nonzero if NAME is "en" or an installed catalog.  */
static int
known_answer (const char *name)
{
  if (strcmp (name, "en") == 0)
    return 1;
  for (size_t i = 0; i < smtpreply_language_count (); i++)
    if (strcmp (smtpreply_language_at (i), name) == 0)
      return 1;
  return 0;
}

/* Return nonzero if RC is an answer smtpreply_language_check documents.  */
static int
check_answer (int rc)
{
  return rc == 0 || rc == SMTPREPLY_EBAD_LANG || rc == SMTPREPLY_ENO_CATALOG
         || rc == SMTPREPLY_ECATALOG_IO || rc == SMTPREPLY_ECATALOG_TRUNCATED
         || rc == SMTPREPLY_ECATALOG_MAGIC
         || rc == SMTPREPLY_ECATALOG_REVISION
         || rc == SMTPREPLY_ECATALOG_BOUNDS
         || rc == SMTPREPLY_ECATALOG_CORRUPT
         || rc == SMTPREPLY_ECATALOG_CHARSET || rc == SMTPREPLY_ENOMEM;
}

/* Check the functions taking a language on LANG, with the environment
   meaning English.  Return what LANG resolves to.  */
static const char *
check_explicit (const char *lang)
{
  const char *resolved = smtpreply_language_resolve (lang);
  FUZZ_ASSERT (resolved != NULL);
  FUZZ_ASSERT (known_answer (resolved));
  int english = strcmp (resolved, "en") == 0;
  FUZZ_ASSERT ((smtpreply__catalog_for (lang) == NULL) == english);

  int rc = smtpreply_language_check (lang);
  FUZZ_ASSERT (check_answer (rc));
  if (!english)
    FUZZ_ASSERT (rc == 0);

  /* A tag naming a catalog exactly resolves to it.  */
  rc = smtpreply_catalog_check (lang);
  FUZZ_ASSERT (check_answer (rc));
  if (rc == 0)
    FUZZ_ASSERT (strcmp (resolved, lang) == 0);

  for (size_t i = 0; i < sizeof msgids / sizeof msgids[0]; i++)
    {
      const char *t = smtpreply_translate (msgids[i], lang);
      FUZZ_ASSERT (t != NULL);
      if (english)
        FUZZ_ASSERT (t == msgids[i]);
      else
        {
          const char *own = smtpreply_translate (msgids[i], resolved);
          if (own != msgids[i])
            FUZZ_ASSERT (t == own);
        }
      t = smtpreply_translate_context ("reply", msgids[i], lang);
      FUZZ_ASSERT (t != NULL && (!english || t == msgids[i]));
    }
  static const unsigned long counts[] = { 0, 1, 2, 5, 11, 21, 101 };
  for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++)
    {
      const char *one = "Deferred (4yz): %llu line";
      const char *many = "Deferred (4yz): %llu lines";
      const char *t = smtpreply_translate_plural (one, many, counts[k], lang);
      FUZZ_ASSERT (t != NULL);
      if (english)
        FUZZ_ASSERT (t == (counts[k] == 1 ? one : many));
    }

  FUZZ_ASSERT (smtpreply_reply_describe_lang (550, lang) != NULL);
  FUZZ_ASSERT (smtpreply_strerror_lang (SMTPREPLY_EBAD_LANG, lang) != NULL);
  struct smtpreply_enhanced_code e = { 5, 1, 1 };
  FUZZ_ASSERT (smtpreply_enhanced_describe_lang (&e, lang) != NULL);
  return resolved;
}

/* Return nonzero if the environment's locale NAME means English.  */
static int
c_locale (const char *name)
{
  return name[0] == '\0' || strcmp (name, "C") == 0
         || strcmp (name, "POSIX") == 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  char *lang = malloc (size + 1);
  if (lang == NULL)
    return 0;
  memcpy (lang, data, size);
  lang[size] = '\0';

  /* English from the environment, so that "" means English.  */
  setenv ("LC_ALL", "C", 1);
  unsetenv ("LANGUAGE");
  unsetenv ("LC_MESSAGES");
  unsetenv ("LANG");
  smtpreply_language_reset ();
  const char *resolved = check_explicit (lang);
  if (lang[0] == '\0')
    FUZZ_ASSERT (strcmp (resolved, "en") == 0);

  /* LANGUAGE, under a locale that is not C.  */
  setenv ("LC_ALL", "xx_XX.UTF-8", 1);
  if (lang[0] != '\0')
    {
      setenv ("LANGUAGE", lang, 1);
      smtpreply_language_reset ();
      FUZZ_ASSERT (strcmp (smtpreply_language_resolve (NULL), resolved) == 0);
      FUZZ_ASSERT (smtpreply_translate (msgids[0], NULL)
                   == smtpreply_translate (msgids[0], lang));
      unsetenv ("LANGUAGE");
      smtpreply_language_reset ();
    }

  /* The locale itself.  */
  if (!c_locale (lang))
    {
      setenv ("LC_ALL", lang, 1);
      smtpreply_language_reset ();
      FUZZ_ASSERT (strcmp (smtpreply_language_resolve (NULL), resolved) == 0);
      FUZZ_ASSERT (smtpreply_language_check (NULL)
                   == smtpreply_language_check (lang));
    }
  setenv ("LC_ALL", "C", 1);
  smtpreply_language_reset ();
  FUZZ_ASSERT (strcmp (smtpreply_language_resolve (NULL), "en") == 0);

  /* The same bytes as an Accept-Language value: English or a catalog.  */
  const char *chosen = smtpreply_language_negotiate (lang);
  FUZZ_ASSERT (chosen != NULL);
  if (strcmp (chosen, "en") != 0)
    FUZZ_ASSERT (smtpreply_catalog_check (chosen) == 0);

  free (lang);
  return 0;
}
