"""GDELT 2.0 Events and Mentions tables from stored stories.

GDELT's Events table has one row per *happening* (its mentions live in the Mentions table), so this
export is story-based: the events asked for are grouped by story, and each story gives one row per
dyad of its representative event. Compound actors (one meeting of three states is one dragoman event)
are expanded to dyads here, because GDELT rows are strictly Actor1 → Actor2: every actor × every
recipient; without recipients, every pair of the joint actors; third parties (hosts, mediators) have
no GDELT column and are left out. NumMentions / NumSources / NumArticles are the story's counts
(near-duplicate copies counted once in NumArticles and NumSources, see ``dragoman.stories.matching``).

What is emitted where GDELT and dragoman differ (documented, not guessed):

- ``GlobalEventID``: a stable 60-bit integer from the story id and the dyad's index (the same
  database gives the same ids on every export; Mentions rows point at them).
- ``Day``/``MonthYear``/``Year``/``FractionDate``: the story's date, else the event's, else the
  publication day; ``FractionDate`` is YYYY + day-of-year/365, as GDELT's.
- Actor codes are CAMEO-style ``<ISO3><sector>`` (``KAZGOV``); ``Actor*CountryCode`` is the ISO 3166-1
  alpha-3 code (CAMEO uses those codes for states); IGOs/NGOs give ``Actor*Code`` = sector + code
  (``IGOUNO``), ``Actor*KnownGroupCode`` = the code; ``Type1Code`` is the PLOVER/CAMEO sector; ethnic,
  religion and Type2/3 codes are empty (dragoman does not code them). ``Actor*Name`` is upper-case, as
  GDELT's: the person's name, else the country's name, else the words of the text.
- ``IsRootEvent``: 1 when the event's sentence starts in the document's first paragraph.
- ``AvgTone``: empty (dragoman does not score tone).
- ``Actor1Geo_*``/``Actor2Geo_*``: type 0 and empty — dragoman does not locate actors, only actions.
- ``ActionGeo_*`` from the story's location: type 1 country, 2 US state, 3 US city, 4 world city,
  5 world region (GDELT's codes); ``FullName`` "City, Country"; ``CountryCode`` and ``ADM1Code`` are the
  FIPS 10-4 country code (GDELT's convention; dragoman has no first-order divisions, so ADM1 is the
  country's, as GDELT writes for country-level places); ``FeatureID`` the GeoNames id (GDELT uses
  GNS/GNIS ids; for a country without a GeoNames id, the FIPS code, as GDELT does).
- ``DATEADDED``: YYYYMMDDHHMMSS (UTC) when the story's first document was stored. ``SOURCEURL``: the
  URL of the first-published mention (its document id when no URL is known).
- Mentions: GDELT 2.0's 16 columns; ``MentionType`` 1 (web); ``SentenceID`` 1-based;
  ``Actor1/2CharOffset``/``ActionCharOffset`` where the actor's words / the trigger occur in the
  sentence (-1 when not found); ``InRawText`` 1; ``Confidence`` the event's confidence in percent;
  ``MentionDocLen`` the cleaned text's length; tone and translation fields empty.

Both tables are written GDELT-style: tab-separated, no header line, one row per line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from dragoman.export.geo import country_name, fips

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

GDELT_COLUMNS: list[str] = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in _ACTOR_FIELDS] + [f"Actor2{f}" for f in _ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{f}" for f in _GEO_FIELDS] + [f"Actor2Geo_{f}" for f in _GEO_FIELDS]
    + [f"ActionGeo_{f}" for f in _GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"]
)
MENTION_COLUMNS: list[str] = [
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]
assert len(GDELT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16

#: DuckDB types of the columns, for loading the TSV back or writing Parquet (codes stay text: "044").
_INT = {"GlobalEventID", "Day", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions", "NumSources",
        "NumArticles", "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED", "EventTimeDate",
        "MentionTimeDate", "MentionType", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
        "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen"}
_FLOAT = {"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
          "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long", "MentionDocTone"}


def column_types(columns: Sequence[str]) -> dict[str, str]:
    return {c: "BIGINT" if c in _INT else "DOUBLE" if c in _FLOAT else "VARCHAR" for c in columns}


@dataclass
class _Plan:
    """One story to export: its record, the representative event and that event's dyads."""

    story_id: str
    story: dict[str, Any]
    rep: dict[str, Any]
    dyads: list[tuple[dict[str, Any] | None, dict[str, Any] | None]]

    def event_id(self, index: int) -> int:
        digest = hashlib.sha1(f"{self.story_id}/{index}".encode()).hexdigest()
        return int(digest[:15], 16)


def _label(actor: dict[str, Any]) -> str:
    return actor.get("code") or actor.get("country") or actor.get("name") or actor.get("text") or ""


def _unique(actors: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for a in actors:
        seen.setdefault(_label(a), a)
    return list(seen.values())


def dyads(event: dict[str, Any]) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """Actor1/Actor2 pairs of an event with compound actors (see the module docstring)."""
    actors, recipients = _unique(event.get("actors") or []), _unique(event.get("recipients") or [])
    if actors and recipients:
        pairs = [(a, r) for a in actors for r in recipients if _label(a) != _label(r)]
        return pairs or [(actors[0], recipients[0])]
    if len(actors) >= 2:
        return [(actors[i], actors[j]) for i in range(len(actors)) for j in range(i + 1, len(actors))]
    if actors:
        return [(actors[0], None)]
    if recipients:
        return [(None, r) for r in recipients]
    return [(None, None)]


def _rep_key(ev: dict[str, Any]) -> tuple:
    return (ev.get("date") is None, -(len(ev.get("actors") or []) + len(ev.get("recipients") or [])),
            ev.get("location") is None, ev.get("published") or "9999-99-99", ev.get("doc_id", ""), ev.get("id", ""))


def plan(store: Any, events: Sequence[dict[str, Any]]) -> list[_Plan]:
    """Groups ``events`` (store event dicts, with ``doc_id``) by story, in order of first appearance."""
    story_of = store.story_of((e["doc_id"], e["id"]) for e in events)
    groups: dict[str, list[dict[str, Any]]] = {}
    for ev in events:
        sid = story_of.get((ev["doc_id"], ev["id"])) or f"event:{ev['doc_id']}/{ev['id']}"
        groups.setdefault(sid, []).append(ev)
    records = _stories(store, [s for s in groups if not s.startswith("event:")])
    plans = []
    for sid, evs in groups.items():
        rep = min(evs, key=_rep_key)
        story = records.get(sid) or _lone_story(sid, rep)
        plans.append(_Plan(sid, story, rep, dyads(rep)))
    return plans


def _stories(store: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    rows = store.query("SELECT story_id, record FROM stories WHERE story_id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
                       [ids])
    return {r["story_id"]: json.loads(r["record"]) for r in rows}


def _lone_story(sid: str, ev: dict[str, Any]) -> dict[str, Any]:
    """A one-mention story for an event that has none (only possible in a hand-edited database)."""
    return {"id": sid, "date": ev.get("date"), "location": ev.get("location"), "num_mentions": 1,
            "num_articles": 1, "num_sources": 1, "first_seen": ev.get("published"),
            "mentions": [{"doc_id": ev["doc_id"], "event_id": ev["id"], "evidence": ev.get("evidence"),
                          "outlet": ev.get("outlet"), "published": ev.get("published"), "url": None}]}


# -- cells -------------------------------------------------------------------------------------------

def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 6))
    return " ".join(str(value).split())  # no tabs or newlines inside a cell


def _actor_cells(actor: dict[str, Any] | None) -> list[Any]:
    if not actor:
        return [""] * len(_ACTOR_FIELDS)
    country, sector, code = actor.get("country"), actor.get("sector"), actor.get("code")
    group = code if (not country and code and sector in ("IGO", "NGO")) else ""
    full = (sector + code if group and not code.startswith(sector) else code) or (country or "")
    name = actor.get("name") or country_name(country) or actor.get("text") or ""
    return [full, name.upper(), country or "", group, "", "", "", sector or "", "", ""]


def _geo_cells(place: dict[str, Any] | None) -> list[Any]:
    if not place:
        return [0, "", "", "", "", "", "", ""]
    country, feature = place.get("country"), place.get("feature") or ""
    code = fips(country)
    us = country == "USA"
    kind = 1 if feature == "country" else (2 if us else 5) if feature == "region" else 3 if us else 4
    name = place.get("name") or place.get("text") or ""
    full = name if feature == "country" or not country else f"{name}, {country_name(country) or country}"
    feature_id = place.get("geonames_id") or (code if feature == "country" else "")
    return [kind, full, code, code, "", place.get("lat"), place.get("lon"), feature_id]


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _stamp(value: Any) -> str:
    """YYYYMMDDHHMMSS of a datetime, or of a day at midnight."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y%m%d%H%M%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d") + "000000"
    day = _day(value) if isinstance(value, str) else None
    return day.strftime("%Y%m%d") + "000000" if day else ""


class _DocFacts:
    """Per-document facts the rows need, loaded once per export call."""

    def __init__(self, store: Any, doc_ids: Iterable[str]) -> None:
        ids = sorted(set(doc_ids))
        rows = store.query(
            "SELECT doc_id, ingested_at, length(text) AS n, strpos(text, chr(10) || chr(10)) AS lead, url, outlet,"
            " CAST(published AS VARCHAR) AS published FROM documents"
            " WHERE doc_id IN (SELECT unnest(CAST(? AS VARCHAR[])))", [ids]) if ids else []
        self.by_id = {r["doc_id"]: r for r in rows}

    def added(self, story: dict[str, Any]) -> str:
        stamps = [self.by_id[m["doc_id"]]["ingested_at"] for m in story.get("mentions") or []
                  if m["doc_id"] in self.by_id and self.by_id[m["doc_id"]]["ingested_at"]]
        return _stamp(min(stamps)) if stamps else ""

    def is_root(self, ev: dict[str, Any]) -> int:
        facts = self.by_id.get(ev.get("doc_id"))
        if not facts:
            return 0
        lead = facts["lead"] or 0  # strpos is 1-based; 0 = one paragraph only
        return int(lead == 0 or (ev.get("start") or 0) < lead - 1)


def _first_url(story: dict[str, Any]) -> str:
    mentions = story.get("mentions") or []
    for m in mentions:
        if m.get("url"):
            return m["url"]
    return mentions[0]["doc_id"] if mentions else ""


def event_rows(store: Any, events: Sequence[dict[str, Any]]) -> Iterator[list[str]]:
    """GDELT 2.0 Events rows (61 cells each) for the stories of ``events``."""
    plans = plan(store, events)
    facts = _DocFacts(store, [p.rep["doc_id"] for p in plans]
                      + [m["doc_id"] for p in plans for m in p.story.get("mentions") or []])
    for p in plans:
        yield from _event_rows(p, facts)


def _event_rows(p: _Plan, facts: _DocFacts) -> Iterator[list[str]]:
    ev, story = p.rep, p.story
    day = _day(story.get("date")) or _day(ev.get("date")) or _day(ev.get("published"))
    date_cells: list[Any] = ["", "", "", ""]
    if day:
        fraction = day.year + day.timetuple().tm_yday / 365
        date_cells = [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, round(fraction, 4)]
    cameo = ev.get("cameo") or ""
    location = story.get("location") or ev.get("location")
    for index, (a1, a2) in enumerate(p.dyads):
        row = [p.event_id(index), *date_cells, *_actor_cells(a1), *_actor_cells(a2),
               facts.is_root(ev), cameo, cameo[:3], cameo[:2], ev.get("quad_class"), ev.get("goldstein"),
               story.get("num_mentions"), story.get("num_sources"), story.get("num_articles"), None,
               *_geo_cells(None), *_geo_cells(None), *_geo_cells(location),
               facts.added(story), _first_url(story)]
        yield [_cell(v) for v in row]


def mention_rows(store: Any, events: Sequence[dict[str, Any]]) -> Iterator[list[str]]:
    """GDELT 2.0 Mentions rows (16 cells): every mention of every exported story, per GlobalEventID."""
    plans = plan(store, events)
    docs = [m["doc_id"] for p in plans for m in p.story.get("mentions") or []]
    facts = _DocFacts(store, docs)
    details = _mention_events(store, plans)
    for p in plans:
        event_time = facts.added(p.story)
        for m in p.story.get("mentions") or []:
            ev = details.get((m["doc_id"], m["event_id"]), {})
            doc = facts.by_id.get(m["doc_id"], {})
            when = _stamp(m.get("published")) or _stamp(doc.get("ingested_at"))
            source = m.get("outlet") or doc.get("outlet") or ""
            evidence = ev.get("evidence") or m.get("evidence") or ""
            start = ev.get("start") or 0
            words = {_label(a): a.get("text") for a in [*(ev.get("actors") or []), *(ev.get("recipients") or [])]}
            for index, (d1, d2) in enumerate(p.dyads):
                row = [p.event_id(index), event_time, when, 1, source, m.get("url") or m["doc_id"],
                       (ev.get("sentence") or 0) + 1, _offset(evidence, start, _words_in(d1, words)),
                       _offset(evidence, start, _words_in(d2, words)), _offset(evidence, start, ev.get("trigger")), 1,
                       round((ev.get("confidence") or 0) * 100), doc.get("n"), None, "", ""]
                yield [_cell(v) for v in row]


def _words_in(actor: dict[str, Any] | None, words: dict[str, str | None]) -> str | None:
    """The words naming ``actor`` (a story-level actor) in this mention's own event, if it names it."""
    return words.get(_label(actor)) if actor else None


def _offset(evidence: str, start: int, words: str | None) -> int:
    if not words:
        return -1
    at = evidence.find(words)
    return start + at if at >= 0 else -1


def _mention_events(store: Any, plans: list[_Plan]) -> dict[tuple[str, str], dict[str, Any]]:
    ids = [p.story_id for p in plans if not p.story_id.startswith("event:")]
    if not ids:
        return {}
    rows = store.query(
        "SELECT e.doc_id, e.event_id, e.record FROM story_mentions sm JOIN events e"
        " ON e.doc_id = sm.doc_id AND e.event_id = sm.event_id"
        " WHERE sm.story_id IN (SELECT unnest(CAST(? AS VARCHAR[])))", [ids])
    return {(r["doc_id"], r["event_id"]): json.loads(r["record"]) for r in rows}
