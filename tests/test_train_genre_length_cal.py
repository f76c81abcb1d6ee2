"""slant.train.genre_length_cal: the length correction's candidates and the choice among them."""

from __future__ import annotations

import numpy as np

from slant.models.heads import softmax
from slant.train.genre_length_cal import CANDIDATES, choose, logits, stretch


def test_every_candidate_leaves_texts_from_its_pivot_unchanged_and_power_keeps_the_argmax():
    rng = np.random.default_rng(1)
    u, b = rng.normal(size=(6, 3)) * 2, np.tile([0.7, -1.8, 0.0], (6, 1))
    words = np.array([20, 80, 140, 199, 200, 900], float)
    for form, pivot in CANDIDATES:
        n = {"none": 0, "power": 1, "temp": 1, "temp+bias": 3, "bands": 21}[form]
        theta = np.full(n, 0.4)
        z = logits(u, b, words, form, pivot, theta)
        long = words >= pivot
        assert np.allclose(softmax(z[long]), softmax(u[long] + b[long]))
    z = logits(u, b, words, "power", 200, np.array([0.6]))
    assert (z.argmax(1) == (u + b).argmax(1)).all()
    s = np.exp(-0.6 * stretch(words, 200))
    assert np.allclose(softmax(z), softmax(s * (u + b)))  # power = the calibrated logits times s


def test_choice_keeps_only_candidates_no_worse_on_whole_texts():
    """The lowest short-text log loss wins only among candidates whose whole-text ECE, macro F1 and
    forecast are no worse than the uncorrected head's."""
    base = {"criterion": 0.70, "ece": 0.019, "macro_f1": 0.63, "forecast": 0.649}
    scores = {c: dict(base) for c in CANDIDATES}
    scores[("temp+bias", 1000)].update(criterion=0.60, macro_f1=0.61)  # best on short texts, worse whole
    scores[("bands", 500)].update(criterion=0.61, ece=0.025)
    scores[("power", 200)].update(criterion=0.62, ece=0.018)
    scores[("power", 300)].update(criterion=0.615, forecast=0.640)
    assert choose(scores) == ("power", 200)
    scores[("power", 200)]["forecast"] = float("nan")  # a pool with no texts rules nothing out
    assert choose(scores) == ("power", 200)
    only_base = {c: dict(base, criterion=0.7 + 0.01 * (c != ("none", 1))) for c in CANDIDATES}
    assert choose(only_base) == ("none", 1)


def _rows(words, version, y):
    """A stand-in for genre_length_cal.Rows with the fields populations() reads: each row its own text."""
    from types import SimpleNamespace

    from slant.train.genre_length_cal import WEIGHT_BANDS

    words, y = np.asarray(words, float), np.asarray(y)
    return SimpleNamespace(words=words, version=np.asarray(version), y=y, text=np.arange(len(y)),
                           group=np.array(["g%d" % (i % 3) for i in range(len(y))]),
                           source=np.array(["conll"] * len(y)), band=np.digitize(words, WEIGHT_BANDS[1:-1]))


def test_population_weights_give_each_kind_of_short_text_its_share_and_the_mix_within_it():
    """Whole texts (short by nature) and cut texts: within each, every length band gets the 65/10/25 mix;
    pooled, the whole texts weigh natural_share however few they are."""
    from slant.train.genre_length_cal import population_weights

    data = _rows(words=[80, 80, 80, 120, 90, 90, 90, 90], version=[0, 0, 0, 0, 75, 75, 75, 75], y=[0, 0, 2, 0, 0, 1, 2, 2])
    idx = np.arange(8)
    w = population_weights(data, idx, 0.5)
    assert np.isclose(w.sum(), 1) and np.isclose(w[:4].sum(), 0.5) and np.isclose(w[4:].sum(), 0.5)
    # the cut band 75-99 holds all three genres: 0.65 / 0.1 / 0.25 of its weight
    assert np.allclose([w[4], w[5], w[6] + w[7]], np.array([0.65, 0.1, 0.25]) * 0.5)
    # whole texts, band 75-99: reports and satire only, in the mix's proportion 65:25; band 100-149 reports only
    assert np.isclose((w[0] + w[1]) / w[2], 0.65 / 0.25)
    w = population_weights(data, idx)  # no share: each population weighs its rows' share
    assert np.isclose(w[:4].sum(), 0.5)
    w = population_weights(data, np.arange(5), 0.5)
    assert np.isclose(w[4], 0.5)


def test_populations_scores_both_kinds_apart_and_counts_reports_named():
    """The report's cells: whole and cut short texts apart and pooled, and the share of reports whose
    reporting probability reaches 0.5, before and after a correction that softens every row."""
    from slant.train.genre_length_cal import length_tempered
    from slant.train.genre_length_cal import populations

    rng = np.random.default_rng(3)
    n = 60
    y = np.r_[np.zeros(40, int), np.ones(8, int), np.full(12, 2)]
    data = _rows(words=rng.integers(75, 200, n), version=np.where(np.arange(n) % 2, 0, 100), y=y)
    before = np.tile([0.6, 0.15, 0.25], (n, 1))
    before[::3] = [0.9, 0.05, 0.05]
    after = length_tempered(before, data.words, 200, 2.0)
    rep = populations(data, before, after, rounds=20)
    assert {"natural 75-199", "cut 75-199", "pooled, natural 0.5"} <= set(rep)
    nat, cut = rep["natural 75-199"], rep["cut 75-199"]
    assert nat["rows"] + cut["rows"] == n == rep["pooled, natural 0.5"]["rows"]
    assert nat["before"]["reports_named"][0] == 1.0  # every report at 0.6 or 0.9 before
    reports = np.flatnonzero((y == 0) & (data.version == 0))
    assert np.isclose(nat["after"]["reports_named"][0], (after[reports, 0] >= 0.5).mean())
    assert nat["after"]["reports_named"][0] < 1.0
    assert nat["change"]["accuracy"][0] == 0.0  # a power never changes the most probable genre


def test_length_tempered_is_a_power_of_the_probabilities_below_the_pivot():
    """p ** s / sum(p ** s) with s = exp(-slope * ln(pivot / words)) under ``pivot`` words, the
    probabilities unchanged from it on, the most probable genre never changed; one row or many."""
    from slant.train.genre_length_cal import length_tempered

    p = np.array([0.8, 0.05, 0.15])
    assert np.allclose(length_tempered(p, 200, 200, 0.5), p)
    assert np.allclose(length_tempered(p, 5000, 200, 0.5), p)
    s = np.exp(-0.5 * np.log(200 / 100))
    q = length_tempered(p, 100, 200, 0.5)
    assert np.allclose(q, p ** s / (p ** s).sum()) and q.argmax() == 0 and q[0] < p[0]
    rows = length_tempered(np.stack([p, p[::-1]]), np.array([100, 300]), 200, 0.5)
    assert np.allclose(rows, [q, p[::-1]])
    assert np.allclose(length_tempered(p, 0, 200, 0.5).sum(), 1)  # no words: counted as one
