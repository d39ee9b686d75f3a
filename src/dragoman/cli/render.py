"""Plain-text and CSV views of events and document records, for the CLI.

Pure functions over the contract dicts (no database, standard library only), so ``extract`` and
``events`` print the same way whether the records come from the coder or from the store.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

_SPACE_RE = re.compile(r"\s+")

CSV_COLUMNS = [
    "doc_id", "event_id", "date", "status", "cameo", "plover", "mode", "quad_class", "goldstein",
    "actors", "recipients", "third_parties", "location_name", "location_country", "lat", "lon",
    "trigger", "evidence", "speaker",
]


def actor_label(actor: dict[str, Any] | None) -> str:
    """Shortest useful label of an actor: its code, else country, else name, else its words."""
    if not actor:
        return ""
    return actor.get("code") or actor.get("country") or actor.get("name") or actor.get("text") or ""


def actors_label(actors: Sequence[dict[str, Any]] | None, sep: str = "+", dedupe: bool = True) -> str:
    """Labels of a compound actor joined (``RUSGOV+USAGOV``); repeats dropped for reading."""
    labels = [actor_label(a) for a in actors or []]
    labels = [x for x in labels if x]
    if dedupe:
        labels = list(dict.fromkeys(labels))
    return sep.join(labels)


def _clean(value: Any) -> str:
    """One-line text of a cell (newlines and runs of spaces collapsed)."""
    return "" if value is None else _SPACE_RE.sub(" ", str(value)).strip()


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> str:
    """Fixed-width table; each column as wide as its content up to ``widths[i]`` (longer cut with …)."""
    cells = [[_cut(_clean(c), w) for c, w in zip(row, widths, strict=True)] for row in rows]
    cols = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, cols, strict=True)).rstrip(),
             "  ".join("-" * w for w in cols)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, cols, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _plover(ev: dict[str, Any]) -> str:
    p = ev.get("plover") or "-"
    return f"{p} ({ev['mode']})" if ev.get("mode") else p


def _who(ev: dict[str, Any]) -> str:
    left = actors_label(ev.get("actors")) or "?"
    right = actors_label(ev.get("recipients"))
    return f"{left} → {right}" if right else left


def _place(place: dict[str, Any] | None) -> str:
    if not place:
        return ""
    name = place.get("name") or place.get("text") or ""
    return f"{name}, {place['country']}" if place.get("country") and place.get("feature") != "country" else name


def events_table(events: list[dict[str, Any]], evidence_width: int = 70) -> str:
    """A table an analyst can scan: date, status, CAMEO, PLOVER (mode), actors → recipients, third
    parties, location, trigger, truncated evidence. Empty input gives ``(no events)``."""
    if not events:
        return "(no events)"
    headers = ["DATE", "STATUS", "CAMEO", "PLOVER", "ACTORS → RECIPIENTS", "THIRD", "LOCATION",
               "TRIGGER", "EVIDENCE"]
    widths = [10, 12, 5, 26, 40, 20, 24, 18, evidence_width]
    rows = [[ev.get("date") or "-", ev.get("status") or "", ev.get("cameo") or "-", _plover(ev), _who(ev),
             actors_label(ev.get("third_parties")), _place(ev.get("location")), ev.get("trigger") or "",
             ev.get("evidence") or ""] for ev in events]
    return _table(headers, rows, widths)


def events_csv(events: list[dict[str, Any]]) -> str:
    """Flat CSV (header + one row per event); actor lists as ``;``-joined codes, one per actor."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for ev in events:
        loc = ev.get("location") or {}
        w.writerow([
            ev.get("doc_id", ""), ev.get("id", ""), ev.get("date") or "", ev.get("status") or "",
            ev.get("cameo") or "", ev.get("plover") or "", ev.get("mode") or "",
            _num(ev.get("quad_class")), _num(ev.get("goldstein")),
            actors_label(ev.get("actors"), ";", dedupe=False),
            actors_label(ev.get("recipients"), ";", dedupe=False),
            actors_label(ev.get("third_parties"), ";", dedupe=False),
            loc.get("name") or "", loc.get("country") or "", _num(loc.get("lat")), _num(loc.get("lon")),
            ev.get("trigger") or "", _clean(ev.get("evidence")), actor_label(ev.get("speaker")),
        ])
    return out.getvalue()


def _num(value: Any) -> str:
    return "" if value is None else str(value)


def _speaker(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "?"
    return actor.get("name") or actor.get("code") or actor.get("text") or "?"


def documents_table(docs: list[dict[str, Any]], quote_width: int = 100) -> str:
    """Per document record: a header line (id, published, outlet, counts), its events table, and
    its quotes as ``speaker: text`` (truncated). Used by ``dragoman extract --format table``."""
    blocks = []
    for doc in docs:
        events = doc.get("events") or []
        quotes = doc.get("quotes") or []
        head = (f"== {doc.get('id', '')}  published {doc.get('published') or '-'}  "
                f"outlet {doc.get('outlet') or '-'}  | {len(events)} events, {len(quotes)} quotes, "
                f"{len(doc.get('entities') or [])} entities  [{doc.get('doc_id', '')}]")
        parts = [head, events_table(events)]
        if quotes:
            parts.append("Quotes:")
            parts += [_cut(f"  {_speaker(q.get('speaker'))}: “{_clean(q.get('text'))}”", quote_width)
                      for q in quotes]
        blocks.append("\n".join(parts))
    return "\n\n".join(blocks)
