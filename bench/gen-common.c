/* gen-common.c -- what the benchmark's two generators share.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later  */

#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen-common.h"

/* ------------------------------------------------------------------------
   Randomness: splitmix64, seeded from the command line.  */

static uint64_t random_state;

/* Start the sequence at SEED.  */
void
gen_seed (uint64_t seed)
{
  random_state = seed;
}

/* Return the next number of the sequence.  */
uint64_t
gen_random (void)
{
  random_state += UINT64_C (0x9e3779b97f4a7c15);
  uint64_t z = random_state;
  z = (z ^ (z >> 30)) * UINT64_C (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * UINT64_C (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Return a number from 0 to N - 1.  */
unsigned int
gen_below (unsigned int n)
{
  return (unsigned int) (gen_random () % n);
}

/* Return a number from LO to HI.  */
unsigned int
gen_between (unsigned int lo, unsigned int hi)
{
  return lo + gen_below (hi - lo + 1);
}

/* Return 1 with a chance of PER_MILLE in 1000, else 0.  */
int
gen_chance (unsigned int per_mille)
{
  return gen_below (1000) < per_mille;
}

/* Return one of the N strings at LIST.  */
const char *
gen_pick (const char *const *list, size_t n)
{
  return list[gen_below ((unsigned int) n)];
}

/* Fill BUF with N characters from ALPHABET and a NUL; return BUF.  */
char *
gen_chars (char *buf, size_t n, const char *alphabet)
{
  size_t k = strlen (alphabet);
  for (size_t i = 0; i < n; i++)
    buf[i] = alphabet[gen_below ((unsigned int) k)];
  buf[n] = '\0';
  return buf;
}

/* Return the size SPEC gives (digits and an optional K, M or G for KiB,
   MiB or GiB), or 0 if it is not one.  */
uint64_t
gen_parse_size (const char *spec)
{
  char *end;
  errno = 0;
  unsigned long long n = strtoull (spec, &end, 10);
  if (errno != 0 || end == spec || spec[0] == '-')
    return 0;
  unsigned int shift = 0;
  if (*end == 'K' || *end == 'k')
    shift = 10;
  else if (*end == 'M' || *end == 'm')
    shift = 20;
  else if (*end == 'G' || *end == 'g')
    shift = 30;
  if (shift != 0)
    end++;
  if (*end != '\0' || n > (UINT64_MAX >> shift))
    return 0;
  return (uint64_t) n << shift;
}

/* Store the seed ARG gives (decimal digits) in *SEED.  Return 0, or -1
   if ARG is not a seed.  */
int
gen_parse_seed (const char *arg, uint64_t *seed)
{
  char *end;
  errno = 0;
  unsigned long long n = strtoull (arg, &end, 10);
  if (errno != 0 || *end != '\0' || end == arg || arg[0] == '-')
    return -1;
  *seed = n;
  return 0;
}

/* ------------------------------------------------------------------------
   Names, addresses and identifiers.  Domains are the reserved example
   ones; the providers' own names appear where their servers print them.  */

static const char *const domains[]
    = { "example.com",   "example.net",    "example.org",
        "example.de",    "example.co.uk",  "example.fr",
        "example.nl",    "example.jp",     "example.com.br",
        "example.edu",   "mail.example.ru", "corp.example.com" };

static const char *const users[]
    = { "alice",   "bob",        "j.smith",  "info",     "noreply",
        "sales",   "m.mueller",  "support",  "postmaster", "billing",
        "newsletter", "k.tanaka", "hr",      "office",   "admin",
        "n.ivanova", "jobs",     "contact",  "lucas.martin", "abuse" };

const char gen_hex[] = "0123456789abcdef";
const char gen_upper_hex[] = "0123456789ABCDEF";
const char gen_base62[]
    = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* Return one of the example domains.  */
const char *
gen_domain (void)
{
  return GEN_PICK (domains);
}

/* Return a local part of an address.  */
const char *
gen_user (void)
{
  return GEN_PICK (users);
}

/* Return an address in a static buffer (two alternate, so that a line
   can hold two).  */
const char *
gen_address (void)
{
  static char buf[2][80];
  static int which;
  which = !which;
  snprintf (buf[which], sizeof buf[which], "%s@%s", GEN_PICK (users),
            GEN_PICK (domains));
  return buf[which];
}

/* Return a dotted IPv4 address in a static buffer.  */
const char *
gen_ipv4 (void)
{
  static char buf[20];
  snprintf (buf, sizeof buf, "%u.%u.%u.%u", gen_between (11, 223),
            gen_below (256), gen_below (256), gen_between (1, 254));
  return buf;
}

/* Return a Gmail tracking id ("5b1f17b1804b1-43bc0a4c5a7si123456f8f.123")
   in a static buffer.  */
const char *
gen_gmail_id (void)
{
  static char buf[64];
  char a[16], b[16], d[8];
  snprintf (buf, sizeof buf, "%s-%ssi%06u%s.%u",
            gen_chars (a, 13, gen_hex), gen_chars (b, 11, gen_hex),
            gen_below (1000000),
            gen_chars (d, 3, "abcdefghijklmnopqrstuvwxyz0123456789"),
            gen_below (1000));
  return buf;
}

/* Return a Postfix queue id, long ("4Z6xYz1Q2Bz9sWq") or short
   ("3F2A41C0B9"), in a static buffer.  */
const char *
gen_postfix_id (void)
{
  static char buf[24];
  if (gen_chance (700))
    gen_chars (buf, gen_between (12, 15),
               "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz");
  else
    gen_chars (buf, gen_between (10, 11), gen_upper_hex);
  return buf;
}

/* Return an Exim message id ("1tpQ2x-00AbCd-3E") in a static buffer.  */
const char *
gen_exim_id (void)
{
  static char buf[24];
  char a[8], b[8], c[4];
  snprintf (buf, sizeof buf, "%s-%s-%s", gen_chars (a, 6, gen_base62),
            gen_chars (b, 6, gen_base62), gen_chars (c, 2, gen_base62));
  return buf;
}

/* Return a Sendmail queue id ("524AbCdE012345") in a static buffer.  */
const char *
gen_sendmail_id (void)
{
  static char buf[24];
  char a[12];
  snprintf (buf, sizeof buf, "5%s%06u", gen_chars (a, 7, gen_base62),
            gen_below (1000000));
  return buf;
}

/* Return the name of an Exchange Online front end
   ("AM4PEPF00027A5F.eurprd04.prod.outlook.com") in a static buffer.  */
const char *
gen_outlook_host (void)
{
  static const char *const regions[]
      = { "eurprd04", "eurprd05", "namprd11", "namprd12", "apcprd06",
          "gbrprd01", "ausprd01", "jpnprd01" };
  static const char *const kinds[] = { "PEPF", "PR02MB", "PR11MB", "FT" };
  static char buf[80];
  char a[4], b[12];
  snprintf (buf, sizeof buf, "%s%u%s%s.%s.prod.outlook.com",
            gen_chars (a, 2, "ABCDEFGHJKLMNPRSTVWY"), gen_below (10),
            GEN_PICK (kinds), gen_chars (b, 8, gen_upper_hex),
            GEN_PICK (regions));
  return buf;
}

/* Return an ISO 8601 time stamp with a correlation id, as Exchange Online
   ends its rejections with ("2025-03-04T10:11:12.345Z 08DD5A1B2C3D4E5F"),
   in a static buffer.  */
const char *
gen_outlook_stamp (void)
{
  static char buf[64];
  char id[20];
  snprintf (buf, sizeof buf, "2025-%02u-%02uT%02u:%02u:%02u.%03uZ %s",
            gen_between (1, 12), gen_between (1, 28), gen_below (24),
            gen_below (60), gen_below (60), gen_below (1000),
            gen_chars (id, 16, gen_upper_hex));
  return buf;
}
