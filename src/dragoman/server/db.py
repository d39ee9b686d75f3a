"""The server's hold on its database: read-only for queries, writable only for one POST at a time.

Why this shape (DuckDB's rules decide it):
- A DuckDB file admits either one read-write process or any number of read-only ones, and inside
  one process every connection to a file must share one configuration: a read-only and a writable
  connection to the same file cannot coexist.
- Queries should run on a connection DuckDB itself enforces as read-only, so no query path can
  ever change the data, whatever SQL it builds.
- So the server keeps one read-only :class:`Store` (each query takes its own cursor from it), and
  ``POST /api/documents`` takes the write side of a readers–writer lock: it waits for running
  queries to finish, closes the read-only store, opens a writable one just for the insert, closes
  it and reopens read-only. Extraction (the slow part) runs before, outside the lock, so queries
  pause only for the insert itself (milliseconds).
- If another process holds the file (``dragoman ingest`` writing, or a second reader when we want
  to write), the caller gets :class:`Unavailable` with DuckDB's reason, which the API turns into
  a 503 instead of a crash; the read-only store is reopened on the next request.
- Answers are cached (``Answers``): while the server holds its read-only connection no other process
  can write to the file, so the data changes only through this server's own writes. The cache is
  emptied whenever the store is (re)opened — after each write, and after a reopen that may follow
  another process's writes — so no answer outlives the data it was computed from. A dashboard asks
  the same few questions over and over; under load this turns most reads into a dictionary lookup.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from dragoman.store import Store, StoreLocked


class Unavailable(RuntimeError):
    """The database cannot be opened right now (held by another process, or not a dragoman file)."""


class RWLock:
    """Many readers or one writer; a waiting writer blocks new readers so it cannot starve."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting_writers = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._waiting_writers += 1
            try:
                while self._writer or self._readers:
                    self._cond.wait()
            finally:
                self._waiting_writers -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class Answers:
    """A bounded LRU of encoded answers (bytes) by request key, emptied by ``clear``."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024, max_item: int = 4 * 1024 * 1024) -> None:
        self.max_bytes, self.max_item = max_bytes, max_item
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: str) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: str, body: bytes) -> None:
        if len(body) > self.max_item:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._size -= len(old) if old is not None else 0
            self._items[key] = body
            self._size += len(body)
            while self._size > self.max_bytes and self._items:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0


class Database:
    """One database file as the server sees it; creates an empty dragoman database if absent."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self._lock = RWLock()
        self._store: Store | None = None
        self.answers = Answers()
        if not os.path.exists(self.path):
            Store(self.path).close()        # creates the schema, so `serve` works on a new file
        try:
            self._open()
        except Unavailable as exc:
            if "schema version" not in str(exc):
                raise
            self._upgrade()

    def _upgrade(self) -> None:
        """An older dragoman database is upgraded by a writable open (as ``ingest`` would do)."""
        try:
            Store(self.path).close()
        except (StoreLocked, RuntimeError, OSError) as exc:
            raise Unavailable(f"cannot upgrade {self.path!r}: {exc}") from exc
        self._open()

    def _open(self) -> None:
        self.answers.clear()        # whatever happened while the store was closed, answers are recomputed
        try:
            self._store = Store(self.path, read_only=True)
        except (StoreLocked, RuntimeError, OSError) as exc:
            self._store = None
            raise Unavailable(f"cannot open {self.path!r} for reading: {exc}") from exc

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """The shared read-only store, for the duration of one query."""
        if self._store is None:
            with self._lock.write():
                if self._store is None:
                    self._open()
        with self._lock.read():
            store = self._store
            if store is None:
                raise Unavailable(f"database {self.path!r} is being reopened; retry")
            yield store

    def answer(self, key: str, compute: Callable[[Store], bytes]) -> bytes:
        """The cached answer for ``key``, else ``compute(store)`` (cached unless it raises). The answer
        is computed and cached under the read lock, so no write can slip between the two."""
        body = self.answers.get(key)
        if body is not None:
            return body
        with self.reading() as store:
            body = compute(store)
            self.answers.put(key, body)
        return body

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """A writable store opened for one write; readers wait until it is closed again."""
        with self._lock.write():
            if self._store is not None:
                self._store.close()
                self._store = None
            try:
                try:
                    writer = Store(self.path)
                except (StoreLocked, RuntimeError, OSError) as exc:
                    raise Unavailable(f"cannot open {self.path!r} for writing: {exc}") from exc
                with writer:
                    yield writer
            finally:
                self.answers.clear()
                with suppress(Unavailable):  # else reopened by the next request
                    self._open()

    def close(self) -> None:
        with self._lock.write():
            self.answers.clear()
            if self._store is not None:
                self._store.close()
                self._store = None
