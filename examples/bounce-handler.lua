#!/usr/bin/env lua
-- bounce-handler.lua -- retry or bounce: what to do after each SMTP reply.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- Usage: lua bounce-handler.lua [FILE [LANG]]   (Lua 5.1 to 5.4, LuaJIT)
--
-- Reads the replies of SMTP sessions from FILE (or standard input), as a
-- mail client receives them, and for each failure says whether to keep the
-- message and retry or to bounce it to its sender, with the explanation in
-- language LANG (by default, the environment's).  Ends with a count of
-- each.  Exits 1 if the input had replies it could not read.

local smtpreply = require "smtpreply"

local path, lang = arg[1], arg[2]
local input = io.stdin
if path ~= nil and path ~= "-" then
  input = assert(io.open(path, "rb"))
end

local counts = { retry = 0, bounce = 0 }
local bad_input = false

-- Say what to do after REPLY, if it is a failure.
local function handle(reply)
  if not smtpreply.is_failure(reply.code) then
    return
  end
  local advice = assert(smtpreply.advise(reply.code, reply.enhanced, nil,
                                         lang))
  local verdict = advice.action == "retry" and "retry" or "bounce"
  counts[verdict] = counts[verdict] + 1
  -- Server text may hold anything: make it safe to print.
  local text = reply.text:gsub("\n", " ")
  print(("%s %d%s: %s"):format(verdict, reply.code,
                               reply.enhanced and " " .. reply.enhanced or "",
                               smtpreply.display_safe(text)))
  local code = smtpreply.lookup(reply.code, lang)
    or smtpreply.class(reply.code, lang)
  print(("  %s: %s"):format(code.title, code.description))
  if reply.enhanced then
    local entry = smtpreply.lookup_enhanced(reply.enhanced, lang)
    print(("  %s: %s"):format(entry and entry.title or reply.enhanced,
                              smtpreply.describe_enhanced(reply.enhanced,
                                                          lang)))
  end
  print("  " .. advice.text)
end

-- Report a reply that broke the rules: the parser dropped it.
local function report(e)
  bad_input = true
  io.stderr:write(("bounce-handler: %s:%d: byte %d: %s\n")
    :format(path or "-", e.line, e.offset, e.message))
end

-- Handle the events of the stream in their order: replies and errors.
local function take(events)
  for _, event in ipairs(events) do
    if event.is_error then
      report(event)
    else
      handle(event)
    end
  end
end

local parser = assert(smtpreply.Parser.new { lang = lang })
for chunk in function() return input:read(4096) end do
  take(parser:feed(chunk))
end
take(parser:finish())

print(("%d to retry, %d to bounce"):format(counts.retry, counts.bounce))
os.exit(bad_input and 1 or 0)
