"""What the words of a name or title say: the role (and so the sector) a title names, the state or organisation it belongs to, and the named entity a token is part of.

Shared by the people of a document (dragoman.annotate.people) and the actors resolved from any phrase."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from dragoman import knowledge
from dragoman.annotate.doctext import kids
from dragoman.knowledge.gazetteer import get_gazetteer

POSSESSIVE = {"'s", "’s", "'", "’"}


FINAL_ENTITIES = "dragoman_entity_at"     # the memo of ``entity_at``, kept while the names are final


def entity_at(token: Token) -> Span | None:
    """The named entity that contains ``token``, or None; found from the token's IOB tags in the
    length of the entity (``doc.ents`` builds every entity of the document on each access, which made
    per-token lookups quadratic: minutes for a long sentence listing hundreds of names). While the
    document's names are final (``freeze_entities``) the answer is remembered per word: attribution
    and event coding ask it of the same words many times. (Callers must not change the Span.)"""
    known = token.doc.user_data.get(FINAL_ENTITIES)
    if known is None:
        return _entity_at(token)
    i = token.i
    if i not in known:
        known[i] = _entity_at(token)
    return known[i]


def freeze_entities(doc: Doc, frozen: bool = True) -> None:
    """Marks the document's named entities as final (or no longer), turning the memo of ``entity_at``
    on or off; off drops what it remembered (Spans hold the Doc: see ``doctext.forget_memos``)."""
    if frozen:
        doc.user_data.setdefault(FINAL_ENTITIES, {})
    else:
        doc.user_data.pop(FINAL_ENTITIES, None)


def _entity_at(token: Token) -> Span | None:
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def strip_possessive(span: Span) -> Span:
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].text in POSSESSIVE:
        end -= 1
    return span if end == span.end else Span(span.doc, span.start, end, label=span.label_)


def title_tokens(span: Span) -> list[Token]:
    """Words of the noun phrase in front of a name: 'Russian Foreign Minister' of '... Sergey Lavrov'."""
    doc = span.doc
    left = span.root.left_edge.i
    tokens = [t for t in doc[left:span.start] if not t.is_punct and t.pos_ not in ("DET", "CCONJ", "ADP")]
    # appositions carry titles too: "Tural Ismailov, a political analyst,"
    for child in kids(span.root):
        if child.dep_ == "appos" and child.i >= span.end:
            tokens.extend(t for t in child.subtree if not t.is_punct and t.pos_ != "DET")
    return tokens


def find_role(words: list[str], person: bool = False) -> knowledge.Role | None:
    """The longest role phrase among the (lower-case) words, e.g. 'foreign minister' over 'minister';
    with ``person``, only titles of a person ('spokeswoman' in 'Foreign Ministry spokeswoman')."""
    return _find_role(tuple(words), person)


@lru_cache(maxsize=1 << 15)
def _find_role(words: tuple[str, ...], person: bool) -> knowledge.Role | None:
    """``find_role`` of a word tuple, remembered: titles repeat across an article and a corpus."""
    table = knowledge.roles()
    best: knowledge.Role | None = None
    for size in range(min(knowledge.max_role_words(), len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            role = table.get(" ".join(words[i:i + size]))
            if role and (role.person or not person):
                return role
            if best is None:
                best = table.get(knowledge.fold(" ".join(words[i:i + size])))
    return best


def role_of(token: Token) -> knowledge.Role | None:
    """The role named by a noun with its compounds ('embassy staff', 'foreign ministry', 'troops');
    the noun itself must end the role ('prisoner exchanges' names no one). Remembered per token:
    coreference asks it of every earlier noun."""
    return role_at(token.doc, token.i)


def names_a_person(token: Token) -> bool:
    """A person's name, or a word for someone ('the minister', 'a mother', 'two men'): who can be
    charged, shot, or live somewhere."""
    if token.ent_type_ == "PERSON":
        return True
    role = role_of(token)
    return role is not None and (role.person or role.sector == "CVL")


def role_at(doc: Doc, i: int) -> knowledge.Role | None:
    """``role_of`` the word at index ``i``, without building its Token when already known."""
    cache = doc.user_data.setdefault("dragoman_roles", {})
    if i not in cache:
        cache[i] = _role_of(doc[i])
    return cache[i]


def _role_of(token: Token) -> knowledge.Role | None:
    heads = knowledge.role_heads()
    if token.lower_ not in heads and token.lemma_.lower() not in heads:
        return None     # the noun must end the role
    words = [t.lower_ for t in kids(token) if t.dep_ == "compound" and t.i < token.i] + [token.lower_]
    role = find_role(words)
    if role is not None and role.phrase.split()[-1] in (token.lower_, token.lemma_.lower()):
        return role
    return knowledge.roles().get(token.lower_) or knowledge.roles().get(token.lemma_.lower())


def entry_country(tokens: list[Token], published: str | None) -> str | None:
    """The first word group among tokens that names a country (demonym, country, capital)."""
    for t in tokens:
        entry = knowledge.lookup(t.text, published) if t.text[:1].isupper() else None
        if entry and entry.country and entry.kind in ("demonym", "country", "capital"):
            return entry.country
    for t in tokens:
        if t.ent_type_ in ("GPE", "NORP"):
            ent = entity_at(t)
            entry = knowledge.lookup(strip_possessive(ent).text, published) if ent is not None else None
            if entry and entry.country:
                return entry.country
    for t in tokens:        # 'Quatar's emir'
        entry = misspelt_state(t.text) if t.pos_ == "PROPN" and t.ent_type_ != "PERSON" else None
        if entry is not None:
            return entry.country
    return None


def misspelt_state(text: str) -> knowledge.NameEntry | None:
    """A state's name with a slip of the pen, unless the gazetteer knows the word as a place itself."""
    entry = knowledge.misspelt_place(text)
    return entry if entry is not None and get_gazetteer().lookup(text) is None else None


def igo_in(tokens: list[Token], published: str | None) -> knowledge.NameEntry | None:
    """An organisation named inside a title ('Arab League Secretary-General')."""
    words = [t.text for t in tokens]
    for size in range(min(5, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            entry = knowledge.lookup(" ".join(words[i:i + size]), published)
            if entry is not None and entry.kind == "igo":
                return entry
    return None
