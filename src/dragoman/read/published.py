"""A source's publication date, as a day: ``YYYY-MM-DD`` from the forms feeds and exports use.

Why lenient: a publication date is metadata; an odd one ("Mon, 12 Feb 2019 10:00:00 GMT",
"February 12, 2019", "12.02.2019") should still date the document, and one that cannot be read
should cost a warning, never the document. Only a form that names a year is read (so nothing is
guessed from a bare "Feb 12"); a day-first or month-first numeric form is read as day first unless
the first number cannot be a day of the month (the international order of most wires).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?")
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
_NUMERIC = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")


def parse_published(value: str) -> str | None:
    """The day ``value`` names, or None when it names none (the caller warns)."""
    text = " ".join(value.split())
    if m := _ISO.fullmatch(text):
        return _day(int(m[1]), int(m[2]), int(m[3]))
    if not _YEAR.search(text):
        return None
    if m := _NUMERIC.fullmatch(text):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        return _day(year, first, second) if second > 12 else _day(year, second, first)
    try:    # RFC 2822, as RSS and e-mail write it
        parsed = email.utils.parsedate_to_datetime(text)
        return parsed.date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        from dateutil import parser as free_text

        parsed = free_text.parse(text, fuzzy=False, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed.year > 1 else None


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
