"""HTML pages: the article body and the page's own metadata, via trafilatura (never the network).

A saved page is mostly not article: menus, footers, share bars, related links. trafilatura is the
maintained answer to "which part is the article", and it also reads the metadata a page declares
(``<title>``, ``article:published_time``, ``og:site_name``, canonical link), so none of that is
re-invented here.  What is left of the page's furniture is for ``dragoman.clean.page``.

libxml2 (under lxml, under trafilatura) stops building the tree 256 elements deep and silently
drops everything below, so a page of thousands of nested (usually unclosed) ``<div>``/``<font>``
tags would lose its text without a word. Such a page is flattened first (``flatten``): the
wrapper tags that carry no text structure are removed until the nesting fits.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from dragoman.model import RawDocument, ReadFailure
from dragoman.read.text import Failure, read_bytes, scrub

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

#: Deeper nesting than this is flattened before parsing (libxml2 gives up at 256 levels).
MAX_DEPTH = 200
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"])
# Elements the parser closes by itself when a sibling opens; not counted as nesting.
_SELF_CLOSING = frozenset(["p", "li", "dt", "dd", "option", "tr", "td", "th"])
# Layout wrappers: removing them keeps every word and the paragraph breaks (block ones become <br>).
_WRAPPERS_BLOCK = "div|section|center|table|tbody|thead|tfoot|tr|td|th|ul|ol|dl|blockquote|form|fieldset|figure"
_WRAPPERS_INLINE = "span|font|b|i|u|s|em|strong|small|big|sub|sup|a|abbr|cite|code|q|mark|label|nobr"
# What a flat page keeps when even that is not enough: the page's head and its paragraph marks.
_KEEP_FLAT = "html|head|body|title|meta|link|script|style|noscript|p|br|h[1-6]"
_TAG = r"<(/?)({names})\b[^>]*?(/?)>"
_BREAKS = re.compile(r"(?:<br>\s*){3,}")
_BREAKS_B = re.compile(rb"(?:<br>\s*){3,}")

# No guessing of dates from copyright lines or body text: only dates the page declares.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def extract(
    html: str | bytes,
    doc_id: str,
    source: str,
    *,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
) -> RawDocument | ReadFailure:
    """Extracts body text and metadata from one HTML page.

    Metadata passed in (e.g. from a JSONL record) wins over what the page declares.  The body keeps
    trafilatura's block structure, one block per paragraph, paragraphs separated by a blank line.
    """
    if isinstance(html, bytes) and b"\x00" in html[:8192]:
        return ReadFailure(doc_id, "binary file (contains NUL bytes)")
    if not html.strip():
        return ReadFailure(doc_id, "empty document")
    if isinstance(html, str):
        html = scrub(html)          # lxml refuses control characters and lone surrogates in a str
    try:
        html = flatten(html)
        page = _bare_extraction(html)
    except Exception as err:  # a parser crash on one page must not stop the batch
        return ReadFailure(doc_id, f"HTML could not be parsed: {type(err).__name__}: {err}")
    body = (page or {}).get("text") or ""
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if not paragraphs:
        return ReadFailure(doc_id, "no article text found in HTML")
    page_date = page.get("date") or ""
    return RawDocument(
        id=doc_id,
        text=scrub("\n\n".join(paragraphs)),
        url=url or _meta(page, "url"),
        title=title or _meta(page, "title"),
        published=published or (page_date[:10] if _ISO_DAY.match(page_date) else None),
        outlet=outlet or _meta(page, "sitename"),
        source=source,
    )


def _meta(page: dict[str, Any], key: str) -> str | None:
    value = page.get(key)
    return scrub(value) if isinstance(value, str) and value else None


def depth(html: str | bytes) -> int:
    """How deep the page's elements nest (a tag count, ignoring void and self-closing elements)."""
    pattern = _tag_pattern(r"[A-Za-z][A-Za-z0-9]*", isinstance(html, bytes))
    level = deepest = 0
    for match in pattern.finditer(html):
        closing, name, empty = (_text(g) for g in match.groups())
        name = name.lower()
        if empty or name in _VOID or name in _SELF_CLOSING:
            continue
        if closing:
            level = max(0, level - 1)
        else:
            level += 1
            deepest = max(deepest, level)
    return deepest


def flatten(html: str | bytes, limit: int = MAX_DEPTH) -> str | bytes:
    """``html`` itself when it nests at most ``limit`` deep; else the page without its layout wrappers
    (and, if that is still too deep, without any tag but the head's and paragraph marks)."""
    if depth(html) <= limit:
        return html
    binary = isinstance(html, bytes)
    br = b"<br>" if binary else "<br>"
    empty = b"" if binary else ""
    html = _tag_pattern(_WRAPPERS_BLOCK, binary).sub(br, html)
    html = _tag_pattern(_WRAPPERS_INLINE, binary).sub(empty, html)
    if depth(html) > limit:
        keep = _tag_pattern(_KEEP_FLAT, binary)
        any_tag = _tag_pattern(r"[A-Za-z][A-Za-z0-9]*", binary)
        html = any_tag.sub(lambda m: m.group(0) if keep.fullmatch(m.group(0)) else br, html)
    breaks = _BREAKS_B if binary else _BREAKS
    return breaks.sub(br + br, html)    # thousands of breaks in a row are one paragraph break


def _tag_pattern(names: str, binary: bool) -> re.Pattern:
    return _compiled(names, binary)


@functools.cache
def _compiled(names: str, binary: bool) -> re.Pattern:
    text = _TAG.format(names=names)
    return re.compile(text.encode("ascii") if binary else text, re.IGNORECASE)


def _text(value: str | bytes) -> str:
    return value.decode("ascii", "replace") if isinstance(value, bytes) else value


def read_html(path: str) -> RawDocument | ReadFailure:
    """Reads an ``.html``/``.htm`` file; bytes go to trafilatura, which honours ``<meta charset>``."""
    data = read_bytes(path)
    if isinstance(data, Failure):
        return ReadFailure(path, str(data))
    return extract(data, path, path)


def _bare_extraction(html: str | bytes) -> dict[str, Any] | None:
    """trafilatura's extraction as a plain dict (imported lazily: it is slow to import)."""
    import trafilatura

    page = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_images=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if page is None:
        return None
    return page if isinstance(page, dict) else page.as_dict()
