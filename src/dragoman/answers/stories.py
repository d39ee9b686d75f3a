"""Stories (one happening merged across documents) for any scope the dashboard can click.

Why a module of its own: the store builds stories and answers ``Store.stories(filters)``; the
dashboard also drills down by things the store's filter does not know (a venue, a third party,
the publication-date basis). A story is in a scope exactly when one of its mentions is an event
in that scope — the store's own rule — so the extended scopes select story ids through
``story_mentions`` and read the stories' records, in the store's order.
"""

from __future__ import annotations

from typing import Any

from dragoman.answers.queries import Scope, plain, records_in_scope
from dragoman.store import Store

_ORDER = " ORDER BY s.date NULLS LAST, s.num_sources DESC, s.num_mentions DESC, s.story_id"


def stories(store: Store, scope: Scope, limit: int | None = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of Story dicts) for the scope."""
    if plain(scope):
        return store.count_stories(scope.filters), store.stories(scope.filters, limit=limit, offset=offset)
    ids = ("SELECT sm.story_id FROM story_mentions sm JOIN events e ON e.doc_id = sm.doc_id"
           " AND e.event_id = sm.event_id JOIN documents d ON d.doc_id = e.doc_id WHERE {where}")
    return records_in_scope(store, scope, "stories s", "s.story_id", ids, _ORDER, limit, offset)


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    """One Story record for the story view, or None. Each mention also gets its document's ``title``;
    a mention in a near-duplicate copy (``copy_of`` set) gets the ``similarity`` of the copy to its
    original and the original's outlet (``copy_of_outlet``), so the view can fold copies under it."""
    record = store.story(story_id)
    if record is None:
        return None
    mentions = record.get("mentions") or []
    docs = sorted({m["doc_id"] for m in mentions} | {m["copy_of"] for m in mentions if m.get("copy_of")})
    rows = store.query(
        "SELECT d.doc_id, d.title, d.outlet, d.url, nd.similarity FROM documents d"
        " LEFT JOIN near_duplicates nd ON nd.doc_id = d.doc_id"
        " WHERE d.doc_id IN (SELECT unnest(CAST(? AS VARCHAR[])))", [docs])
    info = {r["doc_id"]: r for r in rows}
    for m in mentions:
        doc = info.get(m["doc_id"], {})
        m["title"] = doc.get("title")
        if m.get("copy_of"):
            original = info.get(m["copy_of"], {})
            m["similarity"] = doc.get("similarity")
            m["copy_of_outlet"] = original.get("outlet") or original.get("url")
    return record


def document_stories(store: Store, doc_id: str) -> list[dict[str, str]]:
    """The story of each of a document's events: ``[{"event_id", "story_id"}]`` in event order."""
    rows = store.query("SELECT event_id, story_id FROM story_mentions WHERE doc_id = ?", [doc_id])
    return sorted(({"event_id": r["event_id"], "story_id": r["story_id"]} for r in rows),
                  key=lambda r: (len(r["event_id"]), r["event_id"]))
