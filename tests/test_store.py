"""The DuckDB store: idempotent, atomic per document, filters as the contract defines them."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dragoman.model import Actor, Document, Entity, Event, Place, Quote, Removed
from dragoman.store import SCHEMA_VERSION, EventFilter, Store, StoreLocked
from dragoman.store import database as store_mod

SCHEMA = Path("/work/shared/schema/document.schema.json")
SRC = str(Path(__file__).resolve().parents[1] / "src")

RUS = Actor.make("Russian Foreign Minister Sergey Lavrov", "Sergey Lavrov", "RUS", "GOV")
USA = Actor.make("US Secretary of State Marco Rubio", "Marco Rubio", "USA", "GOV")
TUR = Actor.make("Turkey", None, "TUR", "GOV")
RUSMIL = Actor.make("Russian forces", None, "RUS", "MIL")
UKR = Actor.make("Ukraine", None, "UKR", None)
ZEL = Actor.make("President Volodymyr Zelensky", "Volodymyr Zelensky", "UKR", "GOV")
ISTANBUL = Place("Istanbul", "Istanbul", "TUR", 41.01, 28.95, 745044, "city")
KHARKIV = Place("Kharkiv", "Kharkiv", "UKR", 49.99, 36.23, 706483, "city")


def _event(eid: str, sentence: int, evidence: str, **kw) -> Event:
    base = dict(id=eid, sentence=sentence, evidence=evidence, start=0, end=len(evidence), trigger=None,
                actors=[], recipients=[], third_parties=[], plover=None, mode=None, contexts=[],
                cameo=None, quad_class=None, goldstein=None, date=None, date_text=None, location=None,
                status="factual", speaker=None, confidence=0.9)
    return Event(**{**base, **kw})


def make_doc(kind: str = "meeting") -> Document:
    """A hand-written document record: the US-Russia meeting in Istanbul, or a Russian assault."""
    if kind == "meeting":
        s0 = "Russian and US delegations met in Istanbul on Thursday, hosted by Turkey."
        s1 = '"The meeting in Istanbul was constructive," Lavrov said, adding talks would resume in March.'
        text = f"{s0} {s1}"
        return Document(
            id="meeting.txt", doc_id="d1meeting0001", url="https://example.org/a", title="Talks in Istanbul",
            outlet="News.Az", published="2025-02-27", language="en", text=text,
            removed=[], entities=[
                Entity("Istanbul", "GPE", None, ISTANBUL, [[37, 45], [len(s0) + 20, len(s0) + 28]]),
                Entity("Lavrov", "PERSON", RUS, None, [[len(s0) + 39, len(s0) + 45]]),
            ],
            events=[
                _event("e1", 0, s0, trigger="met", actors=[RUS, USA], third_parties=[TUR], plover="CONSULT",
                       mode="third-party", contexts=["diplomatic"], cameo="044", quad_class=1, goldstein=1.0,
                       date="2025-02-27", date_text="Thursday", location=ISTANBUL),
                _event("e2", 1, s1, start=len(s0) + 1, end=len(text), trigger="resume", actors=[USA],
                       recipients=[RUS], plover="CONSULT", cameo="036", quad_class=1, goldstein=4.0,
                       date="2025-03-15", date_text="in March", status="future", speaker=RUS, confidence=0.6),
            ],
            quotes=[Quote("The meeting in Istanbul was constructive,", RUS, "said", True,
                          len(s0) + 2, len(s0) + 43, 1)],
        )
    s0 = "Russian forces shelled Kharkiv overnight, Ukraine said."
    s1 = '"Russia must be stopped," President Volodymyr Zelensky wrote.'
    text = f"{s0} {s1}"
    return Document(
        id="assault.txt", doc_id="d2assault0002", url=None, title=None, outlet="Reuters",
        published="2025-03-01", language="en", text=text,
        removed=[Removed("Source: Reuters", "credit")],
        events=[_event("e1", 0, s0, trigger="shelled", actors=[RUSMIL], recipients=[UKR], plover="ASSAULT",
                       contexts=["military"], cameo="195", quad_class=4, goldstein=-10.0, date="2025-03-01",
                       location=KHARKIV)],
        quotes=[Quote("Russia must be stopped,", ZEL, "wrote", True, len(s0) + 2, len(s0) + 25, 1)],
    )


@pytest.fixture
def db(tmp_path: Path) -> Store:
    with Store(tmp_path / "t.duckdb") as s:
        s.add([make_doc("meeting"), make_doc("assault")])
        yield s


def ids(events: list[dict]) -> list[tuple[str, str]]:
    return [(e["doc_id"], e["id"]) for e in events]


M1, M2, A1 = ("d1meeting0001", "e1"), ("d1meeting0001", "e2"), ("d2assault0002", "e1")


def test_fixture_documents_follow_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text())
    for kind in ("meeting", "assault"):
        jsonschema.validate(make_doc(kind).to_dict(), schema)


def test_add_is_idempotent(tmp_path: Path) -> None:
    with Store(tmp_path / "t.duckdb") as s:
        r = s.add([make_doc()])
        assert (r.added, r.skipped, r.failed) == (1, 0, [])
        r = s.add([make_doc()])
        assert (r.added, r.skipped) == (0, 1)
        r = s.add([make_doc("assault"), make_doc("assault")])  # twice within one call
        assert (r.added, r.skipped) == (1, 1)
        assert s.count_documents() == 2
        assert s.count_events() == 3
        assert s.query("SELECT count(*) AS n FROM quotes")[0]["n"] == 2


def test_document_round_trips_exactly(db: Store) -> None:
    for kind in ("meeting", "assault"):
        doc = make_doc(kind)
        assert db.document(doc.doc_id) == doc.to_dict()
        assert Document.from_dict(db.document(doc.doc_id)) == doc
    assert db.has("d1meeting0001") and not db.has("nope")
    assert db.document("nope") is None


def test_events_carry_doc_fields_and_are_ordered_by_date(db: Store) -> None:
    evs = db.events(EventFilter())
    assert ids(evs) == [M1, A1, M2]
    first = evs[0]
    assert first["published"] == "2025-02-27" and first["outlet"] == "News.Az"
    expected = make_doc().to_dict()["events"][0]
    assert {k: v for k, v in first.items() if k not in ("doc_id", "published", "outlet")} == expected
    assert ids(db.events(EventFilter(), limit=1, offset=1)) == [A1]
    assert db.count_events(EventFilter()) == 3


@pytest.mark.parametrize(("flt", "expected"), [
    (EventFilter(actor="RUS"), [M1, A1, M2]),
    (EventFilter(actor="ukr"), [A1]),
    (EventFilter(actor="USAGOV"), [M1, M2]),
    (EventFilter(actor="TUR"), []),  # a host is a third party, not an actor
    (EventFilter(dyad=("USA", "RUS")), [M1, M2]),
    (EventFilter(dyad=("RUS", "USA")), [M1, M2]),
    (EventFilter(dyad="RUS,UKR"), [A1]),
    (EventFilter(dyad=("RUS", "TUR")), []),  # third parties do not make a dyad
    (EventFilter(since="2025-02-27", until="2025-02-27"), [M1]),
    (EventFilter(since="2025-03-01"), [A1, M2]),
    (EventFilter(until="2025-03-01"), [M1, A1]),
    (EventFilter(plover="ASSAULT"), [A1]),
    (EventFilter(plover="consult"), [M1, M2]),
    (EventFilter(cameo="04"), [M1]),
    (EventFilter(cameo="19"), [A1]),
    (EventFilter(cameo="0441"), []),
    (EventFilter(status="future"), [M2]),
    (EventFilter(actor="RUS", status="factual", since="2025-02-28"), [A1]),
    (EventFilter(actor="XYZ"), []),  # unknown: empty, not an error
    (EventFilter(plover="NOSUCHTYPE"), []),
])
def test_event_filters(db: Store, flt: EventFilter, expected: list) -> None:
    assert ids(db.events(flt)) == expected
    assert db.count_events(flt) == len(expected)


@pytest.mark.parametrize("kwargs", [
    {"actor": "RU"}, {"actor": "R-S"}, {"dyad": ("USA",)}, {"dyad": "USA;RUS"}, {"since": "2025-2-27"},
    {"until": "27/02/2025"}, {"since": "2025-02-30"}, {"cameo": "4"}, {"cameo": "04a"},
    {"plover": "CON SULT"}, {"status": "fact'ual"},
])
def test_malformed_filters_raise_value_error(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        EventFilter(**kwargs)


def test_bad_paging_raises(db: Store) -> None:
    with pytest.raises(ValueError):
        db.events(EventFilter(), limit=-1)


def test_quotes(db: Store) -> None:
    assert [q["speaker"]["name"] for q in db.quotes()] == ["Sergey Lavrov", "Volodymyr Zelensky"]
    assert [q["doc_id"] for q in db.quotes(speaker="lavrov")] == ["d1meeting0001"]
    assert len(db.quotes(speaker="rusgov")) == 1
    assert len(db.quotes(speaker="ZEL")) == 1
    assert len(db.quotes(q="constructive")) == 1
    assert len(db.quotes(q="ISTANBUL meeting")) == 1
    assert db.quotes(q="construct") == []  # whole words
    assert db.quotes(speaker="nobody") == [] and db.count_quotes(speaker="nobody") == 0
    q = db.quotes(speaker="Zelensky")[0]
    assert {k: v for k, v in q.items() if k not in ("doc_id", "published", "outlet")} == \
        make_doc("assault").to_dict()["quotes"][0]


def test_analyst_tables(db: Store) -> None:
    rows = db.query("SELECT role, code FROM event_actors WHERE doc_id = ? AND event_id = 'e1' "
                    "ORDER BY role, position", ["d1meeting0001"])
    assert [(r["role"], r["code"]) for r in rows] == [("actor", "RUSGOV"), ("actor", "USAGOV"),
                                                      ("third_party", "TURGOV")]
    ev = db.query('SELECT cameo_root, location_name, "end", contexts FROM events WHERE plover = ?',
                  ["ASSAULT"])[0]
    end = make_doc("assault").events[0].end
    assert ev == {"cameo_root": "19", "location_name": "Kharkiv", "end": end, "contexts": ["military"]}
    assert db.query("SELECT n_mentions FROM entities WHERE text = 'Istanbul'")[0]["n_mentions"] == 2
    assert db.query("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"] == SCHEMA_VERSION


def test_read_only_store_can_query(tmp_path: Path) -> None:
    path = tmp_path / "t.duckdb"
    with Store(path) as s:
        s.add([make_doc()])
    with Store(path, read_only=True) as ro:
        assert ro.count_events(EventFilter(actor="RUS")) == 2
        assert ro.document("d1meeting0001") == make_doc().to_dict()
        with pytest.raises(RuntimeError):
            ro.add([make_doc("assault")])
    with pytest.raises(FileNotFoundError):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_second_writer_gets_store_locked(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); sys.stdin.read()",
         str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked, match="locked.duckdb"):
            Store(path)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    Store(path).close()  # free again once the holder is gone


def _fail_on(monkeypatch: pytest.MonkeyPatch, doc_id: str | None = None) -> None:
    """Makes writing quotes (after documents, events and event_actors) fail for ``doc_id`` (or all)."""
    real = store_mod.insert_rows

    def insert(cur, table, rows):
        if table == "quotes" and (doc_id is None or any(r[0] == doc_id for r in rows)):
            raise RuntimeError("disk on fire")
        real(cur, table, rows)

    monkeypatch.setattr(store_mod, "insert_rows", insert)


def _rows_of(s: Store, doc_id: str) -> int:
    return sum(s.query(f"SELECT count(*) AS n FROM {t} WHERE doc_id = ?", [doc_id])[0]["n"]
               for t in ("documents", "events", "event_actors", "quotes", "entities"))


def test_failed_insert_leaves_nothing_and_next_add_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "t.duckdb") as s:
        _fail_on(monkeypatch)
        r = s.add([make_doc()])
        assert r.added == 0 and [d for d, _ in r.failed] == ["d1meeting0001"]
        assert "disk on fire" in r.failed[0][1]
        assert not s.has("d1meeting0001") and _rows_of(s, "d1meeting0001") == 0
        monkeypatch.undo()
        r = s.add([make_doc()])
        assert (r.added, r.skipped, r.failed) == (1, 0, [])
        assert s.count_events() == 2


def test_one_failing_document_does_not_lose_its_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "t.duckdb") as s:
        _fail_on(monkeypatch, "d2assault0002")
        r = s.add([make_doc("meeting"), make_doc("assault")])
        assert r.added == 1 and [d for d, _ in r.failed] == ["d2assault0002"]
        assert s.has("d1meeting0001") and _rows_of(s, "d2assault0002") == 0
        monkeypatch.undo()
        r = s.add([make_doc("meeting"), make_doc("assault")])
        assert (r.added, r.skipped) == (1, 1)


def test_crash_mid_document_leaves_no_half_document(tmp_path: Path) -> None:
    path = tmp_path / "crash.duckdb"
    script = textwrap.dedent(f"""
        import os, sys
        sys.path[:0] = [{SRC!r}, {str(Path(__file__).parent)!r}]
        from dragoman.store import database as store
        from test_store import make_doc
        real = store.insert_rows
        def insert(cur, table, rows):
            if table == "quotes":
                os._exit(3)  # the process dies inside the transaction
            real(cur, table, rows)
        store.insert_rows = insert
        store.Store({str(path)!r}).add([make_doc()])
    """)
    assert subprocess.run([sys.executable, "-c", script], timeout=60).returncode == 3
    with Store(path) as s:
        assert not s.has("d1meeting0001") and _rows_of(s, "d1meeting0001") == 0
        assert s.add([make_doc()]).added == 1
