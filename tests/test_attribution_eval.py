"""The attribution scorer (dragoman.evaluate.attribution) on small hand-made records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.cli.eval import scorer_for
from dragoman.evaluate import attribution

GOLD_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "gold"

TEXT = ('"We will build the bridge," Mayor Ana Lund said. '
        'She added: "It opens in May." '
        'The council believes costs will rise.')


def _gold(content: tuple[int, int], source: str | None, kind: str, speech: bool = True) -> dict:
    start = TEXT.find(source) if source else None
    return {"start": content[0], "end": content[1], "content_spans": [list(content)], "speaker_text": source,
            "speaker_start": start, "speaker_end": start + len(source) if source else None,
            "quote_type": kind, "speech_cue": speech}


def _span(s: str) -> tuple[int, int]:
    i = TEXT.find(s)
    return i, i + len(s)


GOLD_ROW = {"id": "a", "text": TEXT, "quotes": [
    _gold(_span("We will build the bridge,"), "Mayor Ana Lund", "direct"),
    _gold(_span("It opens in May."), "She", "direct"),
    _gold(_span("costs will rise"), "The council", "indirect", speech=False),
]}


def _pred(s: str, speaker: dict | None, direct: bool = True) -> dict:
    start, end = _span(s)
    return {"text": s, "speaker": speaker, "direct": direct, "start": start, "end": end, "cue": "said", "sentence": 0}


LUND = {"text": "Mayor Ana Lund", "name": "Ana Lund"}


def test_all_right() -> None:
    record = {"id": "a", "quotes": [_pred("We will build the bridge", LUND), _pred("It opens in May", LUND),
                                    _pred("costs will rise", {"text": "The council", "name": None}, direct=False)]}
    report = attribution.score([GOLD_ROW], [record])
    assert report.detection["direct"].recall == 1.0 and report.detection["direct"].precision == 1.0
    assert report.detection["indirect"].recall == 1.0
    assert report.speaker.value == 1.0                  # named source
    assert report.pronoun_speaker.value == 1.0          # 'She' → nearest earlier named source, Ana Lund
    assert report.end_to_end.value == 1.0
    assert report.speech_recall.value == 1.0
    assert report.unmatched.value == 0.0


def test_wrong_speaker_missing_quote_and_spurious_prediction() -> None:
    record = {"id": "a", "quotes": [_pred("We will build the bridge", {"text": "the council", "name": None}),
                                    _pred("Mayor", None)]}      # overlaps no content span
    report = attribution.score([GOLD_ROW], [record])
    direct = report.detection["direct"]
    assert (direct.tp_gold, direct.gold) == (1, 2)
    assert direct.precision == 0.5                      # one matching, one matching nothing
    assert report.detection["indirect"].recall == 0.0
    assert report.speaker.value == 0.0
    assert report.end_to_end.value == 0.0
    assert report.unmatched.value == 0.5 and report.unmatched_direct.value == 0.5
    assert report.speech_recall.value == 0.5


def test_no_record_for_a_document() -> None:
    report = attribution.score([GOLD_ROW], [])
    assert report.detection["all"].recall == 0.0 and report.detection["all"].precision is None
    assert report.end_to_end.value == 0.0 and report.speaker.total == 0


def test_swapped_source_and_cue_spans_and_a_missing_source() -> None:
    swapped = {**_gold(_span("We will build the bridge,"), "said", "direct"), "cue_text": "Mayor Ana Lund"}
    missing = {**_gold(_span("It opens in May."), None, "direct"), "cue_text": "added"}
    row = {"id": "b", "text": TEXT, "quotes": [swapped, missing]}
    record = {"id": "b", "quotes": [_pred("We will build the bridge", LUND), _pred("It opens in May", LUND)]}
    report = attribution.score([row], [record])
    assert report.speaker.value == 1.0 and report.speaker.total == 1
    assert report.unusable_source == 1
    assert report.end_to_end.value == 1.0


def test_speaker_rule() -> None:
    assert attribution.speaker_matches("Mr. Lund", {"text": "Lund", "name": "Ana Lund"})
    assert attribution.speaker_matches("Fed Chair Ana Lund", {"text": "Ana Lund", "name": None})
    assert attribution.speaker_matches("the council", {"text": "The Council", "name": None})
    assert not attribution.speaker_matches("Ana Lund", {"text": "Bo Berg", "name": "Bo Berg"})
    assert not attribution.speaker_matches("Ana Lund", None)
    assert attribution.is_pronoun("She") and not attribution.is_pronoun("Lund")


def test_offsets_of_a_cleaned_text_are_carried_back() -> None:
    cleaned = TEXT.replace("Mayor Ana Lund said. ", "Mayor Ana Lund said.")      # one character fewer
    start = cleaned.find("It opens")
    record = {"id": "a", "text": cleaned, "quotes": [
        {"text": "It opens in May.", "speaker": LUND, "direct": True, "start": start, "end": start + 16}]}
    report = attribution.score([GOLD_ROW], [record])
    assert report.detection["direct"].tp_gold == 1 and report.unmatched.value == 0.0


def test_format_report_and_predictor(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD_ROW) + "\n", encoding="utf-8")
    assert scorer_for(str(path)) is attribution

    def predict(items):
        for item in items:
            yield {"id": item["id"], "text": item["text"], "quotes": [_pred("We will build the bridge", LUND)]}
    report = attribution.run(str(path), predict=predict)
    text = attribution.format_report(report)
    assert "direct" in text and "end to end" in text
    assert report.as_dict()["direct_recall"] == 0.5


def test_real_gold_file_reads() -> None:
    path = GOLD_DIR / "polnear-dev.jsonl"
    if not path.exists():
        print(f"skipped: {path} is absent (the shared gold data lives outside the repo)")
        pytest.skip(f"{path} is absent")
    rows = attribution.read_gold(str(path))
    report = attribution.score(rows, [])
    assert report.documents == len(rows) > 0
    assert report.detection["direct"].gold > 0 and report.detection["all"].tp_gold == 0


def test_speaker_rule_reads_the_name_before_an_apposition() -> None:
    assert attribution.speaker_matches("Lund, a Kowal ally,", {"text": "Lund", "name": "Ana Lund"})
    assert not attribution.speaker_matches("Lund, a Kowal ally,", {"text": "Berg", "name": "Bo Berg"})
