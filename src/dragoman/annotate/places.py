"""Where: place names geocoded from the offline gazetteer, read the way a local reader would.

Two passes over a document. The first finds the place names (the NER's GPE/LOC/FAC, towns it called
organisations or people, names in locative phrases, the dateline's place) and resolves each on its
own. The second re-resolves the names the gazetteer has more than one place for, now knowing the
document: the dateline's country and state or province, the states and provinces it names ("Texas",
"Kan."), the states of the towns it names unambiguously, and the countries of its places and actors.
So "Paris" in a story that names Texas is Paris, Texas; "Georgia" in a story about Atlanta is the US
state; "London" in a story from Ontario is London, Ontario."""

from __future__ import annotations

import functools
import re
from collections import Counter

import numpy
from spacy.attrs import IS_TITLE, POS
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span

from dragoman import knowledge
from dragoman.annotate.doctext import doc_text, ext, proper_nouns
from dragoman.knowledge.gazetteer import Gazetteer, get_gazetteer
from dragoman.model import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PERSON_PLACE_POPULATION = 100_000   # a one-name 'person' that is a city this big is the city
ORG_TOWN_POPULATION = 15_000        # an 'organisation' named like a town this big is the town


class _Near:
    """The states of the document's towns other than ``text`` (a view: no set is built per lookup)."""

    __slots__ = ("near", "text")

    def __init__(self, near: dict, text: str) -> None:
        self.near, self.text = near, text

    def __contains__(self, state: object) -> bool:
        names = self.near.get(state)
        return bool(names) and (len(names) > 1 or self.text not in names)


class _Context:
    """What the document says about where it is, and lookups that use it."""

    def __init__(self, gazetteer: Gazetteer, prefer: tuple, filed: tuple, strong_states: tuple) -> None:
        self.gazetteer = gazetteer
        self.prefer, self.filed, self.strong_states = prefer, filed, strong_states
        self.states: frozenset = frozenset()
        self.near: dict = {}            # state key -> the names of the document's towns in it
        self.dominant: tuple = ()

    def entry(self, text: str):
        near = _Near(self.near, text) if self.near else ()      # states of other towns than this one
        return self.gazetteer.lookup_entry(text, prefer_countries=self.prefer, strong=self.filed,
                                           states=self.states, strong_states=self.strong_states,
                                           near_states=near, dominant=self.dominant)

    def lookup(self, text: str):
        entry = self.entry(text)
        return entry.place(text) if entry is not None else None

    def learn(self, resolved: list[tuple[int, int, str]], named: list[str]) -> None:
        """Takes in the places of the first pass, each name once: the states and provinces named by
        a name no other place has, the states of the towns named, and the country most of the names
        belong to (counting only names all of whose places are in one country)."""
        states, near = set(self.strong_states), {}
        countries: Counter = Counter()
        for text in dict.fromkeys(text for _, _, text in resolved):
            entry = self.entry(text)
            if entry is None:
                continue
            ambiguous = self.gazetteer.ambiguous(text)
            if entry.feature == "region" and entry.state is not None and not ambiguous:
                states.add(entry.state)
            elif entry.state is not None:
                near.setdefault(entry.state, set()).add(text)
            owners = self.gazetteer.candidate_countries(text)
            if len(owners) == 1 and None not in owners:
                countries[next(iter(owners))] += 1
        self.states = frozenset(states)
        self.near = {state: names for state, names in near.items() if state not in states}
        self.prefer = tuple(dict.fromkeys([*self.filed, *(c for c, _ in countries.most_common()), *named]))
        total = sum(countries.values())
        top = countries.most_common(1)
        self.dominant = (top[0][0],) if top and top[0][1] >= 2 and top[0][1] >= 0.6 * total else ()


def _dateline_state(gazetteer: Gazetteer, dateline, filed: tuple) -> tuple:
    """The (country, admin1) of the dateline's place, when the gazetteer knows it."""
    if dateline is None or dateline.place is None:
        return ()
    entry = gazetteer.lookup_entry(dateline.place.name, strong=filed)
    return (entry.state,) if entry is not None and entry.state is not None else ()


def _dateline_entity(doc: Doc, ents: list, dateline) -> list:
    """The dateline's place ('COLUMBUS, Ohio -') as a GPE when the NER left it out."""
    if dateline is None or dateline.place is None:
        return ents
    span = doc.char_span(dateline.start, dateline.start + len(dateline.place.text), label="GPE",
                         alignment_mode="contract")
    if span is None or len(span) == 0 or any(e.start < span.end and span.start < e.end for e in ents):
        return ents
    return sorted([*ents, span], key=lambda e: e.start)


def _place_span(doc: Doc, ent: Span, gazetteer: Gazetteer) -> Span:
    """A place entity without a leading 'the' ('the West Bank' names 'West Bank'), and with the
    capitalised word before it the NER left out when the two name one place ('New' + 'Mexico',
    'South' + 'America', 'Gulf of' + 'Aden')."""
    if ent.label_ not in PLACE_LABELS:
        return ent
    start = ent.start + 1 if len(ent) > 1 and ent[0].lower_ == "the" else ent.start
    if start == ent.start and start > 0:
        before = doc[start - 1]
        # a word outside any entity, or a one-word nationality ('British' + 'Columbia')
        free = before.ent_iob_ == "O" or (before.ent_type_ in ("NORP", "LANGUAGE") and before.ent_iob_ == "B"
                                          and doc[start].ent_iob_ != "I")      # 'Latin' + 'America'
        if before.is_title and before.is_alpha and free and (before.i > before.sent.start or before.ent_type_ == "NORP"):
            longer = gazetteer.lookup_entry(f"{before.text} {ent.text}")
            if longer is not None and (longer.feature != "city" or longer.population >= 1000) \
                    and gazetteer.lookup_entry(ent.text) != longer:
                start -= 1
        if start == ent.start and before.lower_ in PART_QUALIFIERS and before.is_title and before.ent_iob_ == "O" \
                and ent[0].is_title and (not _loose_part(gazetteer.lookup_entry(ent.text))
                                         or gazetteer.lookup_entry(f"{before.text} {ent.text}") is not None):
            start -= 1      # 'South Darfur', 'Northern Europe', 'North Dallas': a part of the place is a place
    if start == ent.start and start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].is_title:
        of_name = gazetteer.lookup_entry(doc[start - 2:ent.end].text)
        if of_name is not None and of_name.feature != "city":
            start -= 2      # 'Gulf of' + 'Aden', 'Bay of' + 'Bengal': the NER cut one name in two
    if start == ent.start and len(ent) > 1 and ent[0].lower_ in PART_QUALIFIERS and ent[1].is_title \
            and gazetteer.lookup_entry(ent.text) is None \
            and _loose_part(gazetteer.lookup_entry(doc[ent.start + 1:ent.end].text)):
        start += 1          # 'North Texas', 'Western Canada': the state or country itself
    end = ent.end
    if end - start > 1 and ent[-1].is_lower and ent[-1].lower_ in DIVISION_WORDS:
        end -= 1            # 'Henan province' names Henan: the common noun is no part of the name
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].is_title and doc[end + 1].ent_iob_ != "B" \
            and gazetteer.lookup_entry(doc[start:end + 2].text) is not None:
        end += 2        # 'Batesburg-Leesville', 'Miami-Dade': the NER stopped at the hyphen
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)


# words before a place name that make a part of it ('South Darfur', 'Northern Europe', 'Greater Toronto')
PART_QUALIFIERS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                             "northern", "southern", "eastern", "western", "northeastern", "northwestern",
                             "southeastern", "southwestern", "central", "greater", "upper", "lower"})


def _loose_part(entry) -> bool:
    """Whether a compass word before this place makes no place of its own: a country or a US state or
    Canadian province ('North Texas', 'Southern California', 'Western Canada' are loose parts that news
    puts in the state, and the geoparsing corpora mark the state), unlike a region, town or continent
    ('South Darfur', 'North Dallas', 'Northern Europe')."""
    return entry is not None and (entry.feature == "country" or (
        entry.feature == "region" and entry.country in LOOSE_PART_COUNTRIES and entry.state is not None))


LOOSE_PART_COUNTRIES = {"USA", "CAN"}


def _split_town_and_state(doc: Doc, ents: list, gazetteer: Gazetteer) -> list:
    """'Thruxton, Hampshire', 'Donington Park, Leicestershire': a town or site and its state or county
    the NER took as one place are two names, each a place of its own (a reader and the geoparsing
    corpora see two); 'Washington, D.C.' stays whole, the full name of one city."""
    out = None
    for n, ent in enumerate(ents):
        if ent.label_ not in PLACE_LABELS or len(ent) < 3 or "," not in ent.text:
            continue
        commas = [t.i for t in ent if t.text == ","]
        if len(commas) != 1 or commas[0] in (ent.start, ent.end - 1):
            continue
        comma = commas[0]
        right = gazetteer.lookup_entry(_with_dot(doc, doc[comma + 1:ent.end]))
        if right is None or right.feature != "region" or not doc[comma - 1].text[:1].isupper() \
                or right.name == "District of Columbia":
            continue        # 'Washington, D.C.' is the full name of one city
        out = out if out is not None else list(ents)
        out[n] = [Span(doc, ent.start, comma, label=ent.label_), Span(doc, comma + 1, ent.end, label=ent.label_)]
    if out is None:
        return ents
    return [e for x in out for e in (x if isinstance(x, list) else [x])]


def _without_overlaps(ents: list) -> list:
    """The entities, a word the place before it took in ('British' of 'British Columbia') left out."""
    out: list = []
    for ent in ents:
        if out and ent.start < out[-1].end:
            if len(ent) > len(out[-1]):
                out[-1] = ent
            continue
        out.append(ent)
    return out


# 'TORRINGTON — ', 'COLUMBUS, Ohio (AP) - ' after a headline on the same line: a dateline the
# paragraph-start rule of dateline.py does not see
SHOUTED = re.compile(r"\b([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})"
                     r"(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][a-z]+)?)?\s*(?:\([^)]{1,40}\)\s*)?(?:[—–\x97-]{1,2}|:)\s")
# what stands before a dateline: the start, a line break, a sentence's end, or a year ('March 30, 2009 NEWARK')
SHOUTED_AFTER = re.compile(r"(?:^|\n|[.!?\"”’]\s|\d\d\d\d\s)$")


SHOUTED_WITHIN = 1500      # characters: a dateline follows a headline, a byline, or a teaser paragraph


def _shouted_datelines(doc: Doc, ents: list, gazetteer: Gazetteer) -> list:
    """Upper-case datelines in the first lines that the NER missed or called something else."""
    text = doc_text(doc)[:SHOUTED_WITHIN]
    for match in SHOUTED.finditer(text):     # the upper-case words first (fast), then what precedes them
        if not SHOUTED_AFTER.search(text[max(0, match.start() - 5):match.start()]):
            continue
        name = match.group(1)
        if len(name) < 4 or gazetteer.lookup(name.title()) is None:
            continue
        span = doc.char_span(match.start(1), match.end(1), label="GPE", alignment_mode="contract")
        if span is None or len(span) == 0:
            continue
        clash = [e for e in ents if e.start < span.end and span.start < e.end]
        if any(e.label_ in PLACE_LABELS for e in clash):
            continue
        ents = sorted([e for e in ents if e not in clash] + [_relabel(doc, span)], key=lambda e: e.start)
    return ents


def _nationality_names(doc: Doc, ents: list, gazetteer: Gazetteer) -> list:
    """A nationality word and the untagged capitalised word after it that name one division or region
    together ('near Vancouver, British Columbia'): the place, not the adjective."""
    out = None
    for n, ent in enumerate(ents):
        if ent.label_ != "NORP" or len(ent) != 1 or ent.end >= len(doc):
            continue
        after = doc[ent.end]
        if not after.is_title or after.ent_iob_ != "O":
            continue
        entry = gazetteer.lookup_entry(f"{ent.text} {after.text}")
        if entry is None or entry.feature not in ("region", "country"):
            continue
        out = out if out is not None else list(ents)
        out[n] = _relabel(doc, Span(doc, ent.start, ent.end + 1))
    return out if out is not None else ents


def _person_is_place(doc: Doc, ent: Span, context: _Context) -> bool:
    """A 'person' the gazetteer knows as a place nobody in the document is named after: a state or
    region, a big city, or a town in a state the document is about ('Gainesville', 'Tamil Nadu')."""
    if knowledge.lookup(ent.text) is not None:
        return False
    if ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in {"mr", "mrs", "ms", "dr", "sen", "rep", "gov"}:
        return False
    if _town_of_state(doc, ent, context.gazetteer):
        return True         # 'of Kansas City, Kan.': a town followed by its state
    registry = ext(doc, "persons")
    person = registry.find(ent.text) if registry is not None else None
    locative = ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE      # 'in Maryville'
    if person is not None and (person.known or (person.role and not locative)
                               or knowledge.fold(person.name) != knowledge.fold(ent.text)):
        return False        # 'Austin' for Lloyd Austin, 'Jackson' for a Jackson named in full
    entry = context.entry(ent.text)
    if entry is None and len(ent) == 1 and ent.start > 1 and doc[ent.start - 1].text == "," \
            and doc[ent.start - 2].ent_type_ in PLACE_LABELS:
        entry = context.entry(_with_dot(doc, ent))      # 'Barrie, Ont.': the NER's 'person' Ont, dot left out
    if entry is None or entry.feature == "country":
        return False
    if entry.feature == "region":
        return True
    if knowledge.fold(entry.name) != knowledge.fold(ent.text):
        return False        # 'Julia' is an old name of Plovdiv, 'Levi' of Lévis: a person under another name
    if ent.root.dep_ in ("nsubj", "nsubjpass") and ent.root.head.lemma_ in SAYING:
        return False        # 'Welch said': a person
    if entry.feature == "city" and (_town_compound(ent) or (
            ent.root.dep_ == "pobj" and ent.root.head.lower_ in PLACE_ONLY_PREPOSITIONS)):
        return True         # 'the Sochi election', 'Berea police', 'in Bicester': not a person's name
    return entry.population >= PERSON_PLACE_POPULATION or (
        entry.state is not None and (entry.state in context.states or entry.state in context.strong_states
                                     or bool(context.near.get(entry.state, set()) - {ent.text}))) or (
        entry.country in context.dominant and entry.population >= LOCAL_TOWN_POPULATION)


# the last word of the name of a building, body or paper that the small NER may cut off as a 'place'
# of its own ('Recreation [[Center]]', 'Georgetown [[College]]', 'the New Zealand [[Herald]]'); small US
# towns bear some of these names, but outside a locative phrase ('in Center') the word is the name's
NAME_HEAD_WORDS = frozenset({"center", "centre", "college", "council", "herald", "wing", "institute", "hospital",
                             "school", "university", "museum", "library", "stadium", "arena", "hall", "club",
                             "hotel", "tower", "times", "tribune", "gazette"})


def _name_tail(doc: Doc, i: int) -> bool:
    """Whether the word at ``i`` follows a capitalised word of its sentence (the end of a longer name)."""
    return i > doc[i].sent.start and doc[i - 1].is_title


# nouns a town's name modifies as a compound and a person's name hardly does ('the Sochi election',
# 'the Raytown council', 'Berea police', 'an Oahu home')
TOWN_COMPOUND_NOUNS = frozenset({
    "election", "elections", "council", "councils", "councillor", "councilman", "councilwoman", "mayor", "police",
    "officials", "official", "authorities", "residents", "resident", "area", "areas", "city", "town", "village",
    "county", "district", "suburb", "neighborhood", "neighbourhood", "school", "schools", "hospital", "airport",
    "station", "apartment", "apartments", "home", "homes", "street", "streets", "road", "centre", "center",
    "campus", "branch", "office", "plant", "factory", "port", "harbour", "harbor", "market", "region",
    "municipality", "borough", "township", "park", "library", "firefighters", "department", "hotspot",
    "camp", "camps", "prison", "jail", "court", "courthouse", "bombing", "attack", "attacks", "shooting",
    "blast", "explosion", "fire", "flood", "floods", "earthquake", "massacre", "riots", "protest", "protests",
    "olympics", "games", "summit", "talks", "meeting", "conference", "agreement", "accord", "accords", "area's",
})


# prepositions that take a place and hardly ever a person by one name ('in Bicester', not 'to Smith')
PLACE_ONLY_PREPOSITIONS = frozenset({"in", "near", "outside", "inside", "around"})


def _town_compound(ent: Span) -> bool:
    """Whether a one-word name modifies, as a compound, a noun a town's name modifies and a person's
    hardly does ('the Sochi election', 'the Raytown council', 'Berea police', 'the Dadaab camps')."""
    root = ent.root
    return len(ent) == 1 and root.dep_ == "compound" and root.head.lower_ in TOWN_COMPOUND_NOUNS \
        and root.head.i == ent.end


# nouns after a town's name that make it a disease's ('Marburg virus', 'the Reston ebolavirus', 'Marburg
# hemorrhagic fever'): named after the place, but no corpus puts them on the map
DISEASE_WORDS = frozenset({"virus", "viruses", "ebolavirus", "hemorrhagic", "haemorrhagic", "fever"})


def _names_a_disease(doc: Doc, ent: Span) -> bool:
    """Whether the name is followed by a word that makes it a disease's name ('Marburg virus')."""
    return ent.end < len(doc) and doc[ent.end].lower_ in DISEASE_WORDS


def _in_locative(ent: Span) -> bool:
    """'in Lawrenceburg', 'from Parker' (not 'according to Conrad')."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE and root.head.head.lower_ != "according"


def _a_persons_name(ent: Span, registry) -> bool:
    """Whether a one-word 'place' is the first name or surname of a person the document names in full,
    said outside a locative phrase ('Parker is awaiting trial', 'Conrad continues', "Tyler's
    attorney"): the small NER's GPE for a name that is also a town's. (The caller keeps the names
    the document puts in a locative phrase anywhere.)"""
    if registry is None or _in_locative(ent):
        return False
    person = registry.find(ent.text)
    return person is not None and len(person.name.split()) > 1 and knowledge.fold(person.name) != knowledge.fold(ent.text)


def _second_names(ents: list[Span]) -> set[str]:
    """The second words of two-word names the NER took for a person or an organisation ('Paul Riva',
    called ORG): a lone 'Riva' elsewhere in the article is that person, not the town of Riva."""
    return {e[1].text for e in ents if e.label_ in ("PERSON", "ORG") and len(e) == 2
            and e[0].is_title and e[1].is_title and e[0].pos_ == "PROPN"}


def _country_after(doc: Doc, ent: Span, gazetteer: Gazetteer) -> str | None:
    """The country named right after a place and a comma, as its apposition ('Yida, South Sudan'), if
    any — not the next item of a list or the subject of the next clause ('… in Ankara, Armenia met …')."""
    if ent.end + 1 >= len(doc) or doc[ent.end].text != "," or doc[ent.end + 1].ent_iob_ != "B":
        return None
    after = doc[ent.end + 1]
    end = after.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    country = doc[after.i:end]
    if not (ent.start <= country.root.head.i < ent.end and country.root.dep_ in ("appos", "npadvmod", "compound")):
        return None
    entry = gazetteer.lookup_entry(country.text)
    return entry.country if entry is not None and entry.feature == "country" else None


def _town_of_state(doc: Doc, ent: Span, gazetteer: Gazetteer) -> bool:
    """Whether the name is followed by ', <its state>' and the gazetteer has a town of that name there."""
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return False
    for n in (1, 2):
        if ent.end + 1 + n > len(doc):
            break
        after = doc[ent.end + 1:ent.end + 1 + n]
        state = gazetteer.lookup_entry(_with_dot(doc, after))
        if state is not None and state.feature == "region" and state.state is not None:
            town = gazetteer.lookup_entry(ent.text, states=(state.state,))
            return town is not None and town.feature == "city" and town.state == state.state
    return False


SAYING = {"say", "tell", "add", "note", "explain", "state", "ask", "announce", "testify", "write"}
LOCAL_TOWN_POPULATION = 10_000      # a 'person' named like a town this big in the paper's country


@Language.component("dragoman_places")
def annotate_places(doc: Doc) -> Doc:
    """Writes ``ext(doc, "places")``: token index → Place for every token of a geocoded place name."""
    gazetteer = get_gazetteer()
    dateline = ext(doc, "dateline")
    filed = (dateline.place.country,) if dateline is not None and dateline.place and dateline.place.country else ()
    ents = _dateline_entity(doc, _without_overlaps([_place_span(doc, e, gazetteer) for e in doc.ents]), dateline)
    ents = _shouted_datelines(doc, ents, gazetteer)
    ents = _nationality_names(doc, ents, gazetteer)
    ents = _split_town_and_state(doc, ents, gazetteer)
    in_places = {i for e in ents if e.label_ in PLACE_LABELS for i in range(e.start, e.end)}
    # countries the document is about; a capital standing for its government ('Paris') does not count,
    # nor does the place name itself, alone or before the person it describes ('Georgia', 'a Georgia
    # man' must not vote for the country Georgia)
    named = [a.country for i, a in (ext(doc, "actor_at") or {}).items()
             if a.country and a.sector != "GOV" and i not in in_places and (i - 1) not in in_places]
    prefer = tuple(dict.fromkeys([*filed, *named]))
    context = _Context(gazetteer, prefer, filed, _dateline_state(gazetteer, dateline, filed))
    places: dict = {}
    resolved: list[tuple[int, int, str]] = []       # (start, end, the text looked up) of every place
    registry = ext(doc, "persons")
    # names the document puts in a locative phrase somewhere ('in Lawrenceburg'): places wherever they stand
    located = {e.text.lower() for e in ents if _in_locative(e)}
    for n, ent in enumerate(ents):
        if ent.label_ == "ORG" and knowledge.lookup(ent.text) is None:
            # the small NER often calls a town an organisation ("the town of Nikopol")
            entry = context.entry(ent.text)
            if entry is not None and (entry.feature == "region" or (
                    entry.feature == "city" and entry.population >= ORG_TOWN_POPULATION)):
                ents[n] = ent = _relabel(doc, ent)
        if ent.label_ not in PLACE_LABELS:
            continue
        known = knowledge.lookup(ent.text)
        if known is not None and known.kind in ("igo", "group"):
            continue        # the NER's 'GPE' for 'OAS' is the organisation, not the town of Oas
        if len(ent) == 1 and ent[0].lower_ in NAME_HEAD_WORDS and (not _in_locative(ent) or _name_tail(doc, ent.start)):
            continue        # 'the Dublin Community Recreation Center': the last word of a name, no town
        place, text = None, ent.text
        head = ent.root.head
        if ent.root.dep_ == "compound" and head.lower_ in AREA_WORDS:
            # 'the Kharkiv region' is the region, not the city
            place = context.lookup(f"{ent.text} {head.text}")
            text = f"{ent.text} {head.text}"
        if place is None:
            text = _with_dot(doc, ent)
            text = text.title() if text.isupper() and len(text) > 3 else text    # 'TORRINGTON'
            place = context.lookup(text)
        if place is None and len(ent) > 1 and ent[0].lower_ in PART_QUALIFIERS and ent[0].is_title \
                and ent[1].is_title:
            # 'North Dallas', 'Central Luzon': a part the gazetteer lacks, at the point of the whole
            text = doc[ent.start + 1:ent.end].text
            place = context.lookup(text)
        if place is None and len(ent) > 1 and ent[-1].lower_ in DIVISION_WORDS:
            # 'Oaxaca State', 'Fars Province', 'Jerome Township': the division named after its name
            text = doc[ent.start:ent.end - 1].text
            place = context.lookup(text)
            if place is not None and place.feature == "country":
                place = None
        if place is not None and place.feature == "city" and len(ent) == 1 and ent.text.lower() not in located \
                and _a_persons_name(ent, registry):
            place = None
        if place is not None and place.feature == "city" and (_names_a_disease(doc, ent) or (
                ent.text.isupper() and len(ent.text) <= 4 and knowledge.fold(place.name) != knowledge.fold(ent.text))):
            place = None    # 'Marburg virus', 'Reston ebolavirus'; 'ERV' is no other name of Herve
        stated = _country_after(doc, ent, gazetteer)
        if place is not None and stated is not None and place.country != stated and place.feature != "country":
            # 'Yida, South Sudan': a town the text puts in a country is in it — the gazetteer's
            # same-named place there, else at least that country (never a namesake abroad)
            there = gazetteer.lookup(text, strong=(stated,))
            place = there if there is not None and there.country == stated else gazetteer.country(stated)
        if place is not None:
            resolved.append((ent.start, ent.end, text))
            for i in range(ent.start, ent.end):
                places[i] = place
    ents = _locative_names(doc, ents, places, context, resolved)
    context.learn(resolved, named)
    for n, ent in enumerate(ents):
        if ent.label_ == "PERSON" and _person_is_place(doc, ent, context):
            text = ent.text
            if context.entry(text) is None and ent.end < len(doc) and doc[ent.end].text == "." \
                    and not ent[-1].whitespace_:
                text = ent.text + "."       # 'Ont' + '.': the abbreviation takes its dot
                ent = Span(doc, ent.start, ent.end + 1, label=ent.label_)
            ents[n] = ent = _relabel(doc, ent)
            resolved.append((ent.start, ent.end, text))
    ents = _untagged_local_names(doc, ents, context, resolved)
    # again, with the towns the NER had called people and the counties and states local organisations
    # are named after ('the Edgar County Sheriff's Office': a story from Illinois)
    context.learn(resolved + _divisions_in_names(doc, ents, gazetteer), named)
    for start, end, text in resolved:
        if gazetteer.ambiguous(text) or start not in places:
            place = context.lookup(text)
            if place is not None:
                for i in range(start, end):
                    places[i] = place
    ents = _streets(doc, ents, places)
    _local_sites(doc, ents, places, _locality(doc, places, dateline, context))
    doc.ents = ents
    doc._.named_places = _named_places(doc, ents, places, context)
    vehicles = knowledge.vehicle_words()
    surnames = _second_names(ents)     # (the list just set: reading doc.ents again builds every Span anew)
    doc._.places = {i: place for i, place in places.items()      # 'a black Mercedes van' names no town
                    if not (doc[i].dep_ == "compound" and doc[i].head.lemma_.lower() in vehicles)
                    and not (surnames and _a_surname_again(doc[i], place, surnames))}
    return doc


def _a_surname_again(token, place: Place, surnames: set[str]) -> bool:
    """'fired at Riva' in a story that named 'Paul Riva': the person again, not the town of Riva
    (but 'in Riva' and 'the city of Riva' are the town)."""
    return token.text in surnames and place.feature == "city" and token.ent_iob_ == "B" and (
        token.i + 1 >= len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I") and not (
        token.dep_ == "pobj" and (token.head.lower_ in ("in", "near", "outside", "inside") or (
            token.head.lower_ == "of" and token.head.head.lower_ in SETTLEMENT_WORDS)))


# names that hold a place name without being a place ('the Kentucky State Police', 'the University of Iowa')
NAMING_LABELS = {"ORG", "FAC", "EVENT", "PERSON", "GPE", "LOC"}
NAME_PREFIX_WORDS = 3       # the longest place name read at the start of an organisation's name
MODIFIER_DEPS = {"amod", "compound", "nmod"}     # 'Russian troops', 'the Syrian President'


def _named_places(doc: Doc, ents: list, places: dict, context: _Context) -> dict:
    """Places a document names without speaking of them as places: the country of a nationality
    adjective ('Russian troops': Russia) and the place an organisation is named after ('the Kentucky
    State Police', 'the University of Iowa'). Token start → (token end, Place). They are toponyms
    of the text, but neither the setting of an event nor the home of an actor, so they stay out of
    ``ext(doc, "places")``."""
    found: dict = {}
    gazetteer = context.gazetteer
    towns = {place.name for place in places.values() if place.feature == "city"}
    registry = ext(doc, "persons")
    seen: dict = {}     # (label, text) → what a name said before gave: its place is the same again
    for ent in ents:
        label = ent.label_
        if label == "NORP":
            key = (label, ent.text)
            if key not in seen:
                seen[key] = _demonym_country(ent.text, gazetteer)
            if seen[key] is not None and (ent[0] if len(ent) == 1 else ent.root).dep_ in MODIFIER_DEPS:
                found[ent.start] = (ent.end, seen[key])         # not 'spoke French', 'French said'
            continue
        if label not in NAMING_LABELS or ent.start in places:
            continue
        key = (label, ent.text)
        if key not in seen:
            seen[key] = _place_named(doc, ent, context, towns, registry)
        if seen[key] is not None:
            s, e, place = seen[key]
            found[ent.start + s] = (ent.start + e, place)
    _sites_near(doc, ents, places, found)
    _listed_counties(doc, context, found)
    return found


# 'Anderson and Cherokee counties': names of counties (or parishes) before the plural word
PLURAL_DIVISIONS = {"counties": "County", "parishes": "Parish"}


def _listed_counties(doc: Doc, context: _Context, found: dict) -> None:
    """The counties a list names before 'counties' ('in Geauga and Medina counties', 'Becker, Clay and
    Wilkin counties'), each under its full name."""
    text = doc_text(doc)
    if "counties" not in text and "parishes" not in text:
        return
    for token in doc:
        division = PLURAL_DIVISIONS.get(token.lower_)
        if division is None:
            continue
        i = token.i - 1
        while i >= 0:
            start = i
            while start >= 0 and doc[start].text[:1].isupper() and doc[start].is_alpha:
                start -= 1
            if start == i:
                break
            name = doc[start + 1:i + 1]
            entry = context.entry(f"{name.text} {division}")
            if entry is None or entry.feature != "region" or name.start in found:
                break
            found[name.start] = (name.end, entry.place(name.text))
            i = start
            while i >= 0 and doc[i].lower_ in (",", "and", "or"):
                i -= 1


def _org_town(ent: Span, context: _Context, towns: set) -> Place | None:
    """An 'organisation' that is, under its own name, a town of the region the document is about or
    that it names elsewhere as a place ('Whitestown invited donors', 'Lakeview' in a story from Ohio).
    Bigger towns were made places in the first pass; these stay organisations (their actor and events
    as they were) and only name the town."""
    if len(ent) > 3 or ent[0].lower_ == "the":
        return None
    entry = context.entry(ent.text)
    if entry is None or entry.feature != "city" or knowledge.fold(entry.name) != knowledge.fold(ent.text) \
            or knowledge.lookup(ent.text) is not None:
        return None
    key = entry.state
    local = entry.name in towns or key is not None and (
        key in context.states or key in context.strong_states or bool(context.near.get(key, set()) - {ent.text}))
    return entry.place(ent.text) if local else None


def _divisions_in_names(doc: Doc, ents: list, gazetteer: Gazetteer) -> list:
    """(start, end, text) of the states and counties organisations are named after, one name each."""
    found = []
    for ent in ents:
        if ent.label_ not in ("ORG", "FAC") or len(ent) < 2:
            continue
        words = [t.text_with_ws for t in ent]
        for s, e, _ in _name_parts(words):
            text = "".join(words[s:e]).rstrip()
            entry = gazetteer.lookup_entry(text)
            if entry is not None and entry.feature == "region" and entry.state is not None \
                    and not gazetteer.ambiguous(text):
                found.append((ent.start + s, ent.start + e, text))
                break
    return found


def _demonym_country(text: str, gazetteer: Gazetteer) -> Place | None:
    """The country of a nationality adjective ('Russian'); None for people ('Americans') and others."""
    known = knowledge.lookup(text)
    if known is None or known.kind != "demonym" or not known.country or text.islower():
        return None
    singular = knowledge.lookup(text[:-1]) if text.endswith("s") else None
    if singular is not None and singular.country == known.country:
        return None         # 'Americans' are people, not an adjective of the place
    try:
        country = gazetteer.country(known.country)
    except KeyError:
        return None
    return Place(text=text, name=country.name, country=country.country, lat=country.lat, lon=country.lon,
                 geonames_id=country.geonames_id, feature=country.feature)


def _place_named(doc: Doc, ent: Span, context: _Context, towns: set, registry) -> tuple | None:
    """(start, end, Place), offsets within ``ent``, of the place a name that is not itself a place
    names: the EU as a territory, a town the NER called an organisation, or the place an organisation
    or a person's title is named after."""
    label = ent.label_
    if label in ("ORG", "GPE") and (union := _union(ent.text, context.gazetteer)) is not None:
        return 0, len(ent), union
    if label == "ORG" and (town := _org_town(ent, context, towns)) is not None:
        return 0, len(ent), town
    if len(ent) < 2 or _is_site(ent, STREET_WORDS):
        return None         # 'Wichita Drive' is a street, wherever it is
    if label == "ORG" and (not COMPANY_WORDS.isdisjoint(ent.text.lower().split()) or (
            (known := knowledge.lookup(ent.text)) is not None and known.kind in ("igo", "group"))):
        return None         # 'McPherson & Jacobsen LLC', 'Delta Air Lines', 'the Council of Europe': no local body
    own: set = set()
    if label == "PERSON":
        person = registry.find(ent.text) if registry is not None else None
        if person is None or knowledge.fold(person.name) == knowledge.fold(ent.text):
            return None     # 'Paris Hilton' is a person
        own = set(knowledge.fold(person.name).split())
    span = _place_in_name(doc, ent, context, towns, own)
    return None if span is None else (span[0] - ent.start, span[1] - ent.start, span[2])


# unions of states that news geography treats as a territory ('the EU'), put at the point of the
# continent they cover: IGO code → gazetteer name
UNION_SEATS = {"EEC": "Europe"}


@functools.cache
def _union_names() -> frozenset:
    """The folded names of the unions of UNION_SEATS ('eu', 'european union', ...)."""
    return frozenset(key.removeprefix("the ") for key, entries in knowledge.names().items()
                     if any(e.kind == "igo" and e.code in UNION_SEATS for e in entries))


def _union(text: str, gazetteer: Gazetteer) -> Place | None:
    if knowledge.fold(text).removeprefix("the ") not in _union_names():
        return None
    known = knowledge.lookup(text)
    if known is None or known.kind != "igo" or known.code not in UNION_SEATS:
        return None
    seat = gazetteer.lookup_entry(UNION_SEATS[known.code])
    if seat is None:
        return None
    return Place(text=text, name=known.name or text, country=None, lat=seat.lat, lon=seat.lon, geonames_id=None,
                 feature="region")


def _place_in_name(doc: Doc, ent: Span, context: _Context, named: set, own: set) -> tuple | None:
    """(start, end, Place) of the place an organisation is named after, if any; ``own`` are the words
    of a person's own name ('Calgary MLA Sandra Jansen': Calgary, not 'George' of George Bush)."""
    words = [t.text_with_ws for t in ent]       # strings: cheaper than Token objects, read many times
    for s, e, qualified in _name_parts(words):
        text = "".join(words[s:e]).rstrip()
        if e == len(words) and len(text) <= 6 and text[-1:].isalpha() \
                and doc_text(doc)[ent.end_char:ent.end_char + 1] == ".":
            text += "."         # 'the University of Ky.': the dot the tokenizer left outside
        if own and any(w.rstrip().lower() in own for w in words[s:e]):
            continue
        entry = context.entry(text)
        body = e < len(words) and words[e].rstrip().lower() in LOCAL_BODIES
        if entry is None or not (_named_after(entry, context, named) or body and _home_town(entry, context)):
            continue
        known = knowledge.lookup(text)
        if known is not None and known.kind not in ("country", "capital"):
            continue        # 'Hamas', 'Reuters', a person, a nationality
        if entry.feature == "city" and (len(text) < 4 or qualified) and entry.name not in named:
            continue        # 'Man City', 'the West Wing': a short or qualified word, and no town of the story
        if entry.feature == "city" and knowledge.fold(entry.name) != knowledge.fold(text):
            continue        # a town's other, older or foreign name is rarely what a body is named after
        return ent.start + s, ent.start + e, entry.place("".join(words[s:e]).rstrip())
    return None


# words before a place name in an organisation's name ('the East Texas Council', 'of Western Pennsylvania')
NAME_QUALIFIERS = {"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest", "eastern",
                   "western", "northern", "southern", "central", "metropolitan", "greater", "downtown", "upper", "lower"}


def _name_parts(words: list[str]):
    """The (start, end, after a qualifier) word spans of an organisation's name (its words with their
    spaces) that may be the place it is named after, best first: the words after its last 'of' ('the
    University of Kentucky Medical Center'), its first words ('the Kentucky State Police', 'the East
    Texas Council'), and a place after a call sign ('CTV Winnipeg'); each up to three words, the
    longest first, never the whole name."""
    lower = [w.rstrip().lower() for w in words]
    end = len(words)
    start = 1 if lower[0] == "the" else 0
    of = next((i for i in range(end - 2, start, -1) if lower[i] == "of"), None)
    firsts = []
    if of is not None:
        first = of + 2 if lower[of + 1] == "the" and of + 2 < end else of + 1
        firsts.append((first, end))
    limit = of if of is not None else end
    firsts.append((start, limit))
    lead = words[start].rstrip() if start < end else ""
    if start + 1 < end and lead.isupper() and len(lead) > 1 and lead.isalpha():
        firsts.append((start + 1, end))     # 'CTV Winnipeg'
    parts = []
    for first, stop in firsts:
        parts.append((first, stop))
        if lower[first] in NAME_QUALIFIERS and first + 1 < stop:
            parts.append((first + 1, stop))     # 'Western Pennsylvania', then 'Pennsylvania'
    capital = [w[:1].isupper() for w in words]
    for first, stop in dict.fromkeys(parts):
        qualified = first > start and lower[first - 1] in NAME_QUALIFIERS
        for e in range(min(first + NAME_PREFIX_WORDS, stop), first, -1):
            if (first, e) != (start, end) and all(capital[first:e]) \
                    and not (e == first + 1 and lower[first] in NAME_QUALIFIERS):
                yield first, e, qualified


# the word after a town's name in the name of its local bodies ('the Torrington Fire Department',
# 'Lakeview High School', 'the Canaan Board of Finance', 'Bloomfield Town Council')
LOCAL_BODIES = {"police", "fire", "sheriff", "sheriff's", "city", "town", "village", "township", "borough",
                "high", "middle", "elementary", "public", "board", "council", "library", "municipal", "district",
                "area", "regional", "general", "community", "chamber", "volunteer", "rescue", "water", "school",
                "schools"}


# words of a company's name: a company named after a place is not where the story is
COMPANY_WORDS = {"&", "llc", "inc", "inc.", "corp", "corp.", "co.", "ltd", "ltd.", "plc", "airlines", "airways",
                 "company", "companies"}


def _home_town(entry, context: _Context) -> bool:
    """A town of the country the document is about (its local bodies are named after it)."""
    return entry.feature == "city" and bool(context.prefer) and entry.country in (context.prefer[0], *context.dominant)


def _named_after(entry, context: _Context, named: set) -> bool:
    """Whether an organisation's name word is this place: a country, state or region, a big town, a
    town the document names as a place, or a town of a state or province it names."""
    if entry.feature in ("country", "region"):
        return True
    return entry.population >= PERSON_PLACE_POPULATION or entry.name in named or (
        entry.state is not None and (entry.state in context.states or entry.state in context.strong_states))


def _proper_nouns(doc: Doc) -> list[int]:
    """Indices of the proper nouns, read from the token array (building every Token is slow)."""
    return proper_nouns(doc)


def _title_proper_nouns(doc: Doc) -> set[int]:
    """Indices of the proper nouns written with a capital and then small letters ('Moorhead')."""
    if not len(doc):
        return set()
    array = doc.to_array([POS, IS_TITLE])
    return set(numpy.flatnonzero((array[:, 0] == PROPN) & (array[:, 1] == 1)).tolist())


MAJOR_CITY_POPULATION = 1_000_000     # a city this big is meant wherever its own name stands untagged


def _untagged_local_names(doc: Doc, ents: list, context: _Context, resolved: list) -> list:
    """Proper names the NER left untagged that are, under their own name, a town or division in a
    state or province the document is about ('volunteers from Moorhead' in a story that names
    Minnesota), a city of a million people anywhere ('jets struck Aleppo'), or a division after a
    name and a comma ('Knockhill, Fife', 'Clacton, Essex')."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    registry = ext(doc, "persons")
    added = []
    names = _title_proper_nouns(doc)        # token indices, no Token objects for the other words
    later = 0
    for i in sorted(names):
        if i < later or i in taken:
            continue
        end = i + 1
        while end in names and end not in taken:
            end += 1
        later = end
        text = doc[i:end].text
        entry = context.entry(text) if len(text) > 3 else None
        if entry is not None and entry.feature != "country" and knowledge.fold(entry.name) == knowledge.fold(text) \
                and knowledge.lookup(text) is None and (registry is None or registry.find(text) is None):
            key = entry.state
            local = key is not None and (key in context.states or key in context.strong_states
                                         or bool(context.near.get(key, set()) - {text}))
            major = entry.feature == "city" and entry.population >= MAJOR_CITY_POPULATION and end - i == 1
            if local or major or (entry.feature == "region" and i > 1 and doc[i - 1].text == ","
                                  and doc[i - 2].text[:1].isupper()):       # 'Knockhill, Fife': a name's county
                added.append(Span(doc, i, end, label="GPE"))
                resolved.append((i, end, text))
    return sorted([*ents, *added], key=lambda e: e.start) if added else ents


# the last word of a street, road, park, river or other site a local story names ('Main Street')
# ('way' is not one: 'the United Way' is a charity)
SITE_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "lane", "boulevard", "blvd", "highway",
              "parkway", "pike", "trail", "court", "place", "square", "plaza", "park", "river", "creek", "lake",
              "reservoir", "valley", "wilderness", "forest", "bridge", "beach", "island", "islands"}


def _locality(doc: Doc, places: dict, dateline, context: _Context):
    """The town a local story is about: its dateline's, else the town of its dominant country that it
    names most (at least twice); None for stories that are not local."""
    if dateline is not None and dateline.place is not None and dateline.place.feature == "city":
        return dateline.place
    towns: Counter = Counter()
    seen = set()
    for i, place in places.items():
        key = (place.name, place.lat, place.lon)
        if place.feature == "city" and place.country in context.dominant and (i - 1) not in places:
            towns[key] += 1
            seen.add(key)
    top = towns.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return next(p for p in places.values() if (p.name, p.lat, p.lon) == top[0][0])


# the last word of a street's name, which no person's or organisation's name ends with
STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "drive", "boulevard", "blvd", "highway", "parkway"}


def _streets(doc: Doc, ents: list, places: dict) -> list:
    """Streets the small NER called a person or an organisation ('Wichita Drive', 'Main St.') as sites."""
    out = None
    for n, ent in enumerate(ents):
        if ent.label_ not in ("PERSON", "ORG") or ent.start in places or len(ent) < 2 \
                or not _is_site(ent, STREET_WORDS):
            continue
        out = out if out is not None else list(ents)
        out[n] = Span(doc, ent.start, ent.end, label="FAC")
        actor_at = ext(doc, "actor_at") or {}
        for i in range(ent.start, ent.end):
            actor_at.pop(i, None)
    return out if out is not None else ents


def _is_site(ent: Span, words: set = SITE_WORDS) -> bool:
    """'Main Street', 'Coffman Park', 'Eglinton Avenue West', '40th Avenue South'."""
    if len(ent) < 2 or not ent[0].text[:1].isupper() and not ent[0].text[:1].isdigit():
        return False
    last = ent[-1].lower_.rstrip(".")
    return last in words or (last in COMPASS and len(ent) > 2 and ent[-2].lower_.rstrip(".") in words)


COMPASS = {"north", "south", "east", "west", "n", "s", "e", "w"}


def _local_sites(doc: Doc, ents: list, places: dict, locality) -> None:
    """Streets, parks and rivers of a local story ('Main Street', 'Coffman Park'), put at its town:
    no gazetteer has them, but a reader knows they are there."""
    if locality is None:
        return
    for ent in ents:
        if ent.label_ not in ("FAC", "LOC") or ent.start in places or not _is_site(ent):
            continue
        site = Place(text=ent.text, name=ent.text, country=locality.country, lat=locality.lat, lon=locality.lon,
                     geonames_id=None, feature="site")
        for i in range(ent.start, ent.end):
            places[i] = site


def _sites_near(doc: Doc, ents: list, places: dict, found: dict) -> None:
    """Streets and parks of a story that is not plainly local, put at the first town it names (else
    its first state or region): the likeliest place for them, but too weak a guess to set an event
    there, so they go to ``found`` (the named places), not to ``places``."""
    near = next((p for _, p in sorted(places.items()) if p.feature == "city"), None) or next(
        (p for _, p in sorted(places.items()) if p.feature == "region" and p.country), None)
    if near is None:
        return
    for ent in ents:
        if ent.label_ not in ("FAC", "LOC") or ent.start in places or ent.start in found or not _is_site(ent):
            continue
        found[ent.start] = (ent.end, Place(text=ent.text, name=ent.text, country=near.country, lat=near.lat,
                                           lon=near.lon, geonames_id=None, feature="site"))


def _relabel(doc: Doc, ent: Span) -> Span:
    """The entity as a GPE, no longer an actor."""
    span = Span(doc, ent.start, ent.end, label="GPE")
    doc._.actor_at = {i: a for i, a in (ext(doc, "actor_at") or {}).items() if not ent.start <= i < ent.end}
    return span


def _with_dot(doc: Doc, ent: Span) -> str:
    """The entity's text with the abbreviation dot the tokenizer may have left outside ('Ky' + '.')."""
    end = ent.end_char
    text = doc_text(doc)
    if end < len(text) and text[end] == "." and ent.text[-1:].isalpha() and len(ent.text) <= 6:
        return ent.text + "."
    return ent.text


RELABELLED = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW", "GPE", "LOC"}
LOCATIVE = {"in", "near", "at", "outside", "inside", "around", "to", "from"}
AREA_WORDS = {"region", "oblast", "province", "governorate", "district", "state"}
DIVISION_WORDS = AREA_WORDS | {"township", "parish", "county", "prefecture", "municipality"}
# 'the town of Samarra', 'the port city of Basra': the name after 'of' is the place itself
SETTLEMENT_WORDS = {"town", "city", "village", "capital", "port", "region", "province", "district", "township",
                    "municipality", "hamlet", "island", "suburb", "enclave"}


def _locative_names(doc: Doc, ents: list, places: dict, context: _Context, resolved: list) -> list:
    """'near Kramatorsk', 'in Austin', 'in the Donetsk region': a name in a locative phrase that the
    gazetteer knows is a place, whatever the small NER called it (or if it called it nothing)."""
    taken = {i for e in ents for i in range(e.start, e.end)}
    registry = ext(doc, "persons")
    out = list(ents)
    for i in _proper_nouns(doc):
        if i in places:
            continue
        token = doc[i]
        head = token.head
        area = head.lower_ in AREA_WORDS and token.dep_ == "compound"
        named_as = token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in SETTLEMENT_WORDS
        if not area and not named_as and not (token.dep_ == "pobj" and head.lower_ in LOCATIVE):
            continue
        ent = next((e for e in out if e.start <= token.i < e.end), None)
        if ent is not None and ent.label_ not in RELABELLED and not (named_as and ent.label_ == "NORP"):
            continue        # a date, number or nationality is never a place ('in March'), but 'the town of' names one
        if ent is not None and (ent.label_ in PLACE_LABELS or (ent.label_ == "PERSON" and not named_as
                                                               and registry is not None
                                                               and registry.find(ent.text) is not None
                                                               and len(registry.find(ent.text).mentions) > 1)):
            continue        # a person named often stays one, but no person is 'the city of Gainesville'
        start, end = (ent.start, ent.end) if ent is not None else (token.i, token.i + 1)
        if ent is None and token.i in taken:
            continue
        if start > 0 and doc[start - 1].is_title and doc[start - 1].ent_type_ in ("", "NORP") \
                and doc[start - 1].ent_iob_ != "I" and doc[start - 1].i > token.sent.start:
            longer = context.entry(doc[start - 1:end].text)     # 'in British Columbia', not Columbia
            if longer is not None and (longer.feature != "city" or longer.population >= 1000):
                start -= 1
        text = doc[start:end].text
        known = knowledge.lookup(text)
        if known is not None and known.kind in ("igo", "group"):
            continue        # 'at the OAS' is the organisation, not the town of Oas
        if end - start == 1 and doc[start].lower_ in NAME_HEAD_WORDS and _name_tail(doc, start):
            continue        # 'to Paris Regional Medical Center': the name's last word, not the town of Center
        looked_up = f"{text} {head.text}" if area else text
        place = context.lookup(looked_up) if area else None
        if place is None:
            looked_up = text
            place = context.lookup(text)
        if place is None or place.feature == "country":
            continue
        span_end = head.i + 1 if area and head.i == end and not head.is_lower else end    # 'Kharkiv' region
        span = Span(doc, start, span_end, label="GPE")
        out = [e for e in out if not (e.start < span.end and span.start < e.end)] + [span]
        resolved.append((span.start, span.end, looked_up))
        for i in range(span.start, span.end):
            places[i] = place
            (ext(doc, "actor_at") or {}).pop(i, None)
    return sorted(out, key=lambda e: e.start)
