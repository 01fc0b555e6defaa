#!/usr/bin/env python3
# viewer.py -- a web page that says why a message bounced.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""A small web page, served with the standard library alone, where a
person pastes or uploads a bounce message and reads, for each recipient,
what happened, whether it is worth sending again and what to do, in the
language the browser asks for:

    python3 viewer.py --port 8080

then open http://127.0.0.1:8080/.  The language comes from the browser's
Accept-Language header, or from ?lang=ru in the address.  The samples
shipped next to this script are shown by /?sample=NAME (without .eml).

Everything the mail servers wrote is untrusted: it is HTML-escaped, the
page holds no script, and its Content-Security-Policy forbids any.  The
page's own words are msgids of strings.def, which the catalogs of
smtpreply translate.  The app is a WSGI application (app), which any WSGI
server can run too.
"""

import argparse
import html
import os
import re
import sys
import urllib.parse
import wsgiref.simple_server

import smtpreply

HERE = os.path.dirname(os.path.abspath(__file__))

# The largest request the page reads: a bounce is rarely over a few
# hundred kilobytes, and the library refuses messages over 64 MiB.
MAX_MIB = 4
MAX_BYTES = MAX_MIB * 1024 * 1024

# A request over MAX_BYTES is read to its end and thrown away, up to this
# size, so that the browser, still sending, gets the answer that says
# why; a larger one is not read at all.
DRAIN_BYTES = 64 * 1024 * 1024

# Languages written from right to left.
RTL = frozenset(["ar", "fa", "he", "ur", "yi"])

# The headers of every answer: no script of any origin, styles and
# images from this server only, forms posted only to it.
SECURITY_HEADERS = [
    ("Content-Security-Policy",
     "default-src 'none'; style-src 'self'; img-src 'self'; "
     "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
]


def read_strings(path):
    """Return the msgids of the strings.def at PATH, a dict from each
    row's KEY ("TITLE") to its English text."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    rows = re.findall(r'^VIEWER_STRING \((\w+), N_\("((?:[^"\\]|\\.)*)"\)\)',
                      text, re.MULTILINE)
    return {key: re.sub(r'\\(.)', r'\1', msgid) for key, msgid in rows}


STRINGS = read_strings(os.path.join(HERE, "strings.def"))


class Page:
    """The words of the page in one language."""

    def __init__(self, lang):
        self.lang = lang

    def __call__(self, key):
        """Return the viewer's string KEY (strings.def), translated."""
        return smtpreply.translate(STRINGS[key], self.lang)

    def msg(self, msgid):
        """Return MSGID, a string the library or the command has,
        translated."""
        return smtpreply.translate(msgid, self.lang)

    @property
    def tag(self):
        """The language's tag for HTML: "pt-BR" for the catalog pt_BR."""
        return self.lang.replace("_", "-")

    @property
    def dir(self):
        """"rtl" or "ltr"."""
        return "rtl" if self.lang.split("_")[0] in RTL else "ltr"


def choose_language(environ):
    """Return the catalog to answer in: ?lang= if given, otherwise the
    best for the Accept-Language header, otherwise "en"."""
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    asked = query.get("lang", [""])[0]
    if asked:
        try:
            return smtpreply.resolve_language(asked)
        except smtpreply.Error:
            return "en"
    accept = environ.get("HTTP_ACCEPT_LANGUAGE", "")
    try:
        return smtpreply.negotiate_language(accept)
    except smtpreply.Error:
        return "en"


def esc(text):
    """Return TEXT (str, or None for "") escaped for HTML, quotes too."""
    return html.escape(text or "", quote=True)


def untrusted(text):
    """Return TEXT, written by a mail server or a sender, escaped for
    HTML, without the controls and the bidirectional and invisible
    characters that could make it read as something else."""
    return esc(smtpreply.display_safe(text or ""))


def ltr(text):
    """Return untrusted TEXT escaped and isolated as left-to-right:
    addresses, codes and server text keep their order inside a
    right-to-left page."""
    return '<bdi dir="ltr">%s</bdi>' % untrusted(text)


# ---------------------------------------------------------------------------
# Reading the request.

class TooBig(Exception):
    """The request is over MAX_BYTES."""


def parse_disposition(value):
    """Return the parameters of a Content-Disposition VALUE, a dict with
    lower-case names."""
    params = {}
    for m in re.finditer(r';\s*([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)',
                         value):
        v = m.group(2).strip()
        if v.startswith('"'):
            v = re.sub(r'\\(.)', r'\1', v[1:-1])
        params[m.group(1).lower()] = v
    return params


def parse_multipart(body, content_type):
    """Return the fields of a multipart/form-data BODY (bytes) whose
    Content-Type is CONTENT_TYPE: a dict from each field's name to its
    bytes, the first of each name."""
    m = re.search(r'boundary=("?)([^";]+)\1', content_type)
    if m is None:
        return {}
    delimiter = b"--" + m.group(2).encode("latin-1")
    fields = {}
    for part in body.split(delimiter)[1:]:
        if part.startswith(b"--"):
            break
        head, sep, content = part.partition(b"\r\n\r\n")
        if not sep:
            continue
        if content.endswith(b"\r\n"):
            content = content[:-2]
        name = None
        for line in head.decode("latin-1").split("\r\n"):
            key, _, value = line.partition(":")
            if key.strip().lower() == "content-disposition":
                name = parse_disposition(value).get("name")
        if name is not None and name not in fields:
            fields[name] = content
    return fields


def read_form(environ):
    """Return the message a POST request of ENVIRON carries: the file
    uploaded if any, otherwise the pasted text, as bytes (b"" if none).
    Raise TooBig for a request over MAX_BYTES."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BYTES:
        if length <= DRAIN_BYTES:
            stream = environ["wsgi.input"]
            while length > 0:
                chunk = stream.read(min(length, 65536))
                if not chunk:
                    break
                length -= len(chunk)
        raise TooBig()
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    content_type = environ.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/form-data"):
        fields = parse_multipart(body, content_type)
    else:
        fields = {k.decode("latin-1"): v for k, v in
                  urllib.parse.parse_qsl(body, keep_blank_values=True)}
    upload = fields.get("file", b"")
    if upload.strip():
        return upload
    return fields.get("message", b"")


# ---------------------------------------------------------------------------
# Writing the page.

def form(_):
    """Return the form to paste or upload a message, in the words _."""
    return (
        '<form method="post" enctype="multipart/form-data" '
        'action="/?lang=%s">\n'
        '<p>%s</p>\n'
        '<p><label for="message">%s</label><br>\n'
        '<textarea id="message" name="message" rows="12" cols="80" '
        'dir="ltr" spellcheck="false"></textarea></p>\n'
        '<p><label for="file">%s</label> '
        '<input type="file" id="file" name="file" accept=".eml,message/rfc822,text/plain"></p>\n'
        '<p><button type="submit">%s</button></p>\n'
        '</form>\n' % (esc(_.lang), esc(_("INTRO")), esc(_("PASTE")),
                       esc(_("FILE")), esc(_("EXPLAIN"))))


def reply_cell(r, _):
    """Return the cell of recipient R's reply: the code, the enhanced
    code and the server's text as it wrote it, or the diagnostic."""
    if r.code is not None:
        lines = r.lines or ("",)
        text = "\n".join("%d%s%s" % (r.code, "-" if i + 1 < len(lines)
                                     else " ", untrusted(line))
                         for i, line in enumerate(lines))
        return '<pre class="server" dir="ltr">%s</pre>' % text.rstrip()
    if r.diagnostic is not None:
        text = "\n".join(untrusted(line)
                         for line in r.diagnostic.split("\n"))
        if r.diagnostic_type:
            text = "%s; %s" % (untrusted(r.diagnostic_type), text)
        return ('<span class="label">%s</span> '
                '<pre class="server" dir="ltr">%s</pre>'
                % (esc(_.msg("Diagnostic")), text))
    return ""


def recipient_row(r, _):
    """Return the table row of recipient R (a smtpreply.Recipient)."""
    v = r.verdict
    what = r.action.describe(_.lang) or ""
    if r.status:
        what = '%s <span class="code">%s</span>' % (esc(what), ltr(r.status))
    else:
        what = esc(what)
    address = ltr(r.address) if r.address else ""
    if r.remote_mta:
        address += ('<br><span class="label">%s</span> %s'
                    % (esc(_.msg("Remote server")), ltr(r.remote_mta)))
    if v.reason is None:
        reason = ""
    else:
        severity = (smtpreply.Severity.NONE if v.soft is None
                    else smtpreply.Severity.SOFT if v.soft
                    else smtpreply.Severity.HARD)
        reason = ('<strong class="reason">%s</strong> '
                  '<span class="severity %s">(%s)</span>'
                  % (esc(v.reason_title), esc(str(severity)),
                     esc(severity.describe(_.lang))))
        if v.rule is not None:
            reason += ('<br><span class="label">%s</span> %s \u2014 %s'
                       % (esc(_.msg("Rule")), ltr(v.rule),
                          esc(v.explanation)))
    if v.soft is None:
        retry = _("RETRY_NONE")
    elif v.soft:
        retry = _("RETRY_YES")
    else:
        retry = _("RETRY_NO")
    action = ""
    if v.advice is not None:
        action = ('<strong>%s</strong> \u2014 %s'
                % (esc(v.advice.action.describe(_.lang)),
                   esc(v.advice.text)))
    return ('<tr class="%s">\n<td class="recipient">%s</td>\n'
            '<td class="happened">%s</td>\n<td class="reply">%s</td>\n'
            '<td class="why">%s</td>\n<td class="retry">%s</td>\n'
            '<td class="action">%s</td>\n</tr>\n'
            % (esc(str(r.action)), address, what, reply_cell(r, _), reason,
               esc(retry), action))


# The fields of the returned original, and the msgids of their labels.
ORIGINAL_FIELDS = [("subject", "Subject"), ("from", "From"), ("to", "To"),
                   ("date", "Date"), ("message_id", "Message-ID")]


def report(b, _):
    """Return the part of the page that says what bounce B reports."""
    if b.kind == smtpreply.BounceKind.NOT_BOUNCE or not b.recipients:
        return '<p class="notice">%s</p>\n' % esc(_("NOT_BOUNCE"))
    out = []
    if b.original:
        out.append('<h2>%s</h2>\n<dl class="original">\n'
                   % esc(_("ORIGINAL")))
        for key, label in ORIGINAL_FIELDS:
            if key in b.original:
                out.append('<dt>%s</dt><dd>%s</dd>\n'
                           % (esc(_.msg(label)), ltr(b.original[key])))
        out.append('</dl>\n')
    out.append('<h2>%s</h2>\n<table class="recipients">\n<thead><tr>'
               % esc(_("RECIPIENTS")))
    for heading in (_("RECIPIENT"), _("HAPPENED"), _.msg("Reply"),
                    _.msg("Reason"), _("RETRY"), _("ACTION")):
        out.append('<th scope="col">%s</th>' % esc(heading))
    out.append('</tr></thead>\n<tbody>\n')
    out.extend(recipient_row(r, _) for r in b.recipients)
    out.append('</tbody>\n</table>\n<p class="note">%s</p>\n'
               % esc(_("SERVER_TEXT")))
    return "".join(out)


def explain(message, _):
    """Return the part of the page about MESSAGE (bytes), and the HTTP
    status."""
    if not message.strip():
        return '<p class="notice">%s</p>\n' % esc(_("EMPTY")), "200 OK"
    try:
        b = smtpreply.bounce(message, lang=_.lang)
    except smtpreply.Error as e:
        reason = smtpreply.strerror(e.errno, _.lang) if e.errno else str(e)
        return ('<p class="error">%s</p>\n' % esc(_("UNREADABLE") % reason),
                "422 Unprocessable Entity")
    return report(b, _), "200 OK"


def page(_, body):
    """Return the whole page, in the words _, around BODY."""
    return (
        '<!DOCTYPE html>\n<html lang="%s" dir="%s">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, '
        'initial-scale=1">\n<title>%s</title>\n'
        '<link rel="stylesheet" href="/viewer.css">\n</head>\n<body>\n'
        '<h1>%s</h1>\n%s%s</body>\n</html>\n'
        % (esc(_.tag), _.dir, esc(_("TITLE")), esc(_("TITLE")), body,
           form(_)))


def samples():
    """Return the names of the shipped samples (without .eml)."""
    folder = os.path.join(HERE, "samples")
    try:
        return sorted(n[:-4] for n in os.listdir(folder) if n.endswith(".eml"))
    except OSError:
        return []


def app(environ, start_response):
    """The WSGI application: GET / (the form), GET /?sample=NAME, POST /
    (a message pasted or uploaded), GET /viewer.css."""
    path = environ.get("PATH_INFO", "/")
    method = environ.get("REQUEST_METHOD", "GET")
    if path == "/viewer.css" and method in ("GET", "HEAD"):
        with open(os.path.join(HERE, "viewer.css"), "rb") as f:
            css = f.read()
        start_response("200 OK", [("Content-Type", "text/css; charset=utf-8"),
                                  ("Content-Length", str(len(css)))]
                       + SECURITY_HEADERS)
        return [css]
    _ = Page(choose_language(environ))
    status = "200 OK"
    body = ""
    if path != "/":
        status = "404 Not Found"
    elif method == "POST":
        try:
            message = read_form(environ)
        except TooBig:
            status = "413 Content Too Large"
            body = '<p class="error">%s</p>\n' % esc(_("TOO_BIG") % MAX_MIB)
        else:
            body, status = explain(message, _)
    elif method in ("GET", "HEAD"):
        query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
        name = query.get("sample", [""])[0]
        if name:
            if name in samples():
                with open(os.path.join(HERE, "samples", name + ".eml"),
                          "rb") as f:
                    body, status = explain(f.read(), _)
            else:
                status = "404 Not Found"
    else:
        status = "405 Method Not Allowed"
    data = page(_, body).encode("utf-8")
    headers = [("Content-Type", "text/html; charset=utf-8"),
               ("Content-Length", str(len(data))),
               ("Content-Language", _.tag),
               ("Vary", "Accept-Language")] + SECURITY_HEADERS
    if status.startswith("405"):
        headers.append(("Allow", "GET, HEAD, POST"))
    start_response(status, headers)
    return [] if method == "HEAD" else [data]


class QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
    """A request handler that logs nothing, for --quiet."""

    def log_message(self, *args):
        pass


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Serve a page that says why a message bounced.")
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080,
                        help="the port to listen on, 0 for any free one "
                        "(8080)")
    parser.add_argument("--quiet", action="store_true",
                        help="log no requests")
    args = parser.parse_args(argv)
    handler = (QuietHandler if args.quiet
               else wsgiref.simple_server.WSGIRequestHandler)
    with wsgiref.simple_server.make_server(args.host, args.port, app,
                                           handler_class=handler) as server:
        host, port = server.server_address[:2]
        print("http://%s:%d/" % (host, port), flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
