/* smtpreply-perl.i -- the Perl module SMTP::Reply.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   SWIG makes two files of this one: SMTP/Reply.pm and the XS module
   auto/SMTP/Reply/Reply.so.  The wrappers live in the package SMTP::Replyc
   and are thin: bytes in, UTF-8 strings and hashes out, and every error of
   the library an exception object in $@.  The Perl API of SMTP::Reply is
   SMTP/Reply/Native.pm (bindings/perl/Native.pm), which the end of
   Reply.pm loads; bindings/perl/Reply.pod documents it.  */

%module "SMTP::Reply"

%{
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"

/* Return a new SV holding the NUL-terminated UTF-8 text S, flagged as
   characters, or a new undef if S is NULL.  */
static SV *
smtpreply_perl_text (const char *s)
{
  dTHX;
  if (s == NULL)
    return newSV (0);
  SV *sv = newSVpv (s, 0);
  SvUTF8_on (sv);
  return sv;
}

/* Return a new reference to HV blessed into CLASS, or a plain reference
   if CLASS is NULL.  */
static SV *
smtpreply_perl_object (HV *hv, const char *class)
{
  dTHX;
  SV *ref = newRV_noinc ((SV *) hv);
  if (class != NULL)
    sv_bless (ref, gv_stashpv (class, GV_ADD));
  return ref;
}

/* Return "C.S.D" for the enhanced status code E as a new SV, or a new
   undef if E is NULL or not valid.  */
static SV *
smtpreply_perl_enhanced_code (const struct smtpreply_enhanced_code *e)
{
  dTHX;
  char buf[16];
  if (e == NULL || smtpreply_enhanced_format (e, buf, sizeof buf) != 0)
    return newSV (0);
  return smtpreply_perl_text (buf);
}

/* Return a new error object for the error RC, blessed into CLASS: a hash
   with kind (the error's name without "SMTPREPLY_", e.g. "EBAD_CODE"),
   number (RC) and message (translated into the default language).  */
static SV *
smtpreply_perl_error_object (int rc, const char *class)
{
  dTHX;
  static const char prefix[] = "SMTPREPLY_";
  const char *name = smtpreply_errname (rc);
  if (name != NULL && strncmp (name, prefix, sizeof prefix - 1) == 0)
    name += sizeof prefix - 1;
  HV *hv = newHV ();
  hv_stores (hv, "kind", smtpreply_perl_text (name));
  hv_stores (hv, "number", newSViv (rc));
  hv_stores (hv, "message",
             smtpreply_perl_text (smtpreply_strerror_lang (rc, NULL)));
  return smtpreply_perl_object (hv, class);
}

/* Make $@ an SMTP::Reply::Error for the error RC, with the byte OFFSET
   where the input broke the rule unless OFFSET is SIZE_MAX, and return
   that object (which $@ owns).  The caller then croaks.  */
static SV *
smtpreply_perl_set_error (int rc, size_t offset)
{
  dTHX;
  SV *err = smtpreply_perl_error_object (rc, "SMTP::Reply::Error");
  if (offset != SIZE_MAX)
    hv_stores ((HV *) SvRV (err), "offset", newSVuv (offset));
  sv_setsv (ERRSV, err);
  SvREFCNT_dec (err);
  return ERRSV;
}

/* Return a new SMTP::Reply::ParseError for the error RC that parser P
   has just returned, with the line and the stream offset where P found
   it.  */
static SV *
smtpreply_perl_parse_error (const struct smtpreply_parser *p, int rc)
{
  dTHX;
  SV *err = smtpreply_perl_error_object (rc, "SMTP::Reply::ParseError");
  HV *hv = (HV *) SvRV (err);
  hv_stores (hv, "line", newSVuv (smtpreply_parser_error_line (p)));
  hv_stores (hv, "offset", newSVuv (smtpreply_parser_error_offset (p)));
  return err;
}

/* Return a new reference to a hash of the fields of D, or a new undef if
   D is NULL.  Titles and texts stay the English msgids: the Perl layer
   translates them.  */
static SV *
smtpreply_perl_digit (const struct smtpreply_digit *d)
{
  dTHX;
  if (d == NULL)
    return newSV (0);
  HV *hv = newHV ();
  hv_stores (hv, "digit", newSViv (d->digit));
  hv_stores (hv, "name", smtpreply_perl_text (d->name));
  hv_stores (hv, "title", smtpreply_perl_text (d->title));
  hv_stores (hv, "text", smtpreply_perl_text (d->text));
  return smtpreply_perl_object (hv, NULL);
}

/* Likewise for an entry of the reply-code table.  */
static SV *
smtpreply_perl_reply (const struct smtpreply_reply *r)
{
  dTHX;
  if (r == NULL)
    return newSV (0);
  HV *hv = newHV ();
  hv_stores (hv, "code", newSViv (r->code));
  hv_stores (hv, "name", smtpreply_perl_text (r->name));
  hv_stores (hv, "status", newSViv (r->status));
  hv_stores (hv, "reference", smtpreply_perl_text (r->reference));
  hv_stores (hv, "context", smtpreply_perl_text (r->context));
  hv_stores (hv, "title", smtpreply_perl_text (r->title));
  hv_stores (hv, "text", smtpreply_perl_text (r->text));
  return smtpreply_perl_object (hv, NULL);
}

/* Likewise for an entry of the enhanced-status registry.  */
static SV *
smtpreply_perl_enhanced (const struct smtpreply_enhanced *e)
{
  dTHX;
  if (e == NULL)
    return newSV (0);
  HV *hv = newHV ();
  hv_stores (hv, "subject", newSViv (e->subject));
  hv_stores (hv, "detail", newSViv (e->detail));
  hv_stores (hv, "name", smtpreply_perl_text (e->name));
  hv_stores (hv, "status", newSViv (e->status));
  hv_stores (hv, "basic_codes", smtpreply_perl_text (e->basic_codes));
  hv_stores (hv, "reference", smtpreply_perl_text (e->reference));
  hv_stores (hv, "title", smtpreply_perl_text (e->title));
  hv_stores (hv, "text", smtpreply_perl_text (e->text));
  return smtpreply_perl_object (hv, NULL);
}

/* Likewise for a rule of advice.  */
static SV *
smtpreply_perl_advice (const struct smtpreply_advice *a)
{
  dTHX;
  if (a == NULL)
    return newSV (0);
  HV *hv = newHV ();
  hv_stores (hv, "rule", smtpreply_perl_text (a->rule));
  hv_stores (hv, "action", newSViv (a->action));
  hv_stores (hv, "text", smtpreply_perl_text (a->text));
  return smtpreply_perl_object (hv, NULL);
}

/* Return a new reference to a hash of what smtpreply_extract found in M:
   the code and the enhanced code ("C.S.D") or undef for what it did not
   find, and the byte offsets.  A new undef if it found nothing.  */
static SV *
smtpreply_perl_match (const struct smtpreply_match *m)
{
  dTHX;
  if (m->found == 0)
    return newSV (0);
  HV *hv = newHV ();
  int code = (m->found & SMTPREPLY_MATCH_CODE) != 0;
  int enhanced = (m->found & SMTPREPLY_MATCH_ENHANCED) != 0;
  hv_stores (hv, "code", code ? newSViv (m->code) : newSV (0));
  hv_stores (hv, "code_offset", code ? newSVuv (m->code_offset) : newSV (0));
  hv_stores (hv, "enhanced",
             smtpreply_perl_enhanced_code (enhanced ? &m->enhanced : NULL));
  hv_stores (hv, "enhanced_offset",
             enhanced ? newSVuv (m->enhanced_offset) : newSV (0));
  hv_stores (hv, "enhanced_length",
             enhanced ? newSVuv (m->enhanced_length) : newSV (0));
  hv_stores (hv, "text_offset", newSVuv (m->text_offset));
  return smtpreply_perl_object (hv, NULL);
}

/* Return a new reference to an array of the texts of the lines of R as
   byte strings: as sent, or (if MESSAGES) without their enhanced code.  */
static SV *
smtpreply_perl_lines (const struct smtpreply_response *r, int messages)
{
  dTHX;
  size_t n = smtpreply_response_line_count (r);
  AV *av = newAV ();
  if (n > 0)
    av_extend (av, (SSize_t) n - 1);
  for (size_t i = 0; i < n; i++)
    {
      size_t len = 0;
      const char *s = messages ? smtpreply_response_message (r, i, &len)
                               : smtpreply_response_line (r, i, &len);
      av_push (av, newSVpvn (s != NULL ? s : "", s != NULL ? len : 0));
    }
  return newRV_noinc ((SV *) av);
}

/* Return a new SMTP::Reply::Response holding a copy of the reply R (which
   belongs to its parser and dies with its next call), or a new undef if
   R is NULL.  */
static SV *
smtpreply_perl_response (const struct smtpreply_response *r)
{
  dTHX;
  if (r == NULL)
    return newSV (0);
  HV *hv = newHV ();
  hv_stores (hv, "code", newSViv (smtpreply_response_code (r)));
  hv_stores (hv, "enhanced",
             smtpreply_perl_enhanced_code (smtpreply_response_enhanced (r)));
  hv_stores (hv, "flags", newSVuv (smtpreply_response_flags (r)));
  hv_stores (hv, "offset", newSVuv (smtpreply_response_offset (r)));
  hv_stores (hv, "line_number", newSVuv (smtpreply_response_line_number (r)));
  hv_stores (hv, "raw_lines", smtpreply_perl_lines (r, 0));
  hv_stores (hv, "raw_messages", smtpreply_perl_lines (r, 1));
  return smtpreply_perl_object (hv, "SMTP::Reply::Response");
}

/* Feed the LEN bytes at BUF to P, all of them, and return a new mortal
   reference to an array of what they made, in order: an
   SMTP::Reply::Response for each reply completed, an
   SMTP::Reply::ParseError for each error (after which P goes on at the
   next line).  */
static SV *
smtpreply__perl_feed (struct smtpreply_parser *p, const char *buf, size_t len)
{
  dTHX;
  AV *av = newAV ();
  size_t off = 0;
  while (off < len)
    {
      size_t used = 0;
      int rc = smtpreply_parser_feed (p, buf + off, len - off, &used);
      off += used;
      if (rc == SMTPREPLY_READY)
        av_push (av, smtpreply_perl_response (smtpreply_parser_reply (p)));
      else if (rc < 0)
        av_push (av, smtpreply_perl_parse_error (p, rc));
      /* Every call takes at least one byte unless it took them all; stop
         rather than loop should that ever fail.  */
      if (rc == 0 || used == 0)
        break;
    }
  return sv_2mortal (newRV_noinc ((SV *) av));
}

/* Tell P the stream ended.  Return a new mortal SMTP::Reply::ParseError
   if it ended inside a reply, else undef.  */
static SV *
smtpreply__perl_finish (struct smtpreply_parser *p)
{
  dTHX;
  int rc = smtpreply_parser_finish (p);
  if (rc < 0)
    return sv_2mortal (smtpreply_perl_parse_error (p, rc));
  return &PL_sv_undef;
}

/* Return a new mortal SMTP::Reply::Error for the error RC, for the errors
   the Perl layer finds itself (an unknown option, say).  */
static SV *
smtpreply__perl_error (int rc)
{
  dTHX;
  return sv_2mortal (smtpreply_perl_error_object (rc, "SMTP::Reply::Error"));
}
%}

/* Push the new SV made by EXPR onto the wrapper's results.  */
%define SMTPREPLY_PERL_PUSH(expr)
  if (argvi >= items)
    EXTEND (sp, argvi + 1);
  ST (argvi) = sv_2mortal (expr);
  argvi++;
%enddef

/* ------------------------------------------------------------------------
   Errors.  A negative smtpreply_status, or a negative smtpreply_bool,
   becomes an SMTP::Reply::Error in $@.  The "out" typemap makes it, the
   out-parameters' typemaps may add to it (the byte offset of a parse of a
   code), and the "ret" typemap, which SWIG puts after them and after the
   cleanup, croaks with it.  A status that is 0 returns the out-parameters,
   or true when there are none.  */

%typemap(out) smtpreply_status {
  if ($1 < 0)
    smtpreply_perl_set_error ($1, SIZE_MAX);
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
  if ($1 < 0)
    smtpreply_perl_set_error ($1, SIZE_MAX);
  else
    {
      SMTPREPLY_PERL_PUSH (newSVsv ($1 ? &PL_sv_yes : &PL_sv_no))
    }
}
%typemap(ret) smtpreply_bool {
  if ($1 < 0)
    croak_sv (ERRSV);
}

/* Where a code given as text broke the rule goes into the error.  */
%typemap(in, numinputs=0) size_t *error_offset (size_t temp = 0) {
  $1 = &temp;
}
%typemap(argout) size_t *error_offset {
  if (result < 0 && SvROK (ERRSV))
    hv_stores ((HV *) SvRV (ERRSV), "offset", newSVuv (*$1));
}

/* ------------------------------------------------------------------------
   Strings.  */

/* Raw server text goes in as bytes: a byte string as it is, a character
   string as its UTF-8 encoding.  */
%typemap(in) (const char *buf, size_t len) {
  STRLEN len_in = 0;
  $1 = SvPV ($input, len_in);
  $2 = len_in;
}

/* Other strings (language tags, msgids): undef is NULL, which means the
   default language where a language is asked for.  */
%typemap(in) const char * {
  $1 = SvOK ($input) ? SvPV_nolen ($input) : NULL;
}
%typemap(freearg) const char * "";

/* Every string of the library is UTF-8: flag it as characters.  */
%typemap(out) const char * {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_text ($1))
}

/* smtpreply_display_safe: bytes in, printable characters out.  */
%typemap(in) (const char *buf, size_t len, char *out, size_t size,
              size_t *out_len) (size_t out_len_temp = 0) {
  STRLEN len_in = 0;
  $1 = SvPV ($input, len_in);
  $2 = len_in;
  if (len_in > (SIZE_MAX - 1) / 4)
    {
      smtpreply_perl_set_error (SMTPREPLY_ENOMEM, SIZE_MAX);
      SWIG_fail;
    }
  $4 = 4 * len_in + 1;
  $3 = malloc ($4);
  if ($3 == NULL)
    {
      smtpreply_perl_set_error (SMTPREPLY_ENOMEM, SIZE_MAX);
      SWIG_fail;
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

/* In: undef is NULL; any other value is parsed, and one that is not an
   enhanced code croaks with the parser's error and offset.  */
%typemap(in) const struct smtpreply_enhanced_code *
    (struct smtpreply_enhanced_code temp) {
  if (!SvOK ($input))
    $1 = NULL;
  else
    {
      STRLEN len_in = 0;
      const char *s = SvPV ($input, len_in);
      size_t offset = 0;
      int rc = smtpreply_enhanced_parse (s, len_in, &temp, &offset);
      if (rc < 0)
        {
          smtpreply_perl_set_error (rc, offset);
          SWIG_fail;
        }
      $1 = &temp;
    }
}

%typemap(in, numinputs=0) struct smtpreply_enhanced_code *out
    (struct smtpreply_enhanced_code temp) {
  $1 = &temp;
}
%typemap(argout) struct smtpreply_enhanced_code *out {
  SMTPREPLY_PERL_PUSH (result == 0 ? smtpreply_perl_enhanced_code ($1)
                                   : newSV (0))
}

/* smtpreply_enhanced_format writes into a buffer of our own.  */
%typemap(in, numinputs=0) (char *buf, size_t size) (char temp[16]) {
  $1 = temp;
  $2 = sizeof temp;
}
%typemap(argout) (char *buf, size_t size) {
  SMTPREPLY_PERL_PUSH (result == 0 ? smtpreply_perl_text ($1) : newSV (0))
}

/* ------------------------------------------------------------------------
   Other out-parameters become return values.  */

%typemap(in, numinputs=0) int *code (int temp = 0) {
  $1 = &temp;
}
%typemap(argout) int *code {
  SMTPREPLY_PERL_PUSH (newSViv (*$1))
}

%typemap(in, numinputs=0) size_t *used (size_t temp = 0) {
  $1 = &temp;
}
%typemap(argout) size_t *used {
  SMTPREPLY_PERL_PUSH (newSVuv (*$1))
}

%typemap(in, numinputs=0) struct smtpreply_parser **out
    (struct smtpreply_parser *temp = NULL) {
  $1 = &temp;
}
%typemap(argout) struct smtpreply_parser **out {
  if (argvi >= items)
    EXTEND (sp, argvi + 1);
  ST (argvi) = SWIG_NewPointerObj (*$1, $*1_descriptor, 0);
  argvi++;
}

%typemap(in, numinputs=0) struct smtpreply_match *out
    (struct smtpreply_match temp) {
  memset (&temp, 0, sizeof temp);
  temp.size = sizeof temp;
  $1 = &temp;
}
%typemap(argout) struct smtpreply_match *out {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_match ($1))
}

%typemap(in, numinputs=0) const struct smtpreply_advice **out
    (const struct smtpreply_advice *temp = NULL) {
  $1 = ($1_ltype) &temp;
}
%typemap(argout) const struct smtpreply_advice **out {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_advice (*$1))
}

/* ------------------------------------------------------------------------
   Table entries and replies come out as hashes (copies: nothing in Perl
   points into the library).  */

%typemap(out) const struct smtpreply_digit * {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_digit ($1))
}
%typemap(out) const struct smtpreply_reply * {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_reply ($1))
}
%typemap(out) const struct smtpreply_enhanced * {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_enhanced ($1))
}
%typemap(out) const struct smtpreply_response * {
  SMTPREPLY_PERL_PUSH (smtpreply_perl_response ($1))
}

/* The typemaps above copy these structures into hashes and strings, so
   SWIG need not make Perl classes of them.  */
%ignore smtpreply_digit;
%ignore smtpreply_reply;
%ignore smtpreply_enhanced_code;
%ignore smtpreply_enhanced;
%ignore smtpreply_match;
%ignore smtpreply_advice;
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
/* The include guard is not a constant of the API.  */
%ignore SMTPREPLY_H;

%include "../smtpreply.i"

/* ------------------------------------------------------------------------
   Helpers of the Perl layer (defined in the block at the top).  */

SV *smtpreply__perl_feed (struct smtpreply_parser *p, const char *buf,
                          size_t len);
SV *smtpreply__perl_finish (struct smtpreply_parser *p);
SV *smtpreply__perl_error (int rc);

%perlcode %{
# SWIG has made SMTP::Reply::NAME an alias of each wrapper SMTP::Replyc::NAME
# above.  SMTP::Reply is the Perl API instead: drop the aliases (the wrappers
# stay in SMTP::Replyc, where the Perl layer calls them), then load it.
package SMTP::Reply;
for my $name (keys %SMTP::Replyc::) {
  no strict 'refs';
  delete $SMTP::Reply::{$name}
    if exists $SMTP::Reply::{$name} && defined &{"SMTP::Replyc::$name"};
}
# The methods of SWIG's proxy classes, which this module has none of.
delete @SMTP::Reply::{qw(TIEHASH CLEAR FIRSTKEY NEXTKEY FETCH STORE this)};
require SMTP::Reply::Native;
%}
