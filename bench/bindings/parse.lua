-- parse.lua -- smtpreply's Lua parser, as "make bench" times it.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- Usage: lua parse.lua CORPUS     (Lua 5.1 to 5.4, LuaJIT)
--
-- Hand CORPUS to a parser's feed in chunks of 64 KiB, as a program
-- reading a file or a socket would, and print the number of replies and
-- the sum of their codes.  Lines may be 4096 bytes long, as in
-- bench-parse.  A parse error ends the program.

local smtpreply = require "smtpreply"

if #arg ~= 1 then
  io.stderr:write("usage: parse.lua CORPUS\n")
  os.exit(2)
end
local file = assert(io.open(arg[1], "rb"))
local parser = assert(smtpreply.Parser.new { max_line_length = 4096 })
local replies, sum = 0, 0

-- Count the replies of EVENTS; stop at an error.
local function take(events)
  for i = 1, #events do
    local event = events[i]
    if event.is_error then
      error(event.message)
    end
    replies = replies + 1
    sum = sum + event.code
  end
end

while true do
  local chunk = file:read(65536)
  if chunk == nil then
    break
  end
  take(parser:feed(chunk))
end
take(parser:finish())
io.write(("%d %d\n"):format(replies, sum))
