"""Stories: one happening reported by many outlets is one story; decoys stay apart; order never matters.

The corpus (tests/data/stories, see its README.md) is run through the REAL readers and pipeline
(``dragoman.run.ingest.ingest``), then scored against its gold clustering (expected.json). The rules
themselves are also tested one by one on hand-made mentions.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from dragoman.evaluate import stories as story_eval
from dragoman.model import Document
from dragoman.run.ingest import ingest
from dragoman.store import SCHEMA_VERSION, EventFilter, Store
from dragoman.stories import linking, threads
from dragoman.stories.matching import (
    Mention,
    cluster,
    compatible,
    document_mentions,
    mention_of,
    related_compatible,
)

CORPUS = Path(__file__).resolve().parent / "data" / "stories"
EXPECTED = story_eval.load_expected(CORPUS / "expected.json")
SRC = str(Path(__file__).resolve().parents[1] / "src")
MAIN_URL = "https://steppewire.example/2025/02/27/kazakh-kyrgyz-water-talks"


def corpus_files() -> list[str]:
    return sorted(str(p) for p in CORPUS.iterdir() if p.is_file() and p.name not in ("expected.json", "README.md"))


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("stories") / "corpus.duckdb")
    result = ingest(corpus_files(), db)
    assert result.failures == [] and result.added == 11
    return db


@pytest.fixture(scope="module")
def store(corpus_db: str) -> Store:
    with Store(corpus_db, read_only=True) as s:
        yield s


def story_of_url(store: Store, url: str, evidence: str) -> dict:
    rows = store.query("SELECT sm.story_id FROM story_mentions sm JOIN events e USING (doc_id, event_id)"
                       " JOIN documents d USING (doc_id) WHERE d.url = ? AND contains(e.evidence, ?)",
                       [url, evidence])
    assert rows, (url, evidence)
    return store.story(rows[0]["story_id"])


# -- the corpus, through the real pipeline -----------------------------------------------------------

def test_corpus_gives_exactly_the_expected_stories(store: Store) -> None:
    result = story_eval.score(store, EXPECTED)
    assert result.matched >= 20
    assert (result.pairwise_precision, result.pairwise_recall) == (1.0, 1.0)
    assert (result.bcubed_precision, result.bcubed_recall) == (1.0, 1.0)
    assert result.contaminated == []
    assert [c for c in result.checks if not c[1]] == []


def test_one_meeting_five_outlets_five_sources(store: Store) -> None:
    story = story_of_url(store, MAIN_URL, "held talks in Astana on Thursday")
    assert story["status"] == "factual" and story["plover"] == "CONSULT"
    assert story["date"] == "2025-02-27" and story["first_seen"] == "2025-02-27"
    assert story["location"]["name"] == "Astana"
    assert {"KAZ", "KGZ"} <= set(story["parties"])
    assert story["num_sources"] == 5 and story["num_articles"] == 5
    assert story["outlets"] == ["Bishkek Times", "Central Asia Daily", "Eurasia Monitor", "Global Dispatch",
                                "Steppe Wire"]
    assert story["republished_by"] == ["Astana Post"]  # the wire copy is listed, not counted
    assert story["num_mentions"] == len(story["mentions"]) >= 6
    outlets_seen = {m["outlet"] for m in story["mentions"]}
    assert outlets_seen == {*story["outlets"], "Astana Post"}
    # the five date expressions all landed on the same day (or, undated, within the window)
    dated = {m["date"] for m in story["mentions"] if m["date"]}
    assert dated == {"2025-02-27"}
    copy = [m for m in story["mentions"] if m["outlet"] == "Astana Post"]
    assert copy and all(m["copy_of"] for m in copy)
    assert all(m["doc_id"] and m["event_id"] and m["evidence"] for m in story["mentions"])


@pytest.mark.parametrize("decoy", [s["name"] for s in EXPECTED["stories"] if s["name"].startswith("decoy-")])
def test_decoys_stay_apart(store: Store, decoy: str) -> None:
    main = story_of_url(store, MAIN_URL, "held talks in Astana on Thursday")
    gold = next(s for s in EXPECTED["stories"] if s["name"] == decoy)
    found = [story_of_url(store, m["url"], m["evidence"]) for m in gold["mentions"][:1]]
    assert all(s["id"] != main["id"] for s in found)
    assert all(s["status"] == gold["status"] for s in found)


def test_planned_meeting_and_meeting_itself_differ_in_status(store: Store) -> None:
    plan = story_of_url(store, "https://cadaily.example/politics/2025-02-24-ministers-to-meet", "It will be the first")
    main = story_of_url(store, MAIN_URL, "held talks in Astana on Thursday")
    assert plan["status"] == "future" and plan["num_mentions"] >= 2 and plan["id"] != main["id"]


def test_same_pair_a_week_later_is_another_story(store: Store) -> None:
    later = story_of_url(store, "https://steppewire.example/2025/03/06/bishkek-round", "met again")
    assert later["date"] == "2025-03-06" and later["location"]["name"] == "Bishkek"
    assert later["num_sources"] == 2 and later["outlets"] == ["Bishkek Times", "Steppe Wire"]


def test_incremental_stories_equal_clustering_all_at_once(store: Store) -> None:
    records = [json.loads(r["record"]) for r in store.query("SELECT record FROM documents")]
    mentions = [m for rec in records for m in document_mentions(rec)]
    related = threads.related_pairs(records)  # rule 6: mentions of related documents
    at_once = frozenset(frozenset((m.doc_id, m.event_id) for m in group) for group in cluster(mentions, related=related))
    assert at_once == story_eval.partition(store)


def test_input_order_does_not_change_stories(corpus_db: str, tmp_path: Path) -> None:
    with Store(corpus_db, read_only=True) as s:
        reference = story_eval.partition(s)
        stories = {st["id"]: st for st in s.stories()}
    files = corpus_files()
    orders = [files[::-1], random.Random(7).sample(files, len(files))]
    for n, order in enumerate(orders):
        db = str(tmp_path / f"order{n}.duckdb")
        assert ingest(order, db).failures == []
        with Store(db, read_only=True) as s:
            assert story_eval.partition(s) == reference
            assert {st["id"]: st for st in s.stories()} == stories  # ids, counts and outlets too


def test_any_arrival_order_and_batching_gives_the_same_stories(store: Store) -> None:
    records = [json.loads(r["record"]) for r in store.query("SELECT record FROM documents ORDER BY doc_id")]
    reference = story_eval.partition(store)
    stories = {st["id"]: st for st in store.stories()}
    dups = store.query("SELECT * FROM near_duplicates ORDER BY doc_id")
    rng = random.Random(2025)
    for _ in range(12):
        order = rng.sample(records, len(records))
        with Store(":memory:") as s:
            batch = rng.randint(1, 5)
            for i in range(0, len(order), batch):  # new documents join existing stories
                s.add(order[i:i + batch], batch_size=rng.randint(1, 3))
            assert story_eval.partition(s) == reference
            assert {st["id"]: st for st in s.stories()} == stories
            assert s.query("SELECT * FROM near_duplicates ORDER BY doc_id") == dups


def test_reingesting_changes_nothing(corpus_db: str, tmp_path: Path) -> None:
    db = str(tmp_path / "twice.duckdb")
    ingest(corpus_files(), db)
    with Store(db, read_only=True) as s:
        before = (story_eval.partition(s), s.stories())
    result = ingest(corpus_files(), db)
    assert result.added == 0 and result.skipped == 11
    with Store(db, read_only=True) as s:
        assert (story_eval.partition(s), s.stories()) == before


# -- the store API and the command ---------------------------------------------------------------------

def test_store_story_queries(store: Store) -> None:
    total = store.count_stories()
    assert total == len(store.stories()) == len(story_eval.partition(store))
    later = store.stories(EventFilter(dyad="KGZ,KAZ", since="2025-03-01"))
    assert [s["date"] for s in later] == ["2025-03-06"]
    # Kyrgyzstan's accusation, and the lorry drivers' complaint about the Kazakh checks
    assert store.count_stories(EventFilter(plover="ACCUSE")) == 2
    assert store.stories(EventFilter(actor="UZB"))[0]["plover"] == "CONSULT"
    assert store.stories(EventFilter(actor="XYZ")) == [] and store.count_stories(EventFilter(actor="XYZ")) == 0
    assert len(store.stories(limit=2, offset=1)) == 2
    first = store.stories(limit=1)[0]
    assert first["num_sources"] == 5  # dated stories first, most sources first
    assert store.story(first["id"]) == first and store.story("nope") is None


def test_story_records_have_the_contract_shape(store: Store) -> None:
    keys = {"id", "plover", "cameo", "actors", "recipients", "third_parties", "date", "location", "status",
            "num_mentions", "num_articles", "num_sources", "outlets", "first_seen", "mentions"}
    for story in store.stories():
        assert keys <= set(story)
        assert story["num_mentions"] == len(story["mentions"]) >= story["num_articles"] >= 1
        assert story["num_sources"] <= story["num_articles"]
        assert all({"doc_id", "event_id", "evidence"} <= set(m) for m in story["mentions"])


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run([sys.executable, "-m", "dragoman", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_stories_command(corpus_db: str) -> None:
    out = run_cli("stories", "--db", corpus_db, "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    stories = [json.loads(line) for line in out.stdout.splitlines()]
    assert stories[0]["num_sources"] == 5 and stories[0]["outlets"][0] == "Bishkek Times"
    table = run_cli("stories", "--db", corpus_db, "--dyad", "KAZ,KGZ", "--since", "2025-03-01")
    assert table.returncode == 0 and "2025-03-06" in table.stdout and "2025-02-27" not in table.stdout
    assert "SRC" in table.stdout.splitlines()[0]
    bad = run_cli("stories", "--db", corpus_db, "--dyad", "KAZ")
    assert bad.returncode == 2 and "dyad" in bad.stderr
    missing = run_cli("stories", "--db", corpus_db + ".nope")
    assert missing.returncode == 2


# -- crash safety and upgrade ------------------------------------------------------------------------

def test_failed_linking_leaves_no_document(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = json.loads(store.query("SELECT record FROM documents LIMIT 1")[0]["record"])
    with Store(tmp_path / "t.duckdb") as s:
        def broken(*args, **kw):
            raise RuntimeError("linking failed")
        monkeypatch.setattr(linking, "link", broken)
        result = s.add([record])
        assert result.added == 0 and "linking failed" in result.failed[0][1]
        assert not s.has(record["doc_id"])
        monkeypatch.undo()
        assert s.add([record]).added == 1
        assert s.count_stories() >= 1


def test_crash_while_linking_leaves_no_half_document(store: Store, tmp_path: Path) -> None:
    records = [json.loads(r["record"]) for r in store.query("SELECT record FROM documents ORDER BY doc_id")]
    src = tmp_path / "records.json"
    src.write_text(json.dumps(records))
    path = tmp_path / "crash.duckdb"
    script = textwrap.dedent(f"""
        import json, os, sys
        sys.path.insert(0, {SRC!r})
        from dragoman import store
        from dragoman.stories import linking, threads
        records = json.load(open({str(src)!r}))
        real = linking.rebuild
        def rebuild(cur, ids, insert):
            os._exit(3)  # the process dies after story_mentions rows, before the stories rows
        linking.rebuild = rebuild
        store.Store({str(path)!r}).add(records)
    """)
    assert subprocess.run([sys.executable, "-c", script], timeout=120).returncode == 3
    with Store(path) as s:
        assert s.count_documents() == 0 and s.count_stories() == 0
        assert s.query("SELECT count(*) AS n FROM story_mentions")[0]["n"] == 0
        assert s.add(records).added == len(records)
        assert story_eval.partition(s) == story_eval.partition(store)


@pytest.mark.parametrize("version", ["1", "2", "3", "4", "5"])
def test_older_database_is_upgraded_and_linked(store: Store, tmp_path: Path, version: str) -> None:
    records = [json.loads(r["record"]) for r in store.query("SELECT record FROM documents")]
    path = str(tmp_path / "old.duckdb")
    with Store(path) as s:
        s.add(records)
    con = duckdb.connect(path)
    if version == "1":  # before stories: no link tables at all
        for table in ("stories", "story_mentions", "near_duplicates", "doc_signatures", "doc_bands"):
            con.execute(f"DROP TABLE {table}")
    elif version == "2":  # version 2: link tables of an older shape, with stale content
        con.execute("ALTER TABLE story_mentions DROP COLUMN vague")
        con.execute("UPDATE stories SET num_sources = 99")
    elif version == "3":  # version 3: before threads
        for table in ("threads", "doc_threads", "doc_profiles", "doc_terms"):
            con.execute(f"DROP TABLE {table}")
    elif version == "4":  # version 4: the inverted index without its days
        con.execute("ALTER TABLE doc_terms DROP COLUMN day")
        con.execute("ALTER TABLE doc_profiles DROP COLUMN lead_counts")
    else:  # version 5: profiles without the counts of their leads
        con.execute("ALTER TABLE doc_profiles DROP COLUMN lead_counts")
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [version])
    con.close()
    with pytest.raises(RuntimeError, match="upgrade"):
        Store(path, read_only=True)
    with Store(path) as s:  # a writable open upgrades and links every stored document
        assert s.query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"] == SCHEMA_VERSION
        assert story_eval.partition(s) == story_eval.partition(store)
        assert s.stories() == store.stories() and s.threads() == store.threads()


# -- the rules, one by one -----------------------------------------------------------------------------

D27, D28 = dt.date(2025, 2, 27), dt.date(2025, 2, 28)


def m(doc: str = "a", ev: str = "e1", status: str = "factual", kind: str | None = "CONSULT",
      anchor: dt.date | None = D27, precise: bool = True, parties: tuple[str, ...] = ("KAZ", "KGZ"),
      country: str | None = None, name: str | None = None, vague: bool = False) -> Mention:
    return Mention(doc, ev, status, kind, anchor, precise, parties, country, name, vague)


@pytest.mark.parametrize(("a", "b", "linked"), [
    (m("a"), m("b"), True),
    (m("a"), m("b", status="future"), False),                              # plan vs the meeting itself
    (m("a"), m("b", kind="AGREE"), False),
    (m("a", kind=None), m("b", kind=None), False),
    (m("a"), m("b", parties=("KAZ", "KGZ", "TUR")), True),                 # a host coded as a party
    (m("a"), m("b", parties=("KAZ", "UZB")), False),                       # another pair
    (m("a"), m("b", parties=("KAZ",)), False),                             # one-sided never links many-sided
    (m("a", parties=("GEO",)), m("b", parties=("GEO",)), True),            # a protest: one party each
    (m("a", parties=()), m("b", parties=()), False),
    (m("a"), m("b", anchor=D28), False),                                   # another day
    (m("a"), m("b", anchor=D28, precise=False), True),                     # undated, published next day
    (m("a"), m("b", anchor=dt.date(2025, 3, 1), precise=False), True),     # ... two days later
    (m("a"), m("b", anchor=dt.date(2025, 3, 2), precise=False), False),    # ... three days later
    (m("a"), m("b", anchor=dt.date(2025, 2, 26), precise=False), True),    # published the day before
    (m("a"), m("b", anchor=dt.date(2025, 2, 25), precise=False), False),
    (m("a", anchor=D27, precise=False), m("b", anchor=D28, precise=False), True),
    (m("a", status="future"), m("b", status="future", anchor=D27, precise=False), False),  # plan's date ≠ report's
    (m("a", status="future"), m("a", ev="e2", status="future", anchor=dt.date(2025, 2, 20), precise=False), True),
    (m("a", anchor=None, precise=False), m("b", anchor=None, precise=False), False),
    (m("a"), m("a", ev="e2", anchor=None, precise=False, vague=True), False),  # "talks since 2023"
    (m("a", ev="e1", anchor=None, precise=False), m("a", ev="e2", anchor=None, precise=False), True),
    (m("a", country="KAZ", name="Astana"), m("b", country="KAZ", name="Almaty"), True),
    (m("a", country="KAZ", name="Astana"), m("b", country="KGZ", name="Bishkek"), False),
    (m("a", country="KAZ", name="Astana"), m("b"), True),                  # one place missing
])
def test_compatibility_rules(a: Mention, b: Mention, linked: bool) -> None:
    assert compatible(a, b) is linked
    assert compatible(b, a) is linked  # symmetric: what makes the partition order-independent


@pytest.mark.parametrize(("a", "b", "linked"), [
    (m("a"), m("b", parties=()), True),                                    # the coder found no party
    (m("a", country="KAZ"), m("b", parties=("KAZ",), country="KAZ", anchor=None, precise=False), False),  # one-sided
    (m("a"), m("b", anchor=None, precise=False), True),                    # undated document
    (m("a", anchor=None, precise=False, parties=()), m("b", anchor=None, precise=False, parties=()), True),
    (m("a"), m("b", anchor=D28), False),                                   # two precise days still differ
    (m("a"), m("b", parties=("KAZ", "UZB")), False),                       # another pair
    (m("a"), m("b", kind="AGREE", parties=()), False),                     # another type
    (m("a"), m("b", status="future", parties=()), False),
    (m("a", country="KAZ"), m("b", country="KGZ", parties=()), False),     # another place
    (m("a"), m("b", parties=(), anchor=None, precise=False, vague=True), False),
])
def test_mentions_of_related_documents(a: Mention, b: Mention, linked: bool) -> None:
    assert related_compatible(a, b) is linked and related_compatible(b, a) is linked
    assert not compatible(a, b) or linked  # rule 6 only adds links


def actor(country: str | None, sector: str | None = "GOV", name: str | None = None) -> dict:
    return {"text": name or country or "x", "name": name, "country": country, "sector": sector,
            "code": (country or "") + (sector or "") or None}


def event(eid: str, start: int, end: int, actors: list[dict], recipients: list[dict] = (), **kw) -> dict:
    base = {"id": eid, "sentence": 0, "evidence": "", "start": start, "end": end, "trigger": None,
            "actors": list(actors), "recipients": list(recipients), "third_parties": [], "plover": "CONSULT",
            "mode": None, "contexts": [], "cameo": "040", "quad_class": 1, "goldstein": 1.0, "date": "2025-02-27",
            "date_text": None, "location": None, "status": "factual", "speaker": None, "confidence": 0.9}
    return {**base, **kw}


def test_one_sided_mention_is_completed_from_its_sentence() -> None:
    # "Kazakh FM X and his Kyrgyz counterpart Y held talks": only X coded, "Kyrgyz" named in the sentence
    entities = [{"text": "Kyrgyz", "type": "NORP", "actor": actor("KGZ", None), "place": None,
                 "mentions": [[40, 46]]},
                {"text": "Bishkek", "type": "GPE", "actor": actor("KGZ"), "place": {"name": "Bishkek"},
                 "mentions": [[90, 97]]},
                {"text": "Turkish", "type": "NORP", "actor": actor("TUR", None), "place": None,
                 "mentions": [[60, 67]]}]
    ev = event("e1", 0, 100, [actor("KAZ")], third_parties=[actor("TUR")])
    assert mention_of(ev, "d", "2025-02-27", entities).parties == ("KAZ", "KGZ")  # no places, no hosts
    assert mention_of(event("e2", 200, 300, [actor("KAZ")]), "d", None, entities).parties == ("KAZ",)


def test_a_time_the_coder_could_not_resolve_is_vague() -> None:
    background = event("e1", 0, 10, [actor("ARM"), actor("AZE")], date=None, date_text="since 2023")
    mention = mention_of(background, "d", "2025-03-03")
    assert mention.vague and mention.anchor is None
    assert not mention_of(event("e2", 0, 10, [actor("ARM")], date=None), "d", "2025-03-03").vague


def test_bare_sector_is_no_party_and_igo_code_is() -> None:
    ev = event("e1", 0, 10, [actor(None, "GOV")], [{"text": "the UN", "name": "United Nations", "country": None,
                                                    "sector": "IGO", "code": "UNO"}, actor("UZB")])
    assert mention_of(ev, "d", None).parties == ("UNO", "UZB")


def test_document_completes_a_one_sided_mention_when_unambiguous() -> None:
    record = {"doc_id": "d", "published": "2025-02-27", "entities": [], "events": [
        event("e1", 0, 50, [actor("KAZ"), actor("KGZ")]),
        event("e2", 60, 90, [actor("KAZ")], date=None),                       # "... after the talks"
        event("e3", 100, 130, [actor("KAZ")], plover="ACCUSE", cameo="112"),  # another type: untouched
    ]}
    record["events"].append(event("e5", 200, 230, [actor(None)]))  # "the two countries' ministers met"
    parties = {x.event_id: x.parties for x in document_mentions(record)}
    assert parties == {"e1": ("KAZ", "KGZ"), "e2": ("KAZ", "KGZ"), "e3": ("KAZ",), "e5": ("KAZ", "KGZ")}
    record["events"].append(event("e4", 140, 180, [actor("KAZ"), actor("UZB")]))  # now ambiguous
    assert {x.event_id: x.parties for x in document_mentions(record)}["e2"] == ("KAZ",)


def doc(doc_id: str, outlet: str, published: str, events: list[dict], text: str | None = None) -> dict:
    return Document.from_dict({"id": doc_id, "doc_id": doc_id, "url": f"https://{outlet.lower()}.example/{doc_id}",
                               "title": None, "outlet": outlet, "published": published, "language": "en",
                               "text": text or f"Report {doc_id}.", "events": events}).to_dict()


def test_a_new_mention_merges_two_stories_and_ids_follow_the_smallest_member() -> None:
    # a and c are meetings of the same pair on the 27th and the 28th: two stories. d is undated and
    # published on the 28th, inside the window of both, so it links them (single linkage: the price
    # of an order-independent relation, see dragoman.stories.matching) - whichever order they arrive in.
    a = doc("a1", "One", "2025-02-27", [event("e1", 0, 9, [actor("KAZ"), actor("KGZ")])])
    c = doc("c1", "Two", "2025-02-28", [event("e1", 0, 9, [actor("KAZ"), actor("KGZ")], date="2025-02-28")])
    d = doc("d1", "Three", "2025-02-28", [event("e1", 0, 9, [actor("KAZ"), actor("KGZ")], date=None)])
    with Store(":memory:") as s:
        s.add([a, c])
        assert s.count_stories() == 2
        s.add([d])
        stories = s.stories()
        assert len(stories) == 1 and stories[0]["num_sources"] == 3
        assert stories[0]["date"] == "2025-02-27"  # ties between days: the earliest
    with Store(":memory:") as s2:
        s2.add([d, c, a])
        assert s2.stories() == stories
