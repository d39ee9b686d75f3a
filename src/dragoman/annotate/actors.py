"""Who is who: entity mentions and role nouns resolved to actors (country, sector, person).

People are resolved the way a reader does it: by the title in front of the name ("Russian Foreign
Minister Sergey Lavrov" → RUS GOV), by the people table (valid on the publication date), and by
earlier mentions in the same document ("Foreign Minister Lavrov", "Lavrov", "the minister", "he").
Capitals and seats of government stand for their governments ("Washington" → USA GOV).
"""

from __future__ import annotations

from functools import cache

import numpy
from spacy.attrs import ENT_TYPE, LEMMA, LOWER, POS
from spacy.language import Language
from spacy.parts_of_speech import NOUN, PROPN
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from dragoman import knowledge
from dragoman.annotate.doctext import doc_text, ext, kids
from dragoman.annotate.people import (
    PRONOUNS,
    Person,
    PersonRegistry,
    find_people,
    salient_person,
)
from dragoman.annotate.quote_spans import document_quote_spans
from dragoman.annotate.syntax import to_infinitive
from dragoman.annotate.titles import (
    entity_at,
    entry_country,
    find_role,
    freeze_entities,
    misspelt_state,
    role_at,
    role_of,
    title_tokens,
)
from dragoman.model import Actor

GROUP_PRONOUNS = {"it", "its", "they", "their", "them", "itself", "themselves"}
ENTITY_LABELS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}


def entity_actor(span: Span, registry: PersonRegistry) -> Actor | None:
    """The actor a named entity stands for, or None for names that act for no one (plain places)."""
    text = span.text
    if span.label_ == "PERSON":
        person = registry.find(text)
        return person.actor(text) if person else Actor.make(text, text, None, None)
    entry = knowledge.lookup(text, ext(span.doc, "published"))
    if entry is None and span.label_ in ("GPE", "NORP", "ORG") and len(span) == 1:
        entry = misspelt_state(text)
    if entry is None:
        return Actor(text=text, name=text) if span.label_ == "ORG" else None
    if entry.kind == "igo":
        return Actor(text=text, name=entry.name, country=None, sector=entry.sector, code=entry.code)
    if entry.kind == "person":
        return Actor.make(text, entry.name, entry.country, entry.sector)
    if entry.kind in ("capital", "metonym"):
        return Actor.make(text, None, entry.country, entry.sector)
    if entry.kind == "group":
        return Actor.make(text, entry.name, entry.country, entry.sector, entry.code)
    return Actor.make(text, None, entry.country, None)


@Language.component("dragoman_actors")
def annotate_actors(doc: Doc) -> Doc:
    """Writes ``ext(doc, "persons")`` (the registry) and ``ext(doc, "actor_at")`` (token index → Actor)."""
    registry = PersonRegistry(ext(doc, "published"))
    spans = find_people(doc, registry)
    ents = _not_overlapping_earlier(spans)
    doc.ents = ents
    actor_at: dict[int, Actor] = {}
    for ent in ents:    # (the list just set: reading doc.ents again builds every Span anew)
        if ent.label_ not in ENTITY_LABELS:
            continue
        actor = entity_actor(ent, registry)
        if actor is not None:
            for i in range(ent.start, ent.end):
                actor_at[i] = actor
    table = doc.to_array([POS, ENT_TYPE])     # over arrays: most words are not untagged proper names
    for i in numpy.flatnonzero((table[:, 0] == PROPN) & (table[:, 1] == 0)).tolist():
        # a misspelt state the NER did not even see as a name: 'Ethopia has agreed'
        token = doc[i]
        if token.i not in actor_at and token.text[:1].isupper():
            entry = misspelt_state(token.text)
            if entry is not None:
                actor_at[token.i] = Actor.make(token.text, None, entry.country,
                                               entry.sector if entry.kind == "capital" else None)
    doc._.persons = registry
    doc._.actor_at = actor_at
    _infer_person_countries(doc, registry, ents)
    return doc


def _led_by(token: Token) -> str | None:
    """'The Russian side was led by Deputy Foreign Minister Pavel Gromov': the side's country."""
    prep = token.head
    if token.dep_ == "pobj" and prep.dep_ == "agent" and prep.head.lemma_.lower() in ("lead", "head", "represent"):
        subject = next((c for c in kids(prep.head) if c.dep_ == "nsubjpass"), None)
        if subject is not None:
            countries = _countries_near(subject)
            return countries[0] if countries else None
    return None


def _infer_person_countries(doc: Doc, registry: PersonRegistry, ents: list[Span]) -> None:
    """Officials whose country no title or table gives take it from where the article was filed
    (its dateline), else from the one state named around their first mention, outside quotes.
    ``ents`` are the document's entities (``doc.ents``, as just set)."""
    from dragoman.annotate.dateline import find_dateline

    dateline = find_dateline(doc_text(doc), ext(doc, "published"))
    quoted = quote_spans(doc)
    actor_at = ext(doc, "actor_at")
    changed = False
    for person in registry.people:
        if person.country or person.code or not person.sector or person.sector in ("IGO", "NGO"):
            continue
        first = doc[person.mentions[0][0]:person.mentions[0][1]].root
        institutions = [t for t in title_tokens(doc[person.mentions[0][0]:person.mentions[0][1]])
                        if (r := knowledge.roles().get(t.lower_)) is not None and not r.person]
        led = _led_by(first)
        if led:
            person.country = led
        elif institutions and (country := _institution_country(institutions[-1], None)):
            person.country = country
        elif dateline is not None and dateline.place is not None and dateline.place.country:
            person.country = dateline.place.country
        elif (home := _home_country(first)) is not None:
            person.country = home       # 'Senator Jane Miller of Ohio'
        else:
            sent = doc[person.mentions[0][0]].sent
            named = {i: a for i, a in actor_at.items() if sent.start <= i < sent.end and a.country
                     and not any(s <= doc[i].idx < e for s, e in quoted) and not _says_no_nationality(doc[i])}
            # 'X accused Sudan of …', 'X called on the administration to punish Russia': a state X acts on
            # is not X's (but the people X acts on may be of X's: 'investigations against 28 Chilean
            # officials'); an institution X acts on is when nothing else is named ('accused the Justice
            # Department'), but not a capital standing for its state ('accused Khartoum')
            acted_on, places = _acted_on(first), ext(doc, "places") or {}
            countries = {a.country for i, a in named.items() if i not in acted_on
                         or doc[i].dep_ in ("amod", "compound")} or {
                a.country for i, a in named.items() if a.sector and i not in places}
            if len(countries) == 1:
                person.country = countries.pop()
        changed = changed or person.country is not None
    if changed:
        for ent in ents:
            if ent.label_ == "PERSON" and (person := registry.find(ent.text)) is not None:
                for i in range(ent.start, ent.end):
                    actor_at[i] = person.actor(ent.text)


def _home_country(name: Token) -> str | None:
    """The country of the place a person is said to be of or from ('Jane Miller of Ohio')."""
    places = ext(name.doc, "places") or {}
    return next((place.country for pobj in _of_or_from(name) if (place := places.get(pobj.i)) is not None
                 and place.country), None)


def _of_or_from(token: Token) -> list[Token]:
    """What the noun is 'of' or 'from' ('Miller of Ohio', 'observers from the OSCE')."""
    return [pobj for prep in kids(token) if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
            for pobj in kids(prep) if pobj.dep_ == "pobj"]


VENUE_PREPS = {"in", "at", "near", "inside", "outside", "around", "across", "throughout", "to"}


def _says_no_nationality(token: Token) -> bool:
    """A state named where someone is or goes ('spoke in Bern', 'flew to Cairo') or describing a thing
    ('a Canadian hunting trip') says nothing of a person's nationality."""
    head = token
    while head.dep_ in ("compound", "flat") and head.head is not head:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in VENUE_PREPS:
        return True
    return head.dep_ == "amod" and head.head.ent_type_ != "PERSON" and role_of(head.head) is None


def _not_overlapping_earlier(spans: list[Span]) -> list[Span]:
    """The spans that overlap no span before them in the list (kept or not), in one pass over the
    tokens they cover (comparing each span with all earlier ones was quadratic in the spans)."""
    covered: set[int] = set()
    kept = []
    for span in spans:
        tokens = range(span.start, span.end)
        if not any(i in covered for i in tokens):
            kept.append(span)
        covered.update(tokens)
    return kept


def actors_of(token: Token) -> list[Actor]:
    """The actors a noun phrase head stands for, with its conjuncts ('Russia and the United States').
    Once every actor, place and person of the document is known (``freeze_actors``), the answer of a
    token is remembered: event coding asks it of the same words many times."""
    if token.lower_ in FIRST_PERSON and token.tag_ == "PRP" and token.dep_ == "nsubj":
        return _quoted_speaker(token)       # not remembered: the quotes are found after the memo starts
    memo = token.doc.user_data.get("dragoman_actors_of")
    if memo is not None:
        if token.i not in memo:
            memo[token.i] = tuple(_actors_of(token))
        return list(memo[token.i])
    return _actors_of(token)


FIRST_PERSON = frozenset({"i", "we"})


def _quoted_speaker(token: Token) -> list[Actor]:
    """'"I urge the United States to …," Graham said': in quoted words the first person of a verb
    said in the doing of it (performatives.tsv) is whoever speaks them ('we' the speaker's side,
    which the speaker stands for). Elsewhere, outside quotes, or before the document's quotes are
    known, it is no one the text names: quoted narration and opinion ('I think', 'we are fighting')
    are no events of their own."""
    verb = token.head
    if verb.tag_ != "VBP" or verb.lemma_.lower() not in knowledge.performatives() \
            or any(c.dep_ in ("aux", "neg") for c in kids(verb)):
        return []
    quotes = ext(token.doc, "quotes") or []
    quote = next((q for q in quotes if q.direct and q.speaker is not None and q.start <= token.idx < q.end), None)
    return [quote.speaker] if quote is not None else []


GATHERINGS = frozenset({"christmas", "birthday", "holiday", "dinner", "office", "house", "wedding", "garden",
                        "cocktail", "block", "pool", "graduation", "engagement", "farewell", "retirement",
                        "launch", "release", "watch", "costume", "dance", "street", "beach", "halloween",
                        "year", "eve", "new"})


def _a_gathering(token: Token) -> bool:
    """'an office Christmas party', 'a birthday party': a party one goes to, not one that governs."""
    return token.lemma_.lower() == "party" and any(
        c.dep_ in ("compound", "amod", "nmod") and c.lower_ in GATHERINGS for c in kids(token))


OBJECT_PRONOUNS = frozenset({"him", "her"})


def _subject_person(token: Token, registry: PersonRegistry) -> Person | None:
    """For an object 'him' or 'her', the person who is the subject of its verb (or of the clause the
    verb's subject is taken from: 'Trump …, accusing her')."""
    if token.lower_ not in OBJECT_PRONOUNS or token.dep_ not in ("dobj", "dative", "pobj"):
        return None
    verb = token.head.head if token.dep_ == "pobj" else token.head
    for _ in range(3):
        subject = next((c for c in kids(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.lower_ in PRONOUNS:     # 'She praised him': the one 'she' stands for
                return salient_person(subject, registry) or registry.latest_before(subject.i)
            return registry.at(subject.i)
        if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head is verb:
            return None
        verb = verb.head
    return None


def _states_leading(token: Token) -> list[Actor]:
    """The states that lead a group the noun names ('a coalition led by Saudi Arabia')."""
    for clause in kids(token):
        if clause.dep_ == "acl" and clause.lemma_.lower() in ("lead", "head") and clause.tag_ == "VBN":
            return [a for agent in kids(clause) if agent.dep_ == "agent" for pobj in kids(agent)
                    if pobj.dep_ == "pobj" for a in actors_of(pobj) if a.country]
    return []


def _military(token: Token) -> bool:
    return any(c.dep_ == "amod" and c.lower_ in ("military", "armed") for c in kids(token))


def freeze_actors(doc: Doc, frozen: bool = True) -> None:
    """Marks the document's actors, places and people as final (or no longer), turning the memo of
    ``actors_of`` on or off. They are final once places are found: speech attribution freezes them,
    event coding goes on with the same memo and thaws them when it is done."""
    if frozen:
        doc.user_data.setdefault("dragoman_actors_of", {})
    else:
        doc.user_data.pop("dragoman_actors_of", None)
    freeze_entities(doc, frozen)    # the names are as final as the actors


def _actors_of(token: Token) -> list[Actor]:
    out: list[Actor] = []
    for head in [token, *token.conjuncts]:
        for actor in _actors_of_head(head):
            if all(a.key != actor.key for a in out):
                out.append(actor)
    return out


QUANTITIES = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "ten", "tens", "million",
              "millions", "group", "number", "crowd", "crowds", "majority", "some", "many", "most", "all", "none",
              "several", "members", "member", "delegation", "patch", "contingent", "unit", "batch", "third",
              "part", "half", "leaders", "leader", "supporters", "supporter", "scores", "score", "mission", "team",
              "busloads", "wave"}
NON_STATE = {"CVL", "EDU", "LAB", "REL", "MED", "BUS", "REF", "AGR", "SOC", "CRM", "JRN"}
DOMESTIC = NON_STATE | {"OPP"}      # groups that belong to the country where they act


# kin of someone: other people than the ones they are kin of ('the families of the victims requested …')
KIN = {"family", "families", "relatives", "parents", "kin", "widow", "widows"}


# places people are kept or housed: 'a camp for Congolese refugees' stands for the refugees
FACILITIES = {"camp", "camps", "shelter", "shelters", "school", "schools", "hospital", "hospitals", "home", "homes",
              "hostel", "hostels", "centre", "center", "centres", "centers"}


def _persons_thing(token: Token) -> list[Actor]:
    """'praised Mr. Clarke's work', 'welcomed Capaldi's casting': the work or deed of a named person,
    what an act is done to, stands for that person (not 'Felt's supporters', other people)."""
    if token.dep_ not in ("dobj", "pobj") or token.tag_ != "NN":
        return []
    owner = next((c for c in kids(token) if c.dep_ == "poss"), None)
    if owner is None or owner.ent_type_ != "PERSON":
        return []
    return actors_of(owner)


def _actors_of_head(token: Token) -> list[Actor]:
    doc = token.doc
    actor_at = ext(doc, "actor_at")
    titled = _title_ending_in(token)
    if titled is not None:      # 'the U.S. secretary of state's visit': the secretary's, not a 'state'
        return _actors_of_head(titled)
    if token.lower_ in FACILITIES:
        housed = [a for prep in kids(token) if prep.dep_ == "prep" and prep.lower_ == "for"
                  for pobj in kids(prep) if pobj.dep_ == "pobj" for a in actors_of(pobj)]
        if housed:
            return housed
    if token.lower_ in KIN:
        of = next((c for c in kids(token) if c.dep_ == "prep" and c.lower_ == "of"), None)
        theirs = [a for pobj in (kids(of) if of is not None else ()) if pobj.dep_ == "pobj" for a in actors_of(pobj)]
        if theirs:      # 'the families of the two wounded men': the kin, of their people's country
            return [Actor.make(_phrase(token), None, theirs[0].country, "CVL")]
    if token.pos_ == "NUM" or token.lower_ in QUANTITIES:
        of = next((c for c in kids(token) if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in kids(of) if c.dep_ == "pobj"), None) if of is not None else None
        if inner is not None:
            found = actors_of(inner)
            if found and any(a.country or (a.code and a.code != a.sector) for a in found):
                return found
            sent_by = _organisation_from(token)     # 'a mission of observers from the OSCE'
            if sent_by is not None:
                return [sent_by]
            if found:
                return found
    actor = actor_at.get(token.i)
    if actor is not None and actor.country and not actor.sector and _is_demonym(token):
        home = _home_of_people(token, actor.country)
        if home is not None:    # 'Bosnian Serbs', 'the Albanians of southern Serbia': people of that state
            actor = Actor.make(actor.text, actor.name, home, "CVL")
    if actor is not None and (actor.country or actor.code or token.ent_type_ != "ORG"):
        return [_with_context_country(actor, token)]
    registry: PersonRegistry = ext(doc, "persons")
    low = token.lower_
    named = next((c for c in kids(token) if c.dep_ == "appos" and c.i in actor_at
                  and c.ent_type_ == "PERSON"), None)
    if named is not None:       # 'An adviser to the Armenian government, Gor Avetisyan, said'
        person_actor = actor_at[named.i]
        countries = [] if person_actor.country else _countries_near(token)
        if countries:           # 'Qatar's emir, Sheikh Hamad, …': the title's country is the person's
            role = role_of(token)
            return [Actor.make(person_actor.text, person_actor.name, countries[0],
                               person_actor.sector or (role.sector if role else None))]
        return [_with_context_country(person_actor, named)]
    if low in PRONOUNS:
        person = salient_person(token, registry) or registry.latest_before(token.i)
        if person is not None and person is _subject_person(token, registry):
            # 'Trump …, accusing her of …': an object pronoun is not its own clause's subject
            person = registry.latest_before(token.i, other_than=person)
        return [_with_context_country(person.actor(token.text), token)] if person else []
    if low in GROUP_PRONOUNS:
        return _antecedent_group(token)
    pair = pair_reference(token)
    if pair:
        role = role_of(token) if token.lemma_.lower() not in PAIR_NOUNS else None
        return [Actor.make(_phrase(token), None, c, role.sector if role else None) for c in pair]
    if actor is not None:       # an organisation we do not know: read its name
        organisation = _named_organisation(token, actor)
        if not organisation.country and not organisation.sector:
            home = _domestic_country(token, skip_acted_on=True)   # 'the banned Movement for …' (Nigeria)
            if home is not None:
                organisation = Actor.make(organisation.text, organisation.name, home, None)
        return [_with_context_country(organisation, token)]
    role = role_of(token)
    if role is not None and _bare_singular(token, role):
        return []       # 'obstruct justice', 'denying us justice': the abstract noun, not a judge
    if role is not None and _a_gathering(token):
        return []       # 'opened fire at an office Christmas party': a gathering, no political party
    if role is None:
        leader = _states_leading(token)
        if leader:      # 'a military coalition led by Saudi Arabia': of the state that leads it
            return [Actor.make(_phrase(token), None, leader[0].country, "MIL" if _military(token) else None)]
        # "Iraqi Kurds", "Russia's allies": no role word, but a nationality
        if token.pos_ in ("NOUN", "PROPN"):
            return [Actor.make(_phrase(token), None, c, None) for c in _countries_near(token, preps=())] \
                or _persons_thing(token)
        return []
    if role.person and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in kids(token)):
        person = registry.by_role(token.lemma_.lower(), token.i)
        if person is not None:
            return [person.actor(_phrase(token))]
    countries = _countries_near(token)
    if not countries:
        igo = next((actor_at[c.i] for c in kids(token) if c.dep_ in ("compound", "amod", "poss", "nmod")
                    and c.i in actor_at and actor_at[c.i].sector in ("IGO", "NGO")), None)
        if igo is not None:
            return [Actor.make(_phrase(token), igo.name, None, igo.sector, igo.code)]
        sent_by = _organisation_from(token)         # 'inspectors from the IAEA'
        if sent_by is not None:
            return [sent_by]
    if not countries and role.sector in NON_STATE:
        countries = _countries_near(token, preps=("in", "throughout", "across", "from", "of"))
    if not countries and role.sector in ("REB", "UAF", "OPP"):
        countries = _countries_near(token, preps=("in",))       # 'the rebels in Darfur' fight in Sudan
    if not countries and role.sector == "COP":
        # police and security forces 'in Guinea' are that country's
        countries = [c for c in _countries_near(token, preps=("in",))
                     if any(a.country == c and not a.sector for a in actor_at.values())]
    if not countries:
        actor = Actor.make(_phrase(token), None, None, role.sector) if role.sector else None
        return [_with_context_country(actor, token)] if actor else []
    return [Actor.make(_phrase(token), None, c, role.sector) for c in _homes(token, countries)]


def _bare_singular(token: Token, role) -> bool:
    """A one-person role word in the singular, lower case, with nothing before it — no article, no
    possessive, no modifier — and no name after it, in running text: English names a person so only
    in a headline or a title ('Minister X'), so this is the word's other sense ('justice')."""
    if not role.person or token.tag_ != "NN" or not token.is_lower or token.sent.start == 0:
        return False
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].ent_type_ == "PERSON":
        return False
    return not any(c.dep_ in ("det", "poss", "amod", "compound", "nmod", "nummod", "predet") for c in kids(token)) \
        and token.dep_ not in ("compound", "appos")


def _title_ending_in(token: Token) -> Token | None:
    """The title noun of a role phrase with 'of' that ends in this word ('secretary' of 'secretary of
    state', 'chief' of 'chief of staff'), when the parse made the last word the head."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].lower_ != "of" or doc[token.i - 2].pos_ != "NOUN":
        return None
    title = doc[token.i - 2]        # by the words, not the parse: 'secretary of state's visit' parses badly
    return title if knowledge.roles().get(f"{title.lower_} of {token.lower_}") is not None else None


def _organisation_from(token: Token) -> Actor | None:
    """The international organisation people are 'from' or 'of' ('observers from the OSCE')."""
    actor_at = ext(token.doc, "actor_at") or {}
    for pobj in _of_or_from(token):
        igo = actor_at.get(pobj.i)
        if igo is not None and igo.sector in ("IGO", "NGO") and igo.code:
            return Actor.make(_phrase(token), igo.name, None, igo.sector, igo.code)
    return None


def _is_demonym(token: Token) -> bool:
    entry = knowledge.lookup(token.text) if token.text[:1].isupper() else None
    return entry is not None and entry.kind == "demonym"


def _ethnic(token: Token) -> bool:
    """'ethnic Albanians', 'ethnic Albanian guerrillas': a people named apart from its state."""
    return any(c.dep_ == "amod" and c.lower_ == "ethnic" for t in (token, *kids(token)) for c in kids(t))


def _place_countries(token: Token, skipped: frozenset[int] | set[int] = frozenset()) -> set[str]:
    """The countries of the places named in the token's sentence (not 'anti-X', not the skipped words)."""
    sent, doc = token.sent, token.doc
    return {p.country for i, p in (ext(doc, "places") or {}).items()
            if sent.start <= i < sent.end and p.country and i not in skipped and not _against(doc[i])}


def _sentence_place_country(token: Token) -> str | None:
    """The one country of the places named in the token's sentence."""
    found = _place_countries(token)
    return found.pop() if len(found) == 1 else None


def _home_of_people(token: Token, country: str) -> str | None:
    """Where a people named by its demonym lives, when the text says it is not the state of that name
    (ICEWS and CAMEO coders code ethnic groups by the state they live in): 'Bosnian Serbs' (the outer
    demonym), 'the Albanians of southern Serbia', 'ethnic Albanians' where the sentence's one place is."""
    doc = token.doc
    actor_at, places = ext(doc, "actor_at") or {}, ext(doc, "places") or {}
    for child in kids(token):
        outer = actor_at.get(child.i)
        if child.dep_ in ("amod", "compound") and child.i < token.i and outer is not None and outer.country \
                and outer.country != country and _is_demonym(child):
            return country if token.lower_ in _civic_demonyms() else outer.country
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            for pobj in kids(child):
                place = places.get(pobj.i)
                if pobj.dep_ == "pobj" and place is not None and place.country and place.country != country:
                    return place.country
    if _ethnic(token):
        home = _sentence_place_country(token)
        return home if home != country else None
    return None


def _homes(token: Token, countries: list[str]) -> list[str]:
    """The states of a role noun's demonyms, read as a people's home where the words say so: 'Bosnian
    Serb forces' are Bosnia's (two demonyms in a row: the first is the home, the second the people),
    'ethnic Albanian guerrillas operating in Macedonia' are Macedonia's."""
    demonyms = sorted((c for c in kids(token) if c.dep_ in ("amod", "compound") and c.i < token.i
                       and _is_demonym(c)), key=lambda c: c.i)
    if _ethnic(token) and demonyms:
        home = _sentence_place_country(token)
        if home is not None:
            return [home]
    if len(demonyms) == 2 and demonyms[1].i == demonyms[0].i + 1 and len(countries) == 2:
        home = demonyms[1] if demonyms[1].lower_ in _civic_demonyms() else demonyms[0]
        actor = (ext(token.doc, "actor_at") or {}).get(home.i)
        if actor is not None and actor.country in countries:
            return [actor.country]
    return countries


@cache
def _civic_demonyms() -> frozenset[str]:
    return frozenset(row["word"] for row in knowledge.read_tsv("civic_demonyms.tsv"))


def _institution_country(token: Token, sector: str | None) -> str | None:
    """'the ministry said' after 'Finland's Foreign Ministry rejected …'; 'the General Staff' after
    'Ukraine's military said': an institution named without its country is the last one named with it."""
    doc = token.doc
    nouns_of, by_sector = _institution_index(doc)
    same = nouns_of.get(token.lemma_.lower(), ())
    earlier = [*same, *(by_sector.get(sector, ()) if sector else ())]
    for i in sorted({i for i in earlier if i < token.i}, reverse=True):
        countries = _countries_near(doc[i])
        if countries:
            return countries[0]
    return None


def _institution_index(doc: Doc) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """The document's nouns (token indices) by their lower-case lemma, and the nouns by the sector of
    the institution they name ('ministry' → GOV): built once from the token arrays, each distinct
    lemma's string looked up once, the role lookup made only for nouns some role ends in. Coreference
    asks it for each institution named without its country (a dict lookup then, not a pass over the
    nouns per question). Plain loops over the few hundred nouns: numpy's set operations cost more
    than that on arrays this small."""
    index = doc.user_data.get("dragoman_institutions")
    if index is None:
        table = doc.to_array([POS, LEMMA, LOWER])
        pos = table[:, 0]
        nouns = numpy.flatnonzero((pos == NOUN) | (pos == PROPN)).tolist()
        strings, heads, head_ids = doc.vocab.strings, knowledge.role_heads(), _role_head_ids()
        lemma_of: dict[int, str] = {}       # lemma id → its lower-case string
        nouns_of: dict[str, list[int]] = {}
        by_sector: dict[str, list[int]] = {}
        for i, lemma_id, lower_id in zip(nouns, table[nouns, 1].tolist(), table[nouns, 2].tolist(), strict=True):
            lemma = lemma_of.get(lemma_id)
            if lemma is None:
                lemma = lemma_of[lemma_id] = strings[lemma_id].lower()
            nouns_of.setdefault(lemma, []).append(i)
            if lemma in heads or lower_id in head_ids:
                role = role_at(doc, i)
                if role is not None and role.sector and not role.person:
                    by_sector.setdefault(role.sector, []).append(i)
        index = doc.user_data["dragoman_institutions"] = (nouns_of, by_sector)
    return index


@cache
def _role_head_ids() -> frozenset[int]:
    """``knowledge.role_heads`` as the string ids of the LOWER token attribute."""
    return frozenset(hash_string(word) for word in knowledge.role_heads())


def _named_organisation(token: Token, actor: Actor) -> Actor:
    """An unknown organisation coded from its own words: 'Nigerian Union of Teachers' → NGA LAB,
    'Israel's Cabinet' → ISR GOV."""
    ent = entity_at(token)
    words = list(ent) if ent is not None else [token]
    role = find_role([t.lower_ for t in words]) or role_of(words[-1])
    country = entry_country(words, ext(token.doc, "published"))
    if country is None:
        countries = _countries_near(ent.root if ent is not None else token)
        country = countries[0] if countries else None
    return Actor.make(actor.text, actor.name, country, role.sector if role else None)


def _antecedent_group(token: Token) -> list[Actor]:
    """'it', 'its', 'they': the subject of the clause that reports it ('Syria says it will …'),
    else the nearest earlier state or organisation."""
    head = token.head
    # inside a relative clause ('a deal it signed'), the nearest state named before it, not the
    # subject of the sentence ('Somalia demanded that Ethiopia withdraw from a deal it signed')
    for _ in range(0 if head.dep_ == "relcl" else 6):
        if head.dep_ in ("ccomp", "xcomp", "conj", "advcl", "relcl") and head.head is not head:
            head = head.head
            subject = next((c for c in kids(head) if c.dep_ == "nsubj" and c.i != token.i), None)
            if subject is not None and subject.lower_ not in GROUP_PRONOUNS:
                found = actors_of(subject)
                if found:
                    return found
        elif head.head is head:
            break
        else:
            head = head.head
    actor_at = ext(token.doc, "actor_at") or {}
    start = token.sent.start if token.sent.start > 0 else 0
    for i in range(token.i - 1, max(start - 40, -1), -1):
        actor = actor_at.get(i)
        if actor is not None and actor.country and not actor.name:
            return [actor]
    return []


def _with_context_country(actor: Actor, token: Token) -> Actor:
    """An official or group with no country of their own takes it from context: the state they
    speak for ('Defence Minister Joxe said France is ready'), or the only state of the sentence."""
    if actor.country or actor.sector == "IGO" or (actor.code and actor.sector == "NGO") or not actor.sector:
        return actor    # (an international organisation's officials serve no state of their sentence)
    country = None if actor.name else _institution_country(token, actor.sector)
    country = country or _context_country(token)
    if country is None:
        return actor
    return Actor.make(actor.text, actor.name, country, actor.sector)


def _quoted(token: Token) -> bool:
    return any(start <= token.idx < end for start, end in quote_spans(token.doc))


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the document's direct quotes, found once per document."""
    spans = doc.user_data.get("dragoman_quote_spans")
    if spans is None:

        spans = doc.user_data["dragoman_quote_spans"] = [(q.start, q.end) for q in document_quote_spans(doc)]
    return spans


def _domestic_country(token: Token, skip_acted_on: bool = False) -> str | None:
    """The state a group with no nationality of its own belongs to: the one country of the places
    named in its sentence, else the one state the sentence names ('police dispersed demonstrators',
    'jailed 52 members of a banned movement'). With ``skip_acted_on``, a subject does not take the
    states its verb acts on ('the Water Forum concluded that the US must …')."""
    sent = token.sent
    doc = token.doc
    quoted = quote_spans(doc)
    skipped = _acted_on(token) if skip_acted_on else set()
    everywhere = _place_countries(token, skipped)
    if everywhere:
        return everywhere.pop() if len(everywhere) == 1 else None
    actor_at = ext(doc, "actor_at") or {}
    around = {a.country for i in range(sent.start, sent.end) if (a := actor_at.get(i)) is not None
              and a.country and i not in skipped and not any(s <= doc[i].idx < e for s, e in quoted)}
    return around.pop() if len(around) == 1 else None


OBJECT_DEPS = {"dobj", "dative", "xcomp", "ccomp", "prep", "agent", "attr", "oprd"}


def _acted_on(token: Token) -> set[int]:
    """The words of what a subject's verb acts on or speaks of (its objects and clauses, and the
    participle clauses beside it); for the object of a verb with an infinitive ('urged the
    administration to punish Russia'), which does that infinitive, what it acts on; else empty."""
    if token.dep_ in ("dobj", "pobj"):
        verb = token.head if token.dep_ == "dobj" else token.head.head
        return {t.i for c in kids(verb) if c.dep_ == "xcomp" or (c.dep_ == "advcl" and to_infinitive(c))
                for t in c.subtree}
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    return {t.i for c in kids(token.head) if c.i != token.i and (c.dep_ in OBJECT_DEPS or (
        c.dep_ == "advcl" and (c.tag_ == "VBG" or to_infinitive(c)))) for t in c.subtree}
    # ('…, saying Greece must …', 'called on the administration to punish Russia')


def _venue_of(place: Token, verb: Token) -> bool:
    """'said in Ankara': the place is where the verb itself happened."""
    return place.head.lower_ in ("in", "at") and place.head.head.i == verb.i


@cache
def addressing_verbs() -> frozenset[str]:
    """Verbs whose clause says what someone else should do (demand, urge, warn, insist): the
    clause's subject is the addressee, not the state the speaker acts for (frames.tsv)."""
    return frozenset(row["word"] for row in knowledge.read_tsv("frames.tsv")
                     if row["frame"] in ("appeal", "demand", "threaten") and row["link"] != "aux")


def _context_country(token: Token) -> str | None:
    actor_at = ext(token.doc, "actor_at") or {}
    if token.dep_ == "nsubj":
        said = [token.head, *(c for c in kids(token.head) if c.dep_ == "advcl" and c.tag_ == "VBG")]
        clause = next((c for v in said for c in kids(v) if c.dep_ == "ccomp"), None)     # (or '…, saying X must')
        if clause is not None and _quoted(clause):
            clause = None        # '"Helsinki has chosen …," the spokeswoman told': quoted words are not hers to own
        if clause is not None and (any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in kids(clause))
                                   or token.head.lemma_.lower() in addressing_verbs()):
            clause = None        # 'X said China must …', 'X demanded that Iran halt …': asked of China, not for it
        subject = next((c for c in kids(clause) if c.dep_ == "nsubj"), None) if clause is not None else None
        if subject is not None and subject.i in actor_at and actor_at[subject.i].country:
            return actor_at[subject.i].country
    quoted = quote_spans(token.doc)
    sent = token.sent
    # 'the ministry condemned Israel's strike': whom a subject acts on or speaks of is not its state
    acted_on = _acted_on(token)
    countries = {a.country for i in range(sent.start, sent.end) if (a := actor_at.get(i)) is not None
                 and a.country and i not in acted_on and not any(s <= token.doc[i].idx < e for s, e in quoted)}
    in_sentence = {i: p.country for i, p in (ext(token.doc, "places") or {}).items()
                   if sent.start <= i < sent.end and p.country and not _against(token.doc[i])}
    role = role_of(token)
    if role is not None and role.sector in DOMESTIC:
        # civilians, refugees, protesters, the opposition: of the place where it happens, not of
        # whoever acts on them
        return _domestic_country(token)
    places = {c for i, c in in_sentence.items() if i not in acted_on or _venue_of(token.doc[i], token.head)}
    if _serves_abroad(token):
        places = set()      # an ambassador in Bern is most likely not Swiss: envoys serve abroad
    if len(countries) == 1:
        return countries.pop()
    if not countries and len(places) == 1:
        return places.pop()
    return None


ABROAD_ROLES = {"ambassador", "envoy", "diplomat", "consul", "attache", "attaché", "emissary", "chargé"}
PAIR_NOUNS = {"country", "side", "nation", "government", "state", "neighbour", "neighbor", "capital", "party"}


def _serves_abroad(token: Token) -> bool:
    """The word, or the title in front of the name it is part of, names an envoy ('Ambassador Jane Doe')."""
    ent = entity_at(token)
    words = [token, *(title_tokens(ent) if ent is not None and ent.label_ == "PERSON" else [])]
    return any(t.lemma_.lower() in ABROAD_ROLES for t in words)


def pair_reference(token: Token) -> list[str]:
    """'the two countries', 'both sides', 'the two neighbours', and the representatives of two states
    ('the two ministers', 'both delegations', 'the two leaders'): the last two states named before.
    A count of other people ('two soldiers were killed') is no reference to two states."""
    if token.tag_ not in ("NNS", "NNPS"):
        return []
    both = any(c.dep_ in ("det", "predet") and c.lower_ == "both" for c in kids(token))
    two = any(c.dep_ == "nummod" and c.lower_ == "two" for c in kids(token))
    if not (two or both):
        return []
    if token.lemma_.lower() not in PAIR_NOUNS:
        role = role_of(token)
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in kids(token))
        if role is None or role.sector != "GOV" and token.lemma_.lower() != "leader" or not (both or two and definite):
            return []
    found: list[str] = []
    for i in sorted((i for i in (ext(token.doc, "actor_at") or {}) if i < token.i), reverse=True):
        country = ext(token.doc, "actor_at")[i].country
        if country and country not in found:
            found.append(country)
        if len(found) == 2:
            return found
    return []


def _against(token: Token) -> bool:
    """'an anti-Iran cleric' names whom the cleric opposes, not the cleric's state."""
    doc = token.doc
    i = token.i
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("anti", "counter")


# '-led', '-flagged', '-registered', '-owned', '-based': the state before the hyphen is the noun's own
# ('a Greek-owned tanker', 'the Khartoum-based government'); '-backed' names a sponsor, not a nationality
COMPOUND_NATIONALITY = {"led", "flagged", "registered", "owned", "based", "operated", "run"}


def _countries_near(token: Token, preps: tuple[str, ...] = ("from", "of")) -> list[str]:
    """Countries that qualify a role noun: 'Russian troops', 'Russia's army', 'diplomats from Russia'."""
    doc = token.doc
    actor_at = ext(doc, "actor_at")
    found: list[str] = []

    def add(t: Token) -> None:
        if _against(t):
            return
        for head in [t, *t.conjuncts]:
            actor = actor_at.get(head.i)
            if actor is not None and actor.country and actor.country not in found:
                found.append(actor.country)
            found.extend(c for c in pair_reference(head) if c not in found)

    for child in kids(token):
        if child.dep_ == "amod" and child.lower_ in COMPOUND_NATIONALITY and child.i < token.i:
            for leader in kids(child):       # 'Vietnamese-led forces', 'a Chinese-flagged vessel'
                if leader.dep_ in ("npadvmod", "compound", "amod", "nmod") and leader.i < child.i:
                    add(leader)
        elif child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < token.i:
            add(child)
        elif child.dep_ == "prep" and child.lower_ in preps:
            for pobj in kids(child):
                if pobj.dep_ == "pobj":
                    add(pobj)
                    place = (ext(doc, "places") or {}).get(pobj.i)
                    if place is not None and place.country and place.country not in found and preps != ("from", "of"):
                        found.append(place.country)
    return found


def _phrase(token: Token) -> str:
    """The words of a role noun phrase without leading determiners, nor a clause hung on it ('a man
    suspected of …' is 'man', not 'man of')."""
    clauses = {t.i for c in kids(token) if c.dep_ in ("acl", "relcl") for t in c.subtree}
    words = [t for t in token.subtree if t.i not in clauses
             and (t.i <= token.i or t.dep_ in ("prep", "pobj", "conj", "cc", "compound"))]
    while words and words[0].pos_ == "DET":
        words.pop(0)
    return " ".join(t.text for t in words) if words else token.text
