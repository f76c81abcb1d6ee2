"""Junk removal on real articles with held-out junk injected: removed share and content kept.

    python benchmarks/eval_junk.py ../shared/data [--seed 5]

Each SemEval-2023 training article and PolNeAR text gets three junk lines from the held-out
category templates (tests/test_clean_junk_categories.py: written apart from the rules), one at a
random place between paragraphs, one right after the title's paragraph block, one at the end;
the cleaner runs as ``slant ingest`` runs it. Reported: the share of injected lines removed, and
the share of the article's own lines kept that the cleaner keeps without the injection (so the
page furniture the corpus already holds is not counted as content). Texts stay in the data folder.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from slant.clean import clean_record  # noqa: E402
from slant.ingest.record import RawRecord  # noqa: E402
from tests.test_clean_junk_categories import CATEGORY_HELDOUT_JUNK  # noqa: E402


def _kept_lines(text: str, doc_id: str) -> set[str]:
    doc = clean_record(RawRecord(id=doc_id, source=doc_id, raw=text))
    return {p for p in doc.text.split("\n") if p.strip()}


def evaluate(data: Path, seed: int = 5) -> dict:
    rng = random.Random(seed)
    paths = sorted((data / "semeval2023-task3-en" / "train-articles-subtask-3").glob("*.txt"))
    paths += sorted((data / "polnear" / "dev" / "text").glob("*.txt"))
    injected = removed = content = content_kept = 0
    misses: list[str] = []
    lost: list[str] = []
    for path in paths:
        text = path.read_text(encoding="utf-8-sig")
        lines = text.split("\n")
        baseline = _kept_lines(text, path.stem)
        junk = [line for line, _ in rng.sample(CATEGORY_HELDOUT_JUNK, 3)]
        body = lines[:]
        body.append(junk[2])
        middle = rng.randint(3, max(3, len(body) - 2))
        body.insert(middle, junk[0])
        body.insert(2, junk[1])
        kept = _kept_lines("\n".join(body), path.stem)
        for line in junk:
            injected += 1
            if line in kept:
                misses.append(line)
            else:
                removed += 1
        own = [line for line in lines[1:] if line.strip() and line in baseline]
        content += len(own)
        for line in own:
            if line in kept:
                content_kept += 1
            else:
                lost.append(line[:100])
    return {"articles": len(paths), "injected": injected, "removed": removed,
            "removed_share": round(removed / injected, 4), "content_lines": content,
            "content_kept": content_kept, "content_kept_share": round(content_kept / content, 4),
            "misses": misses[:10], "lost": lost[:10]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    result = evaluate(args.data, args.seed)
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
