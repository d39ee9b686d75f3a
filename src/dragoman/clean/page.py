"""Clean: separate the article body from the page furniture around it, and keep both.

Text copied or scraped from news sites carries lines that are not the article: font-size and share
widgets, image credits, a header with the date, the outlet's sign-off.  Left in, they become
sentences (and false entities) downstream; thrown away, the date and outlet they carry are lost.
So each such line is moved to ``removed`` with its kind, the header date becomes ``published`` and
a sign-off naming the outlet becomes ``outlet``.  Every non-blank input line ends up either in the
body text or in ``removed``: nothing is silently dropped.

Kinds in ``removed``: ``header`` (a date line), ``chrome`` (page widgets), ``credit`` (image/source
credits), ``signoff`` (the outlet name or reporting line at the end).  Which lines are chrome or
credit is data: ``knowledge/data/page_chrome.tsv``.  Datelines (``MOSCOW, March 3 (Reuters) -``) and
headings are body text and stay.

The body keeps its characters exactly (no re-wrapping, no quote normalisation); only whitespace at
the edges of lines is trimmed, and paragraphs are separated by one blank line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from dragoman.knowledge import read_tsv
from dragoman.model import Removed

__all__ = ["Cleaned", "clean", "parse_header"]

CHROME, CREDIT, HEADER, SIGNOFF = "chrome", "credit", "header", "signoff"

# Safety limits that keep body sentences in the body (see page_chrome.tsv).
_CREDIT_MAX_WORDS = 8
_CHROME_MAX_WORDS = 40
_OUTLET_MAX_WORDS = 4
_OUTLET_MAX_CHARS = 40
_SIGNOFF_MAX_LINES = 2  # e.g. "(Reporting by ...; Editing by ...)" then "Reuters"


@dataclass
class Cleaned:
    """The body text and what was taken out of it, with the date and outlet those parts gave."""

    text: str
    removed: list[Removed] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD from a header line; None for month-only headers
    outlet: str | None = None  # from an outlet sign-off


def clean(text: str) -> Cleaned:
    """Splits ``text`` into body and removed parts; reads the header date and outlet sign-off."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    first = next((i for i, line in enumerate(lines) if line), None)
    parts: list[list[Removed] | None] = [None] * len(lines)  # None: the line is body (or blank)
    dates: list[tuple[str, str]] = []  # (label, YYYY-MM-DD) of each header with a full date
    for i, line in enumerate(lines):
        if line:
            parts[i] = _removable(line, dates, first_line=i == first)

    outlet = _take_signoffs(lines, parts)
    body, removed, paragraph = [], [], []
    for line, taken in zip(lines, parts, strict=True):
        if not line:
            if paragraph:
                body.append("\n".join(paragraph))
                paragraph = []
        elif taken is None:
            paragraph.append(line)
        else:
            removed.extend(taken)
    if paragraph:
        body.append("\n".join(paragraph))
    return Cleaned("\n\n".join(body), removed, _published(dates), outlet)


# --- chrome and credits -------------------------------------------------------------------------

@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The rows of page_chrome.tsv, compiled once per process."""
    rows = []
    for row in read_tsv("page_chrome.tsv"):
        kind = row.get("kind", "")
        if kind not in (CHROME, CREDIT):
            raise ValueError(f"page_chrome.tsv: kind must be chrome or credit, not {kind!r}: {row}")
        rows.append((re.compile(row["pattern"], re.IGNORECASE), kind))
    return tuple(rows)


def _page_kind(text: str) -> str | None:
    """``chrome`` or ``credit`` when the whole of ``text`` is such a line, else None."""
    words = len(text.split())
    if words > _CHROME_MAX_WORDS:
        return None
    for pattern, kind in _patterns():
        if not pattern.fullmatch(text):
            continue
        if kind == CREDIT and (words > _CREDIT_MAX_WORDS or (words > 3 and text[-1] in ".!?")):
            continue  # a sentence that happens to start like a credit is body text
        return kind
    return None


_SEPARATORS = "|·•"


def _chrome_pieces(text: str) -> list[Removed] | None:
    """``text`` as chrome, whole or as separator-delimited widgets ("Share | Print"); else None."""
    if _page_kind(text.lstrip(_SEPARATORS + " ")) == CHROME:
        return [Removed(text, CHROME)]
    cuts = [m.start() for m in re.finditer(f"[{_SEPARATORS}]", text)]
    if not cuts:
        return None
    starts = [0, *cuts]
    for start, end in zip(starts, [*cuts, len(text)], strict=True):
        widget = text[start:end].strip(_SEPARATORS + " ")
        if widget and _page_kind(widget) != CHROME:
            return None
    return [Removed(text, CHROME)]


def _removable(line: str, dates: list[tuple[str, str]], first_line: bool) -> list[Removed] | None:
    """What a non-blank line is made of, when it is not body text; None when it is body."""
    kind = _page_kind(line)
    if kind is not None:
        return [Removed(line, kind)]
    header = parse_header(line, allow_bare=first_line)
    if header is not None:
        label, day, end = header
        rest = line[end:].strip()
        mark = len(dates)  # this header's date goes before those of headers chained after it
        tail = _chrome_pieces(rest) if rest else []
        if tail is None:
            tail = _header_chain(rest, dates)
        if tail is not None:
            if day:
                dates.insert(mark, (label, day))
            return [Removed(line[:end].strip(), HEADER), *tail]
        return None
    return _chrome_pieces(line)


def _header_chain(rest: str, dates: list[tuple[str, str]]) -> list[Removed] | None:
    """A further header after a separator ("Published: ... | Updated: ..."), else None."""
    if rest[:1] not in _SEPARATORS:
        return None
    stripped = rest.lstrip(_SEPARATORS + " ")
    removed = _removable(stripped, dates, first_line=False) if stripped else None
    if not removed or removed[0].kind != HEADER:
        return None
    separator = rest[: len(rest) - len(stripped)].strip()
    return [Removed(f"{separator} {removed[0].text}", HEADER), *removed[1:]]


# --- header dates --------------------------------------------------------------------------------

_MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for name in names}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DATE = (
    rf"{_WEEKDAY}(?:"
    r"(?P<iy>\d{4})[-/.](?P<im>\d{1,2})(?:[-/.](?P<id>\d{1,2}))?"  # 2025-02-27, 2025-02
    rf"|(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{_MONTH}),?\s+(?P<dy>\d{{4}})"  # 27 February 2025
    rf"|(?P<mm>{_MONTH})\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})"  # February 27, 2025
    rf"|(?P<om>{_MONTH})\s+(?P<oy>\d{{4}})"  # February 2025
    r"|(?P<ed>\d{1,2})\.(?P<em>\d{1,2})\.(?P<ey>\d{4})"  # 27.02.2025
    r")"
)
_TIME = (r"(?:\s*(?:,|T|at|-|–)?\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
         r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}|\(?(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?)?)?")
_LABEL = (r"(?P<label>date|dated|published|posted|updated|last\s+updated|first\s+published)"
          r"(?:\s+on)?\s*[:\-–]?\s*")
_END = rf"(?=$|\s|[{_SEPARATORS},;])"
_LABELLED = re.compile(rf"{_LABEL}{_DATE}{_TIME}{_END}", re.IGNORECASE)
_BARE = re.compile(rf"{_DATE}{_TIME}{_END}", re.IGNORECASE)


def parse_header(line: str, allow_bare: bool = False) -> tuple[str, str | None, int] | None:
    """Reads a header date at the start of ``line``: ``(label, YYYY-MM-DD or None, end offset)``.

    The day is None when the header gives only a month (no day is invented).  ``allow_bare`` also
    accepts a date with no label ("27 February 2025"), meant for a document's first line only.
    Returns None when the line does not start with a valid header date.
    """
    match = _LABELLED.match(line) or (_BARE.match(line) if allow_bare else None)
    if match is None:
        return None
    g = match.groupdict()
    year, month, day = (
        (g["iy"], g["im"], g["id"]) if g["iy"] else
        (g["dy"], _MONTHS[_month(g["dm"])], g["dd"]) if g["dy"] else
        (g["my"], _MONTHS[_month(g["mm"])], g["md"]) if g["my"] else
        (g["oy"], _MONTHS[_month(g["om"])], None) if g["oy"] else
        (g["ey"], g["em"], g["ed"])
    )
    try:
        date = dt.date(int(year), int(month), int(day or 1))
    except ValueError:
        return None
    if not 1900 <= date.year <= 2100:
        return None
    label = " ".join((g.get("label") or "date").lower().split())
    return label, date.isoformat() if day else None, match.end()


def _month(name: str) -> str:
    return name.lower().rstrip(".")


def _published(dates: list[tuple[str, str]]) -> str | None:
    """The publication date: the first non-"updated" header, else the first header at all."""
    for label, day in dates:
        if "updated" not in label:
            return day
    return dates[0][1] if dates else None


# --- sign-offs -----------------------------------------------------------------------------------

_REPORTING = re.compile(
    r"(?:(?:additional\s+)?reporting|writing|written|editing|edited|compiled|contributing)"
    r"\b[^()\[\]]{0,200}?\bby\b[^()\[\]]{1,240}", re.IGNORECASE)
_REPORTING_BARE_MAX_WORDS = 12
_OUTLET_WORD = re.compile(r"[A-Z0-9][\w.&'’+-]*|of|the|and|for|de|al|el|la|le|du|di|news|on|&")
_SENTENCE_END = ".!?:;,\"'”’»…"


def _take_signoffs(lines: list[str], parts: list[list[Removed] | None]) -> str | None:
    """Marks the trailing sign-off line(s) as removed; returns the outlet one of them names."""
    outlet = None
    for _ in range(_SIGNOFF_MAX_LINES):
        last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i] and parts[i] is None), None)
        if last is None or not _own_paragraph(lines, parts, last):
            break
        if not any(lines[i] and parts[i] is None for i in range(last)):
            break  # never empty the body: a one-line document is body, whatever it looks like
        line = lines[last]
        if _reporting_line(line):
            parts[last] = [Removed(line, SIGNOFF)]
        elif (name := _outlet_name(line)) is not None:
            parts[last] = [Removed(line, SIGNOFF)]
            outlet = outlet or name
        else:
            break
    return outlet


def _own_paragraph(lines: list[str], parts: list[list[Removed] | None], index: int) -> bool:
    """True when no other body line shares the paragraph (the block between blank lines)."""
    for step in (-1, 1):
        i = index + step
        while 0 <= i < len(lines) and lines[i]:
            if parts[i] is None:
                return False
            i += step
    return True


def _reporting_line(line: str) -> bool:
    """A wire credit line: "(Reporting by X; Editing by Y)", or bare when short and unpunctuated."""
    if line[:1] in "([" and line[-1:] in ")]":
        return _REPORTING.fullmatch(line[1:-1].strip()) is not None
    return (_REPORTING.fullmatch(line) is not None and line[-1] not in ".!?"
            and len(line.split()) <= _REPORTING_BARE_MAX_WORDS)


def _outlet_name(line: str) -> str | None:
    """The outlet a short sign-off line names ("News.Az", "Daily Sabah", "(Reuters)"), else None."""
    name = line.strip("()[] ").lstrip("-–—~ ").strip()
    words = name.split()
    if (not name or len(name) > _OUTLET_MAX_CHARS or len(words) > _OUTLET_MAX_WORDS
            or name[-1] in _SENTENCE_END or not (name[0].isupper() or name[0].isdigit())):
        return None
    if not all(_OUTLET_WORD.fullmatch(word) for word in words):
        return None
    if not any(ch.isalpha() for ch in name):
        return None
    return name
