"""Counts in a report's lead ("23 pirates", "a magnitude 4.6 quake"): what is read as a count, and when two
leads disagree. Invented sentences; no spaCy needed."""

from __future__ import annotations

import pytest

from dragoman.stories import quantities


@pytest.mark.parametrize(("text", "expected"), [
    ("Border guards detained 17 smugglers near the pass.", {"persons=17"}),
    ("Border guards detained seventeen Varnish smugglers near the pass.", {"persons=17"}),   # past a nationality
    ("Police held 9 of the raiders overnight.", {"persons=9"}),
    ("Inspectors found 12 cargo containers on the pier.", {"container=12"}),               # the plural is the noun
    ("A magnitude 5.3 earthquake shook the valley.", {"magnitude=5.3"}),
    ("A 5.3-magnitude quake shook the valley.", {"magnitude=5.3"}),
    ("The tremor measured 5.3 on the Richter scale.", {"magnitude=5.3"}),
    ("A quake of magnitude 5. 3 shook the valley.", {"magnitude=5.3"}),                   # re-joined tokens
    ("An earthquake of magnitude of 6.0 struck.", {"magnitude=6"}),
    ("The town of 120,000 residents was shaken.", set()),                                 # a tally
    ("The floods left 14 people dead and 40 injured.", set()),                            # tallies grow
    ("The storm hit 23 miles north of the city at 2:09 a.m. on March 14, 2013.", set()),  # units, times, dates
    ("Sales rose 5% to $40 million in 2012.", set()),
    ("Troops carried AK-47 rifles and a five-boat convoy left.", set()),                  # a model; no plural
    ("The 76ers won 3 games.", {"game=3"}),
    ("Three gunmen and two hostages were seen.", {"persons=3", "persons=2"}),
])
def test_lead_counts(text: str, expected: set[str]) -> None:
    assert quantities.lead_counts(text, ["varnish"]) == expected


def test_counts_read_the_title_and_lead_only() -> None:
    record = {"title": "Navy seizes 14 smugglers", "text": "Patrol report. " + "x " * 300 + "Later, 20 smugglers fled.",
              "entities": []}
    assert quantities.counts(record) == ["persons=14"]


@pytest.mark.parametrize(("a", "b", "disagree"), [
    (["persons=23"], ["persons=26"], True),
    (["magnitude=4.4"], ["magnitude=4.6"], True),
    (["persons=23"], ["persons=23"], False),
    (["persons=23", "boat=2"], ["persons=26", "boat=2"], False),     # one count in common: may be one happening
    (["magnitude=2.9", "magnitude=4.6"], ["magnitude=4.6"], False),  # an aftershock beside the same quake
    (["persons=23"], ["magnitude=4.6"], False),                      # nothing counted by both
    ([], ["persons=23"], False),
])
def test_disagree(a: list[str], b: list[str], disagree: bool) -> None:
    assert quantities.disagree(a, b) is disagree
    assert quantities.disagree(b, a) is disagree


def test_lemma() -> None:
    assert [quantities.lemma(w) for w in ("pirates", "casualties", "boxes", "gunmen", "bus", "crisis", "boat")] == [
        "pirate", "casualty", "box", "gunman", "bus", "crisis", "boat"]
