"""POLECAT-shaped rows: the column names of the POLECAT event data set (Harvard Dataverse, produced by
the NGEC coder), so tools written for POLECAT files read dragoman's.

POLECAT is report-level — one row per event coded from a story, several rows when several stories
report one happening — so this export is one row per dragoman event (use ``dragoman stories`` or the
GDELT export for happenings). Only events with a PLOVER type are written: POLECAT has no type for
CAMEO's statements and appeals (roots 01, 02), which dragoman codes with ``plover`` null.

The 40 columns, as in the POLECAT weekly files (tab-separated, header line first). Where dragoman has
no value the cell is empty:

- ``Event ID`` ``<doc_id>-<event_id>``; ``Event Date`` the event's date, else its publication day;
  ``Event Type`` the PLOVER type; ``Event Mode``; ``Event Intensity`` the PLOVER score of type and mode
  (``dragoman.knowledge.codebook.plover_score``); ``Quad Code`` e.g. ``VERBAL COOPERATION``; ``Contexts``
  joined with ``|``.
- ``Actor ...`` / ``Recipient ...``: a compound side is one row with ``;``-joined values, in order:
  ``Name`` (person or country name, else the words), ``Country`` (ISO3), ``Primary ... Sector`` (the
  first actor's sector), ``Sectors``, ``Name Raw`` (the words of the text). ``COW`` codes, ``Title``
  and ``Wikipedia ... ID`` are empty (dragoman does not resolve them). Third parties have no POLECAT
  column and are left out.
- Place: ``Placename``, ``City`` (for cities and sites), ``Province`` (for regions), ``District``
  empty, ``Country`` (ISO3), ``Latitude``, ``Longitude``, ``GeoNames ID``, ``Raw Placename`` (the words),
  ``Feature Type`` (dragoman's: city, country, region, site).
- ``Source`` the outlet; ``Publication Date``; ``Story People`` / ``Story Organizations`` /
  ``Story Locations`` the document's PERSON / ORG / GPE+LOC entities, ``;``-joined; ``Language``;
  ``Version`` ``dragoman <version>``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from dragoman import __version__
from dragoman.export.geo import country_name
from dragoman.knowledge import codebook

POLECAT_COLUMNS: list[str] = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language",
    "Version",
]
assert len(POLECAT_COLUMNS) == 40

COLUMN_TYPES = {c: ("DOUBLE" if c in ("Event Intensity", "Latitude", "Longitude") else
                    "BIGINT" if c == "GeoNames ID" else "VARCHAR") for c in POLECAT_COLUMNS}

_STORY_TYPES = {"PERSON": 0, "ORG": 1, "GPE": 2, "LOC": 2}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 6))
    return " ".join(str(value).split())


def _side(actors: Sequence[dict[str, Any]]) -> list[str]:
    """Name, Country, COW, Primary Sector, Sectors, Title, Name Raw, Wikipedia ID of one side."""
    names = [a.get("name") or country_name(a.get("country")) or a.get("text") or "" for a in actors]
    sectors = [a.get("sector") or "" for a in actors]
    return [";".join(names), ";".join(a.get("country") or "" for a in actors), "",
            sectors[0] if sectors else "", ";".join(sectors), "",
            ";".join(a.get("text") or "" for a in actors), ""]


def _entities(store: Any, doc_ids: list[str]) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    if not doc_ids:
        return out
    rows = store.query("SELECT doc_id, type, text FROM entities WHERE doc_id IN"
                       " (SELECT unnest(CAST(? AS VARCHAR[]))) ORDER BY doc_id, entity_no", [doc_ids])
    for r in rows:
        slot = _STORY_TYPES.get(r["type"])
        if slot is not None:
            out.setdefault(r["doc_id"], [[], [], []])[slot].append(r["text"])
    return out


def rows(store: Any, events: Sequence[dict[str, Any]]) -> Iterator[list[str]]:
    """POLECAT rows (40 cells each) of the ``events`` (store event dicts) that have a PLOVER type."""
    typed = [e for e in events if e.get("plover")]
    entities = _entities(store, sorted({e["doc_id"] for e in typed}))
    for ev in typed:
        ptype = codebook.plover_type(ev["plover"])
        loc = ev.get("location") or {}
        feature = loc.get("feature") or ""
        people, orgs, places = entities.get(ev["doc_id"], [[], [], []])
        row = [
            f"{ev['doc_id']}-{ev['id']}", ev.get("date") or ev.get("published"), ev["plover"], ev.get("mode"),
            codebook.plover_score(ev["plover"], ev.get("mode")), ptype.quad.upper() if ptype else "",
            "|".join(ev.get("contexts") or []),
            *_side(ev.get("actors") or []), *_side(ev.get("recipients") or []),
            loc.get("name"), loc.get("name") if feature in ("city", "site") else "", "",
            loc.get("name") if feature == "region" else "", loc.get("country"), loc.get("lat"), loc.get("lon"),
            loc.get("geonames_id"), loc.get("text"), feature,
            ev.get("outlet"), ev.get("published"), ";".join(people), ";".join(orgs), ";".join(places), "en",
            f"dragoman {__version__}",
        ]
        yield [_cell(v) for v in row]
