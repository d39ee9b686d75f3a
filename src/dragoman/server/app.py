"""``create_app(db_path)``: the FastAPI application behind ``dragoman serve``.

What it adds around the routes, and why:
- The dashboard (``/``, ``/static/…``) is plain files shipped in the package: it works offline.
  FastAPI's ``/docs`` pages would load Swagger from a CDN, so they are off; ``/openapi.json`` stays.
- A strict Content-Security-Policy (scripts and styles from this server only, no inline code,
  no plugins, no framing). Article text is always rendered with ``textContent``; the policy is the
  second lock on the same door: even text that slipped into markup could not run a script.
- Errors are JSON ``{"detail": "…"}`` with a readable message: a malformed parameter is a 4xx,
  a database held by another process a 503, never a stack trace.
- With ``allowed_hosts`` (``dragoman serve`` passes the loopback names when it binds to
  loopback), requests for any other Host header are refused, which defeats DNS rebinding.
- With ``token`` (``dragoman serve`` sets one whenever it binds to anything but loopback), the one
  route that writes, ``POST /api/documents``, needs ``Authorization: Bearer <token>``; reads stay open.
- Limits before any work is done: a query string over ``MAX_QUERY`` bytes or a path over
  ``MAX_PATH`` is refused with 414; the POST body is bounded in ``documents``. Every value reaches
  SQL as a bound parameter (``params``/``queries``); static files are served by Starlette's
  ``StaticFiles``, which resolves each path and refuses any that leaves the static folder.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dragoman import __version__
from dragoman.server import documents, routes
from dragoman.server.db import Database, Unavailable

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost"]
MAX_QUERY = 4096          # bytes of query string: the longest real filter set is a few hundred
MAX_PATH = 1024           # bytes of URL path (doc ids are at most 300 characters)


def static_dir() -> str:
    return os.fspath(resources.files("dragoman.server").joinpath("static"))


def _message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def create_app(db_path: str | os.PathLike[str], allowed_hosts: list[str] | None = None,
               token: str | None = None) -> FastAPI:
    """The API + dashboard over one dragoman database (created empty if the file is absent).

    ``allowed_hosts``: the Host names accepted (None: any). ``token``: when given, ``POST``
    requests must carry it as ``Authorization: Bearer <token>``.
    """
    if token is not None and not token.strip():
        raise ValueError("token must not be empty")
    db = Database(db_path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(title="dragoman", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Evidence-linked event data (CAMEO, PLOVER), stories and quotes from news.")
    app.state.db = db
    app.state.extractor = documents.Extractor()
    app.state.token = token
    app.include_router(routes.router)
    app.include_router(documents.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(os.path.join(static_dir(), "index.html"), media_type="text/html")

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _message(exc), "errors": _plain(exc.errors())}, status_code=422)

    @app.exception_handler(Unavailable)
    async def unavailable(_: Request, exc: Unavailable) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "2"})

    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(Guard)       # outermost: every answer, refusals included, gets the headers

    return app


class Guard:
    """ASGI middleware: a 414 for an over-long query string or path, before any other work, and the
    security headers on every response. (Plain ASGI rather than ``@app.middleware``: Starlette's
    ``BaseHTTPMiddleware`` costs a task and a stream per request.)"""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        refusal = _too_long(scope)
        await (refusal or self.app)(scope, receive, send_with_headers)


def _too_long(scope: dict[str, Any]) -> JSONResponse | None:
    """A 414 answer for a query string or path beyond the limits (None when within them)."""
    query = scope.get("query_string") or b""
    if len(query) > MAX_QUERY:
        return JSONResponse({"detail": f"query string longer than {MAX_QUERY} bytes"}, status_code=414)
    path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "replace")
    if len(path) > MAX_PATH:
        return JSONResponse({"detail": f"path longer than {MAX_PATH} bytes"}, status_code=414)
    return None


def _plain(errors: Any) -> list[dict[str, Any]]:
    """Validation errors without the raw input objects (which may not be JSON-serialisable)."""
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
