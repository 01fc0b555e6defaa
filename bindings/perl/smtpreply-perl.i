/* smtpreply-perl.i -- the C part of the Perl module SMTP::Reply.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   SWIG makes the XS module auto/SMTP/Reply/Reply.so of this file (with
   -nopm: SMTP/Reply.pm is bindings/perl/Reply.pm, written by hand).  The
   functions of smtpreply.h become SMTP::Replyc::NAME, without their
   smtpreply_ prefix, with these typemaps: bytes and strings in, UTF-8
   character strings and hashes out, and every error an SMTP::Reply::Error
   object that dies "at FILE line N." of the caller outside the module, as
   Carp does.  The parser and the summary are owned objects: the C object
   lives in magic attached to the Perl object, is freed with it, at most
   once, and is never shared by two threads.

   A few functions are plain XS, registered at boot, where SWIG's calling
   convention costs too much or cannot say it: the events of a stream come
   back as a list, built here in one pass (smtpreply_parser_scan); a reply
   is one string holding its fields and raw bytes, read by the methods of
   SMTP::Reply::Response, which decode its lines only when asked; describe
   takes an optional language.  */

%module "SMTP::Reply"

%{
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply/bounce.h"
#include "smtpreply.h"

/* ------------------------------------------------------------------------
   Strings.  */

/* Return a new SV holding the NUL-terminated UTF-8 text S, flagged as
   characters, or a new undef if S is NULL.  */
static SV *
smtpreply_perl_text (pTHX_ const char *s)
{
  if (s == NULL)
    return newSV (0);
  SV *sv = newSVpv (s, 0);
  SvUTF8_on (sv);
  return sv;
}

/* Return the length of the well-formed UTF-8 sequence at S (LEN bytes
   left), as Unicode's table 3-7 defines it, or 0 if it is not one; store
   in *BAD the length of the maximal subpart of an ill-formed one (at
   least 1), which becomes one U+FFFD.  */
static size_t
smtpreply_perl_utf8_len (const unsigned char *s, size_t len, size_t *bad)
{
  unsigned char c = s[0];
  size_t need;
  unsigned char lo = 0x80, hi = 0xbf;
  *bad = 1;
  if (c < 0x80)
    return 1;
  if (c >= 0xc2 && c <= 0xdf)
    need = 1;
  else if (c >= 0xe0 && c <= 0xef)
    {
      need = 2;
      if (c == 0xe0)
        lo = 0xa0;
      else if (c == 0xed)
        hi = 0x9f;
    }
  else if (c >= 0xf0 && c <= 0xf4)
    {
      need = 3;
      if (c == 0xf0)
        lo = 0x90;
      else if (c == 0xf4)
        hi = 0x8f;
    }
  else
    return 0;
  for (size_t i = 1; i <= need; i++)
    {
      if (i >= len || s[i] < lo || s[i] > hi)
        {
          *bad = i;
          return 0;
        }
      lo = 0x80;
      hi = 0xbf;
    }
  return need + 1;
}

/* Return a new SV holding the LEN bytes at S as characters: their UTF-8,
   with each ill-formed sequence replaced by U+FFFD.  */
static SV *
smtpreply_perl_decode (pTHX_ const char *s, size_t len)
{
  const unsigned char *u = (const unsigned char *) s;
  size_t i = 0, bad = 0;
  while (i < len)
    {
      size_t n = smtpreply_perl_utf8_len (u + i, len - i, &bad);
      if (n == 0)
        break;
      i += n;
    }
  SV *sv = newSVpvn (s, i);
  if (i < len)
    {
      /* Each replacement is 3 bytes for at least 1 taken.  */
      SvGROW (sv, i + 3 * (len - i) + 1);
      while (i < len)
        {
          size_t n = smtpreply_perl_utf8_len (u + i, len - i, &bad);
          if (n == 0)
            {
              sv_catpvn (sv, "\xef\xbf\xbd", 3);
              i += bad;
            }
          else
            {
              sv_catpvn (sv, s + i, n);
              i += n;
            }
        }
    }
  SvUTF8_on (sv);
  return sv;
}

/* ------------------------------------------------------------------------
   Errors.  An error is an SMTP::Reply::Error (or, for the events of a
   stream, an SMTP::Reply::ParseError): a blessed hash with kind, number
   and message, offset and line when they apply, and, once thrown, the
   file and line of the caller.  */

/* Return nonzero if PACKAGE is SMTP::Reply, SMTP::Replyc or one of their
   classes: frames of these are skipped to find the caller, as Carp skips
   the frames of the package that croaks.  */
static int
smtpreply_perl_is_ours (const char *package)
{
  static const char *const ours[] = { "SMTP::Reply", "SMTP::Replyc" };
  if (package == NULL)
    return 0;
  for (size_t i = 0; i < sizeof ours / sizeof ours[0]; i++)
    {
      size_t n = strlen (ours[i]);
      if (strncmp (package, ours[i], n) == 0
          && (package[n] == '\0' || (package[n] == ':' && package[n + 1] == ':')))
        return 1;
    }
  return 0;
}

/* Store in HV the file and line of the statement, outside the module,
   that called into it: the first frame, going up, whose package is not
   one of ours.  */
static void
smtpreply_perl_locate (pTHX_ HV *hv)
{
  const COP *cop = PL_curcop;
  for (I32 level = 0; smtpreply_perl_is_ours (CopSTASHPV (cop)); level++)
    {
      const PERL_CONTEXT *cx = caller_cx (level, NULL);
      if (cx == NULL)
        break;
      cop = cx->blk_oldcop;
    }
  hv_stores (hv, "caller_file", newSVpv (CopFILE (cop), 0));
  hv_stores (hv, "caller_line", newSVuv (CopLINE (cop)));
}

/* Return a new reference to a hash for the error RC, blessed into CLASS:
   kind (its token, "EBAD_CODE"), number (RC) and message (in LANG).  */
static SV *
smtpreply_perl_error_new (pTHX_ int rc, const char *class, const char *lang)
{
  HV *hv = newHV ();
  hv_stores (hv, "kind",
             smtpreply_perl_text (aTHX_ smtpreply_token_name (
                                      SMTPREPLY_TOKEN_ERROR, rc)));
  hv_stores (hv, "number", newSViv (rc));
  hv_stores (hv, "message",
             smtpreply_perl_text (aTHX_ smtpreply_strerror_lang (rc, lang)));
  SV *ref = newRV_noinc ((SV *) hv);
  sv_bless (ref, gv_stashpv (class, GV_ADD));
  return ref;
}

/* Make $@ an SMTP::Reply::Error for the error RC, located at the caller,
   with the byte OFFSET where the input broke the rule unless OFFSET is
   SIZE_MAX.  A wrapper then croaks with $@.  */
static void
smtpreply_perl_fail (pTHX_ int rc, size_t offset)
{
  SV *err = smtpreply_perl_error_new (aTHX_ rc, "SMTP::Reply::Error", NULL);
  HV *hv = (HV *) SvRV (err);
  if (offset != SIZE_MAX)
    hv_stores (hv, "offset", newSVuv (offset));
  smtpreply_perl_locate (aTHX_ hv);
  sv_setsv (ERRSV, err);
  SvREFCNT_dec (err);
}

/* Die with an SMTP::Reply::Error for the error RC, as smtpreply_perl_fail
   makes it.  Only for callers that hold nothing to free.  */
static void
smtpreply_perl_croak (pTHX_ int rc, size_t offset)
{
  smtpreply_perl_fail (aTHX_ rc, offset);
  croak_sv (ERRSV);
}

/* ------------------------------------------------------------------------
   Arguments.  Each function returns 0, or the error the argument is.  */

/* Store in *OUT the integer SV holds (a number, or a string of one), if
   it is one from MIN to MAX.  @return 0 or SMTPREPLY_EINVAL.  */
static int
smtpreply_perl_integer (pTHX_ SV *sv, IV min, IV max, IV *out)
{
  SvGETMAGIC (sv);
  if (!SvOK (sv) || (SvROK (sv) && !SvAMAGIC (sv)))
    return SMTPREPLY_EINVAL;
  if (SvIOK (sv) && !SvIsUV (sv))
    {
      IV v = SvIVX (sv);
      if (v < min || v > max)
        return SMTPREPLY_EINVAL;
      *out = v;
      return 0;
    }
  if (!SvIOK (sv) && !SvNOK (sv) && !looks_like_number (sv))
    return SMTPREPLY_EINVAL;
  NV v = SvNV_nomg (sv);
  if (v != v || v < (NV) min || v > (NV) max || v != (NV) (IV) v)
    return SMTPREPLY_EINVAL;
  *out = (IV) v;
  return 0;
}

/* Store in *CODE the reply code SV holds: a number, or a string of three
   digits, that smtpreply_code_check accepts.  @return 0, the error of
   smtpreply_code_parse (with the offset of the byte that broke the rule
   in *OFFSET), or SMTPREPLY_EINVAL for a reference.  */
static int
smtpreply_perl_code (pTHX_ SV *sv, int *code, size_t *offset)
{
  SvGETMAGIC (sv);
  if (SvIOK (sv) && !SvIsUV (sv) && SvIVX (sv) >= 100 && SvIVX (sv) <= 599
      && smtpreply_code_check ((int) SvIVX (sv)) == 0)
    {
      *code = (int) SvIVX (sv);
      return 0;
    }
  if (SvROK (sv) && !SvAMAGIC (sv))
    return SMTPREPLY_EINVAL;
  STRLEN len = 0;
  const char *s = SvOK (sv) ? SvPV_nomg (sv, len) : "";
  return smtpreply_code_parse (s, len, code, offset);
}

/* Store in *OUT the text SV holds, as NUL-terminated bytes (a character
   string as its UTF-8), or NULL for undef.  @return 0, or BAD if it
   holds a NUL (which would cut it) or is a reference.  */
static int
smtpreply_perl_string (pTHX_ SV *sv, const char **out, int bad)
{
  SvGETMAGIC (sv);
  if (!SvOK (sv))
    {
      *out = NULL;
      return 0;
    }
  if (SvROK (sv) && !SvAMAGIC (sv))
    return bad;
  STRLEN len = 0;
  const char *s = SvPV_nomg (sv, len);
  if (memchr (s, '\0', len) != NULL)
    return bad;
  *out = s;
  return 0;
}

/* Store in *BUF and *LEN the bytes SV holds (a character string as its
   UTF-8).  @return 0, or SMTPREPLY_EINVAL for undef or a reference.  */
static int
smtpreply_perl_bytes (pTHX_ SV *sv, const char **buf, size_t *len)
{
  SvGETMAGIC (sv);
  if (!SvOK (sv) || (SvROK (sv) && !SvAMAGIC (sv)))
    return SMTPREPLY_EINVAL;
  STRLEN n = 0;
  *buf = SvPV_nomg (sv, n);
  *len = n;
  return 0;
}

/* ------------------------------------------------------------------------
   Owned objects.  The C object hangs on the referent of the Perl object
   as magic: it is freed when the Perl object is, or by close, once; a
   thread that clones the object gets a closed one; a Perl object that
   does not carry this magic (one made by bless) is refused.  */

static int
smtpreply_perl_parser_free_mg (pTHX_ SV *sv, MAGIC *mg)
{
  (void) sv;
  smtpreply_parser_free ((struct smtpreply_parser *) mg->mg_ptr);
  mg->mg_ptr = NULL;
  return 0;
}

static int
smtpreply_perl_summary_free_mg (pTHX_ SV *sv, MAGIC *mg)
{
  (void) sv;
  smtpreply_summary_free ((struct smtpreply_summary *) mg->mg_ptr);
  mg->mg_ptr = NULL;
  return 0;
}

/* A new thread's copy of an owned object is closed: the C object stays
   with the thread that made it.  */
static int
smtpreply_perl_dup_mg (pTHX_ MAGIC *mg, CLONE_PARAMS *param)
{
  (void) param;
  mg->mg_ptr = NULL;
  return 0;
}

static MGVTBL smtpreply_perl_parser_vtbl = {
  .svt_free = smtpreply_perl_parser_free_mg,
#ifdef USE_ITHREADS
  .svt_dup = smtpreply_perl_dup_mg,
#endif
};

static MGVTBL smtpreply_perl_summary_vtbl = {
  .svt_free = smtpreply_perl_summary_free_mg,
#ifdef USE_ITHREADS
  .svt_dup = smtpreply_perl_dup_mg,
#endif
};

/* Return a new reference, blessed into CLASS, to an object that owns PTR
   through VTBL.  */
static SV *
smtpreply_perl_owned_new (pTHX_ void *ptr, MGVTBL *vtbl, const char *class)
{
  SV *obj = newSV (0);
  MAGIC *mg = sv_magicext (obj, NULL, PERL_MAGIC_ext, vtbl,
                           (const char *) ptr, 0);
  mg->mg_flags |= MGf_DUP;
  SV *ref = newRV_noinc (obj);
  sv_bless (ref, gv_stashpv (class, GV_ADD));
  return ref;
}

/* Return the magic by which SV owns its C object through VTBL, or NULL
   if SV is not such an object.  */
static MAGIC *
smtpreply_perl_owned_magic (pTHX_ SV *sv, MGVTBL *vtbl)
{
  if (sv == NULL || !SvROK (sv))
    return NULL;
  return mg_findext (SvRV (sv), PERL_MAGIC_ext, vtbl);
}

/* Return the C object SV owns through VTBL, or NULL if SV is not such an
   object or was closed.  */
static void *
smtpreply_perl_owned (pTHX_ SV *sv, MGVTBL *vtbl)
{
  MAGIC *mg = smtpreply_perl_owned_magic (aTHX_ sv, vtbl);
  return mg != NULL ? mg->mg_ptr : NULL;
}

/* ------------------------------------------------------------------------
   Table entries come out as hashes (copies: nothing in Perl points into
   the library).  Titles and texts stay the English msgids: the Perl
   layer translates them into the language of the lookup.  */

/* Return "C.S.D" for the enhanced status code E as a new SV, or a new
   undef if E is NULL or not valid.  */
static SV *
smtpreply_perl_enhanced_code (pTHX_ const struct smtpreply_enhanced_code *e)
{
  char buf[16];
  if (e == NULL || smtpreply_enhanced_format (e, buf, sizeof buf) != 0)
    return newSV (0);
  return smtpreply_perl_text (aTHX_ buf);
}

/* Return a new reference to HV.  */
static SV *
smtpreply_perl_ref (pTHX_ HV *hv)
{
  return newRV_noinc ((SV *) hv);
}

static SV *
smtpreply_perl_digit (pTHX_ const struct smtpreply_digit *d)
{
  if (d == NULL)
    return newSV (0);
  HV *hv = newHV ();
  hv_stores (hv, "digit", newSViv (d->digit));
  hv_stores (hv, "name", smtpreply_perl_text (aTHX_ d->name));
  hv_stores (hv, "title", smtpreply_perl_text (aTHX_ d->title));
  hv_stores (hv, "text", smtpreply_perl_text (aTHX_ d->text));
  return smtpreply_perl_ref (aTHX_ hv);
}

static SV *
smtpreply_perl_reply_entry (pTHX_ const struct smtpreply_reply *r)
{
  if (r == NULL)
    return newSV (0);
  HV *hv = newHV ();
  hv_stores (hv, "code", newSViv (r->code));
  hv_stores (hv, "name", smtpreply_perl_text (aTHX_ r->name));
  hv_stores (hv, "status",
             smtpreply_perl_text (aTHX_ smtpreply_token_name (
                                      SMTPREPLY_TOKEN_STATUS, r->status)));
  hv_stores (hv, "reference", smtpreply_perl_text (aTHX_ r->reference));
  hv_stores (hv, "context", smtpreply_perl_text (aTHX_ r->context));
  hv_stores (hv, "title", smtpreply_perl_text (aTHX_ r->title));
  hv_stores (hv, "text", smtpreply_perl_text (aTHX_ r->text));
  return smtpreply_perl_ref (aTHX_ hv);
}

static SV *
smtpreply_perl_enhanced_entry (pTHX_ const struct smtpreply_enhanced *e)
{
  if (e == NULL)
    return newSV (0);
  HV *hv = newHV ();
  hv_stores (hv, "subject", newSViv (e->subject));
  hv_stores (hv, "detail", newSViv (e->detail));
  hv_stores (hv, "name", smtpreply_perl_text (aTHX_ e->name));
  hv_stores (hv, "status",
             smtpreply_perl_text (aTHX_ smtpreply_token_name (
                                      SMTPREPLY_TOKEN_STATUS, e->status)));
  hv_stores (hv, "basic_codes", smtpreply_perl_text (aTHX_ e->basic_codes));
  hv_stores (hv, "reference", smtpreply_perl_text (aTHX_ e->reference));
  hv_stores (hv, "title", smtpreply_perl_text (aTHX_ e->title));
  hv_stores (hv, "text", smtpreply_perl_text (aTHX_ e->text));
  return smtpreply_perl_ref (aTHX_ hv);
}

static SV *
smtpreply_perl_advice (pTHX_ const struct smtpreply_advice *a)
{
  if (a == NULL)
    return newSV (0);
  HV *hv = newHV ();
  hv_stores (hv, "rule", smtpreply_perl_text (aTHX_ a->rule));
  hv_stores (hv, "action",
             smtpreply_perl_text (aTHX_ smtpreply_token_name (
                                      SMTPREPLY_TOKEN_ACTION, a->action)));
  hv_stores (hv, "text", smtpreply_perl_text (aTHX_ a->text));
  return smtpreply_perl_ref (aTHX_ hv);
}

static SV *
smtpreply_perl_reason (pTHX_ const struct smtpreply_reason *r)
{
  if (r == NULL)
    return newSV (0);
  HV *hv = newHV ();
  hv_stores (hv, "index", newSViv (r->index));
  hv_stores (hv, "name", smtpreply_perl_text (aTHX_ r->name));
  hv_stores (hv, "severity",
             smtpreply_perl_text (aTHX_ smtpreply_token_name (
                                      SMTPREPLY_TOKEN_SEVERITY, r->severity)));
  hv_stores (hv, "remedy",
             smtpreply_perl_text (aTHX_ smtpreply_token_name (
                                      SMTPREPLY_TOKEN_REMEDY, r->remedy)));
  hv_stores (hv, "title", smtpreply_perl_text (aTHX_ r->title));
  hv_stores (hv, "text", smtpreply_perl_text (aTHX_ r->text));
  return smtpreply_perl_ref (aTHX_ hv);
}

static SV *
smtpreply_perl_rule (pTHX_ const struct smtpreply_rule *r)
{
  if (r == NULL)
    return newSV (0);
  HV *hv = newHV ();
  hv_stores (hv, "id", smtpreply_perl_text (aTHX_ r->id));
  hv_stores (hv, "reason",
             smtpreply_perl_text (aTHX_ r->reason != NULL ? r->reason->name
                                                          : NULL));
  hv_stores (hv, "priority", newSViv (r->priority));
  hv_stores (hv, "code", smtpreply_perl_text (aTHX_ r->code));
  hv_stores (hv, "enhanced", smtpreply_perl_text (aTHX_ r->enhanced));
  hv_stores (hv, "stages", smtpreply_perl_text (aTHX_ r->stages));
  hv_stores (hv, "mta", smtpreply_perl_text (aTHX_ r->mta));
  hv_stores (hv, "phrase", smtpreply_perl_text (aTHX_ r->phrase));
  hv_stores (hv, "source", smtpreply_perl_text (aTHX_ r->source));
  hv_stores (hv, "severity", smtpreply_perl_text (aTHX_ r->severity));
  return smtpreply_perl_ref (aTHX_ hv);
}

/* Return a new reference to a hash of what smtpreply_extract found in M:
   the code and the enhanced code ("C.S.D") or undef for what it did not
   find, the byte offsets, and whether the code is nonstandard or the
   last line's.  A new undef if it found nothing.  */
static SV *
smtpreply_perl_match (pTHX_ const struct smtpreply_match *m)
{
  if (m->found == 0)
    return newSV (0);
  HV *hv = newHV ();
  int code = (m->found & SMTPREPLY_MATCH_CODE) != 0;
  int enhanced = (m->found & SMTPREPLY_MATCH_ENHANCED) != 0;
  hv_stores (hv, "code", code ? newSViv (m->code) : newSV (0));
  hv_stores (hv, "code_offset", code ? newSVuv (m->code_offset) : newSV (0));
  hv_stores (hv, "enhanced", smtpreply_perl_enhanced_code (
                                 aTHX_ enhanced ? &m->enhanced : NULL));
  hv_stores (hv, "enhanced_offset",
             enhanced ? newSVuv (m->enhanced_offset) : newSV (0));
  hv_stores (hv, "enhanced_length",
             enhanced ? newSVuv (m->enhanced_length) : newSV (0));
  hv_stores (hv, "text_offset", newSVuv (m->text_offset));
  hv_stores (hv, "nonstandard",
             boolSV ((m->found & SMTPREPLY_MATCH_NONSTANDARD) != 0));
  hv_stores (hv, "last_line",
             boolSV ((m->found & SMTPREPLY_MATCH_LAST_LINE) != 0));
  return smtpreply_perl_ref (aTHX_ hv);
}

/* ------------------------------------------------------------------------
   Replies.  An SMTP::Reply::Response is a reference to one string: a
   header, an entry per line, and the bytes of the lines as sent.  It is
   made in one allocation per reply, and its methods (plain XS, below)
   check every length they read, so that no string, however made, can
   make them read outside it.  */

#define SMTPREPLY_PERL_REPLY_MAGIC 0x52504d53u /* "SMPR" */

struct smtpreply_perl_reply
{
  uint32_t magic;
  int32_t code;
  uint32_t flags;
  uint32_t line_count;
  int32_t enhanced[3]; /* class 0: none */
  uint32_t unused;
  uint64_t offset;
  uint64_t line_number;
};

struct smtpreply_perl_line
{
  uint32_t start; /* from the first byte after the entries */
  uint32_t len;
  uint32_t skip; /* bytes of the enhanced code and its space */
};

/* Return a new SMTP::Reply::Response, blessed into STASH, holding a copy
   of the reply R (which belongs to its parser and dies with its next
   call).  */
static SV *
smtpreply_perl_response (pTHX_ const struct smtpreply_response *r,
                         HV *stash)
{
  struct smtpreply_perl_reply h = { 0 };
  h.magic = SMTPREPLY_PERL_REPLY_MAGIC;
  h.code = smtpreply_response_code (r);
  h.flags = smtpreply_response_flags (r);
  size_t n = smtpreply_response_line_count (r);
  const struct smtpreply_enhanced_code *e = smtpreply_response_enhanced (r);
  if (e != NULL)
    {
      h.enhanced[0] = e->cls;
      h.enhanced[1] = e->subject;
      h.enhanced[2] = e->detail;
    }
  h.offset = smtpreply_response_offset (r);
  h.line_number = smtpreply_response_line_number (r);
  size_t bytes = 0;
  for (size_t i = 0; i < n; i++)
    {
      size_t len = 0;
      smtpreply_response_line (r, i, &len);
      bytes += len;
    }
  /* A reply holds at most 64 MiB: its lines fit in 32-bit offsets.  */
  if (n > UINT32_MAX / sizeof (struct smtpreply_perl_line)
      || bytes > UINT32_MAX)
    croak ("smtpreply: reply too large");
  h.line_count = (uint32_t) n;
  size_t head = sizeof h + n * sizeof (struct smtpreply_perl_line);
  SV *sv = newSV (head + bytes);
  char *p = SvPVX (sv);
  memcpy (p, &h, sizeof h);
  char *text = p + head;
  uint32_t at = 0;
  for (size_t i = 0; i < n; i++)
    {
      size_t len = 0, mlen = 0;
      const char *line = smtpreply_response_line (r, i, &len);
      const char *msg = smtpreply_response_message (r, i, &mlen);
      struct smtpreply_perl_line l = { at, (uint32_t) len, 0 };
      if (msg != NULL && line != NULL && msg >= line && mlen <= len
          && msg + mlen == line + len)
        l.skip = (uint32_t) (len - mlen);
      memcpy (p + sizeof h + i * sizeof l, &l, sizeof l);
      if (len > 0)
        memcpy (text + at, line, len);
      at += (uint32_t) len;
    }
  SvCUR_set (sv, head + bytes);
  *SvEND (sv) = '\0';
  SvPOK_only (sv);
  SV *ref = newRV_noinc (sv);
  sv_bless (ref, stash);
  /* After sv_bless, which refuses a read-only referent.  */
  SvREADONLY_on (sv);
  return ref;
}

/* Copy the header of the SMTP::Reply::Response SELF into *H and return
   its string, whose length goes to *LEN; croak with EINVAL if SELF is not
   one.  */
static const char *
smtpreply_perl_response_get (pTHX_ SV *self, struct smtpreply_perl_reply *h,
                             size_t *len)
{
  if (!SvROK (self) || !SvPOK (SvRV (self)))
    smtpreply_perl_croak (aTHX_ SMTPREPLY_EINVAL, SIZE_MAX);
  SV *sv = SvRV (self);
  const char *p = SvPVX (sv);
  size_t n = SvCUR (sv);
  if (n < sizeof *h)
    smtpreply_perl_croak (aTHX_ SMTPREPLY_EINVAL, SIZE_MAX);
  memcpy (h, p, sizeof *h);
  if (h->magic != SMTPREPLY_PERL_REPLY_MAGIC
      || h->line_count > (n - sizeof *h) / sizeof (struct smtpreply_perl_line))
    smtpreply_perl_croak (aTHX_ SMTPREPLY_EINVAL, SIZE_MAX);
  *len = n;
  return p;
}

/* Return the bytes of line I of the reply P (LEN bytes, header H), from
   its enhanced code on (SKIP 0) or after it, and store their length in
   *OUT_LEN; croak with EINVAL if the entry points outside P.  */
static const char *
smtpreply_perl_response_line (pTHX_ const char *p, size_t len,
                              const struct smtpreply_perl_reply *h, size_t i,
                              int skip, size_t *out_len)
{
  struct smtpreply_perl_line l;
  memcpy (&l, p + sizeof *h + i * sizeof l, sizeof l);
  size_t head = sizeof *h + (size_t) h->line_count * sizeof l;
  size_t text = len - head;
  if (l.start > text || l.len > text - l.start || l.skip > l.len)
    smtpreply_perl_croak (aTHX_ SMTPREPLY_EINVAL, SIZE_MAX);
  size_t from = skip ? l.skip : 0;
  *out_len = l.len - from;
  return p + head + l.start + from;
}

/* What each method of SMTP::Reply::Response gives (XSANY of its CV).  */
enum smtpreply_perl_response_field
{
  SMTPREPLY_PERL_CODE,
  SMTPREPLY_PERL_ENHANCED,
  SMTPREPLY_PERL_FLAGS,
  SMTPREPLY_PERL_OFFSET,
  SMTPREPLY_PERL_LINE_NUMBER,
  SMTPREPLY_PERL_LINE_COUNT,
  SMTPREPLY_PERL_LINES,
  SMTPREPLY_PERL_RAW_LINES,
  SMTPREPLY_PERL_MESSAGES,
  SMTPREPLY_PERL_RAW_MESSAGES,
  SMTPREPLY_PERL_TEXT
};

/* The methods of SMTP::Reply::Response that read it: code, enhanced,
   flags (a list of tokens), offset, line_number, line_count, lines and
   messages (characters), raw_lines and raw_messages (bytes), text (the
   messages joined by newlines).  */
XS (smtpreply_perl_xs_response)
{
  dXSARGS;
  int ix = XSANY.any_i32;
  if (items != 1)
    smtpreply_perl_croak (aTHX_ SMTPREPLY_EINVAL, SIZE_MAX);
  struct smtpreply_perl_reply h;
  size_t len;
  const char *p = smtpreply_perl_response_get (aTHX_ ST (0), &h, &len);
  SP -= items;
  switch (ix)
    {
    case SMTPREPLY_PERL_CODE:
      mXPUSHi (h.code);
      break;
    case SMTPREPLY_PERL_ENHANCED:
      {
        struct smtpreply_enhanced_code e
            = { h.enhanced[0], h.enhanced[1], h.enhanced[2] };
        XPUSHs (sv_2mortal (smtpreply_perl_enhanced_code (
            aTHX_ h.enhanced[0] != 0 ? &e : NULL)));
      }
      break;
    case SMTPREPLY_PERL_FLAGS:
      for (unsigned int bit = 1; bit != 0; bit <<= 1)
        if (h.flags & bit)
          XPUSHs (sv_2mortal (
              smtpreply_perl_text (aTHX_ smtpreply_flag_name (bit))));
      break;
    case SMTPREPLY_PERL_OFFSET:
      mXPUSHu ((UV) h.offset);
      break;
    case SMTPREPLY_PERL_LINE_NUMBER:
      mXPUSHu ((UV) h.line_number);
      break;
    case SMTPREPLY_PERL_LINE_COUNT:
      mXPUSHu (h.line_count);
      break;
    case SMTPREPLY_PERL_LINES:
    case SMTPREPLY_PERL_RAW_LINES:
    case SMTPREPLY_PERL_MESSAGES:
    case SMTPREPLY_PERL_RAW_MESSAGES:
      {
        int skip = ix == SMTPREPLY_PERL_MESSAGES
                   || ix == SMTPREPLY_PERL_RAW_MESSAGES;
        int raw = ix == SMTPREPLY_PERL_RAW_LINES
                  || ix == SMTPREPLY_PERL_RAW_MESSAGES;
        EXTEND (SP, (SSize_t) h.line_count);
        for (size_t i = 0; i < h.line_count; i++)
          {
            size_t n;
            const char *s = smtpreply_perl_response_line (aTHX_ p, len, &h,
                                                          i, skip, &n);
            PUSHs (sv_2mortal (raw ? newSVpvn (s, n)
                                   : smtpreply_perl_decode (aTHX_ s, n)));
          }
      }
      break;
    case SMTPREPLY_PERL_TEXT:
      {
        SV *joined = sv_2mortal (newSVpvs (""));
        for (size_t i = 0; i < h.line_count; i++)
          {
            size_t n;
            const char *s = smtpreply_perl_response_line (aTHX_ p, len, &h,
                                                          i, 1, &n);
            if (i > 0)
              sv_catpvs (joined, "\n");
            sv_catpvn (joined, s, n);
          }
        STRLEN n;
        const char *s = SvPV (joined, n);
        XPUSHs (sv_2mortal (smtpreply_perl_decode (aTHX_ s, n)));
      }
      break;
    default:
      break;
    }
  PUTBACK;
}

/* ------------------------------------------------------------------------
   The events of a stream.  */

/* Return a new SMTP::Reply::ParseError, blessed into STASH, for the error
   RC that parser P has just found, with the line and the stream offset,
   and its message in LANG.  */
static SV *
smtpreply_perl_parse_error (pTHX_ struct smtpreply_parser *p, int rc,
                            const char *lang, HV *stash)
{
  HV *hv = newHV ();
  hv_stores (hv, "kind",
             smtpreply_perl_text (aTHX_ smtpreply_token_name (
                                      SMTPREPLY_TOKEN_ERROR, rc)));
  hv_stores (hv, "number", newSViv (rc));
  hv_stores (hv, "message",
             smtpreply_perl_text (aTHX_ smtpreply_strerror_lang (rc, lang)));
  hv_stores (hv, "line", newSVuv (smtpreply_parser_error_line (p)));
  hv_stores (hv, "offset", newSVuv (smtpreply_parser_error_offset (p)));
  SV *ref = newRV_noinc ((SV *) hv);
  sv_bless (ref, stash);
  return ref;
}

/* What smtpreply_perl_scan_event needs.  The events are mortal SVs in
   the array ITEMS (a mortal string), N of them.  */
struct smtpreply_perl_scan
{
  PerlInterpreter *perl;
  SV *items;
  size_t n;
  const char *lang;
  HV *reply_stash;
  HV *error_stash;
};

/* The smtpreply_scan_fn of parser_scan: each reply and each error of the
   stream becomes an object at the end of the list.  */
static int
smtpreply_perl_scan_event (void *ctx, struct smtpreply_parser *p,
                           const struct smtpreply_response *r, int error)
{
  struct smtpreply_perl_scan *scan = ctx;
  dTHXa (scan->perl);
  SV *event = r != NULL
                  ? smtpreply_perl_response (aTHX_ r, scan->reply_stash)
                  : smtpreply_perl_parse_error (aTHX_ p, error, scan->lang,
                                                scan->error_stash);
  sv_2mortal (event);
  size_t need = (scan->n + 1) * sizeof (SV *);
  if (SvLEN (scan->items) < need)
    SvGROW (scan->items, need + need / 2);
  ((SV **) SvPVX (scan->items))[scan->n++] = event;
  return 0;
}

/* SMTP::Replyc::parser_scan (PARSER, BYTES, FINISH, LANG): feed BYTES to
   PARSER (the stream ends after them if FINISH is true) and return its
   events in the order of the stream: an SMTP::Reply::Response for each
   reply, an SMTP::Reply::ParseError (message in LANG) for each error.  */
XS (smtpreply_perl_xs_parser_scan)
{
  dXSARGS;
  if (items < 2 || items > 4)
    smtpreply_perl_croak (aTHX_ SMTPREPLY_EINVAL, SIZE_MAX);
  struct smtpreply_parser *p
      = smtpreply_perl_owned (aTHX_ ST (0), &smtpreply_perl_parser_vtbl);
  if (p == NULL)
    smtpreply_perl_croak (aTHX_ SMTPREPLY_EINVAL, SIZE_MAX);
  const char *buf;
  size_t len;
  int rc = smtpreply_perl_bytes (aTHX_ ST (1), &buf, &len);
  if (rc < 0)
    smtpreply_perl_croak (aTHX_ rc, SIZE_MAX);
  int finish = items > 2 && SvTRUE (ST (2));
  struct smtpreply_perl_scan scan = { 0 };
  if (items > 3)
    {
      rc = smtpreply_perl_string (aTHX_ ST (3), &scan.lang,
                                  SMTPREPLY_EBAD_LANG);
      if (rc < 0)
        smtpreply_perl_croak (aTHX_ rc, SIZE_MAX);
    }
  scan.perl = aTHX;
  scan.items = sv_2mortal (newSV (64 * sizeof (SV *)));
  scan.reply_stash = gv_stashpvs ("SMTP::Reply::Response", GV_ADD);
  scan.error_stash = gv_stashpvs ("SMTP::Reply::ParseError", GV_ADD);
  rc = smtpreply_parser_scan (p, buf, len, finish, smtpreply_perl_scan_event,
                              &scan, NULL);
  if (rc < 0)
    smtpreply_perl_croak (aTHX_ rc, SIZE_MAX);
  SP -= items;
  EXTEND (SP, (SSize_t) scan.n);
  SV **events = (SV **) SvPVX (scan.items);
  for (size_t i = 0; i < scan.n; i++)
    PUSHs (events[i]);
  PUTBACK;
}

/* SMTP::Reply::describe (CODE [, LANG]): what reply CODE means in LANG,
   or undef if the table does not list it; croak if CODE is not a reply
   code or LANG not a tag.  Plain XS: the call a server makes per reply.  */
XS (smtpreply_perl_xs_describe)
{
  dXSARGS;
  if (items < 1 || items > 2)
    smtpreply_perl_croak (aTHX_ SMTPREPLY_EINVAL, SIZE_MAX);
  int code = 0;
  size_t offset = SIZE_MAX;
  int rc = smtpreply_perl_code (aTHX_ ST (0), &code, &offset);
  if (rc < 0)
    smtpreply_perl_croak (aTHX_ rc, offset);
  const char *lang = NULL;
  if (items > 1)
    {
      rc = smtpreply_perl_string (aTHX_ ST (1), &lang, SMTPREPLY_EBAD_LANG);
      if (rc < 0)
        smtpreply_perl_croak (aTHX_ rc, SIZE_MAX);
    }
  ST (0) = sv_2mortal (
      smtpreply_perl_text (aTHX_ smtpreply_reply_describe_lang (code, lang)));
  XSRETURN (1);
}

/* ------------------------------------------------------------------------
   The library's JSON texts as Perl data: objects become hashes, arrays
   arrays, strings character strings, numbers numbers, true and false
   booleans, null undef.  The texts are the library's own, but they are
   read as any input is: a text that is not JSON gives NULL.  */

struct smtpreply_perl_json
{
  const char *p;
  const char *end;
};

/* Skip the white space at J.  */
static void
smtpreply_perl_json_space (struct smtpreply_perl_json *j)
{
  while (j->p < j->end
         && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
    j->p++;
}

/* Return the value of the 4 hex digits at J, or -1.  */
static long
smtpreply_perl_json_hex4 (struct smtpreply_perl_json *j)
{
  if (j->end - j->p < 4)
    return -1;
  long v = 0;
  for (int i = 0; i < 4; i++)
    {
      char c = *j->p++;
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* Append code point CP to SV as UTF-8.  */
static void
smtpreply_perl_json_utf8 (pTHX_ SV *sv, unsigned long cp)
{
  char b[4];
  size_t n;
  if (cp < 0x80)
    {
      b[0] = (char) cp;
      n = 1;
    }
  else if (cp < 0x800)
    {
      b[0] = (char) (0xc0 | (cp >> 6));
      b[1] = (char) (0x80 | (cp & 0x3f));
      n = 2;
    }
  else if (cp < 0x10000)
    {
      b[0] = (char) (0xe0 | (cp >> 12));
      b[1] = (char) (0x80 | ((cp >> 6) & 0x3f));
      b[2] = (char) (0x80 | (cp & 0x3f));
      n = 3;
    }
  else
    {
      b[0] = (char) (0xf0 | (cp >> 18));
      b[1] = (char) (0x80 | ((cp >> 12) & 0x3f));
      b[2] = (char) (0x80 | ((cp >> 6) & 0x3f));
      b[3] = (char) (0x80 | (cp & 0x3f));
      n = 4;
    }
  sv_catpvn (sv, b, n);
}

/* Return a new SV for the JSON string at J (after its opening quote), or
   NULL.  */
static SV *
smtpreply_perl_json_string (pTHX_ struct smtpreply_perl_json *j)
{
  SV *sv = newSVpvs ("");
  for (;;)
    {
      const char *start = j->p;
      while (j->p < j->end && *j->p != '"' && *j->p != '\\'
             && (unsigned char) *j->p >= 0x20)
        j->p++;
      sv_catpvn (sv, start, (STRLEN) (j->p - start));
      if (j->p >= j->end || (unsigned char) *j->p < 0x20)
        break;
      if (*j->p++ == '"')
        {
          SvUTF8_on (sv);
          return sv;
        }
      if (j->p >= j->end)
        break;
      char c = *j->p++;
      const char *plain = strchr ("\"\\/bfnrt", c);
      if (c != '\0' && plain != NULL)
        {
          static const char values[] = "\"\\/\b\f\n\r\t";
          sv_catpvn (sv, &values[plain - "\"\\/bfnrt"], 1);
          continue;
        }
      if (c != 'u')
        break;
      long cp = smtpreply_perl_json_hex4 (j);
      if (cp < 0)
        break;
      if (cp >= 0xd800 && cp <= 0xdbff && j->end - j->p >= 6
          && j->p[0] == '\\' && j->p[1] == 'u')
        {
          const char *back = j->p;
          j->p += 2;
          long low = smtpreply_perl_json_hex4 (j);
          if (low >= 0xdc00 && low <= 0xdfff)
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          else
            j->p = back;
        }
      if (cp >= 0xd800 && cp <= 0xdfff)
        cp = 0xfffd;
      smtpreply_perl_json_utf8 (aTHX_ sv, (unsigned long) cp);
    }
  SvREFCNT_dec (sv);
  return NULL;
}

/* Return a new SV for the JSON value at J, or NULL if it is not one (or
   nests deeper than DEPTH allows).  */
static SV *
smtpreply_perl_json_value (pTHX_ struct smtpreply_perl_json *j, int depth)
{
  smtpreply_perl_json_space (j);
  if (j->p >= j->end || depth > 32)
    return NULL;
  char c = *j->p;
  if (c == '{' || c == '[')
    {
      int object = c == '{';
      SV *container = object ? (SV *) newHV () : (SV *) newAV ();
      j->p++;
      smtpreply_perl_json_space (j);
      if (j->p < j->end && *j->p == (object ? '}' : ']'))
        {
          j->p++;
          return newRV_noinc (container);
        }
      for (;;)
        {
          SV *key = NULL;
          if (object)
            {
              smtpreply_perl_json_space (j);
              if (j->p >= j->end || *j->p != '"')
                break;
              j->p++;
              key = smtpreply_perl_json_string (aTHX_ j);
              smtpreply_perl_json_space (j);
              if (key == NULL || j->p >= j->end || *j->p != ':')
                {
                  if (key != NULL)
                    SvREFCNT_dec (key);
                  break;
                }
              j->p++;
            }
          SV *value = smtpreply_perl_json_value (aTHX_ j, depth + 1);
          if (value == NULL)
            {
              if (key != NULL)
                SvREFCNT_dec (key);
              break;
            }
          if (object)
            {
              (void) hv_store_ent ((HV *) container, key, value, 0);
              SvREFCNT_dec (key);
            }
          else
            av_push ((AV *) container, value);
          smtpreply_perl_json_space (j);
          if (j->p < j->end && *j->p == ',')
            {
              j->p++;
              continue;
            }
          if (j->p < j->end && *j->p == (object ? '}' : ']'))
            {
              j->p++;
              return newRV_noinc (container);
            }
          break;
        }
      SvREFCNT_dec (container);
      return NULL;
    }
  if (c == '"')
    {
      j->p++;
      return smtpreply_perl_json_string (aTHX_ j);
    }
  static const struct
  {
    const char *word;
    size_t len;
    int value;
  } words[] = { { "true", 4, 1 }, { "false", 5, 0 }, { "null", 4, -1 } };
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if ((size_t) (j->end - j->p) >= words[i].len
        && memcmp (j->p, words[i].word, words[i].len) == 0)
      {
        j->p += words[i].len;
        return words[i].value < 0 ? newSV (0)
                                  : newSVsv (boolSV (words[i].value));
      }
  /* A number: -?digits(.digits)?([eE][+-]?digits)?  */
  char num[64];
  size_t n = 0;
  int integral = 1;
  while (j->p < j->end && n < sizeof num - 1
         && strchr ("+-0123456789.eE", *j->p) != NULL && *j->p != '\0')
    {
      if (*j->p == '.' || *j->p == 'e' || *j->p == 'E')
        integral = 0;
      num[n++] = *j->p++;
    }
  num[n] = '\0';
  if (n == 0)
    return NULL;
  char *stop = NULL;
  if (integral)
    {
      errno = 0;
      long long v = strtoll (num, &stop, 10);
      if (*stop == '\0' && errno == 0)
        return newSViv ((IV) v);
    }
  NV v = (NV) strtod (num, &stop);
  return *stop == '\0' ? newSVnv (v) : NULL;
}

/* Return a new SV for the JSON text of LEN bytes at TEXT, or NULL if it
   is not one.  */
static SV *
smtpreply_perl_json (pTHX_ const char *text, size_t len)
{
  struct smtpreply_perl_json j = { text, text + len };
  SV *sv = smtpreply_perl_json_value (aTHX_ &j, 0);
  smtpreply_perl_json_space (&j);
  if (sv != NULL && j.p != j.end)
    {
      SvREFCNT_dec (sv);
      sv = NULL;
    }
  return sv;
}

/* SMTP::Replyc::annotate_lines (BYTES, FILE, FIRST_LINE, LANG, REDACT,
   STAGE): read BYTES as lines of a mail log (lines end at LF; a CR before
   it is not part of the line), the first being line FIRST_LINE of FILE,
   and return, for each line that holds a reply, the record
   smtpreply_log_record_json writes for it, as a hash.  */
XS (smtpreply_perl_xs_annotate_lines)
{
  dXSARGS;
  if (items != 6)
    smtpreply_perl_croak (aTHX_ SMTPREPLY_EINVAL, SIZE_MAX);
  const char *buf, *file, *lang;
  size_t len;
  IV first = 1, redact = 0, stage = 0;
  int rc = smtpreply_perl_bytes (aTHX_ ST (0), &buf, &len);
  if (rc == 0)
    rc = smtpreply_perl_string (aTHX_ ST (1), &file, SMTPREPLY_EINVAL);
  if (rc == 0 && file == NULL)
    rc = SMTPREPLY_EINVAL;
  if (rc == 0)
    rc = smtpreply_perl_integer (aTHX_ ST (2), 1, IV_MAX, &first);
  if (rc == 0)
    rc = smtpreply_perl_string (aTHX_ ST (3), &lang, SMTPREPLY_EBAD_LANG);
  if (rc == 0)
    rc = smtpreply_perl_integer (aTHX_ ST (4), 0, 1, &redact);
  if (rc == 0)
    rc = smtpreply_perl_integer (aTHX_ ST (5), 0, INT_MAX, &stage);
  if (rc < 0)
    smtpreply_perl_croak (aTHX_ rc, SIZE_MAX);
  struct smtpreply_log_record *rec = NULL;
  rc = smtpreply_log_record_new (&rec);
  if (rc < 0)
    smtpreply_perl_croak (aTHX_ rc, SIZE_MAX);
  /* Mortal: freed even if perl dies below.  */
  SV *json = sv_2mortal (newSV (1024));
  SP -= items;
  size_t lineno = (size_t) first;
  for (size_t at = 0; at < len; lineno++)
    {
      const char *line = buf + at;
      const char *nl = memchr (line, '\n', len - at);
      size_t n = nl != NULL ? (size_t) (nl - line) : len - at;
      at += n + (nl != NULL);
      if (n > 0 && line[n - 1] == '\r')
        n--;
      rc = smtpreply_log_read (rec, line, n, (int) stage);
      if (rc < 0)
        break;
      if (smtpreply_log_record_match (rec)->found == 0)
        continue;
      size_t jlen = 0;
      rc = smtpreply_log_record_json (rec, file, lineno, lang, (int) redact,
                                      SvPVX (json), SvLEN (json), &jlen);
      if (rc == SMTPREPLY_ENOSPC)
        {
          SvGROW (json, jlen + 1);
          rc = smtpreply_log_record_json (rec, file, lineno, lang,
                                          (int) redact, SvPVX (json),
                                          SvLEN (json), &jlen);
        }
      if (rc < 0)
        break;
      SV *record = smtpreply_perl_json (aTHX_ SvPVX (json), jlen);
      if (record == NULL)
        {
          rc = SMTPREPLY_EINVAL;
          break;
        }
      XPUSHs (sv_2mortal (record));
    }
  smtpreply_log_record_free (rec);
  if (rc < 0)
    smtpreply_perl_croak (aTHX_ rc, SIZE_MAX);
  PUTBACK;
}

/* ------------------------------------------------------------------------
   Helpers SWIG wraps (declared again after the shared interface).  */

/* Close the parser PARSER: free its C object now.  Closing twice is
   allowed; using a closed parser croaks.  */
static void
smtpreply__perl_parser_close (SV *parser)
{
  dTHX;
  MAGIC *mg = smtpreply_perl_owned_magic (aTHX_ parser,
                                          &smtpreply_perl_parser_vtbl);
  if (mg == NULL)
    smtpreply_perl_croak (aTHX_ SMTPREPLY_EINVAL, SIZE_MAX);
  smtpreply_perl_parser_free_mg (aTHX_ SvRV (parser), mg);
}

/* Likewise for a summary.  */
static void
smtpreply__perl_summary_close (SV *summary)
{
  dTHX;
  MAGIC *mg = smtpreply_perl_owned_magic (aTHX_ summary,
                                          &smtpreply_perl_summary_vtbl);
  if (mg == NULL)
    smtpreply_perl_croak (aTHX_ SMTPREPLY_EINVAL, SIZE_MAX);
  smtpreply_perl_summary_free_mg (aTHX_ SvRV (summary), mg);
}

/* smtpreply_advise with a CODE that may be 0, when only ENHANCED is
   known.  */
static smtpreply_status
smtpreply__perl_advise (int any_code,
                        const struct smtpreply_enhanced_code *enhanced,
                        int stage, const struct smtpreply_advice **out)
{
  return smtpreply_advise (any_code, enhanced, stage, out);
}

/* Return a new SMTP::Reply::Verdict of verdict V, its explanation in
   LANG (the other texts are translated by the Perl layer).  */
static SV *
smtpreply_perl_verdict (pTHX_ const struct smtpreply_verdict *v,
                        const char *lang)
{
  HV *hv = newHV ();
  const struct smtpreply_reason *reason = v->reason;
  hv_stores (hv, "reason",
             smtpreply_perl_text (aTHX_ reason != NULL ? reason->name : NULL));
  hv_stores (hv, "reason_title",
             smtpreply_perl_text (aTHX_ reason != NULL
                                            ? smtpreply_translate (
                                                reason->title, lang)
                                            : NULL));
  hv_stores (hv, "reason_text",
             smtpreply_perl_text (aTHX_ reason != NULL
                                            ? smtpreply_translate (
                                                reason->text, lang)
                                            : NULL));
  hv_stores (hv, "soft", v->soft < 0 ? newSV (0) : boolSV (v->soft));
  hv_stores (hv, "rule",
             smtpreply_perl_text (aTHX_ v->rule != NULL ? v->rule->id
                                                        : NULL));
  hv_stores (hv, "advice", smtpreply_perl_advice (aTHX_ v->advice));
  hv_stores (hv, "stage",
             smtpreply_perl_text (aTHX_ smtpreply_token_name (
                                      SMTPREPLY_TOKEN_STAGE, v->stage)));
  hv_stores (hv, "code", v->code != 0 ? newSViv (v->code) : newSV (0));
  hv_stores (hv, "enhanced", smtpreply_perl_enhanced_code (
                                 aTHX_ v->has_enhanced ? &v->enhanced : NULL));
  char small[512];
  size_t n = 0;
  int rc = smtpreply_verdict_explain (v, lang, small, sizeof small, &n);
  SV *explanation;
  if (rc == SMTPREPLY_ENOSPC)
    {
      explanation = newSV (n + 1);
      rc = smtpreply_verdict_explain (v, lang, SvPVX (explanation), n + 1,
                                      &n);
      SvCUR_set (explanation, rc == 0 ? n : 0);
      SvPOK_only (explanation);
      SvUTF8_on (explanation);
    }
  else
    explanation = rc == 0 ? smtpreply_perl_text (aTHX_ small) : newSV (0);
  hv_stores (hv, "explanation", explanation);
  if (lang != NULL)
    hv_stores (hv, "lang", newSVpv (lang, 0));
  SV *ref = newRV_noinc ((SV *) hv);
  sv_bless (ref, gv_stashpvs ("SMTP::Reply::Verdict", GV_ADD));
  return ref;
}

/* Return a new SMTP::Reply::Verdict on the failure known by the LEN bytes
   at BUF, reply code ANY_CODE (0: none), ENHANCED (NULL: none), STAGE and
   REMOTE_MTA, its texts in LANG; or NULL with the error in $@.  */
static SV *
smtpreply__perl_classify (const char *buf, size_t len, int any_code,
                          const struct smtpreply_enhanced_code *enhanced,
                          int stage, const char *remote_mta, const char *lang)
{
  dTHX;
  struct smtpreply_verdict v = { .size = sizeof v };
  int rc = smtpreply_classify (any_code, enhanced, buf, len, stage,
                               remote_mta, &v);
  if (rc < 0)
    {
      smtpreply_perl_fail (aTHX_ rc, SIZE_MAX);
      return NULL;
    }
  return smtpreply_perl_verdict (aTHX_ &v, lang);
}

/* Return a new SMTP::Reply::Bounce::Recipient of recipient R, the
   verdict's explanation in LANG.  */
static SV *
smtpreply_perl_bounce_recipient (pTHX_
                                 const struct smtpreply_bounce_recipient *r,
                                 const char *lang)
{
  HV *hv = newHV ();
  hv_stores (hv, "address", smtpreply_perl_text (aTHX_ r->address));
  hv_stores (hv, "action",
             smtpreply_perl_text (aTHX_ smtpreply_token_name (
                                      SMTPREPLY_TOKEN_DSN_ACTION, r->action)));
  hv_stores (hv, "status", smtpreply_perl_enhanced_code (
                               aTHX_ r->has_status ? &r->status : NULL));
  hv_stores (hv, "code", r->code != 0 ? newSViv (r->code) : newSV (0));
  hv_stores (hv, "enhanced", smtpreply_perl_enhanced_code (
                                 aTHX_ r->has_enhanced ? &r->enhanced : NULL));
  AV *lines = newAV ();
  for (size_t i = 0; i < r->line_count; i++)
    av_push (lines, smtpreply_perl_text (aTHX_ r->lines[i]));
  hv_stores (hv, "lines", newRV_noinc ((SV *) lines));
  hv_stores (hv, "remote_mta", smtpreply_perl_text (aTHX_ r->remote_mta));
  hv_stores (hv, "diagnostic_type",
             smtpreply_perl_text (aTHX_ r->diagnostic_type));
  hv_stores (hv, "diagnostic", smtpreply_perl_text (aTHX_ r->diagnostic));
  hv_stores (hv, "source", smtpreply_perl_text (aTHX_ r->source));
  hv_stores (hv, "feedback_type",
             smtpreply_perl_text (aTHX_ r->feedback_type));
  hv_stores (hv, "verdict", smtpreply_perl_verdict (aTHX_ r->verdict, lang));
  SV *ref = newRV_noinc ((SV *) hv);
  sv_bless (ref, gv_stashpvs ("SMTP::Reply::Bounce::Recipient", GV_ADD));
  return ref;
}

/* Return a new SMTP::Reply::Bounce of the message in the LEN bytes at
   BUF, the verdicts' explanations in LANG; or NULL with the error in
   $@.  */
static SV *
smtpreply__perl_bounce (const char *buf, size_t len, const char *lang)
{
  dTHX;
  struct smtpreply_bounce *b = NULL;
  int rc = smtpreply_bounce_read (buf, len, &b);
  if (rc < 0)
    {
      smtpreply_perl_fail (aTHX_ rc, SIZE_MAX);
      return NULL;
    }
  /* Everything below copies out of B, and nothing croaks.  */
  HV *hv = newHV ();
  hv_stores (hv, "kind",
             smtpreply_perl_text (aTHX_ smtpreply_bounce_kind_name (
                                      smtpreply_bounce_kind (b))));
  hv_stores (hv, "format",
             smtpreply_perl_text (aTHX_ smtpreply_bounce_format (b)));
  static const char *const headers[]
      = { "message_id", "from", "to", "subject", "date" };
  HV *original = newHV ();
  for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
    {
      const char *value = smtpreply_bounce_original (b, headers[i]);
      if (value != NULL)
        (void) hv_store (original, headers[i], (I32) strlen (headers[i]),
                         smtpreply_perl_text (aTHX_ value), 0);
    }
  hv_stores (hv, "original", newRV_noinc ((SV *) original));
  if (smtpreply_bounce_kind (b) == SMTPREPLY_BOUNCE_ARF)
    {
      static const char *const fields[]
          = { "Feedback-Type",      "User-Agent",   "Version",
              "Original-Mail-From", "Arrival-Date", "Source-IP",
              "Reported-Domain",    "Reported-Uri" };
      HV *report = newHV ();
      for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        {
          const char *value = smtpreply_bounce_report_field (b, fields[i]);
          if (value != NULL)
            (void) hv_store (report, fields[i], (I32) strlen (fields[i]),
                             smtpreply_perl_text (aTHX_ value), 0);
        }
      hv_stores (hv, "report", newRV_noinc ((SV *) report));
    }
  AV *recipients = newAV ();
  size_t count = smtpreply_bounce_recipient_count (b);
  for (size_t i = 0; i < count; i++)
    av_push (recipients,
             smtpreply_perl_bounce_recipient (
                 aTHX_ smtpreply_bounce_recipient_at (b, i), lang));
  hv_stores (hv, "recipients", newRV_noinc ((SV *) recipients));
  smtpreply_bounce_free (b);
  SV *ref = newRV_noinc ((SV *) hv);
  sv_bless (ref, gv_stashpvs ("SMTP::Reply::Bounce", GV_ADD));
  return ref;
}

/* Return a new character string holding the LEN bytes at TEXT (UTF-8),
   and free TEXT with smtpreply_free.  */
static SV *
smtpreply_perl_take_text (pTHX_ char *text, size_t len)
{
  SV *sv = newSVpvn (text, len);
  smtpreply_free (text);
  SvUTF8_on (sv);
  return sv;
}

/* Return the JSON text of summary S, or NULL with the error in $@.  */
static SV *
smtpreply__perl_summary_to_json (const struct smtpreply_summary *s)
{
  dTHX;
  char *text = NULL;
  size_t len = 0;
  int rc = smtpreply_summary_to_json (s, &text, &len);
  if (rc < 0)
    {
      smtpreply_perl_fail (aTHX_ rc, SIZE_MAX);
      return NULL;
    }
  return smtpreply_perl_take_text (aTHX_ text, len);
}

/* Return summary S as the command prints it, in FORMAT and LANG, or NULL
   with the error in $@.  */
static SV *
smtpreply__perl_summary_render (const struct smtpreply_summary *s,
                                int format, const char *lang)
{
  dTHX;
  char *text = NULL;
  size_t len = 0;
  int rc = smtpreply_summary_render (s, format, lang, &text, &len);
  if (rc < 0)
    {
      smtpreply_perl_fail (aTHX_ rc, SIZE_MAX);
      return NULL;
    }
  return smtpreply_perl_take_text (aTHX_ text, len);
}

/* Return a new summary (an SMTP::Replyc::Summary) read from the LEN bytes
   at BUF, or NULL with the error, and the offset of the byte that broke
   the JSON, in $@.  */
static SV *
smtpreply__perl_summary_from_json (const char *buf, size_t len)
{
  dTHX;
  struct smtpreply_summary *s = NULL;
  size_t offset = SIZE_MAX;
  int rc = smtpreply_summary_from_json (buf, len, &s, &offset);
  if (rc < 0)
    {
      smtpreply_perl_fail (aTHX_ rc, rc == SMTPREPLY_ESUMMARY_JSON ? offset
                                                                   : SIZE_MAX);
      return NULL;
    }
  return smtpreply_perl_owned_new (aTHX_ s, &smtpreply_perl_summary_vtbl,
                                   "SMTP::Replyc::Summary");
}

/* Die with an SMTP::Reply::Error for ERROR, from the caller's view: the
   errors the Perl layer finds itself (an unknown option, say).  */
static void
smtpreply__perl_throw (int error)
{
  dTHX;
  smtpreply_perl_croak (aTHX_ error, SIZE_MAX);
}

/* Return its argument: the typemap of CODE has checked it.  */
static int
smtpreply__perl_code (int code)
{
  return code;
}
%}

/* ------------------------------------------------------------------------
   The plain XS functions, registered at boot.  */

%init %{
  {
    static const struct
    {
      const char *name;
      int field;
    } response_methods[] = {
      { "SMTP::Reply::Response::code", SMTPREPLY_PERL_CODE },
      { "SMTP::Reply::Response::enhanced", SMTPREPLY_PERL_ENHANCED },
      { "SMTP::Reply::Response::flags", SMTPREPLY_PERL_FLAGS },
      { "SMTP::Reply::Response::offset", SMTPREPLY_PERL_OFFSET },
      { "SMTP::Reply::Response::line_number", SMTPREPLY_PERL_LINE_NUMBER },
      { "SMTP::Reply::Response::line_count", SMTPREPLY_PERL_LINE_COUNT },
      { "SMTP::Reply::Response::lines", SMTPREPLY_PERL_LINES },
      { "SMTP::Reply::Response::raw_lines", SMTPREPLY_PERL_RAW_LINES },
      { "SMTP::Reply::Response::messages", SMTPREPLY_PERL_MESSAGES },
      { "SMTP::Reply::Response::raw_messages", SMTPREPLY_PERL_RAW_MESSAGES },
      { "SMTP::Reply::Response::text", SMTPREPLY_PERL_TEXT },
    };
    for (size_t k = 0; k < sizeof response_methods / sizeof response_methods[0];
         k++)
      {
        CV *method = newXS (response_methods[k].name,
                            smtpreply_perl_xs_response, __FILE__);
        CvXSUBANY (method).any_i32 = response_methods[k].field;
      }
    newXS ("SMTP::Replyc::parser_scan", smtpreply_perl_xs_parser_scan,
           __FILE__);
    newXS ("SMTP::Replyc::annotate_lines", smtpreply_perl_xs_annotate_lines,
           __FILE__);
    newXS ("SMTP::Reply::describe", smtpreply_perl_xs_describe, __FILE__);
  }
%}

/* ------------------------------------------------------------------------
   Errors.  A negative smtpreply_status becomes an SMTP::Reply::Error in
   $@: the "out" typemap makes it, the out-parameters' typemaps may add to
   it (the byte offset of a parse of a code), and the "ret" typemap, which
   SWIG puts after them and after the cleanup, croaks with it.  A status
   that is 0 returns the out-parameters, or true when there are none.  */

/* Push the new SV made by EXPR onto the wrapper's results.  */
%define SMTPREPLY_PERL_PUSH(expr)
  if (argvi >= items)
    EXTEND (sp, argvi + 1);
  ST (argvi) = sv_2mortal (expr);
  argvi++;
%enddef

/* Make $@ the error RC at OFFSET and leave the wrapper through its
   cleanup, which croaks with $@.  */
%define SMTPREPLY_PERL_FAIL(rc, offset)
  smtpreply_perl_fail (aTHX_ rc, offset);
  SWIG_fail;
%enddef

%typemap(out) smtpreply_status {
  if ($1 < 0)
    smtpreply_perl_fail (aTHX_ $1, SIZE_MAX);
}
%typemap(ret) smtpreply_status {
  if ($1 < 0)
    croak_sv (ERRSV);
  if (argvi == 0)
    {
      SMTPREPLY_PERL_PUSH (newSVsv (&PL_sv_yes))
    }
}

%typemap(out) smtpreply_bool {
  SMTPREPLY_PERL_PUSH (newSVsv ($1 ? &PL_sv_yes : &PL_sv_no))
}

/* A new SV from a helper: NULL means the helper put an error in $@.  */
%typemap(out) SV * {
  if ($1 == NULL)
    SWIG_fail;
  SMTPREPLY_PERL_PUSH ($1)
}

/* Where a code given as text broke the rule goes into the error.  */
%typemap(in, numinputs=0) size_t *error_offset (size_t temp = SIZE_MAX) {
  $1 = &temp;
}
%typemap(argout) size_t *error_offset {
  if (result < 0 && *$1 != SIZE_MAX && SvROK (ERRSV))
    hv_stores ((HV *) SvRV (ERRSV), "offset", newSVuv (*$1));
}

/* ------------------------------------------------------------------------
   Numbers: an integer, or a string of one, in the range of the type;
   anything else is EINVAL (not SWIG's own TypeError, which no caller
   could tell from other errors).  */

%define SMTPREPLY_PERL_INTEGER(type, min, max)
%typemap(in) type (IV temp = 0) {
  if (smtpreply_perl_integer (aTHX_ $input, min, max, &temp) != 0)
    {
      SMTPREPLY_PERL_FAIL (SMTPREPLY_EINVAL, SIZE_MAX)
    }
  $1 = (type) temp;
}
%enddef
SMTPREPLY_PERL_INTEGER (int, INT_MIN, INT_MAX)
SMTPREPLY_PERL_INTEGER (unsigned int, 0, (IV) (UINT_MAX < IV_MAX ? UINT_MAX : IV_MAX))
SMTPREPLY_PERL_INTEGER (unsigned long, 0, (IV) (ULONG_MAX < IV_MAX ? ULONG_MAX : IV_MAX))
SMTPREPLY_PERL_INTEGER (size_t, 0, (IV) (SIZE_MAX < IV_MAX ? SIZE_MAX : IV_MAX))

/* A reply code: a number, or a string of three digits; one that is not
   valid croaks with the error and offset of smtpreply_code_parse.  */
%typemap(in) int code (size_t offset = SIZE_MAX, int rc = 0) {
  rc = smtpreply_perl_code (aTHX_ $input, &$1, &offset);
  if (rc < 0)
    {
      SMTPREPLY_PERL_FAIL (rc, offset)
    }
}

/* A reply code or nothing (undef, "" or 0), for functions that take 0 as
   "no code" and check the code themselves.  */
%typemap(in) int any_code (IV temp = 0) {
  SvGETMAGIC ($input);
  if (!SvOK ($input) || (SvPOK ($input) && SvCUR ($input) == 0))
    temp = 0;
  else if (smtpreply_perl_integer (aTHX_ $input, 0, 999, &temp) != 0)
    {
      SMTPREPLY_PERL_FAIL (SMTPREPLY_EBAD_CODE, SIZE_MAX)
    }
  $1 = (int) temp;
}

/* ------------------------------------------------------------------------
   Strings.  */

/* Raw server text goes in as bytes: a byte string as it is, a character
   string as its UTF-8 encoding.  undef and references are EINVAL.  */
%typemap(in) (const char *buf, size_t len) (int rc = 0) {
  rc = smtpreply_perl_bytes (aTHX_ $input, (const char **) &$1, &$2);
  if (rc < 0)
    {
      SMTPREPLY_PERL_FAIL (rc, SIZE_MAX)
    }
}
%apply (const char *buf, size_t len) { (const char *text, size_t len) };

/* A language tag or list: undef is the default language; a NUL, which
   would cut the tag, is EBAD_LANG.  */
%typemap(in) const char *lang (int rc = 0) {
  rc = smtpreply_perl_string (aTHX_ $input, (const char **) &$1, SMTPREPLY_EBAD_LANG);
  if (rc < 0)
    {
      SMTPREPLY_PERL_FAIL (rc, SIZE_MAX)
    }
}

/* Other strings (msgids, names, ids): undef is NULL; a NUL is EINVAL.  */
%typemap(in) const char * (int rc = 0) {
  rc = smtpreply_perl_string (aTHX_ $input, (const char **) &$1, SMTPREPLY_EINVAL);
  if (rc < 0)
    {
      SMTPREPLY_PERL_FAIL (rc, SIZE_MAX)
    }
}
%typemap(freearg) const char * "";

/* Every string of the library is UTF-8: flag it as characters.  */
%typemap(out) const char * {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_text (aTHX_ $1))
}

/* smtpreply_display_safe: bytes in, printable characters out.  */
%typemap(in) (const char *buf, size_t len, char *out, size_t size,
              size_t *out_len) (size_t out_len_temp = 0, int rc = 0) {
  rc = smtpreply_perl_bytes (aTHX_ $input, (const char **) &$1, &$2);
  if (rc < 0)
    {
      SMTPREPLY_PERL_FAIL (rc, SIZE_MAX)
    }
  if ($2 > (SIZE_MAX - 1) / 4)
    {
      SMTPREPLY_PERL_FAIL (SMTPREPLY_ENOMEM, SIZE_MAX)
    }
  $4 = 4 * $2 + 1;
  $3 = malloc ($4);
  if ($3 == NULL)
    {
      SMTPREPLY_PERL_FAIL (SMTPREPLY_ENOMEM, SIZE_MAX)
    }
  $5 = &out_len_temp;
}
%typemap(argout) (const char *buf, size_t len, char *out, size_t size,
                  size_t *out_len) {
  if (result == 0)
    {
      SV *safe = newSVpvn ($3, *$5);
      SvUTF8_on (safe);
      SMTPREPLY_PERL_PUSH (safe)
    }
}
%typemap(freearg) (const char *buf, size_t len, char *out, size_t size,
                   size_t *out_len) {
  free ($3);
}

/* ------------------------------------------------------------------------
   Enhanced status codes are strings "C.S.D" in Perl.  */

/* In: undef is NULL (no enhanced code); any other value is parsed, and
   one that is not an enhanced code croaks with the parser's error and
   offset.  */
%typemap(in) const struct smtpreply_enhanced_code *
    (struct smtpreply_enhanced_code temp, size_t offset = 0, int rc = 0) {
  SvGETMAGIC ($input);
  if (!SvOK ($input))
    $1 = NULL;
  else
    {
      const char *s;
      size_t n;
      rc = smtpreply_perl_bytes (aTHX_ $input, &s, &n);
      if (rc == 0)
        rc = smtpreply_enhanced_parse (s, n, &temp, &offset);
      if (rc < 0)
        {
          SMTPREPLY_PERL_FAIL (rc, rc == SMTPREPLY_EINVAL ? SIZE_MAX : offset)
        }
      $1 = &temp;
    }
}

/* The code a function is about may not be missing.  */
%typemap(check) const struct smtpreply_enhanced_code *code {
  if ($1 == NULL)
    {
      SMTPREPLY_PERL_FAIL (SMTPREPLY_EINVAL, SIZE_MAX)
    }
}

%typemap(in, numinputs=0) struct smtpreply_enhanced_code *out
    (struct smtpreply_enhanced_code temp) {
  $1 = &temp;
}
%typemap(argout) struct smtpreply_enhanced_code *out {
  SMTPREPLY_PERL_PUSH (result == 0 ? smtpreply_perl_enhanced_code (aTHX_ $1)
                                   : newSV (0))
}

/* smtpreply_enhanced_format writes into a buffer of our own.  */
%typemap(in, numinputs=0) (char *buf, size_t size) (char temp[16]) {
  $1 = temp;
  $2 = sizeof temp;
}
%typemap(argout) (char *buf, size_t size) {
  SMTPREPLY_PERL_PUSH (result == 0 ? smtpreply_perl_text (aTHX_ $1)
                                   : newSV (0))
}

/* ------------------------------------------------------------------------
   Other out-parameters become return values.  */

%typemap(in, numinputs=0) int *code (int temp = 0) {
  $1 = &temp;
}
%typemap(argout) int *code {
  SMTPREPLY_PERL_PUSH (newSViv (*$1))
}
%apply int *code { int *value, int *stage };

%typemap(in, numinputs=0) size_t *used (size_t temp = 0) {
  $1 = &temp;
}
%typemap(argout) size_t *used {
  SMTPREPLY_PERL_PUSH (newSVuv (*$1))
}

%typemap(in, numinputs=0) struct smtpreply_match *out
    (struct smtpreply_match temp) {
  memset (&temp, 0, sizeof temp);
  temp.size = sizeof temp;
  $1 = &temp;
}
%typemap(argout) struct smtpreply_match *out {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_match (aTHX_ $1))
}

%typemap(in, numinputs=0) const struct smtpreply_advice **out
    (const struct smtpreply_advice *temp = NULL) {
  $1 = ($1_ltype) &temp;
}
%typemap(argout) const struct smtpreply_advice **out {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_advice (aTHX_ *$1))
}

/* ------------------------------------------------------------------------
   The parser and the summary are owned objects (see the top).  */

%typemap(in, numinputs=0) struct smtpreply_parser **out
    (struct smtpreply_parser *temp = NULL) {
  $1 = &temp;
}
%typemap(argout) struct smtpreply_parser **out {
  if (result == 0)
    {
      SMTPREPLY_PERL_PUSH (smtpreply_perl_owned_new (
          aTHX_ *$1, &smtpreply_perl_parser_vtbl, "SMTP::Replyc::Parser"))
    }
}
%typemap(in) struct smtpreply_parser *, const struct smtpreply_parser * {
  $1 = smtpreply_perl_owned (aTHX_ $input, &smtpreply_perl_parser_vtbl);
  if ($1 == NULL)
    {
      SMTPREPLY_PERL_FAIL (SMTPREPLY_EINVAL, SIZE_MAX)
    }
}

%typemap(in, numinputs=0) struct smtpreply_summary **out
    (struct smtpreply_summary *temp = NULL) {
  $1 = &temp;
}
%typemap(argout) struct smtpreply_summary **out {
  if (result == 0)
    {
      SMTPREPLY_PERL_PUSH (smtpreply_perl_owned_new (
          aTHX_ *$1, &smtpreply_perl_summary_vtbl, "SMTP::Replyc::Summary"))
    }
}
%typemap(in) struct smtpreply_summary *, const struct smtpreply_summary * {
  $1 = smtpreply_perl_owned (aTHX_ $input, &smtpreply_perl_summary_vtbl);
  if ($1 == NULL)
    {
      SMTPREPLY_PERL_FAIL (SMTPREPLY_EINVAL, SIZE_MAX)
    }
}

/* ------------------------------------------------------------------------
   Table entries and replies come out as hashes and objects.  */

%typemap(out) const struct smtpreply_digit * {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_digit (aTHX_ $1))
}
%typemap(out) const struct smtpreply_reply * {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_reply_entry (aTHX_ $1))
}
%typemap(out) const struct smtpreply_enhanced * {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_enhanced_entry (aTHX_ $1))
}
%typemap(out) const struct smtpreply_reason * {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_reason (aTHX_ $1))
}
%typemap(out) const struct smtpreply_rule * {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_rule (aTHX_ $1))
}
%typemap(out) const struct smtpreply_response * {
  SMTPREPLY_PERL_PUSH ($1 != NULL
                       ? smtpreply_perl_response (
                           aTHX_ $1, gv_stashpvs ("SMTP::Reply::Response",
                                                  GV_ADD))
                       : newSV (0))
}

/* The typemaps above copy these structures into hashes and strings, so
   SWIG need not make Perl classes of them.  */
%ignore smtpreply_digit;
%ignore smtpreply_reply;
%ignore smtpreply_enhanced_code;
%ignore smtpreply_enhanced;
%ignore smtpreply_match;
%ignore smtpreply_advice;
%ignore smtpreply_reason;
%ignore smtpreply_rule;
%ignore smtpreply_verdict;
/* A reply comes out whole, as an SMTP::Reply::Response, so the accessors
   of its parts need no wrappers (their texts are not NUL-terminated).  */
%ignore smtpreply_response_code;
%ignore smtpreply_response_enhanced;
%ignore smtpreply_response_flags;
%ignore smtpreply_response_line_count;
%ignore smtpreply_response_line;
%ignore smtpreply_response_message;
%ignore smtpreply_response_offset;
%ignore smtpreply_response_line_number;
/* Owned objects are closed by the helpers below, which cannot free
   twice.  */
%ignore smtpreply_parser_free;
%ignore smtpreply_summary_free;
/* The events of a stream come from the plain XS parser_scan.  */
%ignore smtpreply_parser_scan;
/* A log record points into its line, which Perl could free under it:
   annotate_lines reads lines in C instead, and summaries read them with
   smtpreply_summary_add_lines.  */
%ignore smtpreply_log_record_new;
%ignore smtpreply_log_record_free;
%ignore smtpreply_log_read;
%ignore smtpreply_log_record_match;
%ignore smtpreply_log_record_verdict;
%ignore smtpreply_log_record_outcome;
%ignore smtpreply_log_record_mta;
%ignore smtpreply_summary_add;
/* Replaced by helpers below that take 0 for "no code" and return a
   Verdict object.  */
%ignore smtpreply_advise;
%ignore smtpreply_classify;

%include "../smtpreply.i"

/* ------------------------------------------------------------------------
   Helpers of the Perl layer (defined in the block at the top).  */

%rename(parser_free) smtpreply__perl_parser_close;
void smtpreply__perl_parser_close (SV *parser);
%rename(summary_free) smtpreply__perl_summary_close;
void smtpreply__perl_summary_close (SV *summary);
%rename(advise) smtpreply__perl_advise;
smtpreply_status
smtpreply__perl_advise (int any_code,
                        const struct smtpreply_enhanced_code *enhanced,
                        int stage, const struct smtpreply_advice **out);
%rename(classify) smtpreply__perl_classify;
SV *smtpreply__perl_classify (const char *buf, size_t len, int any_code,
                              const struct smtpreply_enhanced_code *enhanced,
                              int stage, const char *remote_mta,
                              const char *lang);
%rename(bounce) smtpreply__perl_bounce;
SV *smtpreply__perl_bounce (const char *buf, size_t len, const char *lang);
%rename(summary_to_json) smtpreply__perl_summary_to_json;
SV *smtpreply__perl_summary_to_json (const struct smtpreply_summary *s);
%rename(summary_render) smtpreply__perl_summary_render;
SV *smtpreply__perl_summary_render (const struct smtpreply_summary *s,
                                    int format, const char *lang);
%rename(summary_from_json) smtpreply__perl_summary_from_json;
SV *smtpreply__perl_summary_from_json (const char *buf, size_t len);
%rename(code_value) smtpreply__perl_code;
int smtpreply__perl_code (int code);
%rename(throw) smtpreply__perl_throw;
void smtpreply__perl_throw (int error);
