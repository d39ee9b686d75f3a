"""Synthetic news-like articles for the benchmarks, deterministic by seed.

Why synthetic: benchmark texts must be shippable and reproducible, so nothing is copied from
published reporting. Each article is composed from sentence templates filled with real countries,
capitals and offices and invented people, so event triggers, quotes, dates, places and roles occur
at about the density of wire copy (one to three events, one or two quotes per 100 words).

    python bench/corpus.py --docs 500 --seed 1 > /tmp/corpus.jsonl        # JSON Lines input records
    python bench/corpus.py --bytes 1G --seed 1 > /tmp/corpus-1g.jsonl     # sized by output bytes
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator

# (country, demonym, capital, another city)
COUNTRIES = [
    ("Türkiye", "Turkish", "Ankara", "Istanbul"), ("Russia", "Russian", "Moscow", "St Petersburg"),
    ("Ukraine", "Ukrainian", "Kyiv", "Kharkiv"), ("France", "French", "Paris", "Marseille"),
    ("Germany", "German", "Berlin", "Munich"), ("China", "Chinese", "Beijing", "Shanghai"),
    ("Japan", "Japanese", "Tokyo", "Osaka"), ("India", "Indian", "New Delhi", "Mumbai"),
    ("Brazil", "Brazilian", "Brasilia", "Sao Paulo"), ("Egypt", "Egyptian", "Cairo", "Alexandria"),
    ("Iran", "Iranian", "Tehran", "Isfahan"), ("Israel", "Israeli", "Jerusalem", "Haifa"),
    ("Qatar", "Qatari", "Doha", "Al Wakrah"), ("Saudi Arabia", "Saudi", "Riyadh", "Jeddah"),
    ("Armenia", "Armenian", "Yerevan", "Gyumri"), ("Azerbaijan", "Azerbaijani", "Baku", "Ganja"),
    ("Kazakhstan", "Kazakh", "Astana", "Almaty"), ("Poland", "Polish", "Warsaw", "Krakow"),
    ("Kenya", "Kenyan", "Nairobi", "Mombasa"), ("Ethiopia", "Ethiopian", "Addis Ababa", "Gondar"),
    ("Pakistan", "Pakistani", "Islamabad", "Lahore"), ("Indonesia", "Indonesian", "Jakarta", "Surabaya"),
    ("Mexico", "Mexican", "Mexico City", "Monterrey"), ("Nigeria", "Nigerian", "Abuja", "Lagos"),
]
ROLES = ["Foreign Minister", "Defence Minister", "President", "Prime Minister", "Deputy Foreign Minister",
         "Trade Minister", "Interior Minister", "Energy Minister"]
GIVEN = ["Arman", "Lena", "Oskar", "Mira", "Tomas", "Selin", "Daria", "Karim", "Elif", "Pavel", "Noor",
         "Hana", "Ivo", "Rosa", "Yusuf", "Anya", "Marek", "Leila", "Samir", "Ines", "Kenji", "Amara"]
FAMILY = ["Vardanyan", "Kessler", "Okafor", "Demir", "Novak", "Haddad", "Lindqvist", "Moreau", "Sato",
          "Petrenko", "Aziz", "Brandt", "Kowalski", "Mensah", "Rahimi", "Castillo", "Ilyas", "Varga"]
OUTLETS = ["Caspian Herald", "Wire", "Meridian News", "Evening Ledger", "Harbor Times"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOPICS = ["border demarcation", "energy transit", "grain exports", "prisoner exchanges", "water sharing",
          "a trade agreement", "security guarantees", "visa rules", "a ceasefire", "nuclear talks"]

EVENT_SENTENCES = [
    "{role_a} {a_name} of {A} met {B}'s {role_b} {b_name} in {city} on {day} to discuss {topic}.",
    "{A} and {B} held talks in {city} on {day}, their first meeting since {month}.",
    "{a_dem} {role_a} {a_name} visited {B_cap} {when} for talks on {topic}.",
    "{A} accused {B} of violating the agreement on {topic} and summoned its ambassador.",
    "{a_dem} forces shelled the town of {b_city2} {when}, killing {n} civilians, officials in {B_cap} said.",
    "{A} condemned the attack and called for an immediate ceasefire.",
    "{a_dem} {role_a} {a_name} spoke by phone with {b_dem} counterpart {b_name} {when}.",
    "The two governments signed an agreement on {topic} in {city} {when}.",
    "{A} imposed sanctions on {b_dem} banks after the talks collapsed.",
    "{C} offered to mediate between {A} and {B} and to host a further round of talks in {c_cap}.",
    "{A} denied that it had held secret talks with {B} on {topic}.",
    "{a_dem} {role_a} {a_name} will travel to {B_cap} next week to meet {b_dem} officials.",
    "{A} threatened to cut off aid to {B} if the talks on {topic} did not resume.",
    "{A} and {B} agreed to exchange {n} prisoners under a deal brokered by {C}.",
    "{A} expelled two {b_dem} diplomats on {day}, accusing them of espionage.",
    "{a_dem} and {b_dem} officials praised the progress made on {topic}.",
]
QUOTE_SENTENCES = [
    '"We have agreed to keep this channel open and to meet again before the end of {month}," {a_name} told reporters.',
    '"Nobody expected a final text in one sitting, but today we narrowed the gaps," {b_name} said.',
    '{a_name} said: "Our experts will exchange draft texts on {topic} in the coming weeks."',
    '"This is a serious violation and it will not go unanswered," a spokesperson for the {b_dem} Foreign Ministry said.',
    '"{C} stands ready to help both sides find a lasting solution," {c_dem} officials said in a statement.',
]
BACKGROUND = [
    "{A} and {B} have held several rounds of talks on {topic} since 2023.",
    "Analysts in {city} said the outcome would depend on domestic politics in both countries.",
    "The meeting came after weeks of tension along the shared border.",
    "Officials said the delegations spent nearly four hours at the {a_dem} Foreign Ministry.",
    "Trade between the two countries fell sharply last year, according to official figures.",
    "The talks were expected to continue at the level of experts in the coming days.",
    "Diplomats familiar with the discussions said the next session could take place in {c_cap}.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def _fill(template: str, rng: random.Random, cast: dict[str, str]) -> str:
    values = dict(cast)
    values.update(day=rng.choice(DAYS), topic=rng.choice(TOPICS), n=str(rng.randint(2, 40)),
                  month=rng.choice(MONTHS), when=rng.choice(["on " + rng.choice(DAYS), "yesterday", "today",
                                                            "last week", f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}"]))
    return template.format(**values)


def article(rng: random.Random, number: int) -> dict[str, str]:
    """One input record ``{"id", "text", "published", "outlet"}`` of about 200–600 words."""
    a, b, c = rng.sample(COUNTRIES, 3)
    published = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    cast = {
        "A": a[0], "a_dem": a[1], "A_cap": a[2], "B": b[0], "b_dem": b[1], "B_cap": b[2], "b_city2": b[3],
        "C": c[0], "c_dem": c[1], "c_cap": c[2], "city": rng.choice([a[2], b[2], c[2], c[3]]),
        "role_a": rng.choice(ROLES), "role_b": rng.choice(ROLES), "a_name": _person(rng), "b_name": _person(rng),
    }
    paragraphs = [f"{a[0]} and {b[0]} {rng.choice(['resume talks', 'trade accusations', 'sign deal'])} on {rng.choice(TOPICS)}"]
    lead = _fill(rng.choice(EVENT_SENTENCES), rng, cast)
    paragraphs.append(f"{cast['city'].upper()}, {published:%B} {published.day} ({rng.choice(OUTLETS)}) - {lead}")
    for _ in range(rng.randint(6, 11)):
        kind = rng.random()
        pool = EVENT_SENTENCES if kind < 0.55 else QUOTE_SENTENCES if kind < 0.8 else BACKGROUND
        sentences = [_fill(rng.choice(pool), rng, cast) for _ in range(rng.randint(1, 3))]
        paragraphs.append(" ".join(sentences))
    return {"id": f"bench-{number:07d}", "text": "\n\n".join(paragraphs),
            "published": published.isoformat(), "outlet": rng.choice(OUTLETS)}


def articles(seed: int, count: int | None = None) -> Iterator[dict[str, str]]:
    """``count`` articles (endless when None); the same seed always gives the same articles."""
    rng = random.Random(seed)
    number = 0
    while count is None or number < count:
        yield article(rng, number)
        number += 1


def _size(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper().removesuffix("B")
    return int(float(text[:-1]) * units[text[-1]]) if text[-1:] in units else int(text)


def write(out, seed: int, docs: int | None = None, size: int | None = None) -> int:
    """Writes JSON Lines to ``out`` until ``docs`` records or ``size`` bytes; returns bytes written."""
    written = 0
    for record in articles(seed, docs):
        line = json.dumps(record, ensure_ascii=False) + "\n"
        out.write(line)
        written += len(line.encode("utf-8"))
        if size is not None and written >= size:
            break
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=None, help="number of articles")
    parser.add_argument("--bytes", default=None, help="stop after this much output, e.g. 100M or 1G")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.docs is None and args.bytes is None:
        parser.error("give --docs or --bytes")
    write(sys.stdout, args.seed, args.docs, _size(args.bytes) if args.bytes else None)


if __name__ == "__main__":
    main()
