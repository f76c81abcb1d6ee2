"""Intervals and calibration tables shared by the training reports.

* :func:`bootstrap` — a statistic recomputed on resampled units (articles, texts, debate blocks),
  with 95% percentile intervals: every report's "(lo-hi)" comes from here;
* :func:`block_rows` — the rows of the units a resample picked, for units made of several rows;
* :func:`reliability` — equal-width probability bins (mean predicted vs observed rate) and the
  expected calibration error over them.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

#: The seed every report resamples with, so that a rerun gives the same intervals.
SEED = 13


def bootstrap(statistic: Callable[[np.ndarray], object], units: int, rounds: int = 1000,
              seed: int = SEED, *, skip_nan: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """95% percentile interval of ``statistic(picked)``, where ``picked`` is ``units`` indices drawn
    with replacement from ``range(units)`` (one draw of the generator per round). A statistic may
    return one number or a vector; the bounds have its shape.

    ``skip_nan``: a value that is NaN in a round (a class's recall where the resample holds none of
    the class) is left out of that value's interval instead of making it NaN."""
    rng = np.random.default_rng(seed)
    samples = np.array([statistic(rng.integers(0, units, units)) for _ in range(rounds)])
    lo, hi = (np.nanpercentile if skip_nan else np.percentile)(samples, [2.5, 97.5], axis=0)
    return lo, hi


def block_rows(blocks: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """``picked -> row indices``: rows grouped by their block (sorted block names), so that
    :func:`bootstrap` over ``len(np.unique(blocks))`` units resamples whole blocks."""
    members = [np.flatnonzero(blocks == name) for name in np.unique(blocks)]
    return lambda picked: np.concatenate([members[i] for i in picked])


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10,
                weights: np.ndarray | None = None) -> tuple[list[dict], float]:
    """Reliability rows ``{"bin", "n", "mean_p", "observed"}`` over equal-width bins (a bin holds
    ``lo <= p < hi``, the last one also ``p == 1``; empty bins are left out) and the expected
    calibration error (share-weighted gap between mean probability and observed rate), unrounded.

    ``weights`` (one per probability) makes the means and shares weighted: a sample re-weighted to
    another class mix (the genre report's assumed prior). ``n`` stays the count of probabilities."""
    p, y = np.asarray(p).ravel(), np.asarray(y).ravel().astype(float)
    w = None if weights is None else np.asarray(weights, dtype=float).ravel()
    edges = np.linspace(0, 1, bins + 1)
    rows: list[dict] = []
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if not m.any():
            continue
        if w is None:
            conf, acc, share = float(p[m].mean()), float(y[m].mean()), m.sum() / len(p)
        else:
            conf, acc = float(np.average(p[m], weights=w[m])), float(np.average(y[m], weights=w[m]))
            share = w[m].sum() / w.sum()
        ece += share * abs(conf - acc)
        rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(m.sum()), "mean_p": conf, "observed": acc})
    return rows, float(ece)


def rounded(rows: Sequence[dict], digits: int = 3) -> list[dict]:
    """Reliability rows with their mean and observed rate rounded for a report."""
    return [{**r, "mean_p": round(r["mean_p"], digits), "observed": round(r["observed"], digits)} for r in rows]
