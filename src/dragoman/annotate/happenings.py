"""Mentions of one happening within a document: a later 'the talks' or 'the meeting' refers back to the talks already reported and inherits their parties, place and date."""

from __future__ import annotations

from spacy.tokens import Token

from dragoman import knowledge
from dragoman.annotate.candidates import Candidate
from dragoman.annotate.doctext import doc_text, kids
from dragoman.annotate.participants import (
    ALLEGING_VERBS,
    LIGHT_VERBS,
    Participants,
    between_phrase,
)
from dragoman.model import Actor, Place

SPECIFIC_DETS = {"the", "this", "that", "these", "those"}


DEMONSTRATIVES = {"this", "that", "these", "those"}


REFERENCE_WINDOW = 3     # sentences an undated reference may reach back


SPECIFIC_MODS = {"recent", "latest", "last", "previous", "current", "ongoing", "upcoming", "planned", "first",
                 "second", "new", "today", "yesterday"}


def _is_specific(token: Token, parts: Participants) -> bool:
    """A definite or anchored event noun ('the talks', 'the February 18 discussions', 'talks in Riyadh')."""
    if parts.date is not None or parts.location is not None:
        return True
    for child in kids(token):
        if child.dep_ == "det" and child.lower_ in SPECIFIC_DETS:
            return True
        if child.dep_ in ("poss", "amod", "compound") and child.lower_ in SPECIFIC_MODS:
            return True
    return False


def definite_without_parties(noun: Token) -> bool:
    """'the talks', 'the meeting': a definite event noun whose own phrase names no party (no
    possessive, no 'Kenyan', no 'between' or 'with'); its parties, if any, come from the verb."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", *DEMONSTRATIVES) for c in kids(noun)):
        return False
    for child in kids(noun):
        if child.dep_ in ("poss", "compound", "amod", "nmod") and (child.ent_type_ or child.pos_ == "PROPN"):
            return False
        if child.dep_ == "prep" and child.lower_ in ("between", "with", "among", "by", "of"):
            return False
    return True


STATIVE_VERBS = {"be", "remain", "seem", "appear", "base", "stem", "come", "mark", "represent", "become"}


def drop_backdrops(cands: list[Candidate]) -> None:
    """'The complaint is based on …', 'His comments came as …', 'The talks were the first since …': a
    definite or possessed event noun that is the subject of a verb of being says something about a
    happening the article has already reported — no new mention of it. (A first mention stays.)"""
    seen: dict[str, Candidate] = {}
    for cand in cands:
        if cand.dropped:
            continue
        token = cand.token
        earlier = seen.get(kind_of(cand))
        if earlier is not None and cand.trigger.pos == "N" and token.dep_ in ("nsubj", "nsubjpass") \
                and token.head.lemma_.lower() in STATIVE_VERBS and any(
                    c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", *DEMONSTRATIVES)) for c in kids(token)):
            cand.dropped = True
            # what its own phrase adds ('the president's visit to the Marshall Islands was his first
            # trip abroad') is the happening's: the mention it is equated with, else the earlier one
            heir = next((c for c in cands if c is not cand and not c.dropped and c.sentence == cand.sentence
                         and kind_of(c) == kind_of(cand)), earlier)
            heir.parts.location = heir.parts.location or cand.parts.location
            continue
        seen[kind_of(cand)] = cand


def drop_span_openers(cands: list[Candidate]) -> None:
    """'Since fighting began in July, 36,000 people have fled', 'since it was released on Tuesday': the
    act a clause of 'since' counts a span from is the backdrop of what the sentence tells, not news of
    its own. (A noun after 'since' may name a happening with its own place and day: 'their second
    meeting since the talks in Riyadh earlier this month'.)"""
    if not cands or "since" not in doc_text(cands[0].token.doc).lower():
        return
    for cand in cands:
        token = cand.token
        if cand.dropped:
            continue
        clause = token.head if token.dep_ in ("nsubj", "nsubjpass") else token
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in kids(clause)) or (
                token.dep_ == "pcomp" and token.head.lower_ == "since"):     # 'since beating Byrd in 2006'
            cand.dropped = True


def kind_of(cand: Candidate) -> str:
    """Which earlier events a reference may point to: same PLOVER type; mediation apart. Remembered on
    the candidate while its code stays the same: grouping asks it of every pair of mentions."""
    key = (cand.cameo, cand.plover_override)
    known = cand.__dict__.get("_kind")
    if known is None or known[0] != key:
        known = cand.__dict__["_kind"] = (key, "045" if cand.cameo == "045" else (cand.plover or cand.cameo[:2]))
    return known[1]


def _antecedent(cand: Candidate, explicit: list[Candidate]) -> Candidate | None:
    """The event a participant-less noun refers to: the latest one of its kind on its own date,
    or, for an undated noun, the latest one of its kind a few sentences back."""
    kind = kind_of(cand)
    if cand.parts.date is not None:
        day = cand.parts.date.date
        dated = next((c for c in reversed(explicit) if c.parts.date is not None and c.parts.date.date == day
                      and kind_of(c) == kind), None)
        if dated is not None:
            return dated
    return next((c for c in reversed(explicit) if cand.sentence - c.sentence <= REFERENCE_WINDOW
                 and kind_of(c) == kind), None)


def resolve_references(cands: list[Candidate]) -> None:
    """Participant-less event nouns take 'between X and Y' or the event of their kind they refer to;
    so does a verb whose subject only points back ('the two delegations met for six hours')."""
    explicit: list[Candidate] = []
    by_token = {c.token.i: c for c in cands}
    for cand in cands:
        if cand.trigger.pos == "N" and not cand.sides:
            between = between_phrase(cand.span, cand.token)
            if between:
                cand.parts.add("actors", between)
            elif _is_specific(cand.token, cand.parts):
                antecedent = _antecedent(cand, explicit)
                if antecedent is not None:
                    _inherit(cand, antecedent)
        elif cand.trigger.pos == "N" and definite_without_parties(cand.token):
            # 'Kenya's foreign minister opened the talks': the talks already reported, which the
            # minister opened as their host, not new talks of Kenya's
            antecedent = _antecedent(cand, explicit)
            theirs = _parties(antecedent) if antecedent is not None else frozenset()
            if theirs and not _parties(cand) <= theirs:
                outside = [a for a in cand.sides if a.country and a.country not in theirs]
                cand.parts.actors, cand.parts.recipients = [], []
                _inherit(cand, antecedent)
                cand.parts.add("third_parties", outside)
        elif cand.trigger.pos == "V" and not cand.sides and _points_back(cand.token):
            antecedent = _antecedent(cand, explicit)
            if antecedent is not None:
                _inherit(cand, antecedent)
        toll = cand.token.tag_ == "VBG" and cand.token.dep_ in ("advcl", "conj") and \
            (head := by_token.get(cand.token.head.i)) is not None and kind_of(head) == kind_of(cand)
        if cand.coded and cand.inherited_from is None and not toll:
            explicit.append(cand)   # ('ambushed a convoy, killing two': 'the ambush' is the ambush, not the killing)


def _inherit(cand: Candidate, antecedent: Candidate) -> None:
    cand.inherited_from = antecedent
    cand.parts.add("actors", antecedent.parts.actors)
    cand.parts.add("recipients", antecedent.parts.recipients)
    demonstrative = any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in kids(cand.token))
    if cand.parts.date is None and demonstrative:
        cand.parts.date, cand.parts.date_text = antecedent.parts.date, antecedent.parts.date_text
        cand.parts.date_basis = "context"
    same_day = cand.parts.date is not None and antecedent.parts.date is not None and \
        cand.parts.date.date == antecedent.parts.date.date
    if cand.parts.location is None and (same_day or demonstrative):
        cand.parts.location = antecedent.parts.location


POINTING_SUBJECTS = {"they", "both"}
OTHER_TIME_PREPS = {"since", "after", "before", "following", "ahead", "until", "prior", "despite", "amid"}
TIME_OF_THEIR_OWN = {"ccomp", "relcl", "csubj", "parataxis", "acl"}   # clauses with a time of their own
POINTING_MODS = {"two", "both", "three"}


def _points_back(verb: Token) -> bool:
    """The verb's subject names no one but refers to parties already named: 'they', 'both sides',
    'the two delegations', 'the ministers'."""
    subject = next((c for c in kids(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.ent_type_:
        return False
    if subject.lower_ in POINTING_SUBJECTS:
        return True
    mods = {c.lower_ for c in kids(subject) if c.dep_ in ("det", "nummod", "predet", "amod")}
    return subject.tag_ in ("NNS", "NNPS") and bool(mods & (POINTING_MODS | {"the"}))


def assign_happenings(cands: list[Candidate]) -> None:
    """Gives every candidate the id of the happening it mentions ('h1', 'h2' … in text order) and
    lets the mentions of one happening share what some of them leave out: the date (its basis then
    ``context``) and the place.

    A candidate mentions the happening of the event it refers back to (``inherited_from``), else
    that of the latest earlier candidate of its kind with the same parties, the same status class
    (what happened apart from what is planned or denied), no other date and no other place; else a
    new one.
    """
    _share_coordinated_dates(cands)
    members: dict[str, list[Candidate]] = {}
    of_kind: dict[str, list[str]] = {}      # happening ids by the kind of their first mention, in order
    for cand in cands:
        found = _happening_of(cand.inherited_from, cands) if cand.inherited_from is not None else None
        if found is not None and _own_day(cand) and _own_day(cand) not in _days(members[found]):
            found = None    # 'the two delegations first met on Feb. 12': the same parties, another day
        if found is None:   # (only a happening of its kind can be the same: see _same_happening)
            found = next((hid for hid in reversed(of_kind.get(kind_of(cand), ()))
                          if _same_happening(cand, members[hid])), None)
        cand.happening = found or f"h{len(members) + 1}"
        if cand.happening not in members:
            of_kind.setdefault(kind_of(cand), []).append(cand.happening)
        members.setdefault(cand.happening, []).append(cand)
    for group in members.values():
        dated = next((c for c in group if c.parts.date is not None and c.parts.date.date), None)
        fullest = max(group, key=lambda c: len(_parties(c)))
        place = None
        for cand in group:
            for role in ("actors", "recipients"):   # the side a later mention leaves out
                mine = getattr(cand.parts, role)
                cand.parts.add(role, [a for a in getattr(fullest.parts, role) if a.country
                                      and a.country not in _parties(cand) and all(m.country for m in mine)])
            if dated is not None and cand.parts.date is None and _may_share_date(cand, dated):
                cand.parts.date, cand.parts.date_text = dated.parts.date, dated.parts.date_text
                cand.parts.date_basis = "context"
            # a place carries forward only: a later detail ('facilities in the Kharkiv region') does
            # not narrow what the lead reported as a whole
            if cand.parts.location is None or (_within_country(place, cand.parts.location)
                                               and not _named_in_its_sentence(cand.parts.location, cand)):
                cand.parts.location = place     # (or a finer place in the country it only implies)
            place = place or cand.parts.location
    _share_coordinated_dates(cands)     # again: a date a happening lent may reach a verb joined to it


STATEMENT_KINDS = {"01"}
VAGUE_TIMES = {"recently", "previously", "earlier", "once", "formerly", "repeatedly", "often", "long", "before"}


def _may_share_date(cand: Candidate, dated: Candidate) -> bool:
    """Whether an undated mention takes the date of another mention of its happening. Not a statement
    a month or a year (a speaker says things at many times of a year: 'said in 2011' does not date
    what they said at this week's forum), nor a mention that sets its own vague time ('he recently
    told them', 'has often said')."""
    if kind_of(cand) in STATEMENT_KINDS and dated.parts.date.precision not in ("day", "week"):
        return False
    return not vague_time(cand.token)


def vague_time(token: Token) -> bool:
    """The word's clause, or the clause it hangs on, says 'recently', 'earlier', 'often' …: a time of
    its own, though no date."""
    for _ in range(3):
        if any(c.dep_ == "advmod" and c.lower_ in VAGUE_TIMES for c in kids(token)):
            return True
        if token.dep_ not in ("pcomp", "prep", "pobj", "advcl", "xcomp", "conj") or token.head is token:
            return False
        token = token.head
    return False


def _happening_of(antecedent: Candidate, cands: list[Candidate]) -> str | None:
    """The happening of the event a mention refers back to — or, when that word was merged away ('met
    … their first meeting'), of the mention of its sentence, kind and day that kept it."""
    if antecedent.happening is not None:
        return antecedent.happening
    heir = next((c for c in cands if c.happening is not None and c.sentence == antecedent.sentence
                 and kind_of(c) == kind_of(antecedent) and _own_day(c) == _own_day(antecedent)), None)
    return heir.happening if heir is not None else None


def _parties(cand: Candidate) -> frozenset[str]:
    """The states and organisations on the candidate's sides (a bare sector, 'GOV' of 'the embassy',
    names no party)."""
    return frozenset(key for a in cand.sides if (key := a.country or (a.code if a.code != a.sector else None)))


EARLIER_ONE = {"previous", "earlier", "prior", "past", "former", "preceding"}


def an_earlier_one(cand: Candidate) -> bool:
    """'her previous visit', 'an earlier round of talks': another happening of the kind, told as such."""
    return any(c.dep_ == "amod" and c.lower_ in EARLIER_ONE for c in kids(cand.token))


def _same_happening(cand: Candidate, group: list[Candidate]) -> bool:
    first = group[0]
    if an_earlier_one(cand) or (_told_as_earlier(cand.token) and not _told_as_earlier(first.token)):
        return False    # 'her previous visit'; 'The IMF had warned …' after 'the IMF on Tuesday warned …'
    if (cand.cameo[:3] == "041") != (first.cameo[:3] == "041"):
        return False    # a phone call is not the meeting it precedes or follows
    if kind_of(cand) != kind_of(first) or (cand.status == "factual") != (first.status == "factual"):
        return False
    mine, theirs = _parties(cand), _parties(first)
    unplaced = not mine and _same_unplaced_sides(cand, first)
    if not mine and not unplaced:
        return False
    if mine and not (mine <= theirs or theirs <= mine):
        return False        # one side named again ('Armenia's minister said after the talks') is the same talks
    if kind_of(cand) == "01" and (_speakers(cand) != _speakers(first) or _says(cand) != _says(first)):
        return False        # statements: one happening per speaker and manner ('said' in an interview is
        #                     not the plan 'unveiled' last year, nor what an aide of the same state said)
    dates = _days(group)
    if _own_day(cand) and _own_day(cand) not in dates and (dates or not unplaced):
        return False        # a dated mention joins only a happening of its own day (or the same act by
        #                     the same-named side, told first with no day)
    places = {(c.parts.location.country, c.parts.location.name) for c in group if c.parts.location is not None
              and not any(_within_country(c.parts.location, here) for here in [cand.parts.location])}
    here = cand.parts.location
    if here is None or any(_within_country(here, c.parts.location) for c in group):
        return True     # 'convicted … in Oklahoma' and 'convicting … ' placed only in the United States
    if mine != theirs:      # one side only: the same happening only where it is the same place
        return (here.country, here.name) in places
    return not places or (here.country, here.name) in places


def _words(actor: Actor) -> set[str]:
    return {w for w in actor.text.lower().split() if len(w) > 3}


def _named_alike(actor: Actor, others: list[Actor]) -> bool:
    """'the jury' and 'a jury in eastern Oklahoma': one side named twice."""
    return any(_words(actor) & _words(other) for other in others)


def _same_unplaced_sides(cand: Candidate, first: Candidate) -> bool:
    """'A jury in eastern Oklahoma has convicted a man … The jury deliberated seven hours before
    convicting him': a mention whose sides have no country yet is of the same happening when it is
    the same act (its full code) done by a side of the same name, 'the jury' again (a statement is
    not: its speaker says many things)."""
    if cand.cameo != first.cameo or kind_of(cand) in STATEMENT_KINDS or not cand.parts.actors:
        return False
    return all(_named_alike(a, first.parts.actors) for a in cand.parts.actors)


def _within_country(finer: Place | None, country: Place | None) -> bool:
    """The finer place lies in the country the other place names as a whole."""
    return finer is not None and country is not None and country.feature == "country" \
        and finer.feature != "country" and finer.country == country.country


def _named_in_its_sentence(place: Place, cand: Candidate) -> bool:
    """'struck targets in Ukraine': the country the mention's own words name is what it reported."""
    return place.text in cand.token.sent.text


def _told_as_earlier(verb: Token) -> bool:
    """A past perfect of the narrative ('The IMF had warned that …'), not the past of reported words moved
    back a tense ('officials said 12 people had been killed')."""
    if verb.tag_ != "VBN" or not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in kids(verb)):
        return False
    return not (verb.dep_ in ("ccomp", "parataxis") and verb.head.lemma_.lower() in knowledge.cue_words())


def _speakers(cand: Candidate) -> frozenset[str]:
    """Who makes a statement: the people or bodies on its source side, by name where known."""
    return frozenset((a.name or a.text).lower() for a in cand.parts.actors)


def _says(cand: Candidate) -> bool:
    """A statement made by speaking ('said', 'told') rather than by an act ('unveiled', 'published')."""
    return cand.token.lemma_.lower() in knowledge.cue_words()


def _own_day(cand: Candidate) -> str | None:
    return cand.parts.date.date if cand.parts.date is not None and cand.parts.date.date else None


def _days(group: list[Candidate]) -> set[str]:
    return {day for c in group if (day := _own_day(c))}


def _share_coordinated_dates(cands: list[Candidate]) -> None:
    """A verb conjoined to another event happened where it did; an undated event takes the date of the dated event its words hang on in the same sentence:
    'met on Monday and agreed to …', 'struck Odesa on Friday, injuring six', 'agreed on Saturday after
    talks between …'. A reported clause or a relative clause ('a deal it signed') keeps its own time."""
    by_token = {c.token.i: c for c in cands}
    by_anchor = {a.i: c for c in cands for a in c.anchors[1:] if a.i not in by_token}
    for cand in cands:
        joined = by_token.get(cand.token.head.i) if cand.token.dep_ == "conj" else None
        if joined is not None and cand.parts.location is None:
            cand.parts.location = joined.parts.location     # 'held talks in Beijing, and … signed'
        if cand.parts.date is not None:
            continue
        token = cand.token
        for _ in range(4):
            up = token.head
            if token.dep_ in TIME_OF_THEIR_OWN or up.i == token.i or judged_act(token):
                break
            token = up
            head = by_token.get(token.i) or by_anchor.get(token.i)  # 'opened the talks, telling delegates …'
            if head is not None and head.parts.date is not None and head.parts.date.date and not vague_time(cand.token):
                cand.parts.date, cand.parts.date_text = head.parts.date, head.parts.date_text
                cand.parts.date_basis = head.parts.date_basis or "context"
                break


def judged_act(token: Token) -> bool:
    """'criticized Shelby on Tuesday for shooting Crutcher', 'accused Juba of arming the rebels': the
    act judged was done before the judging, at a time of its own."""
    prep = token.head
    return token.dep_ in ("pcomp", "pobj") and prep.dep_ == "prep" and prep.lower_ in ("for", "of", "with") \
        and prep.head.lemma_.lower() in ALLEGING_VERBS


def one_event_per_mention(cands: list[Candidate]) -> list[Candidate]:
    """One record per mention: two candidates of one happening in one sentence with the same CAMEO root
    ('talks … the negotiations', 'the attack … the shooting', a light verb and its noun the parser split)
    are one event: the more specific code stays (a longer code, a code not ending in 0), with the
    other's sides, place and date where it lacks them."""
    kept: list[Candidate] = []
    for cand in cands:
        twin = next((k for k in kept if k.sentence == cand.sentence and k.cameo[:2] == cand.cameo[:2]
                     and not _told_apart(k, cand) and (k.happening == cand.happening or _one_mention(k, cand))),
                    None)
        if twin is None:
            kept.append(cand)
            continue
        keep, drop = (twin, cand) if _specificity(twin) >= _specificity(cand) else (cand, twin)
        if len(keep.cameo) == len(drop.cameo) and _within(keep, drop):
            keep, drop = drop, keep     # a tie goes to the main clause: 'met … to discuss' stays a meeting
        reported = _statement_reported_in(drop, keep) or _statement_reported_in(keep, drop)
        if reported is not None:
            # 'Witnesses told police …, the police chief said': the chief's statement; whom he reports
            # saying what to whom are no sides of it
            keep, drop = reported, (drop if reported is keep else keep)
        else:
            _merge_into(keep, drop)
        drop.dropped = True
        keep.absorbed += [drop, *drop.absorbed]
        if keep is cand:
            kept[kept.index(twin)] = cand
    return [c for c in cands if not c.dropped]


def _merge_into(keep: Candidate, drop: Candidate) -> None:
    """The kept mention takes the other's sides, and its place and day where it has none."""
    for role in ("actors", "recipients", "third_parties"):
        keep.parts.add(role, getattr(drop.parts, role))
    if drop.token.dep_ == "conj" or not _within(drop, keep):
        # the place and day of a purpose clause are its topic's, not the act's
        keep.parts.location = keep.parts.location or drop.parts.location
        if keep.parts.date is None:
            keep.parts.date, keep.parts.date_text = drop.parts.date, drop.parts.date_text
            keep.parts.date_basis = drop.parts.date_basis


def intents_with_their_acts(cands: list[Candidate]) -> list[Candidate]:
    """'offered to mediate', 'its readiness to mediate', 'the threat to attack': the intent or threat
    is the record (CAMEO 03x, 13x, whose code already names the act) and the announced act, not yet
    real, is no second event of the mention — it lends the intent the parties it leaves out."""
    by_token: dict[int, list[Candidate]] = {}
    for cand in cands:     # by each of its words ('host talks': the light verb too)
        for i in {cand.token.i, *(a.i for a in cand.anchors)}:
            by_token.setdefault(i, []).append(cand)
    for intent in cands:
        if not intent.cameo.startswith(("03", "13")) or intent.dropped:
            continue
        words = {a.i for a in intent.anchors} | {intent.token.i}
        for word in list(words):
            token = intent.token.doc[word]
            words.update(c.i for c in kids(token) if c.dep_ in ("xcomp", "acl") and c.tag_ == "VB")
        for act in {id(c): c for i in words for c in by_token.get(i, ())}.values():
            if not _announced(act, intent):
                continue
            for role in ("actors", "recipients", "third_parties"):
                intent.parts.add(role, [a for a in getattr(act.parts, role) if a.country or a.code])
            act.dropped = True      # (its place and day are the act's, not the offer's)
            intent.absorbed += [act, *act.absorbed]
    return [c for c in cands if not c.dropped]


def _announced(act: Candidate, intent: Candidate) -> bool:
    """Whether the act is only what the intent announces: another, not-yet-real act of its words, and
    the intent a commitment in words of its own (a bare 'will meet' or a scheduled 'plans to meet'
    stays both the intent and the meeting planned)."""
    if act is intent or act.dropped or act.cameo[:2] == intent.cameo[:2] or _scheduled(intent):
        return False
    if act.status == "factual" and act.token.dep_ != "acl":
        return False
    return not (act.token.i == intent.token.i and intent.frame_word is None)


# an act these make scheduled ('agreed to meet again in Moscow in March') is a happening of its own
SCHEDULING = {"plan", "expect", "schedule", "set", "due", "intend", "prepare", "aim", "hope", "agree", "decide",
              "arrange"}


def _scheduled(intent: Candidate) -> bool:
    """An act told as scheduled ('will meet', 'would meet again in Dhaka', 'plans to visit Seoul in
    May', 'agreed to meet again in Moscow'), which is both the intent and the act planned; not a
    commitment made in words of its own ('offered to host talks', 'pledged to send aid'), which is the
    happening itself."""
    word = intent.frame_word if intent.frame_word is not None else intent.token
    return word.tag_ == "MD" or word.lemma_.lower() in SCHEDULING


def _one_mention(a: Candidate, b: Candidate) -> bool:
    """Two words of one sentence telling one act: one hangs in the other's clause ('the embassy attack,
    in which a gunman killed …', 'struck Odesa, injuring six'; for statements, a statement reported in
    another), their sides do not disagree and neither has a day of its own the other lacks."""
    # a statement, appeal, intent, demand, rejection or threat whose content repeats its kind
    # ('witnesses said …, the police said', 'warned that it would retaliate') is one act
    reported = a.cameo[:2] in ("01", "02", "03", "10", "12", "13")

    def inside(inner: Candidate, outer: Candidate) -> bool:
        token = inner.token
        if token.dep_ == "conj" and token.head.i == outer.token.i and _one_blow(inner, outer):
            return True
        for _ in range(3):
            if token.head is token or token.dep_ == "conj" or token.dep_ in ("ccomp", "parataxis") and not reported:
                return False    # coordinated verbs are acts of their own ('arrived and met')
            if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in OTHER_TIME_PREPS:
                return False    # 'their second meeting since the talks in Riyadh': another happening
            token = token.head
            if token.i == outer.token.i or (token.pos_ == "VERB" and any(a.i == token.i for a in outer.anchors)):
                return True     # (or the light verb of a noun: 'submitted a complaint …, accusing')
        return False

    inner = a if inside(a, b) else b if inside(b, a) else None
    if inner is None:
        return False
    pa, pb = _parties(a), _parties(b)
    same_time = _own_day(a) == _own_day(b) or (reported and not _own_day(inner))   # the frame's day is its content's
    return (pa <= pb or pb <= pa or _says_how(inner, a if inner is b else b)) and same_time


def _says_how(inner: Candidate, outer: Candidate) -> bool:
    """'filed a complaint with the UN, accusing Juba of …': a participle that says what the same doer's
    act charged is that act, though it names a target the act's addressee is not."""
    return inner.token.dep_ == "advcl" and inner.token.tag_ == "VBG" and bool(inner.parts.actors) \
        and {a.key for a in inner.parts.actors} == {a.key for a in outer.parts.actors}


BLOW_ROOTS = ("18", "19")


def _one_blow(inner: Candidate, outer: Candidate) -> bool:
    """'was shot and killed', 'beat and stabbed his wife': two verbs of violence joined with no subject
    and no object of their own each tell one attack on one target (but 'shelled Kharkiv and struck
    Odesa' names two)."""
    if not inner.cameo.startswith(BLOW_ROOTS) or any(c.dep_ in ("nsubj", "nsubjpass") for c in kids(inner.token)):
        return False
    return sum(any(c.dep_ == "dobj" for c in kids(c_.token)) for c_ in (inner, outer)) <= 1


def _told_apart(a: Candidate, b: Candidate) -> bool:
    """The sentence sets one against the other in time ('their second meeting since the talks')."""
    for inner, outer in ((a, b), (b, a)):
        for token in [inner.token, *inner.token.ancestors]:
            if token.i == outer.token.i:
                break
            if token.dep_ in ("pobj", "pcomp") and token.head.lower_ in OTHER_TIME_PREPS:
                return True
            if any(c.dep_ == "mark" and c.lower_ in OTHER_TIME_PREPS for c in kids(token)):
                return True     # 'their first meeting since border consultations stalled in January'
    return False


def _statement_reported_in(inner: Candidate, outer: Candidate) -> Candidate | None:
    """The outer of two statements when the inner is reported in its words, else None."""
    if inner.cameo[:2] != "01" or outer.cameo[:2] != "01" or not outer.parts.actors:
        return None
    if _closing_attribution(outer) and not _closing_attribution(inner):
        return outer    # 'Witnesses said the shooter used a rifle, Lieutenant Scherlinck said.'
    if _within(inner, outer) and not _closing_attribution(inner):
        return outer
    return None


def _closing_attribution(cand: Candidate) -> bool:
    """'…, Troy police Lieutenant Gerry Scherlinck said.': the statement that closes its sentence after
    a comma, its subject just before it, attributes the whole sentence (whatever the parser hangs it on)."""
    verb = cand.token
    sent = verb.sent
    if any(t.i > verb.i and not (t.is_punct or t.is_space) for t in sent):
        return False
    subject = next((c for c in kids(verb) if c.dep_ == "nsubj"), None)
    return subject is not None and subject.i < verb.i and subject.left_edge.i > sent.start \
        and verb.doc[subject.left_edge.i - 1].text in (",", "”", '"', "''")


def _within(inner: Candidate, outer: Candidate) -> bool:
    return any(t.i == outer.token.i for t in inner.token.ancestors)


def _specificity(cand: Candidate) -> tuple[int, int, int]:
    code = cand.cameo
    return len(code), int(not code.endswith("0")), len(cand.sides)


RETELLING_VERBS = {"happen", "occur", "unfold", "erupt"}    # 'where the shootings took place'


def fold_retellings(cands: list[Candidate]) -> list[Candidate]:
    """'accused Sudan of carrying out the attack', 'where the shootings took place', 'the indictment also
    said …': a definite or possessed event noun that points back to a happening an earlier sentence
    reported, named only as part of another act or as the source of words, reports nothing new of it. It is no record of its own; what its phrase adds (a place) goes
    to the first mention. (A re-mention that is the news of its sentence — 'the talks focused on the
    border' — stays, sharing the happening.)"""
    by_word = {i: c for c in cands for i in {c.token.i, *(a.i for a in c.anchors)}}
    for n, cand in enumerate(cands):
        if not _retold(cand, by_word):
            continue
        backdrop = in_the_background(cand.token)
        earlier = next((c for c in cands[:n] if c.sentence < cand.sentence and not c.dropped
                        and _reported_before(c, cand, backdrop)), None)
        if earlier is None:
            continue
        cand.dropped = True
        earlier.parts.location = earlier.parts.location or cand.parts.location
    return [c for c in cands if not c.dropped]


def _reported_before(earlier: Candidate, cand: Candidate, backdrop: bool = False) -> bool:
    """The earlier mention reported the happening the later noun points back to: the same happening,
    or a real one of its kind by the parties the noun names (the noun's own status is its governing
    verb's: 'will respond to this attack', 'accused Sudan of the attack') — or, for a noun set in the
    background of another act ('after the news conference'), by no other parties than it names."""
    here, there = cand.parts.location, earlier.parts.location
    if here is not None and there is not None and (here.country, here.name) != (there.country, there.name):
        return False    # 'accused Russia of the Kharkiv attack' after a strike on Odesa: another attack
    if earlier.happening == cand.happening:
        return True
    mine = _parties(cand)
    return earlier.status == "factual" and kind_of(earlier) == kind_of(cand) and (bool(mine) or backdrop) \
        and mine <= _parties(earlier)


def _retold(cand: Candidate, by_word: dict[int, Candidate]) -> bool:
    token = cand.token
    if cand.trigger.pos != "N" or (cand.parts.date is not None and cand.parts.date_basis != "context"):
        return False
    if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in SPECIFIC_DETS) for c in kids(token)):
        return False
    if token.dep_ in ("nsubj", "nsubjpass"):
        head = token.head
        lemma = head.lemma_.lower()
        if lemma in RETELLING_VERBS or lemma in knowledge.cue_words() or (
                lemma == "take" and any(c.lower_ == "place" for c in kids(head))):
            return True     # 'the shootings took place', 'the indictment said'
    if in_the_background(token):
        return True
    for _ in range(6):      # named inside another act of its sentence
        if token.head is token or token.dep_ in ("ccomp", "parataxis", "relcl"):
            return False
        token = token.head
        other = by_word.get(token.i)
        if other is not None and other is not cand and other.happening != cand.happening:
            return True
    return False


# what a side does with a happening it takes part in: 'attended the talks', 'took part in the talks'
PARTICIPATION_VERBS = LIGHT_VERBS | {"take", "participate", "boycott", "skip", "miss", "lead", "chair"}
BACKDROP_PREPS = OTHER_TIME_PREPS | {"during", "amid", "ahead"}


def in_the_background(noun: Token) -> bool:
    """'after the news conference', 'making it the second attack', 'did not react to the comments',
    'crashed the meeting', 'his role in the shooting': a definite event noun that is a circumstance,
    a predicate or the object of another act says nothing new of the happening it names — unless a
    side takes part in it ('attended the talks', 'took part in the meeting') or it names its sides
    ('it will be the first meeting between the two ministers')."""
    if noun.dep_ == "pobj" and noun.head.lower_ in BACKDROP_PREPS:
        return True
    if any(c.dep_ == "prep" and c.lower_ in ("between", "with", "among") for c in kids(noun)):
        return False
    if noun.dep_ in ("attr", "oprd"):
        return True
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        governor = noun.head.head
    elif noun.dep_ == "dobj":
        governor = noun.head
    else:
        return False
    return governor.lemma_.lower() not in PARTICIPATION_VERBS
