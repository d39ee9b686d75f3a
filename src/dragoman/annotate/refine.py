"""How a candidate's code is refined by what surrounds it: the instrument ('a car bomb'), the frame it sits in (intent, appeal, demand, threat, refusal), what it is about (topics), conditions and orders."""

from __future__ import annotations

from dataclasses import replace

import numpy
from spacy.attrs import DEP, HEAD, LOWER
from spacy.tokens import Doc, Token

from dragoman import knowledge
from dragoman.annotate.actors import actors_of
from dragoman.annotate.candidates import Candidate
from dragoman.annotate.doctext import kids
from dragoman.annotate.frames import (
    demanding_auxiliaries,
    find_frame,
    frame_sides,
    framed_code,
    is_negated,
    lookup_code,
)
from dragoman.annotate.modality import condition_clause, own_status, status_of
from dragoman.annotate.participants import (
    Participants,
)
from dragoman.annotate.titles import role_of
from dragoman.annotate.triggers import neighbourhood
from dragoman.knowledge import codebook
from dragoman.knowledge.codebook import Trigger
from dragoman.model import Actor

VIOLENT_ROOTS = ("17", "18", "19", "20")     # where the means ('a car bomb', 'an air strike') sets the code


# people taken by force, whatever their role ('captured twelve suspects'): an arrest, not a conquest
TAKEN_PEOPLE = {"people", "person", "man", "men", "woman", "women", "suspect", "crew", "national", "member",
                "sailor", "tourist", "worker", "child", "children", "passenger", "prisoner", "captive", "fighter"}
SEIZED_PLACE_CODES = ("192",)       # occupy territory


def refine_by_object(cands: list[Candidate]) -> None:
    """'Commandos captured twelve pirates': seizing people is detaining them (173), not occupying
    territory (192) — what the verb took decides."""
    for cand in cands:
        if cand.dropped or cand.trigger.pos != "V" or cand.cameo not in SEIZED_PLACE_CODES:
            continue
        taken = next((c for c in kids(cand.token) if c.dep_ in ("dobj", "nsubjpass")), None)
        if taken is not None and (taken.ent_type_ in ("PERSON", "NORP") or role_of(taken) is not None
                                  or taken.lemma_.lower() in TAKEN_PEOPLE):
            cand.cameo = "173"


SAID_OF_NO_ONE = {"it", "this", "that", "there", "i", "we", "you", "everything", "nothing", "something", "what"}


def refine_disparaging(cands: list[Candidate]) -> None:
    """'She says Trump is "temperamentally unfit to be commander-in-chief"', 'Trump declared NATO may
    be obsolete', 'activists say officers have been too aggressive': a statement that someone is
    unfit, corrupt or too anything (disparaging.tsv) criticizes them (111), with them as its target.
    So does dismissing someone as something."""
    for cand in cands:
        if cand.dropped or cand.cameo != "010" or cand.trigger.pos != "V":
            continue
        found = _disparaged(cand.token)
        if found is None:
            continue
        said_of, word = found
        own = {a.key for a in cand.parts.actors}
        targets = [a for a in actors_of(said_of) or _whose(said_of) if a.key not in own]
        if targets:     # ('said the clans were responsible': blamed for something, an accusation)
            cand.cameo = "112" if word.lemma_.lower() in BLAMING_WORDS else "111"
            cand.plover_override, cand.mode_override = None, None
            cand.parts.add("recipients", targets)
    for cand in cands:
        if not cand.dropped and cand.cameo == "120" and _dismissed_as(cand.token):
            cand.cameo, cand.plover_override, cand.mode_override = "111", None, None


def _dismissed_as(verb: Token) -> bool:
    """'dismissed Estonia as being in the suburbs of St. Petersburg': dismissing a person or a state
    as something belittles them (111); dismissing a proposal or a claim as unrealistic rejects it."""
    if verb.lemma_.lower() != "dismiss" or not any(c.dep_ == "prep" and c.lower_ == "as" for c in kids(verb)):
        return False
    taken = next((c for c in kids(verb) if c.dep_ == "dobj"), None)
    return taken is not None and (taken.ent_type_ in ("PERSON", "GPE", "NORP", "ORG") or role_of(taken) is not None)


BLAMING_WORDS = {"responsible", "guilty", "culpable", "liable"}


def _disparaged(statement: Token) -> tuple[Token, Token] | None:
    """The subject of a reported clause (or of one it reports in turn) that says it is one of the
    disparaging words: 'says [it underscores that [Trump is unfit]]'."""
    clause = next((c for c in kids(statement) if c.dep_ == "ccomp"), None)
    for _ in range(2):
        if clause is None:
            return None
        subject = next((c for c in kids(clause) if c.dep_ in ("nsubj", "nsubjpass")), None)
        predicate = next((c for c in kids(clause) if c.dep_ in ("acomp", "attr")), None)
        if subject is not None and subject.lower_ not in SAID_OF_NO_ONE and not any(c.dep_ == "neg" for c in kids(clause)):
            if clause.lemma_.lower() == "be" and predicate is not None:
                word = _disparaging(predicate)
                if word is not None:
                    return subject, word
            misdeed = _misdeed(clause)
            if misdeed is not None:
                return subject, misdeed
        clause = next((c for c in kids(clause) if c.dep_ == "ccomp"), None)
    return None


def _disparaging(predicate: Token) -> Token | None:
    """The word that makes what is said of someone disparaging: the predicate itself ('unfit'), 'too'
    anything ('too aggressive'), or the adjective of a predicate noun ('a criminal attempt')."""
    words = knowledge.disparaging_words()
    if predicate.lemma_.lower() in words or any(c.dep_ == "advmod" and c.lower_ in ("too", "overly")
                                                  for c in kids(predicate)):
        return predicate
    return next((c for c in kids(predicate) if c.dep_ == "amod" and c.lower_ in words), None)


def _whose(thing: Token) -> list[Actor]:
    """Whose temperament or record is said to be what it is: its possessor ('his temperament')."""
    owner = next((c for c in kids(thing) if c.dep_ == "poss"), None)
    return actors_of(owner) if owner is not None else []


def _misdeed(verb: Token) -> Token | None:
    """The word of a reported clause that says its subject did wrong: 'lied', 'misled voters' (an
    act), 'made a mistake', 'had shown bad judgment' (a deed, or what marks one)."""
    acts = knowledge.disparaging_acts()
    if verb.lemma_.lower() in acts["act"]:
        return verb
    for obj in kids(verb):
        if obj.dep_ == "dobj":
            if obj.lemma_.lower() in acts["deed"]:
                return obj
            marked = next((c for c in kids(obj) if c.dep_ == "amod" and c.lower_ in acts["deed"]), None)
            if marked is not None:
                return marked
    return None


WARNING_PRONOUNS = {"it", "they", "we", "i", "he", "she"}


def refine_warnings(cands: list[Candidate]) -> None:
    """'The IMF warned that the vote could depress growth', 'rights groups warned that the
    administration was giving up leverage': a warning about what others do or what may happen is a
    pessimistic comment (012), not a threat; a threat is the warner's own act held out ('warned
    that it would retaliate', 'warned Russia')."""
    for cand in cands:
        if cand.dropped or cand.cameo != "130" or cand.token.lemma_.lower() != "warn" or cand.frame_word is not None:
            continue
        content = next((c for c in kids(cand.token) if c.dep_ == "ccomp"), None)
        if content is None or any(c.dep_ == "dobj" for c in kids(cand.token)):
            continue
        subject = next((c for c in kids(content) if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subject is None or subject.lower_ in WARNING_PRONOUNS:
            continue
        own = {a.key for a in cand.parts.actors} | {a.country for a in cand.parts.actors if a.country}
        theirs = actors_of(subject)
        if not any(a.key in own or a.country in own for a in theirs):
            cand.cameo, cand.plover_override, cand.mode_override = "012", None, None


def refine_by_instrument(cands: list[Candidate]) -> None:
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
                t.head.head.i in (cand.token.i, *(c.i for c in kids(cand.token) if c.dep_ == "agent"))
            if not (direct or means):
                continue
            # 'a car bomb explosion': the bomb, a compound of the means, says more than the explosion
            finer = [by_token[c.i] for c in kids(t) if c.dep_ == "compound" and c.i in by_token
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


def clause_depth(token: Token) -> int:
    """How many clause boundaries lie between a trigger and its sentence's main verb; what a
    speaker reports (ccomp of 'said') counts as main."""
    depth, current = 0, token
    cues = knowledge.cue_words()
    for _ in range(12):
        if current.dep_ == "ROOT" or current.head is current:
            break
        if current.dep_ in ("advcl", "relcl", "acl", "xcomp", "pcomp", "csubj") or (
                current.dep_ == "ccomp" and not cues.get(current.head.lemma_.lower())):
            depth += 1
        current = current.head
    return depth


GENERIC_FRAME_CODES = {"demand": "100", "appeal": "020"}


def apply_frames(cands: list[Candidate]) -> None:
    """Announced intents, appeals, demands and threats become the coded event (CAMEO's rule);
    the framing verb's own weaker event ('agreed', 'demanded') is folded into it."""
    by_token = {c.token.i: c for c in cands}
    speech = frozenset(knowledge.cue_words())
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
        if code is None and kind in GENERIC_FRAME_CODES and frame.link in ("ccomp", "xcomp") \
                and frame.word.lemma_.lower() not in ("order", "force", "compel"):
            # 'insisted that North Korea stop its missile tests': a demand whatever is demanded
            code = GENERIC_FRAME_CODES[kind]
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
                cand.parts.date_basis = own.parts.date_basis
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
        hosts += [c for h in hosts for c in kids(h) if c.dep_ == "xcomp"]   # 'threatened to ban X if …'
        for host in hosts:
            clause = condition_clause(host)
            subject = next((c for c in kids(clause) if c.dep_ in ("nsubj", "nsubjpass")), None) \
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
        modal = next((c for c in kids(token) if c.dep_ == "aux" and c.lower_ in ("may", "might", "could")), None)
        code = lookup_code(cand.cameo, "threaten") if modal is not None and condition_clause(token) is not None else None
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
    table = knowledge.topics()
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
    the shallowest topic word (knowledge/data/topics.tsv) or inner event (inner_of) that gives a code
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
            for child in kids(t):
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
    return [c for c in kids(cand.token) if c.dep_ not in TOPIC_SKIP_DEPS
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
                roots += [c for c in kids(verb) if c.i != cand.token.i and c.dep_ not in TOPIC_SKIP_DEPS]
            code = _topic_code(roots, {cand.token.i}, others, rule, preps, advcl=True)
        else:
            seen = {cand.token.i} if cand.frame_word is None else set()
            code = _topic_code(_complement(cand), seen, others, rule)
        if code:
            cand.cameo, cand.plover_override, cand.mode_override = code, None, None


def _peacekeepers_arrive(cand: Candidate) -> None:
    """'peacekeeping troops arrived in X': X receives a deployment of peacekeepers (0861)."""
    subject = next((c for c in kids(cand.token) if c.dep_ == "nsubj"), None)
    heads = [subject] + [o for p in kids(subject) if p.dep_ == "prep" and p.lower_ == "of"
                         for o in kids(p) if o.dep_ == "pobj"] if subject is not None else []
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


def _unless(verb: Token) -> bool:
    return condition_clause(verb, ("unless",)) is not None


def _bare_demands(cands: list[Candidate]) -> None:
    """'Russia said Sudan must return the helicopter': a demand (10) even when the demanded act
    is not in the lexicon; the speaker demands it of the clause's subject."""
    taken = {c.token.i for c in cands} | {c.anchors[-1].i for c in cands}
    if not cands:
        return
    doc = cands[0].token.doc
    for i in _demanding_auxiliary_heads(doc):
        token = doc[i]
        if token.pos_ != "VERB" or token.i in taken:
            continue
        frame = find_frame(token)
        if frame is None or frame.link != "aux" or frame.kind not in ("demand", "appeal"):
            continue
        code = "100" if frame.kind == "demand" else "020"
        trigger = Trigger((token.lemma_.lower(),), "V", code, None, None, "frame")
        cand = Candidate(token, trigger, _sentence_number(doc, token), token.sent, Participants(), "factual", [token])
        actors, recipients = frame_sides(frame, [], [], False)
        subject = next((c for c in kids(token) if c.dep_ == "nsubj"), None)
        cand.parts.add("actors", actors)
        cand.parts.add("recipients", actors_of(subject) if subject is not None else recipients)
        cand.frame_word = frame.word
        cands.append(cand)
    cands.sort(key=lambda c: c.token.i)


def _demanding_auxiliary_heads(doc: Doc) -> list[int]:
    """Words that carry a demanding or appealing auxiliary ('must', 'should'), found over arrays:
    only they can be a bare demand, and building a Token per word of the article to learn that cost
    more than the rule."""
    wanted, strings = demanding_auxiliaries(), doc.vocab.strings
    table = doc.to_array([DEP, LOWER])
    heads = doc.to_array(HEAD).astype(numpy.int64)     # offsets to the head, stored unsigned
    found = numpy.flatnonzero(table[:, 0] == strings["aux"]).tolist()
    return sorted({i + int(heads[i]) for i in found if strings[int(table[i, 1])] in wanted})


def _sentence_number(doc: Doc, token: Token) -> int:
    return next(i for i, s in enumerate(doc.sents) if s.start <= token.i < s.end)


def _address_frame_verbs(cands: list[Candidate]) -> None:
    """A demand or appeal verb with no inner event still has a target: the subject of the clause
    it governs ('demanded that the government provide …', 'urged Kyiv to …')."""
    for cand in cands:
        if cand.dropped or cand.parts.recipients or cand.cameo[:2] not in ("02", "10", "13", "12"):
            continue
        for child in kids(cand.token):
            if child.dep_ in ("ccomp", "xcomp"):
                subject = next((c for c in kids(child) if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None:
                    cand.parts.add("recipients", actors_of(subject))


def _happening_status(verb: Token) -> str:
    """An announced happening is future, unless a condition or a weak modal hangs on it
    ('If both sides agree, they will meet'); 'would' in reported speech is the future of the past."""
    if condition_clause(verb) is not None:
        return "hypothetical"
    if any(child.dep_ == "aux" and child.lower_ in ("could", "might", "may") for child in kids(verb)):
        return "hypothetical"
    return "future"


def _aux_frame_status(verb: Token) -> str:
    """A 'will'/'must' frame is an act now; negation, or a condition on it ('if both sides agree'),
    changes that."""
    if any(c.dep_ == "neg" for c in kids(verb)):
        return "negated"
    if verb.dep_ == "ccomp" and knowledge.cue_words().get(verb.head.lemma_.lower()) and any(
            c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in kids(verb)) and condition_clause(verb) is None:
        return "factual"    # 'said it would allow the inspectors back': a reported 'will', said now
    return "hypothetical" if own_status(verb) == "hypothetical" else "factual"
