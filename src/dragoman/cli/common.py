"""What the commands share: the usage error, dates and the database and filter arguments."""

from __future__ import annotations

import argparse
import datetime
import os
import re

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class UsageError(Exception):
    """Bad arguments: reported on stderr, exit status 2."""


def parse_date(value: str) -> str:
    """A YYYY-MM-DD that is a real day (2025-02-30 is refused)."""
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from None
    if not DATE.match(value):
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}")
    return value


def default_db() -> str:
    """The database a command uses without ``--db``: ``$DRAGOMAN_DB``, else ``dragoman.duckdb``."""
    return os.environ.get("DRAGOMAN_DB", "dragoman.duckdb")


def existing_db(args: argparse.Namespace) -> str:
    """The database named by ``--db`` (or the default), which must exist for a reading command."""
    db = args.db or default_db()
    if not os.path.exists(db):
        raise UsageError(f"no database at {db} (run `dragoman ingest` first, or pass --db)")
    return db


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    """The database and the filters of CONTRACT.md, shared by every command that lists events."""
    p.add_argument("--db", default=None, help="database file (default dragoman.duckdb or $DRAGOMAN_DB)")
    p.add_argument("--actor", help="country ISO3 or actor code among actors or recipients")
    p.add_argument("--dyad", help="two codes, comma-separated: both among actors and recipients")
    p.add_argument("--since", type=parse_date)
    p.add_argument("--until", type=parse_date)
    p.add_argument("--type", dest="plover", help="PLOVER event type, e.g. CONSULT")
    p.add_argument("--cameo", help="CAMEO code or prefix, e.g. 04 or 042")
    p.add_argument("--status", choices=("factual", "future", "hypothetical", "negated"))
    p.add_argument("--limit", type=int, default=None)


def event_filter(args: argparse.Namespace):
    """The ``EventFilter`` of the filter arguments; a malformed value is a usage error."""
    from dragoman.store import EventFilter

    try:
        return EventFilter(actor=args.actor, dyad=args.dyad, since=args.since, until=args.until,
                           plover=args.plover, cameo=args.cameo, status=args.status)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
