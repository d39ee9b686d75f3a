"""dragoman's spaCy components: each answers one question about a ``Doc`` and writes the answer
to a ``Doc._`` extension, so they can be dropped into any English spaCy pipeline.

Order: paragraphs (before the parser) → names (before NER) → actors → dateline → places → dates →
quotes → events.
``Doc._.published`` (``YYYY-MM-DD`` or None) is set by the caller before the pipeline runs, and
``Doc._.month`` (``YYYY-MM``) where only a month-only header dates the document.
"""

from spacy.tokens import Doc

for _name, _default in (("published", None), ("persons", None), ("actor_at", None), ("places", None),
                        ("dates", None), ("quotes", None), ("events", None), ("dateline", None), ("month", None),
                        ("named_places", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

from dragoman.annotate import actors, dateline, dates, events, names, paragraphs, places, quotes  # noqa: E402,F401  (register factories)
