-- parse.lua -- smtpreply's Lua parser, as "make bench" times it.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- Usage: lua5.4 parse.lua CORPUS
--
-- Hand CORPUS to a parser's replies() in chunks of 64 KiB, as a program
-- reading a file or a socket would, and print the number of replies and
-- the sum of their codes.  Lines may be 4096 bytes long, as in
-- bench-parse.  A parse error ends the program.

local smtpreply = require "smtpreply"

if #arg ~= 1 then
  io.stderr:write("usage: parse.lua CORPUS\n")
  os.exit(2)
end
local file = assert(io.open(arg[1], "rb"))
local parser = assert(smtpreply.parser { line_length = 4096 })
local replies, sum = 0, 0
while true do
  local chunk = file:read(65536)
  if chunk == nil then
    break
  end
  for reply, msg in parser:replies(chunk) do
    if not reply then
      error(msg)
    end
    replies = replies + 1
    sum = sum + reply.code
  end
end
for _, reply in ipairs(assert(parser:finish())) do
  replies = replies + 1
  sum = sum + reply.code
end
io.write(("%d %d\n"):format(replies, sum))
