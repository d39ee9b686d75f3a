"""The HTTP API of CONTRACT.md over a database built from the samples (plus a hostile article):
shapes, filters, paging, aggregates that agree with the events, 4xx with messages for bad input
(never a 500), read-only queries, and POST /api/documents."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path

import pytest
from dashboard_data import HOSTILE, HOSTILE_QUOTE, HOSTILE_SENTENCE, build_db

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

STORY_KEYS = {"id", "plover", "cameo", "actors", "recipients", "third_parties", "date", "location", "status",
              "num_mentions", "num_articles", "num_sources", "outlets", "first_seen", "mentions"}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(db):
    from dragoman.server import create_app

    with TestClient(create_app(db)) as c:
        yield c


def get(client, path: str, **params) -> dict:
    r = client.get(path, params=params)
    assert r.status_code == 200, (path, params, r.status_code, r.text)
    return r.json()


# -- the shell ------------------------------------------------------------------------------------

def test_openapi_lists_the_contract_routes(client):
    spec = get(client, "/openapi.json")
    for route in ("/api/events", "/api/stories", "/api/dyad", "/api/venues", "/api/third-parties",
                  "/api/quotes", "/api/documents/{doc_id}", "/api/documents"):
        assert route in spec["paths"], route
    assert "post" in spec["paths"]["/api/documents"]
    assert "requestBody" in spec["paths"]["/api/documents"]["post"]


def test_dashboard_is_served_with_a_strict_policy_and_no_outside_resources(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/docs").status_code == 404          # Swagger UI would load from a CDN
    static = Path(__import__("dragoman.server", fromlist=["x"]).__file__).parent / "static"
    files = [p for p in static.rglob("*") if p.suffix in (".html", ".js", ".css", ".svg")]
    assert len(files) >= 8
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text, path
        assert client.get("/static/" + path.relative_to(static).as_posix()).status_code == 200
    for path in static.rglob("*.js"):           # data reaches the page as text only
        assert not re.search(r"\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write|eval\(",
                             path.read_text(encoding="utf-8")), path
    world = get(client, "/static/world.json")
    assert len(world["countries"]) > 150 and {"TUR", "ARM", "UKR"} <= {c["iso3"] for c in world["countries"]}


def test_meta_counts_what_is_stored(client):
    meta = get(client, "/api/meta")
    assert meta["documents"] == 9 and meta["events"] > 0 and meta["stories"] > 0
    assert "CONSULT" in meta["plover_types"] and meta["first"] <= meta["last"]


# -- events and stories ---------------------------------------------------------------------------

def test_events_page_through_everything(client):
    full = get(client, "/api/events", limit=1000)
    assert full["total"] == len(full["items"]) > 10
    assert all("doc_id" in e and "evidence" in e for e in full["items"])
    pages = [get(client, "/api/events", limit=7, offset=o)["items"] for o in range(0, full["total"], 7)]
    assert [e["id"] + e["doc_id"] for p in pages for e in p] == [e["id"] + e["doc_id"] for e in full["items"]]
    assert get(client, "/api/events", limit=0)["items"] == []


def _codes(e: dict, roles=("actors", "recipients")) -> set[str]:
    return {x for r in roles for a in e[r] for x in (a.get("country"), a.get("code")) if x}


def test_event_filters_mean_what_the_contract_says(client):
    dyad = get(client, "/api/events", dyad="ARM,AZE", limit=100)
    assert dyad["total"] > 0 and all({"ARM", "AZE"} <= _codes(e) for e in dyad["items"])
    assert get(client, "/api/events", dyad="AZE,ARM")["total"] == dyad["total"]
    actor = get(client, "/api/events", actor="tur", limit=100)
    assert actor["total"] > 0 and all("TUR" in _codes(e) for e in actor["items"])
    consult = get(client, "/api/events", type="consult", limit=100)
    assert consult["total"] > 0 and all(e["plover"] == "CONSULT" for e in consult["items"])
    dated = get(client, "/api/events", since="2025-03-03", until="2025-03-04", limit=100)
    assert dated["total"] > 0 and all("2025-03-03" <= e["date"] <= "2025-03-04" for e in dated["items"])
    # the dashboard's extensions: reported dates, venue and third party
    reported = get(client, "/api/events", since="2025-03-03", until="2025-03-04", basis="reported", limit=100)
    assert reported["total"] >= dated["total"]     # every event of a dated document is dated now
    ankara = get(client, "/api/events", location="Ankara", location_country="TUR", limit=100)
    assert ankara["total"] >= 2 and all(e["location"]["name"] == "Ankara" for e in ankara["items"])
    hosted = get(client, "/api/events", third_party="TUR", limit=100)
    assert hosted["total"] >= 1 and all("TUR" in _codes(e, ("third_parties",)) for e in hosted["items"])


@pytest.mark.parametrize("params", [{"actor": "ZZZ"}, {"dyad": "USA,ZZZ"}, {"type": "NOSUCHTYPE"},
                                    {"since": "2031-01-01"}, {"location": "Atlantis"}, {"third_party": "QQQ"}])
def test_unknown_values_give_empty_results(client, params):
    assert get(client, "/api/events", **params) == {"total": 0, "limit": 50, "offset": 0, "items": []}
    assert get(client, "/api/stories", **params)["total"] == 0


def test_stories_have_the_contract_shape_and_follow_filters(client):
    every = get(client, "/api/stories", limit=1000)
    assert every["total"] == len(every["items"]) > 0
    assert all(set(s) >= STORY_KEYS for s in every["items"])
    dyad = get(client, "/api/stories", dyad="ARM,AZE")
    assert 0 < dyad["total"] < every["total"]
    ankara = get(client, "/api/stories", location="Ankara", basis="reported")
    assert ankara["total"] >= 1
    events = {(e["doc_id"], e["id"]) for e in get(client, "/api/events", location="Ankara")["items"]}
    for story in ankara["items"]:
        assert any((m["doc_id"], m["event_id"]) in events for m in story["mentions"])
    page = get(client, "/api/stories", limit=2, offset=1)
    assert [s["id"] for s in page["items"]] == [s["id"] for s in every["items"][1:3]]


# -- aggregates -----------------------------------------------------------------------------------

def test_dyad_series_agrees_with_the_events(client):
    from dragoman.knowledge.codebook import plover_score

    res = get(client, "/api/dyad", a="ARM", b="AZE", interval="day")
    assert (res["a"], res["b"], res["interval"], res["basis"]) == ("ARM", "AZE", "day", "reported")
    events = get(client, "/api/events", dyad="ARM,AZE", limit=1000)["items"]
    series = res["series"]
    assert sum(p["events"] for p in series) + res["undated"] == len(events)
    assert all(set(p["by_quad"]) == {"1", "2", "3", "4"} for p in series)
    assert all(sum(p["by_quad"].values()) == p["events"] for p in series)
    days = [dt.date.fromisoformat(p["period"]) for p in series]
    assert days == [days[0] + dt.timedelta(days=i) for i in range(len(days))]   # gaps filled
    assert sum(p["goldstein_sum"] for p in series) == pytest.approx(sum(e["goldstein"] or 0 for e in events))
    expected = sum(plover_score(e["plover"], e["mode"]) or 0 for e in events)
    assert sum(p["plover_score_sum"] for p in series) == pytest.approx(expected)


@pytest.mark.parametrize("interval, weekday, day", [("week", 0, None), ("month", None, 1)])
def test_dyad_periods_start_on_mondays_and_firsts(client, interval, weekday, day):
    res = get(client, "/api/dyad", a="TUR", b="UKR", interval=interval)
    assert res["series"]
    for p in res["series"]:
        start = dt.date.fromisoformat(p["period"])
        assert weekday is None or start.weekday() == weekday
        assert day is None or start.day == day
        assert dt.date.fromisoformat(p["until"]) >= start


def test_dyad_series_follows_period_and_status(client):
    whole = get(client, "/api/dyad", a="ARM", b="AZE", interval="day")
    days = [p["period"] for p in whole["series"] if p["events"]]
    total = sum(p["events"] for p in whole["series"])
    assert days and total
    first = get(client, "/api/dyad", a="ARM", b="AZE", interval="day", since=days[0], until=days[0])
    assert [p["period"] for p in first["series"] if p["events"]] == days[:1]
    later = get(client, "/api/dyad", a="ARM", b="AZE", interval="day", since="2030-01-01")
    assert sum(p["events"] for p in later["series"]) == 0 < total
    factual = get(client, "/api/dyad", a="ARM", b="AZE", status="factual")
    assert sum(p["events"] for p in factual["series"]) <= sum(p["events"] for p in whole["series"])


def test_venues_are_ranked_with_precision(client):
    items = get(client, "/api/venues")["items"]
    assert items and [v["events"] for v in items] == sorted((v["events"] for v in items), reverse=True)
    ankara = next(v for v in items if v["name"] == "Ankara")
    assert ankara["country"] == "TUR" and ankara["feature"] == "city" and ankara["stories"] >= 1
    assert ankara["lat"] == pytest.approx(39.92, abs=0.1)
    assert {v["feature"] for v in items} >= {"city", "country"}
    assert get(client, "/api/venues", since="2030-01-01")["items"] == []
    march = get(client, "/api/venues", since="2025-03-01", basis="reported")["items"]
    assert all(v["last"] >= "2025-03-01" for v in march)


def test_third_parties_rank_hosts_and_mediators(client):
    items = get(client, "/api/third-parties")["items"]
    tur = next(t for t in items if t["code"] == "TUR")
    assert tur["name"] == "Türkiye" and tur["events"] >= 1 and tur["stories"] >= 1 and tur["hosted"] >= 1
    assert {"name", "country", "events", "stories"} <= set(tur)


def test_network_joins_sides_and_third_parties(client):
    net = get(client, "/api/network")
    ids = {n["id"] for n in net["nodes"]}
    assert all(e["a"] in ids and e["b"] in ids for e in net["edges"])
    kinds = {(e["a"], e["b"], e["kind"]) for e in net["edges"]}
    assert ("ARM", "AZE", "dyad") in kinds
    assert ("TUR", "ARM", "third-party") in kinds and ("TUR", "AZE", "third-party") in kinds
    actors = get(client, "/api/actors")["items"]
    assert {"ARM", "AZE", "TUR"} <= {a["code"] for a in actors}
    assert "CVL" not in {a["code"] for a in actors}        # a sector alone is not an actor


# -- quotes and documents -------------------------------------------------------------------------

def test_quotes_by_speaker_and_words(client):
    fidan = get(client, "/api/quotes", speaker="FIDAN")
    assert fidan["total"] == 1 and fidan["items"][0]["text"] == HOSTILE_QUOTE and fidan["items"][0]["doc_id"]
    by_code = get(client, "/api/quotes", speaker="armgov")
    assert by_code["total"] >= 2 and all(q["speaker"]["code"] == "ARMGOV" for q in by_code["items"])
    words = get(client, "/api/quotes", q="channel open")
    assert words["total"] >= 1 and all("channel" in q["text"].lower() for q in words["items"])
    assert get(client, "/api/quotes", q="zebra")["total"] == 0


def test_documents_come_back_as_stored(client, db):
    from dragoman.store import Store

    doc_id = get(client, "/api/quotes", speaker="fidan")["items"][0]["doc_id"]
    record = get(client, f"/api/documents/{doc_id}")
    with Store(db, read_only=True) as store:
        assert record == store.document(doc_id)
    assert HOSTILE_SENTENCE in record["text"] and record["title"] == HOSTILE["title"]
    r = client.get("/api/documents/no-such-document")
    assert r.status_code == 404 and "no-such-document" in r.json()["detail"]


# -- bad input ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, params, status", [
    ("/api/events", {"since": "2025-02-30"}, 400), ("/api/events", {"since": "yesterday"}, 400),
    ("/api/events", {"dyad": "USA"}, 400), ("/api/events", {"dyad": "USA,RUS,CHN"}, 400),
    ("/api/events", {"actor": "R"}, 400), ("/api/events", {"actor": "RUS' OR 1=1 --"}, 400),
    ("/api/events", {"type": "CON SULT"}, 400), ("/api/events", {"limit": "-1"}, 422),
    ("/api/events", {"limit": "ten"}, 422), ("/api/events", {"limit": "100000"}, 422),
    ("/api/events", {"offset": "-3"}, 422), ("/api/events", {"basis": "lunar"}, 422),
    ("/api/stories", {"until": "2025-13-01"}, 400), ("/api/stories", {"third_party": "x y"}, 400),
    ("/api/dyad", {"a": "USA"}, 422), ("/api/dyad", {"a": "USA", "b": "1"}, 400),
    ("/api/dyad", {"a": "USA", "b": "RUS", "interval": "year"}, 422),
    ("/api/venues", {"since": "2025-1-1"}, 400), ("/api/third-parties", {"actor": "!!"}, 400),
    ("/api/quotes", {"limit": "x"}, 422), ("/api/quotes", {"q": "x" * 600}, 422),
    ("/api/network", {"limit": "0"}, 422),
])
def test_malformed_values_get_a_4xx_with_a_message(client, path, params, status):
    r = client.get(path, params=params)
    assert r.status_code == status, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str) and len(detail) > 5


WEIRD = ["", " ", "'", "\"", "%", "_", "\\", "' OR '1'='1", "1; DROP TABLE events; --", "\x00", "ü" * 30,
         "<script>alert(1)</script>", "NULL", "9999-99-99", "0000-01-01", "2025-02-29", "-1", "1e309"]


@pytest.mark.parametrize("path, name", [
    ("/api/events", "actor"), ("/api/events", "dyad"), ("/api/events", "type"), ("/api/events", "since"),
    ("/api/events", "location"), ("/api/events", "cameo"), ("/api/events", "status"),
    ("/api/stories", "location"), ("/api/stories", "until"), ("/api/venues", "third_party"),
    ("/api/third-parties", "location_country"), ("/api/quotes", "speaker"), ("/api/quotes", "q"),
    ("/api/network", "actor"), ("/api/dyad?a=ARM", "b"), ("/api/events", "limit"), ("/api/quotes", "offset"),
])
def test_no_value_makes_a_500(client, path, name):
    for value in WEIRD:
        r = client.get(path, params={name: value})
        assert r.status_code < 500, (path, name, value, r.text)
    assert get(client, "/api/events")["total"] > 0          # and nothing was dropped


def test_queries_run_on_a_read_only_connection(client):
    with client.app.state.db.reading() as store:
        assert store.read_only
        with pytest.raises(Exception, match="read-only"):
            store.query("CREATE TABLE intruder (i INTEGER)")


# -- POST /api/documents --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """An app over a database file that does not exist yet (serve creates it)."""
    from dragoman.server import create_app

    path = tmp_path_factory.mktemp("post") / "new.duckdb"
    with TestClient(create_app(path)) as c:
        yield c


def test_post_stores_a_document_and_queries_see_it(fresh, validator):
    assert get(fresh, "/api/events")["total"] == 0
    record = {"id": "post-1", "published": "2025-03-12", "outlet": "Test Wire",
              "text": "Armenian and Azerbaijani negotiators met in Istanbul on Tuesday for talks hosted by Türkiye."}
    r = fresh.post("/api/documents", json=record)
    assert r.status_code == 201, r.text
    doc = r.json()
    validator.validate(doc)
    assert doc["id"] == "post-1" and doc["events"] and doc["published"] == "2025-03-12"
    again = fresh.post("/api/documents", json=record)
    assert again.status_code == 200 and again.json() == doc
    events = get(fresh, "/api/events")
    assert events["total"] == len(doc["events"]) and events["items"][0]["doc_id"] == doc["doc_id"]
    assert get(fresh, f"/api/documents/{doc['doc_id']}") == doc
    assert get(fresh, "/api/stories")["total"] >= 1
    with fresh.app.state.db.reading() as store:
        assert store.read_only                                 # reopened read-only after the write


@pytest.mark.parametrize("body, headers, status, words", [
    (b'{"id": "x", "text": "Talks."}', {"content-type": "text/plain"}, 415, "application/json"),
    (b'{"id": "x", "text": ', {"content-type": "application/json"}, 400, "not JSON"),
    (b'[1, 2]', {"content-type": "application/json"}, 422, "not a JSON object"),
    (b'{"text": "Talks were held."}', {"content-type": "application/json"}, 422, "id"),
    (b'{"id": "x"}', {"content-type": "application/json"}, 422, "neither 'text' nor 'html'"),
    (b'{"id": "x", "text": "   "}', {"content-type": "application/json"}, 422, "empty"),
    (b'{"id": "x", "text": "' + b"a" * (3 * 1024 * 1024) + b'"}', {"content-type": "application/json"}, 413, "larger"),
])
def test_post_refuses_bad_bodies_with_a_message(fresh, body, headers, status, words):
    r = fresh.post("/api/documents", content=body, headers=headers)
    assert r.status_code == status, r.text
    assert words.lower() in r.json()["detail"].lower()


def test_post_with_an_unreadable_publication_date_keeps_the_document(client):
    """A bad metadata field is a warning, not a lost document."""
    r = client.post("/api/documents", content=b'{"id": "x-march", "text": "Talks.", "published": "March"}',
                    headers={"content-type": "application/json"})
    assert r.status_code == 201, r.text
    assert r.json()["published"] is None and r.json()["text"] == "Talks."
