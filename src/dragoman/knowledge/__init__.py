"""Knowledge as data: tiny loaders over the TSV/JSON files in ``knowledge/data``.

The files are meant to be read and edited by analysts (PETRARCH's dictionaries were its
strength); this module only parses them, once per process, into lookup structures.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


def data_path(name: str):
    """The path of a packaged data file (works from a wheel as well as from the source tree)."""
    return resources.files(__package__).joinpath("data", name)


def read_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a packaged TSV: ``#`` lines are comments, the first other line is the header."""
    with data_path(name).open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k.strip(): (v or "").strip() for k, v in row.items() if k}


def split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and diacritic-insensitive key: 'Türkiye' and 'Turkiye' meet, 'İstanbul' and 'Istanbul' too.
    Cached: the same few thousand words are folded again in every sentence."""
    text = text.replace("’", "'").replace("İ", "I").replace("ı", "i")
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...]      # the name and every variant
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class NameEntry:
    """What a known name stands for: a country, a government seat, an organisation or a person."""

    text: str
    kind: str                   # country | capital | metonym | demonym | igo | group | person
    country: str | None
    sector: str | None
    code: str | None = None     # IGO/NGO code
    name: str | None = None     # canonical name (people, organisations, countries)
    start: str | None = None    # validity of an office-holder entry
    end: str | None = None


@dataclass(frozen=True)
class Role:
    phrase: str
    sector: str | None
    person: bool                # a title put before a person's name


@cache
def countries() -> dict[str, Country]:
    out: dict[str, Country] = {}
    for row in read_tsv("countries.tsv"):
        names = tuple(dict.fromkeys([row["name"], *split(row.get("variants", ""))]))
        out[row["iso3"]] = Country(row["iso3"], row["name"], names, tuple(split(row.get("demonyms", ""))),
                                   tuple(split(row.get("capitals", ""))))
    return out


@cache
def roles() -> dict[str, Role]:
    """Role words and titles by lower-case phrase."""
    return {row["phrase"].lower(): Role(row["phrase"].lower(), row.get("sector") or None,
                                        row.get("person", "0") == "1")
            for row in read_tsv("roles.tsv")}


@cache
def max_role_words() -> int:
    return max((len(p.split()) for p in roles()), default=1)


@cache
def role_heads() -> frozenset[str]:
    """The last word of every role phrase: a noun that is none of them names no role, whatever its
    compounds ('prisoner exchanges'), so most nouns need no phrase lookup at all."""
    return frozenset(p.split()[-1] for p in roles())


def _country_entries() -> Iterator[NameEntry]:
    for c in countries().values():
        for n in c.names:
            yield NameEntry(n, "country", c.iso3, None, name=c.name)
        for n in c.capitals:
            yield NameEntry(n, "capital", c.iso3, "GOV", name=n)
        for n in c.demonyms:
            yield NameEntry(n, "demonym", c.iso3, None, name=c.name)


def _metonym_entries() -> Iterator[NameEntry]:
    for row in read_tsv("metonyms.tsv"):
        yield NameEntry(row["text"], "metonym", row["iso3"] or None, row.get("sector") or None, name=row["text"])


def _group_entries() -> Iterator[NameEntry]:
    for row in read_tsv("groups.tsv"):
        yield NameEntry(row["text"], "group", row["iso3"] or None, row.get("sector") or None,
                        code=row.get("code") or None, name=row["text"])


def _igo_entries() -> Iterator[NameEntry]:
    for row in read_tsv("igos.tsv"):
        for n in dict.fromkeys([row["name"], *split(row.get("aliases", ""))]):
            yield NameEntry(n, "igo", None, row.get("sector") or "IGO", code=row["code"], name=row["name"])


def _people_entries() -> Iterator[NameEntry]:
    for row in read_tsv("people.tsv"):
        for n in dict.fromkeys([row["name"], *split(row.get("aliases", ""))]):
            yield NameEntry(n, "person", row.get("iso3") or None, row.get("sector") or None, name=row["name"],
                            start=row.get("start") or None, end=row.get("end") or None)


@cache
def names() -> dict[str, tuple[NameEntry, ...]]:
    """Every known name (folded) → what it may stand for, most specific kinds first."""
    table: dict[str, list[NameEntry]] = {}
    for source in (_people_entries, _igo_entries, _group_entries, _metonym_entries, _country_entries):
        for entry in source():
            key = fold(entry.text)
            keys = [key, key.removeprefix("the ")]                       # 'the OAS' is also 'OAS'
            if entry.kind == "person":
                keys.append(without_particles(key))                      # 'Omar al-Bashir' is 'Omar El Bashir'
            for k in dict.fromkeys(keys):
                bucket = table.setdefault(k, [])
                if entry not in bucket:
                    bucket.append(entry)
    return {k: tuple(v) for k, v in table.items()}


PARTICLES = re.compile(r"(?<=\s)(?:al|el|ad|ed|as|ash|ar|an|at|az|ul)(?:-|\s+)")     # never the first word ('Al Gore')


def without_particles(key: str) -> str:
    """A folded Arabic name without its article particles ('omar al-bashir' → 'omar bashir'), which
    news writes as al-, Al, el- or El, or leaves out."""
    return " ".join(PARTICLES.sub("", key).split())


@lru_cache(maxsize=1 << 16)
def lookup(text: str, on: str | None = None) -> NameEntry | None:
    """The entry a name stands for; for office-holders, the one valid on date ``on`` when known.
    Cached: the tables never change in a process, and actors, places and titles ask it of the same
    words again and again."""
    key = fold(text.removeprefix("the ").removeprefix("The "))
    entries = names().get(key) or names().get(fold(text))
    if not entries and " " in key:
        entries = tuple(e for e in names().get(without_particles(key), ()) if e.kind == "person")
    if text.islower() or (not text.isupper() and text.lower() in COMMON_WORDS):
        # 'who' is no WHO, nor 'Doctor Who': an acronym that is also a word is written in capitals
        # (other acronyms may not be: 'Nato')
        entries = tuple(e for e in entries or () if not e.text.removeprefix("the ").isupper())
    if not entries:
        return None
    if on:
        valid = [e for e in entries if e.kind != "person" or _valid(e, on)]
        entries = tuple(valid) or entries
    return entries[0]


# English words that are also acronyms of a known body ('Who' in 'Doctor Who' is not the WHO)
COMMON_WORDS = {"who", "aid", "ice", "it", "all", "one", "set", "can", "may", "will", "sun", "war", "peace",
                "hope", "care", "act", "are", "arm", "art"}


MISSPELLING_MIN_LENGTH = 6     # shorter names are one letter from each other ('Iran', 'Iraq', 'Oman')


@cache
def _one_letter_off() -> dict[str, tuple[NameEntry, ...]]:
    """Every country, demonym and capital name with one letter deleted → the entries it may be.
    Two names meet when deleting at most one letter from each makes them equal: one letter left out,
    added, changed or (mostly) swapped — the symmetric-delete way of finding edit distance one."""
    table: dict[str, list[NameEntry]] = {}
    for key, entries in names().items():
        places = [e for e in entries if e.kind in ("country", "demonym", "capital")]
        if not places or len(key) < MISSPELLING_MIN_LENGTH:
            continue
        for variant in {key, *(key[:i] + key[i + 1:] for i in range(len(key)))}:
            bucket = table.setdefault(variant, [])
            bucket.extend(e for e in places if e not in bucket)
    return {k: tuple(v) for k, v in table.items()}


def misspelt_place(text: str) -> NameEntry | None:
    """The one country, demonym or capital a name unknown to every table is a slip of the pen for
    ('Ethopia', 'Quatar', 'Afganistan'); None when no name or more than one state is that close."""
    key = fold(text)
    if len(key) < MISSPELLING_MIN_LENGTH or key in names():
        return None
    table = _one_letter_off()
    found: dict[str | None, NameEntry] = {}
    for variant in {key, *(key[:i] + key[i + 1:] for i in range(len(key)))}:
        for entry in table.get(variant, ()):
            found.setdefault(entry.country, entry)
    return next(iter(found.values())) if len(found) == 1 else None


def _valid(entry: NameEntry, on: str) -> bool:
    start, end = entry.start or "", entry.end or "9999"
    return start[: len(on)] <= on and on[: len(end)] <= end


@cache
def speech_cues() -> dict[str, str]:
    """Every cue verb of ``cues.tsv`` (lemma) → its kind: ``said``, ``belief``, ``quote`` (verbs that
    attribute a quotation in news but are events or ordinary verbs of their own: 'vowed', 'boasted'),
    ``label`` (verbs that name a thing with quoted words: 'called it "…"') or ``judge`` (verbs that state
    a judgement of their object: 'criticized the plan')."""
    return {row["lemma"]: row["kind"] for row in read_tsv("cues.tsv")}


@cache
def cue_complements() -> dict[str, tuple[str, ...]]:
    """Cue verb (lemma) → the complements that carry what was said when there is no reported clause:
    ``to`` (a to-infinitive), a preposition ('for', 'of', 'against', 'on'), ``object``."""
    return {row["lemma"]: tuple(split(row.get("complement") or "")) for row in read_tsv("cues.tsv")
            if row.get("complement")}


@cache
def claim_nouns() -> dict[str, tuple[str, ...]]:
    """Nouns that name what someone said → where the words are: a 'that' clause ('Berg's claim that …')
    or a 'for' phrase ('a call for a ceasefire')."""
    return {row["lemma"]: tuple(split(row.get("takes") or "")) or ("that",) for row in read_tsv("claim_nouns.tsv")}


@cache
def cue_words() -> dict[str, str]:
    """Speech and belief verbs (lemma) → their cue kind: what reports speech for event coding too."""
    return {lemma: kind for lemma, kind in speech_cues().items() if kind in ("said", "belief")}


@cache
def performatives() -> frozenset[str]:
    """Verbs a speaker performs by saying them in the first person (``performatives.tsv``)."""
    return frozenset(row["lemma"] for row in read_tsv("performatives.tsv"))


@cache
def disparaging_words() -> frozenset[str]:
    """Words that disparage whoever they are said of (``disparaging.tsv``)."""
    return frozenset(row["lemma"] for row in read_tsv("disparaging.tsv"))


@cache
def disparaging_acts() -> dict[str, frozenset[str]]:
    """What someone is said to have done that disparages them, by kind (``disparaging_acts.tsv``):
    'act' verbs ('lied') and 'deed' objects or their modifiers ('a mistake', 'bad judgment')."""
    rows = list(read_tsv("disparaging_acts.tsv"))
    return {kind: frozenset(r["lemma"] for r in rows if r["kind"] == kind) for kind in ("act", "deed")}


@cache
def topics() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Topic patterns by head lemma: (lemmas, head first; inner CAMEO code), longest first; read
    from ``topics.tsv``."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for row in read_tsv("topics.tsv"):
        pattern = tuple(row["pattern"].split())
        table.setdefault(pattern[0], []).append((pattern, row["inner"]))
    return {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in table.items()}


@cache
def vehicle_words() -> frozenset[str]:
    """Lemmas of things people travel in (``vehicles.tsv``): their modifiers are makes, not places."""
    return frozenset(row["word"] for row in read_tsv("vehicles.tsv"))


@cache
def other_senses() -> dict[str, dict[str, frozenset[str]]]:
    """trigger lemma → where (modifier | object | prep | person | preposition | complement | passive |
    predicate | bare) → words that give the trigger a sense
    naming no political event: 'heart attack', 'defend their title', 'battle with cancer'
    (``other_senses.tsv``)."""
    table: dict[str, dict[str, set[str]]] = {}
    for row in read_tsv("other_senses.tsv"):
        table.setdefault(row["lemma"], {}).setdefault(row["where"], set()).update(split(row["words"]))
    return {lemma: {where: frozenset(words) for where, words in by.items()} for lemma, by in table.items()}


@cache
def not_violence() -> dict[str, frozenset[str]]:
    """where (subject | object | particle) → lemmas that make a verb of violence no violence
    (``not_violence.tsv``)."""
    table: dict[str, set[str]] = {}
    for row in read_tsv("not_violence.tsv"):
        table.setdefault(row["where"], set()).add(row["lemma"])
    return {k: frozenset(v) for k, v in table.items()}


@cache
def seats() -> dict[str, tuple[str, str]]:
    """Building or seat of government → (city, ISO3) it stands in (``seats.tsv``)."""
    return {row["name"]: (row["city"], row["iso3"]) for row in read_tsv("seats.tsv")}


def load_tables() -> None:
    """Builds the tables every document consults, once, when the model is loaded: the first
    document of a run then costs what any other does (the table of near-miss spellings alone
    takes a tenth of a second)."""
    for table in (countries, roles, max_role_words, role_heads, names, _one_letter_off, speech_cues, cue_complements,
                  claim_nouns, cue_words, topics, vehicle_words, other_senses, not_violence, seats):
        table()
