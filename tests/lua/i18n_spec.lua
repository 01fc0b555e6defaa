-- i18n_spec.lua -- languages: per call, and the default from the environment.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- make check points the library at tests/locale, built from po/*.po, and
-- runs this under LC_ALL=C.UTF-8 without LANGUAGE: English by default.
-- The Russian strings are the msgstr of po/ru.po, typed here.

local smtpreply = require "smtpreply"
local t = require "testlib"
local pack = t.pack

local RU_550 = "Запрошенная операция невозможна — почтовый ящик недоступен"
  .. " (почтовый ящик не найден или нет доступа; команда отклонена"
  .. " локальной политикой безопасности)"

-- Run the Lua CODE in a new interpreter under the environment settings ENV
-- ("VAR=value ..." or "-u VAR ...", for env) and return what it printed.
local function run_with_env(env, code)
  local cmd = ("env %s %s -e %s 2>&1"):format(env, t.lua, t.quote(code))
  local out, status = t.run(cmd)
  assert(status == 0, ("%s: status %d: %s"):format(cmd, status, out))
  return out
end

describe("a language given to a call", function()
  it("describes a reply code in Russian", function()
    assert.are.equal(RU_550, smtpreply.describe(550, "ru"))
    local r = smtpreply.lookup(550, "ru")
    assert.are.equal("Почтовый ящик недоступен", r.title)
    assert.are.equal(RU_550, r.description)
    -- What is never translated stays as it is.
    assert.are.equal("MAILBOX_UNAVAILABLE", r.name)
    assert.are.equal("standard", r.status)
  end)

  it("describes a class in Russian", function()
    assert.are.equal("Постоянный негативный отклик",
                     smtpreply.class(550, "ru").title)
    assert.are.equal("Постоянный негативный отклик",
                     smtpreply.class("559", "ru").title)
  end)

  it("describes an enhanced code in Russian", function()
    local e = smtpreply.lookup_enhanced("5.1.1", "ru")
    assert.are.equal("Неверный адрес почтового ящика назначения", e.title)
    assert.are.equal("Почтовый ящик получателя — часть адреса до @ — не"
                     .. " существует в системе назначения", e.description)
    assert.are.equal(e.description, smtpreply.describe_enhanced("5.1.1", "ru"))
  end)

  it("gives advice in Russian", function()
    assert.are.equal("Не повторяйте попытку без изменений: верните сообщение"
                     .. " отправителю или устраните причину, прежде чем"
                     .. " отправлять снова",
                     smtpreply.advise(550, "5.1.1", "rcpt", "ru").text)
  end)

  it("gives the errors of the call in Russian", function()
    assert.are.same({ n = 3, nil,
                      "Первая цифра кода ответа должна быть от 1 до 5",
                      "EBAD_CLASS" }, pack(smtpreply.lookup(650, "ru")))
    assert.are.same({ n = 5, nil, "Код ответа состоит ровно из трёх цифр",
                      "EBAD_CODE", 1, 1 },
                    pack(smtpreply.describe("5x0", "ru")))
    assert.are.same({ n = 5, nil, "Тема и уточнение расширенного кода"
                        .. " состояния не содержат ведущих нулей",
                      "EENHANCED_ZERO", 1, 2 },
                    pack(smtpreply.lookup_enhanced("5.01.1", "ru")))
    assert.are.same({ n = 3, nil, "Недопустимый аргумент", "EINVAL" },
                    pack(smtpreply.advise(550, nil, "helo", "ru")))
    assert.are.equal("Строка заканчивается на LF без CR",
                     smtpreply.strerror("EBARE_LF", "ru"))
  end)

  it("gives the parser's errors in Russian", function()
    local p = smtpreply.Parser.new { lang = "ru", strict = { "BARE_LF" } }
    local e = p:feed("5x0\r\n250 ok\n")
    assert.are.same({ "Код ответа состоит ровно из трёх цифр", "EBAD_CODE",
                      1, 1 }, { e[1].message, e[1].kind, e[1].line,
                                e[1].offset })
    assert.are.same({ "Строка заканчивается на LF без CR", "EBARE_LF", 2,
                      11 }, { e[2].message, e[2].kind, e[2].line,
                              e[2].offset })
    assert.are.same({}, p:feed("250 o"))
    e = p:finish()
    assert.are.same({ "Входные данные закончились посреди ответа",
                      "ETRUNCATED", 3, 17 },
                    { e[1].message, e[1].kind, e[1].line, e[1].offset })
    assert.are.same({ n = 3, nil, "Недопустимый аргумент", "EINVAL" },
                    pack(smtpreply.Parser.new { lang = "ru", max_lines = 0 }))
  end)

  it("gives the verdict in Russian", function()
    local v = smtpreply.classify("550 5.2.2 sorry", { stage = "rcpt",
                                                      lang = "ru" })
    assert.are.equal("mailboxfull", v.reason)
    assert.are.equal("Почтовый ящик переполнен", v.reason_title)
    assert.are.equal("Почтовый ящик переполнен",
                     smtpreply.lookup_reason("mailboxfull", "ru").title)
  end)

  it("is resolved as gettext's LANGUAGE is", function()
    assert.are.equal("ru", smtpreply.resolve_language("ru"))
    assert.are.equal("ru", smtpreply.resolve_language("ru_RU.UTF-8"))
    assert.are.equal("pt_BR", smtpreply.resolve_language("pt-BR"))
    assert.are.equal("de", smtpreply.resolve_language("de_AT"))
    assert.are.equal("uk", smtpreply.resolve_language("uk:ru"))
    assert.are.equal("ru", smtpreply.resolve_language("xx:ru"))
    assert.are.equal("zh_TW", smtpreply.resolve_language("zh_TW"))
    assert.are.equal("zh_TW", smtpreply.resolve_language("zh-Hant-HK"))
    assert.are.equal("en", smtpreply.resolve_language("xx"))
    assert.are.equal("en", smtpreply.resolve_language("en"))
    assert.are.equal(RU_550, smtpreply.describe(550, "ru_RU.UTF-8"))
    assert.are.equal(RU_550, smtpreply.describe(550, "xx:ru"))
  end)

  it("falls back to English when there is no catalog", function()
    assert.are.equal("The requested action was not taken: the mailbox is"
                     .. " unavailable (not found, no access, or refused by"
                     .. " local policy)", smtpreply.describe(550, "xx"))
    assert.are.same({ n = 3, nil, "No catalog is installed for this language",
                      "ENO_CATALOG" }, pack(smtpreply.check_language("xx")))
    assert.are.same({ n = 3, nil,
                      "The language tag has characters a tag cannot have",
                      "EBAD_LANG" }, pack(smtpreply.check_language("../ru")))
    assert.is_true(smtpreply.check_language("ru"))
    assert.is_true(smtpreply.check_language("C"))
    assert.is_true(smtpreply.check_catalog("ru"))
    assert.are.same({ n = 3, nil, "No catalog is installed for this language",
                      "ENO_CATALOG" }, pack(smtpreply.check_catalog("xx")))
  end)

  it("translates the library's strings", function()
    assert.are.equal(RU_550,
                     smtpreply.translate(smtpreply.lookup(550).description,
                                         "ru"))
    assert.are.equal("not a msgid", smtpreply.translate("not a msgid", "ru"))
    local one, many = "%s: %llu line", "%s: %llu lines"
    assert.are.equal("%s: %llu строка",
                     smtpreply.translate_plural(one, many, 1, "ru"))
    assert.are.equal("%s: %llu строки",
                     smtpreply.translate_plural(one, many, 3, "ru"))
    assert.are.equal("%s: %llu строк",
                     smtpreply.translate_plural(one, many, 11, "ru"))
    assert.are.equal(many, smtpreply.translate_plural(one, many, 11, "en"))
  end)
end)

describe("the installed languages", function()
  it("are those of po/LINGUAS, sorted", function()
    local expected = {}
    for lang in io.lines(os.getenv("top_srcdir") .. "/po/LINGUAS") do
      lang = lang:gsub("#.*", ""):match("^%s*(%S+)")
      if lang then
        expected[#expected + 1] = lang
      end
    end
    table.sort(expected)
    local got = smtpreply.languages()
    assert.are.same(expected, got)
    local has_ru = false
    for _, lang in ipairs(got) do
      has_ru = has_ru or lang == "ru"
    end
    assert.is_true(has_ru)
  end)
end)

describe("the default language", function()
  it("is English under LC_ALL=C.UTF-8", function()
    assert.are.equal("en", smtpreply.resolve_language())
    assert.are.equal("Mailbox unavailable", smtpreply.lookup(550).title)
  end)

  it("is Russian under LC_ALL=C.UTF-8 LANGUAGE=ru", function()
    local out = run_with_env("LC_ALL=C.UTF-8 LANGUAGE=ru", [[
      local smtpreply = require "smtpreply"
      print(smtpreply.resolve_language())
      print(smtpreply.describe(550))
      print((select(2, smtpreply.lookup(650))))
      print(smtpreply.Parser.new():feed("5x0\r\n")[1].message)
      print(smtpreply.describe(550, "en"))
    ]])
    assert.are.equal("ru\n" .. RU_550 .. "\n"
                     .. "Первая цифра кода ответа должна быть от 1 до 5\n"
                     .. "Код ответа состоит ровно из трёх цифр\n"
                     .. "The requested action was not taken: the mailbox is"
                     .. " unavailable (not found, no access, or refused by"
                     .. " local policy)\n", out)
  end)

  it("is Russian under LANG=ru_RU.UTF-8 even without that locale", function()
    local out = run_with_env("-u LC_ALL -u LANGUAGE -u LC_MESSAGES"
                             .. " LANG=ru_RU.UTF-8", [[
      local smtpreply = require "smtpreply"
      print(smtpreply.resolve_language())
      print(smtpreply.describe(550))
    ]])
    assert.are.equal("ru\n" .. RU_550 .. "\n", out)
  end)

  it("ignores the interpreter's locale", function()
    local out = run_with_env("LC_ALL=C.UTF-8 LANGUAGE=ru", [[
      os.setlocale("C")
      local smtpreply = require "smtpreply"
      print(smtpreply.resolve_language())
    ]])
    assert.are.equal("ru\n", out)
  end)

  it("is read once, and again by reset_language", function()
    -- Lua sets no environment variable, but it sets the locale: a locale
    -- the program set wins over LANG.
    local out = run_with_env("-u LC_ALL -u LANGUAGE -u LC_MESSAGES"
                             .. " LANG=ru_RU.UTF-8", [[
      local smtpreply = require "smtpreply"
      print(smtpreply.resolve_language())
      os.setlocale("C.UTF-8", "all")
      print(smtpreply.resolve_language())
      smtpreply.reset_language()
      print(smtpreply.resolve_language())
      print(smtpreply.describe(550))
    ]])
    assert.are.equal("ru\nru\nen\nThe requested action was not taken: the"
                     .. " mailbox is unavailable (not found, no access, or"
                     .. " refused by local policy)\n", out)
  end)
end)

describe("a language tag", function()
  it("with a NUL byte is refused, never cut short", function()
    for _, call in ipairs {
      function(lang) return smtpreply.describe(550, lang) end,
      function(lang) return smtpreply.lookup(550, lang) end,
      function(lang) return smtpreply.resolve_language(lang) end,
      function(lang) return smtpreply.check_language(lang) end,
      function(lang) return smtpreply.negotiate_language(lang) end,
      function(lang) return smtpreply.translate("Mailbox full", lang) end,
      function(lang) return smtpreply.advise(550, nil, nil, lang) end,
      function(lang) return smtpreply.Parser.new { lang = lang } end,
      function(lang) return smtpreply.classify("550", { lang = lang }) end,
      function(lang) return smtpreply.annotate_lines({}, { lang = lang }) end,
      function(lang) return smtpreply.Summary.new():render("text", lang) end,
      function(lang) return smtpreply.core.reply_describe_lang(550, lang) end,
    } do
      assert.are.same({ n = 3, nil, "The language tag has characters a tag"
                          .. " cannot have", "EBAD_LANG" },
                      pack(call("ru\0de")))
    end
  end)

  it("is chosen from an Accept-Language header", function()
    assert.are.equal("ru", smtpreply.negotiate_language("ru-RU,ru;q=0.9,"
                                                        .. "en;q=0.8"))
    assert.are.equal("de", smtpreply.negotiate_language("fr;q=0.1, de"))
    assert.are.equal("en", smtpreply.negotiate_language("en, ru"))
    assert.are.equal("zh_TW", smtpreply.negotiate_language("zh-TW, xx"))
    assert.are.equal("pt_BR", smtpreply.negotiate_language("pt-BR"))
  end)
end)
