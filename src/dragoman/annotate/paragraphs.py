"""Paragraph breaks are sentence breaks: headings and quote paragraphs never run into the next line;
and a dateline is a sentence of its own, so "Istanbul, 28 February —" is never read as the subject
of the report that follows it."""

from spacy.language import Language
from spacy.tokens import Doc

from dragoman.annotate.dateline import dateline_end
from dragoman.annotate.doctext import doc_text


@Language.component("dragoman_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Starts a sentence after every whitespace token holding a line break (runs before the parser)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    end = dateline_end(doc_text(doc))
    if end is not None:
        after = doc.char_span(end, end + 1, alignment_mode="expand")
        if after is not None and after.start > 0:
            doc[after.start].is_sent_start = True
    return doc
