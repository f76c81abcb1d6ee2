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
