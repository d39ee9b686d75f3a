"""``dragoman events``: stored events, filtered, as a table, JSON Lines, CSV, GDELT or POLECAT."""

from __future__ import annotations

import argparse
import json
import sys

from dragoman.cli.common import add_filter_arguments, event_filter, existing_db


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("events", help="list stored events")
    add_filter_arguments(p)
    p.add_argument("--format", choices=("table", "jsonl", "csv", "gdelt", "polecat"), default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dragoman.cli.render import events_csv, events_table
    from dragoman.store import Store

    db = existing_db(args)
    filters = event_filter(args)
    with Store(db, read_only=True) as store:
        events = store.events(filters, limit=args.limit)
        if args.format in ("gdelt", "polecat"):
            from dragoman.export import write_events

            write_events(store, events, args.format, sys.stdout)
            return 0
    if args.format == "jsonl":
        for event in events:
            sys.stdout.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
    elif args.format == "csv":
        sys.stdout.write(events_csv(events))
    else:
        sys.stdout.write(events_table(events) + "\n")
    return 0
