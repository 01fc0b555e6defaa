# t-verdicts.py -- why a delivery failed: classify, reasons and rules.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""classify() gives the verdicts tests/t-classify.c checks in C, as a
Verdict; reasons() and rules() list the library's tables, by count and
by content; a Reply classifies itself."""

import taprunner
import smtpreply

Reason = smtpreply.Reason
Stage = smtpreply.Stage
Action = smtpreply.Action
lib = smtpreply._smtpreply


class Classify(taprunner.TestCase):

    def check(self, text, reason, soft, rule, action, stage_used,
              stage=None):
        v = smtpreply.classify(text, stage=stage)
        self.assertIsInstance(v, smtpreply.Verdict)
        self.assertEqual((str(v.reason), v.soft, v.rule, str(v.advice.action),
                          str(v.stage)),
                         (reason, soft, rule, action, stage_used), text)
        self.assertIsInstance(v.reason, Reason)
        self.assertIsInstance(v.advice.action, Action)
        self.assertIsInstance(v.stage, Stage)
        return v

    def test_gives_the_verdicts_of_the_c_tests(self):
        self.check("452 4.2.2 The email account that you tried to reach is "
                   "over quota", "mailboxfull", True, "text.over-quota",
                   "retry", "rcpt", stage="rcpt")
        self.check("host mx.example.com[192.0.2.1] said: 550 5.1.1 "
                   "<a@example.com>: Recipient address rejected: User "
                   "unknown (in reply to RCPT TO command)", "userunknown",
                   False, "text.user-unknown", "give_up", "rcpt")
        self.check("host mx.example.com[192.0.2.1] said: 550 5.1.1 "
                   "<a@example.com>: Recipient address rejected: User "
                   "unknown (in reply to end of DATA command)", "filtered",
                   True, "text.user-unknown.data", "retry", "data_end")
        # The stage given wins over the text.
        self.check("550 5.1.1 User unknown (in reply to RCPT TO command)",
                   "filtered", True, "text.user-unknown.data", "retry",
                   "data_end", stage=Stage.DATA_END)
        self.check("550 Requested action not taken", "rejected", True,
                   "code.550.mail", "retry", "mail", stage="MAIL")
        self.check("250 2.0.0 Ok: queued as 4F2A8", "delivered", None,
                   "class.2", "proceed", "any")
        self.check("571 No PTR Record found", "requireptr", True,
                   "text.ptr", "retry", "any")
        self.check("571 Go away", "undefined", False, "class.5", "give_up",
                   "any")

    def test_gives_the_codes_used_and_explains(self):
        v = smtpreply.classify("452 4.2.2 Over quota (in reply to RCPT TO "
                               "command)")
        self.assertEqual((v.code, v.enhanced, v.stage), (452, "4.2.2",
                                                         Stage.RCPT))
        self.assertEqual(v.explanation,
                         "The reply says \u201cover quota\u201d. The "
                         "recipient's mailbox is full or over its quota.")
        self.assertEqual((v.reason_title, v.reason_text),
                         ("Mailbox full",
                          "The recipient's mailbox is full or over its "
                          "quota"))
        v = smtpreply.classify(code=550, enhanced=(5, 2, 1))
        self.assertEqual(v.explanation,
                         "The enhanced status code is 5.2.1. The "
                         "recipient's mailbox is disabled, suspended or "
                         "inactive.")
        self.assertEqual((v.code, v.enhanced), (550, "5.2.1"))
        v = smtpreply.classify(None, enhanced="4.2.2")
        self.assertIs(v.reason, Reason.MAILBOXFULL)
        self.assertIsNone(v.code)
        v = smtpreply.classify("go ahead", code=354, stage=Stage.DATA)
        self.assertEqual((v.reason, v.rule, v.soft), (None, None, None))
        self.assertEqual(smtpreply.classify("x", code="552").code, 552)

    def test_says_it_in_the_language_asked_for(self):
        v = smtpreply.classify("452 4.2.2 Over quota", lang="ru")
        self.assertEqual(v.reason_title, "Почтовый ящик переполнен")
        english = smtpreply.classify("452 4.2.2 Over quota")
        self.assertEqual(v.advice.text,
                         smtpreply.translate(english.advice.text, "ru"))
        self.assertEqual(v.reason_text,
                         smtpreply.translate(english.reason_text, "ru"))
        self.assertError("EBAD_LANG", None, smtpreply.classify, "x",
                         lang="ru\0")

    def test_refuses_invalid_arguments(self):
        self.assertError("EBAD_CLASS", None, smtpreply.classify, "x",
                         code=650)
        self.assertError("EBAD_CODE", None, smtpreply.classify, "x",
                         code=5500)
        self.assertError("EENHANCED_CLASS", None, smtpreply.classify, "x",
                         code=550, enhanced=(3, 1, 1))
        self.assertError("EINVAL", None, smtpreply.classify, "x", stage=99)
        self.assertError("EINVAL", None, smtpreply.classify, "x",
                         stage="later")
        self.assertError("EBAD_CODE", None, smtpreply.classify, "x",
                         code="55", error=smtpreply.ParseError)

    def test_classifies_a_parsed_reply(self):
        [reply] = smtpreply.parse(b"552 5.2.2 <a@example.com>: Recipient "
                                  b"address rejected: mailbox full\r\n")
        v = reply.classify(stage="rcpt")
        self.assertEqual((str(v.reason), v.soft, v.rule, v.stage),
                         ("mailboxfull", True, "text.mailbox-full",
                          Stage.RCPT))
        self.assertEqual(reply.advise("rcpt").rule, "RCPT_552_AS_452")

    def test_finds_the_stage_in_the_text(self):
        self.assertIs(smtpreply.find_stage("(in reply to RCPT TO command)"),
                      Stage.RCPT)
        self.assertIs(smtpreply.find_stage(b"after end of data: 550 x"),
                      Stage.DATA_END)
        self.assertIs(smtpreply.find_stage("nothing"), Stage.ANY)


class Tables(taprunner.TestCase):

    def test_lists_the_reasons_of_the_library(self):
        reasons = smtpreply.reasons()
        self.assertEqual(len(reasons), lib.reason_count())
        self.assertEqual([r.reason for r in reasons], list(Reason))
        full = smtpreply.lookup_reason("mailboxfull")
        self.assertEqual(full, (Reason.MAILBOXFULL, "mailboxfull",
                                smtpreply.Severity.SOFT,
                                smtpreply.Remedy.RETRY_LATER, "Mailbox full",
                                "The recipient's mailbox is full or over "
                                "its quota"))
        self.assertEqual(smtpreply.lookup_reason("MailboxFull"), full)
        self.assertEqual(smtpreply.lookup_reason(Reason.MAILBOXFULL), full)
        self.assertEqual(smtpreply.lookup_reason("mailboxfull", "ru").title,
                         "Почтовый ящик переполнен")
        self.assertIsNone(smtpreply.lookup_reason("nosuchreason"))
        self.assertEqual(Reason.MAILBOXFULL.describe(), "Mailbox full")

    def test_lists_the_rules_of_the_library(self):
        rules = smtpreply.rules()
        self.assertEqual(len(rules), lib.rule_count())
        self.assertEqual(len({r.id for r in rules}), len(rules))
        rule = smtpreply.lookup_rule("text.over-quota")
        self.assertIs(rule.reason, Reason.MAILBOXFULL)
        self.assertIn(rule, rules)
        self.assertEqual(rule.id, "text.over-quota")
        self.assertEqual(smtpreply.lookup_rule("class.2").code, "2")
        self.assertIs(smtpreply.lookup_rule("class.2").reason,
                      Reason.DELIVERED)
        self.assertIsNone(smtpreply.lookup_rule("no.such.rule"))
        # Every verdict's rule is one of them.
        v = smtpreply.classify("452 4.2.2 Over quota")
        self.assertEqual(smtpreply.lookup_rule(v.rule).reason, v.reason)


if __name__ == "__main__":
    taprunner.main()
