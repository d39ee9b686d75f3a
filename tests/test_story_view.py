"""The story view and the network's labels, over a database of one happening told by five outlets plus a
near-duplicate wire copy (tests/data/stories) and a crowded network of some forty countries.

API: ``GET /api/stories/{story_id}`` (copies marked with their original and similarity, its thread),
``GET /api/documents/{doc_id}/stories``, ``GET /api/threads`` and ``GET /api/threads/{thread_id}``. Browser (Debian's Chromium through Playwright, as in
test_browser.py): a chart bar → the stories → the story view, where every sentence stands beside its
outlet and date and the copy is folded; a document's event row → its story; a deep link; a story → its
thread → its happenings and documents, and the Threads tab; and the network
view, whose labels overlap neither each other nor any node, with a legend for edge colour and width.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from dashboard_data import build_db, build_story_db
from serving import start_server, stop_server

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_story_db(tmp_path_factory.mktemp("story-view"))


@pytest.fixture(scope="module")
def client(db):
    from dragoman.server import create_app

    with TestClient(create_app(db)) as c:
        yield c


def _get(client, path: str, **params) -> dict:
    r = client.get(path, params=params)
    assert r.status_code == 200, (path, r.status_code, r.text)
    return r.json()


def _astana_story(client) -> dict:
    """The KAZ–KGZ meeting in Astana on 2025-02-27, as /api/stories lists it."""
    items = _get(client, "/api/stories", dyad="KAZ,KGZ", since="2025-02-27", until="2025-02-27", limit=50)["items"]
    story = max(items, key=lambda s: s["num_sources"])
    assert story["num_sources"] == 5 and story["republished_by"] == ["Astana Post"]
    return story


# -- API ------------------------------------------------------------------------------------------

def test_one_story_by_id_with_copies_marked(client):
    listed = _astana_story(client)
    story = _get(client, f"/api/stories/{listed['id']}")
    assert {k: v for k, v in story.items() if k not in ("mentions", "thread_id")} == \
        {k: v for k, v in listed.items() if k != "mentions"}
    assert story["thread_id"]                                       # the view links the story's thread
    assert [(m["doc_id"], m["event_id"]) for m in story["mentions"]] == \
        [(m["doc_id"], m["event_id"]) for m in listed["mentions"]]
    copies = [m for m in story["mentions"] if m.get("copy_of")]
    assert copies and all(m["outlet"] == "Astana Post" for m in copies)
    assert all(m["copy_of_outlet"] == "Steppe Wire" and 0.5 < m["similarity"] <= 1 for m in copies)
    originals = {m["doc_id"] for m in story["mentions"] if m["outlet"] == "Steppe Wire"}
    assert {m["copy_of"] for m in copies} <= originals
    assert all("title" in m and "similarity" not in m for m in story["mentions"] if not m.get("copy_of"))


def test_missing_and_malformed_story_ids(client):
    r = client.get("/api/stories/0000000000000000")
    assert r.status_code == 404 and "no story" in r.json()["detail"]
    assert client.get("/api/stories/" + "x" * 65).status_code == 400


def test_the_stories_of_a_documents_events(client):
    story = _astana_story(client)
    mention = story["mentions"][0]
    got = _get(client, f"/api/documents/{mention['doc_id']}/stories")
    assert got["doc_id"] == mention["doc_id"]
    assert {"event_id": mention["event_id"], "story_id": story["id"]} in got["items"]
    assert client.get("/api/documents/nope/stories").status_code == 404


def test_openapi_documents_the_new_routes(client):
    paths = _get(client, "/openapi.json")["paths"]
    assert "get" in paths["/api/stories/{story_id}"] and "get" in paths["/api/documents/{doc_id}/stories"]
    assert "404" in paths["/api/stories/{story_id}"]["get"]["responses"]
    assert "get" in paths["/api/threads"] and "404" in paths["/api/threads/{thread_id}"]["get"]["responses"]


# -- threads --------------------------------------------------------------------------------------

def test_threads_are_listed_with_their_documents_and_stories(client):
    meta = _get(client, "/api/meta")
    listed = _get(client, "/api/threads", limit=1000)
    assert listed["total"] == len(listed["items"]) == meta["threads"] > 1
    in_threads = [d["doc_id"] for t in listed["items"] for d in t["documents"]]
    assert len(in_threads) == len(set(in_threads)) == meta["documents"]      # each document in one thread
    firsts = [t["first_seen"] or "9999" for t in listed["items"]]
    assert firsts == sorted(firsts)                                          # first seen first
    page = _get(client, "/api/threads", limit=2, offset=1)
    assert [t["id"] for t in page["items"]] == [t["id"] for t in listed["items"][1:3]]
    kgz = _get(client, "/api/threads", dyad="KAZ,KGZ", limit=1000)["items"]
    assert kgz and len(kgz) < len(listed["items"])
    assert _get(client, "/api/threads", actor="XYZ")["total"] == 0
    assert client.get("/api/threads", params={"since": "not a date"}).status_code == 400


def test_the_thread_of_a_story_holds_the_affair(client):
    story = _get(client, f"/api/stories/{_astana_story(client)['id']}")
    thread = _get(client, f"/api/threads/{story['thread_id']}")
    assert thread["id"] == story["thread_id"]
    docs = {d["doc_id"]: d for d in thread["documents"]}
    assert {m["doc_id"] for m in story["mentions"]} <= set(docs)             # a story never spans two threads
    assert thread["num_articles"] == thread["num_documents"] - 1             # the wire copy counts once
    copy = next(d for d in docs.values() if d["copy_of"])
    assert copy["outlet"] == "Astana Post" and "Astana Post" not in thread["outlets"]
    items = {s["id"]: s for s in thread["story_items"]}
    assert set(items) == set(thread["stories"]) and len(items) == thread["num_stories"] >= 2  # plan, meeting, ...
    mine = items[story["id"]]
    assert mine["num_sources"] == 5 and mine["date"] == "2025-02-27"
    assert set(mine["doc_ids"]) == {m["doc_id"] for m in story["mentions"]}
    dates = [s["date"] or "9999" for s in thread["story_items"]]
    assert dates == sorted(dates)
    # the Kazakh-Uzbek rail talks of the same day are another affair
    uzb = _get(client, "/api/threads", actor="UZB", limit=1000)["items"]
    assert uzb and all(t["id"] != thread["id"] for t in uzb)
    # a document's stories name its thread too
    got = _get(client, f"/api/documents/{copy['doc_id']}/stories")
    assert got["thread_id"] == thread["id"]


def test_missing_and_malformed_thread_ids(client):
    r = client.get("/api/threads/0000000000000000")
    assert r.status_code == 404 and "no thread" in r.json()["detail"]
    assert client.get("/api/threads/" + "x" * 65).status_code == 400


# -- browser --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 1400, "height": 900})
        yield ctx
        ctx.close()


@pytest.fixture(scope="module")
def server(db, tmp_path_factory, browser):
    proc, log, base = start_server(db, tmp_path_factory.mktemp("serve"))
    yield base
    stop_server(proc, log)


@pytest.fixture
def page(browser):
    p = browser.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    p.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text}"))
    p.errors = errors
    yield p
    p.close()


def _open(page, base: str, view: str) -> None:
    page.goto(f"{base}/#{view}")
    page.wait_for_selector(f"#view-{view}[data-state=ready]", timeout=20_000)


def _story_ready(page) -> None:
    page.wait_for_selector("#drill[data-state=ready] .story-view .story-mention", timeout=20_000)


def _check_story_view(page) -> None:
    """Outlets, first seen, sources; each sentence beside its outlet and date; the wire copy folded."""
    facts = page.locator("#drill .story-facts")
    outlets = facts.locator("[data-fact=outlets]").text_content()
    for outlet in ("Steppe Wire", "Central Asia Daily", "Bishkek Times", "Eurasia Monitor", "Global Dispatch"):
        assert outlet in outlets
    assert "Astana Post" not in outlets
    assert "Astana Post" in facts.locator("[data-fact=republished-by]").text_content()
    assert facts.locator("[data-fact=first-seen]").text_content() == "2025-02-27"
    assert facts.locator("[data-fact=sources]").text_content().startswith("5 independent sources")
    rows = page.locator("#drill .story-mention")
    assert rows.count() >= 5
    shown = []
    for i in range(rows.count()):
        row = rows.nth(i)
        sentence = row.locator(".sentence").bounding_box()
        source = row.locator(".source").bounding_box()
        assert source["x"] >= sentence["x"] + sentence["width"] - 1       # side by side: source to the right
        assert abs(source["y"] - sentence["y"]) < 12                      # on the same line
        outlet = row.locator(".source .outlet").text_content()
        assert row.locator(".source .published").text_content().startswith("2025-02-2")
        shown.append(outlet)
    assert "Astana Post" not in shown                                     # the copy is not a row of its own
    folded = page.locator("#drill .story-mention details.copies")
    assert folded.count() >= 1 and folded.first.get_attribute("open") is None
    assert "Astana Post" in folded.first.locator("summary").text_content()
    assert not folded.first.locator("li.copy").first.is_visible()         # folded until asked
    folded.first.locator("summary").click()
    copy = folded.first.locator("li.copy").first
    assert copy.is_visible() and "% similar" in copy.text_content()


def test_story_view_from_a_chart_bar(page, server, shots):
    _open(page, server, "dyad")
    page.select_option("#view-dyad select[name=a]", "KAZ")
    page.select_option("#view-dyad select[name=b]", "KGZ")
    page.select_option("#view-dyad select[name=interval]", "day")
    page.click("#view-dyad form button[type=submit]")
    page.wait_for_selector("#view-dyad[data-state=ready] .bar.clickable")
    page.locator('#view-dyad .bar.clickable[data-period="2025-02-27"]').click()
    page.wait_for_selector("#drill[data-state=ready] .story", timeout=20_000)
    card = page.locator("#drill li.story", has_text="Eurasia Monitor").first
    card.locator(".open-story").click()
    _story_ready(page)
    assert page.text_content("#drill h2") == "Story"
    page.screenshot(path=str(shots / "story.png"))
    _check_story_view(page)
    page.screenshot(path=str(shots / "story-copy-unfolded.png"))
    # a sentence opens its document at that sentence, and the way back leads to the story
    first = page.locator("#drill .story-mention .sentence").first
    sentence = first.text_content()
    first.click()
    page.wait_for_selector("#drill[data-state=ready] mark#evidence")
    assert page.text_content("mark#evidence") == sentence
    page.click("#drill .back")
    _story_ready(page)
    page.click("#drill .back")                                            # and from there to the stories
    page.wait_for_selector("#drill[data-state=ready] .stories .story")
    assert not page.errors


def test_story_view_from_a_documents_event_row_and_by_link(page, server, client):
    story = _astana_story(client)
    mention = next(m for m in story["mentions"] if m["outlet"] == "Bishkek Times")
    page.goto(f"{server}/#doc/{mention['doc_id']}")
    page.wait_for_selector("#drill[data-state=ready] .doc-events li .open-story")
    page.locator(f'#drill .doc-events li[data-event-id="{mention["event_id"]}"] .open-story').click()
    _story_ready(page)
    assert page.get_attribute("#drill .story-view", "data-story-id") == story["id"]
    _check_story_view(page)
    page.goto(f"{server}/#story/{story['id']}")
    _story_ready(page)
    _check_story_view(page)
    page.goto(f"{server}/#story/0000000000000000")
    page.wait_for_selector("#drill[data-state=error] .error")
    assert "no story" in page.text_content("#drill .error")


def test_thread_view_from_a_story_and_the_threads_tab(page, server, client, shots):
    story = _astana_story(client)
    thread_id = _get(client, f"/api/stories/{story['id']}")["thread_id"]
    page.goto(f"{server}/#story/{story['id']}")
    _story_ready(page)
    page.click("#drill .story-thread")
    page.wait_for_selector("#drill[data-state=ready] .thread-view .thread-story", timeout=20_000)
    assert page.get_attribute("#drill .thread-view", "data-thread-id") == thread_id
    page.screenshot(path=str(shots / "thread.png"))
    assert page.locator(f'#drill .thread-story[data-story-id="{story["id"]}"]').count() == 1
    assert "Astana Post" not in page.text_content("#drill [data-fact=outlets]")
    docs = page.locator("#drill .thread-document")
    assert docs.count() >= 4 and page.locator("#drill .thread-document", has_text="copy, not counted").count() == 1
    # a happening opens its story view, and the way back leads to the thread
    page.locator(f'#drill .thread-story[data-story-id="{story["id"]}"]').click()
    _story_ready(page)
    _check_story_view(page)
    page.click("#drill .back")
    page.wait_for_selector("#drill[data-state=ready] .thread-view .thread-document")
    page.locator("#drill .thread-document").first.click()                 # a document opens
    page.wait_for_selector("#drill[data-state=ready] .doc-text")
    # the Threads tab lists every thread; one click opens it
    _open(page, server, "threads")
    rows = page.locator("#view-threads li.thread")
    assert rows.count() == _get(client, "/api/meta")["threads"]
    page.screenshot(path=str(shots / "threads.png"))
    page.locator(f'#view-threads li.thread[data-thread-id="{thread_id}"]').click()
    page.wait_for_selector(f'#drill[data-state=ready] .thread-view[data-thread-id="{thread_id}"] .thread-story')
    assert not page.errors
    page.goto(f"{server}/#thread/0000000000000000")                      # a merged-away thread: a message
    page.wait_for_selector("#drill[data-state=error] .error")
    assert "no thread" in page.text_content("#drill .error")


# -- the network's labels -------------------------------------------------------------------------

OVERLAPS = """() => {
  const labels = [...document.querySelectorAll("svg.network .node text")].map((t) => t.getBoundingClientRect());
  const circles = [...document.querySelectorAll("svg.network .node circle")].map((c) => {
    const b = c.getBoundingClientRect();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2, r: b.width / 2 };
  });
  const bad = [];
  labels.forEach((a, i) => labels.forEach((b, j) => {
    if (i < j && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) bad.push(["labels", i, j]);
  }));
  labels.forEach((a, i) => circles.forEach((c, j) => {
    const nx = Math.max(a.left, Math.min(c.x, a.right));
    const ny = Math.max(a.top, Math.min(c.y, a.bottom));
    if ((nx - c.x) ** 2 + (ny - c.y) ** 2 < (c.r - 0.5) ** 2) bad.push(["label-node", i, j]);
  }));
  const svg = document.querySelector("svg.network").getBoundingClientRect();
  labels.forEach((a, i) => {
    if (a.left < svg.left - 0.5 || a.right > svg.right + 0.5 || a.top < svg.top - 0.5 || a.bottom > svg.bottom + 0.5) bad.push(["outside", i]);
  });
  return { n: labels.length, bad };
}"""


def _check_labels(page) -> int:
    page.wait_for_selector("svg.network[data-labels=placed]")
    result = page.evaluate(OVERLAPS)
    names = page.eval_on_selector_all("svg.network .node text", "ts => ts.map((t) => t.textContent)")
    assert not result["bad"], [(kind, *(names[i] for i in rest[:1])) for kind, *rest in result["bad"]]
    return result["n"]


def test_crowded_network_labels_do_not_overlap(page, server, shots):
    _open(page, server, "network")
    assert _check_labels(page) >= 35
    legend = page.text_content("#network-legend")
    assert "Goldstein sum ≥ 0" in legend and "Goldstein sum < 0" in legend and "host or mediator" in legend
    assert "shared events" in legend and page.locator("#network-legend .weight").count() >= 2
    page.screenshot(path=str(shots / "network-crowded.png"), full_page=True)
    page.set_viewport_size({"width": 900, "height": 900})                 # narrower: the drawing scales
    _open(page, server, "network")
    _check_labels(page)
    assert not page.errors


def test_sample_network_labels_do_not_overlap(page, tmp_path_factory, shots):
    folder = tmp_path_factory.mktemp("samples")
    proc, log, base = start_server(build_db(folder), folder)
    try:
        _open(page, base, "network")
        assert _check_labels(page) >= 10
        page.screenshot(path=str(shots / "network.png"), full_page=True)
        # the drill-down panel narrows the drawing: still no overlap
        page.focus("svg.network .edge[data-a=ARM][data-b=AZE][data-kind=dyad]")
        page.keyboard.press("Enter")
        page.wait_for_selector("#drill[data-state=ready] .story")
        _check_labels(page)
    finally:
        stop_server(proc, log)
    assert not page.errors


def test_a_star_of_forty_long_names_keeps_its_labels_apart(page, server):
    """The worst case the view allows (40 nodes): one hub meeting everyone, long names, a chain among
    the leaves. The network answer is replaced in the browser; the drawing code is the real one."""
    import json

    names = ["United States of America", "Democratic Republic of the Congo", "United Kingdom",
             "Central African Republic", "Bosnia and Herzegovina"] + [f"Country number {i}" for i in range(35)]
    nodes = [{"id": f"C{i:02d}", "name": n, "events": 40 - i, "third_party_events": int(i % 9 == 0)}
             for i, n in enumerate(names)]
    edges = [{"a": "C00", "b": f"C{i:02d}", "kind": "dyad", "events": 1 + i % 5, "goldstein_sum": (-1) ** i * 3,
              "by_quad": {}} for i in range(1, 40)]
    edges += [{"a": f"C{i:02d}", "b": f"C{i + 1:02d}", "kind": "dyad", "events": 1, "goldstein_sum": 1, "by_quad": {}}
              for i in range(1, 12)]
    body = json.dumps({"basis": "reported", "nodes": nodes, "edges": edges})
    page.route("**/api/network?*", lambda route: route.fulfill(status=200, content_type="application/json", body=body)
               if "limit=40" in route.request.url else route.continue_())
    _open(page, server, "network")
    assert _check_labels(page) == 40
    assert page.locator("svg.network .leader").count() >= 1              # labels moved away are tied to their node
    assert not page.errors
