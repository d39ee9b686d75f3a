"""The embedded DuckDB store: document records in, filtered events and quotes out.

Why this shape:
- Each document record is kept whole (``documents.record``) so ``document()`` gives back exactly
  what was added, and each event/quote keeps its own JSON (``record``) so queries return contract
  dicts without rebuilding them. Beside that, flat columns and the ``event_actors`` join table are
  what an analyst (or the server) filters and aggregates on with plain SQL.
- Writes are idempotent by ``doc_id`` and atomic per document: several documents share one
  transaction for speed; if that transaction fails, it is rolled back and the documents are retried
  one per transaction, so one bad document never takes the others with it, and none is half stored.
- DuckDB admits one writing process per file; a second one gets :class:`StoreLocked`, which names
  the file, instead of DuckDB's bare IO error.
- Every value reaches SQL as a bound parameter; only fixed table/column names are formatted in.
- Documents are linked as they are stored (``dragoman.stories.linking``): near-duplicate copies
  (``near_duplicates``, via MinHash keys in ``doc_bands``) and stories (``story_mentions``: each event's
  story; ``stories``: one aggregated row per happening). Linking runs in the same transaction as the
  document's rows, so no document is ever committed without its story membership. ``doc_signatures``
  marks a document as linked; a database of an older schema version (1: before stories) is upgraded
  on the first writable open: the link tables, which hold only derived data, are rebuilt by linking
  every stored document again.
- Threads (``dragoman.stories.threads``) group the documents, and so the stories, of one affair:
  ``doc_terms`` is the inverted index of each document's heaviest TF-IDF terms (with its day, so that a
  lookup reads only the time window it needs), ``doc_profiles`` its day
  and lead (protagonists, words, counts), ``doc_threads`` its thread, ``threads`` one aggregated row per thread.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import duckdb

from dragoman.model import Document
from dragoman.store.filters import (
    EventFilter,
    page,
)
from dragoman.store.rows import document_rows, insert_rows
from dragoman.store.schema import (
    KEYS,
    LINK_TABLES,
    SCHEMA_VERSION,
    TABLES,
    UPGRADABLE,
    WRITE_ORDER,
    quoted,
)
from dragoman.stories import linking

_WORD_RE = re.compile(r"\w+")


class StoreLocked(RuntimeError):
    """The database file is held by another process (DuckDB allows one writer per file)."""

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = path
        msg = (f"database {path!r} is locked by another process (DuckDB allows one writer at a time); "
               f"wait for it to finish or use another --db file")
        super().__init__(msg + (f" [{detail}]" if detail else ""))


@dataclass
class AddResult:
    """What ``Store.add`` did: ``failed`` lists (doc_id, reason) for documents not stored."""

    added: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Store:
    """A dragoman database file. Safe to share between threads of one process (one cursor per call)."""

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        self.path = os.fspath(path)
        self.read_only = read_only
        memory = self.path == ":memory:"
        if read_only and not memory and not os.path.exists(self.path):
            raise FileNotFoundError(f"no dragoman database at {self.path!r}")
        if not read_only and not memory:
            parent = os.path.dirname(os.path.abspath(self.path))
            os.makedirs(parent, exist_ok=True)
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise StoreLocked(self.path, str(e)) from e
            raise
        self._write_lock = threading.Lock()
        try:
            self._init_schema()
        except BaseException:
            self._con.close()
            raise

    # -- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r}, read_only={self.read_only})"

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @staticmethod
    @contextmanager
    def _transaction(cur: duckdb.DuckDBPyConnection) -> Iterator[None]:
        cur.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")

    def _init_schema(self) -> None:
        with self._cursor() as cur:
            has_meta = cur.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()[0]
            if not has_meta and self.read_only:
                empty = not cur.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0]
                raise RuntimeError(f"{self.path!r} has no dragoman tables yet (an ingest stopped before writing "
                                   f"anything?): run `dragoman ingest --db FILE PATH` again" if empty else
                                   f"{self.path!r} is not a dragoman database (no meta table)")
            if not self.read_only:
                with self._transaction(cur):
                    cur.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
                    cur.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
                    found = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
                    if found in UPGRADABLE:
                        cur.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION])
                        for table in LINK_TABLES:  # derived data: dropped here, rebuilt by link_pending below
                            cur.execute(f"DROP TABLE IF EXISTS {table}")
                    if found in UPGRADABLE or found == SCHEMA_VERSION:
                        for table, cols in TABLES.items():
                            defs = [f"{quoted(c)} {t}" for c, t in cols] + ([KEYS[table]] if table in KEYS else [])
                            cur.execute(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(defs)})")
            row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if not row or row[0] != SCHEMA_VERSION:
                found = row[0] if row else None
                hint = (" (open it once for writing, e.g. `dragoman ingest --db FILE PATH`, to upgrade it)"
                        if self.read_only and found in UPGRADABLE else "")
                raise RuntimeError(f"{self.path!r} has schema version {found!r}; "
                                   f"this dragoman uses version {SCHEMA_VERSION!r}{hint}")
            if not self.read_only:
                linking.link_pending(cur, insert_rows)  # documents stored before linking existed (or none)

    # -- writing ---------------------------------------------------------------------------------

    def add(self, docs: Iterable[Document | dict[str, Any]], batch_size: int = 100) -> AddResult:
        """Stores documents not stored yet; returns counts and the documents that failed (with reasons).

        A document already stored (same ``doc_id``, also within this call) is skipped. Up to
        ``batch_size`` documents share a transaction; if it fails, each is retried alone.
        """
        if self.read_only:
            raise RuntimeError(f"store {self.path!r} is open read-only")
        result = AddResult()
        with self._write_lock, self._cursor() as cur:
            for batch in _chunks(docs, max(1, batch_size)):
                self._add_batch(cur, batch, result)
        return result

    def _add_batch(self, cur: duckdb.DuckDBPyConnection, batch: list[Any], result: AddResult) -> None:
        docs: list[Document] = []
        for d in batch:
            try:
                docs.append(d if isinstance(d, Document) else Document.from_dict(d))
            except Exception as e:  # a malformed dict: report it, keep the others
                name = d.get("doc_id") or d.get("id") if isinstance(d, dict) else repr(d)[:60]
                result.failed.append((str(name), f"not a document record: {type(e).__name__}: {e}"))
        seen = self._existing(cur, [d.doc_id for d in docs])
        fresh: list[Document] = []
        for d in docs:
            if d.doc_id in seen:
                result.skipped += 1
            else:
                seen.add(d.doc_id)
                fresh.append(d)
        if not fresh:
            return
        if len(fresh) > 1:
            try:
                self._write(cur, fresh)
                result.added += len(fresh)
                return
            except (duckdb.FatalException, duckdb.InterruptException):
                raise       # Ctrl-C during a statement stops the ingest; it is no document's fault
            except Exception:
                pass  # rolled back; retry one by one to isolate the failing document(s)
        for d in fresh:
            try:
                self._write(cur, [d])
                result.added += 1
            except (duckdb.FatalException, duckdb.InterruptException):
                raise       # Ctrl-C during a statement stops the ingest; it is no document's fault
            except Exception as e:
                if self._existing(cur, [d.doc_id]):  # stored meanwhile by another connection
                    result.skipped += 1
                else:
                    result.failed.append((d.doc_id, f"{type(e).__name__}: {e}"))

    def _write(self, cur: duckdb.DuckDBPyConnection, docs: list[Document]) -> None:
        """Writes all rows of ``docs`` in one transaction: all of them or nothing."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        per_table: dict[str, list[tuple]] = {t: [] for t in TABLES}
        records = []
        for d in docs:
            rec = d.to_dict()
            records.append(rec)
            for table, rows in document_rows(d, now, rec).items():
                per_table[table].extend(rows)
        with self._transaction(cur):
            for table in WRITE_ORDER:
                insert_rows(cur, table, per_table[table])
            linking.link(cur, records, insert_rows)

    @staticmethod
    def _existing(cur: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> set[str]:
        if not doc_ids:
            return set()
        rows = cur.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
                           [doc_ids]).fetchall()
        return {r[0] for r in rows}

    # -- reading ---------------------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        with self._cursor() as cur:
            return bool(self._existing(cur, [doc_id]))

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """The stored document record, exactly as it was added (or None)."""
        with self._cursor() as cur:
            row = cur.execute("SELECT record FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return json.loads(row[0]) if row else None

    def count_documents(self) -> int:
        with self._cursor() as cur:
            return cur.execute("SELECT count(*) FROM documents").fetchone()[0]

    def events(self, filters: EventFilter | None = None, limit: int | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
        """Event dicts (contract) plus ``doc_id``, ``published``, ``outlet``, by date, doc, sentence."""
        where, params = (filters or EventFilter()).where()
        paging, pparams = page(limit, offset)
        sql = ("SELECT e.record, e.doc_id, CAST(d.published AS VARCHAR), d.outlet"
               " FROM events e JOIN documents d ON d.doc_id = e.doc_id"
               f" WHERE {where} ORDER BY e.date NULLS LAST, e.doc_id, e.sentence, e.event_id" + paging)
        with self._cursor() as cur:
            rows = cur.execute(sql, params + pparams).fetchall()
        return [{**json.loads(r), "doc_id": d, "published": p, "outlet": o} for r, d, p, o in rows]

    def count_events(self, filters: EventFilter | None = None) -> int:
        where, params = (filters or EventFilter()).where()
        with self._cursor() as cur:
            return cur.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]

    @staticmethod
    def _quote_where(speaker: str | None, q: str | None) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if speaker and speaker.strip():
            s = speaker.strip().lower()
            conds.append("(contains(lower(coalesce(qt.speaker_name, '')), ?)"
                         " OR contains(lower(coalesce(qt.speaker_code, '')), ?))")
            params += [s, s]
        for word in _WORD_RE.findall(q or ""):
            # whole word, case-insensitive, Unicode-aware (RE2's \b is ASCII-only)
            conds.append("regexp_matches(qt.text, ?)")
            params.append(rf"(?i)(^|[^\pL\pN_]){re.escape(word)}($|[^\pL\pN_])")
        return (" AND ".join(conds) or "TRUE"), params

    def quotes(self, speaker: str | None = None, q: str | None = None, limit: int | None = None,
               offset: int = 0) -> list[dict[str, Any]]:
        """Quote dicts plus ``doc_id``, ``published``, ``outlet``; ``speaker`` is a substring of the
        speaker's name or actor code, ``q`` words that must all occur in the quote (case-insensitive)."""
        where, params = self._quote_where(speaker, q)
        paging, pparams = page(limit, offset)
        sql = ("SELECT qt.record, qt.doc_id, CAST(d.published AS VARCHAR), d.outlet"
               " FROM quotes qt JOIN documents d ON d.doc_id = qt.doc_id"
               f" WHERE {where} ORDER BY d.published NULLS LAST, qt.doc_id, qt.quote_no" + paging)
        with self._cursor() as cur:
            rows = cur.execute(sql, params + pparams).fetchall()
        return [{**json.loads(r), "doc_id": d, "published": p, "outlet": o} for r, d, p, o in rows]

    def count_quotes(self, speaker: str | None = None, q: str | None = None) -> int:
        where, params = self._quote_where(speaker, q)
        with self._cursor() as cur:
            return cur.execute(f"SELECT count(*) FROM quotes qt WHERE {where}", params).fetchone()[0]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Runs read SQL (with bound ``params``) for stages that aggregate (stories, dyad series)."""
        with self._cursor() as cur:
            res = cur.execute(sql, list(params))
            names = [c[0] for c in res.description or []]
            return [dict(zip(names, row, strict=True)) for row in res.fetchall()]


    # -- stories ---------------------------------------------------------------------------------

    @staticmethod
    def _story_where(filters: EventFilter | None) -> tuple[str, list[Any]]:
        """A story matches the filters of ``events`` when one of its mentions does."""
        where, params = (filters or EventFilter()).where()
        if where == "TRUE":
            return "TRUE", []
        return ("EXISTS (SELECT 1 FROM story_mentions sm JOIN events e ON e.doc_id = sm.doc_id"
                f" AND e.event_id = sm.event_id WHERE sm.story_id = s.story_id AND {where})"), params

    def stories(self, filters: EventFilter | None = None, limit: int | None = None,
                offset: int = 0) -> list[dict[str, Any]]:
        """Story dicts (CONTRACT.md), by date (undated last), most sources first, then id."""
        where, params = self._story_where(filters)
        paging, pparams = page(limit, offset)
        sql = (f"SELECT s.record FROM stories s WHERE {where}"
               " ORDER BY s.date NULLS LAST, s.num_sources DESC, s.num_mentions DESC, s.story_id" + paging)
        with self._cursor() as cur:
            rows = cur.execute(sql, params + pparams).fetchall()
        return [json.loads(r[0]) for r in rows]

    def count_stories(self, filters: EventFilter | None = None) -> int:
        where, params = self._story_where(filters)
        with self._cursor() as cur:
            return cur.execute(f"SELECT count(*) FROM stories s WHERE {where}", params).fetchone()[0]

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story by id (or None)."""
        with self._cursor() as cur:
            row = cur.execute("SELECT record FROM stories WHERE story_id = ?", [story_id]).fetchone()
        return json.loads(row[0]) if row else None

    def story_of(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The story id of each (doc_id, event_id) given (those not stored are left out)."""
        keys = [f"{d}\x1f{e}" for d, e in pairs]
        if not keys:
            return {}
        with self._cursor() as cur:
            rows = cur.execute("SELECT doc_id, event_id, story_id FROM story_mentions WHERE doc_id || chr(31) ||"
                               " event_id IN (SELECT unnest(CAST(? AS VARCHAR[])))", [keys]).fetchall()
        return {(d, e): s for d, e, s in rows}

    # -- threads ---------------------------------------------------------------------------------

    @staticmethod
    def _thread_where(filters: EventFilter | None) -> tuple[str, list[Any]]:
        """A thread matches the filters of ``events`` when one of its documents' events does."""
        where, params = (filters or EventFilter()).where()
        if where == "TRUE":
            return "TRUE", []
        return ("EXISTS (SELECT 1 FROM doc_threads dt JOIN events e ON e.doc_id = dt.doc_id"
                f" WHERE dt.thread_id = t.thread_id AND {where})"), params

    def threads(self, filters: EventFilter | None = None, limit: int | None = None,
                offset: int = 0) -> list[dict[str, Any]]:
        """Thread dicts (the documents and stories of one affair: ``dragoman.stories.threads``), first seen
        first (undated last), most sources first, then id."""
        where, params = self._thread_where(filters)
        paging, pparams = page(limit, offset)
        sql = (f"SELECT t.record FROM threads t WHERE {where}"
               " ORDER BY t.first_seen NULLS LAST, t.num_sources DESC, t.num_documents DESC, t.thread_id" + paging)
        with self._cursor() as cur:
            rows = cur.execute(sql, params + pparams).fetchall()
        return [json.loads(r[0]) for r in rows]

    def count_threads(self, filters: EventFilter | None = None) -> int:
        where, params = self._thread_where(filters)
        with self._cursor() as cur:
            return cur.execute(f"SELECT count(*) FROM threads t WHERE {where}", params).fetchone()[0]

    def thread(self, thread_id: str) -> dict[str, Any] | None:
        """One thread by id (or None)."""
        with self._cursor() as cur:
            row = cur.execute("SELECT record FROM threads WHERE thread_id = ?", [thread_id]).fetchone()
        return json.loads(row[0]) if row else None

    def thread_of(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The thread id of each stored document given."""
        ids = list(doc_ids)
        if not ids:
            return {}
        with self._cursor() as cur:
            rows = cur.execute("SELECT doc_id, thread_id FROM doc_threads WHERE doc_id IN"
                               " (SELECT unnest(CAST(? AS VARCHAR[])))", [ids]).fetchall()
        return dict(rows)

    def copy_table(self, table: str, path: str | os.PathLike[str]) -> int:
        """Writes one table to a Parquet file (DuckDB's COPY, streamed); returns its row count."""
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        target = os.fspath(path).replace("'", "''")
        with self._cursor() as cur:
            cur.execute(f"COPY (SELECT * FROM {table}) TO '{target}' (FORMAT parquet)")
            return cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
