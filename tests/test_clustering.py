"""evaluate.clustering: B-cubed and pairwise scores of the documents' clustering, on hand-made records."""

from __future__ import annotations

import pytest

from dragoman.evaluate import clustering
from dragoman.model import Document

GOLD = [{"id": "a", "cluster": "x"}, {"id": "b", "cluster": "x"}, {"id": "c", "cluster": "x"},
        {"id": "d", "cluster": "y"}, {"id": "e", "cluster": "y"}]


def test_perfect_and_all_singletons() -> None:
    perfect = clustering.score(GOLD, {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2})
    assert (perfect.bcubed_precision, perfect.bcubed_recall, perfect.bcubed_f1) == (1.0, 1.0, 1.0)
    assert (perfect.pairwise_precision, perfect.pairwise_recall) == (1.0, 1.0)
    alone = clustering.score(GOLD, {})  # no document clustered: each is a singleton
    assert alone.bcubed_precision == 1.0 and alone.bcubed_recall == pytest.approx((3 * 1 / 3 + 2 * 1 / 2) / 5)
    assert alone.pairwise_precision == 1.0 and alone.pairwise_recall == 0.0
    assert alone.predicted_clusters == alone.singletons == 5


def test_one_merged_cluster() -> None:
    merged = clustering.score(GOLD, dict.fromkeys("abcde", "all"))
    assert merged.bcubed_recall == 1.0
    assert merged.bcubed_precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
    assert merged.pairwise_precision == pytest.approx(4 / 10) and merged.pairwise_recall == 1.0


def test_partial_clustering_by_hand() -> None:
    # predicted {a, b}, {c, d}, {e}: B-cubed precision (1 + 1 + 1/2 + 1/2 + 1) / 5
    r = clustering.score(GOLD, {"a": 1, "b": 1, "c": 2, "d": 2, "e": None})
    assert r.bcubed_precision == pytest.approx(4 / 5)
    assert r.bcubed_recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 / 2 + 1 / 2) / 5)
    assert r.pairwise_precision == pytest.approx(1 / 2) and r.pairwise_recall == pytest.approx(1 / 4)
    assert "B-cubed" in clustering.format_report(r)


def test_majority_story_breaks_ties_by_smallest_id() -> None:
    rows = [("d1", "s2"), ("d1", "s1"), ("d2", "s3"), ("d2", "s3"), ("d2", "s1")]
    assert clustering.majority_story(rows) == {"d1": "s1", "d2": "s3"}


def test_input_record_takes_date_and_title() -> None:
    row = {"id": 7, "text": "T.", "date": "2009-02-03", "title": "Head", "cluster": "c"}
    assert clustering.input_record(row) == {"id": "7", "text": "T.", "published": "2009-02-03", "title": "Head"}
    assert "published" not in clustering.input_record({"id": "x", "text": "T.", "date": None, "cluster": "c"})


def _actor(country: str) -> dict:
    return {"text": country, "name": None, "country": country, "sector": "GOV", "code": country + "GOV"}


def _record(doc_id: str, published: str | None, events: list[dict], text: str) -> dict:
    return Document.from_dict({"id": doc_id, "doc_id": "h-" + doc_id, "url": None, "title": None, "outlet": None,
                               "published": published, "language": "en", "text": text,
                               "events": events}).to_dict()


def _event(eid: str, parties: tuple[str, str], date: str) -> dict:
    return {"id": eid, "sentence": 0, "evidence": "", "start": 0, "end": 5, "trigger": None,
            "actors": [_actor(parties[0])], "recipients": [_actor(parties[1])], "third_parties": [],
            "plover": "CONSULT", "mode": None, "contexts": [], "cameo": "040", "quad_class": 1, "goldstein": 1.0,
            "date": date, "date_text": None, "location": None, "status": "factual", "speaker": None,
            "confidence": 0.9}


def test_score_records_reads_the_stores_clusters() -> None:
    gold = [{"id": "a", "cluster": "talks"}, {"id": "b", "cluster": "talks"}, {"id": "c", "cluster": "other"}]
    records = [
        _record("a", "2025-02-27", [_event("e1", ("KAZ", "KGZ"), "2025-02-27")], "Talks in Astana."),
        _record("b", "2025-02-27", [_event("e1", ("KAZ", "KGZ"), "2025-02-27")], "Ministers met in Astana."),
        _record("c", "2025-03-20", [_event("e1", ("ARM", "AZE"), "2025-03-20")], "Another meeting."),
    ]
    report = clustering.score_records(gold, records)
    assert (report.bcubed_precision, report.bcubed_recall) == (1.0, 1.0)
    assert report.documents == 3 and report.predicted_clusters == 2
    assert any(line.startswith("story level") for line in report.extra)
