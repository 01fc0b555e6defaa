/* gen-log.c -- write a mail log for the benchmark of "smtpreply annotate".
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Usage: gen-log [-s SEED] [-d DISTINCT] SIZE [FILE]

   Write the log of a mail server until at least SIZE bytes are written, to
   FILE or standard output: one message after another, each logged by
   Postfix, Exim or Sendmail as they log it.  Postfix's messages come
   through pickup or smtpd, cleanup and qmgr, and end in a delivery line
   by smtp, lmtp, local or pipe: "status=sent (250 2.0.0 Ok: queued as
   ...)", "status=bounced (host H[IP] said: 550 5.1.1 ... (in reply to
   RCPT TO command))", "status=deferred (connect to ...: Connection timed
   out)"; smtpd also rejects clients ("NOQUEUE: reject: RCPT from ...:
   554 5.7.1 ...").  Exim logs arrivals ("<="), deliveries with the
   server's reply ("=> ... C=\"250 2.0.0 OK ...\""), bounces and
   deferrals ("** ... SMTP error from remote mail server after RCPT
   TO:<...>: 550 5.1.1 ...", "== ... defer (-44) ...: 451 4.7.1 ..."),
   local deliveries and "Completed".  Sendmail logs "from=" lines and
   "to=" lines with "dsn=5.1.1, reply=550 5.1.1 ..., stat=User unknown",
   "stat=Deferred: 450 4.2.0 ...", "stat=Sent (...)", and rejections
   ("reject=550 5.7.1 ...").  Between messages come lines with no reply
   in them, full of numbers that are not replies: connections,
   postscreen, anvil's statistics, TLS, queue runs, aliases ("14 aliases,
   longest 22 bytes, 421 bytes total"), Exim's "defer (111): Connection
   refused", sizes, delays, pids, ports and addresses.

   A reply is told apart, in "smtpreply annotate --summary", by its code,
   its enhanced code and the log's status (Postfix's status=, Sendmail's
   stat=Sent or stat=Deferred).  About 65 kinds of reply, each with the
   wording of the server that sends it, give about 45 such distinct
   replies.  DISTINCT (1000 unless given, at most 500000) asks for that
   many: the first kinds up to DISTINCT if it is smaller, or every kind
   and variants of them with made-up enhanced codes (X.10.100 and up,
   which no registry lists).  Each kind is written once first, then each
   variant once before any is written again: variants go to one message
   in ten, or more when the log would end before all of them are
   written, which takes about one reply line per 550 bytes of log.

   The output depends only on SIZE, SEED (1 unless given) and DISTINCT.
   With FILE, the program then prints what it wrote, for bench/run-bench
   to check smtpreply against:

     lines 331234 reply_lines 143210 code_sum 51234567 distinct 1000

   reply_lines are the lines with a reply code or an enhanced code in
   them (a dsn= counts), code_sum the sum of their reply codes, and
   distinct the number of distinct (code, enhanced code, status) among
   them.  */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen-common.h"

/* ------------------------------------------------------------------------
   Output.  */

static FILE *out;
static const char *out_name;
static uint64_t written;
static uint64_t lines;

/* Exit with a message about the output.  */
static void
write_failed (void)
{
  fprintf (stderr, "gen-log: %s: %s\n", out_name, strerror (errno));
  exit (1);
}

/* Write one line: FORMAT and the arguments after it, and a LF.  */
static void GEN_PRINTF_LIKE (1, 2)
put_line (const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  int n = vfprintf (out, format, ap);
  va_end (ap);
  if (n < 0 || putc ('\n', out) == EOF)
    write_failed ();
  written += (uint64_t) n + 1;
  lines++;
}

/* ------------------------------------------------------------------------
   The clock: seconds from 28 November 2026, 00:00:00.  */

static uint64_t clock_seconds;

/* The size of a time stamp's buffer.  */
#define STAMP_SIZE 40

/* Store in BUF (STAMP_SIZE bytes) the syslog time stamp of the clock
   ("Nov 28 03:10:02", "Dec  1 00:00:05"), or with ISO set Exim's
   ("2026-11-28 03:10:02").  */
static void
stamp (char *buf, int iso)
{
  static const char *const names[]
      = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  static const unsigned int days[]
      = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  unsigned int year = 2026;
  unsigned int month = 10; /* November, from 0 */
  uint64_t day = 27 + clock_seconds / 86400;
  while (day >= days[month] + (month == 1 && year % 4 == 0))
    {
      day -= days[month] + (month == 1 && year % 4 == 0);
      month++;
      if (month == 12)
        {
          month = 0;
          year++;
        }
    }
  unsigned int s = (unsigned int) (clock_seconds % 86400);
  if (iso)
    snprintf (buf, STAMP_SIZE, "%u-%02u-%02u %02u:%02u:%02u", year, month + 1,
              (unsigned int) day + 1, s / 3600, s / 60 % 60, s % 60);
  else
    snprintf (buf, STAMP_SIZE, "%s %2u %02u:%02u:%02u", names[month],
              (unsigned int) day + 1, s / 3600, s / 60 % 60, s % 60);
}

/* ------------------------------------------------------------------------
   The kinds of reply.  */

/* Where a reply is logged, which says what the line looks like.  */
enum form
{
  PF_SAID,    /* postfix/smtp: status=deferred|bounced (host H[IP] said:
                 CODE E TEXT (in reply to COMMAND command)) */
  PF_SENT,    /* postfix/smtp: status=sent (CODE E TEXT) */
  PF_LMTP,    /* postfix/lmtp to Dovecot: status=sent (CODE E TEXT) */
  PF_LOCAL,   /* postfix/local: dsn=E, status=sent (TEXT) */
  PF_PIPE,    /* postfix/pipe: dsn=E, status=sent (TEXT) */
  PF_NOREPLY, /* postfix/smtp: dsn=E, status=deferred|bounced (TEXT) */
  PF_REJECT,  /* postfix/smtpd: NOQUEUE: reject: ...: CODE E TEXT; ... */
  EX_BOUNCE,  /* exim: ** ... SMTP error ... after COMMAND: CODE E TEXT */
  EX_DEFER,   /* exim: == ... defer (-44) ...: CODE E TEXT */
  EX_SENT,    /* exim: => ... C="CODE E TEXT" */
  SM_SENT,    /* sendmail mailer=esmtp: dsn=2.0.0, stat=Sent (TEXT) */
  SM_LOCAL,   /* sendmail mailer=local: dsn=2.0.0, stat=Sent */
  SM_REPLY,   /* sendmail: dsn=E, reply=CODE E TEXT, stat=... */
  SM_NOREPLY, /* sendmail: dsn=E, stat=TEXT */
  SM_REJECT   /* sendmail: ruleset=check_..., reject=CODE E TEXT */
};

/* A kind of reply.  TEXT may hold these words, which are replaced:
   {rcpt} the recipient, {from} the sender, {ip} the server's address,
   {host} its name, {domain} the recipient's domain, {C} and {E} the
   reply's code and enhanced code (in the later lines of a multi-line
   reply, which Postfix and Sendmail join), {gmail} a Gmail id, {pfid} a
   Postfix queue id, {eximid}, {smid}, {outlook} an Exchange Online host,
   {stamp} its time stamp, {epoch} a Unix time, {hexid} 32 hex digits,
   {dovecot} a Dovecot session id, {size} a message size.  */
struct kind
{
  enum form form;
  int code;             /* 0: the line has no reply code */
  const char *enhanced; /* in the reply; without a reply, the dsn= */
  int multi;            /* the reply had several lines: "CODE-E ..." */
  const char *command;  /* what it answered ("RCPT TO"); NULL: connect */
  const char *text;
  unsigned int weight;  /* how often, among the kinds in use */
};

static const char gmail_no_user[]
    = "The email account that you tried to reach does not exist. Please "
      "try {C}-{E} double-checking the recipient's email address for typos "
      "or {C}-{E} unnecessary spaces. For more information, go to {C} {E}  "
      "https://support.google.com/mail/?p=NoSuchUser {gmail} - gsmtp";
static const char gmail_dmarc[]
    = "This mail has been blocked because the sender is unauthenticated. "
      "{C}-{E} Gmail requires all senders to authenticate with either SPF "
      "or DKIM. {C}-{E}  {C}-{E}  Authentication results: {C}-{E}  DKIM = "
      "did not pass {C}-{E}  SPF [example.com] with ip: [{ip}] = did not "
      "pass {C}-{E}  {C}-{E}  For instructions on setting up "
      "authentication, go to {C} {E}  "
      "https://support.google.com/mail/answer/81126#authentication {gmail} "
      "- gsmtp";
static const char gmail_rate[]
    = "Gmail has detected an unusual rate of mail originating from your "
      "SPF domain [example.com 1]. {C}-{E} To protect our users from spam, "
      "mail sent from your domain has been temporarily rate limited. "
      "{C}-{E} For more information, go to {C} {E}  "
      "https://support.google.com/mail/?p=UnsolicitedRateLimitError "
      "{gmail} - gsmtp";
static const char gmail_over_quota[]
    = "The recipient's inbox is out of storage space. Please direct the "
      "{C}-{E} recipient to {C} {E}  "
      "https://support.google.com/mail/?p=OverQuotaPerm {gmail} - gsmtp";
static const char microsoft_s3150[]
    = "Unfortunately, messages from [{ip}] weren't sent. Please contact "
      "your Internet service provider since part of their network is on "
      "our block list (S3150). You can also refer your provider to "
      "http://mail.live.com/mail/troubleshooting.aspx#errors. [{outlook} "
      "{stamp}]";
static const char microsoft_queued[]
    = "<{hexid}@{outlook}> [InternalId={epoch}, Hostname={outlook}] {size} "
      "bytes in 0.{epoch}, 9.817 KB/sec Queued mail for delivery";
static const char spamhaus[]
    = "Service unavailable; Client host [{ip}] blocked using "
      "zen.spamhaus.org; https://www.spamhaus.org/query/ip/{ip}";

static const struct kind kinds[] = {
  /* Postfix's deliveries by SMTP.  */
  { PF_SENT, 250, "2.0.0", 0, "end of DATA", "Ok: queued as {pfid}", 120 },
  { PF_SENT, 250, "2.0.0", 0, "end of DATA",
    "OK  {epoch} {gmail} - gsmtp", 80 },
  { PF_SENT, 250, "2.6.0", 0, "end of DATA", microsoft_queued, 50 },
  { PF_SENT, 250, NULL, 0, "end of DATA", "OK id={eximid}", 20 },
  { PF_LMTP, 250, "2.0.0", 0, "end of DATA", "<{rcpt}> {dovecot} Saved",
    40 },
  { PF_LOCAL, 0, "2.0.0", 0, NULL, "delivered to mailbox", 40 },
  { PF_PIPE, 0, "2.0.0", 0, NULL, "delivered via dovecot service", 10 },
  { PF_SAID, 550, "5.1.1", 0, "RCPT TO",
    "<{rcpt}>: Recipient address rejected: User unknown in virtual "
    "mailbox table", 30 },
  { PF_SAID, 550, "5.1.1", 1, "RCPT TO", gmail_no_user, 20 },
  { PF_SAID, 550, "5.1.10", 0, "RCPT TO",
    "RESOLVER.ADR.RecipientNotFound; Recipient {rcpt} not found by SMTP "
    "address lookup", 10 },
  { PF_SAID, 450, "4.2.0", 0, "RCPT TO",
    "<{rcpt}>: Recipient address rejected: Greylisted, see "
    "http://postgrey.schweikert.ch/help/{domain}.html", 20 },
  { PF_SAID, 451, "4.7.1", 0, "RCPT TO",
    "<{rcpt}>: Recipient address rejected: Greylisting in action, please "
    "come back in 00:05:00", 10 },
  { PF_SAID, 452, "4.2.2", 0, "RCPT TO",
    "<{rcpt}>: Recipient address rejected: Mailbox full", 8 },
  { PF_SAID, 552, "5.2.2", 1, "RCPT TO", gmail_over_quota, 5 },
  { PF_SAID, 554, "5.7.1", 0, "RCPT TO", spamhaus, 10 },
  { PF_SAID, 550, "5.7.1", 0, "MAIL FROM", microsoft_s3150, 8 },
  { PF_SAID, 550, "5.4.1", 0, "RCPT TO",
    "Recipient address rejected: Access denied. AS(201806281) [{outlook} "
    "{stamp}]", 5 },
  { PF_SAID, 421, "4.7.0", 0, NULL,
    "Try again later, closing connection. (EHLO) {gmail} - gsmtp", 5 },
  { PF_SAID, 550, "5.7.26", 1, "end of DATA", gmail_dmarc, 5 },
  { PF_SAID, 421, "4.7.28", 1, "end of DATA", gmail_rate, 3 },
  { PF_SAID, 554, "5.7.1", 0, "end of DATA",
    "Message rejected as spam by Content Filtering", 5 },
  { PF_SAID, 552, "5.3.4", 0, "end of DATA",
    "Message size exceeds fixed maximum message size", 3 },
  { PF_SAID, 451, "4.3.0", 0, "end of DATA",
    "Error: queue file write error", 2 },
  { PF_SAID, 550, NULL, 0, "RCPT TO", "No Such User Here", 3 },
  { PF_SAID, 553, "5.7.1", 0, "MAIL FROM",
    "<{from}>: Sender address rejected: not owned by user {from}", 2 },
  { PF_NOREPLY, 0, "4.4.1", 0, NULL,
    "connect to {host}[{ip}]:25: Connection timed out", 10 },
  { PF_NOREPLY, 0, "4.4.3", 0, NULL,
    "Host or domain name not found. Name service error for name={domain} "
    "type=MX: Host not found, try again", 4 },
  { PF_NOREPLY, 0, "5.4.4", 0, NULL,
    "Host or domain name not found. Name service error for name={domain} "
    "type=A: Host not found", 3 },
  { PF_NOREPLY, 0, "4.4.2", 0, NULL,
    "lost connection with {host}[{ip}] while receiving the initial server "
    "greeting", 3 },

  /* Postfix's smtpd turning clients away.  */
  { PF_REJECT, 554, "5.7.1", 0, "RCPT", spamhaus, 40 },
  { PF_REJECT, 450, "4.1.8", 0, "RCPT",
    "<{from}>: Sender address rejected: Domain not found", 10 },
  { PF_REJECT, 550, "5.1.1", 0, "RCPT",
    "<{rcpt}>: Recipient address rejected: User unknown in local "
    "recipient table", 15 },
  { PF_REJECT, 454, "4.7.1", 0, "RCPT", "<{rcpt}>: Relay access denied",
    8 },
  { PF_REJECT, 450, "4.7.1", 0, "RCPT",
    "Client host rejected: cannot find your hostname, [{ip}]", 8 },
  { PF_REJECT, 504, "5.5.2", 0, "RCPT",
    "<localhost>: Helo command rejected: need fully-qualified hostname",
    4 },

  /* Exim.  */
  { EX_SENT, 250, "2.0.0", 0, NULL, "Ok: queued as {pfid}", 60 },
  { EX_SENT, 250, "2.0.0", 0, NULL, "OK  {epoch} {gmail} - gsmtp", 40 },
  { EX_SENT, 250, NULL, 0, NULL, "OK id={eximid}", 20 },
  { EX_SENT, 250, "2.6.0", 0, NULL, microsoft_queued, 25 },
  { EX_BOUNCE, 550, "5.1.1", 0, "RCPT TO",
    "<{rcpt}>: Recipient address rejected: User unknown", 15 },
  { EX_BOUNCE, 550, NULL, 0, "RCPT TO", "No Such User Here", 5 },
  { EX_BOUNCE, 554, "5.7.1", 0, "end of data",
    "Message rejected as spam by Content Filtering", 4 },
  { EX_BOUNCE, 550, "5.7.1", 0, "MAIL FROM", microsoft_s3150, 4 },
  { EX_BOUNCE, 552, "5.2.2", 1, "RCPT TO", gmail_over_quota, 3 },
  { EX_DEFER, 451, "4.7.1", 0, "RCPT TO",
    "Greylisting in action, please come back later", 10 },
  { EX_DEFER, 452, "4.2.2", 0, "RCPT TO", "Mailbox full", 4 },
  { EX_DEFER, 421, "4.7.0", 0, NULL,
    "Try again later, closing connection. (EHLO) {gmail} - gsmtp", 3 },
  { EX_DEFER, 450, "4.2.0", 0, "RCPT TO",
    "<{rcpt}>: Recipient address rejected: Greylisted, see "
    "http://postgrey.schweikert.ch/help/{domain}.html", 4 },

  /* Sendmail.  */
  { SM_SENT, 0, "2.0.0", 0, NULL, "Ok: queued as {pfid}", 40 },
  { SM_SENT, 0, "2.0.0", 0, NULL, "OK  {epoch} {gmail} - gsmtp", 25 },
  { SM_SENT, 0, "2.0.0", 0, NULL, "{smid} Message accepted for delivery",
    20 },
  { SM_LOCAL, 0, "2.0.0", 0, NULL, "", 30 },
  { SM_REPLY, 550, "5.1.1", 0, "User unknown",
    "<{rcpt}>: Recipient address rejected: User unknown in virtual "
    "mailbox table", 12 },
  { SM_REPLY, 550, "5.1.1", 1, "User unknown", gmail_no_user, 5 },
  { SM_REPLY, 450, "4.2.0", 0, NULL,
    "<{rcpt}>: Recipient address rejected: Greylisted, see "
    "http://postgrey.schweikert.ch/help/{domain}.html", 8 },
  { SM_REPLY, 452, "4.2.2", 0, NULL,
    "<{rcpt}>: Recipient address rejected: Mailbox full", 4 },
  { SM_REPLY, 421, "4.7.0", 0, NULL,
    "Try again later, closing connection. (EHLO) {gmail} - gsmtp", 3 },
  { SM_REPLY, 550, "5.7.1", 0, "Service unavailable",
    "Service unavailable, Client host [{ip}] blocked using Spamhaus. To "
    "request removal from this list see "
    "https://www.spamhaus.org/query/ip/{ip} (AS3130). [{outlook} "
    "{stamp}]", 4 },
  { SM_NOREPLY, 0, "4.0.0", 0, NULL,
    "Deferred: Connection refused by {host}.", 5 },
  { SM_NOREPLY, 0, "4.0.0", 0, NULL,
    "Deferred: Connection timed out with {host}.", 5 },
  { SM_NOREPLY, 0, "5.1.2", 0, NULL,
    "Host unknown (Name server: {domain}: host not found)", 3 },
  { SM_REJECT, 550, "5.7.1", 0, "check_rcpt",
    "<{rcpt}>... Relaying denied. IP name lookup failed [{ip}]", 6 },
  { SM_REJECT, 553, "5.1.8", 0, "check_mail",
    "<{from}>... Domain of sender address {from} does not exist", 3 },
  { SM_REJECT, 550, "5.1.1", 0, "check_rcpt", "<{rcpt}>... User unknown",
    6 },
};

#define N_KINDS GEN_N_ELEMS (kinds)

/* Return 1 if lines of FORM have a dsn= field, else 0.  */
static int
has_dsn (enum form form)
{
  return form != PF_REJECT && form != EX_BOUNCE && form != EX_DEFER
         && form != EX_SENT && form != SM_REJECT;
}

/* Return the status "smtpreply annotate" reads in a line of FORM for a
   reply of class CLS: 0 none, 1 sent, 2 deferred, 3 bounced.  */
static int
status_of (enum form form, int cls)
{
  switch (form)
    {
    case PF_SAID:
    case PF_NOREPLY:
      return cls == 4 ? 2 : 3;
    case PF_SENT:
    case PF_LMTP:
    case PF_LOCAL:
    case PF_PIPE:
    case SM_SENT:
    case SM_LOCAL:
      return 1;
    case SM_REPLY:
    case SM_NOREPLY:
      return cls == 4 ? 2 : 0;
    default:
      return 0;
    }
}

/* ------------------------------------------------------------------------
   What was written: the distinct replies, in a set of keys.  */

static uint64_t *keys; /* 0: a free slot */
static size_t key_cap;
static size_t key_count;

/* Return the key of a reply with code CODE (0: none), enhanced code
   CLS.SUBJECT.DETAIL (CLS 0: none) and status STATUS.  */
static uint64_t
key_of (int code, int cls, int subject, int detail, int status)
{
  return (uint64_t) 1 << 63 | (uint64_t) code << 32
         | (uint64_t) cls << 24 | (uint64_t) subject << 12
         | (uint64_t) detail << 2 | (uint64_t) status;
}

/* Add KEY to the set; return 1 if it was not there, else 0.  */
static int
add_key (uint64_t key)
{
  if (2 * (key_count + 1) > key_cap)
    {
      size_t cap = key_cap == 0 ? 1024 : key_cap * 2;
      uint64_t *k = calloc (cap, sizeof *k);
      if (k == NULL)
        {
          fputs ("gen-log: out of memory\n", stderr);
          exit (2);
        }
      for (size_t i = 0; i < key_cap; i++)
        if (keys[i] != 0)
          {
            size_t j = (size_t) (keys[i] * UINT64_C (0x9e3779b97f4a7c15)
                                 >> 20) & (cap - 1);
            while (k[j] != 0)
              j = (j + 1) & (cap - 1);
            k[j] = keys[i];
          }
      free (keys);
      keys = k;
      key_cap = cap;
    }
  size_t j = (size_t) (key * UINT64_C (0x9e3779b97f4a7c15) >> 20)
             & (key_cap - 1);
  while (keys[j] != 0)
    {
      if (keys[j] == key)
        return 0;
      j = (j + 1) & (key_cap - 1);
    }
  keys[j] = key;
  key_count++;
  return 1;
}

/* ------------------------------------------------------------------------
   The reply of a message: a kind, and its enhanced code, the kind's own or
   a made-up one.  */

struct reply
{
  const struct kind *kind;
  int variant;       /* a made-up variant: the next recipient gets another */
  char enhanced[40]; /* "" if none */
  char dsn[40];      /* the dsn= of the log */
  uint64_t key;
};

/* The kinds in use and their weights added up; the made-up variants to
   write, those written, and how many of each kind were.  Variant J is of kind
   J % KINDS_USED and has the enhanced code CLASS.(10 + J / 900).(100 + J %
   900).  */
static size_t kinds_used;
static unsigned int weight_total;
static unsigned long variants;
static unsigned long variants_written;
static unsigned long variant_round[N_KINDS];
static uint64_t size_wanted;
static uint64_t reply_lines;

/* Fill R from kind K with enhanced code E (NULL: the kind's).  */
static void
make_reply (struct reply *r, const struct kind *k, const char *e)
{
  r->kind = k;
  r->variant = 0;
  if (e == NULL)
    e = k->enhanced;
  snprintf (r->enhanced, sizeof r->enhanced, "%s", e != NULL ? e : "");
  int cls = k->code != 0 ? k->code / 100 : e[0] - '0';
  if (e != NULL)
    snprintf (r->dsn, sizeof r->dsn, "%s", e);
  else
    snprintf (r->dsn, sizeof r->dsn, "%d.0.0", cls);
  int subject = 0;
  int detail = 0;
  const char *ke = has_dsn (k->form) ? r->dsn : r->enhanced;
  int kc = 0;
  if (ke[0] != '\0')
    sscanf (ke, "%d.%d.%d", &kc, &subject, &detail);
  r->key = key_of (k->code, kc, subject, detail, status_of (k->form, cls));
}

/* Fill R with the next made-up variant of kind number K (which has some):
   one not yet written, or any of its kind when all have been.  */
static void
make_variant (struct reply *r, size_t k)
{
  unsigned long j = variant_round[k]++ * kinds_used + k;
  if (j < variants)
    variants_written++;
  else
    {
      unsigned long n = (variants - k + kinds_used - 1) / kinds_used;
      j = gen_below ((unsigned int) n) * kinds_used + k;
    }
  const struct kind *kind = &kinds[k];
  int cls = kind->code != 0 ? kind->code / 100 : kind->enhanced[0] - '0';
  char e[40];
  snprintf (e, sizeof e, "%d.%u.%u", cls, (unsigned int) (10 + j / 900),
            (unsigned int) (100 + j % 900));
  make_reply (r, kind, e);
  r->variant = 1;
}

/* Return 1 if the next message should carry a made-up variant: one in
   ten, or more while the variants not yet written would not all fit in
   what is left of the log at the pace so far.  */
static int
want_variant (void)
{
  if (variants == 0)
    return 0;
  if (variants_written >= variants)
    return gen_chance (100);
  double per_line = reply_lines >= 1000
                        ? (double) written / (double) reply_lines
                        : 1000.0;
  /* Aim to be done a tenth before the end.  */
  double left
      = (0.9 * (double) size_wanted - (double) written) / per_line;
  double p = left > 1 ? (double) (variants - variants_written) / left : 1;
  unsigned int per_mille = p >= 1 ? 1000 : (unsigned int) (p * 1000);
  if (per_mille < 100)
    per_mille = 100;
  return gen_below (1000) < per_mille;
}

/* Choose the reply of the next message and store it in R.  */
static void
choose_reply (struct reply *r)
{
  /* Each kind once first, so that the rare ones are there too.  */
  static size_t messages;
  if (messages < kinds_used)
    {
      make_reply (r, &kinds[messages++], NULL);
      return;
    }
  if (want_variant ())
    {
      /* The kind with the fewest variants written, as messages have
         different numbers of recipients.  */
      size_t n = variants < kinds_used ? (size_t) variants : kinds_used;
      size_t k = 0;
      for (size_t i = 1; i < n; i++)
        if (variant_round[i] < variant_round[k])
          k = i;
      make_variant (r, k);
      return;
    }
  unsigned int w = gen_below (weight_total);
  size_t i = 0;
  while (w >= kinds[i].weight)
    w -= kinds[i++].weight;
  make_reply (r, &kinds[i], NULL);
}

/* Change R, the reply to a recipient, into the reply to the next
   recipient of the same message: the same, or the next variant of its
   kind.  */
static void
next_recipient (struct reply *r)
{
  if (r->variant)
    make_variant (r, (size_t) (r->kind - kinds));
}

/* ------------------------------------------------------------------------
   The text of a reply.  */

/* The people and places of one message.  */
struct message
{
  char from[80];
  char rcpt[80];
  char host[96];
  char ip[20];
  char domain[40];
  char client[96];
  char client_ip[20];
};

/* Append the LEN bytes at S to BUF (of CAP bytes, *N used).  */
static void
append (char *buf, size_t cap, size_t *n, const char *s, size_t len)
{
  if (*n + len >= cap)
    {
      fputs ("gen-log: a line is too long\n", stderr);
      exit (2);
    }
  memcpy (buf + *n, s, len);
  *n += len;
  buf[*n] = '\0';
}

/* Store in BUF (CAP bytes) the text of kind TEXT for reply R of message
   M, its words replaced.  */
static void
expand (char *buf, size_t cap, const char *text, const struct reply *r,
        const struct message *m)
{
  size_t n = 0;
  buf[0] = '\0';
  while (*text != '\0')
    {
      const char *open = strchr (text, '{');
      if (open == NULL)
        {
          append (buf, cap, &n, text, strlen (text));
          break;
        }
      append (buf, cap, &n, text, (size_t) (open - text));
      const char *close = strchr (open, '}');
      size_t len = (size_t) (close - open - 1);
      char word[20];
      snprintf (word, sizeof word, "%.*s", (int) len, open + 1);
      char tmp[64];
      const char *v;
      if (strcmp (word, "rcpt") == 0)
        v = m->rcpt;
      else if (strcmp (word, "from") == 0)
        v = m->from;
      else if (strcmp (word, "ip") == 0)
        v = m->ip;
      else if (strcmp (word, "host") == 0)
        v = m->host;
      else if (strcmp (word, "domain") == 0)
        v = m->domain;
      else if (strcmp (word, "C") == 0)
        {
          snprintf (tmp, sizeof tmp, "%d", r->kind->code);
          v = tmp;
        }
      else if (strcmp (word, "E") == 0)
        v = r->enhanced;
      else if (strcmp (word, "gmail") == 0)
        v = gen_gmail_id ();
      else if (strcmp (word, "pfid") == 0)
        v = gen_postfix_id ();
      else if (strcmp (word, "eximid") == 0)
        v = gen_exim_id ();
      else if (strcmp (word, "smid") == 0)
        v = gen_sendmail_id ();
      else if (strcmp (word, "outlook") == 0)
        v = gen_outlook_host ();
      else if (strcmp (word, "stamp") == 0)
        v = gen_outlook_stamp ();
      else if (strcmp (word, "epoch") == 0)
        {
          snprintf (tmp, sizeof tmp, "%u",
                    gen_between (1764288000u, 1795824000u));
          v = tmp;
        }
      else if (strcmp (word, "hexid") == 0)
        v = gen_chars (tmp, 32, gen_hex);
      else if (strcmp (word, "dovecot") == 0)
        v = gen_chars (tmp, 22, gen_base62);
      else if (strcmp (word, "size") == 0)
        {
          snprintf (tmp, sizeof tmp, "%u", gen_between (2000, 900000));
          v = tmp;
        }
      else
        {
          fprintf (stderr, "gen-log: unknown word {%s}\n", word);
          exit (2);
        }
      append (buf, cap, &n, v, strlen (v));
      text = close + 1;
    }
}

/* Store in BUF (CAP bytes) reply R as the server sent it, its lines
   joined: "550 5.1.1 TEXT", "550-5.1.1 TEXT... 550 5.1.1 ...", or
   "550 TEXT" without an enhanced code.  */
static void
reply_text (char *buf, size_t cap, const struct reply *r,
            const struct message *m)
{
  char text[1024];
  expand (text, sizeof text, r->kind->text, r, m);
  if (r->enhanced[0] != '\0')
    snprintf (buf, cap, "%d%c%s %s", r->kind->code,
              r->kind->multi ? '-' : ' ', r->enhanced, text);
  else
    snprintf (buf, cap, "%d%c%s", r->kind->code, r->kind->multi ? '-' : ' ',
              text);
}

/* ------------------------------------------------------------------------
   The mail servers.  */

static const char *const server_prefixes[]
    = { "mx", "mx1", "mx2", "mail", "smtp", "mta", "in", "relay" };

/* Fill M with a new sender, recipient and server.  */
static void
new_message (struct message *m)
{
  snprintf (m->from, sizeof m->from, "%s", gen_address ());
  snprintf (m->rcpt, sizeof m->rcpt, "%s", gen_address ());
  snprintf (m->domain, sizeof m->domain, "%s", strchr (m->rcpt, '@') + 1);
  if (gen_chance (300))
    snprintf (m->host, sizeof m->host, "%s", gen_outlook_host ());
  else if (gen_chance (300))
    snprintf (m->host, sizeof m->host, "alt%u.aspmx.l.google.com",
              gen_below (5));
  else
    snprintf (m->host, sizeof m->host, "%s.%s", GEN_PICK (server_prefixes),
              m->domain);
  snprintf (m->ip, sizeof m->ip, "%s", gen_ipv4 ());
  snprintf (m->client, sizeof m->client, "out%u.%s", gen_below (100),
            gen_domain ());
  snprintf (m->client_ip, sizeof m->client_ip, "%s", gen_ipv4 ());
}

/* The sum of the codes written.  */
static uint64_t code_sum;

/* Count a line with reply R.  */
static void
count_reply (const struct reply *r)
{
  reply_lines++;
  code_sum += (uint64_t) r->kind->code;
  add_key (r->key);
}

/* Return a process id.  */
static unsigned int
pid (void)
{
  return gen_between (200, 65000);
}

static const char *const status_words[]
    = { "", "sent", "deferred", "bounced" };

/* Write the delivery line of Postfix for reply R of message M, queue id
   QID.  */
static void
postfix_delivery (const struct reply *r, const struct message *m,
                  const char *qid)
{
  char t[STAMP_SIZE];
  stamp (t, 0);
  const struct kind *k = r->kind;
  const char *program = k->form == PF_LMTP    ? "lmtp"
                        : k->form == PF_LOCAL ? "local"
                        : k->form == PF_PIPE  ? "pipe"
                                              : "smtp";
  char relay[160];
  if (k->form == PF_LMTP)
    snprintf (relay, sizeof relay, "mail.example.com[private/dovecot-lmtp]");
  else if (k->form == PF_LOCAL)
    snprintf (relay, sizeof relay, "local");
  else if (k->form == PF_PIPE)
    snprintf (relay, sizeof relay, "dovecot");
  else if (k->form == PF_NOREPLY && strncmp (k->text, "Host ", 5) == 0)
    snprintf (relay, sizeof relay, "none");
  else
    snprintf (relay, sizeof relay, "%s[%s]:25", m->host, m->ip);
  /* Postfix's delays, in hundredths of a second: before the queue
     manager, in it, setting up the connection, transmitting.  */
  unsigned int a = gen_below (400);
  unsigned int b = gen_below (9);
  unsigned int c = gen_below (3000);
  unsigned int d = gen_below (200);
  unsigned int total = a + b + c + d;
  int cls = k->code != 0 ? k->code / 100 : r->dsn[0] - '0';
  const char *status = status_words[status_of (k->form, cls)];

  char detail[1400];
  char said[1200];
  switch (k->form)
    {
    case PF_SAID:
      reply_text (said, sizeof said, r, m);
      if (k->command != NULL)
        snprintf (detail, sizeof detail,
                  "host %s[%s] said: %s (in reply to %s command)", m->host,
                  m->ip, said, k->command);
      else
        snprintf (detail, sizeof detail, "host %s[%s] refused to talk to "
                                         "me: %s",
                  m->host, m->ip, said);
      break;
    case PF_SENT:
    case PF_LMTP:
      reply_text (detail, sizeof detail, r, m);
      break;
    default:
      expand (detail, sizeof detail, k->text, r, m);
      break;
    }
  put_line ("%s mx1 postfix/%s[%u]: %s: to=<%s>, relay=%s, delay=%u.%02u, "
            "delays=%u.%02u/%u.%02u/%u.%02u/%u.%02u, dsn=%s, status=%s (%s)",
            t, program, pid (), qid, m->rcpt, relay, total / 100,
            total % 100, a / 100, a % 100, b / 100, b, c / 100, c % 100,
            d / 100, d % 100, r->dsn, status, detail);
  count_reply (r);
}

/* Write a message of Postfix with reply R (to its first recipient).  */
static void
postfix_message (struct reply *r)
{
  struct message m;
  new_message (&m);
  char t[STAMP_SIZE];
  unsigned int smtpd = pid ();

  if (r->kind->form == PF_REJECT)
    {
      stamp (t, 0);
      if (gen_chance (300))
        put_line ("%s mx1 postfix/smtpd[%u]: connect from %s[%s]", t, smtpd,
                  m.client, m.client_ip);
      char said[1200];
      reply_text (said, sizeof said, r, &m);
      put_line ("%s mx1 postfix/smtpd[%u]: NOQUEUE: reject: %s from "
                "unknown[%s]: %s; from=<%s> to=<%s> proto=ESMTP "
                "helo=<%s>",
                t, smtpd, r->kind->command, m.client_ip, said, m.from,
                m.rcpt, m.client);
      count_reply (r);
      if (gen_chance (300))
        put_line ("%s mx1 postfix/smtpd[%u]: disconnect from unknown[%s] "
                  "ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4",
                  t, smtpd, m.client_ip);
      return;
    }

  char qid[24];
  snprintf (qid, sizeof qid, "%s", gen_postfix_id ());
  int via_smtpd = gen_chance (500);
  stamp (t, 0);
  if (via_smtpd)
    {
      put_line ("%s mx1 postfix/smtpd[%u]: connect from %s[%s]", t, smtpd,
                m.client, m.client_ip);
      put_line ("%s mx1 postfix/smtpd[%u]: %s: client=%s[%s], "
                "sasl_method=PLAIN, sasl_username=%s",
                t, smtpd, qid, m.client, m.client_ip, m.from);
    }
  else
    put_line ("%s mx1 postfix/pickup[%u]: %s: uid=%u from=<%s>", t, pid (),
              qid, gen_between (1000, 1010), m.from);
  put_line ("%s mx1 postfix/cleanup[%u]: %s: message-id=<2026112%u%05u.%u@"
            "%s>",
            t, pid (), qid, gen_below (10), gen_below (100000),
            gen_below (100000), strchr (m.from, '@') + 1);
  unsigned int n = gen_chance (600) ? 1 : gen_between (2, 5);
  put_line ("%s mx1 postfix/qmgr[%u]: %s: from=<%s>, size=%u, nrcpt=%u "
            "(queue active)",
            t, pid (), qid, m.from, gen_between (300, 250000), n);
  if (via_smtpd)
    put_line ("%s mx1 postfix/smtpd[%u]: disconnect from %s[%s] ehlo=1 "
              "auth=1 mail=1 rcpt=%u data=1 quit=1 commands=%u",
              t, smtpd, m.client, m.client_ip, n, 5 + n);
  clock_seconds += gen_below (3);
  for (unsigned int i = 0; i < n; i++)
    {
      if (i > 0)
        {
          snprintf (m.rcpt, sizeof m.rcpt, "%s@%s", gen_user (), m.domain);
          next_recipient (r);
        }
      postfix_delivery (r, &m, qid);
    }
  if (status_of (r->kind->form, r->dsn[0] - '0') != 2)
    {
      stamp (t, 0);
      put_line ("%s mx1 postfix/qmgr[%u]: %s: removed", t, pid (), qid);
    }
}

/* Write a message of Exim with reply R (to its first recipient).  */
static void
exim_message (struct reply *r)
{
  struct message m;
  new_message (&m);
  char t[STAMP_SIZE];
  char id[24];
  char local_id[12];
  snprintf (id, sizeof id, "%s", gen_exim_id ());
  stamp (t, 1);
  put_line ("%s %s <= %s H=%s [%s] P=esmtps "
            "X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256 "
            "CV=no S=%u id=%u.%s@%s",
            t, id, m.from, m.client, m.client_ip, gen_between (300, 250000),
            gen_below (1000000), gen_chars (local_id, 8, gen_base62),
            strchr (m.from, '@') + 1);
  clock_seconds += gen_below (3);
  stamp (t, 1);
  unsigned int n = gen_chance (600) ? 1 : gen_between (2, 5);
  char said[1200];
  for (unsigned int i = 0; i < n; i++)
    {
      if (i > 0)
        {
          snprintf (m.rcpt, sizeof m.rcpt, "%s@%s", gen_user (), m.domain);
          next_recipient (r);
        }
      reply_text (said, sizeof said, r, &m);
      char after[200];
      const char *cmd = r->kind->command;
      if (cmd == NULL)
        snprintf (after, sizeof after, "initial connection");
      else if (strcmp (cmd, "RCPT TO") == 0)
        snprintf (after, sizeof after, "RCPT TO:<%s>", m.rcpt);
      else if (strcmp (cmd, "MAIL FROM") == 0)
        snprintf (after, sizeof after, "MAIL FROM:<%s> SIZE=%u", m.from,
                  gen_between (2000, 900000));
      else
        snprintf (after, sizeof after, "%s", cmd);
      switch (r->kind->form)
        {
        case EX_SENT:
          put_line ("%s %s %s %s R=dnslookup T=remote_smtp H=%s [%s] "
                    "X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM"
                    ":256 CV=yes C=\"%s\"",
                    t, id, i == 0 ? "=>" : "->", m.rcpt, m.host, m.ip, said);
          break;
        case EX_BOUNCE:
          put_line ("%s %s ** %s R=dnslookup T=remote_smtp H=%s [%s] "
                    "X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM"
                    ":256 CV=yes: SMTP error from remote mail server after "
                    "%s: %s",
                    t, id, m.rcpt, m.host, m.ip, after, said);
          break;
        default:
          put_line ("%s %s == %s R=dnslookup T=remote_smtp defer (-44) "
                    "H=%s [%s]: SMTP error from remote mail server after "
                    "%s: %s",
                    t, id, m.rcpt, m.host, m.ip, after, said);
          break;
        }
      count_reply (r);
    }
  if (gen_chance (150))
    put_line ("%s %s => %s <%s@example.com> R=local_user T=mail_spool", t,
              id, gen_user (), gen_user ());
  if (r->kind->form != EX_DEFER)
    put_line ("%s %s Completed", t, id);
}

/* Write a message of Sendmail with reply R (to its first recipient).  */
static void
sendmail_message (struct reply *r)
{
  struct message m;
  new_message (&m);
  char t[STAMP_SIZE];
  char qid[24];
  snprintf (qid, sizeof qid, "%s", gen_sendmail_id ());
  stamp (t, 0);
  const struct kind *k = r->kind;
  char said[1200];

  if (k->form == SM_REJECT)
    {
      reply_text (said, sizeof said, r, &m);
      put_line ("%s mail sm-mta[%u]: %s: ruleset=%s, arg1=<%s>, "
                "relay=unknown [%s], reject=%s",
                t, pid (), qid, k->command,
                strcmp (k->command, "check_mail") == 0 ? m.from : m.rcpt,
                m.client_ip, said);
      count_reply (r);
      if (gen_chance (500))
        put_line ("%s mail sm-mta[%u]: %s: from=<%s>, size=0, class=0, "
                  "nrcpts=0, proto=ESMTP, daemon=MTA-v4, relay=unknown [%s]",
                  t, pid (), qid, m.from, m.client_ip);
      return;
    }

  unsigned int n = gen_chance (600) ? 1 : gen_between (2, 5);
  unsigned int size = gen_between (300, 250000);
  put_line ("%s mail sm-mta[%u]: %s: from=<%s>, size=%u, class=0, "
            "nrcpts=%u, msgid=<2026112%u%05u.%u@%s>, bodytype=8BITMIME, "
            "proto=ESMTPS, daemon=MTA-v4, relay=%s [%s]",
            t, pid (), qid, m.from, size, n, gen_below (10),
            gen_below (100000), gen_below (100000), strchr (m.from, '@') + 1,
            m.client, m.client_ip);
  clock_seconds += gen_below (3);
  stamp (t, 0);
  if (k->form != SM_LOCAL && gen_chance (600))
    put_line ("%s mail sm-mta[%u]: STARTTLS=client, relay=%s., "
              "version=TLSv1.3, verify=OK, cipher=TLS_AES_256_GCM_SHA384, "
              "bitlen=256",
              t, pid (), m.host);
  unsigned int p = pid ();
  for (unsigned int i = 0; i < n; i++)
    {
      if (i > 0)
        {
          snprintf (m.rcpt, sizeof m.rcpt, "%s@%s", gen_user (), m.domain);
          next_recipient (r);
        }
      char head[400];
      snprintf (head, sizeof head,
                "%s mail sm-mta[%u]: %s: to=<%s>, delay=00:00:%02u, "
                "xdelay=00:00:%02u, mailer=%s, pri=%u, ",
                t, p, qid, m.rcpt, gen_below (60), gen_below (10),
                k->form == SM_LOCAL ? "local" : "esmtp",
                size + 30000 * gen_between (1, 4));
      char text[1200];
      switch (k->form)
        {
        case SM_LOCAL:
          put_line ("%sdsn=%s, stat=Sent", head, r->dsn);
          break;
        case SM_SENT:
          expand (text, sizeof text, k->text, r, &m);
          put_line ("%srelay=%s. [%s], dsn=%s, stat=Sent (%s)", head, m.host,
                    m.ip, r->dsn, text);
          break;
        case SM_NOREPLY:
          expand (text, sizeof text, k->text, r, &m);
          put_line ("%srelay=%s. [%s], dsn=%s, stat=%s", head, m.host, m.ip,
                    r->dsn, text);
          break;
        default:
          reply_text (said, sizeof said, r, &m);
          if (k->command != NULL)
            put_line ("%srelay=%s. [%s], dsn=%s, reply=%s, stat=%s", head,
                      m.host, m.ip, r->dsn, said, k->command);
          else
            put_line ("%srelay=%s. [%s], dsn=%s, reply=%s, stat=Deferred: "
                      "%s",
                      head, m.host, m.ip, r->dsn, said, said);
          break;
        }
      count_reply (r);
    }
  if (k->form == SM_REPLY && k->code / 100 == 5)
    {
      char dsn_id[24];
      snprintf (dsn_id, sizeof dsn_id, "%s", gen_sendmail_id ());
      put_line ("%s mail sm-mta[%u]: %s: %s: DSN: %s", t, p, qid, dsn_id,
                k->command);
    }
}

/* Write a line without a reply, of the kind that mail servers write
   between messages.  */
static void
noise (void)
{
  char t[STAMP_SIZE];
  char ts[STAMP_SIZE];
  stamp (t, 0);
  stamp (ts, 1);
  const char *ip = gen_ipv4 ();
  switch (gen_below (14))
    {
    case 0:
      put_line ("%s mx1 postfix/postscreen[%u]: CONNECT from [%s]:%u to "
                "[203.0.113.5]:25",
                t, pid (), ip, gen_between (1024, 65535));
      break;
    case 1:
      put_line ("%s mx1 postfix/postscreen[%u]: PASS OLD [%s]:%u", t, pid (),
                ip, gen_between (1024, 65535));
      break;
    case 2:
      put_line ("%s mx1 postfix/anvil[%u]: statistics: max connection rate "
                "%u/60s for (smtp:%s) at %s",
                t, pid (), gen_between (1, 30), ip, t);
      break;
    case 3:
      put_line ("%s mx1 postfix/smtpd[%u]: Anonymous TLS connection "
                "established from unknown[%s]: TLSv1.3 with cipher "
                "TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 "
                "server-signature RSA-PSS (2048 bits) server-digest SHA256",
                t, pid (), ip);
      break;
    case 4:
      put_line ("%s mx1 postfix/smtpd[%u]: lost connection after AUTH from "
                "unknown[%s]",
                t, pid (), ip);
      break;
    case 5:
      put_line ("%s mx1 postfix/smtpd[%u]: warning: hostname %s does not "
                "resolve to address %s: Name or service not known",
                t, pid (), gen_outlook_host (), ip);
      break;
    case 6:
      put_line ("%s mx1 postfix/smtpd[%u]: disconnect from unknown[%s] "
                "ehlo=1 auth=0/1 quit=1 commands=2/3",
                t, pid (), ip);
      break;
    case 7:
      put_line ("%s SMTP connection from [%s]:%u (TCP/IP connection count "
                "= %u)",
                ts, ip, gen_between (1024, 65535), gen_between (1, 20));
      break;
    case 8:
      put_line ("%s %s == %s R=dnslookup T=remote_smtp defer (111): "
                "Connection refused",
                ts, gen_exim_id (), gen_address ());
      break;
    case 9:
      put_line ("%s H=(%s) [%s] F=<%s> rejected RCPT <%s>: JunkMail "
                "rejected - %s is listed at zen.spamhaus.org",
                ts, gen_domain (), ip, gen_address (), gen_address (), ip);
      break;
    case 10:
      put_line ("%s Start queue run: pid=%u", ts, pid ());
      break;
    case 11:
      put_line ("%s mail sm-mta[%u]: %s: %s [%s] did not issue "
                "MAIL/EXPN/VRFY/ETRN during connection to MTA",
                t, pid (), gen_sendmail_id (), gen_domain (), ip);
      break;
    case 12:
      put_line ("%s mail sm-mta[%u]: /etc/mail/aliases: %u aliases, longest "
                "%u bytes, %u bytes total",
                t, pid (), gen_between (10, 40), gen_between (10, 40),
                gen_between (300, 999));
      break;
    default:
      put_line ("%s mail sm-mta[%u]: STARTTLS=server, relay=%s [%s], "
                "version=TLSv1.3, verify=NO, cipher=TLS_AES_256_GCM_SHA384, "
                "bitlen=256",
                t, pid (), gen_domain (), ip);
      break;
    }
}

/* ------------------------------------------------------------------------
   The program.  */

/* Store the number of distinct replies ARG gives (1 to 500000) in
   *NUMBER.  Return 0, or -1 if ARG is not one.  */
static int
parse_distinct (const char *arg, unsigned long *number)
{
  char *end;
  errno = 0;
  unsigned long n = strtoul (arg, &end, 10);
  if (errno != 0 || *end != '\0' || end == arg || arg[0] == '-' || n < 1
      || n > 500000)
    return -1;
  *number = n;
  return 0;
}

/* Print how to use the program to STREAM.  */
static void
usage (FILE *stream)
{
  fputs ("Usage: gen-log [-s SEED] [-d DISTINCT] SIZE [FILE]\n"
         "Write at least SIZE bytes (suffix K, M or G for KiB, MiB, GiB) of "
         "a mail log\n"
         "of Postfix, Exim and Sendmail, with DISTINCT distinct replies "
         "(default 1000),\n"
         "to FILE or standard output.  The same SIZE, SEED (default 1) and "
         "DISTINCT\n"
         "always give the same bytes.  With FILE, print the number of lines, "
         "of lines\n"
         "with a reply, the sum of their codes and the distinct replies.\n",
         stream);
}

int
main (int argc, char **argv)
{
  uint64_t seed = 1;
  unsigned long distinct = 1000;
  int i = 1;
  if (i < argc && strcmp (argv[i], "--help") == 0)
    {
      usage (stdout);
      return 0;
    }
  while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0')
    {
      if (i + 1 < argc && strcmp (argv[i], "-s") == 0
          && gen_parse_seed (argv[i + 1], &seed) == 0)
        i += 2;
      else if (i + 1 < argc && strcmp (argv[i], "-d") == 0
               && parse_distinct (argv[i + 1], &distinct) == 0)
        i += 2;
      else
        {
          usage (stderr);
          return 2;
        }
    }
  if (i >= argc || argc - i > 2)
    {
      usage (stderr);
      return 2;
    }
  size_wanted = gen_parse_size (argv[i]);
  if (size_wanted == 0)
    {
      fprintf (stderr, "gen-log: not a size: %s\n", argv[i]);
      usage (stderr);
      return 2;
    }
  if (argc - i == 2)
    {
      out_name = argv[i + 1];
      out = fopen (out_name, "wb");
      if (out == NULL)
        {
          fprintf (stderr, "gen-log: %s: %s\n", out_name, strerror (errno));
          return 1;
        }
    }
  else
    {
      out_name = "standard output";
      out = stdout;
    }
  static char buffer[GEN_WRITE_BLOCK];
  setvbuf (out, buffer, _IOFBF, sizeof buffer);

  /* The kinds in use: the first ones, until they give DISTINCT keys or
     there are no more; the made-up variants give the rest.  The set of
     keys is emptied again: it counts what is written.  */
  for (kinds_used = 0; kinds_used < N_KINDS && key_count < distinct;
       kinds_used++)
    {
      struct reply r;
      make_reply (&r, &kinds[kinds_used], NULL);
      add_key (r.key);
      weight_total += kinds[kinds_used].weight;
    }
  variants = distinct - key_count;
  memset (keys, 0, key_cap * sizeof *keys);
  key_count = 0;

  gen_seed (seed);
  while (written < size_wanted)
    {
      struct reply r;
      choose_reply (&r);
      enum form f = r.kind->form;
      if (f <= PF_REJECT)
        postfix_message (&r);
      else if (f <= EX_SENT)
        exim_message (&r);
      else
        sendmail_message (&r);
      if (gen_chance (400))
        noise ();
      clock_seconds += gen_below (3);
    }
  if (fflush (out) != 0 || ferror (out) || (out != stdout && fclose (out)))
    write_failed ();
  if (out != stdout)
    printf ("lines %" PRIu64 " reply_lines %" PRIu64 " code_sum %" PRIu64
            " distinct %zu\n",
            lines, reply_lines, code_sum, key_count);
  free (keys);
  return 0;
}
