"""Mentions of one happening within a document: a later 'the talks' or 'the meeting' refers back to the talks already reported and inherits their parties, place and date."""

from __future__ import annotations

from spacy.tokens import Token

from dragoman.annotate.candidates import Candidate
from dragoman.annotate.participants import (
    Participants,
    between_phrase,
)

SPECIFIC_DETS = {"the", "this", "that", "these", "those"}


DEMONSTRATIVES = {"this", "that", "these", "those"}


REFERENCE_WINDOW = 3     # sentences an undated reference may reach back


SPECIFIC_MODS = {"recent", "latest", "last", "previous", "current", "ongoing", "upcoming", "planned", "first",
                 "second", "new", "today", "yesterday"}


def _is_specific(token: Token, parts: Participants) -> bool:
    """A definite or anchored event noun ('the talks', 'the February 18 discussions', 'talks in Riyadh')."""
    if parts.date is not None or parts.location is not None:
        return True
    for child in token.children:
        if child.dep_ == "det" and child.lower_ in SPECIFIC_DETS:
            return True
        if child.dep_ in ("poss", "amod", "compound") and child.lower_ in SPECIFIC_MODS:
            return True
    return False


def _kind(cand: Candidate) -> str:
    """Which earlier events a reference may point to: same PLOVER type; mediation apart."""
    return "045" if cand.cameo == "045" else (cand.plover or cand.cameo[:2])


def _antecedent(cand: Candidate, explicit: list[Candidate]) -> Candidate | None:
    """The event a participant-less noun refers to: the latest one of its kind on its own date,
    or, for an undated noun, the latest one of its kind a few sentences back."""
    same_kind = [c for c in explicit if _kind(c) == _kind(cand)]
    if cand.parts.date is not None:
        dated = [c for c in same_kind if c.parts.date is not None and c.parts.date.date == cand.parts.date.date]
        if dated:
            return dated[-1]
    recent = [c for c in same_kind if cand.sentence - c.sentence <= REFERENCE_WINDOW]
    return recent[-1] if recent else None


def resolve_references(cands: list[Candidate]) -> None:
    """Participant-less event nouns take 'between X and Y' or the event of their kind they refer to."""
    explicit: list[Candidate] = []
    for cand in cands:
        if cand.trigger.pos == "N" and not cand.sides:
            between = between_phrase(cand.span)
            if between:
                cand.parts.add("actors", between)
            elif _is_specific(cand.token, cand.parts):
                antecedent = _antecedent(cand, explicit)
                if antecedent is not None:
                    _inherit(cand, antecedent)
        if cand.coded and cand.inherited_from is None:
            explicit.append(cand)


def _inherit(cand: Candidate, antecedent: Candidate) -> None:
    cand.inherited_from = antecedent
    cand.parts.add("actors", antecedent.parts.actors)
    cand.parts.add("recipients", antecedent.parts.recipients)
    demonstrative = any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in cand.token.children)
    if cand.parts.date is None and demonstrative:
        cand.parts.date, cand.parts.date_text = antecedent.parts.date, antecedent.parts.date_text
    same_day = cand.parts.date is not None and antecedent.parts.date is not None and \
        cand.parts.date.date == antecedent.parts.date.date
    if cand.parts.location is None and (same_day or demonstrative):
        cand.parts.location = antecedent.parts.location
