"""The pipeline: raw documents in, document records out — read → clean → nlp → annotate → record.

One spaCy model per process (``nlp.load_nlp``), documents parsed in batches with ``nlp.pipe``.
A document that fails anywhere becomes a ``ReadFailure`` naming it; the batch goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Doc

from dragoman.clean import Cleaned, clean
from dragoman.document import record
from dragoman.model import Document, RawDocument, ReadFailure
from dragoman.nlp import load_nlp

MAX_CHARS = 500_000       # one article; longer inputs are almost always concatenated dumps


@dataclass
class _Prepared:
    raw: RawDocument
    cleaned: Cleaned
    published: str | None
    month: str | None = None        # 'YYYY-MM' of a month-only header, when no day is known
    filed: str | None = None        # the day of a dateline that names its year, when nothing else dates it


class Pipeline:
    """Turns raw documents into document records. Reuse one instance: the model loads once."""

    def __init__(self, published: str | None = None, batch_size: int = 16) -> None:
        self.default_published = published
        self.batch_size = batch_size
        self.nlp = load_nlp()

    def process(self, items: Iterable[RawDocument | ReadFailure]) -> Iterator[Document | ReadFailure]:
        """Yields a Document or a ReadFailure for every item, in input order."""
        iterator = iter(items)
        while batch := list(islice(iterator, self.batch_size)):
            yield from self._batch(batch)

    def _batch(self, batch: list[RawDocument | ReadFailure]) -> Iterator[Document | ReadFailure]:
        prepared: list[_Prepared | ReadFailure] = [self._prepare(item) for item in batch]
        ready = [p for p in prepared if isinstance(p, _Prepared)]
        try:
            docs = list(self.nlp.pipe(self._make_doc(p) for p in ready))
            results = iter([self._record(doc, p) for doc, p in zip(docs, ready, strict=True)])
        except Exception:       # isolate the document that broke the batch
            results = iter([self._one(p) for p in ready])
        for item in prepared:
            yield item if isinstance(item, ReadFailure) else next(results)

    def _one(self, prepared: _Prepared) -> Document | ReadFailure:
        try:
            return self._record(self.nlp(self._make_doc(prepared)), prepared)
        except Exception as exc:  # noqa: BLE001 - reported per document, never fatal to the batch
            return ReadFailure(prepared.raw.id, f"extraction failed: {type(exc).__name__}: {exc}")

    def _prepare(self, item: RawDocument | ReadFailure) -> _Prepared | ReadFailure:
        if isinstance(item, ReadFailure):
            return item
        try:
            cleaned = clean(item.text or "")
        except Exception as exc:  # noqa: BLE001
            return ReadFailure(item.id, f"cleaning failed: {type(exc).__name__}: {exc}")
        if not cleaned.text.strip():
            return ReadFailure(item.id, "no body text after cleaning")
        if len(cleaned.text) > MAX_CHARS:
            return ReadFailure(item.id, f"document too large: {len(cleaned.text):,} characters "
                                        f"(limit {MAX_CHARS:,}); split it into articles")
        published = item.published or cleaned.published or self.default_published
        month = filed = None
        if published is None:
            month = next((m.group(0) for r in cleaned.removed if r.kind == "header"
                          for m in [re.search(r"\b\d{4}-\d{2}\b", r.text)] if m), None)
            filed = _dateline_day(cleaned.text)
        return _Prepared(item, cleaned, published, month, filed)

    def _make_doc(self, prepared: _Prepared) -> Doc:
        doc = self.nlp.make_doc(prepared.cleaned.text)
        doc._.published = prepared.published or prepared.filed
        doc.user_data["dragoman_dated_by_dateline"] = prepared.published is None and prepared.filed is not None
        doc._.month = prepared.month
        doc.user_data["dragoman_text"] = prepared.cleaned.text    # spaCy keeps the text verbatim
        return doc

    @staticmethod
    def _record(doc: Doc, prepared: _Prepared) -> Document:
        raw, cleaned = prepared.raw, prepared.cleaned
        return record.build(doc, id=raw.id, url=raw.url, title=raw.title,
                            outlet=raw.outlet or cleaned.outlet, published=prepared.published,
                            removed=cleaned.removed)


def _dateline_day(text: str) -> str | None:
    """The day a dateline gives in full ('Ankara, 24 February 2025 —'): what dates an undated document."""
    from dragoman.annotate.dateline import find_dateline

    dateline = find_dateline(text, None)
    date = dateline.date if dateline is not None else None
    return date.date if date is not None and date.precision == "day" else None
