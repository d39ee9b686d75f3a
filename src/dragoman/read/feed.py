"""RSS and Atom feed files: every entry is a document, with its link, title, date and the feed's name.

Collections of news often arrive as saved feeds (``.rss``, ``.atom``, ``.xml``). feedparser reads all
RSS versions and Atom, tolerates the malformed XML feeds are famous for, and normalises dates. Each entry
becomes one ``RawDocument``:

- ``id`` and ``url``: the entry's link (else its ``<id>``/``<guid>``, else ``<path>#<n>``);
- ``title``: the entry title; ``outlet``: the feed's title (the publisher, e.g. "Steppe Wire");
- ``published``: the entry's published (else updated) date, a UTC day;
- the text: the entry's full content when the feed carries it, else its summary. HTML goes through the
  same trafilatura helper as pages (``dragoman.read.html.extract``); plain text, and HTML fragments too
  short for trafilatura to call an article, are reduced to their text directly.

A feed is one XML document, read whole (feeds are small: the 64 MiB cap of ``read.text`` applies); the
entries are yielded one at a time.
"""

from __future__ import annotations

import html as html_lib
import re
import time
from collections.abc import Iterator
from typing import Any

from dragoman.model import RawDocument, ReadFailure
from dragoman.read import html as html_reader
from dragoman.read.text import Failure, check, read_bytes

FEED_EXTENSIONS = frozenset({".rss", ".atom", ".xml"})
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_TAG = re.compile(r"<[A-Za-z/!][^>]*>")
_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>", re.IGNORECASE)


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file open an RSS, Atom or RDF feed (used to skip other ``.xml``)."""
    return bool(_FEED_ROOT.search(head))


def read_feed(path: str) -> Iterator[RawDocument | ReadFailure]:
    """Yields one document per entry of the feed file at ``path`` (or one failure for the file)."""
    data = read_bytes(path)
    if isinstance(data, Failure):
        yield ReadFailure(path, str(data))
        return
    yield from feed_documents(data, path)


def feed_documents(data: bytes | str, name: str) -> Iterator[RawDocument | ReadFailure]:
    """The entries of feed content ``data``; ``name`` (a path) names the feed and its entries."""
    import feedparser  # imported lazily: only feed inputs need it

    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        yield ReadFailure(name, "not an RSS/Atom feed" + (f" ({reason})" if reason else ""))
        return
    outlet = _clean(parsed.feed.get("title"))
    if not parsed.entries:
        yield ReadFailure(name, "feed has no entries")
        return
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_document(entry, number, name, outlet)


def _entry_document(entry: Any, number: int, name: str, outlet: str | None) -> RawDocument | ReadFailure:
    url = _clean(entry.get("link"))
    doc_id = url or _clean(entry.get("id")) or f"{name}#{number}"
    source = f"{name}#{number}"
    title = _clean(entry.get("title"))
    published = _day(entry.get("published_parsed") or entry.get("updated_parsed"))
    value, kind = _body(entry)
    if not value.strip():
        return ReadFailure(doc_id, f"feed entry has no content or summary [{source}]")
    meta = {"url": url, "title": title, "published": published, "outlet": outlet}
    if "html" in kind or _TAG.search(value):
        doc = html_reader.extract(value, doc_id, source, **meta)
        if isinstance(doc, RawDocument):
            return doc
        value = _strip_tags(value)  # a fragment too short for trafilatura is still the entry's text
    text = check(html_lib.unescape(value).strip())
    if isinstance(text, Failure):
        return ReadFailure(doc_id, f"{text} [{source}]")
    return RawDocument(id=doc_id, text=text, source=source, **meta)


def _body(entry: Any) -> tuple[str, str]:
    """The longest full content of the entry, else its summary, with its MIME type."""
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value") or ""))
        return best["value"], best.get("type") or "text/html"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary") or "", detail.get("type") or "text/html"


def _strip_tags(fragment: str) -> str:
    text = _BLOCK.sub("\n\n", fragment)
    text = _TAG.sub("", text)
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(html_lib.unescape(value).split())
    return value or None


def _day(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        return time.strftime("%Y-%m-%d", parsed)
    except (TypeError, ValueError):
        return None
