"""A corpus of bad input, generated here (nothing large is committed), fed to ``dragoman extract`` and
``dragoman ingest`` as one folder: every input gives either a correct record or a clear failure that
names it on stderr (``dragoman: <id>: <reason>``), exit status 1 because some failed, no traceback,
and every readable document is stored.

The inputs: empty, binary, invalid UTF-8, Latin-1, Windows-1252, UTF-16 with and without BOM, NUL
bytes (at the start and deep inside), control characters, a 10 MiB single line, 20,000 nested and
20,000 unclosed HTML tags, broken, truncated and 100,000-deep JSON lines, a 5,000-digit number, lone
surrogates, impossible dates, truncated and garbage WARC archives (plain and gzip), a feed with a
billion-laughs entity, a feed with an external entity, a truncated Atom feed, enormous sentences (a
5,000-word list of events, 5,000 words without punctuation) and text in other scripts.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dragoman.model import RawDocument, ReadFailure
from dragoman.read import iter_raw

GOOD = "Russian and Turkish diplomats met in Ankara on Monday to discuss a ceasefire, officials said."
OTHER = "Armenian and Azerbaijani negotiators signed a border agreement in Tbilisi on Friday, officials said."
SCRIPTS = ("Россия и Турция провели переговоры в Анкаре. 俄罗斯和土耳其在安卡拉举行会谈。 "
           "روسيا وتركيا عقدتا محادثات في أنقرة. रूस और तुर्की ने अंकारा में बातचीत की। 🇷🇺🤝🇹🇷 "
           "\u202eRTL override\u202c Z\u0335\u0336a\u0337l\u0338g\u0335o " + GOOD)
PAIRS = [("Russia", "Turkey", "Ankara"), ("Armenia", "Georgia", "Tbilisi")]
COUNTRY_PAIRS = [("RUS", "TUR", "Ankara"), ("ARM", "GEO", "Tbilisi")]   # the same, coded
ENORMOUS = ", ".join(f"{a} met {b} in {c}" for a, b, c in PAIRS * 200) + "."          # 2,000 words
NOPUNCT = " ".join(["the long border river valley"] * 1000)                               # 5,000 words
MIB = 1024 * 1024


def warc_bytes(pages: int, gzip: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for i in range(pages):
        html = (f"<html><head><title>Page {i}</title></head><body><article><p>{GOOD} Report {i}.</p>"
                f"<p>{OTHER}</p></article></body></html>").encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{'gz' if gzip else 'w'}/{i}", "response",
                                                      payload=io.BytesIO(html), http_headers=http))
    return buf.getvalue()


def billion_laughs() -> str:
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "lol" * 10}">\n'
                       for i in range(1, 10))
    return (f'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n{entities}]>\n'
            '<rss version="2.0"><channel><title>Laughs &lol9;</title><item><title>&lol9;</title>'
            f'<link>https://news.example/laughs</link><description>{GOOD} &lol9;</description></item>'
            '</channel></rss>')


def write_corpus(folder: Path) -> Path:
    """The bad-input corpus (and a few good documents) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes | str] = {
        "good.txt": GOOD,
        "empty.txt": b"",
        "blank.txt": b" \n\t\n",
        "binary.txt": bytes(range(256)) * 40,
        "invalid-utf8.txt": b"Talks \xff\xfe in \xc3( Baku. " + GOOD.encode(),
        "latin1.txt": ("Les ministres se sont réunis à Genève. " + GOOD).encode("latin-1"),
        "cp1252.txt": ("\u201cWe agreed\u201d, the minister said \u2014 " + GOOD).encode("cp1252"),
        "utf16-bom.txt": ("Café talks. " + GOOD).encode("utf-16"),
        "utf16be-bom.txt": b"\xfe\xff" + ("Café talks. " + GOOD).encode("utf-16-be"),
        "utf16-nobom.txt": ("Café talks. " + GOOD).encode("utf-16-le"),
        "nul-start.txt": GOOD.encode() + b"\x00\x00" + OTHER.encode(),
        "nul-deep.txt": (GOOD + "\n\n") .encode() * 100 + b"\x00" + OTHER.encode(),
        "controls.txt": GOOD + "\x1b[31m\x07\x08 red \x1b]0;title\x07" + "\n\n" + OTHER,
        "long-line.txt": ("word " * (2 * MIB + 1))[: 10 * MIB],
        "nested.html": ("<html><body>" + "<div>" * 20_000 + f"<p>{GOOD} A nested page.</p>" + "</div>" * 20_000
                        + "</body></html>"),
        "unclosed.html": "<html><body>" + "<div><font>" * 20_000 + f"<p>{OTHER}</p>",
        "scripts.txt": SCRIPTS,
        "enormous-sentence.txt": ENORMOUS,
        "no-punctuation.txt": NOPUNCT,
        "records.jsonl": "\n".join([
            json.dumps({"id": "j-good", "text": GOOD}),
            '{"id": "j-broken", "text": "unterminated',
            '{"id": 3',
            "[1, 2]",
            "null",
            "[" * 100_000,
            '{"id": ' + "7" * 5000 + ', "text": "a huge number"}',
            json.dumps({"id": "j-bad-day", "text": GOOD, "published": "2025-02-30"}),
            json.dumps({"id": "j-surrogate\ud800", "title": "cut \udc00 title", "text": OTHER + " \ud83d"}),
            json.dumps({"id": "j-html", "html": "<html><body><article><p>" + OTHER + "</p><p>" + GOOD
                        + "</p><p>" + OTHER.replace("Friday", "Saturday") + "</p></article></body></html>"}),
            '{"id": "j-truncated", "text": "Talks in Ba',
        ]),
        "truncated.warc": warc_bytes(3, gzip=False)[:-60],
        "truncated.warc.gz": warc_bytes(3, gzip=True)[:-60],
        "header-cut.warc.gz": (lambda data: data[: len(data) * 3 // 4])(warc_bytes(2, gzip=True)),  # in record 2
        "garbage.warc": b"WARC/1.0\r\nthis is not a warc\r\n\r\n" + bytes(range(256)) * 2,
        "laughs.rss": billion_laughs(),
        "xxe.rss": ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    '<rss version="2.0"><channel><title>x</title><item><title>&x;</title>'
                    f'<link>https://news.example/xxe</link><description>{OTHER} &x;</description></item>'
                    "</channel></rss>"),
        "truncated.atom": ('<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>E</title>'
                           f'<id>urn:cut</id><content type="html">&lt;p&gt;{GOOD}'),
    }
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
        (folder / name).write_bytes(data)
    return folder


# What each input gives: ("ok", words its text must contain) or ("fail", words its reason must contain),
# keyed by the id the record or failure carries (a path's file name, a JSONL line, a URL).
EXPECTED: dict[str, tuple[str, list[str]]] = {
    "good.txt": ("ok", [GOOD]),
    "empty.txt": ("fail", ["empty document"]),
    "blank.txt": ("fail", ["empty document"]),
    "binary.txt": ("fail", ["binary file"]),
    "invalid-utf8.txt": ("fail", ["not valid UTF-8 text", "0xff at offset 6"]),
    "latin1.txt": ("fail", ["not valid UTF-8 text", "0xe9", "Windows-1252 or Latin-1", "iconv"]),
    "cp1252.txt": ("fail", ["not valid UTF-8 text", "0x93 at offset 0", "Windows-1252"]),
    "utf16-bom.txt": ("ok", ["Café talks. " + GOOD]),
    "utf16be-bom.txt": ("ok", ["Café talks. " + GOOD]),
    "utf16-nobom.txt": ("fail", ["binary file (contains NUL bytes", "UTF-16 text without a byte-order mark"]),
    "nul-start.txt": ("fail", ["binary file (contains NUL bytes)"]),
    "nul-deep.txt": ("ok", [GOOD, OTHER]),
    "controls.txt": ("ok", [GOOD + "[31m red ]0;title", OTHER]),
    "long-line.txt": ("fail", ["document too large: 10,485,7", "characters (limit 500,000)"]),
    "nested.html": ("ok", [GOOD + " A nested page."]),
    "unclosed.html": ("ok", [OTHER]),
    "scripts.txt": ("ok", [SCRIPTS]),
    "enormous-sentence.txt": ("ok", [ENORMOUS]),
    "no-punctuation.txt": ("ok", [NOPUNCT]),
    "records.jsonl:2": ("fail", ["malformed JSON", "column"]),
    "records.jsonl:3": ("fail", ["malformed JSON"]),
    "records.jsonl:4": ("fail", ["not a JSON object (got array)"]),
    "records.jsonl:5": ("fail", ["not a JSON object (got null)"]),
    "records.jsonl:6": ("fail", ["malformed JSON: nested too deeply"]),
    "records.jsonl:7": ("fail", ["malformed JSON", "4300 digits"]),
    "records.jsonl:11": ("fail", ["malformed JSON", "Unterminated string"]),
    "j-good": ("ok", [GOOD]),
    "j-bad-day": ("ok", [GOOD]),     # a bad publication date is a warning, not a lost document
    "j-surrogate\ufffd": ("ok", [OTHER + " \ufffd"]),
    "j-html": ("ok", [OTHER]),
    "https://news.example/w/0": ("ok", [GOOD + " Report 0."]),
    "https://news.example/w/1": ("ok", [GOOD + " Report 1."]),
    "truncated.warc": ("fail", ["WARC archive cut short in record 3"]),
    "https://news.example/gz/0": ("ok", [GOOD + " Report 0."]),
    "https://news.example/gz/1": ("ok", [GOOD + " Report 1."]),
    "truncated.warc.gz": ("fail", ["WARC archive cut short in record 3"]),
    "header-cut.warc.gz": ("fail", ["WARC archive cut short"]),
    "garbage.warc": ("fail", ["not a WARC archive", "no WARC-Type"]),
    "https://news.example/laughs": ("ok", [GOOD]),
    "https://news.example/xxe": ("ok", [OTHER]),
    "urn:cut": ("fail", ["feed entry has no content or summary", "truncated.atom#1"]),
}


def _key(doc_id: str, folder: Path) -> str:
    return doc_id.removeprefix(str(folder) + "/")


def parse_failures(stderr: str, folder: Path) -> dict[str, str]:
    """``dragoman: <id>: <reason>`` lines by id (relative to the corpus folder; no id here has ': ')."""
    out = {}
    for line in stderr.splitlines():
        assert line.startswith("dragoman: "), line
        doc_id, _, reason = line.removeprefix("dragoman: ").partition(": ")
        if " documents stored, " not in doc_id and not reason.startswith("warning: "):
            out[_key(doc_id, folder)] = reason
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("bad") / "corpus")


@pytest.fixture(scope="module")
def extracted(corpus) -> tuple[subprocess.CompletedProcess, dict[str, dict], dict[str, str], float]:
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "dragoman", "extract", str(corpus)], capture_output=True,
                          timeout=600)
    elapsed = time.monotonic() - start
    stdout = proc.stdout.decode("utf-8")                 # strict: every record is valid UTF-8
    stderr = proc.stderr.decode("utf-8")
    records = {_key(r["id"], corpus): r for r in map(json.loads, stdout.splitlines())}
    return proc, records, parse_failures(stderr, corpus), elapsed


def test_extract_exits_1_without_a_traceback(extracted):
    proc, _, _, elapsed = extracted
    assert proc.returncode == 1, proc.stderr.decode()
    assert b"Traceback" not in proc.stderr


def test_every_input_gives_a_record_or_a_named_failure(extracted):
    _, records, failures, _ = extracted
    assert not set(records) & set(failures)
    assert set(records) | set(failures) == set(EXPECTED), (
        f"unexpected: {sorted((set(records) | set(failures)) - set(EXPECTED))}, "
        f"missing: {sorted(set(EXPECTED) - set(records) - set(failures))}")


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_input(extracted, validator, key):
    _, records, failures, _ = extracted
    kind, words = EXPECTED[key]
    if kind == "fail":
        assert key in failures, f"{key} should fail, got a record"
        for word in words:
            assert word in failures[key], (key, failures[key])
        return
    assert key in records, f"{key} should be read, failed: {failures.get(key)}"
    record = records[key]
    validator.validate(record)
    for word in words:
        assert word in record["text"], (key, record["text"][:300])
    text = record["text"]
    assert "\x00" not in text and "\x1b" not in text and not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    for event in record["events"]:
        assert 0 <= event["start"] <= event["end"] <= len(text)
    for quote in record["quotes"]:
        assert 0 <= quote["start"] <= quote["end"] <= len(text)


READABLE = ["good.txt", "utf16-bom.txt", "utf16be-bom.txt", "nul-deep.txt", "controls.txt", "nested.html",
            "unclosed.html", "scripts.txt", "no-punctuation.txt", "laughs.rss", "xxe.rss"]


def test_only_readable_inputs_exit_0(corpus, tmp_path, capsys):
    """The same odd but readable inputs on their own: nothing failed, so exit status 0."""
    from dragoman.cli.main import main

    for name in READABLE:
        (tmp_path / name).write_bytes((corpus / name).read_bytes())
    assert main(["extract", str(tmp_path), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and len(out.splitlines()) == len(READABLE)


@pytest.mark.parametrize("day", ["2025-02-30", "2025-13-01", "yesterday", "25-02-27"])
def test_an_impossible_published_date_is_bad_usage(day, capsys):
    from dragoman.cli.main import parser

    with pytest.raises(SystemExit) as exit_:
        parser().parse_args(["extract", "x.txt", "--published", day])
    assert exit_.value.code == 2 and day in capsys.readouterr().err


def test_entities_are_never_expanded(extracted):
    _, records, _, _ = extracted
    everything = json.dumps(records)
    assert "lollollol" not in everything           # billion laughs: not expanded (and did not hang)
    assert "root:" not in everything               # the external entity was not read


def test_ingest_stores_every_readable_document(corpus, extracted, tmp_path, capsys):
    from dragoman.run.ingest import ingest
    from dragoman.store import Store

    _, records, failures, _ = extracted
    db = tmp_path / "bad.duckdb"
    result = ingest([str(corpus)], str(db))       # in this process: the model is loaded already
    assert parse_failures(capsys.readouterr().err, corpus) == failures     # the same, named the same way
    assert {_key(f.id, corpus): f.reason for f in result.failures} == failures
    first: dict[str, dict] = {}
    for record in records.values():                      # in output order: the first copy is stored
        first.setdefault(record["doc_id"], record)
    with Store(db, read_only=True) as store:
        stored = {r["doc_id"] for r in store.query("SELECT doc_id FROM documents")}
        assert stored == set(first)
        for doc_id, record in first.items():
            assert store.document(doc_id) == record


def test_an_enormous_sentence_gives_its_events(pipeline):
    """2,000 clauses in one 10,000-word sentence are read, with offsets into the text (its speed is
    a benchmark, not a test: per-event work no longer grows with the sentence). The clauses repeat
    the same meetings, and one happening said again in one sentence is one event, not a thousand."""
    text = ", ".join(f"{a} met {b} in {c}" for a, b, c in PAIRS * 1000) + "."
    (doc,) = pipeline.process([RawDocument(id="enormous", text=text, published="2025-03-03")])
    assert not isinstance(doc, ReadFailure), doc
    met = {(frozenset(a.country for a in e.actors + e.recipients), e.location.name if e.location else None)
           for e in doc.events}
    assert met == {(frozenset({x, y}), place) for x, y, place in COUNTRY_PAIRS}
    assert len(doc.events) == len(COUNTRY_PAIRS)
    assert all(doc.text[e.start:e.end] == e.evidence for e in doc.events)


# -- the readers alone (no model): fast checks of the same inputs ----------------------------------------

def test_readers_never_raise_on_the_corpus(corpus):
    items = list(iter_raw([str(corpus)]))
    assert all(isinstance(i, RawDocument | ReadFailure) for i in items)


def test_a_runaway_jsonl_line_is_skipped_not_held(tmp_path):
    from dragoman.read import jsonl

    path = tmp_path / "runaway.jsonl"
    path.write_text(json.dumps({"id": "before", "text": GOOD}) + "\n" + '{"id": "big", "text": "' + "x" * 5000
                    + '"}\n' + json.dumps({"id": "after", "text": OTHER}) + "\n", encoding="utf-8")
    with open(path, "rb") as handle:
        items = list(jsonl.iter_records(jsonl.bounded_lines(handle, limit=1000), str(path)))
    assert [i.id for i in items] == ["before", f"{path}:2", "after"]
    assert isinstance(items[1], ReadFailure) and "line longer than" in items[1].reason


def test_a_pipe_in_a_folder_is_reported_not_waited_on(tmp_path):
    import os

    os.mkfifo(tmp_path / "stuck.txt")
    (tmp_path / "fine.txt").write_text(GOOD, encoding="utf-8")
    items = list(iter_raw([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadFailure"]
    assert "not a regular file" in items[1].reason


def test_a_huge_standard_input_is_refused(monkeypatch):
    from dragoman.read import stdin

    monkeypatch.setattr(stdin, "MAX_BYTES", 1000)
    (failure,) = stdin.read_stdin(io.BytesIO(b"Talks.\n" + b"x" * 2000))
    assert isinstance(failure, ReadFailure) and "too large" in failure.reason
