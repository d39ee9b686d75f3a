"""The database's tables: one column list per table drives both the DDL and the inserts, so they cannot drift apart."""

from __future__ import annotations

SCHEMA_VERSION = "6"


UPGRADABLE = {"1", "2", "3", "4", "5"}  # older versions: document tables kept, link tables rebuilt by relinking


LINK_TABLES = ("stories", "story_mentions", "near_duplicates", "doc_signatures", "doc_bands", "doc_terms",
               "doc_profiles", "doc_threads", "threads")


# Table definitions: (column, SQL type). One list drives both the DDL and the inserts, so they
# cannot drift apart. "start" and "end" are quoted everywhere ("end" is an SQL keyword).
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_id", "VARCHAR PRIMARY KEY"), ("id", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"),
        ("outlet", "VARCHAR"), ("published", "DATE"), ("language", "VARCHAR"), ("text", "VARCHAR"),
        ("removed", "JSON"), ("record", "JSON"), ("ingested_at", "TIMESTAMP"),
    ],
    "events": [
        ("doc_id", "VARCHAR NOT NULL"), ("event_id", "VARCHAR NOT NULL"), ("sentence", "INTEGER"),
        ("evidence", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("trigger", "VARCHAR"),
        ("plover", "VARCHAR"), ("mode", "VARCHAR"), ("contexts", "VARCHAR[]"), ("cameo", "VARCHAR"),
        ("cameo_root", "VARCHAR"), ("quad_class", "INTEGER"), ("goldstein", "DOUBLE"), ("date", "DATE"),
        ("date_text", "VARCHAR"), ("status", "VARCHAR"), ("confidence", "DOUBLE"),
        ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
        ("geonames_id", "BIGINT"), ("location_feature", "VARCHAR"), ("speaker_name", "VARCHAR"),
        ("speaker_country", "VARCHAR"), ("speaker_code", "VARCHAR"), ("record", "JSON"),
    ],
    "event_actors": [
        ("doc_id", "VARCHAR NOT NULL"), ("event_id", "VARCHAR NOT NULL"),
        ("role", "VARCHAR NOT NULL CHECK (role IN ('actor', 'recipient', 'third_party'))"),
        ("position", "INTEGER"), ("text", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"),
        ("sector", "VARCHAR"), ("code", "VARCHAR"),
    ],
    "quotes": [
        ("doc_id", "VARCHAR NOT NULL"), ("quote_no", "INTEGER NOT NULL"), ("text", "VARCHAR"),
        ("speaker_name", "VARCHAR"), ("speaker_country", "VARCHAR"), ("speaker_sector", "VARCHAR"),
        ("speaker_code", "VARCHAR"), ("cue", "VARCHAR"), ("direct", "BOOLEAN"), ("start", "INTEGER"),
        ("end", "INTEGER"), ("sentence", "INTEGER"), ("record", "JSON"),
    ],
    "entities": [
        ("doc_id", "VARCHAR NOT NULL"), ("entity_no", "INTEGER NOT NULL"), ("text", "VARCHAR"),
        ("type", "VARCHAR"), ("actor_country", "VARCHAR"), ("actor_code", "VARCHAR"),
        ("place_name", "VARCHAR"), ("place_country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
        ("n_mentions", "INTEGER"),
    ],
    # -- written by dragoman.stories.linking --
    "story_mentions": [  # one row per event: its story and the fields the story rules compare
        ("doc_id", "VARCHAR NOT NULL"), ("event_id", "VARCHAR NOT NULL"), ("story_id", "VARCHAR NOT NULL"),
        ("seed", "VARCHAR NOT NULL"), ("status", "VARCHAR"), ("kind", "VARCHAR"), ("anchor", "DATE"),
        ("precise", "BOOLEAN"), ("parties", "VARCHAR[]"), ("place_country", "VARCHAR"), ("place_name", "VARCHAR"),
        ("vague", "BOOLEAN"),
    ],
    "stories": [
        ("story_id", "VARCHAR PRIMARY KEY"), ("seed", "VARCHAR NOT NULL"), ("plover", "VARCHAR"),
        ("cameo", "VARCHAR"), ("status", "VARCHAR"), ("date", "DATE"), ("first_seen", "DATE"),
        ("num_mentions", "INTEGER"), ("num_articles", "INTEGER"), ("num_sources", "INTEGER"),
        ("outlets", "VARCHAR[]"), ("parties", "VARCHAR[]"), ("location_name", "VARCHAR"),
        ("location_country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("record", "JSON"),
    ],
    "near_duplicates": [  # a document that is a near-copy of another (its group's canonical document)
        ("doc_id", "VARCHAR PRIMARY KEY"), ("canonical_doc_id", "VARCHAR NOT NULL"), ("similarity", "DOUBLE"),
    ],
    "doc_signatures": [  # a document has been linked; n_words and whether it was long enough to compare
        ("doc_id", "VARCHAR PRIMARY KEY"), ("n_words", "INTEGER"), ("eligible", "BOOLEAN"),
    ],
    "doc_bands": [  # MinHash LSH band keys (dragoman.stories.near_duplicates) of eligible documents
        ("doc_id", "VARCHAR NOT NULL"), ("band", "SMALLINT NOT NULL"), ("key", "BIGINT NOT NULL"),
    ],
    # -- written by dragoman.stories.threads --
    "doc_terms": [  # the inverted index: a document's heaviest TF-IDF terms (dragoman.stories.terms) and its
        # day, so that a lookup in a time window reads only the row groups of that window (zone maps)
        ("doc_id", "VARCHAR NOT NULL"), ("term", "VARCHAR NOT NULL"), ("weight", "DOUBLE NOT NULL"), ("day", "DATE"),
    ],
    "doc_profiles": [  # a document's day, the protagonists, words and counts of its lead, the sides of its events
        ("doc_id", "VARCHAR PRIMARY KEY"), ("day", "DATE"), ("lead_people", "VARCHAR[]"), ("lead_words", "VARCHAR[]"),
        ("sides", "VARCHAR[]"), ("lead_counts", "VARCHAR[]"),
    ],
    "doc_threads": [  # each document's thread
        ("doc_id", "VARCHAR PRIMARY KEY"), ("thread_id", "VARCHAR NOT NULL"),
    ],
    "threads": [  # one row per thread: the documents and stories of one affair
        ("thread_id", "VARCHAR PRIMARY KEY"), ("seed", "VARCHAR NOT NULL"), ("first_seen", "DATE"),
        ("last_seen", "DATE"), ("num_documents", "INTEGER"), ("num_articles", "INTEGER"),
        ("num_sources", "INTEGER"), ("num_stories", "INTEGER"), ("outlets", "VARCHAR[]"), ("record", "JSON"),
    ],
}


KEYS = {
    "events": "PRIMARY KEY (doc_id, event_id)",
    "event_actors": "PRIMARY KEY (doc_id, event_id, role, position)",
    "quotes": "PRIMARY KEY (doc_id, quote_no)",
    "entities": "PRIMARY KEY (doc_id, entity_no)",
    "story_mentions": "PRIMARY KEY (doc_id, event_id)",
}


# Order of writing one document's rows: the documents row first, so "has(doc_id)" can only be
# true once everything is in (all rows share one transaction anyway).
WRITE_ORDER = ("documents", "events", "event_actors", "quotes", "entities")


def quoted(name: str) -> str:
    return f'"{name}"'


def base_type(sql_type: str) -> str:
    """The type of a column definition without its constraints (JSON is bound as text)."""
    base = sql_type.split()[0]
    return "VARCHAR" if base == "JSON" else base
