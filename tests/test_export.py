"""Exports: GDELT 2.0 Events (61 columns) and Mentions (16), POLECAT (40), Parquet of every table —
written from a small hand-made database and loaded back."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import duckdb
import pytest

from dragoman import cli
from dragoman.cli import export as export_command
from dragoman.export import (
    GDELT_COLUMNS,
    MENTION_COLUMNS,
    POLECAT_COLUMNS,
    export_parquet,
    read_tsv,
    write_events,
    write_mentions,
)
from dragoman.export.gdelt import column_types, dyads
from dragoman.model import Actor, Document, Event, Place
from dragoman.store import TABLES, EventFilter, Store

ARM = Actor.make("Armenian Foreign Minister", None, "ARM", "GOV")
AZE = Actor.make("his Azerbaijani counterpart", None, "AZE", "GOV")
TUR = Actor.make("Türkiye", None, "TUR", "GOV")
RUS = Actor.make("Russia", None, "RUS", "GOV")
IRN = Actor.make("Iran", None, "IRN", "GOV")
USA = Actor.make("Washington", None, "USA", "GOV")
UN = Actor.make("the UN", "United Nations", None, "IGO", "UNO")
RUSMIL = Actor.make("Russian forces", None, "RUS", "MIL")
UKR = Actor.make("Ukraine", None, "UKR", None)
ANKARA = Place("Ankara", "Ankara", "TUR", 39.92, 32.85, 323786, "city")
TEHRAN = Place("Tehran", "Tehran", "IRN", 35.69, 51.42, 112931, "city")
WASHINGTON = Place("Washington", "Washington", "USA", 38.90, -77.04, 4140963, "city")
UKRAINE = Place("Ukraine", "Ukraine", "UKR", 49.0, 32.0, 690791, "country")

WIRE = ("ANKARA, Feb 27 (Steppe Wire) - The foreign ministers of Armenia and Azerbaijan met in Ankara on "
        "Thursday for talks hosted by Türkiye, their first meeting since border consultations stalled in "
        "January. The two delegations spent nearly four hours at the foreign ministry, officials said, and "
        "agreed that experts would exchange draft maps in the coming weeks before the ministers meet again.")


def ev(eid: str, evidence: str, start: int, **kw) -> Event:
    base = dict(id=eid, sentence=0, evidence=evidence, start=start, end=start + len(evidence), trigger=None,
                actors=[], recipients=[], third_parties=[], plover=None, mode=None, contexts=[], cameo=None,
                quad_class=None, goldstein=None, date=None, date_text=None, location=None, status="factual",
                speaker=None, confidence=0.8)
    return Event(**{**base, **kw})


def meeting(eid: str = "e1", text: str = WIRE, **kw) -> Event:
    evidence = text.split(". ")[0] + "."
    args = dict(trigger="met", actors=[ARM, AZE], third_parties=[TUR], plover="CONSULT", mode="third-party",
                contexts=["diplomatic"], cameo="044", quad_class=1, goldstein=1.0, date="2025-02-27",
                date_text="Thursday", location=ANKARA)
    return ev(eid, evidence, 0, **{**args, **kw})


def document(doc_id: str, outlet: str, published: str, text: str, events: list[Event]) -> Document:
    return Document(id=doc_id, doc_id=doc_id, url=f"https://{outlet.replace(' ', '').lower()}.example/{doc_id}",
                    title=None, outlet=outlet, published=published, language="en", text=text, events=events)


def corpus() -> list[Document]:
    copy_text = WIRE.replace("in the coming weeks", "within weeks")
    other = "Armenia's foreign minister met his Azerbaijani counterpart in Ankara on Thursday, Global Dispatch said."
    summit = "The presidents of Russia, Türkiye and Iran met in Tehran on Friday."
    un = "The UN accused Washington of blocking aid on Saturday."
    shelling = "Russian forces shelled Ukraine overnight, officials said."
    statement = WIRE.split(". ")[1] + "."
    return [
        document("wire", "Steppe Wire", "2025-02-27", WIRE, [
            meeting(), ev("e2", statement, len(WIRE.split(". ")[0]) + 2, actors=[ARM], cameo="010", quad_class=1,
                          goldstein=0.0)]),
        document("copy", "Copy Post", "2025-02-27", copy_text, [meeting(text=copy_text)]),
        document("other", "Global Dispatch", "2025-02-28", other, [
            meeting(text=other, actors=[ARM], recipients=[AZE], third_parties=[], cameo="040", mode=None)]),
        document("summit", "Global Dispatch", "2025-02-28", summit, [
            meeting(text=summit, actors=[RUS, TUR, IRN], third_parties=[], cameo="043", date="2025-02-28",
                    location=TEHRAN, mode=None)]),
        document("un", "Steppe Wire", "2025-03-01", un, [
            ev("e1", un, 0, trigger="accused", actors=[UN], recipients=[USA], plover="ACCUSE", cameo="112",
               quad_class=3, goldstein=-2.0, date="2025-03-01", location=WASHINGTON)]),
        document("shelling", "Kyiv Daily", "2025-03-01", shelling, [
            ev("e1", shelling, 0, trigger="shelled", actors=[RUSMIL], recipients=[UKR], plover="ASSAULT",
               mode="aerial", cameo="195", quad_class=4, goldstein=-10.0, date="2025-03-01", location=UKRAINE)]),
    ]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "export.duckdb")
    with Store(path) as s:
        s.add(corpus())
    return path


def export(db: str, fmt: str, **filters) -> tuple[list[list[str]], str]:
    with Store(db, read_only=True) as s:
        out = io.StringIO()
        write_events(s, s.events(EventFilter(**filters)), fmt, out)
    return read_tsv_text(out.getvalue(), POLECAT_COLUMNS if fmt == "polecat" else GDELT_COLUMNS), out.getvalue()


def read_tsv_text(text: str, columns: list[str]) -> list[list[str]]:
    rows = [line.split("\t") for line in text.splitlines()]
    return rows[1:] if rows and rows[0] == columns else rows


def by_name(row: list[str], columns: list[str] = GDELT_COLUMNS) -> dict[str, str]:
    assert len(row) == len(columns)
    return dict(zip(columns, row, strict=True))


# -- GDELT events -------------------------------------------------------------------------------------

def test_gdelt_has_61_columns_one_row_per_story_dyad(db: str) -> None:
    rows, _ = export(db, "gdelt")
    assert len(GDELT_COLUMNS) == 61 and all(len(r) == 61 for r in rows)
    recs = [by_name(r) for r in rows]
    assert len({r["GlobalEventID"] for r in recs}) == len(recs)
    meeting_rows = [r for r in recs if r["EventRootCode"] == "04" and r["Day"] == "20250227"]
    assert len(meeting_rows) == 1  # three reports (one a near-copy) of one meeting: one GDELT event
    m = meeting_rows[0]
    assert (m["NumMentions"], m["NumArticles"], m["NumSources"]) == ("3", "2", "2")
    assert {m["Actor1Code"], m["Actor2Code"]} == {"ARMGOV", "AZEGOV"}
    assert {m["Actor1CountryCode"], m["Actor2CountryCode"]} == {"ARM", "AZE"}
    assert m["Actor1Type1Code"] == "GOV" and m["Actor1Name"] == m["Actor1Name"].upper()
    assert (m["MonthYear"], m["Year"], m["FractionDate"]) == ("202502", "2025", "2025.1589")
    assert m["QuadClass"] == "1" and m["GoldsteinScale"] == "1.0" and m["IsRootEvent"] == "1"
    assert m["EventCode"] in ("044", "040") and m["EventBaseCode"] == m["EventCode"]
    assert (m["ActionGeo_Type"], m["ActionGeo_CountryCode"], m["ActionGeo_ADM1Code"]) == ("4", "TU", "TU")
    assert m["ActionGeo_FullName"].startswith("Ankara, ") and m["ActionGeo_FeatureID"] == "323786"
    assert (m["ActionGeo_Lat"], m["ActionGeo_Long"]) == ("39.92", "32.85")
    assert m["Actor1Geo_Type"] == "0" and m["Actor1Geo_FullName"] == ""
    assert len(m["DATEADDED"]) == 14 and m["SOURCEURL"].startswith("https://")


def test_gdelt_expands_compound_actors_to_dyads(db: str) -> None:
    rows, _ = export(db, "gdelt", actor="IRN")
    pairs = {frozenset((by_name(r)["Actor1Code"], by_name(r)["Actor2Code"])) for r in rows}
    assert pairs == {frozenset(p) for p in [("RUSGOV", "TURGOV"), ("RUSGOV", "IRNGOV"), ("TURGOV", "IRNGOV")]}
    assert {by_name(r)["ActionGeo_FullName"] for r in rows} == {"Tehran, Iran"}
    assert dyads({"actors": [RUS.__dict__], "recipients": []}) == [(RUS.__dict__, None)]
    assert dyads({"actors": [], "recipients": []}) == [(None, None)]


def test_gdelt_igo_actor_us_city_and_country_places(db: str) -> None:
    (un,), _ = export(db, "gdelt", plover="ACCUSE")
    r = by_name(un)
    assert (r["Actor1Code"], r["Actor1KnownGroupCode"], r["Actor1Type1Code"], r["Actor1CountryCode"]) == (
        "IGOUNO", "UNO", "IGO", "")
    assert (r["ActionGeo_Type"], r["ActionGeo_CountryCode"]) == ("3", "US")
    (shelling,), _ = export(db, "gdelt", plover="ASSAULT")
    s = by_name(shelling)
    assert (s["ActionGeo_Type"], s["ActionGeo_CountryCode"], s["ActionGeo_FullName"]) == ("1", "UP", "Ukraine")
    assert s["Actor2Code"] == "UKR" and s["QuadClass"] == "4"


def test_gdelt_tsv_loads_back_in_duckdb(db: str, tmp_path: Path) -> None:
    _, text = export(db, "gdelt")
    path = tmp_path / "events.tsv"
    path.write_text(text, encoding="utf-8")
    spec = "{" + ", ".join(f"'{c}': '{t}'" for c, t in column_types(GDELT_COLUMNS).items()) + "}"
    con = duckdb.connect()
    con.execute(f"CREATE TABLE g AS SELECT * FROM read_csv(?, delim = '\t', header = false, quote = '',"
                f" escape = '', columns = {spec})", [str(path)])
    assert [r[0] for r in con.execute("DESCRIBE g").fetchall()] == GDELT_COLUMNS
    assert con.execute("SELECT count(*) FROM g").fetchone()[0] == len(text.splitlines())
    assert con.execute("SELECT max(NumSources), min(length(EventCode)) FROM g").fetchone() == (2, 3)
    assert read_tsv(str(path), GDELT_COLUMNS) == [line.split("\t") for line in text.splitlines()]


# -- GDELT mentions ------------------------------------------------------------------------------------

def test_gdelt_mentions_point_at_the_events(db: str) -> None:
    with Store(db, read_only=True) as s:
        events = s.events()
        out_e, out_m = io.StringIO(), io.StringIO()
        write_events(s, events, "gdelt", out_e)
        write_mentions(s, events, out_m)
    ids = {line.split("\t")[0] for line in out_e.getvalue().splitlines()}
    mentions = [by_name(line.split("\t"), MENTION_COLUMNS) for line in out_m.getvalue().splitlines()]
    assert len(MENTION_COLUMNS) == 16 and mentions
    assert {m["GlobalEventID"] for m in mentions} == ids
    meeting = [m for m in mentions if m["MentionIdentifier"].endswith(("/wire", "/copy", "/other"))
               and m["ActionCharOffset"] != ""]
    assert {m["MentionSourceName"] for m in meeting} >= {"Steppe Wire", "Copy Post", "Global Dispatch"}
    wire = next(m for m in mentions if m["MentionIdentifier"].endswith("/wire") and m["SentenceID"] == "1"
                and m["ActionCharOffset"] != "-1")
    assert wire["MentionTimeDate"] == "20250227000000" and wire["MentionType"] == "1"
    assert wire["Confidence"] == "80" and int(wire["MentionDocLen"]) == len(WIRE)
    assert WIRE[int(wire["ActionCharOffset"]):].startswith("met")


# -- POLECAT -------------------------------------------------------------------------------------------

def test_polecat_columns_and_rows(db: str) -> None:
    rows, text = export(db, "polecat")
    assert text.splitlines()[0].split("\t") == POLECAT_COLUMNS and len(POLECAT_COLUMNS) == 40
    recs = [by_name(r, POLECAT_COLUMNS) for r in rows]
    assert len(recs) == 6  # every event with a PLOVER type (the CAMEO 010 statement has none)
    assert {r["Event Type"] for r in recs} == {"CONSULT", "ACCUSE", "ASSAULT"}
    summit = next(r for r in recs if r["Event ID"] == "summit-e1")
    assert summit["Actor Country"] == "RUS;TUR;IRN" and summit["Recipient Country"] == ""
    assert summit["Quad Code"] == "VERBAL COOPERATION" and float(summit["Event Intensity"]) > 0
    assert (summit["Placename"], summit["City"], summit["Country"], summit["GeoNames ID"]) == (
        "Tehran", "Tehran", "IRN", "112931")
    assert summit["Source"] == "Global Dispatch" and summit["Publication Date"] == "2025-02-28"
    shelling = next(r for r in recs if r["Event Type"] == "ASSAULT")
    assert shelling["Event Mode"] == "aerial" and shelling["Quad Code"] == "MATERIAL CONFLICT"
    assert shelling["Primary Actor Sector"] == "MIL" and shelling["Recipient Country"] == "UKR"
    assert float(shelling["Event Intensity"]) < 0 and shelling["Feature Type"] == "country"
    wire = next(r for r in recs if r["Event ID"] == "wire-e1")
    assert wire["Contexts"] == "diplomatic" and wire["Event Mode"] == "third-party"


def test_unknown_format_is_refused(db: str) -> None:
    with Store(db, read_only=True) as s, pytest.raises(ValueError):
        write_events(s, s.events(), "csvx", io.StringIO())


# -- Parquet ------------------------------------------------------------------------------------------

def test_parquet_of_every_table_reads_in_duckdb(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "pq"
    with Store(db, read_only=True) as s:
        counts = export_parquet(s, folder)
        expected = {t: s.query(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in TABLES}
    assert set(counts) == set(TABLES) | {"gdelt_events", "gdelt_mentions", "polecat"}
    for name, n in counts.items():
        path = folder / f"{name}.parquet"
        assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()[0][0] == n
        if name in expected:
            assert n == expected[name]
    assert counts["stories"] > 0 and counts["near_duplicates"] == 1
    gd = duckdb.sql(f"SELECT * FROM '{folder / 'gdelt_events.parquet'}'")
    assert gd.columns == GDELT_COLUMNS
    assert "044" in {r[0] for r in duckdb.sql(f"SELECT EventCode FROM '{folder / 'gdelt_events.parquet'}'").fetchall()}
    assert duckdb.sql(f"SELECT * FROM '{folder / 'polecat.parquet'}'").columns == POLECAT_COLUMNS
    assert duckdb.sql(f"SELECT * FROM '{folder / 'gdelt_mentions.parquet'}'").columns == MENTION_COLUMNS
    assert not list(folder.glob(".*.tsv"))  # temporary files removed


# -- the command line -----------------------------------------------------------------------------------

def test_events_command_gdelt_and_polecat(db: str, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["events", "--db", db, "--format", "gdelt"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    assert cli.main(["events", "--db", db, "--format", "polecat", "--type", "ASSAULT"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == POLECAT_COLUMNS and len(lines) == 2


def test_export_command(db: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    mentions = tmp_path / "mentions.tsv"
    args = argparse.Namespace(db=db, parquet=str(tmp_path / "out"), gdelt_mentions=str(mentions))
    assert export_command.run(args) == 0
    assert (tmp_path / "out" / "stories.parquet").exists()
    rows = read_tsv(str(mentions), MENTION_COLUMNS)
    assert rows and all(len(r) == 16 for r in rows)
    with pytest.raises(cli.UsageError):
        export_command.run(argparse.Namespace(db=db, parquet=None, gdelt_mentions=None))
