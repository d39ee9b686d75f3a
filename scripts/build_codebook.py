#!/usr/bin/env python3
"""Builds dragoman's codebook package data from the reference tables in ../shared/gold.

Why a script: the CAMEO/PLOVER tables are facts gathered from several sources that disagree in
places (names, Goldstein values, PLOVER quirks). The choices made here are written down once,
in code a reviewer can read, and the result is two plain data files the package ships:

    src/dragoman/knowledge/data/cameo.tsv    one row per CAMEO code
    src/dragoman/knowledge/data/plover.json  PLOVER types, modes, scores, contexts, sectors

Standard library only, so it runs anywhere:

    python scripts/build_codebook.py [--codes ../shared/gold/cameo-codes.tsv]
                                     [--ontology ../shared/gold/plover-ontology.json]
                                     [--out src/dragoman/knowledge/data]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CODES = REPO.parent / "shared" / "gold" / "cameo-codes.tsv"
DEFAULT_ONTOLOGY = REPO.parent / "shared" / "gold" / "plover-ontology.json"
DEFAULT_OUT = REPO / "src" / "dragoman" / "know" / "data"

COLUMNS = ["code", "name", "goldstein", "quad_class", "plover", "plover_mode", "plover_contexts", "root"]

QUAD_NUMBER = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}


def _float(value: str) -> float | None:
    value = (value or "").strip()
    return float(value) if value else None


def _parent(code: str) -> str | None:
    """The next-less-specific CAMEO code: 1951 -> 195 -> 19; None for a root."""
    return code[:-1] if len(code) > 2 else None


MANUAL_ROOT_TYPES = {"16": "SANCTION", "17": "COERCE", "19": "ASSAULT"}
MANUAL_ROOT_TYPE_CODES = {"163", "1712", "175", "191", "192"}


def _plover(code: str, raw: str) -> str:
    """The PLOVER type of one code; '(dropped)' (CAMEO 01, 02) becomes empty.

    Root 08 is split in PLOVER (080-083 CONCEDE, 084-087 RETREAT); the root row itself takes
    the type of its 'not specified' child 080, i.e. CONCEDE.
    """
    raw = raw.strip()
    if raw == "(dropped)" or not raw:
        return ""
    if code in MANUAL_ROOT_TYPE_CODES:
        # CAMEO2PLOVER moves these few codes out of their root's type; the PLOVER manual's table maps
        # whole roots (16 SANCTION, 17 COERCE, 18 and 19 ASSAULT), and its SANCTION covers "all
        # reductions in … relations (not only formal sanctions)": the manual's root type wins
        return MANUAL_ROOT_TYPES[code[:2]]
    if code[:3] == "081":
        # CAMEO2PLOVER lists 0813/0814 (ease curfew, state of emergency) under RETREAT, against its
        # own root split (080-083 CONCEDE) and the PLOVER manual, whose CONCEDE names lifting curfews
        return "CONCEDE"
    if " " in raw:  # "CONCEDE (080-083) / RETREAT (084-087)"
        return raw.split()[0]
    return raw


def build_cameo(rows: list[dict[str, str]], contexts: set[str] | frozenset[str] = frozenset()
                ) -> tuple[list[dict[str, str]], list[str]]:
    """Returns the cameo.tsv rows and the list of codes whose Goldstein value was filled in.

    A mode cell that holds a PLOVER context name (175: 'pro_autocracy', a column shift in
    CAMEO2PLOVER-2021) is moved to the contexts, where it belongs.
    """
    by_code = {r["code"]: r for r in rows}
    filled: list[str] = []
    out = []
    for r in rows:
        code = r["code"]
        goldstein = _float(r["goldstein_gdelt"])
        if goldstein is None:
            # GDELT has no value for a few codes newer than its lookup: take Phoenix's (same
            # scale, same origin), else the nearest ancestor's GDELT value.
            goldstein = _float(r["goldstein_phoenix"])
            source = "phoenix"
            parent = _parent(code)
            while goldstein is None and parent:
                goldstein = _float(by_code[parent]["goldstein_gdelt"])
                source = f"parent {parent}"
                parent = _parent(parent)
            filled.append(f"{code}<-{source}")
        row_contexts = [c.strip() for c in r["plover_context"].split(";") if c.strip()]
        mode = r["plover_mode"].strip()
        if mode in contexts:
            row_contexts = [mode] + [c for c in row_contexts if c != mode]
            mode = ""
        if code in MANUAL_ROOT_TYPE_CODES:
            mode = ""       # CAMEO2PLOVER's mode belongs to the type it chose, not to the root's
        out.append({
            "code": code,
            "name": r["name"].strip().rstrip(","),
            "goldstein": "" if goldstein is None else f"{goldstein:g}",
            "quad_class": str(int(r["quad_class"])),
            "plover": _plover(code, r["plover_event"]),
            "plover_mode": mode,
            "plover_contexts": ";".join(row_contexts),
            "root": r["root"].strip(),
        })
    return out, filled


def write_cameo(rows: list[dict[str, str]], filled: list[str], path: Path) -> None:
    header = [
        "# dragoman CAMEO codebook: one row per CAMEO event code (built by scripts/build_codebook.py).",
        "# Sources: CAMEO 1.1b3 manual code list (names); GDELT lookups CAMEO.eventcodes.txt and",
        "#   CAMEO.goldsteinscale.txt (Goldstein); PLOVER CAMEO2PLOVER-2021.txt (plover, plover_mode,",
        "#   plover_contexts); quad classes as in GDELT/Phoenix QuadClass.",
        "# name: the CAMEO 1.1b3 manual's name (GDELT's names for 101-108 follow an older layout).",
        "# goldstein: GDELT's CAMEO.goldsteinscale.txt value, used for every code (the sources disagree",
        "#   for 016, 022, 124, 163-166). Codes without a GDELT value take Phoenix's, else the nearest",
        "#   ancestor's GDELT value: " + ", ".join(filled) + ".",
        "# plover: empty where CAMEO2PLOVER drops the code (roots 01, 02). Root 08 is split by PLOVER",
        "#   (080-083 CONCEDE, 084-087 RETREAT); the 08 row carries CONCEDE like 080. 0813 and 0814 follow",
        "#   that split and the PLOVER manual (CONCEDE: 'lifting curfews'), not their RETREAT rows. 163,",
        "#   1712, 175, 191 and 192 take the manual's type for their root (16 SANCTION, 17 COERCE,",
        "#   19 ASSAULT) where CAMEO2PLOVER moves them (to COERCE, ASSAULT, ASSAULT, COERCE, COERCE);",
        "#   their CAMEO2PLOVER modes, which belong to the other type, are dropped.",
        "# plover_mode: as in CAMEO2PLOVER-2021 (a few are not in the manual's mode tables: ease, return, ban, political); 175's",
        "#   mode cell holds the context pro_autocracy there (a column shift) and is moved to contexts.",
        "# plover_contexts: ';'-separated; values as in CAMEO2PLOVER-2021 (a few are not among the",
        "#   manual's 37 contexts, e.g. humanitarian, democracy).",
        "# root: the two-digit CAMEO root (01..20).",
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        for line in header:
            fh.write(line + "\n")
        fh.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            fh.write("\t".join(row[c] for c in COLUMNS) + "\n")


def _score(value: float | str) -> tuple[float, str]:
    """A type score and its printed form; the ontology file annotates one score in words
    ("3 (as printed; ...)"), of which the leading number is the printed value."""
    text = str(value).strip()
    return float(text.split()[0]), text.split()[0]


def build_plover(onto: dict) -> dict:
    """PLOVER types with numeric quad classes and scores; the manual's two quirks are resolved
    (and said so) rather than passed on silently."""
    types = []
    for ev in onto["events"]:
        quad_text = ev["quad"]
        entry: dict = {"name": ev["event"]}
        if quad_text in QUAD_NUMBER:
            entry["quad"] = quad_text
            entry["quad_class"] = QUAD_NUMBER[quad_text]
        else:
            # SANCTION: the manual's event section says material conflict, its summary table
            # verbal conflict; CAMEO root 16 is quad class 4, so material conflict.
            entry["quad"] = "material conflict"
            entry["quad_class"] = 4
            entry["quad_note"] = quad_text
        score, printed = _score(ev["score"])
        mode_scores = dict(ev.get("mode_scores") or {})
        negatives = [v for v in mode_scores.values() if isinstance(v, int | float)]
        if score > 0 and negatives and all(v < 0 for v in negatives):
            # ACCUSE: printed +3 while every mode scores -2..-3.5; a sign typo.
            entry["score"] = -score
            entry["score_note"] = f"manual prints {printed}; sign corrected to match its mode scores"
        else:
            entry["score"] = score
        entry["requires_recipient"] = bool(ev.get("requires_recipient"))
        entry["cameo_roots"] = list(ev.get("cameo_roots") or [])
        entry["modes"] = [{"name": m, "score": mode_scores.get(m)} for m in ev.get("modes") or []]
        entry["definition"] = ev.get("definition", "")
        types.append(entry)
    extra = {}
    for name, modes in (onto.get("polecat_ngec_extra_modes") or {}).items():
        clean = [m.split(" (")[0] for m in modes if not m.startswith("(")]
        if clean:
            extra[name] = clean
    return {
        "source": onto.get("source", "openeventdata/PLOVER"),
        "note": "Built by scripts/build_codebook.py from ../shared/gold/plover-ontology.json. "
                "Scores are PLOVER scores (-10..10); a mode score of null means the manual gives none.",
        "types": types,
        "auxiliary_modes": list(onto.get("auxiliary_modes") or []),
        "extra_modes": extra,
        "contexts": list(onto.get("contexts") or []),
        "sectors": dict(onto.get("sector_codes") or {}),
        "nonstate_codes": dict(onto.get("nonstate_country_codes") or {}),
        "renamed": dict(onto.get("renamed_from_older_drafts") or {}),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--codes", type=Path, default=DEFAULT_CODES)
    ap.add_argument("--ontology", type=Path, default=DEFAULT_ONTOLOGY)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    for p in (args.codes, args.ontology):
        if not p.exists():
            print(f"build_codebook: missing input {p}", file=sys.stderr)
            return 2
    with args.codes.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    onto = json.loads(args.ontology.read_text(encoding="utf-8"))
    cameo_rows, filled = build_cameo(rows, frozenset(onto.get("contexts") or []))
    args.out.mkdir(parents=True, exist_ok=True)
    write_cameo(cameo_rows, filled, args.out / "cameo.tsv")
    plover = build_plover(onto)
    (args.out / "plover.json").write_text(json.dumps(plover, indent=1, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    print(f"wrote {len(cameo_rows)} CAMEO codes and {len(plover['types'])} PLOVER types to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
