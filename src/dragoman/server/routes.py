"""The read-only routes of the HTTP API (CONTRACT.md's table, plus ``/api/actors``,
``/api/network``, ``/api/meta``, one story ``/api/stories/{id}``, threads ``/api/threads`` and
``/api/threads/{id}``, and a document's stories for the dashboard).

Each route validates its parameters (``params.scope_params``: 400 with a message when malformed),
takes the shared read-only store for the length of one query (``Database.reading``) and returns
plain JSON. Routes are plain ``def`` functions: FastAPI runs them in its thread pool, and every
query takes its own DuckDB cursor.

Answers are encoded here (``respond``) and cached by the request's path and parameters
(``Database.answer``, emptied by every write). Returning the encoded bytes also skips FastAPI's
validation and re-encoding of a return value it cannot check anyway (the answers are plain dicts):
that work was most of the cost of a list of events.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse

from dragoman.answers import queries
from dragoman.answers import stories as story_answers
from dragoman.answers import threads as thread_answers
from dragoman.answers.names import label
from dragoman.answers.queries import Scope
from dragoman.knowledge.codebook import all_plover
from dragoman.server.db import Database
from dragoman.server.params import Limit, Offset, bad_request, make_scope, scope_params

router = APIRouter(prefix="/api", default_response_class=JSONResponse)
ScopeDep = Annotated[Scope, Depends(scope_params)]


def database(request: Request) -> Database:
    return request.app.state.db


DB = Annotated[Database, Depends(database)]


def encode(data: Any) -> bytes:
    """JSON as FastAPI's JSONResponse writes it (UTF-8, compact, no NaN)."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def respond(request: Request, compute: Callable[[Any], Any]) -> Response:
    """The answer of ``compute(store)`` for this request, from the cache when it was asked before."""
    params = urlencode(sorted(request.query_params.multi_items()))
    body = request.app.state.db.answer(f"{request.url.path}?{params}", lambda store: encode(compute(store)))
    return Response(body, media_type="application/json")


@router.get("/meta", summary="What the database holds: counts, date range, codebook names")
def get_meta(db: DB, request: Request) -> Response:
    """For the dashboard's header and filter menus (PLOVER types come from the codebook data)."""
    def compute(store: Any) -> dict[str, Any]:
        row = store.query(
            "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM events) AS events,"
            " (SELECT count(*) FROM stories) AS stories, (SELECT count(*) FROM threads) AS threads,"
            " (SELECT count(*) FROM quotes) AS quotes, CAST(min(coalesce(e.date, d.published)) AS VARCHAR) AS first,"
            " CAST(max(coalesce(e.date, d.published)) AS VARCHAR) AS last"
            " FROM events e JOIN documents d ON d.doc_id = e.doc_id")[0]
        return {**row, "plover_types": sorted(all_plover()),
                "statuses": ["factual", "future", "hypothetical", "negated"], "db": os.path.basename(db.path)}
    return respond(request, compute)


@router.get("/events", summary="Events with their evidence, filtered and paged")
def get_events(request: Request, scope: ScopeDep, limit: Limit = 50, offset: Offset = 0) -> Response:
    return respond(request, lambda store: {
        "total": queries.count_events(store, scope), "limit": limit, "offset": offset,
        "items": queries.events(store, scope, limit, offset)})


@router.get("/stories", summary="Stories: one happening merged across documents and outlets")
def get_stories(request: Request, scope: ScopeDep, limit: Limit = 50, offset: Offset = 0) -> Response:
    def compute(store: Any) -> dict[str, Any]:
        total, items = story_answers.stories(store, scope, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}
    return respond(request, compute)


@router.get("/stories/{story_id}", summary="One story: its outlets, first sighting, sources and every mention",
            responses={404: {"description": "no story with this id"}})
def get_story(request: Request, story_id: str) -> Response:
    """The Story record (as in ``/api/stories``) of one story. Each mention carries its sentence
    (``evidence``), ``doc_id``, ``event_id``, ``outlet``, ``published``, ``url`` and ``title``; a mention
    in a near-duplicate copy of another article has ``copy_of`` (the original's doc_id),
    ``copy_of_outlet`` and ``similarity`` (MinHash Jaccard of the two texts). Story ids change when
    stories merge: a 404 means the story is now part of another (look it up again by its events)."""
    if len(story_id) > 64:
        raise HTTPException(status_code=400, detail="story_id is too long (at most 64 characters)")

    def compute(store: Any) -> dict[str, Any]:
        record = story_answers.story(store, story_id)
        if record is None:          # raised inside: a missing story is never cached
            raise HTTPException(status_code=404, detail=f"no story with id {story_id!r}")
        record["thread_id"] = thread_answers.thread_of_documents(
            store, sorted({m["doc_id"] for m in record.get("mentions") or []}))
        return record
    return respond(request, compute)


@router.get("/threads", summary="Threads: the documents and stories of one affair, first seen first")
def get_threads(request: Request, scope: ScopeDep, limit: Limit = 50, offset: Offset = 0) -> Response:
    """Thread records (``dragoman stories --threads --format jsonl``): ``id``, ``title`` (of its earliest
    original article), ``first_seen``/``last_seen``, ``num_documents``, ``num_articles`` (copies count once),
    ``num_sources``, ``outlets``, ``num_stories``, ``stories`` (ids) and ``documents``. A thread is in the
    scope when one of its documents has an event in it; without filters every thread is listed, also
    those of documents without any coded event."""
    def compute(store: Any) -> dict[str, Any]:
        total, items = thread_answers.threads(store, scope, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}
    return respond(request, compute)


@router.get("/threads/{thread_id}", summary="One thread: its documents and a summary of each of its stories",
            responses={404: {"description": "no thread with this id"}})
def get_thread(request: Request, thread_id: str) -> Response:
    """The thread record (as in ``/api/threads``) plus ``story_items``: each story's date, type, parties,
    place, sources and the ``doc_ids`` that mention it, dated stories first. Thread ids change when threads
    merge (a new document linking two affairs): a 404 means the thread is now part of another."""
    if len(thread_id) > 64:
        raise HTTPException(status_code=400, detail="thread_id is too long (at most 64 characters)")

    def compute(store: Any) -> dict[str, Any]:
        record = thread_answers.thread(store, thread_id)
        if record is None:
            raise HTTPException(status_code=404, detail=f"no thread with id {thread_id!r}")
        return record
    return respond(request, compute)


@router.get("/dyad", summary="A dyad's events per day, week or month")
def get_dyad(
    request: Request,
    a: Annotated[str, Query(max_length=40, description="first actor: ISO3 or actor code")],
    b: Annotated[str, Query(max_length=40, description="second actor: ISO3 or actor code")],
    interval: Literal["day", "week", "month"] = "month",
    type: Annotated[str | None, Query(max_length=40)] = None,
    status: Annotated[str | None, Query(max_length=20)] = None,
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    basis: Literal["event", "reported"] = "reported",
) -> Response:
    """Per period: ``events``, ``goldstein_sum``, ``plover_score_sum`` and ``by_quad`` counts.
    Periods start on the day, the Monday or the first of the month (``period``; ``until`` is the
    period's last day). ``basis=reported`` (the default here) dates an event without a date of its
    own by its article's publication date; ``undated`` counts events with neither."""
    try:
        scope = make_scope(dyad=f"{a},{b}", plover=type, status=status, since=since, until=until, basis=basis)
    except ValueError as exc:
        raise bad_request(exc) from exc
    ca, cb = scope.filters.dyad or (a, b)
    return respond(request, lambda store: {"a": ca, "b": cb, "a_name": label(ca), "b_name": label(cb),
                                           **queries.dyad_series(store, scope, interval)})


@router.get("/venues", summary="Places where events happened, ranked")
def get_venues(request: Request, scope: ScopeDep, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> Response:
    return respond(request, lambda store: {"basis": scope.basis, "items": queries.venues(store, scope, limit)})


@router.get("/third-parties", summary="Hosts, mediators and facilitators, ranked")
def get_third_parties(request: Request, scope: ScopeDep,
                      limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> Response:
    return respond(request, lambda store: {"basis": scope.basis,
                                           "items": queries.third_parties(store, scope, limit)})


@router.get("/actors", summary="Actors (country or organisation level) with event counts")
def get_actors(request: Request, scope: ScopeDep, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> Response:
    return respond(request, lambda store: {"items": queries.actors(store, scope, limit)})


@router.get("/network", summary="Who meets whom, with third parties")
def get_network(request: Request, scope: ScopeDep, limit: Annotated[int, Query(ge=1, le=300)] = 60) -> Response:
    return respond(request, lambda store: queries.network(store, scope, limit))


@router.get("/quotes", summary="Quotes by speaker and words")
def get_quotes(
    request: Request,
    speaker: Annotated[str | None, Query(max_length=200, description="part of the speaker's name or actor code")] = None,
    q: Annotated[str | None, Query(max_length=500, description="words that must all occur in the quote")] = None,
    limit: Limit = 50, offset: Offset = 0,
) -> Response:
    return respond(request, lambda store: {
        "total": store.count_quotes(speaker=speaker, q=q), "limit": limit, "offset": offset,
        "items": store.quotes(speaker=speaker, q=q, limit=limit, offset=offset)})


@router.get("/documents/{doc_id}", summary="A stored document record")
def get_document(request: Request, doc_id: str) -> Response:
    if len(doc_id) > 300:
        raise HTTPException(status_code=400, detail="doc_id is too long (at most 300 characters)")

    def compute(store: Any) -> dict[str, Any]:
        record = store.document(doc_id)
        if record is None:          # raised inside: a missing document is never cached
            raise HTTPException(status_code=404, detail=f"no document with doc_id {doc_id!r}")
        return record
    return respond(request, compute)


@router.get("/documents/{doc_id}/stories", summary="The story of each event of a stored document",
            responses={404: {"description": "no document with this doc_id"}})
def get_document_stories(request: Request, doc_id: str) -> Response:
    """``{"doc_id", "thread_id", "items": [{"event_id", "story_id"}]}``: where each event of the document
    was merged, and the document's thread."""
    if len(doc_id) > 300:
        raise HTTPException(status_code=400, detail="doc_id is too long (at most 300 characters)")

    def compute(store: Any) -> dict[str, Any]:
        if not store.query("SELECT 1 AS x FROM documents WHERE doc_id = ?", [doc_id]):
            raise HTTPException(status_code=404, detail=f"no document with doc_id {doc_id!r}")
        return {"doc_id": doc_id, "thread_id": store.thread_of([doc_id]).get(doc_id),
                "items": story_answers.document_stories(store, doc_id)}
    return respond(request, compute)
