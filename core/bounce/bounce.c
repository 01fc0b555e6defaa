/* bounce.c -- whole bounce messages: DSNs, ARF reports and the others.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   GMime reads the message: its MIME structure, transfer encodings,
   charsets and RFC 2047 words.  The parts are walked without recursion
   and never inside a returned message/rfc822, whose headers alone are
   read.  The fields of a delivery-status or feedback-report part are
   read by the core (smtpreply_dsn_parse), the text of a bounce without a
   report by text.c, and every recipient is classified by the core
   (smtpreply_classify).  This file holds no knowledge of any mail
   program.  */

#include <config.h>

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "bounce-internal.h"
#include "smtpreply.h"

/* The headers of the returned original, in the order of their names.  */
enum
{
  ORIGINAL_MESSAGE_ID,
  ORIGINAL_FROM,
  ORIGINAL_TO,
  ORIGINAL_SUBJECT,
  ORIGINAL_DATE,
  ORIGINAL_COUNT
};

static const struct
{
  const char *name;   /* smtpreply_bounce_original's */
  const char *header; /* the message's */
} original_headers[ORIGINAL_COUNT] = {
  { "message_id", "Message-ID" }, { "from", "From" }, { "to", "To" },
  { "subject", "Subject" },       { "date", "Date" },
};

/* The most addresses of the bounce's own headers kept.  */
#define MAX_OWN 64

/* A block of the memory of a bounce.  */
struct chunk
{
  struct chunk *next;
  size_t used;
  size_t size;
  max_align_t data[];
};

/* A field of an ARF report.  */
struct field
{
  const char *name;
  const char *value;
};

struct smtpreply_bounce
{
  int kind;
  const char *format;
  struct smtpreply_bounce_recipient *recipients;
  struct smtpreply_verdict *verdicts;
  size_t count;
  size_t cap;
  const char *original[ORIGINAL_COUNT];
  struct field *fields;
  size_t nfields;
  struct chunk *chunks;
  int failed; /* memory ran out */
};

/* Memory.  */

/* Return N bytes of B's memory, aligned for any object, or NULL.  */
static void *
arena_alloc (struct smtpreply_bounce *b, size_t n)
{
  size_t align = sizeof (max_align_t);
  n = (n + align - 1) / align * align;
  struct chunk *c = b->chunks;
  if (c == NULL || c->size - c->used < n)
    {
      size_t size = n > 16384 ? n : 16384;
      c = malloc (sizeof *c + size);
      if (c == NULL)
        {
          b->failed = 1;
          return NULL;
        }
      c->size = size;
      c->used = 0;
      c->next = b->chunks;
      b->chunks = c;
    }
  void *p = (char *) c->data + c->used;
  c->used += n;
  return p;
}

/* Return a NUL-terminated copy of the N bytes at S in B's memory, or
   NULL.  */
static char *
arena_copy (struct smtpreply_bounce *b, const char *s, size_t n)
{
  char *p = arena_alloc (b, n + 1);
  if (p != NULL)
    {
      memcpy (p, s, n);
      p[n] = '\0';
    }
  return p;
}

/* Like arena_copy, for a NUL-terminated S (NULL gives NULL).  */
static char *
arena_string (struct smtpreply_bounce *b, const char *s)
{
  return s != NULL ? arena_copy (b, s, strlen (s)) : NULL;
}

/* Append a recipient to B, zeroed, and return it, or NULL.  */
static struct smtpreply_bounce_recipient *
add_recipient (struct smtpreply_bounce *b)
{
  if (b->count >= SMTPREPLY_BOUNCE_MAX_RECIPIENTS)
    return NULL;
  if (b->count == b->cap)
    {
      size_t cap = b->cap == 0 ? 4 : 2 * b->cap;
      struct smtpreply_bounce_recipient *r
          = realloc (b->recipients, cap * sizeof *r);
      if (r == NULL)
        {
          b->failed = 1;
          return NULL;
        }
      b->recipients = r;
      struct smtpreply_verdict *v = realloc (b->verdicts, cap * sizeof *v);
      if (v == NULL)
        {
          b->failed = 1;
          return NULL;
        }
      b->verdicts = v;
      b->cap = cap;
    }
  struct smtpreply_bounce_recipient *r = &b->recipients[b->count];
  memset (r, 0, sizeof *r);
  memset (&b->verdicts[b->count], 0, sizeof b->verdicts[0]);
  b->verdicts[b->count].size = sizeof b->verdicts[0];
  r->address = "";
  b->count++;
  return r;
}

/* Return the verdict of recipient R of B.  */
static struct smtpreply_verdict *
verdict_of (struct smtpreply_bounce *b,
            const struct smtpreply_bounce_recipient *r)
{
  return &b->verdicts[r - b->recipients];
}

void
smtpreply_bounce_free (struct smtpreply_bounce *b)
{
  if (b == NULL)
    return;
  for (struct chunk *c = b->chunks, *next; c != NULL; c = next)
    {
      next = c->next;
      free (c);
    }
  free (b->recipients);
  free (b->verdicts);
  free (b);
}

/* Characters.  */

/* Return C in lower case if it is an ASCII capital, else C.  */
static char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

/* Return nonzero if C is white space.  */
static int
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Return nonzero if the NUL-terminated A and B are equal without regard
   to ASCII case.  */
static int
equal_ci (const char *a, const char *b)
{
  for (; *a != '\0' && *b != '\0'; a++, b++)
    if (lower (*a) != lower (*b))
      return 0;
  return *a == *b;
}

/* Store in *S and *N the N bytes at *S without white space at either
   end.  */
static void
trim (const char **s, size_t *n)
{
  while (*n > 0 && is_space (**s))
    {
      (*s)++;
      (*n)--;
    }
  while (*n > 0 && is_space ((*s)[*n - 1]))
    (*n)--;
}

/* GMime.  */

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;

/* Set GMime up, once per process.  It is never shut down: other users
   of GMime in the process may still need it.  */
static void
gmime_start (void)
{
  g_mime_init ();
}

/* What GMime warned about.  */
struct warnings
{
  int broken; /* a multipart without a boundary, or nested too deep */
};

/* Note the warning CODE of GMime's parser in the struct warnings DATA.  */
static void
on_warning (gint64 offset, GMimeParserWarning code, const gchar *item,
            gpointer data)
{
  (void) offset;
  (void) item;
  struct warnings *w = data;
  if (code == GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY
      || code == GMIME_CRIT_NESTING_OVERFLOW)
    w->broken = 1;
}

/* Return the message GMime reads from the LEN bytes at BUF with OPTIONS,
   or NULL.  */
static GMimeMessage *
parse_message (const char *buf, size_t len, GMimeParserOptions *options)
{
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer (buf, (size_t) len);
  GMimeParser *parser = g_mime_parser_new_with_stream (stream);
  g_object_unref (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  GMimeMessage *message = g_mime_parser_construct_message (parser, options);
  g_object_unref (parser);
  return message;
}

/* Return nonzero if OBJECT's content type is TYPE/SUBTYPE.  */
static int
is_type (GMimeObject *object, const char *type, const char *subtype)
{
  GMimeContentType *ct = g_mime_object_get_content_type (object);
  if (ct == NULL)
    return 0;
  const char *t = g_mime_content_type_get_media_type (ct);
  const char *s = g_mime_content_type_get_media_subtype (ct);
  return t != NULL && s != NULL && equal_ci (t, type) && equal_ci (s, subtype);
}

/* Return the decoded content of PART, converted from its charset to UTF-8
   if UTF8 and the charset is known, and store its length in *LEN; NULL if
   it has none.  Free it with g_free.  */
static char *
part_content (GMimePart *part, int utf8, size_t *len)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  *len = 0;
  if (content == NULL)
    return NULL;
  GMimeStream *mem = g_mime_stream_mem_new ();
  GMimeStream *target = mem;
  const char *charset = utf8 ? g_mime_object_get_content_type_parameter (
                            (GMimeObject *) part, "charset")
                             : NULL;
  GMimeFilter *filter = NULL;
  if (charset != NULL && !equal_ci (charset, "utf-8")
      && !equal_ci (charset, "us-ascii") && !equal_ci (charset, "ascii"))
    filter = g_mime_filter_charset_new (charset, "utf-8");
  if (filter != NULL)
    {
      target = g_mime_stream_filter_new (mem);
      g_mime_stream_filter_add ((GMimeStreamFilter *) target, filter);
      g_object_unref (filter);
    }
  g_mime_data_wrapper_write_to_stream (content, target);
  g_mime_stream_flush (target);
  if (target != mem)
    g_object_unref (target);
  GByteArray *bytes
      = g_mime_stream_mem_get_byte_array ((GMimeStreamMem *) mem);
  g_mime_stream_mem_set_owner ((GMimeStreamMem *) mem, FALSE);
  g_object_unref (mem);
  *len = bytes->len;
  return (char *) g_byte_array_free (bytes, FALSE);
}

/* The parts of a message that matter.  */
struct parts
{
  GMimeObject *top;            /* the message's own part */
  GMimePart *dsn;              /* message/(global-)delivery-status */
  GMimePart *arf;              /* message/feedback-report */
  int mdn;                     /* a message/disposition-notification */
  int claims_dsn;              /* a multipart/report of delivery-status */
  int claims_arf;              /* a multipart/report of feedback-report */
  GMimePart *plain;            /* the first text/plain */
  GMimePart *html;             /* the first text/html */
  GMimeMessagePart *original;  /* message/rfc822 or message/global */
  GMimePart *original_headers; /* text/rfc822-headers */
};

/* Walk the parts of MESSAGE into *P, without recursion, never inside a
   returned message, at most SMTPREPLY_BOUNCE_MAX_PARTS.  @return 0 or -1
   if out of memory.  */
static int
walk (GMimeMessage *message, struct parts *p)
{
  memset (p, 0, sizeof *p);
  p->top = g_mime_message_get_mime_part (message);
  if (p->top == NULL)
    return 0;
  size_t cap = 64, n = 0, seen = 0, pushed = 1;
  GMimeObject **stack = malloc (cap * sizeof *stack);
  if (stack == NULL)
    return -1;
  stack[n++] = p->top;
  while (n > 0 && seen < SMTPREPLY_BOUNCE_MAX_PARTS)
    {
      GMimeObject *o = stack[--n];
      seen++;
      if (GMIME_IS_MULTIPART (o))
        {
          if (is_type (o, "multipart", "report"))
            {
              const char *rt = g_mime_object_get_content_type_parameter (
                  o, "report-type");
              if (rt != NULL
                  && (equal_ci (rt, "delivery-status")
                      || equal_ci (rt, "global-delivery-status")))
                p->claims_dsn = 1;
              if (rt != NULL && equal_ci (rt, "feedback-report"))
                p->claims_arf = 1;
              if (rt != NULL && equal_ci (rt, "disposition-notification"))
                p->mdn = 1;
            }
          int count = g_mime_multipart_get_count ((GMimeMultipart *) o);
          if (count < 0)
            count = 0;
          /* No more parts are taken than are walked.  */
          if ((size_t) count > SMTPREPLY_BOUNCE_MAX_PARTS - pushed)
            count = (int) (SMTPREPLY_BOUNCE_MAX_PARTS - pushed);
          pushed += (size_t) count;
          if (n + (size_t) count > cap)
            {
              while (n + (size_t) count > cap)
                cap *= 2;
              GMimeObject **s = realloc (stack, cap * sizeof *s);
              if (s == NULL)
                {
                  free (stack);
                  return -1;
                }
              stack = s;
            }
          /* Pushed backwards, popped in order.  */
          for (int i = count - 1; i >= 0; i--)
            {
              GMimeObject *child
                  = g_mime_multipart_get_part ((GMimeMultipart *) o, i);
              if (child != NULL)
                stack[n++] = child;
            }
        }
      else if (GMIME_IS_MESSAGE_PART (o))
        {
          if (p->original == NULL)
            p->original = (GMimeMessagePart *) o;
        }
      else if (GMIME_IS_PART (o))
        {
          GMimePart *part = (GMimePart *) o;
          if (is_type (o, "message", "delivery-status")
              || is_type (o, "message", "global-delivery-status"))
            {
              if (p->dsn == NULL)
                p->dsn = part;
            }
          else if (is_type (o, "message", "feedback-report"))
            {
              if (p->arf == NULL)
                p->arf = part;
            }
          else if (is_type (o, "message", "disposition-notification")
                   || is_type (o, "message",
                               "global-disposition-notification"))
            p->mdn = 1;
          else if (is_type (o, "text", "rfc822-headers")
                   || is_type (o, "text", "global-headers"))
            {
              if (p->original_headers == NULL)
                p->original_headers = part;
            }
          else if (is_type (o, "text", "plain"))
            {
              if (p->plain == NULL)
                p->plain = part;
            }
          else if (is_type (o, "text", "html"))
            {
              if (p->html == NULL)
                p->html = part;
            }
        }
    }
  free (stack);
  return 0;
}

/* Text.  */

/* Append the UTF-8 form of code point CP to OUT at *N.  */
static void
put_utf8 (char *out, size_t *n, unsigned long cp)
{
  if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    cp = 0xfffd;
  if (cp < 0x80)
    out[(*n)++] = (char) cp;
  else if (cp < 0x800)
    {
      out[(*n)++] = (char) (0xc0 | (cp >> 6));
      out[(*n)++] = (char) (0x80 | (cp & 0x3f));
    }
  else if (cp < 0x10000)
    {
      out[(*n)++] = (char) (0xe0 | (cp >> 12));
      out[(*n)++] = (char) (0x80 | ((cp >> 6) & 0x3f));
      out[(*n)++] = (char) (0x80 | (cp & 0x3f));
    }
  else
    {
      out[(*n)++] = (char) (0xf0 | (cp >> 18));
      out[(*n)++] = (char) (0x80 | ((cp >> 12) & 0x3f));
      out[(*n)++] = (char) (0x80 | ((cp >> 6) & 0x3f));
      out[(*n)++] = (char) (0x80 | (cp & 0x3f));
    }
}

/* Rewrite the LEN bytes at S, HTML, as text in place: tags removed (those
   that end a line or a block become a line break, script and style
   elements go with their content), character references decoded.
   @return the new length.  */
static size_t
html_to_text (char *s, size_t len)
{
  static const char *const breaks[]
      = { "br",  "p",   "/p",  "div", "/div", "tr",     "/tr", "li",
          "/li", "/h1", "/h2", "/h3", "/h4",  "/table", "/td" };
  size_t n = 0;
  size_t i = 0;
  while (i < len)
    {
      if (s[i] == '<')
        {
          const char *close = memchr (s + i, '>', len - i);
          size_t e = close != NULL ? (size_t) (close - s) : len;
          char name[16];
          size_t k = 0;
          size_t j = i + 1;
          if (j < e && s[j] == '/')
            name[k++] = s[j++];
          while (j < e && k + 1 < sizeof name && !is_space (s[j])
                 && s[j] != '/')
            name[k++] = lower (s[j++]);
          name[k] = '\0';
          if (strcmp (name, "script") == 0 || strcmp (name, "style") == 0)
            {
              /* Skip to the end tag.  */
              char end[16];
              size_t el = (size_t) snprintf (end, sizeof end, "</%s", name);
              size_t m = e;
              while (m + el <= len)
                {
                  size_t q = 0;
                  while (q < el && lower (s[m + q]) == end[q])
                    q++;
                  if (q == el)
                    break;
                  m++;
                }
              close = m < len ? memchr (s + m, '>', len - m) : NULL;
              e = close != NULL ? (size_t) (close - s) : len;
            }
          for (size_t b = 0; b < SMTPREPLY__BOUNCE_N_ELEMS (breaks); b++)
            if (strcmp (name, breaks[b]) == 0)
              {
                s[n++] = '\n';
                break;
              }
          i = e < len ? e + 1 : len;
          continue;
        }
      if (s[i] == '&')
        {
          const char *semi = memchr (s + i, ';', len - i < 12 ? len - i : 12);
          if (semi != NULL)
            {
              size_t e = (size_t) (semi - s);
              char ent[12];
              size_t el = e - i - 1;
              memcpy (ent, s + i + 1, el);
              ent[el] = '\0';
              unsigned long cp = 0;
              int ok = 1;
              if (strcmp (ent, "amp") == 0)
                cp = '&';
              else if (strcmp (ent, "lt") == 0)
                cp = '<';
              else if (strcmp (ent, "gt") == 0)
                cp = '>';
              else if (strcmp (ent, "quot") == 0)
                cp = '"';
              else if (strcmp (ent, "apos") == 0)
                cp = '\'';
              else if (strcmp (ent, "nbsp") == 0)
                cp = ' ';
              else if (ent[0] == '#' && (ent[1] == 'x' || ent[1] == 'X'))
                cp = strtoul (ent + 2, NULL, 16);
              else if (ent[0] == '#')
                cp = strtoul (ent + 1, NULL, 10);
              else
                ok = 0;
              /* The longest form is 4 bytes, and the reference at least 3
                 ("&#9;"): the text never grows.  */
              if (ok && el >= 2)
                {
                  char tmp[4];
                  size_t tn = 0;
                  put_utf8 (tmp, &tn, cp);
                  if (tn <= e + 1 - i)
                    {
                      memcpy (s + n, tmp, tn);
                      n += tn;
                      i = e + 1;
                      continue;
                    }
                }
            }
        }
      s[n++] = s[i++];
    }
  return n;
}

/* Decode RFC 6533's "\x{HEX}" forms in the NUL-terminated S in place.  */
static void
decode_xtext (char *s)
{
  size_t n = 0;
  for (size_t i = 0; s[i] != '\0';)
    {
      if (s[i] == '\\' && s[i + 1] == 'x' && s[i + 2] == '{')
        {
          size_t k = i + 3;
          unsigned long cp = 0;
          size_t digits = 0;
          while (digits < 7
                 && ((s[k] >= '0' && s[k] <= '9')
                     || (lower (s[k]) >= 'a' && lower (s[k]) <= 'f')))
            {
              char c = lower (s[k]);
              cp = cp * 16
                   + (unsigned long) (c <= '9' ? c - '0' : c - 'a' + 10);
              k++;
              digits++;
            }
          /* "\x{HEX}" is at least 5 bytes; its UTF-8 form at most 4.  */
          if (digits > 0 && s[k] == '}')
            {
              put_utf8 (s, &n, cp);
              i = k + 1;
              continue;
            }
        }
      s[n++] = s[i++];
    }
  s[n] = '\0';
}

/* Return an address of the N bytes at S as a recipient's (without angle
   brackets, "\x{HEX}" decoded if XTEXT, the domain in lower case) in B's
   memory, or NULL.  */
static const char *
recipient_address (struct smtpreply_bounce *b, const char *s, size_t n,
                   int xtext)
{
  trim (&s, &n);
  if (n >= 2 && s[0] == '<' && s[n - 1] == '>')
    {
      s++;
      n -= 2;
      trim (&s, &n);
    }
  char *copy = arena_copy (b, s, n);
  if (copy == NULL)
    return NULL;
  if (xtext)
    decode_xtext (copy);
  char *at = strrchr (copy, '@');
  if (at != NULL)
    for (char *p = at + 1; *p != '\0'; p++)
      *p = lower (*p);
  return copy;
}

/* Return the host of a Remote-MTA value of N bytes at S: its first word,
   without a trailing dot, in lower case, if it is a DNS name; NULL
   otherwise.  In B's memory.  */
static const char *
remote_host (struct smtpreply_bounce *b, const char *s, size_t n)
{
  trim (&s, &n);
  size_t e = 0;
  while (e < n && !is_space (s[e]) && s[e] != '(' && s[e] != '['
         && s[e] != ';')
    e++;
  while (e > 0 && s[e - 1] == '.')
    e--;
  int dot = 0, letter = 0;
  size_t last_dot = 0;
  for (size_t i = 0; i < e; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (c == '.')
        {
          dot = 1;
          last_dot = i;
        }
      else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                 || (c >= '0' && c <= '9') || c == '-' || c == '_'
                 || c >= 0x80))
        return NULL;
    }
  for (size_t i = last_dot + 1; i < e; i++)
    if (!(s[i] >= '0' && s[i] <= '9'))
      letter = 1;
  if (!dot || !letter || e == 0 || s[0] == '.' || s[0] == '-')
    return NULL;
  char *h = arena_copy (b, s, e);
  if (h != NULL)
    for (char *p = h; *p != '\0'; p++)
      *p = lower (*p);
  return h;
}

/* Verdicts.  */

/* Classify recipient R of B, whose reply is CODE (0: none) with enhanced
   code ENHANCED (NULL: none), with TEXT (NULL: none) saying what
   happened, in answer to STAGE (SMTPREPLY_STAGE_ANY: unknown), into its
   verdict.  A recipient without a reply is judged on its status, or else
   on the class its action implies.  Two things only the report knows
   decide over the classifier: a delayed recipient is tried again, so it
   is soft; a recipient that failed with a transient status (4.X.X, or a
   4yz reply) was given up after retrying until its time ran out, which
   RFC 3463 calls X.4.7, delivery time expired, whatever the last error
   was.  */
static void
classify (struct smtpreply_bounce *b, struct smtpreply_bounce_recipient *r,
          int code, const struct smtpreply_enhanced_code *enhanced,
          const char *text, int stage)
{
  struct smtpreply_verdict *v = verdict_of (b, r);
  struct smtpreply_enhanced_code implied = { 0, 0, 0 };
  /* A reply that is no failure (1yz, 2yz, 3yz) cannot tell why a
     recipient failed or waits: the status does.  */
  if ((r->action == SMTPREPLY_DSN_ACTION_FAILED
       || r->action == SMTPREPLY_DSN_ACTION_DELAYED)
      && code != 0 && code / 100 != 4 && code / 100 != 5)
    {
      code = 0;
      if (enhanced != NULL && enhanced->cls == 2)
        enhanced = NULL;
    }
  if (enhanced == NULL && r->has_status)
    enhanced = &r->status;
  if (code == 0 && enhanced == NULL)
    {
      switch (r->action)
        {
        case SMTPREPLY_DSN_ACTION_FAILED:
          implied.cls = 5;
          break;
        case SMTPREPLY_DSN_ACTION_DELAYED:
          implied.cls = 4;
          break;
        case SMTPREPLY_DSN_ACTION_DELIVERED:
        case SMTPREPLY_DSN_ACTION_RELAYED:
        case SMTPREPLY_DSN_ACTION_EXPANDED:
          implied.cls = 2;
          break;
        default:
          break;
        }
      if (implied.cls != 0)
        enhanced = &implied;
      else
        /* Nothing says what the code is: the text must not be searched
           for one ("x-unix; 127").  */
        text = NULL;
    }
  size_t len = text != NULL ? strlen (text) : 0;
  int transient = r->has_status      ? r->status.cls == 4
                  : enhanced != NULL ? enhanced->cls == 4
                                     : code / 100 == 4;
  if (r->action == SMTPREPLY_DSN_ACTION_FAILED && transient)
    {
      struct smtpreply_enhanced_code expired = { 4, 4, 7 };
      smtpreply_classify (0, &expired, NULL, 0, stage, r->remote_mta, v);
      return;
    }
  if (smtpreply_classify (code, enhanced, text, len, stage, r->remote_mta, v)
          < 0
      || v->reason == NULL)
    /* A code the classifier refuses, or a reply that goes on (1yz, 3yz,
       which have no reason): judged without it.  */
    smtpreply_classify (0, enhanced, enhanced != NULL ? text : NULL,
                        enhanced != NULL ? len : 0, stage, r->remote_mta, v);
  /* A delayed recipient will be tried again: soft, whatever the status.  */
  if (r->action == SMTPREPLY_DSN_ACTION_DELAYED && v->soft == 0)
    {
      struct smtpreply_enhanced_code later = { 4, 0, 0 };
      const struct smtpreply_advice *advice;
      v->soft = 1;
      if (smtpreply_advise (0, &later, stage, &advice) == 0)
        v->advice = advice;
    }
}

/* Copy the lines of REPLY into recipient R of B.  */
static void
copy_reply (struct smtpreply_bounce *b, struct smtpreply_bounce_recipient *r,
            const struct smtpreply_response *reply)
{
  r->code = smtpreply_response_code (reply);
  const struct smtpreply_enhanced_code *e
      = smtpreply_response_enhanced (reply);
  if (e != NULL)
    {
      r->has_enhanced = 1;
      r->enhanced = *e;
    }
  size_t n = smtpreply_response_line_count (reply);
  const char **lines = arena_alloc (b, (n > 0 ? n : 1) * sizeof *lines);
  if (lines == NULL)
    return;
  for (size_t i = 0; i < n; i++)
    {
      size_t len;
      const char *s = smtpreply_response_line (reply, i, &len);
      lines[i] = arena_copy (b, s != NULL ? s : "", s != NULL ? len : 0);
      if (lines[i] == NULL)
        return;
    }
  r->lines = lines;
  r->line_count = n;
}

/* The kinds of messages.  */

/* Return the field NAME of group G of DSN as a NUL-terminated value, or
   NULL.  */
static const struct smtpreply_dsn_field *
field (const struct smtpreply_dsn *dsn, size_t g, const char *name)
{
  return smtpreply_dsn_field_find (dsn, g, name);
}

/* Read the DSN in the LEN bytes at BODY into B, with the records of TEXT
   (the notification's) for recipients without a diagnostic.  @return the
   number of recipients whose address is known, or -1 if out of
   memory.  */
static long
read_dsn (struct smtpreply_bounce *b, const char *body, size_t len,
          const struct smtpreply__text_result *text)
{
  struct smtpreply_dsn *dsn;
  int rc = smtpreply_dsn_parse (body, len, &dsn);
  if (rc == SMTPREPLY_ENOMEM)
    return -1;
  if (rc < 0)
    return 0;
  long known = 0;
  size_t count = smtpreply_dsn_recipient_count (dsn);
  for (size_t g = 1; g <= count; g++)
    {
      const struct smtpreply_dsn_field *to = field (dsn, g, "Final-Recipient");
      if (to == NULL || to->value_len == 0)
        to = field (dsn, g, "Original-Recipient");
      if (to != NULL && to->value_len > 0)
        known++;
    }
  if (known == 0)
    {
      smtpreply_dsn_free (dsn);
      return 0;
    }
  for (size_t g = 1; g <= count && !b->failed; g++)
    {
      struct smtpreply_bounce_recipient *r = add_recipient (b);
      if (r == NULL)
        break;
      const struct smtpreply_dsn_field *to = field (dsn, g, "Final-Recipient");
      if (to == NULL || to->value_len == 0)
        to = field (dsn, g, "Original-Recipient");
      if (to != NULL)
        {
          int xtext = to->type != NULL && equal_ci (to->type, "utf-8");
          const char *a
              = recipient_address (b, to->value, to->value_len, xtext);
          if (a != NULL)
            r->address = a;
        }
      int action = smtpreply_dsn_recipient_action (dsn, g);
      r->action = action > 0 ? action : SMTPREPLY_DSN_ACTION_NONE;
      if (smtpreply_dsn_recipient_status (dsn, g, &r->status) == 0)
        r->has_status = 1;
      const struct smtpreply_response *reply
          = smtpreply_dsn_recipient_reply (dsn, g);
      if (reply != NULL)
        copy_reply (b, r, reply);
      const struct smtpreply_dsn_field *mta = field (dsn, g, "Remote-MTA");
      if (mta != NULL && (mta->type == NULL || equal_ci (mta->type, "dns")))
        r->remote_mta = remote_host (b, mta->value, mta->value_len);
      const struct smtpreply_dsn_field *diag
          = field (dsn, g, "Diagnostic-Code");
      if (diag != NULL)
        {
          r->diagnostic_type = arena_string (b, diag->type);
          r->diagnostic = arena_copy (b, diag->value, diag->value_len);
        }
      r->source = "dsn";
      /* What the report says of the recipient: the diagnostic as written,
         type included ("x-unix; 255"), else what the text says of the
         address; then the comment of the Status ("4.0.0 (host name lookup
         failure)").  The text also tells the host and the command
         answered when the report does not.  */
      const struct smtpreply__text_recipient *t
          = smtpreply__text_find (text, r->address);
      if (t != NULL && r->remote_mta == NULL && t->remote_mta != NULL)
        r->remote_mta = arena_string (b, t->remote_mta);
      const struct smtpreply_dsn_field *status = field (dsn, g, "Status");
      const char *comment = NULL;
      size_t comment_len = 0;
      if (status != NULL && r->has_status)
        {
          comment = status->value;
          comment_len = status->value_len;
          while (comment_len > 0 && !is_space (*comment))
            {
              comment++;
              comment_len--;
            }
          trim (&comment, &comment_len);
        }
      const char *about = NULL;
      size_t about_len = 0;
      if (diag != NULL && diag->value_len > 0)
        about_len = diag->type_len + 2 + diag->value_len;
      else if (t != NULL)
        about_len = strlen (t->diagnostic);
      char *words = arena_alloc (b, about_len + comment_len + 2);
      if (words == NULL)
        break;
      if (diag != NULL && diag->value_len > 0)
        {
          size_t n = 0;
          if (diag->type != NULL)
            {
              memcpy (words, diag->type, diag->type_len);
              memcpy (words + diag->type_len, "; ", 2);
              n = diag->type_len + 2;
            }
          memcpy (words + n, diag->value, diag->value_len);
          about_len = n + diag->value_len;
        }
      else if (t != NULL)
        memcpy (words, t->diagnostic, about_len);
      if (comment_len > 0)
        {
          if (about_len > 0)
            words[about_len++] = ' ';
          memcpy (words + about_len, comment, comment_len);
          about_len += comment_len;
        }
      words[about_len] = '\0';
      about = about_len > 0 ? words : NULL;
      int stage = SMTPREPLY_STAGE_ANY;
      if (about != NULL)
        smtpreply_stage_find (about, about_len, &stage);
      if (stage == SMTPREPLY_STAGE_ANY && t != NULL)
        smtpreply_stage_find (t->diagnostic, strlen (t->diagnostic), &stage);
      classify (b, r, r->code, r->has_enhanced ? &r->enhanced : NULL, about,
                stage);
    }
  smtpreply_dsn_free (dsn);
  return b->failed ? -1 : known;
}

/* Read the feedback report in the LEN bytes at BODY into B.  @return 0,
   or -1 if out of memory.  */
static int
read_arf (struct smtpreply_bounce *b, const char *body, size_t len)
{
  struct smtpreply_dsn *report;
  int rc = smtpreply_dsn_parse (body, len, &report);
  if (rc == SMTPREPLY_ENOMEM)
    return -1;
  size_t total = 0;
  if (rc == 0)
    for (size_t g = 0; g <= smtpreply_dsn_recipient_count (report); g++)
      total += smtpreply_dsn_field_count (report, g);
  if (total > 0)
    {
      b->fields = arena_alloc (b, total * sizeof *b->fields);
      if (b->fields == NULL)
        {
          smtpreply_dsn_free (report);
          return -1;
        }
      for (size_t g = 0; g <= smtpreply_dsn_recipient_count (report); g++)
        for (size_t i = 0; i < smtpreply_dsn_field_count (report, g); i++)
          {
            const struct smtpreply_dsn_field *f
                = smtpreply_dsn_field_at (report, g, i);
            struct field *out = &b->fields[b->nfields++];
            out->name = arena_copy (b, f->name, f->name_len);
            /* A field the reader splits at its type (Reporting-MTA) is
               given whole, as written.  */
            if (f->type == NULL)
              out->value = arena_copy (b, f->value, f->value_len);
            else
              {
                char *v = arena_alloc (b, f->type_len + f->value_len + 3);
                if (v != NULL)
                  {
                    memcpy (v, f->type, f->type_len);
                    memcpy (v + f->type_len, "; ", 2);
                    memcpy (v + f->type_len + 2, f->value, f->value_len);
                    v[f->type_len + 2 + f->value_len] = '\0';
                  }
                out->value = v;
              }
          }
    }
  smtpreply_dsn_free (report);
  if (b->failed)
    return -1;
  const char *type = smtpreply_bounce_report_field (b, "Feedback-Type");
  char *feedback = NULL;
  if (type != NULL)
    {
      size_t n = strlen (type);
      trim (&type, &n);
      feedback = arena_copy (b, type, n);
      if (feedback == NULL)
        return -1;
      for (char *p = feedback; *p != '\0'; p++)
        *p = lower (*p);
    }
  const struct smtpreply_reason *reason = smtpreply_reason_lookup ("feedback");
  size_t made = 0;
  for (size_t i = 0; i <= b->nfields; i++)
    {
      int last = i == b->nfields;
      if (!last && !equal_ci (b->fields[i].name, "Original-Rcpt-To"))
        continue;
      if (last && made > 0)
        break;
      struct smtpreply_bounce_recipient *r = add_recipient (b);
      if (r == NULL)
        break;
      made++;
      if (!last)
        {
          const char *a = recipient_address (b, b->fields[i].value,
                                             strlen (b->fields[i].value), 0);
          if (a != NULL)
            r->address = a;
        }
      r->action = SMTPREPLY_DSN_ACTION_NONE;
      r->source = "arf";
      r->feedback_type = feedback;
      struct smtpreply_verdict *v = verdict_of (b, r);
      v->reason = reason;
      v->soft = -1;
    }
  return b->failed ? -1 : 0;
}

/* Read the records of TEXT into B.  @return 0, or -1 if out of memory.  */
static int
read_text (struct smtpreply_bounce *b,
           const struct smtpreply__text_result *text)
{
  for (size_t i = 0; i < text->count && !b->failed; i++)
    {
      const struct smtpreply__text_recipient *t = &text->recipients[i];
      struct smtpreply_bounce_recipient *r = add_recipient (b);
      if (r == NULL)
        break;
      r->address = arena_string (b, t->address);
      r->action = text->delayed ? SMTPREPLY_DSN_ACTION_DELAYED
                                : SMTPREPLY_DSN_ACTION_FAILED;
      r->has_status = t->has_status;
      r->status = t->status;
      r->code = t->code;
      r->has_enhanced = t->has_enhanced;
      r->enhanced = t->enhanced;
      if (t->reply_count > 0)
        {
          const char **lines = arena_alloc (b, t->reply_count * sizeof *lines);
          if (lines != NULL)
            {
              for (size_t k = 0; k < t->reply_count; k++)
                lines[k] = arena_string (b, t->reply[k]);
              r->lines = lines;
              r->line_count = t->reply_count;
            }
        }
      r->remote_mta = arena_string (b, t->remote_mta);
      r->diagnostic = arena_string (b, t->diagnostic);
      char source[32];
      snprintf (source, sizeof source, "text:%zu", t->line);
      r->source = arena_string (b, source);
      if (r->address == NULL)
        r->address = "";
      classify (b, r, r->code, r->has_enhanced ? &r->enhanced : NULL,
                r->diagnostic, SMTPREPLY_STAGE_ANY);
    }
  return b->failed ? -1 : 0;
}

/* Read the headers of the returned original MESSAGE into B.  */
static void
read_original (struct smtpreply_bounce *b, GMimeMessage *message)
{
  for (size_t i = 0; i < ORIGINAL_COUNT; i++)
    {
      const char *v = g_mime_object_get_header ((GMimeObject *) message,
                                                original_headers[i].header);
      if (v == NULL)
        continue;
      size_t n = strlen (v);
      trim (&v, &n);
      b->original[i] = arena_copy (b, v, n);
    }
}

/* Read the headers in the LEN bytes at S (a header block, maybe followed
   by a body) into B as the original's, with OPTIONS.  */
static void
read_original_bytes (struct smtpreply_bounce *b, const char *s, size_t len,
                     GMimeParserOptions *options)
{
  /* Skip the empty lines before the headers.  */
  while (len > 0 && is_space (*s))
    {
      s++;
      len--;
    }
  if (len == 0)
    return;
  GMimeMessage *m = parse_message (s, len, options);
  if (m != NULL)
    {
      read_original (b, m);
      g_object_unref (m);
    }
}

/* Add the addresses of LIST (groups included) to OWN (*N of MAX_OWN),
   as copies in B's memory.  */
static void
add_own (struct smtpreply_bounce *b, InternetAddressList *list,
         const char **own, size_t *n)
{
  if (list == NULL)
    return;
  int count = internet_address_list_length (list);
  for (int i = 0; i < count && *n < MAX_OWN; i++)
    {
      InternetAddress *a = internet_address_list_get_address (list, i);
      if (INTERNET_ADDRESS_IS_MAILBOX (a))
        {
          const char *addr = internet_address_mailbox_get_addr (
              (InternetAddressMailbox *) a);
          if (addr != NULL && strchr (addr, '@') != NULL)
            own[(*n)++] = arena_string (b, addr);
        }
      else if (INTERNET_ADDRESS_IS_GROUP (a))
        {
          InternetAddressList *members = internet_address_group_get_members (
              (InternetAddressGroup *) a);
          int m = members != NULL ? internet_address_list_length (members) : 0;
          for (int k = 0; k < m && *n < MAX_OWN; k++)
            {
              InternetAddress *x
                  = internet_address_list_get_address (members, k);
              if (INTERNET_ADDRESS_IS_MAILBOX (x))
                {
                  const char *addr = internet_address_mailbox_get_addr (
                      (InternetAddressMailbox *) x);
                  if (addr != NULL && strchr (addr, '@') != NULL)
                    own[(*n)++] = arena_string (b, addr);
                }
            }
        }
    }
}

/* Read the notification text of MESSAGE (parts P) with formats.def into
   *OUT (ANY: with no format too).  *TEXT and *TEXT_LEN get the text (free
   it with g_free).  @return 0 or -1 if out of memory.  */
static int
read_notification (struct smtpreply_bounce *b, GMimeMessage *message,
                   const struct parts *p, int any,
                   struct smtpreply__text_result *out, char **text,
                   size_t *text_len)
{
  *text = NULL;
  *text_len = 0;
  if (p->plain != NULL)
    *text = part_content (p->plain, 1, text_len);
  else if (p->html != NULL)
    {
      *text = part_content (p->html, 1, text_len);
      if (*text != NULL)
        *text_len = html_to_text (*text, *text_len);
    }
  const char *own[MAX_OWN];
  size_t nown = 0;
  add_own (b, g_mime_message_get_from (message), own, &nown);
  add_own (b, g_mime_message_get_sender (message), own, &nown);
  add_own (b, g_mime_message_get_reply_to (message), own, &nown);
  add_own (b, g_mime_message_get_to (message), own, &nown);
  add_own (b, g_mime_message_get_cc (message), own, &nown);
  char *from = NULL;
  InternetAddressList *from_list = g_mime_message_get_from (message);
  if (from_list != NULL)
    from = internet_address_list_to_string (from_list, NULL, FALSE);
  struct smtpreply__text_input in = {
    .text = *text != NULL ? *text : "",
    .len = *text_len,
    .subject = g_mime_message_get_subject (message),
    .from = from,
    .own = own,
    .own_count = nown,
    .any_format = any,
  };
  int rc = b->failed ? -1 : smtpreply__text_read (&in, out) < 0 ? -1 : 0;
  g_free (from);
  return rc;
}

smtpreply_status
smtpreply_bounce_read (const char *buf, size_t len,
                       struct smtpreply_bounce **out)
{
  if (out == NULL || (buf == NULL && len > 0))
    return SMTPREPLY_EINVAL;
  *out = NULL;
  if (len > SMTPREPLY_BOUNCE_MAX_INPUT)
    return SMTPREPLY_EBOUNCE_TOO_BIG;
  struct smtpreply_bounce *b = calloc (1, sizeof *b);
  if (b == NULL)
    return SMTPREPLY_ENOMEM;
  b->kind = SMTPREPLY_BOUNCE_NOT_BOUNCE;
  if (len == 0)
    {
      *out = b;
      return 0;
    }
  pthread_once (&gmime_once, gmime_start);

  struct warnings warnings = { 0 };
  GMimeParserOptions *options = g_mime_parser_options_new ();
  static const char *fallback[] = { "UTF-8", "ISO-8859-1", NULL };
  g_mime_parser_options_set_fallback_charsets (options, fallback);
  g_mime_parser_options_set_warning_callback (options, on_warning, &warnings);
  GMimeMessage *message = parse_message (buf, len, options);
  int rc = 0;
  struct parts p;
  struct smtpreply__text_result text = { 0 };
  char *notification = NULL;
  size_t notification_len = 0;
  if (message == NULL)
    goto done;
  if (walk (message, &p) < 0)
    {
      rc = SMTPREPLY_ENOMEM;
      goto done;
    }

  if (p.dsn != NULL && !p.mdn)
    {
      if (read_notification (b, message, &p, 1, &text, &notification,
                             &notification_len)
          < 0)
        {
          rc = SMTPREPLY_ENOMEM;
          goto done;
        }
      size_t body_len;
      char *body = part_content (p.dsn, 0, &body_len);
      long known = read_dsn (b, body != NULL ? body : "", body_len, &text);
      g_free (body);
      if (known < 0)
        {
          rc = SMTPREPLY_ENOMEM;
          goto done;
        }
      if (known > 0)
        {
          b->kind = SMTPREPLY_BOUNCE_DSN;
          b->format = "dsn";
        }
      else if (text.format != NULL && text.count > 0)
        {
          /* The report names no one, the text does.  */
          if (read_text (b, &text) < 0)
            rc = SMTPREPLY_ENOMEM;
          b->kind = SMTPREPLY_BOUNCE_BOUNCE;
          b->format = text.format->id;
        }
      else
        rc = warnings.broken ? SMTPREPLY_EBOUNCE_MIME
                             : SMTPREPLY_EBOUNCE_REPORT;
    }
  else if ((p.arf != NULL || p.claims_arf) && !p.mdn)
    {
      size_t body_len = 0;
      char *body = p.arf != NULL ? part_content (p.arf, 0, &body_len) : NULL;
      if (body == NULL)
        rc = warnings.broken ? SMTPREPLY_EBOUNCE_MIME
                             : SMTPREPLY_EBOUNCE_REPORT;
      else if (read_arf (b, body, body_len) < 0)
        rc = SMTPREPLY_ENOMEM;
      else
        {
          b->kind = SMTPREPLY_BOUNCE_ARF;
          b->format = "arf";
        }
      g_free (body);
    }
  else if (!p.mdn)
    {
      if (read_notification (b, message, &p, 0, &text, &notification,
                             &notification_len)
          < 0)
        {
          rc = SMTPREPLY_ENOMEM;
          goto done;
        }
      if (text.format != NULL && text.count > 0)
        {
          if (read_text (b, &text) < 0)
            rc = SMTPREPLY_ENOMEM;
          b->kind = SMTPREPLY_BOUNCE_BOUNCE;
          b->format = text.format->id;
        }
      else if (p.claims_dsn)
        rc = warnings.broken ? SMTPREPLY_EBOUNCE_MIME
                             : SMTPREPLY_EBOUNCE_REPORT;
    }

  /* The returned original.  */
  if (rc == 0 && b->kind != SMTPREPLY_BOUNCE_NOT_BOUNCE)
    {
      if (p.original != NULL)
        {
          GMimeMessage *m = g_mime_message_part_get_message (p.original);
          if (m != NULL)
            read_original (b, m);
        }
      else if (p.original_headers != NULL)
        {
          size_t n;
          char *h = part_content (p.original_headers, 1, &n);
          if (h != NULL)
            read_original_bytes (b, h, n, options);
          g_free (h);
        }
      else if (b->kind == SMTPREPLY_BOUNCE_BOUNCE && notification != NULL
               && text.original != SIZE_MAX
               && text.original < notification_len)
        read_original_bytes (b, notification + text.original,
                             notification_len - text.original, options);
    }

done:
  smtpreply__text_result_free (&text);
  g_free (notification);
  if (message != NULL)
    g_object_unref (message);
  g_mime_parser_options_free (options);
  if (rc == 0 && b->failed)
    rc = SMTPREPLY_ENOMEM;
  if (rc < 0)
    {
      smtpreply_bounce_free (b);
      return rc;
    }
  for (size_t i = 0; i < b->count; i++)
    b->recipients[i].verdict = &b->verdicts[i];
  *out = b;
  return 0;
}

/* Accessors.  */

int
smtpreply_bounce_kind (const struct smtpreply_bounce *b)
{
  return b != NULL ? b->kind : SMTPREPLY_EINVAL;
}

const char *
smtpreply_bounce_kind_name (int kind)
{
  switch (kind)
    {
    case SMTPREPLY_BOUNCE_NOT_BOUNCE:
      return "not_bounce";
    case SMTPREPLY_BOUNCE_DSN:
      return "dsn";
    case SMTPREPLY_BOUNCE_ARF:
      return "arf";
    case SMTPREPLY_BOUNCE_BOUNCE:
      return "bounce";
    default:
      return NULL;
    }
}

const char *
smtpreply_bounce_format (const struct smtpreply_bounce *b)
{
  return b != NULL ? b->format : NULL;
}

size_t
smtpreply_bounce_recipient_count (const struct smtpreply_bounce *b)
{
  return b != NULL ? b->count : 0;
}

const struct smtpreply_bounce_recipient *
smtpreply_bounce_recipient_at (const struct smtpreply_bounce *b, size_t i)
{
  return b != NULL && i < b->count ? &b->recipients[i] : NULL;
}

const char *
smtpreply_bounce_original (const struct smtpreply_bounce *b,
                           const char *header)
{
  if (b == NULL || header == NULL)
    return NULL;
  for (size_t i = 0; i < ORIGINAL_COUNT; i++)
    if (strcmp (header, original_headers[i].name) == 0)
      return b->original[i];
  return NULL;
}

const char *
smtpreply_bounce_report_field (const struct smtpreply_bounce *b,
                               const char *name)
{
  if (b == NULL || name == NULL)
    return NULL;
  for (size_t i = 0; i < b->nfields; i++)
    if (b->fields[i].name != NULL && equal_ci (b->fields[i].name, name))
      return b->fields[i].value;
  return NULL;
}

/* JSON.  */

/* A JSON text being written.  */
struct json
{
  char *buf;
  size_t len;
  size_t cap;
  int first;
  int failed;
};

/* Make room for N more bytes and a NUL in J.  @return 0 or -1.  */
static int
json_room (struct json *j, size_t n)
{
  if (j->failed)
    return -1;
  if (j->len + n + 1 <= j->cap)
    return 0;
  size_t cap = j->cap < 512 ? 512 : j->cap;
  while (cap < j->len + n + 1)
    cap *= 2;
  char *p = realloc (j->buf, cap);
  if (p == NULL)
    {
      j->failed = 1;
      return -1;
    }
  j->buf = p;
  j->cap = cap;
  return 0;
}

/* Append the N bytes at S to J.  */
static void
json_raw (struct json *j, const char *s, size_t n)
{
  if (json_room (j, n) < 0)
    return;
  memcpy (j->buf + j->len, s, n);
  j->len += n;
  j->buf[j->len] = '\0';
}

/* Append the N bytes at S to J as a JSON string.  */
static void
json_quoted (struct json *j, const char *s, size_t n)
{
  if (json_room (j, 6 * n + 3) < 0)
    return;
  size_t w;
  if (smtpreply_json_quote (s, n, j->buf + j->len, j->cap - j->len, &w) == 0)
    j->len += w;
  else
    j->failed = 1;
}

/* Write the separator and KEY.  */
static void
json_key (struct json *j, const char *key)
{
  if (!j->first)
    json_raw (j, ",", 1);
  j->first = 0;
  json_quoted (j, key, strlen (key));
  json_raw (j, ":", 1);
}

/* Write member KEY, a string, unless VALUE is NULL.  */
static void
json_string (struct json *j, const char *key, const char *value)
{
  if (value == NULL)
    return;
  json_key (j, key);
  json_quoted (j, value, strlen (value));
}

/* Write member KEY, a number.  */
static void
json_number (struct json *j, const char *key, unsigned long long value)
{
  char num[32];
  int n = snprintf (num, sizeof num, "%llu", value);
  json_key (j, key);
  json_raw (j, num, (size_t) n);
}

/* Write the members of verdict *V in LANG.  */
static void
json_verdict (struct json *j, const struct smtpreply_verdict *v,
              const char *lang)
{
  size_t n = 0;
  if (json_room (j, 1024) < 0)
    return;
  /* Members come after a comma, unless none came before.  */
  size_t mark = j->len;
  if (!j->first)
    json_raw (j, ",", 1);
  size_t start = j->len;
  int rc
      = smtpreply_verdict_json (v, lang, j->buf + start, j->cap - start, &n);
  if (rc == SMTPREPLY_ENOSPC)
    {
      if (json_room (j, n) < 0)
        return;
      rc = smtpreply_verdict_json (v, lang, j->buf + start, j->cap - start,
                                   &n);
    }
  if (rc < 0)
    {
      j->failed = 1;
      return;
    }
  if (n == 0)
    {
      j->len = mark;
      j->buf[j->len] = '\0';
      return;
    }
  j->len = start + n;
  j->first = 0;
}

smtpreply_status
smtpreply_bounce_json (const struct smtpreply_bounce *b, size_t i,
                       const char *file, size_t index, const char *lang,
                       char *buf, size_t size, size_t *len)
{
  if (b == NULL || (buf == NULL && size > 0)
      || (b->count > 0 ? i >= b->count : i != 0))
    return SMTPREPLY_EINVAL;
  struct json j = { .first = 1 };
  json_raw (&j, "{", 1);
  j.first = 1;
  json_string (&j, "file", file);
  if (index > 0)
    json_number (&j, "message", index);
  json_string (&j, "kind", smtpreply_bounce_kind_name (b->kind));
  if (b->count > 0)
    {
      const struct smtpreply_bounce_recipient *r = &b->recipients[i];
      if (r->address[0] != '\0')
        json_string (&j, "recipient", r->address);
      json_string (&j, "action", smtpreply_dsn_action_name (r->action));
      if (r->has_status)
        {
          char status[16];
          if (smtpreply_enhanced_format (&r->status, status, sizeof status)
              == 0)
            json_string (&j, "status", status);
        }
      if (b->kind == SMTPREPLY_BOUNCE_ARF)
        {
          /* A complaint is no failure: its reason alone.  */
          const struct smtpreply_reason *reason = r->verdict->reason;
          if (reason != NULL)
            {
              json_string (&j, "reason", reason->name);
              json_string (&j, "reason_title",
                           smtpreply_translate (reason->title, lang));
              json_string (&j, "reason_text",
                           smtpreply_translate (reason->text, lang));
            }
        }
      else
        {
          /* The code and the enhanced code are the reply's: a status
             the verdict was reached on is the "status" member.  */
          struct smtpreply_verdict v = *r->verdict;
          v.code = r->code;
          v.has_enhanced = r->has_enhanced;
          if (r->has_enhanced)
            v.enhanced = r->enhanced;
          json_verdict (&j, &v, lang);
        }
      if (r->line_count > 0)
        {
          json_key (&j, "lines");
          json_raw (&j, "[", 1);
          for (size_t k = 0; k < r->line_count; k++)
            {
              if (k > 0)
                json_raw (&j, ",", 1);
              json_quoted (&j, r->lines[k], strlen (r->lines[k]));
            }
          json_raw (&j, "]", 1);
        }
      json_string (&j, "remote_mta", r->remote_mta);
      json_string (&j, "diagnostic_type", r->diagnostic_type);
      json_string (&j, "source", r->source);
      json_string (&j, "feedback_type", r->feedback_type);
    }
  /* The message that bounced, in every record of a bounce, so that each
     record says which message it is about.  */
  static const char *const headers[]
      = { "message_id", "from", "to", "subject", "date" };
  int any = 0;
  for (size_t k = 0; b->kind != SMTPREPLY_BOUNCE_NOT_BOUNCE
                     && k < sizeof headers / sizeof headers[0];
       k++)
    {
      const char *value = smtpreply_bounce_original (b, headers[k]);
      if (value == NULL)
        continue;
      if (!any)
        {
          json_key (&j, "original");
          json_raw (&j, "{", 1);
          j.first = 1;
          any = 1;
        }
      json_string (&j, headers[k], value);
    }
  if (any)
    {
      json_raw (&j, "}", 1);
      j.first = 0;
    }
  json_string (&j, "format", b->format);
  json_string (&j, "lang", smtpreply_language_resolve (lang));
  json_raw (&j, "}", 1);
  if (j.failed)
    {
      free (j.buf);
      return SMTPREPLY_ENOMEM;
    }
  if (len != NULL)
    *len = j.len;
  int rc = j.len < size ? 0 : SMTPREPLY_ENOSPC;
  if (size > 0)
    {
      size_t n = j.len < size ? j.len : size - 1;
      memcpy (buf, j.buf, n);
      buf[n] = '\0';
    }
  free (j.buf);
  return rc;
}
