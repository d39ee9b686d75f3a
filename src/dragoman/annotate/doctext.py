"""The text of a ``Doc``, joined once.

spaCy rebuilds ``Doc.text`` from every token on each access; the components read it per document,
per quote and per event, which made long documents quadratic. The first reader stores it in
``Doc.user_data``; the text of a Doc never changes after tokenisation.
"""

from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document."""
    text = doc.user_data.get("dragoman_text")
    if text is None:
        text = doc.user_data["dragoman_text"] = doc.text
    return text


def memo(doc: Doc, name: str) -> dict:
    """A per-document memo for answers that depend only on the parse (a word's own clause, its
    status markers): the event coder asks them of the same words many times, and the parse does not
    change once dragoman's components run."""
    key = _MEMO_KEYS.get(name) or _memo_key(name)
    table = doc.user_data.get(key)
    if table is None:
        table = doc.user_data[key] = {}
    return table


_MEMO_KEYS: dict[str, str] = {}    # memo name → its key in ``Doc.user_data`` (formatted once, not per question)


def _memo_key(name: str) -> str:
    key = _MEMO_KEYS[name] = f"dragoman_memo_{name}"
    return key


_UNKNOWN = object()     # no answer remembered yet (None is an answer)


def ext(doc: Doc, name: str):
    """``doc._.<name>`` read straight from where spaCy keeps it (``Doc.user_data``): every ``doc._``
    builds an accessor object, and the event coder reads the same few extensions tens of thousands of
    times per corpus. dragoman's extensions all have plain defaults (None), so this is the same value."""
    return doc.user_data.get(("._.", name, None, None))


def proper_nouns(doc: Doc) -> list[int]:
    """Indices of the document's proper nouns, read once from the token array: several components
    look for names among them, and building a Token for every word to learn its tag is slow."""
    found = doc.user_data.get("dragoman_proper_nouns")
    if found is None:
        found = doc.user_data["dragoman_proper_nouns"] = numpy.flatnonzero(doc.to_array(POS) == PROPN).tolist()
    return found


def sentences(doc: Doc) -> tuple[list[Span], list[int]]:
    """The document's sentences and their first token indices, built once while the event coder
    runs (``Doc.sents`` walks every token each time it is asked)."""
    known = memo(doc, "sentences")
    if not known:
        sents = list(doc.sents)
        known["sents"], known["starts"] = sents, [sent.start for sent in sents]
    return known["sents"], known["starts"]


def remembered(token: Token, name: str, compute: Callable[[Token], Any]) -> Any:
    """``compute(token)``, worked out once per word and document (see ``memo``); None is an answer too."""
    user_data = token.doc.user_data     # (``memo`` inline: this is asked over a hundred thousand times a corpus)
    key = _MEMO_KEYS.get(name) or _memo_key(name)
    known = user_data.get(key)
    if known is None:
        known = user_data[key] = {}
    i = token.i
    found = known.get(i, _UNKNOWN)
    if found is _UNKNOWN:
        found = known[i] = compute(token)
    return found


def kids(token: Token) -> tuple[Token, ...]:
    """``token.children``, built once per word and document: spaCy makes a new Token object for each
    child on every walk, and the annotators walk the same verbs' and nouns' children many times."""
    table = token.doc.user_data.get("dragoman_memo_kids")
    if table is None:
        table = token.doc.user_data["dragoman_memo_kids"] = {}
    found = table.get(token.i)
    if found is None:
        found = table[token.i] = tuple(token.children)
    return found


def forget_memos(doc: Doc) -> None:
    """Drops the per-document memos once the last component has read them: they hold Tokens, which
    hold the Doc, and a Doc in a reference cycle waits for the cyclic garbage collector instead of
    being freed at once — a collector that then walks every object of every document still held."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("dragoman_memo_")]:
        del doc.user_data[key]
