"""Train and validate the learned second stage after the junk rules (:mod:`slant.clean.learned_lines`).

``python -m slant.train.junk_learned SETS... --dev DATA --out OUT [--dev-junk FILE] [--threshold T]``

* ``SETS``: junk set files or folders (``clean_heldout_*.json``, ``clean_dev_*.json``). A set with a
  written layout (``"articles"``: each article as its writer placed every line) trains in that
  layout, with the place features; a set without one trains in ``eval_junk_heldout.py``'s
  three-round layout on the line's own features only (that layout puts every junk line alone
  between paragraphs, so its places would teach the layout, not pages). Both layouts are scored.
* ``--dev DATA``: the development texts (SemEval-2023, PolNeAR, genre): the lines the rules keep
  there are real lines (noisy: scraped pages keep some junk), negatives with ``--dev-weight``
  (``--dev-short-weight`` for lines of 8 words or fewer: subheadings, list items, the real lines
  most like junk). Set content lines weigh ``--content-weight``: a removed real line costs far more
  than a missed junk line.

Every line's verdict from the rules alone (``CleanSettings(learned_lines=False)``) is computed
first; the model sees the lines the rules keep that are not paragraphs. Validation is **leave one
writer out** (:data:`GROUPS`; the development texts are dealt into the same folds): each group is
scored by a model trained on the others. The threshold is the lowest at which, out of fold, no
content line of any set (either layout) and no development line is removed, except development
lines listed in ``--dev-junk`` (lines read and judged junk: "Online:", a README's file name).
``OUT/report.json`` has the figures per held-out writer, ``OUT/dev_top.tsv`` the development
lines with the highest out-of-fold scores (to read), ``OUT/junk_lines.json.gz`` the model fitted
on everything with that threshold. ``--first-runs REPO`` also scores the latest writers' sets with
the rules each met before anyone read it (:data:`FIRST_RUN`, exported from REPO's history): the
view in which the rules have not seen the templates. Figures and verdict: docs/cleaning.md, "A
learned second stage after the rules".
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from slant.clean import learned_lines as ll
from slant.train.junk_lines import TITLE, dev_lines, export_tree, find_sets, layout, removed_by_rules

#: sets grouped by writer (a set not named here is its own group)
GROUPS = {
    "a": "AB", "b": "AB", "f": "FG", "g": "FG", "i": "IJK", "j": "IJK", "k": "IJK",
    "l": "LMN", "m": "LMN", "n": "LMN", "dev1": "dev1-2", "dev2": "dev1-2",
    **{f"dev{n}": "dev3-15" for n in range(3, 16)}, **{f"dev{n}": "dev16-21" for n in range(16, 22)},
}
#: the latest writers' sets (L-P, S), pooled in the report
LATEST = ("l", "m", "n", "o", "p", "s")
#: the rules each of the latest writers' sets met before anyone read it (the commit it was first
#: scored on, or the last one before helpers were given it): the only view in which the rules have
#: not seen the set, so the one that says whether the model helps on templates nobody has seen
FIRST_RUN = {"l": "4a5c0b6", "m": "4a5c0b6", "n": "4a5c0b6", "o": "c9044c6", "p": "c9044c6", "s": "c9044c6"}
SWEEP = (0.5, 0.7, 0.8, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995, 0.998)


def group(name: str) -> str:
    return GROUPS.get(name, name.upper())


@dataclass
class Article:
    title: str
    lines: list[str]
    kinds: list[str]          # junk kind, or "content"
    rules: list[bool]         # removed by the rules alone
    source: str = ""


@dataclass
class Corpus:
    sets: dict[str, dict[str, list[Article]]] = field(default_factory=dict)   # name -> layout -> articles
    dev: list[Article] = field(default_factory=list)


def _rules_removed(title: str, lines: list[str], doc_id: str) -> list[bool]:
    from slant.clean import clean_record
    from slant.ingest.record import RawRecord
    from slant.settings import CleanSettings
    raw = title + "\n\n" + "\n\n".join(lines) + "\n"
    doc = clean_record(RawRecord(id=doc_id, source=doc_id, raw=raw), CleanSettings(learned_lines=False))
    gone = {r.text for r in doc.removed}
    return [line in gone for line in lines]


def written(data: dict) -> list[tuple[str, list[str], list[str]]]:
    """``(title, lines, kinds)`` of each article as its writer laid it out."""
    out = []
    for article in data["articles"]:
        lines = [text for text, _ in article["lines"]]
        kinds = ["content" if label in ("content", "body") else label for _, label in article["lines"]]
        out.append((article["title"], lines, kinds))
    return out


def collect(set_paths: list[str], dev_dir: Path | None, log=print, corpus: Corpus | None = None) -> Corpus:
    """Every set in both layouts and every development text, with the rules' verdicts (added to
    ``corpus``: a set or the development texts it already holds are not collected again)."""
    corpus = corpus or Corpus()
    for name, data in find_sets(set_paths).items():
        if name in corpus.sets:
            continue
        entry = {"rounds": []}
        for a, art in enumerate(layout(data)):
            lines = [line for line, _, _ in art]
            entry["rounds"].append(Article(TITLE, lines, [k for _, k, _ in art],
                                           _rules_removed(TITLE, lines, f"{name}-r{a}")))
        if "articles" in data:
            entry["written"] = [Article(title, lines, kinds, _rules_removed(title, lines, f"{name}-w{a}"))
                                for a, (title, lines, kinds) in enumerate(written(data))]
        corpus.sets[name] = entry
        log(f"  {name}: {len(entry['rounds'])} articles in rounds, {len(entry.get('written', []))} as written")
    if dev_dir is not None and not corpus.dev:
        corpus.dev = list(_dev_articles(dev_dir))
        log(f"  development: {len(corpus.dev)} texts")
    return corpus


def _dev_articles(data_dir: Path):
    for _, path, lines, removed in dev_lines(data_dir):
        yield Article("", lines, ["content"] * len(lines), removed, str(path))


@dataclass
class Examples:
    feats: list[list[str]] = field(default_factory=list)
    junk: list[bool] = field(default_factory=list)
    weight: list[float] = field(default_factory=list)   # 0: scored, not trained on
    fold: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    #: (set, layout, kind, rules_removed, example index or -1) per decision of the sets
    decisions: list[tuple[str, str, str, bool, int]] = field(default_factory=list)
    #: (example index, source) per scored development line
    dev: list[tuple[int, str]] = field(default_factory=list)

    def add(self, feats, junk, weight, fold, text) -> int:
        self.feats.append(feats)
        self.junk.append(junk)
        self.weight.append(weight)
        self.fold.append(fold)
        self.text.append(text)
        return len(self.feats) - 1


def build_examples(corpus: Corpus, content_weight: float, dev_weight: float, dev_short_weight: float,
                   train_removed: bool = True) -> Examples:
    """Examples of every scorable line (what the model would see at run time: kept by the rules, not a
    paragraph) in both layouts, and training examples: the training layout's lines (also those the
    rules removed, with ``train_removed``) and the development lines the rules keep."""
    ex = Examples()
    folds = sorted({group(n) for n in corpus.sets})
    for name, entry in corpus.sets.items():
        g = group(name)
        train_layout = "written" if "written" in entry else "rounds"
        for lay, articles in entry.items():
            for art in articles:
                feats = ll.article_features(art.lines, art.rules)
                own = [None] * len(art.lines)
                if lay == train_layout and train_removed:   # lines the rules removed, as if kept
                    lines = [ll.Line(t) for t in art.lines]
                    first, last = ll.anchors(lines, art.rules)
                    for i, line in enumerate(lines):
                        if art.rules[i] and 0 < line.n <= ll.MAX_WORDS and not line.para:
                            own[i] = ll.own_features(line) + (ll.context_features(lines, art.rules, i, first, last)
                                                              if lay == "written" else [])
                for i, kind in enumerate(art.kinds):
                    w = 1.0 if kind != "content" else content_weight
                    k = -1
                    if feats[i] is not None:
                        train_w = w if lay == train_layout and lay == "written" else 0.0
                        k = ex.add(feats[i], kind != "content", train_w, g, art.lines[i])
                        if lay == train_layout == "rounds":   # own features only
                            ex.add(ll.own_features(ll.Line(art.lines[i])), kind != "content", w, g, art.lines[i])
                    elif own[i] is not None:
                        ex.add(own[i], kind != "content", w, g, art.lines[i])
                    ex.decisions.append((name, lay, kind, art.rules[i], k))
    for n, art in enumerate(corpus.dev):
        g = folds[n % len(folds)]
        for i, feats in enumerate(ll.article_features(art.lines, art.rules)):
            if feats is None:
                continue
            line = ll.Line(art.lines[i])
            k = ex.add(feats, False, dev_short_weight if line.n <= 8 else dev_weight, g, art.lines[i])
            ex.dev.append((k, art.source))
    return ex


class _Vocab:
    def __init__(self, rows, min_count: int) -> None:
        counts = Counter(f for r in rows for f in set(r))
        self.names = sorted(f for f, c in counts.items() if c >= min_count)
        self.index = {f: j for j, f in enumerate(self.names)}

    def matrix(self, rows):
        from scipy.sparse import csr_matrix
        r, c = [], []
        for k, feats in enumerate(rows):
            for j in {self.index[f] for f in feats if f in self.index}:
                r.append(k)
                c.append(j)
        return csr_matrix((np.ones(len(r)), (r, c)), shape=(len(rows), len(self.names)))


def fit(feats, y, w, C: float, min_count: int) -> dict[str, float]:
    """Weighted logistic regression; weights per feature name (the intercept folded into ``bias``)."""
    from sklearn.linear_model import LogisticRegression
    vocab = _Vocab(feats, min_count)
    clf = LogisticRegression(C=C, max_iter=3000, solver="liblinear", intercept_scaling=10.0)
    clf.fit(vocab.matrix(feats), np.asarray(y, dtype=int), sample_weight=np.asarray(w))
    weights = {name: float(c) for name, c in zip(vocab.names, clf.coef_[0]) if abs(c) >= 1e-3}
    weights["bias"] = weights.get("bias", 0.0) + float(clf.intercept_[0])
    return weights


def out_of_fold(ex: Examples, C: float, min_count: int, log=print,
                models: dict[str, dict[str, float]] | None = None) -> np.ndarray:
    """Each example scored by the model trained without its writer group (that model's weights go
    into ``models[group]`` when given)."""
    scores = np.zeros(len(ex.feats))
    fold = np.array(ex.fold)
    weight = np.array(ex.weight)
    t0 = time.time()
    for g in sorted(set(ex.fold)):
        train = np.where((fold != g) & (weight > 0))[0]
        weights = fit([ex.feats[k] for k in train], [ex.junk[k] for k in train], weight[train], C, min_count)
        for k in np.where(fold == g)[0]:
            scores[k] = ll.probability(weights, ex.feats[k])
        if models is not None:
            models[g] = weights
        log(f"  fold {g}: trained on {len(train)}, {len(weights)} weights ({time.time() - t0:.0f} s)")
    return scores


def first_run_sets(corpus: Corpus, repo: Path, log=print) -> dict[str, dict[str, list[Article]]]:
    """The sets of :data:`FIRST_RUN` in ``corpus`` again, each with the verdicts of the rules it met
    before anyone read it (``git archive`` of that commit, run in a subprocess)."""
    out: dict[str, dict[str, list[Article]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        trees: dict[str, Path] = {}
        for name, entry in corpus.sets.items():
            commit = FIRST_RUN.get(name)
            if commit is None:
                continue
            if commit not in trees:
                trees[commit] = export_tree(repo, commit, Path(tmp) / commit)
            out[name] = {}
            for lay, articles in entry.items():
                raws = [a.title + "\n\n" + "\n\n".join(a.lines) + "\n" for a in articles]
                gone = removed_by_rules(raws, trees[commit])
                out[name][lay] = [Article(a.title, a.lines, a.kinds, [line in g for line in a.lines], a.source)
                                  for a, g in zip(articles, gone)]
            log(f"  {name}: rules at {commit}")
    return out


def first_run_scores(sets: dict[str, dict[str, list[Article]]], models: dict[str, dict[str, float]]):
    """``(set, layout, kind, rules_removed, p or None)`` per decision, ``p`` from the model trained
    without the set's writer group."""
    out = []
    for name, entry in sets.items():
        weights = models[group(name)]
        for lay, articles in entry.items():
            for art in articles:
                for i, feats in enumerate(ll.article_features(art.lines, art.rules)):
                    p = None if feats is None else ll.probability(weights, feats)
                    out.append((name, lay, art.kinds[i], art.rules[i], p))
    return out


def first_run_figures(decisions, threshold: float, lay: str) -> dict[str, Counter]:
    """Per set: junk decisions, removed by the rules / rules then model; content kept likewise, from
    ``(set, layout, kind, rules_removed, p or None)`` decisions (:func:`first_run_scores`)."""
    out: dict[str, Counter] = defaultdict(Counter)
    for name, layout_, kind, rules, p in decisions:
        if layout_ != lay:
            continue
        model = p is not None and p >= threshold
        f = out[name]
        if kind == "content":
            f["content"] += 1
            f["kept_rules"] += int(not rules)
            f["kept_both"] += int(not (rules or model))
        else:
            f["junk"] += 1
            f["removed_rules"] += int(rules)
            f["removed_both"] += int(rules or model)
    return out


def figures(ex: Examples, scores: np.ndarray, threshold: float, lay: str) -> dict[str, Counter]:
    """Per set: junk decisions, removed by the rules / rules then model; content kept likewise."""
    return first_run_figures(((name, layout_, kind, rules, scores[k] if k >= 0 else None)
                              for name, layout_, kind, rules, k in ex.decisions if layout_ == lay), threshold, lay)


def model_losses(ex: Examples, scores: np.ndarray, threshold: float, dev_junk: set[str]) -> tuple[int, int, int]:
    """Content lines the model removes (written layout, rounds layout) and development lines it
    removes that are not listed as junk."""
    lost = {lay: sum(f["kept_rules"] - f["kept_both"] for f in figures(ex, scores, threshold, lay).values())
            for lay in ("written", "rounds")}
    dev = sum(1 for k, _ in ex.dev if scores[k] >= threshold and ex.text[k] not in dev_junk)
    return lost["written"], lost["rounds"], dev


def choose_threshold(ex: Examples, scores: np.ndarray, dev_junk: set[str]) -> float:
    """The lowest threshold (0.001 steps) with no content or real development line removed out of fold."""
    for t in np.round(np.arange(0.5, 1.0, 0.001), 3):
        if model_losses(ex, scores, float(t), dev_junk) == (0, 0, 0):
            return float(t)
    return 1.0


def pooled(figs: dict[str, Counter], names) -> Counter:
    total = Counter()
    for n in names:
        total.update(figs.get(n, Counter()))
    return total


def fmt(f: Counter) -> str:
    if not f["junk"]:
        return "-"
    return (f"junk {f['removed_rules']}/{f['junk']} = {f['removed_rules'] / f['junk']:.3f} -> "
            f"{f['removed_both']}/{f['junk']} = {f['removed_both'] / f['junk']:.3f}; content "
            f"{f['kept_rules']}/{f['content']} -> {f['kept_both']}/{f['content']}")


def export(weights: dict[str, float], threshold: float, meta: dict) -> dict:
    return {"version": "1", "threshold": threshold, "meta": meta,
            "weights": {k: round(v, 4) for k, v in sorted(weights.items()) if abs(round(v, 4)) > 0}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="+", help="junk set files or folders")
    parser.add_argument("--dev", required=True, help="the shared data folder (semeval2023-task3-en, polnear, genre)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--dev-junk", help="a file of development lines read and judged junk, one a line")
    parser.add_argument("--content-weight", type=float, default=5.0)
    parser.add_argument("--dev-weight", type=float, default=2.0)
    parser.add_argument("--dev-short-weight", type=float, default=5.0)
    parser.add_argument("--C", type=float, default=0.3)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--threshold", type=float, help="report and export at this threshold instead of the chosen one")
    parser.add_argument("--cache", help="a pickle of the collected articles (the rules' verdicts: delete it when the "
                                         "rules change); sets it lacks are collected and added")
    parser.add_argument("--first-runs", metavar="REPO",
                        help="also score the latest writers' sets (FIRST_RUN) with the rules they met first, "
                             "exported from this git repository")
    parser.add_argument("--no-fit", action="store_true", help="validation only, no final model")
    args = parser.parse_args(argv)
    if args.dev_junk and not Path(args.dev_junk).is_file():   # before the minutes of collecting
        raise SystemExit(f"--dev-junk {args.dev_junk} is not a file: give a file of development lines judged junk, "
                         "one a line")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cache = Path(args.cache) if args.cache else None
    cached = pickle.loads(cache.read_bytes()) if cache and cache.is_file() else None
    had = (set(cached.sets), bool(cached.dev)) if cached else None
    corpus = collect(args.sets, Path(args.dev), corpus=cached)
    if cache and had != (set(corpus.sets), True):
        cache.write_bytes(pickle.dumps(corpus))
    asked = set(find_sets(args.sets))
    corpus.sets = {name: entry for name, entry in corpus.sets.items() if name in asked}
    dev_junk = set()
    if args.dev_junk:
        dev_junk = {line.strip() for line in Path(args.dev_junk).read_text("utf-8").splitlines() if line.strip()}
    ex = build_examples(corpus, args.content_weight, args.dev_weight, args.dev_short_weight)
    print(f"{len(corpus.sets)} sets, {len({group(n) for n in corpus.sets})} writer groups; {len(ex.feats)} "
          f"examples ({sum(w > 0 for w in ex.weight)} trained on), {len(ex.dev)} development lines scored", flush=True)
    models: dict[str, dict[str, float]] = {}
    scores = out_of_fold(ex, args.C, args.min_count, models=models)
    first = []
    if args.first_runs:
        print("the latest writers' sets with the rules they met first:")
        first = first_run_scores(first_run_sets(corpus, Path(args.first_runs)), models)
    (out / "oof.pkl").write_bytes(pickle.dumps((ex, scores)))
    threshold = choose_threshold(ex, scores, dev_junk)
    print(f"threshold chosen out of fold: {threshold}")
    if args.threshold is not None:
        threshold = args.threshold
        print(f"threshold as given: {threshold}")
    report: dict = {"args": vars(args), "threshold": threshold, "sweep": [], "groups": {}}
    print("threshold | content lost written, rounds | real dev lines lost | latest writers (L-P, S) written: rules -> both"
          + (" | the same, rules at their first run" if first else ""))
    for t in sorted(set(SWEEP) | {threshold}):
        lw, lr, dev = model_losses(ex, scores, t, dev_junk)
        latest = pooled(figures(ex, scores, t, "written"), LATEST)
        row = {"threshold": t, "lost_written": lw, "lost_rounds": lr, "dev_lost": dev, "latest": dict(latest)}
        line = f"{t:.3f} | {lw}, {lr} | {dev} | {fmt(latest)}"
        if first:
            at_first = pooled(first_run_figures(first, t, "written"), FIRST_RUN)
            row["first_runs"] = dict(at_first)
            line += f" | {fmt(at_first)}"
        report["sweep"].append(row)
        print(line)
    for lay in ("written", "rounds"):
        figs = figures(ex, scores, threshold, lay)
        groups = defaultdict(list)
        for name in figs:
            groups[group(name)].append(name)
        print(f"-- {lay} layout, at {threshold} (each group scored by the model trained without it)")
        for g in sorted(groups):
            f = pooled(figs, groups[g])
            report["groups"].setdefault(lay, {})[g] = dict(f)
            print(f"  {g:9s} {fmt(f)}")
            if len(groups[g]) > 1:
                for n in sorted(groups[g]):
                    print(f"    {n:7s} {fmt(figs[n])}")
        latest = pooled(figs, LATEST)
        report.setdefault("latest", {})[lay] = dict(latest)
        print(f"  L-S pooled {fmt(latest)}")
        if first:
            figs = first_run_figures(first, threshold, lay)
            print(f"  with the rules each set met first ({lay}, at {threshold}):")
            for name in sorted(figs):
                report.setdefault("first_runs", {}).setdefault(lay, {})[name] = {"commit": FIRST_RUN[name], **figs[name]}
                print(f"    {name} @{FIRST_RUN[name]}: {fmt(figs[name])}")
            print(f"    pooled {fmt(pooled(figs, FIRST_RUN))}")
    top = sorted(((scores[k], src, ex.text[k]) for k, src in ex.dev), reverse=True)[:100]
    with open(out / "dev_top.tsv", "w", encoding="utf-8") as fh:
        for s, src, text in top:
            fh.write(f"{s:.4f}\t{'junk' if text in dev_junk else ''}\t{src}\t{text}\n")
    (out / "report.json").write_text(json.dumps(report, indent=1), "utf-8")
    if args.no_fit:
        return
    train = [k for k, w in enumerate(ex.weight) if w > 0]
    weights = fit([ex.feats[k] for k in train], [ex.junk[k] for k in train], [ex.weight[k] for k in train],
                  args.C, args.min_count)
    meta = {"C": args.C, "min_count": args.min_count, "content_weight": args.content_weight,
            "dev_weight": args.dev_weight, "dev_short_weight": args.dev_short_weight,
            "sets": sorted(corpus.sets), "dev_texts": len(corpus.dev), "examples": len(train)}
    model = export(weights, threshold, meta)
    with gzip.open(out / "junk_lines.json.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(model, fh, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    print(f"model: {len(model['weights'])} weights -> {out / 'junk_lines.json.gz'}")


if __name__ == "__main__":
    main()
