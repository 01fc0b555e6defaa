# smtpreply/__init__.py -- the Python package: what SMTP server replies mean.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""What SMTP server replies mean, in the language of the reader.

smtpreply explains SMTP reply codes (RFC 5321) and enhanced status codes
(RFC 3463), parses replies as they arrive from a server, finds replies in
log lines and bounces, says why a delivery failed and what to do about
it, summarises mail logs, and says all of it in any language it has a
catalog for.  Every answer comes from the smtpreply C library; this
package makes it feel like Python.

    >>> import smtpreply
    >>> smtpreply.describe(250)
    'The requested mail action was completed successfully'
    >>> [reply] = smtpreply.Parser().feed(b"550 5.1.1 No such user\\r\\n")
    >>> reply.code, reply.enhanced, reply.text, reply.is_permanent
    (550, '5.1.1', 'No such user', True)
    >>> str(smtpreply.advise(reply, stage="rcpt").action)
    'give_up'

Languages.  Every function that says something takes ``lang``: a tag such
as "ru", "pt_BR", "pt-BR" or "ru_RU.UTF-8", or a list such as "uk:ru",
tried in order; unknown tags fall back to English.  ``lang=None`` (the
default) is the library's reading of the environment, as gettext reads
it (LANGUAGE, unless the locale is C or POSIX, then LC_ALL, LC_MESSAGES,
LANG), done once; reset_language() reads it again.

Input.  Raw server text is bytes; every function that reads it takes
bytes, bytearray, memoryview or str (encoded as UTF-8, lone surrogates of
the "surrogateescape" error handler turned back into their bytes), and
raises TypeError for anything else.  Reply codes may be given as int or
as a str of three digits.

Errors.  An invalid argument raises smtpreply.Error, a ValueError whose
``kind`` is the library's token of the error ("EBAD_CODE", the same in C,
the command's JSON and every binding) and whose ``message`` is
translated; text that is not what it should be raises its subclass
ParseError, which also tells the byte ``offset``.  The parser returns
its errors as ParseError objects among the replies, in stream order,
instead of raising them.  A wrong type raises TypeError, a closed Parser
ValueError.

Enumerations (Stage, Action, Reason, Flag...) are built from the
library's token tables: their ``str()`` is the token ("give_up"), and
they can be made from it (``Stage("rcpt")``).

The low-level module smtpreply._smtpreply, which SWIG generates, offers
the functions of smtpreply.h under their names without the smtpreply_
prefix.
"""

from __future__ import annotations

import enum
import json
import os
import sys
import typing

if typing.TYPE_CHECKING:
    import email.message

# Shorthands of the annotations.
_Lang = typing.Optional[str]
_Code = typing.Union[int, str, bytes]
_Text = typing.Union[str, bytes, bytearray, memoryview]
_Record = typing.Dict[str, typing.Any]

__all__ = [
    "Action", "Advice", "Bounce", "BounceKind", "Category", "CodeInfo",
    "CodeStatus", "DsnAction", "EnhancedClass", "EnhancedCode",
    "EnhancedInfo", "Error", "ErrorKind", "Flag", "Limit", "LogField", "MTA",
    "Match", "Outcome", "ParseError", "Parser", "Reason", "ReasonInfo",
    "Recipient", "Remedy", "Reply", "ReplyClass", "Rule", "Severity", "Stage",
    "Subject", "Summary", "Verdict", "advise", "annotate_lines", "bounce",
    "catalog_dir", "check_catalog", "check_code", "check_enhanced",
    "check_language", "check_version", "classify", "code_category",
    "code_class", "codes", "describe", "describe_enhanced", "display_safe",
    "enhanced_agrees", "enhanced_class", "enhanced_codes", "enhanced_subject",
    "extract", "find_stage", "is_failure", "is_intermediate", "is_permanent",
    "is_preliminary", "is_success", "is_transient", "iterate", "json_quote",
    "languages", "lookup", "lookup_enhanced", "lookup_reason", "lookup_rule",
    "negotiate_language", "parse", "parse_code", "parse_enhanced", "reasons",
    "redact", "reset_language", "resolve_language", "rules", "strerror",
    "translate", "translate_plural", "version",
]


# ---------------------------------------------------------------------------
# Errors.  They come first: the extension makes them.

class Error(ValueError):
    """An invalid argument, as the smtpreply library says it.

    Attributes:
        kind: the library's token of the error, such as "EBAD_CODE" or
            "EBAD_LANG"; stable, for programs to test.
        message: what the library says about it, translated (also
            ``str(error)``).
        errno: the library's negative error number (SMTPREPLY_E* in
            smtpreply.h).
    """

    def __init__(self, kind: str, message: str,
                 errno: typing.Optional[int] = None) -> None:
        super().__init__(kind, message, errno)
        self.kind = kind
        self.message = message
        self.errno = errno

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return "%s(%r, %r)" % (type(self).__name__, self.kind, self.message)

    def _in_language(self, lang: _Lang) -> "Error":
        """Return this error with its message in LANG (None: itself)."""
        if lang is None or self.errno is None:
            return self
        args = list(self.args)
        args[1] = strerror(self.errno, lang)
        return type(self)(*args)


class ParseError(Error):
    """Text that is not what it should be: a reply, a code, a summary.

    The parser returns these among its replies, in stream order, as data
    about the stream; the functions that read a code raise them.  Besides
    kind, message and errno (see Error):

        line: the line of the stream (from 1) where the error was found,
            or None for a single string (parse_code, parse_enhanced).
        offset: the offset of the offending byte, from 0, in the stream or
            in the string.
        is_error: True (Reply.is_error is False).

    Two ParseErrors are equal when their kind, message, line and offset
    are.
    """

    is_error = True

    def __init__(self, kind: str, message: str,
                 errno: typing.Optional[int] = None,
                 line: typing.Optional[int] = None,
                 offset: typing.Optional[int] = None) -> None:
        Error.__init__(self, kind, message, errno)
        self.args = (kind, message, errno, line, offset)
        self.line = line
        self.offset = offset

    def __repr__(self) -> str:
        return "%s(%r, %r, line=%r, offset=%r)" % (
            type(self).__name__, self.kind, self.message, self.line,
            self.offset)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ParseError):
            return NotImplemented
        return self.args == other.args

    def __hash__(self) -> int:
        return hash(self.args)


from . import _smtpreply as _lib  # noqa: E402 (the errors come first)

_lib._register(error=Error, parse_error=ParseError)


def _use_shipped_catalogs() -> None:
    """Read the catalogs installed with the package, if it has them and
    SMTPREPLY_LOCALEDIR does not name others.  The library fixes its
    catalog folder at first use: this runs before anything else."""
    if os.environ.get("SMTPREPLY_LOCALEDIR"):
        return
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "locale")
    if not os.path.isdir(folder):
        return
    try:
        _lib.catalog_dir_set(folder)
    except Error:
        # EBUSY: the library was used first in this process (by another
        # module built on it), and keeps the folder it read then.
        pass


_use_shipped_catalogs()


def strerror(errno: int, lang: _Lang = None) -> str:
    """Return the library's message for error ERRNO (negative), in LANG.

    A number that is not an error code gives a message saying so.
    """
    return _lib.strerror_lang(errno, lang)


def _error(errno: int, lang: _Lang = None) -> Error:
    """Return Error for the library's error ERRNO, its message in LANG."""
    return Error(_lib.token_name(_lib.TOKEN_ERROR, errno) or "EUNKNOWN",
                 _lib.strerror_lang(errno, lang), errno)


def version() -> str:
    """Return the version of the C library the module runs with, e.g.
    "0.2.0"."""
    return _lib.version()


def check_version(required: typing.Optional[str] = None
                  ) -> typing.Optional[str]:
    """Return the library's version if it is at least REQUIRED ("0.2",
    "0.2.1"; None asks for no minimum), or None if it is older or
    REQUIRED is not a version number."""
    return _lib.check_version(required)


__version__ = version()


# ---------------------------------------------------------------------------
# Enumerations.  Their members come from the C library: the token tables
# and the digit tables.

class _Token(enum.IntEnum):
    """A value with a token in the library: str() gives the token, and
    the enumeration can be called with it, Stage("rcpt")."""

    def __str__(self) -> str:
        return self.token

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    @property
    def token(self) -> str:
        """The library's stable token of this value, e.g. "give_up"."""
        return _lib.token_name(_KINDS[type(self)], int(self))

    def describe(self, lang: _Lang = None) -> typing.Optional[str]:
        """Return the title of this value for people, in LANG ("Give up"),
        or None where the library has none (the token is what people
        read)."""
        return _lib.token_describe(_KINDS[type(self)], int(self), lang)

    @classmethod
    def _missing_(cls, value: object) -> typing.Any:
        if isinstance(value, str) and "\0" not in value:
            try:
                return cls(_lib.token_value(_KINDS[cls], value))
            except Error:
                return None
        return None


class _FlagBase(enum.IntFlag):
    """Diagnostics the parser sets on a reply: str() gives their tokens
    joined by "|" ("BARE_LF|EIGHT_BIT"), "" for none."""

    def __str__(self) -> str:
        return "|".join(_lib.token_name(_lib.TOKEN_FLAG, int(f))
                        for f in type(self) if int(self) & int(f))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    @property
    def token(self) -> str:
        """The tokens of the flags set, as str() gives them."""
        return str(self)

    def describe(self, lang: _Lang = None) -> typing.Optional[str]:
        """Return what this flag (one bit) means, in LANG."""
        return _lib.token_describe(_lib.TOKEN_FLAG, int(self), lang)

    @property
    def kind(self) -> typing.Optional[str]:
        """The kind of the error this flag (one bit) becomes in strict
        mode, e.g. "EBARE_LF" for BARE_LF."""
        return _lib.token_name(_lib.TOKEN_ERROR, _lib.flag_error(int(self)))


# The token kind of each enumeration.
_KINDS: typing.Dict[type, int] = {}


def _identifier(token: str) -> str:
    """Return the member name of TOKEN: upper case, an identifier."""
    name = "".join(c if c.isalnum() else "_" for c in token.upper())
    return name if name.isidentifier() else "_" + name


def _token_enum(name: str, kind: int, doc: str,
                base: typing.Any = _Token) -> typing.Any:
    """Return the enumeration NAME of the tokens of KIND."""
    members = [(_identifier(token), value)
               for token, value in _lib.token_items(kind)]
    cls = base(name, members, module=__name__, qualname=name)
    cls.__doc__ = doc
    _KINDS[cls] = kind
    return cls


ErrorKind = _token_enum(
    "ErrorKind", _lib.TOKEN_ERROR,
    """The library's errors, by kind: EINVAL, EBAD_CODE, ETRUNCATED...
    Error.kind is one of their tokens; describe(lang) gives the
    message.""")

Stage = _token_enum(
    "Stage", _lib.TOKEN_STAGE,
    """The command a reply answers: ANY (unknown), GREETING, EHLO (or
    HELO), MAIL, RCPT, DATA (the command), DATA_END (the end of the
    message data), BDAT, AUTH, STARTTLS, QUIT.  Where a stage is taken,
    its token ("rcpt", in any case) is taken too.""")

Action = _token_enum(
    "Action", _lib.TOKEN_ACTION,
    """What a sending program should do: PROCEED (it worked), CONTINUE
    (send more, or wait for the next reply), RETRY (keep the message and
    try later) or GIVE_UP (do not retry as is: bounce).""")

CodeStatus = _token_enum(
    "CodeStatus", _lib.TOKEN_STATUS,
    """What a code is in the standards: STANDARD, DEPRECATED,
    EXPERIMENTAL or REGISTRY_ONLY (named only by the IANA registry).""")

Limit = _token_enum(
    "Limit", _lib.TOKEN_LIMIT,
    """The parser's limits, whose tokens are the options that set them:
    MAX_LINE_LENGTH, MAX_LINES, MAX_REPLY_BYTES.""")

Reason = _token_enum(
    "Reason", _lib.TOKEN_REASON,
    """Why a delivery failed ("mailboxfull", "userunknown"), in a
    vocabulary that uses Sisimai's names where the meaning is the same;
    describe(lang) gives its title, lookup_reason() the rest.""")

Remedy = _token_enum(
    "Remedy", _lib.TOKEN_REMEDY,
    """What the sender should do about a failure for a reason: NONE,
    RETRY_LATER, RETRY_SLOWER, DELIST, FIX_MESSAGE, FIX_CONFIG,
    SUPPRESS.""")

Severity = _token_enum(
    "Severity", _lib.TOKEN_SEVERITY,
    """What a failure for a reason means for the address: NONE (not a
    failure), SOFT (the address is good), HARD (it does not work),
    BY_CLASS (4yz soft, 5yz hard).""")

Outcome = _token_enum(
    "Outcome", _lib.TOKEN_OUTCOME,
    """What happened to the mail a log line is about: NONE (no reply),
    DELIVERED, DEFERRED, BOUNCED, REJECTED (refused coming in), OTHER.""")

MTA = _token_enum(
    "MTA", _lib.TOKEN_MTA,
    """The mail software that wrote a log line: UNKNOWN, POSTFIX, EXIM,
    SENDMAIL.""")

LogField = _token_enum(
    "LogField", _lib.TOKEN_LOG_FIELD,
    """The fields of a log line people group by: QUEUE_ID, RECIPIENT,
    DOMAIN, RELAY, STATUS.""")

DsnAction = _token_enum(
    "DsnAction", _lib.TOKEN_DSN_ACTION,
    """What a delivery status notification says happened to a recipient,
    its Action field (RFC 3464 2.3.3): NONE (none, or another word),
    FAILED, DELAYED, DELIVERED, RELAYED, EXPANDED.""")

Flag = _token_enum(
    "Flag", _lib.TOKEN_FLAG,
    """The parser's diagnostics: how a reply deviates from RFC 5321.

    Reply.flags holds them; Parser(strict=...) makes them errors.  Each
    member's name is the library's token: CODE_MISMATCH, BARE_CODE,
    NO_SPACE, BARE_LF, CONTROL, EIGHT_BIT, ENHANCED_MISMATCH,
    ENHANCED_INCONSISTENT, ENHANCED_INVALID, PRELIMINARY.  describe(lang)
    says what one means.""",
    base=_FlagBase)


class _Digit(enum.IntEnum):
    """A digit with a meaning: a class or a category of reply codes, a
    class or a subject of enhanced status codes.  The member's name is
    the library's stable name of it; str() gives it in lower case, as the
    command's JSON does."""

    def __str__(self) -> str:
        return self.name.lower()

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def title(self, lang: _Lang = None) -> str:
        """Return the title of this digit, in LANG."""
        return _lib.translate(self._entry().title, lang)

    def describe(self, lang: _Lang = None) -> str:
        """Return the description of this digit, in LANG."""
        return _lib.translate(self._entry().text, lang)

    def _entry(self) -> typing.Any:
        return _DIGIT_LOOKUPS[type(self)](int(self))


_DIGIT_LOOKUPS: typing.Dict[type, typing.Callable[[int], typing.Any]] = {}


def _digit_enum(name: str, lookup: typing.Callable[[int], typing.Any],
                digits: typing.Iterable[int], doc: str) -> typing.Any:
    """Return the _Digit enumeration NAME of the digits LOOKUP knows."""
    members = []
    for digit in digits:
        entry = lookup(digit)
        if entry is not None:
            members.append((entry.name, entry.digit))
    cls = _Digit(name, members, module=__name__, qualname=name)
    cls.__doc__ = doc
    _DIGIT_LOOKUPS[cls] = lookup
    return cls


ReplyClass = _digit_enum(
    "ReplyClass", _lib.class_lookup, range(10),
    """The class of a reply code: its first digit (RFC 5321 4.2.1).

    POSITIVE_PRELIMINARY (1), POSITIVE_COMPLETION (2),
    POSITIVE_INTERMEDIATE (3), TRANSIENT_NEGATIVE (4), PERMANENT_NEGATIVE
    (5).  title(lang) and describe(lang) say what it means.""")

Category = _digit_enum(
    "Category", _lib.category_lookup, range(10),
    """The category of a reply code: its second digit (RFC 5321 4.2.1).

    title(lang) and describe(lang) say what it means.""")

EnhancedClass = _digit_enum(
    "EnhancedClass", _lib.enhanced_class_lookup, range(10),
    """The class of an enhanced status code (RFC 3463): 2, 4 or 5.

    title(lang) and describe(lang) say what it means.""")

Subject = _digit_enum(
    "Subject", _lib.enhanced_subject_lookup, range(1000),
    """The subject of an enhanced status code (RFC 3463): X.0.X to X.7.X.

    title(lang) and describe(lang) say what it means.""")


# ---------------------------------------------------------------------------
# Reply codes.

_TEXT_TYPES = (str, bytes, bytearray, memoryview)


def _code(code: typing.Any, lang: _Lang = None) -> int:
    """Return CODE, a reply code as int or text, as a valid int code, or
    raise Error (ParseError for text) with its message in LANG."""
    if isinstance(code, _TEXT_TYPES):
        return parse_code(code, lang)
    if not isinstance(code, int):
        raise TypeError("a reply code is an int or a str of three digits, "
                        "not %r" % type(code).__name__)
    try:
        _lib.code_check(code)
    except OverflowError:
        raise _error(_lib.EBAD_CODE, lang) from None
    except Error as e:
        raise e._in_language(lang) from None
    return int(code)


def parse_code(text: _Text, lang: _Lang = None) -> int:
    """Return the reply code TEXT (str or bytes) holds, exactly three
    digits.

    Raise ParseError, with the offset of the offending byte, if TEXT is
    not a valid reply code: "EBAD_CODE" (not three digits), "EBAD_CLASS"
    or "EBAD_CATEGORY".  The message is in LANG.
    """
    try:
        return _lib.code_parse(text)
    except Error as e:
        raise e._in_language(lang) from None


def check_code(code: _Code, lang: _Lang = None) -> int:
    """Return CODE as an int if it is a reply code, else raise Error.

    A reply code has three digits, the first 1 to 5, the second 0 to 5;
    it need not be in the table (see lookup).  The error's kind is
    "EBAD_CODE", "EBAD_CLASS" or "EBAD_CATEGORY", its message in LANG.
    """
    return _code(code, lang)


describe = _lib.describe


class CodeInfo(typing.NamedTuple):
    """An entry of the table of reply codes, from lookup() or codes().

    title and description are in the language asked for; the other
    fields are never translated.
    """

    code: int
    """The reply code, e.g. 550."""
    name: str
    """The library's stable name of it, e.g. "MAILBOX_UNAVAILABLE"."""
    status: CodeStatus
    """What the code is in the standards."""
    reference: str
    """The documents that define it, e.g. "RFC 5321, RFC 6531"."""
    context: str
    """The commands and extensions where it arises."""
    title: str
    """Its short title."""
    description: str
    """What it means."""

    @property
    def reply_class(self) -> ReplyClass:
        """The class of the code (first digit)."""
        return ReplyClass(self.code // 100)

    @property
    def category(self) -> Category:
        """The category of the code (second digit)."""
        return Category(self.code // 10 % 10)


def _code_info(entry: typing.Any, lang: _Lang) -> CodeInfo:
    return CodeInfo(entry.code, entry.name, CodeStatus(entry.status),
                    entry.reference, entry.context,
                    _lib.translate(entry.title, lang),
                    _lib.translate(entry.text, lang))


def lookup(code: _Code, lang: _Lang = None) -> typing.Optional[CodeInfo]:
    """Return the table's entry for reply CODE, in LANG, or None if the
    table does not list it (it may still be valid: see check_code).
    Raise Error if CODE is not a valid reply code."""
    entry = _lib.reply_lookup(_code(code, lang))
    return None if entry is None else _code_info(entry, lang)


def codes(lang: _Lang = None) -> typing.List[CodeInfo]:
    """Return every entry of the table of reply codes, in ascending order,
    with titles and descriptions in LANG."""
    return [_code_info(_lib.reply_at(i), lang)
            for i in range(_lib.reply_count())]


def code_class(code: _Code) -> ReplyClass:
    """Return the class (first digit) of reply CODE.  Raise Error if CODE
    is not a valid reply code."""
    return ReplyClass(_lib.code_class(_code(code)).digit)


def code_category(code: _Code) -> Category:
    """Return the category (second digit) of reply CODE.  Raise Error if
    CODE is not a valid reply code."""
    return Category(_lib.code_category(_code(code)).digit)


def is_preliminary(code: _Code) -> bool:
    """Tell whether reply CODE is 1yz: wait for another reply.  Raise Error
    if CODE is not a valid reply code (never a silent False)."""
    return _lib.code_is_preliminary(_code(code))


def is_success(code: _Code) -> bool:
    """Tell whether reply CODE is 2yz: the command succeeded.  Raise Error
    if CODE is not a valid reply code."""
    return _lib.code_is_success(_code(code))


def is_intermediate(code: _Code) -> bool:
    """Tell whether reply CODE is 3yz: send more.  Raise Error if CODE is
    not a valid reply code."""
    return _lib.code_is_intermediate(_code(code))


def is_transient(code: _Code) -> bool:
    """Tell whether reply CODE is 4yz: retry later.  Raise Error if CODE is
    not a valid reply code."""
    return _lib.code_is_transient(_code(code))


def is_permanent(code: _Code) -> bool:
    """Tell whether reply CODE is 5yz: do not retry as is.  Raise Error if
    CODE is not a valid reply code."""
    return _lib.code_is_permanent(_code(code))


def is_failure(code: _Code) -> bool:
    """Tell whether reply CODE is 4yz or 5yz.  Raise Error if CODE is not a
    valid reply code."""
    return _lib.code_is_failure(_code(code))


# ---------------------------------------------------------------------------
# Enhanced status codes.

class EnhancedCode(typing.NamedTuple):
    """An enhanced status code CLASS.SUBJECT.DETAIL (RFC 3463), e.g. 5.1.1.

    str() gives "5.1.1"; EnhancedCode.parse("5.1.1") reads one.  Wherever
    the package takes an enhanced code, it takes an EnhancedCode, a tuple
    (class, subject, detail) or a str or bytes like "5.1.1".
    """

    cls: int
    """The class: 2, 4 or 5."""
    subject: int
    """The subject, 0 to 999."""
    detail: int
    """The detail, 0 to 999."""

    def __str__(self) -> str:
        return "%d.%d.%d" % (self.cls, self.subject, self.detail)

    @classmethod
    def parse(cls, text: _Text, lang: _Lang = None) -> "EnhancedCode":
        """Read an enhanced status code from TEXT; see parse_enhanced."""
        return parse_enhanced(text, lang)

    def describe(self, lang: _Lang = None) -> str:
        """Return what this code means, in LANG; see describe_enhanced."""
        return describe_enhanced(self, lang)

    @property
    def enhanced_class(self) -> EnhancedClass:
        """The class as an EnhancedClass."""
        return EnhancedClass(self.cls)


def parse_enhanced(text: _Text, lang: _Lang = None) -> EnhancedCode:
    """Read TEXT (str or bytes), exactly CLASS.SUBJECT.DETAIL: class 2, 4
    or 5, subject and detail of 1 to 3 digits without leading zeros.

    Raise ParseError, with the offset of the offending byte, otherwise:
    kind "EENHANCED_SYNTAX", "EENHANCED_PARTS", "EENHANCED_CLASS",
    "EENHANCED_ZERO" or "EENHANCED_DIGITS", the message in LANG.
    """
    if not isinstance(text, _TEXT_TYPES):
        raise TypeError("an enhanced status code to parse is a str or "
                        "bytes, not %r" % type(text).__name__)
    try:
        return EnhancedCode(*_lib.enhanced_parse(text))
    except Error as e:
        raise e._in_language(lang) from None


def _enhanced(code: typing.Any, lang: _Lang = None) -> EnhancedCode:
    """Return CODE (text, tuple or EnhancedCode) as a valid EnhancedCode,
    or raise Error with its message in LANG."""
    if isinstance(code, _TEXT_TYPES):
        return parse_enhanced(code, lang)
    try:
        value = EnhancedCode(*code)
        if not all(isinstance(part, int) for part in value):
            raise TypeError
    except TypeError:
        raise TypeError("an enhanced status code is a str like \"5.1.1\" "
                        "or a (class, subject, detail) tuple, not %r"
                        % type(code).__name__) from None
    try:
        _lib.enhanced_check(value)
    except OverflowError:
        raise _error(_lib.EENHANCED_DIGITS, lang) from None
    except Error as e:
        raise e._in_language(lang) from None
    return value


def check_enhanced(code: typing.Any, lang: _Lang = None) -> EnhancedCode:
    """Return CODE as an EnhancedCode if it is a valid enhanced status code:
    class 2, 4 or 5, subject and detail 0 to 999.  Raise Error otherwise
    ("EENHANCED_CLASS", "EENHANCED_DIGITS"; ParseError for text)."""
    return _enhanced(code, lang)


def describe_enhanced(code: typing.Any, lang: _Lang = None) -> str:
    """Return what enhanced status CODE means, in LANG.

    A valid code the registry does not list is described by its subject
    (RFC 3463 asks clients to fall back so).  Raise Error if CODE is not
    valid.
    """
    return _lib.enhanced_describe_lang(_enhanced(code, lang), lang)


class EnhancedInfo(typing.NamedTuple):
    """An entry of the registry of enhanced status codes, which lists each
    code once for all classes, as X.SUBJECT.DETAIL.  title and
    description are in the language asked for."""

    subject: int
    """The subject, e.g. 1 for X.1.1."""
    detail: int
    """The detail, e.g. 1 for X.1.1."""
    name: str
    """The library's stable name of it, e.g. "BAD_DESTINATION_MAILBOX"."""
    status: CodeStatus
    """STANDARD or DEPRECATED, as the registry says."""
    basic_codes: str
    """The reply codes the registry associates: "451 550", "any", "5XX",
    or ""."""
    reference: str
    """The documents that define it."""
    title: str
    """The registry's title."""
    description: str
    """What it means."""

    def __str__(self) -> str:
        return "X.%d.%d" % (self.subject, self.detail)


def _enhanced_info(entry: typing.Any, lang: _Lang) -> EnhancedInfo:
    return EnhancedInfo(entry.subject, entry.detail, entry.name,
                        CodeStatus(entry.status), entry.basic_codes,
                        entry.reference, _lib.translate(entry.title, lang),
                        _lib.translate(entry.text, lang))


def lookup_enhanced(code: typing.Any,
                    lang: _Lang = None) -> typing.Optional[EnhancedInfo]:
    """Return the registry's entry for enhanced status CODE (its subject
    and detail), in LANG, or None if the registry does not list it.
    Raise Error if CODE is not valid."""
    value = _enhanced(code, lang)
    entry = _lib.enhanced_lookup(value.subject, value.detail)
    return None if entry is None else _enhanced_info(entry, lang)


def enhanced_codes(lang: _Lang = None) -> typing.List[EnhancedInfo]:
    """Return every entry of the registry of enhanced status codes, in
    ascending order, with titles and descriptions in LANG."""
    return [_enhanced_info(_lib.enhanced_at(i), lang)
            for i in range(_lib.enhanced_count())]


def enhanced_class(code: typing.Any) -> EnhancedClass:
    """Return the class of enhanced status CODE.  Raise Error if CODE is
    not valid."""
    return EnhancedClass(_enhanced(code).cls)


def enhanced_subject(code: typing.Any) -> typing.Optional[Subject]:
    """Return the subject of enhanced status CODE, or None if the registry
    defines no such subject.  Raise Error if CODE is not valid."""
    subject = _enhanced(code).subject
    return Subject(subject) if _lib.enhanced_subject_lookup(subject) else None


def enhanced_agrees(code: _Code, enhanced: typing.Any) -> bool:
    """Tell whether reply CODE and ENHANCED agree in class: 2yz with 2.X.X,
    4yz with 4.X.X, 5yz with 5.X.X, 1yz and 3yz with 2.X.X.  Raise Error
    if either is not valid."""
    return _lib.enhanced_agrees(_code(code), _enhanced(enhanced))


# ---------------------------------------------------------------------------
# Languages.

def languages() -> typing.List[str]:
    """Return the languages the library has catalogs for, e.g. ["de", "ru"],
    in ascending order (English needs none)."""
    return [_lib.language_at(i) for i in range(_lib.language_count())]


def resolve_language(lang: _Lang = None) -> str:
    """Return the catalog LANG resolves to ("ru", "pt_BR"), or "en" when no
    tag of LANG has one.  None: the default language."""
    return _lib.language_resolve(lang)


def negotiate_language(accept: str) -> str:
    """Return the catalog that serves ACCEPT, an HTTP Accept-Language value
    such as "ru-RU,ru;q=0.9,en;q=0.8" (RFC 4647's Lookup: the ranges by
    weight, each shortened a subtag at a time), or "en"."""
    if accept is None:
        raise TypeError("accept is a str")
    return _lib.language_negotiate(accept)


def reset_language() -> None:
    """Read the default language from the environment again (LANGUAGE,
    LC_ALL, LC_MESSAGES, LANG), after the program changed it.  The
    library reads it once, at its first use."""
    _lib.language_reset()


def check_language(lang: _Lang = None) -> None:
    """Return None if some tag of LANG has a catalog or means English;
    otherwise raise Error telling why it resolves to English: "EBAD_LANG"
    (a tag has characters a tag cannot have) or "ENO_CATALOG"."""
    _lib.language_check(lang)


def check_catalog(lang: str) -> None:
    """Load the catalog of LANG (one tag, no fallback) and return None if
    it is usable; otherwise raise Error: "EBAD_LANG", "ENO_CATALOG" or the
    "ECATALOG_*" reason it was rejected for."""
    if lang is None:
        raise TypeError("lang is a str")
    _lib.catalog_check(lang)


def catalog_dir() -> str:
    """Return the folder the catalogs are read from: $SMTPREPLY_LOCALEDIR,
    the package's own catalogs, or the library's configured folder."""
    return _lib.catalog_dir()


def translate(msgid: str, lang: _Lang = None,
              context: typing.Optional[str] = None) -> str:
    """Return the translation into LANG of MSGID, one of the library's
    English strings (in message CONTEXT if given), or MSGID itself when
    LANG has none."""
    if context is None:
        return _lib.translate(msgid, lang)
    return _lib.translate_context(context, msgid, lang)


def translate_plural(msgid: str, msgid_plural: str, n: int,
                     lang: _Lang = None) -> str:
    """Return the form of MSGID / MSGID_PLURAL that LANG uses for the count
    N, as ngettext does."""
    return _lib.translate_plural(msgid, msgid_plural, n, lang)


# ---------------------------------------------------------------------------
# Replies and the parser.

Reply = _lib.Reply


# Chunks read from a file or socket by Parser.iterate.
DEFAULT_CHUNK_SIZE = 65536

# What the parser returns: replies and the errors among them.
Event = typing.Union[Reply, ParseError]


def _chunks(source: typing.Any, size: int) -> typing.Iterator[typing.Any]:
    """Yield the chunks of SOURCE: a socket (.recv), a file (.read1 or
    .read), bytes or str, or an iterable of chunks."""
    if isinstance(source, _TEXT_TYPES):
        yield source
        return
    read = None
    for method in ("recv", "read1", "read"):
        read = getattr(source, method, None)
        if callable(read):
            break
        read = None
    if read is None:
        yield from source
        return
    while True:
        chunk = read(size)
        if not chunk:
            return
        yield chunk


class Parser(_lib.Parser):
    """An incremental parser of SMTP replies (RFC 5321 4.2).

    Feed it bytes as they arrive, in any chunking; it returns what they
    completed, in the order of the stream: replies (Reply) and errors
    (ParseError) alike, each error once, nothing lost, the same for any
    chunking.  Errors are data about the stream: they are returned, never
    raised; the parser drops the bad reply and goes on at the next line.

        parser = smtpreply.Parser()
        for event in parser.iterate(sock):   # or a file opened "rb"
            if event.is_error:
                print("line", event.line, event.message)
            else:
                print(event.code, event.text)

    Keyword arguments (also attributes):
        max_line_length: the longest line, its code and line ending
            included (default 512, RFC 5321 4.5.3.1.5; at most 1 MiB).
        max_lines: lines per reply (default 1000, at most 1000000).
        max_reply_bytes: bytes per reply (default 64 KiB, at most 64 MiB).
        strict: the flags (Flag) that are errors rather than flags on the
            reply; True for all of them.
        lang: the language of the messages of its errors (None: the
            default language).

    A value out of range raises Error "EINVAL", a wrong type TypeError.
    close() frees the C parser at once (so does a with block, and the
    garbage collector); afterwards every call raises ValueError.  One
    Parser may be shared by threads: each call holds its lock.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        if self.closed:
            return "<Parser closed>"
        return "<Parser max_line_length=%d max_lines=%d " \
               "max_reply_bytes=%d>" % (self.max_line_length,
                                        self.max_lines, self.max_reply_bytes)

    def iterate(self, source: typing.Any, *,
                chunk_size: int = DEFAULT_CHUNK_SIZE
                ) -> typing.Iterator[Event]:
        """Yield the events read from SOURCE, then those of finish().

        SOURCE is a socket (anything with .recv), a file opened in binary
        mode (.read1, else .read), bytes or str, or an iterable of chunks.
        Each read asks for CHUNK_SIZE bytes at most; .recv and .read1
        return what has arrived, so from a socket or a pipe each reply is
        yielded as soon as it is complete.
        """
        for chunk in _chunks(source, chunk_size):
            yield from self.feed(chunk)
        yield from self.finish()


def parse(data: typing.Any, **options: typing.Any) -> typing.List[Event]:
    """Return the events (replies and errors) of DATA, a whole stream:
    bytes, str, a file, a socket or an iterable of chunks (see
    Parser.iterate).  OPTIONS are those of Parser."""
    with Parser(**options) as parser:
        return list(parser.iterate(data))


def iterate(source: typing.Any, *,
            chunk_size: int = DEFAULT_CHUNK_SIZE,
            **options: typing.Any) -> typing.Iterator[Event]:
    """Yield the events read from SOURCE with a new Parser(**OPTIONS); see
    Parser.iterate."""
    with Parser(**options) as parser:
        yield from parser.iterate(source, chunk_size=chunk_size)




# ---------------------------------------------------------------------------
# Free text, advice, verdicts.

class Match(typing.NamedTuple):
    """Where extract() found a reply in a text.

    Offsets index the text given: characters of a str, bytes of bytes.
    """

    code: typing.Optional[int]
    """The reply code, or None if only an enhanced code was found."""
    code_offset: typing.Optional[int]
    """Where the code starts, or None."""
    enhanced: typing.Optional[str]
    """The enhanced status code, e.g. "5.1.1", or None."""
    enhanced_offset: typing.Optional[int]
    """Where the enhanced code starts, or None."""
    enhanced_length: int
    """Its length (0 if there is none)."""
    text_offset: int
    """Where the reply's text starts."""
    text: typing.Any
    """The reply's text: the rest of the text given, from text_offset."""
    nonstandard: bool
    """The code is outside RFC 5321's grammar (its second digit is 6 to
    9, as in "571 No PTR Record found")."""
    last_line: bool
    """The text joins the lines of a reply whose first line is a success
    and a later one a failure: the code is the failure's."""

    @property
    def enhanced_code(self) -> typing.Optional[EnhancedCode]:
        """The enhanced status code as an EnhancedCode, or None."""
        e = self.enhanced
        return None if e is None else EnhancedCode(*map(int, e.split(".")))


def extract(text: _Text) -> typing.Optional[Match]:
    """Find the SMTP reply in TEXT (str or bytes): a log line, a bounce's
    Diagnostic-Code, a whole reply.  Return a Match, or None if there is
    none.

    Numbers that are not replies (delays, ports, addresses, dates, sizes,
    versions, queue ids) are not taken; of several candidates the most
    specific wins.
    """
    m = _lib.extract(text)
    if m is None:
        return None
    found, code, code_offset, enhanced, enhanced_offset, enhanced_length, \
        text_offset = m
    if isinstance(text, str):
        data = text.encode("utf-8", "surrogateescape")

        def position(offset: int) -> int:
            return len(data[:offset].decode("utf-8", "surrogateescape"))
    else:
        def position(offset: int) -> int:
            return offset
    has_code = bool(found & _lib.MATCH_CODE)
    has_enhanced = bool(found & _lib.MATCH_ENHANCED)
    start = position(text_offset)
    return Match(
        code if has_code else None,
        position(code_offset) if has_code else None,
        "%d.%d.%d" % enhanced if has_enhanced else None,
        position(enhanced_offset) if has_enhanced else None,
        enhanced_length if has_enhanced else 0,
        start,
        text[start:],
        bool(found & _lib.MATCH_NONSTANDARD),
        bool(found & _lib.MATCH_LAST_LINE))


class Advice(typing.NamedTuple):
    """What a sending program should do with a reply, from advise()."""

    rule: str
    """The library's stable token of the rule applied, e.g.
    "RCPT_552_AS_452"."""
    action: Action
    """What to do: PROCEED, CONTINUE, RETRY or GIVE_UP."""
    text: str
    """The advice as a sentence, in the language asked for."""


def advise(code: typing.Union[int, str, Reply, None],
           enhanced: typing.Any = None, stage: typing.Any = None,
           lang: _Lang = None) -> Advice:
    """Advise on reply CODE with enhanced status code ENHANCED (None if
    none), in answer to STAGE (a Stage, or its token such as "rcpt";
    None: unknown).

    CODE may be a Reply (its enhanced code is used unless ENHANCED is
    given), or None (or 0) when only an enhanced code is known (a log's
    "dsn=4.7.1").  When CODE and ENHANCED disagree in class, CODE decides
    (RFC 5321 4.2).  The advice's text is in LANG.  Raise Error for an
    invalid code, and Error "EINVAL" for an unknown stage or when both
    codes are None.
    """
    if isinstance(code, Reply):
        if enhanced is None:
            enhanced = code.enhanced
        code = code.code
    value = 0 if code is None or (type(code) is int and code == 0) \
        else _code(code, lang)
    e = None if enhanced is None else _enhanced(enhanced, lang)
    try:
        advice = _lib.advise(value, e, _stage(stage, lang))
    except Error as err:
        raise err._in_language(lang) from None
    return Advice(advice.rule, Action(advice.action),
                  _lib.translate(advice.text, lang))


def _stage(stage: typing.Any, lang: _Lang = None) -> int:
    """Return STAGE (None, a Stage or int, or a token) as an int."""
    if stage is None:
        return int(Stage.ANY)
    if isinstance(stage, str):
        try:
            return _lib.token_value(_lib.TOKEN_STAGE, stage)
        except Error as e:
            raise e._in_language(lang) from None
    if not isinstance(stage, int):
        raise TypeError("a stage is a Stage or its token, such as "
                        "\"rcpt\", not %r" % type(stage).__name__)
    if _lib.stage_name(stage) is None:
        raise _error(_lib.EINVAL, lang)
    return int(stage)


class Verdict(typing.NamedTuple):
    """Why a delivery failed and what to do, from classify()."""

    reason: typing.Optional[Reason]
    """Why: a Reason ("mailboxfull"); None only for a reply that goes on
    (1yz, 3yz)."""
    reason_title: typing.Optional[str]
    """The reason's title, in the language asked for."""
    reason_text: typing.Optional[str]
    """What the reason means, in the language asked for."""
    soft: typing.Optional[bool]
    """True for a soft failure (the address is good), False for a hard
    one, None for no failure."""
    rule: typing.Optional[str]
    """The id of the rule that decided (lookup_rule), or None when no
    rule held."""
    explanation: str
    """A sentence saying why: which rule decided, on what, and what it
    means, in the language asked for."""
    advice: typing.Optional[Advice]
    """What to do: never GIVE_UP for a soft failure, never PROCEED for a
    failure."""
    stage: Stage
    """The command answered: as given, or found in the text."""
    code: typing.Optional[int]
    """The reply code used: as given, or found in the text; or None."""
    enhanced: typing.Optional[str]
    """The enhanced status code used, e.g. "5.1.1", or None."""


def classify(text: typing.Optional[_Text] = None, *,
             code: typing.Optional[_Code] = None,
             enhanced: typing.Any = None, stage: typing.Any = None,
             remote_mta: typing.Optional[str] = None,
             lang: _Lang = None) -> Verdict:
    """Say why a delivery failed (or that it did not), from what is known
    of it: TEXT (the reply's text, a log line, a bounce's diagnostic),
    reply CODE, ENHANCED code, the command STAGE answered (a Stage or its
    token; None: found in the text if it tells) and REMOTE_MTA, the host
    that sent the reply.  Without CODE and ENHANCED they are found in
    TEXT.  The texts of the Verdict are in LANG.

    Raise Error for an invalid code or enhanced code or an unknown stage.
    """
    return _verdict(_lib.classify(
        text, code=code, enhanced=enhanced, stage=stage,
        remote_mta=remote_mta, lang=lang))


def _verdict(fields: typing.Tuple[typing.Any, ...]) -> Verdict:
    """Return the Verdict of FIELDS, as the extension gives a verdict."""
    reason, title, reason_text, soft, rule, explanation, advice, \
        v_stage, v_code, v_enhanced = fields
    return Verdict(
        None if reason is None else Reason(reason), title, reason_text,
        None if soft < 0 else bool(soft), rule, explanation,
        None if advice is None else Advice(advice[0], Action(advice[1]),
                                           advice[2]),
        Stage(v_stage), v_code or None,
        None if v_enhanced is None else "%d.%d.%d" % v_enhanced)


def find_stage(text: _Text) -> Stage:
    """Return the command a reply answered, from the words mail software
    writes in TEXT ("(in reply to RCPT TO command)", "after end of data"),
    or Stage.ANY."""
    return Stage(_lib.stage_find(text))


class ReasonInfo(typing.NamedTuple):
    """A reason of failure, from reasons() or lookup_reason()."""

    reason: Reason
    """The reason."""
    name: str
    """Its token, e.g. "mailboxfull"."""
    severity: Severity
    """What a failure for it means for the address."""
    remedy: Remedy
    """What the sender should do about it."""
    title: str
    """Its title, in the language asked for."""
    text: str
    """What it means, in the language asked for."""


def _reason_info(entry: typing.Any, lang: _Lang) -> ReasonInfo:
    return ReasonInfo(Reason(entry.index), entry.name,
                      Severity(entry.severity), Remedy(entry.remedy),
                      _lib.translate(entry.title, lang),
                      _lib.translate(entry.text, lang))


def reasons(lang: _Lang = None) -> typing.List[ReasonInfo]:
    """Return every reason, in the library's order, with titles and texts
    in LANG."""
    return [_reason_info(_lib.reason_at(i), lang)
            for i in range(_lib.reason_count())]


def lookup_reason(name: typing.Union[str, Reason],
                  lang: _Lang = None) -> typing.Optional[ReasonInfo]:
    """Return the reason NAME (its token, in any case, or a Reason), in
    LANG, or None if there is none."""
    if isinstance(name, Reason):
        entry = _lib.reason_at(int(name))
    elif isinstance(name, str):
        entry = _lib.reason_lookup(name)
    else:
        raise TypeError("a reason is a Reason or its token, not %r"
                        % type(name).__name__)
    return None if entry is None else _reason_info(entry, lang)


class Rule(typing.NamedTuple):
    """A rule that finds a reason (core/rules.def), as written there."""

    id: str
    """Its stable id, e.g. "text.over-quota"."""
    reason: Reason
    """The reason it finds."""
    priority: int
    """The highest holding rule wins."""
    code: str
    """The reply codes it matches: "550", "55", "5" or ""."""
    enhanced: str
    """The enhanced codes it matches: "X.1.1", "5.7" or ""."""
    stages: str
    """The stages it matches: "rcpt|mail" or ""."""
    mta: str
    """The remote hosts it matches: "google.com|googlemail.com" or ""."""
    phrase: str
    """The words it looks for: "over quota", "a * b" or ""."""
    source: str
    """Where the rule comes from."""
    severity: str
    """"soft", "hard", or "": the reason's own."""


def _rule(entry: typing.Any) -> Rule:
    return Rule(entry.id, Reason(entry.reason.index), entry.priority,
                entry.code, entry.enhanced, entry.stages, entry.mta,
                entry.phrase, entry.source, entry.severity)


def rules() -> typing.List[Rule]:
    """Return every rule, in the library's order."""
    return [_rule(_lib.rule_at(i)) for i in range(_lib.rule_count())]


def lookup_rule(id: str) -> typing.Optional[Rule]:
    """Return the rule whose id is ID, or None."""
    if not isinstance(id, str):
        raise TypeError("a rule's id is a str, not %r" % type(id).__name__)
    entry = _lib.rule_lookup(id)
    return None if entry is None else _rule(entry)


# ---------------------------------------------------------------------------
# Mail logs.

def annotate_lines(lines: typing.Any, file: str = "-", *,
                   first_line: int = 1, lang: _Lang = None,
                   redact: bool = False,
                   stage: typing.Any = None) -> typing.List[_Record]:
    """Return the records of the lines of a mail log that hold a reply, as
    the command prints them with --json annotate (the same objects):
    a dict per line with "input", "file", "line", the reply's "code",
    "enhanced" and their descriptions, the "reason", the "advice",
    "outcome", "mta", and the fields people group by: "queue_id",
    "recipient", "domain", "relay", "status".

    LINES is bytes or a str of lines ending in "\\n", or an iterable of
    lines (such as a file, or a partition of dask.bag.read_text); they
    are lines FIRST_LINE, FIRST_LINE + 1, ... of FILE.  The texts are in
    LANG; REDACT hides the local parts of addresses; STAGE is the
    command the replies answered, if known.
    """
    return json.loads(_lib.annotate_lines(
        lines, file=file, first_line=first_line, lang=lang, redact=redact,
        stage=stage))


# The formats of Summary.render.
_SUMMARY_FORMATS = {
    "text": _lib.SUMMARY_TEXT,
    "color": _lib.SUMMARY_COLOR,
    "json": _lib.SUMMARY_JSON,
}


class Summary(_lib.Summary):
    """A summary of mail log lines: what ``smtpreply annotate --summary``
    prints, as an object that can be built in parts and merged.

        total = smtpreply.Summary()
        total.add_lines(open("mail.log", "rb"), "mail.log")
        print(total.render("text", lang="ru"), end="")

    Summary(redact=False, failures=False): REDACT hides the local parts of
    addresses in the examples; FAILURES counts only failures (4yz, 5yz).
    It counts lines per outcome, then per reason, per destination domain
    and per reply, with the first line of each row as its example (first
    in (file, line) order, whatever order the lines came in).  Summaries
    of parts merge (``merge``, ``+``, ``sum``) into exactly the summary of
    the whole, in any order and grouping; ``to_json`` and ``from_json``
    carry them between processes (pickle uses them too).
    """

    __slots__ = ()

    def render(self, format: typing.Union[str, int] = "text",
               lang: _Lang = None) -> str:
        """Return the summary as the command prints it: FORMAT "text" (as
        ``annotate --summary``), "color" (the same with terminal colours)
        or "json" (JSON Lines, as ``--json annotate --summary``), in
        language LANG."""
        if isinstance(format, str):
            try:
                format = _SUMMARY_FORMATS[format]
            except KeyError:
                raise _error(_lib.EINVAL, lang) from None
        return super().render(format, lang)

    def __add__(self, other: "Summary") -> "Summary":
        if not isinstance(other, _lib.Summary):
            return NotImplemented
        total = self.copy()
        total.merge(other)
        return total

    def __radd__(self, other: typing.Any) -> "Summary":
        # sum() starts from 0.
        if isinstance(other, int) and other == 0:
            return self.copy()
        return NotImplemented

    def __iadd__(self, other: "Summary") -> "Summary":
        if not isinstance(other, _lib.Summary):
            return NotImplemented
        self.merge(other)
        return self

    def __repr__(self) -> str:
        return "<Summary of %d lines>" % self.lines


def _classify_reply(reply: Reply, stage: typing.Any,
                    remote_mta: typing.Optional[str], lang: _Lang) -> Verdict:
    """Return the verdict on REPLY; Reply.classify calls it."""
    return classify(reply.text, code=reply.code, enhanced=reply.enhanced,
                    stage=stage, remote_mta=remote_mta, lang=lang)


# ---------------------------------------------------------------------------
# Bounce messages.

class _BounceKindBase(enum.IntEnum):
    """A kind of message: str() gives its token ("dsn"), and the
    enumeration can be called with it, BounceKind("arf")."""

    def __str__(self) -> str:
        return self.token

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    @property
    def token(self) -> str:
        """The library's stable token of this kind, e.g. "not_bounce"."""
        return _lib.bounce_kind_name(int(self))

    @classmethod
    def _missing_(cls, value: object) -> typing.Any:
        if isinstance(value, str):
            for member in cls:
                if member.token == value:
                    return member
        return None


def _bounce_kinds() -> typing.List[typing.Tuple[str, int]]:
    """Return (member name, value) of each kind the library names."""
    kinds = []
    value = 0
    while True:
        token = _lib.bounce_kind_name(value)
        if token is None:
            return kinds
        kinds.append((_identifier(token), value))
        value += 1


BounceKind = _BounceKindBase("BounceKind", _bounce_kinds(),
                             module=__name__, qualname="BounceKind")
BounceKind.__doc__ = """What a message is, as bounce() reads it: DSN (a
    delivery status notification, RFC 3464 or RFC 6533), ARF (a feedback
    report, RFC 5965), BOUNCE (a bounce without a report, read from its
    text) or NOT_BOUNCE.  str() gives the token: "dsn", "arf", "bounce",
    "not_bounce"."""


def _enhanced_str(code: typing.Optional[typing.Tuple[int, int, int]]
                  ) -> typing.Optional[str]:
    return None if code is None else "%d.%d.%d" % code


class Recipient:
    """What a bounce says about one recipient, from bounce().

    Attributes (read-only):
        address: the recipient (a DSN's Final-Recipient, else its
            Original-Recipient; an ARF report's Original-Rcpt-To; the
            address a notification's text names), "" if unknown.
        action: a DsnAction: what happened (FAILED, DELAYED...; NONE for
            an ARF report).
        status: the status, e.g. "5.1.1" (a DSN's Status field, or the
            code a text gives), or None.
        code: the SMTP reply's code, or None when the message holds no
            reply for the recipient (never from an x-unix diagnostic or
            the returned original).
        enhanced: the enhanced code that begins the reply's text, or None.
        lines: the reply's lines, a tuple of str (after the code).
        remote_mta: the host that sent the reply, lower case, or None.
        diagnostic_type: a DSN's diagnostic type ("smtp", "x-unix"), or
            None.
        diagnostic: a DSN's Diagnostic-Code, or the text block of a
            bounce, or None.
        source: where it was found: "dsn", "arf" or "text:LINE".
        feedback_type: an ARF report's Feedback-Type, or None.
        verdict: the Verdict, as classify() gives it: reason, soft,
            rule, advice and their texts, in the language bounce() was
            asked for.
        reason, soft, advice: the verdict's.
    """

    __slots__ = ("_data", "_index", "address", "action", "status", "code",
                 "enhanced", "lines", "remote_mta", "diagnostic_type",
                 "diagnostic", "source", "feedback_type", "verdict")

    def __init__(self, data: typing.Any, index: int, lang: _Lang) -> None:
        (address, action, status, code, enhanced, lines, remote_mta,
         diagnostic_type, diagnostic, source, feedback_type,
         verdict) = data.recipient(index, lang)
        set_ = object.__setattr__
        set_(self, "_data", data)
        set_(self, "_index", index)
        set_(self, "address", address)
        set_(self, "action", DsnAction(action))
        set_(self, "status", _enhanced_str(status))
        set_(self, "code", code or None)
        set_(self, "enhanced", _enhanced_str(enhanced))
        set_(self, "lines", lines)
        set_(self, "remote_mta", remote_mta)
        set_(self, "diagnostic_type", diagnostic_type)
        set_(self, "diagnostic", diagnostic)
        set_(self, "source", source)
        set_(self, "feedback_type", feedback_type)
        set_(self, "verdict", _verdict(verdict))

    def __setattr__(self, name: str, value: typing.Any) -> None:
        raise AttributeError("a Recipient is read-only")

    @property
    def reason(self) -> typing.Optional[Reason]:
        """Why the delivery failed: the verdict's Reason."""
        return self.verdict.reason

    @property
    def soft(self) -> typing.Optional[bool]:
        """True for a soft failure (the address is good), False for a hard
        one, None for no failure: the verdict's."""
        return self.verdict.soft

    @property
    def advice(self) -> typing.Optional[Advice]:
        """What to do: the verdict's Advice."""
        return self.verdict.advice

    def to_json(self, lang: _Lang = None) -> _Record:
        """Return the record ``smtpreply --json bounce`` prints for this
        recipient (smtpreply_bounce_json), as a dict, its texts in
        LANG."""
        return json.loads(self._data.json(self._index, lang))

    def __repr__(self) -> str:
        return "<Recipient %r %s %s%s>" % (
            self.address, self.action, self.reason,
            "" if self.code is None else " %d" % self.code)


class Bounce:
    """A message read by bounce(): what kind it is and what happened to
    each recipient it reports on.

    Attributes (read-only):
        kind: a BounceKind ("dsn", "arf", "bounce", "not_bounce").
        format: what read it: "dsn", "arf", the id of the rule that read
            its text ("postfix", "qmail", "exim"...), or None for a
            message that is not a bounce.
        recipients: a tuple of Recipient, in the order of the message
            (empty for a message that is not a bounce).
        original: a dict of the "message_id", "from", "to", "subject"
            and "date" of the message it returned, those it has, decoded
            (empty if it returned none).
    """

    __slots__ = ("_data", "kind", "format", "recipients", "original")

    def __init__(self, data: typing.Any, lang: _Lang) -> None:
        set_ = object.__setattr__
        set_(self, "_data", data)
        set_(self, "kind", BounceKind(data.kind))
        set_(self, "format", data.format)
        set_(self, "recipients", tuple(Recipient(data, i, lang)
                                       for i in range(len(data))))
        set_(self, "original", data.original())

    def __setattr__(self, name: str, value: typing.Any) -> None:
        raise AttributeError("a Bounce is read-only")

    def report_field(self, name: str) -> typing.Optional[str]:
        """Return the first field NAME (in any case) of an ARF report:
        "Feedback-Type", "User-Agent", "Source-IP", "Reported-Domain"...,
        unfolded; None if there is none or this is no ARF report."""
        return self._data.report_field(name)

    def to_json(self, lang: _Lang = None) -> typing.List[_Record]:
        """Return the records ``smtpreply --json bounce`` prints for this
        message, as dicts: one per recipient, or one with "kind" alone for
        a message that is not a bounce; their texts in LANG."""
        if not self.recipients:
            return [json.loads(self._data.json(0, lang))]
        return [r.to_json(lang) for r in self.recipients]

    def __repr__(self) -> str:
        return "<Bounce %s %s, %d recipients>" % (
            self.kind, self.format, len(self.recipients))


def bounce(data: typing.Any, *, lang: _Lang = None) -> Bounce:
    """Read a whole message, as it was delivered, and return a Bounce:
    its kind (a DSN, an ARF report, a bounce without a report, or not a
    bounce) and what happened to each recipient it reports on.

    DATA is the message: bytes (or bytearray, memoryview), a str (encoded
    as UTF-8), or an email.message.Message (taken as its bytes).  The
    returned original message is never searched for replies.  The texts of
    each Recipient's verdict are in LANG.  The message is read without
    the GIL.

        b = smtpreply.bounce(open("bounce.eml", "rb").read())
        for r in b.recipients:
            print(r.address, r.action, r.code, r.reason, r.advice.action)

    A message that is not a bounce (an auto-reply, junk, empty) gives
    kind NOT_BOUNCE and no recipients.  Raise Error with kind
    "EBOUNCE_MIME" (a report without MIME boundaries), "EBOUNCE_REPORT"
    (a report that cannot be read) or "EBOUNCE_TOO_BIG" (over 64 MiB);
    TypeError for anything but the types above.
    """
    # (Only a program that imported email.message has a Message to give:
    # importing it here would cost every program 20 ms.)
    message = sys.modules.get("email.message")
    if message is not None and isinstance(data, message.Message):
        data = data.as_bytes()
    if lang is not None and not isinstance(lang, str):
        raise TypeError("lang is a str or None, not %r" % type(lang).__name__)
    return Bounce(_lib.bounce_read(data), lang)


# ---------------------------------------------------------------------------
# Showing text.

def display_safe(text: _Text) -> str:
    """Return TEXT (bytes, or str) as text safe to print on a terminal.

    C0 controls and DEL become "\\xHH", C1 controls and the line and
    paragraph separators "\\uHHHH", a tab a space; escape sequences and
    bidirectional, zero-width and other invisible characters are removed;
    each invalid UTF-8 sequence becomes U+FFFD.  HTML escaping is the
    caller's job.
    """
    return _lib.display_safe(text)


def json_quote(text: _Text) -> str:
    """Return TEXT (bytes, or str) as a JSON string, in double quotes, as
    the command writes server text: valid UTF-8 whatever the bytes, with
    controls and the invisible and bidirectional characters escaped as
    \\uXXXX."""
    return _lib.json_quote(text)


def redact(text: _Text) -> str:
    """Return TEXT (a log line, bytes or str) with the local part of each
    mail address replaced by "..."."""
    return _lib.log_redact(text)


# What the extension's objects are made of and hand their work to.
_lib._register(flag=Flag, enhanced_code=EnhancedCode, reply_class=ReplyClass,
               category=Category, advise=advise,
               classify_reply=_classify_reply)
