"""engine: local processes and Dask store exactly what a single-process run stores, failures
are still reported per document, and the streaming keeps a bounded number of partitions in flight."""

from __future__ import annotations

import shutil
from concurrent.futures import Future
from pathlib import Path

import pytest
from conftest import SAMPLES

from dragoman.model import RawDocument, ReadFailure
from dragoman.run.ingest import ingest, results
from dragoman.run.partition import partitions

BAD_LINES = ('{"id": "no-text"}\n'
             'this is not json\n'
             '{"id": "good-extra", "text": "Russia and Türkiye held talks in Ankara on Monday.", '
             '"published": "2025-03-03"}\n')


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """The samples plus inputs that fail: a broken feed line, a record without text, an empty file."""
    root = tmp_path_factory.mktemp("inputs")
    shutil.copytree(SAMPLES, root / "samples")
    (root / "samples" / "broken.jsonl").write_text(BAD_LINES, encoding="utf-8")
    (root / "samples" / "empty.txt").write_text("   \n", encoding="utf-8")
    return root / "samples"


def snapshot(db: Path) -> dict[str, list[str]]:
    """Every row of every table, sorted, without ingestion timestamps."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()]
        out = {}
        for table in sorted(tables):
            cols = [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall() if r[1] != "TIMESTAMP"]
            rows = con.execute(f"SELECT {', '.join(repr(c).replace(chr(39), chr(34)) for c in cols)} "
                               f'FROM "{table}"').fetchall()
            out[table] = sorted(map(repr, rows))
        return out
    finally:
        con.close()


def run(inputs: Path, db: Path, **kw):
    result = ingest([str(inputs)], str(db), **kw)
    return result, snapshot(db)


@pytest.fixture(scope="module")
def baseline(inputs, tmp_path_factory):
    return run(inputs, tmp_path_factory.mktemp("one") / "one.duckdb")


def failure_ids(result) -> list[str]:
    return sorted(f.id for f in result.failures)


def test_baseline_has_documents_and_failures(baseline):
    result, tables = baseline
    assert result.added >= 8 and len(tables["documents"]) == result.added
    assert tables["events"], "the samples have events"
    ids = failure_ids(result)
    assert "no-text" in ids and any(i.endswith("broken.jsonl:2") for i in ids) and any(
        i.endswith("empty.txt") for i in ids)


def test_two_local_processes_store_the_same(inputs, baseline, tmp_path):
    result, tables = run(inputs, tmp_path / "two.duckdb", workers=2)
    assert tables == baseline[1]
    assert (result.added, result.skipped) == (baseline[0].added, baseline[0].skipped)
    assert failure_ids(result) == failure_ids(baseline[0])
    again = ingest([str(inputs)], str(tmp_path / "two.duckdb"))     # idempotent across engines
    assert again.added == 0 and again.skipped == result.added


def test_dask_local_cluster_stores_the_same(inputs, baseline, tmp_path):
    pytest.importorskip("distributed")
    result, tables = run(inputs, tmp_path / "dask.duckdb", workers=2, engine="dask")
    assert tables == baseline[1]
    assert failure_ids(result) == failure_ids(baseline[0])


def test_dask_scheduler_address(inputs, baseline, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        result, tables = run(inputs, tmp_path / "sched.duckdb", engine="dask", scheduler=cluster.scheduler_address)
    assert tables == baseline[1]
    assert failure_ids(result) == failure_ids(baseline[0])


# -- streaming, without the model ---------------------------------------------------------------

def test_partitions_cut_by_count_and_characters():
    docs = [RawDocument(id=str(i), text="x" * 10) for i in range(10)] + [ReadFailure("bad", "why")]
    assert [len(p) for p in partitions(docs, max_docs=4, max_chars=1000)] == [4, 4, 3]
    assert [len(p) for p in partitions(docs, max_docs=100, max_chars=25)] == [2, 2, 2, 2, 3]
    huge = [RawDocument(id="big", text="x" * 100), RawDocument(id="small", text="y")]
    assert [len(p) for p in partitions(huge, max_docs=10, max_chars=50)] == [1, 1]


class FakeRunner:
    """Records how many partitions were in flight; partition 1 fails as a whole."""

    slots = 2

    def __init__(self) -> None:
        self.submitted = 0
        self.consumed = 0
        self.peak = 0

    def submit(self, items):
        self.submitted += 1
        self.peak = max(self.peak, self.submitted - self.consumed)
        future: Future = Future()
        if self.submitted == 2:
            future.set_exception(RuntimeError("worker killed"))
        else:
            future.set_result(list(items))
        return future

    def close(self) -> None:
        pass


def test_results_are_ordered_bounded_and_report_lost_partitions():
    runner = FakeRunner()
    docs = (RawDocument(id=str(i), text="t") for i in range(50))
    out = []
    for batch in results(docs, runner, in_flight=3, max_docs=5):
        runner.consumed += 1
        out.extend(batch)
    assert [d.id for d in out] == [str(i) for i in range(50)]
    assert runner.peak <= 3
    lost = [d for d in out if isinstance(d, ReadFailure)]
    assert [d.id for d in lost] == ["5", "6", "7", "8", "9"]
    assert all("worker killed" in d.reason for d in lost)


def test_bad_engine_arguments():
    with pytest.raises(ValueError):
        ingest([], ":memory:", engine="spark")
    with pytest.raises(ValueError):
        ingest([], ":memory:", scheduler="tcp://127.0.0.1:1")


def test_writer_memory_is_capped(monkeypatch):
    from dragoman.run.ingest import _limit_memory
    from dragoman.store import Store

    with Store(":memory:") as store:
        _limit_memory(store)
        capped = store.query("SELECT current_setting('memory_limit') AS v")[0]["v"]
        monkeypatch.setenv("DRAGOMAN_DB_MEMORY", "300MB")
        _limit_memory(store)
        raised = store.query("SELECT current_setting('memory_limit') AS v")[0]["v"]
    assert capped == "244.1 MiB"            # 256 MB (DuckDB shows MiB)
    assert raised == "286.1 MiB"            # 300 MB
