/* t-mo.c -- the .mo reader: lookups, and every way a catalog is refused.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The catalogs are written here, in memory, by a small .mo writer, so that
   each test can build exactly the file it needs and break it in exactly
   one place.  */

#include <config.h>

#include <limits.h>
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

/* ------------------------------------------------------------------------
   The writer.  */

/* One message of a catalog to write.  */
struct msg
{
  const char *context; /* NULL for none */
  const char *msgid;
  const char *msgid_plural; /* NULL for none */
  const char *forms[4];     /* the translations, up to the first NULL */
};

/* A written catalog.  */
struct image
{
  unsigned char *data;
  size_t size;
  int big_endian;
  size_t count;        /* N */
  size_t originals;    /* O */
  size_t translations; /* T */
};

/* A string of the catalog being written, and its length (NULs inside
   count, the final one does not).  */
struct string
{
  char *text;
  size_t len;
};

/* An entry of the catalog being written.  */
struct entry
{
  struct string original;
  struct string translation;
};

/* Return the order of the entries A and B as msgfmt sorts them: by the
   first NUL-terminated part of their originals.  */
static int
compare_entries (const void *a, const void *b)
{
  const struct entry *x = a;
  const struct entry *y = b;
  return strcmp (x->original.text, y->original.text);
}

/* Return the strings PARTS (up to the first NULL of at most MAX),
   each followed by a NUL, glued together; the length leaves out the last
   NUL.  */
static struct string
join (const char *const *parts, size_t max)
{
  size_t len = 0;
  for (size_t i = 0; i < max && parts[i] != NULL; i++)
    len += strlen (parts[i]) + 1;
  struct string s;
  s.text = calloc (1, len + 1);
  assert_non_null (s.text);
  s.len = len > 0 ? len - 1 : 0;
  char *p = s.text;
  for (size_t i = 0; i < max && parts[i] != NULL; i++)
    {
      strcpy (p, parts[i]);
      p += strlen (parts[i]) + 1;
    }
  return s;
}

/* Store V at offset OFF of IMG in its byte order.  */
static void
put_u32 (struct image *img, size_t off, uint32_t v)
{
  assert_true (off + 4 <= img->size);
  unsigned char *p = img->data + off;
  for (int i = 0; i < 4; i++)
    {
      int shift = img->big_endian ? 24 - 8 * i : 8 * i;
      p[i] = (unsigned char) (v >> shift);
    }
}

/* Return the word at offset OFF of IMG.  */
static uint32_t
get_u32 (const struct image *img, size_t off)
{
  assert_true (off + 4 <= img->size);
  const unsigned char *p = img->data + off;
  uint32_t v = 0;
  for (int i = 0; i < 4; i++)
    {
      int shift = img->big_endian ? 24 - 8 * i : 8 * i;
      v |= (uint32_t) p[i] << shift;
    }
  return v;
}

/* Return a catalog holding the N messages MSGS and, if HEADER is not
   NULL, the header HEADER, sorted as msgfmt sorts them, big-endian if
   BIG_ENDIAN is nonzero.  The tables come right after the fixed header,
   then the hash table (empty), then the strings, so that the last byte of
   the file is the NUL of the last translation.  */
static struct image
build (const struct msg *msgs, size_t n, const char *header, int big_endian)
{
  size_t count = n + (header != NULL);
  struct entry *entries = calloc (count + 1, sizeof *entries);
  assert_non_null (entries);

  size_t k = 0;
  if (header != NULL)
    {
      const char *original[] = { "", NULL };
      const char *translation[] = { header, NULL };
      entries[k].original = join (original, 2);
      entries[k].translation = join (translation, 2);
      k++;
    }
  for (size_t i = 0; i < n; i++, k++)
    {
      char key[256];
      if (msgs[i].context != NULL)
        snprintf (key, sizeof key, "%s\004%s", msgs[i].context, msgs[i].msgid);
      else
        snprintf (key, sizeof key, "%s", msgs[i].msgid);
      const char *original[] = { key, msgs[i].msgid_plural, NULL };
      entries[k].original = join (original, 3);
      entries[k].translation = join (msgs[i].forms, 4);
    }
  qsort (entries, count, sizeof *entries, compare_entries);

  struct image img = { 0 };
  img.big_endian = big_endian;
  img.count = count;
  img.originals = 28;
  img.translations = 28 + 8 * count;
  size_t strings = 28 + 16 * count;
  img.size = strings;
  for (size_t i = 0; i < count; i++)
    img.size += entries[i].original.len + entries[i].translation.len + 2;
  img.data = calloc (1, img.size);
  assert_non_null (img.data);

  put_u32 (&img, 0, 0x950412de);
  put_u32 (&img, 4, 0);
  put_u32 (&img, 8, (uint32_t) count);
  put_u32 (&img, 12, (uint32_t) img.originals);
  put_u32 (&img, 16, (uint32_t) img.translations);
  put_u32 (&img, 20, 0);
  put_u32 (&img, 24, (uint32_t) strings);

  size_t at = strings;
  for (int table = 0; table < 2; table++)
    for (size_t i = 0; i < count; i++)
      {
        struct string *s
            = table == 0 ? &entries[i].original : &entries[i].translation;
        size_t entry = (table == 0 ? img.originals : img.translations) + 8 * i;
        put_u32 (&img, entry, (uint32_t) s->len);
        put_u32 (&img, entry + 4, (uint32_t) at);
        memcpy (img.data + at, s->text, s->len + 1);
        at += s->len + 1;
        free (s->text);
      }
  assert_int_equal (at, img.size);
  free (entries);
  return img;
}

/* Return what smtpreply__catalog_parse says of the first SIZE bytes of
   IMG, copied to a buffer of exactly SIZE bytes so that memory checkers
   catch any read past them.  */
static int
parse_status (const struct image *img, size_t size)
{
  unsigned char *copy = malloc (size > 0 ? size : 1);
  assert_non_null (copy);
  memcpy (copy, img->data, size);
  struct smtpreply__catalog *cat = NULL;
  int rc = smtpreply__catalog_parse (copy, size, &cat);
  if (rc != 0)
    assert_null (cat);
  smtpreply__catalog_free (cat);
  free (copy);
  return rc;
}

/* Return the catalog of IMG, failing the test if it is refused.  */
static struct smtpreply__catalog *
parse (const struct image *img)
{
  struct smtpreply__catalog *cat = NULL;
  assert_int_equal (smtpreply__catalog_parse (img->data, img->size, &cat), 0);
  assert_non_null (cat);
  return cat;
}

/* Return what smtpreply__catalog_parse says of the catalog of MSGS with
   header HEADER.  */
static int
header_status (const struct msg *msgs, size_t n, const char *header)
{
  struct image img = build (msgs, n, header, 0);
  int rc = parse_status (&img, img.size);
  free (img.data);
  return rc;
}

/* ------------------------------------------------------------------------
   The catalog most tests read: Russian, with contexts and plurals.  */

#define RU_PLURAL_FORMS                                                       \
  "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "             \
  "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

static const char ru_header[]
    = "Project-Id-Version: smtpreply 0.1.0\n"
      "Language: ru\n"
      "MIME-Version: 1.0\n"
      "Content-Type: text/plain; charset=UTF-8\n"
      "Content-Transfer-Encoding: 8bit\n" RU_PLURAL_FORMS;

static const struct msg ru[] = {
  { NULL, "Mailbox unavailable", NULL, { "Почтовый ящик недоступен" } },
  { "verb", "Open", NULL, { "Открыть" } },
  { "adjective", "Open", NULL, { "Открытый" } },
  { NULL, "Open", NULL, { "Открыто" } },
  { NULL,
    "%lu reply",
    "%lu replies",
    { "%lu ответ", "%lu ответа", "%lu ответов" } },
  { "verb",
    "%lu try",
    "%lu tries",
    { "%lu попытка", "%lu попытки", "%lu попыток" } },
  { NULL, "%lu line", "%lu lines", { "%lu строка" } },
  { NULL, "Untranslated", NULL, { "" } },
  { NULL, "Half", "Halves", { "", "Половины", "Половин" } },
  { NULL, "Last", "Lasts", { "Последний", "Последних", "" } },
  { NULL, "Zebra", NULL, { "Зебра" } },
};

/* Return the Russian catalog, big-endian if BIG_ENDIAN is nonzero.  */
static struct image
build_ru (int big_endian)
{
  return build (ru, SMTPREPLY__N_ELEMS (ru), ru_header, big_endian);
}

/* Return the index in IMG of the entry whose original starts with KEY.  */
static size_t
index_of (const struct image *img, const char *key)
{
  for (size_t i = 0; i < img->count; i++)
    {
      size_t off = get_u32 (img, img->originals + 8 * i + 4);
      if (strcmp ((const char *) img->data + off, key) == 0)
        return i;
    }
  fail_msg ("no entry \"%s\"", key);
  return 0;
}

/* Check the translations of the Russian catalog CAT.  */
static void
check_ru (const struct smtpreply__catalog *cat)
{
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "Mailbox unavailable", NULL, 0),
      "Почтовый ящик недоступен");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, "verb", "Open", NULL, 0), "Открыть");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, "adjective", "Open", NULL, 0),
      "Открытый");
  assert_string_equal (smtpreply__catalog_lookup (cat, NULL, "Open", NULL, 0),
                       "Открыто");
  assert_string_equal (smtpreply__catalog_lookup (cat, NULL, "Zebra", NULL, 0),
                       "Зебра");

  static const struct
  {
    unsigned long n;
    const char *reply;
  } plurals[] = {
    { 1, "%lu ответ" },    { 2, "%lu ответа" },  { 5, "%lu ответов" },
    { 11, "%lu ответов" }, { 21, "%lu ответ" },  { 22, "%lu ответа" },
    { 25, "%lu ответов" }, { 101, "%lu ответ" }, { 111, "%lu ответов" },
  };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (plurals); i++)
    assert_string_equal (smtpreply__catalog_lookup (cat, NULL, "%lu reply",
                                                    "%lu replies",
                                                    plurals[i].n),
                         plurals[i].reply);
}

static void
finds_plain_entries (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  struct smtpreply__catalog *cat = parse (&img);
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "Mailbox unavailable", NULL, 0),
      "Почтовый ящик недоступен");
  assert_string_equal (smtpreply__catalog_lookup (cat, NULL, "Zebra", NULL, 0),
                       "Зебра");
  /* The first entry after the header, and the last one.  */
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "%lu line", NULL, 0),
      "%lu строка");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, "verb", "Open", NULL, 0), "Открыть");
  smtpreply__catalog_free (cat);
  free (img.data);
}

static void
finds_entries_by_context (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  struct smtpreply__catalog *cat = parse (&img);
  assert_string_equal (
      smtpreply__catalog_lookup (cat, "verb", "Open", NULL, 0), "Открыть");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, "adjective", "Open", NULL, 0),
      "Открытый");
  assert_string_equal (smtpreply__catalog_lookup (cat, NULL, "Open", NULL, 0),
                       "Открыто");
  /* The key is CONTEXT "\004" MSGID, so giving it whole finds it too.  */
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "verb\004Open", NULL, 0),
      "Открыть");
  /* Near misses of the context or of the msgid.  */
  assert_null (smtpreply__catalog_lookup (cat, "noun", "Open", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, "ver", "Open", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, "verbs", "Open", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, "", "Open", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, "verb", "Ope", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, "verb", "Opened", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, "verb", "Zebra", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, "adjective",
                                          "Mailbox unavailable", NULL, 0));
  smtpreply__catalog_free (cat);
  free (img.data);
}

static void
orders_context_keys_as_strcmp_does (void **state)
{
  (void) state;
  /* Keys around "verb\004Open", sorted as written: a context is compared
     piece by piece, and each byte must order as in the whole key.  */
  static const struct msg msgs[] = {
    { NULL, "verb", NULL, { "1" } },
    { NULL, "verb\001", NULL, { "2" } },
    { NULL, "verb\002", NULL, { "3" } },
    { NULL, "verb\003Zzz", NULL, { "4" } },
    { "verb", "Open", NULL, { "5" } },
    { NULL, "verb\005", NULL, { "6" } },
    { NULL, "verbose", NULL, { "7" } },
  };
  struct image img = build (msgs, SMTPREPLY__N_ELEMS (msgs), NULL, 0);
  struct smtpreply__catalog *cat = parse (&img);
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (msgs); i++)
    {
      char expected[2] = { (char) ('1' + i), '\0' };
      assert_string_equal (smtpreply__catalog_lookup (cat, msgs[i].context,
                                                      msgs[i].msgid, NULL, 0),
                           expected);
    }
  assert_null (smtpreply__catalog_lookup (cat, "verb", "", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, "verb", "O", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, "verb\003", "Zzz", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, "verb", "Opene", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, "ver", "b", NULL, 0));
  smtpreply__catalog_free (cat);
  free (img.data);
}

static void
chooses_russian_plural_forms (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  struct smtpreply__catalog *cat = parse (&img);
  check_ru (cat);
  /* With a context, too.  */
  assert_string_equal (
      smtpreply__catalog_lookup (cat, "verb", "%lu try", "%lu tries", 1),
      "%lu попытка");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, "verb", "%lu try", "%lu tries", 3),
      "%lu попытки");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, "verb", "%lu try", "%lu tries", 12),
      "%lu попыток");
  assert_null (
      smtpreply__catalog_lookup (cat, NULL, "%lu try", "%lu tries", 1));
  /* Without MSGID_PLURAL, a plural entry gives its first form; only the
     msgid is compared, never the msgid_plural.  */
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "%lu reply", NULL, 5),
      "%lu ответ");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "%lu reply", "other", 5),
      "%lu ответов");
  smtpreply__catalog_free (cat);
  free (img.data);
}

static void
falls_back_to_form_0_past_the_forms_present (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  struct smtpreply__catalog *cat = parse (&img);
  /* "%lu line" has one form only; "Open" is not a plural entry.  */
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "%lu line", "%lu lines", 1),
      "%lu строка");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "%lu line", "%lu lines", 2),
      "%lu строка");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "%lu line", "%lu lines", 5),
      "%lu строка");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "Open", "Opens", 5), "Открыто");
  smtpreply__catalog_free (cat);
  free (img.data);
}

static void
returns_null_when_not_found (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  struct smtpreply__catalog *cat = parse (&img);
  assert_null (smtpreply__catalog_lookup (cat, NULL, "Nothing", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, NULL, "Mailbox", NULL, 0));
  assert_null (
      smtpreply__catalog_lookup (cat, NULL, "Mailbox unavailable!", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, NULL, "open", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, NULL, "\001", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, NULL, "\377", NULL, 0));
  assert_null (
      smtpreply__catalog_lookup (cat, NULL, "Nothing", "Nothings", 2));
  assert_null (smtpreply__catalog_lookup (cat, NULL, NULL, NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, "verb", NULL, NULL, 0));
  assert_null (smtpreply__catalog_lookup (NULL, NULL, "Open", NULL, 0));
  smtpreply__catalog_free (cat);
  free (img.data);
}

static void
treats_an_empty_translation_as_not_found (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  struct smtpreply__catalog *cat = parse (&img);
  assert_null (smtpreply__catalog_lookup (cat, NULL, "Untranslated", NULL, 0));
  assert_null (
      smtpreply__catalog_lookup (cat, NULL, "Untranslated", "Plural", 2));
  /* An empty form of a plural entry is not found either.  */
  assert_null (smtpreply__catalog_lookup (cat, NULL, "Half", "Halves", 1));
  assert_null (smtpreply__catalog_lookup (cat, NULL, "Half", NULL, 1));
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "Half", "Halves", 2), "Половины");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "Half", "Halves", 5), "Половин");
  /* The last form too, though it is only the NUL that ends the forms.  */
  assert_null (smtpreply__catalog_lookup (cat, NULL, "Last", "Lasts", 5));
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "Last", "Lasts", 2), "Последних");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "Last", "Lasts", 1), "Последний");
  smtpreply__catalog_free (cat);
  free (img.data);
}

static void
reads_big_endian_catalogs (void **state)
{
  (void) state;
  struct image img = build_ru (1);
  assert_int_equal (img.data[0], 0x95);
  assert_int_equal (img.data[3], 0xde);
  struct smtpreply__catalog *cat = parse (&img);
  check_ru (cat);
  assert_null (smtpreply__catalog_lookup (cat, NULL, "Nothing", NULL, 0));
  smtpreply__catalog_free (cat);
  free (img.data);

  img = build_ru (0);
  assert_int_equal (img.data[0], 0xde);
  assert_int_equal (img.data[3], 0x95);
  free (img.data);
}

static void
uses_the_english_rule_without_plural_forms (void **state)
{
  (void) state;
  static const struct msg msgs[] = {
    { NULL, "%lu file", "%lu files", { "%lu Datei", "%lu Dateien" } },
  };
  static const char *const headers[] = {
    NULL,
    "Content-Type: text/plain; charset=UTF-8\n",
    "Language: de\n",
  };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (headers); i++)
    {
      struct image img = build (msgs, 1, headers[i], 0);
      struct smtpreply__catalog *cat = parse (&img);
      assert_string_equal (
          smtpreply__catalog_lookup (cat, NULL, "%lu file", "%lu files", 1),
          "%lu Datei");
      assert_string_equal (
          smtpreply__catalog_lookup (cat, NULL, "%lu file", "%lu files", 0),
          "%lu Dateien");
      assert_string_equal (
          smtpreply__catalog_lookup (cat, NULL, "%lu file", "%lu files", 2),
          "%lu Dateien");
      smtpreply__catalog_free (cat);
      free (img.data);
    }
}

static void
uses_a_single_form_rule (void **state)
{
  (void) state;
  static const struct msg msgs[] = {
    { NULL, "%lu file", "%lu files", { "%lu 個のファイル" } },
  };
  struct image img = build (msgs, 1,
                            "Content-Type: text/plain; charset=UTF-8\n"
                            "Plural-Forms: nplurals=1; plural=0;\n",
                            0);
  struct smtpreply__catalog *cat = parse (&img);
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "%lu file", "%lu files", 1),
      "%lu 個のファイル");
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "%lu file", "%lu files", 7),
      "%lu 個のファイル");
  smtpreply__catalog_free (cat);
  free (img.data);
}

static void
ignores_forms_past_nplurals (void **state)
{
  (void) state;
  /* The rule gives 5 for n = 5, but the catalog declares 2 forms: form 0,
     as gettext does.  */
  static const struct msg msgs[] = {
    { NULL, "a", "b", { "A0", "A1", "A2", NULL } },
  };
  struct image img
      = build (msgs, 1, "Plural-Forms: nplurals=2; plural=n;\n", 0);
  struct smtpreply__catalog *cat = parse (&img);
  assert_string_equal (smtpreply__catalog_lookup (cat, NULL, "a", "b", 1),
                       "A1");
  assert_string_equal (smtpreply__catalog_lookup (cat, NULL, "a", "b", 2),
                       "A0");
  assert_string_equal (smtpreply__catalog_lookup (cat, NULL, "a", "b", 5),
                       "A0");
  smtpreply__catalog_free (cat);
  free (img.data);
}

static void
reads_plural_forms_in_any_order_and_spacing (void **state)
{
  (void) state;
  static const struct msg msgs[] = {
    { NULL, "a", "b", { "F0", "F1", "F2", NULL } },
  };
  static const char *const headers[] = {
    "Plural-Forms: nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;\n",
    "Plural-Forms: plural=n==1 ? 0 : n==2 ? 1 : 2; nplurals=3;\n",
    "plural-forms:nplurals = 3 ;plural = (n==1 ? 0 : n==2 ? 1 : 2)\r\n",
    "X-Plural: ignored\nPlural-Forms: nplurals=3; plural=n==1?0:n==2?1:2;",
  };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (headers); i++)
    {
      struct image img = build (msgs, 1, headers[i], 0);
      struct smtpreply__catalog *cat = parse (&img);
      assert_string_equal (smtpreply__catalog_lookup (cat, NULL, "a", "b", 1),
                           "F0");
      assert_string_equal (smtpreply__catalog_lookup (cat, NULL, "a", "b", 2),
                           "F1");
      assert_string_equal (smtpreply__catalog_lookup (cat, NULL, "a", "b", 3),
                           "F2");
      smtpreply__catalog_free (cat);
      free (img.data);
    }
}

static void
accepts_every_spelling_of_utf8 (void **state)
{
  (void) state;
  static const char *const headers[] = {
    "Content-Type: text/plain; charset=UTF-8\n",
    "Content-Type: text/plain; charset=utf-8\n",
    "Content-Type: text/plain; charset=utf8\n",
    "Content-Type: text/plain; charset=Utf8\n",
    "content-type: text/plain; CHARSET=UTF-8; format=flowed\n",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Type: text/plain\n",
    "",
  };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (headers); i++)
    if (header_status (ru, SMTPREPLY__N_ELEMS (ru), headers[i]) != 0)
      fail_msg ("\"%s\" was refused", headers[i]);
}

static void
accepts_revisions_0_and_1 (void **state)
{
  (void) state;
  static const uint32_t revisions[] = { 0, 1, 0x10000, 0x10001, 0x1ffff };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (revisions); i++)
    {
      struct image img = build_ru (0);
      put_u32 (&img, 4, revisions[i]);
      assert_int_equal (parse_status (&img, img.size), 0);
      free (img.data);
    }
}

static void
reads_a_catalog_without_entries (void **state)
{
  (void) state;
  struct image img = build (NULL, 0, NULL, 0);
  assert_int_equal (img.size, 28);
  struct smtpreply__catalog *cat = parse (&img);
  assert_null (smtpreply__catalog_lookup (cat, NULL, "Open", NULL, 0));
  assert_null (smtpreply__catalog_lookup (cat, NULL, "", NULL, 0));
  smtpreply__catalog_free (cat);
  free (img.data);
}

/* ------------------------------------------------------------------------
   Refusals, each made by breaking a good catalog in one place.  */

static void
rejects_an_empty_image (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  assert_int_equal (parse_status (&img, 0), SMTPREPLY_ECATALOG_TRUNCATED);
  free (img.data);
  struct smtpreply__catalog *cat = NULL;
  assert_int_equal (smtpreply__catalog_parse (NULL, 0, &cat),
                    SMTPREPLY_ECATALOG_TRUNCATED);
  assert_null (cat);
}

static void
rejects_27_bytes (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  assert_int_equal (parse_status (&img, 27), SMTPREPLY_ECATALOG_TRUNCATED);
  free (img.data);
}

static void
rejects_a_wrong_magic (void **state)
{
  (void) state;
  static const uint32_t magics[] = { 0x950412df, 0, 0xde120495 + 1 };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (magics); i++)
    {
      struct image img = build_ru (i % 2);
      put_u32 (&img, 0, magics[i]);
      assert_int_equal (parse_status (&img, img.size),
                        SMTPREPLY_ECATALOG_MAGIC);
      free (img.data);
    }
}

static void
rejects_revision_2 (void **state)
{
  (void) state;
  static const uint32_t revisions[] = { 0x20000, 0xffff0000, 0xffffffff };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (revisions); i++)
    {
      struct image img = build_ru (0);
      put_u32 (&img, 4, revisions[i]);
      assert_int_equal (parse_status (&img, img.size),
                        SMTPREPLY_ECATALOG_REVISION);
      free (img.data);
    }
}

/* Check that setting the word at OFF of the Russian catalog, of either
   byte order, to VALUE makes it refused with EXPECTED.  */
static void
check_word_refused (size_t off, uint32_t value, int expected)
{
  for (int big_endian = 0; big_endian < 2; big_endian++)
    {
      struct image img = build_ru (big_endian);
      put_u32 (&img, off, value);
      assert_int_equal (parse_status (&img, img.size), expected);
      free (img.data);
    }
}

static void
rejects_originals_table_past_the_end (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  /* The last byte of the table one past the end, then far past it.  */
  uint32_t just_past = (uint32_t) (img.size - 8 * img.count + 1);
  free (img.data);
  check_word_refused (12, just_past, SMTPREPLY_ECATALOG_BOUNDS);
  check_word_refused (12, 0xfffffff8, SMTPREPLY_ECATALOG_BOUNDS);
  check_word_refused (12, 0xffffffff, SMTPREPLY_ECATALOG_BOUNDS);
}

static void
rejects_translations_table_past_the_end (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  uint32_t just_past = (uint32_t) (img.size - 8 * img.count + 1);
  free (img.data);
  check_word_refused (16, just_past, SMTPREPLY_ECATALOG_BOUNDS);
  check_word_refused (16, 0xfffffff8, SMTPREPLY_ECATALOG_BOUNDS);
}

static void
rejects_a_count_whose_tables_overflow_32_bits (void **state)
{
  (void) state;
  /* 0x20000000 * 8 is 2^32, 0 in 32 bits; the others wrap as well.  */
  check_word_refused (8, 0x20000000, SMTPREPLY_ECATALOG_BOUNDS);
  check_word_refused (8, 0x20000001, SMTPREPLY_ECATALOG_BOUNDS);
  check_word_refused (8, 0xffffffff, SMTPREPLY_ECATALOG_BOUNDS);
  /* Each string needs 16 bytes of tables: one more than the file can
     hold is refused before the tables are read.  */
  struct image img = build_ru (0);
  put_u32 (&img, 8, (uint32_t) (img.size / 16 + 1));
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_BOUNDS);
  free (img.data);
}

static void
rejects_a_hash_table_past_the_end (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  uint32_t size = (uint32_t) img.size;
  free (img.data);
  /* S = 1 at H = size - 3, then S whose * 4 wraps in 32 bits.  */
  img = build_ru (0);
  put_u32 (&img, 20, 1);
  put_u32 (&img, 24, size - 3);
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_BOUNDS);
  put_u32 (&img, 24, size - 4);
  assert_int_equal (parse_status (&img, img.size), 0);
  put_u32 (&img, 20, 0x40000000);
  put_u32 (&img, 24, 28);
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_BOUNDS);
  free (img.data);
}

static void
rejects_a_string_offset_past_the_end (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  size_t size = img.size;
  size_t originals = img.originals;
  size_t translations = img.translations;
  free (img.data);
  /* An original at the end: its NUL would be past it.  */
  check_word_refused (originals + 8 * 3 + 4, (uint32_t) size,
                      SMTPREPLY_ECATALOG_BOUNDS);
  check_word_refused (originals + 8 * 3 + 4, 0xffffffff,
                      SMTPREPLY_ECATALOG_BOUNDS);
  /* A translation whose NUL would be the first byte past the end.  */
  check_word_refused (translations + 8 * 2 + 4, (uint32_t) size - 1,
                      SMTPREPLY_ECATALOG_BOUNDS);
  /* A length one too long for the last string.  */
  img = build_ru (0);
  size_t last = img.translations + 8 * (img.count - 1);
  put_u32 (&img, last, get_u32 (&img, last) + 1);
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_BOUNDS);
  free (img.data);
}

static void
rejects_a_length_that_wraps_around (void **state)
{
  (void) state;
  /* In 32-bit arithmetic, offset + length is 0 here, so that a reader
     would look for the NUL at offset 0 ...  */
  struct image img = build_ru (0);
  size_t entry = img.originals + 8 * 2;
  put_u32 (&img, entry + 4, 0x20);
  put_u32 (&img, entry, 0xffffffe0);
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_BOUNDS);
  /* ... and here offset + length + 1 is 0, which would pass for inside
     the file while the NUL is sought 4 GiB away.  */
  put_u32 (&img, entry, 0xffffffdf);
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_BOUNDS);
  put_u32 (&img, entry + 4, 0xfffffff0);
  put_u32 (&img, entry, 0x20);
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_BOUNDS);
  put_u32 (&img, entry + 4, 1);
  put_u32 (&img, entry, 0xffffffff);
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_BOUNDS);
  free (img.data);

  img = build_ru (1);
  entry = img.translations + 8 * 4;
  put_u32 (&img, entry + 4, 0xffffffff);
  put_u32 (&img, entry, 0xffffffff);
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_BOUNDS);
  free (img.data);
}

/* Return a catalog of N originals "a", "aa", ... that all lie in one run
   of N bytes "a", each translated as "x".  */
static struct image
build_overlapping (size_t n)
{
  struct image img = { 0 };
  img.count = n;
  img.originals = 28;
  img.translations = 28 + 8 * n;
  size_t run = 28 + 16 * n;
  img.size = run + n + 3;
  img.data = calloc (1, img.size);
  assert_non_null (img.data);
  put_u32 (&img, 0, 0x950412de);
  put_u32 (&img, 8, (uint32_t) n);
  put_u32 (&img, 12, (uint32_t) img.originals);
  put_u32 (&img, 16, (uint32_t) img.translations);
  put_u32 (&img, 24, (uint32_t) run);
  memset (img.data + run, 'a', n);
  memcpy (img.data + run + n + 1, "x", 2);
  for (size_t i = 0; i < n; i++)
    {
      put_u32 (&img, img.originals + 8 * i, (uint32_t) (i + 1));
      put_u32 (&img, img.originals + 8 * i + 4, (uint32_t) (run + n - i - 1));
      put_u32 (&img, img.translations + 8 * i, 1);
      put_u32 (&img, img.translations + 8 * i + 4, (uint32_t) (run + n + 1));
    }
  return img;
}

static void
rejects_originals_longer_in_all_than_the_file (void **state)
{
  (void) state;
  /* Sharing bytes is harmless while the lengths add up to no more than
     the file ...  */
  struct image img = build_overlapping (3);
  struct smtpreply__catalog *cat = parse (&img);
  assert_string_equal (smtpreply__catalog_lookup (cat, NULL, "aa", NULL, 0),
                       "x");
  assert_null (smtpreply__catalog_lookup (cat, NULL, "aaaa", NULL, 0));
  smtpreply__catalog_free (cat);
  free (img.data);

  /* ... but 4000 originals sorted, sound, and 8 MB long in all in a file
     of 68 KB would take quadratic time to check.  */
  img = build_overlapping (4000);
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_BOUNDS);
  free (img.data);
}

static void
rejects_a_string_without_its_nul (void **state)
{
  (void) state;
  for (int table = 0; table < 2; table++)
    {
      struct image img = build_ru (table);
      size_t entry = (table == 0 ? img.originals : img.translations) + 8 * 3;
      size_t end = get_u32 (&img, entry + 4) + get_u32 (&img, entry);
      assert_int_equal (img.data[end], 0);
      img.data[end] = 'x';
      assert_int_equal (parse_status (&img, img.size),
                        SMTPREPLY_ECATALOG_CORRUPT);
      free (img.data);
    }

  /* The length one short of the string: the byte after it is no NUL.  */
  struct image img = build_ru (0);
  size_t entry = img.originals + 8 * 4;
  put_u32 (&img, entry, get_u32 (&img, entry) - 1);
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_CORRUPT);
  free (img.data);
}

/* Swap entries I and J of both tables of IMG.  */
static void
swap_entries (struct image *img, size_t i, size_t j)
{
  for (int table = 0; table < 2; table++)
    for (size_t k = 0; k < 8; k += 4)
      {
        size_t base = table == 0 ? img->originals : img->translations;
        uint32_t a = get_u32 (img, base + 8 * i + k);
        uint32_t b = get_u32 (img, base + 8 * j + k);
        put_u32 (img, base + 8 * i + k, b);
        put_u32 (img, base + 8 * j + k, a);
      }
}

static void
rejects_unsorted_originals (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  swap_entries (&img, index_of (&img, "Mailbox unavailable"),
                index_of (&img, "Open"));
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_CORRUPT);
  free (img.data);

  /* The header out of its first place.  */
  img = build_ru (1);
  swap_entries (&img, 0, img.count - 1);
  assert_int_equal (parse_status (&img, img.size), SMTPREPLY_ECATALOG_CORRUPT);
  free (img.data);
}

static void
rejects_duplicate_originals (void **state)
{
  (void) state;
  static const struct msg plain[] = {
    { NULL, "Open", NULL, { "Открыто" } },
    { NULL, "Open", NULL, { "Открыт" } },
  };
  assert_int_equal (header_status (plain, 2, NULL),
                    SMTPREPLY_ECATALOG_CORRUPT);
  static const struct msg context[] = {
    { "verb", "Open", NULL, { "Открыть" } },
    { "verb", "Open", NULL, { "Открывать" } },
  };
  assert_int_equal (header_status (context, 2, ru_header),
                    SMTPREPLY_ECATALOG_CORRUPT);
  /* Plural entries compare by msgid alone.  */
  static const struct msg plural[] = {
    { NULL, "%lu reply", "%lu replies", { "%lu ответ" } },
    { NULL, "%lu reply", "%lu answers", { "%lu ответ" } },
  };
  assert_int_equal (header_status (plural, 2, NULL),
                    SMTPREPLY_ECATALOG_CORRUPT);
  /* Two headers.  */
  static const struct msg header[]
      = { { NULL, "", NULL, { "Language: ru" } } };
  assert_int_equal (header_status (header, 1, ru_header),
                    SMTPREPLY_ECATALOG_CORRUPT);
}

static void
rejects_a_charset_other_than_utf8 (void **state)
{
  (void) state;
  static const char *const headers[] = {
    "Content-Type: text/plain; charset=KOI8-R\n",
    "Content-Type: text/plain; charset=ISO-8859-1\n" RU_PLURAL_FORMS,
    "Content-Type: text/plain; charset=CHARSET\n",
    "Content-Type: text/plain; charset=UTF-16\n",
    "Content-Type: text/plain; charset=UTF-8x\n",
    "Content-Type: text/plain; charset=\n",
  };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (headers); i++)
    if (header_status (ru, SMTPREPLY__N_ELEMS (ru), headers[i])
        != SMTPREPLY_ECATALOG_CHARSET)
      fail_msg ("\"%s\" was not refused", headers[i]);
}

static void
rejects_malformed_plural_forms (void **state)
{
  (void) state;
  static const char *const headers[] = {
    "Plural-Forms: nplurals=2; plural=n %% ;\n",
    "Plural-Forms: nplurals=0; plural=0;\n",
    "Plural-Forms: nplurals=3; plural=(n==1 ? 0 : 1;\n",
    "Plural-Forms: nplurals=3; plural=n==1 ? 0 : 1);\n",
    "Plural-Forms: nplurals=101; plural=0;\n",
    "Plural-Forms: nplurals=99999999999999999999; plural=0;\n",
    "Plural-Forms: nplurals=x; plural=0;\n",
    "Plural-Forms: nplurals=-1; plural=0;\n",
    "Plural-Forms: nplurals=; plural=0;\n",
    "Plural-Forms: nplurals=2;\n",
    "Plural-Forms: plural=n != 1;\n",
    "Plural-Forms: nplurals=2; plural=;\n",
    "Plural-Forms: nplurals=2 plural=n != 1;\n",
    "Plural-Forms: nplurals=2; plural=n != 1; plural=0;\n",
    "Plural-Forms: nplurals=2; nplurals=2; plural=0;\n",
    "Plural-Forms: nplurals=2; plural n != 1;\n",
    "Plural-Forms:\n",
    "Plural-Forms: nplurals=2; plural=x;\n",
  };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (headers); i++)
    if (header_status (ru, SMTPREPLY__N_ELEMS (ru), headers[i])
        != SMTPREPLY_ECATALOG_CORRUPT)
      fail_msg ("\"%s\" was not refused", headers[i]);
}

/* ------------------------------------------------------------------------
   Translations that are dropped: formats printf must not be given, and
   text a terminal would obey.  */

/* Return 1 if a catalog translating MSGID as TEXT (and "Zebra" as
   "Зебра") serves TEXT for MSGID, or 0 if it dropped it and serves
   English; check that it counted what it dropped and serves the rest.  */
static int
served (const char *msgid, const char *text)
{
  const struct msg msgs[] = {
    { NULL, msgid, NULL, { text } },
    { NULL, "Zebra", NULL, { "Зебра" } },
  };
  struct image img = build (msgs, 2, ru_header, 0);
  struct smtpreply__catalog *cat = parse (&img);
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "Zebra", NULL, 0), "Зебра");
  const char *got = smtpreply__catalog_lookup (cat, NULL, msgid, NULL, 0);
  int result = got != NULL;
  if (got != NULL)
    assert_string_equal (got, text);
  assert_int_equal (smtpreply__catalog_dropped (cat), !result);
  smtpreply__catalog_free (cat);
  free (img.data);
  return result;
}

static void
drops_a_translation_with_percent_n (void **state)
{
  (void) state;
  assert_false (served ("Usage: %s [OPTION]... COMMAND [ARG]...\n",
                        "%s%s%n\n"));
  assert_false (served ("%s", "%s%n"));
  assert_false (served ("%d", "%hhn"));
  assert_false (served ("warning", "%n"));
  /* "%%n" is a percent sign and an n.  */
  assert_true (served ("%s", "%%n %s"));
}

static void
drops_a_conversion_of_another_type (void **state)
{
  (void) state;
  assert_false (served ("unknown command '%s'", "commande '%d'"));
  assert_false (served ("%s:%zu: byte %zu: %s", "%s:%s: octet %zu: %s"));
  /* The length modifier counts: %d is an int, %zu a size_t.  */
  assert_false (served ("'%s': byte %zu: %s", "'%s': octet %d: %s"));
  assert_false (served ("%llu lines", "%lu lignes"));
  /* And the letter, even where the type is the same.  */
  assert_false (served ("%d", "%i"));
  assert_false (served ("%x", "%X"));
}

static void
drops_missing_and_extra_conversions (void **state)
{
  (void) state;
  assert_false (served ("invalid value '%s' for %s", "valeur '%s'"));
  assert_false (served ("unknown option '%s'", "option '%s' %s"));
  assert_false (served ("missing command", "commande %s"));
  /* A width or precision given as an argument is an argument.  */
  assert_false (served ("unknown flag '%.*s' for --strict", "drapeau '%s'"));
  assert_false (served ("%s", "%*s"));
}

static void
accepts_other_flags_widths_and_precisions (void **state)
{
  (void) state;
  assert_true (served ("%s", "« %-20s »"));
  assert_true (served ("Deferred (4yz): %llu line", "Отложено: %'5llu"));
  assert_true (served ("unknown flag '%.*s' for --strict",
                       "флаг «%-3.*s» неизвестен"));
  assert_true (served ("%s: %d%%", "%s : %+d %%"));
  assert_true (served ("100%% of %s", "%s"));
  assert_true (served ("Try '%s %s --help' for more information.\n",
                       "Попробуйте «%s %s --help».\n"));
}

static void
drops_positional_conversions (void **state)
{
  (void) state;
  assert_false (served ("Try '%s %s --help'", "'%2$s' de '%1$s'"));
  assert_false (served ("%s", "%1$s"));
  assert_false (served ("%*d", "%*1$d"));
  assert_false (served ("%.*s", "%.*2$s"));
}

static void
drops_incomplete_and_unknown_conversions (void **state)
{
  (void) state;
  assert_false (served ("%s", "%s %"));
  assert_false (served ("%s", "%s %y"));
  assert_false (served ("%s", "%s %l"));
  assert_false (served ("%s", "%-"));
}

static void
drops_a_plural_entry_for_one_bad_form (void **state)
{
  (void) state;
  const struct msg msgs[] = {
    { NULL, "%lu reply", "%lu replies", { "%lu ответ", "%lu%n", "%lu ответов" } },
    { NULL, "%lu try", "%lu tries", { "%lu попытка", "%lu попытки", "%s" } },
    { NULL, "%lu line", "%lu lines", { "%lu строка", "%lu строки", "%lu строк" } },
  };
  struct image img = build (msgs, SMTPREPLY__N_ELEMS (msgs), ru_header, 0);
  struct smtpreply__catalog *cat = parse (&img);
  assert_int_equal (smtpreply__catalog_dropped (cat), 2);
  for (unsigned long n = 0; n < 30; n++)
    {
      assert_null (
          smtpreply__catalog_lookup (cat, NULL, "%lu reply", "%lu replies", n));
      assert_null (
          smtpreply__catalog_lookup (cat, NULL, "%lu try", "%lu tries", n));
    }
  assert_null (smtpreply__catalog_lookup (cat, NULL, "%lu reply", NULL, 0));
  assert_string_equal (
      smtpreply__catalog_lookup (cat, NULL, "%lu line", "%lu lines", 5),
      "%lu строк");
  smtpreply__catalog_free (cat);
  free (img.data);
}

static void
drops_a_bad_translation_in_a_context (void **state)
{
  (void) state;
  const struct msg msgs[] = {
    { "cli", "%s: %s", NULL, { "%s: %d" } },
    { "tables", "%s: %s", NULL, { "%s — %s" } },
  };
  struct image img = build (msgs, SMTPREPLY__N_ELEMS (msgs), ru_header, 0);
  struct smtpreply__catalog *cat = parse (&img);
  assert_int_equal (smtpreply__catalog_dropped (cat), 1);
  assert_null (smtpreply__catalog_lookup (cat, "cli", "%s: %s", NULL, 0));
  assert_string_equal (
      smtpreply__catalog_lookup (cat, "tables", "%s: %s", NULL, 0), "%s — %s");
  smtpreply__catalog_free (cat);
  free (img.data);
}

static void
drops_text_a_terminal_would_obey (void **state)
{
  (void) state;
  /* ESC, so any escape sequence: CSI, OSC.  */
  assert_false (served ("Commands:\n", "\033[2JКоманды:\n"));
  assert_false (served ("Commands:\n", "\033]0;title\007Команды:\n"));
  /* C0 controls but tab and newline, and DEL.  */
  assert_false (served ("Commands:\n", "Команды:\r\n"));
  assert_false (served ("Commands:\n", "Команды:\a\n"));
  assert_false (served ("Commands:\n", "Команды:\177\n"));
  /* C1 controls: U+009B is a CSI of its own.  */
  assert_false (served ("Commands:\n", "\xc2\x9b" "2JКоманды:\n"));
  assert_false (served ("Commands:\n", "\xc2\x85Команды:\n"));
  /* Bidirectional embeddings, overrides and isolates, and separators.  */
  assert_false (served ("Commands:\n", "\xe2\x80\xae" "Команды:\n"));
  assert_false (served ("Commands:\n", "\xe2\x80\xaa" "Команды:\n"));
  assert_false (served ("Commands:\n", "\xe2\x81\xa6" "Команды:\n"));
  assert_false (served ("Commands:\n", "\xe2\x81\xa9" "Команды:\n"));
  assert_false (served ("Commands:\n", "Команды:\xe2\x80\xa8"));
  assert_false (served ("Commands:\n", "Команды:\xe2\x80\xa9"));
  /* Invalid UTF-8: a stray byte, an overlong form, a surrogate, a code
     point past U+10FFFF, a sequence cut short.  */
  assert_false (served ("Commands:\n", "\xff"));
  assert_false (served ("Commands:\n", "\xc0\xaf"));
  assert_false (served ("Commands:\n", "\xed\xa0\x80"));
  assert_false (served ("Commands:\n", "\xf4\x90\x80\x80"));
  assert_false (served ("Commands:\n", "Команды\xe2\x80"));
}

static void
accepts_marks_joiners_tabs_and_newlines (void **state)
{
  (void) state;
  /* RIGHT-TO-LEFT MARK, ZERO WIDTH NON-JOINER (Persian needs it), ARABIC
     LETTER MARK, a tab, newlines, and characters outside the BMP.  */
  assert_true (served ("Commands:\n", "\xe2\x80\x8f" "فرمان‌ها:\n"));
  assert_true (served ("Commands:\n", "\xd8\x9c" "الأوامر:\n"));
  assert_true (served ("Commands:\n", "Команды:\tвсе\nещё\n"));
  assert_true (served ("Commands:\n", "\xf0\x9f\x93\xa7 \xf4\x8f\xbf\xbf\n"));
}

static void
drops_nothing_of_a_sound_catalog (void **state)
{
  (void) state;
  struct image img = build_ru (0);
  struct smtpreply__catalog *cat = parse (&img);
  assert_int_equal (smtpreply__catalog_dropped (cat), 0);
  check_ru (cat);
  smtpreply__catalog_free (cat);
  free (img.data);
  assert_int_equal (smtpreply__catalog_dropped (NULL), 0);
}

static void
rejects_every_strict_prefix (void **state)
{
  (void) state;
  for (int big_endian = 0; big_endian < 2; big_endian++)
    {
      struct image img = build_ru (big_endian);
      for (size_t size = 0; size < img.size; size++)
        {
          int rc = parse_status (&img, size);
          if (rc >= 0)
            fail_msg ("a prefix of %zu bytes of %zu was accepted", size,
                      img.size);
        }
      assert_int_equal (parse_status (&img, img.size), 0);
      free (img.data);
    }
}

/* Look up every message of the Russian catalog in CAT, with several
   counts, and return the total length of what was found (reading each
   string whole, for memory checkers to see).  */
static size_t
look_up_everything (const struct smtpreply__catalog *cat)
{
  static const unsigned long ns[] = { 0, 1, 2, 5, 21, 111, ULONG_MAX };
  size_t total = 0;
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (ru); i++)
    for (size_t j = 0; j < SMTPREPLY__N_ELEMS (ns); j++)
      {
        const char *s = smtpreply__catalog_lookup (
            cat, ru[i].context, ru[i].msgid, ru[i].msgid_plural, ns[j]);
        if (s != NULL)
          total += strlen (s);
      }
  return total;
}

static void
survives_every_single_byte_change (void **state)
{
  (void) state;
  /* Whatever one byte becomes, the catalog is refused, or it is accepted
     and lookups stay inside it (the copy has exactly its size, for
     valgrind and AddressSanitizer to watch).  */
  static const unsigned char values[] = { 0x00, 0x01, 0x04, 0x7f, 0x80, 0xff };
  for (int big_endian = 0; big_endian < 2; big_endian++)
    {
      struct image img = build_ru (big_endian);
      unsigned char *copy = malloc (img.size);
      assert_non_null (copy);
      size_t accepted = 0;
      size_t found = 0;
      for (size_t off = 0; off < img.size; off++)
        for (size_t v = 0; v < SMTPREPLY__N_ELEMS (values) + 1; v++)
          {
            memcpy (copy, img.data, img.size);
            copy[off] = v < SMTPREPLY__N_ELEMS (values)
                            ? values[v]
                            : (unsigned char) (copy[off] + 1);
            struct smtpreply__catalog *cat = NULL;
            if (smtpreply__catalog_parse (copy, img.size, &cat) != 0)
              continue;
            accepted++;
            found += look_up_everything (cat);
            smtpreply__catalog_free (cat);
          }
      /* Changes inside translations, among others, keep it sound.  */
      assert_true (accepted > 0);
      assert_true (found > 0);
      free (copy);
      free (img.data);
    }
}

/* ------------------------------------------------------------------------
   Opening files.  */

/* Return a new empty directory, to remove.  */
static char *
make_temp_dir (void)
{
  const char *tmp = getenv ("TMPDIR");
  char *dir = malloc (4096);
  assert_non_null (dir);
  snprintf (dir, 4096, "%s/t-mo.XXXXXX",
            tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
  assert_non_null (mkdtemp (dir));
  return dir;
}

/* Return DIR "/" NAME, to free.  */
static char *
path_in (const char *dir, const char *name)
{
  size_t len = strlen (dir) + strlen (name) + 2;
  char *path = malloc (len);
  assert_non_null (path);
  snprintf (path, len, "%s/%s", dir, name);
  return path;
}

/* Write the SIZE bytes at DATA to the file PATH.  */
static void
write_file (const char *path, const void *data, size_t size)
{
  FILE *f = fopen (path, "wb");
  assert_non_null (f);
  assert_int_equal (fwrite (data, 1, size, f), size);
  assert_int_equal (fclose (f), 0);
}

/* Return what smtpreply__catalog_open says of PATH, freeing the catalog
   it opened, if any.  */
static int
open_status (const char *path)
{
  struct smtpreply__catalog *cat = NULL;
  int rc = smtpreply__catalog_open (path, &cat);
  if (rc != 0)
    assert_null (cat);
  smtpreply__catalog_free (cat);
  return rc;
}

static void
opens_a_good_catalog (void **state)
{
  (void) state;
  char *dir = make_temp_dir ();
  char *path = path_in (dir, "smtpreply.mo");
  for (int big_endian = 0; big_endian < 2; big_endian++)
    {
      struct image img = build_ru (big_endian);
      write_file (path, img.data, img.size);
      free (img.data);
      struct smtpreply__catalog *cat = NULL;
      assert_int_equal (smtpreply__catalog_open (path, &cat), 0);
      assert_non_null (cat);
      check_ru (cat);
      smtpreply__catalog_free (cat);
    }
  assert_int_equal (unlink (path), 0);
  assert_int_equal (rmdir (dir), 0);
  free (path);
  free (dir);
}

static void
open_reports_a_missing_catalog (void **state)
{
  (void) state;
  char *dir = make_temp_dir ();
  char *missing = path_in (dir, "missing.mo");
  char *missing_dir = path_in (dir, "ru/LC_MESSAGES/smtpreply.mo");
  char *file = path_in (dir, "file");
  char *under_file = path_in (dir, "file/smtpreply.mo");
  write_file (file, "x", 1);
  assert_int_equal (open_status (missing), SMTPREPLY_ENO_CATALOG);
  assert_int_equal (open_status (missing_dir), SMTPREPLY_ENO_CATALOG);
  assert_int_equal (open_status (under_file), SMTPREPLY_ENO_CATALOG);
  assert_int_equal (unlink (file), 0);
  assert_int_equal (rmdir (dir), 0);
  free (under_file);
  free (file);
  free (missing_dir);
  free (missing);
  free (dir);
}

static void
open_rejects_a_directory (void **state)
{
  (void) state;
  char *dir = make_temp_dir ();
  assert_int_equal (open_status (dir), SMTPREPLY_ECATALOG_IO);
  assert_int_equal (rmdir (dir), 0);
  free (dir);
}

static void
open_rejects_an_empty_file (void **state)
{
  (void) state;
  char *dir = make_temp_dir ();
  char *path = path_in (dir, "empty.mo");
  write_file (path, "", 0);
  assert_int_equal (open_status (path), SMTPREPLY_ECATALOG_TRUNCATED);
  assert_int_equal (unlink (path), 0);
  assert_int_equal (rmdir (dir), 0);
  free (path);
  free (dir);
}

static void
open_rejects_what_parse_rejects (void **state)
{
  (void) state;
  char *dir = make_temp_dir ();
  char *path = path_in (dir, "bad.mo");
  struct image img = build_ru (0);
  write_file (path, img.data, 27);
  assert_int_equal (open_status (path), SMTPREPLY_ECATALOG_TRUNCATED);
  write_file (path, img.data, img.size - 1);
  assert_int_equal (open_status (path), SMTPREPLY_ECATALOG_BOUNDS);
  put_u32 (&img, 0, 0x12345678);
  write_file (path, img.data, img.size);
  assert_int_equal (open_status (path), SMTPREPLY_ECATALOG_MAGIC);
  free (img.data);
  assert_int_equal (unlink (path), 0);
  assert_int_equal (rmdir (dir), 0);
  free (path);
  free (dir);
}

static void
open_rejects_a_file_over_16_mib (void **state)
{
  (void) state;
  char *dir = make_temp_dir ();
  char *path = path_in (dir, "big.mo");
  write_file (path, "", 0);
  assert_int_equal (truncate (path, 16 * 1024 * 1024 + 1), 0);
  assert_int_equal (open_status (path), SMTPREPLY_ECATALOG_IO);
  assert_int_equal (unlink (path), 0);
  assert_int_equal (rmdir (dir), 0);
  free (path);
  free (dir);
}

static void
open_rejects_a_fifo_without_blocking (void **state)
{
  (void) state;
  char *dir = make_temp_dir ();
  char *path = path_in (dir, "fifo.mo");
  assert_int_equal (mkfifo (path, 0600), 0);
  assert_int_equal (open_status (path), SMTPREPLY_ECATALOG_IO);
  assert_int_equal (unlink (path), 0);
  assert_int_equal (rmdir (dir), 0);
  free (path);
  free (dir);
}

static void
rejects_null_arguments (void **state)
{
  (void) state;
  struct smtpreply__catalog *cat = NULL;
  static const unsigned char byte = 0;
  assert_int_equal (smtpreply__catalog_parse (&byte, 1, NULL),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply__catalog_parse (NULL, 28, &cat),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply__catalog_open (NULL, &cat), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply__catalog_open ("/", NULL), SMTPREPLY_EINVAL);
  assert_null (cat);
  smtpreply__catalog_free (NULL);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (finds_plain_entries),
    cmocka_unit_test (finds_entries_by_context),
    cmocka_unit_test (orders_context_keys_as_strcmp_does),
    cmocka_unit_test (chooses_russian_plural_forms),
    cmocka_unit_test (falls_back_to_form_0_past_the_forms_present),
    cmocka_unit_test (returns_null_when_not_found),
    cmocka_unit_test (treats_an_empty_translation_as_not_found),
    cmocka_unit_test (reads_big_endian_catalogs),
    cmocka_unit_test (uses_the_english_rule_without_plural_forms),
    cmocka_unit_test (uses_a_single_form_rule),
    cmocka_unit_test (ignores_forms_past_nplurals),
    cmocka_unit_test (reads_plural_forms_in_any_order_and_spacing),
    cmocka_unit_test (accepts_every_spelling_of_utf8),
    cmocka_unit_test (accepts_revisions_0_and_1),
    cmocka_unit_test (reads_a_catalog_without_entries),
    cmocka_unit_test (rejects_an_empty_image),
    cmocka_unit_test (rejects_27_bytes),
    cmocka_unit_test (rejects_a_wrong_magic),
    cmocka_unit_test (rejects_revision_2),
    cmocka_unit_test (rejects_originals_table_past_the_end),
    cmocka_unit_test (rejects_translations_table_past_the_end),
    cmocka_unit_test (rejects_a_count_whose_tables_overflow_32_bits),
    cmocka_unit_test (rejects_a_hash_table_past_the_end),
    cmocka_unit_test (rejects_a_string_offset_past_the_end),
    cmocka_unit_test (rejects_a_length_that_wraps_around),
    cmocka_unit_test (rejects_originals_longer_in_all_than_the_file),
    cmocka_unit_test (rejects_a_string_without_its_nul),
    cmocka_unit_test (rejects_unsorted_originals),
    cmocka_unit_test (rejects_duplicate_originals),
    cmocka_unit_test (rejects_a_charset_other_than_utf8),
    cmocka_unit_test (rejects_malformed_plural_forms),
    cmocka_unit_test (drops_a_translation_with_percent_n),
    cmocka_unit_test (drops_a_conversion_of_another_type),
    cmocka_unit_test (drops_missing_and_extra_conversions),
    cmocka_unit_test (accepts_other_flags_widths_and_precisions),
    cmocka_unit_test (drops_positional_conversions),
    cmocka_unit_test (drops_incomplete_and_unknown_conversions),
    cmocka_unit_test (drops_a_plural_entry_for_one_bad_form),
    cmocka_unit_test (drops_a_bad_translation_in_a_context),
    cmocka_unit_test (drops_text_a_terminal_would_obey),
    cmocka_unit_test (accepts_marks_joiners_tabs_and_newlines),
    cmocka_unit_test (drops_nothing_of_a_sound_catalog),
    cmocka_unit_test (rejects_every_strict_prefix),
    cmocka_unit_test (survives_every_single_byte_change),
    cmocka_unit_test (opens_a_good_catalog),
    cmocka_unit_test (open_reports_a_missing_catalog),
    cmocka_unit_test (open_rejects_a_directory),
    cmocka_unit_test (open_rejects_an_empty_file),
    cmocka_unit_test (open_rejects_what_parse_rejects),
    cmocka_unit_test (open_rejects_a_file_over_16_mib),
    cmocka_unit_test (open_rejects_a_fifo_without_blocking),
    cmocka_unit_test (rejects_null_arguments),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
