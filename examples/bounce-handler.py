#!/usr/bin/env python3
# bounce-handler.py -- retry or bounce, from the replies of an SMTP server.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Read SMTP replies from a file or stdin and, for each failure, say whether
to retry the message later or bounce it to its sender, and why, in the
reader's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG):

    python3 bounce-handler.py replies.txt
    LANGUAGE=ru python3 bounce-handler.py < replies.txt
"""

import sys

import smtpreply


def main(argv):
    source = open(argv[1], "rb") if len(argv) > 1 else sys.stdin.buffer
    verdicts = {"retry": 0, "bounce": 0}
    with source:
        # Replies and the parser's errors come in the order of the stream.
        for event in smtpreply.iterate(source):
            if event.is_error:
                # A line that is not a reply: tell, and go on.
                print("line %d: %s" % (event.line, event.message),
                      file=sys.stderr)
                continue
            reply = event
            if not reply.is_failure:
                continue
            advice = reply.advise()
            verdict = ("retry" if advice.action == smtpreply.Action.RETRY
                       else "bounce")
            verdicts[verdict] += 1
            # Server text is untrusted: make it safe to print.
            print("line %d: %d %s: %s" % (
                reply.line, reply.code, verdict,
                smtpreply.display_safe(reply.text.replace("\n", " "))))
            print("  " + (reply.describe() or reply.reply_class.describe()))
            if reply.enhanced is not None:
                print("  %s: %s" % (reply.enhanced, reply.describe_enhanced()))
            print("  " + advice.text)
    print("%d to retry, %d to bounce" % (verdicts["retry"],
                                         verdicts["bounce"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
