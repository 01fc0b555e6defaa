/* dsn.c -- the fields of a delivery status notification (RFC 3464, 6533).
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The input is copied once.  Lines are read from the caller's buffer; each
   field's value is unfolded into the copy, over the bytes it came from
   (an unfolded value is never longer than its raw text), so that names,
   types and values are pieces of the copy, each followed by a NUL.  The
   fields, the groups, the replies and their lines, and the problems are
   arrays that double when full.  Every step reads each byte a bounded
   number of times: nothing is quadratic in the input.

   A group is closed when the next one opens or the input ends; closing a
   recipient's group reads its Action, its Status and its Diagnostic-Code.
   Where a problem lies inside a value, its offset in the input is found
   again by walking the raw text of that one field (locate).  */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "internal.h"

/* What the fields of dsn-fields.def are.  */
enum group_kind
{
  GROUP_MESSAGE,
  GROUP_RECIPIENT
};

enum value_type
{
  TYPE_NONE,
  TYPE_ADDRESS,
  TYPE_MTA_NAME,
  TYPE_DIAGNOSTIC
};

static const struct known_field
{
  const char *name;
  size_t len;
  enum group_kind group;
  enum value_type type;
} known_fields[] = {
#define SMTPREPLY_DSN_FIELD(name, group, type, reference)                     \
  { name, sizeof name - 1, GROUP_##group, TYPE_##type },
#include "dsn-fields.def"
#undef SMTPREPLY_DSN_FIELD
};

/* A field, and where its value's raw text lies in the input.  */
struct field
{
  struct smtpreply_dsn_field pub; /* first: callers get its address */
  size_t raw_start;               /* the byte after the colon */
  size_t raw_end;                 /* the end of its last line's text */
};

/* A group of fields: the per-message fields or a recipient's.  */
struct group
{
  size_t first; /* index of its first field */
  size_t count;
  int action;
  int status_rc;
  struct smtpreply_enhanced_code status;
  size_t reply;      /* 1 + index of its reply, or 0 */
  size_t first_span; /* index of its reply's first line */
};

struct problem
{
  int code;
  size_t line;
  size_t offset;
};

struct smtpreply_dsn
{
  char *copy; /* the input and a NUL; values are unfolded into it */
  struct field *fields;
  size_t field_count;
  size_t field_cap;
  struct group *groups; /* groups[0] holds the per-message fields */
  size_t group_count;
  size_t group_cap;
  struct smtpreply_response *replies;
  size_t reply_count;
  size_t reply_cap;
  struct smtpreply__span *spans;
  size_t span_count;
  size_t span_cap;
  struct problem *problems;
  size_t problem_count;
  size_t problem_cap;
};

/* The state of one smtpreply_dsn_parse.  */
struct reader
{
  struct smtpreply_dsn *dsn;
  const char *buf;
  size_t len;
  struct smtpreply_parser *parser; /* made for the first smtp diagnostic */
  int after_blank;  /* an empty line followed the current group's fields */
  int has_final;    /* the current group has a Final-Recipient */
  int has_original; /* the current group has an Original-Recipient */
  int closed;       /* the current group was closed */
};

/* Return nonzero if C is a space or a tab.  */
static int
wsp (char c)
{
  return c == ' ' || c == '\t';
}

/* Return nonzero if C may be in a field name: printable ASCII but ':'
   (RFC 5322 ftext).  */
static int
ftext (char c)
{
  return c > ' ' && c < 0x7f && c != ':';
}

/* Return nonzero if C is an RFC 5322 atext character, of which the types
   of typed fields are made.  */
static int
atext (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
         || (c >= '0' && c <= '9')
         || (c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* Return C in lower case if it is an ASCII letter.  */
static char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

/* Return nonzero if the LEN bytes at A are the NUL-terminated B, ignoring
   the case of ASCII letters.  */
static int
same_name (const char *a, size_t len, const char *b)
{
  for (size_t i = 0; i < len; i++)
    if (b[i] == '\0' || lower (a[i]) != lower (b[i]))
      return 0;
  return b[len] == '\0';
}

/* Return the row of dsn-fields.def named by the LEN bytes at NAME, in any
   case, or NULL.  */
static const struct known_field *
known_field (const char *name, size_t len)
{
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (known_fields); i++)
    if (known_fields[i].len == len
        && same_name (name, len, known_fields[i].name))
      return &known_fields[i];
  return NULL;
}

/* Return ARRAY, of COUNT elements of SIZE bytes and capacity *CAP, with
   room for one more: ARRAY itself, or a larger copy (and *CAP updated), or
   NULL if memory runs out (ARRAY is then left as it was).  */
static void *
room_for_one (void *array, size_t *cap, size_t count, size_t size)
{
  if (count < *cap)
    return array;
  size_t n = *cap < 8 ? 8 : *cap * 2;
  if (n > SIZE_MAX / size)
    return NULL;
  void *p = realloc (array, n * size);
  if (p != NULL)
    *cap = n;
  return p;
}

/* Record problem CODE at line LINE, offset OFFSET.  Return 0 or
   SMTPREPLY_ENOMEM.  */
static int
problem (struct smtpreply_dsn *dsn, int code, size_t line, size_t offset)
{
  if (dsn->problem_count >= SMTPREPLY_DSN_MAX_PROBLEMS)
    return 0;
  struct problem *p = room_for_one (dsn->problems, &dsn->problem_cap,
                                    dsn->problem_count, sizeof *p);
  if (p == NULL)
    return SMTPREPLY_ENOMEM;
  dsn->problems = p;
  p[dsn->problem_count].code = code;
  p[dsn->problem_count].line = line;
  p[dsn->problem_count].offset = offset;
  dsn->problem_count++;
  return 0;
}

/* ------------------------------------------------------------------------
   Lines and folding.  */

/* A line of the input.  */
struct line
{
  size_t start; /* its first byte */
  size_t end;  /* the end of its text: its CR LF, its LF, or the input's end */
  size_t next; /* the first byte of the next line */
};

/* Read the line that starts at BUF[START] (LEN bytes in all) into *L.  */
static void
read_line (const char *buf, size_t len, size_t start, struct line *l)
{
  const char *lf = memchr (buf + start, '\n', len - start);
  l->start = start;
  if (lf == NULL)
    {
      l->end = len;
      l->next = len;
      return;
    }
  l->end = (size_t) (lf - buf);
  l->next = l->end + 1;
  if (l->end > start && buf[l->end - 1] == '\r')
    l->end--;
}

/* Return nonzero if the line L of BUF is empty or only white space.  */
static int
blank (const char *buf, const struct line *l)
{
  for (size_t i = l->start; i < l->end; i++)
    if (!wsp (buf[i]))
      return 0;
  return 1;
}

/* Return the index after the line break at SRC[I] (LEN bytes in all) and
   the white space after it, if a line break (LF, or CR LF) starts there;
   else return I.  */
static size_t
after_break (const char *src, size_t len, size_t i)
{
  size_t j = i;
  if (j + 1 < len && src[j] == '\r' && src[j + 1] == '\n')
    j++;
  if (j >= len || src[j] != '\n')
    return i;
  j++;
  while (j < len && wsp (src[j]))
    j++;
  return j;
}

/* Unfold the LEN raw bytes at SRC, a field's value (from the byte after
   its colon to the end of its last line's text), into DST: each line
   break and the white space after it become one space.  Write at most MAX
   bytes; return how many were written, and store in *FULL the length of
   the whole unfolded text.  DST may be SRC's bytes in a copy of the input,
   as the text never grows.  */
static size_t
unfold (const char *src, size_t len, char *dst, size_t max, size_t *full)
{
  size_t i = 0;
  size_t o = 0;
  while (i < len)
    {
      const char *lf = memchr (src + i, '\n', len - i);
      size_t end = lf != NULL ? (size_t) (lf - src) : len;
      if (lf != NULL && end > i && src[end - 1] == '\r')
        end--;
      size_t run = end - i;
      if (o < max)
        memcpy (dst + o, src + i, run < max - o ? run : max - o);
      o += run;
      i = end;
      if (i < len)
        {
          i = after_break (src, len, i);
          if (o < max)
            dst[o] = ' ';
          o++;
        }
    }
  *full = o;
  return o < max ? o : max;
}

/* Find where byte K of the unfolded text of field F (K may be its length)
   came from in the input, and store its offset in *OFFSET and its line
   number in *LINE.  */
static void
locate (const char *buf, const struct field *f, size_t k, size_t *line,
        size_t *offset)
{
  const char *src = buf + f->raw_start;
  size_t len = f->raw_end - f->raw_start;
  size_t i = 0;
  size_t o = 0;
  size_t breaks = 0;
  while (i < len)
    {
      const char *lf = memchr (src + i, '\n', len - i);
      size_t end = lf != NULL ? (size_t) (lf - src) : len;
      if (lf != NULL && end > i && src[end - 1] == '\r')
        end--;
      if (k < o + (end - i))
        {
          i += k - o;
          break;
        }
      o += end - i;
      i = end;
      if (i < len)
        {
          if (k == o)
            break;
          i = after_break (src, len, i);
          o++;
          breaks++;
        }
    }
  *line = f->pub.line + breaks;
  *offset = f->raw_start + i;
}

/* ------------------------------------------------------------------------
   Groups and their typed views.  */

/* Return the first field named NAME in group G of DSN, or NULL.  */
static const struct field *
find_field (const struct smtpreply_dsn *dsn, const struct group *g,
            const char *name)
{
  for (size_t i = g->first; i < g->first + g->count; i++)
    if (same_name (dsn->fields[i].pub.name, dsn->fields[i].pub.name_len, name))
      return &dsn->fields[i];
  return NULL;
}

/* Return the index of field F's value in its unfolded text.  */
static size_t
value_index (const struct smtpreply_dsn *dsn, const struct field *f)
{
  return (size_t) (f->pub.value - (dsn->copy + f->raw_start));
}

/* Record problem CODE at byte I of field F's value.  Return 0 or
   SMTPREPLY_ENOMEM.  */
static int
value_problem (struct reader *rd, const struct field *f, size_t i, int code)
{
  size_t line;
  size_t offset;
  locate (rd->buf, f, value_index (rd->dsn, f) + i, &line, &offset);
  return problem (rd->dsn, code, line, offset);
}

/* Read the action in the LEN bytes at V: a word, then nothing but white
   space and a comment.  Return the enum smtpreply_dsn_action, or NONE and
   the index of the first wrong byte in *BAD.  */
static int
read_action (const char *v, size_t len, size_t *bad)
{
  size_t word = 0;
  while (word < len
         && ((v[word] >= 'a' && v[word] <= 'z')
             || (v[word] >= 'A' && v[word] <= 'Z')))
    word++;
  int action = SMTPREPLY_DSN_ACTION_NONE;
  for (int a = SMTPREPLY_DSN_ACTION_FAILED; a <= SMTPREPLY_DSN_ACTION_EXPANDED;
       a++)
    if (same_name (v, word, smtpreply_dsn_action_name (a)))
      action = a;
  if (action == SMTPREPLY_DSN_ACTION_NONE)
    {
      *bad = 0;
      return action;
    }
  size_t i = word;
  while (i < len && wsp (v[i]))
    i++;
  if (i < len && v[i] != '(')
    {
      *bad = i;
      return SMTPREPLY_DSN_ACTION_NONE;
    }
  return action;
}

/* Split the LEN bytes at V, a reply whose lines the reporting MTA joined
   with spaces, into lines, appending each line's text to DSN's spans; V
   starts with a three-digit code.  Return the number of lines, or 0 if
   memory runs out.  */
static size_t
split_reply (struct smtpreply_dsn *dsn, const char *v, size_t len)
{
  size_t base = (size_t) (v - dsn->copy);
  size_t lines = 0;
  size_t start = 0;
  for (;;)
    {
      size_t end = len;
      size_t next = len;
      /* After a "CODE-" line, the next starts at the same code with '-'
         or ' ' after white space.  */
      if (start + 3 < len && v[start + 3] == '-')
        for (size_t j = start + 5; j + 3 <= len; j++)
          if (wsp (v[j - 1]) && v[j] == v[0] && v[j + 1] == v[1]
              && v[j + 2] == v[2]
              && (j + 3 == len || v[j + 3] == '-' || v[j + 3] == ' '))
            {
              end = j - 1;
              while (end > start + 4 && wsp (v[end - 1]))
                end--;
              next = j;
              break;
            }
      struct smtpreply__span *s = room_for_one (dsn->spans, &dsn->span_cap,
                                                dsn->span_count, sizeof *s);
      if (s == NULL)
        return 0;
      dsn->spans = s;
      s += dsn->span_count++;
      size_t text = end - start > 3 ? start + 4 : start + 3;
      s->start = base + text;
      s->len = end - text;
      s->message = 0;
      lines++;
      if (next == len)
        return lines;
      start = next;
    }
}

/* Feed the LEN bytes at DATA to the parser P.  Return SMTPREPLY_READY if
   they complete a reply exactly at their end, 0 if they were all taken
   with no reply, or a negative value for anything else.  */
static int
feed (struct smtpreply_parser *p, const char *data, size_t len)
{
  size_t used;
  int rc = smtpreply_parser_feed (p, data, len, &used);
  if (rc < 0 || used != len)
    return rc < 0 ? rc : SMTPREPLY_EINVAL;
  return rc;
}

/* Read the smtp diagnostic of field F (its value) into a reply of group
   G.  A value that does not start with a reply code, or that the parser
   does not take, gives no reply.  Return 0, 1 if the reply would pass the
   limit on reply lines (a problem then), or SMTPREPLY_ENOMEM.  */
static int
read_reply (struct reader *rd, const struct field *f, struct group *g)
{
  struct smtpreply_dsn *dsn = rd->dsn;
  const char *v = f->pub.value;
  size_t len = f->pub.value_len;
  for (size_t i = 0; i < 3; i++)
    if (i >= len || v[i] < '0' || v[i] > '9')
      return 0;
  if (len > 3 && v[3] != ' ' && v[3] != '-')
    return 0;
  if (smtpreply_code_check ((v[0] - '0') * 100 + (v[1] - '0') * 10
                            + (v[2] - '0'))
      != 0)
    return 0;

  if (rd->parser == NULL)
    {
      int rc = smtpreply_parser_new (&rd->parser);
      if (rc < 0)
        return rc;
      /* Any value fits: a line is at most a whole value.  */
      smtpreply_parser_set_limit (rd->parser, SMTPREPLY_LIMIT_LINE_LENGTH,
                                  SMTPREPLY_DSN_MAX_VALUE + 8);
      smtpreply_parser_set_limit (rd->parser, SMTPREPLY_LIMIT_LINES,
                                  SMTPREPLY_DSN_MAX_VALUE);
      smtpreply_parser_set_limit (rd->parser, SMTPREPLY_LIMIT_REPLY_BYTES,
                                  4 * SMTPREPLY_DSN_MAX_VALUE);
    }
  struct smtpreply_parser *p = rd->parser;
  smtpreply_parser_reset (p);

  size_t first = dsn->span_count;
  size_t lines = split_reply (dsn, v, len);
  if (lines == 0)
    return SMTPREPLY_ENOMEM;
  if (dsn->span_count > SMTPREPLY_DSN_MAX_REPLY_LINES)
    {
      dsn->span_count = first;
      int rc
          = problem (dsn, SMTPREPLY_EDSN_TOO_MANY, f->pub.line, f->pub.offset);
      return rc < 0 ? rc : 1;
    }

  /* Feed each line with CR LF, the last one as a last line (with ' ')
     even when the MTA left its '-'.  */
  int rc = 0;
  for (size_t i = 0; i < lines && rc == 0; i++)
    {
      const struct smtpreply__span *s = &dsn->spans[first + i];
      const char *text = dsn->copy + s->start;
      int bare = text[-1] >= '0' && text[-1] <= '9';
      const char *code = text - (bare ? 3 : 4);
      if (!bare && i + 1 == lines && text[-1] == '-')
        {
          rc = feed (p, code, 3);
          if (rc == 0)
            rc = feed (p, " ", 1);
          if (rc == 0)
            rc = feed (p, text, s->len);
        }
      else
        rc = feed (p, code, (size_t) (text - code) + s->len);
      if (rc == 0)
        rc = feed (p, "\r\n", 2);
      if (rc == SMTPREPLY_READY && i + 1 < lines)
        rc = SMTPREPLY_EINVAL;
    }
  const struct smtpreply_response *r = smtpreply_parser_reply (p);
  if (rc != SMTPREPLY_READY || r == NULL
      || smtpreply_response_line_count (r) != lines)
    {
      dsn->span_count = first;
      return rc == SMTPREPLY_ENOMEM ? rc : 0;
    }
  for (size_t i = 0; i < lines; i++)
    {
      struct smtpreply__span *s = &dsn->spans[first + i];
      size_t line_len;
      size_t message_len;
      smtpreply_response_line (r, i, &line_len);
      smtpreply_response_message (r, i, &message_len);
      if (line_len != s->len || message_len > line_len)
        {
          dsn->span_count = first;
          return 0;
        }
      s->message = line_len - message_len;
    }

  struct smtpreply_response *out = room_for_one (
      dsn->replies, &dsn->reply_cap, dsn->reply_count, sizeof *out);
  if (out == NULL)
    return SMTPREPLY_ENOMEM;
  dsn->replies = out;
  out += dsn->reply_count++;
  memset (out, 0, sizeof *out);
  out->code = smtpreply_response_code (r);
  const struct smtpreply_enhanced_code *e = smtpreply_response_enhanced (r);
  out->has_enhanced = e != NULL;
  if (e != NULL)
    out->enhanced = *e;
  out->flags = smtpreply_response_flags (r);
  locate (rd->buf, f, value_index (dsn, f), &out->line_number, &out->offset);
  out->line_count = lines;
  out->text = dsn->copy;
  /* (The lines are pointed to when no span can move any more.)  */
  g->reply = dsn->reply_count;
  g->first_span = first;
  return 0;
}

/* Read the typed views of the last group of RD, if a recipient's and not
   closed yet, and report what it lacks.  Return 0, 1 if a limit stops the
   reading, or SMTPREPLY_ENOMEM.  */
static int
close_group (struct reader *rd)
{
  struct smtpreply_dsn *dsn = rd->dsn;
  struct group *g = &dsn->groups[dsn->group_count - 1];
  if (dsn->group_count == 1 || g->count == 0 || rd->closed)
    return 0;
  rd->closed = 1;
  const struct smtpreply_dsn_field *head = &dsn->fields[g->first].pub;
  int rc = 0;
  if (!rd->has_final && !rd->has_original)
    rc = problem (dsn, SMTPREPLY_EDSN_NO_RECIPIENT, head->line, head->offset);

  const struct field *f = find_field (dsn, g, "Action");
  if (f == NULL)
    {
      if (rc == 0)
        rc = problem (dsn, SMTPREPLY_EDSN_NO_ACTION, head->line, head->offset);
    }
  else
    {
      size_t bad = 0;
      g->action = read_action (f->pub.value, f->pub.value_len, &bad);
      if (g->action == SMTPREPLY_DSN_ACTION_NONE && rc == 0)
        rc = value_problem (rd, f, bad, SMTPREPLY_EDSN_BAD_ACTION);
    }

  f = find_field (dsn, g, "Status");
  if (f == NULL)
    {
      g->status_rc = SMTPREPLY_EDSN_NO_STATUS;
      if (rc == 0)
        rc = problem (dsn, SMTPREPLY_EDSN_NO_STATUS, head->line, head->offset);
    }
  else
    {
      /* The code is the first word; a comment may follow it.  */
      const char *v = f->pub.value;
      size_t word = 0;
      while (word < f->pub.value_len && !wsp (v[word]) && v[word] != '(')
        word++;
      size_t bad = 0;
      g->status_rc = smtpreply_enhanced_parse (v, word, &g->status, &bad);
      if (g->status_rc < 0 && rc == 0)
        rc = value_problem (rd, f, bad, SMTPREPLY_EDSN_BAD_STATUS);
    }

  f = find_field (dsn, g, "Diagnostic-Code");
  if (rc == 0 && f != NULL && f->pub.type != NULL
      && strcmp (f->pub.type, "smtp") == 0)
    rc = read_reply (rd, f, g);
  return rc;
}

/* Close the current group and open a new recipient's group, unless the
   limit on recipients is reached: then record that problem at line LINE,
   offset OFFSET and return 1.  Return 0, 1 or SMTPREPLY_ENOMEM.  */
static int
open_group (struct reader *rd, size_t line, size_t offset)
{
  struct smtpreply_dsn *dsn = rd->dsn;
  if (dsn->group_count > SMTPREPLY_DSN_MAX_RECIPIENTS)
    {
      int rc = problem (dsn, SMTPREPLY_EDSN_TOO_MANY, line, offset);
      return rc < 0 ? rc : 1;
    }
  int rc = close_group (rd);
  if (rc != 0)
    return rc;
  struct group *g = room_for_one (dsn->groups, &dsn->group_cap,
                                  dsn->group_count, sizeof *g);
  if (g == NULL)
    return SMTPREPLY_ENOMEM;
  dsn->groups = g;
  g += dsn->group_count++;
  memset (g, 0, sizeof *g);
  g->first = dsn->field_count;
  g->status_rc = SMTPREPLY_EDSN_NO_STATUS;
  rd->after_blank = 0;
  rd->has_final = 0;
  rd->has_original = 0;
  rd->closed = 0;
  return 0;
}

/* ------------------------------------------------------------------------
   Fields.  */

/* Return N, or less, so that the N bytes at S do not end inside a UTF-8
   character.  */
static size_t
utf8_boundary (const char *s, size_t n)
{
  size_t lead = n;
  while (lead > 0 && n - lead < 3
         && ((unsigned char) s[lead - 1] & 0xc0) == 0x80)
    lead--;
  if (lead == 0)
    return n;
  /* S[LEAD - 1] starts the last character, which has N - (LEAD - 1)
     bytes of the NEED it announces.  */
  unsigned char c = (unsigned char) s[lead - 1];
  size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
  return c < 0xf8 && n - (lead - 1) < need ? lead - 1 : n;
}

/* Split the value of F, unfolded at DST (LEN bytes, trimmed), into its
   type and the rest.  Return 0, or 1 if it has no type.  */
static int
split_type (struct field *f, char *dst, size_t len)
{
  size_t semi = 0;
  while (semi < len && dst[semi] != ';')
    semi++;
  size_t type_end = semi;
  while (type_end > 0 && wsp (dst[type_end - 1]))
    type_end--;
  int atom = semi < len && type_end > 0;
  for (size_t i = 0; atom && i < type_end; i++)
    atom = atext (dst[i]);
  if (!atom)
    return 1;
  for (size_t i = 0; i < type_end; i++)
    dst[i] = lower (dst[i]);
  dst[type_end] = '\0';
  f->pub.type = dst;
  f->pub.type_len = type_end;
  size_t v = semi + 1;
  while (v < len && wsp (dst[v]))
    v++;
  f->pub.value = dst + v;
  f->pub.value_len = len - v;
  return 0;
}

/* Add the field whose name is the NAME_LEN bytes at line L's start, whose
   colon is at COLON and whose text ends at RAW_END, on line LINE, to the
   group it belongs to.  Return 0, 1 if a limit stops the reading, or
   SMTPREPLY_ENOMEM.  */
static int
add_field (struct reader *rd, const struct line *l, size_t name_len,
           size_t colon, size_t raw_end, size_t line)
{
  struct smtpreply_dsn *dsn = rd->dsn;
  const char *name = rd->buf + l->start;
  const struct known_field *known = known_field (name, name_len);
  int rc = 0;

  if (dsn->field_count >= SMTPREPLY_DSN_MAX_FIELDS)
    {
      rc = problem (dsn, SMTPREPLY_EDSN_TOO_MANY, line, l->start);
      return rc < 0 ? rc : 1;
    }

  /* Which group: a new one after an empty line, or where a recipient's
     fields start without one.  */
  int names_recipient = known != NULL && known->type == TYPE_ADDRESS;
  /* (Final-Recipient, not Original-Recipient.)  */
  int final = names_recipient && known->name[0] == 'F';
  int unseparated = 0;
  if (rd->after_blank)
    rc = open_group (rd, line, l->start);
  else if (known != NULL && known->group == GROUP_RECIPIENT
           && (dsn->group_count == 1
               || (names_recipient
                   && (final ? rd->has_final : rd->has_original))))
    {
      unseparated = 1;
      rc = open_group (rd, line, l->start);
    }
  if (rc == 0 && unseparated)
    rc = problem (dsn, SMTPREPLY_EDSN_NO_SEPARATOR, line, l->start);
  if (rc != 0)
    return rc;
  struct field *f = room_for_one (dsn->fields, &dsn->field_cap,
                                  dsn->field_count, sizeof *f);
  if (f == NULL)
    return SMTPREPLY_ENOMEM;
  dsn->fields = f;
  f += dsn->field_count;
  memset (f, 0, sizeof *f);
  f->pub.name = dsn->copy + l->start;
  f->pub.name_len = name_len;
  f->pub.line = line;
  f->pub.offset = l->start;
  f->raw_start = colon + 1;
  f->raw_end = raw_end;

  /* The value, unfolded over its raw text in the copy, and cut at the
     limit where a UTF-8 character starts.  */
  char *dst = dsn->copy + f->raw_start;
  size_t full;
  size_t n = unfold (rd->buf + f->raw_start, raw_end - f->raw_start, dst,
                     SMTPREPLY_DSN_MAX_VALUE, &full);
  if (full > n)
    {
      n = utf8_boundary (dst, n);
      size_t at_line;
      size_t at;
      locate (rd->buf, f, n, &at_line, &at);
      rc = problem (dsn, SMTPREPLY_EDSN_TOO_LONG, at_line, at);
      if (rc < 0)
        return rc;
    }
  size_t start = 0;
  while (start < n && wsp (dst[start]))
    start++;
  while (n > start && wsp (dst[n - 1]))
    n--;
  dst[n] = '\0';
  f->pub.value = dst + start;
  f->pub.value_len = n - start;
  if (known != NULL && known->type != TYPE_NONE
      && split_type (f, dst + start, n - start) != 0)
    {
      rc = value_problem (rd, f, 0, SMTPREPLY_EDSN_NO_TYPE);
      if (rc < 0)
        return rc;
    }
  /* The name's NUL goes where its colon or white space was.  */
  dsn->copy[l->start + name_len] = '\0';

  dsn->field_count++;
  dsn->groups[dsn->group_count - 1].count++;
  if (final)
    rd->has_final = 1;
  else if (names_recipient)
    rd->has_original = 1;
  return 0;
}

/* Read the input of RD line by line.  Return 0 or SMTPREPLY_ENOMEM.  */
static int
read_lines (struct reader *rd)
{
  const char *buf = rd->buf;
  size_t len = rd->len;
  size_t pos = 0;
  size_t line = 1;
  int in_bad = 0; /* the last line was skipped: its continuations too */
  while (pos < len)
    {
      struct line l;
      read_line (buf, len, pos, &l);
      int rc = 0;
      if (blank (buf, &l))
        {
          if (rd->dsn->groups[rd->dsn->group_count - 1].count > 0)
            rd->after_blank = 1;
          in_bad = 0;
          pos = l.next;
          line++;
          continue;
        }
      if (wsp (buf[l.start]))
        {
          /* A continuation with no field before it.  */
          if (!in_bad)
            rc = problem (rd->dsn, SMTPREPLY_EDSN_SYNTAX, line, l.start);
          in_bad = 1;
          pos = l.next;
          line++;
          if (rc < 0)
            return rc;
          continue;
        }

      /* NAME *WSP ":" (RFC 5322's obsolete syntax allows the spaces).  */
      size_t i = l.start;
      while (i < l.end && ftext (buf[i]))
        i++;
      size_t name_len = i - l.start;
      while (i < l.end && wsp (buf[i]))
        i++;
      if (name_len == 0 || i == l.end || buf[i] != ':')
        {
          int code = i < len && buf[i] == '\0' ? SMTPREPLY_EDSN_NUL
                                               : SMTPREPLY_EDSN_SYNTAX;
          rc = problem (rd->dsn, code, line, i);
          in_bad = 1;
          pos = l.next;
          line++;
          if (rc < 0)
            return rc;
          continue;
        }
      size_t colon = i;
      in_bad = 0;

      /* The field goes on over the lines that start with white space.  */
      size_t first_line = line;
      size_t raw_end = l.end;
      const char *nul = memchr (buf + colon, '\0', l.end - colon);
      size_t nul_line = line;
      pos = l.next;
      line++;
      while (pos < len && wsp (buf[pos]))
        {
          struct line c;
          read_line (buf, len, pos, &c);
          if (blank (buf, &c))
            break;
          if (nul == NULL)
            {
              nul = memchr (buf + c.start, '\0', c.end - c.start);
              nul_line = line;
            }
          raw_end = c.end;
          pos = c.next;
          line++;
        }
      if (nul != NULL)
        rc = problem (rd->dsn, SMTPREPLY_EDSN_NUL, nul_line,
                      (size_t) (nul - buf));
      else
        rc = add_field (rd, &l, name_len, colon, raw_end, first_line);
      if (rc != 0)
        return rc < 0 ? rc : 0;
    }
  return 0;
}

/* Sort the N problems at P by offset, keeping the order of those at the
   same offset.  They come nearly sorted (a group's own problems are added
   when it closes), so an insertion sort is linear here.  */
static void
sort_problems (struct problem *p, size_t n)
{
  for (size_t i = 1; i < n; i++)
    {
      struct problem x = p[i];
      size_t j = i;
      while (j > 0 && p[j - 1].offset > x.offset)
        {
          p[j] = p[j - 1];
          j--;
        }
      p[j] = x;
    }
}

smtpreply_status
smtpreply_dsn_parse (const char *buf, size_t len, struct smtpreply_dsn **out)
{
  if (out == NULL)
    return SMTPREPLY_EINVAL;
  *out = NULL;
  if (buf == NULL && len > 0)
    return SMTPREPLY_EINVAL;
  if (len > SMTPREPLY_DSN_MAX_INPUT)
    return SMTPREPLY_EDSN_TOO_BIG;
  struct smtpreply_dsn *dsn = calloc (1, sizeof *dsn);
  if (dsn == NULL)
    return SMTPREPLY_ENOMEM;
  dsn->copy = malloc (len + 1);
  dsn->groups = calloc (1, sizeof *dsn->groups);
  if (dsn->copy == NULL || dsn->groups == NULL)
    {
      smtpreply_dsn_free (dsn);
      return SMTPREPLY_ENOMEM;
    }
  if (len > 0)
    memcpy (dsn->copy, buf, len);
  dsn->copy[len] = '\0';
  dsn->group_cap = 1;
  dsn->group_count = 1;
  dsn->groups[0].status_rc = SMTPREPLY_EINVAL;

  struct reader rd = { dsn, buf, len, NULL, 0, 0, 0, 0 };
  int rc = read_lines (&rd);
  if (rc == 0)
    rc = close_group (&rd);
  smtpreply_parser_free (rd.parser);
  if (rc < 0)
    {
      smtpreply_dsn_free (dsn);
      return rc;
    }
  for (size_t i = 1; i < dsn->group_count; i++)
    if (dsn->groups[i].reply != 0)
      dsn->replies[dsn->groups[i].reply - 1].lines
          = dsn->spans + dsn->groups[i].first_span;
  sort_problems (dsn->problems, dsn->problem_count);
  *out = dsn;
  return 0;
}

void
smtpreply_dsn_free (struct smtpreply_dsn *dsn)
{
  if (dsn == NULL)
    return;
  free (dsn->copy);
  free (dsn->fields);
  free (dsn->groups);
  free (dsn->replies);
  free (dsn->spans);
  free (dsn->problems);
  free (dsn);
}

/* ------------------------------------------------------------------------
   Reading a parsed DSN.  */

size_t
smtpreply_dsn_recipient_count (const struct smtpreply_dsn *dsn)
{
  return dsn != NULL ? dsn->group_count - 1 : 0;
}

size_t
smtpreply_dsn_field_count (const struct smtpreply_dsn *dsn, size_t g)
{
  if (dsn == NULL || g >= dsn->group_count)
    return 0;
  return dsn->groups[g].count;
}

const struct smtpreply_dsn_field *
smtpreply_dsn_field_at (const struct smtpreply_dsn *dsn, size_t g, size_t i)
{
  if (dsn == NULL || g >= dsn->group_count || i >= dsn->groups[g].count)
    return NULL;
  return &dsn->fields[dsn->groups[g].first + i].pub;
}

const struct smtpreply_dsn_field *
smtpreply_dsn_field_find (const struct smtpreply_dsn *dsn, size_t g,
                          const char *name)
{
  if (dsn == NULL || g >= dsn->group_count || name == NULL)
    return NULL;
  const struct field *f = find_field (dsn, &dsn->groups[g], name);
  return f != NULL ? &f->pub : NULL;
}

/* Return recipient R of DSN, or NULL if there is none.  */
static const struct group *
recipient (const struct smtpreply_dsn *dsn, size_t r)
{
  if (dsn == NULL || r == 0 || r >= dsn->group_count)
    return NULL;
  return &dsn->groups[r];
}

int
smtpreply_dsn_recipient_action (const struct smtpreply_dsn *dsn, size_t r)
{
  const struct group *g = recipient (dsn, r);
  return g != NULL ? g->action : SMTPREPLY_EINVAL;
}

smtpreply_status
smtpreply_dsn_recipient_status (const struct smtpreply_dsn *dsn, size_t r,
                                struct smtpreply_enhanced_code *out)
{
  const struct group *g = recipient (dsn, r);
  if (g == NULL || out == NULL)
    return SMTPREPLY_EINVAL;
  if (g->status_rc == 0)
    *out = g->status;
  return g->status_rc;
}

const struct smtpreply_response *
smtpreply_dsn_recipient_reply (const struct smtpreply_dsn *dsn, size_t r)
{
  const struct group *g = recipient (dsn, r);
  if (g == NULL || g->reply == 0)
    return NULL;
  return &dsn->replies[g->reply - 1];
}

const char *
smtpreply_dsn_action_name (int action)
{
  if (action == SMTPREPLY_DSN_ACTION_NONE)
    return NULL;
  return smtpreply_token_name (SMTPREPLY_TOKEN_DSN_ACTION, action);
}

int
smtpreply_dsn_action_from_name (const char *name)
{
  int action;
  if (smtpreply_token_value (SMTPREPLY_TOKEN_DSN_ACTION, name, &action) != 0
      || action == SMTPREPLY_DSN_ACTION_NONE)
    return SMTPREPLY_EINVAL;
  return action;
}

size_t
smtpreply_dsn_problem_count (const struct smtpreply_dsn *dsn)
{
  return dsn != NULL ? dsn->problem_count : 0;
}

smtpreply_status
smtpreply_dsn_problem_at (const struct smtpreply_dsn *dsn, size_t i,
                          size_t *line, size_t *offset)
{
  if (dsn == NULL || i >= dsn->problem_count)
    return SMTPREPLY_EINVAL;
  if (line != NULL)
    *line = dsn->problems[i].line;
  if (offset != NULL)
    *offset = dsn->problems[i].offset;
  return dsn->problems[i].code;
}
