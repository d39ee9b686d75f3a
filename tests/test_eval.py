"""The scorer of ``dragoman eval`` on hand-made gold rows and predicted records with known answers,
and the gold converters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.evaluate import events as scorer
from dragoman.evaluate import goldconv

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def shared(name: str) -> Path:
    path = GOLD / name
    if not path.exists():
        reason = f"{path} is absent (../shared is not beside this checkout)"
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    return path


def actor(country=None, code=None, sector=None, text="x"):
    return {"text": text, "name": None, "country": country, "sector": sector,
            "code": code if code is not None else ((country or "") + (sector or "")) or None}


def event(plover, cameo, actors=(), recipients=(), confidence=0.8, trigger=None):
    return {"plover": plover, "cameo": cameo, "confidence": confidence, "trigger": trigger,
            "actors": [actor(c) if isinstance(c, str) else c for c in actors],
            "recipients": [actor(c) if isinstance(c, str) else c for c in recipients]}


def record(id, *events):
    return {"id": id, "events": list(events)}


def gold(id, *expected, no_event=False):
    return {"id": id, "text": f"sentence {id}", "expected": list(expected), "expect_no_event": no_event}


def exp(actors, recipients, cameo, plover):
    return {"actors": list(actors), "recipients": list(recipients), "cameo": cameo, "plover": plover}


GOLD_ROWS = [
    gold("a", exp(["USA"], ["RUS"], "042", "CONSULT")),
    gold("b", exp(["ISR"], ["PSE"], "195", "ASSAULT")),
    gold("c", exp(["TUR", "SYR"], [], "046", "CONSULT")),
    gold("d", no_event=True),
]


def perfect():
    return {
        "a": record("a", event("CONSULT", "042", ["USA"], ["RUS"])),
        "b": record("b", event("ASSAULT", "195", [actor("ISR", "ISRMIL", "MIL")], ["PSE"])),
        "c": record("c", event("CONSULT", "046", ["TUR", "SYR"])),
        "d": record("d"),
    }


def test_perfect_predictions_score_one():
    r = scorer.score(GOLD_ROWS, perfect())
    assert (r.sentences, r.with_event, r.no_event, r.missing) == (4, 3, 1, 0)
    for rate in (r.plover_type, r.cameo_root, r.cameo_code, r.any_root, r.any_code, r.no_event_precision):
        assert rate.value == 1.0
    for prf in (r.source, r.events):
        assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
    assert r.target.precision == 1.0 and r.target.recall == 1.0  # b's PSE and a's RUS
    assert r.confusion == {("CONSULT", "CONSULT"): 2, ("ASSAULT", "ASSAULT"): 1, ("(no event)", "(none)"): 1}
    assert r.mistakes == []


def test_missing_events_and_missing_records_count_as_wrong():
    predicted = perfect()
    predicted["a"] = record("a")  # no event
    del predicted["b"]  # no record at all
    r = scorer.score(GOLD_ROWS, predicted)
    assert r.missing == 1
    assert (r.plover_type.hits, r.plover_type.n) == (1, 3)
    assert (r.cameo_root.hits, r.cameo_code.hits, r.any_root.hits) == (1, 1, 1)
    assert (r.source.matched_gold, r.source.n_gold) == (2, 4)  # only c's TUR, SYR
    assert r.source.precision == 1.0 and r.source.recall == 0.5
    assert r.target.n_pred == 0 and r.target.precision is None and r.target.recall == 0.0
    assert (r.events.matched_gold, r.events.n_gold, r.events.n_pred) == (1, 3, 1)
    assert r.confusion[("CONSULT", "(none)")] == 1 and r.confusion[("ASSAULT", "(none)")] == 1
    assert [m.id for m in r.mistakes] == ["a", "b"]


def test_best_event_is_the_most_confident():
    predicted = perfect()
    predicted["b"] = record("b", event(None, "010", ["ISR"], confidence=0.3),
                            event("ASSAULT", "190", ["ISR"], ["PSE"], confidence=0.9))
    r = scorer.score(GOLD_ROWS, predicted)
    assert r.plover_type.value == 1.0
    assert (r.cameo_root.hits, r.cameo_code.hits) == (3, 2)  # 190 vs 195: right root, wrong code
    assert (r.any_code.hits, r.any_code.n) == (2, 3)
    assert r.events.n_pred == 4 and r.events.matched_pred == 3  # the statement is a false positive


def test_wrong_type_goes_to_the_confusion_table():
    predicted = perfect()
    predicted["a"] = record("a", event("SUPPORT", "051", ["USA"], ["RUS"], trigger="praised"))
    predicted["c"] = record("c", event(None, "020", ["TUR"]))
    r = scorer.score(GOLD_ROWS, predicted)
    assert r.confusion[("CONSULT", "SUPPORT")] == 1
    assert r.confusion[("CONSULT", "(untyped)")] == 1
    assert (r.plover_type.hits, r.plover_type.n) == (1, 3)
    assert r.mistakes[0].trigger == "praised"
    text = scorer.format_report(r)
    assert "confusion" in text and "SUPPO" in text and "untyp" in text
    assert "a: gold CONSULT 042 -> SUPPORT 051 (praised)" in text


def test_no_event_precision():
    rows = [gold("n1", no_event=True), gold("n2", no_event=True), gold("n3", no_event=True)]
    predicted = {"n1": record("n1"),
                 "n2": record("n2", event(None, "010", ["USA"])),
                 "n3": record("n3", event("ACCUSE", "111", ["USA"]))}
    r = scorer.score(rows, predicted)
    assert (r.no_event_precision.hits, r.no_event_precision.n) == (1, 3)
    assert (r.no_typed_event.hits, r.no_typed_event.n) == (2, 3)
    assert r.events.n_pred == 2 and r.events.precision == 0.0 and r.events.recall is None
    assert r.plover_type.n == 0 and r.plover_type.value is None
    assert r.confusion[("(no event)", "ACCUSE")] == 1


def test_compound_actors():
    rows = [gold("j", exp(["USA", "JOR"], [], "0311", "AGREE"))]
    one = scorer.score(rows, {"j": record("j", event("AGREE", "030", ["USA"]))})
    assert (one.source.precision, one.source.recall) == (1.0, 0.5)
    assert one.source.f1 == pytest.approx(2 / 3)
    both = scorer.score(rows, {"j": record("j", event("AGREE", "030", ["USA", "JOR", "USA"]))})
    assert (both.source.precision, both.source.recall) == (1.0, 1.0)  # duplicates counted once
    extra = scorer.score(rows, {"j": record("j", event("AGREE", "030", ["USA", "JOR", "EGY"]))})
    assert extra.source.precision == pytest.approx(2 / 3) and extra.source.recall == 1.0
    swapped = scorer.score(rows, {"j": record("j", event("AGREE", "030", ["USA"], ["JOR"]))})
    assert swapped.source.recall == 0.5 and swapped.target.n_pred == 1 and swapped.target.matched_pred == 0
    assert swapped.events.matched_gold == 1  # the event still matches: actors ∪ recipients overlap


def test_non_iso_codes_match_actor_codes():
    rows = [gold("u", exp(["IGO"], ["IRQ"], "1053", "REQUEST")), gold("v", exp(["USAGOV"], [], "040", "CONSULT"))]
    igo = actor(None, "USC", "IGO")
    predicted = {"u": record("u", event("REQUEST", "105", [igo], ["IRQ"])),
                 "v": record("v", event("CONSULT", "040", [actor("USA", "USAGOV", "GOV")]))}
    r = scorer.score(rows, predicted)
    assert r.source.recall == 1.0 and r.source.precision == 1.0
    assert scorer.actor_matches("IGO", {"country": None, "code": "IGOUNO", "sector": None})
    assert not scorer.actor_matches("IGO", {"country": "IRQ", "code": "IRQGOV", "sector": "GOV"})
    assert not scorer.actor_matches("USA", {"country": None, "code": None, "sector": None})


def test_unannotated_actors_are_not_scored():
    rows = [gold("k", exp([], [], "111", "ACCUSE"))]
    r = scorer.score(rows, {"k": record("k", event("ACCUSE", "111", ["FRA"]))})
    assert r.source.n_gold == 0 and r.source.n_pred == 0
    assert r.events.matched_gold == 1  # no gold actors: type alone decides


def test_event_f1_with_two_expected_events():
    rows = [gold("m", exp(["RUS"], ["UKR"], "190", "ASSAULT"), exp(["UKR"], ["RUS"], "111", "ACCUSE"))]
    predicted = {"m": record("m", event("ASSAULT", "193", ["RUS"], ["UKR"]),
                             event("ASSAULT", "190", ["RUS"], ["UKR"], confidence=0.5),
                             event("ACCUSE", "112", ["GBR"], ["RUS"], confidence=0.4))}
    r = scorer.score(rows, predicted)
    assert (r.events.matched_gold, r.events.n_gold, r.events.n_pred) == (2, 2, 3)
    assert r.events.recall == 1.0 and r.events.precision == pytest.approx(2 / 3)
    wrong_actors = scorer.score(rows, {"m": record("m", event("ACCUSE", "112", ["GBR"], ["FRA"]))})
    assert wrong_actors.events.matched_gold == 0


def test_null_plover_gold_is_matched_by_cameo_root():
    rows = [gold("s", exp(["USA"], [], "0233", None))]
    r = scorer.score(rows, {"s": record("s", event(None, "023", ["USA"]))})
    assert r.plover_type.n == 0  # no PLOVER gold, nothing to score there
    assert r.cameo_root.value == 1.0 and r.cameo_code.value == 0.0
    assert r.events.matched_gold == 1


def test_guessed_gold_codes_are_skipped_by_full_code_accuracy():
    row = gold("g", exp(["USA"], [], "0355", "AGREE"))
    row["expected"][0]["cameo_exact"] = False
    r = scorer.score([row], {"g": record("g", event("AGREE", "036", ["USA"]))})
    assert r.cameo_root.value == 1.0 and r.cameo_code.n == 0 and r.any_code.n == 0


def test_score_reads_raw_gold_shapes():
    raw = {"id": "P1", "text": "t", "event": "DEMAND", "event_plover_current": "REQUEST",
           "source": [{"actorText": "Japan", "code": "JAP"}], "target": [{"actorText": "U.N.", "code": "IGO"}],
           "cameo_root_implied": ["10"], "cameo_code_matched": None, "cameo_code_best_candidate": "1041"}
    r = scorer.score([raw], {"P1": record("P1", event("REQUEST", "100", ["JPN"], [actor(None, "UNO", "IGO")]))})
    assert r.plover_type.value == 1.0 and r.source.recall == 1.0 and r.target.recall == 1.0
    assert r.cameo_code.n == 0  # a best-candidate code is a guess


def test_report_as_dict_is_json_ready():
    r = scorer.score(GOLD_ROWS, perfect())
    data = json.loads(json.dumps(r.as_dict()))
    assert data["plover_type"]["value"] == 1.0 and data["source"]["f1"] == 1.0
    assert {"gold": "ASSAULT", "predicted": "ASSAULT", "count": 1} in data["confusion"]


def test_format_report_shows_every_metric():
    text = scorer.format_report(scorer.score(GOLD_ROWS, perfect()))
    for words in ("PLOVER type accuracy", "CAMEO root accuracy", "CAMEO code accuracy", "source countries",
                  "target countries", "event F1", "no-event precision", "confusion"):
        assert words in text
    empty = scorer.format_report(scorer.score([], {}))
    assert "n/a" in empty


def test_run_uses_the_given_predictor(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(g) + "\n" for g in GOLD_ROWS), encoding="utf-8")
    seen = []

    def predict(items):
        for item in items:
            seen.append(item)
            yield perfect()[item["id"]]

    r = scorer.run(str(path), predict=predict)
    assert r.plover_type.value == 1.0
    assert [s["id"] for s in seen] == ["a", "b", "c", "d"] and "published" not in seen[0]


# ---- converters ---------------------------------------------------------------------------

def test_shape_detection_and_eval_rows_pass_through():
    row = gold("x", exp(["usa"], [], "042", "consult"))
    assert goldconv.shape(row) == "eval"
    out = goldconv.to_eval(row)
    assert out["expected"][0]["actors"] == ["USA"] and out["expected"][0]["plover"] == "CONSULT"
    with pytest.raises(ValueError):
        goldconv.to_eval({"id": "z", "foo": 1})


def test_convert_plover_gold_records():
    rows = goldconv.load_gold(shared("plover-examples.dev.jsonl"))
    assert len(rows) == 180
    assert all(r["expected"] and not r["expect_no_event"] for r in rows)
    types = {r["expected"][0]["plover"] for r in rows}
    assert "REQUEST" in types and not types & {"DEMAND", "DISAPPROVE", "FIGHT", "INVESTIGATE"}
    codes = {c for r in rows for e in r["expected"] for c in e["actors"] + e["recipients"]}
    assert "JPN" in codes and "JAP" not in codes
    compound = next(r for r in rows if r["id"] == "PLOVER-GSR01-AGREE-0003")
    assert compound["expected"][0]["actors"] == ["USA", "JOR"]
    for r in rows:
        cameo = r["expected"][0]["cameo"]
        assert cameo is None or len(cameo) >= 3


def test_convert_cameo_examples():
    rows = goldconv.load_gold(shared("cameo-examples.jsonl"))
    assert len(rows) == 277
    by_id = {r["id"]: r for r in rows}
    assert by_id["CAMEO-010"]["expected"][0] == {"actors": [], "recipients": [], "cameo": "010", "plover": None}
    assert sum(bool(r["expected"][0]["actors"]) for r in rows) > 150
    assert {r["expected"][0]["plover"] for r in rows} >= {"CONSULT", "ASSAULT", None}


def test_converter_script_writes_jsonl(tmp_path):
    import subprocess
    import sys

    src = shared("plover-examples.dev.jsonl")
    script = Path(__file__).resolve().parents[1] / "scripts" / "gold_to_eval.py"
    out = tmp_path / "gold" / "plover.eval.jsonl"
    subprocess.run([sys.executable, str(script), str(src), str(out)], check=True, capture_output=True)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 180 and goldconv.shape(rows[0]) == "eval"
