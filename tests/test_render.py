"""Renderers: the table an analyst scans, the CSV a spreadsheet reads, the per-document view."""

from __future__ import annotations

import csv
import io

from dragoman.cli.render import CSV_COLUMNS, documents_table, events_csv, events_table
from dragoman.model import Actor, Document, Event, Place, Quote

RUS = Actor.make("Russian Foreign Minister Sergey Lavrov", "Sergey Lavrov", "RUS", "GOV")
USA = Actor.make("US Secretary of State Marco Rubio", "Marco Rubio", "USA", "GOV")
TUR = Actor.make("Turkey", None, "TUR", "GOV")
ISTANBUL = Place("Istanbul", "Istanbul", "TUR", 41.01, 28.95, 745044, "city")
LONG = "Russian and US delegations met in Istanbul on Thursday, hosted by Turkey, " * 3


def make_doc() -> Document:
    """The US-Russia meeting in Istanbul, hosted by Turkey, plus a Russian statement to the US."""
    meet = Event(id="e1", sentence=0, evidence=LONG, start=0, end=len(LONG), trigger="met",
                 actors=[RUS, USA], recipients=[], third_parties=[TUR], plover="CONSULT", mode="third-party",
                 contexts=["diplomatic"], cameo="044", quad_class=1, goldstein=1.0, date="2025-02-27",
                 date_text="Thursday", location=ISTANBUL, status="factual", speaker=None, confidence=0.9)
    said = Event(id="e2", sentence=1, evidence="Lavrov told Washington\nthe talks were useful.", start=0,
                 end=10, trigger="told", actors=[RUS, RUS], recipients=[USA], third_parties=[],
                 plover=None, mode=None, contexts=[], cameo="010", quad_class=1, goldstein=0.0, date=None,
                 date_text=None, location=None, status="factual", speaker=RUS, confidence=0.7)
    return Document(id="meeting.txt", doc_id="d1meeting0001", url=None, title=None, outlet="News.Az",
                    published="2025-02-27", language="en", text=LONG, events=[meet, said],
                    quotes=[Quote("The meeting in Istanbul was constructive, " * 5, RUS, "said", True, 0, 9, 1)])


def test_events_table_columns_and_content() -> None:
    events = make_doc().to_dict()["events"]
    out = events_table(events)
    lines = out.splitlines()
    for col in ("DATE", "STATUS", "CAMEO", "PLOVER", "ACTORS → RECIPIENTS", "THIRD", "LOCATION", "TRIGGER",
                "EVIDENCE"):
        assert col in lines[0]
    assert len(lines) == 4  # header, rule, two events
    row1, row2 = lines[2], lines[3]
    assert row1.startswith("2025-02-27")
    for part in ("factual", "044", "CONSULT (third-party)", "RUSGOV+USAGOV", "TURGOV", "Istanbul, TUR", "met"):
        assert part in row1
    assert "…" in row1 and LONG.strip() not in row1  # evidence truncated
    assert "RUSGOV → USAGOV" in row2 and "RUSGOV+RUSGOV" not in row2  # repeats dropped
    assert "Lavrov told Washington the talks" in row2  # one line per event
    # fixed width: every column starts at the same offset in every line
    start = lines[0].index("CAMEO")
    assert row1[start:start + 3] == "044" and row2[start:start + 3] == "010"


def test_events_table_empty() -> None:
    assert events_table([]) == "(no events)"


def test_events_csv_flat_columns() -> None:
    events = [{**e, "doc_id": "d1meeting0001"} for e in make_doc().to_dict()["events"]]
    rows = list(csv.DictReader(io.StringIO(events_csv(events))))
    assert list(rows[0]) == CSV_COLUMNS
    r = rows[0]
    assert (r["doc_id"], r["event_id"], r["date"], r["cameo"], r["plover"], r["mode"]) == \
        ("d1meeting0001", "e1", "2025-02-27", "044", "CONSULT", "third-party")
    assert (r["actors"], r["recipients"], r["third_parties"]) == ("RUSGOV;USAGOV", "", "TURGOV")
    assert (r["location_name"], r["location_country"], r["lat"], r["lon"]) == ("Istanbul", "TUR", "41.01", "28.95")
    assert r["quad_class"] == "1" and r["goldstein"] == "1.0" and r["evidence"] == LONG.strip()
    r = rows[1]
    assert (r["actors"], r["recipients"], r["speaker"], r["date"]) == ("RUSGOV;RUSGOV", "USAGOV", "RUSGOV", "")
    assert "\n" not in r["evidence"]


def test_events_csv_without_doc_id_and_empty() -> None:
    assert events_csv([]).strip() == ",".join(CSV_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(events_csv(make_doc().to_dict()["events"]))))
    assert rows[0]["doc_id"] == ""


def test_documents_table() -> None:
    doc = make_doc().to_dict()
    out = documents_table([doc, {**doc, "id": "other.txt", "events": [], "quotes": []}])
    head = out.splitlines()[0]
    for part in ("meeting.txt", "2025-02-27", "News.Az", "2 events", "1 quotes", "d1meeting0001"):
        assert part in head
    assert "RUSGOV+USAGOV" in out
    quote_line = next(line for line in out.splitlines() if "Sergey Lavrov:" in line)
    assert quote_line.strip().startswith("Sergey Lavrov: “The meeting in Istanbul") and quote_line.endswith("…")
    assert "other.txt" in out and "(no events)" in out
