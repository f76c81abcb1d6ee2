"""Hostile input (issue 16): one run-on paragraph of 1 MB, and floods of failing records.

1. A single paragraph (no line break) of N bytes, made of the example article's sentences in a
   seeded random order, analysed by the default components (`slant.analyze.process.analyze`) in a
   fresh process: wall and CPU seconds of the analysis, seconds including start-up and model load,
   the process's peak RSS, and the machine's load average (on a shared machine the wall time is
   mostly waiting: compare CPU seconds). Targets: 1 MB in under 60 s and 1.5 GB on a 2-core machine.
2. `ingest` of JSONL files holding only failing lines (`{}`: no text) into a fresh store: seconds
   for 10,000 and 40,000 lines, and that every failure is in the store. Target: 40,000 cost at most
   5x what 10,000 do (it was 7.4x: 6.4 s vs 47.5 s).

    python benchmarks/bench_hostile.py                       # 1 MB paragraph + 10k/40k failing lines
    python benchmarks/bench_hostile.py --sizes 250000,500000,1000000 --json out.jsonl
    python benchmarks/bench_hostile.py --skip-paragraph      # only the failing lines
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from report import finish  # noqa: E402  (benchmarks/report.py)

EXAMPLE = ROOT / "examples" / "putin-nato-daily-post.txt"

CHILD_PARAGRAPH = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from slant.analyze.process import analyze, make_pipeline
from slant.settings import load_settings
settings = load_settings()
make_pipeline(settings)  # the model is loaded before the clock starts for the analysis
t1 = time.perf_counter()
cpu0 = resource.getrusage(resource.RUSAGE_SELF)
doc = analyze(sys.argv[1], settings=settings)
t2 = time.perf_counter()
cpu1 = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"analysis_s": round(t2 - t1, 1), "total_s": round(t2 - t0, 1),
                  "analysis_cpu_s": round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime, 1),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  "paragraphs": len(doc.paragraphs), "quotes": len(doc.layers.get("quotes", [])),
                  "entities": len(doc.layers.get("entities", [])),
                  "techniques": len(doc.layers.get("techniques", []))}))
"""

CHILD_INGEST = r"""
import json, resource, sys, time
from slant.corpus.ingest import ingest
from slant.store import open_store
t0 = time.perf_counter()
report = ingest([sys.argv[1]], sys.argv[2], neardup=True)
seconds = time.perf_counter() - t0
with open_store(sys.argv[2], readonly=True) as store:
    failures = store.count("failures")
print(json.dumps({"seconds": round(seconds, 2), "failed": report.failed, "failure_rows": failures,
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def run_on_paragraph(n_bytes: int, seed: int = 16) -> str:
    """A title line, a blank line, then one paragraph of about ``n_bytes`` bytes."""
    body = " ".join(EXAMPLE.read_text("utf-8").split("\n", 1)[1].split())
    sentences = [s for s in re.split(r"(?<=[.!?\u201d\"])\s+", body) if s]
    rnd = random.Random(seed)
    out, size = [], 0
    while size < n_bytes:
        s = rnd.choice(sentences)
        out.append(s)
        size += len(s.encode("utf-8")) + 1
    return "One paragraph that never ends\n\n" + " ".join(out) + "\n"


def child(code: str, *args: str, timeout: float) -> dict:
    env_python = [sys.executable, "-c", code, *args]
    proc = subprocess.run(env_python, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000000", help="paragraph sizes in bytes, comma-separated")
    parser.add_argument("--lines", default="10000,40000", help="failing-line counts, comma-separated")
    parser.add_argument("--skip-paragraph", action="store_true")
    parser.add_argument("--skip-lines", action="store_true")
    parser.add_argument("--json", help="write the rows as JSON lines here")
    args = parser.parse_args()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="slant-hostile-") as tmp:
        folder = Path(tmp)
        if not args.skip_paragraph:
            for size in (int(s) for s in args.sizes.split(",")):
                path = folder / f"paragraph-{size}.txt"
                path.write_text(run_on_paragraph(size), encoding="utf-8")
                started = time.perf_counter()
                result = child(CHILD_PARAGRAPH, str(path), timeout=1800)
                load = os.getloadavg()[0]
                result.update(case=f"single paragraph {path.stat().st_size:,} B", wall_s=round(time.perf_counter() - started, 1),
                              load_average=round(load, 1),
                              per_mb_s=round(result["analysis_s"] / (path.stat().st_size / 1e6), 1))
                rows.append(result)
                print(json.dumps(result), flush=True)
        if not args.skip_lines:
            for n in (int(x) for x in args.lines.split(",")):
                path = folder / f"failing-{n}.jsonl"
                path.write_text("{}\n" * n)
                result = child(CHILD_INGEST, str(path), str(folder / f"failing-{n}.db"), timeout=1800)
                result.update(case=f"{n:,} failing JSONL lines")
                rows.append(result)
                print(json.dumps(result), flush=True)
            lines = [r for r in rows if "failing" in r["case"]]
            if len(lines) >= 2:
                ratio = lines[-1]["seconds"] / max(lines[0]["seconds"], 1e-9)
                print(f"\n{lines[-1]['case']} cost {ratio:.2f}x {lines[0]['case']}")
    finish(rows, [("case", "l", lambda r: r["case"]),
                  ("analysis / ingest s", "r", lambda r: r.get("analysis_s", r.get("seconds"))),
                  ("s per MB", "r", lambda r: r.get("per_mb_s", "")),
                  ("CPU s", "r", lambda r: r.get("analysis_cpu_s", "")),
                  ("load average", "r", lambda r: r.get("load_average", "")),
                  ("with start-up s", "r", lambda r: r.get("total_s", "")),
                  ("peak RSS MB", "r", lambda r: r["peak_rss_mb"]),
                  ("failures stored", "r", lambda r: r.get("failure_rows", ""))], args.json)


if __name__ == "__main__":
    main()
