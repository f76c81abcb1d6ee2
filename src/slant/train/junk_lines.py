"""Train and validate the learned junk-line model (:mod:`slant.clean.line_model`) beside the rules.

``python -m slant.train.junk_lines SETS... --dev DATA --out OUT [--first-runs] [--stems] [--max-words N]``

* ``SETS``: folders or files of hand-written junk sets (``clean_heldout_*.json``, ``clean_dev_*.json``:
  ``{"junk": {kind: [lines]}, "content": [...], "body": [...]}``). Each is laid out into articles as
  ``benchmarks/eval_junk_heldout.py`` does (three rounds, each junk line after the title, between
  paragraphs or in the trailing block) and cleaned with the rules; every line of every article is a
  *decision*.
* ``--dev DATA``: the development corpora (SemEval-2023 subtask 3 train articles, PolNeAR, genre):
  the lines the rules keep there are real paragraphs (noisy: scraped pages keep some junk), used as
  negatives with weight ``--dev-weight``.

Validation is **leave one writer out**: the sets are grouped by who wrote them (:data:`GROUPS`),
the development texts are dealt into as many folds, and each fold is scored by a model trained
on the others. The threshold is chosen on those out-of-fold scores only (content kept >= 0.999 on
the sets' content decisions the rules keep). Reported per held-out set: the rules alone, rules
then model, and the model alone on the junk decisions the rules miss; with ``--first-runs`` also
the same with the rules *as they were before that set was written* (each set's first-run commit,
:data:`FIRST_RUN`, exported with ``git archive`` and run in a subprocess), the only view where the
rules have not been tuned on the set. A sweep over thresholds prints the trade-off (the model's own
content losses, rule misses caught, first-run junk removal, development lines removed).
``OUT/report.json`` holds the figures, ``OUT/dev_flagged.tsv`` every development line the
out-of-fold model would remove at the threshold (to be read: real paragraphs lost are failures),
``OUT/junk_lines.json`` the model fitted on everything.

The results (docs/cleaning.md, "A learned line model beside the rules"): at thresholds where no real
development paragraph is lost the model adds about 1.5 points to first-run junk removal and catches
3 of the current rules' 124 misses, so it is not wired into the cleaner.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

from slant.clean import line_model as lm

#: sets grouped by writer; a set not named here is its own group
GROUPS = {
    "a": "AB", "b": "AB", "c": "C", "d": "D", "e": "E", "f": "FG", "g": "FG", "h": "H",
    "i": "IJK", "j": "IJK", "k": "IJK", "dev1": "dev1-2", "dev2": "dev1-2",
    **{f"dev{n}": "dev3-15" for n in range(3, 16)}, **{f"dev{n}": "dev16-21" for n in range(16, 22)},
}
#: the commit each set was first scored on (its rules before it was written or read)
FIRST_RUN = {
    "a": "5fe3f44", "c": "7b49335^", "d": "ca6ad72^", "e": "f8751f5^", "f": "6123e71^", "g": "6123e71^",
    "h": "2bcf513^", "i": "9774798", "j": "f2ba673", "k": "f2ba673", "dev1": "1e68c20^", "dev2": "1e68c20^",
    "dev3": "87b25e5^", "dev4": "c3cd84c^", "dev5": "9901393^", "dev6": "d8103cb^", "dev7": "7ebfda1^",
    "dev8": "195afe7^", "dev9": "99777c9^", "dev10": "43c031c^", "dev11": "7456ccc^", "dev12": "a9c17d5^",
    "dev14": "e5ed9f2^", "dev15": "564a957^", "dev16": "3087fdc^", "dev17": "3087fdc^",
    "dev18": "3087fdc^", "dev19": "3087fdc^", "dev20": "490924d^", "dev21": "36db245^",
}
POSITIONS = ("lead", "mid", "trail")
#: thresholds the report sweeps
SWEEP = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99)
TITLE = "Council Approves Budget After Marathon Session as Flood Warnings Stay in Place"


def set_name(path: Path) -> str:
    stem = path.stem
    if stem.startswith("clean_heldout_"):
        return stem[len("clean_heldout_"):]
    if stem.startswith("clean_dev_"):
        return "dev" + stem[len("clean_dev_"):]
    return stem


def find_sets(paths: list[str]) -> dict[str, dict]:
    """``{name: set}`` from files and folders (``clean_heldout_*.json``, ``clean_dev_*.json``)."""
    out: dict[str, dict] = {}
    for p in map(Path, paths):
        files = sorted(p.glob("clean_heldout_*.json")) + sorted(p.glob("clean_dev_*.json")) if p.is_dir() else \
            [p] if p.is_file() else []
        if not files:
            raise SystemExit(f"no junk sets in {p}: give clean_heldout_*.json / clean_dev_*.json files or their folder")
        for f in files:
            out.setdefault(set_name(f), json.loads(f.read_text("utf-8")))
    return out


def layout(data: dict, seed: int = 14) -> list[list[tuple[str, str, str]]]:
    """Articles as lists of ``(line, kind, position)`` exactly as ``benchmarks/eval_junk_heldout.py``."""
    rng = random.Random(seed)
    junk = [(line, kind) for kind, lines in data["junk"].items() for line in lines]
    content, body = list(data["content"]), list(data["body"])
    articles = []
    for rotation in range(3):
        order = junk[:]
        rng.shuffle(order)
        contents = content[:]
        rng.shuffle(contents)
        for a in range(-(-len(order) // 3)):
            slots = {POSITIONS[(k + rotation) % 3]: item for k, item in enumerate(order[3 * a: 3 * a + 3])}
            c = [contents[(3 * a + k) % len(contents)] for k in range(3)]
            b = [body[(2 * a + k + rotation) % len(body)] for k in range(2)]
            lines = [(*slots["lead"], "lead")] if "lead" in slots else []
            lines += [(b[0], "content", "body"), (c[0], "content", "body"), (c[1], "content", "body")]
            if "mid" in slots:
                lines.append((*slots["mid"], "mid"))
            lines += [(b[1], "content", "body"), (c[2], "content", "last")]
            if "trail" in slots:
                lines.append((*slots["trail"], "trail"))
            articles.append(lines)
    return articles


def article_raw(lines: list[tuple[str, str, str]]) -> str:
    return TITLE + "\n\n" + "\n\n".join(line for line, _, _ in lines) + "\n"


_RULES_SNIPPET = r"""
import json, sys
from slant.clean import clean_record
from slant.ingest.record import RawRecord
out = []
for i, raw in enumerate(json.load(sys.stdin)):
    doc = clean_record(RawRecord(id=str(i), source=str(i), raw=raw))
    out.append(sorted({r.text for r in doc.removed}))
json.dump(out, sys.stdout)
"""


def removed_by_rules(raws: list[str], tree: Path | None = None) -> list[set[str]]:
    """The lines the rules remove from each raw article (this code, or a source tree's in a subprocess)."""
    if tree is None:
        from slant.clean import clean_record
        from slant.ingest.record import RawRecord
        return [{r.text for r in clean_record(RawRecord(id=str(i), source=str(i), raw=raw)).removed}
                for i, raw in enumerate(raws)]
    proc = subprocess.run([sys.executable, "-c", _RULES_SNIPPET], input=json.dumps(raws), text=True,
                          capture_output=True, env={"PYTHONPATH": str(tree / "src"), "PATH": "/usr/bin:/bin"},
                          check=True)
    return [set(x) for x in json.loads(proc.stdout)]


def export_tree(repo: Path, commit: str, dest: Path) -> Path:
    """``git archive`` of the package source at ``commit`` into ``dest`` (no checkout)."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(repo), "archive", commit, "src"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


@dataclass
class Example:
    feats: list[str]
    junk: bool
    weight: float
    fold: str
    set: str = ""       # the junk set ("" for a development text)
    kind: str = ""      # junk kind, "content", or "dev"
    position: str = ""
    text: str = ""
    source: str = ""    # development text path
    rules_removed: bool = False
    article: int = -1   # article index within its set


def article_examples(lines: list[str], removed: list[bool]) -> list[tuple[int, list[str]]]:
    """``(index, features)`` of each body line the model would score (kept by the rules, short enough)."""
    infos = lm.line_infos(lines)
    first, last = lm._anchors(infos)
    return [(i, lm.features(infos, i, first, last)) for i, info in enumerate(infos)
            if not removed[i] and 0 < info.n <= lm.MAX_WORDS]


def set_examples(name: str, data: dict, *, train_all: bool = True) -> tuple[list[Example], list[tuple]]:
    """Examples of one set (every short line, rules' verdict kept) and its decisions."""
    articles = layout(data)
    removed_sets = removed_by_rules([article_raw(a) for a in articles])
    fold = GROUPS.get(name, name)
    examples, decisions = [], []
    for a, (art, removed) in enumerate(zip(articles, removed_sets)):
        lines = [line for line, _, _ in art]
        gone = [line in removed for line in lines]
        infos = lm.line_infos(lines)
        first, last = lm._anchors(infos)
        for i, (line, kind, position) in enumerate(art):
            decisions.append((a, line, kind, position, gone[i]))
            if 0 < infos[i].n <= lm.MAX_WORDS and (train_all or not gone[i]):
                examples.append(Example(lm.features(infos, i, first, last), kind != "content", 1.0, fold,
                                        set=name, kind=kind, position=position, text=line,
                                        rules_removed=gone[i], article=a))
    return examples, decisions


def dev_texts(data_dir: Path) -> list[Path]:
    paths = sorted((data_dir / "semeval2023-task3-en" / "train-articles-subtask-3").glob("*.txt"))
    paths += sorted((data_dir / "polnear").glob("*/text/*.txt")) + sorted((data_dir / "genre").rglob("*.txt"))
    if not paths:
        raise SystemExit(f"no development texts under {data_dir}: give the shared data folder (semeval2023-task3-en, "
                         "polnear, genre)")
    return paths


def dev_lines(data_dir: Path) -> Iterator[tuple[int, Path, list[str], list[bool]]]:
    """``(k, path, lines, removed)`` of each development text: its body lines (after the title the
    cleaner keeps) and whether the rules alone remove each; ``k`` numbers the text among
    :func:`dev_texts` (an empty file, skipped, keeps its number)."""
    from slant.clean import clean_record
    from slant.clean.cleaner import _lines
    from slant.errors import SlantError
    from slant.ingest.record import RawRecord
    from slant.settings import CleanSettings
    for k, path in enumerate(dev_texts(data_dir)):
        raw = path.read_bytes().decode("utf-8-sig", errors="replace")
        try:
            doc = clean_record(RawRecord(id=path.stem, source=str(path), raw=raw), CleanSettings(learned_lines=False))
        except SlantError:  # an empty file
            continue
        spans = [(s, e) for _, s, e in _lines(raw) if e > s]
        title_kept = any(p.attrs.get("kind") == "title" for p in doc.paragraphs)
        body = spans[1:] if title_kept else spans
        removed_at = {r.raw_start for r in doc.removed}
        yield k, path, [raw[s:e] for s, e in body], [s in removed_at for s, _ in body]


def dev_examples(data_dir: Path, folds: list[str], weight: float) -> list[Example]:
    """The lines the rules keep in the development texts, as real paragraphs (noisy negatives)."""
    examples = []
    for k, path, lines, removed in dev_lines(data_dir):
        for i, feats in article_examples(lines, removed):
            examples.append(Example(feats, False, weight, folds[k % len(folds)], kind="dev",
                                    text=lines[i], source=str(path)))
    return examples


class Vocab:
    def __init__(self, examples: list[Example], min_count: int) -> None:
        counts = Counter(f for ex in examples for f in set(ex.feats))
        self.names = sorted(f for f, c in counts.items() if c >= min_count)
        self.index = {f: j for j, f in enumerate(self.names)}

    def matrix(self, examples: list[Example]):
        from scipy.sparse import csr_matrix
        rows, cols = [], []
        for r, ex in enumerate(examples):
            for j in {self.index[f] for f in ex.feats if f in self.index}:
                rows.append(r)
                cols.append(j)
        return csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(examples), len(self.names)))


def fit(examples: list[Example], C: float, min_count: int) -> dict[str, float]:
    """Logistic regression weights per feature name (the bias as feature ``bias``)."""
    from sklearn.linear_model import LogisticRegression
    vocab = Vocab(examples, min_count)
    X = vocab.matrix(examples)
    y = np.array([ex.junk for ex in examples], dtype=int)
    w = np.array([ex.weight for ex in examples])
    clf = LogisticRegression(C=C, max_iter=2000, solver="liblinear", fit_intercept=True, intercept_scaling=10.0,
                             random_state=0)
    clf.fit(X, y, sample_weight=w)
    weights = {name: float(c) for name, c in zip(vocab.names, clf.coef_[0]) if abs(c) >= 1e-4}
    weights["bias"] = weights.get("bias", 0.0) + float(clf.intercept_[0])
    return weights


def _words(ex: Example) -> int:
    return sum(1 for f in ex.feats if f.startswith("w:"))


def logit(weights: dict[str, float], feats: list[str]) -> float:
    return sum(weights.get(f, 0.0) for f in feats)


def out_of_fold(examples: list[Example], C: float, min_count: int, log=print) -> np.ndarray:
    scores = np.zeros(len(examples))
    folds = sorted({ex.fold for ex in examples})
    for fold in folds:
        train = [ex for ex in examples if ex.fold != fold]
        weights = fit(train, C, min_count)
        idx = [i for i, ex in enumerate(examples) if ex.fold == fold]
        for i in idx:
            scores[i] = 1.0 / (1.0 + np.exp(-logit(weights, examples[i].feats)))
        log(f"  fold {fold}: trained on {len(train)}, scored {len(idx)}")
    return scores


def choose_threshold(examples: list[Example], scores: np.ndarray, kept_target: float) -> float:
    """The lowest threshold at which the model's own losses (content decisions of the sets that the
    rules keep and the model removes) leave at least ``kept_target`` of all content decisions."""
    content = [i for i, ex in enumerate(examples) if ex.set and not ex.junk and not ex.rules_removed]
    all_content = sum(1 for ex in examples if ex.set and not ex.junk)
    cs = scores[content]
    for t in np.round(np.arange(0.5, 1.0, 0.005), 3):
        if 1 - int((cs >= t).sum()) / all_content >= kept_target:
            return float(t)
    return 1.0


def per_set_figures(name: str, decisions: list[tuple], scored: dict[tuple[int, str], float],
                    threshold: float, rules_removed: list[bool] | None = None) -> dict:
    """Junk removed / content kept for rules alone and rules then model, and the model alone on rule misses.

    ``decisions``: ``(article, line, kind, position, rules_removed)``; ``scored``: model probability of
    ``(article, line)`` for every short line; ``rules_removed`` overrides the decisions' rule verdicts."""
    f = Counter()
    for k, (a, line, kind, _pos, gone) in enumerate(decisions):
        gone = rules_removed[k] if rules_removed is not None else gone
        p = scored.get((a, line))
        model = p is not None and p >= threshold
        if kind == "content":
            f["content"] += 1
            f["content_kept_rules"] += not gone
            f["content_kept_both"] += not (gone or model)
        else:
            f["junk"] += 1
            f["junk_removed_rules"] += gone
            f["junk_removed_both"] += gone or model
            if not gone:
                f["rules_missed"] += 1
                f["model_on_missed"] += model
    return dict(f)


def fmt(f: dict) -> str:
    def r(a, b):
        return f"{f[a]}/{f[b]}={f[a] / f[b]:.3f}" if f.get(b) else "-"
    return (f"junk rules {r('junk_removed_rules', 'junk')} both {r('junk_removed_both', 'junk')}; "
            f"content rules {r('content_kept_rules', 'content')} both {r('content_kept_both', 'content')}; "
            f"model on rule misses {r('model_on_missed', 'rules_missed')}")


def export(weights: dict[str, float], threshold: float, place: bool, stems: bool, max_words: int, meta: dict) -> dict:
    return {"version": meta.get("version", "1"), "threshold": threshold, "max_words": max_words, "place": place,
            "stems": stems,
            "meta": meta, "weights": {k: round(v, 4) for k, v in sorted(weights.items()) if abs(round(v, 4)) > 0}}


def first_run_rules(repo: Path, name: str, data: dict, cache: dict[str, Path], tmp: Path) -> list[bool] | None:
    commit = FIRST_RUN.get(name)
    if commit is None:
        return None
    if commit not in cache:
        cache[commit] = export_tree(repo, commit, tmp / commit.replace("^", "_p"))
    articles = layout(data)
    removed = removed_by_rules([article_raw(a) for a in articles], cache[commit])
    return [line in gone for art, gone in zip(articles, removed) for line, _, _ in art]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="+", help="junk set files or folders")
    parser.add_argument("--dev", required=True, help="the shared data folder (semeval2023-task3-en, polnear, genre)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--dev-weight", type=float, default=0.5)
    parser.add_argument("--dev-short-weight", type=float, default=1.0,
                        help="the weight of a development line of at most --short-words words")
    parser.add_argument("--short-words", type=int, default=8)
    parser.add_argument("--C", type=float, default=0.3)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--kept-target", type=float, default=0.999)
    parser.add_argument("--first-runs", action="store_true", help="also score each set with its first-run rules")
    parser.add_argument("--repo", default=str(Path(__file__).resolve().parents[3]))
    parser.add_argument("--no-place", dest="place", action="store_false",
                        help="leave out where a line sits (lead / between paragraphs / trailing block)")
    parser.add_argument("--max-words", type=int, default=lm.MAX_WORDS,
                        help="the longest line (in words) the model is used on")
    parser.add_argument("--stems", action="store_true", help="also the first letters of long words")
    parser.add_argument("--cache", help="a pickle of the extracted lines, written once and read after "
                        "(for experiments)")
    parser.add_argument("--threshold", type=float, help="report at this threshold instead of the chosen one")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sets = find_sets(args.sets)
    folds = sorted({GROUPS.get(n, n) for n in sets})
    cached = Path(args.cache) if args.cache else None
    if cached and cached.is_file():
        examples, decisions, dev = pickle.loads(cached.read_bytes())
    else:
        examples, decisions = [], {}
        for name, data in sets.items():
            ex, dec = set_examples(name, data)
            examples += ex
            decisions[name] = dec
        dev = dev_examples(Path(args.dev), folds, 1.0)
        if cached:
            cached.write_bytes(pickle.dumps((examples, decisions, dev)))
    for ex in dev:  # short real lines (subheadings, list items, captions) are the ones most like junk
        ex.weight = args.dev_short_weight if _words(ex) <= args.short_words else args.dev_weight
    if not args.place:
        for ex in examples + dev:
            ex.feats = [f for f in ex.feats if not f.startswith("at:")]
    if args.stems:  # the same features as line_model.features(..., stems=True), from the words
        for ex in examples + dev:
            ex.feats = ex.feats + lm.stem_features([f[2:] for f in ex.feats if f.startswith("w:")])
    print(f"{len(sets)} sets, {len(folds)} writer groups; {len(examples)} set lines scored "
          f"({sum(e.junk for e in examples)} junk), {len(dev)} development lines", flush=True)
    allx = examples + dev
    scores = out_of_fold(allx, args.C, args.min_count)
    # the model is trained on lines up to line_model.MAX_WORDS and used on those up to --max-words
    scores[np.array([_words(ex) > args.max_words for ex in allx], dtype=bool)] = 0.0
    threshold = choose_threshold(allx, scores, args.kept_target)
    (out / "oof.pkl").write_bytes(pickle.dumps((allx, scores, decisions)))
    print(f"threshold (out of fold, content kept >= {args.kept_target}): {threshold}")
    if args.threshold is not None:
        threshold = args.threshold
        print(f"threshold as given: {threshold}")
    scored: dict[str, dict] = defaultdict(dict)
    for ex, s in zip(allx, scores):
        if ex.set:
            scored[ex.set][(ex.article, ex.text)] = float(s)
    first_runs: dict[str, list[bool]] = {}
    if args.first_runs:
        tmp = Path(tempfile.mkdtemp(prefix="junk-lines-"))
        cache: dict[str, Path] = {}
        for name in sets:
            rules = first_run_rules(Path(args.repo), name, sets[name], cache, tmp)
            if rules is not None:
                first_runs[name] = rules
    report = {"threshold": threshold, "args": vars(args), "sets": {}, "first_runs": {}, "sweep": []}
    dev_scores = scores[len(examples):]
    print("threshold | model's own content losses | rule misses caught now | first runs: junk removed rules -> "
          "rules + model | development lines removed")
    for t in SWEEP:
        now, first = Counter(), Counter()
        for name in sets:
            now.update(per_set_figures(name, decisions[name], scored[name], t))
            if name in first_runs:
                first.update(per_set_figures(name, decisions[name], scored[name], t, first_runs[name]))
        row = {"threshold": t, "model_lost": now["content_kept_rules"] - now["content_kept_both"],
               "content": now["content"], "now_caught": now["model_on_missed"], "now_missed": now["rules_missed"],
               "first_rules": first["junk_removed_rules"], "first_both": first["junk_removed_both"],
               "first_junk": first["junk"], "dev_removed": int((dev_scores >= t).sum())}
        report["sweep"].append(row)
        first_txt = (f"{row['first_rules'] / row['first_junk']:.3f} -> {row['first_both'] / row['first_junk']:.3f}"
                     if row["first_junk"] else "-")
        print(f"{t:.3f} | {row['model_lost']}/{row['content']} | {row['now_caught']}/{row['now_missed']} | "
              f"{first_txt} | {row['dev_removed']}", flush=True)
    for name in sorted(sets, key=lambda n: (len(n), n)):
        f = per_set_figures(name, decisions[name], scored[name], threshold)
        report["sets"][name] = f
        print(f"{name:6s} [{GROUPS.get(name, name)}] now: {fmt(f)}", flush=True)
        if name in first_runs:
            g = per_set_figures(name, decisions[name], scored[name], threshold, first_runs[name])
            report["first_runs"][name] = {"commit": FIRST_RUN[name], **g}
            print(f"{name:6s} first run @{FIRST_RUN[name]}: {fmt(g)}", flush=True)
    flagged = sorted(((float(s), ex.source, ex.text) for ex, s in zip(dev, dev_scores) if s >= threshold),
                     reverse=True)
    report["dev_flagged"] = len(flagged)
    report["dev_lines"] = len(dev)
    with open(out / "dev_flagged.tsv", "w", encoding="utf-8") as fh:
        for s, src, text in flagged:
            fh.write(f"{s:.3f}\t{src}\t{text}\n")
    print(f"development lines the out-of-fold model removes: {len(flagged)} of {len(dev)} (listed in dev_flagged.tsv)")
    weights = fit(allx, args.C, args.min_count)
    meta = {"version": "1", "C": args.C, "min_count": args.min_count, "dev_weight": args.dev_weight,
            "dev_short_weight": args.dev_short_weight, "short_words": args.short_words, "place": args.place,
            "sets": sorted(sets), "examples": len(allx)}
    model = export(weights, threshold, args.place, args.stems, args.max_words, meta)
    (out / "junk_lines.json").write_text(json.dumps(model, ensure_ascii=False, indent=0, sort_keys=True), "utf-8")
    (out / "report.json").write_text(json.dumps(report, indent=1), "utf-8")
    print(f"model: {len(model['weights'])} weights -> {out / 'junk_lines.json'}")


if __name__ == "__main__":
    main()
