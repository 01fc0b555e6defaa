-- bounce_spec.lua -- whole bounce messages: smtpreply.bounce.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- bounce reads the messages of tests/bounces/ as the C library and the
-- command do: a DSN with several recipients, an ARF report, a bounce
-- without a report, messages that are not bounces, broken ones, wrong
-- types; and every message of the corpus, read by bounce-records.lua,
-- gives the records of its .expect (tests/bounces/compare.py).

local smtpreply = require "smtpreply"
local t = require "testlib"
local pack = t.pack

local CORPUS = t.top_srcdir .. "/tests/bounces/"

local function corpus(name)
  return t.read_file(CORPUS .. name)
end

local ORIGINAL = {
  message_id = "<board-2024-04@example.com>",
  from = "Board <board@example.com>",
  to = "ann@example.org, bert@example.net, cleo@unrouted.example",
  subject = "Board papers for April",
  date = "Wed, 03 Apr 2024 07:00:00 +0000",
}

-- The fields of recipient R that are not the verdict.
local function fields(r)
  return { r.address, r.action, r.status, r.code, r.enhanced, r.lines,
           r.remote_mta, r.diagnostic_type, r.source, r.feedback_type,
           r.reason, r.soft }
end

describe("bounce", function()
  it("gives each recipient of a multi-recipient DSN", function()
    local b = smtpreply.bounce(corpus("exim-dsn-multi-recipient.eml"))
    assert.are.equal("dsn", b.kind)
    assert.are.equal("dsn", b.format)
    assert.are.equal(3, #b.recipients)
    assert.are.same({ "ann@example.org", "failed", "5.0.0", 550, "5.1.1",
                      { "5.1.1 <ann@example.org>: Recipient address "
                        .. "rejected: User unknown in local recipient table" },
                      "mx.example.org", "smtp", "dsn", nil, "userunknown",
                      false }, fields(b.recipients[1]))
    assert.are.same({ "bert@example.net", "failed", "5.0.0", 552, nil,
                      { "sorry, mailbox bert is over quota temporarily "
                        .. "(#5.1.1)" },
                      "mail.example.net", "smtp", "dsn", nil, "mailboxfull",
                      true }, fields(b.recipients[2]))
    assert.are.same({ "cleo@unrouted.example", "failed", "5.0.0", nil, nil,
                      {}, nil, nil, "dsn", nil, "hostunknown", false },
                    fields(b.recipients[3]))
    assert.are.same(ORIGINAL, b.original)
    assert.is_nil(b.report)
    assert.is_true(t.is_integer(b.recipients[1].code))
  end)

  it("gives each recipient the verdict classify gives", function()
    local ann = smtpreply.bounce(corpus("exim-dsn-multi-recipient.eml"))
      .recipients[1]
    assert.are.equal("550 5.1.1 <ann@example.org>: Recipient address "
                     .. "rejected: User unknown in local recipient table",
                     ann.diagnostic)
    assert.are.same({ "text.user-unknown", 550, "5.1.1", "rcpt",
                      "Unknown recipient", "userunknown", false },
                    { ann.verdict.rule, ann.verdict.code, ann.verdict.enhanced,
                      ann.verdict.stage, ann.verdict.reason_title,
                      ann.verdict.reason, ann.verdict.soft })
    assert.are.same({ action = "give_up", rule = "REMEDY_SUPPRESS",
                      text = "Return the message to its sender and stop "
                        .. "sending to this address" }, ann.advice)
    assert.are.same(ann.verdict.advice, ann.advice)
  end)

  it("says its verdicts in the language asked", function()
    local b = smtpreply.bounce(corpus("exim-dsn-multi-recipient.eml"),
                               { lang = "ru" })
    assert.are.equal("Почтовый ящик переполнен",
                     b.recipients[2].verdict.reason_title)
    assert.are.equal("Mailbox full", smtpreply.bounce(
      corpus("exim-dsn-multi-recipient.eml")).recipients[2].verdict
      .reason_title)
    assert.are.same({ nil, "The language tag has characters a tag "
                        .. "cannot have", "EBAD_LANG" },
                    { smtpreply.bounce("", { lang = "r\0u" }) })
  end)

  it("never takes a reply code from an x-unix diagnostic", function()
    local r = smtpreply.bounce(corpus("sendmail-dsn-x-unix-255.eml"))
      .recipients[1]
    assert.are.same({ "support@example.com", "5.3.0", "x-unix", "255",
                      "text.x-unix" },
                    { r.address, r.status, r.diagnostic_type, r.diagnostic,
                      r.verdict.rule })
    assert.is_nil(r.code)
    assert.is_nil(r.enhanced)
    assert.are.same({}, r.lines)
  end)

  it("reads an ARF report", function()
    local b = smtpreply.bounce(corpus("arf-abuse.eml"))
    assert.are.same({ "arf", "arf", 1 }, { b.kind, b.format, #b.recipients })
    assert.are.same({ "kate@example.com", "none", nil, nil, nil, {}, nil,
                      nil, "arf", "abuse", "feedback", nil },
                    fields(b.recipients[1]))
    assert.are.same({ "abuse", "192.0.2.1", "ExampleFeedback/1.0" },
                    { b.report["Feedback-Type"], b.report["Source-IP"],
                      b.report["User-Agent"] })
    assert.are.equal("You have won 550 000 dollars", b.original.subject)
  end)

  it("reads a bounce without a report", function()
    local b = smtpreply.bounce(corpus("qmail-nondsn-local-multi.eml"))
    assert.are.same({ "bounce", "qmail" }, { b.kind, b.format })
    local got = {}
    for i, r in ipairs(b.recipients) do
      got[i] = { r.address, r.action, r.status, r.reason, r.soft, r.source }
    end
    assert.are.same({
      { "vera@example.com", "failed", "5.1.1", "userunknown", false,
        "text:5" },
      { "walt@example.com", "failed", "5.2.2", "mailboxfull", true,
        "text:8" },
      { "xena@example.com", "failed", "5.4.6", "networkerror", true,
        "text:11" } }, got)
    assert.are.equal("<vera@example.com>: Sorry, no mailbox here by that "
                     .. "name. (#5.1.1)", b.recipients[1].diagnostic)
  end)

  it("reads an auto-reply, junk and nothing as no bounce", function()
    for _, s in ipairs({ corpus("notbounce-vacation.eml"), "",
                         corpus("malformed-binary-junk.eml") }) do
      local b = smtpreply.bounce(s)
      assert.are.same({ "not_bounce", nil, {}, {} },
                      { b.kind, b.format, b.recipients, b.original })
    end
  end)

  it("returns the error of a broken message", function()
    assert.are.same(
      { n = 3, nil, "The message could not be read as MIME", "EBOUNCE_MIME" },
      pack(smtpreply.bounce(corpus("malformed-multipart-no-boundary.eml"))))
    assert.are.same(
      { n = 3, nil, "The message is larger than 64 MiB", "EBOUNCE_TOO_BIG" },
      pack(smtpreply.bounce(("x"):rep(64 * 1024 * 1024 + 1))))
  end)

  it("raises an error on a wrong type or option", function()
    assert.has_error(function() smtpreply.bounce() end)
    assert.has_error(function() smtpreply.bounce({}) end)
    assert.has_error(function() smtpreply.bounce(true) end)
    assert.has_error(function() smtpreply.bounce("", 5) end)
    assert.has_error(function() smtpreply.bounce("", { language = "ru" }) end)
  end)

  it("gives every message of the corpus the records of its .expect",
     function()
    local script = t.quote(t.lua) .. " "
      .. t.quote(t.top_srcdir .. "/tests/lua/bounce-records.lua")
    local out, status = t.run(
      "python3 " .. t.quote(CORPUS .. "compare.py") .. " "
      .. t.quote(CORPUS) .. " " .. t.quote(script .. " {}") .. " "
      .. t.quote(script .. " --mbox {}"))
    assert.are.equal(0, status, out)
    assert.is_nil(out:find("not ok", 1, true), out)
    assert.are.equal("\n1..98\n", out:sub(-7))
  end)
end)
