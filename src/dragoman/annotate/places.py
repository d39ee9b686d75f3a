"""Where: place names geocoded from the offline gazetteer, preferring the document's own countries
("Paris" in an article about Texas stays in Texas)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..gazetteer import get_gazetteer

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@Language.component("dragoman_places")
def annotate_places(doc: Doc) -> Doc:
    """Writes ``doc._.places``: token index → Place for every token of a geocoded place name."""
    gazetteer = get_gazetteer()
    prefer = tuple(dict.fromkeys(a.country for a in (doc._.actor_at or {}).values() if a.country))
    places = {}
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        place = gazetteer.lookup(ent.text, prefer_countries=prefer)
        if place is not None:
            for i in range(ent.start, ent.end):
                places[i] = place
    doc._.places = places
    return doc
