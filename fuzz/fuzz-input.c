/* fuzz-input.c -- the program's input reader: codec detection, the four
   decoders, binary detection and line splitting.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The input after its first byte is the content of a file, given to
   cli_input_fdopen through a memory file.  The first byte chooses:

     bit 0  CLI_INPUT_TEXT (refuse binary data, as "annotate" does)
     bit 1  read it as lines (cli_input_line) rather than as bytes
            (cli_input_read, as "parse" does)

   Invariants: the reader refuses a file only as documented (binary data
   only with CLI_INPUT_TEXT); lines are at most CLI_LINE_MAX bytes and
   numbered from 1 without gaps; bytes read add up to cli_input_bytes; an
   error ends the input for good.  At most 64 MiB are read from one input,
   so that a decompression bomb costs time, not the run.  */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "smtpreply.h"
#include "cli.h"
#include "fuzz.h"

/* main.c's globals and option handling: fuzz/cli-stubs.c.  */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  setenv ("LC_ALL", "C", 1);
  unsetenv ("LANGUAGE");
  return 0;
}

/* The most decoded bytes read from one input.  */
#define READ_MAX (64ULL * 1024 * 1024)

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  unsigned int flags = (data[0] & 1) ? CLI_INPUT_TEXT : 0;
  int by_lines = (data[0] & 2) != 0;

  int fd = memfd_create ("fuzz-input", MFD_CLOEXEC);
  FUZZ_ASSERT (fd >= 0);
  size_t done = 1;
  while (done < size)
    {
      ssize_t n = write (fd, data + done, size - done);
      FUZZ_ASSERT (n > 0);
      done += (size_t) n;
    }
  FUZZ_ASSERT (lseek (fd, 0, SEEK_SET) == 0);

  int status = -1;
  struct cli_input *in = cli_input_fdopen (fd, "fuzz", flags, &status);
  if (in == NULL)
    {
      FUZZ_ASSERT (status == EXIT_NO_FILE
                   || (status == EXIT_BAD_INPUT && (flags & CLI_INPUT_TEXT)));
      return 0;
    }

  unsigned long long total = 0;
  int rc;
  if (by_lines)
    {
      const char *line;
      size_t len;
      size_t number = 0;
      while (total < READ_MAX && (rc = cli_input_line (in, &line, &len)) > 0)
        {
          FUZZ_ASSERT (len <= CLI_LINE_MAX);
          FUZZ_ASSERT (cli_input_line_number (in) == ++number);
          total += len + 1;
        }
      if (total < READ_MAX && rc < 0)
        FUZZ_ASSERT (cli_input_line (in, &line, &len) < 0);
    }
  else
    {
      static char buf[64 * 1024];
      ssize_t n;
      while (total < READ_MAX && (n = cli_input_read (in, buf, sizeof buf)) > 0)
        {
          FUZZ_ASSERT ((size_t) n <= sizeof buf);
          total += (unsigned long long) n;
        }
      FUZZ_ASSERT (total <= cli_input_bytes (in));
    }
  cli_input_close (in);
  return 0;
}
