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
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dragoman import __version__

from . import documents, routes
from .db import Database, Unavailable

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost"]


def static_dir() -> str:
    return os.fspath(resources.files("dragoman.server").joinpath("static"))


def _message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def create_app(db_path: str | os.PathLike[str], allowed_hosts: list[str] | None = None) -> FastAPI:
    """The API + dashboard over one dragoman database (created empty if the file is absent)."""
    db = Database(db_path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(title="dragoman", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Evidence-linked event data (CAMEO, PLOVER), stories and quotes from news.")
    app.state.db = db
    app.state.extractor = documents.Extractor()
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

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    return app


def _plain(errors: Any) -> list[dict[str, Any]]:
    """Validation errors without the raw input objects (which may not be JSON-serialisable)."""
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
