"""The unit of parallel work: a partition of raw documents in, their records out, in any process.

Everything here runs where extraction runs: in the ingesting process, in a local worker process or
on a Dask worker. It must therefore be importable by name (no closures), cheap to call many times
and hold no state beyond one ``Pipeline`` per process, so the spaCy model loads once per process.

Why partitions are cut by documents *and* characters: a partition is shipped whole to a worker and
its records shipped whole back, so its size bounds the memory in flight; a count alone would let a
run of long articles make one partition hundreds of times larger than another.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from dragoman.model import Document, RawDocument, ReadFailure

if TYPE_CHECKING:
    from dragoman.run.pipeline import Pipeline

Item = RawDocument | ReadFailure
Result = Document | ReadFailure

PARTITION_DOCS = 32             # documents per partition: a few seconds of parsing, small tail at the end
PARTITION_CHARS = 1_000_000     # characters of text/HTML per partition (≈ 1–2 MB shipped each way)

# spaCy's memory zones and a Pipeline are not safe to share between threads; a worker started with
# several threads serialises on this lock instead of corrupting the vocabulary (run one thread per
# worker process to use the cores: see docs/SCALING.md).
_LOCK = threading.Lock()


@cache
def pipeline(published: str | None = None) -> Pipeline:
    """This process's pipeline for a default publication date (the model itself loads once)."""
    from dragoman.run.pipeline import Pipeline
    return Pipeline(published=published)


def warm(published: str | None = None) -> int:
    """Loads the model and the gazetteer now, so the first partition is not the slow one; returns the pid."""
    from dragoman.knowledge.gazetteer import get_gazetteer

    pipeline(published)
    get_gazetteer()
    return os.getpid()


def extract(items: list[Item], published: str | None = None) -> list[Result]:
    """The records of one partition, in input order; a failure stays a ``ReadFailure`` with its name.

    The parse runs inside a spaCy memory zone: strings and lexemes the partition added to the
    vocabulary are freed when it ends, so a worker's memory stays flat over an endless stream of
    new names and numbers (the records hold plain Python strings, never spaCy objects).
    """
    pipe = pipeline(published)
    with _LOCK:
        zone = getattr(pipe.nlp, "memory_zone", None)
        if zone is None:        # spaCy < 3.8
            return list(pipe.process(items))
        with zone():
            return list(pipe.process(items))


def _size(item: Item) -> int:
    if isinstance(item, ReadFailure):
        return 0
    return len(item.text or "") + len(item.html or "")


def partitions(items: Iterable[Item], max_docs: int = PARTITION_DOCS,
               max_chars: int = PARTITION_CHARS) -> Iterator[list[Item]]:
    """Cuts a stream into lists of at most ``max_docs`` items and about ``max_chars`` characters,
    lazily: only the partition being filled is held in memory."""
    part: list[Item] = []
    chars = 0
    for item in items:
        size = _size(item)
        if part and (len(part) >= max_docs or chars + size > max_chars):
            yield part
            part, chars = [], 0
        part.append(item)
        chars += size
    if part:
        yield part
