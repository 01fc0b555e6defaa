/* bounce.c -- "smtpreply bounce": what bounce messages say, recipient by
   recipient.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Each message is read by libsmtpreply-bounce (smtpreply_bounce_read);
   the command finds the messages: a file is one message, a directory a
   maildir (the files of its cur/ and new/, by name), and with --mbox a
   file is a mailbox of messages, each opened by a "From " line.  Files
   may be compressed (input.c).  A mailbox is read in constant memory: one
   message at a time, and of a message longer than MBOX_MESSAGE_MAX only
   its beginning, where a report comes before the message it returns.

   Where shared libraries are built, the library is loaded (dlopen) when
   the command runs, not with the program: through GMime it brings GLib
   and some twenty other libraries, which the other commands would load
   on every start (some 5 ms, and 2.5 MiB of memory, on Debian 12).  */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#if SMTPREPLY_BOUNCE_DLOPEN
# include <dlfcn.h>
# include "bounce-library.h"
#endif

#include "smtpreply.h"
#include "smtpreply/bounce.h"
#include "cli.h"

/* The functions of libsmtpreply-bounce the command calls.  */
static struct
{
  smtpreply_status (*read) (const char *buf, size_t len,
                            struct smtpreply_bounce **out);
  void (*free) (struct smtpreply_bounce *b);
  int (*kind) (const struct smtpreply_bounce *b);
  const char *(*format) (const struct smtpreply_bounce *b);
  size_t (*recipient_count) (const struct smtpreply_bounce *b);
  const struct smtpreply_bounce_recipient *(*recipient_at) (
      const struct smtpreply_bounce *b, size_t i);
  const char *(*original) (const struct smtpreply_bounce *b,
                           const char *header);
  smtpreply_status (*json) (const struct smtpreply_bounce *b, size_t i,
                            const char *file, size_t index,
                            const char *lang, char *buf, size_t size,
                            size_t *len);
} lib
#if !SMTPREPLY_BOUNCE_DLOPEN
    = {
        smtpreply_bounce_read,
        smtpreply_bounce_free,
        smtpreply_bounce_kind,
        smtpreply_bounce_format,
        smtpreply_bounce_recipient_count,
        smtpreply_bounce_recipient_at,
        smtpreply_bounce_original,
        smtpreply_bounce_json,
      }
#endif
    ;

#if SMTPREPLY_BOUNCE_DLOPEN
/* Set *FIELD to the function NAME of library HANDLE, which must have the
   type of the field (the sizeof checks it, at no cost, against the
   header).  */
# define FIND(handle, field, name)                                          \
  ((void) sizeof (lib.field = name),                                       \
   (*(void **) &lib.field = dlsym ((handle), #name)) != NULL)

/* Load libsmtpreply-bounce: the file $SMTPREPLY_BOUNCE_LIBRARY names, or
   BOUNCE_DLNAME as the dynamic linker finds it (the program's run path
   is where it was installed), else in BOUNCE_LIBDIR.  Return 0, or -1
   after reporting why not.  */
static int
load_library (void)
{
  const char *name = getenv ("SMTPREPLY_BOUNCE_LIBRARY");
  void *handle;
  if (name != NULL && *name != '\0')
    handle = dlopen (name, RTLD_NOW | RTLD_LOCAL);
  else
    {
      name = BOUNCE_DLNAME;
      handle = dlopen (name, RTLD_NOW | RTLD_LOCAL);
      if (handle == NULL)
        {
          name = BOUNCE_LIBDIR "/" BOUNCE_DLNAME;
          handle = dlopen (name, RTLD_NOW | RTLD_LOCAL);
        }
    }
  if (handle != NULL && FIND (handle, read, smtpreply_bounce_read)
      && FIND (handle, free, smtpreply_bounce_free)
      && FIND (handle, kind, smtpreply_bounce_kind)
      && FIND (handle, format, smtpreply_bounce_format)
      && FIND (handle, recipient_count, smtpreply_bounce_recipient_count)
      && FIND (handle, recipient_at, smtpreply_bounce_recipient_at)
      && FIND (handle, original, smtpreply_bounce_original)
      && FIND (handle, json, smtpreply_bounce_json))
    return 0;
  /* (Loaded or not, the library stays until the program ends.)  */
  const char *why = dlerror ();
  /* TRANSLATORS: "bounce" could not load the library that reads messages; %s is the library's file, then what the system said.  */
  cli_error (_("cannot load %s: %s"), name, why != NULL ? why : "?");
  return -1;
}
#else
static int
load_library (void)
{
  return 0;
}
#endif

/* The most bytes of one message of a mailbox that are read: 8 MiB.  */
#define MBOX_MESSAGE_MAX (8 * 1024 * 1024)

/* The size of a read from an input.  */
#define CHUNK (256 * 1024)

/* --mbox.  */
static int mbox;

/* The exit status so far: the worst of the messages and files read.  */
static int status;

/* A growing buffer of bytes.  */
struct buffer
{
  char *data;
  size_t len;
  size_t cap;
};

/* Append the LEN bytes at S to B, keeping at most LIMIT bytes.  Return 0,
   or -1 if memory ran out.  */
static int
buffer_add (struct buffer *b, const char *s, size_t len, size_t limit)
{
  if (b->len >= limit)
    return 0;
  if (len > limit - b->len)
    len = limit - b->len;
  if (b->len + len > b->cap)
    {
      size_t cap = b->cap != 0 ? b->cap : 64 * 1024;
      while (cap < b->len + len)
        cap *= 2;
      if (cap > limit)
        cap = limit;
      char *data = realloc (b->data, cap);
      if (data == NULL)
        return -1;
      b->data = data;
      b->cap = cap;
    }
  memcpy (b->data + b->len, s, len);
  b->len += len;
  return 0;
}

static void
worse (int rc)
{
  if (rc > status)
    status = rc;
}

/* Print the text of the heading of message INDEX (0: not in a mailbox) of
   FILE: where it is.  */
static void
print_where (const char *file, size_t index)
{
  cli_style_begin (STYLE_BOLD);
  cli_print_safe (file, strlen (file));
  if (index > 0)
    /* TRANSLATORS: after a file name: which message of a mailbox, e.g. "bounces.mbox, message 12".  */
    printf (_(", message %zu"), index);
  cli_style_end (STYLE_BOLD);
}

/* Report that message INDEX of FILE could not be read: error RC.  */
static void
report_error (const char *file, size_t index, int rc)
{
  worse (EXIT_BAD_INPUT);
  if (cli_json)
    {
      json_begin ();
      json_string ("file", file);
      if (index > 0)
        json_int ("message", (long long) index);
      json_string ("error", smtpreply_errname (rc));
      json_string ("error_text", smtpreply_strerror_lang (rc, cli_lang));
      json_string ("lang", smtpreply_language_resolve (cli_lang));
      json_end ();
      return;
    }
  if (index > 0)
    /* TRANSLATORS: a message of a mailbox could not be read: the file, the message's number in it, and why.  */
    cli_error (_("%s: message %zu: %s"), file, index,
               smtpreply_strerror_lang (rc, cli_lang));
  else
    /* TRANSLATORS: a message could not be read: the file, and why.  */
    cli_error (_("%s: %s"), file, smtpreply_strerror_lang (rc, cli_lang));
}

/* Return what a message of kind KIND is, translated.  */
static const char *
kind_title (int kind)
{
  switch (kind)
    {
    case SMTPREPLY_BOUNCE_DSN:
      /* TRANSLATORS: what a message is: a standard bounce (RFC 3464).  */
      return _("delivery status notification");
    case SMTPREPLY_BOUNCE_ARF:
      /* TRANSLATORS: what a message is: a spam or abuse complaint (RFC 5965).  */
      return _("feedback report");
    case SMTPREPLY_BOUNCE_BOUNCE:
      /* TRANSLATORS: what a message is: a bounce written as plain text, with no machine-readable report.  */
      return _("bounce without a report");
    default:
      /* TRANSLATORS: what a message is: an ordinary message, an auto-reply, a read receipt...  */
      return _("not a bounce");
    }
}

/* Print the headers of the message B returned, on one line each.  */
static void
print_original (const struct smtpreply_bounce *b)
{
  static const struct
  {
    const char *header;
    const char *label;
  } headers[] = {
    /* TRANSLATORS: label: the Message-ID of the message that bounced.  */
    { "message_id", N_("Message-ID") },
    /* TRANSLATORS: label: the date of the message that bounced.  */
    { "date", N_("Date") },
    /* TRANSLATORS: label: the sender of the message that bounced.  */
    { "from", N_("From") },
    /* TRANSLATORS: label: the recipients of the message that bounced.  */
    { "to", N_("To") },
    /* TRANSLATORS: label: the subject line of the message that bounced (the Subject header field).  */
    { "subject", N_("Subject") },
  };
  for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++)
    {
      const char *value = lib.original (b, headers[i].header);
      if (value == NULL)
        continue;
      cli_label (headers[i].label);
      cli_print_safe (value, strlen (value));
      fputc ('\n', stdout);
    }
}

/* Print recipient R in text.  */
static void
print_recipient (const struct smtpreply_bounce_recipient *r)
{
  enum cli_style style = r->action == SMTPREPLY_DSN_ACTION_FAILED
                             ? STYLE_FAIL
                         : r->action == SMTPREPLY_DSN_ACTION_DELAYED
                             ? STYLE_RETRY
                         : r->action != SMTPREPLY_DSN_ACTION_NONE
                             ? STYLE_GOOD
                             : STYLE_BOLD;
  cli_style_begin (style);
  if (r->address[0] != '\0')
    cli_print_safe (r->address, strlen (r->address));
  else
    /* TRANSLATORS: in place of a recipient's address the bounce does not give.  */
    fputs (_("(unknown recipient)"), stdout);
  cli_style_end (style);
  const char *action = smtpreply_token_describe (SMTPREPLY_TOKEN_DSN_ACTION,
                                                 r->action, cli_lang);
  if (action != NULL)
    printf (" \xe2\x80\x94 %s", action);
  if (r->has_status)
    {
      char st[16];
      smtpreply_enhanced_format (&r->status, st, sizeof st);
      fputc (' ', stdout);
      cli_isolate_begin ();
      fputs (st, stdout);
      cli_isolate_end ();
    }
  fputc ('\n', stdout);

  if (r->code != 0)
    {
      /* TRANSLATORS: label: the SMTP reply the recipient's server gave.  */
      cli_label (N_("Reply"));
      for (size_t i = 0; i < r->line_count; i++)
        {
          if (i > 0)
            fputs ("    ", stdout);
          cli_isolate_begin ();
          printf ("%d%c", r->code, i + 1 < r->line_count ? '-' : ' ');
          cli_isolate_end ();
          cli_print_safe (r->lines[i], strlen (r->lines[i]));
          fputc ('\n', stdout);
        }
      if (r->line_count == 0)
        {
          cli_isolate_begin ();
          printf ("%d", r->code);
          cli_isolate_end ();
          fputc ('\n', stdout);
        }
    }
  else if (r->diagnostic != NULL)
    {
      /* TRANSLATORS: label: what the report says happened, when it holds no SMTP reply (e.g. "x-unix; 127").  */
      cli_label (N_("Diagnostic"));
      if (r->diagnostic_type != NULL)
        {
          cli_print_safe (r->diagnostic_type, strlen (r->diagnostic_type));
          fputs ("; ", stdout);
        }
      cli_print_safe (r->diagnostic, strlen (r->diagnostic));
      fputc ('\n', stdout);
    }
  if (r->remote_mta != NULL)
    {
      /* TRANSLATORS: label: the mail server that gave the reply.  */
      cli_label (N_("Remote server"));
      cli_print_safe (r->remote_mta, strlen (r->remote_mta));
      fputc ('\n', stdout);
    }
  if (r->feedback_type != NULL)
    {
      /* TRANSLATORS: label: the kind of complaint of a feedback report ("abuse", "fraud"...), kept as the report writes it.  */
      cli_label (N_("Feedback type"));
      cli_print_safe (r->feedback_type, strlen (r->feedback_type));
      fputc ('\n', stdout);
    }
  cli_print_verdict (r->verdict);
  /* TRANSLATORS: label: where in the bounce the recipient was found: "dsn", "arf" or "text:LINE".  */
  cli_label (N_("Found in"));
  cli_print_safe (r->source, strlen (r->source));
  fputc ('\n', stdout);
}

/* Report what the LEN bytes at BUF, message INDEX (0: not in a mailbox)
   of FILE, say.  */
static void
report_message (const char *buf, size_t len, const char *file, size_t index)
{
  struct smtpreply_bounce *b;
  int rc = lib.read (buf, len, &b);
  if (rc < 0)
    {
      report_error (file, index, rc);
      return;
    }
  int kind = lib.kind (b);
  size_t n = lib.recipient_count (b);
  if (cli_json)
    {
      /* The library writes each record, as every binding gets it.  */
      static char *out;
      static size_t size;
      for (size_t i = 0; i < n || (i == 0 && n == 0); i++)
        {
          size_t need = 0;
          rc = lib.json (b, i, file, index, cli_lang, out, size,
                                      &need);
          if (rc == SMTPREPLY_ENOSPC)
            {
              char *bigger = realloc (out, need + 1);
              if (bigger == NULL)
                rc = SMTPREPLY_ENOMEM;
              else
                {
                  out = bigger;
                  size = need + 1;
                  rc = lib.json (b, i, file, index, cli_lang,
                                              out, size, &need);
                }
            }
          if (rc < 0)
            {
              cli_error ("%s", smtpreply_strerror_lang (rc, cli_lang));
              worse (EXIT_NO_FILE);
              break;
            }
          fwrite (out, 1, need, stdout);
          fputc ('\n', stdout);
        }
      lib.free (b);
      return;
    }

  print_where (file, index);
  printf (": %s", kind_title (kind));
  const char *format = lib.format (b);
  if (kind == SMTPREPLY_BOUNCE_BOUNCE && format != NULL)
    printf (" (%s)", format);
  if (kind != SMTPREPLY_BOUNCE_NOT_BOUNCE)
    /* TRANSLATORS: after what a message is: how many recipients it reports on.  */
    printf (P_(", %zu recipient", ", %zu recipients", n), n);
  fputc ('\n', stdout);
  if (kind != SMTPREPLY_BOUNCE_NOT_BOUNCE)
    print_original (b);
  for (size_t i = 0; i < n; i++)
    print_recipient (lib.recipient_at (b, i));
  lib.free (b);
}

/* Read all of IN into B, up to LIMIT bytes; store in *TOO_BIG whether
   there was more.  Return 0, or -1 after a read error (reported).  */
static int
read_all (struct cli_input *in, struct buffer *b, size_t limit, int *too_big)
{
  static char chunk[CHUNK];
  *too_big = 0;
  for (;;)
    {
      ssize_t n = cli_input_read (in, chunk, sizeof chunk);
      if (n < 0)
        return -1;
      if (n == 0)
        return 0;
      if (b->len + (size_t) n > limit)
        *too_big = 1;
      if (buffer_add (b, chunk, (size_t) n, limit) < 0)
        {
          cli_error ("%s", smtpreply_strerror_lang (SMTPREPLY_ENOMEM,
                                                    cli_lang));
          return -1;
        }
    }
}

/* Report the message in file PATH (NAME in messages).  */
static void
read_message_file (const char *path, const char *name)
{
  int rc = EXIT_OK;
  struct cli_input *in = cli_input_open (path, 0, &rc);
  if (in == NULL)
    {
      worse (rc);
      return;
    }
  struct buffer b = { 0 };
  int too_big;
  if (read_all (in, &b, SMTPREPLY_BOUNCE_MAX_INPUT, &too_big) < 0)
    worse (EXIT_NO_FILE);
  else if (too_big)
    report_error (name, 0, SMTPREPLY_EBOUNCE_TOO_BIG);
  else
    report_message (b.data != NULL ? b.data : "", b.len, name, 0);
  free (b.data);
  cli_input_close (in);
}

/* A mailbox being split into messages.  */
struct mailbox
{
  const char *name;
  struct buffer message; /* the message so far, up to MBOX_MESSAGE_MAX */
  size_t index;          /* its number, from 1; 0 before the first */
  size_t line_start;     /* where the current line starts in MESSAGE */
  char head[5];          /* the first bytes of the current line */
  size_t head_len;
  int in_line;           /* the current line has begun */
  size_t line_len;       /* the current line's length, up to 3 */
  int prev_blank;        /* the line before was empty */
  int unescape;          /* the current line is ">From ": drop a '>' */
};

/* Report the message of M so far, if any.  */
static void
mailbox_flush (struct mailbox *m)
{
  if (m->index > 0)
    report_message (m->message.data != NULL ? m->message.data : "",
                    m->message.len, m->name, m->index);
  m->message.len = 0;
}

/* Take the LEN bytes at S, the next of mailbox M.  Return 0, or -1 if
   memory ran out.  */
static int
mailbox_add (struct mailbox *m, const char *s, size_t len)
{
  while (len > 0)
    {
      if (!m->in_line)
        {
          m->in_line = 1;
          m->head_len = 0;
          m->line_len = 0;
          m->line_start = m->message.len;
        }
      const char *nl = memchr (s, '\n', len);
      size_t n = nl != NULL ? (size_t) (nl - s) + 1 : len;
      for (size_t i = 0; i < n && m->head_len < sizeof m->head; i++)
        m->head[m->head_len++] = s[i];
      m->line_len = n < 3 && m->line_len + n < 3 ? m->line_len + n : 3;
      if (buffer_add (&m->message, s, n, MBOX_MESSAGE_MAX) < 0)
        return -1;
      s += n;
      len -= n;
      if (nl == NULL)
        break;
      /* A whole line: "From " after an empty line (or first) opens a
         message, and is not part of it.  */
      int from = m->head_len == 5 && memcmp (m->head, "From ", 5) == 0
                 && (m->prev_blank || m->index == 0);
      int blank = m->line_len == 1
                  || (m->line_len == 2 && m->head[0] == '\r');
      if (from)
        {
          m->message.len = m->line_start;
          mailbox_flush (m);
          m->index++;
        }
      else if (m->index == 0)
        {
          /* Text before any "From " line: the file is not a mailbox, and
             it is read as one message.  */
          m->index = 1;
        }
      else if (m->head_len >= 2 && m->head[0] == '>'
               && m->line_start < m->message.len)
        {
          /* mboxrd: ">From " (and ">>From ") lost a '>' when saved.  */
          const char *line = m->message.data + m->line_start;
          size_t ll = m->message.len - m->line_start;
          size_t gt = 0;
          while (gt < ll && line[gt] == '>')
            gt++;
          if (ll - gt >= 5 && memcmp (line + gt, "From ", 5) == 0)
            {
              memmove (m->message.data + m->line_start,
                       m->message.data + m->line_start + 1, ll - 1);
              m->message.len--;
            }
        }
      m->prev_blank = blank;
      m->in_line = 0;
    }
  return 0;
}

/* Report the messages of the mailbox in file PATH.  */
static void
read_mailbox (const char *path)
{
  int rc = EXIT_OK;
  struct cli_input *in = cli_input_open (path, 0, &rc);
  if (in == NULL)
    {
      worse (rc);
      return;
    }
  static char chunk[CHUNK];
  struct mailbox m = { .name = path };
  for (;;)
    {
      if (cli_output_failed ())
        break;
      ssize_t n = cli_input_read (in, chunk, sizeof chunk);
      if (n < 0)
        {
          worse (EXIT_NO_FILE);
          break;
        }
      if (n == 0)
        {
          mailbox_flush (&m);
          break;
        }
      if (mailbox_add (&m, chunk, (size_t) n) < 0)
        {
          cli_error ("%s", smtpreply_strerror_lang (SMTPREPLY_ENOMEM,
                                                    cli_lang));
          worse (EXIT_NO_FILE);
          break;
        }
    }
  free (m.message.data);
  cli_input_close (in);
}

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Report the messages of the maildir DIR: the files of DIR/cur and
   DIR/new, each folder's by name.  */
static void
read_maildir (const char *dir)
{
  static const char *const folders[] = { "cur", "new" };
  int found = 0;
  for (size_t f = 0; f < 2 && !cli_output_failed (); f++)
    {
      size_t dlen = strlen (dir) + strlen (folders[f]) + 2;
      char *sub = malloc (dlen);
      if (sub == NULL)
        {
          worse (EXIT_NO_FILE);
          return;
        }
      snprintf (sub, dlen, "%s/%s", dir, folders[f]);
      DIR *d = opendir (sub);
      if (d == NULL)
        {
          free (sub);
          continue;
        }
      found = 1;
      char **names = NULL;
      size_t count = 0, cap = 0;
      struct dirent *e;
      while ((e = readdir (d)) != NULL)
        {
          if (e->d_name[0] == '.')
            continue;
          if (count == cap)
            {
              cap = cap != 0 ? 2 * cap : 64;
              char **more = realloc (names, cap * sizeof *names);
              if (more == NULL)
                break;
              names = more;
            }
          names[count] = strdup (e->d_name);
          if (names[count] == NULL)
            break;
          count++;
        }
      closedir (d);
      if (count > 0)
        qsort (names, count, sizeof *names, compare_names);
      for (size_t i = 0; i < count; i++)
        {
          if (!cli_output_failed ())
            {
              size_t plen = strlen (sub) + strlen (names[i]) + 2;
              char *path = malloc (plen);
              if (path != NULL)
                {
                  snprintf (path, plen, "%s/%s", sub, names[i]);
                  struct stat st;
                  if (stat (path, &st) == 0 && S_ISREG (st.st_mode))
                    read_message_file (path, path);
                  free (path);
                }
            }
          free (names[i]);
        }
      free (names);
      free (sub);
    }
  if (!found)
    {
      /* TRANSLATORS: a directory was given that has neither cur/ nor new/; keep "cur" and "new".  */
      cli_error (_("%s: a directory is read as a maildir, and this one has no cur or new folder"),
                 dir);
      worse (EXIT_NO_FILE);
    }
}

static void
usage (void)
{
  /* TRANSLATORS: the first line of "bounce --help"; %s is the program's name.  */
  printf (_("Usage: %s bounce [OPTION]... [FILE]...\n"), program_name);
  /* TRANSLATORS: what "bounce" does, under its usage line.  */
  fputs (_("Say what bounce messages report, recipient by recipient: what\n"
           "happened, why, and what to do.  Each FILE is one message (plain or\n"
           "compressed), a directory is a maildir, - is standard input.\n"),
         stdout);
  fputs ("\n", stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --mbox          each FILE is a mailbox of messages (mbox)\n"),
         stdout);
  /* TRANSLATORS: one line of --help; keep the option name.  */
  fputs (_("      --help          display this help and exit\n"), stdout);
  fputs ("\n", stdout);
  /* TRANSLATORS: an example at the end of "bounce --help"; keep the command.  */
  fputs (_("Example: smtpreply --json bounce --mbox /var/mail/bounces\n"),
         stdout);
}

int
cmd_bounce (int argc, char **argv)
{
  static const struct option options[] = {
    CLI_COMMON_OPTIONS,
    { "mbox", no_argument, NULL, 'm' },
    { NULL, 0, NULL, 0 },
  };
  int rc = -1;
  int c;
  while ((c = cli_next_option (argc, argv, options, "bounce", usage, 0, &rc))
         != -1)
    if (c == 'm')
      mbox = 1;
  if (rc >= 0)
    return rc;
  if (load_library () < 0)
    return EXIT_NO_FILE;

  status = EXIT_OK;
  char *stdin_only[] = { (char *) "-" };
  char **files = optind < argc ? argv + optind : stdin_only;
  int nfiles = optind < argc ? argc - optind : 1;
  for (int i = 0; i < nfiles && !cli_output_failed (); i++)
    {
      struct stat st;
      if (strcmp (files[i], "-") != 0 && stat (files[i], &st) == 0
          && S_ISDIR (st.st_mode))
        read_maildir (files[i]);
      else if (mbox)
        read_mailbox (files[i]);
      else
        read_message_file (files[i], files[i]);
    }
  if (cli_output_flush () != 0)
    worse (EXIT_NO_FILE);
  return status;
}
