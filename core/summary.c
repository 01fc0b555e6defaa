/* summary.c -- what happened to the mail of many log lines, in rows that
   merge.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   A summary is a set of rows, each a key and a count: per outcome, per
   outcome and reason, per outcome and destination domain, and per outcome
   and reply (code, enhanced code, the log's status, reason).  Reason and
   reply rows keep an example: the line that comes first in the order of
   (file name, line number).  Counts add and the first example wins, so
   merging is associative and commutative, and a summary made in pieces
   equals one made at once.  Rows live in blocks of ROW_BLOCK (the first
   grows to it by doubling, so that a small summary stays small), found
   through an open-addressing hash table, so adding a line costs the same
   however many rows there are, and a new block never moves the rows
   before it.  Their texts and examples are kept one after the other in a
   store of chunks (doubling up to CHUNK_SIZE), freed with the summary: a
   row costs its bytes and little more, and a line that is the example of
   two rows (its reason's and its reply's) is kept once.  */

#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "internal.h"

/* The longest example kept, in bytes, before "…".  */
#define EXAMPLE_MAX 400

/* The most domains the text lists per outcome.  */
#define DOMAINS_SHOWN 20

/* The longest line smtpreply_summary_add_lines reads.  */
#define LINE_MAX_BYTES (1024 * 1024)

/* The rows of a block (a power of two), and of the first block at
   first.  */
#define ROW_BLOCK 1024
#define ROW_FIRST 16

/* The largest size of a chunk of the store of texts, and the first.  */
#define CHUNK_SIZE (64 * 1024)
#define CHUNK_FIRST 1024

/* The kinds of rows, in the order they are rendered.  */
enum kind
{
  KIND_OUTCOME = 0,
  KIND_REASON,
  KIND_DOMAIN,
  KIND_REPLY,
  KIND_COUNT
};

static const char *const kind_names[] = { "outcome", "reason", "domain",
                                          "reply" };

/* A row: its key, its count, its example.  */
struct row
{
  int kind;
  int outcome;
  int reason;   /* index, or -1 */
  int code;     /* 0: none */
  int has_enhanced;
  struct smtpreply_enhanced_code enhanced;
  const char *text;    /* the domain, or the log's status; "" if none */
  unsigned long long count;
  const char *example; /* NULL for outcome and domain rows */
  size_t example_len;
  size_t file;  /* index into the summary's files */
  size_t line;
  uint64_t hash;
};

/* A slot of the hash table: a row, and the high bits of its hash, so
   that a probe looks at the row only when they match.  */
struct slot
{
  uint32_t row;      /* row index + 1, or 0 for an empty slot */
  uint32_t hash;
};

/* A chunk of the store of texts: USED of its SIZE bytes hold texts, each
   followed by a NUL.  */
struct chunk
{
  struct chunk *next;
  size_t used;
  size_t size;
  char bytes[];
};

struct smtpreply_summary
{
  unsigned int options;
  unsigned long long lines;
  struct row **blocks; /* each of ROW_BLOCK rows, but the first */
  size_t nblocks;
  size_t nrows;
  size_t rows_cap;     /* the rows the blocks hold */
  struct chunk *chunks; /* the one being filled first */
  struct slot *slots;
  size_t nslots;     /* a power of two */
  char **files;
  size_t nfiles;
  size_t files_cap;
  size_t last_file;  /* the file looked up last, or SIZE_MAX */
};

smtpreply_status
smtpreply_summary_new (unsigned int options, struct smtpreply_summary **out)
{
  if (out == NULL
      || (options & ~(unsigned) (SMTPREPLY_SUMMARY_REDACT
                                 | SMTPREPLY_SUMMARY_FAILURES))
             != 0)
    return SMTPREPLY_EINVAL;
  struct smtpreply_summary *s = calloc (1, sizeof *s);
  if (s == NULL)
    return SMTPREPLY_ENOMEM;
  s->options = options;
  s->last_file = SIZE_MAX;
  *out = s;
  return 0;
}

void
smtpreply_summary_free (struct smtpreply_summary *s)
{
  if (s == NULL)
    return;
  for (size_t i = 0; i < s->nblocks; i++)
    free (s->blocks[i]);
  while (s->chunks != NULL)
    {
      struct chunk *next = s->chunks->next;
      free (s->chunks);
      s->chunks = next;
    }
  for (size_t i = 0; i < s->nfiles; i++)
    free (s->files[i]);
  free (s->blocks);
  free (s->slots);
  free (s->files);
  free (s);
}

unsigned long long
smtpreply_summary_lines (const struct smtpreply_summary *s)
{
  return s != NULL ? s->lines : 0;
}

/* Return row I of S.  */
static inline struct row *
row_at (const struct smtpreply_summary *s, size_t i)
{
  return &s->blocks[i / ROW_BLOCK][i % ROW_BLOCK];
}

/* Return a copy of the N bytes at TEXT, a NUL after them, in the store of
   S, or NULL if memory ran out.  The copy lives as long as S.  */
static char *
store (struct smtpreply_summary *s, const char *text, size_t n)
{
  struct chunk *c = s->chunks;
  if (c == NULL || c->size - c->used < n + 1)
    {
      /* Each chunk twice the size of the last, up to CHUNK_SIZE.  A text
         longer than a quarter of that gets a chunk of its own, put behind
         the one being filled so that its room is not lost; so at most a
         quarter of a chunk is left unused.  */
      size_t next = c == NULL           ? CHUNK_FIRST
                    : c->size < CHUNK_SIZE ? 2 * c->size
                                           : CHUNK_SIZE;
      size_t size = n + 1 > next / 4 ? n + 1 : next;
      struct chunk *fresh = malloc (offsetof (struct chunk, bytes) + size);
      if (fresh == NULL)
        return NULL;
      fresh->used = 0;
      fresh->size = size;
      if (c != NULL && size != next)
        {
          fresh->next = c->next;
          c->next = fresh;
        }
      else
        {
          fresh->next = c;
          s->chunks = fresh;
        }
      c = fresh;
    }
  char *copy = c->bytes + c->used;
  memcpy (copy, text, n);
  copy[n] = '\0';
  c->used += n + 1;
  return copy;
}

/* Keys.  */

/* Return H with the 64 bits V mixed in (a multiply and a shift, as in
   splitmix64's finaliser).  */
static inline uint64_t
mix (uint64_t h, uint64_t v)
{
  h = (h ^ v) * UINT64_C (0x9e3779b97f4a7c15);
  return h ^ (h >> 29);
}

/* Return the hash of the key of R: its numbers, then its text eight bytes
   at a time.  The hash only places rows in the table: nothing depends on
   its value.  */
static uint64_t
key_hash (const struct row *r)
{
  uint64_t h = mix (0, ((uint64_t) (unsigned int) r->kind << 32)
                           | (unsigned int) r->outcome);
  h = mix (h, ((uint64_t) (unsigned int) r->reason << 32)
                  | (unsigned int) r->code);
  h = mix (h, ((uint64_t) (unsigned int) r->has_enhanced << 32)
                  | (unsigned int) r->enhanced.cls);
  h = mix (h, ((uint64_t) (unsigned int) r->enhanced.subject << 32)
                  | (unsigned int) r->enhanced.detail);
  size_t n = strlen (r->text);
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    {
      uint64_t w;
      memcpy (&w, r->text + i, 8);
      h = mix (h, w);
    }
  uint64_t last = n;
  for (; i < n; i++)
    last = (last << 8) | (unsigned char) r->text[i];
  return mix (h, last);
}

/* Return nonzero if A and B have the same key.  */
static int
same_key (const struct row *a, const struct row *b)
{
  return a->hash == b->hash && a->kind == b->kind && a->outcome == b->outcome
         && a->reason == b->reason && a->code == b->code
         && a->has_enhanced == b->has_enhanced
         && a->enhanced.cls == b->enhanced.cls
         && a->enhanced.subject == b->enhanced.subject
         && a->enhanced.detail == b->enhanced.detail
         && strcmp (a->text, b->text) == 0;
}

/* Return the high bits of hash H that a slot keeps.  */
static inline uint32_t
slot_hash (uint64_t h)
{
  return (uint32_t) (h >> 32);
}

/* Grow the hash table of S to twice its size, or to 64 slots.  Return 0,
   or -1 if memory ran out.  */
static int
grow_table (struct smtpreply_summary *s)
{
  size_t n = s->nslots < 64 ? 64 : s->nslots * 2;
  struct slot *slots = calloc (n, sizeof *slots);
  if (slots == NULL)
    return -1;
  for (size_t i = 0; i < s->nrows; i++)
    {
      uint64_t h = row_at (s, i)->hash;
      size_t at = (size_t) h & (n - 1);
      while (slots[at].row != 0)
        at = (at + 1) & (n - 1);
      slots[at].row = (uint32_t) (i + 1);
      slots[at].hash = slot_hash (h);
    }
  free (s->slots);
  s->slots = slots;
  s->nslots = n;
  return 0;
}

/* Return the row of S with the key of KEY (its hash set), adding it with
   a count of 0, a stored copy of its text and no example if it is new;
   NULL if memory ran out.  */
static struct row *
upsert (struct smtpreply_summary *s, const struct row *key)
{
  if (s->nslots == 0 || (s->nrows + 1) * 4 > s->nslots * 3)
    if (grow_table (s) < 0)
      return NULL;
  size_t at = (size_t) key->hash & (s->nslots - 1);
  uint32_t high = slot_hash (key->hash);
  while (s->slots[at].row != 0)
    {
      if (s->slots[at].hash == high)
        {
          struct row *r = row_at (s, s->slots[at].row - 1);
          if (same_key (r, key))
            return r;
        }
      at = (at + 1) & (s->nslots - 1);
    }
  /* Row numbers fit in a slot.  */
  if (s->nrows >= UINT32_MAX - 1)
    return NULL;
  if (s->nrows == s->rows_cap && s->rows_cap < ROW_BLOCK)
    {
      /* The first block, grown (no pointer to a row is kept across
         calls).  */
      size_t cap = s->rows_cap == 0 ? ROW_FIRST : 2 * s->rows_cap;
      if (s->blocks == NULL)
        {
          s->blocks = calloc (1, sizeof *s->blocks);
          if (s->blocks == NULL)
            return NULL;
          s->nblocks = 1;
        }
      struct row *first = realloc (s->blocks[0], cap * sizeof *first);
      if (first == NULL)
        return NULL;
      s->blocks[0] = first;
      s->rows_cap = cap;
    }
  else if (s->nrows == s->rows_cap)
    {
      struct row **blocks = realloc (s->blocks,
                                     (s->nblocks + 1) * sizeof *blocks);
      if (blocks == NULL)
        return NULL;
      s->blocks = blocks;
      blocks[s->nblocks] = malloc (ROW_BLOCK * sizeof **blocks);
      if (blocks[s->nblocks] == NULL)
        return NULL;
      s->nblocks++;
      s->rows_cap += ROW_BLOCK;
    }
  const char *text = key->text[0] != '\0'
                         ? store (s, key->text, strlen (key->text))
                         : "";
  if (text == NULL)
    return NULL;
  struct row *r = row_at (s, s->nrows);
  *r = *key;
  r->text = text;
  r->count = 0;
  r->example = NULL;
  r->example_len = 0;
  r->file = SIZE_MAX;
  r->line = 0;
  s->slots[at].row = (uint32_t) ++s->nrows;
  s->slots[at].hash = high;
  return r;
}

/* Return the index of file NAME in S, adding it if it is new, or SIZE_MAX
   if memory ran out.  */
static size_t
file_index (struct smtpreply_summary *s, const char *name)
{
  if (s->last_file != SIZE_MAX && strcmp (s->files[s->last_file], name) == 0)
    return s->last_file;
  for (size_t i = 0; i < s->nfiles; i++)
    if (strcmp (s->files[i], name) == 0)
      return s->last_file = i;
  if (s->nfiles == s->files_cap)
    {
      size_t cap = s->files_cap < 8 ? 8 : s->files_cap * 2;
      char **files = realloc (s->files, cap * sizeof *files);
      if (files == NULL)
        return SIZE_MAX;
      s->files = files;
      s->files_cap = cap;
    }
  char *copy = strdup (name);
  if (copy == NULL)
    return SIZE_MAX;
  s->files[s->nfiles] = copy;
  return s->last_file = s->nfiles++;
}

/* Return nonzero if line LINE of file FILE (an index of S) comes before
   the example of R.  */
static int
earlier (const struct smtpreply_summary *s, size_t file, size_t line,
         const struct row *r)
{
  if (r->file == SIZE_MAX)
    return 1;
  /* (A file is in the list once: the same index is the same name.)  */
  if (file == r->file)
    return line < r->line;
  int cmp = strcmp (s->files[file], s->files[r->file]);
  return cmp < 0 || (cmp == 0 && line < r->line);
}

/* Store in BUF (EXAMPLE_MAX + 4 bytes) the LEN bytes at S cut at a
   character boundary to at most EXAMPLE_MAX bytes, "…" after them if
   cut.  Return the length.  */
static size_t
cut_example (const char *s, size_t len, char *buf)
{
  if (len <= EXAMPLE_MAX)
    {
      memcpy (buf, s, len);
      return len;
    }
  size_t n = EXAMPLE_MAX;
  /* Back to the first byte of a UTF-8 sequence.  */
  while (n > 0 && ((unsigned char) s[n] & 0xc0) == 0x80)
    n--;
  memcpy (buf, s, n);
  memcpy (buf + n, "\xe2\x80\xa6", 3);
  return n + 3;
}

/* The example a line offers, made when a row first wants it: the line,
   redacted if asked, as valid UTF-8 (so that it reads back from JSON as
   it was), cut.  */
struct example
{
  const char *line;
  size_t len;
  int redact;
  int ready;
  int failed;
  char text[EXAMPLE_MAX + 4];
  size_t text_len;
  const char *stored; /* its copy in the summary's store, once made */
};

/* Return the text of example E, making it if need be, and store its
   length in *N; NULL if memory ran out.  */
static const char *
example_text (struct example *e, size_t *n)
{
  if (!e->ready && !e->failed)
    {
      /* Redact the whole line (a local part may end past the cut), then
         clean what can be kept: each byte becomes at most three.  */
      const char *text = e->line;
      size_t len = e->len;
      char small[1024];
      char *big = NULL;
      if (e->redact)
        {
          size_t need = 3 * len + 1;
          char *buf = small;
          if (need > sizeof small)
            {
              big = malloc (need);
              buf = big;
            }
          if (buf == NULL)
            {
              e->failed = 1;
              return NULL;
            }
          smtpreply_log_redact (e->line, e->len, buf, need, &len);
          text = buf;
        }
      char clean[3 * (EXAMPLE_MAX + 1)];
      len = smtpreply__utf8_clean (text, len < EXAMPLE_MAX + 1
                                             ? len
                                             : EXAMPLE_MAX + 1,
                                   clean);
      free (big);
      e->text_len = cut_example (clean, len, e->text);
      e->ready = 1;
    }
  *n = e->text_len;
  return e->failed ? NULL : e->text;
}

/* Give R the example E (NULL: none) of line LINE of file FILE if it comes
   first, or the example EXAMPLE of N bytes if E is NULL.  Return 0, or -1
   if memory ran out.  (An example replaced stays in the store: that
   happens only when the lines do not come in the order of files and line
   numbers, as in a merge.)  */
static int
offer_example (struct smtpreply_summary *s, struct row *r,
               struct example *e, const char *example, size_t n, size_t file,
               size_t line)
{
  if (!earlier (s, file, line, r))
    return 0;
  const char *copy;
  if (e != NULL)
    {
      example = example_text (e, &n);
      if (example == NULL)
        return -1;
      if (e->stored == NULL)
        e->stored = store (s, example, n);
      copy = e->stored;
    }
  else
    copy = store (s, example, n);
  if (copy == NULL)
    return -1;
  r->example = copy;
  r->example_len = n;
  r->file = file;
  r->line = line;
  return 0;
}

/* Count COUNT more for the row of KEY in S, offering it the example E
   (NULL: none) of line LINE of file FILE.  Return 0, or -1 if memory ran
   out.  */
static int
count_row (struct smtpreply_summary *s, struct row *key,
           unsigned long long count, struct example *e, size_t file,
           size_t line)
{
  key->hash = key_hash (key);
  struct row *r = upsert (s, key);
  if (r == NULL)
    return -1;
  r->count += count;
  if (e != NULL && offer_example (s, r, e, NULL, 0, file, line) < 0)
    return -1;
  return 0;
}

smtpreply_status
smtpreply_summary_add (struct smtpreply_summary *s,
                       const struct smtpreply_log_record *rec,
                       const char *file, size_t lineno)
{
  if (s == NULL || rec == NULL || file == NULL)
    return SMTPREPLY_EINVAL;
  const struct smtpreply_match *m = smtpreply_log_record_match (rec);
  if (m->found == 0)
    return 0;
  const struct smtpreply_verdict *v = smtpreply_log_record_verdict (rec);
  int cls = v->code != 0 ? v->code / 100 : v->enhanced.cls;
  if ((s->options & SMTPREPLY_SUMMARY_FAILURES) && cls != 4 && cls != 5)
    return 0;
  size_t f = file_index (s, file);
  if (f == SIZE_MAX)
    return SMTPREPLY_ENOMEM;
  struct example e = { 0 };
  smtpreply__log_record_line (rec, &e.line, &e.len);
  e.redact = (s->options & SMTPREPLY_SUMMARY_REDACT) != 0;

  int reason = v->reason != NULL ? v->reason->index : -1;
  size_t n;
  const char *status = smtpreply_log_record_field (rec, SMTPREPLY_LOG_STATUS,
                                                   &n);
  const char *domain = smtpreply_log_record_field (rec, SMTPREPLY_LOG_DOMAIN,
                                                   &n);
  struct row key;
  memset (&key, 0, sizeof key);
  key.outcome = smtpreply_log_record_outcome (rec);
  key.reason = -1;
  key.text = (char *) "";
  key.kind = KIND_OUTCOME;
  if (count_row (s, &key, 1, NULL, f, lineno) < 0)
    return SMTPREPLY_ENOMEM;
  if (reason >= 0)
    {
      key.kind = KIND_REASON;
      key.reason = reason;
      if (count_row (s, &key, 1, &e, f, lineno) < 0)
        return SMTPREPLY_ENOMEM;
    }
  char clean_domain[3 * 256 + 1];
  if (domain != NULL)
    {
      /* As valid UTF-8, so that it reads back from JSON as it was.  */
      size_t dlen = strlen (domain);
      dlen = smtpreply__utf8_clean (domain, dlen < 256 ? dlen : 256,
                                    clean_domain);
      clean_domain[dlen] = '\0';
      key.kind = KIND_DOMAIN;
      key.reason = -1;
      key.text = clean_domain;
      if (count_row (s, &key, 1, NULL, f, lineno) < 0)
        return SMTPREPLY_ENOMEM;
    }
  key.kind = KIND_REPLY;
  key.reason = reason;
  key.code = v->code;
  key.has_enhanced = v->has_enhanced;
  if (v->has_enhanced)
    key.enhanced = v->enhanced;
  key.text = (char *) (status != NULL ? status : "");
  if (count_row (s, &key, 1, &e, f, lineno) < 0)
    return SMTPREPLY_ENOMEM;
  s->lines++;
  return 0;
}

smtpreply_status
smtpreply_summary_add_lines (struct smtpreply_summary *s, const char *buf,
                             size_t len, const char *file, size_t first_line)
{
  if (s == NULL || (buf == NULL && len > 0) || file == NULL)
    return SMTPREPLY_EINVAL;
  struct smtpreply_log_record *rec;
  int rc = smtpreply_log_record_new (&rec);
  if (rc < 0)
    return rc;
  size_t number = first_line;
  for (size_t pos = 0; pos < len && rc == 0; number++)
    {
      const char *lf = memchr (buf + pos, '\n', len - pos);
      size_t end = lf != NULL ? (size_t) (lf - buf) : len;
      size_t n = end - pos < LINE_MAX_BYTES ? end - pos : LINE_MAX_BYTES;
      if (n > 0 && buf[pos + n - 1] == '\r')
        n--;
      rc = smtpreply_log_read (rec, buf + pos, n, SMTPREPLY_STAGE_ANY);
      if (rc == 0)
        rc = smtpreply_summary_add (s, rec, file, number);
      pos = lf != NULL ? end + 1 : len;
    }
  smtpreply_log_record_free (rec);
  return rc;
}

smtpreply_status
smtpreply_summary_merge (struct smtpreply_summary *into,
                         const struct smtpreply_summary *from)
{
  if (into == NULL || from == NULL || into == from
      || into->options != from->options)
    return SMTPREPLY_EINVAL;
  for (size_t i = 0; i < from->nrows; i++)
    {
      const struct row *src = row_at (from, i);
      struct row key = *src;
      struct row *r = upsert (into, &key);
      if (r == NULL)
        return SMTPREPLY_ENOMEM;
      r->count += src->count;
      if (src->example != NULL)
        {
          size_t f = file_index (into, from->files[src->file]);
          if (f == SIZE_MAX
              || offer_example (into, r, NULL, src->example,
                                src->example_len, f, src->line)
                     < 0)
            return SMTPREPLY_ENOMEM;
        }
    }
  into->lines += from->lines;
  return 0;
}

/* Serialising.  */

smtpreply_status
smtpreply_summary_to_json (const struct smtpreply_summary *s, char **out,
                           size_t *len)
{
  if (s == NULL || out == NULL)
    return SMTPREPLY_EINVAL;
  struct smtpreply__json j = { 0 };
  smtpreply__json_begin (&j, '{');
  smtpreply__json_string (&j, "format", "smtpreply-summary");
  smtpreply__json_int (&j, "version", 1);
  smtpreply__json_int (&j, "options", s->options);
  smtpreply__json_int (&j, "lines", (long long) s->lines);
  smtpreply__json_key (&j, "files");
  smtpreply__json_begin (&j, '[');
  for (size_t i = 0; i < s->nfiles; i++)
    smtpreply__json_string (&j, NULL, s->files[i]);
  smtpreply__json_end (&j, ']');
  smtpreply__json_key (&j, "rows");
  smtpreply__json_begin (&j, '[');
  for (size_t i = 0; i < s->nrows; i++)
    {
      const struct row *r = row_at (s, i);
      char enh[16] = "";
      if (r->has_enhanced)
        smtpreply_enhanced_format (&r->enhanced, enh, sizeof enh);
      smtpreply__json_key (&j, NULL);
      smtpreply__json_begin (&j, '[');
      smtpreply__json_string (&j, NULL, kind_names[r->kind]);
      smtpreply__json_string (&j, NULL,
                              smtpreply_token_name (SMTPREPLY_TOKEN_OUTCOME,
                                                    r->outcome));
      smtpreply__json_string (&j, NULL,
                              r->reason >= 0
                                  ? smtpreply_reason_at ((size_t) r->reason)
                                        ->name
                                  : "");
      smtpreply__json_int (&j, NULL, r->code);
      smtpreply__json_string (&j, NULL, enh);
      smtpreply__json_string (&j, NULL, r->text);
      smtpreply__json_int (&j, NULL, (long long) r->count);
      if (r->example != NULL)
        {
          smtpreply__json_bytes (&j, NULL, r->example, r->example_len);
          smtpreply__json_int (&j, NULL, (long long) r->file);
          smtpreply__json_int (&j, NULL, (long long) r->line);
        }
      smtpreply__json_end (&j, ']');
    }
  smtpreply__json_end (&j, ']');
  smtpreply__json_end (&j, '}');
  if (j.failed)
    {
      smtpreply__json_free (&j);
      return SMTPREPLY_ENOMEM;
    }
  *out = j.buf;
  if (len != NULL)
    *len = j.len;
  return 0;
}

/* Reading a summary back: a strict reader of what to_json writes.  */

/* The most rows and files a summary read back may have: a limit so that
   no text can make the reader allocate without bound beyond its size.  */
#define READ_MAX_ITEMS (64 * 1024 * 1024)

/* Where the reader is in the text.  */
struct reader
{
  const char *s;
  size_t len;
  size_t pos;
  int failed;      /* the text is not a summary */
  int no_memory;
  size_t error_at;
};

/* Mark the text as not a summary at the current place; return -1.  */
static int
fail_at (struct reader *rd)
{
  if (!rd->failed)
    {
      rd->failed = 1;
      rd->error_at = rd->pos;
    }
  return -1;
}

/* Skip white space.  */
static void
skip_space (struct reader *rd)
{
  while (rd->pos < rd->len
         && (rd->s[rd->pos] == ' ' || rd->s[rd->pos] == '\t'
             || rd->s[rd->pos] == '\n' || rd->s[rd->pos] == '\r'))
    rd->pos++;
}

/* Take the byte C, after white space.  Return 0, or -1.  */
static int
take (struct reader *rd, char c)
{
  skip_space (rd);
  if (rd->pos >= rd->len || rd->s[rd->pos] != c)
    return fail_at (rd);
  rd->pos++;
  return 0;
}

/* Return nonzero if the next byte, after white space, is C; take it if
   so.  */
static int
next_is (struct reader *rd, char c)
{
  skip_space (rd);
  if (rd->pos < rd->len && rd->s[rd->pos] == c)
    {
      rd->pos++;
      return 1;
    }
  return 0;
}

/* Return the value of the hex digit C, or -1.  */
static int
hex (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Read 4 hex digits into *V.  Return 0, or -1.  */
static int
hex4 (struct reader *rd, unsigned int *v)
{
  if (rd->len - rd->pos < 4)
    return fail_at (rd);
  *v = 0;
  for (int i = 0; i < 4; i++)
    {
      int d = hex (rd->s[rd->pos + i]);
      if (d < 0)
        return fail_at (rd);
      *v = *v << 4 | (unsigned int) d;
    }
  rd->pos += 4;
  return 0;
}

/* Read a string into a new buffer *OUT (NUL-terminated) and its length
   *N.  Return 0, or -1.  */
static int
read_string (struct reader *rd, char **out, size_t *n)
{
  if (take (rd, '"') < 0)
    return -1;
  /* The decoded string is never longer than its text.  */
  size_t start = rd->pos;
  size_t end = start;
  while (end < rd->len && rd->s[end] != '"')
    end += rd->s[end] == '\\' ? 2 : 1;
  if (end >= rd->len)
    {
      rd->pos = rd->len;
      return fail_at (rd);
    }
  char *buf = malloc (end - start + 1);
  if (buf == NULL)
    {
      rd->no_memory = 1;
      return -1;
    }
  size_t o = 0;
  while (rd->pos < end)
    {
      unsigned char c = (unsigned char) rd->s[rd->pos];
      if (c < 0x20)
        {
          free (buf);
          return fail_at (rd);
        }
      if (c >= 0x80)
        {
          /* JSON text is UTF-8 (RFC 8259, section 8.1), and a summary
             read back must save as it was read.  */
          uint32_t cp;
          size_t k = smtpreply__utf8_decode (
              (const unsigned char *) rd->s + rd->pos, end - rd->pos, &cp);
          if (k == 0)
            {
              free (buf);
              return fail_at (rd);
            }
          memcpy (buf + o, rd->s + rd->pos, k);
          o += k;
          rd->pos += k;
          continue;
        }
      if (c != '\\')
        {
          buf[o++] = (char) c;
          rd->pos++;
          continue;
        }
      rd->pos++;
      char e = rd->s[rd->pos++];
      unsigned int cp;
      switch (e)
        {
        case '"':
        case '\\':
        case '/':
          buf[o++] = e;
          continue;
        case 'b':
          buf[o++] = '\b';
          continue;
        case 'f':
          buf[o++] = '\f';
          continue;
        case 'n':
          buf[o++] = '\n';
          continue;
        case 'r':
          buf[o++] = '\r';
          continue;
        case 't':
          buf[o++] = '\t';
          continue;
        case 'u':
          if (hex4 (rd, &cp) < 0)
            {
              free (buf);
              return -1;
            }
          if (cp >= 0xd800 && cp <= 0xdbff)
            {
              unsigned int low;
              if (rd->len - rd->pos < 2 || rd->s[rd->pos] != '\\'
                  || rd->s[rd->pos + 1] != 'u')
                {
                  free (buf);
                  return fail_at (rd);
                }
              rd->pos += 2;
              if (hex4 (rd, &low) < 0 || low < 0xdc00 || low > 0xdfff)
                {
                  free (buf);
                  return fail_at (rd);
                }
              cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            }
          else if (cp >= 0xdc00 && cp <= 0xdfff)
            {
              free (buf);
              return fail_at (rd);
            }
          /* Six escaped bytes give at most four.  */
          if (cp < 0x80)
            buf[o++] = (char) cp;
          else if (cp < 0x800)
            {
              buf[o++] = (char) (0xc0 | cp >> 6);
              buf[o++] = (char) (0x80 | (cp & 0x3f));
            }
          else if (cp < 0x10000)
            {
              buf[o++] = (char) (0xe0 | cp >> 12);
              buf[o++] = (char) (0x80 | (cp >> 6 & 0x3f));
              buf[o++] = (char) (0x80 | (cp & 0x3f));
            }
          else
            {
              buf[o++] = (char) (0xf0 | cp >> 18);
              buf[o++] = (char) (0x80 | (cp >> 12 & 0x3f));
              buf[o++] = (char) (0x80 | (cp >> 6 & 0x3f));
              buf[o++] = (char) (0x80 | (cp & 0x3f));
            }
          continue;
        default:
          rd->pos -= 2; /* at the backslash */
          free (buf);
          return fail_at (rd);
        }
    }
  rd->pos = end + 1;
  buf[o] = '\0';
  *out = buf;
  *n = o;
  return 0;
}

/* Read a string that must hold no NUL into *OUT.  Return 0, or -1.  */
static int
read_name (struct reader *rd, char **out)
{
  size_t n;
  size_t at = rd->pos;
  if (read_string (rd, out, &n) < 0)
    return -1;
  if (strlen (*out) != n)
    {
      free (*out);
      *out = NULL;
      rd->pos = at;
      return fail_at (rd);
    }
  return 0;
}

/* Read a number of at most 18 digits, no sign, no fraction, into *V.
   Return 0, or -1.  */
static int
read_number (struct reader *rd, unsigned long long *v)
{
  skip_space (rd);
  size_t start = rd->pos;
  *v = 0;
  while (rd->pos < rd->len && rd->s[rd->pos] >= '0' && rd->s[rd->pos] <= '9'
         && rd->pos - start < 18)
    *v = *v * 10 + (unsigned long long) (rd->s[rd->pos++] - '0');
  if (rd->pos == start
      || (rd->pos - start > 1 && rd->s[start] == '0')
      || (rd->pos < rd->len && rd->s[rd->pos] >= '0' && rd->s[rd->pos] <= '9'))
    return fail_at (rd);
  return 0;
}

/* Return the index of NAME among the N strings of NAMES, or -1.  */
static int
name_index (const char *name, const char *const *names, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp (name, names[i]) == 0)
      return (int) i;
  return -1;
}

/* Read one row into S.  Return 0, or -1.  */
static int
read_row (struct reader *rd, struct smtpreply_summary *s)
{
  char *kind = NULL, *outcome = NULL, *reason = NULL, *enh = NULL;
  char *text = NULL, *example = NULL;
  size_t example_len = 0;
  unsigned long long code, count, file = 0, line = 0;
  int rc = -1;
  size_t at = rd->pos;
  if (take (rd, '[') < 0 || read_name (rd, &kind) < 0 || take (rd, ',') < 0
      || read_name (rd, &outcome) < 0 || take (rd, ',') < 0
      || read_name (rd, &reason) < 0 || take (rd, ',') < 0
      || read_number (rd, &code) < 0 || take (rd, ',') < 0
      || read_name (rd, &enh) < 0 || take (rd, ',') < 0
      || read_name (rd, &text) < 0 || take (rd, ',') < 0
      || read_number (rd, &count) < 0)
    goto done;
  int has_example = next_is (rd, ',');
  if (has_example
      && (read_string (rd, &example, &example_len) < 0 || take (rd, ',') < 0
          || read_number (rd, &file) < 0 || take (rd, ',') < 0
          || read_number (rd, &line) < 0))
    goto done;
  if (take (rd, ']') < 0)
    goto done;

  struct row key;
  memset (&key, 0, sizeof key);
  key.kind = name_index (kind, kind_names, KIND_COUNT);
  int value;
  key.reason = -1;
  if (reason[0] != '\0')
    {
      if (smtpreply_token_value (SMTPREPLY_TOKEN_REASON, reason, &value) < 0)
        goto bad;
      key.reason = value;
    }
  if (smtpreply_token_value (SMTPREPLY_TOKEN_OUTCOME, outcome, &value) < 0)
    goto bad;
  key.outcome = value;
  key.code = (int) code;
  if (enh[0] != '\0')
    {
      if (smtpreply_enhanced_parse (enh, strlen (enh), &key.enhanced, NULL)
          < 0)
        goto bad;
      key.has_enhanced = 1;
    }
  key.text = text;
  /* The key must be one smtpreply_summary_add makes.  */
  int reply_like = key.kind == KIND_REPLY;
  if (key.kind < 0 || code > 599 || (code != 0 && code < 100)
      || (!reply_like && (code != 0 || key.has_enhanced))
      || (key.kind == KIND_OUTCOME && (key.reason >= 0 || text[0] != '\0'))
      || (key.kind == KIND_REASON && (key.reason < 0 || text[0] != '\0'))
      || (key.kind == KIND_DOMAIN && (key.reason >= 0 || text[0] == '\0'))
      || (reply_like && code == 0 && !key.has_enhanced)
      || has_example != (key.kind == KIND_REASON || key.kind == KIND_REPLY)
      || (has_example && file >= s->nfiles) || count == 0)
    goto bad;
  key.hash = key_hash (&key);
  struct row *r = upsert (s, &key);
  if (r == NULL)
    {
      rd->no_memory = 1;
      goto done;
    }
  if (r->count != 0)
    goto bad; /* the same key twice */
  r->count = count;
  if (has_example)
    {
      r->example = store (s, example, example_len);
      if (r->example == NULL)
        {
          rd->no_memory = 1;
          goto done;
        }
      r->example_len = example_len;
      r->file = (size_t) file;
      r->line = (size_t) line;
    }
  rc = 0;
  goto done;
bad:
  rd->pos = at;
  fail_at (rd);
done:
  free (kind);
  free (outcome);
  free (reason);
  free (enh);
  free (text);
  free (example);
  return rc;
}

smtpreply_status
smtpreply_summary_from_json (const char *buf, size_t len,
                             struct smtpreply_summary **out,
                             size_t *error_offset)
{
  if ((buf == NULL && len > 0) || out == NULL)
    return SMTPREPLY_EINVAL;
  *out = NULL;
  struct reader rd = { buf, len, 0, 0, 0, 0 };
  struct smtpreply_summary *s = NULL;
  char *format = NULL;
  unsigned long long version = 0, options = 0, lines = 0;
  size_t lines_at = 0;
  /* The members come in the order to_json writes them: the files before
     the rows that name them.  */
  if (take (&rd, '{') < 0)
    goto fail;
  static const char *const keys[] = { "format", "version", "options",
                                      "lines", "files", "rows" };
  for (size_t k = 0; k < SMTPREPLY__N_ELEMS (keys); k++)
    {
      char *key = NULL;
      if ((k > 0 && take (&rd, ',') < 0) || read_name (&rd, &key) < 0)
        goto fail;
      int ok = strcmp (key, keys[k]) == 0;
      free (key);
      if (!ok)
        {
          fail_at (&rd);
          goto fail;
        }
      if (take (&rd, ':') < 0)
        goto fail;
      skip_space (&rd);
      size_t value_at = rd.pos;
      switch (k)
        {
        case 0:
          if (read_name (&rd, &format) < 0)
            goto fail;
          if (strcmp (format, "smtpreply-summary") != 0)
            {
              rd.pos = value_at;
              fail_at (&rd);
              goto fail;
            }
          break;
        case 1:
          if (read_number (&rd, &version) < 0)
            goto fail;
          if (version != 1)
            {
              rd.pos = value_at;
              fail_at (&rd);
              goto fail;
            }
          break;
        case 2:
          if (read_number (&rd, &options) < 0)
            goto fail;
          if (options
              > (SMTPREPLY_SUMMARY_REDACT | SMTPREPLY_SUMMARY_FAILURES))
            {
              rd.pos = value_at;
              fail_at (&rd);
              goto fail;
            }
          if (smtpreply_summary_new ((unsigned int) options, &s) < 0)
            {
              rd.no_memory = 1;
              goto fail;
            }
          break;
        case 3:
          if (read_number (&rd, &lines) < 0)
            goto fail;
          s->lines = lines;
          lines_at = value_at;
          break;
        case 4:
          if (take (&rd, '[') < 0)
            goto fail;
          if (next_is (&rd, ']'))
            break;
          do
            {
              char *name = NULL;
              size_t at = rd.pos;
              if (s->nfiles >= READ_MAX_ITEMS || read_name (&rd, &name) < 0)
                goto fail;
              size_t before = s->nfiles;
              size_t f = file_index (s, name);
              free (name);
              if (f == SIZE_MAX)
                {
                  rd.no_memory = 1;
                  goto fail;
                }
              if (s->nfiles == before)
                {
                  /* The same file twice.  */
                  rd.pos = at;
                  fail_at (&rd);
                  goto fail;
                }
            }
          while (next_is (&rd, ','));
          if (take (&rd, ']') < 0)
            goto fail;
          break;
        default:
          if (take (&rd, '[') < 0)
            goto fail;
          if (!next_is (&rd, ']'))
            {
              do
                if (s->nrows >= READ_MAX_ITEMS || read_row (&rd, s) < 0)
                  {
                    fail_at (&rd);
                    goto fail;
                  }
              while (next_is (&rd, ','));
              if (take (&rd, ']') < 0)
                goto fail;
            }
          break;
        }
    }
  if (take (&rd, '}') < 0)
    goto fail;
  skip_space (&rd);
  /* Nothing after the object, and lines that add up.  */
  unsigned long long total = 0;
  for (size_t i = 0; i < s->nrows; i++)
    if (row_at (s, i)->kind == KIND_OUTCOME)
      total += row_at (s, i)->count;
  if (rd.pos != rd.len)
    {
      fail_at (&rd);
      goto fail;
    }
  if (total != s->lines)
    {
      rd.pos = lines_at;
      fail_at (&rd);
      goto fail;
    }
  free (format);
  *out = s;
  return 0;
fail:
  free (format);
  smtpreply_summary_free (s);
  if (rd.no_memory)
    return SMTPREPLY_ENOMEM;
  if (error_offset != NULL)
    *error_offset = rd.error_at;
  return SMTPREPLY_ESUMMARY_JSON;
}

/* Rendering.  */

/* Append to J the text of FORMAT and its arguments.  */
static void
sink_printf (struct smtpreply__json *j, const char *format, ...)
    __attribute__ ((format (printf, 2, 3)));

static void
sink_printf (struct smtpreply__json *j, const char *format, ...)
{
  char small[512];
  va_list ap;
  va_start (ap, format);
  int n = vsnprintf (small, sizeof small, format, ap);
  va_end (ap);
  if (n < 0)
    return;
  if ((size_t) n < sizeof small)
    {
      smtpreply__json_raw (j, small, (size_t) n);
      return;
    }
  char *big = malloc ((size_t) n + 1);
  if (big == NULL)
    {
      j->failed = 1;
      return;
    }
  va_start (ap, format);
  vsnprintf (big, (size_t) n + 1, format, ap);
  va_end (ap);
  smtpreply__json_raw (j, big, (size_t) n);
  free (big);
}

/* Append to J the number V, right-aligned in WIDTH columns (0: none), as
   printf's "%*lld" writes it.  */
static void
sink_number (struct smtpreply__json *j, long long v, size_t width)
{
  char num[SMTPREPLY__INT_DIGITS];
  size_t n = smtpreply__int_digits (v, num);
  while (sizeof num - n < width && n > 0)
    num[--n] = ' ';
  smtpreply__json_raw (j, num + n, sizeof num - n);
}

/* The same for the count V.  */
static void
sink_count (struct smtpreply__json *j, unsigned long long v, size_t width)
{
  char num[24];
  size_t n = sizeof num;
  do
    {
      num[--n] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v != 0);
  while (sizeof num - n < width && n > 0)
    num[--n] = ' ';
  smtpreply__json_raw (j, num + n, sizeof num - n);
}

/* Append to J the LEN bytes at S made display-safe.  */
static void
sink_safe (struct smtpreply__json *j, const char *s, size_t len)
{
  /* The printable ASCII at the start goes as it is; what follows it is
     made safe as it would be after it (nothing in display-safe text
     depends on a printable byte before it).  */
  size_t plain = smtpreply__printable_ascii (s, len);
  smtpreply__json_raw (j, s, plain);
  s += plain;
  len -= plain;
  if (len == 0)
    return;
  char small[2048];
  size_t need = 4 * len + 1;
  char *buf = need <= sizeof small ? small : malloc (need);
  size_t n = 0;
  if (buf == NULL)
    {
      j->failed = 1;
      return;
    }
  smtpreply_display_safe (s, len, buf, need, &n);
  smtpreply__json_raw (j, buf, n);
  if (buf != small)
    free (buf);
}

/* The styles of the coloured text, as SGR parameters.  */
enum style
{
  STYLE_BOLD,
  STYLE_DIM,
  STYLE_CLASS /* + the class of a code, 0 to 5 */
};

/* The SGR parameters of each style: bold, dim, then the class of a code
   (none, 1 to 5), as the command colours codes.  */
static const char *const sgr[] = { "1", "2", NULL, "36", "32", "36", "33",
                                   "31" };

/* Begin style ST on J if COLOR.  */
static void
style_begin (struct smtpreply__json *j, int color, int st)
{
  if (color && sgr[st] != NULL)
    sink_printf (j, "\033[%sm", sgr[st]);
}

/* End style ST begun on J if COLOR.  */
static void
style_end (struct smtpreply__json *j, int color, int st)
{
  if (color && sgr[st] != NULL)
    smtpreply__json_raw (j, "\033[0m", 4);
}

/* Return the description of reply CODE (0: none) with enhanced code E
   (NULL: none) in LANG: the enhanced detail's if the registry lists it and
   it says more than its subject, else the reply code's, else what its
   class says.  */
static const char *
describe (int code, const struct smtpreply_enhanced_code *e, const char *lang)
{
  if (e != NULL && (e->detail != 0 || code == 0)
      && smtpreply_enhanced_lookup (e->subject, e->detail) != NULL)
    return smtpreply_enhanced_describe_lang (e, lang);
  const struct smtpreply_reply *r = code != 0 ? smtpreply_reply_lookup (code)
                                              : NULL;
  if (r != NULL)
    return smtpreply__translate_static (r->text, lang);
  if (code != 0)
    return smtpreply__translate_static (
        smtpreply_class_lookup (code / 100)->text, lang);
  return smtpreply_enhanced_describe_lang (e, lang);
}

/* The order rows are rendered in.  */
static int
cmp_rows (const void *a, const void *b)
{
  const struct row *x = *(const struct row *const *) a;
  const struct row *y = *(const struct row *const *) b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if (x->reason != y->reason)
    return x->reason < y->reason ? -1 : 1;
  if (x->code != y->code)
    return x->code < y->code ? -1 : 1;
  if (x->has_enhanced != y->has_enhanced)
    return x->has_enhanced - y->has_enhanced;
  const int ex[3] = { x->enhanced.cls, x->enhanced.subject,
                      x->enhanced.detail };
  const int ey[3] = { y->enhanced.cls, y->enhanced.subject,
                      y->enhanced.detail };
  for (int i = 0; i < 3; i++)
    if (ex[i] != ey[i])
      return ex[i] < ey[i] ? -1 : 1;
  return strcmp (x->text, y->text);
}

/* The order the outcomes are rendered in: failures first.  */
static const int outcome_order[] = {
  SMTPREPLY_OUTCOME_DEFERRED,  SMTPREPLY_OUTCOME_BOUNCED,
  SMTPREPLY_OUTCOME_REJECTED,  SMTPREPLY_OUTCOME_DELIVERED,
  SMTPREPLY_OUTCOME_OTHER,     SMTPREPLY_OUTCOME_NONE,
};

/* Where the text goes: into J whole (FN NULL), or to FN (CTX, ...) each
   time J holds WRITE_CHUNK bytes, J then emptied, so that only a piece of
   the text is in memory at a time.  */
struct render
{
  struct smtpreply__json j;
  smtpreply_write_fn *fn;
  void *ctx;
  int stopped;  /* the positive value FN returned to stop, or 0 */
};

/* The size of the pieces handed to a write function.  */
#define WRITE_CHUNK (64 * 1024)

/* Hand the text of O to its write function if it holds WRITE_CHUNK bytes
   or more, or if ALL and it holds any.  Return nonzero if the rendering
   must stop: the function stopped it, or memory ran out.  */
static int
flush (struct render *o, int all)
{
  if (o->j.failed || o->stopped)
    return 1;
  if (o->fn == NULL || o->j.len == 0 || (!all && o->j.len < WRITE_CHUNK))
    return 0;
  int rc = o->fn (o->ctx, o->j.buf, o->j.len);
  o->j.len = 0;
  o->j.buf[0] = '\0';
  if (rc != 0)
    o->stopped = rc > 0 ? rc : 1;
  return o->stopped;
}

/* Write the example of R to J as JSON members.  */
static void
json_example (const struct smtpreply_summary *s, struct smtpreply__json *j,
              const struct row *r)
{
  smtpreply__json_bytes (j, "example", r->example, r->example_len);
  smtpreply__json_string (j, "file", s->files[r->file]);
  smtpreply__json_int (j, "line", (long long) r->line);
}

/* Render row R of kind KIND as a JSON line into J.  */
static void
render_json_row (const struct smtpreply_summary *s, struct smtpreply__json *j,
                 const struct row *r, const char *lang)
{
  smtpreply__json_begin (j, '{');
  smtpreply__json_string (j, "kind", kind_names[r->kind]);
  smtpreply__json_string (j, "outcome",
                          smtpreply_token_name (SMTPREPLY_TOKEN_OUTCOME,
                                                r->outcome));
  smtpreply__json_int (j, "count", (long long) r->count);
  if (r->kind == KIND_OUTCOME)
    smtpreply__json_string (j, "title",
                            smtpreply_token_describe (SMTPREPLY_TOKEN_OUTCOME,
                                                      r->outcome, lang));
  if (r->kind == KIND_DOMAIN)
    smtpreply__json_string (j, "domain", r->text);
  if (r->kind == KIND_REPLY)
    {
      smtpreply__json_codes (j, r->code, r->has_enhanced ? &r->enhanced : NULL,
                             lang);
      if (r->text[0] != '\0')
        smtpreply__json_string (j, "status", r->text);
    }
  if (r->reason >= 0)
    {
      const struct smtpreply_reason *reason
          = smtpreply_reason_at ((size_t) r->reason);
      smtpreply__json_string (j, "reason", reason->name);
      smtpreply__json_string (
          j, "reason_title",
          smtpreply__translate_static (reason->title, lang));
      smtpreply__json_string (
          j, "reason_text", smtpreply__translate_static (reason->text, lang));
    }
  if (r->example != NULL)
    json_example (s, j, r);
  smtpreply__json_string (j, "lang", smtpreply_language_resolve (lang));
  smtpreply__json_end (j, '}');
  smtpreply__json_raw (j, "\n", 1);
}

/* Render the example of R as text into J.  */
static void
text_example (struct smtpreply__json *j, const struct row *r, int color)
{
  smtpreply__json_raw (j, "          ", 10);
  style_begin (j, color, STYLE_DIM);
  sink_safe (j, r->example, r->example_len);
  style_end (j, color, STYLE_DIM);
  smtpreply__json_raw (j, "\n", 1);
}

/* Render the rows of kind KIND (sorted, N of them at ROWS) as text into O
   under HEADING.  */
static void
render_text_rows (struct render *o, const struct row *const *rows, size_t n,
                  int kind, const char *heading, int color, const char *lang)
{
  struct smtpreply__json *j = &o->j;
  if (n == 0)
    return;
  smtpreply__json_raw (j, "  ", 2);
  smtpreply__json_raw (j, heading, strlen (heading));
  smtpreply__json_raw (j, "\n", 1);
  unsigned long long rest = 0;
  size_t rest_rows = 0;
  for (size_t i = 0; i < n; i++)
    {
      const struct row *r = rows[i];
      if (flush (o, 0))
        return;
      if (kind == KIND_DOMAIN && i >= DOMAINS_SHOWN)
        {
          rest += r->count;
          rest_rows++;
          continue;
        }
      sink_count (j, r->count, 8);
      smtpreply__json_raw (j, "  ", 2);
      const struct smtpreply_reason *reason
          = r->reason >= 0 ? smtpreply_reason_at ((size_t) r->reason) : NULL;
      if (kind == KIND_REASON)
        {
          const char *title
              = smtpreply__translate_static (reason->title, lang);
          smtpreply__json_raw (j, title, strlen (title));
        }
      else if (kind == KIND_DOMAIN)
        sink_safe (j, r->text, strlen (r->text));
      else
        {
          int cls = r->code != 0 ? r->code / 100 : r->enhanced.cls;
          style_begin (j, color, STYLE_CLASS + cls);
          if (r->code != 0)
            sink_number (j, r->code, 0);
          else
            smtpreply__json_raw (j, "-", 1);
          if (r->has_enhanced)
            {
              smtpreply__json_raw (j, " ", 1);
              sink_number (j, r->enhanced.cls, 0);
              smtpreply__json_raw (j, ".", 1);
              sink_number (j, r->enhanced.subject, 0);
              smtpreply__json_raw (j, ".", 1);
              sink_number (j, r->enhanced.detail, 0);
            }
          style_end (j, color, STYLE_CLASS + cls);
          if (r->text[0] != '\0')
            {
              smtpreply__json_raw (j, "  status=", 9);
              smtpreply__json_raw (j, r->text, strlen (r->text));
            }
          smtpreply__json_raw (j, "  ", 2);
          if (reason != NULL)
            {
              const char *title
                  = smtpreply__translate_static (reason->title, lang);
              smtpreply__json_raw (j, title, strlen (title));
              smtpreply__json_raw (j, " \xe2\x80\x94 ", 5);
            }
          const char *d = describe (r->code,
                                    r->has_enhanced ? &r->enhanced : NULL,
                                    lang);
          smtpreply__json_raw (j, d, strlen (d));
        }
      smtpreply__json_raw (j, "\n", 1);
      if (r->example != NULL)
        text_example (j, r, color);
    }
  if (rest_rows > 0)
    {
      sink_count (j, rest, 8);
      smtpreply__json_raw (j, "  ", 2);
      sink_printf (j,
                   /* TRANSLATORS: the last row of the domains of a log summary: how many more domains the lines above the count went to; %llu is that number.  */
                   smtpreply_translate_plural ("(%llu other domain)",
                                               "(%llu other domains)",
                                               rest_rows, lang),
                   (unsigned long long) rest_rows);
      smtpreply__json_raw (j, "\n", 1);
    }
}

/* Render S in FORMAT and language LANG into O.  Return 0,
   SMTPREPLY_ENOMEM, or the positive value O's write function returned to
   stop.  */
static int
render (const struct smtpreply_summary *s, int format, const char *lang,
        struct render *o)
{
  struct smtpreply__json *j = &o->j;
  int color = format == SMTPREPLY_SUMMARY_COLOR;
  const struct row **sorted = malloc ((s->nrows + 1) * sizeof *sorted);
  if (sorted == NULL)
    return SMTPREPLY_ENOMEM;
  /* Group by outcome and kind, then sort each group.  */
  int groups = 0;
  for (size_t o_at = 0; o_at < SMTPREPLY__N_ELEMS (outcome_order); o_at++)
    {
      const struct row *const *group[KIND_COUNT];
      size_t count[KIND_COUNT] = { 0 };
      /* The rows of this outcome, gathered at the front of SORTED.  */
      const struct row **mine = sorted;
      size_t n = 0;
      for (size_t i = 0; i < s->nrows; i++)
        if (row_at (s, i)->outcome == outcome_order[o_at])
          mine[n++] = row_at (s, i);
      if (n == 0)
        continue;
      /* Partition them by kind, and sort each kind.  */
      size_t start = 0;
      for (int k = 0; k < KIND_COUNT; k++)
        {
          size_t m = start;
          for (size_t i = start; i < n; i++)
            if (mine[i]->kind == k)
              {
                const struct row *t = mine[m];
                mine[m] = mine[i];
                mine[i] = t;
                m++;
              }
          group[k] = (const struct row *const *) mine + start;
          count[k] = m - start;
          qsort ((void *) (mine + start), count[k], sizeof *mine, cmp_rows);
          start = m;
        }
      if (format == SMTPREPLY_SUMMARY_JSON)
        {
          for (int k = 0; k < KIND_COUNT; k++)
            for (size_t i = 0; i < count[k] && !flush (o, 0); i++)
              render_json_row (s, j, group[k][i], lang);
          continue;
        }
      unsigned long long total = count[KIND_OUTCOME] > 0
                                     ? group[KIND_OUTCOME][0]->count
                                     : 0;
      if (groups++ > 0)
        smtpreply__json_raw (j, "\n", 1);
      style_begin (j, color, STYLE_BOLD);
      sink_printf (j,
                   /* TRANSLATORS: heading of a part of a log summary: %s is what happened to the mail ("Deferred", "Bounced"), %llu the number of log lines.  */
                   smtpreply_translate_plural ("%s: %llu line",
                                               "%s: %llu lines", total,
                                               lang),
                   smtpreply_token_describe (SMTPREPLY_TOKEN_OUTCOME,
                                             outcome_order[o_at], lang),
                   total);
      style_end (j, color, STYLE_BOLD);
      smtpreply__json_raw (j, "\n", 1);
      render_text_rows (
          o, group[KIND_REASON], count[KIND_REASON], KIND_REASON,
          /* TRANSLATORS: sub-heading of a log summary: its lines counted by reason of failure.  */
          smtpreply__translate_static ("By reason:", lang), color, lang);
      render_text_rows (
          o, group[KIND_DOMAIN], count[KIND_DOMAIN], KIND_DOMAIN,
          /* TRANSLATORS: sub-heading of a log summary: its lines counted by the domain of the recipient.  */
          smtpreply__translate_static ("By destination domain:", lang),
          color, lang);
      render_text_rows (
          o, group[KIND_REPLY], count[KIND_REPLY], KIND_REPLY,
          /* TRANSLATORS: sub-heading of a log summary: its lines counted by reply code, enhanced code and status.  */
          smtpreply__translate_static ("By reply:", lang), color, lang);
    }
  free (sorted);
  flush (o, 1);
  if (o->stopped)
    return o->stopped;
  return j->failed ? SMTPREPLY_ENOMEM : 0;
}

smtpreply_status
smtpreply_summary_render (const struct smtpreply_summary *s, int format,
                          const char *lang, char **out, size_t *len)
{
  if (s == NULL || out == NULL || format < SMTPREPLY_SUMMARY_TEXT
      || format > SMTPREPLY_SUMMARY_JSON)
    return SMTPREPLY_EINVAL;
  struct render o = { .fn = NULL };
  if (render (s, format, lang, &o) != 0)
    {
      smtpreply__json_free (&o.j);
      return SMTPREPLY_ENOMEM;
    }
  if (o.j.buf == NULL)
    {
      o.j.buf = strdup ("");
      if (o.j.buf == NULL)
        return SMTPREPLY_ENOMEM;
    }
  *out = o.j.buf;
  if (len != NULL)
    *len = o.j.len;
  return 0;
}

int
smtpreply_summary_write (const struct smtpreply_summary *s, int format,
                         const char *lang, smtpreply_write_fn *fn, void *ctx)
{
  if (s == NULL || fn == NULL || format < SMTPREPLY_SUMMARY_TEXT
      || format > SMTPREPLY_SUMMARY_JSON)
    return SMTPREPLY_EINVAL;
  struct render o = { .fn = fn, .ctx = ctx };
  int rc = render (s, format, lang, &o);
  smtpreply__json_free (&o.j);
  return rc;
}
