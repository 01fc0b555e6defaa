/* input.c -- reading the program's input files, plain or gzip'ed.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   zlib reads both kinds: a file that is not gzip'ed comes through as is.
   Lines are read in constant memory: a line longer than CLI_LINE_MAX is
   cut there and the rest of it skipped, so a log without newlines cannot
   make the program grow.  */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "smtpreply.h"
#include "cli.h"

#define CHUNK (64 * 1024)

struct cli_input
{
  gzFile gz;
  const char *name;
  char *buf;       /* CHUNK bytes read ahead */
  size_t pos;
  size_t end;
  int eof;
  char *line;      /* the current line */
  size_t line_len;
  size_t line_cap;
  size_t line_number;
  unsigned long long bytes;  /* read so far, uncompressed */
};

struct cli_input *
cli_input_open (const char *path)
{
  int stdin_ = strcmp (path, "-") == 0;
  const char *name = stdin_ ? "-" : path;
  int fd = stdin_ ? dup (STDIN_FILENO) : open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      cli_error ("%s: %s", name, strerror (errno));
      return NULL;
    }
  struct stat st;
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      cli_error ("%s: %s", name, strerror (EISDIR));
      close (fd);
      return NULL;
    }
  struct cli_input *in = calloc (1, sizeof *in);
  if (in != NULL)
    in->buf = malloc (CHUNK);
  if (in == NULL || in->buf == NULL)
    {
      cli_error ("%s: %s", name, strerror (ENOMEM));
      free (in);
      close (fd);
      return NULL;
    }
  in->gz = gzdopen (fd, "rb");
  if (in->gz == NULL)
    {
      cli_error ("%s: %s", name, strerror (ENOMEM));
      close (fd);
      free (in->buf);
      free (in);
      return NULL;
    }
  gzbuffer (in->gz, CHUNK);
  in->name = name;
  return in;
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

/* Report the read error of IN.  */
static void
read_error (struct cli_input *in)
{
  int zerr;
  const char *msg = gzerror (in->gz, &zerr);
  cli_error ("%s: %s", in->name,
             zerr == Z_ERRNO ? strerror (errno) : msg);
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
  if (size > (unsigned) INT32_MAX)
    size = INT32_MAX;
  int n = gzread (in->gz, buf, (unsigned) size);
  if (n < 0)
    {
      read_error (in);
      return -1;
    }
  in->bytes += (unsigned) n;
  return n;
}

/* Append the N bytes at S to the current line, up to CLI_LINE_MAX.  */
static int
append (struct cli_input *in, const char *s, size_t n)
{
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
  in->line_len = 0;
  int any = 0;
  for (;;)
    {
      if (in->pos == in->end)
        {
          if (in->eof)
            break;
          int n = gzread (in->gz, in->buf, CHUNK);
          if (n < 0)
            {
              read_error (in);
              return -1;
            }
          in->bytes += (unsigned) n;
          in->pos = 0;
          in->end = (size_t) n;
          if (n == 0)
            {
              in->eof = 1;
              break;
            }
        }
      any = 1;
      const char *start = in->buf + in->pos;
      const char *lf = memchr (start, '\n', in->end - in->pos);
      size_t n = lf != NULL ? (size_t) (lf - start) : in->end - in->pos;
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
cli_input_line_number (const struct cli_input *in)
{
  return in->line_number;
}

void
cli_input_close (struct cli_input *in)
{
  if (in == NULL)
    return;
  gzclose (in->gz);
  free (in->buf);
  free (in->line);
  free (in);
}
