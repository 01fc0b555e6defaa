/* cli-stubs.c -- what main.c defines, for the harnesses that link the
   program's files but main.c (fuzz-annotate.c, fuzz-input.c).
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <stdlib.h>

#include "smtpreply.h"
#include "cli.h"

/* What main.c defines.  */
const char *cli_lang;
int cli_json;
int cli_color;
const char *program_name = "smtpreply";

/* The option handling of main.c: the subcommands refer to it, the harness
   never calls them.  */
int
cli_next_option (int argc, char **argv, const struct option *options,
                 const char *command, void (*usage) (void),
                 int digits_are_arguments, int *status)
{
  (void) argc;
  (void) argv;
  (void) options;
  (void) command;
  (void) usage;
  (void) digits_are_arguments;
  (void) status;
  return -1;
}

int
cli_try_help (const char *command)
{
  (void) command;
  return EXIT_USAGE;
}
