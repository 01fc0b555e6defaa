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
   names ever become part of a path.

   A language list resolves to at most RESOLVED_MAX catalogs, packed into
   one 64-bit word: the default languages are resolved once (and again by
   smtpreply_language_reset) and published atomically, and each thread
   keeps the lists it resolved last, so that a translation in a language
   named per call costs a string comparison and a catalog look-up.  */

#include <config.h>

#include <dirent.h>
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
   the catalog folder holds, and a catalog's index fits in a byte.  */
#define MAX_LANGUAGES 255

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
/* The folder smtpreply_catalog_dir_set chose, before first use.  */
static char *chosen_dir;
static pthread_mutex_t chosen_lock = PTHREAD_MUTEX_INITIALIZER;
static int dir_fixed;
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
  pthread_mutex_lock (&chosen_lock);
  dir_fixed = 1;
  if (dir != NULL && dir[0] != '\0')
    catalog_dir = strdup (dir);
  else if (chosen_dir != NULL)
    catalog_dir = chosen_dir;
  pthread_mutex_unlock (&chosen_lock);
  if (catalog_dir == NULL)
    catalog_dir = LOCALEDIR;

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

/* A tag split into the parts the fallback uses, each NUL-terminated and
   normalised: language in lower case, script in title case, territory in
   upper case, modifier in lower case; "" where absent.  */
struct tag
{
  char language[SMTPREPLY__TAG_MAX];
  char script[SMTPREPLY__TAG_MAX];
  char territory[SMTPREPLY__TAG_MAX];
  char modifier[SMTPREPLY__TAG_MAX];
};

/* Return nonzero if C is an ASCII letter.  */
static int
is_alpha (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Return nonzero if C is an ASCII digit.  */
static int
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Copy the LEN bytes at S into DST (of SMTPREPLY__TAG_MAX bytes), the first
   in upper case if FIRST_UPPER, the others in upper case if REST_UPPER,
   else in lower case.  */
static void
copy_part (char *dst, const char *s, size_t len, int first_upper,
           int rest_upper)
{
  for (size_t i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) s[i];
      int upper = i == 0 ? first_upper : rest_upper;
      if (!upper && c >= 'A' && c <= 'Z')
        c = (unsigned char) (c - 'A' + 'a');
      else if (upper && c >= 'a' && c <= 'z')
        c = (unsigned char) (c - 'a' + 'A');
      dst[i] = (char) c;
    }
  dst[len] = '\0';
}

/* Split the tag of LEN bytes at S into *T.  A tag is POSIX's
   language[_TERRITORY][.codeset][@modifier] or BCP 47's
   language[-Script][-REGION][-variant...], with "_" or "-" between
   subtags: the first subtag of four letters is the script, the first of
   two letters or three digits the territory; others (variants, and a
   singleton with the subtags after it) are read and ignored.  Return 0, or
   SMTPREPLY_EBAD_LANG.  */
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
  memset (t, 0, sizeof *t);
  int after_singleton = 0; /* subtags from here on are extensions */
  int needs_subtag = 0;    /* a singleton is still waiting for one */
  size_t start = 0;
  for (int part = 0; start <= dot; part++)
    {
      size_t end = start;
      while (end < dot && s[end] != '_' && s[end] != '-')
        end++;
      size_t n = end - start;
      const char *sub = s + start;
      int letters = n > 0 && n <= 8;
      int digits = letters;
      int alnum = letters;
      for (size_t i = 0; i < n; i++)
        {
          letters &= is_alpha (sub[i]);
          digits &= is_digit (sub[i]);
          alnum &= is_alpha (sub[i]) || is_digit (sub[i]);
        }
      if (part == 0 ? !letters : !alnum)
        return SMTPREPLY_EBAD_LANG;
      needs_subtag = 0;
      if (part == 0)
        copy_part (t->language, sub, n, 0, 0);
      else if (n == 1)
        {
          after_singleton = 1;
          needs_subtag = 1;
        }
      else if (!after_singleton && letters && n == 4
               && t->script[0] == '\0' && t->territory[0] == '\0')
        copy_part (t->script, sub, n, 1, 0);
      else if (!after_singleton && ((letters && n == 2) || (digits && n == 3))
               && t->territory[0] == '\0')
        copy_part (t->territory, sub, n, 1, 1);
      start = end + 1;
    }
  /* A singleton ("x") needs a subtag after it; a modifier needs a name.  */
  if (needs_subtag || (at < len && at + 1 == len))
    return SMTPREPLY_EBAD_LANG;
  copy_part (t->modifier, s + at + 1, at < len ? len - at - 1 : 0, 0, 0);
  return 0;
}

/* Return nonzero if *T names English itself: "C", "POSIX", "en...".  */
static int
tag_is_english (const struct tag *t)
{
  return strcmp (t->language, "c") == 0 || strcmp (t->language, "posix") == 0
         || strcmp (t->language, "en") == 0;
}

/* The tags that mean a catalog of another name, from languages.def.  */
static const struct alias
{
  const char *tag;
  const char *catalog;
} aliases[] = {
#define SMTPREPLY_ALIAS(tag, catalog) { tag, catalog },
#include "languages.def"
#undef SMTPREPLY_ALIAS
};

/* Order an alias by its tag, for bsearch.  */
static int
cmp_alias (const void *key, const void *elem)
{
  return strcmp (key, ((const struct alias *) elem)->tag);
}

/* Try the installed catalog NAME: if it is there and loads, store its
   slot in *OUT and return 0; else return why not (SMTPREPLY_ENO_CATALOG
   or the reason loading failed).  */
static int
try_catalog (const char *name, struct slot **out)
{
  struct slot *slot = find_slot (name);
  if (slot == NULL)
    return SMTPREPLY_ENO_CATALOG;
  int rc = load_slot (slot);
  if (rc == 0)
    *out = slot;
  return rc;
}

/* The candidates of a tag, in the order they are tried.  */
enum candidate
{
  CAND_TERRITORY_MODIFIER, /* language_TERRITORY@modifier */
  CAND_TERRITORY,          /* language_TERRITORY */
  CAND_TERRITORY_ALIAS,    /* an alias of language_TERRITORY */
  CAND_SCRIPT_ALIAS,       /* an alias of language_Script */
  CAND_MODIFIER,           /* language@modifier */
  CAND_LANGUAGE,           /* language */
  CAND_LANGUAGE_ALIAS,     /* an alias of language */
  CAND_COUNT
};

/* Return nonzero if *T has a territory or a script that languages.def
   names, so that it must not fall back to its bare language.  */
static int
tag_is_pinned (const struct tag *t)
{
  const char *second[] = { t->territory, t->script };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (second); i++)
    {
      char name[3 * SMTPREPLY__TAG_MAX];
      if (second[i][0] == '\0')
        continue;
      snprintf (name, sizeof name, "%s_%s", t->language, second[i]);
      if (bsearch (name, aliases, SMTPREPLY__N_ELEMS (aliases),
                   sizeof aliases[0], cmp_alias)
          != NULL)
        return 1;
    }
  return 0;
}

/* Find the catalog for *T, trying the candidates in order; a candidate
   that is an alias ends the search whether its catalog is there or not,
   so a tag never falls back to another territory or script.  Store the
   slot in *OUT (NULL if none) and return 0, or the reason the first
   candidate that exists could not be loaded, or SMTPREPLY_ENO_CATALOG.  */
static int
tag_catalog (const struct tag *t, struct slot **out)
{
  int rc = SMTPREPLY_ENO_CATALOG;
  *out = NULL;
  for (int c = 0; c < CAND_COUNT; c++)
    {
      const char *second = c <= CAND_TERRITORY_ALIAS ? t->territory
                           : c == CAND_SCRIPT_ALIAS  ? t->script
                                                     : "";
      const char *modifier
          = c == CAND_TERRITORY_MODIFIER || c == CAND_MODIFIER ? t->modifier
                                                               : "";
      if ((c <= CAND_SCRIPT_ALIAS && second[0] == '\0')
          || ((c == CAND_TERRITORY_MODIFIER || c == CAND_MODIFIER)
              && modifier[0] == '\0'))
        continue;
      char name[4 * SMTPREPLY__TAG_MAX];
      snprintf (name, sizeof name, "%s%s%s%s%s", t->language,
                second[0] != '\0' ? "_" : "", second,
                modifier[0] != '\0' ? "@" : "", modifier);
      int is_alias = c == CAND_TERRITORY_ALIAS || c == CAND_SCRIPT_ALIAS
                     || c == CAND_LANGUAGE_ALIAS;
      if (is_alias)
        {
          const struct alias *a
              = bsearch (name, aliases, SMTPREPLY__N_ELEMS (aliases),
                         sizeof aliases[0], cmp_alias);
          if (a == NULL)
            continue;
          int loaded = try_catalog (a->catalog, out);
          return loaded == 0 || rc == SMTPREPLY_ENO_CATALOG ? loaded : rc;
        }
      int loaded = try_catalog (name, out);
      if (loaded == 0)
        return 0;
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
   locale of LC_MESSAGES is the process's if the program set one, else
   LC_ALL, LC_MESSAGES or LANG; "C" means English (NULL); otherwise
   LANGUAGE if set, else that locale.  */
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

/* The most catalogs a language list resolves to; later tags are not
   tried.  */
#define RESOLVED_MAX 6

/* What RESOLVED.error holds when the list reached a tag that means
   English.  */
#define RESOLVED_ENGLISH 1

/* A language list, resolved: the slots of the catalogs its tags name, in
   order, and why the first tag without one had none (0 if none failed).
   It is 8 bytes, so that it can be published as one atomic word.  */
struct resolved
{
  uint8_t count;
  uint8_t slot[RESOLVED_MAX];
  int8_t error;
};

/* Resolve the language list LIST (NULL: none, which is English) into *R:
   each tag is tried in turn until RESOLVED_MAX catalogs are found or a tag
   means English, which ends the list.  */
static void
resolve_list (const char *list, struct resolved *r)
{
  memset (r, 0, sizeof *r);
  while (list != NULL && list[0] != '\0' && r->count < RESOLVED_MAX)
    {
      const char *s = list;
      const char *colon = strchr (s, ':');
      size_t len = colon != NULL ? (size_t) (colon - s) : strlen (s);
      list = colon != NULL ? colon + 1 : NULL;
      if (len == 0)
        continue;
      struct tag t;
      struct slot *slot = NULL;
      int rc = split_tag (s, len, &t);
      if (rc == 0)
        rc = tag_catalog (&t, &slot);
      if (slot != NULL)
        {
          uint8_t index = (uint8_t) (slot - slots);
          int seen = 0;
          for (size_t i = 0; i < r->count; i++)
            seen |= r->slot[i] == index;
          if (!seen)
            r->slot[r->count++] = index;
          continue;
        }
      if (rc != SMTPREPLY_EBAD_LANG && tag_is_english (&t))
        {
          /* English needs no catalog: stop here.  */
          list = NULL;
          rc = RESOLVED_ENGLISH;
        }
      if (r->error == 0)
        r->error = (int8_t) rc;
    }
}

/* The default languages, resolved, as a struct resolved with the top bit
   of its count set once it is filled in.  */
static _Atomic uint64_t defaults_word;
#define DEFAULTS_SET 0x80

/* How many times what a language list translates to may have changed:
   the default languages were resolved, or a catalog folder chosen.  */
static _Atomic unsigned long language_generation;

/* Resolve the default languages from the environment and publish them.  */
static void
compute_defaults (void)
{
  pthread_once (&init_once, init_languages);
  struct resolved r;
  resolve_list (default_languages (), &r);
  r.count |= DEFAULTS_SET;
  uint64_t word;
  memcpy (&word, &r, sizeof word);
  atomic_store_explicit (&defaults_word, word, memory_order_release);
  atomic_fetch_add_explicit (&language_generation, 1, memory_order_release);
}

unsigned long
smtpreply__language_generation (void)
{
  return atomic_load_explicit (&language_generation, memory_order_acquire);
}

/* Store the default languages, resolved, in *R.  */
static void
get_defaults (struct resolved *r)
{
  uint64_t word = atomic_load_explicit (&defaults_word, memory_order_acquire);
  memcpy (r, &word, sizeof *r);
  if (!(r->count & DEFAULTS_SET))
    {
      /* Two threads may both compute them the first time: they store the
         same answer.  */
      compute_defaults ();
      word = atomic_load_explicit (&defaults_word, memory_order_acquire);
      memcpy (r, &word, sizeof *r);
    }
  r->count &= (uint8_t) ~DEFAULTS_SET;
}

/* What each thread that translates remembers, allocated the first time
   it translates and freed when it ends, so that threads that never call
   the library pay nothing:

   - the language lists it resolved, so that a language named per call is
     not parsed again: by a hash of the text, in one of two ways of a set
     (the way used less recently is replaced; lists longer than the key
     are not kept);
   - the translations it found, by the address of the msgid and the
     resolved list they were found for, and for the library's own strings
     that none was found: four ways to a set, the oldest replaced, so
     that the descriptions of a table in a handful of languages all stay.

   A thread whose memory cannot be allocated translates without it.  */
#define CACHE_SETS 64
#define FOUND_BITS 9
#define FOUND_WAYS 4
struct found
{
  const char *msgid;    /* the caller's pointer */
  uint64_t list;        /* the struct resolved, as one word */
  const char *original; /* the catalog's copy of the msgid, or NULL */
  const char *translation;
};
struct thread_memory
{
  struct
  {
    struct
    {
      char key[SMTPREPLY__TAG_MAX];
      struct resolved r;
    } way[2];
    unsigned char older; /* the way to replace next */
  } cache[CACHE_SETS];
  struct found found[1 << FOUND_BITS][FOUND_WAYS];
};
static _Thread_local struct thread_memory *memory;
static pthread_key_t memory_key;
static pthread_once_t memory_once = PTHREAD_ONCE_INIT;
static int memory_key_made;

static void
make_memory_key (void)
{
  memory_key_made = pthread_key_create (&memory_key, free) == 0;
}

/* Return the calling thread's memory, or NULL if it cannot have one.  */
static struct thread_memory *
thread_memory (void)
{
  struct thread_memory *m = memory;
  if (m != NULL)
    return m;
  pthread_once (&memory_once, make_memory_key);
  if (!memory_key_made)
    return NULL;
  m = calloc (1, sizeof *m);
  if (m == NULL)
    return NULL;
  if (pthread_setspecific (memory_key, m) != 0)
    {
      free (m);
      return NULL;
    }
  memory = m;
  return m;
}

/* Return the set of the cache for the language list LANG, and its length
   in *LEN.  */
static unsigned int
cache_set (const char *lang, size_t *len)
{
  /* FNV-1a: language lists are a few bytes long.  */
  uint32_t h = 2166136261u;
  size_t i = 0;
  for (; lang[i] != '\0'; i++)
    h = (h ^ (unsigned char) lang[i]) * 16777619u;
  *len = i;
  return (h ^ (h >> 16)) & (CACHE_SETS - 1);
}

/* Return nonzero if KEY holds the LEN bytes of LANG and its NUL.  A tag
   is a few bytes long: a loop of its own costs less than a call of
   memcmp.  */
static inline int
same_tag (const char *key, const char *lang, size_t len)
{
  for (size_t i = 0; i <= len; i++)
    if (key[i] != lang[i])
      return 0;
  return 1;
}

/* Resolve LANG into *R, with the calling thread's memory M (NULL: none):
   the default languages if LANG is NULL or "".  */
static void
resolve_in (const char *lang, struct resolved *r, struct thread_memory *m)
{
  if (lang == NULL || lang[0] == '\0')
    {
      get_defaults (r);
      return;
    }
  size_t len;
  unsigned int set = cache_set (lang, &len);
  for (unsigned int w = 0; m != NULL && w < 2 && len < SMTPREPLY__TAG_MAX;
       w++)
    if (same_tag (m->cache[set].way[w].key, lang, len))
      {
        *r = m->cache[set].way[w].r;
        m->cache[set].older = (unsigned char) !w;
        return;
      }
  pthread_once (&init_once, init_languages);
  resolve_list (lang, r);
  if (m != NULL && len < SMTPREPLY__TAG_MAX)
    {
      unsigned int w = m->cache[set].older;
      memcpy (m->cache[set].way[w].key, lang, len + 1);
      m->cache[set].way[w].r = *r;
      m->cache[set].older = (unsigned char) !w;
    }
}

/* Resolve LANG into *R, as resolve_in does.  */
static void
resolve (const char *lang, struct resolved *r)
{
  resolve_in (lang, r,
              lang != NULL && lang[0] != '\0' ? thread_memory () : NULL);
}

const struct smtpreply__catalog *
smtpreply__catalog_for (const char *lang)
{
  struct resolved r;
  resolve (lang, &r);
  return r.count > 0 ? slots[r.slot[0]].catalog : NULL;
}

/* Return the translation of (CONTEXT, MSGID, MSGID_PLURAL, N) from the
   first catalog of LANG that has one, or NULL.  A translation remembered
   for the address MSGID is given only if MSGID still reads as the
   catalog's original, so that a caller's buffer that held another msgid
   before never gets the old translation, unless MSGID is TRUSTED: one of
   the library's own static strings.  */
static const char *
lookup (const char *context, const char *msgid, const char *msgid_plural,
        unsigned long n, const char *lang, int trusted)
{
  if (msgid == NULL)
    return NULL;
  struct thread_memory *m = thread_memory ();
  struct resolved r;
  resolve_in (lang, &r, m);
  if (r.count == 0)
    return NULL;
  uint64_t list;
  memcpy (&list, &r, sizeof list);
  /* Fibonacci hashing: the top bits of the product give the set.  */
  uint64_t key = ((uint64_t)(uintptr_t)msgid ^ list * 0xff51afd7ed558ccdULL)
                 * 0x9e3779b97f4a7c15ULL;
  if (context != NULL || msgid_plural != NULL)
    m = NULL;
  struct found *set = m != NULL ? m->found[key >> (64 - FOUND_BITS)] : NULL;
  for (int w = 0; set != NULL && w < FOUND_WAYS; w++)
    if (set[w].msgid == msgid && set[w].list == list
        && (trusted
            || (set[w].original != NULL
                && strcmp (set[w].original, msgid) == 0)))
      return set[w].translation;

  const char *original = NULL;
  const char *t = NULL;
  for (size_t i = 0; i < r.count && t == NULL; i++)
    t = smtpreply__catalog_find (slots[r.slot[i]].catalog, context, msgid,
                                 msgid_plural, n, &original);
  /* That there is none is remembered only for the library's own strings:
     a caller's buffer has no catalog copy to check it against.  */
  if (set != NULL && (t != NULL || trusted))
    {
      memmove (set + 1, set, (FOUND_WAYS - 1) * sizeof *set);
      set[0] = (struct found){ msgid, list, t != NULL ? original : NULL, t };
    }
  return t;
}

const char *
smtpreply_translate (const char *msgid, const char *lang)
{
  const char *t = lookup (NULL, msgid, NULL, 0, lang, 0);
  return t != NULL ? t : msgid;
}

const char *
smtpreply__translate_static (const char *msgid, const char *lang)
{
  const char *t = lookup (NULL, msgid, NULL, 0, lang, 1);
  return t != NULL ? t : msgid;
}

const char *
smtpreply_translate_context (const char *context, const char *msgid,
                             const char *lang)
{
  const char *t = lookup (context, msgid, NULL, 0, lang, 0);
  return t != NULL ? t : msgid;
}

const char *
smtpreply_translate_plural (const char *msgid, const char *msgid_plural,
                            unsigned long n, const char *lang)
{
  const char *t = lookup (NULL, msgid, msgid_plural, n, lang, 0);
  if (t != NULL)
    return t;
  return n == 1 || msgid_plural == NULL ? msgid : msgid_plural;
}

const char *
smtpreply_language_resolve (const char *lang)
{
  struct resolved r;
  resolve (lang, &r);
  return r.count > 0 ? slots[r.slot[0]].name : "en";
}

smtpreply_status
smtpreply_language_check (const char *lang)
{
  struct resolved r;
  resolve (lang, &r);
  /* A catalog, English, or an empty list (the C locale) are fine.  */
  if (r.count > 0 || r.error == RESOLVED_ENGLISH || r.error == 0)
    return 0;
  return r.error;
}

void
smtpreply_language_reset (void)
{
  compute_defaults ();
}

smtpreply_status
smtpreply_catalog_dir_set (const char *dir)
{
  if (dir == NULL || dir[0] == '\0')
    return SMTPREPLY_EINVAL;
  char *copy = strdup (dir);
  if (copy == NULL)
    return SMTPREPLY_ENOMEM;
  pthread_mutex_lock (&chosen_lock);
  int fixed = dir_fixed;
  if (!fixed)
    {
      free (chosen_dir);
      chosen_dir = copy;
    }
  pthread_mutex_unlock (&chosen_lock);
  if (fixed)
    {
      free (copy);
      return SMTPREPLY_EBUSY;
    }
  atomic_fetch_add_explicit (&language_generation, 1, memory_order_release);
  return 0;
}

const char *
smtpreply_catalog_dir (void)
{
  pthread_once (&init_once, init_languages);
  return catalog_dir;
}

/* The most ranges of an Accept-Language value smtpreply_language_negotiate
   weighs; the rest are ignored.  */
#define NEGOTIATE_MAX 32

/* A language range of an Accept-Language value.  */
struct range
{
  const char *s;  /* the range, not NUL-terminated */
  size_t len;
  int q;          /* its weight, in thousandths */
  size_t order;   /* its place in the value */
};

/* Order ranges by descending weight, then by their place.  */
static int
cmp_range (const void *a, const void *b)
{
  const struct range *x = a;
  const struct range *y = b;
  if (x->q != y->q)
    return y->q - x->q;
  return (x->order > y->order) - (x->order < y->order);
}

/* Read the weight of a range from the LEN bytes at S, its parameters
   (";q=0.8", with spaces allowed around the parts), in thousandths.
   Return it, 1000 if S has no q parameter, or -1 if it is malformed.  */
static int
range_weight (const char *s, size_t len)
{
  size_t i = 0;
  int q = 1000;
  while (i < len)
    {
      while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
      if (i == len)
        break;
      if (s[i] != ';')
        return -1;
      i++;
      while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
      if (i + 1 >= len || (s[i] != 'q' && s[i] != 'Q') || s[i + 1] != '=')
        return -1;
      i += 2;
      /* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).  */
      if (i == len || (s[i] != '0' && s[i] != '1'))
        return -1;
      q = (s[i] - '0') * 1000;
      i++;
      if (i < len && s[i] == '.')
        {
          i++;
          for (int scale = 100; scale > 0 && i < len && is_digit (s[i]);
               scale /= 10, i++)
            q += (s[i] - '0') * scale;
        }
      if (q > 1000)
        return -1;
    }
  return q;
}

const char *
smtpreply_language_negotiate (const char *accept)
{
  if (accept == NULL)
    return "en";
  pthread_once (&init_once, init_languages);
  struct range ranges[NEGOTIATE_MAX];
  size_t count = 0;
  for (const char *s = accept; *s != '\0' && count < NEGOTIATE_MAX;)
    {
      const char *comma = strchr (s, ',');
      size_t len = comma != NULL ? (size_t) (comma - s) : strlen (s);
      const char *next = comma != NULL ? comma + 1 : s + len;
      while (len > 0 && (*s == ' ' || *s == '\t'))
        {
          s++;
          len--;
        }
      size_t tag_len = 0;
      while (tag_len < len && s[tag_len] != ';' && s[tag_len] != ' '
             && s[tag_len] != '\t')
        tag_len++;
      int q = range_weight (s + tag_len, len - tag_len);
      if (tag_len > 0 && q > 0)
        {
          ranges[count].s = s;
          ranges[count].len = tag_len;
          ranges[count].q = q;
          ranges[count].order = count;
          count++;
        }
      s = next;
    }
  qsort (ranges, count, sizeof ranges[0], cmp_range);
  for (size_t i = 0; i < count; i++)
    {
      const char *s = ranges[i].s;
      size_t len = ranges[i].len;
      if (len == 1 && s[0] == '*')
        return "en";
      /* RFC 4647 3.4, Lookup: the range, then shorter and shorter prefixes
         of it, a subtag at a time (a singleton goes with the subtag after
         it).  */
      while (len > 0)
        {
          struct tag t;
          struct slot *slot = NULL;
          if (split_tag (s, len, &t) == 0)
            {
              if (tag_is_english (&t))
                return "en";
              tag_catalog (&t, &slot);
              if (slot != NULL)
                return slot->name;
              /* Shortening "zh-TW" to "zh" would be Simplified.  */
              if (tag_is_pinned (&t))
                break;
            }
          while (len > 0 && s[len - 1] != '-' && s[len - 1] != '_')
            len--;
          if (len > 0)
            len--;
          if (len >= 2 && (s[len - 2] == '-' || s[len - 2] == '_'))
            len -= 2;
        }
    }
  return "en";
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
