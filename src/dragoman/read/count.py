"""How many documents PATH arguments hold, when that is cheap to know (for a progress line's total).

A page or text file is one document, a ``.jsonl`` file one per non-blank line (counted in binary, a
megabyte at a time), a folder the sum of its files. Standard input, feeds and WARC archives can only
be counted by reading them, so their presence makes the count unknown (None); so does a count that
takes longer than its time budget (a folder of millions of files, terabytes of JSON Lines).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable

from dragoman.read.directory import walk
from dragoman.read.feed import FEED_EXTENSIONS
from dragoman.read.warc import is_warc

STDIN = "-"
BUDGET = 1.0          # seconds
_CHUNK = 1 << 20


class _Unknown(Exception):
    pass


def count_documents(paths: Iterable[str], budget: float = BUDGET) -> int | None:
    """The number of documents (readable or not) that ``read.iter_raw(paths)`` would yield, or None
    when it cannot be known cheaply."""
    deadline = time.monotonic() + budget
    try:
        return sum(_count_path(os.fspath(p), deadline) for p in paths)
    except _Unknown:
        return None


def _check(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise _Unknown


def _count_path(path: str, deadline: float) -> int:
    if path == STDIN:
        raise _Unknown
    if os.path.isdir(path):
        n = 0
        for found in walk(path):
            _check(deadline)
            n += 1 if not isinstance(found, str) else _count_file(found, deadline)
        return n
    if not os.path.lexists(path):
        return 1                          # reported as one failure
    return _count_file(path, deadline)


def _count_file(path: str, deadline: float) -> int:
    extension = os.path.splitext(path)[1].lower()
    if extension == ".jsonl":
        return _count_lines(path, deadline)
    if extension in (".html", ".htm"):
        return 1
    if extension in FEED_EXTENSIONS or is_warc(path):
        raise _Unknown
    return 1


def _count_lines(path: str, deadline: float) -> int:
    """Non-blank lines (as ``read.jsonl`` counts records); an unreadable file is one failure."""
    n = 0
    try:
        with open(path, "rb") as handle:
            tail = b""
            while chunk := handle.read(_CHUNK):
                _check(deadline)
                lines = (tail + chunk).split(b"\n")
                tail = lines.pop()
                n += sum(1 for line in lines if line.strip())
            n += 1 if tail.strip() else 0
    except OSError:
        return 1
    return n
