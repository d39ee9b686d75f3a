"""Threads: the documents and stories of one affair, linked across documents by their words, names and time,
so that a document with no coded event (or events coded differently by each outlet) still finds its story.

Two levels: a **story** is one happening (its mentions agree on status, type, parties, day and place:
``dragoman.stories.matching``); a **thread** groups the documents that report one affair. Two documents
are in one thread when any of these holds:

1. **Similar text**: the cosine of their TF-IDF vectors (``dragoman.stories.terms``) reaches a threshold
   and their leads do not name different protagonists (``terms.conflict``). A document's *day* is its
   publication date, else the day most of its own stated dates give. Two dated documents must be at most
   ``WINDOW`` days apart and need ``DATED``; the words must carry more when time cannot confirm:
   ``UNDATED`` when neither has a day, ``ONE_DATED`` when only one has (a report without a date is
   how an older happening of the same kind slips in). When a day is missing and the two leads name
   weekdays at least two days apart ("on Saturday" against "on Thursday"), time disagrees and the words
   must reach ``STRICT``: two reports of one happening name the same day or, across time zones and
   overnight copy, the next; a happening of the same kind at another time names another. The same holds
   when a day is missing and the leads count the same thing differently ("23 pirates" against "26
   pirates", a magnitude 4.4 quake against a 4.6 one: ``quantities.disagree``): two reports of one
   happening count what it involved alike. The first thresholds were tuned on the odd-numbered topics of
   the ECB+ dev set and checked on the even ones; the weekday rule and ``STRICT`` were chosen on the even
   ones and checked on the odd, and so was the counts rule (``dragoman eval ecbplus-dev.jsonl``;
   docs/EVALUATION.md).
   Nor may they report only many-sided happenings of different sides (no coded event of one shares two
   parties with one of the other): Kazakh-Uzbek rail talks are another affair than Kazakh-Kyrgyz water
   talks held the same day in the same city by the same Kazakh minister.
2. **Copies**: they are near-duplicates of each other (``near_duplicates``).
3. **One story**: a mention of one and a mention of the other are in the same story.

Threads are the connected components of that relation. Every part of it depends only on the two
documents (fixed reference idf, stories that are themselves a function of the set of documents), so
threads are a function of the set of documents, whatever the order and batching of arrival, and a new
document can only join or merge threads. A thread's id derives from its smallest ``doc_id``.

Cost: candidates come from the inverted index ``doc_terms`` (each document keeps its ``TOP_TERMS``
heaviest terms, with its day) joined on shared terms, in DuckDB, only for the new documents and only with
the postings inside their window of days (plus those of undated documents): a range filter on the day,
which DuckDB answers from the row groups whose days overlap it (zone maps), so with documents stored
roughly in time order linking one does not read the whole index (bench/linking_scale.py). An undated new
document is compared with every document sharing a term. The exact cosine is then recomputed in Python
from the shared terms' weights (deterministic summation) and the lead test applied.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import duckdb

from dragoman.stories import quantities, terms
from dragoman.stories.matching import UnionFind, document_mentions, source_name

Insert = Callable[[duckdb.DuckDBPyConnection, str, Sequence[tuple]], None]
Cursor = duckdb.DuckDBPyConnection

DATED = 0.25         # cosine at or above which two documents dated within WINDOW days report one affair
ONE_DATED = 0.40     # ... when only one of them has a day
UNDATED = 0.35       # ... when neither has
WINDOW = 7           # days two dated documents of one affair may be apart
STRICT = 0.60        # ... when a day is missing and the leads name weekdays two or more days apart or
                     # disagree on a count
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_IDS = "(SELECT unnest(CAST(? AS VARCHAR[])))"


def keys(values: Sequence[Any]) -> str:
    """An IN list with one placeholder per value, for lookups by a primary key: DuckDB answers
    ``key IN (?, ?, ...)`` with an index scan (and pushes it into a scan as a filter on other tables),
    where ``key IN (SELECT unnest(?))`` is a join that reads every row of the table."""
    return "(" + ", ".join("?" * len(values)) + ")" if values else "(NULL)"


def thread_id(seed: str) -> str:
    return hashlib.sha1(f"thread:{seed}".encode()).hexdigest()[:16]


def document_day(record: dict[str, Any]) -> dt.date | None:
    """The publication date, else the day most of the document's stated day-precise event dates give."""
    published = record.get("published")
    if published:
        try:
            return dt.date.fromisoformat(str(published)[:10])
        except ValueError:
            pass
    days = Counter(ev["date"][:10] for ev in record.get("events") or []
                   if ev.get("date") and ev.get("date_basis") == "stated" and ev.get("date_precision") in (None, "day"))
    if not days:
        return None
    try:
        return dt.date.fromisoformat(min(days.items(), key=lambda kv: (-kv[1], kv[0]))[0])
    except ValueError:
        return None


def sides(record: dict[str, Any]) -> list[str]:
    """The party sets of the document's mentions with two or more parties (``"KAZ|KGZ"``), sorted."""
    return sorted({"|".join(m.parties) for m in document_mentions(record) if len(m.parties) >= 2})


def sides_conflict(a: Sequence[str], b: Sequence[str]) -> bool:
    """Both documents report many-sided happenings, and none of one shares two parties with one of the other."""
    if not a or not b:
        return False
    sets_b = [set(x.split("|")) for x in b]
    return not any(len(set(x.split("|")) & y) >= 2 for x in a for y in sets_b)


def weekdays_apart(words_a: Sequence[str], words_b: Sequence[str]) -> bool:
    """Both leads name weekdays, and every weekday of one is two or more days from every weekday of the other."""
    days_a = [WEEKDAYS.index(w) for w in words_a if w in WEEKDAYS]
    days_b = [WEEKDAYS.index(w) for w in words_b if w in WEEKDAYS]
    return bool(days_a and days_b) and all(min((x - y) % 7, (y - x) % 7) >= 2 for x in days_a for y in days_b)


def related(a: dict[str, float], b: dict[str, float], lead_a: tuple[Sequence[str], Sequence[str]],
            lead_b: tuple[Sequence[str], Sequence[str]], day_a: dt.date | None, day_b: dt.date | None,
            parties_a: Sequence[str] = (), parties_b: Sequence[str] = (), cos: float | None = None,
            counts_a: Sequence[str] = (), counts_b: Sequence[str] = ()) -> bool:
    """Rule 1 of the module docstring: similar text, no conflicting protagonists or lead happenings, days
    inside the window, and more similar text when a day is missing and the leads' weekdays or counts
    (``counts_a``, ``counts_b``: ``quantities.counts``) disagree. ``cos``: the cosine of ``a`` and ``b``
    when the caller computed it already."""
    if sides_conflict(parties_a, parties_b):
        return False
    if day_a and day_b:
        if abs((day_a - day_b).days) > WINDOW:
            return False
        threshold = DATED
    else:
        threshold = ONE_DATED if (day_a or day_b) else UNDATED
        if weekdays_apart(lead_a[1], lead_b[1]) or quantities.disagree(counts_a, counts_b):
            threshold = max(threshold, STRICT)
    if cos is None:
        cos = terms.cosine(a, b)
    return cos >= threshold and not terms.conflict(*lead_a, *lead_b)


def related_pairs(records: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """Every pair of documents rule 1 relates, by comparing all pairs (quadratic: the reference the
    indexed, incremental ``relate`` must agree with)."""
    ids = sorted({rec["doc_id"]: rec for rec in records}.items())
    prof = [(d, terms.vector(r), terms.lead(r), document_day(r), sides(r), quantities.counts(r)) for d, r in ids]
    return [(a[0], b[0]) for i, a in enumerate(prof) for b in prof[i + 1:]
            if related(a[1], b[1], a[2], b[2], a[3], b[3], a[4], b[4], counts_a=a[5], counts_b=b[5])]


# The new documents' terms (bound as lists: $1 doc, $2 term, $3 weight, $4 day) joined with the stored
# postings of those terms, summed per pair (a slightly generous cosine, confirmed exactly in Python from the
# shared terms' weights). Which postings are read is the blocking: for new documents with days, those of
# the window of days around them ($7..$8: a range filter on doc_terms.day, so DuckDB reads only the row
# groups whose days overlap it — a news feed is stored roughly in time order) plus those of undated
# documents; for an undated new document, every posting of its terms.
_CANDIDATES = """
WITH n AS (SELECT unnest(CAST($1 AS VARCHAR[])) AS doc_id, unnest(CAST($2 AS VARCHAR[])) AS term,
                  unnest(CAST($3 AS DOUBLE[])) AS weight, unnest(CAST($4 AS DATE[])) AS day),
     o AS ({postings})
SELECT n.doc_id, o.doc_id, list(o.term), list(o.weight)
FROM n JOIN o ON o.term = n.term AND o.doc_id <> n.doc_id
WHERE n.day IS NULL OR o.day IS NULL OR abs(datediff('day', n.day, o.day)) <= CAST($5 AS INTEGER)
GROUP BY n.doc_id, o.doc_id
HAVING sum(n.weight * o.weight) >= CAST($6 AS DOUBLE)
"""
_IN_WINDOW = _CANDIDATES.format(postings=(
    "SELECT doc_id, term, weight, day FROM doc_terms WHERE day BETWEEN CAST($7 AS DATE) AND CAST($8 AS DATE)"
    " UNION ALL SELECT doc_id, term, weight, day FROM doc_terms WHERE day IS NULL"))
_ANY_TIME = _CANDIDATES.format(postings="SELECT doc_id, term, weight, day FROM doc_terms"
                                         " WHERE term IN (SELECT term FROM n)")


def time_ranges(days: Iterable[dt.date], window: int, most: int = 3) -> list[tuple[dt.date, dt.date]]:
    """The ranges of stored days to read for new items of ``days``: each day widened by ``window``,
    overlapping ranges merged, then the closest ranges merged until at most ``most`` remain (each range
    costs a query; a straggler of last month costs one range, not a scan)."""
    out: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        lo, hi = day - dt.timedelta(days=window), day + dt.timedelta(days=window)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    while len(out) > most:
        i = min(range(len(out) - 1), key=lambda k: (out[k + 1][0] - out[k][1], k))
        out[i:i + 2] = [(out[i][0], out[i + 1][1])]
    return out


def day_groups(days: dict[str, dt.date | None]) -> list[tuple[list[str], tuple[dt.date, dt.date] | None]]:
    """The new documents in groups, each with the range of stored days its candidates are read from
    (``time_ranges``); the undated ones last, with no range (any day)."""
    groups = [([d for d, day in sorted(days.items()) if day and lo <= day - dt.timedelta(days=WINDOW)
                and day + dt.timedelta(days=WINDOW) <= hi], (lo, hi))
              for lo, hi in time_ranges((day for day in days.values() if day), WINDOW)]
    undated = sorted(d for d, day in days.items() if not day)
    return groups + ([(undated, None)] if undated else [])


def relate(cur: Cursor, records: Sequence[dict[str, Any]], insert: Insert) -> list[tuple[str, str]]:
    """Stores the new documents' profiles (terms, day, lead, sides, lead counts); returns the pairs (new document, any
    stored document) that rule 1 relates, each once, sorted."""
    new = {rec["doc_id"]: rec for rec in records}
    if not new:
        return []
    vectors = {d: terms.vector(rec) for d, rec in new.items()}
    leads = {d: terms.lead(rec) for d, rec in new.items()}
    days = {d: document_day(rec) for d, rec in new.items()}
    parties = {d: sides(rec) for d, rec in new.items()}
    counts = {d: quantities.counts(rec) for d, rec in new.items()}
    insert(cur, "doc_terms", [(d, t, w, days[d]) for d in sorted(new) for t, w in sorted(vectors[d].items())])
    insert(cur, "doc_profiles", [(d, days[d], leads[d][0], leads[d][1], parties[d], counts[d]) for d in sorted(new)])
    floor = min(DATED, ONE_DATED, UNDATED) - 1e-3
    shared: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for group, span in day_groups(days):
        rows = [(d, t, w, days[d]) for d in group for t, w in sorted(vectors[d].items())]
        if not rows:
            continue
        params: list[Any] = [list(c) for c in zip(*rows, strict=True)] + [WINDOW, floor]
        if span:
            params += list(span)
            sql = _IN_WINDOW
        else:
            sql = _ANY_TIME
        for a, b, ts, ws in cur.execute(sql, params).fetchall():
            shared[(a, b)] = sorted(zip(ts, ws, strict=True))
    _load(cur, {b for _, b in shared} - set(new), leads, days, parties, counts)
    found = set()
    for (a, b), weights in shared.items():
        cos = round(sum(vectors[a][t] * w for t, w in weights), 6)  # = terms.cosine: same terms, same order
        if related(vectors[a], {}, leads[a], leads[b], days[a], days[b], parties[a], parties[b], cos,
                   counts[a], counts[b]):
            found.add((a, b) if b not in new or a < b else (b, a))
    return sorted(found)


def link(cur: Cursor, records: Sequence[dict[str, Any]], insert: Insert, regrouped: set[str],
         related_pairs: Sequence[tuple[str, str]]) -> None:
    """Links the new documents into threads (inside the store's transaction, after ``relate`` and the
    stories): related pairs, copies and shared stories join or merge threads."""
    new = {rec["doc_id"]: rec for rec in records}
    if not new:
        return
    insert(cur, "doc_threads", [(d, thread_id(d)) for d in sorted(new)])
    ids = sorted(new)
    edges = list(related_pairs)
    # copies and shared stories
    touched = sorted(set(new) | regrouped)
    edges += cur.execute(f"SELECT doc_id, canonical_doc_id FROM near_duplicates WHERE doc_id IN {_IDS}"
                         f" OR canonical_doc_id IN {_IDS}", [touched, touched]).fetchall()
    by_story: dict[str, list[str]] = {}
    for sid, doc in cur.execute(f"SELECT DISTINCT story_id, doc_id FROM story_mentions WHERE story_id IN"
                                f" (SELECT story_id FROM story_mentions WHERE doc_id IN {_IDS})", [ids]).fetchall():
        by_story.setdefault(sid, []).append(doc)
    for docs in by_story.values():
        edges += [(docs[0], d) for d in docs[1:]]
    involved = sorted({d for e in edges for d in e} | set(new) | regrouped)
    thread_of = dict(cur.execute(f"SELECT doc_id, thread_id FROM doc_threads WHERE doc_id IN {keys(involved)}",
                                 involved).fetchall())
    uf = UnionFind()
    for d in involved:
        if d in thread_of:
            uf.find(thread_of[d])
    for a, b in edges:
        if a in thread_of and b in thread_of:
            uf.union(thread_of[a], thread_of[b])
    groups = uf.groups()
    old = sorted({t for g in groups.values() for t in g} - {thread_id(d) for d in new})
    seed_of = {thread_id(d): d for d in new}
    if old:
        seed_of.update(cur.execute(f"SELECT thread_id, seed FROM threads WHERE thread_id IN {keys(old)}", old).fetchall())
    moves: dict[str, str] = {}
    final: set[str] = set()
    stale: set[str] = set()
    for group in groups.values():
        target = thread_id(min(seed_of[t] for t in group))
        final.add(target)
        stale.update(group)
        moves.update((t, target) for t in group if t != target)
    if moves:
        cur.execute("UPDATE doc_threads SET thread_id = m.target FROM (SELECT unnest(CAST(? AS VARCHAR[])) AS old,"
                    " unnest(CAST(? AS VARCHAR[])) AS target) m WHERE doc_threads.thread_id = m.old",
                    [list(moves), list(moves.values())])
    rebuild(cur, sorted(final | stale), insert)


def _load(cur: Cursor, doc_ids: set[str], leads: dict[str, tuple[list[str], list[str]]],
          days: dict[str, dt.date | None], parties: dict[str, list[str]], counts: dict[str, list[str]]) -> None:
    """Reads the stored leads, days, sides and lead counts of ``doc_ids`` into the given maps."""
    if not doc_ids:
        return
    wanted = sorted(doc_ids)
    for doc_id, day, people, words, sides, stated in cur.execute(
            f"SELECT doc_id, day, lead_people, lead_words, sides, lead_counts FROM doc_profiles"
            f" WHERE doc_id IN {keys(wanted)}", wanted).fetchall():
        leads[doc_id] = (list(people or []), list(words or []))
        days[doc_id] = day
        parties[doc_id] = list(sides or [])
        counts[doc_id] = list(stated or [])
    for d in wanted:
        leads.setdefault(d, ([], []))
        days.setdefault(d, None)
        parties.setdefault(d, [])
        counts.setdefault(d, [])


def rebuild(cur: Cursor, ids: Sequence[str], insert: Insert) -> None:
    """Recomputes the ``threads`` rows of ``ids`` from their member documents (deleting emptied ones)."""
    if not ids:
        return
    ids = list(ids)
    cur.execute(f"DELETE FROM threads WHERE thread_id IN {keys(ids)}", ids)
    members: dict[str, list[str]] = {}
    for tid, doc in cur.execute(f"SELECT thread_id, doc_id FROM doc_threads WHERE thread_id IN {_IDS}", [ids]).fetchall():
        members.setdefault(tid, []).append(doc)
    docs = sorted({d for ds in members.values() for d in ds})
    if not docs:
        return
    info = {r[0]: r[1:] for r in cur.execute(
        f"SELECT doc_id, title, outlet, url, CAST(published AS VARCHAR), left(text, 160) FROM documents"
        f" WHERE doc_id IN {keys(docs)}", docs).fetchall()}
    canon = dict(cur.execute(f"SELECT doc_id, canonical_doc_id FROM near_duplicates WHERE doc_id IN {keys(docs)}",
                             docs).fetchall())
    stories_of: dict[str, set[str]] = {}
    for doc, sid in cur.execute(f"SELECT DISTINCT doc_id, story_id FROM story_mentions WHERE doc_id IN {_IDS}",
                                [docs]).fetchall():
        stories_of.setdefault(doc, set()).add(sid)
    out = []
    for tid, ds in members.items():
        record = aggregate(tid, ds, info, canon, stories_of)
        out.append((record["id"], min(ds), _date(record["first_seen"]), _date(record["last_seen"]),
                    record["num_documents"], record["num_articles"], record["num_sources"], record["num_stories"],
                    record["outlets"], json.dumps(record, ensure_ascii=False)))
    insert(cur, "threads", out)


def aggregate(tid: str, doc_ids: Sequence[str], info: dict[str, tuple], canon: dict[str, str],
              stories_of: dict[str, set[str]]) -> dict[str, Any]:
    """The thread record of its member documents (a function of the member set). ``info``: doc_id →
    (title, outlet, url, published, first characters of the text)."""
    ds = sorted(doc_ids)
    groups: dict[str, str | None] = {}
    for d in ds:
        group = canon.get(d, d)
        if group not in groups or group == d:
            title, outlet, url, _, _ = info.get(group, info.get(d, (None,) * 5))
            groups[group] = source_name(outlet, url)
    published = sorted(p for d in ds if (p := info.get(d, (None,) * 5)[3]))
    named = sorted({s for s in groups.values() if s})
    lead = min(ds, key=lambda d: (d in canon, info.get(d, (None,) * 5)[3] or "9999-99-99", d))
    title, _, _, _, start = info.get(lead, (None,) * 5)
    documents = sorted(({"doc_id": d, "title": info.get(d, (None,) * 5)[0], "outlet": info.get(d, (None,) * 5)[1],
                         "url": info.get(d, (None,) * 5)[2], "published": info.get(d, (None,) * 5)[3],
                         "copy_of": canon.get(d)} for d in ds),
                       key=lambda m: (m["published"] or "9999-99-99", m["doc_id"]))
    stories = sorted({s for d in ds for s in stories_of.get(d, ())})
    return {
        "id": tid, "title": title or " ".join((start or "").split()) or None,
        "first_seen": published[0] if published else None, "last_seen": published[-1] if published else None,
        "num_documents": len(ds), "num_articles": len(groups),
        "num_sources": len(named) + sum(1 for s in groups.values() if not s), "outlets": named,
        "num_stories": len(stories), "stories": stories, "documents": documents,
    }


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
