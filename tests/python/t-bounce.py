# t-bounce.py -- whole bounce messages: smtpreply.bounce().
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""bounce() reads the messages of tests/bounces/ as the C library and the
command do: the kinds, a DSN with several recipients, an ARF report, a
bounce without a report, messages that are not bounces, broken ones, the
types it takes and refuses, memory that does not grow; and every message
of the corpus, read by bounce-records.py, gives the records of its
.expect (compare.py)."""

import email
import email.policy
import gc
import os
import subprocess
import sys
import threading

import taprunner
import smtpreply

BounceKind = smtpreply.BounceKind
DsnAction = smtpreply.DsnAction
Reason = smtpreply.Reason
Action = smtpreply.Action

TOP = os.environ["top_srcdir"]
CORPUS = os.path.join(TOP, "tests", "bounces")
HERE = os.path.dirname(os.path.abspath(__file__))

ORIGINAL = {
    "message_id": "<board-2024-04@example.com>",
    "from": "Board <board@example.com>",
    "to": "ann@example.org, bert@example.net, cleo@unrouted.example",
    "subject": "Board papers for April",
    "date": "Wed, 03 Apr 2024 07:00:00 +0000",
}


def corpus(name):
    with open(os.path.join(CORPUS, name), "rb") as f:
        return f.read()


def fields(r):
    return (r.address, r.action, r.status, r.code, r.enhanced, r.lines,
            r.remote_mta, r.diagnostic_type, r.source, r.feedback_type,
            r.reason, r.soft)


class Kinds(taprunner.TestCase):

    def test_are_the_library_tokens(self):
        self.assertEqual([(m.name, int(m), str(m)) for m in BounceKind],
                         [("NOT_BOUNCE", 0, "not_bounce"), ("DSN", 1, "dsn"),
                          ("ARF", 2, "arf"), ("BOUNCE", 3, "bounce")])
        self.assertIs(BounceKind("arf"), BounceKind.ARF)
        self.assertEqual("%s" % BounceKind.DSN, "dsn")
        self.assertEqual(BounceKind.BOUNCE.token, "bounce")
        with self.assertRaises(ValueError):
            BounceKind("delivery")


class Dsn(taprunner.TestCase):

    def test_gives_each_recipient_of_a_multi_recipient_dsn(self):
        b = smtpreply.bounce(corpus("exim-dsn-multi-recipient.eml"))
        self.assertIsInstance(b, smtpreply.Bounce)
        self.assertIs(b.kind, BounceKind.DSN)
        self.assertEqual(b.format, "dsn")
        self.assertEqual(len(b.recipients), 3)
        self.assertIsInstance(b.recipients, tuple)
        self.assertEqual(fields(b.recipients[0]), (
            "ann@example.org", DsnAction.FAILED, "5.0.0", 550, "5.1.1",
            ("5.1.1 <ann@example.org>: Recipient address rejected: User "
             "unknown in local recipient table",),
            "mx.example.org", "smtp", "dsn", None, Reason.USERUNKNOWN, False))
        self.assertEqual(fields(b.recipients[1]), (
            "bert@example.net", DsnAction.FAILED, "5.0.0", 552, None,
            ("sorry, mailbox bert is over quota temporarily (#5.1.1)",),
            "mail.example.net", "smtp", "dsn", None, Reason.MAILBOXFULL,
            True))
        self.assertEqual(fields(b.recipients[2]), (
            "cleo@unrouted.example", DsnAction.FAILED, "5.0.0", None, None,
            (), None, None, "dsn", None, Reason.HOSTUNKNOWN, False))
        self.assertEqual(b.original, ORIGINAL)

    def test_gives_the_verdict_as_classify_does(self):
        ann, bert, cleo = smtpreply.bounce(
            corpus("exim-dsn-multi-recipient.eml")).recipients
        self.assertIsInstance(ann.verdict, smtpreply.Verdict)
        self.assertEqual((ann.verdict.rule, ann.verdict.code,
                          ann.verdict.enhanced, str(ann.verdict.stage)),
                         ("text.user-unknown", 550, "5.1.1", "rcpt"))
        self.assertEqual(ann.verdict.reason_title, "Unknown recipient")
        self.assertIs(ann.advice.action, Action.GIVE_UP)
        self.assertEqual(ann.advice.text, "Return the message to its "
                         "sender and stop sending to this address")
        self.assertIs(bert.advice.action, Action.RETRY)
        self.assertEqual(bert.verdict.rule, "text.over-quota")
        self.assertEqual(cleo.verdict.explanation,
                         "The reply says “unrouteable address”. The "
                         "recipient's domain does not exist or has no mail "
                         "host (MX).")
        self.assertEqual(ann.diagnostic,
                         "550 5.1.1 <ann@example.org>: Recipient address "
                         "rejected: User unknown in local recipient table")

    def test_says_its_verdicts_in_the_language_asked(self):
        b = smtpreply.bounce(corpus("exim-dsn-multi-recipient.eml"),
                             lang="ru")
        bert = b.recipients[1]
        self.assertEqual(bert.verdict.reason_title,
                         "Почтовый ящик переполнен")
        self.assertEqual(bert.to_json("ru")["reason_title"],
                         "Почтовый ящик переполнен")
        self.assertEqual(bert.to_json()["reason_title"], "Mailbox full")
        with self.assertRaises(TypeError):
            smtpreply.bounce(b"", lang=b"ru")

    def test_never_takes_a_reply_code_from_an_x_unix_diagnostic(self):
        [r] = smtpreply.bounce(
            corpus("sendmail-dsn-x-unix-255.eml")).recipients
        self.assertEqual((r.address, r.status, r.code, r.enhanced, r.lines,
                          r.diagnostic_type, r.diagnostic, r.verdict.rule),
                         ("support@example.com", "5.3.0", None, None, (),
                          "x-unix", "255", "text.x-unix"))

    def test_to_json_is_the_command_record(self):
        b = smtpreply.bounce(corpus("exim-dsn-multi-recipient.eml"))
        rec = b.recipients[0].to_json()
        self.assertEqual(
            [rec[k] for k in ("kind", "recipient", "action", "status", "code",
                              "enhanced", "reason", "soft", "advice",
                              "remote_mta", "diagnostic_type", "source",
                              "format", "lang")],
            ["dsn", "ann@example.org", "failed", "5.0.0", 550, "5.1.1",
             "userunknown", False, "give_up", "mx.example.org", "smtp",
             "dsn", "dsn", "en"])
        self.assertEqual(rec["original"], ORIGINAL)
        self.assertNotIn("file", rec)
        self.assertNotIn("message", rec)
        self.assertEqual([r["recipient"] for r in b.to_json()],
                         ["ann@example.org", "bert@example.net",
                          "cleo@unrouted.example"])
        self.assertEqual(b.recipients[2].to_json()["reason"], "hostunknown")


class Arf(taprunner.TestCase):

    def test_reads_a_feedback_report(self):
        b = smtpreply.bounce(corpus("arf-abuse.eml"))
        self.assertEqual((b.kind, b.format), (BounceKind.ARF, "arf"))
        [r] = b.recipients
        self.assertEqual(fields(r), (
            "kate@example.com", DsnAction.NONE, None, None, None, (), None,
            None, "arf", "abuse", Reason.FEEDBACK, None))
        self.assertIsNone(r.diagnostic)
        self.assertEqual(b.report_field("feedback-type"), "abuse")
        self.assertEqual(b.report_field("Source-IP"), "192.0.2.1")
        self.assertEqual(b.report_field("User-Agent"), "ExampleFeedback/1.0")
        self.assertIsNone(b.report_field("X-Nothing"))
        self.assertEqual(b.original["subject"], "You have won 550 000 dollars")


class Notification(taprunner.TestCase):

    def test_reads_a_bounce_without_a_report(self):
        b = smtpreply.bounce(corpus("qmail-nondsn-local-multi.eml"))
        self.assertEqual((b.kind, b.format), (BounceKind.BOUNCE, "qmail"))
        self.assertEqual(
            [(r.address, r.action, r.status, r.code, str(r.reason), r.soft,
              r.source) for r in b.recipients],
            [("vera@example.com", DsnAction.FAILED, "5.1.1", None,
              "userunknown", False, "text:5"),
             ("walt@example.com", DsnAction.FAILED, "5.2.2", None,
              "mailboxfull", True, "text:8"),
             ("xena@example.com", DsnAction.FAILED, "5.4.6", None,
              "networkerror", True, "text:11")])
        self.assertEqual(b.recipients[0].diagnostic,
                         "<vera@example.com>: Sorry, no mailbox here by that "
                         "name. (#5.1.1)")
        self.assertEqual(b.original["message_id"],
                         "<20240408100000.2211.qmail@mail.example.com>")


class NotBounce(taprunner.TestCase):

    def test_an_auto_reply_is_no_bounce(self):
        b = smtpreply.bounce(corpus("notbounce-vacation.eml"))
        self.assertEqual((b.kind, b.format, b.recipients, b.original),
                         (BounceKind.NOT_BOUNCE, None, (), {}))
        self.assertEqual(b.to_json(), [{"kind": "not_bounce", "lang": "en"}])
        self.assertEqual(b.to_json("ru"),
                         [{"kind": "not_bounce", "lang": "ru"}])

    def test_empty_input_and_junk_are_no_bounce(self):
        for data in (b"", "", bytearray(),
                     corpus("malformed-binary-junk.eml")):
            self.assertIs(smtpreply.bounce(data).kind, BounceKind.NOT_BOUNCE)


class Broken(taprunner.TestCase):

    def test_a_report_without_boundary_is_an_error(self):
        with self.assertRaises(smtpreply.Error) as cm:
            smtpreply.bounce(corpus("malformed-multipart-no-boundary.eml"))
        e = cm.exception
        self.assertIsInstance(e, ValueError)
        self.assertEqual((e.kind, e.message, e.errno),
                         ("EBOUNCE_MIME",
                          "The message could not be read as MIME", -130))

    def test_a_message_over_64_mib_is_an_error(self):
        with self.assertRaises(smtpreply.Error) as cm:
            smtpreply.bounce(bytes(64 * 1024 * 1024 + 1))
        self.assertEqual((cm.exception.kind, str(cm.exception)),
                         ("EBOUNCE_TOO_BIG",
                          "The message is larger than 64 MiB"))


class Types(taprunner.TestCase):

    def test_takes_bytes_str_and_buffers_alike(self):
        data = corpus("exim-dsn-multi-recipient.eml")
        want = [fields(r) for r in smtpreply.bounce(data).recipients]
        for given in (data.decode("utf-8"), bytearray(data),
                      memoryview(data)):
            self.assertEqual(
                [fields(r) for r in smtpreply.bounce(given).recipients], want)

    def test_takes_an_email_message(self):
        data = corpus("qmail-nondsn-local-multi.eml")
        want = [fields(r) for r in smtpreply.bounce(data).recipients]
        for policy in (email.policy.compat32, email.policy.default):
            msg = email.message_from_bytes(data, policy=policy)
            b = smtpreply.bounce(msg)
            self.assertEqual(b.kind, BounceKind.BOUNCE)
            self.assertEqual([fields(r) for r in b.recipients], want)
        dsn = email.message_from_bytes(corpus("exim-dsn-multi-recipient.eml"))
        self.assertEqual([r.address for r in smtpreply.bounce(dsn).recipients],
                         ["ann@example.org", "bert@example.net",
                          "cleo@unrouted.example"])

    def test_import_leaves_the_email_package_alone(self):
        # A Message comes from a program that imported email.message
        # itself: smtpreply does not make every program import it.
        out = subprocess.run(
            [sys.executable, "-c",
             "import sys, smtpreply; "
             "print(sorted(m for m in sys.modules if m.startswith('email')))"],
            check=True, capture_output=True, text=True).stdout
        self.assertEqual(out, "[]\n")

    def test_refuses_other_types(self):
        for bad in (None, 550, 1.5, ["From: a"], object()):
            with self.assertRaises(TypeError):
                smtpreply.bounce(bad)

    def test_results_are_read_only(self):
        b = smtpreply.bounce(corpus("arf-abuse.eml"))
        with self.assertRaises(AttributeError):
            b.kind = BounceKind.DSN
        with self.assertRaises(AttributeError):
            b.recipients[0].code = 550
        self.assertEqual(repr(b), "<Bounce arf arf, 1 recipients>")
        self.assertEqual(repr(b.recipients[0]),
                         "<Recipient 'kate@example.com' none feedback>")

    def test_a_recipient_outlives_its_bounce(self):
        r = smtpreply.bounce(corpus("exim-dsn-multi-recipient.eml")) \
            .recipients[1]
        self.assertEqual(r.to_json()["recipient"], "bert@example.net")


class Threads(taprunner.TestCase):

    def test_threads_read_messages_at_once(self):
        names = ["exim-dsn-multi-recipient.eml", "arf-abuse.eml",
                 "qmail-nondsn-local-multi.eml", "notbounce-vacation.eml"]
        datas = [corpus(n) for n in names]
        want = [[fields(r) for r in smtpreply.bounce(d).recipients]
                for d in datas]
        got = {}

        def work(k):
            got[k] = [[fields(r) for r in smtpreply.bounce(d).recipients]
                      for d in datas for _ in range(20)][::20]

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(got, {k: want for k in range(4)})


def rss_kb():
    """Return the resident set size of this process in kB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


class Memory(taprunner.TestCase):

    def test_reading_bounces_grows_no_memory(self):
        # A bounce, its C object and its Python objects are freed with it:
        # 3000 reads of three messages, each of tens of kB in C, would
        # grow a leak of one object per read far past the slack (more
        # under a sanitizer, whose allocator keeps freed memory aside).
        slack_kb = (8 if os.environ.get("SMTPREPLY_SANITIZED") else 3) * 1024
        datas = [corpus(n) for n in ("exim-dsn-multi-recipient.eml",
                                     "arf-abuse.eml",
                                     "qmail-nondsn-local-multi.eml")]

        def read(n):
            for _ in range(n):
                for d in datas:
                    b = smtpreply.bounce(d)
                    [r.to_json() for r in b.recipients]
                try:
                    smtpreply.bounce(corpus(
                        "malformed-multipart-no-boundary.eml"))
                except smtpreply.Error:
                    pass

        read(300)
        gc.collect()
        before = rss_kb()
        read(1000)
        gc.collect()
        after = rss_kb()
        self.assertLess(after - before, slack_kb,
                        "RSS grew from %d kB to %d kB" % (before, after))


class Corpus(taprunner.TestCase):

    def test_every_message_gives_its_expect_records(self):
        script = "%s %s" % (sys.executable,
                            os.path.join(HERE, "bounce-records.py"))
        run = subprocess.run(
            [sys.executable, os.path.join(CORPUS, "compare.py"), CORPUS,
             script + " {}", script + " --mbox {}"],
            stdout=subprocess.PIPE, universal_newlines=True)
        self.assertEqual(run.returncode, 0, run.stdout)
        self.assertTrue(run.stdout.endswith("\n1..98\n"), run.stdout)
        self.assertNotIn("not ok", run.stdout)


if __name__ == "__main__":
    taprunner.main()
