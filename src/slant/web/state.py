"""What the app holds for its lifetime: settings, store connections, the limiter, the job queue."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

from slant.document import Document
from slant.errors import NotFoundError, StoreError, StoreLocked, StoreReadOnly
from slant.settings import Settings
from slant.store import Store, open_store
from slant.store.settings import store_settings
from slant.web import queries
from slant.web.auth import TOKENS_TABLE
from slant.web.config import WebSettings
from slant.web.security import SECRETS_TABLE, CsrfTokens, RateLimiter, stored_secret

#: analyses run at once; more wait their turn. Two is the number of cores of the reference machine:
#: beyond it, concurrent analyses only share the cores and each one gets slower.
ANALYZE_CONCURRENCY = 2
#: page cache per reading connection. There is one connection per server thread (up to 40 under
#: load): 16 MiB each bounds the worst case to ~640 MiB, and the OS file cache is shared anyway
READER_CACHE_MIB = 16
#: /healthz counts the documents at most this often: a COUNT(*) over a million rows takes tens of
#: milliseconds, too much for a probe an orchestrator may send every second
HEALTH_CACHE_SECONDS = 5.0
#: corpus-wide aggregates (filter menus, totals, unfiltered charts) are reused for this long: they
#: scan every span of the corpus (seconds at a million articles) and change only with an ingest
AGGREGATE_CACHE_SECONDS = 60.0
#: aggregate results kept (one per distinct filter combination asked for)
AGGREGATE_CACHE_ENTRIES = 256


#: a first serve waits this long for an ingest's write lock to make the web app's tables, then serves the
#: store as it is and makes them at its first write (AppState._prepare)
PREPARE_WAIT_MS = 2_000


def _writable(path: str) -> bool:
    """This user can write the store file and its folder (a WAL writer makes ``-wal`` and ``-shm`` files
    beside it). ``os.access`` also answers no for root on an immutable file or folder and a read-only mount."""
    import os

    return os.access(path, os.W_OK) and os.access(Path(path).resolve().parent, os.W_OK)


class AppState:
    """Shared by every request of one app: read connections per thread, one writer behind a lock."""

    def __init__(self, settings: Settings, web: WebSettings, db_path: str | Path):
        self.settings = settings
        self.web = web
        self.db_path = str(db_path)
        #: this server's user cannot write the store (a shared or archived corpus): known before any
        #: request, so a write is refused before the work it would store (:meth:`require_writable`)
        self.read_only = Path(self.db_path).is_file() and not _writable(self.db_path)
        #: the CSRF secret to keep in the store at the first write, when the store could not be
        #: prepared at start (an ingest held the write lock): None once prepared
        self._unprepared_secret: bytes | None = None
        csrf_secret = self._prepared_secret(settings) or self._prepare(settings)
        if self.read_only:
            import sys

            print(f"slant: {self.db_path}: served read-only (this user cannot write the store): articles can be "
                  "read and analysed, not stored or deleted", file=sys.stderr)
        self._health: tuple[float, dict[str, Any]] | None = None
        self._cache: dict[Any, tuple[float, Any]] = {}
        self._cache_lock = threading.Lock()
        self._reader_settings = replace(store_settings(settings), cache_mib=READER_CACHE_MIB)
        self._local = threading.local()
        self._readers: list[Store] = []
        self._writer: Store | None = None
        self.write_lock = threading.Lock()
        self.analyze_slots = threading.BoundedSemaphore(ANALYZE_CONCURRENCY)
        self.csrf = CsrfTokens(csrf_secret)  # signed with the store's secret: shared by every worker
        self.limiter = RateLimiter({"read": web.read_per_minute, "analyze": web.analyze_per_minute,
                                    "write": web.analyze_per_minute})
        from slant.web.jobs import JobManager

        self.jobs = JobManager(self, max_jobs=web.max_jobs)

    # -- starting -----------------------------------------------------------------------------
    def _prepared_secret(self, settings: Settings) -> bytes | None:
        """The CSRF secret of a store served before (tokens table and secret made), read without
        writing: a server that only browses never takes the write lock, so it neither waits for nor
        holds up a batch ingest writing the same store. None when the store must be prepared first."""
        if not Path(self.db_path).is_file():
            return None
        # an older store is migrated by this open (Store._migrate_elsewhere takes the write lock): it waits
        # for an ingest at most the start's wait, as _prepare does, not the whole busy timeout
        section = store_settings(settings)
        section = replace(section, busy_timeout_ms=min(section.busy_timeout_ms, PREPARE_WAIT_MS))
        try:
            with contextlib.closing(open_store(self.db_path, section, readonly=True)) as store:
                tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if not {"web_tokens", "web_secrets"} <= tables:
                    return None
                row = store.conn.execute("SELECT value FROM web_secrets WHERE name = 'csrf'").fetchone()
        except (StoreError, sqlite3.Error):
            return None  # the writer's open below says what is wrong
        return bytes(row[0]) if row else None

    def _prepare(self, settings: Settings) -> bytes:
        """Create and migrate the store, with the tokens table and the CSRF secret (the first serve of a
        store); returns the secret. A store this user cannot write is served read-only with a secret of
        this process's own (forms signed by another worker are then refused, and nothing can be stored).

        A store an ingest is writing (the usual way to start: `slant ingest` in one terminal, `slant serve`
        in another) is waited for at most ``PREPARE_WAIT_MS``, then served as it is: the web tables and
        this process's secret are made by the first write (:meth:`write_session`)."""
        import secrets
        import sys

        exists = Path(self.db_path).is_file()
        if not self.read_only:
            section = store_settings(settings)
            if exists:  # a new store waits its whole busy timeout: workers starting together create it
                section = replace(section, busy_timeout_ms=min(section.busy_timeout_ms, PREPARE_WAIT_MS))
            try:
                with contextlib.closing(open_store(self.db_path, section)) as store:
                    try:
                        store.conn.execute(TOKENS_TABLE)
                        return stored_secret(store.conn)
                    except sqlite3.OperationalError as exc:
                        if "locked" not in str(exc) and "busy" not in str(exc):
                            raise
                        raise StoreLocked(f"the store is locked: {exc}") from None
            except StoreLocked:
                if not exists:
                    raise
                print(f"slant: {Path(self.db_path).name}: another process (an ingest?) is writing the store: served "
                      "as it is; the web app's own tables are made at its first write", file=sys.stderr)
                self._unprepared_secret = secrets.token_bytes(32)
                return self._unprepared_secret
            except StoreError as exc:
                if "readonly" not in exc.message and "unable to open" not in exc.message or not exists:
                    raise
        self.read_only = True
        return secrets.token_bytes(32)

    def require_writable(self) -> None:
        """Raise StoreReadOnly on a server whose user cannot write its store: before an analysis whose
        result would be stored, a job that stores, a delete (the error names the store's file, never the
        server's path to it)."""
        if self.read_only:
            raise StoreReadOnly(f"this server serves the store read-only: its user cannot write "
                                f"{Path(self.db_path).name}")

    # -- reading ------------------------------------------------------------------------------
    def reader(self) -> Store:
        """This thread's read-only store (SQLite connections are not shared between threads)."""
        store = getattr(self._local, "store", None)
        if store is not None and store.changed_on_disk():
            # read without locks (this user cannot write the folder), SQLite cannot see a writer's
            # changes: it would answer from the old file, then read torn pages ("malformed"). The
            # file's time, size or a journal beside it changed since: read it anew (a writer still at
            # work is then refused with a clear error, or read with locks if its journal allows)
            self._local.store = None
            with self.write_lock:
                self._readers.remove(store)
            store.close()
            store = None
        if store is None:
            store = open_store(self.db_path, self._reader_settings, readonly=True)
            self._local.store = store
            with self.write_lock:
                self._readers.append(store)
        return store

    @property
    def reads_without_locks(self) -> bool:
        """A reader has the store open without locks (Store.immutable: this user cannot write its folder);
        whether a "malformed" error is then the store changing under it or damage is
        :meth:`changed_under_readers`."""
        with self.write_lock:
            return any(store.immutable for store in self._readers)

    def changed_under_readers(self) -> bool:
        """True when a reader opened without locks sees its file changed since it opened it: a page it
        read as damaged was then the store changing under it (a writer), not damage."""
        with self.write_lock:
            readers = list(self._readers)
        return any(store.changed_on_disk() for store in readers)

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's read-only SQLite connection."""
        return self.reader().conn

    def get_document(self, doc_id: str) -> Document:
        """The stored Document ``doc_id``; raises NotFoundError."""
        data = self.reader().get_dict(doc_id)
        if data is None:
            raise NotFoundError(f"no article with id {doc_id!r} in the store")
        return Document.from_dict(data)

    def get_document_dict(self, doc_id: str) -> dict[str, Any]:
        """The stored Document ``doc_id`` as its JSON dict; raises NotFoundError."""
        data = self.reader().get_dict(doc_id)
        if data is None:
            raise NotFoundError(f"no article with id {doc_id!r} in the store")
        # the file's name, not the server's path to it (queries.public_source)
        return {**data, "source": queries.public_source(data.get("source"))}

    def cached(self, key: Any, compute: Any, ttl: float = AGGREGATE_CACHE_SECONDS) -> Any:
        """``compute()``, reused for ``ttl`` seconds under ``key`` (cleared by the app's own writes)."""
        now = time.monotonic()
        with self._cache_lock:
            hit = self._cache.get(key)
        if hit is not None and now - hit[0] < ttl:
            return hit[1]
        value = compute()
        with self._cache_lock:
            if len(self._cache) >= AGGREGATE_CACHE_ENTRIES:
                self._cache.clear()
            self._cache[key] = (now, value)
        return value

    # -- writing ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def write_session(self) -> Iterator[Any]:
        """One write transaction on the app's single writer connection."""
        self.require_writable()
        with self.write_lock:
            if self._writer is None:
                self._writer = open_store(self.db_path, self.settings)
            with self._writer.session() as session:
                if self._unprepared_secret is not None:  # served while an ingest wrote it: prepare it now
                    session.execute(TOKENS_TABLE)
                    session.execute(SECRETS_TABLE)
                    session.execute("INSERT OR IGNORE INTO web_secrets (name, value) VALUES ('csrf', ?)",
                                    (self._unprepared_secret,))
                yield session
            self._unprepared_secret = None
            with self._cache_lock:
                self._cache.clear()
            self._health = None

    def close(self) -> None:
        """Stop the jobs and close every connection (the state can be used again afterwards)."""
        self.jobs.shutdown()
        with self.write_lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
            for store in self._readers:
                store.close()
            self._readers.clear()
        self._local = threading.local()

    def check(self) -> dict[str, Any]:
        """Liveness details: the store answers a query (the count is cached for a few seconds)."""
        now = time.monotonic()
        if self._health is not None and now - self._health[0] < HEALTH_CACHE_SECONDS:
            return self._health[1]
        try:
            n = self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        except sqlite3.Error as exc:
            raise StoreError(f"the store does not answer: {exc}", source=self.db_path) from None
        self._health = (now, {"documents": int(n)})
        return self._health[1]
