"""``dragoman extract``: one document record per input document, as JSON Lines or a table; no database."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from dragoman.cli.common import parse_date
from dragoman.model import Document, ReadFailure


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("extract", help="print one document record per input document (no database)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--published", type=parse_date, help="publication date for documents that carry none")
    p.add_argument("--format", choices=("jsonl", "table"), default=None,
                   help="jsonl (default when stdout is not a terminal) or a readable table")
    p.set_defaults(run=run)


def documents(args: argparse.Namespace, failures: list[ReadFailure]) -> Iterator[Document]:
    """The documents of ``args.paths``; a document that cannot be read is named on stderr and collected."""
    from dragoman.read import iter_raw
    from dragoman.run.pipeline import Pipeline

    for result in Pipeline(published=args.published).process(iter_raw(args.paths)):
        if isinstance(result, ReadFailure):
            failures.append(result)
            print(f"dragoman: {result.id}: {result.reason}", file=sys.stderr)
        else:
            yield result


def run(args: argparse.Namespace) -> int:
    from dragoman.cli.render import documents_table

    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    failures: list[ReadFailure] = []
    for doc in documents(args, failures):
        data = doc.to_dict()
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(documents_table([data]) + "\n")
        sys.stdout.flush()
    return 1 if failures else 0
