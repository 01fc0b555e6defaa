# gen-man3.awk -- man pages of the C API, from the headers' comments.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   awk -v outdir=DIR -v version=VERSION -v date=DATE -f gen-man3.awk \
#       smtpreply.h [other headers]
#
# A "/** ... */" comment documents the declarations that follow it up to
# the next blank line: each function among them gets a page DIR/NAME.3
# with the header to include, the declarations of the group, the comment
# as its description, and the other functions of its part of the header
# to see also.  The parts are the header's sections, opened by a
# "/* ----" rule and a title.  DIR/smtpreply.3 lists every function by part,
# with the first sentence of its comment.  The comments are the
# documentation: nothing is written twice.
#
# A function declared with no "/**" comment is named on standard error
# and makes the exit status 1, so that "make" stops.

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

# Write the page of function I.
function write_page(i,    file, n, lines, k, name, text)
{
  name = func_name[i]
  file = outdir "/" name ".3"
  printf ".TH %s 3 \"%s\" \"smtpreply %s\" \"smtpreply Manual\"\n",
    name, date, version > file
  printf ".SH NAME\n%s \\- %s\n", name,
    roff(first_sentence(func_comment[i])) > file
  printf ".SH SYNOPSIS\n.nf\n.B #include <%s>\n.PP\n", func_header[i] > file
  n = split(func_decl[i], lines, "\n")
  for (k = 1; k <= n; k++)
    printf "%s\n", roff(lines[k]) > file
  printf ".fi\n.PP\nLink with \\fI%s\\fP.\n",
    func_header[i] ~ /bounce/ ? "-lsmtpreply-bounce -lsmtpreply" \
                              : "-lsmtpreply" > file
  text = func_comment[i]
  gsub(/@return/, "Returns", text)
  printf ".SH DESCRIPTION\n%s\n", roff(text) > file
  printf ".SH SEE ALSO\n\\fBsmtpreply\\fP(3)" > file
  for (k = 1; k <= nfuncs; k++)
    if (func_part[k] == func_part[i] && k != i)
      printf ",\n\\fB%s\\fP(3)", func_name[k] > file
  printf ",\n\\fBsmtpreply\\fP(1)\n" > file
  close(file)
}

# Record the declarations of the group just read, if they are functions.
function end_declaration(    flat, name, rest)
{
  flat = decl
  gsub(/\n/, " ", flat)
  decl_group = decl_group (decl_group == "" ? "" : "\n") decl
  group_has = 0
  if (flat ~ /^typedef/ || flat ~ /^(struct|enum)[^(]*$/)
    return
  if (match(flat, /smtpreply_[A-Za-z_0-9]* *\(/) == 0)
    return
  name = substr(flat, RSTART, RLENGTH)
  sub(/ *\($/, "", name)
  if (comment == "")
    {
      printf "gen-man3.awk: %s:%d: %s has no /** comment\n", FILENAME,
        FNR, name > "/dev/stderr"
      undocumented = 1
      return
    }
  nfuncs++
  func_name[nfuncs] = name
  func_part[nfuncs] = part
  func_comment[nfuncs] = comment
  func_header[nfuncs] = header
  func_group[nfuncs] = ngroups
}

# Add LINE of a "/**" comment to the comment; a blank line starts a
# paragraph, and "*/" ends the comment.
function add_comment_line(line)
{
  state = "comment"
  if (line ~ /\*\//)
    {
      sub(/ *\*\/.*/, "", line)
      state = ""
    }
  if (line == "")
    comment = comment "\n.PP\n"
  else
    comment = comment (comment == "" || comment ~ /\n$/ ? "" : " ") line
}

BEGIN {
  nfuncs = 0
  nparts = 0
  ngroups = 0
  undocumented = 0
}

FNR == 1 {
  header = FILENAME
  sub(/.*\//, "", header)
  # The headers but smtpreply.h are installed in a folder of their own.
  if (FILENAME ~ /(^|\/)smtpreply\/[^\/]*$/)
    header = "smtpreply/" header
  state = ""
  depth = 0
  comment = ""
  decl_group = ""
  title = ""
  # What comes before the first part: the version of the library.
  part = "The library's version."
  parts[++nparts] = part
}

# Inside a comment that documents nothing: skip it.
state == "skip" {
  if ($0 ~ /\*\//)
    state = ""
  next
}

# A part: "/* ----" then a line with its title.
state == "" && depth == 0 && /^\/\* --------------------/ {
  state = "part"
  next
}
state == "part" {
  line = $0
  sub(/^ +/, "", line)
  done = line ~ /\*\//
  sub(/ *\*\/.*/, "", line)
  title = title (title == "" ? "" : " ") line
  if (done || line == "")
    {
      part = first_sentence(title)
      sub(/ +$/, "", part)
      parts[++nparts] = part
      title = ""
      state = done ? "" : "skip"
    }
  next
}

# A comment for the declarations that follow.
state == "" && depth == 0 && /^\/\*\*/ {
  line = $0
  sub(/^\/\*\* ?/, "", line)
  comment = ""
  decl_group = ""
  ngroups++
  add_comment_line(line)
  next
}
state == "comment" {
  line = $0
  sub(/^[ \t]+/, "", line)
  add_comment_line(line)
  next
}

# Any other comment.
state == "" && /^[ \t]*\/\*/ {
  if ($0 !~ /\*\//)
    state = "skip"
  next
}

# A blank line ends the group a comment documents.
/^[ \t]*$/ {
  if (state == "")
    {
      if (decl_group != "")
        for (i = 1; i <= nfuncs; i++)
          if (func_group[i] == ngroups && !(i in func_decl))
            func_decl[i] = decl_group
      comment = ""
      decl_group = ""
    }
  next
}

# Preprocessor lines, with their continuation lines, and the C++ guard
# are not declarations.
state == "cpp" {
  if ($0 !~ /\\$/)
    state = ""
  next
}
state == "" && depth == 0 && (/^#/ || /^extern "C"/ || /^}/) {
  if ($0 ~ /^#.*\\$/)
    state = "cpp"
  next
}

# A declaration, up to the ";" that ends it at the top level.
state == "" || state == "decl" {
  if (state == "")
    {
      state = "decl"
      decl = ""
    }
  decl = decl (decl == "" ? "" : "\n") $0
  line = $0
  depth += gsub(/{/, "{", line) - gsub(/}/, "}", line)
  if (depth == 0 && $0 ~ /;[ \t]*$/)
    {
      state = ""
      end_declaration()
    }
  next
}

END {
  for (i = 1; i <= nfuncs; i++)
    if (!(i in func_decl))
      func_decl[i] = decl_group
  for (i = 1; i <= nfuncs; i++)
    write_page(i)
  file = outdir "/smtpreply.3"
  printf ".TH SMTPREPLY 3 \"%s\" \"smtpreply %s\" \"smtpreply Manual\"\n",
    date, version > file
  printf ".SH NAME\nsmtpreply \\- what SMTP server replies and bounces mean\n" > file
  printf ".SH SYNOPSIS\n.nf\n.B #include <smtpreply.h>\n.fi\n" > file
  printf ".PP\nLink with \\fI-lsmtpreply\\fP, or use \\fBpkg-config smtpreply\\fP.\n" > file
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
  exit undocumented
}
