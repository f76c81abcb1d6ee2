"""Load test of `slant serve` on 127.0.0.1: requests/s and p50/p99 latency at 1, 8 and 32 clients.

Starts the server (``slant.web.serve``, one uvicorn process) on a made-up corpus in a temporary
folder, then drives it with an asyncio client (httpx2) for the read endpoints and for analysis.
Every scenario is bounded both in requests and in seconds; any non-2xx answer or transport
error counts as an error, and the run fails (exit 1) if there is any.

Two phases, each on a fresh server: first with the rate limits lifted (SLANT_WEB_*_PER_MINUTE), to
measure the server, not the limiter; then with the default limits, as a deployed server runs: every
request comes from one address, so most are answered 429 once its bucket is empty, which is counted
apart ("limited") from errors (transport errors, 5xx and any other non-2xx). The server's resident
memory (VmRSS, and its peak VmHWM) is read from /proc before the first request and after the last.
Client and server share the machine's cores, so the numbers are a floor for a server with the cores
to itself. Loopback only: the server listens on 127.0.0.1.

    python benchmarks/bench_web.py                 # full run (about 3 minutes on 2 cores)
    python benchmarks/bench_web.py --quick         # smoke run (a few seconds)
    python benchmarks/bench_web.py --json out.json # also write the numbers as JSON
    python benchmarks/bench_web.py --components slant.entities.v1,slant.quotes.v1
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "putin-nato-daily-post.txt"
CONCURRENCY = (1, 8, 32)
#: per scenario and concurrency level: at most this many requests, and at most this many seconds
READ_REQUESTS, READ_SECONDS = 2000, 15.0
ANALYZE_REQUESTS, ANALYZE_SECONDS = 300, 30.0
#: stories in the made-up corpus (each third one also gets a copy): 5,334 documents, ~27 MB
CORPUS_STORIES = 4000


def memory_mb(pid: int) -> dict:
    """The process's resident memory now (VmRSS) and at its peak (VmHWM), in MB (Linux /proc)."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = round(int(value.split()[0]) / 1024)
    except OSError:
        pass
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, components: str | None, *, lift_limits: bool = True) -> subprocess.Popen:
    env = dict(os.environ)
    for key in ("SLANT_WEB_READ_PER_MINUTE", "SLANT_WEB_ANALYZE_PER_MINUTE"):
        env.pop(key, None)
    if lift_limits:
        env.update(SLANT_WEB_READ_PER_MINUTE="100000000", SLANT_WEB_ANALYZE_PER_MINUTE="100000000")
    code = ("from slant.web import serve; "
            f"serve({str(db)!r}, '127.0.0.1', {port}, warm=True, log_level='warning')")
    if components is not None:
        env["SLANT_ANALYZE_COMPONENTS"] = components
        # components outside the built-in list register themselves when their module is imported
        modules = [f"slant.analyze.{name.split('.')[1]}" for name in components.split(",") if name.count(".") >= 2]
        code = "".join(f"import importlib; importlib.import_module({m!r}); " for m in modules) + code
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1.0).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with code {proc.returncode}")
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not answer /healthz within 60 s")


async def run_scenario(base: str, name: str, make_request, clients: int, max_requests: int,
                       max_seconds: float) -> dict:
    """``clients`` workers send requests until ``max_requests`` are done or the time is up."""
    latencies: list[float] = []
    errors: list[str] = []
    limited = 0
    issued = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as client:
        start = time.perf_counter()
        deadline = start + max_seconds

        async def worker() -> None:
            nonlocal issued, limited
            while issued < max_requests and time.perf_counter() < deadline:
                issued += 1
                t0 = time.perf_counter()
                try:
                    response = await make_request(client)
                    if response.status_code == 429:
                        limited += 1  # the rate limiter at work, not an error
                    elif response.status_code >= 300:
                        errors.append(f"{response.status_code} {response.text[:120]}")
                except httpx.HTTPError as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")
                latencies.append(time.perf_counter() - t0)

        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - start
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return {"scenario": name, "clients": clients, "requests": len(latencies), "seconds": round(elapsed, 2),
            "rps": round(len(latencies) / elapsed, 1), "p50_ms": round(pick(0.50), 1),
            "p99_ms": round(pick(0.99), 1), "mean_ms": round(statistics.fmean(latencies) * 1000, 1),
            "limited": limited, "errors": len(errors), "error_samples": errors[:3]}


def scenarios(doc_ids: list[str], text: str):
    """(name, request maker, kind) for each measured endpoint."""
    counter = {"i": 0}

    def next_id() -> str:
        counter["i"] = (counter["i"] + 1) % len(doc_ids)
        return doc_ids[counter["i"]]

    return [
        ("GET /healthz", lambda c: c.get("/healthz"), "read"),
        ("GET /api/v1/articles?per_page=25", lambda c: c.get("/api/v1/articles", params={"per_page": 25}), "read"),
        ("GET /api/v1/articles (search+filter)", lambda c: c.get(
            "/api/v1/articles", params={"q": "harbour", "outlet": "Daily Lantern", "technique": "Doubt"}), "read"),
        ("GET /api/v1/articles/{id}", lambda c: c.get(f"/api/v1/articles/{next_id()}"), "read"),
        ("GET /api/v1/stats/techniques?by=month", lambda c: c.get("/api/v1/stats/techniques", params={"by": "month"}), "read"),
        ("GET /articles/{id} (reading view)", lambda c: c.get(f"/articles/{next_id()}"), "read"),
        ("POST /api/v1/analyze (example)", lambda c: c.post("/api/v1/analyze", json={"text": text}), "analyze"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few requests per scenario (smoke run)")
    parser.add_argument("--json", type=Path, help="write the results to this file")
    parser.add_argument("--only", help="run only the scenarios whose name contains this, e.g. analyze")
    parser.add_argument("--limits", choices=("both", "lifted", "default"), default="both",
                        help="run with the rate limits lifted, with the defaults, or both (default)")
    parser.add_argument("--components", help="analysis components of the server, e.g. "
                        "slant.entities.v1,slant.quotes.v1 (default: the settings')")
    args = parser.parse_args()
    read_n, read_s, an_n, an_s, stories = READ_REQUESTS, READ_SECONDS, ANALYZE_REQUESTS, ANALYZE_SECONDS, CORPUS_STORIES
    if args.quick:
        read_n, read_s, an_n, an_s, stories = 60, 3.0, 12, 5.0, 30

    from slant import __version__
    from slant.web.demo import make_demo_store

    with tempfile.TemporaryDirectory(prefix="slant-bench-web-") as tmp:
        db = Path(tmp) / "corpus.db"
        doc_ids = make_demo_store(db, articles=stories)
        text = EXAMPLE.read_text("utf-8")
        results, memory, components = [], {}, []
        phases = [("lifted", True, CONCURRENCY, (read_n, read_s), (an_n, an_s)),
                  ("default", False, (8,), (min(read_n, 500), min(read_s, 10.0)), (min(an_n, 60), min(an_s, 15.0)))]
        for phase, lift, levels, (rn, rs), (an, as_) in phases:
            if args.limits != "both" and args.limits != phase:
                continue
            port = free_port()
            server = start_server(db, port, args.components, lift_limits=lift)
            base = f"http://127.0.0.1:{port}"
            components = httpx.get(base + "/healthz", timeout=10.0).json()["components"]  # what really runs
            memory[phase] = {"before": memory_mb(server.pid)}
            try:
                for name, make, kind in scenarios(doc_ids, text):
                    if args.only and args.only not in name:
                        continue
                    for clients in levels:
                        n, s = (rn, rs) if kind == "read" else (an, as_)
                        result = asyncio.run(run_scenario(base, name, make, clients, n, s))
                        result["limits"] = phase
                        results.append(result)
                        print(f"[{phase:7s}] {name:42s} c={clients:<3d} {result['rps']:8.1f} req/s  "
                              f"p50 {result['p50_ms']:7.1f} ms  p99 {result['p99_ms']:7.1f} ms  "
                              f"n={result['requests']:<5d} limited={result['limited']:<5d} errors={result['errors']}",
                              flush=True)
                memory[phase]["after"] = memory_mb(server.pid)
            finally:
                server.terminate()
                server.wait(timeout=20)
    summary = {"version": __version__, "cpus": os.cpu_count(), "documents": len(doc_ids), "components": components,
               "quick": args.quick, "memory_mb": memory, "results": results}
    print()
    print("| limits | endpoint | clients | req/s | p50 ms | p99 ms | requests | 429 | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['limits']} | {r['scenario']} | {r['clients']} | {r['rps']} | {r['p50_ms']} | {r['p99_ms']} | "
              f"{r['requests']} | {r['limited']} | {r['errors']} |")
    print(f"\n{len(doc_ids)} documents in the store; analysis components: {components or 'none (cleaning only)'}")
    for phase, m in memory.items():
        before, after = m.get("before", {}), m.get("after", {})
        print(f"server memory ({phase} limits): {before.get('VmRSS', '?')} MB before, {after.get('VmRSS', '?')} MB "
              f"after, peak {after.get('VmHWM', '?')} MB")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    failed = sum(r["errors"] for r in results)
    if failed:
        print(f"FAILED: {failed} requests answered with an error", file=sys.stderr)
        for r in results:
            for sample in r["error_samples"]:
                print(f"  {r['scenario']} c={r['clients']}: {sample}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
