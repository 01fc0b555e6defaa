/* fuzz-parser.c -- the reply parser, fed in random chunkings.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The first 8 bytes of the input choose the parser's settings and how the
   rest, the stream, is cut into chunks:

     0, 1  strict flags (little-endian, masked with smtpreply_flag_all)
     2     line length limit: 4 + B if B < 250, else the default
     3     lines per reply: 1 + B % 16 if B < 240, else the default
     4     bytes per reply: 1 + 4 * B if B < 250, else the default
     5     bits 0-2: the largest chunk (1, 2, 3, 5, 8, 13, 64 bytes, or
           anything up to the rest); bit 3: empty feeds between chunks
     6, 7  seed of the chunk sizes

   The stream is fed in those chunks to one parser and whole to another,
   then whole again to the first one after smtpreply_parser_finish.  Each
   returned reply must be sound (a valid code, at least one line, within
   the limits, its code's digits at its offset in the stream), error
   offsets must never decrease nor pass the bytes fed, and the three runs
   must give the same sequence of results.  */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "fuzz.h"

#define HEADER 8

/* What one run reads from the header.  */
struct settings
{
  unsigned int strict;
  size_t line_limit;
  size_t lines_limit;
  size_t bytes_limit;
  size_t max_chunk;    /* 0: anything up to the rest */
  int empty_feeds;
  uint32_t seed;
};

/* One result: a reply, an error of feed, or what finish returned.  */
struct event
{
  int finish;
  int rc;
  size_t error_offset;
  size_t error_line;
  int code;
  unsigned int flags;
  size_t lines;
  size_t offset;
  size_t line_number;
  int has_enhanced;
  struct smtpreply_enhanced_code enhanced;
  uint64_t hash;
};

/* Return HASH (FNV-1a) continued over the LEN bytes at P.  */
static uint64_t
fnv (uint64_t hash, const void *p, size_t len)
{
  const unsigned char *s = p;
  for (size_t i = 0; i < len; i++)
    {
      hash ^= s[i];
      hash *= 0x100000001b3ULL;
    }
  return hash;
}

/* Check the reply R, returned after the stream's first END bytes (DATA)
   were fed to a parser with settings S, and record it in *E.  */
static void
check_reply (const struct smtpreply_response *r, const struct settings *s,
             const char *data, size_t end, struct event *e)
{
  FUZZ_ASSERT (r != NULL);
  int code = smtpreply_response_code (r);
  FUZZ_ASSERT (smtpreply_code_check (code) == 0);
  size_t lines = smtpreply_response_line_count (r);
  FUZZ_ASSERT (lines >= 1);
  FUZZ_ASSERT (lines <= s->lines_limit);

  uint64_t hash = 0xcbf29ce484222325ULL;
  size_t total = 0;
  for (size_t i = 0; i < lines; i++)
    {
      size_t len = (size_t) -1;
      const char *text = smtpreply_response_line (r, i, &len);
      FUZZ_ASSERT (text != NULL);
      /* A line counts its code and its LF at least.  */
      FUZZ_ASSERT (len <= s->line_limit - 4);
      FUZZ_ASSERT (len == 0 || memchr (text, '\0', len) == NULL);
      FUZZ_ASSERT (len == 0 || memchr (text, '\n', len) == NULL);
      total += len + 4;
      size_t message_len = (size_t) -1;
      const char *message = smtpreply_response_message (r, i, &message_len);
      FUZZ_ASSERT (message != NULL);
      FUZZ_ASSERT (message >= text && message_len <= len);
      FUZZ_ASSERT (message + message_len == text + len);
      size_t skip = (size_t) (message - text);
      hash = fnv (hash, &len, sizeof len);
      hash = fnv (hash, &skip, sizeof skip);
      hash = fnv (hash, text, len);
    }
  FUZZ_ASSERT (total <= s->bytes_limit);
  size_t len;
  FUZZ_ASSERT (smtpreply_response_line (r, lines, &len) == NULL);
  FUZZ_ASSERT (smtpreply_response_message (r, lines, &len) == NULL);

  unsigned int flags = smtpreply_response_flags (r);
  FUZZ_ASSERT ((flags & ~smtpreply_flag_all ()) == 0);
  FUZZ_ASSERT ((flags & s->strict) == 0);
  const struct smtpreply_enhanced_code *enh = smtpreply_response_enhanced (r);
  FUZZ_ASSERT (enh == NULL || smtpreply_enhanced_check (enh) == 0);

  /* The reply starts with its code, and its first line's text follows the
     code and the separator.  */
  size_t offset = smtpreply_response_offset (r);
  FUZZ_ASSERT (offset <= end && end - offset >= 4);
  FUZZ_ASSERT (data[offset] == '0' + code / 100);
  FUZZ_ASSERT (data[offset + 1] == '0' + code / 10 % 10);
  FUZZ_ASSERT (data[offset + 2] == '0' + code % 10);
  size_t first_len;
  const char *first = smtpreply_response_line (r, 0, &first_len);
  size_t at = data[offset + 3] == ' ' || data[offset + 3] == '-' ? 4 : 3;
  FUZZ_ASSERT (first_len <= end - offset - at);
  FUZZ_ASSERT (first_len == 0 || memcmp (data + offset + at, first, first_len)
                                     == 0);
  FUZZ_ASSERT (smtpreply_response_line_number (r) >= 1);

  e->code = code;
  e->flags = flags;
  e->lines = lines;
  e->offset = offset;
  e->line_number = smtpreply_response_line_number (r);
  e->has_enhanced = enh != NULL;
  if (enh != NULL)
    e->enhanced = *enh;
  e->hash = hash;
}

/* The state of one run.  */
struct run
{
  struct event *events;
  size_t count;
  size_t capacity;
  int have_error;
  size_t last_error;
  int have_reply;
  size_t last_reply;
};

/* Return a new event of RUN, cleared.  */
static struct event *
new_event (struct run *run)
{
  /* Each result takes a byte of the stream, but for the error at an LF
     that is taken by the next call; one more is finish's.  */
  FUZZ_ASSERT (run->count < run->capacity);
  struct event *e = &run->events[run->count++];
  memset (e, 0, sizeof *e);
  return e;
}

/* Check and record what the error RC of P says, found after the stream's
   first END bytes were fed.  */
static void
check_error (struct run *run, const struct smtpreply_parser *p, int rc,
             size_t end, int finish)
{
  FUZZ_ASSERT (smtpreply_errname (rc) != NULL);
  FUZZ_ASSERT (smtpreply_parser_reply (p) == NULL);
  size_t offset = smtpreply_parser_error_offset (p);
  /* A feed's error is at a byte it was given; finish's at the end.  */
  FUZZ_ASSERT (finish ? offset <= end : offset < end);
  FUZZ_ASSERT (!run->have_error || offset >= run->last_error);
  FUZZ_ASSERT (smtpreply_parser_error_line (p) >= 1);
  run->have_error = 1;
  run->last_error = offset;
  struct event *e = new_event (run);
  e->finish = finish;
  e->rc = rc;
  e->error_offset = offset;
  e->error_line = smtpreply_parser_error_line (p);
}

/* Feed the SIZE bytes at DATA to P, in chunks if CHUNKED, then finish, and
   record the results in RUN.  */
static void
feed_all (struct smtpreply_parser *p, const struct settings *s,
          const char *data, size_t size, int chunked, struct run *run)
{
  uint32_t state = s->seed;
  size_t pos = 0;
  run->count = 0;
  run->have_error = 0;
  run->have_reply = 0;
  while (pos < size)
    {
      size_t end = size;
      if (chunked)
        {
          if (s->empty_feeds && (fuzz_random (&state) & 1) != 0)
            {
              size_t used = (size_t) -1;
              FUZZ_ASSERT (smtpreply_parser_feed (p, data + pos, 0, &used)
                           == 0);
              FUZZ_ASSERT (used == 0);
            }
          size_t max = s->max_chunk != 0 ? s->max_chunk : size - pos;
          size_t chunk = 1 + fuzz_random (&state) % max;
          if (chunk < size - pos)
            end = pos + chunk;
        }
      int stalled = 0;
      while (pos < end)
        {
          size_t used = (size_t) -1;
          int rc = smtpreply_parser_feed (p, data + pos, end - pos, &used);
          FUZZ_ASSERT (used <= end - pos);
          if (rc == 0)
            {
              FUZZ_ASSERT (used == end - pos);
              FUZZ_ASSERT (smtpreply_parser_reply (p) == NULL);
            }
          else if (rc == SMTPREPLY_READY)
            {
              const struct smtpreply_response *r = smtpreply_parser_reply (p);
              struct event *e = new_event (run);
              e->rc = rc;
              check_reply (r, s, data, end, e);
              FUZZ_ASSERT (!run->have_reply || e->offset > run->last_reply);
              run->have_reply = 1;
              run->last_reply = e->offset;
            }
          else
            {
              FUZZ_ASSERT (rc < 0);
              check_error (run, p, rc, end, 0);
            }
          pos += used;
          /* A call that takes nothing must let the next one go on.  */
          stalled = used == 0 ? stalled + 1 : 0;
          FUZZ_ASSERT (stalled < 2);
        }
    }
  int rc = smtpreply_parser_finish (p);
  FUZZ_ASSERT (rc == 0 || rc == SMTPREPLY_ETRUNCATED);
  if (rc != 0)
    check_error (run, p, rc, size, 1);
  FUZZ_ASSERT (smtpreply_parser_reply (p) == NULL);
}

/* Abort unless runs A and B gave the same results.  */
static void
same_results (const struct run *a, const struct run *b)
{
  FUZZ_ASSERT (a->count == b->count);
  for (size_t i = 0; i < a->count; i++)
    {
      const struct event *x = &a->events[i];
      const struct event *y = &b->events[i];
      FUZZ_ASSERT (x->finish == y->finish);
      FUZZ_ASSERT (x->rc == y->rc);
      FUZZ_ASSERT (x->error_offset == y->error_offset);
      FUZZ_ASSERT (x->error_line == y->error_line);
      FUZZ_ASSERT (x->code == y->code);
      FUZZ_ASSERT (x->flags == y->flags);
      FUZZ_ASSERT (x->lines == y->lines);
      FUZZ_ASSERT (x->offset == y->offset);
      FUZZ_ASSERT (x->line_number == y->line_number);
      FUZZ_ASSERT (x->has_enhanced == y->has_enhanced);
      FUZZ_ASSERT (x->enhanced.cls == y->enhanced.cls);
      FUZZ_ASSERT (x->enhanced.subject == y->enhanced.subject);
      FUZZ_ASSERT (x->enhanced.detail == y->enhanced.detail);
      FUZZ_ASSERT (x->hash == y->hash);
    }
}

/* Make a parser with settings S.  */
static struct smtpreply_parser *
new_parser (const struct settings *s)
{
  struct smtpreply_parser *p;
  if (smtpreply_parser_new (&p) != 0)
    return NULL;
  FUZZ_ASSERT (smtpreply_parser_set_strict (p, s->strict) == 0);
  FUZZ_ASSERT (smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH,
                                           s->line_limit)
               == 0);
  FUZZ_ASSERT (smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_LINES,
                                           s->lines_limit)
               == 0);
  FUZZ_ASSERT (smtpreply_parser_set_limit (p, SMTPREPLY_LIMIT_REPLY_BYTES,
                                           s->bytes_limit)
               == 0);
  FUZZ_ASSERT (smtpreply_parser_get_limit (p, SMTPREPLY_LIMIT_LINE_LENGTH)
               == s->line_limit);
  return p;
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < HEADER)
    return 0;
  static const size_t chunks[] = { 1, 2, 3, 5, 8, 13, 64, 0 };
  struct settings s;
  s.strict = (data[0] | (unsigned int) data[1] << 8) & smtpreply_flag_all ();
  s.line_limit = data[2] < 250 ? 4 + (size_t) data[2] : 512;
  s.lines_limit = data[3] < 240 ? 1 + (size_t) data[3] % 16 : 1000;
  s.bytes_limit = data[4] < 250 ? 1 + 4 * (size_t) data[4] : 64 * 1024;
  s.max_chunk = chunks[data[5] & 7];
  s.empty_feeds = (data[5] & 8) != 0;
  s.seed = (uint32_t) data[6] | (uint32_t) data[7] << 8;
  const char *stream = (const char *) data + HEADER;
  size_t len = size - HEADER;

  struct smtpreply_parser *chunked = new_parser (&s);
  struct smtpreply_parser *whole = new_parser (&s);
  struct run a = { 0 };
  struct run b = { 0 };
  a.capacity = b.capacity = len + 2;
  a.events = malloc (a.capacity * sizeof *a.events);
  b.events = malloc (b.capacity * sizeof *b.events);
  if (chunked != NULL && whole != NULL && a.events != NULL
      && b.events != NULL)
    {
      feed_all (chunked, &s, stream, len, 1, &a);
      feed_all (whole, &s, stream, len, 0, &b);
      same_results (&a, &b);
      /* After finish, the first parser reads a new stream as a new one
         would.  */
      feed_all (chunked, &s, stream, len, 0, &a);
      same_results (&a, &b);
    }
  free (a.events);
  free (b.events);
  smtpreply_parser_free (chunked);
  smtpreply_parser_free (whole);
  return 0;
}
