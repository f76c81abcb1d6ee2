"""Settings of the corpus store (a section the lead can add to :class:`slant.settings.Settings`)."""

from __future__ import annotations

from dataclasses import dataclass

from slant.errors import SettingsError


@dataclass(frozen=True)
class StoreSettings:
    """How the store is opened and how often an ingest commits."""

    #: "sqlite" (a file) or "memory" (the in-memory test double: the same SQL, nothing on disk)
    backend: str = "sqlite"
    #: documents per commit. Measured (3,000 documents of 2.4 KB, store writes only, busy 2-core
    #: machine): 1 per commit 670 docs/s, 20: 1,300, 200: 1,200, 1,000: 1,330 (noise ~10 %). Past
    #: ~20 the commit cost is lost in the noise; 200 keeps what a kill -9 throws away small.
    batch_docs: int = 200
    #: a commit also happens after this many seconds, so a slow analysed run is still durable often
    commit_seconds: float = 2.0
    #: SQLite synchronous mode under WAL: NORMAL survives a killed process; FULL also a power cut
    synchronous: str = "NORMAL"
    #: how long a reader or writer waits for a lock before reporting the store as locked
    busy_timeout_ms: int = 30_000
    #: page cache per connection; 64 MiB keeps index lookups of a million-article store in memory
    cache_mib: int = 64

    def __post_init__(self) -> None:
        if self.backend not in ("sqlite", "memory"):
            raise SettingsError(f"store.backend must be 'sqlite' or 'memory', got {self.backend!r}")
        if self.batch_docs < 1:
            raise SettingsError(f"store.batch_docs must be at least 1, got {self.batch_docs}")
        if self.synchronous.upper() not in ("OFF", "NORMAL", "FULL", "EXTRA"):
            raise SettingsError(f"store.synchronous must be NORMAL or FULL, got {self.synchronous!r}")


def store_settings(settings: object | None) -> StoreSettings:
    """The store section of a Settings object (defaults when it has none yet)."""
    section = getattr(settings, "store", None)
    return section if isinstance(section, StoreSettings) else StoreSettings()
