"""The article's own country: where its dateline files it from, else the country its places name
most (ties: the one twice as many of its people act in, else the first named). It answers for
actors the text leaves stateless ('police', 'gunmen', 'the court', 'protesters'), as a reader
assumes the police of a Tbilisi story are Georgian."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from dragoman.annotate.doctext import ext
from dragoman.annotate.titles import names_a_person
from dragoman.knowledge.gazetteer import get_gazetteer
from dragoman.model import Actor, Place


def document_country(doc: Doc) -> str | None:
    """The country the article is about, or None when nothing in it says."""
    cached = doc.user_data.get("dragoman_document_country", False)
    if cached is not False:
        return cached
    dateline = ext(doc, "dateline")
    country = dateline.place.country if dateline is not None and dateline.place is not None else None
    if country is None:
        seen: dict[int, str] = {}          # first token of each place name → its country
        for i, place in sorted((ext(doc, "places") or {}).items()):
            if place.country and (i - 1) not in seen:
                seen[i] = place.country
        counts = Counter(seen.values())
        if counts:
            best = max(counts.values())
            tied = [c for c in dict.fromkeys(seen.values()) if counts[c] == best]     # in the order named
            country = tied[0] if len(tied) == 1 else _of_its_people(doc, tied)
        country = _by_its_people(doc, country, counts[country] if country else 0)
    doc.user_data["dragoman_document_country"] = country
    return country


def _by_its_people(doc: Doc, country: str | None, named: int) -> str | None:
    """An article without a dateline that names few places is about the country its actors are of: a
    story of Senate candidates that names Jordan twice and Americans thirty times is American. Only a
    domestic story's: three in four of its actors of one country; and the places' country stays
    unless those actors outnumber its own at least four to one."""
    people = _people_countries(doc)
    if not people:
        return country
    top, n = people.most_common(1)[0]
    if n < DOMESTIC_SHARE * sum(people.values()):
        return country      # an international story (a navy and the pirates it caught): no one country's
    if country is None:
        return top if n >= PEOPLE_ENOUGH else None
    if top != country and named <= FEW_PLACES and n >= PEOPLE_ENOUGH and people[country] * OUTNUMBERED <= n:
        return top
    return country


def _of_its_people(doc: Doc, tied: list[str]) -> str:
    """Of countries whose places an article names equally often, the one twice as many of its people
    act in as any other's; else the first named."""
    people = _people_countries(doc)
    for country in tied:
        others = max(people[o] for o in tied if o != country)
        if people[country] >= TIE_BREAKING * others:
            return country
    return tied[0]


def _people_countries(doc: Doc) -> Counter:
    """How many mentions of actors (not places) each country has, each mention counted once."""
    actor_at, places = ext(doc, "actor_at") or {}, ext(doc, "places") or {}
    return Counter(a.country for i, a in actor_at.items() if a.country and i not in places
                   and (i - 1 not in actor_at or actor_at[i - 1].key != a.key))


TIE_BREAKING = 2      # times as many actor mentions as the other country's that break a tie of places
PEOPLE_ENOUGH = 3     # actor mentions that make a country the article's
FEW_PLACES = 2        # mentions of a place's country that the actors may outweigh
DOMESTIC_SHARE = 0.75     # of the actor mentions with a country: a domestic story's people
OUTNUMBERED = 4       # the places' country gives way when the actors of another outnumber its own this many times


def with_document_country(actors: list[Actor], doc: Doc, other_side: list[Actor] = ()) -> list[Actor]:
    """The actors, each without a country or an organisation code given the article's country —
    unless that is the country of the other side: a subject never takes the state it acts on
    ('the foreign ministry condemned Israel's strike')."""
    if not any(stateless(a) for a in actors):
        return actors
    country = document_country(doc)
    if country is None:
        return actors
    if country in {a.country for a in other_side} and not _among_its_people(actors, other_side, country):
        return actors
    return [Actor.make(a.text, a.name, country, a.sector) if stateless(a) else a for a in actors]


def _among_its_people(actors: list[Actor], other_side: list[Actor], country: str) -> bool:
    """A local act among the article's own people ('a suspect shot three residents'): the stateless
    side is a criminal, a resident, a policeman, and everyone it acts on of the article's country is
    too — no state acts on its own people here, so both sides are the article's."""
    return all(a.sector in LOCAL_SECTORS for a in actors if stateless(a)) and all(
        a.sector in LOCAL_SECTORS for a in other_side if a.country == country)


def stateless(actor: Actor) -> bool:
    """No country, and no organisation code beyond its bare sector ('MIL' for 'two soldiers')."""
    return not actor.country and (not actor.code or actor.code == (actor.sector or ""))


def domestic_place(sides: list[Actor], doc: Doc, spoken: bool = False) -> Place | None:
    """Where an act among the article's own people happened when the text names no place: the article's
    country, at country level ('police detained 28 people' in a Georgian story happened in Georgia).
    An act involving another state could have happened anywhere, and gets none. Local people act in
    the story's town, but what they say (``spoken``) was said anywhere in the country: a sheriff briefs
    the press at his office, not at the scene the story names most. Judges and prosecutors speak in
    court, which sits in the story's town."""
    country = document_country(doc)
    parties = {a.country for a in sides if a.country}
    if country is None or not parties or parties != {country}:
        return None
    local = all(a.sector in (COURT_SECTORS if spoken else LOCAL_SECTORS) for a in sides)
    return (document_locality(doc) if local else None) or get_gazetteer().country(country)


# who acts where they live: police, courts, hospitals, residents, criminals — a local story's people;
# a government or a party speaks for the country, not for the town the story names most
LOCAL_SECTORS = {"COP", "CVL", "CRM", "JUD", "MED", "EDU", "BUS", "REL", "LAB", "UAF", "REF", "JRN", "AGR", "SOC"}
COURT_SECTORS = {"JUD"}     # judges and prosecutors speak in the court of the story's town


REGION_FEATURES = {"region", "country", "continent"}


def _standing_out(counted: Counter, named: dict) -> Place | None:
    """The place named at least twice and more often than any other."""
    top = counted.most_common(2)
    if top and top[0][1] >= 2 and (len(top) == 1 or top[1][1] < top[0][1]):
        return named[top[0][0]]
    return None


def _someones_home(token: Token) -> bool:
    """'Jane Wells, of Fort Smith, Arkansas': where a person of the story lives, which is not where
    the story happens."""
    name = token
    while name.dep_ in ("compound", "flat") and name.head is not name:
        name = name.head        # 'Fort' of 'Fort Smith'
    if name.dep_ in ("appos", "conj") and name.head is not name:
        name = name.head        # 'Arkansas' of 'Fort Smith, Arkansas'
        while name.dep_ in ("compound", "flat") and name.head is not name:
            name = name.head
    # (not 'a Brooklyn mother of 12 killed': a local story's people mostly live where it happens)
    return name.dep_ == "pobj" and name.head.lower_ in ("of", "from") and names_a_person(name.head.head)


def _with_its_region(doc: Doc, i: int, places: dict) -> bool:
    """The town at ``i`` is followed by ', <its region>'."""
    j = i
    while j + 1 < len(doc) and j + 1 not in places and doc[j + 1].text != "," and doc[j + 1].ent_iob_ == "I":
        j += 1      # the rest of the town's name
    region = places.get(j + 2) if j + 2 < len(doc) and doc[j + 1].text == "," else None
    return region is not None and region.feature == "region" and region.country == places[i].country


def document_locality(doc: Doc) -> Place | None:
    """The town or region a local story is set in: its dateline's, else the place below country level
    of the article's country that it names most, at least twice and more than any other (a story of a
    shooting in Brooklyn names Brooklyn again and again) — a town before a region, so that a town
    named as often as its state wins, and of towns named as often the first; or the only place below
    the country it names at all, or the only town among regions; None when no such place stands out."""
    cached = doc.user_data.get("dragoman_document_locality", False)
    if cached is not False:
        return cached
    country = document_country(doc)
    dateline = ext(doc, "dateline")
    found = None
    if dateline is not None and dateline.place is not None and dateline.place.feature != "country" \
            and dateline.place.country == country:
        found = dateline.place
    elif country is not None:
        named: dict[tuple, Place] = {}
        counts: Counter = Counter()
        placed: set[tuple] = set()      # towns named with their region: 'in Millom, Cumbria' (not as a home)
        places = ext(doc, "places") or {}
        for i, place in sorted(places.items()):
            if place.country == country and place.feature != "country" and (i - 1) not in places:
                key = (place.name, place.lat, place.lon)
                named.setdefault(key, place)
                counts[key] += 1
                if _with_its_region(doc, i, places) and not _someones_home(doc[i]):
                    placed.add(key)
        # a town first: 'Palmer' named as often as 'Alaska' is where the story is set; a town named as
        # often as another is the one the story names first ('Brooklyn mother of 12 killed' before
        # 'her Brownsville neighbourhood'); the one place a story names below its country is its own
        towns = Counter({key: n for key, n in counts.items() if named[key].feature not in REGION_FEATURES})
        found = _standing_out(towns, named) or _standing_out(counts, named)
        if found is None and towns and max(towns.values()) >= 2:
            most = max(towns.values())
            found = named[next(key for key in counts if towns.get(key) == most)]   # (counts: in order named)
        if found is None and len(counts) == 1:
            found = named[next(iter(counts))]
        if found is None and len(towns) == 1 and next(iter(towns)) in placed:
            found = named[next(iter(towns))]    # 'in Millom, Cumbria': the one town it names, among regions
    doc.user_data["dragoman_document_locality"] = found
    return found
