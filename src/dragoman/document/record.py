"""From an annotated spaCy Doc to the document record of the contract."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from dragoman.annotate.doctext import doc_text
from dragoman.model import Document, Entity, Removed

ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "DATE"}
# A place the text names only inside another name ('Kentucky' in 'the Kentucky State Police'): a toponym
# of the text, put on the map, but neither a place of the story (PLOVER's Story Locations take GPE and
# LOC) nor a name of its own for threads (the organisation's name already carries its words).
TOPONYM = "TOPONYM"


def content_hash(text: str) -> str:
    """A stable id for a document's content: the same text gives the same doc_id wherever it comes from."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def entities(doc: Doc) -> list[Entity]:
    """One Entity per distinct entity: people by their canonical name, other names by their words."""
    registry = doc._.persons
    actor_at, places, named = doc._.actor_at or {}, doc._.places or {}, doc._.named_places or {}
    table: dict[tuple[str, str], Entity] = {}
    spans = set()
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
            place = places.get(ent.start)
            if place is None and ent.start in named and named[ent.start][0] == ent.end:
                place = named[ent.start][1]     # a nationality adjective's country ('Russian': Russia)
            entity = table[key] = Entity(text=text, type=ent.label_, actor=actor_at.get(ent.start),
                                         place=place, mentions=[])
        elif entity.place is None and ent.start in named and named[ent.start][0] == ent.end:
            # the adjective use of a name first seen otherwise ('a Cypriot-flagged ship', then 'the
            # Cypriot government'): the entity names that country all the same
            entity.place = named[ent.start][1]
        entity.mentions.append([ent.start_char, ent.end_char])
        spans.add((ent.start, ent.end))
    grown = set()
    for start, (end, place) in named.items():
        if (start, end) in spans:
            continue
        # a place named inside another name ('the Kentucky State Police'): an entity of its own, with
        # no actor (the organisation is the actor, and it is not at that place because of its name)
        span = doc[start:end]
        key = (TOPONYM, span.text)
        entity = table.get(key)
        if entity is None:
            entity = table[key] = Entity(text=span.text, type=TOPONYM, actor=None, place=place, mentions=[])
        entity.mentions.append([span.start_char, span.end_char])
        grown.add(key)
    for key in grown:
        table[key].mentions.sort()
    return list(table.values())


def build(doc: Doc, *, id: str, url: str | None, title: str | None, outlet: str | None,
          published: str | None, removed: list[Removed]) -> Document:
    text = doc_text(doc)
    return Document(
        id=id, doc_id=content_hash(text), url=url, title=title, outlet=outlet, published=published,
        language="en", text=text, removed=removed, entities=entities(doc),
        events=list(doc._.events or []), quotes=list(doc._.quotes or []),
    )
