"""Travelling quotes: time to group a store's quotes from scratch, and to file the quotes of one more
ingest into the existing groups (the incremental path), as the store grows.

Usage:
    python benchmarks/bench_quotes.py [--sizes 10000,50000,200000] [--new 1000] [--json FILE]

Quotes are made up: 8-25 words drawn from a 20,000-word Zipf vocabulary, 30% of them copies of an
earlier quote (half of those trimmed by up to 3 words), 5 quotes per document, 50 outlets. For each
size: ``full`` regroups every quote (slant.corpus.quotes.track_quotes over all of them), then
``incremental`` files ``--new`` more quotes (same mix) into the stored groups through the store's
word index (sizes under slant.corpus.quote_groups.FULL_BELOW, 5,000, take the full path there too).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from slant.corpus import quote_groups  # noqa: E402
from slant.document import Document, Metadata, Span  # noqa: E402
from slant.store import open_store  # noqa: E402

from report import finish  # noqa: E402  (benchmarks/report.py)

QUOTES_PER_DOC = 5


class QuoteMaker:
    """Made-up quotes with a share of (trimmed) copies of earlier ones."""

    def __init__(self, seed: int = 1):
        self.rng = random.Random(seed)
        self.vocab = [f"w{i}" for i in range(20000)]
        self.weights = [1 / (i + 1) for i in range(20000)]
        self.seen: list[str] = []

    def quote(self) -> str:
        rng = self.rng
        if self.seen and rng.random() < 0.3:
            words = rng.choice(self.seen).split()
            if rng.random() < 0.5:
                words = words[:max(5, len(words) - rng.randint(1, 3))]
            return " ".join(words)
        text = " ".join(rng.choices(self.vocab, self.weights, k=rng.randint(8, 25)))
        self.seen.append(text)
        return text


def add_docs(store, maker: QuoteMaker, n_quotes: int, first: int) -> None:
    with store.session() as session:
        for d in range(n_quotes // QUOTES_PER_DOC):
            quotes = [maker.quote() for _ in range(QUOTES_PER_DOC)]
            text = " ".join(f"“{q},” she said." for q in quotes)
            number = first + d
            doc = Document(text, id=f"d{number}", source=f"d{number}.txt",
                           meta=Metadata(outlet=f"outlet{number % 50}", published=f"2025-{1 + number % 12:02d}-01"))
            spans, at = [], 0
            for q in quotes:
                start = text.index(q, at)
                spans.append(Span(start, start + len(q), "direct", attrs={"kind": "direct"}))
                at = start + len(q)
            doc.add_layer("quotes", spans)
            session.put(doc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,50000", help="stored quotes before the new ones")
    parser.add_argument("--new", type=int, default=1000, help="quotes in the incremental ingest")
    parser.add_argument("--json", help="also write the rows to this file")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="slant-bench-quotes-") as tmp:
        for n in [int(s) for s in args.sizes.split(",") if s]:
            maker = QuoteMaker()
            with open_store(Path(tmp) / f"q{n}.db") as store:
                add_docs(store, maker, n, 0)
                t0 = time.perf_counter()
                quote_groups.group_quotes(store, full=True)
                full = time.perf_counter() - t0
                add_docs(store, maker, args.new, n // QUOTES_PER_DOC)
                t0 = time.perf_counter()
                filed = quote_groups.group_quotes(store)
                incremental = time.perf_counter() - t0
                groups = store.query("SELECT COUNT(DISTINCT group_id) AS n FROM quote_groups")[0]["n"]
            row = {"stored_quotes": n, "full_s": round(full, 2), "new_quotes": filed,
                   "incremental_s": round(incremental, 2),
                   "incremental_ms_per_quote": round(incremental / max(filed, 1) * 1000, 2), "groups": groups}
            print(json.dumps(row), flush=True)
            rows.append(row)
    finish(rows, [("stored quotes", "r", lambda r: f"{r['stored_quotes']:,}"),
                  ("full regroup s", "r", lambda r: r["full_s"]),
                  ("new quotes", "r", lambda r: r["new_quotes"]),
                  ("incremental s", "r", lambda r: r["incremental_s"]),
                  ("ms per new quote", "r", lambda r: r["incremental_ms_per_quote"]),
                  ("groups", "r", lambda r: f"{r['groups']:,}")], args.json)

if __name__ == "__main__":
    main()
