"""Resolve the date expressions of news text ("yesterday", "on Monday", "Feb. 18", "last week")
against the publication date, to the date an event happened or will happen.

Why own rules first: news dates are a small, regular language, and our rules know the tense of
the sentence ("on Monday" in "will meet on Monday" is the next Monday, in "met on Monday" the last
one). They are also fast; ``dateparser`` is only the fallback for odd numeric formats
("18.02.2025", "02/18/2025") and is imported lazily.

Conventions, with a publication date P:
- A weekday is, in past or present tense, the latest such day not after P; in future tense the
  first one not before P ("Thursday" published on a Thursday is P either way: a report means the
  Thursday a week on as "next Thursday").
  "last Monday" is strictly before P, "next Monday" strictly after.
- A day without a year ("Feb. 18") takes P's year, unless that puts it more than half a year after
  P in past tense (then the year before) or half a year before P in future tense (the year after).
- A month without a year ("in March") is, in past tense, its latest occurrence not after P's month;
  in future tense the first not before it; in present tense the nearest one.
- "last/this/next week" give the Monday of that ISO week, with precision "week".
- Durations and vague spans ("for years", "decades", "recent months", "the 1990s") give None, as do
  relative expressions when P is unknown. Absolute dates with a year resolve without P.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = ["ResolvedDate", "resolve", "relative_to"]


@dataclass(frozen=True)
class ResolvedDate:
    """A resolved date: ``YYYY-MM-DD`` (day; the Monday for week), ``YYYY-MM`` (month) or ``YYYY``."""

    date: str | None
    precision: str  # "day" | "week" | "month" | "year"
    text: str


_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_NUMBERS = {w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven",
                                         "eight", "nine", "ten", "eleven", "twelve"))}
_NUMBERS.update({"a": 1, "an": 1, "fifteen": 15, "twenty": 20, "thirty": 30})

_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?P<wd>" + "|".join(_WEEKDAYS) + r")"
_NUM = r"(?P<n>\d+|" + "|".join(_NUMBERS) + r")"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_IN_COUNT = re.compile(r"^in ((?:\d+|" + "|".join(_NUMBERS) + r") (?:day|week|month|year)s?)$")

_ISO = re.compile(r"(?P<year>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)")
_CALENDAR = re.compile(r"\d{4}(?:-\d\d){0,2}")
_MONTH_DAY = re.compile(rf"{_MON} {_DAY}(?: ?[-–] ?\d{{1,2}})?(?:,? {_YEAR})?")
_DAY_MONTH = re.compile(rf"(?:the )?{_DAY}(?: ?[-–] ?\d{{1,2}})?(?: of)? {_MON}(?:,? {_YEAR})?")
_MONTH_YEAR = re.compile(rf"{_MON},? {_YEAR}")
_MONTH = re.compile(rf"(?:(?P<rel>last|this|next) )?{_MON}")
_YEAR_ONLY = re.compile(_YEAR)
_WEEKDAY = re.compile(rf"(?:(?P<rel>last|this|next) )?{_WD}")
_PERIOD = re.compile(r"(?P<rel>last|this|next) (?P<unit>week|month|year|weekend)")
_AGO = re.compile(rf"{_NUM} {_UNIT} ago")
_AHEAD = re.compile(rf"{_NUM} {_UNIT} from (?:now|today)")
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}     # the month each begins
_SEASON = r"(?:early |late |mid-?)?(?P<season>spring|summer|autumn|fall|winter)"
_SEASON_YEAR = re.compile(rf"(?:the )?{_SEASON}(?: of)? {_YEAR}")
_SEASON_REL = re.compile(rf"(?P<rel>last|this|next) {_SEASON}")
_FEW_AGO = re.compile(r"(?:a few|several|a couple(?: of)?) (?P<unit>day|week|month|year)s ago")
# "a few days ago": about three units back, told at the next coarser grain (the week, the month …)
_FEW_BACK = {"day": ("week", timedelta(days=3)), "week": ("month", timedelta(weeks=3)),
             "month": ("year", timedelta(days=90)), "year": ("year", timedelta(days=3 * 365))}

_DAY_WORDS = {
    "today": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tonight": 0, "now": 0,
    "yesterday": -1, "last night": -1, "the day before yesterday": -2,
    "tomorrow": 1, "the day after tomorrow": 2,
}
# Spans and vague expressions: never handed to dateparser, which would make a date of them.
_VAGUE = re.compile(
    r"\d0s\b|\b(?:recent|past|coming|few|several|many|couple|decades?|centur(?:y|ies)|days|weeks|months|years)\b"
    r"|^(?:for|over|within|during|the last|the next)\b")
# Leading words that do not change the date ("on Monday", "earlier this month", "late Tuesday").
_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|since|from|until|till|as of|as early as|earlier|later|early|late|mid"
    r"|(?:the )?(?:end|beginning|start|middle) of)\s+|mid-)")
_TIME_OF_DAY = re.compile(r" (?:morning|afternoon|evening|night|overnight)$")
_LEADING_WEEKDAY = re.compile(rf"^{_WD},? (?=\S)")


def _day(d: date) -> tuple[str, str]:
    return d.isoformat(), "day"


def _week(d: date) -> tuple[str, str]:
    return (d - timedelta(days=d.weekday())).isoformat(), "week"


def _month(year: int, month: int) -> tuple[str, str]:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return f"{year:04d}-{month:02d}", "month"


def _year(year: int) -> tuple[str, str]:
    return f"{year:04d}", "year"


def _offset(pub: date, unit: str, n: int) -> tuple[str, str]:
    """P moved by n units, at that unit's precision."""
    if unit == "day":
        return _day(pub + timedelta(days=n))
    if unit == "week":
        return _week(pub + timedelta(weeks=n))
    if unit == "month":
        return _month(pub.year, pub.month + n)
    return _year(pub.year + n)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


def count_of(word: str) -> int | None:
    """A count written as digits or a number word ('2', 'two', 'a'), else None ('several')."""
    return int(word) if word.isdigit() else _NUMBERS.get(word)


def day_of(value: str | None) -> date | None:
    """The first day of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value, or None."""
    try:
        return date.fromisoformat(first_day(value[:10])) if value else None
    except ValueError:
        return None


def _year_for(month: int, day: int, pub: date, tense: str) -> date | None:
    """P's year, unless the day would fall over half a year on the side the tense rules out."""
    for year in (pub.year, pub.year - 1, pub.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:  # Feb 29 outside leap years, "Feb 30"
            continue
        days = (d - pub).days
        if tense != "future" and days > 183 or tense != "past" and days < -183:
            continue
        return d
    return None


def _year_for_month(month: int, pub: date, tense: str, rel: str | None) -> int:
    if rel == "this":
        return pub.year
    if rel == "last" or rel is None and tense == "past":
        before = month < pub.month if rel == "last" else month <= pub.month
        return pub.year if before else pub.year - 1
    if rel == "next" or tense == "future":
        after = month > pub.month if rel == "next" else month >= pub.month
        return pub.year if after else pub.year + 1
    diff = month - pub.month  # present tense: the nearest
    return pub.year - 1 if diff > 6 else pub.year + 1 if diff < -6 else pub.year


def _season_year(start: int, pub: date, rel: str, tense: str) -> int:
    """The year a season named from P begins in, told at the grain of the year. 'This summer' is the
    latest one begun, or in future tense the coming one; 'last summer' is the latest one over, but not
    one just gone (in October the summer just gone is 'this summer', and 'last summer' the year
    before); 'next summer' the one after the latest begun."""
    begun = pub.year if pub.month >= start else pub.year - 1     # the latest such season begun by P
    since = (pub.year - begun) * 12 + pub.month - start          # months since it began
    if rel == "next":
        return begun + 1
    if rel == "this":
        return begun + 1 if tense == "future" and since >= 3 else begun
    return begun - 1 if since < 5 else begun


def _weekday(wd: int, pub: date, tense: str, rel: str | None) -> date:
    if rel in ("last", "past"):
        return pub - timedelta(days=(pub.weekday() - wd) % 7 or 7)
    if rel in ("next", "coming"):
        return pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    if tense == "future":
        return pub + timedelta(days=(wd - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)


def _normalise(text: str) -> str:
    s = " ".join(text.lower().replace("’", "'").split()).strip(" .,;:")
    s = re.sub(r"^this past ", "last ", re.sub(r"^this coming ", "next ", s))
    s = _IN_COUNT.sub(r"\1 from now", s)  # "in two days" is ahead; keep it from the "in" stripping
    for _ in range(3):  # "since early on Monday"
        s2 = _LEAD.sub("", s)
        if s2 == s:
            break
        s = s2
    return _LEADING_WEEKDAY.sub("", s) if _LEADING_WEEKDAY.match(s) and re.search(r"\d", s) else s


def _absolute(s: str, pub: date | None, tense: str) -> tuple[str, str] | None:
    """Dates that name their day, month or year (the year may come from P)."""
    if m := _ISO.fullmatch(s):
        try:
            return _day(date(int(m["year"]), int(m["m"]), int(m["d"])))
        except ValueError:
            return None
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if m := pattern.fullmatch(s):
            month, day = _MONTHS[m["mon"]], int(m["day"])
            if m["year"]:
                try:
                    return _day(date(int(m["year"]), month, day))
                except ValueError:
                    return None
            d = _year_for(month, day, pub, tense) if pub else None
            return _day(d) if d else None
    if m := _MONTH_YEAR.fullmatch(s):
        return _month(int(m["year"]), _MONTHS[m["mon"]])
    if m := _YEAR_ONLY.fullmatch(s):
        return _year(int(m["year"]))
    if m := _SEASON_YEAR.fullmatch(s):
        return _year(int(m["year"]))    # 'the summer of 2010': told at the grain of its year
    if (m := _MONTH.fullmatch(s)) and pub:
        month = _MONTHS[m["mon"]]
        return _month(_year_for_month(month, pub, tense, m["rel"]), month)
    return None


def _relative(s: str, pub: date, tense: str) -> tuple[str, str] | None:
    """Dates counted from P: "yesterday", "on Monday", "last week", "two days ago", "a few days ago"."""
    s = _TIME_OF_DAY.sub("", s) if s not in _DAY_WORDS else s
    if s in _DAY_WORDS:
        return _day(pub + timedelta(days=_DAY_WORDS[s]))
    if m := _WEEKDAY.fullmatch(s):
        return _day(_weekday(_WEEKDAYS[m["wd"]], pub, tense, m["rel"]))
    if m := _PERIOD.fullmatch(s):
        n = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[m["rel"]]
        if m["unit"] == "weekend":  # the week holding that weekend's Saturday
            return _week(_weekday(5, pub, tense, {-1: "last", 1: "next"}.get(n)))
        return _offset(pub, m["unit"], n)
    if m := _AGO.fullmatch(s):
        return _offset(pub, m["unit"], -_number(m["n"]))
    if m := _AHEAD.fullmatch(s):
        return _offset(pub, m["unit"], _number(m["n"]))
    if m := _SEASON_REL.fullmatch(s):
        return _year(_season_year(_SEASONS[m["season"]], pub, m["rel"], tense))
    if m := _FEW_AGO.fullmatch(s):
        grain, back = _FEW_BACK[m["unit"]]
        return _offset(pub - back, grain, 0)
    return None


_BARE_NUMBER = re.compile(r"\d{1,3}|(?!1[89]|20)\d{4}")     # an age, a count, a station's '1010'; not a year
_LENGTH = re.compile(r"\d+(?:\.\d+)?[- ]?(?:second|minute|min|hour|hr|day|week|month|year)s?\b")


@functools.lru_cache(maxsize=16)
def _dateparser(pub: date | None, tense: str):  # -> dateparser.date.DateDataParser (lazy import)
    from dateparser.date import DateDataParser  # slow import, only when the rules fail

    settings = {"PREFER_DATES_FROM": {"past": "past", "future": "future"}.get(tense, "current_period"),
                "PARSERS": ["custom-formats", "absolute-time"]}
    if pub:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    return DateDataParser(languages=["en"], settings=settings)


def _fallback(s: str, pub: date | None, tense: str) -> tuple[str, str] | None:
    """Numeric formats the rules do not know ("18.02.2025"); needs a digit, and a year without P.
    A length of time ("45-minute", "a 90 minute") is no date."""
    if not re.search(r"\d", s) or pub is None and not re.search(r"(?:19|20)\d\d", s) or _LENGTH.search(s) \
            or _BARE_NUMBER.fullmatch(s):
        return None     # '43' (an age the tagger took for a date), '1010 WINS' (a radio station) is no year
    try:
        data = _dateparser(pub, tense).get_date_data(s)
    except Exception:  # dateparser raises assorted errors on odd input; unresolved is the answer
        return None
    d = data.date_obj
    if d is None:
        return None
    if data.period == "year":
        return _year(d.year)
    if data.period == "month":
        return _month(d.year, d.month)
    if data.period == "week":
        return _week(d.date())
    return _day(d.date())


@functools.lru_cache(maxsize=8192)
def resolve(text: str, published: str | None, tense: str = "past") -> ResolvedDate | None:
    """The date ``text`` refers to, for a document published on ``published`` (YYYY-MM-DD).

    ``tense`` ("past", "future" or "present") is the tense of the clause the expression is in; it
    picks between the last and the next Monday, March, etc. Returns None when the expression is a
    duration, is vague, or is relative while ``published`` is None.
    """
    s = _normalise(text)
    if not s:
        return None
    try:
        pub = date.fromisoformat(published) if published else None
    except ValueError:
        pub = None
    try:
        found = _absolute(s, pub, tense)
        if found is None and pub is not None:
            found = _relative(s, pub, tense)
        if found is None and not _VAGUE.search(s):
            found = _fallback(s, pub, tense)
    except (OverflowError, ValueError):     # past the calendar: "on Friday" published 0001-01-01,
        return None                         # "in 99999999999 days", a 5,000-digit count
    return ResolvedDate(found[0], found[1], text) if _on_calendar(found) else None


def _on_calendar(found: tuple[str, str] | None) -> bool:
    """A date of years 1-9999 ("in 9999 years" would otherwise give the year 12024)."""
    return found is not None and (found[0] is None or bool(_CALENDAR.fullmatch(found[0])))


# -- dates relative to another date in the text ("six days later") --------------------------------

_SAME = re.compile(r"(?:that|the same|that same) (?P<unit>day|week|month|year)")
_NEXT_PREV = re.compile(
    r"(?:the )?(?P<rel>next|following|previous|preceding|prior) (?P<unit>day|morning|evening|night|week|month|year)"
    r"|the (?P<unit2>day|night) (?P<rel2>after|before)")
_COUNTED = re.compile(rf"{_NUM} {_UNIT} (?P<dir>later|after|afterwards|on|earlier|before|prior)")


def relative_to(text: str, anchor: str) -> ResolvedDate | None:
    """A date stated relative to another date of the story, ``anchor`` (YYYY-MM-DD):
    "six days later", "the next day", "two days earlier", "the following week", "that day".

    Only these counted or next/previous forms are understood; anything else gives None.
    """
    try:
        base = date.fromisoformat(anchor)
    except (TypeError, ValueError):
        return None
    s = " ".join(text.lower().split()).strip(" .,;:")
    s = re.sub(r"^(?:on|in|by) ", "", s)
    found: tuple[str, str] | None = None
    try:
        if m := _SAME.fullmatch(s):
            found = _offset(base, m["unit"], 0)
        elif m := _NEXT_PREV.fullmatch(s):
            rel, unit = (m["rel"], m["unit"]) if m["rel"] else (m["rel2"], m["unit2"])
            n = 1 if rel in ("next", "following", "after") else -1
            found = _offset(base, unit if unit in ("week", "month", "year") else "day", n)
        elif m := _COUNTED.fullmatch(s):
            n = _number(m["n"]) * (-1 if m["dir"] in ("earlier", "before", "prior") else 1)
            found = _offset(base, m["unit"], n)
    except (OverflowError, ValueError):     # "900000 days later": past the calendar's end
        return None
    return ResolvedDate(found[0], found[1], text) if _on_calendar(found) else None


# -- what an event record says about its date ------------------------------------------------------

_NAMES_ITS_DATE = re.compile(r"\b(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
                             r"|\b(?:1[0-9]|20)\d\d\b|\d{1,2}[./]\d{1,2}[./]\d{2,4}")


def basis_of(text: str) -> str:
    """``stated`` when the expression names its date on the calendar ("18 February", "in March 2022",
    "2025-02-18"), ``relative`` when it is counted from the publication date ("on Monday",
    "yesterday", "last week", "three years ago", "earlier this month")."""
    return "stated" if _NAMES_ITS_DATE.search(text.lower()) else "relative"


def first_day(value: str) -> str:
    """A resolved date as a day: ``YYYY-MM`` is its first day, ``YYYY`` its first of January (the
    record's ``date_precision`` says which grain the text gave)."""
    if len(value) == 7:
        return value + "-01"
    if len(value) == 4:
        return value + "-01-01"
    return value
