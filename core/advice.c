/* advice.c -- what a sending program should do with a reply.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <stddef.h>

#include "smtpreply.h"
#include "internal.h"

enum rule
{
#define SMTPREPLY_ADVICE(rule, action, text) RULE_##rule,
#include "advice.def"
#undef SMTPREPLY_ADVICE
};

static const struct smtpreply_advice rules[] = {
#define SMTPREPLY_ADVICE(rule, action, text)                                 \
  { #rule, SMTPREPLY_ACTION_##action, text },
#include "advice.def"
#undef SMTPREPLY_ADVICE
};

/* Return the rule for CODE (valid, or 0 with ENHANCED valid) at STAGE.  */
static enum rule
choose (int code, const struct smtpreply_enhanced_code *enhanced, int stage)
{
  if (code == 0)
    switch (enhanced->cls)
      {
      case 2:
        return RULE_ENHANCED_SUCCESS;
      case 4:
        return RULE_ENHANCED_TRANSIENT;
      default:
        return RULE_ENHANCED_PERMANENT;
      }

  int first = code / 100;
  if (code == 421)
    return RULE_CLOSING_421;
  if (code == 521 || (code == 554 && stage == SMTPREPLY_STAGE_GREETING))
    return RULE_HOST_NO_MAIL;
  if (code == 556)
    return RULE_DOMAIN_NO_MAIL;
  if (code == 552 && stage == SMTPREPLY_STAGE_RCPT)
    return RULE_RCPT_552_AS_452;
  if (stage == SMTPREPLY_STAGE_QUIT)
    return RULE_QUIT_DONE;
  if (first == 5
      && (stage == SMTPREPLY_STAGE_DATA_END || stage == SMTPREPLY_STAGE_BDAT))
    return RULE_DATA_END_PERMANENT;
  switch (first)
    {
    case 1:
      return RULE_PRELIMINARY;
    case 2:
      return RULE_SUCCESS;
    case 3:
      return RULE_INTERMEDIATE;
    case 4:
      return RULE_TRANSIENT;
    default:
      return RULE_PERMANENT;
    }
}

smtpreply_status
smtpreply_advise (int code, const struct smtpreply_enhanced_code *enhanced,
                  int stage, const struct smtpreply_advice **out)
{
  if (out == NULL || smtpreply_stage_name (stage) == NULL
      || (code == 0 && enhanced == NULL))
    return SMTPREPLY_EINVAL;
  if (code != 0)
    {
      int rc = smtpreply_code_check (code);
      if (rc < 0)
        return rc;
    }
  if (enhanced != NULL)
    {
      int rc = smtpreply_enhanced_check (enhanced);
      if (rc < 0)
        return rc;
    }
  *out = &rules[choose (code, enhanced, stage)];
  return 0;
}

const struct smtpreply_advice *
smtpreply__advice_for_remedy (int remedy)
{
  switch (remedy)
    {
    case SMTPREPLY_REMEDY_RETRY_LATER:
      return &rules[RULE_REMEDY_RETRY_LATER];
    case SMTPREPLY_REMEDY_RETRY_SLOWER:
      return &rules[RULE_REMEDY_RETRY_SLOWER];
    case SMTPREPLY_REMEDY_DELIST:
      return &rules[RULE_REMEDY_DELIST];
    case SMTPREPLY_REMEDY_FIX_MESSAGE:
      return &rules[RULE_REMEDY_FIX_MESSAGE];
    case SMTPREPLY_REMEDY_FIX_CONFIG:
      return &rules[RULE_REMEDY_FIX_CONFIG];
    case SMTPREPLY_REMEDY_SUPPRESS:
      return &rules[RULE_REMEDY_SUPPRESS];
    default:
      return &rules[RULE_TRANSIENT];
    }
}
