/* main.c -- the smtpreply program: options and subcommands.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The program is a client of libsmtpreply like any other: it uses only the
   public header.  */

#include <config.h>

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "smtpreply.h"
#include "cli.h"

const char *cli_lang;
int cli_json;
int cli_color;
const char *program_name = "smtpreply";

/* --color: -1 auto, 0 never, 1 always.  */
static int color_when = -1;

/* Take common option C with argument ARG.  Return 1 if it was one, 0 if
   C is not a common option, or -1 after reporting a bad value.  */
static int
common_option (int c, const char *arg)
{
  switch (c)
    {
    case 'L':
      cli_lang = arg;
      return 1;
    case 'J':
      cli_json = 1;
      return 1;
    case 'C':
      if (arg == NULL || strcmp (arg, "always") == 0)
        color_when = 1;
      else if (strcmp (arg, "never") == 0)
        color_when = 0;
      else if (strcmp (arg, "auto") == 0)
        color_when = -1;
      else
        {
          /* TRANSLATORS: the value of --color was not auto, always or never.  */
          cli_error (_("invalid argument '%s' for --color (auto, always, never)"),
                     arg);
          return -1;
        }
      return 1;
    default:
      return 0;
    }
}

/* Return 1 if the catalog LANG ("he", "ar") is written right to left.  */
static int
right_to_left (const char *lang)
{
  static const char *const rtl[]
      = { "ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi" };
  size_t n = strcspn (lang, "_@.");
  for (size_t i = 0; i < sizeof rtl / sizeof rtl[0]; i++)
    if (strlen (rtl[i]) == n && strncmp (lang, rtl[i], n) == 0)
      return 1;
  return 0;
}

/* Settle what the common options chose: warn about a language without a
   catalog, decide on colours and on isolating left-to-right runs.  */
static void
setup (void)
{
  if (cli_lang != NULL && smtpreply_language_check (cli_lang) != 0)
    /* TRANSLATORS: --lang named a language with no catalog.  */
    cli_warning (_("no translation for language '%s'; using English"),
                 cli_lang);
  if (color_when < 0)
    {
      const char *term = getenv ("TERM");
      const char *no_color = getenv ("NO_COLOR");
      cli_color = isatty (STDOUT_FILENO) && term != NULL
                  && strcmp (term, "dumb") != 0
                  && (no_color == NULL || no_color[0] == '\0');
    }
  else
    cli_color = color_when;
  if (cli_json)
    cli_color = 0;
  /* In right-to-left text a code, an address or a server's words must
     keep their own order, whatever their neighbours: "550 5.1.1" would
     show as "5.1.1 550" beside Hebrew.  JSON has no direction.  */
  cli_isolate = !cli_json && right_to_left (smtpreply_language_resolve (cli_lang));
}

int
cli_next_option (int argc, char **argv, const struct option *options,
                 const char *command, void (*usage) (void),
                 int digits_are_arguments, int *status)
{
  opterr = 0;
  for (;;)
    {
      int c = -1;
      /* "+": stop at the first argument.  */
      if (optind < argc
          && !(digits_are_arguments && argv[optind][0] == '-'
               && argv[optind][1] >= '0' && argv[optind][1] <= '9'))
        c = getopt_long (argc, argv, "+", options, NULL);
      if (c == -1)
        {
          /* The program's own options end at a command, whose options
             come next: settle them all once, at the command's end.  */
          if (command != NULL)
            setup ();
          return -1;
        }
      int common = common_option (c, optarg);
      if (common > 0)
        continue;
      if (common == 0 && c == 'h')
        {
          setup ();
          usage ();
          *status = EXIT_OK;
          return -1;
        }
      if (common == 0 && c == '?')
        /* TRANSLATORS: an option the program or a command does not know.  */
        cli_error (_("unknown option '%s'"), argv[optind - 1]);
      if (common < 0 || c == '?')
        {
          *status = cli_try_help (command);
          return -1;
        }
      return c;
    }
}

int
cli_try_help (const char *command)
{
  if (command != NULL)
    /* TRANSLATORS: the first %s is the program's name, the second a subcommand.  */
    fprintf (stderr, _("Try '%s %s --help' for more information.\n"),
             program_name, command);
  else
    /* TRANSLATORS: %s is the program's name.  */
    fprintf (stderr, _("Try '%s --help' for more information.\n"),
             program_name);
  return EXIT_USAGE;
}

/* Print the program's help.  */
static void
usage (void)
{
  /* TRANSLATORS: the first line of --help; %s is the program's name.  */
  printf (_("Usage: %s [OPTION]... COMMAND [ARG]...\n"), program_name);
  /* TRANSLATORS: what the program does, under the usage line.  */
  fputs (_("Explain SMTP server replies: codes, enhanced status codes, replies,\n"
           "and the replies in mail logs.\n"),
         stdout);
  fputs ("\n", stdout);
  /* TRANSLATORS: heading of the list of subcommands in --help.  */
  fputs (_("Commands:\n"), stdout);
  /* TRANSLATORS: one line of --help; keep the command name.  */
  fputs (_("  explain ARG...      what codes, enhanced codes or replies mean\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the command name.  */
  fputs (_("  parse [FILE]        read a stream of replies and check each one\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the command name.  */
  fputs (_("  annotate [FILE]...  explain the replies in mail logs (--summary:\n"
           "                      a table of them)\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the command name.  */
  fputs (_("  bounce [FILE]...    what bounce messages say, recipient by\n"
           "                      recipient (--mbox: mailboxes of them)\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the command name.  */
  fputs (_("  list                the table of reply codes (--enhanced: of\n"
           "                      enhanced status codes)\n"),
         stdout);
  fputs ("\n", stdout);
  /* TRANSLATORS: heading of the options that every command takes.  */
  fputs (_("Options for every command:\n"), stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --lang=LANG     explain in language LANG (ru, pt_BR, uk:ru)\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --json          write JSON Lines, one object per record\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name and its values.  */
  fputs (_("      --color[=WHEN]  colour the output: auto, always or never\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --help          display this help and exit\n"), stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --version       output version information and exit\n"),
         stdout);
  fputs ("\n", stdout);
  /* TRANSLATORS: the end of --help; %s is the program's name.  */
  printf (_("Run '%s COMMAND --help' for the options of a command.\n"),
          program_name);
  /* TRANSLATORS: the exit statuses, at the end of --help.  */
  fputs (_("Exit status: 0 if all went well, 1 if an argument or input held no\n"
           "valid code or reply, 2 for bad usage, 3 if a file could not be read\n"
           "or the output could not be written.\n"),
         stdout);
}

/* Return STATUS, or EXIT_NO_FILE if standard output did not take all
   that was written to it (reported by cli_output_flush).  */
static int
finish (int status)
{
  return cli_output_flush () == 0 ? status : EXIT_NO_FILE;
}

/* Print the version.  */
static void
version (void)
{
  printf ("smtpreply (%s) %s\n", PACKAGE_NAME, smtpreply_version ());
  fputs ("Copyright (C) 2026 The smtpreply authors.\n", stdout);
  /* TRANSLATORS: the license line of --version; keep the URL.  */
  fputs (_("License LGPLv2.1+: GNU LGPL version 2.1 or later "
           "<https://gnu.org/licenses/lgpl.html>.\n"),
         stdout);
  /* TRANSLATORS: the end of --version.  */
  fputs (_("This is free software: you are free to change and redistribute it.\n"
           "There is NO WARRANTY, to the extent permitted by law.\n"),
         stdout);
}

int
main (int argc, char **argv)
{
  static const struct option options[] = {
    CLI_COMMON_OPTIONS,
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 },
  };
  static const struct
  {
    const char *name;
    int (*run) (int, char **);
  } commands[] = {
    { "explain", cmd_explain },
    { "parse", cmd_parse },
    { "annotate", cmd_annotate },
    { "bounce", cmd_bounce },
    { "list", cmd_list },
  };

  /* The locale for the C library (character classes, number formats);
     messages come from libsmtpreply's own catalogs.  */
  setlocale (LC_ALL, "");

  int status = -1;
  int c;
  while ((c = cli_next_option (argc, argv, options, NULL, usage, 0, &status))
         != -1)
    if (c == 'V')
      {
        version ();
        return finish (EXIT_OK);
      }
  if (status >= 0)
    return finish (status);
  if (optind >= argc)
    {
      /* TRANSLATORS: the program was run without a command.  */
      cli_error (_("missing command"));
      return cli_try_help (NULL);
    }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp (argv[optind], commands[i].name) == 0)
      {
        int sub_argc = argc - optind;
        char **sub_argv = argv + optind;
        optind = 1;
        return finish (commands[i].run (sub_argc, sub_argv));
      }
  /* TRANSLATORS: the command given is not one of explain, list...  */
  cli_error (_("unknown command '%s'"), argv[optind]);
  return cli_try_help (NULL);
}
