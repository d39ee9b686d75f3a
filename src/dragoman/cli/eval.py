"""``dragoman eval``: score the system against a gold file (see dragoman.evaluate)."""

from __future__ import annotations

import argparse
import os

from dragoman.cli.common import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("eval", help="score the coder against a gold file")
    p.add_argument("gold", metavar="GOLD.jsonl")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dragoman.evaluate import events as scorer

    if not os.path.exists(args.gold):
        raise UsageError(f"no such gold file: {args.gold}")
    report = scorer.run(args.gold)
    print(scorer.format_report(report))
    return 0
