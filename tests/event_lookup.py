"""Finding events of a document record by their trigger word, for the event-rule tests."""

from __future__ import annotations


def triggered(events: list[dict], word: str) -> list[dict]:
    """The events whose trigger contains the word (case-insensitive)."""
    return [e for e in events if word.lower() in (e["trigger"] or "").lower()]


def one(events: list[dict], word: str) -> dict:
    """The one event whose trigger contains the word; fails naming every event when there is not one."""
    found = triggered(events, word)
    assert len(found) == 1, [(e["trigger"], e["cameo"]) for e in events]
    return found[0]


def assert_at(event: dict, place: str, day: str) -> None:
    """The event is placed in the named place and dated on the day."""
    got = ((event["location"] or {}).get("name"), event["date"])
    assert got == (place, day), (event["trigger"], got)


def place_of(events: list[dict], word: str) -> str | None:
    """The name of the place of the one event the word triggers (None when it has none)."""
    return (one(events, word)["location"] or {}).get("name")
