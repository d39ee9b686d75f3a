"""The people of one document: each person first named in full, with every later mention ('Lavrov', 'the minister', 'he') joined to them, and the country and role their titles give."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dragoman import knowledge
from dragoman.annotate.doctext import ext, kids, proper_nouns
from dragoman.annotate.titles import (
    entity_at,
    entry_country,
    find_role,
    igo_in,
    strip_possessive,
    title_tokens,
)
from dragoman.model import Actor

PRONOUNS = {"he", "she", "him", "her", "his"}


HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "sheikh", "sheik", "prince", "princess", "king", "queen", "emir",
              "lord", "lady", "crown", "president", "premier", "minister", "general", "gen", "ambassador"}


@dataclass
class Person:
    """One person of the document, with every mention of them."""

    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    known: bool = False                     # found in the people table
    code: str | None = None                 # an IGO/NGO the person works for
    mentions: list[tuple[int, int]] = field(default_factory=list)   # token spans

    @property
    def surname(self) -> str:
        return knowledge.fold(self.name.split()[-1])

    def actor(self, text: str) -> Actor:
        return Actor.make(text, self.name, self.country, self.sector, self.code)


class PersonRegistry:
    """The people of one document; later mentions join the person first named in full."""

    def __init__(self, published: str | None) -> None:
        self.published = published
        self.people: list[Person] = []

    def find(self, name: str) -> Person | None:
        key = knowledge.fold(name)
        parts = key.split()
        for person in reversed(self.people):
            full = knowledge.fold(person.name)
            if key == full or (len(parts) == 1 and parts[0] == person.surname):
                return person
            if len(parts) > 1 and parts[-1] == person.surname and _same_given(parts[0], full.split()[0]):
                return person
        if len(parts) == 1:
            # 'Cho' for Cho Tae-yul (family name first), 'Prince Faisal' for Faisal bin Farhan
            firsts = [p for p in self.people if len(p.name.split()) > 1 and knowledge.fold(p.name.split()[0]) == parts[0]]
            if len(firsts) == 1:
                return firsts[0]
        return None

    def add(self, span: Span, title: list[Token]) -> Person:
        name = " ".join(span.text.split()).strip(" ,.;:")
        entry = knowledge.lookup(name, self.published)
        entry = entry if entry is not None and entry.kind == "person" else None
        if entry is None and span.start > 0 and span.doc[span.start - 1].lower_.rstrip(".") in HONORIFICS:
            # 'Sheikh Tamim', 'King Hassan': the table knows some people by title and name only
            titled = knowledge.lookup(f"{span.doc[span.start - 1].text} {name}", self.published)
            entry = titled if titled is not None and titled.kind == "person" else None
        earlier = self.find(name)
        if entry is not None and entry.name and earlier is not None and self.find(entry.name) is not earlier:
            entry = None    # 'Rawlings' after 'Donna Sampson Rawlings' is she, not a president of that name
        canonical = entry.name if entry and entry.name else name
        person = self.find(canonical) or earlier
        if person is None:
            person = Person(name=canonical, known=entry is not None)
            self.people.append(person)
        elif len(canonical.split()) > len(person.name.split()) and not person.known:
            person.name = canonical
        if entry is not None:
            person.known = True
            person.country = person.country or entry.country
            person.sector = person.sector or entry.sector
        words = [t.lower_ for t in title]
        role = find_role(words, person=True) or find_role(words)
        if role is not None:
            person.role = person.role or role.phrase
            general = find_role(words)      # 'Military spokeswoman': the title's sector is the military's
            person.sector = person.sector or role.sector or (general.sector if general else None)
        country = entry_country(title, self.published) or entry_country(_of_phrase(span), self.published)
        if country and not person.country:
            person.country = country        # 'Kazakh Foreign Minister X', 'King X of Morocco'
        igo = igo_in(title, self.published)
        if igo is not None and not person.country and not person.code:
            person.code, person.sector = igo.code, igo.sector
        person.mentions.append((span.start, span.end))
        return person

    def at(self, i: int) -> Person | None:
        """The person one of whose mentions holds token ``i``."""
        return next((p for p in self.people if any(s <= i < e for s, e in p.mentions)), None)

    def by_role(self, noun: str, before: int) -> Person | None:
        """The latest person before token ``before`` whose role contains the noun ('the analyst')."""
        candidates = [(max(s for s, _ in p.mentions if s < before), p) for p in self.people
                      if p.role and noun in p.role.split() and any(s < before for s, _ in p.mentions)]
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def latest_before(self, before: int, other_than: Person | None = None) -> Person | None:
        """The person mentioned last before token ``before`` (for 'he' and 'she'), other than one."""
        candidates = [(max(s for s, _ in p.mentions if s < before), p) for p in self.people
                      if p is not other_than and any(s < before for s, _ in p.mentions)]
        return max(candidates, key=lambda c: c[0])[1] if candidates else None


def _of_phrase(span: Span) -> list[Token]:
    """The object of an 'of' right after a name: 'King Hassan of Morocco' → Morocco."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].lower_ == "of" and doc[span.end].head.i in range(span.start, span.end):
        return [t for t in kids(doc[span.end]) if t.dep_ == "pobj"]
    return []


def _same_given(a: str, b: str) -> bool:
    """'sergey' and 'sergei' are one given name; so are an initial and the name it starts."""
    a, b = a.rstrip("."), b.rstrip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)) or (
        len(a) > 3 and len(b) > 3 and a[:4] == b[:4])


def _is_person_candidate(span: Span, published: str | None) -> bool:
    entry = knowledge.lookup(span.text, published)
    if entry is not None:
        return entry.kind == "person"
    if any(t.pos_ == "PROPN" and (e := knowledge.lookup(t.text, published)) is not None and e.kind != "person"
           for t in span):
        return False        # "U.S.-Russia", "Moscow Mayor": a known non-person name inside
    if span.label_ == "PERSON":
        return True
    if not all(t.pos_ == "PROPN" for t in span):
        return False
    role = find_role([t.lower_ for t in title_tokens(span)])
    return role is not None and role.person


def _surname_read_as_nationality(doc: Doc, ent: Span, end: int) -> bool:
    """A person's name whose last word the small tagger took for a nationality or place ('Mark' PERSON
    + 'Cuban' NORP): the one-word entity right after the name, a proper noun the name is a compound of."""
    if ent.label_ != "PERSON" or end >= len(doc):
        return False
    after = doc[end]
    return after.ent_type_ in ("NORP", "GPE") and after.ent_iob_ == "B" and after.pos_ == "PROPN" \
        and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end \
        and (end + 1 == len(doc) or doc[end + 1].ent_iob_ != "I")


def find_people(doc: Doc, registry: PersonRegistry) -> list[Span]:
    """Person spans of the document, including names the small NER mislabels or misses."""
    published = ext(doc, "published")
    ents = [strip_possessive(e) for e in doc.ents]
    people: list[Span] = []
    others: list[Span] = []
    for ent in ents:
        if _is_person_candidate(ent, published):
            start = ent.start
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
                    and doc[start - 1].head.i in range(ent.start, ent.end) and not doc[start - 1].ent_type_ \
                    and knowledge.roles().get(doc[start - 1].lower_) is None:
                start -= 1
            while start < ent.end - 1 and doc[start].lower_.rstrip(".") in HONORIFICS:
                start += 1          # 'Prince Faisal bin Farhan' is Faisal bin Farhan
            if start >= 2 and doc[start - 1].text in ("-", "‐") and not doc[start - 2].whitespace_ \
                    and not doc[start - 1].whitespace_ and doc[start - 2].pos_ == "PROPN":
                start -= 2          # 'Al-Shaibani'
            end = ent.end
            if doc[end - 1].text in ("-", "‐") and end < len(doc) and doc[end].pos_ == "PROPN":
                end += 1            # 'Al-' + 'Shaibani'
            elif end + 1 < len(doc) and doc[end].text in ("-", "‐") and not doc[end - 1].whitespace_ \
                    and not doc[end].whitespace_ and doc[end + 1].pos_ == "PROPN":
                end += 2
            elif _surname_read_as_nationality(doc, ent, end):
                end += 1            # 'Mark Cuban', 'Tom English': the tagger's NORP is the surname
            if ent.label_ != "PERSON" or start != ent.start or end != ent.end:
                ent = Span(doc, start, end, label="PERSON")
            registry.add(ent, title_tokens(ent))
            people.append(ent)
        else:
            others.append(ent)
    # second pass: mentions by surname alone, labelled as something else or not at all
    surnames = {p.surname for p in registry.people}
    kept: list[Span] = []
    for ent in others:
        last = knowledge.fold(ent[-1].text)
        if ent.label_ in ("ORG", "GPE", "NORP") and last in surnames and all(t.pos_ == "PROPN" for t in ent) \
                and knowledge.lookup(ent.text, published) is None:
            person_span = Span(doc, ent.start, ent.end, label="PERSON")
            registry.add(person_span, title_tokens(person_span))
            people.append(person_span)
        else:
            kept.append(ent)
    taken = {i for span in kept + people for i in range(span.start, span.end)}
    for span in _titled_names(doc, taken):
        registry.add(span, title_tokens(span))
        people.append(span)
        taken.update(range(span.start, span.end))
        surnames.add(knowledge.fold(span[-1].text))
    for i in proper_nouns(doc):
        token = doc[i]
        if token.i not in taken and knowledge.fold(token.text) in surnames:
            span = Span(doc, token.i, token.i + 1, label="PERSON")
            registry.add(span, title_tokens(span))
            people.append(span)
    return sorted(kept + people, key=lambda s: s.start)


def _titled_names(doc: Doc, taken: set[int]) -> list[Span]:
    """Names the NER missed but a title announces: 'Kazakh Foreign Minister Daulet Nurlanov'."""
    found = []
    roles = knowledge.roles()
    for i in proper_nouns(doc):
        token = doc[i]
        if token.dep_ == "compound" or token.i in taken or token.text[:1].islower():
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
                and doc[start - 1].i not in taken and roles.get(doc[start - 1].lower_) is None:
            start -= 1
        span = Span(doc, start, token.i + 1, label="PERSON")
        if any(knowledge.lookup(t.text) is not None for t in span):
            continue
        role = find_role([t.lower_ for t in title_tokens(span)], person=True)
        titled = start > 0 and roles.get(doc[start - 1].lower_) is not None and not token.ent_type_ \
            and roles.get(token.lower_) is None and not (start > 1 and doc[start - 2].lower_ == "the")
        if role is not None and (len(span) >= 2 or (titled and role.person)):
            found.append(span)          # 'Kazakh Foreign Minister Daulet Nurlanov', 'King Oduya'

    return found


def salient_person(token: Token, registry: PersonRegistry) -> Person | None:
    """'Baerbock pledged … the government led by Recean. "…," she said.': a pronoun refers first to
    the subject of its own or the previous sentences, not to whoever was named last."""
    sentences = list(token.doc.sents)
    index = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
    for back in range(0, 3):
        if index - back < 0:
            break
        sent = sentences[index - back]
        subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i < token.i and t.i != token.i
                    and t.lower_ not in PRONOUNS]
        for subject in reversed(subjects):
            ent = entity_at(subject)
            if ent is not None and ent.label_ == "PERSON":
                person = registry.find(ent.text)
                if person is not None:
                    return person
    return None


SPEAKER_LOOKBACK = 4        # sentences searched for the person a speaking 'he' or 'she' stands for


def _main_subjects(sent: Span, before: int, quoted: Callable[[Token], bool]) -> list[Token]:
    """The subjects of a sentence's main clause (its root and the verbs conjoined to it), outside
    quotes and before token ``before``, nearest first."""
    out = []
    for t in sent:
        if t.i >= before or t.dep_ not in ("nsubj", "nsubjpass") or quoted(t):
            continue
        head = t.head
        if head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT"):
            out.append(t)
    return out[::-1]


def speaking_person(token: Token, registry: PersonRegistry, quoted: Callable[[Token], bool]) -> Person | None:
    """The person a pronoun that speaks ('"…," she said', 'He added: "…"') stands for: the subject of
    the main clause of its own or an earlier sentence, skipping sentences whose main subject is itself
    a pronoun (a run of 'She says … She adds …' keeps its speaker) and the words of quotes and
    reported clauses ('She says Trump represents …' is not about Trump)."""
    sentences = list(token.doc.sents)
    index = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
    for back in range(0, SPEAKER_LOOKBACK + 1):
        if index - back < 0:
            break
        subjects = _main_subjects(sentences[index - back], token.i, quoted)
        if not subjects or subjects[0].lower_ in PRONOUNS or subjects[0].pos_ == "PRON":
            continue            # no main subject, or a pronoun again: the antecedent lies further back
        ent = entity_at(subjects[0])
        person = registry.find(ent.text) if ent is not None and ent.label_ == "PERSON" else None
        return person           # this person, or someone or something that is no known person
    return None
