/* t-paths.c -- the short cuts of the extractor and the classifier give
   the answers of the long ways.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   smtpreply_extract first asks smtpreply__extract_possible whether a text
   may hold a code at all, and gives up on the text when it cannot.  That
   is right only if the quick look says yes to every text in which the
   whole scan (smtpreply__extract_scan) finds something: the test checks
   it, and that smtpreply_extract then finds what the scan finds, on every
   line of the labelled reply set, the example logs and the bounce corpus
   (read from the source tree), on every part of them that starts at a
   word, and on every byte before and after a few codes.  Each text is
   read twice, with the SSE2 paths and with the plain ones, which must
   agree.  The classifier must give the same verdict on those texts with
   either path (the plain one also walking its trie from every place a
   phrase part may start, without the filter of the first three bytes,
   and reading a success for every part, not only for those its verdict
   may depend on), and with the memo of its rules a log record keeps as without it; their JSON quoting must be the same with either path.
   The JSON records of log lines must be the same from a record that
   keeps the members of the verdicts it wrote as from one that writes
   them anew: line after line, in languages that change, and when the
   default language changes.  */

#include <config.h>

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"
#include "internal.h"

/* What the checks saw: texts, texts with a code, texts the quick look let
   through.  */
struct tally
{
  size_t texts;
  size_t found;
  size_t possible;
};

/* Assert that the matches A and B are the same.  */
static void
same_match (const struct smtpreply_match *a, const struct smtpreply_match *b)
{
  assert_int_equal (a->found, b->found);
  assert_int_equal (a->code, b->code);
  assert_int_equal (a->code_offset, b->code_offset);
  assert_int_equal (a->enhanced.cls, b->enhanced.cls);
  assert_int_equal (a->enhanced.subject, b->enhanced.subject);
  assert_int_equal (a->enhanced.detail, b->enhanced.detail);
  assert_int_equal (a->enhanced_offset, b->enhanced_offset);
  assert_int_equal (a->enhanced_length, b->enhanced_length);
  assert_int_equal (a->text_offset, b->text_offset);
}

/* Assert that the verdicts A and B are the same.  */
static void
same_verdict (const struct smtpreply_verdict *a,
              const struct smtpreply_verdict *b)
{
  assert_ptr_equal (a->reason, b->reason);
  assert_int_equal (a->soft, b->soft);
  assert_ptr_equal (a->rule, b->rule);
  assert_ptr_equal (a->advice, b->advice);
  assert_int_equal (a->stage, b->stage);
  assert_int_equal (a->code, b->code);
  assert_int_equal (a->has_enhanced, b->has_enhanced);
  assert_int_equal (a->enhanced.cls, b->enhanced.cls);
  assert_int_equal (a->enhanced.subject, b->enhanced.subject);
  assert_int_equal (a->enhanced.detail, b->enhanced.detail);
}

/* The memo of the classifier's rules, kept from text to text as a log
   record keeps it.  */
static struct smtpreply__rules_memo *memo;

/* Check that the LEN bytes at TEXT, in which *M was found, get the same
   verdict with the AVX2 (where the processor has it), SSE2 and plain
   paths, and with the memo and without, at a few stages, with a remote
   host that rules name and without.  */
static void
check_verdicts (const char *text, size_t len, const struct smtpreply_match *m)
{
  static const int stages[] = { SMTPREPLY_STAGE_ANY, SMTPREPLY_STAGE_RCPT,
                                SMTPREPLY_STAGE_DATA_END };
  static const char *const hosts[] = { NULL, "gmail-smtp-in.l.google.com",
                                       "mx.example.net" };
  if (memo == NULL)
    memo = smtpreply__rules_memo_new ();
  assert_non_null (memo);
  for (size_t s = 0; s < sizeof stages / sizeof stages[0]; s++)
    for (size_t h = 0; h < sizeof hosts / sizeof hosts[0]; h++)
      {
        /* 0: every shortcut; 1: none; 2: with the memo; 3: SSE2, not
           AVX2.  */
        struct smtpreply_verdict v[4];
        for (int k = 0; k < 4; k++)
          {
            memset (&v[k], 0, sizeof v[k]);
            v[k].size = sizeof v[k];
            smtpreply__simd = k == 1   ? 0
                              : k == 3 ? SMTPREPLY__SIMD_SSE2
                                       : SMTPREPLY__SIMD_BEST;
            smtpreply__classify_filter = k != 1;
            smtpreply__classify_success = k != 1;
            assert_int_equal (smtpreply__classify_match (m, text, len,
                                                         stages[s], hosts[h],
                                                         k == 2 ? memo : NULL,
                                                         &v[k]),
                              0);
          }
        smtpreply__simd = SMTPREPLY__SIMD_BEST;
        smtpreply__classify_filter = 1;
        smtpreply__classify_success = 1;
        same_verdict (&v[0], &v[1]);
        same_verdict (&v[0], &v[2]);
        same_verdict (&v[0], &v[3]);
      }
}

/* Check that the LEN bytes at TEXT are quoted for JSON the same with the
   SSE2 and plain paths.  */
static void
check_quoting (const char *text, size_t len)
{
  size_t size = 6 * len + 3;
  char *out[2];
  size_t n[2];
  for (int simd = 0; simd < 2; simd++)
    {
      smtpreply__simd = simd;
      out[simd] = malloc (size);
      assert_non_null (out[simd]);
      assert_int_equal (smtpreply_json_quote (text, len, out[simd], size,
                                              &n[simd]),
                        0);
    }
  smtpreply__simd = SMTPREPLY__SIMD_BEST;
  assert_int_equal (n[0], n[1]);
  assert_memory_equal (out[0], out[1], n[0]);
  free (out[0]);
  free (out[1]);
}

/* Check the LEN bytes at TEXT: the quick look says yes where the scan
   finds something, smtpreply_extract finds what the scan finds, and the
   AVX2 (where the processor has it), SSE2 and plain paths agree on both;
   and if VERDICTS, its verdicts.  Count the text in *T.  */
static void
check_text (const char *text, size_t len, int verdicts, struct tally *t)
{
  struct smtpreply_match scan[SMTPREPLY__SIMD_BEST + 1];
  struct smtpreply_match public[SMTPREPLY__SIMD_BEST + 1];
  int possible[SMTPREPLY__SIMD_BEST + 1];
  for (int simd = 0; simd <= SMTPREPLY__SIMD_BEST; simd++)
    {
      smtpreply__simd = simd;
      memset (&scan[simd], 0, sizeof scan[simd]);
      smtpreply__extract_scan (text, len, &scan[simd]);
      possible[simd] = smtpreply__extract_possible (text, len);
      memset (&public[simd], 0, sizeof public[simd]);
      public[simd].size = sizeof public[simd];
      assert_int_equal (smtpreply_extract (text, len, &public[simd]), 0);
      if (scan[simd].found != 0 && !possible[simd])
        print_error ("the quick look misses the code of: %.*s\n", (int) len,
                     text);
      assert_true (scan[simd].found == 0 || possible[simd]);
      same_match (&public[simd], &scan[simd]);
    }
  smtpreply__simd = SMTPREPLY__SIMD_BEST;
  for (int simd = 1; simd <= SMTPREPLY__SIMD_BEST; simd++)
    {
      assert_int_equal (possible[0], possible[simd]);
      same_match (&scan[0], &scan[simd]);
    }
  if (verdicts && public[1].found != 0)
    check_verdicts (text, len, &public[1]);
  if (verdicts)
    check_quoting (text, len);
  t->texts++;
  t->found += scan[1].found != 0;
  t->possible += possible[1] != 0;
}

/* Check the LEN bytes at LINE with its verdicts, and each part of it that
   starts at a word (after a byte that is not a letter or a digit).  */
static void
check_line (const char *line, size_t len, struct tally *t)
{
  check_text (line, len, 1, t);
  for (size_t i = 1; i < len; i++)
    {
      unsigned char c = (unsigned char) line[i - 1];
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')))
        check_text (line + i, len - i, 0, t);
    }
}

/* Read the file NAME of the source tree into memory; store its length in
   *LEN.  */
static char *
read_source (const char *name, size_t *len)
{
  const char *top = getenv ("top_srcdir");
  char path[4096];
  snprintf (path, sizeof path, "%s/%s", top != NULL ? top : ".", name);
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    print_error ("cannot read %s\n", path);
  assert_non_null (f);
  size_t cap = 64 * 1024;
  size_t n = 0;
  char *buf = malloc (cap);
  assert_non_null (buf);
  size_t got;
  while ((got = fread (buf + n, 1, cap - n, f)) > 0)
    {
      n += got;
      if (n == cap)
        {
          cap *= 2;
          buf = realloc (buf, cap);
          assert_non_null (buf);
        }
    }
  assert_int_equal (ferror (f), 0);
  fclose (f);
  *len = n;
  return buf;
}

/* Check every line of the file NAME of the source tree (the column
   COLUMN of its tab-separated lines, if COLUMN >= 0, with "\n" made a
   newline).  Return the number of lines.  */
static size_t
check_file (const char *name, int column, struct tally *t)
{
  size_t len;
  char *buf = read_source (name, &len);
  size_t lines = 0;
  for (size_t pos = 0; pos < len;)
    {
      char *lf = memchr (buf + pos, '\n', len - pos);
      size_t end = lf != NULL ? (size_t) (lf - buf) : len;
      char *line = buf + pos;
      size_t n = end - pos;
      if (column >= 0)
        {
          for (int c = 0; c < column && line != NULL; c++)
            {
              char *tab = memchr (line, '\t', n);
              n = tab != NULL ? n - (size_t) (tab + 1 - line) : 0;
              line = tab != NULL ? tab + 1 : NULL;
            }
          char *tab = line != NULL ? memchr (line, '\t', n) : NULL;
          if (tab != NULL)
            n = (size_t) (tab - line);
          /* The reply's lines, as a server sends them.  */
          size_t w = 0;
          for (size_t r = 0; line != NULL && r < n; r++)
            if (line[r] == '\\' && r + 1 < n && line[r + 1] == 'n')
              {
                line[w++] = '\n';
                r++;
              }
            else
              line[w++] = line[r];
          n = w;
        }
      if (line != NULL)
        {
          check_line (line, n, t);
          lines++;
        }
      pos = end + 1;
    }
  free (buf);
  return lines;
}

static void
looks_at_every_code_of_the_reply_set (void **state)
{
  (void) state;
  struct tally t = { 0, 0, 0 };
  /* The header and 679 replies.  */
  assert_int_equal (check_file ("tests/reasons/replies.tsv", 4, &t), 680);
  assert_true (t.found > 600);
}

static void
looks_at_every_code_of_the_example_logs (void **state)
{
  (void) state;
  static const char *const logs[] = {
    "examples/postfix.log", "examples/exim.log", "examples/sendmail.log",
    "examples/replies.txt", "tests/cli/annotate-mixed.log",
    "tests/cli/no-replies.log",
  };
  struct tally t = { 0, 0, 0 };
  for (size_t i = 0; i < sizeof logs / sizeof logs[0]; i++)
    check_file (logs[i], -1, &t);
  assert_true (t.found > 500);
  /* The look lets through fewer texts than all.  */
  assert_true (t.possible < t.texts);
}

static void
looks_at_every_code_of_the_bounces (void **state)
{
  (void) state;
  const char *top = getenv ("top_srcdir");
  char path[4096];
  snprintf (path, sizeof path, "%s/tests/bounces", top != NULL ? top : ".");
  DIR *dir = opendir (path);
  assert_non_null (dir);
  struct tally t = { 0, 0, 0 };
  size_t files = 0;
  struct dirent *e;
  while ((e = readdir (dir)) != NULL)
    {
      size_t n = strlen (e->d_name);
      if (n < 4 || strcmp (e->d_name + n - 4, ".eml") != 0)
        continue;
      char name[1024];
      snprintf (name, sizeof name, "tests/bounces/%s", e->d_name);
      check_file (name, -1, &t);
      files++;
    }
  closedir (dir);
  assert_true (files >= 90);
  assert_true (t.found > 100);
}

static void
looks_at_every_byte_around_a_code (void **state)
{
  (void) state;
  /* Codes in the contexts extract.c knows (after a key, a quote, a
     parenthesis, a colon), each with every byte before and after it.  */
  static const char *const cores[] = {
    "550",       "550 x",      "571 No PTR", "334 ",      "250-5.1.1 ok",
    "5.1.1",     "4.7.1 busy", "2.0.0",      "reply=550", "reject=554 ",
    "dsn=5.1.1", "size=550",   "status=sent (250", "said: 450 4.2.0",
    "#550 5.1.1", "<<< 421 ",
  };
  struct tally t = { 0, 0, 0 };
  char text[64];
  for (size_t k = 0; k < sizeof cores / sizeof cores[0]; k++)
    {
      size_t n = strlen (cores[k]);
      for (int before = 0; before < 256; before++)
        for (int after = 0; after < 256; after++)
          {
            text[0] = (char) before;
            memcpy (text + 1, cores[k], n);
            text[n + 1] = (char) after;
            check_text (text, n + 2, 0, &t);
            /* And the code at the start or the end of the text.  */
            if (before == 0)
              check_text (text + 1, n + 1, 0, &t);
            if (after == 0)
              check_text (text, n + 1, 0, &t);
          }
    }
  assert_true (t.found > 10000);
  assert_true (t.possible < t.texts);
}

static void
looks_at_every_place_of_long_texts (void **state)
{
  (void) state;
  /* A reply inside filler words, at each offset of texts of 35 to 111
     bytes: the AVX2 paths, which take 32 bytes at a time and texts of 32
     or 35 bytes and more, meet it at each place of a block and of the
     block that ends a text.  The code is found where it is, and every
     path gives the same matches and verdicts.  */
  static const char core[] = "said: 552 5.2.2 Mailbox full";
  static const char filler[] = "abc de 12 f:g h=i (j) 'k' ";
  const size_t n = sizeof core - 1;
  if (!smtpreply__avx2 ())
    print_message ("this processor has no AVX2: its paths are not run\n");
  struct smtpreply_match alone = { .size = sizeof alone };
  assert_int_equal (smtpreply_extract (core, n, &alone), 0);
  struct smtpreply_verdict want = { .size = sizeof want };
  assert_int_equal (smtpreply__classify_match (&alone, core, n,
                                               SMTPREPLY_STAGE_ANY, NULL,
                                               NULL, &want),
                    0);
  assert_non_null (want.reason);
  struct tally t = { 0, 0, 0 };
  char text[128];
  for (size_t len = 35; len < 112; len++)
    for (size_t at = 0; at + n <= len; at++)
      {
        for (size_t i = 0; i < len; i++)
          text[i] = filler[i % (sizeof filler - 1)];
        /* The core is words of its own: a space before and after it.  */
        if (at > 0)
          text[at - 1] = ' ';
        memcpy (text + at, core, n);
        if (at + n < len)
          text[at + n] = ' ';
        check_text (text, len, 1, &t);
        struct smtpreply_match m = { .size = sizeof m };
        assert_int_equal (smtpreply_extract (text, len, &m), 0);
        assert_int_equal (m.code, 552);
        assert_int_equal (m.code_offset, at + 6);
        assert_int_equal (m.enhanced.cls, 5);
        assert_int_equal (m.enhanced.subject, 2);
        assert_int_equal (m.enhanced.detail, 2);
        struct smtpreply_verdict v = { .size = sizeof v };
        assert_int_equal (smtpreply__classify_match (&m, text, len,
                                                     SMTPREPLY_STAGE_ANY,
                                                     NULL, NULL, &v),
                          0);
        assert_ptr_equal (v.reason, want.reason);
        assert_ptr_equal (v.rule, want.rule);
      }
  assert_int_equal (t.found, t.texts);

  /* And every byte before a code, at each place of the first blocks of a
     text of 80 bytes: the paths agree on the bytes a code may follow.  */
  static const char code[] = "550 5.1.1 x";
  struct tally before = { 0, 0, 0 };
  for (int b = 0; b < 256; b++)
    for (size_t at = 1; at < 70; at++)
      {
        memset (text, 'x', 80);
        text[at - 1] = (char) b;
        memcpy (text + at, code, sizeof code - 1);
        check_text (text, 80, 0, &before);
      }
  /* Only a few bytes before it (a space, a tab, a quote, '<', ';') make
     it a code.  */
  assert_true (before.found > 0);
  assert_true (before.found < before.texts);
}

static void
reads_line_breaks_at_every_place (void **state)
{
  (void) state;
  /* A reply of two lines whose words run on across the line break, the
     second line's code left out ("User\n550 5.1.1 unknown" reads "user
     unknown"), after filler of 0 to 80 bytes and before 0 or 40 more:
     the line break falls at each place of the SIMD scans' blocks, and of
     the block that ends the text.  Every path gives the verdict of the
     same reply on one line.  */
  static const char lines[] = "said: 550-5.1.1 <a@b.example>: Recipient "
                              "address rejected: User\n550 5.1.1 unknown";
  static const char one[] = "said: 550 5.1.1 <a@b.example>: Recipient "
                            "address rejected: User unknown";
  static const char filler[] = "abc de 12 f:g h=i (j) 'k' ";
  struct smtpreply_match m = { .size = sizeof m };
  assert_int_equal (smtpreply_extract (one, sizeof one - 1, &m), 0);
  struct smtpreply_verdict want = { .size = sizeof want };
  assert_int_equal (smtpreply__classify_match (&m, one, sizeof one - 1,
                                               SMTPREPLY_STAGE_ANY, NULL,
                                               NULL, &want),
                    0);
  assert_non_null (want.rule);
  assert_string_equal (want.rule->id, "text.user-unknown");
  struct tally t = { 0, 0, 0 };
  char text[80 + sizeof lines + 40];
  for (size_t pad = 0; pad <= 80; pad++)
    for (size_t tail = 0; tail <= 40; tail += 40)
      {
        size_t len = 0;
        for (; len < pad; len++)
          text[len] = filler[len % (sizeof filler - 1)];
        if (pad > 0)
          text[len - 1] = ' ';
        memcpy (text + len, lines, sizeof lines - 1);
        len += sizeof lines - 1;
        /* Words after it, so that the break is also inside a text's
           blocks rather than in the last one.  */
        for (size_t i = 0; i < tail; i++)
          text[len++] = i == 0 ? ' ' : filler[i % (sizeof filler - 1)];
        check_text (text, len, 1, &t);
        for (int simd = 0; simd <= SMTPREPLY__SIMD_BEST; simd++)
          {
            smtpreply__simd = simd;
            struct smtpreply_match mm = { .size = sizeof mm };
            assert_int_equal (smtpreply_extract (text, len, &mm), 0);
            assert_int_equal (mm.code, 550);
            struct smtpreply_verdict v = { .size = sizeof v };
            assert_int_equal (smtpreply__classify_match (&mm, text, len,
                                                         SMTPREPLY_STAGE_ANY,
                                                         NULL, NULL, &v),
                              0);
            smtpreply__simd = SMTPREPLY__SIMD_BEST;
            assert_ptr_equal (v.rule, want.rule);
          }
      }
  assert_int_equal (t.found, t.texts);
}

static void
reads_successes_for_the_parts_that_matter (void **state)
{
  (void) state;
  /* Successes with the words of stage hints and of a rule written for
     successes, in a log line and alone; and a failure with the same
     words.  Each must get the same verdict whichever parts it is read
     for (check_verdicts), and these.  */
  static const struct
  {
    const char *text;
    int stage;
    const char *rule; /* NULL: none */
  } cases[] = {
    { "Nov 28 03:15:21 mx1 postfix/smtp[250]: 4F2A81C2B3: "
      "to=<b@example.net>, relay=mx.example.net[198.51.100.7]:25, "
      "dsn=2.0.0, status=sent (250 2.0.0 Message held for review (in "
      "reply to end of data command))",
      SMTPREPLY_STAGE_DATA_END, "text.held-for.success" },
    { "250 2.0.0 Ok: queued as 4F2A81C2B3 after end of data",
      SMTPREPLY_STAGE_DATA_END, "class.2" },
    { ">>> RCPT TO:<b@example.net> <<< 250 2.1.5 Ok",
      SMTPREPLY_STAGE_RCPT, "class.2" },
    { "451 4.3.0 Message held for review (in reply to RCPT TO command)",
      SMTPREPLY_STAGE_RCPT, NULL },
  };
  struct tally t = { 0, 0, 0 };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      size_t len = strlen (cases[i].text);
      check_text (cases[i].text, len, 1, &t);
      struct smtpreply_match m = { .size = sizeof m };
      assert_int_equal (smtpreply_extract (cases[i].text, len, &m), 0);
      struct smtpreply_verdict v = { .size = sizeof v };
      assert_int_equal (smtpreply__classify_match (&m, cases[i].text, len,
                                                   SMTPREPLY_STAGE_ANY, NULL,
                                                   NULL, &v),
                        0);
      assert_int_equal (v.stage, cases[i].stage);
      if (cases[i].rule != NULL)
        assert_string_equal (v.rule->id, cases[i].rule);
    }
  assert_int_equal (t.found, sizeof cases / sizeof cases[0]);
}

static void
quotes_a_special_byte_at_every_place (void **state)
{
  (void) state;
  /* Plain bytes with one that needs an escape at each place, with the
     SSE2 and plain paths: the runs of plain bytes end exactly there.  */
  static const struct
  {
    char byte;
    const char *escape;
  } specials[] = {
    { '"', "\\\"" }, { '\\', "\\\\" }, { '\n', "\\n" }, { 1, "\\u0001" },
    { 0x7f, "\\u007f" },
  };
  char text[48];
  char want[64];
  char got[6 * 48 + 3];
  for (int simd = 0; simd < 2; simd++)
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++)
      for (size_t len = 1; len < sizeof text; len++)
        for (size_t at = 0; at < len; at++)
          {
            memset (text, 'a', len);
            text[at] = specials[k].byte;
            size_t e = strlen (specials[k].escape);
            want[0] = '"';
            memset (want + 1, 'a', at);
            memcpy (want + 1 + at, specials[k].escape, e);
            memset (want + 1 + at + e, 'a', len - at - 1);
            want[len + e] = '"';
            want[len + e + 1] = '\0';
            smtpreply__simd = simd;
            size_t n;
            assert_int_equal (smtpreply_json_quote (text, len, got, sizeof got,
                                                    &n),
                              0);
            smtpreply__simd = SMTPREPLY__SIMD_BEST;
            assert_string_equal (got, want);
            assert_int_equal (n, len + e + 1);
          }
}

static void
ends_a_printable_run_at_every_place (void **state)
{
  (void) state;
  /* Printable ASCII with a byte that is not at each place, with the SSE2
     and plain paths: the run ends exactly there.  */
  static const unsigned char stops[] = { 0, 0x1b, 0x1f, 0x7f, 0x80, 0xff };
  char text[48];
  for (int simd = 0; simd < 2; simd++)
    for (size_t k = 0; k < sizeof stops; k++)
      for (size_t len = 1; len < sizeof text; len++)
        {
          /* The two ends of the printable range never stop it.  */
          for (size_t i = 0; i < len; i++)
            text[i] = i % 2 ? ' ' : '~';
          smtpreply__simd = simd;
          assert_int_equal (smtpreply__printable_ascii (text, len), len);
          for (size_t at = 0; at < len; at++)
            {
              text[at] = (char) stops[k];
              assert_int_equal (smtpreply__printable_ascii (text, len), at);
              text[at] = 'a';
            }
          smtpreply__simd = SMTPREPLY__SIMD_BEST;
        }
}

/* How the memo of verdicts' members is used by check_record: 1, or 2 to
   keep every verdict in the same set.  */
static int memo_way = 1;

/* Write the JSON record of REC (line LINENO, in language LANG) into
   BUF of SIZE bytes, with the memo of its verdicts' members if KEEP (in
   the way MEMO_WAY says) and without it.  */
static void
record_json (const struct smtpreply_log_record *rec, size_t lineno,
             const char *lang, int keep, char *buf, size_t size)
{
  smtpreply__json_memo = keep ? memo_way : 0;
  size_t n;
  int rc = smtpreply_log_record_json (rec, "log", lineno, lang, 0, buf, size,
                                      &n);
  smtpreply__json_memo = 1;
  assert_int_equal (rc, 0);
  assert_int_equal (strlen (buf), n);
}

/* Check that REC, with the line LINENO read into it, gives the same JSON
   record in LANG from its memo as written anew.  */
static void
check_record (const struct smtpreply_log_record *rec, size_t lineno,
              const char *lang)
{
  static char kept[64 * 1024];
  static char anew[64 * 1024];
  record_json (rec, lineno, lang, 1, kept, sizeof kept);
  record_json (rec, lineno, lang, 0, anew, sizeof anew);
  if (strcmp (kept, anew) != 0)
    print_error ("from the memo: %s\nwritten anew: %s\n", kept, anew);
  assert_string_equal (kept, anew);
}

static void
keeps_the_json_of_verdicts_as_it_writes_them (void **state)
{
  (void) state;
  static const char *const logs[] = {
    "examples/postfix.log", "examples/exim.log", "examples/sendmail.log",
    "examples/replies.txt", "tests/cli/annotate-mixed.log",
  };
  /* The language changes from line to line or every few lines, in one
     buffer, so that only its text tells the languages apart.  */
  static const char *const langs[] = { "ru", "de", "ru", "en", "" };
  struct smtpreply_log_record *rec;
  assert_int_equal (smtpreply_log_record_new (&rec), 0);
  char lang[8];
  size_t lines = 0;
  size_t replies = 0;
  for (size_t round = 0; round < 8; round++)
    for (size_t i = 0; i < sizeof logs / sizeof logs[0]; i++)
      {
        size_t len;
        char *buf = read_source (logs[i], &len);
        for (size_t pos = 0; pos < len;)
          {
            char *lf = memchr (buf + pos, '\n', len - pos);
            size_t end = lf != NULL ? (size_t) (lf - buf) : len;
            assert_int_equal (smtpreply_log_read (rec, buf + pos, end - pos,
                                                  SMTPREPLY_STAGE_ANY),
                              0);
            /* Round 0 in one language, round 1 in the default one, the
               next two in a language that changes every line or every few
               lines; the last four again with every verdict kept in one
               set.  */
            memo_way = round < 4 ? 1 : 2;
            size_t which = round % 4 == 0   ? 0
                           : round % 4 == 2 ? lines
                                            : lines / 7;
            strcpy (lang, langs[which % (sizeof langs / sizeof langs[0])]);
            check_record (rec, lines, round % 4 == 1 ? NULL : lang);
            lines++;
            replies += smtpreply_log_record_match (rec)->found != 0;
            pos = end + 1;
          }
        free (buf);
      }
  assert_true (replies > 1000);

  /* Replies whose verdicts differ from the one before only in a code or
     the stage, one after the other in the same set.  */
  static const char *const pairs[] = {
    "550 5.1.1 Mailbox unavailable", "550 4.1.1 Mailbox unavailable",
    "550 5.1.1 Mailbox unavailable", "550 Mailbox unavailable",
    "450 4.2.2 Mailbox full", "452 4.2.2 Mailbox full",
    "550 5.7.1 Go away", "550 5.7.1 Go away (in reply to MAIL FROM command)",
    "421 4.7.0 Try again later", "421 Try again later",
  };
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
    {
      assert_int_equal (smtpreply_log_read (rec, pairs[i], strlen (pairs[i]),
                                            SMTPREPLY_STAGE_ANY),
                        0);
      check_record (rec, i, "en");
    }
  memo_way = 1;

  /* The default language changes under a record that keeps members in
     it: what it keeps from before is not used after.  */
  static const char line[] = "Nov 28 03:15:21 mx1 postfix/smtp[250]: "
                             "4F2A81C2B3: to=<b@example.net>, "
                             "relay=mx.example.net[198.51.100.7]:25, "
                             "dsn=5.1.1, status=bounced (host "
                             "mx.example.net[198.51.100.7] said: 550 5.1.1 "
                             "User unknown (in reply to RCPT TO command))";
  assert_int_equal (smtpreply_log_read (rec, line, strlen (line),
                                        SMTPREPLY_STAGE_ANY),
                    0);
  static char before[64 * 1024];
  static char after[64 * 1024];
  const char *old = getenv ("LC_ALL");
  char *saved = old != NULL ? strdup (old) : NULL;
  assert_int_equal (setenv ("LC_ALL", "de_DE.UTF-8", 1), 0);
  smtpreply_language_reset ();
  check_record (rec, 1, NULL);
  record_json (rec, 1, NULL, 1, before, sizeof before);
  assert_non_null (strstr (before, "\"lang\":\"de\""));
  assert_int_equal (setenv ("LC_ALL", "ru_RU.UTF-8", 1), 0);
  smtpreply_language_reset ();
  record_json (rec, 1, NULL, 1, after, sizeof after);
  assert_non_null (strstr (after, "\"lang\":\"ru\""));
  check_record (rec, 1, NULL);
  assert_string_not_equal (before, after);
  if (saved != NULL)
    setenv ("LC_ALL", saved, 1);
  else
    unsetenv ("LC_ALL");
  free (saved);
  smtpreply_language_reset ();
  smtpreply_log_record_free (rec);
}

/* Free the memo after the tests.  */
static int
free_memo (void **state)
{
  (void) state;
  smtpreply__rules_memo_free (memo);
  memo = NULL;
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (looks_at_every_code_of_the_reply_set),
    cmocka_unit_test (looks_at_every_code_of_the_example_logs),
    cmocka_unit_test (looks_at_every_code_of_the_bounces),
    cmocka_unit_test (looks_at_every_byte_around_a_code),
    cmocka_unit_test (looks_at_every_place_of_long_texts),
    cmocka_unit_test (reads_line_breaks_at_every_place),
    cmocka_unit_test (reads_successes_for_the_parts_that_matter),
    cmocka_unit_test (quotes_a_special_byte_at_every_place),
    cmocka_unit_test (ends_a_printable_run_at_every_place),
    cmocka_unit_test (keeps_the_json_of_verdicts_as_it_writes_them),
  };
  return cmocka_run_group_tests (tests, NULL, free_memo);
}
