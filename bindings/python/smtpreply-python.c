/* smtpreply-python.c -- the hand-written part of the Python extension.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   SWIG wraps the functions of smtpreply.h one by one.  What it cannot
   give well is written here, in the C API of Python:

   - Parser and Summary, objects that own their C state: it is freed once,
     by close() or when the object goes, and every method takes the
     object's lock, so that threads sharing one, or a finalizer run in the
     middle of a call, never reach freed memory;
   - Reply, the replies the parser hands out, built in the callback of
     smtpreply_parser_scan in one allocation that keeps the reply's bytes;
     its lines and texts are decoded when they are read;
   - the errors, raised or handed out as events, with the library's kind
     and message;
   - describe, extract, classify and annotate_lines, whose arguments and
     answers are Python values, and describe in a few hundred
     nanoseconds.

   The classes and functions of the smtpreply package that these objects
   are made of or hand work to (Error, ParseError, Flag, advise...) are
   written in Python and registered with _register when the package is
   imported.  */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pythread.h>

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply/bounce.h"
#include "smtpreply-python.h"
#include "smtpreply.h"

/* The longest line annotate_lines and Summary.add_lines read; the rest of
   a longer line is left out, as smtpreply_summary_add_lines does.  */
#define LINE_MAX_BYTES (1024 * 1024)

/* The classes of the Python layer that errors and flags are made of, set
   by _register.  */
static PyObject *error_class;
static PyObject *parse_error_class;
static PyObject *flag_class;

/* Everything _register was given, by name: the classes and functions of
   the Python layer that Reply's methods hand their work to.  */
static PyObject *registry;

/* Python ints of 0 to 999, the reply codes among them, made once.  */
#define SMALL_INTS 1000
static PyObject *small_ints[SMALL_INTS];

/* Flag members by value, so that reading Reply.flags calls Flag once per
   combination.  */
static PyObject *flag_cache;

/* What describe answered, by language and then by code: a language named
   per call then costs two dictionary look-ups.  Only languages named
   explicitly are kept (the default can change), and at most this many.  */
static PyObject *describe_memo;
#define DESCRIBE_MEMO_MAX 64

static PyTypeObject ReplyType;
static PyTypeObject ParserType;
static PyTypeObject SummaryType;
static PyTypeObject BounceDataType;

/* ------------------------------------------------------------------------
   Static strings.  */

/* Python strings of the library's static strings, by address.  The
   library never frees or changes them, so an address always stands for
   the same text.  Collisions replace the older entry.  */
#define STR_CACHE_BITS 12
static struct
{
  const char *key;
  PyObject *value;
} str_cache[1 << STR_CACHE_BITS];

PyObject *
smtpreply__py_static_str (const char *s)
{
  if (s == NULL)
    Py_RETURN_NONE;
  size_t h = (size_t) (((uint64_t) (uintptr_t) s * 0x9E3779B97F4A7C15ULL)
                       >> (64 - STR_CACHE_BITS));
  if (str_cache[h].key == s)
    {
      Py_INCREF (str_cache[h].value);
      return str_cache[h].value;
    }
  PyObject *value
      = PyUnicode_DecodeUTF8 (s, (Py_ssize_t) strlen (s), "replace");
  if (value == NULL)
    return NULL;
  PyObject *old = str_cache[h].value;
  str_cache[h].key = s;
  str_cache[h].value = value;
  Py_XDECREF (old);
  Py_INCREF (value);
  return value;
}

/* Return a new str of the LEN bytes at S, invalid UTF-8 replaced.  */
static PyObject *
text_str (const char *s, size_t len)
{
  return PyUnicode_DecodeUTF8 (s, (Py_ssize_t) len, "replace");
}

/* ------------------------------------------------------------------------
   Errors.  */

/* Return a new reference to the kind of error RC, "EBAD_CODE", or to
   "EUNKNOWN" if RC is not an error.  */
static PyObject *
error_kind (int rc)
{
  const char *kind = smtpreply_token_name (SMTPREPLY_TOKEN_ERROR, rc);
  return smtpreply__py_static_str (kind != NULL ? kind : "EUNKNOWN");
}

/* Return a new instance of CLS for error RC with its message in LANG,
   called as CLS (kind, message, errno) or, if LINE is not NULL, as CLS
   (kind, message, errno, LINE, OFFSET).  NULL with an exception set if
   that fails.  */
static PyObject *
error_new (PyObject *cls, int rc, const char *lang, PyObject *line,
           size_t offset)
{
  PyObject *kind = error_kind (rc);
  PyObject *message
      = smtpreply__py_static_str (smtpreply_strerror_lang (rc, lang));
  PyObject *exc = NULL;
  if (kind != NULL && message != NULL)
    {
      if (line == NULL)
        exc = PyObject_CallFunction (cls, "OOi", kind, message, rc);
      else
        exc = PyObject_CallFunction (cls, "OOiOK", kind, message, rc, line,
                                     (unsigned long long) offset);
    }
  Py_XDECREF (kind);
  Py_XDECREF (message);
  return exc;
}

/* Set the exception CLS (or ValueError before _register) for RC.  */
static void
raise_with (PyObject *cls, int rc, const char *lang, PyObject *line,
            size_t offset)
{
  if (rc == SMTPREPLY_ENOMEM)
    {
      PyErr_NoMemory ();
      return;
    }
  if (cls == NULL)
    {
      PyErr_SetString (PyExc_ValueError, smtpreply_strerror_lang (rc, lang));
      return;
    }
  PyObject *exc = error_new (cls, rc, lang, line, offset);
  if (exc != NULL)
    {
      PyErr_SetObject ((PyObject *) Py_TYPE (exc), exc);
      Py_DECREF (exc);
    }
}

void
smtpreply__py_raise (int rc, const char *lang)
{
  raise_with (error_class, rc, lang, NULL, 0);
}

void
smtpreply__py_raise_parse (int rc, const char *lang, size_t offset)
{
  raise_with (parse_error_class, rc, lang, Py_None, offset);
}

/* ------------------------------------------------------------------------
   Arguments.  */

int
smtpreply__py_bytes (PyObject *obj, struct smtpreply__py_bytes *b)
{
  b->buf = NULL;
  b->len = 0;
  b->have_view = 0;
  b->owned = NULL;
  if (PyUnicode_Check (obj))
    {
      Py_ssize_t n;
      const char *s = PyUnicode_AsUTF8AndSize (obj, &n);
      if (s == NULL)
        {
          /* Lone surrogates: those of "surrogateescape" are bytes.  */
          PyErr_Clear ();
          b->owned
              = PyUnicode_AsEncodedString (obj, "utf-8", "surrogateescape");
          if (b->owned == NULL)
            return -1;
          s = PyBytes_AS_STRING (b->owned);
          n = PyBytes_GET_SIZE (b->owned);
        }
      b->buf = s;
      b->len = (size_t) n;
      return 0;
    }
  if (!PyObject_CheckBuffer (obj))
    {
      PyErr_Format (PyExc_TypeError,
                    "a bytes-like object or str is required, not '%.100s'",
                    Py_TYPE (obj)->tp_name);
      return -1;
    }
  if (PyObject_GetBuffer (obj, &b->view, PyBUF_SIMPLE) < 0)
    return -1;
  b->have_view = 1;
  b->buf = b->view.buf;
  b->len = (size_t) b->view.len;
  return 0;
}

void
smtpreply__py_bytes_release (struct smtpreply__py_bytes *b)
{
  if (b == NULL)
    return;
  if (b->have_view)
    PyBuffer_Release (&b->view);
  b->have_view = 0;
  Py_CLEAR (b->owned);
}

int
smtpreply__py_lang (PyObject *obj, const char **out)
{
  *out = NULL;
  if (obj == NULL || obj == Py_None)
    return 0;
  if (!PyUnicode_Check (obj))
    {
      PyErr_Format (PyExc_TypeError,
                    "a language is a str such as \"ru\" or None, "
                    "not '%.100s'",
                    Py_TYPE (obj)->tp_name);
      return -1;
    }
  Py_ssize_t n;
  const char *s = PyUnicode_AsUTF8AndSize (obj, &n);
  if (s == NULL)
    return -1;
  if (strlen (s) != (size_t) n)
    {
      smtpreply__py_raise (SMTPREPLY_EBAD_LANG, NULL);
      return -1;
    }
  *out = s;
  return 0;
}

int
smtpreply__py_cstr (PyObject *obj, int none_ok, const char **out)
{
  *out = NULL;
  if (none_ok && (obj == NULL || obj == Py_None))
    return 0;
  if (obj == NULL || !PyUnicode_Check (obj))
    {
      PyErr_Format (PyExc_TypeError, "a str is required, not '%.100s'",
                    obj != NULL ? Py_TYPE (obj)->tp_name : "nothing");
      return -1;
    }
  Py_ssize_t n;
  const char *s = PyUnicode_AsUTF8AndSize (obj, &n);
  if (s == NULL)
    return -1;
  if (strlen (s) != (size_t) n)
    {
      PyErr_SetString (PyExc_ValueError, "embedded null character");
      return -1;
    }
  *out = s;
  return 0;
}

/* Store in OUT[0..] the arguments of a METH_FASTCALL | METH_KEYWORDS call
   of FNAME: ARGS[0..NARGS) by position, then the keywords KWNAMES, with
   the parameter names NAMES (NULL-terminated), of which the first
   REQUIRED must be given.  OUT must hold NULL for each parameter before
   the call; it holds borrowed references after.  Return 0, or -1 with
   TypeError set.  */
static int
fast_args (const char *fname, PyObject *const *args, Py_ssize_t nargs,
           PyObject *kwnames, const char *const *names, int required,
           PyObject **out)
{
  Py_ssize_t count = 0;
  while (names[count] != NULL)
    count++;
  if (nargs > count)
    {
      PyErr_Format (PyExc_TypeError,
                    "%s() takes at most %zd arguments (%zd given)", fname,
                    count, nargs);
      return -1;
    }
  for (Py_ssize_t i = 0; i < nargs; i++)
    out[i] = args[i];
  Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE (kwnames) : 0;
  for (Py_ssize_t k = 0; k < nkw; k++)
    {
      PyObject *key = PyTuple_GET_ITEM (kwnames, k);
      Py_ssize_t i;
      for (i = 0; i < count; i++)
        if (PyUnicode_CompareWithASCIIString (key, names[i]) == 0)
          break;
      if (i == count)
        {
          PyErr_Format (PyExc_TypeError,
                        "%s() got an unexpected keyword argument '%U'", fname,
                        key);
          return -1;
        }
      if (out[i] != NULL)
        {
          PyErr_Format (PyExc_TypeError,
                        "%s() got multiple values for argument '%s'", fname,
                        names[i]);
          return -1;
        }
      out[i] = args[nargs + k];
    }
  for (int i = 0; i < required; i++)
    if (out[i] == NULL)
      {
        PyErr_Format (PyExc_TypeError, "%s() missing required argument '%s'",
                      fname, names[i]);
        return -1;
      }
  return 0;
}

/* Store in *OUT the truth of OBJ (NULL: DEFAULT).  Return 0 or -1.  */
static int
bool_arg (PyObject *obj, int dflt, int *out)
{
  if (obj == NULL)
    {
      *out = dflt;
      return 0;
    }
  int v = PyObject_IsTrue (obj);
  if (v < 0)
    return -1;
  *out = v;
  return 0;
}

/* Store in *OUT the reply code OBJ: an int, or the text of three digits
   (read by smtpreply_code_parse).  With CHECK, the code must be valid
   (smtpreply_code_check).  Return 0, or -1 with Error (ParseError for
   text, its message in LANG) or TypeError set.  */
static int
code_arg (PyObject *obj, int check, const char *lang, int *out)
{
  int code;
  if (PyLong_Check (obj))
    {
      int overflow = 0;
      long v = PyLong_AsLongAndOverflow (obj, &overflow);
      if (v == -1 && PyErr_Occurred ())
        return -1;
      if (overflow != 0 || v < INT_MIN || v > INT_MAX)
        {
          smtpreply__py_raise (SMTPREPLY_EBAD_CODE, lang);
          return -1;
        }
      code = (int) v;
    }
  else if (PyUnicode_Check (obj) || PyObject_CheckBuffer (obj))
    {
      struct smtpreply__py_bytes b;
      if (smtpreply__py_bytes (obj, &b) < 0)
        return -1;
      size_t bad = 0;
      int rc;
      if (check)
        rc = smtpreply_code_parse (b.buf, b.len, &code, &bad);
      else
        {
          /* Three digits, whatever they are.  */
          rc = 0;
          code = 0;
          for (size_t i = 0; i < 3 && rc == 0; i++)
            if (i >= b.len || b.buf[i] < '0' || b.buf[i] > '9')
              {
                rc = SMTPREPLY_EBAD_CODE;
                bad = i;
              }
            else
              code = code * 10 + (b.buf[i] - '0');
          if (rc == 0 && b.len != 3)
            {
              rc = SMTPREPLY_EBAD_CODE;
              bad = 3;
            }
        }
      smtpreply__py_bytes_release (&b);
      if (rc < 0)
        {
          smtpreply__py_raise_parse (rc, lang, bad);
          return -1;
        }
    }
  else
    {
      PyErr_Format (PyExc_TypeError,
                    "a reply code is an int or a str of three digits, "
                    "not '%.100s'",
                    Py_TYPE (obj)->tp_name);
      return -1;
    }
  if (check)
    {
      int rc = smtpreply_code_check (code);
      if (rc < 0)
        {
          smtpreply__py_raise (rc, lang);
          return -1;
        }
    }
  *out = code;
  return 0;
}

int
smtpreply__py_enhanced (PyObject *obj, struct smtpreply_enhanced_code *e,
                        const char *lang)
{
  if (PyUnicode_Check (obj) || PyObject_CheckBuffer (obj))
    {
      struct smtpreply__py_bytes b;
      if (smtpreply__py_bytes (obj, &b) < 0)
        return -1;
      size_t bad = 0;
      int rc = smtpreply_enhanced_parse (b.buf, b.len, e, &bad);
      smtpreply__py_bytes_release (&b);
      if (rc < 0)
        {
          smtpreply__py_raise_parse (rc, lang, bad);
          return -1;
        }
      return 0;
    }
  if (PyTuple_Check (obj) || PyList_Check (obj))
    {
      PyObject *seq = PySequence_Fast (obj, "");
      if (seq == NULL)
        return -1;
      int parts[3];
      int ok = PySequence_Fast_GET_SIZE (seq) == 3;
      for (Py_ssize_t i = 0; ok && i < 3; i++)
        {
          PyObject *item = PySequence_Fast_GET_ITEM (seq, i);
          if (!PyLong_Check (item))
            {
              ok = 0;
              break;
            }
          int overflow = 0;
          long v = PyLong_AsLongAndOverflow (item, &overflow);
          if (v == -1 && PyErr_Occurred ())
            {
              Py_DECREF (seq);
              return -1;
            }
          if (overflow != 0 || v < INT_MIN || v > INT_MAX)
            {
              Py_DECREF (seq);
              PyErr_SetString (PyExc_OverflowError,
                               "a part of an enhanced status code is out "
                               "of range");
              return -1;
            }
          parts[i] = (int) v;
        }
      Py_DECREF (seq);
      if (ok)
        {
          e->cls = parts[0];
          e->subject = parts[1];
          e->detail = parts[2];
          return 0;
        }
    }
  PyErr_Format (PyExc_TypeError,
                "an enhanced status code is a str like \"5.1.1\" or a "
                "(class, subject, detail) tuple, not '%.100s'",
                Py_TYPE (obj)->tp_name);
  return -1;
}

PyObject *
smtpreply__py_enhanced_tuple (const struct smtpreply_enhanced_code *e)
{
  if (e == NULL)
    Py_RETURN_NONE;
  return Py_BuildValue ("(iii)", e->cls, e->subject, e->detail);
}

/* Store in *OUT the stage OBJ names: None (SMTPREPLY_STAGE_ANY), an int
   (a Stage), or its token ("rcpt", in any case).  Return 0, or -1 with
   Error "EINVAL" (an unknown token or value) or TypeError set.  */
static int
stage_arg (PyObject *obj, const char *lang, int *out)
{
  *out = SMTPREPLY_STAGE_ANY;
  if (obj == NULL || obj == Py_None)
    return 0;
  if (PyLong_Check (obj))
    {
      int overflow = 0;
      long v = PyLong_AsLongAndOverflow (obj, &overflow);
      if (v == -1 && PyErr_Occurred ())
        return -1;
      if (overflow != 0 || v < INT_MIN || v > INT_MAX
          || smtpreply_stage_name ((int) v) == NULL)
        {
          smtpreply__py_raise (SMTPREPLY_EINVAL, lang);
          return -1;
        }
      *out = (int) v;
      return 0;
    }
  if (PyUnicode_Check (obj))
    {
      const char *name;
      if (smtpreply__py_cstr (obj, 0, &name) < 0)
        return -1;
      int rc = smtpreply_token_value (SMTPREPLY_TOKEN_STAGE, name, out);
      if (rc < 0)
        {
          smtpreply__py_raise (rc, lang);
          return -1;
        }
      return 0;
    }
  PyErr_Format (PyExc_TypeError,
                "a stage is a Stage or its name, such as \"rcpt\", "
                "not '%.100s'",
                Py_TYPE (obj)->tp_name);
  return -1;
}

/* ------------------------------------------------------------------------
   A lock that a thread holds while it uses an object's C state.  A thread
   that finds it taken waits with the GIL released; a thread that already
   holds it (a finalizer run in the middle of a call, a callback) is
   refused instead of waiting for itself.  */

struct owned_lock
{
  PyThread_type_lock lock;
  unsigned long owner; /* the thread holding it, or 0 */
};

/* Create L.  Return 0, or -1 with MemoryError set.  */
static int
owned_lock_init (struct owned_lock *l)
{
  l->owner = 0;
  l->lock = PyThread_allocate_lock ();
  if (l->lock == NULL)
    {
      PyErr_NoMemory ();
      return -1;
    }
  return 0;
}

/* Take L for the object named WHAT.  Return 0, or -1 with RuntimeError
   set if this thread holds it already.  */
static int
owned_lock_take (struct owned_lock *l, const char *what)
{
  unsigned long me = PyThread_get_thread_ident ();
  if (l->owner == me)
    {
      PyErr_Format (PyExc_RuntimeError,
                    "the %s is in use by a call of this thread", what);
      return -1;
    }
  if (!PyThread_acquire_lock (l->lock, NOWAIT_LOCK))
    {
      Py_BEGIN_ALLOW_THREADS PyThread_acquire_lock (l->lock, WAIT_LOCK);
      Py_END_ALLOW_THREADS
    }
  l->owner = me;
  return 0;
}

/* Release L.  */
static void
owned_lock_give (struct owned_lock *l)
{
  l->owner = 0;
  PyThread_release_lock (l->lock);
}

/* ------------------------------------------------------------------------
   Replies.  */

/* clang-format off */
typedef struct
{
  PyObject_VAR_HEAD
  int code;
  unsigned int flags;
  int has_enhanced;
  struct smtpreply_enhanced_code enhanced;
  unsigned long long offset;
  unsigned long long line;
  Py_ssize_t line_count;
  Py_ssize_t text_len;
  /* The text of the lines, joined by LF (no line holds one), then one
     byte per line: the length of the enhanced status code and the space
     after it that begin the line, if they do.  Py_SIZE is the sum.  */
  char data[1];
} ReplyObject;
/* clang-format on */

/* Return the skip bytes of SELF.  */
static const unsigned char *
reply_skips (const ReplyObject *self)
{
  return (const unsigned char *) self->data + self->text_len;
}

/* Return a new reply of TYPE made of the reply R of a parser.  */
static PyObject *
reply_from_response (PyTypeObject *type, const struct smtpreply_response *r)
{
  size_t n = smtpreply_response_line_count (r);
  size_t total = n > 0 ? n - 1 : 0;
  for (size_t i = 0; i < n; i++)
    {
      size_t len = 0;
      smtpreply_response_line (r, i, &len);
      total += len;
    }
  if (total > (size_t) PY_SSIZE_T_MAX / 2 || n > (size_t) PY_SSIZE_T_MAX / 2)
    return PyErr_NoMemory ();
  ReplyObject *self
      = (ReplyObject *) type->tp_alloc (type, (Py_ssize_t) (total + n));
  if (self == NULL)
    return NULL;
  self->code = smtpreply_response_code (r);
  self->flags = smtpreply_response_flags (r);
  const struct smtpreply_enhanced_code *e = smtpreply_response_enhanced (r);
  self->has_enhanced = e != NULL;
  if (e != NULL)
    self->enhanced = *e;
  self->offset = smtpreply_response_offset (r);
  self->line = smtpreply_response_line_number (r);
  self->line_count = (Py_ssize_t) n;
  self->text_len = (Py_ssize_t) total;
  char *text = self->data;
  unsigned char *skips = (unsigned char *) self->data + total;
  size_t pos = 0;
  for (size_t i = 0; i < n; i++)
    {
      size_t len = 0;
      size_t message_len = 0;
      const char *s = smtpreply_response_line (r, i, &len);
      smtpreply_response_message (r, i, &message_len);
      if (i > 0)
        text[pos++] = '\n';
      memcpy (text + pos, s, len);
      pos += len;
      size_t skip = len - message_len;
      skips[i] = (unsigned char) (skip <= UCHAR_MAX ? skip : 0);
    }
  return (PyObject *) self;
}

/* Call FN (START, LEN, SKIP, CTX) for each line of SELF, in order.
   Return 0, or the first nonzero value FN returned.  */
static int
reply_each_line (const ReplyObject *self,
                 int (*fn) (const char *, size_t, size_t, void *), void *ctx)
{
  const char *p = self->data;
  const char *end = self->data + self->text_len;
  const unsigned char *skips = reply_skips (self);
  for (Py_ssize_t i = 0; i < self->line_count; i++)
    {
      const char *lf = i + 1 < self->line_count
                           ? memchr (p, '\n', (size_t) (end - p))
                           : NULL;
      size_t len = lf != NULL ? (size_t) (lf - p) : (size_t) (end - p);
      size_t skip = skips[i] <= len ? skips[i] : 0;
      int rc = fn (p, len, skip, ctx);
      if (rc != 0)
        return rc;
      p += len + (lf != NULL);
    }
  return 0;
}

/* What reply_line_item appends to a list.  */
enum line_kind
{
  LINE_RAW,    /* the line as bytes */
  LINE_TEXT,   /* the line as str */
  LINE_MESSAGE /* the line without its enhanced status code, as str */
};

struct line_ctx
{
  PyObject *list;
  enum line_kind kind;
};

/* Append a line to the list of CTX.  Return 0 or -1.  */
static int
reply_line_item (const char *s, size_t len, size_t skip, void *vctx)
{
  struct line_ctx *ctx = vctx;
  PyObject *item;
  switch (ctx->kind)
    {
    case LINE_RAW:
      item = PyBytes_FromStringAndSize (s, (Py_ssize_t) len);
      break;
    case LINE_TEXT:
      item = text_str (s, len);
      break;
    default:
      item = text_str (s + skip, len - skip);
      break;
    }
  if (item == NULL || PyList_Append (ctx->list, item) < 0)
    {
      Py_XDECREF (item);
      return -1;
    }
  Py_DECREF (item);
  return 0;
}

/* Return a new list of the lines of SELF as KIND says.  */
static PyObject *
reply_lines_as (ReplyObject *self, enum line_kind kind)
{
  struct line_ctx ctx = { PyList_New (0), kind };
  if (ctx.list == NULL)
    return NULL;
  if (reply_each_line (self, reply_line_item, &ctx) != 0)
    {
      Py_DECREF (ctx.list);
      return NULL;
    }
  return ctx.list;
}

/* Return the list of the raw lines of the reply SELF, as bytes.  */
static PyObject *
reply_get_raw_lines (PyObject *self, void *closure)
{
  (void) closure;
  return reply_lines_as ((ReplyObject *) self, LINE_RAW);
}

/* Return the list of the lines of the reply SELF, as str.  */
static PyObject *
reply_get_lines (PyObject *self, void *closure)
{
  (void) closure;
  return reply_lines_as ((ReplyObject *) self, LINE_TEXT);
}

/* Return the list of the lines of the reply SELF without their
   enhanced status code, as str.  */
static PyObject *
reply_get_messages (PyObject *self, void *closure)
{
  (void) closure;
  return reply_lines_as ((ReplyObject *) self, LINE_MESSAGE);
}

struct join_ctx
{
  char *buf;
  size_t len;
  size_t count;
};

/* Append a line without its enhanced code to the buffer of CTX.  */
static int
reply_join_message (const char *s, size_t len, size_t skip, void *vctx)
{
  struct join_ctx *ctx = vctx;
  if (ctx->count++ > 0)
    ctx->buf[ctx->len++] = '\n';
  memcpy (ctx->buf + ctx->len, s + skip, len - skip);
  ctx->len += len - skip;
  return 0;
}

/* Return the messages of the reply OBJ joined by LF, as a str.  */
static PyObject *
reply_get_text (PyObject *obj, void *closure)
{
  (void) closure;
  ReplyObject *self = (ReplyObject *) obj;
  const unsigned char *skips = reply_skips (self);
  if (self->line_count == 1)
    {
      size_t skip = skips[0] <= (size_t) self->text_len ? skips[0] : 0;
      return text_str (self->data + skip, (size_t) self->text_len - skip);
    }
  struct join_ctx ctx = { PyMem_Malloc ((size_t) self->text_len + 1), 0, 0 };
  if (ctx.buf == NULL)
    return PyErr_NoMemory ();
  reply_each_line (self, reply_join_message, &ctx);
  PyObject *text = text_str (ctx.buf, ctx.len);
  PyMem_Free (ctx.buf);
  return text;
}

/* Return a new reference to the int N.  */
static PyObject *
int_object (int n)
{
  if (n >= 0 && n < SMALL_INTS && small_ints[n] != NULL)
    {
      Py_INCREF (small_ints[n]);
      return small_ints[n];
    }
  return PyLong_FromLong (n);
}

/* Return the code of the reply SELF.  */
static PyObject *
reply_get_code (PyObject *self, void *closure)
{
  (void) closure;
  return int_object (((ReplyObject *) self)->code);
}

/* Return the enhanced status code of the reply OBJ as a str "5.1.1",
   or None.  */
static PyObject *
reply_get_enhanced (PyObject *obj, void *closure)
{
  (void) closure;
  ReplyObject *self = (ReplyObject *) obj;
  if (!self->has_enhanced)
    Py_RETURN_NONE;
  return PyUnicode_FromFormat ("%d.%d.%d", self->enhanced.cls,
                               self->enhanced.subject, self->enhanced.detail);
}

/* Return the flags of the reply OBJ as a Flag (an int before the
   package registered Flag).  */
static PyObject *
reply_get_flags (PyObject *obj, void *closure)
{
  (void) closure;
  ReplyObject *self = (ReplyObject *) obj;
  PyObject *value = PyLong_FromUnsignedLong (self->flags);
  if (value == NULL || flag_class == NULL)
    return value;
  PyObject *flag = PyDict_GetItemWithError (flag_cache, value);
  if (flag != NULL)
    {
      Py_DECREF (value);
      Py_INCREF (flag);
      return flag;
    }
  if (PyErr_Occurred ())
    {
      Py_DECREF (value);
      return NULL;
    }
  flag = PyObject_CallFunctionObjArgs (flag_class, value, NULL);
  if (flag != NULL && PyDict_SetItem (flag_cache, value, flag) < 0)
    Py_CLEAR (flag);
  Py_DECREF (value);
  return flag;
}

/* Return the stream offset of the reply SELF.  */
static PyObject *
reply_get_offset (PyObject *self, void *closure)
{
  (void) closure;
  return PyLong_FromUnsignedLongLong (((ReplyObject *) self)->offset);
}

/* Return the line number of the reply SELF.  */
static PyObject *
reply_get_line (PyObject *self, void *closure)
{
  (void) closure;
  return PyLong_FromUnsignedLongLong (((ReplyObject *) self)->line);
}

/* Return False: a reply is no error.  */
static PyObject *
reply_get_is_error (PyObject *self, void *closure)
{
  (void) self;
  (void) closure;
  Py_RETURN_FALSE;
}

/* The predicates, by the first digit of the code: CLOSURE is a mask of
   the classes (1 << digit) for which they are true.  */
static PyObject *
reply_get_class_is (PyObject *self, void *closure)
{
  int first = ((ReplyObject *) self)->code / 100;
  uintptr_t mask = (uintptr_t) closure;
  return PyBool_FromLong (first >= 0 && first < 10
                          && (mask & ((uintptr_t) 1 << first)) != 0);
}

/* Return the object registered as NAME (borrowed), or NULL with
   RuntimeError set if the package did not register it.  */
static PyObject *
registered (const char *name)
{
  PyObject *obj
      = registry != NULL ? PyDict_GetItemString (registry, name) : NULL;
  if (obj == NULL)
    PyErr_Format (PyExc_RuntimeError,
                  "smtpreply._smtpreply: nothing registered as %s", name);
  return obj;
}

/* Return what the registered NAME returns for ARGS.  */
static PyObject *
call_registered (const char *name, PyObject *args)
{
  PyObject *fn = registered (name);
  if (fn == NULL || args == NULL)
    {
      Py_XDECREF (args);
      return NULL;
    }
  PyObject *result = PyObject_CallObject (fn, args);
  Py_DECREF (args);
  return result;
}

/* Return the enhanced status code of the reply OBJ as an EnhancedCode,
   or None.  */
static PyObject *
reply_get_enhanced_code (PyObject *obj, void *closure)
{
  (void) closure;
  ReplyObject *self = (ReplyObject *) obj;
  if (!self->has_enhanced)
    Py_RETURN_NONE;
  return call_registered ("enhanced_code",
                          Py_BuildValue ("(iii)", self->enhanced.cls,
                                         self->enhanced.subject,
                                         self->enhanced.detail));
}

/* Return the class of the code of the reply OBJ, a ReplyClass.  */
static PyObject *
reply_get_reply_class (PyObject *obj, void *closure)
{
  (void) closure;
  return call_registered (
      "reply_class", Py_BuildValue ("(i)", ((ReplyObject *) obj)->code / 100));
}

/* Return the category of the code of the reply OBJ, a Category.  */
static PyObject *
reply_get_category (PyObject *obj, void *closure)
{
  (void) closure;
  return call_registered (
      "category",
      Py_BuildValue ("(i)", ((ReplyObject *) obj)->code / 10 % 10));
}

/* Return the description of the code of the reply OBJ in the language
   given, or None.  */
static PyObject *
reply_describe (PyObject *obj, PyObject *const *args, Py_ssize_t nargs,
                PyObject *kwnames)
{
  static const char *const names[] = { "lang", NULL };
  PyObject *a[1] = { NULL };
  const char *lang;
  if (fast_args ("describe", args, nargs, kwnames, names, 0, a) < 0
      || smtpreply__py_lang (a[0], &lang) < 0)
    return NULL;
  return smtpreply__py_static_str (
      smtpreply_reply_describe_lang (((ReplyObject *) obj)->code, lang));
}

/* Return the description of the enhanced status code of the reply OBJ
   in the language given, or None if it has none.  */
static PyObject *
reply_describe_enhanced (PyObject *obj, PyObject *const *args,
                         Py_ssize_t nargs, PyObject *kwnames)
{
  static const char *const names[] = { "lang", NULL };
  PyObject *a[1] = { NULL };
  const char *lang;
  if (fast_args ("describe_enhanced", args, nargs, kwnames, names, 0, a) < 0
      || smtpreply__py_lang (a[0], &lang) < 0)
    return NULL;
  ReplyObject *self = (ReplyObject *) obj;
  if (!self->has_enhanced)
    Py_RETURN_NONE;
  return smtpreply__py_static_str (
      smtpreply_enhanced_describe_lang (&self->enhanced, lang));
}

/* Return smtpreply.advise (OBJ, None, stage, lang).  */
static PyObject *
reply_advise (PyObject *obj, PyObject *const *args, Py_ssize_t nargs,
              PyObject *kwnames)
{
  static const char *const names[] = { "stage", "lang", NULL };
  PyObject *a[2] = { NULL, NULL };
  if (fast_args ("advise", args, nargs, kwnames, names, 0, a) < 0)
    return NULL;
  return call_registered ("advise",
                          Py_BuildValue ("(OOOO)", obj, Py_None,
                                         a[0] != NULL ? a[0] : Py_None,
                                         a[1] != NULL ? a[1] : Py_None));
}

/* Return the Verdict of smtpreply.classify on the reply OBJ.  */
static PyObject *
reply_classify (PyObject *obj, PyObject *const *args, Py_ssize_t nargs,
                PyObject *kwnames)
{
  static const char *const names[] = { "stage", "remote_mta", "lang", NULL };
  PyObject *a[3] = { NULL, NULL, NULL };
  if (fast_args ("classify", args, nargs, kwnames, names, 0, a) < 0)
    return NULL;
  return call_registered ("classify_reply",
                          Py_BuildValue ("(OOOO)", obj,
                                         a[0] != NULL ? a[0] : Py_None,
                                         a[1] != NULL ? a[1] : Py_None,
                                         a[2] != NULL ? a[2] : Py_None));
}

/* The length at which repr cuts the first message.  */
#define REPR_TEXT 60

/* Return the repr of the reply OBJ: "<Reply 550 5.1.1 'No such user'
   (2 lines) flags=BARE_LF line=1>".  */
static PyObject *
reply_repr (PyObject *obj)
{
  ReplyObject *self = (ReplyObject *) obj;
  PyObject *parts = PyList_New (0);
  PyObject *messages = reply_lines_as (self, LINE_MESSAGE);
  PyObject *first = NULL, *flags = NULL, *sep = NULL, *joined = NULL;
  if (parts == NULL || messages == NULL)
    goto done;
  first = PyList_GET_ITEM (messages, 0);
  Py_INCREF (first);
  if (PyUnicode_GET_LENGTH (first) > REPR_TEXT)
    {
      /* Cut, with a horizontal ellipsis.  */
      PyObject *cut = PyUnicode_Substring (first, 0, REPR_TEXT - 1);
      PyObject *dots = PyUnicode_FromOrdinal (0x2026);
      Py_SETREF (first, cut == NULL || dots == NULL
                            ? NULL
                            : PyUnicode_Concat (cut, dots));
      Py_XDECREF (cut);
      Py_XDECREF (dots);
      if (first == NULL)
        goto done;
    }
  flags = reply_get_flags (obj, NULL);
  if (flags == NULL)
    goto done;
  int has_flags = PyObject_IsTrue (flags);
  PyObject *items[5] = {
    PyUnicode_FromFormat ("%d", self->code),
    self->has_enhanced ? reply_get_enhanced (obj, NULL) : NULL,
    PyObject_Repr (first),
    PyList_GET_SIZE (messages) > 1
        ? PyUnicode_FromFormat ("(%zd lines)", PyList_GET_SIZE (messages))
        : NULL,
    has_flags > 0 ? PyUnicode_FromFormat ("flags=%S", flags) : NULL,
  };
  int failed = has_flags < 0 || items[0] == NULL || items[2] == NULL
               || (self->has_enhanced && items[1] == NULL);
  for (int i = 0; i < 5; i++)
    if (items[i] != NULL)
      {
        if (!failed && PyList_Append (parts, items[i]) < 0)
          failed = 1;
        Py_DECREF (items[i]);
      }
  if (failed)
    goto done;
  PyObject *line = PyUnicode_FromFormat ("line=%llu", self->line);
  if (line == NULL || PyList_Append (parts, line) < 0)
    {
      Py_XDECREF (line);
      goto done;
    }
  Py_DECREF (line);
  sep = PyUnicode_FromString (" ");
  if (sep != NULL)
    joined = PyUnicode_Join (sep, parts);
done:
  {
    PyObject *result
        = joined != NULL ? PyUnicode_FromFormat ("<Reply %U>", joined) : NULL;
    Py_XDECREF (parts);
    Py_XDECREF (messages);
    Py_XDECREF (first);
    Py_XDECREF (flags);
    Py_XDECREF (sep);
    Py_XDECREF (joined);
    return result;
  }
}

static PyGetSetDef reply_getset[] = {
  { "code", reply_get_code, NULL,
    "The reply code (of its first line), e.g. 550.", NULL },
  { "enhanced", reply_get_enhanced, NULL,
    "The enhanced status code of the first line as a str, e.g. \"5.1.1\", "
    "or None.",
    NULL },
  { "flags", reply_get_flags, NULL,
    "The parser's diagnostics: how the reply deviates from RFC 5321 (a "
    "Flag).",
    NULL },
  { "raw_lines", reply_get_raw_lines, NULL,
    "The text of each line after the code and its separator, without the "
    "line ending, as bytes.",
    NULL },
  { "lines", reply_get_lines, NULL,
    "The same lines as str (UTF-8, invalid bytes replaced by U+FFFD).", NULL },
  { "messages", reply_get_messages, NULL,
    "The lines without the enhanced status code that begins them, as "
    "str.",
    NULL },
  { "text", reply_get_text, NULL, "The messages joined by \"\\n\".", NULL },
  { "offset", reply_get_offset, NULL,
    "The offset in the stream of the reply's first byte, from 0.", NULL },
  { "line", reply_get_line, NULL,
    "The line number in the stream of the reply's first line, from 1.", NULL },
  { "is_error", reply_get_is_error, NULL,
    "False: a reply is not an error (ParseError.is_error is True).", NULL },
  { "is_preliminary", reply_get_class_is, NULL, "1yz: wait for another reply.",
    (void *) (uintptr_t) (1 << 1) },
  { "is_success", reply_get_class_is, NULL, "2yz: the command succeeded.",
    (void *) (uintptr_t) (1 << 2) },
  { "is_intermediate", reply_get_class_is, NULL, "3yz: send more.",
    (void *) (uintptr_t) (1 << 3) },
  { "is_transient", reply_get_class_is, NULL, "4yz: retry later.",
    (void *) (uintptr_t) (1 << 4) },
  { "enhanced_code", reply_get_enhanced_code, NULL,
    "The enhanced status code as an EnhancedCode, or None.", NULL },
  { "reply_class", reply_get_reply_class, NULL,
    "The class of the code (first digit), a ReplyClass.", NULL },
  { "category", reply_get_category, NULL,
    "The category of the code (second digit), a Category.", NULL },
  { "is_permanent", reply_get_class_is, NULL, "5yz: do not retry as is.",
    (void *) (uintptr_t) (1 << 5) },
  { "is_failure", reply_get_class_is, NULL, "4yz or 5yz.",
    (void *) (uintptr_t) ((1 << 4) | (1 << 5)) },
  { NULL, NULL, NULL, NULL, NULL }
};

/* Tell whether replies A and B hold the same values.  */
static int
reply_same (const ReplyObject *a, const ReplyObject *b)
{
  return a->code == b->code && a->flags == b->flags
         && a->has_enhanced == b->has_enhanced
         && (!a->has_enhanced
             || (a->enhanced.cls == b->enhanced.cls
                 && a->enhanced.subject == b->enhanced.subject
                 && a->enhanced.detail == b->enhanced.detail))
         && a->offset == b->offset && a->line == b->line
         && a->line_count == b->line_count && a->text_len == b->text_len
         && memcmp (a->data, b->data, (size_t) Py_SIZE (a)) == 0;
}

/* Return whether replies A and B are equal (OP Py_EQ) or not (Py_NE).  */
static PyObject *
reply_richcompare (PyObject *a, PyObject *b, int op)
{
  if ((op != Py_EQ && op != Py_NE) || !PyObject_TypeCheck (a, &ReplyType)
      || !PyObject_TypeCheck (b, &ReplyType))
    Py_RETURN_NOTIMPLEMENTED;
  int same = reply_same ((ReplyObject *) a, (ReplyObject *) b);
  return PyBool_FromLong (op == Py_EQ ? same : !same);
}

/* Return the hash of the reply OBJ, of all its fields.  */
static Py_hash_t
reply_hash (PyObject *obj)
{
  ReplyObject *self = (ReplyObject *) obj;
  Py_uhash_t h = 1469598103934665603ULL;
  const unsigned char *p = (const unsigned char *) self->data;
  for (Py_ssize_t i = 0; i < Py_SIZE (self); i++)
    h = (h ^ p[i]) * 1099511628211ULL;
  h ^= (Py_uhash_t) self->code * 31 + self->flags;
  h ^= (Py_uhash_t) self->offset * 7 + (Py_uhash_t) self->line;
  if (h == (Py_uhash_t) -1)
    h = (Py_uhash_t) -2;
  return (Py_hash_t) h;
}

/* Return what pickle needs to make the reply OBJ again.  */
static PyObject *
reply_reduce (PyObject *obj, PyObject *unused)
{
  (void) unused;
  ReplyObject *self = (ReplyObject *) obj;
  PyObject *restore
      = PyObject_GetAttrString ((PyObject *) &ReplyType, "_restore");
  if (restore == NULL)
    return NULL;
  PyObject *enhanced = smtpreply__py_enhanced_tuple (
      self->has_enhanced ? &self->enhanced : NULL);
  PyObject *result = Py_BuildValue (
      "(N(OiINKKny#))", restore, (PyObject *) Py_TYPE (self), self->code,
      self->flags, enhanced, self->offset, self->line, self->line_count,
      self->data, Py_SIZE (self));
  return result;
}

/* _restore (type, code, flags, enhanced, offset, line, line_count, data):
   the reply that reply_reduce describes, checked.  */
static PyObject *
reply_restore (PyObject *cls, PyObject *args)
{
  (void) cls;
  PyTypeObject *type;
  int code;
  unsigned int flags;
  PyObject *enhanced;
  unsigned long long offset, line;
  Py_ssize_t line_count;
  const char *data;
  Py_ssize_t size;
  if (!PyArg_ParseTuple (args, "O!iIOKKny#:_restore", &PyType_Type, &type,
                         &code, &flags, &enhanced, &offset, &line, &line_count,
                         &data, &size))
    return NULL;
  if (!PyType_IsSubtype (type, &ReplyType))
    {
      PyErr_SetString (PyExc_TypeError, "not a Reply type");
      return NULL;
    }
  int ok = line_count >= 1 && line_count <= size;
  Py_ssize_t text_len = size - line_count;
  Py_ssize_t lfs = 0;
  for (Py_ssize_t i = 0; ok && i < text_len; i++)
    lfs += data[i] == '\n';
  if (!ok || lfs != line_count - 1)
    {
      PyErr_SetString (PyExc_ValueError, "not the state of a Reply");
      return NULL;
    }
  struct smtpreply_enhanced_code e = { 0, 0, 0 };
  if (enhanced != Py_None && smtpreply__py_enhanced (enhanced, &e, NULL) < 0)
    return NULL;
  ReplyObject *self = (ReplyObject *) type->tp_alloc (type, size);
  if (self == NULL)
    return NULL;
  self->code = code;
  self->flags = flags;
  self->has_enhanced = enhanced != Py_None;
  self->enhanced = e;
  self->offset = offset;
  self->line = line;
  self->line_count = line_count;
  self->text_len = text_len;
  memcpy (self->data, data, (size_t) size);
  return (PyObject *) self;
}

/* Refuse to make a reply: only the parser makes them.  */
static PyObject *
reply_new (PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void) type;
  (void) args;
  (void) kwds;
  PyErr_SetString (PyExc_TypeError,
                   "replies come from a Parser; they are not made directly");
  return NULL;
}

static PyMethodDef reply_methods[] = {
  { "describe", (PyCFunction) (void (*) (void)) reply_describe,
    METH_FASTCALL | METH_KEYWORDS,
    "describe($self, /, lang=None)\n--\n\n"
    "Return what the reply code means, in LANG (None if the table does "
    "not list it)." },
  { "describe_enhanced",
    (PyCFunction) (void (*) (void)) reply_describe_enhanced,
    METH_FASTCALL | METH_KEYWORDS,
    "describe_enhanced($self, /, lang=None)\n--\n\n"
    "Return what the enhanced status code means, in LANG, or None if the "
    "reply has none." },
  { "advise", (PyCFunction) (void (*) (void)) reply_advise,
    METH_FASTCALL | METH_KEYWORDS,
    "advise($self, /, stage=None, lang=None)\n--\n\n"
    "Return the advice on this reply in answer to STAGE; see "
    "smtpreply.advise()." },
  { "classify", (PyCFunction) (void (*) (void)) reply_classify,
    METH_FASTCALL | METH_KEYWORDS,
    "classify($self, /, stage=None, remote_mta=None, lang=None)\n--\n\n"
    "Return the verdict on this reply (its code, enhanced code and text) "
    "in answer to STAGE from REMOTE_MTA; see smtpreply.classify()." },
  { "__reduce__", reply_reduce, METH_NOARGS, "Pickle support." },
  { "_restore", reply_restore, METH_VARARGS | METH_STATIC,
    "Return the reply __reduce__ describes." },
  { NULL, NULL, 0, NULL }
};

/* clang-format off */
static PyTypeObject ReplyType = {
  PyVarObject_HEAD_INIT (NULL, 0)
  .tp_name = "smtpreply.Reply",
  .tp_basicsize = offsetof (ReplyObject, data),
  .tp_itemsize = 1,
  .tp_flags = Py_TPFLAGS_DEFAULT,
  .tp_doc = "A reply the parser read: one or more lines with the same code."
            "\n\n"
            "Its attributes are read-only; the texts are made from the "
            "reply's bytes when they are read.  Server text is untrusted: "
            "show it to a person through display_safe().  Replies come from "
            "a Parser; they compare equal when every field is, and pickle.",
  .tp_repr = reply_repr,
  .tp_getset = reply_getset,
  .tp_methods = reply_methods,
  .tp_richcompare = reply_richcompare,
  .tp_hash = reply_hash,
  .tp_new = reply_new,
};
/* clang-format on */

/* ------------------------------------------------------------------------
   The parser.  */

/* clang-format off */
typedef struct
{
  PyObject_HEAD
  struct smtpreply_parser *p; /* NULL once closed */
  struct owned_lock lock;
  PyObject *lang; /* a str, or None */
  unsigned int strict;
} ParserObject;
/* clang-format on */

/* Return a new parser of TYPE with the default limits.  */
static PyObject *
parser_new (PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  (void) args;
  (void) kwds;
  ParserObject *self = (ParserObject *) type->tp_alloc (type, 0);
  if (self == NULL)
    return NULL;
  self->lang = Py_None;
  Py_INCREF (Py_None);
  if (owned_lock_init (&self->lock) < 0)
    {
      Py_DECREF (self);
      return NULL;
    }
  int rc = smtpreply_parser_new (&self->p);
  if (rc < 0)
    {
      Py_DECREF (self);
      smtpreply__py_raise (rc, NULL);
      return NULL;
    }
  return (PyObject *) self;
}

/* Free the parser OBJ and its C parser.  */
static void
parser_dealloc (PyObject *obj)
{
  ParserObject *self = (ParserObject *) obj;
  smtpreply_parser_free (self->p);
  self->p = NULL;
  if (self->lock.lock != NULL)
    PyThread_free_lock (self->lock.lock);
  Py_CLEAR (self->lang);
  Py_TYPE (obj)->tp_free (obj);
}

/* Take the lock of SELF, which must be open.  Return 0 or -1.  */
static int
parser_enter (ParserObject *self)
{
  if (owned_lock_take (&self->lock, "Parser") < 0)
    return -1;
  if (self->p == NULL)
    {
      owned_lock_give (&self->lock);
      PyErr_SetString (PyExc_ValueError, "the Parser is closed");
      return -1;
    }
  return 0;
}

/* Set limit WHICH of SELF to VALUE.  Return 0 or -1.  */
static int
parser_set_limit (ParserObject *self, int which, PyObject *value)
{
  if (value == NULL)
    {
      PyErr_SetString (PyExc_AttributeError, "a limit cannot be deleted");
      return -1;
    }
  if (!PyLong_Check (value))
    {
      PyErr_Format (PyExc_TypeError, "a limit is an int, not '%.100s'",
                    Py_TYPE (value)->tp_name);
      return -1;
    }
  const char *lang = NULL;
  if (smtpreply__py_lang (self->lang, &lang) < 0)
    return -1;
  size_t v = PyLong_AsSize_t (value);
  if (v == (size_t) -1 && PyErr_Occurred ())
    {
      if (!PyErr_ExceptionMatches (PyExc_OverflowError))
        return -1;
      PyErr_Clear ();
      smtpreply__py_raise (SMTPREPLY_EINVAL, lang);
      return -1;
    }
  if (parser_enter (self) < 0)
    return -1;
  int rc = smtpreply_parser_set_limit (self->p, which, v);
  owned_lock_give (&self->lock);
  if (rc < 0)
    {
      smtpreply__py_raise (rc, lang);
      return -1;
    }
  return 0;
}

/* Make the flags of VALUE (a Flag, an int mask, True or False) errors.  */
static int
parser_set_strict_value (ParserObject *self, PyObject *value)
{
  if (value == NULL)
    {
      PyErr_SetString (PyExc_AttributeError, "strict cannot be deleted");
      return -1;
    }
  unsigned int mask;
  if (value == Py_True)
    mask = smtpreply_flag_all ();
  else if (value == Py_False)
    mask = 0;
  else if (PyLong_Check (value))
    {
      unsigned long v = PyLong_AsUnsignedLong (value);
      if (v == (unsigned long) -1 && PyErr_Occurred ())
        {
          if (!PyErr_ExceptionMatches (PyExc_OverflowError))
            return -1;
          PyErr_Clear ();
          v = ~0UL;
        }
      mask = v > UINT_MAX ? UINT_MAX : (unsigned int) v;
      if ((mask & ~smtpreply_flag_all ()) != 0)
        {
          const char *lang = NULL;
          smtpreply__py_lang (self->lang, &lang);
          smtpreply__py_raise (SMTPREPLY_EINVAL, lang);
          return -1;
        }
    }
  else
    {
      PyErr_Format (PyExc_TypeError,
                    "strict is a Flag, an int mask, True or False, not "
                    "'%.100s'",
                    Py_TYPE (value)->tp_name);
      return -1;
    }
  if (parser_enter (self) < 0)
    return -1;
  int rc = smtpreply_parser_set_strict (self->p, mask);
  if (rc == 0)
    self->strict = mask;
  owned_lock_give (&self->lock);
  if (rc < 0)
    {
      smtpreply__py_raise (rc, NULL);
      return -1;
    }
  return 0;
}

/* Set the language of SELF's error messages to VALUE.  */
static int
parser_set_lang_value (ParserObject *self, PyObject *value)
{
  const char *lang;
  if (value == NULL)
    value = Py_None;
  if (smtpreply__py_lang (value, &lang) < 0)
    return -1;
  Py_INCREF (value);
  Py_SETREF (self->lang, value);
  return 0;
}

/* Set the options of the parser OBJ.  Return 0 or -1.  */
static int
parser_init (PyObject *obj, PyObject *args, PyObject *kwds)
{
  ParserObject *self = (ParserObject *) obj;
  static char *names[] = { "max_line_length", "max_lines", "max_reply_bytes",
                           "strict",          "lang",      NULL };
  PyObject *limits[3] = { Py_None, Py_None, Py_None };
  PyObject *strict = NULL;
  PyObject *lang = Py_None;
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "|$OOOOO:Parser", names,
                                    &limits[0], &limits[1], &limits[2],
                                    &strict, &lang))
    return -1;
  if (parser_set_lang_value (self, lang) < 0)
    return -1;
  static const int which[3]
      = { SMTPREPLY_LIMIT_LINE_LENGTH, SMTPREPLY_LIMIT_LINES,
          SMTPREPLY_LIMIT_REPLY_BYTES };
  for (int i = 0; i < 3; i++)
    if (limits[i] != Py_None
        && parser_set_limit (self, which[i], limits[i]) < 0)
      return -1;
  if (strict != NULL && parser_set_strict_value (self, strict) < 0)
    return -1;
  return 0;
}

/* What the scan callback builds its events with.  */
struct scan_ctx
{
  PyObject *events;
  const char *lang;
  PyTypeObject *reply_type;
  int failed;
};

/* The callback of smtpreply_parser_scan: append the reply R, or the
   error ERROR, to the events.  */
static int
scan_event (void *vctx, struct smtpreply_parser *p,
            const struct smtpreply_response *r, int error)
{
  struct scan_ctx *ctx = vctx;
  PyObject *event;
  if (r != NULL)
    event = reply_from_response (ctx->reply_type, r);
  else
    {
      PyObject *line = PyLong_FromSize_t (smtpreply_parser_error_line (p));
      event = line == NULL
                  ? NULL
                  : error_new (parse_error_class != NULL ? parse_error_class
                                                         : PyExc_ValueError,
                               error, ctx->lang, line,
                               smtpreply_parser_error_offset (p));
      Py_XDECREF (line);
    }
  if (event == NULL || PyList_Append (ctx->events, event) < 0)
    {
      Py_XDECREF (event);
      ctx->failed = 1;
      return 1;
    }
  Py_DECREF (event);
  return 0;
}

/* Scan the LEN bytes at BUF with SELF (to the end of the stream if
   FINISH) and return the list of events.  */
static PyObject *
parser_run (ParserObject *self, const char *buf, size_t len, int finish)
{
  PyObject *lang_obj = self->lang;
  Py_INCREF (lang_obj);
  struct scan_ctx ctx = { NULL, NULL, &ReplyType, 0 };
  if (smtpreply__py_lang (lang_obj, &ctx.lang) < 0)
    {
      Py_DECREF (lang_obj);
      return NULL;
    }
  ctx.events = PyList_New (0);
  if (ctx.events == NULL || parser_enter (self) < 0)
    {
      Py_XDECREF (ctx.events);
      Py_DECREF (lang_obj);
      return NULL;
    }
  int rc = smtpreply_parser_scan (self->p, buf, len, finish, scan_event, &ctx,
                                  NULL);
  if (rc != 0)
    /* An event could not be made (out of memory): the rest of the bytes
       are lost, so the stream starts again.  */
    smtpreply_parser_reset (self->p);
  owned_lock_give (&self->lock);
  Py_DECREF (lang_obj);
  if (rc != 0)
    {
      Py_DECREF (ctx.events);
      if (!ctx.failed)
        smtpreply__py_raise (rc < 0 ? rc : SMTPREPLY_EINVAL, NULL);
      return NULL;
    }
  return ctx.events;
}

/* Return the events the bytes given complete in the parser OBJ.  */
static PyObject *
parser_feed (PyObject *obj, PyObject *const *args, Py_ssize_t nargs,
             PyObject *kwnames)
{
  static const char *const names[] = { "data", NULL };
  PyObject *data = NULL;
  if (fast_args ("feed", args, nargs, kwnames, names, 0, &data) < 0)
    return NULL;
  if (data == NULL)
    return parser_run ((ParserObject *) obj, NULL, 0, 0);
  struct smtpreply__py_bytes b;
  if (smtpreply__py_bytes (data, &b) < 0)
    return NULL;
  PyObject *events = parser_run ((ParserObject *) obj, b.buf, b.len, 0);
  smtpreply__py_bytes_release (&b);
  return events;
}

/* Return the events of the end of the stream of the parser OBJ.  */
static PyObject *
parser_finish (PyObject *obj, PyObject *unused)
{
  (void) unused;
  return parser_run ((ParserObject *) obj, NULL, 0, 1);
}

/* Make the parser OBJ read a new stream.  Return None.  */
static PyObject *
parser_reset (PyObject *obj, PyObject *unused)
{
  (void) unused;
  ParserObject *self = (ParserObject *) obj;
  if (parser_enter (self) < 0)
    return NULL;
  smtpreply_parser_reset (self->p);
  owned_lock_give (&self->lock);
  Py_RETURN_NONE;
}

/* Free the C parser of OBJ, once.  Return None.  */
static PyObject *
parser_close (PyObject *obj, PyObject *unused)
{
  (void) unused;
  ParserObject *self = (ParserObject *) obj;
  if (owned_lock_take (&self->lock, "Parser") < 0)
    return NULL;
  smtpreply_parser_free (self->p);
  self->p = NULL;
  owned_lock_give (&self->lock);
  Py_RETURN_NONE;
}

/* Return the parser OBJ, for a with block.  */
static PyObject *
parser_enter_ctx (PyObject *obj, PyObject *unused)
{
  (void) unused;
  if (((ParserObject *) obj)->p == NULL)
    {
      PyErr_SetString (PyExc_ValueError, "the Parser is closed");
      return NULL;
    }
  Py_INCREF (obj);
  return obj;
}

/* Close the parser OBJ at the end of a with block.  Return False.  */
static PyObject *
parser_exit_ctx (PyObject *obj, PyObject *args)
{
  (void) args;
  PyObject *r = parser_close (obj, NULL);
  if (r == NULL)
    return NULL;
  Py_DECREF (r);
  Py_RETURN_FALSE;
}

/* Return the limit CLOSURE of the parser OBJ.  */
static PyObject *
parser_get_limit (PyObject *obj, void *closure)
{
  ParserObject *self = (ParserObject *) obj;
  if (parser_enter (self) < 0)
    return NULL;
  size_t v = smtpreply_parser_get_limit (self->p, (int) (intptr_t) closure);
  owned_lock_give (&self->lock);
  return PyLong_FromSize_t (v);
}

/* Set the limit CLOSURE of the parser OBJ to VALUE.  Return 0 or -1.  */
static int
parser_set_limit_attr (PyObject *obj, PyObject *value, void *closure)
{
  return parser_set_limit ((ParserObject *) obj, (int) (intptr_t) closure,
                           value);
}

/* Return the strict flags of the parser OBJ, as a Flag.  */
static PyObject *
parser_get_strict (PyObject *obj, void *closure)
{
  (void) closure;
  PyObject *mask = PyLong_FromUnsignedLong (((ParserObject *) obj)->strict);
  if (mask == NULL || flag_class == NULL)
    return mask;
  PyObject *flag = PyObject_CallFunctionObjArgs (flag_class, mask, NULL);
  Py_DECREF (mask);
  return flag;
}

/* Set the strict flags of the parser OBJ.  Return 0 or -1.  */
static int
parser_set_strict (PyObject *obj, PyObject *value, void *closure)
{
  (void) closure;
  return parser_set_strict_value ((ParserObject *) obj, value);
}

/* Return the language of the messages of the parser OBJ.  */
static PyObject *
parser_get_lang (PyObject *obj, void *closure)
{
  (void) closure;
  PyObject *lang = ((ParserObject *) obj)->lang;
  Py_INCREF (lang);
  return lang;
}

/* Set the language of the messages of the parser OBJ.  Return 0 or -1.  */
static int
parser_set_lang (PyObject *obj, PyObject *value, void *closure)
{
  (void) closure;
  return parser_set_lang_value ((ParserObject *) obj, value);
}

/* Return whether the parser OBJ was closed.  */
static PyObject *
parser_get_closed (PyObject *obj, void *closure)
{
  (void) closure;
  return PyBool_FromLong (((ParserObject *) obj)->p == NULL);
}

static PyGetSetDef parser_getset[] = {
  { "max_line_length", parser_get_limit, parser_set_limit_attr,
    "The longest line the parser takes, its code and line ending included "
    "(default 512, RFC 5321 4.5.3.1.5; at most 1 MiB).  Setting a value "
    "out of range raises Error \"EINVAL\".",
    (void *) (intptr_t) SMTPREPLY_LIMIT_LINE_LENGTH },
  { "max_lines", parser_get_limit, parser_set_limit_attr,
    "The most lines of one reply (default 1000, at most 1000000).",
    (void *) (intptr_t) SMTPREPLY_LIMIT_LINES },
  { "max_reply_bytes", parser_get_limit, parser_set_limit_attr,
    "The most bytes of one reply (default 64 KiB, at most 64 MiB).",
    (void *) (intptr_t) SMTPREPLY_LIMIT_REPLY_BYTES },
  { "strict", parser_get_strict, parser_set_strict,
    "The flags that are errors rather than flags on the reply (a Flag); "
    "set it to a Flag, an int mask, True (all) or False (none).",
    NULL },
  { "lang", parser_get_lang, parser_set_lang,
    "The language of the messages of the errors (None: the default).", NULL },
  { "closed", parser_get_closed, NULL, "True once close() was called.", NULL },
  { NULL, NULL, NULL, NULL, NULL }
};

static PyMethodDef parser_methods[] = {
  { "feed", (PyCFunction) (void (*) (void)) parser_feed,
    METH_FASTCALL | METH_KEYWORDS,
    "feed($self, /, data=b'')\n--\n\n"
    "Parse DATA (bytes, or str encoded as UTF-8), the next bytes of the "
    "stream, and return what they completed, in stream order: replies "
    "(Reply) and errors (ParseError, returned, not raised), each error "
    "once, the same for any chunking." },
  { "finish", parser_finish, METH_NOARGS,
    "finish($self, /)\n--\n\n"
    "Tell the parser the stream ended and return the events of its end: "
    "a ParseError \"ETRUNCATED\" if it ended inside a reply.  The parser "
    "then reads a new stream." },
  { "reset", parser_reset, METH_NOARGS,
    "reset($self, /)\n--\n\nForget any partial reply and the stream position, "
    "keeping "
    "the limits and strict flags." },
  { "close", parser_close, METH_NOARGS,
    "close($self, /)\n--\n\nFree the C parser now; any later call but close() "
    "raises "
    "ValueError.  A Parser is also freed when it goes." },
  { "__enter__", parser_enter_ctx, METH_NOARGS, "Return the parser." },
  { "__exit__", parser_exit_ctx, METH_VARARGS, "Close the parser." },
  { NULL, NULL, 0, NULL }
};

/* clang-format off */
static PyTypeObject ParserType = {
  PyVarObject_HEAD_INIT (NULL, 0)
  .tp_name = "smtpreply._smtpreply.Parser",
  .tp_basicsize = sizeof (ParserObject),
  .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
  .tp_doc = "Parser(*, max_line_length=None, max_lines=None, "
            "max_reply_bytes=None, strict=0, lang=None)\n--\n\n"
            "An incremental parser of SMTP replies that owns its C state "
            "(the base of smtpreply.Parser).",
  .tp_new = parser_new,
  .tp_init = parser_init,
  .tp_dealloc = parser_dealloc,
  .tp_methods = parser_methods,
  .tp_getset = parser_getset,
};
/* clang-format on */

/* ------------------------------------------------------------------------
   Lines given as text or as an iterable.  */

/* A growing buffer.  */
struct buffer
{
  char *data;
  size_t len;
  size_t cap;
};

/* Make room for N more bytes in B.  Return 0, or -1 with MemoryError.  */
static int
buffer_reserve (struct buffer *b, size_t n)
{
  if (n <= b->cap - b->len)
    return 0;
  if (n > (size_t) PY_SSIZE_T_MAX - b->len)
    {
      PyErr_NoMemory ();
      return -1;
    }
  size_t cap = b->cap < 4096 ? 4096 : b->cap;
  while (cap - b->len < n)
    cap = cap > (size_t) PY_SSIZE_T_MAX / 2 ? b->len + n : cap * 2;
  char *data = PyMem_Realloc (b->data, cap);
  if (data == NULL)
    {
      PyErr_NoMemory ();
      return -1;
    }
  b->data = data;
  b->cap = cap;
  return 0;
}

/* Append the N bytes at S to B.  Return 0 or -1.  */
static int
buffer_add (struct buffer *b, const char *s, size_t n)
{
  if (buffer_reserve (b, n) < 0)
    return -1;
  memcpy (b->data + b->len, s, n);
  b->len += n;
  return 0;
}

/* Lines given as text or as an iterable of lines, in one buffer.  */
struct lines
{
  struct smtpreply__py_bytes text; /* the text given */
  struct buffer joined;            /* or the lines of an iterable */
  const char *buf;                 /* the lines, each ending in LF */
  size_t len;
};

/* Store in L the lines of OBJ, each followed by LF: OBJ is text (bytes
   or str), taken as it is, or an iterable of lines (bytes or str), each
   without its line ending ("\n", "\r\n").  Return 0, or -1 with an
   exception set (TypeError for anything else).  L's bytes are then
   borrowed from OBJ if OBJ is text: see lines_release.  */
static int
lines_get (PyObject *obj, struct lines *l)
{
  memset (l, 0, sizeof *l);
  if (PyUnicode_Check (obj) || PyObject_CheckBuffer (obj))
    {
      if (smtpreply__py_bytes (obj, &l->text) < 0)
        return -1;
      l->buf = l->text.buf;
      l->len = l->text.len;
      return 0;
    }
  PyObject *it = PyObject_GetIter (obj);
  if (it == NULL)
    {
      PyErr_Format (PyExc_TypeError,
                    "lines are given as bytes, a str or an iterable of "
                    "lines, not '%.100s'",
                    Py_TYPE (obj)->tp_name);
      return -1;
    }
  PyObject *item;
  while ((item = PyIter_Next (it)) != NULL)
    {
      /* The bytes of a str live as long as the str: ITEM goes last.  */
      struct smtpreply__py_bytes b;
      int rc = smtpreply__py_bytes (item, &b);
      if (rc < 0)
        {
          Py_DECREF (item);
          break;
        }
      size_t n = b.len;
      if (n > 0 && b.buf[n - 1] == '\n')
        n--;
      if (n > 0 && b.buf[n - 1] == '\r')
        n--;
      rc = buffer_add (&l->joined, b.buf, n);
      if (rc == 0)
        rc = buffer_add (&l->joined, "\n", 1);
      smtpreply__py_bytes_release (&b);
      Py_DECREF (item);
      if (rc < 0)
        break;
    }
  Py_DECREF (it);
  if (PyErr_Occurred ())
    {
      PyMem_Free (l->joined.data);
      l->joined.data = NULL;
      return -1;
    }
  l->buf = l->joined.data;
  l->len = l->joined.len;
  return 0;
}

/* Release what lines_get took in L.  */
static void
lines_release (struct lines *l)
{
  smtpreply__py_bytes_release (&l->text);
  PyMem_Free (l->joined.data);
  l->joined.data = NULL;
}

/* ------------------------------------------------------------------------
   Summaries.  */

/* clang-format off */
typedef struct
{
  PyObject_HEAD
  struct smtpreply_summary *s;
  struct owned_lock lock;
} SummaryObject;
/* clang-format on */

/* Return a new summary object of TYPE around S (which it owns), or NULL
   with an exception set (S is then freed).  */
static PyObject *
summary_wrap (PyTypeObject *type, struct smtpreply_summary *s)
{
  SummaryObject *self = (SummaryObject *) type->tp_alloc (type, 0);
  if (self == NULL || owned_lock_init (&self->lock) < 0)
    {
      Py_XDECREF (self);
      smtpreply_summary_free (s);
      return NULL;
    }
  self->s = s;
  return (PyObject *) self;
}

/* Return a new empty summary of TYPE with the options given.  */
static PyObject *
summary_new (PyTypeObject *type, PyObject *args, PyObject *kwds)
{
  static char *names[] = { "redact", "failures", NULL };
  int redact = 0, failures = 0;
  if (!PyArg_ParseTupleAndKeywords (args, kwds, "|$pp:Summary", names, &redact,
                                    &failures))
    return NULL;
  struct smtpreply_summary *s;
  int rc = smtpreply_summary_new (
      (redact ? SMTPREPLY_SUMMARY_REDACT : 0)
          | (failures ? SMTPREPLY_SUMMARY_FAILURES : 0),
      &s);
  if (rc < 0)
    {
      smtpreply__py_raise (rc, NULL);
      return NULL;
    }
  return summary_wrap (type, s);
}

/* Return 0: summary_new took the options.  */
static int
summary_init (PyObject *self, PyObject *args, PyObject *kwds)
{
  /* summary_new read the arguments.  */
  (void) self;
  (void) args;
  (void) kwds;
  return 0;
}

/* Free the summary OBJ and its C summary.  */
static void
summary_dealloc (PyObject *obj)
{
  SummaryObject *self = (SummaryObject *) obj;
  smtpreply_summary_free (self->s);
  if (self->lock.lock != NULL)
    PyThread_free_lock (self->lock.lock);
  Py_TYPE (obj)->tp_free (obj);
}

/* Count the lines given in the summary OBJ.  Return None.  */
static PyObject *
summary_add_lines (PyObject *obj, PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames)
{
  SummaryObject *self = (SummaryObject *) obj;
  static const char *const names[] = { "lines", "file", "first_line", NULL };
  PyObject *a[3] = { NULL, NULL, NULL };
  if (fast_args ("add_lines", args, nargs, kwnames, names, 1, a) < 0)
    return NULL;
  const char *file = "-";
  if (a[1] != NULL && smtpreply__py_cstr (a[1], 0, &file) < 0)
    return NULL;
  size_t first = 1;
  if (a[2] != NULL)
    {
      if (!PyLong_Check (a[2]))
        {
          PyErr_SetString (PyExc_TypeError, "first_line is an int");
          return NULL;
        }
      first = PyLong_AsSize_t (a[2]);
      if (first == (size_t) -1 && PyErr_Occurred ())
        return NULL;
    }
  struct lines l;
  if (lines_get (a[0], &l) < 0)
    return NULL;
  if (owned_lock_take (&self->lock, "Summary") < 0)
    {
      lines_release (&l);
      return NULL;
    }
  int rc;
  Py_BEGIN_ALLOW_THREADS rc
      = smtpreply_summary_add_lines (self->s, l.buf, l.len, file, first);
  Py_END_ALLOW_THREADS owned_lock_give (&self->lock);
  lines_release (&l);
  if (rc < 0)
    {
      smtpreply__py_raise (rc, NULL);
      return NULL;
    }
  Py_RETURN_NONE;
}

/* Store in *OUT (free with smtpreply_free) the JSON of SELF, whose lock
   the caller holds.  Return 0 or a negative error.  */
static int
summary_json (SummaryObject *self, char **out, size_t *len)
{
  return smtpreply_summary_to_json (self->s, out, len);
}

/* Return a new summary of TYPE read from the LEN bytes of JSON at BUF, or
   NULL with ParseError "ESUMMARY_JSON" (or another error) set.  */
static PyObject *
summary_from_buffer (PyTypeObject *type, const char *buf, size_t len)
{
  struct smtpreply_summary *s = NULL;
  size_t bad = 0;
  int rc = smtpreply_summary_from_json (buf, len, &s, &bad);
  if (rc < 0)
    {
      if (rc == SMTPREPLY_ESUMMARY_JSON)
        smtpreply__py_raise_parse (rc, NULL, bad);
      else
        smtpreply__py_raise (rc, NULL);
      return NULL;
    }
  return summary_wrap (type, s);
}

/* Return a new copy of SELF, of its type.  */
static PyObject *
summary_copy (PyObject *obj, PyObject *unused)
{
  (void) unused;
  SummaryObject *self = (SummaryObject *) obj;
  if (owned_lock_take (&self->lock, "Summary") < 0)
    return NULL;
  char *json = NULL;
  size_t len = 0;
  int rc = summary_json (self, &json, &len);
  owned_lock_give (&self->lock);
  if (rc < 0)
    {
      smtpreply__py_raise (rc, NULL);
      return NULL;
    }
  PyObject *copy = summary_from_buffer (Py_TYPE (self), json, len);
  smtpreply_free (json);
  return copy;
}

/* Add the counts of the summary OTHER to OBJ.  Return None.  */
static PyObject *
summary_merge (PyObject *obj, PyObject *other)
{
  SummaryObject *self = (SummaryObject *) obj;
  if (!PyObject_TypeCheck (other, &SummaryType))
    {
      PyErr_Format (PyExc_TypeError, "merge() takes a Summary, not '%.100s'",
                    Py_TYPE (other)->tp_name);
      return NULL;
    }
  PyObject *from = other;
  if (other == obj)
    {
      /* Merging a summary into itself doubles it: merge a copy.  */
      from = summary_copy (obj, NULL);
      if (from == NULL)
        return NULL;
    }
  else
    Py_INCREF (from);
  SummaryObject *src = (SummaryObject *) from;
  /* Two locks, always taken in the same order.  */
  SummaryObject *first = self < src ? self : src;
  SummaryObject *second = self < src ? src : self;
  if (owned_lock_take (&first->lock, "Summary") < 0)
    {
      Py_DECREF (from);
      return NULL;
    }
  if (owned_lock_take (&second->lock, "Summary") < 0)
    {
      owned_lock_give (&first->lock);
      Py_DECREF (from);
      return NULL;
    }
  int rc = smtpreply_summary_merge (self->s, src->s);
  owned_lock_give (&second->lock);
  owned_lock_give (&first->lock);
  Py_DECREF (from);
  if (rc < 0)
    {
      smtpreply__py_raise (rc, NULL);
      return NULL;
    }
  Py_RETURN_NONE;
}

/* Return the JSON text of the summary OBJ, as a str.  */
static PyObject *
summary_to_json (PyObject *obj, PyObject *unused)
{
  (void) unused;
  SummaryObject *self = (SummaryObject *) obj;
  if (owned_lock_take (&self->lock, "Summary") < 0)
    return NULL;
  char *json = NULL;
  size_t len = 0;
  int rc = summary_json (self, &json, &len);
  owned_lock_give (&self->lock);
  if (rc < 0)
    {
      smtpreply__py_raise (rc, NULL);
      return NULL;
    }
  PyObject *text = text_str (json, len);
  smtpreply_free (json);
  return text;
}

/* Return a new summary of the class CLS that the JSON TEXT holds.  */
static PyObject *
summary_from_json (PyObject *cls, PyObject *text)
{
  struct smtpreply__py_bytes b;
  if (smtpreply__py_bytes (text, &b) < 0)
    return NULL;
  PyObject *s = summary_from_buffer ((PyTypeObject *) cls, b.buf, b.len);
  smtpreply__py_bytes_release (&b);
  return s;
}

/* Return the summary OBJ as the command prints it, as a str.  */
static PyObject *
summary_render (PyObject *obj, PyObject *const *args, Py_ssize_t nargs,
                PyObject *kwnames)
{
  SummaryObject *self = (SummaryObject *) obj;
  static const char *const names[] = { "format", "lang", NULL };
  PyObject *a[2] = { NULL, NULL };
  if (fast_args ("render", args, nargs, kwnames, names, 0, a) < 0)
    return NULL;
  int format = SMTPREPLY_SUMMARY_TEXT;
  if (a[0] != NULL)
    {
      if (!PyLong_Check (a[0]))
        {
          PyErr_SetString (PyExc_TypeError, "format is an int");
          return NULL;
        }
      long v = PyLong_AsLong (a[0]);
      if (v == -1 && PyErr_Occurred ())
        return NULL;
      if (v < 0 || v > INT_MAX)
        {
          smtpreply__py_raise (SMTPREPLY_EINVAL, NULL);
          return NULL;
        }
      format = (int) v;
    }
  const char *lang;
  if (smtpreply__py_lang (a[1], &lang) < 0)
    return NULL;
  if (owned_lock_take (&self->lock, "Summary") < 0)
    return NULL;
  char *out = NULL;
  size_t len = 0;
  int rc = smtpreply_summary_render (self->s, format, lang, &out, &len);
  owned_lock_give (&self->lock);
  if (rc < 0)
    {
      smtpreply__py_raise (rc, lang);
      return NULL;
    }
  PyObject *text = text_str (out, len);
  smtpreply_free (out);
  return text;
}

/* Return the number of lines the summary OBJ counted.  */
static PyObject *
summary_get_lines (PyObject *obj, void *closure)
{
  (void) closure;
  SummaryObject *self = (SummaryObject *) obj;
  if (owned_lock_take (&self->lock, "Summary") < 0)
    return NULL;
  unsigned long long n = smtpreply_summary_lines (self->s);
  owned_lock_give (&self->lock);
  return PyLong_FromUnsignedLongLong (n);
}

/* Return what pickle needs to make the summary OBJ again.  */
static PyObject *
summary_reduce (PyObject *obj, PyObject *unused)
{
  (void) unused;
  PyObject *json = summary_to_json (obj, NULL);
  if (json == NULL)
    return NULL;
  PyObject *from
      = PyObject_GetAttrString ((PyObject *) Py_TYPE (obj), "from_json");
  if (from == NULL)
    {
      Py_DECREF (json);
      return NULL;
    }
  return Py_BuildValue ("(N(N))", from, json);
}

static PyGetSetDef summary_getset[]
    = { { "lines", summary_get_lines, NULL,
          "The number of lines with a reply the summary counted.", NULL },
        { NULL, NULL, NULL, NULL, NULL } };

static PyMethodDef summary_methods[] = {
  { "add_lines", (PyCFunction) (void (*) (void)) summary_add_lines,
    METH_FASTCALL | METH_KEYWORDS,
    "add_lines($self, /, lines, file='-', first_line=1)\n--\n\n"
    "Count LINES, lines of a mail log: bytes or a str of lines ending in "
    "\"\\n\" (a \"\\r\" before it is left out), or an iterable of lines; "
    "they are lines FIRST_LINE, FIRST_LINE + 1, ... of FILE, which "
    "decide the examples (the first in (file, line) order)." },
  { "merge", summary_merge, METH_O,
    "merge($self, other, /)\n--\n\nAdd the counts of the Summary OTHER, which "
    "must have "
    "the same options, to this one." },
  { "copy", summary_copy, METH_NOARGS,
    "copy($self, /)\n--\n\nReturn a copy." },
  { "to_json", summary_to_json, METH_NOARGS,
    "to_json($self, /)\n--\n\nReturn everything the summary knows, as JSON, "
    "for "
    "from_json." },
  { "from_json", summary_from_json, METH_O | METH_CLASS,
    "from_json($type, text, /)\n--\n\nReturn the summary TEXT, from to_json, "
    "holds. "
    " Raise ParseError \"ESUMMARY_JSON\", with the offset of the byte "
    "that broke it, if TEXT is not one." },
  { "render", (PyCFunction) (void (*) (void)) summary_render,
    METH_FASTCALL | METH_KEYWORDS,
    "render($self, /, format=0, lang=None)\n--\n\nReturn the summary as the "
    "command "
    "prints it: format 0 (SUMMARY_TEXT), 1 (SUMMARY_COLOR) or 2 "
    "(SUMMARY_JSON), in language LANG." },
  { "__reduce__", summary_reduce, METH_NOARGS, "Pickle support." },
  { NULL, NULL, 0, NULL }
};

/* clang-format off */
static PyTypeObject SummaryType = {
  PyVarObject_HEAD_INIT (NULL, 0)
  .tp_name = "smtpreply._smtpreply.Summary",
  .tp_basicsize = sizeof (SummaryObject),
  .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
  .tp_doc = "Summary(*, redact=False, failures=False)\n--\n\n"
            "A summary of mail log lines that owns its C state (the base "
            "of smtpreply.Summary).",
  .tp_new = summary_new,
  .tp_init = summary_init,
  .tp_dealloc = summary_dealloc,
  .tp_methods = summary_methods,
  .tp_getset = summary_getset,
};
/* clang-format on */

/* ------------------------------------------------------------------------
   Functions.  */

/* Keep the objects of the package given as keywords.  Return None.  */
static PyObject *
py_register (PyObject *module, PyObject *args, PyObject *kwds)
{
  (void) module;
  if (PyTuple_GET_SIZE (args) != 0 || kwds == NULL)
    {
      PyErr_SetString (PyExc_TypeError, "_register takes keywords only");
      return NULL;
    }
  if (PyDict_Update (registry, kwds) < 0)
    return NULL;
  PyObject **known[] = { &error_class, &parse_error_class, &flag_class };
  const char *names[] = { "error", "parse_error", "flag" };
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
    {
      PyObject *obj = PyDict_GetItemString (kwds, names[i]);
      if (obj != NULL)
        {
          Py_INCREF (obj);
          Py_XSETREF (*known[i], obj);
        }
    }
  PyDict_Clear (flag_cache);
  Py_RETURN_NONE;
}

/* Return the description of a reply code in a language, or None.  */
static PyObject *
py_describe (PyObject *module, PyObject *const *args, Py_ssize_t nargs,
             PyObject *kwnames)
{
  (void) module;
  static const char *const names[] = { "code", "lang", NULL };
  PyObject *a[2] = { NULL, NULL };
  if (fast_args ("describe", args, nargs, kwnames, names, 1, a) < 0)
    return NULL;
  PyObject *code_obj = a[0];
  PyObject *lang_obj = a[1] != NULL ? a[1] : Py_None;
  int memo = PyUnicode_CheckExact (lang_obj) && PyLong_CheckExact (code_obj);
  PyObject *per_lang = NULL;
  if (memo)
    {
      per_lang = PyDict_GetItemWithError (describe_memo, lang_obj);
      if (per_lang != NULL)
        {
          PyObject *known = PyDict_GetItemWithError (per_lang, code_obj);
          if (known != NULL)
            {
              Py_INCREF (known);
              return known;
            }
        }
      if (PyErr_Occurred ())
        return NULL;
    }
  const char *lang;
  int code;
  if (smtpreply__py_lang (lang_obj, &lang) < 0
      || code_arg (code_obj, 1, lang, &code) < 0)
    return NULL;
  PyObject *text
      = smtpreply__py_static_str (smtpreply_reply_describe_lang (code, lang));
  if (text == NULL || !memo)
    return text;
  if (per_lang == NULL)
    {
      if (PyDict_Size (describe_memo) >= DESCRIBE_MEMO_MAX)
        PyDict_Clear (describe_memo);
      per_lang = PyDict_New ();
      if (per_lang == NULL
          || PyDict_SetItem (describe_memo, lang_obj, per_lang) < 0)
        {
          Py_XDECREF (per_lang);
          Py_DECREF (text);
          return NULL;
        }
      Py_DECREF (per_lang); /* the memo holds it */
    }
  if (PyDict_SetItem (per_lang, code_obj, text) < 0)
    {
      Py_DECREF (text);
      return NULL;
    }
  return text;
}

/* Return what smtpreply_extract finds in TEXT as a tuple, or None.  */
static PyObject *
py_extract (PyObject *module, PyObject *text)
{
  (void) module;
  struct smtpreply__py_bytes b;
  if (smtpreply__py_bytes (text, &b) < 0)
    return NULL;
  struct smtpreply_match m = { .size = sizeof m };
  int rc = smtpreply_extract (b.buf, b.len, &m);
  smtpreply__py_bytes_release (&b);
  if (rc < 0)
    {
      smtpreply__py_raise (rc, NULL);
      return NULL;
    }
  if (m.found == 0)
    Py_RETURN_NONE;
  return Py_BuildValue (
      "(IinNnnn)", m.found, m.code, (Py_ssize_t) m.code_offset,
      smtpreply__py_enhanced_tuple (
          (m.found & SMTPREPLY_MATCH_ENHANCED) ? &m.enhanced : NULL),
      (Py_ssize_t) m.enhanced_offset, (Py_ssize_t) m.enhanced_length,
      (Py_ssize_t) m.text_offset);
}

/* Return a new str of the explanation of verdict V in LANG.  */
static PyObject *
verdict_explanation (const struct smtpreply_verdict *v, const char *lang)
{
  char small[512];
  size_t len = 0;
  int rc = smtpreply_verdict_explain (v, lang, small, sizeof small, &len);
  if (rc == 0)
    return text_str (small, len);
  if (rc != SMTPREPLY_ENOSPC)
    {
      smtpreply__py_raise (rc, lang);
      return NULL;
    }
  char *buf = PyMem_Malloc (len + 1);
  if (buf == NULL)
    return PyErr_NoMemory ();
  rc = smtpreply_verdict_explain (v, lang, buf, len + 1, &len);
  PyObject *text = rc == 0 ? text_str (buf, len) : NULL;
  if (rc < 0)
    smtpreply__py_raise (rc, lang);
  PyMem_Free (buf);
  return text;
}

/* Return the fields of verdict V as the tuple smtpreply._smtpreply.classify
   returns, its texts in LANG.  */
static PyObject *
verdict_tuple (const struct smtpreply_verdict *v, const char *lang)
{
  PyObject *explanation = verdict_explanation (v, lang);
  if (explanation == NULL)
    return NULL;
  PyObject *advice;
  if (v->advice != NULL)
    advice = Py_BuildValue (
        "(NiN)", smtpreply__py_static_str (v->advice->rule),
        v->advice->action,
        smtpreply__py_static_str (
            smtpreply_translate (v->advice->text, lang)));
  else
    {
      advice = Py_None;
      Py_INCREF (advice);
    }
  PyObject *reason, *title, *reason_text;
  if (v->reason != NULL)
    {
      reason = PyLong_FromLong (v->reason->index);
      title = smtpreply__py_static_str (
          smtpreply_translate (v->reason->title, lang));
      reason_text = smtpreply__py_static_str (
          smtpreply_translate (v->reason->text, lang));
    }
  else
    {
      reason = title = reason_text = Py_None;
      Py_INCREF (Py_None);
      Py_INCREF (Py_None);
      Py_INCREF (Py_None);
    }
  return Py_BuildValue (
      "(NNNiNNNiiN)", reason, title, reason_text, v->soft,
      smtpreply__py_static_str (v->rule != NULL ? v->rule->id : NULL),
      explanation, advice, v->stage, v->code,
      smtpreply__py_enhanced_tuple (v->has_enhanced ? &v->enhanced : NULL));
}

/* Return the fields of the verdict of smtpreply_classify as a tuple.  */
static PyObject *
py_classify (PyObject *module, PyObject *const *args, Py_ssize_t nargs,
             PyObject *kwnames)
{
  (void) module;
  static const char *const names[]
      = { "text", "code", "enhanced", "stage", "remote_mta", "lang", NULL };
  PyObject *a[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
  if (fast_args ("classify", args, nargs, kwnames, names, 0, a) < 0)
    return NULL;
  const char *lang, *remote_mta;
  if (smtpreply__py_lang (a[5], &lang) < 0
      || smtpreply__py_cstr (a[4], 1, &remote_mta) < 0)
    return NULL;
  int code = 0;
  if (a[1] != NULL && a[1] != Py_None && code_arg (a[1], 0, lang, &code) < 0)
    return NULL;
  struct smtpreply_enhanced_code e;
  const struct smtpreply_enhanced_code *enhanced = NULL;
  if (a[2] != NULL && a[2] != Py_None)
    {
      if (smtpreply__py_enhanced (a[2], &e, lang) < 0)
        return NULL;
      enhanced = &e;
    }
  int stage;
  if (stage_arg (a[3], lang, &stage) < 0)
    return NULL;
  struct smtpreply__py_bytes b = { NULL, 0, { 0 }, 0, NULL };
  if (a[0] != NULL && a[0] != Py_None && smtpreply__py_bytes (a[0], &b) < 0)
    return NULL;
  struct smtpreply_verdict v = { .size = sizeof v };
  int rc = smtpreply_classify (code, enhanced, b.buf, b.len, stage, remote_mta,
                               &v);
  smtpreply__py_bytes_release (&b);
  if (rc < 0)
    {
      smtpreply__py_raise (rc, lang);
      return NULL;
    }
  return verdict_tuple (&v, lang);
}

/* ------------------------------------------------------------------------
   Bounce messages: a BounceData owns what smtpreply_bounce_read made of a
   message, which is never modified after, so no lock is needed.  Only
   bounce_read makes one.  The package's Bounce and Recipient are built
   from its answers.  */

/* clang-format off */
typedef struct
{
  PyObject_HEAD
  struct smtpreply_bounce *b;
} BounceDataObject;
/* clang-format on */

static void
bounce_data_dealloc (PyObject *obj)
{
  smtpreply_bounce_free (((BounceDataObject *) obj)->b);
  Py_TYPE (obj)->tp_free (obj);
}

/* Return a new str of the NUL-terminated string S that the bounce owns,
   or None if S is NULL.  */
static PyObject *
owned_str (const char *s)
{
  if (s == NULL)
    Py_RETURN_NONE;
  return text_str (s, strlen (s));
}

/* Return the kind of the bounce OBJ, an int.  */
static PyObject *
bounce_data_get_kind (PyObject *obj, void *closure)
{
  (void) closure;
  return int_object (smtpreply_bounce_kind (((BounceDataObject *) obj)->b));
}

/* Return the id of what read the bounce OBJ, or None.  */
static PyObject *
bounce_data_get_format (PyObject *obj, void *closure)
{
  (void) closure;
  return smtpreply__py_static_str (
      smtpreply_bounce_format (((BounceDataObject *) obj)->b));
}

/* Return the number of recipients of the bounce OBJ.  */
static Py_ssize_t
bounce_data_length (PyObject *obj)
{
  return (Py_ssize_t) smtpreply_bounce_recipient_count (
      ((BounceDataObject *) obj)->b);
}

/* Return a dict of the headers of the original message the bounce OBJ
   returned, only those it has.  */
static PyObject *
bounce_data_original (PyObject *obj, PyObject *unused)
{
  (void) unused;
  static const char *const headers[]
      = { "message_id", "from", "to", "subject", "date" };
  const struct smtpreply_bounce *b = ((BounceDataObject *) obj)->b;
  PyObject *dict = PyDict_New ();
  if (dict == NULL)
    return NULL;
  for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
    {
      const char *value = smtpreply_bounce_original (b, headers[i]);
      if (value == NULL)
        continue;
      PyObject *str = owned_str (value);
      if (str == NULL || PyDict_SetItemString (dict, headers[i], str) < 0)
        {
          Py_XDECREF (str);
          Py_DECREF (dict);
          return NULL;
        }
      Py_DECREF (str);
    }
  return dict;
}

/* Return the first field of the ARF report of the bounce OBJ named by the
   str NAME, or None.  */
static PyObject *
bounce_data_report_field (PyObject *obj, PyObject *name)
{
  const char *s;
  if (smtpreply__py_cstr (name, 0, &s) < 0)
    return NULL;
  return owned_str (
      smtpreply_bounce_report_field (((BounceDataObject *) obj)->b, s));
}

/* Store in *I the index ARG of a recipient of B.  Return 0, or -1 with
   IndexError or TypeError set.  */
static int
recipient_index (const struct smtpreply_bounce *b, PyObject *arg, size_t *i)
{
  Py_ssize_t n = PyNumber_AsSsize_t (arg, PyExc_IndexError);
  if (n == -1 && PyErr_Occurred ())
    return -1;
  if (n < 0 || (size_t) n >= smtpreply_bounce_recipient_count (b))
    {
      PyErr_SetString (PyExc_IndexError, "no such recipient");
      return -1;
    }
  *i = (size_t) n;
  return 0;
}

/* Return the fields of recipient I of the bounce OBJ, the verdict's texts
   in LANG: (address, action, status or None, code, enhanced or None,
   lines, remote_mta, diagnostic_type, diagnostic, source, feedback_type,
   verdict), the codes as tuples, the verdict as classify gives it.  */
static PyObject *
bounce_data_recipient (PyObject *obj, PyObject *const *args,
                       Py_ssize_t nargs, PyObject *kwnames)
{
  static const char *const names[] = { "i", "lang", NULL };
  PyObject *a[2] = { NULL, NULL };
  if (fast_args ("recipient", args, nargs, kwnames, names, 1, a) < 0)
    return NULL;
  const struct smtpreply_bounce *b = ((BounceDataObject *) obj)->b;
  const char *lang;
  size_t i;
  if (smtpreply__py_lang (a[1], &lang) < 0
      || recipient_index (b, a[0], &i) < 0)
    return NULL;
  const struct smtpreply_bounce_recipient *r
      = smtpreply_bounce_recipient_at (b, i);
  PyObject *lines = PyTuple_New ((Py_ssize_t) r->line_count);
  if (lines == NULL)
    return NULL;
  for (size_t k = 0; k < r->line_count; k++)
    {
      PyObject *line = owned_str (r->lines[k]);
      if (line == NULL)
        {
          Py_DECREF (lines);
          return NULL;
        }
      PyTuple_SET_ITEM (lines, (Py_ssize_t) k, line);
    }
  return Py_BuildValue (
      "(NiNiNNNNNNNN)", owned_str (r->address), r->action,
      smtpreply__py_enhanced_tuple (r->has_status ? &r->status : NULL),
      r->code,
      smtpreply__py_enhanced_tuple (r->has_enhanced ? &r->enhanced : NULL),
      lines, owned_str (r->remote_mta), owned_str (r->diagnostic_type),
      owned_str (r->diagnostic), owned_str (r->source),
      owned_str (r->feedback_type), verdict_tuple (r->verdict, lang));
}

/* Return the JSON object of recipient I of the bounce OBJ (of the message
   itself if it has none and I is 0), its texts in LANG, as
   smtpreply_bounce_json writes it.  */
static PyObject *
bounce_data_json (PyObject *obj, PyObject *const *args, Py_ssize_t nargs,
                  PyObject *kwnames)
{
  static const char *const names[] = { "i", "lang", NULL };
  PyObject *a[2] = { NULL, NULL };
  if (fast_args ("json", args, nargs, kwnames, names, 1, a) < 0)
    return NULL;
  const struct smtpreply_bounce *b = ((BounceDataObject *) obj)->b;
  const char *lang;
  if (smtpreply__py_lang (a[1], &lang) < 0)
    return NULL;
  Py_ssize_t n = PyNumber_AsSsize_t (a[0], PyExc_IndexError);
  if (n == -1 && PyErr_Occurred ())
    return NULL;
  if (n < 0)
    {
      PyErr_SetString (PyExc_IndexError, "no such recipient");
      return NULL;
    }
  char small[4096];
  size_t len = 0;
  int rc = smtpreply_bounce_json (b, (size_t) n, NULL, 0, lang, small,
                                  sizeof small, &len);
  if (rc == 0)
    return text_str (small, len);
  if (rc == SMTPREPLY_EINVAL)
    {
      PyErr_SetString (PyExc_IndexError, "no such recipient");
      return NULL;
    }
  if (rc != SMTPREPLY_ENOSPC)
    {
      smtpreply__py_raise (rc, lang);
      return NULL;
    }
  char *buf = PyMem_Malloc (len + 1);
  if (buf == NULL)
    return PyErr_NoMemory ();
  rc = smtpreply_bounce_json (b, (size_t) n, NULL, 0, lang, buf, len + 1,
                              &len);
  PyObject *text = rc == 0 ? text_str (buf, len) : NULL;
  if (rc < 0)
    smtpreply__py_raise (rc, lang);
  PyMem_Free (buf);
  return text;
}

/* clang-format off */
static PyMethodDef bounce_data_methods[] = {
  { "original", bounce_data_original, METH_NOARGS,
    "original($self, /)\n--\n\n"
    "Return a dict of the message_id, from, to, subject and date of the "
    "message the bounce returned, those it has." },
  { "report_field", bounce_data_report_field, METH_O,
    "report_field($self, name, /)\n--\n\n"
    "Return the first field NAME of the bounce's ARF report, or None." },
  { "recipient", (PyCFunction) (void (*) (void)) bounce_data_recipient,
    METH_FASTCALL | METH_KEYWORDS,
    "recipient($self, /, i, lang=None)\n--\n\n"
    "Return the fields of recipient I: (address, action, status, code, "
    "enhanced, lines, remote_mta, diagnostic_type, diagnostic, source, "
    "feedback_type, verdict), the verdict as classify() returns it, in "
    "LANG." },
  { "json", (PyCFunction) (void (*) (void)) bounce_data_json,
    METH_FASTCALL | METH_KEYWORDS,
    "json($self, /, i, lang=None)\n--\n\n"
    "Return the JSON object smtpreply_bounce_json writes for recipient I, "
    "in LANG." },
  { NULL, NULL, 0, NULL }
};

static PyGetSetDef bounce_data_getset[] = {
  { "kind", bounce_data_get_kind, NULL,
    "The kind of the message: an enum smtpreply_bounce_kind.", NULL },
  { "format", bounce_data_get_format, NULL,
    "What read it: \"dsn\", \"arf\", a rule of formats.def, or None.",
    NULL },
  { NULL, NULL, NULL, NULL, NULL }
};

static PySequenceMethods bounce_data_sequence = {
  .sq_length = bounce_data_length,
};

static PyTypeObject BounceDataType = {
  PyVarObject_HEAD_INIT (NULL, 0)
  .tp_name = "smtpreply._smtpreply.BounceData",
  .tp_basicsize = sizeof (BounceDataObject),
  .tp_flags = Py_TPFLAGS_DEFAULT,
  .tp_doc = "A message read by bounce_read(): what smtpreply_bounce_read "
            "made of it, freed with the object.  len() is the number of "
            "recipients.",
  .tp_dealloc = bounce_data_dealloc,
  .tp_methods = bounce_data_methods,
  .tp_getset = bounce_data_getset,
  .tp_as_sequence = &bounce_data_sequence,
};
/* clang-format on */

/* Return a BounceData of the message DATA (bytes, or str as UTF-8), read
   without the GIL.  */
static PyObject *
py_bounce_read (PyObject *module, PyObject *data)
{
  (void) module;
  struct smtpreply__py_bytes bytes = { NULL, 0, { 0 }, 0, NULL };
  if (smtpreply__py_bytes (data, &bytes) < 0)
    return NULL;
  BounceDataObject *self = PyObject_New (BounceDataObject, &BounceDataType);
  if (self == NULL)
    {
      smtpreply__py_bytes_release (&bytes);
      return NULL;
    }
  self->b = NULL;
  struct smtpreply_bounce *b = NULL;
  int rc;
  Py_BEGIN_ALLOW_THREADS
  rc = smtpreply_bounce_read (bytes.buf, bytes.len, &b);
  Py_END_ALLOW_THREADS
  smtpreply__py_bytes_release (&bytes);
  if (rc < 0)
    {
      Py_DECREF (self);
      smtpreply__py_raise (rc, NULL);
      return NULL;
    }
  self->b = b;
  return (PyObject *) self;
}

/* Return the token of bounce kind KIND ("dsn"), or None.  */
static PyObject *
py_bounce_kind_name (PyObject *module, PyObject *arg)
{
  (void) module;
  int overflow = 0;
  long kind = PyLong_AsLongAndOverflow (arg, &overflow);
  if (kind == -1 && PyErr_Occurred ())
    return NULL;
  if (overflow != 0 || kind < INT_MIN || kind > INT_MAX)
    Py_RETURN_NONE;
  return smtpreply__py_static_str (smtpreply_bounce_kind_name ((int) kind));
}

/* Append to OUT the JSON record of REC, line LINENO of FILE, in LANG.
   Return 0 or -1.  */
static int
record_json (struct buffer *out, const struct smtpreply_log_record *rec,
             const char *file, size_t lineno, const char *lang, int redact)
{
  size_t len = 0;
  if (buffer_reserve (out, 1024) < 0)
    return -1;
  int rc = smtpreply_log_record_json (rec, file, lineno, lang, redact,
                                      out->data + out->len,
                                      out->cap - out->len, &len);
  if (rc == SMTPREPLY_ENOSPC)
    {
      if (len == SIZE_MAX || buffer_reserve (out, len + 1) < 0)
        return -1;
      rc = smtpreply_log_record_json (rec, file, lineno, lang, redact,
                                      out->data + out->len,
                                      out->cap - out->len, &len);
    }
  if (rc < 0)
    {
      smtpreply__py_raise (rc, lang);
      return -1;
    }
  out->len += len;
  return 0;
}

/* Return the JSON array of the records of the lines given, as a str.  */
static PyObject *
py_annotate_lines (PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames)
{
  (void) module;
  static const char *const names[]
      = { "lines", "file", "first_line", "lang", "redact", "stage", NULL };
  PyObject *a[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
  if (fast_args ("annotate_lines", args, nargs, kwnames, names, 1, a) < 0)
    return NULL;
  const char *file = "-", *lang;
  size_t lineno = 1;
  int redact, stage;
  if ((a[1] != NULL && smtpreply__py_cstr (a[1], 0, &file) < 0)
      || smtpreply__py_lang (a[3], &lang) < 0
      || bool_arg (a[4], 0, &redact) < 0 || stage_arg (a[5], lang, &stage) < 0)
    return NULL;
  if (a[2] != NULL)
    {
      if (!PyLong_Check (a[2]))
        {
          PyErr_SetString (PyExc_TypeError, "first_line is an int");
          return NULL;
        }
      lineno = PyLong_AsSize_t (a[2]);
      if (lineno == (size_t) -1 && PyErr_Occurred ())
        return NULL;
    }
  struct lines l;
  if (lines_get (a[0], &l) < 0)
    return NULL;
  struct smtpreply_log_record *rec = NULL;
  int rc = smtpreply_log_record_new (&rec);
  if (rc < 0)
    {
      lines_release (&l);
      smtpreply__py_raise (rc, lang);
      return NULL;
    }
  struct buffer out = { NULL, 0, 0 };
  int failed = buffer_add (&out, "[", 1) < 0;
  int first = 1;
  const char *p = l.buf;
  const char *end = l.buf + l.len;
  while (!failed && p < end)
    {
      const char *lf = memchr (p, '\n', (size_t) (end - p));
      size_t n = lf != NULL ? (size_t) (lf - p) : (size_t) (end - p);
      const char *next = lf != NULL ? lf + 1 : end;
      if (n > 0 && p[n - 1] == '\r')
        n--;
      if (n > LINE_MAX_BYTES)
        n = LINE_MAX_BYTES;
      rc = smtpreply_log_read (rec, p, n, stage);
      if (rc < 0)
        {
          smtpreply__py_raise (rc, lang);
          failed = 1;
          break;
        }
      if (smtpreply_log_record_match (rec)->found != 0)
        {
          if (!first && buffer_add (&out, ",", 1) < 0)
            failed = 1;
          else if (record_json (&out, rec, file, lineno, lang, redact) < 0)
            failed = 1;
          first = 0;
        }
      lineno++;
      p = next;
    }
  smtpreply_log_record_free (rec);
  lines_release (&l);
  PyObject *json = NULL;
  if (!failed && buffer_add (&out, "]", 1) == 0)
    json = text_str (out.data, out.len);
  PyMem_Free (out.data);
  return json;
}

/* Return a new str of what FN (smtpreply_json_quote,
   smtpreply_log_redact or smtpreply_display_escape) makes of the text
   TEXT: FN is called with room for twice the text and, when it says that
   is not enough, with the room it asks for.  */
static PyObject *
text_transform (PyObject *text,
                int (*fn) (const char *, size_t, char *, size_t, size_t *))
{
  struct smtpreply__py_bytes b;
  if (smtpreply__py_bytes (text, &b) < 0)
    return NULL;
  char *out = NULL;
  size_t len = 0;
  int rc = SMTPREPLY_ENOSPC;
  size_t size = b.len < (size_t) PY_SSIZE_T_MAX / 2 - 16 ? 2 * b.len + 16
                                                         : (size_t) -1;
  for (int round = 0; round < 2 && rc == SMTPREPLY_ENOSPC; round++)
    {
      if (size >= (size_t) PY_SSIZE_T_MAX)
        {
          rc = SMTPREPLY_ENOMEM;
          break;
        }
      PyMem_Free (out);
      out = PyMem_Malloc (size);
      if (out == NULL)
        {
          rc = SMTPREPLY_ENOMEM;
          break;
        }
      rc = fn (b.buf, b.len, out, size, &len);
      size = len + 1;
    }
  smtpreply__py_bytes_release (&b);
  PyObject *result = NULL;
  if (rc < 0)
    smtpreply__py_raise (rc, NULL);
  else
    result = text_str (out, len);
  PyMem_Free (out);
  return result;
}

/* Return TEXT as a JSON string.  */
static PyObject *
py_json_quote (PyObject *module, PyObject *text)
{
  (void) module;
  return text_transform (text, smtpreply_json_quote);
}

/* Return TEXT with the local parts of addresses hidden.  */
static PyObject *
py_log_redact (PyObject *module, PyObject *text)
{
  (void) module;
  return text_transform (text, smtpreply_log_redact);
}

/* Return TEXT with what a terminal would obey or hide escaped.  */
static PyObject *
py_display_escape (PyObject *module, PyObject *text)
{
  (void) module;
  return text_transform (text, smtpreply_display_escape);
}

/* Return the list of (token, value) of the token kind ARG.  */
static PyObject *
py_token_items (PyObject *module, PyObject *arg)
{
  (void) module;
  long kind = PyLong_AsLong (arg);
  if (kind == -1 && PyErr_Occurred ())
    return NULL;
  if (kind < INT_MIN || kind > INT_MAX)
    {
      smtpreply__py_raise (SMTPREPLY_EINVAL, NULL);
      return NULL;
    }
  size_t n = smtpreply_token_count ((int) kind);
  PyObject *list = PyList_New ((Py_ssize_t) n);
  if (list == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    {
      int value = 0;
      const char *name = smtpreply_token_at ((int) kind, i, &value);
      PyObject *item
          = Py_BuildValue ("(Ni)", smtpreply__py_static_str (name), value);
      if (item == NULL)
        {
          Py_DECREF (list);
          return NULL;
        }
      PyList_SET_ITEM (list, (Py_ssize_t) i, item);
    }
  return list;
}

static PyMethodDef module_functions[] = {
  { "_register", (PyCFunction) (void (*) (void)) py_register,
    METH_VARARGS | METH_KEYWORDS,
    "_register($module, /, **objects)\n--\n\nTell the extension the "
    "classes and functions of the smtpreply package that its objects are "
    "made of and hand their work to." },
  { "describe", (PyCFunction) (void (*) (void)) py_describe,
    METH_FASTCALL | METH_KEYWORDS,
    "describe($module, /, code, lang=None)\n--\n\n"
    "Return what reply CODE (an int, or a str of three digits) means, in "
    "language LANG (a tag such as \"ru\" or \"pt-BR\", or a list such as "
    "\"uk:ru\"; None: the default language), or None if the table does "
    "not list it.  Raise Error (a ValueError) if CODE is not a reply code: "
    "kind \"EBAD_CODE\", \"EBAD_CLASS\" or \"EBAD_CATEGORY\"; ParseError "
    "for text, with the offset of the offending byte." },
  { "extract", py_extract, METH_O,
    "extract($module, text, /)\n--\n\n"
    "Return what smtpreply_extract finds in TEXT (bytes or str): None if "
    "it holds no reply, else (found, code, code_offset, enhanced, "
    "enhanced_offset, "
    "enhanced_length, text_offset), the offsets in bytes of UTF-8." },
  { "classify", (PyCFunction) (void (*) (void)) py_classify,
    METH_FASTCALL | METH_KEYWORDS,
    "classify($module, /, text=None, code=None, enhanced=None, "
    "stage=None, remote_mta=None, lang=None)\n--\n\n"
    "Return what smtpreply_classify finds: (reason index or None, "
    "reason title, reason text, "
    "soft, rule id or None, explanation, (advice rule, action, text) or "
    "None, stage, code, enhanced), the texts in LANG." },
  { "bounce_read", py_bounce_read, METH_O,
    "bounce_read($module, data, /)\n--\n\n"
    "Return a BounceData of the message DATA (bytes, or str as UTF-8), "
    "read by smtpreply_bounce_read without the GIL.  Raise Error for the "
    "errors EBOUNCE_TOO_BIG, EBOUNCE_MIME and EBOUNCE_REPORT." },
  { "bounce_kind_name", py_bounce_kind_name, METH_O,
    "bounce_kind_name($module, kind, /)\n--\n\n"
    "Return the token of bounce kind KIND (\"dsn\"), or None." },
  { "annotate_lines", (PyCFunction) (void (*) (void)) py_annotate_lines,
    METH_FASTCALL | METH_KEYWORDS,
    "annotate_lines($module, /, lines, file='-', first_line=1, lang=None, "
    "redact=False, stage=None)\n--\n\n"
    "Return the JSON array of the records smtpreply_log_record_json writes "
    "for "
    "the lines of LINES that hold a reply." },
  { "json_quote", py_json_quote, METH_O,
    "json_quote($module, text, /)\n--\n\nReturn TEXT as a JSON "
    "string, quotes included, safe to show." },
  { "log_redact", py_log_redact, METH_O,
    "log_redact($module, text, /)\n--\n\nReturn TEXT with the local "
    "part of each mail address replaced by \"...\"." },
  { "display_escape", py_display_escape, METH_O,
    "display_escape($module, text, /)\n--\n\nReturn TEXT with "
    "everything a terminal would obey or hide shown as an escape "
    "(smtpreply_display_escape)." },
  { "token_items", py_token_items, METH_O,
    "token_items($module, kind, /)\n--\n\nReturn every token of KIND "
    "(TOKEN_STAGE, ...) with its value, in the library's order." },
  { NULL, NULL, 0, NULL }
};

int
smtpreply__py_init (PyObject *module)
{
  flag_cache = PyDict_New ();
  describe_memo = PyDict_New ();
  registry = PyDict_New ();
  if (flag_cache == NULL || describe_memo == NULL || registry == NULL)
    return -1;
  for (int i = 0; i < SMALL_INTS; i++)
    if ((small_ints[i] = PyLong_FromLong (i)) == NULL)
      return -1;
  if (PyModule_AddFunctions (module, module_functions) < 0)
    return -1;
  PyTypeObject *types[]
      = { &ReplyType, &ParserType, &SummaryType, &BounceDataType };
  const char *type_names[] = { "Reply", "Parser", "Summary", "BounceData" };
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    {
      if (PyType_Ready (types[i]) < 0)
        return -1;
      Py_INCREF (types[i]);
      if (PyModule_AddObject (module, type_names[i], (PyObject *) types[i])
          < 0)
        {
          Py_DECREF (types[i]);
          return -1;
        }
    }
  return 0;
}
