/* smtpreply/bounce.h -- what a bounce message says, recipient by recipient.
   Copyright (C) 2026 The smtpreply authors.

   This file is part of smtpreply.

   smtpreply is free software: you can redistribute it and/or modify it
   under the terms of the GNU Lesser General Public License as published by
   the Free Software Foundation, either version 2.1 of the License, or (at
   your option) any later version.

   smtpreply is distributed in the hope that it will be useful, but WITHOUT
   ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or
   FITNESS FOR A PARTICULAR PURPOSE.  See the GNU Lesser General Public
   License for more details.

   You should have received a copy of the GNU Lesser General Public License
   along with smtpreply.  If not, see <https://www.gnu.org/licenses/>.  */

#ifndef SMTPREPLY_BOUNCE_H
#define SMTPREPLY_BOUNCE_H 1

#include <stddef.h>

#include "smtpreply.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
   Bounce messages: libsmtpreply-bounce (pkg-config smtpreply-bounce).

   smtpreply_bounce_read takes the bytes of one whole message, as it was
   delivered, and tells what kind of message it is and what happened to
   each recipient it reports on:

     struct smtpreply_bounce *b;
     if (smtpreply_bounce_read (buf, len, &b) == 0)
       {
         for (size_t i = 0; i < smtpreply_bounce_recipient_count (b); i++)
           {
             const struct smtpreply_bounce_recipient *r
                 = smtpreply_bounce_recipient_at (b, i);
             printf ("%s: %s, %s\n", r->address,
                     smtpreply_dsn_action_name (r->action),
                     r->verdict->reason->name);
           }
         smtpreply_bounce_free (b);
       }

   The message is read with GMime 3 (MIME structure, transfer encodings,
   charsets, RFC 2047 words), then:

   - a delivery-status part (message/delivery-status, or
     message/global-delivery-status of RFC 6533) outside the returned
     message makes a DSN: its fields are read with smtpreply_dsn_parse,
     one record per recipient group;
   - a feedback report (message/feedback-report, RFC 5965) makes an ARF
     report: one record per Original-Rcpt-To field;
   - otherwise the notification text (text/plain, else text/html without
     its tags, converted to UTF-8) is read with the rules of formats.def,
     one per kind of mail software, for a bounce without a report: the
     addresses that start a line are the recipients, and the lines up to
     the next one say what happened;
   - anything else is not a bounce: an ordinary message, an auto-reply, a
     read receipt (MDN), a forwarded bounce (a report inside an attached
     message/rfc822 is not a report about this message).

   The returned original (message/rfc822, message/global,
   text/rfc822-headers, or the copy after a notification's separator
   line) is never searched for replies; only its Message-ID, From, To,
   Subject and Date are read.  Each recipient gets a verdict from
   smtpreply_classify: a reason, soft or hard, the rule that decided, and
   advice.

   A read bounce is never modified: any number of threads may read it at
   once, and different messages may be read in different threads (GMime
   is set up once, on first use, and objects are never shared).  */

/** The largest message smtpreply_bounce_read reads: 64 MiB.  */
#define SMTPREPLY_BOUNCE_MAX_INPUT (64 * 1024 * 1024)
/** The most MIME parts walked; the parts after them are not looked at.  */
#define SMTPREPLY_BOUNCE_MAX_PARTS 10000
/** The most bytes of a notification's text read for recipients: 1 MiB.
    Real notifications are a few kilobytes; the rest is not read.  */
#define SMTPREPLY_BOUNCE_MAX_TEXT (1024 * 1024)
/** The most recipients of one message: those of a DSN
    (SMTPREPLY_DSN_MAX_RECIPIENTS), or of an ARF report or a notification
    text.  */
#define SMTPREPLY_BOUNCE_MAX_RECIPIENTS SMTPREPLY_DSN_MAX_RECIPIENTS

/** What a message is.  */
enum smtpreply_bounce_kind
{
  SMTPREPLY_BOUNCE_NOT_BOUNCE = 0, /* no report, and no known notice */
  SMTPREPLY_BOUNCE_DSN,            /* a delivery status notification
                                      (RFC 3464, RFC 6533) */
  SMTPREPLY_BOUNCE_ARF,            /* a feedback report (RFC 5965) */
  SMTPREPLY_BOUNCE_BOUNCE          /* a bounce without a report part,
                                      read from its text */
};

/** A message read (opaque).  */
struct smtpreply_bounce;

/** What the message says about one recipient.  It belongs to the bounce
    and lives as long as it.  Fields may be added at the end in later
    versions: never allocate or copy one.  Every string is UTF-8 and
    NUL-terminated.  */
struct smtpreply_bounce_recipient
{
  const char *address;      /* the recipient: a DSN's Final-Recipient (else
                               Original-Recipient), an ARF report's
                               Original-Rcpt-To, or the address the text
                               names; RFC 6533 "\x{HEX}" decoded, the domain
                               in lower case; "" if unknown */
  int action;               /* an enum smtpreply_dsn_action: a DSN's Action;
                               for a text, FAILED, or DELAYED for a delay
                               warning; NONE for an ARF report */
  int has_status;           /* STATUS is set */
  struct smtpreply_enhanced_code status; /* a DSN's Status; for a text,
                               qmail's "(#5.1.1)", Exchange's "#5.1.1", else
                               the reply's enhanced code */
  int code;                 /* the SMTP reply's code, or 0 when the message
                               holds no reply for the recipient (never from
                               an x-unix diagnostic, an exit status or the
                               returned original) */
  int has_enhanced;         /* ENHANCED is set */
  struct smtpreply_enhanced_code enhanced; /* the enhanced code that begins
                               the reply's text */
  size_t line_count;        /* the reply's lines (0 without a reply) */
  const char *const *lines; /* each line's text after the code and its
                               separator */
  const char *remote_mta;   /* the host the message was handed to, which
                               sent the reply: lower case, without a
                               trailing dot; NULL if unknown or not a DNS
                               name */
  const char *diagnostic_type; /* a DSN's diagnostic type, lower case
                               ("smtp", "x-unix"), or NULL */
  const char *diagnostic;   /* a DSN's Diagnostic-Code value, or the text
                               block of a bounce, or NULL */
  const char *source;       /* where it was found: "dsn", "arf", or
                               "text:LINE", LINE the line (from 1) of the
                               decoded notification text where its block
                               starts */
  const struct smtpreply_verdict *verdict; /* reason, soft, rule, advice
                               (smtpreply_classify); never NULL */
  const char *feedback_type; /* an ARF report's Feedback-Type, lower case,
                               or NULL */
};

/** Read the LEN bytes at BUF, one whole message (CRLF or LF line
    endings; not NUL-terminated; not used after the call), and store the
    result in *OUT (free it with smtpreply_bounce_free).  A message that is
    not a bounce is read too, as SMTPREPLY_BOUNCE_NOT_BOUNCE with no
    recipient: that is not an error, and neither are empty input or
    binary junk.  @return 0; SMTPREPLY_EBOUNCE_TOO_BIG if LEN is more than
    SMTPREPLY_BOUNCE_MAX_INPUT; SMTPREPLY_EBOUNCE_MIME if the message says
    it is a report but its MIME structure cannot be split (a multipart
    without a boundary); SMTPREPLY_EBOUNCE_REPORT if it is a report whose
    report part cannot be read (cut short, undecodable, no recipient) and
    whose text names no recipient either; SMTPREPLY_ENOMEM; or
    SMTPREPLY_EINVAL if OUT is NULL, or BUF is NULL with LEN > 0.  *OUT is
    NULL on failure.  */
smtpreply_status smtpreply_bounce_read (const char *buf, size_t len,
                                        struct smtpreply_bounce **out);

/** Free B and everything it returned.  B may be NULL.  */
void smtpreply_bounce_free (struct smtpreply_bounce *b);

/** Return the kind of B, an enum smtpreply_bounce_kind, or
    SMTPREPLY_EINVAL if B is NULL.  */
int smtpreply_bounce_kind (const struct smtpreply_bounce *b);

/** Return "not_bounce", "dsn", "arf" or "bounce" for an enum
    smtpreply_bounce_kind, or NULL.  The string is static.  */
const char *smtpreply_bounce_kind_name (int kind);

/** Return the id of what read B: "dsn", "arf", or the id of the rule of
    formats.def that read its text ("qmail", "exim", "generic"...); NULL
    for a message that is not a bounce, or if B is NULL.  Static.  */
const char *smtpreply_bounce_format (const struct smtpreply_bounce *b);

/** Return the number of recipients of B (0 if B is NULL).  */
size_t smtpreply_bounce_recipient_count (const struct smtpreply_bounce *b);

/** Return recipient I (from 0, in the order of the message) of B, or NULL
    if B is NULL or I is out of range.  */
const struct smtpreply_bounce_recipient *
smtpreply_bounce_recipient_at (const struct smtpreply_bounce *b, size_t i);

/** Return the header HEADER of the original message that B returned:
    "message_id", "from", "to", "subject" or "date", unfolded, with its
    RFC 2047 words decoded, in UTF-8, otherwise as written.  NULL if B
    returned no original, the original lacks that header, HEADER is none
    of these, or an argument is NULL.  */
const char *smtpreply_bounce_original (const struct smtpreply_bounce *b,
                                       const char *header);

/** Return the first field named NAME (in any case) of the report of B, an
    ARF report: "Feedback-Type", "User-Agent", "Version",
    "Original-Mail-From", "Original-Rcpt-To", "Arrival-Date", "Source-IP",
    "Reported-Domain", "Reported-Uri", "Authentication-Results" or any
    other, unfolded.  NULL if there is none, B is no ARF report, or an
    argument is NULL.  */
const char *smtpreply_bounce_report_field (const struct smtpreply_bounce *b,
                                           const char *name);

/** Write into BUF (SIZE bytes, NUL-terminated) the JSON object that
    "smtpreply bounce --json" prints for recipient I of B, and store its
    length in *LEN (if not NULL).  For a message that is not a bounce, I is
    0 and the object has no recipient.  FILE (NULL: no "file" member) is
    the name of the file it came from, INDEX its place (from 1) in a
    mailbox (0: no "message" member), LANG the language of the texts.  The
    members, each when it applies: "file", "message", "kind", "recipient",
    "action", "status", the members of smtpreply_verdict_json ("code",
    "enhanced", "reason", "soft", "rule", "advice", their descriptions and
    the explanation), "lines", "remote_mta", "diagnostic_type", "source",
    "feedback_type", "original" (an object of the returned message's
    "message_id", "from", "to", "subject" and "date", as
    smtpreply_bounce_original gives them), "format", "lang".  @return 0; SMTPREPLY_ENOSPC (*LEN
    is the length needed, without the NUL); SMTPREPLY_ENOMEM; or
    SMTPREPLY_EINVAL (B NULL, I out of range, BUF NULL with SIZE > 0).  */
smtpreply_status smtpreply_bounce_json (const struct smtpreply_bounce *b,
                                        size_t i, const char *file,
                                        size_t index, const char *lang,
                                        char *buf, size_t size, size_t *len);

/** A rule that reads the text of a bounce without a report
    (formats.def).  Entries are static; fields may be added at the end.  */
struct smtpreply_bounce_format
{
  const char *id;      /* "qmail": stable */
  const char *name;    /* "qmail", "Microsoft Exchange": for people */
  const char *detect;  /* the phrases that identify it, separated by "|";
                          "subject:" and "from:" ones are looked for in
                          those headers, the others in the text */
  const char *end;     /* the phrases that start the returned original,
                          separated by "|", or "" */
  const char *require; /* "reply" if a recipient must show a reply, or "" */
  const char *source;  /* where the wording comes from */
};

/** Return the number of rules of formats.def.  */
size_t smtpreply_bounce_format_count (void);

/** Return rule I (0 <= I < smtpreply_bounce_format_count ()), in the
    order they are tried, or NULL.  */
const struct smtpreply_bounce_format *smtpreply_bounce_format_at (size_t i);

#ifdef __cplusplus
}
#endif

#endif /* SMTPREPLY_BOUNCE_H */
