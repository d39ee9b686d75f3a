"""``dragoman brief``: a Markdown brief on a dyad or an actor over a period, every claim with its evidence.

An analyst's question ("is this a diplomatic reset?", "is Istanbul becoming the venue?") gets
four short sections — what happened (stories), where (venues), through whom (hosts and
mediators), who said what (quotes) — built from the same queries as the dashboard
(:mod:`dragoman.answers.queries`), so the numbers agree. Each line carries references like
``[E3]``: the Evidence section gives the document, the sentence number and the sentence itself,
and each reference links to the dashboard (``dragoman serve``) at that sentence, highlighted.

Article text is escaped for Markdown: a sentence that contains ``<script>`` or ``*`` is shown as
those characters, never as markup.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from dragoman.answers import queries
from dragoman.answers.names import label, sectors
from dragoman.answers.queries import Scope
from dragoman.knowledge.codebook import cameo as cameo_entry
from dragoman.store import EventFilter, Store

DEFAULT_LINK_BASE = "http://127.0.0.1:8000"
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
STATUS_WORDS = {"future": "planned or announced", "hypothetical": "possible, not confirmed",
                "negated": "denied or said not to have happened"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: Any) -> str:
    """Article text as literal Markdown text: HTML-significant characters become entities,
    Markdown punctuation is backslash-escaped, line breaks become spaces."""
    s = " ".join(str(text or "").split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", s)


@dataclass
class Evidence:
    """Numbered references to sentences (events) and quotes, in the order first cited."""

    link_base: str | None
    refs: dict[tuple[str, str, int, int], str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def cite(self, kind: str, doc_id: str, start: int, end: int, sentence: Any, text: str,
             source: dict[str, Any]) -> str:
        key = (kind, doc_id, start, end)
        if key not in self.refs:
            tag = f"{kind}{sum(1 for k in self.refs if k[0] == kind) + 1}"
            self.refs[key] = tag
            where = ", ".join(x for x in (source.get("outlet"), source.get("published")) if x)
            name = f" ({md(where)})" if where else ""
            self.lines.append(f"- {self._link(tag, doc_id, start, end)} document `{doc_id}`{name}, "
                              f"sentence {sentence}: “{md(text)}”")
        return self._link(self.refs[key], doc_id, start, end)

    def _link(self, tag: str, doc_id: str, start: int, end: int) -> str:
        if not self.link_base:
            return f"[{tag}]"
        return f"[\\[{tag}\\]]({self.link_base.rstrip('/')}/#doc/{doc_id}/{start}-{end})"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def _actor_name(a: dict[str, Any]) -> str:
    """A country or organisation by name; an actor known only by its sector by its own words."""
    code = a.get("code")
    key = a.get("country") or (code if code and code not in sectors() else None)
    return label(key) if key else (a.get("name") or a.get("text") or "?")


def _names(actors: list[dict[str, Any]]) -> str:
    names = list(dict.fromkeys(_actor_name(a) for a in actors or []))
    return " and ".join(md(n) for n in names) or "an unnamed actor"


def _refs(cited: list[str]) -> str:
    return " ".join(dict.fromkeys(cited))


def _what(item: dict[str, Any]) -> str:
    entry = cameo_entry(item.get("cameo"))
    verb = entry.name if entry else (item.get("plover") or "event")
    code = " / ".join(x for x in (item.get("plover"), f"CAMEO {item['cameo']}" if item.get("cameo") else None) if x)
    return f"{md(verb)} ({code})" if code else md(verb)


def _place(loc: dict[str, Any] | None) -> str:
    if not loc:
        return ""
    precision = loc.get("feature") if loc.get("feature") in ("city", "site") else f"{loc.get('feature') or 'place'}-level"
    country = f", {label(loc['country'])}" if loc.get("country") and label(loc['country']) != loc.get("name") else ""
    return f" in {md(loc.get('name') or loc.get('text'))}{md(country)} ({precision})"


def _title(actor: str | None, dyad: tuple[str, str] | None) -> str:
    if dyad:
        return f"{label(dyad[0])} ({dyad[0]}) – {label(dyad[1])} ({dyad[1]})"
    return f"{label(actor)} ({actor})"


def build_brief(store: Store, actor: str | None = None, dyad: str | tuple[str, str] | None = None,
                since: str | None = None, until: str | None = None,
                link_base: str | None = DEFAULT_LINK_BASE, limit: int = 40) -> str:
    """The Markdown brief. ``actor`` or ``dyad`` (not both); malformed values raise ValueError."""
    if bool(actor) == bool(dyad):
        raise ValueError("give either an actor (e.g. TUR) or a dyad (e.g. ARM,AZE)")
    filters = EventFilter(actor=actor, dyad=dyad, since=since, until=until)
    scope = Scope(filters=filters, basis="reported")
    ev = Evidence(link_base)
    events = queries.events(store, scope, limit=None)
    by_key = {(e["doc_id"], e["id"]): e for e in events}

    def cite_event(e: dict[str, Any]) -> str:
        return ev.cite("E", e["doc_id"], e["start"], e["end"], e["sentence"], e["evidence"], e)

    out = [f"# Brief: {md(_title(filters.actor, filters.dyad))}", ""]
    period = (f"{since} to {until}" if since and until else f"from {since}" if since
              else f"until {until}" if until else "all dates")
    stories = sorted(_stories(store, scope), key=lambda st: st.get("date") or st.get("first_seen") or "9999")
    docs = {e["doc_id"] for e in events}
    out += [f"Period: {period} (an event's own date, else its article's publication date). "
            f"{len(events)} events in {len(stories)} stories, from {len(docs)} documents.", ""]
    if not events:
        out += ["No events match. Check the codes and the period (`dragoman events` lists what is stored).", ""]
        return "\n".join(out)
    out += _summary(events)
    out += ["", "## What happened", ""]
    for story in stories[:limit]:
        mentions = [by_key[(m["doc_id"], m["event_id"])] for m in story.get("mentions") or []
                    if (m["doc_id"], m["event_id"]) in by_key]
        refs = _refs([cite_event(e) for e in mentions[:3]])
        third = (f", with {_names(story['third_parties'])} as host or mediator"
                 if story.get("third_parties") else "")
        recips = f" → {_names(story['recipients'])}" if story.get("recipients") else ""
        status = f" — {STATUS_WORDS[story['status']]}" if story.get("status") in STATUS_WORDS else ""
        # a story of coarser grain ('consultations stalled in January') has no day: its mentions' date
        own = sorted(str(e["date"]) for e in mentions if e.get("date"))
        when = story.get("date") or (own[0] if own else None) or story.get("first_seen") or "undated"
        out.append(f"- **{when}** {_names(story.get('actors') or [])}{recips}: {_what(story)}{third}"
                   f"{_place(story.get('location'))}{status}; {_plural(story.get('num_articles', 1), 'article')}. {refs}")
    if len(stories) > limit:
        out.append(f"- … and {len(stories) - limit} more stories (`dragoman stories` lists them all).")
    out += ["", "## Where", ""] + _where(store, scope, events, cite_event)
    out += ["", "## Through whom", ""] + _through(store, scope, events, cite_event)
    if filters.actor:
        out += ["", f"## {md(label(filters.actor))} as host or mediator", ""]
        out += _as_third(store, Scope(filters=replace(filters, actor=None), third_party=filters.actor,
                                      basis="reported"), cite_event, limit)
    out += ["", "## Who said what", ""] + _said(store, filters, events, ev, limit)
    out += ["", "## Evidence", ""]
    if link_base:
        out += [f"Each reference opens the sentence in the dashboard: `dragoman serve --db {store.path}` "
                f"(at {link_base}).", ""]
    out += ev.lines
    return "\n".join(out) + "\n"


def _stories(store: Store, scope: Scope) -> list[dict[str, Any]]:
    from dragoman.answers.stories import stories

    return stories(store, scope, limit=None)[1]


def _summary(events: list[dict[str, Any]]) -> list[str]:
    quads = Counter(e.get("quad_class") for e in events)
    types = Counter(e.get("plover") or "no PLOVER type" for e in events)
    status = Counter(e.get("status") for e in events)
    goldstein = sum(e.get("goldstein") or 0.0 for e in events)
    coop, conf = quads[1] + quads[2], quads[3] + quads[4]
    return [
        "## In short", "",
        f"- {coop} cooperative events ({quads[1]} verbal, {quads[2]} material) and {conf} conflictual "
        f"({quads[3]} verbal, {quads[4]} material); Goldstein sum {goldstein:+.1f}.",
        "- Types: " + ", ".join(f"{t} {n}" for t, n in types.most_common()) + ".",
        "- Status: " + ", ".join(f"{s} {n}" for s, n in status.most_common()) + ".",
    ]


def _where(store: Store, scope: Scope, events: list[dict[str, Any]], cite: Any) -> list[str]:
    at: dict[tuple[Any, Any], list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        loc = e.get("location") or {}
        if loc.get("name"):
            at[(loc.get("name"), loc.get("country"))].append(e)
    lines = []
    for v in queries.venues(store, scope, limit=15):
        refs = _refs([cite(e) for e in at.get((v["name"], v["country"]), [])[:3]])
        country = f", {label(v['country'])}" if v["country"] and label(v["country"]) != v["name"] else ""
        precision = v["feature"] if v["feature"] in ("city", "site") else f"{v['feature'] or 'place'}-level"
        lines.append(f"- **{md(v['name'])}**{md(country)} ({precision}): {_plural(v['events'], 'event')}, "
                     f"{_plural(v['stories'], 'story', 'stories')}. {refs}")
    return lines or ["No event in scope names its place."]


def _through(store: Store, scope: Scope, events: list[dict[str, Any]], cite: Any) -> list[str]:
    beside: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        for a in e.get("third_parties") or []:
            key = a.get("country") or a.get("code")
            if key:
                beside[key].append(e)
    lines = []
    for t in queries.third_parties(store, scope, limit=15):
        refs = _refs([cite(e) for e in beside.get(t["code"], [])[:3]])
        hosted = f", {t['hosted']} in its own country" if t["hosted"] else ""
        lines.append(f"- **{md(t['name'])}** ({t['code']}): host or mediator in {_plural(t['events'], 'event')}{hosted}. {refs}")
    return lines or ["No third party (host, mediator, facilitator) is named in these events."]


def _as_third(store: Store, scope: Scope, cite: Any, limit: int) -> list[str]:
    """Events where the actor stands beside the sides: the go-between question."""
    lines = []
    for e in queries.events(store, scope, limit=limit):
        when = e.get("date") or e.get("published") or "undated"
        lines.append(f"- **{when}** {_names(e.get('actors') or [])}"
                     f"{' → ' + _names(e['recipients']) if e.get('recipients') else ''}: {_what(e)}"
                     f"{_place(e.get('location'))}. {cite(e)}")
    return lines or ["Not named as a host or mediator in these documents."]


def _said(store: Store, filters: EventFilter, events: list[dict[str, Any]], ev: Evidence, limit: int) -> list[str]:
    codes = [filters.actor] if filters.actor else list(filters.dyad or ())
    for e in events:
        codes += [a.get("country") or a.get("code") for a in e.get("third_parties") or []]
    codes = [c for c in dict.fromkeys(codes) if c]
    quotes = queries.quotes_of(store, codes, filters.since, filters.until, limit=limit)
    lines = []
    for q in quotes:
        sp = q.get("speaker") or {}
        who = sp.get("name") or sp.get("text") or "unnamed speaker"
        ref = ev.cite("Q", q["doc_id"], q["start"], q["end"], q["sentence"], q["text"], q)
        lines.append(f"- **{md(who)}** ({sp.get('code') or sp.get('country') or '?'}): “{md(q['text'])}” {ref}")
    return lines or ["No quote from these actors' speakers in the period."]
