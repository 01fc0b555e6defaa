-- contract_spec.lua -- the one contract of the bindings (README.md), in Lua.
-- Copyright (C) 2026 The smtpreply authors.
-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- The names of the contract, the error vocabulary shared with C and the
-- command, the tokens built from the library's tables, and the counts of
-- the tables, which come from the library rather than from this file.

local smtpreply = require "smtpreply"
local t = require "testlib"
local json = require "dkjson"
local pack = t.pack
local core = smtpreply.core

describe("the contract", function()
  it("has every function and class of the README, by its name", function()
    for _, name in ipairs {
      "describe", "lookup", "codes", "is_preliminary", "is_success",
      "is_intermediate", "is_transient", "is_permanent", "is_failure",
      "describe_enhanced", "lookup_enhanced", "enhanced_codes",
      "parse_enhanced", "languages", "resolve_language",
      "negotiate_language", "reset_language", "extract", "advise",
      "classify", "reasons", "lookup_reason", "rules", "lookup_rule",
      "annotate_lines", "tokens", "describe_token", "strerror", "version",
      "check_version", "display_safe",
    } do
      assert.are.equal("function", type(smtpreply[name]), name)
    end
    for _, name in ipairs { "new", "feed", "finish", "reset", "close",
                            "limit" } do
      assert.are.equal("function", type(smtpreply.Parser[name]), name)
    end
    for _, name in ipairs { "new", "add_lines", "merge", "to_json",
                            "from_json", "render", "lines", "close" } do
      assert.are.equal("function", type(smtpreply.Summary[name]), name)
    end
  end)

  it("sets no global variable", function()
    local out, status = t.run(t.lua .. " -e " .. t.quote([[
      local before = {}
      for k in pairs(_G) do before[k] = true end
      require "smtpreply"
      for k in pairs(_G) do if not before[k] then print(k) end end
    ]]))
    assert.are.same({ "", 0 }, { out, status })
  end)

  it("takes the same parser options as the other languages", function()
    -- The options are the tokens of the limits, strict and lang.
    local options = { strict = true, lang = "de" }
    for i, token in ipairs(smtpreply.tokens("limit")) do
      options[token] = 1000 + i
    end
    local p = assert(smtpreply.Parser.new(options))
    for i, token in ipairs(smtpreply.tokens("limit")) do
      assert.are.equal(1000 + i, p:limit(token))
    end
  end)
end)

describe("the errors", function()
  it("have the kinds of C, as smtpreply_token_name gives them", function()
    local cases = {
      { core.EBAD_CODE, pack(smtpreply.describe(1000)) },
      { core.EBAD_CLASS, pack(smtpreply.lookup(650)) },
      { core.EBAD_CATEGORY, pack(smtpreply.is_failure("570")) },
      { core.EENHANCED_ZERO, pack(smtpreply.parse_enhanced("5.01.1")) },
      { core.EINVAL, pack(smtpreply.advise(550, nil, "helo")) },
      { core.EBAD_LANG, pack(smtpreply.resolve_language("x\0")) },
      { core.ENO_CATALOG, pack(smtpreply.check_language("xx")) },
      { core.ESUMMARY_JSON, pack(smtpreply.Summary.from_json("{}")) },
    }
    -- The values of the error tokens, as the library lists them.
    local values = {}
    for i = 0, core.token_count(core.TOKEN_ERROR) - 1 do
      local token, value = core.token_at(core.TOKEN_ERROR, i)
      values[token] = value
    end
    for _, case in ipairs(cases) do
      local rc, got = case[1], case[2]
      assert.is_nil(got[1])
      assert.are.equal(core.strerror_lang(rc, nil), got[2])
      assert.are.equal(core.token_name(core.TOKEN_ERROR, rc), got[3])
      assert.are.equal(rc, values[got[3]])
    end
  end)

  it("have the kinds the command prints in its JSON", function()
    for _, case in ipairs {
      { "5x0", pack(smtpreply.code_check("5x0")) },
      { "650", pack(smtpreply.code_check("650")) },
      { "471", pack(smtpreply.code_check(471)) },
      { "5.01.1", pack(smtpreply.parse_enhanced("5.01.1")) },
      { "5.1", pack(smtpreply.parse_enhanced("5.1")) },
      { "6.1.1", pack(smtpreply.parse_enhanced("6.1.1")) },
    } do
      local out = t.run(("%s --json explain %s 2>/dev/null")
        :format(t.smtpreply, t.quote(case[1])))
      local printed = assert(json.decode(out))
      assert.are.same({ printed.error, printed.message },
                      { case[2][3], case[2][2] }, case[1])
    end
    -- And parse errors, with their line and offset.
    local file = t.temp_file("250 ok\r\n5x0\r\n")
    local out = t.run(("%s --json parse %s 2>/dev/null")
      :format(t.smtpreply, t.quote(file)))
    os.remove(file)
    local lines = t.lines(out)
    assert.are.equal(2, #lines)
    local printed = assert(json.decode(lines[2]))
    local e = smtpreply.Parser.new():feed("250 ok\r\n5x0\r\n")[2]
    assert.are.same({ printed.error, printed.message, printed.line,
                      printed.offset },
                    { e.kind, e.message, e.line, e.offset })
  end)

  it("are nil, message and kind everywhere", function()
    for _, got in ipairs {
      pack(smtpreply.describe(999)),
      pack(smtpreply.lookup(99)),
      pack(smtpreply.class(600)),
      pack(smtpreply.code_check(-1)),
      pack(smtpreply.is_permanent(999)),
      pack(smtpreply.describe_enhanced { class = 3, subject = 1,
                                         detail = 1 }),
      pack(smtpreply.enhanced_agrees(650, "5.1.1")),
      pack(smtpreply.advise(nil, nil)),
      pack(smtpreply.classify("x", { stage = "nope" })),
      pack(smtpreply.check_catalog("../ru")),
      pack(smtpreply.Parser.new { max_lines = 0 }),
      pack(smtpreply.Parser.new():limit("width")),
      pack(smtpreply.Summary.new():render("pdf")),
      pack(smtpreply.Summary.new():merge(smtpreply.Summary.new {
        redact = true })),
      pack(core.code_check(99)),
      pack(core.token_value(core.TOKEN_ACTION, "wait")),
    } do
      assert.are.equal(3, got.n)
      assert.is_nil(got[1])
      assert.is_string(got[2])
      assert.matches("^E[A-Z_]+$", got[3])
    end
  end)

  it("have a message for every kind, in any language", function()
    for _, kind in ipairs(smtpreply.tokens("error")) do
      assert.are.equal(smtpreply.describe_token("error", kind),
                       smtpreply.strerror(kind))
      assert.is_string(smtpreply.strerror(kind, "ru"))
    end
    assert.is_nil(smtpreply.strerror("ENOT_AN_ERROR"))
  end)
end)

describe("the tokens", function()
  -- The kinds of tokens and the constants of their enumeration.
  local KINDS = {
    error = "TOKEN_ERROR", flag = "TOKEN_FLAG", stage = "TOKEN_STAGE",
    action = "TOKEN_ACTION", status = "TOKEN_STATUS", limit = "TOKEN_LIMIT",
    reason = "TOKEN_REASON", remedy = "TOKEN_REMEDY",
    severity = "TOKEN_SEVERITY", outcome = "TOKEN_OUTCOME", mta = "TOKEN_MTA",
    log_field = "TOKEN_LOG_FIELD",
  }

  it("are the library's, kind by kind", function()
    for kind, constant in pairs(KINDS) do
      local k = core[constant]
      local tokens = smtpreply.tokens(kind)
      assert.are.equal(core.token_count(k), #tokens, kind)
      assert.is_true(#tokens > 0, kind)
      for i, token in ipairs(tokens) do
        assert.are.equal(core.token_at(k, i - 1), token)
      end
    end
  end)

  it("are listed for every kind of the library", function()
    local kinds = 0
    for name, value in pairs(core) do
      local kind = type(name) == "string" and name:match("^TOKEN_(.+)$")
      if kind then
        kinds = kinds + 1
        assert.are.equal(core.token_count(value),
                         #smtpreply.tokens(kind:lower()), kind)
      end
    end
    assert.is_true(kinds >= 12)
  end)

  it("are the strings the functions return", function()
    assert.are.same({ "proceed", "continue", "retry", "give_up" },
                    smtpreply.tokens("action"))
    assert.are.equal("give_up", smtpreply.advise(550).action)
    assert.are.equal("Give up", smtpreply.describe_token("action",
                                                         "give_up"))
    assert.is_nil(smtpreply.describe_token("action", "wait"))
    local stages = {}
    for _, s in ipairs(smtpreply.tokens("stage")) do
      stages[s] = true
    end
    assert.is_true(stages.rcpt and stages.data_end and stages.any)
    assert.are.equal("data_end",
                     smtpreply.classify("550 x", { stage = "data_end" }).stage)
    local outcomes = {}
    for _, o in ipairs(smtpreply.tokens("outcome")) do
      outcomes[o] = true
    end
    assert.is_true(outcomes.bounced and outcomes.deferred)
  end)
end)

describe("the tables", function()
  it("have the library's sizes", function()
    assert.are.equal(core.reply_count(), #smtpreply.codes())
    assert.are.equal(core.enhanced_count(), #smtpreply.enhanced_codes())
    assert.are.equal(core.language_count(), #smtpreply.languages())
    assert.are.equal(core.reason_count(), #smtpreply.reasons())
    assert.are.equal(core.rule_count(), #smtpreply.rules())
    assert.are.equal(core.token_count(core.TOKEN_REASON),
                     #smtpreply.reasons())
  end)
end)

describe("the version", function()
  it("is the library's, and the rockspec's", function()
    local version = smtpreply.version()
    assert.are.equal(core.VERSION, version)
    assert.matches("^%d+%.%d+%.%d+$", version)
    local spec = t.top_srcdir .. "/smtpreply-" .. version .. "-1.rockspec"
    local text = t.read_file(spec)
    assert.is_not_nil(text:find('\nversion = "' .. version .. '-1"\n', 1,
                                true))
  end)

  it("is checked against a minimum", function()
    local major, minor = smtpreply.version():match("^(%d+)%.(%d+)")
    assert.are.equal(smtpreply.version(), smtpreply.check_version(nil))
    assert.are.equal(smtpreply.version(),
                     smtpreply.check_version(major .. "." .. minor))
    assert.is_nil(smtpreply.check_version((major + 1) .. ".0"))
    assert.is_nil(smtpreply.check_version("not a version"))
  end)
end)
