/* pool.c -- read the lines of a log in several threads, use them in order.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Reading a line with a reply (finding the reply, classifying it, reading
   the fields) is most of what "annotate" does, and each line is read on
   its own.  So the main thread copies the lines of the file into batches;
   the other threads, and the main thread while it waits, read each line
   of a batch with smtpreply_log_read into a record of their own and keep
   a copy of the records of the lines with a reply; then the main thread
   hands the lines out in their order, each with its record copied into
   the caller's (smtpreply_log_record_copy), whose memory of verdicts and
   their JSON goes on working from line to line.  What the caller does
   with the lines is what it does reading them one by one, in the same
   order, whatever the number of threads: the output is the same.

   A pool that counts the lines in a summary (cli_pool_new's TABLE) hands
   them out without their records: each thread counts the lines it reads
   in a summary of its own (the main thread's is TABLE), and
   cli_pool_merge adds the others into TABLE at the end.  A summary does
   not depend on the order its lines come in (counts add up, and the
   example of a row is the line that comes first by file name and line
   number), so it is the one a single thread makes, and no thread waits
   for the main one to count.

   Memory stays flat: at most RING batches a thread (RING_COUNTING in
   all if that is more and threads count lines), each of about BATCH_BYTES
   of lines (more only for a longer line) and BATCH_LINES records (none
   when the pool counts), and a summary a thread when the pool counts,
   which spills as any summary does.  */

#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smtpreply.h"
#include "cli.h"

/* The size of a batch: lines are added while it holds fewer bytes and
   lines than these.  */
#define BATCH_BYTES (16 * 1024)
#define BATCH_LINES 128

/* Batches a thread, in the ring; and at least RING_COUNTING in all in a
   pool of threads that counts lines, whose batches hold no records: the
   threads read ahead in them rather than wait for the main one.  (With two
   threads, annotate --summary took 5% less time with 16 batches than
   with 4, and more again with 32; the pools that hand out records gained
   nothing.)  */
#define RING 2
#define RING_COUNTING 16

/* A line of a batch.  */
struct item
{
  size_t offset;           /* of its bytes in the batch */
  size_t len;
  int rc;                  /* what smtpreply_log_read returned; counting,
                              what smtpreply_summary_add did if it failed */
  int error;               /* errno after that failure */
  int rec;                 /* its record in the batch's, or -1: no reply,
                              or counted */
};

struct batch
{
  enum
  {
    FREE,                  /* to be filled */
    FILLED,                /* to be read */
    READING,               /* being read by a thread */
    READ                   /* to be used */
  } state;
  char *bytes;
  size_t used;
  size_t cap;
  struct item *items;      /* BATCH_LINES of them */
  size_t nitems;
  size_t first;            /* the number of its first line in the file */
  struct smtpreply_log_record **recs; /* of the lines with a reply */
  size_t nrecs;
  size_t made;             /* records made so far (RECS has BATCH_LINES) */
};

/* What a thread reads lines with: a record, and a summary if the pool
   counts lines.  */
struct reader
{
  struct cli_pool *pool;
  struct smtpreply_log_record *rec;
  struct smtpreply_summary *summary;
};

struct cli_pool
{
  pthread_mutex_t lock;
  pthread_cond_t filled;   /* a batch was filled, or the pool stops */
  pthread_cond_t read;     /* a batch was read */
  struct batch *ring;
  size_t nring;
  /* Counts of batches since the start: the next to fill, to read and to
     use; each batch is RING[count % NRING].  USE <= TAKE <= FILL.  */
  size_t fill;
  size_t take;
  size_t use;
  int stop;
  pthread_t *threads;
  size_t nthreads;         /* started */
  size_t wanted;           /* to start besides the main thread */
  int stage;
  int fields;              /* read the fields of lines with a reply */
  /* The main thread's reader, then one for each thread started.  */
  struct reader *readers;
  /* The main thread's summary, NULL if the pool does not count; the
     options and memory of the others; the name of the file read, to
     count with.  */
  struct smtpreply_summary *table;
  unsigned int options;
  size_t memory;
  const char *file;
};

/* Read the lines of batch B with reader R, the calling thread's, at the
   pool's stage; count those with a reply in R's summary if the pool
   counts, else keep a copy of their records.  Called without the lock: B
   is this thread's.  */
static void
read_batch (const struct cli_pool *p, struct batch *b, struct reader *r)
{
  struct smtpreply_log_record *rec = r->rec;
  b->nrecs = 0;
  for (size_t i = 0; i < b->nitems; i++)
    {
      struct item *it = &b->items[i];
      it->rec = -1;
      it->rc = smtpreply_log_read (rec, b->bytes + it->offset, it->len,
                                   p->stage);
      if (it->rc < 0 || smtpreply_log_record_match (rec)->found == 0)
        continue;
      if (r->summary != NULL)
        {
          it->rc = smtpreply_summary_add (r->summary, rec, p->file,
                                          b->first + i);
          if (it->rc < 0)
            it->error = errno;
          continue;
        }
      /* The fields are read here, in this thread, not by the user.  */
      if (p->fields)
        (void) smtpreply_log_record_outcome (rec);
      if (b->nrecs == b->made)
        {
          if (smtpreply_log_record_new (&b->recs[b->made]) < 0)
            {
              it->rc = SMTPREPLY_ENOMEM;
              continue;
            }
          b->made++;
        }
      smtpreply_log_record_copy (b->recs[b->nrecs], rec);
      it->rec = (int) b->nrecs++;
    }
}

/* Take the next filled batch, if there is one, and read it with reader
   R.  Called with the lock held, which it releases while reading.  Return
   1 if it read one, else 0.  */
static int
read_next (struct cli_pool *p, struct reader *r)
{
  if (p->take == p->fill)
    return 0;
  struct batch *b = &p->ring[p->take % p->nring];
  p->take++;
  b->state = READING;
  pthread_mutex_unlock (&p->lock);
  read_batch (p, b, r);
  pthread_mutex_lock (&p->lock);
  b->state = READ;
  pthread_cond_broadcast (&p->read);
  return 1;
}

/* A thread of the pool, with its reader ARG: read batches as they are
   filled until the pool stops.  */
static void *
worker (void *arg)
{
  struct reader *r = arg;
  struct cli_pool *p = r->pool;
  pthread_mutex_lock (&p->lock);
  while (!p->stop)
    if (!read_next (p, r))
      pthread_cond_wait (&p->filled, &p->lock);
  pthread_mutex_unlock (&p->lock);
  return NULL;
}

/* Make the record of reader R of pool P, and its summary if P counts.
   Return 0, or -1 if memory ran out (R holds what was made).  */
static int
reader_new (struct cli_pool *p, struct reader *r)
{
  r->pool = p;
  if (smtpreply_log_record_new (&r->rec) < 0)
    return -1;
  if (p->table == NULL)
    return 0;
  if (smtpreply_summary_new (p->options, &r->summary) < 0)
    return -1;
  smtpreply_summary_set_memory (r->summary, p->memory);
  return 0;
}

/* Free what reader R holds but its pool.  */
static void
reader_free (struct reader *r)
{
  smtpreply_log_record_free (r->rec);
  smtpreply_summary_free (r->summary);
  r->rec = NULL;
  r->summary = NULL;
}

struct cli_pool *
cli_pool_new (unsigned int jobs, int stage, int fields,
              struct smtpreply_summary *table, unsigned int options,
              size_t memory)
{
  struct cli_pool *p = calloc (1, sizeof *p);
  if (p == NULL)
    return NULL;
  p->wanted = jobs > 1 ? jobs - 1 : 0;
  p->nring = RING * (p->wanted + 1);
  if (table != NULL && p->wanted > 0 && p->nring < RING_COUNTING)
    p->nring = RING_COUNTING;
  p->stage = stage;
  p->fields = fields;
  p->table = table;
  p->options = options;
  p->memory = memory;
  p->ring = calloc (p->nring, sizeof *p->ring);
  p->threads = calloc (p->wanted + 1, sizeof *p->threads);
  p->readers = calloc (p->wanted + 1, sizeof *p->readers);
  int ok = p->ring != NULL && p->threads != NULL && p->readers != NULL
           && smtpreply_log_record_new (&p->readers[0].rec) == 0;
  if (ok)
    {
      p->readers[0].pool = p;
      p->readers[0].summary = table;
    }
  for (size_t i = 0; ok && i < p->nring; i++)
    {
      struct batch *b = &p->ring[i];
      b->items = malloc (BATCH_LINES * sizeof *b->items);
      b->recs = malloc (BATCH_LINES * sizeof *b->recs);
      ok = b->items != NULL && b->recs != NULL;
    }
  if (!ok)
    {
      cli_pool_free (p);
      return NULL;
    }
  pthread_mutex_init (&p->lock, NULL);
  pthread_cond_init (&p->filled, NULL);
  pthread_cond_init (&p->read, NULL);
  return p;
}

void
cli_pool_free (struct cli_pool *p)
{
  if (p == NULL)
    return;
  if (p->nthreads > 0)
    {
      pthread_mutex_lock (&p->lock);
      p->stop = 1;
      pthread_cond_broadcast (&p->filled);
      pthread_mutex_unlock (&p->lock);
      for (size_t i = 0; i < p->nthreads; i++)
        pthread_join (p->threads[i], NULL);
    }
  if (p->ring != NULL)
    {
      pthread_mutex_destroy (&p->lock);
      pthread_cond_destroy (&p->filled);
      pthread_cond_destroy (&p->read);
    }
  for (size_t i = 0; p->ring != NULL && i < p->nring; i++)
    {
      struct batch *b = &p->ring[i];
      for (size_t k = 0; k < b->made; k++)
        smtpreply_log_record_free (b->recs[k]);
      free (b->recs);
      free (b->items);
      free (b->bytes);
    }
  if (p->readers != NULL)
    {
      /* The main thread's summary is the caller's.  */
      smtpreply_log_record_free (p->readers[0].rec);
      for (size_t i = 1; i <= p->nthreads; i++)
        reader_free (&p->readers[i]);
    }
  free (p->readers);
  free (p->ring);
  free (p->threads);
  free (p);
}

/* Start the threads of P that are not running yet, each with a reader of
   its own; if one cannot start, the others (and the main thread) do its
   share.  */
static void
start_threads (struct cli_pool *p)
{
  while (p->nthreads < p->wanted)
    {
      struct reader *r = &p->readers[p->nthreads + 1];
      if (reader_new (p, r) < 0
          || pthread_create (&p->threads[p->nthreads], NULL, worker, r) != 0)
        {
          reader_free (r);
          p->wanted = p->nthreads;
          break;
        }
      p->nthreads++;
    }
}

/* Make room in batch B for LEN more bytes.  Return 0, or -1 if memory
   ran out.  */
static int
make_room (struct batch *b, size_t len)
{
  if (b->used + len <= b->cap)
    return 0;
  /* Room for a whole batch and its last line, or more for a longer
     line.  */
  size_t cap = b->used + len > 2 * BATCH_BYTES ? b->used + len
                                                : 2 * BATCH_BYTES;
  char *bytes = realloc (b->bytes, cap);
  if (bytes == NULL)
    return -1;
  b->bytes = bytes;
  b->cap = cap;
  return 0;
}

/* Add the LEN bytes at LINE to batch B.  Return 0, or -1 if memory ran
   out.  */
static int
add_line (struct batch *b, const char *line, size_t len)
{
  if (make_room (b, len) < 0)
    return -1;
  memcpy (b->bytes + b->used, line, len);
  b->items[b->nitems].offset = b->used;
  b->items[b->nitems].len = len;
  b->nitems++;
  b->used += len;
  return 0;
}

/* Add to batch B the whole lines among the N bytes at AHEAD (the input's
   bytes decoded ahead), as many as it takes, each as cli_input_line cuts
   it (every one is shorter than CLI_LINE_MAX), with one copy.  Return the
   number of bytes taken, with their line endings, and store the number
   of lines in *LINES; or return 0 if there is no whole line, and -1 if
   memory ran out.  */
static ssize_t
add_lines (struct batch *b, const char *ahead, size_t n, size_t *lines)
{
  size_t taken = 0;
  size_t base = b->used;
  size_t k = b->nitems;
  while (k < BATCH_LINES && base + taken < BATCH_BYTES)
    {
      const char *line = ahead + taken;
      const char *lf = memchr (line, '\n', n - taken);
      if (lf == NULL)
        break;
      size_t len = (size_t) (lf - line);
      b->items[k].offset = base + taken;
      b->items[k].len = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
      k++;
      taken += len + 1;
    }
  if (taken == 0)
    return 0;
  if (make_room (b, taken) < 0)
    return -1;
  memcpy (b->bytes + base, ahead, taken);
  *lines = k - b->nitems;
  b->nitems = k;
  b->used += taken;
  return (ssize_t) taken;
}

/* Hand out the lines of the oldest batch of P, once read, to USE, with
   FILE and CTX, each line with a reply with its record copied into DST
   (unless the pool counts); read batches meanwhile rather than wait.
   Return what USE returned last (0 if all went well).  */
static int
use_batch (struct cli_pool *p, const char *file,
           struct smtpreply_log_record *dst, cli_pool_use *use, void *ctx)
{
  struct batch *b = &p->ring[p->use % p->nring];
  pthread_mutex_lock (&p->lock);
  while (b->state != READ)
    if (!read_next (p, &p->readers[0]))
      pthread_cond_wait (&p->read, &p->lock);
  pthread_mutex_unlock (&p->lock);
  int status = 0;
  for (size_t i = 0; i < b->nitems && status == 0; i++)
    {
      const struct item *it = &b->items[i];
      if (it->rec >= 0)
        smtpreply_log_record_copy (dst, b->recs[it->rec]);
      /* A line that could not be counted fails as it would have here.  */
      if (it->rc < 0)
        errno = it->error;
      status = use (ctx, file, b->first + i, b->bytes + it->offset, it->len,
                    it->rc, it->rec >= 0);
    }
  b->state = FREE;
  b->nitems = 0;
  b->used = 0;
  /* A batch grown for a long line goes back to its size.  */
  if (b->cap > 4 * BATCH_BYTES)
    {
      free (b->bytes);
      b->bytes = NULL;
      b->cap = 0;
    }
  p->use++;
  return status;
}

/* Wait for every batch of P being read by a thread, and drop the others
   without using them.  */
static void
drop_batches (struct cli_pool *p)
{
  pthread_mutex_lock (&p->lock);
  /* No thread takes a batch past FILL: making TAKE equal to it hands out
     no more.  */
  p->take = p->fill;
  for (size_t n = p->use; n < p->fill; n++)
    {
      struct batch *b = &p->ring[n % p->nring];
      while (b->state == READING)
        pthread_cond_wait (&p->read, &p->lock);
      b->state = FREE;
      b->nitems = 0;
      b->used = 0;
    }
  p->use = p->fill;
  pthread_mutex_unlock (&p->lock);
}

int
cli_pool_run (struct cli_pool *p, struct cli_input *in,
              struct smtpreply_log_record *dst, cli_pool_use *use, void *ctx)
{
  const char *file = cli_input_name (in);
  int status = 0;
  int rc = 1;
  /* No thread reads a line of the file before it is set, nor after the
     run (drop_batches).  */
  p->file = file;
  while (rc > 0 && status == 0)
    {
      if (p->fill - p->use == p->nring)
        {
          status = use_batch (p, file, dst, use, ctx);
          continue;
        }
      struct batch *b = &p->ring[p->fill % p->nring];
      b->first = cli_input_line_number (in) + 1;
      while (b->nitems < BATCH_LINES && b->used < BATCH_BYTES)
        {
          /* The whole lines the input holds, at once; else a line read
             the usual way (the buffer ends inside it, or the input must
             read more).  */
          const char *line;
          size_t len = cli_input_ahead (in, &line);
          size_t lines = 0;
          ssize_t taken = len > 0 ? add_lines (b, line, len, &lines) : 0;
          if (taken > 0)
            {
              cli_input_skip (in, (size_t) taken, lines);
              continue;
            }
          if (taken == 0)
            {
              rc = cli_input_line (in, &line, &len);
              if (rc <= 0)
                break;
            }
          if (taken < 0 || add_line (b, line, len) < 0)
            {
              cli_error ("%s", smtpreply_strerror_lang (SMTPREPLY_ENOMEM,
                                                        cli_lang));
              status = EXIT_NO_FILE;
              break;
            }
        }
      if (b->nitems == 0 || status != 0)
        {
          b->nitems = 0;
          b->used = 0;
          break;
        }
      /* A file of one batch is read by the main thread alone.  */
      if (rc > 0)
        start_threads (p);
      pthread_mutex_lock (&p->lock);
      b->state = FILLED;
      p->fill++;
      pthread_cond_signal (&p->filled);
      pthread_mutex_unlock (&p->lock);
    }
  while (status == 0 && p->use < p->fill)
    status = use_batch (p, file, dst, use, ctx);
  drop_batches (p);
  if (status != 0)
    return status;
  return rc < 0 ? EXIT_NO_FILE : 0;
}

int
cli_pool_merge (struct cli_pool *p)
{
  int rc = 0;
  /* The threads are between batches: none touches its summary.  */
  pthread_mutex_lock (&p->lock);
  for (size_t i = 1; i <= p->nthreads; i++)
    {
      struct reader *r = &p->readers[i];
      if (rc == 0 && r->summary != NULL)
        rc = smtpreply_summary_merge (p->table, r->summary);
      int error = errno;
      smtpreply_summary_free (r->summary);
      r->summary = NULL;
      errno = error;
    }
  pthread_mutex_unlock (&p->lock);
  return rc;
}

unsigned int
cli_processors (void)
{
  long n = sysconf (_SC_NPROCESSORS_ONLN);
  return n > 1 ? (unsigned int) n : 1;
}
