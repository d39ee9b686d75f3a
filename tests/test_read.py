"""Tests of dragoman.read: every PATH kind, and every way a document can fail to be read."""

from __future__ import annotations

import io
import itertools
import json
import sys
from pathlib import Path

import pytest

from dragoman.model import RawDocument, ReadFailure
from dragoman.read import iter_raw, record_document
from dragoman.read import text as text_reader
from dragoman.read.jsonl import iter_records

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

ARTICLE = "ANKARA, March 3 - The ministers met.\n\nThey agreed to meet again."

PAGE = """<!DOCTYPE html>
<html><head>
<title>Ministers meet in Baku | Test Outlet</title>
<meta property="og:site_name" content="Test Outlet">
<meta property="article:published_time" content="2025-02-26T09:15:00+04:00">
<link rel="canonical" href="https://outlet.example/2025/02/26/ministers-meet">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Ministers meet in Baku</h1>
<p>The foreign ministers of Georgia and Armenia met in Baku on Wednesday, officials said.</p>
<p>"We agreed to keep talking," the Georgian minister told reporters after the meeting ended.</p>
</article>
<footer><p>© 2025 Test Outlet. All rights reserved.</p></footer>
</body></html>"""


def read_all(*paths: str, published: str | None = None) -> list[RawDocument | ReadFailure]:
    return list(iter_raw(list(paths), published=published))


def only(items: list[RawDocument | ReadFailure]) -> RawDocument | ReadFailure:
    assert len(items) == 1, items
    return items[0]


# --- text files ----------------------------------------------------------------------------------

def test_text_file_id_and_source_are_the_path_as_given(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = only(read_all(str(path)))
    assert isinstance(doc, RawDocument)
    assert doc.id == str(path) and doc.source == str(path)
    assert doc.text == ARTICLE
    assert doc.published is None and doc.html is None


def test_bom_is_dropped_and_newlines_normalised(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfFirst line.\r\nSecond line.\rThird.")
    doc = only(read_all(str(path)))
    assert isinstance(doc, RawDocument)
    assert doc.text == "First line.\nSecond line.\nThird."


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Talks in Doha.".encode("utf-16"))
    doc = only(read_all(str(path)))
    assert isinstance(doc, RawDocument) and doc.text == "Talks in Doha."


def test_any_other_extension_is_read_as_text_when_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.article"
    path.write_text(ARTICLE, encoding="utf-8")
    assert isinstance(only(read_all(str(path))), RawDocument)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t \n"])
def test_empty_file_is_a_failure(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    failure = only(read_all(str(path)))
    assert failure == ReadFailure(str(path), "empty document")


def test_binary_file_with_nul_bytes_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    failure = only(read_all(str(path)))
    assert isinstance(failure, ReadFailure) and failure.id == str(path)
    assert failure.reason.startswith("binary file")


def test_mostly_control_characters_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + b"some text")
    failure = only(read_all(str(path)))
    assert isinstance(failure, ReadFailure) and failure.reason.startswith("binary file")


def test_invalid_utf8_is_a_failure_naming_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Talks in Tiflis, café owners said.".encode("latin-1"))
    failure = only(read_all(str(path)))
    assert isinstance(failure, ReadFailure) and failure.id == str(path)
    assert failure.reason.startswith("not valid UTF-8 text: ")
    assert "0xe9" in failure.reason


def test_missing_path_is_a_failure_and_the_rest_still_reads(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    missing = str(tmp_path / "nope.txt")
    items = read_all(missing, str(good))
    assert items[0] == ReadFailure(missing, "no such file or directory")
    assert isinstance(items[1], RawDocument) and items[1].id == str(good)


def test_unreadable_file_is_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(text_reader, "open", denied, raising=False)  # chmod does not bind root
    failure = only(read_all(str(path)))
    assert failure == ReadFailure(str(path), "cannot read file: Permission denied")


def test_published_default_fills_only_missing_dates(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    feed = tmp_path / "b.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": ARTICLE, "published": "2025-02-01"}) + "\n", encoding="utf-8")
    docs = read_all(str(text), str(feed), published="2025-03-10")
    assert [d.published for d in docs] == ["2025-03-10", "2025-02-01"]


# --- HTML ----------------------------------------------------------------------------------------

def test_html_file_gives_body_and_page_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = only(read_all(str(path)))
    assert isinstance(doc, RawDocument)
    assert doc.id == str(path) and doc.source == str(path)
    assert doc.title == "Ministers meet in Baku"
    assert doc.published == "2025-02-26"
    assert doc.outlet == "Test Outlet"
    assert doc.url == "https://outlet.example/2025/02/26/ministers-meet"
    assert "The foreign ministers of Georgia and Armenia met in Baku on Wednesday" in doc.text
    assert "met in Baku on Wednesday, officials said.\n\n\"We agreed" in doc.text  # paragraph break kept
    assert "Home" not in doc.text and "All rights reserved" not in doc.text


def test_htm_extension_and_no_invented_date(tmp_path: Path) -> None:
    page = ("<html><body><article><p>The presidents of Kazakhstan and Uzbekistan spoke by phone on "
            "Tuesday about water sharing on the Syr Darya.</p></article>"
            "<footer>© 2025 Some Outlet</footer></body></html>")
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    doc = only(read_all(str(path)))
    assert isinstance(doc, RawDocument)
    assert doc.published is None  # the copyright year is not a publication date
    assert doc.text.startswith("The presidents of Kazakhstan")


@pytest.mark.parametrize("content", ["", "   ", "<html><head><title>t</title></head><body></body></html>",
                                     "<<<>>>"])
def test_empty_or_broken_html_is_a_failure(tmp_path: Path, content: str) -> None:
    path = tmp_path / "broken.html"
    path.write_text(content, encoding="utf-8")
    failure = only(read_all(str(path)))
    assert isinstance(failure, ReadFailure) and failure.id == str(path)
    assert failure.reason in ("empty document", "no article text found in HTML")


def test_binary_html_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes(b"GIF89a\x00\x01\x00\x01")
    failure = only(read_all(str(path)))
    assert isinstance(failure, ReadFailure) and failure.reason.startswith("binary file")


# --- JSON Lines ----------------------------------------------------------------------------------

def write_lines(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_jsonl_records_keep_ids_metadata_and_line_sources(tmp_path: Path) -> None:
    feed = write_lines(tmp_path / "feed.jsonl", [
        json.dumps({"id": "a", "text": ARTICLE, "published": "2025-02-27", "url": "https://x.example/a",
                    "title": "A", "outlet": "Wire"}),
        "",
        json.dumps({"id": "b", "text": "Second story."}),
    ])
    a, b = read_all(feed)
    assert a == RawDocument(id="a", text=ARTICLE, published="2025-02-27", url="https://x.example/a",
                            title="A", outlet="Wire", source=f"{feed}:1")
    assert isinstance(b, RawDocument) and b.id == "b" and b.source == f"{feed}:3"


def test_broken_json_line_among_good_ones(tmp_path: Path) -> None:
    feed = write_lines(tmp_path / "feed.jsonl", [
        json.dumps({"id": "one", "text": "First."}),
        '{"id": "two", "text": "unterminated',
        json.dumps({"id": "three", "text": "Third."}),
    ])
    items = read_all(feed)
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadFailure", "RawDocument"]
    assert items[1].id == f"{feed}:2"
    assert items[1].reason.startswith("malformed JSON")
    assert [items[0].id, items[2].id] == ["one", "three"]


@pytest.mark.parametrize("line, where, reason", [
    ("[1, 2]", "line", "record is not a JSON object (got array)"),
    ('"just a string"', "line", "record is not a JSON object (got string)"),
    ('{"text": "no id"}', "line", "record has no 'id'"),
    ('{"id": "", "text": "blank id"}', "line", "record has no 'id'"),
    ('{"id": "r1"}', "r1", "record has neither 'text' nor 'html'"),
    ('{"id": "r2", "text": 5}', "r2", "'text' must be a string (got number)"),
    ('{"id": "r3", "text": "  "}', "r3", "empty document"),
    ('{"id": "r4", "text": "ok", "url": ["x"]}', "r4", "'url' must be a string (got array)"),
])
def test_bad_record_is_a_failure_naming_the_problem(tmp_path: Path, line: str, where: str, reason: str) -> None:
    feed = write_lines(tmp_path / "feed.jsonl", [json.dumps({"id": "ok", "text": "Fine."}), line])
    good, failure = read_all(feed)
    assert isinstance(good, RawDocument)
    assert isinstance(failure, ReadFailure)
    assert failure.id == (f"{feed}:2" if where == "line" else where)
    assert failure.reason.startswith(reason)
    assert f"{feed}:2" in failure.id + failure.reason  # the line is always findable


def test_invalid_utf8_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "ok"}\n')
    a, b, c = read_all(str(path))
    assert isinstance(b, ReadFailure) and b.id == f"{path}:2" and b.reason.startswith("not valid UTF-8")
    assert isinstance(a, RawDocument) and isinstance(c, RawDocument)


def test_jsonl_published_timestamp_is_cut_to_its_day(tmp_path: Path) -> None:
    feed = write_lines(tmp_path / "feed.jsonl", [
        json.dumps({"id": "a", "text": "x y", "published": "2025-02-27T10:31:00Z"})])
    assert only(read_all(feed)).published == "2025-02-27"


def test_jsonl_html_record_goes_through_extraction(tmp_path: Path) -> None:
    feed = write_lines(tmp_path / "feed.jsonl", [json.dumps({"id": "h", "html": PAGE, "outlet": "Record Outlet"})])
    doc = only(read_all(feed))
    assert isinstance(doc, RawDocument)
    assert doc.id == "h" and doc.source == f"{feed}:1"
    assert doc.outlet == "Record Outlet"  # the record's metadata wins over the page's
    assert doc.published == "2025-02-26" and doc.title == "Ministers meet in Baku"
    assert "<p>" not in doc.text and "Georgia and Armenia" in doc.text


def test_jsonl_broken_html_record_is_a_failure(tmp_path: Path) -> None:
    feed = write_lines(tmp_path / "feed.jsonl", [json.dumps({"id": "h", "html": "<html></html>"})])
    failure = only(read_all(feed))
    assert isinstance(failure, ReadFailure) and failure.id == "h"


def test_record_document_takes_an_already_parsed_record() -> None:
    doc = record_document({"id": "api-1", "html": PAGE, "published": "2025-03-01"}, "POST /api/documents")
    assert isinstance(doc, RawDocument)
    assert (doc.id, doc.published, doc.outlet, doc.source) == ("api-1", "2025-03-01", "Test Outlet",
                                                               "POST /api/documents")
    assert "Georgia and Armenia" in (doc.text or "")
    assert record_document({"text": "x"}, "body") == ReadFailure("body", "record has no 'id' (a non-empty string)")


def test_jsonl_is_streamed_not_loaded() -> None:
    endless = (json.dumps({"id": f"n{i}", "text": "x"}) for i in itertools.count())
    first_three = list(itertools.islice(iter_records(endless, "stream"), 3))
    assert [d.id for d in first_three] == ["n0", "n1", "n2"]


def test_paths_are_consumed_lazily(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def paths():
        yield str(path)
        raise AssertionError("the second path was asked for before it was needed")

    assert next(iter_raw(paths())).id == str(path)


# --- directories ---------------------------------------------------------------------------------

def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "z.txt").write_text("Z story.", encoding="utf-8")
    (tmp_path / "b" / "two.md").write_text("Two.", encoding="utf-8")
    (tmp_path / "a" / "one.text").write_text("One.", encoding="utf-8")
    (tmp_path / "a" / "deep" / "feed.jsonl").write_text(json.dumps({"id": "f", "text": "Feed."}) + "\n",
                                                        encoding="utf-8")
    (tmp_path / "a" / "page.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".hidden" / "secret.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".dotfile.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00")
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("What this folder holds.", encoding="utf-8")
    root = str(tmp_path)
    docs = read_all(root)
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.source for d in docs] == [
        f"{root}/a/deep/feed.jsonl:1", f"{root}/a/one.text", f"{root}/a/page.htm",
        f"{root}/b/two.md", f"{root}/z.txt"]
    assert docs[0].id == "f" and docs[1].id == f"{root}/a/one.text"


def test_bad_file_in_a_directory_does_not_stop_the_walk(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("Fine.", encoding="utf-8")
    items = read_all(str(tmp_path))
    assert items[0] == ReadFailure(str(tmp_path / "a.txt"), "empty document")
    assert isinstance(items[1], RawDocument)


def test_directory_symlink_cycle_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert len(read_all(str(tmp_path))) == 1


# --- standard input ------------------------------------------------------------------------------

def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("\nMOSCOW - Talks began.\n\nThey ended.\n"))
    doc = only(read_all("-", published="2025-03-01"))
    assert doc == RawDocument(id="-", text="\nMOSCOW - Talks began.\n\nThey ended.\n",
                              published="2025-03-01", source="-")


def test_stdin_bytes_are_decoded_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Türkiye hosted talks.".encode())))
    doc = only(read_all("-"))
    assert isinstance(doc, RawDocument) and doc.text == "Türkiye hosted talks."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9 talks")))
    failure = only(read_all("-"))
    assert isinstance(failure, ReadFailure) and failure.id == "-"
    assert failure.reason.startswith("not valid UTF-8")


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert only(read_all("-")) == ReadFailure("-", "empty document")


def test_stdin_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "\n" + json.dumps({"id": "s1", "text": "One."}) + "\nnot json\n" + json.dumps(
        {"id": "s2", "text": "Two."}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    s1, bad, s2 = read_all("-")
    assert isinstance(s1, RawDocument) and s1.id == "s1" and s1.source == "-:2"
    assert isinstance(bad, ReadFailure) and bad.id == "-:3"
    assert isinstance(s2, RawDocument) and s2.id == "s2" and s2.source == "-:4"


# --- the project's samples -----------------------------------------------------------------------

def test_samples_all_read() -> None:
    docs = read_all(str(SAMPLES))
    assert all(isinstance(d, RawDocument) for d in docs), [d for d in docs if isinstance(d, ReadFailure)]
    ids = {d.id for d in docs}
    assert {"feed-1", "feed-2", "feed-3"} <= ids
    assert len(docs) == 8  # 4 text files, 1 page, 3 feed records; README.md is not a document
    assert all(d.source for d in docs)
    page = next(d for d in docs if d.id.endswith("future-meeting.html"))
    assert (page.published, page.outlet) == ("2025-02-26", "Eurasia Dispatch")
    for doc in docs:
        assert 120 <= len(doc.text.split()) <= 400, doc.id


@pytest.mark.parametrize("value, day", [
    ("2025-02-27", "2025-02-27"), ("2025-02-27T10:00:00Z", "2025-02-27"),
    ("Mon, 12 Feb 2019 10:00:00 GMT", "2019-02-12"), ("February 12, 2019", "2019-02-12"),
    ("12.02.2019", "2019-02-12"), ("27/02/2025", "2025-02-27"),
])
def test_published_in_common_free_text_forms_is_read(tmp_path: Path, value: str, day: str) -> None:
    feed = write_lines(tmp_path / "feed.jsonl", [json.dumps({"id": "a", "text": "Fine.", "published": value})])
    (doc,) = read_all(feed)
    assert isinstance(doc, RawDocument) and doc.published == day


@pytest.mark.parametrize("value", ["2025-02-30", "yesterday", "Feb 12", "soon"])
def test_unreadable_published_is_a_warning_not_a_lost_document(tmp_path: Path, capsys, value: str) -> None:
    feed = write_lines(tmp_path / "feed.jsonl", [json.dumps({"id": "a", "text": "Fine.", "published": value})])
    (doc,) = read_all(feed)
    assert isinstance(doc, RawDocument) and doc.published is None and doc.text == "Fine."
    err = capsys.readouterr().err
    assert "a: warning: 'published' is not a date" in err and repr(value) in err
