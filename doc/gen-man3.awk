# gen-man3.awk -- man pages of the C API, from the headers' comments.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   awk -v outdir=DIR -v version=VERSION -v date=DATE -f gen-man3.awk \
#       smtpreply.h [other headers]
#
# Every function declared after a "/** ... */" comment gets a page
# DIR/NAME.3: its synopsis (the header to include and the declaration),
# the comment as its description, and the other functions of its part of
# the header to see also.  The parts are the header's sections, opened by
# a "/* ----" rule and a title.  DIR/smtpreply.3 lists every function by
# part, with the first sentence of its comment.  The comments are the
# documentation: nothing is written twice.

# Escape TEXT for roff: backslashes, and a dot or quote at the start of a
# line.
function roff(text)
{
  gsub(/\\/, "\\e", text)
  sub(/^[.']/, "\\\\\\&&", text)
  return text
}

# Return the first sentence of TEXT.
function first_sentence(text,    i)
{
  i = match(text, /\.  |\.$/)
  if (i > 0)
    return substr(text, 1, i)
  return text
}

# Write the page of function NAME.
function write_page(name, decl, comment, part, header,    file, n, lines, i)
{
  file = outdir "/" name ".3"
  printf ".TH %s 3 \"%s\" \"smtpreply %s\" \"smtpreply Manual\"\n",
    toupper(name), date, version > file
  printf ".SH NAME\n%s \\- %s\n", name, roff(first_sentence(comment)) > file
  printf ".SH SYNOPSIS\n.nf\n.B #include <%s>\n.PP\n", header > file
  n = split(decl, lines, "\n")
  for (i = 1; i <= n; i++)
    printf "%s\n", roff(lines[i]) > file
  printf ".fi\n.PP\nLink with \\fI-l%s\\fP.\n", \
    header ~ /bounce/ ? "smtpreply-bounce -lsmtpreply" : "smtpreply" > file
  printf ".SH DESCRIPTION\n" > file
  n = split(comment, lines, "\n")
  for (i = 1; i <= n; i++)
    {
      if (lines[i] == "")
        printf ".PP\n" > file
      else
        printf "%s\n", roff(lines[i]) > file
    }
  printf ".SH SEE ALSO\n" > file
  printf "\\fBsmtpreply\\fP(3)" > file
  for (i = 1; i <= nfuncs; i++)
    if (func_part[i] == part && func_name[i] != name)
      printf ",\n\\fB%s\\fP(3)", func_name[i] > file
  printf ",\n\\fBsmtpreply\\fP(1)\n" > file
  close(file)
}

BEGIN {
  nfuncs = 0
  nparts = 0
}

FNR == 1 {
  header = FILENAME
  sub(/.*\//, "", header)
  if (header == "smtpreply-bounce.h")
    header = "smtpreply/bounce.h"
  state = ""
}

# A part: "/* ----" then a line with its title.
state == "" && /^\/\* -{20,}/ {
  state = "part"
  next
}
state == "part" {
  title = $0
  sub(/^ +/, "", title)
  sub(/\.  .*/, ".", title)
  sub(/ *\*\/.*/, "", title)
  part = title
  parts[++nparts] = part
  state = ""
  next
}

# A comment for the declaration that follows.
state == "" && /^\/\*\*/ {
  comment = $0
  sub(/^\/\*\* ?/, "", comment)
  if (comment ~ /\*\//)
    {
      sub(/ *\*\/.*/, "", comment)
      state = "decl"
      decl = ""
    }
  else
    state = "comment"
  next
}
state == "comment" {
  line = $0
  sub(/^ +/, "", line)
  if (line ~ /\*\//)
    {
      sub(/ *\*\/.*/, "", line)
      state = "decl"
      decl = ""
    }
  comment = comment (line == "" ? "\n" : "\n" line)
  next
}
state == "decl" {
  decl = decl (decl == "" ? "" : "\n") $0
  if ($0 !~ /;/ && $0 !~ /^#/)
    next
  state = ""
  # Functions only: a name followed by "(" and no "{" of a type.
  if (decl ~ /^(struct|enum|typedef|#)/ && decl ~ /[{]|^#/)
    next
  if (decl ~ /^typedef/)
    next
  flat = decl
  gsub(/\n/, " ", flat)
  if (match(flat, /[A-Za-z_][A-Za-z_0-9]* *\(/) == 0)
    next
  name = substr(flat, RSTART, RLENGTH)
  sub(/ *\($/, "", name)
  if (name !~ /^smtpreply_/)
    next
  # The text of the comment, lines joined into paragraphs.
  gsub(/\n/, " ", comment)
  gsub(/  +/, "  ", comment)
  gsub(/@return/, "Returns", comment)
  nfuncs++
  func_name[nfuncs] = name
  func_part[nfuncs] = part
  func_decl[nfuncs] = decl
  func_comment[nfuncs] = comment
  func_header[nfuncs] = header
  next
}

END {
  for (i = 1; i <= nfuncs; i++)
    write_page(func_name[i], func_decl[i], func_comment[i], func_part[i],
               func_header[i])
  file = outdir "/smtpreply.3"
  printf ".TH SMTPREPLY 3 \"%s\" \"smtpreply %s\" \"smtpreply Manual\"\n",
    date, version > file
  printf ".SH NAME\nsmtpreply \\- what SMTP server replies and bounces mean\n" > file
  printf ".SH SYNOPSIS\n.nf\n.B #include <smtpreply.h>\n.B #include <smtpreply/bounce.h>\n.fi\n" > file
  printf ".PP\nLink with \\fI-lsmtpreply\\fP (and \\fI-lsmtpreply-bounce\\fP for bounce messages), or use \\fBpkg-config smtpreply\\fP.\n" > file
  printf ".SH DESCRIPTION\n" > file
  printf "The library explains SMTP reply codes (RFC 5321) and enhanced status codes (RFC 3463), parses replies as they arrive, finds them in logs and bounces, says why a delivery failed and what to do, in any language it has a catalog for.  Each function has a page of its own.\n" > file
  for (p = 1; p <= nparts; p++)
    {
      any = 0
      for (i = 1; i <= nfuncs; i++)
        if (func_part[i] == parts[p])
          {
            if (!any)
              printf ".SS %s\n", roff(parts[p]) > file
            any = 1
            printf ".TP\n.BR %s (3)\n%s\n", func_name[i],
              roff(first_sentence(func_comment[i])) > file
          }
    }
  printf ".SH SEE ALSO\n\\fBsmtpreply\\fP(1)\n" > file
  close(file)
}
