"""Peak memory does not grow with the input: ingest on growing inputs, and the reader over 1 GB.

Two measurements (the inputs are generated into /tmp by ``bench/corpus.py``, never committed):

1. ``ingest`` on JSON Lines inputs of growing size (default 1, 4 and 16 MB) with the given
   ``--workers``: peak RSS of the writing process and of each worker. Flat peaks over a 16×
   larger input are what "streaming everywhere" means in practice.
2. The reading half of ``ingest`` alone — ``read.iter_raw`` cut into ``partition.partitions``
   exactly as the engine does — over a 1 GB file, with RSS sampled as it goes: flat RSS over the
   whole gigabyte shows the input is read lazily. (Parsing 1 GB ≈ 170 M words takes hours on two
   cores, which is why step 1 uses growing sizes rather than the full gigabyte.)

3. ``ingest`` of the 1 GB file itself, stopped after a few minutes (``--big 1G:300``): the peaks
   of writer and workers with most of the gigabyte still unread.

    python bench/memory.py --sizes 1M 4M 16M --workers 2 --reader 1G --big 1G:300
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from common import PYTHON, corpus_words, machine, run


def sized_corpus(size: str, seed: int = 7) -> Path:
    from corpus import _size, write

    path = Path(f"/tmp/dragoman-bench-{size}-s{seed}.jsonl")
    if not path.exists():
        tmp = path.with_suffix(".part")
        with open(tmp, "w", encoding="utf-8") as out:
            write(out, seed, size=_size(size))
        tmp.rename(path)
    return path


def ingest_sizes(sizes: list[str], workers: int, engine: str) -> list[dict[str, Any]]:
    out = []
    for size in sizes:
        path = sized_corpus(size)
        docs, words = corpus_words(path)
        db = "/tmp/dragoman-bench-memory.duckdb"
        for suffix in ("", ".wal"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        done = run([PYTHON, "-m", "dragoman", "ingest", str(path), "--db", db, "--workers", str(workers),
                    "--engine", engine])
        out.append({"input": size, "bytes": path.stat().st_size, "docs": docs, "docs_stored": _stored(db),
                    "words": words,
                    "wall_s": round(done.wall_s, 1), "words_per_s": round(words / done.wall_s),
                    "peak_parent_rss_mb": done.peak_parent_mb, "peak_worker_rss_mb": done.peak_worker_mb,
                    "db_mb": round(os.path.getsize(db) / 2**20, 1), "peaks": done.peak_mb})
        print(json.dumps(out[-1]), file=sys.stderr)
    return out


def _stored(db: str) -> int:
    """Documents in the database: fewer than the input's means some were refused."""
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()


def ingest_for(size: str, seconds: int, workers: int, engine: str) -> dict[str, Any]:
    """``ingest`` of a large file, stopped after ``seconds``: the writer's and workers' peak RSS
    while a gigabyte waits behind them. The writer asks for partitions only as workers free up, so
    its memory must not grow with what is still unread."""
    path = sized_corpus(size)
    db = "/tmp/dragoman-bench-memory-big.duckdb"
    for suffix in ("", ".wal"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    done = run([PYTHON, "-m", "dragoman", "ingest", str(path), "--db", db, "--workers", str(workers),
                "--engine", engine], ok=(0, 1, 130, -2), stop_after=seconds)
    return {"input": size, "bytes": path.stat().st_size, "seconds": seconds, "docs_stored": _stored(db),
            "peak_parent_rss_mb": done.peak_parent_mb, "peak_worker_rss_mb": done.peak_worker_mb,
            "peaks": done.peak_mb}


def _reader(path: str) -> None:
    """(subprocess) Streams the file as the engine does, sampling RSS every tenth of the file."""
    import resource

    import psutil

    from dragoman.read import iter_raw
    from dragoman.run.partition import partitions

    proc = psutil.Process()
    with open(path, "rb") as fh:                    # line count, streamed: the progress denominator
        lines = sum(1 for _ in fh)
    samples = []
    start = time.perf_counter()
    docs = parts = 0
    mark = 0.1
    for part in partitions(iter_raw([path])):
        parts += 1
        docs += len(part)
        if docs >= mark * lines:
            samples.append({"fraction": round(docs / lines, 2), "docs": docs,
                            "rss_mb": round(proc.memory_info().rss / 2**20, 1)})
            mark += 0.1
    print(json.dumps({"bytes": os.path.getsize(path), "docs": docs, "partitions": parts,
                      "seconds": round(time.perf_counter() - start, 1),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                      "samples": samples}))


def reader(size: str) -> dict[str, Any]:
    path = sized_corpus(size)
    done = run([PYTHON, "bench/memory.py", "_reader", str(path)])
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_reader"]:
        _reader(argv[1])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["1M", "4M", "16M"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", default="local", choices=("local", "dask"))
    parser.add_argument("--reader", default="1G", help="size of the file for the reader-only pass ('' to skip)")
    parser.add_argument("--big", default="1G:300", help="SIZE:SECONDS of ingest on a large file, stopped "
                                                       "after SECONDS ('' to skip)")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"machine": machine()}
    if args.reader:
        result["reader"] = reader(args.reader)
    if args.sizes:
        result["ingest"] = ingest_sizes(args.sizes, args.workers, args.engine)
    if args.big:
        size, seconds = args.big.split(":")
        result["ingest_big"] = ingest_for(size, int(seconds), args.workers, args.engine)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
