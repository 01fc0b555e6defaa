# t-command.py -- the package's records and summaries are the command's.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""annotate_lines() gives the objects "smtpreply --json annotate" prints,
and Summary.render() the text "smtpreply annotate --summary" prints, byte
for byte, with the same options and languages.  The command is the one of
the build tree (top_builddir), so this file runs in "make check" only,
not on an installed package (tests/python/run-installed.sh)."""

import json
import os
import subprocess

import taprunner
import smtpreply

EXAMPLES = os.path.join(os.environ["top_srcdir"], "examples")
LOGS = [os.path.join(EXAMPLES, name)
        for name in ("postfix.log", "exim.log", "sendmail.log")]
COMMAND = os.path.join(os.environ["top_builddir"], "cli", "smtpreply")


def command(*args):
    """Return what the command prints with ARGS, as str."""
    done = subprocess.run([COMMAND] + list(args), stdout=subprocess.PIPE,
                          check=True)
    return done.stdout.decode("utf-8")


def summary(paths, **options):
    """Return the Summary of the files PATHS."""
    total = smtpreply.Summary(**options)
    for path in paths:
        with open(path, "rb") as f:
            total.add_lines(f.read(), path)
    return total


class Command(taprunner.TestCase):

    def test_records_are_the_commands(self):
        cases = [((), {}), (("--redact",), {"redact": True}),
                 (("--lang=ru",), {"lang": "ru"})]
        for args, options in cases:
            for path in LOGS:
                printed = [json.loads(line) for line in command(
                    "--json", "annotate", *args, path).splitlines()]
                with open(path, "rb") as f:
                    records = smtpreply.annotate_lines(f, path, **options)
                self.assertGreater(len(records), 10)
                self.assertEqual(records, printed, (args, path))

    def test_summaries_are_the_commands(self):
        cases = [((), "text", None, {}),
                 (("--lang=ru",), "text", "ru", {}),
                 (("--json",), "json", None, {}),
                 (("--json", "--lang=uk"), "json", "uk", {}),
                 (("--redact",), "text", None, {"redact": True}),
                 (("--failures",), "text", None, {"failures": True})]
        for args, fmt, lang, options in cases:
            # Global options come before the subcommand, the others after.
            before = [a for a in args if a in ("--json",)
                      or a.startswith("--lang")]
            after = [a for a in args if a not in before]
            printed = command(*before, "annotate", "--summary", *after,
                              *LOGS)
            self.assertGreater(len(printed), 1000)
            self.assertEqual(summary(LOGS, **options).render(fmt, lang),
                             printed, args)


if __name__ == "__main__":
    taprunner.main()
