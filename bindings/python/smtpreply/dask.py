# smtpreply/dask.py -- a fleet's mail logs on a Dask cluster.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Summaries and annotated records of many mail logs, computed on Dask.

    import smtpreply.dask
    summary = smtpreply.dask.summarize(["/logs/*/mail.log*"],
                                       client=client)
    print(summary.render("text", lang="ru"), end="")

``summarize`` gives exactly the summary ``smtpreply annotate --summary
FILES...`` prints, whatever the cluster, the block size and the order in
which the parts finish: each part of the input is summarised where it is
read, and the parts' summaries merge (``smtpreply.Summary`` merges are
associative and commutative, and keep the first example line of each row
in (file, line) order).  ``annotate`` gives the records of ``smtpreply
--json annotate FILES...`` as a ``dask.dataframe``.

Files are told apart by their content, as the command tells them: gzip,
bzip2, xz and zstd files are read whole by one task each, through
``dask.bag.read_text`` (a compressed stream cannot be cut); plain files
are cut into blocks of BLOCKSIZE bytes at line ends, one task each, as
``dask.bag.read_text`` cuts them.

As a command, on a running scheduler::

    python3 -m smtpreply.dask summarize --scheduler tcp://HOST:8786 FILES...

prints what ``smtpreply annotate --summary FILES...`` prints (the same
bytes; ``--lang``, ``--json``, ``--redact``, ``--failures`` as there).
Without ``--scheduler`` it starts a local cluster.

Dask (Debian: python3-dask, python3-distributed) is needed only here;
``import smtpreply`` does not need it.
"""

import argparse
import glob
import json
import os
import sys
import typing

import smtpreply

try:
    import dask
    import dask.bag
    import fsspec
    import fsspec.utils
except ImportError as e:  # pragma: no cover - tested by t-dask's skip
    raise ImportError(
        "smtpreply.dask needs Dask: install python3-dask and "
        "python3-distributed (Debian), or dask[distributed] (pip): %s" % e
    ) from e

__all__ = ["summarize", "annotate", "partitions", "main"]

#: The default size of the blocks plain files are cut into.
BLOCKSIZE = 64 * 1024 * 1024
# The bytes read at a time from a file read whole.
CHUNK = 4 * 1024 * 1024

# The first bytes of each compression the command reads, and the name
# fsspec (dask.bag.read_text) gives it.
_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bz2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)


def _compression(path: str) -> typing.Optional[str]:
    """Return the compression of the file at PATH, by its content, or
    None for a plain file."""
    with fsspec.open(path, "rb") as f:
        head = f.read(8)
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def _expand(paths: typing.Union[str, typing.Iterable[str]]) -> typing.List[str]:
    """Return the files PATHS names: paths and glob patterns, each
    pattern's matches sorted, in the order given."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files = []
    for p in paths:
        p = os.fspath(p)
        if glob.has_magic(p):
            matches = sorted(glob.glob(p))
            if not matches:
                raise FileNotFoundError("no file matches %r" % p)
            files.extend(matches)
        else:
            files.append(p)
    return files


class Part(typing.NamedTuple):
    """One task's share of the input: the lines of file PATH that start
    in [OFFSET, OFFSET + LENGTH) (LENGTH None: the whole file), read with
    COMPRESSION (None, or fsspec's name); it is part INDEX of the file."""

    path: str
    index: int
    offset: int
    length: typing.Optional[int]
    compression: typing.Optional[str]
    blocksize: int


def partitions(paths: typing.Union[str, typing.Iterable[str]],
               blocksize: int = BLOCKSIZE) -> typing.List[Part]:
    """Return the parts the files of PATHS are read in: one per
    compressed file, one per BLOCKSIZE bytes of a plain one."""
    if blocksize < 1:
        raise ValueError("blocksize must be at least 1")
    parts = []
    for path in _expand(paths):
        compression = _compression(path)
        size = fsspec.filesystem("file").size(path)
        if compression is not None or size <= blocksize:
            parts.append(Part(path, 0, 0, None, compression, blocksize))
            continue
        for index, offset in enumerate(range(0, size, blocksize)):
            parts.append(Part(path, index, offset, blocksize, None,
                              blocksize))
    return parts


def _whole_lines(f: typing.BinaryIO) -> typing.Iterator[bytes]:
    """Yield the file F in pieces of about 4 MiB that end at a line's end
    (the last piece: wherever the file ends)."""
    rest = b""
    while True:
        chunk = f.read(CHUNK)
        if not chunk:
            break
        end = chunk.rfind(b"\n") + 1
        if end == 0:
            rest += chunk
            continue
        yield rest + chunk[:end]
        rest = chunk[end:]
    if rest:
        yield rest


def _pieces(part: Part) -> typing.Iterator[bytes]:
    """Yield the lines of PART, with their line endings, in pieces of
    whole lines: the library splits them, not Python."""
    if part.length is None:
        if part.compression is None:
            with open(part.path, "rb") as f:
                yield from _whole_lines(f)
        else:
            # What dask.bag.read_text reads a compressed file with.
            with fsspec.open(part.path, "rb",
                             compression=part.compression) as f:
                yield from _whole_lines(f)
        return
    with open(part.path, "rb") as f:
        data = fsspec.utils.read_block(f, part.offset, part.length,
                                       delimiter=b"\n")
    if data:
        yield data


def _line_count(piece: bytes) -> int:
    """Return the number of lines in PIECE, the last one perhaps without
    its end."""
    return piece.count(b"\n") + (not piece.endswith(b"\n"))


def _position(part: Part) -> int:
    """Return the number Summary.add_lines is given for the first line of
    PART, while the parts are summarised.

    A summary keeps, for each row, the example that comes first in
    (file, line) order, so the numbers must order the lines as the file
    does before anyone knows how many lines each block holds.  A whole
    file counts from 1, as the command does.  Block K of a plain file
    counts from K * (BLOCKSIZE + 1): a block holds at most BLOCKSIZE + 1
    line starts (the lines that start in its BLOCKSIZE bytes, and one at
    its end for the first block), so the numbers of block K are all below
    those of block K + 1.  _renumber turns them into the lines' true
    numbers once the blocks' line counts are known."""
    if part.length is None:
        return 1
    return part.index * (part.blocksize + 1)


def _summarize_part(part: Part, redact: bool,
                    failures: bool) -> typing.Tuple[str, dict]:
    """Return the summary of PART, saved as JSON (what travels between
    workers), and {(path, index): lines} for PART."""
    s = smtpreply.Summary(redact=redact, failures=failures)
    first = _position(part)
    count = 0
    for piece in _pieces(part):
        s.add_lines(piece, part.path, first + count)
        count += _line_count(piece)
    return s.to_json(), {(part.path, part.index): count}


def _merge(saved: typing.Iterable[typing.Tuple[str, dict]]
           ) -> typing.Tuple[str, dict]:
    """Return the merge of the saved summaries SAVED, saved, with the
    union of their line counts."""
    total = None
    counts = {}
    for j, c in saved:
        counts.update(c)
        if not j:
            continue
        s = smtpreply.Summary.from_json(j)
        if total is None:
            total = s
        else:
            total.merge(s)
    return (total.to_json() if total is not None else ""), counts


def _renumber(saved: str, parts: typing.List[Part], counts: dict) -> str:
    """Return the saved summary SAVED with the example lines of blocked
    files (numbered by _position) given their true numbers, from the
    line counts COUNTS of the blocks PARTS."""
    base = {}
    span = {}
    line = {}
    for p in parts:
        if p.length is None:
            continue
        start = line.get(p.path, 1)
        base[(p.path, p.index)] = start
        span[p.path] = p.blocksize + 1
        line[p.path] = start + counts[(p.path, p.index)]
    if not base:
        return saved
    doc = json.loads(saved)
    files = doc["files"]
    for row in doc["rows"]:
        if len(row) < 10:
            continue
        path = files[row[8]]
        if path not in span:
            continue
        index = row[9] // span[path]
        row[9] = base[(path, index)] + row[9] - index * span[path]
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def summarize(paths: typing.Union[str, typing.Iterable[str]], *,
              client: typing.Any = None, blocksize: int = BLOCKSIZE,
              redact: bool = False, failures: bool = False,
              split_every: int = 8) -> "smtpreply.Summary":
    """Return the Summary of the mail logs PATHS (paths or glob patterns),
    computed on Dask: by CLIENT (a distributed.Client) if given, else by
    Dask's default scheduler.  Plain files are cut into blocks of
    BLOCKSIZE bytes; the parts' summaries merge in a tree of SPLIT_EVERY
    at a time.  REDACT and FAILURES are the command's --redact and
    --failures.  The summary renders as ``smtpreply annotate --summary``
    prints the same files."""
    parts = partitions(paths, blocksize)
    empty = smtpreply.Summary(redact=redact, failures=failures)
    if not parts:
        return empty
    bag = dask.bag.from_sequence(parts, npartitions=len(parts))
    saved = bag.map(_summarize_part, redact, failures).reduction(
        _merge, _merge, split_every=split_every)
    if client is not None:
        result, counts = client.compute(saved).result()
    else:
        result, counts = saved.compute()
    if not result:
        return empty
    return smtpreply.Summary.from_json(_renumber(result, parts, counts))


# The columns of annotate's data frame: the keys of the command's records
# that a record may have, with the dtype each has in pandas.
_COLUMNS = {
    "file": "object", "line": "int64", "input": "object",
    "code": "Int64", "name": "object", "enhanced": "object",
    "stage": "object", "reason": "object", "soft": "boolean",
    "rule": "object", "advice": "object", "outcome": "object",
    "mta": "object", "queue_id": "object", "recipient": "object",
    "domain": "object", "relay": "object", "status": "object",
    "description": "object", "enhanced_description": "object",
    "reason_title": "object", "advice_text": "object", "lang": "object",
}


def _count_lines(part: Part) -> int:
    """Return the number of lines of PART."""
    return sum(_line_count(p) for p in _pieces(part))


def _annotate_part(part: Part, first: int, lang: typing.Any, redact: bool,
                   stage: typing.Any) -> typing.Any:
    """Return the records of PART, whose first line is line FIRST of its
    file, as a pandas data frame of _COLUMNS."""
    import pandas

    records = smtpreply.annotate_lines(b"".join(_pieces(part)), part.path,
                                       first_line=first, lang=lang,
                                       redact=redact, stage=stage)
    frame = pandas.DataFrame.from_records(
        [{k: r.get(k) for k in _COLUMNS} for r in records],
        columns=list(_COLUMNS))
    return frame.astype(_COLUMNS)


def annotate(paths: typing.Union[str, typing.Iterable[str]], *,
             blocksize: int = BLOCKSIZE, lang: typing.Any = None,
             redact: bool = False, stage: typing.Any = None) -> typing.Any:
    """Return a dask.dataframe of the records ``smtpreply --json annotate
    PATHS`` prints, one row per line with a reply, with the columns people
    group by (file, line, code, enhanced, reason, soft, advice, outcome,
    mta, queue_id, recipient, domain, relay, status, ...).  The lines of
    each block are counted first, so that "line" is the line's number in
    its file, as the command gives it."""
    import dask.dataframe
    import pandas

    parts = partitions(paths, blocksize)
    counts = dask.compute(*[dask.delayed(_count_lines)(p) for p in parts])
    firsts = []
    line = {}
    for p, n in zip(parts, counts):
        firsts.append(line.get(p.path, 1))
        line[p.path] = line.get(p.path, 1) + n
    meta = pandas.DataFrame({k: pandas.Series(dtype=t)
                             for k, t in _COLUMNS.items()})
    frames = [dask.delayed(_annotate_part)(p, f, lang, redact, stage)
              for p, f in zip(parts, firsts)]
    if not frames:
        return dask.dataframe.from_pandas(meta, npartitions=1)
    return dask.dataframe.from_delayed(frames, meta=meta)


def main(argv: typing.Optional[typing.List[str]] = None) -> int:
    """Run the command: ``python3 -m smtpreply.dask summarize ...``."""
    parser = argparse.ArgumentParser(
        prog="python3 -m smtpreply.dask",
        description="Summarise mail logs on a Dask cluster, as "
                    "'smtpreply annotate --summary' does on one machine.")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser(
        "summarize", help="print what 'smtpreply annotate --summary "
                          "FILES...' prints")
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="a mail log, plain or compressed, or a glob pattern")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="the scheduler to use (tcp://HOST:8786); "
                        "default: a local cluster")
    p.add_argument("--workers", type=int, default=None,
                   help="the worker processes of the local cluster")
    p.add_argument("--blocksize", type=int, default=BLOCKSIZE,
                   help="the bytes of a plain file one task reads "
                        "(default %(default)s)")
    p.add_argument("--lang", help="the language of the summary (ru, "
                                  "pt_BR, uk:ru)")
    p.add_argument("--json", action="store_true",
                   help="JSON Lines, as 'smtpreply --json annotate "
                        "--summary'")
    p.add_argument("--redact", action="store_true",
                   help="hide the local parts of mail addresses")
    p.add_argument("--failures", action="store_true",
                   help="count only transient and permanent failures")
    args = parser.parse_args(argv)

    import distributed

    if args.scheduler:
        client = distributed.Client(args.scheduler)
        cluster = None
    else:
        cluster = distributed.LocalCluster(n_workers=args.workers,
                                           processes=True,
                                           dashboard_address=None)
        client = distributed.Client(cluster)
    try:
        summary = summarize(args.files, client=client,
                            blocksize=args.blocksize, redact=args.redact,
                            failures=args.failures)
    except (OSError, smtpreply.Error) as e:
        print("python3 -m smtpreply.dask: %s" % e, file=sys.stderr)
        return 3
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    sys.stdout.write(summary.render("json" if args.json else "text",
                                    lang=args.lang))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    # Run as "python3 -m smtpreply.dask", this file is __main__, and the
    # workers could not import the functions and Part it sends them (they
    # would travel by value, which typing.NamedTuple does not survive):
    # run the copy of it that is importable as smtpreply.dask instead.
    from smtpreply.dask import main as _main
    sys.exit(_main())
