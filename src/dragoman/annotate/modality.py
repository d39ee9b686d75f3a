"""Did it happen? An event's status — factual, future, hypothetical or negated — read from the
words that govern its trigger: negation, modal auxiliaries and hedges, conditional clauses, and
verbs of intent or denial (knowledge/data/modality.tsv)."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from dragoman import knowledge
from dragoman.annotate.doctext import kids, remembered

NOBODY = {"nobody", "none", "neither", "noone"}
RANK = {"factual": 0, "future": 1, "hypothetical": 2, "negated": 3}
CLAUSE_LINKS = {"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp", "pobj", "prep", "nsubj",
                "nsubjpass", "dobj", "attr", "appos", "compound", "npadvmod", "poss", "amod"}
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
TOPIC_HEADS = {"talk", "discussion", "negotiation", "dialogue", "consultation", "meeting", "conference", "summit",
               "debate", "discuss", "negotiate", "talks", "call", "conversation", "agree", "agreement"}
ADJUNCT_PREPS = {"under", "after", "following", "since", "despite", "amid", "during", "before", "until",
                 "throughout", "in spite of"}
PLANNED = {"planned", "upcoming", "proposed", "scheduled", "possible", "potential", "future", "expected",
           "prospective", "likely"}


# how a stopped act hangs on the verb that stops it: 'thwarted an attack', 'foiled a plot to bomb …'
# (parsed as a purpose clause), 'prevented them from crossing'
STOPPED_DEPS = ("dobj", "advcl", "xcomp", "pcomp")


@cache
def stopping_verbs() -> frozenset[str]:
    """Verbs whose object or complement is an act that did not take place, made by someone else."""
    return frozenset(markers().get("object", {}))


@cache
def topic_verbs() -> frozenset[str]:
    """Verbs whose object is what was talked about ('discussed the border'), not an act or a party."""
    return frozenset(markers().get("topic", {}))


@cache
def markers() -> dict[str, dict[str, str]]:
    """where → {word: status}, from modality.tsv."""
    out: dict[str, dict[str, str]] = {}
    for row in knowledge.read_tsv("modality.tsv"):
        out.setdefault(row["where"], {})[row["word"]] = row["status"]
    return out


def own_status(verb: Token) -> str:
    """Status given by the words attached to one verb (or noun) of the chain (remembered per word:
    every trigger below it walks through it)."""
    return remembered(verb, "own_markers", _markers_of)


def _not_until(verb: Token) -> bool:
    """'did not return until Friday': negated up to a time, and done then."""
    return any(c.lower_ == "until" and c.dep_ in ("prep", "mark") for c in kids(verb))


def _markers_of(verb: Token) -> str:
    m = markers()
    status = "factual"
    for child in kids(verb):
        dep = child.dep_
        found = None
        if dep == "neg" and _not_until(verb):
            found = None                # 'could not be rescued until the next morning': rescued then
        elif dep == "neg" or (dep == "det" and child.lower_ == "no"):
            found = "negated"
        elif dep in ("nsubj", "nsubjpass") and (child.lower_ in NOBODY or any(
                g.dep_ in ("preconj", "det") and g.lower_ == "neither" for g in kids(child))):
            found = "negated"           # 'Neither Russia nor Ukraine attacked', 'nobody was hurt'
        elif dep in ("aux", "auxpass", "advmod", "acomp"):
            found = m["aux"].get(child.lower_) or m["aux"].get(child.lemma_.lower())
        elif dep == "mark":
            found = m["mark"].get(child.lower_)
        elif dep == "amod" and child.lower_ in PLANNED:
            found = "future"
        elif dep in ("acl", "amod") and child.tag_ == "VBN" and child.lemma_.lower() in m.get("object", {}):
            found = m["object"][child.lemma_.lower()]     # 'pirate attack foiled in the Gulf', 'a thwarted plot'
        elif dep == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in kids(child)):
            found = "hypothetical"      # 'If both sides agree, officials will meet'
        if found and RANK[found] > RANK[status]:
            status = found
    return status


CONDITIONS = ("if", "unless")


def condition_clause(verb: Token, marks: tuple[str, ...] = CONDITIONS) -> Token | None:
    """The 'if …' / 'unless …' clause hanging on a verb, if any."""
    return next((c for c in kids(verb) if c.dep_ == "advcl"
                 and any(m.dep_ == "mark" and m.lower_ in marks for m in kids(c))), None)


def participial_adjunct(token: Token) -> bool:
    """'denied the claims, accusing Juba of …': a participle beside the verb is an act of its own,
    not what the verb denies, plans or refuses."""
    return token.dep_ == "advcl" and token.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("mark", "aux") for c in kids(token))     # ('Criticized by reporters, she denied …')


def _verbal(token: Token) -> bool:
    """A verb, or a sentence's root the small model tagged a noun although it has a subject
    ('Officials fear that …' with 'fear' read as a noun)."""
    return token.pos_ in ("VERB", "AUX") or (token.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in kids(token)))


# what a governed event noun may be said to do: 'the veto is expected to come'
HAPPENING_VERBS = {"come", "happen", "occur", "take", "begin", "start", "be", "resume", "go", "proceed"}


def _governed_subject(noun: Token) -> bool:
    """'The visit was postponed', 'the veto is expected to come': an event noun that is the passive
    subject of a verb of intent or denial is what that verb governs — unless the verb governs an act of
    its own ('the offensive was intended to change …', 'negotiators were called in to free …')."""
    if noun.pos_ != "NOUN":
        return False
    verb = noun.head
    acts = [c for c in kids(verb) if c.dep_ in ("xcomp", "ccomp", "advcl")]
    acts += [g for c in kids(verb) if c.dep_ == "prep" for g in kids(c) if g.dep_ == "pcomp"]   # 'aimed at cutting'
    return all(c.lemma_.lower() in HAPPENING_VERBS for c in acts)


# a clause of concession or cause keeps its own status, whatever the main clause denies or plans
OWN_POLARITY_MARKS = {"although", "though", "whereas", "because"}


def status_of(trigger: Token, stop_lemmas: frozenset[str] = frozenset()) -> str:
    """The status of the event a trigger names.

    Walks up from the trigger through the clause that contains it; stops at a speech verb
    (what someone says happened is judged inside their words) and at the sentence root.
    """
    m = markers()
    status = own_status(trigger)
    token = trigger
    for _ in range(12):
        head = token.head
        if head is token:
            break
        dep = token.dep_        # (each read of a Token's string attributes looks the string up anew)
        if dep == "relcl" and token.tag_ == "VBD":
            break       # 'withdraw from a deal it signed': a past relative clause tells what was done
        head_lemma = head.lemma_.lower()
        if (dep in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "acl") or dep == "nsubjpass" and _governed_subject(token)) \
                and _verbal(head):
            governed = m["governor"].get(head_lemma)
            if token.i == trigger.i and dep == "xcomp" and any(
                    c.dep_ == "advmod" and c.lower_ in m.get("infinitive", {}) for c in kids(head)):
                governed = "negated"    # 'have yet to agree' (not what they have yet to answer)
            if governed and dep != "conj" and not participial_adjunct(token) and RANK[governed] > RANK[status]:
                status = governed
        if dep == "prep" and token.lower_ in ("of", "for", "with") and head_lemma in m.get("alleged", {}):
            # 'accused Juba of backing the rebels', 'charged with the killing': alleged, not established
            status = "hypothetical" if RANK["hypothetical"] > RANK[status] else status
            break
        stopped = m.get("object", {}).get(head_lemma) \
            if dep in STOPPED_DEPS and not participial_adjunct(token) or dep == "nsubjpass" else None
        # ('the attack was thwarted by the navy': its passive subject too)
        # ('thwarted an attack, apprehending 26 pirates': the arrests took place)
        if stopped:     # 'thwarted a piracy attack': the attack did not take place
            status = stopped if RANK[stopped] > RANK[status] else status
            break
        if (dep == "dobj" and m.get("topic", {}).get(head_lemma)) or (
                dep == "prep" and token.lower_ in TOPIC_PREPS and head_lemma in TOPIC_HEADS):
            # 'discussing prisoner exchanges', 'talks on a ceasefire': a topic, not something that happened
            status = "hypothetical" if RANK["hypothetical"] > RANK[status] else status
            break
        if head_lemma in stop_lemmas and dep in ("ccomp", "xcomp", "conj", "advcl"):
            break
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in OWN_POLARITY_MARKS for c in kids(token)):
            break       # 'Although Trump has admitted it, he does not defend it': the admission stands
        if dep not in CLAUSE_LINKS:
            break
        if dep == "prep" and token.lower_ in ADJUNCT_PREPS:
            break       # 'Under the deal, the sides will …': an event named in an adjunct is not planned
        own = own_status(head)
        if dep == "conj" and own == "negated":
            own = "factual"     # "X did not attack but met Y": negation stays with its own verb
        if RANK[own] > RANK[status]:
            status = own
        token = head
    return status
