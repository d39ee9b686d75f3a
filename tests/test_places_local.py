"""Geography like a local: GeoNames points, first-level divisions and their press abbreviations,
small towns, and names read in the light of the rest of the document (hand-written sentences)."""

from __future__ import annotations

import pytest

from dragoman.knowledge.gazetteer import Gazetteer, get_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


@pytest.mark.parametrize(("iso3", "lat", "lon"), [
    ("USA", 39.76, -98.5), ("CAN", 60.10867, -113.64258), ("RUS", 60.0, 100.0), ("CHN", 35.0, 105.0),
])
def test_countries_at_their_geonames_point(gaz: Gazetteer, iso3: str, lat: float, lon: float) -> None:
    place = gaz.country(iso3)
    assert (place.lat, place.lon) == pytest.approx((lat, lon), abs=1e-4)


@pytest.mark.parametrize(("text", "name", "iso3"), [
    ("Europe", "Europe", None), ("North America", "North America", None), ("Africa", "Africa", None),
])
def test_continents(gaz: Gazetteer, text: str, name: str, iso3: str | None) -> None:
    place = gaz.lookup(text)
    assert (place.name, place.country, place.feature) == (name, iso3, "region")
    assert place.geonames_id is not None


@pytest.mark.parametrize(("text", "name", "iso3"), [
    ("Indiana", "Indiana", "USA"),            # not an alternate name of a Brazilian town
    ("New Mexico", "New Mexico", "USA"),      # not Mexico
    ("Kan.", "Kansas", "USA"), ("W.Va.", "West Virginia", "USA"), ("Ky.", "Kentucky", "USA"),
    ("N.Y.", "New York", "USA"), ("Ont.", "Ontario", "CAN"), ("B.C.", "British Columbia", "CAN"),
    ("Alberta", "Alberta", "CAN"), ("Hunan", "Hunan", "CHN"), ("Tamil Nadu", "Tamil Nadu", "IND"),
    ("Orange County", "Orange County", "USA"), ("Rapides Parish", "Rapides Parish", "USA"),
])
def test_divisions(gaz: Gazetteer, text: str, name: str, iso3: str) -> None:
    place = gaz.lookup(text)
    assert place is not None and (place.name, place.country, place.feature) == (name, iso3, "region")


def test_us_states_carry_geonames_ids(gaz: Gazetteer) -> None:
    assert gaz.lookup("Ohio").geonames_id == 5165418
    assert gaz.lookup("Texas").lat == pytest.approx(31.25, abs=0.5)


@pytest.mark.parametrize("text", ["Miss", "Ill", "Wash", "Mass", "Ind", "Pa"])
def test_abbreviations_need_their_dot(gaz: Gazetteer, text: str) -> None:
    place = gaz.lookup(text)
    assert place is None or place.feature != "region" or place.country != "USA"


def test_small_towns(gaz: Gazetteer) -> None:
    maryville = gaz.lookup("Maryville")
    assert (maryville.country, maryville.feature) == ("USA", "city")


def test_named_state_decides(gaz: Gazetteer) -> None:
    assert gaz.lookup("Paris").country == "FRA"
    paris = gaz.lookup("Paris", states=[("USA", "TX")])
    assert (paris.country, round(paris.lat)) == ("USA", 34)
    assert gaz.lookup("Alexandria", states=[("USA", "LA")]).lat == pytest.approx(31.31, abs=0.05)
    assert gaz.lookup("Gainesville", states=[("USA", "GA")]).lat == pytest.approx(34.30, abs=0.05)
    assert gaz.lookup("Gainesville", states=[("USA", "FL")]).lat == pytest.approx(29.65, abs=0.05)
    london = gaz.lookup("London", prefer_countries=["CAN"], near_states=[("CAN", "08")])
    assert london.country == "CAN"
    assert gaz.lookup("Dublin", dominant=["USA"], prefer_countries=["USA"], near_states=[("USA", "OH")]).country == "USA"
    assert gaz.lookup("Dublin").country == "IRL"


def test_cities_beside_their_state(gaz: Gazetteer) -> None:
    assert gaz.lookup("Washington").feature == "city"
    assert gaz.lookup("Washington", states=[("USA", "WA")]).feature == "region"
    assert gaz.lookup("New York").feature == "city"


def test_candidate_countries_and_ambiguity(gaz: Gazetteer) -> None:
    assert gaz.ambiguous("Paris") and {"FRA", "USA"} <= gaz.candidate_countries("Paris")
    assert gaz.candidate_countries("Kan.") == {"USA"}
    assert gaz.candidate_countries("Xyzzyville") == set()


# -- whole documents ---------------------------------------------------------------------------------

def places_of(record: dict) -> dict[str, tuple]:
    return {e["text"]: (e["place"]["name"], e["place"]["country"], e["place"]["feature"], round(e["place"]["lat"]))
            for e in record["entities"] if e.get("place") and e["type"] in ("GPE", "LOC", "FAC")}


def test_town_near_the_other_towns(extract) -> None:
    record = extract("A woman from Paris died Saturday in a Dallas hospital after a crash on the highway. "
                     "Paris police said the other driver, from Austin, was not hurt.")
    assert places_of(record)["Paris"][1:] == ("USA", "city", 34)


def test_georgia_in_an_atlanta_story(extract) -> None:
    record = extract("The mayor of Atlanta said on Tuesday that Georgia would spend more on roads. "
                     "Lawmakers in Georgia and Alabama will vote next month.")
    assert places_of(record)["Georgia"][1:3] == ("USA", "region")


def test_postal_abbreviation(extract) -> None:
    record = extract("The plant in Wichita, Kan., will close next year, the company said on Monday.")
    places = places_of(record)
    assert places["Wichita"][1] == "USA"
    assert any(v[0] == "Kansas" for v in places.values())


def test_country_named_in_a_foreign_story_stays_a_country(extract) -> None:
    record = extract("Russian troops crossed into Georgia in 2008, officials in Tbilisi said.")
    assert places_of(record)["Georgia"][1:3] == ("GEO", "country")


def test_organisation_named_after_a_place_is_not_a_place(extract) -> None:
    record = extract("The Kentucky State Police said on Friday that the road would reopen.")
    assert all("Police" not in text for text in places_of(record))


def test_place_in_an_organisation_name_is_a_toponym_but_not_a_place_of_the_story(extract) -> None:
    record = extract("Officers of the Ohio State Police arrested two men in Chicago on Monday, and a "
                     "professor at the University of Iowa said the arrests were lawful.")
    named = {e["text"]: e for e in record["entities"]}
    assert named["Ohio"]["type"] == "TOPONYM" and named["Ohio"]["place"]["feature"] == "region"
    assert named["Ohio"]["actor"] is None
    assert named["Iowa"]["place"]["name"] == "Iowa"
    start = record["text"].index("Ohio")
    assert named["Ohio"]["mentions"] == [[start, start + 4]]
    assert all(e["place"] is None for e in record["entities"] if e["type"] == "ORG")
    # the arrest happened in Chicago: the police's name puts no event in Ohio
    assert all((ev.get("place") or {}).get("name") != "Ohio" for ev in record["events"])


def test_a_common_word_before_a_name_is_no_place(extract) -> None:
    record = extract("Shoppers filled the Springfield Mall and the Midwest Chamber of Commerce on Saturday.")
    assert "Commerce" not in places_of(record) and "Commerce" not in {
        e["text"] for e in record["entities"] if e.get("place")}


def test_streets_the_ner_called_people_are_sites(extract) -> None:
    record = extract("Wichita police said a car hit a tree on Dubonet Drive late on Friday. "
                     "The driver was taken to a hospital in Wichita, Kansas.")
    streets = [e for e in record["entities"] if e["text"] == "Dubonet Drive"]
    assert streets and all(e["type"] == "FAC" and e["actor"] is None for e in streets)
    assert any(e["place"] and e["place"]["feature"] == "site" for e in streets)


def test_a_person_named_after_nothing_gives_no_place(extract) -> None:
    record = extract("The policy survived the administration of George Bush Sr, the senator said on Monday.")
    assert "George" not in {e["text"] for e in record["entities"] if e.get("place")}


def test_the_eu_is_a_territory_and_still_an_actor(extract) -> None:
    record = extract("The EU and Syria are engaged in talks, diplomats in Brussels said.")
    eu = next(e for e in record["entities"] if e["text"] == "EU")
    assert eu["type"] == "ORG" and eu["actor"] is not None and eu["place"]["name"] == "European Union"
    assert 45 < eu["place"]["lat"] < 55


def test_hyphenated_town_and_a_dateline_after_the_lead(extract) -> None:
    record = extract("Deputies seized a mobile lab near Batesburg-Leesville on Monday, authorities said. "
                     "The case was filed in 2009. Officials later said more arrests were expected. "
                     "Meth lab case widens. COLUMBIA, S.C. (AP) - Two more people were charged on Friday.")
    places = places_of(record)
    assert places["Batesburg-Leesville"][1] == "USA"
    assert places["COLUMBIA"][:2] == ("Columbia", "USA")


def test_an_organisation_named_like_a_town_of_the_story_names_it(extract) -> None:
    record = extract("Officials in Zionsville, Indiana, said Whitestown approved the budget on Tuesday.")
    named = [e for e in record["entities"] if e["text"] == "Whitestown"]
    assert named and all(e["place"] and e["place"]["country"] == "USA" for e in named)


def test_a_local_organisation_tells_where_the_story_is(extract) -> None:
    record = extract("A man from Paris was arrested on Friday, the Edgar County Sheriff's Office said.")
    paris = places_of(record)["Paris"]
    assert paris[1] == "USA" and round(paris[3]) == 40        # Paris, Illinois, the seat of Edgar County


def test_a_town_followed_by_its_state_is_a_place_even_as_a_title(extract) -> None:
    record = extract("Johnny L. Baer, 24, of Kansas City, Kan., was charged. A Kansas City, Kan., police "
                     "officer was dragged during the chase.")
    assert places_of(record)["Kansas City"][1] == "USA"
    assert all(e["type"] != "PERSON" for e in record["entities"] if e["text"] == "Kansas City")


def test_a_nationality_word_that_begins_a_place_name(extract) -> None:
    record = extract("The cow was found on a farm in British Columbia on Monday, and British officials said "
                     "the Torrington Fire Department in Connecticut sent help.")
    places = places_of(record)
    assert places["British Columbia"][:3] == ("British Columbia", "CAN", "region")
    assert "Columbia" not in places
    named = {e["text"]: e for e in record["entities"] if e.get("place")}
    assert named["Torrington"]["place"]["country"] == "USA"     # a town named by its fire department
    assert named["Torrington"]["type"] == "TOPONYM"             # ... not a place of the story


def test_companies_and_international_bodies_name_no_place_of_the_story(extract) -> None:
    record = extract("The Wichita, Kansas, school board met with McPherson & Jacobsen LLC on Monday, and "
                     "Russia's membership in the Council of Europe was discussed in Strasbourg.")
    named = {e["text"] for e in record["entities"] if e.get("place")}
    assert "McPherson" not in named and "Europe" not in named
    assert "Wichita" in named


def test_a_person_named_like_an_old_name_of_a_city_is_a_person(extract) -> None:
    record = extract("Alan Lord and his yellow lab, Levi, walked through Montreal. Some of the help Lord and "
                     "Levi have received comes from friends.")
    assert "Levi" not in places_of(record)         # an old name of Lévis, Quebec


def test_a_charity_named_way_is_no_street(extract) -> None:
    record = extract("Gainesville police closed Main Street on Monday. Gainesville schools stayed open. "
                     "United Way volunteers served lunch near Main Street.")
    assert not any(e.get("place") for e in record["entities"] if "United Way" in e["text"])


def test_a_list_of_counties(extract) -> None:
    record = extract("Flood warnings covered Otter Tail, Swift and Wilkin counties in Minnesota on Monday.")
    named = {e["text"]: e["place"] for e in record["entities"] if e.get("place")}
    assert named["Wilkin"]["name"] == "Wilkin County" and named["Otter Tail"]["name"] == "Otter Tail County"


def test_nationality_adjectives_carry_their_country(extract) -> None:
    record = extract("Russian troops shelled the town on Monday. Americans were told to leave, and the "
                     "envoy, who speaks French, flew home.")
    norp = {e["text"]: e for e in record["entities"] if e["type"] == "NORP"}
    assert norp["Russian"]["place"]["country"] == "RUS"
    assert norp.get("Americans", {}).get("place") is None          # people, not an adjective
    assert all(e["text"] != "French" or e.get("place") is None for e in record["entities"])   # a language


def test_counties_at_the_town_named_like_them(gaz: Gazetteer) -> None:
    orange = gaz.lookup("Orange County", states=[("USA", "CA")])
    assert (round(orange.lat), round(orange.lon)) == (34, -118)
    anderson = gaz.lookup("Anderson County", states=[("USA", "SC")])
    assert (anderson.country, anderson.feature, round(anderson.lat)) == ("USA", "region", 35)
    assert gaz.lookup("Rapides Parish").lat == pytest.approx(31.0)     # no such town: the state's point


def test_streets_of_a_local_story_are_in_its_town(extract) -> None:
    record = extract("Gainesville police closed Main Street on Monday after a driver from Ocala crashed. Officers "
                     "in Gainesville said the road near Bivens Arm Lake would reopen, and Gainesville schools stayed open.")
    sites = [e["place"] for e in record["entities"] if e.get("place") and e["place"]["feature"] == "site"]
    town = places_of(record)["Gainesville"]
    assert sites and all((s["country"], round(s["lat"])) == (town[1], town[3]) for s in sites)


def test_upper_case_dateline_after_a_headline(extract) -> None:
    record = extract("Council approves budget. TORRINGTON — The city council approved the budget on Monday, "
                     "officials in Connecticut said.")
    assert places_of(record)["TORRINGTON"][:2] == ("Torrington", "USA")


def test_an_adjective_first_seen_in_a_compound_still_names_its_country(extract) -> None:
    record = extract("A Cypriot-flagged ship docked at Limassol on Monday. The Cypriot government said the ship "
                     "broke the ban, and Cypriot officials unloaded its cargo.")
    norp = [e for e in record["entities"] if e["type"] == "NORP" and e["text"] == "Cypriot"]
    assert norp and norp[0]["place"]["country"] == "CYP"


def _toponyms(record: dict) -> dict[str, dict]:
    """Every mention text the record puts on the map, with its place."""
    text = record["text"]
    return {text[s:e]: ent["place"] for ent in record["entities"] if ent.get("place") for s, e in ent["mentions"]}


def test_a_compass_part_of_a_region_or_town_is_a_place_of_its_own(extract) -> None:
    record = extract("Aid workers reached Nyala, the capital of South Darfur, on Monday. The fever could spread "
                     "to Northern Europe, officials said.")
    found = _toponyms(record)
    assert "South Darfur" in found and "Darfur" not in found
    assert found["Northern Europe"]["name"] == "Northern Europe"


def test_a_compass_part_of_a_us_state_is_the_state(extract) -> None:
    record = extract("Storms swept across North Texas on Monday, and the rain reached Dallas by night.")
    found = _toponyms(record)
    assert "Texas" in found and "North Texas" not in found


def test_the_word_province_is_no_part_of_the_name(extract) -> None:
    record = extract("Landslides buried homes in Sichuan province on Tuesday, the agency reported.")
    found = _toponyms(record)
    assert "Sichuan" in found and "Sichuan province" not in found


def test_a_town_that_is_a_persons_name_stays_the_person(extract) -> None:
    record = extract("Tyler Williams was sentenced in 2001 in a court in Dallas. Tyler's attorney said he would "
                     "appeal the sentence.")
    text = record["text"]
    second = text.index("Tyler's")
    placed = [(s, e) for ent in record["entities"] if ent.get("place") for s, e in ent["mentions"]]
    assert (second, second + 5) not in placed


def test_a_town_the_ner_calls_a_person_before_a_local_noun_is_the_town(extract) -> None:
    record = extract("A man was hurt on Sunday night. Pataskala police said a car struck him near a grocery store.")
    found = _toponyms(record)
    assert found["Pataskala"]["country"] == "USA"


@pytest.mark.parametrize(("text", "name", "iso3"), [
    ("Buckinghamshire", "Buckinghamshire", "GBR"), ("County Cavan", "Cavan", "IRL"), ("Co. Kerry", "County Kerry", "IRL"),
    ("Pangasinan", "Pangasinan", "PHL"), ("Benue State", "Benue", "NGA"), ("Thuringia", "Thuringia", "DEU"),
    ("Pernambuco", "Pernambuco", "BRA"),      # not Recife, of which it is an old name
    ("Lake Erie", "Lake Erie", None), ("Oahu", "Oahu", "USA"),
])
def test_divisions_lakes_and_islands(gaz: Gazetteer, text: str, name: str, iso3: str | None) -> None:
    place = gaz.lookup(text)
    assert place is not None and (place.name, place.country) == (name, iso3)


def test_a_county_abroad_does_not_take_a_us_towns_name(gaz: Gazetteer) -> None:
    assert gaz.lookup("Cheshire", prefer_countries=("USA",), dominant=("USA",)).country == "USA"
    assert gaz.lookup("Cheshire", prefer_countries=("GBR",)).country == "GBR"


def test_counties_and_provinces_in_a_story(extract) -> None:
    record = extract("Flooding closed roads in Buckinghamshire and Northamptonshire on Friday. Pigs died in three "
                     "villages of Pangasinan, the provincial veterinarian said.")
    found = _toponyms(record)
    assert found["Buckinghamshire"]["country"] == "GBR" and found["Pangasinan"]["country"] == "PHL"


def _parsed(words: list[str], heads: list[int], deps: list[str], person: int):
    """A hand-parsed document whose one-word entity at ``person`` the NER called a person."""
    import spacy
    from spacy.tokens import Doc, Span

    import dragoman.annotate.places  # noqa: F401  (registers the document extensions)
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    doc.ents = [Span(doc, person, person + 1, label="PERSON")]
    return doc


@pytest.mark.parametrize(("words", "heads", "deps", "person", "place"), [
    (["He", "lives", "in", "Bicester", "."], [1, 1, 1, 2, 1], ["nsubj", "ROOT", "prep", "pobj", "punct"], 3, True),
    (["Bicester", "police", "said", "so"], [1, 2, 2, 2], ["compound", "nsubj", "ROOT", "advmod"], 0, True),
    (["He", "wrote", "to", "Bicester", "."], [1, 1, 1, 2, 1], ["nsubj", "ROOT", "prep", "pobj", "punct"], 3, False),
])
def test_a_persons_name_in_a_place_only_phrase_is_the_town(gaz: Gazetteer, words, heads, deps, person, place) -> None:
    from dragoman.annotate.places import _Context, _person_is_place
    doc = _parsed(words, heads, deps, person)
    assert _person_is_place(doc, doc.ents[0], _Context(gaz, (), (), ())) is place


def test_the_last_word_of_a_buildings_name_is_no_town(extract) -> None:
    record = extract("The driver was taken to Paris Regional Medical Center, and the game moved to the Dublin "
                     "Community Recreation Center on Friday.")
    found = _toponyms(record)
    assert "Center" not in found and "Paris" in found


def test_a_county_after_a_name_and_a_comma_is_a_place(extract) -> None:
    found = _toponyms(extract("The series visits Donington Park, Leicestershire, in April and Knockhill, Fife, in "
                              "August."))
    assert found["Fife"]["country"] == "GBR"
    found = _toponyms(extract("19/20 May: Thruxton, Hampshire. 9/10 June: Oulton Park, Cheshire."))
    assert found["Hampshire"]["country"] == "GBR" and found["Cheshire"]["country"] == "GBR"


def test_the_city_of_a_persons_surname_is_the_city(extract) -> None:
    record = extract("Dana Gainesville, a nurse, said the clinic would close. Gainesville said the staff would "
                     "move. The city of Gainesville will pay for the move.")
    text = record["text"]
    placed = {s for ent in record["entities"] if ent.get("place") for s, _ in ent["mentions"]}
    assert text.rindex("Gainesville") in placed
    assert text.index("Gainesville said") not in placed


# -- round 4 ---------------------------------------------------------------------------------------

def test_a_canadian_province_abbreviation_after_a_town(extract) -> None:
    found = _toponyms(extract("The couple bought a brick home in Barrie, Ont., with a garage. She sold her house "
                              "in Gatineau, Que., and moved."))
    assert found["Ont."]["name"] == "Ontario" and found["Que."]["name"] == "Quebec"


def test_a_disease_named_after_a_town_is_no_place(extract) -> None:
    found = _toponyms(extract("Health officials said the Marburg virus killed a miner in Uganda. Marburg hemorrhagic "
                              "fever is rare, and farm workers caught Reston ebolavirus."))
    assert "Marburg" not in found and "Reston" not in found and "Uganda" in found


def test_an_acronym_is_no_other_name_of_a_town(extract) -> None:
    found = _toponyms(extract("Farm workers in Manila were infected with the virus (ERV). The ERV tests were "
                              "deferred."))
    assert "ERV" not in found and "Manila" in found


def test_an_upper_case_dateline_is_the_town_the_text_puts_in_a_locative_phrase(extract) -> None:
    record = extract("Lawrenceburg to host games in April. LAWRENCEBURG — Athletes will meet in Lawrenceburg. "
                     "Lawrenceburg Parks and Recreation is a sponsor.")
    assert _toponyms(record)["LAWRENCEBURG"]["name"] == "Lawrenceburg"


def test_a_nationality_word_and_the_name_after_it_are_one_province(extract) -> None:
    found = _toponyms(extract("The cow was found on a farm near Vancouver, British Columbia. Officials said the "
                              "beef was safe."))
    assert found["British Columbia"]["name"] == "British Columbia" and "British" not in found
    found = _toponyms(extract("He teaches at a college in Calgary. British Columbia, Alberta and Ontario have cases."))
    assert found["British Columbia"]["name"] == "British Columbia" and "Columbia" not in found


def test_a_language_word_that_begins_a_region_name(gaz: Gazetteer) -> None:
    import spacy
    from spacy.tokens import Doc, Span

    from dragoman.annotate.places import _place_span
    doc = Doc(spacy.blank("en").vocab, words=["He", "toured", "Latin", "America", "."],
              heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "compound", "dobj", "punct"])
    doc.ents = [Span(doc, 2, 3, label="LANGUAGE"), Span(doc, 3, 4, label="GPE")]
    assert _place_span(doc, doc.ents[1], gaz).text == "Latin America"
