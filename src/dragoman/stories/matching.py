"""Stories: which event mentions, across documents and outlets, report the same happening.

A *mention* is one coded event in one document. Two mentions are *compatible* when all of these hold
(each rule answers one way two reports of one happening can differ, or two happenings can look alike):

1. **Status** is equal: a planned meeting (``future``) and the meeting itself (``factual``) are two
   things; so are a denial (``negated``) and the event denied.
2. **Type** is equal: the PLOVER type, or the CAMEO root (``CAMEO04``) when PLOVER has no type.
   Different CAMEO codes under one PLOVER type (``040`` met / ``046`` negotiated) are one happening
   told in different words.
3. **Parties** match. The parties of a mention are the countries (or, for IGOs/NGOs, the actor codes)
   among its actors and recipients — direction ignored, third parties (hosts, mediators) left out,
   since outlets disagree on who "acted". When the coder found only one party, the mention is completed
   with the other countries its evidence sentence names (demonyms, titled people, organisations; never
   places or third parties): "X and *his Kyrgyz counterpart*" is two-sided even if only X was coded.
   A one-sided (or party-less) mention whose own document reports the happening two-sided ("Nurlanov
   told reporters after the talks") takes that document's parties (``document_mentions``).
   Then: two many-sided mentions must share at least two parties (the two main parties); two one-sided
   mentions must have the same party; a one-sided and a many-sided mention are never linked. That last
   rule is what keeps decoys apart: a one-sided "Kazakhstan held talks" would otherwise chain the
   Kazakh-Kyrgyz and the Kazakh-Uzbek meetings of the same day into one story.
4. **Date** agrees. A mention has a *precise* date when the coder resolved one (relative expressions —
   "Thursday", "yesterday", "Feb. 27" — are already days). Otherwise its *anchor* is its document's
   publication date, an imprecise date: a factual happening is reported from ``before`` days after it
   to ``after`` day before publication. Two precise dates must be equal; a precise and an imprecise one
   must fit that window; two imprecise ones may be ``undated_gap`` day apart. An undated *future* or
   *hypothetical* mention is matched to a dated one only inside its own document, whatever the dates
   (the date of a plan is not the date it was reported). Without any date, mentions only link inside
   their own document. A mention the text dates to something other than a day the coder could
   resolve ("have held talks *since 2023*", "*last week*") is about another time than its report: it
   links with nothing (background sentences would otherwise join the news they accompany).
5. **Place** is compatible: one of them has none, or both countries are equal (or, without countries,
   the names).

6. **Related documents** (``dragoman.stories.threads``, rule 1: similar words and names, the same
   protagonists, close in time) are evidence of their own, so between mentions of two related documents
   (``related_compatible``) the rules relax where outlets differ in what they code: status and type must
   still agree, and a precise date, a place and the parties (rule 3) must not contradict; but a mention
   the coder found no party for, or no date of its own, links.

Stories are the connected components of that relation. Because the relation is a function of the two
mentions alone, the components are a function of the *set* of mentions: the same documents give the
same stories whatever order they arrive in, and a new mention can only join or merge stories, never
split one — which is what lets ``dragoman.stories.linking`` update stories incrementally. The price is
single-linkage chaining (A~B and B~C put A and C together); rules 3 and 4 are written to keep the
chains short. A story's id is derived from its smallest member key, so it is order-independent too.

Counting (see ``aggregate``): ``num_mentions`` counts every mention, copies included (as GDELT's
NumMentions); ``num_articles`` counts *independent* articles — near-duplicate copies of one article
(``dragoman.stories.near_duplicates``) count once; ``num_sources`` counts the distinct outlets of those independent
articles (an outlet that only republished a wire copy is listed under ``republished_by``, not counted).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

#: Entity types whose country may complete a one-sided mention (places and GPEs are never parties).
_PARTY_ENTITY_TYPES = frozenset({"NORP", "PERSON", "ORG"})
_FEATURE_RANK = {"site": 0, "city": 0, "region": 1, "country": 2}
_DATED_ELSEWHERE = frozenset({"future", "hypothetical"})


@dataclass(frozen=True)
class Rules:
    """The tolerances of rule 4, in days."""

    before: int = 2        # an undated factual mention may report a happening up to 2 days old ...
    after: int = 1         # ... or one dated a day after publication (time zones, overnight wires)
    undated_gap: int = 1   # two undated mentions: publication dates at most a day apart

    @property
    def window(self) -> int:
        """Widest date difference any two linked mentions can have (for candidate lookup)."""
        return max(self.before, self.after, self.undated_gap)


RULES = Rules()


@dataclass(frozen=True)
class Mention:
    """What the story rules need of one event mention (also stored, flat, in ``story_mentions``)."""

    doc_id: str
    event_id: str
    status: str
    kind: str | None
    anchor: dt.date | None
    precise: bool
    parties: tuple[str, ...]
    place_country: str | None = None
    place_name: str | None = None
    vague: bool = False  # the text dates it ("since 2023", "next week") but not to a day

    @property
    def seed(self) -> str:
        return seed_of(self.doc_id, self.event_id)


def seed_of(doc_id: str, event_id: str) -> str:
    """The sort key of a mention; a story's id derives from its smallest member's key."""
    return f"{doc_id}/{event_id}"


def story_id(seed: str) -> str:
    return hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]


def kind_of(plover: str | None, cameo: str | None) -> str | None:
    if plover:
        return plover.upper()
    return f"CAMEO{cameo[:2]}" if cameo and len(cameo) >= 2 else None


def party(actor: dict[str, Any] | None) -> str | None:
    """A country, or the code of a non-state actor; None for a bare sector ("GOV" of no country)."""
    if not actor:
        return None
    if actor.get("country"):
        return actor["country"]
    code, sector = actor.get("code"), actor.get("sector")
    return code if code and code != sector else None


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def mention_of(event: dict[str, Any], doc_id: str, published: str | dt.date | None,
               entities: Sequence[dict[str, Any]] = ()) -> Mention:
    """The mention of an event dict (contract shape) found in document ``doc_id``."""
    core = {p for a in [*(event.get("actors") or []), *(event.get("recipients") or [])] if (p := party(a))}
    if len(core) == 1:
        third = {p for a in event.get("third_parties") or [] if (p := party(a))}
        core |= _sentence_parties(event, entities) - third
    date = _day(event.get("date"))
    said = bool((event.get("date_text") or "").strip())
    if event.get("date_basis") == "published":
        date = None     # the publication date stands in for a date the text does not give
    vague = (date is None and said) or event.get("date_precision") not in (None, "day")
    loc = event.get("location") or {}
    return Mention(
        doc_id=doc_id, event_id=event["id"], status=event.get("status") or "factual",
        kind=kind_of(event.get("plover"), event.get("cameo")),
        anchor=None if vague else date or _day(published), precise=date is not None and not vague, parties=tuple(sorted(core)),
        place_country=loc.get("country") or None, place_name=loc.get("name") or None, vague=vague,
    )


def document_mentions(record: dict[str, Any]) -> list[Mention]:
    """The mentions of one document record, one-sided ones completed from their own document.

    A one-sided mention ("Nurlanov told reporters after the talks"), or one whose parties the coder
    could not name ("the two countries' ministers met"), whose document also holds exactly one set of
    parties (including its own) for a compatible many-sided mention of the same status and type
    ("Kazakh and Kyrgyz ministers held talks") refers to that happening: it takes those parties. This reads only the
    document itself, so it cannot depend on arrival order, and it keeps one-sided mentions from linking
    across documents on a single shared party (rule 3).
    """
    ms = [mention_of(ev, record["doc_id"], record.get("published"), record.get("entities") or [])
          for ev in record.get("events") or []]
    many = [m for m in ms if len(m.parties) >= 2]
    out = []
    for m in ms:
        if len(m.parties) <= 1 and many:
            sets = {x.parties for x in many if x.status == m.status and x.kind == m.kind
                    and set(m.parties) <= set(x.parties) and dates_match(m, x) and places_match(m, x)}
            if len(sets) == 1:
                m = replace(m, parties=next(iter(sets)))
        out.append(m)
    return out


def _sentence_parties(event: dict[str, Any], entities: Sequence[dict[str, Any]]) -> set[str]:
    start, end = event.get("start"), event.get("end")
    if start is None or end is None:
        return set()
    found = set()
    for ent in entities:
        country = (ent.get("actor") or {}).get("country")
        if not country or ent.get("type") not in _PARTY_ENTITY_TYPES:
            continue
        if any(start <= s < end for s, _ in ent.get("mentions") or []):
            found.add(country)
    return found


# -- the relation ---------------------------------------------------------------------------------

def compatible(a: Mention, b: Mention, rules: Rules = RULES) -> bool:
    """Whether two mentions report the same happening (rules 1-5 of the module docstring)."""
    if (a.doc_id, a.event_id) == (b.doc_id, b.event_id):
        return True
    return (a.status == b.status and a.kind is not None and a.kind == b.kind and parties_match(a, b)
            and dates_match(a, b, rules) and places_match(a, b))


def related_compatible(a: Mention, b: Mention, rules: Rules = RULES) -> bool:
    """Rule 6: whether two mentions of *related* documents report the same happening."""
    if compatible(a, b, rules):
        return True
    if a.status != b.status or a.kind is None or a.kind != b.kind or a.vague or b.vague:
        return False
    if a.precise and b.precise:
        if a.anchor != b.anchor:
            return False
    elif a.anchor is not None and b.anchor is not None and not dates_match(a, b, rules):
        return False
    sides = not a.parties or not b.parties or parties_match(a, b)
    return sides and places_match(a, b)


def parties_match(a: Mention, b: Mention) -> bool:
    pa, pb = set(a.parties), set(b.parties)
    shared = pa & pb
    if len(pa) >= 2 and len(pb) >= 2:
        return len(shared) >= 2
    return len(pa) == 1 and pa == pb


def dates_match(a: Mention, b: Mention, rules: Rules = RULES) -> bool:
    if a.vague or b.vague:
        return False
    if a.precise and b.precise:
        return a.anchor == b.anchor
    if a.anchor is None or b.anchor is None:
        return a.doc_id == b.doc_id
    if not a.precise and not b.precise:
        return abs((a.anchor - b.anchor).days) <= rules.undated_gap
    dated, undated = (a, b) if a.precise else (b, a)
    if undated.status in _DATED_ELSEWHERE:  # a plan's report date says nothing about the plan's date
        return undated.doc_id == dated.doc_id
    lag = (undated.anchor - dated.anchor).days  # publication minus happening
    return -rules.after <= lag <= rules.before


def places_match(a: Mention, b: Mention) -> bool:
    if not (a.place_country or a.place_name) or not (b.place_country or b.place_name):
        return True
    if a.place_country and b.place_country:
        return a.place_country == b.place_country
    return (a.place_name or "").casefold() == (b.place_name or "").casefold()


class UnionFind:
    """Disjoint sets over hashable items (path halving, union by smallest item for determinism)."""

    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra <= rb else (rb, ra)
            self.parent[hi] = lo

    def groups(self) -> dict[Any, list[Any]]:
        out: dict[Any, list[Any]] = {}
        for x in list(self.parent):
            out.setdefault(self.find(x), []).append(x)
        return out


def cluster(mentions: Iterable[Mention], rules: Rules = RULES,
            related: Iterable[tuple[str, str]] = ()) -> list[list[Mention]]:
    """All stories of a set of mentions at once (quadratic; the reference the incremental path must
    agree with, and what ``scripts/score_stories.py`` can run on a small corpus). ``related``: the pairs of
    documents that ``dragoman.stories.threads`` relates (rule 6)."""
    items = sorted(mentions, key=lambda m: m.seed)
    pairs = {frozenset(p) for p in related}
    uf = UnionFind()
    for i, a in enumerate(items):
        uf.find(i)
        for j in range(i + 1, len(items)):
            b = items[j]
            if (related_compatible(a, b, rules) if frozenset((a.doc_id, b.doc_id)) in pairs
                    else compatible(a, b, rules)):
                uf.union(i, j)
    return sorted(([items[i] for i in sorted(g)] for g in uf.groups().values()), key=lambda g: g[0].seed)


# -- one story from its members ----------------------------------------------------------------------

@dataclass
class Member:
    """One mention with what a story shows of it: its event, document and near-duplicate group."""

    mention: Mention
    event: dict[str, Any]
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    copy_of: str | None = None          # the canonical document when this document is a near-copy
    group_source: str | None = None     # the outlet (or URL host) of the group's canonical document
    evidence: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def group(self) -> str:
        return self.copy_of or self.mention.doc_id


def source_name(outlet: str | None, url: str | None) -> str | None:
    """Who published a document: its outlet, else its URL's host (``www.`` dropped), else unknown."""
    if outlet and outlet.strip():
        return outlet.strip()
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def _representative(members: list[Member]) -> Member:
    """The mention whose event a story shows: dated, coded the way most mentions code it (a stray
    mis-coding, e.g. a host counted as a party, is outvoted), earliest in its article (the lead
    sentence describes the happening best), located, first published."""
    def coded(m: Member) -> frozenset[str]:
        return frozenset(p for a in [*(m.event.get("actors") or []), *(m.event.get("recipients") or [])]
                         if (p := party(a)))

    votes = Counter(coded(m) for m in members)
    return min(members, key=lambda m: (not m.mention.precise, -votes[coded(m)], m.event.get("sentence") or 0,
                                       not m.event.get("location"), m.published or "9999-99-99",
                                       m.mention.seed))


def _story_date(members: list[Member]) -> str | None:
    days = Counter(m.mention.anchor for m in members if m.mention.precise and m.mention.anchor)
    if not days:
        return None
    best = min(days.items(), key=lambda kv: (-kv[1], kv[0]))
    return best[0].isoformat()


def _story_place(members: list[Member]) -> dict[str, Any] | None:
    places = [m.event["location"] for m in members if m.event.get("location")]
    if not places:
        return None
    counts = Counter((p.get("name"), p.get("country")) for p in places)
    best = min(places, key=lambda p: (-counts[(p.get("name"), p.get("country"))],
                                      _FEATURE_RANK.get(p.get("feature") or "", 1), p.get("name") or ""))
    return best


def aggregate(members: Sequence[Member]) -> dict[str, Any]:
    """The Story record (CONTRACT.md, plus ``republished_by``, ``date_precise`` and per-mention
    ``outlet``/``published``/``url``/``copy_of``) of a non-empty list of members. Deterministic: it
    depends only on the set of members, never on their order."""
    ms = sorted(members, key=lambda m: m.mention.seed)
    rep = _representative(ms)
    ev = rep.event
    sources: dict[str, str | None] = {}
    for m in ms:
        sources.setdefault(m.group, m.group_source)
    named = sorted({s for s in sources.values() if s})
    unnamed = sum(1 for s in sources.values() if not s)
    copies = sorted({s for m in ms if m.copy_of and (s := source_name(m.outlet, m.url))} - set(named))
    published = sorted(p for m in ms if (p := m.published))
    date = _story_date(ms)
    mentions = sorted(ms, key=lambda m: (m.published or "9999-99-99", m.mention.seed))
    return {
        "id": story_id(ms[0].mention.seed),
        "plover": ev.get("plover"), "cameo": ev.get("cameo"),
        "actors": ev.get("actors") or [], "recipients": ev.get("recipients") or [],
        "third_parties": ev.get("third_parties") or [],
        "date": date, "date_precise": date is not None,
        "location": _story_place(ms), "status": rep.mention.status,
        "num_mentions": len(ms), "num_articles": len(sources), "num_sources": len(named) + unnamed,
        "outlets": named, "republished_by": copies,
        "first_seen": published[0] if published else None,
        "parties": sorted({p for m in ms for p in m.mention.parties}),
        "mentions": [{"doc_id": m.mention.doc_id, "event_id": m.mention.event_id,
                      "evidence": m.evidence if m.evidence is not None else m.event.get("evidence"),
                      "outlet": m.outlet, "published": m.published, "url": m.url,
                      "date": m.event.get("date"), "copy_of": m.copy_of} for m in mentions],
    }
