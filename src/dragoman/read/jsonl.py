"""JSON Lines input: one document record a line, read one line at a time.

A feed file can hold millions of records, so lines are streamed, never loaded together.  One bad
line (broken JSON, a missing field) becomes a ``ReadFailure`` named ``<path>:<line>`` (or by the
record's id when it could be read) and the lines after it are still read.

A record is ``{"id": str, "text": str}`` or ``{"id": str, "html": str}``, optionally with
``published`` (``YYYY-MM-DD``, or a form ``read.published`` reads; one it cannot read is a warning on
stderr and the document is kept without it), ``url``, ``title`` and
``outlet``.  When a record has both ``text`` and ``html``, ``text`` is used.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from dragoman.model import RawDocument, ReadFailure
from dragoman.read import html as html_reader
from dragoman.read.published import parse_published
from dragoman.read.text import MAX_BYTES, Failure, check, os_reason, scrub

_OPTIONAL = ("published", "url", "title", "outlet")
_CHUNK = 1024 * 1024


class _TooLong(bytes):
    """Stands for a line beyond ``MAX_BYTES``, which is skipped rather than held in memory."""


TOO_LONG = _TooLong()


def iter_records(lines: Iterable[bytes | str], name: str) -> Iterator[RawDocument | ReadFailure]:
    """Yields one item per non-blank line of ``lines``; ``name`` prefixes line-based ids."""
    for number, line in enumerate(lines, start=1):
        where = f"{name}:{number}"
        if line is TOO_LONG:
            yield ReadFailure(where, f"line longer than {MAX_BYTES // (1024 * 1024)} MiB (not read)")
            continue
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                yield ReadFailure(where, f"not valid UTF-8 text: invalid byte at column {err.start + 1}")
                continue
        line = line.removeprefix("\ufeff") if number == 1 else line
        if not line.strip():
            continue
        yield line_document(line, where)


def line_document(line: str, where: str) -> RawDocument | ReadFailure:
    """Turns one JSON line into a ``RawDocument``; ``where`` (``path:line``) is its source."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return ReadFailure(where, f"malformed JSON: {err.msg} at column {err.colno}")
    except RecursionError:
        return ReadFailure(where, "malformed JSON: nested too deeply")
    except ValueError as err:  # e.g. a number of more than 4,300 digits
        return ReadFailure(where, f"malformed JSON: {err}")
    return record_document(record, where)


def record_document(record: Any, where: str) -> RawDocument | ReadFailure:
    """Validates one input record (already parsed JSON) and reads it, extracting ``html`` if given.

    ``where`` names the record when it has no readable id and becomes its ``source``.  The HTTP API
    (``POST /api/documents``) and ``dragoman.extract_records`` can use this for the same rules.
    """
    if not isinstance(record, dict):
        return ReadFailure(where, f"record is not a JSON object (got {_json_type(record)})")
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if isinstance(doc_id, str):
        doc_id = scrub(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        return ReadFailure(where, "record has no 'id' (a non-empty string)")
    meta: dict[str, str | None] = {}
    for key in _OPTIONAL:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return ReadFailure(doc_id, f"'{key}' must be a string (got {_json_type(value)}) [{where}]")
        meta[key] = scrub(value) if value else None
    if meta["published"] is not None:
        day = parse_published(meta["published"])
        if day is None:     # metadata: a warning, never a lost document
            print(f"dragoman: {doc_id}: warning: 'published' is not a date: {meta['published']!r} [{where}]; "
                  f"read without it", file=sys.stderr)
        meta["published"] = day
    text, html = record.get("text"), record.get("html")
    if text is not None:
        if not isinstance(text, str):
            return ReadFailure(doc_id, f"'text' must be a string (got {_json_type(text)}) [{where}]")
        checked = check(text)
        if isinstance(checked, Failure):
            return ReadFailure(doc_id, f"{checked} [{where}]")
        return RawDocument(id=doc_id, text=checked, source=where, **meta)
    if html is not None:
        if not isinstance(html, str):
            return ReadFailure(doc_id, f"'html' must be a string (got {_json_type(html)}) [{where}]")
        return html_reader.extract(html, doc_id, where, **meta)
    return ReadFailure(doc_id, f"record has neither 'text' nor 'html' [{where}]")


def read_jsonl(path: str) -> Iterator[RawDocument | ReadFailure]:
    """Streams the records of a ``.jsonl`` file."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the with below, kept open while yielding
    except OSError as err:
        yield ReadFailure(path, os_reason(err))
        return
    with handle:
        yield from iter_records(bounded_lines(handle), path)


def bounded_lines(handle: Any, limit: int = MAX_BYTES) -> Iterator[bytes | str]:
    """The lines of a file (binary or text), each at most ``limit`` long; a longer one is skipped (read
    in chunks, never held whole) and stands as ``TOO_LONG``, so one runaway line cannot exhaust memory."""
    while line := handle.readline(limit + 1):
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) <= limit or line.endswith(newline):
            yield line
            continue
        while (rest := handle.readline(_CHUNK)) and not rest.endswith(newline):
            pass
        yield TOO_LONG


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
             float: "number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
