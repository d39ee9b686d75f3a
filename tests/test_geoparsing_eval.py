"""The geoparsing scorer on hand-made gold rows and document records with known answers."""

from __future__ import annotations

import pytest

from dragoman.evaluate import geoparsing as g

TEXT = "Officials in Paris said Russian troops left Kharkiv and Lviv."
#       0123456789012345678901234567890123456789012345678901234567890


def span(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def topo(word, lat, lon, **extra):
    s, e = span(word)
    return {"start": s, "end": e, "name": word, "lat": lat, "lon": lon, **extra}


def place(name, lat, lon):
    return {"text": name, "name": name, "country": None, "lat": lat, "lon": lon, "geonames_id": None,
            "feature": "city"}


def entity(word, type_, pl):
    return {"text": word, "type": type_, "actor": None, "place": pl, "mentions": [list(span(word))]}


GOLD = [{
    "id": "d1", "source": "news", "text": TEXT,
    "toponyms": [topo("Paris", 48.85, 2.35), topo("Kharkiv", 49.99, 36.23), topo("Lviv", 49.84, 24.03),
                 topo("Russian", 60.0, 100.0, gwn_modifier_type="Adjective")],
}]


def test_perfect_resolution_of_what_is_found() -> None:
    record = {"id": "d1", "text": TEXT, "entities": [
        entity("Paris", "GPE", place("Paris", 48.85, 2.35)),
        entity("Kharkiv", "GPE", place("Kharkiv", 49.99, 36.23)),
        entity("Lviv", "GPE", place("Lviv", 49.84, 24.03)),
        entity("Russian", "NORP", None),                      # not a place entity: not predicted
    ]}
    report = g.score(GOLD, [record])
    c = report.overall
    assert (c.gold, c.predicted, c.matched) == (4, 3, 3)
    assert c.prf == pytest.approx((1.0, 0.75, 6 / 7))
    assert c.prf_noadj == pytest.approx((1.0, 1.0, 1.0))
    assert c.acc_resolved == 1.0 and c.acc_all == pytest.approx(0.75)
    assert c.median_km == pytest.approx(0.0, abs=0.01) and c.auc == pytest.approx(0.0, abs=1e-3)
    assert set(report.by_source) == {"news"}
    text = g.format_report(report)
    assert "overall" in text and "news" in text


def test_a_nationality_adjective_with_its_country_is_a_toponym() -> None:
    record = {"id": "d1", "text": TEXT, "entities": [
        entity("Paris", "GPE", place("Paris", 48.85, 2.35)),
        entity("Russian", "NORP", place("Russia", 60.0, 100.0)),     # put at its country: predicted
    ]}
    c = g.score(GOLD, [record]).overall
    assert (c.gold, c.predicted, c.matched) == (4, 2, 2)
    # without adjectives, the predicted adjective is left out as well as the gold one
    assert (c.gold_noadj, c.predicted_noadj, c.matched_noadj) == (3, 1, 1)
    assert c.acc_resolved == 1.0


def test_wrong_place_wrong_span_and_spurious() -> None:
    record = {"id": "d1", "text": TEXT, "entities": [
        entity("Paris", "GPE", place("Paris", 33.66, -95.56)),     # Paris, Texas: ~7,900 km off
        {"text": "Kharkiv and", "type": "GPE", "actor": None, "place": place("Kharkiv", 49.99, 36.23),
         "mentions": [[span("Kharkiv")[0], span("and")[1]]]},        # wrong span: no match
        entity("Officials", "ORG", None),                          # no place: not a toponym
        entity("in", "ORG", place("In", 0, 0)),                    # put on the map: a spurious toponym
        entity("Lviv", "LOC", place("Lviv", 49.9, 24.1)),
    ]}
    c = g.score(GOLD, {"d1": record}).overall
    assert (c.predicted, c.matched) == (4, 2)
    assert c.prf[0] == pytest.approx(2 / 4)
    assert c.acc_resolved == pytest.approx(0.5) and c.acc_all == pytest.approx(0.25)
    assert c.errors[0] == pytest.approx(g.distance_km(48.85, 2.35, 33.66, -95.56))
    assert 7000 < c.errors[0] < 9000
    assert c.median_km == pytest.approx(sum(c.errors) / 2)
    assert 0 < c.auc < 1


def test_missing_record_and_cleaned_text_offsets() -> None:
    assert g.score(GOLD, {}).overall.prf == (0.0, 0.0, 0.0)
    # the system's cleaned text lost a leading line: offsets are carried back to the gold text
    shifted = "Share this\n" + TEXT
    s, e = span("Lviv")
    record = {"id": "d1", "text": shifted, "entities": [
        {"text": "Lviv", "type": "GPE", "actor": None, "place": place("Lviv", 49.84, 24.03),
         "mentions": [[s + 11, e + 11]]}]}
    assert g.predicted_toponyms(record, TEXT)[0][:2] == (s, e)
    gold = [{**GOLD[0], "text": TEXT}]
    assert g.score(gold, [record]).overall.matched == 1


def test_a_name_after_collapsed_spaces_keeps_its_own_start() -> None:
    # the gold text keeps a run of spaces before a name, the record's cleaned text one space: the
    # name's start maps to the name, not to the first space of the run
    gold_text = "    Talks failed.\n            Paris said no."
    record_text = "Talks failed.\nParis said no."
    s = record_text.index("Paris")
    record = {"id": "d2", "text": record_text, "entities": [
        {"text": "Paris", "type": "GPE", "actor": None, "place": place("Paris", 48.85, 2.35),
         "mentions": [[s, s + 5]]}]}
    start = gold_text.index("Paris")
    assert g.predicted_toponyms(record, gold_text)[0][:2] == (start, start + 5)


@pytest.mark.parametrize(("surface", "name", "adjective"), [
    ("Russian", "Russia", True), ("Sri Lankan", "Sri Lanka", True), ("French", "France", True),
    ("Iraqi", "Republic of Iraq", True), ("Sudan", "Republic of the Sudan", False),
    ("Pakistan", "Pakistan", False), ("Manhattan", "New York", False), ("Iran", "Iran", False),
])
def test_adjectives(surface: str, name: str, adjective: bool) -> None:
    assert g.is_adjective({"name": surface, "gazetteer_name": name}, surface) is adjective


def test_distance() -> None:
    assert g.distance_km(0, 0, 0, 0) == 0
    assert g.distance_km(0, 0, 0, 180) == pytest.approx(20015, rel=0.01)
    assert g.distance_km(51.5, -0.13, 48.85, 2.35) == pytest.approx(343, rel=0.02)   # London–Paris
