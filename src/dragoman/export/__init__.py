"""Exports for other tools: GDELT 2.0 Events/Mentions and POLECAT as TSV, every table as Parquet.

``write_events(store, events, fmt, stream)`` is what ``dragoman events --format gdelt|polecat`` calls;
``write_mentions`` writes the GDELT Mentions table of the same stories; ``export_parquet`` writes every
database table plus the three export tables into a folder (``dragoman export --parquet DIR``).
The column choices are documented in ``export.gdelt`` and ``export.polecat``.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from dragoman.export import gdelt, polecat
from dragoman.export.gdelt import GDELT_COLUMNS, MENTION_COLUMNS
from dragoman.export.polecat import POLECAT_COLUMNS

__all__ = ["GDELT_COLUMNS", "MENTION_COLUMNS", "POLECAT_COLUMNS", "FORMATS", "export_parquet", "write_events",
           "write_mentions"]

FORMATS = ("gdelt", "polecat")
_CHUNK = 2000  # stories per step of a whole-database export (memory stays bounded)


def _write_tsv(rows: Iterable[list[str]], stream: IO[str], header: list[str] | None = None) -> int:
    n = 0
    if header:
        stream.write("\t".join(header) + "\n")
    for row in rows:
        stream.write("\t".join(row) + "\n")
        n += 1
    return n


def write_events(store: Any, events: list[dict[str, Any]], fmt: str, stream: IO[str]) -> int:
    """Writes ``events`` (``Store.events`` dicts) as ``gdelt`` (no header, one row per story dyad) or
    ``polecat`` (header, one row per event with a PLOVER type); returns the number of rows."""
    if fmt == "gdelt":
        return _write_tsv(gdelt.event_rows(store, events), stream)
    if fmt == "polecat":
        return _write_tsv(polecat.rows(store, events), stream, POLECAT_COLUMNS)
    raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")


def write_mentions(store: Any, events: list[dict[str, Any]], stream: IO[str]) -> int:
    """Writes the GDELT 2.0 Mentions table (no header) of the stories of ``events``."""
    return _write_tsv(gdelt.mention_rows(store, events), stream)


def story_event_chunks(store: Any, chunk: int = _CHUNK,
                       done: Callable[[int], None] | None = None) -> Iterator[list[dict[str, Any]]]:
    """All stored events, a chunk of whole stories at a time (a story is never split across chunks);
    ``done``, when given, is told how many stories each chunk held once the caller has used it."""
    last = ""
    while True:
        ids = [r["story_id"] for r in store.query(
            "SELECT story_id FROM stories WHERE story_id > ? ORDER BY story_id LIMIT ?", [last, chunk])]
        if not ids:
            return
        last = ids[-1]
        rows = store.query(
            "SELECT e.record, e.doc_id, CAST(d.published AS VARCHAR) AS published, d.outlet"
            " FROM story_mentions sm JOIN events e ON e.doc_id = sm.doc_id AND e.event_id = sm.event_id"
            " JOIN documents d ON d.doc_id = e.doc_id WHERE sm.story_id IN (SELECT unnest(CAST(? AS VARCHAR[])))"
            " ORDER BY e.date NULLS LAST, e.doc_id, e.sentence, e.event_id", [ids])
        yield [{**json.loads(r["record"]), "doc_id": r["doc_id"], "published": r["published"],
                "outlet": r["outlet"]} for r in rows]
        if done is not None:
            done(len(ids))


PASSES = 3  # passes of export_parquet over every story (gdelt_events, gdelt_mentions, polecat)


def export_parquet(store: Any, folder: str | os.PathLike[str], progress: Callable[..., None] | None = None,
                   stage: Callable[[str], None] | None = None) -> dict[str, int]:
    """Writes ``<table>.parquet`` for every database table, plus ``gdelt_events``, ``gdelt_mentions``
    and ``polecat``; returns rows per file. The export tables are streamed to a TSV first and converted
    by DuckDB with explicit column types, so memory does not grow with the database and the Parquet
    holds exactly what the TSV export would.

    ``stage(name)``, when given, is told which file is being written; ``progress(read=stories,
    stored=rows)`` after each chunk of stories of the ``PASSES`` export tables (``read`` sums to
    ``PASSES`` × the number of stories)."""
    import duckdb

    from dragoman.store import TABLES

    folder = os.fspath(folder)
    os.makedirs(folder, exist_ok=True)
    counts = {}
    for table in TABLES:
        if stage is not None:
            stage(table)
        counts[table] = store.copy_table(table, os.path.join(folder, f"{table}.parquet"))
    plans = {
        "gdelt_events": (GDELT_COLUMNS, gdelt.column_types(GDELT_COLUMNS), gdelt.event_rows),
        "gdelt_mentions": (MENTION_COLUMNS, gdelt.column_types(MENTION_COLUMNS), gdelt.mention_rows),
        "polecat": (POLECAT_COLUMNS, polecat.COLUMN_TYPES, polecat.rows),
    }
    con = duckdb.connect(":memory:")
    try:
        for name, (columns, types, make) in plans.items():
            if stage is not None:
                stage(name)
            tsv = os.path.join(folder, f".{name}.tsv")
            with open(tsv, "w", encoding="utf-8", newline="") as out:
                out.write("\t".join(columns) + "\n")
                counts[name] = 0
                for events in story_event_chunks(store, done=_counting(progress, counts, name)):
                    counts[name] += _write_tsv(make(store, events), out)
            target = os.path.join(folder, f"{name}.parquet")
            spec = "{" + ", ".join(f"'{c}': '{t}'" for c, t in types.items()) + "}"
            con.execute(f"COPY (SELECT * FROM read_csv(?, delim = '\t', header = true, quote = '', escape = '',"
                        f" columns = {spec}, null_padding = false)) TO '{_sql_path(target)}' (FORMAT parquet)", [tsv])
            os.remove(tsv)
    finally:
        con.close()
    return counts


def _counting(progress: Callable[..., None] | None, counts: dict[str, int],
              name: str) -> Callable[[int], None] | None:
    """A ``done`` for ``story_event_chunks`` that reports stories and the rows written since the last call."""
    if progress is None:
        return None
    last = [0]

    def done(stories: int) -> None:
        rows, last[0] = counts[name] - last[0], counts[name]
        progress(read=stories, stored=rows)
    return done


def _sql_path(path: str) -> str:
    return path.replace("'", "''")


def read_tsv(path: str, columns: list[str]) -> list[list[str]]:
    """Reads an export TSV back (for tests and checks): header-less GDELT or headed POLECAT files."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and rows[0] == columns:
        rows = rows[1:]
    return rows
