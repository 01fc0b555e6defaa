/* fuzz-enhanced.c -- reading enhanced status codes and reply codes.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The whole input is given to smtpreply_enhanced_parse and to
   smtpreply_code_parse.  On success, formatting the result must give the
   input back byte for byte, and the code must be valid and describable; on
   failure, the error must be one the function documents and its offset
   inside the input.  */

#include <config.h>

#include <string.h>

#include "smtpreply.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  return 0;
}

/* Check what smtpreply_enhanced_parse says of the SIZE bytes at BUF.
   Return the result of the parse.  */
static int
check_enhanced (const char *buf, size_t size,
                struct smtpreply_enhanced_code *e)
{
  size_t offset = (size_t) -1;
  int rc = smtpreply_enhanced_parse (buf, size, e, &offset);
  struct smtpreply_enhanced_code again;
  FUZZ_ASSERT (smtpreply_enhanced_parse (buf, size, &again, NULL) == rc);
  if (rc != 0)
    {
      FUZZ_ASSERT (rc == SMTPREPLY_EENHANCED_SYNTAX
                   || rc == SMTPREPLY_EENHANCED_PARTS
                   || rc == SMTPREPLY_EENHANCED_CLASS
                   || rc == SMTPREPLY_EENHANCED_ZERO
                   || rc == SMTPREPLY_EENHANCED_DIGITS);
      FUZZ_ASSERT (offset <= size);
      return rc;
    }
  FUZZ_ASSERT (again.cls == e->cls && again.subject == e->subject
               && again.detail == e->detail);
  FUZZ_ASSERT (smtpreply_enhanced_check (e) == 0);
  char text[16];
  FUZZ_ASSERT (smtpreply_enhanced_format (e, text, sizeof text) == 0);
  FUZZ_ASSERT (strlen (text) == size && memcmp (text, buf, size) == 0);
  /* Too small a buffer is refused, never overrun.  */
  char small[16];
  FUZZ_ASSERT (smtpreply_enhanced_format (e, small, size) == SMTPREPLY_ENOSPC);
  FUZZ_ASSERT (smtpreply_enhanced_describe_lang (e, NULL) != NULL);
  smtpreply_enhanced_lookup (e->subject, e->detail);
  return 0;
}

/* Check what smtpreply_code_parse says of the SIZE bytes at BUF.  Return
   the code, or 0.  */
static int
check_code (const char *buf, size_t size)
{
  int code = -1;
  size_t offset = (size_t) -1;
  int rc = smtpreply_code_parse (buf, size, &code, &offset);
  if (rc != 0)
    {
      FUZZ_ASSERT (rc == SMTPREPLY_EBAD_CODE || rc == SMTPREPLY_EBAD_CLASS
                   || rc == SMTPREPLY_EBAD_CATEGORY);
      FUZZ_ASSERT (offset <= size);
      return 0;
    }
  FUZZ_ASSERT (size == 3);
  FUZZ_ASSERT (smtpreply_code_check (code) == 0);
  FUZZ_ASSERT (buf[0] == '0' + code / 100 && buf[1] == '0' + code / 10 % 10
               && buf[2] == '0' + code % 10);
  FUZZ_ASSERT (smtpreply_code_class (code) != NULL);
  FUZZ_ASSERT (smtpreply_code_category (code) != NULL);
  const struct smtpreply_reply *r = smtpreply_reply_lookup (code);
  FUZZ_ASSERT (r == NULL || r->code == code);
  FUZZ_ASSERT ((smtpreply_reply_describe_lang (code, NULL) != NULL)
               == (r != NULL));
  return code;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *buf = (const char *) data;
  struct smtpreply_enhanced_code e;
  int enhanced_ok = check_enhanced (buf, size, &e) == 0;
  int code = check_code (buf, size);

  /* The code and the enhanced code found at the two ends of the input,
     together: agreement and advice must not fail on valid codes.  */
  if (size > 4)
    {
      code = check_code (buf, 3);
      enhanced_ok = check_enhanced (buf + 4, size - 4, &e) == 0;
    }
  if (code != 0 && enhanced_ok)
    FUZZ_ASSERT (smtpreply_enhanced_agrees (code, &e) >= 0);
  for (int stage = SMTPREPLY_STAGE_ANY; stage <= SMTPREPLY_STAGE_QUIT;
       stage++)
    {
      const struct smtpreply_advice *advice = NULL;
      int rc = smtpreply_advise (code, enhanced_ok ? &e : NULL, stage,
                                 &advice);
      if (code != 0 || enhanced_ok)
        {
          FUZZ_ASSERT (rc == 0 && advice != NULL);
          FUZZ_ASSERT (smtpreply_action_name (advice->action) != NULL);
        }
      else
        FUZZ_ASSERT (rc == SMTPREPLY_EINVAL);
    }
  return 0;
}
