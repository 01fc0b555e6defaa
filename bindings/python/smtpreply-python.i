/* smtpreply-python.i -- the SWIG entry file of the Python binding.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   This builds the low-level extension _smtpreply (swig -python -builtin
   -doxygen): every function of smtpreply.h under its name without the
   smtpreply_ prefix, with the header's comments as docstrings.  The
   module users import, smtpreply (bindings/python/smtpreply.py), is the
   native layer written on top of it.

   What this file adds to the shared interface:
   - raw server text crosses as bytes: every (const char *buf, size_t len)
     takes bytes, bytearray, memoryview or str (encoded as UTF-8);
   - out-parameters become return values;
   - one error typemap: a negative smtpreply_status or smtpreply_bool
     raises smtpreply.Error (kind, message, errno), and the parse functions
     raise its subclass smtpreply.ParseError with the line and offset;
   - parser_feed_all, the parsing loop in C, which releases the GIL around
     each call of smtpreply_parser_feed.  */

%module smtpreply

/* The module's docstring: %module's docstring option serves only the .py
   proxy, which built-in mode does without.  M is SWIG's name for the
   module being initialized.  */
%init %{
  {
    PyObject *doc = PyUnicode_FromString (
        "Low-level wrappers of the smtpreply C library: every function of\n"
        "smtpreply.h under its name without the smtpreply_ prefix, with\n"
        "the header's comments as docstrings.\n\n"
        "Use the smtpreply module, which is built on this one.");
    if (doc != NULL && PyModule_AddObject (m, "__doc__", doc) < 0)
      Py_DECREF (doc);
  }
%}

%{
#include <string.h>

#include "smtpreply.h"

/* The prefix smtpreply_errname puts before an error's kind.  */
#define ERRNAME_PREFIX "SMTPREPLY_"

/* Return the error's kind for RC, "EBAD_CODE" for SMTPREPLY_EBAD_CODE, or
   "EUNKNOWN" if RC is not an error code.  The string is static.  */
static const char *
error_kind (int rc)
{
  const char *name = smtpreply_errname (rc);
  if (name == NULL)
    return "EUNKNOWN";
  if (strncmp (name, ERRNAME_PREFIX, strlen (ERRNAME_PREFIX)) == 0)
    name += strlen (ERRNAME_PREFIX);
  return name;
}

/* Raise smtpreply.Error for the error RC, with its message in the default
   language.  If IS_PARSE, raise smtpreply.ParseError instead, with LINE
   (None when HAS_LINE is 0) and OFFSET.  The classes live in the module
   smtpreply, which imported this one; importing it here is a look-up in
   sys.modules.  */
static void
raise_error (int rc, int is_parse, int has_line, size_t line, size_t offset)
{
  PyObject *module = PyImport_ImportModule ("smtpreply");
  if (module == NULL)
    return;
  PyObject *cls
      = PyObject_GetAttrString (module, is_parse ? "ParseError" : "Error");
  Py_DECREF (module);
  if (cls == NULL)
    return;
  const char *message = smtpreply_strerror_lang (rc, NULL);
  PyObject *exc;
  if (!is_parse)
    exc = PyObject_CallFunction (cls, "ssi", error_kind (rc), message, rc);
  else if (has_line)
    exc = PyObject_CallFunction (cls, "ssiKK", error_kind (rc), message, rc,
                                 (unsigned long long) line,
                                 (unsigned long long) offset);
  else
    exc = PyObject_CallFunction (cls, "ssiOK", error_kind (rc), message, rc,
                                 Py_None, (unsigned long long) offset);
  if (exc != NULL)
    {
      PyErr_SetObject (cls, exc);
      Py_DECREF (exc);
    }
  Py_DECREF (cls);
}

/* Bytes given from Python, and what must be released after the call.  */
struct py_bytes
{
  Py_buffer view;
  int have_view;
  PyObject *encoded;
};

/* Point *BUF and *LEN at the bytes of OBJ: a str, encoded as UTF-8 (lone
   surrogates from the surrogateescape handler become the bytes they
   stand for), or any object with the buffer interface (bytes, bytearray,
   memoryview, mmap).  Record in *B what bytes_release must release.
   Return 0, or -1 with an exception set.  */
static int
bytes_get (PyObject *obj, struct py_bytes *b, const char **buf, size_t *len)
{
  if (PyUnicode_Check (obj))
    {
      b->encoded = PyUnicode_AsEncodedString (obj, "utf-8", "surrogateescape");
      if (b->encoded == NULL)
        return -1;
      *buf = PyBytes_AS_STRING (b->encoded);
      *len = (size_t) PyBytes_GET_SIZE (b->encoded);
      return 0;
    }
  if (PyObject_GetBuffer (obj, &b->view, PyBUF_SIMPLE) < 0)
    return -1;
  b->have_view = 1;
  *buf = b->view.buf;
  *len = (size_t) b->view.len;
  return 0;
}

/* Release what bytes_get took in B.  */
static void
bytes_release (struct py_bytes *b)
{
  if (b->have_view)
    PyBuffer_Release (&b->view);
  b->have_view = 0;
  Py_CLEAR (b->encoded);
}

/* Return a new tuple (CLS, SUBJECT, DETAIL) for *E, or None if E is
   NULL.  */
static PyObject *
enhanced_to_python (const struct smtpreply_enhanced_code *e)
{
  if (e == NULL)
    Py_RETURN_NONE;
  return Py_BuildValue ("(iii)", e->cls, e->subject, e->detail);
}

/* Store in *E the enhanced status code OBJ: text "5.1.1" (a str, or bytes
   or any object with the buffer interface), read by
   smtpreply_enhanced_parse, or a sequence (class, subject, detail).
   Return 0, or -1 with an exception set: ParseError for a malformed
   string, TypeError or OverflowError for anything else.  */
static int
enhanced_from_python (PyObject *obj, struct smtpreply_enhanced_code *e)
{
  if (PyUnicode_Check (obj) || PyObject_CheckBuffer (obj))
    {
      struct py_bytes b = { .have_view = 0, .encoded = NULL };
      const char *buf;
      size_t len;
      size_t bad = 0;
      if (bytes_get (obj, &b, &buf, &len) < 0)
        return -1;
      int rc = smtpreply_enhanced_parse (buf, len, e, &bad);
      bytes_release (&b);
      if (rc < 0)
        {
          raise_error (rc, 1, 0, 0, bad);
          return -1;
        }
      return 0;
    }
  if (PySequence_Check (obj) && PySequence_Size (obj) == 3)
    {
      int parts[3];
      for (Py_ssize_t i = 0; i < 3; i++)
        {
          PyObject *item = PySequence_GetItem (obj, i);
          if (item == NULL)
            return -1;
          long v = PyLong_Check (item) ? PyLong_AsLong (item) : -1;
          int bad_type = !PyLong_Check (item);
          Py_DECREF (item);
          if (bad_type)
            break;
          if (v == -1 && PyErr_Occurred ())
            return -1;
          if (v < -2147483647L || v > 2147483647L)
            {
              PyErr_SetString (PyExc_OverflowError,
                               "a part of an enhanced status code is out "
                               "of range");
              return -1;
            }
          parts[i] = (int) v;
          if (i == 2)
            {
              e->cls = parts[0];
              e->subject = parts[1];
              e->detail = parts[2];
              return 0;
            }
        }
    }
  else if (PyErr_Occurred ())
    return -1;
  PyErr_Format (PyExc_TypeError,
                "an enhanced status code is a str like \"5.1.1\" or a "
                "(class, subject, detail) tuple, not %.100s",
                Py_TYPE (obj)->tp_name);
  return -1;
}

/* Return a new tuple describing the reply R, copied out of the parser:
   (code, enhanced code as "C.S.D" or None, flags, raw lines, lines
   without the enhanced code, offset, line number); the lines are tuples
   of bytes.  NULL with an exception set if memory runs out.  */
static PyObject *
reply_to_python (const struct smtpreply_response *r)
{
  const struct smtpreply_enhanced_code *e = smtpreply_response_enhanced (r);
  char enhanced[16];
  PyObject *py_enhanced;
  if (e != NULL && smtpreply_enhanced_format (e, enhanced, sizeof enhanced)
                       == 0)
    py_enhanced = PyUnicode_FromString (enhanced);
  else
    {
      py_enhanced = Py_None;
      Py_INCREF (py_enhanced);
    }
  size_t n = smtpreply_response_line_count (r);
  PyObject *raw = PyTuple_New ((Py_ssize_t) n);
  PyObject *messages = PyTuple_New ((Py_ssize_t) n);
  if (py_enhanced == NULL || raw == NULL || messages == NULL)
    goto fail;
  for (size_t i = 0; i < n; i++)
    {
      size_t len = 0;
      const char *s = smtpreply_response_line (r, i, &len);
      PyObject *line = PyBytes_FromStringAndSize (s, (Py_ssize_t) len);
      if (line == NULL)
        goto fail;
      PyTuple_SET_ITEM (raw, (Py_ssize_t) i, line);
      s = smtpreply_response_message (r, i, &len);
      PyObject *message = PyBytes_FromStringAndSize (s, (Py_ssize_t) len);
      if (message == NULL)
        goto fail;
      PyTuple_SET_ITEM (messages, (Py_ssize_t) i, message);
    }
  return Py_BuildValue ("(iNINNKK)", smtpreply_response_code (r), py_enhanced,
                        smtpreply_response_flags (r), raw, messages,
                        (unsigned long long) smtpreply_response_offset (r),
                        (unsigned long long) smtpreply_response_line_number (
                            r));
fail:
  Py_XDECREF (py_enhanced);
  Py_XDECREF (raw);
  Py_XDECREF (messages);
  return NULL;
}

/* Feed the LEN bytes at BUF to P until they run out or an error is found.
   Return a new tuple (replies, used, rc, error line, error offset): the
   replies completed, as reply_to_python makes them; the number of bytes
   taken; and 0, or the negative error that stopped the loop with where P
   found it.  The GIL is released while P parses, so P must not be used by
   two threads at once (the Parser class of smtpreply holds a lock).  */
static PyObject *
parser_feed_all (struct smtpreply_parser *p, const char *buf, size_t len)
{
  PyObject *replies = PyList_New (0);
  if (replies == NULL)
    return NULL;
  size_t off = 0;
  int rc = 0;
  while (off < len)
    {
      size_t used = 0;
      Py_BEGIN_ALLOW_THREADS
      rc = smtpreply_parser_feed (p, buf + off, len - off, &used);
      Py_END_ALLOW_THREADS
      off += used;
      if (rc != SMTPREPLY_READY)
        break;
      PyObject *reply = reply_to_python (smtpreply_parser_reply (p));
      if (reply == NULL || PyList_Append (replies, reply) < 0)
        {
          Py_XDECREF (reply);
          Py_DECREF (replies);
          return NULL;
        }
      Py_DECREF (reply);
      rc = 0;
    }
  if (rc >= 0)
    return Py_BuildValue ("(NKiii)", replies, (unsigned long long) off, 0, 0,
                          0);
  return Py_BuildValue (
      "(NKiKK)", replies, (unsigned long long) off, rc,
      (unsigned long long) smtpreply_parser_error_line (p),
      (unsigned long long) smtpreply_parser_error_offset (p));
}
%}

/* ------------------------------------------------------------------------
   Errors.  */

/* A negative status raises smtpreply.Error; 0 gives None (or the
   out-parameters, below).  */
%typemap(out) smtpreply_status
{
  if ($1 < 0)
    {
      raise_error ($1, 0, 0, 0, 0);
      SWIG_fail;
    }
  $result = Py_None;
  Py_INCREF (Py_None);
}

/* A predicate gives a bool, or raises smtpreply.Error for an invalid
   argument.  */
%typemap(out) smtpreply_bool
{
  if ($1 < 0)
    {
      raise_error ($1, 0, 0, 0, 0);
      SWIG_fail;
    }
  $result = PyBool_FromLong ($1);
}

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
      raise_error ($1, 1, 0, 0, *arg4);
      SWIG_fail;
    }
  $result = Py_None;
  Py_INCREF (Py_None);
}

/* The end of a stream cut inside a reply raises ParseError with the line
   and offset where the parser (argument 1) stopped.  */
%typemap(out) smtpreply_status smtpreply_parser_finish
{
  if ($1 < 0)
    {
      raise_error ($1, 1, 1, smtpreply_parser_error_line (arg1),
                   smtpreply_parser_error_offset (arg1));
      SWIG_fail;
    }
  $result = Py_None;
  Py_INCREF (Py_None);
}

/* ------------------------------------------------------------------------
   Bytes in.  */

%typemap(in) (const char *buf, size_t len)
    (struct py_bytes bytes = { .have_view = 0, .encoded = NULL })
{
  const char *buf_ = NULL;
  size_t len_ = 0;
  if (bytes_get ($input, &bytes, &buf_, &len_) < 0)
    SWIG_fail;
  $1 = (char *) buf_;
  $2 = len_;
}
%typemap(freearg) (const char *buf, size_t len)
  "bytes_release (&bytes$argnum);";

/* smtpreply_display_safe: bytes in, a str out, the buffer in between
   sized as the header promises (4 * LEN + 1 bytes).  */
%typemap(in) (const char *buf, size_t len, char *out, size_t size,
              size_t *out_len)
    (struct py_bytes bytes = { .have_view = 0, .encoded = NULL },
     size_t out_len_temp = 0)
{
  const char *buf_ = NULL;
  size_t len_ = 0;
  if (bytes_get ($input, &bytes, &buf_, &len_) < 0)
    SWIG_fail;
  $1 = (char *) buf_;
  $2 = len_;
  if (len_ > ((size_t) PY_SSIZE_T_MAX - 1) / 4)
    {
      PyErr_NoMemory ();
      SWIG_fail;
    }
  $4 = 4 * len_ + 1;
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
  bytes_release (&bytes$argnum);
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
  else if (enhanced_from_python ($input, &temp) < 0)
    SWIG_fail;
  else
    $1 = &temp;
}

/* The code a parsed reply carries is copied: the parser reuses its
   memory.  */
%typemap(out) const struct smtpreply_enhanced_code *
  "$result = enhanced_to_python ($1);";

%typemap(in, numinputs=0) struct smtpreply_enhanced_code *out
    (struct smtpreply_enhanced_code temp)
  "$1 = &temp;";
%typemap(argout) struct smtpreply_enhanced_code *out
{
  $result = SWIG_Python_AppendOutput ($result, enhanced_to_python ($1));
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

/* smtpreply_code_parse: the code.  */
%typemap(in, numinputs=0) int *code (int temp = 0) "$1 = &temp;";
%typemap(argout) int *code
{
  $result = SWIG_Python_AppendOutput ($result, PyLong_FromLong (*$1));
}

/* smtpreply_parser_feed: the number of bytes taken, after the status.  */
%typemap(in, numinputs=0) size_t *used (size_t temp = 0) "$1 = &temp;";
%typemap(argout) size_t *used
{
  $result = SWIG_Python_AppendOutput (
      $result, PyLong_FromUnsignedLongLong ((unsigned long long) *$1));
}

/* smtpreply_parser_new: the parser.  It is not owned by the Python
   object: free it with parser_free (the Parser class does).  */
%typemap(in, numinputs=0) struct smtpreply_parser **out
    (struct smtpreply_parser *temp = NULL)
  "$1 = &temp;";
%typemap(argout) struct smtpreply_parser **out
{
  $result = SWIG_Python_AppendOutput (
      $result, SWIG_NewPointerObj (*$1, $descriptor(struct smtpreply_parser *),
                                   0));
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

/* smtpreply_extract: a dict of the fields of struct smtpreply_match.  */
%typemap(in, numinputs=0) struct smtpreply_match *out
    (struct smtpreply_match temp)
  "temp.size = sizeof temp; $1 = &temp;";
%typemap(argout) struct smtpreply_match *out
{
  $result = SWIG_Python_AppendOutput (
      $result,
      Py_BuildValue ("{s:I,s:i,s:K,s:N,s:K,s:K,s:K}", "found", $1->found,
                     "code", $1->code, "code_offset",
                     (unsigned long long) $1->code_offset, "enhanced",
                     ($1->found & SMTPREPLY_MATCH_ENHANCED)
                         ? enhanced_to_python (&$1->enhanced)
                         : enhanced_to_python (NULL),
                     "enhanced_offset",
                     (unsigned long long) $1->enhanced_offset,
                     "enhanced_length",
                     (unsigned long long) $1->enhanced_length, "text_offset",
                     (unsigned long long) $1->text_offset));
}

/* smtpreply_response_line and _message: bytes, which may hold any byte
   but NUL and are not NUL-terminated.  Argument 3 is LEN in both.  */
%typemap(in, numinputs=0) size_t *len (size_t temp = 0) "$1 = &temp;";
%typemap(out) const char *smtpreply_response_line,
              const char *smtpreply_response_message
{
  if ($1 == NULL)
    {
      $result = Py_None;
      Py_INCREF (Py_None);
    }
  else
    $result = PyBytes_FromStringAndSize ($1, (Py_ssize_t) *arg3);
}

/* ------------------------------------------------------------------------
   The parsing loop, in C so that it runs without the GIL.  */

%feature("docstring") parser_feed_all
"parser_feed_all(parser, data) -> (replies, used, rc, line, offset)

Feed DATA (bytes or str) to PARSER until it runs out or an error is
found, with the GIL released while the C parser runs.  REPLIES is a
list of tuples (code, enhanced or None, flags, raw lines, lines without
the enhanced code, offset, line number), copied out of the parser.  USED
is the number of bytes taken; RC is 0, or the negative error that
stopped the loop, found at LINE and OFFSET of the stream.  Feed the
bytes after USED in the next call.  PARSER must not be used by two
threads at once.";
PyObject *parser_feed_all (struct smtpreply_parser *p, const char *buf,
                           size_t len);

%include "../smtpreply.i"
