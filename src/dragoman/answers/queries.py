"""The answers the API, the dashboard and ``dragoman brief`` share: read-only SQL over a Store.

Why a module without FastAPI in it: the brief (a command-line report) asks the same questions as
the dashboard — which events, on which dates, where, through whom — and must give the same
numbers. Everything here takes a :class:`~dragoman.store.database.Store`, runs SELECTs through
``Store.query`` with bound parameters (fixed SQL text only), and returns plain dicts.

Dates: the contract's ``since``/``until`` apply to the event date. Many events carry no date of
their own (the text says "on Monday" only sometimes), so the time series and the dashboard use
``basis="reported"``: the event date, else the publication date of its article, as GDELT dates
events by their reports. The chosen basis is named in every answer that depends on it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from dragoman.answers.names import label, sectors
from dragoman.knowledge.codebook import plover_score
from dragoman.store import EventFilter, Store

BASES = ("event", "reported")
INTERVALS = ("day", "week", "month")
EFFECTIVE_DATE = "coalesce(e.date, d.published)"
_FROM = "FROM events e JOIN documents d ON d.doc_id = e.doc_id"
_KEY = "coalesce(a.country, a.code)"
MAX_FILLED_PERIODS = 3700        # gaps are filled with empty periods up to ten years of days


@dataclass
class Scope:
    """Which events a view looks at: the contract's filters plus the drill-down ones.

    ``location``/``location_country`` pick the events at one venue, ``third_party`` those with a
    given host or mediator; ``basis`` says which date ``since``/``until`` apply to.
    """

    filters: EventFilter = field(default_factory=EventFilter)
    location: str | None = None
    location_country: str | None = None
    third_party: str | None = None
    basis: str = "event"

    def __post_init__(self) -> None:
        if self.basis not in BASES:
            raise ValueError(f"basis must be one of {', '.join(BASES)}, got {self.basis!r}")

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on ``events e JOIN documents d`` and its bound parameters."""
        f = self.filters
        base = replace(f, since=None, until=None) if self.basis == "reported" else f
        cond, params = base.where()
        conds = [cond]
        if self.basis == "reported":
            if f.since:
                conds.append(f"{EFFECTIVE_DATE} >= CAST(? AS DATE)")
                params.append(f.since)
            if f.until:
                conds.append(f"{EFFECTIVE_DATE} <= CAST(? AS DATE)")
                params.append(f.until)
        if self.location is not None:
            conds.append("e.location_name = ?")
            params.append(self.location)
        if self.location_country is not None:
            conds.append("e.location_country = ?")
            params.append(self.location_country)
        if self.third_party:
            conds.append("EXISTS (SELECT 1 FROM event_actors t WHERE t.doc_id = e.doc_id"
                         " AND t.event_id = e.event_id AND t.role = 'third_party'"
                         " AND (t.country = ? OR t.code = ?))")
            params += [self.third_party, self.third_party]
        return " AND ".join(conds), params

    def date_sql(self) -> str:
        return EFFECTIVE_DATE if self.basis == "reported" else "e.date"


def plain(scope: Scope) -> bool:
    """True when the store's own filter expresses the whole scope (no venue, third party or
    publication-date basis to drill down by)."""
    return (scope.basis == "event" and scope.location is None and scope.location_country is None
            and not scope.third_party)


def records_in_scope(store: Store, scope: Scope, table: str, key: str, ids: str, order: str,
                     limit: int | None, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of the stored records of ``table``) whose ``key`` is among ``ids``: a
    SELECT of keys from the events in the scope (``{where}`` stands for the scope's condition)."""
    where, params = scope.where()
    ids = ids.format(where=where)
    total = store.query(f"SELECT count(*) AS n FROM {table} WHERE {key} IN ({ids})", params)[0]["n"]
    page = " LIMIT ? OFFSET ?" if limit is not None else " OFFSET ?"
    rows = store.query(f"SELECT record FROM {table} WHERE {key} IN ({ids}) {order}" + page,
                       params + ([limit, offset] if limit is not None else [offset]))
    return total, [json.loads(r["record"]) for r in rows]


def _iso(value: Any) -> str | None:
    return value.isoformat()[:10] if isinstance(value, dt.date | dt.datetime) else value


# -- events ---------------------------------------------------------------------------------------

def count_events(store: Store, scope: Scope) -> int:
    where, params = scope.where()
    return store.query(f"SELECT count(*) AS n {_FROM} WHERE {where}", params)[0]["n"]


def events(store: Store, scope: Scope, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Event dicts of the contract plus ``doc_id``, ``published``, ``outlet`` and ``title``."""
    where, params = scope.where()
    page = " LIMIT ? OFFSET ?" if limit is not None else " OFFSET ?"
    pparams = [limit, offset] if limit is not None else [offset]
    rows = store.query(
        "SELECT e.record, e.doc_id, CAST(d.published AS VARCHAR) AS published, d.outlet, d.title"
        f" {_FROM} WHERE {where}"
        f" ORDER BY {scope.date_sql()} NULLS LAST, e.doc_id, e.sentence, e.event_id" + page,
        params + pparams)
    return [{**json.loads(r["record"]), "doc_id": r["doc_id"], "published": r["published"],
             "outlet": r["outlet"], "title": r["title"]} for r in rows]


def event_keys(store: Store, scope: Scope) -> set[tuple[str, str]]:
    """(doc_id, event_id) of every event in scope: what a story must mention to be in scope."""
    where, params = scope.where()
    rows = store.query(f"SELECT e.doc_id, e.event_id {_FROM} WHERE {where}", params)
    return {(r["doc_id"], r["event_id"]) for r in rows}


# -- dyad time series -----------------------------------------------------------------------------

def _period_end(start: dt.date, interval: str) -> dt.date:
    if interval == "day":
        return start
    if interval == "week":
        return start + dt.timedelta(days=6)
    nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _periods(first: dt.date, last: dt.date, interval: str) -> list[dt.date] | None:
    out = [first]
    while out[-1] < last:
        out.append(_period_end(out[-1], interval) + dt.timedelta(days=1))
        if len(out) > MAX_FILLED_PERIODS:
            return None
    return out


def dyad_series(store: Store, scope: Scope, interval: str = "month") -> dict[str, Any]:
    """Events per period for the scope (normally a dyad): counts, Goldstein and PLOVER-score sums,
    counts per quad class. Empty periods between the first and last are included as zeros."""
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}, got {interval!r}")
    where, params = scope.where()
    date = scope.date_sql()
    rows = store.query(
        f"SELECT CAST(date_trunc(?, {date}) AS DATE) AS period, e.quad_class, e.plover, e.mode,"
        f" count(*) AS n, sum(e.goldstein) AS g {_FROM} WHERE {where} AND {date} IS NOT NULL"
        " GROUP BY ALL ORDER BY period", [interval] + params)
    undated = store.query(f"SELECT count(*) AS n {_FROM} WHERE {where} AND {date} IS NULL", params)[0]["n"]
    buckets: dict[dt.date, dict[str, Any]] = {}

    def bucket(p: dt.date) -> dict[str, Any]:
        return buckets.setdefault(p, {
            "period": p.isoformat(), "until": _period_end(p, interval).isoformat(), "events": 0,
            "goldstein_sum": 0.0, "plover_score_sum": 0.0, "by_quad": {"1": 0, "2": 0, "3": 0, "4": 0}})

    for r in rows:
        b = bucket(r["period"])
        b["events"] += r["n"]
        b["goldstein_sum"] += r["g"] or 0.0
        score = plover_score(r["plover"], r["mode"])
        if score is not None:
            b["plover_score_sum"] += score * r["n"]
        if r["quad_class"] is not None:
            key = str(r["quad_class"])
            b["by_quad"][key] = b["by_quad"].get(key, 0) + r["n"]
    if buckets:
        filled = _periods(min(buckets), max(buckets), interval)
        for p in filled or []:
            bucket(p)
    series = [buckets[p] for p in sorted(buckets)]
    for b in series:
        b["goldstein_sum"] = round(b["goldstein_sum"], 3)
        b["plover_score_sum"] = round(b["plover_score_sum"], 3)
    return {"interval": interval, "basis": scope.basis, "undated": undated, "series": series}


# -- venues, third parties, actors, network -------------------------------------------------------

# A story per event: its story's id, or the event itself when it belongs to none.
_STORY_KEY = "coalesce(sm.story_id, e.doc_id || chr(31) || e.event_id)"
_STORY_JOIN = " LEFT JOIN story_mentions sm ON sm.doc_id = e.doc_id AND sm.event_id = e.event_id"


def venues(store: Store, scope: Scope, limit: int = 50) -> list[dict[str, Any]]:
    """Event locations ranked by events: name, country, precision (feature), position, counts."""
    where, params = scope.where()
    date = scope.date_sql()
    rows = store.query(
        "SELECT e.location_name AS name, e.location_country AS country, e.location_feature AS feature,"
        " avg(e.lat) AS lat, avg(e.lon) AS lon, count(*) AS events, count(DISTINCT e.doc_id) AS documents,"
        f" min({date}) AS first, max({date}) AS last,"
        f" count(*) FILTER (WHERE e.status = 'factual') AS factual, count(DISTINCT {_STORY_KEY}) AS stories"
        f" {_FROM}{_STORY_JOIN} WHERE {where} AND e.location_name IS NOT NULL"
        " GROUP BY e.location_name, e.location_country, e.location_feature"
        " ORDER BY events DESC, name", params)
    items = [{
        "name": r["name"], "country": r["country"], "country_name": label(r["country"]),
        "feature": r["feature"], "lat": r["lat"], "lon": r["lon"], "events": r["events"],
        "stories": r["stories"], "documents": r["documents"], "factual": r["factual"],
        "first": _iso(r["first"]), "last": _iso(r["last"]),
    } for r in rows]
    items.sort(key=lambda x: (-x["events"], -x["stories"], x["name"]))
    return items[:limit]


def third_parties(store: Store, scope: Scope, limit: int = 50) -> list[dict[str, Any]]:
    """Hosts, mediators and facilitators ranked by the events they stand beside.

    Grouped at the country (or organisation) level: the question is whether Türkiye, not one
    ministry, is becoming the go-between. ``hosted`` counts the events that took place in the
    third party's own country.
    """
    where, params = scope.where()
    date = scope.date_sql()
    rows = store.query(
        f"SELECT {_KEY} AS key, e.doc_id, e.event_id, e.location_country AS loc, {date} AS day,"
        f" {_STORY_KEY} AS story, list(DISTINCT a.text) AS texts"
        f" FROM event_actors a JOIN events e ON e.doc_id = a.doc_id AND e.event_id = a.event_id"
        f" JOIN documents d ON d.doc_id = e.doc_id{_STORY_JOIN} WHERE a.role = 'third_party' AND {where}"
        " GROUP BY ALL", params)
    groups: dict[str, set[tuple[str, str]]] = defaultdict(set)
    stories: dict[str, set[str]] = defaultdict(set)
    hosted: Counter[str] = Counter()
    days: dict[str, list[dt.date]] = defaultdict(list)
    texts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        key = r["key"]
        if not key or key in sectors():
            continue
        if (r["doc_id"], r["event_id"]) not in groups[key]:
            groups[key].add((r["doc_id"], r["event_id"]))
            stories[key].add(r["story"])
            hosted[key] += r["loc"] == key
            if r["day"] is not None:
                days[key].append(r["day"])
        texts[key].update(t for t in r["texts"] or [] if t)
    items = [{
        "name": label(k), "country": k if len(k) == 3 and k.isalpha() and k not in sectors() else None,
        "code": k, "events": len(evs), "stories": len(stories[k]), "hosted": hosted[k],
        "as_written": [t for t, _ in texts[k].most_common(3)],
        "first": _iso(min(days[k])) if days[k] else None, "last": _iso(max(days[k])) if days[k] else None,
    } for k, evs in groups.items()]
    items.sort(key=lambda x: (-x["events"], -x["stories"], x["code"]))
    return items[:limit]


def _participants(store: Store, scope: Scope) -> dict[tuple[str, str], dict[str, Any]]:
    """Per event in scope: its sides (actors ∪ recipients) and third parties at country level."""
    where, params = scope.where()
    rows = store.query(
        f"SELECT e.doc_id, e.event_id, a.role, {_KEY} AS key, e.quad_class, e.goldstein"
        f" FROM event_actors a JOIN events e ON e.doc_id = a.doc_id AND e.event_id = a.event_id"
        f" JOIN documents d ON d.doc_id = e.doc_id WHERE {where}", params)
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        ev = out.setdefault((r["doc_id"], r["event_id"]), {
            "sides": set(), "third": set(), "quad": r["quad_class"], "goldstein": r["goldstein"]})
        if r["key"] and r["key"] not in sectors():
            ev["third" if r["role"] == "third_party" else "sides"].add(r["key"])
    for ev in out.values():
        ev["third"] -= ev["sides"]
    return out


def actors(store: Store, scope: Scope, limit: int = 200) -> list[dict[str, Any]]:
    """Country/organisation keys with their event counts: the dashboard's actor pickers."""
    sides: Counter[str] = Counter()
    third: Counter[str] = Counter()
    for ev in _participants(store, scope).values():
        sides.update(ev["sides"])
        third.update(ev["third"])
    keys = sorted(set(sides) | set(third), key=lambda k: (-(sides[k] + third[k]), k))
    return [{"code": k, "name": label(k), "events": sides[k], "third_party_events": third[k]}
            for k in keys[:limit]]


def network(store: Store, scope: Scope, limit: int = 60) -> dict[str, Any]:
    """Who meets whom: an edge per pair of sides sharing events, and a third-party edge from each
    host or mediator to each side it stood beside. Nodes are the ``limit`` busiest actors."""
    evs = _participants(store, scope)
    weight: Counter[str] = Counter()
    for ev in evs.values():
        weight.update(ev["sides"] | ev["third"])
    keep = {k for k, _ in weight.most_common(limit)}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    third_of: Counter[str] = Counter()
    side_of: Counter[str] = Counter()
    for ev in evs.values():
        sides = sorted(ev["sides"] & keep)
        side_of.update(sides)
        third_of.update(ev["third"] & keep)
        pairs = [(a, b, "dyad") for i, a in enumerate(sides) for b in sides[i + 1:]]
        pairs += [(t, s, "third-party") for t in sorted(ev["third"] & keep) for s in sides]
        for a, b, kind in pairs:
            edge = edges.setdefault((a, b, kind), {"a": a, "b": b, "kind": kind, "events": 0,
                                                   "goldstein_sum": 0.0, "by_quad": Counter()})
            edge["events"] += 1
            edge["goldstein_sum"] += ev["goldstein"] or 0.0
            if ev["quad"] is not None:
                edge["by_quad"][str(ev["quad"])] += 1
    nodes = [{"id": k, "name": label(k), "events": side_of[k], "third_party_events": third_of[k]}
             for k in sorted(keep, key=lambda k: (-weight[k], k))]
    out_edges = []
    for e in sorted(edges.values(), key=lambda e: (-e["events"], e["a"], e["b"], e["kind"])):
        out_edges.append({**e, "goldstein_sum": round(e["goldstein_sum"], 3), "by_quad": dict(e["by_quad"])})
    return {"basis": scope.basis, "nodes": nodes, "edges": out_edges}


# -- quotes ---------------------------------------------------------------------------------------

def quotes_of(store: Store, codes: list[str], since: str | None = None, until: str | None = None,
              limit: int = 50) -> list[dict[str, Any]]:
    """Quotes whose speaker belongs to one of ``codes`` (country or actor code), in articles
    published within the period: "who said what" for a brief."""
    conds = ["(qt.speaker_country IN (SELECT unnest(CAST(? AS VARCHAR[])))"
             " OR qt.speaker_code IN (SELECT unnest(CAST(? AS VARCHAR[]))))"]
    params: list[Any] = [codes, codes]
    if since:
        conds.append("d.published >= CAST(? AS DATE)")
        params.append(since)
    if until:
        conds.append("d.published <= CAST(? AS DATE)")
        params.append(until)
    rows = store.query(
        "SELECT qt.record, qt.doc_id, CAST(d.published AS VARCHAR) AS published, d.outlet, d.title"
        " FROM quotes qt JOIN documents d ON d.doc_id = qt.doc_id WHERE " + " AND ".join(conds) +
        " ORDER BY d.published NULLS LAST, qt.doc_id, qt.quote_no LIMIT ?", params + [limit])
    return [{**json.loads(r["record"]), "doc_id": r["doc_id"], "published": r["published"],
             "outlet": r["outlet"], "title": r["title"]} for r in rows]
