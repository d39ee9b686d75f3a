"""Who did what to whom, where and when: events coded in CAMEO and PLOVER, with evidence.

Per sentence, every trigger (knowledge/data/triggers.tsv) becomes a candidate with its participants,
place, date and status. Then, across the document, a reader's inferences:
- an event noun with no participants of its own ("the February 18 discussions") refers back to the
  latest event of its type that had some, or takes a "between X and Y" of its sentence;
- a mediator or facilitator in a sentence is a third party of the talks in that sentence;
- a statement whose content is itself an event is subordinate to it (CAMEO's rule) and dropped;
- a light verb and its event noun ("signed an agreement") are one event.
Events with no coded participant (no country, no organisation code) are not emitted.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Token

from dragoman.annotate.actors import actors_of, freeze_actors
from dragoman.annotate.candidates import Candidate, a_disaster_story, find_candidates
from dragoman.annotate.date_expressions import basis_of, first_day
from dragoman.annotate.doctext import doc_text, ext, forget_memos, kids, memo
from dragoman.annotate.frames import speaker_verb
from dragoman.annotate.happenings import (
    assign_happenings,
    definite_without_parties,
    drop_backdrops,
    drop_span_openers,
    fold_retellings,
    intents_with_their_acts,
    one_event_per_mention,
    resolve_references,
)
from dragoman.annotate.modality import condition_clause, markers, own_status, status_of
from dragoman.annotate.narrative import (
    at_no_time,
    carry_background_time,
    date_by_the_news_day,
    date_by_the_story,
)
from dragoman.annotate.participants import (
    THIRD_PARTY_VERBS,
    _venue_tokens,
    occasion_of,
)
from dragoman.annotate.quotes import speaker_at
from dragoman.annotate.refine import (
    apply_frames,
    clause_depth,
    refine_by_instrument,
    refine_by_object,
    refine_disparaging,
    refine_warnings,
)
from dragoman.annotate.setting import document_country, domestic_place, stateless, with_document_country
from dragoman.annotate.titles import names_a_person, role_of
from dragoman.knowledge import codebook
from dragoman.knowledge.gazetteer import get_gazetteer
from dragoman.model import Actor, Event, Place


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


SAID_ACTS = ("02", "03", "10", "11", "12", "13")    # appeals, intents, demands, criticism, rejections, threats


def _occasion_of_speaking(inner: Candidate, statement: Candidate) -> bool:
    """'Speaking at a rally in Novi, Trump said …': the rally is where he spoke, not what he said."""
    token = inner.token
    if token.dep_ != "pobj" or token.head.lower_ not in ("at", "during"):
        return False
    spoke = token.head.head
    return spoke.i == statement.token.i or (spoke.dep_ == "advcl" and spoke.head.i == statement.token.i)


def _drop_subordinate(cands: list[Candidate]) -> None:
    """Statements whose content is an event, and light verbs whose noun is the event, are merged away."""
    by_token = {c.token.i: c for c in cands}
    for cand in cands:
        setting = _statement_at(cand, by_token)
        if setting is not None and setting is not cand and not setting.dropped:
            # 'Speaking in Juba on Monday, the minister accused Sudan …', 'accused Sudan when he spoke
            # to reporters in Bentiu': one act, there and then
            setting.parts.location = setting.parts.location or cand.parts.location
            if setting.parts.date is None:
                setting.parts.date, setting.parts.date_text = cand.parts.date, cand.parts.date_text
                setting.parts.date_basis = cand.parts.date_basis
            cand.dropped = True
            continue
        struck = _attacked_in(cand, by_token)
        if struck is not None:
            # 'an attack on a police patrol', 'ambushed a convoy': what was attacked is no event of its own
            struck.parts.add("recipients", [a for a in cand.parts.actors + cand.parts.recipients
                                            if all(a.key != s.key for s in struck.parts.actors)])
            cand.dropped = True
            continue
        aim = _candidate_at(_protest_head(cand), by_token, cands) if cand.cameo[:2] in ("02", "10") else None
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
            inner = _candidates_below(cand.token, by_token)
            # declining comment on, claiming or denying responsibility for an event (a noun, not a
            # reported clause: 'denied that …' is the negated event) is the coded act
            if cand.cameo in UNASSERTING:
                reported = {t.i for c in kids(cand.token) if c.dep_ == "ccomp" or c.pos_ == "VERB"
                            or (c.dep_ == "prep" and any(g.pos_ == "VERB" for g in kids(c))) for t in c.subtree}
                content = [c for c in inner if c.token.i in reported]
            elif cand.token.tag_ == "VBG":
                content = inner     # 'Gates, speaking at a conference, called for …': an occasion, merged away
            else:
                content = [c for c in inner if not _occasion_of_speaking(c, cand)]
                for occasion in (c for c in inner if c not in content):
                    # 'said during a rally in Kenansville on Tuesday': said there and then
                    cand.parts.location = cand.parts.location or occasion.parts.location
                    if cand.parts.date is None:
                        cand.parts.date, cand.parts.date_text = occasion.parts.date, occasion.parts.date_text
                        cand.parts.date_basis = occasion.parts.date_basis
            if any(not c.cameo.startswith("01") and (c.coded or not cand.parts.recipients) for c in content):
                cand.dropped = True     # but 'told Ugandan officials the border would reopen' stays a statement
                for c in content:
                    c.told_in = c.told_in or cand
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
                    keep.parts.date_basis = drop.parts.date_basis
                drop.dropped = True


def _when_and_where_told(cand: Candidate) -> None:
    """What the statement a content was told in lends it, where its own mentions gave nothing: an
    appeal, a demand or a threat made by saying it was made where and when it was said ('told reporters
    in Kyiv on Tuesday that Ukraine would retaliate'); a reported past act had happened by the day it
    was told ('said on Monday that drones had struck a refinery')."""
    told = cand.told_in
    if told is None:
        return
    said = cand.cameo[:2] in SAID_ACTS
    place = told.parts.location
    if said and cand.parts.location is None and place is not None and place.feature != "country":
        cand.parts.location = place
    if cand.parts.date is None and told.parts.date is not None and (said or cand.status == "factual"):
        cand.parts.date, cand.parts.date_text = told.parts.date, told.parts.date_text
        cand.parts.date_basis = "context"


def _protest_head(cand: Candidate) -> Token:
    """The verb a call or demand hangs on as a participle ('demonstrated in Kirkuk calling for
    independence', 'staged rallies, saying he must resign'): a protest there is what it is for."""
    token = cand.token
    if token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "conj"):
        return token.head
    speech = speaker_verb(token) if cand.frame_word is not None else None
    if speech is not None and speech.tag_ == "VBG" and speech.dep_ == "advcl":
        return speech.head
    return token


def _candidate_at(token: Token, by_token: dict[int, Candidate], cands: list[Candidate]) -> Candidate | None:
    """The candidate of a word, or of the event noun it is the light verb of ('staged rallies')."""
    return by_token.get(token.i) or next((c for c in cands if len(c.anchors) > 1 and c.anchors[1].i == token.i), None)


def _candidates_below(token: Token, by_token: dict[int, Candidate]) -> list[Candidate]:
    """The candidates in the token's subtree, in text order, found from the candidates' side: a
    statement's subtree is most of its sentence, and its candidates are few."""
    left, right, doc = token.left_edge.i, token.right_edge.i, token.doc
    return [by_token[i] for i in sorted(by_token) if left <= i <= right and i != token.i and token.is_ancestor(doc[i])]


def _statement_at(cand: Candidate, by_token: dict[int, Candidate]) -> Candidate | None:
    """The statement a plain speaking ('Speaking to reporters in Paris, …', '… when he spoke to
    reporters in Bentiu') is the occasion of: the speaking is no act of its own."""
    token = cand.token
    if not cand.cameo.startswith("01") or token.dep_ not in ("advcl", "acl"):
        return None
    statement = token.head.head if token.dep_ == "acl" else token.head     # 'Ruto, speaking at …, said'
    occasion = occasion_of(statement)
    return by_token.get(statement.i) if occasion is not None and occasion.i == token.i else None


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
    # a state's agreements, its shows of force on its own soil (a weapons test, a parade), and its
    # leaders' condemnations at home ('Ruto, speaking at a rally in Nakuru, condemned the strike') aim
    # at no one by where they happen
    own_ground = loc is not None and loc.country in actor_countries and (cand.plover in ("AGREE", "MOBILIZE") or (
        cand.plover == "ACCUSE" and all(a.sector in (None, "GOV") for a in cand.parts.actors)))
    if loc is not None and loc.country and not meeting_intent and not own_ground:
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
    return token.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(token)) \
        and cand.frame_word is None


# who fights wars and insurgencies (CAMEO 19, conventional force); violence by anyone else — a gang, a
# gunman, a man who shot his colleagues — is unconventional violence (CAMEO 18)
ARMED_SECTORS = {"MIL", "REB", "INS", "COP", "GOV", "SPY", "IGO"}
PRIVATE_SECTORS = {None, "CRM", "CVL", "UAF", "BUS", "EDU", "LAB", "REL", "MED", "JRN"}
CRIMINAL_CODES = {"190": "180", "193": "180"}


def _criminal_violence(cand: Candidate) -> None:
    """'A gunman killed three people at an accounting firm': a crime, coded 18x (unconventional
    violence), not 19x; the PLOVER type and mode (ASSAULT, firearms) stay as they were. Unidentified
    gunmen who attack soldiers or police stay 19x: that is insurgency, not crime."""
    if cand.cameo not in CRIMINAL_CODES:
        return
    if not cand.parts.actors and not _a_victim_of_crime(cand):
        return
    if any(a.sector not in PRIVATE_SECTORS for a in cand.parts.actors):
        return
    if any(a.sector in ARMED_SECTORS for a in cand.parts.recipients) and any(
            a.sector == "UAF" for a in cand.parts.actors):
        return
    plover, mode = cand.plover, _mode_and_code(cand)[1]
    cand.cameo = CRIMINAL_CODES[cand.cameo]
    cand.plover_override, cand.mode_override = plover, mode


def _bombing_by_a_state(cand: Candidate) -> None:
    """'the Russian bombing of Aleppo', 'a coalition led by Saudi Arabia is implicated in the bombing
    of schools': bombing by a state's forces is from the air (195), not the non-military bombing (183)
    of gunmen and rebels."""
    actors = cand.parts.actors
    if cand.cameo != "183" or not actors or any(
            not a.country or a.sector not in (None, "MIL", "GOV") or a.text == "unidentified" for a in actors):
        return
    cand.cameo, cand.plover_override, cand.mode_override = "195", None, None


STATE_FORCES = {"MIL", "COP", "GOV", "JUD"}
WAGING_SECTORS = {"MIL", "REB"}


def _a_victim_of_crime(cand: Candidate) -> bool:
    """'Armstead was shot in the left arm', 'a mother of 12 killed in crossfire': civilians shot by no
    one named, in a report where no army or rebel acts and no natural force strikes, were victims of a
    crime, not of war."""
    recipients = cand.parts.recipients
    if not recipients or any(a.sector in (None, *ARMED_SECTORS) for a in recipients):
        return False
    doc = cand.token.doc
    if a_disaster_story(doc):
        return False        # the toll of an earthquake, not of a crime
    known = memo(doc, "armed_actors")
    if "found" not in known:
        known["found"] = any(a.sector in WAGING_SECTORS for a in (ext(doc, "actor_at") or {}).values()) or any(
            (role := role_of(t)) is not None and role.sector in WAGING_SECTORS for t in doc if t.pos_ == "NOUN")
    return not known["found"]


def _unreal(cand: Candidate) -> bool:
    """An act that did not happen and that no one announced, demanded or threatened: wished, feared,
    asked about, talked about or set as a condition ('wants to sign up voters', 'if the veto were
    overridden', 'talks on a ceasefire'). It is no happening of its own; what was done about it — the
    wish said, the talks held — is the event. Kept: a framed act ('would retaliate if attacked' is
    the threat itself), an act told as possible ('could meet next month') or on a condition, and an
    alleged act, whose maker the accusation names."""
    if cand.status != "hypothetical" or cand.frame_word is not None or _alleged(cand.token):
        return False
    if cand.trigger.pos == "N" and cand.parts.actors:
        return False        # 'discussed the Turkish shelling': an act with its maker, talked about
    if condition_clause(cand.token) is not None:
        return False        # 'if both agree, officials will meet': the act on a condition
    hedges = markers()["aux"]
    # 'officials could meet next month': a possible act, told as such
    return not any(c.dep_ in ("aux", "advmod") and hedges.get(c.lower_) == "hypothetical" for c in kids(cand.token))


def _alleged(token: Token) -> bool:
    """'accused Juba of arming the rebels': the act one party says another did."""
    return _alleging_verb(token) is not None


def _alleging_verb(token: Token) -> Token | None:
    """The verb that alleges the act the token names ('accused … of arming', 'charged with the
    killing', modality.tsv's 'alleged' words), if any."""
    prep = token.head
    if token.dep_ not in ("pcomp", "pobj") or prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "with"):
        return None
    return prep.head if prep.head.lemma_.lower() in markers().get("alleged", {}) else None


def _alleged_crime(cand: Candidate) -> None:
    """'a man suspected of shooting three people', 'he was charged with the killing': violence a person
    is described as accused of took place — the allegation is about who did it, not whether it was
    done. (What one party accuses another of, 'Sudan accused Juba of bombing', stays alleged.)"""
    if cand.plover != "ASSAULT" or cand.status != "hypothetical" or own_status(cand.token) != "factual":
        return
    judge = _alleging_verb(cand.token)
    if judge is None:
        return
    described = judge.dep_ == "acl" or any(c.dep_ == "nsubjpass" for c in kids(judge))
    if described and status_of(judge) == "factual":
        cand.status = "factual"


def _seized_by_the_state(cand: Candidate) -> None:
    """'Ecuador's navy seized a Chinese-flagged fishing vessel': a state's forces seizing a ship or a
    plane confiscate it (1711, COERCE); pirates and rebels who seize one hijack it (181, ASSAULT)."""
    if cand.cameo != "181" or cand.trigger.pattern[0] != "seize" or not cand.parts.actors:
        return
    if all(a.sector in STATE_FORCES for a in cand.parts.actors):
        cand.cameo, cand.plover_override, cand.mode_override = "1711", None, None


def _violence_among_people(cand: Candidate) -> bool:
    """'LaCalamita shot Riva': violence or an arrest between people the text names, in an article set
    in a country — of that country, as its unnamed police and gunmen are."""
    return cand.plover in ("ASSAULT", "COERCE") and bool(cand.parts.actors) and bool(cand.parts.recipients) \
        and all(a.name for a in cand.sides)


def _unnamed_authority_acts(cand: Candidate) -> bool:
    """'A driver has been charged with homicide': a passive arrest or charge of a person, by no one
    named, in an article set in a country — by that country's police or courts (``_unnamed_authority``)."""
    token = cand.token
    return token.lemma_.lower() in AUTHORITY and bool(cand.parts.recipients) and not cand.parts.actors \
        and any(c.dep_ == "nsubjpass" and names_a_person(c) for c in kids(token)) \
        and not any(c.dep_ == "agent" for c in kids(token))


def _armed_arrival(cand: Candidate) -> bool:
    """'The attackers arrived by boat before dawn': gunmen, rebels and gangs arriving pay no visit;
    the attack they came for is the event."""
    return cand.cameo.startswith("042") and bool(cand.parts.actors) and all(
        a.sector in ("UAF", "REB", "CRM") and not a.name for a in cand.parts.actors)


STANDING_VERBS = {"accuse", "charge", "suspect", "indict", "convict"}


def _who_they_are(cand: Candidate) -> bool:
    """'convicted a man charged in the 2007 shooting', 'two men accused of murdering a mother': the
    charge says who the person is, as a title would; it is no act of the day (an arrest is, and is not
    among these verbs)."""
    token = cand.token
    if token.dep_ != "acl" or token.tag_ != "VBN" or token.lemma_.lower() not in STANDING_VERBS:
        return False
    return names_a_person(token.head)


def _police_at_the_scene(cand: Candidate) -> bool:
    """'By the time local police arrived to investigate': police coming to a scene at home is their
    routine, no deployment (police arriving abroad are deployed: see ``_deployment``)."""
    if not cand.cameo.startswith("042") or not cand.parts.actors or any(
            a.name or a.sector != "COP" for a in cand.parts.actors):
        return False
    return _abroad(cand) is None


DIPLOMATIC_MISSIONS = {"embassy", "consulate", "legation", "high commission"}


def _protest_at_a_mission(cand: Candidate) -> None:
    """'Hundreds protested outside the Russian embassy in Yerevan': a protest at a foreign mission is
    aimed at the state it represents."""
    if cand.plover != "PROTEST":
        return
    for prep in kids(cand.token):
        if prep.dep_ != "prep" or prep.lower_ not in ("outside", "at", "near", "before", "in"):
            continue
        for pobj in (c for c in kids(prep) if c.dep_ == "pobj"):
            if pobj.lemma_.lower() not in DIPLOMATIC_MISSIONS:
                continue
            aimed = [a for a in actors_of(pobj) if a.country and a.country not in
                     {x.country for x in cand.parts.actors}]
            if aimed:
                cand.parts.recipients = []
                cand.parts.add("recipients", aimed)
                return


MISSION_WORDS = {"mission", "peacekeeping", "peacekeepers", "force", "contingent", "operation"}


def _deployment(cand: Candidate) -> None:
    """'200 Kenyan police officers arrived in Port-au-Prince to join the mission': troops and police
    who arrive somewhere are deployed, not visiting — to a foreign mission they provide protection
    (074, AID), otherwise their forces are mobilised (154)."""
    if not cand.cameo.startswith("042") or not cand.parts.actors or any(
            a.name or a.sector not in ("MIL", "COP") for a in cand.parts.actors):
        return
    where = _abroad(cand)
    words = {t.lower_ for t in cand.token.sent}
    cand.cameo = "074" if where is not None and words & MISSION_WORDS else "154"
    cand.plover_override, cand.mode_override = None, None
    if where is not None and not cand.parts.recipients:
        cand.parts.recipients.append(Actor.make(where, None, where, None))


def _abroad(cand: Candidate) -> str | None:
    """The country an act takes place in when it is not its makers' own (None at home or unplaced)."""
    own = {a.country for a in cand.parts.actors if a.country}
    where = cand.parts.location.country if cand.parts.location is not None else None
    return where if where is not None and own and where not in own else None


def _confidence(cand: Candidate) -> float:
    score = 0.55 - 0.05 * min(clause_depth(cand.token), 3)
    if cand.status != "factual":
        score -= 0.1
    if cand.token.dep_ == "ROOT" and cand.trigger.pos == "V" and not cand.cameo.startswith("01"):
        score += 0.1
    if _in_purpose_clause(cand):
        score -= 0.3
    anchor = cand.frame_word if cand.frame_word is not None and cand.frame_word.pos_ == "VERB" else cand.token
    if anchor.dep_ == "advcl" and anchor.tag_ == "VBG" and not any(c.dep_.startswith("nsubj") for c in kids(anchor)):
        score -= 0.25           # '…, urging the counterpart to sign X': an aside to the main clause's act
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
    if place is None and ext(doc, "dateline") is not None:
        place = ext(doc, "dateline").place
    if place is None or not place.country:
        return
    if cand.parts.actors:       # 'gunmen shot dead a policeman in Karachi': gunmen of Pakistan
        cand.parts.actors[:] = [Actor.make(a.text, a.name, place.country, a.sector) for a in cand.parts.actors]
        return
    verb = cand.token
    means = next((c for c in kids(verb) if c.dep_ in ("nsubj", "csubj")), None)
    if means is None:
        agent = next((c for c in kids(verb) if c.dep_ == "agent"), None)
        means = next((c for c in kids(agent) if c.dep_ == "pobj"), None) if agent is not None else None
    words = " ".join(t.text for t in means.subtree if t.pos_ != "DET") if means is not None else "unidentified"
    cand.parts.actors.append(Actor.make(words, None, place.country, "UAF"))


# who arrests, and who indicts, charges, convicts and sentences, when a passive names no one
AUTHORITY = {"arrest": "COP", "detain": "COP", "apprehend": "COP", "handcuff": "COP",
             "indict": "JUD", "charge": "JUD", "convict": "JUD", "sentence": "JUD", "prosecute": "JUD",
             "jail": "JUD", "imprison": "JUD", "fine": "JUD", "acquit": "JUD"}


def _unnamed_authority(doc: Doc, cand: Candidate) -> None:
    """'Beus was indicted last year', 'two men were arrested on Monday': a passive that names no one
    who arrested or indicted was done by the police or the courts of the state where it happened, else
    of the state whose people it was done to, in a story set there (ICEWS codes such events to the
    country's police or judiciary)."""
    token = cand.token
    sector = AUTHORITY.get(token.lemma_.lower())
    if sector is None or cand.parts.actors or cand.status != "factual" or token.pos_ != "VERB" \
            or not any(c.dep_ in ("auxpass", "nsubjpass") for c in kids(token)) \
            or any(c.dep_ == "agent" for c in kids(token)):
        return
    place = cand.parts.location
    if place is not None and place.country:
        state = place.country       # 'two Russian nationals were arrested in Warsaw': by Poland's police
    else:
        theirs = {a.country for a in cand.parts.recipients} - {None} or {document_country(doc)}
        if len(theirs) != 1 or None in theirs or document_country(doc) not in (None, *theirs):
            return      # (people of no stated country, in a story set in one, are of that country)
        state = theirs.pop()
    cand.parts.actors.append(Actor.make("unidentified", None, state, sector))


def _apply_dateline(doc: Doc, cand: Candidate) -> None:
    """Events that name no place happen where the article was filed; factual ones that name no
    date, on the dateline's date."""
    if cand.parts.location is None and cand.plover in ("ASSAULT", "SANCTION", "THREATEN"):
        # nothing finer said: the country attacked, at country level ('an attack on Ukraine's grid')
        targets = {a.country for a in cand.parts.recipients if a.country}
        if len(targets) == 1:
            cand.parts.location = get_gazetteer().country(targets.pop())
    elif cand.parts.location is None and cand.plover == "COERCE":
        # an arrest or seizure happens where its makers hold power, whoever the detained are
        # ('Polish border guards detained two Belarusian nationals')
        makers = {a.country for a in cand.parts.actors if a.country}
        if len(makers) == 1:
            cand.parts.location = get_gazetteer().country(makers.pop())
    dateline = ext(doc, "dateline")
    if dateline is None or cand.status != "factual":
        return          # where a planned or hypothetical event would happen, the dateline does not say
    parties = {a.country for a in cand.sides if a.country}
    if cand.parts.location is None and dateline.place is not None and _of_the_day(cand, ext(doc, "published")) and (
            not parties or dateline.place.country in parties or cand.plover not in ("ASSAULT", "COERCE")) \
            and not _said_from_abroad(cand, dateline.place):
        # a Nairobi dateline places talks held there, not an ambush by South Sudanese gunmen at home
        cand.parts.location = dateline.place
    if cand.parts.date is None and dateline.date is not None and cand.status == "factual":
        cand.parts.date, cand.parts.date_text = dateline.date, dateline.date.text
        cand.parts.date_basis = "context"


WORDS_ONLY = ("01", "02", "10", "11", "12", "13", "16")    # acts done by saying (not agreements, often made at talks)


def _said_from_abroad(cand: Candidate, filed_from: Place) -> bool:
    """A statement by a foreign state's people in a story filed elsewhere ('YEREVAN — Russia accused
    Armenia …', 'WARSAW — Belarus denied …') was made at home or in no stated place, not where the
    article was filed — unless they are its envoys or delegates, sent where the story is."""
    speakers = {a.country for a in cand.parts.actors if a.country}
    if cand.cameo[:2] not in WORDS_ONLY or not speakers or filed_from.country in speakers:
        return False
    if any(set(a.text.lower().split()) & POSTED_ABROAD for a in cand.parts.actors):
        return False
    subject = next((c for c in kids(cand.token) if c.dep_ == "nsubj"), None)    # 'Orlov, Russia's envoy to the EU'
    return subject is None or not any(t.lower_ in POSTED_ABROAD for t in subject.subtree)


# a state's people who speak where they are sent: 'Russia's envoy to the EU' speaks in Brussels
POSTED_ABROAD = {"envoy", "envoys", "ambassador", "ambassadors", "embassy", "mission", "delegation", "delegations",
                 "delegate", "delegates", "negotiator", "negotiators", "diplomat", "diplomats", "consul"}


def _of_the_day(cand: Candidate, published: str | None) -> bool:
    """The event happened in the days before the article was filed, or says no day: only then does the
    dateline say where ('border consultations stalled in January' did not stall in Ankara)."""
    date = cand.parts.date
    if date is None or not date.date or not published:
        return True
    if date.precision == "month":      # this month or the last ('talks in Manila last month')
        year, month = int(published[:4]), int(published[5:7])
        last = f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"
        return date.date[:7] in (published[:7], last)
    if date.precision not in ("day", "week"):
        return False
    try:
        gap = abs((dt.date.fromisoformat(date.date) - dt.date.fromisoformat(published[:10])).days)
    except ValueError:
        return True
    return gap <= 7


def _foreign_ground(cand: Candidate) -> None:
    """'Hamas threatened to resume attacks in Israel', 'troops raided villages in Lebanon': a hostile
    act aimed at no one named is aimed at the foreign state where it happens."""
    own = {a.country for a in cand.parts.actors if a.country}
    if cand.plover not in ("THREATEN", "ASSAULT", "COERCE") or cand.parts.recipients or not own:
        return
    place = cand.parts.location
    if place is None and cand.plover == "THREATEN":
        # where the threatened act would happen: 'threatened to resume attacks in Israel'
        places = ext(cand.token.doc, "places") or {}
        acts = [c for c in kids(cand.token) if c.dep_ == "xcomp"]
        hit = next((t for act in acts for t in _venue_tokens(act) if t.i in places), None)
        place = places[hit.i] if hit is not None else None
    if place is not None and place.country and place.country not in own:
        cand.parts.recipients.append(Actor.of_place(place))


def _victims_of_the_place(cand: Candidate) -> None:
    """'In Yemen, the coalition is implicated in the bombing of schools and hospitals': what an attack
    strikes where it happened, of no stated country, is of that place's country — not of the country
    the article is otherwise about."""
    place = cand.parts.location
    if cand.plover != "ASSAULT" or place is None or not place.country:
        return
    cand.parts.recipients = [Actor.make(a.text, a.name, place.country, a.sector) if stateless(a) else a
                             for a in cand.parts.recipients]


def _event(doc: Doc, cand: Candidate, number: int) -> Event:
    _unidentified_attacker(doc, cand)
    _foreign_ground(cand)
    _apply_dateline(doc, cand)
    _victims_of_the_place(cand)
    cand.parts.actors = with_document_country(cand.parts.actors, doc, cand.parts.recipients)
    cand.parts.recipients = with_document_country(cand.parts.recipients, doc)   # police detain their own
    _unnamed_authority(doc, cand)
    if cand.parts.location is None and cand.status == "factual":
        # an arrest or a charge by the police or the courts is made where they serve, whoever it is made of
        by_authority = cand.token.lemma_.lower() in AUTHORITY and bool(cand.parts.actors) and all(
            a.sector in ("COP", "JUD") for a in cand.parts.actors)
        cand.parts.location = domestic_place(cand.parts.actors if by_authority else cand.parts.actors + cand.parts.recipients,
                                             doc, spoken=cand.cameo[:2] in WORDS_ONLY and not by_authority)
    code, mode = _mode_and_code(cand)
    if mode == "resign" or "resign" in cand.trigger.pattern[1:]:
        cand.parts.recipients = []      # a resignation (or the promise of one) is done to no one
    entry = codebook.cameo(code)
    status = cand.status
    published = ext(doc, "published")
    date, date_text, basis, precision = _date_of(cand, published)
    if basis == "published" and doc.user_data.get("dragoman_dated_by_dateline"):
        basis = "context"       # no publication date: the dateline's day stands in for it
    if status == "factual" and precision == "day" and published and date > published:
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
        date=date, date_text=date_text, date_basis=basis, date_precision=precision,
        location=cand.parts.location, status=status,
        speaker=speaker_at(doc, cand.token.idx), confidence=max(_confidence(c) for c in [cand, *cand.absorbed]), happening=cand.happening,
    )


def _date_of(cand: Candidate, published: str | None) -> tuple[str | None, str | None, str | None, str | None]:
    """(date, date_text, date_basis, date_precision) of an event: the date its words (or the mention
    it continues, or the dateline) give, at that date's grain; else, in a dated document, the
    publication date, as GDELT and ICEWS date every event. A date the text gives but that cannot be
    resolved ('for years', 'since 2023') keeps its words in ``date_text`` beside the publication date."""
    date, text = cand.parts.date, cand.parts.date_text
    if date is not None and date.date:
        return first_day(date.date), text, cand.parts.date_basis or basis_of(date.text), date.precision
    if published:
        # the publication day stands in; it is the day of the act only for a one-off act told as done
        return published, text, "published", None if at_no_time(cand) else "day"
    return None, text if date is not None else None, None, None


def _trigger_words(cand: Candidate) -> list[Token]:
    """The trigger token plus the other words of its pattern ('cut off aid')."""
    words = [cand.token] + ([cand.frame_word] if cand.frame_word is not None else [])
    wanted = set(cand.trigger.pattern[1:])
    if wanted:
        head, i = cand.token, cand.token.i
        for t in head.doc[max(i - 4, head.left_edge.i):min(i + 5, head.right_edge.i + 1)]:
            # the words of its subtree within four of it (a subtree is contiguous, not the words between)
            if t.i != i and t.lemma_.lower() in wanted and head.is_ancestor(t):
                words.append(t)
                wanted.discard(t.lemma_.lower())
    return sorted(words, key=lambda t: t.i)


@Language.component("dragoman_events")
def annotate_events(doc: Doc) -> Doc:
    """Writes ``ext(doc, "events")``: the coded events of the document, in text order."""
    freeze_actors(doc)
    try:
        return _annotate_events(doc)
    finally:
        freeze_actors(doc, False)
        forget_memos(doc)


def _annotate_events(doc: Doc) -> Doc:
    cands = find_candidates(doc)
    apply_frames(cands)
    refine_by_instrument(cands)
    refine_by_object(cands)
    refine_warnings(cands)
    refine_disparaging(cands)
    for cand in cands:
        if cand.parts.actors and not (cand.trigger.pos == "N" and definite_without_parties(cand.token)):
            _unidentified_attacker(doc, cand)   # before references: 'the ambush' then refers to a coded attack
    resolve_references(cands)
    drop_backdrops(cands)
    drop_span_openers(cands)
    _link_mediators(cands)
    _drop_subordinate(cands)
    _drop_redundant(cands)
    kept = [c for c in cands if not c.dropped and (c.coded or (_violence_among_people(c) or _unnamed_authority_acts(c))
                                                   and document_country(doc))]
    for cand in kept:
        _implied_recipients(cand)
    assign_happenings(kept)
    kept = one_event_per_mention(kept)
    kept = intents_with_their_acts(kept)
    kept = fold_retellings(kept)
    kept = [c for c in kept if not _armed_arrival(c) and not _police_at_the_scene(c) and not _who_they_are(c)]
    carry_background_time(kept, doc)
    date_by_the_story(kept, doc, [c for c in cands if not c.dropped])
    date_by_the_news_day(kept, doc, [c for c in cands if not c.dropped])
    for cand in kept:
        _when_and_where_told(cand)
        _alleged_crime(cand)
        _criminal_violence(cand)
        _bombing_by_a_state(cand)
        _seized_by_the_state(cand)
        _deployment(cand)
        _protest_at_a_mission(cand)
    kept = [c for c in kept if not _unreal(c)]
    doc._.events = [_event(doc, c, n) for n, c in enumerate(kept, 1)]
    return doc
