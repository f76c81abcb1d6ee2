"""Corpus ingestion: throughput (articles/s) with analysis off and on, store size per 1,000 articles,
and peak memory as the corpus grows (it must stay flat: the ingest streams).

Usage:
    python benchmarks/bench_ingest.py [--sizes 1000,10000,100000] [--analyze-limit 2000]
                                      [--components slant.entities.v1,slant.quotes.v1] [--json FILE]

Each measurement runs in a fresh child process (so peak RSS is that run's alone) on a JSONL file of
generated news articles (slant.corpus.rewrites: stories plus rewrites of them, so the near-duplicate
index has real work). Runs, per size:

* ``store``: analysis off, near-duplicates off: read -> clean -> store (target: >= 500 articles/s)
* ``store, 2 processes``: the same, cleaning in two worker processes (``workers=2``)
* ``store+neardup``: analysis off, near-duplicates and story clusters on (the default)
* ``re-ingest``: the same command again: everything is skipped (the resume path)
* ``analyze``: the components on the first ``--analyze-limit`` articles (analysis dominates its cost)

Targets (issue 5): >= 500 articles/s without analysis; peak memory flat as the corpus grows and
under 2 GB at 100k articles.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from report import finish  # noqa: E402  (benchmarks/report.py)

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
import slant.analyze.builtin  # noqa: F401
for name in ("slant.analyze.entities", "slant.analyze.quotes"):
    try:
        __import__(name)
    except ImportError:
        pass
from slant.corpus.ingest import ingest
from slant.settings import Settings
args = json.loads(sys.argv[2])
settings = Settings().with_overrides(analyze={"components": tuple(args["components"])}) if args["components"] else Settings()
t0 = time.perf_counter()
report = ingest(args["sources"], args["db"], settings=settings, analyze=args["analyze"], neardup=args["neardup"],
                workers=args.get("workers"))
seconds = time.perf_counter() - t0
print(json.dumps({"report": report.to_dict(), "wall": seconds,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def write_corpus(path: Path, n: int, *, seed: int = 5) -> None:
    """``n`` generated articles (stories and their rewrites) as JSONL."""
    from slant.corpus.rewrites import ArticleGenerator

    generator = ArticleGenerator(seed=seed)
    with open(path, "w", encoding="utf-8") as handle:
        for article in generator.stream(n, rewrite_share=0.3):
            handle.write(json.dumps({"id": article.id, "text": article.text, "outlet": article.outlet,
                                     "published": article.published or ""}) + "\n")


def store_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


def run_child(sources: list[str], db: Path, *, analyze: bool, neardup: bool, components: list[str],
              workers: int | None = None) -> dict:
    args = {"sources": sources, "db": str(db), "analyze": analyze, "neardup": neardup, "components": components,
            "workers": workers}
    done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "src"), json.dumps(args)],
                          capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED="0"))
    if done.returncode != 0:
        raise SystemExit(f"child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(label: str, n: int, result: dict, db: Path) -> dict:
    report = result["report"]
    handled = report["stored"] + report["duplicates"] + report["skipped"] + report["reanalysed"]
    size = store_bytes(db)
    row = {
        "run": label, "articles": n, "stored": report["stored"], "linked": report["linked"],
        "seconds": round(result["wall"], 2), "articles_per_s": round(handled / result["wall"], 1),
        "peak_rss_mb": round(result["peak_rss_mb"], 1),
        "store_mb": round(size / 1e6, 2),
        "store_mb_per_1000": round(size / 1e6 / max(report["stored"], 1) * 1000, 3) if report["stored"] else None,
    }
    print(json.dumps(row), flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated corpus sizes")
    parser.add_argument("--analyze-limit", type=int, default=1000,
                        help="articles analysed in the 'analyze' run (0: skip it)")
    parser.add_argument("--components", default="slant.entities.v1,slant.quotes.v1",
                        help="components of the 'analyze' run")
    parser.add_argument("--runs", default="store,store2,neardup,reingest,analyze",
                        help="which runs: store, store2 (2 cleaning processes), neardup, reingest, analyze")
    parser.add_argument("--json", help="also write the rows to this file")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    components = [c for c in args.components.split(",") if c]
    runs = set(args.runs.split(","))
    rows = []
    with tempfile.TemporaryDirectory(prefix="slant-bench-ingest-") as tmp:
        tmp_path = Path(tmp)
        for n in sizes:
            corpus = tmp_path / f"corpus-{n}.jsonl"
            t0 = time.perf_counter()
            write_corpus(corpus, n)
            print(f"# generated {n} articles in {time.perf_counter() - t0:.1f}s "
                  f"({corpus.stat().st_size / 1e6:.1f} MB)", file=sys.stderr, flush=True)
            if "store" in runs:
                db = tmp_path / f"store-{n}.db"
                rows.append(measure("store", n, run_child([str(corpus)], db, analyze=False, neardup=False,
                                                           components=[]), db))
            if "store2" in runs:
                db = tmp_path / f"store-2p-{n}.db"
                rows.append(measure("store, 2 processes", n, run_child(
                    [str(corpus)], db, analyze=False, neardup=False, components=[], workers=2), db))
            db = tmp_path / f"store-nd-{n}.db"
            if "neardup" in runs or "reingest" in runs:
                rows.append(measure("store+neardup", n, run_child([str(corpus)], db, analyze=False, neardup=True,
                                                                   components=[]), db))
            if "reingest" in runs:
                rows.append(measure("re-ingest", n, run_child([str(corpus)], db, analyze=False, neardup=True,
                                                               components=[]), db))
            for old in tmp_path.glob(f"store-*{n}.db*"):  # keep the disk small between sizes
                old.unlink()
            if "analyze" in runs and args.analyze_limit and n == sizes[0]:
                limited = tmp_path / f"analyze-{n}.jsonl"
                with open(corpus, encoding="utf-8") as src, open(limited, "w", encoding="utf-8") as dst:
                    for i, line in enumerate(src):
                        if i >= args.analyze_limit:
                            break
                        dst.write(line)
                m = min(n, args.analyze_limit)
                db = tmp_path / f"analyze-{n}.db"
                rows.append(measure("analyze", m, run_child([str(limited)], db, analyze=True, neardup=True,
                                                             components=components), db))
            corpus.unlink()
    finish(rows, [("run", "l", lambda r: r["run"]), ("articles", "r", lambda r: f"{r['articles']:,}"),
                  ("articles/s", "r", lambda r: f"{r['articles_per_s']:,}"),
                  ("peak RSS MB", "r", lambda r: r["peak_rss_mb"]),
                  ("store MB / 1,000 articles", "r",
                   lambda r: r["store_mb_per_1000"] if r["store_mb_per_1000"] is not None else "-"),
                  ("linked", "r", lambda r: r["linked"])], args.json)

if __name__ == "__main__":
    main()
