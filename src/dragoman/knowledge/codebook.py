"""The CAMEO and PLOVER codebooks as Python objects, read once from package data.

Why a module of its own: every stage that names an event (the extractor, the exports, the
scorer, the dashboard) needs the same facts about a code: its name, Goldstein value, quad class
and PLOVER type. They live in ``dragoman/knowledge/data/cameo.tsv`` and ``plover.json`` (built by
``scripts/build_codebook.py``), and this module is the one place that reads them. The trigger
lexicon ``triggers.tsv`` is parsed here too, so its format has a single definition.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_PACKAGE = "dragoman.knowledge"


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with its Goldstein value (GDELT's) and its PLOVER mapping."""

    code: str
    name: str
    goldstein: float | None
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_contexts: tuple[str, ...]
    root: str


@dataclass(frozen=True)
class PloverMode:
    name: str
    score: float | None


@dataclass(frozen=True)
class PloverType:
    """One of PLOVER's 16 event types."""

    name: str
    quad: str
    quad_class: int
    score: float
    requires_recipient: bool
    modes: tuple[PloverMode, ...]
    definition: str

    def mode(self, name: str) -> PloverMode | None:
        return next((m for m in self.modes if m.name == name), None)


@dataclass(frozen=True)
class Trigger:
    """One row of triggers.tsv: lemma pattern (head first), part of speech, the CAMEO code it
    implies, and an optional PLOVER type/mode override (None: use the codebook mapping)."""

    pattern: tuple[str, ...]
    pos: str
    cameo: str
    plover: str | None
    mode: str | None
    note: str

    @property
    def head(self) -> str:
        return self.pattern[0]


def _read_text(name: str) -> str:
    return resources.files(_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")


def _data_lines(text: str) -> list[list[str]]:
    """Rows of a '#'-commented TSV, header row included, blank lines skipped."""
    return [line.rstrip("\n").split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def all_cameo() -> dict[str, CameoCode]:
    """Every CAMEO code, keyed by code string ("042", "1821"), in codebook order."""
    rows = _data_lines(_read_text("cameo.tsv"))
    header, body = rows[0], rows[1:]
    out: dict[str, CameoCode] = {}
    for values in body:
        r = dict(zip(header, values + [""] * (len(header) - len(values)), strict=True))
        out[r["code"]] = CameoCode(
            code=r["code"], name=r["name"],
            goldstein=float(r["goldstein"]) if r["goldstein"] else None,
            quad_class=int(r["quad_class"]),
            plover=r["plover"] or None, plover_mode=r["plover_mode"] or None,
            plover_contexts=tuple(c for c in r["plover_contexts"].split(";") if c),
            root=r["root"],
        )
    return out


def cameo(code: str | None) -> CameoCode | None:
    """The codebook entry of a CAMEO code, or None when unknown (or None)."""
    if not code:
        return None
    table = all_cameo()
    found = table.get(code)     # the common case: a clean code string, asked many times per event
    return found if found is not None else table.get(str(code).strip())


@cache
def plover_data() -> dict[str, Any]:
    """The raw plover.json (types, contexts, sectors, non-state codes, source)."""
    return json.loads(_read_text("plover.json"))


@cache
def _plover_types() -> dict[str, PloverType]:
    out = {}
    for t in plover_data()["types"]:
        out[t["name"]] = PloverType(
            name=t["name"], quad=t["quad"], quad_class=int(t["quad_class"]), score=float(t["score"]),
            requires_recipient=bool(t["requires_recipient"]),
            modes=tuple(PloverMode(m["name"], None if m["score"] is None else float(m["score"]))
                        for m in t["modes"]),
            definition=t["definition"],
        )
    return out


def all_plover() -> dict[str, PloverType]:
    """The 16 PLOVER types keyed by name."""
    return dict(_plover_types())


def plover_type(name: str | None) -> PloverType | None:
    """A PLOVER type by name (case-insensitive), or None."""
    if not name:
        return None
    return _plover_types().get(name.strip().upper())


def plover_score(type_name: str | None, mode: str | None = None) -> float | None:
    """The PLOVER score of a type, refined by its mode when the manual scores that mode.

    A mode the manual does not list or does not score (e.g. PROTEST/vandalize) falls back to the
    type's score, so every known type gets a number; an unknown type gives None.
    """
    t = plover_type(type_name)
    if t is None:
        return None
    m = t.mode(mode) if mode else None
    return m.score if m is not None and m.score is not None else t.score


@cache
def triggers() -> tuple[Trigger, ...]:
    """The trigger lexicon (data/triggers.tsv); see that file's header for the semantics."""
    rows = _data_lines(_read_text("triggers.tsv"))
    header, body = rows[0], rows[1:]
    out = []
    for values in body:
        r = dict(zip(header, values + [""] * (len(header) - len(values)), strict=False))
        out.append(Trigger(
            pattern=tuple(r["pattern"].split()), pos=r["pos"].strip(), cameo=r["cameo"].strip(),
            plover=r.get("plover", "").strip() or None, mode=r.get("mode", "").strip() or None,
            note=r.get("note", "").strip(),
        ))
    return tuple(out)
