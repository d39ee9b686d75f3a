"""Scoring stories against a gold clustering (``tests/data/stories/expected.json``).

The gold file lists happenings and, for each, the sentences that report it (document URL, a piece of
the sentence, the event type). Stored events are matched to gold mentions by URL, sentence piece and
type (``stories.kind_of``); then the system's story ids and the gold story names are compared on the
matched events:

- **pairwise** precision/recall: over pairs of matched events, "same story" in the system vs in gold;
- **B-cubed** precision/recall: per event, the overlap of its system story and its gold story;
- **extraction misses**: gold mentions no event was coded for (a coder miss, not a clustering error);
- **extras**: events that match no gold mention; **contaminated** stories mix an extra with gold events
  (a precision problem the pairwise score over matched events alone would not show).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dragoman.stories.matching import kind_of


@dataclass
class Scores:
    pairwise_precision: float
    pairwise_recall: float
    bcubed_precision: float
    bcubed_recall: float
    matched: int
    misses: list[dict[str, Any]] = field(default_factory=list)
    extras: list[dict[str, Any]] = field(default_factory=list)
    contaminated: list[str] = field(default_factory=list)
    checks: list[tuple[str, bool, str]] = field(default_factory=list)

    @staticmethod
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0


def load_expected(path: str | Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def stored_events(store: Any) -> list[dict[str, Any]]:
    """Every stored event with its document URL and story id."""
    rows = store.query(
        "SELECT e.doc_id, e.event_id, e.evidence, e.plover, e.cameo, e.status, d.url, sm.story_id"
        " FROM events e JOIN documents d ON d.doc_id = e.doc_id"
        " JOIN story_mentions sm ON sm.doc_id = e.doc_id AND sm.event_id = e.event_id"
        " ORDER BY e.doc_id, e.event_id")
    return rows


def _matches(event: dict[str, Any], mention: dict[str, Any]) -> bool:
    return (event["url"] == mention["url"] and mention["evidence"] in (event["evidence"] or "")
            and kind_of(event["plover"], event["cameo"]) == mention["type"])


def label(events: list[dict[str, Any]], expected: dict[str, Any]) -> tuple[dict[tuple[str, str], str],
                                                                          list[dict[str, Any]]]:
    """Gold story name per matched event key, and the gold mentions matched by no event."""
    gold: dict[tuple[str, str], str] = {}
    misses = []
    for story in expected["stories"]:
        for mention in story["mentions"]:
            hits = [e for e in events if _matches(e, mention)]
            if not hits:
                misses.append({**mention, "story": story["name"]})
            for e in hits:
                gold[(e["doc_id"], e["event_id"])] = story["name"]
    return gold, misses


def _pairs(labels: dict[Any, str]) -> set[frozenset]:
    by: dict[str, list[Any]] = {}
    for key, lab in labels.items():
        by.setdefault(lab, []).append(key)
    return {frozenset((a, b)) for members in by.values() for i, a in enumerate(members) for b in members[i + 1:]}


def pairwise(gold: dict[Any, str], system: dict[Any, str]) -> tuple[float, float]:
    g, s = _pairs(gold), _pairs(system)
    precision = len(g & s) / len(s) if s else 1.0
    recall = len(g & s) / len(g) if g else 1.0
    return precision, recall


def bcubed(gold: dict[Any, str], system: dict[Any, str]) -> tuple[float, float]:
    keys = list(gold)
    if not keys:
        return 1.0, 1.0
    g_size = Counter(gold.values())
    s_size = Counter(system[k] for k in keys)
    both = Counter((gold[k], system[k]) for k in keys)
    precision = sum(both[(gold[k], system[k])] / s_size[system[k]] for k in keys) / len(keys)
    recall = sum(both[(gold[k], system[k])] / g_size[gold[k]] for k in keys) / len(keys)
    return precision, recall


def score(store: Any, expected: dict[str, Any]) -> Scores:
    """Scores the stories of ``store`` against ``expected`` (see the module docstring)."""
    events = stored_events(store)
    gold, misses = label(events, expected)
    system = {(e["doc_id"], e["event_id"]): e["story_id"] for e in events}
    matched = {k: system[k] for k in gold}
    pp, pr = pairwise(gold, matched)
    bp, br = bcubed(gold, matched)
    extras = [e for e in events if (e["doc_id"], e["event_id"]) not in gold]
    gold_stories = {system[k] for k in gold}
    contaminated = sorted({e["story_id"] for e in extras} & gold_stories)
    result = Scores(pp, pr, bp, br, len(gold), misses, extras, contaminated)
    for story in expected["stories"]:
        expect = story.get("expect")
        keys = [k for k, name in gold.items() if name == story["name"]]
        if not expect or not keys:
            continue
        record = store.story(system[keys[0]]) or {}
        for field_name, want in expect.items():
            got = record.get(field_name)
            result.checks.append((f"{story['name']}.{field_name}", got == want, f"expected {want!r}, got {got!r}"))
    return result


def partition(store: Any) -> frozenset[frozenset[tuple[str, str]]]:
    """The stories of a database as a set of sets of (doc_id, event_id): compares runs in any order."""
    groups: dict[str, set[tuple[str, str]]] = {}
    for r in store.query("SELECT story_id, doc_id, event_id FROM story_mentions"):
        groups.setdefault(r["story_id"], set()).add((r["doc_id"], r["event_id"]))
    return frozenset(frozenset(g) for g in groups.values())
