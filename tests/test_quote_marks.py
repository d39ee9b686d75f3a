"""Which marks quote: two apostrophes as one mark (an archive's style), and straight marks that open
nothing (an inch, or the closing mark of a quote whose opening mark was lost)."""

from __future__ import annotations

from dragoman.annotate.quote_spans import find_quote_spans

PUB = "2025-04-02"


def quoted(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quote_spans(text)]


def test_two_apostrophes_are_one_quotation_mark():
    text = "''We will rebuild the bridge by June,'' she said. ''It is our first priority.''"
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["We will rebuild the bridge by June,", "It is our first priority."]
    assert [(text[s.before:s.start], text[s.end:s.after]) for s in spans] == [("''", "''")] * 2


def test_an_apostrophe_is_not_a_mark():
    assert quoted("The mayor's plan and the voters' anger: \"a real test\" of the city's will.") == ["a real test"]


def test_an_inch_opens_no_quote():
    assert quoted('The senator is 6\'3" tall and her "medical records" were short.') == ["medical records"]


def test_a_closing_mark_without_its_opening_mark_opens_nothing():
    text = 'He read out the list of [his] reforms" with pride. Then he called it "a plan for the next decade".'
    assert quoted(text) == ["a plan for the next decade"]


def test_a_straight_mark_after_a_bracket_or_dash_still_opens():
    assert quoted('The vote (“a disgrace”) and the reply -"not now, not ever" were noted.') == \
        ["a disgrace", "not now, not ever"]


def test_quotes_in_two_apostrophes_have_a_speaker(extract):
    rec = extract("Mayor Ana Lund spoke on Monday.\n\n''We will rebuild the bridge by June,'' she said.", PUB)
    (q,) = [q for q in rec["quotes"] if q["direct"]]
    assert q["text"] == "We will rebuild the bridge by June,"
    assert q["speaker"]["name"] == "Ana Lund"
    assert rec["text"][q["start"]:q["end"]] == q["text"]


def test_a_nickname_inside_a_name_is_no_quote(extract):
    rec = extract('Del. Marcia "Cia" Price spoke to the crowd. "This is a big year for all of us," Price said.', PUB)
    assert [q["text"] for q in rec["quotes"] if q["direct"]] == ["This is a big year for all of us,"]
