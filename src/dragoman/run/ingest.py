"""Where extraction runs — this process, local worker processes, or a Dask cluster — and how the
results reach the store.

``ingest`` is the one function the command line calls. Whatever the runner (``runners``):
- input is read lazily and cut into partitions (``partition.partitions``);
- at most ``2 × slots`` partitions are in flight, so memory stays flat however long the input is
  (back-pressure: the next partition is read only when one has come back);
- partitions come back *in input order* and are written by this process, once per partition —
  DuckDB has one writer, and input order makes the stored records identical whichever runner ran
  them (when two inputs have the same content, the first one is the one stored, as in a local run);
- a document that fails is reported by name and the rest go on; a partition whose task failed
  as a whole (a worker killed) is reported document by document.
"""

from __future__ import annotations

import os
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from dragoman.model import Document, ReadFailure
from dragoman.run.partition import Item, Result, partitions
from dragoman.run.runners import Runner, make

IN_FLIGHT_PER_SLOT = 2      # one partition running and one queued per worker, while the parent writes
# DuckDB's buffer pool may grow to 80 % of RAM by default, and an ingest that runs for hours writes
# (and, to link stories, reads) far more than that: without a limit the writer's memory grows with
# the database (measured: 210 MB after 1 MB of input, 700 MB after 16 MB). A cap keeps it flat; a cap
# too small makes DuckDB refuse statements once the store is large (128 MB failed documents after
# about 9,000 stored articles, 256 MB did not). DRAGOMAN_DB_MEMORY overrides it (e.g. "512MB").
DB_MEMORY = "256MB"
_SIZE = re.compile(r"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", re.IGNORECASE)


@dataclass
class IngestResult:
    added: int = 0
    skipped: int = 0
    failures: list[ReadFailure] = field(default_factory=list)


def _report(failure: ReadFailure) -> None:
    print(f"dragoman: {failure.id}: {failure.reason}", file=sys.stderr)


def _collect(names: list[str], future: Any) -> list[Result]:
    """A partition's results; when its task failed as a whole, one failure per document."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a worker crash must not lose the other partitions
        reason = f"extraction failed on a worker: {type(exc).__name__}: {exc}"
        return [ReadFailure(name, reason) for name in names]


def results(items: Iterable[Item], runner: Runner, in_flight: int | None = None,
            **cut: int) -> Iterator[list[Result]]:
    """The results of ``items``, one list per partition, in input order, with at most ``in_flight``
    partitions submitted and not yet consumed (``cut``: ``max_docs``/``max_chars`` of a partition)."""
    limit = in_flight or max(2, IN_FLIGHT_PER_SLOT * runner.slots)
    pending: deque[tuple[list[str], Any]] = deque()
    for part in partitions(items, **cut):
        pending.append(([item.id for item in part], runner.submit(part)))
        if len(pending) >= limit:
            yield _collect(*pending.popleft())
    while pending:
        yield _collect(*pending.popleft())


Progress = Callable[..., None]


def ingest(paths: Iterable[str], db: str, published: str | None = None, workers: int = 1,
           engine: str = "local", scheduler: str | None = None, progress: Progress | None = None) -> IngestResult:
    """Extracts every document under ``paths`` and stores it in ``db`` (idempotent by doc_id).

    ``engine="local"`` runs in this process (``workers=1``) or in ``workers`` spawned processes;
    ``engine="dask"`` on a local Dask cluster of ``workers`` processes, or, with ``scheduler``, on
    the cluster at that address (waiting until ``workers`` workers have joined).
    ``progress``, when given, is called after each partition is written with keyword counts of that
    partition: ``read`` (documents), ``stored`` (newly added), ``skipped`` (already present),
    ``failed`` and ``words`` (of the documents extracted) — what ``cli.progress.Progress.update`` takes.
    """
    from dragoman.read import iter_raw
    from dragoman.store import Store

    result = IngestResult()
    with Store(db) as store:
        _limit_memory(store)
        runner = make(engine, workers, published, scheduler)
        try:
            for batch in results(iter_raw(paths), runner):
                before = (result.added, result.skipped, len(result.failures))
                _store(store, batch, result)
                if progress is not None:
                    progress(read=len(batch), stored=result.added - before[0], skipped=result.skipped - before[1],
                             failed=len(result.failures) - before[2],
                             words=sum(len(d.text.split()) for d in batch if isinstance(d, Document)))
        finally:
            runner.close()
    return result


def _limit_memory(store: Any) -> None:
    """Caps DuckDB's memory for this connection's database (a global setting of the DuckDB instance)."""
    size = os.environ.get("DRAGOMAN_DB_MEMORY", DB_MEMORY).strip()
    if not _SIZE.match(size):
        print(f"dragoman: ignoring DRAGOMAN_DB_MEMORY={size!r} (expected a size like 256MB); using {DB_MEMORY}",
              file=sys.stderr)
        size = DB_MEMORY
    store.query(f"SET memory_limit = '{size}'")


def _store(store: Any, batch: list[Result], result: IngestResult) -> None:
    """Writes one partition's documents (one call, shared transactions) and reports its failures."""
    docs: list[Document] = []
    for item in batch:
        if isinstance(item, ReadFailure):
            result.failures.append(item)
            _report(item)
        else:
            docs.append(item)
    if not docs:
        return
    added = store.add(docs)
    result.added += added.added
    result.skipped += added.skipped
    for doc_id, reason in added.failed:
        failure = ReadFailure(doc_id, f"not stored: {reason}")
        result.failures.append(failure)
        _report(failure)
