"""One document record as table rows, and the column-wise insert that writes them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import duckdb

from dragoman.model import Document
from dragoman.store.filters import (
    ISO_DATE,
)
from dragoman.store.schema import (
    TABLES,
    base_type,
    quoted,
)

_INSERT_ROWS = 50_000  # rows per INSERT statement (each column bound as one list)


def _date(value: Any) -> dt.date | None:
    """A DATE column value; a malformed date stays only in the JSON record rather than failing the document."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value) if ISO_DATE.match(value) else None
    except ValueError:
        return None


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def document_rows(doc: Document, now: dt.datetime, rec: dict[str, Any] | None = None) -> dict[str, list[tuple]]:
    """All rows of one document (``rec`` is its dict, if already made), per table, in ``TABLES`` order."""
    rec = rec if rec is not None else doc.to_dict()
    did = doc.doc_id
    rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
    rows["documents"].append((did, doc.id, doc.url, doc.title, doc.outlet, _date(doc.published), doc.language,
                              doc.text, as_json(rec["removed"]), as_json(rec), now))
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
            spk.get("country"), spk.get("code"), as_json(ev),
        ))
        for role, key in (("actor", "actors"), ("recipient", "recipients"), ("third_party", "third_parties")):
            for pos, a in enumerate(ev.get(key) or []):
                rows["event_actors"].append((did, ev["id"], role, pos, a.get("text"), a.get("name"),
                                             a.get("country"), a.get("sector"), a.get("code")))
    for no, qt in enumerate(rec["quotes"]):
        spk = qt.get("speaker") or {}
        rows["quotes"].append((did, no, qt["text"], spk.get("name"), spk.get("country"), spk.get("sector"),
                               spk.get("code"), qt.get("cue"), qt["direct"], qt["start"], qt["end"],
                               qt["sentence"], as_json(qt)))
    for no, en in enumerate(rec["entities"]):
        act = en.get("actor") or {}
        plc = en.get("place") or {}
        rows["entities"].append((did, no, en["text"], en["type"], act.get("country"), act.get("code"),
                                 plc.get("name"), plc.get("country"), plc.get("lat"), plc.get("lon"),
                                 len(en.get("mentions") or [])))
    return rows


def insert_rows(cur: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple]) -> None:
    """Inserts rows column-wise: one list parameter per column, zipped back by ``unnest`` (one
    statement per chunk; binding a few lists is far cheaper than thousands of scalar parameters)."""
    if not rows:
        return
    cols = TABLES[table]
    names = ", ".join(quoted(c) for c, _ in cols)
    select = ", ".join(f"unnest(CAST(? AS {base_type(t)}[]))" for _, t in cols)
    for i in range(0, len(rows), _INSERT_ROWS):
        chunk = rows[i:i + _INSERT_ROWS]
        cur.execute(f"INSERT INTO {table} ({names}) SELECT {select}", [list(column) for column in zip(*chunk, strict=True)])
