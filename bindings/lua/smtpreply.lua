--- What SMTP server replies mean: reply codes, enhanced status codes,
-- a reply parser, advice, in any language the catalogs have.
--
--     local smtpreply = require "smtpreply"
--     print(smtpreply.describe(550))        --> The requested action was not taken: ...
--     print(smtpreply.describe(550, "ru"))  --> the same in Russian
--     local e = smtpreply.enhanced("5.1.1") --> e.title == "Bad destination mailbox address"
--     local a = smtpreply.advise(550, "5.1.1", "rcpt")  --> a.action == "give_up"
--
-- Conventions of the whole module:
--
-- * **Errors** are returned, never raised: a function that fails returns
--   `nil, message, kind`.  The message is translated (into the `lang`
--   argument when the function takes one, else into the default
--   language); the kind is the library's name for the error, stable and
--   never translated: `"EBAD_CODE"`, `"EENHANCED_ZERO"`, `"ETRUNCATED"`,
--   ... (the names of `smtpreply-errors.def` without `SMTPREPLY_`).
--   Parse errors add two values, the **line** (from 1) and the byte
--   **offset** (from 0) where the input broke a rule:
--   `nil, message, kind, line, offset`.  A code or an enhanced code given
--   as a string is one line, so its line is 1.  Wrong argument types
--   (a table where a string is expected) are programming errors and raise
--   Lua errors, as the standard library does.
-- * **Not found is not an error**: a valid code that is not in the table
--   gives a plain `nil` (no message).  Three outcomes stay distinct for a
--   code: invalid (`nil, message, kind`), valid but unknown (`nil`), and
--   known (a table).
-- * **Languages**: every `lang` argument is optional.  It is a language
--   tag or a list of them, as in the LANGUAGE variable: `"ru"`, `"pt_BR"`,
--   `"pt-BR"`, `"ru_RU.UTF-8"`, `"uk:ru"`.  Without it, the answer is in
--   the default language, which the library reads from the environment on
--   every call, as gettext does (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; the
--   C locale means English), whatever `os.setlocale` says.  Unknown
--   languages fall back to English.  All text is UTF-8.
-- * **Bytes**: server text is any Lua string (Lua strings are bytes).
--   Text the library wrote (descriptions) is UTF-8; server text in replies
--   is returned as the server sent it: use `display_safe` before showing it.
-- * **Offsets** count bytes from 0, as in the C library and the messages
--   of the `smtpreply` program: byte `offset` of `s` is
--   `s:sub(offset + 1, offset + 1)`.
-- * **Codes** are Lua integers (`550`) or strings of three digits
--   (`"550"`); enhanced codes are strings (`"5.1.1"`) or tables
--   `{class = 5, subject = 1, detail = 1}` (such as `enhanced` returns).
-- * Every answer comes from the C library (`smtpreply.core`, made by SWIG,
--   whose functions keep their C names without `smtpreply_`); this module
--   only turns them into Lua tables.
--
-- @module smtpreply
-- @license LGPL-2.1-or-later
-- @copyright 2026 The smtpreply authors

local core = require "smtpreply.core"

local M = {}

--- The low-level module made by SWIG from `smtpreply.h`
-- (`core.reply_lookup`, ...), for what this module does not cover.  Its
-- functions take and return C-shaped values; prefer the functions below.
M.core = core

-- ---------------------------------------------------------------------
-- Helpers.

-- Return nil, message, kind, ... for an error already reported by core
-- (MSG in the default language, KIND), its message put into LANG if given.
-- LINE and OFFSET come with parse errors only.
local function failure(lang, msg, kind, line, offset)
  if lang ~= nil then
    msg = core.strerror_lang(core[kind], lang)
  end
  if line == nil then
    return nil, msg, kind
  end
  return nil, msg, kind, line, offset
end

-- Return nil, message, kind for the error number RC, in LANG.
local function failure_rc(lang, rc)
  return nil, core.strerror_lang(rc, lang),
    (core.errname(rc):gsub("^SMTPREPLY_", ""))
end

-- Raise the error of argument N of function FNAME, which wanted EXPECTED
-- and got VALUE, blaming the caller LEVEL levels up (default: the caller of
-- the function that calls argerror).
local function argerror(n, fname, expected, value, level)
  error(("bad argument #%d to '%s' (%s expected, got %s)")
    :format(n, fname, expected, type(value)), level or 3)
end

-- Return CODE (an integer, or a string of three digits) as a valid reply
-- code, or nil, message, kind (and line, offset for a string).
local function code_arg(code, fname, n)
  if type(code) == "string" then
    return core.code_parse(code)
  elseif type(code) ~= "number" then
    argerror(n or 1, fname, "number or string", code, 4)
  end
  local ok, msg, kind = core.code_check(code)
  if not ok then
    return nil, msg, kind
  end
  return math.tointeger(code)
end

-- Return the enhanced code E ("5.1.1" or {class=, subject=, detail=}) in
-- core's shape {cls=, subject=, detail=}, checked; or nil, message, kind
-- (and line, offset for a string).
local function enhanced_arg(e, fname, n)
  if type(e) == "string" then
    return core.enhanced_parse(e)
  elseif type(e) ~= "table" then
    argerror(n, fname, "string or table", e, 4)
  end
  for _, field in ipairs { "class", "subject", "detail" } do
    if math.tointeger(e[field]) == nil then
      error(("bad argument #%d to '%s' (field '%s' must be an integer)")
        :format(n, fname, field), 3)
    end
  end
  local c = { cls = e.class, subject = e.subject, detail = e.detail }
  local ok, msg, kind = core.enhanced_check(c)
  if not ok then
    return nil, msg, kind
  end
  return c
end

-- Return the table of digit entry D (static, from core) in LANG.
local function digit_table(d, lang)
  if d == nil then
    return nil
  end
  return {
    digit = d.digit,
    name = d.name,
    title = core.translate(d.title, lang),
    description = core.translate(d.text, lang),
  }
end

-- Return the table of reply-code entry R in LANG.
local function reply_table(r, lang)
  return {
    code = r.code,
    name = r.name,
    title = core.translate(r.title, lang),
    description = core.translate(r.text, lang),
    status = core.code_status_name(r.status),
    reference = r.reference,
    context = r.context,
    class = core.code_class(r.code).digit,
    category = core.code_category(r.code).digit,
  }
end

-- The flag tokens and their bits, in the order of the bits.
local flag_tokens, flag_bits = {}, {}
do
  local all = core.flag_all()
  local bit = 1
  while bit <= all do
    if all & bit ~= 0 then
      local token = core.flag_name(bit)
      flag_tokens[#flag_tokens + 1] = token
      flag_bits[token] = bit
    end
    bit = bit << 1
  end
end

-- The stage numbers by name.
local stages = {}
do
  local i = 0
  while core.stage_name(i) do
    stages[core.stage_name(i)] = i
    i = i + 1
  end
end

-- ---------------------------------------------------------------------
-- Reply codes.

--- Check that `code` is a reply code: three digits, the first 1 to 5, the
-- second 0 to 5.  It need not be in the table.
-- @tparam integer|string code a reply code, `550` or `"550"`
-- @treturn[1] integer the code
-- @return[2] nil, message, kind (`"EBAD_CODE"`, `"EBAD_CLASS"`,
--   `"EBAD_CATEGORY"`); and line, offset for a string
function M.code_check(code)
  return code_arg(code, "code_check")
end

--- Read a reply code from a string, which must be exactly three digits.
-- @tparam string s the text, e.g. `"550"`
-- @treturn[1] integer the code
-- @return[2] nil, message, kind, line (1), offset: the rule broken and
--   the byte that broke it (`#s` when the string is too short)
function M.code_parse(s)
  if type(s) ~= "string" then
    argerror(1, "code_parse", "string", s)
  end
  return core.code_parse(s)
end

--- Look up a reply code.
-- @tparam integer|string code the code, `550` or `"550"`
-- @tparam[opt] string lang the language of the texts
-- @treturn[1] table `{code = 550, name = "MAILBOX_UNAVAILABLE", title =
--   "Mailbox unavailable", description = "The requested action was not
--   taken: ...", status = "standard", reference = "RFC 5321, ...",
--   context = "MAIL, RCPT, ...", class = 5, category = 5}`.  `name` is
--   stable and never translated; `status` is `"standard"`, `"deprecated"`,
--   `"experimental"` or `"registry-only"`; `context` lists the commands
--   and extensions where the code arises; `class` and `category` are its
--   first and second digits (see `class` and `category`).
-- @treturn[2] nil a valid code that is not in the table
-- @return[3] nil, message, kind for an invalid code
function M.lookup(code, lang)
  local c, msg, kind, line, offset = code_arg(code, "lookup")
  if not c then
    return failure(lang, msg, kind, line, offset)
  end
  local r = core.reply_lookup(c)
  if r == nil then
    return nil
  end
  return reply_table(r, lang)
end

--- Describe a reply code in a sentence.
-- @tparam integer|string code the code
-- @tparam[opt] string lang the language
-- @treturn[1] string the description, e.g. for 550 "The requested action
--   was not taken: the mailbox is unavailable (not found, no access, or
--   refused by local policy)"
-- @treturn[2] nil a valid code that is not in the table
-- @return[3] nil, message, kind for an invalid code
function M.describe(code, lang)
  local c, msg, kind, line, offset = code_arg(code, "describe")
  if not c then
    return failure(lang, msg, kind, line, offset)
  end
  return core.reply_describe_lang(c, lang)
end

--- Every reply code of the table, in ascending order.
-- @tparam[opt] string lang the language of the texts
-- @treturn table a list of tables as `lookup` returns
function M.replies(lang)
  local list = {}
  for i = 0, core.reply_count() - 1 do
    list[#list + 1] = reply_table(core.reply_at(i), lang)
  end
  return list
end

--- The class (first digit) of a reply code, which need not be in the table.
-- @tparam integer|string code the code
-- @tparam[opt] string lang the language
-- @treturn[1] table `{digit = 5, name = "PERMANENT_NEGATIVE", title =
--   "Permanent negative reply", description = "..."}`
-- @return[2] nil, message, kind for an invalid code
function M.class(code, lang)
  local c, msg, kind, line, offset = code_arg(code, "class")
  if not c then
    return failure(lang, msg, kind, line, offset)
  end
  return digit_table(core.code_class(c), lang)
end

--- The category (second digit) of a reply code.
-- @tparam integer|string code the code
-- @tparam[opt] string lang the language
-- @treturn[1] table `{digit = 5, name = "MAIL_SYSTEM", title = "Mail
--   system", description = "..."}`
-- @return[2] nil, message, kind for an invalid code
function M.category(code, lang)
  local c, msg, kind, line, offset = code_arg(code, "category")
  if not c then
    return failure(lang, msg, kind, line, offset)
  end
  return digit_table(core.code_category(c), lang)
end

--- The meaning of a digit as the first digit of a reply code.
-- @tparam integer digit 1 to 5
-- @tparam[opt] string lang the language
-- @treturn table|nil a table as `class` returns, or nil for another digit
function M.class_digit(digit, lang)
  return digit_table(core.class_lookup(digit), lang)
end

--- The meaning of a digit as the second digit of a reply code.
-- @tparam integer digit 0 to 5
-- @tparam[opt] string lang the language
-- @treturn table|nil a table as `category` returns, or nil
function M.category_digit(digit, lang)
  return digit_table(core.category_lookup(digit), lang)
end

--- Predicates on a reply code: the decisions a mail program makes.
-- Each returns true or false for a valid code (in the table or not), and
-- `nil, message, kind` for an invalid one, never mistaking it for false.
-- `is_preliminary` (1yz: wait for another reply), `is_success` (2yz),
-- `is_intermediate` (3yz: send more), `is_transient` (4yz: retry later),
-- `is_permanent` (5yz: do not retry as is), `is_failure` (4yz or 5yz).
-- @function is_permanent
-- @tparam integer|string code the code
-- @treturn[1] boolean
-- @return[2] nil, message, kind
for _, name in ipairs { "preliminary", "success", "intermediate",
                        "transient", "permanent", "failure" } do
  local fname = "is_" .. name
  local predicate = core["code_is_" .. name]
  M[fname] = function(code)
    local c, msg, kind, line, offset = code_arg(code, fname)
    if not c then
      return failure(nil, msg, kind, line, offset)
    end
    return predicate(c)
  end
end

-- ---------------------------------------------------------------------
-- Enhanced status codes.

--- Read an enhanced status code (RFC 3463): class 2, 4 or 5, subject and
-- detail of 1 to 3 digits without leading zeros.
-- @tparam string|table e `"5.1.1"`, or `{class = 5, subject = 1, detail = 1}`
-- @treturn[1] table `{class = 5, subject = 1, detail = 1}`
-- @return[2] nil, message, kind (`"EENHANCED_SYNTAX"`, `"EENHANCED_PARTS"`,
--   `"EENHANCED_CLASS"`, `"EENHANCED_ZERO"`, `"EENHANCED_DIGITS"`), line,
--   offset
function M.enhanced_parse(e)
  local c, msg, kind, line, offset = enhanced_arg(e, "enhanced_parse", 1)
  if not c then
    return failure(nil, msg, kind, line, offset)
  end
  return { class = c.cls, subject = c.subject, detail = c.detail }
end

--- Look up and describe an enhanced status code.
-- @tparam string|table e `"5.1.1"` or `{class = 5, subject = 1, detail = 1}`
-- @tparam[opt] string lang the language
-- @treturn[1] table `{code = "5.1.1", class = 5, subject = 1, detail = 1,
--   name = "BAD_DESTINATION_MAILBOX", title = "Bad destination mailbox
--   address", description = "...", status = "standard", reference =
--   "RFC 3463", basic_codes = "451 550"}`.  For a valid code that the
--   registry does not list, `name`, `title`, `status`, `reference` and
--   `basic_codes` are nil and `description` is that of its subject (or,
--   for an unknown subject, of its class), as RFC 3463 asks clients to
--   fall back.
-- @return[2] nil, message, kind, line, offset for an invalid code
function M.enhanced(e, lang)
  local c, msg, kind, line, offset = enhanced_arg(e, "enhanced", 1)
  if not c then
    return failure(lang, msg, kind, line, offset)
  end
  local t = {
    code = core.enhanced_format(c),
    class = c.cls,
    subject = c.subject,
    detail = c.detail,
    description = core.enhanced_describe_lang(c, lang),
  }
  local entry = core.enhanced_lookup(c.subject, c.detail)
  if entry ~= nil then
    t.name = entry.name
    t.title = core.translate(entry.title, lang)
    t.status = core.code_status_name(entry.status)
    t.reference = entry.reference
    t.basic_codes = entry.basic_codes
  end
  return t
end

--- Every detail of the registry of enhanced status codes, in ascending
-- order.  The registry lists each code once for all classes.
-- @tparam[opt] string lang the language of the texts
-- @treturn table a list of `{code = "X.1.1", subject = 1, detail = 1,
--   name = ..., title = ..., description = ..., status = ...,
--   reference = ..., basic_codes = ...}`
function M.enhanced_codes(lang)
  local list = {}
  for i = 0, core.enhanced_count() - 1 do
    local e = core.enhanced_at(i)
    list[#list + 1] = {
      code = ("X.%d.%d"):format(e.subject, e.detail),
      subject = e.subject,
      detail = e.detail,
      name = e.name,
      title = core.translate(e.title, lang),
      description = core.translate(e.text, lang),
      status = core.code_status_name(e.status),
      reference = e.reference,
      basic_codes = e.basic_codes,
    }
  end
  return list
end

--- The meaning of the class of enhanced codes.
-- @tparam integer class 2, 4 or 5
-- @tparam[opt] string lang the language
-- @treturn table|nil `{digit = 5, name = ..., title = ..., description =
--   ...}`, or nil for another class
function M.enhanced_class(class, lang)
  return digit_table(core.enhanced_class_lookup(class), lang)
end

--- The meaning of the subject of enhanced codes.
-- @tparam integer subject 0 to 7
-- @tparam[opt] string lang the language
-- @treturn table|nil as `enhanced_class`, or nil for another subject
function M.enhanced_subject(subject, lang)
  return digit_table(core.enhanced_subject_lookup(subject), lang)
end

--- Tell whether a reply code and an enhanced code agree in class: 2yz with
-- 2.X.X, 4yz with 4.X.X, 5yz with 5.X.X, and 1yz or 3yz with 2.X.X.
-- @tparam integer|string code the reply code
-- @tparam string|table e the enhanced code
-- @treturn[1] boolean
-- @return[2] nil, message, kind for an invalid code
function M.enhanced_agrees(code, e)
  local c, msg, kind, line, offset = code_arg(code, "enhanced_agrees")
  if not c then
    return failure(nil, msg, kind, line, offset)
  end
  local ec
  ec, msg, kind, line, offset = enhanced_arg(e, "enhanced_agrees", 2)
  if not ec then
    return failure(nil, msg, kind, line, offset)
  end
  return core.enhanced_agrees(c, ec)
end

-- ---------------------------------------------------------------------
-- Advice.

--- What a sending program should do with a reply.
-- @tparam integer|string|nil code the reply code; nil (or 0) when only an
--   enhanced code is known (a log's "dsn=4.7.1")
-- @tparam[opt] string|table e the enhanced code, if any
-- @tparam[opt] string stage the command the reply answers: `"greeting"`,
--   `"ehlo"`, `"mail"`, `"rcpt"`, `"data"`, `"data_end"`, `"bdat"`,
--   `"auth"`, `"starttls"`, `"quit"`, or `"any"` (the default)
-- @tparam[opt] string lang the language of the text
-- @treturn[1] table `{action = "give_up", rule = "PERMANENT", text = "Do
--   not retry as is: ..."}`.  `action` is `"proceed"`, `"continue"`,
--   `"retry"` or `"give_up"` (bounce); `rule` is a stable token naming the
--   rule applied.  When the codes disagree in class, the reply code
--   decides (RFC 5321): see `enhanced_agrees`.
-- @return[2] nil, message, kind: an invalid code, an unknown stage or
--   no code at all (`"EINVAL"`)
function M.advise(code, e, stage, lang)
  local c, ec, msg, kind, line, offset = 0, nil, nil, nil, nil, nil
  if code ~= nil and code ~= 0 then
    c, msg, kind, line, offset = code_arg(code, "advise", 1)
    if not c then
      return failure(lang, msg, kind, line, offset)
    end
  end
  if e ~= nil then
    ec, msg, kind, line, offset = enhanced_arg(e, "advise", 2)
    if not ec then
      return failure(lang, msg, kind, line, offset)
    end
  end
  local s = stages[stage or "any"]
  if s == nil then
    if type(stage) ~= "string" then
      argerror(3, "advise", "string", stage)
    end
    return failure_rc(lang, core.EINVAL)
  end
  local a
  a, msg, kind = core.advise(c, ec, s)
  if not a then
    return failure(lang, msg, kind)
  end
  return {
    action = core.action_name(a.action),
    rule = a.rule,
    text = core.translate(a.text, lang),
  }
end

-- ---------------------------------------------------------------------
-- Free text and display.

--- Find the SMTP reply in a text: a log line, a bounce's Diagnostic-Code,
-- a whole reply.  Numbers that are not replies (delays, ports, addresses,
-- dates, sizes, versions, queue ids) are not taken; of several candidates
-- the most specific wins.
-- @tparam string s the text
-- @treturn[1] table `{code = 550, code_offset = ..., enhanced = "5.1.1",
--   enhanced_offset = ..., enhanced_length = ..., text_offset = ...,
--   text = ...}`: `code` and its offset are nil when only an enhanced code
--   was found, `enhanced` and its offset and length when there is none;
--   `text` is `s` from `text_offset` on
-- @treturn[2] nil when the text holds no reply
function M.extract(s)
  if type(s) ~= "string" then
    argerror(1, "extract", "string", s)
  end
  local m = core.extract(s)
  if m.found == 0 then
    return nil
  end
  return {
    code = m.code,
    code_offset = m.code_offset,
    enhanced = m.enhanced and core.enhanced_format(m.enhanced),
    enhanced_offset = m.enhanced_offset,
    enhanced_length = m.enhanced_length,
    text_offset = m.text_offset,
    text = s:sub(m.text_offset + 1),
  }
end

--- Make server text safe to print on a terminal: UTF-8, C0 controls and
-- DEL as `\xHH`, C1 controls and the line and paragraph separators as
-- `\uHHHH`, a tab as a space; escape sequences and bidirectional,
-- zero-width and other invisible characters removed; each invalid UTF-8
-- sequence as U+FFFD.  HTML escaping is the caller's job.
-- @tparam string s any bytes
-- @treturn string the safe text
function M.display_safe(s)
  if type(s) ~= "string" then
    argerror(1, "display_safe", "string", s)
  end
  return core.display_safe(s)
end

-- ---------------------------------------------------------------------
-- Languages and messages.

--- The languages whose catalogs are installed.
-- @treturn table a sorted list of names, e.g. `{"cs", "de", ..., "ru", ...}`
function M.languages()
  local list = {}
  for i = 0, core.language_count() - 1 do
    list[#list + 1] = core.language_at(i)
  end
  return list
end

--- The catalog a language resolves to.
-- @tparam[opt] string lang a tag or list of tags; nil: the default
--   language, read from the environment
-- @treturn string `"ru"`, `"pt_BR"`, ..., or `"en"` when no tag has a
--   usable catalog
function M.language(lang)
  return core.language_resolve(lang)
end

--- Tell why a language resolves to English.
-- @tparam[opt] string lang a tag or list of tags
-- @treturn[1] boolean true if a tag has a usable catalog or means English
--   (`"en"`, `"C"`, `"POSIX"`)
-- @return[2] nil, message, kind: `"EBAD_LANG"` (a tag has characters a
--   tag cannot have) or `"ENO_CATALOG"`
function M.language_check(lang)
  return core.language_check(lang)
end

--- Load the catalog of one language (no fallback) and tell what happened.
-- @tparam string lang one tag
-- @treturn[1] boolean true if the catalog is usable
-- @return[2] nil, message, kind: `"EBAD_LANG"`, `"ENO_CATALOG"` or the
--   `"ECATALOG_..."` reason it was rejected for
function M.catalog_check(lang)
  return core.catalog_check(lang)
end

--- Translate one of the library's English strings.
-- @tparam string msgid the English string, e.g. a `name`'s description
-- @tparam[opt] string lang the language
-- @tparam[opt] string context the message context, if it has one
-- @treturn string the translation, or `msgid` itself
function M.translate(msgid, lang, context)
  if context ~= nil then
    return core.translate_context(context, msgid, lang)
  end
  return core.translate(msgid, lang)
end

--- Translate a message with a plural form, as ngettext does.
-- @tparam string msgid the singular
-- @tparam string plural the plural
-- @tparam integer n the count
-- @tparam[opt] string lang the language
-- @treturn string the form the language uses for `n`
function M.translate_plural(msgid, plural, n, lang)
  return core.translate_plural(msgid, plural, n, lang)
end

--- The message of an error kind, as the functions return it.
-- @tparam string kind `"EBAD_CODE"`, `"ETRUNCATED"`, ...; a parser flag's
--   message is that of `"E"` and its token (`"EBARE_LF"`)
-- @tparam[opt] string lang the language
-- @treturn string|nil the message, or nil for an unknown kind
function M.strerror(kind, lang)
  local rc = core[kind]
  if math.type(rc) ~= "integer" or core.errname(rc) ~= "SMTPREPLY_" .. kind then
    return nil
  end
  return core.strerror_lang(rc, lang)
end

--- The tokens of every flag the parser can set on a reply.
-- @treturn table a list: `{"CODE_MISMATCH", "BARE_CODE", "NO_SPACE",
--   "BARE_LF", ...}`
function M.flags()
  return table.move(flag_tokens, 1, #flag_tokens, 1, {})
end

--- The version of the C library, e.g. `"0.1.0"`.
-- @treturn string
function M.version()
  return core.version()
end

-- ---------------------------------------------------------------------
-- The parser.

--- An incremental parser of SMTP replies (RFC 5321 section 4.2), made by
-- `smtpreply.parser`.  It is fed bytes as they arrive, in any chunking,
-- and hands out complete replies.  Deviations from RFC 5321 are flags on
-- the reply they were seen in, or, for the flags it is strict about, and
-- for the rules that are always errors (NUL bytes, limits, ...), parse
-- errors.  After an error the parser drops the reply it was reading and
-- goes on at the next line.  The parser is freed when it is collected.
--
--     local p = smtpreply.parser()
--     for chunk in function() return f:read(4096) end do
--       local replies, msg, kind, line, offset = p:feed(chunk)
--       while not replies do          -- a parse error: report it, go on
--         io.stderr:write(("line %d, byte %d: %s\n"):format(line, offset, msg))
--         replies, msg, kind, line, offset = p:feed()
--       end
--       for _, r in ipairs(replies) do print(r.code, r.enhanced, r.text) end
--     end
--     assert(p:finish())
--
-- or, keeping the order of replies and errors, with `replies`:
--
--     for chunk in function() return f:read(4096) end do
--       for r, msg, kind, line, offset in p:replies(chunk) do
--         if r then print(r.code, r.text) else io.stderr:write(msg, "\n") end
--       end
--     end
-- @type parser
local Parser = {}
Parser.__index = Parser
Parser.__name = "smtpreply.parser"

local limits = {
  line_length = core.LIMIT_LINE_LENGTH,
  lines = core.LIMIT_LINES,
  reply_bytes = core.LIMIT_REPLY_BYTES,
}

-- Return the mask of the flags SPEC names (see parser), or nil if it
-- names one that does not exist.
local function strict_mask(spec, fname)
  if spec == true then
    return core.flag_all()
  elseif spec == false or spec == nil then
    return 0
  elseif type(spec) == "string" then
    spec = { spec }
  elseif type(spec) ~= "table" then
    argerror(1, fname, "table, string or boolean", spec, 4)
  end
  local mask = 0
  for k, v in pairs(spec) do
    local token = v
    if type(k) == "string" then
      token = v and k
    end
    if token then
      local bit = flag_bits[token]
      if bit == nil then
        return nil
      end
      mask = mask | bit
    end
  end
  return mask
end

--- Make a parser.
-- @function smtpreply.parser
-- @tparam[opt] table options
--   `line_length` (bytes per line, with the code and line ending; default
--   512, at most 1 MiB), `lines` (lines per reply; default 1000),
--   `reply_bytes` (bytes per reply; default 64 KiB): the limits beyond
--   which a reply is an error.
--   `strict`: the flags that are errors: a list of tokens
--   (`{"BARE_LF", "NO_SPACE"}`), a set (`{BARE_LF = true}`), or `true` for
--   all of them (see `smtpreply.flags`).
--   `lang`: the language of the parse errors' messages.
-- @treturn[1] parser
-- @return[2] nil, message, kind: a limit out of range or an unknown flag
--   (`"EINVAL"`)
function M.parser(options)
  options = options or {}
  if type(options) ~= "table" then
    argerror(1, "parser", "table", options)
  end
  for key in pairs(options) do
    if limits[key] == nil and key ~= "strict" and key ~= "lang" then
      error(("bad argument #1 to 'parser' (unknown option '%s')")
        :format(tostring(key)), 2)
    end
  end
  local lang = options.lang
  local p, msg, kind = core.parser_new()
  if not p then
    return failure(lang, msg, kind)
  end
  local self = setmetatable({ p = p, buf = "", pos = 1, queue = {},
                              qhead = 1, lang = lang }, Parser)
  for name in pairs(limits) do
    if options[name] ~= nil then
      local ok
      ok, msg, kind = self:set_limit(name, options[name])
      if not ok then
        return nil, msg, kind
      end
    end
  end
  if options.strict ~= nil then
    local ok
    ok, msg, kind = self:set_strict(options.strict)
    if not ok then
      return nil, msg, kind
    end
  end
  return self
end

-- The parser's state, besides the C parser P: the bytes held, BUF from
-- position POS on, and the queue of what was read from them and not yet
-- handed out, QUEUE from QHEAD on: replies, and errors (tables marked
-- with ERROR).
local ERROR = {}

-- Append the string CHUNK (or nothing) to the bytes SELF holds.
local function hold(self, chunk, fname)
  if chunk == nil then
    return
  elseif type(chunk) ~= "string" then
    argerror(1, fname, "string", chunk)
  end
  if #chunk == 0 then
    return
  elseif self.pos > #self.buf then
    self.buf, self.pos = chunk, 1
  else
    self.buf, self.pos = self.buf:sub(self.pos) .. chunk, 1
  end
end

-- Return the next reply or error SELF has read (an error is a table
-- {[ERROR] = true, message, kind, line, offset}), reading the bytes held
-- up to the next error if need be; or nil when all are read and handed
-- out.
local function next_event(self)
  if self.qhead > #self.queue then
    if self.pos > #self.buf then
      return nil
    end
    local queue = {}
    local pos, msg, kind, line, offset =
      core.parser_read(self.p, self.buf, self.pos, queue, self.lang)
    if msg ~= nil then
      queue[#queue + 1] = { [ERROR] = true, msg, kind, line, offset }
      self.pos = pos
    else
      self.buf, self.pos = "", 1
    end
    self.queue, self.qhead = queue, 1
  end
  local event = self.queue[self.qhead]
  self.queue[self.qhead] = nil
  self.qhead = self.qhead + 1
  return event
end

--- Feed bytes to the parser.
-- @tparam[opt] string chunk the next bytes of the stream, any number
-- @treturn[1] table the list of the replies completed, perhaps empty.
--   Each is `{code = 550, enhanced = "5.1.1", lines = {...}, text = ...,
--   flags = {BARE_LF = true}, offset = 0, line = 1}`: `enhanced` is that of
--   its first line, or nil; `lines` the text of each line as sent after
--   the code and separator, without the line ending; `text` the lines
--   without their enhanced codes, joined by "\n"; `flags` the set of the
--   tokens of the deviations seen; `offset` and `line` where it started
--   in the stream.
-- @return[2] nil, message, kind, line, offset: the input broke a rule at
--   that line and byte.  The parser dropped the reply it was reading and
--   goes on at the next line: the replies completed before the error and
--   the bytes after it stay in the parser, and the next call of `feed`,
--   with the next chunk or none, hands them out.  (So an error is
--   reported before the replies that came before it in the same chunk;
--   `replies` keeps the order of the stream.)
function Parser:feed(chunk)
  hold(self, chunk, "feed")
  local replies = {}
  while true do
    local event = next_event(self)
    if event == nil then
      return replies
    elseif event[ERROR] then
      -- The replies go back before what is left of the queue.
      local queue = replies
      for i = self.qhead, #self.queue do
        queue[#queue + 1] = self.queue[i]
      end
      self.queue, self.qhead = queue, 1
      return nil, event[1], event[2], event[3], event[4]
    end
    replies[#replies + 1] = event
  end
end

--- Iterate over the replies and errors of the bytes fed, in the order of
-- the stream.
--
--     for reply, msg, kind, line, offset in p:replies(chunk) do
--       if reply then
--         print(reply.code, reply.text)
--       else
--         print(("line %d, byte %d: %s"):format(line, offset, msg))
--       end
--     end
-- @tparam[opt] string chunk the next bytes of the stream
-- @return an iterator giving each reply (a table, as `feed` gives them),
--   or for each parse error `false, message, kind, line, offset`
function Parser:replies(chunk)
  hold(self, chunk, "replies")
  return function()
    local event = next_event(self)
    if event ~= nil and event[ERROR] then
      return false, event[1], event[2], event[3], event[4]
    end
    return event
  end
end

--- Tell the parser the stream ended.  It first hands out what it holds,
-- as `feed` does; then it reads a new stream.
-- @treturn[1] table the replies still to hand out, usually none
-- @return[2] nil, message, kind, line, offset: a parse error in the bytes
--   still held (call `finish` again to go on), or `"ETRUNCATED"` if the
--   stream ended inside a reply
function Parser:finish()
  local replies, msg, kind, line, offset = self:feed()
  if not replies then
    return nil, msg, kind, line, offset
  end
  local ok
  ok, msg, kind, line, offset = core.parser_finish(self.p)
  if not ok then
    -- The replies come out of the next call.
    self.queue, self.qhead = replies, 1
    return failure(self.lang, msg, kind, line, offset)
  end
  return replies
end

--- Forget any partial reply, held bytes and the stream position, keeping
-- the limits and strict flags, to read a new stream.
function Parser:reset()
  core.parser_reset(self.p)
  self.buf, self.pos, self.queue, self.qhead = "", 1, {}, 1
end

--- A limit of the parser.
-- @tparam string name `"line_length"`, `"lines"` or `"reply_bytes"`
-- @treturn integer the limit
function Parser:limit(name)
  local which = limits[name]
  if which == nil then
    argerror(1, "limit", "limit name", name)
  end
  return core.parser_get_limit(self.p, which)
end

--- Set a limit of the parser (see `smtpreply.parser`).
-- @tparam string name `"line_length"`, `"lines"` or `"reply_bytes"`
-- @tparam integer value the limit
-- @treturn[1] boolean true
-- @return[2] nil, message, `"EINVAL"` for a value out of range
function Parser:set_limit(name, value)
  local which = limits[name]
  if which == nil then
    argerror(1, "set_limit", "limit name", name)
  end
  if math.tointeger(value) == nil then
    argerror(2, "set_limit", "integer", value)
  end
  local ok, msg, kind = core.parser_set_limit(self.p, which, value)
  if not ok then
    return failure(self.lang, msg, kind)
  end
  return true
end

--- Choose the flags that are errors (see `smtpreply.parser`).
-- @tparam table|string|boolean flags a list or set of tokens, one token,
--   true (all) or false (none)
-- @treturn[1] boolean true
-- @return[2] nil, message, `"EINVAL"` for an unknown token
function Parser:set_strict(flags)
  local mask = strict_mask(flags, "set_strict")
  if mask == nil then
    return failure_rc(self.lang, core.EINVAL)
  end
  local ok, msg, kind = core.parser_set_strict(self.p, mask)
  if not ok then
    return failure(self.lang, msg, kind)
  end
  return true
end

return M
