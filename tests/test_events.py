"""Who did what to whom, where, when, and did it happen: CAMEO/PLOVER events on short invented
sentences (published on Friday 2025-02-28 unless said otherwise)."""

from __future__ import annotations

import pytest

PUB = "2025-02-28"   # a Friday: "Thursday" is 2025-02-27, "next Tuesday" 2025-03-04


def countries(actors: list[dict]) -> set[str]:
    return {a["country"] for a in actors if a and a["country"]}


def sides(ev: dict) -> set[str]:
    return countries(ev["actors"]) | countries(ev["recipients"])


def only(events: list[dict], plover: str | None = None, root: tuple[str, ...] = ()) -> dict:
    """The single event of a kind (by PLOVER type or CAMEO root)."""
    found = [e for e in events if (plover and e["plover"] == plover) or (e["cameo"] or "").startswith(root or "~")]
    assert len(found) == 1, [(e["cameo"], e["plover"], e["trigger"]) for e in events]
    return found[0]


# -- meetings -------------------------------------------------------------------------------------

MEETING = "Russian and American diplomats met in Istanbul on Thursday."


def test_meeting_at_a_third_location(extract):
    rec = extract(MEETING, PUB)
    assert len(rec["events"]) == 1, rec["events"]
    ev = rec["events"][0]
    assert ev["plover"] == "CONSULT"
    assert ev["cameo"].startswith("04")
    assert sides(ev) == {"RUS", "USA"}
    assert ev["date"] == "2025-02-27"
    assert ev["date_text"] == "Thursday"
    assert (ev["location"]["name"], ev["location"]["country"]) == ("Istanbul", "TUR")
    assert ev["mode"] == "third-party"
    assert ev["status"] == "factual"
    assert ev["third_parties"] == []
    assert ev["speaker"] is None


def test_visit_named_in_full(extract):
    rec = extract("Russian Foreign Minister Sergey Lavrov visited Ankara on Wednesday.", PUB)
    ev = only(rec["events"], "CONSULT")
    assert ev["cameo"] == "042"
    assert countries(ev["actors"]) == {"RUS"}
    assert countries(ev["recipients"]) == {"TUR"}
    assert ev["date"] == "2025-02-26"
    assert ev["status"] == "factual"


def test_visit_by_surname_of_a_known_office_holder(extract):
    """'Lavrov' alone: the people table (valid on the publication date) makes him RUS GOV."""
    rec = extract("Lavrov visited Ankara on Wednesday.", PUB)
    ev = only(rec["events"], "CONSULT")
    assert ev["cameo"] == "042"
    assert [(a["country"], a["sector"]) for a in ev["actors"]] == [("RUS", "GOV")]
    assert countries(ev["recipients"]) == {"TUR"}


def test_visit_takes_place_in_the_city_visited(extract):
    rec = extract("Russian Foreign Minister Sergey Lavrov visited Ankara on Wednesday.", PUB)
    ev = only(rec["events"], "CONSULT")
    assert ev["location"] is not None
    assert (ev["location"]["name"], ev["location"]["country"]) == ("Ankara", "TUR")


HOSTED = [
    "Russian and Ukrainian officials met in Doha on Tuesday for talks hosted by Qatar.",
    "Russian and Ukrainian negotiators held talks hosted by Qatar in Doha on Tuesday.",
    "Qatar hosted talks between Russia and Ukraine in Doha on Tuesday.",
    "Russia and Ukraine held talks in Doha on Tuesday, hosted by Qatar.",   # one mention, one event
]


@pytest.mark.parametrize("text", HOSTED)
def test_host_is_a_third_party_not_a_side(extract, text):
    rec = extract(text, PUB)
    ev = only(rec["events"], "CONSULT")
    assert {"RUS", "UKR"} <= sides(ev)
    assert "QAT" not in sides(ev)
    assert countries(ev["third_parties"]) == {"QAT"}
    assert (ev["location"]["name"], ev["location"]["country"]) == ("Doha", "QAT")
    assert ev["date"] == "2025-02-25"


# -- status: negated, future, hypothetical --------------------------------------------------------

def test_negated_meeting(extract):
    rec = extract("Russian and Ukrainian officials did not meet in Istanbul on Thursday.", PUB)
    ev = only(rec["events"], "CONSULT")
    assert ev["status"] == "negated"
    assert sides(ev) == {"RUS", "UKR"}


def test_future_meeting_next_week_has_no_invented_day(extract):
    rec = extract("Russian and Ukrainian officials will meet in Istanbul next week.", PUB)
    ev = only(rec["events"], "CONSULT")     # the meeting itself (an announcement of it may be coded apart)
    assert sides(ev) == {"RUS", "UKR"}
    assert ev["status"] == "future"
    # "next week" is 2025-03-03..09: no single day is stated, and never a past one
    assert ev["date"] is None or "2025-03-03" <= ev["date"] <= "2025-03-09"
    assert ev["date_text"] == "next week"
    assert (ev["location"]["name"], ev["location"]["country"]) == ("Istanbul", "TUR")


def test_future_meeting_on_a_weekday_is_the_next_one(extract):
    rec = extract("Russian and Ukrainian officials will meet in Istanbul on Tuesday.", PUB)
    ev = only(rec["events"], "CONSULT")
    assert sides(ev) == {"RUS", "UKR"}
    assert ev["status"] == "future"
    assert ev["date"] == "2025-03-04"


@pytest.mark.parametrize("when", ["next week", "on Tuesday"])
def test_venue_of_a_future_meeting_is_not_a_party(extract, when):
    rec = extract(f"Russian and Ukrainian officials will meet in Istanbul {when}.", PUB)
    assert rec["events"]
    for ev in rec["events"]:
        assert sides(ev) == {"RUS", "UKR"}, (ev["cameo"], ev["trigger"], ev["recipients"])


@pytest.mark.parametrize("text", [
    "Russian and Ukrainian officials could meet in Istanbul next month.",
    "Russian and Ukrainian officials may meet in Istanbul if both governments agree.",
    "If both sides agree, Russian and Ukrainian officials will meet in Istanbul.",
])
def test_hypothetical_meeting(extract, text):
    rec = extract(text, PUB)
    ev = only(rec["events"], "CONSULT")
    assert ev["status"] == "hypothetical"
    assert sides(ev) == {"RUS", "UKR"}
    assert all(e["status"] != "factual" for e in rec["events"]), rec["events"]


# -- attacks --------------------------------------------------------------------------------------

def is_attack(ev: dict) -> bool:
    return ev["plover"] == "ASSAULT" or (ev["cameo"] or "")[:2] in ("18", "19")


def test_shelling_with_casualties(extract):
    rec = extract("Russian forces shelled Kharkiv on Thursday, killing five civilians.", PUB)
    attacks = [ev for ev in rec["events"] if is_attack(ev)]
    assert attacks, rec["events"]
    shelling = next(ev for ev in attacks if ev["trigger"].startswith("shell"))
    assert [(a["country"], a["sector"]) for a in shelling["actors"]] == [("RUS", "MIL")]
    assert shelling["date"] == "2025-02-27"
    assert shelling["status"] == "factual"
    for ev in attacks:
        assert countries(ev["actors"]) == {"RUS"}


def test_shelling_victims_are_not_the_attackers_own(extract):
    rec = extract("Russian forces shelled Kharkiv on Thursday, killing five civilians.", PUB)
    for ev in rec["events"]:
        if is_attack(ev):
            assert "RUS" not in countries(ev["recipients"]), ev["recipients"]


def test_shelling_in_a_city_is_located_there(extract):
    rec = extract("Russian forces shelled residential areas in Kharkiv on Thursday, killing five civilians.", PUB)
    shelling = next(ev for ev in rec["events"] if is_attack(ev) and ev["trigger"].startswith("shell"))
    assert (shelling["location"]["name"], shelling["location"]["country"]) == ("Kharkiv", "UKR")


def test_shelled_city_is_the_location(extract):
    rec = extract("Russian forces shelled Kharkiv on Thursday, killing five civilians.", PUB)
    shelling = next(ev for ev in rec["events"] if is_attack(ev) and ev["trigger"].startswith("shell"))
    assert shelling["location"] is not None
    assert (shelling["location"]["name"], shelling["location"]["country"]) == ("Kharkiv", "UKR")


# -- denials --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Russia denied sending troops to Belarus.",
    "Moscow denied that Russia had sent troops to Belarus.",
    "Moscow denied that it had sent troops to Belarus.",
])
def test_denied_event_is_negated(extract, text):
    rec = extract(text, PUB)
    sending = [ev for ev in rec["events"] if "sen" in ev["trigger"]]
    assert len(sending) == 1, rec["events"]
    assert sending[0]["status"] == "negated"
    assert countries(sending[0]["actors"]) == {"RUS"}
    assert all(ev["status"] != "factual" for ev in rec["events"] if "RUS" in countries(ev["actors"])
               and ev["plover"] != "ACCUSE")


# -- agreements -----------------------------------------------------------------------------------

def is_agreement(ev: dict) -> bool:
    return ev["plover"] == "AGREE" or (ev["cameo"] or "")[:2] in ("03", "05")


@pytest.mark.parametrize("text", [
    "Armenia and Azerbaijan agreed on a ceasefire along their border.",
    "Armenia and Azerbaijan signed a peace agreement in Washington on Friday.",
    "Armenia and Azerbaijan agreed to reopen their border.",
    "Armenia and Azerbaijan agreed to exchange prisoners.",
])
def test_agreement_is_one_event_with_both_parties(extract, text):
    rec = extract(text, PUB)
    assert len(rec["events"]) == 1, [(e["cameo"], e["plover"], e["trigger"]) for e in rec["events"]]
    ev = rec["events"][0]
    assert is_agreement(ev)
    assert sides(ev) == {"ARM", "AZE"}
    assert ev["status"] == "factual"


def test_signed_agreement_place_and_date(extract):
    rec = extract("Armenia and Azerbaijan signed a peace agreement in Washington on Friday.", PUB)
    ev = rec["events"][0]
    assert (ev["location"]["name"], ev["location"]["country"]) == ("Washington", "USA")
    assert ev["date"] == "2025-02-28"
    assert "USA" not in sides(ev)          # the venue is not a party


# -- compound actors ------------------------------------------------------------------------------

def test_compound_actors_stay_one_event(extract):
    rec = extract("Leaders of France, Germany, Italy, Poland and Spain met in Brussels on Monday.", PUB)
    ev = only(rec["events"], "CONSULT")
    assert sides(ev) == {"FRA", "DEU", "ITA", "POL", "ESP"}
    assert ev["mode"] == "multilateral"
    assert ev["date"] == "2025-02-24"
    assert (ev["location"]["name"], ev["location"]["country"]) == ("Brussels", "BEL")


def test_two_country_compound_is_one_event(extract):
    rec = extract("Diplomats from Russia and the United States met in Riyadh on Tuesday.", PUB)
    ev = only(rec["events"], "CONSULT")
    assert sides(ev) == {"RUS", "USA"}
    assert ev["mode"] == "third-party"


# -- speaker --------------------------------------------------------------------------------------

def test_event_inside_a_quote_carries_its_speaker(extract):
    rec = extract('"Russian and Ukrainian officials met in Istanbul last week," '
                  "Turkish Foreign Minister Hakan Fidan said.", PUB)
    ev = only(rec["events"], "CONSULT")
    assert sides(ev) == {"RUS", "UKR"}
    assert ev["speaker"] is not None
    assert ev["speaker"]["name"] == "Hakan Fidan"
    assert (ev["speaker"]["country"], ev["speaker"]["sector"]) == ("TUR", "GOV")


def test_event_in_indirect_speech_carries_its_speaker(extract):
    rec = extract("Moscow denied that Russia had sent troops to Belarus.", PUB)
    (ev,) = rec["events"]
    assert ev["speaker"] is not None and ev["speaker"]["code"] == "RUSGOV"


# -- evidence and schema, over every text of this module -------------------------------------------

TEXTS = [
    MEETING,
    "Russian Foreign Minister Sergey Lavrov visited Ankara on Wednesday.",
    "Russian and Ukrainian officials met in Doha on Tuesday for talks hosted by Qatar.",
    "Russian and Ukrainian officials did not meet in Istanbul on Thursday.",
    "Russian and Ukrainian officials will meet in Istanbul next week.",
    "Russian and Ukrainian officials could meet in Istanbul next month.",
    "Russian forces shelled Kharkiv on Thursday, killing five civilians.",
    "Moscow denied that Russia had sent troops to Belarus.",
    "Armenia and Azerbaijan agreed on a ceasefire along their border.",
    "Leaders of France, Germany, Italy, Poland and Spain met in Brussels on Monday.",
    'Officials said the talks went well.\n\n"Russian and Ukrainian officials met in Istanbul last week," '
    "Turkish Foreign Minister Hakan Fidan said. Russian troops later shelled the outskirts of Kharkiv.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_evidence_is_the_text_at_the_offsets(extract, text):
    rec = extract(text, PUB)
    assert rec["events"], text
    for ev in rec["events"]:
        assert rec["text"][ev["start"]:ev["end"]] == ev["evidence"], ev
        assert ev["trigger"] and ev["trigger"].split()[0] in ev["evidence"]
        assert 0.0 <= ev["confidence"] <= 1.0


@pytest.mark.parametrize("text", TEXTS)
def test_records_validate_against_the_schema(extract, validator, text):
    rec = extract(text, PUB)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(rec)]
    assert errors == []


def test_event_ids_are_unique_and_sentences_in_order(extract):
    rec = extract(TEXTS[-1], PUB)
    ids = [ev["id"] for ev in rec["events"]]
    assert len(ids) == len(set(ids))
    assert [ev["sentence"] for ev in rec["events"]] == sorted(ev["sentence"] for ev in rec["events"])
