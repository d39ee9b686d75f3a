"""``dragoman stories``: the happenings in a database, each merged across documents and outlets.

The same filters as ``dragoman events`` (a story matches when one of its mentions does); ``table``
for reading (one line per story: date, status, type, who, where, mentions/articles/sources, outlets),
``jsonl`` for the Story records of CONTRACT.md, mentions included. ``--threads`` lists threads instead:
the documents and stories of one affair (``dragoman.stories.threads``), matched by the same filters
(a thread matches when one of its documents' events does).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from dragoman.cli.common import event_filter, existing_db


def register(subparsers: argparse._SubParsersAction) -> None:
    from dragoman.cli.common import add_filter_arguments

    p = subparsers.add_parser("stories", help="list stories: one happening merged across documents and outlets")
    add_filter_arguments(p)
    p.add_argument("--format", choices=("table", "jsonl"), default="table")
    p.add_argument("--threads", action="store_true",
                   help="list threads (the documents and stories of one affair) instead of stories")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dragoman.cli.common import UsageError
    from dragoman.store import Store

    db = existing_db(args)
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must be zero or more")
    filters = event_filter(args)
    with Store(db, read_only=True) as store:
        if getattr(args, "threads", False):
            items = store.threads(filters, limit=args.limit)
        else:
            items = store.stories(filters, limit=args.limit)
    if args.format == "jsonl":
        for item in items:
            sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    elif getattr(args, "threads", False):
        sys.stdout.write(threads_table(items) + "\n")
    else:
        sys.stdout.write(stories_table(items) + "\n")
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
    return _table(headers, widths, rows)


def threads_table(threads: list[dict[str, Any]]) -> str:
    """One line per thread; ``(no threads)`` when empty."""
    if not threads:
        return "(no threads)"
    headers = ["FIRST SEEN", "LAST SEEN", "DOCS", "ART", "SRC", "STOR", "TITLE", "OUTLETS", "ID"]
    widths = [10, 10, 4, 3, 3, 4, 60, 44, 16]
    rows = [[t.get("first_seen") or "-", t.get("last_seen") or "-", str(t["num_documents"]), str(t["num_articles"]),
             str(t["num_sources"]), str(t["num_stories"]), t.get("title") or "", ", ".join(t.get("outlets") or []),
             t["id"]] for t in threads]
    return _table(headers, widths, rows)


def _table(headers: list[str], widths: list[int], rows: list[list[str]]) -> str:
    """Columns as wide as their widest cell, each cell cut to its column's width."""
    cells = [[_cut(c, w) for c, w in zip(row, widths, strict=True)] for row in rows]
    cols = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, cols, strict=True)).rstrip(),
             "  ".join("-" * w for w in cols)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, cols, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)
