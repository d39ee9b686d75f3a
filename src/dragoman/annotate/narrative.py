"""The time a passage is set in: news tells a background story in a run of past-tense sentences
under one date ('In 1973 he pleaded guilty. He agreed to testify against his former boss.'); an
undated act of that run happened then, not on the day the article was published."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from dragoman import knowledge
from dragoman.annotate.candidates import Candidate
from dragoman.annotate.date_expressions import ResolvedDate, day_of
from dragoman.annotate.doctext import doc_text, ext, kids, sentences
from dragoman.annotate.happenings import an_earlier_one, judged_act, kind_of, vague_time
from dragoman.annotate.titles import role_of

RUN_LENGTH = 2          # sentences a background date carries over
BACKGROUND_DAYS = 30    # a date at least this far before publication sets a background passage
PAST_AUX = {"had", "was", "were", "'d"}
SEQUENCE_PREPS = {"after", "before", "since", "following", "until", "ahead", "prior"}


def carry_background_time(cands: list[Candidate], doc: Doc) -> None:
    """Gives an undated, factual, past-tense act the date that set the passage it is told in: the
    date of the main clause of its own sentence or of one of the ``RUN_LENGTH`` sentences before,
    when that date lies a month or more before publication and no paragraph break or
    present-tense main clause lies between. Statements are left alone: a quote after a background
    paragraph is usually today's ('X invaded in 2022. The minister said …')."""
    published = day_of(ext(doc, "published"))
    if published is None or not cands:
        return
    passage: _Passage | None = None
    for cand in cands:
        if cand.parts.date is not None or cand.status != "factual" or cand.cameo.startswith("01") \
                or not _told_in_the_past(cand.token) or _dated_clause(cand.token):
            continue
        passage = passage or _Passage(doc, published)
        setting = passage.setting_at(cand.token)
        if setting is not None:
            cand.parts.date, cand.parts.date_text = setting, setting.text
            cand.parts.date_basis = "context"


STORY_KINDS = {"ASSAULT"}     # a report of violence is about one attack, retold in many sentences


def date_by_the_story(cands: list[Candidate], doc: Doc, mentions: list[Candidate]) -> None:
    """A crime or attack report tells one attack in many sentences, and dates it once ('the Monday
    morning shootings'); its other undated, factual, past-tense mentions of violence ('LaCalamita shot
    Riva in the chest') happened then too, not on the day of the report. Only when every dated
    mention of violence in the document (``mentions``: coded or not — 'the Monday morning shootings'
    names no side) names that same day, before publication — within a month, or at any time before
    for the report of a trial, which retells an older crime ('was fatally shot in 2011'); never a
    mention told as another or earlier one, or with a vague time of its own."""
    published = day_of(ext(doc, "published"))
    if published is None:
        return
    violence = [c for c in mentions if c.plover in STORY_KINDS and c.parts.date is not None and c.parts.date.date
                and c.status == "factual"]
    days = {c.parts.date.date for c in violence if c.parts.date_basis != "context"}
    if len(days) != 1:
        return
    day = next(iter(days))
    if not (_recent(day, published) or (_before(day, published) and _told_in_court(doc))):
        return
    dated = [c for c in violence if c.parts.date.date == day]
    victims = {a.name for c in dated for a in c.parts.recipients if a.name}
    for cand in cands:
        if (cand.plover in STORY_KINDS or _an_arrest(cand)) and cand.parts.date is None and cand.status == "factual" and \
                _of_the_past(cand.token) and not an_earlier_one(cand) \
                and not vague_time(cand.token) and not _other_victims(cand, victims):
            cand.parts.date, cand.parts.date_text = dated[0].parts.date, dated[0].parts.date_text
            cand.parts.date_basis = "context"


ARREST_WORDS = {"arrest", "detain", "apprehend", "catch", "capture"}


def _an_arrest(cand: Candidate) -> bool:
    """'Jenkin was arrested near the house': the arrest a crime report tells came with the crime, most
    often on its day, not on the day of the report."""
    return cand.cameo.startswith("173") and cand.token.lemma_.lower() in ARREST_WORDS


def _recent(day: str, published: dt.date) -> bool:
    """A day at most ``BACKGROUND_DAYS`` before publication: the news a report of violence tells."""
    found = day_of(day)
    return len(day) == 10 and found is not None and 0 < (published - found).days <= BACKGROUND_DAYS


def _before(period: str, published: dt.date) -> bool:
    """The day, month or year ends before the month of publication ('in 2011' in a 2013 report)."""
    return period < published.isoformat()[:min(len(period), 7)]


COURT_WORDS = re.compile(r"\b(?:trial|jury|jurors?|testified|testimony|verdict|sentenced|convicted|pleaded"
                         r"|courtroom|prosecutors?)\b")


def _told_in_court(doc: Doc) -> bool:
    """A report of a trial or a hearing, which retells a crime of months or years before ('was fatally
    shot in 2011'): its undated mentions of the violence are that crime, not news of the day."""
    return COURT_WORDS.search(doc_text(doc).lower()) is not None


LEAD_SENTENCES = 3      # the first sentences that tell of acts: where a report says which day it tells of
NEWS_DAYS = 7           # a lead day at most this far before publication is the day the report is about


def date_by_the_news_day(cands: list[Candidate], doc: Doc, mentions: list[Candidate]) -> None:
    """A report published days after what it tells dates it in its lead ('An Indian warship on Thursday
    intercepted three boats', 'The jury deliberated seven hours Thursday') and leaves the rest of the
    day's acts undated ('The navy confiscated 14 rifles', 'the verdict we got'). Those happened on the
    lead's day, not on the day the report came out. Only when the lead's dated mentions (``mentions``:
    coded or not) name one day, two to ``NEWS_DAYS`` days before publication; only undated, factual acts
    told in the past (or in the headline), never a mention the text ties to no moment or to an
    earlier one."""
    published = day_of(ext(doc, "published"))
    if published is None:
        return
    told = sorted({c.sentence for c in mentions})[:LEAD_SENTENCES]    # bylines and datelines tell nothing
    kinds = {kind_of(c) for c in mentions if c.sentence == told[0]} if told else set()
    lead = [c for c in mentions if c.sentence in told and kind_of(c) in kinds and c.parts.date is not None
            and c.parts.date.date and c.parts.date.precision == "day" and c.parts.date_basis != "context"
            and c.status == "factual" and c.token.pos_ == "VERB" and _of_the_past(c.token)]
    # (a day the lead tells an act done on: a noun's date is often another's, 'the invitation to
    # Monday's summit')
    if len({c.parts.date.date for c in lead}) != 1:
        return
    setting = lead[0]
    found = day_of(setting.parts.date.date)
    if found is None or not 2 <= (published - found).days <= NEWS_DAYS:
        return
    for cand in cands:
        if cand.parts.date is None and cand.status == "factual" and not cand.cameo.startswith("01") \
                and _of_the_past(cand.token) and not vague_time(cand.token) and not at_no_time(cand) \
                and not _in_a_sequence(cand.token) and not judged_act(cand.token):
            cand.parts.date, cand.parts.date_text = setting.parts.date, setting.parts.date_text
            cand.parts.date_basis = "context"


def _in_a_sequence(token: Token) -> bool:
    """An act the sentence places before or after another ('after the officials met', 'following the
    vote'): a time of its own, not the lead's day."""
    for current in [token, *token.ancestors][:4]:
        if any(c.dep_ == "mark" and c.lower_ in SEQUENCE_PREPS for c in kids(current)):
            return True
        if current.dep_ in ("pobj", "pcomp") and current.head.lower_ in SEQUENCE_PREPS:
            return True
    return False


def _of_the_past(token: Token) -> bool:
    """Told in the past: a past-tense verb, an event noun of a past-tense clause ('foiled an attack'),
    or the headline's act."""
    if token.sent.start == 0 and "\n" in token.sent.text:
        return True         # (a headline: 'Somali pirate attack foiled')
    verb = _tense_bearer(token)
    return verb is not None and _told_in_the_past(verb)


def _other_victims(cand: Candidate, victims: set[str]) -> bool:
    """Named victims none of whom the dated attack names: another killing ('after Keith Scott was
    killed by police', in a story dated by Terence Crutcher's shooting)."""
    named = {a.name for a in cand.parts.recipients if a.name}
    return bool(named) and bool(victims) and not named & victims



class _Passage:
    """The sentences of a document, read only where an undated past act asks: which of them set a
    background date, and which are told in the past."""

    def __init__(self, doc: Doc, published: dt.date) -> None:
        self.doc, self.published = doc, published
        self.sents, self.starts = sentences(doc)
        self.dates = ext(doc, "dates") or {}
        self.date_ids = sorted(i for i, found in self.dates.items() if found.date)
        self.text = doc_text(doc)
        self.read: dict[int, tuple[bool, ResolvedDate | None]] = {}

    def setting_at(self, token: Token) -> ResolvedDate | None:
        """The background date in force at the token: its own sentence's, or one of the ``RUN_LENGTH``
        sentences' before it, with only past-tense sentences and no paragraph break between."""
        at = bisect_right(self.starts, token.i) - 1
        for back in range(at, max(at - RUN_LENGTH, 0) - 1, -1):
            past, found = self._sentence(back)
            if found is not None:
                start_char = self.sents[back].start_char
                return None if "\n\n" in self.text[start_char:token.idx] else found
            if back < at and not past:
                return None     # a present-tense sentence between: the passage is back in the present
        return None

    def _sentence(self, k: int) -> tuple[bool, ResolvedDate | None]:
        """(told in the past, the background date it sets): a date a month or more back, hung on the
        main verb of a past-tense sentence."""
        known = self.read.get(k)
        if known is None:
            sent = self.sents[k]
            root = sent.root
            past, found = _told_in_the_past(root), None
            lo = bisect_right(self.date_ids, sent.start - 1)
            for i in self.date_ids[lo:]:
                if i >= sent.end:
                    break
                if _main_clause_adjunct(self.doc[i], root):
                    day = day_of(self.dates[i].date)
                    if past and day is not None and (self.published - day).days >= BACKGROUND_DAYS:
                        found = self.dates[i]
                    break
            known = self.read[k] = (past, found)
        return known


def _dated_clause(token: Token) -> bool:
    """A date inside the act's own clause, or the clause of the verb it is conjoined with ('shot and
    killed him in 1957'), that did not reach it: a date of its own the parse hid, not the passage's."""
    dates = ext(token.doc, "dates") or {}
    clause = token.head if token.dep_ == "conj" else token
    return any(t.i in dates for t in clause.subtree)


def _main_clause_adjunct(token: Token, root: Token) -> bool:
    """A date hung on the main verb, directly or through prepositions and nouns ('In 1973, …', 'on
    March 30, 1972', 'in an interview last summer'), not inside a clause of its own."""
    current = token
    for _ in range(6):
        if current.i == root.i:
            return True
        if current.dep_ == "prep" and current.lower_ in SEQUENCE_PREPS:
            return False    # 'After a test in January, the council imposed …': later than January
        if current.dep_ not in ("pobj", "prep", "npadvmod", "nummod", "compound", "amod", "appos", "tmod",
                                "advmod", "nmod", "poss"):
            return False
        current = current.head
    return False


def _told_in_the_past(token: Token) -> bool:
    """A verb in the simple past or past perfect, active or passive ('agreed', 'had agreed', 'was
    arrested'); not a present perfect ('has accused' reaches into the present)."""
    if token.tag_ == "VBD":
        return not any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP", "MD") for c in kids(token))
    if token.tag_ == "VBN":
        return any(c.dep_ in ("aux", "auxpass") and c.lower_ in PAST_AUX for c in kids(token))
    return False


HABITUAL_ADVERBS = {"often", "repeatedly", "regularly", "routinely", "frequently", "always", "usually",
                    "constantly", "continually", "sometimes", "typically", "generally", "increasingly",
                    "never", "ever", "long", "traditionally", "habitually", "consistently", "presently"}
INDEFINITE_PAST = {"recently", "previously", "formerly", "lately", "once"}
SPAN_NOUNS = {"years", "months", "decades", "weeks", "centuries"}


def at_no_time(cand: Candidate) -> bool:
    """A mention the text ties to no moment: an act that has not happened (planned, possible, wished),
    a habit, a state of affairs, a span or an indefinite past ('has often accused', 'is accused of
    shooting', 'uses planes to deliver food', 'five years of fighting', 'have opposed the plan'). Its
    date stands in for the report, not for a day the act happened on (an event with a date of its
    own is never asked)."""
    if cand.status in ("future", "hypothetical") or an_earlier_one(cand):
        return True         # not yet real, or 'her previous visit': not the day of the report
    token = cand.token
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "of" \
            and token.head.head.lower_ in SPAN_NOUNS:
        return True         # 'years of fighting', 'decades of conflict'
    if _a_span(token):
        return True         # 'continue to discuss', 'fighting since June': a stretch of time, no day
    if _in_recent_times(token):
        return True         # 'in recent months, he said he backed …': some time lately, no day
    if _a_life_told(token):
        return True         # 'the leader who won independence before being assassinated': a life, no day
    verb = _tense_bearer(token)
    if verb is None:
        return False
    issued = token.head.head if token.dep_ == "acl" and token.head.dep_ == "dobj" else token   # 'issued a paper welcoming'
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS | INDEFINITE_PAST
           for c in kids(verb) + kids(token) + kids(issued)):
        return True         # 'often accuses'; 'recently issued a paper': some time before, no day said
    auxes = [c for c in kids(verb) if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBN" and any(a.lower_ in ("has", "have", "'ve") for a in auxes):
        return True         # a present perfect ('has accused', 'have been warned'): before now, no day said
    if verb.tag_ == "VBN" and any(a.lower_ in ("had", "'d") for a in auxes) and not _in_reported_words(verb):
        return True         # a past perfect ('a bill the governor had backed'): before the time told
    present = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ in ("VBN", "VBG") and any(a.tag_ in ("VBZ", "VBP") for a in auxes))
    # a present tense outside the headline, of an act that is not a statement ('the organization uses
    # planes to deliver food', 'is implicated in the bombing', 'who is accused of shooting'): a habit
    # or a state, not the day's news ('says' in running text is the report's own present)
    return present and verb.sent.start > 0 and not knowledge.cue_words().get(verb.lemma_.lower())


def _a_life_told(token: Token) -> bool:
    """A past act told in a relative clause about a person ('Aung San, the leader who secured
    independence before being assassinated', 'Flowers, who once had an affair with …'): a piece of
    that person's story, told with no time of its own, not the day's news."""
    clause = token
    for _ in range(4):
        if clause.dep_ in ("relcl", "acl") or clause.head is clause:
            break
        if clause.dep_ not in ("pcomp", "prep", "pobj", "conj", "xcomp", "advcl", "dobj"):
            return False
        clause = clause.head
    if clause.dep_ != "relcl" or clause.tag_ not in ("VBD", "VBN"):
        return False
    person = clause.head
    return person.ent_type_ == "PERSON" or (
        (role := role_of(person)) is not None and role.person)


def _in_reported_words(verb: Token) -> bool:
    """'Officials said 12 people had been killed': a past perfect in reported words is the speaker's
    past moved back a tense, not a time before the story's. (Any cue above it, with or without a
    subject of its own, unlike ``frames.speaker_verb``, which looks for the speaker.)"""
    cues = knowledge.cue_words()
    for _ in range(4):
        if verb.dep_ not in ("ccomp", "conj", "xcomp", "advcl", "parataxis") or verb.head is verb:
            return False
        verb = verb.head
        if verb.lemma_.lower() in cues:
            return True
    return False


CONTINUING = {"continue", "keep", "remain"}
RECENT = {"recent", "past", "previous"}
PERIODS = {"days", "weeks", "months", "years", "decades"}


def _in_recent_times(token: Token) -> bool:
    """'in recent months', 'over the past years': a stretch before now, told as the act's time."""
    clause = _tense_bearer(token) or token
    return any(prep.dep_ == "prep" and prep.lower_ in ("in", "over", "during", "within") and any(
        c.dep_ == "pobj" and c.lower_ in PERIODS and any(m.dep_ == "amod" and m.lower_ in RECENT for m in kids(c))
        for c in kids(prep)) for head in {token, clause} for prep in kids(head))


def _a_span(token: Token) -> bool:
    """An act told as going on ('continue to discuss', 'kept shelling') or as lasting since a time
    ('fighting since June', 'has been detained since 2022')."""
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in CONTINUING:
        return True
    return any(c.dep_ == "prep" and c.lower_ == "since" for c in kids(token))


def _tense_bearer(token: Token) -> Token | None:
    """The verb whose tense tells when the mention holds: the trigger's own, or the one it is the
    object, complement or purpose of ('is implicated in the bombing', 'uses planes to deliver')."""
    current = token
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX") and not (current.tag_ in ("VB", "VBG") and current.dep_ in
                                                      ("xcomp", "advcl", "pcomp") and current.head is not current):
            return current
        if current.head is current:
            return None
        current = current.head
    return None
