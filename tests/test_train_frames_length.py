"""slant.train.frames_length: frames of texts cut to their title and first words, scored out of fold."""

from __future__ import annotations

import numpy as np

from slant.train.frames_length import scores


def test_scores_count_micro_f1_selection_and_reliability_by_hand():
    """Two articles, three frames, thresholds 0.5: article 1 selects frames 0 and 1 (gold 0), article 2
    selects frame 2 (gold 1 and 2): 2 right of 3 selected, 2 of 3 gold, micro F1 2/3."""
    p = np.array([[0.9, 0.6, 0.1], [0.2, 0.4, 0.8]])
    y = np.array([[1, 0, 0], [0, 1, 1]])
    r = scores(p, y, np.full(3, 0.5))
    assert r["micro_f1"] == round(2 / 3, 3) and r["precision"] == round(2 / 3, 3) and r["recall"] == round(2 / 3, 3)
    assert r["selected_per_article"] == 1.5 and r["none_selected"] == 0 and r["gold_per_article"] == 1.5
    rel = {tuple(b["bin"]): (b["n"], b["observed"]) for b in r["reliability"]}
    assert rel[(0.3, 0.5)] == (1, 1.0) and rel[(0.5, 0.7)] == (1, 0.0) and rel[(0.7, 0.9)] == (1, 1.0)
    assert rel[(0.9, 1.0)] == (1, 1.0)
