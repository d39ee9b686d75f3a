"""Directories: every document file below a folder, in a stable (sorted) order.

A corpus folder also holds notes, images, spreadsheets and dot-folders (``.git``), so only the
document extensions are taken and hidden entries are skipped; anything else is passed over silently.
A ``README`` (any extension) describes its folder and is not a document, so it is skipped too.
Sorted, depth-first order makes runs reproducible.  Paths are yielded one at a time, never listed
for the whole tree first.

A browser's "save page" writes ``Page.html`` beside a ``Page_files`` folder of assets (scripts,
styles, images and often ad or widget iframes saved as more ``.html``); that folder belongs to the page
and is not walked, or every ad frame would become a "document".  Feed files are ``.rss``/``.atom``,
and ``.xml`` files only when they open as a feed (a corpus folder's other XML is not news); web
archives are ``.warc``/``.warc.gz``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

from dragoman.model import ReadFailure

DOCUMENT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".rss", ".atom", ".xml",
                                 ".warc"})
_HTML = (".html", ".htm")
_SNIFF = 2048


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
    pages = {os.path.splitext(e.name)[0] for e in entries if e.name.lower().endswith(_HTML)}
    for entry in entries:
        if entry.name.startswith(".") or _is_readme(entry.name):
            continue
        if entry.name.endswith("_files") and entry.name[:-len("_files")] in pages:
            continue  # the assets of a saved page
        path = os.path.join(folder, entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, seen)
        elif _special(entry):
            if _document_name(entry.name):
                yield ReadFailure(path, "not a regular file (a pipe, socket or device); not read")
        elif is_document(path):
            yield path


def _special(entry: os.DirEntry) -> bool:
    """A named pipe, socket or device with a document's name: opening it could block forever."""
    try:
        mode = entry.stat().st_mode
    except OSError:
        return False        # a dangling link: the reader reports "no such file or directory"
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def is_document(path: str) -> bool:
    """Whether a file found in a folder is read as a document (by its name; ``.xml`` by its first bytes)."""
    name = os.path.basename(path).lower()
    if os.path.splitext(name)[1] == ".xml":
        return _opens_as_feed(path)
    return _document_name(name)


def _document_name(name: str) -> bool:
    name = name.lower()
    return name.endswith(".warc.gz") or os.path.splitext(name)[1] in DOCUMENT_EXTENSIONS


def _opens_as_feed(path: str) -> bool:
    from dragoman.read.feed import looks_like_feed

    try:
        with open(path, "rb") as handle:
            return looks_like_feed(handle.read(_SNIFF))
    except OSError:
        return True  # let the reader report why it cannot be read


def _is_readme(name: str) -> bool:
    return os.path.splitext(name)[0].casefold() == "readme"
