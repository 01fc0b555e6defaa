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
   two rows (its reason's and its reply's) is kept once.

   The rows in memory and their texts have a budget (BUDGET_DEFAULT
   bytes).  When a line could take a summary past it, the summary spills:
   it writes its rows, sorted by key, as a run at the end of its temporary
   file ($TMPDIR, or /tmp; made at the first spill and unlinked at once,
   so that it goes with the summary), and empties its table and its
   store.  Whatever reads the rows (to_json, merge, render) reads their
   union: a merge of the runs and of the rows in memory by key, in which
   rows of the same key add up as they would have in memory.  Rendering
   wants them in another order, which depends on the final counts: the
   merged rows are cut into runs sorted in that order (in batches of half
   the budget, in a temporary file of the rendering's own), merged again,
   and streamed into the text; without runs, the rows in memory are the
   one batch.  A merge takes the next row from a heap of its runs.  When
   RUN_MAX runs pile up, the RUN_FANIN smallest are merged into one at the
   end of the file (the smallest, so that a long run is seldom copied
   again), and the space of those merged is punched out of the file: no
   merge reads more than RUN_MAX runs, through READ_BUFFERS bytes in all,
   and the memory a summary takes stays flat however long the log.  */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The bytes of rows and texts a summary keeps in memory before it
   spills, unless smtpreply_summary_set_memory says otherwise.  */
#define BUDGET_DEFAULT (512 * 1024)

/* The most runs there are at a time, and how many of them are merged
   into one when there are that many.  */
#define RUN_FANIN 16
#define RUN_MAX 64

/* The bytes of the buffers the runs of a merge are read through, shared
   between them, and the most each one gets; and the buffer of a run being
   written.  */
#define READ_BUFFERS (512 * 1024)
#define READ_BUFFER_MAX (64 * 1024)
#define WRITE_BUFFER (16 * 1024)

/* The outcomes of lines (smtpreply_log_record_outcome).  */
#define OUTCOMES (SMTPREPLY_OUTCOME_OTHER + 1)

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

/* A run: rows sorted in one order, the SIZE bytes of records at START
   in the file of its runs.  */
struct run
{
  uint64_t start;
  uint64_t size;
};

/* Runs, in no particular order (which of two runs comes first makes no
   difference, as counts add and two examples of the same line of the
   same file are the same text), in one unlinked temporary file FD (-1
   until the first run), each new run written at END.  The space of runs
   merged into a new one is given back to the file system where it can
   punch holes.  */
struct runs
{
  int fd;
  uint64_t end;
  struct run *v;
  size_t n;
  size_t cap;
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
  size_t budget;     /* of BYTES; SIZE_MAX: no limit */
  size_t bytes;      /* the rows in memory and their texts take */
  struct runs runs;  /* the rows spilled, sorted by key */
  /* The rows of the outcomes, and of the reasons of each outcome, by
     their number + 1 (0: not made yet), so that the two rows every line
     counts are found without hashing their keys; emptied with the
     table.  */
  uint32_t outcome_rows[OUTCOMES];
  uint32_t *reason_rows;  /* [outcome * reasons + reason] */
  size_t nreasons;
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
  s->nreasons = smtpreply_reason_count ();
  s->reason_rows = calloc (OUTCOMES * s->nreasons, sizeof *s->reason_rows);
  if (s->reason_rows == NULL)
    {
      free (s);
      return SMTPREPLY_ENOMEM;
    }
  s->options = options;
  s->last_file = SIZE_MAX;
  s->budget = BUDGET_DEFAULT;
  s->runs.fd = -1;
  *out = s;
  return 0;
}

/* Close the runs of RUNS and free its list.  */
static void
runs_free (struct runs *runs)
{
  if (runs->fd >= 0)
    close (runs->fd);
  free (runs->v);
  runs->fd = -1;
  runs->end = 0;
  runs->v = NULL;
  runs->n = 0;
  runs->cap = 0;
}

/* Free the chunks of the store CHUNKS, and empty it.  */
static void
chunks_free (struct chunk **chunks)
{
  while (*chunks != NULL)
    {
      struct chunk *next = (*chunks)->next;
      free (*chunks);
      *chunks = next;
    }
}

void
smtpreply_summary_free (struct smtpreply_summary *s)
{
  if (s == NULL)
    return;
  for (size_t i = 0; i < s->nblocks; i++)
    free (s->blocks[i]);
  chunks_free (&s->chunks);
  runs_free (&s->runs);
  for (size_t i = 0; i < s->nfiles; i++)
    free (s->files[i]);
  free (s->blocks);
  free (s->slots);
  free (s->files);
  free (s->reason_rows);
  free (s);
}

unsigned long long
smtpreply_summary_lines (const struct smtpreply_summary *s)
{
  return s != NULL ? s->lines : 0;
}

smtpreply_status
smtpreply_summary_set_memory (struct smtpreply_summary *s, size_t bytes)
{
  if (s == NULL)
    return SMTPREPLY_EINVAL;
  s->budget = bytes != 0 ? bytes : BUDGET_DEFAULT;
  return 0;
}

size_t
smtpreply__summary_runs (const struct smtpreply_summary *s)
{
  return s->runs.n;
}

/* Return row I of S.  */
static inline struct row *
row_at (const struct smtpreply_summary *s, size_t i)
{
  return &s->blocks[i / ROW_BLOCK][i % ROW_BLOCK];
}

/* Return a copy of the N bytes at TEXT, a NUL after them, in the store
   whose chunks are *CHUNKS (the one being filled first), adding the bytes
   it takes to *BYTES; NULL if memory ran out.  The copy lives as long as
   the store.  */
static char *
store_in (struct chunk **chunks, size_t *bytes, const char *text, size_t n)
{
  struct chunk *c = *chunks;
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
          *chunks = fresh;
        }
      c = fresh;
    }
  char *copy = c->bytes + c->used;
  memcpy (copy, text, n);
  copy[n] = '\0';
  c->used += n + 1;
  *bytes += n + 1;
  return copy;
}

/* Return a copy of the N bytes at TEXT, a NUL after them, in the store of
   S, or NULL if memory ran out.  The copy lives as long as S, or until S
   spills.  */
static char *
store (struct smtpreply_summary *s, const char *text, size_t n)
{
  return store_in (&s->chunks, &s->bytes, text, n);
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
   a count of 0, a stored copy of its text and no example if it is new,
   and store its number + 1 in *NUMBER unless NUMBER is NULL; return NULL
   if memory ran out.  */
static struct row *
upsert (struct smtpreply_summary *s, const struct row *key,
        uint32_t *number)
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
            {
              if (number != NULL)
                *number = s->slots[at].row;
              return r;
            }
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
  s->bytes += sizeof *r;
  s->slots[at].row = (uint32_t) ++s->nrows;
  s->slots[at].hash = high;
  if (number != NULL)
    *number = s->slots[at].row;
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
   (NULL: none) of line LINE of file FILE.  If KNOWN is not NULL, it
   keeps the row's number + 1 (0 until the row is made): the row is
   found there.  Return 0, or -1 if memory ran out.  */
static int
count_row (struct smtpreply_summary *s, struct row *key, uint32_t *known,
           unsigned long long count, struct example *e, size_t file,
           size_t line)
{
  struct row *r;
  if (known != NULL && *known != 0)
    r = row_at (s, *known - 1);
  else
    {
      key->hash = key_hash (key);
      r = upsert (s, key, known);
      if (r == NULL)
        return -1;
    }
  r->count += count;
  if (e != NULL && offer_example (s, r, e, NULL, 0, file, line) < 0)
    return -1;
  return 0;
}

/* Orders of rows.  */

/* An order of rows: negative if A comes before B, 0 if they have the same
   key, positive if A comes after B.  */
typedef int row_order (const struct row *a, const struct row *b);

/* Return the order of the keys of A and B: by kind, outcome, reason,
   reply code, enhanced code, then text.  Equal keys are the same row.  */
static int
by_key (const struct row *a, const struct row *b)
{
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->outcome != b->outcome)
    return a->outcome < b->outcome ? -1 : 1;
  if (a->reason != b->reason)
    return a->reason < b->reason ? -1 : 1;
  if (a->code != b->code)
    return a->code < b->code ? -1 : 1;
  if (a->has_enhanced != b->has_enhanced)
    return a->has_enhanced < b->has_enhanced ? -1 : 1;
  if (a->enhanced.cls != b->enhanced.cls)
    return a->enhanced.cls < b->enhanced.cls ? -1 : 1;
  if (a->enhanced.subject != b->enhanced.subject)
    return a->enhanced.subject < b->enhanced.subject ? -1 : 1;
  if (a->enhanced.detail != b->enhanced.detail)
    return a->enhanced.detail < b->enhanced.detail ? -1 : 1;
  return strcmp (a->text, b->text);
}

/* The order the outcomes are rendered in: failures first.  */
static const int outcome_order[] = {
  SMTPREPLY_OUTCOME_DEFERRED,  SMTPREPLY_OUTCOME_BOUNCED,
  SMTPREPLY_OUTCOME_REJECTED,  SMTPREPLY_OUTCOME_DELIVERED,
  SMTPREPLY_OUTCOME_OTHER,     SMTPREPLY_OUTCOME_NONE,
};

/* Return the place of OUTCOME in outcome_order.  */
static size_t
outcome_rank (int outcome)
{
  size_t i = 0;
  while (i < SMTPREPLY__N_ELEMS (outcome_order) - 1
         && outcome_order[i] != outcome)
    i++;
  return i;
}

/* Return the order A and B are rendered in: by outcome (outcome_order),
   kind, count (the largest first), then reason, reply code, enhanced code
   and text.  */
static int
by_rendering (const struct row *a, const struct row *b)
{
  if (a->outcome != b->outcome)
    return outcome_rank (a->outcome) < outcome_rank (b->outcome) ? -1 : 1;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->count != b->count)
    return a->count > b->count ? -1 : 1;
  if (a->reason != b->reason)
    return a->reason < b->reason ? -1 : 1;
  if (a->code != b->code)
    return a->code < b->code ? -1 : 1;
  if (a->has_enhanced != b->has_enhanced)
    return a->has_enhanced - b->has_enhanced;
  const int ex[3] = { a->enhanced.cls, a->enhanced.subject,
                      a->enhanced.detail };
  const int ey[3] = { b->enhanced.cls, b->enhanced.subject,
                      b->enhanced.detail };
  for (int i = 0; i < 3; i++)
    if (ex[i] != ey[i])
      return ex[i] < ey[i] ? -1 : 1;
  return strcmp (a->text, b->text);
}

/* by_key and by_rendering for qsort on arrays of pointers to rows.  */
static int
qsort_by_key (const void *a, const void *b)
{
  return by_key (*(const struct row *const *) a,
                 *(const struct row *const *) b);
}

static int
qsort_by_rendering (const void *a, const void *b)
{
  return by_rendering (*(const struct row *const *) a,
                       *(const struct row *const *) b);
}

/* Return a new array of pointers to the N rows at ROWS (a row array) or
   to the rows in memory of S (ROWS NULL), sorted in ORDER; NULL if memory
   ran out.  Free it with free.  */
static const struct row **
sorted_rows (const struct smtpreply_summary *s, const struct row *rows,
             size_t n, row_order *order)
{
  const struct row **v = malloc ((n + 1) * sizeof *v);
  if (v == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    v[i] = rows != NULL ? &rows[i] : row_at (s, i);
  qsort ((void *) v, n, sizeof *v,
         order == by_key ? qsort_by_key : qsort_by_rendering);
  return v;
}

/* Runs: rows in temporary files.  */

/* A row as a run holds it: this head, then the TEXT_LEN bytes of its text
   and the EXAMPLE_LEN bytes of its example.  */
struct record
{
  int32_t key[8]; /* kind, outcome, reason, code, has_enhanced, enhanced */
  uint32_t text_len;
  uint32_t example_len; /* UINT32_MAX: no example */
  uint64_t count;
  uint64_t file; /* UINT64_MAX: no example */
  uint64_t line;
};

/* Return a new temporary file open for reading and writing, made in
   $TMPDIR (or /tmp if it is unset or empty) and unlinked at once; or -1,
   errno saying why.  */
static int
temp_open (void)
{
  static const char name[] = "/smtpreply-XXXXXX";
  const char *dir = getenv ("TMPDIR");
  if (dir == NULL || dir[0] == '\0')
    dir = "/tmp";
  size_t n = strlen (dir);
  char *path = malloc (n + sizeof name);
  if (path == NULL)
    return -1;
  memcpy (path, dir, n);
  memcpy (path + n, name, sizeof name);
  int fd = mkostemp (path, O_CLOEXEC);
  if (fd >= 0 && unlink (path) < 0)
    {
      int saved = errno;
      close (fd);
      fd = -1;
      errno = saved;
    }
  int saved = errno;
  free (path);
  errno = saved;
  return fd;
}

/* Where rows are written to a run.  */
struct writer
{
  int fd;
  uint64_t at;    /* where the next bytes go in the file */
  uint64_t size;  /* the bytes written so far */
  int failed;
  int error;      /* errno of the failure */
  size_t used;
  char buf[WRITE_BUFFER];
};

/* Read N bytes of FD at offset AT into IN, or write the N bytes at OUT
   there if IN is NULL, once, again if a signal cut the call short.
   Return how many bytes it moved (at least one), or -1 with errno set
   (EIO if the file ended there).  */
static ssize_t
transfer (int fd, void *in, const void *out, size_t n, uint64_t at)
{
  ssize_t k;
  do
    k = in != NULL ? pread (fd, in, n, (off_t) at)
                   : pwrite (fd, out, n, (off_t) at);
  while (k < 0 && errno == EINTR);
  if (k == 0)
    {
      errno = EIO;
      k = -1;
    }
  return k;
}

/* Write the N bytes at P to FD at offset *AT, and move *AT past them.
   Return 0, or -1 with errno set.  */
static int
write_all (int fd, const char *p, size_t n, uint64_t *at)
{
  while (n > 0)
    {
      ssize_t k = transfer (fd, NULL, p, n, *at);
      if (k < 0)
        return -1;
      p += k;
      n -= (size_t) k;
      *at += (uint64_t) k;
    }
  return 0;
}

/* Write what W holds to its file.  */
static void
writer_drain (struct writer *w)
{
  if (!w->failed && w->used > 0
      && write_all (w->fd, w->buf, w->used, &w->at) < 0)
    {
      w->failed = 1;
      w->error = errno;
    }
  w->used = 0;
}

/* Write the N bytes at P through W.  */
static void
writer_put (struct writer *w, const void *p, size_t n)
{
  if (w->failed)
    return;
  w->size += n;
  if (sizeof w->buf - w->used < n)
    {
      writer_drain (w);
      if (n > sizeof w->buf)
        {
          if (!w->failed && write_all (w->fd, p, n, &w->at) < 0)
            {
              w->failed = 1;
              w->error = errno;
            }
          return;
        }
    }
  memcpy (w->buf + w->used, p, n);
  w->used += n;
}

/* Write row R through W.  */
static void
writer_row (struct writer *w, const struct row *r)
{
  size_t text_len = strlen (r->text);
  if (text_len >= UINT32_MAX
      || (r->example != NULL && r->example_len >= UINT32_MAX))
    {
      w->failed = 1;
      w->error = EFBIG;
      return;
    }
  struct record rec = {
    .key = { r->kind, r->outcome, r->reason, r->code, r->has_enhanced,
             r->enhanced.cls, r->enhanced.subject, r->enhanced.detail },
    .text_len = (uint32_t) text_len,
    .example_len = r->example != NULL ? (uint32_t) r->example_len
                                      : UINT32_MAX,
    .count = r->count,
    .file = r->file != SIZE_MAX ? (uint64_t) r->file : UINT64_MAX,
    .line = r->line,
  };
  writer_put (w, &rec, sizeof rec);
  writer_put (w, r->text, text_len);
  if (r->example != NULL)
    writer_put (w, r->example, r->example_len);
}

/* Where rows are read from: a run (FD not -1), or an array of pointers to
   rows in memory, sorted.  ROW is the row at the head unless DONE.  */
struct source
{
  int fd;
  uint64_t pos;    /* of the bytes after those in BUF */
  uint64_t end;    /* of the run */
  char *buf;
  size_t buf_size;
  size_t have;
  size_t at;
  const struct row *const *mem;
  size_t mem_n;
  size_t mem_at;
  int done;
  struct row row;
  char *text;      /* the texts of ROW if read from a run */
  size_t text_cap;
  char *example;
  size_t example_cap;
};

/* Make *P, of *CAP bytes, at least N + 1 bytes.  Return 0, or -1 if
   memory ran out.  */
static int
reserve (char **p, size_t *cap, size_t n)
{
  if (*cap > n)
    return 0;
  size_t want = *cap < 64 ? 64 : *cap;
  while (want <= n)
    want *= 2;
  char *fresh = realloc (*p, want);
  if (fresh == NULL)
    return -1;
  *p = fresh;
  *cap = want;
  return 0;
}

/* Read the next N bytes of run SRC into DST.  Return 0, or -1 with errno
   set.  */
static int
source_read (struct source *src, void *dst, size_t n)
{
  char *d = dst;
  while (n > 0)
    {
      if (src->at == src->have)
        {
          if (src->pos >= src->end)
            {
              errno = EIO; /* the run is shorter than its records */
              return -1;
            }
          uint64_t left = src->end - src->pos;
          size_t want = left < src->buf_size ? (size_t) left
                                             : src->buf_size;
          ssize_t k = transfer (src->fd, src->buf, NULL, want, src->pos);
          if (k < 0)
            return -1;
          src->pos += (uint64_t) k;
          src->have = (size_t) k;
          src->at = 0;
        }
      size_t take = src->have - src->at < n ? src->have - src->at : n;
      memcpy (d, src->buf + src->at, take);
      src->at += take;
      d += take;
      n -= take;
    }
  return 0;
}

/* Move SRC to its next row.  Return 0, SMTPREPLY_ENOMEM, or
   SMTPREPLY_ETEMP_FILE (errno saying why).  */
static int
source_next (struct source *src)
{
  if (src->fd < 0)
    {
      if (src->mem_at == src->mem_n)
        src->done = 1;
      else
        src->row = *src->mem[src->mem_at++];
      return 0;
    }
  if (src->at == src->have && src->pos >= src->end)
    {
      src->done = 1;
      return 0;
    }
  struct record rec;
  if (source_read (src, &rec, sizeof rec) < 0)
    return SMTPREPLY_ETEMP_FILE;
  if (reserve (&src->text, &src->text_cap, rec.text_len) < 0
      || (rec.example_len != UINT32_MAX
          && reserve (&src->example, &src->example_cap, rec.example_len)
                 < 0))
    return SMTPREPLY_ENOMEM;
  if (source_read (src, src->text, rec.text_len) < 0
      || (rec.example_len != UINT32_MAX
          && source_read (src, src->example, rec.example_len) < 0))
    return SMTPREPLY_ETEMP_FILE;
  src->text[rec.text_len] = '\0';
  struct row *r = &src->row;
  r->kind = rec.key[0];
  r->outcome = rec.key[1];
  r->reason = rec.key[2];
  r->code = rec.key[3];
  r->has_enhanced = rec.key[4];
  r->enhanced.cls = rec.key[5];
  r->enhanced.subject = rec.key[6];
  r->enhanced.detail = rec.key[7];
  r->text = src->text;
  r->count = rec.count;
  r->example = rec.example_len != UINT32_MAX ? src->example : NULL;
  r->example_len = rec.example_len != UINT32_MAX ? rec.example_len : 0;
  r->file = rec.file != UINT64_MAX ? (size_t) rec.file : SIZE_MAX;
  r->line = (size_t) rec.line;
  r->hash = 0;
  return 0;
}

/* The rows of several sources, merged in one order.  ROW is the row
   stream_next gave last; its texts are the stream's own.  */
struct stream
{
  const struct smtpreply_summary *s; /* whose files the examples name */
  row_order *order;
  int combine;   /* rows of the same key add up into one */
  struct source *src;
  size_t n;
  size_t *heap;  /* the sources not done, a heap by their rows */
  size_t live;
  char *bufs;
  struct row row;
  char *text;
  size_t text_cap;
  char *example;
  size_t example_cap;
};

/* Free what stream ST holds.  */
static void
stream_close (struct stream *st)
{
  for (size_t i = 0; i < st->n; i++)
    {
      free (st->src[i].text);
      free (st->src[i].example);
    }
  free (st->src);
  free (st->heap);
  free (st->bufs);
  free (st->text);
  free (st->example);
  memset (st, 0, sizeof *st);
}

/* Return nonzero if the row of source A of ST comes before that of
   source B (of two rows in the same place, that of the first source).  */
static int
source_before (const struct stream *st, size_t a, size_t b)
{
  int c = st->order (&st->src[a].row, &st->src[b].row);
  return c < 0 || (c == 0 && a < b);
}

/* Move the source at place I of the heap of ST down to where it
   belongs.  */
static void
sift_down (struct stream *st, size_t i)
{
  size_t *h = st->heap;
  for (;;)
    {
      size_t least = i;
      size_t left = 2 * i + 1;
      if (left < st->live && source_before (st, h[left], h[least]))
        least = left;
      if (left + 1 < st->live && source_before (st, h[left + 1], h[least]))
        least = left + 1;
      if (least == i)
        return;
      size_t t = h[i];
      h[i] = h[least];
      h[least] = t;
      i = least;
    }
}

/* Move the source at the top of the heap of ST to its next row, and the
   heap in order.  Return as source_next does.  */
static int
stream_pop (struct stream *st)
{
  int rc = source_next (&st->src[st->heap[0]]);
  if (rc < 0)
    return rc;
  if (st->src[st->heap[0]].done)
    st->heap[0] = st->heap[--st->live];
  sift_down (st, 0);
  return 0;
}

/* Open in ST a merge in ORDER of the N runs at RUNS, in file FD, and of
   the MEM_N rows at MEM (sorted in ORDER), whose examples name files of
   S.  If COMBINE,
   rows of the same key become one, as upsert and offer_example would make
   it.  Return 0, SMTPREPLY_ENOMEM or SMTPREPLY_ETEMP_FILE; close ST with
   stream_close whatever it returns.  */
static int
stream_open (struct stream *st, const struct smtpreply_summary *s, int fd,
             const struct run *runs, size_t n, const struct row *const *mem,
             size_t mem_n, row_order *order, int combine)
{
  memset (st, 0, sizeof *st);
  st->s = s;
  st->order = order;
  st->combine = combine;
  st->src = calloc (n + 1, sizeof *st->src);
  st->heap = malloc ((n + 1) * sizeof *st->heap);
  size_t each = n > 0 ? READ_BUFFERS / n : 0;
  if (each > READ_BUFFER_MAX)
    each = READ_BUFFER_MAX;
  st->bufs = malloc (n * each + 1);
  if (st->src == NULL || st->heap == NULL || st->bufs == NULL)
    return SMTPREPLY_ENOMEM;
  st->n = n + 1;
  for (size_t i = 0; i <= n; i++)
    {
      struct source *src = &st->src[i];
      src->fd = -1;
      if (i < n)
        {
          src->fd = fd;
          src->pos = runs[i].start;
          src->end = runs[i].start + runs[i].size;
          src->buf = st->bufs + i * each;
          src->buf_size = each;
        }
      else
        {
          src->mem = mem;
          src->mem_n = mem_n;
        }
      int rc = source_next (src);
      if (rc < 0)
        return rc;
      if (!src->done)
        st->heap[st->live++] = i;
    }
  for (size_t i = st->live / 2; i-- > 0;)
    sift_down (st, i);
  return 0;
}

/* Give the stream's own copy of the example of R to the row of ST.
   Return 0, or -1 if memory ran out.  */
static int
stream_take_example (struct stream *st, const struct row *r)
{
  st->row.example = NULL;
  st->row.example_len = 0;
  st->row.file = SIZE_MAX;
  st->row.line = 0;
  if (r->example == NULL)
    return 0;
  if (reserve (&st->example, &st->example_cap, r->example_len) < 0)
    return -1;
  memcpy (st->example, r->example, r->example_len);
  st->row.example = st->example;
  st->row.example_len = r->example_len;
  st->row.file = r->file;
  st->row.line = r->line;
  return 0;
}

/* Move ST to its next row, ST->row.  Return 1, 0 at the end,
   SMTPREPLY_ENOMEM or SMTPREPLY_ETEMP_FILE.  */
static int
stream_next (struct stream *st)
{
  if (st->live == 0)
    return 0;
  const struct row *r = &st->src[st->heap[0]].row;
  size_t text_len = strlen (r->text);
  if (reserve (&st->text, &st->text_cap, text_len) < 0)
    return SMTPREPLY_ENOMEM;
  memcpy (st->text, r->text, text_len + 1);
  st->row = *r;
  st->row.text = st->text;
  if (stream_take_example (st, r) < 0)
    return SMTPREPLY_ENOMEM;
  int rc = stream_pop (st);
  if (rc < 0)
    return rc;
  while (st->combine && st->live > 0
         && by_key (&st->src[st->heap[0]].row, &st->row) == 0)
    {
      r = &st->src[st->heap[0]].row;
      st->row.count += r->count;
      if (r->example != NULL && earlier (st->s, r->file, r->line, &st->row)
          && stream_take_example (st, r) < 0)
        return SMTPREPLY_ENOMEM;
      rc = stream_pop (st);
      if (rc < 0)
        return rc;
    }
  return 1;
}

/* Return SMTPREPLY_ETEMP_FILE, with errno set to ERROR.  */
static int
temp_failed (int error)
{
  errno = error;
  return SMTPREPLY_ETEMP_FILE;
}

/* Make room in RUNS for one more run.  Return 0, or -1 if memory ran
   out.  */
static int
runs_reserve (struct runs *runs)
{
  if (runs->n < runs->cap)
    return 0;
  size_t cap = runs->cap < 8 ? 8 : 2 * runs->cap;
  struct run *v = realloc (runs->v, cap * sizeof *v);
  if (v == NULL)
    return -1;
  runs->v = v;
  runs->cap = cap;
  return 0;
}

/* Return a new writer of a run at the end of RUNS, making the file of
   RUNS if it has none; NULL with errno set if memory ran out or the file
   could not be made.  Free it with free.  */
static struct writer *
writer_new (struct runs *runs)
{
  struct writer *w = malloc (sizeof *w);
  if (w == NULL)
    return NULL;
  if (runs->fd < 0)
    runs->fd = temp_open ();
  if (runs->fd < 0)
    {
      int error = errno;
      free (w);
      errno = error;
      return NULL;
    }
  w->fd = runs->fd;
  w->at = runs->end;
  w->size = 0;
  w->failed = 0;
  w->error = 0;
  w->used = 0;
  return w;
}

/* Return the error of a writer that could not be made (errno saying
   why).  */
static int
writer_new_failed (void)
{
  return errno == ENOMEM ? SMTPREPLY_ENOMEM : temp_failed (errno);
}

/* Write the N rows at ROWS (in the order of the run) as a new run at
   the end of RUNS.  Return 0, SMTPREPLY_ENOMEM or SMTPREPLY_ETEMP_FILE
   (errno saying why); RUNS holds the same runs on an error.  */
static int
runs_write (struct runs *runs, const struct row *const *rows, size_t n)
{
  if (runs_reserve (runs) < 0)
    return SMTPREPLY_ENOMEM;
  struct writer *w = writer_new (runs);
  if (w == NULL)
    return writer_new_failed ();
  for (size_t i = 0; i < n; i++)
    writer_row (w, rows[i]);
  writer_drain (w);
  int rc = 0;
  if (w->failed)
    rc = temp_failed (w->error);
  else
    {
      /* (What a failed run wrote is past END, and will be written
         over.)  */
      runs->v[runs->n++] = (struct run) { runs->end, w->size };
      runs->end += w->size;
    }
  free (w);
  return rc;
}

/* Give the space of run R of RUNS back to the file system, if it can
   punch holes in files; if it cannot, the space goes with the file.  */
static void
runs_forget (struct runs *runs, const struct run *r)
{
#ifdef FALLOC_FL_PUNCH_HOLE
  int saved = errno;
  if (r->size > 0)
    fallocate (runs->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
               (off_t) r->start, (off_t) r->size);
  errno = saved;
#else
  (void) runs;
  (void) r;
#endif
}

/* Merge the runs of RUNS from FIRST on into one, in ORDER (COMBINE: as
   stream_open), the examples naming files of S.  Return 0,
   SMTPREPLY_ENOMEM or SMTPREPLY_ETEMP_FILE; RUNS holds the same runs on
   an error.  */
static int
runs_merge (struct runs *runs, size_t first,
            const struct smtpreply_summary *s, row_order *order, int combine)
{
  struct writer *w = writer_new (runs);
  if (w == NULL)
    return writer_new_failed ();
  struct stream st;
  int rc = stream_open (&st, s, runs->fd, runs->v + first, runs->n - first,
                        NULL, 0, order, combine);
  while (rc == 0 && !w->failed && (rc = stream_next (&st)) > 0)
    {
      writer_row (w, &st.row);
      rc = 0;
    }
  int error = errno;
  stream_close (&st);
  writer_drain (w);
  if (rc == 0 && w->failed)
    {
      rc = SMTPREPLY_ETEMP_FILE;
      error = w->error;
    }
  if (rc < 0)
    {
      free (w);
      errno = error;
      return rc;
    }
  for (size_t i = first; i < runs->n; i++)
    runs_forget (runs, &runs->v[i]);
  runs->v[first] = (struct run) { runs->end, w->size };
  runs->end += w->size;
  runs->n = first + 1;
  free (w);
  return 0;
}

/* The order of runs by size, the largest first.  */
static int
by_size (const void *a, const void *b)
{
  const struct run *x = a;
  const struct run *y = b;
  return x->size > y->size ? -1 : x->size < y->size;
}

/* If RUNS has RUN_MAX runs, merge its RUN_FANIN smallest into one: see
   runs_merge.  */
static int
runs_compact (struct runs *runs, const struct smtpreply_summary *s,
              row_order *order, int combine)
{
  if (runs->n < RUN_MAX)
    return 0;
  qsort (runs->v, runs->n, sizeof *runs->v, by_size);
  return runs_merge (runs, runs->n - RUN_FANIN, s, order, combine);
}

/* Write the rows in memory of S as a run sorted by key, and empty its
   table and its store.  Return 0, SMTPREPLY_ENOMEM or
   SMTPREPLY_ETEMP_FILE (errno saying why); S holds the same rows
   whatever it returns.  */
static int
spill (struct smtpreply_summary *s)
{
  const struct row **rows = sorted_rows (s, NULL, s->nrows, by_key);
  if (rows == NULL)
    return SMTPREPLY_ENOMEM;
  int rc = runs_write (&s->runs, rows, s->nrows);
  free (rows);
  if (rc < 0)
    return rc;
  /* The blocks and the table stay, for the rows to come.  */
  s->nrows = 0;
  memset (s->slots, 0, s->nslots * sizeof *s->slots);
  memset (s->outcome_rows, 0, sizeof s->outcome_rows);
  memset (s->reason_rows, 0,
          OUTCOMES * s->nreasons * sizeof *s->reason_rows);
  chunks_free (&s->chunks);
  s->bytes = 0;
  return runs_compact (&s->runs, s, by_key, 1);
}

/* Spill S if NEED more bytes would take it past its budget.  Return as
   spill does.  */
static int
make_room (struct smtpreply_summary *s, size_t need)
{
  if (s->nrows == 0 || (s->bytes <= s->budget && need <= s->budget - s->bytes))
    return 0;
  return spill (s);
}

/* Open in ST the rows of S sorted by key, those of the same key added
   up; *MEM is an array ST reads, to free with free after stream_close.
   Return as stream_open does.  */
static int
stream_by_key (struct stream *st, const struct smtpreply_summary *s,
               const struct row ***mem)
{
  *mem = sorted_rows (s, NULL, s->nrows, by_key);
  if (*mem == NULL)
    {
      memset (st, 0, sizeof *st);
      return SMTPREPLY_ENOMEM;
    }
  return stream_open (st, s, s->runs.fd, s->runs.v, s->runs.n,
                      (const struct row *const *) *mem, s->nrows, by_key, 1);
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
  /* Room for the four rows the line may add, their texts and one
     example, made before anything is counted: a summary that cannot
     spill is left as it was.  */
  size_t need = 4 * sizeof (struct row) + EXAMPLE_MAX + 4
                + (status != NULL ? strlen (status) + 1 : 0)
                + (domain != NULL ? 3 * 256 + 1 : 0);
  int rc = make_room (s, need);
  if (rc < 0)
    return rc;
  struct row key;
  memset (&key, 0, sizeof key);
  key.outcome = smtpreply_log_record_outcome (rec);
  key.reason = -1;
  key.text = (char *) "";
  key.kind = KIND_OUTCOME;
  int known = key.outcome >= 0 && key.outcome < OUTCOMES;
  if (count_row (s, &key, known ? &s->outcome_rows[key.outcome] : NULL, 1,
                 NULL, f, lineno)
      < 0)
    return SMTPREPLY_ENOMEM;
  if (reason >= 0)
    {
      key.kind = KIND_REASON;
      key.reason = reason;
      known = known && (size_t) reason < s->nreasons;
      uint32_t *row = known ? &s->reason_rows[(size_t) key.outcome
                                              * s->nreasons
                                              + (size_t) reason]
                            : NULL;
      if (count_row (s, &key, row, 1, &e, f, lineno) < 0)
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
      if (count_row (s, &key, NULL, 1, NULL, f, lineno) < 0)
        return SMTPREPLY_ENOMEM;
    }
  key.kind = KIND_REPLY;
  key.reason = reason;
  key.code = v->code;
  key.has_enhanced = v->has_enhanced;
  if (v->has_enhanced)
    key.enhanced = v->enhanced;
  key.text = (char *) (status != NULL ? status : "");
  if (count_row (s, &key, NULL, 1, &e, f, lineno) < 0)
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
  /* The rows of FROM, spilled or not, one per key; INTO spills as it
     would adding lines.  */
  const struct row **mem;
  struct stream st;
  int rc = stream_by_key (&st, from, &mem);
  while (rc == 0 && (rc = stream_next (&st)) > 0)
    {
      const struct row *src = &st.row;
      rc = make_room (into, sizeof *src + strlen (src->text) + 1
                                + (src->example != NULL
                                       ? src->example_len + 1
                                       : 0));
      if (rc < 0)
        break;
      struct row key = *src;
      key.hash = key_hash (&key);
      struct row *r = upsert (into, &key, NULL);
      rc = SMTPREPLY_ENOMEM;
      if (r == NULL)
        break;
      r->count += src->count;
      if (src->example != NULL)
        {
          size_t f = file_index (into, from->files[src->file]);
          if (f == SIZE_MAX
              || offer_example (into, r, NULL, src->example,
                                src->example_len, f, src->line)
                     < 0)
            break;
        }
      rc = 0;
    }
  int error = errno;
  stream_close (&st);
  free (mem);
  errno = error;
  if (rc < 0)
    return rc;
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
  /* The rows sorted by key, so that where they were kept does not show.  */
  const struct row **mem;
  struct stream st;
  int rc = stream_by_key (&st, s, &mem);
  while (rc == 0 && (rc = stream_next (&st)) > 0)
    {
      const struct row *r = &st.row;
      rc = 0;
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
  int error = errno;
  stream_close (&st);
  free (mem);
  smtpreply__json_end (&j, ']');
  smtpreply__json_end (&j, '}');
  if (rc == 0 && j.failed)
    rc = SMTPREPLY_ENOMEM;
  if (rc < 0)
    {
      smtpreply__json_free (&j);
      errno = error;
      return rc;
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
  struct row *r = upsert (s, &key, NULL);
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

/* Where the text rendering is: the outcome and the kind of the rows
   being rendered (-1: none yet), how many rows of that kind came, and the
   domains past DOMAINS_SHOWN, summed.  */
struct text_state
{
  int outcome;
  int kind;
  size_t rows;
  unsigned long long rest;
  size_t rest_rows;
  size_t groups;
};

/* End the rows of the kind being rendered as text into J: the line of
   the domains not shown, if any.  */
static void
end_text_kind (struct smtpreply__json *j, struct text_state *t,
               const char *lang)
{
  if (t->kind != KIND_DOMAIN || t->rest_rows == 0)
    return;
  sink_count (j, t->rest, 8);
  smtpreply__json_raw (j, "  ", 2);
  sink_printf (j,
               /* TRANSLATORS: the last row of the domains of a log summary: how many more domains the lines above the count went to; %llu is that number.  */
               smtpreply_translate_plural ("(%llu other domain)",
                                           "(%llu other domains)",
                                           t->rest_rows, lang),
               (unsigned long long) t->rest_rows);
  smtpreply__json_raw (j, "\n", 1);
}

/* Render row R, the next in the order of by_rendering, as text into J,
   with the heading of its outcome and of its kind if it is the first of
   them.  */
static void
render_text_row (struct smtpreply__json *j, struct text_state *t,
                 const struct row *r, int color, const char *lang)
{
  if (r->outcome != t->outcome)
    {
      end_text_kind (j, t, lang);
      t->outcome = r->outcome;
      t->kind = -1;
      /* The outcome's own row, which holds its total, comes first.  */
      unsigned long long total = r->kind == KIND_OUTCOME ? r->count : 0;
      if (t->groups++ > 0)
        smtpreply__json_raw (j, "\n", 1);
      style_begin (j, color, STYLE_BOLD);
      sink_printf (j,
                   /* TRANSLATORS: heading of a part of a log summary: %s is what happened to the mail ("Deferred", "Bounced"), %llu the number of log lines.  */
                   smtpreply_translate_plural ("%s: %llu line",
                                               "%s: %llu lines", total,
                                               lang),
                   smtpreply_token_describe (SMTPREPLY_TOKEN_OUTCOME,
                                             r->outcome, lang),
                   total);
      style_end (j, color, STYLE_BOLD);
      smtpreply__json_raw (j, "\n", 1);
    }
  if (r->kind != t->kind)
    {
      end_text_kind (j, t, lang);
      t->kind = r->kind;
      t->rows = 0;
      t->rest = 0;
      t->rest_rows = 0;
      const char *heading
          = r->kind == KIND_REASON
                /* TRANSLATORS: sub-heading of a log summary: its lines counted by reason of failure.  */
                ? smtpreply__translate_static ("By reason:", lang)
            : r->kind == KIND_DOMAIN
                /* TRANSLATORS: sub-heading of a log summary: its lines counted by the domain of the recipient.  */
                ? smtpreply__translate_static ("By destination domain:",
                                               lang)
            : r->kind == KIND_REPLY
                /* TRANSLATORS: sub-heading of a log summary: its lines counted by reply code, enhanced code and status.  */
                ? smtpreply__translate_static ("By reply:", lang)
                : NULL;
      if (heading != NULL)
        {
          smtpreply__json_raw (j, "  ", 2);
          smtpreply__json_raw (j, heading, strlen (heading));
          smtpreply__json_raw (j, "\n", 1);
        }
    }
  if (r->kind == KIND_OUTCOME)
    return;
  if (r->kind == KIND_DOMAIN && t->rows++ >= DOMAINS_SHOWN)
    {
      t->rest += r->count;
      t->rest_rows++;
      return;
    }
  sink_count (j, r->count, 8);
  smtpreply__json_raw (j, "  ", 2);
  const struct smtpreply_reason *reason
      = r->reason >= 0 ? smtpreply_reason_at ((size_t) r->reason) : NULL;
  if (r->kind == KIND_REASON)
    {
      const char *title = smtpreply__translate_static (reason->title, lang);
      smtpreply__json_raw (j, title, strlen (title));
    }
  else if (r->kind == KIND_DOMAIN)
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
      const char *d = describe (r->code, r->has_enhanced ? &r->enhanced : NULL,
                                lang);
      smtpreply__json_raw (j, d, strlen (d));
    }
  smtpreply__json_raw (j, "\n", 1);
  if (r->example != NULL)
    text_example (j, r, color);
}

/* Rows being gathered for rendering: N of them at ROWS, their texts in
   a store of CHUNKS; BYTES is what both take.  */
struct batch
{
  struct row *rows;
  size_t n;
  size_t cap;
  struct chunk *chunks;
  size_t bytes;
};

/* Empty batch B.  */
static void
batch_empty (struct batch *b)
{
  chunks_free (&b->chunks);
  b->n = 0;
  b->bytes = 0;
}

/* Add a copy of row R, its texts with it, to batch B.  Return 0, or -1 if
   memory ran out.  */
static int
batch_add (struct batch *b, const struct row *r)
{
  if (b->n == b->cap)
    {
      size_t cap = b->cap < 64 ? 64 : 2 * b->cap;
      struct row *rows = realloc (b->rows, cap * sizeof *rows);
      if (rows == NULL)
        return -1;
      b->rows = rows;
      b->cap = cap;
    }
  struct row *copy = &b->rows[b->n];
  *copy = *r;
  copy->text = store_in (&b->chunks, &b->bytes, r->text, strlen (r->text));
  if (copy->text == NULL)
    return -1;
  if (r->example != NULL)
    {
      copy->example = store_in (&b->chunks, &b->bytes, r->example,
                                r->example_len);
      if (copy->example == NULL)
        return -1;
    }
  b->bytes += sizeof *copy;
  b->n++;
  return 0;
}

/* Write batch B, sorted for rendering, as a run at the end of RUNS, and
   empty it; the examples name files of S.  Return 0, SMTPREPLY_ENOMEM or
   SMTPREPLY_ETEMP_FILE.  */
static int
batch_spill (struct batch *b, struct runs *runs,
             const struct smtpreply_summary *s)
{
  const struct row **rows = sorted_rows (s, b->rows, b->n, by_rendering);
  if (rows == NULL)
    return SMTPREPLY_ENOMEM;
  int rc = runs_write (runs, rows, b->n);
  free (rows);
  if (rc < 0)
    return rc;
  batch_empty (b);
  return runs_compact (runs, s, by_rendering, 0);
}

/* Gather the rows of S that have spilled, and those in memory, into
   runs RUNS sorted for rendering and batch B (B is the last of them, in
   memory).  Return 0, SMTPREPLY_ENOMEM or SMTPREPLY_ETEMP_FILE.  */
static int
gather (const struct smtpreply_summary *s, struct runs *runs,
        struct batch *b)
{
  const struct row **mem;
  struct stream st;
  /* Half the budget: the summary's own rows are still in memory.  */
  size_t limit = s->budget / 2;
  int rc = stream_by_key (&st, s, &mem);
  while (rc == 0 && (rc = stream_next (&st)) > 0)
    {
      const struct row *r = &st.row;
      size_t need = sizeof *r + strlen (r->text) + 1
                    + (r->example != NULL ? r->example_len + 1 : 0);
      rc = 0;
      if (b->n > 0 && b->bytes + need > limit)
        rc = batch_spill (b, runs, s);
      if (rc == 0 && batch_add (b, r) < 0)
        rc = SMTPREPLY_ENOMEM;
    }
  int error = errno;
  stream_close (&st);
  free (mem);
  errno = error;
  return rc;
}

/* Render S in FORMAT and language LANG into O.  Return 0,
   SMTPREPLY_ENOMEM, SMTPREPLY_ETEMP_FILE, or the positive value O's write
   function returned to stop.  */
static int
render (const struct smtpreply_summary *s, int format, const char *lang,
        struct render *o)
{
  struct smtpreply__json *j = &o->j;
  int color = format == SMTPREPLY_SUMMARY_COLOR;
  /* The rows in the order they are rendered: those in memory sorted,
     or, if some have spilled, runs of them sorted, merged.  */
  struct runs runs = { -1, 0, NULL, 0, 0 };
  struct batch b = { NULL, 0, 0, NULL, 0 };
  const struct row **mem = NULL;
  size_t mem_n = s->nrows;
  int rc = 0;
  if (s->runs.n == 0)
    mem = sorted_rows (s, NULL, s->nrows, by_rendering);
  else
    {
      rc = gather (s, &runs, &b);
      if (rc == 0)
        mem = sorted_rows (s, b.rows, b.n, by_rendering);
      mem_n = b.n;
    }
  if (rc == 0 && mem == NULL)
    rc = SMTPREPLY_ENOMEM;
  struct stream st;
  memset (&st, 0, sizeof st);
  if (rc == 0)
    rc = stream_open (&st, s, runs.fd, runs.v, runs.n,
                      (const struct row *const *) mem, mem_n, by_rendering,
                      0);
  struct text_state t = { -1, -1, 0, 0, 0, 0 };
  while (rc == 0 && !flush (o, 0) && (rc = stream_next (&st)) > 0)
    {
      rc = 0;
      if (format == SMTPREPLY_SUMMARY_JSON)
        render_json_row (s, j, &st.row, lang);
      else
        render_text_row (j, &t, &st.row, color, lang);
    }
  if (format != SMTPREPLY_SUMMARY_JSON)
    end_text_kind (j, &t, lang);
  int error = errno;
  stream_close (&st);
  free (mem);
  batch_empty (&b);
  free (b.rows);
  runs_free (&runs);
  errno = error;
  if (rc < 0)
    return rc;
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
  int rc = render (s, format, lang, &o);
  if (rc != 0)
    {
      smtpreply__json_free (&o.j);
      return rc < 0 ? rc : SMTPREPLY_ENOMEM;
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
