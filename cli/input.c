/* input.c -- reading the program's input files, plain or compressed.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   What a file holds is told by its first bytes, never by its name: a
   gzip, xz, bzip2 or zstd stream is read through its codec (a row of the
   table below: its magic number, then a decoder with one step function),
   anything else as it is.  Compressed files may hold several streams one
   after the other (gzip -c a >x; gzip -c b >>x), read as one text, with
   NUL padding between them skipped as gzip(1) does.

   Nothing grows with the input: decoders work through two fixed buffers,
   the xz and zstd decoders are refused windows over 128 MiB, and lines
   are cut at CLI_LINE_MAX, the rest of them skipped; so neither a
   decompression bomb nor a log without newlines makes the program grow.

   A stream cut short or damaged is reported only once everything decoded
   before the damage has been handed out, so that the caller prints what
   could be read, then the error.  For "annotate", a file whose first 4 KiB
   (once decompressed) hold a NUL byte or begin with the signature of a
   known binary format is refused before any of it is handed out.  */

#include <config.h>

#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <lzma.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "smtpreply.h"
#include "cli.h"

/* The size of the buffers of bytes read and of bytes decoded.  */
#define CHUNK (64 * 1024)

/* How much of a file's text is looked at for binary data.  */
#define SNIFF (4 * 1024)

/* The most bytes of a file a magic number takes.  */
#define MAGIC_MAX 6

/* The most memory the xz decoder may use, and the largest zstd window
   (zstd's own default limit), in MiB.  */
#define MEMLIMIT_MIB 128

/* What a step of a decoder, or a read, came to.  */
enum step
{
  STEP_OK,        /* it went on */
  STEP_END,       /* a stream ended; the decoder is ready for the next */
  STEP_IO,        /* read failed (errno) */
  STEP_NOMEM,     /* no memory */
  STEP_TRUNCATED, /* the input ended inside a stream */
  STEP_CORRUPT,   /* the data is not valid for the codec */
  STEP_MEMLIMIT   /* the stream needs more memory than allowed */
};

/* The state of a decoder.  */
union codec_state
{
  z_stream gz;
  lzma_stream xz;
  bz_stream bz;
  ZSTD_DStream *zst;
};

/* A compression format.  */
struct codec
{
  const char *name; /* as in messages: "gzip" */
  /* Return nonzero if the N bytes at P (at least MAGIC_MAX, or the whole
     file) begin a stream of this format.  */
  int (*detect) (const unsigned char *p, size_t n);
  /* Prepare S.  Return STEP_OK or STEP_NOMEM.  */
  enum step (*init) (union codec_state *s);
  /* Decode from the *IN_LEN bytes at *IN into the *OUT_LEN bytes at *OUT,
     advancing both; FINISH says that no input follows those bytes.
     Return STEP_OK, STEP_END at the end of a stream (S then reads the
     next), or an error.  */
  enum step (*step) (union codec_state *s, const unsigned char **in,
                     size_t *in_len, unsigned char **out, size_t *out_len,
                     int finish);
  /* Free what S holds.  */
  void (*end) (union codec_state *s);
};

/* gzip, through zlib's inflate.  */

static int
gz_detect (const unsigned char *p, size_t n)
{
  return n >= 3 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 8;
}

static enum step
gz_init (union codec_state *s)
{
  memset (&s->gz, 0, sizeof s->gz);
  /* 16: a gzip header and trailer around the deflate data.  */
  return inflateInit2 (&s->gz, 16 + MAX_WBITS) == Z_OK ? STEP_OK
                                                       : STEP_NOMEM;
}

static enum step
gz_step (union codec_state *s, const unsigned char **in, size_t *in_len,
         unsigned char **out, size_t *out_len, int finish)
{
  (void) finish;
  z_stream *z = &s->gz;
  /* The buffers are CHUNK bytes, well within uInt.  */
  z->next_in = (Bytef *) *in;
  z->avail_in = (uInt) *in_len;
  z->next_out = *out;
  z->avail_out = (uInt) *out_len;
  int rc = inflate (z, Z_NO_FLUSH);
  *in = z->next_in;
  *in_len = z->avail_in;
  *out = z->next_out;
  *out_len = z->avail_out;
  switch (rc)
    {
    case Z_OK:
    case Z_BUF_ERROR:
      return STEP_OK;
    case Z_STREAM_END:
      return inflateReset (z) == Z_OK ? STEP_END : STEP_CORRUPT;
    case Z_MEM_ERROR:
      return STEP_NOMEM;
    default:
      return STEP_CORRUPT;
    }
}

static void
gz_end (union codec_state *s)
{
  inflateEnd (&s->gz);
}

/* xz, through liblzma.  Concatenated streams and stream padding are
   liblzma's to read (LZMA_CONCATENATED), so the end comes only when the
   input does.  */

static int
xz_detect (const unsigned char *p, size_t n)
{
  return n >= 6 && memcmp (p, "\xfd" "7zXZ\0", 6) == 0;
}

static enum step
xz_init (union codec_state *s)
{
  lzma_stream init = LZMA_STREAM_INIT;
  s->xz = init;
  lzma_ret rc = lzma_stream_decoder (
      &s->xz, (uint64_t) MEMLIMIT_MIB * 1024 * 1024, LZMA_CONCATENATED);
  return rc == LZMA_OK ? STEP_OK : STEP_NOMEM;
}

static enum step
xz_step (union codec_state *s, const unsigned char **in, size_t *in_len,
         unsigned char **out, size_t *out_len, int finish)
{
  lzma_stream *x = &s->xz;
  x->next_in = *in;
  x->avail_in = *in_len;
  x->next_out = *out;
  x->avail_out = *out_len;
  lzma_ret rc = lzma_code (x, finish ? LZMA_FINISH : LZMA_RUN);
  *in = x->next_in;
  *in_len = x->avail_in;
  *out = x->next_out;
  *out_len = x->avail_out;
  switch (rc)
    {
    case LZMA_OK:
      return STEP_OK;
    case LZMA_STREAM_END:
      return STEP_END;
    case LZMA_BUF_ERROR:
      /* No progress: more input is needed, and at the end there is
         none.  */
      return finish ? STEP_TRUNCATED : STEP_OK;
    case LZMA_MEM_ERROR:
      return STEP_NOMEM;
    case LZMA_MEMLIMIT_ERROR:
      return STEP_MEMLIMIT;
    default:
      return STEP_CORRUPT;
    }
}

static void
xz_end (union codec_state *s)
{
  lzma_end (&s->xz);
}

/* bzip2, through libbz2.  */

static int
bz_detect (const unsigned char *p, size_t n)
{
  return n >= 4 && p[0] == 'B' && p[1] == 'Z' && p[2] == 'h' && p[3] >= '1'
         && p[3] <= '9';
}

static enum step
bz_init (union codec_state *s)
{
  memset (&s->bz, 0, sizeof s->bz);
  return BZ2_bzDecompressInit (&s->bz, 0, 0) == BZ_OK ? STEP_OK : STEP_NOMEM;
}

static enum step
bz_step (union codec_state *s, const unsigned char **in, size_t *in_len,
         unsigned char **out, size_t *out_len, int finish)
{
  (void) finish;
  bz_stream *b = &s->bz;
  b->next_in = (char *) *in;
  b->avail_in = (unsigned int) *in_len;
  b->next_out = (char *) *out;
  b->avail_out = (unsigned int) *out_len;
  int rc = BZ2_bzDecompress (b);
  *in = (const unsigned char *) b->next_in;
  *in_len = b->avail_in;
  *out = (unsigned char *) b->next_out;
  *out_len = b->avail_out;
  switch (rc)
    {
    case BZ_OK:
      return STEP_OK;
    case BZ_STREAM_END:
      /* libbz2 reads one stream: start again for the next.  */
      BZ2_bzDecompressEnd (b);
      return bz_init (s) == STEP_OK ? STEP_END : STEP_NOMEM;
    case BZ_MEM_ERROR:
      return STEP_NOMEM;
    default:
      return STEP_CORRUPT;
    }
}

static void
bz_end (union codec_state *s)
{
  BZ2_bzDecompressEnd (&s->bz);
}

/* zstd, through libzstd, whose decoder reads frame after frame (skippable
   frames included) and refuses windows over 2^27 bytes.  */

static int
zst_detect (const unsigned char *p, size_t n)
{
  if (n < 4)
    return 0;
  if (memcmp (p, "\x28\xb5\x2f\xfd", 4) == 0)
    return 1;
  /* A skippable frame: 0x184D2A50 to 0x184D2A5F, little-endian.  */
  return (p[0] & 0xf0) == 0x50 && p[1] == 0x2a && p[2] == 0x4d
         && p[3] == 0x18;
}

static enum step
zst_init (union codec_state *s)
{
  s->zst = ZSTD_createDStream ();
  if (s->zst == NULL || ZSTD_isError (ZSTD_initDStream (s->zst)))
    return STEP_NOMEM;
  return STEP_OK;
}

static enum step
zst_step (union codec_state *s, const unsigned char **in, size_t *in_len,
          unsigned char **out, size_t *out_len, int finish)
{
  (void) finish;
  ZSTD_inBuffer ib = { *in, *in_len, 0 };
  ZSTD_outBuffer ob = { *out, *out_len, 0 };
  size_t rc = ZSTD_decompressStream (s->zst, &ob, &ib);
  *in += ib.pos;
  *in_len -= ib.pos;
  *out += ob.pos;
  *out_len -= ob.pos;
  if (ZSTD_isError (rc))
    switch (ZSTD_getErrorCode (rc))
      {
      case ZSTD_error_frameParameter_windowTooLarge:
        return STEP_MEMLIMIT;
      case ZSTD_error_memory_allocation:
        return STEP_NOMEM;
      default:
        return STEP_CORRUPT;
      }
  /* 0: a frame is decoded and all of it handed out.  */
  return rc == 0 ? STEP_END : STEP_OK;
}

static void
zst_end (union codec_state *s)
{
  ZSTD_freeDStream (s->zst);
}

static const struct codec codecs[] = {
  { "gzip", gz_detect, gz_init, gz_step, gz_end },
  { "xz", xz_detect, xz_init, xz_step, xz_end },
  { "bzip2", bz_detect, bz_init, bz_step, bz_end },
  { "zstd", zst_detect, zst_init, zst_step, zst_end },
};

/* The beginnings of binary files that are not logs, besides the
   compressed data above (compressed twice, or a tarball's content).  */
static const struct
{
  const char *bytes;
  size_t len;
} binary_signatures[] = {
  { "\x7f" "ELF", 4 },                 /* programs and libraries */
  { "\x89PNG\r\n\x1a\n", 8 },          /* PNG */
  { "\xff\xd8\xff", 3 },               /* JPEG */
  { "GIF87a", 6 },                     /* GIF */
  { "GIF89a", 6 },
  { "%PDF-", 5 },                      /* PDF */
  { "PK\x03\x04", 4 },                 /* zip, jar, OpenDocument, OOXML */
  { "PK\x05\x06", 4 },                 /* an empty zip */
  { "7z\xbc\xaf\x27\x1c", 6 },         /* 7-Zip */
  { "Rar!\x1a\x07", 6 },               /* RAR */
  { "\x04\x22\x4d\x18", 4 },           /* lz4 */
  { "LZIP", 4 },                       /* lzip */
  { "\x1f\x9d", 2 },                   /* compress (.Z) */
};

struct cli_input
{
  int fd;
  const char *name;
  const struct codec *codec;  /* NULL: plain text */
  union codec_state state;
  int state_ready;            /* STATE is to be ended */
  int in_stream;              /* inside a compressed stream */
  unsigned char *raw;         /* CHUNK bytes of the file read ahead */
  size_t raw_pos;
  size_t raw_end;
  int raw_eof;                /* the file has no more */
  enum step error;            /* an error not handed out yet, or STEP_OK */
  int error_errno;            /* its errno, for STEP_IO */
  int failed;                 /* the error is the next thing handed out */
  char *buf;                  /* CHUNK bytes decoded ahead */
  size_t pos;
  size_t end;
  int eof;                    /* all decoded */
  char *line;                 /* the current line */
  size_t line_len;
  size_t line_cap;
  size_t line_number;
  unsigned long long bytes;   /* decoded so far */
};

/* Read more of the file of IN after what is in its read-ahead buffer.
   Return STEP_OK (with RAW_EOF set at the end of the file) or STEP_IO.  */
static enum step
read_more (struct cli_input *in)
{
  if (in->raw_pos == in->raw_end)
    {
      in->raw_pos = 0;
      in->raw_end = 0;
    }
  ssize_t n;
  do
    n = read (in->fd, in->raw + in->raw_end, CHUNK - in->raw_end);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      in->error_errno = errno;
      return STEP_IO;
    }
  if (n == 0)
    in->raw_eof = 1;
  in->raw_end += (size_t) n;
  return STEP_OK;
}

/* Record error R of IN, to be handed out once the PRODUCED bytes decoded
   before it have been.  Return PRODUCED, or -1 if it is 0.  */
static ssize_t
fail (struct cli_input *in, enum step r, size_t produced)
{
  in->error = r;
  return produced > 0 ? (ssize_t) produced : -1;
}

/* Decode up to SIZE bytes of IN into OUT.  Return how many (0 at the
   end), or -1 with the error in IN->error.  */
static ssize_t
decode (struct cli_input *in, unsigned char *out, size_t size)
{
  if (in->error != STEP_OK)
    return -1;
  if (in->codec == NULL)
    {
      /* Plain text: what was read ahead, then straight from the file.  */
      if (in->raw_pos < in->raw_end)
        {
          size_t n = in->raw_end - in->raw_pos;
          if (n > size)
            n = size;
          memcpy (out, in->raw + in->raw_pos, n);
          in->raw_pos += n;
          return (ssize_t) n;
        }
      if (in->raw_eof)
        return 0;
      ssize_t n;
      do
        n = read (in->fd, out, size);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        {
          in->error_errno = errno;
          return fail (in, STEP_IO, 0);
        }
      if (n == 0)
        in->raw_eof = 1;
      return n;
    }

  size_t produced = 0;
  for (;;)
    {
      if (in->in_stream)
        {
          int finish = in->raw_pos == in->raw_end && in->raw_eof;
          const unsigned char *src = in->raw + in->raw_pos;
          size_t src_len = in->raw_end - in->raw_pos;
          unsigned char *dst = out + produced;
          size_t dst_len = size - produced;
          enum step r = in->codec->step (&in->state, &src, &src_len, &dst,
                                         &dst_len, finish);
          size_t used = in->raw_end - in->raw_pos - src_len;
          size_t made = size - produced - dst_len;
          in->raw_pos += used;
          produced += made;
          if (r == STEP_END)
            in->in_stream = 0;
          else if (r != STEP_OK)
            return fail (in, r, produced);
          else if (produced < size && finish)
            return fail (in, STEP_TRUNCATED, produced);
          else if (produced < size && used == 0 && made == 0
                   && in->raw_pos < in->raw_end)
            /* Input and room for output, yet nothing moved.  */
            return fail (in, STEP_CORRUPT, produced);
          if (produced == size)
            return (ssize_t) produced;
        }
      if (in->raw_pos == in->raw_end)
        {
          /* Outside a stream, as a stream cut short ended above.  */
          if (in->raw_eof)
            return (ssize_t) produced;
          /* Hand out what there is before waiting for more.  */
          if (produced > 0)
            return (ssize_t) produced;
          if (read_more (in) != STEP_OK)
            return fail (in, STEP_IO, 0);
          continue;
        }
      if (!in->in_stream)
        {
          /* Between streams: skip NUL padding, then the next begins.  */
          while (in->raw_pos < in->raw_end && in->raw[in->raw_pos] == 0)
            in->raw_pos++;
          if (in->raw_pos < in->raw_end)
            in->in_stream = 1;
        }
    }
}

/* Report the error of IN, once.  */
static void
report (struct cli_input *in)
{
  if (in->failed > 1)
    return;
  in->failed = 2;
  switch (in->error)
    {
    case STEP_IO:
      cli_error ("%s: %s", in->name, strerror (in->error_errno));
      break;
    case STEP_TRUNCATED:
      /* TRANSLATORS: a compressed file ends inside its data; %s is the file's name.  */
      cli_error (_("%s: unexpected end of file"), in->name);
      break;
    case STEP_CORRUPT:
      /* TRANSLATORS: the first %s is a file's name, the second a compression format: gzip, xz, bzip2 or zstd.  */
      cli_error (_("%s: corrupt %s data"), in->name, in->codec->name);
      break;
    case STEP_MEMLIMIT:
      /* TRANSLATORS: the first %s is a file's name, the second a compression format; %d is a number of MiB.  */
      cli_error (_("%s: this %s data needs more than %d MiB of memory to decompress"),
                 in->name, in->codec->name, MEMLIMIT_MIB);
      break;
    case STEP_NOMEM:
    default:
      cli_error ("%s: %s", in->name, strerror (ENOMEM));
      break;
    }
}

/* Return nonzero if the LEN bytes at P, the beginning of a file's text,
   are binary data: a NUL byte, or the signature of a binary format.  */
static int
binary (const unsigned char *p, size_t len)
{
  if (memchr (p, '\0', len) != NULL)
    return 1;
  for (size_t i = 0; i < sizeof codecs / sizeof codecs[0]; i++)
    if (codecs[i].detect (p, len))
      return 1;
  for (size_t i = 0;
       i < sizeof binary_signatures / sizeof binary_signatures[0]; i++)
    if (len >= binary_signatures[i].len
        && memcmp (p, binary_signatures[i].bytes, binary_signatures[i].len)
               == 0)
      return 1;
  return 0;
}

void
cli_input_close (struct cli_input *in)
{
  if (in == NULL)
    return;
  if (in->state_ready)
    in->codec->end (&in->state);
  if (in->fd >= 0)
    close (in->fd);
  free (in->raw);
  free (in->buf);
  free (in->line);
  free (in);
}

struct cli_input *
cli_input_fdopen (int fd, const char *name, unsigned int flags, int *status)
{
  struct cli_input *in = calloc (1, sizeof *in);
  if (in != NULL)
    {
      in->fd = fd;
      in->name = name;
      in->raw = malloc (CHUNK);
      in->buf = malloc (CHUNK);
    }
  if (in == NULL || in->raw == NULL || in->buf == NULL)
    {
      cli_error ("%s: %s", name, strerror (ENOMEM));
      if (in == NULL)
        close (fd);
      cli_input_close (in);
      *status = EXIT_NO_FILE;
      return NULL;
    }

  /* The magic number, unless the file is shorter.  */
  while (in->raw_end < MAGIC_MAX && !in->raw_eof)
    if (read_more (in) != STEP_OK)
      {
        in->error = STEP_IO;
        break;
      }
  for (size_t i = 0; i < sizeof codecs / sizeof codecs[0]; i++)
    if (codecs[i].detect (in->raw, in->raw_end))
      {
        in->codec = &codecs[i];
        if (codecs[i].init (&in->state) != STEP_OK)
          {
            /* What init made is freed by end, as zlib and liblzma
               allow.  */
            in->state_ready = 1;
            in->error = STEP_NOMEM;
            break;
          }
        in->state_ready = 1;
        break;
      }

  if (flags & CLI_INPUT_TEXT)
    {
      /* Decode the first SNIFF bytes (an error on the way is handed out
         after them) and look at them.  */
      while (in->end < SNIFF)
        {
          ssize_t n
              = decode (in, (unsigned char *) in->buf + in->end, CHUNK - in->end);
          if (n <= 0)
            {
              in->eof = n == 0;
              break;
            }
          in->end += (size_t) n;
          in->bytes += (unsigned long long) n;
        }
      size_t look = in->end < SNIFF ? in->end : SNIFF;
      if (binary ((const unsigned char *) in->buf, look))
        {
          /* TRANSLATORS: "annotate" was given a file that is not text, such as a program or an image; %s is its name.  */
          cli_error (_("%s: not a text log (binary data)"), name);
          cli_input_close (in);
          *status = EXIT_BAD_INPUT;
          return NULL;
        }
    }
  return in;
}

struct cli_input *
cli_input_open (const char *path, unsigned int flags, int *status)
{
  int stdin_ = strcmp (path, "-") == 0;
  const char *name = stdin_ ? "-" : path;
  int fd = stdin_ ? dup (STDIN_FILENO) : open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      cli_error ("%s: %s", name, strerror (errno));
      *status = EXIT_NO_FILE;
      return NULL;
    }
  struct stat st;
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      cli_error ("%s: %s", name, strerror (EISDIR));
      close (fd);
      *status = EXIT_NO_FILE;
      return NULL;
    }
  return cli_input_fdopen (fd, name, flags, status);
}

const char *
cli_input_name (const struct cli_input *in)
{
  return in->name;
}

unsigned long long
cli_input_bytes (const struct cli_input *in)
{
  return in->bytes;
}

/* Refill the decoded buffer of IN.  Return 1, 0 at the end, or -1 with
   an error to hand out.  */
static int
fill (struct cli_input *in)
{
  if (in->eof)
    return 0;
  ssize_t n = decode (in, (unsigned char *) in->buf, CHUNK);
  if (n < 0)
    return -1;
  in->pos = 0;
  in->end = (size_t) n;
  in->bytes += (unsigned long long) n;
  if (n == 0)
    {
      in->eof = 1;
      return 0;
    }
  return 1;
}

ssize_t
cli_input_read (struct cli_input *in, char *buf, size_t size)
{
  if (in->pos < in->end)
    {
      size_t n = in->end - in->pos < size ? in->end - in->pos : size;
      memcpy (buf, in->buf + in->pos, n);
      in->pos += n;
      return (ssize_t) n;
    }
  if (in->eof)
    return 0;
  ssize_t n = decode (in, (unsigned char *) buf, size);
  if (n < 0)
    {
      report (in);
      return -1;
    }
  if (n == 0)
    in->eof = 1;
  in->bytes += (unsigned long long) n;
  return n;
}

/* Append the N bytes at S to the current line, up to CLI_LINE_MAX.  */
static int
append (struct cli_input *in, const char *s, size_t n)
{
  /* An empty first line: no buffer yet, and none needed.  */
  if (n == 0)
    return 0;
  if (in->line_len + n > CLI_LINE_MAX)
    n = CLI_LINE_MAX - in->line_len;
  if (in->line_len + n > in->line_cap)
    {
      size_t cap = in->line_cap < 256 ? 256 : in->line_cap;
      while (cap < in->line_len + n)
        cap *= 2;
      char *line = realloc (in->line, cap);
      if (line == NULL)
        {
          cli_error ("%s: %s", in->name, strerror (ENOMEM));
          return -1;
        }
      in->line = line;
      in->line_cap = cap;
    }
  memcpy (in->line + in->line_len, s, n);
  in->line_len += n;
  return 0;
}

int
cli_input_line (struct cli_input *in, const char **line, size_t *len)
{
  if (in->failed)
    {
      report (in);
      return -1;
    }
  in->line_len = 0;
  int any = 0;
  for (;;)
    {
      if (in->pos == in->end)
        {
          int rc = fill (in);
          if (rc < 0)
            {
              /* The line read so far first, then the error.  */
              in->failed = 1;
              if (any)
                break;
              report (in);
              return -1;
            }
          if (rc == 0)
            break;
        }
      any = 1;
      const char *start = in->buf + in->pos;
      const char *lf = memchr (start, '\n', in->end - in->pos);
      size_t n = lf != NULL ? (size_t) (lf - start) : in->end - in->pos;
      if (lf != NULL && in->line_len == 0)
        {
          /* A whole line in the buffer, the most common case: handed out
             where it is, without a copy (the buffer is not refilled
             before the next call).  */
          in->pos += n + 1;
          if (n > CLI_LINE_MAX)
            n = CLI_LINE_MAX;
          if (n > 0 && start[n - 1] == '\r')
            n--;
          in->line_number++;
          *line = start;
          *len = n;
          return 1;
        }
      if (append (in, start, n) < 0)
        return -1;
      in->pos += n;
      if (lf != NULL)
        {
          in->pos++;
          break;
        }
    }
  if (!any)
    return 0;
  if (in->line_len > 0 && in->line[in->line_len - 1] == '\r')
    in->line_len--;
  in->line_number++;
  *line = in->line != NULL ? in->line : "";
  *len = in->line_len;
  return 1;
}

size_t
cli_input_ahead (const struct cli_input *in, const char **bytes)
{
  /* An error comes before anything else.  */
  if (in->failed)
    return 0;
  *bytes = in->buf + in->pos;
  return in->end - in->pos;
}

void
cli_input_skip (struct cli_input *in, size_t bytes, size_t lines)
{
  in->pos += bytes;
  in->line_number += lines;
}

size_t
cli_input_line_number (const struct cli_input *in)
{
  return in->line_number;
}
