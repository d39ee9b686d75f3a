"""Event rules of the fifth 2026-12-07 session (docs/EVALUATION.md, "Audited by reading", round 6): the
occasion a statement was made at, an intent or threat and the act it announces as one record, and
senses of trigger words that name no event. Sentences written for these tests, published on
Thursday 2025-03-06 ("Monday" is 2025-03-03)."""

from __future__ import annotations

from event_lookup import one, triggered

PUB = "2025-03-06"


# -- 1. the occasion of a statement: its place and day are the statement's, and it is no act of its own --

def test_a_when_clause_of_speaking_places_and_dates_the_accusation(extract):
    events = extract("The governor accused the army of the raid when he spoke to reporters in Bentiu on "
                     "Monday.", PUB)["events"]
    accusation = one(events, "accused")
    assert accusation["location"]["name"] == "Bentiu"
    assert accusation["date"] == "2025-03-03"
    assert not triggered(events, "spoke"), "the speaking is the occasion of the accusation, not a second event"


def test_a_participle_on_the_subject_places_the_statement(extract):
    events = extract("Kenyan President William Ruto, speaking at a rally in Nakuru on Sunday, condemned the "
                     "strike.", PUB)["events"]
    condemnation = one(events, "condemned")
    assert condemnation["location"]["name"] == "Nakuru"
    assert condemnation["date"] == "2025-03-02"
    assert condemnation["recipients"] == [], "a leader condemning at home does not condemn his own state"


def test_a_fronted_speaking_participle_is_merged_into_the_statement(extract):
    events = extract("Speaking to reporters in Paris on Monday, the minister accused Russia of lying.", PUB)["events"]
    assert not triggered(events, "speaking")
    accusation = one(events, "accused")
    assert accusation["location"]["name"] == "Paris"
    assert accusation["date"] == "2025-03-03"


def test_another_doers_clause_lends_no_place(extract):
    events = extract("The army shelled the town of Avdiivka as the president spoke in Moscow.", PUB)["events"]
    shelling = one(events, "shelled")
    assert shelling["location"]["name"] != "Moscow"


# -- 2. an intent or a threat and the act it announces: one record --

def test_an_offer_to_mediate_is_one_intent_not_a_mediation_too(extract):
    events = extract("Turkey has offered to mediate between Armenia and Azerbaijan.", PUB)["events"]
    assert [e["cameo"][:2] for e in events] == ["03"], [(e["trigger"], e["cameo"]) for e in events]


def test_willingness_to_mediate_is_no_mediation(extract):
    events = extract("Kyiv welcomed Russia's willingness to mediate.", PUB)["events"]
    assert not [e for e in events if e["cameo"].startswith("045")], [(e["trigger"], e["cameo"]) for e in events]


def test_a_threat_to_attack_is_one_threat(extract):
    events = extract("The threat by Hamas to attack Israel alarmed the government.", PUB)["events"]
    assert [e["cameo"][:2] for e in events if e["cameo"][:2] in ("13", "19")] == ["13"]


def test_an_offer_to_host_talks_is_one_intent(extract):
    events = extract("Qatar offered on Monday to host talks between Israel and Hamas.", PUB)["events"]
    assert [e["cameo"][:2] for e in events] == ["03"], [(e["trigger"], e["cameo"]) for e in events]


def test_an_act_the_intent_does_not_announce_stays(extract):
    events = extract("Russia offered to mediate after its troops shelled Kharkiv on Monday.", PUB)["events"]
    assert [e for e in events if e["cameo"].startswith("19")], [(e["trigger"], e["cameo"]) for e in events]


# -- 3. senses that name no event --

def test_a_threat_said_of_a_state_is_a_danger_not_a_threat_made(extract):
    assert not extract("North Korea is considered a threat to US troops in the region.", PUB)["events"]
    assert not extract("Iran is seen as a threat by its neighbours.", PUB)["events"]


def test_there_were_threats_still_reports_threats(extract):
    events = extract("Officials said there had been threats against the embassy in Nairobi.", PUB)["events"]
    assert [e for e in events if e["cameo"].startswith("13")], [(e["trigger"], e["cameo"]) for e in events]


def test_beating_back_a_challenger_is_no_assault(extract):
    events = extract("Senator Warren beat back a challenge from her rival in the primary.", PUB)["events"]
    assert not [e for e in events if e["cameo"].startswith("18")]


def test_firefighters_attacking_a_blaze_is_no_assault(extract):
    assert not extract("Firefighters attacked the blaze from three sides.", PUB)["events"]


def test_opening_fire_is_still_an_assault(extract):
    events = extract("A gunman opened fire at a party in Vancouver on Friday, police said.", PUB)["events"]
    assert [e for e in events if e["cameo"][:2] in ("18", "19")], [(e["trigger"], e["cameo"]) for e in events]
