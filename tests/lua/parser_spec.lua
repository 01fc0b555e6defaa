-- parser_spec.lua -- the incremental reply parser (RFC 5321 section 4.2).
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- The same cases as tests/t-parse.c, with the same offsets and lines.
-- feed and finish return the events of the stream: replies and errors,
-- in order (chunks_spec.lua checks the order against the C parser).

local smtpreply = require "smtpreply"
local t = require "testlib"
local pack = t.pack

-- Return the fields of reply R in a plain table.
local function fields(r)
  return { code = r.code, enhanced = r.enhanced, lines = r.lines,
           text = r.text, flags = r.flags, offset = r.offset,
           line = r.line }
end

-- Return the events of EVENTS as strings: "CODE@LINE:OFFSET" for a reply,
-- "KIND@LINE:OFFSET" for an error.
local function summary(events)
  local list = {}
  for _, e in ipairs(events) do
    list[#list + 1] = ("%s@%d:%d"):format(e.is_error and e.kind or e.code,
                                          e.line, e.offset)
  end
  return list
end

-- Feed S to P, which must complete exactly one reply, and return it.
local function one_reply(p, s)
  local events = p:feed(s)
  assert.are.equal(1, #events)
  assert.is_false(events[1].is_error)
  return events[1]
end

-- Feed S to P and check it gives exactly one event, the error KIND (and
-- MESSAGE) at LINE and OFFSET.
local function check_error(p, s, kind, line, offset, message)
  local events = p:feed(s)
  assert.are.equal(1, #events)
  local e = events[1]
  assert.is_true(e.is_error)
  if message then
    assert.are.equal(message, e.message)
    assert.are.equal(message, tostring(e))
  end
  assert.are.same({ kind, line, offset }, { e.kind, e.line, e.offset })
end

local FLAG_MESSAGES = {
  CODE_MISMATCH = "The lines of the reply carry different codes",
  BARE_CODE = "A line has the code and no text",
  NO_SPACE = "The code is not followed by a space or a hyphen",
  BARE_LF = "A line ends in LF without CR",
  CONTROL = "The text contains control characters",
  EIGHT_BIT = "The text contains bytes outside ASCII",
  ENHANCED_MISMATCH = "The class of the enhanced status code disagrees"
    .. " with the reply code",
  ENHANCED_INCONSISTENT = "The lines of the reply carry different enhanced"
    .. " status codes",
  ENHANCED_INVALID = "The text starts with a malformed enhanced status code",
  PRELIMINARY = "The reply code starts with 1, which SMTP servers do not"
    .. " send",
}

-- Each diagnostic: the reply that shows it, and where the error is when
-- the parser is strict about it (tests/t-parse.c).
local DIAGNOSTICS = {
  { "CODE_MISMATCH", "250-a\r\n550 b\r\n", 2, 7 },
  { "BARE_CODE", "334\r\n", 1, 3 },
  { "NO_SPACE", "250ok\r\n", 1, 3 },
  { "BARE_LF", "250-a\r\n250 b\n", 2, 12 },
  { "CONTROL", "250 a\27[31mb\r\n", 1, 5 },
  { "EIGHT_BIT", "250 Gr\195\188\195\159e\r\n", 1, 6 },
  { "ENHANCED_MISMATCH", "550 4.2.2 full\r\n", 1, 4 },
  { "ENHANCED_INCONSISTENT", "550-5.1.1 a\r\n550 5.1.2 b\r\n", 2, 17 },
  { "ENHANCED_INVALID", "550 5.01.1 x\r\n", 1, 4 },
  { "PRELIMINARY", "110 x\r\n", 1, 0 },
}

local function parser(options)
  return assert(smtpreply.Parser.new(options))
end

describe("the parser", function()
  it("gives every field of a reply", function()
    local p = parser()
    local r = one_reply(p, "250-2.1.5 first\r\n250-2.1.5 second line\r\n"
                           .. "250 2.1.5 last\r\n")
    assert.are.same({
      code = 250,
      enhanced = "2.1.5",
      lines = { "2.1.5 first", "2.1.5 second line", "2.1.5 last" },
      text = "first\nsecond line\nlast",
      flags = {},
      offset = 0,
      line = 1,
    }, fields(r))
    assert.is_false(r.is_error)
    assert.is_nil(r.no_such_field)
    assert.is_true(t.is_integer(r.code))
    assert.are.equal("250-2.1.5 first\r\n250-2.1.5 second line\r\n"
                     .. "250 2.1.5 last", tostring(r))
    -- Its fields are read-only values: a new list each time.
    local lines = r.lines
    lines[1] = "changed"
    assert.are.equal("2.1.5 first", r.lines[1])
  end)

  it("gives no enhanced code when the text has none", function()
    local p = parser()
    local r = one_reply(p, "250 Ok\r\n")
    assert.is_nil(r.enhanced)
    assert.are.same({ "Ok" }, r.lines)
    assert.are.equal("Ok", r.text)
    r = one_reply(p, "250 2.0.0\r\n")
    assert.are.equal("2.0.0", r.enhanced)
    assert.are.same({ "2.0.0" }, r.lines)
    assert.are.equal("", r.text)
    r = one_reply(p, "421 4.7.28  https://support.google.com/mail/\r\n")
    assert.are.equal("4.7.28", r.enhanced)
    assert.are.equal(" https://support.google.com/mail/", r.text)
    r = one_reply(p, "250 2.0.0,Ok\r\n")
    assert.is_nil(r.enhanced)
    assert.are.equal("2.0.0,Ok", r.text)
    -- Each line loses its own enhanced code.
    r = one_reply(p, "550-5.1.1 a\r\n550-b\r\n550 5.1.1 c\r\n")
    assert.are.equal("a\nb\nc", r.text)
    assert.are.same({ "5.1.1 a", "b", "5.1.1 c" }, r.lines)
  end)

  it("returns every reply of a chunk, in order", function()
    local p = parser()
    local events = p:feed("220 mx ESMTP\r\n250-mx Hello\r\n250-SIZE 1000\r\n"
                          .. "250 8BITMIME\r\n250 2.1.0 Ok\r\n")
    assert.are.same({ "220@1:0", "250@2:14", "250@5:57" }, summary(events))
    assert.are.same({ "mx Hello", "SIZE 1000", "8BITMIME" }, events[2].lines)
    -- Errors are counted the same way.
    check_error(p, "x\r\n", "EBAD_CODE", 6, 71,
                "A reply code is exactly three digits")
    assert.are.same({}, p:finish())
  end)

  it("keeps any byte but NUL in the text", function()
    local p = parser()
    local r = one_reply(p, "250 \27[31mred\27[0m \27]0;pwned\7\r\n")
    assert.are.same({ CONTROL = true }, r.flags)
    assert.are.equal("\27[31mred\27[0m \27]0;pwned\7", r.text)
    r = one_reply(p, "250 a\rb\r\n")
    assert.are.equal("a\rb", r.lines[1])
    r = one_reply(p, "250 caf\233\r\n")
    assert.are.same({ EIGHT_BIT = true }, r.flags)
    assert.are.equal("caf\233", r.text)
  end)

  it("gives an empty line for a bare code", function()
    local p = parser()
    local r = one_reply(p, "334\r\n")
    assert.are.same({ code = 334, lines = { "" }, text = "",
                      flags = { BARE_CODE = true }, offset = 0, line = 1 },
                    fields(r))
    r = one_reply(p, "250-\r\n250 \r\n")
    assert.are.same({ "", "" }, r.lines)
    assert.are.equal("\n", r.text)
    assert.are.same({}, r.flags)
  end)

  it("can be fed nothing", function()
    local p = parser()
    assert.are.same({}, p:feed(""))
    assert.are.same({}, p:finish())
  end)
end)

describe("the parser's errors", function()
  it("give the rule, the line and the offset, and the parser goes on",
     function()
    local p = parser()
    check_error(p, "x\r\n", "EBAD_CODE", 1, 0,
                "A reply code is exactly three digits")
    check_error(p, "25\r\n", "EBAD_CODE", 2, 5)
    check_error(p, "2500 x\r\n", "EBAD_CODE", 3, 10)
    check_error(p, "25a ok\r\n", "EBAD_CODE", 4, 17)
    check_error(p, "\n", "EBAD_CODE", 5, 23)
    check_error(p, "\r\n", "EBAD_CODE", 6, 24)
    check_error(p, " 250 ok\r\n", "EBAD_CODE", 7, 26)
    local r = one_reply(p, "250 ok\r\n")
    assert.are.same({ 35, 8 }, { r.offset, r.line })
  end)

  it("name a digit out of range", function()
    local p = parser()
    check_error(p, "650 x\r\n", "EBAD_CLASS", 1, 0,
                "The first digit of a reply code must be 1 to 5")
    check_error(p, "050 x\r\n", "EBAD_CLASS", 2, 7)
    check_error(p, "999\r\n", "EBAD_CLASS", 3, 14)
    check_error(p, "260 x\r\n", "EBAD_CATEGORY", 4, 20,
                "The second digit of a reply code must be 0 to 5")
  end)

  it("come in the order of the stream, among the replies", function()
    local p = parser()
    local events = p:feed("250 a\r\n5x0 b\r\n250 c\r\n550 d\r\n")
    assert.are.same({ "250@1:0", "EBAD_CODE@2:8", "250@3:14", "550@4:21" },
                    summary(events))
    assert.are.same({ "a", "c", "d" },
                    { events[1].text, events[3].text, events[4].text })
    -- A line cut between chunks: its bad first byte is reported at once,
    -- without waiting for the rest of the line.
    events = p:feed("250 e\r\n6")
    assert.are.same({ "250@5:28", "EBAD_CLASS@6:35" }, summary(events))
    events = p:feed("50 f\r\n250 g\r\n")
    assert.are.same({ "250@7:42" }, summary(events))
    assert.are.equal("g", events[1].text)
  end)

  it("are tables with a kind, a message, a line and an offset", function()
    local p = parser { lang = "en" }
    local e = p:feed("5x0\r\n")[1]
    assert.are.same({ is_error = true, kind = "EBAD_CODE",
                      message = "A reply code is exactly three digits",
                      line = 1, offset = 1 },
                    { is_error = e.is_error, kind = e.kind,
                      message = e.message, line = e.line,
                      offset = e.offset })
    assert.is_nil(e.code)
  end)

  it("reject a NUL byte and the rest of its line", function()
    local p = parser()
    local events = p:feed("250 a\0b\r\n250 ok\r\n")
    assert.are.same({ "ENUL@1:5", "250@2:9" }, summary(events))
    assert.are.equal("The reply contains a NUL byte", events[1].message)
    assert.are.equal("ok", events[2].text)
  end)

  it("reject a line longer than the limit", function()
    local p = parser { max_line_length = 10 }
    assert.are.equal(10, p:limit("max_line_length"))
    assert.are.equal("abcd", one_reply(p, "250 abcd\r\n").text)
    check_error(p, "250 abcde\r\n", "ELINE_TOO_LONG", 2, 19,
                "The line is longer than the parser's limit")
    -- 512 bytes by default.
    p = parser()
    local r = one_reply(p, "250 " .. ("x"):rep(506) .. "\r\n")
    assert.are.equal(506, #r.text)
    check_error(p, "250 " .. ("x"):rep(507) .. "\r\n", "ELINE_TOO_LONG", 2,
                512 + 511)
  end)

  it("reject a reply with more lines than the limit", function()
    local p = parser { max_lines = 3 }
    assert.are.equal(3, #one_reply(p, "250-a\r\n250-b\r\n250 c\r\n").lines)
    local events = p:feed("250-a\r\n250-b\r\n250-c\r\n250 d\r\n250 e\r\n")
    assert.are.same({ "ETOO_MANY_LINES@7:42", "250@8:49" }, summary(events))
    assert.are.equal("The reply has more lines than the parser's limit",
                     events[1].message)
    assert.are.equal("e", events[2].text)
  end)

  it("reject a reply longer than the limit", function()
    local p = parser { max_reply_bytes = 20 }
    assert.are.equal(2, #one_reply(p, "250-aaaa\r\n250 bbbb\r\n").lines)
    check_error(p, "250-aaaa\r\n250 bbbbb\r\n", "EREPLY_TOO_LONG", 4, 39,
                "The reply is longer than the parser's limit")
  end)

  it("report a reply cut off by the end of the stream", function()
    local p = parser()
    assert.are.same({}, p:feed("250 ok"))
    local events = p:finish()
    assert.are.same({ "ETRUNCATED@1:6" }, summary(events))
    assert.are.equal("The input ended inside a reply", events[1].message)
    -- The parser then reads a new stream.
    assert.are.same({}, p:feed("250-a\r\n250-b\r\n"))
    assert.are.same({ "ETRUNCATED@3:14" }, summary(p:finish()))
    local r = one_reply(p, "250 new\r\n")
    assert.are.same({ 0, 1 }, { r.offset, r.line })
    assert.are.same({}, p:finish())
  end)

  it("come in the parser's language", function()
    local p = parser { lang = "ru" }
    check_error(p, "5x0\r\n", "EBAD_CODE", 1, 1,
                "Код ответа состоит ровно из трёх цифр")
  end)
end)

describe("the parser's flags", function()
  it("are named by tokens", function()
    assert.are.same({ "CODE_MISMATCH", "BARE_CODE", "NO_SPACE", "BARE_LF",
                      "CONTROL", "EIGHT_BIT", "ENHANCED_MISMATCH",
                      "ENHANCED_INCONSISTENT", "ENHANCED_INVALID",
                      "PRELIMINARY" }, smtpreply.tokens("flag"))
    for token, message in pairs(FLAG_MESSAGES) do
      assert.are.equal(message, smtpreply.strerror("E" .. token))
      assert.are.equal(message, smtpreply.describe_token("flag", token))
    end
  end)

  it("mark each deviation and the reply is still returned", function()
    for _, d in ipairs(DIAGNOSTICS) do
      local token, input = d[1], d[2]
      local p = parser()
      local r = one_reply(p, input)
      assert.are.same({ [token] = true }, r.flags, token)
      assert.are.same({ 0, 1 }, { r.offset, r.line })
      assert.are.same({}, p:finish())
    end
    local r = one_reply(parser(), "334\n")
    assert.are.same({ BARE_CODE = true, BARE_LF = true }, r.flags)
  end)

  it("are errors when the parser is strict about them", function()
    for _, d in ipairs(DIAGNOSTICS) do
      local token, input, line, offset = d[1], d[2], d[3], d[4]
      local p = parser { strict = { token } }
      check_error(p, input, "E" .. token, line, offset, FLAG_MESSAGES[token])
      -- The bad line was dropped; what follows it is read anew.
      local r = one_reply(p, "250 next\r\n")
      assert.are.equal(#input, r.offset)
      assert.are.same({}, p:finish())
    end
  end)

  it("are chosen by a list, a set, a token or true", function()
    local p = parser { strict = { BARE_LF = true, NO_SPACE = false } }
    assert.are.same({ NO_SPACE = true }, one_reply(p, "250ok\r\n").flags)
    check_error(p, "250 a\n", "EBARE_LF", 2, 12)
    p = parser { strict = "CODE_MISMATCH" }
    assert.are.same({ BARE_CODE = true, BARE_LF = true },
                    one_reply(p, "334\n").flags)
    check_error(p, "250-a\r\n251 b\r\n", "ECODE_MISMATCH", 3, 11)
    p = parser { strict = true }
    local r = one_reply(p, "250-mx.example.net\r\n250 DSN\r\n")
    assert.are.same({}, r.flags)
    check_error(p, "250-mx.example.net\r\n250 2.0.0 Ok\r\n",
                "EENHANCED_INCONSISTENT", 4, 53)
    p = parser { strict = false }
    assert.are.same({ BARE_LF = true }, one_reply(p, "250 a\n").flags)
  end)

  it("that do not exist are refused", function()
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(smtpreply.Parser.new { strict = { "BARE_LF",
                                                           "NOPE" } }))
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(smtpreply.Parser.new { strict = "NOPE" }))
  end)
end)

describe("the parser's limits", function()
  it("have defaults and bounds", function()
    local p = parser()
    assert.are.equal(512, p:limit("max_line_length"))
    assert.are.equal(1000, p:limit("max_lines"))
    assert.are.equal(65536, p:limit("max_reply_bytes"))
    p = parser { max_line_length = 4, max_reply_bytes = 67108864,
                 max_lines = 1000000 }
    assert.are.equal(4, p:limit("max_line_length"))
    assert.are.equal(67108864, p:limit("max_reply_bytes"))
    assert.are.equal(1000000, p:limit("max_lines"))
    for _, options in ipairs { { max_line_length = 3 },
                               { max_lines = 1000001 },
                               { max_reply_bytes = -1 },
                               { max_lines = 0 } } do
      assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                      pack(smtpreply.Parser.new(options)))
    end
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(p:limit("width")))
  end)

  it("are named as the library's tokens name them", function()
    assert.are.same({ "max_line_length", "max_lines", "max_reply_bytes" },
                    smtpreply.tokens("limit"))
  end)

  it("and options are checked", function()
    assert.has_error(function()
      smtpreply.Parser.new { line_lenght = 100 }
    end)
    assert.has_error(function() smtpreply.Parser.new "strict" end)
    assert.has_error(function()
      smtpreply.Parser.new { max_lines = "x" }
    end)
    assert.has_error(function() smtpreply.Parser.new { strict = 5 } end)
    assert.has_error(function()
      smtpreply.Parser.new { max_lines = -1.5 }
    end)
    assert.has_error(function() parser():feed(42) end)
    assert.has_error(function() parser():feed() end)
    assert.has_error(function() parser():limit() end)
  end)

  it("and the strict flags stay after reset, the rest goes", function()
    local p = parser { max_line_length = 20, strict = { "NO_SPACE" } }
    assert.are.same({ "EBAD_CODE@1:1" }, summary(p:feed("2x\r\n250-partial"
                                                        .. "\r\n250 par")))
    p:reset()
    assert.are.same({}, p:finish())
    local r = one_reply(p, "250 whole\r\n")
    assert.are.same({ "whole", 0, 1 }, { r.text, r.offset, r.line })
    assert.are.equal(20, p:limit("max_line_length"))
    check_error(p, "250x\r\n", "ENO_SPACE", 2, 14)
  end)
end)

describe("the parser fed in chunks", function()
  it("reads many replies of one chunk", function()
    local p = parser()
    local events = p:feed(("250 ok\r\n"):rep(20000))
    assert.are.equal(20000, #events)
    assert.are.same({ 250, 159992, 20000 },
                    { events[20000].code, events[20000].offset,
                      events[20000].line })
  end)

  it("reads the example session as fed whole", function()
    local events = parser():feed(t.read_file(t.top_srcdir
                                             .. "/examples/replies.txt"))
    assert.are.equal(55, #events)
    assert.are.same({ 220, 1 }, { events[1].code, events[1].line })
    assert.are.same({ BARE_LF = true }, events[1].flags)
    assert.are.same({ 221, "2.0.0", 104 },
                    { events[55].code, events[55].enhanced, events[55].line })
  end)
end)
