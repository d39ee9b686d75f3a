"""Where extraction runs: in this process (local) — and, later, in worker processes or on Dask.

``ingest`` is the one function the command line calls; it streams documents from the readers
through the pipeline into the store in batches, and reports every failure by document name.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Document, ReadFailure

BATCH = 32


@dataclass
class IngestResult:
    added: int = 0
    skipped: int = 0
    failures: list[ReadFailure] = field(default_factory=list)


def _report(failure: ReadFailure) -> None:
    print(f"dragoman: {failure.id}: {failure.reason}", file=sys.stderr)


def ingest(paths: Iterable[str], db: str, published: str | None = None, workers: int = 1,
           engine: str = "local", scheduler: str | None = None) -> IngestResult:
    """Extracts every document under ``paths`` and stores it in ``db`` (idempotent by doc_id)."""
    from .pipeline import Pipeline
    from .read import iter_raw
    from .store import Store

    result = IngestResult()
    with Store(db) as store:
        batch: list[Document] = []
        for item in Pipeline(published=published).process(iter_raw(paths)):
            if isinstance(item, ReadFailure):
                result.failures.append(item)
                _report(item)
                continue
            batch.append(item)
            if len(batch) >= BATCH:
                _store(store, batch, result)
                batch = []
        if batch:
            _store(store, batch, result)
    return result


def _store(store, batch: list[Document], result: IngestResult) -> None:
    added = store.add(batch)
    result.added += added.added
    result.skipped += added.skipped
    for doc_id, reason in added.failed:
        failure = ReadFailure(doc_id, f"not stored: {reason}")
        result.failures.append(failure)
        _report(failure)
