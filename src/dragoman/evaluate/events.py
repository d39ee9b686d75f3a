"""Scoring the coder against gold sentences: what ``dragoman eval GOLD.jsonl`` prints.

Why a pure ``score``: the numbers must be reproducible from two JSON files (gold rows and the
document records the system produced), testable on hand-made records, and independent of how
the records were made. ``run`` is the thin part that reads a gold file, runs the system and
scores; the gold file may be in the eval format of CONTRACT.md or one of the raw shapes that
:mod:`dragoman.evaluate.goldconv` converts (detected per row).

Definitions (counts are micro-averaged over sentences; a metric with an empty denominator is
reported as n/a). For a gold sentence, *e1* is its first expected event and *best* is the
predicted event with the highest ``confidence`` (ties: the earliest); a sentence whose id has
no predicted record counts as "no event predicted".

- **PLOVER type accuracy**: over sentences whose e1 has a PLOVER type, the share where best
  exists and ``best.plover == e1.plover``. No predicted event counts as wrong.
- **CAMEO root accuracy / full-code accuracy**: over sentences whose e1 has a CAMEO code, the
  share where best's code has the same two-digit root / is the same code. Full-code accuracy
  skips gold codes marked ``cameo_exact: false`` (best guesses of a converter).
- **Some event has the root / the code**: as above, but any predicted event of the sentence may
  carry it (a recall-like view that forgives picking the wrong event as best).
- **Source / target actor precision, recall, F1**: over sentences whose e1 names actors or
  recipients (both lists empty means "not annotated" and the sentence is skipped), the gold
  codes of e1's actors (resp. recipients) against the actors (resp. recipients) of best.
  Predicted actors are de-duplicated by (country, code); an actor with neither country, code nor
  non-state sector is ignored (an honest null is not a wrong guess; it still costs recall).
  A gold code matches a predicted actor when it equals the actor's country or code, when it is
  the first three letters of the code (USA ~ USAGOV, IGO ~ IGOUNO), when it is IGO/NGO and the
  actor's sector is that non-state type, or when it is PLOVER's UNO/EUR and the actor is a body
  of the UN/EU in knowledge/data/igos.tsv (UN and EU bodies also match IGO).
  Precision = matched predicted actors / predicted actors; recall = matched gold codes / gold
  codes; F1 their harmonic mean.
- **Event F1 (exact-event)**: every expected event of every sentence against every predicted
  event of that sentence. An expected event is matched by a not yet used predicted event (most
  confident first) with the same PLOVER type (the same CAMEO root when the gold type is null)
  whose actors ∪ recipients share at least one gold code with the expected actors ∪ recipients
  (roles are scored by the actor metrics; with no gold actors the type alone decides).
  Precision = matched / predicted events (sentences with no expected event contribute their
  predicted events as false positives, so gold files listing only the main event give a lower
  bound); recall = matched / expected events.
- **No-event precision**: over sentences with ``expect_no_event`` and no expected event, the
  share with no predicted event at all; "... no typed event" forgives events without a PLOVER
  type (statements, appeals).
- **Confusion**: gold type of e1 (or "(no event)" for expect-no-event sentences) × PLOVER type
  of best ("(none)" when nothing was predicted, "(untyped)" for an event without a type).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from dragoman.evaluate import goldconv

NONSTATE_SECTORS = {"IGO", "NGO"}
NO_EVENT = "(no event)"
NOTHING = "(none)"
UNTYPED = "(untyped)"


@dataclass
class Rate:
    """hits out of n."""

    hits: int = 0
    n: int = 0

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.n += 1

    @property
    def value(self) -> float | None:
        return self.hits / self.n if self.n else None


@dataclass
class PRF:
    """Precision/recall counts kept apart on both sides, because with compound actors one
    predicted actor can match a gold code another predicted actor also matches."""

    matched_pred: int = 0
    n_pred: int = 0
    matched_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched_pred / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        return self.matched_gold / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Mistake:
    """One sentence whose best predicted event has the wrong type (for reading, not scoring)."""

    id: str
    gold_plover: str | None
    gold_cameo: str | None
    pred_plover: str | None
    pred_cameo: str | None
    trigger: str | None


@dataclass
class Report:
    """Everything ``score`` measured; see the module docstring for the definitions."""

    sentences: int = 0
    with_event: int = 0
    no_event: int = 0
    missing: int = 0
    plover_type: Rate = field(default_factory=Rate)
    cameo_root: Rate = field(default_factory=Rate)
    cameo_code: Rate = field(default_factory=Rate)
    any_root: Rate = field(default_factory=Rate)
    any_code: Rate = field(default_factory=Rate)
    source: PRF = field(default_factory=PRF)
    target: PRF = field(default_factory=PRF)
    events: PRF = field(default_factory=PRF)
    no_event_precision: Rate = field(default_factory=Rate)
    no_typed_event: Rate = field(default_factory=Rate)
    confusion: Counter = field(default_factory=Counter)
    mistakes: list[Mistake] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (values and counts)."""
        out: dict[str, Any] = {"sentences": self.sentences, "with_event": self.with_event,
                               "no_event": self.no_event, "missing": self.missing}
        for name in ("plover_type", "cameo_root", "cameo_code", "any_root", "any_code",
                     "no_event_precision", "no_typed_event"):
            rate: Rate = getattr(self, name)
            out[name] = {"value": rate.value, "hits": rate.hits, "n": rate.n}
        for name in ("source", "target", "events"):
            prf: PRF = getattr(self, name)
            out[name] = {"precision": prf.precision, "recall": prf.recall, "f1": prf.f1, **asdict(prf)}
        out["confusion"] = [{"gold": g, "predicted": p, "count": c} for (g, p), c in sorted(self.confusion.items())]
        return out


# ---- actor matching ---------------------------------------------------------------------

@cache
def _igo_plover_codes() -> dict[str, str]:
    """IGO code → PLOVER code (UNO/EUR/IGO/NGO) from knowledge/data/igos.tsv, when that file exists."""
    from importlib import resources

    try:
        text = resources.files("dragoman.knowledge").joinpath("data", "igos.tsv").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return {}
    out: dict[str, str] = {}
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells, strict=False))
        for fact in (row.get("note") or "").split(";"):
            key, _, value = fact.strip().partition("=")
            if key == "plover" and value.strip():
                out[row.get("code", "")] = value.strip().upper()
    return out


def _actor(a: Any) -> dict[str, str | None]:
    """An Actor dict (or dataclass, or a bare code string) reduced to upper-case country/code/sector."""
    if isinstance(a, str):
        code = a.strip().upper() or None
        return {"country": code if code and len(code) == 3 else None, "code": code, "sector": None}
    get = a.get if isinstance(a, dict) else (lambda k: getattr(a, k, None))
    return {k: (str(get(k)).strip().upper() or None) if get(k) else None for k in ("country", "code", "sector")}


def _predicted_actors(actors: Iterable[Any] | None) -> list[dict[str, str | None]]:
    """Predicted actors worth scoring, de-duplicated by (country, code)."""
    seen: dict[tuple[str | None, str | None], dict[str, str | None]] = {}
    for raw in actors or []:
        a = _actor(raw)
        if a["country"] or a["code"] or a["sector"] in NONSTATE_SECTORS:
            seen.setdefault((a["country"], a["code"]), a)
    return list(seen.values())


def actor_matches(gold: str, actor: dict[str, str | None]) -> bool:
    """Whether a gold actor code (ISO3, IGO/NGO/UNO/EUR, or a CAMEO-style code) names this actor."""
    country, code, sector = actor.get("country"), actor.get("code"), actor.get("sector")
    if gold in (country, code):
        return True
    if code and len(gold) == 3 and code.startswith(gold):
        return True
    if gold in NONSTATE_SECTORS and sector == gold:
        return True
    plover_code = _igo_plover_codes().get(code or "")
    return bool(plover_code) and (gold == plover_code or (gold == "IGO" and plover_code in ("UNO", "EUR")))


def _score_side(gold: Sequence[str], predicted: list[dict[str, str | None]], prf: PRF) -> None:
    prf.n_gold += len(gold)
    prf.n_pred += len(predicted)
    prf.matched_gold += sum(any(actor_matches(g, a) for a in predicted) for g in gold)
    prf.matched_pred += sum(any(actor_matches(g, a) for g in gold) for a in predicted)


# ---- events -----------------------------------------------------------------------------

def _events(record: dict[str, Any] | None) -> list[dict[str, Any]]:
    """A record's events, most confident first (stable: document order among equals)."""
    events = list((record or {}).get("events") or [])
    return sorted(events, key=lambda e: -float(e.get("confidence") or 0.0))


def _root(code: Any) -> str | None:
    return str(code)[:2] if code else None


def _type_matches(expected: dict[str, Any], event: dict[str, Any]) -> bool:
    if expected.get("plover"):
        return (event.get("plover") or "").upper() == expected["plover"]
    if expected.get("cameo"):
        return _root(event.get("cameo")) == _root(expected["cameo"])
    return True


def _actors_overlap(expected: dict[str, Any], event: dict[str, Any]) -> bool:
    gold = list(expected.get("actors") or []) + list(expected.get("recipients") or [])
    if not gold:
        return True
    predicted = _predicted_actors(list(event.get("actors") or []) + list(event.get("recipients") or []))
    return any(actor_matches(g, a) for g in gold for a in predicted)


def _match_events(expected: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> int:
    """How many expected events a distinct predicted event matches (greedy, most confident first)."""
    used: set[int] = set()
    matched = 0
    for e in expected:
        for i, p in enumerate(predicted):
            if i not in used and _type_matches(e, p) and _actors_overlap(e, p):
                used.add(i)
                matched += 1
                break
    return matched


def _label(event: dict[str, Any] | None) -> str:
    if event is None:
        return NOTHING
    return (event.get("plover") or "").upper() or UNTYPED


# ---- the scorer -------------------------------------------------------------------------

def score(gold: list[dict[str, Any]], predicted: dict[str, dict[str, Any]]) -> Report:
    """Scores predicted document records (by gold id) against gold rows; see the module docstring.

    ``gold`` rows may be in the eval format or any shape :func:`dragoman.evaluate.goldconv.to_eval` reads.
    Pure: no I/O, no model.
    """
    report = Report()
    for raw in gold:
        row = goldconv.to_eval(raw)
        report.sentences += 1
        record = predicted.get(row["id"])
        if record is None:
            report.missing += 1
        events = _events(record)
        best = events[0] if events else None
        expected = row["expected"]

        report.events.n_gold += len(expected)
        report.events.n_pred += len(events)
        hits = _match_events(expected, events)
        report.events.matched_gold += hits
        report.events.matched_pred += hits

        if not expected:
            if row["expect_no_event"]:
                report.no_event += 1
                report.no_event_precision.add(not events)
                report.no_typed_event.add(not any(e.get("plover") for e in events))
                report.confusion[(NO_EVENT, _label(best))] += 1
            continue

        report.with_event += 1
        e1 = expected[0]
        if e1.get("plover"):
            ok = best is not None and (best.get("plover") or "").upper() == e1["plover"]
            report.plover_type.add(ok)
            report.confusion[(e1["plover"], _label(best))] += 1
            if not ok:
                report.mistakes.append(Mistake(
                    row["id"], e1["plover"], e1.get("cameo"), best.get("plover") if best else None,
                    best.get("cameo") if best else None, best.get("trigger") if best else None))
        if e1.get("cameo"):
            gold_code = str(e1["cameo"])
            best_code = str(best.get("cameo") or "") if best else ""
            report.cameo_root.add(best is not None and best_code[:2] == gold_code[:2])
            codes = [str(e.get("cameo") or "") for e in events]
            report.any_root.add(any(c[:2] == gold_code[:2] for c in codes if c))
            if e1.get("cameo_exact", True):
                report.cameo_code.add(best_code == gold_code)
                report.any_code.add(gold_code in codes)
        if e1.get("actors") or e1.get("recipients"):
            _score_side(e1.get("actors") or [], _predicted_actors(best.get("actors") if best else None),
                        report.source)
            _score_side(e1.get("recipients") or [],
                        _predicted_actors(best.get("recipients") if best else None), report.target)
    return report


# ---- output -----------------------------------------------------------------------------

def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def _abbrev(label: str) -> str:
    return {NOTHING: "none", UNTYPED: "untyp", NO_EVENT: "noev"}.get(label, label[:5])


def _type_order() -> list[str]:
    try:
        from dragoman.knowledge import codebook

        return list(codebook.all_plover())
    except Exception:  # the table still prints without the codebook
        return []


def format_report(report: Report, mistakes: int = 15) -> str:
    """The report as readable text: the metrics with their counts, then the confusion table."""
    lines = [
        f"sentences {report.sentences}: {report.with_event} with an expected event, "
        f"{report.no_event} expecting none" + (f", {report.missing} without a prediction" if report.missing else ""),
        "",
    ]

    def rate(name: str, r: Rate) -> None:
        lines.append(f"  {name:<34} {_pct(r.value)}   ({r.hits}/{r.n})")

    def prf(name: str, p: PRF) -> None:
        lines.append(f"  {name:<20} P {_pct(p.precision)}  R {_pct(p.recall)}  F1 {_pct(p.f1)}"
                     f"   (P {p.matched_pred}/{p.n_pred}, R {p.matched_gold}/{p.n_gold})")

    lines.append("event type (most confident event vs first expected event)")
    rate("PLOVER type accuracy", report.plover_type)
    rate("CAMEO root accuracy", report.cameo_root)
    rate("CAMEO code accuracy", report.cameo_code)
    rate("some event has the gold root", report.any_root)
    rate("some event has the gold code", report.any_code)
    lines.append("actors (most confident event vs first expected event)")
    prf("source countries", report.source)
    prf("target countries", report.target)
    lines.append("events (all expected vs all predicted: same type, overlapping actors)")
    prf("event F1", report.events)
    lines.append("sentences expecting no event")
    rate("no-event precision", report.no_event_precision)
    rate("no-event precision, typed events", report.no_typed_event)

    if report.confusion:
        order = _type_order()
        specials = [NO_EVENT, NOTHING, UNTYPED]

        def key(label: str) -> tuple[int, int, str]:
            """PLOVER types in codebook order, then unknown labels, then the special labels."""
            if label in order:
                return (0, order.index(label), label)
            if label in specials:
                return (2, specials.index(label), label)
            return (1, 0, label)

        golds = sorted({g for g, _ in report.confusion}, key=key)
        preds = sorted({p for _, p in report.confusion}, key=key)
        width = max(6, *(len(_abbrev(p)) + 1 for p in preds))
        lines += ["", "confusion: gold PLOVER type (rows) x predicted type of the most confident event (columns)"]
        lines.append(f"  {'':<11}" + "".join(f"{_abbrev(p):>{width}}" for p in preds) + f"{'total':>{width + 1}}")
        for g in golds:
            counts = [report.confusion.get((g, p), 0) for p in preds]
            cells = "".join(f"{(str(c) if c else '.'):>{width}}" for c in counts)
            lines.append(f"  {g:<11}{cells}{sum(counts):>{width + 1}}")
        lines.append("  (none = no event predicted; untyp = event without a PLOVER type; noev = gold expects no event)")

    if report.mistakes and mistakes:
        lines += ["", f"first {min(mistakes, len(report.mistakes))} of {len(report.mistakes)} type errors:"]
        for m in report.mistakes[:mistakes]:
            got = f"{m.pred_plover or '-'} {m.pred_cameo or '-'}" + (f" ({m.trigger})" if m.trigger else "")
            lines.append(f"  {m.id}: gold {m.gold_plover} {m.gold_cameo or '-'} -> {got if m.pred_cameo or m.pred_plover else 'no event'}")
    return "\n".join(lines)


# ---- running the system -----------------------------------------------------------------

Predictor = Callable[[Iterable[dict[str, Any]]], Iterator[dict[str, Any]]]


def run(path: str, predict: Predictor | None = None) -> Report:
    """Reads a gold file (any supported shape), runs the system on its sentences and scores them.

    ``predict`` defaults to :func:`dragoman.extract_records` (imported here, so the scorer works
    without the pipeline); it gets input records ``{"id", "text", "published"?}`` and yields
    document record dicts carrying the same ids.
    """
    gold = goldconv.load_gold(path)
    if predict is None:
        from dragoman import extract_records as predict  # lazy: heavy, and absent while the pipeline is built
    items = []
    for row in gold:
        item = {"id": row["id"], "text": row["text"]}
        if row.get("published"):
            item["published"] = row["published"]
        items.append(item)
    predicted = {str(rec["id"]): rec for rec in predict(items)}
    return score(gold, predicted)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m dragoman.evaluate.events GOLD.jsonl``: score and print (the CLI's ``eval`` does the same)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m dragoman.evaluate.events GOLD.jsonl", file=sys.stderr)
        return 2
    print(format_report(run(args[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
