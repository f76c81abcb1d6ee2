"""The Dask runner gives the same Documents as a local run, retries, and records failures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from slant.batch import dask_runner
from slant.batch.dask_runner import (BatchError, SchedulerUnreachable, error_from_dict, error_to_dict, process_batch,
                                     run_dask, worker_loads)
from slant.corpus.rewrites import generate_corpus
from slant.errors import EmptyInput, InputError, SlantError, all_error_classes
from slant.ingest.record import RawRecord
from slant.settings import load_settings

distributed = pytest.importorskip("distributed")


def _records(n_stories: int = 12, seed: int = 3) -> list[RawRecord | SlantError]:
    articles = generate_corpus(n_stories, seed=seed)
    items: list[RawRecord | SlantError] = [
        RawRecord(id=a.id, source=f"{a.id}.txt", raw=a.text, outlet=a.outlet, published=a.published or "")
        for a in articles]
    items.insert(3, InputError("line 3 is not JSON", source="feed.jsonl:3"))  # a reader's error rides along
    items.insert(9, RawRecord(id="empty", source="empty.txt", raw="   \n"))  # fails inside the worker
    return items


def _comparable(result):
    if isinstance(result, SlantError):
        return ("error", type(result).__name__, result.code, result.source, result.message)
    data = result.to_dict(include_raw=True)
    data["provenance"] = [{k: v for k, v in p.items() if k != "seconds"} for p in data["provenance"]]
    return data


@pytest.fixture(scope="module")
def client():
    cluster = dask_runner.make_local_cluster(2)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.mark.slow
def test_batch_dask_two_workers_match_a_local_run(client):
    from slant.analyze.process import process_stream

    settings = load_settings()
    items = _records()
    local = [_comparable(r) for r in process_stream(items, settings)]
    remote = [_comparable(r) for r in run_dask(items, settings, client=client, batch_size=4)]
    assert len(remote) == len(items)
    assert remote == local
    assert remote[3][:3] == ("error", "InputError", "E100")
    assert remote[9][:3] == ("error", "EmptyInput", "E101")
    # both workers took part, and each built its pipeline exactly once
    loads = client.run(worker_loads)
    assert len(loads) == 2 and all(n == 1 for _, n in loads.values())
    # the same through the scheduler's address, as `--scheduler tcp://HOST:PORT` does
    by_address = [_comparable(r) for r in run_dask(items, settings, scheduler=client.scheduler.address)]
    assert by_address == local


@pytest.mark.slow
def test_batch_dask_with_the_persuasion_model_matches_a_local_run(client):
    from slant.analyze.process import process_stream
    from slant.analyze.registry import registered

    if "slant.persuasion.v1" not in registered():
        pytest.skip("the slant.persuasion.v1 component is not registered")
    settings = load_settings(analyze={"components": "slant.persuasion.v1"})
    items = _records(2, seed=3)
    local = [_comparable(r) for r in process_stream(items, settings)]
    if any(r[0] == "error" and r[2] == "E600" for r in local if isinstance(r, tuple)):
        pytest.skip("the persuasion model files are not installed")
    remote = [_comparable(r) for r in run_dask(items, settings, client=client, batch_size=3)]
    assert remote == local  # workers run the model on 1 thread, the local run on 2: same rounded scores
    assert any(r["layers"].get("techniques") is not None for r in remote if isinstance(r, dict))


@pytest.mark.slow
def test_batch_dask_starts_its_own_local_cluster():
    items = _records(3, seed=8)
    results = list(run_dask(items, load_settings(), workers=2, batch_size=3))
    assert [getattr(r, "id", None) for r in results if not isinstance(r, SlantError)] == \
        [r.id for r in items if isinstance(r, RawRecord) and r.id != "empty"]


def _set_env(key, value):
    os.environ[key] = value
    return os.environ[key]


def flaky_process(records, settings):
    """Fails the first time it sees a batch holding the record "boom-once" (a marker file says so)."""
    marker = Path(os.environ["SLANT_TEST_MARKER_DIR"]) / "seen"
    if any(r.id == "boom-once" for r in records) and not marker.exists():
        marker.write_text("x")
        raise RuntimeError("worker hiccup")
    if any(r.id == "boom-always" for r in records):
        raise RuntimeError("this batch can never work")
    return process_batch(records, settings)


@pytest.mark.slow
def test_batch_dask_retries_a_failed_batch_once_and_records_the_rest(client, tmp_path):
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need not import this file
    assert set(client.run(_set_env, "SLANT_TEST_MARKER_DIR", str(tmp_path)).values()) == {str(tmp_path)}
    items = [RawRecord(id=f"doc{i}", source=f"doc{i}.txt", raw=f"Title {i}\n\nThe story number {i} goes on.")
             for i in range(8)]
    items[1] = RawRecord(id="boom-once", source="once.txt", raw="Title\n\nA hiccup the first time only.")
    items[6] = RawRecord(id="boom-always", source="always.txt", raw="Title\n\nNever works.")
    results = list(run_dask(items, load_settings(), client=client, batch_size=2, process=flaky_process))
    assert (tmp_path / "seen").exists()
    ids = [getattr(r, "id", None) for r in results]
    assert ids[:6] == ["doc0", "boom-once", "doc2", "doc3", "doc4", "doc5"]  # the retry worked
    assert all(isinstance(r, BatchError) for r in results[6:])  # the batch of boom-always failed twice
    assert results[6].source == "always.txt" and results[7].source == "doc7.txt"
    assert "twice" in results[6].message


@pytest.mark.slow
def test_batch_dask_keeps_few_batches_in_flight(client):
    consumed = 0
    high_water = 0
    yielded = 0

    def source():
        nonlocal consumed
        for i in range(60):
            consumed += 1
            yield RawRecord(id=f"d{i:03d}", source=f"d{i}.txt", raw=f"Headline {i}\n\nBody text of story {i}.")

    for result in run_dask(source(), load_settings(), client=client, batch_size=3, max_in_flight=2):
        yielded += 1
        high_water = max(high_water, consumed - yielded)
        assert result.id == f"d{yielded - 1:03d}"  # input order
    assert yielded == 60
    assert high_water <= 2 * 3 + 3  # two batches out, plus the one being read


def test_batch_unreachable_scheduler_is_a_slant_error(monkeypatch):
    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(SchedulerUnreachable) as err:
        list(run_dask([RawRecord(id="a", source="a", raw="x")], load_settings(), scheduler="tcp://127.0.0.1:9"))
    assert err.value.code == "E872" and "127.0.0.1:9" in str(err.value)


def test_batch_errors_cross_processes_as_dicts():
    error = EmptyInput("no text", source="a.txt")
    rebuilt = error_from_dict(error_to_dict(error))
    assert type(rebuilt) is EmptyInput and rebuilt.source == "a.txt" and str(rebuilt) == str(error)
    unknown = error_from_dict({"class": "gone.module:Nope", "code": "E101", "message": "m", "source": None,
                               "hint": "h"})
    assert isinstance(unknown, EmptyInput) and unknown.hint == "h"


def test_batch_batches_keep_reader_errors_in_place():
    items = [RawRecord(id="a", source="a", raw="x"), InputError("bad"), RawRecord(id="b", source="b", raw="y"),
             RawRecord(id="c", source="c", raw="z")]
    batches = list(dask_runner._batches(items, 2))
    assert [[getattr(i, "id", "err") for i in b] for b in batches] == [["a", "err", "b"], ["c"]]


def test_batch_error_codes_are_unique():
    import slant.batch  # noqa: F401  (registers the batch errors)
    import slant.corpus.neardup  # noqa: F401

    codes = [cls.code for cls in all_error_classes()]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)


def blas_inside_a_worker_pipeline():
    """Runs on a worker: BLAS raised to two threads (the nanny starts workers at one), then a
    pipeline whose only component reports the BLAS threads inside and what OpenBLAS's own threads
    did meanwhile (tests/test_models_blas.py)."""
    from threadpoolctl import threadpool_limits

    from slant.analyze.registry import ComponentInfo, Pipeline
    from slant.document import Document
    from tests.test_models_blas import blas_threads, products_cpu

    seen = []

    def factory():
        def probe(doc):
            seen.append((blas_threads(), products_cpu()))
            return doc
        return probe

    with threadpool_limits(limits=2, user_api="blas"):
        before = blas_threads()
        Pipeline([(ComponentInfo("slant.blas_probe.v1", factory), factory())]).pipe([Document(text="x")])
    return before, seen[0]


@pytest.mark.slow
def test_batch_dask_worker_pipelines_run_blas_at_one_thread(client):
    import cloudpickle

    import tests.test_models_blas as blas_tests

    if blas_tests.needs_two_blas_threads.args[0]:
        pytest.skip(blas_tests.needs_two_blas_threads.kwargs["reason"])
    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need not import the tests
    cloudpickle.register_pickle_by_value(blas_tests)
    before, (threads, (own, others)) = client.submit(blas_inside_a_worker_pipeline, pure=False).result()
    assert set(before) == {2}
    assert threads == [1] * len(threads) and blas_tests.blas_pool_idle(own, others), (threads, own, others)


def slow_exit_process(records, settings):
    """process_batch, and the worker's process then takes 6 s to exit (as a loaded machine's can)."""
    import atexit
    import time

    atexit.register(time.sleep, 6)
    return process_batch(records, settings)


@pytest.mark.slow
def test_batch_dask_own_cluster_shuts_down_without_warnings():
    """`slant ingest --workers 2` ended with the nanny's "Worker process still alive after 4.0
    seconds, killing": the run's own cluster is closed with time for the workers to exit, and no
    shutdown warning reaches the user."""
    import logging

    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need not import this file
    seen: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = seen.append
    loggers = [logging.getLogger(n) for n in ("distributed", "distributed.nanny", "distributed.process")]
    for lg in loggers:
        lg.addHandler(handler)
    try:
        items = [RawRecord(id=f"doc{i}", source=f"doc{i}.txt", raw=f"Title {i}\n\nThe story number {i} goes on.")
                 for i in range(2)]
        results = list(run_dask(items, load_settings(), workers=1, batch_size=1, process=slow_exit_process))
    finally:
        for lg in loggers:
            lg.removeHandler(handler)
    assert [getattr(r, "id", None) for r in results] == ["doc0", "doc1"]
    assert [r.getMessage() for r in seen] == []
