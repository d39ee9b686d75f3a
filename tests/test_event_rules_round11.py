"""Event rules of round 11: a definite event noun set in the background of another act ('after the
news conference', 'did not react to the comments', 'it was the deadliest attack') re-mentions a
happening already reported and is no record of its own, unless a side takes part in it or it names
its sides; judges and prosecutors speak in the court of the story's town; a trial report retells an
older crime, whose undated mentions take its date; a named person's work or deed stands for the
person an act is done to; saying someone lied or made a mistake criticizes them; what was said at
a rally was said there and then; in a report of a road mishap a driver who struck someone made no
attack; an arrest a crime report tells came on the crime's day; a state a person acts on is not
theirs; a comparison names no place; the land between two states makes them no parties; a media
attack, an office held, a populist appeal, residents evacuating their buildings and attending court
are other senses; a clause of concession keeps its own status; an act a journey was made for took
place on its day and at its end; dismissing a state as something belittles it. Sentences written for
these tests, published on Thursday 2025-03-06 ("Monday" is 2025-03-03)."""

from __future__ import annotations

from event_lookup import one, triggered

PUB = "2025-03-06"


def sides(event: dict) -> tuple[list[str], list[str]]:
    return [a["text"] for a in event["actors"]], [a["text"] for a in event["recipients"]]


# -- 1. re-mentions in the background of another act --

def test_a_news_conference_after_which_something_happened_is_no_second_statement(extract):
    text = ("The mayor of Tartu spoke to reporters on Monday about the closure of the old bridge. "
            "Council members did not react to the comments. "
            "Residents gathered outside the town hall after the news conference.")
    events = extract(text, PUB)["events"]
    assert [e["trigger"] for e in events] == ["spoke"], [e["trigger"] for e in events]


def test_a_predicate_noun_of_an_attack_is_no_second_attack(extract):
    text = ("Rebels attacked an army post near Goma on Tuesday, killing four soldiers. "
            "It was the deadliest attack on the post so far, officials said.")
    events = extract(text, PUB)["events"]
    assert [e["trigger"] for e in events if e["cameo"].startswith(("18", "19"))] == ["attacked"], \
        [(e["trigger"], e["cameo"]) for e in events]


def test_attending_talks_already_reported_stays_an_event(extract):
    text = ("Diplomats from Chile and Peru held talks in Lima on Monday. "
            "Ecuador's ambassador attended the talks as an observer.")
    events = extract(text, PUB)["events"]
    attended = one(events, "attended")
    assert [a["country"] for a in attended["actors"]] == ["ECU"], sides(attended)


def test_a_re_mention_that_names_its_sides_stays(extract):
    text = ("The foreign ministers of Kenya and Uganda will meet in Kampala on Friday, officials said on Monday. "
            "It will be the first meeting between the two ministers since the border dispute.")
    events = extract(text, PUB)["events"]
    assert triggered(events, "meeting"), [e["trigger"] for e in events]


def test_a_first_mention_after_a_time_word_stays(extract):
    text = "After talks between Chile and Peru in Lima on Monday, the two ministers signed a fisheries accord."
    events = extract(text, PUB)["events"]
    assert triggered(events, "talks") and triggered(events, "signed"), [e["trigger"] for e in events]


# -- 2. court reports --

TRIAL = ("Jury sees video of Porto bakery shooting\n"
         "A gunman shot and killed Ana Silva, 34, in Porto in 2023 as she left a bakery, prosecutors say. "
         "The jury at the trial of Rui Costa watched the video on Wednesday. "
         "In it, the gunman opens fire from a passing car and Silva falls. "
         "Costa shot her because she had testified against his brother, the prosecutor told jurors. "
         "'He showed no remorse,' the judge said.")


def test_a_trial_report_dates_its_undated_crime_by_the_crime(extract):
    events = extract(TRIAL, PUB)["events"]
    shooting = one(events, "shooting")
    assert (shooting["date"], shooting["date_precision"]) == ("2023-01-01", "year"), shooting
    assert shooting["date_basis"] == "context"


def test_judges_and_prosecutors_speak_in_the_court_of_the_storys_town(extract):
    events = extract(TRIAL, PUB)["events"]
    for trigger in ("said", "told"):
        assert (one(events, trigger)["location"] or {}).get("name") == "Porto", one(events, trigger)


def test_a_recent_crime_report_without_a_trial_keeps_older_violence_apart(extract):
    text = ("A gunman shot a shopkeeper in Braga on Tuesday, police said. "
            "In 2019 another shopkeeper was killed in the same street. "
            "The gunman fled in a stolen car.")
    events = extract(text, PUB)["events"]
    shot = one(events, "shot")
    assert shot["date"] == "2025-03-04", shot


# -- 3. a person's work or deed --

def test_praising_a_persons_work_praises_the_person(extract):
    text = "Porto officials met on Monday. The minister praised Mr. Alves's work on the bridge."
    praised = one(extract(text, PUB)["events"], "praised")
    assert sides(praised)[1] == ["Alves"], sides(praised)


def test_a_persons_supporters_are_other_people(extract):
    text = "Porto officials met on Monday. Costa's supporters praised the minister."
    praised = one(extract(text, PUB)["events"], "praised")
    assert "Costa" not in sides(praised)[0], sides(praised)


# -- 4. saying someone did wrong --

def test_saying_someone_lied_or_erred_criticizes_them(extract):
    events = extract("Obama said on Monday that Putin had made a serious mistake. "
                     "Merkel said the Greek premier lied to his voters.", PUB)["events"]
    assert [(e["cameo"], sides(e)[1]) for e in events] == [("111", ["Putin"]), ("111", ["Greek premier"])], \
        [(e["trigger"], e["cameo"], sides(e)) for e in events]


def test_calling_someones_plan_a_reckless_gamble_criticizes_them(extract):
    said = one(extract("Merkel said on Monday that Orban's plan was a reckless gamble.", PUB)["events"], "said")
    assert said["cameo"] == "111" and [a["country"] for a in said["recipients"]] == ["HUN"], \
        (said["cameo"], said["recipients"])


def test_saying_someone_did_not_lie_or_did_well_is_no_criticism(extract):
    events = extract("Obama said on Monday that Russia had not lied. Merkel said Greece had made good progress.",
                     PUB)["events"]
    assert all(e["cameo"] == "010" for e in events if e["trigger"] == "said"), \
        [(e["trigger"], e["cameo"]) for e in events]


def test_what_was_said_at_a_rally_was_said_where_and_when_the_rally_was(extract):
    text = "The Chilean president said during a rally in Valparaiso on Tuesday that the pension reform would pass."
    said = one(extract(text, PUB)["events"], "said")
    assert (said["location"] or {}).get("name") == "Valparaíso" and said["date"] == "2025-03-04", said


# -- 5. road deaths --

def test_a_driver_who_struck_and_killed_someone_made_no_attack(extract):
    text = ("Cyclist killed in Tartu hit-and-run, driver arrested\n"
            "A cyclist died on Monday after a driver struck him on a Tartu ring road and drove off, police said. "
            "The driver was arrested at his home hours later.")
    events = extract(text, PUB)["events"]
    assert not [e for e in events if e["cameo"].startswith(("18", "19"))], [(e["trigger"], e["cameo"]) for e in events]
    assert triggered(events, "arrested"), [e["trigger"] for e in events]


def test_a_ramming_attack_stays_an_attack(extract):
    text = ("Driver rams crowd in Tartu attack\n"
            "A man deliberately drove a van into a crowd in Tartu on Monday, killing two people, police said.")
    events = extract(text, PUB)["events"]
    assert [e for e in events if e["cameo"].startswith(("18", "19"))], [(e["trigger"], e["cameo"]) for e in events]


def test_a_shooting_at_a_party_someone_crashed_stays_an_attack(extract):
    text = ("A former employee crashed the office party in Tartu on Monday and shot the manager, police said. "
            "He killed the manager's assistant as well.")
    events = extract(text, PUB)["events"]
    assert [e for e in events if e["cameo"].startswith(("18", "19"))], [(e["trigger"], e["cameo"]) for e in events]


def test_an_arrest_in_a_crime_report_came_on_the_day_of_the_crime(extract):
    text = ("A dismissed accountant shot three former colleagues at a Tartu logistics firm on Monday, and police "
            "charged him with murder on Tuesday. Two of the victims remain in hospital.\n\n"
            "When Mart Kask was arrested, officers found a shotgun in his car.")
    arrested = one(extract(text, PUB)["events"], "arrested")
    assert arrested["date"] == "2025-03-03" and arrested["date_basis"] == "context", arrested


# -- 6. the country of a story about another state --

def test_a_call_to_punish_another_state_is_one_of_ones_own_state(extract):
    text = ("Senator urges sanctions on Russia\n"
            "Senator Jane Miller of Ohio called on the administration on Monday to punish Russia for its hacking. "
            "Miller told reporters in Washington that the White House had been too slow. "
            "Republican senators and Democratic leaders backed Miller.")
    called = one(extract(text, PUB)["events"], "called on")
    assert [a["country"] for a in called["actors"] + called["recipients"]] == ["USA", "USA"], \
        (called["actors"], called["recipients"])


def test_a_comparison_names_no_place(extract):
    text = "Unlike in Cuba, the president's decision to restore relations with Burma won support from senators."
    events = extract(text, PUB)["events"]
    assert not [e for e in events if (e["location"] or {}).get("country") == "CUB"], events


# -- 7. places that are no parties --

def test_the_land_between_two_states_makes_them_no_parties(extract):
    text = "Aid agencies reported heavy fighting on Monday in the border areas between Chad and Sudan."
    events = extract(text, PUB)["events"]
    assert not [e for e in events if {a["country"] for a in e["actors"]} == {"TCD", "SDN"}], \
        [(e["trigger"], sides(e)) for e in events]


# -- 8. other senses --

def test_a_media_attack_an_office_held_and_a_populist_appeal_are_no_events(extract):
    events = extract("Chilean senators complained on Monday of a coordinated media attack. "
                     "Three Chilean parties want to occupy the presidency. "
                     "Analysts in Santiago noted the populist appeal of the new party.", PUB)["events"]
    assert not [e for e in events if e["cameo"].startswith(("18", "19", "02"))] and not triggered(events, "occupy"), \
        [(e["trigger"], e["cameo"]) for e in events]


def test_occupying_a_building_stays_an_occupation(extract):
    events = extract("Rebels occupied the town hall in Goma on Monday.", PUB)["events"]
    assert one(events, "occupied")["cameo"].startswith("19"), [(e["trigger"], e["cameo"]) for e in events]


def test_leaving_ones_own_building_and_attending_school_are_no_events(extract):
    events = extract("Many residents of Bandar Abbas evacuated their buildings on Monday. "
                     "Seven of the suspect's friends attended court in Preston on Monday.", PUB)["events"]
    assert not events, [(e["trigger"], e["cameo"]) for e in events]


def test_an_evacuation_by_the_authorities_and_attending_talks_stay(extract):
    events = extract("Iranian authorities evacuated 300 residents from Bushehr on Monday. "
                     "Iranian officials attended talks in Geneva on Tuesday.", PUB)["events"]
    assert triggered(events, "evacuated") and triggered(events, "attended"), [e["trigger"] for e in events]


def test_a_concession_keeps_its_own_status(extract):
    events = extract("Although Russia has accused Ukraine of shelling the plant, it will not retaliate.", PUB)["events"]
    assert one(events, "accused")["status"] == "factual", [(e["trigger"], e["status"]) for e in events]


def test_an_act_a_journey_was_made_for_takes_its_day_and_destination(extract):
    events = extract("The Chilean minister went to Lima on Monday to meet Peru's president.", PUB)["events"]
    met = one(events, "meet")
    assert met["date"] == "2025-03-03" and (met["location"] or {}).get("name") == "Lima", met


def test_dismissing_a_state_as_something_belittles_it(extract):
    events = extract("On Monday the Russian envoy dismissed Estonia as a suburb of St. Petersburg. "
                     "Moscow dismissed the Estonian proposal as unrealistic.", PUB)["events"]
    assert [e["cameo"] for e in events if e["trigger"] == "dismissed"] == ["111", "120"], \
        [(e["trigger"], e["cameo"]) for e in events]
