/* plural.c -- compile and evaluate the Plural-Forms expression of a catalog.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   A catalog's header says which plural form a count takes, as a C
   expression in the variable n:

     Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n>=2 && n<=4 ? 1 : 2);

   The expression comes from a file, so it is untrusted.  It is compiled
   once, by a recursive-descent parser whose depth is bounded, into a flat
   program for a small stack machine: operands are pushed, operators pop
   them and push their result, and &&, || and ?: jump forward over the code
   they need not run.  Every jump goes forward, so evaluation ends, and the
   compiler tracks how deep the stack gets, so evaluation needs no checks
   and no allocation.  */

#include <config.h>

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>

#include "smtpreply.h"
#include "internal.h"

/* The longest expression accepted, in bytes.  Real ones are under 200.  */
#define MAX_LENGTH 1024

/* The deepest nesting accepted.  Each parenthesized expression, operand of
   '!', branch of '?:' and right operand of a binary operator is one level
   deeper than the expression it is part of.  */
#define MAX_DEPTH 64

/* The deepest the evaluation stack can get.  A value waits on the stack
   only while the right operand of its binary operator is computed, one
   level deeper, so MAX_DEPTH + 1 values is the most there can be; the
   compiler checks it all the same.  */
#define MAX_STACK (MAX_DEPTH + 2)

/* The instructions of the stack machine.  */
enum opcode
{
  OP_N,     /* push n */
  OP_CONST, /* push ARG */
  OP_NOT,   /* top = !top */
  OP_BOOL,  /* top = top != 0 */
  OP_MUL,   /* pop b; top = top * b, and so on for the binary ones */
  OP_DIV,   /* division by zero gives 0 */
  OP_MOD,   /* so does the remainder of a division by zero */
  OP_ADD,
  OP_SUB,
  OP_LT,
  OP_GT,
  OP_LE,
  OP_GE,
  OP_EQ,
  OP_NE,
  OP_AND,    /* if top == 0, jump to ARG keeping it, else pop */
  OP_OR,     /* if top != 0, top = 1 and jump to ARG, else pop */
  OP_BRANCH, /* pop; if it was 0, jump to ARG */
  OP_JUMP    /* jump to ARG */
};

struct insn
{
  enum opcode op;
  unsigned long arg;
};

struct smtpreply__plural
{
  size_t count;       /* instructions in CODE */
  struct insn code[]; /* the program; every jump goes forward */
};

/* The tokens of the expression language.  */
enum token
{
  TOK_END,
  TOK_ERROR,
  TOK_NUMBER,
  TOK_N,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_NOT,
  TOK_MUL,
  TOK_DIV,
  TOK_MOD,
  TOK_ADD,
  TOK_SUB,
  TOK_LT,
  TOK_GT,
  TOK_LE,
  TOK_GE,
  TOK_EQ,
  TOK_NE,
  TOK_AND,
  TOK_OR,
  TOK_QUESTION,
  TOK_COLON,
  TOK_SEMICOLON
};

/* The state of one compilation.  */
struct compiler
{
  const char *pos;      /* the next byte to read */
  const char *end;      /* the end of the expression */
  enum token token;     /* the current token */
  unsigned long number; /* its value, if it is TOK_NUMBER */
  int depth;            /* the current nesting depth */
  size_t sp;            /* the stack depth the code so far leaves */
  size_t capacity;      /* room for instructions in OUT */
  int failed;           /* nonzero once the expression is known bad */
  struct smtpreply__plural *out;
};

/* Return nonzero if C is white space between tokens.  */
static int
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Read the next token of C into C->token (and C->number).  */
static void
advance (struct compiler *c)
{
  while (c->pos < c->end && is_space (*c->pos))
    c->pos++;
  if (c->pos == c->end)
    {
      c->token = TOK_END;
      return;
    }

  char ch = *c->pos++;
  char next = c->pos < c->end ? *c->pos : '\0';
  switch (ch)
    {
    case 'n':
      c->token = TOK_N;
      return;
    case '(':
      c->token = TOK_LPAREN;
      return;
    case ')':
      c->token = TOK_RPAREN;
      return;
    case '*':
      c->token = TOK_MUL;
      return;
    case '/':
      c->token = TOK_DIV;
      return;
    case '%':
      c->token = TOK_MOD;
      return;
    case '+':
      c->token = TOK_ADD;
      return;
    case '-':
      c->token = TOK_SUB;
      return;
    case '?':
      c->token = TOK_QUESTION;
      return;
    case ':':
      c->token = TOK_COLON;
      return;
    case ';':
      c->token = TOK_SEMICOLON;
      return;
    case '!':
      if (next == '=')
        {
          c->pos++;
          c->token = TOK_NE;
        }
      else
        c->token = TOK_NOT;
      return;
    case '<':
      if (next == '=')
        {
          c->pos++;
          c->token = TOK_LE;
        }
      else
        c->token = TOK_LT;
      return;
    case '>':
      if (next == '=')
        {
          c->pos++;
          c->token = TOK_GE;
        }
      else
        c->token = TOK_GT;
      return;
    case '=':
      c->token = next == '=' ? TOK_EQ : TOK_ERROR;
      c->pos += next == '=';
      return;
    case '&':
      c->token = next == '&' ? TOK_AND : TOK_ERROR;
      c->pos += next == '&';
      return;
    case '|':
      c->token = next == '|' ? TOK_OR : TOK_ERROR;
      c->pos += next == '|';
      return;
    default:
      break;
    }

  if (ch < '0' || ch > '9')
    {
      c->token = TOK_ERROR;
      return;
    }

  /* A decimal constant.  Leading zeros do not make it octal, as in
     gettext; a value beyond unsigned long is an error.  */
  unsigned long value = (unsigned long) (ch - '0');
  while (c->pos < c->end && *c->pos >= '0' && *c->pos <= '9')
    {
      unsigned long digit = (unsigned long) (*c->pos - '0');
      if (value > (ULONG_MAX - digit) / 10)
        {
          c->token = TOK_ERROR;
          return;
        }
      value = value * 10 + digit;
      c->pos++;
    }
  c->number = value;
  c->token = TOK_NUMBER;
}

/* Append the instruction OP with argument ARG to the program of C, which
   changes the stack depth by EFFECT.  Return its index.  */
static size_t
emit (struct compiler *c, enum opcode op, unsigned long arg, int effect)
{
  if (c->failed)
    return 0;
  /* Each instruction comes from a token of at least one byte (&& and ||
     give two from two bytes), so the room allocated always suffices; the
     check guards against a mistake here all the same.  */
  if (c->out->count == c->capacity)
    {
      c->failed = 1;
      return 0;
    }
  if (effect > 0)
    {
      c->sp++;
      if (c->sp > MAX_STACK)
        c->failed = 1;
    }
  else if (effect < 0)
    c->sp--;

  size_t at = c->out->count++;
  c->out->code[at].op = op;
  c->out->code[at].arg = arg;
  return at;
}

/* Make the jump at index AT of the program of C go to the next
   instruction emitted.  */
static void
patch (struct compiler *c, size_t at)
{
  if (!c->failed)
    c->out->code[at].arg = c->out->count;
}

/* Go one level deeper in C.  Return nonzero if that is too deep.  */
static int
enter (struct compiler *c)
{
  c->depth++;
  if (c->depth > MAX_DEPTH)
    c->failed = 1;
  return c->failed;
}

/* Go back one level up in C.  */
static void
leave (struct compiler *c)
{
  c->depth--;
}

static void parse_conditional (struct compiler *c);

/* Return the precedence of the binary operator TOKEN (higher binds
   tighter, as in C), or 0 if TOKEN is not one.  */
static int
precedence (enum token token)
{
  switch (token)
    {
    case TOK_OR:
      return 1;
    case TOK_AND:
      return 2;
    case TOK_EQ:
    case TOK_NE:
      return 3;
    case TOK_LT:
    case TOK_GT:
    case TOK_LE:
    case TOK_GE:
      return 4;
    case TOK_ADD:
    case TOK_SUB:
      return 5;
    case TOK_MUL:
    case TOK_DIV:
    case TOK_MOD:
      return 6;
    default:
      return 0;
    }
}

/* Return the instruction of the binary operator TOKEN other than && and
   ||.  */
static enum opcode
binary_opcode (enum token token)
{
  switch (token)
    {
    case TOK_MUL:
      return OP_MUL;
    case TOK_DIV:
      return OP_DIV;
    case TOK_MOD:
      return OP_MOD;
    case TOK_ADD:
      return OP_ADD;
    case TOK_SUB:
      return OP_SUB;
    case TOK_LT:
      return OP_LT;
    case TOK_GT:
      return OP_GT;
    case TOK_LE:
      return OP_LE;
    case TOK_GE:
      return OP_GE;
    case TOK_EQ:
      return OP_EQ;
    default:
      return OP_NE;
    }
}

/* Compile a primary expression or a '!' expression of C: n, a constant,
   a parenthesized expression, or '!' and its operand.  */
static void
parse_unary (struct compiler *c)
{
  if (c->failed)
    return;
  switch (c->token)
    {
    case TOK_N:
      emit (c, OP_N, 0, 1);
      advance (c);
      return;
    case TOK_NUMBER:
      emit (c, OP_CONST, c->number, 1);
      advance (c);
      return;
    case TOK_NOT:
      advance (c);
      if (enter (c) == 0)
        parse_unary (c);
      leave (c);
      emit (c, OP_NOT, 0, 0);
      return;
    case TOK_LPAREN:
      advance (c);
      if (enter (c) == 0)
        parse_conditional (c);
      leave (c);
      if (c->token != TOK_RPAREN)
        c->failed = 1;
      advance (c);
      return;
    default:
      c->failed = 1;
      return;
    }
}

/* Compile a sequence of binary operators of C whose precedence is at
   least MIN (precedence climbing: left operands are folded in a loop, and
   only right operands that bind tighter go one level deeper).  */
static void
parse_binary (struct compiler *c, int min)
{
  parse_unary (c);
  while (!c->failed && precedence (c->token) >= min)
    {
      enum token op = c->token;
      int prec = precedence (op);
      advance (c);

      if (op == TOK_AND || op == TOK_OR)
        {
          /* The jump keeps the left operand's truth as the result when it
             decides; otherwise it pops it and the right operand, made 0
             or 1, is the result.  */
          size_t jump = emit (c, op == TOK_AND ? OP_AND : OP_OR, 0, -1);
          if (enter (c) == 0)
            parse_binary (c, prec + 1);
          leave (c);
          emit (c, OP_BOOL, 0, 0);
          patch (c, jump);
        }
      else
        {
          if (enter (c) == 0)
            parse_binary (c, prec + 1);
          leave (c);
          emit (c, binary_opcode (op), 0, -1);
        }
    }
}

/* Compile a conditional expression of C: a binary expression, perhaps
   followed by '?', an expression, ':' and a conditional expression (so
   that ?: associates to the right).  */
static void
parse_conditional (struct compiler *c)
{
  parse_binary (c, 1);
  if (c->failed || c->token != TOK_QUESTION)
    return;
  advance (c);

  size_t to_else = emit (c, OP_BRANCH, 0, -1);
  size_t sp = c->sp;
  if (enter (c) == 0)
    parse_conditional (c);
  leave (c);
  if (c->token != TOK_COLON)
    c->failed = 1;
  advance (c);

  size_t to_end = emit (c, OP_JUMP, 0, 0);
  patch (c, to_else);
  c->sp = sp;
  if (enter (c) == 0)
    parse_conditional (c);
  leave (c);
  patch (c, to_end);
}

/* Return 0 and store in *OUT the compiled form of the LEN bytes at EXPR,
   the expression of "plural=" in a catalog's header.  The caller may pass
   it with or without the ';' that ends it there: one ';' after the
   expression, and white space around it, are allowed; anything else after
   the expression is not.  Return SMTPREPLY_ECATALOG_CORRUPT if the
   expression is empty, longer than MAX_LENGTH bytes, nested deeper than
   MAX_DEPTH, has a constant beyond unsigned long or is otherwise not
   valid, and SMTPREPLY_ENOMEM if memory runs out; *OUT is then NULL.  */
int
smtpreply__plural_compile (const char *expr, size_t len,
                           struct smtpreply__plural **out)
{
  if (out == NULL || (expr == NULL && len > 0))
    return SMTPREPLY_EINVAL;
  *out = NULL;
  if (len == 0 || len > MAX_LENGTH)
    return SMTPREPLY_ECATALOG_CORRUPT;

  /* Each instruction takes at least one byte of the expression.  */
  size_t capacity = len + 1;
  struct smtpreply__plural *plural
      = malloc (offsetof (struct smtpreply__plural, code)
                + capacity * sizeof plural->code[0]);
  if (plural == NULL)
    return SMTPREPLY_ENOMEM;
  plural->count = 0;

  struct compiler c = { 0 };
  c.pos = expr;
  c.end = expr + len;
  c.capacity = capacity;
  c.out = plural;
  advance (&c);
  parse_conditional (&c);
  if (!c.failed && c.token == TOK_SEMICOLON)
    advance (&c);
  if (c.failed || c.token != TOK_END || c.sp != 1)
    {
      free (plural);
      return SMTPREPLY_ECATALOG_CORRUPT;
    }

  *out = plural;
  return 0;
}

/* Return the plural form that PLURAL gives for the count N, computed as
   gettext computes it: every operand and every result, comparisons and
   logical operators included, is an unsigned long (so "(n == 0) - 1"
   wraps to ULONG_MAX where C, whose comparisons give int, would give -1),
   and x / 0 and x % 0 give 0.  PLURAL NULL means the rule of English and
   of catalogs without Plural-Forms, n != 1.  */
unsigned long
smtpreply__plural_eval (const struct smtpreply__plural *plural,
                        unsigned long n)
{
  if (plural == NULL)
    return n != 1;

  /* The compiler proved that the program leaves one value and never holds
   more than MAX_STACK; SP is the number of values held.  */
  unsigned long stack[MAX_STACK];
  size_t sp = 0;
  size_t pc = 0;
  while (pc < plural->count)
    {
      const struct insn *insn = &plural->code[pc];
      pc++;
      if (insn->op == OP_N || insn->op == OP_CONST)
        {
          stack[sp] = insn->op == OP_N ? n : insn->arg;
          sp++;
          continue;
        }

      unsigned long *top = &stack[sp - 1];
      switch (insn->op)
        {
        case OP_NOT:
          *top = !*top;
          continue;
        case OP_BOOL:
          *top = *top != 0;
          continue;
        case OP_AND:
          if (*top == 0)
            pc = insn->arg;
          else
            sp--;
          continue;
        case OP_OR:
          if (*top != 0)
            {
              *top = 1;
              pc = insn->arg;
            }
          else
            sp--;
          continue;
        case OP_BRANCH:
          sp--;
          if (stack[sp] == 0)
            pc = insn->arg;
          continue;
        case OP_JUMP:
          pc = insn->arg;
          continue;
        default:
          break;
        }

      /* A binary operator: B is popped, A is replaced by the result.  */
      unsigned long b = *top;
      sp--;
      unsigned long *a = &stack[sp - 1];
      switch (insn->op)
        {
        case OP_MUL:
          *a = *a * b;
          break;
        case OP_DIV:
          *a = b != 0 ? *a / b : 0;
          break;
        case OP_MOD:
          *a = b != 0 ? *a % b : 0;
          break;
        case OP_ADD:
          *a = *a + b;
          break;
        case OP_SUB:
          *a = *a - b;
          break;
        case OP_LT:
          *a = *a < b;
          break;
        case OP_GT:
          *a = *a > b;
          break;
        case OP_LE:
          *a = *a <= b;
          break;
        case OP_GE:
          *a = *a >= b;
          break;
        case OP_EQ:
          *a = *a == b;
          break;
        default:
          *a = *a != b;
          break;
        }
    }
  return stack[0];
}

/* Free PLURAL, which may be NULL.  */
void
smtpreply__plural_free (struct smtpreply__plural *plural)
{
  free (plural);
}
