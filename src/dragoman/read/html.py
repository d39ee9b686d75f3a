"""HTML pages: the article body and the page's own metadata, via trafilatura (never the network).

A saved page is mostly not article: menus, footers, share bars, related links. trafilatura is the
maintained answer to "which part is the article", and it also reads the metadata a page declares
(``<title>``, ``article:published_time``, ``og:site_name``, canonical link), so none of that is
re-invented here.  What is left of the page's furniture is for ``dragoman.clean``.
"""

from __future__ import annotations

import re
from typing import Any

from dragoman.model import RawDocument, ReadFailure
from dragoman.read.text import Failure, read_bytes

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

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
    try:
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
        text="\n\n".join(paragraphs),
        url=url or page.get("url") or None,
        title=title or page.get("title") or None,
        published=published or (page_date[:10] if _ISO_DAY.match(page_date) else None),
        outlet=outlet or page.get("sitename") or None,
        source=source,
    )


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
