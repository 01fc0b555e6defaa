/* internal.h -- private helpers shared between the files of the library.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Nothing here is installed or exported: the library exports only names
   matching ^smtpreply_[a-z], and these are smtpreply__*.  */

#ifndef SMTPREPLY_INTERNAL_H
#define SMTPREPLY_INTERNAL_H 1

#include <stddef.h>
#include <stdint.h>

/* Translations.  The library never calls gettext itself: every string is
   served by its own catalog reader (mo.c), so that a language can be chosen
   per call, in any thread, without any system locale.  _() asks for the
   default language (the environment's, read on each call).  */
#define _(msgid) smtpreply__translate_static (msgid, NULL)
#define N_(msgid) msgid

/* Like smtpreply_translate, for MSGID one of the library's own static
   strings, whose address alone identifies it (i18n.c).  */
const char *smtpreply__translate_static (const char *msgid, const char *lang)
    SMTPREPLY__FORMAT_ARG (1);

/* Number of elements of the array A.  */
#define SMTPREPLY__N_ELEMS(a) (sizeof (a) / sizeof ((a)[0]))

/* The size of struct smtpreply_match in version 0.2, the least a caller
   may pass to smtpreply_extract.  */
#define SMTPREPLY__MATCH_SIZE_0_2                                            \
  (offsetof (struct smtpreply_match, text_offset) + sizeof (size_t))

/* The size of struct smtpreply_verdict in version 0.2.  */
#define SMTPREPLY__VERDICT_SIZE_0_2                                          \
  (offsetof (struct smtpreply_verdict, enhanced)                             \
   + sizeof (struct smtpreply_enhanced_code))

/* Return the advice row for a failure whose reason calls for REMEDY (an
   enum smtpreply_remedy); SMTPREPLY_REMEDY_NONE gives the generic advice
   of a transient failure (advice.c).  */
const struct smtpreply_advice *smtpreply__advice_for_remedy (int remedy);

/* What the classifier keeps between calls made by one caller (one log
   record): the rules without words that hold for the facts it saw last.
   Return a new one, or NULL if memory ran out; free it (classify.c).  */
struct smtpreply__rules_memo;
struct smtpreply__rules_memo *smtpreply__rules_memo_new (void);
void smtpreply__rules_memo_free (struct smtpreply__rules_memo *memo);

/* Classify the reply *M found in the LEN bytes at TEXT as
   smtpreply_classify does, into *OUT (of this version's size), keeping
   what it may in MEMO (NULL: nothing kept).  @return 0 or
   SMTPREPLY_ENOMEM (classify.c).  */
int smtpreply__classify_match (const struct smtpreply_match *m,
                               const char *text, size_t len, int stage,
                               const char *remote_mta,
                               struct smtpreply__rules_memo *memo,
                               struct smtpreply_verdict *out);

/* Nonzero if E (a condition) is, or is not, what the hot path expects:
   a hint that lays that path out straight, without taken branches (a
   byte fed alone to the parser runs about 10% faster with it).  */
#if defined __GNUC__
# define SMTPREPLY__LIKELY(e) __builtin_expect (!!(e), 1)
# define SMTPREPLY__UNLIKELY(e) __builtin_expect (!!(e), 0)
#else
# define SMTPREPLY__LIKELY(e) (e)
# define SMTPREPLY__UNLIKELY(e) (e)
#endif

/* A function inlined wherever it is called, for the compiler to fold what
   each call site knows (a needle given as a literal, its length).  */
#if defined __GNUC__
# define SMTPREPLY__ALWAYS_INLINE inline __attribute__ ((__always_inline__))
#else
# define SMTPREPLY__ALWAYS_INLINE inline
#endif

/* How much SIMD the library may use: 0, none (the plain paths); 1, the
   paths written with SSE2 where the compiler targets it (every x86-64
   processor has it); 2 (the default), also those written with AVX2 on
   x86-64 where the processor has it (smtpreply__avx2).  Tests set each in
   turn to check that every path gives the same answers.  */
#define SMTPREPLY__SIMD_SSE2 1
#define SMTPREPLY__SIMD_BEST 2
extern int smtpreply__simd;

/* The paths written with AVX2: compiled in with GCC or Clang for x86-64,
   each function marked to use AVX2 alone, and taken only where
   smtpreply__avx2 says yes.  */
#if defined __GNUC__ && defined __x86_64__ && defined __SSE2__
# define SMTPREPLY__AVX2_PATHS 1
#endif

/* Return nonzero if smtpreply__simd allows the AVX2 paths and the
   processor has AVX2.  */
int smtpreply__avx2 (void);

/* Nonzero (the default) lets the classifier skip the places where no
   phrase part can start by their first three bytes; tests set it to 0 to
   check the walk from every place gives the same verdicts.  */
extern int smtpreply__classify_filter;

/* Nonzero (the default) lets the classifier read a success (2yz) for the
   phrase parts its verdict may depend on alone; tests set it to 0 to
   check reading it for every part gives the same verdicts.  */
extern int smtpreply__classify_success;

/* Return nonzero if the LEN bytes at BUF may hold a reply code or an
   enhanced code that smtpreply_extract takes, 0 if they cannot: a quick
   look, true of every text smtpreply__extract_scan finds something in
   (extract.c).  */
int smtpreply__extract_possible (const char *buf, size_t len);

/* Find the reply in the LEN bytes at BUF into *OUT (of this version's
   size), as smtpreply_extract does, but trying every place a code may
   start, without the quick look (extract.c).  */
void smtpreply__extract_scan (const char *buf, size_t len,
                              struct smtpreply_match *out);

/* Store in *LINE and *LEN the line REC was read from (logline.c).  */
void smtpreply__log_record_line (const struct smtpreply_log_record *rec,
                                 const char **line, size_t *len);

/* Return a number that changes whenever the same language list may come
   to give other translations: when smtpreply_language_reset resolves the
   default languages again (and when they are first resolved), and when
   smtpreply_catalog_dir_set chooses a folder.  What was translated under
   one number may be kept while the number stays (i18n.c).  */
unsigned long smtpreply__language_generation (void);

/* Nonzero (the default) lets a log record keep the JSON members of the
   verdicts it wrote, for the lines with the same verdict; tests set it to
   0 to check that the members written anew are the same, and to 2 to keep
   every verdict in the same set (of two), so that only the comparison of
   the verdicts tells whether a copy there is the one to use
   (logline.c).  */
extern int smtpreply__json_memo;

/* Compile the rules of rules.def, once.  @return 0, or SMTPREPLY_ENOMEM
   (classify.c).  */
int smtpreply__rules_compile (void);

/* A JSON text being written into a growing buffer (json.c).  Zero it to
   start; FAILED is set when memory ran out, after which nothing more is
   written.  */
struct smtpreply__json
{
  char *buf;  /* NUL-terminated */
  size_t len;
  size_t cap;
  int first;  /* no member yet in the object or array being written */
  int failed;
};

/* Decode the UTF-8 sequence at S (N >= 1 bytes left).  Store the code
   point in *CP and return its length, or return 0 if the bytes are not
   valid UTF-8 and store in *CP the length of the maximal subpart to
   replace with one U+FFFD (Unicode 15, section 3.9) (display.c).  */
size_t smtpreply__utf8_decode (const unsigned char *s, size_t n,
                               uint32_t *cp);

/* Return the length of the run of printable ASCII (0x20 to 0x7e) at the
   start of the LEN bytes at S: text that is its own display-safe copy
   (display.c).  */
size_t smtpreply__printable_ascii (const char *s, size_t len);

/* Copy the LEN bytes at S into OUT (3 * LEN bytes suffice) as valid UTF-8,
   each maximal invalid sequence made U+FFFD, as JSON strings write them;
   return the length written (json.c).  */
size_t smtpreply__utf8_clean (const char *s, size_t len, char *out);

/* The most bytes of a long long in decimal, with its sign.  */
#define SMTPREPLY__INT_DIGITS 24
/* Write V in decimal, with a '-' if it is negative, at the end of the
   SMTPREPLY__INT_DIGITS bytes at BUF; return the offset of its first
   byte (json.c).  */
size_t smtpreply__int_digits (long long v, char *buf);

void smtpreply__json_raw (struct smtpreply__json *j, const char *s, size_t n);
void smtpreply__json_quoted (struct smtpreply__json *j, const char *s,
                             size_t n);
/* Members' keys are the library's own names, written without escapes;
   values are quoted as smtpreply_json_quote does.  Open or close an
   object or array: BRACKET is '{', '}', '[' or ']'.  */
void smtpreply__json_begin (struct smtpreply__json *j, char bracket);
void smtpreply__json_end (struct smtpreply__json *j, char bracket);
/* Write the separator and KEY (NULL inside an array).  */
void smtpreply__json_key (struct smtpreply__json *j, const char *key);
/* Members: nothing is written for a NULL VALUE of json_string.  */
void smtpreply__json_string (struct smtpreply__json *j, const char *key,
                             const char *value);
void smtpreply__json_bytes (struct smtpreply__json *j, const char *key,
                            const char *value, size_t n);
void smtpreply__json_int (struct smtpreply__json *j, const char *key,
                          long long value);
void smtpreply__json_bool (struct smtpreply__json *j, const char *key,
                           int value);
void smtpreply__json_free (struct smtpreply__json *j);

/* Write the members that describe reply CODE (0: none) with enhanced code
   ENHANCED (NULL: none) in language LANG: "code", "name", "class",
   "category", "class_name", "category_name", "title", "description",
   "enhanced", "enhanced_description" (classify.c).  */
void smtpreply__json_codes (struct smtpreply__json *j, int code,
                            const struct smtpreply_enhanced_code *enhanced,
                            const char *lang);

/* Write the members that describe verdict *V in language LANG: the code,
   the enhanced code, the reason and the advice (classify.c).  */
void smtpreply__json_verdict (struct smtpreply__json *j,
                              const struct smtpreply_verdict *v,
                              const char *lang);

/* Copy the JSON text of J into BUF of SIZE bytes as the public functions
   that fill a caller's buffer do, and keep J.  @return 0,
   SMTPREPLY_ENOSPC (*LEN is the length needed) or SMTPREPLY_ENOMEM.  */
int smtpreply__json_copy (const struct smtpreply__json *j, char *buf,
                          size_t size, size_t *len);

/* As smtpreply__json_copy, and free J.  @return 0,
   SMTPREPLY_ENOSPC (*LEN is the length needed) or SMTPREPLY_ENOMEM.  */
int smtpreply__json_deliver (struct smtpreply__json *j, char *buf,
                             size_t size, size_t *len);

/* A reply as the parser returns it (parser.c), laid out here so that the
   delivery-status reader (dsn.c) can keep replies of its own, read with
   the same smtpreply_response_* functions.  */

/* One line of a reply: where its text lies in TEXT.  */
struct smtpreply__span
{
  size_t start;   /* first byte of the text, after the code and separator */
  size_t len;     /* length of the text, without the line ending */
  size_t message; /* bytes of the enhanced code and its space, if any */
};

struct smtpreply_response
{
  int code;
  int has_enhanced;
  struct smtpreply_enhanced_code enhanced;
  unsigned int flags;
  size_t offset;
  size_t line_number;
  size_t line_count;
  const struct smtpreply__span *lines;
  const char *text;
};

/* A loaded .mo catalog (mo.c).  */
struct smtpreply__catalog;

/* Check the SIZE bytes at DATA as a .mo file and, if they are sound, store
   in *OUT a catalog that reads them in place (DATA must outlive it).
   Every offset and length is checked here, once, so that lookups need no
   checks.  @return 0, SMTPREPLY_ENOMEM, SMTPREPLY_EINVAL (a NULL argument)
   or a SMTPREPLY_ECATALOG_* reason; on failure *OUT is NULL.  */
int smtpreply__catalog_parse (const unsigned char *data, size_t size,
                              struct smtpreply__catalog **out);

/* Read the file PATH into memory (a private copy: a file changed or cut
   short later cannot invalidate the checks) and parse it as
   smtpreply__catalog_parse does.  @return 0, SMTPREPLY_ENO_CATALOG if PATH
   does not exist, or another error.  */
int smtpreply__catalog_open (const char *path,
                             struct smtpreply__catalog **out);

/* Free CAT and its copy of the file.  Only tests and fuzzers do: the library
   keeps every catalog it loads until the process ends.  */
void smtpreply__catalog_free (struct smtpreply__catalog *cat);

/* Return how many translations of CAT were dropped when it was parsed:
   those whose printf conversions differ from their msgid's (or hold %n or
   a positional conversion), and those with controls, invalid UTF-8 or
   bidirectional overrides.  Their msgids are served in English.  */
size_t smtpreply__catalog_dropped (const struct smtpreply__catalog *cat);

/* Return the translation of MSGID in message context CONTEXT (NULL for
   none) from CAT, or NULL if CAT has none (or its translation was
   dropped).  With MSGID_PLURAL not NULL,
   return the plural form for N (form 0 when the index is past the forms
   present; NULL when that form is empty).  No allocation.  */
const char *smtpreply__catalog_lookup (const struct smtpreply__catalog *cat,
                                       const char *context,
                                       const char *msgid,
                                       const char *msgid_plural,
                                       unsigned long n);

/* Like smtpreply__catalog_lookup, and store in *FOUND_MSGID (if not NULL
   and a translation is found) the catalog's copy of the original, which
   lives as long as CAT.  */
const char *smtpreply__catalog_find (const struct smtpreply__catalog *cat,
                                     const char *context, const char *msgid,
                                     const char *msgid_plural, unsigned long n,
                                     const char **found_msgid);

/* A compiled Plural-Forms expression (plural.c).  */
struct smtpreply__plural;

/* Compile the LEN bytes at EXPR, the C expression of "plural=" in a
   catalog's header, and store it in *OUT.  @return 0, SMTPREPLY_ENOMEM,
   or SMTPREPLY_ECATALOG_CORRUPT if the expression is not valid.  */
int smtpreply__plural_compile (const char *expr, size_t len,
                               struct smtpreply__plural **out);

/* Evaluate PLURAL for N, in unsigned long arithmetic as gettext does.
   Division by zero gives 0; a NULL PLURAL is English's N != 1.  */
unsigned long smtpreply__plural_eval (const struct smtpreply__plural *plural,
                                      unsigned long n);

/* Free PLURAL; NULL is allowed.  */
void smtpreply__plural_free (struct smtpreply__plural *plural);

/* Resolve a language tag list (i18n.c).  The longest tag, codeset and
   modifier included, that the library accepts.  */
#define SMTPREPLY__TAG_MAX 64

/* Summaries (summary.c).  */
struct smtpreply_summary;

/* Return how many runs of rows S has in temporary files (0 if it never
   spilled).  */
size_t smtpreply__summary_runs (const struct smtpreply_summary *s);

/* Return the catalog that LANG resolves to, or NULL for English.  LANG
   NULL means the default language.  */
const struct smtpreply__catalog *smtpreply__catalog_for (const char *lang);

#endif /* SMTPREPLY_INTERNAL_H */
