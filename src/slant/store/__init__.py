"""The embedded corpus store: documents, their versioned analysis, runs, failures, clusters."""

from __future__ import annotations

from pathlib import Path

from slant.store.settings import StoreSettings, store_settings
from slant.store.sqlite import PutResult, Store, WriteSession

__all__ = ["PutResult", "Store", "StoreSettings", "WriteSession", "open_store"]


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
