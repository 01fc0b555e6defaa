#!/usr/bin/python3
# catalog-checks.py -- the checks every catalog of po/LINGUAS passes (TAP).
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: catalog-checks.py TOP_SRCDIR
#
# For each language, four tests, each of which fails with the messages at
# fault:
#   glossary  every translated message whose msgid uses a term of
#             po/glossary.tsv renders it as the glossary says for the
#             language (po/glossary-exceptions.tsv lists the messages
#             where another rendering is right, with the reason);
#   width     every line of a translation that is printed as a block
#             (its msgid holds a newline: --help texts) fits in 79
#             columns, East Asian wide characters counting two, or in
#             as many as the longest line of its msgid if that is longer;
#   pofilter  translate-toolkit's pofilter finds nothing in the checks
#             named in POFILTER_TESTS, apart from the messages
#             po/pofilter-exceptions.tsv lists with a reason;
#   header    the catalog names its translator and its reviewer
#             (po/REVIEWS) and its Language matches its file name.
# doc/translating.md says how to fix what they report.

import os
import re
import subprocess
import sys
import unicodedata

POFILTER_TESTS = [
    "variables", "printf", "accelerators", "doublewords", "unchanged",
    "endpunc", "newlines", "escapes", "tabs", "startwhitespace",
    "endwhitespace", "urls", "emails",
]
WIDTH = 79


def unquote(s):
    """Return the C string literal body S decoded."""
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            e = s[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(e, e))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_po(path):
    """Return the entries of the catalog at PATH as dicts with msgctxt,
    msgid, msgid_plural, msgstr (a list) and fuzzy."""
    entries = []
    cur = None
    field = None

    def finish():
        if cur is not None and "msgid" in cur:
            entries.append(cur)

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                finish()
                cur, field = None, None
                continue
            if cur is None:
                cur = {"msgstr": [], "fuzzy": False, "obsolete": False}
            if line.startswith("#~"):
                cur["obsolete"] = True
                continue
            if line.startswith("#,"):
                cur["fuzzy"] = "fuzzy" in line
                continue
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$',
                         line)
            if m:
                field = m.group(1)
                text = unquote(m.group(2))
                if field.startswith("msgstr"):
                    cur["msgstr"].append(text)
                else:
                    cur[field] = text
                continue
            m = re.match(r'^"(.*)"$', line)
            if m and field is not None:
                text = unquote(m.group(1))
                if field.startswith("msgstr"):
                    cur["msgstr"][-1] += text
                else:
                    cur[field] += text
    finish()
    return [e for e in entries if not e["obsolete"]]


def read_tsv(path, columns):
    """Return the rows of the TSV file at PATH (comments and the heading
    skipped) as dicts of COLUMNS."""
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if cells[0] == columns[0]:
                continue
            if len(cells) != len(columns):
                raise SystemExit("%s:%d: %d columns, expected %d"
                                 % (path, number, len(cells), len(columns)))
            row = dict(zip(columns, cells))
            row["where"] = "%s:%d" % (os.path.basename(path), number)
            rows.append(row)
    return rows


def width(text):
    """Return the columns TEXT takes on a terminal."""
    w = 0
    for c in text:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return w


def translated(entries):
    """Yield the entries of a catalog that have a translation."""
    for e in entries:
        if e["msgid"] == "" or e["fuzzy"] or not all(e["msgstr"]):
            continue
        yield e


def check_glossary(lang, entries, terms, renderings, exceptions):
    problems = []
    for e in translated(entries):
        for term, en in terms.items():
            if not re.search(en["forms"], e["msgid"], re.I):
                continue
            if (lang, term, e["msgid"]) in exceptions:
                continue
            r = renderings.get((lang, term))
            if r is None:
                problems.append("no row for %r in po/glossary.tsv (used by %r)"
                                % (term, e["msgid"][:60]))
                continue
            if not all(re.search(r["forms"], s, re.I) for s in e["msgstr"]):
                problems.append("%r is not rendered %r (%s) in %r"
                                % (term, r["translation"], r["forms"],
                                   e["msgstr"][0][:70]))
    # One report per missing row is enough.
    seen = set()
    out = []
    for p in problems:
        key = p.split(" (used by")[0]
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def check_width(entries):
    problems = []
    for e in translated(entries):
        if "\n" not in e["msgid"]:
            continue
        # A line the English itself makes longer (a URL) may be as long.
        limit = max([WIDTH] + [width(x) for x in e["msgid"].split("\n")])
        for s in e["msgstr"]:
            for line in s.split("\n"):
                if width(line) > limit:
                    problems.append("%d columns: %r" % (width(line), line))
    return problems


def check_pofilter(lang, path, exceptions):
    problems = []
    args = ["pofilter", "--progress=none", "--language=" + lang]
    for t in POFILTER_TESTS:
        args += ["-t", t]
    try:
        out = subprocess.run(args + [path], capture_output=True, text=True,
                             check=False).stdout
    except FileNotFoundError:
        return ["pofilter is not installed (Debian: translate-toolkit)"]
    for block in out.split("\n\n"):
        notes = re.findall(r"^# \(pofilter\) (\w+): (.*)$", block, re.M)
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not notes or not m:
            continue
        msgid = "".join(unquote(x) for x in re.findall(r'"(.*)"', m.group(1)))
        for test, what in notes:
            if (lang, test, msgid) not in exceptions:
                problems.append("%s: %s: %r" % (test, what, msgid[:70]))
    return problems


def check_header(lang, entries, reviews):
    header = next((e for e in entries if e["msgid"] == ""), None)
    if header is None:
        return ["no header entry"]
    h = header["msgstr"][0]
    problems = []
    m = re.search(r"^Language: (.*)$", h, re.M)
    if not m or m.group(1).strip() != lang:
        problems.append("Language: is %r, not %r"
                        % (m.group(1).strip() if m else None, lang))
    m = re.search(r"^Last-Translator: (.*)$", h, re.M)
    if not m or not m.group(1).strip() or "FULL NAME" in m.group(1):
        problems.append("no Last-Translator")
    if lang not in reviews:
        problems.append("no review recorded in po/REVIEWS")
    return problems


def main():
    top = sys.argv[1]
    po = os.path.join(top, "po")
    langs = []
    with open(os.path.join(po, "LINGUAS"), encoding="utf-8") as f:
        for line in f:
            langs += line.split("#")[0].split()
    rows = read_tsv(os.path.join(po, "glossary.tsv"),
                    ["term", "lang", "translation", "forms", "note"])
    terms = {r["term"]: r for r in rows if r["lang"] == "en"}
    renderings = {(r["lang"], r["term"]): r for r in rows if r["lang"] != "en"}
    bad_rows = [r["where"] for r in rows
                if r["lang"] != "en" and r["term"] not in terms]
    gloss_ex = {(r["lang"], r["term"], unquote(r["msgid"]))
                for r in read_tsv(os.path.join(po, "glossary-exceptions.tsv"),
                                  ["lang", "term", "msgid", "reason"])}
    filt_ex = {(r["lang"], r["test"], unquote(r["msgid"]))
               for r in read_tsv(os.path.join(po, "pofilter-exceptions.tsv"),
                                 ["lang", "test", "msgid", "reason"])}
    reviews = set()
    for r in read_tsv(os.path.join(po, "REVIEWS"),
                      ["lang", "translator", "reviewer", "date", "notes"]):
        if r["reviewer"].strip() and r["reviewer"] != r["translator"]:
            reviews.add(r["lang"])

    n = 0

    def report(ok, name, problems):
        nonlocal n
        n += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
        for p in problems[:40]:
            print("# " + p)
        if len(problems) > 40:
            print("# ... and %d more" % (len(problems) - 40))

    report(not bad_rows, "every row of po/glossary.tsv names a term",
           ["a row for an unknown term at " + w for w in bad_rows])
    for lang in langs:
        path = os.path.join(po, lang + ".po")
        entries = read_po(path)
        p = check_glossary(lang, entries, terms, renderings, gloss_ex)
        report(not p, "%s.po uses the glossary" % lang, p)
        p = check_width(entries)
        report(not p, "%s.po: every help line fits in %d columns"
               % (lang, WIDTH), p)
        p = check_pofilter(lang, path, filt_ex)
        report(not p, "%s.po passes pofilter" % lang, p)
        p = check_header(lang, entries, reviews)
        report(not p, "%s.po names its translator and reviewer" % lang, p)
    print("1..%d" % n)


main()
