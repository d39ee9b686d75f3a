"""Linking cost at scale: 100,000 synthetic document records stored one batch after another, with the
time to store and link a document at 10 k, 50 k and 100 k stored, and the writer's memory.

What is measured: ``Store.add`` (batches of ``--batch`` documents, one transaction each, as ``dragoman
ingest`` writes a partition) on pre-built document records — the output of extraction, made up here —
so no spaCy runs: the benchmark times storage and linking (near-duplicate copies, stories, threads), not
NLP. DuckDB's memory is capped as ``dragoman ingest`` caps it (``DRAGOMAN_DB_MEMORY``, default 512MB).

The synthetic news: ``--docs`` documents about affairs of 1 to 6 reports each, spread over three years
(about 90 a day at 100 k); every affair has its own words (rare words of the reference corpus and made-up
names), two protagonists, a place, two countries and a day; its reports share some of those and add
common words drawn by their frequency in the reference corpus (``term_df.tsv``), and one report in ten is
a near-copy of another report of its affair (a wire story republished). Each report codes one to three
events between the affair's countries. ``--order stream`` (the default) stores them as a news feed
arrives: by arrival time, each report up to two days after its publication, so a later report of an
affair may come first; ``--order random`` puts every affair on a random day (no time order at all: the
day filters then prune nothing). Deterministic (``--seed``).

Reported: per mark, the mean milliseconds per document over the ``--window`` documents stored after
the mark (each timed batch is one ``Store.add``); the writer's resident memory at the mark and its peak
(``ru_maxrss``) over the whole run; and the candidates a batch's linking looked at, from the tables'
row counts, so a scan would show as time growing with the store.

    python bench/linking_scale.py --docs 100000 --marks 10000 50000 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import Any

COUNTRIES = ["AFG", "ARE", "ARG", "ARM", "AUS", "AZE", "BRA", "CAN", "CHN", "COL", "DEU", "EGY", "ESP", "ETH", "FRA",
             "GBR", "GEO", "GRC", "IDN", "IND", "IRN", "IRQ", "ISR", "ITA", "JOR", "JPN", "KAZ", "KEN", "KGZ", "KOR",
             "LBN", "MAR", "MEX", "NGA", "PAK", "PER", "PHL", "POL", "QAT", "RUS", "SAU", "SRB", "SYR", "THA", "TJK",
             "TUR", "UKR", "USA", "UZB", "VEN"]
PLOVER = [("CONSULT", "040"), ("AGREE", "030"), ("ACCUSE", "112"), ("DEMAND", "100"), ("AID", "070")]
SYLLABLES = ["ka", "lo", "mi", "ner", "tas", "vu", "ri", "do", "pel", "sa", "gon", "te", "bri", "ul", "zan", "fo",
             "hal", "ek", "mor", "vin", "qua", "res", "ti", "nau", "sol", "dar", "pi", "gre", "lum", "os"]
START = dt.date(2023, 1, 1)
DAYS = 3 * 365


def vocabulary(n: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def reference_words() -> tuple[list[str], list[float]]:
    """The words of the reference corpus (``term_df.tsv``) and their document frequencies."""
    from dragoman.knowledge import read_tsv

    rows = [r for r in read_tsv("term_df.tsv") if r["term"] != "<documents>" and r["term"].isalpha()]
    return [r["term"] for r in rows], [float(r["df"]) for r in rows]


def affairs(n_docs: int, seed: int, chronological: bool = True) -> Iterator[list[dict[str, Any]]]:
    """Lists of document records, one list per affair, until ``n_docs`` records were made; affairs in day
    order (a news stream) when ``chronological``, else on random days."""
    rng = random.Random(seed)
    words = vocabulary(20_000, rng)
    common, df = reference_words()
    cum, total = [], 0.0
    for d in df:
        total += d
        cum.append(total)
    rare = [w for w, d in zip(common, df, strict=True) if d <= 20]
    made = 0
    affair = 0
    expected = n_docs / 3.0
    while made < n_docs:
        affair += 1
        size = min(n_docs - made, rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6]))
        offset = int(min(affair, expected) * DAYS / expected) if chronological else rng.randrange(DAYS)
        day = START + dt.timedelta(days=min(DAYS - 1, offset))
        own = rng.sample(rare, 15) + rng.sample(words, 10)
        people = [f"{rng.choice(words).title()} {rng.choice(words).title()}" for _ in range(2)]
        place = rng.choice(words).title()
        a, b = rng.sample(COUNTRIES, 2)
        plover, cameo = rng.choice(PLOVER)
        docs = []
        for i in range(size):
            if docs and rng.random() < 0.1:  # a near-copy of an earlier report: a few words changed
                src = rng.choice(docs)
                body = src["text"].split(" ")
                for j in rng.sample(range(len(body)), max(1, len(body) // 40)):
                    body[j] = rng.choice(words)
                text = " ".join(body)
            else:
                parts = [f"{people[0]} met {people[1]} in {place} on {(day).strftime('%A')}."]
                for _ in range(rng.randint(6, 14)):
                    sentence = rng.sample(own, 4) + rng.choices(common, cum_weights=cum, k=rng.randint(6, 12))
                    rng.shuffle(sentence)
                    parts.append(" ".join(sentence).capitalize() + ".")
                text = " ".join(parts)
            published = day + dt.timedelta(days=rng.choice([0, 0, 1, 1, 2]))
            doc_id = f"syn{affair:07d}-{i}"
            lead = text.find(people[0])
            events = []
            for k in range(rng.randint(1, 3)):
                events.append({
                    "id": f"e{k + 1}", "sentence": 0, "evidence": text[:200], "start": 0, "end": min(200, len(text)),
                    "trigger": "met", "actors": [{"text": a, "name": a, "country": a, "sector": "GOV", "code": a + "GOV"}],
                    "recipients": [{"text": b, "name": b, "country": b, "sector": "GOV", "code": b + "GOV"}],
                    "third_parties": [], "plover": plover, "mode": None, "contexts": [], "cameo": cameo,
                    "quad_class": 1, "goldstein": 1.0, "date": day.isoformat(), "date_text": day.strftime("%A"),
                    "location": {"text": place, "name": place, "country": a, "lat": 10.0, "lon": 20.0,
                                 "geonames_id": None, "feature": "city"},
                    "status": "factual", "speaker": None, "confidence": 0.8, "date_basis": "relative",
                    "date_precision": "day"})
            entities = [{"text": p, "type": "PERSON", "actor": None, "place": None,
                         "mentions": [[text.find(p), text.find(p) + len(p)]] if p in text else []} for p in people]
            entities.append({"text": place, "type": "GPE", "actor": None, "place": None,
                             "mentions": [[text.find(place), text.find(place) + len(place)]] if place in text else []})
            docs.append({"id": doc_id, "doc_id": doc_id, "url": f"https://outlet{rng.randrange(40)}.example/{doc_id}",
                         "title": f"{people[0]} and {people[1]} in {place}" if lead >= 0 else None,
                         "outlet": f"Outlet {rng.randrange(40)}", "published": published.isoformat(), "language": "en",
                         "text": text, "removed": [], "events": events, "entities": entities, "quotes": []})
        made += len(docs)
        yield docs


def arrivals(n_docs: int, seed: int, chronological: bool = True, buffer: int = 2000) -> Iterator[dict[str, Any]]:
    """The documents in the order they are stored. A stream: by arrival time, each report arriving up to
    two days after its publication (so later reports of an affair may come first), through a bounded
    buffer (memory stays flat). Random: as generated, each affair on a random day."""
    rng = random.Random(seed + 1)
    heap: list[tuple[float, int, dict[str, Any]]] = []
    order = 0
    for docs in affairs(n_docs, seed, chronological):
        if not chronological:
            yield from docs
            continue
        for doc in docs:
            order += 1
            arrival = dt.date.fromisoformat(doc["published"]).toordinal() + 2 * rng.random()
            heapq.heappush(heap, (arrival, order, doc))
        while len(heap) > buffer:
            yield heapq.heappop(heap)[2]
    while heap:
        yield heapq.heappop(heap)[2]


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--marks", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    ap.add_argument("--window", type=int, default=1000, help="documents timed after each mark")
    ap.add_argument("--batch", type=int, default=100, help="documents per Store.add (one transaction)")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--order", choices=("stream", "random"), default="stream",
                    help="stream: affairs in day order, arrival shuffled within a 2,000-document buffer (a news"
                         " feed); random: affairs on random days over the three years")
    ap.add_argument("--db", default=None, help="database file (default: a temporary one, deleted)")
    ap.add_argument("--json", default=None, help="also write the results to this file")
    args = ap.parse_args(argv)

    from dragoman.run.ingest import _limit_memory
    from dragoman.store import Store

    tmp = tempfile.TemporaryDirectory()
    db = args.db or os.path.join(tmp.name, "linking.duckdb")
    marks = sorted(args.marks)
    # the timed windows end at the marks (the store holds mark - window .. mark documents while timed)
    windows = [(max(0, m - args.window), m) for m in marks]
    results: list[dict[str, Any]] = []
    stored = 0
    timing: dict[int, list[float]] = {m: [] for m in marks}
    start = time.perf_counter()
    batch: list[dict[str, Any]] = []
    with Store(db) as store:
        _limit_memory(store)

        def flush() -> None:
            nonlocal stored
            t0 = time.perf_counter()
            res = store.add(batch, batch_size=args.batch)
            took = time.perf_counter() - t0
            assert not res.failed, res.failed[:3]
            for (lo, hi), m in zip(windows, marks, strict=True):
                if lo <= stored < hi:
                    timing[m].append(took)
            stored += len(batch)
            batch.clear()
            if stored in marks:
                counts = store.query("SELECT (SELECT count(*) FROM doc_terms) AS terms,"
                                     " (SELECT count(*) FROM story_mentions) AS mentions,"
                                     " (SELECT count(*) FROM stories) AS stories, (SELECT count(*) FROM threads) AS threads,"
                                     " (SELECT count(*) FROM near_duplicates) AS copies")[0]
                ms = 1000 * sum(timing[stored]) / max(1, args.window)
                row = {"stored": stored, "ms_per_doc": round(ms, 2), "rss_mb": round(rss_mb()),
                       "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                       "elapsed_s": round(time.perf_counter() - start), **counts}
                results.append(row)
                print(json.dumps(row), flush=True)

        for doc in arrivals(args.docs, args.seed, args.order == "stream"):
            batch.append(doc)
            if len(batch) >= args.batch:
                flush()
        if batch:
            flush()
    size = os.path.getsize(db)
    tmp.cleanup()
    print(f"\n| documents stored | ms per document (mean of the {args.window} before) | writer RSS | "
          f"writer peak RSS so far | doc_terms rows | stories | threads |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['stored']:,} | {r['ms_per_doc']:.1f} | {r['rss_mb']} MB | {r['peak_rss_mb']} MB | "
              f"{r['terms']:,} | {r['stories']:,} | {r['threads']:,} |")
    print(f"\ntotal {time.perf_counter() - start:.0f} s; database {size / 1e6:.0f} MB; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"args": vars(args), "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
