"""The command line of CONTRACT.md: thin — parse arguments, call the library, print.

Exit status: 0 success; 1 some inputs failed (each named on stderr, the rest processed);
2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence

from .model import Document, ReadFailure

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class UsageError(Exception):
    """Bad arguments: reported on stderr, exit status 2."""


def _date(value: str) -> str:
    """A YYYY-MM-DD that is a real day (2025-02-30 is refused)."""
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from None
    if not DATE.match(value):
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}")
    return value


def _default_db() -> str:
    return os.environ.get("DRAGOMAN_DB", "dragoman.duckdb")


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    """The database and the filters of CONTRACT.md, shared by every command that lists events."""
    p.add_argument("--db", default=None, help="database file (default dragoman.duckdb or $DRAGOMAN_DB)")
    p.add_argument("--actor", help="country ISO3 or actor code among actors or recipients")
    p.add_argument("--dyad", help="two codes, comma-separated: both among actors and recipients")
    p.add_argument("--since", type=_date)
    p.add_argument("--until", type=_date)
    p.add_argument("--type", dest="plover", help="PLOVER event type, e.g. CONSULT")
    p.add_argument("--cameo", help="CAMEO code or prefix, e.g. 04 or 042")
    p.add_argument("--status", choices=("factual", "future", "hypothetical", "negated"))
    p.add_argument("--limit", type=int, default=None)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dragoman", description="Event data, quotes and places from news text.")
    sub = p.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="print one document record per input document (no database)")
    ex.add_argument("paths", nargs="+", metavar="PATH")
    ex.add_argument("--published", type=_date, help="publication date for documents that carry none")
    ex.add_argument("--format", choices=("jsonl", "table"), default=None,
                    help="jsonl (default when stdout is not a terminal) or a readable table")

    ing = sub.add_parser("ingest", help="extract and store in the database (idempotent)")
    ing.add_argument("paths", nargs="+", metavar="PATH")
    ing.add_argument("--db", default=None, help="database file (default dragoman.duckdb or $DRAGOMAN_DB)")
    ing.add_argument("--published", type=_date)
    ing.add_argument("--workers", type=int, default=1)
    ing.add_argument("--engine", choices=("local", "dask"), default="local")
    ing.add_argument("--scheduler", default=None, help="address of a running Dask scheduler (with --engine dask)")

    ev = sub.add_parser("events", help="list stored events")
    add_filter_arguments(ev)
    ev.add_argument("--format", choices=("table", "jsonl", "csv", "gdelt", "polecat"), default="table")

    evl = sub.add_parser("eval", help="score the coder against a gold file")
    evl.add_argument("gold", metavar="GOLD.jsonl")
    for module in _command_modules():
        module.register(sub)
    return p


# Further commands live in modules of their own under dragoman.commands, each with
# register(subparsers) (setting defaults(run=...)) and run(args) -> int.
COMMAND_MODULES = ("stories", "serve", "brief", "export")


def _command_modules() -> list:
    import importlib

    found = []
    for name in COMMAND_MODULES:
        try:
            found.append(importlib.import_module(f"dragoman.commands.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"dragoman.commands.{name}" and exc.name != "dragoman.commands":
                raise
    return found


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        run = COMMANDS.get(args.command) or args.run
        return run(args)
    except UsageError as exc:
        print(f"dragoman: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def _documents(args: argparse.Namespace, failures: list[ReadFailure]) -> Iterator[Document]:
    from .pipeline import Pipeline
    from .read import iter_raw

    for result in Pipeline(published=args.published).process(iter_raw(args.paths)):
        if isinstance(result, ReadFailure):
            failures.append(result)
            print(f"dragoman: {result.id}: {result.reason}", file=sys.stderr)
        else:
            yield result


def cmd_extract(args: argparse.Namespace) -> int:
    from .render import documents_table

    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    failures: list[ReadFailure] = []
    for doc in _documents(args, failures):
        data = doc.to_dict()
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(documents_table([data]) + "\n")
        sys.stdout.flush()
    return 1 if failures else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from .engine import ingest
    from .store import StoreLocked

    db = args.db or _default_db()
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    try:
        result = ingest(args.paths, db, published=args.published, workers=args.workers, engine=args.engine,
                        scheduler=args.scheduler)
    except StoreLocked as exc:
        print(f"dragoman: {exc}", file=sys.stderr)
        return 1
    print(f"dragoman: {result.added} documents stored, {result.skipped} already present, "
          f"{len(result.failures)} failed ({db})", file=sys.stderr)
    return 1 if result.failures else 0


def cmd_events(args: argparse.Namespace) -> int:
    from .render import events_csv, events_table
    from .store import EventFilter, Store

    db = args.db or _default_db()
    if not os.path.exists(db):
        raise UsageError(f"no database at {db} (run `dragoman ingest` first, or pass --db)")
    try:
        filters = EventFilter(actor=args.actor, dyad=args.dyad, since=args.since, until=args.until,
                              plover=args.plover, cameo=args.cameo, status=args.status)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    with Store(db, read_only=True) as store:
        events = store.events(filters, limit=args.limit)
    if args.format in ("gdelt", "polecat"):
        from .export import write_events
        with Store(db, read_only=True) as store:
            write_events(store, events, args.format, sys.stdout)
    elif args.format == "jsonl":
        for event in events:
            sys.stdout.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
    elif args.format == "csv":
        sys.stdout.write(events_csv(events))
    else:
        sys.stdout.write(events_table(events) + "\n")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from . import eval as scorer

    if not os.path.exists(args.gold):
        raise UsageError(f"no such gold file: {args.gold}")
    report = scorer.run(args.gold)
    print(scorer.format_report(report))
    return 0


COMMANDS = {"extract": cmd_extract, "ingest": cmd_ingest, "events": cmd_events, "eval": cmd_eval}
