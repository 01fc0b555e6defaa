-- parser_spec.lua -- the incremental reply parser (RFC 5321 section 4.2).
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- The same cases as tests/t-parse.c, with the same offsets and lines.

local smtpreply = require "smtpreply"

local function pack(...)
  return table.pack(...)
end

-- Feed S to P, which must complete exactly one reply, and return it.
local function one_reply(p, s)
  local replies, msg = p:feed(s)
  assert.is_nil(msg)
  assert.are.equal(1, #replies)
  return replies[1]
end

-- Feed S to P and check it fails with the error KIND (and MESSAGE) at LINE
-- and OFFSET, after which nothing is left of S.
local function check_error(p, s, kind, line, offset, message)
  local got = pack(p:feed(s))
  assert.are.equal(5, got.n)
  assert.is_nil(got[1])
  if message then
    assert.are.equal(message, got[2])
  end
  assert.are.same({ kind, line, offset }, { got[3], got[4], got[5] })
  assert.are.same({}, p:feed())
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
  { "EIGHT_BIT", "250 Gr\xc3\xbc\xc3\x9fe\r\n", 1, 6 },
  { "ENHANCED_MISMATCH", "550 4.2.2 full\r\n", 1, 4 },
  { "ENHANCED_INCONSISTENT", "550-5.1.1 a\r\n550 5.1.2 b\r\n", 2, 17 },
  { "ENHANCED_INVALID", "550 5.01.1 x\r\n", 1, 4 },
  { "PRELIMINARY", "110 x\r\n", 1, 0 },
}

describe("the parser", function()
  it("gives every field of a reply", function()
    local p = smtpreply.parser()
    assert.are.same({
      code = 250,
      enhanced = "2.1.5",
      lines = { "2.1.5 first", "2.1.5 second line", "2.1.5 last" },
      text = "first\nsecond line\nlast",
      flags = {},
      offset = 0,
      line = 1,
    }, one_reply(p, "250-2.1.5 first\r\n250-2.1.5 second line\r\n"
                    .. "250 2.1.5 last\r\n"))
  end)

  it("gives no enhanced code when the text has none", function()
    local p = smtpreply.parser()
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
  end)

  it("returns every reply of a chunk, in order", function()
    local p = smtpreply.parser()
    local replies = p:feed("220 mx ESMTP\r\n250-mx Hello\r\n250-SIZE 1000\r\n"
                           .. "250 8BITMIME\r\n250 2.1.0 Ok\r\n")
    assert.are.equal(3, #replies)
    assert.are.same({ 220, 0, 1 },
                    { replies[1].code, replies[1].offset, replies[1].line })
    assert.are.same({ 250, 14, 2 },
                    { replies[2].code, replies[2].offset, replies[2].line })
    assert.are.same({ "mx Hello", "SIZE 1000", "8BITMIME" }, replies[2].lines)
    assert.are.same({ 250, 57, 5 },
                    { replies[3].code, replies[3].offset, replies[3].line })
    -- Errors are counted the same way.
    check_error(p, "x\r\n", "EBAD_CODE", 6, 71,
                "A reply code is exactly three digits")
    assert.are.same({}, p:finish())
  end)

  it("keeps any byte but NUL in the text", function()
    local p = smtpreply.parser()
    local r = one_reply(p, "250 \27[31mred\27[0m \27]0;pwned\7\r\n")
    assert.are.same({ CONTROL = true }, r.flags)
    assert.are.equal("\27[31mred\27[0m \27]0;pwned\7", r.text)
    r = one_reply(p, "250 a\rb\r\n")
    assert.are.equal("a\rb", r.lines[1])
    r = one_reply(p, "250 caf\xe9\r\n")
    assert.are.same({ EIGHT_BIT = true }, r.flags)
    assert.are.equal("caf\xe9", r.text)
  end)

  it("gives an empty line for a bare code", function()
    local p = smtpreply.parser()
    local r = one_reply(p, "334\r\n")
    assert.are.same({ code = 334, lines = { "" }, text = "",
                      flags = { BARE_CODE = true }, offset = 0, line = 1 }, r)
    r = one_reply(p, "250-\r\n250 \r\n")
    assert.are.same({ "", "" }, r.lines)
    assert.are.equal("\n", r.text)
    assert.are.same({}, r.flags)
  end)
end)

describe("the parser's errors", function()
  it("give the rule, the line and the offset, and the parser goes on",
     function()
    local p = smtpreply.parser()
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
    local p = smtpreply.parser()
    check_error(p, "650 x\r\n", "EBAD_CLASS", 1, 0,
                "The first digit of a reply code must be 1 to 5")
    check_error(p, "050 x\r\n", "EBAD_CLASS", 2, 7)
    check_error(p, "999\r\n", "EBAD_CLASS", 3, 14)
    check_error(p, "260 x\r\n", "EBAD_CATEGORY", 4, 20,
                "The second digit of a reply code must be 0 to 5")
  end)

  it("keep the replies before them and the bytes after them", function()
    local p = smtpreply.parser()
    local got = pack(p:feed("250 a\r\n5x0 b\r\n250 c\r\n550 d\r\n"))
    assert.are.same({ n = 5, nil, "A reply code is exactly three digits",
                      "EBAD_CODE", 2, 8 }, got)
    local replies = p:feed()
    assert.are.same({ "a", "c", "d" },
                    { replies[1].text, replies[2].text, replies[3].text })
    assert.are.same({ 0, 14, 21 },
                    { replies[1].offset, replies[2].offset,
                      replies[3].offset })
    -- A line cut between chunks: its bad first byte is reported at once,
    -- without waiting for the rest of the line.
    got = pack(p:feed("250 e\r\n6"))
    assert.are.same({ nil, "EBAD_CLASS", 6, 35 },
                    { got[1], got[3], got[4], got[5] })
    -- With a new chunk, the held reply comes first.
    replies = p:feed("50 f\r\n250 g\r\n")
    assert.are.same({ "e", "g" }, { replies[1].text, replies[2].text })
    replies = p:feed("250 h\r\n")
    assert.are.same({ "h" }, { replies[1].text })
  end)

  it("reject a NUL byte and the rest of its line", function()
    local p = smtpreply.parser()
    local got = pack(p:feed("250 a\0b\r\n250 ok\r\n"))
    assert.are.same({ n = 5, nil, "The reply contains a NUL byte", "ENUL",
                      1, 5 }, got)
    local replies = p:feed()
    assert.are.equal(1, #replies)
    assert.are.same({ 250, "ok", 9, 2 },
                    { replies[1].code, replies[1].text, replies[1].offset,
                      replies[1].line })
  end)

  it("reject a line longer than the limit", function()
    local p = smtpreply.parser { line_length = 10 }
    assert.are.equal(10, p:limit("line_length"))
    assert.are.equal("abcd", one_reply(p, "250 abcd\r\n").text)
    check_error(p, "250 abcde\r\n", "ELINE_TOO_LONG", 2, 19,
                "The line is longer than the parser's limit")
    -- 512 bytes by default.
    p = smtpreply.parser()
    local r = one_reply(p, "250 " .. ("x"):rep(506) .. "\r\n")
    assert.are.equal(506, #r.text)
    check_error(p, "250 " .. ("x"):rep(507) .. "\r\n", "ELINE_TOO_LONG", 2,
                512 + 511)
  end)

  it("reject a reply with more lines than the limit", function()
    local p = smtpreply.parser { lines = 3 }
    assert.are.equal(3, #one_reply(p, "250-a\r\n250-b\r\n250 c\r\n").lines)
    local got = pack(p:feed("250-a\r\n250-b\r\n250-c\r\n250 d\r\n250 e\r\n"))
    assert.are.same({ n = 5, nil,
                      "The reply has more lines than the parser's limit",
                      "ETOO_MANY_LINES", 7, 42 }, got)
    local replies = p:feed()
    assert.are.equal(1, #replies)
    assert.are.same({ "e", 49, 8 },
                    { replies[1].text, replies[1].offset, replies[1].line })
  end)

  it("reject a reply longer than the limit", function()
    local p = smtpreply.parser { reply_bytes = 20 }
    assert.are.equal(2, #one_reply(p, "250-aaaa\r\n250 bbbb\r\n").lines)
    local got = pack(p:feed("250-aaaa\r\n250 bbbbb\r\n"))
    assert.are.same({ n = 5, nil,
                      "The reply is longer than the parser's limit",
                      "EREPLY_TOO_LONG", 4, 39 }, got)
  end)

  it("report a reply cut off by the end of the stream", function()
    local p = smtpreply.parser()
    assert.are.same({}, p:feed("250 ok"))
    assert.are.same({ n = 5, nil, "The input ended inside a reply",
                      "ETRUNCATED", 1, 6 }, pack(p:finish()))
    -- The parser then reads a new stream.
    assert.are.same({}, p:feed("250-a\r\n250-b\r\n"))
    assert.are.same({ n = 5, nil, "The input ended inside a reply",
                      "ETRUNCATED", 3, 14 }, pack(p:finish()))
    local r = one_reply(p, "250 new\r\n")
    assert.are.same({ 0, 1 }, { r.offset, r.line })
    assert.are.same({}, p:finish())
  end)

  it("let finish hand out the replies held after an error", function()
    local p = smtpreply.parser()
    assert.is_nil(p:feed("5x0\r\n250 ok\r\n221 bye\r\n"))
    local replies = p:finish()
    assert.are.same({ 250, 221 }, { replies[1].code, replies[2].code })
    -- An error in the held bytes is found by finish.
    assert.is_nil(p:feed("5x0\r\n650 x\r\n6"))
    assert.are.same({ n = 5, nil,
                      "The first digit of a reply code must be 1 to 5",
                      "EBAD_CLASS", 2, 5 }, pack(p:finish()))
    -- The last line's first byte is already a bad class: no truncation.
    assert.are.same({ n = 5, nil,
                      "The first digit of a reply code must be 1 to 5",
                      "EBAD_CLASS", 3, 12 }, pack(p:finish()))
    assert.are.same({}, p:finish())
  end)
end)

describe("the parser's flags", function()
  it("are named by tokens", function()
    assert.are.same({ "CODE_MISMATCH", "BARE_CODE", "NO_SPACE", "BARE_LF",
                      "CONTROL", "EIGHT_BIT", "ENHANCED_MISMATCH",
                      "ENHANCED_INCONSISTENT", "ENHANCED_INVALID",
                      "PRELIMINARY" }, smtpreply.flags())
    for token, message in pairs(FLAG_MESSAGES) do
      assert.are.equal(message, smtpreply.strerror("E" .. token))
    end
  end)

  it("mark each deviation and the reply is still returned", function()
    for _, d in ipairs(DIAGNOSTICS) do
      local token, input = d[1], d[2]
      local p = smtpreply.parser()
      local r = one_reply(p, input)
      assert.are.same({ [token] = true }, r.flags, token)
      assert.are.same({ 0, 1 }, { r.offset, r.line })
      assert.are.same({}, p:finish())
    end
    local r = one_reply(smtpreply.parser(), "334\n")
    assert.are.same({ BARE_CODE = true, BARE_LF = true }, r.flags)
  end)

  it("are errors when the parser is strict about them", function()
    for _, d in ipairs(DIAGNOSTICS) do
      local token, input, line, offset = d[1], d[2], d[3], d[4]
      local p = smtpreply.parser { strict = { token } }
      assert.are.same({ n = 5, nil, FLAG_MESSAGES[token], "E" .. token, line,
                        offset }, pack(p:feed(input)), token)
      -- The bad line was dropped; what follows it is read anew.
      assert.are.same({}, p:feed())
      local r = one_reply(p, "250 next\r\n")
      assert.are.equal(#input, r.offset)
      assert.are.same({}, p:finish())
    end
  end)

  it("are chosen by a list, a set, a token or true", function()
    local p = smtpreply.parser { strict = { BARE_LF = true, NO_SPACE = false } }
    assert.are.same({ NO_SPACE = true }, one_reply(p, "250ok\r\n").flags)
    check_error(p, "250 a\n", "EBARE_LF", 2, 12)
    p = smtpreply.parser { strict = "CODE_MISMATCH" }
    assert.are.same({ BARE_CODE = true, BARE_LF = true },
                    one_reply(p, "334\n").flags)
    check_error(p, "250-a\r\n251 b\r\n", "ECODE_MISMATCH", 3, 11)
    p = smtpreply.parser { strict = true }
    local r = one_reply(p, "250-mx.example.net\r\n250 DSN\r\n")
    assert.are.same({}, r.flags)
    check_error(p, "250-mx.example.net\r\n250 2.0.0 Ok\r\n",
                "EENHANCED_INCONSISTENT", 4, 53)
    -- They can change as the parser reads.
    assert.is_true(p:set_strict(false))
    assert.are.same({ BARE_LF = true }, one_reply(p, "250 a\n").flags)
    assert.is_true(p:set_strict { "BARE_LF" })
    check_error(p, "250 b\n", "EBARE_LF", 6, 74)
  end)

  it("that do not exist are refused", function()
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(smtpreply.parser { strict = { "BARE_LF", "NOPE" } }))
    local p = smtpreply.parser()
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(p:set_strict("bare_lf")))
  end)
end)

describe("the parser's limits", function()
  it("have defaults and bounds", function()
    local p = smtpreply.parser()
    assert.are.equal(512, p:limit("line_length"))
    assert.are.equal(1000, p:limit("lines"))
    assert.are.equal(65536, p:limit("reply_bytes"))
    assert.is_true(p:set_limit("line_length", 4))
    assert.are.equal(4, p:limit("line_length"))
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(p:set_limit("line_length", 3)))
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(p:set_limit("lines", 1000001)))
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(p:set_limit("reply_bytes", -1)))
    assert.are.equal(4, p:limit("line_length"))
    assert.are.equal(1000, p:limit("lines"))
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(smtpreply.parser { lines = 0 }))
    assert.is_true(p:set_limit("reply_bytes", 67108864))
    assert.are.equal(67108864, p:limit("reply_bytes"))
  end)

  it("and options are checked", function()
    assert.has_error(function() smtpreply.parser { line_lenght = 100 } end)
    assert.has_error(function() smtpreply.parser "strict" end)
    assert.has_error(function() smtpreply.parser():limit("width") end)
    assert.has_error(function() smtpreply.parser():set_limit("lines", "x") end)
    assert.has_error(function() smtpreply.parser():feed(42) end)
  end)

  it("and the strict flags stay after reset, the rest goes", function()
    local p = smtpreply.parser { line_length = 20, strict = { "NO_SPACE" } }
    assert.is_nil(p:feed("2x\r\n250-partial\r\n250 par"))
    p:reset()
    assert.are.same({}, p:finish())
    local r = one_reply(p, "250 whole\r\n")
    assert.are.same({ "whole", 0, 1 }, { r.text, r.offset, r.line })
    assert.are.equal(20, p:limit("line_length"))
    check_error(p, "250x\r\n", "ENO_SPACE", 2, 14)
  end)
end)

describe("the parser fed in chunks", function()
  -- Feed STREAM to a new parser in chunks of the sizes NEXT_SIZE gives,
  -- going on after every error, and return the list of the replies and
  -- the list of the errors.
  local function run(stream, next_size)
    local p = smtpreply.parser()
    local replies, errors = {}, {}
    local function take(got, msg, kind, line, offset)
      while not got do
        errors[#errors + 1] = { kind, msg, line, offset }
        got, msg, kind, line, offset = p:feed()
      end
      table.move(got, 1, #got, #replies + 1, replies)
    end
    local i = 1
    while i <= #stream do
      local n = next_size()
      take(p:feed(stream:sub(i, i + n - 1)))
      i = i + n
    end
    local got, msg, kind, line, offset = p:finish()
    while not got do
      errors[#errors + 1] = { kind, msg, line, offset }
      got, msg, kind, line, offset = p:finish()
    end
    table.move(got, 1, #got, #replies + 1, replies)
    return replies, errors
  end

  -- Like run, with the iterator: one list of replies and errors, in order.
  local function iterate(stream, next_size)
    local p = smtpreply.parser()
    local events = {}
    local i = 1
    while i <= #stream do
      local n = next_size()
      for r, msg, kind, line, offset in p:replies(stream:sub(i, i + n - 1)) do
        events[#events + 1] = r or { kind, msg, line, offset }
      end
      i = i + n
    end
    local got, msg, kind, line, offset = p:finish()
    events[#events + 1] = got or { kind, msg, line, offset }
    return events
  end

  local function whole()
    return 1 << 30
  end

  local function byte()
    return 1
  end

  local STREAM = "220 mx ESMTP\r\n5x0 bad\r\n250-a\r\n250-b\0c\r\n250 ok\r\n"
    .. "250-" .. ("y"):rep(600) .. "\r\n250 after\r\n"
    .. "650 x\r\n550-5.1.1 no\r\n550 5.1.1 such user\r\n250-cut"

  it("gives the same replies as fed whole", function()
    local f = assert(io.open(os.getenv("top_srcdir")
                             .. "/examples/replies.txt", "rb"))
    local stream = f:read("a")
    f:close()
    local replies, errors = run(stream, whole)
    assert.are.equal(55, #replies)
    assert.are.same({}, errors)
    assert.are.same({ 220, 1 }, { replies[1].code, replies[1].line })
    assert.are.same({ BARE_LF = true }, replies[1].flags)
    assert.are.same({ 221, "2.0.0", 104 },
                    { replies[55].code, replies[55].enhanced,
                      replies[55].line })
    local r2, e2 = run(stream, byte)
    assert.are.same(replies, r2)
    assert.are.same(errors, e2)
    math.randomseed(42)
    r2, e2 = run(stream, function() return math.random(1, 40) end)
    assert.are.same(replies, r2)
    assert.are.same(errors, e2)
  end)

  it("gives the same errors as fed whole", function()
    local replies, errors = run(STREAM, whole)
    local summary = {}
    for _, r in ipairs(replies) do
      summary[#summary + 1] = ("%d@%d:%d"):format(r.code, r.line, r.offset)
    end
    for _, e in ipairs(errors) do
      summary[#summary + 1] = ("%s@%d:%d"):format(e[1], e[3], e[4])
    end
    assert.are.same({ "220@1:0", "250@5:39", "250@7:653", "550@9:671",
                      "EBAD_CODE@2:15", "ENUL@4:35", "ELINE_TOO_LONG@6:558",
                      "EBAD_CLASS@8:664", "ETRUNCATED@11:713" }, summary)
    assert.are.equal("The input ended inside a reply", errors[5][2])
    for size = 1, 13 do
      local r2, e2 = run(STREAM, function() return size end)
      assert.are.same(replies, r2)
      assert.are.same(errors, e2)
    end
  end)

  it("keeps the order of the stream in the iterator", function()
    local events = iterate(STREAM, whole)
    local summary = {}
    for _, e in ipairs(events) do
      summary[#summary + 1] = e.code
        and ("%d@%d:%d"):format(e.code, e.line, e.offset)
        or ("%s@%d:%d"):format(e[1], e[3], e[4])
    end
    assert.are.same({ "220@1:0", "EBAD_CODE@2:15", "ENUL@4:35",
                      "250@5:39", "ELINE_TOO_LONG@6:558", "250@7:653",
                      "EBAD_CLASS@8:664", "550@9:671", "ETRUNCATED@11:713" },
                    summary)
    for size = 1, 13 do
      assert.are.same(events, iterate(STREAM, function() return size end))
    end
  end)

  it("keeps what the iterator did not reach", function()
    local p = smtpreply.parser()
    for r in p:replies("250 a\r\n5x0\r\n250 b\r\n") do
      assert.are.equal("a", r.text)
      break
    end
    assert.are.same({ n = 5, nil, "A reply code is exactly three digits",
                      "EBAD_CODE", 2, 8 }, pack(p:feed()))
    local replies = p:feed("250 c\r\n")
    assert.are.same({ "b", "c" }, { replies[1].text, replies[2].text })
  end)

  it("reads many replies of one chunk", function()
    local p = smtpreply.parser()
    local replies = p:feed(("250 ok\r\n"):rep(20000))
    assert.are.equal(20000, #replies)
    assert.are.same({ 250, 159992, 20000 },
                    { replies[20000].code, replies[20000].offset,
                      replies[20000].line })
  end)
end)
