-- bounce-records.lua -- print the records of smtpreply.bounce for a
-- message or a mailbox, one JSON object per line, for
-- tests/bounces/compare.py.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- Usage: lua bounce-records.lua [--mbox] FILE
--
-- Read FILE, one message (or with --mbox a mailbox: a line starting
-- "From " after an empty line, or first, starts a message; a body line
-- ">From " loses one ">"), and print for each message what
-- smtpreply.bounce says: one object per recipient, built from the fields
-- of its tables, with the keys kind, recipient, action, status, code,
-- enhanced, remote_mta, diagnostic_type, reason, soft, feedback_type,
-- original, and message (from 1) in a mailbox, each when it has a value;
-- {"kind": "not_bounce"} for a message without recipients; {"error":
-- KIND} for a message bounce() fails on.

local smtpreply = require "smtpreply"

-- Return S as a JSON string.
local function quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' or c == "\\" then
      return "\\" .. c
    end
    return ("\\u%04x"):format(c:byte())
  end) .. '"'
end

-- Return the JSON of V: a string, a number, a boolean, or an object given
-- as a list of {key, value} pairs.
local function json(v)
  local t = type(v)
  if t == "string" then
    return quote(v)
  elseif t == "number" then
    return ("%d"):format(v)
  elseif t == "boolean" then
    return tostring(v)
  end
  local parts = {}
  for _, pair in ipairs(v) do
    parts[#parts + 1] = quote(pair[1]) .. ": " .. json(pair[2])
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

-- Return the messages of the mailbox DATA.
local function messages(data)
  local found, current = {}, nil
  local prev_blank = false
  local pos = 1
  while pos <= #data do
    local nl = data:find("\n", pos, true)
    local line = data:sub(pos, nl or #data)
    pos = (nl or #data) + 1
    if line:sub(1, 5) == "From " and (prev_blank or current == nil) then
      if current then
        found[#found + 1] = table.concat(current)
      end
      current = {}
    else
      if current == nil then
        -- Text before any "From " line: not a mailbox, one message.
        current = {}
      elseif line:match("^>+From ") then
        line = line:sub(2)
      end
      current[#current + 1] = line
    end
    prev_blank = line == "\n" or line == "\r\n"
  end
  if current then
    found[#found + 1] = table.concat(current)
  end
  return found
end

local HEADERS = { "message_id", "from", "to", "subject", "date" }

-- Print the records of the message DATA, number INDEX (0: alone).
local function records(data, index)
  local head = index > 0 and { { "message", index } } or {}
  local function record(pairs_)
    local all = {}
    for _, p in ipairs(head) do
      all[#all + 1] = p
    end
    for _, p in ipairs(pairs_) do
      all[#all + 1] = p
    end
    print(json(all))
  end
  local b, _, kind = smtpreply.bounce(data)
  if not b then
    return record({ { "error", kind } })
  end
  if #b.recipients == 0 then
    return record({ { "kind", b.kind } })
  end
  local original = {}
  for _, h in ipairs(HEADERS) do
    if b.original[h] ~= nil then
      original[#original + 1] = { h, b.original[h] }
    end
  end
  for _, r in ipairs(b.recipients) do
    local rec = { { "kind", b.kind }, { "recipient", r.address } }
    if r.action ~= "none" then
      rec[#rec + 1] = { "action", r.action }
    end
    for _, k in ipairs({ "status", "code", "enhanced", "remote_mta",
                         "diagnostic_type", "reason", "soft",
                         "feedback_type" }) do
      if r[k] ~= nil then
        rec[#rec + 1] = { k, r[k] }
      end
    end
    if #original > 0 then
      rec[#rec + 1] = { "original", original }
    end
    record(rec)
  end
end

local mbox = arg[1] == "--mbox"
local path = arg[mbox and 2 or 1]
if not path or #arg ~= (mbox and 2 or 1) then
  io.stderr:write("usage: bounce-records.lua [--mbox] FILE\n")
  os.exit(2)
end
local f = assert(io.open(path, "rb"))
local data = f:read("*a")
f:close()
if mbox then
  for i, m in ipairs(messages(data)) do
    records(m, i)
  end
else
  records(data, 0)
end
