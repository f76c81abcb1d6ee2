"""Analysis throughput: local, and on a Dask LocalCluster with 1 and 2 worker processes, in one run.

    python benchmarks/bench_dask.py --articles 2000                  # the default pipeline (settings)
    python benchmarks/bench_dask.py --articles 400 --components slant.persuasion.v1

Each mode gets the same generated articles (RawRecords, as a reader would give them). Cluster
start-up (spawning workers, importing Slant, building the pipeline once per worker) is timed
apart from the run itself, which is what grows with the corpus. Target: 2 workers >= 1.7x 1 worker.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from slant.analyze.process import process_stream
from slant.batch.dask_runner import make_local_cluster, run_dask, wait_for_workers
from slant.corpus.rewrites import ArticleGenerator
from slant.errors import SlantError
from slant.ingest.record import RawRecord
from slant.settings import load_settings


def _records(n: int, seed: int) -> list[RawRecord]:
    return [RawRecord(id=a.id, source=f"{a.id}.txt", raw=a.text, outlet=a.outlet, published=a.published or "")
            for a in ArticleGenerator(seed).stream(n)]


def _peak_rss_mb() -> float:
    try:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    except ImportError:  # pragma: no cover - not on Linux
        return float("nan")


def _time_local(records, settings, batch_size) -> dict:
    list(process_stream(records[:2], settings, batch_size=batch_size))  # imports and pipeline, as on a worker
    t0 = time.perf_counter()
    n_docs = sum(not isinstance(r, SlantError) for r in process_stream(records, settings, batch_size=batch_size))
    seconds = time.perf_counter() - t0
    return {"mode": "local", "documents": n_docs, "seconds": round(seconds, 3),
            "articles_per_s": round(len(records) / seconds, 1)}


def _time_dask(records, settings, workers: int, batch_size: int) -> dict:
    import distributed

    t0 = time.perf_counter()
    cluster = make_local_cluster(workers)
    client = distributed.Client(cluster)
    try:
        wait_for_workers(client, workers)
        # one tiny batch first: workers import Slant and build the pipeline (the preload plugin)
        list(run_dask(records[:workers], settings, client=client, batch_size=1))
        startup = time.perf_counter() - t0
        t1 = time.perf_counter()
        n_docs = sum(not isinstance(r, SlantError)
                     for r in run_dask(records, settings, client=client, batch_size=batch_size))
        seconds = time.perf_counter() - t1
    finally:
        client.close()
        cluster.close()
    return {"mode": f"dask-{workers}", "documents": n_docs, "seconds": round(seconds, 3),
            "startup_seconds": round(startup, 2), "articles_per_s": round(len(records) / seconds, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--components", default=None, help="comma-separated; default: the settings' pipeline")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--modes", default="local,1,2", help="local and/or worker counts")
    parser.add_argument("--json", help="write the results here too")
    args = parser.parse_args(argv)
    overrides = {"analyze": {"components": args.components}} if args.components is not None else {}
    settings = load_settings(**overrides)
    records = _records(args.articles, args.seed)
    print(f"{len(records)} articles, components {list(settings.analyze.components) or '(cleaning only)'}, "
          f"batch size {args.batch_size}, {os.cpu_count()} CPUs", flush=True)
    rows = []
    for mode in args.modes.split(","):
        row = (_time_local(records, settings, args.batch_size) if mode == "local"
               else _time_dask(records, settings, int(mode), args.batch_size))
        rows.append(row)
        print(json.dumps(row), flush=True)
    by_mode = {r["mode"]: r for r in rows}
    result = {"articles": len(records), "components": list(settings.analyze.components), "rows": rows,
              "client_peak_rss_mb": round(_peak_rss_mb(), 1)}
    if "dask-1" in by_mode and "dask-2" in by_mode:
        result["speedup_2_vs_1"] = round(by_mode["dask-1"]["seconds"] / by_mode["dask-2"]["seconds"], 2)
        print(f"2 workers vs 1: {result['speedup_2_vs_1']}x (target >= 1.7x)")
    print(f"client peak RSS {result['client_peak_rss_mb']} MB")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
