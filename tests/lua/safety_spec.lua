-- safety_spec.lua -- no sequence of calls crashes the interpreter.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- Parsers and summaries own C memory: closing them twice, using them
-- closed, calling their methods on other objects, or closing a parser
-- from a finalizer while it reads must raise Lua errors, never free
-- memory twice or use it freed.  In a sanitizer build (make check with
-- --enable-sanitizers) AddressSanitizer watches every one of these.

local smtpreply = require "smtpreply"
local t = require "testlib"

describe("a parser", function()
  it("is closed once, however often it is closed", function()
    local p = assert(smtpreply.Parser.new())
    assert.are.equal("smtpreply.Parser (open)", tostring(p))
    p:close()
    p:close()
    assert.are.equal("smtpreply.Parser (closed)", tostring(p))
    for _, call in ipairs {
      function() return p:feed("250 ok\r\n") end,
      function() return p:finish() end,
      function() return p:reset() end,
      function() return p:limit("max_lines") end,
    } do
      local ok, err = pcall(call)
      assert.is_false(ok)
      assert.is_not_nil(tostring(err):find("the parser is closed", 1, true))
    end
  end)

  it("keeps its metatable to itself", function()
    local p = assert(smtpreply.Parser.new())
    assert.are.equal("smtpreply.Parser", getmetatable(p))
    assert.has_error(function() setmetatable(p, {}) end)
    -- The finalizer, reached around the guard, frees once.
    local mt = debug.getmetatable(p)
    mt.__gc(p)
    mt.__gc(p)
    assert.has_error(function() p:feed("250 ok\r\n") end)
  end)

  it("refuses to run its methods on other values", function()
    local feed = smtpreply.Parser.feed
    local close = smtpreply.Parser.close
    assert.has_error(function() feed(smtpreply.Summary.new(), "x") end)
    assert.has_error(function() feed({}, "x") end)
    assert.has_error(function() close("x") end)
    assert.has_error(function() close(io.stdout) end)
    local reply = smtpreply.Parser.new():feed("250 ok\r\n")[1]
    assert.has_error(function() feed(reply, "x") end)
    assert.has_error(function() smtpreply.Summary.render(reply) end)
  end)

  it("gives replies that outlive it", function()
    local p = assert(smtpreply.Parser.new())
    local events = p:feed("250-2.0.0 a\r\n250 2.0.0 b\r\n")
    p:close()
    p = nil
    collectgarbage()
    collectgarbage()
    local r = events[1]
    assert.are.same({ 250, "2.0.0", "a\nb" }, { r.code, r.enhanced, r.text })
    assert.are.equal("smtpreply.Reply", getmetatable(r))
    local index = debug.getmetatable(r).__index
    assert.has_error(function() index({}, "code") end)
    assert.has_error(function() index(io.stdout, "code") end)
  end)

  it("cannot be closed or fed by a finalizer while it reads", function()
    local p = assert(smtpreply.Parser.new())
    local outcomes = {}
    -- Objects whose finalizers try to close the parser: Lua 5.1 and
    -- LuaJIT run the finalizers of userdata only.
    local function finalized(fn)
      if newproxy then
        local u = newproxy(true)
        getmetatable(u).__gc = fn
        return u
      end
      return setmetatable({}, { __gc = fn })
    end
    -- The stream first, so that its making collects nothing of what
    -- follows: the finalizers run while the parser reads.
    local data = ("250 ok\r\n"):rep(200000)
    collectgarbage()
    for _ = 1, 2000 do
      finalized(function()
        local ok, err = pcall(p.close, p)
        outcomes[#outcomes + 1] = ok and "closed"
          or (tostring(err):find("the parser is busy", 1, true) and "busy"
              or tostring(err))
      end)
    end
    local ok = pcall(p.feed, p, data)
    collectgarbage()
    collectgarbage()
    -- Each finalizer ran while the parser read (busy) or not (closed):
    -- nothing else happened.
    local counts = { busy = 0, closed = 0 }
    for _, outcome in ipairs(outcomes) do
      assert.is_true(outcome == "busy" or outcome == "closed", outcome)
      counts[outcome] = counts[outcome] + 1
    end
    assert.are.equal(2000, #outcomes)
    assert.is_true(counts.busy > 0)
    -- The feed ran to its end unless a finalizer closed the parser first.
    assert.is_true(ok or outcomes[1] == "closed")
    if counts.closed > 0 then
      assert.has_error(function() p:feed("250 ok\r\n") end)
    else
      assert.are.equal(1, #p:feed("250 ok\r\n"))
    end
  end)

  it("is closed at the end of a to-be-closed variable", function()
    if _VERSION ~= "Lua 5.4" then
      return
    end
    local chunk = assert((loadstring or load)([[
      local smtpreply = ...
      local kept
      do
        local p <close> = smtpreply.Parser.new()
        kept = p
      end
      return tostring(kept)
    ]]))
    assert.are.equal("smtpreply.Parser (closed)", chunk(smtpreply))
  end)

  it("survives many parsers made and dropped", function()
    for i = 1, 2000 do
      local p = smtpreply.Parser.new { max_line_length = 100 }
      p:feed("250-" .. i .. "\r\n")
      if i % 3 == 0 then
        p:close()
      end
    end
    collectgarbage()
    collectgarbage()
  end)
end)

describe("the functions", function()
  it("raise an error for a wrong type, as the standard library does",
     function()
    for _, call in ipairs {
      function() return smtpreply.extract(5) end,
      function() return smtpreply.extract(nil) end,
      function() return smtpreply.describe({}) end,
      function() return smtpreply.describe(550, 5) end,
      function() return smtpreply.lookup_enhanced(5.11) end,
      function() return smtpreply.display_safe(5) end,
      function() return smtpreply.classify({}) end,
      function() return smtpreply.annotate_lines(nil) end,
      function() return smtpreply.translate(nil) end,
      function() return smtpreply.negotiate_language(5) end,
      function() return smtpreply.tokens("colour") end,
      function() return smtpreply.Summary.new(5) end,
      function() return smtpreply.Summary.new():add_lines(5) end,
      function() return smtpreply.Parser.new(5) end,
    } do
      assert.has_error(call)
    end
    local ok, err = pcall(smtpreply.extract, 5)
    assert.is_false(ok)
    -- The function's name in the message depends on the interpreter.
    assert.is_not_nil(err:find("bad argument #1 to '", 1, true), err)
    assert.is_not_nil(err:find("' (string expected, got number)", 1, true),
                      err)
  end)

  it("take any bytes of server text", function()
    local bytes = {}
    for i = 0, 255 do
      bytes[#bytes + 1] = string.char(i)
    end
    local all = table.concat(bytes):rep(4)
    assert.is_string(smtpreply.display_safe(all))
    assert.is_table(smtpreply.classify(all))
    assert.is_table(smtpreply.annotate_lines(all))
    local p = assert(smtpreply.Parser.new())
    assert.is_table(p:feed(all))
    assert.is_table(p:finish())
    local random = t.random(99)
    for _ = 1, 200 do
      local n = random(300)
      local s = {}
      for i = 1, n do
        s[i] = string.char(random(256) - 1)
      end
      s = table.concat(s)
      smtpreply.extract(s)
      smtpreply.classify(s)
      p:feed(s)
    end
    p:finish()
  end)
end)
