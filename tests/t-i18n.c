/* t-i18n.c -- languages: tags, fallbacks, the environment, threads.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The catalogs are those make check builds from the po files into
   $SMTPREPLY_LOCALEDIR.  Every expected translation is typed here or in
   tests/i18n-samples.tsv.  */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"

#define EN_550                                                               \
  "The requested action was not taken: the mailbox is unavailable (not "     \
  "found, no access, or refused by local policy)"
#define RU_550                                                               \
  "Запрошенная операция невозможна — почтовый ящик недоступен (почтовый "    \
  "ящик не найден или нет доступа; команда отклонена локальной политикой "   \
  "безопасности)"

/* The languages of po/LINGUAS, sorted, and their number.  */
static char *linguas[64];
static size_t n_linguas;

/* Return the file NAME of the source tree, opened, or fail.  */
static FILE *
open_source (const char *name)
{
  const char *top = getenv ("top_srcdir");
  assert_non_null (top);
  char path[4096];
  snprintf (path, sizeof path, "%s/%s", top, name);
  FILE *f = fopen (path, "r");
  if (f == NULL)
    fail_msg ("cannot open %s", path);
  return f;
}

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Read po/LINGUAS into linguas, sorted as smtpreply_language_at lists
   the installed languages.  */
static void
read_linguas (void)
{
  if (n_linguas > 0)
    return;
  FILE *f = open_source ("po/LINGUAS");
  char line[256];
  while (fgets (line, sizeof line, f) != NULL)
    {
      char *hash = strchr (line, '#');
      if (hash != NULL)
        *hash = '\0';
      for (char *w = strtok (line, " \t\n"); w != NULL;
           w = strtok (NULL, " \t\n"))
        {
          assert_true (n_linguas < sizeof linguas / sizeof linguas[0]);
          linguas[n_linguas++] = strdup (w);
        }
    }
  fclose (f);
  qsort (linguas, n_linguas, sizeof linguas[0], compare_strings);
}

/* A sample of each catalog, typed in tests/i18n-samples.tsv: reply 550's
   description, the title of class 5, the description of X.1.1, and a
   parser error.  */
struct sample
{
  char *lang;
  char *reply_550;
  char *class_5;
  char *x_1_1;
  char *truncated;
};
static struct sample samples[64];
static size_t n_samples;

/* Read tests/i18n-samples.tsv into samples.  */
static void
read_samples (void)
{
  if (n_samples > 0)
    return;
  FILE *f = open_source ("tests/i18n-samples.tsv");
  char line[4096];
  while (fgets (line, sizeof line, f) != NULL)
    {
      if (line[0] == '#' || line[0] == '\n')
        continue;
      line[strcspn (line, "\n")] = '\0';
      char *field[5];
      char *p = line;
      for (size_t k = 0; k < 5; k++)
        {
          field[k] = p;
          p = strchr (p, '\t');
          if (k < 4)
            {
              if (p == NULL)
                fail_msg ("i18n-samples.tsv: a row of %zu fields", k + 1);
              *p++ = '\0';
            }
        }
      assert_null (p);
      assert_true (n_samples < sizeof samples / sizeof samples[0]);
      struct sample *t = &samples[n_samples++];
      t->lang = strdup (field[0]);
      t->reply_550 = strdup (field[1]);
      t->class_5 = strdup (field[2]);
      t->x_1_1 = strdup (field[3]);
      t->truncated = strdup (field[4]);
    }
  fclose (f);
}

/* Return the sample of language LANG, or fail.  */
static const struct sample *
sample_of (const char *lang)
{
  read_samples ();
  for (size_t i = 0; i < n_samples; i++)
    if (strcmp (samples[i].lang, lang) == 0)
      return &samples[i];
  fail_msg ("no sample of %s in tests/i18n-samples.tsv", lang);
  return NULL;
}

/* Every language of po/LINGUAS has a sample, every sample is of a
   language of po/LINGUAS, and the library gives each text.  */
static void
translates_a_sample_in_every_language (void **state)
{
  (void) state;
  read_linguas ();
  read_samples ();
  struct smtpreply_enhanced_code e = { 5, 1, 1 };
  assert_int_equal (n_samples, n_linguas);
  for (size_t i = 0; i < n_samples; i++)
    {
      const struct sample *t = &samples[i];
      const char *lang = t->lang;
      assert_non_null (bsearch (&lang, linguas, n_linguas, sizeof linguas[0],
                                compare_strings));
      assert_int_equal (smtpreply_catalog_check (lang), 0);
      assert_string_equal (smtpreply_language_resolve (lang), lang);
      assert_string_equal (smtpreply_reply_describe_lang (550, lang),
                           t->reply_550);
      assert_string_equal (smtpreply_translate (
                               smtpreply_class_lookup (5)->title, lang),
                           t->class_5);
      assert_string_equal (smtpreply_enhanced_describe_lang (&e, lang),
                           t->x_1_1);
      assert_string_equal (smtpreply_strerror_lang (SMTPREPLY_ETRUNCATED,
                                                    lang),
                           t->truncated);
    }
}

static void
falls_back_from_territory_to_language (void **state)
{
  (void) state;
  assert_string_equal (smtpreply_language_resolve ("de_AT"), "de");
  assert_string_equal (smtpreply_reply_describe_lang (550, "de_AT.UTF-8"),
                       sample_of ("de")->reply_550);
  assert_string_equal (smtpreply_language_resolve ("fr_CA"), "fr");
  assert_string_equal (smtpreply_language_resolve ("uk:ru"), "uk");
  assert_string_equal (smtpreply_reply_describe_lang (550, "uk:ru"),
                       sample_of ("uk")->reply_550);
  assert_string_equal (smtpreply_language_resolve ("xx:uk:ru"), "uk");
  assert_string_equal (smtpreply_language_resolve ("zh_TW:ja"), "zh_TW");
  assert_string_equal (smtpreply_language_resolve ("zh_HK:ja"), "zh_TW");
  assert_string_equal (smtpreply_reply_describe_lang (550, "zh_TW:ja"),
                       sample_of ("zh_TW")->reply_550);
}

/* Set the environment variables of the default language: each of
   LC_ALL, LC_MESSAGES, LANG and LANGUAGE to its value, or unset when
   NULL; then tell the library, which reads them once.  */
static void
set_env (const char *lc_all, const char *lc_messages, const char *lang,
         const char *language)
{
  static const char *const names[]
      = { "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE" };
  const char *values[] = { lc_all, lc_messages, lang, language };
  for (size_t i = 0; i < 4; i++)
    if (values[i] != NULL)
      setenv (names[i], values[i], 1);
    else
      unsetenv (names[i]);
  smtpreply_language_reset ();
}

static void
translates_in_russian_per_call (void **state)
{
  (void) state;
  assert_string_equal (smtpreply_reply_describe_lang (550, "ru"), RU_550);
  assert_string_equal (smtpreply_translate (smtpreply_reply_lookup (550)->title,
                                            "ru"),
                       "Почтовый ящик недоступен");
  assert_string_equal (smtpreply_translate (smtpreply_class_lookup (5)->title,
                                            "ru"),
                       "Постоянный негативный отклик");
  struct smtpreply_enhanced_code e = { 5, 1, 1 };
  assert_string_equal (smtpreply_enhanced_describe_lang (&e, "ru"),
                       "Почтовый ящик получателя — часть адреса до @ — не "
                       "существует в системе назначения");
  assert_string_equal (smtpreply_strerror_lang (SMTPREPLY_ETRUNCATED, "ru"),
                       "Входные данные закончились посреди ответа");
  assert_string_equal (smtpreply_strerror_lang (0, "ru"), "Нет ошибки");
  /* English needs no catalog.  */
  assert_string_equal (smtpreply_reply_describe_lang (550, "en"), EN_550);
  assert_string_equal (smtpreply_reply_describe_lang (550, "C"), EN_550);
}

/* A translation found for the text in a caller's buffer is never given
   for other text the buffer holds later, whatever the library
   remembers per thread; and many languages in turn get their own.  */
static void
remembers_nothing_stale_between_calls (void **state)
{
  (void) state;
  char buf[64];
  strcpy (buf, "Service ready");
  assert_string_equal (smtpreply_translate (buf, "ru"), "Служба готова");
  assert_string_equal (smtpreply_translate (buf, "ru"), "Служба готова");
  strcpy (buf, "Mailbox unavailable");
  assert_string_equal (smtpreply_translate (buf, "ru"),
                       "Почтовый ящик недоступен");
  strcpy (buf, "No such text in any catalog");
  assert_ptr_equal (smtpreply_translate (buf, "ru"), buf);
  strcpy (buf, "Service ready");
  assert_string_equal (smtpreply_translate (buf, "ru"), "Служба готова");

  /* More languages than the ways of a set, round after round.  */
  static const char *const langs[] = { "ru", "de", "fr", "ru-RU", "de_DE",
                                       "en", "uk", "pl", "cs", "ja" };
  const char *first[sizeof langs / sizeof langs[0]];
  for (int round = 0; round < 3; round++)
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
      {
        const char *t = smtpreply_reply_describe_lang (550, langs[i]);
        if (round == 0)
          first[i] = t;
        else
          assert_string_equal (t, first[i]);
      }
  assert_string_equal (first[0], RU_550);
  assert_string_equal (first[3], RU_550);
  assert_string_equal (first[5], EN_550);
  assert_string_equal (first[1], first[4]);
  assert_string_not_equal (first[1], EN_550);
}

static void
chooses_plural_forms_by_the_catalogs_rule (void **state)
{
  (void) state;
  static const struct
  {
    unsigned long n;
    const char *ru;
  } forms[] = {
    { 1, "%s: %llu строка" },
    { 2, "%s: %llu строки" },
    { 5, "%s: %llu строк" },
    { 11, "%s: %llu строк" },
    { 21, "%s: %llu строка" },
    { 104, "%s: %llu строки" },
  };
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
    assert_string_equal (smtpreply_translate_plural (
                             "%s: %llu line",
                             "%s: %llu lines", forms[i].n, "ru"),
                         forms[i].ru);
  assert_string_equal (smtpreply_translate_plural ("%s: %llu line",
                                                   "%s: %llu lines",
                                                   1, "en"),
                       "%s: %llu line");
  assert_string_equal (smtpreply_translate_plural ("%s: %llu line",
                                                   "%s: %llu lines",
                                                   3, "en"),
                       "%s: %llu lines");
}

static void
accepts_the_forms_of_a_tag (void **state)
{
  (void) state;
  static const char *const tags[]
      = { "ru", "ru_RU", "ru_RU.UTF-8", "ru-RU", "RU", "ru_ru.utf8",
          "ru@latin", "ru_UA", "xx:ru", ":ru", "zz_ZZ:ru_RU" };
  for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
    {
      assert_string_equal (smtpreply_language_resolve (tags[i]), "ru");
      assert_string_equal (smtpreply_reply_describe_lang (550, tags[i]),
                           RU_550);
    }
  assert_string_equal (smtpreply_language_resolve ("pt-BR"), "pt_BR");
  assert_string_equal (smtpreply_language_resolve ("pt_BR.UTF-8"), "pt_BR");
  assert_string_equal (smtpreply_language_resolve ("zh-CN"), "zh_CN");
}

static void
never_falls_back_to_another_territory (void **state)
{
  (void) state;
  /* Traditional Chinese, in every spelling, gets the zh_TW catalog, never
     the Simplified zh_CN one, although both are installed.  */
  static const char *const traditional[]
      = { "zh_TW", "zh-TW", "zh-Hant", "zh_Hant", "zh-Hant-TW", "zh_HK",
          "zh-HK", "zh-Hant-HK", "zh_MO", "zh-MO", "zh_TW.UTF-8" };
  for (size_t i = 0; i < sizeof traditional / sizeof traditional[0]; i++)
    {
      assert_string_equal (smtpreply_language_resolve (traditional[i]),
                           "zh_TW");
      assert_string_equal (smtpreply_reply_describe_lang (550, traditional[i]),
                           sample_of ("zh_TW")->reply_550);
      assert_int_equal (smtpreply_language_check (traditional[i]), 0);
    }
  /* ... before the next tag of the list.  */
  assert_string_equal (smtpreply_language_resolve ("zh-Hant:zh_CN"), "zh_TW");
  assert_string_equal (smtpreply_language_resolve ("zh-Hans:zh_TW"), "zh_CN");
  /* An English tag ends the list.  */
  assert_string_equal (smtpreply_language_resolve ("en:ru"), "en");
  assert_string_equal (smtpreply_language_resolve ("en_GB:ru"), "en");
  assert_string_equal (smtpreply_language_resolve ("en-US-x-twain:ru"), "en");
}

static void
resolves_the_documented_aliases (void **state)
{
  (void) state;
  /* Chinese without a territory, Hans and Singapore are Simplified.  */
  static const char *const simplified[]
      = { "zh", "zh-Hans", "zh_Hans", "zh-Hans-CN", "zh-Hans-SG", "zh_SG",
          "zh-SG", "zh_CN", "zh-cn", "ZH-CN", "zh_SG.UTF-8" };
  for (size_t i = 0; i < sizeof simplified / sizeof simplified[0]; i++)
    assert_string_equal (smtpreply_language_resolve (simplified[i]), "zh_CN");
  /* Portuguese, from Portugal or nowhere in particular, gets the Brazilian
     catalog, the only one, rather than English.  */
  assert_string_equal (smtpreply_language_resolve ("pt"), "pt_BR");
  assert_string_equal (smtpreply_language_resolve ("pt_PT"), "pt_BR");
  assert_string_equal (smtpreply_language_resolve ("pt-PT"), "pt_BR");
  assert_string_equal (smtpreply_language_resolve ("pt-BR"), "pt_BR");
  /* Another territory of a language falls back to the language.  */
  assert_string_equal (smtpreply_language_resolve ("de-CH"), "de");
  assert_string_equal (smtpreply_language_resolve ("de-DE-1996"), "de");
  assert_string_equal (smtpreply_language_resolve ("sr-Latn-RS"), "en");
  assert_string_equal (smtpreply_language_resolve ("es-419"), "es");
}

static void
negotiates_with_an_accept_language_header (void **state)
{
  (void) state;
  assert_string_equal (smtpreply_language_negotiate ("ru-RU,ru;q=0.9,en;q=0.8"),
                       "ru");
  /* Weights decide, then the order; q=0 means "not this one".  */
  assert_string_equal (smtpreply_language_negotiate ("de;q=0.5, fr;q=0.7"),
                       "fr");
  assert_string_equal (smtpreply_language_negotiate ("de;q=0.5,fr;q=0.5"),
                       "de");
  assert_string_equal (smtpreply_language_negotiate ("ru;q=0, uk"), "uk");
  assert_string_equal (smtpreply_language_negotiate ("ru;q=0.000,ja"), "ja");
  /* English, or "*", before anything else means English.  */
  assert_string_equal (smtpreply_language_negotiate ("en-US,en;q=0.9,ru;q=0.8"),
                       "en");
  assert_string_equal (smtpreply_language_negotiate ("*, ru;q=0.5"), "en");
  /* Lookup shortens a range a subtag at a time.  */
  assert_string_equal (smtpreply_language_negotiate ("de-AT-1996"), "de");
  assert_string_equal (smtpreply_language_negotiate ("fr-CA-x-qc, ru"), "fr");
  /* Chinese scripts and regions, never Simplified for Traditional.  */
  assert_string_equal (smtpreply_language_negotiate ("zh-Hans-CN"), "zh_CN");
  assert_string_equal (smtpreply_language_negotiate ("zh-SG"), "zh_CN");
  assert_string_equal (smtpreply_language_negotiate ("zh-TW"), "zh_TW");
  assert_string_equal (smtpreply_language_negotiate ("zh-Hant-HK, ja;q=0.3"),
                       "zh_TW");
  assert_string_equal (smtpreply_language_negotiate ("zh-MO, zh-CN;q=0.5"),
                       "zh_TW");
  assert_string_equal (smtpreply_language_negotiate ("pt-PT,en;q=0.5"),
                       "pt_BR");
  /* Languages without a catalog are passed over.  */
  assert_string_equal (smtpreply_language_negotiate ("xx, tlh, ko;q=0.2"),
                       "ko");
  /* Malformed ranges are left out, the rest used.  */
  assert_string_equal (smtpreply_language_negotiate ("ru;q=2, ../de, it"),
                       "it");
  assert_string_equal (smtpreply_language_negotiate ("ru;level=1, pl"), "pl");
  assert_string_equal (smtpreply_language_negotiate (",,, ;q=0.5 , cs ,"),
                       "cs");
  assert_string_equal (smtpreply_language_negotiate (""), "en");
  assert_string_equal (smtpreply_language_negotiate (NULL), "en");
  assert_string_equal (smtpreply_language_negotiate ("xx"), "en");
}

static void
rejects_tags_with_characters_a_tag_cannot_have (void **state)
{
  (void) state;
  static const char *const bad[]
      = { "../ru", "ru/../../etc", "/etc/passwd", "ru ru", "ru\n", "ru;",
          "-ru", ".ru", "ru_", "r\xc3\xbc", "ru_RU_x",
          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
          "aaaaaaaa" };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      assert_int_equal (smtpreply_language_check (bad[i]),
                        SMTPREPLY_EBAD_LANG);
      assert_string_equal (smtpreply_language_resolve (bad[i]), "en");
      assert_string_equal (smtpreply_reply_describe_lang (550, bad[i]),
                           EN_550);
    }
  assert_int_equal (smtpreply_language_check ("xx"), SMTPREPLY_ENO_CATALOG);
  assert_int_equal (smtpreply_language_check ("ru"), 0);
  assert_int_equal (smtpreply_language_check ("C"), 0);
  assert_int_equal (smtpreply_language_check ("POSIX"), 0);
  assert_int_equal (smtpreply_language_check ("en_US.UTF-8"), 0);
  assert_int_equal (smtpreply_language_check ("xx:ru"), 0);
  assert_int_equal (smtpreply_catalog_check ("ru"), 0);
  assert_int_equal (smtpreply_catalog_check ("ru_RU"), SMTPREPLY_ENO_CATALOG);
  assert_int_equal (smtpreply_catalog_check ("../ru"), SMTPREPLY_EBAD_LANG);
  assert_int_equal (smtpreply_catalog_check (NULL), SMTPREPLY_EBAD_LANG);
}

static void
lists_the_installed_languages (void **state)
{
  (void) state;
  read_linguas ();
  assert_int_equal (smtpreply_language_count (), n_linguas);
  for (size_t i = 0; i < n_linguas; i++)
    assert_string_equal (smtpreply_language_at (i), linguas[i]);
  assert_null (smtpreply_language_at (n_linguas));
}

static void
reads_the_default_language_from_the_environment (void **state)
{
  (void) state;
  /* LANGUAGE counts when the locale is not C.  */
  set_env ("C.UTF-8", NULL, NULL, "ru");
  assert_string_equal (smtpreply_reply_describe (550), RU_550);
  assert_string_equal (smtpreply_language_resolve (NULL), "ru");
  assert_string_equal (smtpreply_strerror (SMTPREPLY_ETRUNCATED),
                       "Входные данные закончились посреди ответа");
  /* LANG alone, for a locale this machine does not have.  */
  set_env (NULL, NULL, "ru_RU.UTF-8", NULL);
  assert_string_equal (smtpreply_reply_describe (550), RU_550);
  /* LC_ALL wins over LANG, LC_MESSAGES over LANG.  */
  set_env ("ru_RU.UTF-8", NULL, "de_DE.UTF-8", NULL);
  assert_string_equal (smtpreply_language_resolve (NULL), "ru");
  set_env (NULL, "ru_RU.UTF-8", "de_DE.UTF-8", NULL);
  assert_string_equal (smtpreply_language_resolve (NULL), "ru");
  /* The C locale means English, LANGUAGE or not, as in gettext.  */
  set_env ("C", NULL, NULL, "ru");
  assert_string_equal (smtpreply_reply_describe (550), EN_550);
  set_env ("POSIX", NULL, "ru_RU.UTF-8", "ru");
  assert_string_equal (smtpreply_reply_describe (550), EN_550);
  set_env (NULL, NULL, NULL, "ru");
  assert_string_equal (smtpreply_reply_describe (550), EN_550);
  /* A list, with a language that has no catalog first.  */
  set_env ("C.UTF-8", NULL, NULL, "xx:ru");
  assert_string_equal (smtpreply_reply_describe (550), RU_550);
  /* An explicit language beats the environment.  */
  set_env ("C.UTF-8", NULL, NULL, "ru");
  assert_string_equal (smtpreply_reply_describe_lang (550, "en"), EN_550);
  /* An empty LANG argument means the default.  */
  assert_string_equal (smtpreply_reply_describe_lang (550, ""), RU_550);
  set_env ("C.UTF-8", NULL, NULL, NULL);
  assert_string_equal (smtpreply_reply_describe (550), EN_550);
}

static void
follows_the_locale_the_program_chose (void **state)
{
  (void) state;
  /* Without a locale of its own, the environment's language.  */
  set_env (NULL, NULL, "ru_RU.UTF-8", NULL);
  assert_string_equal (smtpreply_reply_describe (550), RU_550);
  /* A program that set LC_MESSAGES to a locale of its own (the only one
     other than C this machine is sure to have) gets that locale's
     language, English, whatever LANG says.  */
  assert_non_null (setlocale (LC_MESSAGES, "C.UTF-8"));
  smtpreply_language_reset ();
  assert_string_equal (smtpreply_reply_describe (550), EN_550);
  /* ... and LANGUAGE, as gettext reads it under a locale other than C.  */
  set_env (NULL, NULL, "ru_RU.UTF-8", "ru");
  assert_string_equal (smtpreply_reply_describe (550), RU_550);
  /* Back to C: the environment again.  */
  assert_non_null (setlocale (LC_MESSAGES, "C"));
  smtpreply_language_reset ();
  set_env (NULL, NULL, "ru_RU.UTF-8", NULL);
  assert_string_equal (smtpreply_reply_describe (550), RU_550);
  set_env ("C.UTF-8", NULL, NULL, NULL);
}

static void
lets_programs_bind_the_domain_for_dgettext (void **state)
{
  (void) state;
  /* The library never binds the text domain; it says where its catalogs
     are, and a program that wants dgettext binds it there itself.  */
  smtpreply_language_count ();
  assert_string_equal (smtpreply_catalog_dir (), getenv ("SMTPREPLY_LOCALEDIR"));
  assert_string_not_equal (bindtextdomain (SMTPREPLY_DOMAIN, NULL),
                           smtpreply_catalog_dir ());
  bindtextdomain (SMTPREPLY_DOMAIN, smtpreply_catalog_dir ());
  bind_textdomain_codeset (SMTPREPLY_DOMAIN, "UTF-8");
  assert_non_null (setlocale (LC_MESSAGES, "C.UTF-8"));
  set_env (NULL, NULL, NULL, "ru");
  textdomain (textdomain (NULL));
#if ENABLE_NLS
  assert_string_equal (dgettext (SMTPREPLY_DOMAIN, "Mailbox unavailable"),
                       "Почтовый ящик недоступен");
#endif
  assert_non_null (setlocale (LC_MESSAGES, "C"));
  set_env ("C.UTF-8", NULL, NULL, NULL);
  textdomain (textdomain (NULL));
  assert_string_equal (dgettext (SMTPREPLY_DOMAIN, "Mailbox unavailable"),
                       "Mailbox unavailable");
}

static void
reads_the_environment_once_until_reset (void **state)
{
  (void) state;
  set_env ("C.UTF-8", NULL, NULL, "ru");
  assert_string_equal (smtpreply_reply_describe (550), RU_550);
  /* A change the library is not told of changes nothing...  */
  setenv ("LANGUAGE", "de", 1);
  assert_string_equal (smtpreply_language_resolve (NULL), "ru");
  assert_string_equal (smtpreply_reply_describe (550), RU_550);
  /* ... until smtpreply_language_reset.  */
  smtpreply_language_reset ();
  assert_string_equal (smtpreply_language_resolve (NULL), "de");
  set_env ("C.UTF-8", NULL, NULL, NULL);
  assert_string_equal (smtpreply_language_resolve (NULL), "en");
}

/* A thread's work: ask in one language many times, check every answer.  */
struct job
{
  const char *lang;
  const char *expected_550;
  const char *expected_error;
  int failures;
};

static void *
work (void *arg)
{
  struct job *job = arg;
  for (int i = 0; i < 5000; i++)
    {
      const char *a = smtpreply_reply_describe_lang (550, job->lang);
      const char *b = smtpreply_strerror_lang (SMTPREPLY_ETRUNCATED, job->lang);
      if (a == NULL || strcmp (a, job->expected_550) != 0 || b == NULL
          || strcmp (b, job->expected_error) != 0)
        job->failures++;
      /* Parse a reply too, on the thread's own parser.  */
      struct smtpreply_parser *p;
      size_t used;
      if (smtpreply_parser_new (&p) != 0
          || smtpreply_parser_feed (p, "550 5.1.1 no\r\n", 14, &used)
                 != SMTPREPLY_READY
          || smtpreply_response_code (smtpreply_parser_reply (p)) != 550)
        job->failures++;
      smtpreply_parser_free (p);
    }
  return NULL;
}

static void
answers_many_threads_in_their_own_languages (void **state)
{
  (void) state;
  static const char en_error[] = "The input ended inside a reply";
  static const char ru_error[] = "Входные данные закончились посреди ответа";
  /* Eight threads, each in its own language, and English besides.  */
  struct job jobs[] = {
    { "ru", RU_550, ru_error, 0 },
    { "de", sample_of ("de")->reply_550, sample_of ("de")->truncated, 0 },
    { "fr_FR.UTF-8", sample_of ("fr")->reply_550, sample_of ("fr")->truncated, 0 },
    { "ja", sample_of ("ja")->reply_550, sample_of ("ja")->truncated, 0 },
    { "zh-CN", sample_of ("zh_CN")->reply_550, sample_of ("zh_CN")->truncated, 0 },
    { "pt-BR", sample_of ("pt_BR")->reply_550, sample_of ("pt_BR")->truncated, 0 },
    { "xx:uk", sample_of ("uk")->reply_550, sample_of ("uk")->truncated, 0 },
    { "ko", sample_of ("ko")->reply_550, sample_of ("ko")->truncated, 0 },
    { "zh_TW", sample_of ("zh_TW")->reply_550, sample_of ("zh_TW")->truncated, 0 },
    { "../ru", EN_550, en_error, 0 },
  };
  enum
  {
    N = sizeof jobs / sizeof jobs[0]
  };
  pthread_t threads[N];
  for (size_t i = 0; i < N; i++)
    assert_int_equal (pthread_create (&threads[i], NULL, work, &jobs[i]), 0);
  for (size_t i = 0; i < N; i++)
    {
      assert_int_equal (pthread_join (threads[i], NULL), 0);
      assert_int_equal (jobs[i].failures, 0);
    }
}

int
main (void)
{
  set_env ("C.UTF-8", NULL, NULL, NULL);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (translates_in_russian_per_call),
    cmocka_unit_test (translates_a_sample_in_every_language),
    cmocka_unit_test (falls_back_from_territory_to_language),
    cmocka_unit_test (remembers_nothing_stale_between_calls),
    cmocka_unit_test (chooses_plural_forms_by_the_catalogs_rule),
    cmocka_unit_test (accepts_the_forms_of_a_tag),
    cmocka_unit_test (never_falls_back_to_another_territory),
    cmocka_unit_test (rejects_tags_with_characters_a_tag_cannot_have),
    cmocka_unit_test (lists_the_installed_languages),
    cmocka_unit_test (reads_the_default_language_from_the_environment),
    cmocka_unit_test (follows_the_locale_the_program_chose),
    cmocka_unit_test (lets_programs_bind_the_domain_for_dgettext),
    cmocka_unit_test (reads_the_environment_once_until_reset),
    cmocka_unit_test (resolves_the_documented_aliases),
    cmocka_unit_test (negotiates_with_an_accept_language_header),
    cmocka_unit_test (answers_many_threads_in_their_own_languages),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
