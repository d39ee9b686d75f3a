"""Known names (countries, capitals, seats of government, organisations, office-holders) are
labelled before the statistical NER runs, so the small model's guesses never override the
gazetteer on a name we know ("Türkiye" is a GPE, "Sergey Lavrov" a PERSON)."""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRuler

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
def make_names(nlp: Language, name: str) -> EntityRuler:
    ruler = EntityRuler(nlp, name=name, overwrite_ents=True)
    ruler.add_patterns(patterns(nlp))
    return ruler
