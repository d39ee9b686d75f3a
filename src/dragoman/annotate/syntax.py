"""Parse-tree questions shared by the frame and participant readers: which verb governs a noun trigger."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from dragoman import knowledge
from dragoman.annotate.doctext import kids, remembered
from dragoman.annotate.modality import stopping_verbs


def governing_verb(noun: Token) -> Token | None:
    """The light verb a noun trigger is the object of ('held talks', 'signed an agreement',
    'gave … dollars of aid', 'is responsible for mass killings'); never a verb that stops it.
    Remembered per word: frames, participants and candidates all ask it of the same nouns."""
    return remembered(noun, "governing_verb", _governing_verb)


def _governing_verb(noun: Token) -> Token | None:
    for _ in range(4):      # 'launched artillery, mortar and rocket fire': conjuncts share the verb
        if noun.dep_ != "conj" or noun.head.pos_ not in ("NOUN", "PROPN"):
            break
        noun = noun.head
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in stopping_verbs():
        return None     # 'the navy thwarted an attack': the navy did not launch it
    if noun.dep_ == "dobj" and head.lemma_.lower() in onlooker_verbs():
        return None     # 'the ministry condemned the bombing': it did not bomb
    if noun.dep_ in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        return head

    if noun.dep_ == "pobj" and head.head.pos_ == "VERB" and head.lower_ in ("in", "for", "into"):
        return head.head    # "took part in talks", "called for talks"
    if noun.dep_ == "pobj" and head.lower_ in ("for", "of") and head.head.dep_ == "acomp":
        return head.head.head    # "is responsible for killings", "guilty of atrocities"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "dobj" and head.head.head.pos_ == "VERB" \
            and (head.head.like_num or head.head.lemma_.lower() in MEASURES):
        return head.head.head    # "gave … dollars of aid", "sent tons of food"
    return None


MEASURES = {"dollar", "euro", "ton", "tonne", "million", "billion", "worth", "package", "shipment", "round",
            "series", "number", "kind", "hour", "day", "week", "month", "year", "wave"}


@cache
def onlooker_verbs() -> frozenset[str]:
    """Verbs whose subject did not make the event their object names (``onlooker_verbs.tsv``)."""
    return frozenset(row["lemma"] for row in knowledge.read_tsv("onlooker_verbs.tsv"))


# verbs that report what was said or thought and take no addressee as their object
REPORTING_VERBS = {"say", "claim", "state", "add", "note", "allege", "insist", "argue", "suggest", "report",
                   "believe", "think", "contend", "acknowledge", "admit", "assert", "maintain", "write"}


def misread_content_subject(obj: Token) -> bool:
    """'said the regime in Tehran is trying to …': the small parser makes the reported clause's
    subject the object of 'said' and leaves the clause without one. Such an object is no addressee
    or target of the statement, and its places are the content's, not where it was said."""
    if obj.dep_ != "dobj":
        return False        # (asked of every child of every verb: the cheap test first)
    verb = obj.head
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return False
    return any(c.dep_ == "ccomp" and c.i > obj.i and not any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")
                                                          for g in c.children) for c in verb.children)


def to_infinitive(verb: Token) -> bool:
    """'to punish Russia', 'to meet Zelensky': a verb with its 'to' (a purpose or a wished act)."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(verb))
