/* i18n.c -- languages: which catalog a tag means, and translations.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The library reads the catalogs <dir>/<lang>/LC_MESSAGES/smtpreply.mo
   itself (mo.c) instead of calling gettext: glibc's gettext answers only in
   the language of an installed system locale, for the whole process, while
   a server explaining replies to many users needs any language, per call,
   in any thread.  The catalogs are the ones gettext would read, so adding a
   language is still adding a .po file.

   <dir> is fixed at first use: $SMTPREPLY_LOCALEDIR if set, else the
   configured localedir.  The installed languages are listed once, then;
   each catalog is loaded at its first use and kept until the process ends,
   so every string handed out stays valid.  Language tags come from users
   (a browser's Accept-Language): each is checked character by character
   before it is compared with the names read from <dir>, and only those
   names ever become part of a path.  */

#include <config.h>

#include <dirent.h>
#if ENABLE_NLS
# include <libintl.h>
#endif
#include <locale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef HAVE_NL_LANGINFO
# include <langinfo.h>
#endif

#include "smtpreply.h"
#include "internal.h"

/* At most this many catalogs are listed, so the cache is bounded whatever
   the catalog folder holds.  */
#define MAX_LANGUAGES 256

enum slot_state
{
  SLOT_UNLOADED = 0,
  SLOT_LOADED,
  SLOT_FAILED
};

/* An installed language and, once used, its catalog.  */
struct slot
{
  char name[SMTPREPLY__TAG_MAX];
  _Atomic int state;                /* enum slot_state */
  int status;                       /* why it failed, if it did */
  struct smtpreply__catalog *catalog;
};

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static const char *catalog_dir;
static struct slot *slots;
static size_t slot_count;

/* Return nonzero if C may appear in a language tag or catalog name.  */
static int
tag_char (unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
         || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'
         || c == '@';
}

/* Return nonzero if the LEN bytes at S form a plausible tag.  */
static int
valid_tag (const char *s, size_t len)
{
  if (len == 0 || len >= SMTPREPLY__TAG_MAX)
    return 0;
  for (size_t i = 0; i < len; i++)
    if (!tag_char ((unsigned char) s[i]))
      return 0;
  return s[0] != '.' && s[0] != '-';
}

/* Order slots by name.  */
static int
cmp_slot (const void *a, const void *b)
{
  return strcmp (((const struct slot *) a)->name,
                 ((const struct slot *) b)->name);
}

/* Write the path of catalog NAME into BUF of SIZE bytes.  Return 0, or -1
   if it does not fit.  */
static int
catalog_path (char *buf, size_t size, const char *name)
{
  int n = snprintf (buf, size, "%s/%s/LC_MESSAGES/%s.mo", catalog_dir, name,
                    SMTPREPLY_DOMAIN);
  return n < 0 || (size_t) n >= size ? -1 : 0;
}

/* Fix the catalog folder and list the languages it holds.  Called once.
   Failure to read the folder leaves the list empty: English only.  */
static void
init_languages (void)
{
  const char *dir = getenv ("SMTPREPLY_LOCALEDIR");
  catalog_dir = dir != NULL && dir[0] != '\0' ? strdup (dir) : LOCALEDIR;
  if (catalog_dir == NULL)
    catalog_dir = LOCALEDIR;
#if ENABLE_NLS
  /* The library does not use gettext itself, but a program may call
     dgettext (SMTPREPLY_DOMAIN, entry->text): let it find the same
     catalogs, in UTF-8 like every string of the library.  */
  bindtextdomain (SMTPREPLY_DOMAIN, catalog_dir);
  bind_textdomain_codeset (SMTPREPLY_DOMAIN, "UTF-8");
#endif

  DIR *d = opendir (catalog_dir);
  if (d == NULL)
    return;
  struct slot *found = calloc (MAX_LANGUAGES, sizeof *found);
  size_t n = 0;
  struct dirent *e;
  while (found != NULL && n < MAX_LANGUAGES && (e = readdir (d)) != NULL)
    {
      size_t len = strlen (e->d_name);
      char path[4096];
      struct stat st;
      if (!valid_tag (e->d_name, len)
          || catalog_path (path, sizeof path, e->d_name) < 0
          || stat (path, &st) < 0)
        continue;
      memcpy (found[n].name, e->d_name, len + 1);
      n++;
    }
  closedir (d);
  if (found == NULL)
    return;
  qsort (found, n, sizeof *found, cmp_slot);
  slots = found;
  slot_count = n;
}

/* Return the slot of catalog NAME, or NULL if it is not installed.  */
static struct slot *
find_slot (const char *name)
{
  pthread_once (&init_once, init_languages);
  if (slot_count == 0)
    return NULL;
  struct slot key;
  size_t len = strlen (name);
  if (len >= sizeof key.name)
    return NULL;
  memcpy (key.name, name, len + 1);
  return bsearch (&key, slots, slot_count, sizeof *slots, cmp_slot);
}

/* Load the catalog of SLOT if nobody has yet.  Return 0 or why it failed.  */
static int
load_slot (struct slot *slot)
{
  int state = atomic_load_explicit (&slot->state, memory_order_acquire);
  if (state == SLOT_UNLOADED)
    {
      pthread_mutex_lock (&load_lock);
      state = atomic_load_explicit (&slot->state, memory_order_relaxed);
      if (state == SLOT_UNLOADED)
        {
          char path[4096];
          int rc = SMTPREPLY_ECATALOG_IO;
          if (catalog_path (path, sizeof path, slot->name) == 0)
            rc = smtpreply__catalog_open (path, &slot->catalog);
          slot->status = rc;
          state = rc == 0 ? SLOT_LOADED : SLOT_FAILED;
          atomic_store_explicit (&slot->state, state, memory_order_release);
        }
      pthread_mutex_unlock (&load_lock);
    }
  return state == SLOT_LOADED ? 0 : slot->status;
}

/* A tag split into the parts gettext's fallback uses.  */
struct tag
{
  char language[SMTPREPLY__TAG_MAX];
  char territory[SMTPREPLY__TAG_MAX];
  char modifier[SMTPREPLY__TAG_MAX];
};

/* Copy the LEN bytes at S into DST (of SMTPREPLY__TAG_MAX bytes), lower
   case if LOWER, else upper case.  */
static void
copy_part (char *dst, const char *s, size_t len, int lower)
{
  for (size_t i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (lower && c >= 'A' && c <= 'Z')
        c = (unsigned char) (c - 'A' + 'a');
      else if (!lower && c >= 'a' && c <= 'z')
        c = (unsigned char) (c - 'a' + 'A');
      dst[i] = (char) c;
    }
  dst[len] = '\0';
}

/* Split the tag of LEN bytes at S, language[_-]TERRITORY[.codeset]
   [@modifier], into *T.  Return 0, or SMTPREPLY_EBAD_LANG.  */
static int
split_tag (const char *s, size_t len, struct tag *t)
{
  if (!valid_tag (s, len))
    return SMTPREPLY_EBAD_LANG;
  size_t at = len;
  for (size_t i = 0; i < len; i++)
    if (s[i] == '@')
      {
        at = i;
        break;
      }
  size_t dot = at;
  for (size_t i = 0; i < at; i++)
    if (s[i] == '.')
      {
        dot = i;
        break;
      }
  size_t sep = dot;
  for (size_t i = 0; i < dot; i++)
    if (s[i] == '_' || s[i] == '-')
      {
        sep = i;
        break;
      }
  /* A separator needs a language before it and a territory after it.  */
  if (sep == 0 || (sep < dot && sep + 1 == dot))
    return SMTPREPLY_EBAD_LANG;
  copy_part (t->language, s, sep, 1);
  copy_part (t->territory, s + sep + 1, sep < dot ? dot - sep - 1 : 0, 0);
  copy_part (t->modifier, s + at + 1, at < len ? len - at - 1 : 0, 1);
  /* "pt_BR-x" and "@" alone are not tags.  */
  for (const char *p = t->territory; *p != '\0'; p++)
    if (*p == '_' || *p == '-' || *p == '.')
      return SMTPREPLY_EBAD_LANG;
  return 0;
}

/* Return nonzero if *T names English itself: "C", "POSIX", "en...".  */
static int
tag_is_english (const struct tag *t)
{
  return strcmp (t->language, "c") == 0 || strcmp (t->language, "posix") == 0
         || strcmp (t->language, "en") == 0;
}

/* Find the catalog for *T: language_TERRITORY@modifier,
   language_TERRITORY, language@modifier, language; never another
   territory.  Store it in *OUT (NULL if none) and return 0, or the reason
   the first candidate that exists could not be loaded, or
   SMTPREPLY_ENO_CATALOG.  */
static int
tag_catalog (const struct tag *t, struct slot **out)
{
  int rc = SMTPREPLY_ENO_CATALOG;
  *out = NULL;
  for (int i = 0; i < 4; i++)
    {
      int with_territory = i < 2;
      int with_modifier = i % 2 == 0;
      if ((with_territory && t->territory[0] == '\0')
          || (with_modifier && t->modifier[0] == '\0'))
        continue;
      char name[3 * SMTPREPLY__TAG_MAX + 2];
      snprintf (name, sizeof name, "%s%s%s%s%s", t->language,
                with_territory ? "_" : "", with_territory ? t->territory : "",
                with_modifier ? "@" : "", with_modifier ? t->modifier : "");
      struct slot *slot = find_slot (name);
      if (slot == NULL)
        continue;
      int loaded = load_slot (slot);
      if (loaded == 0)
        {
          *out = slot;
          return 0;
        }
      if (rc == SMTPREPLY_ENO_CATALOG)
        rc = loaded;
    }
  return rc;
}

/* Return nonzero if locale NAME is the C locale, which means English.  */
static int
is_c_locale (const char *name)
{
  return name == NULL || name[0] == '\0' || strcmp (name, "C") == 0
         || strcmp (name, "POSIX") == 0;
}

/* Return the language list of the environment, as gettext reads it: the
   locale of LC_MESSAGES is the thread's or the process's if the program set
   one, else LC_ALL, LC_MESSAGES or LANG; "C" means English (NULL);
   otherwise LANGUAGE if set, else that locale.  */
static const char *
default_languages (void)
{
  const char *locale = NULL;
#if defined HAVE_NL_LANGINFO && HAVE_DECL__NL_LOCALE_NAME
  locale = nl_langinfo (_NL_LOCALE_NAME (LC_MESSAGES));
#else
  locale = setlocale (LC_MESSAGES, NULL);
#endif
  if (is_c_locale (locale))
    {
      static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
      locale = NULL;
      for (size_t i = 0; i < SMTPREPLY__N_ELEMS (vars) && locale == NULL; i++)
        {
          const char *v = getenv (vars[i]);
          if (v != NULL && v[0] != '\0')
            locale = v;
        }
    }
  if (is_c_locale (locale))
    return NULL;
  const char *language = getenv ("LANGUAGE");
  return language != NULL && language[0] != '\0' ? language : locale;
}

/* The result of walking a language list.  */
struct walk
{
  const char *list; /* what is left of the list */
};

/* What walk_next stores in *FIRST_ERROR when the list reached a tag that
   means English.  */
#define WALK_ENGLISH 1

/* Return the slot of the next tag of *W that has a usable catalog, or NULL
   at the end of the list or at a tag meaning English, which ends it.  Store
   in *FIRST_ERROR, if it is still 0, why a tag had no catalog, or
   WALK_ENGLISH.  */
static const struct slot *
walk_next (struct walk *w, int *first_error)
{
  while (w->list != NULL && w->list[0] != '\0')
    {
      const char *s = w->list;
      const char *colon = strchr (s, ':');
      size_t len = colon != NULL ? (size_t) (colon - s) : strlen (s);
      w->list = colon != NULL ? colon + 1 : NULL;
      if (len == 0)
        continue;
      struct tag t;
      struct slot *slot = NULL;
      int rc = split_tag (s, len, &t);
      if (rc == 0)
        rc = tag_catalog (&t, &slot);
      if (slot != NULL)
        return slot;
      if (rc != SMTPREPLY_EBAD_LANG && tag_is_english (&t))
        {
          /* English needs no catalog: stop here.  */
          w->list = NULL;
          rc = WALK_ENGLISH;
        }
      if (*first_error == 0)
        *first_error = rc;
    }
  return NULL;
}

/* Start walking LANG, or the default languages if LANG is NULL or "".  */
static struct walk
walk_start (const char *lang)
{
  struct walk w;
  w.list = lang != NULL && lang[0] != '\0' ? lang : default_languages ();
  return w;
}

const struct smtpreply__catalog *
smtpreply__catalog_for (const char *lang)
{
  struct walk w = walk_start (lang);
  int ignored = 0;
  const struct slot *slot = walk_next (&w, &ignored);
  return slot != NULL ? slot->catalog : NULL;
}

/* Return the translation of (CONTEXT, MSGID, MSGID_PLURAL, N) from the
   first catalog of LANG that has one, or NULL.  */
static const char *
lookup (const char *context, const char *msgid, const char *msgid_plural,
        unsigned long n, const char *lang)
{
  if (msgid == NULL)
    return NULL;
  struct walk w = walk_start (lang);
  int ignored = 0;
  const struct slot *slot;
  while ((slot = walk_next (&w, &ignored)) != NULL)
    {
      const char *t = smtpreply__catalog_lookup (slot->catalog, context,
                                                 msgid, msgid_plural, n);
      if (t != NULL)
        return t;
    }
  return NULL;
}

const char *
smtpreply_translate (const char *msgid, const char *lang)
{
  const char *t = lookup (NULL, msgid, NULL, 0, lang);
  return t != NULL ? t : msgid;
}

const char *
smtpreply_translate_context (const char *context, const char *msgid,
                             const char *lang)
{
  const char *t = lookup (context, msgid, NULL, 0, lang);
  return t != NULL ? t : msgid;
}

const char *
smtpreply_translate_plural (const char *msgid, const char *msgid_plural,
                            unsigned long n, const char *lang)
{
  const char *t = lookup (NULL, msgid, msgid_plural, n, lang);
  if (t != NULL)
    return t;
  return n == 1 || msgid_plural == NULL ? msgid : msgid_plural;
}

const char *
smtpreply_language_resolve (const char *lang)
{
  struct walk w = walk_start (lang);
  int ignored = 0;
  const struct slot *slot = walk_next (&w, &ignored);
  return slot != NULL ? slot->name : "en";
}

smtpreply_status
smtpreply_language_check (const char *lang)
{
  struct walk w = walk_start (lang);
  int first_error = 0;
  /* A catalog, English, or an empty list (the C locale) are fine.  */
  if (walk_next (&w, &first_error) != NULL || first_error == WALK_ENGLISH)
    return 0;
  return first_error;
}

size_t
smtpreply_language_count (void)
{
  pthread_once (&init_once, init_languages);
  return slot_count;
}

const char *
smtpreply_language_at (size_t i)
{
  pthread_once (&init_once, init_languages);
  return i < slot_count ? slots[i].name : NULL;
}

smtpreply_status
smtpreply_catalog_check (const char *lang)
{
  if (lang == NULL || !valid_tag (lang, strlen (lang)))
    return SMTPREPLY_EBAD_LANG;
  struct slot *slot = find_slot (lang);
  if (slot == NULL)
    return SMTPREPLY_ENO_CATALOG;
  return load_slot (slot);
}
