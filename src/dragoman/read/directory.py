"""Directories: every document file below a folder, in a stable (sorted) order.

A corpus folder also holds notes, images, spreadsheets and dot-folders (``.git``), so only the
document extensions are taken and hidden entries are skipped; anything else is passed over silently.
A ``README`` (any extension) describes its folder and is not a document, so it is skipped too.
Sorted, depth-first order makes runs reproducible.  Paths are yielded one at a time, never listed
for the whole tree first.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from dragoman.model import ReadFailure

DOCUMENT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".html", ".htm", ".jsonl"})


def walk(root: str) -> Iterator[str | ReadFailure]:
    """Yields the document files below ``root`` (recursively), or a failure for an unlistable folder.

    Symbolic links to folders are followed once; a link cycle is not walked twice.
    """
    yield from _walk(root, set())


def _walk(folder: str, seen: set[str]) -> Iterator[str | ReadFailure]:
    real = os.path.realpath(folder)
    if real in seen:
        return
    seen.add(real)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as err:
        yield ReadFailure(folder, f"cannot list directory: {err.strerror or err}")
        return
    for entry in entries:
        if entry.name.startswith(".") or _is_readme(entry.name):
            continue
        path = os.path.join(folder, entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, seen)
        elif os.path.splitext(entry.name)[1].lower() in DOCUMENT_EXTENSIONS:
            yield path


def _is_readme(name: str) -> bool:
    return os.path.splitext(name)[0].casefold() == "readme"
