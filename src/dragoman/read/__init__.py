"""Read: turn PATH arguments into raw documents, one at a time.

This is the first stage of the pipeline (see DESIGN.md): it knows about files, folders, JSON Lines,
HTML and standard input, and nothing about language.  It yields a ``RawDocument`` per readable
document and a ``ReadFailure`` (with the document's name and the reason) per unreadable one, so a
caller can report the failures and still process everything else.  Everything is lazy: a folder or
a JSONL feed is never loaded whole.

PATH kinds, one module each: ``text`` (``.txt`` and any other file), ``html`` (``.html``/``.htm``),
``jsonl`` (``.jsonl``), ``feed`` (RSS/Atom: ``.rss``, ``.atom``, ``.xml``; one document per entry),
``warc`` (``.warc``/``.warc.gz`` web archives; one document per archived HTML page), ``directory``
(walked recursively; a saved page's ``*_files`` asset folder is skipped) and ``stdin`` (``-``).
Every document keeps where it came from in ``source`` (a path, ``path:line`` or ``path#record``).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator

from dragoman.model import RawDocument, ReadFailure
from dragoman.read.directory import DOCUMENT_EXTENSIONS, walk
from dragoman.read.feed import FEED_EXTENSIONS, read_feed
from dragoman.read.html import read_html
from dragoman.read.jsonl import read_jsonl, record_document
from dragoman.read.stdin import read_stdin
from dragoman.read.text import read_text
from dragoman.read.warc import is_warc, read_warc

__all__ = ["DOCUMENT_EXTENSIONS", "iter_raw", "read_path", "record_document"]

STDIN = "-"


def iter_raw(paths: Iterable[str], published: str | None = None) -> Iterator[RawDocument | ReadFailure]:
    """Yields one ``RawDocument`` or ``ReadFailure`` per document found under ``paths``, lazily.

    ``published`` (``YYYY-MM-DD``, e.g. from ``--published``) fills in the date of documents whose
    source gave none.  Note that a date in the document's own header line is only found later, by
    ``dragoman.clean.page``; a caller that wants the header to win over the command-line default should
    pass ``published=None`` here and apply the default after cleaning.
    """
    for path in paths:
        for item in read_path(os.fspath(path)):
            if published and isinstance(item, RawDocument) and not item.published:
                item = dataclasses.replace(item, published=published)
            yield item


def read_path(path: str) -> Iterator[RawDocument | ReadFailure]:
    """Yields the documents of one PATH argument, choosing the reader by its kind."""
    if path == STDIN:
        yield from read_stdin()
    elif os.path.isdir(path):
        for found in walk(path):
            if isinstance(found, ReadFailure):
                yield found
            else:
                yield from _read_file(found)
    elif not os.path.lexists(path):
        yield ReadFailure(path, "no such file or directory")
    else:
        yield from _read_file(path)


def _read_file(path: str) -> Iterator[RawDocument | ReadFailure]:
    extension = os.path.splitext(path)[1].lower()
    if extension == ".jsonl":
        yield from read_jsonl(path)
    elif extension in (".html", ".htm"):
        yield read_html(path)
    elif is_warc(path):
        yield from read_warc(path)
    elif extension in FEED_EXTENSIONS:
        yield from read_feed(path)
    else:
        yield read_text(path)
