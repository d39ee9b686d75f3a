"""The command line of CONTRACT.md: parse the arguments and hand them to the command's module.

Each command is a module of this package with ``register(subparsers)`` (which sets
``defaults(run=...)``) and ``run(args) -> int``; this module only builds the parser and dispatches.
Exit status: 0 success; 1 some inputs failed (each named on stderr, the rest processed); 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from dragoman.cli import brief, events, export, extract, ingest, serve, stories
from dragoman.cli import eval as evaluate
from dragoman.cli.common import UsageError

COMMANDS = (extract, ingest, events, evaluate, stories, serve, brief, export)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dragoman", description="Event data, quotes and places from news text.")
    sub = p.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as exc:
        print(f"dragoman: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
