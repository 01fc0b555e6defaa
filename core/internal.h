/* internal.h -- private helpers shared between the files of the library.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Nothing here is installed or exported: the library exports only names
   matching ^smtpreply_[a-z], and these are smtpreply__*.  */

#ifndef SMTPREPLY_INTERNAL_H
#define SMTPREPLY_INTERNAL_H 1

#include <stddef.h>
#include <stdint.h>

/* Translations.  The library never calls gettext itself: every string is
   served by its own catalog reader (mo.c), so that a language can be chosen
   per call, in any thread, without any system locale.  _() asks for the
   default language (the environment's, read on each call).  */
#define _(msgid) smtpreply_translate (msgid, NULL)
#define N_(msgid) msgid

/* Number of elements of the array A.  */
#define SMTPREPLY__N_ELEMS(a) (sizeof (a) / sizeof ((a)[0]))

/* A loaded .mo catalog (mo.c).  */
struct smtpreply__catalog;

/* Check the SIZE bytes at DATA as a .mo file and, if they are sound, store
   in *OUT a catalog that reads them in place (DATA must outlive it).
   Every offset and length is checked here, once, so that lookups need no
   checks.  @return 0, SMTPREPLY_ENOMEM, SMTPREPLY_EINVAL (a NULL argument)
   or a SMTPREPLY_ECATALOG_* reason; on failure *OUT is NULL.  */
int smtpreply__catalog_parse (const unsigned char *data, size_t size,
                              struct smtpreply__catalog **out);

/* Read the file PATH into memory (a private copy: a file changed or cut
   short later cannot invalidate the checks) and parse it as
   smtpreply__catalog_parse does.  @return 0, SMTPREPLY_ENO_CATALOG if PATH
   does not exist, or another error.  */
int smtpreply__catalog_open (const char *path,
                             struct smtpreply__catalog **out);

/* Free CAT and its copy of the file.  Only tests and fuzzers do: the library
   keeps every catalog it loads until the process ends.  */
void smtpreply__catalog_free (struct smtpreply__catalog *cat);

/* Return how many translations of CAT were dropped when it was parsed:
   those whose printf conversions differ from their msgid's (or hold %n or
   a positional conversion), and those with controls, invalid UTF-8 or
   bidirectional overrides.  Their msgids are served in English.  */
size_t smtpreply__catalog_dropped (const struct smtpreply__catalog *cat);

/* Return the translation of MSGID in message context CONTEXT (NULL for
   none) from CAT, or NULL if CAT has none (or its translation was
   dropped).  With MSGID_PLURAL not NULL,
   return the plural form for N (form 0 when the index is past the forms
   present; NULL when that form is empty).  No allocation.  */
const char *smtpreply__catalog_lookup (const struct smtpreply__catalog *cat,
                                       const char *context,
                                       const char *msgid,
                                       const char *msgid_plural,
                                       unsigned long n);

/* A compiled Plural-Forms expression (plural.c).  */
struct smtpreply__plural;

/* Compile the LEN bytes at EXPR, the C expression of "plural=" in a
   catalog's header, and store it in *OUT.  @return 0, SMTPREPLY_ENOMEM,
   or SMTPREPLY_ECATALOG_CORRUPT if the expression is not valid.  */
int smtpreply__plural_compile (const char *expr, size_t len,
                               struct smtpreply__plural **out);

/* Evaluate PLURAL for N, in unsigned long arithmetic as gettext does.
   Division by zero gives 0; a NULL PLURAL is English's N != 1.  */
unsigned long smtpreply__plural_eval (const struct smtpreply__plural *plural,
                                      unsigned long n);

/* Free PLURAL; NULL is allowed.  */
void smtpreply__plural_free (struct smtpreply__plural *plural);

/* Resolve a language tag list (i18n.c).  The longest tag, codeset and
   modifier included, that the library accepts.  */
#define SMTPREPLY__TAG_MAX 64

/* Return the catalog that LANG resolves to, or NULL for English.  LANG
   NULL means the default language.  */
const struct smtpreply__catalog *smtpreply__catalog_for (const char *lang);

#endif /* SMTPREPLY_INTERNAL_H */
