# t-viewer.py -- examples/bounce-viewer/viewer.py, its WSGI app in-process.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""The bounce viewer's page, asked as a browser would and read back: a
DSN with three recipients gives three rows with their texts, uploaded or
pasted; server text is escaped; the language follows Accept-Language
(q-values) and ?lang=, right to left for Hebrew; a message that is not a
bounce, a broken one, an empty form and one too big each give their
message; the headers forbid scripts."""

import importlib.util
import io
import os
import urllib.parse
import wsgiref.util

import taprunner
import smtpreply
from viewerpage import Cells, HEADINGS_EN, ROWS_EN, read

TOP = os.environ["top_srcdir"]
VIEWER = os.path.join(TOP, "examples", "bounce-viewer", "viewer.py")
CORPUS = os.path.join(TOP, "tests", "bounces")

spec = importlib.util.spec_from_file_location("viewer", VIEWER)
viewer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(viewer)

BOUNDARY = "----viewertest7MA4YWxkTrZu0gW"

HOSTILE = (
    "From: MAILER-DAEMON@mail.example.com\r\n"
    "To: sender@example.com\r\n"
    "Subject: Undelivered Mail <img src=x onerror=alert(2)>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/report; report-type=delivery-status;\r\n"
    " boundary=\"b1\"\r\n"
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "Delivery failed.\r\n"
    "--b1\r\n"
    "Content-Type: message/delivery-status\r\n"
    "\r\n"
    "Reporting-MTA: dns; mail.example.com\r\n"
    "\r\n"
    "Final-Recipient: rfc822; x\"><b>@example.org\r\n"
    "Action: failed\r\n"
    "Status: 5.7.1\r\n"
    "Remote-MTA: dns; mx.example.org\r\n"
    "Diagnostic-Code: smtp; 550 5.7.1 <script>alert(1)</script> refused\x1b[8m\r\n"
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/rfc822-headers\r\n"
    "\r\n"
    "From: sender@example.com\r\n"
    "Subject: <script>alert(3)</script>\r\n"
    "To: =?UTF-8?B?YW5uQGV4YW1wbGUub3Jn4oCuZ25wLmV4ZQ==?=\r\n"
    "\r\n"
    "--b1--\r\n").encode("ascii")

NOT_A_BOUNCE = (b"From: ann@example.org\r\nTo: bert@example.net\r\n"
                b"Subject: Lunch\r\n\r\nLunch at noon?\r\n")


def corpus(name):
    with open(os.path.join(CORPUS, name), "rb") as f:
        return f.read()


class Endless(io.RawIOBase):
    """A request body of zeros that counts what is read of it, and must
    not be read past LIMIT bytes."""

    def __init__(self, limit):
        super().__init__()
        self.limit = limit
        self.count = 0

    def read(self, size=-1):
        if size is None or size < 0 or self.count + size > self.limit:
            raise AssertionError("read %r bytes after %d" % (size,
                                                             self.count))
        self.count += size
        return bytes(size)

    readline = read


def request(method="GET", query="", body=b"", content_type=None,
            accept=None, length=None, stream=None):
    """Run the viewer's app on a request; return (status, headers as a
    dict, page as str)."""
    environ = {}
    wsgiref.util.setup_testing_defaults(environ)
    environ["REQUEST_METHOD"] = method
    environ["QUERY_STRING"] = query
    environ["wsgi.input"] = stream if stream is not None else io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body) if length is None else length)
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    if accept is not None:
        environ["HTTP_ACCEPT_LANGUAGE"] = accept
    answer = {}

    def start_response(status, headers):
        answer["status"] = status
        answer["headers"] = dict(headers)

    data = b"".join(viewer.app(environ, start_response))
    return answer["status"], answer["headers"], data.decode("utf-8")


def upload(message, field="file", filename="bounce.eml", **kwargs):
    """POST MESSAGE as a multipart form: in FIELD "file" (an upload, as
    message/rfc822) or "message" (the text area, with an empty file)."""
    parts = []
    if field == "message":
        parts.append(b'Content-Disposition: form-data; name="message"\r\n'
                     b'\r\n' + message)
        parts.append(b'Content-Disposition: form-data; name="file"; '
                     b'filename=""\r\nContent-Type: application/octet-stream'
                     b'\r\n\r\n')
    else:
        parts.append(b'Content-Disposition: form-data; name="message"\r\n'
                     b'\r\n')
        parts.append(('Content-Disposition: form-data; name="file"; '
                      'filename="%s"\r\nContent-Type: message/rfc822\r\n\r\n'
                      % filename).encode("utf-8") + message)
    delimiter = b"--" + BOUNDARY.encode("ascii")
    body = b"".join(delimiter + b"\r\n" + p + b"\r\n" for p in parts) \
        + delimiter + b"--\r\n"
    return request("POST", body=body,
                   content_type="multipart/form-data; boundary=" + BOUNDARY,
                   **kwargs)


class Recipients(taprunner.TestCase):

    def test_an_uploaded_dsn_gives_a_row_per_recipient(self):
        status, headers, page = upload(corpus("exim-dsn-multi-recipient.eml"))
        self.assertEqual(status, "200 OK")
        cells = read(page)
        self.assertEqual(cells.headings, HEADINGS_EN)
        self.assertEqual([tuple(r) for r in cells.rows], ROWS_EN)
        self.assertEqual(cells.html_attrs, {"lang": "en", "dir": "ltr"})
        self.assertEqual(cells.title, "Why did my message bounce?")
        self.assertIn("<dt>Subject</dt><dd><bdi dir=\"ltr\">Board papers for "
                      "April</bdi></dd>", page)

    def test_a_pasted_dsn_gives_the_same_rows(self):
        message = corpus("exim-dsn-multi-recipient.eml")
        _, _, page = upload(message.replace(b"\n", b"\r\n"),
                            field="message")
        self.assertEqual([tuple(r) for r in read(page).rows], ROWS_EN)
        body = urllib.parse.urlencode({"message": message}).encode("ascii")
        status, _, page = request(
            "POST", body=body,
            content_type="application/x-www-form-urlencoded")
        self.assertEqual(status, "200 OK")
        self.assertEqual([tuple(r) for r in read(page).rows], ROWS_EN)

    def test_a_shipped_sample_is_shown_by_name(self):
        status, _, page = request(query="sample=multi-recipient")
        self.assertEqual(status, "200 OK")
        self.assertEqual([tuple(r) for r in read(page).rows], ROWS_EN)
        self.assertEqual(request(query="sample=nothing")[0], "404 Not Found")
        self.assertEqual(
            request(query="sample=../../tests/bounces/"
                    "exim-dsn-multi-recipient")[0], "404 Not Found")


class Hostile(taprunner.TestCase):

    def test_server_text_stays_text(self):
        status, _, page = upload(HOSTILE)
        self.assertEqual(status, "200 OK")
        self.assertIn("<pre class=\"server\" dir=\"ltr\">550 5.7.1 "
                      "&lt;script&gt;alert(1)&lt;/script&gt; refused</pre>",
                      page)
        self.assertIn("&lt;script&gt;alert(3)&lt;/script&gt;", page)
        self.assertIn("x&quot;&gt;&lt;b&gt;@example.org", page)
        self.assertNotIn("<script", page.lower())
        self.assertNotIn("<b>", page)
        self.assertNotIn("<img", page)
        # Controls and bidirectional overrides are taken out.
        self.assertIn("<dt>To</dt><dd><bdi dir=\"ltr\">"
                      "ann@example.orggnp.exe</bdi></dd>", page)
        self.assertNotIn("\u202e", page)
        self.assertNotIn("\x1b", page)
        cells = read(page)
        self.assertNotIn("script", cells.tags)
        self.assertEqual(cells.rows[0][0],
                         "x\"><b>@example.org Remote server mx.example.org")
        self.assertEqual(cells.rows[0][2],
                         "550 5.7.1 <script>alert(1)</script> refused")

    def test_the_headers_forbid_scripts(self):
        _, headers, _ = request()
        csp = headers["Content-Security-Policy"]
        self.assertTrue(csp.startswith("default-src 'none'; "), csp)
        self.assertNotIn("script-src", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(headers["Content-Type"], "text/html; charset=utf-8")
        self.assertEqual(headers["Vary"], "Accept-Language")
        status, headers, css = viewer_css()
        self.assertEqual(status, "200 OK")
        self.assertEqual(headers["Content-Type"], "text/css; charset=utf-8")
        self.assertIn("table.recipients", css)
        self.assertEqual(headers["Content-Security-Policy"], csp)


def viewer_css():
    """GET /viewer.css."""
    environ = {}
    wsgiref.util.setup_testing_defaults(environ)
    environ["PATH_INFO"] = "/viewer.css"
    answer = {}

    def start_response(status, headers):
        answer["status"] = status
        answer["headers"] = dict(headers)

    data = b"".join(viewer.app(environ, start_response))
    return answer["status"], answer["headers"], data.decode("utf-8")


class Languages(taprunner.TestCase):

    def test_hebrew_is_right_to_left(self):
        _, headers, page = upload(corpus("exim-dsn-multi-recipient.eml"),
                                  accept="he-IL,he;q=0.9,en;q=0.5")
        cells = read(page)
        self.assertEqual(cells.html_attrs, {"lang": "he", "dir": "rtl"})
        self.assertEqual(headers["Content-Language"], "he")
        self.assertEqual(cells.title,
                         smtpreply.translate("Why did my message bounce?",
                                             "he"))
        self.assertEqual(cells.title, "מדוע ההודעה שלי הוחזרה?")
        self.assertEqual(cells.rows[0][3].split(" (")[0],
                         smtpreply.lookup_reason("userunknown", "he").title)
        self.assertEqual(cells.rows[0][3].split(" (")[0], "נמען לא ידוע")
        # Addresses and server text keep their own direction.
        self.assertIn("<td class=\"recipient\"><bdi dir=\"ltr\">"
                      "ann@example.org</bdi>", page)

    def test_russian_by_q_values(self):
        _, _, page = upload(corpus("exim-dsn-multi-recipient.eml"),
                            accept="en;q=0.1, ru-RU;q=0.8, de;q=0.5")
        cells = read(page)
        self.assertEqual(cells.html_attrs, {"lang": "ru", "dir": "ltr"})
        self.assertEqual(cells.rows[1][3].split(" (")[0],
                         "Почтовый ящик переполнен")
        self.assertEqual(cells.rows[1][3].split(" (")[0],
                         smtpreply.lookup_reason("mailboxfull", "ru").title)
        self.assertEqual(cells.headings[0], "Получатель")

    def test_lang_in_the_address_wins(self):
        _, _, page = request(query="sample=multi-recipient&lang=pt-BR",
                             accept="he")
        cells = read(page)
        self.assertEqual(cells.html_attrs, {"lang": "pt-BR", "dir": "ltr"})
        self.assertEqual(cells.title,
                         smtpreply.translate("Why did my message bounce?",
                                             "pt_BR"))
        self.assertIn('action="/?lang=pt_BR"', page)
        _, _, page = request(query="lang=%3Cx%3E", accept="ar")
        self.assertEqual(read(page).html_attrs, {"lang": "en", "dir": "ltr"})

    def test_arabic_is_right_to_left_and_unknown_is_english(self):
        _, _, page = request(accept="ar")
        self.assertEqual(read(page).html_attrs, {"lang": "ar", "dir": "rtl"})
        _, _, page = request(accept="xx-YY, *;q=0.1")
        self.assertEqual(read(page).html_attrs, {"lang": "en", "dir": "ltr"})


class Messages(taprunner.TestCase):

    def test_not_a_bounce(self):
        status, _, page = upload(NOT_A_BOUNCE)
        self.assertEqual(status, "200 OK")
        cells = read(page)
        self.assertEqual(cells.messages, [
            "This message is not a bounce: it reports no failed delivery."])
        self.assertEqual(cells.rows, [])

    def test_a_broken_message(self):
        status, _, page = upload(corpus("malformed-multipart-no-boundary.eml"))
        self.assertEqual(status, "422 Unprocessable Entity")
        self.assertEqual(read(page).messages, [
            "This message could not be read: The message could not be read "
            "as MIME"])
        _, _, page = upload(corpus("malformed-dsn-truncated-report.eml"),
                            accept="ru")
        self.assertEqual(read(page).messages, [
            smtpreply.translate("This message could not be read: %s", "ru")
            % "Сообщение объявляет себя отчётом о доставке, но отчёт не "
            "удалось прочитать"])

    def test_an_empty_form(self):
        status, _, page = upload(b"", field="message")
        self.assertEqual(status, "200 OK")
        self.assertEqual(read(page).messages,
                         ["Paste a message or choose a file first."])
        _, _, page = request("POST", body=b"",
                             content_type="application/x-www-form-urlencoded")
        self.assertEqual(read(page).messages,
                         ["Paste a message or choose a file first."])

    def test_too_big_is_413(self):
        # Read to its end and thrown away, so that a browser gets the
        # answer...
        body = Endless(viewer.MAX_BYTES + 1)
        status, headers, page = request(
            "POST", length=viewer.MAX_BYTES + 1, stream=body,
            content_type="multipart/form-data; boundary=" + BOUNDARY)
        self.assertEqual(status, "413 Content Too Large")
        self.assertEqual(body.count, viewer.MAX_BYTES + 1)
        self.assertEqual(read(page).messages,
                         ["The message is larger than 4 MiB."])
        # ... unless it is huge: then it is not read at all.
        body = Endless(0)
        status, headers, page = request(
            "POST", length=viewer.DRAIN_BYTES + 1, stream=body,
            content_type="multipart/form-data; boundary=" + BOUNDARY)
        self.assertEqual(status, "413 Content Too Large")
        self.assertEqual(body.count, 0)
        self.assertEqual(read(page).messages,
                         ["The message is larger than 4 MiB."])
        status, _, page = upload(b"x" * (viewer.MAX_BYTES + 1))
        self.assertEqual(status, "413 Content Too Large")
        status, _, page = upload(b"x" * (viewer.MAX_BYTES - 1000))
        self.assertEqual(status, "200 OK")
        self.assertEqual(read(page).messages, [
            "This message is not a bounce: it reports no failed delivery."])

    def test_the_form_is_on_every_page(self):
        status, _, page = request()
        self.assertEqual(status, "200 OK")
        self.assertIn('<form method="post" enctype="multipart/form-data" '
                      'action="/?lang=en">', page)
        self.assertIn('<textarea id="message" name="message"', page)
        self.assertIn('<input type="file" id="file" name="file"', page)
        self.assertEqual(request("DELETE")[0], "405 Method Not Allowed")
        self.assertEqual(request(query="")[0], "200 OK")


if __name__ == "__main__":
    taprunner.main()
