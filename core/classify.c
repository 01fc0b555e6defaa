/* classify.c -- why a message failed: reasons, rules and verdicts.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   The reasons are the rows of reasons.def and the rules those of
   rules.def; this file holds no knowledge of its own, only the machine
   that applies the rules.

   At first use the rules are compiled once: each pattern is read into
   numbers and masks, and the phrases of the rules and of the stage hints
   go into one trie, over the bytes that occur in phrases (every other
   byte is one class).  A text is read as if lowered to ASCII lower case
   with its runs of white space made one space: the trie is followed from
   each place where a phrase may start at a word boundary, which records
   the first and last place in the text of every phrase found.  Each rule
   is then a few comparisons; the rules are tried from the highest
   priority down, only those whose code allows the reply's class, and the
   first that holds wins.  */

#include <config.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined __SSE2__ && defined __GNUC__
# include <emmintrin.h>
#endif

#include "smtpreply.h"
#include "internal.h"
#ifdef SMTPREPLY__AVX2_PATHS
# include <immintrin.h>
#endif

/* The reasons.  */

enum
{
#define SMTPREPLY_REASON(name, soft, remedy, title, text) REASON_##name,
#include "reasons.def"
#undef SMTPREPLY_REASON
  REASON_COUNT
};

static const struct smtpreply_reason reasons[] = {
#define SMTPREPLY_REASON(name, soft, remedy, title, text)                    \
  { REASON_##name, #name, SMTPREPLY_SEVERITY_##soft,                         \
    SMTPREPLY_REMEDY_##remedy, title, text },
#include "reasons.def"
#undef SMTPREPLY_REASON
};

size_t
smtpreply_reason_count (void)
{
  return SMTPREPLY__N_ELEMS (reasons);
}

const struct smtpreply_reason *
smtpreply_reason_at (size_t i)
{
  return i < SMTPREPLY__N_ELEMS (reasons) ? &reasons[i] : NULL;
}

const struct smtpreply_reason *
smtpreply_reason_lookup (const char *name)
{
  int value;
  if (smtpreply_token_value (SMTPREPLY_TOKEN_REASON, name, &value) != 0)
    return NULL;
  return &reasons[value];
}

/* The rules.  */

static const struct smtpreply_rule rules[] = {
#define SMTPREPLY_RULE(id, reason, priority, severity, code, enhanced,      \
                       stages, mta, phrase, source)                          \
  { id, &reasons[REASON_##reason], priority, code, enhanced, stages, mta,    \
    phrase, source, severity },
#include "rules.def"
#undef SMTPREPLY_RULE
};

/* A stage hint: words that say which command a reply answered.  */
static const struct
{
  int stage;
  const char *phrase;
} hints[] = {
#define SMTPREPLY_RULE(id, reason, priority, severity, code, enhanced,      \
                       stages, mta, phrase, source)
#define SMTPREPLY_STAGE_HINT(stage, phrase)                                  \
  { SMTPREPLY_STAGE_##stage, phrase },
#include "rules.def"
#undef SMTPREPLY_STAGE_HINT
#undef SMTPREPLY_RULE
};

size_t
smtpreply_rule_count (void)
{
  return SMTPREPLY__N_ELEMS (rules);
}

const struct smtpreply_rule *
smtpreply_rule_at (size_t i)
{
  return i < SMTPREPLY__N_ELEMS (rules) ? &rules[i] : NULL;
}

const struct smtpreply_rule *
smtpreply_rule_lookup (const char *id)
{
  if (id == NULL)
    return NULL;
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (rules); i++)
    if (strcmp (rules[i].id, id) == 0)
      return &rules[i];
  return NULL;
}

/* The compiled form.  */

/* The most parts of one phrase, and the longest part.  */
#define MAX_PARTS 4
#define MAX_PART_LENGTH 255

/* The longest text read, after lowering: longer texts are read up to
   here.  */
#define MAX_TEXT (64 * 1024)

/* How many domains an MTA pattern may name.  */
#define MAX_DOMAINS 8

/* A rule, compiled.  */
struct compiled
{
  int code_min, code_max;  /* the codes CODE allows; 0, 0: any */
  int class_only;          /* CODE is one digit */
  int enh_min[3];          /* ENHANCED: class, subject, detail, each a
                              range of numbers; -1, -1: any; enh_parts
                              says how many were given */
  int enh_max[3];
  int enh_parts;
  unsigned int stages;     /* a bit per stage; 0: any */
  const char *domains[MAX_DOMAINS]; /* into MTA, not NUL-terminated */
  size_t domain_len[MAX_DOMAINS];
  size_t ndomains;
  int parts[MAX_PARTS];    /* the phrase's parts, as part numbers */
  size_t nparts;
  int severity;            /* SMTPREPLY_SEVERITY_SOFT or _HARD if the rule
                              says, else SMTPREPLY_SEVERITY_NONE */
};

/* A phrase part: a string the automaton finds.  */
struct part
{
  char text[MAX_PART_LENGTH + 1];
  size_t len;
};

/* A node of the trie, compacted: most nodes have one child (the parts
   are long strings that share few prefixes), which comes right after the
   node; a node with more children has a row of NCLASSES children in a
   table.  So the trie takes a few dozen KiB, and a walk stays in the
   processor's caches where a full table of every node's children would
   not; and along a run of single children, the next node's place is
   known without waiting for a load.  */
struct node
{
  uint32_t link;           /* NODE_DENSE: where the node's row starts in
                              the rows (its number times the classes) */
  int32_t own;             /* the part that ends at the node, or -1 */
  unsigned char only;      /* the class of the only child, NO_CHILD if
                              there is none */
  unsigned char flags;     /* NODE_DENSE, NODE_WORD_END */
};

/* The node has a row of children.  */
#define NODE_DENSE 1
/* The part that ends at the node ends with a word byte: it must not be
   followed by one.  */
#define NODE_WORD_END 2

/* The most word bytes that start parts for which the SSE2 scan tests
   each byte against each of them.  */
#define FEW_FIRSTS 6

/* A trie of parts: NNODES nodes over NCLASSES classes of bytes.  Its
   nodes name parts by their number in machine.parts, whichever of them
   the trie holds.  */
struct trie
{
  unsigned char byte_class[256]; /* raw byte to the class of its lower
                                    case (0: in no part); white space to
                                    WHITE */
  size_t nclasses;
  size_t space;            /* the class of ' ' (0: no part has one) */
  struct node *nodes;      /* the nodes; the root is 0 */
  uint32_t *rows;          /* [row * nclasses + class]: a child of a node
                              that has a row, or 0 */
  size_t nnodes;
  unsigned char word[256]; /* raw byte: a word byte once lowered */
  unsigned char first[256]; /* raw byte: some part starts with its lower
                               case */
  unsigned char *pair;     /* [class * nclasses + class]: some part starts
                              with a byte of the first class and goes on
                              with one of the second, or has one byte */
  uint64_t *triple;        /* a bit per ((class * nclasses + class)
                              * nclasses + class): some part starts with
                              bytes of these three classes, or with the
                              first two and has two, or with the first
                              and has one; NULL if the classes are too
                              many for a small table */
  unsigned char odd_first[4]; /* the bytes that start parts and are not
                                 word bytes, if there are at most four */
  size_t nodd_first;       /* their number, or SIZE_MAX if more */
  /* The word bytes that start parts, if there are at most FEW_FIRSTS of
     them (a letter in either case counting once): the letters, in lower
     case, and the others.  */
  unsigned char first_letters[FEW_FIRSTS];
  unsigned char first_others[FEW_FIRSTS];
  size_t nfirst_letters;
  size_t nfirst_others;
  int few_firsts;          /* nonzero if there are at most FEW_FIRSTS */
  /* The bytes below 0x80 that start parts, for the AVX2 scan: by a
     byte's low half, a bit for each high half (0 to 7) that makes one.  */
  unsigned char first_by_low[16];
  int digit_firsts;        /* nonzero if some part starts with a digit */
  int high_firsts;         /* nonzero if some part starts with an 8-bit
                              byte */
};

/* The rules, compiled, and the tries of their parts.  */
static struct
{
  struct trie full;        /* every part */
  struct trie success;     /* the parts a verdict on a success (2yz)
                              depends on: those of the stage hints and of
                              the rules written for successes */
  struct part *parts;
  size_t nparts;
  struct compiled *compiled;
  size_t *order[6];        /* for each class of reply (0: none), the rules
                              without words its class allows, highest
                              priority first, then in table order */
  size_t norder[6];
  size_t *by_part;         /* the rules with words, by their first part: */
  size_t *part_rules;      /* those of part P are BY_PART[PART_RULES[P]]
                              to BY_PART[PART_RULES[P + 1]] */
  int *hint_parts;         /* the part of each stage hint */
  int ok;
} machine;

static pthread_once_t compile_once = PTHREAD_ONCE_INIT;

/* Return C in lower case if it is an ASCII capital, else C.  */
static unsigned char
lower (unsigned char c)
{
  return c >= 'A' && c <= 'Z' ? (unsigned char) (c - 'A' + 'a') : c;
}

/* Return nonzero if C is white space.  */
static int
is_space (unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'
         || c == '\v';
}

/* Return nonzero if C is part of a word: an ASCII letter or digit, or a
   byte of a UTF-8 sequence.  */
static int
is_word (unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Return nonzero if C is an ASCII digit.  */
static int
is_digit (unsigned char c)
{
  return c >= '0' && c <= '9';
}

/* Return the length of the code that starts a line of a multi-line reply
   at S[AT] (LEN bytes in all): a reply code and its separator, and the
   enhanced code after them if there is one ("552-5.3.4", "550 "); or 0
   if no code starts there.  */
static size_t
line_code (const char *s, size_t len, size_t at)
{
  size_t i = at;
  for (int k = 0; k < 3; k++, i++)
    if (i >= len || !is_digit ((unsigned char) s[i]))
      return 0;
  if (i < len && s[i] != '-' && s[i] != ' ')
    return 0;
  if (i < len)
    i++;
  /* An enhanced code: a digit, then two dots each followed by one to
     three digits, and the end of a word.  */
  size_t j = i;
  if (j + 1 < len && is_digit ((unsigned char) s[j]) && s[j + 1] == '.')
    {
      j += 2;
      int parts = 0;
      while (parts < 2)
        {
          size_t digits = 0;
          while (j < len && is_digit ((unsigned char) s[j]) && digits < 3)
            {
              j++;
              digits++;
            }
          if (digits == 0)
            break;
          parts++;
          if (parts < 2)
            {
              if (j >= len || s[j] != '.')
                break;
              j++;
            }
        }
      if (parts == 2 && (j == len || is_space ((unsigned char) s[j])))
        i = j;
    }
  return i - at;
}

/* Lower the LEN bytes at S into OUT (of at least LEN bytes), making runs
   of white space one space and trimming it at both ends.  The codes that
   start the second and later lines of a multi-line reply are left out,
   so that words read on across the lines ("header\n552-5.3.4 size").
   Return the length written.  */
static size_t
normalise (const char *s, size_t len, char *out)
{
  size_t n = 0;
  int space = 0;
  for (size_t i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (is_space (c))
        {
          space = n > 0;
          if (c == '\n')
            i += line_code (s, len, i + 1);
          continue;
        }
      if (space)
        out[n++] = ' ';
      space = 0;
      out[n++] = (char) lower (c);
    }
  return n;
}

/* Return the number of the part of LEN bytes at S, adding it if it is
   new, or -1 if it is too long or memory ran out.  */
static int
add_part (const char *s, size_t len, size_t *cap)
{
  char buf[MAX_PART_LENGTH + 1];
  if (len == 0 || len > MAX_PART_LENGTH)
    return -1;
  size_t n = normalise (s, len, buf);
  for (size_t i = 0; i < machine.nparts; i++)
    if (machine.parts[i].len == n
        && memcmp (machine.parts[i].text, buf, n) == 0)
      return (int) i;
  if (machine.nparts == *cap)
    {
      size_t c = *cap < 64 ? 64 : *cap * 2;
      struct part *p = realloc (machine.parts, c * sizeof *p);
      if (p == NULL)
        return -1;
      machine.parts = p;
      *cap = c;
    }
  struct part *p = &machine.parts[machine.nparts];
  memcpy (p->text, buf, n);
  p->text[n] = '\0';
  p->len = n;
  return (int) machine.nparts++;
}

/* Read the number of up to three digits at *S, advancing *S.  Return it,
   or -1 if *S is "X" (any), or -2 if it is neither.  */
static int
pattern_number (const char **s)
{
  if (**s == 'X' || **s == 'x')
    {
      (*s)++;
      return -1;
    }
  int v = 0;
  int digits = 0;
  while (**s >= '0' && **s <= '9' && digits < 4)
    {
      v = v * 10 + (**s - '0');
      (*s)++;
      digits++;
    }
  return digits > 0 ? v : -2;
}

/* Compile rule R into *C.  Return 0, or -1 if it is malformed (t-rules
   checks that none is).  */
static int
compile_rule (const struct smtpreply_rule *r, struct compiled *c,
              size_t *part_cap)
{
  memset (c, 0, sizeof *c);
  if (strcmp (r->severity, "soft") == 0)
    c->severity = SMTPREPLY_SEVERITY_SOFT;
  else if (strcmp (r->severity, "hard") == 0)
    c->severity = SMTPREPLY_SEVERITY_HARD;
  else if (r->severity[0] == '\0')
    c->severity = SMTPREPLY_SEVERITY_NONE;
  else
    return -1;
  size_t n = strlen (r->code);
  if (n > 3)
    return -1;
  if (n > 0)
    {
      int v = 0;
      for (size_t i = 0; i < n; i++)
        {
          if (r->code[i] < '0' || r->code[i] > '9')
            return -1;
          v = v * 10 + (r->code[i] - '0');
        }
      int scale = n == 1 ? 100 : n == 2 ? 10 : 1;
      c->code_min = v * scale;
      c->code_max = v * scale + scale - 1;
      c->class_only = n == 1;
    }
  for (int i = 0; i < 3; i++)
    c->enh_min[i] = c->enh_max[i] = -1;
  const char *e = r->enhanced;
  while (*e != '\0' && c->enh_parts < 3)
    {
      int v = pattern_number (&e);
      if (v == -2)
        return -1;
      int last = v;
      /* A range of numbers: "606-649".  */
      if (v >= 0 && *e == '-')
        {
          e++;
          last = pattern_number (&e);
          if (last < v)
            return -1;
        }
      c->enh_min[c->enh_parts] = v;
      c->enh_max[c->enh_parts++] = last;
      if (*e == '.')
        e++;
      else if (*e != '\0')
        return -1;
    }
  if (*e != '\0')
    return -1;
  for (const char *s = r->stages; *s != '\0';)
    {
      const char *bar = strchr (s, '|');
      size_t len = bar != NULL ? (size_t) (bar - s) : strlen (s);
      char name[32];
      int stage;
      if (len == 0 || len >= sizeof name)
        return -1;
      memcpy (name, s, len);
      name[len] = '\0';
      if (smtpreply_token_value (SMTPREPLY_TOKEN_STAGE, name, &stage) != 0)
        return -1;
      c->stages |= 1U << stage;
      s += len + (bar != NULL);
    }
  for (const char *s = r->mta; *s != '\0';)
    {
      const char *bar = strchr (s, '|');
      size_t len = bar != NULL ? (size_t) (bar - s) : strlen (s);
      if (len == 0 || c->ndomains == MAX_DOMAINS)
        return -1;
      c->domains[c->ndomains] = s;
      c->domain_len[c->ndomains++] = len;
      s += len + (bar != NULL);
    }
  for (const char *s = r->phrase; *s != '\0';)
    {
      const char *star = strstr (s, " * ");
      size_t len = star != NULL ? (size_t) (star - s) : strlen (s);
      if (c->nparts == MAX_PARTS)
        return -1;
      int p = add_part (s, len, part_cap);
      if (p < 0)
        return -1;
      c->parts[c->nparts++] = p;
      s += len + (star != NULL ? 3 : 0);
    }
  return 0;
}

/* The class of white space.  */
#define WHITE 255

/* The ONLY of a node without children: no class a walk follows (white
   space is followed as the class of a space).  */
#define NO_CHILD WHITE

/* The nodes of a trie as it is built: each node's children in a list,
   in the order they were made.  */
struct building
{
  uint32_t *first;         /* [node]: its first child, or 0 */
  uint32_t *next;          /* [node]: the next child of its parent, or 0 */
  unsigned char *cls;      /* [node]: the class of the byte that leads to
                              it */
  int *own;                /* [node]: the part that ends there, or -1 */
};

/* Return the child of NODE in B by class C, made as node *NNODES (which
   is counted) if it has none.  */
static uint32_t
child_of (struct building *b, uint32_t node, unsigned char c,
          size_t *nnodes)
{
  uint32_t *link = &b->first[node];
  while (*link != 0 && b->cls[*link] != c)
    link = &b->next[*link];
  if (*link == 0)
    {
      uint32_t made = (uint32_t) (*nnodes)++;
      b->cls[made] = c;
      *link = made;
    }
  return *link;
}

/* Store in PLACE[N] the place of each of the NNODES nodes of B in
   depth-first order from the root, each node before its children, so
   that the only child of a node comes right after it.  Return 0, or -1
   if memory ran out.  */
static int
place_nodes (const struct building *b, size_t nnodes, uint32_t *place)
{
  uint32_t *stack = malloc (nnodes * sizeof *stack);
  if (stack == NULL)
    return -1;
  size_t top = 0;
  uint32_t next = 0;
  stack[top++] = 0;
  while (top > 0)
    {
      uint32_t node = stack[--top];
      place[node] = next++;
      for (uint32_t c = b->first[node]; c != 0; c = b->next[c])
        stack[top++] = c;
    }
  free (stack);
  return 0;
}

/* Make A->nodes and A->rows from B, the children of each of the A->nnodes
   nodes over A->nclasses classes and the part that ends at each, the
   nodes in the order place_nodes gives them.  Return 0, or -1 if memory
   ran out.  */
static int
compact_trie (struct trie *a, const struct building *b)
{
  const size_t nc = a->nclasses;
  const size_t nnodes = a->nnodes;
  uint32_t *place = malloc (nnodes * sizeof *place);
  a->nodes = calloc (nnodes, sizeof *a->nodes);
  if (place == NULL || a->nodes == NULL || place_nodes (b, nnodes, place) < 0)
    {
      free (place);
      return -1;
    }
  size_t nrows = 0;
  for (size_t node = 0; node < nnodes; node++)
    {
      struct node *t = &a->nodes[place[node]];
      uint32_t only = b->first[node];
      t->only = NO_CHILD;
      if (only != 0 && b->next[only] != 0)
        {
          t->flags = NODE_DENSE;
          t->link = (uint32_t) (nrows++ * nc);
        }
      else if (only != 0)
        t->only = b->cls[only];
      t->own = b->own[node];
      if (t->own >= 0)
        {
          const struct part *p = &machine.parts[t->own];
          if (is_word ((unsigned char) p->text[p->len - 1]))
            t->flags |= NODE_WORD_END;
        }
    }
  a->rows = calloc (nrows * nc + 1, sizeof *a->rows);
  if (a->rows != NULL)
    for (size_t node = 0; node < nnodes; node++)
      {
        const struct node *t = &a->nodes[place[node]];
        if (t->flags & NODE_DENSE)
          for (uint32_t c = b->first[node]; c != 0; c = b->next[c])
            a->rows[t->link + b->cls[c]] = place[c];
      }
  free (place);
  return a->rows != NULL ? 0 : -1;
}

/* Build into A the trie of the parts P for which USE[P] is nonzero.
   Return 0, or -1.  */
static int
build_trie (struct trie *a, const unsigned char *use)
{
  /* Classes: one per byte that occurs in a part, class 0 for the rest.  */
  unsigned char cls[256];
  memset (cls, 0, sizeof cls);
  size_t nc = 1;
  size_t total = 1;
  for (size_t i = 0; i < machine.nparts; i++)
    {
      if (!use[i])
        continue;
      total += machine.parts[i].len;
      for (size_t k = 0; k < machine.parts[i].len; k++)
        {
          unsigned char b = (unsigned char) machine.parts[i].text[k];
          if (cls[b] == 0)
            cls[b] = (unsigned char) nc++;
        }
    }
  /* (A row's start, a node times the classes, fits a link.)  */
  if (nc >= WHITE || total > UINT32_MAX / nc)
    return -1;
  a->nclasses = nc;
  a->space = cls[' '];
  for (int b = 0; b < 256; b++)
    {
      unsigned char low = lower ((unsigned char) b);
      a->byte_class[b] = is_space ((unsigned char) b) ? WHITE : cls[low];
      a->word[b] = (unsigned char) is_word (low);
    }
  /* First each node's children in a list (a table of every node by every
     class would take a megabyte, and the time to touch it), then the
     compact form (struct node).  */
  struct building bld;
  bld.first = calloc (total, sizeof *bld.first);
  bld.next = calloc (total, sizeof *bld.next);
  bld.cls = calloc (total, sizeof *bld.cls);
  bld.own = malloc (total * sizeof *bld.own);
  a->pair = calloc (nc * nc, 1);
  int rc = -1;
  if (bld.first == NULL || bld.next == NULL || bld.cls == NULL
      || bld.own == NULL || a->pair == NULL)
    goto done;
  for (size_t s = 0; s < total; s++)
    bld.own[s] = -1;
  /* (52 classes make 18 KiB.)  */
  if (nc <= 64)
    {
      a->triple = calloc ((nc * nc * nc + 63) / 64, sizeof *a->triple);
      if (a->triple == NULL)
        goto done;
    }

  size_t nnodes = 1;
  for (size_t i = 0; i < machine.nparts; i++)
    {
      if (!use[i])
        continue;
      const unsigned char *text
          = (const unsigned char *) machine.parts[i].text;
      size_t len = machine.parts[i].len;
      uint32_t node = 0;
      for (size_t k = 0; k < len; k++)
        node = child_of (&bld, node, cls[text[k]], &nnodes);
      bld.own[node] = (int) i;
      /* Where the part may start: its first byte in any case, then its
         second, or anything if it has one byte.  */
      for (int b = 0; b < 256; b++)
        if (lower ((unsigned char) b) == text[0])
          a->first[b] = 1;
      /* The classes that may follow: the part's own, or any where it
         has ended.  */
      size_t c1_from = len == 1 ? 0 : cls[text[1]];
      size_t c1_to = len == 1 ? nc : c1_from + 1;
      size_t c2_from = len <= 2 ? 0 : cls[text[2]];
      size_t c2_to = len <= 2 ? nc : c2_from + 1;
      for (size_t c1 = c1_from; c1 < c1_to; c1++)
        {
          a->pair[cls[text[0]] * nc + c1] = 1;
          if (a->triple != NULL)
            for (size_t c2 = c2_from; c2 < c2_to; c2++)
              {
                size_t bit = (cls[text[0]] * nc + c1) * nc + c2;
                a->triple[bit / 64] |= UINT64_C (1) << (bit % 64);
              }
        }
    }
  a->nnodes = nnodes;
  rc = compact_trie (a, &bld);
done:
  free (bld.first);
  free (bld.next);
  free (bld.cls);
  free (bld.own);
  if (rc < 0)
    return -1;
  /* The word bytes that start parts, if they are few: a letter for both
     its cases.  */
  size_t few = 0;
  for (int b = 0; b < 256 && few <= FEW_FIRSTS; b++)
    if (a->first[b] && a->word[b] && !(b >= 'A' && b <= 'Z'))
      {
        few++;
        if (few > FEW_FIRSTS)
          break;
        if (b >= 'a' && b <= 'z')
          a->first_letters[a->nfirst_letters++] = (unsigned char) b;
        else
          a->first_others[a->nfirst_others++] = (unsigned char) b;
      }
  a->few_firsts = few <= FEW_FIRSTS;
  for (int b = 0; b < 0x80; b++)
    if (a->first[b])
      a->first_by_low[b & 0x0f] |= (unsigned char) (1u << (b >> 4));
  for (int b = 0; b < 256; b++)
    if (a->first[b] && b >= '0' && b <= '9')
      a->digit_firsts = 1;
    else if (a->first[b] && b >= 0x80)
      a->high_firsts = 1;
  for (int b = 0; b < 256 && a->nodd_first != SIZE_MAX; b++)
    if (a->first[b] && !a->word[b])
      {
        if (a->nodd_first == sizeof a->odd_first)
          a->nodd_first = SIZE_MAX;
        else
          a->odd_first[a->nodd_first++] = (unsigned char) b;
      }
  return 0;
}

/* Return nonzero if compiled rule C allows a reply of class CLS (0:
   none), by its code.  */
static int
allows_class (const struct compiled *c, int cls)
{
  /* A success only by a rule written for 2yz replies (rule_holds_but).  */
  if (cls == 2)
    return c->code_max != 0 && c->code_min / 100 == 2;
  return c->code_max == 0 || c->code_min / 100 == cls;
}

/* Order rule indexes A and B by priority, highest first, then by their
   place in the table, for qsort.  */
static int
cmp_priority (const void *a, const void *b)
{
  size_t x = *(const size_t *) a;
  size_t y = *(const size_t *) b;
  if (rules[x].priority != rules[y].priority)
    return rules[x].priority > rules[y].priority ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* Make the lists of rules to try: for each class of reply, the rules
   without words it allows; for each part, the rules with words that start
   with it.  Return 0, or -1 if memory ran out.  */
static int
order_rules (void)
{
  size_t n = SMTPREPLY__N_ELEMS (rules);
  for (int cls = 0; cls < 6; cls++)
    {
      machine.order[cls] = malloc ((n + 1) * sizeof *machine.order[cls]);
      if (machine.order[cls] == NULL)
        return -1;
      size_t m = 0;
      for (size_t i = 0; i < n; i++)
        if (machine.compiled[i].nparts == 0
            && allows_class (&machine.compiled[i], cls))
          machine.order[cls][m++] = i;
      qsort (machine.order[cls], m, sizeof *machine.order[cls], cmp_priority);
      machine.norder[cls] = m;
    }
  machine.by_part = malloc ((n + 1) * sizeof *machine.by_part);
  machine.part_rules = calloc (machine.nparts + 1,
                               sizeof *machine.part_rules);
  if (machine.by_part == NULL || machine.part_rules == NULL)
    return -1;
  size_t m = 0;
  for (size_t p = 0; p < machine.nparts; p++)
    {
      machine.part_rules[p] = m;
      for (size_t i = 0; i < n; i++)
        if (machine.compiled[i].nparts > 0
            && machine.compiled[i].parts[0] == (int) p)
          machine.by_part[m++] = i;
    }
  machine.part_rules[machine.nparts] = m;
  return 0;
}

/* Compile the rules and the hints.  Called once.  */
static void
compile (void)
{
  size_t part_cap = 0;
  machine.compiled = calloc (SMTPREPLY__N_ELEMS (rules),
                             sizeof *machine.compiled);
  machine.hint_parts = calloc (SMTPREPLY__N_ELEMS (hints),
                               sizeof *machine.hint_parts);
  if (machine.compiled == NULL || machine.hint_parts == NULL)
    return;
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (rules); i++)
    if (compile_rule (&rules[i], &machine.compiled[i], &part_cap) < 0)
      return;
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (hints); i++)
    {
      machine.hint_parts[i] = add_part (hints[i].phrase,
                                        strlen (hints[i].phrase), &part_cap);
      if (machine.hint_parts[i] < 0)
        return;
    }
  /* The parts of the hints and of the rules written for successes: a
     verdict on a success depends on no other (rule_holds_but).  */
  unsigned char *use = calloc (machine.nparts + 1, 1);
  if (use == NULL)
    return;
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (hints); i++)
    use[machine.hint_parts[i]] = 1;
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (rules); i++)
    if (allows_class (&machine.compiled[i], 2))
      for (size_t k = 0; k < machine.compiled[i].nparts; k++)
        use[machine.compiled[i].parts[k]] = 1;
  int ok = build_trie (&machine.success, use) == 0;
  memset (use, 1, machine.nparts + 1);
  ok = ok && build_trie (&machine.full, use) == 0;
  free (use);
  machine.ok = ok && order_rules () == 0;
}

int
smtpreply__rules_compile (void)
{
  pthread_once (&compile_once, compile);
  return machine.ok ? 0 : SMTPREPLY_ENOMEM;
}

/* Where a part was found in a text, as offsets of the text: its first
   place and its last.  */
struct found
{
  size_t first_start;
  size_t first_end;
  size_t last_start;
  size_t last_end;
};

/* The parts found in a text: a bit per part, set when it was found, and
   where it was (meaningful only where the bit is set, so that only the
   bits are cleared for each text).  */
struct findings
{
  uint64_t *seen;
  struct found *found;
  size_t nfound;           /* the parts found: bits set in SEEN */
};

/* Return the number of the lowest bit set in W (not 0).  */
static inline int
lowest_bit (uint64_t w)
{
#if defined __GNUC__
  return __builtin_ctzll (w);
#else
  int n = 0;
  while (!(w & 1))
    {
      w >>= 1;
      n++;
    }
  return n;
#endif
}

/* Return nonzero if part I was found in F.  */
static inline int
was_found (const struct findings *f, size_t i)
{
  return (f->seen[i / 64] >> (i % 64)) & 1;
}

/* Record in F the part PART found from offset START to offset END (the
   byte after it) of a text.  */
static void
record_part (struct findings *f, int part, size_t start, size_t end)
{
  struct found *r = &f->found[part];
  if (!was_found (f, (size_t) part))
    {
      f->seen[part / 64] |= UINT64_C (1) << (part % 64);
      f->nfound++;
      r->first_start = start;
      r->first_end = end;
    }
  r->last_start = start;
  r->last_end = end;
}

/* Follow the trie A from offset START of the LEN bytes at T, as the lowered
   text with its runs of white space made one space reads, and record in F
   each part that ends there at a word boundary.  */
static void
walk (const struct trie *a, const unsigned char *t, size_t len, size_t start,
      struct findings *f)
{
  const struct node *const nodes = a->nodes;
  const unsigned char *const byte_class = a->byte_class;
  const struct node *at = nodes;
  for (size_t i = start; i < len; i++)
    {
      size_t c = byte_class[t[i]];
      if (c == WHITE)
        {
          /* A run of white space reads as one space, and so do the codes
             that start the lines after a line break in it (normalise).  */
          c = a->space;
          for (;;)
            {
              if (t[i] == '\n')
                i += line_code ((const char *) t, len, i + 1);
              if (i + 1 < len && byte_class[t[i + 1]] == WHITE)
                i++;
              else
                break;
            }
        }
      /* (A class 0 byte is in no part: no node has a child of it, and
         the only child of a node is never of class 0.)  */
      if (at->flags & NODE_DENSE)
        {
          uint32_t node = a->rows[at->link + c];
          if (node == 0)
            return;
          at = &nodes[node];
        }
      else if (c == at->only)
        at++;
      else
        return;
      int part = at->own;
      if (part < 0)
        continue;
      /* A part that ends with a word byte must not be followed by one.
         (No part ends with a space.)  */
      if ((at->flags & NODE_WORD_END) && i + 1 < len && a->word[t[i + 1]])
        continue;
      record_part (f, part, start, i + 1);
    }
}

/* How scan_text finds in the LEN bytes at T each part, as it occurs in
   the text lowered to ASCII lower case with its runs of white space made
   one space and trimmed (normalise), at word boundaries: a part that
   starts with a word byte must not follow one, and one that ends with a
   word byte must not be followed by one.  It records in F the first and
   the last place of each, as offsets of T: a part found in the lowered
   text from its byte A to its byte B is recorded from the offset of A's
   byte in T to the one after B's.  Those offsets keep the order of the
   lowered bytes (no part starts or ends with a space), so comparing them
   compares places of the lowered text.

   A part is looked for only where it may start: where its first byte is,
   not inside a word if that byte is a word byte, and only if the byte
   after it may follow it (each part's first two bytes are kept); most
   bytes of a text are inside words, and most words start no part.  Places
   are tried in order, so that a part's first place is found first.  */

int smtpreply__classify_filter = 1;
int smtpreply__classify_success = 1;

/* Look for parts at offset I of the LEN bytes at T, where one may start
   (its byte is one a part starts with), and record them in F.  The trie
   is walked only if the next bytes may follow: the second byte's class
   (white space reads as a space) must follow the first in some part, and,
   when neither the second nor the third byte is white space, the three
   classes must start some part (or the first two a part of two bytes, or
   the first a part of one).  Those tests never turn away a part that is
   there: where the second and third bytes are not white space, the
   lowered text has their lower case right after the first byte (white
   space is the only thing normalise folds or skips), so a part found
   there starts with their classes.  */
static inline void
try_start (const struct trie *a, const unsigned char *t, size_t len, size_t i,
           struct findings *f)
{
  const size_t nc = a->nclasses;
  size_t first = a->byte_class[t[i]];
  size_t next = 0;
  if (i + 1 < len)
    {
      next = a->byte_class[t[i + 1]];
      if (next == WHITE)
        next = a->space;
    }
  if (!a->pair[first * nc + next])
    return;
  /* The first three bytes, where none is white space (a run of it reads
     as one space, and a line break may skip a code: the walk sorts those
     out).  */
  if (smtpreply__classify_filter && a->triple != NULL && i + 2 < len
      && a->byte_class[t[i + 1]] != WHITE
      && a->byte_class[t[i + 2]] != WHITE)
    {
      /* Neither is white: NEXT is the second byte's class.  */
      size_t bit = (first * nc + next) * nc + a->byte_class[t[i + 2]];
      if (!((a->triple[bit / 64] >> (bit % 64)) & 1))
        return;
    }
  walk (a, t, len, i, f);
}

/* Scan the LEN bytes at T from offset FROM, the byte before which is a
   word byte if AFTER_WORD: the plain way, a byte at a time.  The code
   that starts a line after a line break is no place to start: the
   lowered text leaves it out (normalise), and the byte after it starts a
   word there (the code ends with its separator, or before white
   space).  */
static void
scan_plain (const struct trie *a, const unsigned char *t, size_t len,
            size_t from, int after_word, struct findings *f)
{
  const unsigned char *first = a->first;
  const unsigned char *word = a->word;
  for (size_t i = from; i < len; i++)
    {
      unsigned char b = t[i];
      if (b == '\n')
        {
          i += line_code ((const char *) t, len, i + 1);
          after_word = 0;
          continue;
        }
      int in_word = after_word && word[b];
      after_word = word[b];
      if (first[b] && !in_word)
        try_start (a, t, len, i, f);
    }
}

#if defined __SSE2__ && defined __GNUC__
/* Look for parts at the offsets BLOCK + K of the LEN bytes at T for each
   bit K set in STARTS (places a scan with SIMD found, in order), where
   the byte starts a part, and record them in F.  */
static inline void
try_starts (const struct trie *a, const unsigned char *t, size_t len,
            size_t block, unsigned int starts, struct findings *f)
{
  for (; starts != 0; starts &= starts - 1)
    {
      size_t at = block + (size_t) __builtin_ctz (starts);
      if (a->first[t[at]])
        try_start (a, t, len, at, f);
    }
}

/* What scan_plain does, from offset 0, sixteen bytes at a time with
   SSE2: the starts of words, and the bytes outside words that start
   parts, are found for the whole block at once.  */
static void
scan_sse2 (const struct trie *a, const unsigned char *t, size_t len,
           struct findings *f)
{
  const __m128i below_a = _mm_set1_epi8 ('a' - 1);
  const __m128i above_z = _mm_set1_epi8 ('z' + 1);
  const __m128i below_0 = _mm_set1_epi8 ('0' - 1);
  const __m128i above_9 = _mm_set1_epi8 ('9' + 1);
  const __m128i case_bit = _mm_set1_epi8 (0x20);
  const __m128i zero = _mm_setzero_si128 ();
  /* The bytes compared with each byte of a block, as vectors: made once
     per text rather than in each block.  */
  __m128i letters[FEW_FIRSTS], others[FEW_FIRSTS], odd[4];
  const size_t nletters = a->nfirst_letters;
  const size_t nothers = a->nfirst_others;
  const size_t nodd = a->nodd_first;
  for (size_t k = 0; k < nletters; k++)
    letters[k] = _mm_set1_epi8 ((char) a->first_letters[k]);
  for (size_t k = 0; k < nothers; k++)
    others[k] = _mm_set1_epi8 ((char) a->first_others[k]);
  for (size_t k = 0; k < nodd; k++)
    odd[k] = _mm_set1_epi8 ((char) a->odd_first[k]);
  unsigned int carry = 0; /* the byte before the block is a word byte */
  size_t i = 0;
  for (; i + 16 <= len; i += 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (t + i));
      /* Word bytes: letters in either case, digits, 8-bit bytes (negative
         in these signed comparisons).  */
      __m128i low = _mm_or_si128 (v, case_bit);
      __m128i letter = _mm_and_si128 (_mm_cmpgt_epi8 (low, below_a),
                                      _mm_cmplt_epi8 (low, above_z));
      __m128i digit = _mm_and_si128 (_mm_cmpgt_epi8 (v, below_0),
                                     _mm_cmplt_epi8 (v, above_9));
      __m128i w = _mm_or_si128 (_mm_or_si128 (letter, digit),
                                _mm_cmplt_epi8 (v, zero));
      unsigned int words = (unsigned int) _mm_movemask_epi8 (w);
      unsigned int starts = words & ~((words << 1) | carry);
      carry = (words >> 15) & 1;
      if (a->few_firsts)
        {
          /* Only the starts of words whose first byte starts a part: a
             letter in either case (LOW has the case bit set), another
             byte as it is.  */
          __m128i firsts = zero;
          for (size_t k = 0; k < nletters; k++)
            firsts = _mm_or_si128 (firsts, _mm_cmpeq_epi8 (low, letters[k]));
          for (size_t k = 0; k < nothers; k++)
            firsts = _mm_or_si128 (firsts, _mm_cmpeq_epi8 (v, others[k]));
          starts &= (unsigned int) _mm_movemask_epi8 (firsts);
        }
      else
        {
          /* Only the starts of words whose first byte may start a part:
             letters, and digits and 8-bit bytes if some part starts with
             one.  Log lines have many words of digits (times, addresses,
             queue ids), and their first bytes start no part.  */
          __m128i may = letter;
          if (a->digit_firsts)
            may = _mm_or_si128 (may, digit);
          if (a->high_firsts)
            may = _mm_or_si128 (may, _mm_cmplt_epi8 (v, zero));
          starts &= (unsigned int) _mm_movemask_epi8 (may);
        }
      if (nodd > 0)
        {
          __m128i odds = zero;
          for (size_t k = 0; k < nodd; k++)
            odds = _mm_or_si128 (odds, _mm_cmpeq_epi8 (v, odd[k]));
          starts |= (unsigned int) _mm_movemask_epi8 (odds);
        }
      try_starts (a, t, len, i, starts, f);
    }
  scan_plain (a, t, len, i, carry, f);
}
#endif

#ifdef SMTPREPLY__AVX2_PATHS
/* What scan_sse2 does, 32 bytes at a time with AVX2, for a text of at
   least 32 bytes.  The bytes that start parts are told exactly, whatever
   their number, by a table of each byte's low half (first_by_low) and of
   its high half, each looked up with a shuffle: a byte starts a part if
   the two meet (an 8-bit byte is taken as a word byte that may, and the
   scalar test of try_starts says).  */
static __attribute__ ((__target__ ("avx2"))) void
scan_avx2 (const struct trie *a, const unsigned char *t, size_t len,
           struct findings *f)
{
  const __m256i below_a = _mm256_set1_epi8 ('a' - 1);
  const __m256i above_z = _mm256_set1_epi8 ('z' + 1);
  const __m256i below_0 = _mm256_set1_epi8 ('0' - 1);
  const __m256i above_9 = _mm256_set1_epi8 ('9' + 1);
  const __m256i case_bit = _mm256_set1_epi8 (0x20);
  const __m256i nibble = _mm256_set1_epi8 (0x0f);
  const __m256i zero = _mm256_setzero_si256 ();
  const __m256i by_low = _mm256_broadcastsi128_si256 (
      _mm_loadu_si128 ((const __m128i *) a->first_by_low));
  const __m256i by_high = _mm256_setr_epi8 (
      1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0,
      1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0);
  const unsigned int high_firsts = a->high_firsts ? ~0u : 0;
  unsigned int carry = 0; /* the byte before the block is a word byte */
  /* Blocks of 32 from offset 0 (LEN is at least 32); fewer than 32 bytes
     at the end are read in the block that ends the text, which overlaps
     the one before: only its bits from I on count.  */
  for (size_t i = 0; i < len;)
    {
      size_t at = i + 32 <= len ? i : len - 32;
      __m256i v = _mm256_loadu_si256 ((const __m256i *) (t + at));
      __m256i low = _mm256_or_si256 (v, case_bit);
      __m256i letter = _mm256_and_si256 (_mm256_cmpgt_epi8 (low, below_a),
                                         _mm256_cmpgt_epi8 (above_z, low));
      __m256i digit = _mm256_and_si256 (_mm256_cmpgt_epi8 (v, below_0),
                                        _mm256_cmpgt_epi8 (above_9, v));
      unsigned int high = (unsigned int) _mm256_movemask_epi8 (v);
      unsigned int words = (unsigned int) _mm256_movemask_epi8 (
                               _mm256_or_si256 (letter, digit))
                           | high;
      __m256i meet = _mm256_and_si256 (
          _mm256_shuffle_epi8 (by_low, _mm256_and_si256 (v, nibble)),
          _mm256_shuffle_epi8 (
              by_high, _mm256_and_si256 (_mm256_srli_epi16 (v, 4), nibble)));
      unsigned int firsts = ~(unsigned int) _mm256_movemask_epi8 (
                                _mm256_cmpeq_epi8 (meet, zero))
                            | (high & high_firsts);
      /* The starts of words, and the bytes outside words, that start
         parts; in the last block, the byte before offset I is one of its
         own.  */
      unsigned int starts = (words & ~((words << 1) | (at == i ? carry : 0)))
                            | ~words;
      carry = words >> 31;
      starts &= firsts & (~0u << (i - at));
      try_starts (a, t, len, at, starts, f);
      i = at + 32;
    }
}
#endif

/* Find the parts in the LEN bytes at T into F: with SSE2 where the
   compiler targets it, smtpreply__simd allows it, few bytes outside
   words start parts and the text is one line, and with AVX2 then if
   smtpreply__avx2 says so and the text has 32 bytes; else the plain
   way.  */
static void
scan_text (const struct trie *a, const unsigned char *t, size_t len,
           struct findings *f)
{
#if defined __SSE2__ && defined __GNUC__
  if (smtpreply__simd && a->nodd_first != SIZE_MAX
      && memchr (t, '\n', len) == NULL)
    {
# ifdef SMTPREPLY__AVX2_PATHS
      if (len >= 32 && smtpreply__avx2 ())
        {
          scan_avx2 (a, t, len, f);
          return;
        }
# endif
      scan_sse2 (a, t, len, f);
      return;
    }
#endif
  scan_plain (a, t, len, 0, 0, f);
}

/* Return nonzero if HOST (N bytes) is DOMAIN (LEN bytes) or ends with
   "." DOMAIN, in any case.  */
static int
host_in (const char *host, size_t n, const char *domain, size_t len)
{
  while (n > 0 && host[n - 1] == '.')
    n--;
  if (n < len)
    return 0;
  for (size_t i = 0; i < len; i++)
    if (lower ((unsigned char) host[n - len + i])
        != lower ((unsigned char) domain[i]))
      return 0;
  return n == len || host[n - len - 1] == '.';
}

/* What a text is classified on.  */
struct facts
{
  int code;                  /* 0: none */
  int cls;                   /* the class of CODE, or of the enhanced
                                code when there is no CODE; 0: none */
  const struct smtpreply_enhanced_code *enhanced;
  int stage;
  const char *mta;
  size_t mta_len;
  const struct findings *found;
};

/* Return nonzero if the remote host of F is one compiled rule C names,
   or C names none.  */
static int
host_holds (const struct compiled *c, const struct facts *f)
{
  int any = c->ndomains == 0;
  for (size_t i = 0; i < c->ndomains && !any && f->mta != NULL; i++)
    any = host_in (f->mta, f->mta_len, c->domains[i], c->domain_len[i]);
  return any;
}

/* Return nonzero if compiled rule C holds for F, but for its remote host
   if not HOST.  */
static int
rule_holds_but (const struct compiled *c, const struct facts *f, int host)
{
  /* Most rules that need words fail on their first part: look first.  */
  if (c->nparts > 0 && !was_found (f->found, (size_t) c->parts[0]))
    return 0;
  /* A success is no failure: only a rule written for 2yz replies (its
     CODE is of class 2) may say why a success did not deliver.  Without
     this, "250 2.6.0 ... Queued mail for delivery" would take the reason
     of an X.6 rule.  */
  if (f->cls == 2 && !(c->code_max != 0 && c->code_min / 100 == 2))
    return 0;
  if (c->code_max != 0)
    {
      if (c->class_only)
        {
          if (f->cls != c->code_min / 100)
            return 0;
        }
      else if (f->code < c->code_min || f->code > c->code_max)
        return 0;
    }
  if (c->enh_parts > 0)
    {
      if (f->enhanced == NULL)
        return 0;
      int have[3] = { f->enhanced->cls, f->enhanced->subject,
                      f->enhanced->detail };
      for (int i = 0; i < c->enh_parts; i++)
        if (c->enh_min[i] >= 0
            && (have[i] < c->enh_min[i] || have[i] > c->enh_max[i]))
          return 0;
    }
  if (c->stages != 0 && !(c->stages & (1U << f->stage)))
    return 0;
  if (host && !host_holds (c, f))
    return 0;
  /* Each part must start after the one before it ends: its first place
     if that is late enough, else its last.  */
  size_t after = 0;
  for (size_t i = 0; i < c->nparts; i++)
    {
      if (!was_found (f->found, (size_t) c->parts[i]))
        return 0;
      const struct found *p = &f->found->found[c->parts[i]];
      if (p->first_start >= after)
        after = p->first_end;
      else if (p->last_start >= after)
        after = p->last_end;
      else
        return 0;
    }
  return 1;
}

/* Return nonzero if compiled rule C holds for F.  */
static inline int
rule_holds (const struct compiled *c, const struct facts *f)
{
  return rule_holds_but (c, f, 1);
}

/* The rules without words whose conditions but the remote host's hold for
   some facts (a class, a code, an enhanced code and a stage), from the
   highest priority down to the first that names no host: the first of
   them whose host holds is the rule that decides.  */
#define MEMO_RULES 8
struct memo_entry
{
  int used;
  int cls;
  int code;
  int has_enhanced;
  struct smtpreply_enhanced_code enhanced;
  int stage;
  size_t count;
  uint16_t rules[MEMO_RULES];
};

/* Those lists for the last facts seen, in a table of MEMO_SIZE (56 KiB):
   a log brings the same facts over and over.  */
#define MEMO_SIZE 1024
struct smtpreply__rules_memo
{
  struct memo_entry entry[MEMO_SIZE];
  uint64_t *seen;          /* room for the findings of a text, made at */
  struct found *found;     /* first use: no allocation per text */
};

struct smtpreply__rules_memo *
smtpreply__rules_memo_new (void)
{
  return calloc (1, sizeof (struct smtpreply__rules_memo));
}

void
smtpreply__rules_memo_free (struct smtpreply__rules_memo *memo)
{
  if (memo == NULL)
    return;
  free (memo->seen);
  free (memo->found);
  free (memo);
}

/* Store in *E the list of the rules without words for F (of class CLS),
   as struct memo_entry says.  Return 0, or -1 if it is longer than the
   entry holds.  */
static int
list_rules (const struct facts *f, int cls, struct memo_entry *e)
{
  e->count = 0;
  for (size_t k = 0; k < machine.norder[cls]; k++)
    {
      size_t i = machine.order[cls][k];
      const struct compiled *c = &machine.compiled[i];
      if (!rule_holds_but (c, f, 0))
        continue;
      if (e->count == MEMO_RULES || i > UINT16_MAX)
        return -1;
      e->rules[e->count++] = (uint16_t) i;
      if (c->ndomains == 0)
        break;
    }
  return 0;
}

/* Return the rule without words that decides for F (of class CLS), or
   NULL; with MEMO (NULL: none) to keep the lists of rules in.  */
static const struct smtpreply_rule *
rule_without_words (const struct facts *f, int cls,
                    struct smtpreply__rules_memo *memo)
{
  struct memo_entry local;
  struct memo_entry *e = &local;
  int fresh = 1;
  if (memo != NULL)
    {
      unsigned int h = ((unsigned int) f->code * 31u + (unsigned int) cls)
                           * 31u
                       + (unsigned int) f->stage;
      if (f->enhanced != NULL)
        h = ((h * 31u + (unsigned int) f->enhanced->cls) * 31u
             + (unsigned int) f->enhanced->subject)
                * 31u
            + (unsigned int) f->enhanced->detail;
      h ^= h >> 8;
      e = &memo->entry[h % MEMO_SIZE];
      fresh = !(e->used && e->cls == cls && e->code == f->code
                && e->stage == f->stage
                && e->has_enhanced == (f->enhanced != NULL)
                && (f->enhanced == NULL
                    || (e->enhanced.cls == f->enhanced->cls
                        && e->enhanced.subject == f->enhanced->subject
                        && e->enhanced.detail == f->enhanced->detail)));
    }
  if (fresh)
    {
      if (list_rules (f, cls, e) < 0)
        {
          /* Too many rules name hosts: try them all.  */
          if (e != &local)
            e->used = 0;
          for (size_t k = 0; k < machine.norder[cls]; k++)
            if (rule_holds (&machine.compiled[machine.order[cls][k]], f))
              return &rules[machine.order[cls][k]];
          return NULL;
        }
      e->used = 1;
      e->cls = cls;
      e->code = f->code;
      e->stage = f->stage;
      e->has_enhanced = f->enhanced != NULL;
      if (f->enhanced != NULL)
        e->enhanced = *f->enhanced;
    }
  for (size_t k = 0; k < e->count; k++)
    if (host_holds (&machine.compiled[e->rules[k]], f))
      return &rules[e->rules[k]];
  return NULL;
}

/* Return the stage the hints of FOUND point at: the last hint that
   starts before offset BEFORE of the text, else the first one;
   SMTPREPLY_STAGE_ANY if none was found.  */
static int
hinted_stage (const struct findings *found, size_t before)
{
  int stage_before = -1;
  size_t at_before = 0;
  int stage_after = SMTPREPLY_STAGE_ANY;
  size_t at_after = SIZE_MAX;
  /* (Most successes hold no part at all.)  */
  if (found->nfound == 0)
    return SMTPREPLY_STAGE_ANY;
  for (size_t i = 0; i < SMTPREPLY__N_ELEMS (hints); i++)
    {
      if (!was_found (found, (size_t) machine.hint_parts[i]))
        continue;
      const struct found *p = &found->found[machine.hint_parts[i]];
      size_t at = p->last_start < before ? p->last_start : p->first_start;
      if (at < before && (stage_before < 0 || at >= at_before))
        {
          stage_before = hints[i].stage;
          at_before = at;
        }
      if (p->first_start < at_after)
        {
          stage_after = hints[i].stage;
          at_after = p->first_start;
        }
    }
  return stage_before >= 0 ? stage_before : stage_after;
}

smtpreply_status
smtpreply_classify (int code, const struct smtpreply_enhanced_code *enhanced,
                    const char *text, size_t len, int stage,
                    const char *remote_mta, struct smtpreply_verdict *out)
{
  if (out == NULL || out->size < SMTPREPLY__VERDICT_SIZE_0_2
      || (text == NULL && len > 0)
      || smtpreply_stage_name (stage) == NULL)
    return SMTPREPLY_EINVAL;
  if (code != 0)
    {
      int rc = smtpreply_code_check (code);
      /* Servers do send codes outside the grammar (571): their class is
         what counts.  */
      if (rc < 0 && !(rc == SMTPREPLY_EBAD_CATEGORY
                      && (code / 100 == 4 || code / 100 == 5)))
        return rc;
    }
  if (enhanced != NULL)
    {
      int rc = smtpreply_enhanced_check (enhanced);
      if (rc < 0)
        return rc;
    }
  struct smtpreply_match m = { .size = sizeof m };
  if (code == 0 && enhanced == NULL && len > 0)
    {
      /* The lines of a multi-line reply, read as one: the extractor looks
         for codes where logs write them, and a log writes a reply's lines
         joined ("220-... 421 4.2.1 ...").  */
      char flat_small[2048];
      char *flat = len <= sizeof flat_small ? flat_small : malloc (len);
      if (flat == NULL)
        return SMTPREPLY_ENOMEM;
      for (size_t i = 0; i < len; i++)
        flat[i] = text[i] == '\n' || text[i] == '\r' ? ' ' : text[i];
      smtpreply_extract (flat, len, &m);
      if (flat != flat_small)
        free (flat);
    }
  else
    {
      m.code = code;
      m.found = (code != 0 ? SMTPREPLY_MATCH_CODE : 0)
                | (enhanced != NULL ? SMTPREPLY_MATCH_ENHANCED : 0);
      m.code_offset = SIZE_MAX;
      if (enhanced != NULL)
        m.enhanced = *enhanced;
    }
  struct smtpreply_verdict v = { .size = sizeof v };
  int rc = smtpreply__classify_match (&m, text, len, stage, remote_mta, NULL,
                                      &v);
  if (rc < 0)
    return rc;
  size_t keep = out->size < sizeof v ? out->size : sizeof v;
  size_t caller_size = out->size;
  memcpy (out, &v, keep);
  out->size = caller_size;
  return 0;
}

int
smtpreply__classify_match (const struct smtpreply_match *m, const char *text,
                           size_t len, int stage, const char *remote_mta,
                           struct smtpreply__rules_memo *memo,
                           struct smtpreply_verdict *out)
{
  if (smtpreply__rules_compile () < 0)
    return SMTPREPLY_ENOMEM;
  struct smtpreply_verdict v = { .size = sizeof v };
  v.stage = stage;
  int code = (m->found & SMTPREPLY_MATCH_CODE) ? m->code : 0;
  size_t code_at = (m->found & SMTPREPLY_MATCH_CODE) ? m->code_offset
                                                     : SIZE_MAX;
  const struct smtpreply_enhanced_code *enhanced
      = (m->found & SMTPREPLY_MATCH_ENHANCED) ? &m->enhanced : NULL;
  /* A failure after the success lines of a reply is a server refusing in
     its greeting.  */
  if ((m->found & SMTPREPLY_MATCH_LAST_LINE)
      && v.stage == SMTPREPLY_STAGE_ANY)
    v.stage = SMTPREPLY_STAGE_GREETING;
  v.code = code;
  if (enhanced != NULL)
    {
      v.has_enhanced = 1;
      v.enhanced = *enhanced;
    }

  /* The text, read through the automaton.  */
  size_t n = len < MAX_TEXT ? len : MAX_TEXT;
  uint64_t seen_small[4];
  struct found found_small[4 * 64];
  struct findings found = { seen_small, found_small, 0 };
  size_t words = (machine.nparts + 63) / 64;
  if (words > SMTPREPLY__N_ELEMS (seen_small) && memo != NULL
      && memo->seen == NULL)
    {
      /* The memo's room, made once.  */
      memo->seen = malloc (words * sizeof *memo->seen);
      memo->found = malloc (machine.nparts * sizeof *memo->found);
      if (memo->seen == NULL || memo->found == NULL)
        {
          free (memo->seen);
          free (memo->found);
          memo->seen = NULL;
          memo->found = NULL;
        }
    }
  if (words > SMTPREPLY__N_ELEMS (seen_small) && memo != NULL
      && memo->seen != NULL)
    {
      found.seen = memo->seen;
      found.found = memo->found;
    }
  else if (words > SMTPREPLY__N_ELEMS (seen_small))
    {
      found.seen = malloc (words * sizeof *found.seen);
      found.found = malloc (machine.nparts * sizeof *found.found);
      if (found.seen == NULL || found.found == NULL)
        {
          free (found.seen);
          free (found.found);
          return SMTPREPLY_ENOMEM;
        }
    }
  memset (found.seen, 0, words * sizeof *found.seen);
  /* A success is read for the parts its verdict depends on alone: most
     lines of a log are successes, and few parts matter to them.  */
  int reply_class = code != 0 ? code / 100 : enhanced != NULL ? enhanced->cls
                                                              : 0;
  const struct trie *trie = reply_class == 2 && smtpreply__classify_success
                                ? &machine.success
                                : &machine.full;
  scan_text (trie, (const unsigned char *) (text != NULL ? text : ""), n,
             &found);
  if (v.stage == SMTPREPLY_STAGE_ANY)
    v.stage = hinted_stage (&found, code_at);

  struct facts f = { code, 0, enhanced, v.stage, remote_mta, 0, &found };
  f.mta_len = remote_mta != NULL ? strlen (remote_mta) : 0;
  f.cls = code != 0 ? code / 100 : enhanced != NULL ? enhanced->cls : 0;
  /* The rule that holds with the highest priority, the first in the
     table of those of equal priority: of the rules without words the
     class allows, tried from the highest priority down, the first that
     holds; then any rule with words whose first part was found.  */
  int cls = f.cls >= 0 && f.cls <= 5 ? f.cls : 0;
  const struct smtpreply_rule *best = rule_without_words (&f, cls, memo);
  size_t best_index = best != NULL ? (size_t) (best - rules) : 0;
  for (size_t w = 0; found.nfound > 0 && w < words; w++)
    for (uint64_t bits = found.seen[w]; bits != 0; bits &= bits - 1)
      {
        size_t part = w * 64 + (size_t) lowest_bit (bits);
        for (size_t k = machine.part_rules[part];
             k < machine.part_rules[part + 1]; k++)
          {
            size_t i = machine.by_part[k];
            if ((best == NULL || rules[i].priority > best->priority
                 || (rules[i].priority == best->priority && i < best_index))
                && rule_holds (&machine.compiled[i], &f))
              {
                best = &rules[i];
                best_index = i;
              }
          }
      }
  if (found.seen != seen_small && (memo == NULL || found.seen != memo->seen))
    {
      free (found.seen);
      free (found.found);
    }

  /* A reply that goes on (1yz, 3yz) has no reason yet.  */
  if (f.cls == 1 || f.cls == 3)
    best = NULL;
  v.rule = best;
  v.reason = best != NULL ? best->reason : NULL;
  if (best == NULL && f.cls != 1 && f.cls != 3)
    v.reason = &reasons[REASON_undefined];

  /* Soft or hard: a transient failure is soft whatever its reason.  */
  int severity = v.reason != NULL ? v.reason->severity
                                  : SMTPREPLY_SEVERITY_NONE;
  if (best != NULL
      && machine.compiled[best - rules].severity != SMTPREPLY_SEVERITY_NONE)
    severity = machine.compiled[best - rules].severity;
  if (f.cls == 1 || f.cls == 3 || severity == SMTPREPLY_SEVERITY_NONE)
    v.soft = -1;
  else if (f.cls == 4 || severity == SMTPREPLY_SEVERITY_SOFT)
    v.soft = 1;
  else if (severity == SMTPREPLY_SEVERITY_HARD)
    v.soft = 0;
  else
    v.soft = f.cls == 5 ? 0 : 1;

  /* The advice: the protocol's, or for a failure the reason's remedy, so
     that a soft failure is never "give up" and a failure never "proceed".
     A failure without a reason keeps the protocol's advice where it
     agrees (a 421 closing the connection, a 556 for a whole domain).  */
  const struct smtpreply_advice *advice = NULL;
  if (code != 0 && smtpreply_code_check (code) == 0)
    smtpreply_advise (code, enhanced, v.stage, &advice);
  else if (enhanced != NULL)
    smtpreply_advise (0, enhanced, v.stage, &advice);
  /* A success keeps the protocol's advice even when a rule says the
     message was only held: the server has it, and sending it again would
     make a copy.  */
  if (v.soft >= 0 && f.cls != 2)
    {
      int remedy = v.soft == 0 ? SMTPREPLY_REMEDY_SUPPRESS : v.reason->remedy;
      /* A soft failure of a reason that is hard as a rule (450 4.1.1): the
         server said it is temporary.  */
      if (remedy == SMTPREPLY_REMEDY_SUPPRESS && v.soft == 1)
        remedy = SMTPREPLY_REMEDY_RETRY_LATER;
      int wanted = v.soft ? SMTPREPLY_ACTION_RETRY : SMTPREPLY_ACTION_GIVE_UP;
      int keep = v.reason->remedy == SMTPREPLY_REMEDY_NONE && advice != NULL
                 && advice->action == wanted;
      if (!keep)
        advice = smtpreply__advice_for_remedy (remedy);
    }
  v.advice = advice;
  *out = v;
  return 0;
}

smtpreply_status
smtpreply_stage_find (const char *text, size_t len, int *stage)
{
  if ((text == NULL && len > 0) || stage == NULL)
    return SMTPREPLY_EINVAL;
  struct smtpreply_verdict v = { .size = sizeof v };
  int rc = smtpreply_classify (0, NULL, text, len, SMTPREPLY_STAGE_ANY, NULL,
                               &v);
  if (rc < 0)
    return rc;
  *stage = v.stage;
  return 0;
}

/* Append the NUL-terminated S to BUF (SIZE bytes) at *LEN, as far as it
   fits, counting its whole length in *LEN.  */
static void
append (char *buf, size_t size, size_t *len, const char *s)
{
  size_t n = strlen (s);
  if (*len < size)
    {
      size_t room = size - *len - 1;
      size_t k = n < room ? n : room;
      memcpy (buf + *len, s, k);
      buf[*len + k] = '\0';
    }
  *len += n;
}

/* The words for the command a stage answers, in a sentence.  */
static const char *
stage_words (int stage)
{
  switch (stage)
    {
    case SMTPREPLY_STAGE_EHLO:
      return "EHLO";
    case SMTPREPLY_STAGE_MAIL:
      return "MAIL FROM";
    case SMTPREPLY_STAGE_RCPT:
      return "RCPT TO";
    case SMTPREPLY_STAGE_DATA:
      return "DATA";
    case SMTPREPLY_STAGE_BDAT:
      return "BDAT";
    case SMTPREPLY_STAGE_AUTH:
      return "AUTH";
    case SMTPREPLY_STAGE_STARTTLS:
      return "STARTTLS";
    case SMTPREPLY_STAGE_QUIT:
      return "QUIT";
    default:
      return NULL;
    }
}

smtpreply_status
smtpreply_verdict_explain (const struct smtpreply_verdict *v,
                           const char *lang, char *buf, size_t size,
                           size_t *len)
{
  if (v == NULL || v->size < SMTPREPLY__VERDICT_SIZE_0_2
      || (buf == NULL && size > 0))
    return SMTPREPLY_EINVAL;
  size_t n = 0;
  if (size > 0)
    buf[0] = '\0';
  char piece[512];
  const struct smtpreply_rule *r = v->rule;
  /* Sentences are parted by a space, except in the languages whose full
     stop is the ideographic one (U+3002): it carries its own space.  */
  const char *gap
      = strcmp (smtpreply__translate_static (".", lang), "\xe3\x80\x82") == 0
            ? ""
            : " ";
  if (r == NULL)
    append (buf, size, &n,
            smtpreply__translate_static (
                /* TRANSLATORS: a verdict's explanation when no rule matched.  */
                "No rule tells more about this reply.", lang));
  else if (r->phrase[0] != '\0')
    {
      char phrase[256];
      size_t k = 0;
      for (const char *p = r->phrase; *p != '\0' && k + 4 < sizeof phrase;)
        if (strncmp (p, " * ", 3) == 0)
          {
            memcpy (phrase + k, " \xe2\x80\xa6 ", 5);
            k += 5;
            p += 3;
          }
        else
          phrase[k++] = *p++;
      phrase[k] = '\0';
      snprintf (
          piece, sizeof piece,
          smtpreply__translate_static (
              /* TRANSLATORS: %s: words found in a server's reply, e.g. "over quota"; keep the quotation marks of your language.  */
              "The reply says \xe2\x80\x9c%s\xe2\x80\x9d.", lang),
          phrase);
      append (buf, size, &n, piece);
    }
  else if (r->enhanced[0] != '\0' && v->has_enhanced)
    {
      snprintf (
          piece, sizeof piece,
          smtpreply__translate_static (
              /* TRANSLATORS: %d.%d.%d: an enhanced status code, e.g. 5.2.2.  */
              "The enhanced status code is %d.%d.%d.", lang),
          v->enhanced.cls, v->enhanced.subject, v->enhanced.detail);
      append (buf, size, &n, piece);
    }
  else if (strlen (r->code) == 3 && v->code != 0)
    {
      snprintf (
          piece, sizeof piece,
          /* TRANSLATORS: %d: a reply code, e.g. 552.  */
          smtpreply__translate_static ("The reply code is %d.", lang),
          v->code);
      append (buf, size, &n, piece);
    }
  else
    {
      int cls = v->code != 0 ? v->code / 100 : v->enhanced.cls;
      snprintf (
          piece, sizeof piece,
          /* TRANSLATORS: %d: the first digit of a reply code; "4yz" means any code starting with 4.  */
          smtpreply__translate_static ("The reply is of class %dyz.",
                                       lang),
          cls);
      append (buf, size, &n, piece);
    }
  if (r != NULL && r->mta[0] != '\0')
    {
      append (buf, size, &n, gap);
      snprintf (
          piece, sizeof piece,
          /* TRANSLATORS: %s: the domains of a mail provider, e.g. "google.com|googlemail.com".  */
          smtpreply__translate_static ("It comes from a host of %s.",
                                       lang),
          r->mta);
      append (buf, size, &n, piece);
    }
  if (r != NULL && r->stages[0] != '\0')
    {
      append (buf, size, &n, gap);
      const char *words = stage_words (v->stage);
      if (v->stage == SMTPREPLY_STAGE_DATA_END)
        append (
            buf, size, &n,
            smtpreply__translate_static (
                /* TRANSLATORS: the reply came after the whole message was sent.  */
                "It answered the end of the message data.", lang));
      else if (v->stage == SMTPREPLY_STAGE_GREETING)
        append (buf, size, &n,
                smtpreply__translate_static (
                    /* TRANSLATORS: the reply was the server's greeting.  */
                    "It came when the connection opened.", lang));
      else if (words != NULL)
        {
          snprintf (
              piece, sizeof piece,
              /* TRANSLATORS: %s: an SMTP command, e.g. "RCPT TO"; keep it as is.  */
              smtpreply__translate_static ("It answered %s.", lang),
              words);
          append (buf, size, &n, piece);
        }
    }
  if (v->reason != NULL)
    {
      append (buf, size, &n, gap);
      append (buf, size, &n,
              smtpreply__translate_static (v->reason->text, lang));
      append (
          buf, size, &n,
          /* TRANSLATORS: the end of a sentence; write your language's full stop.  */
          smtpreply__translate_static (".", lang));
    }
  if (len != NULL)
    *len = n;
  return n < size ? 0 : SMTPREPLY_ENOSPC;
}

/* Write token NAME lowered as member KEY of J ("POSITIVE_COMPLETION" as
   "positive_completion").  */
static void
json_lowered (struct smtpreply__json *j, const char *key, const char *name)
{
  char buf[64];
  size_t i = 0;
  for (; name[i] != '\0' && i < sizeof buf - 1; i++)
    buf[i] = (char) lower ((unsigned char) name[i]);
  buf[i] = '\0';
  smtpreply__json_string (j, key, buf);
}

void
smtpreply__json_codes (struct smtpreply__json *j, int code,
                       const struct smtpreply_enhanced_code *enhanced,
                       const char *lang)
{
  if (code != 0)
    {
      const struct smtpreply_reply *r = smtpreply_reply_lookup (code);
      const struct smtpreply_digit *cls = smtpreply_class_lookup (code / 100);
      const struct smtpreply_digit *cat = smtpreply_code_category (code);
      smtpreply__json_int (j, "code", code);
      if (r != NULL)
        smtpreply__json_string (j, "name", r->name);
      smtpreply__json_int (j, "class", cls->digit);
      if (cat != NULL)
        smtpreply__json_int (j, "category", cat->digit);
      json_lowered (j, "class_name", cls->name);
      if (cat != NULL)
        json_lowered (j, "category_name", cat->name);
      if (r != NULL)
        {
          smtpreply__json_string (
              j, "title", smtpreply__translate_static (r->title, lang));
          smtpreply__json_string (j, "description",
                                  smtpreply__translate_static (r->text, lang));
        }
      else
        smtpreply__json_string (j, "description",
                                smtpreply__translate_static (cls->text, lang));
    }
  if (enhanced != NULL)
    {
      /* As smtpreply_enhanced_format writes a valid code, without
         snprintf.  */
      char buf[16];
      if (smtpreply_enhanced_check (enhanced) == 0)
        {
          int parts[3] = { enhanced->cls, enhanced->subject,
                           enhanced->detail };
          size_t n = 0;
          for (int i = 0; i < 3; i++)
            {
              int v = parts[i];
              if (i > 0)
                buf[n++] = '.';
              if (v >= 100)
                buf[n++] = (char) ('0' + v / 100);
              if (v >= 10)
                buf[n++] = (char) ('0' + v / 10 % 10);
              buf[n++] = (char) ('0' + v % 10);
            }
          buf[n] = '\0';
        }
      else
        smtpreply_enhanced_format (enhanced, buf, sizeof buf);
      smtpreply__json_string (j, "enhanced", buf);
      smtpreply__json_string (j, "enhanced_description",
                              smtpreply_enhanced_describe_lang (enhanced,
                                                                lang));
    }
}

void
smtpreply__json_verdict (struct smtpreply__json *j,
                         const struct smtpreply_verdict *v, const char *lang)
{
  smtpreply__json_codes (j, v->code, v->has_enhanced ? &v->enhanced : NULL,
                         lang);
  if (v->stage != SMTPREPLY_STAGE_ANY)
    smtpreply__json_string (j, "stage", smtpreply_stage_name (v->stage));
  if (v->reason != NULL)
    {
      smtpreply__json_string (j, "reason", v->reason->name);
      smtpreply__json_string (
          j, "reason_title",
          smtpreply__translate_static (v->reason->title, lang));
      smtpreply__json_string (
          j, "reason_text",
          smtpreply__translate_static (v->reason->text, lang));
      if (v->soft >= 0)
        smtpreply__json_bool (j, "soft", v->soft);
      if (v->rule != NULL)
        smtpreply__json_string (j, "rule", v->rule->id);
      char sentence[1024];
      smtpreply_verdict_explain (v, lang, sentence, sizeof sentence, NULL);
      smtpreply__json_string (j, "explanation", sentence);
    }
  if (v->advice != NULL)
    {
      smtpreply__json_string (j, "advice",
                              smtpreply_action_name (v->advice->action));
      smtpreply__json_string (
          j, "advice_text",
          smtpreply__translate_static (v->advice->text, lang));
    }
}

smtpreply_status
smtpreply_verdict_json (const struct smtpreply_verdict *v, const char *lang,
                        char *buf, size_t size, size_t *len)
{
  if (v == NULL || v->size < SMTPREPLY__VERDICT_SIZE_0_2
      || (buf == NULL && size > 0))
    return SMTPREPLY_EINVAL;
  struct smtpreply__json j = { 0 };
  j.first = 1;
  smtpreply__json_verdict (&j, v, lang);
  return smtpreply__json_deliver (&j, buf, size, len);
}
