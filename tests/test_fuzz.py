"""Property and fuzz tests (hypothesis): cleaning, reading, dates, quotes and the full extraction never
raise on any input; offsets always lie inside the text and point at what they claim; every record is
valid against ``../shared/schema/document.schema.json``.

Inputs mix news-like sentences (so the annotators have something to chew on) with arbitrary Unicode,
control characters, quote marks, markup and numbers. Example counts are kept small enough for the
suite (the whole module runs in well under a minute); ``DRAGOMAN_FUZZ_EXAMPLES`` raises them for a
longer local run.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from dragoman.model import Document, RawDocument, ReadFailure

SCALE = max(1, int(os.environ.get("DRAGOMAN_FUZZ_EXAMPLES", "1")))


def fuzz(n: int):
    return settings(max_examples=n * SCALE, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


SENTENCES = [
    "Russian Foreign Minister Sergey Lavrov met his Turkish counterpart Hakan Fidan in Ankara on Monday.",
    '"We agreed to continue the talks," Fidan told reporters.',
    "ANKARA, March 3 (Reuters) - Armenia and Azerbaijan signed a peace agreement.",
    "Ukraine accused Russia of shelling Kharkiv overnight, officials said.",
    "The talks, hosted by Qatar in Doha, will resume next week.",
    "According to the ministry, troops did not withdraw from the border.",
    "If both sides agree, they could meet in Geneva in April.",
    "date 2025-02-27 + ↺ − 16 px",
    "Source: Reuters",
    "« Nous ne céderons pas », a déclaré le ministre.",
    "„Wir verhandeln“, sagte er.",
    "He said: “The channel remains open”",
    "Six days later, the delegations met again in Riyadh.",
    "Moscow and Kyiv exchanged 150 prisoners on 18.02.2025, the UAE said.",
    "<script>alert(1)</script> <img src=x onerror=alert(2)>",
    "Россия и Турция провели переговоры. 俄罗斯和土耳其举行会谈。 🇷🇺🤝🇹🇷",
    "",
]
PIECE = st.one_of(
    st.sampled_from(SENTENCES),
    st.text(max_size=60),
    st.text(alphabet=st.sampled_from(list('"“”«»„\'.,:;!?()[]-—\n\t \u00a0\u200b\u202e\ufeff\x00\x1b\r')),
            max_size=12),
    st.from_regex(r"(on|in|by|last|next) (Monday|March|week|2024|18 February|the 1990s)", fullmatch=True),
)
SEPARATOR = st.sampled_from([" ", "\n", "\n\n", "\r\n", "", "  \n \n", "\u2028"])


@st.composite
def news_text(draw, max_pieces: int = 8) -> str:
    pieces = draw(st.lists(PIECE, max_size=max_pieces))
    out = []
    for piece in pieces:
        out.append(piece)
        out.append(draw(SEPARATOR))
    return "".join(out)


DAYS = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
                 st.sampled_from(["2025-02-30", "9999-99-99", "yesterday", "", "2025-02", "0000-00-00"]))


# -- cleaning ---------------------------------------------------------------------------------------------

@fuzz(300)
@given(news_text(max_pieces=14))
def test_clean_never_raises_and_keeps_every_line(text):
    from dragoman.clean import clean

    result = clean(text)
    assert isinstance(result.text, str)
    assert result.published is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", result.published)
    if result.published:
        dt.date.fromisoformat(result.published)
    body_and_removed = result.text + "".join(r.text for r in result.removed)
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        for word in line.split():
            assert word in body_and_removed, word


@fuzz(300)
@given(st.text(max_size=80), st.booleans())
def test_parse_header_never_raises(line, bare):
    from dragoman.clean import parse_header

    found = parse_header(line, allow_bare=bare)
    if found is not None:
        label, day, end = found
        assert 0 < end <= len(line)
        assert day is None or dt.date.fromisoformat(day)


# -- reading ----------------------------------------------------------------------------------------------

@fuzz(400)
@given(st.one_of(st.binary(max_size=400), news_text().map(lambda t: t.encode("utf-8", "surrogatepass")),
                 news_text().map(lambda t: t.encode("utf-16", "surrogatepass")),
                 news_text().map(lambda t: t.encode("cp1252", "replace"))))
def test_decoding_gives_clean_text_or_a_reason(data):
    from dragoman.read.text import Failure, decode

    text = decode(data)
    assert isinstance(text, str)
    if isinstance(text, Failure):
        assert len(text) > 5
        return
    assert text.strip() and "\x00" not in text and "\r" not in text
    text.encode("utf-8")                            # no lone surrogates


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
RECORD = st.fixed_dictionaries(
    {}, optional={"id": st.one_of(st.text(max_size=20), st.integers(), JSON_VALUE),
                  "text": st.one_of(news_text(), JSON_VALUE), "html": st.one_of(news_text(), JSON_VALUE),
                  "published": st.one_of(DAYS, JSON_VALUE), "url": st.one_of(st.text(max_size=30), JSON_VALUE),
                  "title": st.text(max_size=30), "outlet": st.text(max_size=30)})


@fuzz(300)
@given(st.one_of(RECORD, JSON_VALUE))
def test_any_json_record_is_read_or_refused_with_a_reason(record):
    from dragoman.read.jsonl import record_document

    item = record_document(record, "fuzz:1")
    assert isinstance(item, RawDocument | ReadFailure)
    if isinstance(item, RawDocument):
        for value in (item.id, item.text, item.title, item.url, item.outlet):
            if value is not None:
                value.encode("utf-8")
        assert item.published is None or dt.date.fromisoformat(item.published)
    else:
        assert item.id and item.reason


@fuzz(300)
@given(st.lists(st.one_of(st.binary(max_size=80), RECORD.map(lambda r: json.dumps(r).encode()),
                          st.text(max_size=80).map(lambda t: t.encode("utf-8", "surrogatepass"))), max_size=6))
def test_jsonl_lines_fail_one_at_a_time(lines):
    from dragoman.read.jsonl import bounded_lines, iter_records

    data = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    items = list(iter_records(bounded_lines(io.BytesIO(data), limit=200), "f"))
    assert len(items) <= len(lines)
    assert all(isinstance(i, RawDocument | ReadFailure) for i in items)


TAGS = st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<span>", "<br>", "<script>", "</script>", "<!--",
                        "-->", "<a href='x'>", "</a>", "<table><tr><td>", "<html>", "<body>", "<![CDATA[", "]]>",
                        "<meta charset='utf-8'>", "<title>", "</title>", "&amp;", "&#0;", "&lol;", "<", ">"])


@fuzz(150)
@given(st.lists(st.one_of(TAGS, st.sampled_from(SENTENCES), st.text(max_size=20)), max_size=30),
       st.integers(min_value=0, max_value=400))
def test_html_extraction_never_raises(parts, nesting):
    from dragoman.read.html import MAX_DEPTH, depth, extract, flatten

    html = "<div>" * nesting + "".join(parts)
    flat = flatten(html)
    assert depth(flat) <= MAX_DEPTH
    for page in (html, html.encode("utf-8", "surrogatepass")):
        item = extract(page, "page", "page")
        assert isinstance(item, RawDocument | ReadFailure)
        if isinstance(item, RawDocument):
            item.text.encode("utf-8")


@fuzz(60)
@given(st.binary(max_size=600), st.sampled_from([".rss", ".warc", ".warc.gz", ".jsonl", ".html", ".txt"]))
def test_any_file_of_any_kind_reads_without_raising(tmp_path_factory, data, suffix):
    from dragoman.read import iter_raw

    path = tmp_path_factory.mktemp("any") / f"input{suffix}"
    path.write_bytes(data)
    items = list(iter_raw([str(path)]))
    assert all(isinstance(i, RawDocument | ReadFailure) for i in items)


# -- dates and quotes -------------------------------------------------------------------------------------

DATE_TEXT = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"(on |in |last |next |the )?(Monday|Friday|March|Feb\. 18|18 February 2025|2025-02-30|"
                  r"31/02/2025|18\.02\.2025|last week|six days (later|earlier)|the next day|\d{1,6}|"
                  r"\d{1,12} (days|weeks|months|years) (ago|later|earlier)|in \d{1,12} (days|years))", fullmatch=True))


@fuzz(400)
@given(DATE_TEXT, DAYS, st.sampled_from(["past", "future", "present", "nonsense"]))
@example("FRIDAY", "0001-01-01", "past")                  # the Friday before the first day of the calendar
@example("in 9999 years", "2025-01-01", "future")         # a five-digit year
@example("99999999 days ago", "2025-01-01", "past")
@example("in 99999999999 days", "2025-01-01", "future")
@example("9999999 days later", "2025-01-01", "past")
def test_date_resolution_never_raises_and_gives_real_dates(text, published, tense):
    from dragoman.annotate.date_expressions import relative_to, resolve

    for found in (resolve(text, published, tense), relative_to(text, published or "")):
        if found is None:
            continue
        assert found.precision in ("day", "week", "month", "year")
        if found.date is not None:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", found.date), found
            if len(found.date) == 10:
                dt.date.fromisoformat(found.date)


@fuzz(300)
@given(news_text(max_pieces=10))
def test_quote_spans_lie_inside_the_text(text):
    from dragoman.annotate.quote_spans import find_quote_spans

    for span in find_quote_spans(text):
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end].strip()


# -- the whole extraction ---------------------------------------------------------------------------------

def check_offsets(doc: dict) -> None:
    text = doc["text"]
    n = len(text)
    for event in doc["events"]:
        assert 0 <= event["start"] <= event["end"] <= n, event
        assert text[event["start"]:event["end"]] == event["evidence"], event
    for quote in doc["quotes"]:
        assert 0 <= quote["start"] <= quote["end"] <= n, quote
        assert text[quote["start"]:quote["end"]] == quote["text"], quote
    for entity in doc["entities"]:
        for start, end in entity["mentions"]:
            assert 0 <= start <= end <= n, entity


@fuzz(60)
@given(news_text(max_pieces=8), DAYS)
@example('Lavrov said: "We will win', None)              # a quote left open at the end of the text
@example('"0 ', None)
@example("Russia and Türkiye met in Ankara on Friday.", "0001-01-01")
def test_extraction_never_raises_and_offsets_point_into_the_text(pipeline, validator, text, published):
    assume(published is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", published))
    (result,) = pipeline.process([RawDocument(id="fuzz", text=text, published=published)])
    assert isinstance(result, Document | ReadFailure)
    if isinstance(result, ReadFailure):
        assert result.id == "fuzz" and "extraction failed" not in result.reason, result
        return
    doc = result.to_dict()
    validator.validate(json.loads(json.dumps(doc)))
    check_offsets(doc)


@fuzz(25)
@given(st.lists(st.one_of(RECORD.map(json.dumps), st.text(max_size=40)), min_size=1, max_size=5))
def test_any_jsonl_batch_extracts_without_raising(pipeline, validator, lines):
    from dragoman.read.jsonl import iter_records

    results = list(pipeline.process(iter_records(lines, "batch")))
    assert len(results) <= len(lines)
    for result in results:
        assert isinstance(result, Document | ReadFailure)
        if isinstance(result, Document):
            doc = result.to_dict()
            validator.validate(json.loads(json.dumps(doc)))
            check_offsets(doc)
            json.dumps(doc, ensure_ascii=False).encode("utf-8")      # printable as the CLI prints it
