"""Rare, sentence-level techniques (tu quoque, red herring, straw man, ...): can anything cheap find them?

``python -m slant.train.rare CACHE OUT [--oof RUN/oof.npz --unseen RUN/unseen_ids.json]`` reads the
cached encoder states of :mod:`slant.train.cv_cache` (``CACHE/shipped.npz`` and its ``.texts.json`` /
``.spans.json``; ``CACHE/minilm.npz`` too, if present: plain all-MiniLM-L6-v2 states of the same
tokens), cuts every text into sentences, and scores, out of fold under the paragraph heads' article
folds (:func:`slant.train.cv.article_folds`), one target per rare technique plus the **tu-quoque
family** (Whataboutism or Appeal to hypocrisy) with:

* ``tfidf``: logistic regression on the sentence's word 1-2 grams;
* ``shipped``: logistic regression on the sentence's pooled shipped-encoder states and max token logits;
* ``minilm``: logistic regression on the plain MiniLM sentence embedding (mean, unit length: the
  sentence-similarity space the encoder was trained for);
* ``knn``: similarity to the 3 nearest positive against the 3 nearest negative training sentences in
  that space.

A paragraph's score is its best sentence's; the SemEval-2021 texts are always in training, never
scored. **Duplicates:** about a tenth of the articles' sentences occur verbatim in an article of
another fold (the release holds near-copies of some articles), so each fold's training drops every
sentence whose text occurs in the fold it predicts; without that, a bag of words "finds" tu quoque
by remembering the copies. Figures per target: average precision, precision of the top-k paragraphs
(k = gold), the highest cross-fitted Platt probability and how many paragraphs reach 0.5 / 0.3 / 0.2
and how many of them are right; the same for paragraphs with no sentence copied across folds, and
for the shipped paragraph head's out-of-fold logits (``--oof``) as the baseline.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from slant.analyze.taxonomy import TECHNIQUE_NAMES
from slant.train.cv import article_folds, load_cache, platt_fit, sigmoid

#: Targets scored: the family first (the bundled example's paragraph is a tu quoque), then the
#: techniques the paragraph head never predicts out of fold.
TARGETS: dict[str, tuple[str, ...]] = {
    "tu quoque (Whataboutism or Appeal to hypocrisy)": ("Whataboutism", "Appeal_to_Hypocrisy"),
    "Whataboutism": ("Whataboutism",),
    "Appeal_to_Hypocrisy": ("Appeal_to_Hypocrisy",),
    "Red_Herring": ("Red_Herring",),
    "Straw_Man": ("Straw_Man",),
    "Conversation_Killer": ("Conversation_Killer",),
}
METHODS = ("tfidf", "shipped", "minilm", "knn")
#: Sentence ends: ., ! or ? with any closing quotes/brackets; a paragraph's tail without one counts.
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’')\]]*|$)")
_NORM = re.compile(r"[^a-z0-9]+")
THRESHOLDS = (0.5, 0.3, 0.2)


@dataclass
class Sentences:
    """One row per sentence: its text index, global paragraph index (-1: a 2021 text), characters."""

    rows: np.ndarray  # (n, 4) text, paragraph, start, end
    text: list[str]
    labels: np.ndarray  # (n, 23) uint8
    shipped: np.ndarray  # (n, 768 + 23) pooled states, max token logits
    minilm: np.ndarray | None  # (n, 384) unit-length mean of plain MiniLM states
    fold: np.ndarray  # (n,) the text's fold, -1 for always-training texts

    @property
    def normalised(self) -> np.ndarray:
        return np.array([normalise(t) for t in self.text])


def normalise(text: str) -> str:
    """Lower case, letters and digits only: two copies of a sentence with other quote marks are one."""
    return _NORM.sub(" ", text.lower()).strip()


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]``, trimmed of spaces; pieces under 3 characters dropped."""
    out = []
    for m in _SENTENCE.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 3:
            out.append((s, e))
    return out


def sentence_label(start: int, end: int, gold: list) -> np.ndarray:
    """Techniques of a sentence: a gold span covering at least half of it, or half of which lies in it."""
    y = np.zeros(len(TECHNIQUE_NAMES), np.uint8)
    for technique, gs, ge in gold:
        overlap = min(end, ge) - max(start, gs)
        if overlap > 0 and (overlap >= 0.5 * (end - start) or overlap >= 0.5 * (ge - gs)):
            y[TECHNIQUE_NAMES.index(technique)] = 1
    return y


def build_sentences(cache_dir: Path) -> tuple[Sentences, object]:
    c = load_cache(cache_dir / "shipped.npz")
    texts = json.loads((cache_dir / "shipped.texts.json").read_text())
    spans = json.loads((cache_dir / "shipped.spans.json").read_text())
    minilm_path = cache_dir / "minilm.npz"
    mini = None
    if minilm_path.is_file():
        with np.load(minilm_path) as d:
            if len(d["states"]) == len(c.states) and (d["offsets"] == c.offsets).all():
                mini = d["states"]
    fold = article_folds(c.ids, c.source, 5)
    rows, text, labels, shipped, minilm = [], [], [], [], []
    for i in range(len(c.ids)):
        doc = str(c.ids[i])
        full = texts[doc]
        sl = c.tokens(i)
        off = c.offsets[sl]
        if c.par_counts[i]:
            pars = [(int(off[a][0]), int(off[b - 1][1]), g) for (a, b), g in
                    zip(c.par_ranges[c.pars(i)], range(c.pars(i).start, c.pars(i).stop)) if b > a]
        else:
            pars = [(0, len(full), -1)]
        for ps, pe, g in pars:
            for s, e in sentence_bounds(full, ps, pe):
                sel = (off[:, 0] >= s) & (off[:, 1] <= e) & (off[:, 1] > off[:, 0])
                if not sel.any():
                    continue
                x = c.states[sl][sel].astype(np.float32)
                shipped.append(np.concatenate([x.mean(0), x.max(0), c.token_logits[sl][sel].max(0)]))
                if mini is not None:
                    m = mini[sl][sel].astype(np.float32).mean(0)
                    minilm.append(m / (np.linalg.norm(m) + 1e-9))
                rows.append((i, g, s, e))
                text.append(full[s:e])
                labels.append(sentence_label(s, e, spans[doc]))
    rows = np.array(rows)
    table = Sentences(rows, text, np.stack(labels), np.stack(shipped).astype(np.float32),
                      np.stack(minilm).astype(np.float32) if minilm else None, fold[rows[:, 0]])
    return table, c


def training_mask(normalised: np.ndarray, fold: np.ndarray, k: int) -> np.ndarray:
    """Fold ``k``'s training sentences: the other folds and the extra texts, less every sentence whose
    text also occurs in fold ``k`` (copies of one article under two ids)."""
    held = set(normalised[fold == k])
    return (fold != k) & ~np.isin(normalised, list(held))


def fit_predict(method: str, table: Sentences, y: np.ndarray, tr: np.ndarray, new: dict) -> np.ndarray:
    """Train ``method`` on the rows ``tr`` of ``table`` and return logits for ``new`` (``text``,
    ``shipped`` and ``minilm`` features of the sentences to score)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    if method == "knn":
        pos, neg = table.minilm[tr & y], table.minilm[tr & ~y][::3]
        sims_p = np.sort(new["minilm"] @ pos.T, axis=1)[:, -3:].mean(1)
        sims_n = np.sort(new["minilm"] @ neg.T, axis=1)[:, -3:].mean(1)
        return 20 * (sims_p - sims_n)
    if method == "tfidf":
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        x_tr = vec.fit_transform([table.text[i] for i in np.flatnonzero(tr)])
        x_new = vec.transform(new["text"])
        strength = 1.0
    else:
        x = table.shipped if method == "shipped" else table.minilm
        scale = StandardScaler().fit(x[tr])
        x_tr, x_new = scale.transform(x[tr]), scale.transform(new[method])
        strength = 0.01
    model = LogisticRegression(C=strength, class_weight="balanced", max_iter=300)
    model.fit(x_tr, y[tr])
    return model.decision_function(x_new)


def target_labels(table: Sentences, target: tuple[str, ...]) -> np.ndarray:
    return table.labels[:, [TECHNIQUE_NAMES.index(t) for t in target]].max(1).astype(bool)


def oof_scores(table: Sentences, method: str, target: tuple[str, ...], k: int = 5) -> np.ndarray:
    """Out-of-fold sentence logits of one method for one target."""
    y = target_labels(table, target)
    norm = table.normalised
    z = np.zeros(len(y))
    for f in range(k):
        tr, va = training_mask(norm, table.fold, f), table.fold == f
        rows = np.flatnonzero(va)
        new = {"text": [table.text[i] for i in rows], "shipped": table.shipped[va],
               "minilm": None if table.minilm is None else table.minilm[va]}
        z[va] = fit_predict(method, table, y, tr, new)
    return z


def example_sentences(path: Path) -> dict:
    """The sentences of an article as Slant reads it, with the shipped encoder's features."""
    import slant
    from slant.models.onnx_model import get_model

    doc = slant.analyze(Path(path))
    pars = [(p.start, p.end) for p in doc.paragraphs] or [(0, len(doc.text))]
    pred = get_model().predict([doc.text], [pars], keep_states=True)[0]
    logits = np.log(np.clip(pred.token_probs.astype(np.float64), 1e-30, 1 - 1e-7) / (1 - np.clip(pred.token_probs.astype(np.float64), 1e-30, 1 - 1e-7)))
    tok = get_model().calibration.get("tokens")
    if tok is not None:  # back to the raw token logits the cache holds
        logits = (logits - tok[:, 1]) / tok[:, 0]
    rows, text, feats = [], [], []
    for n, (ps, pe) in enumerate(pars):
        for s, e in sentence_bounds(doc.text, ps, pe):
            sel = (pred.offsets[:, 0] >= s) & (pred.offsets[:, 1] <= e) & (pred.offsets[:, 1] > pred.offsets[:, 0])
            if not sel.any():
                continue
            x = pred.states[sel].astype(np.float32)
            feats.append(np.concatenate([x.mean(0), x.max(0), logits[sel].max(0)]))
            rows.append((n, s, e))
            text.append(doc.text[s:e])
    heads = pred.heads["paragraph_techniques"]
    shipped = {n: {t: round(float(q), 4) for t, q in zip(TECHNIQUE_NAMES, heads[n])} for n in range(len(pars))}
    return {"rows": rows, "text": text, "shipped": np.stack(feats).astype(np.float32), "minilm": None,
            "paragraph_head": shipped, "paragraphs": [doc.text[s:e][:90] for s, e in pars]}


def paragraph_max(table: Sentences, z: np.ndarray, n_paragraphs: int) -> np.ndarray:
    """A paragraph's score is its best sentence's."""
    out = np.full(n_paragraphs, -30.0)
    m = table.rows[:, 1] >= 0
    np.maximum.at(out, table.rows[m, 1], z[m])
    return out


def copied_paragraphs(table: Sentences, n_paragraphs: int, min_words: int = 5) -> np.ndarray:
    """Paragraphs holding a sentence (``min_words`` words or more) whose text occurs in another fold."""
    norm = table.normalised
    folds_of = collections.defaultdict(set)
    for i in np.flatnonzero(table.fold >= 0):
        if len(norm[i].split()) >= min_words:
            folds_of[norm[i]].add(int(table.fold[i]))
    copied = np.array([len(folds_of.get(t, ())) > 1 for t in norm])
    out = np.zeros(n_paragraphs, bool)
    m = table.rows[:, 1] >= 0
    np.logical_or.at(out, table.rows[m, 1], copied[m])
    return out


def score_target(z: np.ndarray, gold: np.ndarray, fold: np.ndarray) -> dict:
    """Ranking and calibrated-threshold figures of paragraph scores ``z`` against ``gold``."""
    from sklearn.metrics import average_precision_score

    p = np.zeros(len(z))
    for f in np.unique(fold):
        a, b = platt_fit(z[fold != f], gold[fold != f])
        p[fold == f] = sigmoid(a * z[fold == f] + b)
    k = int(gold.sum())
    order = np.argsort(-z)
    out = {"gold": k, "average_precision": round(float(average_precision_score(gold, z)), 4) if k else None,
           "precision_at_gold": round(float(gold[order[:k]].mean()), 3) if k else None,
           "precision_at_10": round(float(gold[order[:10]].mean()), 3),
           "max_probability": round(float(p.max()), 3)}
    for t in THRESHOLDS:
        out[f"at_{t}"] = [int((p >= t).sum()), int(gold[p >= t].sum())]
    return out


def run(cache_dir: Path, oof: Path | None, unseen: Path | None, methods=METHODS, example: Path | None = None,
        log=print) -> dict:
    t0 = time.time()
    table, c = build_sentences(cache_dir)
    if table.minilm is None:
        methods = [m for m in methods if m not in ("minilm", "knn")]
    n_par = len(c.par_labels)
    par_text = np.repeat(np.arange(len(c.ids)), c.par_counts)
    par_fold = article_folds(c.ids, c.source, 5)[par_text]
    scored = par_fold >= 0
    copied = copied_paragraphs(table, n_par)
    unseen_ids = set(json.loads(unseen.read_text())) if unseen else set()
    is_unseen = np.array([str(c.ids[t]) in unseen_ids for t in par_text])
    log(f"{len(table.text)} sentences, {int(copied[scored].sum())} of {int(scored.sum())} paragraphs hold a "
        f"sentence copied in another fold ({time.time() - t0:.0f} s)")
    report = {"sentences": len(table.text), "paragraphs": int(scored.sum()),
              "copied_paragraphs": int(copied[scored].sum()), "targets": {}}
    baseline = np.load(oof)["par_logits"] if oof else None
    new = example_sentences(example) if example else None
    if new is not None:  # what the shipped paragraph head gives each paragraph (calibrated)
        report["example"] = {"paragraphs": new["paragraphs"], "shipped paragraph head": new["paragraph_head"]}
    for name, target in TARGETS.items():
        cols = [TECHNIQUE_NAMES.index(t) for t in target]
        gold = c.par_labels[:, cols].max(1).astype(bool)
        ys = table.labels[:, cols].max(1).astype(bool)
        entry = {"positive_sentences": [int(ys[table.fold >= 0].sum()), int(ys[table.fold < 0].sum())]}
        candidates = {} if baseline is None else {"paragraph head (shipped recipe)": baseline[:, cols].max(1)}
        for method in methods:
            candidates[method] = paragraph_max(table, oof_scores(table, method, target), n_par)
        for label, zp in candidates.items():
            row = {"all": score_target(zp[scored], gold[scored], par_fold[scored]),
                   "not copied": score_target(zp[scored & ~copied], gold[scored & ~copied],
                                              par_fold[scored & ~copied])}
            if unseen_ids:
                u = scored & is_unseen
                row["unseen"] = score_target(zp[u], gold[u], par_fold[u])
            entry[label] = row
            log(f"{name} | {label}: {row['not copied']} ({time.time() - t0:.0f} s)")
            if new is not None and label in ("tfidf", "shipped"):
                # trained on every sentence, calibrated by a Platt fit on all out-of-fold paragraph scores
                a, b = platt_fit(zp[scored], gold[scored])
                zn = fit_predict(label, table, ys, np.ones(len(ys), bool), new)
                p = sigmoid(a * zn + b)
                top = np.argsort(-p)[:3]
                report["example"].setdefault(name, {})[label] = [
                    {"paragraph": new["rows"][i][0], "sentence": new["text"][i][:90], "probability": round(float(p[i]), 4),
                     "share_of_oof_paragraphs_above": round(float((zp[scored] > zn[i]).mean()), 4)}
                    for i in top]
                best = {}
                for (par, _, _), q in zip(new["rows"], p):
                    best[par] = max(best.get(par, 0.0), round(float(q), 4))
                report["example"][name][label + " by paragraph"] = best
                log(f"  example, {label}: {report['example'][name][label]}")
        report["targets"][name] = entry
    report["seconds"] = round(time.time() - t0)
    return report


def family_head(cache_dir: Path, oof: Path | None, family: tuple[str, ...] = TARGETS[next(iter(TARGETS))],
                threads: int = 1, log=print) -> dict:
    """The shipped paragraph-head recipe (:func:`slant.train.cv.train_mlp` on
    :func:`slant.train.cv.text_features`, same folds, 20 epochs) with one more output, the family,
    out of fold: the family's ranking from that output, and the 23 techniques' cross-fitted micro F1
    (against ``oof``'s shipped-recipe logits, if given)."""
    import torch
    from sklearn.metrics import average_precision_score

    from slant.train import cv

    torch.set_num_threads(threads)
    c = load_cache(cache_dir / "shipped.npz")
    fold = article_folds(c.ids, c.source, 5)
    x = np.concatenate([cv.text_features(c, i, True, True) for i in range(len(c.ids))])
    y = c.par_labels.astype(np.float32)
    fam = y[:, [TECHNIQUE_NAMES.index(t) for t in family]].max(1, keepdims=True)
    y24 = np.hstack([y, fam])
    pf = np.repeat(fold, c.par_counts)
    z = np.zeros(y24.shape, np.float32)
    t0 = time.time()
    for f in range(5):
        w = cv.train_mlp(x[pf != f], y24[pf != f], epochs=20)
        z[pf == f] = cv.mlp_logits(w, x[pf == f])
        log(f"family head: fold {f + 1}/5, {time.time() - t0:.0f} s")
    s = pf >= 0
    gold = fam[s, 0] > 0

    def micro(logits):
        _, pred = cv.cross_fitted(logits, y[s], pf[s])
        return round(float(2 * (pred & (y[s] > 0)).sum() / (pred.sum() + y[s].sum())), 4)

    cols = [TECHNIQUE_NAMES.index(t) for t in family]
    out = {"family output": score_target(z[s, 23], gold, pf[s]),
           "family from its technique outputs": score_target(z[s][:, cols].max(1), gold, pf[s]),
           "micro_f1_23": micro(z[s, :23]), "seconds": round(time.time() - t0)}
    if oof:
        base = np.load(oof)["par_logits"]
        out["shipped recipe"] = score_target(base[s][:, cols].max(1), gold, pf[s])
        out["shipped recipe micro_f1_23"] = micro(base[s])
    out["average_precision"] = {k: round(float(average_precision_score(gold, v)), 4) for k, v in
                                (("family output", z[s, 23]), ("its technique outputs", z[s][:, cols].max(1)))}
    return out


def markdown(report: dict) -> str:
    lines = ["| target (gold paragraphs, not copied) | method | AP | precision of top k (k = gold) | precision of top 10 "
             "| highest probability | paragraphs >= 0.5 / right | >= 0.3 / right |", "|---|---|---|---|---|---|---|---|"]
    for name, entry in report["targets"].items():
        for label, row in entry.items():
            if label == "positive_sentences":
                continue
            r = row["not copied"]
            lines.append(f"| {name} ({r['gold']}) | {label} | {r['average_precision']} | {r['precision_at_gold']} | "
                         f"{r['precision_at_10']} | {r['max_probability']} | {r['at_0.5'][0]} / {r['at_0.5'][1]} | "
                         f"{r['at_0.3'][0]} / {r['at_0.3'][1]} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cache", help="folder of slant.train.cv_cache's shipped.npz (and minilm.npz)")
    ap.add_argument("out", help="folder for rare_report.json and rare_report.md")
    ap.add_argument("--oof", default=None, help="slant.train.cv's oof.npz: the paragraph head as baseline")
    ap.add_argument("--unseen", default=None, help="unseen_ids.json: articles the encoder never saw")
    ap.add_argument("--methods", default=",".join(METHODS))
    ap.add_argument("--family-head", action="store_true",
                    help="also train the paragraph head with a tu-quoque family output, out of fold (about 15 min)")
    ap.add_argument("--example", default=None, help="an article: its sentences' scores from heads trained on all data")
    args = ap.parse_args(argv)
    report = run(Path(args.cache), Path(args.oof) if args.oof else None, Path(args.unseen) if args.unseen else None,
                 methods=args.methods.split(","), example=Path(args.example) if args.example else None)
    if args.family_head:
        report["family_head"] = family_head(Path(args.cache), Path(args.oof) if args.oof else None)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "rare_report.json").write_text(json.dumps(report, indent=1))
    (out / "rare_report.md").write_text(markdown(report) + "\n")
    print(markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
