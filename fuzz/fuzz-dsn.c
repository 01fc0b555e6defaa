/* fuzz-dsn.c -- the reader of delivery-status fields.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The whole input is the body of a message/delivery-status part.  What
   smtpreply_dsn_parse returns must be sound: each field's name is at its
   offset in the input, on the line its offset says, and names, types and
   values are NUL-terminated, without NUL or LF, trimmed, within the
   limits; offsets increase; each recipient's action, status and reply are
   valid, the reply's lines are pieces of its smtp diagnostic and its code
   is at its offset; the problems are documented ones, sorted, each on the
   line of its offset.

   Then the fields are written out again, one per line with CR LF, an
   empty line before each recipient, and read again: the same groups,
   fields, actions, statuses and replies must come back.  */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  return 0;
}

/* Return nonzero if C is a space or a tab.  */
static int
wsp (char c)
{
  return c == ' ' || c == '\t';
}

/* Return C in lower case if it is an ASCII letter.  */
static char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

/* Return nonzero if the NUL-terminated A and B are equal but for the case
   of ASCII letters.  */
static int
same_name (const char *a, const char *b)
{
  while (*a != '\0' && lower (*a) == lower (*b))
    {
      a++;
      b++;
    }
  return *a == '\0' && *b == '\0';
}

/* Counts newlines up to increasing offsets of the input, so that the line
   of each offset is found in one pass.  */
struct lines
{
  const char *data;
  size_t size;
  size_t at;
  size_t line;
};

/* Return the line (from 1) of OFFSET, which is not less than the offset
   asked before.  */
static size_t
line_of (struct lines *l, size_t offset)
{
  FUZZ_ASSERT (offset >= l->at && offset <= l->size);
  for (; l->at < offset; l->at++)
    if (l->data[l->at] == '\n')
      l->line++;
  return l->line;
}

/* Check the NUL-terminated string of LEN bytes at S: no NUL and no LF in
   it.  */
static void
check_string (const char *s, size_t len)
{
  FUZZ_ASSERT (s != NULL);
  FUZZ_ASSERT (s[len] == '\0');
  FUZZ_ASSERT (strlen (s) == len);
  FUZZ_ASSERT (memchr (s, '\n', len) == NULL);
}

/* Check every field of DSN, read from the SIZE bytes at DATA.  */
static void
check_fields (const struct smtpreply_dsn *dsn, const char *data, size_t size)
{
  static const char *const typed[]
      = { "Final-Recipient",   "Original-Recipient", "Reporting-MTA",
          "Received-From-MTA", "DSN-Gateway",        "Remote-MTA",
          "Diagnostic-Code" };
  size_t groups = smtpreply_dsn_recipient_count (dsn) + 1;
  FUZZ_ASSERT (groups - 1 <= SMTPREPLY_DSN_MAX_RECIPIENTS);
  struct lines lines = { data, size, 0, 1 };
  size_t total = 0;
  for (size_t g = 0; g < groups; g++)
    {
      size_t n = smtpreply_dsn_field_count (dsn, g);
      /* Only the per-message group may be empty.  */
      FUZZ_ASSERT (g == 0 || n > 0);
      total += n;
      for (size_t i = 0; i < n; i++)
        {
          const struct smtpreply_dsn_field *f
              = smtpreply_dsn_field_at (dsn, g, i);
          FUZZ_ASSERT (f != NULL);
          check_string (f->name, f->name_len);
          FUZZ_ASSERT (f->name_len >= 1);
          for (size_t j = 0; j < f->name_len; j++)
            FUZZ_ASSERT (f->name[j] > ' ' && f->name[j] < 0x7f
                         && f->name[j] != ':');
          FUZZ_ASSERT (f->offset < size && f->name_len <= size - f->offset);
          FUZZ_ASSERT (memcmp (data + f->offset, f->name, f->name_len) == 0);
          FUZZ_ASSERT (f->line == line_of (&lines, f->offset));
          /* Offsets increase: the next line_of call checks it, as each
             field takes a byte at least.  */
          line_of (&lines, f->offset + 1);

          check_string (f->value, f->value_len);
          FUZZ_ASSERT (f->value_len <= SMTPREPLY_DSN_MAX_VALUE);
          FUZZ_ASSERT (
              f->value_len == 0
              || (!wsp (f->value[0]) && !wsp (f->value[f->value_len - 1])));
          if (f->type != NULL)
            {
              check_string (f->type, f->type_len);
              FUZZ_ASSERT (f->type_len >= 1);
              for (size_t j = 0; j < f->type_len; j++)
                FUZZ_ASSERT (f->type[j] > ' ' && f->type[j] < 0x7f
                             && f->type[j] != ';'
                             && lower (f->type[j]) == f->type[j]);
              int known = 0;
              for (size_t j = 0; j < sizeof typed / sizeof typed[0]; j++)
                known |= same_name (f->name, typed[j]);
              FUZZ_ASSERT (known);
            }
          else
            FUZZ_ASSERT (f->type_len == 0);

          /* A lookup by name finds the first field of that name.  */
          const struct smtpreply_dsn_field *first
              = smtpreply_dsn_field_find (dsn, g, f->name);
          FUZZ_ASSERT (first != NULL && first->offset <= f->offset);
          FUZZ_ASSERT (same_name (first->name, f->name));
        }
      FUZZ_ASSERT (smtpreply_dsn_field_at (dsn, g, n) == NULL);
    }
  FUZZ_ASSERT (total <= SMTPREPLY_DSN_MAX_FIELDS);
  FUZZ_ASSERT (smtpreply_dsn_field_count (dsn, groups) == 0);
}

/* Check the typed views of each recipient of DSN, read from DATA.  */
static void
check_recipients (const struct smtpreply_dsn *dsn, const char *data,
                  size_t size)
{
  size_t count = smtpreply_dsn_recipient_count (dsn);
  size_t last_reply = 0;
  for (size_t r = 1; r <= count; r++)
    {
      int action = smtpreply_dsn_recipient_action (dsn, r);
      FUZZ_ASSERT (action >= SMTPREPLY_DSN_ACTION_NONE
                   && action <= SMTPREPLY_DSN_ACTION_EXPANDED);
      if (action != SMTPREPLY_DSN_ACTION_NONE)
        {
          const char *name = smtpreply_dsn_action_name (action);
          FUZZ_ASSERT (name != NULL);
          FUZZ_ASSERT (smtpreply_dsn_action_from_name (name) == action);
          FUZZ_ASSERT (smtpreply_dsn_field_find (dsn, r, "Action") != NULL);
        }

      struct smtpreply_enhanced_code e;
      int rc = smtpreply_dsn_recipient_status (dsn, r, &e);
      if (rc == 0)
        FUZZ_ASSERT (smtpreply_enhanced_check (&e) == 0);
      else
        FUZZ_ASSERT (rc < 0 && smtpreply_errname (rc) != NULL);
      FUZZ_ASSERT ((rc == SMTPREPLY_EDSN_NO_STATUS)
                   == (smtpreply_dsn_field_find (dsn, r, "Status") == NULL));

      const struct smtpreply_response *reply
          = smtpreply_dsn_recipient_reply (dsn, r);
      if (reply == NULL)
        continue;
      const struct smtpreply_dsn_field *diag
          = smtpreply_dsn_field_find (dsn, r, "Diagnostic-Code");
      FUZZ_ASSERT (diag != NULL && diag->type != NULL
                   && strcmp (diag->type, "smtp") == 0);
      int code = smtpreply_response_code (reply);
      FUZZ_ASSERT (smtpreply_code_check (code) == 0);
      FUZZ_ASSERT (diag->value_len >= 3 && diag->value[0] == '0' + code / 100
                   && diag->value[1] == '0' + code / 10 % 10
                   && diag->value[2] == '0' + code % 10);
      size_t offset = smtpreply_response_offset (reply);
      FUZZ_ASSERT (offset > diag->offset && offset <= size - 3);
      FUZZ_ASSERT (memcmp (data + offset, diag->value, 3) == 0);
      FUZZ_ASSERT (r == 1 || offset > last_reply);
      last_reply = offset;
      FUZZ_ASSERT (smtpreply_response_line_number (reply) >= diag->line);
      size_t n = smtpreply_response_line_count (reply);
      FUZZ_ASSERT (n >= 1);
      const char *end = diag->value;
      for (size_t i = 0; i < n; i++)
        {
          size_t len;
          const char *line = smtpreply_response_line (reply, i, &len);
          size_t message_len;
          const char *message
              = smtpreply_response_message (reply, i, &message_len);
          /* The lines are pieces of the value, in order.  */
          FUZZ_ASSERT (line != NULL && line >= end
                       && line + len <= diag->value + diag->value_len);
          FUZZ_ASSERT (message != NULL && message >= line
                       && message + message_len == line + len);
          FUZZ_ASSERT (memcmp (line - 4, diag->value, 3) == 0
                       || memcmp (line - 3, diag->value, 3) == 0);
          end = line + len;
        }
      FUZZ_ASSERT (smtpreply_response_line (reply, n, NULL) == NULL);
      const struct smtpreply_enhanced_code *enh
          = smtpreply_response_enhanced (reply);
      FUZZ_ASSERT (enh == NULL || smtpreply_enhanced_check (enh) == 0);
      FUZZ_ASSERT ((smtpreply_response_flags (reply) & ~smtpreply_flag_all ())
                   == 0);
    }
  FUZZ_ASSERT (smtpreply_dsn_recipient_action (dsn, count + 1)
               == SMTPREPLY_EINVAL);
  FUZZ_ASSERT (smtpreply_dsn_recipient_reply (dsn, count + 1) == NULL);
}

/* Check the problems of DSN, read from DATA.  */
static void
check_problems (const struct smtpreply_dsn *dsn, const char *data, size_t size)
{
  size_t n = smtpreply_dsn_problem_count (dsn);
  FUZZ_ASSERT (n <= SMTPREPLY_DSN_MAX_PROBLEMS);
  struct lines lines = { data, size, 0, 1 };
  for (size_t i = 0; i < n; i++)
    {
      size_t line;
      size_t offset;
      int rc = smtpreply_dsn_problem_at (dsn, i, &line, &offset);
      FUZZ_ASSERT (rc <= SMTPREPLY_EDSN_SYNTAX
                   && rc >= SMTPREPLY_EDSN_TOO_MANY);
      FUZZ_ASSERT (smtpreply_errname (rc) != NULL);
      /* Sorted, and each on the line of its offset.  */
      FUZZ_ASSERT (line == line_of (&lines, offset));
      if (rc == SMTPREPLY_EDSN_NUL)
        FUZZ_ASSERT (offset < size && data[offset] == '\0');
    }
  FUZZ_ASSERT (smtpreply_dsn_problem_at (dsn, n, NULL, NULL)
               == SMTPREPLY_EINVAL);
}

/* A growing output buffer.  */
struct out
{
  char *buf;
  size_t len;
  size_t cap;
};

/* Append the LEN bytes at S to O.  */
static void
put (struct out *o, const char *s, size_t len)
{
  if (o->len + len > o->cap)
    {
      size_t cap = o->cap < 256 ? 256 : o->cap;
      while (cap < o->len + len)
        cap *= 2;
      char *b = realloc (o->buf, cap);
      FUZZ_ASSERT (b != NULL);
      o->buf = b;
      o->cap = cap;
    }
  memcpy (o->buf + o->len, s, len);
  o->len += len;
}

/* Write the fields of DSN out again into O, or return 0 if a field would
   not fit the limit on values then.  */
static int
write_out (const struct smtpreply_dsn *dsn, struct out *o)
{
  size_t groups = smtpreply_dsn_recipient_count (dsn) + 1;
  for (size_t g = 0; g < groups; g++)
    {
      if (g > 0)
        put (o, "\r\n", 2);
      for (size_t i = 0; i < smtpreply_dsn_field_count (dsn, g); i++)
        {
          const struct smtpreply_dsn_field *f
              = smtpreply_dsn_field_at (dsn, g, i);
          if (f->type_len + f->value_len + 3 > SMTPREPLY_DSN_MAX_VALUE)
            return 0;
          put (o, f->name, f->name_len);
          put (o, ": ", 2);
          if (f->type != NULL)
            {
              put (o, f->type, f->type_len);
              put (o, "; ", 2);
            }
          put (o, f->value, f->value_len);
          put (o, "\r\n", 2);
        }
    }
  return 1;
}

/* Check that A and B hold the same groups, fields and typed views.  */
static void
same_dsn (const struct smtpreply_dsn *a, const struct smtpreply_dsn *b)
{
  size_t count = smtpreply_dsn_recipient_count (a);
  FUZZ_ASSERT (smtpreply_dsn_recipient_count (b) == count);
  for (size_t g = 0; g <= count; g++)
    {
      size_t n = smtpreply_dsn_field_count (a, g);
      FUZZ_ASSERT (smtpreply_dsn_field_count (b, g) == n);
      for (size_t i = 0; i < n; i++)
        {
          const struct smtpreply_dsn_field *x
              = smtpreply_dsn_field_at (a, g, i);
          const struct smtpreply_dsn_field *y
              = smtpreply_dsn_field_at (b, g, i);
          FUZZ_ASSERT (strcmp (x->name, y->name) == 0);
          FUZZ_ASSERT ((x->type == NULL) == (y->type == NULL));
          FUZZ_ASSERT (x->type == NULL || strcmp (x->type, y->type) == 0);
          FUZZ_ASSERT (x->value_len == y->value_len
                       && memcmp (x->value, y->value, x->value_len) == 0);
        }
      if (g == 0)
        continue;
      FUZZ_ASSERT (smtpreply_dsn_recipient_action (a, g)
                   == smtpreply_dsn_recipient_action (b, g));
      struct smtpreply_enhanced_code ea = { 0, 0, 0 };
      struct smtpreply_enhanced_code eb = { 0, 0, 0 };
      FUZZ_ASSERT (smtpreply_dsn_recipient_status (a, g, &ea)
                   == smtpreply_dsn_recipient_status (b, g, &eb));
      FUZZ_ASSERT (ea.cls == eb.cls && ea.subject == eb.subject
                   && ea.detail == eb.detail);
      const struct smtpreply_response *ra
          = smtpreply_dsn_recipient_reply (a, g);
      const struct smtpreply_response *rb
          = smtpreply_dsn_recipient_reply (b, g);
      FUZZ_ASSERT ((ra == NULL) == (rb == NULL));
      if (ra == NULL)
        continue;
      FUZZ_ASSERT (smtpreply_response_code (ra)
                   == smtpreply_response_code (rb));
      FUZZ_ASSERT (smtpreply_response_flags (ra)
                   == smtpreply_response_flags (rb));
      size_t lines = smtpreply_response_line_count (ra);
      FUZZ_ASSERT (smtpreply_response_line_count (rb) == lines);
      for (size_t i = 0; i < lines; i++)
        {
          size_t la;
          size_t lb;
          const char *sa = smtpreply_response_message (ra, i, &la);
          const char *sb = smtpreply_response_message (rb, i, &lb);
          FUZZ_ASSERT (la == lb && memcmp (sa, sb, la) == 0);
          smtpreply_response_line (ra, i, &la);
          smtpreply_response_line (rb, i, &lb);
          FUZZ_ASSERT (la == lb);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *buf = (const char *) data;
  struct smtpreply_dsn *dsn = NULL;
  int rc = smtpreply_dsn_parse (buf, size, &dsn);
  if (rc == SMTPREPLY_ENOMEM)
    return 0;
  FUZZ_ASSERT (rc == 0 && dsn != NULL);
  check_fields (dsn, buf, size);
  check_recipients (dsn, buf, size);
  check_problems (dsn, buf, size);

  struct out o = { NULL, 0, 0 };
  if (write_out (dsn, &o))
    {
      struct smtpreply_dsn *again = NULL;
      rc = smtpreply_dsn_parse (o.buf, o.len, &again);
      if (rc != SMTPREPLY_ENOMEM)
        {
          FUZZ_ASSERT (rc == 0);
          check_fields (again, o.buf, o.len);
          check_recipients (again, o.buf, o.len);
          check_problems (again, o.buf, o.len);
          same_dsn (dsn, again);
        }
      smtpreply_dsn_free (again);
    }
  free (o.buf);
  smtpreply_dsn_free (dsn);
  return 0;
}
