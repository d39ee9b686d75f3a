"""Scoring stories as a clustering of documents (ECB+-style gold: documents of one ``cluster`` report one
real happening).

Gold rows (one JSON object a line): ``{"id", "text", "cluster", "title"?, "date"? (YYYY-MM-DD), "topic"?}``.
``run`` extracts the documents, stores them in a temporary database (``published`` from ``date``, and the
``title``), and reads back how the store grouped them.

A document's **predicted cluster**:

- ``thread`` (the default, when the store has threads): the document's thread — the stories and
  documents of one affair, linked across documents by their text, names, time and coded events
  (``dragoman.stories.threads``). Every stored document has one, with or without coded events.
- ``story``: the story holding most of the document's mentions (ties: the smallest story id).
- A document with neither (no event, no thread) is a cluster of its own (a singleton).

Documents with the same text are one stored document (``doc_id`` is a content hash): they get the same
predicted cluster, as they should.

Measures (the usual ones for cross-document event coreference at the document level):

- **B-cubed**: per document, precision = |its predicted cluster ∩ its gold cluster| / |predicted cluster|,
  recall = the same over |gold cluster|; averaged over documents.
- **pairwise**: over unordered pairs of documents, "same cluster" predicted vs gold.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Report:
    documents: int
    gold_clusters: int
    predicted_clusters: int
    bcubed_precision: float
    bcubed_recall: float
    pairwise_precision: float
    pairwise_recall: float
    singletons: int = 0                 # documents alone in their predicted cluster
    level: str = "thread"
    extra: list[str] = field(default_factory=list)  # other lines to print (e.g. the story level)

    @staticmethod
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def bcubed_f1(self) -> float:
        return self.f1(self.bcubed_precision, self.bcubed_recall)

    @property
    def pairwise_f1(self) -> float:
        return self.f1(self.pairwise_precision, self.pairwise_recall)


def score(gold_rows: Sequence[dict[str, Any]], predicted: dict[str, Any], level: str = "thread") -> Report:
    """B-cubed and pairwise scores of ``predicted`` (document id → cluster id) against the rows' ``cluster``.

    A gold document missing from ``predicted`` is a singleton."""
    gold = {str(r["id"]): str(r["cluster"]) for r in gold_rows}
    system = {d: ("\x00doc", d) if predicted.get(d) is None else ("c", str(predicted[d])) for d in gold}
    keys = list(gold)
    if not keys:
        return Report(0, 0, 0, 1.0, 1.0, 1.0, 1.0, level=level)
    g_size = Counter(gold.values())
    s_size = Counter(system.values())
    both = Counter((gold[k], system[k]) for k in keys)
    bp = sum(both[(gold[k], system[k])] / s_size[system[k]] for k in keys) / len(keys)
    br = sum(both[(gold[k], system[k])] / g_size[gold[k]] for k in keys) / len(keys)
    pairs_both = sum(n * (n - 1) // 2 for n in both.values())
    pairs_sys = sum(n * (n - 1) // 2 for n in s_size.values())
    pairs_gold = sum(n * (n - 1) // 2 for n in g_size.values())
    pp = pairs_both / pairs_sys if pairs_sys else 1.0
    pr = pairs_both / pairs_gold if pairs_gold else 1.0
    return Report(len(keys), len(g_size), len(s_size), bp, br, pp, pr,
                  singletons=sum(1 for n in s_size.values() if n == 1), level=level)


def majority_story(rows: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(doc_id, story_id) per mention → each document's story holding most of its mentions (ties: smallest id)."""
    counts: dict[str, Counter] = {}
    for doc_id, story_id in rows:
        counts.setdefault(doc_id, Counter())[story_id] += 1
    return {d: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for d, c in counts.items()}


def store_clusters(store: Any, level: str = "thread") -> dict[str, str]:
    """doc_id → predicted cluster id of every clustered document of ``store`` (see the module docstring)."""
    if level == "thread":
        tables = {r["table_name"] for r in store.query("SELECT table_name FROM information_schema.tables")}
        if "doc_threads" in tables:
            return {r["doc_id"]: r["thread_id"] for r in store.query("SELECT doc_id, thread_id FROM doc_threads")}
    rows = store.query("SELECT doc_id, story_id FROM story_mentions")
    return majority_story((r["doc_id"], r["story_id"]) for r in rows)


def input_record(row: dict[str, Any]) -> dict[str, Any]:
    """The ingest input record of a gold row: id, text, ``published`` from ``date``, title."""
    item = {"id": str(row["id"]), "text": row.get("text") or ""}
    if row.get("date"):
        item["published"] = str(row["date"])[:10]
    if row.get("title"):
        item["title"] = row["title"]
    return item


def load(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score_records(gold_rows: Sequence[dict[str, Any]], records: Iterable[dict[str, Any]],
                  db: str | None = None) -> Report:
    """Stores document ``records`` (their ``id`` = the gold row's id) in a database (temporary unless ``db``)
    and scores its threads, with the story level as an extra line."""
    from dragoman.store import Store

    records = list(records)
    doc_of = {str(r["id"]): r["doc_id"] for r in records}
    with tempfile.TemporaryDirectory() as tmp, Store(db or os.path.join(tmp, "clusters.duckdb")) as store:
        store.add(records)
        levels = {level: store_clusters(store, level) for level in ("thread", "story")}
    reports = {level: score(gold_rows, {g: clusters.get(d) for g, d in doc_of.items()}, level)
               for level, clusters in levels.items()}
    main = reports["thread"]
    story = reports["story"]
    main.extra.append(f"story level (a document in the story holding most of its mentions): "
                      f"B-cubed P {story.bcubed_precision:.3f} R {story.bcubed_recall:.3f} F1 {story.bcubed_f1:.3f}; "
                      f"pairwise P {story.pairwise_precision:.3f} R {story.pairwise_recall:.3f} "
                      f"F1 {story.pairwise_f1:.3f}; {story.predicted_clusters} clusters")
    unextracted = sum(1 for r in gold_rows if str(r["id"]) not in doc_of)
    if unextracted:
        main.extra.append(f"documents that could not be extracted (singletons): {unextracted}")
    return main


def run(path: str, predict=None) -> Report:
    """Extracts and stores the gold documents of ``path``, then scores the stored clustering.
    ``predict`` defaults to :func:`dragoman.extract_records` (input records in, document records out)."""
    if predict is None:
        from dragoman import extract_records as predict

    rows = load(path)
    return score_records(rows, predict(input_record(r) for r in rows))


def format_report(report: Report) -> str:
    lines = [
        f"documents: {report.documents}; gold clusters: {report.gold_clusters}; "
        f"predicted clusters ({report.level}): {report.predicted_clusters}, of them singletons: {report.singletons}",
        f"B-cubed   precision {report.bcubed_precision:.3f}  recall {report.bcubed_recall:.3f}  F1 {report.bcubed_f1:.3f}",
        f"pairwise  precision {report.pairwise_precision:.3f}  recall {report.pairwise_recall:.3f}  "
        f"F1 {report.pairwise_f1:.3f}",
    ]
    return "\n".join(lines + report.extra)
