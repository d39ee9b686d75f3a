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
- Documents are linked as they are stored (``dragoman.linking``): near-duplicate copies
  (``near_duplicates``, via MinHash keys in ``doc_bands``) and stories (``story_mentions``: each event's
  story; ``stories``: one aggregated row per happening). Linking runs in the same transaction as the
  document's rows, so no document is ever committed without its story membership. ``doc_signatures``
  marks a document as linked; a database of an older schema version (1: before stories) is upgraded
  on the first writable open: the link tables, which hold only derived data, are rebuilt by linking
  every stored document again.
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

from dragoman import linking
from dragoman.model import Document

SCHEMA_VERSION = "3"
_UPGRADABLE = {"1", "2"}  # older versions: document tables kept, link tables rebuilt by relinking
_LINK_TABLES = ("stories", "story_mentions", "near_duplicates", "doc_signatures", "doc_bands")

# Table definitions: (column, SQL type). One list drives both the DDL and the inserts, so they
# cannot drift apart. "start" and "end" are quoted everywhere ("end" is an SQL keyword).
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_id", "VARCHAR PRIMARY KEY"), ("id", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"),
        ("outlet", "VARCHAR"), ("published", "DATE"), ("language", "VARCHAR"), ("text", "VARCHAR"),
        ("removed", "JSON"), ("record", "JSON"), ("ingested_at", "TIMESTAMP"),
    ],
    "events": [
        ("doc_id", "VARCHAR NOT NULL"), ("event_id", "VARCHAR NOT NULL"), ("sentence", "INTEGER"),
        ("evidence", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("trigger", "VARCHAR"),
        ("plover", "VARCHAR"), ("mode", "VARCHAR"), ("contexts", "VARCHAR[]"), ("cameo", "VARCHAR"),
        ("cameo_root", "VARCHAR"), ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"), ("date", "DATE"),
        ("date_text", "VARCHAR"), ("status", "VARCHAR"), ("confidence", "DOUBLE"),
        ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
        ("geonames_id", "BIGINT"), ("location_feature", "VARCHAR"), ("speaker_name", "VARCHAR"),
        ("speaker_country", "VARCHAR"), ("speaker_code", "VARCHAR"), ("record", "JSON"),
    ],
    "event_actors": [
        ("doc_id", "VARCHAR NOT NULL"), ("event_id", "VARCHAR NOT NULL"),
        ("role", "VARCHAR NOT NULL CHECK (role IN ('actor', 'recipient', 'third_party'))"),
        ("position", "INTEGER"), ("text", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"),
        ("sector", "VARCHAR"), ("code", "VARCHAR"),
    ],
    "quotes": [
        ("doc_id", "VARCHAR NOT NULL"), ("quote_no", "INTEGER NOT NULL"), ("text", "VARCHAR"),
        ("speaker_name", "VARCHAR"), ("speaker_country", "VARCHAR"), ("speaker_sector", "VARCHAR"),
        ("speaker_code", "VARCHAR"), ("cue", "VARCHAR"), ("direct", "BOOLEAN"), ("start", "INTEGER"),
        ("end", "INTEGER"), ("sentence", "INTEGER"), ("record", "JSON"),
    ],
    "entities": [
        ("doc_id", "VARCHAR NOT NULL"), ("entity_no", "INTEGER NOT NULL"), ("text", "VARCHAR"),
        ("type", "VARCHAR"), ("actor_country", "VARCHAR"), ("actor_code", "VARCHAR"),
        ("place_name", "VARCHAR"), ("place_country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
        ("n_mentions", "INTEGER"),
    ],
    # -- written by dragoman.linking --
    "story_mentions": [  # one row per event: its story and the fields the story rules compare
        ("doc_id", "VARCHAR NOT NULL"), ("event_id", "VARCHAR NOT NULL"), ("story_id", "VARCHAR NOT NULL"),
        ("seed", "VARCHAR NOT NULL"), ("status", "VARCHAR"), ("kind", "VARCHAR"), ("anchor", "DATE"),
        ("precise", "BOOLEAN"), ("parties", "VARCHAR[]"), ("place_country", "VARCHAR"), ("place_name", "VARCHAR"),
        ("vague", "BOOLEAN"),
    ],
    "stories": [
        ("story_id", "VARCHAR PRIMARY KEY"), ("seed", "VARCHAR NOT NULL"), ("plover", "VARCHAR"),
        ("cameo", "VARCHAR"), ("status", "VARCHAR"), ("date", "DATE"), ("first_seen", "DATE"),
        ("num_mentions", "INTEGER"), ("num_articles", "INTEGER"), ("num_sources", "INTEGER"),
        ("outlets", "VARCHAR[]"), ("parties", "VARCHAR[]"), ("location_name", "VARCHAR"),
        ("location_country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("record", "JSON"),
    ],
    "near_duplicates": [  # a document that is a near-copy of another (its group's canonical document)
        ("doc_id", "VARCHAR PRIMARY KEY"), ("canonical_doc_id", "VARCHAR NOT NULL"), ("similarity", "DOUBLE"),
    ],
    "doc_signatures": [  # a document has been linked; n_words and whether it was long enough to compare
        ("doc_id", "VARCHAR PRIMARY KEY"), ("n_words", "INTEGER"), ("eligible", "BOOLEAN"),
    ],
    "doc_bands": [  # MinHash LSH band keys (dragoman.dedup) of eligible documents
        ("doc_id", "VARCHAR NOT NULL"), ("band", "SMALLINT NOT NULL"), ("key", "BIGINT NOT NULL"),
    ],
}
_KEYS = {
    "events": "PRIMARY KEY (doc_id, event_id)",
    "event_actors": "PRIMARY KEY (doc_id, event_id, role, position)",
    "quotes": "PRIMARY KEY (doc_id, quote_no)",
    "entities": "PRIMARY KEY (doc_id, entity_no)",
    "story_mentions": "PRIMARY KEY (doc_id, event_id)",
}
# Order of writing one document's rows: the documents row first, so "has(doc_id)" can only be
# true once everything is in (all rows share one transaction anyway).
_WRITE_ORDER = ("documents", "events", "event_actors", "quotes", "entities")
_INSERT_ROWS = 50_000  # rows per INSERT statement (each column bound as one list)

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ACTOR_RE = re.compile(r"^[A-Z][A-Z0-9]{2,19}$")
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


def _q(name: str) -> str:
    return f'"{name}"'


def _check_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE_RE.match(value):
        raise ValueError(f"{name} must be a date YYYY-MM-DD, got {value!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} is not a valid date: {value!r}") from None
    return value


def _check_actor(value: str, name: str) -> str:
    code = value.strip().upper() if isinstance(value, str) else value
    if not isinstance(code, str) or not _ACTOR_RE.match(code):
        raise ValueError(f"{name} must be an ISO 3166-1 alpha-3 country code (e.g. RUS) "
                         f"or an actor code (e.g. RUSGOV), got {value!r}")
    return code


def _check_word(value: str | None, name: str, pattern: str, example: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(pattern, value.strip()):
        raise ValueError(f"{name} is malformed (expected something like {example}), got {value!r}")
    return value.strip()


@dataclass
class EventFilter:
    """Filters of ``dragoman events`` / ``/api/events``; validated and normalised on creation.

    Malformed values raise ``ValueError`` (the CLI and API turn it into a usage error / 4xx);
    well-formed but unknown values are allowed and simply match nothing.
    ``dyad`` also accepts ``"USA,RUS"`` or a two-item list.
    """

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    since: str | None = None
    until: str | None = None
    plover: str | None = None
    cameo: str | None = None
    status: str | None = None

    def __post_init__(self) -> None:
        if self.actor is not None:
            self.actor = _check_actor(self.actor, "actor")
        if self.dyad is not None:
            parts = self.dyad.split(",") if isinstance(self.dyad, str) else list(self.dyad)
            if len(parts) != 2:
                raise ValueError(f"dyad must be two codes like USA,RUS, got {self.dyad!r}")
            self.dyad = (_check_actor(parts[0], "dyad"), _check_actor(parts[1], "dyad"))
        self.since = _check_date(self.since, "since")
        self.until = _check_date(self.until, "until")
        plover = _check_word(self.plover, "type (PLOVER)", r"[A-Za-z_]+", "CONSULT")
        self.plover = plover.upper() if plover else None
        self.cameo = _check_word(self.cameo, "cameo", r"[0-9]{2,4}", "04 or 042")
        status = _check_word(self.status, "status", r"[A-Za-z_-]+", "factual")
        self.status = status.lower() if status else None

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on ``events e`` and its bound parameters."""
        conds: list[str] = []
        params: list[Any] = []
        party = ("EXISTS (SELECT 1 FROM event_actors a WHERE a.doc_id = e.doc_id AND a.event_id = e.event_id"
                 " AND a.role IN ('actor', 'recipient') AND (a.country = ? OR a.code = ?))")
        for code in ([self.actor] if self.actor else []) + list(self.dyad or ()):
            conds.append(party)
            params += [code, code]
        if self.since:
            conds.append("e.date >= CAST(? AS DATE)")
            params.append(self.since)
        if self.until:
            conds.append("e.date <= CAST(? AS DATE)")
            params.append(self.until)
        if self.plover:
            conds.append("e.plover = ?")
            params.append(self.plover)
        if self.cameo:
            conds.append("starts_with(e.cameo, ?)")
            params.append(self.cameo)
        if self.status:
            conds.append("e.status = ?")
            params.append(self.status)
        return (" AND ".join(conds) or "TRUE"), params


def _check_page(limit: int | None, offset: int) -> None:
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise ValueError(f"limit must be a non-negative integer, got {limit!r}")
    if not isinstance(offset, int) or offset < 0:
        raise ValueError(f"offset must be a non-negative integer, got {offset!r}")


def _page(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    _check_page(limit, offset)
    return (" LIMIT ? OFFSET ?", [limit, offset]) if limit is not None else (" OFFSET ?", [offset])


def _date(value: Any) -> dt.date | None:
    """A DATE column value; a malformed date stays only in the JSON record rather than failing the document."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value) if _DATE_RE.match(value) else None
    except ValueError:
        return None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _rows(doc: Document, now: dt.datetime, rec: dict[str, Any] | None = None) -> dict[str, list[tuple]]:
    """All rows of one document (``rec`` is its dict, if already made), per table, in ``TABLES`` order."""
    rec = rec if rec is not None else doc.to_dict()
    did = doc.doc_id
    rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
    rows["documents"].append((did, doc.id, doc.url, doc.title, doc.outlet, _date(doc.published), doc.language,
                              doc.text, _json(rec["removed"]), _json(rec), now))
    for ev in rec["events"]:
        loc = ev.get("location") or {}
        spk = ev.get("speaker") or {}
        cameo = ev.get("cameo")
        rows["events"].append((
            did, ev["id"], ev["sentence"], ev["evidence"], ev["start"], ev["end"], ev.get("trigger"),
            ev.get("plover"), ev.get("mode"), list(ev.get("contexts") or []), cameo,
            cameo[:2] if cameo else None, ev.get("quad_class"), ev.get("goldstein"), _date(ev.get("date")),
            ev.get("date_text"), ev["status"], ev.get("confidence"), loc.get("name"), loc.get("country"),
            loc.get("lat"), loc.get("lon"), loc.get("geonames_id"), loc.get("feature"), spk.get("name"),
            spk.get("country"), spk.get("code"), _json(ev),
        ))
        for role, key in (("actor", "actors"), ("recipient", "recipients"), ("third_party", "third_parties")):
            for pos, a in enumerate(ev.get(key) or []):
                rows["event_actors"].append((did, ev["id"], role, pos, a.get("text"), a.get("name"),
                                             a.get("country"), a.get("sector"), a.get("code")))
    for no, qt in enumerate(rec["quotes"]):
        spk = qt.get("speaker") or {}
        rows["quotes"].append((did, no, qt["text"], spk.get("name"), spk.get("country"), spk.get("sector"),
                               spk.get("code"), qt.get("cue"), qt["direct"], qt["start"], qt["end"],
                               qt["sentence"], _json(qt)))
    for no, en in enumerate(rec["entities"]):
        act = en.get("actor") or {}
        plc = en.get("place") or {}
        rows["entities"].append((did, no, en["text"], en["type"], act.get("country"), act.get("code"),
                                 plc.get("name"), plc.get("country"), plc.get("lat"), plc.get("lon"),
                                 len(en.get("mentions") or [])))
    return rows


def _insert(cur: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple]) -> None:
    """Inserts rows column-wise: one list parameter per column, zipped back by ``unnest`` (one
    statement per chunk; binding a few lists is far cheaper than thousands of scalar parameters)."""
    if not rows:
        return
    cols = TABLES[table]
    names = ", ".join(_q(c) for c, _ in cols)
    select = ", ".join(f"unnest(CAST(? AS {_base_type(t)}[]))" for _, t in cols)
    for i in range(0, len(rows), _INSERT_ROWS):
        chunk = rows[i:i + _INSERT_ROWS]
        cur.execute(f"INSERT INTO {table} ({names}) SELECT {select}", [list(column) for column in zip(*chunk, strict=True)])


def _base_type(sql_type: str) -> str:
    """The type of a column definition without its constraints (JSON is bound as text)."""
    base = sql_type.split()[0]
    return "VARCHAR" if base == "JSON" else base


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
                    if found in _UPGRADABLE:
                        cur.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION])
                        for table in _LINK_TABLES:  # derived data: dropped here, rebuilt by link_pending below
                            cur.execute(f"DROP TABLE IF EXISTS {table}")
                    if found in _UPGRADABLE or found == SCHEMA_VERSION:
                        for table, cols in TABLES.items():
                            defs = [f"{_q(c)} {t}" for c, t in cols] + ([_KEYS[table]] if table in _KEYS else [])
                            cur.execute(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(defs)})")
            row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if not row or row[0] != SCHEMA_VERSION:
                found = row[0] if row else None
                hint = (" (open it once for writing, e.g. `dragoman ingest --db FILE PATH`, to upgrade it)"
                        if self.read_only and found in _UPGRADABLE else "")
                raise RuntimeError(f"{self.path!r} has schema version {found!r}; "
                                   f"this dragoman uses version {SCHEMA_VERSION!r}{hint}")
            if not self.read_only:
                linking.link_pending(cur, _insert)  # documents stored before linking existed (or none)

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
            for table, rows in _rows(d, now, rec).items():
                per_table[table].extend(rows)
        with self._transaction(cur):
            for table in _WRITE_ORDER:
                _insert(cur, table, per_table[table])
            linking.link(cur, records, _insert)

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
        page, pparams = _page(limit, offset)
        sql = ("SELECT e.record, e.doc_id, CAST(d.published AS VARCHAR), d.outlet"
               " FROM events e JOIN documents d ON d.doc_id = e.doc_id"
               f" WHERE {where} ORDER BY e.date NULLS LAST, e.doc_id, e.sentence, e.event_id" + page)
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
        page, pparams = _page(limit, offset)
        sql = ("SELECT qt.record, qt.doc_id, CAST(d.published AS VARCHAR), d.outlet"
               " FROM quotes qt JOIN documents d ON d.doc_id = qt.doc_id"
               f" WHERE {where} ORDER BY d.published NULLS LAST, qt.doc_id, qt.quote_no" + page)
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
        page, pparams = _page(limit, offset)
        sql = (f"SELECT s.record FROM stories s WHERE {where}"
               " ORDER BY s.date NULLS LAST, s.num_sources DESC, s.num_mentions DESC, s.story_id" + page)
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

    def copy_table(self, table: str, path: str | os.PathLike[str]) -> int:
        """Writes one table to a Parquet file (DuckDB's COPY, streamed); returns its row count."""
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        target = os.fspath(path).replace("'", "''")
        with self._cursor() as cur:
            cur.execute(f"COPY (SELECT * FROM {table}) TO '{target}' (FORMAT parquet)")
            return cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
