"""Reading the article, not the sentence: every event of a dated document is dated (with where the
date came from and its grain), and mentions of one happening share its id, date, place and parties.
The articles here are written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dragoman
from dragoman.evaluate import documents as doc_eval

BASES = {"stated", "relative", "context", "published"}
GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold"


def events(text: str, published: str | None = "2025-03-06"):
    return dragoman.extract(text, published=published).events


def by_trigger(evs, word: str):
    found = [e for e in evs if word in (e.trigger or "").split()]
    assert found, f"no event triggered by {word!r}: {[e.trigger for e in evs]}"
    return found[0]


def test_every_event_of_a_dated_document_has_a_date_and_a_basis():
    text = ("Kenyan and Ethiopian officials met in Nairobi on Monday to discuss the border. "
            "Ethiopia accused Kenya of harbouring rebels. Police arrested twelve protesters.")
    evs = events(text, published="2025-03-04")    # the day after the meeting: its acts could be of either day
    assert evs and all(e.date and e.date_basis in BASES and e.date_precision for e in evs)
    assert by_trigger(evs, "met").date == "2025-03-03" and by_trigger(evs, "met").date_basis == "relative"
    accused = by_trigger(evs, "accused")
    assert (accused.date, accused.date_basis, accused.date_text) == ("2025-03-04", "published", None)


def test_stated_dates_and_coarser_grains_say_so():
    text = ("Chile and Peru signed a fisheries accord on 18 February 2025. "
            "Bolivian and Paraguayan ministers met in Asunción earlier this month. "
            "Uruguay and Argentina held talks in Montevideo last week.")
    evs = events(text)
    signed = by_trigger(evs, "signed")
    assert (signed.date, signed.date_basis, signed.date_precision) == ("2025-02-18", "stated", "day")
    met = by_trigger(evs, "met")
    assert (met.date, met.date_basis, met.date_precision) == ("2025-03-01", "relative", "month")
    talks = by_trigger(evs, "talks")
    assert (talks.date, talks.date_precision) == ("2025-02-24", "week")


def test_later_mentions_share_the_happening_and_take_its_date_and_place():
    text = ("Armenian and Azerbaijani envoys met in Vienna on Tuesday to discuss border demarcation.\n\n"
            "The talks focused on a stretch of the border near the village of Tigranashen.")
    evs = events(text)
    met, talks = by_trigger(evs, "met"), by_trigger(evs, "talks")
    assert met.happening and talks.happening == met.happening
    assert (talks.date, talks.date_basis) == ("2025-03-04", "context")
    assert talks.location is not None and talks.location.name == "Vienna"
    assert {a.country for a in talks.actors + talks.recipients} == {"ARM", "AZE"}


def test_a_phone_call_and_a_meeting_are_two_happenings():
    text = ("Japan's foreign minister met his South Korean counterpart in Tokyo on Wednesday. "
            "On Monday the two ministers had spoken by telephone, and Japan's foreign minister "
            "telephoned his South Korean counterpart again on Thursday.")
    evs = events(text)
    call = by_trigger(evs, "telephoned")
    assert call.happening != by_trigger(evs, "met").happening
    assert call.date == "2025-03-06"
    assert call.location is None or call.location.name != "Tokyo"


def test_another_day_is_another_happening():
    text = ("Serbia and Kosovo held talks in Brussels, officials said.\n\n"
            "The two delegations first met on 12 February.")
    evs = events(text)
    talks, met = by_trigger(evs, "talks"), by_trigger(evs, "met")
    assert met.date == "2025-02-12"
    assert talks.date != "2025-02-12" and talks.happening != met.happening


def test_a_dateline_with_its_year_dates_an_undated_document():
    doc = dragoman.extract("ANKARA, 24 February 2025 — Turkish and Greek ministers met in Ankara. "
                           "Greece accused Türkiye of airspace violations.")
    assert doc.published is None        # the record's metadata stays what the source gave
    assert doc.events and all(e.date for e in doc.events)
    accused = by_trigger(doc.events, "accused")
    assert (accused.date, accused.date_basis) == ("2025-02-24", "context")


def test_an_undated_document_without_a_dateline_leaves_dates_null():
    evs = events("Turkish and Greek ministers met in Ankara.", published=None)
    assert evs and all(e.date is None and e.date_basis is None for e in evs)


def test_document_scorer_counts_levels_and_alignment():
    gold = [{"id": "a", "published": "2025-03-06", "text": "X met Y in Vienna on Tuesday. The talks went on.",
             "happenings": [{"plover": "CONSULT", "actors": ["ARM"], "recipients": ["AZE"], "date": "2025-03-04",
                             "place": {"name": "Vienna", "country": "AUT"}, "mentions": ["met", "talks"]}]}]
    side = lambda c: {"text": c, "name": None, "country": c, "sector": None, "code": c}  # noqa: E731
    vienna = {"text": "Vienna", "name": "Vienna", "country": "AUT", "lat": 0, "lon": 0, "geonames_id": None,
              "feature": "city"}
    right = {"start": 0, "end": 29, "plover": "CONSULT", "cameo": "040", "actors": [side("ARM")],
             "recipients": [side("AZE")], "date": "2025-03-04", "location": vienna, "date_basis": "relative"}
    wrong_day = {**right, "start": 30, "end": 48, "date": "2025-03-06", "location": None, "recipients": []}
    report = doc_eval.score(gold, {"a": {"text": gold[0]["text"], "published": "2025-03-06",
                                         "events": [right, wrong_day]}})
    assert report.found["type+parties+day+place"] == 1 and report.dated == 2
    assert (report.aligned, report.aligned_day, report.aligned_sides, report.aligned_place) == (2, 1, 1, 1)
    report = doc_eval.score(gold, {"a": {"text": gold[0]["text"], "events": [wrong_day]}})
    assert report.found["type"] == 1 and report.found["type+parties"] == 0


@pytest.mark.skipif(not (GOLD / "ecbplus-dev.jsonl").exists(), reason="../shared/gold/ecbplus-dev.jsonl is absent")
def test_real_news_events_are_all_dated():
    rows = [json.loads(line) for line in (GOLD / "ecbplus-dev.jsonl").open(encoding="utf-8")]
    dated = [r for r in rows if r.get("date")][::40][:12]
    records = list(dragoman.extract_records({"id": r["id"], "text": r["text"], "published": r["date"]}
                                            for r in dated))
    evs = [e for rec in records for e in rec["events"]]
    assert evs and all(e["date"] and e["date_basis"] in BASES for e in evs)


def test_the_place_of_an_event_is_in_its_own_phrase():
    evs = events("The leaders of Turkey and Greece met on the sidelines of the NATO summit in Washington on Tuesday.")
    met = by_trigger(evs, "met")
    assert met.location is not None and (met.location.name, met.location.country) == ("Washington", "USA")
    evs = events("The delegation arrived in a black Mercedes van.")
    assert by_trigger(evs, "arrived").location is None       # a van is no place (Mercedes is a town too)
    evs = events("The delegation arrived in a black Mercedes van and met Uruguayan officials in Montevideo.")
    assert {e.location.name for e in evs if e.location} == {"Montevideo"}


def test_an_arrest_happens_where_its_makers_hold_power():
    evs = events("Polish border guards detained two Belarusian nationals on Tuesday.")
    detained = by_trigger(evs, "detained")
    assert detained.location is not None and detained.location.country == "POL"


def test_unnamed_actors_take_the_country_the_article_is_about():
    text = ("TBILISI, March 5 (Reuters) - Thousands of people rallied outside parliament against the bill.\n\n"
            "Police detained 28 people late on Tuesday.")
    detained = by_trigger(events(text), "detained")
    assert {a.country for a in detained.actors + detained.recipients} == {"GEO"}


def test_the_two_ministers_are_the_two_states_named_before():
    text = ("Azerbaijan's foreign minister held talks with his Iranian counterpart in Tehran on Wednesday. "
            "The two ministers met for more than three hours and agreed to set up a working group. "
            "Two soldiers were killed near the border.")
    evs = events(text)
    agreed = by_trigger(evs, "agreed")
    assert {a.country for a in agreed.actors + agreed.recipients} == {"AZE", "IRN"}
    assert agreed.date == "2025-03-05"          # it happened when the meeting it is conjoined to did
    killed = by_trigger(evs, "killed")
    assert all(a.country != "IRN" or a.sector != "MIL" for a in killed.actors)   # a count, not the pair


def test_one_mention_of_an_act_is_one_event():
    evs = events("Russian drones struck the port city of Odesa on Friday, damaging a grain warehouse "
                 "and injuring six people.")
    assert sum(1 for e in evs if (e.cameo or "").startswith("19")) == 1
    evs = events("Witnesses said the gunman fired a rifle, police spokesman Jan Novak said.")
    assert sum(1 for e in evs if (e.cameo or "").startswith("01")) == 1


def test_two_acts_in_one_sentence_stay_two():
    evs = events("Chinese and Indian ministers met in Johannesburg on Friday, and the Brazilian and "
                 "Uruguayan presidents spoke by phone on Saturday.")
    assert len({e.happening for e in evs if e.plover == "CONSULT"}) == 2


def test_nominal_events_with_their_arguments():
    meeting = by_trigger(events("The China–India meeting lasted about an hour."), "meeting")
    assert {a.country for a in meeting.actors + meeting.recipients} == {"CHN", "IND"}
    assert meeting.location is None          # the names of the sides are not its place
    talks = by_trigger(events("Armenian-Azerbaijani talks resumed in Vienna on Tuesday."), "talks")
    assert {a.country for a in talks.actors + talks.recipients} == {"ARM", "AZE"}
    assert (talks.date, talks.location.name) == ("2025-03-04", "Vienna")
    visit = by_trigger(events("Modi's visit to Moscow drew criticism."), "visit")
    assert ([a.country for a in visit.actors], [a.country for a in visit.recipients]) == (["IND"], ["RUS"])


def test_a_date_in_a_phrase_about_another_event_is_that_events():
    evs = events("Following a phone call between the two presidents on 3 March, Egypt and Sudan agreed "
                 "to reopen the border.")
    agreed = next(e for e in evs if e.plover == "AGREE" or (e.cameo or "").startswith("03"))
    assert agreed.date != "2025-03-03"
    assert by_trigger(evs, "call").date == "2025-03-03"


def test_an_age_is_no_year():
    from dragoman.annotate.date_expressions import resolve

    assert resolve("43", "2025-03-01") is None and resolve("82", "2025-03-01") is None
    assert resolve("1943", "2025-03-01").date == "1943"


def test_statements_share_a_date_only_with_the_same_speakers_words():
    text = ("Ghana's president unveiled a new mining code last year, officials recalled. "
            "\"We will not go back,\" President John Mensah said in an interview in Accra. "
            "\"The code protects our land,\" he said.")
    evs = events(text)
    said = [e for e in evs if e.trigger == "said"]
    assert said and all(e.date != "2024-01-01" for e in said)


def test_a_local_story_places_its_unplaced_local_acts_in_its_town():
    text = ("A gunman opened fire at a grocery store in Millbrook, Alabama, on Saturday, police said. "
            "Shoppers in Millbrook said the shooting lasted two minutes. "
            "Police arrested a 24-year-old man near the store on Sunday.")
    arrested = by_trigger(events(text), "arrested")
    assert arrested.location is not None and arrested.location.name == "Millbrook"


def test_a_place_inside_a_quote_is_not_where_it_was_said():
    text = "\"By locking in China, we could move India too,\" the US president said on Monday."
    said = by_trigger(events(text), "said")
    assert said.location is None or said.location.country != "CHN"


def test_a_temporal_clause_takes_the_time_of_the_clause_it_modifies():
    evs = events("In 2019, after the army chief resigned, the ruling party chose a new leader.")
    assert by_trigger(evs, "resigned").date.startswith("2019")
    evs = events("On Monday, after Kenyan officials met their Ugandan counterparts, the two sides signed a trade deal.")
    assert by_trigger(evs, "signed").date == "2025-03-03"
    assert by_trigger(evs, "met").date != "2025-03-03"     # 'after': an earlier day, not Monday


def test_a_hosted_round_is_referred_back_to_and_its_opener_is_a_third_party():
    text = ("Ghana hosted talks between Togo's government and a coalition of opposition parties in Accra on Monday. "
            "Ghana's foreign minister opened the talks at a hotel near the airport, telling delegates that "
            "\"the region is watching\".")
    evs = events(text, published="2025-03-05")
    talks = [e for e in evs if e.trigger == "talks"]
    assert len(talks) == 2 and {e.happening for e in talks} == {talks[0].happening}
    assert all(e.date == "2025-03-03" for e in talks)
    assert by_trigger(evs, "telling").date == "2025-03-03"


def test_a_road_between_two_towns_places_an_ambush_and_the_ambush_is_referred_back_to():
    text = ("On Saturday, gunmen ambushed a convoy of aid trucks on the road between Juba and Yei, killing two "
            "drivers, officials said. No group claimed responsibility for the ambush.")
    evs = events(text, published="2025-03-05")
    attacks = [e for e in evs if e.plover == "ASSAULT"]
    assert attacks and all(e.location is not None and e.location.country == "SSD" for e in attacks)
    assert len({e.happening for e in attacks}) == 1 and all(e.date == "2025-03-01" for e in attacks)


def test_a_participle_dates_places_and_names_the_makers_of_an_agreement():
    text = ("The memorandum of understanding, signed in Addis Ababa on Jan. 1 by Ethiopia's prime minister, "
            "would give Ethiopia a naval base.")
    memo = by_trigger(events(text, published="2024-01-11"), "memorandum")
    assert memo.date == "2024-01-01" and memo.status == "factual"
    assert memo.location is not None and memo.location.name == "Addis Ababa"
    assert any(a.country == "ETH" for a in memo.actors)


def test_it_in_a_relative_clause_is_the_nearest_state_before_it():
    evs = events("Somalia's president demanded that Ethiopia withdraw from a port deal it signed with Kenya.",
                 published="2024-01-11")
    signed = by_trigger(evs, "signed")
    assert [a.country for a in signed.actors] == ["ETH"]
