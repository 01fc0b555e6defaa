-- memory_spec.lua -- lookups, parses and summaries grow no memory.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later

local smtpreply = require "smtpreply"

-- Return the resident set size of this process, in KiB.
local function rss()
  for line in io.lines("/proc/self/status") do
    local kb = line:match("^VmRSS:%s*(%d+)")
    if kb then
      return tonumber(kb)
    end
  end
  error("no VmRSS in /proc/self/status")
end

-- Do N rounds of lookups, parses and summaries with the parser P; every
-- tenth round also makes a parser and a summary and drops them, for the
-- collector to free.
local function work(p, n)
  for i = 1, n do
    assert(smtpreply.lookup(550).code == 550)
    assert(smtpreply.lookup_enhanced("5.1.1").detail == 1)
    assert(smtpreply.describe(421, "ru"))
    local events = p:feed("550-5.1.1 first\r\n550 5.1.1 second\r\n5x0\r\n")
    assert(events[1].text == "first\nsecond")
    assert(events[2].kind == "EBAD_CODE")
    if i % 10 == 0 then
      local q = smtpreply.Parser.new { strict = true }
      assert(q:feed("250 ok\n")[1].is_error)
      local s = smtpreply.Summary.new()
      s:add_lines("status=bounced (said: 550 5.1.1 no)\n")
      assert(smtpreply.Summary.from_json(s:to_json()):render() ~= "")
      assert(#smtpreply.annotate_lines("said: 550 5.1.1 no") == 1)
    end
  end
end

describe("memory", function()
  it("does not grow over 300,000 rounds of lookups, parses and summaries",
     function()
    local p = smtpreply.Parser.new()
    -- Warm up: the catalogs, the parser's buffers, the collector's pace.
    work(p, 30000)
    local function settled()
      collectgarbage()
      collectgarbage()
      return rss()
    end
    -- Two windows of 300,000 rounds each: a leak grows the memory in
    -- both, where the heap of the process (malloc's and Lua's own
    -- tables) may take one step of about a MiB in either, as busted's
    -- runs show now and then.  A leak of 4 bytes a round would show as
    -- 1170 KiB in each window, and each round allocates more than that
    -- (replies, errors, tables).
    local before = settled()
    work(p, 300000)
    local middle = settled()
    work(p, 300000)
    local after = settled()
    local grown = math.min(middle - before, after - middle)
    assert.is_true(grown < 1024,
                   ("RSS grew from %d KiB to %d KiB, then to %d KiB")
                     :format(before, middle, after))
  end)
end)
