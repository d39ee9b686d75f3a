"""Store query latency at scale: a dyad time series and a venue ranking over N synthetic events.

Why synthesise rather than ingest: a million events is about 100,000 articles, days of parsing on
two cores, while the question here is only whether the *store* answers interactively. The rows are
written with the store's own schema (``Store`` creates it) by bulk ``INSERT … SELECT`` from
``range()``, with skewed country, venue and date distributions like a news feed's: a few states in
most events, a long tail of venues, five years of dates, one event in ten with a third party.

The timed calls are the ones the API and dashboard make (``dragoman.answers.queries``) plus the
contract's ``dragoman events --dyad`` listing; each is run ``--repeat`` times after one warm-up and
the median is reported (cold = the first call after opening the file).

    python bench/store_query.py --events 1000000 --db /tmp/bench-1m.duckdb
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

# (code, share of actor slots in per mille): a few states dominate, as in news
COUNTRIES = [("USA", 120), ("RUS", 90), ("CHN", 70), ("UKR", 70), ("ISR", 50), ("IRN", 45), ("TUR", 40),
             ("GBR", 35), ("FRA", 35), ("DEU", 30), ("IND", 30), ("PSE", 30), ("SAU", 25), ("QAT", 20),
             ("EGY", 20), ("JPN", 20), ("PAK", 20), ("SYR", 20), ("ARM", 15), ("AZE", 15), ("KAZ", 15),
             ("POL", 15), ("BRA", 15), ("ZAF", 15), ("NGA", 15), ("KEN", 10), ("ETH", 10), ("IDN", 10),
             ("MEX", 10), ("KOR", 10), ("PRK", 10), ("LBN", 10), ("YEM", 10), ("IRQ", 10), ("AFG", 10),
             ("VEN", 10), ("COL", 10), ("SDN", 10), ("SOM", 10), ("LBY", 10), ("UNO", 10), ("EUR", 10),
             ("NATO", 10), ("AUS", 5), ("CAN", 5), ("ITA", 5), ("ESP", 5), ("GEO", 5), ("BLR", 5)]
PLOVER = [("CONSULT", "040", 1, 1.0), ("AGREE", "057", 1, 8.0), ("ACCUSE", "112", 3, -2.0),
          ("REQUEST", "020", 1, 3.0), ("SUPPORT", "051", 1, 3.4), ("THREATEN", "138", 3, -7.0),
          ("ASSAULT", "190", 4, -10.0), ("SANCTION", "163", 4, -8.0), (None, "010", 1, 0.0),
          ("COOPERATE", "061", 2, 6.4), ("PROTEST", "141", 3, -6.5), ("MOBILIZE", "152", 3, -7.2)]
VENUES = 2000
DOCS_PER_EVENT = 10


def build(db: str, events: int) -> float:
    """Creates the store at ``db`` and fills it with ``events`` events; returns seconds taken."""
    from dragoman.store import Store

    if os.path.exists(db):
        os.remove(db)
    start = time.perf_counter()
    with Store(db) as store:
        con = store._con  # bulk SQL straight into the store's own tables
        weights = [code for code, share in COUNTRIES for _ in range(share)]
        con.execute("CREATE TEMP TABLE ctry AS SELECT i::INTEGER AS k, c AS code FROM "
                    "(SELECT unnest(range(len(?))) AS i, unnest(?) AS c)", [weights, weights])
        con.execute("CREATE TEMP TABLE kinds AS SELECT i::INTEGER AS k, p AS plover, c AS cameo, q AS quad, g AS gold"
                    " FROM (SELECT unnest(range(?)) AS i, unnest(?) AS p, unnest(?) AS c, unnest(?) AS q,"
                    " unnest(?) AS g)",
                    [len(PLOVER), [p[0] for p in PLOVER], [p[1] for p in PLOVER], [p[2] for p in PLOVER],
                     [p[3] for p in PLOVER]])
        n_codes = len(weights)
        docs = max(1, events // DOCS_PER_EVENT)
        con.execute(f"""
            INSERT INTO documents (doc_id, id, url, title, outlet, published, language, text, removed, record,
                                   ingested_at)
            SELECT printf('d%010d', i), printf('bench-%d', i), NULL, 'Synthetic article ' || i,
                   'Outlet ' || (i % 40), DATE '2020-01-01' + CAST(i % 2000 AS INTEGER), 'en',
                   'Synthetic text.', '[]', '{{}}', now()
            FROM range({docs}) t(i)""")
        con.execute(f"""
            INSERT INTO events (doc_id, event_id, sentence, evidence, start, "end", trigger, plover, mode, contexts,
                                cameo, cameo_root, quad_class, goldstein, date, date_text, status, confidence,
                                location_name, location_country, lat, lon, geonames_id, location_feature,
                                speaker_name, speaker_country, speaker_code, record)
            SELECT printf('d%010d', i // {DOCS_PER_EVENT}), 'e' || (i % {DOCS_PER_EVENT} + 1), i % 12,
                   'Synthetic evidence sentence number ' || i || '.', 0, 40, 'met', k.plover, NULL, ['diplomatic'],
                   k.cameo, substr(k.cameo, 1, 2), k.quad, k.gold,
                   CASE WHEN i % 3 = 0 THEN NULL
                        ELSE DATE '2020-01-01' + CAST((i // {DOCS_PER_EVENT}) % 2000 AS INTEGER) END,
                   NULL, CASE WHEN i % 17 = 0 THEN 'future' ELSE 'factual' END, 0.75,
                   CASE WHEN v.no IS NOT NULL THEN 'Venue ' || v.no END, vc.code,
                   CASE WHEN v.no IS NOT NULL THEN 40.0 + v.no / 100 END,
                   CASE WHEN v.no IS NOT NULL THEN 30.0 - v.no / 100 END, NULL,
                   CASE WHEN v.no IS NOT NULL THEN 'city' END, NULL, NULL, NULL,
                   '{{"id": "e1", "plover": "' || coalesce(k.plover, '') || '", "synthetic": true}}'
            FROM range({events}) t(i)
            JOIN kinds k ON k.k = CAST(hash(i, 'k') % {len(PLOVER)} AS INTEGER)
            -- 70 % of events have a venue; a long tail of venues, each in one country
            CROSS JOIN LATERAL (SELECT CASE WHEN i % 10 < 7
                THEN CAST(floor(pow(hash(i, 'v') % 1000000 / 1e6, 3) * {VENUES}) AS INTEGER) END AS no) v
            LEFT JOIN ctry vc ON v.no IS NOT NULL AND vc.k = CAST(hash(v.no, 'c') % {n_codes} AS INTEGER)""")
        for role, salt, extra in (("actor", "a", "TRUE"), ("recipient", "r", "TRUE"),
                                  ("third_party", "t", "i % 10 = 0")):
            con.execute(f"""
                INSERT INTO event_actors (doc_id, event_id, role, position, text, name, country, sector, code)
                SELECT printf('d%010d', i // {DOCS_PER_EVENT}), 'e' || (i % {DOCS_PER_EVENT} + 1), '{role}', 0,
                       c.code, NULL, c.code, 'GOV', c.code || 'GOV'
                FROM range({events}) t(i)
                JOIN ctry c ON c.k = CAST(hash(i, '{salt}') % {n_codes} AS INTEGER)
                WHERE {extra}""")
        if "parties" in {r[0] for r in con.execute("DESCRIBE events").fetchall()}:
            # a store that keeps each event's parties on its row (see docs/BENCHMARKS.md)
            con.execute("""
                UPDATE events SET parties = p.parties
                FROM (SELECT doc_id, event_id, list_sort(list_distinct(flatten(list([country, code])))) AS parties
                      FROM event_actors WHERE role IN ('actor', 'recipient') GROUP BY doc_id, event_id) p
                WHERE events.doc_id = p.doc_id AND events.event_id = p.event_id""")
        # stories: about three mentions per story, so the venue ranking's story count has work to do
        con.execute(f"""
            INSERT INTO story_mentions (doc_id, event_id, story_id, seed, status, kind, anchor, precise, parties,
                                        place_country, place_name)
            SELECT doc_id, event_id, 's' || (hash(doc_id, event_id) % {max(1, events // 3)}), doc_id, status,
                   plover, date, TRUE, [], location_country, location_name
            FROM events""")
        con.execute("CHECKPOINT")
    return time.perf_counter() - start


def _time(fn: Callable[[], Any], repeat: int) -> dict[str, float]:
    start = time.perf_counter()
    fn()
    cold = time.perf_counter() - start
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return {"cold_s": round(cold, 4), "median_s": round(statistics.median(runs), 4), "max_s": round(max(runs), 4)}


def measure(db: str, repeat: int = 5) -> dict[str, Any]:
    """Latency of the dyad series, venue ranking and dyad event page, opened read-only like the server."""
    from dragoman.answers import queries
    from dragoman.store import EventFilter, Store

    out: dict[str, Any] = {}
    with Store(db, read_only=True) as store:
        out["events"] = store.query("SELECT count(*) AS n FROM events")[0]["n"]
        out["event_actors"] = store.query("SELECT count(*) AS n FROM event_actors")[0]["n"]
        dyad = queries.Scope(EventFilter(dyad=("USA", "RUS")), basis="reported")
        out["dyad_events"] = queries.count_events(store, dyad)
        out["dyad_series_month"] = _time(lambda: queries.dyad_series(store, dyad, "month"), repeat)
        out["dyad_series_day"] = _time(lambda: queries.dyad_series(store, dyad, "day"), repeat)
        out["venue_ranking"] = _time(lambda: queries.venues(store, queries.Scope(basis="reported")), repeat)
        out["venue_ranking_dyad"] = _time(lambda: queries.venues(store, dyad), repeat)
        out["events_dyad_page"] = _time(lambda: store.events(EventFilter(dyad=("USA", "RUS")), limit=50), repeat)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", default="/tmp/dragoman-bench-store.duckdb")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="keep an existing --db instead of rebuilding it")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"db": args.db}
    if not (args.reuse and os.path.exists(args.db)):
        result["build_s"] = round(build(args.db, args.events), 1)
    result["db_mb"] = round(os.path.getsize(args.db) / 2**20, 1)
    result.update(measure(args.db, args.repeat))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
