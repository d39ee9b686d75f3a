"""Stories (one happening merged across documents) as the API and the dashboard need them.

Why a module of its own: the store owns story building and ``Store.stories`` /
``Store.count_stories``; the dashboard also drills down by things the store's filter does not
know (a venue, a third party, the publication-date basis). Those are answered by taking the
events in scope (``queries.event_keys``) and keeping the stories that mention one of them, so a
story appears exactly when one of its mentions is in the bar, point or edge the analyst clicked.
"""

from __future__ import annotations

import weakref
from dataclasses import replace
from typing import Any

from dragoman.store import EventFilter, Store

_INDEX: weakref.WeakKeyDictionary[Store, dict[tuple[str, str], str]] = weakref.WeakKeyDictionary()


class StoriesUnavailable(RuntimeError):
    """This database/store has no stories (built before stories existed)."""


def available(store: Store) -> bool:
    return callable(getattr(store, "stories", None)) and callable(getattr(store, "count_stories", None))


def event_story_index(store: Store) -> dict[tuple[str, str], str]:
    """(doc_id, event_id) → story id, for every mention. Cached per open store: the server reopens
    its read-only store after each write, which drops the cache with the old store."""
    if not available(store):
        return {}
    index = _INDEX.get(store)
    if index is None:
        index = {}
        for story in store.stories(EventFilter(), limit=None, offset=0):
            for m in story.get("mentions") or []:
                index[(m["doc_id"], m["event_id"])] = story["id"]
        _INDEX[store] = index
    return index


def plain(scope: Any) -> bool:
    """True when the store's own filter expresses the whole scope."""
    return (scope.basis == "event" and scope.location is None and scope.location_country is None
            and not scope.third_party)


def stories(store: Store, scope: Any, limit: int | None = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, page of stories) for a :class:`~dragoman.server.queries.Scope`."""
    from .queries import event_keys

    if not available(store):
        raise StoriesUnavailable("this dragoman store has no stories yet")
    if plain(scope):
        return store.count_stories(scope.filters), store.stories(scope.filters, limit=limit, offset=offset)
    keys = event_keys(store, scope)
    candidates = store.stories(replace(scope.filters, since=None, until=None), limit=None, offset=0)
    found = [s for s in candidates
             if any((m["doc_id"], m["event_id"]) in keys for m in s.get("mentions") or [])]
    end = None if limit is None else offset + limit
    return len(found), found[offset:end]
