# viewerpage.py -- the bounce viewer's page as a browser shows it.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""What the tests of examples/bounce-viewer/ read in its page (Cells,
read), and what the page says of tests/bounces/exim-dsn-multi-recipient.eml
in English (HEADINGS_EN, ROWS_EN)."""

import html.parser

# The rows of exim-dsn-multi-recipient.eml in English: the text of each
# cell, as a browser shows it.
ROWS_EN = [
    ("ann@example.org Remote server mx.example.org",
     "Failed 5.0.0",
     "550 5.1.1 <ann@example.org>: Recipient address rejected: User "
     "unknown in local recipient table",
     "Unknown recipient (Hard failure) Rule text.user-unknown \u2014 The "
     "reply says \u201cuser unknown\u201d. The recipient's mailbox does not "
     "exist.",
     "No: the address itself does not work; do not send to it again as it "
     "is",
     "Give up \u2014 Return the message to its sender and stop sending to "
     "this address"),
    ("bert@example.net Remote server mail.example.net",
     "Failed 5.0.0",
     "552 sorry, mailbox bert is over quota temporarily (#5.1.1)",
     "Mailbox full (Soft failure) Rule text.over-quota \u2014 The reply "
     "says \u201cover quota\u201d. The recipient's mailbox is full or over "
     "its quota.",
     "Yes: the address is good; wait, or fix what the reason says, and "
     "send again",
     "Retry \u2014 Keep the message and try again later; the recipient's "
     "address is good"),
    ("cleo@unrouted.example",
     "Failed 5.0.0",
     "",
     "Unknown domain (Hard failure) Rule text.unrouteable \u2014 The reply "
     "says \u201cunrouteable address\u201d. The recipient's domain does not "
     "exist or has no mail host (MX).",
     "No: the address itself does not work; do not send to it again as it "
     "is",
     "Give up \u2014 Return the message to its sender and stop sending to "
     "this address"),
]

HEADINGS_EN = ["Recipient", "What happened", "Reply", "Reason",
               "Worth retrying?", "What to do"]

class Cells(html.parser.HTMLParser):
    """The text of a page: its title, html attributes, table headings,
    the cells of each body row, and the paragraphs of class notice and
    error."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_attrs = {}
        self.title = ""
        self.headings = []
        self.rows = []
        self.messages = []
        self.tags = []
        self._text = None
        self._where = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        elif tag == "br" and self._text is not None:
            self._text.append(" ")
        elif tag == "tr" and self._where == "tbody":
            self.rows.append([])
        elif tag in ("title", "th", "td") or (
                tag == "p" and attrs.get("class") in ("notice", "error")):
            self._text = []
        elif tag == "tbody":
            self._where = "tbody"

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._where = None
        if self._text is None or tag not in ("title", "th", "td", "p"):
            return
        text = " ".join("".join(self._text).split())
        if tag == "title":
            self.title = text
        elif tag == "th":
            self.headings.append(text)
        elif tag == "td":
            self.rows[-1].append(text)
        else:
            self.messages.append(text)
        self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def read(page):
    """Return the Cells of PAGE, an HTML page as str."""
    cells = Cells()
    cells.feed(page)
    cells.close()
    return cells
