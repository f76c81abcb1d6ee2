"""The embedded corpus store: one SQLite file in WAL mode, one writer, any number of readers.

Why SQLite and not DuckDB is argued in docs/design-store.md. In short: a ``kill -9`` can only
lose the transaction in flight (WAL), a web app can read while an ingest writes (WAL readers never
block the writer), FTS5 is built in for full-text search, and it costs no dependency.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import sqlite3
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from slant.clean.timestamps import utc_instant
from slant.document import Document
from slant.errors import DamagedDocument, SlantError, StoreError, StoreLocked, UnknownTable
from slant.store import rows as _rows
from slant.store.outlets import outlet_or_none, stored_outlet
from slant.store.schema import READABLE_FROM, SCHEMA_VERSION, TABLES, migrate, read_at_version
from slant.store.settings import StoreSettings

def utc_now() -> str:
    """Seconds-precision UTC timestamp in ISO form, as every table stores it."""
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class PutResult:
    """What :meth:`WriteSession.put` did: ``stored`` a new row or found a ``duplicate``."""

    doc_id: str
    status: str  # stored | duplicate


def _published(meta: dict[str, Any]) -> str | None:
    value = meta.get("published")
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


class WriteSession:
    """The writes of one transaction; made by :meth:`Store.session`."""

    def __init__(self, store: "Store"):
        self.store = store
        self.conn = store.conn

    # -- documents -------------------------------------------------------------------------------
    def put(self, doc: Document | dict[str, Any], *, run_id: str | None = None,
            record_key: str | None = None) -> PutResult:
        """Store ``doc`` unless its content is stored already (same cleaned text and outlet)."""
        data = doc.to_dict() if isinstance(doc, Document) else doc
        meta = data.get("meta", {})
        outlet = stored_outlet(meta.get("outlet"))
        if (meta.get("outlet") or "") != outlet:  # the stored meta and Document say what the column says
            meta = dict(meta, outlet=outlet or None)
            data = dict(data, meta=meta)
            if isinstance(doc, Document):
                doc.meta.outlet = outlet
        digest = _rows.content_hash(data["text"])
        found = self.conn.execute("SELECT doc_id FROM documents WHERE content_hash = ? AND outlet = ?",
                                  (digest, outlet)).fetchone()
        if found:
            if record_key:
                self.add_record_key(record_key, found[0])
            return PutResult(found[0], "duplicate")
        doc_id = self._free_doc_id(data.get("id", ""), digest, outlet)
        data = dict(data, id=doc_id)
        if isinstance(doc, Document):
            doc.id = doc_id
        published_at = meta.get("published_at") or None
        self.conn.execute(
            "INSERT INTO documents (doc_id, source, outlet, published, title, url, content_hash, text, "
            "meta, doc, ingested_at, run_id, published_at, published_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc_id, data.get("source", ""), outlet, _published(meta), meta.get("title", "") or "",
             meta.get("url", "") or "", digest, data["text"], json.dumps(meta, ensure_ascii=False),
             _rows.document_blob(data), utc_now(), run_id, published_at, utc_instant(published_at)))
        self._insert_projections(doc_id, data, run_id)
        if record_key:
            self.add_record_key(record_key, doc_id)
        return PutResult(doc_id, "stored")

    def replace_analysis(self, doc: Document | dict[str, Any], *, run_id: str | None = None) -> None:
        """Replace the stored analysis of an existing document by that of ``doc`` (same text).

        Layers and label sets that ``doc`` carries replace the stored ones; analyses of components
        that did not run this time are kept.
        """
        data = doc.to_dict() if isinstance(doc, Document) else doc
        doc_id = data["id"]
        stored = self.store.get_dict(doc_id)
        if stored is None:
            raise StoreError(f"cannot re-analyse {doc_id!r}: it is not in the store")
        if _rows.content_hash(stored["text"]) != _rows.content_hash(data["text"]):
            raise StoreError(f"re-analysis of {doc_id!r} changed its text; store it as a new document")
        layers = {**stored.get("layers", {}), **data.get("layers", {})}
        labels = {**stored.get("labels", {}), **data.get("labels", {})}
        # A Document rebuilt from the store has no raw text, so its own "raw" summary (length,
        # sha256) describes an empty string: the stored one is the truth.
        merged = dict(data, layers=layers, labels=labels, raw=stored.get("raw", data.get("raw")))
        self.conn.execute("UPDATE documents SET doc = ?, run_id = ? WHERE doc_id = ?",
                          (_rows.document_blob(merged), run_id, doc_id))
        # The document's quotes leave their groups first (by the quotes_doc index: a NOT IN over the
        # whole table here made every re-analysed document cost a scan of all quote groups).
        self.conn.execute("DELETE FROM quote_groups WHERE quote_id IN (SELECT quote_id FROM quotes WHERE doc_id = ?)",
                          (doc_id,))
        for table in ("spans", "labels", "quotes", "entities"):
            self.conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        self._insert_projections(doc_id, merged, run_id)

    def _insert_projections(self, doc_id: str, data: dict[str, Any], run_id: str | None) -> None:
        c = self.conn
        c.executemany('INSERT INTO spans (doc_id, layer, label, start, "end", raw_start, raw_end, score, '
                      'attrs) VALUES (?,?,?,?,?,?,?,?,?)', _rows.span_rows(doc_id, data))
        c.executemany("INSERT INTO labels (doc_id, name, label, score, selected, reason) VALUES (?,?,?,?,?,?)",
                      _rows.label_rows(doc_id, data))
        c.executemany("INSERT OR REPLACE INTO analyses (doc_id, component, version, name, info, run_id) "
                      "VALUES (?,?,?,?,?,?)", _rows.analysis_rows(doc_id, data, run_id))
        c.executemany('INSERT INTO quotes (doc_id, start, "end", raw_start, raw_end, text, norm_text, '
                      'speaker, speaker_key, attrs) VALUES (?,?,?,?,?,?,?,?,?,?)',
                      _rows.quote_rows(doc_id, data))
        c.executemany('INSERT INTO entities (doc_id, start, "end", raw_start, raw_end, label, text, '
                      'canonical, attrs) VALUES (?,?,?,?,?,?,?,?,?)', _rows.entity_rows(doc_id, data))

    def _free_doc_id(self, wanted: str, digest: str, outlet: str) -> str:
        # The given id (file stem, JSONL id) is kept when free. Ids repeat across sources
        # ("1.txt" in two folders), so a taken one gets a suffix derived from the content: the
        # same input always gets the same id, which keeps a resumed run identical to an unbroken one.
        wanted = wanted or digest[:16]
        if not self._taken(wanted):
            return wanted
        suffix = hashlib.sha256(f"{digest}\x1f{outlet}".encode()).hexdigest()
        for width in (10, 20, 64):
            candidate = f"{wanted}@{suffix[:width]}"
            if not self._taken(candidate):
                return candidate
        raise StoreError(f"no free document id for {wanted!r}")  # unreachable for distinct content

    def _taken(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is not None

    def add_record_key(self, record_key: str, doc_id: str) -> None:
        """Remember that the raw record ``record_key`` became (or duplicated) ``doc_id``."""
        self.conn.execute("INSERT OR IGNORE INTO record_keys (record_key, doc_id) VALUES (?, ?)",
                          (record_key, doc_id))

    # -- runs and failures -----------------------------------------------------------------------
    def add_failure(self, error: SlantError | BaseException, *, run_id: str | None = None,
                    source: str | None = None) -> None:
        """Record a failure; the same source and code seen again updates the row."""
        code = getattr(error, "code", "E000")
        where = source or getattr(error, "source", None) or ""
        message = getattr(error, "message", None) or str(error)
        hint = getattr(error, "hint", "") or ""
        self.conn.execute(
            "INSERT INTO failures (run_id, source, code, message, hint, at) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT (source, code) DO UPDATE SET run_id = excluded.run_id, "
            "message = excluded.message, hint = excluded.hint, at = excluded.at",
            (run_id, where, code, message, hint, utc_now()))

    def clear_failures(self, sources: Iterable[str]) -> None:
        """Forget the failures of sources that have now been read successfully."""
        self.conn.executemany("DELETE FROM failures WHERE source = ?", ((s,) for s in sources))

    def update_run(self, run_id: str, *, counts: dict[str, Any] | None = None,
                   status: str | None = None, finished: bool = False) -> None:
        """Update a run's counts, status and (with ``finished``) its end time."""
        if counts is not None:
            self.conn.execute("UPDATE runs SET counts = ? WHERE run_id = ?", (json.dumps(counts), run_id))
        if status is not None:
            self.conn.execute("UPDATE runs SET status = ? WHERE run_id = ?", (status, run_id))
        if finished:
            self.conn.execute("UPDATE runs SET finished = ? WHERE run_id = ?", (utc_now(), run_id))

    # -- near-duplicates and quotes (tables filled through slant.corpus) -------------------------
    def put_signature(self, doc_id: str, signature: bytes, *, num_perm: int, seed: int) -> None:
        """Keep ``doc_id``'s near-duplicate signature, so the next run rebuilds the index from it."""
        self.conn.execute("INSERT OR REPLACE INTO minhashes (doc_id, num_perm, seed, signature) "
                          "VALUES (?,?,?,?)", (doc_id, num_perm, seed, signature))

    def add_link(self, doc_a: str, doc_b: str, *, kind: str = "near", score: float | None = None) -> None:
        """File that ``doc_b`` copies or rewrites the stored ``doc_a``."""
        self.conn.execute("INSERT OR REPLACE INTO dup_links (doc_a, doc_b, kind, score) VALUES (?,?,?,?)",
                          (doc_a, doc_b, kind, score))

    def join_cluster(self, doc_id: str, linked: Iterable[str] = ()) -> str:
        """Put ``doc_id`` in one story cluster with the stored documents it is ``linked`` to.

        Clusters linked through ``doc_id`` merge; the merged cluster keeps the smallest id, so the
        result does not depend on the order links arrive in. Returns the cluster id.
        """
        c = self.conn
        members = list(dict.fromkeys([doc_id, *linked]))
        marks = ",".join("?" * len(members))
        found = dict(c.execute(f"SELECT doc_id, cluster_id FROM clusters WHERE doc_id IN ({marks})", members))
        # A document not yet in any cluster is its own cluster, named after itself.
        ids = set(found.values()) | {m for m in members if m not in found}
        target = min(ids)
        others = [i for i in ids if i != target and i in found.values()]
        if others:
            marks = ",".join("?" * len(others))
            c.execute(f"UPDATE clusters SET cluster_id = ? WHERE cluster_id IN ({marks})", [target, *others])
        c.executemany("INSERT INTO clusters (doc_id, cluster_id) VALUES (?, ?) ON CONFLICT (doc_id) "
                      "DO UPDATE SET cluster_id = excluded.cluster_id",
                      [(m, target) for m in members if found.get(m) != target])
        return target

    def set_quote_group(self, quote_id: int, group_id: str) -> None:
        """File a stored quote's travelling-quote group."""
        self.conn.execute("INSERT OR REPLACE INTO quote_groups (quote_id, group_id) VALUES (?, ?)",
                          (quote_id, group_id))

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        """Escape hatch for writers in slant.corpus that need a statement this class lacks."""
        return self.conn.execute(sql, tuple(params))


#: (store, note) pairs this process has said on stderr: each note once per store, not per connection
_SAID: set[tuple[str, str]] = set()


def _say_once(path: str, note: str, text: str) -> None:
    """Say ``text`` on stderr, once per store ``path`` and kind of ``note`` in this process (a web
    server opens one reader per thread)."""
    if (path, note) not in _SAID:
        _SAID.add((path, note))
        print(f"slant: {path}: {text}", file=sys.stderr)


def _switch_to_wal(conn: sqlite3.Connection, busy_timeout_ms: float) -> None:
    """Put the store in WAL mode, waiting out other connections that are doing the same.

    SQLite answers a journal-mode change that meets another connection's lock with "database is
    locked" at once, without calling the busy handler: several processes or threads opening one
    new store together failed one in five times. Retry until the store's busy timeout is spent.
    """
    deadline = time.monotonic() + busy_timeout_ms / 1000
    delay = 0.002
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


class Store:
    """A corpus store: ``put`` / ``get`` / ``query`` and a bulk :meth:`session` (one transaction).

    ``path`` ``":memory:"`` gives the in-memory test double: the same SQL on a private database.
    """

    def __init__(self, path: str | Path = ":memory:", settings: StoreSettings | None = None, *,
                 readonly: bool = False):
        self.settings = settings or StoreSettings()
        self.path = str(path)
        self.readonly = readonly
        #: read with ``immutable=1`` (no locks: this user cannot write the folder), and the file as it
        #: was then (:meth:`changed_on_disk`)
        self.immutable = False
        self._disk_signature: tuple[Any, ...] | None = None
        self.memory = self.path == ":memory:" or self.settings.backend == "memory"
        try:
            if self.memory:
                self.conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            elif readonly:
                if not Path(self.path).is_file():
                    raise StoreError(f"no store at {self.path}", source=self.path,
                                     hint="run `slant ingest SOURCES --db PATH` first")
                self.conn = self._connect_readonly()
            else:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._configure()
            if readonly and not self.memory:
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    from slant.errors import StoreTooNew

                    raise StoreTooNew(f"store schema version {version} is newer than this Slant's "
                                      f"{SCHEMA_VERSION}", source=self.path)
                if version < SCHEMA_VERSION:
                    self.conn.close()
                    unwritable = self._migrate_elsewhere(version)
                    self.conn = self._connect_readonly()
                    self._configure()
                    if unwritable:
                        read_at_version(self.conn)
            else:
                migrate(self.conn, path=self.path)
        except sqlite3.DatabaseError as exc:
            raise store_error(exc, self.path) from None
        self._in_session = False

    def _connect_readonly(self) -> sqlite3.Connection:
        """A read-only connection to the store file, also where this user cannot write its folder.

        A WAL reader needs the store's ``-wal`` and ``-shm`` files; SQLite creates them when they
        are missing (a writer's clean close deletes them), which needs write access to the folder,
        so a shared or archived corpus could not be read at all ("unable to open database file").
        Without a ``-wal`` file no writer has the store open and every commit is in the file itself,
        so it is then opened ``immutable=1`` (no locks, no journal: read as it is now). With one, a
        writer's last commits may be in it and only a normal reader sees them: the error says so.
        """
        uri = Path(self.path).resolve().as_uri()
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # opens the -wal and -shm
            return conn
        except sqlite3.DatabaseError as exc:
            conn.close()
            # SQLITE_READONLY_DIRECTORY for a folder whose mode forbids it, SQLITE_CANTOPEN for one
            # marked immutable (root ignores modes)
            if "readonly" not in str(exc) and "unable to open" not in str(exc):
                raise
        # the file as it is before the connection reads it: a change after this is seen as a change
        signature = self._signature()
        for journal in ("-wal", "-journal"):  # a writer's (or a crashed writer's half-written) journal
            if Path(self.path + journal).exists():
                raise StoreError(
                    f"cannot read the store: a writer's journal ({Path(self.path).name}{journal}) is beside it, and "
                    "reading it needs write access to the folder, which this user lacks", source=self.path,
                    hint="wait until the ingest writing it has finished (it removes the journal), or read a copy of "
                         "the store in a folder you can write")
        _say_once(self.path, "immutable", "read as it is now, without locks (this user cannot write its folder); "
                  "if someone writes the store meanwhile, run the command again")
        conn = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False)
        self.immutable, self._disk_signature = True, signature
        return conn

    def _signature(self) -> tuple[Any, ...]:
        """What says the file changed: its modification time and size, and whether a journal is beside it."""
        try:
            st = Path(self.path).stat()
            stat: tuple[Any, ...] = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            stat = (None,)
        return (*stat, Path(self.path + "-wal").exists(), Path(self.path + "-journal").exists())

    def changed_on_disk(self) -> bool:
        """True when a store read without locks (:attr:`immutable`) has changed since it was opened (a
        writer, or a journal beside it): what this connection reads may be stale or torn; open it anew."""
        return self.immutable and self._signature() != self._disk_signature

    def error(self, exc: sqlite3.DatabaseError) -> StoreError:
        """The StoreError for a database error of this store's connection (:func:`store_error`); a page
        that reads as damaged on a connection without locks whose file changed since it was opened is the
        store changing under it (StoreChanged: run it again); one whose file did not change is damage
        (StoreDamaged: running it again reads the same pages)."""
        return read_error(exc, self.path, self.changed_on_disk)

    def _migrate_elsewhere(self, version: int) -> bool:
        """Migrate this old store (at ``version``) through a writer of its own; False when done.

        A user who may not write the file (a shared or archived corpus) cannot migrate it. A store
        at :data:`READABLE_FROM` or later is then read at its version (True; said once on stderr);
        an older one cannot be read right and the error says who can upgrade it.
        """
        try:
            Store(self.path, self.settings).close()
            return False
        except StoreError as exc:
            if "readonly" not in exc.message and "unable to open" not in exc.message:
                raise
            if version < READABLE_FROM:
                raise StoreError(
                    f"this store has schema version {version}; this Slant reads version {SCHEMA_VERSION}, "
                    f"and the upgrade needs write access, which this user lacks ({exc.message})", source=self.path,
                    hint="open it once (any slant command on it) as a user who can write the file and its "
                         "folder, or read a copy you can write") from None
        _say_once(self.path, "version", f"store schema version {version} read as it is (this user cannot write "
                  f"it); it will be upgraded to version {SCHEMA_VERSION} the next time someone who can write it opens it")
        return True

    def _configure(self) -> None:
        c = self.conn
        c.execute(f"PRAGMA busy_timeout = {int(self.settings.busy_timeout_ms)}")
        if not self.memory and not self.readonly:
            # WAL: readers never block the writer and a killed writer loses at most the open
            # transaction. NORMAL sync is durable against process crashes; only an OS crash or
            # power cut can drop the last commits (never corrupt the file). FULL trades speed for that.
            _switch_to_wal(c, self.settings.busy_timeout_ms)
            c.execute(f"PRAGMA synchronous = {self.settings.synchronous}")
        c.execute("PRAGMA temp_store = MEMORY")
        c.execute(f"PRAGMA cache_size = -{int(self.settings.cache_mib) * 1024}")
        c.execute("PRAGMA foreign_keys = OFF")

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (a writer first lets SQLite update its query statistics)."""
        with contextlib.suppress(sqlite3.Error):
            if not self.readonly and not self.memory:
                self.conn.execute("PRAGMA optimize")
            self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @contextlib.contextmanager
    def session(self) -> Iterator[WriteSession]:
        """One write transaction: everything inside commits together or not at all.

        A session opened while another is open joins it: its writes commit (or roll back) with
        the outer one.
        """
        if self.readonly:
            raise StoreError("this store was opened read-only", source=self.path)
        if self._in_session:
            yield WriteSession(self)
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise store_error(exc, self.path) from None
        self._in_session = True
        try:
            yield WriteSession(self)
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise store_error(exc, self.path) from None
        finally:
            self._in_session = False

    # -- the small interface ---------------------------------------------------------------------
    def put(self, doc: Document | dict[str, Any], **kwargs: Any) -> PutResult:
        """Store one Document in its own transaction (use :meth:`session` for bulk writes)."""
        with self.session() as s:
            return s.put(doc, **kwargs)

    def get(self, doc_id: str) -> Document | None:
        """The stored Document ``doc_id`` (without its raw text), or None."""
        data = self.get_dict(doc_id)
        return Document.from_dict(data) if data is not None else None

    def get_dict(self, doc_id: str) -> dict[str, Any] | None:
        """The stored Document ``doc_id`` as its JSON dict, or None."""
        row = self.conn.execute("SELECT text, doc, source FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        data = _rows.document_from_blob(row[1])
        if data is None:
            from_source = f" (read from {Path(row[2]).name})" if row[2] else ""
            raise DamagedDocument(f"the stored analysis of article {doc_id!r}{from_source} is damaged and cannot be "
                                  "read", source=self.path)
        data["text"] = row[0]
        if isinstance(data.get("meta"), dict) and "outlet" in data["meta"]:
            data["meta"]["outlet"] = outlet_or_none(data["meta"]["outlet"])  # blank in an older store: none
        return data

    def query(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read query as dicts."""
        return list(self.iter_query(sql, params))

    def iter_query(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> Iterator[dict[str, Any]]:
        """Rows of a read query as dicts, streamed (for exports of any size)."""
        params = params if isinstance(params, dict) else tuple(params)
        try:
            cursor = self.conn.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise self.error(exc) from None
        names = [d[0] for d in cursor.description or ()]
        for row in cursor:
            yield dict(zip(names, row))

    # -- lookups the ingest needs ----------------------------------------------------------------
    def find_record(self, record_key: str) -> str | None:
        """The doc_id a raw input record was stored as, or None if it was never stored."""
        row = self.conn.execute("SELECT doc_id FROM record_keys WHERE record_key = ?", (record_key,)).fetchone()
        return row[0] if row else None

    def analysis_versions(self, doc_id: str) -> dict[str, str]:
        """component base name -> versioned name of the stored analysis of ``doc_id``."""
        return dict(self.conn.execute("SELECT component, name FROM analyses WHERE doc_id = ?", (doc_id,)))

    def count(self, table: str, where: str = "", params: Iterable[Any] = ()) -> int:
        """Rows of a known table, optionally filtered by a WHERE clause with ``?`` parameters."""
        if table not in TABLES:
            raise UnknownTable(f"no table {table!r}")
        sql = f"SELECT COUNT(*) FROM {table}" + (f" WHERE {where}" if where else "")
        return int(self.conn.execute(sql, tuple(params)).fetchone()[0])

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {t: self.count(t) for t in ("documents", "analyses", "spans", "labels", "quotes",
                                           "entities", "clusters", "failures", "runs")}

    def start_run(self, args: dict[str, Any], components: Iterable[str]) -> str:
        """Record the start of an ingest run; returns its id."""
        run_id = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:8]
        with self.session() as s:
            s.execute("INSERT INTO runs (run_id, started, args, components) VALUES (?,?,?,?)",
                      (run_id, utc_now(), json.dumps(args, default=str), json.dumps(list(components))))
        return run_id

    def runs(self) -> list[dict[str, Any]]:
        """Every ingest run, oldest first, with its args, components and counts decoded."""
        out = self.query("SELECT * FROM runs ORDER BY rowid")
        for r in out:
            for key in ("args", "components", "counts"):
                r[key] = json.loads(r[key])
        return out

    def failures(self, run_id: str | None = None) -> list[dict[str, Any]]:
        """Recorded failures (of one run, or all), oldest first."""
        if run_id:
            return self.query("SELECT * FROM failures WHERE run_id = ? ORDER BY failure_id", (run_id,))
        return self.query("SELECT * FROM failures ORDER BY failure_id")


def read_error(exc: sqlite3.DatabaseError, path: str, changed: Callable[[], bool]) -> StoreError:
    """The StoreError for a database error met while reading the store at ``path``: pages that read as
    damaged ("malformed") where ``changed()`` says the file changed under a reader without locks are the
    store changing (StoreChanged, E708: run it again); otherwise :func:`store_error` (damage is E709)."""
    if "malformed" in str(exc) and changed():
        from slant.errors import StoreChanged

        return StoreChanged(f"the store changed on disk while it was read without locks (this user cannot write "
                            f"its folder): {exc}", source=path)
    return store_error(exc, path)


def store_error(exc: sqlite3.DatabaseError, path: str) -> StoreError:
    """The StoreError for an SQLite error on the store at ``path``: locked (E701), damaged pages (E709),
    not an SQLite file (E703), or another (E700)."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreLocked(f"the store is locked: {text}", source=path)
    if "malformed" in text:
        from slant.errors import StoreDamaged

        return StoreDamaged(f"the store is damaged: {text}", source=path)
    if "not a database" in text:
        from slant.errors import NotAStore

        return NotAStore(f"cannot read the store: {text}", source=path)
    return StoreError(f"database error: {text}", source=path)
