"""Stories (one happening merged across documents) for any scope the dashboard can click.

Why a module of its own: the store builds stories and answers ``Store.stories(filters)``; the
dashboard also drills down by things the store's filter does not know (a venue, a third party,
the publication-date basis). A story is in a scope exactly when one of its mentions is an event
in that scope — the store's own rule — so the extended scopes select story ids through
``story_mentions`` and read the stories' records, in the store's order.
"""

from __future__ import annotations

from typing import Any

from dragoman.answers.queries import Scope
from dragoman.store import Store

_ORDER = " ORDER BY s.date NULLS LAST, s.num_sources DESC, s.num_mentions DESC, s.story_id"


def _plain(scope: Scope) -> bool:
    """True when the store's own filter expresses the whole scope."""
    return (scope.basis == "event" and scope.location is None and scope.location_country is None
            and not scope.third_party)


def stories(store: Store, scope: Scope, limit: int | None = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of Story dicts) for the scope."""
    if _plain(scope):
        return store.count_stories(scope.filters), store.stories(scope.filters, limit=limit, offset=offset)
    import json

    where, params = scope.where()
    ids = ("SELECT sm.story_id FROM story_mentions sm JOIN events e ON e.doc_id = sm.doc_id"
           f" AND e.event_id = sm.event_id JOIN documents d ON d.doc_id = e.doc_id WHERE {where}")
    total = store.query(f"SELECT count(*) AS n FROM stories s WHERE s.story_id IN ({ids})", params)[0]["n"]
    page = " LIMIT ? OFFSET ?" if limit is not None else " OFFSET ?"
    rows = store.query(f"SELECT s.record FROM stories s WHERE s.story_id IN ({ids})" + _ORDER + page,
                       params + ([limit, offset] if limit is not None else [offset]))
    return total, [json.loads(r["record"]) for r in rows]
