"""Sources real collections come in: RSS/Atom feeds, WARC archives, saved page folders; near-duplicate
documents; and streaming (memory that does not grow with the input)."""

from __future__ import annotations

import gc
import io
import json
import random
import tracemalloc
from pathlib import Path

import pytest

from dragoman.model import Document, RawDocument, ReadFailure
from dragoman.read import iter_raw, read_path
from dragoman.store import Store
from dragoman.stories import near_duplicates as dedup

ARTICLE = ("The foreign ministers of Kazakhstan and Kyrgyzstan met in Astana on Thursday to discuss water "
           "sharing along the Chu and Talas rivers. The talks lasted more than three hours, officials said.")


def read_all(*paths: str) -> list[RawDocument | ReadFailure]:
    return list(iter_raw([str(p) for p in paths]))


def docs_of(items: list) -> list[RawDocument]:
    assert all(isinstance(i, RawDocument) for i in items), [i for i in items if isinstance(i, ReadFailure)]
    return items


# -- RSS and Atom -----------------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Steppe Wire</title><link>https://steppewire.example/</link>
<item><title>Ministers meet in Astana</title><link>https://steppewire.example/a</link>
<guid isPermaLink="false">sw-1</guid><pubDate>Thu, 27 Feb 2025 09:00:00 +0000</pubDate>
<description>Short teaser only.</description>
<content:encoded><![CDATA[<p>{ARTICLE}</p><p>No agreement was signed.</p>]]></content:encoded></item>
<item><title>Summary only</title><guid isPermaLink="false">sw-2</guid>
<pubDate>Fri, 28 Feb 2025 23:30:00 -0500</pubDate>
<description>Kyrgyzstan accused Kazakhstan of holding up trucks &amp; lorries at the border.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Global Dispatch</title><id>urn:gd</id>
<updated>2025-02-28T09:30:00Z</updated>
<entry><title>Central Asian neighbours talk water</title>
<link rel="alternate" href="https://globaldispatch.example/x"/><id>urn:gd:1</id>
<published>2025-02-28T09:30:00Z</published><updated>2025-03-01T10:00:00Z</updated>
<content type="html">&lt;p&gt;{ARTICLE}&lt;/p&gt;</content></entry>
<entry><title>Updated only</title><id>urn:gd:2</id><updated>2025-03-02T08:00:00Z</updated>
<summary type="text">Uzbekistan and Kazakhstan signed a rail agreement in Tashkent.</summary></entry>
</feed>"""


def test_rss_entries_are_documents_with_their_metadata(tmp_path: Path) -> None:
    path = tmp_path / "steppe.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = docs_of(read_all(path))
    assert first.id == first.url == "https://steppewire.example/a"
    assert first.title == "Ministers meet in Astana" and first.outlet == "Steppe Wire"
    assert first.published == "2025-02-27"
    assert first.text.startswith("The foreign ministers") and "No agreement" in first.text  # full content wins
    assert first.source == f"{path}#1"
    assert second.id == "sw-2" and second.url is None
    assert second.published == "2025-03-01"  # 23:30 at UTC-5 is the next day in UTC
    assert second.text == "Kyrgyzstan accused Kazakhstan of holding up trucks & lorries at the border."


def test_atom_entries(tmp_path: Path) -> None:
    path = tmp_path / "dispatch.atom"
    path.write_text(ATOM, encoding="utf-8")
    first, second = docs_of(read_all(path))
    assert (first.id, first.outlet, first.published, first.title) == (
        "https://globaldispatch.example/x", "Global Dispatch", "2025-02-28", "Central Asian neighbours talk water")
    assert first.text == ARTICLE
    assert second.id == "urn:gd:2" and second.published == "2025-03-02"  # <updated> when no <published>
    assert second.text.startswith("Uzbekistan and Kazakhstan signed")


def test_xml_files_are_read_as_feeds_only_when_they_are_feeds(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    folder_items = read_all(tmp_path)
    assert [d.outlet for d in docs_of(folder_items)] == ["Global Dispatch", "Global Dispatch"]  # sitemap skipped
    named = read_all(tmp_path / "sitemap.xml")  # named explicitly: reported, not skipped
    assert len(named) == 1 and isinstance(named[0], ReadFailure) and "feed" in named[0].reason


def test_broken_feed_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("this is not xml at all", encoding="utf-8")
    (failure,) = read_all(path)
    assert isinstance(failure, ReadFailure) and failure.id == str(path)


# -- WARC -----------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>{title} | {site}</title>
{meta}<link rel="canonical" href="{url}"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p>{body}</p><p>Officials described the atmosphere as constructive.</p></article>
<footer>© 2025</footer></body></html>"""


def page(title: str, url: str, site: str = "", date: str = "") -> bytes:
    meta = (f'<meta property="og:site_name" content="{site}">' if site else "") + (
        f'<meta property="article:published_time" content="{date}">' if date else "")
    return PAGE.format(title=title, site=site or "x", meta=meta, url=url, body=ARTICLE).encode("utf-8")


def write_warc(path: Path, records: list[tuple], gzip: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for kind, uri, status, ctype, body, date in records:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1") if status else None
            rec = writer.create_warc_record(uri, kind, payload=io.BytesIO(body), http_headers=http,
                                            warc_headers_dict={"WARC-Date": date})
            writer.write_record(rec)


CRAWL = [
    ("request", "https://steppewire.example/a", None, "", b"GET /a HTTP/1.1\r\n\r\n", "2025-02-27T10:00:00Z"),
    ("response", "https://steppewire.example/a", "200 OK", "text/html; charset=utf-8",
     page("Talks in Astana", "https://steppewire.example/a", "Steppe Wire", "2025-02-26T22:00:00+00:00"),
     "2025-02-27T10:00:00Z"),
    ("response", "https://www.cadaily.example/b", "200 OK", "text/html",
     page("Ministers meet", "https://www.cadaily.example/b"), "2025-02-28T06:00:00Z"),
    ("response", "https://steppewire.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n" + bytes(200),
     "2025-02-27T10:00:01Z"),
    ("response", "https://steppewire.example/gone", "404 Not Found", "text/html", b"<html>gone</html>",
     "2025-02-27T10:00:02Z"),
    ("response", "https://steppewire.example/old", "301 Moved Permanently", "text/html", b"",
     "2025-02-27T10:00:03Z"),
]


@pytest.mark.parametrize("gzip", [False, True])
def test_warc_html_responses_are_documents(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, CRAWL, gzip)
    first, second = docs_of(read_all(path))
    assert first.id == first.url == "https://steppewire.example/a"
    assert first.published == "2025-02-26"        # the page's own date wins over the capture date
    assert first.outlet == "Steppe Wire" and first.title == "Talks in Astana"
    assert ARTICLE in first.text and "Home" not in first.text
    assert second.id == "https://www.cadaily.example/b"
    assert second.published == "2025-02-28"       # no date on the page: WARC-Date
    assert second.outlet == "cadaily.example"     # no site name on the page: the URL's host
    assert first.source.startswith(str(path) + "#")


def test_warc_in_a_folder_and_a_damaged_warc(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", CRAWL, gzip=True)
    assert len(docs_of(read_all(tmp_path))) == 2
    good = (tmp_path / "crawl.warc.gz").read_bytes()
    damaged = tmp_path / "other" / "cut.warc.gz"
    damaged.parent.mkdir()
    damaged.write_bytes(good[: len(good) * 2 // 3] + b"garbage" * 50)
    items = read_all(damaged)
    assert any(isinstance(i, RawDocument) for i in items)
    assert isinstance(items[-1], ReadFailure) and "damaged" in items[-1].reason


# -- saved page folders --------------------------------------------------------------------------------------

def test_saved_page_folder_reads_the_page_not_its_assets(tmp_path: Path) -> None:
    (tmp_path / "Talks in Astana.html").write_bytes(page("Talks in Astana", "https://x.example/a", "Steppe Wire"))
    assets = tmp_path / "Talks in Astana_files"
    assets.mkdir()
    (assets / "ad-frame.html").write_text("<html><body><p>Buy now! Cheap flights to Astana.</p></body></html>")
    (assets / "style.css").write_text("body {}")
    (tmp_path / "notes_files").mkdir()  # not beside a page: an ordinary folder, walked
    (tmp_path / "notes_files" / "note.txt").write_text("A note about the talks.")
    items = docs_of(read_all(tmp_path))
    assert [Path(d.id).name for d in items] == ["Talks in Astana.html", "note.txt"]
    assert items[0].outlet == "Steppe Wire" and items[0].url == "https://x.example/a"


# -- near-duplicates -------------------------------------------------------------------------------------------

WIRE = (
    "ASTANA, Feb 27 (Steppe Wire) - Kazakh Foreign Minister Daulet Nurlanov and his Kyrgyz counterpart "
    "Aibek Toktogulov held talks in Astana on Thursday, focusing on water sharing along the Chu and Talas "
    "rivers ahead of the spring irrigation season. The two ministers instructed their deputies to prepare a "
    "new allocation schedule for the joint water commission, according to a statement from the Kazakh "
    "Foreign Ministry. Toktogulov said the Kyrgyz side was ready to publish reservoir levels every week "
    "during the growing season. Trade between the two Central Asian neighbours reached $1.6 billion last year."
)
COPY = (WIRE.replace("during the growing season", "in the summer months")
        .replace("Trade between the two Central Asian neighbours reached $1.6 billion last year.", ""))
OTHER = (
    "Kyrgyzstan and Kazakhstan discussed water allocation and cargo queues at their shared border as the two "
    "countries' foreign ministers met in Astana. Aibek Toktogulov travelled to the Kazakh capital with a "
    "delegation of water and customs officials. The talks with Daulet Nurlanov lasted more than three hours, "
    "diplomats said, and neither side released a joint statement about the water-sharing schedule."
)


def test_minhash_is_deterministic_and_estimates_jaccard() -> None:
    a, b, c = dedup.shingles(WIRE), dedup.shingles(COPY), dedup.shingles(OTHER)
    exact = dedup.jaccard(a, b)
    assert exact >= dedup.THRESHOLD > 0.3 > dedup.jaccard(a, c)
    sig_a, sig_b = dedup.signature(a), dedup.signature(b)
    assert (dedup.signature(set(a)) == sig_a).all()
    assert abs(dedup.estimate(sig_a, sig_b) - exact) < 0.15
    assert set(dedup.band_keys(sig_a)) & set(dedup.band_keys(sig_b))  # a candidate pair
    assert dedup.band_keys(sig_a) == dedup.band_keys(dedup.signature(dedup.shingles(WIRE.upper())))
    assert not dedup.eligible("Too short to compare.")


def record(doc_id: str, outlet: str, published: str, text: str) -> dict:
    return Document(id=doc_id, doc_id=doc_id, url=f"https://{outlet.replace(' ', '').lower()}.example/{doc_id}",
                    title=None, outlet=outlet, published=published, language="en", text=text).to_dict()


def test_near_duplicates_are_linked_to_the_credited_original_in_any_order() -> None:
    docs = [record("wire", "Steppe Wire", "2025-02-27", WIRE), record("copy", "Astana Post", "2025-02-27", COPY),
            record("late", "Late Herald", "2025-02-28", COPY + " Reporting by staff."),
            record("other", "Central Asia Daily", "2025-02-27", OTHER)]
    results = []
    for seed in range(6):
        with Store(":memory:") as s:
            for d in random.Random(seed).sample(docs, len(docs)):
                s.add([d])
            results.append(s.query("SELECT doc_id, canonical_doc_id FROM near_duplicates ORDER BY doc_id"))
    assert results[0] == [{"doc_id": "copy", "canonical_doc_id": "wire"},
                          {"doc_id": "late", "canonical_doc_id": "wire"}]
    assert all(r == results[0] for r in results)


def test_the_same_document_twice_is_stored_once() -> None:
    with Store(":memory:") as s:
        first = s.add([record("wire", "Steppe Wire", "2025-02-27", WIRE)])
        again = s.add([record("wire", "Steppe Wire", "2025-02-27", WIRE)])
        assert (first.added, again.added, again.skipped) == (1, 0, 1)
        assert s.count_documents() == 1 and s.query("SELECT count(*) AS n FROM near_duplicates")[0]["n"] == 0


# -- streaming -------------------------------------------------------------------------------------------------

def _peak_while(items) -> tuple[int, int]:
    gc.collect()
    tracemalloc.start()
    n = 0
    try:
        for _ in items:
            n += 1
        return n, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_large_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    line = json.dumps({"id": "x", "text": ARTICLE * 20, "outlet": "Steppe Wire", "published": "2025-02-27"})
    with open(path, "w", encoding="utf-8") as out:
        for i in range(50 * 1024 * 1024 // len(line) + 1):
            out.write(line.replace('"x"', f'"doc-{i}"', 1) + "\n")
    assert path.stat().st_size >= 50 * 1024 * 1024
    n, peak = _peak_while(read_path(str(path)))
    assert n > 10_000
    assert peak < 2 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while reading a 50 MB file"


def test_a_large_warc_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    blob = random.Random(1).randbytes(64 * 1024)
    records = [("response", f"https://cdn.example/{i}.jpg", "200 OK", "image/jpeg", blob, "2025-02-27T10:00:00Z")
               for i in range(400)]
    records.insert(200, CRAWL[1])
    write_warc(path, records, gzip=True)
    assert path.stat().st_size > 20 * 1024 * 1024
    n, peak = _peak_while(read_path(str(path)))
    assert n == 1
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while reading a {path.stat().st_size / 1e6:.0f} MB WARC"
