"""Tests of dragoman.clean.page: what leaves the body, what it is called, and that nothing is lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.clean import Cleaned, clean, parse_header
from dragoman.knowledge import read_tsv
from dragoman.model import Removed

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "news-az-2025-02-27.txt"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"

BODY = "MOSCOW, March 3 (Wire) - Russia and Türkiye held talks on Monday."
BODY2 = "“We agreed to continue,” the minister said — and left."


def removed(result: Cleaned) -> list[tuple[str, str]]:
    return [(r.text, r.kind) for r in result.removed]


def assert_nothing_lost(source: str, result: Cleaned) -> None:
    """Every non-blank input line is, in document order, a body line or the removed parts it became."""
    body = [line for line in result.text.split("\n") if line]
    parts = list(result.removed)
    squash = re.compile(r"\s+")
    for line in (raw.strip() for raw in source.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if not line:
            continue
        if body and body[0] == line:
            body.pop(0)
            continue
        target, built = squash.sub("", line), ""
        while parts and len(built) < len(target):
            built += squash.sub("", parts.pop(0).text)
        assert built == target, f"line {line!r} is neither body nor removed"
    assert not body and not parts, (body, parts)


# --- the reference article -----------------------------------------------------------------------

def test_seed_article() -> None:
    if not SEED.exists():
        pytest.skip(f"the reference article is not present at {SEED} (../shared/seed is outside the repo)")
    source = SEED.read_text(encoding="utf-8")
    result = clean(source)
    assert result.published == "2025-02-27"
    assert result.outlet == "News.Az"
    kinds = removed(result)
    assert ("+ ↺ − 16 px", "chrome") in kinds
    for credit in ("Source: AzerTag", "Source: Anadolu", "Source: Reuters"):
        assert (credit, "credit") in kinds
    assert ("date 2025-02-27", "header") in kinds
    assert ("News.Az", "signoff") in kinds
    assert "senior diplomats from Russia and the United States" in result.text
    assert "↺" not in result.text and "16 px" not in result.text and "Source: " not in result.text
    assert "\n\nDiplomatic reset or tactical maneuver?\n\n" in result.text  # headings are body
    assert "\n\nWhat to expect from the Istanbul meeting?\n\n" in result.text
    assert not result.text.endswith("News.Az")
    assert_nothing_lost(source, result)


# --- headers -------------------------------------------------------------------------------------

def test_header_with_chrome_on_the_same_line() -> None:
    result = clean(f" date 2025-02-27 + ↺ − 16 px\n\n{BODY}\n")
    assert result.published == "2025-02-27"
    assert removed(result) == [("date 2025-02-27", "header"), ("+ ↺ − 16 px", "chrome")]
    assert result.text == BODY


def test_header_with_a_share_bar_after_a_separator() -> None:
    result = clean(f"Published: 2025-02-27 10:31 | Share | Print\n{BODY}")
    assert removed(result) == [("Published: 2025-02-27 10:31", "header"), ("| Share | Print", "chrome")]
    assert result.published == "2025-02-27" and result.text == BODY


def test_month_only_header_keeps_the_line_but_invents_no_day() -> None:
    result = clean(f"date 2025-02\n\n{BODY}")
    assert result.published is None
    assert removed(result) == [("date 2025-02", "header")]
    assert result.text == BODY


@pytest.mark.parametrize("line, day", [
    ("date 2025-02-27", "2025-02-27"),
    ("Date: 27 February 2025", "2025-02-27"),
    ("Date: February 27, 2025", "2025-02-27"),
    ("Published: 2025-02-27 10:31", "2025-02-27"),
    ("Published on Thursday, 27 Feb 2025, 10:31 GMT", "2025-02-27"),
    ("Posted: 2025-02-27T10:31:00+04:00", "2025-02-27"),
    ("DATE: 27.02.2025", "2025-02-27"),
    ("Date: February 2025", None),
])
def test_header_forms(line: str, day: str | None) -> None:
    result = clean(f"{line}\n\n{BODY}")
    assert result.published == day
    assert removed(result) == [(line, "header")]
    assert result.text == BODY


def test_published_header_wins_over_updated() -> None:
    result = clean(f"Updated: 2025-02-28\nPublished: 2025-02-27\n\n{BODY}")
    assert result.published == "2025-02-27"
    result = clean(f"Published: 2025-02-27 10:31 | Updated: 2025-02-28 08:00\n\n{BODY}")
    assert result.published == "2025-02-27"
    assert [kind for _, kind in removed(result)] == ["header", "header"]


def test_bare_date_is_a_header_only_on_the_first_line() -> None:
    assert clean(f"27 February 2025\n\n{BODY}").published == "2025-02-27"
    result = clean(f"{BODY}\n\n27 February 2025 will be remembered")
    assert result.published is None and result.removed == []


@pytest.mark.parametrize("line", [
    "date 2025-02-30",  # no such day
    "Date: to be announced",
    "date 2025-02-27 Today, senior diplomats met in Istanbul.",  # header glued to body: kept whole
    "Dated agreements from 2025-02-27 were signed.",
])
def test_not_headers(line: str) -> None:
    result = clean(f"{line}\n\n{BODY}")
    assert result.published is None
    assert result.text.startswith(line)


def test_parse_header() -> None:
    assert parse_header("date 2025-02-27 + ↺ − 16 px") == ("date", "2025-02-27", 15)
    assert parse_header("Last updated: March 3, 2025") == ("last updated", "2025-03-03", 27)
    assert parse_header("27 February 2025") is None
    assert parse_header("27 February 2025", allow_bare=True) == ("date", "2025-02-27", 16)


# --- chrome and credits --------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "+ ↺ − 16 px", "A A A", "A- A A+", "Share", "Print", "Tweet", "Share Print", "Facebook Twitter WhatsApp",
    "Share on Facebook", "Copy link", "Read more", "Read more: Talks stall in Geneva", "Related: Ceasefire holds",
    "Subscribe", "Subscribe to our newsletter", "Advertisement", "ADVERTISEMENT", "Scroll to continue with content",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "Follow us on Telegram", "Follow News.Az on X", "3 min read", "Listen to this article", "Back to top",
    "© 2025 Caspian Herald. All rights reserved.", "Share | Print | Copy link",
])
def test_chrome_lines(line: str) -> None:
    result = clean(f"{BODY}\n\n{line}\n\n{BODY2}")
    assert removed(result) == [(line, "chrome")]
    assert result.text == f"{BODY}\n\n{BODY2}"


@pytest.mark.parametrize("line", [
    "Source: Reuters", "Source: AzerTag", "Photo: AA", "Photo credit: Press service of the ministry",
    "Image: Getty Images", "(Photo by Ozan Kose/AFP)", "Credit: Anadolu Agency", "© Reuters",
    "Photo: Reuters/John Doe", "AFP photo", "Sources: AP, Reuters",
])
def test_credit_lines(line: str) -> None:
    result = clean(f"{BODY}\n\n{line}\n\n{BODY2}")
    assert removed(result) == [(line, "credit")]
    assert result.text == f"{BODY}\n\n{BODY2}"


@pytest.mark.parametrize("line", [
    "Source: a senior official in Ankara said the meeting had been postponed until after the elections.",
    "Source: officials said the talks would resume.",
    "Photos from the scene showed destroyed buildings.",
    "The ministers agreed to share intelligence and print new maps.",
    "Read the full statement of the ministry below for more details about the agreement and its annexes.",
    "Related talks were held in Geneva last year.",
    "Follow-up talks will be held in Baku.",
    "Share prices fell in Moscow.",
])
def test_sentences_that_look_like_chrome_or_credit_are_body(line: str) -> None:
    result = clean(f"{BODY}\n\n{line}\n\n{BODY2}")
    assert result.removed == []
    assert line in result.text


def test_chrome_words_inside_a_paragraph_line_are_untouched() -> None:
    text = f"{BODY}\nShare\n{BODY2}"
    result = clean(text)
    assert removed(result) == [("Share", "chrome")]
    assert result.text == f"{BODY}\n{BODY2}"  # same paragraph, lines kept as they were


def test_page_chrome_data_file_is_valid() -> None:
    rows = list(read_tsv("page_chrome.tsv"))
    assert rows and {row["kind"] for row in rows} == {"chrome", "credit"}
    for row in rows:
        re.compile(row["pattern"])
        assert row["note"], row


# --- sign-offs -----------------------------------------------------------------------------------

@pytest.mark.parametrize("line, outlet", [
    ("News.Az", "News.Az"), ("Reuters", "Reuters"), ("AP", "AP"), ("(Reuters)", "Reuters"),
    ("Daily Sabah", "Daily Sabah"), ("Hurriyet Daily News", "Hurriyet Daily News"),
    ("Caspian Herald", "Caspian Herald"), ("24.kg", "24.kg"),
])
def test_outlet_signoff(line: str, outlet: str) -> None:
    result = clean(f"{BODY}\n\n{BODY2}\n\n{line}\n")
    assert result.outlet == outlet
    assert removed(result) == [(line, "signoff")]
    assert result.text == f"{BODY}\n\n{BODY2}"


def test_reporting_line_is_a_signoff_without_outlet() -> None:
    line = "(Reporting by Aylin Demir; Editing by Tom Hale)"
    result = clean(f"{BODY}\n\n{line}")
    assert result.outlet is None
    assert removed(result) == [(line, "signoff")]
    assert result.text == BODY


def test_reporting_line_then_outlet() -> None:
    result = clean(f"{BODY}\n\n(Reporting by Aylin Demir; Editing by Tom Hale)\n\nReuters")
    assert result.outlet == "Reuters"
    assert [kind for _, kind in removed(result)] == ["signoff", "signoff"]
    assert result.text == BODY


def test_signoff_found_behind_trailing_chrome() -> None:
    result = clean(f"{BODY}\n\nNews.Az\n\nShare Print")
    assert result.outlet == "News.Az"
    assert removed(result) == [("News.Az", "signoff"), ("Share Print", "chrome")]


@pytest.mark.parametrize("last", [
    "The talks will resume next week.",
    "What to expect from the Istanbul meeting?",
    "Both sides said they were hopeful",
    "Reporting by state media suggested the talks had collapsed.",
    "Lavrov and Fidan spoke for an hour",
    "“We will return,” he said",
    "The Road Ahead: Istanbul and Beyond",
])
def test_last_sentence_is_body(last: str) -> None:
    result = clean(f"{BODY}\n\n{last}")
    assert result.outlet is None and result.removed == []
    assert result.text.endswith(last)


def test_signoff_glued_to_a_paragraph_is_body() -> None:
    result = clean(f"{BODY}\nReuters")
    assert result.outlet is None and result.text == f"{BODY}\nReuters"


def test_a_one_line_document_is_never_emptied() -> None:
    result = clean("Reuters")
    assert result.text == "Reuters" and result.removed == []


# --- body text -----------------------------------------------------------------------------------

def test_datelines_and_body_characters_are_kept_exactly() -> None:
    text = f"{BODY}\n\n{BODY2}\n\n'Single' \"double\" – en — em … ellipsis"
    result = clean(text)
    assert result.text == text and result.removed == [] and result.published is None


def test_paragraphs_are_separated_by_one_blank_line_and_edges_trimmed() -> None:
    text = f"\n\n   {BODY}  \n\n\n\n\t{BODY2}\nsecond line of the same paragraph  \n   \n"
    result = clean(text)
    assert result.text == f"{BODY}\n\n{BODY2}\nsecond line of the same paragraph"


def test_crlf_input() -> None:
    result = clean(f"date 2025-02-27\r\n\r\n{BODY}\r\n\r\n{BODY2}\r\n")
    assert result.published == "2025-02-27" and result.text == f"{BODY}\n\n{BODY2}"


def test_removed_items_are_in_document_order() -> None:
    text = "date 2025-03-01 | Share\n\nPhoto: AFP\n\n" + BODY + "\n\nAdvertisement\n\nSource: Reuters\n\nCaspian Herald"
    result = clean(text)
    assert removed(result) == [("date 2025-03-01", "header"), ("| Share", "chrome"), ("Photo: AFP", "credit"),
                               ("Advertisement", "chrome"), ("Source: Reuters", "credit"),
                               ("Caspian Herald", "signoff")]
    assert result.text == BODY and result.outlet == "Caspian Herald"
    assert all(isinstance(r, Removed) for r in result.removed)


def test_empty_input() -> None:
    assert clean("") == Cleaned("", [], None, None)
    assert clean(" \n\n ") == Cleaned("", [], None, None)


# --- nothing is lost -----------------------------------------------------------------------------

def test_nothing_lost_on_a_page_full_of_furniture() -> None:
    text = ("date 2025-02-27 + ↺ − 16 px\nA A A\n\nHeadline about talks\n\n" + BODY + "\nFacebook Twitter WhatsApp\n"
            + BODY2 + "\n\nSource: AzerTag\n(Photo by Ozan Kose/AFP)\n\nSource: officials said the talks would resume.\n"
            "\nRead more: Talks stall\n\n(Reporting by Aylin Demir; Editing by Tom Hale)\n\nNews.Az\n")
    result = clean(text)
    assert_nothing_lost(text, result)
    assert result.outlet == "News.Az" and result.published == "2025-02-27"


LINES = st.sampled_from([
    "", "  ", BODY, BODY2, "date 2025-02-27", "date 2025-02 + ↺ − 16 px", "Published: 27 February 2025 | Share",
    "Share Print", "Source: Reuters", "Source: officials said the talks would resume.", "Photo: AA",
    "Reuters", "News.Az", "(Reporting by A; Editing by B)", "What next?", "Advertisement", "| Share",
    "A A A", "Follow us on Telegram", "© Reuters", "date 2025-02-30", "Türkiye", "16 px wide",
])


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.one_of(LINES, st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)),
                max_size=14))
def test_nothing_lost_property(lines: list[str]) -> None:
    text = "\n".join(lines)
    result = clean(text)
    assert_nothing_lost(text, result)
    assert result.text == result.text.strip()
    assert "\n\n\n" not in result.text


def test_samples_clean_as_described() -> None:
    expected = {
        "wire-dateline.txt": ("2025-03-03", None, {"header", "signoff"}),
        "conflict-report.txt": ("2025-02-20", None, {"header", "chrome", "credit"}),
        "denial.txt": ("2025-02-24", "Caspian Herald", {"header", "signoff"}),
        "no-header.txt": (None, None, set()),
    }
    for name, (published, outlet, kinds) in expected.items():
        source = (SAMPLES / name).read_text(encoding="utf-8")
        result = clean(source)
        assert (result.published, result.outlet) == (published, outlet), name
        assert {r.kind for r in result.removed} == kinds, name
        assert_nothing_lost(source, result)
    assert "ANKARA, March 3 (Wire) -" in clean((SAMPLES / "wire-dateline.txt").read_text(encoding="utf-8")).text
