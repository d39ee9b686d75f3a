"""The embedded DuckDB store: document records in (``Store.add``), filtered events, quotes and stories out.

``schema`` defines the tables, ``rows`` turns a document record into rows, ``filters`` validates the
filters of CONTRACT.md, ``database`` is the ``Store`` that ties them to one DuckDB file.
"""

from dragoman.store.database import AddResult, Store, StoreLocked
from dragoman.store.filters import EventFilter
from dragoman.store.schema import SCHEMA_VERSION, TABLES

__all__ = ["SCHEMA_VERSION", "TABLES", "AddResult", "EventFilter", "Store", "StoreLocked"]
