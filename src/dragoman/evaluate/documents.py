"""Scoring whole articles: are the happenings an analyst would record found, with their parties,
day, type and place, and does every event of a dated article carry a date?

Why a document-level score: sentence gold (``dragoman eval`` on one-sentence rows) cannot see what
real articles break — events with no date because their sentence names none, later mentions ("the
talks") that lose their parties, places taken from the wrong phrase. Here the unit is the article.

Gold rows (one JSON object a line): ``{"id", "published", "title"?, "text", "happenings": [{"plover",
"cameo_root", "actors": [ISO3], "recipients": [ISO3], "date", "date_precision"?, "place": {"name",
"country"} | null, "status", "mentions": [substring, ...]}]}``.

Definitions, for a gold happening *h* of a document and the predicted events *E* of that document:
- an event **has h's type** when its PLOVER type equals h's (h's CAMEO root when h has no type);
- it **has h's parties** when every country of h's actors ∪ recipients is among the countries (or
  the first three letters of the codes) of its actors ∪ recipients; direction is not scored;
- it **has h's day** when its date is within one day of h's date; for a gold date of week, month or
  year precision, when it falls in that week, month or year;
- it **has h's place** when h has none, or its location's country is h's and its name is h's
  (accent- and case-folded) or the location is h's country itself.
- h is **found** (strict) when one event has all four; the report also counts the looser levels
  (type; type + parties; type + parties + day) so a regression shows where it happens.
- **Aligned events** are the predicted events whose sentence contains one of h's ``mentions`` and
  that have h's type; over them, the share with h's day, with both sides (h's parties and nothing
  but h's parties and third parties), and with h's place: a by-reading audit made mechanical.
- **Dated**: the share of events of documents with a publication date that carry a date, and the
  ``date_basis`` values seen (each must be one of the contract's).
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

Predictor = Callable[[Iterable[dict[str, Any]]], Iterator[dict[str, Any]]]
BASES = {"stated", "relative", "published", "context"}
LEVELS = ("type", "type+parties", "type+parties+day", "type+parties+day+place")


def is_document_gold(row: dict[str, Any]) -> bool:
    """A row of this format (rather than a gold sentence)."""
    return isinstance(row.get("happenings"), list)


def _fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def _countries(actors: list[dict[str, Any]]) -> set[str]:
    found = set()
    for actor in actors or []:
        if actor.get("country"):
            found.add(actor["country"])
        elif actor.get("code"):
            found.add(actor["code"][:3])
    return found


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def has_type(event: dict[str, Any], gold: dict[str, Any]) -> bool:
    if gold.get("plover"):
        return event.get("plover") == gold["plover"]
    root = gold.get("cameo_root")
    return bool(root) and (event.get("cameo") or "").startswith(root)


def has_parties(event: dict[str, Any], gold: dict[str, Any]) -> bool:
    wanted = set(gold.get("actors") or []) | set(gold.get("recipients") or [])
    return wanted <= _countries(event.get("actors", []) + event.get("recipients", []))


def has_only_parties(event: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Both sides right: the gold parties, and no side that is not a gold party."""
    wanted = set(gold.get("actors") or []) | set(gold.get("recipients") or [])
    sides = event.get("actors", []) + event.get("recipients", [])
    got = _countries(sides)
    return wanted <= got and got <= wanted and all(a.get("country") or a.get("code") for a in sides)


def has_day(event: dict[str, Any], gold: dict[str, Any]) -> bool:
    got, want = _day(event.get("date")), _day(gold.get("date"))
    if got is None or want is None:
        return False
    precision = gold.get("date_precision") or "day"
    if precision == "week":
        return abs((got - want).days) <= 7
    if precision == "month":
        return (got.year, got.month) == (want.year, want.month)
    if precision == "year":
        return got.year == want.year
    return abs((got - want).days) <= 1


def has_place(event: dict[str, Any], gold: dict[str, Any]) -> bool:
    place = gold.get("place")
    if not place:
        return True
    loc = event.get("location") or {}
    if loc.get("country") != place.get("country"):
        return False
    if loc.get("feature") == "country" and not place.get("name"):
        return True
    name, want = _fold(loc.get("name") or loc.get("text")), _fold(place.get("name"))
    return bool(name) and (name == want or name in want or want in name)


CHECKS = (has_type, has_parties, has_day, has_place)


@dataclass
class DocumentReport:
    documents: int = 0
    happenings: int = 0
    found: Counter = field(default_factory=Counter)          # level → happenings found at that level
    events: int = 0
    events_in_dated_docs: int = 0
    dated: int = 0
    bases: Counter = field(default_factory=Counter)
    precisions: Counter = field(default_factory=Counter)
    docs_with_events: int = 0
    aligned: int = 0
    aligned_day: int = 0
    aligned_sides: int = 0
    aligned_place: int = 0
    misses: list[str] = field(default_factory=list)


def _mention_positions(text: str, gold: dict[str, Any]) -> list[int]:
    return [text.find(m) for m in gold.get("mentions") or [] if m and text.find(m) >= 0]


def score(gold_rows: list[dict[str, Any]], predicted: dict[str, dict[str, Any]]) -> DocumentReport:
    report = DocumentReport()
    for row in gold_rows:
        report.documents += 1
        record = predicted.get(str(row["id"])) or {}
        events = record.get("events") or []
        text = record.get("text") or row["text"]
        report.events += len(events)
        report.docs_with_events += bool(events)
        if record.get("published") or row.get("published"):
            report.events_in_dated_docs += len(events)
            report.dated += sum(1 for e in events if e.get("date"))
        for e in events:
            report.bases[e.get("date_basis")] += 1
            report.precisions[e.get("date_precision")] += 1
        for h in row["happenings"]:
            report.happenings += 1
            best = 0
            for e in events:
                level = 0
                for check in CHECKS:
                    if not check(e, h):
                        break
                    level += 1
                best = max(best, level)
            for n in range(1, best + 1):
                report.found[LEVELS[n - 1]] += 1
            if best < len(CHECKS):
                report.misses.append(f"{row['id']}: {h.get('plover') or h.get('cameo_root')} "
                                     f"{'+'.join(h.get('actors') or [])}→{'+'.join(h.get('recipients') or [])} "
                                     f"{h.get('date')} {(h.get('place') or {}).get('name')}: best level "
                                     f"{LEVELS[best - 1] if best else 'none'}")
            positions = _mention_positions(text, h)
            for e in events:
                if has_type(e, h) and any(e["start"] <= p < e["end"] for p in positions):
                    report.aligned += 1
                    report.aligned_day += has_day(e, h)
                    report.aligned_sides += has_only_parties(e, h)
                    report.aligned_place += has_place(e, h)
    return report


def _share(n: int, d: int) -> str:
    return f"{n}/{d} = {n / d:.2f}" if d else "n/a"


def format_report(report: DocumentReport, misses: int = 20) -> str:
    lines = [f"documents: {report.documents}, with at least one event {_share(report.docs_with_events, report.documents)}",
             f"events: {report.events}; dated (documents with a publication date) "
             f"{_share(report.dated, report.events_in_dated_docs)}",
             "date_basis: " + ", ".join(f"{k}={v}" for k, v in sorted(report.bases.items(), key=lambda kv: str(kv[0]))),
             "date_precision: " + ", ".join(f"{k}={v}" for k, v in sorted(report.precisions.items(),
                                                                          key=lambda kv: str(kv[0]))),
             "", f"gold happenings: {report.happenings}; found with"]
    for level in LEVELS:
        lines.append(f"  {level:<26} {_share(report.found[level], report.happenings)}")
    lines += ["", f"events aligned to a gold happening (mention in their sentence, same type): {report.aligned}",
              f"  day right     {_share(report.aligned_day, report.aligned)}",
              f"  sides right   {_share(report.aligned_sides, report.aligned)}",
              f"  place right   {_share(report.aligned_place, report.aligned)}"]
    if report.misses and misses:
        lines += ["", f"first {min(misses, len(report.misses))} of {len(report.misses)} happenings not found in full:"]
        lines += [f"  {m}" for m in report.misses[:misses]]
    return "\n".join(lines)


def run(path: str, predict: Predictor | None = None) -> DocumentReport:
    """Reads a document-level gold file, runs the system on its articles and scores them."""
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    if predict is None:
        from dragoman import extract_records as predict  # lazy: heavy
    items = [{k: row[k] for k in ("id", "text", "published", "title") if row.get(k)} for row in rows]
    predicted = {str(rec["id"]): rec for rec in predict(items)}
    return score(rows, predicted)
