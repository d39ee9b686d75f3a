"""Who said what: direct quotes with their speaker and cue, and indirect speech ("X said that …").

A reader keeps track of who is talking: an attribution after the quote (`"…," he noted.`,
`"…," said Ana Lund, a physicist`, `"…" ― Ana Lund`) or before it (`Ismailov said:`, `Said Lund:`,
`Lund called it "…"` / a colon-introduced paragraph), and, where a quote paragraph has none, the
speaker who was talking just before. The attribution nearest the quote wins; the search after a
quote ends with its sentence, not with the full stop of a title or an initial ('Mr. Rove said.',
'Janet L. Yellen said.'). Any verb of ``cues.tsv`` of kind ``said`` or ``quote`` attributes ('quipped',
'implored', 'tweeted'). The speaker is then resolved like any actor: pronouns and role nouns
("the analyst") go to the person they stand for; a source that is no known actor ("the report",
"the team") is kept in its own words, or as the organisation that owns it ("the IMF report").
Quoted titles ('"The Late Show"'), scare quotes and short quotes in a headline are not quotes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

import numpy
from spacy.attrs import LEMMA, POS
from spacy.language import Language
from spacy.parts_of_speech import NOUN, VERB
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from dragoman import knowledge
from dragoman.annotate.actors import actors_of, freeze_actors
from dragoman.annotate.doctext import doc_text, ext, kids
from dragoman.annotate.people import PRONOUNS, PersonRegistry, salient_person, speaking_person
from dragoman.annotate.quote_spans import QuoteSpan, QuoteSpans, document_quote_spans
from dragoman.annotate.titles import role_of
from dragoman.model import Actor, Quote

MIN_WORDS = 4           # shorter quoted strings are scare quotes unless attributed
ATTRIBUTION_WINDOW = 120  # characters after a closing mark searched for "he said"

# words whose full stop does not end a sentence: titles before names, initials, common short forms
ABBREVIATIONS = {"mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "govs", "lt", "gen",
                 "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "brig", "lieut", "rev",
                 "fr", "msgr", "sr", "jr", "st", "hon", "pres", "supt", "insp", "det", "atty", "amb", "sec",
                 "del", "assemblyman", "no", "nos", "vs", "v", "mt", "ft", "jan", "feb", "mar", "apr", "aug",
                 "sept", "sep", "oct", "nov", "dec", "inc", "co", "corp", "ltd", "bros", "dept", "univ", "approx",
                 "est", "etc", "e.g", "i.e", "al"}


def _inside(token: Token, spans: list[QuoteSpan]) -> bool:
    if isinstance(spans, QuoteSpans):
        return spans.around(token.idx)
    return any(s.before <= token.idx < s.after for s in spans)


def _cue_verb(tokens: Span | list[Token], spans: list[QuoteSpan], kinds: tuple[str, ...] = ("said", "quote"),
              last: bool = False, subject_after: int = -1) -> Token | None:
    """The first (``last``: the last) speech verb among tokens (outside quotes) that has a subject:
    the one nearest the quote, whichever side of it the tokens lie. With ``subject_after``, the subject
    must follow that offset: after a quote, 'she said' attributes it, '… and later read' does not."""
    found = None
    for t in tokens:
        if is_cue(t, kinds) and not _inside(t, spans) and (subject := _subject(t)) is not None \
                and subject.idx > subject_after:
            if not last:
                return t
            found = t
    return found


AFTER_FULL_STOP = 6     # after a quote closing its sentence, an attribution comes at once ('"…." Lund said.')


def _after_attribution(tokens: list[Token], qs: QuoteSpan, spans: list[QuoteSpan],
                       closed: bool) -> tuple[Token | None, Token | None]:
    """The speech verb after a quote and its speaker: the verb's subject when the parse gives one
    outside the quote, else the name between the closing mark and the verb ('"…," Tulsa police Chief
    Ana Lund said', which the parser may hang on the quote), else the name right after an inverted
    verb ('"…," said Ana Lund, a physicist'). After a quote that ends its own sentence, only a verb
    among the first few words attributes it."""
    words = [t for t in tokens if not t.is_space]
    for n, t in enumerate(words):
        if closed and n >= AFTER_FULL_STOP:
            break
        if not is_cue(t) or _inside(t, spans) or _subordinate(t):
            continue
        subject = _subject(t)
        if subject is not None and subject.idx > qs.end and not _inside(subject, spans) \
                and subject.pos_ in ("NOUN", "PROPN", "PRON"):
            return t, subject
        run = _noun_run([w for w in words[:n] if w.idx > qs.end])
        if run is None and n == 0:
            run = _noun_run(words[1:])
        if run is not None:
            return t, run
    return None, None


SUBORDINATORS = {"when", "while", "as", "after", "before", "because", "if", "since", "although", "though"}


def _subordinate(verb: Token) -> bool:
    """A verb of a subordinate clause ('… when Lund blasted him'): no attribution of the quote before it."""
    return any(c.dep_ in ("mark", "advmod") and c.lower_ in SUBORDINATORS and c.i < verb.i for c in kids(verb))


def _before_attribution(tokens: list[Token], spans: list[QuoteSpan]) -> tuple[Token | None, Token | None]:
    """The speech verb before a quote nearest to it, and its speaker: its subject (a name or noun);
    else the name right after it ('Said Lund: "…"'); else, for a participle, the name right before
    it ('footage of Lund asking, "…"', even where the parser takes 'asking' for a noun)."""
    words = [t for t in tokens if not t.is_space]
    for n in range(len(words) - 1, -1, -1):
        t = words[n]
        if not (is_cue(t) or _participle_noun(t)) or _inside(t, spans):
            continue
        subject = _subject(t)
        if subject is not None and not _inside(subject, spans) and subject.pos_ in ("NOUN", "PROPN", "PRON"):
            return t, subject
        run = words[n - 1] if n > 0 and _name_like(words[n - 1]) else None     # 'Chief Ana Lund said'
        if run is None:
            run = _noun_run(words[n + 1:])                                       # 'Said Lund:'
        if run is not None:
            return t, run
        if subject is not None and not _inside(subject, spans):
            return t, subject
    return None, None


def _participle_noun(token: Token) -> bool:
    """A speech verb's '-ing' form after a name that the parser took for a noun: 'Lund asking'."""
    if token.pos_ != "NOUN" or not token.lower_.endswith("ing") or token.i == 0 or token.nbor(-1).pos_ != "PROPN":
        return False
    stem = token.lower_[:-3]
    cues = knowledge.speech_cues()
    return any(cues.get(s) in ("said", "quote") for s in (stem, stem + "e", stem[:-1] if stem[-2:-1] == stem[-1:] else ""))


def _name_like(token: Token) -> bool:
    return token.pos_ in ("PROPN", "NOUN") or (token.text[:1].isupper() and token.is_alpha and token.text != "I")


def _noun_run(tokens: list[Token]) -> Token | None:
    """The last word of the first run of names and nouns among tokens (determiners and titles' full
    stops allowed inside): 'Tulsa police Chief Ana Lund' → Lund."""
    run: list[Token] = []
    for t in tokens:
        name = _name_like(t)
        if name or (run and t.text == ".") or (not run and t.pos_ in ("DET", "ADJ")):
            if name:
                run.append(t)
        elif run:
            break
        elif t.is_punct:
            continue
        else:
            return None
    return run[-1] if run else None


def is_cue(token: Token, kinds: tuple[str, ...] = ("said", "quote")) -> bool:
    """A verb of ``cues.tsv`` of one of the kinds (speech verbs, and the verbs that attribute quotes),
    or 'put' in 'as Lund put it'."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    return knowledge.speech_cues().get(token.lemma_.lower()) in kinds or _put_it(token)


def _put_it(verb: Token) -> bool:
    """'as Lund put it': a way of saying."""
    return verb.lemma_ == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in kids(verb)) \
        and any(c.dep_ in ("mark", "advmod") and c.lower_ in ("as", "how") for c in kids(verb))


def _as_put_it(verb: Token | None, qs: QuoteSpan) -> bool:
    """A few quoted words right after 'as Lund put it,': her words, not a scare quote."""
    if verb is None or not _put_it(verb):
        return False
    return verb.idx < qs.before and not re.search(r"[.!?\n]", doc_text(verb.doc)[verb.idx:qs.before])


def _according_to(tokens: list[Token]) -> Token | None:
    """The source of 'according to X'."""
    for t in tokens:
        if t.lower_ == "according":
            for prep in kids(t):
                if prep.lower_ == "to":
                    return next((c for c in kids(prep) if c.dep_ == "pobj"), None)
    return None


def _subject(verb: Token) -> Token | None:
    """The speaker of a speech verb: its subject (never a dash the parser took for a noun); the head of
    a relative clause ('Sybiha, who said'); the subject of the verb it is conjoined to ('thanked
    Türkiye and said')."""
    subjects = [c for c in kids(verb) if c.dep_ in ("nsubj", "nsubjpass") and any(ch.isalnum() for ch in c.text)]
    if len(subjects) > 1:       # the parser may hang a quoted clause's subject on the speech verb too
        spans = document_quote_spans(verb.doc)
        subjects.sort(key=lambda c: _inside(c, spans))
    for child in subjects:
        if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            head = verb.head
            while head.dep_ == "conj" and head.head is not head:
                head = head.head
            if head.dep_ == "attr" and head.head.lemma_ == "be" and (described := _subject(head.head)) is not None:
                return described       # 'Berg is a senator who said …': Berg
            return verb.head
        return child
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN") and verb.tag_ == "VBG":
        if verb.head.pos_ == "NOUN":    # 'footage of Lund saying', parsed as the footage saying
            named = [p for prep in kids(verb.head) if prep.lower_ == "of"
                     for p in kids(prep) if p.dep_ == "pobj" and p.pos_ == "PROPN"]
            if named:
                return named[0]
        return verb.head        # 'Clinton asking, "…"'
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VB" and verb.head.pos_ in ("VERB", "AUX") \
            and verb.head is not verb and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(verb)):
        # an infinitive: 'Lund appeared to suggest', 'took to Twitter to accuse' (her own words);
        # 'the senator forced Berg to admit' (the object's words, unless a speech verb asks for them)
        obj = next((c for c in kids(verb.head) if c.dep_ == "dobj" and c.i < verb.i), None)
        if obj is not None:
            return None if knowledge.speech_cues().get(verb.head.lemma_.lower()) else obj
        subject = _subject(verb.head)
        if subject is not None and verb.head.lemma_ == "be":     # 'his answer was to say …': his
            return next((c for c in kids(subject) if c.dep_ == "poss"), subject)
        return subject
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX") \
            and verb.head is not verb:
        before = verb.nbor(-1) if verb.i > 0 else None
        if before is not None and before.pos_ == "PROPN" and before.dep_ == "pobj":
            return before               # 'the ad uses footage of Lund asking, "…"'
        return _subject(verb.head)      # 'Lund walked onto the stage, chanting "…"'
    return None


class SpeakerResolver:
    """Turns the subject of a speech verb into an Actor, remembering who spoke last."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.registry: PersonRegistry = ext(doc, "persons")
        self.last: Actor | None = None

    def resolve(self, subject: Token) -> Actor | None:
        low = subject.lower_
        if low in PRONOUNS:
            spans = document_quote_spans(self.doc)
            salient = speaking_person(subject, self.registry, lambda t: _inside(t, spans)) \
                or salient_person(subject, self.registry)
            if salient is not None:
                return salient.actor(subject.text)
            if self.last is not None and self.last.name:
                return self.last
        if subject.pos_ == "NOUN" and self.last is not None and self.last.name:
            role = role_of(subject)
            person = next((p for p in self.registry.people if p.name == self.last.name), None)
            if role is not None and role.person and person is not None and person.role \
                    and subject.lemma_.lower() in person.role.split():
                return replace(self.last, text=source_phrase(subject))    # "the president added": Obama, as named here
        actors = actors_of(subject)
        if actors and _surname_like_a_place(subject, actors[0]):
            return self.source(subject, owner=False)    # 'Chief Chuck Jordan said': a person, not the kingdom
        if actors:
            return actors[0]
        return self.source(subject)

    def source(self, subject: Token, owner: bool = True) -> Actor | None:
        """A source that is no known actor: 'the report', 'the newspaper', 'Zero Hedge'. Its owner
        where the phrase names one ('the IMF report', 'Clinton's campaign'), else the phrase itself."""
        if subject.pos_ not in ("NOUN", "PROPN") or subject.lower_ in PRONOUNS:
            return None
        for child in kids(subject) if owner else ():
            if child.dep_ in ("compound", "poss") and child.pos_ == "PROPN":
                owners = actors_of(child)
                if owners and (owners[0].name or owners[0].country or owners[0].code):
                    return owners[0]
        phrase = source_phrase(subject)
        return Actor(text=phrase, name=phrase if subject.pos_ == "PROPN" else None) if phrase else None

    def remember(self, actor: Actor | None) -> Actor | None:
        if actor is not None:
            self.last = actor
        return actor


def _surname_like_a_place(subject: Token, actor: Actor) -> bool:
    """A place name that ends a person's name: 'Chuck Jordan', 'Bo Paris' (given name before it)."""
    place = knowledge.lookup(subject.text)
    if actor.name is not None or subject.pos_ != "PROPN" or place is None \
            or place.kind not in ("country", "capital", "demonym"):
        return False
    given = [c for c in kids(subject) if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == subject.i - 1]
    return bool(given) and knowledge.lookup(given[0].text) is None and knowledge.roles().get(given[0].lower_) is None \
        and knowledge.lookup(f"{given[0].text} {subject.text}") is None and given[0].ent_type_ not in ("GPE", "LOC")


def source_phrase(head: Token) -> str:
    """The words of a source's noun phrase: its determiners, modifiers and 'of' phrase, without a
    relative clause or an apposition ('the IMF report', 'Mr. Morgan of the Sierra Club')."""
    left = head
    for child in head.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod") and not child.is_space:
            left = child.left_edge if child.left_edge.i < left.i else child
            break
    right = head
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "at", "for", "from", "with"):
            right = child.right_edge
        else:
            break
    text = head.doc[left.i:right.i + 1].text
    return " ".join(text.split()).strip(" ,;:")


def _sentence_index(doc: Doc) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in doc.sents]


def sentence_of(bounds: list[tuple[int, int]], char: int) -> int:
    for i, (start, end) in enumerate(bounds):
        if start <= char < end:
            return i
    return max(len(bounds) - 1, 0)


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _next_boundary(text: str, start: int, spans: list[QuoteSpan]) -> int:
    """Where an attribution after a quote ends: sentence end, paragraph end or the next quote."""
    limit = min(len(text), start + ATTRIBUTION_WINDOW)
    nxt = min((s.before for s in spans if s.before >= start), default=limit)
    para = text.find("\n", start)
    ends = [x for x in (nxt, para if para >= 0 else limit, limit) if x >= start]
    if not ends:
        return start        # the quote closes the text: nothing follows it
    stop = min(ends)
    end = sentence_end(text[start:stop])
    return start + end if end is not None else stop


def sentence_end(text: str) -> int | None:
    """Where the first sentence of ``text`` ends (after its mark), skipping the full stops of titles,
    initials and short forms ('Mr. Rove said.', 'Janet L. Yellen said.', 'Rep. Moore said.')."""
    for m in re.finditer(r"[.!?](?=[\"”’]*(?:\s|$))", text):
        if text[m.start()] == "." and _abbreviated(text[:m.start()]):
            continue
        return m.end()
    return None


def _abbreviated(before: str) -> bool:
    """True when the word before a full stop is a short form: a title, an initial, 'U.S'."""
    word = re.search(r"[\w.\-]*$", before).group().lower()
    if not word:
        return False
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or "." in word.strip(".")


def _previous_clause_start(text: str, start: int, spans: list[QuoteSpan]) -> int:
    """Where an attribution before a quote may begin: paragraph start or the previous quote's end."""
    para = text.rfind("\n", 0, start) + 1
    prev = max((s.after for s in spans if s.after <= start), default=0)
    return max(para, prev)


@Language.component("dragoman_quotes")
def annotate_quotes(doc: Doc) -> Doc:
    """Writes ``ext(doc, "quotes")``: direct quotes (speaker, cue, offsets) then indirect speech."""
    freeze_actors(doc)      # every actor, place and person is known by now (see ``freeze_actors``)
    text = doc_text(doc)
    spans = document_quote_spans(doc)
    bounds = _sentence_index(doc)
    speakers = SpeakerResolver(doc)
    quotes: list[Quote] = []
    prev_end, prev_speaker, prev_para_end_quote = -1, None, False
    for qs in spans:
        words = len(text[qs.start:qs.end].split())
        speaker, cue = None, None
        # 1. an attribution after the closing mark: '"…," he noted.'
        after = _tokens_between(doc, qs.after, _next_boundary(text, qs.after, spans))
        verb, subject = _after_attribution(after, qs, spans, text[qs.start:qs.end].rstrip().endswith("."))
        if is_title(text[qs.start:qs.end]) and (verb is None or not _stands_alone(text, qs.before)):
            continue        # 'appeared on "The Late Show"', 'read from "The Long Road Home"'
        if _nickname(text, qs):
            continue        # 'Del. Marcia "Cia" Price'
        if words < HEADLINE_QUOTE_WORDS and verb is None and _in_headline(text, qs.start):
            continue        # 'Senator calls plan "a disgrace"' over the story: a label, not a statement
        # 2. an attribution before the opening mark: 'Ismailov said: "…"'
        if verb is None:
            before_start = _previous_clause_start(text, qs.before, spans)
            verb, subject = _before_attribution(_tokens_between(doc, before_start, max(before_start, qs.before)),
                                                spans)
        if verb is not None and subject is not None:
            speaker, cue = speakers.resolve(subject), verb.lower_
        # 1b. a dash and a name after the closing mark: '"…" ― Ana Lund'
        if speaker is None and verb is None:
            speaker, cue = _dash_source(doc, text, qs.after, speakers)
        if speaker is None:
            source = _according_to(after) or _according_to(
                _tokens_between(doc, _previous_clause_start(text, qs.before, spans), max(0, qs.before)))
            if source is not None:
                speaker, cue = speakers.resolve(source), "according to"
        # 3. a colon at the end of the paragraph before introduces the quote
        if speaker is None:
            speaker, cue = _colon_intro(doc, text, qs, speakers, spans)
        # 3b. a quote inside a clause of another verb: 'Ana Lund called it "…"', 'Lund attacked "…"'
        if speaker is None and not _stands_alone(text, qs.before):
            verb = _governing_verb(doc, qs, spans)
            if verb is not None:
                speaker, cue = speakers.resolve(_subject(verb)), verb.lower_
        # 4. the second half of a split quote, or a paragraph continuing the speaker's words
        gap = text[prev_end + 1:qs.before] if prev_end >= 0 else ""
        if speaker is None and prev_speaker is not None and (prev_para_end_quote or "\n\n" not in gap or len(gap) < 200):
            speaker = prev_speaker
        if speaker is None and words >= MIN_WORDS:
            speaker = _recent_speaker(doc, qs.start, speakers)
        if speaker is None and words < MIN_WORDS:
            continue
        if words < MIN_WORDS and (verb is None or not _stands_alone(text, qs.before)):
            # a few quoted words are a quote only inside what a speaker reports: 'she said it would
            # take "more hours"' (not 'described the talks as "useful"', nor 'the so-called "plan"')
            reporting = _governing_verb(doc, qs, spans, kinds=("said", "quote"))
            if (reporting is None and not _as_put_it(verb, qs)) or is_title(text[qs.start:qs.end]):
                continue
            if reporting is not None:
                speaker, cue = speakers.resolve(_subject(reporting)) or speaker, reporting.lower_
        speakers.remember(speaker)
        quotes.append(Quote(text=text[qs.start:qs.end], speaker=speaker, cue=cue, direct=True,
                            start=qs.start, end=qs.end, sentence=sentence_of(bounds, qs.start)))
        prev_end, prev_speaker, prev_para_end_quote = qs.end, speaker, qs.open_at_paragraph_end or _para_ends(text, qs.end)
    verbs, nouns = _cue_words(doc)
    quotes.extend(_nested_dropped(_indirect(doc, verbs, spans, bounds, speakers) + _according(doc, spans, bounds, speakers)
                                  + _claims(doc, nouns, spans, bounds, speakers)))
    quotes.sort(key=lambda q: (q.start, not q.direct))
    doc._.quotes = quotes
    return doc


def _governing_verb(doc: Doc, qs: QuoteSpan, spans: list[QuoteSpan],
                    kinds: tuple[str, ...] | None = None) -> Token | None:
    """The nearest verb outside the quote, above the quoted words in the parse, that has a subject
    (with ``kinds``: the nearest such cue verb of those kinds)."""
    inner = _tokens_between(doc, qs.start, qs.end)
    words = [t for t in inner if not t.is_punct and not t.is_space]
    if not words:
        return None
    current = min(words, key=lambda t: len(list(t.ancestors)))
    for _ in range(8):
        if current.head is current:
            return None
        current = current.head
        if _inside(current, spans) and qs.before <= current.idx < qs.after:
            continue
        if current.pos_ in ("VERB", "AUX") and _subject(current) is not None \
                and (kinds is None or is_cue(current, kinds)):
            return current
    return None


DASHES = "―—–-"


def _dash_source(doc: Doc, text: str, start: int, speakers: SpeakerResolver) -> tuple[Actor | None, str | None]:
    """'"…" ― Ana Lund' or '"…" — Ana Lund, a teacher': the name after a dash that follows the quote."""
    m = re.match(r"[\s\"'”»]*[" + DASHES + r"]{1,2}[\s\u00a0]*(?=[A-Z])", text[start:start + 6])
    if m is None:
        return None, None
    line_end = text.find("\n", start + m.end())
    end = min(len(text), start + m.end() + 80, line_end if line_end >= 0 else len(text))
    run: list[Token] = []
    for t in _tokens_between(doc, start + m.end(), end):
        if t.pos_ == "PROPN" or (t.text[:1].isupper() and t.is_alpha):
            run.append(t)
        elif t.is_space and "\n" not in t.text:
            continue
        else:
            break
    if not run:
        return None, None
    speaker = speakers.resolve(run[-1])
    if speaker is None:
        speaker = Actor(text=" ".join(t.text for t in run), name=" ".join(t.text for t in run))
    return speaker, None


SMALL_WORDS = {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
               "from", "as", "into", "vs", "vs.", "de", "la", "le", "von", "van", "'n'"}


def is_title(quoted: str) -> bool:
    """A quoted name of a work, show or programme: a few words, each capitalised but the small ones
    ('The Long Road Home', 'Meet the Press'), and no sentence inside."""
    words = [w.strip("\"“”‘’'(),.:;!?") for w in quoted.split()]
    words = [w for w in words if any(c.isalpha() for c in w)]
    if not 2 <= len(words) <= 10 or re.search(r"[.!?][\"”’]?\s+\S", quoted.strip()):
        return False
    if words[0][:1].islower():
        return False
    capitals = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    return len(capitals) >= 2 and all(w in capitals or w.lower() in SMALL_WORDS for w in words)


HEADLINE_WORDS = 20         # a first paragraph this short, without a full stop inside, is a headline
HEADLINE_QUOTE_WORDS = 6    # quoted words in a headline shorter than this are labels


def _in_headline(text: str, char: int) -> bool:
    """True when the offset lies in a headline: the text's first paragraph, if it is short and has
    no sentence inside it."""
    first = text.find("\n")
    first = len(text) if first < 0 else first
    if char >= first or first == len(text):
        return False
    head = text[:first].strip()
    return (len(head.split()) <= HEADLINE_WORDS and not head.endswith(".")     # a headline has no full stop
            and not re.search(r"[.!?][\"”’]?\s+\S", head))


def _nickname(text: str, qs: QuoteSpan) -> bool:
    """One or two capitalised words quoted inside a name: 'Marcia "Cia" Price', 'Earvin "Magic" Johnson'."""
    words = text[qs.start:qs.end].split()
    return 1 <= len(words) <= 2 and all(w[:1].isupper() for w in words) \
        and re.search(r"\b[A-Z][\w.'-]*\s$", text[max(0, qs.before - 30):qs.before]) is not None \
        and re.match(r"\s[A-Z]", text[qs.after:qs.after + 2]) is not None


def _stands_alone(text: str, mark: int) -> bool:
    """A quote that opens its paragraph or sentence, or follows a colon, is a statement, not a scare quote."""
    before = text[:mark].rstrip(" \t\u00a0\u2009\u202f")
    return not before or before.endswith(("\n", ":", ".", "!", "?"))


def _para_ends(text: str, end: int) -> bool:
    """True when nothing but the closing mark (and a full stop) follows the quote in its paragraph."""
    rest = text[end:end + 5]
    return bool(re.match(r"(?:''|[\"”»])?[.!?]?\s*(\n|$)", rest))


def _colon_intro(doc: Doc, text: str, qs: QuoteSpan, speakers: SpeakerResolver,
                 spans: list[QuoteSpan]) -> tuple[Actor | None, str | None]:
    """'Ismailov highlighted Türkiye’s stance:' then the quote: the subject of the colon's sentence."""
    lead = text[:qs.before].rstrip()
    if not lead.endswith(":"):
        return None, None
    colon = doc.char_span(len(lead) - 1, len(lead), alignment_mode="expand")
    if colon is None:
        return None, None
    sentence = colon[0].sent
    verbs = [t for t in sentence if t.pos_ in ("VERB", "AUX") and not _inside(t, spans) and _subject(t) is not None]
    cues = knowledge.speech_cues()
    verbs.sort(key=lambda t: (not cues.get(t.lemma_.lower()), t.dep_ != "ROOT"))
    if verbs:
        return speakers.resolve(_subject(verbs[0])), verbs[0].lower_
    return None, None


def _recent_speaker(doc: Doc, start: int, speakers: SpeakerResolver) -> Actor | None:
    """The subject of the last speech or belief verb in the paragraph before a bare quote paragraph."""
    para_start = doc_text(doc).rfind("\n\n", 0, start)
    prev_start = doc_text(doc).rfind("\n\n", 0, max(para_start, 0)) + 1 if para_start > 0 else 0
    verb = None
    for t in _tokens_between(doc, prev_start, max(para_start, prev_start)):
        if knowledge.speech_cues().get(t.lemma_.lower()) and t.pos_ == "VERB" and _subject(t) is not None:
            verb = t
    return speakers.resolve(_subject(verb)) if verb is not None else None


@cache
def _lemma_hashes(nouns: bool = False) -> frozenset[int]:
    lemmas = knowledge.claim_nouns() if nouns else knowledge.speech_cues()
    return frozenset(hash_string(form) for lemma in lemmas for form in (lemma, lemma.capitalize()))


def _cue_words(doc: Doc) -> tuple[list[Token], list[Token]]:
    """The verbs of the document whose lemma is a cue and the nouns of ``claim_nouns.tsv``, picked
    out of the token arrays at once (no Token made for the other words)."""
    if not len(doc):
        return [], []
    rows = doc.to_array([POS, LEMMA])
    found = numpy.nonzero((rows[:, 0] == VERB) | (rows[:, 0] == NOUN))[0]
    verbs, nouns = _lemma_hashes(), _lemma_hashes(True)
    out: tuple[list[Token], list[Token]] = ([], [])
    for i, pos, lemma in zip(found.tolist(), rows[found, 0].tolist(), rows[found, 1].tolist(), strict=True):
        if lemma in (verbs if pos == VERB else nouns):
            out[pos != VERB].append(doc[i])
    return out


# verbs that only say a claim noun was made: its maker is the one who said it ('rejected the claim' is not)
LIGHT_VERBS = {"make", "issue", "sound", "renew", "repeat", "voice", "express", "deliver", "reiterate", "lodge", "file",
               "launch", "press", "step"}


def _claimed(noun: Token, takes: tuple[str, ...]) -> list[Token]:
    """The words a claim noun reports: its 'that' clause, or its 'for' phrase ('a call for a
    ceasefire', 'a call for the city to accept …')."""
    for c in noun.rights:
        if "that" in takes and c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX") \
                and any(x.dep_ == "mark" and x.lower_ == "that" for x in kids(c)) \
                and any(x.dep_ in ("nsubj", "nsubjpass") and x.lower_ != "that" for x in kids(c)):
            return _trimmed(list(c.subtree))
        if "for" in takes and c.dep_ == "prep" and c.lower_ == "for" and any(x.dep_ == "pobj" for x in kids(c)):
            return list(noun.doc[c.i + 1:c.right_edge.i + 1])
        if "for" in takes and c.dep_ in ("advcl", "acl") and any(x.dep_ == "mark" and x.lower_ == "for" for x in kids(c)):
            return _trimmed(list(c.subtree))
    return []


def _claims(doc: Doc, nouns: list[Token], spans: list[QuoteSpan], bounds: list[tuple[int, int]],
            speakers: SpeakerResolver) -> list[Quote]:
    """"Berg's claim that the fire was set", 'a Daily Star report that …', 'Lund renewed her call for
    a ceasefire': the words of a noun of ``claim_nouns.tsv``, said by the noun's owner (a noun
    without one reports no one: 'the council rejected the claim that …')."""
    out = []
    takes = knowledge.claim_nouns()
    for noun in nouns:
        tokens = _claimed(noun, takes.get(noun.lemma_.lower(), ()))
        if len(tokens) < 3 or _inside(noun, spans):
            continue
        owner = next((c for c in kids(noun) if c.dep_ in ("poss", "nsubj")), None) \
            or next((c for c in reversed(list(noun.lefts)) if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
        # (a subject: the verb taken for a noun, 'Lund charges that …')
        if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS:
            owner = _subject(noun.head)         # 'Lund made the claim that …', 'sounded a call for …'
        speaker = speakers.resolve(owner) if owner is not None else None
        if speaker is None or any(_inside(t, spans) for t in tokens):
            continue
        start = tokens[0].idx
        text = doc_text(doc)[start:tokens[-1].idx + len(tokens[-1])].rstrip(" .")
        out.append(Quote(text=text, speaker=speaker, cue=noun.lower_, direct=False,
                         start=start, end=start + len(text), sentence=sentence_of(bounds, start)))
    return out


def _indirect(doc: Doc, verbs: list[Token], spans: list[QuoteSpan], bounds: list[tuple[int, int]],
              speakers: SpeakerResolver) -> list[Quote]:
    """'X said that …', 'X believes the meeting is …': the clause, with direct = False."""
    out = []
    cues = knowledge.speech_cues()
    complements = knowledge.cue_complements()
    for t in verbs:
        if t.pos_ != "VERB" or not (kind := cues.get(t.lemma_.lower())) or _inside(t, spans):
            continue
        subject = _subject(t)
        if subject is None and t.tag_ in ("VBD", "VBZ", "VBP") and t.i > 0 and t.nbor(-1).pos_ == "PROPN" \
                and t.nbor(-1).dep_ != "compound":
            subject = t.nbor(-1)    # '… with the board of the Star Lund said that …', the name parsed away
        if subject is None:
            continue
        clause = next((c for c in kids(t) if c.dep_ == "ccomp" and not _fronted_apart(c, t)), None)
        if clause is None and kind != "judge":
            clause = _unmarked_clause(t) or _relative_that(t)
        inserted = clause is None and t.dep_ == "parataxis" and _inserted_into(t) is not None
        if inserted:
            clause = _inserted_into(t)      # 'The museum, Ms. Lund said, will open in May.'
        if clause is not None:
            tokens = _trimmed(list(clause.subtree))
        elif t.lemma_.lower() in complements:
            tokens = _complement(t, kind, complements[t.lemma_.lower()])
        else:
            continue
        if not tokens or (clause is not None and _inside(clause, spans)):
            continue
        if kind == "belief" and clause is not None and clause.pos_ not in ("VERB", "AUX"):
            continue        # 'considers Kaine her mentor': a view of someone, not a reported statement
        if inserted and any(_inside(x, spans) for x in tokens):
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        text = doc_text(doc)[start:end].rstrip(" .")
        if len(text.split()) < 3 or text.isupper():
            continue        # too short to be a statement, or a heading in capitals ('EVEN HIS BOSS THINKS …')
        speaker = speakers.resolve(subject) or _unresolved(subject)
        if speaker is None:
            continue
        out.append(Quote(text=text, speaker=speaker, cue=t.lower_, direct=False,
                         start=start, end=start + len(text), sentence=sentence_of(bounds, start)))
    return out


def _fronted_apart(clause: Token, verb: Token) -> bool:
    """A clause before the verb that a colon or semicolon cuts off: 'We have been here before: Lund
    declared war' ('The plan will fail, Lund told reporters' is reported)."""
    if clause.i > verb.i:
        return False
    return re.search(r"[:;]", doc_text(verb.doc)[clause.idx:verb.idx]) is not None


def _inserted_into(verb: Token) -> Token | None:
    """The clause a speech verb is set into: 'The museum, Lund said, will open' (on the verb), 'The
    difference now, she told me, is that …' (on the subject noun of the clause's verb)."""
    head = verb.head
    if head.pos_ in ("VERB", "AUX"):
        return head
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _relative_that(verb: Token) -> Token | None:
    """A reported clause the parser hung on the listener as a relative clause: 'told a meeting of
    leaders that few people understood …' ('that' a conjunction there, not the clause's subject or object)."""
    for obj in kids(verb):
        if obj.dep_ not in ("dobj", "dative"):
            continue
        for t in obj.subtree:
            if t.dep_ == "relcl" and t.pos_ in ("VERB", "AUX") \
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in kids(t)) \
                    and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in kids(t)):
                return t
    return None


def _unmarked_clause(verb: Token) -> Token | None:
    """A reported clause the parser took for an adverbial one: 'Lund said after the vote he would
    resign' (a finite clause with its own subject and no 'when', 'because' or 'if')."""
    for c in verb.rights:
        if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX") \
                and any(x.dep_ in ("nsubj", "nsubjpass") for x in kids(c)) \
                and not any(x.dep_ == "mark" or (x.dep_ == "advmod" and (x.tag_ == "WRB" or x.lower_ in SUBORDINATORS))
                            for x in kids(c)) \
                and (c.tag_ in ("VBD", "VBZ", "VBP") or any(x.tag_ == "MD" for x in kids(c))):
            return c
    return None


OBJECT_PREPOSITIONS = {"for", "of", "as", "over", "about", "to", "with"}


def _complement(verb: Token, kind: str, allowed: tuple[str, ...]) -> list[Token]:
    """What a speech act without a reported clause says, by the complements ``cues.tsv`` allows:
    'vowed [to cut taxes]', 'urged [voters to stay home]', 'called for [a recount]', 'called on [the
    firm to pay]', 'called [the plan a disgrace]', 'criticized [the bill for its cost]'. A naming verb
    ('called', 'described') needs a predicate after its object: 'called the meeting' says nothing."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in kids(verb)):
        return []       # 'Lund was called a liar', 'voters were urged to …': the subject is not the speaker
    rights = [c for c in verb.rights if not c.is_punct and not c.is_space]
    infinitive = next((c for c in rights if c.dep_ in ("xcomp", "advcl") and c.pos_ in ("VERB", "AUX")
                       and any(x.lower_ == "to" and x.dep_ == "aux" for x in kids(c))), None)
    if "to" in allowed and infinitive is not None:
        first = next((c for c in rights if c.dep_ in ("dobj", "prep") and c.i < infinitive.i), infinitive)
        if first.dep_ == "prep" and first.lower_ not in ("on", "upon"):
            first = infinitive
        start = first.i + 1 if first.dep_ == "prep" else first.left_edge.i
        return _trimmed(list(verb.doc[start:infinitive.right_edge.i + 1]))
    for c in rights:
        if c.dep_ == "prep" and c.lower_ in allowed and c.lower_ not in ("on", "upon", "to"):
            objects = [x for x in kids(c) if x.dep_ in ("pobj", "pcomp")]
            if objects:
                return list(verb.doc[c.i + 1:c.right_edge.i + 1])
        if c.dep_ == "advcl" and "for" in allowed and any(x.lower_ == "for" and x.dep_ == "mark" for x in kids(c)):
            return [x for x in c.subtree if not (x.lower_ == "for" and x.dep_ == "mark")]   # 'called for X to …'
    if "object" not in allowed:
        return []
    obj = next((c for c in rights if c.dep_ == "dobj"), None)
    if obj is None:
        return []
    predicate = [c for c in rights if c.i > obj.i and (c.dep_ in ("oprd", "ccomp", "xcomp")
                                                       or (c.dep_ == "prep" and c.lower_ == "as"))] \
        + [c for c in obj.rights if c.dep_ == "prep" and c.lower_ == "as"]     # 'cited the remarks as examples'
    if (kind == "label" and not predicate) or (obj.pos_ == "PRON" and not predicate):
        return []       # 'called the meeting'; 'denied it', 'criticized them': no words said
    end = max([obj.right_edge.i, *(c.right_edge.i for c in predicate)])      # 'called her vote in May a mistake'
    for c in rights:
        if c.i > end and c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS:
            end = c.right_edge.i
        elif c.i > end:
            break
    return list(verb.doc[obj.left_edge.i:end + 1])


def _trimmed(tokens: list[Token]) -> list[Token]:
    """A reported clause without its opening 'that' or 'for' and punctuation: 'said [that,] in May, …'."""
    while tokens and (tokens[0].is_punct or tokens[0].is_space
                      or (tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "for"))):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_space:
        tokens = tokens[:-1]
    return tokens


def _unresolved(subject: Token) -> Actor | None:
    """A source the text names but no actor stands for: 'they say', 'those close to him say'."""
    if subject.pos_ == "PRON" and subject.lower_ in ("they", "it", "those", "some", "others", "many", "most"):
        return Actor(text=source_phrase(subject) if subject.lower_ != "it" else subject.text)
    return None


def _according(doc: Doc, spans: list[QuoteSpan], bounds: list[tuple[int, int]],
               speakers: SpeakerResolver) -> list[Quote]:
    """'American officials will meet … on Friday, according to U.S. diplomat Laura Kessler.'"""
    out = []
    text = doc_text(doc)
    sentences = []
    for m in re.finditer(r"\b[Aa]ccording\b", text):    # only the sentences that say 'according'
        span = doc.char_span(m.start(), m.end())
        if span is not None and (not sentences or sentences[-1].start != span[0].sent.start):
            sentences.append(span[0].sent)
    for sent in sentences:
        source = _according_to(list(sent))
        if source is None or _inside(source, spans):
            continue
        speaker = speakers.resolve(source)
        if speaker is None:
            continue
        according = next(t for t in sent if t.lower_ == "according")
        words = [t for t in sent if not (according.i <= t.i <= source.right_edge.i) and not t.is_punct]
        if len(words) < 3 or any(_inside(t, spans) for t in words):
            continue
        start = words[0].idx
        end = max(t.idx + len(t) for t in words if t.i < according.i) if according.i > words[0].i else \
            words[-1].idx + len(words[-1])
        out.append(Quote(text=doc_text(doc)[start:end].rstrip(" ,"), speaker=speaker, cue="according to", direct=False,
                         start=start, end=start + len(doc_text(doc)[start:end].rstrip(" ,")),
                         sentence=sentence_of(bounds, start)))
    return out


def _nested_dropped(quotes: list[Quote]) -> list[Quote]:
    """'Whitlock said she expected that X would sign …': one reported claim, not two."""
    return [q for q in quotes if not any(o is not q and o.start <= q.start and q.end <= o.end
                                         and (o.end - o.start) > (q.end - q.start) for o in quotes)]


def speaker_at(doc: Doc, char: int) -> Actor | None:
    """The speaker whose words (direct or indirect) contain the character offset, if any."""
    best = None
    for q in ext(doc, "quotes") or []:
        if q.start <= char < q.end and (best is None or q.direct):
            best = q
    return best.speaker if best else None
