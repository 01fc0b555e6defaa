/* fuzz-classify.c -- the reason of any text, and what it promises.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The input is the text of a reply, a log line or a bounce's diagnostic.
   Its first byte chooses the stage and whether a remote MTA is given.
   Whatever the text, smtpreply_classify succeeds and keeps its promises:
   a failure has a reason and is soft or hard, a soft failure is never
   "give up", a failure never "proceed"; the rule that decided gives the
   verdict's reason; the explanation and the JSON members fit the lengths
   they report and are the same twice over.  The verdict is the same with
   the plain paths as with the SSE2 ones, and with the memo a log record
   keeps (one for the whole run) as without it.  */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "smtpreply.h"
#include "internal.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  return 0;
}

/* Check verdict *V on the SIZE bytes at TEXT.  */
static void
check_verdict (const struct smtpreply_verdict *v)
{
  int cls = v->code != 0 ? v->code / 100 : v->has_enhanced ? v->enhanced.cls
                                                            : 0;
  FUZZ_ASSERT (v->soft >= -1 && v->soft <= 1);
  FUZZ_ASSERT (smtpreply_stage_name (v->stage) != NULL);
  if (cls == 1 || cls == 3)
    {
      FUZZ_ASSERT (v->reason == NULL && v->rule == NULL && v->soft == -1);
      return;
    }
  FUZZ_ASSERT (v->reason != NULL);
  FUZZ_ASSERT (v->advice != NULL);
  if (v->rule != NULL)
    FUZZ_ASSERT (v->rule->reason == v->reason);
  if (cls == 4 || cls == 5)
    {
      FUZZ_ASSERT (v->soft >= 0);
      FUZZ_ASSERT (v->advice->action != SMTPREPLY_ACTION_PROCEED);
    }
  if (cls == 4)
    FUZZ_ASSERT (v->soft == 1);
  if (v->soft == 1)
    FUZZ_ASSERT (v->advice->action != SMTPREPLY_ACTION_GIVE_UP);

  /* The sentence and the JSON, with room and without.  */
  char buf[4096];
  size_t len = 0;
  int rc = smtpreply_verdict_explain (v, "ru", buf, sizeof buf, &len);
  FUZZ_ASSERT (rc == 0 && strlen (buf) == len);
  size_t again = 0;
  char small[7];
  FUZZ_ASSERT (smtpreply_verdict_explain (v, "ru", small, sizeof small,
                                          &again)
               == (len < sizeof small ? 0 : SMTPREPLY_ENOSPC));
  FUZZ_ASSERT (again == len && strlen (small) == (len < 7 ? len : 6));
  rc = smtpreply_verdict_json (v, NULL, buf, sizeof buf, &len);
  FUZZ_ASSERT (rc == 0 && strlen (buf) == len);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  static const int stages[] = {
    SMTPREPLY_STAGE_ANY,  SMTPREPLY_STAGE_GREETING, SMTPREPLY_STAGE_MAIL,
    SMTPREPLY_STAGE_RCPT, SMTPREPLY_STAGE_DATA_END, SMTPREPLY_STAGE_AUTH,
  };
  int stage = stages[data[0] % (sizeof stages / sizeof stages[0])];
  const char *mta = (data[0] & 0x80) ? "gmail-smtp-in.l.google.com" : NULL;
  const char *text = (const char *) data + 1;
  size_t len = size - 1;

  struct smtpreply_verdict v = { .size = sizeof v };
  FUZZ_ASSERT (smtpreply_classify (0, NULL, text, len, stage, mta, &v) == 0);
  check_verdict (&v);
  struct smtpreply_verdict w = { .size = sizeof w };
  FUZZ_ASSERT (smtpreply_classify (0, NULL, text, len, stage, mta, &w) == 0);
  FUZZ_ASSERT (memcmp (&v, &w, sizeof v) == 0);

  /* With the code and enhanced code given instead of found.  */
  if (v.code != 0 || v.has_enhanced)
    {
      int code = v.code;
      struct smtpreply_verdict g = { .size = sizeof g };
      int rc = smtpreply_classify (code, v.has_enhanced ? &v.enhanced : NULL,
                                   text, len, stage, mta, &g);
      FUZZ_ASSERT (rc == 0);
      check_verdict (&g);
    }

  /* The plain and SSE2 paths, and the memo.  */
  for (int simd = 0; simd < SMTPREPLY__SIMD_BEST; simd++)
    {
      smtpreply__simd = simd;
      struct smtpreply_verdict other = { .size = sizeof other };
      FUZZ_ASSERT (smtpreply_classify (0, NULL, text, len, stage, mta,
                                       &other)
                   == 0);
      FUZZ_ASSERT (memcmp (&v, &other, sizeof v) == 0);
    }
  smtpreply__simd = SMTPREPLY__SIMD_BEST;
  static struct smtpreply__rules_memo *memo;
  if (memo == NULL)
    memo = smtpreply__rules_memo_new ();
  FUZZ_ASSERT (memo != NULL);
  struct smtpreply_match m = { .size = sizeof m };
  FUZZ_ASSERT (smtpreply_extract (text, len, &m) == 0);
  struct smtpreply_verdict bare = { .size = sizeof bare };
  struct smtpreply_verdict kept = { .size = sizeof kept };
  FUZZ_ASSERT (smtpreply__classify_match (&m, text, len, stage, mta, NULL,
                                          &bare)
               == 0);
  FUZZ_ASSERT (smtpreply__classify_match (&m, text, len, stage, mta, memo,
                                          &kept)
               == 0);
  FUZZ_ASSERT (memcmp (&bare, &kept, sizeof bare) == 0);

  int found;
  FUZZ_ASSERT (smtpreply_stage_find (text, len, &found) == 0);
  FUZZ_ASSERT (smtpreply_stage_name (found) != NULL);
  return 0;
}
