"""Who is who: countries and their variants, capitals and seats of government standing for
governments, demonym + role nouns, titled people and their later mentions, analysts, IGOs.

Checked through the document record (``entities``, event actors, quote speakers), on short
invented texts run through the real spaCy pipeline.
"""

from __future__ import annotations

import unicodedata

import pytest

PUB = "2025-02-28"   # a Friday


def entity(record: dict, text: str) -> dict:
    found = [e for e in record["entities"] if e["text"] == text]
    assert found, f"no entity {text!r} in {[e['text'] for e in record['entities']]}"
    return found[0]


def person(record: dict, surname: str) -> dict:
    found = [e for e in record["entities"] if e["type"] == "PERSON" and e["text"].split()[-1] == surname]
    assert len(found) == 1, f"expected one PERSON entity for {surname}: {record['entities']}"
    return found[0]


def countries(actors: list[dict]) -> set[str]:
    return {a["country"] for a in actors if a and a["country"]}


def fold(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


# -- countries and their variants -----------------------------------------------------------------

def test_turkiye_and_turkey_are_the_same_country(extract):
    rec = extract("Türkiye closed its airspace on Monday. Turkey said the measure was temporary.", PUB)
    for name in ("Türkiye", "Turkey"):
        actor = entity(rec, name)["actor"]
        assert actor["country"] == "TUR", (name, actor)
        assert actor["code"].startswith("TUR")


def test_us_abbreviation_and_full_name_are_the_same_country(extract):
    rec = extract("The U.S. imposed new tariffs on steel. Officials said the United States would not back down.", PUB)
    for name in ("U.S.", "United States"):
        actor = entity(rec, name)["actor"]
        assert actor["country"] == "USA", (name, actor)


def test_country_place_is_geocoded_to_the_same_iso3(extract):
    rec = extract("Türkiye and Turkey are two spellings of one name.", PUB)
    for name in ("Türkiye", "Turkey"):
        place = entity(rec, name)["place"]
        assert place is not None and place["country"] == "TUR", (name, place)


# -- capitals and seats of government -------------------------------------------------------------

@pytest.mark.parametrize(("capital", "iso3"), [
    ("Washington", "USA"), ("Kyiv", "UKR"), ("Ankara", "TUR"), ("Moscow", "RUS"),
])
def test_capital_stands_for_its_government(extract, capital, iso3):
    rec = extract(f"{capital} rejected the proposal on Tuesday.", PUB)
    actor = entity(rec, capital)["actor"]
    assert (actor["country"], actor["sector"], actor["code"]) == (iso3, "GOV", f"{iso3}GOV")


def test_capitals_as_actor_and_recipient_of_an_event(extract):
    rec = extract("Washington criticized Moscow over the strikes.", PUB)
    assert len(rec["events"]) == 1, rec["events"]
    ev = rec["events"][0]
    assert [a["code"] for a in ev["actors"]] == ["USAGOV"]
    assert [a["code"] for a in ev["recipients"]] == ["RUSGOV"]


def test_kremlin_is_the_russian_government(extract):
    rec = extract("The Kremlin condemned the new sanctions on Wednesday.", PUB)
    actor = entity(rec, "Kremlin")["actor"]
    assert (actor["country"], actor["sector"]) == ("RUS", "GOV")
    assert rec["events"], "the condemnation is an event"
    assert [a["code"] for a in rec["events"][0]["actors"]] == ["RUSGOV"]


# -- demonyms and role nouns ----------------------------------------------------------------------

def test_demonym_and_troops_is_the_military(extract):
    rec = extract("Russian troops attacked the village on Tuesday.", PUB)
    assert len(rec["events"]) == 1, rec["events"]
    (actor,) = rec["events"][0]["actors"]
    assert (actor["country"], actor["sector"], actor["code"]) == ("RUS", "MIL", "RUSMIL")


def test_demonym_and_officials_is_the_government(extract):
    rec = extract("Turkish officials met Greek officials in Athens on Tuesday.", PUB)
    assert len(rec["events"]) == 1, rec["events"]
    ev = rec["events"][0]
    assert [(a["country"], a["sector"]) for a in ev["actors"]] == [("TUR", "GOV")]
    assert [(a["country"], a["sector"]) for a in ev["recipients"]] == [("GRC", "GOV")]


def test_role_noun_with_two_countries_gives_both(extract):
    rec = extract("Diplomats from Russia and the United States met in Riyadh on Tuesday.", PUB)
    assert len(rec["events"]) == 1, rec["events"]
    ev = rec["events"][0]
    pairs = {(a["country"], a["sector"]) for a in ev["actors"] + ev["recipients"]}
    assert pairs == {("RUS", "GOV"), ("USA", "GOV")}


def test_country_possessive_ministry_is_that_government(extract):
    rec = extract("Turkey's Foreign Ministry condemned the strike on the convoy.", PUB)
    assert rec["events"], "the condemnation is an event"
    (actor,) = rec["events"][0]["actors"]
    assert (actor["country"], actor["sector"]) == ("TUR", "GOV")


# -- titled people and later mentions -------------------------------------------------------------

BARROT = ("French Foreign Minister Jean-Noel Barrot visited Kyiv on Monday. Barrot met Ukrainian officials "
          "at the presidential office. The minister said that Paris would send more air defence systems.")


def test_titled_person_gets_country_and_sector_from_the_title(extract):
    rec = extract(BARROT, PUB)
    actor = person(rec, "Barrot")["actor"]
    assert (actor["country"], actor["sector"], actor["code"]) == ("FRA", "GOV", "FRAGOV")


def test_surname_and_role_noun_resolve_to_the_titled_person(extract):
    rec = extract(BARROT, PUB)
    ent = person(rec, "Barrot")
    name = ent["actor"]["name"]
    text = rec["text"]
    # the surname alone is a mention of the same entity
    assert [text[s:e] for s, e in ent["mentions"]][-1] == "Barrot"
    assert len(ent["mentions"]) == 2
    # "Barrot met ..." and "The minister said ..." carry the same canonical person
    meet = [ev for ev in rec["events"] if "met" in ev["trigger"]]
    assert meet and meet[0]["actors"][0]["name"] == name
    assert meet[0]["actors"][0]["country"] == "FRA"
    said = [q for q in rec["quotes"] if q["text"].startswith("Paris would send")]
    assert said and said[0]["speaker"]["name"] == name
    assert said[0]["speaker"]["country"] == "FRA"


def test_canonical_name_keeps_the_hyphenated_given_name(extract):
    rec = extract(BARROT, PUB)
    assert fold(person(rec, "Barrot")["actor"]["name"]) == "jean-noel barrot"


ANALYST = ("Political analyst Marta Kovac said the talks in Geneva would fail. Kovac added that both sides "
           "were exhausted after three years of war. The analyst said a lasting deal was unlikely this year.")


def test_analyst_is_a_person_without_a_government_sector(extract):
    rec = extract(ANALYST, PUB)
    ent = person(rec, "Kovac")
    assert ent["actor"]["name"] == "Marta Kovac"
    assert ent["actor"]["sector"] not in ("GOV", "MIL")
    assert len(ent["mentions"]) == 2       # "Marta Kovac" and "Kovac"


def test_surname_and_the_analyst_resolve_to_the_analyst(extract):
    rec = extract(ANALYST, PUB)
    speakers = [(q["text"].split()[0:2], q["speaker"]["name"]) for q in rec["quotes"]]
    assert len(rec["quotes"]) == 3, speakers
    assert all(q["speaker"]["name"] == "Marta Kovac" for q in rec["quotes"]), speakers


def test_title_marks_an_unknown_name_as_a_person(extract):
    rec = extract('"We will not accept any deal that ignores our borders," Interior Minister Rasa Vilkas said.', PUB)
    (quote,) = rec["quotes"]
    assert quote["speaker"]["name"] == "Rasa Vilkas"
    assert quote["speaker"]["sector"] == "GOV"


# -- international organisations ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "code"), [
    ("NATO condemned the attack on Tuesday.", "NATO", "NAT"),
    ("The United Nations called for a ceasefire on Tuesday.", "United Nations", "UNO"),
])
def test_igo_has_its_code_and_no_country(extract, text, name, code):
    rec = extract(text, PUB)
    actor = entity(rec, name)["actor"]
    assert actor["code"] == code
    assert actor["country"] is None
    assert actor["sector"] == "IGO"
    assert rec["events"], "the IGO's act is an event"
    assert [a["code"] for a in rec["events"][0]["actors"]] == [code]


def test_igo_and_states_in_one_text(extract):
    rec = extract("NATO and Russia held talks in Vienna on Tuesday.", PUB)
    consult = [ev for ev in rec["events"] if ev["plover"] == "CONSULT"]
    assert len(consult) == 1, rec["events"]
    sides = consult[0]["actors"] + consult[0]["recipients"]
    assert {a["code"] for a in sides if a["code"] == "NAT"} == {"NAT"}
    assert "RUS" in countries(sides)


# -- whom an act is aimed at ----------------------------------------------------------------------

def best_event(record: dict) -> dict:
    assert record["events"], "no event"
    return max(record["events"], key=lambda e: e["confidence"])


@pytest.mark.parametrize(("text", "source", "target"), [
    ("Chile rejected an Argentine proposal for joint patrols.", "CHL", "ARG"),
    ("Peru rejected a fresh offer from Bolivia for direct talks.", "PER", "BOL"),
    ("Poland refused to respond to a demand from the German chancellor.", "POL", "DEU"),
    ("Syria is willing to withdraw its troops from Jordan.", "SYR", "JOR"),
    ("Turkey has strengthened its forces in Iraq after the attack.", "TUR", "IRQ"),
    ("Iran threatened to cut off gas supplies to Armenia.", "IRN", "ARM"),
    ("Iran threatened to break relations with Kenya unless the embassy was closed.", "IRN", "KEN"),
    ("Greek police opened fire to disperse Albanian migrants on Monday.", "GRC", "ALB"),
])
def test_target_of_the_act(extract, text, source, target):
    event = best_event(extract(text, PUB))
    assert source in countries(event["actors"]), event
    assert countries(event["recipients"]) == {target}, event


@pytest.mark.parametrize("text", [
    "The foreign ministry condemned Israel's strike on the camp.",
    "The administration demanded that Iran halt enrichment.",
    "The minister agreed to a proposal by Japan for joint patrols.",
])
def test_a_subject_never_takes_the_state_it_acts_on(extract, text):
    event = best_event(extract(text, PUB))
    assert not countries(event["actors"]), event
    assert countries(event["recipients"]), event


def test_anti_names_no_nationality(extract):
    record = extract("A prominent anti-Iran cleric was killed in a bomb attack in Baghdad.", PUB)
    assert "IRN" not in countries(best_event(record)["recipients"])


def test_ministers_of_an_igo_act_for_it(extract):
    event = best_event(extract("European Union foreign ministers demanded the release of the hostages.", PUB))
    assert [a["code"] for a in event["actors"]] == ["EEC"] or event["actors"][0]["sector"] == "IGO", event


@pytest.mark.parametrize(("text", "country"), [
    ("King Oduya of Lesotho said he would be ready to host a meeting between the two rivals.", "LSO"),
    ("Sheikh Tamim of Qatar met the Iranian foreign minister in Doha.", "QAT"),
])
def test_a_ruler_of_a_country(extract, text, country):
    event = best_event(extract(text, PUB))
    assert countries(event["actors"]) == {country}, event


@pytest.mark.parametrize(("text", "target"), [
    ("Iran condemned the Israeli strike on the camp.", "ISR"),
    ("Japan demanded an apology from South Korea.", "KOR"),
    ("Oman's sultan launched a mediation effort on Monday between Iran and Bahrain.", None),
])
def test_whom_a_reaction_or_demand_is_aimed_at(extract, text, target):
    event = best_event(extract(text, PUB))
    if target:
        assert countries(event["recipients"]) == {target}, event
    else:       # a mediation: the launcher mediates between the two parties
        assert countries(event["actors"]) == {"OMN"} and countries(event["recipients"]) == {"IRN", "BHR"}, event


def test_a_protest_is_aimed_at_what_it_protests(extract):
    record = extract("Up to 500 ethnic Greeks began a hunger strike on Monday to protest against Albania's "
                     "decision to close their schools.", PUB)
    event = best_event(record)
    assert event["plover"] == "PROTEST" and countries(event["recipients"]) == {"ALB"}, event


@pytest.mark.parametrize(("text", "source"), [
    ("A roadside bomb near the town of Kandahar killed three soldiers on Monday.", "AFG"),
    ("Two police officers were killed by a car bomb outside of the city of Peshawar.", "PAK"),
    ("Gunmen shot dead a judge in Karachi on Tuesday.", "PAK"),
])
def test_unnamed_attackers_are_of_the_country_where_it_happened(extract, text, source):
    event = best_event(extract(text, PUB))
    assert event["plover"] == "ASSAULT" and countries(event["actors"]) == {source}, event
    assert all(a["sector"] == "UAF" for a in event["actors"]), event


def test_an_attack_without_a_place_gets_no_guessed_attacker(extract):
    event = best_event(extract("Three Kenyan soldiers were killed on Friday.", PUB))
    assert event["actors"] == [], event


def test_groups_without_a_nationality_belong_to_the_state_of_the_sentence(extract):
    event = best_event(extract("Zambian police fired tear gas to disperse striking students on Monday.", PUB))
    assert countries(event["recipients"]) == {"ZMB"}, event


@pytest.mark.parametrize(("text", "country"), [
    ("Ethopia has agreed to reopen its border with Eritrea.", "ETH"),
    ("Afganistan rejected the offer of talks.", "AFG"),
    ("The Phillipines agreed to resume talks with China.", "PHL"),
])
def test_a_misspelt_state_is_still_that_state(extract, text, country):
    event = best_event(extract(text, PUB))
    assert countries(event["actors"]) == {country}, event


def test_a_name_near_two_states_is_not_guessed(extract):
    from dragoman import knowledge

    assert knowledge.misspelt_place("Iraq") is None          # a real name is never a slip
    assert knowledge.misspelt_place("Austrian") is None      # a demonym itself
    assert knowledge.misspelt_place("Oman") is None          # too short to tell from 'Iran'


@pytest.mark.parametrize(("text", "source"), [
    ("Saudi-led forces struck a fuel depot near the port on Sunday.", "SAU"),
    ("The French-led coalition withdrew from the town.", "FRA"),
])
def test_forces_led_by_a_state_are_that_states(extract, text, source):
    event = best_event(extract(text, PUB))
    assert countries(event["actors"]) == {source}, event


@pytest.mark.parametrize(("text", "side", "country"), [
    ("Bosnian Croats demanded more autonomy from the federal government.", "actors", "BIH"),
    ("The Hungarians of northern Serbia demanded schools in their own language.", "actors", "SRB"),
    ("Police killed two ethnic Uzbeks in a clash in southern Kyrgyzstan.", "recipients", "KGZ"),
    ("Turkish Cypriot leaders rejected the proposal.", "actors", "CYP"),
])
def test_a_people_is_coded_by_the_state_it_lives_in(extract, text, side, country):
    event = best_event(extract(text, PUB))
    assert countries(event[side]) == {country}, event


def test_a_statement_does_what_its_issuer_does(extract):
    event = best_event(extract("The Kenyan foreign ministry issued a statement condemning the raid by "
                               "Somali militants.", PUB))
    assert event["plover"] == "ACCUSE" and countries(event["actors"]) == {"KEN"}, event


@pytest.mark.parametrize(("text", "side", "country"), [
    ("Government troops shelled Khmer Rouge positions inside Kampuchea.", "recipients", "KHM"),
    ("Zairean soldiers fired on protesters in the capital.", "actors", "COD"),
])
def test_historical_state_names_are_their_successor_states(extract, text, side, country):
    event = best_event(extract(text, PUB))
    assert country in countries(event[side]), event


def test_rebels_in_a_region_are_of_its_state(extract):
    event = best_event(extract("The rebels in Darfur attacked a convoy near the border on Monday.", PUB))
    assert countries(event["actors"]) == {"SDN"}, event


def test_scores_of_people_are_the_people(extract):
    event = best_event(extract("Police in Harare beat scores of Malawian migrants on Sunday.", PUB))
    assert countries(event["recipients"]) == {"MWI"}, event


def test_conjoined_weapons_share_the_verb_that_launched_them(extract):
    event = best_event(extract("Ethiopian troops launched artillery, mortar, and rocket fire against "
                               "Eritrean positions on Tuesday.", PUB))
    assert countries(event["actors"]) == {"ETH"} and countries(event["recipients"]) == {"ERI"}, event


def test_peacekeepers_arriving_are_received_by_the_host(extract):
    """CAMEO 0861 (receive peacekeepers) is done by the host state to the sending one."""
    event = best_event(extract("A first contingent of Nepalese peacekeepers arrived in Lebanon on Tuesday.", PUB))
    assert event["cameo"] == "0861", event
    assert countries(event["actors"]) == {"LBN"} and countries(event["recipients"]) == {"NPL"}, event


def test_an_organisation_named_like_a_town_is_not_geocoded(extract):
    event = best_event(extract("Chile rejected a Bolivian motion at the OAS on Friday.", PUB))
    assert event["location"] is None, event


def test_supporting_a_resolution_is_aimed_at_its_maker(extract):
    event = best_event(extract("Brazil will support a UN Security Council resolution on the ceasefire.", PUB))
    assert event["recipients"] and event["recipients"][0]["sector"] == "IGO", event


@pytest.mark.parametrize(("text", "target"), [
    ("Italy is ready to contribute up to 1,000 troops to a peacekeeping force in Lebanon.", "LBN"),
    ("Al-Shabaab threatened on Sunday to carry out new attacks in Kenya.", "KEN"),
    ("Turkish commandos raided villages in northern Iraq overnight.", "IRQ"),
])
def test_a_state_acting_abroad_acts_on_the_state_where_it_acts(extract, text, target):
    event = best_event(extract(text, PUB))
    assert countries(event["recipients"]) == {target}, event


def test_a_resignation_has_no_target(extract):
    event = best_event(extract("Prime Minister Tanaka resigned on Monday to allow Japan's new cabinet to take "
                               "office.", PUB))
    assert event["cameo"] == "0831" and event["recipients"] == [], event


def test_a_guest_hosted_for_a_meeting_is_met(extract):
    event = best_event(extract("Indian Prime Minister Modi on Monday hosted the Japanese prime minister in Delhi "
                               "for an informal meeting.", PUB))
    assert event["plover"] == "CONSULT" and countries(event["recipients"]) == {"JPN"}, event


def test_urging_support_for_someone_is_on_their_behalf(extract):
    event = best_event(extract("The Arab League urged the African Union to support the Sudanese government.", PUB))
    assert event["cameo"] == "053" and countries(event["recipients"]) == {"SDN"}, event


def test_an_unknown_organisation_belongs_to_the_state_of_its_sentence(extract):
    event = best_event(extract("Kenyan police detained 30 members of the outlawed Mungiki Unity Front on Friday.",
                               PUB))
    assert countries(event["recipients"]) == {"KEN"}, event



def test_people_from_an_international_organisation_are_its(extract):
    event = best_event(extract("Armenia received a team of monitors from the OSCE on Tuesday.", PUB))
    assert any(a["sector"] == "IGO" for a in event["recipients"]), event


@pytest.mark.parametrize("name", ["Omar El Bashir", "Omar Hassan al-Bashir", "Omar Bashir"])
def test_arabic_names_match_without_their_particles(name):
    from dragoman import knowledge

    entry = knowledge.lookup(name, "2005-06-01")
    assert entry is not None and entry.country == "SDN", entry
    assert knowledge.lookup("Al Gore", "1995-01-01").country == "USA"      # a first name is no particle


def test_a_camp_for_people_stands_for_them(extract):
    event = best_event(extract("A camp for Sudanese refugees was attacked by gunmen in eastern Chad, killing "
                               "twelve people.", PUB))
    assert "SDN" in countries(event["recipients"]), event
    assert all(a["country"] for a in event["recipients"]), event      # the toll adds no nameless victims


def test_leaders_of_an_opposition_coalition_are_the_opposition_of_where_they_act(extract):
    event = best_event(extract("Leaders of the opposition coalition agreed to postpone the rally in Minsk.", PUB))
    assert event["actors"] and event["actors"][0]["sector"] == "OPP" and countries(event["actors"]) == {"BLR"}, event


def test_a_known_surname_inside_a_longer_name_is_not_the_famous_person():
    import dragoman
    record = dragoman.extract("Donna Sampson Rawlings, 59, watched the ceremony on a screen. "
                              "Rawlings said the event brought back memories of her father.", published="2025-03-07")
    speakers = {q.speaker.name for q in record.quotes if q.speaker is not None}
    assert "Jerry Rawlings" not in speakers
    assert not any(a.country == "GHA" for e in record.events for a in e.actors)
