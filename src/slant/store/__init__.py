"""The embedded corpus store: documents, their versioned analysis, runs, failures, clusters."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Union

from slant.store.outlets import named
from slant.store.settings import StoreSettings, store_settings
from slant.store.sqlite import PutResult, Store, WriteSession

__all__ = ["PutResult", "Source", "Store", "StoreSettings", "WriteSession", "corpus_totals", "open_store",
           "query_rows"]

#: a store, or an open connection to one (the web app reads through its own connection)
Source = Union[Store, sqlite3.Connection]


def query_rows(db: Source, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    """Rows of a read query as dicts, from a Store or a bare sqlite3 connection to one."""
    if isinstance(db, sqlite3.Connection):
        cursor = db.execute(sql, params)
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row)) for row in cursor]
    return db.query(sql, params)


def open_store(path: str | Path | None = None, settings: object | None = None, *,
               readonly: bool = False) -> Store:
    """Open (creating and migrating if needed) the store at ``path``.

    ``settings`` may be a :class:`StoreSettings` or a whole Settings object; its ``backend``
    ``"memory"`` (or ``path`` ``None`` / ``":memory:"``) gives the in-memory test double.
    """
    section = settings if isinstance(settings, StoreSettings) else store_settings(settings)
    if path is None or section.backend == "memory":
        path = ":memory:"
    return Store(path, section, readonly=readonly)


def corpus_totals(db: Source) -> dict[str, Any]:
    """The totals every face shows for a whole store: articles, named outlets, date range, undated
    articles, articles naming no outlet, stories (clusters of two or more), quotes and failures.

    One function for `slant stats`, the report and the web pages, so their totals cannot disagree;
    each adds what only it shows (span counts per layer, entities ...)."""
    # per stored spelling first (in the outlet index's order), then by the outlet as named: the blanks an
    # older store keeps around a name are trimmed once per spelling, not once per article
    (row,) = query_rows(db, f"SELECT SUM(n) AS documents, COUNT(DISTINCT {named('outlet')}) AS outlets, "
                            "MIN(first_published) AS first_published, MAX(last_published) AS last_published, "
                            f"SUM(undated) AS undated, SUM(CASE WHEN {named('outlet')} IS NULL THEN n END) AS no_outlet "
                            "FROM (SELECT outlet, COUNT(*) AS n, MIN(published) AS first_published, "
                            "MAX(published) AS last_published, SUM(published IS NULL) AS undated "
                            "FROM documents GROUP BY outlet)")
    # SUM of no rows is NULL; articles naming no outlet are in no per-outlet row, counted here
    for key in ("documents", "undated", "no_outlet"):
        row[key] = int(row[key] or 0)
    (stories,) = query_rows(db, "SELECT COUNT(*) AS n FROM (SELECT cluster_id FROM clusters GROUP BY cluster_id "
                                "HAVING COUNT(*) > 1)")
    row["clusters"] = stories["n"]
    for table in ("quotes", "failures"):
        row[table] = query_rows(db, f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]
    return row
