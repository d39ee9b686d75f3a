"""Event candidates: every word the trigger lexicon matches, with its participants, anchors, place, date and status.

A candidate is what later steps refine (codes), join (happenings) or drop; the events component turns the survivors into Event records."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dragoman import knowledge
from dragoman.annotate.doctext import ext, kids, memo, sentences
from dragoman.annotate.frames import question
from dragoman.annotate.modality import RANK, own_status, status_of
from dragoman.annotate.participants import (
    Participants,
    accused_in_clause,
    destination,
    locate,
    noun_participants,
    participle_of,
    source_date,
    verb_participants,
)
from dragoman.annotate.syntax import governing_verb
from dragoman.annotate.titles import role_of
from dragoman.annotate.triggers import match, possible_triggers
from dragoman.knowledge import codebook
from dragoman.knowledge.codebook import Trigger
from dragoman.model import Actor

# verbs that say a happening named as their subject went on: their place and day are the happening's
UNFOLDING_VERBS = {"resume", "continue", "begin", "start", "open", "end", "conclude", "close", "last", "take",
                   "wrap", "stall", "collapse", "finish", "proceed", "unfold", "run", "convene"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "LAW", "EVENT"}


@dataclass
class Candidate:
    token: Token
    trigger: Trigger
    sentence: int
    span: Span
    parts: Participants
    status: str
    anchors: list[Token]
    inherited_from: Candidate | None = None
    dropped: bool = False
    cameo: str = ""
    plover_override: str | None = None
    mode_override: str | None = None
    frame_word: Token | None = None
    happening: str | None = None      # mentions of one happening in the document share it
    absorbed: list[Candidate] = field(default_factory=list)   # other words of the same mention
    told_in: Candidate | None = None     # the statement this content was reported in (merged away)

    def __post_init__(self) -> None:
        self.cameo = self.cameo or self.trigger.cameo
        self.plover_override = self.trigger.plover
        self.mode_override = self.trigger.mode

    @property
    def code(self):
        return codebook.cameo(self.cameo)

    @property
    def plover(self) -> str | None:
        if self.plover_override:
            return self.plover_override
        entry = self.code
        return entry.plover if entry else None

    @property
    def sides(self) -> list[Actor]:
        return self.parts.actors + self.parts.recipients

    @property
    def coded(self) -> bool:
        return any(a.country or a.code for a in self.sides)


def find_candidates(doc: Doc) -> list[Candidate]:
    speech = frozenset(knowledge.cue_words())
    out: list[Candidate] = []
    sents, starts = sentences(doc)
    for i in possible_triggers(doc):
        token = doc[i]
        if token.ent_type_ in NAME_LABELS and token.pos_ != "VERB":
            continue
        trigger = match(token)
        if trigger is None or (trigger.pos == "V" and trigger.cameo[:2] in VIOLENT and (
                _no_violence(token) or _a_road_death(token))):
            continue
        if _other_sense(token) or _hedge(token):
            continue    # 'a heart attack', 'defended their title', 'fired the coach', 'he is said to …'
        if trigger.cameo.startswith("02") and trigger.pos == "V" and any(
                c.dep_ == "ccomp" and question(c) for c in kids(token)):
            trigger = QUESTION   # 'asked whether the envoy had met the rebels': a question, not an appeal

        if trigger.pos == "V" and trigger.cameo.startswith("043") and not _received_someone(token):
            continue    # 'received 48 percent of the vote', 'was well received': no guest
        si = bisect_right(starts, i) - 1
        sent = sents[si]
        if trigger.pos == "V":
            parts, anchors = verb_participants(token), [token]
            if trigger.cameo.startswith("11") and not parts.recipients:
                parts.add("recipients", accused_in_clause(token))    # 'prosecutors allege that X …'
        else:
            parts = noun_participants(token, mediation=trigger.cameo == "045")
            verb = governing_verb(token)
            if verb is None and token.dep_ == "nsubj" and token.head.lemma_.lower() in UNFOLDING_VERBS:
                verb = token.head       # 'talks resumed in Vienna on Tuesday': where and when the talks were
            if verb is None:
                verb = participle_of(token)     # 'the memorandum, signed in Addis Ababa on Jan. 1
            anchors = [token] + ([verb] if verb is not None else [])
        locate(token, anchors, parts, sent)
        if parts.date is None and trigger.cameo[:2] in VERBAL_ROOTS:
            # a statement, appeal or demand happened when its source says it was made
            dated = source_date(sent, ext(doc, "dates") or {})
            if dated is not None:
                parts.date, parts.date_text = dated
        if parts.location is None and trigger.cameo.startswith("042"):
            parts.location = destination(token)
        if trigger.pos == "N" and len(anchors) > 1 and anchors[1].dep_ == "acl" and anchors[1].head.i == i:
            # 'the memorandum, signed on Jan. 1, would give …': it was signed; 'attack foiled in the Gulf': it was not
            status = max(own_status(anchors[1]), own_status(token), key=RANK.__getitem__)
        else:
            status = max((status_of(a, speech) for a in anchors), key=RANK.__getitem__)
        cand = Candidate(token, trigger, si, sent, parts, status, anchors)
        if trigger.pos == "V" and trigger.cameo[:2] in VIOLENT and _in_words(token):
            cand.cameo, cand.plover_override, cand.mode_override = VERBAL_ATTACK, None, None
        out.append(cand)
    return out


QUESTION = Trigger(("ask",), "V", "010", None, None, "an indirect question is a statement, not an appeal")
VERBAL_ROOTS = ("01", "02", "03", "10", "11", "12", "13")


VIOLENT = ("18", "19", "20")
VERBAL_ATTACK = "111"   # criticize or denounce


def _no_violence(verb: Token) -> bool:
    """'An earthquake struck', 'struck oil', 'struck down the rules': the verb of violence names none."""
    words = knowledge.not_violence()
    forces = words.get("subject", ())
    clause = verb
    for _ in range(3):      # 'an earthquake shook the island, flattening villages and killing 12'
        if clause.dep_ not in ("advcl", "xcomp", "conj") or clause.head is clause or any(
                c.dep_ in ("nsubj", "nsubjpass") for c in kids(clause)):
            break
        clause = clause.head
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in forces for c in kids(clause)):
            return True     # 'an earthquake hit the region, killing 12 people': the participle's subject is its clause's
    if _toll_of_a_disaster(verb, forces):
        return True
    if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in kids(verb)):
        noun = verb.head    # 'a powerful earthquake (on a Gulf island) that killed 10 people'
        nouns = [noun, noun.head.head] if noun.dep_ == "pobj" else [noun]
        if any(n.lemma_.lower() in words.get("subject", ()) for n in nouns):
            return True
    for child in kids(verb):
        lemma = child.lemma_.lower()
        if child.dep_ in ("nsubj", "nsubjpass") and lemma in words.get("subject", ()):
            return True
        if child.dep_ == "dobj" and lemma in words.get("object", ()):
            return True
        if child.dep_ == "prt" and lemma in words.get("particle", ()):
            return True
        if child.dep_ in ("prep", "agent") and child.lower_ in ("in", "by", "from", "during") and any(
                pobj.lemma_.lower() in words.get("cause", ()) for pobj in kids(child) if pobj.dep_ == "pobj"):
            return True     # 'killed in an earthquake', 'died in a fall'
        if child.dep_ == "conj" and child.tag_ == "VBN" and any(
                c.dep_ == "auxpass" for c in kids(verb)) and any(
                g.dep_ == "agent" and any(p.lemma_.lower() in words.get("cause", ()) for p in kids(g))
                for g in kids(child)):
            return True     # 'was struck and killed by a motorist': the agent both share
        clauses = [child] if child.dep_ == "advcl" else \
            [g for g in kids(child) if g.dep_ == "pcomp"] if child.dep_ == "prep" else []
        if any(c.lemma_.lower() in words.get("cause", ()) and _by_mishap(c) for c in clauses):
            return True     # 'killed after falling 300 metres', 'died after the boat capsized'
    return False


def _by_mishap(clause: Token) -> bool:
    """The fall or the capsizing has no doer but the victims or their vehicle ('after falling', 'after
    their bus overturned'), not a weapon ('after a missile plunged into a block')."""
    subject = next((c for c in kids(clause) if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is None or subject.lemma_.lower() in knowledge.vehicle_words()


def _toll_of_a_disaster(verb: Token, forces: frozenset[str]) -> bool:
    """'Ten people were killed and 50 injured', with no one said to have done it, in a report whose
    headline or lead tells of an earthquake, a flood or a storm: the toll of the disaster, not an attack."""
    if verb.tag_ != "VBN" or not any(c.dep_ in ("auxpass", "nsubjpass") for c in kids(verb)) or any(
            c.dep_ == "agent" for c in kids(verb)):
        return False
    return a_disaster_story(verb.doc)


def a_disaster_story(doc: Doc) -> bool:
    """The headline or lead tells of an earthquake, a flood or a storm (``not_violence.tsv`` subjects)."""
    known = memo(doc, "disaster_story")
    if "found" not in known:
        forces = knowledge.not_violence().get("subject", ())
        sents, _ = sentences(doc)
        known["found"] = any(t.lemma_.lower() in forces for sent in sents[:2] for t in sent)
    return known["found"]


ROAD_DEATH_VERBS = {"strike", "hit", "kill", "injure", "run", "mow"}
WEAPON_WORDS = {"shoot", "shot", "gun", "gunman", "gunfire", "knife", "stab", "bomb", "explosive", "grenade",
                "rifle", "pistol", "shotgun", "bullet", "blade"}
ARMED_SECTORS = {"COP", "MIL", "REB", "SPY"}


def _a_road_death(verb: Token) -> bool:
    """'police say he struck and killed a woman in Queens', 'Woman Killed In Queens Hit-And-Run': in a
    report of a road mishap, a verb of striking or killing with no weapon in its sentence and no armed
    body as its subject tells a traffic death, not an attack."""
    if verb.lemma_.lower() not in ROAD_DEATH_VERBS or not a_road_mishap_story(verb.doc):
        return False
    if any(t.lemma_.lower() in WEAPON_WORDS for t in verb.sent):
        return False
    subject = next((c for c in kids(verb) if c.dep_ == "nsubj"), None)
    role = role_of(subject) if subject is not None else None
    return role is None or role.sector not in ARMED_SECTORS


def a_road_mishap_story(doc: Doc) -> bool:
    """The headline or lead tells of a crash, a hit-and-run, a pedestrian or a motorist, and of no
    attack (``not_violence.tsv``, road and attack words)."""
    known = memo(doc, "road_mishap_story")
    if "found" not in known:
        words = knowledge.not_violence()
        sents, _ = sentences(doc)
        lead = [t for sent in sents[:2] for t in sent]
        text = " ".join(t.lower_ for t in lead).replace(" - ", "-")
        road = any(t.lemma_.lower() in words.get("road", ()) and t.pos_ in ("NOUN", "PROPN") for t in lead) \
            or "hit-and-run" in text \
            or "hit and run" in text
        known["found"] = road and not any(t.lemma_.lower() in words.get("attack", ()) for t in lead)
    return known["found"]


def _hedge(verb: Token) -> bool:
    """'He is said to have been in hospital', 'the talks are reported to have stalled': a passive
    speech verb with an infinitive hedges its clause; nobody is said to have said anything."""
    return verb.pos_ == "VERB" and verb.lemma_.lower() in knowledge.speech_cues() and any(
        c.dep_ == "auxpass" for c in kids(verb)) and any(c.dep_ == "xcomp" for c in kids(verb))


def _other_sense(token: Token) -> bool:
    """The trigger word is used in a sense that names no political event (``other_senses.tsv``)."""
    senses = knowledge.other_senses().get(token.lemma_.lower())
    if not senses:
        return False
    modifiers, objects, preps, complements = (senses.get(k, frozenset())
                                              for k in ("modifier", "object", "prep", "complement"))
    if any(c.dep_ in ("prep", "prt") and c.i == token.i + 1 and c.lower_ in senses.get("preposition", ())
           for c in kids(token)):
        return True         # 'seized on a report' (not 'seized a vessel on Wednesday')

    if "passive" in senses and any(c.dep_ == "auxpass" for c in kids(token)) and not any(
            c.dep_ in ("xcomp", "ccomp") for c in kids(token)):
        return True         # 'when he was asked for details', 'the questions he was asked': a question
    if "predicate" in senses and (token.dep_ == "oprd" or token.dep_ == "attr" and not any(
            c.dep_ == "expl" for c in kids(token.head)) or (
            token.dep_ == "pobj" and token.head.lower_ == "as" and token.head.head.pos_ == "VERB")):
        return True         # 'is a threat to', 'considered a threat', 'seen as a threat': a danger, not a threat made
    if "bare" in senses and token.pos_ == "NOUN" and _without_maker(token):
        return True         # 'failed to grasp the threat': a danger no one is said to make
    if token.dep_ in ("acl", "relcl") and token.tag_ == "VB" and token.head.lemma_.lower() in objects and not any(
            c.dep_ == "dobj" for c in kids(token)):
        return True         # 'another child to support', 'a claim to back up': its object is the noun
    person = "person" in senses
    if person and token.dep_ == "acl" and token.head.ent_type_ == "PERSON":
        return True         # 'Smith, fired in June, is suing'
    for child in kids(token):
        lemma = child.lemma_.lower()
        if child.dep_ in ("amod", "compound", "nmod") and lemma in modifiers:
            return True
        if child.dep_ in ("acomp", "oprd", "attr") and (lemma in complements or "*" in complements):
            return True         # 'pleaded guilty', 'is considered a threat'
        if child.dep_ in ("dobj", "nsubjpass") and (lemma in objects or (person and child.ent_type_ == "PERSON")):
            return True
        if child.dep_ == "nsubj" and lemma in senses.get("subject", ()):
            return True         # 'residents evacuated their buildings': they left, no one aided them
        if child.dep_ == "nsubj" and lemma in objects and token.tag_ == "VB" and not any(
                c.dep_ == "dobj" for c in kids(token)):
            return True         # 'wanted [another child to support]': the parser's subject is its object
        if child.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() in preps for g in kids(child)):
            return True
    return False


MAKER_PREPS = {"by", "from", "of", "against"}     # ("threats against the embassy": made by someone)
# verbs whose subject makes the threat they take: 'issued a threat', 'repeated its threat'
THREAT_MAKING = {"issue", "make", "repeat", "renew", "voice", "level", "deliver", "send", "reiterate", "escalate",
                 "carry", "follow", "step", "post", "tweet", "publish", "utter"}


def _without_maker(noun: Token) -> bool:
    """An event noun that names no one who makes it: no possessor, no named or titled modifier ('US
    threats', 'the army's threat'), no 'by', 'from', 'of' or 'against', and no verb that makes it ('issued a
    threat'; 'failed to grasp the threat', 'moved troops to counter the threat' make none)."""
    verb = governing_verb(noun)
    if verb is not None and verb.lemma_.lower() in THREAT_MAKING:
        return False
    for child in kids(noun):
        if child.dep_ == "poss":
            return False
        if child.dep_ in ("compound", "amod", "nmod") and (child.ent_type_ or role_of(child) is not None):
            return False
        if child.dep_ == "prep" and child.lower_ in MAKER_PREPS:
            return False
    return True


def _in_words(verb: Token) -> bool:
    """'Attacked her rival in a speech', 'on Twitter in a series of tweets': an attack made of words."""
    means = knowledge.not_violence().get("words", ())
    for prep in kids(verb):
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "on", "during", "with", "through"):
            continue
        for pobj in (c for c in kids(prep) if c.dep_ == "pobj"):
            inner = [g for of in kids(pobj) if of.dep_ == "prep" and of.lower_ == "of"
                     for g in kids(of) if g.dep_ == "pobj"]      # 'in a series of tweets'
            if any(t.lemma_.lower() in means for t in [pobj, *inner]):
                return True
    return False


def _received_someone(verb: Token) -> bool:
    """A host receives people: its object (or, in the passive, its subject) names a person, a group,
    an organisation or a state."""
    for child in kids(verb):
        if child.dep_ in ("dobj", "nsubjpass"):
            return bool(child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or role_of(child) is not None
                        or any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in child.subtree))
    return False
