"""dragoman's HTTP API and offline dashboard (``dragoman serve``).

``create_app(db_path)`` builds the FastAPI application; ``queries`` holds the read-only answers
(dyad series, venues, third parties, network) that ``dragoman brief`` shares with it.
"""

from __future__ import annotations

from typing import Any


def create_app(db_path: Any, allowed_hosts: list[str] | None = None, token: str | None = None) -> Any:
    """See :func:`dragoman.server.app.create_app` (imported lazily: FastAPI loads only when serving)."""
    from dragoman.server.app import create_app as _create

    return _create(db_path, allowed_hosts=allowed_hosts, token=token)


__all__ = ["create_app"]
