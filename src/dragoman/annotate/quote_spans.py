"""Where a text quotes: the stretches between quotation marks, paragraph by paragraph, found once per document.

Both the actor resolver (a name inside a quote is not the quote's speaker) and the quote finder need them."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from dragoman.annotate.doctext import doc_text

OPENERS = {'"': '"', "“": "”", "«": "»", "„": "“", "''": "''"}
# closers a sloppy text pairs with an opener: '"…,” said X' and '“…," X said' each close their quote
ALSO_CLOSES = {'"': "”", "“": '"', "„": "”"}
# the marks: two apostrophes are one quotation mark in some archives ('\'\'We will win,\'\' he said')
MARKS = re.compile(r"''|[\"“”«»„]")


@dataclass
class QuoteSpan:
    start: int          # inner text offsets (without the marks)
    end: int
    open_at_paragraph_end: bool
    mark: int = 1       # characters of each quotation mark ('\'\'' has two)

    @property
    def before(self) -> int:
        """Where the opening mark begins."""
        return self.start - self.mark

    @property
    def after(self) -> int:
        """Where the closing mark ends."""
        return self.end + self.mark


class QuoteSpans(list):
    """A document's quote spans in text order, with the offsets of their opening marks for bisecting."""

    def __init__(self, spans: list[QuoteSpan]) -> None:
        super().__init__(spans)
        self.befores = [s.before for s in spans]

    def around(self, char: int) -> bool:
        """True when the offset lies within a quote, its marks included."""
        i = bisect_right(self.befores, char) - 1
        return i >= 0 and char < self[i].after


def document_quote_spans(doc: Doc) -> QuoteSpans:
    """The quote spans of a document, found once (actors and quotes both ask)."""
    spans = doc.user_data.get("dragoman_quote_spans_found")
    if spans is None:
        spans = doc.user_data["dragoman_quote_spans_found"] = QuoteSpans(find_quote_spans(doc_text(doc)))
    return spans


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches of a text, paragraph by paragraph; an unclosed quote ends with its paragraph.
    A straight mark glued to the word before it and followed by a space opens nothing: it closes a
    quote whose opening mark is missing, or it is the inch of '6\'3" tall'."""
    spans: list[QuoteSpan] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        opened_at, closer, opener = -1, "", ""
        chunk, base = para.group(), para.start()
        for m in MARKS.finditer(chunk):
            ch, i = m.group(), m.start()
            pos = base + i
            if opened_at < 0 and ch in OPENERS:
                if ch == '"' and _stray(chunk, i):
                    continue
                opened_at, closer, opener = pos + len(ch), OPENERS[ch], ch
            elif opened_at < 0 and ch == "”" and _opens(chunk, i):
                opened_at, closer, opener = pos + 1, "”", '"'      # '”Fear. I am …”': a closer set as opener
            elif opened_at >= 0 and (ch == closer or ch == ALSO_CLOSES.get(opener)):
                spans.append(QuoteSpan(opened_at, pos, False, len(opener)))
                opened_at = -1
        if opened_at >= 0:
            spans.append(QuoteSpan(opened_at, para.end(), True, len(opener)))
    return [_trim(text, s) for s in spans if text[s.start:s.end].strip()]


def _stray(para: str, i: int) -> bool:
    """A straight mark after a word or figure and before a space (or the end): no opening mark."""
    return i > 0 and not para[i - 1].isspace() and para[i - 1] not in "([{—–-/" \
        and (i + 1 == len(para) or para[i + 1].isspace())


def _opens(para: str, i: int) -> bool:
    """A closing mark that opens: first in its paragraph or after a space, with a word right after it."""
    return (i == 0 or para[i - 1].isspace()) and i + 1 < len(para) and para[i + 1].isalnum()


def _trim(text: str, span: QuoteSpan) -> QuoteSpan:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(start, end, span.open_at_paragraph_end, span.mark)
