# smtpreply.py -- the Python module: what SMTP server replies mean.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""What SMTP server replies mean, in the language of the reader.

smtpreply explains SMTP reply codes (RFC 5321) and enhanced status codes
(RFC 3463), parses replies as they arrive from a server, finds replies in
log lines and bounces, advises whether to retry or give up, and says all
of it in any language it has a catalog for.  Every answer comes from the
smtpreply C library; this module makes it feel like Python.

    >>> import smtpreply
    >>> smtpreply.title(550)
    'Mailbox unavailable'
    >>> parser = smtpreply.Parser()
    >>> [reply] = parser.feed(b"550 5.1.1 No such user\\r\\n")
    >>> reply.code, reply.enhanced, reply.text, reply.is_permanent
    (550, '5.1.1', 'No such user', True)
    >>> smtpreply.advise(reply).action
    <Action.GIVE_UP: 4>

Languages.  Every function that says something takes ``lang``: a tag such
as "ru", "pt_BR", "pt-BR" or "ru_RU.UTF-8", or a list such as "uk:ru",
tried in order; unknown tags fall back to English.  ``lang=None`` (the
default) is the library's reading of the environment, as gettext reads
it: LANGUAGE, unless the locale is C or POSIX, then LC_ALL, LC_MESSAGES,
LANG.  It is read on every call, and never depends on the locale state
of the interpreter (Python sets only LC_CTYPE).

Input.  Raw server text is bytes; every function that reads it takes
bytes, bytearray, memoryview or str (encoded as UTF-8, with lone
surrogates from the "surrogateescape" error handler turned back into the
bytes they stand for).  Reply codes may be given as int or as a str of
three digits.

Errors.  Invalid input raises smtpreply.Error, whose ``kind`` is the
library's symbolic name of the error ("EBAD_CODE") and whose ``message``
is translated; malformed text raises its subclass ParseError (also a
ValueError), which tells the ``line`` and byte ``offset``.

The low-level module _smtpreply, which SWIG generates, offers every C
function of smtpreply.h under its name without the smtpreply_ prefix.
"""

from __future__ import annotations

import enum
import operator
import threading
import typing

# Shorthands of the annotations.
_Lang = typing.Optional[str]
_Code = typing.Union[int, str, bytes]
_Text = typing.Union[str, bytes, bytearray, memoryview]
_OnError = typing.Optional[typing.Callable[["ParseError"], typing.Any]]

__all__ = [
    "Action", "Advice", "Category", "CodeInfo", "CodeStatus",
    "EnhancedClass", "EnhancedCode", "EnhancedInfo", "Error", "Flag",
    "Match", "ParseError", "Parser", "Reply", "ReplyClass", "Stage",
    "Subject", "advise", "check_catalog", "check_code", "check_enhanced",
    "check_language", "code_category", "code_class", "codes", "describe",
    "describe_enhanced", "display_safe", "enhanced_agrees", "enhanced_class",
    "enhanced_codes", "enhanced_subject", "errname", "extract",
    "is_failure", "is_intermediate", "is_permanent", "is_preliminary",
    "is_success", "is_transient", "iterate", "languages", "lookup",
    "lookup_enhanced", "parse", "parse_code", "parse_enhanced",
    "resolve_language", "strerror", "title", "translate",
    "translate_plural", "version",
]


# ---------------------------------------------------------------------------
# Errors.  They come first: the low-level module raises them, and finds
# them here.

class Error(Exception):
    """An error of the smtpreply library.

    Attributes:
        kind: the error's symbolic name without the SMTPREPLY_ prefix, such
            as "EBAD_CODE" or "ETRUNCATED"; stable, for programs to test.
        message: what the library says about the error, translated (also
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
        return type(self)(self.kind, strerror(self.errno, lang), self.errno)


class ParseError(Error, ValueError):
    """Text that is not what it should be: a reply, a code.

    Besides kind, message and errno (see Error):
        line: the line of the stream (from 1) where the error was found,
            or None for a single string (parse_code, parse_enhanced).
        offset: the offset of the offending byte, from 0, in the stream or
            in the string.
        replies: for an error of Parser.feed or Parser.finish, the replies
            completed in that call before the error (they are not returned
            otherwise); empty elsewhere.
    """

    def __init__(self, kind: str, message: str,
                 errno: typing.Optional[int] = None,
                 line: typing.Optional[int] = None,
                 offset: typing.Optional[int] = None,
                 replies: typing.Iterable["Reply"] = ()) -> None:
        super().__init__(kind, message, errno)
        self.args = (kind, message, errno, line, offset)
        self.line = line
        self.offset = offset
        self.replies = list(replies)

    def __repr__(self) -> str:
        return "%s(%r, %r, line=%r, offset=%r)" % (
            type(self).__name__, self.kind, self.message, self.line,
            self.offset)

    def _in_language(self, lang: _Lang) -> "ParseError":
        if lang is None or self.errno is None:
            return self
        return type(self)(self.kind, strerror(self.errno, lang), self.errno,
                          self.line, self.offset, self.replies)


import _smtpreply as _lib  # noqa: E402 (the errors above come first)

_ERRNAME_PREFIX = "SMTPREPLY_"


def _error(errno: int, lang: _Lang = None,
           cls: type = Error, **extra: typing.Any) -> Error:
    """Return an exception CLS for the library's error ERRNO."""
    name = _lib.errname(errno)
    kind = name[len(_ERRNAME_PREFIX):] if name else "EUNKNOWN"
    return cls(kind, _lib.strerror_lang(errno, lang), errno, **extra)


def strerror(errno: int, lang: _Lang = None) -> str:
    """Return the library's message for error ERRNO (negative), in LANG.

    A number that is not an error code gives a message saying so.
    """
    return _lib.strerror_lang(errno, lang)


def errname(errno: int) -> typing.Optional[str]:
    """Return the symbolic name of error ERRNO, e.g. "SMTPREPLY_ETRUNCATED".

    None if ERRNO is not an error code.  Error.kind is this name without
    the SMTPREPLY_ prefix.
    """
    return _lib.errname(errno)


def version() -> str:
    """Return the version of the C library the module runs with."""
    return _lib.version()


__version__ = version()


# ---------------------------------------------------------------------------
# Enumerations.  Their members come from the C library: the digit tables,
# the enums and the flags of smtpreply.h.

class _Digit(enum.IntEnum):
    """A digit with a meaning: a class or a category of reply codes, a
    class or a subject of enhanced status codes.  The member's name is the
    library's stable token for it."""

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

    SYNTAX (0), INFORMATION (1), CONNECTIONS (2), UNSPECIFIED_3 (3),
    UNSPECIFIED_4 (4), MAIL_SYSTEM (5).  title(lang) and describe(lang)
    say what it means.""")

EnhancedClass = _digit_enum(
    "EnhancedClass", _lib.enhanced_class_lookup, range(10),
    """The class of an enhanced status code (RFC 3463): 2, 4 or 5.

    SUCCESS (2), PERSISTENT_TRANSIENT_FAILURE (4), PERMANENT_FAILURE (5).
    title(lang) and describe(lang) say what it means.""")

Subject = _digit_enum(
    "Subject", _lib.enhanced_subject_lookup, range(1000),
    """The subject of an enhanced status code (RFC 3463): X.0.X to X.7.X.

    OTHER, ADDRESSING, MAILBOX, MAIL_SYSTEM, NETWORK_ROUTING, PROTOCOL,
    CONTENT_MEDIA, SECURITY_POLICY.  title(lang) and describe(lang) say
    what it means.""")


def _constant_enum(name: str, prefix: str, doc: str,
                   base: typing.Any = enum.IntEnum) -> typing.Any:
    """Return the enumeration NAME of the low-level constants PREFIX*."""
    members = sorted(((key[len(prefix):], getattr(_lib, key))
                      for key in dir(_lib) if key.startswith(prefix)),
                     key=operator.itemgetter(1))
    cls = base(name, members, module=__name__, qualname=name)
    cls.__doc__ = doc
    return cls


CodeStatus = _constant_enum(
    "CodeStatus", "STATUS_",
    """What a code is in the standards: STANDARD, DEPRECATED,
    EXPERIMENTAL or REGISTRY_ONLY (named only by the IANA registry).""")

Action = _constant_enum(
    "Action", "ACTION_",
    """What advise() tells a sending program to do: PROCEED (it worked),
    CONTINUE (send more, or wait for the next reply), RETRY (keep the
    message and try later) or GIVE_UP (do not retry as is: bounce).""")

Stage = _constant_enum(
    "Stage", "STAGE_",
    """The command a reply answers, for advise(): ANY (unknown), GREETING,
    EHLO (or HELO), MAIL, RCPT, DATA (the command), DATA_END (the end of
    the message data), BDAT, AUTH, STARTTLS, QUIT.""")


class _FlagBase(enum.IntFlag):
    """Diagnostics the parser sets on a reply."""

    def describe(self, lang: _Lang = None) -> str:
        """Return what this flag (one bit) means, in LANG."""
        return _lib.strerror_lang(_lib.flag_error(int(self)), lang)

    @property
    def kind(self) -> str:
        """The kind of the error this flag (one bit) becomes in strict
        mode, e.g. "EBARE_LF" for BARE_LF."""
        return _lib.errname(_lib.flag_error(int(self)))[len(_ERRNAME_PREFIX):]


Flag = _constant_enum(
    "Flag", "FLAG_",
    """The parser's diagnostics: how a reply deviates from RFC 5321.

    Reply.flags holds them; Parser(strict=...) makes them errors.  Each
    member's name is the library's token (smtpreply_flag_name):
    CODE_MISMATCH, BARE_CODE, NO_SPACE, BARE_LF, CONTROL, EIGHT_BIT,
    ENHANCED_MISMATCH, ENHANCED_INCONSISTENT, ENHANCED_INVALID,
    PRELIMINARY.  describe(lang) says what one means.""",
    base=_FlagBase)


def _flag_names(flags: int) -> typing.List[str]:
    """Return the names of the flags set in FLAGS, lowest bit first."""
    return [f.name for f in Flag if flags & f]


# ---------------------------------------------------------------------------
# Reply codes.

_INT_MIN = -(1 << 31)
_INT_MAX = (1 << 31) - 1
_TEXT_TYPES = (str, bytes, bytearray, memoryview)


def _code(code: typing.Any, lang: _Lang = None) -> int:
    """Return CODE, a reply code as int or text, as a valid int code, or
    raise Error (ParseError for text) with its message in LANG."""
    if isinstance(code, _TEXT_TYPES):
        return parse_code(code, lang)
    try:
        value = operator.index(code)
    except TypeError:
        raise TypeError("a reply code is an int or a str of three digits, "
                        "not %s" % type(code).__name__) from None
    if not _INT_MIN <= value <= _INT_MAX:
        value = _INT_MIN
    try:
        _lib.code_check(value)
    except Error as e:
        raise e._in_language(lang) from None
    return value


def parse_code(text: _Text, lang: _Lang = None) -> int:
    """Return the reply code TEXT (str or bytes) holds, exactly three digits.

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


def describe(code: _Code, lang: _Lang = None) -> typing.Optional[str]:
    """Return what reply CODE means, in LANG; None if it is not in the table.

    Raise Error if CODE is not a valid reply code at all.
    """
    return _lib.reply_describe_lang(_code(code, lang), lang)


def title(code: _Code, lang: _Lang = None) -> typing.Optional[str]:
    """Return the short title of reply CODE, in LANG; None if it is not in
    the table.  Raise Error if CODE is not a valid reply code."""
    entry = _lib.reply_lookup(_code(code, lang))
    return None if entry is None else _lib.translate(entry.title, lang)


class CodeInfo(typing.NamedTuple):
    """An entry of the table of reply codes, from lookup() or codes().

    title and description are in the language asked for; the other
    fields are never translated.
    """

    code: int
    """The reply code, e.g. 550."""
    name: str
    """The library's stable token, e.g. "MAILBOX_UNAVAILABLE"."""
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
        return code_category(self.code)


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
    the module takes an enhanced code, it takes an EnhancedCode, a tuple
    (class, subject, detail) or a str or bytes like "5.1.1".
    """

    cls: int
    """The class: 2, 4 or 5."""
    subject: int
    """The subject, 0 to 999."""
    detail: int
    """The detail, 0 to 999."""

    def __str__(self) -> str:
        try:
            return _lib.enhanced_format(self)
        except Error:
            return "%d.%d.%d" % tuple(self)

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
    try:
        return EnhancedCode(*_lib.enhanced_parse(text))
    except Error as e:
        raise e._in_language(lang) from None


def _enhanced(code: typing.Any, lang: _Lang = None) -> EnhancedCode:
    """Return CODE (text, tuple or EnhancedCode) as a valid EnhancedCode,
    or raise Error with its message in LANG."""
    if isinstance(code, _TEXT_TYPES):
        return parse_enhanced(code, lang)
    if isinstance(code, EnhancedCode):
        value = code
    else:
        try:
            value = EnhancedCode(*(operator.index(part) for part in code))
        except TypeError:
            raise TypeError("an enhanced status code is a str like \"5.1.1\""
                            " or a (class, subject, detail) tuple, not %s"
                            % type(code).__name__) from None
    try:
        _lib.enhanced_check(value)
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
    """The library's stable token, e.g. "BAD_DESTINATION_MAILBOX"."""
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


def check_language(lang: _Lang = None) -> None:
    """Return None if some tag of LANG has a catalog or means English;
    otherwise raise Error telling why it resolves to English:
    "EBAD_LANG" (a tag has characters a tag cannot have) or
    "ENO_CATALOG"."""
    _lib.language_check(lang)


def check_catalog(lang: str) -> None:
    """Load the catalog of LANG (one tag, no fallback) and return None if it
    is usable; otherwise raise Error: "EBAD_LANG", "ENO_CATALOG" or the
    "ECATALOG_*" reason it was rejected for."""
    _lib.catalog_check(lang)


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

def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


class Reply:
    """A reply the parser read: one or more lines with the same code.

    Attributes:
        code: the reply code (of the first line), e.g. 550.
        enhanced: the enhanced status code of the first line as a str,
            e.g. "5.1.1", or None.
        lines: the text of each line after the code and separator, as
            str (UTF-8, invalid bytes replaced with U+FFFD).
        raw_lines: the same lines as the server sent them, as bytes.
        messages: the lines without the enhanced status code.
        text: the messages joined with "\\n".
        flags: the parser's diagnostics (a Flag).
        offset: the offset in the stream of the reply's first byte.
        line: the line number in the stream of its first line (from 1).

    Server text is untrusted: show it to a person through display_safe().
    Replies come from Parser; the constructor takes the fields in the
    order the low-level parser_feed_all gives them.
    """

    __slots__ = ("code", "enhanced", "flags", "raw_lines", "lines",
                 "messages", "text", "offset", "line", "_raw_messages")

    def __init__(self, code: int, enhanced: typing.Optional[str], flags: int,
                 raw_lines: typing.Sequence[bytes],
                 raw_messages: typing.Sequence[bytes],
                 offset: int, line: int) -> None:
        self.code = code
        self.enhanced = enhanced
        self.flags = Flag(flags)
        self.raw_lines = list(raw_lines)
        self._raw_messages = tuple(raw_messages)
        self.lines = [_decode(raw) for raw in self.raw_lines]
        self.messages = [_decode(raw) for raw in self._raw_messages]
        self.text = "\n".join(self.messages)
        self.offset = offset
        self.line = line

    def _key(self) -> tuple:
        return (self.code, self.enhanced, int(self.flags),
                tuple(self.raw_lines), self._raw_messages, self.offset,
                self.line)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Reply):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        first = self.messages[0] if self.messages else ""
        if len(first) > 60:
            first = first[:59] + "\u2026"
        parts = [str(self.code)]
        if self.enhanced is not None:
            parts.append(self.enhanced)
        parts.append(repr(first))
        if len(self.lines) > 1:
            parts.append("(%d lines)" % len(self.lines))
        if self.flags:
            parts.append("flags=" + "|".join(_flag_names(self.flags)))
        parts.append("line=%d" % self.line)
        return "<Reply %s>" % " ".join(parts)

    @property
    def enhanced_code(self) -> typing.Optional[EnhancedCode]:
        """The enhanced status code as an EnhancedCode, or None."""
        return None if self.enhanced is None else parse_enhanced(self.enhanced)

    @property
    def reply_class(self) -> ReplyClass:
        """The class of the code (first digit)."""
        return code_class(self.code)

    @property
    def category(self) -> Category:
        """The category of the code (second digit)."""
        return code_category(self.code)

    @property
    def is_preliminary(self) -> bool:
        """1yz: wait for another reply."""
        return _lib.code_is_preliminary(self.code)

    @property
    def is_success(self) -> bool:
        """2yz: the command succeeded."""
        return _lib.code_is_success(self.code)

    @property
    def is_intermediate(self) -> bool:
        """3yz: send more."""
        return _lib.code_is_intermediate(self.code)

    @property
    def is_transient(self) -> bool:
        """4yz: retry later."""
        return _lib.code_is_transient(self.code)

    @property
    def is_permanent(self) -> bool:
        """5yz: do not retry as is."""
        return _lib.code_is_permanent(self.code)

    @property
    def is_failure(self) -> bool:
        """4yz or 5yz."""
        return _lib.code_is_failure(self.code)

    def describe(self, lang: _Lang = None) -> typing.Optional[str]:
        """Return what the reply code means, in LANG (None if the table does
        not list it)."""
        return _lib.reply_describe_lang(self.code, lang)

    def describe_enhanced(self, lang: _Lang = None) -> typing.Optional[str]:
        """Return what the enhanced status code means, in LANG, or None if
        the reply has none."""
        if self.enhanced is None:
            return None
        return describe_enhanced(self.enhanced, lang)

    def advise(self, stage: typing.Union[Stage, int, str] = 0,
               lang: _Lang = None) -> "Advice":
        """Return the advice on this reply in answer to STAGE; see advise()."""
        return advise(self.code, self.enhanced, stage, lang)


# The limits of Parser, by keyword.
_LIMITS = {
    "max_line_length": _lib.LIMIT_LINE_LENGTH,
    "max_lines": _lib.LIMIT_LINES,
    "max_reply_bytes": _lib.LIMIT_REPLY_BYTES,
}

# Chunks read from a file or socket by Parser.iterate.
DEFAULT_CHUNK_SIZE = 65536


def _as_bytes(data: typing.Any) -> typing.Any:
    """Return DATA as an object with the buffer interface: a str is
    encoded as UTF-8."""
    if isinstance(data, str):
        return data.encode("utf-8", "surrogateescape")
    return data


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


class Parser:
    """An incremental parser of SMTP replies (RFC 5321 4.2).

    Feed it bytes as they arrive, in any chunking, and it hands out the
    complete replies:

        parser = smtpreply.Parser()
        for reply in parser.iterate(sock):   # or a file opened "rb"
            print(reply.code, reply.text)

    Keyword arguments:
        max_line_length: the longest line, its code and line ending
            included (default 512, RFC 5321 4.5.3.1.5; at most 1 MiB).
        max_lines: lines per reply (default 1000, at most 1000000).
        max_reply_bytes: bytes per reply (default 64 KiB, at most 64 MiB).
        strict: the flags (Flag) that are errors rather than flags on the
            reply; True for all of them.
        lang: the language of the messages of the errors it raises (None:
            the default language).

    Errors.  A reply that breaks the rules raises ParseError at its place
    in the stream: feed() returns the replies completed before it in the
    ParseError's ``replies``, and keeps the bytes after the offending byte
    to parse at the next call of feed() (with more bytes, or none) or
    finish().  The parser drops the bad reply and goes on at the next
    line, so no reply is lost and every error is raised once, in order,
    whatever the chunking.

    Threads.  The C parser runs without the GIL; a lock makes calls on
    one Parser from several threads wait for each other.
    """

    def __init__(self, *, max_line_length: typing.Optional[int] = None,
                 max_lines: typing.Optional[int] = None,
                 max_reply_bytes: typing.Optional[int] = None,
                 strict: typing.Union[Flag, int, bool] = 0,
                 lang: _Lang = None) -> None:
        self._p = None
        self._lock = threading.Lock()
        self._pending = b""
        self.lang = lang
        self._p = _lib.parser_new()
        self._free = _lib.parser_free
        limits = (("max_line_length", max_line_length),
                  ("max_lines", max_lines),
                  ("max_reply_bytes", max_reply_bytes))
        for name, value in limits:
            if value is not None:
                setattr(self, name, value)
        self.strict = strict

    def __del__(self) -> None:
        p = getattr(self, "_p", None)
        if p is not None:
            self._p = None
            self._free(p)

    def close(self) -> None:
        """Free the C parser.  The Parser cannot be used afterwards; a
        Parser is also freed when it is garbage-collected."""
        with self._lock:
            p, self._p = self._p, None
            self._pending = b""
            if p is not None:
                self._free(p)

    def __enter__(self) -> "Parser":
        return self

    def __exit__(self, *exc_info: typing.Any) -> None:
        self.close()

    def _handle(self) -> typing.Any:
        if self._p is None:
            raise ValueError("the Parser is closed")
        return self._p

    def _get_limit(self, name: str) -> int:
        return _lib.parser_get_limit(self._handle(), _LIMITS[name])

    def _set_limit(self, name: str, value: int) -> None:
        with self._lock:
            try:
                _lib.parser_set_limit(self._handle(), _LIMITS[name],
                                      operator.index(value))
            except (Error, OverflowError):
                raise _error(_lib.EINVAL, self.lang) from None

    max_line_length = property(
        lambda self: self._get_limit("max_line_length"),
        lambda self, value: self._set_limit("max_line_length", value),
        doc="The longest line the parser takes, code and line ending "
            "included (at least 4).  Setting it raises Error (\"EINVAL\") "
            "for a value out of range.")
    max_lines = property(
        lambda self: self._get_limit("max_lines"),
        lambda self, value: self._set_limit("max_lines", value),
        doc="The most lines of one reply.")
    max_reply_bytes = property(
        lambda self: self._get_limit("max_reply_bytes"),
        lambda self, value: self._set_limit("max_reply_bytes", value),
        doc="The most bytes of one reply.")

    @property
    def strict(self) -> Flag:
        """The flags that are errors (a Flag).  Set it to a Flag, an int
        mask, True (all flags) or False."""
        return self._strict

    @strict.setter
    def strict(self, value: typing.Union[Flag, int, bool]) -> None:
        if value is True:
            mask = _lib.flag_all()
        elif value is False:
            mask = 0
        else:
            mask = operator.index(value)
        with self._lock:
            try:
                _lib.parser_set_strict(self._handle(), mask)
            except (Error, OverflowError):
                raise _error(_lib.EINVAL, self.lang) from None
        self._strict = Flag(mask)

    @property
    def pending(self) -> int:
        """The number of bytes held back after an error, which the next
        call of feed() or finish() parses first."""
        return len(self._pending)

    def _parse_error(self, errno: int, line: int, offset: int,
                     replies: typing.List[Reply]) -> ParseError:
        return _error(errno, self.lang, ParseError, line=line, offset=offset,
                      replies=replies)

    def _feed(self, data: typing.Any) -> typing.List[Reply]:
        """Feed DATA after the bytes held back; the lock is held."""
        p = self._handle()
        data = _as_bytes(data)
        if self._pending:
            data = self._pending + bytes(data)
            self._pending = b""
        items, used, errno, line, offset = _lib.parser_feed_all(p, data)
        replies = [Reply(*item) for item in items]
        if errno < 0:
            self._pending = bytes(memoryview(data).cast("B")[used:])
            raise self._parse_error(errno, line, offset, replies)
        return replies

    def feed(self, data: _Text = b"") -> typing.List[Reply]:
        """Parse DATA (bytes, or str encoded as UTF-8), the next bytes of
        the stream, and return the list of replies it completes (often
        empty: a reply may span many chunks, and a chunk hold many).

        Raise ParseError for a reply that breaks the rules (see the class):
        its ``replies`` are the replies completed before it, and the rest
        of DATA is parsed by the next call.  After a ParseError, call
        feed() again, with more bytes or none, to go on.
        """
        with self._lock:
            return self._feed(data)

    def finish(self) -> typing.List[Reply]:
        """Tell the parser the stream ended, and make it ready for a new
        one.  Return the replies completed by bytes held back after an
        error (usually none).

        Raise ParseError "ETRUNCATED" if the stream ended inside a reply,
        or the error found in the bytes held back (then call finish()
        again to go on).
        """
        with self._lock:
            replies = self._feed(b"") if self._pending else []
            p = self._handle()
            try:
                _lib.parser_finish(p)
            except ParseError as e:
                raise self._parse_error(e.errno, e.line, e.offset,
                                        replies) from None
            return replies

    def reset(self) -> None:
        """Forget any partial reply, the bytes held back and the stream
        position, keeping the limits and strict flags."""
        with self._lock:
            self._pending = b""
            _lib.parser_reset(self._handle())

    def iterate(self, source: typing.Any, *,
                chunk_size: int = DEFAULT_CHUNK_SIZE,
                on_error: _OnError = None) -> typing.Iterator[Reply]:
        """Yield the replies read from SOURCE, then finish().

        SOURCE is a socket (anything with .recv), a file opened in binary
        mode (.read1, else .read; a text file works too, but its newline
        translation turns CRLF into bare LF), bytes or str, or an iterable
        of chunks.  Each read asks for CHUNK_SIZE bytes at most; .recv and
        .read1 return what has arrived, so from a socket or a pipe each
        reply is yielded as soon as it is complete.

        Replies are yielded in stream order.  A ParseError is raised at its
        place, after the replies before it were yielded (its ``replies`` is
        then empty); or, if ON_ERROR is given, ON_ERROR(error) is called
        and the iteration goes on.  After a raised error, calling iterate()
        again on the same source resumes after the bad line.
        """
        for chunk in _chunks(source, chunk_size):
            yield from self._drain(chunk, on_error)
        yield from self._drain(None, on_error)

    def _drain(self, chunk: typing.Any,
               on_error: typing.Any) -> typing.Iterator[Reply]:
        """Yield the replies of feed(CHUNK), or of finish() if CHUNK is
        None, going on after each error if ON_ERROR is given."""
        while True:
            try:
                replies = self.finish() if chunk is None else self.feed(chunk)
            except ParseError as e:
                before, e.replies = e.replies, []
                yield from before
                if on_error is None:
                    raise
                on_error(e)
                if chunk is not None:
                    chunk = b""
                continue
            yield from replies
            return


def parse(data: typing.Any, *,
          on_error: _OnError = None,
          **options: typing.Any) -> typing.List[Reply]:
    """Return the list of replies in DATA, a complete stream: bytes, str, a
    file, a socket or an iterable of chunks (see Parser.iterate).

    OPTIONS are those of Parser.  The first ParseError is raised, unless
    ON_ERROR is given: then it is called with each error, and the replies
    around the bad ones are returned.
    """
    with Parser(**options) as parser:
        return list(parser.iterate(data, on_error=on_error))


def iterate(source: typing.Any, *,
            on_error: _OnError = None,
            chunk_size: int = DEFAULT_CHUNK_SIZE,
            **options: typing.Any) -> typing.Iterator[Reply]:
    """Yield the replies read from SOURCE with a new Parser(**OPTIONS); see
    Parser.iterate."""
    parser = Parser(**options)
    try:
        yield from parser.iterate(source, chunk_size=chunk_size,
                                  on_error=on_error)
    finally:
        parser.close()


# ---------------------------------------------------------------------------
# Free text, advice, display.

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

    @property
    def enhanced_code(self) -> typing.Optional[EnhancedCode]:
        """The enhanced status code as an EnhancedCode, or None."""
        return None if self.enhanced is None else parse_enhanced(self.enhanced)


def extract(text: _Text) -> typing.Optional[Match]:
    """Find the SMTP reply in TEXT (str or bytes): a log line, a bounce's
    Diagnostic-Code, a whole reply.  Return a Match, or None if there is
    none.

    Numbers that are not replies (delays, ports, addresses, dates, sizes,
    versions, queue ids) are not taken; of several candidates the most
    specific wins.
    """
    is_str = isinstance(text, str)
    data = _as_bytes(text)
    if not isinstance(data, bytes):
        data = bytes(data)
    m = _lib.extract(data)
    if not m["found"]:
        return None
    if is_str:
        def position(offset: int) -> int:
            return len(data[:offset].decode("utf-8", "surrogateescape"))
    else:
        def position(offset: int) -> int:
            return offset
    has_code = bool(m["found"] & _lib.MATCH_CODE)
    has_enhanced = bool(m["found"] & _lib.MATCH_ENHANCED)
    text_offset = position(m["text_offset"])
    return Match(
        m["code"] if has_code else None,
        position(m["code_offset"]) if has_code else None,
        _lib.enhanced_format(m["enhanced"]) if has_enhanced else None,
        position(m["enhanced_offset"]) if has_enhanced else None,
        m["enhanced_length"] if has_enhanced else 0,
        text_offset,
        text[text_offset:])


class Advice(typing.NamedTuple):
    """What a sending program should do with a reply, from advise()."""

    rule: str
    """The library's stable token of the rule applied, e.g.
    "RCPT_552_AS_452"."""
    action: Action
    """What to do: PROCEED, CONTINUE, RETRY or GIVE_UP."""
    text: str
    """The advice as a sentence, in the language asked for."""


def _stage(stage: typing.Union[Stage, int, str]) -> int:
    if isinstance(stage, str):
        try:
            return Stage[stage.upper()]
        except KeyError:
            raise ValueError("unknown stage %r" % stage) from None
    return operator.index(stage)


def advise(code: typing.Union[int, str, Reply, None],
           enhanced: typing.Any = None,
           stage: typing.Union[Stage, int, str] = 0,
           lang: _Lang = None) -> Advice:
    """Advise on reply CODE with enhanced status code ENHANCED (None if
    none), in answer to STAGE (a Stage, or its name such as "rcpt").

    CODE may be a Reply (its enhanced code is used unless ENHANCED is
    given), or None when only an enhanced code is known (a log's
    "dsn=4.7.1").  When CODE and ENHANCED disagree in class, CODE decides
    (RFC 5321 4.2).  The advice's text is in LANG.  Raise Error for an
    invalid code, and Error "EINVAL" for an unknown stage or when both
    codes are None.
    """
    if isinstance(code, Reply):
        if enhanced is None:
            enhanced = code.enhanced
        code = code.code
    value = 0 if code is None or (isinstance(code, int) and code == 0) \
        else _code(code, lang)
    e = None if enhanced is None else _enhanced(enhanced, lang)
    try:
        advice = _lib.advise(value, e, _stage(stage))
    except Error as err:
        raise err._in_language(lang) from None
    except OverflowError:
        raise _error(_lib.EINVAL, lang) from None
    return Advice(advice.rule, Action(advice.action),
                  _lib.translate(advice.text, lang))


def display_safe(text: _Text) -> str:
    """Return TEXT (bytes, or str) as text safe to print on a terminal.

    C0 controls and DEL become "\\xHH", C1 controls and the line and
    paragraph separators "\\uHHHH", a tab a space; escape sequences and
    bidirectional, zero-width and other invisible characters are removed;
    each invalid UTF-8 sequence becomes U+FFFD.  HTML escaping is the
    caller's job.
    """
    return _lib.display_safe(text)
