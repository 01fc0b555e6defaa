/* smtpreply-lua.i -- the Lua 5.4 binding: the C module smtpreply.core.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   SWIG makes this file into smtpreply/core.so, the low-level module:
   every function of smtpreply.h with the prefix stripped
   (core.reply_lookup), byte strings in, out-parameters as results and
   errors as Lua's "nil, message, kind".  Users load smtpreply.lua
   (require "smtpreply"), which builds the native interface on this one
   and documents it.

   Conventions of the low-level functions:
   - A function returning smtpreply_status returns its out-parameters, or
     true when it has none; on an error, nil, the message (in the default
     language) and the kind, the error's name without "SMTPREPLY_"
     ("EBAD_CODE").  Parse errors add the line and the byte offset (from
     0): smtpreply_code_parse and smtpreply_enhanced_parse read one line,
     so their line is 1.
   - A smtpreply_bool is true or false, or an error as above.
   - Raw server text, (const char *buf, size_t len), is any Lua string.
   - Numbers are Lua integers both ways; a number beyond the range of its
     C type saturates, so that an absurd code stays invalid instead of
     wrapping round to a valid one.
   - An enhanced code given to C is a table {cls=, subject=, detail=} or
     nil; one returned by C is such a table too.  */

%module smtpreply_core

%{
#include <limits.h>
#include <string.h>

#include "smtpreply.h"

/* require "smtpreply.core" calls this; SWIG defines it without a
   prototype.  */
int luaopen_smtpreply_core (lua_State *L);

/* Return the integer at stack index IDX, clamped to MIN..MAX.  A float
   with an integral value counts as that integer; any other float is an
   argument error.  */
static lua_Integer
to_integer (lua_State *L, int idx, lua_Integer min, lua_Integer max)
{
  int isnum;
  lua_Integer v = lua_tointegerx (L, idx, &isnum);
  if (!isnum)
    {
      /* Out of lua_Integer's range (saturate), or not integral, or NaN
         (an error).  */
      lua_Number n = lua_tonumber (L, idx);
      if (!(n < (lua_Number) LUA_MININTEGER
            || n >= -(lua_Number) LUA_MININTEGER))
        luaL_argerror (L, idx, "number has no integer representation");
      return n < 0 ? min : max;
    }
  return v < min ? min : v > max ? max : v;
}

/* Push the message of error RC in language LANG (NULL: the default) and
   its kind, e.g. "EBAD_CODE".  Return 2, the number of values pushed.  */
static int
push_error_values (lua_State *L, int rc, const char *lang)
{
  static const char prefix[] = "SMTPREPLY_";
  const char *name = smtpreply_errname (rc);
  lua_pushstring (L, smtpreply_strerror_lang (rc, lang));
  if (name != NULL && strncmp (name, prefix, sizeof prefix - 1) == 0)
    lua_pushstring (L, name + sizeof prefix - 1);
  else
    lua_pushfstring (L, "E%d", rc);
  return 2;
}

/* Push Lua's answer to the error RC: nil, the message, the kind.  Return
   3.  */
static int
push_error (lua_State *L, int rc)
{
  lua_pushnil (L);
  return 1 + push_error_values (L, rc, NULL);
}

/* Push the answer to the parse error RC found at line LINE, byte OFFSET:
   nil, the message, the kind, the line, the offset.  Return 5.  */
static int
push_parse_error (lua_State *L, int rc, size_t line, size_t offset)
{
  push_error (L, rc);
  lua_pushinteger (L, (lua_Integer) line);
  lua_pushinteger (L, (lua_Integer) offset);
  return 5;
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

/* Read field NAME of the table at IDX, an integer, into an int.  */
static int
int_field (lua_State *L, int idx, const char *name)
{
  lua_getfield (L, idx, name);
  if (!lua_isnumber (L, -1))
    luaL_argerror (L, idx, lua_pushfstring (L, "field '%s' must be an "
                                            "integer", name));
  int v = (int) to_integer (L, -1, INT_MIN, INT_MAX);
  lua_pop (L, 1);
  return v;
}

/* Return the enhanced code the value at IDX gives, a table {cls=,
   subject=, detail=} stored into *TEMP, or NULL if the value is nil.  */
static const struct smtpreply_enhanced_code *
to_enhanced_code (lua_State *L, int idx, struct smtpreply_enhanced_code *temp)
{
  if (lua_isnil (L, idx))
    return NULL;
  luaL_checktype (L, idx, LUA_TTABLE);
  temp->cls = int_field (L, idx, "cls");
  temp->subject = int_field (L, idx, "subject");
  temp->detail = int_field (L, idx, "detail");
  return temp;
}

/* Push what smtpreply_extract found, M, as a table: found (the
   SMTPREPLY_MATCH_* bits), and the fields that go with each bit.  */
static void
push_match (lua_State *L, const struct smtpreply_match *m)
{
  lua_createtable (L, 0, 7);
  lua_pushinteger (L, m->found);
  lua_setfield (L, -2, "found");
  if (m->found & SMTPREPLY_MATCH_CODE)
    {
      lua_pushinteger (L, m->code);
      lua_setfield (L, -2, "code");
      lua_pushinteger (L, (lua_Integer) m->code_offset);
      lua_setfield (L, -2, "code_offset");
    }
  if (m->found & SMTPREPLY_MATCH_ENHANCED)
    {
      push_enhanced_code (L, &m->enhanced);
      lua_setfield (L, -2, "enhanced");
      lua_pushinteger (L, (lua_Integer) m->enhanced_offset);
      lua_setfield (L, -2, "enhanced_offset");
      lua_pushinteger (L, (lua_Integer) m->enhanced_length);
      lua_setfield (L, -2, "enhanced_length");
    }
  if (m->found != 0)
    {
      lua_pushinteger (L, (lua_Integer) m->text_offset);
      lua_setfield (L, -2, "text_offset");
    }
}
%}

/* ------------------------------------------------------------------------
   Numbers.  SWIG's own typemaps go through lua_Number, which would turn
   550 into 550.0 in Lua 5.4.  */

%typemap(in, checkfn="lua_isnumber") int
%{ $1 = (int) to_integer (L, $input, INT_MIN, INT_MAX); %}
%typemap(in, checkfn="lua_isnumber") unsigned int
%{ $1 = (unsigned int) to_integer (L, $input, 0, UINT_MAX); %}
%typemap(in, checkfn="lua_isnumber") size_t, unsigned long
%{ $1 = ($1_ltype) to_integer (L, $input, 0, LUA_MAXINTEGER); %}
%typemap(out) int, unsigned int, size_t, unsigned long, enum SWIGTYPE
%{ lua_pushinteger (L, (lua_Integer) $1); SWIG_arg++; %}

/* ------------------------------------------------------------------------
   Errors: the one typemap that turns a negative smtpreply_status into
   Lua's "nil, message, kind".  Success returns the out-parameters, pushed
   by their argout typemaps, or true when there are none.  */

%typemap(out) smtpreply_status
%{
  if ($1 < 0)
    SWIG_arg += push_error (L, $1);
%}
%typemap(ret) smtpreply_status
%{
  if (SWIG_arg == 0)
    {
      lua_pushboolean (L, 1);
      SWIG_arg++;
    }
%}

/* The predicates: true or false, or the error of an invalid code.  */
%typemap(out) smtpreply_bool
%{
  if ($1 < 0)
    SWIG_arg += push_error (L, $1);
  else
    {
      lua_pushboolean (L, $1);
      SWIG_arg++;
    }
%}

/* ------------------------------------------------------------------------
   Bytes in: any Lua string, NUL bytes and all.  */

%typemap(in, checkfn="lua_isstring") (const char *buf, size_t len)
%{
  $2 = 0;
  $1 = ($1_ltype) lua_tolstring (L, $input, &$2);
%}

/* ------------------------------------------------------------------------
   Out-parameters become results.  */

/* smtpreply_code_parse: the code.  */
%typemap(in, numinputs=0) int *code (int temp)
%{
  temp = 0;
  $1 = &temp;
%}
%typemap(argout) int *code
%{
  if (result == 0)
    {
      lua_pushinteger (L, *$1);
      SWIG_arg++;
    }
%}

/* Where a code or an enhanced code broke a rule: after the error, as the
   line (the input is one) and the offset of a parse error.  */
%typemap(in, numinputs=0) size_t *error_offset (size_t temp)
%{
  temp = 0;
  $1 = &temp;
%}
%typemap(argout) size_t *error_offset
%{
  if (result < 0)
    {
      lua_pushinteger (L, 1);
      lua_pushinteger (L, (lua_Integer) *$1);
      SWIG_arg += 2;
    }
%}

/* Enhanced codes: tables {cls=, subject=, detail=} both ways; nil is
   NULL.  */
%typemap(in, numinputs=0) struct smtpreply_enhanced_code *out
  (struct smtpreply_enhanced_code temp)
%{
  memset (&temp, 0, sizeof temp);
  $1 = &temp;
%}
%typemap(argout) struct smtpreply_enhanced_code *out
%{
  if (result == 0)
    {
      push_enhanced_code (L, $1);
      SWIG_arg++;
    }
%}
%typemap(in, checkfn="lua_istable_or_nil")
  const struct smtpreply_enhanced_code * (struct smtpreply_enhanced_code temp)
%{ $1 = ($1_ltype) to_enhanced_code (L, $input, &temp); %}
%{
#define lua_istable_or_nil(L, idx) (lua_istable (L, idx) || lua_isnil (L, idx))
%}
%typemap(out) const struct smtpreply_enhanced_code *
%{
  if ($1 != NULL)
    push_enhanced_code (L, $1);
  else
    lua_pushnil (L);
  SWIG_arg++;
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

/* smtpreply_extract: a table of what was found (see push_match).  */
%typemap(in, numinputs=0) struct smtpreply_match *out
  (struct smtpreply_match temp)
%{
  memset (&temp, 0, sizeof temp);
  temp.size = sizeof temp;
  $1 = &temp;
%}
%typemap(argout) struct smtpreply_match *out
%{
  if (result == 0)
    {
      push_match (L, $1);
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

/* smtpreply_display_safe: the safe text.  The buffer is a userdata, so
   that Lua's collector frees it even if pushing the result fails.  */
%typemap(in, checkfn="lua_isstring")
  (const char *buf, size_t len, char *out, size_t size, size_t *out_len)
  (size_t temp)
%{
  $2 = 0;
  $1 = ($1_ltype) lua_tolstring (L, $input, &$2);
  if ($2 > (LUA_MAXINTEGER - 1) / 4)
    luaL_argerror (L, $input, "string too long");
  $4 = 4 * $2 + 1;
  $3 = ($3_ltype) lua_newuserdatauv (L, $4, 0);
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

/* The parser: a Lua object that frees it when collected.  */
%typemap(in, numinputs=0) struct smtpreply_parser **out
  (struct smtpreply_parser *temp)
%{
  temp = NULL;
  $1 = &temp;
%}
%typemap(argout) struct smtpreply_parser **out
%{
  if (result == 0)
    {
      SWIG_NewPointerObj (L, *$1, $*1_descriptor, 1);
      SWIG_arg++;
    }
%}

/* smtpreply_parser_feed: the reply flag (1) or 0, or the parse error with
   its line and offset; then, always, the number of bytes used.  */
%typemap(out) int smtpreply_parser_feed
%{
  if ($1 < 0)
    SWIG_arg += push_parse_error (L, $1, smtpreply_parser_error_line (arg1),
                                  smtpreply_parser_error_offset (arg1));
  else
    {
      lua_pushinteger (L, $1);
      SWIG_arg++;
    }
%}
%typemap(in, numinputs=0) size_t *used (size_t temp)
%{
  temp = 0;
  $1 = &temp;
%}
%typemap(argout) size_t *used
%{
  lua_pushinteger (L, (lua_Integer) *$1);
  SWIG_arg++;
%}

/* smtpreply_parser_finish: a reply cut off is a parse error too.  */
%typemap(out) smtpreply_status smtpreply_parser_finish
%{
  if ($1 < 0)
    SWIG_arg += push_parse_error (L, $1, smtpreply_parser_error_line (arg1),
                                  smtpreply_parser_error_offset (arg1));
%}

/* The text of a reply line: a Lua string of the bytes and length.  */
%typemap(out) const char *smtpreply_response_line,
              const char *smtpreply_response_message ""
%typemap(in, numinputs=0) size_t *len (size_t temp)
%{
  temp = 0;
  $1 = &temp;
%}
%typemap(argout) size_t *len
%{
  if (result != NULL)
    lua_pushlstring (L, result, *$1);
  else
    lua_pushnil (L);
  SWIG_arg++;
%}

/* SWIG sees the opaque parser as an empty struct, so that it makes a Lua
   class whose finalizer frees the parser.  C never sees this body.  */
/* The collector frees parsers: freeing one by hand would free it twice.  */
%ignore smtpreply_parser_free;
%nodefaultctor smtpreply_parser;
struct smtpreply_parser
{
};
%extend smtpreply_parser
{
  ~smtpreply_parser () { smtpreply_parser_free ($self); }
}

/* ------------------------------------------------------------------------
   The parser's reading loop, in C: smtpreply.lua feeds whole chunks, and
   a loop in Lua would copy the rest of the chunk after every reply.  */

%{
/* Push reply R as a table: code, enhanced ("5.1.1" or absent), lines
   (each as sent after the code and separator), text (the lines without
   the enhanced code, joined by "\n"), flags (a set of tokens), offset and
   line.  */
static void
push_response (lua_State *L, const struct smtpreply_response *r)
{
  size_t count = smtpreply_response_line_count (r);
  lua_createtable (L, 0, 7);
  lua_pushinteger (L, smtpreply_response_code (r));
  lua_setfield (L, -2, "code");
  const struct smtpreply_enhanced_code *e = smtpreply_response_enhanced (r);
  char buf[16];
  if (e != NULL && smtpreply_enhanced_format (e, buf, sizeof buf) == 0)
    {
      lua_pushstring (L, buf);
      lua_setfield (L, -2, "enhanced");
    }

  lua_createtable (L, count < INT_MAX ? (int) count : INT_MAX, 0);
  for (size_t i = 0; i < count; i++)
    {
      size_t len;
      const char *s = smtpreply_response_line (r, i, &len);
      lua_pushlstring (L, s, len);
      lua_rawseti (L, -2, (lua_Integer) i + 1);
    }
  lua_setfield (L, -2, "lines");

  luaL_Buffer b;
  luaL_buffinit (L, &b);
  for (size_t i = 0; i < count; i++)
    {
      size_t len;
      const char *s = smtpreply_response_message (r, i, &len);
      if (i > 0)
        luaL_addchar (&b, '\n');
      luaL_addlstring (&b, s, len);
    }
  luaL_pushresult (&b);
  lua_setfield (L, -2, "text");

  unsigned int flags = smtpreply_response_flags (r);
  lua_newtable (L);
  for (unsigned int bit = 1; bit != 0 && bit <= flags; bit <<= 1)
    if (flags & bit)
      {
        lua_pushboolean (L, 1);
        lua_setfield (L, -2, smtpreply_flag_name (bit));
      }
  lua_setfield (L, -2, "flags");

  lua_pushinteger (L, (lua_Integer) smtpreply_response_offset (r));
  lua_setfield (L, -2, "offset");
  lua_pushinteger (L, (lua_Integer) smtpreply_response_line_number (r));
  lua_setfield (L, -2, "line");
}

/* core.parser_read (P, S, INIT, OUT [, LANG]): feed parser P the bytes of
   string S from position INIT (from 1) and append each complete reply to
   the list OUT (see push_response).  Return the position after the last
   byte read, #S + 1 once all are read; on a parse error, that position,
   then the error's message in LANG (nil: the default), kind, line and
   offset.  */
static int
parser_read (lua_State *L)
{
  struct smtpreply_parser *p = NULL;
  if (!SWIG_IsOK (SWIG_ConvertPtr (L, 1, (void **) &p,
                                   SWIGTYPE_p_smtpreply_parser, 0))
      || p == NULL)
    return luaL_argerror (L, 1, "parser expected");
  size_t len;
  const char *s = luaL_checklstring (L, 2, &len);
  lua_Integer init = luaL_checkinteger (L, 3);
  luaL_checktype (L, 4, LUA_TTABLE);
  const char *lang = luaL_optstring (L, 5, NULL);
  luaL_argcheck (L, init >= 1 && (lua_Unsigned) init - 1 <= len, 3,
                 "position out of range");

  lua_Integer n = luaL_len (L, 4);
  size_t pos = (size_t) init - 1;
  while (pos < len)
    {
      size_t used = 0;
      int rc = smtpreply_parser_feed (p, s + pos, len - pos, &used);
      pos += used;
      if (rc == SMTPREPLY_READY)
        {
          push_response (L, smtpreply_parser_reply (p));
          lua_rawseti (L, 4, ++n);
        }
      else if (rc < 0)
        {
          lua_pushinteger (L, (lua_Integer) pos + 1);
          push_error_values (L, rc, lang);
          lua_pushinteger (L, (lua_Integer) smtpreply_parser_error_line (p));
          lua_pushinteger (L,
                           (lua_Integer) smtpreply_parser_error_offset (p));
          return 5;
        }
    }
  lua_pushinteger (L, (lua_Integer) pos + 1);
  return 1;
}
%}
%native (parser_read) int parser_read (lua_State *L);

%include "../smtpreply.i"
