"""Crash safety: an ingest killed with SIGKILL mid-run, then run again, loses nothing and stores nothing twice."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from slant.store import open_store

N_FILES = 2000
N_LINES = 600
# A few hundred made-up words: articles built from them share little, as real articles do.
WORDS = [a + b for a in ("ba", "ko", "mi", "tu", "re", "sa", "lo", "ne", "vi", "da", "pe", "gu", "zo", "fa",
                         "ri", "te") for b in ("n", "l", "st", "rk", "mo", "de", "ta", "sh", "p", "g", "x", "ve",
                                              "lin", "dor", "mar", "kas", "ber", "tin")]

SCRIPT = (
    "import sys\n"
    "from slant.corpus.ingest import ingest\n"
    "import os\n"
    "workers = int(os.environ.get('SLANT_TEST_WORKERS', '0')) or None\n"
    "report = ingest(sys.argv[1:-1], sys.argv[-1], workers=workers)\n"
    "print(report.stored, report.skipped, report.duplicates, report.failed)\n"
)


def _article(n: int) -> tuple[str, str]:
    rng = random.Random(n)
    words = [rng.choice(WORDS) for _ in range(60)]
    title = f"Report {n}: {' '.join(words[:5])}"
    body = f"Marker-{n:05d} opens the story. " + " ".join(words).capitalize() + "."
    return title, f"{body}\n\nA second paragraph for article {n} ends here."


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list[str]:
    root = tmp_path_factory.mktemp("resume")
    folder = root / "articles"
    folder.mkdir()
    for n in range(N_FILES):
        title, body = _article(n)
        (folder / f"a{n:05d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    lines = []
    for n in range(N_FILES, N_FILES + N_LINES):
        title, body = _article(n)
        lines.append(json.dumps({"id": f"j{n}", "text": f"{title}\n\n{body}", "outlet": "Wire"}))
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(folder), str(root / "feed.jsonl")]


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _start(sources: list[str], db: Path, workers: int = 0) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1", SLANT_TEST_WORKERS=str(workers))
    return subprocess.Popen([sys.executable, "-c", SCRIPT, *sources, str(db)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_when(proc: subprocess.Popen, db: Path, at_least: int, timeout: float = 240) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"ingest finished before it could be killed: {proc.stderr.read()[-2000:]}")
        n = _count(db)
        if n >= at_least:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return n
        time.sleep(0.02)
    proc.kill()
    pytest.fail("ingest too slow to reach the kill point")


@pytest.mark.slow
@pytest.mark.parametrize("workers", [0, 2], ids=["one-process", "two-cleaning-processes"])
def test_corpus_ingest_resumes_after_kill_9(sources: list[str], tmp_path: Path, workers: int):
    db = tmp_path / "corpus.db"
    total = N_FILES + N_LINES
    # Kill twice at different points (once inside the folder, once later), then let it finish.
    first = _kill_when(_start(sources, db, workers), db, at_least=400)
    assert 0 < first < total
    second = _kill_when(_start(sources, db, workers), db, at_least=first + 600)
    assert second < total
    proc = _start(sources, db, workers)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err[-2000:]
    stored, skipped, duplicates, failed = map(int, out.split())
    assert failed == 0 and duplicates == 0
    assert stored + skipped == total
    assert skipped >= second  # everything committed before the kills was skipped, not redone

    with open_store(db, readonly=True) as store:
        assert store.count("documents") == total
        ids = [r["doc_id"] for r in store.query("SELECT doc_id FROM documents")]
        assert len(set(ids)) == total
        expected = {f"a{n:05d}" for n in range(N_FILES)} | {f"j{n}" for n in range(N_FILES, total)}
        assert set(ids) == expected
        assert store.query("SELECT COUNT(DISTINCT content_hash) AS n FROM documents")[0]["n"] == total
        # Content: each stored text is its own article's (checked through its unique marker).
        for row in store.iter_query("SELECT doc_id, text FROM documents"):
            n = int(row["doc_id"].lstrip("aj"))
            assert f"Marker-{n:05d}" in row["text"], row["doc_id"]
            assert row["text"].count("Marker-") == 1
        assert store.count("record_keys") == total
        runs = store.runs()
    assert len(runs) == 3
    assert [r["status"] for r in runs] == ["interrupted", "interrupted", "done"]


@pytest.mark.slow
def test_corpus_ingest_resumed_store_equals_an_unbroken_one(sources: list[str], tmp_path: Path):
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    _kill_when(_start(sources, killed), killed, at_least=700)
    for db in (killed, clean):
        proc = _start(sources, db)
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-2000:]
    query = "SELECT doc_id, outlet, published, title, content_hash, text FROM documents ORDER BY doc_id"
    with open_store(killed, readonly=True) as a, open_store(clean, readonly=True) as b:
        assert a.query(query) == b.query(query)
        for sql in ('SELECT doc_id, layer, start, "end" FROM spans ORDER BY 1, 2, 3',
                    "SELECT doc_id, cluster_id FROM clusters ORDER BY 1",
                    "SELECT doc_a, doc_b, kind FROM dup_links ORDER BY 1, 2",
                    "SELECT doc_id, signature FROM minhashes ORDER BY 1"):
            assert a.query(sql) == b.query(sql), sql


@pytest.mark.slow
def test_corpus_ingest_leaves_room_for_another_writer(sources: list[str], tmp_path: Path):
    """The write lock is held only while a batch is inserted, so a second writer (the web app
    saving a token) gets in within a short busy timeout during a whole ingest."""
    db = tmp_path / "corpus.db"
    open_store(db).close()
    conn = sqlite3.connect(db, timeout=3.0, isolation_level=None)
    conn.execute("CREATE TABLE side_writes (n INTEGER)")
    proc = _start(sources, db)
    waits = []
    try:
        n = 0
        while proc.poll() is None and n < 200:
            started = time.monotonic()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO side_writes VALUES (?)", (n,))
            conn.execute("COMMIT")
            waits.append(time.monotonic() - started)
            n += 1
            time.sleep(0.05)
    finally:
        proc.communicate(timeout=600)
        conn.close()
    assert proc.returncode == 0
    assert len(waits) >= 20
    assert max(waits) < 3.0, sorted(waits)[-5:]
