"""Intent, appeal, demand and threat frames: the CAMEO rule that an announced intention, an
appeal, a demand or a threat about an event is itself the coded event.

"Libya offered to hand over the suspects to Britain" is 0313 (intent to cooperate on judicial
matters, PLOVER AGREE) by Libya towards Britain — not a handover (084). "Washington said China
must drop barriers" is 1011 (demand economic cooperation) by the USA of China. Which words frame
an event is data (knowledge/data/frames.tsv), and so is the code the event takes inside each frame
(knowledge/data/frame_codes.tsv).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from dragoman import knowledge
from dragoman.annotate.actors import actors_of
from dragoman.annotate.doctext import kids
from dragoman.annotate.syntax import governing_verb
from dragoman.knowledge import codebook
from dragoman.model import Actor

SPEECH_LINKS = ("ccomp", "xcomp", "advcl", "conj")


@dataclass(frozen=True)
class Frame:
    kind: str                  # intent | appeal | demand | threaten
    link: str                  # xcomp | acomp | aux | ccomp | dobj (a 'for' clause reads as ccomp)
    word: Token                # the framing word ("offered", "ready", "will", "must")
    governor: Token            # the verb whose subject is the framing actor


@cache
def _words() -> dict[tuple[str, str], str]:
    """(word, link) → frame kind."""
    return {(row["word"], row["link"]): row["frame"] for row in knowledge.read_tsv("frames.tsv")}


@cache
def demanding_auxiliaries() -> frozenset[str]:
    """Auxiliaries that frame a demand or an appeal ('must', 'should')."""
    return frozenset(word for (word, link), kind in _words().items() if link == "aux" and kind in ("demand", "appeal"))


@cache
def _codes() -> dict[str, dict[str, str]]:
    """inner code prefix → {frame kind: code}."""
    out: dict[str, dict[str, str]] = {}
    for row in knowledge.read_tsv("frame_codes.tsv"):
        out[row["inner"]] = {k: row[k] for k in ("intent", "appeal", "demand", "threaten", "reject") if row.get(k)}
    return out


def framed_code(inner: str, kind: str) -> str | None:
    """The code of an inner event inside a frame, by the longest matching prefix; None if none applies.
    An announced hostile act is a threat: intent over an inner code with no intent form → threaten."""
    code = lookup_code(inner, kind)
    if code is None and kind == "intent":
        code = lookup_code(inner, "threaten")
    return code


def lookup_code(inner: str, kind: str) -> str | None:
    table = _codes()
    for size in range(len(inner), 1, -1):
        code = table.get(inner[:size], {}).get(kind)
        if code:
            return code if codebook.cameo(code) else None
    return None


def find_frame(token: Token) -> Frame | None:
    """The frame around an event trigger, if any; an event noun is seen through its light verb
    ('will provide aid', 'agreed to hold talks')."""
    frame = _frame_at(token)
    if frame is None and token.pos_ == "NOUN":
        verb = governing_verb(token)
        if verb is not None and verb.pos_ == "VERB" and _words().get((verb.lemma_.lower(), "dobj")) != "topic":
            frame = _frame_at(verb)     # but 'will discuss sanctions' announces a discussion, not sanctions
    return frame


def is_negated(frame: Frame, inner: Token) -> bool:
    """'will not accept', 'did not agree to lift': a negated intent is a refusal."""
    return any(c.dep_ == "neg" for t in {inner, inner.head if inner.dep_ == "dobj" else inner,
                                          frame.word, frame.governor} for c in kids(t))


def _frame_at(token: Token) -> Frame | None:
    words = _words()
    head = token.head
    if token.pos_ == "VERB":
        for child in kids(token):
            if child.dep_ == "aux":
                kind = words.get((child.lower_, "aux"))
                if kind and _aux_applies(token, kind):
                    return Frame(kind, "aux", child, token)
    infinitive = token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(token))
    if (token.dep_ == "xcomp" or infinitive) and head is not token:     # 'sworn to fight', parsed advcl
        kind = words.get((head.lemma_.lower(), "xcomp"))
        if kind:
            return Frame(kind, "xcomp", head, head)
        if head.pos_ == "ADJ" and head.dep_ == "acomp":
            kind = words.get((head.lower_, "acomp")) or words.get((head.lemma_.lower(), "acomp"))
            if kind:
                return Frame(kind, "acomp", head, head.head)
    if token.dep_ == "ccomp" and head is not token:
        kind = words.get((head.lemma_.lower(), "ccomp"))
        if kind and question(token):
            return None     # 'asked whether the envoy had met the rebels': a question, not a request
        if kind:
            return Frame(kind, "ccomp", head, head)
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in kids(token)):
            # 'reiterated its demand today that Israel ease …': the clause hangs on the verb, but it
            # is the object noun's content
            noun = next((c for c in kids(head) if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < token.i), None)
            kind = words.get((noun.lemma_.lower(), "ccomp")) if noun is not None else None
            if kind:
                return Frame(kind, "ccomp", noun, head)
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "for" for c in kids(token)):
        kind = words.get((head.lemma_.lower(), "for"))     # 'pushing hard for the US (to) support …'
        if kind:
            return Frame(kind, "ccomp", head, head)
    if token.dep_ == "acl" and head.pos_ == "NOUN":
        frame = _noun_clause_frame(token, head, words)
        if frame is not None:
            return frame
    if token.dep_ == "dobj" and token.pos_ == "NOUN":
        kind = words.get((head.lemma_.lower(), "dobj"))
        if kind:
            return Frame(kind, "dobj", head, head)
    return None


QUESTION_WORDS = {"whether", "if", "why", "how", "what", "when", "where", "who", "whom", "which"}


def question(clause: Token) -> bool:
    """The clause is an indirect question ('whether …', 'why …', 'what he meant')."""
    return any(c.lower_ in QUESTION_WORDS and c.i <= clause.i and c.dep_ in ("mark", "advmod", "nsubj", "dobj", "attr")
               for c in kids(clause))


def _noun_clause_frame(clause: Token, noun: Token, words: dict[tuple[str, str], str]) -> Frame | None:
    """A noun that frames its own clause as a verb would: 'repeated its demand that Israel ease
    restrictions' (a that-clause, read as ccomp), 'reached a consensus to exchange information' (an
    infinitive, read as 'agreed to'; only with a light verb to carry it)."""

    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(clause))
    declarative = any(c.dep_ == "mark" and c.lower_ == "that" for c in kids(clause))
    kind = words.get((noun.lemma_.lower(), "acl" if infinitive else "ccomp")) if infinitive or declarative else None
    if not kind:
        return None
    governor = governing_verb(noun)
    if infinitive:
        return Frame(kind, "xcomp", noun, governor) if governor is not None else None
    return Frame(kind, "ccomp", noun, governor if governor is not None else noun)


def _aux_applies(verb: Token, kind: str) -> bool:
    """'will'/'would' announce intent only for a volitional actor, not under 'if'/'could';
    'must'/'should' are demands/appeals only when someone is reported saying them."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids(verb)):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("could", "might", "may") for c in kids(verb)):
        return False
    subject = next((c for c in kids(verb) if c.dep_ == "nsubj"), None)
    if subject is None or not actors_of(subject):
        return False
    if kind in ("demand", "appeal"):
        return speaker_verb(verb) is not None
    return True


def _speaking_participle(verb: Token) -> bool:
    """'…, saying that officials should …': a participle of speaking whose speaker is the subject of
    the clause it hangs on."""
    return verb.tag_ == "VBG" and verb.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in kids(verb.head))


def speaker_verb(token: Token) -> Token | None:
    """The speech verb whose reported clause contains the token ('X said Y must …')."""
    cues = knowledge.cue_words()
    current = token
    for _ in range(6):
        if current.dep_ not in SPEECH_LINKS or current.head is current:
            return None
        current = current.head
        if cues.get(current.lemma_.lower()) and (any(c.dep_ == "nsubj" for c in kids(current)) or _speaking_participle(current)):
            return current
    return None


def _subject_actors(verb: Token) -> list[Actor]:
    subject = next((c for c in kids(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)
    for _ in range(3):
        if subject is not None or verb.head is verb or not (
                verb.dep_ in ("xcomp", "conj", "ccomp") or _speaking_participle(verb)):
            break
        verb = verb.head
        subject = next((c for c in kids(verb) if c.dep_ == "nsubj"), None)
    return actors_of(subject) if subject is not None else []


def frame_sides(frame: Frame, inner_actors: list[Actor], inner_recipients: list[Actor],
                inner_is_noun: bool) -> tuple[list[Actor], list[Actor]]:
    """Who frames whom: the actor who intends, appeals, demands or threatens, and its target."""
    if frame.link == "aux":
        if frame.kind in ("demand", "appeal"):
            speech = speaker_verb(frame.governor)
            return (_subject_actors(speech) if speech is not None else []), _asked(inner_actors, inner_recipients)
        return inner_actors, inner_recipients
    actors = _subject_actors(frame.governor)
    if frame.kind in ("appeal", "demand") and frame.link == "xcomp":
        # 'urged Ukraine to withdraw', 'ordered Ukraine to withdraw': the object is asked
        addressee = [a for c in kids(frame.governor) if c.dep_ in ("dobj", "dative") for a in actors_of(c)]
        addressee = addressee or [a for c in kids(frame.governor) if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                                  for o in kids(c) if o.dep_ == "pobj" for a in actors_of(o)]
        return actors, addressee or _asked(inner_actors, inner_recipients)
    if frame.kind in ("demand", "appeal"):
        return actors, _clause_subject_actors(frame) or _asked(inner_actors, inner_recipients)
    if inner_is_noun:
        # 'would allow the return of UN inspectors', 'agreed to US mediation': the others the intended
        # act is done by are whom the intent concerns
        own = {a.country or a.code for a in actors}
        others = [a for a in inner_actors if (a.country or a.code) and (a.country or a.code) not in own]
        return actors, others or inner_recipients
    return actors or inner_actors, inner_recipients


def _asked(inner_actors: list[Actor], inner_recipients: list[Actor]) -> list[Actor]:
    """Whom a demand or appeal is made of: whoever is to do the demanded act ('demanded that the US
    match the EU's support' is made of the US, not the EU); only an act with no doer names its
    sufferers ('demanded the release of the journalists')."""
    return list(inner_actors) or list(inner_recipients)


def _clause_subject_actors(frame: Frame) -> list[Actor]:
    """'demanded that the United States match the EU's support': the subject of the demanded clause
    is asked, whatever the event words inside it."""
    if frame.link != "ccomp":
        return []
    subject = clause_subject((frame.word, frame.governor), frame.word.i, ("ccomp", "acl", "advcl"))
    return actors_of(subject) if subject is not None else []


def clause_subject(hosts, after: int, deps: tuple[str, ...], that: bool = False) -> Token | None:
    """The subject of the first clause (of the given dependency labels, after token ``after``,
    optionally introduced by 'that') hanging on any of ``hosts``: whoever a framed clause asks to act."""
    for host in hosts:
        for clause in kids(host):
            if clause.dep_ in deps and clause.i > after and (
                    not that or any(c.dep_ == "mark" and c.lower_ == "that" for c in kids(clause))):
                subject = next((c for c in kids(clause) if c.dep_ == "nsubj"), None)
                if subject is not None:
                    return subject
    return None


def frames_clause(word: str) -> bool:
    """Whether a demand or appeal word frames a that-clause ('demand that …', frames.tsv)."""
    return _words().get((word, "ccomp")) in ("demand", "appeal")
