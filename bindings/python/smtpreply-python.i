/* smtpreply-python.i -- the SWIG entry file of the Python binding.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   This builds the low-level extension smtpreply._smtpreply (swig -python
   -builtin -doxygen): the functions of smtpreply.h under their names
   without the smtpreply_ prefix, with the header's comments as
   docstrings, and the hand-written objects of smtpreply-python.c.  The
   package users import, smtpreply (bindings/python/smtpreply/), is the
   native layer written on top of it.

   What this file adds to the shared interface:
   - raw server text crosses as bytes: every (const char *buf, size_t len)
     takes bytes, bytearray, memoryview or str (encoded as UTF-8), and
     nothing else (TypeError);
   - strings in are checked: a NUL inside a language tag is the error
     "EBAD_LANG", inside any other string a ValueError;
   - out-parameters become return values;
   - one error typemap: a negative smtpreply_status raises smtpreply.Error
     (a ValueError, with kind, message and errno), or MemoryError; the
     functions that read text raise its subclass ParseError with the
     offset;
   - what owns C memory is an object that frees it once (Parser, Summary),
     so the raw constructors, destructors and the functions that take
     their pointers are left out here.  */

%module smtpreply

/* The module's docstring: %module's docstring option serves only the .py
   proxy, which built-in mode does without.  M is SWIG's name for the
   module being initialized.  */
%init %{
  {
    PyObject *doc = PyUnicode_FromString (
        "Low-level wrappers of the smtpreply C library: the functions of\n"
        "smtpreply.h under their names without the smtpreply_ prefix, with\n"
        "the header's comments as docstrings, and the objects that own C\n"
        "state (Parser, Summary).\n\n"
        "Use the smtpreply package, which is built on this module.");
    if (doc != NULL && PyModule_AddObject (m, "__doc__", doc) < 0)
      Py_DECREF (doc);
    if (smtpreply__py_init (m) < 0)
      return NULL;
  }
%}

%{
#include "smtpreply.h"
#include "smtpreply-python.h"
%}

/* ------------------------------------------------------------------------
   What Python reaches only through owned objects: a raw pointer in Python
   could be freed twice or used after it was freed.  */

/* The parser: the Parser object of smtpreply-python.c.  */
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
/* Its replies live only inside a call of the parser: Reply objects.  */
%ignore smtpreply_response_code;
%ignore smtpreply_response_enhanced;
%ignore smtpreply_response_flags;
%ignore smtpreply_response_line_count;
%ignore smtpreply_response_line;
%ignore smtpreply_response_message;
%ignore smtpreply_response_offset;
%ignore smtpreply_response_line_number;
/* Log records: annotate_lines.  */
%ignore smtpreply_log_record_new;
%ignore smtpreply_log_record_free;
%ignore smtpreply_log_read;
%ignore smtpreply_log_record_match;
%ignore smtpreply_log_record_verdict;
%ignore smtpreply_log_record_outcome;
%ignore smtpreply_log_record_mta;
/* Summaries: the Summary object.  */
%ignore smtpreply_summary_new;
%ignore smtpreply_summary_free;
%ignore smtpreply_summary_add;
%ignore smtpreply_summary_add_lines;
%ignore smtpreply_summary_merge;
%ignore smtpreply_summary_lines;
/* Delivery status notifications, whose fields and replies live as long
   as the smtpreply_dsn that holds them: Python gets them from bounce(),
   when libsmtpreply-bounce comes, as objects.  */
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
/* Its output is up to 10 bytes a byte, not the 4 of the typemap of
   display_safe: display_escape in smtpreply-python.c sizes it.  */
%ignore smtpreply_display_escape;
/* Structs the caller sizes: extract and classify in
   smtpreply-python.c fill them and return Python values.  */
%ignore smtpreply_extract;
%ignore smtpreply_classify;
/* A list of (token, value) pairs instead: token_items.  */
%ignore smtpreply_token_at;

/* ------------------------------------------------------------------------
   Errors.  */

/* A negative status raises smtpreply.Error; 0 gives None (or the
   out-parameters, below).  */
%typemap(out) smtpreply_status
{
  if ($1 < 0)
    {
      smtpreply__py_raise ($1, NULL);
      SWIG_fail;
    }
  $result = Py_None;
  Py_INCREF (Py_None);
}

/* A predicate gives a bool.  */
%typemap(out) smtpreply_bool "$result = PyBool_FromLong ($1);";

/* The two functions that read a code from text raise ParseError with the
   offset of the offending byte.  SWIG names the wrapper's C arguments
   arg1, arg2, ...: in both, argument 4 is ERROR_OFFSET.  */
%typemap(in, numinputs=0) size_t *error_offset (size_t temp = 0)
  "$1 = &temp;";
%typemap(out) smtpreply_status smtpreply_code_parse,
              smtpreply_status smtpreply_enhanced_parse
{
  if ($1 < 0)
    {
      smtpreply__py_raise_parse ($1, NULL, *arg4);
      SWIG_fail;
    }
  $result = Py_None;
  Py_INCREF (Py_None);
}

/* ------------------------------------------------------------------------
   Strings in and out.  */

/* A language: None or a str without NUL.  */
%typemap(in) const char *lang (const char *temp),
             const char *accept (const char *temp)
{
  if (smtpreply__py_lang ($input, &temp) < 0)
    SWIG_fail;
  $1 = ($1_ltype) temp;
}
%typemap(freearg) const char *lang, const char *accept "";

/* Any other string: None or a str without NUL.  */
%typemap(in) const char * (const char *temp)
{
  if (smtpreply__py_cstr ($input, 1, &temp) < 0)
    SWIG_fail;
  $1 = ($1_ltype) temp;
}
%typemap(freearg) const char * "";

/* The strings the library returns are static: each is decoded once.  */
%typemap(out) const char * "$result = smtpreply__py_static_str ($1);";

/* But a translation may be the msgid given, which is not: it is copied
   each time.  */
%typemap(out) const char *smtpreply_translate,
              const char *smtpreply_translate_context,
              const char *smtpreply_translate_plural
{
  if ($1 == NULL)
    {
      $result = Py_None;
      Py_INCREF (Py_None);
    }
  else
    $result = PyUnicode_DecodeUTF8 ($1, (Py_ssize_t) strlen ($1), "replace");
}

/* ------------------------------------------------------------------------
   Bytes in.  */

%typemap(in) (const char *buf, size_t len)
    (struct smtpreply__py_bytes bytes = { NULL, 0, { 0 }, 0, NULL })
{
  if (smtpreply__py_bytes ($input, &bytes) < 0)
    SWIG_fail;
  $1 = (char *) bytes.buf;
  $2 = bytes.len;
}
%typemap(freearg) (const char *buf, size_t len)
  "smtpreply__py_bytes_release (&bytes$argnum);";
%apply (const char *buf, size_t len) { (const char *text, size_t len),
                                       (const char *line, size_t len) };

/* smtpreply_display_safe: bytes in, a str out, the buffer in between
   sized as the header promises (4 * LEN + 1 bytes).  */
%typemap(in) (const char *buf, size_t len, char *out, size_t size,
              size_t *out_len)
    (struct smtpreply__py_bytes bytes = { NULL, 0, { 0 }, 0, NULL },
     size_t out_len_temp = 0)
{
  if (smtpreply__py_bytes ($input, &bytes) < 0)
    SWIG_fail;
  $1 = (char *) bytes.buf;
  $2 = bytes.len;
  if (bytes.len > ((size_t) PY_SSIZE_T_MAX - 1) / 4)
    {
      PyErr_NoMemory ();
      SWIG_fail;
    }
  $4 = 4 * bytes.len + 1;
  $3 = PyMem_Malloc ($4);
  if ($3 == NULL)
    {
      PyErr_NoMemory ();
      SWIG_fail;
    }
  $5 = &out_len_temp;
}
%typemap(argout) (const char *buf, size_t len, char *out, size_t size,
                  size_t *out_len)
{
  Py_DECREF ($result);
  $result = PyUnicode_DecodeUTF8 ($3, (Py_ssize_t) *$5, "replace");
  if ($result == NULL)
    SWIG_fail;
}
%typemap(freearg) (const char *buf, size_t len, char *out, size_t size,
                   size_t *out_len)
{
  smtpreply__py_bytes_release (&bytes$argnum);
  PyMem_Free ($3);
}

/* ------------------------------------------------------------------------
   Enhanced status codes in and out: a str "5.1.1" or a tuple (class,
   subject, detail) in, a tuple out.  None stands for NULL.  */

%typemap(in) const struct smtpreply_enhanced_code *
    (struct smtpreply_enhanced_code temp)
{
  if ($input == Py_None)
    $1 = NULL;
  else if (smtpreply__py_enhanced ($input, &temp, NULL) < 0)
    SWIG_fail;
  else
    $1 = &temp;
}

%typemap(out) const struct smtpreply_enhanced_code *
  "$result = smtpreply__py_enhanced_tuple ($1);";

%typemap(in, numinputs=0) struct smtpreply_enhanced_code *out
    (struct smtpreply_enhanced_code temp)
  "$1 = &temp;";
%typemap(argout) struct smtpreply_enhanced_code *out
{
  $result = SWIG_Python_AppendOutput ($result,
                                      smtpreply__py_enhanced_tuple ($1));
}

/* smtpreply_enhanced_format: a str.  */
%typemap(in, numinputs=0) (char *buf, size_t size) (char temp[16])
{
  $1 = temp;
  $2 = sizeof temp;
}
%typemap(argout) (char *buf, size_t size)
{
  $result = SWIG_Python_AppendOutput ($result, PyUnicode_FromString ($1));
}

/* ------------------------------------------------------------------------
   Other out-parameters.  */

/* smtpreply_code_parse: the code; smtpreply_stage_find: the stage;
   smtpreply_token_value: the value.  */
%typemap(in, numinputs=0) int *code (int temp = 0), int *stage (int temp = 0),
                          int *value (int temp = 0)
  "$1 = &temp;";
%typemap(argout) int *code, int *stage, int *value
{
  $result = SWIG_Python_AppendOutput ($result, PyLong_FromLong (*$1));
}

/* smtpreply_advise: the static rule.  */
%typemap(in, numinputs=0) const struct smtpreply_advice **out
    (const struct smtpreply_advice *temp = NULL)
  "$1 = ($1_ltype) &temp;";
%typemap(argout) const struct smtpreply_advice **out
{
  $result = SWIG_Python_AppendOutput (
      $result, SWIG_NewPointerObj ((void *) *$1,
                                   $descriptor(struct smtpreply_advice *), 0));
}

%include "../smtpreply.i"
