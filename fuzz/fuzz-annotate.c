/* fuzz-annotate.c -- "smtpreply annotate" on a log held in memory.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Linked with the program's files but main.c, whose globals are defined
   here, so that the real per-line code runs: extraction, the summary's
   counting, redaction, display-safe printing and JSON.  The first byte of
   the input chooses the options:

     bits 0-3  CLI_ANNOTATE_ALL, _SUMMARY, _FAILURES, _REDACT
     bit 4     --json
     bit 5     colours
     bits 6-7  --lang: none, "ru", "uk:de", "xx" (a damaged catalog)

   and the rest is the log.  Standard output goes to /dev/null; the
   sanitizers and the exit status are the checks.  */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "smtpreply.h"
#include "cli.h"
#include "fuzz.h"

/* main.c's globals and option handling: fuzz/cli-stubs.c.  */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  fuzz_setup_catalogs ();
  setenv ("LC_ALL", "C", 1);
  unsetenv ("LANGUAGE");
  if (freopen ("/dev/null", "w", stdout) == NULL)
    {
      perror ("fuzz: /dev/null");
      exit (1);
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const langs[] = { NULL, "ru", "uk:de", "xx" };
  if (size < 1)
    return 0;
  unsigned int options = data[0] & 0x0f;
  cli_json = (data[0] & 0x10) != 0;
  cli_color = (data[0] & 0x20) != 0 && !cli_json;
  cli_lang = langs[data[0] >> 6];
  FUZZ_ASSERT (cli_annotate_buffer ((const char *) data + 1, size - 1, options)
               == EXIT_OK);
  FUZZ_ASSERT (!ferror (stdout));
  return 0;
}
