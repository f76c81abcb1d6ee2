"""Technique spans at the team's genre mix: v1's decoding and decoding chosen for that mix
(slant.train.span_forecast)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("scipy")

from slant.train import cv  # noqa: E402
from slant.train import span_forecast as S  # noqa: E402

DOUBT = cv.TECHNIQUE_NAMES.index("Doubt")
LOADED = cv.TECHNIQUE_NAMES.index("Loaded_Language")


def _logits(n: int, on: dict[int, list[int]], value: float = 2.0) -> np.ndarray:
    z = np.full((n, 23), -5.0, np.float32)
    for j, rows in on.items():
        z[rows, j] = value
    return z


def test_v1_spans_are_raw_token_runs_grown_to_words_and_keep_what_a_reader_cannot_use():
    text = "The United Kingdom of lies"
    # word pieces: The | Uni | ##ted | Kingdom | of | lies
    offsets = np.array([[0, 3], [4, 7], [7, 10], [11, 18], [19, 21], [22, 26]])
    # "Uni" alone above 0.55 grows to "United"; "Kingdom", past the "##ted" under it, is a second
    # span (v1 joined nothing: the "United" and "Kingdom"); "of" alone is kept, though no
    # reader can use it
    z = _logits(6, {LOADED: [1, 3], DOUBT: [4]})
    assert S.v1_spans(text, offsets, z) == [("Loaded_Language", 4, 10), ("Loaded_Language", 11, 18),
                                           ("Doubt", 19, 21)]
    # the threshold is on the raw sigmoid: 0.5 (logit 0) is under v1's 0.55, over a 0.45 one
    z0 = _logits(6, {LOADED: [5]}, value=0.0)
    assert S.v1_spans(text, offsets, z0) == []
    assert S.v1_spans(text, offsets, z0, 0.45) == [("Loaded_Language", 22, 26)]


def test_unusable_counts_per_document():
    texts = {"a": "The United Kingdom of lies", "b": "Total nonsense, of course"}
    pred = [("a", "Loaded_Language", 4, 10), ("a", "Loaded_Language", 19, 21), ("b", "Doubt", 14, 15),
            ("b", "Doubt", 0, 14)]
    assert S.unusable_counts(texts, pred, ["a", "b", "c"]).tolist() == [[1, 2], [1, 2], [0, 0]]


def _span_rows(rows):
    """(articles, 4) span counts: precision credit, predicted, recall credit, gold."""
    return np.array(rows, float)


def test_paired_span_gain_is_zero_for_the_same_spans_and_signed_otherwise():
    genres = np.array([0, 0, 1, 1])
    a = _span_rows([[0, 4, 0, 4], [1, 4, 1, 4], [3, 4, 3, 4], [3, 4, 3, 4]])
    b = _span_rows([[2, 4, 2, 4], [3, 4, 3, 4], [3, 4, 3, 4], [3, 4, 3, 4]])
    assert S.paired_span_gain(a, a, genres, rounds=20) == {"gain": 0.0, "ci": [0.0, 0.0]}
    g = S.paired_span_gain(a, b, genres, rounds=50)
    assert g["gain"] > 0 and g["ci"][0] > 0
    # the gain is all on reporting articles, so it grows as the mix leans to reporting
    assert S.paired_span_gain(a, b, genres, (9, 1, 0), rounds=20)["gain"] > S.paired_span_gain(
        a, b, genres, (1, 9, 0), rounds=20)["gain"]


def test_choice_breaks_near_ties_toward_the_higher_threshold_and_follows_the_weights():
    settings = [{"threshold": 0.1}, {"threshold": 0.15}, {"threshold": 0.2}]
    # articles 0-1 reporting, 2-3 opinion; setting 0 suits opinion, setting 2 reporting
    counts = np.array([
        [[0, 10, 0, 4], [0, 10, 0, 4], [8, 10, 8, 10], [8, 10, 8, 10]],
        [[0, 10, 0, 4], [0, 10, 0, 4], [7.95, 10, 7.95, 10], [7.95, 10, 7.95, 10]],
        [[3, 4, 3, 4], [3, 4, 3, 4], [2, 4, 2, 10], [2, 4, 2, 10]],
    ])
    pooled = np.ones(4)
    f1 = [S._weighted_f1(counts[s], pooled) for s in range(3)]
    assert f1[0] > f1[1] > f1[0] - 0.005 and f1[2] < f1[0] - 0.005
    assert S._choose(counts, settings, pooled) == 1  # within 0.005 of the best: the higher threshold
    reporting_heavy = np.array([5.0, 5.0, 1.0, 1.0])
    assert S._choose(counts, settings, reporting_heavy) == 2
    # held-out articles weigh nothing: the choice reads the training articles only
    assert S._choose(counts, settings, np.array([0.0, 0.0, 1.0, 1.0])) == 1


def test_floor_choice_breaks_near_ties_toward_the_higher_floor():
    w = np.ones(1)
    best = _span_rows([[5, 10, 5, 10]])
    near = _span_rows([[4.99, 10, 4.99, 10]])
    worse = _span_rows([[3, 10, 3, 10]])
    rows = [worse, best, near, worse, worse, worse, worse]
    assert cv.PAR_FLOORS[S._choose_floor(rows, w)] == cv.PAR_FLOORS[2]
