/* t-display.c -- server text made safe to print on a terminal.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "smtpreply.h"

/* Make the LEN bytes at IN safe and check the result is the string WANT.  */
static void
check_safe_n (const char *in, size_t len, const char *want)
{
  char out[1024];
  size_t out_len = 99999;
  assert_true (4 * len + 1 <= sizeof out);
  memset (out, 'Z', sizeof out);
  assert_int_equal (
      smtpreply_display_safe (in, len, out, sizeof out, &out_len), 0);
  assert_int_equal (out_len, strlen (want));
  assert_memory_equal (out, want, out_len);
  assert_int_equal (out[out_len], '\0');
}

/* Like check_safe_n, for the NUL-terminated IN.  */
static void
check_safe (const char *in, const char *want)
{
  check_safe_n (in, strlen (in), want);
}

static void
keeps_printable_ascii_as_is (void **state)
{
  (void) state;
  check_safe ("550 5.1.1 <bob@example.net>: User unknown",
              "550 5.1.1 <bob@example.net>: User unknown");
  check_safe ("", "");
  check_safe (" !\"#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~",
              " !\"#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~");
  /* HTML is the caller's job.  */
  check_safe ("<b>&amp;</b>", "<b>&amp;</b>");
}

static void
escapes_c0_controls_as_hex (void **state)
{
  (void) state;
  check_safe_n ("a\0b", 3, "a\\x00b");
  check_safe ("a\rb\nc", "a\\x0Db\\x0Ac");
  check_safe ("\x01\x07\x08\x0b\x0c\x1f", "\\x01\\x07\\x08\\x0B\\x0C\\x1F");
  check_safe ("x\x1c", "x\\x1C");
}

static void
turns_a_tab_into_a_space (void **state)
{
  (void) state;
  check_safe ("a\tb\t\tc", "a b  c");
}

static void
escapes_del (void **state)
{
  (void) state;
  check_safe ("a\x7f"
              "b",
              "a\\x7Fb");
}

static void
escapes_c1_controls_and_separators_as_code_points (void **state)
{
  (void) state;
  /* NEL, U+0085, is C2 85 in UTF-8.  */
  check_safe ("a\xc2\x85"
              "b",
              "a\\u0085b");
  check_safe ("\xc2\x80\xc2\x9b\xc2\x9f", "\\u0080\\u009B\\u009F");
  /* The line and paragraph separators.  */
  check_safe ("a\xe2\x80\xa8"
              "b\xe2\x80\xa9",
              "a\\u2028b\\u2029");
  /* U+00A0, just after C1, is kept.  */
  check_safe ("a\xc2\xa0"
              "b",
              "a\xc2\xa0"
              "b");
}

static void
removes_csi_sequences (void **state)
{
  (void) state;
  check_safe ("\x1b[31mred\x1b[0m", "red");
  check_safe ("a\x1b[1;31;42mb", "ab");
  check_safe ("\x1b[2J\x1b[Hclear", "clear");
  check_safe ("x\x1b[?25ly", "xy");
  /* Cut off by the end of the text.  */
  check_safe ("a\x1b[31", "a");
}

static void
removes_osc_sequences (void **state)
{
  (void) state;
  check_safe ("\x1b]0;title\x07"
              "after",
              "after");
  check_safe ("\x1b]0;title\x1b\\after", "after");
  check_safe ("\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\", "link");
  /* Unterminated: to the end.  */
  check_safe ("ok\x1b]0;never ends", "ok");
}

static void
removes_other_escape_sequences (void **state)
{
  (void) state;
  /* DCS ... ST, and ESC with an intermediate and a final byte.  */
  check_safe ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab");
  check_safe ("a\x1b(Bb", "ab");
  check_safe ("a\x1b"
              "cb",
              "ab");
}

static void
removes_a_lone_escape_at_the_end (void **state)
{
  (void) state;
  check_safe ("text\x1b", "text");
  check_safe ("\x1b", "");
}

static void
removes_bidirectional_controls (void **state)
{
  (void) state;
  /* U+202E RIGHT-TO-LEFT OVERRIDE, U+202A..U+202D.  */
  check_safe ("abc\xe2\x80\xae"
              "fdp.exe",
              "abcfdp.exe");
  check_safe ("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad"
              "x",
              "x");
  /* U+2066 LEFT-TO-RIGHT ISOLATE to U+2069 POP DIRECTIONAL ISOLATE.  */
  check_safe ("a\xe2\x81\xa6"
              "b\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9"
              "c",
              "abc");
  /* U+200E LRM, U+200F RLM, U+061C ALM.  */
  check_safe ("a\xe2\x80\x8e"
              "b\xe2\x80\x8f"
              "c\xd8\x9c"
              "d",
              "abcd");
}

static void
removes_zero_width_characters_and_the_bom (void **state)
{
  (void) state;
  /* U+200B ZERO WIDTH SPACE, U+200C, U+200D, U+2060 WORD JOINER.  */
  check_safe ("pay\xe2\x80\x8bpal", "paypal");
  check_safe ("a\xe2\x80\x8c"
              "b\xe2\x80\x8d"
              "c\xe2\x81\xa0"
              "d",
              "abcd");
  /* U+FEFF, the byte order mark, at the start and inside.  */
  check_safe ("\xef\xbb\xbfhello\xef\xbb\xbf", "hello");
}

static void
replaces_invalid_utf8_by_maximal_subparts (void **state)
{
  (void) state;
#define FFFD "\xef\xbf\xbd"
  check_safe ("a\xff"
              "b",
              "a" FFFD "b");
  check_safe ("\xfe\xff", FFFD FFFD);
  /* A lone continuation byte.  */
  check_safe ("\x80", FFFD);
  /* Truncated sequences: one U+FFFD for what was there.  */
  check_safe ("a\xe2\x82", "a" FFFD);
  check_safe ("\xe2\x82"
              "b",
              FFFD "b");
  check_safe ("\xf0\x9f\x98", FFFD);
  check_safe ("\xf0\x9f\x98"
              "x",
              FFFD "x");
  check_safe ("\xc3", FFFD);
  /* Overlong forms: each byte on its own.  */
  check_safe ("\xc0\xaf", FFFD FFFD);
  check_safe ("\xc1\xbf", FFFD FFFD);
  check_safe ("\xe0\x80\xaf", FFFD FFFD FFFD);
  check_safe ("\xf0\x80\x80\xaf", FFFD FFFD FFFD FFFD);
  /* Surrogates.  */
  check_safe ("\xed\xa0\x80", FFFD FFFD FFFD);
  check_safe ("\xed\xbf\xbf", FFFD FFFD FFFD);
  /* Past U+10FFFF, and lead bytes that never occur.  */
  check_safe ("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);
  check_safe ("\xf5\x80\x80\x80", FFFD FFFD FFFD FFFD);
  check_safe ("\xf8\x88\x80\x80\x80", FFFD FFFD FFFD FFFD FFFD);
  /* A valid sequence right after a broken one is kept.  */
  check_safe ("\xe2\x82\xe2\x82\xac", FFFD "\xe2\x82\xac");
  /* The largest code point is valid.  */
  check_safe ("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");
#undef FFFD
}

static void
keeps_valid_non_ascii_text (void **state)
{
  (void) state;
  check_safe ("550 5.7.1 Сообщение отклонено политикой",
              "550 5.7.1 Сообщение отклонено политикой");
  check_safe ("452 4.2.2 Postfach des Empfängers ist voll",
              "452 4.2.2 Postfach des Empfängers ist voll");
  check_safe ("550 用户不存在 メールボックス",
              "550 用户不存在 メールボックス");
  /* Four-byte sequences.  */
  check_safe ("ok \xf0\x9f\x93\xa7", "ok \xf0\x9f\x93\xa7");
}

static void
replaces_koi8_r_bytes (void **state)
{
  (void) state;
  /* "Привет" in KOI8-R: F0 D2 C9 D7 C5 D4, none of which starts a valid
     UTF-8 sequence with the byte after it.  */
  check_safe ("550 \xf0\xd2\xc9\xd7\xc5\xd4!",
              "550 \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
              "\xef\xbf\xbd\xef\xbf\xbd!");
  /* CP1251 "Да": C4 E0.  E0 would start a three-byte sequence.  */
  check_safe ("\xc4\xe0", "\xef\xbf\xbd\xef\xbf\xbd");
}

static void
reports_the_length_needed_when_the_buffer_is_short (void **state)
{
  (void) state;
  char out[8];
  size_t out_len = 0;
  /* "a\x01" needs 5 bytes and a NUL.  */
  assert_int_equal (smtpreply_display_safe ("a\x01", 2, out, 5, &out_len),
                    SMTPREPLY_ENOSPC);
  assert_int_equal (out_len, 5);
  assert_int_equal (smtpreply_display_safe ("a\x01", 2, out, 6, &out_len), 0);
  assert_int_equal (out_len, 5);
  assert_string_equal (out, "a\\x01");
  /* Asking with no buffer at all tells the size.  */
  out_len = 0;
  assert_int_equal (smtpreply_display_safe ("hello", 5, NULL, 0, &out_len),
                    SMTPREPLY_ENOSPC);
  assert_int_equal (out_len, 5);
  assert_int_equal (smtpreply_display_safe ("", 0, NULL, 0, &out_len),
                    SMTPREPLY_ENOSPC);
  assert_int_equal (out_len, 0);
  assert_int_equal (smtpreply_display_safe ("\xff", 1, out, 3, &out_len),
                    SMTPREPLY_ENOSPC);
  assert_int_equal (out_len, 3);
}

static void
refuses_invalid_arguments (void **state)
{
  (void) state;
  char out[8];
  size_t out_len = 0;
  assert_int_equal (
      smtpreply_display_safe (NULL, 1, out, sizeof out, &out_len),
      SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_display_safe ("a", 1, NULL, 8, &out_len),
                    SMTPREPLY_EINVAL);
  assert_int_equal (smtpreply_display_safe ("a", 1, out, sizeof out, NULL),
                    SMTPREPLY_EINVAL);
  /* NULL with no bytes is the empty text.  */
  assert_int_equal (
      smtpreply_display_safe (NULL, 0, out, sizeof out, &out_len), 0);
  assert_int_equal (out_len, 0);
  assert_string_equal (out, "");
}

/* Return nonzero if the LEN bytes at S are well-formed UTF-8 (RFC 3629).  */
static int
valid_utf8 (const unsigned char *s, size_t len)
{
  size_t i = 0;
  while (i < len)
    {
      unsigned char c = s[i];
      size_t n;
      unsigned char lo = 0x80;
      unsigned char hi = 0xbf;
      if (c < 0x80)
        n = 0;
      else if (c >= 0xc2 && c <= 0xdf)
        n = 1;
      else if (c >= 0xe0 && c <= 0xef)
        {
          n = 2;
          lo = c == 0xe0 ? 0xa0 : 0x80;
          hi = c == 0xed ? 0x9f : 0xbf;
        }
      else if (c >= 0xf0 && c <= 0xf4)
        {
          n = 3;
          lo = c == 0xf0 ? 0x90 : 0x80;
          hi = c == 0xf4 ? 0x8f : 0xbf;
        }
      else
        return 0;
      if (len - i - 1 < n)
        return 0;
      for (size_t k = 1; k <= n; k++)
        {
          if (s[i + k] < lo || s[i + k] > hi)
            return 0;
          lo = 0x80;
          hi = 0xbf;
        }
      i += n + 1;
    }
  return 1;
}

/* Check that the LEN bytes at IN fit in 4 * LEN + 1 bytes, and that the
   result is valid UTF-8 with no C0, DEL, C1 or ESC in it.  */
static void
check_bound_and_output (const unsigned char *in, size_t len)
{
  char out[4 * 64 + 1];
  size_t out_len = 0;
  assert_true (len <= 64);
  assert_int_equal (smtpreply_display_safe ((const char *) in, len, out,
                                            4 * len + 1, &out_len),
                    0);
  assert_true (out_len <= 4 * len);
  assert_int_equal (out[out_len], '\0');
  const unsigned char *s = (const unsigned char *) out;
  assert_true (valid_utf8 (s, out_len));
  for (size_t i = 0; i < out_len; i++)
    {
      assert_true (s[i] >= 0x20);
      assert_true (s[i] != 0x7f);
      /* C1 in UTF-8 would be C2 80..C2 9F.  */
      if (s[i] == 0xc2)
        assert_true (i + 1 < out_len && s[i + 1] >= 0xa0);
    }
}

static void
fits_every_single_byte_in_four_times_its_length (void **state)
{
  (void) state;
  for (int b = 0; b < 256; b++)
    {
      unsigned char in[1] = { (unsigned char) b };
      check_bound_and_output (in, 1);
    }
  /* The worst case, four bytes out for each byte in, is reached.  */
  char out[5];
  size_t out_len = 0;
  assert_int_equal (smtpreply_display_safe ("\x01", 1, out, 5, &out_len), 0);
  assert_int_equal (out_len, 4);
}

/* A small fixed-seed generator, so the run is the same every time.  */
static uint32_t
next_random (uint32_t *seed)
{
  *seed = *seed * 1103515245u + 12345u;
  return *seed >> 8;
}

static void
fits_random_input_in_four_times_its_length (void **state)
{
  (void) state;
  /* Bytes chosen to hit every branch: controls, ESC and sequence bytes,
     lead and continuation bytes, and invisible characters' bytes.  */
  static const unsigned char pool[] = {
    0x00, 0x01, 0x07, 0x09, 0x0a, 0x0d, 0x1b, 0x1b, '[',  ']',
    '\\', 'P',  '(',  ';',  '0',  '3',  'm',  'a',  ' ',  0x7f,
    0x80, 0x85, 0x9b, 0xa0, 0xa8, 0xae, 0xbf, 0xc0, 0xc2, 0xd0,
    0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
  };
  uint32_t seed = 20261128;
  unsigned char in[64];
  for (int round = 0; round < 20000; round++)
    {
      size_t len = next_random (&seed) % (sizeof in + 1);
      for (size_t i = 0; i < len; i++)
        {
          uint32_t r = next_random (&seed);
          in[i] = r % 4 == 0 ? (unsigned char) (r >> 8)
                             : pool[(r >> 8) % sizeof pool];
        }
      check_bound_and_output (in, len);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (keeps_printable_ascii_as_is),
    cmocka_unit_test (escapes_c0_controls_as_hex),
    cmocka_unit_test (turns_a_tab_into_a_space),
    cmocka_unit_test (escapes_del),
    cmocka_unit_test (escapes_c1_controls_and_separators_as_code_points),
    cmocka_unit_test (removes_csi_sequences),
    cmocka_unit_test (removes_osc_sequences),
    cmocka_unit_test (removes_other_escape_sequences),
    cmocka_unit_test (removes_a_lone_escape_at_the_end),
    cmocka_unit_test (removes_bidirectional_controls),
    cmocka_unit_test (removes_zero_width_characters_and_the_bom),
    cmocka_unit_test (replaces_invalid_utf8_by_maximal_subparts),
    cmocka_unit_test (keeps_valid_non_ascii_text),
    cmocka_unit_test (replaces_koi8_r_bytes),
    cmocka_unit_test (reports_the_length_needed_when_the_buffer_is_short),
    cmocka_unit_test (refuses_invalid_arguments),
    cmocka_unit_test (fits_every_single_byte_in_four_times_its_length),
    cmocka_unit_test (fits_random_input_in_four_times_its_length),
  };
  return cmocka_run_group_tests (tests, NULL, NULL);
}
