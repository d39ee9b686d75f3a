"""Threads: the documents and stories of one affair, linked by words, names, time, copies and shared stories.

The stories corpus (tests/data/stories) runs through the real pipeline; the rules are also tested on
hand-made document records (no spaCy needed for those).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from dragoman.model import Document
from dragoman.run.ingest import ingest
from dragoman.store import EventFilter, Store
from dragoman.stories import terms, threads

CORPUS = Path(__file__).resolve().parent / "data" / "stories"
SRC = str(Path(__file__).resolve().parents[1] / "src")


def corpus_files() -> list[str]:
    return sorted(str(p) for p in CORPUS.iterdir() if p.is_file() and p.name not in ("expected.json", "README.md"))


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("threads") / "corpus.duckdb")
    assert ingest(corpus_files(), db).failures == []
    return db


def partition(store: Store) -> frozenset[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for r in store.query("SELECT doc_id, thread_id FROM doc_threads"):
        groups.setdefault(r["thread_id"], set()).add(r["doc_id"])
    return frozenset(frozenset(g) for g in groups.values())


# -- the corpus ---------------------------------------------------------------------------------------

def test_corpus_threads(corpus_db: str) -> None:
    with Store(corpus_db, read_only=True) as s:
        assert s.count_threads() == len(s.threads()) == len(partition(s))
        thread_of = {r["url"]: r["thread_id"] for r in s.query(
            "SELECT d.url, dt.thread_id FROM documents d JOIN doc_threads dt USING (doc_id)")}
        assert len(thread_of) == s.count_documents()  # every document has a thread
        # the Kazakh-Kyrgyz affair (plan, meeting, follow-up, the copy) is one thread; the Kazakh-Uzbek
        # rail talks of the same day another
        main = thread_of["https://steppewire.example/2025/02/27/kazakh-kyrgyz-water-talks"]
        assert thread_of["https://astanapost.example/news/nurlanov-toktogulov-water"] == main
        assert thread_of["https://cadaily.example/politics/2025-02-24-ministers-to-meet"] == main
        assert thread_of["https://globaldispatch.example/world/asia/kazakhstan-uzbekistan-rail"] != main
        record = s.thread(main)
        assert record["num_articles"] == record["num_documents"] - 1  # the wire copy counts once
        assert {"Steppe Wire", "Bishkek Times"} <= set(record["outlets"]) and "Astana Post" not in record["outlets"]
        # a story never spans two threads
        for r in s.query("SELECT sm.story_id, count(DISTINCT dt.thread_id) AS n FROM story_mentions sm"
                         " JOIN doc_threads dt USING (doc_id) GROUP BY sm.story_id"):
            assert r["n"] == 1
        assert set(record["stories"]) >= {st["id"] for st in s.stories(EventFilter(dyad="KAZ,KGZ"))}
        assert [t["id"] for t in s.threads(EventFilter(actor="UZB"))] != []
        assert s.threads(EventFilter(actor="XYZ")) == [] and s.thread("nope") is None


def test_threads_do_not_depend_on_arrival_order_or_batching(corpus_db: str) -> None:
    with Store(corpus_db, read_only=True) as s:
        records = [json.loads(r["record"]) for r in s.query("SELECT record FROM documents ORDER BY doc_id")]
        reference, records_ref = partition(s), s.threads()
    rng = random.Random(16)
    for _ in range(6):
        order = rng.sample(records, len(records))
        with Store(":memory:") as s:
            batch = rng.randint(1, 4)
            for i in range(0, len(order), batch):
                s.add(order[i:i + batch], batch_size=rng.randint(1, 3))
            assert partition(s) == reference
            assert s.threads() == records_ref


def test_two_worker_processes_give_the_same_stories_and_threads(corpus_db: str, tmp_path: Path) -> None:
    """Extraction in two processes hands the writer its documents in another order and other batches."""
    db = str(tmp_path / "two.duckdb")
    assert ingest(corpus_files()[::-1], db, workers=2).failures == []
    with Store(corpus_db, read_only=True) as one, Store(db, read_only=True) as two:
        assert partition(two) == partition(one)
        assert two.threads() == one.threads() and two.stories() == one.stories()


def test_threads_command(corpus_db: str) -> None:
    env = {"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "dragoman", "stories", "--db", corpus_db, "--threads", "--format",
                          "jsonl"], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    items = [json.loads(line) for line in out.stdout.splitlines()]
    assert items and all({"id", "num_documents", "stories", "documents"} <= set(t) for t in items)
    table = subprocess.run([sys.executable, "-m", "dragoman", "stories", "--db", corpus_db, "--threads"],
                           capture_output=True, text=True, env=env, timeout=120)
    assert table.returncode == 0 and table.stdout.startswith("FIRST SEEN")


# -- the rules on hand-made records ------------------------------------------------------------------------

QUAKE = ("A magnitude 6.1 earthquake struck the island of Sumbawa in Indonesia on Sunday, killing four people "
         "and damaging hundreds of houses in Bima, the meteorology agency said. Rescuers searched the rubble.")
QUAKE_2 = ("Four people died when a strong earthquake of magnitude 6.1 hit Sumbawa island, Indonesia, and houses "
           "collapsed in Bima; rescuers searched the rubble through the night, officials said.")
OTHER = ("The central bank raised its benchmark interest rate by a quarter point to curb inflation, the governor "
         "told reporters after the monetary policy meeting in the capital.")


def record(doc_id: str, text: str, published: str | None = None, people: tuple[str, ...] = ()) -> dict:
    entities = []
    for name in people:
        at = text.find(name)
        entities.append({"text": name, "type": "PERSON", "actor": None, "place": None,
                         "mentions": [[at, at + len(name)]]})
    return Document.from_dict({"id": doc_id, "doc_id": doc_id, "url": None, "title": None, "outlet": doc_id.upper(),
                               "published": published, "language": "en", "text": text, "events": [],
                               "entities": entities}).to_dict()


def test_vectors_are_normalised_and_the_cosine_symmetric() -> None:
    a, b = terms.vector(record("a", QUAKE)), terms.vector(record("b", QUAKE_2))
    assert sum(w * w for w in a.values()) == pytest.approx(1.0, abs=1e-4)
    assert len(a) <= terms.TOP_TERMS and "the" not in a and "earthquake" in a
    assert terms.cosine(a, b) == terms.cosine(b, a) >= threads.ONE_DATED
    assert terms.cosine(a, terms.vector(record("c", OTHER))) < threads.DATED
    assert terms.vector(record("e", "")) == {}


def test_documents_without_events_join_a_thread() -> None:
    with Store(":memory:") as s:
        s.add([record("a", QUAKE, "2024-05-05"), record("c", OTHER, "2024-05-05")])
        assert s.count_threads() == 2
        s.add([record("b", QUAKE_2)])  # undated, no event: joins by its words
        th = s.thread_of(["a", "b", "c"])
        assert th["a"] == th["b"] != th["c"] == threads.thread_id("c")
        assert th["a"] == threads.thread_id("a")  # the smallest member's id
        assert s.thread(th["a"])["num_documents"] == 2


def test_days_far_apart_keep_similar_documents_apart() -> None:
    with Store(":memory:") as s:
        s.add([record("a", QUAKE, "2024-05-05"), record("b", QUAKE_2, "2024-06-20")])
        assert s.count_threads() == 2
        s.add([record("z", QUAKE_2, None)])  # undated: may join both (an affair seen at two times)
        assert s.count_threads() == 1


def test_leads_naming_different_protagonists_keep_documents_apart() -> None:
    one = "Coach Maurice Cheeks was fired by the Philadelphia 76ers on Saturday after a losing start to the season."
    two = "Coach Jim O'Brien was fired by the Philadelphia 76ers on Saturday after a losing start to the season."
    a, b = record("a", one, people=("Maurice Cheeks",)), record("b", two, people=("Jim O'Brien",))
    assert terms.conflict(*terms.lead(a), *terms.lead(b))
    assert not terms.conflict(*terms.lead(a), *terms.lead(record("c", one, people=("Maurice Cheeks",))))
    with Store(":memory:") as s:
        s.add([a, b])
        assert s.count_threads() == 2


def test_a_new_document_merges_two_threads_whatever_the_order() -> None:
    # a and b are too far apart in time to link directly; the undated z is similar to both
    docs = [record("a", QUAKE, "2024-05-05"), record("b", QUAKE_2, "2024-06-20"), record("z", QUAKE_2)]
    results = []
    for order in (docs, docs[::-1], [docs[2], docs[0], docs[1]]):
        with Store(":memory:") as s:
            for d in order:
                s.add([d])
            results.append((partition(s), s.threads()))
    assert all(r == results[0] for r in results) and len(results[0][0]) == 1


FLOOD = ("Floodwaters swept through the river town of Velmora on {day}, forcing two thousand residents from their "
         "homes as the Tarnak river burst its banks after days of heavy rain, the regional emergency service said.")
FLOOD_2 = ("The Tarnak river burst its banks on {day} and flooded Velmora; emergency crews evacuated residents from "
           "low-lying streets while rain kept falling over the region, officials said.")


@pytest.mark.parametrize(("day_a", "day_b", "published", "one_thread"), [
    ("Saturday", "Saturday", None, True),
    ("Friday", "Saturday", None, True),        # the next day: time zones, overnight copy
    ("Sunday", "Monday", None, True),          # ... also across the week's end
    ("Saturday", "Thursday", None, False),     # two floods of one town, days apart
    ("Monday", "Friday", None, False),
    ("Saturday", "Thursday", "2024-05-05", False),  # one dated: the weekdays still disagree
])
def test_leads_naming_weekdays_days_apart_need_more_similar_words(day_a: str, day_b: str, published: str | None,
                                                                  one_thread: bool) -> None:
    a, b = record("a", FLOOD.format(day=day_a)), record("b", FLOOD_2.format(day=day_b), published)
    cos = terms.cosine(terms.vector(a), terms.vector(b))
    assert max(threads.ONE_DATED, threads.UNDATED) <= cos < threads.STRICT   # similar, but not that similar
    with Store(":memory:") as s:
        s.add([a, b])
        assert (s.count_threads() == 1) == one_thread


SEIZURE = ("A coast guard cutter intercepted {n} smugglers off the Korlan cape, seizing crates of untaxed "
           "cigarettes after a night chase through the strait, the maritime authority said.")
SEIZURE_2 = ("Smugglers running cigarettes across the strait were caught by the Korlan coast guard: its cutter "
             "boarded their boat and detained {n} smugglers, officials told reporters in the port.")
TREMOR = ("A magnitude {n} earthquake shook the island of Veska, cracking walls in the fishing town of Ostrel, the "
          "seismological institute said; residents spent the night outdoors.")
TREMOR_2 = ("Residents of Ostrel on Veska island slept outdoors after a {n} magnitude quake cracked walls and "
            "toppled chimneys, according to the seismological institute.")
TOLL = ("Floods in the Tarnak valley left {n} people dead in Velmora after the river burst its banks, the regional "
        "emergency service said on its website.")
TOLL_2 = ("Rescuers in boats searched flooded streets of Velmora as the toll rose to {n} dead; the Tarnak had burst "
          "its banks after a week of rain, officials said.")


@pytest.mark.parametrize(("one", "two", "n_a", "n_b", "published", "one_thread"), [
    (SEIZURE, SEIZURE_2, "14", "14", None, True),
    (SEIZURE, SEIZURE_2, "fourteen", "14", None, True),
    (SEIZURE, SEIZURE_2, "14", "19", None, False),           # two seizures at one cape: other smugglers
    (SEIZURE, SEIZURE_2, "14", "19", "2024-05-05", False),   # one dated: the counts still disagree
    (TREMOR, TREMOR_2, "4.4", "4.4", None, True),
    (TREMOR, TREMOR_2, "4.4", "4.6", None, False),           # two quakes on one island
    (TOLL, TOLL_2, "12", "15", None, True),                  # a toll that rose: one flood
])
def test_leads_counting_one_thing_differently_need_more_similar_words(one: str, two: str, n_a: str, n_b: str,
                                                                     published: str | None, one_thread: bool) -> None:
    a, b = record("a", one.format(n=n_a)), record("b", two.format(n=n_b), published)
    cos = terms.cosine(terms.vector(a), terms.vector(b))
    assert max(threads.ONE_DATED, threads.UNDATED) <= cos
    assert cos < threads.STRICT or n_a == n_b     # different counts: similar words, but not that similar
    with Store(":memory:") as s:
        s.add([a, b])
        assert (s.count_threads() == 1) == one_thread
        assert threads.related_pairs([a, b]) == ([("a", "b")] if one_thread else [])   # the reference agrees


def test_lead_counts_are_stored_with_the_profile() -> None:
    with Store(":memory:") as s:
        s.add([record("a", SEIZURE.format(n="14"))])
        assert s.query("SELECT lead_counts FROM doc_profiles")[0]["lead_counts"] == ["persons=14"]


def test_weekdays_apart() -> None:
    assert threads.weekdays_apart(["saturday"], ["thursday"])
    assert not threads.weekdays_apart(["saturday"], ["friday", "sunday"])
    assert not threads.weekdays_apart(["sunday"], ["monday"])          # cyclic
    assert not threads.weekdays_apart(["saturday"], ["meeting"])       # one lead names no weekday
    assert threads.weekdays_apart(["monday", "talks"], ["thursday", "friday"])


# -- the indexed lookup against comparing every pair ---------------------------------------------------------

TOPICS = [
    "harbour cranes dockers strike container backlog shipping lines",
    "glacier meltwater valley villagers evacuation mudslide warning shelters",
    "tariff steel imports quota customs retaliation exporters smelters",
    "vaccine clinics measles outbreak district nurses immunisation schoolchildren",
    "railway bridge collapse freight carriages inspectors engineers signalling",
    "election recount ballots commission observers turnout dispute ministers",
    "drought wheat harvest grain reserves farmers irrigation rainfall",
    "cyberattack hospital servers ransomware patients records outage backups",
]


def spread_records() -> list[dict]:
    """Eight affairs of three reports each (one undated), months apart, plus a second harbour strike two
    months after the first: related within an affair, and across affairs only through time-free reports."""
    out = []
    base = dt.date(2024, 1, 10)
    for k, topic in enumerate(TOPICS + [TOPICS[0]]):
        words = topic.split()
        day = base + dt.timedelta(days=25 * k + (60 if k == len(TOPICS) else 0))
        for i, shift in enumerate((0, 1, None)):
            text = (f"{' '.join(words[i:] + words[:i]).capitalize()} reported by officials. "
                    f"The {words[0]} and the {words[3]} dominated talk in the region as {words[5]} rose; "
                    f"{words[1]} {words[2]} {words[4]} {words[6]} {words[7]}.")
            published = None if shift is None else (day + dt.timedelta(days=shift)).isoformat()
            out.append(record(f"t{k}r{i}", text, published))
    return out


def components(ids: list[str], pairs: list[tuple[str, str]]) -> frozenset[frozenset[str]]:
    parent = {d: d for d in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x
    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[str, set[str]] = {}
    for d in ids:
        groups.setdefault(find(d), set()).add(d)
    return frozenset(frozenset(g) for g in groups.values())


def test_indexed_lookup_finds_exactly_the_pairs_of_comparing_every_pair() -> None:
    docs = spread_records()
    reference = threads.related_pairs(docs)
    assert reference and len(components([d["doc_id"] for d in docs], reference)) > 3
    rng = random.Random(7)
    for _ in range(4):
        order = rng.sample(docs, len(docs))
        with Store(":memory:") as s:
            size = rng.randint(5, 12)          # batches spanning more days than three ranges hold
            for i in range(0, len(order), size):
                s.add(order[i:i + size])
            assert partition(s) == components([d["doc_id"] for d in docs], reference)


def test_time_ranges_merge_overlaps_and_cap_the_number_of_queries() -> None:
    d = dt.date(2025, 1, 1)
    days = [d, d + dt.timedelta(days=1), d + dt.timedelta(days=30), d + dt.timedelta(days=90),
            d + dt.timedelta(days=91), d + dt.timedelta(days=300)]
    got = threads.time_ranges(days, 2, most=10)
    assert got == [(d - dt.timedelta(days=2), d + dt.timedelta(days=3)),
                   (d + dt.timedelta(days=28), d + dt.timedelta(days=32)),
                   (d + dt.timedelta(days=88), d + dt.timedelta(days=93)),
                   (d + dt.timedelta(days=298), d + dt.timedelta(days=302))]
    capped = threads.time_ranges(days, 2, most=3)
    assert len(capped) == 3 and all(any(lo <= x <= hi for lo, hi in capped) for x in days)
    assert capped[0] == (d - dt.timedelta(days=2), d + dt.timedelta(days=32))   # the closest two merged
    assert threads.time_ranges([], 2) == []
