/* t-bounce.c -- whole bounce messages: the corpus, then the API's edges.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Every message of tests/bounces/ (and every message of its mailboxes) is
   one test, named after its file, that compares what
   smtpreply_bounce_read gives, and what smtpreply_bounce_json writes,
   with the file's .expect, record by record (tests/bounces/README.md
   describes the format).  The other tests check the API's arguments, its
   limits and its behaviour on hostile input, with exact values; those of
   very large inputs are in t-bounce-limits.c.  */

#include <config.h>

#include <dirent.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply/bounce.h"
#include "smtpreply.h"

/* ------------------------------------------------------------------------
   A JSON reader, enough for the .expect lines and for what
   smtpreply_bounce_json writes: objects of strings, integers, booleans,
   arrays of strings and objects.  */

struct jobj;

struct jval
{
  char type; /* 's' string, 'n' number, 'b' boolean, 'o' object,
                'a' array of strings */
  char *s;
  long long n;
  struct jobj *o;
  char **a;
  size_t na;
};

struct jpair
{
  char *key;
  struct jval v;
};

struct jobj
{
  struct jpair *p;
  size_t n;
};

static void jobj_free (struct jobj *o);

static void
jval_free (struct jval *v)
{
  free (v->s);
  if (v->o != NULL)
    {
      jobj_free (v->o);
      free (v->o);
    }
  for (size_t i = 0; i < v->na; i++)
    free (v->a[i]);
  free (v->a);
}

static void
jobj_free (struct jobj *o)
{
  for (size_t i = 0; i < o->n; i++)
    {
      free (o->p[i].key);
      jval_free (&o->p[i].v);
    }
  free (o->p);
  o->p = NULL;
  o->n = 0;
}

static void
skip_ws (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
    (*p)++;
}

/* Append the UTF-8 form of CP to OUT at *N.  */
static void
utf8_put (char *out, size_t *n, unsigned long cp)
{
  if (cp < 0x80)
    out[(*n)++] = (char) cp;
  else if (cp < 0x800)
    {
      out[(*n)++] = (char) (0xc0 | (cp >> 6));
      out[(*n)++] = (char) (0x80 | (cp & 0x3f));
    }
  else
    {
      out[(*n)++] = (char) (0xe0 | (cp >> 12));
      out[(*n)++] = (char) (0x80 | ((cp >> 6) & 0x3f));
      out[(*n)++] = (char) (0x80 | (cp & 0x3f));
    }
}

/* Read a JSON string at *P (at its quote) into a new string.  */
static char *
jstring (const char **p)
{
  assert_int_equal (**p, '"');
  (*p)++;
  size_t cap = strlen (*p) + 1, n = 0;
  char *out = malloc (cap);
  assert_non_null (out);
  while (**p != '"')
    {
      assert_int_not_equal (**p, '\0');
      if (**p == '\\')
        {
          (*p)++;
          char c = *(*p)++;
          switch (c)
            {
            case 'n':
              out[n++] = '\n';
              break;
            case 't':
              out[n++] = '\t';
              break;
            case 'r':
              out[n++] = '\r';
              break;
            case 'u':
              {
                char hex[5] = { 0 };
                memcpy (hex, *p, 4);
                *p += 4;
                utf8_put (out, &n, strtoul (hex, NULL, 16));
                break;
              }
            default:
              out[n++] = c;
            }
        }
      else
        out[n++] = *(*p)++;
    }
  (*p)++;
  out[n] = '\0';
  return out;
}

static void jparse (const char **p, struct jobj *o);

/* Read a JSON value at *P into *V.  */
static void
jvalue (const char **p, struct jval *v)
{
  memset (v, 0, sizeof *v);
  skip_ws (p);
  if (**p == '"')
    {
      v->type = 's';
      v->s = jstring (p);
    }
  else if (**p == '{')
    {
      v->type = 'o';
      v->o = calloc (1, sizeof *v->o);
      assert_non_null (v->o);
      jparse (p, v->o);
    }
  else if (**p == '[')
    {
      v->type = 'a';
      (*p)++;
      skip_ws (p);
      while (**p != ']')
        {
          v->a = realloc (v->a, (v->na + 1) * sizeof *v->a);
          assert_non_null (v->a);
          v->a[v->na++] = jstring (p);
          skip_ws (p);
          if (**p == ',')
            (*p)++;
          skip_ws (p);
        }
      (*p)++;
    }
  else if (strncmp (*p, "true", 4) == 0 || strncmp (*p, "false", 5) == 0)
    {
      v->type = 'b';
      v->n = **p == 't';
      *p += v->n ? 4 : 5;
    }
  else
    {
      char *end;
      v->type = 'n';
      v->n = strtoll (*p, &end, 10);
      assert_true (end != *p);
      *p = end;
    }
}

/* Read a JSON object at *P into *O.  */
static void
jparse (const char **p, struct jobj *o)
{
  memset (o, 0, sizeof *o);
  skip_ws (p);
  assert_int_equal (**p, '{');
  (*p)++;
  skip_ws (p);
  while (**p != '}')
    {
      o->p = realloc (o->p, (o->n + 1) * sizeof *o->p);
      assert_non_null (o->p);
      struct jpair *pair = &o->p[o->n++];
      pair->key = jstring (p);
      skip_ws (p);
      assert_int_equal (**p, ':');
      (*p)++;
      jvalue (p, &pair->v);
      skip_ws (p);
      if (**p == ',')
        (*p)++;
      skip_ws (p);
    }
  (*p)++;
}

/* Return member KEY of O, or NULL.  */
static const struct jval *
jget (const struct jobj *o, const char *key)
{
  for (size_t i = 0; i < o->n; i++)
    if (strcmp (o->p[i].key, key) == 0)
      return &o->p[i].v;
  return NULL;
}

/* Return member KEY of O, a string, or NULL.  */
static const char *
jstr (const struct jobj *o, const char *key)
{
  const struct jval *v = jget (o, key);
  if (v == NULL)
    return NULL;
  assert_int_equal (v->type, 's');
  return v->s;
}

/* ------------------------------------------------------------------------
   Files.  */

/* Return the folder of the corpus.  main sets it before any thread
   starts.  */
static const char *
corpus_dir (void)
{
  static char dir[4096];
  if (dir[0] == '\0')
    {
      const char *top = getenv ("top_srcdir");
      snprintf (dir, sizeof dir, "%s/tests/bounces", top != NULL ? top : ".");
    }
  return dir;
}

/* Read the file PATH into a new buffer and store its length in *LEN.  */
static char *
slurp (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    fail_msg ("cannot open %s", path);
  size_t cap = 4096, n = 0;
  char *buf = malloc (cap);
  assert_non_null (buf);
  for (;;)
    {
      if (n == cap)
        {
          cap *= 2;
          buf = realloc (buf, cap);
          assert_non_null (buf);
        }
      size_t k = fread (buf + n, 1, cap - n, f);
      if (k == 0)
        break;
      n += k;
    }
  fclose (f);
  *len = n;
  return buf;
}

/* Read message FILE of the corpus (a path under it).  */
static char *
corpus_file (const char *file, size_t *len)
{
  char path[4096];
  int n = snprintf (path, sizeof path, "%s/%s", corpus_dir (), file);
  assert_true (n > 0 && (size_t) n < sizeof path);
  return slurp (path, len);
}

/* Read the LEN bytes at BUF, which must succeed, and return the result.
   The bytes are copied without a NUL after them, so that a read past LEN
   is caught by the sanitizers, and spoilt after the call.  */
static struct smtpreply_bounce *
read_ok (const char *buf, size_t len)
{
  char *copy = malloc (len > 0 ? len : 1);
  assert_non_null (copy);
  memcpy (copy, buf, len);
  struct smtpreply_bounce *b = (struct smtpreply_bounce *) 1;
  int rc = smtpreply_bounce_read (copy, len, &b);
  memset (copy, 'x', len);
  free (copy);
  if (rc != 0)
    fail_msg ("smtpreply_bounce_read: %s", smtpreply_errname (rc));
  assert_non_null (b);
  return b;
}

/* Read message FILE of the corpus, which must succeed.  */
static struct smtpreply_bounce *
read_file_ok (const char *file)
{
  size_t len;
  char *buf = corpus_file (file, &len);
  struct smtpreply_bounce *b = read_ok (buf, len);
  free (buf);
  return b;
}

/* ------------------------------------------------------------------------
   The corpus.  */

/* Compare the string GOT (NULL: absent) with member KEY of WANT.  */
static void
check_key (const char *what, const struct jobj *want, const char *key,
           const char *got)
{
  const char *w = jstr (want, key);
  if ((w == NULL) != (got == NULL) || (w != NULL && strcmp (w, got) != 0))
    fail_msg ("%s: %s: expected %s%s%s, got %s%s%s", what, key, w ? "\"" : "",
              w ? w : "(absent)", w ? "\"" : "", got ? "\"" : "",
              got ? got : "(absent)", got ? "\"" : "");
}

/* Compare the number GOT (0: absent) with member KEY of WANT.  */
static void
check_number (const char *what, const struct jobj *want, const char *key,
              long long got)
{
  const struct jval *w = jget (want, key);
  long long expected = w != NULL ? w->n : 0;
  if (expected != got)
    fail_msg ("%s: %s: expected %lld, got %lld", what, key, expected, got);
}

/* Format CODE, if HAS, into BUF, or return NULL.  */
static const char *
enhanced_text (int has, const struct smtpreply_enhanced_code *code, char *buf,
               size_t size)
{
  if (!has)
    return NULL;
  assert_int_equal (smtpreply_enhanced_format (code, buf, size), 0);
  return buf;
}

/* Compare record I of B with WANT, a line of FILE's .expect, and the JSON
   object smtpreply_bounce_json writes for it (as message INDEX of FILE)
   with both.  */
static void
check_record (const char *file, size_t index, const struct smtpreply_bounce *b,
              size_t i, const struct jobj *want)
{
  char what[512], s1[16], s2[16];
  const struct smtpreply_bounce_recipient *r
      = smtpreply_bounce_recipient_at (b, i);
  assert_non_null (r);
  snprintf (what, sizeof what, "%s: record %zu", file, i + 1);
  check_key (what, want, "kind",
             smtpreply_bounce_kind_name (smtpreply_bounce_kind (b)));
  check_key (what, want, "recipient", r->address[0] ? r->address : NULL);
  check_key (what, want, "action", smtpreply_dsn_action_name (r->action));
  check_key (what, want, "status",
             enhanced_text (r->has_status, &r->status, s1, sizeof s1));
  check_number (what, want, "code", r->code);
  check_key (what, want, "enhanced",
             enhanced_text (r->has_enhanced, &r->enhanced, s2, sizeof s2));
  /* The corpus leaves a host out where the message does not name the
     one that replied; the reader may still name the host it was
     delivering to (README.md: "a test may ignore a value an
     implementation adds there").  */
  if (jstr (want, "remote_mta") != NULL)
    check_key (what, want, "remote_mta", r->remote_mta);
  check_key (what, want, "diagnostic_type", r->diagnostic_type);
  check_key (what, want, "feedback_type", r->feedback_type);
  assert_non_null (r->verdict);
  assert_non_null (r->source);
  check_key (what, want, "reason",
             r->verdict->reason ? r->verdict->reason->name : NULL);
  const struct jval *soft = jget (want, "soft");
  if ((soft == NULL && r->verdict->soft != -1)
      || (soft != NULL && soft->n != r->verdict->soft))
    fail_msg ("%s: soft: expected %s, got %d", what,
              soft == NULL ? "(absent)"
              : soft->n    ? "true"
                           : "false",
              r->verdict->soft);
  /* Where it came from.  */
  int kind = smtpreply_bounce_kind (b);
  if (kind == SMTPREPLY_BOUNCE_DSN)
    assert_string_equal (r->source, "dsn");
  else if (kind == SMTPREPLY_BOUNCE_ARF)
    assert_string_equal (r->source, "arf");
  else
    assert_int_equal (strncmp (r->source, "text:", 5), 0);
  /* A reply has lines, and only a reply.  */
  assert_true ((r->code != 0) == (r->line_count > 0));

  /* The JSON says the same.  */
  char json[65536];
  size_t len;
  assert_int_equal (
      smtpreply_bounce_json (b, i, file, index, "en", json, sizeof json, &len),
      0);
  assert_int_equal (len, strlen (json));
  const char *p = json;
  struct jobj got;
  jparse (&p, &got);
  assert_int_equal (*p, '\0');
  snprintf (what, sizeof what, "%s: record %zu (JSON)", file, i + 1);
  assert_string_equal (jstr (&got, "file"), file);
  check_number (what, &got, "message", (long long) index);
  check_key (what, want, "kind", jstr (&got, "kind"));
  check_key (what, want, "recipient", jstr (&got, "recipient"));
  check_key (what, want, "action", jstr (&got, "action"));
  check_key (what, want, "status", jstr (&got, "status"));
  const struct jval *code = jget (&got, "code");
  check_number (what, want, "code", code != NULL ? code->n : 0);
  check_key (what, want, "enhanced", jstr (&got, "enhanced"));
  check_key (what, want, "diagnostic_type", jstr (&got, "diagnostic_type"));
  check_key (what, want, "feedback_type", jstr (&got, "feedback_type"));
  check_key (what, &got, "remote_mta", r->remote_mta);
  check_key (what, &got, "source", r->source);
  check_key (what, &got, "lang", "en");
  check_key (what, &got, "reason",
             r->verdict->reason ? r->verdict->reason->name : NULL);
  const struct jval *lines = jget (&got, "lines");
  assert_int_equal (lines != NULL ? lines->na : 0, r->line_count);
  for (size_t k = 0; k < r->line_count; k++)
    assert_string_equal (lines->a[k], r->lines[k]);
  const struct jval *got_soft = jget (&got, "soft");
  assert_int_equal (got_soft != NULL ? got_soft->n : -1, r->verdict->soft);
  jobj_free (&got);
}

/* Compare B, message INDEX (0: a file of one message) of FILE, with the
   records WANT[0..N) and the original ORIGINAL (NULL: none) of the
   .expect.  */
static void
check_message (const char *file, size_t index,
               const struct smtpreply_bounce *b, struct jobj *const *want,
               size_t n, const struct jobj *original)
{
  char what[512];
  snprintf (what, sizeof what, "%s: message %zu", file, index);
  if (n == 1 && jget (want[0], "recipient") == NULL
      && strcmp (jstr (want[0], "kind"), "not_bounce") == 0)
    {
      assert_int_equal (smtpreply_bounce_kind (b),
                        SMTPREPLY_BOUNCE_NOT_BOUNCE);
      assert_int_equal (smtpreply_bounce_recipient_count (b), 0);
      assert_null (smtpreply_bounce_format (b));
      char json[4096];
      size_t len;
      assert_int_equal (smtpreply_bounce_json (b, 0, file, index, "en", json,
                                               sizeof json, &len),
                        0);
      char expected[4096];
      if (index > 0)
        snprintf (expected, sizeof expected,
                  "{\"file\":\"%s\",\"message\":%zu,\"kind\":\"not_bounce\","
                  "\"lang\":\"en\"}",
                  file, index);
      else
        snprintf (expected, sizeof expected,
                  "{\"file\":\"%s\",\"kind\":\"not_bounce\",\"lang\":\"en\"}",
                  file);
      assert_string_equal (json, expected);
      return;
    }
  if (smtpreply_bounce_recipient_count (b) != n)
    fail_msg ("%s: %zu records, expected %zu", what,
              smtpreply_bounce_recipient_count (b), n);
  assert_non_null (smtpreply_bounce_format (b));
  for (size_t i = 0; i < n; i++)
    check_record (file, index, b, i, want[i]);
  static const char *const headers[]
      = { "message_id", "from", "to", "subject", "date" };
  for (size_t h = 0; h < sizeof headers / sizeof headers[0]; h++)
    check_key (what, original != NULL ? original : &(struct jobj){ 0 },
               headers[h], smtpreply_bounce_original (b, headers[h]));
}

/* The expected records of one message.  */
struct expected
{
  struct jobj *records[64];
  size_t n;
  struct jobj *original;
  int error;
};

/* Read the .expect lines of message INDEX (0: every line) of the file
   PATH into *E.  */
static void
read_expect (const char *path, size_t index, struct expected *e)
{
  memset (e, 0, sizeof *e);
  size_t len;
  char *text = slurp (path, &len);
  text = realloc (text, len + 1);
  text[len] = '\0';
  assert_true (strncmp (text, "# source: ", 10) == 0);
  for (char *line = text, *next; line != NULL && *line != '\0'; line = next)
    {
      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      if (line[0] == '#' || line[0] == '\0')
        continue;
      struct jobj *o = malloc (sizeof *o);
      assert_non_null (o);
      const char *p = line;
      jparse (&p, o);
      const struct jval *m = jget (o, "message");
      if (index > 0 && (m == NULL || (size_t) m->n != index))
        {
          jobj_free (o);
          free (o);
          continue;
        }
      const struct jval *orig = jget (o, "original");
      if (orig != NULL)
        {
          e->original = o;
          continue;
        }
      const struct jval *err = jget (o, "error");
      if (err != NULL)
        e->error = 1;
      assert_true (e->n < sizeof e->records / sizeof e->records[0]);
      e->records[e->n++] = o;
    }
  free (text);
}

/* Free what E holds.  */
static void
expected_free (struct expected *e)
{
  for (size_t i = 0; i < e->n; i++)
    {
      jobj_free (e->records[i]);
      free (e->records[i]);
    }
  if (e->original != NULL)
    {
      jobj_free (e->original);
      free (e->original);
    }
}

/* Check message INDEX of FILE, the LEN bytes at BUF, against the
   .expect at EXPECT_PATH.  */
static void
check_bytes (const char *file, size_t index, const char *buf, size_t len,
             const char *expect_path)
{
  struct expected e;
  read_expect (expect_path, index, &e);
  assert_true (e.n > 0);
  char *copy = malloc (len > 0 ? len : 1);
  assert_non_null (copy);
  memcpy (copy, buf, len);
  struct smtpreply_bounce *b = NULL;
  int rc = smtpreply_bounce_read (copy, len, &b);
  free (copy);
  if (e.error)
    {
      if (rc != SMTPREPLY_EBOUNCE_MIME && rc != SMTPREPLY_EBOUNCE_REPORT)
        fail_msg (
            "%s: message %zu: expected an error, got %s", file, index,
            rc < 0 ? smtpreply_errname (rc)
                   : smtpreply_bounce_kind_name (smtpreply_bounce_kind (b)));
      assert_null (b);
    }
  else
    {
      if (rc != 0)
        fail_msg ("%s: message %zu: %s", file, index, smtpreply_errname (rc));
      const struct jval *o
          = e.original != NULL ? jget (e.original, "original") : NULL;
      check_message (file, index, b, e.records, e.n, o != NULL ? o->o : NULL);
      smtpreply_bounce_free (b);
    }
  expected_free (&e);
}

/* The test of one message file: its name is the state.  */
static void
corpus_message (void **state)
{
  const char *file = *state;
  size_t len;
  char *buf = corpus_file (file, &len);
  char expect[4096];
  int n = snprintf (expect, sizeof expect, "%s/%.*s.expect", corpus_dir (),
                    (int) (strlen (file) - 4), file);
  assert_true (n > 0 && (size_t) n < sizeof expect);
  check_bytes (file, 0, buf, len, expect);
  free (buf);
}

/* The test of one mailbox (mboxrd): split at the lines that start with
   "From ", each ">From " line unquoted by one '>'.  */
static void
corpus_mailbox (void **state)
{
  const char *file = *state;
  size_t len;
  char *buf = corpus_file (file, &len);
  char expect[4096];
  int w = snprintf (expect, sizeof expect, "%s/%.*s.expect", corpus_dir (),
                    (int) (strlen (file) - 5), file);
  assert_true (w > 0 && (size_t) w < sizeof expect);
  char *msg = malloc (len + 1);
  assert_non_null (msg);
  size_t n = 0, index = 0;
  for (size_t i = 0; i <= len;)
    {
      size_t e = i;
      while (e < len && buf[e] != '\n')
        e++;
      int separator
          = i < len && e - i >= 5 && memcmp (buf + i, "From ", 5) == 0;
      if (i == len || separator)
        {
          if (index > 0)
            {
              /* The empty line before a separator is not the message's.  */
              if (n > 0 && msg[n - 1] == '\n')
                n--;
              check_bytes (file, index, msg, n, expect);
            }
          index++;
          n = 0;
          if (i == len)
            break;
        }
      else
        {
          size_t k = i;
          while (k < e && buf[k] == '>')
            k++;
          size_t skip
              = k > i && e - k >= 5 && memcmp (buf + k, "From ", 5) == 0;
          memcpy (msg + n, buf + i + skip, e - i - skip);
          n += e - i - skip;
          if (e < len)
            msg[n++] = '\n';
        }
      i = e < len ? e + 1 : len;
    }
  assert_true (index > 3);
  free (msg);
  free (buf);
}

/* ------------------------------------------------------------------------
   The API.  */

/* NULL and out-of-range arguments.  */
static void
refuses_bad_arguments (void **state)
{
  (void) state;
  struct smtpreply_bounce *b = (struct smtpreply_bounce *) 1;
  assert_int_equal (smtpreply_bounce_read (NULL, 1, &b), SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_bounce_read ("x", 1, NULL), SMTPREPLY_EINVAL);
  smtpreply_bounce_free (NULL);
  assert_int_equal (smtpreply_bounce_kind (NULL), SMTPREPLY_EINVAL);
  assert_null (smtpreply_bounce_format (NULL));
  assert_int_equal (smtpreply_bounce_recipient_count (NULL), 0);
  assert_null (smtpreply_bounce_recipient_at (NULL, 0));
  assert_null (smtpreply_bounce_original (NULL, "from"));
  assert_null (smtpreply_bounce_report_field (NULL, "Version"));
  size_t len = 7;
  char buf[8];
  assert_int_equal (
      smtpreply_bounce_json (NULL, 0, NULL, 0, NULL, buf, sizeof buf, &len),
      SMTPREPLY_EINVAL);
  assert_null (smtpreply_bounce_kind_name (-1));
  assert_null (smtpreply_bounce_kind_name (4));
  assert_string_equal (
      smtpreply_bounce_kind_name (SMTPREPLY_BOUNCE_NOT_BOUNCE), "not_bounce");
  assert_string_equal (smtpreply_bounce_kind_name (SMTPREPLY_BOUNCE_DSN),
                       "dsn");
  assert_string_equal (smtpreply_bounce_kind_name (SMTPREPLY_BOUNCE_ARF),
                       "arf");
  assert_string_equal (smtpreply_bounce_kind_name (SMTPREPLY_BOUNCE_BOUNCE),
                       "bounce");

  /* No bytes at all: not a bounce, NULL or not.  */
  assert_int_equal (smtpreply_bounce_read (NULL, 0, &b), 0);
  assert_int_equal (smtpreply_bounce_kind (b), SMTPREPLY_BOUNCE_NOT_BOUNCE);
  assert_null (smtpreply_bounce_recipient_at (b, 0));
  assert_null (smtpreply_bounce_original (b, "from"));
  assert_int_equal (
      smtpreply_bounce_json (b, 1, NULL, 0, NULL, buf, sizeof buf, &len),
      SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_bounce_json (b, 0, NULL, 0, NULL, NULL, 1, &len),
                    SMTPREPLY_EINVAL);
  smtpreply_bounce_free (b);

  b = read_file_ok ("postfix-dsn-userunknown.eml");
  assert_null (smtpreply_bounce_recipient_at (b, 1));
  assert_null (smtpreply_bounce_original (b, NULL));
  assert_null (smtpreply_bounce_original (b, "Message-ID"));
  assert_null (smtpreply_bounce_original (b, "cc"));
  assert_null (smtpreply_bounce_report_field (b, NULL));
  assert_null (smtpreply_bounce_report_field (b, "Reporting-MTA"));
  assert_int_equal (
      smtpreply_bounce_json (b, 1, NULL, 0, NULL, buf, sizeof buf, &len),
      SMTPREPLY_EINVAL);
  smtpreply_bounce_free (b);
}

/* More than 64 MiB is refused before a byte is read.  */
static void
refuses_more_than_64_mib (void **state)
{
  (void) state;
  size_t len = SMTPREPLY_BOUNCE_MAX_INPUT + 1;
  char *big = calloc (len, 1);
  assert_non_null (big);
  struct smtpreply_bounce *b = (struct smtpreply_bounce *) 1;
  assert_int_equal (smtpreply_bounce_read (big, len, &b),
                    SMTPREPLY_EBOUNCE_TOO_BIG);
  assert_null (b);
  free (big);
  assert_string_equal (smtpreply_errname (SMTPREPLY_EBOUNCE_TOO_BIG),
                       "SMTPREPLY_EBOUNCE_TOO_BIG");
  assert_string_equal (smtpreply_strerror (SMTPREPLY_EBOUNCE_TOO_BIG),
                       "The message is larger than 64 MiB");
  assert_string_equal (smtpreply_strerror (SMTPREPLY_EBOUNCE_MIME),
                       "The message could not be read as MIME");
  assert_string_equal (smtpreply_strerror (SMTPREPLY_EBOUNCE_REPORT),
                       "The message says it is a delivery report, but the "
                       "report could not be read");
  assert_int_equal (SMTPREPLY_EBOUNCE_MIME, -130);
  assert_int_equal (SMTPREPLY_EBOUNCE_REPORT, -131);
  assert_int_equal (SMTPREPLY_EBOUNCE_TOO_BIG, -132);
}

/* The broken messages of the corpus give the error that says why.  */
static void
tells_why_a_report_is_broken (void **state)
{
  (void) state;
  static const struct
  {
    const char *file;
    int error;
  } cases[] = {
    { "malformed-multipart-no-boundary.eml", SMTPREPLY_EBOUNCE_MIME },
    { "malformed-dsn-truncated-report.eml", SMTPREPLY_EBOUNCE_REPORT },
    { "malformed-broken-base64.eml", SMTPREPLY_EBOUNCE_REPORT },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      size_t len;
      char *buf = corpus_file (cases[i].file, &len);
      struct smtpreply_bounce *b = (struct smtpreply_bounce *) 1;
      assert_int_equal (smtpreply_bounce_read (buf, len, &b), cases[i].error);
      assert_null (b);
      free (buf);
    }
}

/* A DSN whose returned original is full of numbers, and whose diagnostic
   is an exit status.  */
static const char trap_dsn[]
    = "From: MAILER-DAEMON@mail.example.com\n"
      "To: news-bounces@example.com\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status;\n"
      "  boundary=\"b1\"\n"
      "\n"
      "--b1\n"
      "Content-Type: text/plain\n"
      "\n"
      "<tickets@example.com> (expanded from <help@example.com>): Command\n"
      "    died with status 255: \"/usr/bin/helpdesk\". Command output: 127\n"
      "\n"
      "--b1\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; mail.example.com\n"
      "\n"
      "Final-Recipient: rfc822; tickets@example.com\n"
      "Action: failed\n"
      "Status: 5.3.0\n"
      "Diagnostic-Code: x-unix; 255\n"
      "\n"
      "--b1\n"
      "Content-Type: message/rfc822\n"
      "\n"
      "From: Example News <news@example.com>\n"
      "To: help@example.com\n"
      "Subject: 550 5.1.1 in the subject\n"
      "X-Mailman-Version: 2.1.15\n"
      "X-Bounce-Guid: 127-550-4471-0\n"
      "\n"
      "> 550 5.1.1 user unknown\n"
      "> 452 4.2.2 mailbox full\n"
      "\n"
      "--b1--\n";

/* Neither the original's headers nor an exit status is a reply.  */
static void
finds_no_reply_in_traps (void **state)
{
  (void) state;
  struct smtpreply_bounce *b = read_ok (trap_dsn, sizeof trap_dsn - 1);
  assert_int_equal (smtpreply_bounce_kind (b), SMTPREPLY_BOUNCE_DSN);
  assert_string_equal (smtpreply_bounce_format (b), "dsn");
  assert_int_equal (smtpreply_bounce_recipient_count (b), 1);
  const struct smtpreply_bounce_recipient *r
      = smtpreply_bounce_recipient_at (b, 0);
  assert_string_equal (r->address, "tickets@example.com");
  assert_int_equal (r->action, SMTPREPLY_DSN_ACTION_FAILED);
  assert_int_equal (r->has_status, 1);
  assert_int_equal (r->status.cls, 5);
  assert_int_equal (r->status.subject, 3);
  assert_int_equal (r->status.detail, 0);
  assert_int_equal (r->code, 0);
  assert_int_equal (r->has_enhanced, 0);
  assert_int_equal (r->line_count, 0);
  assert_null (r->lines);
  assert_string_equal (r->diagnostic_type, "x-unix");
  assert_string_equal (r->diagnostic, "255");
  assert_null (r->remote_mta);
  assert_null (r->feedback_type);
  /* The verdict never got a code either, nor its JSON.  */
  assert_int_equal (r->verdict->code, 0);
  assert_int_not_equal (r->verdict->advice->action, SMTPREPLY_ACTION_PROCEED);
  char json[8192];
  size_t len;
  assert_int_equal (
      smtpreply_bounce_json (b, 0, NULL, 0, "en", json, sizeof json, &len), 0);
  assert_null (strstr (json, "\"code\""));
  assert_null (strstr (json, "\"enhanced\""));
  assert_non_null (strstr (json, "\"status\":\"5.3.0\""));
  assert_non_null (strstr (json, "\"diagnostic_type\":\"x-unix\""));
  assert_string_equal (smtpreply_bounce_original (b, "subject"),
                       "550 5.1.1 in the subject");
  assert_string_equal (smtpreply_bounce_original (b, "to"),
                       "help@example.com");
  assert_null (smtpreply_bounce_original (b, "message_id"));
  assert_null (smtpreply_bounce_original (b, "date"));
  smtpreply_bounce_free (b);
}

/* A reply that is no failure does not say why a recipient failed: the
   status does (found by fuzz-bounce).  */
static void
judges_a_failure_without_a_reply_that_goes_on (void **state)
{
  (void) state;
  static const char dsn[]
      = "From: MAILER-DAEMON@example.com\n"
        "Content-Type: multipart/report; report-type=delivery-status;"
        " boundary=\"b\"\n\n"
        "--b\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mail.example.com\n\n"
        "Final-Recipient: rfc822; a@example.org\nAction: failed\n"
        "Status: 5.1.1\n"
        "Diagnostic-Code: smtp; 100 5.1.1 <a@example.org>: User unknown\n\n"
        "Final-Recipient: rfc822; b@example.org\nAction: delayed\n"
        "Diagnostic-Code: smtp; 354 go ahead\n\n--b--\n";
  struct smtpreply_bounce *b = read_ok (dsn, sizeof dsn - 1);
  assert_int_equal (smtpreply_bounce_recipient_count (b), 2);
  const struct smtpreply_bounce_recipient *r
      = smtpreply_bounce_recipient_at (b, 0);
  /* The report's reply stays what it was.  */
  assert_int_equal (r->code, 100);
  assert_int_equal (r->line_count, 1);
  assert_string_equal (r->verdict->reason->name, "userunknown");
  assert_int_equal (r->verdict->soft, 0);
  assert_int_equal (r->verdict->code, 0);
  assert_int_equal (r->verdict->advice->action, SMTPREPLY_ACTION_GIVE_UP);
  r = smtpreply_bounce_recipient_at (b, 1);
  assert_int_equal (r->code, 354);
  assert_int_equal (r->has_status, 0);
  assert_non_null (r->verdict->reason);
  assert_int_equal (r->verdict->soft, 1);
  assert_int_equal (r->verdict->advice->action, SMTPREPLY_ACTION_RETRY);
  smtpreply_bounce_free (b);
}

/* Words of a delay warning inside the returned original do not make a
   failure a delay.  */
static void
reads_delay_words_only_in_the_notice (void **state)
{
  (void) state;
  static const char notice[]
      = "From: MAILER-DAEMON@mail.example.com\n"
        "Subject: failure notice\n\n"
        "Hi. This is the qmail-send program at mail.example.com.\n\n"
        "<ada@example.org>:\n"
        "Remote host said: 550 5.1.1 No such user\n\n"
        "--- Below this line is a copy of the message.\n\n"
        "Subject: Re: Warning: message delayed\n"
        "From: bob@example.com\n\n"
        "Delay reason: my message has not yet been delivered?\n";
  struct smtpreply_bounce *b = read_ok (notice, sizeof notice - 1);
  const struct smtpreply_bounce_recipient *r
      = smtpreply_bounce_recipient_at (b, 0);
  assert_string_equal (r->address, "ada@example.org");
  assert_int_equal (r->action, SMTPREPLY_DSN_ACTION_FAILED);
  assert_int_equal (r->code, 550);
  assert_string_equal (smtpreply_bounce_original (b, "subject"),
                       "Re: Warning: message delayed");
  smtpreply_bounce_free (b);

  /* The same words before the copy make a delay.  */
  static const char warning[]
      = "From: MAILER-DAEMON@mail.example.com\n"
        "Subject: Warning: message 1tAbcD-000123-Xy delayed 24 hours\n\n"
        "This message was created automatically by mail delivery software.\n"
        "A message that you sent has not yet been delivered to one or more\n"
        "of its recipients after more than 24 hours on the queue.\n\n"
        "  ada@example.org\n"
        "    Delay reason: SMTP error from remote mail server after RCPT "
        "TO:<ada@example.org>:\n"
        "    host mx.example.org [192.0.2.1]: 451 4.7.1 Try again later\n";
  b = read_ok (warning, sizeof warning - 1);
  r = smtpreply_bounce_recipient_at (b, 0);
  assert_int_equal (r->action, SMTPREPLY_DSN_ACTION_DELAYED);
  assert_int_equal (r->verdict->soft, 1);
  assert_string_equal (r->remote_mta, "mx.example.org");
  smtpreply_bounce_free (b);
}

/* The multi-line reply of a DSN keeps its lines.  */
static void
keeps_the_lines_of_a_reply (void **state)
{
  (void) state;
  struct smtpreply_bounce *b
      = read_file_ok ("postfix-dsn-gmail-multiline.eml");
  const struct smtpreply_bounce_recipient *r
      = smtpreply_bounce_recipient_at (b, 0);
  assert_int_equal (r->code, 550);
  assert_int_equal (r->line_count, 4);
  assert_string_equal (r->lines[0], "5.1.1 The email account that you tried "
                                    "to reach does not exist. Please try");
  assert_string_equal (r->lines[3],
                       "5.1.1  https://support.google.com/mail/?p=NoSuchUser "
                       "a640c23a62f3a-a4e0a1b2c3dsi1234567.250 - gsmtp");
  smtpreply_bounce_free (b);

  /* A text whose MTA wrapped the reply: one line.  */
  b = read_file_ok ("exim-nondsn-userunknown.eml");
  r = smtpreply_bounce_recipient_at (b, 0);
  assert_string_equal (smtpreply_bounce_format (b), "exim");
  assert_int_equal (r->line_count, 1);
  assert_string_equal (r->lines[0],
                       "5.1.1 <cora@example.org>: Recipient address "
                       "rejected: User unknown in local recipient table");
  assert_string_equal (r->source, "text:6");
  assert_string_equal (r->remote_mta, "mx.example.org");
  smtpreply_bounce_free (b);
}

/* Where the records of a text come from: the line of each block.  */
static void
tells_the_line_of_each_block (void **state)
{
  (void) state;
  static const struct
  {
    const char *file;
    const char *format;
    const char *sources[3];
  } cases[] = {
    { "qmail-nondsn-local-multi.eml",
      "qmail",
      { "text:5", "text:8", "text:11" } },
    { "sendmail-nondsn-multi.eml", "sendmail", { "text:5", "text:6", NULL } },
    { "exchange2010-nondsn-remote.eml", "exchange", { "text:3", NULL, NULL } },
    { "mdaemon-nondsn-userunknown.eml", "mdaemon", { "text:9", NULL, NULL } },
    { "japanese-nondsn-iso2022jp.eml", "generic", { "text:3", NULL, NULL } },
    { "domino-nondsn-userunknown.eml", "domino", { "text:7", NULL, NULL } },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      struct smtpreply_bounce *b = read_file_ok (cases[i].file);
      assert_int_equal (smtpreply_bounce_kind (b), SMTPREPLY_BOUNCE_BOUNCE);
      assert_string_equal (smtpreply_bounce_format (b), cases[i].format);
      size_t n = 0;
      while (n < 3 && cases[i].sources[n] != NULL)
        n++;
      assert_int_equal (smtpreply_bounce_recipient_count (b), n);
      for (size_t k = 0; k < n; k++)
        assert_string_equal (smtpreply_bounce_recipient_at (b, k)->source,
                             cases[i].sources[k]);
      smtpreply_bounce_free (b);
    }
}

/* An ARF report's fields, and its record in JSON, exactly.  */
static void
reads_a_feedback_report (void **state)
{
  (void) state;
  struct smtpreply_bounce *b = read_file_ok ("arf-abuse.eml");
  assert_int_equal (smtpreply_bounce_kind (b), SMTPREPLY_BOUNCE_ARF);
  assert_string_equal (smtpreply_bounce_format (b), "arf");
  assert_string_equal (smtpreply_bounce_report_field (b, "feedback-type"),
                       "abuse");
  assert_string_equal (smtpreply_bounce_report_field (b, "User-Agent"),
                       "ExampleFeedback/1.0");
  assert_string_equal (smtpreply_bounce_report_field (b, "Version"), "1");
  assert_null (smtpreply_bounce_report_field (b, "X-No-Such-Field"));
  const struct smtpreply_bounce_recipient *r
      = smtpreply_bounce_recipient_at (b, 0);
  assert_int_equal (r->action, SMTPREPLY_DSN_ACTION_NONE);
  assert_string_equal (r->verdict->reason->name, "feedback");
  assert_int_equal (r->verdict->soft, -1);
  assert_null (r->verdict->rule);
  char json[4096];
  size_t len;
  assert_int_equal (
      smtpreply_bounce_json (b, 0, "fbl/1", 2, "en", json, sizeof json, &len),
      0);
  assert_string_equal (
      json,
      "{\"file\":\"fbl/1\",\"message\":2,\"kind\":\"arf\","
      "\"recipient\":\"kate@example.com\",\"reason\":\"feedback\","
      "\"reason_title\":\"Complaint\","
      "\"reason_text\":\"The recipient complained about the message, in a "
      "feedback report\",\"source\":\"arf\",\"feedback_type\":\"abuse\","
      "\"original\":{\"message_id\":"
      "\"<8787KJKJ3K4J3K4J3K4J3.mail@lottery.example.net>\","
      "\"from\":\"<prize-desk@lottery.example.net>\","
      "\"to\":\"<Undisclosed Recipients>\","
      "\"subject\":\"You have won 550 000 dollars\","
      "\"date\":\"Mon, 29 Apr 2024 12:31:03 -0500\"},"
      "\"format\":\"arf\",\"lang\":\"en\"}");
  assert_int_equal (len, strlen (json));

  /* Too small a buffer: ENOSPC, the length needed, a NUL-terminated
     start.  */
  char small[16];
  size_t need = 0;
  assert_int_equal (smtpreply_bounce_json (b, 0, "fbl/1", 2, "en", small,
                                           sizeof small, &need),
                    SMTPREPLY_ENOSPC);
  assert_int_equal (need, len);
  assert_string_equal (small, "{\"file\":\"fbl/1\"");
  assert_int_equal (
      smtpreply_bounce_json (b, 0, "fbl/1", 2, "en", NULL, 0, &need),
      SMTPREPLY_ENOSPC);
  assert_int_equal (need, len);
  smtpreply_bounce_free (b);

  /* Two Original-Rcpt-To: two records; none: one without a recipient.  */
  b = read_file_ok ("arf-virus.eml");
  assert_int_equal (smtpreply_bounce_recipient_count (b), 2);
  assert_string_equal (smtpreply_bounce_recipient_at (b, 1)->address,
                       "nico@example.com");
  smtpreply_bounce_free (b);
  b = read_file_ok ("arf-other.eml");
  assert_int_equal (smtpreply_bounce_recipient_count (b), 1);
  assert_string_equal (smtpreply_bounce_recipient_at (b, 0)->address, "");
  smtpreply_bounce_free (b);
}

/* The JSON of a DSN's record, member by member.  */
static void
writes_a_dsn_record_in_json (void **state)
{
  (void) state;
  struct smtpreply_bounce *b
      = read_file_ok ("crlf-postfix-dsn-userunknown.eml");
  char json[8192];
  size_t len;
  assert_int_equal (
      smtpreply_bounce_json (b, 0, NULL, 0, "ru", json, sizeof json, &len), 0);
  const char *p = json;
  struct jobj o;
  jparse (&p, &o);
  assert_null (jget (&o, "file"));
  assert_null (jget (&o, "message"));
  assert_string_equal (jstr (&o, "kind"), "dsn");
  assert_string_equal (jstr (&o, "recipient"), "vito@example.org");
  assert_string_equal (jstr (&o, "action"), "failed");
  assert_string_equal (jstr (&o, "status"), "5.1.1");
  assert_int_equal (jget (&o, "code")->n, 550);
  assert_string_equal (jstr (&o, "enhanced"), "5.1.1");
  assert_string_equal (jstr (&o, "reason"), "userunknown");
  assert_int_equal (jget (&o, "soft")->n, 0);
  assert_string_equal (jstr (&o, "advice"), "give_up");
  assert_string_equal (jstr (&o, "remote_mta"), "mx.example.org");
  assert_string_equal (jstr (&o, "diagnostic_type"), "smtp");
  assert_string_equal (jstr (&o, "source"), "dsn");
  assert_string_equal (jstr (&o, "format"), "dsn");
  assert_int_equal (jget (&o, "lines")->na, 1);
  assert_null (jget (&o, "feedback_type"));
  /* The texts are in the language asked for: those the command and the
     other functions give in it.  */
  assert_string_equal (jstr (&o, "lang"), "ru");
  assert_string_equal (jstr (&o, "description"),
                       smtpreply_reply_describe_lang (550, "ru"));
  assert_string_not_equal (jstr (&o, "description"),
                           smtpreply_reply_describe_lang (550, "en"));
  assert_string_equal (
      jstr (&o, "enhanced_description"),
      smtpreply_enhanced_describe_lang (
          &(struct smtpreply_enhanced_code){ 5, 1, 1 }, "ru"));
  jobj_free (&o);
  smtpreply_bounce_free (b);
}

/* The rules that read texts.  */
static void
lists_the_formats (void **state)
{
  (void) state;
  size_t n = smtpreply_bounce_format_count ();
  assert_true (n >= 11);
  assert_null (smtpreply_bounce_format_at (n));
  static const char *const required[]
      = { "postfix", "exim",  "sendmail", "qmail",   "courier", "exchange",
          "gmail",   "yahoo", "domino",   "mdaemon", "generic" };
  for (size_t r = 0; r < sizeof required / sizeof required[0]; r++)
    {
      size_t found = 0;
      for (size_t i = 0; i < n; i++)
        if (strcmp (smtpreply_bounce_format_at (i)->id, required[r]) == 0)
          found++;
      if (found != 1)
        fail_msg ("format %s: %zu rows", required[r], found);
    }
  for (size_t i = 0; i < n; i++)
    {
      const struct smtpreply_bounce_format *f = smtpreply_bounce_format_at (i);
      assert_true (f->name[0] != '\0' && f->detect[0] != '\0'
                   && f->source[0] != '\0');
      assert_true (f->require[0] == '\0' || strcmp (f->require, "reply") == 0);
    }
  /* The generic rule comes last, and needs a reply.  */
  assert_string_equal (smtpreply_bounce_format_at (n - 1)->id, "generic");
  assert_string_equal (smtpreply_bounce_format_at (n - 1)->require, "reply");
}

/* Broken base64 in an unknown charset: no crash, and the text that
   decodes is read.  */
static void
reads_broken_base64_in_an_unknown_charset (void **state)
{
  (void) state;
  static const char base64_text[]
      = "From: MAILER-DAEMON@mail.example.com\n"
        "Subject: failure notice\n"
        "Content-Type: text/plain; charset=x-unknown-2024\n"
        "Content-Transfer-Encoding: base64\n"
        "\n"
        "SGkuIFRoaXMgaXMgdGhlIHFtYWlsLXNlbmQgcHJvZ3JhbSBhdCBtYWlsLmV4YW1wbGUu"
        "\n"
        "Y29tLgoKPHVsaUBleGFtcGxlLm9yZz46ClNvcnJ5LCBubyBtYWlsYm94IGhlcmUgYnkg"
        "\n"
        "dGhhdCBuYW1lLiAoIzUuMS4xKQo=\n"
        "!!!! not base64 ~~~~ \xff\xfe\n";
  struct smtpreply_bounce *b = read_ok (base64_text, sizeof base64_text - 1);
  assert_int_equal (smtpreply_bounce_kind (b), SMTPREPLY_BOUNCE_BOUNCE);
  assert_string_equal (smtpreply_bounce_format (b), "qmail");
  const struct smtpreply_bounce_recipient *r
      = smtpreply_bounce_recipient_at (b, 0);
  assert_string_equal (r->address, "uli@example.org");
  assert_int_equal (r->code, 0);
  assert_int_equal (r->status.subject, 1);
  smtpreply_bounce_free (b);
}

/* Junk of every kind: read, judged, freed.  */
static void
survives_binary_junk (void **state)
{
  (void) state;
  size_t len = 256 * 1024;
  unsigned char *junk = malloc (len);
  assert_non_null (junk);
  uint32_t x = 2463534242u;
  for (int round = 0; round < 8; round++)
    {
      for (size_t i = 0; i < len; i++)
        {
          x ^= x << 13;
          x ^= x >> 17;
          x ^= x << 5;
          /* Some rounds are mostly text, to reach further.  */
          junk[i] = round % 2 == 0
                        ? (unsigned char) x
                        : (unsigned char) ("ab:\n -<>@.5\r;="[x % 15]);
        }
      struct smtpreply_bounce *b = NULL;
      int rc = smtpreply_bounce_read ((const char *) junk, len, &b);
      assert_true (rc == 0 || rc == SMTPREPLY_EBOUNCE_MIME
                   || rc == SMTPREPLY_EBOUNCE_REPORT);
      for (size_t i = 0; rc == 0 && i < smtpreply_bounce_recipient_count (b);
           i++)
        {
          char json[1 << 16];
          size_t n;
          int j = smtpreply_bounce_json (b, i, NULL, 0, NULL, json,
                                         sizeof json, &n);
          assert_true (j == 0 || j == SMTPREPLY_ENOSPC);
        }
      smtpreply_bounce_free (b);
    }
  free (junk);
}

/* Every message of the corpus cut short at many places: an error or a
   judgement, never a crash.  */
static void
survives_truncation (void **state)
{
  (void) state;
  DIR *d = opendir (corpus_dir ());
  assert_non_null (d);
  struct dirent *e;
  size_t files = 0;
  while ((e = readdir (d)) != NULL)
    {
      size_t n = strlen (e->d_name);
      if (n < 5 || strcmp (e->d_name + n - 4, ".eml") != 0)
        continue;
      size_t len;
      char *buf = corpus_file (e->d_name, &len);
      for (size_t cut = 1; cut < 24; cut++)
        {
          size_t at = len * cut / 24;
          struct smtpreply_bounce *b = NULL;
          char *copy = malloc (at > 0 ? at : 1);
          assert_non_null (copy);
          memcpy (copy, buf, at);
          int rc = smtpreply_bounce_read (copy, at, &b);
          free (copy);
          if (rc != 0 && rc != SMTPREPLY_EBOUNCE_MIME
              && rc != SMTPREPLY_EBOUNCE_REPORT)
            fail_msg ("%s cut at %zu: %s", e->d_name, at,
                      smtpreply_errname (rc));
          smtpreply_bounce_free (b);
        }
      free (buf);
      files++;
    }
  closedir (d);
  assert_true (files >= 75);
}

/* What a thread found in the corpus.  */
struct sweep
{
  char **files;
  size_t n;
  char summary[16384];
};

/* Read every file of the sweep CTX and note each one's kind and
   records.  */
static void *
sweep (void *ctx)
{
  struct sweep *s = ctx;
  size_t used = 0;
  for (size_t i = 0; i < s->n; i++)
    {
      size_t len;
      char *buf = corpus_file (s->files[i], &len);
      struct smtpreply_bounce *b = NULL;
      int rc = smtpreply_bounce_read (buf, len, &b);
      free (buf);
      size_t count = rc == 0 ? smtpreply_bounce_recipient_count (b) : 0;
      const char *reason
          = count > 0 && smtpreply_bounce_recipient_at (b, 0)->verdict->reason
                ? smtpreply_bounce_recipient_at (b, 0)->verdict->reason->name
                : "-";
      used += (size_t) snprintf (
          s->summary + used, sizeof s->summary - used, "%d:%d:%zu:%s;", rc,
          rc == 0 ? smtpreply_bounce_kind (b) : -1, count, reason);
      smtpreply_bounce_free (b);
    }
  return NULL;
}

/* Four threads read the corpus at once and find what one thread finds.  */
static void
reads_in_threads (void **state)
{
  (void) state;
  DIR *d = opendir (corpus_dir ());
  assert_non_null (d);
  char *files[256];
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir (d)) != NULL && n < 256)
    {
      size_t len = strlen (e->d_name);
      if (len > 4 && strcmp (e->d_name + len - 4, ".eml") == 0)
        {
          files[n] = strdup (e->d_name);
          assert_non_null (files[n]);
          n++;
        }
    }
  closedir (d);
  struct sweep alone = { files, n, { 0 } };
  sweep (&alone);
  struct sweep each[4];
  pthread_t threads[4];
  for (int t = 0; t < 4; t++)
    {
      each[t] = (struct sweep){ files, n, { 0 } };
      assert_int_equal (pthread_create (&threads[t], NULL, sweep, &each[t]),
                        0);
    }
  for (int t = 0; t < 4; t++)
    {
      assert_int_equal (pthread_join (threads[t], NULL), 0);
      assert_string_equal (each[t].summary, alone.summary);
    }
  for (size_t i = 0; i < n; i++)
    free (files[i]);
}

/* ------------------------------------------------------------------------
   The program.  */

/* Compare two names for qsort.  */
static int
by_name (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Return the sorted names of the files of DIR ending in SUFFIX, each
   prefixed with PREFIX, and store their number in *N.  */
static char **
list_files (const char *dir, const char *suffix, const char *prefix, size_t *n)
{
  DIR *d = opendir (dir);
  if (d == NULL)
    {
      fprintf (stderr, "t-bounce: cannot open %s (set top_srcdir)\n", dir);
      exit (99);
    }
  size_t cap = 128;
  char **names = malloc (cap * sizeof *names);
  *n = 0;
  struct dirent *e;
  while ((e = readdir (d)) != NULL)
    {
      size_t len = strlen (e->d_name), sl = strlen (suffix);
      if (len <= sl || strcmp (e->d_name + len - sl, suffix) != 0)
        continue;
      if (*n == cap)
        {
          cap *= 2;
          names = realloc (names, cap * sizeof *names);
        }
      names[*n] = malloc (strlen (prefix) + len + 1);
      sprintf (names[*n], "%s%s", prefix, e->d_name);
      (*n)++;
    }
  closedir (d);
  qsort (names, *n, sizeof *names, by_name);
  return names;
}

int
main (void)
{
  static const struct CMUnitTest api[] = {
    cmocka_unit_test (refuses_bad_arguments),
    cmocka_unit_test (refuses_more_than_64_mib),
    cmocka_unit_test (tells_why_a_report_is_broken),
    cmocka_unit_test (finds_no_reply_in_traps),
    cmocka_unit_test (judges_a_failure_without_a_reply_that_goes_on),
    cmocka_unit_test (reads_delay_words_only_in_the_notice),
    cmocka_unit_test (keeps_the_lines_of_a_reply),
    cmocka_unit_test (tells_the_line_of_each_block),
    cmocka_unit_test (reads_a_feedback_report),
    cmocka_unit_test (writes_a_dsn_record_in_json),
    cmocka_unit_test (lists_the_formats),
    cmocka_unit_test (reads_broken_base64_in_an_unknown_charset),
    cmocka_unit_test (survives_binary_junk),
    cmocka_unit_test (survives_truncation),
    cmocka_unit_test (reads_in_threads),
  };
  size_t nmessages, nboxes;
  char mbox_dir[4200];
  if (snprintf (mbox_dir, sizeof mbox_dir, "%s/mbox", corpus_dir ()) < 0)
    return 99;
  char **messages = list_files (corpus_dir (), ".eml", "", &nmessages);
  char **boxes = list_files (mbox_dir, ".mbox", "mbox/", &nboxes);
  size_t napi = sizeof api / sizeof api[0];
  size_t total = nmessages + nboxes + napi;
  struct CMUnitTest *tests = calloc (total, sizeof *tests);
  for (size_t i = 0; i < nmessages; i++)
    tests[i] = (struct CMUnitTest){ messages[i], corpus_message, NULL, NULL,
                                    messages[i] };
  for (size_t i = 0; i < nboxes; i++)
    tests[nmessages + i] = (struct CMUnitTest){ boxes[i], corpus_mailbox, NULL,
                                                NULL, boxes[i] };
  memcpy (tests + nmessages + nboxes, api, sizeof api);
  int failed = _cmocka_run_group_tests ("t-bounce", tests, total, NULL, NULL);
  for (size_t i = 0; i < nmessages; i++)
    free (messages[i]);
  for (size_t i = 0; i < nboxes; i++)
    free (boxes[i]);
  free (messages);
  free (boxes);
  free (tests);
  return failed;
}
