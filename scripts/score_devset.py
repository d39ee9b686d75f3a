"""Scores the pipeline on the development set (tests/devset) for places, dates and speakers.

Usage: .venv/bin/python scripts/score_devset.py [--misses-only]

For each of the three, over the facts of tests/devset/expected.json:
- precision = correct / predicted, where predicted counts the expected events (quotes) that were
  found and got a non-null value (a place, a day, a speaker) — a value where null was expected counts
  as predicted and wrong;
- recall    = correct / expected, where expected counts the facts that expect a non-null value
  (found or not: an event that is not found is a miss).
Places: Event.location (name, country, feature). Dates: Event.date (day precision; month, week and
year dates are null). Speakers: the speaker of each expected quote (direct and indirect) and of each
event stated inside someone's words. date_text and status are shown as plain accuracies.
Matching rules: tests/devset_facts.py.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import devset_facts as dv  # noqa: E402


def main(argv: list[str]) -> int:
    from dragoman.run.pipeline import Pipeline

    records = dv.run_devset(Pipeline())
    tallies: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: dict[str, list[str]] = defaultdict(list)
    category = {"location": "places", "date": "dates", "speaker": "speakers",
                "date_text": "date_text", "status": "status"}
    for test_id, name, kind, fact, field in dv.fact_ids():
        record = records[name]
        if kind == "event":
            outcome = dv.check_event_field(record, fact, field)
            cat = category[field]
        else:
            outcome = dv.check_quote(record, fact)
            cat = "speakers"
        t = tallies[cat]
        t["facts"] += 1
        t["found"] += outcome.found
        t["expected"] += outcome.expected_value
        t["predicted"] += outcome.found and outcome.predicted
        t["correct_predicted"] += outcome.ok and outcome.predicted
        t["correct"] += outcome.ok
        t["correct_null"] += outcome.ok and not outcome.expected_value
        if not outcome.ok:
            want = _wanted(fact, field) if kind == "event" else _wanted_speaker(fact)
            misses[cat].append(f"{test_id}\n      expected {want}\n      got      {outcome.observed}")

    print(f"development set: {len(records)} articles, "
          f"{sum(1 for r in records.values() if 'failure' not in r)} processed\n")
    print(f"{'':10} {'precision':>17} {'recall':>17} {'facts':>6} {'found':>6}  nulls right")
    for cat in ("places", "dates", "speakers"):
        t = tallies[cat]
        print(f"{cat:10} {_ratio(t['correct_predicted'], t['predicted']):>17} "
              f"{_ratio(t['correct_predicted'], t['expected']):>17} {t['facts']:>6} {t['found']:>6}  "
              f"{t['correct_null']}/{t['facts'] - t['expected']}")
    for cat in ("date_text", "status"):
        t = tallies[cat]
        print(f"{cat:10} accuracy {_ratio(t['correct'], t['facts'])}")
    total = sum(t["facts"] for t in tallies.values())
    right = sum(t["correct"] for t in tallies.values())
    print(f"\nall facts: {right}/{total} right")
    for cat in ("places", "dates", "date_text", "status", "speakers"):
        if misses[cat]:
            print(f"\n{cat} misses ({len(misses[cat])}):")
            for line in misses[cat]:
                print(f"  - {line}")
    return 0


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.2f}" if b else f"{a}/0 = n/a"


def _wanted(fact: dict, field: str) -> str:
    if field == "location":
        place = fact["location"]
        return "null" if place is None else f"{place['name']}/{place['country']}/{place['feature']}"
    if field == "speaker":
        return _wanted_speaker(fact)
    return f"{field}={fact[field]!r}"


def _wanted_speaker(fact: dict) -> str:
    return f"speaker name={fact.get('speaker_name', '(any)')!r} country={fact.get('speaker_country', '(any)')}"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
