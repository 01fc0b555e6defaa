-- example_spec.lua -- the Lua examples: bounce-handler.lua on
-- examples/replies.txt, summarize.lua on the example logs.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later

local smtpreply = require "smtpreply"
local t = require "testlib"

local script = t.top_srcdir .. "/examples/bounce-handler.lua"
local replies = t.top_srcdir .. "/examples/replies.txt"

-- Run the example SCRIPT with the shell arguments ARGS and the shell
-- command INPUT (or nothing) piped into it; return its standard output,
-- its standard error and its exit status.
local function run_script(script_path, args, input)
  local err = os.tmpname()
  local cmd = ("%s%s %s %s 2>%s"):format(input and input .. " | " or "",
                                         t.lua, script_path, args, err)
  local out, status = t.run(cmd)
  local errors = t.read_file(err)
  os.remove(err)
  return out, errors, status
end

local function run(args, input)
  return run_script(script, args, input)
end

local lines = t.lines

-- Return the index of LINE in the list LIST, or nil.
local function find(list, line)
  for i, l in ipairs(list) do
    if l == line then
      return i
    end
  end
end

describe("the bounce handler", function()
  it("decides on each failure of examples/replies.txt", function()
    local out, errors, status = run("'" .. replies .. "'")
    assert.are.equal(0, status)
    assert.are.equal("", errors)
    local got = lines(out)
    assert.are.equal("6 to retry, 11 to bounce", got[#got])
    local i = find(got, "bounce 550 5.1.1: The email account that you tried to"
                   .. " reach does not exist. Please try double-checking the"
                   .. " recipient's email address for typos or unnecessary"
                   .. " spaces. For more information, go to "
                   .. " https://support.google.com/mail/?p=NoSuchUser"
                   .. " 5b1f17b1804b1-42d9a8c3e4fsi1234567a.210 - gsmtp")
    assert.is_not_nil(i)
    assert.are.same({
      "  Mailbox unavailable: The requested action was not taken: the"
        .. " mailbox is unavailable (not found, no access, or refused by"
        .. " local policy)",
      "  Bad destination mailbox address: The recipient mailbox, the part of"
        .. " the address before the @, does not exist at the destination"
        .. " system",
      "  Do not retry as is: return the message to its sender, or fix the"
        .. " cause before sending again",
    }, { got[i + 1], got[i + 2], got[i + 3] })
    i = find(got, "retry 451 4.7.1: Please try again later")
    assert.is_not_nil(i)
    assert.are.equal("  Keep the message and try again later", got[i + 3])
    i = find(got, "retry 421 4.7.0: mail.example.org Too many errors from"
                  .. " 192.0.2.30, closing connection")
    assert.is_not_nil(i)
    assert.are.equal("  The server is closing the connection; connect again"
                     .. " later and retry", got[i + 3])
    -- Successes are no news.
    assert.is_nil(out:find("250 ", 1, true))
  end)

  it("explains in the language it is given", function()
    local out, errors, status = run("'" .. replies .. "' ru")
    assert.are.equal(0, status)
    assert.are.equal("", errors)
    local got = lines(out)
    local i = find(got, "bounce 553 5.1.3: <frank@@example.org>: Recipient"
                   .. " address rejected: Bad recipient address syntax")
    assert.is_not_nil(i)
    assert.are.equal("  Не повторяйте попытку без изменений: верните"
                     .. " сообщение отправителю или устраните причину, прежде"
                     .. " чем отправлять снова", got[i + 3])
    assert.are.equal("6 to retry, 11 to bounce", got[#got])
  end)

  it("reads standard input and reports what it cannot read", function()
    local out, errors, status =
      run("", "printf '250 ok\\r\\n5x0\\r\\n451 4.7.1 try later\\r\\n550 5.1'")
    assert.are.equal(1, status)
    assert.are.equal("bounce-handler: -:2: byte 9: A reply code is exactly"
                     .. " three digits\n"
                     .. "bounce-handler: -:4: byte 41: The input ended inside"
                     .. " a reply\n", errors)
    assert.are.same({ "retry 451 4.7.1: try later",
                      "  Local error in processing: The requested action was"
                        .. " aborted: a local error occurred while processing"
                        .. " the command",
                      "  Delivery not authorized, message refused: The sender"
                        .. " may not send to this destination, because of"
                        .. " filtering by host or by recipient or because of"
                        .. " another local policy",
                      "  Keep the message and try again later",
                      "1 to retry, 0 to bounce" }, lines(out))
  end)
end)

describe("the summarizer", function()
  local summarize = t.top_srcdir .. "/examples/summarize.lua"
  local logs = {}
  for _, name in ipairs { "postfix.log", "exim.log", "sendmail.log" } do
    logs[#logs + 1] = t.quote(t.top_srcdir .. "/examples/" .. name)
  end
  logs = table.concat(logs, " ")

  it("prints the same summary however the logs are cut", function()
    local out, errors, status = run_script(summarize, logs)
    assert.are.same({ "", 0 }, { errors, status })
    assert.are.same({ "Deferred: 49 lines", "  By reason:" },
                    { lines(out)[1], lines(out)[2] })
    for _, n in ipairs { 1, 7, 100 } do
      local cut = run_script(summarize, "-n " .. n .. " " .. logs)
      assert.are.equal(out, cut, n)
    end
    -- That of one summary of every line, as the library renders it and
    -- the command prints it.
    local s = smtpreply.Summary.new()
    for name in logs:gmatch("'([^']*)'") do
      s:add_lines(t.read_file(name), name)
    end
    assert.are.equal(s:render(), out)
    assert.are.equal(t.run(t.smtpreply .. " annotate --summary " .. logs),
                     out)
  end)

  it("prints it in a language, or as JSON", function()
    local out = run_script(summarize, "-l ru " .. logs)
    local en = run_script(summarize, logs)
    assert.are_not.equal(en, out)
    assert.are.equal(#lines(en), #lines(out))
    local json = run_script(summarize, "-j -n 5 " .. logs)
    assert.are.equal(run_script(summarize, "-j " .. logs), json)
    assert.are.equal("{", json:sub(1, 1))
  end)
end)
