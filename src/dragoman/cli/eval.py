"""``dragoman eval``: score the system against a gold file (see dragoman.evaluate).

The gold file's shape picks the scorer: rows with ``happenings`` are whole articles
(``evaluate.documents``), rows with ``quotes`` and no ``expected`` are attribution gold
(``evaluate.attribution``), rows with ``toponyms`` are geoparsing gold (``evaluate.geoparsing``), rows
with a ``cluster`` are document clustering gold (``evaluate.clustering``); anything else is sentence
gold (``evaluate.events``).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os

from dragoman.cli.common import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("eval", help="score the coder against a gold file")
    p.add_argument("gold", metavar="GOLD.jsonl")
    p.add_argument("--quiet", action="store_true", help="no progress line on a terminal")
    p.set_defaults(run=run)


def scorer_for(path: str):
    """The evaluate module whose format the gold file's first row has."""
    with open(path, encoding="utf-8") as f:
        first = next((line for line in f if line.strip()), "")
    try:
        row = json.loads(first) if first else {}
    except json.JSONDecodeError:
        row = {}
    row = row if isinstance(row, dict) else {}
    if isinstance(row.get("happenings"), list):
        return importlib.import_module("dragoman.evaluate.documents")
    if isinstance(row.get("quotes"), list) and "expected" not in row:
        return importlib.import_module("dragoman.evaluate.attribution")
    if isinstance(row.get("toponyms"), list):
        return importlib.import_module("dragoman.evaluate.geoparsing")
    if "cluster" in row and "expected" not in row:
        return importlib.import_module("dragoman.evaluate.clustering")
    return importlib.import_module("dragoman.evaluate.events")


def run(args: argparse.Namespace) -> int:
    from dragoman.cli.progress import Progress

    if not os.path.exists(args.gold):
        raise UsageError(f"no such gold file: {args.gold}")
    scorer = scorer_for(args.gold)
    with open(args.gold, encoding="utf-8") as f:
        total = sum(1 for line in f if line.strip())
    with Progress("eval", total=total, quiet=getattr(args, "quiet", False),
                  labels={"stored": None, "failed": None}) as bar:
        report = scorer.run(args.gold, predict=counted(bar))
    print(scorer.format_report(report))
    return 0


def counted(bar):
    """:func:`dragoman.extract_records`, telling ``bar`` of every record it gives (and its words)."""
    from dragoman import extract_records

    def predict(items):
        for record in extract_records(items):
            bar.update(read=1, words=len((record.get("text") or "").split()))
            yield record

    return predict
