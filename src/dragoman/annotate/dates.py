"""When: date expressions resolved against the publication date, in the tense of their clause
("on Thursday" is the last Thursday in a past-tense clause and the next one in a future one)."""

from __future__ import annotations

import calendar
import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from dragoman import knowledge
from dragoman.annotate.date_expressions import relative_to, resolve
from dragoman.annotate.doctext import ext, kids

MONTH_DAY = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b|"
                       r"\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)")


def _month_end(month: str) -> str:
    year, mon = (int(x) for x in month.split("-"))
    last = calendar.monthrange(year, mon)[1]
    return f"{year:04d}-{mon:02d}-{last:02d}"


BOUNDARY_PREPS = {"since", "until", "till", "through", "throughout"}
FUTURE_AUX = {"will", "shall", "'ll", "’ll", "would"}


def tense_of(token: Token) -> str:
    """past | present | future of the clause a token sits in, read from its governing verb."""
    head = token
    for _ in range(8):
        if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
            break
        head = head.head
    auxes = [c for c in kids(head) if c.dep_ in ("aux", "auxpass")] + ([head] if head.pos_ == "AUX" else [])
    if any(a.lower_ in FUTURE_AUX for a in auxes) or any(
            a.lower_ == "going" for a in auxes):
        return "future"
    tags = {head.tag_} | {a.tag_ for a in auxes}
    if tags & {"VBD", "VBN"} and not tags & {"VBZ", "VBP"}:
        return "past"
    if head.pos_ == "VERB" and head.tag_ in ("VBZ", "VBP") and not auxes \
            and head.lemma_.lower() not in knowledge.cue_words():
        return "future"     # a schedule: 'the leaders meet Monday', 'talks resume in March'
    return "present"


@Language.component("dragoman_dates")
def annotate_dates(doc: Doc) -> Doc:
    """Writes ``ext(doc, "dates")``: token index → ResolvedDate for every token of a resolvable DATE entity."""
    published = ext(doc, "published")
    year_reference = _month_end(ext(doc, "month")) if published is None and ext(doc, "month") else None
    dates = {}
    anchor: str | None = None       # the last day-precise date mentioned ('six days later' counts from it)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if ent.root.dep_ == "pobj" and ent.root.head.lower_ in BOUNDARY_PREPS:
            continue    # 'the first visit since January': a period's edge, not the day of an event
        resolved = resolve(ent.text, published, tense_of(ent.root))
        if resolved is None and year_reference and MONTH_DAY.search(ent.text):
            # 'Feb. 12' under a 'date 2025-02' header: the header gives the year, nothing else
            resolved = resolve(ent.text, year_reference, "past")
        if (resolved is None or not resolved.date) and anchor is not None:
            resolved = relative_to(ent.text, anchor)
        if resolved is not None and resolved.date and resolved.precision == "day":
            anchor = resolved.date
        if resolved is not None and resolved.date:
            for i in range(ent.start, ent.end):
                dates[i] = resolved
    doc._.dates = dates
    return doc
