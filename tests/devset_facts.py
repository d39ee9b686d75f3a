"""The development set (tests/devset): expected places, dates and speakers, and how a document record
is checked against them. Shared by tests/test_devset.py and scripts/score_devset.py, so the tests
and the scores read the facts the same way.

Facts (tests/devset/expected.json, per file):
- an **event** is found by ``trigger_contains`` (whole words of ``Event.trigger``, case-insensitive)
  and/or ``evidence_contains`` (a substring of ``Event.evidence``); the first event in text order
  that matches both is the one checked. Its checked fields, each one fact: ``location`` (name
  compared without case, diacritics or punctuation; country; feature — or null), ``date``
  (``YYYY-MM-DD`` or null), ``date_text`` (the expected words occur in ``Event.date_text``),
  ``status``, and ``speaker`` (``speaker_name`` / ``speaker_country`` of ``Event.speaker``).
- a **quote** is found by ``text_contains`` among the quotes with the same ``direct`` flag (compared
  without case or punctuation, so straight and curly marks are alike). Every matching quote record
  must carry the expected speaker: a second record of the same words with another speaker is an error.
- A key that is absent is not checked; a key that is null expects null.

Speaker names: ``speaker_name`` is the canonical name (``Sergey Lavrov`` for "Sergei Lavrov").
An organisation often has no ``name``; then the expected words must occur in the actor's ``text``
(or the text in them: "ministry" for "Foreign Ministry").
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEVSET = Path(__file__).resolve().parent / "devset"
EXPECTED = DEVSET / "expected.json"

EVENT_FIELDS = ("location", "date", "date_text", "status", "speaker")


def load_expected() -> dict[str, dict[str, Any]]:
    """file name → {"published", "events", "quotes"}."""
    return json.loads(EXPECTED.read_text(encoding="utf-8"))["files"]


def fold(text: str | None) -> str:
    """Lower case, no diacritics, punctuation as spaces, single spaces ('İstanbul' → 'istanbul')."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKD", text.casefold().replace("ı", "i"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


def run_devset(pipeline) -> dict[str, dict[str, Any]]:
    """file name → the document record (a dict) or {"failure": reason}, through the real reader."""
    from dragoman.model import ReadFailure
    from dragoman.read import iter_raw

    out: dict[str, dict[str, Any]] = {}
    for name in load_expected():
        results = list(pipeline.process(iter_raw([str(DEVSET / name)])))
        assert len(results) == 1, f"{name}: {len(results)} documents"
        result = results[0]
        out[name] = {"failure": result.reason} if isinstance(result, ReadFailure) else result.to_dict()
    return out


# -- finding -------------------------------------------------------------------------------------

def find_event(record: dict, fact: dict) -> dict | None:
    """The first matching event in text order; an event whose trigger is exactly the wanted words
    wins over one whose trigger only contains them ('meet' over the announcement 'agreed meet')."""
    trigger = fact.get("trigger_contains")
    evidence = fact.get("evidence_contains")
    found = []
    for event in record.get("events", []):
        if trigger and not re.search(rf"(?<!\w){re.escape(trigger.lower())}(?!\w)", (event["trigger"] or "").lower()):
            continue
        if evidence and fold(evidence) not in fold(event["evidence"]):
            continue
        found.append(event)
    exact = [e for e in found if trigger and (e["trigger"] or "").lower() == trigger.lower()]
    return (exact or found or [None])[0]


def find_quotes(record: dict, fact: dict) -> list[dict]:
    want = fold(fact["text_contains"])
    return [q for q in record.get("quotes", []) if q["direct"] == fact["direct"] and want in fold(q["text"])]


# -- describing what was found (for failure messages) --------------------------------------------

def show_place(place: dict | None) -> str:
    if place is None:
        return "null"
    return f"{place.get('name')}/{place.get('country')}/{place.get('feature')} (text {place.get('text')!r})"


def show_actor(actor: dict | None) -> str:
    if actor is None:
        return "null"
    return f"name={actor.get('name')!r} text={actor.get('text')!r} country={actor.get('country')} code={actor.get('code')}"


def show_event(event: dict) -> str:
    return (f"[{event['trigger']}] loc={show_place(event['location'])} date={event['date']} "
            f"date_text={event['date_text']!r} status={event['status']} speaker=({show_actor(event['speaker'])})")


# -- checking ------------------------------------------------------------------------------------

@dataclass
class Outcome:
    ok: bool
    found: bool             # the event / quote was found at all
    predicted: bool         # the pipeline gave a non-null value for the checked field
    expected_value: bool    # the fact expects a non-null value
    observed: str           # what the pipeline gave, for messages


def place_matches(got: dict | None, want: dict | None) -> bool:
    if want is None or got is None:
        return want is None and got is None
    return (fold(got.get("name")) == fold(want["name"]) and got.get("country") == want["country"]
            and got.get("feature") == want["feature"])


def speaker_matches(got: dict | None, fact: dict) -> bool:
    if got is None:
        return False
    if "speaker_name" in fact:
        want = fold(fact["speaker_name"])
        if got.get("name"):
            if fold(got["name"]) != want:
                return False
        else:
            text = fold(re.sub(r"^(?:the|a|an)\s+", "", got.get("text") or "", flags=re.I))
            if not text or not (want in text or text in want):
                return False
    return "speaker_country" not in fact or got.get("country") == fact["speaker_country"]


def has_speaker_fact(fact: dict) -> bool:
    return "speaker_name" in fact or "speaker_country" in fact


def check_event_field(record: dict, fact: dict, field: str) -> Outcome:
    """One field of one expected event; ``field`` in EVENT_FIELDS."""
    expected_value = (fact.get(field) is not None) if field != "speaker" else has_speaker_fact(fact)
    if "failure" in record:
        return Outcome(False, False, False, expected_value, f"document failed: {record['failure']}")
    event = find_event(record, fact)
    if event is None:
        triggers = ", ".join(f"[{e['trigger']}]" for e in record["events"]) or "none"
        return Outcome(False, False, False, expected_value, f"event not found (events: {triggers})")
    if field == "location":
        got = event["location"]
        return Outcome(place_matches(got, fact["location"]), True, got is not None, expected_value,
                       f"location={show_place(got)}")
    if field == "date":
        # the facts name the day the text gives; a month, a week or the publication date stands for none
        day_given = event.get("date_precision") in (None, "day") and event.get("date_basis") != "published"
        got = event["date"] if day_given else None
        return Outcome(got == fact["date"], True, got is not None, expected_value,
                       f"date={got} date_text={event['date_text']!r}")
    if field == "date_text":
        got = event["date_text"]
        return Outcome(got is not None and fact["date_text"].lower() in got.lower(), True, got is not None,
                       expected_value, f"date_text={got!r} date={event['date']}")
    if field == "status":
        return Outcome(event["status"] == fact["status"], True, True, True, f"status={event['status']}")
    if field == "speaker":
        got = event["speaker"]
        return Outcome(speaker_matches(got, fact), True, got is not None, True, f"speaker=({show_actor(got)})")
    raise ValueError(field)


def check_quote(record: dict, fact: dict) -> Outcome:
    """The speaker (name, country) of every quote record holding the expected words."""
    if "failure" in record:
        return Outcome(False, False, False, True, f"document failed: {record['failure']}")
    quotes = find_quotes(record, fact)
    if not quotes:
        same_kind = [q["text"][:60] for q in record["quotes"] if q["direct"] == fact["direct"]]
        return Outcome(False, False, False, True,
                       f"no {'direct' if fact['direct'] else 'indirect'} quote holds the words "
                       f"(those found: {same_kind})")
    with_speaker = [q for q in quotes if q["speaker"] is not None]
    ok = bool(with_speaker) and len(with_speaker) == len(quotes) and all(
        speaker_matches(q["speaker"], fact) for q in quotes)
    observed = "; ".join(f"{q['text'][:50]!r} → ({show_actor(q['speaker'])})" for q in quotes)
    return Outcome(ok, True, bool(with_speaker), True, observed)


def event_fields(fact: dict) -> list[str]:
    """The fields an expected event checks, in EVENT_FIELDS order."""
    return [f for f in EVENT_FIELDS if (f in fact if f != "speaker" else has_speaker_fact(fact))]


def short(text: str, words: int = 6) -> str:
    return " ".join(text.split()[:words])


def event_label(fact: dict) -> str:
    parts = [fact.get("trigger_contains") or "", short(fact.get("evidence_contains") or "", 4)]
    return "@".join(p for p in parts if p)


def fact_ids() -> list[tuple[str, str, str, dict, str | None]]:
    """(test id, file, kind, fact, field) for every checked fact, in file order."""
    out = []
    for name, spec in load_expected().items():
        stem = name.removesuffix(".txt")
        for fact in spec["events"]:
            for field in event_fields(fact):
                out.append((f"{stem}::event[{event_label(fact)}]::{field}", name, "event", fact, field))
        for fact in spec["quotes"]:
            kind = "quote" if fact["direct"] else "indirect"
            out.append((f"{stem}::{kind}[{short(fact['text_contains'])}]::speaker", name, "quote", fact, None))
    return out
