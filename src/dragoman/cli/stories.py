"""``dragoman stories``: the happenings in a database, each merged across documents and outlets.

The same filters as ``dragoman events`` (a story matches when one of its mentions does); ``table``
for reading (one line per story: date, status, type, who, where, mentions/articles/sources, outlets),
``jsonl`` for the Story records of CONTRACT.md, mentions included.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from dragoman.cli.common import default_db


def register(subparsers: argparse._SubParsersAction) -> None:
    from dragoman.cli.common import add_filter_arguments

    p = subparsers.add_parser("stories", help="list stories: one happening merged across documents and outlets")
    add_filter_arguments(p)
    p.add_argument("--format", choices=("table", "jsonl"), default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dragoman.cli.common import UsageError
    from dragoman.store import EventFilter, Store

    db = args.db or default_db()
    if not os.path.exists(db):
        raise UsageError(f"no database at {db} (run `dragoman ingest` first, or pass --db)")
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must be zero or more")
    try:
        filters = EventFilter(actor=args.actor, dyad=args.dyad, since=args.since, until=args.until,
                              plover=args.plover, cameo=args.cameo, status=args.status)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    with Store(db, read_only=True) as store:
        stories = store.stories(filters, limit=args.limit)
    if args.format == "jsonl":
        for story in stories:
            sys.stdout.write(json.dumps(story, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(stories_table(stories) + "\n")
    return 0


def _label(actors: list[dict[str, Any]]) -> str:
    labels = [a.get("code") or a.get("country") or a.get("name") or a.get("text") or "" for a in actors]
    return "+".join(dict.fromkeys(x for x in labels if x))


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def stories_table(stories: list[dict[str, Any]]) -> str:
    """One line per story; ``(no stories)`` when empty."""
    if not stories:
        return "(no stories)"
    headers = ["DATE", "STATUS", "TYPE", "WHO", "WHERE", "MENT", "ART", "SRC", "OUTLETS", "FIRST SEEN", "ID"]
    widths = [10, 9, 16, 30, 22, 4, 3, 3, 44, 10, 16]
    rows = []
    for s in stories:
        who = _label(s.get("actors") or [])
        if s.get("recipients"):
            who = f"{who or '?'} → {_label(s['recipients'])}"
        loc = s.get("location") or {}
        outlets = ", ".join(s.get("outlets") or [])
        if s.get("republished_by"):
            outlets += f" (+copies: {', '.join(s['republished_by'])})"
        kind = s.get("plover") or "-"
        rows.append([s.get("date") or "-", s.get("status") or "", f"{kind} {s.get('cameo') or ''}".strip(),
                     who or ",".join(s.get("parties") or []), loc.get("name") or "", str(s["num_mentions"]),
                     str(s["num_articles"]), str(s["num_sources"]), outlets, s.get("first_seen") or "-", s["id"]])
    cells = [[_cut(c, w) for c, w in zip(row, widths, strict=True)] for row in rows]
    cols = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, cols, strict=True)).rstrip(),
             "  ".join("-" * w for w in cols)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, cols, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)
