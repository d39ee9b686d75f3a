"""Scoring who said what: dragoman's quotes against attribution gold (PolNeAR-style rows).

Gold rows (one JSON object a line): ``{"id", "date"|"published"?, "text", "quotes": [{"content_spans":
[[start, end], ...], "speaker_text", "speaker_start", "speaker_end", "cue_text", "quote_type":
"direct"|"mixed"|"indirect", "speech_cue": bool}]}`` — every attribution of the article, beliefs
included. The system reads ``{"id", "text", "published"}`` and its document record's ``quotes`` are
scored; offsets of the record's (cleaned) text are carried back to the gold text by aligning the two.

Definitions:
- a predicted quote **matches** a gold attribution when its character span overlaps one of the gold
  content spans by at least one character (a split quote's two halves are two content spans).
- **content detection** per gold kind *k*: recall = gold attributions of kind *k* matched by some
  predicted quote / gold attributions of kind *k*; precision = predicted quotes matching a gold
  attribution of kind *k* / (those + predicted quotes of a class that fits *k* matching no gold at
  all). Predicted direct quotes fit ``direct`` and ``mixed``, predicted indirect ones ``indirect`` and
  ``mixed``; a prediction matching gold of another kind only is neither right nor wrong for *k*.
- **speaker accuracy** on matched gold direct quotes with a named source: the predicted quote paired
  with the gold one (the direct prediction overlapping it most, else any) has the right speaker when
  its speaker's text or name and the gold source text overlap as strings (one contains the other,
  case-folded) or share the last word of the gold source or of its name before an apposition ('Flynn,
  a Trump surrogate,' → Flynn). Gold pronoun sources (he, she, they, …) are
  reported separately: there the speaker counts as right when it meets the same test against the
  nearest earlier gold source in the article that names someone (a capitalised word after the first;
  a stand-in for the pronoun's antecedent).
- where the annotators swapped the spans of an inverted attribution (source 'said', cue 'Obama'), the
  cue's text is the source; a gold source that is missing (or a bare speech verb) is judged by nothing
  but the presence of a predicted speaker, and counted apart.
- **direct end to end**: gold direct quotes found with the right speaker (pronoun sources judged as
  above) / gold direct quotes.
- **speech-attribution recall**: gold attributions with ``speech_cue`` matched by any prediction.
- **unmatched share**: predicted quotes (and predicted direct quotes) matching no gold attribution.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

Predictor = Callable[[Iterable[dict[str, Any]]], Iterator[dict[str, Any]]]
KINDS = ("direct", "mixed", "indirect")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "its", "their", "who",
            "which", "that"}
FITS = {"direct": {"direct", "mixed"}, "indirect": {"indirect", "mixed"}}


@dataclass
class Rate:
    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hits += int(bool(hit))

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass
class PRF:
    tp_gold: int = 0        # gold matched
    gold: int = 0
    tp_pred: int = 0        # predictions matching gold of this kind
    fp: int = 0             # fitting predictions matching no gold

    @property
    def precision(self) -> float | None:
        return self.tp_pred / (self.tp_pred + self.fp) if self.tp_pred + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp_gold / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)


@dataclass
class Miss:
    doc: str
    quote: str
    gold_speaker: str | None
    predicted_speaker: str | None


@dataclass
class Report:
    documents: int = 0
    detection: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in (*KINDS, "all")})
    speaker: Rate = field(default_factory=Rate)             # named gold sources
    pronoun_speaker: Rate = field(default_factory=Rate)     # gold pronoun sources, judged by antecedent
    pronoun_attributed: Rate = field(default_factory=Rate)  # gold pronoun sources given any speaker
    end_to_end: Rate = field(default_factory=Rate)
    speech_recall: Rate = field(default_factory=Rate)
    unmatched: Rate = field(default_factory=Rate)
    unmatched_direct: Rate = field(default_factory=Rate)
    unusable_source: int = 0        # gold direct quotes with no source span
    wrong_speakers: list[Miss] = field(default_factory=list)
    wrong_pronouns: list[Miss] = field(default_factory=list)
    spurious: list[Miss] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"documents": self.documents, "unusable_source": self.unusable_source}
        for kind, prf in self.detection.items():
            out[f"{kind}_precision"], out[f"{kind}_recall"], out[f"{kind}_f1"] = prf.precision, prf.recall, prf.f1
        for name in ("speaker", "pronoun_speaker", "pronoun_attributed", "end_to_end", "speech_recall",
                     "unmatched", "unmatched_direct"):
            out[name] = getattr(self, name).value
        return out


def _fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", (text or "").replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _words(text: str | None) -> list[str]:
    return [w for w in re.findall(r"[\w']+", _fold(text)) if w not in ("'s", "s")]


def speaker_matches(gold: str | None, predicted: dict[str, Any] | None) -> bool:
    """The rule of the module docstring: string overlap or the gold source's last word."""
    if not gold or not predicted:
        return False
    g = _fold(gold)
    lasts = {words[-1] for words in (_words(gold), _words(gold.split(",")[0])) if words}
    for value in (predicted.get("text"), predicted.get("name")):
        p = _fold(value)
        if not p:
            continue
        if p in g or g in p:
            return True
        if lasts & set(_words(value)):
            return True
    return False


SPEECH_WORDS = {"said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "wrote", "writes"}


def gold_source(gold: dict[str, Any]) -> str | None:
    """The gold source text; where the annotators swapped the spans of an inverted attribution
    ('"…," said Obama' with the source on 'said' and the cue on 'Obama'), the cue span's text."""
    source = gold.get("speaker_text")
    if _fold(source) in SPEECH_WORDS and gold.get("cue_text") and _fold(gold.get("cue_text")) not in SPEECH_WORDS:
        return gold["cue_text"]
    return source or None


def usable_source(gold: dict[str, Any]) -> bool:
    """A gold source that names someone: not missing, and not a speech verb."""
    source = _fold(gold_source(gold))
    return bool(source) and source not in SPEECH_WORDS


def is_pronoun(text: str | None) -> bool:
    return _fold(text) in PRONOUNS


def _aligner(predicted_text: str | None, gold_text: str) -> Callable[[int], int]:
    """Maps offsets of the record's text onto the gold text (identity when they are equal)."""
    if predicted_text is None or predicted_text == gold_text:
        return lambda i: i
    blocks = difflib.SequenceMatcher(None, predicted_text, gold_text, autojunk=False).get_matching_blocks()

    def to_gold(i: int) -> int:
        best = 0
        for a, b, size in blocks:
            if a <= i <= a + size:
                return b + (i - a)
            if a + size <= i:
                best = b + size + (i - a - size)
        return best
    return to_gold


def _overlap(a: tuple[int, int], spans: Sequence[Sequence[int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def _spans(gold: dict[str, Any]) -> list[Sequence[int]]:
    spans = gold.get("content_spans") or [[gold["start"], gold["end"]]]
    return [s for s in spans if len(s) == 2]


def _proper(source: str | None) -> bool:
    """A source that names someone: a capitalised word after its first ('the Republican nominee',
    'Mayor Ana Lund'), or one capitalised word ('Lund')."""
    words = (source or "").split(",")[0].split()
    return any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper())


def _antecedents(golds: list[dict[str, Any]]) -> dict[int, str | None]:
    """For each gold attribution with a pronoun source, the nearest earlier named gold source."""
    named = sorted((g.get("speaker_start") or 0, gold_source(g)) for g in golds
                   if usable_source(g) and not is_pronoun(g.get("speaker_text")) and _proper(gold_source(g)))
    out = {}
    for i, g in enumerate(golds):
        if is_pronoun(g.get("speaker_text")):
            at = g.get("speaker_start") or 0
            earlier = [text for start, text in named if start < at]
            out[i] = earlier[-1] if earlier else None
    return out


def _speaker_label(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    return actor.get("name") or actor.get("text")


def score_document(row: dict[str, Any], record: dict[str, Any] | None, report: Report) -> None:
    golds = row.get("quotes") or []
    to_gold = _aligner((record or {}).get("text"), row.get("text", ""))
    preds = []
    for q in (record or {}).get("quotes") or []:
        preds.append({**q, "span": (to_gold(q["start"]), to_gold(q["end"]))})
    matched_kinds: list[set[str]] = [set() for _ in preds]
    pairs: dict[int, list[int]] = {}
    for gi, g in enumerate(golds):
        spans = _spans(g)
        for pi, p in enumerate(preds):
            if _overlap(p["span"], spans) > 0:
                matched_kinds[pi].add(g.get("quote_type") or "indirect")
                pairs.setdefault(gi, []).append(pi)
    report.documents += 1
    for gi, g in enumerate(golds):
        kind = g.get("quote_type") or "indirect"
        for key in (kind, "all"):
            report.detection[key].gold += 1
            report.detection[key].tp_gold += int(gi in pairs)
        if g.get("speech_cue"):
            report.speech_recall.add(gi in pairs)
    for pi, p in enumerate(preds):
        cls = "direct" if p.get("direct") else "indirect"
        for kind in KINDS:
            if kind in matched_kinds[pi]:
                report.detection[kind].tp_pred += 1
            elif not matched_kinds[pi] and kind in FITS[cls]:
                report.detection[kind].fp += 1
        report.detection["all"].tp_pred += int(bool(matched_kinds[pi]))
        report.detection["all"].fp += int(not matched_kinds[pi])
        report.unmatched.add(not matched_kinds[pi])
        if p.get("direct"):
            report.unmatched_direct.add(not matched_kinds[pi])
            if not matched_kinds[pi] and len(report.spurious) < 200:
                report.spurious.append(Miss(row.get("id", ""), p.get("text", ""), None,
                                            _speaker_label(p.get("speaker"))))
    antecedents = _antecedents(golds)
    for gi, g in enumerate(golds):
        if (g.get("quote_type") or "") != "direct":
            continue
        candidates = pairs.get(gi, [])
        best = max(candidates, key=lambda pi: (bool(preds[pi].get("direct")), _overlap(preds[pi]["span"], _spans(g))),
                   default=None)
        speaker = preds[best].get("speaker") if best is not None else None
        source = gold_source(g)
        if not usable_source(g):
            report.unusable_source += 1
            right = best is not None and bool(speaker)
        elif is_pronoun(source):
            right = speaker_matches(antecedents.get(gi), speaker)
            if best is not None:
                report.pronoun_speaker.add(right)
                report.pronoun_attributed.add(bool(speaker))
                if not right and len(report.wrong_pronouns) < 400:
                    report.wrong_pronouns.append(Miss(row.get("id", ""), g.get("quote_text", ""),
                                                      f"{source} ({antecedents.get(gi)})", _speaker_label(speaker)))
        else:
            right = speaker_matches(source, speaker)
            if best is not None and source:
                report.speaker.add(right)
                if not right and len(report.wrong_speakers) < 400:
                    report.wrong_speakers.append(Miss(row.get("id", ""), g.get("quote_text", ""), source,
                                                      _speaker_label(speaker)))
        report.end_to_end.add(best is not None and right)


def score(gold_rows: Iterable[dict[str, Any]], predicted_records: Iterable[dict[str, Any]]) -> Report:
    """Scores predicted document records (matched to gold rows by ``id``) against the gold rows."""
    by_id = {r.get("id"): r for r in predicted_records}
    report = Report()
    for row in gold_rows:
        score_document(row, by_id.get(row.get("id")), report)
    return report


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def format_report(report: Report, mistakes: int = 10) -> str:
    lines = [f"attribution: {report.documents} documents", "content detection   P      R      F1    (gold n)"]
    for kind, prf in report.detection.items():
        lines.append(f"  {kind:<9}       {_pct(prf.precision)}  {_pct(prf.recall)}  {_pct(prf.f1)}  ({prf.gold})")

    def rate(name: str, r: Rate) -> None:
        lines.append(f"{name:<44} {_pct(r.value)}  ({r.hits}/{r.total})")
    rate("speaker accuracy, matched direct (named)", report.speaker)
    rate("speaker accuracy, matched direct (pronoun)", report.pronoun_speaker)
    rate("  pronoun sources given a speaker", report.pronoun_attributed)
    lines.append(f"{'gold direct sources missing':<44} {report.unusable_source}")
    rate("direct quotes end to end", report.end_to_end)
    rate("speech-attribution recall", report.speech_recall)
    rate("predicted quotes matching no gold", report.unmatched)
    rate("predicted direct quotes matching no gold", report.unmatched_direct)
    if mistakes and report.wrong_speakers:
        lines.append("wrong speakers (first few): gold → predicted")
        for m in report.wrong_speakers[:mistakes]:
            lines.append(f"  {m.gold_speaker!r} → {m.predicted_speaker!r}: {m.quote[:70]!r}")
    return "\n".join(lines)


def read_gold(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run(path: str, predict: Predictor | None = None) -> Report:
    """Runs dragoman over the gold file's articles and scores its quotes."""
    rows = read_gold(path)
    if predict is None:
        from dragoman import extract_records
        predict = extract_records
    inputs = [{"id": r["id"], "text": r["text"], "published": r.get("published") or r.get("date")} for r in rows]
    return score(rows, predict(inputs))
