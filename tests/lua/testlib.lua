-- testlib.lua -- what the Lua specs share, on Lua 5.1 to 5.4 and LuaJIT.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- tests/lua/busted.sh puts this folder on the search path:
-- local t = require "testlib".

local t = {}

t.top_srcdir = assert(os.getenv("top_srcdir"), "top_srcdir is not set")
t.top_builddir = assert(os.getenv("top_builddir"), "top_builddir is not set")
t.lua = assert(os.getenv("LUA"), "LUA is not set")

--- Every value a call returns, with their count in n (table.pack).
function t.pack(...)
  return { n = select("#", ...), ... }
end

--- Whether V is an integer: a Lua integer where Lua has them (5.3 and
-- later), else a number without a fraction.
function t.is_integer(v)
  if math.type then
    return math.type(v) == "integer"
  end
  return type(v) == "number" and v == math.floor(v)
end

--- The whole content of the file PATH.
function t.read_file(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

--- Write S to a new temporary file and return its name.
function t.temp_file(s)
  local name = os.tmpname()
  local f = assert(io.open(name, "wb"))
  f:write(s)
  f:close()
  return name
end

--- Run the shell command CMD; return its standard output and its exit
-- status (the status from the shell, as io.popen's close gives it only
-- from Lua 5.2 on).
function t.run(cmd)
  local f = assert(io.popen(cmd .. "; echo \"status=$?\"", "r"))
  local out = f:read("*a")
  f:close()
  local body, status = out:match("^(.*)status=(%d+)\n$")
  return body, tonumber(status)
end

--- Quote S for the shell.
function t.quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

--- The smtpreply command of the build tree.
t.smtpreply = t.top_builddir .. "/cli/smtpreply"

--- The lines of S, without their LF, in a list.
function t.lines(s)
  local list = {}
  for line in s:gmatch("([^\n]*)\n") do
    list[#list + 1] = line
  end
  return list
end

--- A generator of pseudo-random integers of its own, the same on every
-- interpreter (math.random differs between them): seeded by SEED,
-- next(n) gives 1..n.
function t.random(seed)
  local state = seed % 2147483647
  if state <= 0 then
    state = state + 2147483646
  end
  return function(n)
    state = (state * 48271) % 2147483647
    return state % n + 1
  end
end

return t
