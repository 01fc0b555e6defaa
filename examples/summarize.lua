#!/usr/bin/env lua
-- summarize.lua -- what happened to the mail, from logs read in parts.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- Usage: lua summarize.lua [-n LINES] [-l LANG] [-j] FILE...
--
-- Reads mail logs (Postfix, Exim, Sendmail) as a fleet of machines would:
-- each part of LINES lines (1000 by default) is summarised on its own and
-- sent on as JSON; the parts are then merged and the whole printed, in
-- language LANG, as "smtpreply annotate --summary" prints it (-j: as
-- "smtpreply --json annotate --summary").  However the logs are cut, the
-- output is the same, and the same as the command's.

local smtpreply = require "smtpreply"

local part_lines, lang, format = 1000, nil, "text"
local files = {}
local i = 1
while i <= #arg do
  if arg[i] == "-n" then
    part_lines = assert(tonumber(arg[i + 1]), "-n takes a number")
    i = i + 1
  elseif arg[i] == "-l" then
    lang = arg[i + 1]
    i = i + 1
  elseif arg[i] == "-j" then
    format = "json"
  else
    files[#files + 1] = arg[i]
  end
  i = i + 1
end
if #files == 0 then
  io.stderr:write("usage: summarize.lua [-n LINES] [-l LANG] [-j] FILE...\n")
  os.exit(2)
end

-- Summarise the lines LINES of FILE, the first being line FIRST, and
-- return the summary as JSON: what a machine would send.
local function summarize_part(lines, file, first)
  local s = smtpreply.Summary.new()
  assert(s:add_lines(lines, file, first))
  local text = s:to_json()
  s:close()
  return text
end

-- The parts, as JSON.
local parts = {}
for _, file in ipairs(files) do
  local lines, first, number = {}, 1, 0
  for line in io.lines(file) do
    number = number + 1
    lines[#lines + 1] = line
    if #lines == part_lines then
      parts[#parts + 1] = summarize_part(lines, file, first)
      lines, first = {}, number + 1
    end
  end
  if #lines > 0 then
    parts[#parts + 1] = summarize_part(lines, file, first)
  end
end

-- The merge, in any order: here the last part first.
local whole = smtpreply.Summary.new()
for k = #parts, 1, -1 do
  local part = assert(smtpreply.Summary.from_json(parts[k]))
  assert(whole:merge(part))
end
io.write(assert(whole:render(format, lang)))
