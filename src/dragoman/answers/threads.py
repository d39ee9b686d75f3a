"""Threads (the documents and stories of one affair) for the API and the dashboard.

A thread is in a scope when one of its documents has an event in that scope (the store's own rule,
``Store.threads``); the drill-down scopes the store's filter does not know (a venue, a third party, the
publication-date basis) select thread ids through ``doc_threads`` the same way ``answers.stories`` does.
One thread (``thread``) also lists its stories, each summed up in a line (what, who, when, where, how
many sources), so the view can show the happenings of the affair in order without one request per story.
"""

from __future__ import annotations

import json
from typing import Any

from dragoman.answers.queries import Scope, plain, records_in_scope
from dragoman.store import Store

_ORDER = " ORDER BY t.first_seen NULLS LAST, t.num_sources DESC, t.num_documents DESC, t.thread_id"


def threads(store: Store, scope: Scope, limit: int | None = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of thread records) for the scope, first seen first."""
    if plain(scope):
        return store.count_threads(scope.filters), store.threads(scope.filters, limit=limit, offset=offset)
    ids = ("SELECT dt.thread_id FROM doc_threads dt JOIN events e ON e.doc_id = dt.doc_id"
           " JOIN documents d ON d.doc_id = e.doc_id WHERE {where}")
    return records_in_scope(store, scope, "threads t", "t.thread_id", ids, _ORDER, limit, offset)


def story_summary(story: dict[str, Any]) -> dict[str, Any]:
    """The fields of a Story record a list of a thread's happenings shows."""
    keys = ("id", "date", "first_seen", "plover", "cameo", "status", "quad_class", "actors", "recipients",
            "parties", "location", "num_mentions", "num_articles", "num_sources", "outlets")
    return {k: story.get(k) for k in keys}


def thread(store: Store, thread_id: str) -> dict[str, Any] | None:
    """One thread record, or None; ``story_items`` sums up each of its stories (dated first, by date,
    most sources first), each with the ``doc_ids`` of the thread's documents that mention it."""
    record = store.thread(thread_id)
    if record is None:
        return None
    ids = record.get("stories") or []
    rows = store.query("SELECT record FROM stories WHERE story_id IN (SELECT unnest(CAST(? AS VARCHAR[])))"
                       " ORDER BY date NULLS LAST, num_sources DESC, num_mentions DESC, story_id", [ids]) if ids else []
    docs_of: dict[str, list[str]] = {}
    if ids:
        for r in store.query("SELECT DISTINCT story_id, doc_id FROM story_mentions WHERE story_id IN"
                             " (SELECT unnest(CAST(? AS VARCHAR[]))) ORDER BY story_id, doc_id", [ids]):
            docs_of.setdefault(r["story_id"], []).append(r["doc_id"])
    record["story_items"] = [{**story_summary(s), "doc_ids": docs_of.get(s["id"], [])}
                             for s in (json.loads(r["record"]) for r in rows)]
    return record


def thread_of_documents(store: Store, doc_ids: list[str]) -> str | None:
    """The thread of the first of ``doc_ids`` that has one (a story's documents share one thread)."""
    found = store.thread_of(doc_ids)
    return next((found[d] for d in doc_ids if d in found), None)
