"""Scores with the shared task's definitions, and threshold tuning that does not overfit.

* paragraph techniques: micro and macro F1 over all 23 techniques, over every gold paragraph
  (scorer-subtask-3.py: sklearn ``f1_score`` on a MultiLabelBinarizer fitted on the full list,
  so techniques absent from both gold and prediction count 0 in the macro average);
* frames: micro F1 over the 14 frames (scorer-subtask-2.py);
* genre: macro F1 over the three genres (scorer-subtask-1.py);
* spans: SemEval-2020 Task 11 style partial-overlap F1 (a predicted span earns the fraction of
  its length that overlaps gold spans of the same technique, and vice versa for recall).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Sequence

import numpy as np

from slant.evaluate import merge_intervals

#: Shrinkage strength of per-label thresholds toward the shared one, in validation positives:
#: a label with 20 positives in validation moves halfway to its own best threshold. With a
#: handful of positives a per-label optimum is mostly noise (see the data README's caveat).
THRESHOLD_PRIOR_COUNT = 20.0
#: Candidate thresholds: a coarse grid, because finer grids only fit noise on ~1,400 paragraphs.
THRESHOLD_GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)


def f1_from_counts(tp: float, fp: float, fn: float) -> float:
    denom = 2 * tp + fp + fn
    return 0.0 if denom == 0 else 2 * tp / denom


def multilabel_f1(gold: np.ndarray, pred: np.ndarray) -> dict[str, float | list[float]]:
    """Micro F1, macro F1 (over all columns) and per-label F1 of 0/1 matrices."""
    gold = gold.astype(bool)
    pred = pred.astype(bool)
    tp = (gold & pred).sum(0).astype(float)
    fp = (~gold & pred).sum(0).astype(float)
    fn = (gold & ~pred).sum(0).astype(float)
    per_label = [f1_from_counts(a, b, c) for a, b, c in zip(tp, fp, fn)]
    return {"micro_f1": f1_from_counts(tp.sum(), fp.sum(), fn.sum()),
            "macro_f1": float(np.mean(per_label)) if per_label else 0.0,
            "per_label_f1": per_label,
            "support": gold.sum(0).astype(int).tolist()}


def macro_f1_single(gold: Sequence[int], pred: Sequence[int], n_classes: int) -> float:
    """Macro F1 for single-label classes, averaged over the classes present in gold or prediction
    (sklearn's default ``labels=None`` behaviour, as the official genre scorer uses it)."""
    gold, pred = np.asarray(gold), np.asarray(pred)
    scores = []
    for c in range(n_classes):
        if not ((gold == c).any() or (pred == c).any()):
            continue
        tp = float(((gold == c) & (pred == c)).sum())
        fp = float(((gold != c) & (pred == c)).sum())
        fn = float(((gold == c) & (pred != c)).sum())
        scores.append(f1_from_counts(tp, fp, fn))
    return float(np.mean(scores)) if scores else 0.0


def tune_thresholds(gold: np.ndarray, probs: np.ndarray, prior_count: float = THRESHOLD_PRIOR_COUNT) -> tuple[float, np.ndarray]:
    """A shared threshold maximising micro F1, and per-label thresholds shrunk toward it.

    Each label's own best threshold (by its F1) is averaged with the shared one, weighted by the
    label's number of positives against ``prior_count``; labels without positives keep the shared one.
    """
    gold = gold.astype(bool)
    best_global, best_f1 = 0.5, -1.0
    for t in THRESHOLD_GRID:
        f1 = multilabel_f1(gold, probs >= t)["micro_f1"]
        if f1 > best_f1 + 1e-9:
            best_global, best_f1 = float(t), f1
    per_label = np.full(gold.shape[1], best_global, dtype=np.float64)
    for j in range(gold.shape[1]):
        n_pos = int(gold[:, j].sum())
        if n_pos == 0:
            continue
        scores = [f1_from_counts(*_counts(gold[:, j], probs[:, j] >= t)) for t in THRESHOLD_GRID]
        best = int(np.argmax(scores))
        # Prefer the middle of a plateau of equally good thresholds, not its lowest edge.
        ties = [i for i, s in enumerate(scores) if s >= scores[best] - 1e-9]
        own = float(THRESHOLD_GRID[ties[len(ties) // 2]])
        weight = n_pos / (n_pos + prior_count)
        per_label[j] = weight * own + (1 - weight) * best_global
    return best_global, per_label


def _counts(gold: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    return float((gold & pred).sum()), float((~gold & pred).sum()), float((gold & ~pred).sum())


def span_f1(gold: Iterable[tuple[str, str, int, int]], pred: Iterable[tuple[str, str, int, int]],
            labels: Sequence[str]) -> dict[str, object]:
    """SemEval-2020 Task 11 style partial-overlap span F1, micro over all spans and per technique.

    Spans are ``(doc_id, technique, start, end)``. Overlapping gold spans of one technique are
    merged first, so a predicted character is never credited twice.
    """
    gold_by = defaultdict(list)
    pred_by = defaultdict(list)
    for d, t, s, e in gold:
        if e > s:
            gold_by[(d, t)].append((s, e))
    for d, t, s, e in pred:
        if e > s:
            pred_by[(d, t)].append((s, e))
    per: dict[str, dict[str, float]] = {t: {"p_num": 0.0, "p_den": 0, "r_num": 0.0, "r_den": 0} for t in labels}
    for key in set(gold_by) | set(pred_by):
        _, t = key
        if t not in per:
            continue
        g = merge_intervals(gold_by.get(key, []))
        p = merge_intervals(pred_by.get(key, []))
        for s, e in p:
            per[t]["p_num"] += sum(max(0, min(e, ge) - max(s, gs)) for gs, ge in g) / (e - s)
        for s, e in g:
            per[t]["r_num"] += sum(max(0, min(e, pe) - max(s, ps)) for ps, pe in p) / (e - s)
        per[t]["p_den"] += len(p)
        per[t]["r_den"] += len(g)
    out_per = {}
    for t, c in per.items():
        prec = c["p_num"] / c["p_den"] if c["p_den"] else 0.0
        rec = c["r_num"] / c["r_den"] if c["r_den"] else 0.0
        out_per[t] = {"precision": prec, "recall": rec, "f1": 0.0 if prec + rec == 0 else 2 * prec * rec / (prec + rec),
                      "gold": c["r_den"], "pred": c["p_den"]}
    p_num = sum(c["p_num"] for c in per.values())
    p_den = sum(c["p_den"] for c in per.values())
    r_num = sum(c["r_num"] for c in per.values())
    r_den = sum(c["r_den"] for c in per.values())
    prec = p_num / p_den if p_den else 0.0
    rec = r_num / r_den if r_den else 0.0
    return {"micro_f1": 0.0 if prec + rec == 0 else 2 * prec * rec / (prec + rec),
            "precision": prec, "recall": rec, "per_label": out_per}

