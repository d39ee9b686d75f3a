"""``dragoman export``: the database for other tools — every table as Parquet, GDELT Mentions as TSV.

``--parquet DIR`` writes ``<table>.parquet`` for every database table (documents, events, event_actors,
quotes, entities, stories, story_mentions, near_duplicates, doc_signatures, doc_bands) and the export
tables ``gdelt_events``, ``gdelt_mentions`` and ``polecat``; ``--gdelt-mentions FILE`` writes the GDELT
2.0 Mentions table (``-`` for standard output). The Events table itself is ``dragoman events --format gdelt``.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from dragoman.cli.common import default_db


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("export", help="write every table as Parquet, or the GDELT Mentions table")
    p.add_argument("--db", default=None, help="database file (default dragoman.duckdb or $DRAGOMAN_DB)")
    p.add_argument("--parquet", metavar="DIR", help="folder for one Parquet file per table")
    p.add_argument("--gdelt-mentions", metavar="FILE", help="GDELT 2.0 Mentions TSV (- for stdout)")
    p.add_argument("--quiet", action="store_true", help="no progress line (it is shown only when stderr is a terminal)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dragoman.cli.common import UsageError
    from dragoman.cli.progress import Progress
    from dragoman.export import PASSES
    from dragoman.store import Store

    db = args.db or default_db()
    if not os.path.exists(db):
        raise UsageError(f"no database at {db} (run `dragoman ingest` first, or pass --db)")
    if not args.parquet and not args.gdelt_mentions:
        raise UsageError("nothing to export: give --parquet DIR and/or --gdelt-mentions FILE")
    with Store(db, read_only=True) as store:
        # stories are the unit of work: each export table is one pass over them (a count is cheap)
        passes = (PASSES if args.parquet else 0) + (1 if args.gdelt_mentions else 0)
        bar = Progress("export", unit="stories", labels={"stored": "rows", "failed": None}, words=False,
                       quiet=getattr(args, "quiet", False))
        if bar.enabled:
            bar.total = passes * store.query("SELECT count(*) AS n FROM stories")[0]["n"]
        with bar:
            counts, mentions = _export(store, args, bar)
        if args.parquet:
            for name, n in counts.items():
                print(f"dragoman: {n:>8} rows  {os.path.join(args.parquet, name + '.parquet')}", file=sys.stderr)
        if args.gdelt_mentions:
            print(f"dragoman: {mentions} GDELT mention rows", file=sys.stderr)
    return 0


def _export(store: Any, args: argparse.Namespace, bar: Any) -> tuple[dict[str, int], int]:
    """Writes what ``args`` asks for; returns (rows per Parquet file, GDELT mention rows written)."""
    from dragoman.export import export_parquet, story_event_chunks, write_mentions

    counts: dict[str, int] = {}
    n = 0
    if args.parquet:
        counts = export_parquet(store, args.parquet, progress=bar.update, stage=bar.stage)
    if args.gdelt_mentions:
        bar.stage("gdelt mentions TSV")
        out = sys.stdout if args.gdelt_mentions == "-" else open(args.gdelt_mentions, "w", encoding="utf-8")  # noqa: SIM115
        try:
            for events in story_event_chunks(store, done=lambda stories: bar.update(read=stories)):
                rows = write_mentions(store, events, out)
                n += rows
                bar.update(stored=rows)
        finally:
            if out is not sys.stdout:
                out.close()
    return counts, n
