-- codes_spec.lua -- reply codes: lookups, classes, predicates, errors.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- Every expected string is typed here, never read from the tables.

local smtpreply = require "smtpreply"
local t = require "testlib"
local pack = t.pack

local DESCRIPTION_550 = "The requested action was not taken: the mailbox"
  .. " is unavailable (not found, no access, or refused by local policy)"

describe("a reply code", function()
  it("is described in English by default", function()
    assert.are.equal(DESCRIPTION_550, smtpreply.describe(550))
    assert.are.equal(DESCRIPTION_550, smtpreply.describe("550"))
  end)

  it("is looked up into a table of plain values", function()
    assert.are.same({
      code = 550,
      name = "MAILBOX_UNAVAILABLE",
      title = "Mailbox unavailable",
      description = DESCRIPTION_550,
      status = "standard",
      reference = "RFC 5321, RFC 6531, RFC 7505, RFC 7372, RFC 8617, RFC 8689",
      context = "MAIL, RCPT, DATA, VRFY, EXPN, EHLO; SMTPUTF8; null MX; REQUIRETLS",
      class = 5,
      category = 5,
    }, smtpreply.lookup(550))
    assert.are.same(smtpreply.lookup(550), smtpreply.lookup("550"))
  end)

  it("has Lua integers for its numbers", function()
    local r = smtpreply.lookup(550)
    assert.is_true(t.is_integer(r.code))
    assert.is_true(t.is_integer(r.class))
    assert.is_true(t.is_integer(smtpreply.code_check(550.0)))
    assert.are.equal("550", tostring(smtpreply.code_check("550")))
  end)

  it("may be valid but not in the table: a plain nil", function()
    for _, code in ipairs { 100, 259, 441, 559 } do
      assert.are.same({ n = 1, nil }, pack(smtpreply.lookup(code)))
      assert.are.same({ n = 1, nil }, pack(smtpreply.describe(code)))
      assert.are.equal(code, smtpreply.code_check(code))
    end
    -- Its class and category still answer.
    assert.are.equal("POSITIVE_COMPLETION", smtpreply.class(259).name)
    assert.are.equal("MAIL_SYSTEM", smtpreply.category(259).name)
    assert.are.equal("TRANSIENT_NEGATIVE", smtpreply.class(441).name)
    assert.are.equal("UNSPECIFIED_4", smtpreply.category(441).name)
  end)

  it("that is invalid gives nil, message and kind", function()
    assert.are.same({ n = 3, nil, "A reply code is exactly three digits",
                      "EBAD_CODE" }, pack(smtpreply.lookup(99)))
    assert.are.same({ n = 3, nil,
                      "The first digit of a reply code must be 1 to 5",
                      "EBAD_CLASS" }, pack(smtpreply.lookup(650)))
    assert.are.same({ n = 3, nil,
                      "The second digit of a reply code must be 0 to 5",
                      "EBAD_CATEGORY" }, pack(smtpreply.describe(471)))
    assert.are.same({ n = 3, nil, "A reply code is exactly three digits",
                      "EBAD_CODE" }, pack(smtpreply.code_check(1000)))
    assert.are.same({ n = 3, nil, "A reply code is exactly three digits",
                      "EBAD_CODE" }, pack(smtpreply.class(-1)))
    assert.are.same({ n = 3, nil,
                      "The second digit of a reply code must be 0 to 5",
                      "EBAD_CATEGORY" }, pack(smtpreply.category(599)))
  end)

  it("beyond the range of a C int stays invalid", function()
    -- 2^32 + 550 must not wrap round to 550.
    local codes = { 4294967846, -4294966746, 1e300, -1e300, 1 / 0, -1 / 0 }
    if math.maxinteger then
      codes[#codes + 1] = math.maxinteger
      codes[#codes + 1] = math.mininteger
    end
    for _, code in ipairs(codes) do
      local ok, msg, kind = smtpreply.code_check(code)
      assert.is_nil(ok)
      assert.are.equal("A reply code is exactly three digits", msg)
      assert.are.equal("EBAD_CODE", kind)
    end
  end)

  it("must be an integer or a string", function()
    assert.has_error(function() smtpreply.lookup(550.5) end)
    assert.has_error(function() smtpreply.lookup({}) end)
    assert.has_error(function() smtpreply.lookup(nil) end)
    assert.has_error(function() smtpreply.describe(0 / 0) end)
    assert.has_error(function() smtpreply.is_failure(true) end)
  end)

  it("given as a string is parsed, with the offset of the bad byte", function()
    assert.are.equal(550, smtpreply.code_check("550"))
    local cases = {
      { "abc", "EBAD_CODE", 0 },
      { "5x0", "EBAD_CODE", 1 },
      { "2500", "EBAD_CODE", 3 },
      { "-1", "EBAD_CODE", 0 },
      { "", "EBAD_CODE", 0 },
      { "55", "EBAD_CODE", 2 },
      { "550 ", "EBAD_CODE", 3 },
      { "099", "EBAD_CLASS", 0 },
      { "650", "EBAD_CLASS", 0 },
      { "560", "EBAD_CATEGORY", 1 },
    }
    local messages = {
      EBAD_CODE = "A reply code is exactly three digits",
      EBAD_CLASS = "The first digit of a reply code must be 1 to 5",
      EBAD_CATEGORY = "The second digit of a reply code must be 0 to 5",
    }
    for _, case in ipairs(cases) do
      local s, kind, offset = case[1], case[2], case[3]
      -- Line 1: a string is one line.
      assert.are.same({ n = 5, nil, messages[kind], kind, 1, offset },
                      pack(smtpreply.code_check(s)), s)
      assert.are.same({ n = 5, nil, messages[kind], kind, 1, offset },
                      pack(smtpreply.lookup(s)), s)
    end
  end)

  it("answers the predicates a mail program acts on", function()
    assert.is_true(smtpreply.is_preliminary(110))
    assert.is_true(smtpreply.is_success(250))
    assert.is_false(smtpreply.is_success(354))
    assert.is_true(smtpreply.is_intermediate(354))
    assert.is_true(smtpreply.is_intermediate(334))
    assert.is_true(smtpreply.is_transient(451))
    assert.is_false(smtpreply.is_transient(550))
    assert.is_true(smtpreply.is_permanent(550))
    assert.is_false(smtpreply.is_permanent(421))
    assert.is_true(smtpreply.is_failure(421))
    assert.is_true(smtpreply.is_failure(554))
    assert.is_false(smtpreply.is_failure(250))
    assert.is_true(smtpreply.is_permanent("559"))
  end)

  it("that is invalid is never false to a predicate", function()
    assert.are.same({ n = 3, nil,
                      "The first digit of a reply code must be 1 to 5",
                      "EBAD_CLASS" }, pack(smtpreply.is_permanent(999)))
    assert.are.same({ n = 3, nil, "A reply code is exactly three digits",
                      "EBAD_CODE" }, pack(smtpreply.is_success(2500)))
    assert.are.same({ n = 3, nil, "A reply code is exactly three digits",
                      "EBAD_CODE" }, pack(smtpreply.is_transient(-1)))
    assert.are.same({ n = 3, nil,
                      "The second digit of a reply code must be 0 to 5",
                      "EBAD_CATEGORY" }, pack(smtpreply.is_failure(470)))
    assert.are.same({ n = 5, nil, "A reply code is exactly three digits",
                      "EBAD_CODE", 1, 1 }, pack(smtpreply.is_failure("4x1")))
  end)
end)

describe("the digits of a reply code", function()
  it("have a class each", function()
    assert.are.same({
      digit = 5,
      name = "PERMANENT_NEGATIVE",
      title = "Permanent negative reply",
      description = "The command was not accepted and nothing was done;"
        .. " repeating it unchanged will fail again",
    }, smtpreply.class(550))
    assert.are.equal("Positive preliminary reply",
                     smtpreply.class(110).title)
    assert.are.equal("POSITIVE_COMPLETION", smtpreply.class(259).name)
    assert.are.equal("POSITIVE_INTERMEDIATE", smtpreply.class("354").name)
    assert.are.equal("The command was not accepted and nothing was done, but"
                     .. " the condition is temporary: the command may be"
                     .. " tried again later",
                     smtpreply.class(441).description)
  end)

  it("have a category each", function()
    assert.are.same({
      digit = 5,
      name = "MAIL_SYSTEM",
      title = "Mail system",
      description = "The state of the receiving mail system with respect to"
        .. " the requested transfer or other mail system action",
    }, smtpreply.category(550))
    assert.are.equal("SYNTAX", smtpreply.category(500).name)
    assert.are.equal("Information", smtpreply.category(211).title)
    assert.are.equal("A reply about the transmission channel",
                     smtpreply.category(421).description)
    assert.are.equal("Unspecified (x3z)", smtpreply.category(530).title)
    assert.are.equal("UNSPECIFIED_4", smtpreply.category(441).name)
    assert.are.equal(3, smtpreply.class(354).digit)
    assert.are.equal(5, smtpreply.category(354).digit)
  end)
end)

describe("the table of reply codes", function()
  it("lists every code once, in ascending order", function()
    local list = smtpreply.codes()
    assert.are.equal(smtpreply.core.reply_count(), #list)
    assert.are.equal(211, list[1].code)
    assert.are.equal("SYSTEM_STATUS", list[1].name)
    assert.are.equal(556, list[#list].code)
    assert.are.equal("DOMAIN_DOES_NOT_ACCEPT_MAIL", list[#list].name)
    for i = 2, #list do
      assert.is_true(list[i - 1].code < list[i].code)
    end
    local seen = 0
    for _, r in ipairs(list) do
      if r.code == 550 then
        assert.are.same(smtpreply.lookup(550), r)
        seen = seen + 1
      end
    end
    assert.are.equal(1, seen)
  end)
end)

describe("the module", function()
  it("gives the library's version", function()
    assert.are.equal(smtpreply.core.VERSION, smtpreply.version())
    assert.matches("^%d+%.%d+%.%d+$", smtpreply.version())
  end)

  it("names the messages of its errors", function()
    assert.are.equal("A reply code is exactly three digits",
                     smtpreply.strerror("EBAD_CODE"))
    assert.are.equal("The input ended inside a reply",
                     smtpreply.strerror("ETRUNCATED"))
    assert.are.equal("A line ends in LF without CR",
                     smtpreply.strerror("EBARE_LF"))
    assert.is_nil(smtpreply.strerror("ENOT_AN_ERROR"))
    assert.is_nil(smtpreply.strerror("VERSION"))
  end)
end)
