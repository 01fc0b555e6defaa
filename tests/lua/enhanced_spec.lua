-- enhanced_spec.lua -- enhanced status codes (RFC 3463, RFC 5248).
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later

local smtpreply = require "smtpreply"
local pack = require("testlib").pack

local DESCRIPTION_X11 = "The recipient mailbox, the part of the address"
  .. " before the @, does not exist at the destination system"

describe("an enhanced status code", function()
  it("is looked up into a table", function()
    assert.are.same({
      code = "5.1.1",
      class = 5,
      subject = 1,
      detail = 1,
      name = "BAD_DESTINATION_MAILBOX",
      title = "Bad destination mailbox address",
      description = DESCRIPTION_X11,
      status = "standard",
      reference = "RFC 3463",
      basic_codes = "451 550",
    }, smtpreply.lookup_enhanced("5.1.1"))
    assert.are.equal(DESCRIPTION_X11, smtpreply.describe_enhanced("5.1.1"))
    -- The registry lists each detail once for every class.
    assert.are.equal("4.1.1", smtpreply.lookup_enhanced("4.1.1").code)
    assert.are.equal(4, smtpreply.lookup_enhanced("4.1.1").class)
  end)

  it("may be given as a table", function()
    assert.are.same(smtpreply.lookup_enhanced("5.1.1"),
                    smtpreply.lookup_enhanced { class = 5, subject = 1,
                                                detail = 1 })
    -- What lookup_enhanced and parse_enhanced return can be given back.
    local e = smtpreply.lookup_enhanced("4.2.2")
    assert.are.same(e, smtpreply.lookup_enhanced(e))
    assert.are.same(e, smtpreply.lookup_enhanced(
                         smtpreply.parse_enhanced("4.2.2")))
    assert.are.equal("Mailbox full", e.title)
    assert.are.equal("No room is left in the recipient mailbox because of its"
                     .. " quota or its size; deleting old messages there"
                     .. " would make room", e.description)
    assert.has_error(function() smtpreply.lookup_enhanced { class = 5 } end)
    assert.has_error(function() smtpreply.lookup_enhanced(511) end)
    assert.has_error(function() smtpreply.describe_enhanced() end)
  end)

  it("not in the registry is described by its subject, then its class",
     function()
    assert.are.same({ n = 1, nil }, pack(smtpreply.lookup_enhanced("5.1.99")))
    assert.are.equal("A problem with the sender or recipient address, such as"
                     .. " its syntax or validity, which the sender can"
                     .. " usually correct before trying again",
                     smtpreply.describe_enhanced("5.1.99"))
    assert.are.equal("The message itself is acceptable, but a temporary"
                     .. " condition that lasted too long delayed or stopped"
                     .. " its delivery; a later attempt may succeed",
                     smtpreply.describe_enhanced("4.9.1"))
    assert.are.equal("The delivery action being reported succeeded; a detail"
                     .. " code may mention changes made to the message on"
                     .. " the way",
                     smtpreply.describe_enhanced("2.999.999"))
  end)

  it("is parsed as RFC 3463 says", function()
    assert.are.same({ class = 2, subject = 0, detail = 0 },
                    smtpreply.parse_enhanced("2.0.0"))
    assert.are.same({ class = 5, subject = 999, detail = 999 },
                    smtpreply.parse_enhanced("5.999.999"))
    assert.are.same({ class = 4, subject = 7, detail = 1 },
                    smtpreply.parse_enhanced { class = 4, subject = 7,
                                               detail = 1 })
  end)

  it("that is invalid gives the rule, the line and the offset", function()
    local messages = {
      EENHANCED_SYNTAX = "An enhanced status code has only digits and dots",
      EENHANCED_PARTS = "An enhanced status code has three numbers:"
        .. " class.subject.detail",
      EENHANCED_CLASS = "The class of an enhanced status code must be 2, 4"
        .. " or 5",
      EENHANCED_ZERO = "The subject and detail of an enhanced status code"
        .. " have no leading zeros",
      EENHANCED_DIGITS = "The subject and detail of an enhanced status code"
        .. " have at most three digits",
    }
    local cases = {
      { "5.01.1", "EENHANCED_ZERO", 2 },
      { "5.1.01", "EENHANCED_ZERO", 4 },
      { "6.1.1", "EENHANCED_CLASS", 0 },
      { "55.1.1", "EENHANCED_CLASS", 0 },
      { "5.1", "EENHANCED_PARTS", 3 },
      { "5.1.1.1", "EENHANCED_PARTS", 5 },
      { "", "EENHANCED_PARTS", 0 },
      { "5..1", "EENHANCED_PARTS", 2 },
      { "5.1000.1", "EENHANCED_DIGITS", 5 },
      { "5.1.1000", "EENHANCED_DIGITS", 7 },
      { "5.1.x", "EENHANCED_SYNTAX", 4 },
      { " 5.1.1", "EENHANCED_SYNTAX", 0 },
      { "5.1.1 ", "EENHANCED_SYNTAX", 5 },
      { "5-1.1", "EENHANCED_SYNTAX", 1 },
    }
    for _, case in ipairs(cases) do
      local s, kind, offset = case[1], case[2], case[3]
      assert.are.same({ n = 5, nil, messages[kind], kind, 1, offset },
                      pack(smtpreply.parse_enhanced(s)), s)
      assert.are.same({ n = 5, nil, messages[kind], kind, 1, offset },
                      pack(smtpreply.lookup_enhanced(s)), s)
      assert.are.same({ n = 5, nil, messages[kind], kind, 1, offset },
                      pack(smtpreply.describe_enhanced(s)), s)
    end
    -- A table is checked, and has no offset.
    assert.are.same({ n = 3, nil, messages.EENHANCED_CLASS,
                      "EENHANCED_CLASS" },
                    pack(smtpreply.lookup_enhanced { class = 6, subject = 1,
                                                     detail = 1 }))
    assert.are.same({ n = 3, nil, messages.EENHANCED_DIGITS,
                      "EENHANCED_DIGITS" },
                    pack(smtpreply.describe_enhanced { class = 5,
                                                       subject = 1000,
                                                       detail = 1 }))
  end)

  it("agrees or not with a reply code", function()
    assert.is_true(smtpreply.enhanced_agrees(550, "5.1.1"))
    assert.is_true(smtpreply.enhanced_agrees(452, "4.2.2"))
    assert.is_true(smtpreply.enhanced_agrees(250, "2.0.0"))
    assert.is_true(smtpreply.enhanced_agrees(354, "2.0.0"))
    assert.is_false(smtpreply.enhanced_agrees(550, "4.2.2"))
    assert.is_false(smtpreply.enhanced_agrees(250, "5.1.1"))
    assert.are.same({ n = 3, nil,
                      "The first digit of a reply code must be 1 to 5",
                      "EBAD_CLASS" },
                    pack(smtpreply.enhanced_agrees(650, "5.1.1")))
    assert.are.same({ n = 5, nil,
                      "The class of an enhanced status code must be 2, 4"
                        .. " or 5", "EENHANCED_CLASS", 1, 0 },
                    pack(smtpreply.enhanced_agrees(550, "6.1.1")))
  end)
end)

describe("the registry of enhanced codes", function()
  it("lists every detail once, in ascending order", function()
    local list = smtpreply.enhanced_codes()
    assert.are.equal(smtpreply.core.enhanced_count(), #list)
    assert.is_true(#list > 50)
    assert.are.same({
      code = "X.0.0",
      subject = 0,
      detail = 0,
      name = "OTHER_UNDEFINED",
      title = "Other undefined Status",
      description = "The status has no more specific meaning; only its class"
        .. " tells whether it is a success, a temporary failure or a"
        .. " permanent failure",
      status = "standard",
      reference = "RFC 3463",
      basic_codes = "any",
    }, list[1])
    local found
    for i, e in ipairs(list) do
      if i > 1 then
        local p = list[i - 1]
        assert.is_true(p.subject < e.subject
                       or (p.subject == e.subject and p.detail < e.detail))
      end
      if e.code == "X.1.1" then
        found = e
      end
    end
    assert.are.equal("BAD_DESTINATION_MAILBOX", found.name)
    assert.are.equal(DESCRIPTION_X11, found.description)
  end)
end)
