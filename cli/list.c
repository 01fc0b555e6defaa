/* list.c -- "smtpreply list": the tables.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "smtpreply.h"
#include "cli.h"

/* Print the reply-code table.  */
static void
list_replies (void)
{
  for (size_t i = 0; i < smtpreply_reply_count (); i++)
    {
      const struct smtpreply_reply *r = smtpreply_reply_at (i);
      if (cli_json)
        {
          json_begin ();
          cli_json_reply (r->code, NULL, SMTPREPLY_STAGE_ANY);
          json_string ("status", smtpreply_code_status_name (r->status));
          json_string ("reference", r->reference);
          json_string ("context", r->context);
          json_string ("lang", smtpreply_language_resolve (cli_lang));
          json_end ();
          continue;
        }
      enum cli_style style = cli_style_for_code (r->code);
      cli_style_begin (style);
      printf ("%d", r->code);
      cli_style_end (style);
      printf (" %-28s %-13s %s\n", r->name,
              smtpreply_code_status_name (r->status), _(r->title));
    }
}

/* Print the enhanced-status registry.  */
static void
list_enhanced (void)
{
  for (size_t i = 0; i < smtpreply_enhanced_count (); i++)
    {
      const struct smtpreply_enhanced *e = smtpreply_enhanced_at (i);
      char code[16];
      snprintf (code, sizeof code, "X.%d.%d", e->subject, e->detail);
      if (cli_json)
        {
          json_begin ();
          json_string ("enhanced", code);
          json_string ("name", e->name);
          json_string ("title", _(e->title));
          json_string ("enhanced_description", _(e->text));
          json_string ("status", smtpreply_code_status_name (e->status));
          json_string ("basic_codes", e->basic_codes);
          json_string ("reference", e->reference);
          json_string ("lang", smtpreply_language_resolve (cli_lang));
          json_end ();
          continue;
        }
      printf ("%-7s %-34s %-10s %s\n", code, e->name,
              smtpreply_code_status_name (e->status), _(e->title));
    }
}

/* Print the help of "list".  */
static void
usage (void)
{
  /* TRANSLATORS: the first line of "list --help"; %s is the program's name.  */
  printf (_("Usage: %s list [OPTION]...\n"), program_name);
  /* TRANSLATORS: what "list" does, under its usage line.  */
  fputs (_("List the reply codes smtpreply knows.\n"), stdout);
  fputs ("\n", stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --enhanced      list the enhanced status codes instead\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --help          display this help and exit\n"), stdout);
}

int
cmd_list (int argc, char **argv)
{
  static const struct option options[] = {
    CLI_COMMON_OPTIONS,
    { "enhanced", no_argument, NULL, 'e' },
    { NULL, 0, NULL, 0 },
  };
  int enhanced = 0;
  int status = -1;
  int c;
  while ((c = cli_next_option (argc, argv, options, "list", usage, 0, &status))
         != -1)
    if (c == 'e')
      enhanced = 1;
  if (status >= 0)
    return status;
  if (optind < argc)
    {
      /* TRANSLATORS: "list" takes no arguments but got one.  */
      cli_error (_("unexpected argument '%s'"), argv[optind]);
      return cli_try_help ("list");
    }
  if (enhanced)
    list_enhanced ();
  else
    list_replies ();
  return EXIT_OK;
}
