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
};

static const struct token errors[] = {
#define SMTPREPLY_ERROR(sym, num, text) { num, "E" #sym },
#include "smtpreply-errors.def"
#undef SMTPREPLY_ERROR
};

static const struct token flags[] = {
#define SMTPREPLY_ERROR(sym, num, text)
#define SMTPREPLY_DIAG(sym, num, text) { (int) SMTPREPLY_FLAG_##sym, #sym },
#include "smtpreply-errors.def"
#undef SMTPREPLY_DIAG
#undef SMTPREPLY_ERROR
};

static const struct token stages[] = {
  { SMTPREPLY_STAGE_ANY, "any" },
  { SMTPREPLY_STAGE_GREETING, "greeting" },
  { SMTPREPLY_STAGE_EHLO, "ehlo" },
  { SMTPREPLY_STAGE_MAIL, "mail" },
  { SMTPREPLY_STAGE_RCPT, "rcpt" },
  { SMTPREPLY_STAGE_DATA, "data" },
  { SMTPREPLY_STAGE_DATA_END, "data_end" },
  { SMTPREPLY_STAGE_BDAT, "bdat" },
  { SMTPREPLY_STAGE_AUTH, "auth" },
  { SMTPREPLY_STAGE_STARTTLS, "starttls" },
  { SMTPREPLY_STAGE_QUIT, "quit" },
};

static const struct token actions[] = {
  { SMTPREPLY_ACTION_PROCEED, "proceed" },
  { SMTPREPLY_ACTION_CONTINUE, "continue" },
  { SMTPREPLY_ACTION_RETRY, "retry" },
  { SMTPREPLY_ACTION_GIVE_UP, "give_up" },
};

static const struct token statuses[] = {
  { SMTPREPLY_STATUS_STANDARD, "standard" },
  { SMTPREPLY_STATUS_DEPRECATED, "deprecated" },
  { SMTPREPLY_STATUS_EXPERIMENTAL, "experimental" },
  { SMTPREPLY_STATUS_REGISTRY_ONLY, "registry_only" },
};

static const struct token limits[] = {
  { SMTPREPLY_LIMIT_LINE_LENGTH, "max_line_length" },
  { SMTPREPLY_LIMIT_LINES, "max_lines" },
  { SMTPREPLY_LIMIT_REPLY_BYTES, "max_reply_bytes" },
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
  { TOKEN_REASON_##name, #name },
#include "reasons.def"
#undef SMTPREPLY_REASON
};

static const struct token remedies[] = {
  { SMTPREPLY_REMEDY_NONE, "none" },
  { SMTPREPLY_REMEDY_RETRY_LATER, "retry_later" },
  { SMTPREPLY_REMEDY_RETRY_SLOWER, "retry_slower" },
  { SMTPREPLY_REMEDY_DELIST, "delist" },
  { SMTPREPLY_REMEDY_FIX_MESSAGE, "fix_message" },
  { SMTPREPLY_REMEDY_FIX_CONFIG, "fix_config" },
  { SMTPREPLY_REMEDY_SUPPRESS, "suppress" },
};

static const struct token severities[] = {
  { SMTPREPLY_SEVERITY_NONE, "none" },
  { SMTPREPLY_SEVERITY_SOFT, "soft" },
  { SMTPREPLY_SEVERITY_HARD, "hard" },
  { SMTPREPLY_SEVERITY_BY_CLASS, "by_class" },
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
  for (size_t i = 0; i < n; i++)
    if (kinds[kind].tokens[i].value == value)
      return kinds[kind].tokens[i].name;
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
