"""The read-only routes of the HTTP API (CONTRACT.md's table, plus ``/api/actors`` and
``/api/network`` and ``/api/meta`` for the dashboard).

Each route validates its parameters (``params.scope_params``: 400 with a message when malformed),
takes the shared read-only store for the length of one query (``Database.reading``) and returns
plain JSON. Routes are plain ``def`` functions: FastAPI runs them in its thread pool, and every
query takes its own DuckDB cursor.
"""

from __future__ import annotations

import os
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from dragoman.codebook import all_plover

from . import queries
from . import stories as story_answers
from .db import Database
from .names import label
from .params import Limit, Offset, bad_request, make_scope, scope_params
from .queries import Scope

router = APIRouter(prefix="/api")
ScopeDep = Annotated[Scope, Depends(scope_params)]


def database(request: Request) -> Database:
    return request.app.state.db


DB = Annotated[Database, Depends(database)]


@router.get("/meta", summary="What the database holds: counts, date range, codebook names")
def get_meta(db: DB) -> dict[str, Any]:
    """For the dashboard's header and filter menus (PLOVER types come from the codebook data)."""
    with db.reading() as store:
        row = store.query(
            "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM events) AS events,"
            " (SELECT count(*) FROM stories) AS stories,"
            " (SELECT count(*) FROM quotes) AS quotes, CAST(min(coalesce(e.date, d.published)) AS VARCHAR) AS first,"
            " CAST(max(coalesce(e.date, d.published)) AS VARCHAR) AS last"
            " FROM events e JOIN documents d ON d.doc_id = e.doc_id")[0]
    return {**row, "plover_types": sorted(all_plover()),
            "statuses": ["factual", "future", "hypothetical", "negated"], "db": os.path.basename(db.path)}


@router.get("/events", summary="Events with their evidence, filtered and paged")
def get_events(db: DB, scope: ScopeDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    with db.reading() as store:
        return {"total": queries.count_events(store, scope), "limit": limit, "offset": offset,
                "items": queries.events(store, scope, limit, offset)}


@router.get("/stories", summary="Stories: one happening merged across documents and outlets")
def get_stories(db: DB, scope: ScopeDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    with db.reading() as store:
        total, items = story_answers.stories(store, scope, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/dyad", summary="A dyad's events per day, week or month")
def get_dyad(
    db: DB,
    a: Annotated[str, Query(max_length=40, description="first actor: ISO3 or actor code")],
    b: Annotated[str, Query(max_length=40, description="second actor: ISO3 or actor code")],
    interval: Literal["day", "week", "month"] = "month",
    type: Annotated[str | None, Query(max_length=40)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    basis: Literal["event", "reported"] = "reported",
) -> dict[str, Any]:
    """Per period: ``events``, ``goldstein_sum``, ``plover_score_sum`` and ``by_quad`` counts.
    Periods start on the day, the Monday or the first of the month (``period``; ``until`` is the
    period's last day). ``basis=reported`` (the default here) dates an event without a date of its
    own by its article's publication date; ``undated`` counts events with neither."""
    try:
        scope = make_scope(dyad=f"{a},{b}", plover=type, status=status, since=since, until=until, basis=basis)
    except ValueError as exc:
        raise bad_request(exc) from exc
    ca, cb = scope.filters.dyad or (a, b)
    with db.reading() as store:
        answer = queries.dyad_series(store, scope, interval)
    return {"a": ca, "b": cb, "a_name": label(ca), "b_name": label(cb), **answer}


@router.get("/venues", summary="Places where events happened, ranked")
def get_venues(db: DB, scope: ScopeDep, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> dict[str, Any]:
    with db.reading() as store:
        return {"basis": scope.basis, "items": queries.venues(store, scope, limit)}


@router.get("/third-parties", summary="Hosts, mediators and facilitators, ranked")
def get_third_parties(db: DB, scope: ScopeDep,
                      limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> dict[str, Any]:
    with db.reading() as store:
        return {"basis": scope.basis, "items": queries.third_parties(store, scope, limit)}


@router.get("/actors", summary="Actors (country or organisation level) with event counts")
def get_actors(db: DB, scope: ScopeDep, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
    with db.reading() as store:
        return {"items": queries.actors(store, scope, limit)}


@router.get("/network", summary="Who meets whom, with third parties")
def get_network(db: DB, scope: ScopeDep, limit: Annotated[int, Query(ge=1, le=300)] = 60) -> dict[str, Any]:
    with db.reading() as store:
        return queries.network(store, scope, limit)


@router.get("/quotes", summary="Quotes by speaker and words")
def get_quotes(
    db: DB,
    speaker: Annotated[str | None, Query(max_length=200, description="part of the speaker's name or actor code")] = None,
    q: Annotated[str | None, Query(max_length=500, description="words that must all occur in the quote")] = None,
    limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:
    with db.reading() as store:
        return {"total": store.count_quotes(speaker=speaker, q=q), "limit": limit, "offset": offset,
                "items": store.quotes(speaker=speaker, q=q, limit=limit, offset=offset)}


@router.get("/documents/{doc_id}", summary="A stored document record")
def get_document(db: DB, doc_id: str) -> dict[str, Any]:
    if len(doc_id) > 300:
        raise HTTPException(status_code=400, detail="doc_id is too long (at most 300 characters)")
    with db.reading() as store:
        record = store.document(doc_id)
    if record is None:
        raise HTTPException(status_code=404, detail=f"no document with doc_id {doc_id!r}")
    return record



