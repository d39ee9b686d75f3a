"""The progress line of ``dragoman ingest`` and ``dragoman export``: drawn on a terminal with the counts,
silent on anything else (or with ``--quiet``), fed by ``run.ingest``'s optional callback, and the
commands' summary lines unchanged; plus the cheap count of input documents behind its total."""

from __future__ import annotations

import io
import json
import re

import pytest

from dragoman.cli.progress import Progress
from dragoman.read.count import count_documents

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _screen(raw: str) -> str:
    """The last state of each carriage-return-separated draw, escape codes removed."""
    return ANSI.sub("", raw)


def test_a_terminal_sees_the_counts_the_total_and_the_rate():
    out = io.StringIO()
    with Progress("ingest", total=10, stream=out, force_terminal=True) as bar:
        bar._bar.mininterval = 0            # draw every update (tqdm otherwise waits 0.2 s)
        bar.update(read=4, stored=3, failed=1, words=1200)
        bar.update(read=4, stored=2, skipped=2, words=800)
    text = _screen(out.getvalue())
    assert "8/10 documents read" in text
    assert "stored 5" in text and "failed 1" in text and "already present 2" in text
    assert "words/s" in text and "80%" in text
    assert text.endswith("\r")              # the line is cleared at the end: the summary prints as before
    assert bar.counts == {"read": 8, "stored": 5, "skipped": 2, "failed": 1, "words": 2000}


def test_an_unknown_total_shows_running_counts():
    out = io.StringIO()
    with Progress("ingest", stream=out, force_terminal=True) as bar:
        bar._bar.mininterval = 0
        bar.update(read=32, stored=32, words=9000)
    text = _screen(out.getvalue())
    assert "32 documents read" in text and "stored 32" in text and "%" not in text


def test_other_labels_and_a_stage():
    out = io.StringIO()
    with Progress("export", total=6, unit="stories", labels={"stored": "rows", "failed": None}, words=False,
                  stream=out, force_terminal=True) as bar:
        bar._bar.mininterval = 0
        bar.stage("polecat")
        bar.update(read=3, stored=7)
    text = _screen(out.getvalue())
    assert "export polecat:" in text and "3/6 stories" in text and "rows 7" in text
    assert "failed" not in text and "words/s" not in text


@pytest.mark.parametrize("quiet", [False, True])
def test_not_a_terminal_or_quiet_draws_nothing(quiet):
    out = io.StringIO()                     # a StringIO is not a terminal
    with Progress("ingest", total=5, stream=out, quiet=quiet) as bar:
        bar.update(read=5, stored=5, words=100)
    assert out.getvalue() == "" and not bar.enabled
    assert bar.counts["read"] == 5          # counting still works (a caller may read it)
    forced = io.StringIO()
    with Progress("ingest", stream=forced, force_terminal=True, quiet=True) as bar:
        bar.update(read=1)
    assert forced.getvalue() == ""          # --quiet wins over everything


def test_lines_printed_meanwhile_go_above_the_bar(monkeypatch):
    import sys

    out = io.StringIO()
    monkeypatch.setattr(sys, "stderr", out)
    with Progress("ingest", total=2, stream=sys.stderr, force_terminal=True) as bar:
        bar._bar.mininterval = 0
        print("dragoman: bad.txt: binary file", file=sys.stderr)
        bar.update(read=1, failed=1)
    assert sys.stderr is out
    raw = _screen(out.getvalue())
    assert "\rdragoman: bad.txt: binary file\n" in raw         # the bar was cleared first, then redrawn
    assert raw.index("binary file") < raw.rindex("1/2 documents read")


# -- the count of input documents -----------------------------------------------------------------

def test_count_documents(tmp_path):
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>two</p>", encoding="utf-8")
    lines = [json.dumps({"id": str(i), "text": "x"}) for i in range(5)]
    (tmp_path / "c.jsonl").write_text("\n".join(lines[:3]) + "\n\n  \n" + "\n".join(lines[3:]), encoding="utf-8")
    assert count_documents([str(tmp_path)]) == 7
    assert count_documents([str(tmp_path / "c.jsonl"), str(tmp_path / "missing.txt")]) == 6
    assert count_documents(["-"]) is None                         # standard input: unknown
    (tmp_path / "feed.rss").write_text("<rss/>", encoding="utf-8")
    assert count_documents([str(tmp_path)]) is None                # a feed must be parsed to count
    assert count_documents([str(tmp_path / "c.jsonl")], budget=-1) is None   # over its time budget


def test_count_documents_agrees_with_the_reader(tmp_path):
    from dragoman.read import iter_raw

    rows = [json.dumps({"id": "1", "text": "a"}), "{broken", "", json.dumps({"id": "2", "html": "<p>b</p>"})]
    (tmp_path / "x.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "y.txt").write_bytes(b"\x00binary")
    paths = [str(tmp_path)]
    assert count_documents(paths) == sum(1 for _ in iter_raw(paths)) == 4


# -- fed by the ingest, summary unchanged -----------------------------------------------------------

ARTICLE = "Russian and Turkish diplomats met in Ankara on Monday. The talks lasted four hours."


def test_ingest_reports_each_partition_to_the_callback(tmp_path):
    from dragoman.run.ingest import ingest

    data = tmp_path / "in.jsonl"
    data.write_text("\n".join([json.dumps({"id": "a", "text": ARTICLE, "published": "2025-03-10"}),
                               json.dumps({"id": "b", "text": ARTICLE, "published": "2025-03-10"}),
                               "{not json"]) + "\n", encoding="utf-8")
    calls: list[dict] = []
    result = ingest([str(data)], str(tmp_path / "db.duckdb"), progress=lambda **kw: calls.append(kw))
    total = {k: sum(c[k] for c in calls) for k in ("read", "stored", "skipped", "failed", "words")}
    assert total == {"read": 3, "stored": 1, "skipped": 1, "failed": 1, "words": 2 * len(ARTICLE.split())}
    assert (result.added, result.skipped, len(result.failures)) == (1, 1, 1)
    again = ingest([str(data)], str(tmp_path / "db.duckdb"))      # no callback: the same as before
    assert (again.added, again.skipped, len(again.failures)) == (0, 2, 1)


def test_the_commands_print_only_their_summaries_off_a_terminal(tmp_path, capsys):
    from dragoman.cli.main import main

    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "a", "text": ARTICLE, "published": "2025-03-10"}) + "\n", encoding="utf-8")
    db = tmp_path / "db.duckdb"
    assert main(["ingest", str(data), "--db", str(db)]) == 0
    assert capsys.readouterr().err == f"dragoman: 1 documents stored, 0 already present, 0 failed ({db})\n"
    assert main(["ingest", str(data), "--db", str(db), "--quiet"]) == 0
    assert capsys.readouterr().err == f"dragoman: 0 documents stored, 1 already present, 0 failed ({db})\n"
    assert main(["export", "--db", str(db), "--gdelt-mentions", str(tmp_path / "m.tsv"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert re.fullmatch(r"dragoman: \d+ GDELT mention rows\n", err), err


def test_export_reports_stories_and_rows(tmp_path):
    from dragoman.export import PASSES, export_parquet
    from dragoman.run.ingest import ingest
    from dragoman.store import Store

    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "a", "text": ARTICLE, "published": "2025-03-10"}) + "\n", encoding="utf-8")
    ingest([str(data)], str(tmp_path / "db.duckdb"))
    calls: list[dict] = []
    stages: list[str] = []
    with Store(tmp_path / "db.duckdb", read_only=True) as store:
        stories = store.count_stories()
        counts = export_parquet(store, tmp_path / "pq", progress=lambda **kw: calls.append(kw), stage=stages.append)
    assert sum(c["read"] for c in calls) == PASSES * stories
    assert sum(c["stored"] for c in calls) == counts["gdelt_events"] + counts["gdelt_mentions"] + counts["polecat"]
    assert stages[-3:] == ["gdelt_events", "gdelt_mentions", "polecat"] and "documents" in stages


def test_eval_counts_the_documents_it_scores(tmp_path, capsys):
    import json

    from dragoman.cli.eval import counted
    from dragoman.cli.main import main
    from dragoman.evaluate import events as scorer

    gold = tmp_path / "gold.jsonl"
    rows = [{"id": f"s{n}", "text": "Kenyan and Ethiopian ministers met in Nairobi on Monday.", "published": "2025-03-06",
             "expected": [{"actors": ["KEN"], "recipients": ["ETH"], "cameo": "040", "plover": "CONSULT"}]}
            for n in range(3)]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = io.StringIO()
    with Progress("eval", total=3, stream=out, force_terminal=True, labels={"stored": None, "failed": None}) as bar:
        report = scorer.run(str(gold), predict=counted(bar))
        assert bar.counts["read"] == 3 and bar.counts["words"] == 3 * 9
    assert "/3 documents read" in out.getvalue()        # drawn with its total (tqdm redraws at most 5/s)
    assert scorer.format_report(report)
    assert main(["eval", str(gold)]) == 0          # not a terminal: the report only, no progress line
    captured = capsys.readouterr()
    assert "PLOVER type accuracy" in captured.out and "documents read" not in captured.err
