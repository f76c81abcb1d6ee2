"""The Dask adapter: shard records into batches, run them on workers, stream results back in order.

The unit of work is the same as everywhere else: :func:`slant.analyze.process.process_stream` over
one batch of RawRecords (it calls ``process_records_batch`` and retries a failing batch record by
record). This module only shards, submits, retries and turns failures into per-document errors;
it never writes anywhere (the store stays the single writer: the caller writes what it yields).

On each worker the pipeline (and so the model) is built once: :func:`worker_pipeline` caches it in
a worker-process global, and :class:`PipelinePreload` (a Dask WorkerPlugin) builds it as the
worker starts, so the first batch does not pay for it.
"""

from __future__ import annotations

import importlib
import itertools
import logging
import os
import time
from collections import deque
from typing import Any, Callable, Iterable, Iterator

from slant.document import Document
from slant.errors import SlantError, all_error_classes
from slant.ingest.record import RawRecord
from slant.settings import Settings, load_settings

log = logging.getLogger(__name__)

#: Records per task: big enough that the scheduler round trip (~2-5 ms) is small next to the
#: work, small enough that a retried batch redoes little and memory per task stays small.
DEFAULT_BATCH_SIZE = 16
#: Batches in flight per worker: one running and three queued, because a scheduler round trip
#: (measured 18-30 ms per task on the loaded 2-core project machine) can outlast a batch of cheap
#: documents; more would only hold results in memory that the consumer has not taken yet.
IN_FLIGHT_PER_WORKER = 4
#: A batch that fails with something other than a SlantError (a crashed worker, a bug) is
#: submitted once more before its records are reported as failed.
BATCH_RETRIES = 1
#: How long to wait for a scheduler given by address before saying it is unreachable.
CONNECT_TIMEOUT = "20s"


class BatchError(SlantError):
    """A batch could not be processed on the cluster (after its retry)."""

    code = "E871"
    hint = "see the worker logs; re-run the same command to retry only the documents that failed"


class SchedulerUnreachable(SlantError):
    """The Dask scheduler given with --scheduler did not answer."""

    code = "E872"
    hint = "check the address (tcp://HOST:PORT), that the scheduler runs, and that this machine can reach it"


class DaskMissing(SlantError):
    """Dask is not installed."""

    code = "E873"
    hint = "install the batch extra: pip install 'slant[batch]' (dask and distributed)"


# -- worker side --------------------------------------------------------------------------------

#: Pipelines built in this (worker) process, by settings; and how many times one was built,
#: which the tests read to check that the model loads once per worker.
_WORKER_PIPELINES: dict[Settings, Any] = {}
_WORKER_LOADS = 0


def worker_pipeline(settings: Settings):
    """The pipeline for ``settings``, built once per worker process."""
    global _WORKER_LOADS
    pipeline = _WORKER_PIPELINES.get(settings)
    if pipeline is None:
        from slant.analyze.process import make_pipeline

        pipeline = _WORKER_PIPELINES[settings] = make_pipeline(settings)
        _WORKER_LOADS += 1
    return pipeline


def worker_loads() -> tuple[int, int]:
    """(pid, how many pipelines this process built): run on each worker to check the model loads once."""
    return os.getpid(), _WORKER_LOADS


def error_to_dict(error: SlantError) -> dict[str, Any]:
    """A SlantError as a small dict that crosses process boundaries and rebuilds its class."""
    out = error.to_dict()
    out["class"] = f"{type(error).__module__}:{type(error).__qualname__}"
    return out


def error_from_dict(data: dict[str, Any]) -> SlantError:
    """Rebuild the SlantError that :func:`error_to_dict` described (its class when importable)."""
    cls: type[SlantError] = SlantError
    module, _, name = str(data.get("class", "")).partition(":")
    try:
        found = getattr(importlib.import_module(module), name)
        if isinstance(found, type) and issubclass(found, SlantError):
            cls = found
    except (ImportError, AttributeError, ValueError):
        cls = next((c for c in all_error_classes() if c.code == data.get("code")), SlantError)
    error = cls.__new__(cls)
    SlantError.__init__(error, data.get("message", ""), source=data.get("source"), hint=data.get("hint"))
    if error.code != data.get("code") and data.get("code"):
        error.code = data["code"]
    return error


def process_batch(records: list[RawRecord], settings: Settings) -> list[dict[str, Any]]:
    """Run on a worker: process one batch; one dict per record (a Document or an error)."""
    from slant.analyze.process import process_stream

    pipeline = worker_pipeline(settings)
    out = []
    for result in process_stream(records, settings, pipeline, batch_size=max(1, len(records))):
        if isinstance(result, SlantError):
            out.append({"error": error_to_dict(result)})
        else:
            out.append({"document": result.to_dict(include_raw=True)})
    return out


def result_from_dict(data: dict[str, Any]) -> Document | SlantError:
    if "error" in data:
        return error_from_dict(data["error"])
    return Document.from_dict(data["document"])


try:  # the plugin base class only exists when distributed is installed
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - exercised only without dask
    _WorkerPlugin = object  # type: ignore[assignment,misc]


class PipelinePreload(_WorkerPlugin):  # type: ignore[misc,valid-type]
    """Builds the pipeline when a worker starts (and when one joins later), not in its first task."""

    name = "slant-pipeline-preload"

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker=None) -> None:
        try:
            worker_pipeline(self.settings)
        except SlantError as exc:  # the first task will raise it again, with its record named
            log.warning("could not preload the Slant pipeline on worker: %s", exc)


# -- client side --------------------------------------------------------------------------------

def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise DaskMissing("running on Dask needs the dask and distributed packages") from None
    return distributed


def _batches(items: Iterable[RawRecord | SlantError], batch_size: int) -> Iterator[list[RawRecord | SlantError]]:
    """Cut the input into batches holding ``batch_size`` records (errors ride along in place)."""
    batch: list[RawRecord | SlantError] = []
    records = 0
    for item in items:
        batch.append(item)
        if isinstance(item, RawRecord):
            records += 1
            if records >= batch_size:
                yield batch
                batch, records = [], 0
    if batch:
        yield batch


class _Slot:
    """One batch on its way: its items, its future, how many times it was tried."""

    __slots__ = ("items", "records", "future", "attempts")

    def __init__(self, items: list[RawRecord | SlantError]):
        self.items = items
        self.records = [i for i in items if isinstance(i, RawRecord)]
        self.future = None
        self.attempts = 0


def run_dask(items: Iterable[RawRecord | SlantError], settings: Settings | None = None, *,
             workers: int | None = None, scheduler: str | None = None,
             batch_size: int = DEFAULT_BATCH_SIZE, max_in_flight: int | None = None,
             client: Any | None = None,
             process: Callable[[list[RawRecord], Settings], list[dict[str, Any]]] | None = None,
             ) -> Iterator[Document | SlantError]:
    """Analyse ``items`` on a Dask cluster; yields one Document or SlantError per item, in input order.

    Args:
        items: RawRecords, and SlantErrors from readers (passed through at their place).
        settings: the Settings every worker uses (they are sent along; workers read no slant.toml).
        workers: start a LocalCluster with this many worker processes, one thread each
            (default: the machine's CPU count). Ignored when ``scheduler`` or ``client`` is given.
        scheduler: address of a running scheduler (``tcp://HOST:8786``).
        batch_size: records per task.
        max_in_flight: batches submitted and not yet yielded (default 4 per worker): memory stays
            flat however long the input is.
        client: an existing ``distributed.Client`` (left open).
        process: the per-batch function run on workers (default :func:`process_batch`); it must be
            importable on the workers and return one ``{"document": ...}`` / ``{"error": ...}`` per record.
    """
    settings = settings or load_settings()
    if batch_size < 1:
        raise BatchError(f"batch_size must be at least 1, got {batch_size}", hint="pass a positive batch size")
    distributed = _import_distributed()
    process = process or process_batch
    own_cluster = own_client = None
    if client is None:
        if scheduler:
            try:
                client = own_client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise SchedulerUnreachable(f"no Dask scheduler answered at {scheduler}: {exc}") from None
        else:
            own_cluster = make_local_cluster(workers or os.cpu_count() or 1)
            client = own_client = distributed.Client(own_cluster)
    try:
        try:
            client.register_plugin(PipelinePreload(settings))
        except Exception as exc:  # noqa: BLE001 - preloading is an optimisation; tasks load it anyway
            log.warning("could not register the pipeline preload plugin: %s", exc)
        n_workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {}))
                        if hasattr(client, "scheduler_info") else 1)
        limit = max_in_flight or IN_FLIGHT_PER_WORKER * n_workers
        yield from _stream(client, process, settings, _batches(items, batch_size), limit)
    finally:
        _shut_down(own_client, own_cluster)


#: seconds a worker of the run's own cluster gets to exit at the end (the nanny's default, 4 s, is
#: short on a loaded machine: it then kills the worker and says so, after every result is in)
SHUTDOWN_TIMEOUT = 10


class _DropShutdownNoise(logging.Filter):
    """Drops the nanny's "Worker process still alive after N seconds, killing" while the run's own
    cluster closes: every result is in by then, and a killed idle worker loses nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Worker process still alive")


def _shut_down(client: Any | None, cluster: Any | None) -> None:
    """Close the client, then the cluster this run started, its workers given ``SHUTDOWN_TIMEOUT``
    seconds to exit; a shutdown prints no warning."""
    if client is not None:
        try:
            client.close(timeout=SHUTDOWN_TIMEOUT)
        except TimeoutError:
            log.warning("the Dask client took over %d s to close", SHUTDOWN_TIMEOUT)
    if cluster is None:
        return
    nanny_log, noise = logging.getLogger("distributed.nanny"), _DropShutdownNoise()
    nanny_log.addFilter(noise)
    try:
        try:
            cluster.sync(_close_workers, cluster, SHUTDOWN_TIMEOUT)
        except Exception as exc:  # noqa: BLE001 - cluster.close below kills what is left
            log.debug("closing the workers: %s", exc)
        cluster.close(timeout=SHUTDOWN_TIMEOUT)
    except TimeoutError:
        log.warning("the local Dask cluster took over %d s to close", SHUTDOWN_TIMEOUT)
    finally:
        nanny_log.removeFilter(noise)


async def _close_workers(cluster: Any, timeout: float) -> None:
    """Ask every worker (nanny) of ``cluster`` to close, each given ``timeout`` seconds."""
    import asyncio

    await asyncio.gather(*(w.close(timeout=timeout) for w in list(cluster.workers.values())
                           if hasattr(w, "close")), return_exceptions=True)


def make_local_cluster(workers: int):
    """A LocalCluster of ``workers`` processes with one thread each, the model held to one thread too.

    The ONNX model would otherwise use two threads per process (SLANT_THREADS, see
    slant.models.onnx_model), and N workers would fight over the same cores.
    """
    distributed = _import_distributed()
    env = {"SLANT_THREADS": os.environ.get("SLANT_THREADS", "1")}
    return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                    dashboard_address=":0", silence_logs=logging.WARNING, env=env)


def _submit(client: Any, process: Callable, slot: _Slot, settings_arg: Any, counter: Iterator[int]) -> None:
    slot.attempts += 1
    if slot.records:
        slot.future = client.submit(process, slot.records, settings_arg, pure=False,
                                    key=f"slant-batch-{next(counter)}-try{slot.attempts}")


def _stream(client: Any, process: Callable, settings: Settings, batches: Iterator[list], limit: int
            ) -> Iterator[Document | SlantError]:
    counter = itertools.count()
    # Settings (~1 KB pickled) travel with every batch rather than scattered once: a scattered
    # value dies with the workers holding it, and a retry after a worker crash would then fail too.
    window: deque[_Slot] = deque()
    exhausted = False
    while window or not exhausted:
        while not exhausted and len(window) < limit:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
                break
            slot = _Slot(batch)
            _submit(client, process, slot, settings, counter)
            window.append(slot)
        if not window:
            break
        slot = window[0]
        results = _collect(client, process, slot, settings, counter)
        window.popleft()
        done = iter(results)
        for item in slot.items:
            yield item if isinstance(item, SlantError) else next(done)


def _collect(client: Any, process: Callable, slot: _Slot, settings_arg: Any, counter: Iterator[int]
             ) -> list[Document | SlantError]:
    """Wait for one batch; retry it once on a non-Slant failure, then report its records as failed."""
    while True:
        if slot.future is None:
            return []
        try:
            data = slot.future.result()
        except Exception as exc:  # noqa: BLE001 - a worker crash or a bug: retry, then record
            slot.future.release()
            if slot.attempts <= BATCH_RETRIES:
                log.warning("batch of %d records failed (%s: %s); retrying once", len(slot.records),
                            type(exc).__name__, exc)
                _submit(client, process, slot, settings_arg, counter)
                continue
            return [BatchError(f"batch failed twice on the cluster: {type(exc).__name__}: {exc}",
                               source=r.source or r.id) for r in slot.records]
        slot.future.release()
        if len(data) != len(slot.records):
            return [BatchError(f"a worker returned {len(data)} results for {len(slot.records)} records",
                               source=r.source or r.id) for r in slot.records]
        return [result_from_dict(d) for d in data]


def wait_for_workers(client: Any, n: int, timeout: float = 60.0) -> None:
    """Block until ``n`` workers joined (a LocalCluster starts them in the background)."""
    deadline = time.monotonic() + timeout
    while len(client.scheduler_info(n_workers=-1).get("workers", {})) < n:
        if time.monotonic() > deadline:
            raise BatchError(f"only {len(client.scheduler_info(n_workers=-1)['workers'])} of {n} Dask "
                             f"workers started within {timeout:.0f} s")
        time.sleep(0.1)
