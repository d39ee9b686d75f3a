"""Filters of ``dragoman events`` and the HTTP API, validated on creation and turned into bound SQL conditions."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_ACTOR_RE = re.compile(r"^[A-Z][A-Z0-9]{2,19}$")


def _check_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not ISO_DATE.match(value):
        raise ValueError(f"{name} must be a date YYYY-MM-DD, got {value!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} is not a valid date: {value!r}") from None
    return value


def _check_actor(value: str, name: str) -> str:
    code = value.strip().upper() if isinstance(value, str) else value
    if not isinstance(code, str) or not _ACTOR_RE.match(code):
        raise ValueError(f"{name} must be an ISO 3166-1 alpha-3 country code (e.g. RUS) "
                         f"or an actor code (e.g. RUSGOV), got {value!r}")
    return code


def _check_word(value: str | None, name: str, pattern: str, example: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(pattern, value.strip()):
        raise ValueError(f"{name} is malformed (expected something like {example}), got {value!r}")
    return value.strip()


@dataclass
class EventFilter:
    """Filters of ``dragoman events`` / ``/api/events``; validated and normalised on creation.

    Malformed values raise ``ValueError`` (the CLI and API turn it into a usage error / 4xx);
    well-formed but unknown values are allowed and simply match nothing.
    ``dyad`` also accepts ``"USA,RUS"`` or a two-item list.
    """

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    since: str | None = None
    until: str | None = None
    plover: str | None = None
    cameo: str | None = None
    status: str | None = None

    def __post_init__(self) -> None:
        if self.actor is not None:
            self.actor = _check_actor(self.actor, "actor")
        if self.dyad is not None:
            parts = self.dyad.split(",") if isinstance(self.dyad, str) else list(self.dyad)
            if len(parts) != 2:
                raise ValueError(f"dyad must be two codes like USA,RUS, got {self.dyad!r}")
            self.dyad = (_check_actor(parts[0], "dyad"), _check_actor(parts[1], "dyad"))
        self.since = _check_date(self.since, "since")
        self.until = _check_date(self.until, "until")
        plover = _check_word(self.plover, "type (PLOVER)", r"[A-Za-z_]+", "CONSULT")
        self.plover = plover.upper() if plover else None
        self.cameo = _check_word(self.cameo, "cameo", r"[0-9]{2,4}", "04 or 042")
        status = _check_word(self.status, "status", r"[A-Za-z_-]+", "factual")
        self.status = status.lower() if status else None

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on ``events e`` and its bound parameters."""
        conds: list[str] = []
        params: list[Any] = []
        party = ("EXISTS (SELECT 1 FROM event_actors a WHERE a.doc_id = e.doc_id AND a.event_id = e.event_id"
                 " AND a.role IN ('actor', 'recipient') AND (a.country = ? OR a.code = ?))")
        for code in ([self.actor] if self.actor else []) + list(self.dyad or ()):
            conds.append(party)
            params += [code, code]
        if self.since:
            conds.append("e.date >= CAST(? AS DATE)")
            params.append(self.since)
        if self.until:
            conds.append("e.date <= CAST(? AS DATE)")
            params.append(self.until)
        if self.plover:
            conds.append("e.plover = ?")
            params.append(self.plover)
        if self.cameo:
            conds.append("starts_with(e.cameo, ?)")
            params.append(self.cameo)
        if self.status:
            conds.append("e.status = ?")
            params.append(self.status)
        return (" AND ".join(conds) or "TRUE"), params


def _check_page(limit: int | None, offset: int) -> None:
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise ValueError(f"limit must be a non-negative integer, got {limit!r}")
    if not isinstance(offset, int) or offset < 0:
        raise ValueError(f"offset must be a non-negative integer, got {offset!r}")


def page(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    _check_page(limit, offset)
    return (" LIMIT ? OFFSET ?", [limit, offset]) if limit is not None else (" OFFSET ?", [offset])
