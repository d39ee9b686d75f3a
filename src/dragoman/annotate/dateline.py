"""Where and when the article was filed: the dateline ("MOSCOW, March 3 (Reuters) -",
"Istanbul, 28 February —", "ANKARA (AP) —") gives the default place of its events, and the
default date of those that name none."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from dragoman.annotate.date_expressions import ResolvedDate, resolve
from dragoman.annotate.doctext import doc_text, ext
from dragoman.knowledge.gazetteer import get_gazetteer
from dragoman.model import Place

# PLACE[, Region][, DATE][ (Agency)][.][ /AGENCY/.] DASH  — at the start of a paragraph
DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Ýİ][^\W\d_]*(?:[ '’.\-][^\W\d_]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+)?))??"
    r"(?:,\s*(?P<date>(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})(?:,? \d{4})?))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?"
    r"(?:\.?\s*/(?P<slashed>[^/]{1,20})/\.?\s+|\s*(?:[-—–]{1,2}|:)\s+)",
    re.MULTILINE)


@dataclass(frozen=True)
class Dateline:
    place: Place | None
    date: ResolvedDate | None
    start: int
    end: int


def find_dateline(text: str, published: str | None) -> Dateline | None:
    """The dateline at the start of the first or second paragraph, if any."""
    for match in DATELINE.finditer(text[:600]):
        if match.start() > 0 and text[match.start() - 1] != "\n":
            continue
        name = match.group("place").strip().rstrip(".")
        if not (name.isupper() or match.group("agency") or match.group("date") or match.group("slashed")):
            continue        # 'Officials said - …' is not a dateline; shouting or a date/agency is
        prefer = ("USA",) if match.group("region") in US_STATES else ()
        place = get_gazetteer().lookup(name.title() if name.isupper() else name, strong=prefer)
        if place is None:
            continue
        date = resolve(match.group("date"), published, "past") if match.group("date") else None
        if len(TIME_STAMP.findall(text)) >= LIVE_FILE_STAMPS:
            return Dateline(None, date, match.start(), match.end())
        return Dateline(Place(text=match.group("place").strip(), name=place.name, country=place.country,
                              lat=place.lat, lon=place.lon, geonames_id=place.geonames_id,
                              feature=place.feature), date, match.start(), match.end())
    return None


# a live file ('The Latest on the presidential race (all times EDT): … 7 p.m. … 6:05 p.m. …') strings
# short reports from many places under one dateline: the dateline names the desk, not where its
# items happened, so it places none of them (its date still dates them)
TIME_STAMP = re.compile(r"^\d{1,2}(?::\d{2})? ?[ap]\.m\.$", re.MULTILINE)
LIVE_FILE_STAMPS = 2


US_STATES = {"Texas", "California", "Florida", "Georgia", "Ohio", "Virginia", "New York", "Illinois", "Maine",
             "Kentucky", "Tennessee", "Missouri", "Indiana", "Oregon", "Washington", "Alabama", "Arkansas"}


def dateline_end(text: str) -> int | None:
    """Where the dateline's words end, without resolving them (for sentence splitting)."""
    for match in DATELINE.finditer(text[:600]):
        if match.start() > 0 and text[match.start() - 1] != "\n":
            continue
        name = match.group("place").strip().rstrip(".")
        if name.isupper() or match.group("agency") or match.group("date") or match.group("slashed"):
            lookup = name.title() if name.isupper() else name
            if get_gazetteer().lookup(lookup) is not None:
                return match.end()
    return None


@Language.component("dragoman_dateline")
def annotate_dateline(doc: Doc) -> Doc:
    """Writes ``ext(doc, "dateline")`` (a Dateline or None)."""
    doc._.dateline = find_dateline(doc_text(doc), ext(doc, "published"))
    return doc
