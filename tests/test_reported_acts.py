"""Indirect speech without a reported 'that' clause: speech acts with an infinitive ('vowed to …',
'urged voters to …', 'called on X to …'), a phrase ('called for …', 'warned of …'), an object and
what is said of it ('called the plan a disgrace', 'criticized the bill'), reported clauses the parser
takes for adverbial ones, and sources no actor stands for ('they said')."""

from __future__ import annotations

import pytest

PUB = "2025-04-02"
LEAD = "Governor Ana Lund spoke in Dover on Tuesday.\n\n"


def indirect(record: dict) -> list[dict]:
    return [q for q in record["quotes"] if not q["direct"]]


def reported(record: dict, words: str) -> dict:
    found = [q for q in indirect(record) if words in q["text"]]
    assert len(found) == 1, f"{words!r} in {[q['text'] for q in indirect(record)]}"
    return found[0]


@pytest.mark.parametrize("sentence, content", [
    ("Lund vowed to cut taxes for small firms.", "to cut taxes for small firms"),
    ("Lund urged voters to reject the measure.", "voters to reject the measure"),
    ("Lund called on the company to rehire the workers.", "the company to rehire the workers"),
    ("Lund called for lawmakers to raise the minimum wage.", "lawmakers to raise the minimum wage"),
    ("Lund called for a recount of the votes in the county.", "a recount of the votes in the county"),
    ("Lund warned of a deep crisis in the region.", "a deep crisis in the region"),
    ("Lund called the plan a disgrace to the city.", "the plan a disgrace to the city"),
    ("Lund criticized the bill for its cost.", "the bill for its cost"),
    ("Lund praised the firefighters for their courage.", "the firefighters for their courage"),
    ("At the forum, Lund called her vote in favor of the war a mistake.", "her vote in favor of the war a mistake"),
    ("Lund exhorted voters to stay at home.", "voters to stay at home"),
    ("In Dover last week, Lund told a meeting of island leaders that few people understood the stakes.",
     "few people understood the stakes"),
    ("At the debate, Lund cited the mayor’s past remarks as examples of his contempt.",
     "the mayor’s past remarks as examples of his contempt"),
    ("Lund appeared to suggest that workers who strike might lose their jobs.",
     "workers who strike might lose their jobs"),
    ("Lund acknowledged the reality of climate change.", "the reality of climate change"),
    ("Lund denied any role in the attacks on the port.", "any role in the attacks on the port"),
])
def test_speech_acts_report_their_complement(extract, sentence, content):
    rec = extract(LEAD + sentence, PUB)
    q = reported(rec, content)
    assert q["text"] == content
    assert q["speaker"]["name"] == "Ana Lund"
    assert rec["text"][q["start"]:q["end"]] == q["text"]


@pytest.mark.parametrize("sentence", [
    "Lund called the meeting.",                       # a naming verb with no predicate names nothing
    "Lund cited the 2000 election in Florida.",       # a reference, not a claim about it
    "Lund called the meeting on Monday for the staff.",
    "Lund hopes to win the race.",                    # a hope is no speech act
    "Lund denied it again on Monday.",                # a pronoun object: no words said
    "The senate will confirm Lund and two judges in May.",   # 'confirm' as approving, no object reported
])
def test_verbs_without_a_reported_act_report_nothing(extract, sentence):
    rec = extract(LEAD + sentence, PUB)
    assert indirect(rec) == [], [q["text"] for q in indirect(rec)]


def test_a_reported_clause_parsed_as_adverbial(extract):
    rec = extract(LEAD + "Lund said after the vote she would not accept the offer.", PUB)
    q = reported(rec, "would not accept the offer")
    assert q["speaker"]["name"] == "Ana Lund"


def test_a_subordinate_clause_is_not_reported(extract):
    rec = extract(LEAD + "That was what Lund said when she resigned from the board in May.", PUB)
    assert all("resigned from the board" not in q["text"] for q in indirect(rec))


def test_a_source_no_actor_stands_for(extract):
    rec = extract("The council met on Monday.\n\nThey said the bridge would close for repairs in June.", PUB)
    q = reported(rec, "the bridge would close")
    assert q["speaker"]["text"] == "They"


def test_a_passive_speech_act_has_no_speaker_in_its_subject(extract):
    rec = extract(LEAD + "The plan was called a disgrace by the union.", PUB)
    assert all(q["speaker"] is None or q["speaker"].get("text") != "The plan" for q in indirect(rec))
    assert all("disgrace" not in q["text"] for q in indirect(rec))


def test_a_view_of_someone_is_not_a_reported_statement(extract):
    rec = extract(LEAD + "Lund considers Karl Berg her political mentor.", PUB)
    assert indirect(rec) == [], [q["text"] for q in indirect(rec)]


def test_a_dash_is_not_the_speaker(extract):
    # the parser reads '―' before 'Berg' as a second subject of 'boasted'
    rec = extract("Senator Karl Berg and Senator Ivo Brenner and Ilse Kowal spoke in Dover.\n\nWhen the host noted "
                  "that Berg has occasionally not paid anything in federal income taxes ― as was true for the few "
                  "years his tax returns were made public ― Berg boasted, “That makes me smart.”", PUB)
    (q,) = [q for q in rec["quotes"] if q["direct"]]
    assert q["speaker"]["name"] == "Karl Berg"


def test_a_clause_cut_off_by_a_colon_is_not_reported(extract):
    rec = extract(LEAD + "We have been here before: Karl Berg declared war on the city council.", PUB)
    assert all("been here before" not in q["text"] for q in indirect(rec))


def test_a_clause_before_the_verb_is_reported(extract):
    rec = extract(LEAD + "The bridge will close in June, Lund told reporters on Monday.", PUB)
    assert reported(rec, "The bridge will close in June")["speaker"]["name"] == "Ana Lund"


def test_a_heading_in_capitals_reports_nothing(extract):
    rec = extract(LEAD + "EVEN LUND'S BOSS THINKS SHE IS WRONG ABOUT THE BRIDGE — The head of the agency agreed.", PUB)
    assert all(not q["text"].isupper() for q in indirect(rec)), [q["text"] for q in indirect(rec)]


def test_a_speech_verb_set_into_the_clause_it_reports(extract):
    rec = extract(LEAD + "The difference now, Lund told me on Friday, is that the bridge has a budget.", PUB)
    q = reported(rec, "the bridge has a budget")
    assert q["speaker"]["name"] == "Ana Lund"
    assert q["text"].startswith("The difference now") and q["text"].endswith("budget")


def test_the_object_of_forced_to_admit_is_the_speaker(extract):
    rec = extract(LEAD + "Senator Karl Berg forced Lund to admit that no executives had been held to account.", PUB)
    assert reported(rec, "no executives had been held to account")["speaker"]["name"] == "Ana Lund"


@pytest.mark.parametrize("sentence, content, speaker", [
    ("Lund is seizing upon a Daily Star report that Karl Berg had a net loss of $9 million.",
     "Karl Berg had a net loss of $9 million", "Daily Star"),
    ("Asked about Karl Berg’s claim that the fire had been set on purpose, Lund said she would wait.",
     "the fire had been set on purpose", "Karl Berg"),
    ("Lund charges that the firms that gain from the deal gave millions to the fund.",   # 'charges' read as a noun
     "the firms that gain from the deal gave millions to the fund", "Lund"),
    ("Karl Berg renewed his call for a ceasefire in the north.", "a ceasefire in the north", "Karl Berg"),
    ("Lund sounded a call for the city to accept more refugees.", "the city to accept more refugees", "Ana Lund"),
    ("Karl Berg made the claim that the bridge was unsafe.", "the bridge was unsafe", "Karl Berg"),
])
def test_a_claim_noun_reports_its_owner(extract, sentence, content, speaker):
    rec = extract(LEAD + sentence, PUB)
    q = reported(rec, content)
    assert speaker in (q["speaker"]["name"] or q["speaker"]["text"])


@pytest.mark.parametrize("sentence", [
    "The council rejected the claim that the bridge was unsafe.",
    "The council rejected the call for a recount of all the votes.",
])
def test_a_claim_noun_without_an_owner_reports_no_one(extract, sentence):
    rec = extract(LEAD + sentence, PUB)
    assert indirect(rec) == [], [q["text"] for q in indirect(rec)]


def test_his_answer_was_to_say(extract):
    rec = extract("Senator Karl Berg spoke in Dover.\n\nAsked how he would bring the jobs back, his best answer "
                  "was to say he would stop more from leaving.", PUB)
    assert reported(rec, "he would stop more from leaving")["speaker"]["name"] == "Karl Berg"


def test_who_said_after_a_predicate_noun_is_the_subject(extract):
    rec = extract(LEAD + "Karl Berg regularly incites violence and is a serial liar, rampant xenophobe and birther "
                         "who has repeatedly pledged to ban all refugees from entering the country.", PUB)
    assert reported(rec, "to ban all refugees")["speaker"]["name"] == "Karl Berg"
