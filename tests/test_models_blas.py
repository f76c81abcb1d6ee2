"""slant.models.blas: numpy's BLAS at one thread while the pipeline runs, put back afterwards."""

import os
import sys
import threading
import time

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from slant.analyze.registry import ComponentInfo, Pipeline
from slant.errors import ComponentFailed
from slant.models.blas import one_thread


def blas_threads() -> list[int]:
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


def thread_ticks() -> dict[str, int]:
    """CPU time each thread of this process has used, in clock ticks (user + system; Linux /proc)."""
    ticks = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:  # the thread ended meanwhile
            continue
        ticks[tid] = int(fields[11]) + int(fields[12])
    return ticks


#: longer than OpenBLAS's spin before an idle pool thread sleeps (2**28 cycles by default: about 0.1 s)
SETTLE_SECONDS = 0.5


def products_cpu(rounds: int = 20) -> tuple[int, int]:
    """Multiply two 800x800 matrices ``rounds`` times in the calling thread and return (the CPU
    ticks this thread spent, the ticks all other threads of the process spent meanwhile), the
    second being OpenBLAS's own threads' work when it splits products over them."""
    a = np.random.default_rng(0).standard_normal((800, 800))
    # OpenBLAS's pool threads spin for a while after their last product before they sleep; spinning
    # left over from an earlier product would be counted here as sharing this one's work
    time.sleep(SETTLE_SECONDS)
    me = str(threading.get_native_id())
    before = thread_ticks()
    for _ in range(rounds):
        a @ a
    spent = {tid: t - before.get(tid, 0) for tid, t in thread_ticks().items()}
    return spent.get(me, 0), sum(t for tid, t in spent.items() if tid != me)


def blas_pool_idle(own: int, others: int) -> bool:
    """True when the other threads did little next to the calling thread's products; False when
    OpenBLAS's threads shared the work (they then spend about as much as the calling thread). Some
    ticks of other threads are allowed: a Dask worker's event loop, a server's threads."""
    return others <= max(4, own // 3)


needs_two_blas_threads = pytest.mark.skipif(
    not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
    reason="reads per-thread CPU time from /proc and needs two cores for OpenBLAS to split a product")


def test_numpy_has_a_blas_to_limit():
    assert blas_threads(), "numpy's BLAS is not visible to threadpoolctl"


def test_one_thread_limits_and_restores_nested():
    with threadpool_limits(limits=2, user_api="blas"):
        assert set(blas_threads()) == {2}
        with one_thread():
            assert set(blas_threads()) == {1}
            with one_thread():
                assert set(blas_threads()) == {1}
            assert set(blas_threads()) == {1}  # the outer block still holds it
        assert set(blas_threads()) == {2}


def test_one_thread_held_by_another_thread_too_restores_when_the_last_leaves():
    """A pipeline in a worker thread (web app) entering and leaving while the main thread holds
    the limit does not lift it."""
    with threadpool_limits(limits=2, user_api="blas"):
        with one_thread():
            done = []

            def enter_and_leave():
                with one_thread():
                    done.append(True)

            worker = threading.Thread(target=enter_and_leave)
            worker.start()
            worker.join()
            assert done and set(blas_threads()) == {1}
        assert set(blas_threads()) == {2}


def run_in_thread(fn, *args):
    """``fn(*args)`` in a new thread; its result."""
    out = []
    worker = threading.Thread(target=lambda: out.append(fn(*args)))
    worker.start()
    worker.join()
    return out[0]


def limited_products() -> tuple[list[int], tuple[int, int]]:
    """Under one_thread: the BLAS thread counts threadpoolctl reports, and :func:`products_cpu`."""
    with one_thread():
        return blas_threads(), products_cpu()


@needs_two_blas_threads
def test_one_thread_holds_in_a_worker_thread_while_another_thread_controls_blas():
    """The web app and Dask run the pipeline in worker threads. threadpoolctl lets only one thread
    set OpenBLAS's count (the first one that did, while it lives) and ignores the others silently;
    one_thread takes that control, so the limit holds in any thread. Checked by what OpenBLAS's own
    threads do: with two BLAS threads they share every product, under one_thread none."""
    with threadpool_limits(limits=2, user_api="blas"):  # the main thread controls BLAS now
        two = run_in_thread(products_cpu)
        threads, one = run_in_thread(limited_products)
        assert set(blas_threads()) == {2}  # put back afterwards
    assert not blas_pool_idle(*two), f"OpenBLAS's threads did not share the products: {two}"
    assert threads == [1] * len(threads) and blas_pool_idle(*one), (threads, one)


@needs_two_blas_threads
def test_one_thread_holds_in_a_second_server_thread_while_the_first_lives():
    """A server keeps its threads: the thread that ran the first pipeline (an idle AnyIO worker,
    the job thread) is still alive when another thread runs the next one. Before, threadpoolctl
    ignored the second thread's limit and that pipeline ran with BLAS at two threads."""
    first_done, stop = threading.Event(), threading.Event()

    def first_server_thread():
        with one_thread():
            pass
        first_done.set()
        stop.wait(30)

    before = blas_threads()
    if max(before) < 2:
        pytest.skip("BLAS runs at one thread here already (OPENBLAS_NUM_THREADS?)")
    first = threading.Thread(target=first_server_thread)
    first.start()
    try:
        assert first_done.wait(30)
        threads, one = run_in_thread(limited_products)
        assert threads == [1] * len(threads) and blas_pool_idle(*one), (threads, one)
        assert blas_threads() == before
    finally:
        stop.set()
        first.join()


def test_pipeline_runs_components_at_one_blas_thread_and_gives_back_on_error():
    seen = []

    def factory():
        def component(doc):
            seen.append(tuple(blas_threads()))
            if doc.text == "fail":
                raise RuntimeError("boom")
            return doc
        return component

    from slant.document import Document

    with threadpool_limits(limits=2, user_api="blas"):
        pipeline = Pipeline([(ComponentInfo("slant.blas_probe.v1", factory), factory())])
        pipeline.pipe([Document(text="one"), Document(text="two")])
        assert seen == [(1,) * len(blas_threads())] * 2
        with pytest.raises(ComponentFailed):
            pipeline.pipe([Document(text="fail")])
        assert set(blas_threads()) == {2}


def test_one_thread_products_equal_two_thread_products():
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((700, 405), dtype=np.float32), rng.standard_normal((405, 768), dtype=np.float32)
    with threadpool_limits(limits=2, user_api="blas"):
        two = x @ w
    with one_thread():
        one = x @ w
    assert np.array_equal(one, two)
