#!/usr/bin/python3
# check-set.py -- the labelled reply set is well formed, big enough, and
# holds the cases that motivated it (issue 11).
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: check-set.py [replies.tsv]
# Prints TAP: one line per check, then the plan.  Standard library only.
# The rules it enforces are those of tests/reasons/README.md.

import collections
import ipaddress
import os
import re
import sys

HEADER = ["reason", "soft", "stage", "remote_mta", "reply", "source"]

REASONS = """userunknown hostunknown hasmoved mailboxfull exceedlimit mesgtoobig
systemfull suspend notaccept norelaying blocked badreputation requireptr
spamdetected virusdetected contenterror filtered policyviolation rejected
securityerror authfailure failedstarttls notcompliantrfc syntaxerror
toomanyconn speeding expired networkerror systemerror mailererror onhold
vacation feedback delivered undefined greylisted""".split()

STAGES = """any greeting ehlo mail rcpt data data_end bdat auth starttls
quit""".split()

# Reasons that may have fewer than MIN_ROWS rows, and those that need more.
FEW_ALLOWED = {"vacation", "feedback", "onhold"}
MIN_ROWS = 8
MAIN_REASONS = ["speeding", "blocked", "badreputation", "userunknown",
                "mailboxfull", "spamdetected", "policyviolation",
                "authfailure"]
MIN_MAIN_ROWS = 25
MIN_TOTAL = 450
MIN_DISTINCT = 30
MIN_DELIVERED = 8
MIN_PROVIDER_DOC = 120

HOST_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
                     r"(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$")
SOURCE_RE = re.compile(r"^(https?://\S+|composed|mta:[a-z0-9][a-z0-9.-]*)$")
CODE_RE = re.compile(r"^([2-5])[0-9][0-9][ -]")

# What a log excerpt says about the command the reply answered; the first
# phrase found decides.  Lines of a reply are joined by a backslash and n.
STAGE_PHRASES = [
    ("(in reply to RCPT TO command)", "rcpt"),
    ("(in reply to MAIL FROM command)", "mail"),
    ("(in reply to end of DATA command)", "data_end"),
    ("(in reply to DATA command)", "data"),
    ("(in reply to EHLO command)", "ehlo"),
    ("(in reply to HELO command)", "ehlo"),
    ("refused to talk to me:", "greeting"),
    ("after RCPT TO:", "rcpt"),
    ("after pipelined MAIL FROM:", "mail"),
    ("after MAIL FROM:", "mail"),
    ("after end of data:", "data_end"),
    ("after initial connection:", "greeting"),
    ("for TEXT command", "data_end"),
    ("for GREETING command", "greeting"),
    (">>> RCPT To:", "rcpt"),
    (">>> .\\n", "data_end"),  # Sendmail's end of data, before ">>> DATA"
    (">>> DATA", "data"),
]
# Only where the excerpt starts: a reply may quote another host's answer
# (Postfix's "unverified address: host ... said: ...").
HOST_PHRASES = [re.compile(r"^host ([A-Za-z0-9.-]+) ?\["),
                re.compile(r"^SMTP error from remote server for [A-Z ]+"
                           r" command, host: ([A-Za-z0-9.-]+) \(")]

IPV4_RE = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])")
# Dotted quads in replies that are not addresses: Yahoo's diagnostic code.
NOT_ADDRESSES = {"4.16.55.1"}
DOC_NETS = [ipaddress.ip_network(n) for n in
            ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24",
             "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
             "127.0.0.0/8")]
MAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
EXAMPLE_DOMAIN_RE = re.compile(r"(^|\.)(example\.(com|net|org)|invalid)$")
ROLE_MAILBOXES = {"abuse", "postmaster", "delist", "tosa", "tobr",
                  "abuse_rbl"}

# Issue 11's cases: a phrase of the reply, the reason and the soft label
# a postmaster gives it.
ISSUE_CASES = [
    ("552 5.2.2", "in reply to RCPT TO command", "mailboxfull", "soft"),
    ("452 4.2.2", "", "mailboxfull", "soft"),
    ("has sent to too many recipients this hour. IB607", "",
     "speeding", "soft"),
    ("550 Ip frequency limited", "", "speeding", "soft"),
    ("550 Connection frequency limited", "", "toomanyconn", "soft"),
    ("550-5.2.1 The user you are trying to contact is receiving mail at a"
     " rate", "", "speeding", "soft"),
    ("550 5.5.0", "Service refuse. Veuillez essayer plus tard",
     "blocked", "soft"),
    ("550 5.7.1", "temporary locked. Please try again later!",
     "suspend", "soft"),
    ("blocked using dnsbl.sorbs.net", "", "blocked", "soft"),
    ("550 5.7.606", "banned sending IP", "blocked", "soft"),
    ("OFR006", "Adresse IP source bloquee", "blocked", "soft"),
    ("550-5.7.1", "very low reputation", "badreputation", "soft"),
    ("554 4.4.7 Message expired", "", "expired", "soft"),
    ("550 4.4.7 QUEUE.Expired", "", "expired", "soft"),
    ("220-", "421 4.2.1", "blocked", "soft"),
    ("552 sorry, mailbox", "is over quota temporarily (#5.1.1)",
     "mailboxfull", "soft"),
]


class Tap:
    """Number and print TAP results."""

    def __init__(self):
        self.n = 0

    def check(self, ok, description, problems=()):
        """Print one result; PROBLEMS are shown as diagnostics."""
        self.n += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.n, description))
        for problem in list(problems)[:20]:
            print("# " + problem)
        if len(problems) > 20:
            print("# ... and %d more" % (len(problems) - 20))

    def plan(self):
        print("1..%d" % self.n)


def first_code_class(reply):
    """Return the class digit of the reply's first code, or None."""
    m = CODE_RE.match(reply)
    return m.group(1) if m else None


def main(argv):
    path = argv[1] if len(argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "replies.tsv")
    tap = Tap()
    try:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8")
        decoded = True
    except (OSError, UnicodeDecodeError) as e:
        text = ""
        decoded = False
        error = str(e)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header_ok = decoded and bool(lines) and lines[0].split("\t") == HEADER
    tap.check(header_ok, "the set is UTF-8 with the header "
              + " ".join(HEADER),
              [] if header_ok else [error if not decoded else
                                    "first line: %r" % lines[:1]])

    rows = []
    bad = []
    for number, line in enumerate(lines[1:], 2):
        fields = line.split("\t")
        if len(fields) != 6 or any(field == "" for field in fields):
            bad.append("line %d: %d fields (or an empty one)"
                       % (number, len(fields)))
            continue
        rows.append((number, fields))
    tap.check(not bad, "every row has six non-empty tab-separated fields",
              bad)

    def each(description, predicate):
        problems = []
        for number, fields in rows:
            message = predicate(fields)
            if message:
                problems.append("line %d: %s" % (number, message))
        tap.check(not problems, description, problems)

    each("every reason is a token of the vocabulary",
         lambda f: None if f[0] in REASONS else "reason %r" % f[0])
    each("soft is soft or hard, and - exactly for delivered",
         lambda f: None if ((f[0] == "delivered") == (f[1] == "-")
                            and f[1] in ("soft", "hard", "-"))
         else "%s with soft %r" % (f[0], f[1]))
    each("every stage is a known command name",
         lambda f: None if f[2] in STAGES else "stage %r" % f[2])
    each("every remote MTA is - or a host name",
         lambda f: None if f[3] == "-" or HOST_RE.match(f[3])
         else "remote_mta %r" % f[3])
    each("every source is a URL, composed or mta:<name>",
         lambda f: None if SOURCE_RE.match(f[5]) else "source %r" % f[5])
    each("replies are single lines without surrounding blanks",
         lambda f: None if ("\r" not in f[4] and f[4] == f[4].strip())
         else "reply %r" % f[4][:60])
    each("delivered rows are 250 replies",
         lambda f: None if f[0] != "delivered" or f[4].startswith("250 ")
         else "delivered reply %r" % f[4][:40])
    each("every 4yz reply is labelled soft",
         lambda f: "%s reply labelled %s" % (f[4][:3], f[1])
         if first_code_class(f[4]) == "4" and f[1] != "soft" else None)

    def stage_named(f):
        for phrase, stage in STAGE_PHRASES:
            if phrase in f[4]:
                if f[2] != stage:
                    return "%r says %s, stage is %s" % (phrase, stage, f[2])
                return None
        return None
    each("a log excerpt's stage is the command its text names", stage_named)

    def host_named(f):
        for regex in HOST_PHRASES:
            m = regex.search(f[4])
            if m and m.group(1) != f[3]:
                return "text names %s, remote_mta is %s" % (m.group(1), f[3])
        return None
    each("a log excerpt's remote MTA is the host its text names", host_named)

    seen = {}
    duplicates = []
    for number, fields in rows:
        key = (fields[4], fields[2], fields[3])
        if key in seen:
            duplicates.append("line %d repeats line %d" % (number, seen[key]))
        else:
            seen[key] = number
    tap.check(not duplicates, "no two rows share reply, stage and remote MTA",
              duplicates)

    def documentation_addresses(f):
        for quad in IPV4_RE.findall(f[4]):
            if quad in NOT_ADDRESSES:
                continue
            try:
                address = ipaddress.ip_address(quad)
            except ValueError:
                continue
            if not any(address in net for net in DOC_NETS):
                return "address %s is not a documentation address" % quad
        return None
    each("IPv4 addresses are from documentation or private ranges",
         documentation_addresses)

    def example_mailboxes(f):
        for m in MAIL_RE.finditer(f[4]):
            local = m.group(0).split("@")[0]
            if (not EXAMPLE_DOMAIN_RE.search(m.group(1).lower())
                    and local.lower() not in ROLE_MAILBOXES):
                return "address %s is not anonymised" % m.group(0)
        return None
    each("mail addresses use example domains or role mailboxes",
         example_mailboxes)

    count = collections.Counter(fields[0] for _, fields in rows)
    tap.check(len(rows) >= MIN_TOTAL,
              "at least %d rows (%d)" % (MIN_TOTAL, len(rows)))
    tap.check(len(count) >= MIN_DISTINCT,
              "at least %d reasons (%d)" % (MIN_DISTINCT, len(count)))
    short = ["%s: %d" % (r, count[r]) for r in REASONS
             if r not in FEW_ALLOWED and count[r] < MIN_ROWS]
    tap.check(not short, "every reason but vacation, feedback and onhold"
              " has at least %d rows" % MIN_ROWS, short)
    short = ["%s: %d" % (r, count[r]) for r in MAIN_REASONS
             if count[r] < MIN_MAIN_ROWS]
    tap.check(not short, "%s have at least %d rows each"
              % (", ".join(MAIN_REASONS), MIN_MAIN_ROWS), short)
    tap.check(count["delivered"] >= MIN_DELIVERED,
              "at least %d delivered rows (%d)"
              % (MIN_DELIVERED, count["delivered"]))
    documented = sum(1 for _, f in rows if f[5].startswith("http")
                     and "rfc-editor.org" not in f[5])
    tap.check(documented >= MIN_PROVIDER_DOC,
              "at least %d rows from providers' documentation (%d)"
              % (MIN_PROVIDER_DOC, documented))

    for first, second, reason, soft in ISSUE_CASES:
        matching = [f for _, f in rows
                    if f[4].find(first) >= 0 and second in f[4]]
        wrong = ["%s/%s: %s" % (f[0], f[1], f[4][:70]) for f in matching
                 if (f[0], f[1]) != (reason, soft)]
        tap.check(matching and not wrong,
                  "issue 11: %r%s is %s, %s"
                  % (first, " ... %r" % second if second else "", reason,
                     soft),
                  wrong if matching else ["no row has it"])
    tap.plan()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
