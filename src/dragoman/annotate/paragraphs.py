"""Paragraph breaks are sentence breaks: headings and quote paragraphs never run into the next line."""

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dragoman_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Starts a sentence after every whitespace token holding a line break (runs before the parser)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
