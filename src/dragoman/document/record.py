"""From an annotated spaCy Doc to the document record of the contract."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from dragoman.annotate.doctext import doc_text
from dragoman.model import Document, Entity, Removed

ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "DATE"}


def content_hash(text: str) -> str:
    """A stable id for a document's content: the same text gives the same doc_id wherever it comes from."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def entities(doc: Doc) -> list[Entity]:
    """One Entity per distinct entity: people by their canonical name, other names by their words."""
    registry = doc._.persons
    actor_at, places = doc._.actor_at or {}, doc._.places or {}
    table: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        text = ent.text
        if ent.label_ == "PERSON" and registry is not None:
            person = registry.find(text)
            text = person.name if person is not None else text
        key = (ent.label_, text)
        entity = table.get(key)
        if entity is None:
            entity = table[key] = Entity(text=text, type=ent.label_, actor=actor_at.get(ent.start),
                                         place=places.get(ent.start), mentions=[])
        entity.mentions.append([ent.start_char, ent.end_char])
    return list(table.values())


def build(doc: Doc, *, id: str, url: str | None, title: str | None, outlet: str | None,
          published: str | None, removed: list[Removed]) -> Document:
    text = doc_text(doc)
    return Document(
        id=id, doc_id=content_hash(text), url=url, title=title, outlet=outlet, published=published,
        language="en", text=text, removed=removed, entities=entities(doc),
        events=list(doc._.events or []), quotes=list(doc._.quotes or []),
    )
