"""Where: place names geocoded from the offline gazetteer, preferring the document's own countries
("Paris" in an article about Texas stays in Texas)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import know
from ..gazetteer import get_gazetteer

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@Language.component("dragoman_places")
def annotate_places(doc: Doc) -> Doc:
    """Writes ``doc._.places``: token index → Place for every token of a geocoded place name."""
    gazetteer = get_gazetteer()
    dateline = doc._.dateline
    filed = (dateline.place.country,) if dateline is not None and dateline.place and dateline.place.country else ()
    prefer = tuple(dict.fromkeys([*filed, *(a.country for a in (doc._.actor_at or {}).values() if a.country)]))
    places = {}
    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        if ent.label_ == "ORG" and know.lookup(ent.text) is None:
            # the small NER often calls a town an organisation ("the town of Nikopol")
            place = gazetteer.lookup(ent.text, prefer_countries=prefer)
            if place is not None and place.feature in ("city", "region"):
                ents[n] = ent = Span(doc, ent.start, ent.end, label="GPE")
                doc._.actor_at = {i: a for i, a in (doc._.actor_at or {}).items() if not ent.start <= i < ent.end}
        if ent.label_ not in PLACE_LABELS:
            continue
        place = gazetteer.lookup(ent.text, prefer_countries=prefer)
        if place is not None:
            for i in range(ent.start, ent.end):
                places[i] = place
    doc.ents = ents
    doc._.places = places
    return doc
