#!/usr/bin/env python3
# bench/dask-scaling.py -- a fleet's logs summarised by smtpreply.dask with
# one and with two worker processes, against one smtpreply command.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Print how fast smtpreply.dask summarises a fleet's mail logs.

The log LOG (bench/log.txt of "make bench") is cut into FILES files, as
many servers would write them, every fourth one gzip'ed; then the same
summary is computed by "smtpreply annotate --summary" (one process) and
by smtpreply.dask.summarize on a distributed.LocalCluster of 1, then 2,
... worker processes of one thread each.  Every result must equal the
command's byte for byte (the run stops otherwise).  It prints MiB/s and
lines/s of each, the speed-up over one worker, and what that means for
a fleet writing a terabyte a day.  Figures only: nothing here is a
test."""

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time

import distributed

import smtpreply.dask


def split(log, folder, files):
    """Cut LOG into FILES files under FOLDER at line ends; gzip every
    fourth; return their paths and the bytes and lines of LOG."""
    with open(log, "rb") as f:
        data = f.read()
    lines = data.count(b"\n")
    step = len(data) // files + 1
    paths = []
    start = 0
    for i in range(files):
        end = data.find(b"\n", min(start + step, len(data) - 1)) + 1 or len(data)
        chunk = data[start:end]
        start = end
        path = os.path.join(folder, "mx%03d.log" % i)
        if i % 4 == 3:
            path += ".gz"
            with gzip.open(path, "wb", compresslevel=1) as f:
                f.write(chunk)
        else:
            with open(path, "wb") as f:
                f.write(chunk)
        paths.append(path)
    return paths, len(data), lines


def best(runs, what):
    """Return the least time of RUNS runs of WHAT, and its result."""
    least, result = None, None
    for _ in range(runs):
        t = time.perf_counter()
        result = what()
        t = time.perf_counter() - t
        least = t if least is None or t < least else least
    return least, result


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--log", required=True, help="the mail log to cut")
    p.add_argument("--command", required=True, help="the smtpreply command")
    p.add_argument("--files", type=int, default=64)
    p.add_argument("--workers", default="1,2",
                   help="worker process counts to time (1,2)")
    p.add_argument("--blocksize", type=int, default=smtpreply.dask.BLOCKSIZE)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()

    folder = tempfile.mkdtemp(prefix="smtpreply-bench-dask.")
    try:
        paths, size, lines = split(args.log, folder, args.files)
        mib = size / (1 << 20)
        print("input: %s cut into %d files (every fourth gzip'ed), "
              "%.1f MiB, %d lines" % (args.log, args.files, mib, lines))
        print("cores: %d" % os.cpu_count())

        def command():
            return subprocess.run(
                [args.command, "annotate", "--summary"] + paths,
                stdout=subprocess.PIPE, check=True).stdout

        t1, want = best(args.runs, command)
        print("%-34s %8.1f MiB/s %12.0f lines/s" % (
            "smtpreply annotate --summary", mib / t1, lines / t1))
        first = None
        for n in [int(w) for w in args.workers.split(",")]:
            with distributed.LocalCluster(n_workers=n, threads_per_worker=1,
                                          processes=True,
                                          dashboard_address=None) as c, \
                    distributed.Client(c) as client:
                def dask():
                    s = smtpreply.dask.summarize(paths, client=client,
                                                 blocksize=args.blocksize)
                    return s.render("text").encode("utf-8")

                t, got = best(args.runs, dask)
            if got != want:
                sys.exit("dask-scaling: %d workers disagree with the "
                         "command" % n)
            first = t if first is None else first
            print("%-34s %8.1f MiB/s %12.0f lines/s  x%.2f" % (
                "smtpreply.dask, %d worker%s" % (n, "" if n == 1 else "s"),
                mib / t, lines / t, first / t))
            last_rate = mib / t / n
        # A terabyte a day is 11.6 MB/s on average.
        need = 1e12 / 86400 / (1 << 20)
        print("a fleet writing 1 TB a day: %.1f MiB/s on average, about "
              "%.1f worker cores at the last rate per worker" % (
                  need, need / last_rate))
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
