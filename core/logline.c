/* logline.c -- what one line of a mail log says.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The reply on a line is found as smtpreply_extract finds it, in any log.
   The fields people group by are read from the three formats mail
   servers write most:

     Postfix   "Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3:
               to=<b@example.net>, relay=mx.example.net[198.51.100.7]:25,
               ..., dsn=5.1.1, status=bounced (host ... said: 550 ...)"
               "... postfix/smtpd[777]: NOQUEUE: reject: RCPT from ...:
               554 5.7.1 ...; from=<g@example.org> to=<h@example.com> ..."
     Exim      "2026-11-28 03:15:25 1tGx1a-000ABC-12 ** c@example.org
               R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.10]:
               SMTP error from remote mail server after RCPT TO:<...>: 550
               ..." (** failed, == deferred, => and -> delivered)
     Sendmail  "Nov 28 03:15:27 mail sm-mta[12345]: 4ASEE7Xd012345:
               to=<e@example.net>, ..., relay=mx.example.net. [198.51.100.7],
               dsn=4.0.0, stat=Deferred: ..."

   Nothing here allocates but the record itself, its classifier's memo
   and, once it writes JSON, what it keeps of that: fields are spans of
   the line, and the two that are normalised (the domain, the status) are
   short copies in the record.  The fields and the outcome of a line are
   read when they are first asked for (but for the relay of a line with a
   reply, which the classifier needs): most lines of a log have no reply,
   and the command looks at the fields of none when it prints
   annotations.  So a record, like any object read into, is not to be
   read from two threads at once without a lock.  */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "internal.h"

/* The longest domain and status kept.  */
#define DOMAIN_MAX 255
#define STATUS_MAX 15

/* What read_postfix, read_sendmail and read_exim read when told to read
   the relay alone, instead of the outcome or not.  */
#define RELAY_ONLY 2

/* A span of the line.  */
struct span
{
  size_t offset;
  size_t len;
};

/* The keys of Postfix and Sendmail lines: for each, the offset just after
   the first "KEY=" that starts a word (at the start or after a space or a
   comma), or the line's length if there is none.  */
struct keys
{
  size_t to;
  size_t relay;
  size_t status;
  size_t stat;
  size_t dsn;
  size_t reject;
};

struct smtpreply_log_record
{
  const char *line;
  size_t len;
  struct smtpreply_match match;
  struct smtpreply_verdict verdict;
  int outcome;
  int mta;
  struct span queue_id;
  struct span recipient;
  struct span relay;
  size_t domain_len;
  size_t status_len;
  int fields_read;         /* the fields above and the outcome were read
                              from the line */
  int classified;          /* the verdict was made */
  int relay_read;          /* read_relay read the relay, the MTA */
  size_t message;          /* and where the syslog message starts */
  struct keys keys;        /* and the keys of a Postfix or Sendmail line */
  /* Past here, what smtpreply_log_read does not clear for each line: the
     two copies (DOMAIN_LEN and STATUS_LEN long, each NUL-terminated),
     and the memo.  */
  char domain[DOMAIN_MAX + 1];
  char status[STATUS_MAX + 1];
  struct smtpreply__rules_memo *memo; /* the classifier's, for the lines
                                         read into the record */
  struct json_memo *json;  /* what smtpreply_log_record_json keeps */
};

/* The JSON members of a verdict (json_verdict writes them), kept for
   the next lines with the same verdict: a log has a few hundred verdicts
   over and over, and their members (codes, names, translations, the
   explanation) are the longest and slowest part of a record.  */
struct kept_verdict
{
  struct smtpreply_verdict verdict;
  unsigned long epoch;     /* the memo's epoch it was written in; 0: none */
  char *text;              /* the members, each after its comma */
  size_t len;
};

/* The verdicts are kept in 1 << KEPT_BITS sets of two, 512 verdicts:
   "--json annotate" on bench's log of 100,000 distinct replies peaks at
   7.1 MiB with them, and at 8.3 MiB with four times as many, which save
   0.1% of its instructions.  */
#define KEPT_BITS 8
#define KEPT_SETS (1 << KEPT_BITS)

/* What a record keeps from one JSON record to the next: the verdicts'
   members written in one language, and the writer's buffer.  */
struct json_memo
{
  int has_lang;            /* LANG was not NULL */
  char lang[SMTPREPLY__TAG_MAX]; /* the language list the members are in */
  unsigned long generation; /* smtpreply__language_generation then */
  unsigned long epoch;     /* changes with the language */
  const char *lang_name;   /* smtpreply_language_resolve of LANG */
  struct smtpreply__json writer;
  struct kept_verdict kept[KEPT_SETS][2];
  unsigned char older[KEPT_SETS]; /* the way of each set to replace next */
};

int smtpreply__json_memo = 1;

smtpreply_status
smtpreply_log_record_new (struct smtpreply_log_record **out)
{
  if (out == NULL)
    return SMTPREPLY_EINVAL;
  *out = calloc (1, sizeof **out);
  return *out != NULL ? 0 : SMTPREPLY_ENOMEM;
}

void
smtpreply_log_record_free (struct smtpreply_log_record *rec)
{
  if (rec == NULL)
    return;
  smtpreply__rules_memo_free (rec->memo);
  if (rec->json != NULL)
    {
      for (size_t i = 0; i < KEPT_SETS; i++)
        for (int w = 0; w < 2; w++)
          free (rec->json->kept[i][w].text);
      smtpreply__json_free (&rec->json->writer);
      free (rec->json);
    }
  free (rec);
}

/* Return C in lower case if it is an ASCII capital.  */
static char
lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

/* Return nonzero if C is an ASCII digit.  */
static int
digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Return nonzero if C is an ASCII letter or digit.  */
static int
alnum (char c)
{
  return digit (c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* How often mail logs hold each byte, for find_bytes: 0, the default, for
   spaces, colons, digits, the common letters and the rest; more for the
   rarer ones.  */
static const unsigned char rarity[256] = {
  ['='] = 1, ['W'] = 1, ['Y'] = 1, ['w'] = 1, ['y'] = 1,
  ['H'] = 2, ['N'] = 2, [']'] = 2,
  ['K'] = 3, ['V'] = 3, ['k'] = 3, ['v'] = 3,
  ['J'] = 4, ['Q'] = 4, ['X'] = 4, ['Z'] = 4,
  ['j'] = 5, ['q'] = 5, ['x'] = 5, ['z'] = 5,
};

/* Return the offset of the first NEEDLE (N bytes) in the LEN bytes at S
   at or after FROM, or LEN.  Candidates are found with memchr on the
   rarest byte of NEEDLE in logs (the first of them; the first byte if
   none is rare); whichever byte it is, the first NEEDLE is found.  Every
   call names a literal (FIND): inlined there, the choice of the byte and
   the comparison are worked out as the code is compiled.  */
static SMTPREPLY__ALWAYS_INLINE size_t
find_bytes (const char *s, size_t len, size_t from, const char *needle,
            size_t n)
{
  if (n == 0 || from > len || len - from < n)
    return n == 0 && from <= len ? from : len;
  size_t k = 0;
  for (size_t i = 1; i < n; i++)
    if (rarity[(unsigned char) needle[i]] > rarity[(unsigned char) needle[k]])
      k = i;
  /* The needle's byte K is at I + K, for I from FROM to LEN - N.  */
  const char *at = s + from + k;
  const char *last = s + len - n + k;
  while (at <= last)
    {
      at = memchr (at, needle[k], (size_t) (last - at) + 1);
      if (at == NULL)
        break;
      if (memcmp (at - k, needle, n) == 0)
        return (size_t) (at - k - s);
      at++;
    }
  return len;
}

/* Return the offset of the first string literal NEEDLE in the LEN bytes
   at S at or after FROM, or LEN.  */
#define FIND(s, len, from, needle)                                           \
  find_bytes (s, len, from, needle, sizeof needle - 1)

/* If the N bytes before offset E of the LEN bytes at S (E is an '=')
   are NAME, starting a word, and *VALUE is not set yet (LEN), set it to
   the offset after the '='.  */
static inline void
read_key (const char *s, size_t len, size_t e, const char *name, size_t n,
          size_t *value)
{
  if (*value == len && e >= n && memcmp (s + e - n, name, n) == 0
      && (e == n || s[e - n - 1] == ' ' || s[e - n - 1] == ','))
    *value = e + 1;
}

/* Store in *K the keys of the LEN bytes at S, in one look at each '=':
   the byte before it tells which key it may end.  */
static void
read_keys (const char *s, size_t len, struct keys *k)
{
  k->to = k->relay = k->status = k->stat = k->dsn = k->reject = len;
  for (const char *eq = memchr (s, '=', len); eq != NULL;
       eq = memchr (eq + 1, '=', len - (size_t) (eq + 1 - s)))
    {
      size_t e = (size_t) (eq - s);
      if (e == 0)
        continue;
      switch (s[e - 1])
        {
        case 'o':
          read_key (s, len, e, "to", 2, &k->to);
          break;
        case 'y':
          read_key (s, len, e, "relay", 5, &k->relay);
          break;
        case 's':
          read_key (s, len, e, "status", 6, &k->status);
          break;
        case 't':
          read_key (s, len, e, "stat", 4, &k->stat);
          read_key (s, len, e, "reject", 6, &k->reject);
          break;
        case 'n':
          read_key (s, len, e, "dsn", 3, &k->dsn);
          break;
        default:
          break;
        }
    }
}

/* Return the MTA that wrote the syslog line of LEN bytes at S, by the
   program its tag names before "[pid]: " (Postfix's "postfix/smtp",
   Sendmail's "sm-mta", "sendmail" or "sm-msp-queue"), and store in *MSG
   the offset of its message, after that colon and space; or return
   SMTPREPLY_MTA_UNKNOWN with *MSG set to LEN if the line is neither's.  */
static int
syslog_mta (const char *s, size_t len, size_t *msg)
{
  static const struct
  {
    const char *name;
    int mta;
  } programs[] = {
    { "postfix", SMTPREPLY_MTA_POSTFIX },
    { "sm-mta", SMTPREPLY_MTA_SENDMAIL },
    { "sendmail", SMTPREPLY_MTA_SENDMAIL },
    { "sm-msp-queue", SMTPREPLY_MTA_SENDMAIL },
  };
  *msg = len;
  size_t colon = FIND (s, len, 0, "]: ");
  if (colon == len)
    return SMTPREPLY_MTA_UNKNOWN;
  size_t open = colon;
  while (open > 0 && s[open] != '[')
    open--;
  size_t tag = open;
  while (tag > 0 && s[tag - 1] != ' ')
    tag--;
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (programs); i++)
    {
      size_t n = strlen (programs[i].name);
      if (open - tag >= n && memcmp (s + tag, programs[i].name, n) == 0
          && (open - tag == n || s[tag + n] == '/' || s[tag + n] == '-'))
        {
          *msg = colon + 3;
          return programs[i].mta;
        }
    }
  return SMTPREPLY_MTA_UNKNOWN;
}

/* Store in *SPAN the queue id at offset AT of the LEN bytes at S, a word
   of letters and digits followed by ':', if there is one.  */
static void
read_queue_id (const char *s, size_t len, size_t at, struct span *span)
{
  size_t end = at;
  while (end < len && alnum (s[end]))
    end++;
  if (end > at && end < len && s[end] == ':'
      && !(end - at == 7 && memcmp (s + at, "NOQUEUE", 7) == 0))
    {
      span->offset = at;
      span->len = end - at;
    }
}

/* The bytes that end a field of a log line, for each way it is read: a
   bit per way (a table lookup a byte rather than a comparison with each
   byte that ends it).  */
enum
{
  ENDS_BRACKETED = 1,      /* an address in angle brackets: '>' or ' ' */
  ENDS_BARE = 2,           /* an address without them: ' ' or ',' */
  ENDS_HOST = 4            /* a host: '[', ',', ' ' or ':' */
};
static const unsigned char ends[256] = {
  ['>'] = ENDS_BRACKETED,
  [' '] = ENDS_BRACKETED | ENDS_BARE | ENDS_HOST,
  [','] = ENDS_BARE | ENDS_HOST,
  ['['] = ENDS_HOST,
  [':'] = ENDS_HOST,
};

/* Return the offset of the first byte at or after AT of the LEN bytes at
   S that ends a field read the way WAY (ends), or LEN.  */
static size_t
field_end (const char *s, size_t len, size_t at, unsigned char way)
{
  while (at < len && !(ends[(unsigned char) s[at]] & way))
    at++;
  return at;
}

/* Store in *SPAN the address that starts at offset AT of the LEN bytes at
   S: in angle brackets if it opens with '<', else up to a space or a
   comma.  */
static void
read_address (const char *s, size_t len, size_t at, struct span *span)
{
  size_t end;
  if (at < len && s[at] == '<')
    {
      at++;
      end = field_end (s, len, at, ENDS_BRACKETED);
    }
  else
    end = field_end (s, len, at, ENDS_BARE);
  if (memchr (s + at, '@', end - at) != NULL)
    {
      span->offset = at;
      span->len = end - at;
    }
}

/* Store in *SPAN the host that starts at offset AT of the LEN bytes at S,
   up to '[', ',', ':' or a space, without a final dot.  */
static void
read_host (const char *s, size_t len, size_t at, struct span *span)
{
  size_t end = field_end (s, len, at, ENDS_HOST);
  while (end > at && s[end - 1] == '.')
    end--;
  if (end > at && !(end - at == 4 && memcmp (s + at, "none", 4) == 0))
    {
      span->offset = at;
      span->len = end - at;
    }
}

/* Copy the status word at offset AT of the LEN bytes at S into REC, in
   lower case.  */
static void
read_status (struct smtpreply_log_record *rec, const char *s, size_t len,
             size_t at)
{
  size_t n = 0;
  while (at + n < len && n < STATUS_MAX
         && ((s[at + n] >= 'a' && s[at + n] <= 'z')
             || (s[at + n] >= 'A' && s[at + n] <= 'Z')))
    {
      rec->status[n] = lower (s[at + n]);
      n++;
    }
  rec->status[n] = '\0';
  rec->status_len = n;
}

/* Return nonzero if the status word of REC is WORD (a literal: its
   length is known where this is inlined).  */
static inline int
status_is (const struct smtpreply_log_record *rec, const char *word)
{
  size_t n = strlen (word);
  return rec->status_len == n && memcmp (rec->status, word, n) == 0;
}

/* Read the fields of a Postfix or Sendmail line (the LEN bytes at S)
   that their KEY= words give, whose message starts at offset MSG: only
   its relay if RELAY_ONLY, else its queue id, recipient and relay (the
   relay unless it was read already).  The keys are looked for once, when
   the relay is read first.  Return nonzero if the other fields were read
   (not RELAY_ONLY).  */
static int
read_key_fields (struct smtpreply_log_record *rec, const char *s, size_t len,
                 int relay_only, size_t msg)
{
  if (relay_only || !rec->relay_read)
    read_keys (s, len, &rec->keys);
  const struct keys *k = &rec->keys;
  if (relay_only)
    {
      if (k->relay < len)
        read_host (s, len, k->relay, &rec->relay);
      return 0;
    }
  read_queue_id (s, len, msg, &rec->queue_id);
  if (k->to < len)
    read_address (s, len, k->to, &rec->recipient);
  if (k->relay < len && !rec->relay_read)
    read_host (s, len, k->relay, &rec->relay);
  return 1;
}

/* Read a Postfix line whose message starts at offset MSG (LEN: it is no
   Postfix line), and its outcome if OUTCOME (a line without a reply has
   none); only its relay if OUTCOME is RELAY_ONLY.  Return nonzero if it
   is one.  */
static int
read_postfix (struct smtpreply_log_record *rec, const char *s, size_t len,
              int outcome, size_t msg)
{
  if (msg == len)
    return 0;
  rec->mta = SMTPREPLY_MTA_POSTFIX;
  if (!read_key_fields (rec, s, len, outcome == RELAY_ONLY, msg))
    return 1;
  const struct keys k = rec->keys;
  if (k.status < len)
    read_status (rec, s, len, k.status);
  if (!outcome)
    return 1;
  /* Both words of a refusal hold "reject:", and most lines none: a
     "reject: " is at or after the first of them.  */
  size_t reject = FIND (s, len, msg, "reject:");
  if (reject < len
      && (FIND (s, len, reject, "reject: ") < len
          || FIND (s, len, msg, "NOQUEUE: milter-reject:") < len))
    rec->outcome = SMTPREPLY_OUTCOME_REJECTED;
  else if (status_is (rec, "sent") || status_is (rec, "delivered"))
    rec->outcome = SMTPREPLY_OUTCOME_DELIVERED;
  else if (status_is (rec, "deferred"))
    rec->outcome = SMTPREPLY_OUTCOME_DEFERRED;
  else if (status_is (rec, "bounced") || status_is (rec, "expired"))
    rec->outcome = SMTPREPLY_OUTCOME_BOUNCED;
  return 1;
}

/* Read a Sendmail line whose message starts at offset MSG (LEN: it is
   none), and its outcome if OUTCOME; only its relay if OUTCOME is
   RELAY_ONLY.  Return nonzero if it is one.  */
static int
read_sendmail (struct smtpreply_log_record *rec, const char *s, size_t len,
               int outcome, size_t msg)
{
  if (msg == len)
    return 0;
  rec->mta = SMTPREPLY_MTA_SENDMAIL;
  if (!read_key_fields (rec, s, len, outcome == RELAY_ONLY, msg))
    return 1;
  const struct keys k = rec->keys;
  size_t at = k.stat;
  /* Sendmail's stat= is free text, but for these words.  */
  if (at < len
      && ((len - at >= 4 && memcmp (s + at, "Sent", 4) == 0
           && (len - at == 4 || !alnum (s[at + 4])))
          || (len - at >= 8 && memcmp (s + at, "Deferred", 8) == 0)))
    read_status (rec, s, len, at);
  if (!outcome)
    return 1;
  if (k.reject < len)
    rec->outcome = SMTPREPLY_OUTCOME_REJECTED;
  else if (status_is (rec, "sent"))
    rec->outcome = SMTPREPLY_OUTCOME_DELIVERED;
  else if (status_is (rec, "deferred"))
    rec->outcome = SMTPREPLY_OUTCOME_DEFERRED;
  else
    {
      at = k.dsn;
      if (at < len && s[at] == '5' && rec->recipient.len > 0)
        rec->outcome = SMTPREPLY_OUTCOME_BOUNCED;
    }
  return 1;
}

/* Return nonzero if the LEN bytes at S start with an Exim time stamp,
   "YYYY-MM-DD HH:MM:SS", and store in *AT the offset after it and what
   may follow it (fractions, a time zone, a process id).  */
static int
exim_time (const char *s, size_t len, size_t *at)
{
  static const char pattern[] = "dddd-dd-dd dd:dd:dd";
  size_t n = sizeof pattern - 1;
  if (len < n)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (pattern[i] == 'd' ? !digit (s[i]) : s[i] != pattern[i])
      return 0;
  size_t i = n;
  if (i < len && s[i] == '.')
    {
      i++;
      while (i < len && digit (s[i]))
        i++;
    }
  while (i < len && s[i] == ' ')
    {
      size_t next = i + 1;
      /* "+0100", "[1234]" */
      if (next < len && (s[next] == '+' || s[next] == '-' || s[next] == '['))
        {
          while (next < len && s[next] != ' ')
            next++;
          i = next;
          continue;
        }
      break;
    }
  *at = i;
  return 1;
}

/* Read an Exim main log line, and its outcome if OUTCOME; only its relay
   if OUTCOME is RELAY_ONLY.  Return nonzero if it is one.  */
static int
read_exim (struct smtpreply_log_record *rec, const char *s, size_t len,
           int outcome)
{
  size_t at;
  if (!exim_time (s, len, &at))
    return 0;
  rec->mta = SMTPREPLY_MTA_EXIM;
  while (at < len && s[at] == ' ')
    at++;
  /* A message id: three parts of letters and digits joined by '-'.  */
  size_t end = at;
  int dashes = 0;
  while (end < len && (alnum (s[end]) || s[end] == '-'))
    dashes += s[end++] == '-';
  if (dashes == 2 && end < len && s[end] == ' ')
    {
      rec->queue_id.offset = at;
      rec->queue_id.len = end - at;
      at = end + 1;
    }
  if (outcome == RELAY_ONLY || !rec->relay_read)
    {
      size_t host = FIND (s, len, at, " H=");
      if (host < len)
        read_host (s, len, host + 3, &rec->relay);
    }
  if (outcome == RELAY_ONLY)
    return 1;
  static const struct
  {
    const char *flag;
    int outcome;
  } flags[] = {
    { "** ", SMTPREPLY_OUTCOME_BOUNCED },
    { "== ", SMTPREPLY_OUTCOME_DEFERRED },
    { "=> ", SMTPREPLY_OUTCOME_DELIVERED },
    { "-> ", SMTPREPLY_OUTCOME_DELIVERED },
  };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (flags); i++)
    if (len - at >= 3 && memcmp (s + at, flags[i].flag, 3) == 0)
      {
        rec->outcome = flags[i].outcome;
        read_address (s, len, at + 3, &rec->recipient);
      }
  if (outcome == 1 && rec->outcome == SMTPREPLY_OUTCOME_NONE)
    {
      /* " rejected " or ": rejected": each starts at most two bytes
         before the first "rejected", which most lines do not hold.  */
      size_t word = FIND (s, len, at, "rejected");
      size_t from = word >= at + 2 ? word - 2 : at;
      if (word < len
          && (FIND (s, len, from, " rejected ") < len
              || FIND (s, len, from, ": rejected") < len))
        rec->outcome = SMTPREPLY_OUTCOME_REJECTED;
    }
  return 1;
}

/* Store in REC the recipient's domain, in lower case.  */
static void
read_domain (struct smtpreply_log_record *rec)
{
  rec->domain_len = 0;
  rec->domain[0] = '\0';
  if (rec->recipient.len == 0)
    return;
  const char *r = rec->line + rec->recipient.offset;
  const char *sign = memrchr (r, '@', rec->recipient.len);
  if (sign == NULL)
    return;
  size_t at = (size_t) (sign - r) + 1;
  size_t n = rec->recipient.len - at;
  if (n == 0 || n > DOMAIN_MAX)
    return;
  /* A name, an address literal or an internationalised name; anything
     else (a NUL, a space, a quote) is not a domain to count lines by.  */
  for (size_t i = 0; i < n; i++)
    {
      char c = r[at + i];
      if (!alnum (c) && (unsigned char) c < 0x80 && c != '-' && c != '.'
          && c != '_' && c != '[' && c != ']' && c != ':')
        {
          rec->domain[0] = '\0';
          return;
        }
      rec->domain[i] = lower (c);
    }
  rec->domain[n] = '\0';
  rec->domain_len = n;
}

/* Read the line of REC as MTA writes its lines (Postfix and Sendmail:
   their message starts at offset MSG), with OUTCOME as read_postfix
   takes it; a line of any other MTA is read as Exim's, if it is one.  */
static void
read_mta (struct smtpreply_log_record *rec, int mta, size_t msg, int outcome)
{
  switch (mta)
    {
    case SMTPREPLY_MTA_POSTFIX:
      read_postfix (rec, rec->line, rec->len, outcome, msg);
      break;
    case SMTPREPLY_MTA_SENDMAIL:
      read_sendmail (rec, rec->line, rec->len, outcome, msg);
      break;
    default:
      read_exim (rec, rec->line, rec->len, outcome);
      break;
    }
}

/* Read the fields of the line of REC, and its outcome if it has a reply,
   unless they were read.  */
static void
read_fields (struct smtpreply_log_record *rec)
{
  if (rec->fields_read)
    return;
  rec->fields_read = 1;
  /* From nothing, but for what read_relay read: what the line is, and its
     relay.  */
  int mta = rec->mta;
  rec->mta = SMTPREPLY_MTA_UNKNOWN;
  memset (&rec->queue_id, 0, sizeof rec->queue_id);
  int found = rec->match.found != 0;
  size_t msg = rec->message;
  if (!rec->relay_read)
    mta = syslog_mta (rec->line, rec->len, &msg);
  read_mta (rec, mta, msg, found);
  read_domain (rec);
  if (!found)
    rec->outcome = SMTPREPLY_OUTCOME_NONE;
  else if (rec->classified && rec->outcome == SMTPREPLY_OUTCOME_NONE)
    {
      /* A reply the line does not say the fate of: its class tells.  */
      int cls = (rec->match.found & SMTPREPLY_MATCH_CODE)
                    ? rec->match.code / 100
                    : rec->match.enhanced.cls;
      rec->outcome = cls == 2   ? SMTPREPLY_OUTCOME_DELIVERED
                     : cls == 4 ? SMTPREPLY_OUTCOME_DEFERRED
                     : cls == 5 ? SMTPREPLY_OUTCOME_BOUNCED
                                : SMTPREPLY_OUTCOME_OTHER;
    }
}

/* Read into REC the relay of its line alone, as read_fields reads it: the
   classifier needs it, and the other fields wait to be asked for.  Keep
   what the line was found to be, and where its message starts, for
   read_fields.  */
static void
read_relay (struct smtpreply_log_record *rec)
{
  rec->relay_read = 1;
  int mta = syslog_mta (rec->line, rec->len, &rec->message);
  read_mta (rec, mta, rec->message, RELAY_ONLY);
}

/* Return REC with its fields read: they are read when first asked for.  */
static const struct smtpreply_log_record *
with_fields (const struct smtpreply_log_record *rec)
{
  if (rec != NULL && !rec->fields_read)
    read_fields ((struct smtpreply_log_record *) rec);
  return rec;
}

smtpreply_status
smtpreply_log_read (struct smtpreply_log_record *rec, const char *line,
                    size_t len, int stage)
{
  if (rec == NULL || (line == NULL && len > 0)
      || smtpreply_stage_name (stage) == NULL)
    return SMTPREPLY_EINVAL;
  memset (rec, 0, offsetof (struct smtpreply_log_record, domain));
  rec->domain[0] = '\0';
  rec->status[0] = '\0';
  rec->line = line != NULL ? line : "";
  rec->len = len;
  rec->match.size = sizeof rec->match;
  smtpreply_extract (rec->line, len, &rec->match);
  /* A line without a reply has no outcome; the fields of any line are
     read only if someone asks for them (read_fields), but for the relay
     of a line with a reply, which the classifier needs.  */
  if (rec->match.found == 0)
    return 0;
  read_relay (rec);
  char relay[DOMAIN_MAX + 1];
  size_t n = rec->relay.len < DOMAIN_MAX ? rec->relay.len : DOMAIN_MAX;
  memcpy (relay, rec->line + rec->relay.offset, n);
  relay[n] = '\0';
  /* (Without memory for the memo, every rule is tried.)  */
  if (rec->memo == NULL)
    rec->memo = smtpreply__rules_memo_new ();
  int rc = smtpreply__classify_match (&rec->match, rec->line, len, stage,
                                      n > 0 ? relay : NULL, rec->memo,
                                      &rec->verdict);
  if (rc < 0)
    return rc;
  rec->classified = 1;
  return 0;
}

smtpreply_status
smtpreply_log_record_copy (struct smtpreply_log_record *dst,
                           const struct smtpreply_log_record *src)
{
  if (dst == NULL || src == NULL || dst == src)
    return SMTPREPLY_EINVAL;
  /* What smtpreply_log_read clears for each line, then the two copies,
     each with its NUL; not the memos.  */
  memcpy (dst, src, offsetof (struct smtpreply_log_record, domain));
  memcpy (dst->domain, src->domain, src->domain_len + 1);
  memcpy (dst->status, src->status, src->status_len + 1);
  return 0;
}

const struct smtpreply_match *
smtpreply_log_record_match (const struct smtpreply_log_record *rec)
{
  return rec != NULL ? &rec->match : NULL;
}

const struct smtpreply_verdict *
smtpreply_log_record_verdict (const struct smtpreply_log_record *rec)
{
  return rec != NULL ? &rec->verdict : NULL;
}

void
smtpreply__log_record_line (const struct smtpreply_log_record *rec,
                            const char **line, size_t *len)
{
  *line = rec->line;
  *len = rec->len;
}

int
smtpreply_log_record_outcome (const struct smtpreply_log_record *rec)
{
  rec = with_fields (rec);
  return rec != NULL ? rec->outcome : SMTPREPLY_OUTCOME_NONE;
}

int
smtpreply_log_record_mta (const struct smtpreply_log_record *rec)
{
  rec = with_fields (rec);
  return rec != NULL ? rec->mta : SMTPREPLY_MTA_UNKNOWN;
}

const char *
smtpreply_log_record_field (const struct smtpreply_log_record *rec, int field,
                            size_t *len)
{
  const struct span *span = NULL;
  size_t n = 0;
  const char *p = NULL;
  rec = with_fields (rec);
  if (rec != NULL)
    switch (field)
      {
      case SMTPREPLY_LOG_QUEUE_ID:
        span = &rec->queue_id;
        break;
      case SMTPREPLY_LOG_RECIPIENT:
        span = &rec->recipient;
        break;
      case SMTPREPLY_LOG_RELAY:
        span = &rec->relay;
        break;
      case SMTPREPLY_LOG_DOMAIN:
        p = rec->domain;
        n = rec->domain_len;
        break;
      case SMTPREPLY_LOG_STATUS:
        p = rec->status;
        n = rec->status_len;
        break;
      default:
        break;
      }
  if (span != NULL)
    {
      p = rec->line + span->offset;
      n = span->len;
    }
  if (len != NULL)
    *len = p != NULL && n > 0 ? n : 0;
  return p != NULL && n > 0 ? p : NULL;
}

/* The bytes that may form the local part of an address.  */
static int
local_char (char c)
{
  return alnum (c) || (c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~.", c) != NULL);
}

smtpreply_status
smtpreply_log_redact (const char *line, size_t len, char *out, size_t size,
                      size_t *out_len)
{
  if ((line == NULL && len > 0) || (out == NULL && size > 0)
      || out_len == NULL)
    return SMTPREPLY_EINVAL;
  size_t o = 0;
  size_t i = 0;
  while (i < len)
    {
      /* A run of characters that may form a local part, then '@'.  */
      size_t j = i;
      while (j < len && local_char (line[j]))
        j++;
      const char *piece = line + i;
      size_t n = j - i;
      if (j > i && j < len && line[j] == '@')
        {
          /* A log's "from=x@y" keeps its key.  */
          size_t key = i;
          while (key < j && ((line[key] >= 'a' && line[key] <= 'z')
                             || line[key] == '_'))
            key++;
          if (key > i && key < j && line[key] == '=')
            for (size_t k = i; k <= key; k++, o++)
              if (o < size)
                out[o] = line[k];
          piece = "...";
          n = 3;
        }
      for (size_t k = 0; k < n; k++, o++)
        if (o < size)
          out[o] = piece[k];
      if (j < len)
        {
          if (o < size)
            out[o] = line[j];
          o++;
        }
      i = j + 1;
    }
  *out_len = o;
  if (o >= size)
    {
      if (size > 0)
        out[size - 1] = '\0';
      return SMTPREPLY_ENOSPC;
    }
  out[o] = '\0';
  return 0;
}

/* Write into J the LEN bytes at S as member KEY, redacted if REDACT.  */
static void
json_text (struct smtpreply__json *j, const char *key, const char *s,
           size_t len, int redact)
{
  if (!redact)
    {
      smtpreply__json_bytes (j, key, s, len);
      return;
    }
  char small[1024];
  size_t need = 3 * len + 1;
  char *buf = need <= sizeof small ? small : malloc (need);
  size_t n = 0;
  if (buf == NULL)
    {
      j->failed = 1;
      return;
    }
  /* (A redaction that fails writes nothing: N stays 0.)  */
  buf[0] = '\0';
  smtpreply_log_redact (s, len, buf, need, &n);
  smtpreply__json_bytes (j, key, buf, n);
  if (buf != small)
    free (buf);
}

/* Write into J the member "flags" of verdict *V if its codes have any.  */
static void
json_flags (struct smtpreply__json *j, const struct smtpreply_verdict *v)
{
  if (v->code != 0 && v->has_enhanced
      && smtpreply_code_check (v->code) == 0
      && smtpreply_enhanced_agrees (v->code, &v->enhanced) == 0)
    {
      smtpreply__json_key (j, "flags");
      smtpreply__json_begin (j, '[');
      smtpreply__json_string (j, NULL, "ENHANCED_MISMATCH");
      smtpreply__json_end (j, ']');
    }
}

/* Write into J the members of verdict *V in language LANG: the codes,
   the reason, the advice, and the flags of its codes.  */
static void
json_verdict (struct smtpreply__json *j, const struct smtpreply_verdict *v,
              const char *lang)
{
  smtpreply__json_verdict (j, v, lang);
  json_flags (j, v);
}

/* Return nonzero if the verdicts A and B have the same JSON members:
   every field json_verdict reads is the same.  */
static int
same_verdict (const struct smtpreply_verdict *a,
              const struct smtpreply_verdict *b)
{
  return a->reason == b->reason && a->soft == b->soft && a->rule == b->rule
         && a->advice == b->advice && a->stage == b->stage
         && a->code == b->code && a->has_enhanced == b->has_enhanced
         && a->enhanced.cls == b->enhanced.cls
         && a->enhanced.subject == b->enhanced.subject
         && a->enhanced.detail == b->enhanced.detail;
}

/* Return the memo of REC's JSON records, made at first use and set for
   language LANG: what it keeps in another language, or from before the
   translations may have changed, is dropped.  Return NULL if memory ran
   out or LANG is too long to keep.  */
static struct json_memo *
json_memo_for (struct smtpreply_log_record *rec, const char *lang)
{
  size_t n = lang != NULL ? strlen (lang) : 0;
  if (n >= SMTPREPLY__TAG_MAX)
    return NULL;
  if (rec->json == NULL)
    rec->json = calloc (1, sizeof *rec->json);
  struct json_memo *m = rec->json;
  if (m == NULL)
    return NULL;
  unsigned long generation = smtpreply__language_generation ();
  if (m->epoch == 0 || m->generation != generation
      || m->has_lang != (lang != NULL)
      || (lang != NULL && memcmp (m->lang, lang, n + 1) != 0))
    {
      /* An epoch is never used twice, nor is 0, which marks no copy.  */
      if (++m->epoch == 0)
        {
          for (size_t i = 0; i < KEPT_SETS; i++)
            for (int w = 0; w < 2; w++)
              m->kept[i][w].epoch = 0;
          m->epoch = 1;
        }
      m->generation = generation;
      m->has_lang = lang != NULL;
      if (lang != NULL)
        memcpy (m->lang, lang, n + 1);
      m->lang_name = smtpreply_language_resolve (lang);
    }
  return m;
}

/* Write into J the members of verdict *V in language LANG as
   json_verdict does, from the copy M keeps if it has one, else keeping
   a copy.  */
static void
json_verdict_kept (struct smtpreply__json *j, struct json_memo *m,
                   const struct smtpreply_verdict *v, const char *lang)
{
  /* Fibonacci hashing of the fields: the top bits of the product give
     the set.  A verdict found there is used again; else the way used
     less recently gets the new one.  */
  uint64_t h = (uint64_t) (uintptr_t) v->rule
               ^ (uint64_t) (uintptr_t) v->advice << 1
               ^ (uint64_t) (uintptr_t) v->reason << 2
               ^ (uint64_t) (unsigned int) v->code << 20
               ^ (uint64_t) (unsigned int) v->stage << 32
               ^ (uint64_t) (unsigned int) v->enhanced.cls << 36
               ^ (uint64_t) (unsigned int) v->enhanced.subject << 40
               ^ (uint64_t) (unsigned int) v->enhanced.detail << 48;
  size_t set = (size_t) ((h * UINT64_C (0x9e3779b97f4a7c15))
                         >> (64 - KEPT_BITS));
  if (smtpreply__json_memo == 2)
    set = 0;
  struct kept_verdict *ways = m->kept[set];
  for (int w = 0; w < 2; w++)
    if (ways[w].epoch == m->epoch && same_verdict (&ways[w].verdict, v))
      {
        smtpreply__json_raw (j, ways[w].text, ways[w].len);
        m->older[set] = (unsigned char) !w;
        return;
      }
  struct kept_verdict *k = &ways[m->older[set]];
  size_t before = j->len;
  json_verdict (j, v, lang);
  if (j->failed)
    return;
  size_t len = j->len - before;
  char *copy = malloc (len > 0 ? len : 1);
  if (copy == NULL)
    return;
  memcpy (copy, j->buf + before, len);
  free (k->text);
  k->verdict = *v;
  k->epoch = m->epoch;
  k->text = copy;
  k->len = len;
  m->older[set] = (unsigned char) (k == ways);
}

smtpreply_status
smtpreply_log_record_json (const struct smtpreply_log_record *rec,
                           const char *file, size_t lineno, const char *lang,
                           int redact, char *buf, size_t size, size_t *len)
{
  if (rec == NULL || file == NULL || (buf == NULL && size > 0))
    return SMTPREPLY_EINVAL;
  rec = with_fields (rec);
  /* The record is the caller's to write into (smtpreply.h says a record
     is read into even by its const accessors).  */
  struct json_memo *m
      = smtpreply__json_memo
            ? json_memo_for ((struct smtpreply_log_record *) rec, lang)
            : NULL;
  struct smtpreply__json j = { 0 };
  if (m != NULL)
    {
      /* The writer's buffer of the last record, written over.  */
      j = m->writer;
      j.len = 0;
      j.first = 0;
      m->writer.buf = NULL;
    }
  smtpreply__json_begin (&j, '{');
  json_text (&j, "input", rec->line, rec->len, redact);
  smtpreply__json_string (&j, "file", file);
  smtpreply__json_int (&j, "line", (long long) lineno);
  const struct smtpreply_verdict *v = &rec->verdict;
  if (rec->match.found != 0 && m != NULL)
    json_verdict_kept (&j, m, v, lang);
  else if (rec->match.found != 0)
    json_verdict (&j, v, lang);
  else
    json_flags (&j, v);
  if (rec->match.found & SMTPREPLY_MATCH_NONSTANDARD)
    smtpreply__json_bool (&j, "nonstandard", 1);
  smtpreply__json_string (&j, "outcome",
                          smtpreply_token_name (SMTPREPLY_TOKEN_OUTCOME,
                                                rec->outcome));
  if (rec->mta != SMTPREPLY_MTA_UNKNOWN)
    smtpreply__json_string (&j, "mta",
                            smtpreply_token_name (SMTPREPLY_TOKEN_MTA,
                                                  rec->mta));
  static const struct
  {
    int field;
    const char *key;
    int redact;
  } fields[] = {
    { SMTPREPLY_LOG_QUEUE_ID, "queue_id", 0 },
    { SMTPREPLY_LOG_RECIPIENT, "recipient", 1 },
    { SMTPREPLY_LOG_DOMAIN, "domain", 0 },
    { SMTPREPLY_LOG_RELAY, "relay", 0 },
    { SMTPREPLY_LOG_STATUS, "status", 0 },
  };
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (fields); i++)
    {
      size_t n;
      const char *p = smtpreply_log_record_field (rec, fields[i].field, &n);
      if (p != NULL)
        json_text (&j, fields[i].key, p, n, redact && fields[i].redact);
    }
  smtpreply__json_string (&j, "lang",
                          m != NULL ? m->lang_name
                                    : smtpreply_language_resolve (lang));
  smtpreply__json_end (&j, '}');
  if (m == NULL)
    return smtpreply__json_deliver (&j, buf, size, len);
  int rc = smtpreply__json_copy (&j, buf, size, len);
  if (j.failed)
    smtpreply__json_free (&j);
  m->writer = j;
  return rc;
}
