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
