# t-dask.py -- summaries computed on Dask are the command's, byte for byte.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""smtpreply.dask over 240 log files, plain and compressed (gzip, bzip2,
xz, zstd), cut into blocks at arbitrary places: on a LocalCluster of two
worker processes, and on a scheduler and workers started as separate
processes ("dask scheduler", "dask worker") through the module's own
command, the merged summary equals what one "smtpreply annotate
--summary" prints for the same files, in text, JSON and Russian.  The
data frame of annotate() holds the records of "smtpreply --json
annotate".  Without Dask the module says so, and this file reports its
cases skipped (Debian: python3-dask, python3-distributed; quickstart
installs them)."""

import bz2
import gzip
import json
import lzma
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

import taprunner

try:
    import distributed
    import smtpreply.dask
except ImportError as e:
    print("1..1")
    print("ok 1 # SKIP smtpreply.dask cannot run: %s" % e)
    sys.exit(0)

import smtpreply

TOP_SRCDIR = os.environ["top_srcdir"]
COMMAND = os.path.join(os.environ["top_builddir"], "cli", "smtpreply")
EXAMPLES = [os.path.join(TOP_SRCDIR, "examples", name)
            for name in ("postfix.log", "exim.log", "sendmail.log")]
FILES = 240


def command(*args):
    """Return the bytes the command prints with ARGS."""
    return subprocess.run([COMMAND] + list(args), stdout=subprocess.PIPE,
                          check=True).stdout


def write_logs(folder):
    """Write FILES logs into FOLDER, cut from the examples at random
    lines, a quarter each plain, gzip, one of bzip2/xz/zstd, and plain
    again with Windows line endings; return their paths."""
    rnd = random.Random(1)
    lines = []
    for path in EXAMPLES:
        with open(path, "rb") as f:
            lines.extend(f.read().splitlines(keepends=True))
    paths = []
    for i in range(FILES):
        start = rnd.randrange(len(lines))
        chunk = b"".join(lines[start:start + rnd.randint(1, 80)])
        kind = i % 4
        name = os.path.join(folder, "mx%03d.log" % i)
        if kind == 1:
            data, name = gzip.compress(chunk), name + ".gz"
        elif kind == 2:
            how = (i // 4) % 3
            if how == 0:
                data, name = bz2.compress(chunk), name + ".bz2"
            elif how == 1:
                data, name = lzma.compress(chunk), name + ".xz"
            else:
                data = subprocess.run(["zstd", "-q", "-c"], input=chunk,
                                      stdout=subprocess.PIPE,
                                      check=True).stdout
                name = name + ".zst"
        elif kind == 3:
            data = chunk.replace(b"\n", b"\r\n")
        else:
            data = chunk
        with open(name, "wb") as f:
            f.write(data)
        paths.append(name)
    # One file far larger than a block, so that it is cut many times.
    big = os.path.join(folder, "big.log")
    with open(big, "wb") as f:
        for _ in range(20):
            f.write(b"".join(lines))
    paths.append(big)
    return paths


class Dask(taprunner.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="smtpreply-dask.")
        cls.paths = write_logs(cls.folder)
        cls.cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True,
            dashboard_address=None)
        cls.client = distributed.Client(cls.cluster)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.cluster.close()
        shutil.rmtree(cls.folder)

    def test_cuts_files_into_blocks(self):
        parts = smtpreply.dask.partitions(self.paths, blocksize=1000)
        self.assertGreaterEqual(len(self.paths), 200)
        self.assertEqual({p.compression for p in parts},
                         {None, "gzip", "bz2", "xz", "zstd"})
        big = [p for p in parts if p.path.endswith("big.log")]
        self.assertGreater(len(big), 100)
        self.assertEqual([p.offset for p in big],
                         [1000 * i for i in range(len(big))])

    def test_summarizes_as_the_command_on_a_local_cluster(self):
        want = command("annotate", "--summary", *self.paths)
        for blocksize in (977, 4096, 1 << 26):
            got = smtpreply.dask.summarize(self.paths, client=self.client,
                                           blocksize=blocksize)
            self.assertEqual(got.render("text").encode("utf-8"), want,
                             "blocksize %d" % blocksize)

    def test_renders_json_and_languages_as_the_command(self):
        s = smtpreply.dask.summarize(self.paths, client=self.client,
                                     blocksize=1500)
        self.assertEqual(s.render("json").encode("utf-8"),
                         command("--json", "annotate", "--summary",
                                 *self.paths))
        self.assertEqual(s.render("text", lang="ru").encode("utf-8"),
                         command("--lang=ru", "annotate", "--summary",
                                 *self.paths))

    def test_redacts_and_keeps_failures_as_the_command(self):
        s = smtpreply.dask.summarize(self.paths, client=self.client,
                                     blocksize=2000, redact=True,
                                     failures=True)
        self.assertEqual(s.render("text").encode("utf-8"),
                         command("annotate", "--summary", "--redact",
                                 "--failures", *self.paths))

    def test_merges_in_any_order(self):
        parts = smtpreply.dask.partitions(self.paths, blocksize=3000)
        saved = [smtpreply.dask._summarize_part(p, False, False)
                 for p in parts]
        forward = smtpreply.Summary.from_json(smtpreply.dask._merge(saved))
        random.Random(2).shuffle(saved)
        shuffled = smtpreply.Summary.from_json(smtpreply.dask._merge(saved))
        self.assertEqual(forward.render("text"), shuffled.render("text"))
        self.assertEqual(forward.render("text").encode("utf-8"),
                         command("annotate", "--summary", *self.paths))

    def test_annotates_into_a_data_frame(self):
        frame = smtpreply.dask.annotate(self.paths[:40] + self.paths[-1:],
                                        blocksize=5000).compute()
        want = [json.loads(line) for line in command(
            "--json", "annotate", *(self.paths[:40] + self.paths[-1:]))
            .decode("utf-8").splitlines()]
        self.assertEqual(len(frame), len(want))
        got = frame.to_dict("records")
        for g, w in zip(got, want):
            self.assertEqual((g["file"], g["line"], g["code"], g["reason"],
                              g["domain"]),
                             (w["file"], w["line"], w.get("code"),
                              w.get("reason"), w.get("domain")))

    def test_runs_on_a_scheduler_and_workers_of_their_own(self):
        """dask scheduler and dask worker as separate processes, and the
        module's command as a client of them."""
        scheduler_file = os.path.join(self.folder, "scheduler.json")
        env = dict(os.environ)
        scheduler = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler",
             "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", scheduler_file],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        worker = None
        try:
            for _ in range(300):
                if os.path.exists(scheduler_file):
                    break
                time.sleep(0.1)
            with open(scheduler_file) as f:
                address = json.load(f)["address"]
            worker = subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker",
                 "--nworkers", "2", "--nthreads", "1", "--no-dashboard",
                 address],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                env=env)
            with distributed.Client(address) as client:
                client.wait_for_workers(2, timeout=60)
            done = subprocess.run(
                [sys.executable, "-m", "smtpreply.dask", "summarize",
                 "--scheduler", address, "--blocksize", "1234",
                 "--lang", "ru"] + self.paths,
                stdout=subprocess.PIPE, env=env, check=True, timeout=300)
            self.assertEqual(done.stdout,
                             command("--lang=ru", "annotate", "--summary",
                                     *self.paths))
        finally:
            for p in (worker, scheduler):
                if p is not None:
                    p.terminate()
                    p.wait(30)


class WithoutDask(taprunner.TestCase):

    def test_says_what_to_install(self):
        code = ("import sys; sys.modules['dask'] = None\n"
                "try:\n"
                "    import smtpreply.dask\n"
                "except ImportError as e:\n"
                "    print(e)\n")
        done = subprocess.run([sys.executable, "-c", code],
                              stdout=subprocess.PIPE, check=True)
        self.assertIn(b"smtpreply.dask needs Dask: install python3-dask "
                      b"and python3-distributed", done.stdout)


if __name__ == "__main__":
    taprunner.main()
