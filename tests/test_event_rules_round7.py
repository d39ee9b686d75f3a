"""Event rules of the fifth 2026-12-07 session (docs/EVALUATION.md, "Audited by reading", round 6): the
occasion a statement was made at, an intent or threat and the act it announces as one record, and
senses of trigger words that name no event. Sentences written for these tests, published on
Thursday 2025-03-06 ("Monday" is 2025-03-03)."""

from __future__ import annotations

from event_lookup import assert_at, one, triggered

PUB = "2025-03-06"


# -- 1. the occasion of a statement: its place and day are the statement's, and it is no act of its own --

def test_a_when_clause_of_speaking_places_and_dates_the_accusation(extract):
    events = extract("The governor accused the army of the raid when he spoke to reporters in Bentiu on "
                     "Monday.", PUB)["events"]
    accusation = one(events, "accused")
    assert_at(accusation, "Bentiu", "2025-03-03")
    assert not triggered(events, "spoke"), "the speaking is the occasion of the accusation, not a second event"


def test_a_participle_on_the_subject_places_the_statement(extract):
    events = extract("Kenyan President William Ruto, speaking at a rally in Nakuru on Sunday, condemned the "
                     "strike.", PUB)["events"]
    condemnation = one(events, "condemned")
    assert_at(condemnation, "Nakuru", "2025-03-02")
    assert condemnation["recipients"] == [], "a leader condemning at home does not condemn his own state"


def test_a_fronted_speaking_participle_is_merged_into_the_statement(extract):
    events = extract("Speaking to reporters in Paris on Monday, the minister accused Russia of lying.", PUB)["events"]
    assert not triggered(events, "speaking")
    accusation = one(events, "accused")
    assert_at(accusation, "Paris", "2025-03-03")


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


# -- 4. a report of violence tells one attack: its undated retellings take the day it was dated by --

STORY = ("Russia shells Odesa port\n\n"
         "Russian forces struck the port of Odesa with missiles on Monday night, killing three dock workers, "
         "Ukrainian officials said.\n\n"
         "Witnesses told reporters that Russian drones also attacked a grain terminal near the harbour.\n\n"
         "Ukraine's foreign ministry condemned the strike on Wednesday.")


def test_undated_retellings_of_the_attack_take_its_day(extract):
    events = extract(STORY, PUB)["events"]
    retold = one(events, "attacked")
    assert retold["date"] == "2025-03-03", [(e["trigger"], e["date"]) for e in events]
    assert retold["date_basis"] == "context"


def test_the_headline_in_the_present_tells_the_dated_attack(extract):
    events = extract(STORY, PUB)["events"]
    headline = [e for e in events if e["sentence"] == 0]
    assert headline and headline[0]["date"] == "2025-03-03", [(e["trigger"], e["date"]) for e in events]


def test_two_attacks_on_two_days_lend_no_day(extract):
    text = ("Russian forces shelled Kharkiv on Monday. Russian drones struck Sumy on Tuesday.\n\n"
            "Officials said Russian troops also shelled Kupiansk.")
    events = extract(text, PUB)["events"]
    third = [e for e in events if "Kupiansk" in e["evidence"] and e["cameo"][:2] in ("18", "19")]
    assert third and third[0]["date_basis"] == "published", [(e["trigger"], e["date"]) for e in events]


def test_an_earthquake_that_killed_people_is_no_attack(extract):
    events = extract("Rescuers reached survivors of a powerful earthquake on a Gulf island that killed ten "
                     "people.", PUB)["events"]
    assert not [e for e in events if e["cameo"][:2] in ("18", "19", "20")]


# -- 5. an interval moves a day --

def test_a_measured_interval_moves_the_day(extract):
    events = extract("Congo on Tuesday accused Rwanda of sending troops, two days after rebels shelled "
                     "a town in North Kivu.", PUB)["events"]
    assert one(events, "shelled")["date"] == "2025-03-02"
    assert one(events, "accused")["date"] == "2025-03-04"


def test_a_day_after_in_a_clause_the_parser_joined(extract):
    events = extract("Russia on Friday accused Armenia of betraying the alliance, a day after Armenia's "
                     "defence minister held talks in Paris.", "2025-03-08")["events"]
    assert one(events, "talks")["date"] == "2025-03-06"


# -- 6. what a statement lends its content --

def test_a_threat_told_to_reporters_is_made_where_and_when_it_was_told(extract):
    events = extract("The minister told reporters in Kyiv on Tuesday that Ukraine would retaliate against "
                     "Russia.", PUB)["events"]
    threat = one(events, "retaliate")
    assert_at(threat, "Kyiv", "2025-03-04")


def test_a_reported_past_act_happened_by_the_day_it_was_told(extract):
    events = extract("The governor said on Monday that Ukrainian drones had struck a refinery in Ryazan.",
                     PUB)["events"]
    strike = one(events, "struck")
    assert strike["date"] == "2025-03-03"
    assert strike["location"]["name"] == "Ryazan", "the act's own place, not the statement's"


# -- 7. spans claim no day; juries and sheriffs are of the state's courts and police --

def test_an_act_told_as_going_on_claims_no_day(extract):
    events = extract("Sudan and South Sudan continue to negotiate over the oil fields of Abyei.", PUB)["events"]
    talks = [e for e in events if e["cameo"].startswith("04")]
    assert talks and talks[0]["date_precision"] is None, [(e["trigger"], e["date_precision"]) for e in events]


def test_a_grand_jury_is_the_court_that_indicts(extract):
    events = extract("A former state official was indicted by a federal grand jury in Anchorage on Friday.",
                     PUB)["events"]
    indictment = one(events, "indicted")
    assert [(a["country"], a["sector"]) for a in indictment["actors"]] == [("USA", "JUD")]
    assert indictment["date"] == "2025-02-28"


# -- 8. an article without a dateline that names few places is about its people's country --

def test_a_domestic_story_without_places_is_of_its_actors_country(extract):
    text = ("Senators clash over immunity deals\n\n"
            "Republican Senator Chuck Grassley accused the Justice Department on Tuesday of shielding aides "
            "of Hillary Clinton. Democratic Senator Patrick Leahy criticized Grassley. Representative Jason "
            "Chaffetz, who returned from a trip to Mexico City on Monday, said the committee would ask the "
            "FBI for the files. A lawyer for one aide said the aides had cooperated fully.")
    events = extract(text, PUB)["events"]
    senators = [a for e in events for a in e["actors"] if a["text"] == "Senators"]
    assert senators and senators[0]["country"] == "USA", [(e["trigger"], e["actors"]) for e in events]


def test_an_international_story_keeps_its_places_country(extract):
    text = ("An Indian warship intercepted three boats with 26 Somali pirates in the Gulf of Aden on Thursday. "
            "The Indian navy said the pirates surrendered after commandos boarded their boat. Indian "
            "officials said the pirates would be handed over to Somali authorities.")
    record = extract(text, PUB)
    pirates = [a for e in record["events"] for a in e["actors"] + e["recipients"] if "pirates" in a["text"]]
    assert pirates and all(a["country"] != "IND" for a in pirates), [(a["text"], a["country"]) for a in pirates]


# -- 9. a dateline does not place a foreign state's statement --

def test_a_foreign_states_accusation_is_not_placed_at_the_dateline(extract):
    text = ("YEREVAN, March 6 (Reuters) - Russia on Wednesday accused Armenia of betraying their alliance. "
            "Armenia's foreign minister met his French counterpart in Yerevan on Wednesday.")
    events = extract(text, PUB)["events"]
    accusation = one(events, "accused")
    assert accusation["location"] is None or accusation["location"]["country"] != "ARM"
    meeting = one(events, "met")
    assert meeting["location"]["name"] == "Yerevan"


def test_the_dateline_still_places_its_own_states_statement(extract):
    text = "YEREVAN, March 6 (Reuters) - Armenia on Wednesday accused Azerbaijan of shelling a border village."
    accusation = one(extract(text, PUB)["events"], "accused")
    assert accusation["location"]["name"] == "Yerevan"


# -- 10. a name the article gives a person is no town --

def test_a_surname_is_no_town(extract):
    text = ("He walked toward the office of Paul Riva, a managing partner at the firm.\n\n"
            "Police in Troy said the gunman fired at Riva twice and then fled.")
    record = extract(text, PUB)
    places = [e["location"]["name"] for e in record["events"] if e["location"]]
    assert "Riva" not in places, places


def test_violence_between_named_people_takes_the_articles_country(extract):
    text = ("TROY, Mich. (AP) — A fired accountant returned to his former office on Monday and opened fire.\n\n"
            "Police said Anthony LaCalamita shot Alan Steinberg in the hip before he fled.")
    events = extract(text, PUB)["events"]
    shooting = [e for e in events if "Steinberg" in e["evidence"] and e["cameo"][:2] in ("18", "19")]
    assert shooting, [(e["trigger"], e["cameo"]) for e in events]
    assert {a["country"] for a in shooting[0]["actors"] + shooting[0]["recipients"]} == {"USA"}
