/* list.c -- "smtpreply list": the tables.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "smtpreply.h"
#include "cli.h"

/* Print S, then spaces up to WIDTH columns and SPACES more.  */
static void
print_padded (const char *s, size_t width, size_t spaces)
{
  size_t w = smtpreply_display_width (s, strlen (s));
  fputs (s, stdout);
  for (size_t i = w; i < width + spaces; i++)
    putchar (' ');
}

/* Return the columns S takes.  */
static size_t
width_of (const char *s)
{
  return smtpreply_display_width (s, strlen (s));
}

/* Return the widest of HEADING, translated, and the translated titles of
   the tokens of KIND: a column's width in any language.  */
static size_t
column_width (const char *heading, int kind)
{
  size_t width = width_of (heading);
  for (size_t i = 0; i < smtpreply_token_count (kind); i++)
    {
      int value;
      smtpreply_token_at (kind, i, &value);
      const char *t = smtpreply_token_describe (kind, value, cli_lang);
      if (t != NULL && width_of (t) > width)
        width = width_of (t);
    }
  return width;
}

/* Print the reply-code table.  */
static void
list_replies (void)
{
  size_t width = column_width (_("Status"), SMTPREPLY_TOKEN_STATUS);
  size_t code_width = width_of (_("Code"));
  if (code_width < 3)
    code_width = 3;
  size_t name_width = width_of (_("Name"));
  for (size_t i = 0; i < smtpreply_reply_count (); i++)
    if (width_of (smtpreply_reply_at (i)->name) > name_width)
      name_width = width_of (smtpreply_reply_at (i)->name);
  if (!cli_json)
    {
      /* TRANSLATORS: heading of the code column of "smtpreply list".  */
      print_padded (_("Code"), code_width, 1);
      /* TRANSLATORS: heading of the column of stable names in "smtpreply list".  */
      print_padded (_("Name"), name_width, 1);
      /* TRANSLATORS: heading of the column of "standard", "deprecated"... in "smtpreply list".  */
      print_padded (_("Status"), width, 1);
      /* TRANSLATORS: heading of the column of titles in "smtpreply list".  */
      printf ("%s\n", _("Title"));
    }
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
      /* The code is three columns; its heading may be wider.  */
      for (size_t k = 3; k < code_width + 1; k++)
        putchar (' ');
      print_padded (r->name, name_width, 1);
      print_padded (smtpreply_token_describe (SMTPREPLY_TOKEN_STATUS,
                                              r->status, cli_lang),
                    width, 1);
      printf ("%s\n", _(r->title));
    }
}

/* Print the enhanced-status registry.  */
static void
list_enhanced (void)
{
  size_t width = column_width (_("Status"), SMTPREPLY_TOKEN_STATUS);
  size_t code_width = width_of (_("Code"));
  if (code_width < 7)
    code_width = 7;
  size_t name_width = width_of (_("Name"));
  for (size_t i = 0; i < smtpreply_enhanced_count (); i++)
    if (width_of (smtpreply_enhanced_at (i)->name) > name_width)
      name_width = width_of (smtpreply_enhanced_at (i)->name);
  if (!cli_json)
    {
      print_padded (_("Code"), code_width, 1);
      print_padded (_("Name"), name_width, 1);
      print_padded (_("Status"), width, 1);
      printf ("%s\n", _("Title"));
    }
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
      print_padded (code, code_width, 1);
      print_padded (e->name, name_width, 1);
      print_padded (smtpreply_token_describe (SMTPREPLY_TOKEN_STATUS,
                                              e->status, cli_lang),
                    width, 1);
      printf ("%s\n", _(e->title));
    }
}

/* Print the reasons of failures.  */
static void
list_reasons (void)
{
  size_t name_width = width_of (_("Reason"));
  for (size_t i = 0; i < smtpreply_reason_count (); i++)
    if (width_of (smtpreply_reason_at (i)->name) > name_width)
      name_width = width_of (smtpreply_reason_at (i)->name);
  size_t failure_width = column_width (_("Failure"),
                                       SMTPREPLY_TOKEN_SEVERITY);
  if (!cli_json)
    {
      /* TRANSLATORS: heading of the column of reason tokens in "smtpreply list --reasons".  */
      print_padded (_("Reason"), name_width, 1);
      /* TRANSLATORS: heading of the column saying soft or hard in "smtpreply list --reasons".  */
      print_padded (_("Failure"), failure_width, 1);
      printf ("%s\n", _("Title"));
    }
  for (size_t i = 0; i < smtpreply_reason_count (); i++)
    {
      const struct smtpreply_reason *r = smtpreply_reason_at (i);
      if (cli_json)
        {
          json_begin ();
          json_string ("reason", r->name);
          json_string ("reason_title", _(r->title));
          json_string ("reason_text", _(r->text));
          json_string ("severity", smtpreply_token_name (SMTPREPLY_TOKEN_SEVERITY,
                                                         r->severity));
          json_string ("remedy", smtpreply_token_name (SMTPREPLY_TOKEN_REMEDY,
                                                       r->remedy));
          json_string ("lang", smtpreply_language_resolve (cli_lang));
          json_end ();
          continue;
        }
      print_padded (r->name, name_width, 1);
      print_padded (smtpreply_token_describe (SMTPREPLY_TOKEN_SEVERITY,
                                              r->severity, cli_lang),
                    failure_width, 1);
      printf ("%s \xe2\x80\x94 %s\n", _(r->title), _(r->text));
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
  fputs (_("      --reasons       list the reasons of failures instead\n"),
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
    { "reasons", no_argument, NULL, 'r' },
    { NULL, 0, NULL, 0 },
  };
  int enhanced = 0;
  int reasons = 0;
  int status = -1;
  int c;
  while ((c = cli_next_option (argc, argv, options, "list", usage, 0, &status))
         != -1)
    if (c == 'e')
      enhanced = 1;
    else if (c == 'r')
      reasons = 1;
  if (status >= 0)
    return status;
  if (optind < argc)
    {
      /* TRANSLATORS: "list" takes no arguments but got one.  */
      cli_error (_("unexpected argument '%s'"), argv[optind]);
      return cli_try_help ("list");
    }
  if (reasons)
    list_reasons ();
  else if (enhanced)
    list_enhanced ();
  else
    list_replies ();
  return EXIT_OK;
}
