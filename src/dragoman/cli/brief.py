"""``dragoman brief``: a Markdown brief on a dyad or an actor over a period (see dragoman.answers.brief)."""

from __future__ import annotations

import argparse
import os
import sys

from dragoman.cli.common import default_db


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("brief", help="Markdown brief on a dyad or actor, every claim linked to its evidence")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--dyad", help="two codes, comma-separated, e.g. ARM,AZE")
    who.add_argument("--actor", help="one country ISO3 or actor code, e.g. TUR")
    p.add_argument("--db", default=None, help="database file (default dragoman.duckdb or $DRAGOMAN_DB)")
    p.add_argument("--since", help="first day, YYYY-MM-DD")
    p.add_argument("--until", help="last day, YYYY-MM-DD")
    p.add_argument("--limit", type=int, default=40, help="at most this many stories and quotes (default 40)")
    p.add_argument("--link-base", default=None,
                   help="dashboard address for evidence links (default http://127.0.0.1:8000; 'none' for no links)")
    p.add_argument("--out", "-o", default=None, help="write the brief to this file instead of stdout")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dragoman.answers.brief import DEFAULT_LINK_BASE, build_brief
    from dragoman.store import Store, StoreLocked

    db = args.db or default_db()
    if not os.path.exists(db):
        print(f"dragoman: no database at {db} (run `dragoman ingest` first, or pass --db)", file=sys.stderr)
        return 2
    if args.limit < 1:
        print("dragoman: --limit must be at least 1", file=sys.stderr)
        return 2
    link = args.link_base or DEFAULT_LINK_BASE
    link = None if link.lower() == "none" else link
    try:
        with Store(db, read_only=True) as store:
            text = build_brief(store, actor=args.actor, dyad=args.dyad, since=args.since, until=args.until,
                               link_base=link, limit=args.limit)
    except ValueError as exc:
        print(f"dragoman: {exc}", file=sys.stderr)
        return 2
    except (StoreLocked, RuntimeError) as exc:
        print(f"dragoman: {exc}", file=sys.stderr)
        return 1
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"dragoman: brief written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
