"""Where: place names geocoded from the offline gazetteer, preferring the document's own countries
("Paris" in an article about Texas stays in Texas)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from dragoman import knowledge
from dragoman.knowledge.gazetteer import get_gazetteer

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@Language.component("dragoman_places")
def annotate_places(doc: Doc) -> Doc:
    """Writes ``doc._.places``: token index → Place for every token of a geocoded place name."""
    gazetteer = get_gazetteer()
    dateline = doc._.dateline
    filed = (dateline.place.country,) if dateline is not None and dateline.place and dateline.place.country else ()
    # countries the document is about; a capital standing for its government ('Paris') does not count
    named = (a.country for a in (doc._.actor_at or {}).values() if a.country and a.sector != "GOV")
    prefer = tuple(dict.fromkeys([*filed, *named]))
    places = {}
    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        if ent.label_ == "ORG" and knowledge.lookup(ent.text) is None:
            # the small NER often calls a town an organisation ("the town of Nikopol")
            place = gazetteer.lookup(ent.text, prefer_countries=prefer, strong=filed)
            if place is not None and place.feature in ("city", "region"):
                ents[n] = ent = Span(doc, ent.start, ent.end, label="GPE")
                doc._.actor_at = {i: a for i, a in (doc._.actor_at or {}).items() if not ent.start <= i < ent.end}
        if ent.label_ not in PLACE_LABELS:
            continue
        known = knowledge.lookup(ent.text)
        if known is not None and known.kind in ("igo", "group"):
            continue        # the NER's 'GPE' for 'OAS' is the organisation, not the town of Oas
        place = None
        head = ent.root.head
        if ent.root.dep_ == "compound" and head.lower_ in AREA_WORDS:
            # 'the Kharkiv region' is the region, not the city
            place = gazetteer.lookup(f"{ent.text} {head.text}", prefer_countries=prefer, strong=filed)
        place = place or gazetteer.lookup(ent.text, prefer_countries=prefer, strong=filed)
        if place is not None:
            for i in range(ent.start, ent.end):
                places[i] = place
    ents = _locative_names(doc, ents, places, gazetteer, prefer, filed)
    doc.ents = ents
    doc._.places = places
    return doc


RELABELLED = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW", "GPE", "LOC"}
LOCATIVE = {"in", "near", "at", "outside", "inside", "around", "to", "from"}
AREA_WORDS = {"region", "oblast", "province", "governorate", "district", "state"}
# 'the town of Samarra', 'the port city of Basra': the name after 'of' is the place itself
SETTLEMENT_WORDS = {"town", "city", "village", "capital", "port", "region", "province", "district", "township",
                    "municipality", "hamlet", "island", "suburb", "enclave"}


def _locative_names(doc: Doc, ents: list, places: dict, gazetteer, prefer: tuple, filed: tuple) -> list:
    """'near Kramatorsk', 'in Austin', 'in the Donetsk region': a name in a locative phrase that the
    gazetteer knows is a place, whatever the small NER called it (or if it called it nothing)."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    registry = doc._.persons
    out = list(ents)
    for token in doc:
        if token.pos_ != "PROPN" or token.i in places:
            continue
        head = token.head
        area = head.lower_ in AREA_WORDS and token.dep_ == "compound"
        named_as = token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in SETTLEMENT_WORDS
        if not area and not named_as and not (token.dep_ == "pobj" and head.lower_ in LOCATIVE):
            continue
        ent = next((e for e in out if e.start <= token.i < e.end), None)
        if ent is not None and ent.label_ not in RELABELLED and not (named_as and ent.label_ == "NORP"):
            continue        # a date, number or nationality is never a place ('in March'), but 'the town of' names one
        if ent is not None and (ent.label_ in PLACE_LABELS or (ent.label_ == "PERSON" and registry is not None
                                                               and registry.find(ent.text) is not None
                                                               and len(registry.find(ent.text).mentions) > 1)):
            continue
        start, end = (ent.start, ent.end) if ent is not None else (token.i, token.i + 1)
        if ent is None and token.i in taken:
            continue
        text = doc[start:end].text
        known = knowledge.lookup(text)
        if known is not None and known.kind in ("igo", "group"):
            continue        # 'at the OAS' is the organisation, not the town of Oas
        place = gazetteer.lookup(f"{text} {head.text}", prefer_countries=prefer, strong=filed) if area else None
        place = place or gazetteer.lookup(text, prefer_countries=prefer, strong=filed)
        if place is None or place.feature == "country":
            continue
        span_end = head.i + 1 if area and head.i == end else end
        span = Span(doc, start, span_end, label="GPE")
        out = [e for e in out if not (e.start < span.end and span.start < e.end)] + [span]
        for i in range(span.start, span.end):
            places[i] = place
            (doc._.actor_at or {}).pop(i, None)
    return sorted(out, key=lambda e: e.start)
