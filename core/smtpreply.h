/* smtpreply.h -- what SMTP server replies mean.
   Copyright (C) 2026 The smtpreply authors.

   This file is part of smtpreply.

   smtpreply is free software: you can redistribute it and/or modify it
   under the terms of the GNU Lesser General Public License as published by
   the Free Software Foundation, either version 2.1 of the License, or (at
   your option) any later version.

   smtpreply is distributed in the hope that it will be useful, but WITHOUT
   ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or
   FITNESS FOR A PARTICULAR PURPOSE.  See the GNU Lesser General Public
   License for more details.

   You should have received a copy of the GNU Lesser General Public License
   along with smtpreply.  If not, see <https://www.gnu.org/licenses/>.  */

#ifndef SMTPREPLY_H
#define SMTPREPLY_H 1

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Lets the compiler check a translated format string against its
   arguments, as it does for gettext.  */
#if defined __GNUC__ || defined __clang__
# define SMTPREPLY__FORMAT_ARG(n) __attribute__ ((__format_arg__ (n)))
#else
# define SMTPREPLY__FORMAT_ARG(n)
#endif

/* Version.  configure.ac reads these three lines: they are the only place
   the version is written.  */
#define SMTPREPLY_VERSION_MAJOR 0
#define SMTPREPLY_VERSION_MINOR 2
#define SMTPREPLY_VERSION_PATCH 0

#define SMTPREPLY__STR(x) #x
#define SMTPREPLY__XSTR(x) SMTPREPLY__STR (x)
/** The version of this header as a string, e.g. "0.2.0".  */
#define SMTPREPLY_VERSION                                                    \
  SMTPREPLY__XSTR (SMTPREPLY_VERSION_MAJOR)                                  \
  "." SMTPREPLY__XSTR (SMTPREPLY_VERSION_MINOR) "." SMTPREPLY__XSTR (        \
      SMTPREPLY_VERSION_PATCH)

/** The version of this header as one number, 0xMMmmpp: 0x000200 for
    0.2.0, for comparisons in the preprocessor.  */
#define SMTPREPLY_VERSION_NUMBER                                             \
  ((SMTPREPLY_VERSION_MAJOR << 16) | (SMTPREPLY_VERSION_MINOR << 8)          \
   | SMTPREPLY_VERSION_PATCH)

/** The text domain of the library's catalogs.  */
#define SMTPREPLY_DOMAIN "smtpreply"

/** Return the version of the library the program runs with, e.g. "0.2.0".
    Compare it with SMTPREPLY_VERSION to detect a mismatch between the
    header a program was built with and the library it loaded.  */
const char *smtpreply_version (void);

/** Check that the library the program runs with is at least version
    REQUIRED ("0.2", "0.2.1"; NULL asks for no minimum).  @return the
    library's version, as smtpreply_version, if it is; NULL if it is older
    or REQUIRED is not a version number.  A program calls it once at start,
    typically as smtpreply_check_version (SMTPREPLY_VERSION).  */
const char *smtpreply_check_version (const char *required);

/* ------------------------------------------------------------------------
   Errors.  */

/** Status of functions that can fail: 0, or a negative SMTPREPLY_E* code.  */
typedef int smtpreply_status;

/** Answer of a predicate: 1 (true) or 0 (false), never anything else, so
    that "if (smtpreply_code_is_permanent (code))" means what it says.  An
    argument that is not valid gives 0; the checking functions
    (smtpreply_code_check, smtpreply_enhanced_check) tell why.  */
typedef int smtpreply_bool;

/* Each row of smtpreply/errors.def becomes SMTPREPLY_E<NAME>.  Rows made
   with SMTPREPLY_DIAG are parser diagnostics: each is also a flag bit,
   SMTPREPLY_FLAG_<NAME>, that the parser sets on a reply (see below).  */
enum smtpreply_error
{
#define SMTPREPLY_ERROR(sym, num, text) SMTPREPLY_E##sym = num,
#include "smtpreply/errors.def"
#undef SMTPREPLY_ERROR
};

/** Return the message for the error RC, translated into the default
    language (see smtpreply_language_resolve).  An RC that is not an error
    code gives a message saying so.  The string is static.  */
const char *smtpreply_strerror (int rc);

/** Like smtpreply_strerror, in language LANG (NULL: the default).  */
const char *smtpreply_strerror_lang (int rc, const char *lang);

/** Return the symbolic name of the error RC, e.g. "SMTPREPLY_ETRUNCATED",
    or NULL if RC is not an error code.  The string is static.  */
const char *smtpreply_errname (int rc);

/* ------------------------------------------------------------------------
   Reply codes (RFC 5321 section 4.2).  */

/** What a reply code, or an enhanced status code, is in the standards.  */
enum smtpreply_code_status
{
  SMTPREPLY_STATUS_STANDARD = 0,  /* defined and in use */
  SMTPREPLY_STATUS_DEPRECATED,    /* defined once, not to be used now */
  SMTPREPLY_STATUS_EXPERIMENTAL,  /* defined by an Experimental RFC */
  SMTPREPLY_STATUS_REGISTRY_ONLY  /* only named by the IANA registry */
};

/** Return "standard", "deprecated", "experimental" or "registry_only",
    or NULL if STATUS is none of these (smtpreply_token_name).  */
const char *smtpreply_code_status_name (int status);

/** The meaning of one digit: a reply code's class (first digit) or
    category (second digit), or an enhanced code's class or subject.  */
struct smtpreply_digit
{
  int digit;         /* 5 */
  const char *name;  /* "PERMANENT_NEGATIVE": stable, never translated */
  const char *title; /* English title (a msgid of the catalogs) */
  const char *text;  /* English description (a msgid of the catalogs) */
};

/** An entry of the reply-code table.  Entries are static: never free or
    modify them.  Fields may be added at the end in later versions.  */
struct smtpreply_reply
{
  int code;              /* 550 */
  const char *name;      /* "MAILBOX_UNAVAILABLE": stable, never translated */
  int status;            /* an enum smtpreply_code_status */
  const char *reference; /* "RFC 5321, RFC 6531" */
  const char *context;   /* commands and extensions where it arises */
  const char *title;     /* English title (a msgid of the catalogs) */
  const char *text;      /* English description (a msgid of the catalogs) */
};

/** Check that CODE is a reply code: three digits, the first 1 to 5, the
    second 0 to 5.  @return 0, SMTPREPLY_EBAD_CODE (not three digits),
    SMTPREPLY_EBAD_CLASS or SMTPREPLY_EBAD_CATEGORY.  A valid code need not
    be in the table: see smtpreply_reply_lookup.  */
smtpreply_status smtpreply_code_check (int code);

/** Read a reply code from the LEN bytes at BUF, which must be exactly
    three digits.  On success store it in *CODE and return 0.  Otherwise
    return the error smtpreply_code_check gives, or SMTPREPLY_EBAD_CODE for
    a byte that is not a digit or a length other than three, and store in
    *ERROR_OFFSET (if not NULL) the offset of the byte that broke the rule
    (LEN when the input is too short).  SMTPREPLY_EINVAL if BUF is NULL
    with LEN > 0, or CODE is NULL.  */
smtpreply_status smtpreply_code_parse (const char *buf, size_t len,
                                       int *code, size_t *error_offset);

/** Return the class (first digit) of CODE, or NULL if CODE is not a valid
    reply code.  The entry is static.  */
const struct smtpreply_digit *smtpreply_code_class (int code);

/** Return the category (second digit) of CODE, or NULL if CODE is not a
    valid reply code.  The entry is static.  */
const struct smtpreply_digit *smtpreply_code_category (int code);

/** Return the meaning of DIGIT (1 to 5) as the first digit of a reply
    code, or NULL.  */
const struct smtpreply_digit *smtpreply_class_lookup (int digit);

/** Return the meaning of DIGIT (0 to 5) as the second digit of a reply
    code, or NULL.  */
const struct smtpreply_digit *smtpreply_category_lookup (int digit);

/** The predicates a mail program acts on.  Each returns 1 or 0; an invalid
    reply code gives 0 (smtpreply_code_check tells why it is invalid).
    Preliminary: 1yz, wait for another reply.  Success: 2yz.  Intermediate:
    3yz, send more.  Transient: 4yz, retry later.  Permanent: 5yz, do not
    retry as is.  Failure: 4yz or 5yz.  */
smtpreply_bool smtpreply_code_is_preliminary (int code);
smtpreply_bool smtpreply_code_is_success (int code);
smtpreply_bool smtpreply_code_is_intermediate (int code);
smtpreply_bool smtpreply_code_is_transient (int code);
smtpreply_bool smtpreply_code_is_permanent (int code);
smtpreply_bool smtpreply_code_is_failure (int code);

/** Look up CODE in the table.  @return the static entry (never free it),
    or NULL if CODE is not in the table (it may still be valid: see
    smtpreply_code_check).  O(1), no allocation.  */
const struct smtpreply_reply *smtpreply_reply_lookup (int code);

/** Return the number of entries in the reply-code table.  */
size_t smtpreply_reply_count (void);

/** Return entry I (0 <= I < smtpreply_reply_count ()) of the table, in
    ascending order of code, or NULL if I is out of range.  */
const struct smtpreply_reply *smtpreply_reply_at (size_t i);

/** Describe CODE in the default language (UTF-8), or NULL if CODE is not
    in the table.  The string is static.  */
const char *smtpreply_reply_describe (int code);

/** Describe CODE in language LANG ("ru", "pt_BR", "uk:ru"; NULL: the
    default), whatever the process locale is, or NULL if CODE is not in the
    table.  The string is static.  */
const char *smtpreply_reply_describe_lang (int code, const char *lang);

/* ------------------------------------------------------------------------
   Enhanced status codes (RFC 3463, the IANA registry of RFC 5248).  */

/** An enhanced status code CLS.SUBJECT.DETAIL, e.g. 5.1.1.  */
struct smtpreply_enhanced_code
{
  int cls;     /* 2, 4 or 5 */
  int subject; /* 0 to 999 */
  int detail;  /* 0 to 999 */
};

/** An entry of the enhanced-status registry.  The registry lists each
    code once for all classes, as X.SUBJECT.DETAIL.  Entries are static.  */
struct smtpreply_enhanced
{
  int subject;             /* 1 */
  int detail;              /* 1 */
  const char *name;        /* "BAD_DESTINATION_MAILBOX": stable */
  int status;              /* an enum smtpreply_code_status */
  const char *basic_codes; /* associated reply codes: "451 550", "any",
                              "5XX", or "" when the registry gives none */
  const char *reference;   /* "RFC 3463" */
  const char *title;       /* the registry's title (a msgid) */
  const char *text;        /* English description (a msgid) */
};

/** Check that *CODE has class 2, 4 or 5 and subject and detail in 0..999.
    @return 0, SMTPREPLY_EENHANCED_CLASS, SMTPREPLY_EENHANCED_DIGITS, or
    SMTPREPLY_EINVAL if CODE is NULL.  */
smtpreply_status
smtpreply_enhanced_check (const struct smtpreply_enhanced_code *code);

/** Read an enhanced status code from the LEN bytes at BUF, which must hold
    exactly CLASS.SUBJECT.DETAIL as RFC 3463 section 2 defines it: class 2,
    4 or 5; subject and detail of 1 to 3 digits without leading zeros.
    On success store it in *OUT and return 0.  Otherwise return
    SMTPREPLY_EENHANCED_SYNTAX, _PARTS, _CLASS, _ZERO or _DIGITS and store
    in *ERROR_OFFSET (if not NULL) the offset of the offending byte.  */
smtpreply_status smtpreply_enhanced_parse (const char *buf, size_t len,
                                           struct smtpreply_enhanced_code *out,
                                           size_t *error_offset);

/** Write CODE as "C.S.D" and a NUL into BUF of SIZE bytes (16 always
    suffice).  @return 0, SMTPREPLY_ENOSPC, or an error of
    smtpreply_enhanced_check.  */
smtpreply_status
smtpreply_enhanced_format (const struct smtpreply_enhanced_code *code,
                           char *buf, size_t size);

/** Look up X.SUBJECT.DETAIL in the registry.  @return the static entry,
    or NULL if the registry does not list it.  */
const struct smtpreply_enhanced *smtpreply_enhanced_lookup (int subject,
                                                            int detail);

/** Return the number of details in the registry.  */
size_t smtpreply_enhanced_count (void);

/** Return registry detail I in ascending order, or NULL if out of range.  */
const struct smtpreply_enhanced *smtpreply_enhanced_at (size_t i);

/** Return the meaning of class CLS (2, 4 or 5) of enhanced codes, or NULL.  */
const struct smtpreply_digit *smtpreply_enhanced_class_lookup (int cls);

/** Return the meaning of SUBJECT (0 to 7) of enhanced codes, or NULL.  */
const struct smtpreply_digit *smtpreply_enhanced_subject_lookup (int subject);

/** Describe *CODE in language LANG (NULL: the default): the registry's
    description of its detail, or, for a valid code the registry does not
    list, the description of its subject (RFC 3463 asks clients to fall
    back so).  NULL if *CODE is not valid.  The string is static.  */
const char *
smtpreply_enhanced_describe_lang (const struct smtpreply_enhanced_code *code,
                                  const char *lang);

/** Tell whether reply code CODE and enhanced code *ENHANCED agree in
    class: 2yz with 2.X.X, 4yz with 4.X.X, 5yz with 5.X.X, and 1yz or 3yz
    with 2.X.X.  @return 1 or 0; 0 also when either is not valid (see
    smtpreply_code_check and smtpreply_enhanced_check).  */
smtpreply_bool
smtpreply_enhanced_agrees (int code,
                           const struct smtpreply_enhanced_code *enhanced);

/* ------------------------------------------------------------------------
   Languages.  Every English string in the tables above is a msgid of the
   catalogs <localedir>/<lang>/LC_MESSAGES/smtpreply.mo.  The library reads
   them itself, so any language works in any thread whatever the process
   locale, and no system locale need be installed.

   LANG, wherever a function takes one, is a colon-separated list of tags
   tried in order, as in the LANGUAGE variable: "ru", "ru_RU.UTF-8",
   "pt-BR", "zh-Hant-TW", "uk:ru".  A tag is POSIX's
   language[_TERRITORY][.codeset][@modifier] or BCP 47's
   language[-Script][-REGION][-variant]; it falls back from
   language_TERRITORY to language ("de_AT" to "de"), never sideways:
   a few tags mean a catalog of another name (zh, zh-Hans, zh_SG mean
   zh_CN; zh-Hant, zh_HK, zh_MO mean zh_TW; pt and pt_PT mean pt_BR), and
   such a tag means English when that catalog is missing, so Traditional
   Chinese never gets Simplified.  When nothing matches, the answer is
   English.  A language named per call is resolved once per thread and
   remembered: naming it on every call costs little.

   NULL (or "") means the default language, which the library reads from
   the environment as gettext does, once, at its first use: the locale of
   LC_MESSAGES if the program set one with setlocale, else LC_ALL,
   LC_MESSAGES or LANG; "C" or "POSIX" means English; otherwise LANGUAGE
   if set, else that locale's language.  A program that changes the
   environment or its locale afterwards calls smtpreply_language_reset;
   one that serves many users names their languages per call.

   The library never calls gettext, bindtextdomain or setlocale.  A program
   that wants dgettext (SMTPREPLY_DOMAIN, ...) to find the same catalogs
   binds the domain itself to smtpreply_catalog_dir ().  */

/** Return the translation of MSGID (one of the library's English strings,
    such as smtpreply_reply_lookup (550)->text) in LANG, or MSGID itself
    when LANG has no translation.  The string is static.  */
const char *smtpreply_translate (const char *msgid, const char *lang)
    SMTPREPLY__FORMAT_ARG (1);

/** Like smtpreply_translate, for MSGID in message context CONTEXT.  */
const char *smtpreply_translate_context (const char *context,
                                         const char *msgid, const char *lang)
    SMTPREPLY__FORMAT_ARG (2);

/** Return the form of MSGID / MSGID_PLURAL that LANG uses for the count
    N, as ngettext does.  */
const char *smtpreply_translate_plural (const char *msgid,
                                        const char *msgid_plural,
                                        unsigned long n, const char *lang)
    SMTPREPLY__FORMAT_ARG (1) SMTPREPLY__FORMAT_ARG (2);

/** Return the catalog that LANG resolves to ("ru", "pt_BR"), or "en" when
    no tag of LANG has a usable catalog.  The string is static.  */
const char *smtpreply_language_resolve (const char *lang);

/** Tell why LANG resolves to English.  @return 0 if some tag of LANG
    resolves to a usable catalog or means English ("en", "C", "POSIX");
    otherwise SMTPREPLY_EBAD_LANG if a tag has characters a language tag
    cannot have, or SMTPREPLY_ENO_CATALOG.  */
smtpreply_status smtpreply_language_check (const char *lang);

/** Read the default language from the environment again, as at first
    use, after the program changed LANGUAGE, LC_ALL, LC_MESSAGES, LANG or
    its LC_MESSAGES locale.  Call it while no other thread changes the
    environment; calls in other threads see the old or the new default,
    never a mix.  */
void smtpreply_language_reset (void);

/** Choose the catalog for ACCEPT, an HTTP Accept-Language value such as
    "ru-RU,ru;q=0.9,en;q=0.8", as RFC 4647's Lookup does: the ranges in
    order of weight (q; equal weights in the order given; q=0 and malformed
    ranges are left out), each tried as a tag and then shortened a subtag
    at a time, until one has a catalog or means English ("en", or "*").
    @return the catalog's name ("ru", "zh_TW"), or "en"; static.  */
const char *smtpreply_language_negotiate (const char *accept);

/** Return the folder the catalogs are read from: $SMTPREPLY_LOCALEDIR if
    it was set at first use, else the folder smtpreply_catalog_dir_set
    chose, else the configured localedir.  Static.  */
const char *smtpreply_catalog_dir (void);

/** Choose DIR as the folder of the catalogs, for a program or a package
    that ships its own (a Python wheel): call it before anything else of
    the library, which fixes the folder at its first use.
    $SMTPREPLY_LOCALEDIR, when set, still wins.  @return 0;
    SMTPREPLY_EBUSY if the folder was already fixed; SMTPREPLY_EINVAL for
    a NULL or empty DIR; SMTPREPLY_ENOMEM.  */
smtpreply_status smtpreply_catalog_dir_set (const char *dir);

/** Return the number of installed catalogs.  The list is read from the
    catalog folder once, at first use.  */
size_t smtpreply_language_count (void);

/** Return the name of installed catalog I ("de", "pt_BR"), in ascending
    order, or NULL if I is out of range.  The string is static.  */
const char *smtpreply_language_at (size_t i);

/** Load the catalog of language LANG (one tag, no fallback) and tell what
    happened.  @return 0 if it is usable; SMTPREPLY_EBAD_LANG,
    SMTPREPLY_ENO_CATALOG, or the SMTPREPLY_ECATALOG_* reason it was
    rejected for (the library then answers in English).  */
smtpreply_status smtpreply_catalog_check (const char *lang);

/* ------------------------------------------------------------------------
   Parsing replies (RFC 5321 section 4.2).  A reply is one or more lines
   "CODE-text" ending with "CODE text" or a bare "CODE", each ending with
   CRLF.  The parser is fed bytes as they arrive, in any chunking, and hands
   out complete replies.

     struct smtpreply_parser *p;
     smtpreply_parser_new (&p);
     while ((n = read (fd, buf, sizeof buf)) > 0)
       for (size_t off = 0, used; off < n; off += used)
         {
           int rc = smtpreply_parser_feed (p, buf + off, n - off, &used);
           if (rc == SMTPREPLY_READY)
             use (smtpreply_parser_reply (p));
           else if (rc < 0)
             report (rc, smtpreply_parser_error_line (p),
                     smtpreply_parser_error_offset (p));
         }
     if (smtpreply_parser_finish (p) < 0)
       report the reply cut off by the end of the input;
     smtpreply_parser_free (p);

   Deviations from RFC 5321 are diagnostics, listed in
   smtpreply/errors.def.  Some are always errors; the others are flags on
   the reply they were seen in, or errors in strict mode
   (smtpreply_parser_set_strict).  After an error the parser drops the
   reply it was reading and goes on at the next line.  */

/** smtpreply_parser_feed returns this when a reply is complete.  */
#define SMTPREPLY_READY 1

/* One bit for each diagnostic of smtpreply/errors.def.  */
#define SMTPREPLY__DIAG_BASE 64
enum smtpreply_flag
{
#define SMTPREPLY_ERROR(sym, num, text)
#define SMTPREPLY_DIAG(sym, num, text)                                       \
  SMTPREPLY_FLAG_##sym = 1 << (-(num) - SMTPREPLY__DIAG_BASE),
#include "smtpreply/errors.def"
#undef SMTPREPLY_DIAG
#undef SMTPREPLY_ERROR
};

/** Return the stable token of FLAG (one bit), e.g. "BARE_LF", or NULL.  */
const char *smtpreply_flag_name (unsigned int flag);

/** Return the error FLAG (one bit) becomes in strict mode, e.g.
    SMTPREPLY_EBARE_LF for SMTPREPLY_FLAG_BARE_LF, or SMTPREPLY_EINVAL.
    smtpreply_strerror of it describes the flag.  */
int smtpreply_flag_error (unsigned int flag);

/** Return the mask of every flag the parser can set.  */
unsigned int smtpreply_flag_all (void);

/** The parser's limits.  A line counts its code and line ending.  */
enum smtpreply_limit
{
  SMTPREPLY_LIMIT_LINE_LENGTH = 0, /* default 512 (RFC 5321 4.5.3.1.5),
                                      at most 1 MiB */
  SMTPREPLY_LIMIT_LINES,           /* lines per reply: default 1000,
                                      at most 1000000 */
  SMTPREPLY_LIMIT_REPLY_BYTES      /* bytes per reply: default 64 KiB,
                                      at most 64 MiB */
};

/** The parser (opaque: its layout may change between versions).  */
struct smtpreply_parser;

/** A reply the parser returned (opaque; read it with smtpreply_response_*).
    It belongs to the parser and stays valid until the next call of
    smtpreply_parser_feed, _finish, _reset or _free on that parser.  */
struct smtpreply_response;

/** Create a parser with the default limits and no strict flags and store
    it in *OUT.  @return 0, SMTPREPLY_ENOMEM or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_parser_new (struct smtpreply_parser **out);

/** Free P and everything it returned.  P may be NULL.  */
void smtpreply_parser_free (struct smtpreply_parser *p);

/** Forget any partial reply and the stream position, keeping P's limits
    and strict flags, so that P can read a new stream.  */
void smtpreply_parser_reset (struct smtpreply_parser *p);

/** Set limit WHICH of P to VALUE (at least 1, at most the documented
    maximum).  @return 0 or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_parser_set_limit (struct smtpreply_parser *p,
                                             int which, size_t value);

/** Return limit WHICH of P, or 0 if P is NULL or WHICH is unknown.  */
size_t smtpreply_parser_get_limit (const struct smtpreply_parser *p,
                                   int which);

/** Make the flags of MASK errors on P.  @return 0, or SMTPREPLY_EINVAL if
    MASK has a bit that is not a flag.  */
smtpreply_status smtpreply_parser_set_strict (struct smtpreply_parser *p,
                                              unsigned int mask);

/** Read bytes from the LEN at BUF until a reply is complete, an error is
    found, or the bytes run out, and store in *USED how many were taken.
    @return SMTPREPLY_READY when a reply is complete (see
    smtpreply_parser_reply), 0 when all LEN bytes were taken and the reply
    goes on, or a negative error (see smtpreply_parser_error_offset).  Feed
    the bytes after *USED in the next call.  */
int smtpreply_parser_feed (struct smtpreply_parser *p, const char *buf,
                           size_t len, size_t *used);

/** Tell P the stream ended.  @return 0, or SMTPREPLY_ETRUNCATED if the
    stream ended inside a reply.  P then reads a new stream.  */
smtpreply_status smtpreply_parser_finish (struct smtpreply_parser *p);

/** What smtpreply_parser_scan calls for each event of the stream: a reply
    R completed (ERROR is 0), or an error (R is NULL, ERROR the negative
    SMTPREPLY_E* code; smtpreply_parser_error_line and _offset of P tell
    where).  R lives until the function returns.  Return 0 to go on, or a
    positive value to stop the scan.  */
typedef int smtpreply_scan_fn (void *ctx, struct smtpreply_parser *p,
                               const struct smtpreply_response *r,
                               int error);

/** Feed all LEN bytes at BUF to P, calling FN (CTX, P, reply, error) for
    every reply completed and every error found, in the order of the
    stream: the same events, each once, however the stream is cut into
    calls.  After an error the parser goes on at the next line, so no
    reply after it is lost.  With FINISH nonzero the bytes end the stream:
    a reply cut short is reported as SMTPREPLY_ETRUNCATED and P is ready
    for a new stream.  This is the loop every binding runs.  @return 0
    when every byte was taken; the positive value FN returned to stop
    (*USED, if not NULL, then tells how many bytes were taken: feed the
    rest later, or reset P); SMTPREPLY_EINVAL for a NULL P or FN, or BUF
    NULL with LEN > 0.  */
int smtpreply_parser_scan (struct smtpreply_parser *p, const char *buf,
                           size_t len, int finish, smtpreply_scan_fn *fn,
                           void *ctx, size_t *used);

/** Return the reply completed by the last smtpreply_parser_feed, or NULL
    if it returned anything but SMTPREPLY_READY.  */
const struct smtpreply_response *
smtpreply_parser_reply (const struct smtpreply_parser *p);

/** Return the offset in the stream (from 0) of the byte at which the last
    error was found.  */
size_t smtpreply_parser_error_offset (const struct smtpreply_parser *p);

/** Return the line number (from 1) of the last error.  */
size_t smtpreply_parser_error_line (const struct smtpreply_parser *p);

/** Return the reply code of R (the first line's).  */
int smtpreply_response_code (const struct smtpreply_response *r);

/** Return the enhanced status code of R's first line, or NULL if it has
    none.  The pointer lives as long as R.  */
const struct smtpreply_enhanced_code *
smtpreply_response_enhanced (const struct smtpreply_response *r);

/** Return the diagnostic flags of R (SMTPREPLY_FLAG_*).  */
unsigned int smtpreply_response_flags (const struct smtpreply_response *r);

/** Return the number of lines of R (at least 1).  */
size_t smtpreply_response_line_count (const struct smtpreply_response *r);

/** Return the text of line I of R as sent after the code and separator,
    without the line ending, and store its length in *LEN.  It may hold
    any byte but NUL and is not NUL-terminated.  NULL if I is out of
    range.  */
const char *smtpreply_response_line (const struct smtpreply_response *r,
                                     size_t i, size_t *len);

/** Like smtpreply_response_line, without the enhanced status code and the
    space after it when the line starts with one.  */
const char *smtpreply_response_message (const struct smtpreply_response *r,
                                        size_t i, size_t *len);

/** Return the offset in the stream of the first byte of R.  */
size_t smtpreply_response_offset (const struct smtpreply_response *r);

/** Return the line number in the stream of the first line of R.  */
size_t smtpreply_response_line_number (const struct smtpreply_response *r);

/* ------------------------------------------------------------------------
   Finding replies in free text: log lines, bounce messages.  */

/** What smtpreply_extract found.  */
enum smtpreply_match_found
{
  SMTPREPLY_MATCH_CODE = 1,        /* a reply code */
  SMTPREPLY_MATCH_ENHANCED = 2,    /* an enhanced status code */
  SMTPREPLY_MATCH_NONSTANDARD = 4, /* the code is outside RFC 5321's
                                      grammar: its second digit is 6 to 9
                                      ("571 No PTR Record found"), which
                                      smtpreply_code_check refuses */
  SMTPREPLY_MATCH_LAST_LINE = 8    /* the text joins the lines of a reply
                                      whose first line is a success and a
                                      later one a failure ("220-... 421
                                      4.2.1 ..."): the code is the
                                      failure's */
};

/** Where smtpreply_extract found a reply in a text.  The caller owns it
    and sets SIZE before the call, so that a library with more fields
    writes no further than the caller's struct reaches:

      struct smtpreply_match m = { .size = sizeof m };  */
struct smtpreply_match
{
  size_t size;              /* sizeof (struct smtpreply_match), by the
                               caller */
  unsigned int found;       /* SMTPREPLY_MATCH_* bits; 0: nothing */
  int code;                 /* the reply code, if MATCH_CODE */
  size_t code_offset;       /* where the code starts */
  struct smtpreply_enhanced_code enhanced; /* if MATCH_ENHANCED */
  size_t enhanced_offset;   /* where the enhanced code starts */
  size_t enhanced_length;   /* its length in bytes */
  size_t text_offset;       /* where the reply's text starts: after the
                               code and the enhanced code and the spaces
                               after them; with an enhanced code alone
                               (a log's "dsn=4.7.1"), just after it */
  /* Fields added in later versions go here.  */
};

/** Find the SMTP reply in the LEN bytes at BUF (a log line, a bounce's
    Diagnostic-Code, a whole reply) and fill *OUT, up to OUT->SIZE bytes.
    Numbers that are not replies (delays, ports, addresses, dates, sizes,
    versions, queue ids) are not taken; of several candidates the most
    specific wins.  @return 0 (OUT->found is 0 when nothing was found), or
    SMTPREPLY_EINVAL if BUF is NULL with LEN > 0, OUT is NULL, or OUT->SIZE
    is smaller than this version 0.2 struct.  */
smtpreply_status smtpreply_extract (const char *buf, size_t len,
                                    struct smtpreply_match *out);

/* ------------------------------------------------------------------------
   Advice: what a sending program should do with a reply.  */

/** The action advised.  */
enum smtpreply_action
{
  SMTPREPLY_ACTION_PROCEED = 1, /* it worked: go on */
  SMTPREPLY_ACTION_CONTINUE,    /* send more, or wait for the next reply */
  SMTPREPLY_ACTION_RETRY,       /* keep the message and try later */
  SMTPREPLY_ACTION_GIVE_UP      /* do not retry as is: bounce */
};

/** The command a reply answers, when the caller knows it.  */
enum smtpreply_stage
{
  SMTPREPLY_STAGE_ANY = 0, /* unknown */
  SMTPREPLY_STAGE_GREETING,
  SMTPREPLY_STAGE_EHLO, /* EHLO or HELO */
  SMTPREPLY_STAGE_MAIL,
  SMTPREPLY_STAGE_RCPT,
  SMTPREPLY_STAGE_DATA,     /* the DATA command itself */
  SMTPREPLY_STAGE_DATA_END, /* the end of the message data */
  SMTPREPLY_STAGE_BDAT,
  SMTPREPLY_STAGE_AUTH,
  SMTPREPLY_STAGE_STARTTLS,
  SMTPREPLY_STAGE_QUIT
};

/** A rule of advice.  Entries are static.  */
struct smtpreply_advice
{
  const char *rule; /* stable token of the rule, e.g. "RCPT_552_AS_452" */
  int action;       /* an enum smtpreply_action */
  const char *text; /* English sentence (a msgid of the catalogs) */
};

/** Advise on reply CODE with enhanced code ENHANCED (NULL if none) in
    answer to STAGE, and store the rule applied in *OUT.  CODE may be 0
    when only an enhanced code is known (a log's "dsn=4.7.1").  When CODE
    and ENHANCED disagree in class, CODE decides (RFC 5321 section 4.2);
    smtpreply_enhanced_agrees tells the caller.  @return 0, an error of
    smtpreply_code_check or smtpreply_enhanced_check, or SMTPREPLY_EINVAL
    (unknown STAGE, OUT NULL, or CODE 0 and ENHANCED NULL).  */
smtpreply_status
smtpreply_advise (int code, const struct smtpreply_enhanced_code *enhanced,
                  int stage, const struct smtpreply_advice **out);

/** Return "proceed", "continue", "retry" or "give_up", or NULL.  */
const char *smtpreply_action_name (int action);

/** Return "any", "greeting", "ehlo", "mail", "rcpt", "data", "data_end",
    "bdat", "auth", "starttls" or "quit", or NULL.  */
const char *smtpreply_stage_name (int stage);

/* ------------------------------------------------------------------------
   Why a message failed: reasons, the rules that find them, and verdicts.

   A reason says why a delivery failed ("mailboxfull", "speeding"), in a
   vocabulary that uses Sisimai's names where the meaning is the same.
   smtpreply_classify finds it from whatever is known of the failure: the
   reply code, the enhanced code, the text, the command it answered, the
   host that sent it.  Rules (rules.def, compiled in) decide, each with an
   id and a source, so that a verdict can be audited and overridden.  */

/** The version of the reason vocabulary and of the rules' meanings; it
    rises when a reason is added or changes its meaning.  */
#define SMTPREPLY_REASONS_VERSION 1

/** What a failure for a reason means for the recipient's address.  */
enum smtpreply_severity
{
  SMTPREPLY_SEVERITY_NONE = 0, /* not a failure (delivered) */
  SMTPREPLY_SEVERITY_SOFT,     /* the address is good: retry, or fix what
                                  the remedy says and retry */
  SMTPREPLY_SEVERITY_HARD,     /* the address does not work */
  SMTPREPLY_SEVERITY_BY_CLASS  /* 4yz soft, 5yz hard */
};

/** What the sender should do about a failure for a reason.  */
enum smtpreply_remedy
{
  SMTPREPLY_REMEDY_NONE = 0,    /* nothing in particular */
  SMTPREPLY_REMEDY_RETRY_LATER, /* keep the message and retry later */
  SMTPREPLY_REMEDY_RETRY_SLOWER, /* retry, sending less at a time */
  SMTPREPLY_REMEDY_DELIST,      /* get off the blocklist, mend the
                                   reputation, or send from another IP */
  SMTPREPLY_REMEDY_FIX_MESSAGE, /* change the message and send it again */
  SMTPREPLY_REMEDY_FIX_CONFIG,  /* fix the sender's setup: sender address,
                                   authentication, TLS, SPF, DKIM, DMARC,
                                   reverse DNS */
  SMTPREPLY_REMEDY_SUPPRESS     /* return the message and stop sending to
                                   the address */
};

/** A reason.  Entries are static; fields may be added at the end.  */
struct smtpreply_reason
{
  int index;         /* its place in the table, and its token value */
  const char *name;  /* "mailboxfull": stable, never translated */
  int severity;      /* an enum smtpreply_severity */
  int remedy;        /* an enum smtpreply_remedy */
  const char *title; /* English title (a msgid of the catalogs) */
  const char *text;  /* English description (a msgid of the catalogs) */
};

/** Return the number of reasons.  */
size_t smtpreply_reason_count (void);

/** Return reason I (0 <= I < smtpreply_reason_count ()), or NULL.  */
const struct smtpreply_reason *smtpreply_reason_at (size_t i);

/** Return the reason named NAME ("mailboxfull", in any case), or NULL.  */
const struct smtpreply_reason *smtpreply_reason_lookup (const char *name);

/** A rule of rules.def.  Entries are static; fields may be added at the
    end.  The patterns are as written in rules.def, which says how each
    is matched.  */
struct smtpreply_rule
{
  const char *id;                        /* "text.over-quota": stable */
  const struct smtpreply_reason *reason; /* the reason it finds */
  int priority;                          /* the highest holding rule wins */
  const char *code;                      /* "550", "55", "5" or "" */
  const char *enhanced;                  /* "X.1.1", "5.7" or "" */
  const char *stages;                    /* "rcpt|mail" or "" */
  const char *mta;                       /* "google.com|googlemail.com" */
  const char *phrase;                    /* "over quota", "a * b" or "" */
  const char *source;                    /* where the rule comes from */
  const char *severity;                  /* "soft", "hard", or "": the
                                            reason's own */
};

/** Return the number of rules.  */
size_t smtpreply_rule_count (void);

/** Return rule I (0 <= I < smtpreply_rule_count ()), or NULL.  */
const struct smtpreply_rule *smtpreply_rule_at (size_t i);

/** Return the rule whose id is ID, or NULL.  */
const struct smtpreply_rule *smtpreply_rule_lookup (const char *id);

/** The verdict on a failure.  The caller owns it and sets SIZE:

      struct smtpreply_verdict v = { .size = sizeof v };  */
struct smtpreply_verdict
{
  size_t size;                           /* sizeof, by the caller */
  const struct smtpreply_reason *reason; /* why; NULL only for a reply
                                            that goes on (1yz, 3yz) */
  int soft;                              /* 1 soft, 0 hard, -1 not a
                                            failure; a failure that
                                            nothing shows hard is soft */
  const struct smtpreply_rule *rule;     /* the rule that decided; NULL
                                            when no rule held */
  const struct smtpreply_advice *advice; /* what to do: never "give_up"
                                            for a soft failure, never
                                            "proceed" for a failure */
  int stage;                             /* the command answered: as given,
                                            or found in the text */
  int code;                              /* the reply code used: as given,
                                            or found in the text; 0 */
  int has_enhanced;                      /* ENHANCED is set */
  struct smtpreply_enhanced_code enhanced; /* the enhanced code used */
  /* Fields added in later versions go here.  */
};

/** Classify a failure (or a success) from what is known of it: reply CODE
    (0 if unknown; a code of class 4 or 5 outside RFC 5321's grammar, such
    as 571, counts by its class), enhanced code ENHANCED (NULL if
    unknown), the LEN bytes of TEXT (the reply's text, a log line, a
    bounce's diagnostic; NULL with LEN 0 if none), the command STAGE it
    answered (SMTPREPLY_STAGE_ANY if unknown: the text is searched for
    words that tell, such as Postfix's "(in reply to RCPT TO command)"),
    and REMOTE_MTA, the host that sent it (NULL if unknown).  With CODE 0
    and ENHANCED NULL, they are found in TEXT as smtpreply_extract finds
    them.  The result goes to *OUT, up to OUT->SIZE bytes.  Texts longer
    than 64 KiB are read up to there.  @return 0; an error of
    smtpreply_code_check or smtpreply_enhanced_check; SMTPREPLY_ENOMEM;
    or SMTPREPLY_EINVAL (OUT NULL or too small, TEXT NULL with LEN > 0,
    an unknown STAGE).  */
smtpreply_status
smtpreply_classify (int code, const struct smtpreply_enhanced_code *enhanced,
                    const char *text, size_t len, int stage,
                    const char *remote_mta, struct smtpreply_verdict *out);

/** Find in the LEN bytes at TEXT the command a reply answered, from the
    words mail software writes ("(in reply to RCPT TO command)", "after
    end of data", ">>> RCPT To:"), and store it in *STAGE
    (SMTPREPLY_STAGE_ANY if none).  @return 0 or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_stage_find (const char *text, size_t len,
                                       int *stage);

/** Write into BUF (SIZE bytes, NUL-terminated) a sentence in language
    LANG saying why verdict *V was reached: which rule decided, on what,
    and what it means; store its length in *LEN (if not NULL).  @return
    0; SMTPREPLY_ENOSPC (then *LEN is the length needed); or
    SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_verdict_explain (const struct smtpreply_verdict *v,
                                            const char *lang, char *buf,
                                            size_t size, size_t *len);

/** Write into BUF (SIZE bytes, NUL-terminated) the members of a JSON
    object that describe verdict *V in language LANG, without the braces,
    as the command writes them: "code", "name", "class", "category",
    "class_name", "category_name", "title", "description", "enhanced",
    "enhanced_description", "stage", "reason", "reason_title",
    "reason_text", "soft" (for a failure), "rule", "explanation",
    "advice", "advice_text", each when it applies.  Store the length in
    *LEN (if not NULL).  @return 0; SMTPREPLY_ENOSPC (*LEN is the length
    needed); SMTPREPLY_ENOMEM; or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_verdict_json (const struct smtpreply_verdict *v,
                                         const char *lang, char *buf,
                                         size_t size, size_t *len);

/* ------------------------------------------------------------------------
   Mail logs: what a line says, and summaries that merge.

   smtpreply_log_read reads one line of a mail log: the reply on it (as
   smtpreply_extract finds it), the verdict on it (smtpreply_classify,
   with the stage and the remote host the line names), what happened to
   the mail, and the fields people group by.  Postfix, Exim and Sendmail
   lines are read field by field; any other line still gives its reply.

   A summary counts many lines: per outcome, then per reason, per
   destination domain and per reply, with the first line of each row as
   its example, first in the order of (file name, line number) whatever
   order the lines came in.  Summaries merge (the merge is associative and
   commutative), travel as JSON, and render as the command prints them, so
   that a summary computed in parts on many machines prints exactly what
   one run over all the files prints.  A summary keeps at most about
   512 KiB of rows in memory: past that it spills them, sorted, to
   temporary files it makes in $TMPDIR (or /tmp if unset) and unlinks at
   once, and merges them back whenever it is read, so that its memory
   stays flat whatever the size of the logs.  A function that cannot
   make, write or read such a file returns SMTPREPLY_ETEMP_FILE, errno
   saying why.  */

/** What happened to the mail a log line is about.  */
enum smtpreply_outcome
{
  SMTPREPLY_OUTCOME_NONE = 0, /* the line holds no reply */
  SMTPREPLY_OUTCOME_DELIVERED,
  SMTPREPLY_OUTCOME_DEFERRED, /* it will be tried again */
  SMTPREPLY_OUTCOME_BOUNCED,  /* it failed for good: it goes back to its
                                 sender */
  SMTPREPLY_OUTCOME_REJECTED, /* this server refused mail coming in
                                 (Postfix's NOQUEUE: reject): no bounce of
                                 ours */
  SMTPREPLY_OUTCOME_OTHER     /* a reply of another kind (3yz, or one the
                                 line does not tie to a delivery) */
};

/** The mail software that wrote a log line.  */
enum smtpreply_mta
{
  SMTPREPLY_MTA_UNKNOWN = 0,
  SMTPREPLY_MTA_POSTFIX,
  SMTPREPLY_MTA_EXIM,
  SMTPREPLY_MTA_SENDMAIL
};

/** The fields of a log line people group by.  */
enum smtpreply_log_field
{
  SMTPREPLY_LOG_QUEUE_ID = 0, /* "4F2A81C2B3", Exim's "1tGx1a-000ABC-12" */
  SMTPREPLY_LOG_RECIPIENT,    /* "b@example.net" */
  SMTPREPLY_LOG_DOMAIN,       /* the recipient's domain, "example.net" */
  SMTPREPLY_LOG_RELAY,        /* the remote host, "mx.example.net" */
  SMTPREPLY_LOG_STATUS        /* the log's own status: Postfix's status=,
                                 Sendmail's stat=, Exim's flag, lower
                                 case: "bounced", "deferred", "sent" */
};

/** What smtpreply_log_read found on a line (opaque).  */
struct smtpreply_log_record;

/** Create a record to read lines into and store it in *OUT.  A record
    belongs to one thread at a time: its fields are read from the line
    when they are first asked for, so even its const accessors write to
    it, and two threads that share one need a lock.  @return 0,
    SMTPREPLY_ENOMEM or SMTPREPLY_EINVAL.  */
smtpreply_status
smtpreply_log_record_new (struct smtpreply_log_record **out);

/** Free REC.  NULL is allowed.  */
void smtpreply_log_record_free (struct smtpreply_log_record *rec);

/** Read the LEN bytes at LINE, one line of a mail log without its line
    ending, into REC, replacing what it held.  STAGE is the command the
    replies answered, if the caller knows it (SMTPREPLY_STAGE_ANY: from the
    line).  LINE must stay unchanged while REC is used: the fields point
    into it.  @return 0, SMTPREPLY_ENOMEM or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_log_read (struct smtpreply_log_record *rec,
                                     const char *line, size_t len,
                                     int stage);

/** Make DST hold what REC last read, as smtpreply_log_read read it into
    SRC: the same line (its bytes must stay unchanged while DST uses them),
    reply, verdict and the fields read so far.  DST keeps what it keeps to
    read later lines faster (its own memory of verdicts and their JSON);
    SRC is not changed.  So several threads can each read lines into
    their own record, and one thread use the lines, in order, through
    one record.  DST and SRC must differ.  @return 0 or
    SMTPREPLY_EINVAL.  */
smtpreply_status
smtpreply_log_record_copy (struct smtpreply_log_record *dst,
                           const struct smtpreply_log_record *src);

/** Return what smtpreply_extract found on the line of REC.  */
const struct smtpreply_match *
smtpreply_log_record_match (const struct smtpreply_log_record *rec);

/** Return the verdict on the reply of the line of REC (its reason is NULL
    when the line holds no reply).  */
const struct smtpreply_verdict *
smtpreply_log_record_verdict (const struct smtpreply_log_record *rec);

/** Return the outcome (enum smtpreply_outcome) of the line of REC: the
    log's own status when it has one (Postfix's status=sent beats the
    class of a reply), else the class of the reply.  */
int smtpreply_log_record_outcome (const struct smtpreply_log_record *rec);

/** Return the software (enum smtpreply_mta) that wrote the line of REC.  */
int smtpreply_log_record_mta (const struct smtpreply_log_record *rec);

/** Return field FIELD (enum smtpreply_log_field) of the line of REC and
    store its length in *LEN; NULL (and *LEN 0) if the line has none.  The
    field points into the line, but for the domain and the status, which
    are lower case copies REC holds.  */
const char *smtpreply_log_record_field (const struct smtpreply_log_record *rec,
                                        int field, size_t *len);

/** Write into BUF (SIZE bytes, NUL-terminated) the JSON object the
    command prints for the line of REC with --json, for line LINENO of
    FILE, in language LANG, with the local parts of addresses replaced by
    "..." if REDACT: "input", "file", "line", the members of
    smtpreply_verdict_json, "flags", "outcome", "mta", "queue_id",
    "recipient", "domain", "relay", "status", "lang".  Store its length in
    *LEN.  @return 0, SMTPREPLY_ENOSPC (*LEN is the length needed),
    SMTPREPLY_ENOMEM or SMTPREPLY_EINVAL.  */
smtpreply_status
smtpreply_log_record_json (const struct smtpreply_log_record *rec,
                           const char *file, size_t lineno, const char *lang,
                           int redact, char *buf, size_t size, size_t *len);

/** Copy the LEN bytes at LINE into OUT (SIZE bytes, NUL-terminated) with
    the local part of each mail address replaced by "...", and store the
    length in *OUT_LEN.  3 * LEN + 1 bytes always suffice.  @return 0,
    SMTPREPLY_ENOSPC or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_log_redact (const char *line, size_t len,
                                       char *out, size_t size,
                                       size_t *out_len);

/** A summary of log lines (opaque).  */
struct smtpreply_summary;

/** Options of a summary.  */
enum smtpreply_summary_option
{
  SMTPREPLY_SUMMARY_REDACT = 1,  /* examples hide the local parts of
                                    addresses */
  SMTPREPLY_SUMMARY_FAILURES = 2 /* count only failures (4yz, 5yz) */
};

/** Create an empty summary with OPTIONS (SMTPREPLY_SUMMARY_* bits) and
    store it in *OUT.  @return 0, SMTPREPLY_ENOMEM or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_summary_new (unsigned int options,
                                        struct smtpreply_summary **out);

/** Free S.  NULL is allowed.  */
void smtpreply_summary_free (struct smtpreply_summary *s);

/** Let S keep BYTES bytes of rows and their texts in memory before it
    spills them, sorted, to a temporary file ($TMPDIR, or /tmp), which it
    reads back as it needs them: 0 for the default, 512 KiB; SIZE_MAX
    never to spill.  A summary always keeps the rows of one line, and what
    it takes stays about this much however many lines it counts; the
    smaller, the more often it spills.  Programs that count in several
    summaries at once (a thread each) share their memory between them.
    @return 0, or SMTPREPLY_EINVAL if S is NULL.  */
smtpreply_status smtpreply_summary_set_memory (struct smtpreply_summary *s,
                                               size_t bytes);

/** Count in S the line REC holds, line LINENO of FILE (any name; "-" for
    standard input).  A line without a reply is not counted.  @return 0,
    SMTPREPLY_ENOMEM, SMTPREPLY_ETEMP_FILE (S is as it was) or
    SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_summary_add (struct smtpreply_summary *s,
                                        const struct smtpreply_log_record *rec,
                                        const char *file, size_t lineno);

/** Read the LEN bytes at BUF as lines of FILE, the first being line
    FIRST_LINE (from 1), and count each in S as smtpreply_summary_add
    does.  Lines end at LF; a CR before it is not part of the line; lines
    longer than 1 MiB are cut there.  @return 0, SMTPREPLY_ENOMEM,
    SMTPREPLY_ETEMP_FILE (the lines before the one it stopped at are
    counted) or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_summary_add_lines (struct smtpreply_summary *s,
                                              const char *buf, size_t len,
                                              const char *file,
                                              size_t first_line);

/** Add the counts of FROM to INTO, which must have the same options.
    @return 0, SMTPREPLY_ENOMEM, SMTPREPLY_ETEMP_FILE (INTO may hold a
    part of FROM) or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_summary_merge (struct smtpreply_summary *into,
                                          const struct smtpreply_summary *from);

/** Return the number of lines S counted.  */
unsigned long long
smtpreply_summary_lines (const struct smtpreply_summary *s);

/** Store in *OUT a JSON text holding everything S knows, for
    smtpreply_summary_from_json, and its length in *LEN: its rows come
    sorted by key.  Free *OUT with smtpreply_free.  @return 0,
    SMTPREPLY_ENOMEM, SMTPREPLY_ETEMP_FILE or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_summary_to_json (const struct smtpreply_summary *s,
                                            char **out, size_t *len);

/** Read the LEN bytes at BUF, a text of smtpreply_summary_to_json, into a
    new summary and store it in *OUT.  @return 0, SMTPREPLY_ENOMEM,
    SMTPREPLY_EINVAL, or SMTPREPLY_ESUMMARY_JSON if the text is not one,
    with the offset of the byte that broke it in *ERROR_OFFSET (if not
    NULL).  */
smtpreply_status smtpreply_summary_from_json (const char *buf, size_t len,
                                              struct smtpreply_summary **out,
                                              size_t *error_offset);

/** How smtpreply_summary_render writes.  */
enum smtpreply_summary_format
{
  SMTPREPLY_SUMMARY_TEXT = 0,  /* for people, as "annotate --summary" */
  SMTPREPLY_SUMMARY_COLOR,     /* the same with terminal colours */
  SMTPREPLY_SUMMARY_JSON       /* JSON Lines, as "--json annotate
                                  --summary" */
};

/** Store in *OUT the summary S as the command prints it, in FORMAT (an
    enum smtpreply_summary_format) and language LANG, and its length in
    *LEN.  Free *OUT with smtpreply_free.  @return 0, SMTPREPLY_ENOMEM,
    SMTPREPLY_ETEMP_FILE or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_summary_render (const struct smtpreply_summary *s,
                                           int format, const char *lang,
                                           char **out, size_t *len);

/** What smtpreply_summary_write calls with each piece of the text, the LEN
    bytes at BUF (LEN > 0), in order; CTX is what its caller gave.  BUF
    lives until the function returns.  Return 0 to go on, or a positive
    value (a write error) to stop.  */
typedef int smtpreply_write_fn (void *ctx, const char *buf, size_t len);

/** Write the summary S as smtpreply_summary_render stores it, in FORMAT (an
    enum smtpreply_summary_format) and language LANG, a piece at a time
    through FN (CTX, piece, length), so that memory does not grow with the
    text: the pieces, joined, are byte for byte the text
    smtpreply_summary_render stores.  @return 0; the positive value FN
    returned to stop (FN is not called again); SMTPREPLY_ENOMEM or
    SMTPREPLY_ETEMP_FILE (what was written before may be a part of the
    text); or SMTPREPLY_EINVAL for a
    NULL S or FN or an unknown FORMAT.  */
int smtpreply_summary_write (const struct smtpreply_summary *s, int format,
                             const char *lang, smtpreply_write_fn *fn,
                             void *ctx);

/* ------------------------------------------------------------------------
   Tokens: the stable names of enumerated values, the same in C, the
   command's JSON and every binding.  Programs that map names to values
   (a configuration file, a binding building its enumerations) ask the
   library instead of keeping their own copy.  */

/** The kinds of values that have tokens, and the form of their tokens.  */
enum smtpreply_token_kind
{
  SMTPREPLY_TOKEN_ERROR = 1, /* errors: "EBAD_CODE", "ETRUNCATED" */
  SMTPREPLY_TOKEN_FLAG,      /* parser flags (bits): "BARE_LF" */
  SMTPREPLY_TOKEN_STAGE,     /* enum smtpreply_stage: "rcpt", "data_end" */
  SMTPREPLY_TOKEN_ACTION,    /* enum smtpreply_action: "give_up" */
  SMTPREPLY_TOKEN_STATUS,    /* enum smtpreply_code_status:
                                "registry_only" */
  SMTPREPLY_TOKEN_LIMIT,     /* enum smtpreply_limit, as the option
                                that sets it: "max_line_length" */
  SMTPREPLY_TOKEN_REASON,    /* reasons, by their index:
                                "mailboxfull" */
  SMTPREPLY_TOKEN_REMEDY,    /* enum smtpreply_remedy: "retry_slower" */
  SMTPREPLY_TOKEN_SEVERITY,  /* enum smtpreply_severity: "by_class" */
  SMTPREPLY_TOKEN_OUTCOME,   /* enum smtpreply_outcome: "bounced" */
  SMTPREPLY_TOKEN_MTA,       /* enum smtpreply_mta: "postfix" */
  SMTPREPLY_TOKEN_LOG_FIELD, /* enum smtpreply_log_field: "queue_id" */
  SMTPREPLY_TOKEN_DSN_ACTION /* enum smtpreply_dsn_action: "failed" */
};

/** Return the number of tokens of KIND, or 0 if KIND is unknown.  */
size_t smtpreply_token_count (int kind);

/** Return token I (0 <= I < smtpreply_token_count (KIND)) of KIND and
    store its value in *VALUE (if not NULL), or return NULL if I or KIND is
    out of range.  Tokens come in ascending order of value, but errors,
    which come in the order of smtpreply/errors.def (-1, -2, ...).  The
    string is static.  */
const char *smtpreply_token_at (int kind, size_t i, int *value);

/** Return the token of VALUE of KIND, e.g. "give_up" for
    SMTPREPLY_ACTION_GIVE_UP, or NULL if VALUE has none.  Static.  */
const char *smtpreply_token_name (int kind, int value);

/** Return the title of VALUE of KIND for people, in language LANG: "Give
    up" for SMTPREPLY_ACTION_GIVE_UP, "Registry only", "Hard failure",
    "Bounced", a reason's title, an error's or a flag's message.  NULL if
    VALUE has no token or its kind no titles (limits, MTAs, log fields,
    most stages: their tokens are what people read).  Static.  */
const char *smtpreply_token_describe (int kind, int value, const char *lang);

/** Store in *VALUE the value of the token NAME of KIND, compared without
    regard to ASCII case ("RCPT" is "rcpt").  @return 0, or
    SMTPREPLY_EINVAL if KIND has no such token or an argument is NULL.  */
smtpreply_status smtpreply_token_value (int kind, const char *name,
                                        int *value);

/* ------------------------------------------------------------------------
   Showing server text to a person, and writing it in JSON.  */

/** Copy the LEN bytes at BUF into OUT (SIZE bytes) as UTF-8 text that is
    safe to print on a terminal, NUL-terminated, and store its length in
    *OUT_LEN.  C0 controls and DEL become "\xHH", C1 controls and the
    line and paragraph separators "\uHHHH", a tab a space; escape sequences
    (CSI, OSC and the others) and bidirectional, zero-width and other
    invisible characters are removed; each invalid UTF-8 sequence becomes
    U+FFFD.  4 * LEN + 1 bytes always suffice.  HTML escaping is the caller's job.  @return 0;
    SMTPREPLY_ENOSPC if SIZE is too small (then *OUT_LEN is the length
    needed, without the NUL); or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_display_safe (const char *buf, size_t len,
                                         char *out, size_t size,
                                         size_t *out_len);

/** Return 1 if code point C is one that display-safe text hides and JSON
    escapes: a C1 control (U+0080-U+009F), the line or paragraph separator,
    or a character that changes how the text around it is shown without
    being seen (bidirectional controls, zero-width characters, invisible
    operators, byte order marks, tag characters); else 0.  */
int smtpreply_display_hides (unsigned long c);

/** Return how many columns the LEN bytes at BUF take on a terminal, read
    as UTF-8: wide East Asian characters take two, combining marks and the
    characters smtpreply_display_hides none, controls none, each invalid
    sequence one (it shows as U+FFFD).  For aligning translated text in
    columns.  0 if BUF is NULL.  */
size_t smtpreply_display_width (const char *buf, size_t len);

/** Copy the LEN bytes at BUF into OUT (SIZE bytes), NUL-terminated, with
    everything a terminal would obey or hide shown as an escape, and store
    its length in *OUT_LEN: a C0 control or DEL as "\xHH", each byte of
    invalid UTF-8 as "\xHH", a character smtpreply_display_hides as
    "\uHHHH" (or "\UHHHHHHHH").  For names a person must see exactly, such
    as a file name in an error message.  10 * LEN + 1 bytes always suffice.
    @return 0; SMTPREPLY_ENOSPC (*OUT_LEN is the length needed, without
    the NUL); or SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_display_escape (const char *buf, size_t len,
                                           char *out, size_t size,
                                           size_t *out_len);

/** Write the LEN bytes at BUF into OUT (SIZE bytes) as a JSON string, in
    double quotes and NUL-terminated, and store its length in *OUT_LEN.
    Whatever the bytes, the string is valid UTF-8: each maximal invalid
    sequence becomes U+FFFD; C0 controls, DEL and every character
    smtpreply_display_hides are written as \uXXXX escapes (a surrogate
    pair past U+FFFF), so that no reader's terminal or page acts on them.
    12 * LEN + 3 bytes always suffice.  @return 0;
    SMTPREPLY_ENOSPC (*OUT_LEN is the length needed, without the NUL); or
    SMTPREPLY_EINVAL.  */
smtpreply_status smtpreply_json_quote (const char *buf, size_t len, char *out,
                                       size_t size, size_t *out_len);

/** Free memory the library allocated for the caller (the texts of
    smtpreply_summary_to_json and smtpreply_summary_render).  NULL is
    allowed.  */
void smtpreply_free (void *p);

/* ------------------------------------------------------------------------
   Delivery status notifications (RFC 3464, RFC 6533).  The body of a
   message/delivery-status or message/global-delivery-status part, already
   transfer-decoded, holds groups of fields separated by empty lines: the
   per-message fields (Reporting-MTA, Arrival-Date...), then one group per
   recipient (Final-Recipient, Action, Status, Diagnostic-Code...).

     struct smtpreply_dsn *dsn;
     if (smtpreply_dsn_parse (body, body_len, &dsn) == 0)
       {
         for (size_t r = 1; r <= smtpreply_dsn_recipient_count (dsn); r++)
           {
             const struct smtpreply_dsn_field *to
                 = smtpreply_dsn_field_find (dsn, r, "Final-Recipient");
             const struct smtpreply_response *reply
                 = smtpreply_dsn_recipient_reply (dsn, r);
             ...
           }
         smtpreply_dsn_free (dsn);
       }

   Lines end in CRLF or LF.  A field is a name of printable ASCII but ':',
   a colon and a value, which goes on over the lines that start with a
   space or a tab (each line break with the white space after it becomes
   one space).  Values may hold UTF-8 (RFC 6533).  The reader takes what
   real reporting MTAs write and reports each deviation as a problem (an
   SMTPREPLY_EDSN_* code with its line and offset) instead of failing:

   - a line that is neither a field nor a continuation is skipped
     (EDSN_SYNTAX, at its first byte that breaks the rule), and a field
     with a NUL byte too (EDSN_NUL, at the NUL);
   - a per-recipient field (Original-Recipient, Final-Recipient, Action,
     Status, Remote-MTA, Diagnostic-Code, Last-Attempt-Date, Final-Log-ID,
     Will-Retry-Until) among the per-message fields, and an
     Original-Recipient or Final-Recipient in a recipient's group that
     already has one, start a new recipient there (EDSN_NO_SEPARATOR);
   - a recipient with no Final-Recipient nor Original-Recipient
     (EDSN_NO_RECIPIENT), no Action (EDSN_NO_ACTION) or no Status
     (EDSN_NO_STATUS) is kept, and reported at its first field;
   - the typed fields (Original-Recipient, Final-Recipient: address-type;
     Reporting-MTA, Received-From-MTA, DSN-Gateway, Remote-MTA:
     mta-name-type; Diagnostic-Code: diagnostic-type) are split at their
     first ';' into a type and a value; one that does not start with a
     type (an atom) and ';' is kept whole, with no type (EDSN_NO_TYPE, at
     the value);
   - an Action other than the five words (EDSN_BAD_ACTION) and a Status
     that does not start with an enhanced status code (EDSN_BAD_STATUS)
     are reported at their first wrong byte.

   The limits below bound the memory a DSN takes: a copy of the input, and
   about 16 MiB besides at most.  A parsed DSN is never modified: any
   number of threads may read it at once.  */

/** The largest input smtpreply_dsn_parse reads: 16 MiB.  */
#define SMTPREPLY_DSN_MAX_INPUT (16 * 1024 * 1024)
/** The most recipients read; the next one stops the reading
    (EDSN_TOO_MANY), keeping what was read before it.  */
#define SMTPREPLY_DSN_MAX_RECIPIENTS 10000
/** The most fields read, all groups together; the next one stops the
    reading as above.  */
#define SMTPREPLY_DSN_MAX_FIELDS 100000
/** The longest value of a field, unfolded, in bytes: 64 KiB.  A longer
    one is cut there, at the start of a UTF-8 character (EDSN_TOO_LONG).  */
#define SMTPREPLY_DSN_MAX_VALUE (64 * 1024)
/** The most lines of replies, all recipients together.  The reply that
    would pass it is not read and the reading stops there, as above.  */
#define SMTPREPLY_DSN_MAX_REPLY_LINES 100000
/** The most problems kept; later ones are not recorded.  */
#define SMTPREPLY_DSN_MAX_PROBLEMS 10000

/** A parsed delivery status (opaque).  */
struct smtpreply_dsn;

/** What happened to a recipient: the Action field (RFC 3464 2.3.3).  */
enum smtpreply_dsn_action
{
  SMTPREPLY_DSN_ACTION_NONE = 0, /* no Action field, or not one of these */
  SMTPREPLY_DSN_ACTION_FAILED,
  SMTPREPLY_DSN_ACTION_DELAYED,
  SMTPREPLY_DSN_ACTION_DELIVERED,
  SMTPREPLY_DSN_ACTION_RELAYED,
  SMTPREPLY_DSN_ACTION_EXPANDED
};

/** One field, unfolded.  It belongs to the DSN and lives as long as it.
    Fields may be added at the end in later versions: never allocate or
    copy one.  Each string is also NUL-terminated, and holds no NUL.  */
struct smtpreply_dsn_field
{
  const char *name;  /* as written, e.g. "Diagnostic-Code" */
  size_t name_len;
  const char *type;  /* the type of a typed field, lower-cased: "rfc822",
                        "smtp", "dns", "x-unix"; NULL for other fields and
                        for a typed field without one */
  size_t type_len;
  const char *value; /* unfolded, without white space at either end, and
                        after the "type;" of a typed field */
  size_t value_len;
  size_t line;       /* line number of its first line, from 1 */
  size_t offset;     /* offset of its first byte in the input */
};

/** Read the LEN bytes at BUF, the body of a delivery-status part, and
    store the result in *OUT (free it with smtpreply_dsn_free).  BUF need
    not be NUL-terminated, and is not used after the call.  @return 0,
    even when there were problems (see smtpreply_dsn_problem_count);
    SMTPREPLY_EDSN_TOO_BIG if LEN is more than SMTPREPLY_DSN_MAX_INPUT;
    SMTPREPLY_ENOMEM; or SMTPREPLY_EINVAL if OUT is NULL, or BUF is NULL
    with LEN > 0.  *OUT is NULL on failure.  */
smtpreply_status smtpreply_dsn_parse (const char *buf, size_t len,
                                      struct smtpreply_dsn **out);

/** Free DSN and everything it returned.  DSN may be NULL.  */
void smtpreply_dsn_free (struct smtpreply_dsn *dsn);

/** Return the number of recipients of DSN (0 if DSN is NULL).  */
size_t smtpreply_dsn_recipient_count (const struct smtpreply_dsn *dsn);

/** Return the number of fields of group G of DSN: 0 for the per-message
    fields, 1 to smtpreply_dsn_recipient_count for the recipients.  0 if
    DSN is NULL or G is out of range.  */
size_t smtpreply_dsn_field_count (const struct smtpreply_dsn *dsn, size_t g);

/** Return field I (from 0, in the input's order) of group G of DSN, or
    NULL if DSN is NULL or G or I is out of range.  */
const struct smtpreply_dsn_field *
smtpreply_dsn_field_at (const struct smtpreply_dsn *dsn, size_t g, size_t i);

/** Return the first field of group G of DSN named NAME (in any case), or
    NULL if there is none or an argument is NULL or out of range.  */
const struct smtpreply_dsn_field *
smtpreply_dsn_field_find (const struct smtpreply_dsn *dsn, size_t g,
                          const char *name);

/** Return what happened to recipient R (from 1) of DSN: an enum
    smtpreply_dsn_action read from its first Action field, which may be
    followed by a comment ("failed (bad destination)"), in any case; NONE
    if it has none or another word.  SMTPREPLY_EINVAL if DSN is NULL or R
    is out of range.  */
int smtpreply_dsn_recipient_action (const struct smtpreply_dsn *dsn,
                                    size_t r);

/** Read the Status field of recipient R (from 1) of DSN, whose first word
    is an enhanced status code (a comment may follow), into *OUT.
    @return 0; SMTPREPLY_EDSN_NO_STATUS if R has no Status field; the error
    of smtpreply_enhanced_parse if it is not valid; or SMTPREPLY_EINVAL if
    DSN or OUT is NULL or R is out of range.  */
smtpreply_status
smtpreply_dsn_recipient_status (const struct smtpreply_dsn *dsn, size_t r,
                                struct smtpreply_enhanced_code *out);

/** Return the SMTP reply of recipient R (from 1) of DSN: its first
    Diagnostic-Code field of type "smtp", read by the reply parser, or NULL
    when it has none, when the diagnostic is of another type ("x-unix; 127"
    never gives a reply), or when it does not start with a reply code
    ("smtp; 5.1.1 user unknown"), or past SMTPREPLY_DSN_MAX_REPLY_LINES
    (EDSN_TOO_MANY).  Reporting MTAs join the lines of a
    multi-line reply on one line ("550-5.1.1 a 550-5.1.1 b 550 5.1.1 c"):
    a new line starts where the code of the first line and a '-' or ' '
    follow white space, as long as the line before had the '-'.  The
    reply's lines are read with smtpreply_response_line; its offset and
    line number are those of its first byte in the input.  It lives as
    long as DSN.  */
const struct smtpreply_response *
smtpreply_dsn_recipient_reply (const struct smtpreply_dsn *dsn, size_t r);

/** Return "failed", "delayed", "delivered", "relayed" or "expanded" for
    an enum smtpreply_dsn_action, or NULL.  */
const char *smtpreply_dsn_action_name (int action);

/** Return the enum smtpreply_dsn_action named NAME (in any case), or
    SMTPREPLY_EINVAL if NAME is NULL or no action's name.  */
int smtpreply_dsn_action_from_name (const char *name);

/** Return the number of problems found in DSN (0 if DSN is NULL).  They
    are sorted by offset, and at most SMTPREPLY_DSN_MAX_PROBLEMS.  */
size_t smtpreply_dsn_problem_count (const struct smtpreply_dsn *dsn);

/** Return problem I (from 0) of DSN, a negative SMTPREPLY_EDSN_* code, and
    store its line number (from 1) in *LINE and its offset in the input in
    *OFFSET, each if not NULL.  SMTPREPLY_EINVAL if DSN is NULL or I is out
    of range.  */
smtpreply_status smtpreply_dsn_problem_at (const struct smtpreply_dsn *dsn,
                                           size_t i, size_t *line,
                                           size_t *offset);

#ifdef __cplusplus
}
#endif

#endif /* SMTPREPLY_H */
