"""Crash safety of ``dragoman ingest``: killed with SIGKILL at any moment and run again, the database
opens, holds no half-written document, and ends with exactly the records (and stories) of a clean run;
two ingests at once on one database: the second fails with a clear message and nothing is corrupted.

Kill points. Five are deterministic: a tiny wrapper runs the real command line (``dragoman.cli.main.main``)
with one library function wrapped to send the process SIGKILL at a chosen moment (no hook in the
product code). The engine is made to cut partitions of 8 documents, so the 30-document corpus is
written in four transactions and a kill can fall between or inside them:

- ``opened``: the database has just been created and its schema committed, nothing else;
- ``mid-insert``: inside the second write transaction, after documents/events rows, before quotes;
- ``mid-linking``: inside the third transaction, rows inserted but stories not yet linked;
- ``after-commit``: right after the second transaction committed (in the WAL, not checkpointed);
- ``before-close``: everything committed, the process dies instead of closing (no checkpoint).

Two more are external ``kill -9`` from this process at times that fall wherever they fall: early
(during start-up, usually before the database exists) and once the database file has appeared.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dragoman.store import TABLES, Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

PEOPLE = [("Russia", "Russian", "Moscow"), ("Türkiye", "Turkish", "Ankara"), ("Armenia", "Armenian", "Yerevan"),
          ("Azerbaijan", "Azerbaijani", "Baku"), ("Georgia", "Georgian", "Tbilisi"), ("Qatar", "Qatari", "Doha"),
          ("Egypt", "Egyptian", "Cairo"), ("Ukraine", "Ukrainian", "Kyiv")]
VERBS = ["met in {city} on Monday to discuss the border", "signed a trade agreement in {city} on Tuesday",
         "accused each other of shelling villages near {city}", "agreed in {city} to resume talks next month"]


def write_corpus(folder: Path, n: int = 30) -> Path:
    """``n`` short articles (written here, plus the samples) and two unreadable files."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n - 6):
        a, b = PEOPLE[i % len(PEOPLE)], PEOPLE[(i * 3 + 1) % len(PEOPLE)]
        if a == b:
            b = PEOPLE[(i + 1) % len(PEOPLE)]
        verb = VERBS[i % len(VERBS)].format(city=b[2])
        text = (f"{a[1]} and {b[1]} officials {verb}, the foreign ministry of {a[0]} said in report {i}.\n\n"
                f'"We will continue to work together," the {a[1]} foreign minister told reporters in {a[2]}.')
        (folder / f"article-{i:02d}.txt").write_text(text, encoding="utf-8")
    for sample in sorted(SAMPLES.glob("*.txt")) + sorted(SAMPLES.glob("*.jsonl")):
        (folder / sample.name).write_bytes(sample.read_bytes())
    (folder / "zz-empty.txt").write_bytes(b"")
    (folder / "zz-latin1.txt").write_bytes("Talks in Genève resumed.".encode("latin-1"))
    return folder


WRAPPER = textwrap.dedent("""
    import functools, os, signal, sys
    from dragoman import cli
    from dragoman.run import ingest as engine, partition
    from dragoman.stories import linking
    from dragoman.store import database as store

    point = os.environ["DRAGOMAN_TEST_KILL_AT"]
    engine.partitions = functools.partial(partition.partitions, max_docs=8)
    count = {}

    def die():
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    def nth(key, n):
        count[key] = count.get(key, 0) + 1
        return count[key] == n

    if point == "opened":
        real_init = store.Store._init_schema
        def init(self):
            real_init(self)
            die()
        store.Store._init_schema = init
    elif point == "mid-insert":
        real_insert = store.insert_rows
        def insert(cur, table, rows):
            if table == "quotes" and rows and nth("quotes", 2):
                die()
            real_insert(cur, table, rows)
        store.insert_rows = insert
    elif point == "mid-linking":
        real_link = linking.link
        def link(cur, records, insert, *args, **kw):
            if nth("link", 3):
                die()
            return real_link(cur, records, insert, *args, **kw)
        linking.link = link
    elif point == "after-commit":
        real_write = store.Store._write
        def write(self, cur, docs):
            real_write(self, cur, docs)
            if nth("write", 2):
                die()
        store.Store._write = write
    elif point == "before-close":
        def close(self):
            die()
        store.Store.close = close
    sys.exit(cli.main(["ingest", *sys.argv[1:]]))
""")

DETERMINISTIC = ["opened", "mid-insert", "mid-linking", "after-commit", "before-close"]
EXTERNAL = ["external-early", "external-db-appeared"]


def _ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "dragoman", "ingest", str(corpus), "--db", str(db)]


def _killed_run(point: str, corpus: Path, db: Path) -> tuple[str, int, str]:
    """Runs ingest until it is killed at ``point``; (point, return code, stderr)."""
    env = {**os.environ, "DRAGOMAN_TEST_KILL_AT": point}
    if point in DETERMINISTIC:
        proc = subprocess.run([sys.executable, "-c", WRAPPER, str(corpus), "--db", str(db)], env=env,
                              capture_output=True, text=True, timeout=300)
        return point, proc.returncode, proc.stderr
    proc = subprocess.Popen(_ingest_cmd(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if point == "external-early":
        time.sleep(0.3)
    else:
        deadline = time.monotonic() + 120
        while not db.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=60)
    return point, proc.returncode, err


def _doc_tables() -> list[str]:
    return [t for t, cols in TABLES.items() if any(c == "doc_id" for c, _ in cols) and t != "documents"]


def assert_consistent(db: Path, clean: dict[str, dict]) -> int:
    """No half-written document: each stored one has all its rows, nothing refers to a missing
    document, and each record is the clean run's. Returns the number of documents stored."""
    if not db.exists():
        return 0
    if not _tables(db):
        return 0        # killed after creating the file, before the schema was committed: empty
    with Store(db, read_only=True) as store:
        records = {r["doc_id"]: json.loads(r["record"]) for r in store.query("SELECT doc_id, record FROM documents")}
        for table in _doc_tables():
            orphans = store.query(f"SELECT count(*) AS n FROM {table} t WHERE NOT EXISTS "
                                  "(SELECT 1 FROM documents d WHERE d.doc_id = t.doc_id)")[0]["n"]
            assert orphans == 0, f"{table} has {orphans} rows of documents that are not stored"
        for doc_id, record in records.items():
            assert record == clean[doc_id], f"stored record of {doc_id} differs from a clean run's"
            counts = {t: store.query(f"SELECT count(*) AS n FROM {t} WHERE doc_id = ?", [doc_id])[0]["n"]
                      for t in ("events", "quotes", "entities", "event_actors", "story_mentions")}
            parties = sum(len(e[k]) for e in record["events"] for k in ("actors", "recipients", "third_parties"))
            assert counts == {"events": len(record["events"]), "quotes": len(record["quotes"]),
                              "entities": len(record["entities"]), "event_actors": parties,
                              "story_mentions": len(record["events"])}, (doc_id, counts)
        return len(records)


def _tables(db: Path) -> list[str]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]


def stored(db: Path) -> tuple[dict[str, dict], list[dict]]:
    with Store(db, read_only=True) as store:
        ids = [r["doc_id"] for r in store.query("SELECT doc_id FROM documents ORDER BY doc_id")]
        return {d: store.document(d) for d in ids}, store.stories()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash") / "corpus")


@pytest.fixture(scope="module")
def clean_run(corpus, tmp_path_factory) -> tuple[dict[str, dict], list[dict]]:
    from dragoman.run.ingest import ingest

    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    result = ingest([str(corpus)], str(db))
    reasons = {Path(f.id).name: f.reason for f in result.failures}
    assert set(reasons) == {"zz-empty.txt", "zz-latin1.txt"}, reasons
    assert reasons["zz-empty.txt"] == "empty document" and reasons["zz-latin1.txt"].startswith("not valid UTF-8")
    records, stories = stored(db)
    assert len(records) >= 28
    return records, stories


def test_kill_at_any_point_then_rerun_gives_the_clean_records(corpus, clean_run, tmp_path):
    from dragoman.run.ingest import ingest

    clean_records, clean_stories = clean_run
    points = DETERMINISTIC + EXTERNAL
    dbs = {p: tmp_path / f"{p}.duckdb" for p in points}
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda p: _killed_run(p, corpus, dbs[p]), points))
    partial = {}
    for point, code, err in runs:
        assert code == -signal.SIGKILL, (point, code, err)
        assert "Traceback" not in err, (point, err)
        partial[point] = assert_consistent(dbs[point], clean_records)      # opens; nothing half-written
    # where the deterministic points fall: nothing, some partitions, or everything committed
    assert partial["opened"] == 0
    assert 0 < partial["mid-insert"] < len(clean_records)
    assert partial["mid-insert"] < partial["mid-linking"] < len(clean_records)
    assert partial["after-commit"] == partial["mid-linking"]             # two partitions of 8 (+ repeats)
    assert partial["before-close"] == len(clean_records)
    for point in points:
        result = ingest([str(corpus)], str(dbs[point]))                   # run it again
        assert {f.id.rsplit("/", 1)[-1] for f in result.failures} == {"zz-empty.txt", "zz-latin1.txt"}
        assert result.added + result.skipped >= len(clean_records) - partial[point]
        records, stories = stored(dbs[point])
        assert records == clean_records, point                            # exactly the clean records
        assert stories == clean_stories, point                            # and the same stories
        assert assert_consistent(dbs[point], clean_records) == len(clean_records)


def test_two_ingests_at_once_the_second_fails_clearly(corpus, clean_run, tmp_path):
    clean_records, _ = clean_run
    db = tmp_path / "shared.duckdb"
    first = subprocess.Popen(_ingest_cmd(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not db.exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    second = subprocess.run(_ingest_cmd(corpus, db), capture_output=True, text=True, timeout=300)
    overlapped = first.poll() is None
    _, first_err = first.communicate(timeout=300)
    assert first.returncode == 1 and "Traceback" not in first_err      # 1: the two unreadable files
    assert "Traceback" not in second.stderr
    assert overlapped, "the first ingest finished before the second started; the test proves nothing"
    assert second.returncode == 1
    assert "is locked by another process" in second.stderr and str(db) in second.stderr
    records, _ = stored(db)
    assert records == clean_records
    assert assert_consistent(db, clean_records) == len(clean_records)
