"""Linking stored documents to each other: near-duplicate copies and stories, kept up to date as
documents arrive.

``link`` runs inside the store's write transaction, right after a batch's rows are inserted, so a
document is never committed without its near-duplicate links and its story membership: a crash rolls
back all of it, and the batch is simply stored (and linked) again next time. ``link_pending`` links
documents stored without it (a database from before stories existed).

Incremental and order-independent (see ``dragoman.stories.matching`` for the rules):

- Near-duplicates: the new documents' MinHash band keys (``doc_bands``) are joined with everyone's;
  candidates are confirmed with the exact shingle Jaccard. Groups of copies are the connected components
  of that relation; each group's *canonical* document is its earliest published (then smallest
  ``doc_id``), every other member has a row in ``near_duplicates`` pointing at it.
- Stories: each new mention starts as its own story; candidate partners are the stored mentions with
  the same status and type, inside the date window and sharing a party (or in the same document) — a
  blocking join in SQL; ``stories.compatible`` decides; stories that a new mention links are merged
  (union-find over story ids), taking the id of the smallest member. Old mentions are never re-read
  except as members of the stories they touch, whose aggregates (counts, outlets, date) are rebuilt.
  Mentions of documents that ``threads.relate`` finds related (similar words and names, close in time)
  are candidates too, under the relaxed rule 6.
- Threads (``dragoman.stories.threads``): the documents of one affair; related documents, copies and the
  documents of one story join or merge threads, the same way.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import duckdb

from dragoman.stories import near_duplicates as dedup
from dragoman.stories import threads
from dragoman.stories.matching import (
    RULES,
    Member,
    Mention,
    Rules,
    UnionFind,
    aggregate,
    compatible,
    document_mentions,
    related_compatible,
    source_name,
    story_id,
)
from dragoman.stories.threads import keys

Insert = Callable[[duckdb.DuckDBPyConnection, str, Sequence[tuple]], None]
Cursor = duckdb.DuckDBPyConnection

_MENTION_COLS = ("doc_id", "event_id", "status", "kind", "anchor", "precise", "parties", "place_country",
                 "place_name", "vague")


def link(cur: Cursor, records: Sequence[dict[str, Any]], insert: Insert, rules: Rules = RULES) -> None:
    """Links freshly inserted document records (contract dicts) to what is stored; same transaction."""
    if not records:
        return
    regrouped = _link_duplicates(cur, records, insert)
    related = threads.relate(cur, records, insert)
    _link_stories(cur, records, insert, regrouped, rules, related)
    threads.link(cur, records, insert, regrouped, related)


def link_pending(cur: Cursor, insert: Insert, batch: int = 200, rules: Rules = RULES) -> int:
    """Links stored documents that have no link state yet, ``batch`` per transaction; returns how many."""
    done = 0
    while True:
        rows = cur.execute("SELECT record FROM documents WHERE doc_id NOT IN (SELECT doc_id FROM doc_signatures)"
                           " ORDER BY doc_id LIMIT ?", [batch]).fetchall()
        if not rows:
            return done
        records = [json.loads(r[0]) for r in rows]
        cur.execute("BEGIN TRANSACTION")
        try:
            link(cur, records, insert, rules)
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")
        done += len(records)


# -- near-duplicates --------------------------------------------------------------------------------

def _link_duplicates(cur: Cursor, records: Sequence[dict[str, Any]], insert: Insert) -> set[str]:
    """Stores band keys of the new documents, links copies; returns the documents whose group changed."""
    shingles: dict[str, set[str]] = {}
    sig_rows, band_rows = [], []
    for rec in records:
        text = rec.get("text") or ""
        ok = dedup.eligible(text)
        sig_rows.append((rec["doc_id"], len(dedup.words(text)), ok))
        if ok:
            sh = shingles[rec["doc_id"]] = dedup.shingles(text)
            band_rows += [(rec["doc_id"], band, key)
                          for band, key in enumerate(dedup.band_keys(dedup.signature(sh)))]
    insert(cur, "doc_signatures", sig_rows)
    insert(cur, "doc_bands", band_rows)
    if not shingles:
        return set()
    pairs = cur.execute(
        "SELECT DISTINCT n.doc_id, o.doc_id FROM doc_bands n JOIN doc_bands o"
        " ON o.band = n.band AND o.key = n.key AND o.doc_id <> n.doc_id"
        " WHERE n.doc_id IN (SELECT unnest(CAST(? AS VARCHAR[])))", [list(shingles)]).fetchall()
    _load_shingles(cur, {o for _, o in pairs} - set(shingles), shingles)
    edges = {tuple(sorted(p)) for p in pairs if dedup.jaccard(shingles[p[0]], shingles[p[1]]) >= dedup.THRESHOLD}
    if not edges:
        return set()
    involved = {d for e in edges for d in e}
    current = dict(cur.execute(
        "SELECT doc_id, canonical_doc_id FROM near_duplicates WHERE doc_id IN (SELECT unnest(CAST(? AS VARCHAR[])))"
        " OR canonical_doc_id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
        [list(involved), list(involved)]).fetchall())
    canon_of = {d: current.get(d, d) for d in involved}
    more = cur.execute("SELECT doc_id, canonical_doc_id FROM near_duplicates"
                       " WHERE canonical_doc_id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
                       [list(set(canon_of.values()))]).fetchall()
    uf = UnionFind()
    for d, c in [*current.items(), *more, *canon_of.items()]:
        uf.union(d, c)
    for a, b in edges:
        uf.union(a, b)
    members = set(uf.parent)
    info = {r[0]: r[1:] for r in cur.execute(
        "SELECT doc_id, CAST(published AS VARCHAR), outlet, text, CAST(removed AS VARCHAR) FROM documents"
        f" WHERE doc_id IN {keys(members)}", list(members)).fetchall()}
    _load_shingles(cur, members - set(shingles), shingles)
    rows = []
    for group in uf.groups().values():
        canonical = _canonical(group, info)
        rows += [(d, canonical, round(dedup.jaccard(shingles[d], shingles[canonical]), 4))
                 for d in sorted(group) if d != canonical]
    cur.execute(f"DELETE FROM near_duplicates WHERE doc_id IN {keys(members)}", list(members))
    insert(cur, "near_duplicates", rows)
    return members


def _canonical(group: Iterable[str], info: dict[str, tuple]) -> str:
    """The original among copies: the document whose outlet the copies credit most (wire copy keeps
    "(Steppe Wire)" in its dateline or a "Source:" line), then the earliest published, then the smallest
    id. A function of the group alone, so arrival order never changes it."""
    texts = {d: f"{info[d][2] or ''} {info[d][3] or ''}".casefold() for d in group if d in info}

    def credited(d: str) -> int:
        outlet = (info.get(d, (None, None))[1] or "").strip().casefold()
        return sum(1 for t in texts.values() if len(outlet) >= 3 and outlet in t) if outlet else 0

    def published(d: str) -> str | None:
        return info.get(d, (None,))[0]

    return min(group, key=lambda d: (-credited(d), published(d) is None, published(d) or "", d))


def _load_shingles(cur: Cursor, doc_ids: Iterable[str], into: dict[str, set[str]]) -> None:
    wanted = [d for d in doc_ids if d not in into]
    if not wanted:
        return
    for doc_id, text in cur.execute(f"SELECT doc_id, text FROM documents WHERE doc_id IN {keys(wanted)}",
                                    wanted).fetchall():
        into[doc_id] = dedup.shingles(text or "")


# -- stories ------------------------------------------------------------------------------------------

# Candidate partners of the new mentions (those of documents $1): blocking by equal status and type, a
# shared party (hash join on unnested parties) within the date window, and in SQL the cheap necessary
# conditions of the rules (no vague dates; two precise dates must be equal; two multi-party mentions
# share two parties, single-party mentions the one). Stored mentions are read only inside one range of
# anchors ($4..$5, the new mentions' anchors widened by the window): a range filter DuckDB answers from
# the row groups whose anchors overlap it (zone maps), not by reading every mention.
# The rules then decide on each pair in Python.
_CANDIDATES = f"""
WITH n AS (SELECT doc_id, event_id, status, kind, anchor, precise, parties, unnest(parties) AS party
           FROM story_mentions WHERE doc_id IN (SELECT unnest(CAST($1 AS VARCHAR[]))) AND NOT coalesce(vague, false)
             AND anchor BETWEEN CAST($4 AS DATE) + CAST($2 AS INTEGER) AND CAST($5 AS DATE) - CAST($3 AS INTEGER)),
     o AS (SELECT doc_id, event_id, status, kind, anchor, precise, parties, unnest(parties) AS party
           FROM story_mentions WHERE anchor BETWEEN CAST($4 AS DATE) AND CAST($5 AS DATE) AND NOT coalesce(vague, false)),
     pairs AS (
       SELECT DISTINCT n.doc_id AS n_doc, n.event_id AS n_event, o.doc_id AS o_doc, o.event_id AS o_event
       FROM n JOIN o ON o.status = n.status AND o.kind = n.kind AND o.party = n.party
       WHERE o.anchor BETWEEN n.anchor - CAST($2 AS INTEGER) AND n.anchor + CAST($3 AS INTEGER)
         AND (NOT coalesce(n.precise AND o.precise, false) OR o.anchor = n.anchor)
         AND CASE WHEN len(n.parties) >= 2 AND len(o.parties) >= 2
                  THEN len(list_intersect(n.parties, o.parties)) >= 2
                  ELSE len(n.parties) = 1 AND len(o.parties) = 1 END)
SELECT p.n_doc, p.n_event, o.story_id, {", ".join(f"o.{c}" for c in _MENTION_COLS)}
FROM pairs p JOIN story_mentions o ON o.doc_id = p.o_doc AND o.event_id = p.o_event
  AND o.anchor BETWEEN CAST($4 AS DATE) AND CAST($5 AS DATE)
WHERE NOT (p.o_doc = p.n_doc AND p.o_event = p.n_event)
"""
# ... plus every other mention of the same document.
_SAME_DOCUMENT = f"""
SELECT n.doc_id, n.event_id, o.story_id, {", ".join(f"o.{c}" for c in _MENTION_COLS)}
FROM story_mentions n JOIN story_mentions o ON o.doc_id = n.doc_id
WHERE n.doc_id IN (SELECT unnest(CAST($1 AS VARCHAR[]))) AND o.doc_id IN (SELECT unnest(CAST($1 AS VARCHAR[])))
  AND NOT (o.doc_id = n.doc_id AND o.event_id = n.event_id)
"""


def _mention_row(m: Mention) -> tuple:
    sid = story_id(m.seed)
    return (m.doc_id, m.event_id, sid, m.seed, m.status, m.kind, m.anchor, m.precise, list(m.parties),
            m.place_country, m.place_name, m.vague)


def _mention_from_row(row: Sequence[Any]) -> Mention:
    doc_id, event_id, status, kind, anchor, precise, parties, country, name, vague = row
    return Mention(doc_id, event_id, status, kind, anchor, bool(precise), tuple(parties or ()), country, name,
                   bool(vague))


def _link_stories(cur: Cursor, records: Sequence[dict[str, Any]], insert: Insert, regrouped: set[str],
                  rules: Rules, related: Sequence[tuple[str, str]] = ()) -> None:
    new: dict[tuple[str, str], Mention] = {}
    for rec in records:
        for m in document_mentions(rec):
            new[(m.doc_id, m.event_id)] = m
    insert(cur, "story_mentions", [_mention_row(m) for m in new.values()])
    story_of = {key: story_id(m.seed) for key, m in new.items()}
    seed_of_story = {story_id(m.seed): m.seed for m in new.values()}
    uf = UnionFind()
    for sid in story_of.values():
        uf.find(sid)
    if new:
        docs = sorted({k[0] for k in new})
        found = cur.execute(_SAME_DOCUMENT, [docs]).fetchall()
        for lo, hi in threads.time_ranges((m.anchor for m in new.values() if m.anchor and not m.vague), rules.window):
            found += cur.execute(_CANDIDATES, [docs, rules.window, rules.window, lo, hi]).fetchall()
        for n_doc, n_event, o_story, *o_row in found:
            if compatible(new[(n_doc, n_event)], _mention_from_row(o_row), rules):
                uf.union(story_of[(n_doc, n_event)], o_story)
    if new and related:  # rule 6: the mentions of related documents, same status and type
        by_doc: dict[str, list[tuple[str, Mention]]] = {}
        others = sorted({d for pair in related for d in pair})
        for o_story, *o_row in cur.execute(
                f"SELECT story_id, {', '.join(_MENTION_COLS)} FROM story_mentions WHERE doc_id IN"
                " (SELECT unnest(CAST(? AS VARCHAR[])))", [others]).fetchall():
            mention = _mention_from_row(o_row)
            by_doc.setdefault(mention.doc_id, []).append((o_story, mention))
        for a_doc, b_doc in related:
            for a_story, a in by_doc.get(a_doc, ()):
                for b_story, b in by_doc.get(b_doc, ()):
                    if a.status == b.status and a.kind == b.kind and related_compatible(a, b, rules):
                        uf.union(a_story, b_story)
    groups = uf.groups()
    old_ids = sorted({sid for g in groups.values() for sid in g} - set(seed_of_story))
    if old_ids:
        seed_of_story.update(cur.execute(f"SELECT story_id, seed FROM stories WHERE story_id IN {keys(old_ids)}",
                                         old_ids).fetchall())
    final: set[str] = set()
    stale: set[str] = set()
    moves: dict[str, str] = {}
    for group in groups.values():
        target = story_id(min(seed_of_story[sid] for sid in group))
        final.add(target)
        stale.update(group)
        moves.update((sid, target) for sid in group if sid != target)
    if moves:  # one statement for the whole batch: each is a scan of story_mentions
        cur.execute("UPDATE story_mentions SET story_id = m.target FROM (SELECT unnest(CAST(? AS VARCHAR[])) AS old,"
                    " unnest(CAST(? AS VARCHAR[])) AS target) m WHERE story_mentions.story_id = m.old",
                    [list(moves), list(moves.values())])
    if regrouped:
        final.update(r[0] for r in cur.execute(
            "SELECT DISTINCT story_id FROM story_mentions WHERE doc_id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
            [sorted(regrouped)]).fetchall())
    rebuild(cur, sorted(final | stale), insert)


def rebuild(cur: Cursor, story_ids: Sequence[str], insert: Insert) -> None:
    """Recomputes the ``stories`` rows of ``story_ids`` from their members (deleting emptied ones)."""
    if not story_ids:
        return
    ids = list(story_ids)
    cur.execute(f"DELETE FROM stories WHERE story_id IN {keys(ids)}", ids)
    cols = ", ".join(f"sm.{c}" for c in _MENTION_COLS)
    # The member documents first, so that the wide tables are read through an IN-list filter pushed
    # into their scans (a join alone would read every stored event's JSON on each batch).
    docs = [r[0] for r in cur.execute("SELECT DISTINCT doc_id FROM story_mentions WHERE story_id IN"
                                      " (SELECT unnest(CAST(? AS VARCHAR[])))", [ids]).fetchall()]
    canon = dict(cur.execute(f"SELECT doc_id, canonical_doc_id FROM near_duplicates WHERE doc_id IN {keys(docs)}",
                             docs).fetchall()) if docs else {}
    all_docs = sorted(set(docs) | set(canon.values()))
    rows = cur.execute(
        f"SELECT sm.story_id, {cols}, e.record, d.outlet, d.url, CAST(d.published AS VARCHAR)"
        " FROM story_mentions sm"
        f" JOIN (SELECT doc_id, event_id, record FROM events WHERE doc_id IN {keys(docs)}) e"
        " ON e.doc_id = sm.doc_id AND e.event_id = sm.event_id"
        f" JOIN (SELECT doc_id, outlet, url, published FROM documents WHERE doc_id IN {keys(docs)}) d"
        " ON d.doc_id = sm.doc_id"
        " WHERE sm.story_id IN (SELECT unnest(CAST(? AS VARCHAR[])))", [*docs, *docs, ids]).fetchall()
    source = {r[0]: source_name(r[1], r[2]) for r in cur.execute(
        f"SELECT doc_id, outlet, url FROM documents WHERE doc_id IN {keys(all_docs)}", all_docs).fetchall()} if all_docs else {}
    members: dict[str, list[Member]] = {}
    width = len(_MENTION_COLS)
    for row in rows:
        sid, m_row, rest = row[0], row[1:1 + width], row[1 + width:]
        record, outlet, url, published = rest
        doc_id = m_row[0]
        copy_of = canon.get(doc_id)
        members.setdefault(sid, []).append(Member(
            mention=_mention_from_row(m_row), event=json.loads(record), outlet=outlet, url=url,
            published=published, copy_of=copy_of, group_source=source.get(copy_of or doc_id)))
    out = []
    for sid, ms in members.items():
        story = aggregate(ms)
        if story["id"] != sid:  # cannot happen unless the table was edited by hand; keep ids consistent
            cur.execute("UPDATE story_mentions SET story_id = ? WHERE story_id = ?", [story["id"], sid])
        loc = story["location"] or {}
        out.append((story["id"], min(m.mention.seed for m in ms),
                    story["plover"], story["cameo"], story["status"], _date(story["date"]),
                    _date(story["first_seen"]), story["num_mentions"], story["num_articles"],
                    story["num_sources"], story["outlets"], story["parties"], loc.get("name"),
                    loc.get("country"), loc.get("lat"), loc.get("lon"), json.dumps(story, ensure_ascii=False)))
    insert(cur, "stories", out)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
