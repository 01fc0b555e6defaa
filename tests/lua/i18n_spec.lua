-- i18n_spec.lua -- languages: per call, and the default from the environment.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- make check points the library at tests/locale, built from po/*.po, and
-- runs this under LC_ALL=C.UTF-8 without LANGUAGE: English by default.
-- The Russian strings are the msgstr of po/ru.po, typed here.

local smtpreply = require "smtpreply"

local function pack(...)
  return table.pack(...)
end

local RU_550 = "Запрошенная операция невозможна — почтовый ящик недоступен"
  .. " (почтовый ящик не найден или нет доступа; команда отклонена"
  .. " локальной политикой безопасности)"

-- Run the Lua CODE in a new interpreter under the environment settings ENV
-- ("VAR=value ..." or "-u VAR ...", for env) and return what it printed.
local function run_with_env(env, code)
  local cmd = ("env %s %s -e '%s' 2>&1"):format(env, os.getenv("LUA"), code)
  local f = assert(io.popen(cmd, "r"))
  local out = f:read("a")
  local ok, how, status = f:close()
  assert(ok, ("%s: %s %s: %s"):format(cmd, how, status, out))
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
                     smtpreply.class_digit(5, "ru").title)
  end)

  it("describes an enhanced code in Russian", function()
    local e = smtpreply.enhanced("5.1.1", "ru")
    assert.are.equal("Неверный адрес почтового ящика назначения", e.title)
    assert.are.equal("Почтовый ящик получателя — часть адреса до @ — не"
                     .. " существует в системе назначения", e.description)
    assert.are.equal("Состояние адресации",
                     smtpreply.enhanced_subject(1, "ru").title)
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
                    pack(smtpreply.enhanced("5.01.1", "ru")))
    assert.are.same({ n = 3, nil, "Недопустимый аргумент", "EINVAL" },
                    pack(smtpreply.advise(550, nil, "helo", "ru")))
    assert.are.equal("Строка заканчивается на LF без CR",
                     smtpreply.strerror("EBARE_LF", "ru"))
  end)

  it("gives the parser's errors in Russian", function()
    local p = smtpreply.parser { lang = "ru", strict = { "BARE_LF" } }
    assert.are.same({ n = 5, nil, "Код ответа состоит ровно из трёх цифр",
                      "EBAD_CODE", 1, 1 }, pack(p:feed("5x0\r\n")))
    assert.are.same({ n = 5, nil, "Строка заканчивается на LF без CR",
                      "EBARE_LF", 2, 11 }, pack(p:feed("250 ok\n")))
    assert.are.same({}, p:feed("250 o"))
    assert.are.same({ n = 5, nil, "Входные данные закончились посреди ответа",
                      "ETRUNCATED", 3, 17 }, pack(p:finish()))
    assert.are.same({ n = 3, nil, "Недопустимый аргумент", "EINVAL" },
                    pack(smtpreply.parser { lang = "ru", lines = 0 }))
  end)

  it("is resolved as gettext's LANGUAGE is", function()
    assert.are.equal("ru", smtpreply.language("ru"))
    assert.are.equal("ru", smtpreply.language("ru_RU.UTF-8"))
    assert.are.equal("pt_BR", smtpreply.language("pt-BR"))
    assert.are.equal("de", smtpreply.language("de_AT"))
    assert.are.equal("uk", smtpreply.language("uk:ru"))
    assert.are.equal("ru", smtpreply.language("xx:ru"))
    assert.are.equal("en", smtpreply.language("zh_TW"))
    assert.are.equal("en", smtpreply.language("xx"))
    assert.are.equal("en", smtpreply.language("en"))
    assert.are.equal(RU_550, smtpreply.describe(550, "ru_RU.UTF-8"))
    assert.are.equal(RU_550, smtpreply.describe(550, "xx:ru"))
  end)

  it("falls back to English when there is no catalog", function()
    assert.are.equal("The requested action was not taken: the mailbox is"
                     .. " unavailable (not found, no access, or refused by"
                     .. " local policy)", smtpreply.describe(550, "xx"))
    assert.are.same({ n = 3, nil, "No catalog is installed for this language",
                      "ENO_CATALOG" }, pack(smtpreply.language_check("xx")))
    assert.are.same({ n = 3, nil,
                      "The language tag has characters a tag cannot have",
                      "EBAD_LANG" }, pack(smtpreply.language_check("../ru")))
    assert.is_true(smtpreply.language_check("ru"))
    assert.is_true(smtpreply.language_check("C"))
    assert.is_true(smtpreply.catalog_check("ru"))
    assert.are.same({ n = 3, nil, "No catalog is installed for this language",
                      "ENO_CATALOG" }, pack(smtpreply.catalog_check("xx")))
  end)

  it("translates the library's strings", function()
    assert.are.equal(RU_550,
                     smtpreply.translate(smtpreply.lookup(550).description,
                                         "ru"))
    assert.are.equal("not a msgid", smtpreply.translate("not a msgid", "ru"))
    local one, many = "Bounced (5yz): %llu line", "Bounced (5yz): %llu lines"
    assert.are.equal("Отклонено (5yz): %llu строка",
                     smtpreply.translate_plural(one, many, 1, "ru"))
    assert.are.equal("Отклонено (5yz): %llu строки",
                     smtpreply.translate_plural(one, many, 3, "ru"))
    assert.are.equal("Отклонено (5yz): %llu строк",
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
    assert.are.equal("en", smtpreply.language())
    assert.are.equal("Mailbox unavailable", smtpreply.lookup(550).title)
  end)

  it("is Russian under LC_ALL=C.UTF-8 LANGUAGE=ru", function()
    local out = run_with_env("LC_ALL=C.UTF-8 LANGUAGE=ru", [[
      local smtpreply = require "smtpreply"
      print(smtpreply.language())
      print(smtpreply.describe(550))
      print((select(2, smtpreply.lookup(650))))
      print(smtpreply.parser():feed("5x0\r\n") == nil)
      print((select(2, smtpreply.parser():feed("5x0\r\n"))))
      print(smtpreply.describe(550, "en"))
    ]])
    assert.are.equal("ru\n" .. RU_550 .. "\n"
                     .. "Первая цифра кода ответа должна быть от 1 до 5\n"
                     .. "true\n"
                     .. "Код ответа состоит ровно из трёх цифр\n"
                     .. "The requested action was not taken: the mailbox is"
                     .. " unavailable (not found, no access, or refused by"
                     .. " local policy)\n", out)
  end)

  it("is Russian under LANG=ru_RU.UTF-8 even without that locale", function()
    local out = run_with_env("-u LC_ALL -u LANGUAGE -u LC_MESSAGES"
                             .. " LANG=ru_RU.UTF-8", [[
      local smtpreply = require "smtpreply"
      print(smtpreply.language())
      print(smtpreply.describe(550))
    ]])
    assert.are.equal("ru\n" .. RU_550 .. "\n", out)
  end)

  it("ignores the interpreter's locale", function()
    local out = run_with_env("LC_ALL=C.UTF-8 LANGUAGE=ru", [[
      os.setlocale("C")
      local smtpreply = require "smtpreply"
      print(smtpreply.language())
    ]])
    assert.are.equal("ru\n", out)
  end)
end)
