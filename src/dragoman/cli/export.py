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

from dragoman.cli.common import default_db


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("export", help="write every table as Parquet, or the GDELT Mentions table")
    p.add_argument("--db", default=None, help="database file (default dragoman.duckdb or $DRAGOMAN_DB)")
    p.add_argument("--parquet", metavar="DIR", help="folder for one Parquet file per table")
    p.add_argument("--gdelt-mentions", metavar="FILE", help="GDELT 2.0 Mentions TSV (- for stdout)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dragoman.cli.common import UsageError
    from dragoman.export import export_parquet, story_event_chunks, write_mentions
    from dragoman.store import Store

    db = args.db or default_db()
    if not os.path.exists(db):
        raise UsageError(f"no database at {db} (run `dragoman ingest` first, or pass --db)")
    if not args.parquet and not args.gdelt_mentions:
        raise UsageError("nothing to export: give --parquet DIR and/or --gdelt-mentions FILE")
    with Store(db, read_only=True) as store:
        if args.parquet:
            counts = export_parquet(store, args.parquet)
            for name, n in counts.items():
                print(f"dragoman: {n:>8} rows  {os.path.join(args.parquet, name + '.parquet')}", file=sys.stderr)
        if args.gdelt_mentions:
            out = sys.stdout if args.gdelt_mentions == "-" else open(args.gdelt_mentions, "w", encoding="utf-8")  # noqa: SIM115
            try:
                n = sum(write_mentions(store, events, out) for events in story_event_chunks(store))
            finally:
                if out is not sys.stdout:
                    out.close()
            print(f"dragoman: {n} GDELT mention rows", file=sys.stderr)
    return 0
