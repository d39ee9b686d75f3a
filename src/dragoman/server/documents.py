"""``POST /api/documents``: one input record in, its stored document record out.

Why it looks like this:
- The body is bounded (``MAX_BODY``) while it is read, so a huge upload is refused with 413
  before it is held in memory; it must be ``application/json``, which also means a cross-site
  page cannot post to a local server without a CORS preflight it will never get.
- The record goes through the same reader rules as a ``.jsonl`` line
  (``dragoman.read.jsonl.record_document``) and the same pipeline as ``dragoman ingest``; a
  record that cannot be read or extracted gets 422 with the reason.
- Extraction (seconds, one spaCy model per process) runs outside the database lock; only the
  insert takes the write side (``Database.writing``). Adding a document already stored is not an
  error: 200 with the stored record (201 when it was added).
- When the app has a token (``dragoman serve`` on a non-loopback address), the request must carry
  ``Authorization: Bearer <token>``; it is checked (in constant time) before the body is read.
"""

from __future__ import annotations

import hmac
import json
import threading
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from dragoman.model import Document, ReadFailure
from dragoman.read.jsonl import record_document
from dragoman.server.db import Database

MAX_BODY = 2 * 1024 * 1024
router = APIRouter(prefix="/api")

_BODY_SCHEMA = {
    "type": "object", "required": ["id"],
    "properties": {
        "id": {"type": "string"}, "text": {"type": "string"}, "html": {"type": "string"},
        "published": {"type": "string", "description": "YYYY-MM-DD"}, "url": {"type": "string"},
        "title": {"type": "string"}, "outlet": {"type": "string"},
    },
    "description": 'One input record: {"id", "text"} or {"id", "html"}, optionally published, url, title, outlet.',
}


class Extractor:
    """The pipeline, loaded on the first POST (the dashboard alone never pays for spaCy)."""

    def __init__(self) -> None:
        self._pipeline: Any = None
        self._lock = threading.Lock()

    def __call__(self, record: Any) -> Document:
        raw = record_document(record, "POST /api/documents")
        if isinstance(raw, ReadFailure):
            raise HTTPException(status_code=422, detail=raw.reason)
        with self._lock:
            if self._pipeline is None:
                from dragoman.run.pipeline import Pipeline
                self._pipeline = Pipeline()
            result = next(self._pipeline.process([raw]))
        if isinstance(result, ReadFailure):
            raise HTTPException(status_code=422, detail=f"{result.id}: {result.reason}")
        return result


def store_document(db: Database, extract: Extractor, record: Any) -> tuple[dict[str, Any], bool]:
    """Extracts and stores one record; returns (stored record, whether it was newly added)."""
    doc = extract(record)
    with db.writing() as store:
        result = store.add([doc])
        if result.failed:
            raise HTTPException(status_code=422, detail=f"not stored: {result.failed[0][1]}")
        stored = store.document(doc.doc_id)
    return stored or doc.to_dict(), result.added == 1


def check_token(request: Request) -> None:
    """401 unless the request carries the app's token (when it has one)."""
    token = getattr(request.app.state, "token", None)
    if token is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"},
                            detail="this server needs a token to add documents: "
                                   "send the header Authorization: Bearer <token>")
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"}, detail="wrong token")


async def _read_body(request: Request) -> bytes:
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        raise HTTPException(status_code=413, detail=f"body larger than {MAX_BODY:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise HTTPException(status_code=413, detail=f"body larger than {MAX_BODY:,} bytes")
    return bytes(body)


@router.post("/documents", status_code=201, summary="Add one document; returns its document record",
             openapi_extra={"requestBody": {"required": True,
                                            "content": {"application/json": {"schema": _BODY_SCHEMA}}}},
             responses={200: {"description": "already stored: the stored record"},
                        201: {"description": "stored: its document record"},
                        401: {"description": "a token is required (server bound to a non-loopback address)"},
                        413: {"description": "body too large"}, 415: {"description": "not JSON"},
                        422: {"description": "the record cannot be read or extracted"}})
async def post_document(request: Request, response: Response) -> dict[str, Any]:
    check_token(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise HTTPException(status_code=415, detail="send the record as Content-Type: application/json")
    body = await _read_body(request)
    try:
        record = json.loads(body.decode("utf-8"))
    except ValueError as exc:   # not UTF-8, not JSON, or a number of more than 4,300 digits
        raise HTTPException(status_code=400, detail=f"body is not JSON: {exc}") from exc
    except RecursionError as exc:
        raise HTTPException(status_code=400, detail="body is not JSON: nested too deeply") from exc
    stored, added = await run_in_threadpool(store_document, request.app.state.db,
                                            request.app.state.extractor, record)
    response.status_code = 201 if added else 200
    return stored
