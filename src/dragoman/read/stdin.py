"""Standard input (``-``): one text document, or a stream of JSONL records.

``dragoman extract -`` should work both for ``pbcopy``-style pasted text and for
``cat feed.jsonl | dragoman ingest -``.  The choice is made on the first non-blank line: if it
starts with ``{`` the input is JSON Lines and is streamed record by record (a later line that is not
JSON becomes a failure named ``-:<line>``, the rest still lands); otherwise the whole input is one
text document with id ``-``.  Deciding on the first line keeps a large piped feed streaming.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from typing import IO, Any

from dragoman.model import RawDocument, ReadFailure
from dragoman.read.jsonl import TOO_LONG, bounded_lines, iter_records
from dragoman.read.text import MAX_BYTES, text_document

NAME = "-"


def read_stdin(stream: IO[Any] | None = None) -> Iterator[RawDocument | ReadFailure]:
    """Reads ``stream`` (default ``sys.stdin``, as bytes when it has a binary buffer)."""
    stream = sys.stdin if stream is None else stream
    source: IO[Any] = getattr(stream, "buffer", None) or stream
    lines = bounded_lines(source) if hasattr(source, "readline") else iter(source)
    head: list[bytes | str] = []
    for line in lines:
        if line is TOO_LONG:
            yield ReadFailure(NAME, f"standard input has a line over {MAX_BYTES // (1024 * 1024)} MiB")
            return
        head.append(line)
        if line.strip():
            break
    first = head[-1] if head else ""
    first_text = first.decode("utf-8", "replace") if isinstance(first, bytes) else first
    if first_text.lstrip("\ufeff \t").startswith("{"):
        yield from iter_records(itertools.chain(head, lines), NAME)
        return
    rest = source.read(MAX_BYTES + 1)
    content = (b"" if isinstance(rest, bytes) else "").join([*head, rest])
    if len(content) > MAX_BYTES:
        yield ReadFailure(NAME, f"standard input too large (over {MAX_BYTES // (1024 * 1024)} MiB)")
        return
    yield text_document(content, NAME, NAME)
