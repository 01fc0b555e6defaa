--- What SMTP server replies mean: reply codes, enhanced status codes, a
-- reply parser, advice, the reasons of failures, mail logs and their
-- summaries, in any language the catalogs have.
--
--     local smtpreply = require "smtpreply"
--     print(smtpreply.describe(550))        --> The requested action was not taken: ...
--     print(smtpreply.describe(550, "ru"))  --> the same in Russian
--     print(smtpreply.lookup_enhanced("5.1.1").title)   --> Bad destination mailbox address
--     print(smtpreply.advise(550, "5.1.1", "rcpt").action)  --> give_up
--     for _, event in ipairs(smtpreply.Parser.new():feed("250 2.1.5 Ok\r\n")) do
--       print(event.code, event.enhanced, event.text)    --> 250  2.1.5  Ok
--     end
--
-- It runs on Lua 5.1, 5.2, 5.3, 5.4 and LuaJIT.  The module follows the
-- one contract of smtpreply's bindings (README.md, "One contract"): the
-- same functions, options, error kinds and parser behaviour as in Python
-- and Perl, each answer coming from the C library.
--
-- Conventions of the whole module:
--
-- * **Errors** are returned, never raised: a function that fails returns
--   `nil, message, kind`.  The message is translated (into the `lang`
--   argument when the function takes one, else into the default
--   language); the kind is the error's token, stable and never translated:
--   `"EBAD_CODE"`, `"EENHANCED_ZERO"`, `"ETRUNCATED"`, `"EBAD_LANG"`, ...
--   (`smtpreply.tokens("error")`), the same as in C, in the command's
--   JSON and in the other languages.  Reading a code or an enhanced code
--   from a string adds two values, the **line** (1) and the byte
--   **offset** (from 0) where the text broke a rule:
--   `nil, message, kind, line, offset`.  Misuse raises a Lua error, as
--   the standard library does: a wrong type (`extract(5)`), an unknown
--   option, a closed parser or summary.
-- * **Not found is not an error**: a valid code that is not in the table
--   gives a plain `nil` (no message).  Three outcomes stay distinct for a
--   code: invalid (`nil, message, kind`), valid but unknown (`nil`), and
--   known (a table).
-- * **Languages**: every `lang` argument is optional.  It is a language
--   tag or a list of them, as in the LANGUAGE variable: `"ru"`, `"pt_BR"`,
--   `"pt-BR"`, `"ru_RU.UTF-8"`, `"uk:ru"`.  Without it, the answer is in
--   the default language, which the library reads from the environment
--   once, as gettext does (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; the C
--   locale means English), whatever `os.setlocale` says;
--   `reset_language` reads it again.  Unknown languages fall back to
--   English; a tag holding a NUL byte is the error `"EBAD_LANG"`, never
--   cut short.  All text is UTF-8.
-- * **Bytes**: server text is any Lua string (Lua strings are bytes).
--   Text the library wrote is UTF-8; server text in replies is returned as
--   the server sent it: use `display_safe` before showing it.
-- * **Offsets** count bytes from 0, as in the C library and the messages
--   of the `smtpreply` program: byte `offset` of `s` is
--   `s:sub(offset + 1, offset + 1)`.
-- * **Codes** are integers (`550`) or strings of three digits (`"550"`);
--   enhanced codes are strings (`"5.1.1"`) or tables
--   `{class = 5, subject = 1, detail = 1}` (as `parse_enhanced` returns).
-- * **Tokens** (stages, actions, reasons, flags, ...) are strings, the
--   library's: `"rcpt"`, `"give_up"`, `"mailboxfull"`, `"BARE_LF"`.
--
-- @module smtpreply
-- @license LGPL-2.1-or-later
-- @copyright 2026 The smtpreply authors

local core = require "smtpreply.core"
local api = core.api

local M = {}

--- The low-level module made by SWIG from `smtpreply.h`: the functions
-- that take and return plain values, under their C names without
-- `smtpreply_` (`core.reply_lookup`, `core.token_at`), and the constants
-- (`core.EBAD_CODE`, `core.STAGE_RCPT`).  Prefer the functions below.
M.core = core

-- ---------------------------------------------------------------------
-- Reply codes.

--- Describe a reply code in a sentence.
-- @function describe
-- @tparam integer|string code the code, `550` or `"550"`
-- @tparam[opt] string lang the language
-- @treturn[1] string the description, e.g. for 550 "The requested action
--   was not taken: the mailbox is unavailable (not found, no access, or
--   refused by local policy)"
-- @treturn[2] nil a valid code that is not in the table
-- @return[3] nil, message, kind for an invalid code (`"EBAD_CODE"`,
--   `"EBAD_CLASS"`, `"EBAD_CATEGORY"`; and line, offset for a string)
M.describe = api.describe

--- Look up a reply code.
-- @function lookup
-- @tparam integer|string code the code, `550` or `"550"`
-- @tparam[opt] string lang the language of the texts
-- @treturn[1] table `{code = 550, name = "MAILBOX_UNAVAILABLE", title =
--   "Mailbox unavailable", description = "The requested action was not
--   taken: ...", status = "standard", reference = "RFC 5321, ...",
--   context = "MAIL, RCPT, ...", class = 5, category = 5}`.  `name` is
--   stable and never translated; `status` is a token of
--   `tokens("status")`; `context` lists the commands and extensions where
--   the code arises; `class` and `category` are its first and second
--   digits.
-- @treturn[2] nil a valid code that is not in the table
-- @return[3] nil, message, kind for an invalid code
M.lookup = api.lookup

--- Every reply code of the table, in ascending order.
-- @function codes
-- @tparam[opt] string lang the language of the texts
-- @treturn table a list of tables as `lookup` returns
M.codes = api.codes

--- Check that a value is a reply code: three digits, the first 1 to 5,
-- the second 0 to 5.  It need not be in the table.
-- @function code_check
-- @tparam integer|string code `550` or `"550"`
-- @treturn[1] integer the code
-- @return[2] nil, message, kind; and line, offset for a string
M.code_check = api.code_check

--- The class (first digit) of a reply code, which need not be in the
-- table.
-- @function class
-- @tparam integer|string code the code
-- @tparam[opt] string lang the language
-- @treturn[1] table `{digit = 5, name = "PERMANENT_NEGATIVE", title =
--   "Permanent negative reply", description = "..."}`
-- @return[2] nil, message, kind for an invalid code
M.class = api.class

--- The category (second digit) of a reply code.
-- @function category
-- @tparam integer|string code the code
-- @tparam[opt] string lang the language
-- @treturn[1] table `{digit = 5, name = "MAIL_SYSTEM", title = "Mail
--   system", description = "..."}`
-- @return[2] nil, message, kind for an invalid code
M.category = api.category

--- Predicates on a reply code: the decisions a mail program makes.
-- Each returns true or false for a valid code (in the table or not), and
-- `nil, message, kind` for an invalid one, never mistaking it for false:
-- `is_preliminary` (1yz: wait for another reply), `is_success` (2yz),
-- `is_intermediate` (3yz: send more), `is_transient` (4yz: retry later),
-- `is_permanent` (5yz: do not retry as is), `is_failure` (4yz or 5yz).
-- @function is_permanent
-- @tparam integer|string code the code
-- @treturn[1] boolean
-- @return[2] nil, message, kind
M.is_preliminary = api.is_preliminary
M.is_success = api.is_success
M.is_intermediate = api.is_intermediate
M.is_transient = api.is_transient
M.is_permanent = api.is_permanent
M.is_failure = api.is_failure

-- ---------------------------------------------------------------------
-- Enhanced status codes.

--- Read an enhanced status code (RFC 3463): class 2, 4 or 5, subject and
-- detail of 1 to 3 digits without leading zeros.
-- @function parse_enhanced
-- @tparam string|table e `"5.1.1"`, or `{class = 5, subject = 1, detail = 1}`
-- @treturn[1] table `{class = 5, subject = 1, detail = 1}`
-- @return[2] nil, message, kind (`"EENHANCED_SYNTAX"`, `"EENHANCED_PARTS"`,
--   `"EENHANCED_CLASS"`, `"EENHANCED_ZERO"`, `"EENHANCED_DIGITS"`), and
--   for a string line, offset
M.parse_enhanced = api.parse_enhanced

--- Describe an enhanced status code: the registry's description of its
-- detail, or, for a valid code the registry does not list, that of its
-- subject (RFC 3463 asks clients to fall back so).
-- @function describe_enhanced
-- @tparam string|table e `"5.1.1"` or `{class = 5, subject = 1, detail = 1}`
-- @tparam[opt] string lang the language
-- @treturn[1] string the description
-- @return[2] nil, message, kind for an invalid code
M.describe_enhanced = api.describe_enhanced

--- Look up an enhanced status code in the registry.
-- @function lookup_enhanced
-- @tparam string|table e `"5.1.1"` or `{class = 5, subject = 1, detail = 1}`
-- @tparam[opt] string lang the language
-- @treturn[1] table `{code = "5.1.1", class = 5, subject = 1, detail = 1,
--   name = "BAD_DESTINATION_MAILBOX", title = "Bad destination mailbox
--   address", description = "...", status = "standard", reference =
--   "RFC 3463", basic_codes = "451 550"}`
-- @treturn[2] nil a valid code the registry does not list
-- @return[3] nil, message, kind for an invalid code
M.lookup_enhanced = api.lookup_enhanced

--- Every detail of the registry of enhanced status codes, in ascending
-- order.  The registry lists each code once for all classes.
-- @function enhanced_codes
-- @tparam[opt] string lang the language of the texts
-- @treturn table a list of tables as `lookup_enhanced` returns, with
--   `code = "X.1.1"` and no `class`
M.enhanced_codes = api.enhanced_codes

--- Tell whether a reply code and an enhanced code agree in class: 2yz
-- with 2.X.X, 4yz with 4.X.X, 5yz with 5.X.X, and 1yz or 3yz with 2.X.X.
-- @function enhanced_agrees
-- @tparam integer|string code the reply code
-- @tparam string|table e the enhanced code
-- @treturn[1] boolean
-- @return[2] nil, message, kind for an invalid code
M.enhanced_agrees = api.enhanced_agrees

-- ---------------------------------------------------------------------
-- Advice and reasons.

--- What a sending program should do with a reply.
-- @function advise
-- @tparam integer|string|nil code the reply code; nil (or 0) when only an
--   enhanced code is known (a log's "dsn=4.7.1")
-- @tparam[opt] string|table e the enhanced code, if any
-- @tparam[opt] string stage the command the reply answers, a token of
--   `tokens("stage")`: `"greeting"`, `"ehlo"`, `"mail"`, `"rcpt"`,
--   `"data"`, `"data_end"`, ..., or `"any"` (the default)
-- @tparam[opt] string lang the language of the text
-- @treturn[1] table `{action = "give_up", rule = "PERMANENT", text = "Do
--   not retry as is: ..."}`.  `action` is `"proceed"`, `"continue"`,
--   `"retry"` or `"give_up"` (bounce); `rule` is a stable token naming the
--   rule applied.  When the codes disagree in class, the reply code
--   decides (RFC 5321): see `enhanced_agrees`.
-- @return[2] nil, message, kind: an invalid code, an unknown stage or
--   no code at all (`"EINVAL"`)
M.advise = api.advise

--- Why a delivery failed: the reason, found from whatever is known of
-- the failure by the rules of the library, each with an id and a source.
-- @function classify
-- @tparam[opt] string text the reply's text, a log line or a bounce's
--   diagnostic (the codes are found in it when not given)
-- @tparam[opt] table options `code` (integer or string), `enhanced`
--   (string or table), `stage` (a token of `tokens("stage")`; else the
--   text is searched for words that tell, such as Postfix's "(in reply to
--   RCPT TO command)"), `remote_mta` (the host that sent the reply),
--   `lang` (the language of the texts)
-- @treturn[1] table the verdict: `{reason = "mailboxfull", reason_title =
--   ..., reason_text = ..., soft = true, rule = "text.over-quota",
--   explanation = "...", advice = {action = ..., rule = ..., text = ...},
--   code = 452, enhanced = "4.2.2", stage = "rcpt"}`.  `reason` is a token
--   of `tokens("reason")`, nil only for a reply that goes on (1yz, 3yz);
--   `soft` is true for a failure the address survives, false for a hard
--   one, nil for no failure; `rule` is nil when no rule held;
--   `explanation` says which rule decided, on what, and what it means.
-- @return[2] nil, message, kind for an invalid code or stage
M.classify = api.classify

--- Every reason a delivery can fail for, in the order of their tokens.
-- @function reasons
-- @tparam[opt] string lang the language of the texts
-- @treturn table a list of `{name = "mailboxfull", title = ...,
--   description = ..., severity = "soft", remedy = "retry_later"}`;
--   `severity` and `remedy` are tokens of `tokens("severity")` and
--   `tokens("remedy")`
M.reasons = api.reasons

--- A reason by its name.
-- @function lookup_reason
-- @tparam string name `"mailboxfull"`, in any case
-- @tparam[opt] string lang the language of the texts
-- @treturn table|nil a table as `reasons` lists them, or nil
M.lookup_reason = api.lookup_reason

--- Every rule of the classifier, as written in the library's rules.def.
-- @function rules
-- @treturn table a list of `{id = "text.over-quota", reason =
--   "mailboxfull", priority = ..., code = "", enhanced = "", stages = "",
--   mta = "", phrase = "over quota", source = "...", severity = ""}`
--   (a field the rule does not use is "")
M.rules = api.rules

--- A rule by its id.
-- @function lookup_rule
-- @tparam string id `"text.over-quota"`
-- @treturn table|nil a table as `rules` lists them, or nil
M.lookup_rule = api.lookup_rule

-- ---------------------------------------------------------------------
-- Free text and display.

--- Find the SMTP reply in a text: a log line, a bounce's Diagnostic-Code,
-- a whole reply.  Numbers that are not replies (delays, ports, addresses,
-- dates, sizes, versions, queue ids) are not taken; of several candidates
-- the most specific wins.
-- @function extract
-- @tparam string s the text
-- @treturn[1] table `{code = 550, code_offset = ..., enhanced = "5.1.1",
--   enhanced_offset = ..., enhanced_length = ..., text_offset = ...,
--   text = ..., nonstandard = false, last_line = false}`: `code` and its
--   offset are nil when only an enhanced code was found, `enhanced` and
--   its offset and length when there is none; `text` is `s` from
--   `text_offset` on; `nonstandard` is true for a code whose second digit
--   is 6 to 9 ("571"), `last_line` when the code is that of a later,
--   failed line of a reply
-- @treturn[2] nil when the text holds no reply
M.extract = api.extract

--- Make server text safe to print on a terminal: UTF-8, C0 controls and
-- DEL as `\xHH`, C1 controls and the line and paragraph separators as
-- `\uHHHH`, a tab as a space; escape sequences and bidirectional,
-- zero-width and other invisible characters removed; each invalid UTF-8
-- sequence as U+FFFD.  HTML escaping is the caller's job.
-- @function display_safe
-- @tparam string s any bytes
-- @treturn string the safe text
M.display_safe = core.display_safe

-- ---------------------------------------------------------------------
-- Languages and messages.

--- The languages whose catalogs are installed.
-- @function languages
-- @treturn table a sorted list of names, e.g. `{"cs", "de", ..., "ru", ...}`
M.languages = api.languages

--- The catalog a language resolves to.
-- @function resolve_language
-- @tparam[opt] string lang a tag or list of tags; nil: the default
--   language
-- @treturn[1] string `"ru"`, `"pt_BR"`, ..., or `"en"` when no tag has a
--   usable catalog
-- @return[2] nil, message, `"EBAD_LANG"` for a tag holding a NUL byte
M.resolve_language = api.resolve_language

--- The catalog for an HTTP Accept-Language value, as RFC 4647's Lookup
-- chooses it: `"ru-RU,ru;q=0.9,en;q=0.8"` gives `"ru"`.
-- @function negotiate_language
-- @tparam string accept the header's value
-- @treturn[1] string the catalog's name, or `"en"`
-- @return[2] nil, message, `"EBAD_LANG"` for a value holding a NUL byte
M.negotiate_language = api.negotiate_language

--- Read the default language from the environment again, after the
-- program changed LANGUAGE, LC_ALL, LC_MESSAGES or LANG (`os.setenv` is
-- not standard Lua; a host program or a library may do it).
-- @function reset_language
M.reset_language = api.reset_language

--- Tell why a language resolves to English.
-- @function check_language
-- @tparam[opt] string lang a tag or list of tags
-- @treturn[1] boolean true if a tag has a usable catalog or means English
--   (`"en"`, `"C"`, `"POSIX"`)
-- @return[2] nil, message, kind: `"EBAD_LANG"` (a tag has characters a
--   tag cannot have) or `"ENO_CATALOG"`
M.check_language = api.check_language

--- Load the catalog of one language (no fallback) and tell what happened.
-- @function check_catalog
-- @tparam string lang one tag
-- @treturn[1] boolean true if the catalog is usable
-- @return[2] nil, message, kind: `"EBAD_LANG"`, `"ENO_CATALOG"` or the
--   `"ECATALOG_..."` reason it was rejected for
M.check_catalog = api.check_catalog

--- Translate one of the library's English strings.
-- @function translate
-- @tparam string msgid the English string, e.g. a `title` of `lookup`
--   in English
-- @tparam[opt] string lang the language
-- @tparam[opt] string context the message context, if it has one
-- @treturn string the translation, or `msgid` itself
M.translate = api.translate

--- Translate a message with a plural form, as ngettext does.
-- @function translate_plural
-- @tparam string msgid the singular
-- @tparam string plural the plural
-- @tparam integer n the count
-- @tparam[opt] string lang the language
-- @treturn string the form the language uses for `n`
M.translate_plural = api.translate_plural

--- The message of an error kind, as the functions return it.
-- @function strerror
-- @tparam string kind `"EBAD_CODE"`, `"ETRUNCATED"`, ...; a parser flag's
--   message is that of `"E"` and its token (`"EBARE_LF"`)
-- @tparam[opt] string lang the language
-- @treturn string|nil the message, or nil for an unknown kind
M.strerror = api.strerror

-- ---------------------------------------------------------------------
-- Tokens.

-- The kinds of tokens by name ("error", "stage", ...), from the
-- constants of enum smtpreply_token_kind (core.TOKEN_ERROR, ...).
local token_kinds = {}
for name, value in pairs(core) do
  local kind = type(name) == "string" and name:match("^TOKEN_(.+)$")
  if kind then
    token_kinds[kind:lower()] = value
  end
end

-- Return the number of the token kind KIND, or raise an error.
local function token_kind(kind, fname)
  local k = token_kinds[kind]
  if k == nil then
    error(("bad argument #1 to '%s' (unknown kind of token '%s')")
      :format(fname, tostring(kind)), 3)
  end
  return k
end

--- The tokens of a kind: the stable names of enumerated values, the same
-- in C, the command's JSON and every binding.
-- @tparam string kind `"error"`, `"flag"`, `"stage"`, `"action"`,
--   `"status"`, `"limit"`, `"reason"`, `"remedy"`, `"severity"`,
--   `"outcome"`, `"mta"` or `"log_field"`
-- @treturn table the list of its tokens, in ascending order of value
--   (errors in the order of smtpreply/errors.def): `tokens("action")` is
--   `{"proceed", "continue", "retry", "give_up"}`
function M.tokens(kind)
  local k = token_kind(kind, "tokens")
  local list = {}
  for i = 0, core.token_count(k) - 1 do
    list[#list + 1] = core.token_at(k, i)
  end
  return list
end

--- The title of a token for people: "Give up" for the action
-- `"give_up"`, a reason's title, an error's or a flag's message.
-- @tparam string kind a kind of `tokens`
-- @tparam string token a token of that kind, in any case
-- @tparam[opt] string lang the language
-- @treturn string|nil the title, or nil if the token is unknown or its
--   kind has no titles (limits, MTAs, log fields, most stages)
function M.describe_token(kind, token, lang)
  local k = token_kind(kind, "describe_token")
  local value = core.token_value(k, token)
  if value == nil then
    return nil
  end
  return core.token_describe(k, value, lang)
end

-- ---------------------------------------------------------------------
-- Mail logs.

--- Read lines of a mail log: for each line that holds a reply, the record
-- `smtpreply --json annotate` prints for it, as a table: the same keys and
-- values (`input`, `file`, `line`, `code`, `name`, `enhanced`, `reason`,
-- `soft`, `rule`, `advice`, `outcome`, `mta`, `queue_id`, `recipient`,
-- `domain`, `relay`, `status`, `lang`, ...; a key is absent when the
-- line has no such thing).  Postfix, Exim and Sendmail lines are read
-- field by field; any other line still gives its reply.
-- @function annotate_lines
-- @tparam string|table lines a string of lines, each ending at LF (a CR
--   before it is left out; lines are cut at 1 MiB), or a list of strings,
--   each one line (a final LF or CRLF is left out)
-- @tparam[opt] table options `file` (the name in the records, default
--   `"-"`), `first_line` (the number of the first line, default 1),
--   `lang` (the language of the texts), `redact` (replace the local parts
--   of addresses with "..."), `failures` (only the lines of failures,
--   4yz and 5yz)
-- @treturn[1] table the list of the records
-- @return[2] nil, message, kind (`"ENOMEM"`, `"EBAD_LANG"`)
M.annotate_lines = api.annotate_lines

-- ---------------------------------------------------------------------
-- Bounce messages.

--- Read a whole message, as it was delivered, and say what kind it is and
-- what happened to each recipient it reports on: a delivery status
-- notification (RFC 3464, RFC 6533), a feedback report (ARF, RFC 5965),
-- a bounce without a report (read from its text by the rules of the mail
-- software that wrote it), or no bounce at all.  The MIME structure,
-- transfer encodings, charsets and RFC 2047 words are decoded (GMime);
-- the returned original message is never searched for replies.
--
--     local f = assert(io.open("bounce.eml", "rb"))
--     local b = assert(smtpreply.bounce(f:read("*a")))
--     for _, r in ipairs(b.recipients) do
--       print(r.address, r.action, r.code, r.reason, r.advice.action)
--     end
--
-- @function bounce
-- @tparam string s the message (CRLF or LF line endings), at most 64 MiB
-- @tparam[opt] table options `lang` (the language of the verdicts' texts)
-- @treturn[1] table `{kind = "dsn", format = "dsn", original = {...},
--   recipients = {...}}`.  `kind` is `"dsn"`, `"arf"`, `"bounce"` or
--   `"not_bounce"` (an ordinary message, an auto-reply, junk, empty
--   input: no recipients); `format` is what read it, `"dsn"`, `"arf"` or
--   the id of the rule that read its text (`"postfix"`, `"qmail"`,
--   `"exim"`, ...), nil for a message that is not a bounce; `original`
--   holds the `message_id`, `from`, `to`, `subject` and `date` of the
--   returned message, those it has, decoded (an empty table if none); an
--   ARF report also has `report`, its fields by name (`["Feedback-Type"]`,
--   `["Source-IP"]`, ...).  Each of `recipients`, in the order of the
--   message, is `{address = "ann@example.org", action = "failed", status
--   = "5.1.1", code = 550, enhanced = "5.1.1", lines = {...}, remote_mta
--   = "mx.example.org", diagnostic_type = "smtp", diagnostic = "...",
--   source = "dsn", feedback_type = nil, reason = "userunknown", soft =
--   false, advice = {action = "give_up", rule = ..., text = ...}, verdict
--   = {...}}`: `action` is a token of `tokens("dsn_action")` (`"none"`
--   for an ARF report); `status` is a DSN's Status (or the code a text
--   gives); `code`, `enhanced` and `lines` are the SMTP reply's, absent
--   (and `lines` empty) when the message holds none for the recipient (an
--   `x-unix` diagnostic never gives one); `source` is `"dsn"`, `"arf"` or
--   `"text:LINE"`; `verdict` is the table `classify` returns, whose
--   `reason`, `soft` and `advice` are repeated at hand.  A field the
--   message does not give is absent.
-- @return[2] nil, message, kind: `"EBOUNCE_MIME"` (a report whose MIME
--   structure cannot be split), `"EBOUNCE_REPORT"` (a report that cannot
--   be read and whose text names no recipient), `"EBOUNCE_TOO_BIG"` (over
--   64 MiB), `"ENOMEM"`, `"EBAD_LANG"`
M.bounce = api.bounce

-- ---------------------------------------------------------------------
-- The library.

--- The version of the C library, e.g. `"0.2.0"`.
-- @function version
-- @treturn string
M.version = core.version

--- Check that the C library is at least a version.
-- @function check_version
-- @tparam[opt] string required `"0.2"`, `"0.2.1"`; nil asks for no minimum
-- @treturn string|nil the library's version if it is, nil if it is older
--   or `required` is not a version number
M.check_version = core.check_version

-- ---------------------------------------------------------------------
-- The parser.

--- An incremental parser of SMTP replies (RFC 5321 section 4.2).  It is
-- fed bytes as they arrive, in any chunking, and returns what they
-- completed, in the order of the stream: replies and parse errors alike,
-- each error once, nothing lost, the same events for any chunking.
-- Parse errors are data about the stream, so they are returned, never
-- raised; after one, the parser drops the reply it was reading and goes
-- on at the next line.
--
--     local p = smtpreply.Parser.new { max_line_length = 4096 }
--     for chunk in function() return f:read(4096) end do
--       for _, event in ipairs(p:feed(chunk)) do
--         if event.is_error then
--           io.stderr:write(("line %d, byte %d: %s\n")
--             :format(event.line, event.offset, event.message))
--         else
--           print(event.code, event.enhanced, event.text)
--         end
--       end
--     end
--     for _, event in ipairs(p:finish()) do ... end  -- ETRUNCATED, if cut short
--
-- **A reply** answers `is_error` with false and has the fields `code`
-- (550), `enhanced` (`"5.1.1"`, that of its first line, or nil), `lines`
-- (the text of each line as sent after the code and separator, without
-- the line ending), `text` (the lines without their enhanced codes,
-- joined by "\n"), `flags` (the set of the tokens of the deviations seen,
-- `{BARE_LF = true}`), `offset` and `line` (where it starts in the
-- stream).  A reply holds one copy of its bytes; `lines`, `text` and
-- `flags` are made each time they are read, so keep them in a local.
-- `tostring(reply)` gives its lines as sent.
--
-- **A parse error** is a table `{is_error = true, kind = "EBAD_CODE",
-- message = ..., line = 2, offset = 9}`, its message in the parser's
-- language; `tostring` gives the message.
--
-- A parser is freed when it is collected, or at once by `close` (or at
-- the end of a Lua 5.4 `<close>` variable); using it afterwards raises an
-- error.
-- @type Parser
M.Parser = api.Parser

--- Make a parser.
-- @function Parser.new
-- @tparam[opt] table options
--   `max_line_length` (bytes per line, with the code and line ending;
--   default 512, at most 1 MiB), `max_lines` (lines per reply; default
--   1000, at most 1,000,000), `max_reply_bytes` (bytes per reply; default
--   64 KiB, at most 64 MiB): the limits beyond which a reply is an error.
--   `strict`: the flags that are errors: a list of tokens
--   (`{"BARE_LF", "NO_SPACE"}`), a set (`{BARE_LF = true}`), one token, or
--   `true` for all of them (`tokens("flag")`).
--   `lang`: the language of the parse errors' messages.
-- @treturn[1] Parser
-- @return[2] nil, message, kind: a limit out of range or an unknown flag
--   (`"EINVAL"`), a language with a NUL byte (`"EBAD_LANG"`)

--- Feed bytes to the parser.
-- @function Parser:feed
-- @tparam string data the next bytes of the stream, any number
-- @treturn table the list of the events they completed, replies and
--   errors, in the order of the stream; perhaps empty

--- Tell the parser the stream ended.  It then reads a new stream.
-- @function Parser:finish
-- @treturn table the list of the events of the end: an `"ETRUNCATED"`
--   error if the stream ended inside a reply, else none

--- Forget any partial reply and the stream position, keeping the options,
-- to read a new stream.
-- @function Parser:reset

--- A limit of the parser.
-- @function Parser:limit
-- @tparam string name `"max_line_length"`, `"max_lines"` or
--   `"max_reply_bytes"` (`tokens("limit")`)
-- @treturn[1] integer the limit
-- @return[2] nil, message, `"EINVAL"` for another name

--- Free the parser now.  Closing it again does nothing.
-- @function Parser:close

-- ---------------------------------------------------------------------
-- Summaries.

--- A summary of mail log lines, as `smtpreply annotate --summary`
-- prints it: counts per outcome, then per reason, per destination domain
-- and per reply, with the first line of each row as its example (first
-- in the order of file name and line number, whatever order the lines
-- came in).  Summaries merge, associatively and commutatively, and travel
-- as JSON, so that a summary computed in parts, on many machines, renders
-- exactly as one run over all the files.
--
--     local s = smtpreply.Summary.new()
--     s:add_lines(io.open("/var/log/mail.log"):read("a"), "/var/log/mail.log")
--     local t = smtpreply.Summary.from_json(json_from_another_machine)
--     s:merge(t)
--     io.write(s:render("text", "ru"))
--
-- A summary is freed when it is collected, or at once by `close`.
-- @type Summary
M.Summary = api.Summary

--- Make an empty summary.
-- @function Summary.new
-- @tparam[opt] table options `redact` (examples hide the local parts of
--   addresses), `failures` (count only failures, 4yz and 5yz)
-- @treturn Summary

--- Count lines of a log.
-- @function Summary:add_lines
-- @tparam string|table lines as `annotate_lines` takes them
-- @tparam[opt] string file the file they come from (default `"-"`)
-- @tparam[opt] integer first_line the number of the first (default 1)
-- @treturn[1] boolean true
-- @return[2] nil, message, kind

--- Add the counts of another summary, which must have the same options.
-- @function Summary:merge
-- @tparam Summary other
-- @treturn[1] boolean true
-- @return[2] nil, message, `"EINVAL"` for a summary of other options,
--   or for the summary itself

--- The number of lines counted.
-- @function Summary:lines
-- @treturn integer

--- Everything the summary knows, as JSON, for `Summary.from_json`.
-- @function Summary:to_json
-- @treturn string

--- Read a summary saved by `to_json` (in any language).
-- @function Summary.from_json
-- @tparam string text
-- @treturn[1] Summary
-- @return[2] nil, message, `"ESUMMARY_JSON"`, line, offset: where the
--   text went wrong

--- The summary as the command prints it.
-- @function Summary:render
-- @tparam[opt] string format `"text"` (the default, as `annotate
--   --summary`), `"color"` (the same with terminal colours) or `"json"`
--   (JSON Lines, as `--json annotate --summary`)
-- @tparam[opt] string lang the language
-- @treturn[1] string the text
-- @return[2] nil, message, `"EINVAL"` for an unknown format

--- Free the summary now.  Closing it again does nothing.
-- @function Summary:close

return M
