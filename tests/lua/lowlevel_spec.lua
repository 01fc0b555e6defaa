-- lowlevel_spec.lua -- the C module smtpreply.core that SWIG makes.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- The conventions of bindings/lua/smtpreply-lua.i: integers, byte strings,
-- out-parameters as results, errors as nil, message, kind.

local core = require "smtpreply.core"

local function pack(...)
  return table.pack(...)
end

describe("smtpreply.core", function()
  it("is what smtpreply builds on", function()
    assert.are.equal(core, require("smtpreply").core)
  end)

  it("has the constants of the header as integers", function()
    assert.are.equal(-10, core.EBAD_CODE)
    assert.are.equal("integer", math.type(core.EBAD_CODE))
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
    assert.are.equal("integer", math.type(r.code))
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
                      "EBAD_CODE" }, pack(core.code_check((1 << 32) + 550)))
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
    local m = core.extract("said: 550 5.1.1 no\0such user")
    assert.are.same({ 3, 550, 6, 10, 16 },
                    { m.found, m.code, m.code_offset, m.enhanced_offset,
                      m.text_offset })
    assert.are.same({ cls = 5, subject = 1, detail = 1 }, m.enhanced)
    assert.are.same({ found = 0 }, core.extract("nothing here"))
    assert.are.equal("a\\x00b", core.display_safe("a\0b"))
  end)

  it("gives the static rule of advice", function()
    local a = core.advise(550, nil, core.STAGE_RCPT)
    assert.are.equal("PERMANENT", a.rule)
    assert.are.equal(core.ACTION_GIVE_UP, a.action)
    assert.are.equal("give_up", core.action_name(a.action))
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(core.advise(0, nil, core.STAGE_ANY)))
  end)

  it("drives the parser a call at a time", function()
    local p = core.parser_new()
    assert.are.same({ n = 2, 1, 8 }, pack(core.parser_feed(p, "250 ok\r\n")))
    local r = core.parser_reply(p)
    assert.are.equal(250, core.response_code(r))
    assert.are.equal(1, core.response_line_count(r))
    assert.are.equal("ok", core.response_line(r, 0))
    assert.is_nil(core.response_line(r, 1))
    assert.is_nil(core.response_enhanced(r))
    -- An error comes with its line, offset, and the bytes used.
    assert.are.same({ n = 6, nil, "A reply code is exactly three digits",
                      "EBAD_CODE", 2, 9, 5 },
                    pack(core.parser_feed(p, "5x0\r\n250 ok\r\n")))
    assert.is_nil(core.parser_reply(p))
    assert.are.same({ n = 2, 0, 5 }, pack(core.parser_feed(p, "250 o")))
    assert.are.same({ n = 5, nil, "The input ended inside a reply",
                      "ETRUNCATED", 3, 18 }, pack(core.parser_finish(p)))
    assert.are.same({ n = 1, true }, pack(core.parser_finish(p)))
  end)

  it("gives an empty line for a bare code", function()
    local p = core.parser_new()
    assert.are.equal(1, core.parser_feed(p, "334\r\n"))
    local r = core.parser_reply(p)
    assert.are.same({ n = 1, "" }, pack(core.response_line(r, 0)))
    assert.are.same({ n = 1, "" }, pack(core.response_message(r, 0)))
    assert.are.equal(core.FLAG_BARE_CODE, core.response_flags(r))
  end)

  it("reads a whole chunk with parser_read", function()
    local p = core.parser_new()
    local out = {}
    assert.are.same({ n = 1, 15 }, pack(core.parser_read(p, "250 a\r\n221 b\r\n",
                                                         1, out)))
    assert.are.same({ 250, 221 }, { out[1].code, out[2].code })
    assert.are.same({ n = 5, 8, "A reply code is exactly three digits",
                      "EBAD_CODE", 3, 15 },
                    pack(core.parser_read(p, "xx2x0\r\n", 3, out)))
    assert.has_error(function() core.parser_read(p, "x", 3, out) end)
    assert.has_error(function() core.parser_read({}, "x", 1, out) end)
  end)
end)
