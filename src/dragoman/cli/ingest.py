"""``dragoman ingest``: extract and store (idempotent), on local processes or a Dask cluster."""

from __future__ import annotations

import argparse
import sys

from dragoman.cli.common import UsageError, default_db, parse_date


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("ingest", help="extract and store in the database (idempotent)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", default=None, help="database file (default dragoman.duckdb or $DRAGOMAN_DB)")
    p.add_argument("--published", type=parse_date)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--engine", choices=("local", "dask"), default="local")
    p.add_argument("--scheduler", default=None, help="address of a running Dask scheduler (with --engine dask)")
    p.add_argument("--quiet", action="store_true", help="no progress line (it is shown only when stderr is a terminal)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dragoman.cli.progress import Progress
    from dragoman.read.count import count_documents
    from dragoman.run.ingest import ingest
    from dragoman.store import StoreLocked

    db = args.db or default_db()
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    bar = Progress("ingest", quiet=getattr(args, "quiet", False))
    if bar.enabled:                 # the total (for a time left) only when it is cheap to know
        bar.total = count_documents(args.paths)
    try:
        with bar:
            result = ingest(args.paths, db, published=args.published, workers=args.workers, engine=args.engine,
                            scheduler=args.scheduler, progress=bar.update)
    except StoreLocked as exc:
        print(f"dragoman: {exc}", file=sys.stderr)
        return 1
    print(f"dragoman: {result.added} documents stored, {result.skipped} already present, "
          f"{len(result.failures)} failed ({db})", file=sys.stderr)
    return 1 if result.failures else 0
