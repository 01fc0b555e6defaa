-- lookup.lua -- described reply codes from Lua, as "make bench" times them.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- Usage: lua lookup.lua RUNS LANG...     (Lua 5.1 to 5.4, LuaJIT)
--
-- The Lua side of bench-lookup: every code of the table in each LANG in
-- turn, for at least 0.2 seconds (of processor time: os.clock), the best
-- of RUNS measures, in nanoseconds per call (the loop included).  It
-- times smtpreply.describe(code, lang), the call a user makes;
-- smtpreply.core.reply_describe_lang, the C function SWIG wraps, under
-- it; and smtpreply.core.reply_lookup, the plain lookup.  The first line,
-- the bytes of all the descriptions, must be bench-lookup's.

local smtpreply = require "smtpreply"
local core = smtpreply.core

local MIN_SECONDS = 0.2

if #arg < 2 then
  io.stderr:write("usage: lookup.lua RUNS LANG...\n")
  os.exit(2)
end
local runs = assert(tonumber(arg[1]), "RUNS must be a number")
local langs = {}
for i = 2, #arg do
  langs[#langs + 1] = arg[i]
end
local codes = {}
for _, entry in ipairs(smtpreply.codes()) do
  codes[#codes + 1] = entry.code
end
local calls = #codes * #langs

-- Return the best time per call, in ns, of RUNS measures of FN.
local function best_ns(fn)
  local best
  for _ = 1, runs do
    local rounds, seconds = 1, nil
    while true do
      local t0 = os.clock()
      fn(rounds)
      seconds = os.clock() - t0
      if seconds >= MIN_SECONDS then
        break
      end
      rounds = rounds * 2
    end
    local ns = seconds * 1e9 / (rounds * calls)
    if best == nil or ns < best then
      best = ns
    end
  end
  return best
end

local bytes = 0
for _, code in ipairs(codes) do
  for _, lang in ipairs(langs) do
    bytes = bytes + #smtpreply.describe(code, lang)
  end
end
print("bytes " .. bytes)

local describe = smtpreply.describe
local describe_lang = core.reply_describe_lang
local lookup = core.reply_lookup
print(("describe %.1f"):format(best_ns(function(rounds)
  for _ = 1, rounds do
    for _, code in ipairs(codes) do
      for _, lang in ipairs(langs) do
        describe(code, lang)
      end
    end
  end
end)))
print(("describe_lang %.1f"):format(best_ns(function(rounds)
  for _ = 1, rounds do
    for _, code in ipairs(codes) do
      for _, lang in ipairs(langs) do
        describe_lang(code, lang)
      end
    end
  end
end)))
print(("lookup %.1f"):format(best_ns(function(rounds)
  for _ = 1, rounds do
    for _, code in ipairs(codes) do
      for _ = 1, #langs do
        lookup(code)
      end
    end
  end
end)))
