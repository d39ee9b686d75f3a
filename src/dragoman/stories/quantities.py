"""The counts a report's lead states ("23 pirates", "a magnitude 4.6 quake"), for telling apart two
happenings of one kind at one place that time cannot separate.

Why: reports of an older happening of the same kind often carry no date, and their words overlap those
of the new one (the same navy against the same pirates in the same gulf, two quakes on one island). What
they state up front differs: how many pirates were captured, how strong the quake was. Two reports of one
happening give the same count of what existed when it happened. So a count is a *noun* with its *value*,
and two leads *disagree* (``disagree``) when they count the same noun with no value in common and agree
on no other noun.

Which numbers count: a number (digits, with a decimal point or thousands separators, or a number word
from two to twenty) followed by what it counts: the first plural noun of the next ``RUN`` words ("23
piracy suspects", "five merchant vessels": after a number of two or more English names what it counts in
the plural, so the words before it are modifiers), past a hyphen, nationalities and "of (the)" ("26
Somali pirates", "23 of the raiders"); a measure word right after it ("a 5.6 magnitude quake",
"4.6-magnitude", "5.6 on the Richter scale"); or a measure word followed by its value ("magnitude 4.6",
"magnitude of 5.9"). A noun is compared as its singular; ``count_nouns.tsv`` gives measure words one key
(a quake's magnitude), counts the people a happening captures or confronts under one key (outlets call the
same 23 men pirates, suspects, raiders or sea brigands), and lists what is never compared: numbers of
units (miles, days, dollars: each outlet measures or rounds them its own way, or they are dates) and
tallies that grow as a story develops ("12 dead" in one report and "15 dead" in a later one are one
happening). Years, clock times, percentages, prices and models ("AK-47") are no counts either.

A lead's counts are sorted ``noun=value`` strings (stored with the document's profile, ``doc_profiles``);
they depend on the record alone, like everything threads compare.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from dragoman.stories.terms import LEAD_CHARS, stop_words

_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
          " sixteen seventeen eighteen nineteen twenty")
NUMBER_WORDS = {w: i for i, w in enumerate(_WORDS.split(" ")) if i >= 2}   # "one": a pronoun as often as not
RUN = 2   # words after a number that may name what it counts ("five merchant vessels")

# A number: digits with a decimal point or thousands separators (text re-joined from tokens may put a
# space after the point, comma or colon: "4. 6", "120, 000", "2: 09"), a clock time (kept whole to be left
# out), or a word; every other mark is a token of its own, so that a count never reaches across a comma
# or a sentence's end, and "4.6-magnitude" and "5%" read right.
_TOKEN = re.compile(r"\d+[^\W\d_]\w*|\d+(?:(?:: ?|\. ?|, ?(?=\d{3}\b))\d+)*(?![^\W_])|[^\W\d_]+(?:'[^\W\d_]+)?"
                    r"|[^\w\s]")

_NUMBER = re.compile(r"\d+(?:(?:: ?|\. ?|, ?)\d+)*")


@cache
def _nouns() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(measure word → key, noun → the key it is counted under, words never compared: tallies and
    units), from ``count_nouns.tsv``."""
    from dragoman.knowledge import read_tsv

    measures, aliases, ignored = {}, {}, set()
    for row in read_tsv("count_nouns.tsv"):
        if row["kind"] == "measure":
            measures[row["word"]] = row["key"] or row["word"]
        elif row["kind"] == "alias":
            aliases[row["word"]] = row["key"]
        else:
            ignored.add(row["word"])
    return measures, aliases, frozenset(ignored)


def lemma(word: str) -> str:
    """The singular of a plural noun by its ending ("pirates" → "pirate", "casualties" → "casualty",
    "gunmen" → "gunman")."""
    if len(word) > 4 and word.endswith("men"):
        return word[:-3] + "man"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _value(token: str) -> str | None:
    """The number a token states, as a plain string ("4.6", "120000", "5"), or None (not a count: a clock
    time or a year)."""
    if token in NUMBER_WORDS:
        return str(NUMBER_WORDS[token])
    if not _NUMBER.fullmatch(token) or ":" in token:
        return None
    if "," in token:
        return token.replace(",", "").replace(" ", "")
    if "." in token:
        if token.count(".") > 1:
            return None   # a date ("8.07.2012")
        whole, _, part = token.partition(".")
        part = part.strip()
        return f"{int(whole)}.{part.rstrip('0')}".rstrip(".")
    if len(token) == 4 and 1800 <= int(token) <= 2100:
        return None   # a year
    return str(int(token))


def counts(record: dict[str, Any]) -> list[str]:
    """The sorted ``noun=value`` counts of the record's title and lead (see the module docstring)."""
    text = record.get("text") or ""
    lead = f"{record.get('title') or ''}\n{text[:LEAD_CHARS]}"
    nationalities = {w for e in record.get("entities") or [] if e.get("type") == "NORP"
                     for w in (e.get("text") or "").casefold().split()}
    return sorted(lead_counts(lead, nationalities))


def lead_counts(lead: str, nationalities: Iterable[str] = ()) -> set[str]:
    """The ``noun=value`` counts of a piece of text; ``nationalities``: lower-cased words of names of
    nationalities or groups, which may stand between a number and its noun ("26 Somali pirates").
    A number right after a unit ("Nov 11"), a hyphen ("AK-47", "F-16 jets") or a currency sign is a date,
    a model or a price, not a count."""
    measures, _, ignored = _nouns()
    stop, skip = stop_words(), frozenset(nationalities)
    tokens = [t.casefold() for t in _TOKEN.findall(lead)]
    found: set[str] = set()
    taken: set[int] = set()   # numbers read as the value of the measure before them
    for i, token in enumerate(tokens):
        if token in measures:   # "magnitude 4.6", "magnitude of 5.9", "magnitude-5.2"
            j = i + 2 if i + 1 < len(tokens) and tokens[i + 1] in ("of", "-") else i + 1
            if j < len(tokens) and tokens[j][0].isdigit() and (value := _value(tokens[j])) is not None:
                found.add(f"{measures[token]}={value}")
                taken.add(j)
            continue
        if (value := _value(token)) is None or i in taken:
            continue
        if i and (tokens[i - 1] in ("-", "$", "£", "€") or tokens[i - 1] in ignored):
            continue
        if (noun := _counted(tokens, i + 1, skip, stop)) is not None:
            found.add(f"{noun}={value}")
    return found


def _counted(tokens: list[str], j: int, skip: frozenset[str], stop: frozenset[str]) -> str | None:
    """The key of what the number before ``tokens[j]`` counts (see the module docstring), or None: a
    tally or a unit, or no plural within ``RUN`` words ("a five-boat pirate attack" counts nothing)."""
    measures, aliases, ignored = _nouns()
    if j + 1 < len(tokens) and tokens[j] == "of":    # "23 of the raiders"
        j += 2 if tokens[j + 1] == "the" else 1
    if tokens[j:j + 2] == ["on", "the"] and j + 2 < len(tokens) and tokens[j + 2] in measures:
        return measures[tokens[j + 2]]   # "5.6 on the Richter scale"
    run = 0
    while j < len(tokens) and run < RUN:
        word = tokens[j]
        j += 1
        if word == "-" or word in skip:
            continue
        if not word[0].isalpha() or word in stop:
            return None
        if word in measures:
            return measures[word] if run == 0 else None
        singular = lemma(word)
        if word in ignored or singular in ignored:
            return None
        if singular != word:
            return aliases.get(singular, singular)
        run += 1
    return None


def disagree(a: Iterable[str], b: Iterable[str]) -> bool:
    """Both leads count one noun with no value in common, and no noun with one in common."""
    values_a: dict[str, set[str]] = {}
    values_b: dict[str, set[str]] = {}
    for counts_, values in ((a, values_a), (b, values_b)):
        for item in counts_:
            noun, _, value = item.partition("=")
            values.setdefault(noun, set()).add(value)
    shared = values_a.keys() & values_b.keys()
    return bool(shared) and all(not (values_a[n] & values_b[n]) for n in shared)
