"""Concurrent writers (issue 16 #5 #6): two ingests into one store give what one after the other gives."""

from __future__ import annotations

import json
import random
import threading
from pathlib import Path

import pytest

from slant.corpus.ingest import ingest
from slant.settings import load_settings
from slant.store import open_store

pytest.importorskip("datasketch")

WORDS = ("council budget bridge river school mayor vote tax road harbour museum library park police court "
         "hospital station market festival election report plan union strike weather storm flood").split()


def stories(n: int, seed: int = 11) -> list[str]:
    rnd = random.Random(seed)
    return [" ".join(rnd.choice(WORDS) for _ in range(120)) for _ in range(n)]


def variant(body: str, seed: int) -> str:
    """A rewrite: the same story with a few words changed (a near-duplicate, not a copy)."""
    rnd = random.Random(seed)
    words = body.split()
    for _ in range(6):
        words[rnd.randrange(len(words))] = rnd.choice(WORDS)
    return " ".join(words)


def write_inputs(folder: Path) -> tuple[Path, Path]:
    """Two inputs whose stories have near-copies in the other one (and in themselves)."""
    bodies = stories(30)
    a, b = [], []
    for i, body in enumerate(bodies):
        a.append({"id": f"a{i}", "outlet": "Alpha", "text": f"Alpha headline {i}\n\n{body}"})
        if i % 2 == 0:
            b.append({"id": f"b{i}", "outlet": "Beta", "text": f"Beta headline {i}\n\n{variant(body, i)}"})
        if i % 5 == 0:
            b.append({"id": f"c{i}", "outlet": "Gamma", "text": f"Gamma headline {i}\n\n{variant(body, 100 + i)}"})
    for i in range(10):
        b.append({"id": f"u{i}", "outlet": "Beta", "text": f"Unrelated {i}\n\n{stories(1, seed=500 + i)[0]}"})
    folder.mkdir(parents=True, exist_ok=True)
    pa, pb = folder / "a.jsonl", folder / "b.jsonl"
    pa.write_text("\n".join(json.dumps(r) for r in a) + "\n")
    pb.write_text("\n".join(json.dumps(r) for r in b) + "\n")
    return pa, pb


def snapshot(db: Path) -> tuple[set, dict, set]:
    with open_store(db, readonly=True) as store:
        docs = {r["doc_id"] for r in store.query("SELECT doc_id FROM documents")}
        members: dict[str, set] = {}
        for r in store.query("SELECT doc_id, cluster_id FROM clusters"):
            members.setdefault(r["cluster_id"], set()).add(r["doc_id"])
        clusters = {frozenset(m) for m in members.values()}
        links = {frozenset((r["doc_a"], r["doc_b"])) for r in store.query("SELECT doc_a, doc_b FROM dup_links")}
    return docs, clusters, links


def test_two_concurrent_ingests_give_the_sequential_store(tmp_path):
    pa, pb = write_inputs(tmp_path / "in")
    # small batches: many interleaved transactions between the two writers
    settings = load_settings(env={}, store={"batch_docs": 3})
    sequential = tmp_path / "sequential.db"
    ingest([str(pa)], sequential, settings=settings)
    ingest([str(pb)], sequential, settings=settings)
    expected = snapshot(sequential)
    assert len(expected[2]) >= 20  # the inputs do hold near-duplicates across the two files

    concurrent = tmp_path / "concurrent.db"  # a new store, created by both at once
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(path: Path) -> None:
        barrier.wait()
        try:
            ingest([str(path)], concurrent, settings=settings)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p in (pa, pb)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    docs, clusters, links = snapshot(concurrent)
    assert docs == expected[0]
    assert clusters == expected[1]
    assert links == expected[2]
