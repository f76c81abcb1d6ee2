"""Batch jobs: many articles analysed in the background, one job at a time, status by id.

Jobs live in memory (a restart forgets them; stored articles stay in the store). One worker
thread runs them in order: analysis already uses every core through the model's batching, so
parallel jobs would only slow each other down.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from slant.errors import InputError, JobError, SlantError

if TYPE_CHECKING:
    from slant.web.state import AppState

#: finished jobs whose result documents stay in memory; older ones keep only their status, so a
#: long-running server does not hold every batch it ever analysed
MAX_JOBS_WITH_RESULTS = 20


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Job:
    """One batch: its items, progress and, when done, a result per item."""

    job_id: str
    items: list[dict[str, Any]]
    store: bool
    submitted_by: str
    status: str = "queued"  # queued | running | done | failed
    created: str = field(default_factory=_now)
    started: str | None = None
    finished: str | None = None
    done: int = 0
    failed: int = 0
    results: list[dict[str, Any]] | None = field(default_factory=list)
    error: str | None = None
    total: int = 0

    def __post_init__(self) -> None:
        self.total = len(self.items)

    def status_dict(self) -> dict[str, Any]:
        """The job's status as the API shows it."""
        return {"job_id": self.job_id, "status": self.status, "created": self.created, "started": self.started,
                "finished": self.finished, "total": self.total, "done": self.done, "failed": self.failed,
                "store": self.store, "error": self.error, "results_available": self.results is not None}


class JobManager:
    """Queues jobs on one worker thread and answers their status."""

    def __init__(self, state: "AppState", max_jobs: int):
        self.state = state
        self.max_jobs = max_jobs
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None  # started with the first job (and after a shutdown)

    def submit(self, items: list[dict[str, Any]], *, store: bool, submitted_by: str) -> Job:
        """Queue a job of ``items`` (dicts with 'text' and optional 'id', 'kind' and metadata)."""
        job = Job(secrets.token_hex(8), items, store, submitted_by)
        with self._lock:
            self._jobs[job.job_id] = job
            self._forget_old()
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="slant-job")
            self._pool.submit(self._run, job)
        return job

    def get(self, job_id: str) -> Job:
        """The job ``job_id``; raises JobError."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise JobError(f"no job {job_id!r}")
        return job

    def list(self) -> list[Job]:
        """Every remembered job, newest first."""
        with self._lock:
            return list(reversed(self._jobs.values()))

    def _forget_old(self) -> None:
        finished = [j for j in self._jobs.values() if j.status in ("done", "failed")]
        for job in finished[:-MAX_JOBS_WITH_RESULTS] if len(finished) > MAX_JOBS_WITH_RESULTS else []:
            job.results = None
        while len(self._jobs) > self.max_jobs:
            oldest = next((j for j in self._jobs.values() if j.status in ("done", "failed")), None)
            if oldest is None:
                break
            del self._jobs[oldest.job_id]

    def _run(self, job: Job) -> None:
        from slant.analyze.process import make_pipeline, process_stream
        from slant.ingest.readers import read_bytes

        job.status, job.started = "running", _now()
        settings = self.state.settings
        try:
            pipeline = make_pipeline(settings)

            def records():
                for i, item in enumerate(job.items):
                    source = f"job:{job.job_id}:{i}"
                    try:
                        found = read_bytes(item["text"].encode("utf-8", "surrogatepass"), source=source,
                                           id=item.get("id") or f"item-{i}", settings=settings.read,
                                           kind=item.get("kind"))
                        if len(found) != 1:
                            raise InputError(f"item {i} holds {len(found)} articles; send one per item", source=source)
                        record = found[0]
                        for key in ("title", "outlet", "url", "published", "byline"):
                            if item.get(key):
                                setattr(record, key, item[key])
                        yield record
                    except InputError as exc:
                        yield exc

            for i, outcome in enumerate(process_stream(records(), settings, pipeline,
                                                       batch_size=settings.analyze.batch_size)):
                if isinstance(outcome, SlantError):
                    job.failed += 1
                    job.results.append({"index": i, "status": "failed", "error": outcome.to_dict()})
                    continue
                result: dict[str, Any] = {"index": i, "status": "ok", "id": outcome.id}
                if job.store:
                    from slant.web.service import store_document

                    put = store_document(self.state, outcome)
                    result.update(doc_id=put["doc_id"], stored=put["status"])  # stored | duplicate
                else:
                    result["document"] = outcome.to_dict()
                job.done += 1
                if job.results is not None:
                    job.results.append(result)
            job.status = "done"
        except SlantError as exc:
            job.status, job.error = "failed", str(exc)
        except Exception as exc:  # noqa: BLE001 - a job must end with a status, never hang "running"
            job.status, job.error = "failed", f"internal error: {type(exc).__name__}: {exc}"
        finally:
            job.finished = _now()
            job.items = []  # the texts are not needed any more; keep memory flat

    def wait(self, job_id: str, timeout: float = 30.0) -> Job:
        """Block until the job has finished (for tests and scripts)."""
        import time

        deadline = time.monotonic() + timeout
        job = self.get(job_id)
        while job.status in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(0.02)
        return job

    def shutdown(self) -> None:
        """Stop taking the queued jobs (the one running finishes); a later submit starts afresh."""
        with self._lock:
            pool, self._pool = self._pool, None
            for job in self._jobs.values():
                if job.status == "queued":
                    job.status, job.error, job.finished = "failed", "the server stopped before the job ran", _now()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
