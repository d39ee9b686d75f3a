"""Who did what to whom, where and when: events coded in CAMEO and PLOVER, with evidence.

Per sentence, every trigger (know/data/triggers.tsv) becomes a candidate with its participants,
place, date and status. Then, across the document, a reader's inferences:
- an event noun with no participants of its own ("the February 18 discussions") refers back to the
  latest event of its type that had some, or takes a "between X and Y" of its sentence;
- a mediator or facilitator in a sentence is a third party of the talks in that sentence;
- a statement whose content is itself an event is subordinate to it (CAMEO's rule) and dropped;
- a light verb and its event noun ("signed an agreement") are one event.
Events with no coded participant (no country, no organisation code) are not emitted.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import codebook, know
from ..codebook import Trigger
from ..gazetteer import get_gazetteer
from ..model import Actor, Event
from .actors import actors_of, freeze_actors, role_of
from .doctext import doc_text
from .frames import find_frame, frame_sides, framed_code, is_negated, lookup_code
from .modality import RANK, _own_markers, status_of
from .participants import (
    THIRD_PARTY_VERBS,
    Participants,
    _governing_verb,
    _venue_tokens,
    between_phrase,
    destination,
    locate,
    noun_participants,
    source_date,
    verb_participants,
)
from .quotes import speaker_at
from .triggers import match, neighbourhood, possible_triggers

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "LAW", "EVENT"}
SPECIFIC_DETS = {"the", "this", "that", "these", "those"}
DEMONSTRATIVES = {"this", "that", "these", "those"}
REFERENCE_WINDOW = 3     # sentences an undated reference may reach back
SPECIFIC_MODS = {"recent", "latest", "last", "previous", "current", "ongoing", "upcoming", "planned", "first",
                 "second", "new", "today", "yesterday"}


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

    def __post_init__(self) -> None:
        self.cameo = self.cameo or self.trigger.cameo
        self.plover_override = self.trigger.plover
        self.mode_override = self.trigger.mode

    @property
    def code(self):
        return codebook.cameo(self.cameo)

    @property
    def plover(self) -> str | None:
        entry = self.code
        return self.plover_override or (entry.plover if entry else None)

    @property
    def sides(self) -> list[Actor]:
        return self.parts.actors + self.parts.recipients

    @property
    def coded(self) -> bool:
        return any(a.country or a.code for a in self.sides)


def _candidates(doc: Doc) -> list[Candidate]:
    speech = frozenset(know.cue_words())
    out: list[Candidate] = []
    sents = list(doc.sents)
    starts = [sent.start for sent in sents]
    for i in possible_triggers(doc):
        token = doc[i]
        if token.ent_type_ in NAME_LABELS and token.pos_ != "VERB":
            continue
        trigger = match(token)
        if trigger is None:
            continue
        si = bisect_right(starts, i) - 1
        sent = sents[si]
        if trigger.pos == "V":
            parts, anchors = verb_participants(token), [token]
        else:
            parts = noun_participants(token, mediation=trigger.cameo == "045")
            verb = _governing_verb(token)
            anchors = [token] + ([verb] if verb is not None else [])
        locate(token, anchors, parts)
        if parts.date is None and trigger.cameo[:2] in VERBAL_ROOTS:
            # a statement, appeal or demand happened when its source says it was made
            dated = source_date(sent, doc._.dates or {})
            if dated is not None:
                parts.date, parts.date_text = dated
        if parts.location is None and trigger.cameo.startswith("042"):
            parts.location = destination(token)
        status = max((status_of(a, speech) for a in anchors), key=RANK.__getitem__)
        out.append(Candidate(token, trigger, si, sent, parts, status, anchors))
    return out


VERBAL_ROOTS = ("01", "02", "03", "10", "11", "12", "13")
VIOLENT_ROOTS = ("17", "18", "19", "20")     # where the means ('a car bomb', 'an air strike') sets the code


def _refine_by_instrument(cands: list[Candidate]) -> None:
    """'A roadside bombing killed …', 'wounded … in a bomb attack': a generic act (CAMEO x0) takes
    the more specific code of the event noun that says how it was done, in the same root."""
    by_token = {c.token.i: c for c in cands}
    for cand in cands:
        if cand.dropped or cand.trigger.pos != "V" or not cand.cameo.endswith("0") \
                or cand.cameo[:2] not in VIOLENT_ROOTS:
            continue
        for t in cand.token.subtree:
            noun = by_token.get(t.i)
            if noun is None or noun is cand or noun.trigger.pos != "N" or noun.dropped:
                continue
            direct = t.head.i == cand.token.i and t.dep_ in ("nsubj", "agent")
            means = t.dep_ == "pobj" and t.head.lower_ in ("in", "with", "by") and \
                t.head.head.i in (cand.token.i, *(c.i for c in cand.token.children if c.dep_ == "agent"))
            if not (direct or means):
                continue
            # 'a car bomb explosion': the bomb, a compound of the means, says more than the explosion
            finer = [by_token[c.i] for c in t.children if c.dep_ == "compound" and c.i in by_token
                     and by_token[c.i].cameo.startswith(noun.cameo[:3]) and len(by_token[c.i].cameo) > len(noun.cameo)]
            if finer:
                noun.cameo = finer[0].cameo
                finer[0].dropped = True
            # a generic attack, killing or wounding (190) done by bombing is the bombing (183x, CAMEO 18)
            same_root = noun.cameo[:2] == cand.cameo[:2] or (cand.cameo == "190" and noun.cameo.startswith("183"))
            if same_root and len(noun.cameo) >= len(cand.cameo) and noun.cameo != cand.cameo:
                cand.cameo = noun.cameo
                cand.parts.add("actors", noun.parts.actors)
                cand.parts.location = cand.parts.location or noun.parts.location
                noun.dropped = True
                break


def _clause_depth(token: Token) -> int:
    """How many clause boundaries lie between a trigger and its sentence's main verb; what a
    speaker reports (ccomp of 'said') counts as main."""
    depth, current = 0, token
    cues = know.cue_words()
    for _ in range(12):
        if current.dep_ == "ROOT" or current.head is current:
            break
        if current.dep_ in ("advcl", "relcl", "acl", "xcomp", "pcomp", "csubj") or (
                current.dep_ == "ccomp" and not cues.get(current.head.lemma_.lower())):
            depth += 1
        current = current.head
    return depth


def _apply_frames(cands: list[Candidate]) -> None:
    """Announced intents, appeals, demands and threats become the coded event (CAMEO's rule);
    the framing verb's own weaker event ('agreed', 'demanded') is folded into it."""
    by_token = {c.token.i: c for c in cands}
    speech = frozenset(know.cue_words())
    scheduled: list[Candidate] = []
    for cand in list(cands):
        frame = find_frame(cand.token)
        if frame is None or cand.dropped:
            continue
        announced = (frame.link == "aux" and frame.word.lower_ in ("will", "shall", "'ll", "would")) or \
            frame.link == "xcomp"
        dated = cand.parts.date is not None or any(t.ent_type_ == "DATE" for t in cand.token.subtree)
        if frame.kind == "intent" and announced and (cand.cameo.startswith("04") or dated) \
                and not is_negated(frame, cand.token):
            # the announced happening itself, as a future event beside the announcement (03x)
            scheduled.append(replace(cand, parts=replace(cand.parts, actors=list(cand.parts.actors),
                                                         recipients=list(cand.parts.recipients),
                                                         third_parties=list(cand.parts.third_parties)),
                                     status=_happening_status(cand.token)))
        kind = "reject" if frame.kind == "intent" and is_negated(frame, cand.token) else frame.kind
        # 'will cut aid unless …': a hostile act held out as a penalty is a threat
        threat = kind == "intent" and frame.link == "aux" and _unless(cand.token) and (
            cand.cameo[:2] in HOSTILE_ROOTS or lookup_code(cand.cameo, "threaten") is not None)
        kind = "threaten" if threat else kind
        code = framed_code(cand.cameo, kind)
        if code is None:
            _imposed_by_order(cand, frame, by_token)
            continue
        own = by_token.get(frame.word.i) or by_token.get(frame.governor.i)
        light = by_token.get(frame.governor.i)
        if light is not None and light is not own and light is not cand and \
                frame.word.lemma_.lower() in light.trigger.pattern[1:]:
            light.dropped = True    # 'reached a consensus to exchange data': the framing noun's light verb
        if own is not None and own is not cand:
            if len(own.trigger.pattern) > 1 and own.cameo[:2] in ("02", "03", "05", "10", "13"):
                if len(own.cameo) == 3 and own.cameo.endswith("0") and code[:2] == own.cameo[:2]:
                    # a generic framing phrase ('called on X to resign'): the inner event says what for
                    own.cameo, own.plover_override, own.mode_override = code, None, None
                cand.dropped = True      # the framing verb's pattern was already specific
                if own.cameo in RALLY_CODES and cand.parts.recipients:
                    # 'urged the EC to support the PLO': rallying support for the PLO, whom it is on behalf of
                    own.parts.recipients = []
                    own.parts.add("recipients", cand.parts.recipients)
                if not own.parts.recipients:
                    # 'threatened to break relations with Kenya': the threat aims where the act would
                    own.parts.add("recipients", cand.parts.recipients)
                continue
            own.dropped = True
            if cand.parts.date is None and own.parts.date is not None:
                # 'threatened today to block …': the coded event is the threat, made today
                cand.parts.date, cand.parts.date_text = own.parts.date, own.parts.date_text
            cand.parts.location = cand.parts.location or own.parts.location
        actors, recipients = frame_sides(frame, cand.parts.actors, cand.parts.recipients, cand.trigger.pos == "N")
        if not recipients and own is not None and own is not cand:
            recipients = own.parts.recipients     # 'rejected an Indian proposal': at whoever proposed it
        cand.parts.actors, cand.parts.recipients = [], []
        cand.parts.add("actors", actors)
        cand.parts.add("recipients", recipients)
        cand.cameo, cand.plover_override, cand.mode_override = code, None, None
        cand.frame_word = frame.word
        anchor = frame.governor if frame.link != "aux" else cand.token
        status = status_of(anchor, speech) if frame.link != "aux" else _aux_frame_status(cand.token)
        cand.status = "factual" if status in ("future",) or (kind == "reject" and status == "negated") or threat \
            else status
    for happening in scheduled:
        cands.insert(cands.index(next(c for c in cands if c.token.i == happening.token.i)), happening)
    _address_frame_verbs(cands)
    _bare_demands(cands)
    _conditional_threats(cands)
    _threatened_party(cands)
    _refine_by_topic(cands)


def _imposed_by_order(cand: Candidate, frame, by_token: dict[int, Candidate]) -> None:
    """'the government ordered the newspaper to suspend publication': an authority's order to a
    coercive or punitive act imposes it (17x, 16x) — the order is the act, done by whoever ordered."""
    if frame.kind != "demand" or frame.word.lemma_.lower() not in ("order", "force", "compel") \
            or cand.cameo[:2] not in HOSTILE_ROOTS:
        return
    own = by_token.get(frame.word.i)
    orderers = own.parts.actors if own is not None else []
    if own is None or own is cand or not any(a.country for a in orderers):
        return
    own.dropped = True
    cand.parts.actors = list(orderers)
    cand.parts.recipients = [a for a in cand.parts.recipients if a.key not in {o.key for o in orderers}] or \
        [a for a in own.parts.recipients if a.country or a.code]
    cand.frame_word = frame.word


def _threatened_party(cands: list[Candidate]) -> None:
    """'threatened to stop negotiations if the United States goes ahead', 'will withdraw unless
    President X holds elections': a threat with no target of its own is aimed at whoever must meet
    its condition."""
    for cand in cands:
        own = {a.country for a in cand.parts.actors if a.country}
        if cand.dropped or not cand.cameo.startswith("13") or any(
                not a.country or a.country not in own for a in cand.parts.recipients):
            continue        # a threat 'in East Jerusalem' by Israel is not aimed at Israel itself
        hosts = [t for t in (cand.token, cand.frame_word, cand.token.head) if t is not None]
        hosts += [c for h in hosts for c in h.children if c.dep_ == "xcomp"]   # 'threatened to ban X if …'
        for host in hosts:
            clause = _condition(host)
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None) \
                if clause is not None else None
            aimed = [a for a in actors_of(subject) if not a.country or a.country not in own] if subject is not None \
                else []
            if aimed:
                cand.parts.recipients = []
                cand.parts.add("recipients", aimed)
                break


def _conditional_threats(cands: list[Candidate]) -> None:
    """'The EU may suspend aid if the junta …': a hostile act held out on a condition is a threat (13x)."""
    for cand in cands:
        token = cand.token
        if cand.dropped or cand.frame_word is not None or token.pos_ != "VERB" or cand.cameo[:2] not in HOSTILE_ROOTS:
            continue
        modal = next((c for c in token.children if c.dep_ == "aux" and c.lower_ in ("may", "might", "could")), None)
        code = lookup_code(cand.cameo, "threaten") if modal is not None and _condition(token) is not None else None
        if code:
            cand.cameo, cand.plover_override, cand.mode_override = code, None, None
            cand.frame_word, cand.status = modal, "factual"


TOPIC_FRAMES = {"02": "appeal", "03": "intent", "10": "demand", "12": "reject"}
# generic codes a topic may replace by any code of their root: x0, and 'settle dispute' / 'reject
# plan, agreement', which a trade or defence pact is not
OPEN_CODES = frozenset({"020", "030", "100", "120", "027", "037", "107", "127"})
PROTEST_CODES = ("141", "142", "143", "144", "145")
# protest codes 14x1-14x4: for leadership change, policy change, rights, change in institutions;
# CAMEO has no 14x0 for reform in general, which its coders read as policy change
PROTEST_AIMS = {"0831": "1", "0832": "2", "0833": "3", "0834": "4", "083": "2"}
# what an accusation is of (1121 crime, 1122 human rights abuses, 1123 aggression, 1124 war crimes)
ACCUSATIONS = {"0833": "1122", "182": "1122", "1822": "1122", "173": "1122", "196": "1123", "19": "1123",
               "20": "1124", "094": "1124", "091": "1121"}
# what is cut, suspended, expelled, handed over or received: aid (1621-1623), relations (161), talks (164),
# foreign missions (1661-1663), aid handed over (07x), observers received (086x)
CUTS = {"160": {"071": "1621", "072": "1622", "073": "1623", "070": "162", "05": "161", "04": "164"},
        "162": {"071": "1621", "072": "1622", "073": "1623"},
        "174": {"074": "1661", "0861": "1661", "0862": "1662", "086": "1662", "0863": "1663"},
        "154": {"074": "074"},
        "084": {"073": "073", "071": "071", "063": "063"},        # handing over medicine, funds, suspects
        "043": {"086": "086", "0862": "0862", "074": "0861"}}     # receiving observers, inspectors, peacekeepers
LAYOUT_ROOTS = ("04", "05", "06", "07", "08", "09", "17", "18", "19", "20")
TOPIC_SKIP_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct", "mark", "cc", "conj",
                             "npadvmod", "advmod", "det", "poss", "appos", "relcl", "parataxis", "agent", "case",
                             "predet", "nummod", "quantmod"})
TOPIC_SKIP_PREPS = frozenset({"in", "at", "during", "after", "before", "since", "despite", "amid", "ahead",
                              "following", "until", "within", "near", "by", "as", "like", "because"})


def _topic_at(token: Token) -> tuple[int, str] | None:
    """The inner CAMEO code of the topic word a token is ('trade', 'political prisoners') and the
    length of the pattern that says so, if any."""
    table = know.topics()
    rows = table.get(token.lemma_.lower()) or table.get(token.lower_)
    if not rows:
        return None
    near: set[str] | None = None
    for pattern, inner in rows:
        if len(pattern) == 1:
            return 1, inner
        near = near if near is not None else neighbourhood(token)
        if all(word in near for word in pattern[1:]):
            return len(pattern), inner
    return None


def _topic_code(roots: list[Token], seen: set[int], inner_of: dict[int, str], code_for,
                skip_preps: frozenset[str] = TOPIC_SKIP_PREPS, advcl: bool = False) -> str | None:
    """The code a framing event takes from what it is about: breadth-first over its complements,
    the shallowest topic word (know/data/topics.tsv) or inner event (inner_of) that gives a code
    (code_for), the longer pattern first among equals."""
    frontier = [t for t in roots if t.i not in seen]
    seen = seen | {t.i for t in frontier}
    fallback = None         # an open code ('agreed on a pact': 037) gives way to a deeper topic ('trade pact')
    for _ in range(6):
        found: list[tuple[int, str]] = []
        for t in frontier:
            hits = [(2, inner_of[t.i])] if t.i in inner_of else []
            topic = _topic_at(t)
            hits += [topic] if topic else []
            for size, inner in hits:
                code = code_for(inner)
                if code:
                    found.append((size, code))
        if found:
            best = max(found, key=lambda f: f[0])[1]
            if best not in OPEN_CODES:
                return best
            fallback = fallback or best
        following: list[Token] = []
        for t in frontier:
            for child in t.children:
                if child.i in seen or child.dep_ in TOPIC_SKIP_DEPS or (child.dep_ == "advcl" and not advcl) \
                        or (child.dep_ == "prep" and child.lower_ in skip_preps):
                    continue
                seen.add(child.i)
                following.append(child)
        frontier = following
        if not frontier:
            break
    return fallback


def _complement(cand: Candidate, skip_preps: frozenset[str] = TOPIC_SKIP_PREPS) -> list[Token]:
    """Where the topic of a framing event is said: below the inner event of a frame, or below the
    framing word itself (its objects and clauses, not its subject)."""
    if cand.frame_word is not None:
        return [cand.token]
    return [c for c in cand.token.children if c.dep_ not in TOPIC_SKIP_DEPS
            and not (c.dep_ == "prep" and c.lower_ in skip_preps)]


def _by_prefix(table: dict[str, str], inner: str) -> str | None:
    return next((table[inner[:n]] for n in range(len(inner), 1, -1) if inner[:n] in table), None)


def _framed_by_topic(code: str, inner: str) -> str | None:
    """A generic appeal, intent, demand or refusal made specific by its topic (frame_codes.tsv)."""
    root = code[:2]
    new = lookup_code(inner, TOPIC_FRAMES[root])
    if not new or new[:2] != root:
        return None
    if code in OPEN_CODES:
        return new if new != code else None
    return new if len(new) > len(code) and new.startswith(code) else None


def _topic_rule(cand: Candidate):
    """How a candidate's code changes with its topic: a function inner code → new code, or None."""
    code = cand.cameo
    if code[:2] in TOPIC_FRAMES and (code in OPEN_CODES or (len(code) == 3 and codebook.cameo(code + "1"))):
        return lambda inner: _framed_by_topic(code, inner)
    if code in PROTEST_CODES:
        return lambda inner: code + PROTEST_AIMS[inner] if inner in PROTEST_AIMS else None
    if code == "112":
        return lambda inner: inner if inner.startswith("112") and len(inner) == 4 else _by_prefix(ACCUSATIONS, inner)
    if code in CUTS:
        return lambda inner: _by_prefix(CUTS[code], inner)
    return None


def _refine_by_topic(cands: list[Candidate]) -> None:
    """'demanded economic reforms' (1042), 'called for more trade' (0211), 'rejected calls for military
    aid' (1222), 'rallied to demand the president's resignation' (1411), 'accused X of torture' (1122),
    'halted food aid' (1623): a generic code takes the specific one of what the event is about."""
    inner_of = {c.token.i: c.cameo for c in cands if not c.dropped and c.cameo[:2] in LAYOUT_ROOTS}
    inner_of.update({c.token.i: "083" + c.cameo[3] for c in cands
                     if not c.dropped and len(c.cameo) == 4 and c.cameo[:3] in ("024", "104", "034", "123")})
    for cand in cands:
        if not cand.dropped and cand.cameo == "042" and cand.trigger.pos == "V":
            _peacekeepers_arrive(cand)
            continue
        rule = None if cand.dropped else _topic_rule(cand)
        if rule is None:
            continue
        others = {i: c for i, c in inner_of.items() if i != cand.token.i}
        if cand.cameo in PROTEST_CODES:
            preps = TOPIC_SKIP_PREPS - {"in"}            # 'in protest of …'
            roots = _complement(cand, preps)
            verb = cand.anchors[-1] if cand.trigger.pos == "N" and len(cand.anchors) > 1 else None
            if verb is not None:
                roots += [c for c in verb.children if c.i != cand.token.i and c.dep_ not in TOPIC_SKIP_DEPS]
            code = _topic_code(roots, {cand.token.i}, others, rule, preps, advcl=True)
        else:
            seen = {cand.token.i} if cand.frame_word is None else set()
            code = _topic_code(_complement(cand), seen, others, rule)
        if code:
            cand.cameo, cand.plover_override, cand.mode_override = code, None, None


def _peacekeepers_arrive(cand: Candidate) -> None:
    """'peacekeeping troops arrived in X': X receives a deployment of peacekeepers (0861)."""
    subject = next((c for c in cand.token.children if c.dep_ == "nsubj"), None)
    heads = [subject] + [o for p in subject.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj"] if subject is not None else []
    if any((_topic_at(h) or (0, ""))[1] == "074" for h in heads):
        cand.cameo, cand.plover_override, cand.mode_override = "0861", None, None
        # CAMEO's 0861 is done by the state that receives the peacekeepers, to the state that sends them
        place = cand.parts.location
        hosts = cand.parts.recipients or ([Actor.of_place(place)] if place is not None and place.country else [])
        if hosts:
            cand.parts.actors, cand.parts.recipients = list(hosts), list(cand.parts.actors)


# CAMEO 053 'rally support on behalf of' and 113 'rally opposition against': their target is whom the
# rallying is for or against, not the audience urged
RALLY_CODES = frozenset({"053", "113"})
HOSTILE_ROOTS = ("16", "17", "18", "19", "20")     # acts whose announcement on a condition is a threat (13x)


CONDITIONS = ("if", "unless")


def _condition(verb: Token, marks: tuple[str, ...] = CONDITIONS) -> Token | None:
    """The 'if …' / 'unless …' clause hanging on a verb, if any."""
    return next((c for c in verb.children if c.dep_ == "advcl"
                 and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)), None)


def _unless(verb: Token) -> bool:
    return _condition(verb, ("unless",)) is not None


def _bare_demands(cands: list[Candidate]) -> None:
    """'Russia said Sudan must return the helicopter': a demand (10) even when the demanded act
    is not in the lexicon; the speaker demands it of the clause's subject."""
    taken = {c.token.i for c in cands} | {c.anchors[-1].i for c in cands}
    if not cands:
        return
    doc = cands[0].token.doc
    for token in doc:
        if token.pos_ != "VERB" or token.i in taken:
            continue
        frame = find_frame(token)
        if frame is None or frame.link != "aux" or frame.kind not in ("demand", "appeal"):
            continue
        code = "100" if frame.kind == "demand" else "020"
        trigger = Trigger((token.lemma_.lower(),), "V", code, None, None, "frame")
        cand = Candidate(token, trigger, _sentence_number(doc, token), token.sent, Participants(), "factual", [token])
        actors, recipients = frame_sides(frame, [], [], False)
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        cand.parts.add("actors", actors)
        cand.parts.add("recipients", actors_of(subject) if subject is not None else recipients)
        cand.frame_word = frame.word
        cands.append(cand)
    cands.sort(key=lambda c: c.token.i)


def _sentence_number(doc: Doc, token: Token) -> int:
    return next(i for i, s in enumerate(doc.sents) if s.start <= token.i < s.end)


def _address_frame_verbs(cands: list[Candidate]) -> None:
    """A demand or appeal verb with no inner event still has a target: the subject of the clause
    it governs ('demanded that the government provide …', 'urged Kyiv to …')."""
    for cand in cands:
        if cand.dropped or cand.parts.recipients or cand.cameo[:2] not in ("02", "10", "13", "12"):
            continue
        for child in cand.token.children:
            if child.dep_ in ("ccomp", "xcomp"):
                subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None:
                    cand.parts.add("recipients", actors_of(subject))


def _happening_status(verb: Token) -> str:
    """An announced happening is future, unless a condition or a weak modal hangs on it
    ('If both sides agree, they will meet'); 'would' in reported speech is the future of the past."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children):
            return "hypothetical"
        if child.dep_ == "aux" and child.lower_ in ("could", "might", "may"):
            return "hypothetical"
    return "future"


def _aux_frame_status(verb: Token) -> str:
    """A 'will'/'must' frame is an act now; negation, or a condition on it ('if both sides agree'),
    changes that."""
    if any(c.dep_ == "neg" for c in verb.children):
        return "negated"
    return "hypothetical" if _own_markers(verb) == "hypothetical" else "factual"


def _is_specific(token: Token, parts: Participants) -> bool:
    """A definite or anchored event noun ('the talks', 'the February 18 discussions', 'talks in Riyadh')."""
    if parts.date is not None or parts.location is not None:
        return True
    for child in token.children:
        if child.dep_ == "det" and child.lower_ in SPECIFIC_DETS:
            return True
        if child.dep_ in ("poss", "amod", "compound") and child.lower_ in SPECIFIC_MODS:
            return True
    return False


def _kind(cand: Candidate) -> str:
    """Which earlier events a reference may point to: same PLOVER type; mediation apart."""
    return "045" if cand.cameo == "045" else (cand.plover or cand.cameo[:2])


def _antecedent(cand: Candidate, explicit: list[Candidate]) -> Candidate | None:
    """The event a participant-less noun refers to: the latest one of its kind on its own date,
    or, for an undated noun, the latest one of its kind a few sentences back."""
    same_kind = [c for c in explicit if _kind(c) == _kind(cand)]
    if cand.parts.date is not None:
        dated = [c for c in same_kind if c.parts.date is not None and c.parts.date.date == cand.parts.date.date]
        if dated:
            return dated[-1]
    recent = [c for c in same_kind if cand.sentence - c.sentence <= REFERENCE_WINDOW]
    return recent[-1] if recent else None


def _resolve_references(cands: list[Candidate]) -> None:
    """Participant-less event nouns take 'between X and Y' or the event of their kind they refer to."""
    explicit: list[Candidate] = []
    for cand in cands:
        if cand.trigger.pos == "N" and not cand.sides:
            between = between_phrase(cand.span)
            if between:
                cand.parts.add("actors", between)
            elif _is_specific(cand.token, cand.parts):
                antecedent = _antecedent(cand, explicit)
                if antecedent is not None:
                    _inherit(cand, antecedent)
        if cand.coded and cand.inherited_from is None:
            explicit.append(cand)


def _inherit(cand: Candidate, antecedent: Candidate) -> None:
    cand.inherited_from = antecedent
    cand.parts.add("actors", antecedent.parts.actors)
    cand.parts.add("recipients", antecedent.parts.recipients)
    demonstrative = any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in cand.token.children)
    if cand.parts.date is None and demonstrative:
        cand.parts.date, cand.parts.date_text = antecedent.parts.date, antecedent.parts.date_text
    same_day = cand.parts.date is not None and antecedent.parts.date is not None and \
        cand.parts.date.date == antecedent.parts.date.date
    if cand.parts.location is None and (same_day or demonstrative):
        cand.parts.location = antecedent.parts.location


def _link_mediators(cands: list[Candidate]) -> None:
    """A mediator (CAMEO 045) in a sentence is a third party of that sentence's talks."""
    for med in cands:
        if med.cameo != "045" or not med.parts.actors:
            continue
        for talks in cands:
            if talks is med or talks.sentence != med.sentence or talks.plover != "CONSULT" \
                    or talks.cameo == "045":
                continue
            if not med.parts.recipients:
                med.parts.add("recipients", talks.sides)
            targets = [talks] + ([talks.inherited_from] if talks.inherited_from is not None else [])
            for target in targets:
                target.parts.add("third_parties", med.parts.actors)


def _drop_subordinate(cands: list[Candidate]) -> None:
    """Statements whose content is an event, and light verbs whose noun is the event, are merged away."""
    by_token = {c.token.i: c for c in cands}
    for cand in cands:
        struck = _attacked_in(cand, by_token)
        if struck is not None:
            # 'an attack on a police patrol', 'ambushed a convoy': what was attacked is no event of its own
            struck.parts.add("recipients", [a for a in cand.parts.actors + cand.parts.recipients
                                            if all(a.key != s.key for s in struck.parts.actors)])
            cand.dropped = True
            continue
        aim = by_token.get(cand.token.head.i) if cand.cameo[:2] in ("02", "10") and cand.token.tag_ == "VBG" \
            and cand.token.dep_ in ("advcl", "xcomp", "conj") else None
        if aim is not None and aim is not cand and aim.plover == "PROTEST" and not aim.dropped:
            # 'demonstrated in Kirkuk calling for independence': the call is what the protest is for
            aim.parts.add("recipients", cand.parts.recipients)
            cand.dropped = True
            continue
        toll = cand.token.tag_ == "VBG" and cand.token.dep_ in ("advcl", "conj")
        head = by_token.get(cand.token.head.i) if toll else None
        if head is not None and head.dropped and cand.token.dep_ == "conj":
            head = by_token.get(head.token.head.i)
        if head is not None and head is not cand and head.plover == cand.plover:
            # "shelled the town, killing four civilians": the killing is the shelling's toll; victims
            # of no stated nationality add nothing to a target already named
            named = any(a.country for a in head.parts.recipients)
            head.parts.add("recipients", [a for a in cand.parts.recipients if a.country or not named])
            cand.dropped = True
            continue
        if cand.cameo.startswith("01"):
            inner = [by_token[t.i] for t in cand.token.subtree if t.i != cand.token.i and t.i in by_token]
            # declining comment on, claiming or denying responsibility for an event (a noun, not a
            # reported clause: 'denied that …' is the negated event) is the coded act
            reported = {t.i for c in cand.token.children if c.dep_ == "ccomp" or c.pos_ == "VERB"
                        or (c.dep_ == "prep" and any(g.pos_ == "VERB" for g in c.children)) for t in c.subtree}
            content = [c for c in inner if c.token.i in reported] if cand.cameo in UNASSERTING else inner
            if any(not c.cameo.startswith("01") for c in content):
                cand.dropped = True
            for c in inner:     # 'declined to comment': the bare 010 inside a specific statement
                if c.cameo == "010" and cand.cameo != "010":
                    c.dropped = True
        if cand.trigger.pos == "N" and len(cand.anchors) > 1:
            verb = by_token.get(cand.anchors[1].i)
            if verb is not None and not verb.dropped and verb.token.lemma_.lower() in THIRD_PARTY_VERBS \
                    and cand.plover == "CONSULT":
                # 'Qatar hosted talks between Russia and Ukraine': the talks are the event, the host a third party
                cand.parts.add("third_parties", verb.parts.actors)
                cand.parts.location = cand.parts.location or verb.parts.location
                verb.dropped = True
                continue
            if verb is not None and not verb.dropped:
                keep, drop = (verb, cand) if len(verb.trigger.pattern) > 1 or verb.sides else (cand, verb)
                framing = keep is verb and verb.cameo[:2] in ("02", "03", "10", "12", "13")
                for role in ("actors", "recipients", "third_parties"):
                    # 'demanded the withdrawal of Serbian forces': the forces are the target
                    target = "recipients" if framing and role == "actors" else role
                    keep.parts.add(target, getattr(drop.parts, role))
                keep.parts.location = keep.parts.location or drop.parts.location
                if keep.parts.date is None:
                    keep.parts.date, keep.parts.date_text = drop.parts.date, drop.parts.date_text
                drop.dropped = True


def _attacked_in(cand: Candidate, by_token: dict[int, Candidate]) -> Candidate | None:
    """The attack whose object an event noun is ('an attack on a police patrol'), if any."""
    token = cand.token
    if cand.trigger.pos != "N" or cand.plover in ("ASSAULT", "COERCE"):
        return None
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("on", "against", "upon"):
        head = head.head
    elif token.dep_ != "dobj":
        return None
    attack = by_token.get(head.i)
    return attack if attack is not None and attack is not cand and attack.plover == "ASSAULT" else None


UNASSERTING = ("011", "015", "016")
PLACE_TARGETED = {"ASSAULT", "COERCE", "PROTEST", "SANCTION", "MOBILIZE", "THREATEN", "REQUEST", "ACCUSE",
                  "REJECT", "CONCEDE", "RETREAT", "AID", "AGREE"}
# codes of acts a state does to its own people unless told otherwise: easing or imposing curfews,
# emergency rule and bans, political reform, repression (CAMEO 034x, 08x, 132x, 137, 17x)
DOMESTIC_ROOTS = ("034", "0351", "0352", "081", "082", "083", "132", "137", "17", "1241", "1242", "123")


def _implied_recipients(cand: Candidate) -> None:
    """Coders' convention for one-sided acts: the target of a curfew, a protest or an attack with no
    named target is the state where it happens ('Serbia lifted a curfew in Montenegro' → MNE), and a
    domestic group's demands or protests address its own state."""
    if cand.parts.recipients or cand.plover not in PLACE_TARGETED:
        return
    loc = cand.parts.location
    actor_countries = {a.country for a in cand.parts.actors if a.country}
    meeting_intent = cand.cameo in ("036", "037", "038", "039")
    if loc is not None and loc.country and not meeting_intent and not (cand.plover == "AGREE" and loc.country in actor_countries):
        cand.parts.recipients.append(Actor.of_place(loc))
        return
    state = [a for a in cand.parts.actors if a.country and a.sector in (None, "GOV", "MIL", "COP", "LEG", "JUD")]
    if state and cand.cameo.startswith(DOMESTIC_ROOTS):
        cand.parts.recipients.append(Actor.make(state[0].country, None, state[0].country, None))
        return
    domestic = [a for a in cand.parts.actors if a.country and a.sector not in (None, "GOV", "MIL", "COP", "IGO")]
    if domestic and cand.plover in ("PROTEST", "REQUEST", "ACCUSE", "REJECT", "CONCEDE", "COERCE", "ASSAULT"):
        cand.parts.recipients.append(Actor.make(domestic[0].country, None, domestic[0].country, None))


def _drop_redundant(cands: list[Candidate]) -> None:
    """'… held talks in Doha, hosted by Qatar': the hosting is the talks' third party, not an event
    of its own; 'Russian and Ukrainian negotiators held talks': the negotiators take part in the talks."""
    for cand in cands:
        if cand.dropped:
            continue
        lemma = cand.token.lemma_.lower()
        if lemma in THIRD_PARTY_VERBS and cand.token.dep_ in ("acl", "advcl", "relcl"):
            hosts = {a.key for a in cand.parts.actors}
            if any(o is not cand and not o.dropped and o.sentence == cand.sentence
                   and hosts & {a.key for a in o.parts.third_parties} for o in cands):
                cand.dropped = True
        role = role_of(cand.token) if cand.trigger.pos == "N" else None
        if role is not None and role.person is False and cand.token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") \
                and cand.token.lower_ != role.phrase.split()[-1]:
            continue
        if role is not None and cand.token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") \
                and any(cand.token.head.i in (o.token.i, *(a.i for a in o.anchors)) for o in cands if o is not cand):
            cand.dropped = True


def _mode_and_code(cand: Candidate) -> tuple[str, str | None]:
    """CONSULT refinements of PLOVER: a meeting at a third location, a visit, a multilateral meeting."""
    code = cand.cameo
    entry = cand.code
    mode = cand.mode_override or (entry.plover_mode if entry else None)
    if cand.plover != "CONSULT" or code == "045":
        return code, mode
    countries = {a.country for a in cand.sides if a.country}
    loc = cand.parts.location
    if code.startswith("042") or code.startswith("043"):
        return code, "visit"
    if code == "041":
        return code, "phone"
    if len(countries) >= 3:
        mode = "multilateral"
    elif loc is not None and loc.country and countries and loc.country not in countries:
        mode = "third-party"
        if code == "040":
            code = "044"
    return code, mode


def _in_purpose_clause(cand: Candidate) -> bool:
    """'staged demonstrations to demand reforms': the demand is what the protest was for."""
    token = cand.token.head if cand.trigger.pos == "N" and cand.token.dep_ == "dobj" else cand.token
    return token.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
        and cand.frame_word is None


def _confidence(cand: Candidate) -> float:
    score = 0.55 - 0.05 * min(_clause_depth(cand.token), 3)
    if cand.status != "factual":
        score -= 0.1
    if cand.token.dep_ == "ROOT" and cand.trigger.pos == "V" and not cand.cameo.startswith("01"):
        score += 0.1
    if _in_purpose_clause(cand):
        score -= 0.3
    anchor = cand.frame_word if cand.frame_word is not None and cand.frame_word.pos_ == "VERB" else cand.token
    if anchor.dep_ == "advcl" and anchor.tag_ == "VBG" and not any(c.dep_.startswith("nsubj") for c in anchor.children):
        score -= 0.15           # '…, urging the counterpart to sign X': an aside to the main clause's act
    if cand.trigger.pos == "V":
        score += 0.1
    if cand.parts.actors and cand.parts.recipients:
        score += 0.1
    if len(cand.trigger.pattern) > 1:
        score += 0.1
    if "weak" in cand.trigger.note:
        score -= 0.2
    if cand.frame_word is not None:
        score += 0.15
    if cand.inherited_from is not None:
        score -= 0.2
    if not any(a.country or (a.code and a.code != a.sector) for a in cand.sides):
        score -= 0.15           # only a sector ('police', 'officials'): who exactly is unknown
    return round(min(max(score, 0.05), 0.95), 2)


def _unidentified_attacker(doc: Doc, cand: Candidate) -> None:
    """Violence with no named perpetrator ('a roadside bomb killed two soldiers near Samarra') is
    coded, as ICEWS and CAMEO coders do, to unidentified armed men (UAF) of the country where it
    happened — a place named in the text or the dateline, never a country guessed from the victims."""
    if cand.plover != "ASSAULT" or cand.status != "factual" or any(
            a.country or a.code and a.sector != "UAF" for a in cand.parts.actors):
        return
    place = cand.parts.location
    if place is None and doc._.dateline is not None:
        place = doc._.dateline.place
    if place is None or not place.country:
        return
    if cand.parts.actors:       # 'gunmen shot dead a policeman in Karachi': gunmen of Pakistan
        cand.parts.actors[:] = [Actor.make(a.text, a.name, place.country, a.sector) for a in cand.parts.actors]
        return
    verb = cand.token
    means = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if means is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        means = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    words = " ".join(t.text for t in means.subtree if t.pos_ != "DET") if means is not None else "unidentified"
    cand.parts.actors.append(Actor.make(words, None, place.country, "UAF"))


def _apply_dateline(doc: Doc, cand: Candidate) -> None:
    """Events that name no place happen where the article was filed; factual ones that name no
    date, on the dateline's date."""
    if cand.parts.location is None and cand.plover in ("ASSAULT", "COERCE", "SANCTION", "THREATEN"):
        # nothing finer said: the country attacked, at country level ('an attack on Ukraine's grid')
        targets = {a.country for a in cand.parts.recipients if a.country}
        if len(targets) == 1:
            cand.parts.location = get_gazetteer().country(targets.pop())
    dateline = doc._.dateline
    if dateline is None or cand.status != "factual":
        return          # where a planned or hypothetical event would happen, the dateline does not say
    if cand.parts.location is None and dateline.place is not None:
        cand.parts.location = dateline.place
    if cand.parts.date is None and dateline.date is not None and cand.status == "factual":
        cand.parts.date, cand.parts.date_text = dateline.date, dateline.date.text


def _foreign_ground(cand: Candidate) -> None:
    """'Hamas threatened to resume attacks in Israel', 'troops raided villages in Lebanon': a hostile
    act aimed at no one named is aimed at the foreign state where it happens."""
    own = {a.country for a in cand.parts.actors if a.country}
    if cand.plover not in ("THREATEN", "ASSAULT", "COERCE") or cand.parts.recipients or not own:
        return
    place = cand.parts.location
    if place is None and cand.plover == "THREATEN":
        # where the threatened act would happen: 'threatened to resume attacks in Israel'
        places = cand.token.doc._.places or {}
        acts = [c for c in cand.token.children if c.dep_ == "xcomp"]
        hit = next((t for act in acts for t in _venue_tokens(act) if t.i in places), None)
        place = places[hit.i] if hit is not None else None
    if place is not None and place.country and place.country not in own:
        cand.parts.recipients.append(Actor.of_place(place))


def _event(doc: Doc, cand: Candidate, number: int) -> Event:
    _unidentified_attacker(doc, cand)
    _foreign_ground(cand)
    _apply_dateline(doc, cand)
    code, mode = _mode_and_code(cand)
    if mode == "resign" or "resign" in cand.trigger.pattern[1:]:
        cand.parts.recipients = []      # a resignation (or the promise of one) is done to no one
    entry = codebook.cameo(code)
    status = cand.status
    published = doc._.published
    date = cand.parts.date
    day = date.date if date is not None and date.precision == "day" else None
    if status == "factual" and day and published and day > published:
        status = "future"
    # the sentence as a slice of the text (Span.text walks every token: slow for a huge sentence),
    # its offsets moved past leading whitespace so that text[start:end] is the evidence exactly
    raw = doc_text(doc)[cand.span.start_char:cand.span.end_char]
    evidence = raw.strip()
    start = cand.span.start_char + len(raw) - len(raw.lstrip())
    return Event(
        id=f"e{number}", sentence=cand.sentence, evidence=evidence, start=start, end=start + len(evidence),
        trigger=" ".join(t.text for t in _trigger_words(cand)),
        actors=list(cand.parts.actors), recipients=list(cand.parts.recipients),
        third_parties=list(cand.parts.third_parties),
        plover=cand.plover, mode=mode, contexts=list(entry.plover_contexts) if entry else [],
        cameo=code, quad_class=entry.quad_class if entry else None,
        goldstein=entry.goldstein if entry else None,
        date=day, date_text=cand.parts.date_text if date is not None else None,
        location=cand.parts.location, status=status,
        speaker=speaker_at(doc, cand.token.idx), confidence=_confidence(cand),
    )


def _trigger_words(cand: Candidate) -> list[Token]:
    """The trigger token plus the other words of its pattern ('cut off aid')."""
    words = [cand.token] + ([cand.frame_word] if cand.frame_word is not None else [])
    wanted = set(cand.trigger.pattern[1:])
    if wanted:
        for t in cand.token.subtree:
            if t.lemma_.lower() in wanted and t.i != cand.token.i and abs(t.i - cand.token.i) <= 4:
                words.append(t)
                wanted.discard(t.lemma_.lower())
    return sorted(words, key=lambda t: t.i)


@Language.component("dragoman_events")
def annotate_events(doc: Doc) -> Doc:
    """Writes ``doc._.events``: the coded events of the document, in text order."""
    freeze_actors(doc)
    try:
        return _annotate_events(doc)
    finally:
        freeze_actors(doc, False)


def _annotate_events(doc: Doc) -> Doc:
    cands = _candidates(doc)
    _apply_frames(cands)
    _refine_by_instrument(cands)
    _resolve_references(cands)
    _link_mediators(cands)
    _drop_subordinate(cands)
    _drop_redundant(cands)
    kept = [c for c in cands if not c.dropped and c.coded]
    for cand in kept:
        _implied_recipients(cand)
    doc._.events = [_event(doc, c, n) for n, c in enumerate(kept, 1)]
    return doc
