/* smtpreply-lua.i -- the Lua binding: the C module smtpreply.core.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   SWIG makes this file into smtpreply/core.so, for Lua 5.1, 5.2, 5.3,
   5.4 and LuaJIT.  It holds two things:

   - the low-level module: the functions of smtpreply.h that take and
     return plain values, with the prefix stripped (core.reply_lookup),
     byte strings in, out-parameters as results and errors as Lua's
     "nil, message, kind";
   - core.api, the functions and classes of the one contract (README.md),
     written here in C against the Lua API: smtpreply.lua documents them
     and hands them out.  Parsers, summaries and log records are objects
     that Lua owns, whose methods check that they are still open: no
     sequence of calls frees one twice or uses one freed.

   Conventions of both:
   - A function that fails returns nil, the message and the kind, the
     error's token (smtpreply_token_name (SMTPREPLY_TOKEN_ERROR, rc):
     "EBAD_CODE").  Reading a code or an enhanced code from a string adds
     the line (1) and the byte offset (from 0) of the byte that broke the
     rule.  A wrong type is a programming error and raises a Lua error,
     as the standard library does.
   - Raw server text, (const char *buf, size_t len), is any Lua string.
     Other strings may not hold a NUL byte: a language tag with one is
     EBAD_LANG, any other such string an argument error.
   - Numbers are Lua integers both ways; a number beyond the range of its
     C type saturates, so that an absurd code stays invalid instead of
     wrapping round to a valid one.  */

%module smtpreply_core

%{
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply/bounce.h"
#include "smtpreply.h"

/* require "smtpreply.core" calls this; SWIG defines it without a
   prototype.  */
int luaopen_smtpreply_core (lua_State *L);

/* ------------------------------------------------------------------------
   What differs between Lua 5.1 (and LuaJIT), 5.2, 5.3 and 5.4.  */

#ifndef LUA_VERSION_NUM
# error "Lua 5.1 or later is needed"
#endif
#if LUA_VERSION_NUM < 502 && !defined lua_rawlen
# define lua_rawlen lua_objlen
#endif
#if LUA_VERSION_NUM >= 504
# define new_userdata(L, size) lua_newuserdatauv (L, size, 0)
#else
# define new_userdata(L, size) lua_newuserdata (L, size)
#endif
#ifndef LUA_MAXINTEGER
# define LUA_MAXINTEGER PTRDIFF_MAX
# define LUA_MININTEGER PTRDIFF_MIN
#endif

/* Set the functions of REGS as fields of the table on the top of the
   stack (luaL_setfuncs without upvalues, which Lua 5.1 lacks).  */
static void
set_functions (lua_State *L, const luaL_Reg *regs)
{
  for (; regs->name != NULL; regs++)
    {
      lua_pushcfunction (L, regs->func);
      lua_setfield (L, -2, regs->name);
    }
}

/* ------------------------------------------------------------------------
   Arguments.  */

/* Return 1 and store in *OUT the number at IDX as an integer clamped to
   MIN..MAX, or return 0 if it is not a number or not integral.  */
static int
get_integer (lua_State *L, int idx, lua_Integer min, lua_Integer max,
             lua_Integer *out)
{
  if (lua_type (L, idx) != LUA_TNUMBER)
    return 0;
#if LUA_VERSION_NUM >= 503
  if (lua_isinteger (L, idx))
    {
      lua_Integer v = lua_tointeger (L, idx);
      *out = v < min ? min : v > max ? max : v;
      return 1;
    }
#endif
  lua_Number n = lua_tonumber (L, idx);
  if (n != n)
    return 0;
  /* Within lua_Integer's range a number must be whole; beyond it, every
     float is (or is an infinity).  */
  if (n >= (lua_Number) LUA_MININTEGER && n < -(lua_Number) LUA_MININTEGER
      && (lua_Number) (lua_Integer) n != n)
    return 0;
  if (n <= (lua_Number) min)
    *out = min;
  else if (n >= (lua_Number) max)
    *out = max;
  else
    *out = (lua_Integer) n;
  return 1;
}

/* Return the integer at IDX clamped to MIN..MAX, or raise an argument
   error.  */
static lua_Integer
check_integer (lua_State *L, int idx, lua_Integer min, lua_Integer max)
{
  lua_Integer v = 0;
  if (!get_integer (L, idx, min, max, &v))
    luaL_argerror (L, idx, lua_type (L, idx) == LUA_TNUMBER
                               ? "number has no integer representation"
                               : lua_pushfstring (L, "integer expected, "
                                                  "got %s",
                                                  luaL_typename (L, idx)));
  return v;
}

/* Raise the error of argument IDX, which should have been EXPECTED.  */
static int
type_error (lua_State *L, int idx, const char *expected)
{
  return luaL_argerror (L, idx,
                        lua_pushfstring (L, "%s expected, got %s", expected,
                                         luaL_typename (L, idx)));
}

/* Return the string at IDX (a string, not a number) and store its length
   in *LEN, or raise an argument error.  */
static const char *
check_bytes (lua_State *L, int idx, size_t *len)
{
  if (lua_type (L, idx) != LUA_TSTRING)
    type_error (L, idx, "string");
  return lua_tolstring (L, idx, len);
}

/* Return the string at IDX, which may not hold a NUL byte, or NULL if it
   is nil or absent; raise an argument error otherwise.  */
static const char *
opt_text (lua_State *L, int idx)
{
  if (lua_isnoneornil (L, idx))
    return NULL;
  size_t len;
  const char *s = check_bytes (L, idx, &len);
  if (strlen (s) != len)
    luaL_argerror (L, idx, "string contains a NUL byte");
  return s;
}

/* Return the string at IDX, which may not hold a NUL byte.  */
static const char *
check_text (lua_State *L, int idx)
{
  const char *s = opt_text (L, idx);
  if (s == NULL)
    type_error (L, idx, "string");
  return s;
}

/* Store in *LANG the language at IDX: NULL (the default) for nil or
   nothing, else the string.  Return 0, or SMTPREPLY_EBAD_LANG for a
   string with a NUL byte, which would otherwise be cut short to another
   tag.  Raise an argument error for another type.  */
static int
get_lang (lua_State *L, int idx, const char **lang)
{
  *lang = NULL;
  if (lua_isnoneornil (L, idx))
    return 0;
  size_t len;
  const char *s = check_bytes (L, idx, &len);
  if (strlen (s) != len)
    return SMTPREPLY_EBAD_LANG;
  *lang = s;
  return 0;
}

/* ------------------------------------------------------------------------
   Errors.  */

/* Push the kind of error RC, its token ("EBAD_CODE").  */
static void
push_kind (lua_State *L, int rc)
{
  const char *token = smtpreply_token_name (SMTPREPLY_TOKEN_ERROR, rc);
  if (token != NULL)
    lua_pushstring (L, token);
  else
    lua_pushfstring (L, "E%d", rc);
}

/* Push Lua's answer to the error RC: nil, the message in LANG (NULL: the
   default language), the kind.  Return 3, the number of values.  */
static int
push_error (lua_State *L, int rc, const char *lang)
{
  lua_pushnil (L);
  lua_pushstring (L, smtpreply_strerror_lang (rc, lang));
  push_kind (L, rc);
  return 3;
}

/* Push the answer to the error RC of reading one line of text: nil, the
   message in LANG, the kind, the line (1) and OFFSET.  Return 5.  */
static int
push_text_error (lua_State *L, int rc, const char *lang, size_t offset)
{
  push_error (L, rc, lang);
  lua_pushinteger (L, 1);
  lua_pushinteger (L, (lua_Integer) offset);
  return 5;
}

/* ------------------------------------------------------------------------
   Codes.  */

/* Push enhanced code *E as a string, "5.1.1".  */
static void
push_enhanced_string (lua_State *L, const struct smtpreply_enhanced_code *e)
{
  char buf[16];
  if (smtpreply_enhanced_format (e, buf, sizeof buf) == 0)
    lua_pushstring (L, buf);
  else
    lua_pushnil (L);
}

/* Read field NAME of the table at IDX, an integer, into an int.  */
static int
int_field (lua_State *L, int idx, const char *name)
{
  lua_getfield (L, idx, name);
  lua_Integer v = 0;
  if (!get_integer (L, -1, INT_MIN, INT_MAX, &v))
    luaL_argerror (L, idx, lua_pushfstring (L, "field '%s' must be an "
                                            "integer", name));
  lua_pop (L, 1);
  return (int) v;
}

/* Push enhanced code *E as a table {cls=, subject=, detail=}.  */
static void
push_enhanced_code (lua_State *L, const struct smtpreply_enhanced_code *e)
{
  lua_createtable (L, 0, 3);
  lua_pushinteger (L, e->cls);
  lua_setfield (L, -2, "cls");
  lua_pushinteger (L, e->subject);
  lua_setfield (L, -2, "subject");
  lua_pushinteger (L, e->detail);
  lua_setfield (L, -2, "detail");
}
%}

/* ------------------------------------------------------------------------
   The low-level module's typemaps.  Numbers: SWIG's own typemaps go
   through lua_Number, which would make 550 a float in Lua 5.3.  */

%typemap(in, checkfn="lua_isnumber") int
%{ $1 = (int) check_integer (L, $input, INT_MIN, INT_MAX); %}
%typemap(in, checkfn="lua_isnumber") unsigned int
%{ $1 = (unsigned int) check_integer (L, $input, 0, UINT_MAX); %}
%typemap(in, checkfn="lua_isnumber") size_t, unsigned long
%{ $1 = ($1_ltype) check_integer (L, $input, 0, LUA_MAXINTEGER); %}
%typemap(out) int, unsigned int, size_t, unsigned long, enum SWIGTYPE
%{ lua_pushinteger (L, (lua_Integer) $1); SWIG_arg++; %}

/* Strings may not hold a NUL byte, which would cut them short; a
   language tag with one is the error EBAD_LANG.  */
%typemap(in, checkfn="lua_isstring_or_nil") const char *
%{ $1 = ($1_ltype) opt_text (L, $input); %}
%typemap(in, checkfn="lua_isstring_or_nil") const char *lang
%{
  if (get_lang (L, $input, (const char **) &$1) < 0)
    return push_error (L, SMTPREPLY_EBAD_LANG, NULL);
%}
%{
#define lua_isstring_or_nil(L, idx) \
  (lua_type (L, idx) == LUA_TSTRING || lua_isnil (L, idx))
%}

/* Errors: a negative smtpreply_status is "nil, message, kind".  Success
   returns the out-parameters, pushed by their argout typemaps, or true
   when there are none.  */
%typemap(out) smtpreply_status
%{
  if ($1 < 0)
    return push_error (L, $1, NULL);
%}
%typemap(ret) smtpreply_status
%{
  if (SWIG_arg == 0)
    {
      lua_pushboolean (L, 1);
      SWIG_arg++;
    }
%}

/* The predicates: true or false.  */
%typemap(out) smtpreply_bool
%{ lua_pushboolean (L, $1 > 0); SWIG_arg++; %}

/* Bytes in: any Lua string, NUL bytes and all.  */
%typemap(in, checkfn="lua_isstring") (const char *buf, size_t len)
%{
  $2 = 0;
  $1 = ($1_ltype) check_bytes (L, $input, &$2);
%}
%apply (const char *buf, size_t len) { (const char *text, size_t len) };

/* smtpreply_code_parse: the code, or the error with the line (1) and the
   offset of the byte that broke the rule.  */
%typemap(in, numinputs=0) (int *code, size_t *error_offset)
  (int temp_code, size_t temp_offset)
%{
  temp_code = 0;
  temp_offset = 0;
  $1 = &temp_code;
  $2 = &temp_offset;
%}
%typemap(out) smtpreply_status smtpreply_code_parse,
              smtpreply_status smtpreply_enhanced_parse ""
%typemap(argout) (int *code, size_t *error_offset)
%{
  if (result < 0)
    return push_text_error (L, result, NULL, *$2);
  lua_pushinteger (L, *$1);
  SWIG_arg++;
%}

/* smtpreply_enhanced_parse: a table {cls=, subject=, detail=}, or the
   error with its line and offset.  */
%typemap(in, numinputs=0)
  (struct smtpreply_enhanced_code *out, size_t *error_offset)
  (struct smtpreply_enhanced_code temp_code, size_t temp_offset)
%{
  memset (&temp_code, 0, sizeof temp_code);
  temp_offset = 0;
  $1 = &temp_code;
  $2 = &temp_offset;
%}
%typemap(argout) (struct smtpreply_enhanced_code *out, size_t *error_offset)
%{
  if (result < 0)
    return push_text_error (L, result, NULL, *$2);
  push_enhanced_code (L, $1);
  SWIG_arg++;
%}

/* Enhanced codes given to C: a table {cls=, subject=, detail=}, or nil
   for NULL.  */
%typemap(in, checkfn="lua_istable_or_nil")
  const struct smtpreply_enhanced_code * (struct smtpreply_enhanced_code temp)
%{
  $1 = NULL;
  if (!lua_isnil (L, $input))
    {
      temp.cls = int_field (L, $input, "cls");
      temp.subject = int_field (L, $input, "subject");
      temp.detail = int_field (L, $input, "detail");
      $1 = &temp;
    }
%}
%{
#define lua_istable_or_nil(L, idx) (lua_istable (L, idx) || lua_isnil (L, idx))

%}

/* smtpreply_enhanced_format: the string.  */
%typemap(in, numinputs=0) (char *buf, size_t size) (char temp[16])
%{
  temp[0] = '\0';
  $1 = temp;
  $2 = sizeof temp;
%}
%typemap(argout) (char *buf, size_t size)
%{
  if (result == 0)
    {
      lua_pushstring (L, $1);
      SWIG_arg++;
    }
%}

/* smtpreply_display_safe: the safe text.  The buffer is a userdata, so
   that Lua's collector frees it even if pushing the result fails.  */
%typemap(in, checkfn="lua_isstring")
  (const char *buf, size_t len, char *out, size_t size, size_t *out_len)
  (size_t temp)
%{
  $2 = 0;
  $1 = ($1_ltype) check_bytes (L, $input, &$2);
  if ($2 > ((size_t) LUA_MAXINTEGER - 1) / 4)
    return luaL_argerror (L, $input, "string too long");
  $4 = 4 * $2 + 1;
  $3 = ($3_ltype) new_userdata (L, $4);
  temp = 0;
  $5 = &temp;
%}
%typemap(argout)
  (const char *buf, size_t len, char *out, size_t size, size_t *out_len)
%{
  if (result == 0)
    {
      lua_pushlstring (L, $3, *$5);
      SWIG_arg++;
    }
%}

/* smtpreply_advise: the static rule, which Lua never owns.  */
%typemap(in, numinputs=0) const struct smtpreply_advice **out
  ($*1_ltype temp)
%{
  temp = NULL;
  $1 = &temp;
%}
%typemap(argout) const struct smtpreply_advice **out
%{
  if (result == 0)
    {
      SWIG_NewPointerObj (L, (void *) *$1, $*1_descriptor, 0);
      SWIG_arg++;
    }
%}

/* smtpreply_token_at: the token, then its value.  */
%typemap(in, numinputs=0) (int *value) (int temp)
%{
  temp = 0;
  $1 = &temp;
%}
%typemap(argout) (int kind, size_t i, int *value)
%{
  if (result != NULL)
    {
      lua_pushinteger (L, *$3);
      SWIG_arg++;
    }
%}
/* smtpreply_token_value: the value.  */
%typemap(argout) (int kind, const char *name, int *value)
%{
  lua_pushinteger (L, *$3);
  SWIG_arg++;
%}

/* smtpreply_stage_find: the stage.  */
%typemap(in, numinputs=0) int *stage (int temp)
%{
  temp = 0;
  $1 = &temp;
%}
%typemap(argout) int *stage
%{
  lua_pushinteger (L, *$1);
  SWIG_arg++;
%}

/* Nothing in Lua makes or destroys the library's structs: the table
   entries are static, and the objects below own what the library
   allocates.  So no SWIG object owns memory, and none can be freed
   twice.  */
%nodefaultctor;
%nodefaultdtor;

/* The objects of core.api own the library's parsers, summaries and log
   records; a raw pointer in Lua could be freed twice or used after it was
   freed, so none of the functions taking one is wrapped.  */
%ignore smtpreply_parser_new;
%ignore smtpreply_parser_free;
%ignore smtpreply_parser_reset;
%ignore smtpreply_parser_set_limit;
%ignore smtpreply_parser_get_limit;
%ignore smtpreply_parser_set_strict;
%ignore smtpreply_parser_feed;
%ignore smtpreply_parser_finish;
%ignore smtpreply_parser_reply;
%ignore smtpreply_parser_error_offset;
%ignore smtpreply_parser_error_line;
%ignore smtpreply_response_code;
%ignore smtpreply_response_enhanced;
%ignore smtpreply_response_flags;
%ignore smtpreply_response_line;
%ignore smtpreply_response_line_count;
%ignore smtpreply_response_line_number;
%ignore smtpreply_response_message;
%ignore smtpreply_response_offset;
%ignore smtpreply_log_record_new;
%ignore smtpreply_log_record_free;
%ignore smtpreply_log_read;
%ignore smtpreply_log_record_match;
%ignore smtpreply_log_record_verdict;
%ignore smtpreply_log_record_outcome;
%ignore smtpreply_log_record_mta;
%ignore smtpreply_log_record_field;
%ignore smtpreply_log_record_json;
%ignore smtpreply_summary_new;
%ignore smtpreply_summary_free;
%ignore smtpreply_summary_add;
%ignore smtpreply_summary_add_lines;
%ignore smtpreply_summary_merge;
%ignore smtpreply_summary_lines;
%ignore smtpreply_summary_to_json;
%ignore smtpreply_summary_from_json;
%ignore smtpreply_summary_render;
/* The same holds for delivery status notifications, whose fields and
   replies live as long as the smtpreply_dsn that holds them: Lua gets
   them from bounce() (core.api.bounce), as tables.  */
%ignore smtpreply_dsn_parse;
%ignore smtpreply_dsn_free;
%ignore smtpreply_dsn_recipient_count;
%ignore smtpreply_dsn_field_count;
%ignore smtpreply_dsn_field_at;
%ignore smtpreply_dsn_field_find;
%ignore smtpreply_dsn_recipient_action;
%ignore smtpreply_dsn_recipient_status;
%ignore smtpreply_dsn_recipient_reply;
%ignore smtpreply_dsn_problem_count;
%ignore smtpreply_dsn_problem_at;
/* core.api.extract and core.api.classify return Lua tables of what the
   caller's struct would hold.  */
%ignore smtpreply_extract;
%ignore smtpreply_classify;
%ignore smtpreply_match;
%ignore smtpreply_verdict;

/* ------------------------------------------------------------------------
   core.api: the one contract, in C.  smtpreply.lua documents each
   function and class and hands it out as smtpreply.NAME.  */

%{
/* Return the language argument at IDX in *LANG, or push the error
   EBAD_LANG: return 0, or the number of values pushed.  */
static int
lang_arg (lua_State *L, int idx, const char **lang)
{
  if (get_lang (L, idx, lang) < 0)
    return push_error (L, SMTPREPLY_EBAD_LANG, NULL);
  return 0;
}

/* Push S, or nil if S is NULL.  */
static void
push_string_or_nil (lua_State *L, const char *s)
{
  if (s != NULL)
    lua_pushstring (L, s);
  else
    lua_pushnil (L);
}

/* Set field NAME of the table on the top of the stack to the string S
   (nothing if S is NULL), to the integer V, or to the boolean B.  */
static void
set_string (lua_State *L, const char *name, const char *s)
{
  if (s == NULL)
    return;
  lua_pushstring (L, s);
  lua_setfield (L, -2, name);
}

static void
set_integer (lua_State *L, const char *name, lua_Integer v)
{
  lua_pushinteger (L, v);
  lua_setfield (L, -2, name);
}

static void
set_boolean (lua_State *L, const char *name, int b)
{
  lua_pushboolean (L, b);
  lua_setfield (L, -2, name);
}

/* Read the reply code at IDX, an integer or a string of three digits,
   into *CODE.  Return 0, or push the error (with the line and offset for
   a string), its message in LANG, and return the number of values.  */
static int
code_arg (lua_State *L, int idx, const char *lang, int *code)
{
  int type = lua_type (L, idx);
  if (type == LUA_TSTRING)
    {
      size_t len;
      size_t offset = 0;
      const char *s = lua_tolstring (L, idx, &len);
      int rc = smtpreply_code_parse (s, len, code, &offset);
      if (rc < 0)
        return push_text_error (L, rc, lang, offset);
      return 0;
    }
  if (type != LUA_TNUMBER)
    type_error (L, idx, "number or string");
  *code = (int) check_integer (L, idx, INT_MIN, INT_MAX);
  int rc = smtpreply_code_check (*code);
  if (rc < 0)
    return push_error (L, rc, lang);
  return 0;
}

/* Read the enhanced code at IDX, a string "5.1.1" or a table {class=,
   subject=, detail=}, into *OUT.  Return 0, or push the error in LANG
   and return the number of values.  */
static int
enhanced_arg (lua_State *L, int idx, const char *lang,
              struct smtpreply_enhanced_code *out)
{
  int type = lua_type (L, idx);
  if (type == LUA_TSTRING)
    {
      size_t len;
      size_t offset = 0;
      const char *s = lua_tolstring (L, idx, &len);
      int rc = smtpreply_enhanced_parse (s, len, out, &offset);
      if (rc < 0)
        return push_text_error (L, rc, lang, offset);
      return 0;
    }
  if (type != LUA_TTABLE)
    type_error (L, idx, "string or table");
  out->cls = int_field (L, idx, "class");
  out->subject = int_field (L, idx, "subject");
  out->detail = int_field (L, idx, "detail");
  int rc = smtpreply_enhanced_check (out);
  if (rc < 0)
    return push_error (L, rc, lang);
  return 0;
}

/* Read the token of KIND at IDX into *VALUE: DEFAULT_VALUE for nil.
   Return 0, or push EINVAL (an unknown token) in LANG and return the
   number of values.  */
static int
token_arg (lua_State *L, int idx, int kind, int default_value,
           const char *lang, int *value)
{
  *value = default_value;
  const char *name = opt_text (L, idx);
  if (name == NULL)
    return 0;
  if (smtpreply_token_value (kind, name, value) < 0)
    return push_error (L, SMTPREPLY_EINVAL, lang);
  return 0;
}

/* Push digit entry D in LANG as {digit=, name=, title=, description=},
   or nil.  */
static void
push_digit (lua_State *L, const struct smtpreply_digit *d, const char *lang)
{
  if (d == NULL)
    {
      lua_pushnil (L);
      return;
    }
  lua_createtable (L, 0, 4);
  set_integer (L, "digit", d->digit);
  set_string (L, "name", d->name);
  set_string (L, "title", smtpreply_translate (d->title, lang));
  set_string (L, "description", smtpreply_translate (d->text, lang));
}

/* Push the reply-code entry R in LANG as a table.  */
static void
push_reply_entry (lua_State *L, const struct smtpreply_reply *r,
                  const char *lang)
{
  lua_createtable (L, 0, 9);
  set_integer (L, "code", r->code);
  set_string (L, "name", r->name);
  set_string (L, "title", smtpreply_translate (r->title, lang));
  set_string (L, "description", smtpreply_translate (r->text, lang));
  set_string (L, "status",
              smtpreply_token_name (SMTPREPLY_TOKEN_STATUS, r->status));
  set_string (L, "reference", r->reference);
  set_string (L, "context", r->context);
  set_integer (L, "class", r->code / 100);
  set_integer (L, "category", r->code / 10 % 10);
}

/* describe(code, lang): the description of a reply code, nil if it is
   not in the table, or an error.  */
static int
api_describe (lua_State *L)
{
  const char *lang;
  int code;
  int n = lang_arg (L, 2, &lang);
  if (n == 0)
    n = code_arg (L, 1, lang, &code);
  if (n > 0)
    return n;
  push_string_or_nil (L, smtpreply_reply_describe_lang (code, lang));
  return 1;
}

/* lookup(code, lang): the entry of a reply code, nil, or an error.  */
static int
api_lookup (lua_State *L)
{
  const char *lang;
  int code;
  int n = lang_arg (L, 2, &lang);
  if (n == 0)
    n = code_arg (L, 1, lang, &code);
  if (n > 0)
    return n;
  const struct smtpreply_reply *r = smtpreply_reply_lookup (code);
  if (r == NULL)
    lua_pushnil (L);
  else
    push_reply_entry (L, r, lang);
  return 1;
}

/* codes(lang): every entry of the table.  */
static int
api_codes (lua_State *L)
{
  const char *lang;
  int n = lang_arg (L, 1, &lang);
  if (n > 0)
    return n;
  size_t count = smtpreply_reply_count ();
  lua_createtable (L, (int) count, 0);
  for (size_t i = 0; i < count; i++)
    {
      push_reply_entry (L, smtpreply_reply_at (i), lang);
      lua_rawseti (L, -2, (int) i + 1);
    }
  return 1;
}

/* class(code, lang) and category(code, lang): the meaning of a digit of
   a valid code, which need not be in the table.  */
static int
digit_of_code (lua_State *L,
               const struct smtpreply_digit *(*fn) (int code))
{
  const char *lang;
  int code;
  int n = lang_arg (L, 2, &lang);
  if (n == 0)
    n = code_arg (L, 1, lang, &code);
  if (n > 0)
    return n;
  push_digit (L, fn (code), lang);
  return 1;
}

static int
api_class (lua_State *L)
{
  return digit_of_code (L, smtpreply_code_class);
}

static int
api_category (lua_State *L)
{
  return digit_of_code (L, smtpreply_code_category);
}

/* code_check(code): the code as an integer, or the error.  */
static int
api_code_check (lua_State *L)
{
  int code;
  int n = code_arg (L, 1, NULL, &code);
  if (n > 0)
    return n;
  lua_pushinteger (L, code);
  return 1;
}

/* The predicates: true or false for a valid code, an error for another.  */
static int
predicate (lua_State *L, smtpreply_bool (*fn) (int code))
{
  int code;
  int n = code_arg (L, 1, NULL, &code);
  if (n > 0)
    return n;
  lua_pushboolean (L, fn (code) > 0);
  return 1;
}

#define SMTPREPLY__LUA_PREDICATE(name)                                      \
  static int api_is_##name (lua_State *L)                                  \
  {                                                                         \
    return predicate (L, smtpreply_code_is_##name);                         \
  }
SMTPREPLY__LUA_PREDICATE (preliminary)
SMTPREPLY__LUA_PREDICATE (success)
SMTPREPLY__LUA_PREDICATE (intermediate)
SMTPREPLY__LUA_PREDICATE (transient)
SMTPREPLY__LUA_PREDICATE (permanent)
SMTPREPLY__LUA_PREDICATE (failure)
#undef SMTPREPLY__LUA_PREDICATE

/* parse_enhanced(e): {class=, subject=, detail=}, or the error.  */
static int
api_parse_enhanced (lua_State *L)
{
  struct smtpreply_enhanced_code e;
  int n = enhanced_arg (L, 1, NULL, &e);
  if (n > 0)
    return n;
  lua_createtable (L, 0, 3);
  set_integer (L, "class", e.cls);
  set_integer (L, "subject", e.subject);
  set_integer (L, "detail", e.detail);
  return 1;
}

/* describe_enhanced(e, lang): the registry's description, or that of the
   subject for a detail it does not list.  */
static int
api_describe_enhanced (lua_State *L)
{
  const char *lang;
  struct smtpreply_enhanced_code e;
  int n = lang_arg (L, 2, &lang);
  if (n == 0)
    n = enhanced_arg (L, 1, lang, &e);
  if (n > 0)
    return n;
  push_string_or_nil (L, smtpreply_enhanced_describe_lang (&e, lang));
  return 1;
}

/* Push the registry entry E in LANG, for the code "CODE" (whose class is
   CLS, or 0 for the registry's "X").  */
static void
push_enhanced_entry (lua_State *L, const struct smtpreply_enhanced *e,
                     int cls, const char *lang)
{
  lua_createtable (L, 0, 10);
  if (cls != 0)
    {
      struct smtpreply_enhanced_code c = { cls, e->subject, e->detail };
      push_enhanced_string (L, &c);
      lua_setfield (L, -2, "code");
      set_integer (L, "class", cls);
    }
  else
    {
      lua_pushfstring (L, "X.%d.%d", e->subject, e->detail);
      lua_setfield (L, -2, "code");
    }
  set_integer (L, "subject", e->subject);
  set_integer (L, "detail", e->detail);
  set_string (L, "name", e->name);
  set_string (L, "title", smtpreply_translate (e->title, lang));
  set_string (L, "description", smtpreply_translate (e->text, lang));
  set_string (L, "status",
              smtpreply_token_name (SMTPREPLY_TOKEN_STATUS, e->status));
  set_string (L, "reference", e->reference);
  set_string (L, "basic_codes", e->basic_codes);
}

/* lookup_enhanced(e, lang): the registry's entry, nil if it does not
   list the code, or the error.  */
static int
api_lookup_enhanced (lua_State *L)
{
  const char *lang;
  struct smtpreply_enhanced_code e;
  int n = lang_arg (L, 2, &lang);
  if (n == 0)
    n = enhanced_arg (L, 1, lang, &e);
  if (n > 0)
    return n;
  const struct smtpreply_enhanced *entry
      = smtpreply_enhanced_lookup (e.subject, e.detail);
  if (entry == NULL)
    lua_pushnil (L);
  else
    push_enhanced_entry (L, entry, e.cls, lang);
  return 1;
}

/* enhanced_codes(lang): every detail of the registry.  */
static int
api_enhanced_codes (lua_State *L)
{
  const char *lang;
  int n = lang_arg (L, 1, &lang);
  if (n > 0)
    return n;
  size_t count = smtpreply_enhanced_count ();
  lua_createtable (L, (int) count, 0);
  for (size_t i = 0; i < count; i++)
    {
      push_enhanced_entry (L, smtpreply_enhanced_at (i), 0, lang);
      lua_rawseti (L, -2, (int) i + 1);
    }
  return 1;
}

/* enhanced_agrees(code, e): whether their classes agree.  */
static int
api_enhanced_agrees (lua_State *L)
{
  int code;
  struct smtpreply_enhanced_code e;
  int n = code_arg (L, 1, NULL, &code);
  if (n == 0)
    n = enhanced_arg (L, 2, NULL, &e);
  if (n > 0)
    return n;
  lua_pushboolean (L, smtpreply_enhanced_agrees (code, &e) > 0);
  return 1;
}

/* Push advice A in LANG as {action=, rule=, text=}, or nil.  */
static void
push_advice (lua_State *L, const struct smtpreply_advice *a,
             const char *lang)
{
  if (a == NULL)
    {
      lua_pushnil (L);
      return;
    }
  lua_createtable (L, 0, 3);
  set_string (L, "action",
              smtpreply_token_name (SMTPREPLY_TOKEN_ACTION, a->action));
  set_string (L, "rule", a->rule);
  set_string (L, "text", smtpreply_translate (a->text, lang));
}

/* advise(code, e, stage, lang): {action=, rule=, text=}, or the error.
   CODE may be nil (or 0) when only an enhanced code is known.  */
static int
api_advise (lua_State *L)
{
  const char *lang;
  int code = 0;
  struct smtpreply_enhanced_code e;
  const struct smtpreply_enhanced_code *ep = NULL;
  int stage;
  int n = lang_arg (L, 4, &lang);
  if (n == 0 && !lua_isnil (L, 1)
      && !(lua_type (L, 1) == LUA_TNUMBER && lua_tonumber (L, 1) == 0))
    n = code_arg (L, 1, lang, &code);
  if (n == 0 && !lua_isnoneornil (L, 2))
    {
      n = enhanced_arg (L, 2, lang, &e);
      ep = &e;
    }
  if (n == 0)
    n = token_arg (L, 3, SMTPREPLY_TOKEN_STAGE, SMTPREPLY_STAGE_ANY, lang,
                   &stage);
  if (n > 0)
    return n;
  const struct smtpreply_advice *a = NULL;
  int rc = smtpreply_advise (code, ep, stage, &a);
  if (rc < 0)
    return push_error (L, rc, lang);
  push_advice (L, a, lang);
  return 1;
}

/* extract(text): what smtpreply_extract found, or nil.  */
static int
api_extract (lua_State *L)
{
  size_t len;
  const char *s = check_bytes (L, 1, &len);
  struct smtpreply_match m;
  memset (&m, 0, sizeof m);
  m.size = sizeof m;
  int rc = smtpreply_extract (s, len, &m);
  if (rc < 0)
    return push_error (L, rc, NULL);
  if (m.found == 0)
    {
      lua_pushnil (L);
      return 1;
    }
  lua_createtable (L, 0, 9);
  if (m.found & SMTPREPLY_MATCH_CODE)
    {
      set_integer (L, "code", m.code);
      set_integer (L, "code_offset", (lua_Integer) m.code_offset);
    }
  if (m.found & SMTPREPLY_MATCH_ENHANCED)
    {
      push_enhanced_string (L, &m.enhanced);
      lua_setfield (L, -2, "enhanced");
      set_integer (L, "enhanced_offset", (lua_Integer) m.enhanced_offset);
      set_integer (L, "enhanced_length", (lua_Integer) m.enhanced_length);
    }
  set_integer (L, "text_offset", (lua_Integer) m.text_offset);
  size_t start = m.text_offset < len ? m.text_offset : len;
  lua_pushlstring (L, s + start, len - start);
  lua_setfield (L, -2, "text");
  set_boolean (L, "nonstandard", (m.found & SMTPREPLY_MATCH_NONSTANDARD) != 0);
  set_boolean (L, "last_line", (m.found & SMTPREPLY_MATCH_LAST_LINE) != 0);
  return 1;
}

/* Push reason R in LANG as {name=, title=, description=, severity=,
   remedy=}, or nil.  */
static void
push_reason (lua_State *L, const struct smtpreply_reason *r, const char *lang)
{
  if (r == NULL)
    {
      lua_pushnil (L);
      return;
    }
  lua_createtable (L, 0, 5);
  set_string (L, "name", r->name);
  set_string (L, "title", smtpreply_translate (r->title, lang));
  set_string (L, "description", smtpreply_translate (r->text, lang));
  set_string (L, "severity",
              smtpreply_token_name (SMTPREPLY_TOKEN_SEVERITY, r->severity));
  set_string (L, "remedy",
              smtpreply_token_name (SMTPREPLY_TOKEN_REMEDY, r->remedy));
}

/* reasons(lang): every reason.  */
static int
api_reasons (lua_State *L)
{
  const char *lang;
  int n = lang_arg (L, 1, &lang);
  if (n > 0)
    return n;
  size_t count = smtpreply_reason_count ();
  lua_createtable (L, (int) count, 0);
  for (size_t i = 0; i < count; i++)
    {
      push_reason (L, smtpreply_reason_at (i), lang);
      lua_rawseti (L, -2, (int) i + 1);
    }
  return 1;
}

/* lookup_reason(name, lang): the reason, or nil.  */
static int
api_lookup_reason (lua_State *L)
{
  const char *lang;
  const char *name = check_text (L, 1);
  int n = lang_arg (L, 2, &lang);
  if (n > 0)
    return n;
  push_reason (L, smtpreply_reason_lookup (name), lang);
  return 1;
}

/* Push rule R as a table of its fields, or nil.  */
static void
push_rule (lua_State *L, const struct smtpreply_rule *r)
{
  if (r == NULL)
    {
      lua_pushnil (L);
      return;
    }
  lua_createtable (L, 0, 10);
  set_string (L, "id", r->id);
  set_string (L, "reason", r->reason != NULL ? r->reason->name : NULL);
  set_integer (L, "priority", r->priority);
  set_string (L, "code", r->code);
  set_string (L, "enhanced", r->enhanced);
  set_string (L, "stages", r->stages);
  set_string (L, "mta", r->mta);
  set_string (L, "phrase", r->phrase);
  set_string (L, "source", r->source);
  set_string (L, "severity", r->severity);
}

/* rules(): every rule, in the order of rules.def.  */
static int
api_rules (lua_State *L)
{
  size_t count = smtpreply_rule_count ();
  lua_createtable (L, (int) count, 0);
  for (size_t i = 0; i < count; i++)
    {
      push_rule (L, smtpreply_rule_at (i));
      lua_rawseti (L, -2, (int) i + 1);
    }
  return 1;
}

/* lookup_rule(id): the rule, or nil.  */
static int
api_lookup_rule (lua_State *L)
{
  push_rule (L, smtpreply_rule_lookup (check_text (L, 1)));
  return 1;
}

/* Push the sentence explaining verdict V in LANG.  */
static void
push_explanation (lua_State *L, const struct smtpreply_verdict *v,
                  const char *lang)
{
  char small[512];
  size_t len = 0;
  int rc = smtpreply_verdict_explain (v, lang, small, sizeof small, &len);
  if (rc == 0)
    {
      lua_pushlstring (L, small, len);
      return;
    }
  if (rc != SMTPREPLY_ENOSPC)
    {
      lua_pushnil (L);
      return;
    }
  char *big = new_userdata (L, len + 1);
  rc = smtpreply_verdict_explain (v, lang, big, len + 1, &len);
  lua_pushlstring (L, big, rc == 0 ? len : 0);
  lua_remove (L, -2);
}

/* Push verdict V as the table classify returns, its texts in LANG.  */
static void
push_verdict (lua_State *L, const struct smtpreply_verdict *v,
              const char *lang)
{
  lua_createtable (L, 0, 10);
  if (v->reason != NULL)
    {
      set_string (L, "reason", v->reason->name);
      set_string (L, "reason_title",
                  smtpreply_translate (v->reason->title, lang));
      set_string (L, "reason_text",
                  smtpreply_translate (v->reason->text, lang));
    }
  if (v->soft >= 0)
    set_boolean (L, "soft", v->soft);
  if (v->rule != NULL)
    set_string (L, "rule", v->rule->id);
  push_explanation (L, v, lang);
  lua_setfield (L, -2, "explanation");
  push_advice (L, v->advice, lang);
  lua_setfield (L, -2, "advice");
  if (v->code != 0)
    set_integer (L, "code", v->code);
  if (v->has_enhanced)
    {
      push_enhanced_string (L, &v->enhanced);
      lua_setfield (L, -2, "enhanced");
    }
  set_string (L, "stage",
              smtpreply_token_name (SMTPREPLY_TOKEN_STAGE, v->stage));
}

/* classify(text, options): the verdict on a failure.  OPTIONS may hold
   code, enhanced, stage, remote_mta and lang.  */
static int
api_classify (lua_State *L)
{
  size_t len = 0;
  const char *text = NULL;
  if (!lua_isnoneornil (L, 1))
    text = check_bytes (L, 1, &len);
  int code = 0;
  struct smtpreply_enhanced_code e;
  const struct smtpreply_enhanced_code *ep = NULL;
  int stage = SMTPREPLY_STAGE_ANY;
  const char *remote_mta = NULL;
  const char *lang = NULL;
  int n = 0;
  if (!lua_isnoneornil (L, 2))
    {
      luaL_checktype (L, 2, LUA_TTABLE);
      lua_settop (L, 2);
      lua_getfield (L, 2, "lang");           /* 3 */
      lua_getfield (L, 2, "code");           /* 4 */
      lua_getfield (L, 2, "enhanced");       /* 5 */
      lua_getfield (L, 2, "stage");          /* 6 */
      lua_getfield (L, 2, "remote_mta");     /* 7 */
      n = lang_arg (L, 3, &lang);
      if (n == 0 && !lua_isnil (L, 4))
        n = code_arg (L, 4, lang, &code);
      if (n == 0 && !lua_isnil (L, 5))
        {
          n = enhanced_arg (L, 5, lang, &e);
          ep = &e;
        }
      if (n == 0)
        n = token_arg (L, 6, SMTPREPLY_TOKEN_STAGE, SMTPREPLY_STAGE_ANY,
                       lang, &stage);
      if (n == 0)
        remote_mta = opt_text (L, 7);
    }
  if (n > 0)
    return n;
  struct smtpreply_verdict v;
  memset (&v, 0, sizeof v);
  v.size = sizeof v;
  int rc = smtpreply_classify (code, ep, text, len, stage, remote_mta, &v);
  if (rc < 0)
    return push_error (L, rc, lang);
  push_verdict (L, &v, lang);
  return 1;
}

/* languages(): the installed catalogs.  */
static int
api_languages (lua_State *L)
{
  size_t count = smtpreply_language_count ();
  lua_createtable (L, (int) count, 0);
  for (size_t i = 0; i < count; i++)
    {
      lua_pushstring (L, smtpreply_language_at (i));
      lua_rawseti (L, -2, (int) i + 1);
    }
  return 1;
}

/* resolve_language(lang): the catalog LANG resolves to, "en" if none.  */
static int
api_resolve_language (lua_State *L)
{
  const char *lang;
  int n = lang_arg (L, 1, &lang);
  if (n > 0)
    return n;
  lua_pushstring (L, smtpreply_language_resolve (lang));
  return 1;
}

/* negotiate_language(accept): the catalog for an Accept-Language.  */
static int
api_negotiate_language (lua_State *L)
{
  size_t len;
  const char *accept = check_bytes (L, 1, &len);
  if (strlen (accept) != len)
    return push_error (L, SMTPREPLY_EBAD_LANG, NULL);
  lua_pushstring (L, smtpreply_language_negotiate (accept));
  return 1;
}

/* reset_language(): read the default language again.  */
static int
api_reset_language (lua_State *L)
{
  (void) L;
  smtpreply_language_reset ();
  return 0;
}

/* Push true, or the error RC: the answer of a check.  */
static int
push_check (lua_State *L, int rc)
{
  if (rc < 0)
    return push_error (L, rc, NULL);
  lua_pushboolean (L, 1);
  return 1;
}

/* check_language(lang): why LANG resolves to English.  */
static int
api_check_language (lua_State *L)
{
  const char *lang;
  int n = lang_arg (L, 1, &lang);
  if (n > 0)
    return n;
  return push_check (L, smtpreply_language_check (lang));
}

/* check_catalog(lang): whether the catalog of one tag is usable.  */
static int
api_check_catalog (lua_State *L)
{
  const char *lang;
  if (lua_isnoneornil (L, 1))
    type_error (L, 1, "string");
  int n = lang_arg (L, 1, &lang);
  if (n > 0)
    return n;
  return push_check (L, smtpreply_catalog_check (lang));
}

/* translate(msgid, lang, context): one of the library's strings.  */
static int
api_translate (lua_State *L)
{
  const char *msgid = check_text (L, 1);
  const char *context = opt_text (L, 3);
  const char *lang;
  int n = lang_arg (L, 2, &lang);
  if (n > 0)
    return n;
  if (context != NULL)
    lua_pushstring (L, smtpreply_translate_context (context, msgid, lang));
  else
    lua_pushstring (L, smtpreply_translate (msgid, lang));
  return 1;
}

/* translate_plural(msgid, plural, n, lang): the form for the count N.  */
static int
api_translate_plural (lua_State *L)
{
  const char *msgid = check_text (L, 1);
  const char *plural = check_text (L, 2);
  unsigned long count
      = (unsigned long) check_integer (L, 3, 0, LUA_MAXINTEGER);
  const char *lang;
  int n = lang_arg (L, 4, &lang);
  if (n > 0)
    return n;
  lua_pushstring (L, smtpreply_translate_plural (msgid, plural, count, lang));
  return 1;
}

/* strerror(kind, lang): the message of an error kind, or nil.  */
static int
api_strerror (lua_State *L)
{
  const char *kind = check_text (L, 1);
  const char *lang;
  int n = lang_arg (L, 2, &lang);
  if (n > 0)
    return n;
  int rc;
  if (smtpreply_token_value (SMTPREPLY_TOKEN_ERROR, kind, &rc) < 0)
    lua_pushnil (L);
  else
    lua_pushstring (L, smtpreply_strerror_lang (rc, lang));
  return 1;
}
%}

/* ------------------------------------------------------------------------
   The parser.  Parser.new (OPTIONS) makes a userdata that owns a C
   parser; feed and finish run smtpreply_parser_scan over the bytes and
   return the list of its events, replies and errors, in the order of
   the stream.  A reply is a userdata holding one copy of its bytes (the
   lines joined by LF, which no line holds) and its fields; its lines and
   text are made when they are read.  An error is a table.  */

%{
#define PARSER_TYPE "smtpreply.Parser"
#define REPLY_TYPE "smtpreply.Reply"
#define PARSE_ERROR_TYPE "smtpreply.ParseError"

/* A parser as Lua owns it.  */
struct lua_parser
{
  struct smtpreply_parser *p; /* NULL once closed */
  char *lang;                 /* the language of the errors, or NULL */
  int busy;                   /* a scan is running */
};

/* A reply: its fields, then LINE_COUNT uint32_t, the offset of each
   line's message after its enhanced code, then the TEXT_LEN bytes of the
   lines joined by LF.  */
struct lua_reply
{
  int code;
  int has_enhanced;
  struct smtpreply_enhanced_code enhanced;
  unsigned int flags;
  size_t offset;
  size_t line;
  size_t line_count;
  size_t text_len;
};

/* Return the message offsets and the bytes of reply R.  */
static uint32_t *
reply_skips (struct lua_reply *r)
{
  return (uint32_t *) (r + 1);
}

static const char *
reply_bytes (struct lua_reply *r)
{
  return (const char *) (reply_skips (r) + r->line_count);
}

/* What the scan callback needs: the parser and the bytes, the stack
   indexes of the list of events and of the metatables in scan_protected,
   the number of events so far, and the language of the messages.  */
struct scan_state
{
  lua_State *L;
  int list;
  int reply_mt;
  int error_mt;
  lua_Integer count;
  const char *lang;
  struct smtpreply_parser *p;
  const char *buf;
  size_t len;
  int finish;
};

/* Push reply R as a userdata with metatable at index MT.  */
static void
push_reply (lua_State *L, const struct smtpreply_response *r, int mt)
{
  size_t count = smtpreply_response_line_count (r);
  size_t bytes = count > 0 ? count - 1 : 0;
  for (size_t i = 0; i < count; i++)
    {
      size_t len = 0;
      smtpreply_response_line (r, i, &len);
      bytes += len;
    }
  struct lua_reply *lr
      = new_userdata (L, sizeof *lr + count * sizeof (uint32_t) + bytes);
  lr->code = smtpreply_response_code (r);
  const struct smtpreply_enhanced_code *e = smtpreply_response_enhanced (r);
  lr->has_enhanced = e != NULL;
  if (e != NULL)
    lr->enhanced = *e;
  lr->flags = smtpreply_response_flags (r);
  lr->offset = smtpreply_response_offset (r);
  lr->line = smtpreply_response_line_number (r);
  lr->line_count = count;
  lr->text_len = bytes;
  uint32_t *skips = reply_skips (lr);
  char *out = (char *) (skips + count);
  for (size_t i = 0; i < count; i++)
    {
      size_t len = 0;
      size_t message_len = 0;
      const char *line = smtpreply_response_line (r, i, &len);
      const char *message = smtpreply_response_message (r, i, &message_len);
      skips[i] = (uint32_t) (message - line);
      if (i > 0)
        *out++ = '\n';
      memcpy (out, line, len);
      out += len;
    }
  lua_pushvalue (L, mt);
  lua_setmetatable (L, -2);
}

/* Push parse error RC of parser P as a table {is_error=true, kind=,
   message=, line=, offset=} with metatable at index MT.  */
static void
push_parse_error (lua_State *L, const struct smtpreply_parser *p, int rc,
                  const char *lang, int mt)
{
  lua_createtable (L, 0, 5);
  set_boolean (L, "is_error", 1);
  push_kind (L, rc);
  lua_setfield (L, -2, "kind");
  set_string (L, "message", smtpreply_strerror_lang (rc, lang));
  set_integer (L, "line", (lua_Integer) smtpreply_parser_error_line (p));
  set_integer (L, "offset", (lua_Integer) smtpreply_parser_error_offset (p));
  lua_pushvalue (L, mt);
  lua_setmetatable (L, -2);
}

/* The scan callback: append reply R, or the error ERROR, to the list.
   Allocations may raise a Lua error, which scan_protected catches.  */
static int
scan_event (void *ctx, struct smtpreply_parser *p,
            const struct smtpreply_response *r, int error)
{
  struct scan_state *s = ctx;
  if (r != NULL)
    push_reply (s->L, r, s->reply_mt);
  else
    push_parse_error (s->L, p, error, s->lang, s->error_mt);
  lua_rawseti (s->L, s->list, (int) ++s->count);
  return 0;
}

/* Run the scan of the state at index 1 (a light userdata), appending
   to the list at index 2 events made with the metatables at 3 (replies)
   and 4 (errors).  It runs as a protected call, so that a memory error
   cannot leave the parser marked busy.  */
static int
scan_protected (lua_State *L)
{
  struct scan_state *s = lua_touserdata (L, 1);
  s->L = L;
  s->list = 2;
  s->reply_mt = 3;
  s->error_mt = 4;
  int rc = smtpreply_parser_scan (s->p, s->buf, s->len, s->finish,
                                  scan_event, s, NULL);
  if (rc < 0)
    return luaL_error (L, "smtpreply: %s",
                       smtpreply_strerror_lang (rc, NULL));
  return 0;
}

/* Return the open parser at IDX, or raise an error.  */
static struct lua_parser *
check_parser (lua_State *L, int idx)
{
  struct lua_parser *lp = luaL_checkudata (L, idx, PARSER_TYPE);
  if (lp->p == NULL)
    luaL_error (L, "smtpreply: the parser is closed");
  if (lp->busy)
    luaL_error (L, "smtpreply: the parser is busy");
  return lp;
}

/* Feed the LEN bytes at BUF to the parser at index 1, ending the stream
   if FINISH, and return 1: the list of events.  */
static int
parser_scan (lua_State *L, const char *buf, size_t len, int finish)
{
  struct lua_parser *lp = check_parser (L, 1);
  struct scan_state s;
  memset (&s, 0, sizeof s);
  s.p = lp->p;
  s.buf = buf;
  s.len = len;
  s.finish = finish;
  s.lang = lp->lang;
  lua_settop (L, 2);
  lua_newtable (L);                         /* 3: the events */
  luaL_getmetatable (L, REPLY_TYPE);        /* 4 */
  luaL_getmetatable (L, PARSE_ERROR_TYPE);  /* 5 */
  lua_pushcfunction (L, scan_protected);
  lua_pushlightuserdata (L, &s);
  lua_pushvalue (L, 3);
  lua_pushvalue (L, 4);
  lua_pushvalue (L, 5);
  lp->busy = 1;
  int status = lua_pcall (L, 4, 0, 0);
  lp->busy = 0;
  if (status != 0)
    {
      /* The events made so far and the bytes after them are lost: start
         a new stream rather than go on from an unknown place.  */
      smtpreply_parser_reset (lp->p);
      return lua_error (L);
    }
  lua_settop (L, 3);
  return 1;
}

/* parser:feed(data): the events the bytes completed.  */
static int
parser_feed (lua_State *L)
{
  check_parser (L, 1);
  size_t len;
  const char *buf = check_bytes (L, 2, &len);
  return parser_scan (L, buf, len, 0);
}

/* parser:finish(): the events of the end of the stream.  */
static int
parser_finish (lua_State *L)
{
  return parser_scan (L, NULL, 0, 1);
}

/* parser:reset(): forget the stream.  */
static int
parser_reset (lua_State *L)
{
  struct lua_parser *lp = check_parser (L, 1);
  smtpreply_parser_reset (lp->p);
  return 0;
}

/* parser:close(), and the collector: free the C parser, once.  */
static int
parser_close (lua_State *L)
{
  struct lua_parser *lp = luaL_checkudata (L, 1, PARSER_TYPE);
  if (lp->busy)
    return luaL_error (L, "smtpreply: the parser is busy");
  smtpreply_parser_free (lp->p);
  lp->p = NULL;
  free (lp->lang);
  lp->lang = NULL;
  return 0;
}

/* parser:limit(name): the limit of that option's name.  */
static int
parser_limit (lua_State *L)
{
  struct lua_parser *lp = check_parser (L, 1);
  int which;
  int n = token_arg (L, 2, SMTPREPLY_TOKEN_LIMIT, -1, lp->lang, &which);
  if (n > 0)
    return n;
  if (which < 0)
    type_error (L, 2, "string");
  lua_pushinteger (L, (lua_Integer) smtpreply_parser_get_limit (lp->p,
                                                                which));
  return 1;
}

/* Return the mask of the flags named by the value at IDX: true (all),
   false, a token, a list of tokens or a set {TOKEN = true}; store it in
   *MASK and return 0, or return SMTPREPLY_EINVAL for an unknown token.  */
static int
strict_mask (lua_State *L, int idx, unsigned int *mask)
{
  *mask = 0;
  int value;
  switch (lua_type (L, idx))
    {
    case LUA_TNIL:
      return 0;
    case LUA_TBOOLEAN:
      *mask = lua_toboolean (L, idx) ? smtpreply_flag_all () : 0;
      return 0;
    case LUA_TSTRING:
      if (smtpreply_token_value (SMTPREPLY_TOKEN_FLAG, check_text (L, idx),
                                 &value) < 0)
        return SMTPREPLY_EINVAL;
      *mask = (unsigned int) value;
      return 0;
    case LUA_TTABLE:
      break;
    default:
      type_error (L, idx, "boolean, string or table");
    }
  int t = lua_gettop (L) + 1;
  lua_pushnil (L);
  while (lua_next (L, idx) != 0)
    {
      /* A list holds tokens; a set holds true under a token.  */
      int key = lua_type (L, -2) == LUA_TSTRING;
      if (key ? lua_toboolean (L, -1) : 1)
        {
          if (smtpreply_token_value (SMTPREPLY_TOKEN_FLAG,
                                     check_text (L, key ? -2 : -1), &value)
              < 0)
            {
              lua_settop (L, t - 1);
              return SMTPREPLY_EINVAL;
            }
          *mask |= (unsigned int) value;
        }
      lua_pop (L, 1);
    }
  return 0;
}

/* Parser.new(options): a parser with the options max_line_length,
   max_lines, max_reply_bytes, strict and lang; or nil, message, kind
   for a value out of range or an unknown flag.  */
static int
parser_new (lua_State *L)
{
  if (!lua_isnoneornil (L, 1))
    luaL_checktype (L, 1, LUA_TTABLE);
  lua_settop (L, 1);
  struct lua_parser *lp = new_userdata (L, sizeof *lp);   /* 2 */
  memset (lp, 0, sizeof *lp);
  luaL_getmetatable (L, PARSER_TYPE);
  lua_setmetatable (L, -2);
  int rc = smtpreply_parser_new (&lp->p);
  if (rc < 0)
    return push_error (L, rc, NULL);
  if (lua_isnil (L, 1))
    return 1;

  lua_getfield (L, 1, "lang");                             /* 3 */
  const char *lang;
  int n = lang_arg (L, 3, &lang);
  if (n > 0)
    return n;
  if (lang != NULL)
    {
      lp->lang = strdup (lang);
      if (lp->lang == NULL)
        return push_error (L, SMTPREPLY_ENOMEM, NULL);
    }
  lua_pushnil (L);
  while (lua_next (L, 1) != 0)
    {
      const char *key = lua_type (L, -2) == LUA_TSTRING
                            ? lua_tostring (L, -2) : NULL;
      int which;
      if (key != NULL && strcmp (key, "lang") == 0)
        ;
      else if (key != NULL && strcmp (key, "strict") == 0)
        {
          unsigned int mask;
          rc = strict_mask (L, lua_gettop (L), &mask);
          if (rc == 0)
            rc = smtpreply_parser_set_strict (lp->p, mask);
          if (rc < 0)
            return push_error (L, rc, lp->lang);
        }
      else if (key != NULL
               && smtpreply_token_value (SMTPREPLY_TOKEN_LIMIT, key, &which)
                      == 0)
        {
          lua_Integer v = 0;
          if (!get_integer (L, -1, 0, LUA_MAXINTEGER, &v))
            return luaL_error (L, "bad option '%s' to 'new' (integer "
                               "expected, got %s)", key,
                               luaL_typename (L, -1));
          rc = smtpreply_parser_set_limit (lp->p, which, (size_t) v);
          if (rc < 0)
            return push_error (L, rc, lp->lang);
        }
      else
        return luaL_error (L, "bad argument #1 to 'new' (unknown option "
                           "'%s')", key != NULL ? key : "?");
      lua_pop (L, 1);
    }
  lua_settop (L, 2);
  return 1;
}

/* parser's __tostring.  */
static int
parser_tostring (lua_State *L)
{
  struct lua_parser *lp = luaL_checkudata (L, 1, PARSER_TYPE);
  lua_pushfstring (L, PARSER_TYPE " (%s)", lp->p != NULL ? "open" : "closed");
  return 1;
}

/* Push the lines of reply R as a list.  */
static void
push_reply_lines (lua_State *L, struct lua_reply *r)
{
  lua_createtable (L, (int) r->line_count, 0);
  const char *s = reply_bytes (r);
  const char *end = s + r->text_len;
  for (size_t i = 0; i < r->line_count; i++)
    {
      const char *lf = memchr (s, '\n', (size_t) (end - s));
      const char *stop = lf != NULL ? lf : end;
      lua_pushlstring (L, s, (size_t) (stop - s));
      lua_rawseti (L, -2, (int) i + 1);
      s = stop + 1;
    }
}

/* Push the text of reply R: its lines without their enhanced codes,
   joined by LF.  */
static void
push_reply_text (lua_State *L, struct lua_reply *r)
{
  uint32_t *skips = reply_skips (r);
  const char *s = reply_bytes (r);
  const char *end = s + r->text_len;
  luaL_Buffer b;
  luaL_buffinit (L, &b);
  for (size_t i = 0; i < r->line_count; i++)
    {
      const char *lf = memchr (s, '\n', (size_t) (end - s));
      const char *stop = lf != NULL ? lf : end;
      if (i > 0)
        luaL_addchar (&b, '\n');
      luaL_addlstring (&b, s + skips[i], (size_t) (stop - s) - skips[i]);
      s = stop + 1;
    }
  luaL_pushresult (&b);
}

/* Push the flags of reply R as a set of tokens {BARE_LF = true}.  */
static void
push_flags (lua_State *L, unsigned int flags)
{
  lua_newtable (L);
  for (unsigned int bit = 1; bit != 0 && bit <= flags; bit <<= 1)
    if (flags & bit)
      {
        lua_pushboolean (L, 1);
        lua_setfield (L, -2, smtpreply_flag_name (bit));
      }
}

/* A reply's __index: its fields, made when read.  The upvalue is the
   metatable of replies, which the userdata must have.  */
static int
reply_index (lua_State *L)
{
  if (!lua_getmetatable (L, 1) || !lua_rawequal (L, -1, lua_upvalueindex (1)))
    return type_error (L, 1, REPLY_TYPE);
  struct lua_reply *r = lua_touserdata (L, 1);
  size_t len = 0;
  const char *key = lua_type (L, 2) == LUA_TSTRING
                        ? lua_tolstring (L, 2, &len) : "";
  switch (len)
    {
    case 4:
      if (memcmp (key, "code", 4) == 0)
        {
          lua_pushinteger (L, r->code);
          return 1;
        }
      if (memcmp (key, "text", 4) == 0)
        {
          push_reply_text (L, r);
          return 1;
        }
      if (memcmp (key, "line", 4) == 0)
        {
          lua_pushinteger (L, (lua_Integer) r->line);
          return 1;
        }
      break;
    case 5:
      if (memcmp (key, "lines", 5) == 0)
        {
          push_reply_lines (L, r);
          return 1;
        }
      if (memcmp (key, "flags", 5) == 0)
        {
          push_flags (L, r->flags);
          return 1;
        }
      break;
    case 6:
      if (memcmp (key, "offset", 6) == 0)
        {
          lua_pushinteger (L, (lua_Integer) r->offset);
          return 1;
        }
      break;
    case 8:
      if (memcmp (key, "enhanced", 8) == 0)
        {
          if (r->has_enhanced)
            push_enhanced_string (L, &r->enhanced);
          else
            lua_pushnil (L);
          return 1;
        }
      if (memcmp (key, "is_error", 8) == 0)
        {
          lua_pushboolean (L, 0);
          return 1;
        }
      break;
    default:
      break;
    }
  lua_pushnil (L);
  return 1;
}

/* A reply's __tostring: its lines as the server sent them, without the
   last line ending.  */
static int
reply_tostring (lua_State *L)
{
  if (!lua_getmetatable (L, 1) || !lua_rawequal (L, -1, lua_upvalueindex (1)))
    return type_error (L, 1, REPLY_TYPE);
  struct lua_reply *r = lua_touserdata (L, 1);
  const char *s = reply_bytes (r);
  const char *end = s + r->text_len;
  luaL_Buffer b;
  luaL_buffinit (L, &b);
  char code[16];
  snprintf (code, sizeof code, "%03d", r->code);
  for (size_t i = 0; i < r->line_count; i++)
    {
      const char *lf = memchr (s, '\n', (size_t) (end - s));
      const char *stop = lf != NULL ? lf : end;
      luaL_addstring (&b, code);
      luaL_addchar (&b, i + 1 < r->line_count ? '-' : ' ');
      luaL_addlstring (&b, s, (size_t) (stop - s));
      if (i + 1 < r->line_count)
        luaL_addstring (&b, "\r\n");
      s = stop + 1;
    }
  luaL_pushresult (&b);
  return 1;
}

/* A parse error's __tostring: its message.  */
static int
parse_error_tostring (lua_State *L)
{
  luaL_checktype (L, 1, LUA_TTABLE);
  lua_getfield (L, 1, "message");
  return 1;
}
%}

/* ------------------------------------------------------------------------
   Mail logs: records and summaries.  */

%{
#define RECORD_TYPE "smtpreply.LogRecord"
#define SUMMARY_TYPE "smtpreply.Summary"

/* The longest line read from a string of lines, as
   smtpreply_summary_add_lines reads them.  */
#define LINE_MAX_BYTES (1024 * 1024)

/* The deepest JSON the library writes is an object holding an array.  */
#define JSON_MAX_DEPTH 8

static int json_value (lua_State *L, const char *s, size_t len, size_t *pos,
                       int depth);

/* Move *POS past the JSON white space of the LEN bytes at S.  */
static void
json_space (const char *s, size_t len, size_t *pos)
{
  while (*pos < len
         && (s[*pos] == ' ' || s[*pos] == '\t' || s[*pos] == '\n'
             || s[*pos] == '\r'))
    (*pos)++;
}

/* Return the value of the 4 hexadecimal digits at S, or -1.  */
static long
json_hex4 (const char *s)
{
  long v = 0;
  for (int i = 0; i < 4; i++)
    {
      char c = s[i];
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

/* Add code point CP to B in UTF-8.  */
static void
add_utf8 (luaL_Buffer *b, unsigned long cp)
{
  if (cp < 0x80)
    luaL_addchar (b, (char) cp);
  else if (cp < 0x800)
    {
      luaL_addchar (b, (char) (0xc0 | (cp >> 6)));
      luaL_addchar (b, (char) (0x80 | (cp & 0x3f)));
    }
  else if (cp < 0x10000)
    {
      luaL_addchar (b, (char) (0xe0 | (cp >> 12)));
      luaL_addchar (b, (char) (0x80 | ((cp >> 6) & 0x3f)));
      luaL_addchar (b, (char) (0x80 | (cp & 0x3f)));
    }
  else
    {
      luaL_addchar (b, (char) (0xf0 | (cp >> 18)));
      luaL_addchar (b, (char) (0x80 | ((cp >> 12) & 0x3f)));
      luaL_addchar (b, (char) (0x80 | ((cp >> 6) & 0x3f)));
      luaL_addchar (b, (char) (0x80 | (cp & 0x3f)));
    }
}

/* Push the JSON string at *POS (its opening quote) and move past it.
   Return 0, or -1 if it is malformed.  */
static int
json_string (lua_State *L, const char *s, size_t len, size_t *pos)
{
  size_t i = *pos + 1;
  luaL_Buffer b;
  luaL_buffinit (L, &b);
  while (i < len && s[i] != '"')
    {
      size_t start = i;
      while (i < len && s[i] != '"' && s[i] != '\\')
        i++;
      luaL_addlstring (&b, s + start, i - start);
      if (i >= len || s[i] == '"')
        break;
      if (i + 1 >= len)
        return -1;
      char c = s[i + 1];
      i += 2;
      switch (c)
        {
        case '"':
        case '\\':
        case '/':
          luaL_addchar (&b, c);
          break;
        case 'b':
          luaL_addchar (&b, '\b');
          break;
        case 'f':
          luaL_addchar (&b, '\f');
          break;
        case 'n':
          luaL_addchar (&b, '\n');
          break;
        case 'r':
          luaL_addchar (&b, '\r');
          break;
        case 't':
          luaL_addchar (&b, '\t');
          break;
        case 'u':
          {
            long cp = i + 4 <= len ? json_hex4 (s + i) : -1;
            if (cp < 0)
              return -1;
            i += 4;
            if (cp >= 0xd800 && cp <= 0xdbff && i + 6 <= len
                && s[i] == '\\' && s[i + 1] == 'u')
              {
                long low = json_hex4 (s + i + 2);
                if (low >= 0xdc00 && low <= 0xdfff)
                  {
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                    i += 6;
                  }
              }
            if (cp >= 0xd800 && cp <= 0xdfff)
              cp = 0xfffd;
            add_utf8 (&b, (unsigned long) cp);
            break;
          }
        default:
          return -1;
        }
    }
  if (i >= len)
    return -1;
  luaL_pushresult (&b);
  *pos = i + 1;
  return 0;
}

/* Push the JSON number at *POS and move past it.  Return 0 or -1.  */
static int
json_number (lua_State *L, const char *s, size_t len, size_t *pos)
{
  char buf[64];
  size_t n = 0;
  int integral = 1;
  while (*pos + n < len && n + 1 < sizeof buf)
    {
      char c = s[*pos + n];
      if (c == '.' || c == 'e' || c == 'E')
        integral = 0;
      else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9')))
        break;
      buf[n++] = c;
    }
  buf[n] = '\0';
  if (n == 0)
    return -1;
  char *end;
  if (integral)
    {
      long long v = strtoll (buf, &end, 10);
      if (*end != '\0')
        return -1;
      lua_pushinteger (L, (lua_Integer) v);
    }
  else
    {
      double d = strtod (buf, &end);
      if (*end != '\0')
        return -1;
      lua_pushnumber (L, (lua_Number) d);
    }
  *pos += n;
  return 0;
}

/* Push the JSON object or array at *POS as a table and move past it.
   Return 0 or -1.  */
static int
json_container (lua_State *L, const char *s, size_t len, size_t *pos,
                int depth)
{
  int object = s[*pos] == '{';
  char close = object ? '}' : ']';
  int n = 0;
  lua_newtable (L);
  (*pos)++;
  json_space (s, len, pos);
  if (*pos < len && s[*pos] == close)
    {
      (*pos)++;
      return 0;
    }
  for (;;)
    {
      json_space (s, len, pos);
      if (object)
        {
          if (*pos >= len || s[*pos] != '"' || json_string (L, s, len, pos))
            return -1;
          json_space (s, len, pos);
          if (*pos >= len || s[*pos] != ':')
            return -1;
          (*pos)++;
          json_space (s, len, pos);
        }
      if (json_value (L, s, len, pos, depth + 1) < 0)
        return -1;
      if (object)
        lua_rawset (L, -3);
      else
        lua_rawseti (L, -2, ++n);
      json_space (s, len, pos);
      if (*pos < len && s[*pos] == ',')
        {
          (*pos)++;
          continue;
        }
      if (*pos < len && s[*pos] == close)
        {
          (*pos)++;
          return 0;
        }
      return -1;
    }
}

/* Push the JSON value at *POS, as the library writes it, and move past
   it: an object or an array as a table, a string, a number (an integer
   if it has no fraction or exponent), true, false, or nil for null.
   Return 0, or -1 if it is not JSON.  */
static int
json_value (lua_State *L, const char *s, size_t len, size_t *pos, int depth)
{
  if (depth > JSON_MAX_DEPTH || *pos >= len)
    return -1;
  luaL_checkstack (L, 4, "JSON too deep");
  switch (s[*pos])
    {
    case '{':
    case '[':
      return json_container (L, s, len, pos, depth);
    case '"':
      return json_string (L, s, len, pos);
    case 't':
      if (len - *pos < 4 || memcmp (s + *pos, "true", 4) != 0)
        return -1;
      lua_pushboolean (L, 1);
      *pos += 4;
      return 0;
    case 'f':
      if (len - *pos < 5 || memcmp (s + *pos, "false", 5) != 0)
        return -1;
      lua_pushboolean (L, 0);
      *pos += 5;
      return 0;
    case 'n':
      if (len - *pos < 4 || memcmp (s + *pos, "null", 4) != 0)
        return -1;
      lua_pushnil (L);
      *pos += 4;
      return 0;
    default:
      return json_number (L, s, len, pos);
    }
}

/* A log record as Lua owns it while annotate_lines runs: freed by the
   collector even if an error ends the call.  */
struct lua_record
{
  struct smtpreply_log_record *rec;
};

/* The collector frees a record.  */
static int
record_gc (lua_State *L)
{
  struct lua_record *lr = luaL_checkudata (L, 1, RECORD_TYPE);
  smtpreply_log_record_free (lr->rec);
  lr->rec = NULL;
  return 0;
}

/* Push a new record.  Return it, or NULL (with the error pushed) when
   memory ran out.  */
static struct smtpreply_log_record *
push_record (lua_State *L)
{
  struct lua_record *lr = new_userdata (L, sizeof *lr);
  lr->rec = NULL;
  luaL_getmetatable (L, RECORD_TYPE);
  lua_setmetatable (L, -2);
  if (smtpreply_log_record_new (&lr->rec) < 0)
    return NULL;
  return lr->rec;
}

/* What annotate_lines and Summary:add_lines do with each line.  */
struct line_job
{
  struct smtpreply_log_record *rec;
  const char *file;
  const char *lang;
  int redact;
  int failures;
  struct smtpreply_summary *summary; /* NULL: make records */
  int list;                          /* records: the index of the list */
  lua_Integer count;
};

/* Read the LEN bytes at LINE, line LINENO, for JOB: count it in the
   summary, or append its record to the list.  Return 0 or a negative
   error.  */
static int
line_do (lua_State *L, struct line_job *job, const char *line, size_t len,
         size_t lineno)
{
  int rc = smtpreply_log_read (job->rec, line, len, SMTPREPLY_STAGE_ANY);
  if (rc < 0)
    return rc;
  if (job->summary != NULL)
    return smtpreply_summary_add (job->summary, job->rec, job->file, lineno);
  if (smtpreply_log_record_match (job->rec)->found == 0)
    return 0;
  const struct smtpreply_verdict *v = smtpreply_log_record_verdict (job->rec);
  int cls = v->code != 0 ? v->code / 100 : v->enhanced.cls;
  if (job->failures && cls != 4 && cls != 5)
    return 0;
  char small[4096];
  char *buf = small;
  size_t n = 0;
  rc = smtpreply_log_record_json (job->rec, job->file, lineno, job->lang,
                                  job->redact, small, sizeof small, &n);
  if (rc == SMTPREPLY_ENOSPC)
    {
      buf = new_userdata (L, n + 1);
      rc = smtpreply_log_record_json (job->rec, job->file, lineno, job->lang,
                                      job->redact, buf, n + 1, &n);
    }
  if (rc < 0)
    return rc;
  size_t pos = 0;
  if (json_value (L, buf, n, &pos, 0) < 0)
    return luaL_error (L, "smtpreply: the library wrote JSON this binding "
                       "cannot read");
  if (buf != small)
    lua_remove (L, -2);
  lua_rawseti (L, job->list, (int) ++job->count);
  return 0;
}

/* Read the lines at IDX for JOB, the first being line FIRST: a string of
   lines (each ending at LF, a CR before it left out, cut at 1 MiB, as
   smtpreply_summary_add_lines reads them) or a list of strings, each one
   line (a final LF or CRLF left out).  Return 0 or a negative error.  */
static int
lines_do (lua_State *L, int idx, struct line_job *job, size_t first)
{
  size_t number = first;
  if (lua_type (L, idx) == LUA_TSTRING)
    {
      size_t len;
      const char *buf = lua_tolstring (L, idx, &len);
      for (size_t pos = 0; pos < len; number++)
        {
          const char *lf = memchr (buf + pos, '\n', len - pos);
          size_t end = lf != NULL ? (size_t) (lf - buf) : len;
          size_t n = end - pos < LINE_MAX_BYTES ? end - pos : LINE_MAX_BYTES;
          if (n > 0 && buf[pos + n - 1] == '\r')
            n--;
          int rc = line_do (L, job, buf + pos, n, number);
          if (rc < 0)
            return rc;
          pos = lf != NULL ? end + 1 : len;
        }
      return 0;
    }
  if (lua_type (L, idx) != LUA_TTABLE)
    type_error (L, idx, "string or table");
  size_t count = lua_rawlen (L, idx);
  for (size_t i = 1; i <= count; i++, number++)
    {
      lua_rawgeti (L, idx, (int) i);
      if (lua_type (L, -1) != LUA_TSTRING)
        return luaL_error (L, "bad argument #%d (line %d is a %s, not a "
                           "string)", idx, (int) i, luaL_typename (L, -1));
      size_t n;
      const char *line = lua_tolstring (L, -1, &n);
      if (n > 0 && line[n - 1] == '\n')
        n--;
      if (n > 0 && line[n - 1] == '\r')
        n--;
      int rc = line_do (L, job, line, n, number);
      if (rc < 0)
        return rc;
      lua_pop (L, 1);
    }
  return 0;
}

/* Read the option NAME of the table at IDX (nil if IDX is not a table)
   as a boolean.  */
static int
bool_option (lua_State *L, int idx, const char *name)
{
  if (!lua_istable (L, idx))
    return 0;
  lua_getfield (L, idx, name);
  int b = lua_toboolean (L, -1);
  lua_pop (L, 1);
  return b;
}

/* Check that the table at IDX has no key but those of NAMES.  */
static void
check_options (lua_State *L, int idx, const char *fname,
               const char *const *names)
{
  if (lua_isnoneornil (L, idx))
    return;
  luaL_checktype (L, idx, LUA_TTABLE);
  lua_pushnil (L);
  while (lua_next (L, idx) != 0)
    {
      lua_pop (L, 1);
      const char *key = lua_type (L, -1) == LUA_TSTRING
                            ? lua_tostring (L, -1) : NULL;
      const char *const *n = names;
      while (*n != NULL && (key == NULL || strcmp (key, *n) != 0))
        n++;
      if (*n == NULL)
        luaL_error (L, "bad argument #%d to '%s' (unknown option '%s')", idx,
                    fname, key != NULL ? key : "?");
    }
}

/* annotate_lines(lines, options): the records of the lines that hold a
   reply, as "smtpreply --json annotate" prints them.  OPTIONS may hold
   file, first_line, lang, redact and failures.  */
static int
api_annotate_lines (lua_State *L)
{
  static const char *const names[]
      = { "file", "first_line", "lang", "redact", "failures", NULL };
  check_options (L, 2, "annotate_lines", names);
  lua_settop (L, 2);
  struct line_job job;
  memset (&job, 0, sizeof job);
  job.file = "-";
  size_t first = 1;
  if (lua_istable (L, 2))
    {
      lua_getfield (L, 2, "lang");                           /* 3 */
      int n = lang_arg (L, 3, &job.lang);
      if (n > 0)
        return n;
      lua_getfield (L, 2, "file");                           /* 4 */
      if (!lua_isnil (L, 4))
        job.file = check_text (L, 4);
      lua_getfield (L, 2, "first_line");                     /* 5 */
      if (!lua_isnil (L, 5))
        first = (size_t) check_integer (L, 5, 1, LUA_MAXINTEGER);
      job.redact = bool_option (L, 2, "redact");
      job.failures = bool_option (L, 2, "failures");
    }
  lua_settop (L, 5);
  job.rec = push_record (L);                                  /* 6 */
  if (job.rec == NULL)
    return push_error (L, SMTPREPLY_ENOMEM, job.lang);
  lua_newtable (L);                                           /* 7 */
  job.list = 7;
  int rc = lines_do (L, 1, &job, first);
  if (rc < 0)
    return push_error (L, rc, job.lang);
  lua_settop (L, 7);
  return 1;
}

/* ------------------------------------------------------------------------
   Bounce messages: bounce(s) reads one whole message with
   libsmtpreply-bounce and returns it as plain tables.  The C object is
   held by a userdata whose __gc frees it, so that a memory error while
   the tables are built leaks nothing; it is freed as soon as they are
   built.  */

#define BOUNCE_TYPE "smtpreply.BounceHolder"

/* A message read, as Lua holds it while its tables are built.  */
struct lua_bounce
{
  struct smtpreply_bounce *b;
};

static int
bounce_gc (lua_State *L)
{
  struct lua_bounce *lb = luaL_checkudata (L, 1, BOUNCE_TYPE);
  smtpreply_bounce_free (lb->b);
  lb->b = NULL;
  return 0;
}

/* Push recipient R as a table, the verdict's texts in LANG.  */
static void
push_bounce_recipient (lua_State *L,
                       const struct smtpreply_bounce_recipient *r,
                       const char *lang)
{
  lua_createtable (L, 0, 20);
  set_string (L, "address", r->address);
  set_string (L, "action",
              smtpreply_token_name (SMTPREPLY_TOKEN_DSN_ACTION, r->action));
  if (r->has_status)
    {
      push_enhanced_string (L, &r->status);
      lua_setfield (L, -2, "status");
    }
  if (r->code != 0)
    set_integer (L, "code", r->code);
  if (r->has_enhanced)
    {
      push_enhanced_string (L, &r->enhanced);
      lua_setfield (L, -2, "enhanced");
    }
  lua_createtable (L, (int) r->line_count, 0);
  for (size_t i = 0; i < r->line_count; i++)
    {
      lua_pushstring (L, r->lines[i]);
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  lua_setfield (L, -2, "lines");
  set_string (L, "remote_mta", r->remote_mta);
  set_string (L, "diagnostic_type", r->diagnostic_type);
  set_string (L, "diagnostic", r->diagnostic);
  set_string (L, "source", r->source);
  set_string (L, "feedback_type", r->feedback_type);
  push_verdict (L, r->verdict, lang);
  /* The verdict's reason, soft and advice, at hand.  */
  lua_getfield (L, -1, "reason");
  lua_setfield (L, -3, "reason");
  lua_getfield (L, -1, "soft");
  lua_setfield (L, -3, "soft");
  lua_getfield (L, -1, "advice");
  lua_setfield (L, -3, "advice");
  lua_setfield (L, -2, "verdict");
}

/* bounce(s, options): what the message S says, as a table; OPTIONS may
   hold lang.  */
static int
api_bounce (lua_State *L)
{
  static const char *const names[] = { "lang", NULL };
  size_t len;
  const char *buf = check_bytes (L, 1, &len);
  check_options (L, 2, "bounce", names);
  lua_settop (L, 2);
  const char *lang = NULL;
  if (lua_istable (L, 2))
    {
      lua_getfield (L, 2, "lang");                           /* 3 */
      int n = lang_arg (L, 3, &lang);
      if (n > 0)
        return n;
    }
  lua_settop (L, 3);
  struct lua_bounce *lb = new_userdata (L, sizeof *lb);      /* 4 */
  lb->b = NULL;
  luaL_getmetatable (L, BOUNCE_TYPE);
  lua_setmetatable (L, -2);
  int rc = smtpreply_bounce_read (buf, len, &lb->b);
  if (rc < 0)
    return push_error (L, rc, lang);
  const struct smtpreply_bounce *b = lb->b;
  lua_createtable (L, 0, 4);                                 /* 5 */
  set_string (L, "kind",
              smtpreply_bounce_kind_name (smtpreply_bounce_kind (b)));
  set_string (L, "format", smtpreply_bounce_format (b));
  static const char *const headers[]
      = { "message_id", "from", "to", "subject", "date" };
  lua_createtable (L, 0, 5);
  for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
    set_string (L, headers[i], smtpreply_bounce_original (b, headers[i]));
  lua_setfield (L, -2, "original");
  size_t count = smtpreply_bounce_recipient_count (b);
  lua_createtable (L, (int) count, 0);
  for (size_t i = 0; i < count; i++)
    {
      push_bounce_recipient (L, smtpreply_bounce_recipient_at (b, i), lang);
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  lua_setfield (L, -2, "recipients");
  if (smtpreply_bounce_kind (b) == SMTPREPLY_BOUNCE_ARF)
    {
      static const char *const fields[]
          = { "Feedback-Type", "User-Agent",  "Version",
              "Original-Mail-From", "Arrival-Date", "Source-IP",
              "Reported-Domain", "Reported-Uri" };
      lua_createtable (L, 0, 8);
      for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        set_string (L, fields[i],
                    smtpreply_bounce_report_field (b, fields[i]));
      lua_setfield (L, -2, "report");
    }
  smtpreply_bounce_free (lb->b);
  lb->b = NULL;
  return 1;
}

/* A summary as Lua owns it.  */
struct lua_summary
{
  struct smtpreply_summary *s; /* NULL once closed */
};

/* Return the open summary at IDX, or raise an error.  */
static struct smtpreply_summary *
check_summary (lua_State *L, int idx)
{
  struct lua_summary *ls = luaL_checkudata (L, idx, SUMMARY_TYPE);
  if (ls->s == NULL)
    luaL_error (L, "smtpreply: the summary is closed");
  return ls->s;
}

/* Summary.new(options): an empty summary; OPTIONS may hold redact and
   failures.  */
static int
summary_new (lua_State *L)
{
  static const char *const names[] = { "redact", "failures", NULL };
  check_options (L, 1, "new", names);
  unsigned int options = 0;
  if (bool_option (L, 1, "redact"))
    options |= SMTPREPLY_SUMMARY_REDACT;
  if (bool_option (L, 1, "failures"))
    options |= SMTPREPLY_SUMMARY_FAILURES;
  /* The userdata first, so that a memory error cannot lose the summary.  */
  struct lua_summary *ls = new_userdata (L, sizeof *ls);
  ls->s = NULL;
  luaL_getmetatable (L, SUMMARY_TYPE);
  lua_setmetatable (L, -2);
  int rc = smtpreply_summary_new (options, &ls->s);
  if (rc < 0)
    return push_error (L, rc, NULL);
  return 1;
}

/* summary:add_lines(lines, file, first_line): count the lines.  */
static int
summary_add_lines (lua_State *L)
{
  struct line_job job;
  memset (&job, 0, sizeof job);
  job.summary = check_summary (L, 1);
  job.file = lua_isnoneornil (L, 3) ? "-" : check_text (L, 3);
  size_t first = lua_isnoneornil (L, 4)
                     ? 1 : (size_t) check_integer (L, 4, 1, LUA_MAXINTEGER);
  int rc;
  if (lua_type (L, 2) == LUA_TSTRING)
    {
      size_t len;
      const char *buf = lua_tolstring (L, 2, &len);
      rc = smtpreply_summary_add_lines (job.summary, buf, len, job.file,
                                        first);
    }
  else
    {
      if (lua_type (L, 2) != LUA_TTABLE)
        type_error (L, 2, "string or table");
      lua_settop (L, 4);
      job.rec = push_record (L);
      if (job.rec == NULL)
        return push_error (L, SMTPREPLY_ENOMEM, NULL);
      rc = lines_do (L, 2, &job, first);
    }
  return push_check (L, rc);
}

/* summary:merge(other): add the counts of OTHER.  */
static int
summary_merge (lua_State *L)
{
  struct smtpreply_summary *into = check_summary (L, 1);
  struct smtpreply_summary *from = check_summary (L, 2);
  return push_check (L, smtpreply_summary_merge (into, from));
}

/* summary:lines(): the number of lines counted.  */
static int
summary_lines (lua_State *L)
{
  lua_pushinteger (L, (lua_Integer) smtpreply_summary_lines (
                          check_summary (L, 1)));
  return 1;
}

/* A text the library allocated, held by a userdata whose collection
   frees it, so that a memory error while Lua copies it cannot leak it.  */
#define TEXT_TYPE "smtpreply.Text"

struct lua_text
{
  char *text;
};

/* The collector frees a text.  */
static int
text_gc (lua_State *L)
{
  struct lua_text *t = luaL_checkudata (L, 1, TEXT_TYPE);
  smtpreply_free (t->text);
  t->text = NULL;
  return 0;
}

/* Push a holder for a text and return it.  */
static struct lua_text *
push_text_holder (lua_State *L)
{
  struct lua_text *t = new_userdata (L, sizeof *t);
  t->text = NULL;
  luaL_getmetatable (L, TEXT_TYPE);
  lua_setmetatable (L, -2);
  return t;
}

/* Replace the holder T on the top of the stack with a copy of its LEN
   bytes, which it then frees.  */
static void
push_held_text (lua_State *L, struct lua_text *t, size_t len)
{
  lua_pushlstring (L, t->text, len);
  smtpreply_free (t->text);
  t->text = NULL;
  lua_remove (L, -2);
}

/* summary:to_json(): everything the summary knows, as JSON.  */
static int
summary_to_json (lua_State *L)
{
  struct smtpreply_summary *s = check_summary (L, 1);
  struct lua_text *t = push_text_holder (L);
  size_t len = 0;
  int rc = smtpreply_summary_to_json (s, &t->text, &len);
  if (rc < 0)
    return push_error (L, rc, NULL);
  push_held_text (L, t, len);
  return 1;
}

/* Summary.from_json(text): the summary the JSON holds, or the error with
   the line and the byte offset where the text went wrong.  */
static int
summary_from_json (lua_State *L)
{
  size_t len;
  const char *buf = check_bytes (L, 1, &len);
  struct lua_summary *ls = new_userdata (L, sizeof *ls);
  ls->s = NULL;
  luaL_getmetatable (L, SUMMARY_TYPE);
  lua_setmetatable (L, -2);
  size_t offset = 0;
  int rc = smtpreply_summary_from_json (buf, len, &ls->s, &offset);
  if (rc < 0)
    {
      size_t line = 1;
      for (size_t i = 0; i < offset && i < len; i++)
        line += buf[i] == '\n';
      push_error (L, rc, NULL);
      lua_pushinteger (L, (lua_Integer) line);
      lua_pushinteger (L, (lua_Integer) offset);
      return 5;
    }
  return 1;
}

/* summary:render(format, lang): the summary as the command prints it,
   FORMAT being "text" (the default), "color" or "json".  */
static int
summary_render (lua_State *L)
{
  static const struct
  {
    const char *name;
    int format;
  } formats[] = { { "text", SMTPREPLY_SUMMARY_TEXT },
                  { "color", SMTPREPLY_SUMMARY_COLOR },
                  { "json", SMTPREPLY_SUMMARY_JSON } };
  struct smtpreply_summary *s = check_summary (L, 1);
  const char *name = lua_isnoneornil (L, 2) ? "text" : check_text (L, 2);
  const char *lang;
  int n = lang_arg (L, 3, &lang);
  if (n > 0)
    return n;
  int format = -1;
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
    if (strcmp (name, formats[i].name) == 0)
      format = formats[i].format;
  if (format < 0)
    return push_error (L, SMTPREPLY_EINVAL, lang);
  struct lua_text *t = push_text_holder (L);
  size_t len = 0;
  int rc = smtpreply_summary_render (s, format, lang, &t->text, &len);
  if (rc < 0)
    return push_error (L, rc, lang);
  push_held_text (L, t, len);
  return 1;
}

/* summary:close(), and the collector: free the summary, once.  */
static int
summary_close (lua_State *L)
{
  struct lua_summary *ls = luaL_checkudata (L, 1, SUMMARY_TYPE);
  smtpreply_summary_free (ls->s);
  ls->s = NULL;
  return 0;
}

/* summary's __tostring.  */
static int
summary_tostring (lua_State *L)
{
  struct lua_summary *ls = luaL_checkudata (L, 1, SUMMARY_TYPE);
  if (ls->s == NULL)
    lua_pushliteral (L, SUMMARY_TYPE " (closed)");
  else
    lua_pushfstring (L, SUMMARY_TYPE " (%d lines)",
                     (int) smtpreply_summary_lines (ls->s));
  return 1;
}

/* Make the metatable NAME of a class: its __index the table of METHODS,
   which is left on the stack; GC its __gc and __close (Lua 5.4's
   to-be-closed variables); TOSTRING its __tostring.  */
static void
new_class (lua_State *L, const char *name, const luaL_Reg *methods,
           lua_CFunction gc, lua_CFunction tostring)
{
  luaL_newmetatable (L, name);
  lua_newtable (L);
  set_functions (L, methods);
  lua_pushvalue (L, -1);
  lua_setfield (L, -3, "__index");
  if (gc != NULL)
    {
      lua_pushcfunction (L, gc);
      lua_setfield (L, -3, "__gc");
      lua_pushcfunction (L, gc);
      lua_setfield (L, -3, "__close");
    }
  if (tostring != NULL)
    {
      lua_pushcfunction (L, tostring);
      lua_setfield (L, -3, "__tostring");
    }
  lua_pushstring (L, name);
  lua_setfield (L, -3, "__metatable");
  lua_remove (L, -2);
}

/* Push core.api: the functions, and the classes Parser and Summary.  */
static void
push_api (lua_State *L)
{
  static const luaL_Reg functions[] = {
    { "describe", api_describe },
    { "lookup", api_lookup },
    { "codes", api_codes },
    { "class", api_class },
    { "category", api_category },
    { "code_check", api_code_check },
    { "is_preliminary", api_is_preliminary },
    { "is_success", api_is_success },
    { "is_intermediate", api_is_intermediate },
    { "is_transient", api_is_transient },
    { "is_permanent", api_is_permanent },
    { "is_failure", api_is_failure },
    { "parse_enhanced", api_parse_enhanced },
    { "describe_enhanced", api_describe_enhanced },
    { "lookup_enhanced", api_lookup_enhanced },
    { "enhanced_codes", api_enhanced_codes },
    { "enhanced_agrees", api_enhanced_agrees },
    { "advise", api_advise },
    { "extract", api_extract },
    { "classify", api_classify },
    { "reasons", api_reasons },
    { "lookup_reason", api_lookup_reason },
    { "rules", api_rules },
    { "lookup_rule", api_lookup_rule },
    { "languages", api_languages },
    { "resolve_language", api_resolve_language },
    { "negotiate_language", api_negotiate_language },
    { "reset_language", api_reset_language },
    { "check_language", api_check_language },
    { "check_catalog", api_check_catalog },
    { "translate", api_translate },
    { "translate_plural", api_translate_plural },
    { "strerror", api_strerror },
    { "annotate_lines", api_annotate_lines },
    { "bounce", api_bounce },
    { NULL, NULL }
  };
  static const luaL_Reg parser_methods[] = {
    { "new", parser_new },
    { "feed", parser_feed },
    { "finish", parser_finish },
    { "reset", parser_reset },
    { "limit", parser_limit },
    { "close", parser_close },
    { NULL, NULL }
  };
  static const luaL_Reg summary_methods[] = {
    { "new", summary_new },
    { "from_json", summary_from_json },
    { "add_lines", summary_add_lines },
    { "merge", summary_merge },
    { "lines", summary_lines },
    { "to_json", summary_to_json },
    { "render", summary_render },
    { "close", summary_close },
    { NULL, NULL }
  };

  lua_newtable (L);
  set_functions (L, functions);
  new_class (L, PARSER_TYPE, parser_methods, parser_close, parser_tostring);
  lua_setfield (L, -2, "Parser");
  new_class (L, SUMMARY_TYPE, summary_methods, summary_close,
             summary_tostring);
  lua_setfield (L, -2, "Summary");

  /* Replies: __index and __tostring check the metatable, their upvalue.  */
  luaL_newmetatable (L, REPLY_TYPE);
  lua_pushvalue (L, -1);
  lua_pushcclosure (L, reply_index, 1);
  lua_setfield (L, -2, "__index");
  lua_pushvalue (L, -1);
  lua_pushcclosure (L, reply_tostring, 1);
  lua_setfield (L, -2, "__tostring");
  lua_pushliteral (L, REPLY_TYPE);
  lua_setfield (L, -2, "__metatable");
  lua_pop (L, 1);

  luaL_newmetatable (L, PARSE_ERROR_TYPE);
  lua_pushcfunction (L, parse_error_tostring);
  lua_setfield (L, -2, "__tostring");
  lua_pushliteral (L, PARSE_ERROR_TYPE);
  lua_setfield (L, -2, "__metatable");
  lua_pop (L, 1);

  static const struct
  {
    const char *name;
    lua_CFunction gc;
  } owners[] = { { RECORD_TYPE, record_gc },
                  { TEXT_TYPE, text_gc },
                  { BOUNCE_TYPE, bounce_gc } };
  for (size_t i = 0; i < sizeof owners / sizeof owners[0]; i++)
    {
      luaL_newmetatable (L, owners[i].name);
      lua_pushcfunction (L, owners[i].gc);
      lua_setfield (L, -2, "__gc");
      lua_pushstring (L, owners[i].name);
      lua_setfield (L, -2, "__metatable");
      lua_pop (L, 1);
    }
}
%}

/* The module table is on the top of the stack.  A library older than
   the header the module was built with lacks some of its functions.  */
%init %{
  if (smtpreply_check_version (SMTPREPLY_VERSION) == NULL)
    luaL_error (L, "smtpreply: the library is version %s, older than the "
                "module's %s", smtpreply_version (), SMTPREPLY_VERSION);
  lua_pushliteral (L, "api");
  push_api (L);
  lua_rawset (L, -3);
  /* SWIG's runtime set swig_type and swig_equals in the global table,
     which is just below: a module leaves the globals alone.  */
  lua_getfield (L, -2, "swig_type");
  if (lua_tocfunction (L, -1) == SWIG_Lua_type)
    {
      lua_pushnil (L);
      lua_setfield (L, -4, "swig_type");
    }
  lua_pop (L, 1);
  lua_getfield (L, -2, "swig_equals");
  if (lua_tocfunction (L, -1) == SWIG_Lua_class_equal)
    {
      lua_pushnil (L);
      lua_setfield (L, -4, "swig_equals");
    }
  lua_pop (L, 1);
%}

%include "../smtpreply.i"
