"""What a document is about, as data two documents can be compared on: a TF-IDF vector over its words and
names, and the people its lead names.

Why fixed weights: the inverse document frequencies come from a reference corpus shipped with the package
(``knowledge/data/term_df.tsv``, built by ``scripts/build_term_df.py``), not from the store. So a
document's vector — and the similarity of two documents — depends on those two documents alone: the
threads built on it are a function of the set of documents (any input order, any batching), and a new
document can only join or merge threads, never change how two stored documents compare.

- **Terms** are the lower-cased words of the title and text (letters, or a number), without stop words,
  words of the title and the lead (the first ``LEAD_CHARS`` characters) counted ``LEAD_WEIGHT`` times,
  weighted ``(1 + log tf) * idf``; plus one term per named entity (people, organisations, places,
  events, products: ``@`` + its words) weighted ``NAME_BOOST`` times its last word's idf. Only the
  ``TOP_TERMS`` heaviest terms are kept (ties by term), then the vector is L2-normalised: bounded
  storage and a bounded inverted-index join.
- **Lead protagonists**: the last words of the names of people, products and facilities the title or
  lead names (a surname, "Q10", "Sukanya"). Two reports of one happening name its protagonists up front;
  two happenings of one kind (a boxer's two title defences, two phones launched by one carrier) name
  different ones. ``conflict`` is that test.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

TOP_TERMS = 60
LEAD_CHARS = 400
LEAD_WEIGHT = 1.0
NAME_BOOST = 2.0
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "NORP"})
#: Names that identify a happening's protagonists (people, and the vessels, devices or buildings it is
#: about); organisations and places are left out: reports of one happening credit different agencies.
PROTAGONIST_TYPES = frozenset({"PERSON", "PRODUCT", "FAC"})

_TOKEN = re.compile(r"[^\W_]*[^\W\d_][^\W_]*|\d+(?:[.,]\d+)?")


@cache
def _reference() -> tuple[int, dict[str, int], frozenset[str]]:
    from dragoman.knowledge import read_tsv

    stop = frozenset(row["word"] for row in read_tsv("stop_words.tsv"))
    rows = list(read_tsv("term_df.tsv"))
    total = next(int(r["df"]) for r in rows if r["term"] == "<documents>")
    return total, {r["term"]: int(r["df"]) for r in rows if r["term"] != "<documents>"}, stop


def stop_words() -> frozenset[str]:
    return _reference()[2]


def tokens(text: str, stop: frozenset[str] | None = None) -> list[str]:
    """Lower-cased words (at least 3 characters, or a number) of ``text`` that are not stop words."""
    stop = stop_words() if stop is None else stop
    return [w for w in _TOKEN.findall(text.casefold()) if w not in stop and (len(w) >= 3 or w[0].isdigit())]


def idf(term: str) -> float:
    """Smoothed inverse document frequency in the reference corpus (unseen terms count as seen once)."""
    total, df, _ = _reference()
    return math.log((total + 1) / (df.get(term, 1) + 1)) + 1.0


def vector(record: dict[str, Any]) -> dict[str, float]:
    """The normalised, truncated TF-IDF vector of a document record (contract dict); ``{}`` when empty."""
    text = record.get("text") or ""
    counts: Counter[str] = Counter()
    for part, weight in ((record.get("title") or "", LEAD_WEIGHT), (text[:LEAD_CHARS], LEAD_WEIGHT),
                         (text[LEAD_CHARS:], 1.0)):
        for t in tokens(part):
            counts[t] += weight
    weights: dict[str, float] = {t: (1.0 + math.log(n)) * idf(t) for t, n in counts.items()}
    for entity in record.get("entities") or []:
        if entity.get("type") not in NAME_TYPES:
            continue
        words = tokens(entity.get("text") or "")
        if words:
            key = "@" + " ".join(words)
            weights[key] = weights.get(key, 0.0) + NAME_BOOST * (
                1.0 + math.log(max(1, len(entity.get("mentions") or ())))) * idf(words[-1])
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
    norm = math.sqrt(sum(w * w for _, w in top))
    return {t: round(w / norm, 6) for t, w in top} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two normalised vectors, summed in term order (symmetric and deterministic)."""
    if len(b) < len(a):
        a, b = b, a
    return round(sum(a[t] * b[t] for t in sorted(a) if t in b), 6)


def _surname(text: str, kind: str = "PERSON") -> str | None:
    words = [w for w in tokens(text) if kind != "PERSON" or not w[0].isdigit()]
    return words[-1] if words else None


def lead(record: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(the protagonists the title or lead names, the words of the title and lead), both sorted."""
    text = record.get("text") or ""
    people = set()
    for entity in record.get("entities") or []:
        if entity.get("type") not in PROTAGONIST_TYPES:
            continue
        if any(start < LEAD_CHARS for start, _ in entity.get("mentions") or ()):
            name = _surname(entity.get("text") or "", entity["type"])
            if name and len(name) > 2:
                people.add(name)
    title = record.get("title") or ""
    words = set(tokens(f"{title} {text[:LEAD_CHARS]}"))
    people |= {w for w in _title_people(record) if w in words}
    return sorted(people), sorted(words)


def _title_people(record: dict[str, Any]) -> Iterable[str]:
    """Protagonists of the record whose name appears in its title (entities index the text only)."""
    title = (record.get("title") or "").casefold()
    if not title:
        return ()
    found = []
    for entity in record.get("entities") or []:
        if entity.get("type") in PROTAGONIST_TYPES and len(name := _surname(entity.get("text") or "",
                                                                             entity["type"]) or "") > 2 \
                and name in title:
            found.append(name)
    return found


def conflict(people_a: Iterable[str], words_a: Iterable[str], people_b: Iterable[str],
             words_b: Iterable[str]) -> bool:
    """Whether each lead names a protagonist the other lead does not: two happenings with different ones."""
    wa, wb = set(words_a), set(words_b)
    return any(p not in wb for p in people_a) and any(p not in wa for p in people_b)
