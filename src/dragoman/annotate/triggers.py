"""Which words name an event: the trigger lexicon (know/data/triggers.tsv) matched on the parse.

A pattern is a head lemma plus lemmas that must sit within two dependency steps of it
("call for", "cut off aid", "break off talks"); the longest matching pattern wins.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from spacy.tokens import Token

from ..codebook import Trigger, triggers

NEAR_DEPS = {"prep", "prt", "dobj", "xcomp", "pobj", "compound", "amod", "attr", "dative", "acomp"}
POS = {"VERB": "V", "NOUN": "N"}


@cache
def lexicon() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """(head lemma, V|N) → its patterns, most specific (most words) first."""
    table: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    for trigger in triggers():
        table[(trigger.head, trigger.pos)].append(trigger)
    return {k: tuple(sorted(v, key=lambda t: -len(t.pattern))) for k, v in table.items()}


def neighbourhood(token: Token) -> set[str]:
    """Lemmas (and lower-case words) within two dependency steps below the token."""
    out: set[str] = set()
    for child in token.children:
        out.update((child.lemma_.lower(), child.lower_))
        if child.dep_ in NEAR_DEPS:
            for grandchild in child.children:
                out.update((grandchild.lemma_.lower(), grandchild.lower_))
    return out


def match(token: Token) -> Trigger | None:
    """The most specific trigger pattern the token heads, or None."""
    pos = POS.get(token.pos_)
    if pos is None:
        return None
    candidates = lexicon().get((token.lemma_.lower(), pos)) or lexicon().get((token.lower_, pos))
    if not candidates:
        return None
    near: set[str] | None = None
    for trigger in candidates:
        if len(trigger.pattern) == 1:
            return trigger
        near = near if near is not None else neighbourhood(token)
        if all(word in near for word in trigger.pattern[1:]):
            return trigger
    return None
