"""Date expressions resolved against the publication date (2025-02-27 is a Thursday)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import dragoman.annotate.date_expressions
from dragoman.annotate.date_expressions import ResolvedDate, relative_to, resolve

PUB = "2025-02-27"


def day(text: str, tense: str = "past", published: str | None = PUB) -> str | None:
    r = resolve(text, published, tense)
    assert r is None or r.precision == "day", r
    return r.date if r else None


@pytest.mark.parametrize(("text", "expected"), [
    ("today", "2025-02-27"), ("Today", "2025-02-27"), ("this morning", "2025-02-27"),
    ("tonight", "2025-02-27"), ("earlier today", "2025-02-27"), ("this evening", "2025-02-27"),
    ("yesterday", "2025-02-26"), ("Yesterday morning", "2025-02-26"), ("last night", "2025-02-26"),
    ("tomorrow", "2025-02-28"), ("the day before yesterday", "2025-02-25"),
])
def test_day_words(text: str, expected: str) -> None:
    assert day(text) == expected


def test_result_shape() -> None:
    r = resolve("Today", PUB)
    assert r == ResolvedDate(date="2025-02-27", precision="day", text="Today")
    with pytest.raises(AttributeError):
        r.date = "x"  # frozen


@pytest.mark.parametrize(("text", "tense", "expected"), [
    ("on Thursday", "past", "2025-02-27"),
    ("Thursday", "past", "2025-02-27"),
    ("Thursday", "present", "2025-02-27"),
    ("on Thursday", "future", "2025-02-27"),     # the day of the report: a week on is 'next Thursday'
    ("on Monday", "past", "2025-02-24"),
    ("on Monday", "present", "2025-02-24"),
    ("on Monday", "future", "2025-03-03"),
    ("Friday", "past", "2025-02-21"),
    ("Friday", "future", "2025-02-28"),
    ("Monday night", "past", "2025-02-24"),
    ("late Tuesday", "past", "2025-02-25"),
    ("last Thursday", "past", "2025-02-20"),
    ("last Monday", "future", "2025-02-24"),
    ("next Monday", "past", "2025-03-03"),
    ("this past Monday", "past", "2025-02-24"),
])
def test_weekdays_follow_tense(text: str, tense: str, expected: str) -> None:
    assert day(text, tense) == expected


@pytest.mark.parametrize(("text", "expected", "precision"), [
    ("last week", "2025-02-17", "week"),
    ("this week", "2025-02-24", "week"),
    ("earlier this week", "2025-02-24", "week"),
    ("next week", "2025-03-03", "week"),
    ("earlier this month", "2025-02", "month"),
    ("this month", "2025-02", "month"),
    ("last month", "2025-01", "month"),
    ("next month", "2025-03", "month"),
    ("last year", "2024", "year"),
    ("this year", "2025", "year"),
    ("late last year", "2024", "year"),
    ("next year", "2026", "year"),
])
def test_periods(text: str, expected: str, precision: str) -> None:
    assert resolve(text, PUB) == ResolvedDate(expected, precision, text)


@pytest.mark.parametrize("text", [
    "February 18", "Feb. 18", "Feb 18", "18 February", "Feb 18th", "the 18th of February",
    "February 18, 2025", "18 February 2025", "Feb. 18, 2025", "2025-02-18", "on February 18",
    "Tuesday, February 18, 2025", "Feb. 18-19",
])
def test_absolute_days(text: str) -> None:
    assert day(text) == "2025-02-18"


def test_year_of_dayless_dates_follows_tense() -> None:
    assert day("December 20") == "2024-12-20"  # past: not half a year ahead
    assert day("December 20", "future") == "2025-12-20"
    assert day("March 5") == "2025-03-05"  # a week ahead is still this year, even in past tense
    assert day("Jan 5", "future", "2025-12-20") == "2026-01-05"
    assert day("Dec 18", "past", "2025-01-02") == "2024-12-18"
    assert day("Feb 18", "future") == "2025-02-18"  # nine days back: within half a year
    assert day("Feb 29") == "2024-02-29"  # no 2025-02-29
    assert day("February 30") is None


@pytest.mark.parametrize(("text", "tense", "expected"), [
    ("March 2025", "past", "2025-03"),
    ("in March 2025", "future", "2025-03"),
    ("in March", "past", "2024-03"),  # the latest March not after February 2025
    ("in March", "future", "2025-03"),
    ("in March", "present", "2025-03"),  # the nearest March
    ("in February", "past", "2025-02"),
    ("in January", "future", "2026-01"),
    ("last March", "future", "2024-03"),
    ("next January", "past", "2026-01"),
    ("mid-February", "past", "2025-02"),
])
def test_months(text: str, tense: str, expected: str) -> None:
    assert resolve(text, PUB, tense) == ResolvedDate(expected, "month", text)


@pytest.mark.parametrize(("text", "expected"), [("2024", "2024"), ("in 2024", "2024"), ("mid-2024", "2024")])
def test_years(text: str, expected: str) -> None:
    assert resolve(text, PUB) == ResolvedDate(expected, "year", text)


@pytest.mark.parametrize(("text", "expected", "precision"), [
    ("two days ago", "2025-02-25", "day"),
    ("2 days ago", "2025-02-25", "day"),
    ("a week ago", "2025-02-17", "week"),
    ("three weeks ago", "2025-02-03", "week"),
    ("two months ago", "2024-12", "month"),
    ("a year ago", "2024", "year"),
    ("in two days", "2025-03-01", "day"),
    ("three days from now", "2025-03-02", "day"),
    ("in a week", "2025-03-03", "week"),
])
def test_counted_offsets(text: str, expected: str, precision: str) -> None:
    assert resolve(text, PUB) == ResolvedDate(expected, precision, text)


@pytest.mark.parametrize(("text", "expected", "precision"), [
    ("a few days ago", "2025-02-24", "week"),        # about three days back, in that week
    ("a couple of days ago", "2025-02-24", "week"),
    ("several weeks ago", "2025-02", "month"),       # about three weeks back, in that month
    ("a few years ago", "2022", "year"),
])
def test_vague_counts_back_at_a_coarser_grain(text: str, expected: str, precision: str) -> None:
    assert resolve(text, PUB) == ResolvedDate(expected, precision, text)


@pytest.mark.parametrize("text", [
    "years", "decades", "for years", "for two days", "the 1990s", "1990s", "recent months",
    "in recent months", "over the past year", "the past week", "in the coming days", "a few days",
    "several weeks", "two years", "", "   ", "midnight", "soon", "once", "Xyzzy",
])
def test_unresolvable(text: str) -> None:
    assert resolve(text, PUB) is None


@pytest.mark.parametrize("text", ["yesterday", "today", "on Monday", "last week", "in March", "Feb. 18",
                                  "two days ago"])
def test_relative_needs_publication_date(text: str) -> None:
    assert resolve(text, None) is None
    assert resolve(text, "not a date") is None


def test_absolute_with_year_needs_no_publication_date() -> None:
    assert resolve("February 18, 2025", None) == ResolvedDate("2025-02-18", "day", "February 18, 2025")
    assert resolve("2025-02-18", None).date == "2025-02-18"
    assert resolve("March 2025", None) == ResolvedDate("2025-03", "month", "March 2025")
    assert resolve("2024", None) == ResolvedDate("2024", "year", "2024")


def test_numeric_formats_via_dateparser() -> None:
    assert day("18.02.2025") == "2025-02-18"
    assert day("02/18/2025", published=None) == "2025-02-18"


def test_common_cases_do_not_load_dateparser() -> None:
    """The rules answer the usual expressions; the slow dateparser import is left for odd formats."""
    code = ("import sys; from dragoman.annotate.date_expressions import resolve\n"
            "for t in ('yesterday', 'on Monday', 'Feb. 18', 'last week', 'in March', 'two days ago',"
            " 'for years', 'March 2025'):\n"
            "    resolve(t, '2024-06-12')\n"
            "print('dateparser' in sys.modules)")
    src = str(Path(dragoman.annotate.date_expressions.__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(("text", "expected", "precision"), [
    ("six days later", "2025-03-05", "day"),
    ("6 days later", "2025-03-05", "day"),
    ("the next day", "2025-02-28", "day"),
    ("the following day", "2025-02-28", "day"),
    ("a day later", "2025-02-28", "day"),
    ("the day after", "2025-02-28", "day"),
    ("two days earlier", "2025-02-25", "day"),
    ("the day before", "2025-02-26", "day"),
    ("the previous day", "2025-02-26", "day"),
    ("that day", "2025-02-27", "day"),
    ("the same day", "2025-02-27", "day"),
    ("the following week", "2025-03-03", "week"),
    ("two weeks later", "2025-03-10", "week"),
    ("three months later", "2025-05", "month"),
    ("a year earlier", "2024", "year"),
])
def test_relative_to_anchor(text: str, expected: str, precision: str) -> None:
    assert relative_to(text, PUB) == ResolvedDate(expected, precision, text)


@pytest.mark.parametrize(("text", "anchor"), [("later", PUB), ("years later", PUB), ("the next day", "2025-02"),
                                              ("the next day", "nonsense"), ("yesterday", PUB)])
def test_relative_to_unresolvable(text: str, anchor: str) -> None:
    assert relative_to(text, anchor) is None
