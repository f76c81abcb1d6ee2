"""Ingest a corpus into the store: read -> clean -> (analyse) -> store, in batches, resumable.

Crash safety comes from three rules:

1. Every batch of documents commits in one SQLite transaction, together with the fingerprints of
   the raw records it came from and the run's counts. A ``kill -9`` loses at most the open batch.
2. A record whose fingerprint is stored is skipped before cleaning, and a document whose cleaned
   text is stored for the same outlet is not stored again. So the same command run again re-reads
   the sources, skips what is in, and stores exactly what is missing: nothing lost, nothing twice.
3. Document ids are derived from the input alone (file stem or record id, with a content-derived
   suffix when that id is taken by other content), so a resumed run gives the ids an unbroken one would.

With ``analyze=True`` the settings' components run over new documents through
:func:`slant.analyze.process.process_stream` (or the Dask runner), and a stored document whose
analysis was made by an older component version is re-analysed from the first changed component on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import socket
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from slant.analyze.registry import Pipeline
from slant.document import Document
from slant.errors import DamagedDocument, InputError, NoSources, SettingsError, SlantError
from slant.ingest.record import RawRecord
from slant.ingest.sources import SourceCursor, SourceOptions, iter_corpus, total_bytes
from slant.corpus.quote_groups import group_quotes
from slant.corpus.speakers import link_speakers
from slant.settings import Settings, load_settings
from slant.store import Store, WriteSession, open_store
from slant.store.settings import store_settings

log = logging.getLogger(__name__)

#: Links filed per new document, strongest first. A wire story republished by hundreds of outlets
#: would otherwise cost hundreds of link rows per copy (quadratic in the story's size); the story
#: cluster is unchanged, since one link to any earlier copy already joins it. Measured on 2,000
#: generated template-like articles (each a near-copy of ~330 others): 665,667 link rows and 36.5 s
#: without the cap, 49,025 rows and 18.7 s with it.
MAX_LINKS_PER_DOCUMENT = 25
#: Records in flight between the reader and the store (process_stream holds a batch, Dask a few
#: per worker); far more than that means results are not coming back under their record's source.
MAX_PENDING_KEYS = 100_000
#: Stale stored documents re-analysed together: one encoder batch's worth, as in process_stream.
REANALYSE_BATCH = 16


@dataclass
class IngestReport:
    """What an ingest run did."""

    run_id: str
    db: str
    read: int = 0  # records read from the sources (failures included)
    stored: int = 0  # new documents
    duplicates: int = 0  # same cleaned text and outlet as a stored document
    skipped: int = 0  # records an earlier run already ingested
    reanalysed: int = 0  # stored documents analysed again by newer component versions
    failed: int = 0  # records or sources that could not be read, cleaned or analysed
    linked: int = 0  # new documents found to be near-duplicates of stored ones
    skipped_paths: int = 0  # paths passed over on purpose (unknown kinds, second links to a folder)
    skipped_summary: str = ""  # those paths named, by reason (one line)
    seconds: float = 0.0
    components: list[str] = field(default_factory=list)
    status: str = "running"

    @property
    def rate(self) -> float:
        """Records handled per second."""
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (with the rate)."""
        out = asdict(self)
        out["rate"] = round(self.rate, 1)
        return out

    def counts(self) -> dict[str, int]:
        """The counters, as the run's row in the store keeps them."""
        return {k: getattr(self, k) for k in ("read", "stored", "duplicates", "skipped", "reanalysed",
                                              "failed", "linked", "skipped_paths")}


def record_key(record: RawRecord) -> str:
    """Fingerprint of a raw record: everything the cleaned Document is made from, less its origin.

    The source path and the id are left out, so the same article reached through another file
    counts as the same record, as the content dedup would decide anyway after cleaning.
    """
    parts = (record.raw, record.format, record.title, record.byline, record.outlet, record.url,
             record.published)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------- near-duplicate hook


class NearDupHook:
    """Feeds stored documents to :class:`slant.corpus.neardup.NearDupIndex`; files links and clusters.

    The index is optional: without the module (or with ``enabled=False``) ingest only stores. The
    protocol is part B's: ``add(doc_id, text) -> links`` to earlier documents (objects with
    ``other_id``, ``jaccard``, ``kind``; ``(other_id, score[, kind])`` tuples and plain ids also do),
    and, when the index has them, ``signature(doc_id).to_bytes()`` / ``add_signature(doc_id, bytes,
    link=False)`` so that the next run rebuilds the index from stored signatures, not from text.
    """

    def __init__(self, index: Any | None):
        self.index = index
        #: documents up to this rowid are in the index; those after it were stored by another
        #: process and are read in by :meth:`sync` under the write lock, before linking
        self.last_rowid = 0

    @classmethod
    def from_settings(cls, settings: Settings, *, enabled: bool = True) -> "NearDupHook":
        """The hook over slant.corpus.neardup with ``settings.corpus``; inactive without the module."""
        if not enabled:
            return cls(None)
        try:
            from slant.corpus.neardup import NearDupIndex
        except ImportError as exc:
            log.info("near-duplicates are not linked: %s", exc)
            return cls(None)
        return cls(NearDupIndex(settings.corpus))

    @property
    def enabled(self) -> bool:
        """Whether an index is attached."""
        return self.index is not None

    def _params(self) -> tuple[int, int]:
        settings = getattr(self.index, "settings", None)
        return int(getattr(settings, "num_perm", 0)), int(getattr(settings, "seed", 0))

    def load(self, store: Store) -> int:
        """Put the documents stored by earlier runs into the index; returns how many.

        Stored signatures made with the index's settings are reused; documents without one (stored
        with near-duplicates off, or under other settings) are linked now, as if new.
        """
        if self.index is None:
            return 0
        num_perm, seed = self._params()
        can_reload = hasattr(self.index, "add_signature")
        n = 0
        self.last_rowid = int(store.query("SELECT COALESCE(MAX(rowid), 0) AS m FROM documents")[0]["m"])
        if can_reload:
            for row in store.iter_query("SELECT m.doc_id, m.signature FROM minhashes m JOIN documents d "
                                        "ON d.doc_id = m.doc_id WHERE m.num_perm = ? AND m.seed = ? "
                                        "AND d.rowid <= ? ORDER BY d.rowid", (num_perm, seed, self.last_rowid)):
                try:
                    self.index.add_signature(row["doc_id"], row["signature"], link=False)
                except SlantError:  # made with another shingle size: recomputed below
                    continue
                n += 1
        missing = store.iter_query("SELECT doc_id, text FROM documents WHERE rowid <= ? ORDER BY rowid",
                                   (self.last_rowid,))
        batch: list[tuple[str, str]] = []
        for row in missing:
            if can_reload and row["doc_id"] in self.index:
                continue
            batch.append((row["doc_id"], row["text"]))
            if len(batch) >= 500:
                n += self._backfill(store, batch)
        n += self._backfill(store, batch)
        return n

    def sync(self, session: WriteSession) -> int:
        """Read in the documents other processes stored since the index was last in step with the
        store; returns how many. Called inside the write transaction, before linking new
        documents: the store's write lock makes each batch see every document committed before
        it, so concurrent ingests link exactly what one ingest after the other would."""
        if self.index is None or not (hasattr(self.index, "add_signature") and hasattr(self.index, "__contains__")):
            return 0  # an index that cannot be reloaded by signature stays per process
        num_perm, seed = self._params()
        rows = session.execute(
            "SELECT d.rowid, d.doc_id, m.signature, m.num_perm, m.seed FROM documents d LEFT JOIN minhashes m "
            "ON m.doc_id = d.doc_id WHERE d.rowid > ? ORDER BY d.rowid", (self.last_rowid,)).fetchall()
        n = 0
        for rowid, doc_id, signature, row_perm, row_seed in rows:
            self.last_rowid = max(self.last_rowid, int(rowid))
            if doc_id in self.index:
                continue
            if signature is not None and (row_perm, row_seed) == (num_perm, seed):
                try:
                    self.index.add_signature(doc_id, bytes(signature), link=False)
                    n += 1
                    continue
                except SlantError:  # made with another shingle size: recomputed below
                    pass
            # stored without a signature (near-duplicates off in that run): linked now, as load does
            text = session.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            if text is not None:
                self.add(session, doc_id, text[0])
                n += 1
        return n

    def _backfill(self, store: Store, batch: list[tuple[str, str]]) -> int:
        if not batch:
            return 0
        with store.session() as session:
            self.sync(session)
            for doc_id, text in batch:
                self.add(session, doc_id, text)
        n = len(batch)
        batch.clear()
        return n

    def prepare(self, text: str) -> Any:
        """The signature of ``text``, computed before the write transaction (None: computed in add)."""
        make = getattr(self.index, "signature_of", None) if self.index is not None else None
        return make(text) if make is not None and hasattr(self.index, "add_signature") else None

    def add(self, session: WriteSession, doc_id: str, text: str, prepared: Any = None) -> int:
        """Link ``doc_id`` to the stored documents it copies, file its cluster; returns links made."""
        if self.index is None:
            return 0
        if prepared is not None:
            hits = self.index.add_signature(doc_id, prepared) or ()
        else:
            hits = self.index.add(doc_id, text) or ()
        links = [link for link in (_link(hit) for hit in hits) if link[0] != doc_id]
        links.sort(key=lambda link: -(link[1] or 0.0))
        del links[MAX_LINKS_PER_DOCUMENT:]
        signature = getattr(self.index, "signature", None)
        if callable(signature):
            num_perm, seed = self._params()
            session.put_signature(doc_id, signature(doc_id).to_bytes(), num_perm=num_perm, seed=seed)
        for other, score, kind in links:
            session.add_link(other, doc_id, kind=kind, score=score)
        session.join_cluster(doc_id, [other for other, _, _ in links])
        return len(links)


def _text_of(doc: Document | dict[str, Any]) -> str:
    return doc.text if isinstance(doc, Document) else doc["text"]


def _link(hit: Any) -> tuple[str, float | None, str]:
    """(stored doc id, score, kind) from whatever shape the index reports a link in."""
    if isinstance(hit, str):
        return hit, None, "near"
    if isinstance(hit, (tuple, list)):
        score = float(hit[1]) if len(hit) > 1 and hit[1] is not None else None
        return str(hit[0]), score, (str(hit[2]) if len(hit) > 2 else "near")
    score = getattr(hit, "jaccard", getattr(hit, "score", None))
    other = getattr(hit, "other_id", None) or getattr(hit, "doc_id")
    return str(other), (float(score) if score is not None else None), str(getattr(hit, "kind", "near"))


# --------------------------------------------------------------------------- the run


def ingest(sources: list[str], db: str | Path, *, settings: Settings | None = None, analyze: bool = False,
           workers: int | None = None, scheduler: str | None = None, progress: bool = False,
           options: SourceOptions | None = None, neardup: bool = True,
           neardup_index: Any | None = None, dask_client: Any | None = None) -> IngestReport:
    """Ingest ``sources`` into the store at ``db``; safe to re-run, and to resume after a crash.

    Args:
        sources: files, folders or glob patterns (.txt, .html, .json, .jsonl[.gz], .warc[.gz],
            .rss/.atom/.xml, .csv[.gz]).
        db: the store file (created if missing); ``":memory:"`` for a throw-away store.
        settings: Settings (``settings.analyze.components`` names the analysis).
        analyze: run the components; False stores cleaned documents only (the fast path).
        workers / scheduler: run the analysis on a Dask LocalCluster of N workers, or on the
            cluster at ``tcp://HOST:PORT``; the store stays the single writer. Without analysis,
            ``workers`` cleans in N local processes (a plain process pool, no cluster).
        progress: show a progress bar (only when stderr is a terminal).
        options: CSV column names and delimiter.
        neardup: link near-duplicates and build story clusters when slant.corpus.neardup exists.
        neardup_index: an index object to use instead of the default one (tests, custom thresholds).
        dask_client: an open ``distributed.Client`` to run on (left open), instead of workers/scheduler.
    Returns:
        An :class:`IngestReport`; the failures themselves are in the store (:func:`list_failures`).
    """
    settings = settings or load_settings()
    sources = [str(s) for s in sources]
    _check_sources_exist(sources)
    with open_store(db, settings) as store:
        return _Ingest(store, sources, settings, analyze=analyze, workers=workers, scheduler=scheduler,
                       progress=progress, options=options, dask_client=dask_client,
                       hook=NearDupHook(neardup_index) if neardup_index is not None
                       else NearDupHook.from_settings(settings, enabled=neardup)).run(str(db))


def reanalyze(db: str | Path, *, settings: Settings | None = None) -> IngestReport:
    """Re-analyse every stored document whose analysis is older than the settings' components.

    No source is read: each stale Document is rebuilt from the store and the pipeline runs from its
    first changed component on. Commits batch by batch, so it too can be killed and re-run.
    """
    settings = settings or load_settings()
    with open_store(db, settings) as store:
        job = _Ingest(store, [], settings, analyze=True, workers=None, scheduler=None, progress=False,
                      options=None, hook=NearDupHook(None))
        return job.run(str(db), reanalyse_only=True)


def _close_dead_runs(store: Store) -> None:
    """Mark runs still 'running' whose process on this host is gone (killed) as 'interrupted'."""
    host = socket.gethostname()
    dead = []
    for run in store.query("SELECT run_id, args FROM runs WHERE status = 'running'"):
        args = json.loads(run["args"])
        if args.get("host") == host and isinstance(args.get("pid"), int) and not _alive(args["pid"]):
            dead.append(run["run_id"])
    if dead:
        with store.session() as s:
            for run_id in dead:
                s.update_run(run_id, status="interrupted")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _check_sources_exist(sources: list[str]) -> None:
    import glob as _glob

    if not sources:
        raise NoSources("no sources given")
    if not any(s == "-" or Path(s).exists() or _glob.glob(s, recursive=True) for s in sources):
        raise NoSources(f"none of the sources exist: {', '.join(sources[:5])}")


class _Ingest:
    def __init__(self, store: Store, sources: list[str], settings: Settings, *, analyze: bool,
                 workers: int | None, scheduler: str | None, progress: bool,
                 options: SourceOptions | None, hook: NearDupHook, dask_client: Any | None = None):
        self.store = store
        self.sources = sources
        self.settings = settings
        self.analyze = analyze
        self.workers = workers
        self.scheduler = scheduler
        self.progress = progress
        self.dask_client = dask_client
        self.options = options or SourceOptions()
        self.hook = hook
        self.store_settings = store_settings(settings)
        if analyze:
            from slant.analyze.process import make_pipeline

            self.pipeline = make_pipeline(settings)
        else:
            self.pipeline = Pipeline([])
        self.current = {info.base: info.name for info, _ in self.pipeline.components}
        self.stale: list[tuple[str, int]] = []  # (doc_id, index of the first stale component)
        self.cursor = SourceCursor()
        self.pending: dict[str, list[str]] = {}  # record source -> keys of records in flight
        self.bar: _Progress | None = None

    # -- the main loop ---------------------------------------------------------------------------
    def run(self, db: str, *, reanalyse_only: bool = False) -> IngestReport:
        args = {"sources": self.sources, "analyze": self.analyze, "workers": self.workers,
                "scheduler": self.scheduler, "dask_client": self.dask_client is not None,
                "options": asdict(self.options),
                "pid": os.getpid(), "host": socket.gethostname()}
        _close_dead_runs(self.store)
        run_id = self.store.start_run(args, self.pipeline.names)
        report = self.report = IngestReport(run_id=run_id, db=db, components=self.pipeline.names)
        started = time.perf_counter()
        if self.hook.enabled:
            loaded = self.hook.load(self.store)
            log.info("near-duplicate index holds %d stored documents", loaded)
        bar = self.bar = _Progress.start(self.sources, self.cursor, report) if self.progress else None
        status = "done"
        try:
            if reanalyse_only:
                self._queue_all_stale()
            else:
                results = iter(self._results(self._new_records(iter_corpus(
                    self.sources, self.settings, options=self.options, cursor=self.cursor))))
                exhausted = False
                while not exhausted:
                    exhausted = self._write_batch(results, bar)
            while self.stale:
                self._reanalyse_batch()
            if report.stored or report.reanalysed:
                group_quotes(self.store, self.settings)
                link_speakers(self.store)
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        except BaseException:
            status = "failed"
            raise
        finally:
            report.seconds = round(time.perf_counter() - started, 3)
            report.status = status
            report.skipped_paths = self.cursor.skipped_count
            report.skipped_summary = self.cursor.skipped_summary()
            if bar is not None:
                bar.stop()
            with contextlib.suppress(SlantError):
                with self.store.session() as s:
                    s.update_run(run_id, counts=report.counts() | {"seconds": report.seconds},
                                 status=status, finished=True)
        return report

    def _write_batch(self, results: Iterator[Document | SlantError], bar: "_Progress | None") -> bool:
        """Gather a batch of results, then write it in one short transaction; returns True when the
        results are used up.

        The work (reading, cleaning, analysis, MinHash signatures) happens before the transaction
        opens, so the write lock is held only for the inserts: a web app writing to the same store
        (tokens, jobs) waits milliseconds, not for a model batch.
        """
        limit = self.store_settings.batch_docs
        deadline = time.monotonic() + self.store_settings.commit_seconds
        report = self.report
        batch: list[tuple[Document | dict[str, Any] | SlantError, Any]] = []
        exhausted = True
        for item in results:
            prepared = None if isinstance(item, SlantError) else self.hook.prepare(_text_of(item))
            batch.append((item, prepared))
            if bar is not None:
                bar.update()
            if len(batch) >= limit or time.monotonic() > deadline:
                exhausted = False
                break
        if batch:
            with self.store.session() as session:
                if self.hook.enabled:
                    self.hook.sync(session)  # documents other ingests committed meanwhile
                for item, prepared in batch:
                    if isinstance(item, SlantError):
                        session.add_failure(item, run_id=report.run_id)
                        report.failed += 1
                    else:
                        self._store_doc(session, item, prepared)  # a Document, or a cleaning process's dict
                session.update_run(report.run_id, counts=report.counts())
        return exhausted

    def _store_doc(self, session: WriteSession, doc: Document | dict[str, Any], prepared: Any = None) -> None:
        report = self.report
        source, text = (doc.source, doc.text) if isinstance(doc, Document) else (doc["source"], doc["text"])
        result = session.put(doc, run_id=report.run_id, record_key=self._take_key(source))
        if result.status == "stored":
            report.stored += 1
            if self.hook.enabled:
                report.linked += 1 if self.hook.add(session, result.doc_id, text, prepared) else 0
        else:
            report.duplicates += 1
        if source:
            session.clear_failures([source])

    # -- the record stream -----------------------------------------------------------------------
    def _new_records(self, items: Iterable[RawRecord | InputError]) -> Iterator[RawRecord | InputError]:
        """Records not ingested before (errors pass through); stale stored ones are queued."""
        report = self.report
        for item in items:
            report.read += 1
            if isinstance(item, InputError):
                yield item
                continue
            key = record_key(item)
            doc_id = self.store.find_record(key)
            if doc_id is None:
                # The key waits, by the record's source, for the Document made from the record:
                # results come back by source (Dask may reorder them), never by position.
                if len(self.pending) > MAX_PENDING_KEYS:
                    # Keys only save re-cleaning on the next run; results that never came back by
                    # their source (a component renaming doc.source) must not grow memory without end.
                    log.warning("dropping %d record keys whose documents never came back", len(self.pending))
                    self.pending.clear()
                self.pending.setdefault(item.source, []).append(key)
                yield item
                continue
            report.skipped += 1
            if self.bar is not None:
                self.bar.update()
            if self.current:
                first = self._first_stale(doc_id)
                if first is not None:
                    self.stale.append((doc_id, first))
                    if len(self.stale) >= REANALYSE_BATCH:
                        self._reanalyse_batch()  # joins the open batch's transaction, if any

    def _queue_all_stale(self) -> None:
        """Queue (and re-analyse, batch by batch) every stale document in the store."""
        if not self.current:
            return
        last = ""
        while True:
            # Paged by doc_id so the query is not held open while the batches below write.
            ids = [r["doc_id"] for r in self.store.query(
                "SELECT doc_id FROM documents WHERE doc_id > ? ORDER BY doc_id LIMIT 1000", (last,))]
            if not ids:
                return
            last = ids[-1]
            for doc_id in ids:
                self.report.read += 1
                first = self._first_stale(doc_id)
                if first is None:
                    self.report.skipped += 1
                    continue
                self.stale.append((doc_id, first))
                if len(self.stale) >= REANALYSE_BATCH:
                    self._reanalyse_batch()

    def _first_stale(self, doc_id: str) -> int | None:
        stored = self.store.analysis_versions(doc_id)
        for i, (info, _) in enumerate(self.pipeline.components):
            if stored.get(info.base) != info.name:
                return i
        return None

    def _results(self, records: Iterator[RawRecord | InputError]) -> Iterator[Document | SlantError]:
        """Documents (or errors) for the new records, from the local pipeline or from Dask."""
        if self.workers and not self.analyze and not self.scheduler and self.dask_client is None:
            # Store-only on this machine: cleaning is the cost, and a plain process pool does it
            # without a cluster's start-up and without shipping Documents back and forth twice.
            stream = _clean_in_processes(records, self.settings, self.workers)
        elif self.workers or self.scheduler or self.dask_client is not None:
            # Cleaning (and the analysis, when asked for) runs on the workers; without analysis
            # they get no components, so a cluster also speeds up the store-only path.
            try:
                from slant.batch.dask_runner import run_dask
            except ImportError:
                raise SettingsError("--workers/--scheduler need the Dask runner (slant.batch.dask_runner) "
                                    "and the dask[distributed] package") from None
            settings = self.settings if self.analyze else self.settings.with_overrides(analyze={"components": ()})
            kwargs: dict[str, Any] = ({"client": self.dask_client} if self.dask_client is not None
                                      else {"scheduler": self.scheduler} if self.scheduler
                                      else {"workers": self.workers})
            stream = run_dask(records, settings, **kwargs)
        else:
            from slant.analyze.process import process_stream

            stream = process_stream(records, self.settings, self.pipeline)
        for item in stream:
            if isinstance(item, SlantError) and item.source:
                self._take_key(item.source)  # the record failed: forget its key
            yield item  # type: ignore[misc]

    def _take_key(self, source: str) -> str | None:
        keys = self.pending.get(source)
        if not keys:
            return None
        key = keys.pop(0)
        if not keys:
            del self.pending[source]
        return key

    # -- re-analysis -----------------------------------------------------------------------------
    def _reanalyse_batch(self) -> None:
        """Re-run the components from the first changed one on a batch of stale stored documents;
        the components run first, then one short transaction writes the results."""
        batch, self.stale = self.stale[:REANALYSE_BATCH], self.stale[REANALYSE_BATCH:]
        done, failed = self._reanalyse(batch)
        with self.store.session() as session:
            for error in failed:
                session.add_failure(error, run_id=self.report.run_id)
            for doc in done:
                session.replace_analysis(doc, run_id=self.report.run_id)
            self.report.failed += len(failed)
            self.report.reanalysed += len(done)
            session.update_run(self.report.run_id, counts=self.report.counts())

    def _reanalyse(self, batch: list[tuple[str, int]]) -> tuple[list[Document], list[SlantError]]:
        groups: dict[int, list[str]] = {}
        for doc_id, first in batch:
            groups.setdefault(first, []).append(doc_id)
        done: list[Document] = []
        failed: list[SlantError] = []
        for first, doc_ids in groups.items():
            tail = Pipeline(self.pipeline.components[first:], overlap=self.pipeline.overlap)
            rerun = {info.base for info, _ in tail.components}
            docs = [doc for doc in (self._stored_for_rerun(i, rerun, failed) for i in doc_ids) if doc is not None]
            try:
                done.extend(tail.pipe(docs))
            except SlantError:
                for doc in docs:  # one bad document costs only itself, as in process_stream
                    # read again: the failed batch's components already ran on (and added provenance to) doc
                    fresh = self._stored_for_rerun(doc.id, rerun, failed)
                    if fresh is None:
                        continue
                    try:
                        done.extend(tail.pipe([fresh]))
                    except SlantError as exc:
                        exc.source = exc.source or doc.id
                        failed.append(exc)
        return done, failed

    def _stored_for_rerun(self, doc_id: str, rerun: set[str], failed: list[SlantError]) -> Document | None:
        """The stored document without the provenance entries of the components about to run again,
        so that each component is listed once, in the version that made its stored layers. A stored
        document that does not decode is a failure of its own (in ``failed``), not of the run."""
        try:
            doc = self.store.get(doc_id)
        except DamagedDocument as exc:
            exc.source = doc_id
            failed.append(exc)
            return None
        if doc is not None:
            doc.provenance = [p for p in doc.provenance
                              if (p.get("component") or str(p.get("name", "")).rsplit(".", 1)[0]) not in rerun]
        return doc


# --------------------------------------------------------------------------- cleaning processes

#: Records per task sent to a cleaning process: large enough that pickling and scheduling cost
#: little next to cleaning (~2-5 ms an article), small enough to keep every process busy.
CLEAN_CHUNK = 64
#: Chunks submitted and not yet stored, per process: bounds memory however long the corpus is.
CLEAN_IN_FLIGHT = 4
#: How often a cleaning process checks that its ingest is still alive.
PARENT_POLL_SECONDS = 1.0


def _watch_parent(parent: int) -> None:
    """Run in a cleaning process: exit when the ingest that started it is gone (killed with -9,
    it cannot tell its pool to stop, and an orphaned process would wait for work for ever)."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="slant-parent-watch", daemon=True).start()


def _clean_chunk(records: list[RawRecord], settings: Settings) -> list[dict[str, Any]]:
    """Run in a cleaning process: each record's Document as a dict, or its error as a dict."""
    from slant.analyze.process import process_stream

    out: list[dict[str, Any]] = []
    empty = Pipeline([])
    for item in process_stream(records, settings, empty, batch_size=len(records)):
        if isinstance(item, SlantError):
            out.append({"error": {"class": f"{type(item).__module__}:{type(item).__qualname__}",
                                  **item.to_dict()}})
        else:
            out.append({"document": item.to_dict()})
    return out


def _error_from(data: dict[str, Any]) -> SlantError:
    import importlib

    module, _, name = str(data.get("class", "")).partition(":")
    cls: type[SlantError] = SlantError
    try:
        found = getattr(importlib.import_module(module), name)
        if isinstance(found, type) and issubclass(found, SlantError):
            cls = found
    except (ImportError, AttributeError, ValueError):
        pass
    error = cls.__new__(cls)
    SlantError.__init__(error, data.get("message", ""), source=data.get("source"), hint=data.get("hint"))
    return error


def _clean_in_processes(records: Iterator[RawRecord | InputError], settings: Settings,
                        processes: int) -> Iterator[dict[str, Any] | SlantError]:
    """Clean records in ``processes`` worker processes; yields, in input order, a Document dict
    per record or the error it raised (reader errors pass through in place)."""
    import collections
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the parent holds an open database and maybe a progress-bar thread
    context = multiprocessing.get_context("spawn")
    pending: collections.deque = collections.deque()
    with ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_watch_parent,
                             initargs=(os.getpid(),)) as pool:
        chunk: list[RawRecord | InputError] = []

        def submit(items: list[RawRecord | InputError]) -> None:
            to_clean = [i for i in items if isinstance(i, RawRecord)]
            future = pool.submit(_clean_chunk, to_clean, settings) if to_clean else None
            pending.append((items, future))

        def drain(limit: int) -> Iterator[dict[str, Any] | SlantError]:
            while len(pending) > limit:
                items, future = pending.popleft()
                done = iter(future.result() if future is not None else ())
                for item in items:
                    if isinstance(item, SlantError):
                        yield item
                        continue
                    result = next(done)
                    yield result["document"] if "document" in result else _error_from(result["error"])

        for item in records:
            chunk.append(item)
            if len(chunk) >= CLEAN_CHUNK:
                submit(chunk)
                chunk = []
                yield from drain(processes * CLEAN_IN_FLIGHT)
        if chunk:
            submit(chunk)
        yield from drain(0)


# --------------------------------------------------------------------------- progress


class _Progress:
    """A rich progress bar on stderr, by bytes of the sources read (which gives the ETA)."""

    def __init__(self, progress: Any, task: Any, cursor: SourceCursor, report: IngestReport):
        self.progress, self.task, self.cursor, self.report = progress, task, cursor, report
        self.last = 0.0

    @classmethod
    def start(cls, sources: list[str], cursor: SourceCursor, report: IngestReport) -> "_Progress | None":
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import (BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        files, size = total_bytes(sources)
        cursor.bytes_total = size
        progress = Progress(
            TextColumn("[bold]ingest"), BarColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[docs]} docs · {task.fields[rate]} docs/s · {task.fields[failed]} failed"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False)
        task = progress.add_task("ingest", total=max(size, 1), docs=0, rate="0", failed=0)
        progress.start()
        return cls(progress, task, cursor, report)

    def update(self) -> None:
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        elapsed = max(now - self.cursor.started, 1e-6)
        self.progress.update(self.task, completed=self.cursor.bytes_done, docs=self.report.read,
                             rate=f"{self.report.read / elapsed:,.0f}", failed=self.report.failed)

    def stop(self) -> None:
        self.last = 0.0
        self.update()
        self.progress.stop()
