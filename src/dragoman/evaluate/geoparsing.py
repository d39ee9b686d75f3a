"""Scoring the places: are the toponyms of real news found (recognition) and put on the map in the
right spot (resolution)?

Gold rows (one JSON object a line, see ``../shared/gold/README.md``): ``{"id", "source", "text",
"toponyms": [{"start", "end", "name", "lat", "lon", "geonames_id"?, "country_iso3"?,
"gwn_modifier_type"?, ...}]}``; offsets index into ``text``.

Predicted toponyms are read from the document record: every mention ``[start, end]`` of an entity
that carries a ``place`` (mostly GPE, LOC and FAC; also a NORP nationality adjective put at its country,
"Russian" → Russia, an ORG that is also a territory, "the EU", and a TOPONYM, a place named inside
another name, "Kentucky" in "the Kentucky State Police"). When the record's cleaned ``text`` differs from the
gold text, mention offsets are carried over by aligning the two texts.

Measures (the usual ones of geoparsing papers, e.g. Gritta et al. 2018), per corpus (``source``)
and overall:
- **toponym P/R/F1**, strict: a predicted mention is right when its span equals a gold span;
- the same **without adjectives**: gold toponyms that are demonyms or adjectives ("Turkish",
  "American": GeoWebNews' ``gwn_modifier_type`` Adjective, or a surface form that is not the place's
  name and ends like an English adjective) are left out, and so are predictions overlapping them and
  predicted adjectives (NORP entities);
- **acc@161 of resolved**: among matched toponyms whose gold has coordinates, the share predicted
  within 161 km (100 miles); **acc@161 of all**: the same count over every gold toponym with
  coordinates (a missed toponym counts as wrong);
- **median error** (km) and **AUC** of the log error over matched toponyms with gold coordinates:
  the area under the sorted ln(1 + km) curve scaled by ln(20039), 0 best, 1 worst.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import statistics
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

Predictor = Callable[[Iterable[dict[str, Any]]], Iterator[dict[str, Any]]]
ADJECTIVE_TYPES = {"NORP"}     # predicted toponyms that are adjectives or demonyms
KM = 161.0
MAX_ERROR = 20039.0  # half the Earth's circumference, km: the worst possible error
_ADJECTIVE_END = re.compile(r"(?<!t)(?:an|ese|ish|i|ch)$")   # Russian, Chinese, Turkish, Iraqi, French


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if c.isalnum()).casefold()


def is_adjective(toponym: Mapping[str, Any], surface: str) -> bool:
    """A gold toponym written as an adjective or demonym ("Russian", "Texan", "Sri Lankan")."""
    if toponym.get("gwn_modifier_type") == "Adjective":
        return True
    # the corpus' gazetteer name when it has one ("name" is often the surface form itself)
    names = {_fold(toponym.get(k)) for k in ("normalised_name", "gazetteer_name")} - {""}
    names = names or {_fold(toponym.get("name"))}
    folded = _fold(surface)
    if folded in names or not _ADJECTIVE_END.search(surface.rstrip()):
        return False
    return not any(folded in n for n in names)      # "Sudan" for "Republic of the Sudan" is a name


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    gold_noadj: int = 0
    predicted_noadj: int = 0
    matched_noadj: int = 0
    gold_located: int = 0           # gold toponyms with coordinates
    errors: list[float] = field(default_factory=list)  # km, matched toponyms with gold coordinates

    def add(self, other: Counts) -> None:
        for name in ("gold", "predicted", "matched", "gold_noadj", "predicted_noadj", "matched_noadj",
                     "gold_located"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    @staticmethod
    def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def prf(self) -> tuple[float, float, float]:
        return self._prf(self.matched, self.predicted, self.gold)

    @property
    def prf_noadj(self) -> tuple[float, float, float]:
        return self._prf(self.matched_noadj, self.predicted_noadj, self.gold_noadj)

    @property
    def within(self) -> int:
        return sum(1 for e in self.errors if e <= KM)

    @property
    def acc_resolved(self) -> float:
        return self.within / len(self.errors) if self.errors else 0.0

    @property
    def acc_all(self) -> float:
        return self.within / self.gold_located if self.gold_located else 0.0

    @property
    def median_km(self) -> float | None:
        return statistics.median(self.errors) if self.errors else None

    @property
    def auc(self) -> float | None:
        """Area under the sorted, scaled log-error curve (trapezoids), 0 (perfect) to 1."""
        if not self.errors:
            return None
        logs = sorted(math.log1p(e) for e in self.errors)
        if len(logs) == 1:
            return logs[0] / math.log(MAX_ERROR)
        area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
        return area / (math.log(MAX_ERROR) * (len(logs) - 1))


@dataclass
class Report:
    overall: Counts = field(default_factory=Counts)
    by_source: dict[str, Counts] = field(default_factory=dict)
    documents: int = 0
    # (km or None when missed, doc id, surface, gold name, predicted name) for a look at what fails
    misses: list[tuple[float | None, str, str, str, str | None]] = field(default_factory=list)
    spurious: list[tuple[str, str, str | None]] = field(default_factory=list)


def _offset_map(source: str, target: str) -> Callable[[int, bool], int | None]:
    """Maps an offset in ``source`` to the same place in ``target`` (None when it has no match). A
    start maps through the block holding its character, an end through the block holding the
    character before it: where the record collapsed a run of spaces the gold text keeps, the name
    after the run starts after it, not at its first space."""
    if source == target:
        return lambda i, end=False: i
    matcher = difflib.SequenceMatcher(None, source, target, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]

    def mapped(i: int, end: bool = False) -> int | None:
        for a, b, size in blocks:
            if (a < i <= a + size) if end else (a <= i < a + size):
                return b + (i - a)
        return None
    return mapped


def predicted_toponyms(record: Mapping[str, Any], gold_text: str | None = None) -> list[tuple[int, int, dict]]:
    """(start, end, place) for every place mention of a document record, in gold-text offsets."""
    return [(s, e, p) for s, e, p, _ in _predicted(record, gold_text)]


def _predicted(record: Mapping[str, Any], gold_text: str | None = None) -> list[tuple[int, int, dict, str]]:
    """(start, end, place, entity type) for every place mention, in gold-text offsets."""
    text = record.get("text")
    to_gold = _offset_map(text, gold_text) if gold_text is not None and text is not None \
        else (lambda i, end=False: i)
    found: dict[tuple[int, int], tuple[dict, str]] = {}
    for entity in record.get("entities") or []:
        place = entity.get("place")
        if not place:
            continue
        for start, end in entity.get("mentions") or []:
            s, e = to_gold(start), to_gold(end, True)
            if s is not None and e is not None and s < e:
                found.setdefault((s, e), (place, entity["type"]))
    return sorted(((s, e, p, t) for (s, e), (p, t) in found.items()), key=lambda x: x[:2])


def _score_document(row: Mapping[str, Any], record: Mapping[str, Any], report: Report) -> Counts:
    counts = Counts()
    text = row.get("text") or ""
    gold = {(t["start"], t["end"]): t for t in row.get("toponyms") or []}
    predicted = _predicted(record, text)
    adjectives = [(s, e) for (s, e), t in gold.items() if is_adjective(t, text[s:e])]
    counts.gold, counts.predicted = len(gold), len(predicted)
    counts.gold_noadj = len(gold) - len(adjectives)
    by_span = {(s, e): p for s, e, p, _ in predicted}
    kinds = {(s, e): kind for s, e, _, kind in predicted}
    for s, e, place, kind in predicted:
        overlaps_adjective = kind in ADJECTIVE_TYPES or any(s < ae and as_ < e for as_, ae in adjectives)
        counts.predicted_noadj += not overlaps_adjective
        if (s, e) not in gold:
            report.spurious.append((str(row.get("id")), text[s:e], place.get("name")))
    for (s, e), t in gold.items():
        place = by_span.get((s, e))
        located = t.get("lat") is not None and t.get("lon") is not None
        counts.gold_located += located
        if place is None:
            if located:
                report.misses.append((None, str(row.get("id")), text[s:e], t.get("name") or "", None))
            continue
        counts.matched += 1
        counts.matched_noadj += (s, e) not in adjectives and kinds[(s, e)] not in ADJECTIVE_TYPES
        if not located:
            continue
        if place.get("lat") is None or place.get("lon") is None:
            km = MAX_ERROR
        else:
            km = distance_km(t["lat"], t["lon"], place["lat"], place["lon"])
        counts.errors.append(km)
        if km > KM:
            report.misses.append((km, str(row.get("id")), text[s:e], t.get("name") or "", place.get("name")))
    return counts


def score(gold_rows: Iterable[Mapping[str, Any]],
          predicted_records: Mapping[str, Mapping[str, Any]] | Iterable[Mapping[str, Any]]) -> Report:
    """Scores predicted document records (a mapping id → record, or records with an ``id``)."""
    if not isinstance(predicted_records, Mapping):
        predicted_records = {str(r.get("id")): r for r in predicted_records}
    report = Report()
    for row in gold_rows:
        report.documents += 1
        record = predicted_records.get(str(row.get("id"))) or {}
        counts = _score_document(row, record, report)
        report.overall.add(counts)
        report.by_source.setdefault(str(row.get("source") or "-"), Counts()).add(counts)
    return report


def _line(name: str, c: Counts) -> str:
    p, r, f = c.prf
    _, _, fa = c.prf_noadj
    median = f"{c.median_km:8.1f}" if c.median_km is not None else "       -"
    auc = f"{c.auc:.3f}" if c.auc is not None else "  -  "
    return (f"{name:<9} {c.gold:>5} {c.predicted:>5} {p:6.3f} {r:6.3f} {f:6.3f} {fa:7.3f}   "
            f"{c.acc_resolved:6.3f} {c.acc_all:6.3f} {median} {auc}")


def format_report(report: Report, misses: int = 25) -> str:
    lines = [f"documents: {report.documents}",
             f"{'corpus':<9} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'F1-adj':>7}   "
             f"{'acc161':>6} {'accAll':>6} {'medianKm':>8} {'AUC':>5}"]
    for name in sorted(report.by_source):
        lines.append(_line(name, report.by_source[name]))
    lines.append(_line("overall", report.overall))
    lines.append("F1-adj: without adjectives/demonyms; acc161: within 161 km of matched toponyms with gold "
                 "coordinates; accAll: of all gold toponyms with coordinates")
    wrong = sorted((m for m in report.misses if m[0] is not None), key=lambda m: -m[0])
    if wrong and misses:
        lines += ["", f"largest errors ({min(misses, len(wrong))} of {len(wrong)} beyond {KM:.0f} km):"]
        lines += [f"  {km:8.0f} km  {doc}: {surface!r} gold {gold!r}, put at {pred!r}"
                  for km, doc, surface, gold, pred in wrong[:misses]]
    return "\n".join(lines)


def run(path: str, predict: Predictor | None = None) -> Report:
    """Reads a geoparsing gold file, runs the system on its articles and scores them."""
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    if predict is None:
        from dragoman import extract_records as predict  # lazy: heavy
    items = [{"id": str(row["id"]), "text": row["text"]} for row in rows]
    return score(rows, {str(rec["id"]): rec for rec in predict(items)})
