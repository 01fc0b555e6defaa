# t-logs.py -- mail logs: annotate_lines and Summary.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""annotate_lines() gives the JSON records of the library field by field;
a Summary built in parts and merged, in any order and grouping, through
merge, +, sum, JSON and pickle, renders exactly as the summary of the
whole, in every format and language."""

import io
import os
import pickle
import random

import taprunner
import smtpreply

EXAMPLES = os.path.join(os.environ["top_srcdir"], "examples")
LOGS = [os.path.join(EXAMPLES, name)
        for name in ("postfix.log", "exim.log", "sendmail.log")]


def read_lines(path):
    """Return the lines of PATH as bytes, without their endings."""
    with open(path, "rb") as f:
        return f.read().split(b"\n")[:-1]


class Annotate(taprunner.TestCase):

    def test_gives_the_fields_of_a_postfix_line(self):
        lines = read_lines(LOGS[0])
        [record] = smtpreply.annotate_lines(lines[3:4], "postfix.log",
                                            first_line=4)
        self.assertEqual(record["input"], lines[3].decode())
        expected = {
            "file": "postfix.log", "line": 4, "code": 450,
            "name": "MAILBOX_BUSY", "class": 4, "category": 5,
            "class_name": "transient_negative",
            "category_name": "mail_system", "enhanced": "4.2.0",
            "stage": "rcpt", "reason": "greylisted", "soft": True,
            "rule": "text.greylisted", "advice": "retry",
            "outcome": "deferred", "mta": "postfix",
            "queue_id": "E330CCB17B", "recipient": "info@shop.example.org",
            "domain": "shop.example.org", "relay": "mail.shop.example.org",
            "status": "deferred", "lang": "en",
        }
        self.assertEqual({k: record[k] for k in expected}, expected)
        self.assertEqual(record["title"], "Mailbox temporarily unavailable")
        self.assertEqual(record["reason_title"], "Greylisted")

    def test_gives_a_record_per_line_with_a_reply(self):
        for path in LOGS:
            lines = read_lines(path)
            records = smtpreply.annotate_lines(lines, path)
            with_reply = [i + 1 for i, line in enumerate(lines)
                          if smtpreply.extract(line) is not None]
            self.assertEqual([r["line"] for r in records], with_reply)
            self.assertGreater(len(records), 10)
            self.assertTrue(all(r["file"] == path for r in records))
            self.assertEqual({r["mta"] for r in records if "mta" in r},
                             {os.path.basename(path)[:-4]})
            self.assertNotIn("none", {r["outcome"] for r in records})

    def test_takes_lines_in_every_form(self):
        data = open(LOGS[1], "rb").read()
        expected = smtpreply.annotate_lines(data, "exim.log")
        # The log has bytes that are not UTF-8: a str holds them as the
        # "surrogateescape" handler does.
        text = data.decode("utf-8", "surrogateescape")
        self.assertEqual(smtpreply.annotate_lines(text, "exim.log"),
                         expected)
        self.assertEqual(smtpreply.annotate_lines(
            data.replace(b"\n", b"\r\n"), "exim.log"), expected)
        self.assertEqual(smtpreply.annotate_lines(io.BytesIO(data),
                                                  "exim.log"), expected)
        self.assertEqual(smtpreply.annotate_lines(
            io.StringIO(text), "exim.log"), expected)
        self.assertEqual(smtpreply.annotate_lines(
            text.splitlines(), "exim.log"), expected)
        # Lines counted from FIRST_LINE.
        shifted = smtpreply.annotate_lines(data, "exim.log", first_line=101)
        self.assertEqual([r["line"] - 100 for r in shifted],
                         [r["line"] for r in expected])
        self.assertEqual(smtpreply.annotate_lines([]), [])
        self.assertEqual(smtpreply.annotate_lines(b""), [])
        self.assertEqual(smtpreply.annotate_lines(["250 ok"])[0]["file"], "-")

    def test_redacts_and_translates(self):
        lines = read_lines(LOGS[0])
        [record] = smtpreply.annotate_lines(lines[3:4], redact=True,
                                            lang="ru")
        self.assertEqual(record["recipient"], "...@shop.example.org")
        self.assertNotIn("info@", record["input"])
        self.assertEqual(record["lang"], "ru")
        self.assertEqual(record["description"],
                         smtpreply.lookup(450, "ru").description)


class Summaries(taprunner.TestCase):

    def whole(self, **options):
        total = smtpreply.Summary(**options)
        for path in LOGS:
            total.add_lines(open(path, "rb").read(), path)
        return total

    def parts(self, rng, **options):
        """Return summaries of random slices of the logs."""
        out = []
        for path in LOGS:
            lines = read_lines(path)
            i = 0
            while i < len(lines):
                n = rng.randint(1, 40)
                part = smtpreply.Summary(**options)
                part.add_lines(lines[i:i + n], path, first_line=i + 1)
                out.append(part)
                i += n
        return out

    def renders(self, summary):
        return [summary.render(fmt, lang) for fmt in ("text", "color", "json")
                for lang in (None, "ru")]

    def test_merged_parts_render_as_the_whole(self):
        rng = random.Random(15)
        for options in ({}, {"redact": True}, {"failures": True}):
            whole = self.whole(**options)
            expected = self.renders(whole)
            for _ in range(3):
                parts = self.parts(rng, **options)
                self.assertGreater(len(parts), 10)
                rng.shuffle(parts)
                # merge, in a random order.
                merged = smtpreply.Summary(**options)
                for part in parts:
                    merged.merge(part)
                self.assertEqual(self.renders(merged), expected)
                self.assertEqual(merged.lines, whole.lines)
                # +, grouped differently.
                half = len(parts) // 2
                left = sum(parts[:half], smtpreply.Summary(**options))
                right = sum(parts[half:])
                self.assertEqual(self.renders(right + left), expected)
                # Through JSON and pickle, as between processes.
                moved = [smtpreply.Summary.from_json(p.to_json())
                         for p in parts]
                moved = [pickle.loads(pickle.dumps(p)) for p in moved]
                total = moved[0].copy()
                for part in moved[1:]:
                    total += part
                self.assertEqual(self.renders(total), expected)

    def test_renders_exactly_what_the_command_would(self):
        lines = read_lines(LOGS[0])
        summary = smtpreply.Summary()
        summary.add_lines(lines[3:6], "postfix.log", first_line=4)
        text = summary.render()
        self.assertTrue(text.startswith(
            "Deferred: 2 lines\n  By reason:\n       1  Mailbox full\n"
            "          Nov 28 03:10:52 mx1 postfix/smtp[2817]: E11DF51CF1: "),
            text)
        self.assertIn("  By destination domain:\n       1  mail.example.net\n"
                      "       1  shop.example.org\n", text)
        first = summary.render("json").split("\n")[0]
        self.assertEqual(first, '{"kind":"outcome","outcome":"deferred",'
                         '"count":2,"title":"Deferred","lang":"en"}')
        self.assertEqual(summary.lines, 2)
        self.assertEqual(repr(summary), "<Summary of 2 lines>")
        # The examples are the first lines in (file, line) order, whatever
        # order the lines came in.
        late = smtpreply.Summary()
        late.add_lines(lines[5:6], "postfix.log", first_line=6)
        early = smtpreply.Summary()
        early.add_lines(lines[3:5], "postfix.log", first_line=4)
        self.assertEqual((late + early).render(), text)
        self.assertEqual((early + late).render(), text)

    def test_counts_the_lines_with_a_reply(self):
        whole = self.whole()
        records = sum((smtpreply.annotate_lines(read_lines(p), p)
                       for p in LOGS), [])
        self.assertEqual(whole.lines, len(records))
        failures = self.whole(failures=True)
        self.assertEqual(failures.lines,
                         sum(1 for r in records
                             if (r["code"] // 100 if r.get("code")
                                 else int(r["enhanced"][0])) in (4, 5)))
        self.assertEqual(smtpreply.Summary().lines, 0)

    def test_refuses_what_is_not_a_summary(self):
        for text, offset in (("{}", 1), ('{"format":"x"}', 10), ("", 0)):
            error = self.assertError("ESUMMARY_JSON", "The text is not a "
                                     "summary saved by smtpreply",
                                     smtpreply.Summary.from_json, text,
                                     error=smtpreply.ParseError)
            self.assertEqual(error.offset, offset, text)
        self.assertError("EINVAL", None, smtpreply.Summary().merge,
                         smtpreply.Summary(redact=True))
        plain = smtpreply.Summary()
        self.assertRaises(TypeError, lambda: plain + 1)
        # A summary merged into itself counts twice.
        plain.add_lines(read_lines(LOGS[0]), LOGS[0])
        lines = plain.lines
        plain.merge(plain)
        self.assertEqual(plain.lines, 2 * lines)

    def test_reports_a_temporary_file_that_cannot_be_made(self):
        # Past 512 KiB of rows a summary spills them to a file in $TMPDIR:
        # where none can be made, add_lines raises ETEMP_FILE and the
        # summary keeps the lines it counted before.
        lines = [("Nov 28 03:15:21 mx1 postfix/smtp[%d]: %05X: "
                  "to=<u@d%d.example>, relay=mx.example.net[198.51.100.7]:25, "
                  "dsn=5.1.1, status=bounced (host mx.example.net"
                  "[198.51.100.7] said: 550 5.1.1 User unknown (in reply "
                  "to RCPT TO command))" % (i, i, i)).encode()
                 for i in range(20000)]
        saved = os.environ.get("TMPDIR")
        os.environ["TMPDIR"] = "/nonexistent/smtpreply-test"
        try:
            summary = smtpreply.Summary()
            self.assertError("ETEMP_FILE", "A temporary file could not be "
                             "created, written or read", summary.add_lines,
                             lines, "many.log")
        finally:
            if saved is None:
                del os.environ["TMPDIR"]
            else:
                os.environ["TMPDIR"] = saved
        self.assertGreater(summary.lines, 1000)
        self.assertLess(summary.lines, 20000)
        whole = smtpreply.Summary()
        whole.add_lines(lines, "many.log")
        self.assertEqual(whole.lines, 20000)


if __name__ == "__main__":
    taprunner.main()
