-- text_spec.lua -- advice, reasons, replies in free text, display-safe
-- text.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- The cases and offsets of tests/t-advice.c, t-classify.c, t-extract.c
-- and t-display.c.

local smtpreply = require "smtpreply"
local pack = require("testlib").pack

describe("advice", function()
  it("says what to do with a reply", function()
    assert.are.same({
      action = "give_up",
      rule = "PERMANENT",
      text = "Do not retry as is: return the message to its sender, or fix"
        .. " the cause before sending again",
    }, smtpreply.advise(550, "5.1.1", "rcpt"))
    assert.are.same({
      action = "retry",
      rule = "TRANSIENT",
      text = "Keep the message and try again later",
    }, smtpreply.advise(451))
    assert.are.same({
      action = "proceed",
      rule = "SUCCESS",
      text = "The command succeeded; go on with the next step",
    }, smtpreply.advise("250", nil, "any"))
    assert.are.equal("continue", smtpreply.advise(354, nil, "data").action)
    assert.are.equal("continue", smtpreply.advise(110).action)
  end)

  it("is refined by the reply code and the command", function()
    local cases = {
      { 552, nil, "rcpt", "RCPT_552_AS_452", "retry" },
      { 552, "5.2.2", "rcpt", "RCPT_552_AS_452", "retry" },
      { 552, nil, "mail", "PERMANENT", "give_up" },
      { 552, nil, "data_end", "DATA_END_PERMANENT", "give_up" },
      { 554, nil, "bdat", "DATA_END_PERMANENT", "give_up" },
      { 421, nil, "ehlo", "CLOSING_421", "retry" },
      { 421, "4.7.0", "starttls", "CLOSING_421", "retry" },
      { 554, nil, "greeting", "HOST_NO_MAIL", "give_up" },
      { 521, nil, nil, "HOST_NO_MAIL", "give_up" },
      { 554, nil, "rcpt", "PERMANENT", "give_up" },
      { 556, "5.1.10", "rcpt", "DOMAIN_NO_MAIL", "give_up" },
      { 500, nil, "quit", "QUIT_DONE", "proceed" },
      { 259, nil, "mail", "SUCCESS", "proceed" },
      { 441, nil, "auth", "TRANSIENT", "retry" },
    }
    for _, c in ipairs(cases) do
      local a = smtpreply.advise(c[1], c[2], c[3])
      assert.are.same({ c[4], c[5] }, { a.rule, a.action })
    end
    assert.are.equal("Treat this as a temporary failure, as RFC 5321 asks for"
                     .. " 552 to RCPT: send to this recipient later",
                     smtpreply.advise(552, nil, "rcpt").text)
  end)

  it("lets the reply code decide over the enhanced code", function()
    assert.are.equal("PERMANENT", smtpreply.advise(550, "4.2.2", "rcpt").rule)
    assert.are.equal("SUCCESS", smtpreply.advise(250, "5.1.1", "rcpt").rule)
    assert.are.equal("TRANSIENT", smtpreply.advise(451, "2.0.0", "mail").rule)
  end)

  it("is given on an enhanced code alone", function()
    assert.are.same({
      action = "retry",
      rule = "ENHANCED_TRANSIENT",
      text = "Delivery failed for now; keep the message and try again later",
    }, smtpreply.advise(nil, "4.7.1"))
    assert.are.same(smtpreply.advise(nil, "4.7.1"),
                    smtpreply.advise(0, { class = 4, subject = 7,
                                          detail = 1 }))
    assert.are.equal("ENHANCED_PERMANENT",
                     smtpreply.advise(nil, "5.1.1", "rcpt").rule)
    assert.are.equal("The delivery succeeded",
                     smtpreply.advise(nil, "2.0.0").text)
  end)

  it("refuses what is not a reply", function()
    assert.are.same({ n = 3, nil,
                      "The first digit of a reply code must be 1 to 5",
                      "EBAD_CLASS" }, pack(smtpreply.advise(650)))
    assert.are.same({ n = 3, nil,
                      "The second digit of a reply code must be 0 to 5",
                      "EBAD_CATEGORY" }, pack(smtpreply.advise(570)))
    assert.are.same({ n = 5, nil,
                      "The class of an enhanced status code must be 2, 4"
                        .. " or 5", "EENHANCED_CLASS", 1, 0 },
                    pack(smtpreply.advise(550, "6.1.1")))
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(smtpreply.advise(550, nil, "helo")))
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(smtpreply.advise(nil, nil)))
    assert.has_error(function() smtpreply.advise(550, nil, 4) end)
  end)
end)

describe("classify", function()
  local USER_UNKNOWN = "host mx.example.com[192.0.2.1] said: 550 5.1.1"
    .. " <a@example.com>: Recipient address rejected: User unknown (in"
    .. " reply to RCPT TO command)"

  it("gives the verdict on a failure", function()
    assert.are.same({
      reason = "userunknown",
      reason_title = "Unknown recipient",
      reason_text = "The recipient's mailbox does not exist",
      soft = false,
      rule = "text.user-unknown",
      explanation = "The reply says \226\128\156user unknown\226\128\157."
        .. " The recipient's mailbox does not exist.",
      advice = {
        action = "give_up",
        rule = "REMEDY_SUPPRESS",
        text = "Return the message to its sender and stop sending to this"
          .. " address",
      },
      code = 550,
      enhanced = "5.1.1",
      stage = "rcpt",
    }, smtpreply.classify(USER_UNKNOWN))
  end)

  it("lets the stage change the meaning", function()
    local v = smtpreply.classify("550 5.1.1 User unknown (in reply to RCPT TO"
                                 .. " command)", { stage = "data_end" })
    assert.are.same({ "filtered", true, "text.user-unknown.data", "retry",
                      "data_end" },
                    { v.reason, v.soft, v.rule, v.advice.action, v.stage })
    v = smtpreply.classify("550 Requested action not taken",
                           { stage = "MAIL" })
    assert.are.same({ "rejected", true, "code.550.mail" },
                    { v.reason, v.soft, v.rule })
  end)

  it("classifies what it is given", function()
    -- An enhanced code alone (a DSN's Status:).
    local v = smtpreply.classify(nil, { enhanced = "5.2.2" })
    assert.are.same({ "mailboxfull", true, "enhanced.x.2.2", "5.2.2", "any" },
                    { v.reason, v.soft, v.rule, v.enhanced, v.stage })
    assert.is_nil(v.code)
    -- Words alone.
    v = smtpreply.classify("Host or domain name not found")
    assert.are.same({ "hostunknown", false, "text.host-not-found",
                      "give_up" },
                    { v.reason, v.soft, v.rule, v.advice.action })
    -- A code given beats the text's.
    v = smtpreply.classify("550 5.1.1 unknown", { code = 452 })
    assert.are.same({ 452, true }, { v.code, v.soft })
    assert.is_nil(v.enhanced)
    v = smtpreply.classify("550 5.1.1 unknown",
                           { code = "452", enhanced = { class = 4,
                                                        subject = 2,
                                                        detail = 2 } })
    assert.are.same({ 452, "4.2.2", "mailboxfull" },
                    { v.code, v.enhanced, v.reason })
  end)

  it("gives no reason to a reply that goes on", function()
    local v = smtpreply.classify("go ahead", { code = 354, stage = "data" })
    assert.is_nil(v.reason)
    assert.is_nil(v.rule)
    assert.is_nil(v.soft)
    assert.are.same({ 354, "continue", "data",
                      "No rule tells more about this reply." },
                    { v.code, v.advice.action, v.stage, v.explanation })
  end)

  it("refuses what is not a reply or a stage", function()
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(smtpreply.classify("x", { stage = "helo" })))
    assert.are.same({ n = 3, nil,
                      "The first digit of a reply code must be 1 to 5",
                      "EBAD_CLASS" },
                    pack(smtpreply.classify("x", { code = 650 })))
    assert.are.same({ n = 5, nil, "An enhanced status code has three"
                        .. " numbers: class.subject.detail",
                      "EENHANCED_PARTS", 1, 3 },
                    pack(smtpreply.classify("x", { enhanced = "5.1" })))
    assert.has_error(function() smtpreply.classify(5) end)
    assert.has_error(function() smtpreply.classify("x", "rcpt") end)
  end)
end)

describe("the reasons and the rules", function()
  it("are those of the library", function()
    local reasons = smtpreply.reasons()
    assert.are.equal(smtpreply.core.reason_count(), #reasons)
    assert.are.same(smtpreply.tokens("reason"), (function()
      local names = {}
      for i, r in ipairs(reasons) do
        names[i] = r.name
      end
      return names
    end)())
    assert.are.equal(smtpreply.core.rule_count(), #smtpreply.rules())
  end)

  it("are looked up by name", function()
    assert.are.same({
      name = "mailboxfull",
      title = "Mailbox full",
      description = "The recipient's mailbox is full or over its quota",
      severity = "soft",
      remedy = "retry_later",
    }, smtpreply.lookup_reason("MailboxFull"))
    assert.is_nil(smtpreply.lookup_reason("nosuchreason"))
    assert.are.same({
      id = "text.over-quota",
      reason = "mailboxfull",
      priority = 55,
      code = "",
      enhanced = "",
      stages = "",
      mta = "",
      phrase = "over quota",
      source = "qmail: qmail-remote.c, qmail-local.c, qmail-send.c",
      severity = "",
    }, smtpreply.lookup_rule("text.over-quota"))
    assert.is_nil(smtpreply.lookup_rule("text.no-such-rule"))
    assert.has_error(function() smtpreply.lookup_rule() end)
    assert.has_error(function() smtpreply.lookup_reason("a\0b") end)
  end)
end)

describe("extract", function()
  it("finds the reply in a log line", function()
    local line = "Nov 28 03:15:20 mx1 postfix/smtp[44884]: DD51AF25C5: "
      .. "to=<bob@example.net>, relay=mx.example.net[198.51.100.7]:25, "
      .. "delay=2.29, delays=0.26/0.04/1.27/0.72, dsn=5.1.1, status=bounced "
      .. "(host mx.example.net[198.51.100.7] said: 550 5.1.1 "
      .. "<bob@example.net>: Recipient address rejected: User unknown in "
      .. "virtual mailbox table (in reply to RCPT TO command))"
    assert.are.same({
      code = 550,
      code_offset = 221,
      enhanced = "5.1.1",
      enhanced_offset = 225,
      enhanced_length = 5,
      text_offset = 231,
      text = "<bob@example.net>: Recipient address rejected: User unknown"
        .. " in virtual mailbox table (in reply to RCPT TO command))",
      nonstandard = false,
      last_line = false,
    }, smtpreply.extract(line))
    assert.are.equal("550", line:sub(222, 224))
  end)

  it("finds a reply code without an enhanced code", function()
    local line = "2026-11-28 06:10:35 dovecot_plain authenticator failed for"
      .. " (User) [203.0.113.77]: 535 Incorrect authentication data"
      .. " (set_id=admin@example.com)"
    assert.are.same({
      code = 535,
      code_offset = 82,
      text_offset = 86,
      text = "Incorrect authentication data (set_id=admin@example.com)",
      nonstandard = false,
      last_line = false,
    }, smtpreply.extract(line))
  end)

  it("finds a bounce's Diagnostic-Code", function()
    local m = smtpreply.extract("Diagnostic-Code: smtp; 554 5.7.1 <a@b>:"
                                .. " Relay access denied")
    assert.are.same({ 554, 23, "5.7.1", 27, 33 },
                    { m.code, m.code_offset, m.enhanced, m.enhanced_offset,
                      m.text_offset })
  end)

  it("finds nothing where there is no reply", function()
    assert.are.same({ n = 1, nil }, pack(smtpreply.extract("")))
    assert.are.same({ n = 1, nil },
                    pack(smtpreply.extract("delay=2.29, port 25, size=5500")))
    assert.has_error(function() smtpreply.extract(550) end)
    assert.has_error(function() smtpreply.extract() end)
  end)

  it("says when a code is outside RFC 5321's grammar", function()
    local m = smtpreply.extract("host mx.example.net[192.0.2.5] said: 571"
                                .. " No PTR Record found for 192.0.2.7")
    assert.are.same({ 571, 37, 41, true, false },
                    { m.code, m.code_offset, m.text_offset, m.nonstandard,
                      m.last_line })
    m = smtpreply.extract("220-mx.example.fr ESMTP 421 4.2.1 Service refuse")
    assert.are.same({ 421, 24, "4.2.1", 28, 34, false, true },
                    { m.code, m.code_offset, m.enhanced, m.enhanced_offset,
                      m.text_offset, m.nonstandard, m.last_line })
  end)

  it("finds an enhanced code alone", function()
    local m = smtpreply.extract("dsn=4.7.1")
    assert.are.same({ "4.7.1", 4, 5, 9 },
                    { m.enhanced, m.enhanced_offset, m.enhanced_length,
                      m.text_offset })
    assert.is_nil(m.code)
    assert.is_nil(m.code_offset)
  end)
end)

describe("display_safe", function()
  it("keeps printable text as it is", function()
    assert.are.equal("550 5.1.1 <bob@example.net>: User unknown",
                     smtpreply.display_safe("550 5.1.1 <bob@example.net>: User"
                                            .. " unknown"))
    assert.are.equal("", smtpreply.display_safe(""))
    assert.are.equal("<b>&amp;</b>", smtpreply.display_safe("<b>&amp;</b>"))
    assert.are.equal("a\194\160b", smtpreply.display_safe("a\194\160b"))
  end)

  it("shows controls as escapes, a tab as a space", function()
    assert.are.equal("a\\x00b", smtpreply.display_safe("a\0b"))
    assert.are.equal("a\\x0Db\\x0Ac", smtpreply.display_safe("a\rb\nc"))
    assert.are.equal("a\\x7Fb", smtpreply.display_safe("a\127b"))
    assert.are.equal("a b  c", smtpreply.display_safe("a\tb\t\tc"))
    assert.are.equal("a\\u0085b", smtpreply.display_safe("a\194\133b"))
    assert.are.equal("a\\u2028b\\u2029",
                     smtpreply.display_safe("a\226\128\168b\226\128\169"))
  end)

  it("removes escape sequences and invisible characters", function()
    assert.are.equal("red", smtpreply.display_safe("\27[31mred\27[0m"))
    assert.are.equal("after", smtpreply.display_safe("\27]0;title\7after"))
    assert.are.equal("abcfdp.exe",
                     smtpreply.display_safe("abc\226\128\174fdp.exe"))
    assert.are.equal("paypal", smtpreply.display_safe("pay\226\128\139pal"))
  end)

  it("replaces invalid UTF-8", function()
    local FFFD = "\239\191\189"
    assert.are.equal("a" .. FFFD .. "b", smtpreply.display_safe("a\255b"))
    assert.are.equal(FFFD .. FFFD, smtpreply.display_safe("\192\175"))
    assert.are.equal("a" .. FFFD, smtpreply.display_safe("a\226\130"))
  end)

  it("copes with the worst case length", function()
    local s = ("\1"):rep(100000)
    assert.are.equal(("\\x01"):rep(100000), smtpreply.display_safe(s))
  end)
end)
