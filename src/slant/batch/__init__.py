"""The distributed runner (Dask) and object-storage sources (fsspec URLs)."""

from slant.batch.dask_runner import (BatchError, DaskMissing, PipelinePreload, SchedulerUnreachable,
                                     make_local_cluster, process_batch, run_dask, worker_loads, worker_pipeline)
from slant.batch.fsspec_io import MissingFilesystem, expand_urls, is_url, iter_url_bytes

__all__ = [
    "BatchError", "DaskMissing", "MissingFilesystem", "PipelinePreload", "SchedulerUnreachable", "expand_urls",
    "is_url", "iter_url_bytes", "make_local_cluster", "process_batch", "run_dask", "worker_loads", "worker_pipeline",
]
