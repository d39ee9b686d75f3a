"""WARC archives (``.warc``, ``.warc.gz``): every archived HTML page is a document.

News crawls (Common Crawl's CC-NEWS, institutional web archives, ``wget --warc-file``) ship as WARC
files of many gigabytes, so the archive is streamed record by record with warcio (which also undoes
chunked and gzip transfer encodings); only one page is in memory at a time.

A document is made of each ``response`` (or ``resource``) record whose HTTP status is 2xx and whose
content type is HTML; redirects, errors, images, scripts and ``request``/``metadata`` records are
passed over silently (they are not articles). For each page: ``id`` and ``url`` are the record's
``WARC-Target-URI``; body, title, date and site name come from the page via trafilatura
(``read.html.extract``); when the page declares no date, the capture day (``WARC-Date``) stands in,
and when it declares no site name, the URL's host does — an outlet is what story counts need.
A damaged archive yields a failure naming the file and where it stopped; the pages before it stand.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from urllib.parse import urlsplit

from dragoman.model import RawDocument, ReadFailure
from dragoman.read import html as html_reader
from dragoman.read.text import MAX_BYTES, os_reason

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def read_warc(path: str) -> Iterator[RawDocument | ReadFailure]:
    """Streams the HTML pages of the WARC file at ``path`` as documents."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the with below, kept open while yielding
    except OSError as err:
        yield ReadFailure(path, os_reason(err))
        return
    number = end = 0
    with handle:
        try:
            records = ArchiveIterator(handle)
            for number, record in enumerate(records, start=1):  # noqa: B007
                if not record.rec_type:
                    yield ReadFailure(path, f"not a WARC archive: record {number} has no WARC-Type")
                    return
                doc = _record_document(record, f"{path}#{number}")
                records.read_to_end()           # the rest of the record: is all of it there?
                if getattr(record.raw_stream, "limit", 0) > 0:
                    yield ReadFailure(path, f"WARC archive cut short in record {number} "
                                            f"(the records before it were read)")
                    return
                if doc is not None:
                    yield doc
                end = sum(records.member_info or (end, 0))
        except ArchiveLoadFailed as err:
            yield ReadFailure(path, f"damaged WARC archive after record {number}: {err}")
            return
        except Exception as err:  # noqa: BLE001 - warcio fails in many ways on cut or garbled archives
            yield ReadFailure(path, f"damaged WARC archive after record {number}: {type(err).__name__}: {err}")
            return
        left = _unread(handle, end)
        if left:
            yield ReadFailure(path, f"WARC archive cut short or damaged after record {number}: "
                                    f"{left:,} bytes could not be read as a record")


def _unread(handle, end: int) -> int:
    """Bytes after offset ``end`` (the end of the last whole record) that are not just blank lines:
    warcio silently skips a gzip member or record header cut off by a truncated download."""
    size = os.fstat(handle.fileno()).st_size
    if size <= end:
        return 0
    handle.seek(end)
    tail = handle.read(64)
    return 0 if size - end <= 64 and not tail.strip() else size - end


def _record_document(record, source: str) -> RawDocument | ReadFailure | None:
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or source
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return None
        status = (http.get_statuscode() or "").strip()
        if not status.startswith("2"):
            return None
        ctype = http.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    if ctype.lower().split(";")[0].strip() not in _HTML_TYPES:
        return None
    body = record.content_stream().read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        return ReadFailure(uri, f"archived page too large (over {MAX_BYTES // (1024 * 1024)} MiB) [{source}]")
    doc = html_reader.extract(body, uri, source, url=uri if "://" in uri else None)
    if isinstance(doc, ReadFailure):
        return ReadFailure(doc.id, f"{doc.reason} [{source}]")
    captured = (record.rec_headers.get_header("WARC-Date") or "")[:10]
    return dataclasses.replace(
        doc,
        published=doc.published or (captured if len(captured) == 10 else None),
        outlet=doc.outlet or _host(uri),
    )


def _host(url: str) -> str | None:
    host = urlsplit(url).hostname if "://" in url else None
    return host.removeprefix("www.") if host else None
