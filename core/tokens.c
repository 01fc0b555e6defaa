/* tokens.c -- the stable names of enumerated values, and back.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Each token is written here once; its value is the enumeration constant
   of smtpreply.h or the row of a .def file.  The command and the bindings
   read these tables instead of keeping copies of their own.  */

#include <config.h>

#include <limits.h>
#include <stddef.h>

#include "smtpreply.h"
#include "internal.h"

struct token
{
  int value;
  const char *name;
  const char *title; /* for people (a msgid), or NULL */
};

static const struct token errors[] = {
#define SMTPREPLY_ERROR(sym, num, text) { num, "E" #sym, text },
#include "smtpreply/errors.def"
#undef SMTPREPLY_ERROR
};

static const struct token flags[] = {
#define SMTPREPLY_ERROR(sym, num, text)
#define SMTPREPLY_DIAG(sym, num, text)                                       \
  { (int) SMTPREPLY_FLAG_##sym, #sym, text },
#include "smtpreply/errors.def"
#undef SMTPREPLY_DIAG
#undef SMTPREPLY_ERROR
};

static const struct token stages[] = {
  /* TRANSLATORS: the command a reply answered: not known.  */
  { SMTPREPLY_STAGE_ANY, "any", N_("Any command") },
  /* TRANSLATORS: the command a reply answered: none, the server's greeting.  */
  { SMTPREPLY_STAGE_GREETING, "greeting", N_("Greeting") },
  { SMTPREPLY_STAGE_EHLO, "ehlo", NULL },
  { SMTPREPLY_STAGE_MAIL, "mail", NULL },
  { SMTPREPLY_STAGE_RCPT, "rcpt", NULL },
  { SMTPREPLY_STAGE_DATA, "data", NULL },
  /* TRANSLATORS: the command a reply answered: the end of the message data.  */
  { SMTPREPLY_STAGE_DATA_END, "data_end", N_("End of data") },
  { SMTPREPLY_STAGE_BDAT, "bdat", NULL },
  { SMTPREPLY_STAGE_AUTH, "auth", NULL },
  { SMTPREPLY_STAGE_STARTTLS, "starttls", NULL },
  { SMTPREPLY_STAGE_QUIT, "quit", NULL },
};

static const struct token actions[] = {
  /* TRANSLATORS: an action advised on a reply: it worked, go on.  */
  { SMTPREPLY_ACTION_PROCEED, "proceed", N_("Proceed") },
  /* TRANSLATORS: an action advised on a reply: send the next part, or wait.  */
  { SMTPREPLY_ACTION_CONTINUE, "continue", N_("Continue") },
  /* TRANSLATORS: an action advised on a reply: keep the message and try later.  */
  { SMTPREPLY_ACTION_RETRY, "retry", N_("Retry") },
  /* TRANSLATORS: an action advised on a reply: do not retry; return the message.  */
  { SMTPREPLY_ACTION_GIVE_UP, "give_up", N_("Give up") },
};

static const struct token statuses[] = {
  /* TRANSLATORS: the status of a code: defined and in use.  */
  { SMTPREPLY_STATUS_STANDARD, "standard", N_("Standard") },
  /* TRANSLATORS: the status of a code: defined once, not to be used now.  */
  { SMTPREPLY_STATUS_DEPRECATED, "deprecated", N_("Deprecated") },
  /* TRANSLATORS: the status of a code: defined by an Experimental RFC.  */
  { SMTPREPLY_STATUS_EXPERIMENTAL, "experimental", N_("Experimental") },
  /* TRANSLATORS: the status of a code: only the IANA registry names it.  */
  { SMTPREPLY_STATUS_REGISTRY_ONLY, "registry_only", N_("Registry only") },
};

static const struct token limits[] = {
  { SMTPREPLY_LIMIT_LINE_LENGTH, "max_line_length", NULL },
  { SMTPREPLY_LIMIT_LINES, "max_lines", NULL },
  { SMTPREPLY_LIMIT_REPLY_BYTES, "max_reply_bytes", NULL },
};

/* Reasons are numbered in the order of reasons.def.  */
enum
{
#define SMTPREPLY_REASON(name, soft, remedy, title, text) TOKEN_REASON_##name,
#include "reasons.def"
#undef SMTPREPLY_REASON
};

static const struct token reasons[] = {
#define SMTPREPLY_REASON(name, soft, remedy, title, text)                    \
  { TOKEN_REASON_##name, #name, title },
#include "reasons.def"
#undef SMTPREPLY_REASON
};

static const struct token remedies[] = {
  /* TRANSLATORS: what to do about a failure: nothing in particular.  */
  { SMTPREPLY_REMEDY_NONE, "none", N_("Nothing in particular") },
  /* TRANSLATORS: what to do about a failure.  */
  { SMTPREPLY_REMEDY_RETRY_LATER, "retry_later", N_("Retry later") },
  /* TRANSLATORS: what to do about a failure: send less at a time.  */
  { SMTPREPLY_REMEDY_RETRY_SLOWER, "retry_slower", N_("Retry more slowly") },
  /* TRANSLATORS: what to do about a failure: get the IP address off a blocklist.  */
  { SMTPREPLY_REMEDY_DELIST, "delist", N_("Get delisted") },
  /* TRANSLATORS: what to do about a failure.  */
  { SMTPREPLY_REMEDY_FIX_MESSAGE, "fix_message", N_("Fix the message") },
  /* TRANSLATORS: what to do about a failure: fix the sending side's setup.  */
  { SMTPREPLY_REMEDY_FIX_CONFIG, "fix_config", N_("Fix the setup") },
  /* TRANSLATORS: what to do about a failure: stop sending to the address.  */
  { SMTPREPLY_REMEDY_SUPPRESS, "suppress", N_("Stop sending") },
};

static const struct token severities[] = {
  /* TRANSLATORS: a delivery that did not fail.  */
  { SMTPREPLY_SEVERITY_NONE, "none", N_("Not a failure") },
  /* TRANSLATORS: a failure after which the address stays good.  */
  { SMTPREPLY_SEVERITY_SOFT, "soft", N_("Soft failure") },
  /* TRANSLATORS: a failure that shows the address does not work.  */
  { SMTPREPLY_SEVERITY_HARD, "hard", N_("Hard failure") },
  /* TRANSLATORS: a failure that is soft for 4yz replies, hard for 5yz.  */
  { SMTPREPLY_SEVERITY_BY_CLASS, "by_class", N_("Soft or hard by class") },
};

static const struct token outcomes[] = {
  /* TRANSLATORS: what happened to mail, in a log summary: no reply.  */
  { SMTPREPLY_OUTCOME_NONE, "none", N_("No reply") },
  /* TRANSLATORS: what happened to mail, in a log summary.  */
  { SMTPREPLY_OUTCOME_DELIVERED, "delivered", N_("Delivered") },
  /* TRANSLATORS: what happened to mail, in a log summary: it will be tried again.  */
  { SMTPREPLY_OUTCOME_DEFERRED, "deferred", N_("Deferred") },
  /* TRANSLATORS: what happened to mail, in a log summary: it failed for good and went back to its sender.  */
  { SMTPREPLY_OUTCOME_BOUNCED, "bounced", N_("Bounced") },
  /* TRANSLATORS: what happened to mail, in a log summary: this server refused mail coming in.  */
  { SMTPREPLY_OUTCOME_REJECTED, "rejected", N_("Rejected") },
  /* TRANSLATORS: what happened to mail, in a log summary: other replies.  */
  { SMTPREPLY_OUTCOME_OTHER, "other", N_("Other replies") },
};

static const struct token dsn_actions[] = {
  { SMTPREPLY_DSN_ACTION_NONE, "none", NULL },
  /* TRANSLATORS: what happened to a recipient of a bounce (RFC 3464 Action: failed).  */
  { SMTPREPLY_DSN_ACTION_FAILED, "failed", N_("Failed") },
  /* TRANSLATORS: what happened to a recipient of a bounce (Action: delayed): still being retried.  */
  { SMTPREPLY_DSN_ACTION_DELAYED, "delayed", N_("Delayed") },
  /* TRANSLATORS: what happened to a recipient of a bounce (Action: delivered).  */
  { SMTPREPLY_DSN_ACTION_DELIVERED, "delivered", N_("Delivered") },
  /* TRANSLATORS: what happened to a recipient (Action: relayed): passed on to a system that sends no reports.  */
  { SMTPREPLY_DSN_ACTION_RELAYED, "relayed", N_("Relayed") },
  /* TRANSLATORS: what happened to a recipient (Action: expanded): delivered to a list's members.  */
  { SMTPREPLY_DSN_ACTION_EXPANDED, "expanded", N_("Expanded") },
};

static const struct token mtas[] = {
  { SMTPREPLY_MTA_UNKNOWN, "unknown", NULL },
  { SMTPREPLY_MTA_POSTFIX, "postfix", NULL },
  { SMTPREPLY_MTA_EXIM, "exim", NULL },
  { SMTPREPLY_MTA_SENDMAIL, "sendmail", NULL },
};

static const struct token log_fields[] = {
  { SMTPREPLY_LOG_QUEUE_ID, "queue_id", NULL },
  { SMTPREPLY_LOG_RECIPIENT, "recipient", NULL },
  { SMTPREPLY_LOG_DOMAIN, "domain", NULL },
  { SMTPREPLY_LOG_RELAY, "relay", NULL },
  { SMTPREPLY_LOG_STATUS, "status", NULL },
};

/* The tables, indexed by enum smtpreply_token_kind.  */
static const struct
{
  const struct token *tokens;
  size_t count;
} kinds[] = {
  [SMTPREPLY_TOKEN_ERROR] = { errors, SMTPREPLY__N_ELEMS (errors) },
  [SMTPREPLY_TOKEN_FLAG] = { flags, SMTPREPLY__N_ELEMS (flags) },
  [SMTPREPLY_TOKEN_STAGE] = { stages, SMTPREPLY__N_ELEMS (stages) },
  [SMTPREPLY_TOKEN_ACTION] = { actions, SMTPREPLY__N_ELEMS (actions) },
  [SMTPREPLY_TOKEN_STATUS] = { statuses, SMTPREPLY__N_ELEMS (statuses) },
  [SMTPREPLY_TOKEN_LIMIT] = { limits, SMTPREPLY__N_ELEMS (limits) },
  [SMTPREPLY_TOKEN_REASON] = { reasons, SMTPREPLY__N_ELEMS (reasons) },
  [SMTPREPLY_TOKEN_REMEDY] = { remedies, SMTPREPLY__N_ELEMS (remedies) },
  [SMTPREPLY_TOKEN_SEVERITY] = { severities, SMTPREPLY__N_ELEMS (severities) },
  [SMTPREPLY_TOKEN_OUTCOME] = { outcomes, SMTPREPLY__N_ELEMS (outcomes) },
  [SMTPREPLY_TOKEN_MTA] = { mtas, SMTPREPLY__N_ELEMS (mtas) },
  [SMTPREPLY_TOKEN_LOG_FIELD]
  = { log_fields, SMTPREPLY__N_ELEMS (log_fields) },
  [SMTPREPLY_TOKEN_DSN_ACTION] = { dsn_actions,
                                   SMTPREPLY__N_ELEMS (dsn_actions) },
};

size_t
smtpreply_token_count (int kind)
{
  if (kind <= 0 || (size_t) kind >= SMTPREPLY__N_ELEMS (kinds))
    return 0;
  return kinds[kind].count;
}

const char *
smtpreply_token_at (int kind, size_t i, int *value)
{
  if (i >= smtpreply_token_count (kind))
    return NULL;
  if (value != NULL)
    *value = kinds[kind].tokens[i].value;
  return kinds[kind].tokens[i].name;
}

const char *
smtpreply_token_name (int kind, int value)
{
  size_t n = smtpreply_token_count (kind);
  /* Most tables list their values in order from 0: look there first.  */
  if (value >= 0 && (size_t) value < n
      && kinds[kind].tokens[value].value == value)
    return kinds[kind].tokens[value].name;
  for (size_t i = 0; i < n; i++)
    if (kinds[kind].tokens[i].value == value)
      return kinds[kind].tokens[i].name;
  return NULL;
}

const char *
smtpreply_token_describe (int kind, int value, const char *lang)
{
  size_t n = smtpreply_token_count (kind);
  for (size_t i = 0; i < n; i++)
    if (kinds[kind].tokens[i].value == value)
      {
        const char *title = kinds[kind].tokens[i].title;
        return title != NULL ? smtpreply__translate_static (title, lang)
                             : NULL;
      }
  return NULL;
}

/* Return nonzero if A and B are the same ignoring ASCII case.  */
static int
same_token (const char *a, const char *b)
{
  for (;; a++, b++)
    {
      char x = *a >= 'A' && *a <= 'Z' ? (char) (*a - 'A' + 'a') : *a;
      char y = *b >= 'A' && *b <= 'Z' ? (char) (*b - 'A' + 'a') : *b;
      if (x != y)
        return 0;
      if (x == '\0')
        return 1;
    }
}

smtpreply_status
smtpreply_token_value (int kind, const char *name, int *value)
{
  if (name == NULL || value == NULL)
    return SMTPREPLY_EINVAL;
  size_t n = smtpreply_token_count (kind);
  for (size_t i = 0; i < n; i++)
    if (same_token (kinds[kind].tokens[i].name, name))
      {
        *value = kinds[kind].tokens[i].value;
        return 0;
      }
  return SMTPREPLY_EINVAL;
}

const char *
smtpreply_action_name (int action)
{
  return smtpreply_token_name (SMTPREPLY_TOKEN_ACTION, action);
}

const char *
smtpreply_stage_name (int stage)
{
  return smtpreply_token_name (SMTPREPLY_TOKEN_STAGE, stage);
}

const char *
smtpreply_code_status_name (int status)
{
  return smtpreply_token_name (SMTPREPLY_TOKEN_STATUS, status);
}

const char *
smtpreply_flag_name (unsigned int flag)
{
  if (flag > INT_MAX)
    return NULL;
  return smtpreply_token_name (SMTPREPLY_TOKEN_FLAG, (int) flag);
}
