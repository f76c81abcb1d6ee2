"""Near-duplicate lookup time and memory as the corpus grows; and the threshold measurement.

    python benchmarks/bench_neardup.py --sizes 1000,10000,100000        # growth (target: < 50 ms at 100k)
    python benchmarks/bench_neardup.py --sizes 1000,10000 --backend datasketch
    python benchmarks/bench_neardup.py --sweep --stories 1500 --seed 7  # how the thresholds were chosen
    python benchmarks/bench_neardup.py --stress --stories 300 --seed 21 # shorter trims, heavier paraphrase

Articles come from slant.corpus.rewrites (30% of them rewrites of recent stories). At each size
the index answers ``--queries`` lookups (fresh rewrites of indexed stories, and hard negatives:
new stories on the same topic with the same protagonist and city; half each, none of them added); a lookup is signature + candidates + check, timed end to end.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter

import numpy as np

from slant.corpus.neardup import CorpusSettings, NearDupIndex
from slant.corpus.rewrites import REWRITE_KINDS, ArticleGenerator, generate_corpus


def _rss_mb() -> float:
    try:
        import psutil
    except ImportError:
        return float("nan")
    return psutil.Process().memory_info().rss / 1e6


def growth(sizes: list[int], queries: int, seed: int, backend: str) -> list[dict]:
    settings = CorpusSettings(lsh_backend=backend)
    gen = ArticleGenerator(seed)
    index = NearDupIndex(settings)
    stories: list = []  # (article, cast) of a sample of indexed originals, for query rewrites
    rng = random.Random(seed)
    rows = []
    added = 0
    add_seconds = 0.0
    rss0 = _rss_mb()
    for size in sorted(sizes):
        while added < size:
            if stories and rng.random() < 0.3:
                original, cast = rng.choice(stories)
                article = gen.rewrite(original, cast, rng.choice(REWRITE_KINDS))
            else:
                original, cast = gen.story()
                article = original
                if len(stories) < 5000:
                    stories.append((original, cast))
                else:
                    stories[rng.randrange(len(stories))] = (original, cast)
            t0 = time.perf_counter()
            index.add(article.id, article.text)
            add_seconds += time.perf_counter() - t0
            added += 1
        probes = []
        for i in range(queries):
            if i % 2 == 0:
                original, cast = rng.choice(stories)
                probes.append((gen.rewrite(original, cast, rng.choice(REWRITE_KINDS)), original.id))
            else:  # a hard negative: same topic, same protagonist and city, another event
                probes.append((gen.story(like=rng.choice(stories)[1])[0], None))
        sig_ms, look_ms, found, wrong = [], [], 0, 0
        for article, source in probes:
            t0 = time.perf_counter()
            sig = index.signature_of(article.text)
            t1 = time.perf_counter()
            links = index.query(sig)
            t2 = time.perf_counter()
            sig_ms.append((t1 - t0) * 1000)
            look_ms.append((t2 - t1) * 1000)
            linked = {link.other_id for link in links}
            if source is not None and source in linked:
                found += 1
            if source is None and linked:
                wrong += 1
        total = [a + b for a, b in zip(sig_ms, look_ms)]
        row = {
            "size": size, "backend": backend,
            "lookup_ms_median": round(statistics.median(total), 3),
            "lookup_ms_p95": round(float(np.percentile(total, 95)), 3),
            "signature_ms_median": round(statistics.median(sig_ms), 3),
            "index_ms_median": round(statistics.median(look_ms), 3),
            "index_ms_p95": round(float(np.percentile(look_ms, 95)), 3),
            "add_ms_mean": round(add_seconds / added * 1000, 3),
            "rewrites_found": f"{found}/{(queries + 1) // 2}",
            "hard_negatives_linked": f"{wrong}/{queries // 2}",
            "index_mb": round(index.memory_bytes() / 1e6, 1) if backend == "compact" else None,
            "rss_growth_mb": round(_rss_mb() - rss0, 1),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def sweep(stories: int, seed: int) -> dict:
    """Every LSH candidate pair with its estimates, then precision/recall over a threshold grid."""
    loose = CorpusSettings(jaccard_threshold=0.01, containment_threshold=0.01)
    articles = generate_corpus(stories, seed=seed)
    story = {a.id: a.story_id for a in articles}
    index = NearDupIndex(loose)
    rows = []
    for a in articles:
        for link in index.add(a.id, a.text):
            rows.append((link.jaccard, link.containment, story[link.doc_id] == story[link.other_id]))
    jaccard = np.array([r[0] for r in rows])
    containment = np.array([r[1] for r in rows])
    same = np.array([r[2] for r in rows], dtype=bool)
    sizes = Counter(story.values())
    true_pairs = sum(n * (n - 1) // 2 for n in sizes.values())
    out = {"articles": len(articles), "candidate_pairs": len(rows), "true_pairs": true_pairs,
           "lsh_recall": round(float(same.sum()) / true_pairs, 4),
           "unrelated_max_jaccard": round(float(jaccard[~same].max()), 3),
           "unrelated_max_containment": round(float(containment[~same].max()), 3),
           "same_story_min_jaccard": round(float(jaccard[same].min()), 3),
           "same_story_min_containment": round(float(containment[same].min()), 3), "grid": []}
    for tj in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        for tc in (0.4, 0.5, 0.6, 0.7, 1.01):
            linked = (jaccard >= tj) | (containment >= tc)
            tp = int((linked & same).sum())
            fp = int((linked & ~same).sum())
            out["grid"].append({"jaccard": tj, "containment": tc,
                                "link_precision": round(tp / max(1, tp + fp), 4),
                                "pair_recall": round(tp / true_pairs, 4)})
    return out


#: (trim keeps, paraphrase rewords) ranges for --stress: the default, then harder edits
STRESS_SETTINGS = (((0.5, 0.85), (0.3, 0.6)), ((0.3, 0.5), (0.3, 0.6)), ((0.15, 0.3), (0.3, 0.6)),
                   ((0.5, 0.85), (0.6, 0.9)), ((0.5, 0.85), (0.9, 1.0)))


def stress(stories: int, seed: int) -> list[dict]:
    """Precision/recall as trims get shorter and paraphrases heavier (where detection breaks)."""
    from slant.corpus.rewrites import evaluate_near_duplicates

    rows = []
    for trim_keep, paraphrase_rate in STRESS_SETTINGS:
        scores = evaluate_near_duplicates(generate_corpus(stories, seed=seed, trim_keep=trim_keep,
                                                          paraphrase_rate=paraphrase_rate))
        row = {"trim_keep": trim_keep, "paraphrase_rate": paraphrase_rate,
               "precision": round(scores.precision, 4), "recall": round(scores.recall, 4),
               "link_precision": round(scores.link_precision, 4), "recall_by_kind": scores.recall_by_kind}
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=("compact", "datasketch"), default="compact")
    parser.add_argument("--sweep", action="store_true", help="measure thresholds instead of growth")
    parser.add_argument("--stress", action="store_true", help="precision/recall under harder rewrites")
    parser.add_argument("--stories", type=int, default=1500, help="stories for --sweep and --stress")
    parser.add_argument("--json", help="write the results here too")
    args = parser.parse_args(argv)
    if args.stress:
        result = stress(args.stories, args.seed)
    elif args.sweep:
        result = sweep(args.stories, args.seed)
        for key, value in result.items():
            if key != "grid":
                print(f"{key}: {value}")
        for row in result["grid"]:
            print(row)
    else:
        result = growth([int(s) for s in args.sizes.split(",")], args.queries, args.seed, args.backend)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
