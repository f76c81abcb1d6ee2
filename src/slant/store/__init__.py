"""The embedded corpus store: documents, their versioned analysis, runs, failures, clusters."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Union

from slant.store.settings import StoreSettings, store_settings
from slant.store.sqlite import PutResult, Store, WriteSession

__all__ = ["PutResult", "Source", "Store", "StoreSettings", "WriteSession", "open_store", "query_rows"]

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
