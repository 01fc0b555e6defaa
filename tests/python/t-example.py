# t-example.py -- examples/bounce-handler.py on examples/replies.txt.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""The bounce handler of examples/ runs as its docstring says, in English
and in Russian, from a file and from stdin."""

import os
import subprocess
import sys

import taprunner

SCRIPT = os.path.join(os.environ["top_srcdir"], "examples",
                      "bounce-handler.py")
REPLIES = os.path.join(os.environ["top_srcdir"], "examples", "replies.txt")

FIRST = (
    "line 41: 530 bounce: Must issue a STARTTLS command first\n"
    "  The server requires authentication, or TLS, before it carries out "
    "the command\n"
    "  5.7.0: A status about security or policy that no other detail code "
    "describes; with a failure, the server may prefer not to explain it\n"
    "  Do not retry as is: return the message to its sender, or fix the "
    "cause before sending again\n")

RU_PERMANENT = ("Не повторяйте попытку без изменений: верните сообщение "
                "отправителю или устраните причину, прежде чем отправлять "
                "снова")
RU_RETRY = "Сохраните сообщение и повторите попытку позже"


def run(args, stdin=None, **env):
    """Run the script with ARGS, STDIN bytes and the environment changes
    ENV; return (status, stdout, stderr) as str."""
    environment = dict(os.environ, **env)
    done = subprocess.run([sys.executable, SCRIPT] + args, input=stdin,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=environment)
    return (done.returncode, done.stdout.decode("utf-8"),
            done.stderr.decode("utf-8"))


class Example(taprunner.TestCase):

    def test_decides_for_each_failure_of_a_file(self):
        status, out, err = run([REPLIES])
        self.assertEqual((status, err), (0, ""))
        self.assertTrue(out.startswith(FIRST), out[:400])
        self.assertTrue(out.endswith("\n6 to retry, 11 to bounce\n"))
        lines = out.split("\n")
        verdicts = [line.split(":")[1].split()[1] for line in lines
                    if line.startswith("line ")]
        self.assertEqual(verdicts, [
            "bounce", "retry", "bounce", "bounce", "bounce", "bounce",
            "retry", "retry", "retry", "retry", "bounce", "bounce", "bounce",
            "bounce", "retry", "bounce", "bounce"])
        self.assertIn("line 86: 421 retry: mail.example.org Too many errors "
                      "from 192.0.2.30, closing connection\n", out)
        self.assertIn("  The server is closing the connection; connect again "
                      "later and retry\n", out)

    def test_explains_in_russian_from_stdin(self):
        with open(REPLIES, "rb") as f:
            data = f.read()
        status, out, err = run([], stdin=data, LC_ALL="C.UTF-8",
                               LANGUAGE="ru")
        self.assertEqual((status, err), (0, ""))
        block = out.split("line 42:")[0]
        self.assertEqual(block.split("\n")[3], "  " + RU_PERMANENT)
        self.assertIn("  " + RU_RETRY + "\n", out)
        self.assertTrue(out.endswith("\n6 to retry, 11 to bounce\n"))

    def test_reports_lines_that_are_not_replies_and_goes_on(self):
        status, out, err = run([], stdin=b"250 ok\r\n9x9 what\r\n"
                               b"451 4.7.1 later\r\n\x1b[2J\r\n")
        self.assertEqual(status, 0)
        self.assertEqual(err, "line 2: The first digit of a reply code must "
                              "be 1 to 5\n"
                              "line 4: A reply code is exactly three digits\n")
        self.assertTrue(out.startswith("line 3: 451 retry: later\n"))
        self.assertTrue(out.endswith("\n1 to retry, 0 to bounce\n"))


if __name__ == "__main__":
    taprunner.main()
