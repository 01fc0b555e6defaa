-- socket-tp-peer.lua -- the Lua peer of "make bench": LuaSocket's socket.tp.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- Usage: lua5.4 socket-tp-peer.lua CORPUS
--
-- Read the replies of CORPUS as LuaSocket's smtp module reads a server's:
-- socket.tp's check, which reads a reply (all its lines) and returns its
-- code.  socket.tp.connect is given a connection of our own, whose
-- receive() hands out the lines of CORPUS as a TCP object's receive("*l")
-- does: without the line ending, CR dropped.  Print the number of replies
-- and the sum of their codes.

local tp = require "socket.tp"

if #arg ~= 1 then
  io.stderr:write("usage: socket-tp-peer.lua CORPUS\n")
  os.exit(2)
end
local file = assert(io.open(arg[1], "rb"))

-- The connection: what socket.tp calls on a TCP object.
local conn = {}
function conn.settimeout() return 1 end
function conn.connect() return 1 end
function conn.close() file:close() return 1 end
function conn.receive()
  local line = file:read("l")
  if line == nil then
    return nil, "closed"
  end
  if line:byte(-1) == 13 then
    line = line:sub(1, -2)
  end
  return line
end

local c = assert(tp.connect("corpus", 25, nil, function() return conn end))
local replies, sum = 0, 0
while true do
  -- "." accepts any code, as smtp.lua's "2.." accepts any success.
  local code, err = c:check(".")
  if not code then
    if err == "closed" then
      break
    end
    io.stderr:write("socket-tp-peer.lua: ", tostring(err), "\n")
    os.exit(1)
  end
  replies = replies + 1
  sum = sum + code
end
io.write(("%d %d\n"):format(replies, sum))
