/* gen-tables.c -- print the tables of the README from the .def files.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   "gen-tables replies" prints the table of reply codes, "gen-tables
   diagnostics" the parser's diagnostics, "gen-tables errors" every error,
   as Markdown.  tests/readme-tables.sh checks that the README holds
   exactly these; "make update-readme" writes them there.  */

#include <config.h>

#include <stdio.h>
#include <string.h>

#include "smtpreply.h"

#define N_(s) s

/* Print the reply codes.  */
static void
replies (void)
{
  puts ("| Code | Name | Status | Defined in | Arises in | Meaning |");
  puts ("| --- | --- | --- | --- | --- | --- |");
  for (size_t i = 0; i < smtpreply_reply_count (); i++)
    {
      const struct smtpreply_reply *r = smtpreply_reply_at (i);
      printf ("| %d | `%s` | %s | %s | %s | %s |\n", r->code, r->name,
              smtpreply_code_status_name (r->status), r->reference,
              r->context, r->text);
    }
}

/* Print the parser's diagnostics with their default.  */
static void
diagnostics (void)
{
  static const struct
  {
    const char *name;
    int num;
    int flag;
    const char *text;
  } rows[] = {
#define SMTPREPLY_ERROR(sym, num, text)                                     \
  { #sym, num, 0, text },
#define SMTPREPLY_DIAG(sym, num, text) { #sym, num, 1, text },
#include "smtpreply/errors.def"
#undef SMTPREPLY_DIAG
#undef SMTPREPLY_ERROR
  };
  puts ("| Token | Default | Meaning |");
  puts ("| --- | --- | --- |");
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    if (rows[i].flag || (rows[i].num <= -40 && rows[i].num > -64)
        || (rows[i].num <= -10 && rows[i].num > -20))
      printf ("| `%s` | %s | %s |\n", rows[i].name,
              rows[i].flag ? "flag" : "error", rows[i].text);
}

/* Print every error.  */
static void
errors (void)
{
  static const struct
  {
    const char *name;
    int num;
    const char *text;
  } rows[] = {
#define SMTPREPLY_ERROR(sym, num, text) { "SMTPREPLY_E" #sym, num, text },
#include "smtpreply/errors.def"
#undef SMTPREPLY_ERROR
  };
  puts ("| Error | Number | Message |");
  puts ("| --- | --- | --- |");
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    printf ("| `%s` | %d | %s |\n", rows[i].name, rows[i].num, rows[i].text);
}

int
main (int argc, char **argv)
{
  if (argc == 2 && strcmp (argv[1], "replies") == 0)
    replies ();
  else if (argc == 2 && strcmp (argv[1], "diagnostics") == 0)
    diagnostics ();
  else if (argc == 2 && strcmp (argv[1], "errors") == 0)
    errors ();
  else
    {
      fputs ("usage: gen-tables replies|diagnostics|errors\n", stderr);
      return 2;
    }
  return ferror (stdout) ? 1 : 0;
}
