"""Readable names for actor keys (``TUR`` → ``Türkiye``, ``AFU`` → ``African Union``).

Why here: rankings, the network and the brief group actors at the country level (or by
organisation code) and show a name beside the code; the names come from dragoman's own
knowledge files, so they match what the extractor recognises.
"""

from __future__ import annotations

from functools import cache

from dragoman.knowledge.codebook import plover_data


@cache
def _names() -> dict[str, str]:
    from dragoman.knowledge import countries, read_tsv

    out = {iso3: c.name for iso3, c in countries().items()}
    for row in read_tsv("igos.tsv"):
        out.setdefault(row["code"], row["name"])
    return out


@cache
def sectors() -> frozenset[str]:
    """PLOVER sector codes: an actor known only by its sector (``CVL``) is not a node or a party."""
    return frozenset(plover_data()["sectors"])


def label(code: str | None) -> str | None:
    """The name of a country or organisation code; the code itself when unknown."""
    if not code:
        return None
    return _names().get(code, code)
