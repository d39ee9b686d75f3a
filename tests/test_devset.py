"""The development set: short articles written for dragoman (tests/devset/*.txt), each with the places,
dates and speakers a careful reader codes (tests/devset/expected.json). One test per fact.

The articles run through the real reader and pipeline (``dragoman.read.iter_raw`` on the file, so
header lines, datelines and sign-offs are handled as for any input). Matching rules are in
tests/devset_facts.py. Facts the pipeline gets wrong today are strict xfails, listed with what the
pipeline gave in tests/devset_known_failures.py: a fix turns one into an XPASS, which fails until
its line is removed there. Scores: ``.venv/bin/python scripts/score_devset.py``.
"""

from __future__ import annotations

import devset_facts as dv
import pytest
from devset_known_failures import KNOWN_FAILURES

EXPECTED = dv.load_expected()


@pytest.fixture(scope="module")
def records(pipeline):
    return dv.run_devset(pipeline)


def _params():
    out = []
    for test_id, name, kind, fact, field in dv.fact_ids():
        marks = []
        if test_id in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[test_id]))
        out.append(pytest.param(name, kind, fact, field, id=test_id, marks=marks))
    return out


@pytest.mark.parametrize(("name", "kind", "fact", "field"), _params())
def test_fact(records, name, kind, fact, field):
    record = records[name]
    if kind == "event":
        outcome = dv.check_event_field(record, fact, field)
        want = {"location": fact.get("location"), "date": fact.get("date"), "date_text": fact.get("date_text"),
                "status": fact.get("status"),
                "speaker": {k: fact.get(k) for k in ("speaker_name", "speaker_country") if k in fact}}[field]
        where = f"event {dv.event_label(fact)!r}"
    else:
        outcome = dv.check_quote(record, fact)
        want = {k: fact.get(k) for k in ("speaker_name", "speaker_country") if k in fact}
        where = f"{'quote' if fact['direct'] else 'indirect speech'} {fact['text_contains']!r}"
    assert outcome.ok, f"{name}: {where}: expected {field or 'speaker'} {want}, got {outcome.observed}"


@pytest.mark.parametrize("name", list(EXPECTED), ids=[n.removesuffix(".txt") for n in EXPECTED])
def test_article_is_read_with_its_publication_date(records, name):
    """Every article gives a record (a month-only header or none at all breaks nothing), with the
    publication date its header gives (a month-only header gives none: the record holds days only)."""
    record = records[name]
    assert "failure" not in record, record.get("failure")
    assert record["published"] == EXPECTED[name]["published"]
    assert record["text"].strip() and not record["text"].lstrip().lower().startswith("date ")


@pytest.mark.parametrize("name", list(EXPECTED), ids=[n.removesuffix(".txt") for n in EXPECTED])
def test_article_record_is_valid(records, validator, name):
    record = records[name]
    assert "failure" not in record, record.get("failure")
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(record)]
    assert not errors, errors


def test_devset_covers_the_shapes():
    """The set keeps its size and its shapes (at least 18 articles of 80–250 words)."""
    texts = {name: (dv.DEVSET / name).read_text(encoding="utf-8") for name in EXPECTED}
    assert len(texts) >= 18
    for name, text in texts.items():
        body = "\n".join(line for line in text.splitlines() if not line.startswith("date "))
        assert 80 <= len(body.split()) <= 250, (name, len(body.split()))
    joined = "\n".join(texts.values())
    for shape in ("(Reuters) -", "(AP) —", "Istanbul, 28 February —", "date 2025-02\n", "Kiev", "Kyiv",
                  "İstanbul", "Türkiye", "PARIS, Texas", "University", "Six days later", "earlier this month",
                  "last week", "yesterday", "today", "“", '"', "according to", "According to", "told reporters",
                  "in a post on X", "State Department said in a statement", "the spokeswoman", "the minister",
                  "Sergei Lavrov", "Sergey Lavrov", "said that", "'We are ready"):
        assert shape in joined, shape
    assert any(not t.startswith("date ") for t in texts.values()), "an article without a header"
