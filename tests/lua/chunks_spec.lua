-- chunks_spec.lua -- the same events for any chunking, as the C parser
-- finds them.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- Streams are made of random good replies and random errors; each is fed
-- to the Lua parser whole, byte by byte and in random chunks, and the
-- events must be those "smtpreply --json parse" (the C parser, read by
-- the command) prints for the same file: every reply with its code,
-- enhanced code, lines, flags and line number, every error with its kind,
-- line and offset, in the order of the stream.

local smtpreply = require "smtpreply"
local t = require "testlib"
local json = require "dkjson"

-- Pieces of a stream: replies that parse, and text that breaks a rule,
-- some of it inside a reply (which it then drops).
local GOOD = {
  "220 mx.example.net ESMTP\r\n",
  "250-mx.example.net\r\n250-SIZE 1000\r\n250 8BITMIME\r\n",
  "550 5.1.1 <bob@example.net>: no such user\r\n",
  "550-5.7.1 first\r\n550 5.7.1 second\r\n",
  "334\r\n",
  "250 bare line feed\n",
  "421 4.7.0 Try again later\r\n",
  "250 Gr\195\188\195\159e\r\n",
  "250 a\27[31mred\r\n",
  "354 End data with <CR><LF>.<CR><LF>\r\n",
  "250-a\r\n550 b\r\n",
  "452 4.2.2 full\r\n",
}
local BAD = {
  "5x0 bad code\r\n",
  "650 bad class\r\n",
  "260 bad category\r\n",
  "250 a\0b\r\n",
  "\r\n",
  "25\r\n",
  "250-" .. ("y"):rep(600) .. "\r\n",
  "250-cut\r\n6",
  " 250 leading space\r\n",
}

-- Return a stream of N pieces chosen by RANDOM, about one in four bad,
-- ending inside a reply when CUT.
local function make_stream(random, n, cut)
  local pieces = {}
  for i = 1, n do
    if random(4) == 1 then
      pieces[i] = BAD[random(#BAD)]
    else
      pieces[i] = GOOD[random(#GOOD)]
    end
  end
  if cut then
    pieces[#pieces + 1] = "250-not finished\r\n250 no"
  end
  return table.concat(pieces)
end

-- Return a set of the tokens of the list FLAGS.
local function set(flags)
  local s = {}
  for _, flag in ipairs(flags) do
    s[flag] = true
  end
  return s
end

-- Return the events of the C parser for STREAM: what the command prints.
local function c_events(stream)
  local file = t.temp_file(stream)
  local out, status = t.run(("%s --json parse %s 2>/dev/null")
    :format(t.smtpreply, t.quote(file)))
  os.remove(file)
  assert.is_true(status == 0 or status == 1, "smtpreply parse failed")
  local events = {}
  for _, line in ipairs(t.lines(out)) do
    local o = assert(json.decode(line))
    if o.error then
      events[#events + 1] = { kind = o.error, line = o.line,
                              offset = o.offset }
    else
      events[#events + 1] = { code = o.code, enhanced = o.enhanced,
                              lines = o.lines, flags = set(o.flags),
                              line = o.line }
    end
  end
  return events
end

-- Return the events of the Lua parser fed STREAM in chunks of the sizes
-- NEXT_SIZE gives, in the shape of c_events.
local function lua_events(stream, next_size)
  local p = assert(smtpreply.Parser.new())
  local events = {}
  local function take(list)
    for _, e in ipairs(list) do
      if e.is_error then
        events[#events + 1] = { kind = e.kind, line = e.line,
                                offset = e.offset }
      else
        events[#events + 1] = { code = e.code, enhanced = e.enhanced,
                                lines = e.lines, flags = e.flags,
                                line = e.line }
      end
    end
  end
  local i = 1
  while i <= #stream do
    local n = next_size()
    take(p:feed(stream:sub(i, i + n - 1)))
    i = i + n
  end
  take(p:finish())
  p:close()
  return events
end

local function whole()
  return 2 ^ 30
end

local function byte()
  return 1
end

-- The streams, and the events the C parser finds in each.
local STREAMS = {}
do
  local random = t.random(20261203)
  for round = 1, 25 do
    STREAMS[round] = make_stream(random, 5 + random(40), round % 3 == 0)
  end
end
local C_EVENTS = {}

describe("the parser fed in chunks", function()
  it("gives the events of the C parser, whatever the chunks", function()
    local random = t.random(7)
    for round, stream in ipairs(STREAMS) do
      C_EVENTS[round] = c_events(stream)
      local expected = C_EVENTS[round]
      assert.is_true(#expected > 0)
      assert.are.same(expected, lua_events(stream, whole), "round " .. round)
      assert.are.same(expected, lua_events(stream, byte), "round " .. round)
      local max = random(64)
      assert.are.same(expected,
                      lua_events(stream, function() return random(max) end),
                      "round " .. round)
    end
  end)

  it("has errors of every kind among the events of these streams",
     function()
    -- The property above would hold vacuously for streams without errors.
    local kinds = {}
    for round, stream in ipairs(STREAMS) do
      for _, e in ipairs(C_EVENTS[round] or c_events(stream)) do
        if e.kind then
          kinds[e.kind] = true
        end
      end
    end
    for _, kind in ipairs { "EBAD_CODE", "EBAD_CLASS", "EBAD_CATEGORY",
                            "ENUL", "ELINE_TOO_LONG", "ETRUNCATED" } do
      assert.is_true(kinds[kind], kind)
    end
  end)

  it("reads the example session as the C parser does", function()
    local stream = t.read_file(t.top_srcdir .. "/examples/replies.txt")
    local expected = c_events(stream)
    assert.are.equal(55, #expected)
    local random = t.random(42)
    assert.are.same(expected, lua_events(stream, whole))
    assert.are.same(expected, lua_events(stream, byte))
    assert.are.same(expected,
                    lua_events(stream, function() return random(40) end))
  end)

  it("spends linear time on errors", function()
    -- 100,000 bad lines in one buffer: a sanity bound, not a benchmark
    -- (a parser that copied the rest of the buffer after each error took
    -- seconds on a tenth of this).
    local p = assert(smtpreply.Parser.new())
    local stream = ("5x0 bad\r\n"):rep(100000) .. "250 ok\r\n"
    local start = os.clock()
    local events = p:feed(stream)
    local seconds = os.clock() - start
    assert.are.equal(100001, #events)
    assert.are.same({ true, "EBAD_CODE", 100000, 899992 },
                    { events[100000].is_error, events[100000].kind,
                      events[100000].line, events[100000].offset })
    assert.are.same({ 250, 100001 }, { events[100001].code,
                                       events[100001].line })
    assert.is_true(seconds < 1, ("%.2f s"):format(seconds))
  end)
end)
