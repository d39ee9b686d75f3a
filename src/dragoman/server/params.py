"""Query parameters shared by the API routes, validated into a :class:`Scope`.

Why one place: every list and aggregate takes the same filters (CONTRACT.md: ``actor``, ``dyad``,
``type``, ``since``, ``until``), and a malformed value must give the same 400 with a message on
every route, never a 500. Values are only ever validated here and bound as SQL parameters later;
an empty value (as an HTML form sends it) means "no filter". Lengths are bounded so a huge query
string cannot reach the database.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import HTTPException, Query

from dragoman.answers.queries import Scope
from dragoman.store import EventFilter


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def bad_request(exc: Exception) -> HTTPException:
    return HTTPException(status_code=400, detail=str(exc))


def make_scope(actor: str | None = None, dyad: str | None = None, plover: str | None = None,
               cameo: str | None = None, status: str | None = None, since: str | None = None,
               until: str | None = None, location: str | None = None, location_country: str | None = None,
               third_party: str | None = None, basis: str = "event") -> Scope:
    """A Scope from raw parameter strings; ValueError (with a readable message) when malformed."""
    filters = EventFilter(actor=_blank(actor), dyad=_blank(dyad), plover=_blank(plover), cameo=_blank(cameo),
                          status=_blank(status), since=_blank(since), until=_blank(until))
    tp = _blank(third_party)
    if tp is not None:
        tp = EventFilter(actor=tp).actor        # same code rules as actor=
    lc = _blank(location_country)
    if lc is not None:
        lc = EventFilter(actor=lc).actor
    return Scope(filters=filters, location=_blank(location), location_country=lc, third_party=tp,
                 basis=basis)


def scope_params(
    actor: Annotated[str | None, Query(max_length=40, description="country ISO3 or actor code among actors or recipients, e.g. RUS")] = None,
    dyad: Annotated[str | None, Query(max_length=90, description="two codes, both among actors ∪ recipients, e.g. USA,RUS")] = None,
    type: Annotated[str | None, Query(max_length=40, description="PLOVER event type, e.g. CONSULT")] = None,
    cameo: Annotated[str | None, Query(max_length=8, description="CAMEO code or prefix, e.g. 04")] = None,
    status: Annotated[str | None, Query(max_length=20, description="factual | future | hypothetical | negated")] = None,
    since: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD, inclusive")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD, inclusive")] = None,
    location: Annotated[str | None, Query(max_length=200, description="events at this place name (drill-down)")] = None,
    location_country: Annotated[str | None, Query(max_length=40, description="with location: its country ISO3")] = None,
    third_party: Annotated[str | None, Query(max_length=40, description="events with this host/mediator code")] = None,
    basis: Annotated[Literal["event", "reported"], Query(
        description="which date since/until apply to: event (the event's own date) or reported "
                    "(the event date, else its article's publication date)")] = "event",
) -> Scope:
    """FastAPI dependency: the filters of CONTRACT.md plus the dashboard's drill-down ones."""
    try:
        return make_scope(actor, dyad, type, cameo, status, since, until, location, location_country,
                          third_party, basis)
    except ValueError as exc:
        raise bad_request(exc) from exc


Limit = Annotated[int, Query(ge=0, le=1000, description="page size (at most 1000)")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
