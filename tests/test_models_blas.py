"""slant.models.blas: numpy's BLAS at one thread while the pipeline runs, put back afterwards."""

import threading

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from slant.analyze.registry import ComponentInfo, Pipeline
from slant.errors import ComponentFailed
from slant.models.blas import one_thread


def blas_threads() -> list[int]:
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


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
    the limit does not lift it. (OpenBLAS ignores thread counts set from other threads than the
    main one, so only the main thread's entries change anything.)"""
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
