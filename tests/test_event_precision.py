"""Only happenings, with the right sides: an act that was stopped did not take place, and whoever
stopped it did not make it. Sentences written for these tests."""

from __future__ import annotations

import pytest

import dragoman


def events(text: str):
    return dragoman.extract(text, published="2025-03-06").events


def test_a_thwarted_attack_is_not_the_navys_attack():
    evs = events("An Indian navy ship thwarted a piracy attack on a merchant vessel in the Gulf of Aden.")
    assert not any(e.plover == "ASSAULT" and e.status == "factual" for e in evs)
    assert not any(e.plover == "ASSAULT" and any(a.country == "IND" for a in e.actors) for e in evs)


def test_a_foiled_plot_is_negated_and_not_the_polices():
    evs = events("Police foiled a plot to bomb the embassy in Nairobi.")
    bombs = [e for e in evs if e.plover == "ASSAULT"]
    assert all(e.status == "negated" for e in bombs)
    assert all(not any("Police" in a.text for a in e.actors) for e in bombs)


def test_an_attack_repelled_by_troops_is_not_theirs():
    evs = events("Kenyan troops repelled an attack on their base near the Somali border.")
    assert not any(e.plover == "ASSAULT" and any("troops" in a.text for a in e.actors) for e in evs)


def test_a_stopping_verb_with_an_ordinary_object_is_still_an_event():
    evs = events("Kenyan police prevented a protest outside parliament in Nairobi on Tuesday.")
    assert any(e.plover == "COERCE" and e.status == "factual" for e in evs)


def test_capturing_people_is_detaining_them_not_taking_territory():
    (captured,) = [e for e in events("Indian commandos captured twelve pirates on Saturday.") if e.trigger == "captured"]
    assert captured.cameo == "173" and captured.plover == "COERCE"
    (taken,) = [e for e in events("Russian forces captured the town of Bakhmut.") if e.trigger == "captured"]
    assert taken.cameo == "192"


def test_what_was_discussed_is_no_party():
    evs = events("South Korean and Japanese ministers met in Tokyo on Tuesday and discussed North Korea's "
                 "missile launches.")
    assert all("PRK" not in {a.country for a in e.actors + e.recipients} for e in evs if e.plover == "CONSULT")


def test_a_verb_of_violence_that_names_none():
    for text in ("A powerful earthquake struck the Philippines on Monday.",
                 "The company struck oil off the coast of Ghana.",
                 "The Supreme Court struck down the rules on Tuesday."):
        assert not [e for e in events(text) if e.plover == "ASSAULT"], text
    assert [e for e in events("Russian missiles struck Kyiv on Monday.") if e.plover == "ASSAULT"]


def test_words_that_look_like_violence_or_hosting():
    assert not events("Six climbers were killed in an avalanche in Nepal on Saturday.")
    (verbal,) = [e for e in events("The senator attacked the president in a series of tweets on Monday.")
                 if e.trigger == "attacked"]
    assert verbal.cameo == "111"
    assert not [e for e in events("Clinton received 48 percent of the vote.") if (e.cameo or "").startswith("04")]
    assert [e for e in events("Erdogan received the Iranian foreign minister in Ankara.") if e.cameo == "043"]


def test_who_is_no_organisation():
    evs = events("LaRue, who was a White House aide, said he regretted his role.")
    assert all(a.code != "WHO" for e in evs for a in e.actors + e.recipients)


def test_a_warning_that_repeats_its_threat_is_one_threat():
    evs = events("The ministry warned on Monday that it would retaliate against Azerbaijan.")
    assert len([e for e in evs if (e.cameo or "").startswith("13")]) == 1


VIOLENT_ROOTS = ("18", "19", "20")


def violent(evs):
    return [e for e in evs if e.cameo[:2] in VIOLENT_ROOTS]


def test_a_participle_of_a_natural_force_is_no_violence():
    assert not violent(events("A strong earthquake hit northern Chile on Monday, killing 12 people and injuring 40."))
    kept = violent(events("Rebels shelled the town of Kadugli on Monday, killing four civilians."))
    assert kept and all(e.status == "factual" for e in kept)


@pytest.mark.parametrize("text", [
    "The former senator died of a heart attack in Lagos on Sunday.",
    "The Falcons beat the Saints in the final in Atlanta on Saturday.",
    "The champions will defend their title in Madrid next month.",
    "The actor battled cancer for years before his death in Rome.",
    "Ohio State fired its head coach on June 8.",
    "The coach, Tom Mercer, fired in June, is suing the university.",
    "The film crew was shooting a documentary in Nairobi on Tuesday.",
])
def test_other_senses_of_violent_words_are_not_violence(text):
    assert not violent(events(text)), text


def test_firing_on_people_is_still_violence():
    (fired,) = violent(events("Police fired on protesters in Nairobi on Monday."))
    assert fired.cameo.startswith("19")


def test_neither_nor_and_nobody_negate():
    (attack,) = violent(events("Neither Russia nor Ukraine attacked the power plant on Sunday."))
    assert attack.status == "negated"


def test_feared_and_avoided_acts_did_not_happen():
    evs = events("Officials in Kyiv fear that Russia intends to invade the northern region.")
    assert all(e.status != "factual" for e in evs if e.plover in ("THREATEN", "ASSAULT", "COERCE"))
    evs = events("The Hungarian minister avoided condemning the Russian strike on Kyiv.")
    assert all(e.status == "negated" for e in evs if e.cameo.startswith("11"))


def test_a_venue_gives_no_nationality():
    evs = events("Ambassador Jane Okafor spoke to reporters in Bern on Friday.")
    assert not any(a.country == "CHE" for e in evs for a in e.actors)


def test_a_participle_beside_a_denial_is_its_own_act():
    evs = events("Sudan's army denied the claims on Thursday, accusing South Sudan of backing the rebels.")
    (accusing,) = [e for e in evs if e.trigger == "accusing"]
    assert accusing.status == "factual" and any(a.country == "SSD" for a in accusing.recipients)
    assert all(e.status != "factual" for e in evs if e.trigger == "backing")


def test_an_indirect_question_is_not_an_appeal():
    evs = events("Judge Amina Odera asked whether the Ugandan envoy had met the rebels in Kampala.")
    assert not any(e.cameo.startswith("02") for e in evs)


def test_insisting_that_another_state_stop_is_a_demand():
    evs = events("Russia insisted that North Korea stop its missile tests.")
    assert any(e.cameo.startswith("10") and [a.country for a in e.actors] == ["RUS"]
               and [a.country for a in e.recipients] == ["PRK"] for e in evs)


def test_telling_officials_what_will_happen_is_still_a_statement():
    evs = events("The Kenyan foreign minister told Ugandan officials on Monday that the border would reopen.")
    assert any(e.cameo == "010" and [a.country for a in e.actors] == ["KEN"]
               and [a.country for a in e.recipients] == ["UGA"] for e in evs)


def test_a_crime_is_unconventional_violence_and_a_war_is_not():
    (crime,) = violent(events("A gang member shot and killed a shop owner in Houston on Tuesday."))[:1]
    assert crime.cameo.startswith("18") and crime.plover == "ASSAULT"
    (war,) = violent(events("Russian troops fired on Ukrainian positions near Bakhmut on Tuesday."))[:1]
    assert war.cameo.startswith("19")


def test_who_condemns_or_describes_an_attack_did_not_make_it():
    evs = events("Kenya's foreign ministry condemned the bombing of the market in Mogadishu.")
    assert not any(e.plover == "ASSAULT" and any(a.country == "KEN" for a in e.actors) for e in evs)
    evs = events("The Kenyan minister called the shootings of protesters a national tragedy.")
    assert not any(e.plover == "ASSAULT" and any("minister" in a.text for a in e.actors) for e in evs)


def test_hedges_and_measures_are_not_events():
    assert not events("The neighbour described him as quiet, and he is said to have been in hospital in Lagos.")
    assert not any(e.cameo.startswith("014") for e in events("The senator weighs 236 pounds."))


def test_a_ships_flag_is_its_country_and_a_navy_seizing_it_confiscates():
    (seized,) = [e for e in events("Ecuador's navy seized a Chinese-flagged fishing vessel on Wednesday.")
                 if e.trigger == "seized"]
    assert [a.country for a in seized.recipients] == ["CHN"] and seized.plover == "COERCE"
    (hijack,) = [e for e in events("Somali pirates seized a Greek-owned tanker off the coast on Monday.")
                 if e.trigger == "seized"]
    assert hijack.cameo == "181" and [a.country for a in hijack.recipients] == ["GRC"]


def test_a_between_phrase_belongs_to_its_own_event():
    evs = events("Ecuador's navy seized a fishing vessel on Wednesday. The seizure followed an agreement "
                 "between Ecuador and Peru to coordinate naval patrols.")
    assert not any(e.trigger == "seizure" and any(a.country == "PER" for a in e.actors + e.recipients) for e in evs)


def test_police_and_troops_arriving_are_deployed_and_gunmen_arriving_pay_no_visit():
    evs = events("A further 200 Kenyan police officers arrived in Port-au-Prince on Monday to join the mission.")
    (arrived,) = [e for e in evs if e.trigger == "arrived"]
    assert arrived.plover == "AID" and [a.country for a in arrived.recipients] == ["HTI"]
    evs = events("The attackers arrived by boat in Arcahaie before dawn and opened fire in a market.")
    assert not any(e.plover == "CONSULT" for e in evs)


def test_the_secretary_of_states_visit_is_the_secretarys():
    evs = events("The dispute came days after the U.S. secretary of state's visit to Panama City on Sunday.")
    (visit,) = [e for e in evs if e.trigger == "visit"]
    assert [a.country for a in visit.actors] == ["USA"] and [a.country for a in visit.recipients] == ["PAN"]


def test_bans_imposed_on_officials_target_their_state_and_a_protest_at_an_embassy_its_country():
    evs = events("Lithuania, Latvia and Estonia imposed entry bans on 11 Georgian officials on Friday.")
    (bans,) = [e for e in evs if e.trigger == "bans"]
    assert {a.country for a in bans.recipients} == {"GEO"}
    evs = events("Several hundred people protested outside the Russian embassy in Yerevan on Friday.")
    (protest,) = [e for e in evs if e.plover == "PROTEST"]
    assert [a.country for a in protest.recipients] == ["RUS"]


def test_aid_sent_to_a_state_targets_it():
    evs = events("Thailand sent a second shipment of humanitarian aid to Myanmar yesterday.")
    (aid,) = [e for e in evs if e.plover == "AID"]
    assert [a.country for a in aid.recipients] == ["MMR"]


def test_who_receives_an_act_is_its_target_and_whom_it_comes_from_its_maker():
    (aid,) = [e for e in events("Kenya received emergency aid from Japan on Monday.") if e.plover == "AID"]
    assert [a.country for a in aid.actors] == ["JPN"] and [a.country for a in aid.recipients] == ["KEN"]
    (loan,) = [e for e in events("Ukraine secured a loan from the IMF on Monday.") if e.plover == "AID"]
    assert "UKR" in {a.country for a in loan.recipients} and "UKR" not in {a.country for a in loan.actors}


def test_idioms_and_publications_are_not_seizures_or_releases():
    evs = events("The campaign seized on a report about the senator and released an ad on Tuesday.")
    assert not any(e.cameo.startswith(("1711", "0841", "181")) for e in evs)
    assert any(e.trigger.startswith("seized") for e in events("Ecuador's navy seized a fishing vessel on Wednesday."))


def test_a_title_word_that_is_also_an_acronym_needs_capitals():
    evs = events("Steven Moffat, the head writer of Doctor Who, said the show would return in Cardiff.")
    assert not any(a.code == "WHO" for e in evs for a in e.actors)


def test_a_speaking_aside_sets_the_place_and_day_of_its_clauses_act():
    evs = events("Speaking in Juba on Monday, the South Sudanese minister accused Sudan of bombing the camp.")
    assert not any(e.trigger == "Speaking" for e in evs)
    (accused,) = [e for e in evs if e.trigger == "accused"]
    assert accused.date == "2025-03-03" and accused.location is not None and accused.location.name == "Juba"
    (bombing,) = [e for e in evs if e.trigger == "bombing"]
    assert [a.country for a in bombing.actors] == ["SDN"] and bombing.status != "factual"
