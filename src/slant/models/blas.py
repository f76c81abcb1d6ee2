"""numpy's BLAS at one thread while the analysis runs.

The heads after the encoder (persuasion heads, the entity and attribution convolutions, claims)
are numpy matrix products of a few hundred rows. OpenBLAS, numpy's BLAS, runs each product on
every core, and its worker threads busy-wait after each one and while a partner thread is off the
CPU. On the shared 2-core box that cost more than the products themselves: over the 48
``benchmarks/bench_model.py`` articles (load 6-9) a pass took 27.3 s with two BLAS threads and
15.3 s with one, and the process used 11.7 against 6.6 CPU-seconds; the encoder's own time was
the same. One thread gives bit-identical products (OpenBLAS splits a product by output blocks,
never along the summed axis; checked on the whole pipeline's output).

:func:`one_thread` is a context manager the pipeline holds while it runs a batch. It nests and
may be entered from several threads at once: the first entry limits BLAS, the last exit puts the
previous thread count back. The limit is process-wide, so numpy code in another thread runs
single-threaded meanwhile (same results).

Any thread: `slant serve` analyses in AnyIO's worker threads and in its job thread, Dask workers
in their task threads. numpy's OpenBLAS (pthreads build) keeps one process-wide thread count and
takes it from whichever thread sets it, but threadpoolctl (3.8) lets only one thread set it: the
first that did, for as long as it lives, unless that thread used ``with threadpool_limits(...)``
(which hands the control back on exit); other threads' calls do nothing, silently. So a pipeline
in a second server thread, while the first thread that ran one was still alive (AnyIO keeps idle
threads, the job thread lives on), ran with BLAS at two threads; and the last exit could come
from a thread whose restore was ignored. :func:`one_thread` therefore takes the control
(``clear_controlling_thread(force=True)``) each time it sets or restores the count, and hands it
back afterwards. Measured through `slant serve` (12 SemEval articles posted one after another to
POST /api/v1/analyze after one job had run; load 14): 22.6 / 26.2 s before, with BLAS at two
threads in every one of the 12, against 9.3 / 6.9 s now with one; OpenBLAS's pool thread spent
184-203 CPU ticks before and 0 now; answers identical. (Dask's nanny also starts workers with
OPENBLAS_NUM_THREADS=1 unless ``distributed.nanny.pre-spawn-environ`` says otherwise.)
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

_lock = threading.Lock()
_depth = 0
_limiter = None
_controller = None


def _blas_controller():
    global _controller
    if _controller is None:  # scans the loaded libraries once (numpy's BLAS is loaded by now)
        from threadpoolctl import ThreadpoolController

        _controller = ThreadpoolController().select(user_api="blas")
    return _controller


def _in_control(apply: Callable[[], Any]) -> Any:
    """``apply()`` (set or restore the BLAS limit) as the thread threadpoolctl lets change it: it
    lets only one thread change OpenBLAS's process-wide count and silently ignores the others."""
    from threadpoolctl import OpenBLASController

    OpenBLASController.clear_controlling_thread(force=True)
    try:
        return apply()
    finally:
        OpenBLASController.clear_controlling_thread()  # this thread's control ends here


@contextmanager
def one_thread() -> Iterator[None]:
    """Run the block with numpy's BLAS limited to one thread, in whichever thread it runs (see the
    module docstring)."""
    global _depth, _limiter
    with _lock:
        if _depth == 0:
            _limiter = _in_control(lambda: _blas_controller().limit(limits=1))
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _limiter is not None:
                _in_control(_limiter.restore_original_limits)
                _limiter = None
