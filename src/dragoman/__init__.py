"""dragoman: evidence-linked event data (CAMEO, PLOVER), quotes and places from news text.

    >>> import dragoman
    >>> doc = dragoman.extract("Russia and Türkiye held talks in Ankara on Monday.", published="2025-03-05")
    >>> [(e.plover, e.date) for e in doc.events]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from dragoman.model import Actor, Document, Entity, Event, Place, Quote, RawDocument, ReadFailure

if TYPE_CHECKING:
    from dragoman.run.pipeline import Pipeline
    from dragoman.store import Store

__all__ = ["Actor", "Document", "Entity", "Event", "Pipeline", "Place", "Quote", "RawDocument", "ReadFailure",
           "Store", "extract", "extract_records"]
__version__ = "0.1.0"


@cache
def _pipeline() -> Pipeline:
    from dragoman.run.pipeline import Pipeline
    return Pipeline()


def extract(text: str, published: str | None = None, id: str = "text") -> Document:
    """The document record of one text (raises ValueError when it cannot be processed)."""
    result = next(_pipeline().process([RawDocument(id=id, text=text, published=published)]))
    if isinstance(result, ReadFailure):
        raise ValueError(f"{result.id}: {result.reason}")
    return result


def extract_records(items: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Input records ``{"id", "text"|"html", "published"?}`` → document record dicts (failures skipped)."""
    from dragoman.read.jsonl import record_document

    raws = (record_document(item, f"record {n}") for n, item in enumerate(items, 1))
    for result in _pipeline().process(raws):
        if isinstance(result, Document):
            yield result.to_dict()


def __getattr__(name: str) -> Any:
    if name == "Pipeline":
        from dragoman.run.pipeline import Pipeline
        return Pipeline
    if name == "Store":
        from dragoman.store import Store
        return Store
    raise AttributeError(name)
