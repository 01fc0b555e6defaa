/* gen-corpus.c -- write a corpus of SMTP replies for the benchmark.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Usage: gen-corpus [-s SEED] [--clean] SIZE [FILE]

   Write whole SMTP sessions, as the client of each sees them, to FILE (or
   standard output) until at least SIZE bytes are written.  SIZE is a
   number of bytes, or of KiB, MiB or GiB with the suffix K, M or G.  The
   output depends only on SIZE and SEED (1 unless given), never on the
   machine, so two runs give the same file.

   The sessions copy what Postfix, Gmail, Exchange Online, Exim and
   Sendmail send: 220 banners (some of several lines), EHLO answers of 10
   to 15 lines, STARTTLS, AUTH with base64 334 challenges and bare 334s,
   250 2.1.0 / 2.1.5 / 2.0.0 with queue ids, 354, Gmail's multi-line
   550-5.1.1 with its URL, Microsoft's long 550 5.7.1 lines, greylisting
   450/451, 452 4.5.3, 421, 221.  Every line ends in CRLF, except in about
   3% of sessions, which end their lines in a bare LF as logs and a few
   servers do; about 2% of sessions have UTF-8 text somewhere.  A few
   rejections (about 0.1% of replies) have a line of 550 to 650 bytes,
   longer than RFC 5321's 512.

   With --clean, the empty 334 challenges that would be a bare code ("334"
   and the line ending) are "334 " instead, as most servers send them, and
   nothing else changes: the same sessions, the same random choices, but
   the file reaches SIZE a few sessions sooner.  The other SMTP readers
   that "make bench" compares with smtpreply stop at a bare code (Go's
   net/textproto calls it a "short response"), so the side-by-side run
   uses a clean corpus.  */

#include <config.h>

#include <errno.h>
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
static const char *eol = "\r\n"; /* "\n" in a session with bare LFs */
static int clean;                /* --clean: no bare codes */

/* Write the LEN bytes at BUF, or exit if that fails.  */
static void
put (const char *buf, size_t len)
{
  if (fwrite (buf, 1, len, out) != len)
    {
      fprintf (stderr, "gen-corpus: %s: %s\n", out_name, strerror (errno));
      exit (1);
    }
  written += len;
}

/* Write one line of a reply with code CODE: SEP is '-' when more lines
   follow, ' ' on the last line, or 0 for a bare code without text; the
   text is FORMAT and the arguments after it.  */
static void GEN_PRINTF_LIKE (3, 4)
line (int code, int sep, const char *format, ...)
{
  char buf[2048];
  int n = snprintf (buf, sizeof buf, "%03d", code);
  if (sep != 0)
    {
      buf[n++] = (char) sep;
      va_list ap;
      va_start (ap, format);
      int m = vsnprintf (buf + n, sizeof buf - (size_t) n, format, ap);
      va_end (ap);
      if (m < 0 || (size_t) m >= sizeof buf - (size_t) n)
        {
          fprintf (stderr, "gen-corpus: a line is too long: %.40s...\n",
                   buf);
          exit (1);
        }
      n += m;
    }
  put (buf, (size_t) n);
  put (eol, strlen (eol));
}

/* ------------------------------------------------------------------------
   Dates and encodings.  */

static const char *const days[]
    = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *const months[]
    = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* Return a date as in a 220 banner ("Tue, 04 Mar 2025 10:11:12 +0000") in
   a static buffer.  */
static const char *
date (void)
{
  static const char *const zones[]
      = { "+0000", "+0100", "+0200", "-0500", "-0800", "+0900", "+0300" };
  static char buf[48];
  snprintf (buf, sizeof buf, "%s, %02u %s 2025 %02u:%02u:%02u %s",
            GEN_PICK (days), gen_between (1, 28), GEN_PICK (months),
            gen_below (24), gen_below (60), gen_below (60), GEN_PICK (zones));
  return buf;
}

/* Return the base64 encoding of the LEN bytes at SRC in a static buffer
   (LEN at most 180).  */
static const char *
base64 (const char *src, size_t len)
{
  static const char digits[]
      = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  static char buf[256];
  const unsigned char *s = (const unsigned char *) src;
  size_t o = 0;
  for (size_t i = 0; i < len; i += 3)
    {
      unsigned int v = (unsigned int) s[i] << 16;
      if (i + 1 < len)
        v |= (unsigned int) s[i + 1] << 8;
      if (i + 2 < len)
        v |= s[i + 2];
      buf[o++] = digits[(v >> 18) & 63];
      buf[o++] = digits[(v >> 12) & 63];
      buf[o++] = i + 1 < len ? digits[(v >> 6) & 63] : '=';
      buf[o++] = i + 2 < len ? digits[v & 63] : '=';
    }
  buf[o] = '\0';
  return buf;
}

/* ------------------------------------------------------------------------
   The servers.  */

enum flavor
{
  POSTFIX,
  GMAIL,
  OUTLOOK,
  EXIM,
  SENDMAIL
};

/* Return a flavor in the proportions of a mail server's outgoing traffic:
   Postfix 35%, Gmail 20%, Exchange Online 20%, Exim 15%, Sendmail 10%.  */
static enum flavor
pick_flavor (void)
{
  unsigned int r = gen_below (100);
  if (r < 35)
    return POSTFIX;
  if (r < 55)
    return GMAIL;
  if (r < 75)
    return OUTLOOK;
  if (r < 90)
    return EXIM;
  return SENDMAIL;
}

/* One session: the server's name and kind, and whether the text of this
   session may have UTF-8 in it.  */
struct session
{
  enum flavor flavor;
  char host[96];
  char client[64];
  char client_ip[20];
  int utf8;
};

/* Write Gmail's way of ending a reply: the text of LINES (N of them) on
   lines of code CODE with enhanced code ENHANCED, the last of them
   "  URL ID - gsmtp" after two spaces.  */
static void
gmail_lines (int code, const char *enhanced, const char *const *lines,
             size_t n, const char *url)
{
  for (size_t i = 0; i < n; i++)
    line (code, '-', "%s %s", enhanced, lines[i]);
  line (code, ' ', "%s  %s %s - gsmtp", enhanced, url, gen_gmail_id ());
}

/* Write the greeting of S.  */
static void
banner (const struct session *s)
{
  if (s->utf8 && gen_chance (500))
    {
      static const char *const greetings[]
          = { "Grüße aus Köln, bitte keine Werbung",
              "почтовый сервер готов",
              "メールサーバーへようこそ",
              "serveur de messagerie prêt à recevoir",
              "Serviço de correio eletrônico pronto",
              "Ελάτε, ο διακομιστής είναι έτοιμος" };
      line (220, ' ', "%s ESMTP %s", s->host, GEN_PICK (greetings));
      return;
    }
  switch (s->flavor)
    {
    case POSTFIX:
      if (gen_chance (150))
        {
          line (220, '-', "%s ESMTP Postfix", s->host);
          line (220, '-', "This system is for the use of authorized users "
                          "only.");
          line (220, ' ', "Unsolicited bulk e-mail is not accepted here.");
        }
      else if (gen_chance (500))
        line (220, ' ', "%s ESMTP Postfix (Debian/GNU)", s->host);
      else
        line (220, ' ', "%s ESMTP Postfix", s->host);
      break;
    case GMAIL:
      line (220, ' ', "mx.google.com ESMTP %s - gsmtp", gen_gmail_id ());
      break;
    case OUTLOOK:
      line (220, ' ', "%s Microsoft ESMTP MAIL Service ready at %s", s->host,
            date ());
      break;
    case EXIM:
      /* cPanel's Exim sends the three-line banner.  */
      if (gen_chance (600))
        {
          line (220, '-', "%s ESMTP Exim 4.97.1 #2 %s ", s->host, date ());
          line (220, '-', "We do not authorize the use of this system to "
                          "transport unsolicited, ");
          line (220, ' ', "and/or bulk e-mail.");
        }
      else
        line (220, ' ', "%s ESMTP Exim 4.96 Ubuntu %s", s->host, date ());
      break;
    case SENDMAIL:
      line (220, ' ', "%s ESMTP Sendmail 8.17.1.9/8.17.1.9; %s", s->host,
            date ());
      break;
    }
}

/* Write the answer of S to EHLO: 10 to 15 lines, with STARTTLS if and
   only if OFFER_TLS.  */
static void
ehlo (const struct session *s, int offer_tls)
{
  static const char *const postfix[]
      = { "PIPELINING", "SIZE 52428800", "VRFY", "ETRN", "STARTTLS",
          "AUTH PLAIN LOGIN", "AUTH=PLAIN LOGIN", "ENHANCEDSTATUSCODES",
          "8BITMIME", "DSN", "SMTPUTF8", "CHUNKING", "REQUIRETLS",
          "DELIVERBY", "NO-SOLICITING" };
  static const char *const gmail[]
      = { "SIZE 157286400", "8BITMIME", "STARTTLS", "ENHANCEDSTATUSCODES",
          "PIPELINING", "CHUNKING", "SMTPUTF8",
          "AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH",
          "DSN", "BINARYMIME", "REQUIRETLS", "DELIVERBY", "LIMITS RCPTMAX=100",
          "MT-PRIORITY", "FUTURERELEASE 604800 2025-12-31T23:59:59Z" };
  static const char *const outlook[]
      = { "SIZE 157286400", "PIPELINING", "DSN", "ENHANCEDSTATUSCODES",
          "STARTTLS", "X-ANONYMOUSTLS", "AUTH NTLM", "X-EXPS GSSAPI NTLM",
          "8BITMIME", "BINARYMIME", "CHUNKING", "XRDST", "SMTPUTF8",
          "XEXCH50", "XSHADOWREQUEST" };
  static const char *const exim[]
      = { "SIZE 52428800", "LIMITS MAILMAX=1000 RCPTMAX=50000", "8BITMIME",
          "PIPELINING", "PIPECONNECT", "AUTH PLAIN LOGIN", "CHUNKING",
          "STARTTLS", "SMTPUTF8", "PRDR", "DSN", "ETRN", "VRFY",
          "X_PIPE_CONNECT", "HELP" };
  static const char *const sendmail[]
      = { "ENHANCEDSTATUSCODES", "PIPELINING", "EXPN", "VERB", "8BITMIME",
          "SIZE 36700160", "DSN", "ETRN", "AUTH DIGEST-MD5 CRAM-MD5 LOGIN "
          "PLAIN", "STARTTLS", "DELIVERBY", "DEFERRALS", "SMTPUTF8",
          "BINARYMIME", "CHUNKING", "HELP" };
  const char *const *list;
  size_t n;
  switch (s->flavor)
    {
    case POSTFIX:
      list = postfix, n = GEN_N_ELEMS (postfix);
      line (250, '-', "%s", s->host);
      break;
    case GMAIL:
      list = gmail, n = GEN_N_ELEMS (gmail);
      line (250, '-', "mx.google.com at your service, [%s]", s->client_ip);
      break;
    case OUTLOOK:
      list = outlook, n = GEN_N_ELEMS (outlook);
      line (250, '-', "%s Hello [%s]", s->host, s->client_ip);
      break;
    case EXIM:
      list = exim, n = GEN_N_ELEMS (exim);
      line (250, '-', "%s Hello %s [%s]", s->host, s->client, s->client_ip);
      break;
    default:
      list = sendmail, n = GEN_N_ELEMS (sendmail);
      line (250, '-', "%s Hello %s [%s], pleased to meet you", s->host,
            s->client, s->client_ip);
      break;
    }

  /* Keep WANT of the N extensions, in their order: a server lists its
     own in a fixed order and leaves out those it is not configured for.  */
  size_t want = gen_between (9, 14);
  const char *keep[16];
  size_t k = 0;
  for (size_t i = 0; i < n && k < want; i++)
    {
      if (strcmp (list[i], "STARTTLS") == 0)
        {
          if (offer_tls)
            keep[k++] = list[i];
          continue;
        }
      /* Take this one if the rest are just enough, or by chance.  */
      if (n - i <= want - k || gen_below ((unsigned int) (n - i)) < want - k)
        keep[k++] = list[i];
    }
  for (size_t i = 0; i < k; i++)
    line (250, i + 1 < k ? '-' : ' ', "%s", keep[i]);
}

/* Write the answer of S to STARTTLS.  */
static void
starttls (const struct session *s)
{
  switch (s->flavor)
    {
    case EXIM:
      line (220, ' ', "TLS go ahead");
      break;
    case OUTLOOK:
      line (220, ' ', "2.0.0 SMTP server ready");
      break;
    default:
      line (220, ' ', "2.0.0 Ready to start TLS");
      break;
    }
}

/* Write the answers of S to an AUTH exchange.  */
static void
auth (const struct session *s)
{
  int ok = gen_chance (900);
  unsigned int how = gen_below (100);
  if (how < 45)
    {
      /* LOGIN: "Username:", "Password:".  */
      line (334, ' ', "VXNlcm5hbWU6");
      line (334, ' ', "UGFzc3dvcmQ6");
    }
  else if (how < 80)
    {
      /* PLAIN without an initial response: an empty challenge, mostly a
         bare code, as RFC 4954 allows (but not with --clean).  */
      if (gen_chance (700) && !clean)
        line (334, 0, NULL);
      else
        line (334, ' ', "%s", "");
    }
  else if (how < 92)
    {
      char challenge[96];
      int n = snprintf (challenge, sizeof challenge, "<%u.%u@%s>",
                        gen_below (100000),
                        gen_between (1000000000u, 2000000000u),
                        s->host);
      line (334, ' ', "%s", base64 (challenge, (size_t) n));
    }
  else
    {
      /* A refused XOAUTH2 token: the JSON error, then 535.  */
      static const char json[]
          = "{\"status\":\"400\",\"schemes\":\"Bearer\","
            "\"scope\":\"https://mail.google.com/\"}";
      line (334, ' ', "%s", base64 (json, sizeof json - 1));
      ok = 0;
    }
  if (ok)
    line (235, ' ', "2.7.0 Authentication successful");
  else if (s->flavor == GMAIL)
    {
      static const char *const text[]
          = { "Username and Password not accepted. For more information, "
              "go to" };
      gmail_lines (535, "5.7.8", text, GEN_N_ELEMS (text),
                   "https://support.google.com/mail/?p=BadCredentials");
    }
  else if (s->flavor == OUTLOOK)
    line (535, ' ', "5.7.139 Authentication unsuccessful, the user "
                    "credentials were incorrect. [%s %s]",
          gen_outlook_host (), gen_outlook_stamp ());
  else
    line (535, ' ', "5.7.8 Error: authentication failed: authentication "
                    "failure");
}

/* Write a rejection of a recipient for an unknown mailbox by S.  */
static void
user_unknown (const struct session *s, const char *rcpt)
{
  static const char *const gmail[]
      = { "The email account that you tried to reach does not exist. Please "
          "try",
          "double-checking the recipient's email address for typos or",
          "unnecessary spaces. For more information, go to" };
  if (s->utf8)
    {
      static const char *const texts[]
          = { "Empfängeradresse abgelehnt: Benutzer unbekannt",
              "адрес получателя не существует",
              "destinataire inconnu, vérifiez l'adresse",
              "宛先のメールアドレスが見つかりません" };
      line (550, ' ', "5.1.1 <%s>: %s", rcpt, GEN_PICK (texts));
      return;
    }
  switch (s->flavor)
    {
    case POSTFIX:
      line (550, ' ', "5.1.1 <%s>: Recipient address rejected: User unknown "
                      "in %s", rcpt,
            gen_chance (500) ? "virtual mailbox table"
                             : "local recipient table");
      break;
    case GMAIL:
      gmail_lines (550, "5.1.1", gmail, GEN_N_ELEMS (gmail),
                   "https://support.google.com/mail/?p=NoSuchUser");
      break;
    case OUTLOOK:
      line (550, ' ', "5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient %s "
                      "not found by SMTP address lookup", rcpt);
      break;
    case EXIM:
      line (550, ' ', "No Such User Here");
      break;
    default:
      line (550, ' ', "5.1.1 <%s>... User unknown", rcpt);
      break;
    }
}

/* Write a greylisting answer of S to RCPT TO:<RCPT>.  */
static void
greylisted (const struct session *s, const char *rcpt)
{
  static const char *const gmail[]
      = { "The user you are trying to contact is receiving mail at a rate "
          "that",
          "prevents additional messages from being delivered. Please resend "
          "your",
          "message at a later point. If the user is able to receive mail at "
          "that",
          "time, your message will be delivered. For more information, go "
          "to" };
  const char *domain = strchr (rcpt, '@') + 1;
  switch (s->flavor)
    {
    case GMAIL:
      gmail_lines (450, "4.2.1", gmail, GEN_N_ELEMS (gmail),
                   "https://support.google.com/mail/?p=ReceivingRate");
      break;
    case POSTFIX:
      if (gen_chance (500))
        line (450, ' ', "4.2.0 <%s>: Recipient address rejected: Greylisted, "
                        "see http://postgrey.schweikert.ch/help/%s.html",
              rcpt, domain);
      else
        line (451, ' ', "4.7.1 <%s>: Recipient address rejected: Greylisting "
                        "in action, please come back in 00:0%u:00",
              rcpt, gen_between (1, 9));
      break;
    case EXIM:
      line (451, ' ', "Temporary local problem - please try later");
      break;
    default:
      line (451, ' ', "4.7.1 Please try again later");
      break;
    }
}

/* Write a block-list rejection of the client by S, Microsoft's being
   about 300 bytes.  */
static void
blocked (const struct session *s)
{
  if (s->flavor == OUTLOOK || gen_chance (300))
    line (550, ' ', "5.7.1 Unfortunately, messages from [%s] weren't sent. "
                    "Please contact your Internet service provider since "
                    "part of their network is on our block list (S3150). "
                    "You can also refer your provider to "
                    "http://mail.live.com/mail/troubleshooting.aspx#errors. "
                    "[%s %s]",
          s->client_ip, gen_outlook_host (), gen_outlook_stamp ());
  else
    line (554, ' ', "5.7.1 Service unavailable; Client host [%s] blocked "
                    "using zen.spamhaus.org; https://www.spamhaus.org/query/"
                    "ip/%s",
          s->client_ip, s->client_ip);
}

/* Write a rejection over 512 bytes: a policy server's explanation of a
   failed authentication check, 550 to 650 bytes.  */
static void
long_rejection (const struct session *s, const char *from)
{
  const char *domain = strchr (from, '@') + 1;
  char ref[24];
  line (550, ' ', "5.7.1 [%s] The message was rejected because it failed "
                  "the DMARC, SPF and DKIM checks of the domain %s. SPF: %s "
                  "does not designate %s as a permitted sender (mechanism "
                  "'-all' matched). DKIM: the signature d=%s s=selector%u "
                  "did not verify (body hash mismatch). DMARC: the policy "
                  "p=reject of %s was applied. Please ask the administrator "
                  "of %s to publish correct SPF and DKIM records and to sign "
                  "all outgoing mail; see "
                  "https://postmaster.example.net/policies/authentication."
                  "html#reject for the details. Reference: %s %s",
        s->client_ip, domain, domain, s->client_ip, domain, gen_between (1, 2),
        domain, domain, gen_chars (ref, 20, gen_base62), gen_outlook_stamp ());
}

/* Write a refusal of S to take more recipients.  */
static void
too_many (const struct session *s)
{
  static const char *const gmail[]
      = { "Your message has too many recipients. For more information "
          "regarding",
          "Google's sending limits, please visit" };
  if (s->flavor == GMAIL)
    gmail_lines (452, "4.5.3", gmail, GEN_N_ELEMS (gmail),
                 "https://support.google.com/mail/?p=TooManyRecipientsError");
  else if (s->flavor == EXIM)
    line (452, ' ', "too many recipients");
  else
    line (452, ' ', "4.5.3 Error: too many recipients");
}

/* Write an acceptance of MAIL FROM by S.  */
static void
sender_ok (const struct session *s, const char *from)
{
  switch (s->flavor)
    {
    case POSTFIX:
      line (250, ' ', "2.1.0 Ok");
      break;
    case GMAIL:
      line (250, ' ', "2.1.0 OK %s - gsmtp", gen_gmail_id ());
      break;
    case OUTLOOK:
      line (250, ' ', "2.1.0 Sender OK");
      break;
    case EXIM:
      line (250, ' ', "OK");
      break;
    default:
      line (250, ' ', "2.1.0 <%s>... Sender ok", from);
      break;
    }
}

/* Write an acceptance of RCPT TO:<RCPT> by S.  */
static void
recipient_ok (const struct session *s, const char *rcpt)
{
  switch (s->flavor)
    {
    case POSTFIX:
      line (250, ' ', "2.1.5 Ok");
      break;
    case GMAIL:
      line (250, ' ', "2.1.5 OK %s - gsmtp", gen_gmail_id ());
      break;
    case OUTLOOK:
      line (250, ' ', "2.1.5 Recipient OK");
      break;
    case EXIM:
      line (250, ' ', "Accepted");
      break;
    default:
      line (250, ' ', "2.1.5 <%s>... Recipient ok", rcpt);
      break;
    }
}

/* Write the answer of S to DATA.  */
static void
data (const struct session *s)
{
  switch (s->flavor)
    {
    case POSTFIX:
      line (354, ' ', "End data with <CR><LF>.<CR><LF>");
      break;
    case GMAIL:
      line (354, ' ', " Go ahead %s - gsmtp", gen_gmail_id ());
      break;
    case EXIM:
      line (354, ' ', "Enter message, ending with \".\" on a line by itself");
      break;
    default:
      line (354, ' ', "Start mail input; end with <CRLF>.<CRLF>");
      break;
    }
}

/* Write the answer of S at the end of the message data.  */
static void
data_end (const struct session *s, const char *from)
{
  static const char *const gmail_spam[]
      = { "[%s] Our system has detected that this message is",
          "likely unsolicited mail. To reduce the amount of spam sent to "
          "Gmail,",
          "this message has been blocked. For more information, go to" };
  unsigned int r = gen_below (1000);
  if (r < 30)
    {
      if (s->flavor == GMAIL)
        {
          char first[96];
          snprintf (first, sizeof first,
                    "[%s] Our system has detected that this message is",
                    s->client_ip);
          const char *const text[] = { first, gmail_spam[1], gmail_spam[2] };
          gmail_lines (550, "5.7.1", text, GEN_N_ELEMS (text),
                       "https://support.google.com/mail/"
                       "?p=UnsolicitedMessageError");
        }
      else if (gen_chance (100))
        long_rejection (s, from);
      else if (s->utf8)
        line (554, ' ', "5.7.1 Сообщение отклонено: подозрение на спам");
      else
        line (554, ' ', "5.7.1 Message rejected as spam by Content Filtering");
      return;
    }
  if (r < 40)
    {
      line (552, ' ', "5.3.4 Message size exceeds fixed maximum message size");
      return;
    }
  if (r < 50)
    {
      line (451, ' ', "4.3.0 Error: queue file write error");
      return;
    }
  switch (s->flavor)
    {
    case POSTFIX:
      line (250, ' ', "2.0.0 Ok: queued as %s", gen_postfix_id ());
      break;
    case GMAIL:
      line (250, ' ', "2.0.0 OK  %u %s - gsmtp",
            gen_between (1735689600u, 1767225599u), gen_gmail_id ());
      break;
    case OUTLOOK:
      {
        char id[40];
        line (250, ' ', "2.6.0 <%s@%s> [InternalId=%u%05u, Hostname=%s] "
                        "%u bytes in %u.%03u, %u.%03u KB/sec Queued mail for "
                        "delivery",
              gen_chars (id, 32, gen_hex), s->host, gen_between (1, 99999),
              gen_below (100000), gen_outlook_host (),
              gen_between (2000, 900000), gen_below (3), gen_below (1000),
              gen_between (10, 9000), gen_below (1000));
      }
      break;
    case EXIM:
      line (250, ' ', "OK id=%s", gen_exim_id ());
      break;
    default:
      line (250, ' ', "2.0.0 %s Message accepted for delivery",
            gen_sendmail_id ());
      break;
    }
}

/* Write the answer of S to RSET.  */
static void
rset (const struct session *s)
{
  switch (s->flavor)
    {
    case OUTLOOK:
      line (250, ' ', "2.0.0 Resetting");
      break;
    case EXIM:
      line (250, ' ', "Reset OK");
      break;
    case SENDMAIL:
      line (250, ' ', "2.0.0 Reset state");
      break;
    default:
      line (250, ' ', "2.0.0 Ok");
      break;
    }
}

/* Write the answer of S to QUIT.  */
static void
quit (const struct session *s)
{
  switch (s->flavor)
    {
    case GMAIL:
      line (221, ' ', "2.0.0 closing connection %s - gsmtp", gen_gmail_id ());
      break;
    case OUTLOOK:
      line (221, ' ', "2.0.0 Service closing transmission channel");
      break;
    case EXIM:
      line (221, ' ', "%s closing connection", s->host);
      break;
    case SENDMAIL:
      line (221, ' ', "2.0.0 %s closing connection", s->host);
      break;
    default:
      line (221, ' ', "2.0.0 Bye");
      break;
    }
}

/* Write the answers of S to one mail transaction.  Return 0, or -1 if the
   server closed the connection.  */
static int
transaction (const struct session *s)
{
  const char *from = gen_address ();
  if (gen_chance (10))
    {
      line (421, ' ', "4.7.0 %s Error: too many errors, closing "
                      "connection", s->host);
      return -1;
    }
  if (gen_chance (10))
    {
      line (553, ' ', "5.7.1 <%s>: Sender address rejected: not owned by "
                      "user %s", from, gen_address ());
      rset (s);
      return 0;
    }
  sender_ok (s, from);

  unsigned int n = gen_chance (700) ? 1 : gen_between (2, 6);
  unsigned int accepted = 0;
  for (unsigned int i = 0; i < n; i++)
    {
      const char *rcpt = gen_address ();
      unsigned int r = gen_below (1000);
      if (r < 50)
        user_unknown (s, rcpt);
      else if (r < 90)
        greylisted (s, rcpt);
      else if (r < 115)
        blocked (s);
      else if (r < 130)
        too_many (s);
      else if (r < 131)
        long_rejection (s, from);
      else
        {
          recipient_ok (s, rcpt);
          accepted++;
        }
    }
  if (accepted == 0)
    {
      rset (s);
      return 0;
    }
  data (s);
  data_end (s, from);
  return 0;
}

/* Write one session.  */
static void
session (void)
{
  static const char *const prefixes[]
      = { "mx", "mx1", "mx2", "mail", "smtp", "mta", "in", "relay" };
  struct session s;
  s.flavor = pick_flavor ();
  s.utf8 = gen_chance (20);
  eol = gen_chance (30) ? "\n" : "\r\n";
  switch (s.flavor)
    {
    case GMAIL:
      snprintf (s.host, sizeof s.host, "mx.google.com");
      break;
    case OUTLOOK:
      snprintf (s.host, sizeof s.host, "%s", gen_outlook_host ());
      break;
    default:
      snprintf (s.host, sizeof s.host, "%s.%s", GEN_PICK (prefixes),
                gen_domain ());
      break;
    }
  snprintf (s.client, sizeof s.client, "out%u.%s", gen_below (100),
            gen_domain ());
  snprintf (s.client_ip, sizeof s.client_ip, "%s", gen_ipv4 ());

  if (gen_chance (10))
    {
      /* Too busy to talk.  */
      line (421, ' ', "4.7.0 %s Error: too many connections from %s", s.host,
            s.client_ip);
      return;
    }
  banner (&s);
  int tls = gen_chance (600);
  ehlo (&s, tls);
  if (tls)
    {
      starttls (&s);
      ehlo (&s, 0);
    }
  if (gen_chance (250))
    auth (&s);
  unsigned int n = gen_chance (600) ? 1 : gen_between (2, 4);
  for (unsigned int i = 0; i < n; i++)
    if (transaction (&s) < 0)
      return;
  if (gen_chance (10))
    {
      line (421, ' ', "4.4.2 %s Error: timeout exceeded", s.host);
      return;
    }
  quit (&s);
}

/* Print how to use the program to STREAM.  */
static void
usage (FILE *stream)
{
  fputs ("Usage: gen-corpus [-s SEED] [--clean] SIZE [FILE]\n"
         "Write at least SIZE bytes (suffix K, M or G for KiB, MiB, GiB) of "
         "SMTP replies,\n"
         "whole sessions as servers send them, to FILE or standard output.\n"
         "The same SIZE and SEED (default 1) always give the same bytes.\n"
         "--clean writes \"334 \" where a bare \"334\" would be.\n",
         stream);
}

int
main (int argc, char **argv)
{
  uint64_t seed = 1;
  int i = 1;
  if (i < argc && strcmp (argv[i], "--help") == 0)
    {
      usage (stdout);
      return 0;
    }
  while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0')
    {
      if (strcmp (argv[i], "--clean") == 0)
        {
          clean = 1;
          i++;
        }
      else if (i + 1 < argc && strcmp (argv[i], "-s") == 0
               && gen_parse_seed (argv[i + 1], &seed) == 0)
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
  uint64_t size = gen_parse_size (argv[i]);
  if (size == 0)
    {
      fprintf (stderr, "gen-corpus: not a size: %s\n", argv[i]);
      usage (stderr);
      return 2;
    }
  if (argc - i == 2)
    {
      out_name = argv[i + 1];
      out = fopen (out_name, "wb");
      if (out == NULL)
        {
          fprintf (stderr, "gen-corpus: %s: %s\n", out_name,
                   strerror (errno));
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

  gen_seed (seed);
  while (written < size)
    session ();
  if (fflush (out) != 0 || ferror (out) || (out != stdout && fclose (out)))
    {
      fprintf (stderr, "gen-corpus: %s: %s\n", out_name, strerror (errno));
      return 1;
    }
  return 0;
}
