"""The records of the outside contract (CONTRACT.md) as plain dataclasses.

Every stage downstream of the annotators (store, server, exports) only ever sees these records
or their JSON form, so their field names are exactly the contract's. ``to_dict`` gives the JSON
shape; ``from_dict`` reads it back (the store and the API round-trip through it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Actor:
    """Who acts: a state, a part of a state (sector), a person, an IGO or NGO."""

    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None

    @staticmethod
    def make(text: str, name: str | None, country: str | None, sector: str | None,
             code: str | None = None) -> Actor:
        """Builds an actor whose CAMEO-style code is country+sector unless an IGO/NGO code is given."""
        if code is None and (country or sector):
            code = (country or "") + (sector or "")
        return Actor(text=text, name=name, country=country, sector=sector, code=code or None)

    @staticmethod
    def of_place(place: Place) -> Actor:
        """The state a place belongs to, as a party named by that place ('troops withdrew from Lebanon')."""
        return Actor.make(place.text, None, place.country, None)

    @cached_property
    def key(self) -> str:
        """Identity used to de-duplicate actors inside one event (worked out once: every participant
        added is compared with every one before it)."""
        return self.name or self.code or self.text


@dataclass(frozen=True)
class Place:
    """Where: a gazetteer entry, with the words that named it."""

    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None = None
    feature: str | None = None


@dataclass
class Removed:
    """A piece of the page that is not body text (chrome, credit, header, sign-off)."""

    text: str
    kind: str


@dataclass
class Quote:
    text: str
    speaker: Actor | None
    cue: str | None
    direct: bool
    start: int
    end: int
    sentence: int


@dataclass
class Event:
    id: str
    sentence: int
    evidence: str
    start: int
    end: int
    trigger: str | None
    actors: list[Actor]
    recipients: list[Actor]
    third_parties: list[Actor]
    plover: str | None
    mode: str | None
    contexts: list[str]
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    date: str | None
    date_text: str | None
    location: Place | None
    status: str
    speaker: Actor | None
    confidence: float
    # where the date came from (stated | relative | context | published) and its grain
    # (day | week | month | year); mentions of one happening in a document share ``happening``
    date_basis: str | None = None
    date_precision: str | None = None
    happening: str | None = None


@dataclass
class Entity:
    text: str
    type: str
    actor: Actor | None
    place: Place | None
    mentions: list[list[int]]


@dataclass
class Document:
    id: str
    doc_id: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    text: str
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Document:
        return Document(
            id=data["id"], doc_id=data["doc_id"], url=data.get("url"), title=data.get("title"),
            outlet=data.get("outlet"), published=data.get("published"), language=data.get("language"),
            text=data["text"],
            removed=[Removed(**r) for r in data.get("removed", [])],
            entities=[_entity(e) for e in data.get("entities", [])],
            events=[_event(e) for e in data.get("events", [])],
            quotes=[_quote(q) for q in data.get("quotes", [])],
        )


_LEAVES = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """``dataclasses.asdict`` without its deep copies: the same dicts, lists and tuples, built in a
    third of the time (a record holds only strings, numbers, None and nested records, which are
    immutable or rebuilt here, so nothing is shared with the dataclasses)."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    fields = getattr(kind, "__dataclass_fields__", None)
    if fields is not None:
        return {name: plain(getattr(value, name)) for name in fields}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def actor_from(data: dict[str, Any] | None) -> Actor | None:
    return Actor(**data) if data else None


def place_from(data: dict[str, Any] | None) -> Place | None:
    return Place(**data) if data else None


def _entity(d: dict[str, Any]) -> Entity:
    return Entity(text=d["text"], type=d["type"], actor=actor_from(d.get("actor")),
                  place=place_from(d.get("place")), mentions=[list(m) for m in d["mentions"]])


def _quote(d: dict[str, Any]) -> Quote:
    return Quote(**{**d, "speaker": actor_from(d.get("speaker"))})


def _event(d: dict[str, Any]) -> Event:
    return Event(**{
        **d,
        "actors": [Actor(**a) for a in d["actors"]],
        "recipients": [Actor(**a) for a in d["recipients"]],
        "third_parties": [Actor(**a) for a in d["third_parties"]],
        "contexts": list(d.get("contexts", [])),
        "location": place_from(d.get("location")),
        "speaker": actor_from(d.get("speaker")),
    })


@dataclass
class RawDocument:
    """A document as a source gives it, before cleaning: text or HTML plus whatever metadata it had."""

    id: str
    text: str | None = None
    html: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    source: str | None = None  # where it came from: a path, "path:line", "-"


@dataclass
class ReadFailure:
    """A document that could not be read; carries the name of the document and why."""

    id: str
    reason: str
