#!/usr/bin/env lua5.4
-- bounce-handler.lua -- retry or bounce: what to do after each SMTP reply.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- Usage: lua5.4 bounce-handler.lua [FILE [LANG]]
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
  print(("%s %d%s: %s"):format(verdict, reply.code,
                               reply.enhanced and " " .. reply.enhanced or "",
                               smtpreply.display_safe(reply.text
                                                        :gsub("\n", " "))))
  local code = smtpreply.lookup(reply.code, lang)
    or smtpreply.class(reply.code, lang)
  print(("  %s: %s"):format(code.title, code.description))
  if reply.enhanced then
    local e = smtpreply.enhanced(reply.enhanced, lang)
    print(("  %s: %s"):format(e.title or e.code, e.description))
  end
  print("  " .. advice.text)
end

-- Report a reply that broke the rules: it was dropped.
local function report(msg, line, offset)
  bad_input = true
  io.stderr:write(("bounce-handler: %s:%d: byte %d: %s\n")
    :format(path or "-", line, offset, msg))
end

local parser = smtpreply.parser { lang = lang }
for chunk in function() return input:read(4096) end do
  for reply, msg, _, line, offset in parser:replies(chunk) do
    if reply then
      handle(reply)
    else
      report(msg, line, offset)
    end
  end
end
local rest, msg, _, line, offset = parser:finish()
if not rest then
  report(msg, line, offset)
end

print(("%d to retry, %d to bounce"):format(counts.retry, counts.bounce))
os.exit(bad_input and 1 or 0)
