# t-text.py -- free text, advice and display-safe text from Python.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""extract(), advise() and display_safe(), with the exact answers."""

import taprunner
import smtpreply

Action = smtpreply.Action
Stage = smtpreply.Stage

POSTFIX = (
    "Nov 28 03:14:07 mx postfix/smtp[123]: 4F2A: to=<a@b.example>, "
    "relay=mx.b.example[192.0.2.1]:25, delay=0.5, delays=0.1/0/0.2/0.2, "
    "dsn=5.1.1, status=bounced (host mx.b.example[192.0.2.1] said: 550 "
    "5.1.1 <a@b.example>: Recipient address rejected: User unknown (in "
    "reply to RCPT TO command))")

PERMANENT = ("Do not retry as is: return the message to its sender, or fix "
             "the cause before sending again")


class Extract(taprunner.TestCase):

    def test_finds_a_reply_at_the_start(self):
        m = smtpreply.extract("550 5.1.1 <a@b>: User unknown")
        self.assertEqual(m, smtpreply.Match(550, 0, "5.1.1", 4, 5, 10,
                                            "<a@b>: User unknown", False,
                                            False))
        self.assertEqual(m.enhanced_code, (5, 1, 1))

    def test_finds_the_reply_in_a_log_line_among_other_numbers(self):
        m = smtpreply.extract(POSTFIX)
        self.assertEqual((m.code, m.code_offset), (550, 191))
        self.assertEqual((m.enhanced, m.enhanced_offset, m.enhanced_length),
                         ("5.1.1", 195, 5))
        self.assertEqual(m.text_offset, 201)
        self.assertEqual(m.text, "<a@b.example>: Recipient address rejected: "
                                 "User unknown (in reply to RCPT TO command))")
        self.assertEqual(POSTFIX[m.code_offset:m.code_offset + 3], "550")
        m = smtpreply.extract(
            "Diagnostic-Code: smtp; 554 5.7.1 Message rejected")
        self.assertEqual(m, (554, 23, "5.7.1", 27, 5, 33, "Message rejected",
                             False, False))

    def test_finds_an_enhanced_code_alone(self):
        m = smtpreply.extract("dsn=4.7.1, status=deferred")
        self.assertEqual(m, (None, None, "4.7.1", 4, 5, 9,
                             ", status=deferred", False, False))
        self.assertIsNone(m.code)

    def test_finds_nothing_in_other_numbers(self):
        self.assertIsNone(smtpreply.extract("delay=0.5 port 25 size=1234"))
        self.assertIsNone(smtpreply.extract(""))
        self.assertIsNone(smtpreply.extract(b""))

    def test_counts_offsets_in_characters_of_str_and_bytes_of_bytes(self):
        text = "\u041f\u043e\u043b\u0443\u0447\u0430\u0442\u0435\u043b\u044c:"\
               " 550 5.1.1 \u043d\u0435\u0442"
        m = smtpreply.extract(text)
        self.assertEqual(m, (550, 12, "5.1.1", 16, 5, 22,
                             "\u043d\u0435\u0442", False, False))
        m = smtpreply.extract(text.encode("utf-8"))
        self.assertEqual(m, (550, 22, "5.1.1", 26, 5, 32,
                             "\u043d\u0435\u0442".encode("utf-8"), False,
                             False))
        m = smtpreply.extract(b"\xff\xfe: 451 4.7.1 later")
        self.assertEqual(m, (451, 4, "4.7.1", 8, 5, 14, b"later", False,
                             False))
        m = smtpreply.extract(bytearray(b"451 4.7.1 later"))
        self.assertEqual(m.code, 451)

    def test_tells_codes_outside_the_grammar_and_joined_lines(self):
        m = smtpreply.extract("571 No PTR Record found")
        self.assertEqual((m.code, m.nonstandard, m.last_line),
                         (571, True, False))
        m = smtpreply.extract("220-mx.example ready 421 4.2.1 Too busy")
        self.assertEqual((m.code, m.enhanced, m.nonstandard, m.last_line),
                         (421, "4.2.1", False, True))

    def test_takes_only_text(self):
        # Not five NUL bytes: an int is not text.
        self.assertRaises(TypeError, smtpreply.extract, 5)
        self.assertRaises(TypeError, smtpreply.extract, None)
        self.assertRaises(TypeError, smtpreply.extract, [b"550 x"])
        self.assertRaises(TypeError, smtpreply._smtpreply.extract, 5)


class Advice(taprunner.TestCase):

    def check(self, expected, *args, **kwargs):
        rule, action, text = expected
        advice = smtpreply.advise(*args, **kwargs)
        self.assertEqual(advice, (rule, action, text))
        self.assertIs(advice.action, action)

    def test_advises_by_class(self):
        self.check(("PERMANENT", Action.GIVE_UP, PERMANENT), 550, "5.1.1",
                   Stage.RCPT)
        self.check(("SUCCESS", Action.PROCEED,
                    "The command succeeded; go on with the next step"), 250)
        self.check(("INTERMEDIATE", Action.CONTINUE,
                    "The server waits for more: send the next part, such as "
                    "the message or the next authentication step"), 354)
        self.check(("PRELIMINARY", Action.CONTINUE,
                    "Wait for the server's final reply before sending "
                    "anything else"), 110)
        self.check(("TRANSIENT", Action.RETRY,
                    "Keep the message and try again later"), 451, "4.7.1")

    def test_advises_by_code_and_stage(self):
        self.check(("CLOSING_421", Action.RETRY,
                    "The server is closing the connection; connect again "
                    "later and retry"), 421)
        self.check(("RCPT_552_AS_452", Action.RETRY,
                    "Treat this as a temporary failure, as RFC 5321 asks for "
                    "552 to RCPT: send to this recipient later"),
                   552, None, Stage.RCPT)
        self.check(("PERMANENT", Action.GIVE_UP, PERMANENT), 552)
        host = ("This host does not accept mail; do not retry it, but try "
                "the domain's other MX hosts if it has any")
        self.check(("HOST_NO_MAIL", Action.GIVE_UP, host), 521)
        self.check(("HOST_NO_MAIL", Action.GIVE_UP, host), 554,
                   stage="greeting")
        self.check(("DOMAIN_NO_MAIL", Action.GIVE_UP,
                    "The recipient's domain accepts no mail; return the "
                    "message to its sender"), 556)
        self.check(("DATA_END_PERMANENT", Action.GIVE_UP,
                    "The server refused the message for every recipient; "
                    "return it to its sender"), 550, stage=Stage.DATA_END)
        self.check(("QUIT_DONE", Action.PROCEED,
                    "The session is over; whatever the reply to QUIT, the "
                    "messages already accepted stay accepted"),
                   250, stage="QUIT")

    def test_advises_on_an_enhanced_code_alone(self):
        self.check(("ENHANCED_TRANSIENT", Action.RETRY,
                    "Delivery failed for now; keep the message and try again "
                    "later"), None, "4.7.1")
        self.check(("ENHANCED_SUCCESS", Action.PROCEED,
                    "The delivery succeeded"), 0, (2, 0, 0))
        self.check(("ENHANCED_PERMANENT", Action.GIVE_UP,
                    "Delivery failed for good; return the message to its "
                    "sender"), None, smtpreply.EnhancedCode(5, 1, 1))

    def test_advises_on_a_parsed_reply(self):
        [reply] = smtpreply.parse(b"552 5.2.2 Mailbox full\r\n")
        self.assertEqual(reply.advise(Stage.RCPT).rule, "RCPT_552_AS_452")
        self.assertEqual(smtpreply.advise(reply).rule, "PERMANENT")

    def test_refuses_invalid_arguments(self):
        self.assertError("EINVAL", "Invalid argument", smtpreply.advise, None)
        self.assertError("EBAD_CLASS", None, smtpreply.advise, 999)
        self.assertError("EENHANCED_CLASS", None, smtpreply.advise, 550,
                         (3, 1, 1))
        self.assertError("EINVAL", None, smtpreply.advise, 550, None, 99)
        self.assertError("EINVAL", None, smtpreply.advise, 550, None, -1)
        self.assertError("EINVAL", None, smtpreply.advise, 550, None,
                         "later")
        self.assertRaises(TypeError, smtpreply.advise, 550, None, 4.0)
        self.assertRaises(TypeError, smtpreply.advise, 550.0)
        self.assertRaises(TypeError, smtpreply.advise, 550, 5.1)

    def test_names_actions_and_stages(self):
        self.assertEqual([a.name for a in Action],
                         ["PROCEED", "CONTINUE", "RETRY", "GIVE_UP"])
        self.assertEqual([int(a) for a in Action], [1, 2, 3, 4])
        self.assertEqual([s.name for s in Stage], [
            "ANY", "GREETING", "EHLO", "MAIL", "RCPT", "DATA", "DATA_END",
            "BDAT", "AUTH", "STARTTLS", "QUIT"])
        self.assertEqual(Stage.ANY, 0)

    def test_gives_tokens_as_str_of_the_enumerations(self):
        self.assertEqual(str(Action.GIVE_UP), "give_up")
        self.assertEqual("%s" % Action.RETRY, "retry")
        self.assertEqual("{}".format(Stage.DATA_END), "data_end")
        self.assertEqual(Action.GIVE_UP.token, "give_up")
        self.assertIs(Stage("rcpt"), Stage.RCPT)
        self.assertIs(Stage("QUIT"), Stage.QUIT)
        self.assertIs(Action(4), Action.GIVE_UP)
        self.assertRaises(ValueError, Stage, "later")
        self.assertRaises(ValueError, Stage, "rcpt\0x")
        self.assertEqual(Action.GIVE_UP.describe(), "Give up")
        self.assertEqual(smtpreply.CodeStatus.REGISTRY_ONLY.describe(),
                         "Registry only")
        self.assertEqual(str(smtpreply.CodeStatus.REGISTRY_ONLY),
                         "registry_only")
        # An enumeration holds what the library's token table holds.
        lib = smtpreply._smtpreply
        for enumeration, kind in (
                (smtpreply.ErrorKind, lib.TOKEN_ERROR),
                (smtpreply.Flag, lib.TOKEN_FLAG),
                (Stage, lib.TOKEN_STAGE), (Action, lib.TOKEN_ACTION),
                (smtpreply.CodeStatus, lib.TOKEN_STATUS),
                (smtpreply.Limit, lib.TOKEN_LIMIT),
                (smtpreply.Reason, lib.TOKEN_REASON),
                (smtpreply.Remedy, lib.TOKEN_REMEDY),
                (smtpreply.Severity, lib.TOKEN_SEVERITY),
                (smtpreply.Outcome, lib.TOKEN_OUTCOME),
                (smtpreply.MTA, lib.TOKEN_MTA),
                (smtpreply.LogField, lib.TOKEN_LOG_FIELD),
                (smtpreply.DsnAction, lib.TOKEN_DSN_ACTION)):
            self.assertEqual(len(enumeration), lib.token_count(kind))
            for member in enumeration:
                self.assertEqual(str(member),
                                 lib.token_name(kind, int(member)))
                self.assertEqual(member.name, str(member).upper())


class Display(taprunner.TestCase):

    def test_makes_server_text_safe_to_print(self):
        cases = [
            (b"a\x1b[31mred\x1b[0m", "ared"),
            ("a\tb", "a b"),
            (b"\x00\x7f", "\\x00\\x7F"),
            (b"\r\n", "\\x0D\\x0A"),
            (b"\xff", "\ufffd"),
            (b"\xc3", "\ufffd"),
            ("a\u202eb", "ab"),
            ("a\u200bb\ufeff", "ab"),
            ("x\u2028y", "x\\u2028y"),
            ("c\u0085d", "c\\u0085d"),
            ("\x1b]0;title\x07t", "t"),
            ("ok \u00e9 \u041f", "ok \u00e9 \u041f"),
            (b"", ""),
        ]
        for text, safe in cases:
            self.assertEqual(smtpreply.display_safe(text), safe, text)
        self.assertEqual(smtpreply.display_safe(bytearray(b"\x01")), "\\x01")
        self.assertRaises(TypeError, smtpreply.display_safe, 5)

    def test_quotes_server_text_for_json(self):
        self.assertEqual(smtpreply.json_quote('a"b\\c'), '"a\\"b\\\\c"')
        self.assertEqual(smtpreply.json_quote(b"\x9b\xff"),
                         '"\ufffd\ufffd"')
        self.assertEqual(smtpreply.json_quote("\u009b \u202e \x01"),
                         '"\\u009b \\u202e \\u0001"')
        self.assertEqual(smtpreply.json_quote(""), '""')
        self.assertRaises(TypeError, smtpreply.json_quote, 1)

    def test_escapes_what_a_terminal_would_obey_or_hide(self):
        escape = smtpreply._smtpreply.display_escape
        self.assertEqual(escape(b"a\x1b[1m\xff"), "a\\x1B[1m\\xFF")
        self.assertEqual(escape("x\u202ey"), "x\\u202Ey")
        self.assertEqual(escape(b"\x01" * 1000), "\\x01" * 1000)
        self.assertRaises(TypeError, escape, 5)

    def test_redacts_the_local_parts_of_addresses(self):
        self.assertEqual(smtpreply.redact("to=<john.doe@example.net>, "
                                          "from=<a@b.example>"),
                         "to=<...@example.net>, from=<...@b.example>")
        self.assertEqual(smtpreply.redact(b""), "")
        self.assertRaises(TypeError, smtpreply.redact, None)

    def test_handles_long_text(self):
        text = b"\x01" * 100000
        self.assertEqual(smtpreply.display_safe(text), "\\x01" * 100000)


if __name__ == "__main__":
    taprunner.main()
