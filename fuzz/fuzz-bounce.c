/* fuzz-bounce.c -- whole bounce messages (libsmtpreply-bounce).
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The whole input is one message.  smtpreply_bounce_read must give a
   result or one of its documented errors, and the result must be sound:
   a kind and a format that agree with the records; for each record an
   address, an action, a status and an enhanced code that are valid, a
   code only with the lines of its reply, a remote host that is a lower
   case name, a source that fits the kind, a verdict with a reason whose
   advice fits it (never "give up" for a soft failure, never "proceed"
   for a failure), a delayed recipient soft; the JSON of every record is
   valid JSON, of the length announced, the same when read again, and
   ENOSPC below that length.  */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "smtpreply/bounce.h"
#include "smtpreply.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  return 0;
}

/* A JSON checker: each function reads one thing at *P, within END, and
   returns 0 if it is not valid.  */

static int json_value (const char **p, const char *end, int depth);

/* Skip white space at *P.  */
static void
json_space (const char **p, const char *end)
{
  while (*p < end && (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r'))
    (*p)++;
}

/* Read a string: valid UTF-8, no raw control character.  */
static int
json_string (const char **p, const char *end)
{
  if (*p >= end || **p != '"')
    return 0;
  (*p)++;
  while (*p < end && **p != '"')
    {
      unsigned char c = (unsigned char) **p;
      if (c < 0x20)
        return 0;
      if (c == '\\')
        {
          (*p)++;
          if (*p >= end || strchr ("\"\\/bfnrtu", **p) == NULL)
            return 0;
          if (**p == 'u')
            {
              for (int i = 1; i <= 4; i++)
                if (*p + i >= end
                    || strchr ("0123456789abcdefABCDEF", (*p)[i]) == NULL)
                  return 0;
              *p += 4;
            }
          (*p)++;
          continue;
        }
      size_t n = c < 0x80                 ? 1
                 : c >= 0xc2 && c <= 0xdf ? 2
                 : c >= 0xe0 && c <= 0xef ? 3
                 : c >= 0xf0 && c <= 0xf4 ? 4
                                          : 0;
      if (n == 0 || *p + n > end)
        return 0;
      for (size_t i = 1; i < n; i++)
        if (((unsigned char) (*p)[i] & 0xc0) != 0x80)
          return 0;
      *p += n;
    }
  if (*p >= end)
    return 0;
  (*p)++;
  return 1;
}

/* Read an object or an array (CLOSE is '}' or ']').  */
static int
json_container (const char **p, const char *end, char close, int depth)
{
  (*p)++;
  json_space (p, end);
  if (*p < end && **p == close)
    {
      (*p)++;
      return 1;
    }
  for (;;)
    {
      json_space (p, end);
      if (close == '}')
        {
          if (!json_string (p, end))
            return 0;
          json_space (p, end);
          if (*p >= end || **p != ':')
            return 0;
          (*p)++;
        }
      if (!json_value (p, end, depth + 1))
        return 0;
      json_space (p, end);
      if (*p < end && **p == ',')
        {
          (*p)++;
          continue;
        }
      if (*p < end && **p == close)
        {
          (*p)++;
          return 1;
        }
      return 0;
    }
}

static int
json_value (const char **p, const char *end, int depth)
{
  json_space (p, end);
  if (*p >= end || depth > 8)
    return 0;
  if (**p == '"')
    return json_string (p, end);
  if (**p == '{')
    return json_container (p, end, '}', depth);
  if (**p == '[')
    return json_container (p, end, ']', depth);
  if ((size_t) (end - *p) >= 4 && memcmp (*p, "true", 4) == 0)
    {
      *p += 4;
      return 1;
    }
  if ((size_t) (end - *p) >= 5 && memcmp (*p, "false", 5) == 0)
    {
      *p += 5;
      return 1;
    }
  const char *start = *p;
  if (**p == '-')
    (*p)++;
  while (*p < end && **p >= '0' && **p <= '9')
    (*p)++;
  return *p > start;
}

/* Check that the LEN bytes at S are one JSON object.  */
static void
check_json (const char *s, size_t len)
{
  const char *p = s;
  FUZZ_ASSERT (len > 0 && s[0] == '{');
  FUZZ_ASSERT (json_value (&p, s + len, 0));
  FUZZ_ASSERT (p == s + len);
}

/* Check that S is a NUL-terminated string without a NUL before LEN, if
   LEN is not 0.  */
static void
check_string (const char *s)
{
  FUZZ_ASSERT (s != NULL);
  (void) strlen (s);
}

/* Write the JSON of record I of B and check it; return it (free it).  */
static char *
json_of (const struct smtpreply_bounce *b, size_t i)
{
  size_t len = 0;
  int rc = smtpreply_bounce_json (b, i, "f", 3, "en", NULL, 0, &len);
  if (rc == SMTPREPLY_ENOMEM)
    return NULL;
  FUZZ_ASSERT (rc == SMTPREPLY_ENOSPC && len > 0);
  char *buf = malloc (len + 1);
  FUZZ_ASSERT (buf != NULL);
  size_t again = 0;
  /* One byte short: ENOSPC, a NUL-terminated start, the same length.  */
  rc = smtpreply_bounce_json (b, i, "f", 3, "en", buf, len, &again);
  FUZZ_ASSERT (rc == SMTPREPLY_ENOSPC && again == len);
  FUZZ_ASSERT (strlen (buf) == len - 1);
  rc = smtpreply_bounce_json (b, i, "f", 3, "en", buf, len + 1, &again);
  FUZZ_ASSERT (rc == 0 && again == len && strlen (buf) == len);
  check_json (buf, len);
  return buf;
}

/* Check record I of B.  */
static void
check_recipient (const struct smtpreply_bounce *b, size_t i)
{
  int kind = smtpreply_bounce_kind (b);
  const struct smtpreply_bounce_recipient *r
      = smtpreply_bounce_recipient_at (b, i);
  FUZZ_ASSERT (r != NULL);
  check_string (r->address);
  FUZZ_ASSERT (kind == SMTPREPLY_BOUNCE_ARF || r->address[0] != '\0'
               || kind == SMTPREPLY_BOUNCE_DSN);
  FUZZ_ASSERT (r->action >= SMTPREPLY_DSN_ACTION_NONE
               && r->action <= SMTPREPLY_DSN_ACTION_EXPANDED);
  if (kind == SMTPREPLY_BOUNCE_BOUNCE)
    FUZZ_ASSERT (r->action == SMTPREPLY_DSN_ACTION_FAILED
                 || r->action == SMTPREPLY_DSN_ACTION_DELAYED);
  if (r->has_status)
    FUZZ_ASSERT (smtpreply_enhanced_check (&r->status) == 0);
  if (r->code != 0)
    {
      int rc = smtpreply_code_check (r->code);
      FUZZ_ASSERT (rc == 0
                   || (rc == SMTPREPLY_EBAD_CATEGORY
                       && (r->code / 100 == 4 || r->code / 100 == 5)));
    }
  FUZZ_ASSERT ((r->code != 0) == (r->line_count > 0));
  FUZZ_ASSERT (!r->has_enhanced || r->code != 0);
  if (r->has_enhanced)
    FUZZ_ASSERT (smtpreply_enhanced_check (&r->enhanced) == 0);
  for (size_t k = 0; k < r->line_count; k++)
    check_string (r->lines[k]);
  if (r->remote_mta != NULL)
    {
      FUZZ_ASSERT (strchr (r->remote_mta, '.') != NULL);
      for (const char *p = r->remote_mta; *p != '\0'; p++)
        FUZZ_ASSERT (!(*p >= 'A' && *p <= 'Z') && *p != ' ' && *p != '@'
                     && *p != '[' && *p != '\n');
      size_t n = strlen (r->remote_mta);
      FUZZ_ASSERT (r->remote_mta[n - 1] != '.');
    }
  if (r->diagnostic_type != NULL)
    check_string (r->diagnostic_type);
  if (r->diagnostic != NULL)
    check_string (r->diagnostic);
  FUZZ_ASSERT (r->source != NULL);
  if (kind == SMTPREPLY_BOUNCE_DSN)
    FUZZ_ASSERT (strcmp (r->source, "dsn") == 0);
  else if (kind == SMTPREPLY_BOUNCE_ARF)
    FUZZ_ASSERT (strcmp (r->source, "arf") == 0);
  else
    FUZZ_ASSERT (strncmp (r->source, "text:", 5) == 0 && r->source[5] >= '1'
                 && r->source[5] <= '9');
  FUZZ_ASSERT ((r->feedback_type != NULL) <= (kind == SMTPREPLY_BOUNCE_ARF));

  /* The verdict.  */
  const struct smtpreply_verdict *v = r->verdict;
  FUZZ_ASSERT (v != NULL && v->reason != NULL);
  FUZZ_ASSERT (v->soft >= -1 && v->soft <= 1);
  if (kind != SMTPREPLY_BOUNCE_ARF)
    {
      FUZZ_ASSERT (v->advice != NULL || v->soft == -1);
      if (v->soft == 1)
        FUZZ_ASSERT (v->advice->action != SMTPREPLY_ACTION_GIVE_UP);
      if (v->soft >= 0)
        FUZZ_ASSERT (v->advice->action != SMTPREPLY_ACTION_PROCEED);
      if (r->action == SMTPREPLY_DSN_ACTION_DELAYED)
        FUZZ_ASSERT (v->soft != 0);
      if (r->action == SMTPREPLY_DSN_ACTION_FAILED && v->soft == -1)
        FUZZ_ASSERT (r->code / 100 != 4 && r->code / 100 != 5);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *buf = (const char *) data;
  struct smtpreply_bounce *b = NULL;
  int rc = smtpreply_bounce_read (buf, size, &b);
  if (rc == SMTPREPLY_ENOMEM)
    return 0;
  FUZZ_ASSERT (rc == 0 || rc == SMTPREPLY_EBOUNCE_MIME
               || rc == SMTPREPLY_EBOUNCE_REPORT);
  FUZZ_ASSERT ((rc == 0) == (b != NULL));
  if (rc < 0)
    return 0;
  int kind = smtpreply_bounce_kind (b);
  size_t count = smtpreply_bounce_recipient_count (b);
  FUZZ_ASSERT (smtpreply_bounce_kind_name (kind) != NULL);
  FUZZ_ASSERT ((kind == SMTPREPLY_BOUNCE_NOT_BOUNCE) == (count == 0));
  FUZZ_ASSERT ((kind == SMTPREPLY_BOUNCE_NOT_BOUNCE)
               == (smtpreply_bounce_format (b) == NULL));
  FUZZ_ASSERT (count <= SMTPREPLY_BOUNCE_MAX_RECIPIENTS);
  FUZZ_ASSERT (smtpreply_bounce_recipient_at (b, count) == NULL);
  static const char *const headers[]
      = { "message_id", "from", "to", "subject", "date" };
  for (size_t h = 0; h < sizeof headers / sizeof headers[0]; h++)
    {
      const char *value = smtpreply_bounce_original (b, headers[h]);
      if (value != NULL)
        check_string (value);
      FUZZ_ASSERT (value == NULL || kind != SMTPREPLY_BOUNCE_NOT_BOUNCE);
    }
  FUZZ_ASSERT (smtpreply_bounce_report_field (b, "Feedback-Type") == NULL
               || kind == SMTPREPLY_BOUNCE_ARF);

  /* Every record, and the JSON of each, the same on a second reading.  */
  struct smtpreply_bounce *again = NULL;
  rc = smtpreply_bounce_read (buf, size, &again);
  FUZZ_ASSERT (rc == 0 || rc == SMTPREPLY_ENOMEM);
  for (size_t i = 0; i < (count > 0 ? count : 1); i++)
    {
      if (count > 0)
        check_recipient (b, i);
      char *first = json_of (b, i);
      char *second = again != NULL ? json_of (again, i) : NULL;
      if (first != NULL && second != NULL)
        FUZZ_ASSERT (strcmp (first, second) == 0);
      free (first);
      free (second);
    }
  FUZZ_ASSERT (smtpreply_bounce_json (b, count > 0 ? count : 1, NULL, 0, NULL,
                                      NULL, 0, NULL)
               == SMTPREPLY_EINVAL);
  smtpreply_bounce_free (again);
  smtpreply_bounce_free (b);
  return 0;
}
