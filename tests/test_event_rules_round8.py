"""Event rules of round 8: a reported clause's subject misread as the object of 'said', senses of
'meet', 'confer' and 'threat' that name no event, accidental deaths, the status an event takes from
'have yet to', 'needs to' and a verb of intent or denial it is the passive subject of, seasons and the
time of participles and past perfects, and re-mentions of a reported happening folded into it.
Sentences written for these tests, published on Thursday 2025-03-06 ("Monday" is 2025-03-03)."""

from __future__ import annotations

import pytest
from event_lookup import one, triggered

from dragoman.annotate.date_expressions import resolve

PUB = "2025-03-06"


def codes(events: list[dict]) -> list[tuple[str, str, str]]:
    """What a failing assertion shows: each event's trigger, code and status."""
    return [(e["trigger"], e["cameo"], e["status"]) for e in events]


def of_root(events: list[dict], *roots: str) -> list[dict]:
    """The events whose CAMEO code starts with one of the two-digit roots."""
    return [e for e in events if e["cameo"][:2] in roots]


def assaults(events: list[dict]) -> list[dict]:
    return [e for e in events if e["plover"] == "ASSAULT" or e["cameo"][:2] in ("18", "19", "20")]


# -- 1. 'said the regime in Tehran, which …, is trying to …': the content's subject, not an addressee --

@pytest.mark.parametrize("text, party, town", [
    ("A researcher said the regime in Tehran, which has lost its allies, is trying to provoke its "
     "neighbours.", "regime", "Tehran"),
    ("A researcher said the army in Khartoum, which has lost the capital, is trying to starve the rebels.",
     "army", "Khartoum"),
    ("An analyst, Mark Dunn of Oxford, said the regime in Tehran is trying to provoke its neighbours.",
     "regime", "Tehran"),
])
def test_a_reported_clauses_subject_is_not_the_statements_recipient(extract, text, party, town):
    events = extract(text, PUB)["events"]
    told_to = [(e["trigger"], r["text"]) for e in events for r in e["recipients"] if party in r["text"]]
    assert not told_to, told_to
    placed = [(e["trigger"], e["location"]["name"]) for e in events if e["location"]]
    assert town not in [name for _, name in placed], placed


# -- 2. senses that name no event: meeting a threshold, conferring a benefit, a threat no one makes --

def test_meeting_a_threshold_or_a_deadline_is_no_meeting(extract):
    for text in ("The candidate did not meet the polling threshold.",
                 "The Green party failed to meet the five percent threshold needed to enter parliament.",
                 "Greece has not met the deadline set by its creditors."):
        events = extract(text, PUB)["events"]
        assert not of_root(events, "04"), (text, codes(events))


def test_meeting_a_president_is_still_a_meeting(extract):
    events = extract("The German chancellor met the French president in Berlin on Monday.", PUB)["events"]
    meeting = one(events, "met")
    assert meeting["cameo"].startswith("04")
    assert [r["country"] for r in meeting["recipients"]] == ["FRA"]


def test_conferring_a_benefit_or_a_title_is_no_consultation(extract):
    for text in ("The agreement conferred some benefit on Turkey.",
                 "The king conferred the title of marshal on the army chief."):
        events = extract(text, PUB)["events"]
        assert not of_root(events, "04"), (text, codes(events))
    events = extract("The French president conferred with the German chancellor on Monday.", PUB)["events"]
    assert one(events, "conferred")["cameo"].startswith("04"), "conferring with someone is still a consultation"


def test_a_threat_no_one_is_said_to_make_is_no_threat(extract):
    events = extract("Analysts failed to grasp the threat before the war.", PUB)["events"]
    assert not of_root(events, "13"), codes(events)
    events = extract("Israeli officials spoke about the threat on Monday.", PUB)["events"]
    assert not of_root(events, "13"), codes(events)
    assert of_root(events, "01"), "the officials' speaking is still a statement: " + repr(codes(events))


def test_a_threat_with_its_maker_is_still_a_threat(extract):
    threat = one(extract("Iran repeated its threat to close the strait.", PUB)["events"], "threat")
    assert threat["cameo"].startswith("13")
    assert [a["country"] for a in threat["actors"]] == ["IRN"]
    threats = one(extract("US threats against Iran mounted.", PUB)["events"], "threats")
    assert threats["cameo"].startswith("13")
    assert [r["country"] for r in threats["recipients"]] == ["IRN"]


# -- 3. accidental deaths: killed after falling, when a truck overturned --

def test_a_hiker_killed_after_falling_is_no_killing(extract):
    assert not extract("A French hiker was killed after falling 300 metres in the Alps.", PUB)["events"]


def test_deaths_in_accidents_told_in_a_clause_are_no_violence(extract):
    for text in ("Two Pakistani soldiers were killed when their truck overturned near Quetta.",
                 "A Bangladeshi worker was killed after slipping from scaffolding in Doha."):
        events = extract(text, PUB)["events"]
        assert not assaults(events), (text, codes(events))


def test_a_killing_after_an_ambush_is_still_a_killing(extract):
    events = extract("Gunmen killed two soldiers after ambushing their convoy near Kandahar.", PUB)["events"]
    killing = one(events, "killed")
    assert killing["cameo"][:2] in ("18", "19"), codes(events)
    assert [r["text"] for r in killing["recipients"]] == ["two soldiers"]


# -- 4. status: 'have yet to', 'needs to', an event noun postponed or cancelled --

def assert_status(extract, texts: tuple[str, ...], word: str, status: str) -> list[list[dict]]:
    """Every event of each text whose trigger holds the word has the status; returns each text's events."""
    found = []
    for text in texts:
        events = extract(text, PUB)["events"]
        assert all(e["status"] == status for e in triggered(events, word)), (text, codes(events))
        found.append(events)
    return found


def test_what_two_sides_have_yet_to_agree_is_not_agreed(extract):
    for events in assert_status(extract, ("Israel and Hamas have yet to agree on a ceasefire.",
                                          "Russia and Ukraine have yet to agree on a prisoner exchange."),
                                "agree", "negated"):
        assert not [e for e in events if e["status"] == "factual"], codes(events)


def test_yet_another_blow_leaves_the_attack_factual(extract):
    events = extract("Striking yet another blow at piracy, an Indian warship attacked pirates off Somalia.",
                     PUB)["events"]
    attack = one(events, "attacked")
    assert attack["status"] == "factual"


def test_what_a_leader_needs_to_do_is_not_done(extract):
    assert_status(extract, ("The president needs to meet more voters.",
                            "The Serbian president needs to meet the prime minister of Kosovo."), "meet", "hypothetical")


def test_a_postponed_meeting_has_not_happened(extract):
    for text, word in (("The meeting between Putin and Erdogan was postponed.", "meeting"),
                       ("The summit between Modi and Xi was postponed.", "summit")):
        events = extract(text, PUB)["events"]
        for meeting in triggered(events, word):
            assert meeting["status"] in ("future", "negated", "hypothetical"), (text, codes(events))


def test_cancelled_talks_and_visits_did_not_take_place(extract):
    events = extract("Negotiations between Armenia and Azerbaijan were cancelled after the border clash.",
                     PUB)["events"]
    assert one(events, "negotiations")["status"] == "negated"
    events = extract("The visit of the Turkish president was cancelled.", PUB)["events"]
    assert not [e for e in of_root(events, "04") if e["status"] == "factual"], codes(events)


def test_an_offensive_meant_to_change_the_war_took_place(extract):
    events = extract("The Israeli offensive in Gaza was intended to change the conflict.", PUB)["events"]
    offensive = one(events, "offensive")
    assert offensive["status"] == "factual"


# -- 5. dates: seasons, participles after their clause, past perfects --

@pytest.mark.parametrize("text, published, year", [
    ("in the summer of 2010", "2016-09-08", "2010"),
    ("last summer", "2016-10-02", "2015"),      # in October the summer just gone is 'this summer'
    ("last summer", "2017-01-20", "2016"),
    ("this spring", "2016-09-01", "2016"),
])
def test_a_season_resolves_to_its_year(text, published, year):
    found = resolve(text, published)
    assert found is not None
    assert (found.date, found.precision) == (year, "year")


def test_a_past_participle_after_its_clause_shares_the_clauses_date(extract):
    events = extract("In 2019, a bill failed, blocked by lawmakers from both parties.", PUB)["events"]
    blocking = one(events, "blocked")
    assert (blocking["date"], blocking["date_precision"]) == ("2019-01-01", "year")


def test_a_past_participle_before_its_clause_keeps_its_own_date(extract):
    events = extract("Arrested in June, the opposition leader was sentenced on Monday.", PUB)["events"]
    assert one(events, "arrested")["date"] == "2024-06-01"
    assert one(events, "sentenced")["date"] == "2025-03-03"


def test_a_past_perfect_claims_no_day(extract):
    events = extract("The senate rejected a bill that the Kenyan president had backed.", PUB)["events"]
    assert one(events, "backed")["date_precision"] is None


def test_a_past_perfect_in_reported_words_keeps_the_day(extract):
    events = extract("Police said on Monday that gunmen had killed three villagers near Kaduna.", PUB)["events"]
    killing = one(events, "killed")
    assert (killing["date"], killing["date_precision"]) == ("2025-03-03", "day")


# -- 6. a re-mention of a reported happening is folded into it; the news of its sentence stays --

BOMBING = "Sudanese warplanes bombed a camp near Bentiu on Thursday."


def test_an_accusation_of_the_attack_adds_no_second_attack(extract):
    events = extract(BOMBING + " The governor of Unity state accused Sudan of carrying out the attack.",
                     PUB)["events"]
    assert len(assaults(events)) == 1, codes(events)
    assert [e for e in events if e["cameo"].startswith("11")], codes(events)


def test_where_the_bombing_took_place_adds_no_second_bombing(extract):
    events = extract(BOMBING + " Police said the bombing took place at dawn.", PUB)["events"]
    assert len(assaults(events)) == 1, codes(events)


def test_the_retellings_place_goes_to_the_first_mention(extract):
    events = extract("Sudanese warplanes bombed a camp on Thursday. Police said the bombing took place near "
                     "Bentiu.", PUB)["events"]
    found = assaults(events)
    assert len(found) == 1, codes(events)
    assert found[0]["location"]["name"] == "Bentiu"


def test_talks_that_are_the_news_of_their_sentence_stay(extract):
    events = extract("Armenian and Azerbaijani envoys met in Vienna on Tuesday. The talks lasted six hours.",
                     PUB)["events"]
    meeting, talks = one(events, "met"), one(events, "talks")
    assert talks["happening"] == meeting["happening"]


# -- 7. who is quoted, what is no year, what was stopped, where local people spoke --

def test_the_one_quoted_as_saying_is_the_speaker_not_the_agency(extract):
    events = extract("An earthquake struck southern Iran on Sunday. State news agency IRNA quoted the head of "
                     "the port authority, Ali Karimi, as saying the quake damaged 50 schools.", PUB)["events"]
    assert not [a for e in events for a in e["actors"] if "agency" in a["text"]], codes(events)


def test_a_radio_stations_number_is_no_year():
    assert resolve("1010", PUB) is None
    assert resolve("1957", PUB).date == "1957"


def test_an_attack_foiled_or_thwarted_did_not_happen(extract):
    for text in ("Somali pirate attack foiled in Gulf of Aden",
                 "The Houthi attack on the tanker was thwarted by the US Navy."):
        attack = one(extract(text, PUB)["events"], "attack")
        assert attack["status"] == "negated", (text, attack["status"])


def test_an_attack_repelled_took_place(extract):
    attack = one(extract("A Russian attack on Kharkiv was repelled by Ukrainian troops.", PUB)["events"], "attack")
    assert attack["status"] == "factual"


def test_local_police_speak_in_their_country_not_in_the_storys_town(extract):
    text = ("A gunman shot two clerks at a bank in Lyon on Monday. Lyon police said the gunman fled in a car. "
            "Police arrested a suspect in Lyon on Tuesday. The police chief said the suspect was unarmed.")
    events = extract(text, PUB)["events"]
    said = [e for e in events if e["cameo"].startswith("01")]
    assert said, codes(events)
    assert all((e["location"] or {}).get("feature") in (None, "country") for e in said), \
        [(e["trigger"], e["location"]) for e in said]
    arrest = one(events, "arrested")
    assert (arrest["location"] or {}).get("name") == "Lyon"


def test_violence_aimed_at_no_place_happened_where_it_was_fired_from(extract):
    shooting = one(extract("A gang member shot a pregnant mother from a Brownsville rooftop on Friday.", PUB)["events"],
                   "shot")
    assert (shooting["location"] or {}).get("name") == "Brownsville"
    rockets = extract("Gunmen fired rockets from Gaza into southern Israel.", PUB)["events"]
    assert all((e["location"] or {}).get("name") != "Gaza Strip" for e in rockets), rockets


def test_a_past_act_in_a_persons_relative_clause_claims_no_day(extract):
    events = extract("Suu Kyi is the daughter of Aung San, the Burmese leader who won independence before being "
                     "assassinated.", PUB)["events"]
    killing = one(events, "assassinated")
    assert killing["date_precision"] is None
    dated = one(extract("The gunman, who shot three people on Monday, was arrested.", PUB)["events"], "shot")
    assert (dated["date"], dated["date_precision"]) == ("2025-03-03", "day")


def test_what_someone_ought_to_do_is_not_done(extract):
    events = extract("Russia ought to withdraw its troops from Georgia.", PUB)["events"]
    assert not [e for e in events if e["status"] == "factual"], codes(events)


def test_a_passive_arrest_or_indictment_names_the_states_police_or_courts(extract):
    arrest = one(extract("Two Russian nationals were arrested in Warsaw on Monday.", PUB)["events"], "arrested")
    assert [(a["country"], a["sector"]) for a in arrest["actors"]] == [("POL", "COP")], arrest["actors"]
    indictment = one(extract("A Mexican diplomat was indicted in New York on Monday.", PUB)["events"], "indicted")
    assert [(a["country"], a["sector"]) for a in indictment["actors"]] == [("USA", "JUD")], indictment["actors"]
    named = one(extract("Two Russian nationals were arrested by Polish border guards on Monday.", PUB)["events"],
                "arrested")
    assert "unidentified" not in [a["text"] for a in named["actors"]]
