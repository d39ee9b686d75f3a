"""The dashboard in a real headless Chromium (Debian's, driven by Playwright) against
``dragoman serve`` on loopback, over the samples plus a hostile article.

Each view renders; a drill-down from a bar, a point, an edge and a row reaches the stories and
then the evidence sentence highlighted in its document; and text that looks like HTML
(``<script>``, ``<img onerror>``) is shown literally and runs nothing — checked once under the
server's Content-Security-Policy and once with the policy bypassed, so escaping alone is proven.

Screenshots go to a temporary folder, or to ``$DRAGOMAN_SCREENSHOTS`` (``docs/screenshots`` to
refresh the README's pictures).
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from dashboard_data import HOSTILE, HOSTILE_QUOTE, HOSTILE_SENTENCE, build_db
from serving import start_server, stop_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWS = ("dyad", "map", "network", "rank", "quotes")


def _skip(reason: str) -> None:
    print(f"SKIP: {reason}")
    pytest.skip(reason, allow_module_level=True)


if not Path(CHROMIUM).exists():
    _skip(f"{CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)")
try:
    from playwright.sync_api import Page, sync_playwright
except ImportError:
    _skip("the playwright Python package is not installed (pip install playwright)")
    raise


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``dragoman serve`` in a subprocess on a free loopback port; stopped at the end."""
    folder = tmp_path_factory.mktemp("browser")
    db = build_db(folder)
    proc, log, base = start_server(db, folder)
    yield {"base": base, "db": db}
    stop_server(proc, log)


@pytest.fixture(scope="module")
def playwright():
    with sync_playwright() as p:
        yield p


def _context(playwright, tmp_path_factory, bypass_csp: bool):
    """A fresh profile (user-data-dir) per context: nothing cached, nothing shared."""
    return playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, headless=True, args=ARGS,
        viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp)


@pytest.fixture(scope="module")
def browser(playwright, tmp_path_factory):
    ctx = _context(playwright, tmp_path_factory, bypass_csp=False)
    yield ctx
    ctx.close()


class Watch:
    """What a page did that it should not: dialogs (alert), uncaught errors, console errors."""

    def __init__(self, page: Page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))


@pytest.fixture
def page(browser):
    p = browser.new_page()
    p.watch = Watch(p)
    yield p
    p.close()


def _open(page: Page, base: str, view: str) -> None:
    page.goto(f"{base}/#{view}")
    page.wait_for_selector(f"#view-{view}[data-state=ready]", timeout=20_000)


def _drilled(page: Page) -> None:
    page.wait_for_selector("#drill[data-state=ready] .story", timeout=20_000)


def _press(page: Page, selector: str) -> None:
    """Activates an SVG shape as a keyboard user would (a mouse click on a thin line may land
    on a neighbour; the shapes are focusable and answer Enter)."""
    page.focus(selector)
    page.keyboard.press("Enter")


# -- each view ------------------------------------------------------------------------------------

def test_each_view_renders(page, server, shots):
    base = server["base"]
    _open(page, base, "dyad")
    assert page.locator("#view-dyad svg.chart .bar.clickable").count() >= 1
    assert "events between" in page.text_content("#view-dyad .answer")
    assert page.locator("#view-dyad select[name=a] option").count() >= 5
    page.select_option("#view-dyad select[name=a]", "ARM")
    page.select_option("#view-dyad select[name=b]", "AZE")
    page.click("#view-dyad form button[type=submit]")
    page.wait_for_selector("#view-dyad[data-state=ready]")
    assert "Armenia and Azerbaijan" in page.text_content("#view-dyad .answer")
    page.screenshot(path=str(shots / "dyad.png"), full_page=True)

    _open(page, base, "map")
    assert page.locator("svg.map .land path").count() > 150           # the world outline
    assert page.locator("svg.map .pt.exact").count() >= 3              # cities: exact points
    assert page.locator("svg.map .pt.area").count() >= 1               # country-level: rings
    assert "country or region only" in page.text_content("#view-map .legend")
    page.screenshot(path=str(shots / "map.png"), full_page=True)

    _open(page, base, "network")
    assert page.locator("svg.network .node").count() >= 5
    assert page.locator("svg.network .node.mediator[data-id=TUR]").count() == 1
    assert page.locator("svg.network .edge[data-kind=third-party]").count() >= 2
    assert "Türkiye" in page.text_content("#view-network .answer")
    page.screenshot(path=str(shots / "network.png"), full_page=True)

    _open(page, base, "rank")
    venues = page.text_content("ol.ranking[data-kind=venues]")
    assert "Ankara" in venues and "Abu Dhabi" in venues
    assert "Türkiye (TUR)" in page.text_content("ol.ranking[data-kind=third-parties]")
    page.screenshot(path=str(shots / "venues-mediators.png"), full_page=True)

    _open(page, base, "quotes")
    assert page.locator("#view-quotes li.quote").count() >= 10
    page.screenshot(path=str(shots / "quotes.png"))
    assert not page.watch.errors and not page.watch.dialogs


def test_filters_apply_to_the_views(page, server):
    _open(page, server["base"], "rank")
    page.fill("#filters input[name=since]", "2025-03-05")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#view-rank[data-state=ready]")
    assert "2025-03-05" in page.text_content("#view-rank h2")
    assert "Ankara" in page.text_content("#view-rank")        # the hostile article (2025-03-10) met there
    assert "Abu Dhabi" not in page.text_content("#view-rank")  # reported on 2025-02-26


# -- drill-down -----------------------------------------------------------------------------------

def test_drill_down_from_a_dyad_bar_reaches_the_evidence(page, server, shots):
    base = server["base"]
    _open(page, base, "dyad")
    page.select_option("#view-dyad select[name=a]", "ARM")
    page.select_option("#view-dyad select[name=b]", "AZE")
    page.select_option("#view-dyad select[name=interval]", "day")
    page.click("#view-dyad form button[type=submit]")
    page.wait_for_selector("#view-dyad[data-state=ready] .bar.clickable")
    assert "Armenia and Azerbaijan" in page.text_content("#view-dyad .answer")
    page.locator("#view-dyad .bar.clickable").last.click()
    _drilled(page)
    assert "ARM–AZE" in page.text_content("#drill h2")
    mention = page.locator("#drill .mention").first
    evidence = mention.locator(".evidence").text_content()
    mention.click()
    page.wait_for_selector("#drill[data-state=ready] #doc-text mark#evidence")
    assert page.text_content("mark#evidence") == evidence
    doc_id = page.text_content("#drill .document p.muted").split("doc ")[-1].strip()
    with urllib.request.urlopen(f"{base}/api/documents/{doc_id}") as r:
        record = json.load(r)
    assert page.text_content("#doc-text") == record["text"]            # the whole text, as text
    page.screenshot(path=str(shots / "drilldown.png"))
    page.click("#drill .back")                                          # back to the stories
    _drilled(page)
    assert not page.watch.errors


def test_drill_down_from_a_map_point_an_edge_and_a_row(page, server):
    base = server["base"]
    _open(page, base, "map")
    _press(page, 'svg.map .pt[data-name="Ankara"]')
    _drilled(page)
    assert "Ankara" in page.text_content("#drill h2")
    assert "Ankara" in page.text_content("#drill .stories")

    _open(page, base, "network")
    _press(page, "svg.network .edge[data-a=ARM][data-b=AZE][data-kind=dyad]")
    _drilled(page)
    assert "ARM–AZE" in page.text_content("#drill h2")
    _press(page, "svg.network .edge[data-a=TUR][data-b=ARM][data-kind=third-party]")
    _drilled(page)
    assert "host or mediator" in page.text_content("#drill h2")
    assert "hosted by Türkiye" in page.text_content("#drill .stories")    # the evidence of the edge

    _open(page, base, "rank")
    page.locator("ol.ranking[data-kind=third-parties] li", has_text="Türkiye").first.click()   # not by rank: it moves
    _drilled(page)
    page.locator("#drill .mention").first.click()
    page.wait_for_selector("#drill[data-state=ready] mark#evidence")
    assert "hosted by Türkiye" in page.text_content("mark#evidence")
    assert not page.watch.errors


def test_a_brief_link_opens_the_sentence(page, server):
    from dragoman.answers.brief import build_brief
    from dragoman.store import Store

    with Store(server["db"], read_only=True) as store:
        text = build_brief(store, dyad="ARM,AZE", link_base=server["base"])
    link = text.split("](", 1)[1].split(")", 1)[0]
    assert link.startswith(server["base"] + "/#doc/")
    start, end = (int(x) for x in link.rsplit("/", 1)[1].split("-"))
    page.goto(link)
    page.wait_for_selector("#drill[data-state=ready] mark#evidence")
    doc_text = page.text_content("#doc-text")
    assert page.text_content("mark#evidence") == doc_text[start:end]


# -- hostile text ---------------------------------------------------------------------------------

@pytest.mark.parametrize("policy", ["csp", "csp-bypassed"])
def test_hostile_text_is_shown_as_text_and_runs_nothing(policy, server, shots, playwright, tmp_path_factory):
    ctx = _context(playwright, tmp_path_factory, bypass_csp=policy == "csp-bypassed")
    page = ctx.new_page()
    watch = Watch(page)
    base = server["base"]
    try:
        # a quote that contains <script>
        _open(page, base, "quotes")
        page.fill("#view-quotes input[name=speaker]", "Fidan")
        page.click("#view-quotes button[type=submit]")
        page.wait_for_selector("#view-quotes[data-state=ready] li.quote")
        assert page.locator("#view-quotes li.quote").count() == 1
        assert page.text_content("#view-quotes li.quote q") == HOSTILE_QUOTE
        assert HOSTILE["outlet"] in page.text_content("#view-quotes li.quote")
        # its document: title, outlet and an event sentence with <img onerror>
        page.click("#view-quotes li.quote")
        page.wait_for_selector("#drill[data-state=ready] mark#evidence")
        assert page.text_content("mark#evidence") == HOSTILE_QUOTE
        assert HOSTILE_SENTENCE in page.text_content("#doc-text")
        assert page.text_content("#drill .doc-title") == HOSTILE["title"]
        if policy == "csp-bypassed":
            page.screenshot(path=str(shots / "escaped-text.png"))
        # the same sentence as a story's evidence, reached from the map
        _open(page, base, "map")
        _press(page, 'svg.map .pt[data-name="Ankara"]')
        page.wait_for_selector("#drill[data-state=ready] .story")
        assert HOSTILE_SENTENCE in page.text_content("#drill .stories")
        # nothing ran, nothing was parsed as markup
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.evaluate("document.querySelectorAll('img, [onerror], main script, aside script').length") == 0
        assert page.evaluate("document.scripts.length") == 1            # only the dashboard's own module
        assert watch.dialogs == []
        assert not watch.errors
    finally:
        ctx.close()
