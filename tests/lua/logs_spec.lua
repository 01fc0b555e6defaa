-- logs_spec.lua -- mail log records and summaries that merge.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- annotate_lines gives the records "smtpreply --json annotate" prints; a
-- summary renders as "smtpreply annotate --summary" prints it, and one
-- made in parts and merged renders exactly as one made of all the lines.

local smtpreply = require "smtpreply"
local t = require "testlib"
local json = require "dkjson"
local pack = t.pack

local LOGS = { "postfix.log", "exim.log", "sendmail.log" }

-- Return the path of example log NAME.
local function example(name)
  return t.top_srcdir .. "/examples/" .. name
end

local BOUNCED = "Nov 28 03:15:20 mx1 postfix/smtp[44884]: DD51AF25C5:"
  .. " to=<bob@example.net>, relay=mx.example.net[198.51.100.7]:25,"
  .. " delay=2.29, delays=0.26/0.04/1.27/0.72, dsn=5.1.1, status=bounced"
  .. " (host mx.example.net[198.51.100.7] said: 550 5.1.1"
  .. " <bob@example.net>: Recipient address rejected: User unknown in"
  .. " virtual mailbox table (in reply to RCPT TO command))"

describe("annotate_lines", function()
  it("reads the fields people group by", function()
    local records = smtpreply.annotate_lines({ "no reply here", BOUNCED },
                                             { file = "mail.log" })
    assert.are.equal(1, #records)
    local r = records[1]
    assert.are.same({ BOUNCED, "mail.log", 2 }, { r.input, r.file, r.line })
    assert.are.same({ 550, "5.1.1", "MAILBOX_UNAVAILABLE", 5, 5 },
                    { r.code, r.enhanced, r.name, r.class, r.category })
    assert.are.same({ "userunknown", false, "text.user-unknown", "rcpt" },
                    { r.reason, r.soft, r.rule, r.stage })
    assert.are.same({ "bounced", "postfix", "DD51AF25C5", "bob@example.net",
                      "example.net", "mx.example.net", "bounced", "en" },
                    { r.outcome, r.mta, r.queue_id, r.recipient, r.domain,
                      r.relay, r.status, r.lang })
    assert.is_true(t.is_integer(r.line))
    assert.is_true(t.is_integer(r.code))
  end)

  it("takes a string of lines or a list, numbered from first_line",
     function()
    local text = "a\r\n" .. BOUNCED .. "\r\nb\n" .. BOUNCED
    local records = smtpreply.annotate_lines(text, { first_line = 10 })
    assert.are.same({ 11, 13 }, { records[1].line, records[2].line })
    assert.are.same({ "-", BOUNCED }, { records[1].file, records[1].input })
    local from_list = smtpreply.annotate_lines({ "a\r\n", BOUNCED .. "\n",
                                                 "b", BOUNCED },
                                               { first_line = 10 })
    assert.are.same(records, from_list)
    assert.are.same({}, smtpreply.annotate_lines(""))
  end)

  it("hides the local parts and keeps the failures on request", function()
    local records = smtpreply.annotate_lines(
      "Nov 28 03:13:46 mx1 postfix/lmtp[62830]: 3A50633572:"
        .. " to=<alice@example.com>, relay=mx1.example.com[private/dovecot"
        .. "-lmtp], delay=0.56, dsn=2.0.0, status=sent (250 2.0.0 Saved)\n"
        .. BOUNCED, { redact = true })
    assert.are.equal(2, #records)
    assert.are.same({ "...@example.net", "example.net" },
                    { records[2].recipient, records[2].domain })
    assert.is_nil(records[2].input:find("bob", 1, true))
    records = smtpreply.annotate_lines({ "250 2.0.0 Ok", BOUNCED },
                                       { failures = true })
    assert.are.same({ 1, 2 }, { #records, records[1].line })
  end)

  it("gives the records the command prints", function()
    for _, name in ipairs(LOGS) do
      for _, options in ipairs { { "" }, { " --redact", redact = true },
                                 { " --failures", failures = true } } do
        local path = example(name)
        local records = smtpreply.annotate_lines(t.read_file(path), {
          file = path, redact = options.redact, failures = options.failures,
        })
        local out, status = t.run(("%s --json annotate%s %s")
          :format(t.smtpreply, options[1], t.quote(path)))
        assert.are.equal(0, status)
        local lines = t.lines(out)
        assert.are.equal(#lines, #records)
        assert.is_true(#records > 10)
        for i, line in ipairs(lines) do
          assert.are.same(json.decode(line), records[i],
                          ("%s:%d"):format(name, i))
        end
      end
    end
  end)

  it("refuses what is not lines", function()
    assert.has_error(function() smtpreply.annotate_lines(5) end)
    assert.has_error(function() smtpreply.annotate_lines({ 5 }) end)
    assert.has_error(function()
      smtpreply.annotate_lines("", { flie = "x" })
    end)
    assert.has_error(function()
      smtpreply.annotate_lines("", { file = "a\0b" })
    end)
  end)
end)

-- Return a summary of the example logs, each cut into parts at the lines
-- CUT gives, the parts added in the order ORDER gives (or in order).
local function summary_in_parts(options, cut, order)
  local parts = {}
  for _, name in ipairs(LOGS) do
    local lines = t.lines(t.read_file(example(name)))
    local first = 1
    while first <= #lines do
      local last = math.min(#lines, first + cut() - 1)
      local chunk = {}
      for i = first, last do
        chunk[#chunk + 1] = lines[i]
      end
      parts[#parts + 1] = { table.concat(chunk, "\n") .. "\n", name, first }
      first = last + 1
    end
  end
  local order_of = order or function(n) return n end
  local whole = smtpreply.Summary.new(options)
  for i = 1, #parts do
    local part = parts[order_of(i, #parts)]
    local s = smtpreply.Summary.new(options)
    assert.is_true(s:add_lines(part[1], part[2], part[3]))
    -- Through JSON, as from another machine.
    local copy = assert(smtpreply.Summary.from_json(s:to_json()))
    assert.is_true(whole:merge(copy))
    s:close()
  end
  return whole
end

-- Return a summary of the example logs, each added whole.
local function summary_whole(options)
  local s = smtpreply.Summary.new(options)
  for _, name in ipairs(LOGS) do
    assert.is_true(s:add_lines(t.read_file(example(name)), name))
  end
  return s
end

describe("a summary", function()
  it("renders as the command prints it", function()
    local paths = {}
    for i, name in ipairs(LOGS) do
      paths[i] = example(name)
    end
    -- The command's options, then annotate's, and what they mean here.
    for _, case in ipairs {
      { "", "", "text" },
      { "--lang=ru", "", "text", lang = "ru" },
      { "--json", "", "json" },
      { "--json --lang=de", "", "json", lang = "de" },
      { "--color=always", "", "color" },
      { "", "--redact", "text", redact = true },
      { "--lang=uk", "--failures", "text", lang = "uk", failures = true },
    } do
      local s = smtpreply.Summary.new { redact = case.redact,
                                        failures = case.failures }
      local quoted = {}
      for i, path in ipairs(paths) do
        assert.is_true(s:add_lines(t.read_file(path), path))
        quoted[i] = t.quote(path)
      end
      local out, status = t.run(("%s %s annotate --summary %s %s")
        :format(t.smtpreply, case[1], case[2], table.concat(quoted, " ")))
      assert.are.equal(0, status)
      assert.are.equal(out, s:render(case[3], case.lang), case[1] .. case[2])
    end
  end)

  it("renders as the library does, in every format and language",
     function()
    local s = summary_whole()
    local text = s:render()
    assert.are.equal(text, s:render("text"))
    assert.are.same({ "Deferred: 49 lines", "  By reason:" },
                    { t.lines(text)[1], t.lines(text)[2] })
    assert.are_not.equal(text, s:render("text", "ru"))
    assert.is_not_nil(s:render("text", "ru"):find("  ", 1, true))
    assert.is_not_nil(s:render("color"):find("\27[", 1, true))
    local rows = 0
    for _, line in ipairs(t.lines(s:render("json"))) do
      local row = assert(json.decode(line))
      assert.is_not_nil(row.count)
      rows = rows + 1
    end
    assert.is_true(rows > 10)
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(s:render("html")))
  end)

  it("counts the lines that hold a reply", function()
    local s = summary_whole()
    local records = 0
    for _, name in ipairs(LOGS) do
      records = records + #smtpreply.annotate_lines(t.read_file(example(name)))
    end
    assert.are.equal(records, s:lines())
    assert.are.equal(0, smtpreply.Summary.new():lines())
  end)

  it("made in parts and merged renders as the whole", function()
    for _, options in ipairs { {}, { redact = true }, { failures = true } } do
      local whole = summary_whole(options)
      local random = t.random(5)
      for _, cut in ipairs { function() return 1 end,
                             function() return 7 end,
                             function() return random(60) end } do
        local merged = summary_in_parts(options, cut)
        assert.are.equal(whole:lines(), merged:lines())
        for _, format in ipairs { "text", "json" } do
          assert.are.equal(whole:render(format), merged:render(format))
        end
        assert.are.equal(whole:render("text", "ru"),
                         merged:render("text", "ru"))
      end
      -- In reverse order: the merge is commutative, and the examples are
      -- the first lines of each file whatever order the parts came in.
      local reversed = summary_in_parts(options, function() return 13 end,
                                        function(i, n) return n + 1 - i end)
      assert.are.equal(whole:render(), reversed:render())
    end
  end)

  it("takes a list of lines as it takes a string", function()
    local a = smtpreply.Summary.new()
    local b = smtpreply.Summary.new()
    local text = t.read_file(example("exim.log"))
    a:add_lines(text, "exim.log", 1)
    b:add_lines(t.lines(text), "exim.log", 1)
    assert.are.equal(a:to_json(), b:to_json())
  end)

  it("travels as JSON", function()
    local s = summary_whole()
    local copy = assert(smtpreply.Summary.from_json(s:to_json()))
    assert.are.equal(s:to_json(), copy:to_json())
    assert.are.equal(s:render(), copy:render())
    local got = pack(smtpreply.Summary.from_json('{"not": "a summary"}'))
    assert.are.same({ 5, nil, "The text is not a summary saved by smtpreply",
                      "ESUMMARY_JSON", 1 },
                    { got.n, got[1], got[2], got[3], got[4] })
    assert.is_true(t.is_integer(got[5]))
    got = pack(smtpreply.Summary.from_json("\n\n\n"))
    assert.are.same({ nil, "ESUMMARY_JSON" }, { got[1], got[3] })
    assert.has_error(function() smtpreply.Summary.from_json(5) end)
  end)

  it("merges only with a summary of the same options", function()
    local a = smtpreply.Summary.new()
    local b = smtpreply.Summary.new { failures = true }
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(a:merge(b)))
    assert.are.same({ n = 3, nil, "Invalid argument", "EINVAL" },
                    pack(a:merge(a)))
    assert.has_error(function() a:merge("x") end)
    assert.has_error(function() smtpreply.Summary.new { colour = true } end)
  end)

  it("cannot be used once closed", function()
    local s = smtpreply.Summary.new()
    s:close()
    s:close()
    assert.has_error(function() s:add_lines("250 ok\n") end)
    assert.has_error(function() s:render() end)
    assert.has_error(function() smtpreply.Summary.new():merge(s) end)
    assert.are.equal("smtpreply.Summary (closed)", tostring(s))
  end)

  it("says when its temporary file cannot be made", function()
    -- Past 512 KiB of rows a summary spills them to a file in $TMPDIR
    -- (read by the library, so set for a Lua of its own): where none can
    -- be made, add_lines returns nil, the message and ETEMP_FILE, and the
    -- summary keeps the lines it counted before.
    local script = [[
      local smtpreply = require "smtpreply"
      local lines = {}
      for i = 0, 19999 do
        lines[#lines + 1] = ("Nov 28 03:15:21 mx1 postfix/smtp[%d]: %05X: "
          .. "to=<u@d%d.example>, relay=mx.example.net[198.51.100.7]:25, "
          .. "dsn=5.1.1, status=bounced (host mx.example.net[198.51.100.7] "
          .. "said: 550 5.1.1 User unknown (in reply to RCPT TO command))")
          :format(i, i, i)
      end
      local s = smtpreply.Summary.new()
      local ok, message, kind = s:add_lines(table.concat(lines, "\n"),
                                            "many.log")
      print(tostring(ok), message, kind, s:lines() > 1000, s:lines() < 20000)
    ]]
    local out, status = t.run("TMPDIR=/nonexistent/smtpreply-test "
                              .. t.lua .. " -e " .. t.quote(script))
    assert.are.same({ "nil\tA temporary file could not be created, written "
                      .. "or read\tETEMP_FILE\ttrue\ttrue\n", 0 },
                    { out, status })
    out, status = t.run(t.lua .. " -e " .. t.quote(script))
    assert.are.same({ "true\tnil\tnil\ttrue\tfalse\n", 0 },
                    { out, status })
  end)
end)
