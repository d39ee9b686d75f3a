"""Hostile articles in a real browser: text that is markup, script, URLs with ``javascript:``, CSS that
would hide the page, template syntax, base and refresh tags, bidi overrides — in ids, titles, outlets,
URLs, event sentences and quotes. Every view and every document is opened in headless Chromium, once
under the server's Content-Security-Policy and once with it bypassed (so escaping alone is what is
tested): nothing runs, no element is injected, and every string is shown literally, exactly as stored.
"""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

import pytest
from serving import start_server, stop_server
from test_browser import ARGS, CHROMIUM, Watch  # skips this module as it skips itself

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '<svg onload="window.__pwned=3"></svg>',
    '"><iframe src="javascript:window.top.__pwned=4"></iframe>',
    "</textarea></title></style><script>window.__pwned=5</script>",
    "<style>body{display:none}</style>",
    "{{constructor.constructor('window.__pwned=6')()}} ${window.__pwned=6}",
    '<a href="javascript:window.__pwned=7">click me</a>',
    "<math><mtext></p><img src=x onerror=window.__pwned=8></mtext></math>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=9">',
    "&lt;b&gt;entity&lt;/b&gt; &amp;amp; \u202eRTL\u202c \u2028line\u2029para",
]
HOSTILE_DOCS = [
    {"id": 'hostile-a"><img src=x onerror=window.__pwned=10>', "published": "2025-03-10",
     "url": "javascript:window.__pwned=11", "outlet": PAYLOADS[1] + "Herald",
     "title": PAYLOADS[0] + PAYLOADS[4] + "Talks in Ankara",
     "text": (f"Russian and Turkish diplomats met in Ankara on Monday {PAYLOADS[2]} to discuss a ceasefire.\n\n"
              f'"We agreed {PAYLOADS[6]} on a new round of talks {PAYLOADS[7]}," said Turkish Foreign Minister '
              f"Hakan Fidan.\n\nArmenia and Azerbaijan signed a border agreement in Tbilisi on Tuesday {PAYLOADS[3]}.")},
    {"id": "hostile-b", "published": "2025-03-11", "url": "https://news.example/b?q=<script>x</script>",
     "outlet": '<a href="javascript:window.__pwned=12">Evil Times</a>', "title": PAYLOADS[8],
     "text": (f"Ukraine accused Russia of shelling Kharkiv overnight {PAYLOADS[5]} {PAYLOADS[9]}, officials said.\n\n"
              f'"The channel {PAYLOADS[10]} remains open," Armenian Foreign Minister Ararat Mirzoyan told reporters.\n\n'
              f"Qatar hosted talks between Russia and Ukraine in Doha on Wednesday {PAYLOADS[11]}.")},
    {"id": "hostile-c", "published": "2025-03-12", "title": None, "outlet": "\u202eenilwaR",
     "text": ('"We will not yield <script>window.__pwned=13</script>," said Russian Foreign Minister '
              "Sergey Lavrov in Moscow on Thursday.\n\nTürkiye and Russia held talks in Istanbul on Thursday "
              '<img src=x onerror=window.__pwned=14>.')},
]
VIEWS = ("dyad", "map", "network", "rank", "threads", "quotes")
INJECTED = ("[onerror], [onload], [onclick], [onmouseover], iframe, img, object, embed, base, "
            "meta[http-equiv], body style, a[href^='javascript:'], math, svg script, svg foreignObject")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    from dragoman.run.ingest import ingest

    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in HOSTILE_DOCS), encoding="utf-8")
    db = folder / "hostile.duckdb"
    result = ingest([str(source)], str(db))
    assert not result.failures and result.added == len(HOSTILE_DOCS), result
    proc, log, base = start_server(db, folder)
    records = []
    with urllib.request.urlopen(base + "/api/events?limit=1000") as r:
        doc_ids = sorted({e["doc_id"] for e in json.load(r)["items"]})
    for doc_id in doc_ids:
        with urllib.request.urlopen(base + "/api/documents/" + urllib.request.quote(doc_id, safe="")) as r:
            records.append(json.load(r))
    assert {r["id"] for r in records} == {d["id"] for d in HOSTILE_DOCS}
    yield base, records
    stop_server(proc, log)


def wait_until(page, condition: str, timeout: float = 20) -> None:
    """Polls a JS condition with ``evaluate`` (``wait_for_function`` compiles strings, which the
    server's Content-Security-Policy rightly refuses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(condition):
        assert time.monotonic() < deadline, f"timed out waiting for {condition}"
        time.sleep(0.05)


def assert_clean(page, watch: Watch, where: str) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined", where
    assert page.evaluate(f"document.querySelectorAll({json.dumps(INJECTED)}).length") == 0, (
        where, page.evaluate(f"[...document.querySelectorAll({json.dumps(INJECTED)})].map(e => e.outerHTML)"))
    assert page.evaluate("document.scripts.length") == 1, where               # the dashboard's module only
    assert page.evaluate("getComputedStyle(document.body).display") != "none", where
    assert page.evaluate("document.baseURI").startswith(page.evaluate("location.origin")), where
    assert watch.dialogs == [], where
    assert not watch.errors, (where, watch.errors)


@pytest.mark.parametrize("policy", ["csp", "csp-bypassed"])
def test_hostile_articles_render_as_text_everywhere(policy, hostile_server, tmp_path_factory):
    base, records = hostile_server
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 1400, "height": 900}, bypass_csp=policy == "csp-bypassed")
        try:
            page = ctx.new_page()
            watch = Watch(page)
            for view in VIEWS:
                page.goto(f"{base}/#{view}")
                page.wait_for_selector(f"#view-{view}[data-state=ready]", timeout=20_000)
                assert_clean(page, watch, view)
            quotes = page.locator("#view-quotes li.quote")
            assert quotes.count() >= 2
            shown = " ".join(quotes.all_text_contents())
            assert "<script>window.__pwned=13</script>" in shown                # literally, as text
            assert PAYLOADS[1] + "Herald" in shown                               # the outlet, literally
            quotes.first.click()
            page.wait_for_selector("#drill[data-state=ready] mark#evidence", timeout=20_000)
            assert_clean(page, watch, "quote drill-down")
            page.goto(f"{base}/#threads")                                       # every thread, opened
            page.wait_for_selector("#view-threads[data-state=ready]", timeout=20_000)
            rows = page.locator("#view-threads li.thread")
            assert rows.count() >= 1
            for i in range(rows.count()):
                rows.nth(i).click()
                page.wait_for_selector("#drill[data-state=ready] .thread-view .thread-document", timeout=20_000)
                assert_clean(page, watch, f"thread {i}")
            for record in records:
                page.goto(f"{base}/#doc/{urllib.request.quote(record['doc_id'], safe='')}")
                wait_until(page, "document.querySelector('#drill').dataset.state === 'ready' && "
                                 f"document.querySelector('#drill .document p.muted')?.textContent"
                                 f".endsWith({json.dumps('doc ' + record['doc_id'])})")
                assert page.text_content("#doc-text") == record["text"], record["id"]
                assert page.text_content("#drill .doc-title") == (record["title"] or record["id"])
                if record["url"]:
                    assert page.text_content("#drill .url") == record["url"]
                if record["outlet"]:
                    assert record["outlet"] in page.text_content("#drill .document p.muted")
                for event in page.locator("#drill .doc-events li").all():
                    event.click()
                    assert page.text_content("mark#evidence") in record["text"]
                assert_clean(page, watch, record["id"])
            page.goto(f"{base}/#map")
            page.wait_for_selector("#view-map[data-state=ready]", timeout=20_000)
            points = page.locator("svg.map .pt")
            if points.count():
                points.first.focus()
                page.keyboard.press("Enter")
                page.wait_for_selector("#drill[data-state=ready] .story", timeout=20_000)
                assert_clean(page, watch, "map drill-down")
        finally:
            ctx.close()


def test_the_page_itself_holds_no_inline_code():
    index = (Path(__file__).resolve().parents[1] / "src/dragoman/server/static/index.html").read_text()
    assert "<style" not in index and "onload=" not in index and "javascript:" not in index
    assert index.count("<script") == 1 and 'type="module" src="/static/js/main.js"' in index
