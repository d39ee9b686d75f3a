"""Known names (countries, capitals, seats of government, organisations, office-holders) are
labelled before the statistical NER runs, so the small model's guesses never override the
gazetteer on a name we know ("Türkiye" is a GPE, "Sergey Lavrov" a PERSON)."""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from dragoman import knowledge

LABELS = {"country": "GPE", "capital": "GPE", "metonym": "ORG", "igo": "ORG", "person": "PERSON", "group": "ORG",
          "demonym": "NORP"}
MONTHS_AND_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                   "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
                   "friday", "saturday", "sunday"}


def patterns(nlp: Language) -> list[dict]:
    """One phrase pattern per known name; single words that are also common words are left to NER."""
    seen: dict[str, str] = {}
    for entries in knowledge.names().values():
        for entry in entries:
            text = entry.text
            if not text or not text[0].isupper() or text in seen:
                continue
            if " " not in text and (text.lower() in MONTHS_AND_DAYS or nlp.vocab[text.lower()].is_stop):
                continue
            seen[text] = LABELS[entry.kind]
    return [{"label": label, "pattern": text} for text, label in seen.items()]


@Language.factory("dragoman_names")
def make_names(nlp: Language, name: str) -> NamesRuler:
    ruler = EntityRuler(nlp, name=name, overwrite_ents=True)
    ruler.add_patterns(patterns(nlp))
    return NamesRuler(ruler)


class NamesRuler:
    """The entity ruler, minus known one-word person names that are part of a longer unknown name:
    'Rawlings' in 'Donna Sampson Rawlings' is not Jerry Rawlings, nor 'Ashton' in 'Ashton Kutcher'
    Catherine Ashton. Those words are left to the statistical NER, which sees the whole name."""

    def __init__(self, ruler: EntityRuler) -> None:
        self.ruler = ruler

    def __call__(self, doc: Doc) -> Doc:
        doc = self.ruler(doc)
        ents = list(doc.ents)
        kept = [e for e in ents if not (e.label_ == "PERSON" and len(e) == 1 and (
            _name_word(doc, e.start - 1) or _name_word(doc, e.end)))]
        if len(kept) != len(ents):
            doc.set_ents(kept, default="missing")
        return doc


def _name_word(doc: Doc, i: int) -> bool:
    """A capitalised proper noun at ``i`` that no known name covers and that is no title ('President')."""
    if not 0 <= i < len(doc):
        return False
    token = doc[i]
    if not token.is_title or token.tag_ != "NNP" or token.ent_type_ or token.is_sent_start:
        return False
    word = token.lower_.rstrip(".")
    return word not in knowledge.roles() and word not in TITLE_WORDS and knowledge.lookup(token.text) is None


# honorifics and titles written before a name (capitalised, tagged NNP) that are no part of it
TITLE_WORDS = {"mr", "mrs", "ms", "dr", "sir", "sheikh", "sheik", "prince", "princess", "king", "queen", "emir",
               "president", "premier", "chancellor", "gen", "col", "lt", "maj", "capt", "sgt", "gov", "sen", "rep",
               "rev", "pope", "ayatollah", "judge", "justice", "minister", "secretary", "ambassador", "envoy"}
