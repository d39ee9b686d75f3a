"""Validate the hand-written actor knowledge in src/dragoman/knowledge/data/*.tsv.

The files are plain TSV with leading ``#`` comment lines, a header row and data rows. This test uses
its own tiny reader on purpose so that it checks the files, not the project's loader.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "dragoman" / "knowledge" / "data"
ONTOLOGY = Path("/work/shared/gold/plover-ontology.json")

COLUMNS = {
    "countries.tsv": ["iso3", "name", "variants", "demonyms", "capitals"],
    "metonyms.tsv": ["text", "iso3", "sector", "note"],
    "igos.tsv": ["code", "name", "aliases", "sector", "note"],
    "roles.tsv": ["phrase", "sector", "person", "note"],
    "people.tsv": ["name", "aliases", "iso3", "sector", "role", "start", "end"],
}

EXTRA_ISO3 = {"XKX"}  # Kosovo: user-assigned code, not in ISO 3166-1
ORG_SECTORS = {"IGO", "NGO"}

_UN_MEMBERS_TEXT = """AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
    BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI
    DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI
    HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE
    LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC
    NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR
    STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON
    TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE"""
UN_MEMBERS = set(_UN_MEMBERS_TEXT.split())
assert len(UN_MEMBERS) == 193
REQUIRED_EXTRA = {"VAT", "PSE", "XKX", "TWN", "ESH", "HKG"}

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# --------------------------------------------------------------------------- reader


def read_tsv(name: str) -> tuple[list[str], list[str], list[list[str]]]:
    """Return (comment lines, header, rows); rows keep their raw cells."""
    path = DATA / name
    comments: list[str] = []
    header: list[str] | None = None
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            comments.append(line)
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
        else:
            rows.append(cells)
    assert header is not None, f"{name}: no header row"
    return comments, header, rows


def records(name: str) -> list[dict[str, str]]:
    _, header, rows = read_tsv(name)
    return [dict(zip(header, row, strict=True)) for row in rows]


def multi(cell: str) -> list[str]:
    return [v for v in cell.split("|") if v] if cell else []


def valid_iso3(code: str) -> bool:
    return code in EXTRA_ISO3 or pycountry.countries.get(alpha_3=code) is not None


def plover_sectors() -> set[str]:
    if not ONTOLOGY.exists():
        print(f"skipping sector checks: {ONTOLOGY} is absent")
        pytest.skip(f"{ONTOLOGY} is absent; cannot check PLOVER sector codes")
    data = json.loads(ONTOLOGY.read_text(encoding="utf-8"))
    return set(data["sector_codes"])


def parse_date(value: str, end: bool = False) -> dt.date:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; a partial end date means the last day of the period."""
    assert DATE_RE.match(value), f"bad date {value!r}"
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        if not end:
            return dt.date(y, m, 1)
        return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    (y,) = parts
    return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_file_structure(name: str) -> None:
    comments, header, rows = read_tsv(name)
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name} must start with comment lines"
    assert len(comments) >= 3, f"{name}: describe the file, its columns and sources in # lines"
    assert any("source" in c.lower() for c in comments), f"{name}: comments must name the sources"
    assert header == COLUMNS[name]
    assert rows, f"{name} has no rows"
    for i, row in enumerate(rows, 1):
        assert len(row) == len(header), f"{name} row {i}: {len(row)} cells, expected {len(header)}: {row}"
        for cell in row:
            assert cell == cell.strip(), f"{name} row {i}: stray whitespace in {cell!r}"
            assert "||" not in cell and not cell.startswith("|") and not cell.endswith("|"), (
                f"{name} row {i}: empty value in multi-valued cell {cell!r}"
            )


def test_comments_only_at_top() -> None:
    for name in COLUMNS:
        lines = [ln for ln in (DATA / name).read_text(encoding="utf-8").splitlines() if ln.strip()]
        first_data = next(i for i, ln in enumerate(lines) if not ln.startswith("#"))
        late = [ln for ln in lines[first_data:] if ln.startswith("#")]
        assert not late, f"{name}: comment lines after the header: {late[:3]}"


# --------------------------------------------------------------------------- countries


def test_countries_codes_and_coverage() -> None:
    rows = records("countries.tsv")
    codes = [r["iso3"] for r in rows]
    dupes = {c for c in codes if codes.count(c) > 1}
    assert not dupes, f"duplicate iso3: {dupes}"
    bad = [c for c in codes if not valid_iso3(c)]
    assert not bad, f"invalid iso3: {bad}"
    missing = (UN_MEMBERS | REQUIRED_EXTRA) - set(codes)
    assert not missing, f"missing countries: {sorted(missing)}"
    for r in rows:
        assert r["name"], r


def test_country_strings_are_unambiguous() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for r in records("countries.tsv"):
        for s in [r["name"], *multi(r["variants"]), *multi(r["demonyms"]), *multi(r["capitals"])]:
            owners[s].add(r["iso3"])
    clashes = {s: sorted(c) for s, c in owners.items() if len(c) > 1}
    assert not clashes, f"strings mapping to several countries: {clashes}"


def test_country_spot_checks() -> None:
    by = {r["iso3"]: r for r in records("countries.tsv")}
    assert by["TUR"]["name"] == "Türkiye"
    assert {"Turkey", "Turkiye"} <= set(multi(by["TUR"]["variants"]))
    assert {"Turkish", "Turks"} <= set(multi(by["TUR"]["demonyms"]))
    assert {"US", "U.S.", "America"} <= set(multi(by["USA"]["variants"]))
    assert "Washington" in multi(by["USA"]["capitals"])
    assert {"Kyiv", "Kiev"} <= set(multi(by["UKR"]["capitals"]))
    assert "Tel Aviv" not in multi(by["ISR"]["capitals"])
    assert "Ivory Coast" in multi(by["CIV"]["variants"])


# --------------------------------------------------------------------------- metonyms


def test_metonyms() -> None:
    sectors = plover_sectors()
    rows = records("metonyms.tsv")
    texts = [r["text"] for r in rows]
    assert len(texts) == len(set(texts)), "duplicate metonym texts"
    countries = {r["iso3"]: r for r in records("countries.tsv")}
    country_strings = {
        s for r in countries.values() for s in [r["name"], *multi(r["variants"]), *multi(r["capitals"])]
    }
    for r in rows:
        assert valid_iso3(r["iso3"]), r
        assert r["iso3"] in countries, f"metonym for a country not in countries.tsv: {r}"
        assert r["sector"] in sectors | ORG_SECTORS, r
        assert r["text"] not in country_strings, f"{r['text']!r} is already a country name/capital"
    assert {"the Kremlin", "White House", "Pentagon", "Downing Street"} <= set(texts)


# --------------------------------------------------------------------------- IGOs


def test_igos() -> None:
    sectors = plover_sectors()
    rows = records("igos.tsv")
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate IGO codes"
    owners: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        code = r["code"]
        assert re.fullmatch(r"[A-Z]{3}", code), code
        assert pycountry.countries.get(alpha_3=code) is None and code not in EXTRA_ISO3, (
            f"IGO code {code} collides with a country code"
        )
        assert code not in sectors, f"IGO code {code} collides with a PLOVER sector code"
        assert r["sector"] in ORG_SECTORS, r
        note = dict(kv.split("=", 1) for kv in r["note"].split("; ") if re.match(r"^\w+=", kv))
        assert "cameo" in note and "plover" in note and "src" in note, f"{code}: note lacks keys: {r['note']}"
        assert note["plover"] in {"UNO", "EUR", "IGO", "NGO"}, r
        if "parent" in note:
            assert note["parent"] in codes, f"{code}: unknown parent {note['parent']}"
        for s in [r["name"], *multi(r["aliases"])]:
            owners[s].add(code)
    clashes = {s: sorted(c) for s, c in owners.items() if len(c) > 1}
    assert not clashes, f"IGO names/aliases shared by several organisations: {clashes}"
    required = {
        "UNO",
        "NAT",
        "EEC",
        "AFU",
        "IMF",
        "WBK",
        "WTO",
        "ICC",
        "ICJ",
        "IAE",
        "HCR",
        "AMN",
        "HRW",
        "MSF",
    }
    assert required <= set(codes)


# --------------------------------------------------------------------------- roles


def test_roles() -> None:
    sectors = plover_sectors()
    rows = records("roles.tsv")
    phrases = [r["phrase"] for r in rows]
    dupes = {p for p in phrases if phrases.count(p) > 1}
    assert not dupes, f"duplicate role phrases: {dupes}"
    for r in rows:
        assert r["phrase"] == r["phrase"].lower(), f"role phrase must be lower-case: {r['phrase']!r}"
        assert r["person"] in {"0", "1"}, r
        assert r["sector"] == "" or r["sector"] in sectors | ORG_SECTORS, r
    by = {r["phrase"]: r for r in rows}
    assert by["foreign minister"]["sector"] == "GOV" and by["foreign minister"]["person"] == "1"
    assert by["troops"]["sector"] == "MIL" and by["troops"]["person"] == "0"
    assert by["analyst"]["sector"] == "" and by["analyst"]["person"] == "1"
    assert by["journalist"]["sector"] == "JRN"
    assert by["lawmaker"]["sector"] == "LEG"
    assert by["rebels"]["sector"] == "REB"


# --------------------------------------------------------------------------- people


def test_people_fields() -> None:
    sectors = plover_sectors()
    roles = {r["phrase"] for r in records("roles.tsv")}
    rows = records("people.tsv")
    assert len(rows) >= 500
    seen = set()
    for r in rows:
        assert r["name"], r
        assert r["iso3"] == "" or valid_iso3(r["iso3"]), r
        if r["iso3"] == "":
            assert r["sector"] in ORG_SECTORS, f"people without a country must be IGO/NGO staff: {r}"
        assert r["sector"] in sectors | ORG_SECTORS, r
        assert r["role"] in roles, f"role {r['role']!r} of {r['name']} is not in roles.tsv"
        assert r["start"], f"{r['name']}: start date required"
        start = parse_date(r["start"])
        if r["end"]:
            end = parse_date(r["end"], end=True)
            assert start <= end, f"{r['name']}: start after end"
        assert r["name"] not in multi(r["aliases"]), f"{r['name']}: alias repeats the name"
        key = (r["name"], r["iso3"], r["role"], r["start"])
        assert key not in seen, f"duplicate row {key}"
        seen.add(key)


def test_people_spells_do_not_overlap_within_role() -> None:
    """One person should not hold the same role twice at the same time (sign of a copy error)."""
    spells: dict[tuple[str, str, str], list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for r in records("people.tsv"):
        start = parse_date(r["start"])
        end = parse_date(r["end"], end=True) if r["end"] else dt.date.max
        spells[(r["name"], r["iso3"], r["role"])].append((start, end))
    for key, spans in spells.items():
        spans.sort()
        for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
            assert s2 > e1, f"overlapping spells for {key}"


def test_people_aliases_unambiguous_in_time() -> None:
    """A name or alias shared by two different people must not be valid for both at the same time."""
    uses: dict[str, list[tuple[str, dt.date, dt.date]]] = defaultdict(list)
    for r in records("people.tsv"):
        start = parse_date(r["start"])
        end = parse_date(r["end"], end=True) if r["end"] else dt.date.max
        for s in [r["name"], *multi(r["aliases"])]:
            uses[s].append((r["name"], start, end))
    problems = []
    for s, lst in uses.items():
        for i, (n1, s1, e1) in enumerate(lst):
            for n2, s2, e2 in lst[i + 1 :]:
                if n1 != n2 and s1 <= e2 and s2 <= e1:
                    problems.append((s, n1, n2))
    assert not problems, f"aliases shared by different people at the same time: {sorted(set(problems))}"


def test_people_coverage() -> None:
    rows = records("people.tsv")
    current = dt.date(2025, 6, 1)
    holders = defaultdict(set)
    for r in rows:
        start = parse_date(r["start"])
        end = parse_date(r["end"], end=True) if r["end"] else dt.date.max
        if start <= current <= end:
            holders[r["iso3"]].add(r["role"])
    for iso3 in [
        "USA",
        "RUS",
        "CHN",
        "GBR",
        "FRA",
        "UKR",
        "ISR",
        "IRN",
        "TUR",
        "SAU",
        "QAT",
        "EGY",
        "DEU",
        "IND",
    ]:
        assert holders[iso3], f"no office holder for {iso3} on {current}"
    # every UN member has at least one head of state or government on record
    heads = {
        "president",
        "prime minister",
        "king",
        "queen",
        "emir",
        "sultan",
        "chancellor",
        "premier",
        "supreme leader",
        "taoiseach",
        "head of state",
        "head of government",
        "prince",
        "grand duke",
        "chief adviser",
        "emperor",
        "pope",
        "chief executive",
    }
    have = {r["iso3"] for r in rows if r["role"] in heads}
    missing = UN_MEMBERS - have
    assert not missing, f"UN members without a head of state/government: {sorted(missing)}"
    by_name = defaultdict(list)
    for r in rows:
        by_name[r["name"]].append(r)
    assert any(r["role"] == "foreign minister" and r["end"] == "" for r in by_name["Hakan Fidan"])
    assert "Zelenskyy" in multi(by_name["Volodymyr Zelensky"][0]["aliases"])
    assert any(r["role"] == "un secretary-general" and r["iso3"] == "" for r in by_name["António Guterres"])
