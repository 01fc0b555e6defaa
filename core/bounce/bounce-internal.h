/* bounce-internal.h -- private helpers of libsmtpreply-bounce.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Nothing here is installed or exported: the library exports only names
   matching smtpreply_bounce_*, and these are smtpreply__*.  Like every
   layer above the core, this one uses only the core's public header.  */

#ifndef SMTPREPLY_BOUNCE_INTERNAL_H
#define SMTPREPLY_BOUNCE_INTERNAL_H 1

#include <stddef.h>

#include "smtpreply/bounce.h"

/* Number of elements of the array A.  */
#define SMTPREPLY__BOUNCE_N_ELEMS(a) (sizeof (a) / sizeof ((a)[0]))

/* What the reader of notification texts (text.c) is given.  */
struct smtpreply__text_input
{
  const char *text;       /* the notification, UTF-8 (or bytes of an
                             unknown charset), not NUL-terminated */
  size_t len;             /* at most SMTPREPLY_BOUNCE_MAX_TEXT */
  const char *subject;    /* the bounce's Subject, decoded, or NULL */
  const char *from;       /* the bounce's From addresses, or NULL */
  const char *const *own; /* the addresses of the bounce's own headers,
                            which are never recipients */
  size_t own_count;
  int any_format; /* read the recipients even if no format of
                     formats.def detects the text (for the text
                     of a DSN) */
};

/* One recipient the text names.  Strings are malloc'ed and
   NUL-terminated.  */
struct smtpreply__text_recipient
{
  char *address;    /* domain in lower case */
  size_t line;      /* the line of its block, from 1 */
  char *diagnostic; /* its block: lines trimmed and joined with
                       spaces, paragraphs with newlines */
  int code;         /* 0: no reply */
  int has_enhanced;
  struct smtpreply_enhanced_code enhanced;
  int has_status; /* a status of the notice's own, or else the
                     reply's enhanced code */
  struct smtpreply_enhanced_code status;
  char **reply; /* the reply's lines, each its text after the
                   code, or NULL */
  size_t reply_count;
  char *remote_mta; /* or NULL */
};

/* What the reader found.  */
struct smtpreply__text_result
{
  const struct smtpreply_bounce_format *format; /* NULL: not detected */
  int delayed;                                  /* a delay warning */
  struct smtpreply__text_recipient *recipients;
  size_t count;
  size_t original; /* where the header block of the returned
                      original starts in the text, or (size_t) -1 */
  const struct smtpreply__text_recipient **sorted; /* RECIPIENTS by
                      address, for smtpreply__text_find */
};

/* Read the text of *IN into *OUT (zero it first; free it with
   smtpreply__text_result_free).  @return 0 or SMTPREPLY_ENOMEM.  */
int smtpreply__text_read (const struct smtpreply__text_input *in,
                          struct smtpreply__text_result *out);

/* Free what *R holds.  */
void smtpreply__text_result_free (struct smtpreply__text_result *r);

/* Return the recipient of *R whose address is ADDRESS (in any case), or
   NULL.  */
const struct smtpreply__text_recipient *
smtpreply__text_find (const struct smtpreply__text_result *r,
                      const char *address);

/* Copy the LEN bytes at ADDRESS into a new string with the domain in
   lower case, or return NULL if out of memory.  */
char *smtpreply__address_normalise (const char *address, size_t len);

#endif /* SMTPREPLY_BOUNCE_INTERNAL_H */
