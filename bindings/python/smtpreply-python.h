/* smtpreply-python.h -- the hand-written part of the Python extension.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The extension smtpreply._smtpreply is what SWIG generates from
   smtpreply-python.i, plus what smtpreply-python.c writes by hand: the
   objects that own C state (Parser, Summary), the replies the parser
   hands out, the errors, and the few functions whose speed or shape
   SWIG's wrappers cannot give.  The typemaps of smtpreply-python.i call
   the helpers declared here.  */

#ifndef SMTPREPLY_PYTHON_H
#define SMTPREPLY_PYTHON_H 1

#include <Python.h>

#include "smtpreply.h"

/* Bytes given from Python, and what must be released after the call.  */
struct smtpreply__py_bytes
{
  const char *buf;
  size_t len;
  Py_buffer view;
  int have_view;
  PyObject *owned;
};

/* Add the hand-written types and functions to MODULE.  Return 0, or -1
   with an exception set.  */
int smtpreply__py_init (PyObject *module);

/* Set the Python exception for the library's error RC, with its message
   in language LANG (NULL: the default): MemoryError for
   SMTPREPLY_ENOMEM, else smtpreply.Error.  */
void smtpreply__py_raise (int rc, const char *lang);

/* Set smtpreply.ParseError for RC at byte OFFSET of a single string (its
   line is None).  */
void smtpreply__py_raise_parse (int rc, const char *lang, size_t offset);

/* Point B at the bytes of OBJ: a str (UTF-8, lone surrogates of the
   "surrogateescape" handler turned back into their bytes) or an object
   with the buffer interface.  Return 0, or -1 with TypeError set for
   anything else.  Release B with smtpreply__py_bytes_release.  */
int smtpreply__py_bytes (PyObject *obj, struct smtpreply__py_bytes *b);

/* Release what smtpreply__py_bytes took in B.  NULL is allowed.  */
void smtpreply__py_bytes_release (struct smtpreply__py_bytes *b);

/* Store in *OUT the language OBJ names: NULL for None, else the UTF-8
   of a str, which lives as long as OBJ.  Return 0, or -1 with TypeError
   (not a str) or smtpreply.Error "EBAD_LANG" (a NUL inside) set.  */
int smtpreply__py_lang (PyObject *obj, const char **out);

/* Store in *OUT the UTF-8 of the str OBJ (None: NULL if NONE_OK), for
   arguments that are not languages.  Return 0, or -1 with TypeError or
   ValueError ("embedded null character") set.  */
int smtpreply__py_cstr (PyObject *obj, int none_ok, const char **out);

/* Return a new reference to the Python str of S, a string the library
   keeps for the life of the process (a table's text, a catalog's
   translation), or None if S is NULL.  Strings are decoded once and
   remembered by address.  */
PyObject *smtpreply__py_static_str (const char *s);

/* Store in *E the enhanced status code OBJ: text "5.1.1" (str or bytes)
   or a sequence of three ints.  Return 0, or -1 with ParseError (bad
   text, its message in LANG), TypeError or OverflowError set.  */
int smtpreply__py_enhanced (PyObject *obj, struct smtpreply_enhanced_code *e,
                            const char *lang);

/* Return a new tuple (class, subject, detail) for *E, or None if E is
   NULL.  */
PyObject *
smtpreply__py_enhanced_tuple (const struct smtpreply_enhanced_code *e);

#endif /* SMTPREPLY_PYTHON_H */
