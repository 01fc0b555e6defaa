# smtpreply.pyi -- the types of the smtpreply module.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The enumerations' members come from the C library at import time; they
# are listed here for type checkers, and tests/python/t-api.py checks that
# this file and the module agree.

import enum
from typing import (Any, Callable, Iterable, Iterator, List, NamedTuple,
                    Optional, Sequence, Tuple, Union)

_Bytes = Union[bytes, bytearray, memoryview]
_Text = Union[str, bytes, bytearray, memoryview]
_Code = Union[int, str, bytes, bytearray, memoryview]
_Enhanced = Union["EnhancedCode", Tuple[int, int, int], _Text]
_Lang = Optional[str]
_StageArg = Union["Stage", int, str]
_Source = Any  # a socket, a file, bytes, str or an iterable of chunks
_OnError = Optional[Callable[["ParseError"], Any]]

__version__: str
DEFAULT_CHUNK_SIZE: int

class Error(Exception):
    kind: str
    message: str
    errno: Optional[int]
    def __init__(self, kind: str, message: str,
                 errno: Optional[int] = ...) -> None: ...

class ParseError(Error, ValueError):
    line: Optional[int]
    offset: Optional[int]
    replies: List[Reply]
    def __init__(self, kind: str, message: str, errno: Optional[int] = ...,
                 line: Optional[int] = ..., offset: Optional[int] = ...,
                 replies: Iterable[Reply] = ...) -> None: ...

def strerror(errno: int, lang: _Lang = ...) -> str: ...
def errname(errno: int) -> Optional[str]: ...
def version() -> str: ...

class _Digit(enum.IntEnum):
    def title(self, lang: _Lang = ...) -> str: ...
    def describe(self, lang: _Lang = ...) -> str: ...

class ReplyClass(_Digit):
    POSITIVE_PRELIMINARY = 1
    POSITIVE_COMPLETION = 2
    POSITIVE_INTERMEDIATE = 3
    TRANSIENT_NEGATIVE = 4
    PERMANENT_NEGATIVE = 5

class Category(_Digit):
    SYNTAX = 0
    INFORMATION = 1
    CONNECTIONS = 2
    UNSPECIFIED_3 = 3
    UNSPECIFIED_4 = 4
    MAIL_SYSTEM = 5

class EnhancedClass(_Digit):
    SUCCESS = 2
    PERSISTENT_TRANSIENT_FAILURE = 4
    PERMANENT_FAILURE = 5

class Subject(_Digit):
    OTHER = 0
    ADDRESSING = 1
    MAILBOX = 2
    MAIL_SYSTEM = 3
    NETWORK_ROUTING = 4
    PROTOCOL = 5
    CONTENT_MEDIA = 6
    SECURITY_POLICY = 7

class CodeStatus(enum.IntEnum):
    STANDARD = 0
    DEPRECATED = 1
    EXPERIMENTAL = 2
    REGISTRY_ONLY = 3

class Action(enum.IntEnum):
    PROCEED = 1
    CONTINUE = 2
    RETRY = 3
    GIVE_UP = 4

class Stage(enum.IntEnum):
    ANY = 0
    GREETING = 1
    EHLO = 2
    MAIL = 3
    RCPT = 4
    DATA = 5
    DATA_END = 6
    BDAT = 7
    AUTH = 8
    STARTTLS = 9
    QUIT = 10

class Flag(enum.IntFlag):
    CODE_MISMATCH = 1
    BARE_CODE = 2
    NO_SPACE = 4
    BARE_LF = 8
    CONTROL = 16
    EIGHT_BIT = 32
    ENHANCED_MISMATCH = 64
    ENHANCED_INCONSISTENT = 128
    ENHANCED_INVALID = 256
    PRELIMINARY = 512
    def describe(self, lang: _Lang = ...) -> str: ...
    @property
    def kind(self) -> str: ...

# Reply codes.
def parse_code(text: _Text, lang: _Lang = ...) -> int: ...
def check_code(code: _Code, lang: _Lang = ...) -> int: ...
def describe(code: _Code, lang: _Lang = ...) -> Optional[str]: ...
def title(code: _Code, lang: _Lang = ...) -> Optional[str]: ...

class CodeInfo(NamedTuple):
    code: int
    name: str
    status: CodeStatus
    reference: str
    context: str
    title: str
    description: str
    @property
    def reply_class(self) -> ReplyClass: ...
    @property
    def category(self) -> Category: ...

def lookup(code: _Code, lang: _Lang = ...) -> Optional[CodeInfo]: ...
def codes(lang: _Lang = ...) -> List[CodeInfo]: ...
def code_class(code: _Code) -> ReplyClass: ...
def code_category(code: _Code) -> Category: ...
def is_preliminary(code: _Code) -> bool: ...
def is_success(code: _Code) -> bool: ...
def is_intermediate(code: _Code) -> bool: ...
def is_transient(code: _Code) -> bool: ...
def is_permanent(code: _Code) -> bool: ...
def is_failure(code: _Code) -> bool: ...

# Enhanced status codes.
class EnhancedCode(NamedTuple):
    cls: int
    subject: int
    detail: int
    @classmethod
    def parse(cls, text: _Text, lang: _Lang = ...) -> EnhancedCode: ...
    def describe(self, lang: _Lang = ...) -> str: ...
    @property
    def enhanced_class(self) -> EnhancedClass: ...

def parse_enhanced(text: _Text, lang: _Lang = ...) -> EnhancedCode: ...
def check_enhanced(code: _Enhanced, lang: _Lang = ...) -> EnhancedCode: ...
def describe_enhanced(code: _Enhanced, lang: _Lang = ...) -> str: ...

class EnhancedInfo(NamedTuple):
    subject: int
    detail: int
    name: str
    status: CodeStatus
    basic_codes: str
    reference: str
    title: str
    description: str

def lookup_enhanced(code: _Enhanced,
                    lang: _Lang = ...) -> Optional[EnhancedInfo]: ...
def enhanced_codes(lang: _Lang = ...) -> List[EnhancedInfo]: ...
def enhanced_class(code: _Enhanced) -> EnhancedClass: ...
def enhanced_subject(code: _Enhanced) -> Optional[Subject]: ...
def enhanced_agrees(code: _Code, enhanced: _Enhanced) -> bool: ...

# Languages.
def languages() -> List[str]: ...
def resolve_language(lang: _Lang = ...) -> str: ...
def check_language(lang: _Lang = ...) -> None: ...
def check_catalog(lang: str) -> None: ...
def translate(msgid: str, lang: _Lang = ...,
              context: Optional[str] = ...) -> str: ...
def translate_plural(msgid: str, msgid_plural: str, n: int,
                     lang: _Lang = ...) -> str: ...

# Replies and the parser.
class Reply:
    code: int
    enhanced: Optional[str]
    flags: Flag
    raw_lines: List[bytes]
    lines: List[str]
    messages: List[str]
    text: str
    offset: int
    line: int
    def __init__(self, code: int, enhanced: Optional[str], flags: int,
                 raw_lines: Sequence[bytes], raw_messages: Sequence[bytes],
                 offset: int, line: int) -> None: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...
    @property
    def enhanced_code(self) -> Optional[EnhancedCode]: ...
    @property
    def reply_class(self) -> ReplyClass: ...
    @property
    def category(self) -> Category: ...
    @property
    def is_preliminary(self) -> bool: ...
    @property
    def is_success(self) -> bool: ...
    @property
    def is_intermediate(self) -> bool: ...
    @property
    def is_transient(self) -> bool: ...
    @property
    def is_permanent(self) -> bool: ...
    @property
    def is_failure(self) -> bool: ...
    def describe(self, lang: _Lang = ...) -> Optional[str]: ...
    def describe_enhanced(self, lang: _Lang = ...) -> Optional[str]: ...
    def advise(self, stage: _StageArg = ..., lang: _Lang = ...) -> Advice: ...

class Parser:
    lang: _Lang
    max_line_length: int
    max_lines: int
    max_reply_bytes: int
    def __init__(self, *, max_line_length: Optional[int] = ...,
                 max_lines: Optional[int] = ...,
                 max_reply_bytes: Optional[int] = ...,
                 strict: Union[Flag, int, bool] = ...,
                 lang: _Lang = ...) -> None: ...
    @property
    def strict(self) -> Flag: ...
    @strict.setter
    def strict(self, value: Union[Flag, int, bool]) -> None: ...
    @property
    def pending(self) -> int: ...
    def close(self) -> None: ...
    def __enter__(self) -> Parser: ...
    def __exit__(self, *exc_info: Any) -> None: ...
    def feed(self, data: _Text = ...) -> List[Reply]: ...
    def finish(self) -> List[Reply]: ...
    def reset(self) -> None: ...
    def iterate(self, source: _Source, *, chunk_size: int = ...,
                on_error: _OnError = ...) -> Iterator[Reply]: ...

def parse(data: _Source, *, on_error: _OnError = ...,
          **options: Any) -> List[Reply]: ...
def iterate(source: _Source, *, on_error: _OnError = ...,
            chunk_size: int = ..., **options: Any) -> Iterator[Reply]: ...

# Free text, advice, display.
class Match(NamedTuple):
    code: Optional[int]
    code_offset: Optional[int]
    enhanced: Optional[str]
    enhanced_offset: Optional[int]
    enhanced_length: int
    text_offset: int
    text: Any
    @property
    def enhanced_code(self) -> Optional[EnhancedCode]: ...

def extract(text: _Text) -> Optional[Match]: ...

class Advice(NamedTuple):
    rule: str
    action: Action
    text: str

def advise(code: Union[_Code, Reply, None],
           enhanced: Optional[_Enhanced] = ...,
           stage: _StageArg = ..., lang: _Lang = ...) -> Advice: ...
def display_safe(text: _Text) -> str: ...
