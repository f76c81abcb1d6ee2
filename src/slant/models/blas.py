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
single-threaded meanwhile (same results). OpenBLAS ignores a thread count set from any thread but
the main one, so a pipeline run in a worker thread (the web app's) keeps numpy's default.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

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


@contextmanager
def one_thread() -> Iterator[None]:
    """Run the block with numpy's BLAS limited to one thread (see the module docstring)."""
    global _depth, _limiter
    with _lock:
        if _depth == 0:
            _limiter = _blas_controller().limit(limits=1)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _limiter is not None:
                _limiter.restore_original_limits()
                _limiter = None
