"""The database the API, brief and browser tests share: the project's samples plus one hostile
article whose text, title and outlet look like HTML that would run if it were ever parsed."""

from __future__ import annotations

import json
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

HOSTILE_QUOTE = "We agreed <script>window.__pwned=1</script> on a new round of talks,"
HOSTILE_SENTENCE = "Russian and Turkish diplomats met in Ankara on Monday <img src=x onerror=alert(1)>."
HOSTILE = {
    "id": "hostile-1",
    "published": "2025-03-10",
    "outlet": "<img src=x onerror=alert(3)>Herald",
    "title": "<script>window.__pwned=2</script>Talks in Ankara",
    "text": f'{HOSTILE_SENTENCE} "{HOSTILE_QUOTE}" said Turkish Foreign Minister Hakan Fidan.',
}


def build_db(folder: Path) -> Path:
    """Ingests the samples and the hostile article into ``folder/dash.duckdb``."""
    from dragoman.run.ingest import ingest

    folder.mkdir(parents=True, exist_ok=True)
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "dash.duckdb"
    result = ingest([str(SAMPLES), str(hostile)], str(db))
    assert not result.failures, result.failures
    return db


# -- a second database: one story told by five outlets (plus a wire copy), and a crowded network --------

STORIES = Path(__file__).resolve().parent / "data" / "stories"
MEETINGS = [("France", "Germany", "Paris"), ("China", "Japan", "Tokyo"), ("India", "Pakistan", "New Delhi"),
            ("Brazil", "Argentina", "Brasilia"), ("Egypt", "Israel", "Cairo"), ("Saudi Arabia", "Iran", "Riyadh"),
            ("Poland", "Ukraine", "Warsaw"), ("Greece", "Türkiye", "Athens"), ("South Korea", "North Korea", "Seoul"),
            ("Nigeria", "Ghana", "Abuja"), ("Kenya", "Ethiopia", "Nairobi"), ("Mexico", "Canada", "Mexico City"),
            ("Indonesia", "Malaysia", "Jakarta"), ("Vietnam", "Thailand", "Hanoi"), ("Spain", "Portugal", "Madrid"),
            ("Italy", "France", "Rome"), ("Germany", "Poland", "Berlin"), ("China", "India", "Beijing"),
            ("Japan", "South Korea", "Seoul"), ("Egypt", "Saudi Arabia", "Cairo"), ("Sweden", "Finland", "Stockholm"),
            ("Norway", "Denmark", "Oslo"), ("Chile", "Peru", "Santiago"), ("Colombia", "Venezuela", "Bogota"),
            ("Morocco", "Algeria", "Rabat"), ("Tunisia", "Libya", "Tunis"), ("Australia", "New Zealand", "Canberra"),
            ("Philippines", "China", "Manila")]
HOSTED = [("Qatar", "Israel", "Hamas", "Doha"), ("Türkiye", "Russia", "Ukraine", "Istanbul"),
          ("Oman", "Iran", "United States", "Muscat"), ("Norway", "Colombia", "Venezuela", "Oslo")]


def crowded_records() -> list[dict]:
    """Short articles (written for these tests) joining some forty countries: a network whose labels
    would collide if they were simply put beside their nodes."""
    out = [{"id": f"meeting-{i}", "published": "2025-03-04", "outlet": f"Test Outlet {i % 5}",
            "text": f"The foreign ministers of {a} and {b} met in {city} on Monday to discuss trade and security."
                    " The talks lasted four hours."} for i, (a, b, city) in enumerate(MEETINGS)]
    out += [{"id": f"hosted-{i}", "published": "2025-03-06", "outlet": "Test Outlet H",
             "text": f"Officials from {a} and {b} held talks in {city} on Wednesday, hosted by {host}."}
            for i, (host, a, b, city) in enumerate(HOSTED)]
    return out


def build_story_db(folder: Path) -> Path:
    """Ingests tests/data/stories and the crowded network into ``folder/stories.duckdb``."""
    from dragoman.run.ingest import ingest

    folder.mkdir(parents=True, exist_ok=True)
    crowded = folder / "crowded.jsonl"
    crowded.write_text("".join(json.dumps(r) + "\n" for r in crowded_records()), encoding="utf-8")
    db = folder / "stories.duckdb"
    result = ingest([str(STORIES), str(crowded)], str(db))
    assert not result.failures, result.failures
    return db
