# check-corpus.py -- check the bounce corpus itself, before any parser.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Check the messages of tests/bounces/ and their expected results.

Usage: check-corpus.py [DIR]   (DIR defaults to this script's folder)

Every NAME.eml has a NAME.expect and the other way round, and likewise
for mbox/NAME.mbox.  Each .expect starts with "# source: ...", then
holds JSON Lines whose keys and values follow the format README.md
describes; reasons come from the vocabulary below.  Every message parses
with Python's email package without a defect, unless it is listed in
MALFORMED, where Python must notice the fault (and still not crash).
Then the corpus as a whole must cover what it promises: the reasons,
the feedback types, the kinds and the actions.

The output is TAP, one test point per file and per corpus-wide check,
for the TAP driver of "make check".  Standard library only.
"""

import email
import email.header
import email.policy
import json
import mailbox
import os
import re
import sys

# The reason vocabulary of issue 11: Sisimai's names where the meaning is
# the same, plus "greylisted".  The value is the default verdict for a
# failure, as core/reasons.def of the main branch gives it: False is hard
# (the address itself is bad: suppress it), True is soft (retry, or fix
# something on the sending side), "class" means the verdict follows the
# class of the status or reply code (4 soft, 5 hard), and None means the
# corpus gives no verdict: successes, feedback reports (which
# reasons.def calls hard: an implementation may add soft there) and
# auto-replies.
REASONS = {
    "authfailure": True,
    "badreputation": True,
    "blocked": True,
    "contenterror": True,
    "delivered": None,
    "exceedlimit": True,
    "expired": True,
    "failedstarttls": True,
    "feedback": None,
    "filtered": True,
    "greylisted": True,
    "hasmoved": False,
    "hostunknown": False,
    "mailboxfull": True,
    "mailererror": True,
    "mesgtoobig": True,
    "networkerror": True,
    "norelaying": True,
    "notaccept": False,
    "notcompliantrfc": True,
    "onhold": True,
    "policyviolation": True,
    "rejected": True,
    "requireptr": True,
    "securityerror": True,
    "spamdetected": True,
    "speeding": True,
    "suspend": False,
    "syntaxerror": True,
    "systemerror": True,
    "systemfull": True,
    "toomanyconn": True,
    "undefined": "class",
    "userunknown": False,
    "vacation": None,
    "virusdetected": True,
}

# What the corpus must cover, from its brief.
REQUIRED_REASONS = """
    userunknown hostunknown mailboxfull exceedlimit mesgtoobig suspend
    blocked badreputation spamdetected virusdetected norelaying expired
    rejected policyviolation securityerror toomanyconn speeding systemerror
    networkerror greylisted filtered notaccept feedback delivered
""".split()
MIN_REASONS = 20
MIN_MESSAGES = 75
FEEDBACK_TYPES = {"abuse", "fraud", "other", "virus", "not-spam",
                  "auth-failure"}
REQUIRED_FEEDBACK_TYPES = {"abuse", "fraud", "other", "virus", "not-spam"}
KINDS = {"dsn", "arf", "bounce", "not_bounce"}
ACTIONS = {"failed", "delayed", "delivered", "relayed", "expanded"}

# Messages broken on purpose.  Python's email package must notice each
# fault (a defect, or a part it cannot decode) without raising; the
# .expect says what smtpreply must make of it.
MALFORMED = {
    "malformed-binary-junk": "random bytes, not a message",
    "malformed-broken-base64": "a base64 report part that does not decode",
    "malformed-dsn-truncated-original":
        "ends inside the returned original: no closing boundary",
    "malformed-dsn-truncated-report":
        "ends inside the delivery-status part: no closing boundary",
    "malformed-empty": "zero bytes",
    "malformed-multipart-no-boundary":
        "a multipart/report without its boundary parameter",
    "malformed-unknown-charset": "a text part in a charset nobody knows",
    "mbox/bounces-reports.mbox:3":
        "a multipart/report without its boundary parameter",
}
CHECKED = set()     # the names check_message has seen

STATUS_RE = re.compile(r"^[245]\.[0-9]{1,3}\.[0-9]{1,3}$")
TOKEN_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
# A host name: labels of letters (any script), digits and hyphens, no
# trailing dot, no IP literal, no comment.
HOST_RE = re.compile(r"^(?![0-9.]+$)[^\W_](?:[\w-]*[^\W_])?"
                     r"(?:\.[^\W_](?:[\w-]*[^\W_])?)+$")
RECORD_KEYS = {"kind", "recipient", "action", "status", "code", "enhanced",
               "remote_mta", "diagnostic_type", "reason", "soft",
               "feedback_type"}
ORIGINAL_KEYS = {"message_id", "from", "to", "subject", "date"}


def check_record(obj, where):
    """Return the problems of one per-recipient record OBJ."""
    bad = []
    unknown = set(obj) - RECORD_KEYS
    if unknown:
        bad.append("%s: unknown keys %s" % (where, sorted(unknown)))
    kind = obj.get("kind")
    if kind not in KINDS:
        return bad + ["%s: kind %r is not one of %s" % (where, kind,
                                                         sorted(KINDS))]
    if kind == "not_bounce":
        if set(obj) != {"kind"}:
            bad.append("%s: not_bounce takes no other key" % where)
        return bad

    def want(key, types):
        if key in obj and not isinstance(obj[key], types):
            bad.append("%s: %s must be %s" % (where, key, types))
            return False
        return key in obj

    for key in ("recipient", "action", "status", "enhanced", "remote_mta",
                "diagnostic_type", "reason", "feedback_type"):
        want(key, str)
    if want("code", int) and (isinstance(obj["code"], bool)
                              or not 200 <= obj["code"] <= 599):
        bad.append("%s: code %r is not a reply code" % (where, obj["code"]))
    if "soft" in obj and not isinstance(obj["soft"], bool):
        bad.append("%s: soft must be true or false" % where)
    for key in ("status", "enhanced"):
        if isinstance(obj.get(key), str) and not STATUS_RE.match(obj[key]):
            bad.append("%s: %s %r is not an enhanced status" % (
                where, key, obj[key]))
    if "recipient" in obj and isinstance(obj["recipient"], str):
        local, at, domain = obj["recipient"].rpartition("@")
        if not at or not local or not domain:
            bad.append("%s: recipient %r is not an address" % (
                where, obj["recipient"]))
        elif domain != domain.lower():
            bad.append("%s: the domain of %r is not lower-case" % (
                where, obj["recipient"]))
    if isinstance(obj.get("diagnostic_type"), str) \
       and not TOKEN_RE.match(obj["diagnostic_type"]):
        bad.append("%s: diagnostic_type %r must be a lower-case name" % (
            where, obj["diagnostic_type"]))
    host = obj.get("remote_mta")
    if isinstance(host, str) and (not HOST_RE.match(host)
                                  or host != host.lower()):
        bad.append("%s: remote_mta %r must be a bare lower-case host name"
                   % (where, host))
    reason = obj.get("reason")
    if reason is not None and reason not in REASONS:
        bad.append("%s: reason %r is not in the vocabulary" % (where, reason))

    if kind == "arf":
        if "feedback_type" not in obj:
            bad.append("%s: an ARF record needs feedback_type" % where)
        elif obj["feedback_type"] not in FEEDBACK_TYPES:
            bad.append("%s: unknown feedback_type %r" % (
                where, obj["feedback_type"]))
        if reason != "feedback":
            bad.append("%s: an ARF record's reason is feedback" % where)
        for key in ("action", "status", "code", "enhanced", "soft",
                    "diagnostic_type"):
            if key in obj:
                bad.append("%s: an ARF record has no %s" % (where, key))
        return bad

    if "feedback_type" in obj:
        bad.append("%s: feedback_type belongs to ARF records" % where)
    if kind != "dsn" and "diagnostic_type" in obj:
        bad.append("%s: diagnostic_type belongs to DSN records" % where)
    if "enhanced" in obj and "code" not in obj:
        bad.append("%s: enhanced is the code of a reply: code missing"
                   % where)
    for key in ("recipient", "action", "reason"):
        if key not in obj:
            bad.append("%s: a %s record needs %s" % (where, kind, key))
    action = obj.get("action")
    if action is not None and action not in ACTIONS:
        bad.append("%s: action %r is not one of %s" % (where, action,
                                                        sorted(ACTIONS)))
    status = obj.get("status")
    first = {"failed": "45", "delayed": "4", "delivered": "2",
             "relayed": "2", "expanded": "2"}.get(action, "245")
    if isinstance(status, str) and status[:1] not in first:
        bad.append("%s: status %s does not fit action %s" % (
            where, status, action))
    if action in ("delivered", "relayed", "expanded"):
        if reason != "delivered":
            bad.append("%s: a success's reason is delivered" % where)
        if "soft" in obj:
            bad.append("%s: a success has no soft/hard verdict" % where)
    elif action in ("failed", "delayed") and reason in REASONS:
        verdict = REASONS[reason]
        if verdict == "class":
            digit = str(obj.get("code", "")) or (status or "")
            verdict = digit[:1] == "4"
        if action == "delayed":
            verdict = True
        if verdict is None:
            bad.append("%s: reason %s does not describe a failure" % (
                where, reason))
        elif obj.get("soft") is not verdict:
            bad.append("%s: soft must be %s for %s %s" % (
                where, "true" if verdict else "false", action, reason))
    return bad


def check_expect(path, mbox_count=None):
    """Return (problems, records, originals) of the .expect file PATH.

    MBOX_COUNT is the number of messages of the mbox it describes, or None
    for a single message.  ORIGINALS maps the message index (None for a
    single message) to its expected original headers."""
    bad = []
    records = []
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return ["not UTF-8: %s" % e], [], {}
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        bad.append("the last line has no newline")
    if not lines or not lines[0].startswith("# source: ") \
       or not lines[0][len("# source: "):].strip():
        bad.append('the first line is not "# source: ..."')
    in_comments = True
    seen_original = {}
    for number, line in enumerate(lines, 1):
        where = "line %d" % number
        if line.startswith("#"):
            if not in_comments:
                bad.append("%s: comments go before the records" % where)
            continue
        in_comments = False
        try:
            obj = json.loads(line)
        except ValueError as e:
            bad.append("%s: not JSON: %s" % (where, e))
            continue
        if not isinstance(obj, dict):
            bad.append("%s: not a JSON object" % where)
            continue
        index = None
        if mbox_count is not None:
            index = obj.pop("message", None)
            if not isinstance(index, int) or isinstance(index, bool) \
               or not 1 <= index <= mbox_count:
                bad.append("%s: message must be 1 to %d" % (where,
                                                             mbox_count))
                continue
        elif "message" in obj:
            bad.append("%s: message belongs to mbox expectations" % where)
            continue
        if index in seen_original:
            bad.append("%s: a record after the original line" % where)
        if "original" in obj:
            if set(obj) != {"original"} or not isinstance(obj["original"],
                                                          dict):
                bad.append("%s: an original line holds only an object"
                           % where)
            elif set(obj["original"]) - ORIGINAL_KEYS or not all(
                    isinstance(v, str) for v in obj["original"].values()):
                bad.append("%s: original takes string values for %s" % (
                    where, sorted(ORIGINAL_KEYS)))
            seen_original[index] = obj["original"]
            continue
        if "error" in obj:
            if obj != {"error": True}:
                bad.append('%s: an error line is {"error": true}' % where)
            records.append((index, obj))
            continue
        bad.extend(check_record(obj, where))
        records.append((index, obj))
    if not records:
        bad.append("no record")
    by_message = {}
    for index, obj in records:
        by_message.setdefault(index, []).append(obj)
    previous = 0
    for index, _ in records:
        if index is not None:
            if index < previous:
                bad.append("message %d comes after message %d" % (index,
                                                                   previous))
            previous = index
    if mbox_count is not None:
        missing = set(range(1, mbox_count + 1)) - set(by_message)
        if missing:
            bad.append("no record for messages %s" % sorted(missing))
    for index, objs in by_message.items():
        kinds = {o.get("kind", "error") for o in objs}
        label = "message %d: " % index if index else ""
        if len(kinds) > 1:
            bad.append("%sone message, several kinds %s" % (label,
                                                            sorted(kinds)))
        if kinds & {"not_bounce", "error"} and len(objs) > 1:
            bad.append("%sa not_bounce or error stands alone" % label)
    return bad, [o for _, o in records], seen_original


def parse_problems(data):
    """Return what Python's email package finds wrong with message DATA.

    Structure and content count: defects of the message and its parts,
    and text that does not decode.  Headers are parsed but their defects
    are not counted, since real bounces carry odd ones (Courier's
    "From: ... <@>", a Message-ID without angle brackets)."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    found = []
    for part in msg.walk():
        if not part.is_multipart():
            part.get_payload(decode=True)   # registers encoding defects
        if part.get_content_maintype() == "text":
            try:
                part.get_content()
            except (LookupError, UnicodeError, ValueError) as e:
                found.append("%s does not decode: %s" % (
                    part.get_content_type(), e))
        part.items()    # parses every header; their defects are real life
        found.extend(type(d).__name__ for d in part.defects)
    return found


# Where a bounce without MIME structure starts its copy of the original.
ORIGINAL_MARKERS = (
    "--- Below this line is a copy of the message.",        # qmail, Yahoo
    "--- Original message follows.",                        # Yahoo
    "----- Original message follows -----",                 # Sendmail
    "------ This is a copy of the message, including all the headers. ------",
    "----- Original message -----",                         # old Gmail
    "Original message headers:",                            # Exchange
)
ORIGINAL_TYPES = ("message/rfc822", "message/global", "text/rfc822-headers",
                  "message/global-headers")


def find_original(msg):
    """Return the returned original of bounce MSG as a Message, or None."""
    policy = email.policy.default
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype not in ORIGINAL_TYPES or part is msg:
            continue
        payload = part.get_payload()
        if isinstance(payload, list) and payload:
            return payload[0]
        raw = part.get_payload(decode=True) or b""
        return email.message_from_bytes(raw, policy=policy)
    for part in msg.walk():
        if part.get_content_maintype() != "text":
            continue
        try:
            text = part.get_content()
        except (LookupError, UnicodeError, ValueError):
            continue
        for marker in ORIGINAL_MARKERS:
            at = text.find(marker + "\n")
            if at >= 0:
                rest = text[at + len(marker) + 1:].lstrip("\n")
                return email.message_from_string(rest, policy=policy)
    return None


def check_original(data, want, label=""):
    """Return the problems of the expected original WANT against DATA."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    found = find_original(msg)
    if found is None:
        return ["%sno returned original found for the original line" % label]
    bad = []
    raw = {k.lower(): v for k, v in reversed(list(found.raw_items()))}
    for key, header in (("message_id", "Message-ID"), ("from", "From"),
                        ("to", "To"), ("subject", "Subject"),
                        ("date", "Date")):
        # As written, unfolded, with RFC 2047 encoded words decoded.
        value = raw.get(header.lower())
        if value is not None:
            # Raw UTF-8 headers (RFC 6532) come back surrogate-escaped.
            value = value.encode("utf-8", "surrogateescape").decode(
                "utf-8", "replace")
            value = " ".join(value.split())
            if key not in ("message_id", "date"):
                value = str(email.header.make_header(
                    email.header.decode_header(value)))
        if key in want and want[key] != value:
            bad.append("%soriginal %s is %r, not %r" % (label, key, value,
                                                        want[key]))
        elif key not in want and value is not None:
            bad.append("%sthe original has a %s: %r, missing from .expect"
                       % (label, header, value))
    return bad


def check_message(name, data):
    """Return the problems of message NAME (bytes DATA) as Python sees it.

    NAME is the file's stem, or "mbox/STEM.mbox:N" for the Nth message of
    an mbox."""
    CHECKED.add(name)
    try:
        found = parse_problems(data)
    except Exception as e:          # the point is that nothing raises
        return ["Python's email package raised %s: %s" % (
            type(e).__name__, e)]
    if name in MALFORMED:
        if not found and data:
            return ["listed as malformed (%s), but Python finds nothing"
                    % MALFORMED[name]]
        return []
    return ["Python's email package: %s" % f for f in found]


class Tap:
    """Print TAP test points and count the failures."""

    def __init__(self):
        self.number = 0
        self.failed = 0

    def point(self, name, problems):
        self.number += 1
        if problems:
            self.failed += 1
            print("not ok %d - %s" % (self.number, name))
            for p in problems:
                print("# " + p)
        else:
            print("ok %d - %s" % (self.number, name))

    def finish(self):
        print("1..%d" % self.number)
        return 1 if self.failed else 0


def stems(folder, ext):
    return {f[:-len(ext)] for f in os.listdir(folder) if f.endswith(ext)}


def main(argv):
    top = argv[1] if len(argv) > 1 else os.path.dirname(
        os.path.abspath(__file__))
    mbox_dir = os.path.join(top, "mbox")
    tap = Tap()
    all_records = []

    emls, expects = stems(top, ".eml"), stems(top, ".expect")
    mboxes, mbox_expects = stems(mbox_dir, ".mbox"), stems(mbox_dir,
                                                           ".expect")
    tap.point("every message has its .expect and every .expect its message",
              ["%s.eml has no .expect" % n for n in sorted(emls - expects)]
              + ["%s.expect has no .eml" % n for n in sorted(expects - emls)]
              + ["mbox/%s.mbox has no .expect" % n
                 for n in sorted(mboxes - mbox_expects)]
              + ["mbox/%s.expect has no .mbox" % n
                 for n in sorted(mbox_expects - mboxes)])

    for name in sorted(emls & expects):
        with open(os.path.join(top, name + ".eml"), "rb") as f:
            data = f.read()
        problems = check_message(name, data)
        bad, records, originals = check_expect(
            os.path.join(top, name + ".expect"))
        problems += bad
        for want in originals.values():
            problems += check_original(data, want)
        all_records += records
        tap.point(name + ".eml", problems)

    for name in sorted(mboxes & mbox_expects):
        path = os.path.join(mbox_dir, name + ".mbox")
        problems = []
        box = mailbox.mbox(path, create=False)
        try:
            messages = [box.get_bytes(key) for key in box.keys()]
        finally:
            box.close()
        if not 3 <= len(messages) <= 5:
            problems.append("%d messages, not 3 to 5" % len(messages))
        for number, data in enumerate(messages, 1):
            problems += ["message %d: %s" % (number, p) for p in
                         check_message("mbox/%s.mbox:%d" % (name, number),
                                       data)]
        with open(path, "rb") as f:
            if not f.read(5) == b"From ":
                problems.append('the mbox does not start with "From "')
        bad, records, originals = check_expect(
            os.path.join(mbox_dir, name + ".expect"), len(messages))
        problems += bad
        for number, want in originals.items():
            problems += check_original(messages[number - 1], want,
                                       "message %d: " % number)
        all_records += records
        tap.point("mbox/" + name + ".mbox", problems)

    tap.point("every message listed as malformed is in the corpus",
              ["%s is not in the corpus" % n
               for n in sorted(set(MALFORMED) - CHECKED)])
    readme = os.path.join(top, "README.md")
    with open(readme, encoding="utf-8") as f:
        table = f.read().partition("\n## The files\n")[2]
    listed = set(re.findall(r"^\| `([^`]+)` \|", table, re.M))
    present = emls | {"mbox/" + n for n in mboxes}
    tap.point("README.md has a row for every file, and only for them",
              ["no row for %s" % n for n in sorted(present - listed)]
              + ["a row for %s, which does not exist" % n
                 for n in sorted(listed - present)])
    count = len(emls) + len(mboxes)
    tap.point("at least %d messages" % MIN_MESSAGES,
              [] if len(emls) >= MIN_MESSAGES
              else ["only %d .eml files" % len(emls)])
    reasons = {r.get("reason") for r in all_records} - {None}
    tap.point("at least %d distinct reasons, among them every required one"
              % MIN_REASONS,
              (["only %d reasons" % len(reasons)]
               if len(reasons) < MIN_REASONS else [])
              + ["no record has reason %s" % r for r in REQUIRED_REASONS
                 if r not in reasons])
    feedback = {r.get("feedback_type") for r in all_records} - {None}
    tap.point("every feedback type of RFC 5965",
              ["no ARF report of type %s" % t
               for t in sorted(REQUIRED_FEEDBACK_TYPES - feedback)])
    kinds = {r.get("kind") for r in all_records} - {None}
    actions = {r.get("action") for r in all_records} - {None}
    tap.point("every kind and every action",
              ["no record of kind %s" % k for k in sorted(KINDS - kinds)]
              + ["no record with action %s" % a
                 for a in sorted(ACTIONS - actions)]
              + ([] if any("error" in r for r in all_records)
                 else ["no expected error"]))
    print("# %d files, %d records, %d reasons" % (count, len(all_records),
                                                  len(reasons)))
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
