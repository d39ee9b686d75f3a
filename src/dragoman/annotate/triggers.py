"""Which words name an event: the trigger lexicon (knowledge/data/triggers.tsv) matched on the parse.

A pattern is a head lemma plus lemmas that must sit within two dependency steps of it
("call for", "cut off aid", "break off talks"); the longest matching pattern wins.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.attrs import POS as POS_ATTR
from spacy.parts_of_speech import NOUN, VERB
from spacy.tokens import Doc, Token

from dragoman.annotate.doctext import kids, remembered
from dragoman.knowledge.codebook import Trigger, triggers

NEAR_DEPS = {"prep", "prt", "dobj", "xcomp", "pobj", "compound", "amod", "attr", "dative", "acomp"}
POS = {"VERB": "V", "NOUN": "N"}


@cache
def lexicon() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """(head lemma, V|N) → its patterns, most specific (most words) first."""
    table: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    for trigger in triggers():
        table[(trigger.head, trigger.pos)].append(trigger)
    return {k: tuple(sorted(v, key=lambda t: -len(t.pattern))) for k, v in table.items()}


@cache
def head_words() -> frozenset[str]:
    """Every head lemma of the lexicon: a word outside it cannot trigger anything."""
    return frozenset(head for head, _ in lexicon())


def possible_triggers(doc: Doc) -> list[int]:
    """Indices of the verbs and nouns whose lemma or form heads some pattern, found over arrays
    rather than Token objects: most words of an article trigger nothing, and building a Token per
    word to learn that cost more than the matching itself."""
    table = doc.to_array([POS_ATTR, LEMMA, LOWER])
    pos = table[:, 0]
    found = numpy.flatnonzero((pos == VERB) | (pos == NOUN)).tolist()     # (numpy.isin is slower on two values)
    strings, heads = doc.vocab.strings, head_words()
    return [i for i, lemma, lower in zip(found, table[found, 1].tolist(), table[found, 2].tolist(), strict=True)
            if strings[lemma].lower() in heads or strings[lower] in heads]


def neighbourhood(token: Token) -> set[str]:
    """Lemmas (and lower-case words) within two dependency steps below the token."""
    out: set[str] = set()
    for child in kids(token):
        out.update((child.lemma_.lower(), child.lower_))
        if child.dep_ in NEAR_DEPS:
            for grandchild in kids(child):
                out.update((grandchild.lemma_.lower(), grandchild.lower_))
    return out


def match(token: Token) -> Trigger | None:
    """The most specific trigger pattern the token heads, or None (remembered per word: candidate
    finding, participants and place finding ask it of the same words)."""
    return remembered(token, "trigger", _match)


def _match(token: Token) -> Trigger | None:
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
