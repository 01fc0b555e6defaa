# t-viewer-chromium.py -- the bounce viewer's page, in headless Chromium.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""examples/bounce-viewer/viewer.py serves its page on 127.0.0.1, and
headless Chromium loads it and gives back the DOM it built: the rows of a
DSN with three recipients; a <script> in a server's reply stays text and
does not run (it would change the title); Hebrew asked by the browser
gives a right-to-left page with the catalog's words.

Without Chromium (Debian's chromium; CHROMIUM names another) the test
says so as a TAP skip, or fails if SMTPREPLY_REQUIRE_CHROMIUM is set, as
.ci/run sets it after installing Chromium: CI always runs it."""

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import wsgiref.simple_server

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium")
if not CHROMIUM:
    if os.environ.get("SMTPREPLY_REQUIRE_CHROMIUM"):
        # CI installs it: there, a missing browser is a failure.
        print("1..1\nnot ok 1 - chromium is not installed, and "
              "SMTPREPLY_REQUIRE_CHROMIUM is set")
        sys.exit(1)
    print("1..0 # SKIP chromium is not installed (Debian package chromium; "
          ".ci/run installs it)")
    sys.exit(0)

import taprunner  # noqa: E402 (the skip comes first)
import smtpreply  # noqa: E402
from viewerpage import HEADINGS_EN, ROWS_EN, read  # noqa: E402

TOP = os.environ["top_srcdir"]
VIEWER = os.path.join(TOP, "examples", "bounce-viewer", "viewer.py")

spec = importlib.util.spec_from_file_location("viewer", VIEWER)
viewer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(viewer)

TITLE = "Why did my message bounce?"


class Server:
    """The viewer's app served on 127.0.0.1, on a free port, in a
    thread."""

    def __init__(self):
        self.httpd = wsgiref.simple_server.make_server(
            "127.0.0.1", 0, viewer.app, handler_class=viewer.QuietHandler)
        self.url = "http://127.0.0.1:%d/" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


server = None
profile = None


def setUpModule():
    global server, profile
    server = Server()
    profile = tempfile.mkdtemp(prefix="smtpreply-chromium-")


def tearDownModule():
    server.close()
    shutil.rmtree(profile, ignore_errors=True)


def dom(query, accept="en"):
    """Return the DOM Chromium builds from the page at QUERY, the browser
    asking for the languages ACCEPT."""
    env = dict(os.environ, HOME=profile,
               XDG_CONFIG_HOME=os.path.join(profile, "config"),
               XDG_CACHE_HOME=os.path.join(profile, "cache"))
    # A sanitizer build preloads its runtime into the interpreter: not
    # into the browser.
    for name in ("LD_PRELOAD", "ASAN_OPTIONS", "PYTHONMALLOC"):
        env.pop(name, None)
    args = [CHROMIUM, "--headless=new", "--disable-gpu", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions",
            "--user-data-dir=" + os.path.join(profile, "data"),
            "--accept-lang=" + accept, "--dump-dom", server.url + query]
    if os.geteuid() == 0:
        args.insert(1, "--no-sandbox")
    done = subprocess.run(args, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env, timeout=60)
    if done.returncode != 0:
        raise AssertionError("chromium exited with %d: %s" % (
            done.returncode, done.stderr.decode("utf-8", "replace")[-2000:]))
    return done.stdout.decode("utf-8")


class Browser(taprunner.TestCase):

    def test_shows_a_row_per_recipient(self):
        cells = read(dom("?sample=multi-recipient"))
        self.assertEqual(cells.html_attrs, {"lang": "en", "dir": "ltr"})
        self.assertEqual(cells.title, TITLE)
        self.assertEqual(cells.headings, HEADINGS_EN)
        self.assertEqual([tuple(r) for r in cells.rows], ROWS_EN)

    def test_a_script_in_a_reply_stays_text(self):
        cells = read(dom("?sample=hostile"))
        # The script would have set the title to "pwned".
        self.assertEqual(cells.title, TITLE)
        self.assertNotIn("script", cells.tags)
        self.assertEqual(len(cells.rows), 1)
        self.assertEqual(cells.rows[0][0], "eve@hostile.example Remote "
                         "server mx.hostile.example")
        self.assertEqual(cells.rows[0][2],
                         "550 5.7.1 <script>document.title='pwned'</script> "
                         "message refused")

    def test_hebrew_asked_by_the_browser_is_right_to_left(self):
        cells = read(dom("?sample=multi-recipient", accept="he-IL,he,en"))
        self.assertEqual(cells.html_attrs, {"lang": "he", "dir": "rtl"})
        self.assertEqual(cells.title, smtpreply.translate(TITLE, "he"))
        self.assertEqual(cells.title, "מדוע ההודעה שלי הוחזרה?")
        self.assertEqual([r[0] for r in cells.rows], [
            "ann@example.org שרת מרוחק mx.example.org",
            "bert@example.net שרת מרוחק mail.example.net",
            "cleo@unrouted.example"])
        self.assertEqual([r[3].split(" (")[0] for r in cells.rows],
                         ["נמען לא ידוע", "תיבת הדואר מלאה",
                          "דומיין לא ידוע"])


if __name__ == "__main__":
    taprunner.main()
