#!/usr/bin/python3
# gen-mbox.py -- write a mailbox of bounce messages for "make bench-bounce".
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Write SIZE bytes (or a little more) of bounces into OUT, an mboxrd file.

Usage: gen-mbox.py [-s SEED] SIZE OUT      (SIZE: 64M, 1G, 100000...)

The messages are what a sender's bounce mailbox collects: delivery status
notifications as Postfix, Exim and Microsoft Exchange write them (one to
three recipients each, some delayed), bounces without a report (qmail,
Exim), and feedback reports; each returns the message that bounced, whose
body is a few kilobytes of text or HTML and sometimes a base64 attachment,
so that messages are 2 KiB to 200 KiB long, most around 10 KiB.  The
same SEED writes the same bytes.  On standard output it prints
"messages N" and "recipients N": the records "smtpreply --json bounce
--mbox OUT" must print (one per recipient, and one per message that
reports none).  Standard library only.
"""

import base64
import random
import sys

REPLIES = [
    ("5.1.1", "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table"),
    ("5.1.1", "550-5.1.1 The email account that you tried to reach does not exist. Please try\n 550-5.1.1 double-checking the recipient's email address for typos or\n 550 5.1.1 unnecessary spaces."),
    ("5.2.2", "552 5.2.2 <{rcpt}>: Mailbox full"),
    ("4.2.2", "452 4.2.2 The email account that you tried to reach is over quota."),
    ("4.7.1", "450 4.7.1 <{rcpt}>: Recipient address rejected: Greylisted, see http://postgrey.example/help"),
    ("5.7.1", "554 5.7.1 Service unavailable; Client host [192.0.2.{n}] blocked using zen.spamhaus.org"),
    ("5.7.26", "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy."),
    ("4.7.0", "421 4.7.0 Try again later, closing connection."),
    ("5.4.1", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)"),
    ("5.3.4", "552 5.3.4 Message size exceeds fixed maximum message size"),
]

WORDS = ("the report for this quarter shows that our customers in the northern "
         "region bought more than we planned and the teams will meet next week "
         "to agree on the budget and the dates of the release").split()


def paragraph(rnd, n):
    return " ".join(rnd.choice(WORDS) for _ in range(n)).capitalize() + "."


def original(rnd, i, rcpts):
    size = min(200_000, int(rnd.lognormvariate(9.1, 0.8)))
    body = []
    while sum(len(p) for p in body) < size:
        body.append(paragraph(rnd, rnd.randint(20, 80)))
    text = "\n\n".join(body)
    head = ("Message-ID: <{i}.{r}@mail.example.com>\n"
            "Date: Thu, 03 Dec 2026 08:{m:02d}:00 +0000\n"
            "From: News <news@example.com>\n"
            "To: {to}\n"
            "Subject: Newsletter {i}\n"
            "MIME-Version: 1.0\n").format(i=i, r=rnd.randint(1000, 9999),
                                          m=i % 60, to=", ".join(rcpts))
    if rnd.random() < 0.2:
        blob = base64.encodebytes(rnd.randbytes(rnd.randint(2000, 40000)))
        return (head + 'Content-Type: multipart/mixed; boundary="b{i}"\n\n'
                "--b{i}\nContent-Type: text/plain; charset=utf-8\n\n{t}\n"
                "--b{i}\nContent-Type: application/pdf\n"
                "Content-Transfer-Encoding: base64\n\n{b}--b{i}--\n"
                ).format(i=i, t=text, b=blob.decode())
    return head + "Content-Type: text/plain; charset=utf-8\n\n" + text + "\n"


def dsn(rnd, i, rcpts, style):
    delayed = rnd.random() < 0.15
    mta = {"postfix": "mail.example.com (Postfix)", "exim": "mail.example.com",
           "exchange": "EX01.example.com"}[style]
    blocks, notes = [], []
    for r in rcpts:
        status, reply = rnd.choice(REPLIES)
        if delayed:
            status = "4" + status[1:]
            reply = "4" + reply[1:]
        reply = reply.format(rcpt=r, n=rnd.randint(1, 254))
        host = "mx%d.%s" % (rnd.randint(1, 3), r.split("@")[1])
        blocks.append("Final-Recipient: rfc822; {r}\nOriginal-Recipient: rfc822;{r}\n"
                      "Action: {a}\nStatus: {s}\nRemote-MTA: dns; {h}\n"
                      "Diagnostic-Code: smtp; {d}\n".format(
                          r=r, a="delayed" if delayed else "failed", s=status,
                          h=host, d=reply.replace("\n", "\n ")))
        notes.append("<%s>: host %s said: %s" % (r, host, reply.replace("\n ", " ")))
    return ("Subject: {subj}\nFrom: MAILER-DAEMON@mail.example.com (Mail Delivery System)\n"
            "To: news@example.com\nDate: Thu, 03 Dec 2026 09:00:00 +0000\n"
            "Message-ID: <bounce-{i}@mail.example.com>\nMIME-Version: 1.0\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="r{i}"\n\n'
            "--r{i}\nContent-Type: text/plain; charset=us-ascii\n\n"
            "This is the mail system at host mail.example.com.\n\n"
            "I'm sorry to have to inform you that your message could not\n"
            "be delivered to one or more recipients.\n\n{notes}\n\n"
            "--r{i}\nContent-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns; {mta}\nArrival-Date: Thu, 03 Dec 2026 08:59:58 +0000\n\n"
            "{blocks}\n--r{i}\nContent-Type: message/rfc822\n\n{orig}\n--r{i}--\n"
            ).format(subj="Delayed Mail (still being retried)" if delayed
                     else "Undelivered Mail Returned to Sender",
                     i=i, notes="\n".join(notes), mta=mta,
                     blocks="\n".join(blocks), orig=original(rnd, i, rcpts))


def qmail(rnd, i, rcpts):
    parts = []
    for r in rcpts:
        status, reply = rnd.choice(REPLIES)
        reply = reply.format(rcpt=r, n=rnd.randint(1, 254)).replace("\n ", " ")
        parts.append("<%s>:\n192.0.2.%d does not like recipient.\nRemote host said: %s\n"
                     "Giving up on 192.0.2.%d.\n" % (r, i % 250, reply, i % 250))
    return ("Subject: failure notice\nFrom: MAILER-DAEMON@mail.example.com\n"
            "To: news@example.com\nDate: Thu, 03 Dec 2026 09:00:00 +0000\n\n"
            "Hi. This is the qmail-send program at mail.example.com.\n"
            "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
            "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
            "{p}\n--- Below this line is a copy of the message.\n\n{o}"
            ).format(p="\n".join(parts), o=original(rnd, i, rcpts))


def arf(rnd, i, rcpts):
    return ("Subject: FW: Newsletter {i}\nFrom: feedback@fbl.example.net\n"
            "To: abuse@example.com\nDate: Thu, 03 Dec 2026 09:00:00 +0000\n"
            "MIME-Version: 1.0\n"
            'Content-Type: multipart/report; report-type=feedback-report; boundary="f{i}"\n\n'
            "--f{i}\nContent-Type: text/plain\n\nThis is an email abuse report.\n\n"
            "--f{i}\nContent-Type: message/feedback-report\n\n"
            "Feedback-Type: abuse\nUser-Agent: ExampleFBL/1.0\nVersion: 1\n"
            "Original-Mail-From: <news@example.com>\nOriginal-Rcpt-To: <{r}>\n"
            "Source-IP: 192.0.2.1\n\n--f{i}\nContent-Type: message/rfc822\n\n{o}\n--f{i}--\n"
            ).format(i=i, r=rcpts[0], o=original(rnd, i, rcpts[:1]))


def mbox_escape(text):
    out = []
    for line in text.split("\n"):
        if line.lstrip(">").startswith("From "):
            line = ">" + line
        out.append(line)
    return "\n".join(out)


def main():
    args = sys.argv[1:]
    seed = 1
    if args[:1] == ["-s"]:
        seed = int(args[1])
        args = args[2:]
    if len(args) != 2:
        sys.exit(__doc__)
    size, out = args
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(size[-1:].upper(), 1)
    size = int(size.rstrip("KMGkmg")) * mult
    rnd = random.Random(seed)
    written = messages = records = 0
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        while written < size:
            i = messages + 1
            rcpts = ["user%d@%s" % (rnd.randint(1, 99999), rnd.choice(
                ["example.org", "example.net", "mail.example.org", "shop.example"]))
                for _ in range(rnd.choice([1, 1, 1, 2, 3]))]
            kind = rnd.random()
            if kind < 0.6:
                msg = dsn(rnd, i, rcpts, rnd.choice(["postfix", "exim", "exchange"]))
                records += len(rcpts)
            elif kind < 0.9:
                msg = qmail(rnd, i, rcpts)
                records += len(rcpts)
            else:
                msg = arf(rnd, i, rcpts)
                records += 1
            text = ("From MAILER-DAEMON Thu Dec  3 09:00:00 2026\n"
                    + mbox_escape(msg.rstrip("\n")) + "\n\n")
            f.write(text)
            written += len(text.encode("utf-8"))
            messages += 1
    print("messages %d" % messages)
    print("recipients %d" % records)


main()
