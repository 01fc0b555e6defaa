-- lowlevel_spec.lua -- the C module smtpreply.core that SWIG makes.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- The conventions of bindings/lua/smtpreply-lua.i: integers, byte strings,
-- out-parameters as results, errors as nil, message, kind.

local core = require "smtpreply.core"
local t = require "testlib"
local pack = t.pack

describe("smtpreply.core", function()
  it("is what smtpreply builds on", function()
    assert.are.equal(core, require("smtpreply").core)
  end)

  it("has the constants of the header as integers", function()
    assert.are.equal(-10, core.EBAD_CODE)
    assert.is_true(t.is_integer(core.EBAD_CODE))
    assert.are.equal(-44, core.ETRUNCATED)
    assert.are.equal(8, core.FLAG_BARE_LF)
    assert.are.equal(1, core.READY)
    assert.are.equal(1, core.LIMIT_LINES)
    assert.are.equal(4, core.STAGE_RCPT)
    assert.are.equal(4, core.ACTION_GIVE_UP)
    assert.are.equal(core.VERSION, core.version())
    assert.are.equal(0x3ff, core.flag_all())
    assert.are.equal("BARE_LF", core.flag_name(8))
    assert.are.equal(core.EBARE_LF, core.flag_error(8))
    assert.are.equal("SMTPREPLY_EBAD_CODE", core.errname(-10))
    assert.are.equal("No error", core.strerror(0))
  end)

  it("wraps table entries, and NULL as nil", function()
    local r = core.reply_lookup(550)
    assert.are.equal(550, r.code)
    assert.is_true(t.is_integer(r.code))
    assert.are.equal("MAILBOX_UNAVAILABLE", r.name)
    assert.are.equal("Mailbox unavailable", r.title)
    assert.is_nil(core.reply_lookup(259))
    assert.are.equal("PERMANENT_NEGATIVE", core.code_class(550).name)
    assert.is_nil(core.code_class(650))
    assert.are.equal("standard", core.code_status_name(r.status))
    assert.is_nil(core.code_status_name(9))
  end)

  it("returns true, or nil, message and kind", function()
    assert.are.same({ n = 1, true }, pack(core.code_check(550)))
    assert.are.same({ n = 3, nil,
                      "The first digit of a reply code must be 1 to 5",
                      "EBAD_CLASS" }, pack(core.code_check(650)))
    assert.are.same({ n = 1, true }, pack(core.code_is_permanent(550)))
    assert.are.same({ n = 1, false }, pack(core.code_is_permanent(250)))
    -- A predicate is true or false, never an error.
    assert.are.same({ n = 1, false }, pack(core.code_is_permanent(5500)))
    -- A number beyond an int saturates instead of wrapping to 550.
    assert.are.same({ n = 3, nil, "A reply code is exactly three digits",
                      "EBAD_CODE" }, pack(core.code_check(2 ^ 32 + 550)))
  end)

  it("returns out-parameters, and the line and offset of parse errors",
     function()
    assert.are.same({ n = 1, 550 }, pack(core.code_parse("550")))
    assert.are.same({ n = 5, nil, "A reply code is exactly three digits",
                      "EBAD_CODE", 1, 1 }, pack(core.code_parse("5x0")))
    assert.are.same({ n = 1, { cls = 5, subject = 1, detail = 1 } },
                    pack(core.enhanced_parse("5.1.1")))
    assert.are.equal("EENHANCED_ZERO", select(3, core.enhanced_parse("5.01.1")))
    assert.are.same({ n = 1, "5.1.1" },
                    pack(core.enhanced_format { cls = 5, subject = 1,
                                                detail = 1 }))
    assert.are.same({ n = 3, nil,
                      "The class of an enhanced status code must be 2, 4"
                        .. " or 5", "EENHANCED_CLASS" },
                    pack(core.enhanced_format { cls = 6, subject = 1,
                                                detail = 1 }))
    assert.are.equal("A problem with the sender or recipient address, such as"
                     .. " its syntax or validity, which the sender can"
                     .. " usually correct before trying again",
                     core.enhanced_describe_lang({ cls = 5, subject = 1,
                                                   detail = 99 }, nil))
    assert.is_nil(core.enhanced_describe_lang(nil, nil))
    assert.has_error(function() core.enhanced_format { cls = 5 } end)
  end)

  it("takes bytes, NUL and all, and gives them back", function()
    local m = core.api.extract("said: 550 5.1.1 no\0such user")
    assert.are.same({ 550, 6, 10, 16, "no\0such user" },
                    { m.code, m.code_offset, m.enhanced_offset,
                      m.text_offset, m.text })
    assert.are.equal("a\\x00b", core.display_safe("a\0b"))
    assert.are.same({ n = 1, core.STAGE_DATA_END },
                    pack(core.stage_find("\0 after end of data")))
  end)

  it("gives the static rule of advice", function()
    local a = core.advise(550, nil, core.STAGE_RCPT)
    assert.are.equal("PERMANENT", a.rule)
    assert.are.equal(core.ACTION_GIVE_UP, a.action)
    assert.are.equal("give_up", core.action_name(a.action))
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(core.advise(0, nil, core.STAGE_ANY)))
  end)

  it("gives tokens and their values", function()
    assert.are.same({ n = 2, "give_up", core.ACTION_GIVE_UP },
                    pack(core.token_at(core.TOKEN_ACTION, 3)))
    assert.are.same({ n = 1, nil }, pack(core.token_at(core.TOKEN_ACTION,
                                                       99)))
    assert.are.same({ n = 1, core.STAGE_RCPT },
                    pack(core.token_value(core.TOKEN_STAGE, "RCPT")))
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(core.token_value(core.TOKEN_STAGE, "helo")))
    assert.are.equal("EBAD_CODE", core.token_name(core.TOKEN_ERROR,
                                                  core.EBAD_CODE))
    assert.are.same({ n = 1, core.STAGE_RCPT },
                    pack(core.stage_find("(in reply to RCPT TO command)")))
  end)

  it("holds no raw pointer that Lua could free or keep too long", function()
    -- Parsers, summaries and log records are objects of core.api; the
    -- functions taking their pointers are not wrapped, and no struct can
    -- be made or destroyed from Lua.
    for _, name in ipairs { "parser_new", "parser_free", "parser_feed",
                            "parser_reply", "parser_scan", "response_code",
                            "response_line", "log_record_new",
                            "log_record_free", "log_read", "summary_new",
                            "summary_free", "summary_merge", "free",
                            "new_smtpreply_reply", "delete_smtpreply_reply",
                            "smtpreply_match", "smtpreply_verdict",
                            "dsn_parse", "dsn_free",
                            "dsn_recipient_reply" } do
      assert.is_nil(rawget(core, name), name)
    end
    local r = core.reply_lookup(550)
    assert.has_error(function() r.code = 1 end)
  end)

  it("refuses a string with a NUL byte where C reads up to one", function()
    assert.has_error(function() core.reason_lookup("mailbox\0full") end)
    assert.are.same({ n = 3, nil, "The language tag has characters a tag"
                        .. " cannot have", "EBAD_LANG" },
                    pack(core.language_resolve("ru\0de")))
    assert.are.equal("ru", core.language_resolve("ru"))
  end)
end)
