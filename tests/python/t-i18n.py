# t-i18n.py -- languages from Python: per call and from the environment.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Russian, per call (lang=) and as the default language read from the
environment, with the literals of po/ru.po; language tags and catalogs.
The catalogs are those of tests/locale, built from po/*.po (the test
environment points SMTPREPLY_LOCALEDIR at them)."""

import contextlib
import os
import subprocess
import sys

import taprunner
import smtpreply

RU_550 = ("Запрошенная операция невозможна — почтовый ящик недоступен "
          "(почтовый ящик не найден или нет доступа; команда отклонена "
          "локальной политикой безопасности)")
RU_550_TITLE = "Почтовый ящик недоступен"
RU_CLASS_5 = "Постоянный негативный отклик"
RU_X_1_1_TITLE = "Неверный адрес почтового ящика назначения"
RU_X_1_1 = ("Почтовый ящик получателя — часть адреса до @ — не существует в "
            "системе назначения")
RU_BAD_CODE = "Код ответа состоит ровно из трёх цифр"
RU_BAD_CLASS = "Первая цифра кода ответа должна быть от 1 до 5"
RU_TRUNCATED = "Входные данные закончились посреди ответа"
RU_BARE_LF = "Строка заканчивается на LF без CR"
RU_PERMANENT = ("Не повторяйте попытку без изменений: верните сообщение "
                "отправителю или устраните причину, прежде чем отправлять "
                "снова")

EN_550 = ("The requested action was not taken: the mailbox is unavailable "
          "(not found, no access, or refused by local policy)")


@contextlib.contextmanager
def environment(**changes):
    """Set the environment variables CHANGES (None: unset) for a while,
    telling the library, which reads the environment once."""
    saved = {name: os.environ.get(name) for name in changes}
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        smtpreply.reset_language()
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        smtpreply.reset_language()


class PerCall(taprunner.TestCase):

    def test_describes_550_in_russian(self):
        self.assertEqual(smtpreply.describe(550, lang="ru"), RU_550)
        self.assertEqual(smtpreply.describe(550, "ru_RU.UTF-8"), RU_550)
        info = smtpreply.lookup(550, lang="ru")
        self.assertEqual((info.title, info.description),
                         (RU_550_TITLE, RU_550))
        # The stable fields are never translated.
        self.assertEqual(info.name, "MAILBOX_UNAVAILABLE")
        # The environment's language stays English meanwhile.
        self.assertEqual(smtpreply.describe(550), EN_550)

    def test_describes_a_class_in_russian(self):
        self.assertEqual(
            smtpreply.ReplyClass.PERMANENT_NEGATIVE.title("ru"), RU_CLASS_5)
        self.assertEqual(smtpreply.code_class(550).title(lang="ru"),
                         RU_CLASS_5)

    def test_describes_an_enhanced_detail_in_russian(self):
        self.assertEqual(smtpreply.describe_enhanced("5.1.1", lang="ru"),
                         RU_X_1_1)
        info = smtpreply.lookup_enhanced("5.1.1", lang="ru")
        self.assertEqual((info.title, info.description),
                         (RU_X_1_1_TITLE, RU_X_1_1))
        [reply] = smtpreply.parse(b"550 5.1.1 no\r\n")
        self.assertEqual(reply.describe_enhanced("ru"), RU_X_1_1)
        self.assertEqual(reply.describe("ru"), RU_550)

    def test_raises_errors_in_the_language_asked_for(self):
        self.assertError("EBAD_CODE", RU_BAD_CODE, smtpreply.describe, 42,
                         lang="ru")
        self.assertError("EBAD_CODE", RU_BAD_CODE, smtpreply.describe, "5x",
                         lang="ru", error=smtpreply.ParseError)
        parser = smtpreply.Parser(lang="ru")
        [_, error] = parser.feed(b"250 ok\r\n999 bad\r\n")
        self.assertEqual((error.kind, error.message, error.line,
                          error.offset), ("EBAD_CLASS", RU_BAD_CLASS, 2, 8))
        parser.feed(b"250-cut")
        [error] = parser.finish()
        self.assertEqual((error.kind, error.message),
                         ("ETRUNCATED", RU_TRUNCATED))
        self.assertError("EBAD_CLASS", RU_BAD_CLASS, smtpreply.lookup, 650,
                         "ru")
        self.assertError("EENHANCED_CLASS",
                         "Класс расширенного кода состояния должен быть "
                         "2, 4 или 5", smtpreply.describe_enhanced, "6.1.1",
                         lang="ru", error=smtpreply.ParseError)
        self.assertEqual(smtpreply.strerror(-11, "ru"), RU_BAD_CLASS)
        self.assertEqual(smtpreply.Flag.BARE_LF.describe("ru"), RU_BARE_LF)

    def test_advises_in_russian(self):
        advice = smtpreply.advise(550, "5.1.1", lang="ru")
        self.assertEqual((advice.rule, advice.text), ("PERMANENT",
                                                      RU_PERMANENT))

    def test_translates_messages_and_plurals(self):
        self.assertEqual(smtpreply.translate("Mailbox unavailable", "ru"),
                         RU_550_TITLE)
        self.assertEqual(smtpreply.translate("Not a msgid", "ru"),
                         "Not a msgid")
        forms = ("%s: %llu line", "%s: %llu lines")
        self.assertEqual(smtpreply.translate_plural(*forms, 1, "ru"),
                         "%s: %llu строка")
        self.assertEqual(smtpreply.translate_plural(*forms, 3, "ru"),
                         "%s: %llu строки")
        self.assertEqual(smtpreply.translate_plural(*forms, 5, "ru"),
                         "%s: %llu строк")
        self.assertEqual(smtpreply.translate_plural(*forms, 5, "en"),
                         "%s: %llu lines")


class Languages(taprunner.TestCase):

    def test_lists_the_catalogs(self):
        languages = smtpreply.languages()
        self.assertIn("ru", languages)
        self.assertIn("pt_BR", languages)
        self.assertEqual(languages, sorted(languages))

    def test_resolves_tags(self):
        resolve = smtpreply.resolve_language
        self.assertEqual(resolve("ru"), "ru")
        self.assertEqual(resolve("ru_RU.UTF-8"), "ru")
        self.assertEqual(resolve("pt-BR"), "pt_BR")
        self.assertEqual(resolve("xx:ru"), "ru")
        self.assertEqual(resolve("en:ru"), "en")
        self.assertEqual(resolve("zh-TW"), "zh_TW")
        self.assertEqual(resolve("zh-Hant"), "zh_TW")
        self.assertEqual(resolve("xx"), "en")
        self.assertEqual(resolve(None), "en")
        self.assertEqual(smtpreply.describe(550, lang="xx"), EN_550)
        self.assertEqual(smtpreply.describe(550, lang="en"), EN_550)

    def test_tells_why_a_tag_falls_back_to_english(self):
        self.assertIsNone(smtpreply.check_language("ru"))
        self.assertIsNone(smtpreply.check_language("en"))
        self.assertIsNone(smtpreply.check_language("C"))
        self.assertError("ENO_CATALOG",
                         "No catalog is installed for this language",
                         smtpreply.check_language, "xx")
        self.assertError("EBAD_LANG",
                         "The language tag has characters a tag cannot have",
                         smtpreply.check_language, "../../etc")
        self.assertIsNone(smtpreply.check_catalog("ru"))
        self.assertError("ENO_CATALOG", None, smtpreply.check_catalog, "xx")
        self.assertError("EBAD_LANG", None, smtpreply.check_catalog, "r/u")


class Tags(taprunner.TestCase):

    def test_negotiates_an_accept_language_header(self):
        negotiate = smtpreply.negotiate_language
        self.assertEqual(negotiate("ru-RU,ru;q=0.9,en;q=0.8"), "ru")
        self.assertEqual(negotiate("en-US,en;q=0.9,ru;q=0.8"), "en")
        self.assertEqual(negotiate("xx, pt-BR;q=0.5"), "pt_BR")
        self.assertEqual(negotiate("de;q=0.2, uk;q=0.7"), "uk")
        self.assertEqual(negotiate("ru;q=0, *"), "en")
        self.assertEqual(negotiate(""), "en")
        self.assertRaises(TypeError, negotiate, None)
        self.assertRaises(TypeError, negotiate, b"ru")
        self.assertError("EBAD_LANG", None, negotiate, "ru\0")

    def test_refuses_a_nul_inside_a_tag_everywhere(self):
        # "ru\0de" is never cut to "ru".
        calls = [
            lambda lang: smtpreply.describe(550, lang),
            lambda lang: smtpreply.describe(550, lang=lang),
            lambda lang: smtpreply.lookup(550, lang),
            lambda lang: smtpreply.codes(lang),
            lambda lang: smtpreply.describe_enhanced("5.1.1", lang),
            lambda lang: smtpreply.resolve_language(lang),
            lambda lang: smtpreply.check_language(lang),
            lambda lang: smtpreply.check_catalog(lang),
            lambda lang: smtpreply.strerror(-10, lang),
            lambda lang: smtpreply.advise(550, lang=lang),
            lambda lang: smtpreply.classify("550 x", lang=lang),
            lambda lang: smtpreply.reasons(lang),
            lambda lang: smtpreply.translate("Mailbox unavailable", lang),
            lambda lang: smtpreply.Parser(lang=lang),
            lambda lang: smtpreply.Stage.RCPT.describe(lang),
            lambda lang: smtpreply.annotate_lines([], lang=lang),
            lambda lang: smtpreply.Summary().render(lang=lang),
        ]
        for call in calls:
            self.assertError("EBAD_LANG", "The language tag has characters "
                             "a tag cannot have", call, "ru\0de")
            self.assertRaises(TypeError, call, 7)

    def test_refuses_a_nul_inside_other_strings(self):
        for call in (lambda: smtpreply.lookup_rule("class.2\0x"),
                     lambda: smtpreply.lookup_reason("mailboxfull\0"),
                     lambda: smtpreply.translate("Mailbox unavailable\0x"),
                     lambda: smtpreply.classify("550", remote_mta="a\0b"),
                     lambda: smtpreply.annotate_lines([], file="a\0b")):
            with self.assertRaises(ValueError) as caught:
                call()
            self.assertEqual(str(caught.exception), "embedded null character")


class DefaultLanguage(taprunner.TestCase):

    def test_reads_language_from_the_environment_after_a_reset(self):
        self.assertEqual(os.environ.get("LC_ALL"), "C.UTF-8")
        with environment(LANGUAGE="ru"):
            self.assertEqual(smtpreply.describe(550), RU_550)
            self.assertEqual(smtpreply.resolve_language(), "ru")
            self.assertEqual(smtpreply.ReplyClass(5).title(), RU_CLASS_5)
            self.assertEqual(smtpreply.describe_enhanced("5.1.1"), RU_X_1_1)
            # Errors raised by the C layer use the default language too.
            self.assertError("EBAD_CODE", RU_BAD_CODE, smtpreply.describe, 42)
            self.assertEqual(smtpreply.parse(b"999 x\r\n")[0].message,
                             RU_BAD_CLASS)
            # lang= still wins.
            self.assertEqual(smtpreply.describe(550, lang="en"), EN_550)
        self.assertEqual(smtpreply.describe(550), EN_550)

    def test_c_locale_means_english_and_lang_alone_counts(self):
        with environment(LC_ALL="C", LANGUAGE="ru"):
            self.assertEqual(smtpreply.describe(550), EN_550)
        with environment(LC_ALL=None, LC_MESSAGES=None, LANGUAGE=None,
                         LANG="ru_RU.UTF-8"):
            # Whether or not that locale is installed.
            self.assertEqual(smtpreply.describe(550), RU_550)

    def test_defaults_to_russian_in_a_fresh_interpreter(self):
        env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="ru")
        script = ("import smtpreply\n"
                  "print(smtpreply.describe(550))\n"
                  "try:\n"
                  "    smtpreply.describe(42)\n"
                  "except smtpreply.Error as e:\n"
                  "    print(e.kind, e.message)\n")
        out = subprocess.run([sys.executable, "-c", script], env=env,
                             stdout=subprocess.PIPE, check=True).stdout
        self.assertEqual(out.decode("utf-8"),
                         RU_550 + "\nEBAD_CODE " + RU_BAD_CODE + "\n")


if __name__ == "__main__":
    taprunner.main()
