"""Gold files in other shapes → the gold format of ``dragoman eval`` (CONTRACT.md).

Why: the reference sets we score against come in their publishers' shapes (the PLOVER gold
standard records, the ICEWS CAMEO codebook examples). Converting them here, row by row, lets
``dragoman eval`` read the raw files directly and keeps the converted third-party sentences out
of the repository (``scripts/gold_to_eval.py`` writes them under the git-ignored ``out/``).

Eval gold row: ``{"id", "text", "published"?, "expected": [{"actors", "recipients", "cameo",
"plover"}], "expect_no_event"}``. Two optional keys extend it: ``expected[i]["cameo_exact"]``
(False when the CAMEO code is only a best guess, so full-code accuracy skips it) and
``"source"`` (which converter produced the row).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dragoman.knowledge import codebook

# Country codes in the PLOVER gold records that are not ISO 3166-1 alpha-3 (typos or older
# CAMEO-era spellings) → the ISO code dragoman emits.
CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def norm_code(code: str | None) -> str | None:
    """An actor code from a gold file, upper-cased and with known non-ISO spellings fixed."""
    if not code:
        return None
    code = str(code).strip().upper()
    return CODE_ALIASES.get(code, code) or None


def _codes(actors: Iterable[Any]) -> list[str]:
    """Codes of a gold actor list (dicts with ``code`` or bare strings), order kept, no repeats."""
    out: list[str] = []
    for a in actors or []:
        code = norm_code(a.get("code") if isinstance(a, dict) else a)
        if code and code not in out:
            out.append(code)
    return out


def shape(row: dict[str, Any]) -> str:
    """Which kind of gold row this is: 'eval', 'plover-gsr', 'cameo-examples' or 'unknown'."""
    if "expected" in row or "expect_no_event" in row:
        return "eval"
    if "event_plover_current" in row or ("event" in row and "source" in row and "target" in row):
        return "plover-gsr"
    if "code" in row and "text" in row and ("actors_from_plover_gsr" in row or "description" in row):
        return "cameo-examples"
    return "unknown"


def _row(row: dict[str, Any], expected: dict[str, Any], source: str) -> dict[str, Any]:
    out = {"id": str(row["id"]), "text": row["text"]}
    if row.get("published"):
        out["published"] = row["published"]
    out.update({"expected": [expected], "expect_no_event": False, "source": source})
    return out


def from_plover_gsr(row: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER gold standard record (plover-examples.dev.jsonl) → an eval row.

    The PLOVER type is the current name (``event_plover_current``: DEMAND→REQUEST etc.); the CAMEO
    code is the matched manual example's code, else the best candidate, which is then flagged
    ``cameo_exact: false`` because the match was weak. Compound actors stay lists.
    """
    matched = row.get("cameo_code_matched")
    cameo = matched or row.get("cameo_code_best_candidate") or None
    roots = row.get("cameo_root_implied") or []
    if cameo and roots and cameo[:2] not in roots:
        cameo = None  # a candidate outside the roots the PLOVER type implies is no gold
    plover = row.get("event_plover_current") or row.get("event") or None
    expected = {
        "actors": _codes(row.get("source")),
        "recipients": _codes(row.get("target")),
        "cameo": cameo,
        "plover": plover,
    }
    if cameo and not matched:
        expected["cameo_exact"] = False
    return _row(row, expected, "plover-gsr")


def from_cameo_example(row: dict[str, Any]) -> dict[str, Any]:
    """One CAMEO codebook example (cameo-examples.jsonl) → an eval row.

    The PLOVER type comes from the codebook's CAMEO→PLOVER mapping (null for 01/02). Actors are
    known only where the sentence is also a PLOVER gold record (``actors_from_plover_gsr``);
    otherwise both lists are empty, which the scorer reads as "actors not annotated".
    """
    code = str(row["code"]).strip()
    entry = codebook.cameo(code)
    sides = (row.get("actors_from_plover_gsr") or [{}])[0]
    expected = {
        "actors": _codes(sides.get("source")),
        "recipients": _codes(sides.get("target")),
        "cameo": code,
        "plover": entry.plover if entry else None,
    }
    return _row(row, expected, "cameo-examples")


def normalise_eval(row: dict[str, Any]) -> dict[str, Any]:
    """An eval-format row with defaults filled and codes normalised."""
    expected = []
    for e in row.get("expected") or []:
        item = dict(e)
        item["actors"] = _codes(e.get("actors"))
        item["recipients"] = _codes(e.get("recipients"))
        item["cameo"] = str(e["cameo"]).strip() if e.get("cameo") else None
        item["plover"] = str(e["plover"]).strip().upper() if e.get("plover") else None
        expected.append(item)
    out = dict(row)
    out["id"] = str(row["id"])
    out["expected"] = expected
    out["expect_no_event"] = bool(row.get("expect_no_event", False))
    return out


def to_eval(row: dict[str, Any]) -> dict[str, Any]:
    """Any supported gold row → an eval row (ValueError for an unknown shape)."""
    kind = shape(row)
    if kind == "eval":
        return normalise_eval(row)
    if kind == "plover-gsr":
        return from_plover_gsr(row)
    if kind == "cameo-examples":
        return from_cameo_example(row)
    raise ValueError(f"unrecognised gold row (keys: {', '.join(sorted(row))})")


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from exc


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """A gold file of any supported shape (detected per row) as eval rows."""
    rows = []
    for n, row in enumerate(read_jsonl(path), 1):
        try:
            rows.append(to_eval(row))
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{path}:{n}: {exc}") from exc
    return rows


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Writes rows as JSON Lines (creating the folder); returns how many."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
