"""Where partitions are extracted: in this process, in a pool of local processes, or on Dask.

All three offer the same two things to ``engine``: ``submit(items) -> future`` (anything with
``.result()``) and ``slots`` (how many partitions can run at once). The engine alone decides how
many partitions are in flight and writes the results, so the ordering, back-pressure and storage
logic exist once and every runner gives the same stored records.

Why spawned processes for the local pool: the parent holds a DuckDB connection and threads; forking
those is unsafe, and a spawned child loads the model once in its initializer anyway.
"""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from dragoman.run import partition
from dragoman.run.partition import Item


class Runner(Protocol):
    slots: int

    def submit(self, items: list[Item]) -> Any: ...

    def close(self) -> None: ...


class InProcess:
    """Extracts in the calling process, at submit time (the future is already done)."""

    slots = 1

    def __init__(self, published: str | None = None) -> None:
        self.published = published

    def submit(self, items: list[Item]) -> Future:
        future: Future = Future()
        try:
            future.set_result(partition.extract(items, self.published))
        except Exception as exc:  # noqa: BLE001 - becomes a per-document failure in the engine
            future.set_exception(exc)
        return future

    def close(self) -> None:
        pass


class LocalPool:
    """``workers`` spawned processes, each loading the model once (in its initializer)."""

    def __init__(self, workers: int, published: str | None = None) -> None:
        self.slots = workers
        self.published = published
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.slots, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=partition.warm, initargs=(self.published,))

    def submit(self, items: list[Item]) -> Future:
        try:
            return self._pool.submit(partition.extract, items, self.published)
        except BrokenProcessPool:
            # a worker died (killed, out of memory): its partitions are reported failed by the
            # engine; start a fresh pool for the rest of the stream
            print("dragoman: a worker process died; restarting the pool", file=sys.stderr)
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._start()
            return self._pool.submit(partition.extract, items, self.published)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def make(engine: str, workers: int, published: str | None, scheduler: str | None) -> Runner:
    """The runner for the command line's ``--engine``, ``--workers`` and ``--scheduler``."""
    if engine == "dask":
        from dragoman.run.dask_runner import DaskRunner
        return DaskRunner(workers, published, scheduler)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (expected 'local' or 'dask')")
    if scheduler is not None:
        raise ValueError("--scheduler needs --engine dask")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers!r}")
    return InProcess(published) if workers == 1 else LocalPool(workers, published)
