"""Who did it to whom: the actors, recipients, third parties, place and date of one trigger,
read from the dependency parse around it.

Verbs: subject → actors, object and "with/to/against" objects → recipients, passive agents swap.
Event nouns: "of/between/by X" and possessives → actors, "with/to/against/on X" → recipients,
and the subject of a light verb ("held talks") → actors. Hosts and mediators ("hosted by X",
"X's role as a facilitator") are third parties.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from dragoman import knowledge
from dragoman.annotate.actors import actors_of, addressing_verbs, quote_spans
from dragoman.annotate.date_expressions import ResolvedDate, count_of, day_of
from dragoman.annotate.doctext import doc_text, ext, kids, memo, remembered
from dragoman.annotate.frames import clause_subject, frames_clause
from dragoman.annotate.modality import participial_adjunct, stopping_verbs, topic_verbs
from dragoman.annotate.syntax import governing_verb, misread_content_subject, to_infinitive
from dragoman.annotate.titles import entity_at, names_a_person, role_of
from dragoman.annotate.triggers import match
from dragoman.knowledge.gazetteer import get_gazetteer
from dragoman.model import Actor, Place

RECIPIENT_PREPS = {"with", "to", "against", "on", "toward", "towards", "into", "upon"}
ACTOR_PREPS_NOUN = {"of", "between", "by", "among", "from"}
LIGHT_VERBS = {"hold", "conduct", "have", "begin", "start", "launch", "pay", "make", "reach", "sign", "resume",
               "attend", "join", "continue", "open", "carry", "stage", "wage", "impose", "deliver", "issue",
               "announce", "seal", "strike", "finalize", "conclude", "agree", "accept", "restart", "host"}
THIRD_PARTY_VERBS = {"host", "mediate", "broker", "facilitate", "sponsor", "organize", "organise", "arrange",
                     "chair", "convene"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
SPEAKING_VERBS = {"speak", "address", "talk", "testify", "brief", "campaign", "visit", "tour"}
# what a speaker does where a statement is made: 'accused them when he spoke to reporters in Bentiu'
OCCASION_VERBS = SPEAKING_VERBS | {"meet", "appear", "attend", "rally", "interview"}
# statements aimed at someone, made on an occasion like any report ('said', 'warned')
DIRECTED_SPEECH = {"accuse", "condemn", "criticize", "criticise", "praise", "blame", "denounce", "vow", "pledge",
                   "promise", "threaten", "demand", "call", "appeal", "reject", "dismiss", "defend", "thank",
                   "welcome", "slam", "attack", "lash", "apologize", "apologise", "announce", "deny"}
# verbs whose subject is given the act their object names ('received aid', 'won endorsements')
RECEIVING_VERBS = {"receive", "get", "win", "secure", "obtain", "earn", "gain", "accept", "attract", "land"}
DEEP_PLACE_PREPS = PLACE_PREPS | {"along", "across", "around", "off"}    # 'on the road along the border'
# 'met on the sidelines of the summit in Vientiane': where the summit was, the meeting was
VENUE_FRAMES = {"sideline", "sidelines", "margin", "margins", "fringe", "fringes"}
OTHER_EVENT_PREPS = {"following", "after", "before", "since", "prior", "ahead", "until"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "acl", "conj", "parataxis", "csubj"}


@dataclass
class Participants:
    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)
    third_parties: list[Actor] = field(default_factory=list)
    location: Place | None = None
    date: ResolvedDate | None = None
    date_text: str | None = None
    date_basis: str | None = None   # set when the date is taken from elsewhere ('context')

    def add(self, role: str, actors: list[Actor]) -> None:
        """Adds each actor not already a participant. Across roles, unnamed people of one sector are
        told apart by their words: 'a woman shot three people' has civilians on both sides."""
        bucket = getattr(self, role)
        for actor in actors:
            key = actor.key
            if not any(a.key == key for a in bucket) and not any(
                    a.key == key and _same_party(a, actor) for a in (*self.actors, *self.recipients, *self.third_parties)):
                bucket.append(actor)


def _same_party(one: Actor, other: Actor) -> bool:
    """Two actors of one key in different roles: the same party unless both are unnamed people of a
    sector whose words differ."""
    return bool(one.name) or not one.sector or one.text.lower() == other.text.lower()


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in kids(prep) if c.dep_ == "pobj"]


def _parties_of(prep: Token) -> list[Actor]:
    """The actors a preposition's objects stand for, leaving out plain places (venues); 'responded
    to a demand from X' stands for X."""
    return [a for pobj in _pobjs(prep) if not _is_place_only(pobj) and not _helps(prep, pobj)
            for a in _object_parties(pobj)]


HELP_NOUNS = {"help", "support", "assistance", "backing", "aid", "cooperation", "participation", "consent",
              "approval", "blessing", "mediation", "involvement"}


def _helps(prep: Token, pobj: Token) -> bool:
    """'with Albania's help', 'with the backing of Russia': a helper, not the one acted on."""
    return prep.lower_ == "with" and pobj.lemma_.lower() in HELP_NOUNS


def _object_parties(obj: Token) -> list[Actor]:
    """Whom an object stands for: its own actors; for a demand or proposal, whoever made it; for a
    named act with no actor of its own ('Sweden's decision', 'Russia's invasion'), its doer."""
    if obj.lemma_.lower() in _addressed_nouns():
        return _makers_of(obj)
    found = actors_of(obj)
    if found or not _names_an_act(obj):
        return found
    return _named_makers(obj)


def _is_place_only(token: Token) -> bool:
    """A place name that acts for no one (a city): a venue, not a party."""
    doc = token.doc
    return token.i in (ext(doc, "places") or {}) and token.i not in (ext(doc, "actor_at") or {})


def _is_venue_modifier(token: Token) -> bool:
    """A city before an event noun names the venue ('the Riyadh talks'), even a capital city."""
    place = (ext(token.doc, "places") or {}).get(token.i)
    return place is not None and place.feature == "city"


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a verb (inherited through 'agreed to meet', 'met and agreed', 'are guilty of
    violating'); passive flag."""
    token = verb
    accused = _accused_of(verb)
    if accused is not None:
        return accused, False       # 'accused Sudan of bombing the camp': Sudan is said to have bombed
    # 'died after being struck by a car', 'fled before being arrested': a passive verb without a
    # subject of its own acts on the subject it takes from the clause above
    participle = _passive_participle(verb) or any(c.dep_ == "auxpass" for c in kids(verb))
    for _ in range(5):
        quoted = _quoted_as_saying(token)
        if quoted is not None:
            return quoted, False    # 'IRNA quoted the governor as saying …': the governor said it
        for child in kids(token):
            if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                return token.head, child.dep_ == "nsubjpass"   # 'the minister, who visited Tbilisi'
            if child.dep_ == "nsubj" and _source_label(child, token):
                continue    # 'Sheriff: office shooting kills 1': who says so, not who shot
            if child.dep_ == "nsubj":
                # 'Asked by the judge, he replied': the main clause's subject was asked;
                # a headline's bare participle ('26 pirates arrested') is passive
                return child, (participle and token is not verb) or (token is verb and _headline_passive(verb))
            if child.dep_ == "nsubjpass":
                return child, True
        if token.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep", "acomp") and token.head is not token:
            if token.dep_ != "conj" and token.head.lemma_.lower() in stopping_verbs() and not (
                    token.dep_ == "advcl" and token.tag_ == "VBG"):
                break   # 'police foiled a plot to bomb …': the police were not to bomb (but 'foiled the
                #         plot, arresting two men': they arrested)
            token = token.head
        elif token.dep_ in ("relcl", "acl") and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            issuer = _issuer(token.head) if token.dep_ == "acl" else None
            # a reduced passive ('a man charged in the shooting', 'a girl killed by a stray bullet'):
            # the noun it describes is acted on
            reduced = token.dep_ == "acl" and token.tag_ == "VBN" and token is verb and names_a_person(token.head)
            return (issuer, False) if issuer is not None else (token.head, reduced)
        else:
            break
    return None, False


def _source_label(subject: Token, verb: Token) -> bool:
    """A headline's 'Sheriff: …' or 'Police: …': the words before the colon name the source."""
    after = subject.i + 1
    return after < verb.i and subject.doc[after].text == ":" and subject.left_edge.i == subject.sent.start


def _quoted_as_saying(verb: Token) -> Token | None:
    """'State media quoted the governor as saying …': the one quoted is the speaker, not the medium."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.head.lemma_.lower() != "quote":
        return None
    return next((c for c in kids(prep.head) if c.dep_ == "dobj"), None)


def _passive_participle(verb: Token) -> bool:
    """A past participle heading an adverbial clause of its own ('Asked by reporters, …', 'When
    questioned, …', 'Arrested in May, …'): passive, so the subject it takes from the main clause is
    the one acted on."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj") for c in kids(verb))


def _headline_passive(verb: Token) -> bool:
    """Headline style drops the auxiliary of a passive ('26 pirates arrested', 'Three soldiers
    killed in Kashmir'): a past participle with a subject, no auxiliary and no object, in a line
    that does not end as a sentence does (in running text the tagger's VBN for a past tense is the
    likelier reading)."""
    if _found_guilty(verb):
        return True
    if verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass", "dobj", "dative") for c in kids(verb)):
        return False
    return verb.sent[-1].text not in (".", "!", "?", "\"", "”")


VERDICT_WORDS = frozenset({"guilty", "innocent", "liable"})


def _found_guilty(verb: Token) -> bool:
    """'Man found guilty of murder': a verdict's 'found' with no auxiliary and no one else found is a
    headline's passive, whatever tense the tagger reads ('the jury found him guilty' has its object)."""
    if verb.lemma_.lower() != "find" or any(c.dep_ in ("aux", "auxpass", "dative") for c in kids(verb)):
        return False
    verdict = [c for c in kids(verb) if c.lower_ in VERDICT_WORDS]
    return bool(verdict) and not any(c.dep_ == "dobj" and c not in verdict for c in kids(verb)) and not any(
        c.dep_ == "nsubj" for v in verdict for c in kids(v))       # 'found [Smith guilty]'


def _issuer(text: Token) -> Token | None:
    """Who issued a statement, declaration or letter ('X issued a declaration demanding …',
    'a statement from the ministry condemning …'); None for other nouns."""
    if text.lemma_.lower() not in _statement_nouns():
        return None
    for child in kids(text):
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            pobj = next(iter(_pobjs(child)), None)
            if pobj is not None:
                return pobj
        if child.dep_ == "poss":
            return child
    if text.dep_ == "dobj" and text.head.pos_ == "VERB":
        subject, passive = _subject(text.head)
        return subject if not passive else None
    return None


@cache
def _statement_nouns() -> frozenset[str]:
    return frozenset(row["lemma"] for row in knowledge.read_tsv("statement_nouns.tsv"))


ALLEGING_VERBS = {"accuse", "blame", "suspect", "charge", "indict", "convict", "acquit", "praise", "thank",
                  "criticize", "criticise", "condemn", "commend", "credit", "fault"}


def _accused_of(verb: Token) -> Token | None:
    """The object of the verb that says someone did this act ('accused Sudan of bombing', 'thanked
    Qatar for mediating'): the maker of the act, not the verb's subject."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "with"):
        return None
    judge = prep.head
    if judge.lower_ in VERDICT_WORDS and judge.head is not judge:
        found = next((c for c in kids(judge) if c.dep_ == "nsubj"), None)
        if found is not None:
            return found        # 'found [Smith guilty] of killing': the one found guilty killed
        judge = judge.head
    if _found_guilty(judge):    # 'Man found guilty of killing …'
        return next((c for c in kids(judge) if c.dep_ == "nsubj"), None)
    if judge.lemma_.lower() not in ALLEGING_VERBS | {"find"}:
        return None
    if judge.dep_ == "acl" and judge.tag_ == "VBN" and judge.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return judge.head       # 'a man suspected of shooting three people': the man
    return next((c for c in kids(judge) if c.dep_ in ("dobj", "nsubjpass")), None)


def _suspect(person: Token, act: Token) -> list[Actor]:
    """'a man suspected of shooting three people', 'the teenager charged with the killing': whoever the
    text describes as accused of the act is its alleged maker, a criminal suspect (CRM) — only people
    are suspected of acts, so the noun needs no role of its own."""
    judge = act.head.head
    if judge.lemma_.lower() not in ALLEGING_VERBS or judge.dep_ != "acl" or judge.head.i != person.i \
            or person.pos_ != "NOUN":
        return []
    words = " ".join(t.text for t in person.subtree if t.i <= person.i and t.dep_ not in ("det", "punct"))
    return [Actor.make(words, None, None, "CRM")]


IMPLICATING_VERBS = frozenset({"implicate", "involve"})
TAKING_VERBS = frozenset({"seize", "confiscate", "take", "grab", "steal", "snatch", "wrest", "capture", "recover",
                          "expropriate", "impound"})


def verb_participants(verb: Token) -> Participants:
    p = Participants()
    subject, passive = _subject(verb)
    agent = next((pobj for c in kids(verb) if c.dep_ == "agent" for pobj in _pobjs(c)), None)
    if passive:
        if agent is not None:
            p.add("actors", actors_of(agent))
        if subject is not None:
            p.add("recipients", actors_of(subject))
    elif subject is not None:
        found = actors_of(subject)
        if all(a.sector == "CVL" and not a.name for a in found):
            found = _suspect(subject, verb) or found    # 'a man suspected of shooting': a suspect, not a civilian
        p.add("actors", found)
    # 'demanded an apology from Japan'; 'seized weapons from the pirates': whom it is asked of, or taken from
    lemma = verb.lemma_.lower()
    asked_of = {"from"} if lemma in TAKING_VERBS or lemma in addressing_verbs() else set()
    complained_of = _complained_of(verb)
    if complained_of:
        p.add("recipients", complained_of)
    topical = lemma in topic_verbs() and lemma != "address"   # 'addressed the UN'
    for child in kids(verb):
        dep = child.dep_
        if misread_content_subject(child):
            continue        # 'said the regime in Tehran is …': the content's subject, not an addressee
        if dep in ("dobj", "dative") and _place_target(child, p):
            continue
        if dep == "dobj" and topical:
            continue        # 'discussed North Korea's missile launches': what was talked about is no party
        if complained_of and dep == "prep" and child.lower_ == "to":
            continue        # 'complained to the UN over Israeli raids': the UN hears it, Israel is its target
        if dep == "dobj" and (child.lemma_.lower() in _addressed_nouns()
                              or (not actors_of(child) and _names_an_act(child))):
            # 'rejected an Indian proposal'; 'denounced Serbia's crackdown': aimed at whoever made it
            p.add("recipients", _named_makers(child))
        elif dep == "dobj" and _own_asset(child, p.actors):
            p.add("recipients", _foreign_places(child, verb, p.actors))
            continue
        elif dep in ("dobj", "dative") and not _is_place_only(child):
            p.add("recipients", actors_of(child))
        if dep == "dobj":
            # 'impose restrictions against German goods', 'break relations with Russia',
            # 'demanded an apology from Japan', 'demanded an admission by Moscow'
            for prep in kids(child):
                if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS | asked_of | (
                        {"by"} if asked_of else set()):
                    p.add("recipients", _parties_of(prep))
        elif dep in ("prep", "dative") and child.lower_ in RECIPIENT_PREPS | asked_of and not (
                lemma in ALLEGING_VERBS and child.lower_ == "with"):
            # (the parser calls 'to' in 'provide X to Y' dative; 'charged with obstructing justice' names the charge)
            p.add("recipients", _parties_of(child))
        elif dep == "prt":
            for grand in kids(child):
                if grand.dep_ == "pobj":
                    p.add("recipients", actors_of(grand))
                elif grand.dep_ == "prep" and child.lower_ == "up" and grand.lower_ == "to":
                    # 'kidnapped up to 16 advisers' (an object), 'contribute up to 4,000 troops' (an asset)
                    for pobj in _pobjs(grand):
                        if _own_asset(pobj, p.actors):
                            p.add("recipients", _foreign_places(pobj, verb, p.actors))
                        else:
                            p.add("recipients", actors_of(pobj))
    if lemma == "find":         # 'the jury found [Smith guilty]'
        p.add("recipients", [a for c in kids(verb) if c.lower_ in VERDICT_WORDS
                             for s in kids(c) if s.dep_ == "nsubj" for a in actors_of(s)])
    if not p.recipients:
        p.add("recipients", _purpose_targets(verb, p.actors))
    if not p.recipients:        # 'arrested and charged two journalists': the object they share
        p.add("recipients", [a for conj in _object_sharing_conjuncts(verb) for c in kids(conj)
                             if c.dep_ == "dobj" and not _is_place_only(c) for a in actors_of(c)])
    _third_parties_around(verb, p)
    return p


def accused_in_clause(verb: Token) -> list[Actor]:
    """Whom an accusation made in a clause accuses: the doer its clause names ('prosecutors allege
    that X shot Y' — X), or, for an accusation added after the clause ('X fired from the roof,
    prosecutors charge'), the doer of the clause it is added to."""
    clause = next((c for c in kids(verb) if c.dep_ == "ccomp"), None)
    if clause is None and verb.dep_ == "parataxis" and verb.head is not verb:
        clause = verb.head
    subject = next((c for c in kids(clause) if c.dep_ == "nsubj"), None) if clause is not None else None
    return actors_of(subject) if subject is not None else []


PATIENT_ROOTS = ("17", "18", "19", "20")     # coerce, assault, fight, mass violence: done to someone


def _done_to(noun: Token) -> bool:
    """'the killing of three soldiers', 'the arrest of the mayor': for acts of force the of-phrase
    names who suffered it, not who did it ('the visit of the president' is the visitor's)."""
    trigger = match(noun)
    return trigger is not None and trigger.cameo[:2] in PATIENT_ROOTS


def _complained_of(verb: Token) -> list[Actor]:
    """'complained to the UN over two Israeli air raids', 'protested about Russia's blockade': whoever
    did the act a complaint is about is its target."""
    found: list[Actor] = []
    for prep in kids(verb):
        if prep.dep_ == "prep" and prep.lower_ in ("over", "about"):
            for pobj in _pobjs(prep):
                if not _names_an_act(pobj):
                    continue
                sufferers = {a.key for c in kids(pobj) if c.dep_ == "prep" and c.lower_ == "of"
                             for a in _parties_of(c)} if _done_to(pobj) else set()
                found.extend(a for a in _named_makers(pobj) if a.key not in sufferers)
    return found


def _purpose_targets(verb: Token, actors: list[Actor]) -> list[Actor]:
    """'threatened to cut off gas supplies to Armenia', 'opened fire to disperse migrants', 'began a
    hunger strike to protest against Sweden's decision', 'threats to wall off the Mexican people': the
    target of the act threatened, or of the act's purpose."""
    found: list[Actor] = []
    for inner in (c for c in kids(verb) if c.dep_ == "xcomp" or (c.dep_ in ("advcl", "acl") and to_infinitive(c))):
        for obj in (c for c in kids(inner) if c.dep_ == "dobj"):
            if not _own_asset(obj, actors) and not _is_place_only(obj):
                found.extend(_object_parties(obj))
        for child in [inner, *(c for c in kids(inner) if c.dep_ in ("dobj", "prt"))]:
            for prep in kids(child):
                if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                    found.extend(_parties_of(prep))
    return found


@cache
def _addressed_nouns() -> frozenset[str]:
    return frozenset(row["lemma"] for row in knowledge.read_tsv("addressed_nouns.tsv"))


def _makers_of(noun: Token) -> list[Actor]:
    """Who made a proposal, offer or call: 'an Indian proposal', 'Moscow's offer', 'calls by X',
    'an offer from Kabul', 'a United Nations appeal' — never 'their' ('their first meeting' is the
    subject's own)."""
    found: list[Actor] = []
    for child in kids(noun):
        if child.dep_ == "poss" and child.pos_ == "PRON":
            continue
        if child.dep_ == "amod" and child.lower_ == "led" and child.i < noun.i:
            found.extend(a for leader in kids(child) if leader.i < child.i for a in actors_of(leader))
        elif child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < noun.i:
            found.extend(actors_of(child))      # 'an Indian proposal'; 'the US-led war' just above
        elif child.dep_ == "prep" and child.lower_ in ("by", "from", "of") and not (
                child.lower_ == "of" and _done_to(noun)):      # 'the blockade of Qatar' is suffered by Qatar
            found.extend(_parties_of(child))
        elif child.dep_ == "agent":
            found.extend(a for pobj in _pobjs(child) for a in actors_of(pobj))
    return found


def _named_makers(noun: Token) -> list[Actor]:
    """The makers that are a state or an organisation: 'prisoner exchanges' were made by no one in
    particular."""
    return [a for a in _makers_of(noun) if a.country or (a.code and a.code != a.sector)]


def _names_an_act(noun: Token) -> bool:
    """'the crackdown', 'Serbia's suppression of …': an event noun of the trigger lexicon."""
    return noun.pos_ == "NOUN" and match(noun) is not None


def _own_asset(obj: Token, actors: list[Actor]) -> bool:
    """'withdraw its troops', 'strengthened their forces': the actor's own people or things are no
    target of the act; where they go or come from is."""
    own = any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our") for c in kids(obj))
    role = role_of(obj)
    if not own and role is not None and role.sector in ("MIL", "COP") and _moves_forces(obj):
        own = True          # 'contribute 4,000 troops to the force in Liberia': troops named with no state
    if not own or role is None or (role.sector == "CVL" and obj.tag_ in ("NN", "NNP")):
        return False        # 'their first meeting' is no asset: only people and forces are moved; and
        #                     'her neighbour', 'his wife' are people the act is done to, not its means
    countries = {a.country for a in actors if a.country}
    return all(a.country in countries or not a.country for a in actors_of(obj))


FORCE_MOVING_VERBS = frozenset({"send", "deploy", "contribute", "dispatch", "station", "withdraw", "pull",
                                "redeploy", "commit", "offer", "provide", "move", "post", "keep", "base"})


def _moves_forces(obj: Token) -> bool:
    """Whether the object is what its verb sends, stations or pulls out ('deploy troops')."""
    verb = obj.head
    while verb.dep_ in ("pobj", "prep", "prt") and verb.head is not verb:   # 'contribute up to 4,000 troops'
        verb = verb.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() in FORCE_MOVING_VERBS


def _foreign_places(obj: Token, verb: Token, actors: list[Actor]) -> list[Actor]:
    """The country an own asset is moved into, out of or kept in: 'withdraw its troops from
    Lebanon', 'strengthened its forces in Lebanon'."""
    doc = obj.doc
    places = ext(doc, "places") or {}
    countries = {a.country for a in actors if a.country}
    found: list[Actor] = []
    for head in (obj, verb):
        for prep in kids(head):
            if prep.dep_ == "prep" and prep.lower_ in ("from", "in", "into", "to", "out"):
                for pobj in _pobjs(prep):
                    # 'to Liberia', or 'to the peacekeeping force in Liberia'
                    inner = [o for c in kids(pobj) if c.dep_ == "prep" and c.lower_ in ("in", "for")
                             for o in _pobjs(c)]
                    for target in [pobj, *inner]:
                        place = places.get(target.i)
                        if place is not None and place.country and place.country not in countries:
                            found.append(Actor.of_place(place))
                            break
    return found


PLACE_NOUNS = {"town", "city", "village", "region", "province", "capital", "port", "district", "area",
               "outskirts", "suburb", "oblast", "settlement", "border", "enclave"}


def _place_target(token: Token, p: Participants) -> bool:
    """An object that is a place ('shelled Kharkiv', 'the town of Nikopol'): the venue, and the
    place's country as the recipient. True when the object was such a place."""
    doc = token.doc
    places = ext(doc, "places") or {}
    target = token if _is_place_only(token) else None
    if target is None and token.lemma_.lower() in PLACE_NOUNS:
        for child in kids(token):
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "near"):
                target = next((o for o in _pobjs(child) if o.i in places), None)
            elif child.dep_ == "compound" and child.i in places:
                target = child
    if target is None:
        return False
    place = _place_for(doc, target)
    p.location = p.location or place
    if place.country:
        p.add("recipients", [Actor.of_place(place)])
    return True


DASHES = {"-", "–", "—"}


def dash_pair(noun: Token) -> list[Token]:
    """The two names joined by a dash right before an event noun ('the China–India meeting',
    'US-Russia talks', 'Armenian-Azerbaijani talks'): the two sides, whatever the parser made of them."""
    i = noun.i
    if i < 3:
        return []
    doc = noun.doc
    dash = doc[i - 2]
    if dash.text not in DASHES:
        return []
    a, b = doc[i - 3], doc[i - 1]
    if not all(t.text[:1].isupper() and t.is_alpha for t in (a, b)):
        return []
    return [a, b]


def noun_participants(noun: Token, mediation: bool = False) -> Participants:
    """Participants of an event noun. For a mediator noun ('an intermediary between Tehran and
    Washington') the parties are the recipients and the mediator is whoever the noun describes."""
    p = Participants()
    if mediation:
        # 'a mediation effort between X and Y', 'undertook a mediation mission': the noun it modifies
        # carries the parties, and whoever launched or undertook it is the mediator
        heads = [noun, noun.head] if noun.dep_ == "compound" else [noun]
        p.add("actors", _described_as(noun) or [a for h in heads for c in kids(h) if c.dep_ == "poss"
                                                 for a in actors_of(c)])
        launcher = governing_verb(heads[-1])
        if not p.actors and launcher is not None:
            subject, passive = _subject(launcher)
            if subject is not None and not passive:
                p.add("actors", actors_of(subject))
        for head in heads + ([launcher] if launcher is not None else []):
            for child in kids(head):
                if child.dep_ == "prep" and child.lower_ in ("between", "among", "with", "for"):
                    for pobj in _pobjs(child):
                        p.add("recipients", actors_of(pobj))
        _third_parties_around(noun, p)
        if p.actors:
            return p
        p = Participants()
    paired = dash_pair(noun)
    for side in paired:     # 'the China–India meeting', 'Armenian-Azerbaijani talks'
        entry = knowledge.lookup(side.text, ext(noun.doc, "published"))
        p.add("actors", [Actor.make(side.text, None, entry.country, entry.sector)] if entry and entry.country
              else actors_of(side))
    for child in kids(noun):
        if child in paired:
            continue
        modifier = child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i and not _is_venue_modifier(child)
        if (child.dep_ == "poss" or modifier) and not _is_place_only(child):
            found = actors_of(child)
            if child.pos_ == "ADJ":     # 'an official protest', 'military aid': a kind of act, not an actor
                found = [a for a in found if a.country or (a.code and a.code != a.sector)]
            p.add("actors", found)
        elif child.dep_ == "prep" and child.lower_ == "of" and _done_to(noun):
            p.add("recipients", _parties_of(child))     # 'the detention of Polish journalists'
        elif child.dep_ == "prep" and child.lower_ in ACTOR_PREPS_NOUN:
            p.add("actors", _parties_of(child))
        elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
            for pobj in _pobjs(child):
                if not _helps(child, pobj):
                    p.add("recipients", actors_of(pobj))
    done_by = participle_of(noun)
    if done_by is not None and done_by.lemma_.lower() not in THIRD_PARTY_VERBS:
        for agent in kids(done_by):      # 'the memorandum, signed … by Ethiopia's prime minister and …'
            if agent.dep_ == "agent":
                for pobj in _pobjs(agent):
                    p.add("actors", actors_of(pobj))
    verb = governing_verb(noun)
    if verb is not None and noun.dep_ == "dobj" and verb.lemma_.lower() in RECEIVING_VERBS:
        # 'Kenya received aid from Japan', 'won endorsements from police unions': the subject is given
        # the act; whoever it comes from made it
        subject, passive = _subject(verb)
        if subject is not None and not passive:
            p.add("recipients", actors_of(subject))
        for prep in (c for c in [*kids(verb), *kids(noun)] if c.dep_ == "prep" and c.lower_ == "from"):
            for pobj in _pobjs(prep):
                p.add("actors", actors_of(pobj))
        p.actors = [a for a in p.actors if a.key not in {r.key for r in p.recipients}]
        _third_parties_around(noun, p)
        return p
    if verb is not None:
        subject, passive = _subject(verb)
        # "Türkiye hosted talks between X and Y": the host is a third party, not a side
        role = "third_parties" if verb.lemma_.lower() in THIRD_PARTY_VERBS and p.actors else "actors"
        if subject is not None and (not passive or verb.lemma_.lower() in IMPLICATING_VERBS):
            p.add(role, actors_of(subject))     # ('a coalition is implicated in the bombing': its maker)
        if verb.lemma_.lower() in ("host", "receive", "welcome") and role == "actors" and noun.dep_ == "pobj":
            # 'hosted the Japanese prime minister for an informal meeting': the guest is met
            for child in kids(verb):
                if child.dep_ == "dobj":
                    p.add("recipients", actors_of(child))
        for child in kids(verb):
            if child.dep_ in ("prep", "dative") and child.lower_ in ("with", "to", "against", "on", "upon"):
                for pobj in _pobjs(child):      # 'imposed entry bans on 11 Georgian officials'
                    if not _is_place_only(pobj) and not _helps(child, pobj) and pobj.ent_type_ != "DATE":
                        p.add("recipients", actors_of(pobj))
    elif not p.actors:
        p.add("actors", _present_at(noun))
    if verb is not None and not p.recipients:
        p.add("recipients", _purpose_targets(verb, p.actors))     # 'began a hunger strike to protest …'
    if not p.recipients and verb is None and _threat_noun(noun):
        p.add("recipients", _purpose_targets(noun, p.actors))     # 'threats to wall off the Mexican people'
    if not p.recipients:
        p.add("recipients", _clause_addressee(noun, verb))
    if not p.actors and not p.recipients:
        p.add("actors", _described_as(noun))
    _third_parties_around(noun, p)
    if verb is not None:
        _third_parties_around(verb, p)      # 'held talks in Doha, hosted by Qatar'
    return p


def _present_at(noun: Token) -> list[Actor]:
    """'LaRue was at a 1972 meeting with Mitchell', 'she was present at the talks': whoever was at a
    meeting took part in it (a meeting or a protest; being at a shooting makes no one its doer)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "at":
        return []
    head = prep.head.head if prep.head.lemma_.lower() == "present" and prep.head.dep_ == "acomp" else prep.head
    trigger = match(noun)
    if head.lemma_.lower() != "be" or trigger is None or trigger.cameo[:2] not in ("04", "14"):
        return []
    subject, passive = _subject(head)
    return actors_of(subject) if subject is not None and not passive else []


def _threat_noun(noun: Token) -> bool:
    """A threat or warning noun (CAMEO 13): whom the threatened act would hit is its target — when
    the threat is told as such, not as what another act (a rejection, a dismissal) is aimed at."""
    trigger = match(noun)
    return trigger is not None and trigger.cameo.startswith("13")


def _clause_addressee(noun: Token, verb: Token | None) -> list[Actor]:
    """'its demand that Sudan open the crossings', 'a call on Friday that both sides stand down':
    whoever a demand or appeal noun's that-clause asks to act is the one it is made of (frames.tsv
    words that frame a clause), wherever the parser hangs that clause."""
    if not frames_clause(noun.lemma_.lower()):
        return []
    subject = clause_subject([noun], -1, ("acl",), that=True)
    if subject is None and verb is not None and noun.dep_ == "dobj":
        subject = clause_subject([verb], noun.i, ("ccomp",), that=True)
    return actors_of(subject) if subject is not None else []


def _described_as(noun: Token) -> list[Actor]:
    """The actor an agent noun describes: 'X's role as a mediator', 'X as host', 'X is a broker'."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "as":
        owner = head.head
        poss = [c for c in kids(owner) if c.dep_ == "poss"]
        if poss:
            return actors_of(poss[0])
        if owner.pos_ in ("VERB", "AUX"):
            subject, _ = _subject(owner)
            return actors_of(subject) if subject is not None else []
        return actors_of(owner)
    if noun.dep_ == "attr" and head.pos_ in ("AUX", "VERB"):
        subject, _ = _subject(head)
        return actors_of(subject) if subject is not None else []
    if noun.dep_ == "appos":
        return actors_of(head)
    return []


def _third_parties_around(trigger: Token, p: Participants) -> None:
    """Hosts and mediators attached to the trigger: 'talks hosted by X', 'mediated by X'."""
    for child in kids(trigger):
        dep = child.dep_
        if dep in ("acl", "relcl", "advcl") and child.lemma_.lower() in THIRD_PARTY_VERBS:
            for agent in kids(child):
                if agent.dep_ == "agent":
                    for pobj in _pobjs(agent):
                        p.add("third_parties", actors_of(pobj))
        if dep == "prep" and child.lower_ == "under":
            for pobj in _pobjs(child):    # "under the auspices of X"
                for prep in kids(pobj):
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for inner in _pobjs(prep):
                            p.add("third_parties", actors_of(inner))


def _own_region(trigger: Token) -> list[Token]:
    """Tokens that belong to the trigger's own clause: its subtree minus nested clauses (remembered
    per word: the place, the date and the nearest event place all ask it)."""
    return remembered(trigger, "own_region", _region_of)


def _region_of(trigger: Token) -> list[Token]:
    out: list[Token] = []
    stack = [trigger]
    fronted = _fronted(trigger)
    while stack:
        token = stack.pop()
        out.append(token)
        for child in kids(token):
            dep = child.dep_
            if dep in ("advcl", "ccomp") and child is not trigger:
                stack.extend(_fronted(child))   # 'On Monday, after X met Y, they signed': Monday is the signing's
                continue
            if dep in CLAUSE_DEPS and child is not trigger and not _nominal_conjunct(child):
                continue
            if dep == "prep" and child.lower_ in OTHER_EVENT_PREPS:
                continue    # 'following a phone call on 3 March, they agreed': the call's day
            if child in fronted:
                continue
            stack.append(child)
    return out


def _nominal_conjunct(token: Token) -> bool:
    """'talks between the government and a coalition of rebels in Nairobi on Monday': a conjoined
    noun is part of its phrase, not a clause with a time of its own."""
    return token.dep_ == "conj" and token.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and token.head.pos_ in (
        "NOUN", "PROPN", "PRON", "NUM")


def _fronted(clause: Token) -> list[Token]:
    """Adjuncts the parser hung on a temporal clause although they come before its conjunction:
    'On Monday, after officials met, …' — they belong to the clause it modifies."""
    mark = next((c for c in kids(clause) if c.dep_ == "mark"), None) if clause.dep_ in ("advcl", "ccomp") else None
    if mark is None or mark.lower_ not in SIMULTANEOUS | EARLIER_OR_LATER:
        return []
    return [c for c in kids(clause) if c.i < mark.i and c.dep_ in ("prep", "npadvmod")]


def _venue_tokens(anchor: Token) -> list[Token]:
    """Place words that say where the act itself happened: 'met in Ankara', 'at the consul general's
    residence in Istanbul', 'shelled villages in the Donetsk region' — never a place inside a topic
    ('talks on the war in Gaza') or inside a name ('Moscow State University'). Remembered per word
    while events are coded (the actors are final then)."""
    return remembered(anchor, "venues", _venues_of)


def _venues_of(anchor: Token) -> list[Token]:
    out: list[Token] = []

    def venue(pobj: Token) -> None:
        if pobj.lemma_.lower() in knowledge.vehicle_words():     # 'arrived in a black Mercedes van'
            return
        out.append(pobj)
        out.extend(c for c in kids(pobj) if c.dep_ in ("compound", "poss", "nmod"))
        for prep in kids(pobj):           # a site inside a city
            if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS | {"of"} and not _home_of(prep):
                for inner in _pobjs(prep):
                    venue(inner)

    actor_at = ext(anchor.doc, "actor_at") or {}
    for child in kids(anchor):
        dep = child.dep_
        if dep == "prep" and child.lower_ == "on":
            for pobj in _pobjs(child):
                if pobj.lemma_.lower() in VENUE_FRAMES:
                    venue(pobj)
        elif dep == "prep" and child.lower_ in PLACE_PREPS:
            for pobj in _pobjs(child) or [p for c in kids(child) if c.dep_ == "prep" and c.lower_ == "of"
                                          for p in _pobjs(c)]:     # 'outside of the city'
                venue(pobj)
        elif misread_content_subject(child):
            continue
        elif dep in ("dobj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN") or (
                dep == "nsubj" and child.pos_ == "NOUN" and child.i not in actor_at):
            # where the thing acted on, or the thing that acted ('a bomb near Samarra killed'), was
            for prep in kids(child):
                if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
                    for pobj in _pobjs(prep):
                        venue(pobj)
        elif dep in ("npadvmod", "advmod") and child.pos_ == "PROPN":
            out.append(child)
        elif dep in ("acl", "relcl") and child.lemma_.lower() in THIRD_PARTY_VERBS:
            out.extend(_venue_tokens(child))    # 'talks hosted by Qatar in Doha'
    occasion = occasion_of(anchor)
    if occasion is not None:
        out.extend(_venue_tokens(occasion))     # 'Speaking in Juba, the minister said …'
    return out


def _home_of(prep: Token) -> bool:
    """'Ka'loni Flynn, of Fort Smith', 'a man from Queens': where a person lives, not where the act was."""
    return prep.lower_ in ("of", "from") and prep.head.pos_ in ("PROPN", "NOUN") and names_a_person(prep.head)


def occasion_of(statement: Token) -> Token | None:
    """The speaking, visit or meeting a statement was made at, by its own maker: 'Speaking in Juba,
    the minister said …', 'Ruto, speaking at a rally in Nakuru, condemned …', 'accused the army
    when he spoke to reporters in Bentiu on Monday' — its place and day are the statement's.
    (Only a statement's: 'shelled the town as the president spoke in Moscow' was not in Moscow.)"""
    return remembered(statement, "occasion", _occasion_of)


def _occasion_of(statement: Token) -> Token | None:
    if statement.pos_ != "VERB":
        return None
    lemma = statement.lemma_.lower()
    speaks = lemma in knowledge.cue_words() or lemma in DIRECTED_SPEECH
    for child in kids(statement):
        if child.dep_ == "advcl" and child.lemma_.lower() in OCCASION_VERBS:
            subject = next((c for c in kids(child) if c.dep_ in ("nsubj", "nsubjpass")), None)
            if child.tag_ == "VBG" and subject is None:
                return child        # the participle's doer is the statement's
            if speaks and (subject is None or subject.tag_ == "PRP") and any(
                    c.dep_ in ("mark", "advmod") and c.lower_ in SIMULTANEOUS for c in kids(child)):
                return child
        elif child.dep_ == "nsubj" and speaks:
            for acl in kids(child):
                if acl.dep_ == "acl" and acl.tag_ == "VBG" and acl.lemma_.lower() in OCCASION_VERBS:
                    return acl      # 'Ruto, speaking at a rally in Nakuru, condemned …'
    return None


def locate(trigger: Token, anchors: list[Token], p: Participants, sentence: Span | None = None) -> None:
    """The place and date attached to the trigger (or its light verb), never from other clauses —
    so never from another sentence: given the trigger's ``sentence``, a sentence that names no place
    (or no date) is settled without walking its tree."""
    doc = trigger.doc
    places, dates = ext(doc, "places") or {}, ext(doc, "dates") or {}
    if sentence is not None:
        places = places if _any_within(doc, "places", places, sentence) else {}
        dates = dates if _any_within(doc, "dates", dates, sentence) else {}
    anchor_ids = {a.i for a in anchors}
    if p.location is None and places:
        venues = list(anchors)
        if trigger.dep_ == "conj" and trigger.pos_ == "VERB" and trigger.head.pos_ == "VERB":
            venues.append(trigger.head)     # 'met in Tokyo on Thursday and agreed to …'
        venues += _object_sharing_conjuncts(trigger)    # 'shot and killed him in Canada'
        if _shares_its_clause(trigger):
            venues.append(trigger.head)     # 'thwarted an attack in the strait, arresting 26 pirates'
        for anchor in venues:
            noun = anchor.pos_ == "NOUN"
            candidates = _venue_tokens(anchor) + ([c for c in kids(anchor) if c.dep_ in
                                                   ("compound", "nmod", "poss", "amod")] if noun else [])
            paired = {t.i for t in dash_pair(anchor)} if noun else set()
            hit = next((t for t in candidates if t.i in places and not _inside_name(t) and t.i not in paired
                        and not _quoted_apart(t, trigger)), None)
            if hit is not None:
                p.location = _place_for(doc, hit)
                break
        if p.location is None:
            hit = _nearest_event_place(trigger, anchors)
            hit = None if hit is not None and _quoted_apart(hit, trigger) else hit
            p.location = _place_for(doc, hit) if hit is not None else None
    if p.location is None and (trip := _trip_taken_for(_aspect_head(trigger))) is not None:
        p.location = destination(trip)      # 'went to Lima to meet Peru's president': met in Lima
    if p.location is None:
        p.location = _seat_venue(anchors)     # 'met at the Kremlin', 'talks at the White House'
    if p.location is None and places:
        hit = _station_of_subject(trigger, places)
        p.location = _place_for(doc, hit) if hit is not None else None
    if p.location is None and places:
        hit = _fired_from(trigger, places)
        p.location = _place_for(doc, hit) if hit is not None else None
    occurrence = _occurrence_clause(trigger) if (p.location is None and places) or (p.date is None and dates) else None
    if occurrence is not None and p.location is None and places:
        # 'the shooting, which took place in Charlotte', 'talks, held in Doha'
        hit = next((t for t in _venue_tokens(occurrence) if t.i in places and not _inside_name(t)), None)
        p.location = _place_for(doc, hit) if hit is not None else None
    host = _adjunct_host(trigger)
    if host is not None and p.location is None:
        # 'X said on Wednesday after meeting Y in Ankara': the meeting shares the statement's day and place
        hit = next((t for t in _venue_tokens(host) if t.i in places and not _inside_name(t)), None)
        p.location = _place_for(doc, hit) if hit is not None else None
    if p.date is not None or not dates:
        return
    region: list[Token] = []
    for anchor in anchors:
        region.extend(_own_region(anchor))
    dateline = ext(doc, "dateline")
    filed = range(dateline.start, dateline.end) if dateline is not None else range(0)
    ordered = sorted(region, key=lambda t: t.i)
    seen = {t.i for t in region}
    chain = _aspect_head(trigger)       # 'pleaded guilty on June 27 and began cooperating'
    if (chain.dep_ == "conj" and chain.pos_ == "VERB") or _shares_its_clause(chain):
        # 'shelled villages on Wednesday and struck a depot': conjoined verbs share their adjuncts;
        # a date after the second verb is its own ('visited in January and will visit on Monday')
        shared = [t for t in _own_region(chain.head) if t.i not in seen]
        ordered += sorted(shared, key=lambda t: (t.i < trigger.i, t.i))
        seen.update(t.i for t in shared)
    trip = _trip_taken_for(chain)
    if trip is not None:
        # 'went to Kyiv on Monday to meet Zelensky': met on the day of the journey made for it
        shared = [t for t in _own_region(trip) if t.i not in seen]
        ordered += sorted(shared, key=lambda t: t.i)
        seen.update(t.i for t in shared)
    for verb in _object_sharing_conjuncts(trigger):
        # 'shot and killed him in 1957', 'arrested and charged them on Monday': one object, one time
        shared = [t for t in _own_region(verb) if t.i not in seen]
        ordered += sorted(shared, key=lambda t: t.i)
        seen.update(t.i for t in shared)
    if host is not None:
        ordered += [t for t in _own_region(host) if t.i not in seen]
    for anchor in anchors:
        occasion = occasion_of(anchor)
        if occasion is not None:    # 'accused them when he spoke to reporters on Monday'
            ordered += [t for t in _own_region(occasion) if t.i not in seen]
    _first_date(ordered, dates, filed, p, skip=anchor_ids, judged=trigger.lemma_.lower() in JUDGING_VERBS)
    if p.date is None:
        _date_of_the_medium(anchors[-1], dates, filed, p)
    if p.date is None:
        _date_of_the_relative_head(trigger, dates, filed, p)
    if p.date is None and occurrence is not None:
        _first_date(sorted(_own_region(occurrence), key=lambda t: t.i), dates, filed, p)
    if p.date is None:
        _date_of_the_main_clause(anchors[-1], dates, filed, p)


def _first_date(tokens: list[Token], dates: dict, filed: range, p: Participants, skip: Collection[int] = (),
                judged: bool = False) -> None:
    """The first dated word among the tokens, in their order (none of ``skip``, none of the dateline),
    dates the event; for an act of the courts (``judged``), not the date of the crime it names."""
    for token in tokens:
        if token.i in dates and token.i not in skip and token.idx not in filed and not (
                judged and _dates_another(token, skip)):
            p.date = dates[token.i]
            ent = entity_at(token)
            p.date_text = ent.text if ent is not None else token.text
            return


NOUN_DATE_DEPS = {"nummod", "compound", "amod", "nmod", "poss"}
JUDGING_VERBS = {"convict", "charge", "indict", "sentence", "acquit", "arrest", "try", "accuse", "prosecute"}


def _dates_another(token: Token, anchors: Collection[int]) -> bool:
    """'convicted him in the 2012 shooting', 'charged over the March 3 attack': a date before a noun of
    a prepositional phrase of a court's act is the crime's, not the act's (but 'in her 2003 book, she
    noted', 'on Tuesday night they met': for other acts, the noun is the act's occasion)."""
    head = token
    while head.dep_ in NOUN_DATE_DEPS and head.head is not head and head.head.pos_ != "VERB":
        head = head.head
        if head.pos_ == "NOUN" and head.dep_ == "pobj":
            return head.i not in anchors
    return False


def _date_of_the_medium(anchor: Token, dates: dict, filed: range, p: Participants) -> None:
    """'In a Facebook message posted Friday, Cruz said …', 'in an interview published on Monday': a
    statement was made when the text that carries it was issued."""
    for prep in kids(anchor):
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "on", "during", "through"):
            continue
        for medium in _pobjs(prep):
            if medium.lemma_.lower() in _statement_nouns():
                for issued in kids(medium):
                    if issued.dep_ == "acl" and issued.tag_ == "VBN":
                        _first_date(sorted(_own_region(issued), key=lambda t: t.i), dates, filed, p)
                        if p.date is not None:
                            return


OCCURRING_VERBS = frozenset({"occur", "happen", "unfold", "erupt", "hold", "stage", "conduct", "carry"})


def _occurrence_clause(trigger: Token) -> Token | None:
    """The clause on an event noun that says when and where it happened: 'the shooting, which occurred
    Tuesday afternoon', 'talks, which took place in Doha', 'the summit, held in Vientiane'."""
    if trigger.pos_ == "VERB":      # 'the air strike, which occurred on Monday, killed two commanders'
        subject = next((c for c in kids(trigger) if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
        if subject is None or not any(c.dep_ in ("relcl", "acl") for c in kids(subject)) or not match(subject):
            return None
        trigger = subject
    if trigger.pos_ != "NOUN":
        return None
    for clause in kids(trigger):
        if clause.dep_ not in ("relcl", "acl") or clause.pos_ not in ("VERB", "AUX"):
            continue
        lemma = clause.lemma_.lower()
        if lemma in OCCURRING_VERBS or (lemma == "take" and any(c.lower_ == "place" for c in kids(clause))):
            return clause
    return None


def _date_of_the_relative_head(trigger: Token, dates: dict, filed: range, p: Participants) -> None:
    """'… on March 30, 1972, where officials approved …', 'the day when the troops entered': a clause
    introduced by 'where' or 'when' happened at the time its head names."""
    clause = trigger
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in kids(clause)):
        return
    _first_date(sorted(_own_region(clause.head), key=lambda t: t.i), dates, filed, p)


def _shares_its_clause(verb: Token) -> bool:
    """'…, arresting 26 pirates', '… failed, blocked by senators': a participle beside a clause's verb
    (a participial adjunct), with no subject of its own, is part of that act — its time and place. (A
    past participle only after it: 'Arrested in June, he was sentenced on Monday' was arrested before.)"""
    return (verb.tag_ == "VBG" or verb.tag_ == "VBN" and verb.i > verb.head.i) and participial_adjunct(verb) and verb.head.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in kids(verb))


ASPECT_VERBS = {"begin", "start", "continue", "resume", "keep", "stop", "cease", "finish"}


TRAVEL_VERBS = {"go", "travel", "fly", "come", "head", "arrive", "return", "journey", "drive", "sail"}


def _trip_taken_for(verb: Token) -> Token | None:
    """The journey an act was the purpose of ('went to Kyiv on Monday to meet Zelensky'), or None."""
    if verb.dep_ not in ("xcomp", "advcl"):
        return None
    head = verb.head
    if head is verb or head.lemma_.lower() not in TRAVEL_VERBS:
        return None
    return head if to_infinitive(verb) else None


def _aspect_head(verb: Token) -> Token:
    """The verb an aspectual one hangs on ('began cooperating', 'continued to shell'): the act's time
    is the aspect verb's; any other governing verb ('agreed to meet') has a time of its own."""
    for _ in range(2):
        if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in ASPECT_VERBS:
            break
        verb = verb.head
    return verb


def _object_sharing_conjuncts(verb: Token) -> list[Token]:
    """The verb conjoined right after one that has no object of its own ('shot and killed him',
    'arrested and charged them'): the two share the object and whatever follows it. (Not 'met for
    two hours and discussed the border': a verb further on has its own object.) Remembered per word:
    the recipients, the place and the date of a trigger all ask it. (Callers must not change the list.)"""
    return remembered(verb, "object_sharing", _object_sharers)


def _object_sharers(verb: Token) -> list[Token]:
    if verb.pos_ != "VERB" or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in kids(verb)):
        return []
    doc = verb.doc
    return [c for c in kids(verb) if c.dep_ == "conj" and c.pos_ == "VERB" and c.i == verb.i + 2
            and doc[verb.i + 1].dep_ == "cc"]


def _any_within(doc: Doc, name: str, table: dict[int, object], sentence: Span) -> bool:
    """Whether any key of the document's ``name`` table (token index → place or date) lies in the sentence."""
    known = memo(doc, "sorted_keys")
    keys = known.get(name)
    if keys is None:
        keys = known[name] = sorted(table)
    at = bisect_left(keys, sentence.start)
    return at < len(keys) and keys[at] < sentence.end


SIMULTANEOUS = {"when", "as", "while", "once", "whilst"}
EARLIER_OR_LATER = {"after", "before", "until", "since"}


def _date_of_the_main_clause(anchor: Token, dates: dict, filed: range, p: Participants) -> None:
    """'In 1972, after Mitchell resigned …', 'when troops entered the town on Monday, …': an undated
    event of a temporal clause happened in the time of the clause it modifies — on its day when the
    two are simultaneous ('when', 'as', 'while'), in its year or month when one came after the other,
    and on the day moved by the interval a sentence measures ('a day after', 'two days before')."""
    clause = anchor
    while clause.dep_ == "conj" and clause.head is not clause and not any(
            c.dep_ == "mark" and c.lower_ in EARLIER_OR_LATER for c in kids(clause)):
        clause = clause.head    # (a temporal clause the parser joined as a conjunct has its own 'after')
    if clause.dep_ not in ("advcl", "ccomp", "conj") or clause.head is clause:
        return      # (the small parser reads some fronted temporal clauses as ccomp)
    marker = next((c for c in kids(clause) if c.dep_ == "mark"), None)
    mark = marker.lower_ if marker is not None else None
    if mark not in SIMULTANEOUS | EARLIER_OR_LATER:
        return
    for token in sorted(_own_region(clause.head), key=lambda t: t.i):
        found = dates.get(token.i)
        if found is None or token.idx in filed or token.i == clause.head.i:
            continue
        shifted = _measured_from(clause, marker, found)
        if mark in SIMULTANEOUS or found.precision in ("month", "year") or shifted is not None:
            p.date = shifted or found
            ent = entity_at(token)
            p.date_text = ent.text if ent is not None else token.text
        return


INTERVAL_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "hour": 0, "hours": 0, "minute": 0, "minutes": 0}


def _measured_from(clause: Token, marker: Token, found: ResolvedDate) -> ResolvedDate | None:
    """'accused Armenia on Friday, a day after its minister held talks in Paris': the clause's day is
    the main clause's day moved by the interval ('hours after' is the same day)."""
    if marker is None or marker.lower_ not in ("after", "before") or found.precision != "day":
        return None
    unit = next((c for c in kids(clause) + kids(marker)    # 'a day after' hangs on the verb or on 'after'
                 if c.dep_ == "npadvmod" and c.lower_ in INTERVAL_DAYS), None)
    day = day_of(found.date)
    if unit is None or day is None:
        return None
    count = next((c for c in kids(unit) if c.dep_ == "nummod"), None)
    n = 1 if count is None else count_of(count.lower_)
    if n is None or n > 31:
        return None
    days = n * INTERVAL_DAYS[unit.lower_]
    moved = day - dt.timedelta(days=days) if marker.lower_ == "after" else day + dt.timedelta(days=days)
    return ResolvedDate(moved.isoformat(), "day", found.text)



def _fired_from(trigger: Token, places: dict) -> Token | None:
    """'Shot her from a Brownsville rooftop', 'fired from a car in Queens': violence aimed at no place
    the text names happened where it was fired from, when that is a town or a site (not 'rockets
    fired from Gaza into Israel': a country or a territory, or a target place, says otherwise)."""
    found = match(trigger)
    if found is None or found.cameo[:2] not in ("18", "19", "20"):
        return None
    preps = [c for c in kids(trigger) if c.dep_ == "prep"]
    if any(c.lower_ in ("into", "on", "at", "toward", "towards") and any(o.ent_type_ not in ("DATE", "TIME")
                                                                        for o in _pobjs(c)) for c in preps):
        return None     # 'fired from Gaza into Israel', 'opened fire from a rooftop on the crowd'
    # (the parser may hang 'from a rooftop' on the object: 'shot a mother from a rooftop')
    preps += [c for o in kids(trigger) if o.dep_ == "dobj" for c in kids(o) if c.dep_ == "prep"]
    for prep in preps:
        if prep.lower_ != "from":
            continue
        for pobj in _pobjs(prep):
            for word in (pobj, *(c for c in kids(pobj) if c.dep_ in ("compound", "amod", "nmod"))):
                if word.i in places and places[word.i].feature in ("city", "site") and not _inside_name(word):
                    return word
                for inner in (g for c in kids(word) if c.dep_ == "prep" and c.lower_ in PLACE_PREPS
                              for g in _pobjs(c)):
                    if inner.i in places and places[inner.i].feature in ("city", "site"):
                        return inner     # 'from a car in Queens'
    return None


def _quoted_apart(place: Token, trigger: Token) -> bool:
    """The place is inside quoted words and the trigger is not: '"By locking in China," he said'
    was not said in China."""
    spans = quote_spans(trigger.doc)
    inside = next((s for s in spans if s[0] <= place.idx < s[1]), None)
    return inside is not None and not inside[0] <= trigger.idx < inside[1]


COMPARING_WORDS = {"unlike", "like", "than"}


def _nearest_event_place(trigger: Token, anchors: list[Token]) -> Token | None:
    """A place deeper in the clause belongs to the nearest event above it: 'signed an agreement on
    the production of drones in Warsaw' happened in Warsaw, but 'talks on the war in Gaza' did not
    happen in Gaza — the war did."""
    doc = trigger.doc
    places = ext(doc, "places") or {}
    anchor_ids = {a.i for a in anchors}
    for anchor in anchors:
        for token in _own_region(anchor):
            if token.i not in places or _inside_name(token):
                continue
            pobj = token
            while pobj.dep_ in ("compound", "flat") and pobj.head is not pobj:
                pobj = pobj.head        # 'in Central Equatoria state': the name qualifies the object
            if pobj.dep_ != "pobj" or pobj.head.lower_ not in DEEP_PLACE_PREPS | {"between"}:
                continue
            if pobj.head.lower_ == "between" and pobj.head.head.i in anchor_ids:
                continue    # 'talks between Moscow and Kyiv' name the parties; 'the road between Juba and Yei' a place
            current, blocked = pobj.head, False
            situations = _situations()
            while current.i not in anchor_ids and current.head is not current:
                if match(current) is not None or current.lemma_.lower() in situations or misread_content_subject(current) \
                        or current.lower_ in COMPARING_WORDS:     # 'unlike in Cuba', 'than in Iran'
                    blocked = True
                    break
                current = current.head
            if not blocked and current.i in anchor_ids:
                return token
    return None


@cache
def _situations() -> frozenset[str]:
    return frozenset(row["lemma"] for row in knowledge.read_tsv("situations.tsv"))


def _adjunct_host(trigger: Token) -> Token | None:
    """The verb an 'after/before/while X-ing' adjunct hangs on."""
    prep = trigger.head
    if trigger.dep_ == "pcomp" and prep.lower_ in ("after", "before", "while", "during") and \
            prep.head.pos_ in ("VERB", "AUX"):
        return prep.head
    return None


def source_date(sentence, dates: dict) -> tuple[object, str] | None:
    """'… according to a joint statement issued on Sunday': when the source itself is dated."""
    text = doc_text(sentence.doc)[sentence.start_char:sentence.end_char]
    if "according" not in text.lower():
        return None         # the common case, decided without building a Token per word
    for token in sentence:
        if token.lower_ == "according":
            for t in token.subtree:
                if t.i in dates:
                    ent = entity_at(t)
                    return dates[t.i], (ent.text if ent is not None else t.text)
    return None


def _inside_name(token: Token) -> bool:
    """'Moscow State University', 'Aleppo University': the city names an institution, not a venue."""
    ent = entity_at(token)
    return ent is not None and ent.label_ in ("ORG", "FAC") and len(ent) > 1


def destination(trigger: Token) -> Place | None:
    """Where a visit goes: 'visited Ankara', 'will visit Saudi Arabia', 'a visit to Türkiye', 'visited
    the White House' (the city of a seat of government)."""
    places = ext(trigger.doc, "places") or {}
    for child in kids(trigger):
        goals = [child] if child.dep_ == "dobj" else \
            _pobjs(child) if child.dep_ == "prep" and child.lower_ in ("to", "into") else []
        for goal in goals:
            if goal.i in places:
                return _place_for(trigger.doc, goal)
            seat = _seat_place(goal)
            if seat is not None:
                return seat
    return None


STATION_VERBS = {"deploy", "base", "station", "post", "position", "anchor", "patrol", "operate", "moor", "dock"}


def _station_of_subject(trigger: Token, places: dict) -> Token | None:
    """'The frigate, deployed on patrols in the Gulf of Aden, rescued a crew': where the doer is said
    to be stationed is where it acts, when the act names no place of its own (and where it is
    deployed, however deep the place: 'deployed on patrols in the Gulf of Aden')."""
    if trigger.lemma_.lower() in STATION_VERBS:
        hit = next((t for t in trigger.subtree if t.i > trigger.i and t.i in places and not _inside_name(t)), None)
        if hit is not None:
            return hit
    verb = trigger
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    subject = next((c for c in kids(verb) if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    for acl in kids(subject):
        if acl.dep_ == "acl" and acl.tag_ == "VBN" and acl.lemma_.lower() in STATION_VERBS:
            hit = next((t for t in acl.subtree if t.i in places and not _inside_name(t)), None)
            if hit is not None:
                return hit
    return None


def _seat_venue(anchors: list[Token]) -> Place | None:
    """The city of a seat of government or building the act took place at ('talks at the Kremlin')."""
    for anchor in anchors:
        for token in _venue_tokens(anchor):
            seat = _seat_place(token)
            if seat is not None:
                return seat
    return None


def _seat_place(token: Token) -> Place | None:
    """The city a building or seat of government named by the token's entity stands in (``seats.tsv``)."""
    if token.pos_ != "PROPN":
        return None
    ent = entity_at(token)
    text = ent.text if ent is not None else token.text
    found = knowledge.seats().get(text[4:] if text[:4].lower() == "the " else text)
    if found is None:
        return None
    city = get_gazetteer().lookup(found[0], strong=(found[1],))
    return replace(city, text=text) if city is not None and city.country == found[1] else None


def _place_for(doc, token: Token) -> Place:
    place = ext(doc, "places")[token.i]
    ent = entity_at(token)
    return Place(text=ent.text if ent is not None else token.text, name=place.name, country=place.country,
                 lat=place.lat, lon=place.lon, geonames_id=place.geonames_id, feature=place.feature)


def participle_of(noun: Token) -> Token | None:
    """The past participle that says who did what the noun names and when: 'the memorandum, signed
    in Addis Ababa on Jan. 1 by …', 'talks held in Doha last week'."""
    return next((c for c in kids(noun) if c.dep_ == "acl" and c.tag_ == "VBN"), None)


# what lies between two places rather than happens between two parties
LYING_BETWEEN = {"area", "border", "region", "frontier", "zone", "line", "road", "territory", "boundary",
                 "corridor", "route", "highway", "strait", "sea", "channel", "valley", "crossing"}


def between_phrase(sentence, noun: Token | None = None) -> list[Actor]:
    """Actors of a 'between X and Y' phrase in a sentence (participants of participant-less nouns),
    unless the phrase belongs to another event noun or situation ('the seizure followed an agreement
    between Ecuador and Peru': the parties of the agreement, not of the seizure)."""
    if "between" not in doc_text(sentence.doc)[sentence.start_char:sentence.end_char].lower():
        return []       # the common case, decided without building a Token per word
    for token in sentence:
        if token.lower_ == "between" and token.dep_ == "prep":
            if noun is not None and token.head.i != noun.i and token.head.pos_ == "NOUN" and (
                    match(token.head) or token.head.lemma_.lower() in _situations()):
                continue    # (nor 'the attacks raise the risk of conflict between X and Y')
            if token.head.lemma_.lower() in LYING_BETWEEN:
                continue    # 'fighting in the border areas between Sudan and South Sudan': a place
            found: list[Actor] = []
            for pobj in _pobjs(token):
                for actor in actors_of(pobj):
                    if all(a.key != actor.key for a in found):
                        found.append(actor)
            if len(found) >= 2:
                return found
    return []
