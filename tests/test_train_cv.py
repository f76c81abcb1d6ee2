"""Cross-validation helpers: folds by article, Platt calibration, the no-flood decision rule,
bootstrap intervals; and the genre corpora's text normalisation."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from slant.train import cv  # noqa: E402
from slant.train.genre_data import detokenise  # noqa: E402


def test_cv_folds_are_by_article_and_extra_texts_never_scored():
    ids = np.array([f"a{i}" for i in range(10)] + ["2021-1", "2021-2"])
    source = np.array(["semeval2023"] * 10 + ["semeval2021"] * 2)
    fold = cv.article_folds(ids, source, 5)
    assert (fold[-2:] == -1).all()
    assert sorted(np.bincount(fold[:10])) == [2] * 5
    assert (cv.article_folds(ids, source, 5) == fold).all()


def test_cv_platt_recovers_a_known_calibration():
    rng = np.random.default_rng(0)
    z = rng.normal(size=20000) * 2
    y = rng.random(20000) < cv.sigmoid(0.5 * z - 1.0)
    a, b = cv.platt_fit(z, y, prior=0.0)
    assert abs(a - 0.5) < 0.05 and abs(b + 1.0) < 0.08


def test_cv_rule_caps_floods_and_leaves_out_rare_labels():
    rng = np.random.default_rng(1)
    n = 2000
    y = np.zeros((n, 3), bool)
    y[:400, 0] = True  # common
    y[:100, 1] = True  # mid
    y[:5, 2] = True  # rare
    p = np.clip(y * 0.35 + rng.random((n, 3)) * 0.6, 0, 1)
    p[:, 1] = np.clip(p[:, 1] + 0.3, 0, 1)  # label 1 over-scored: would flood at a shared threshold
    rule = cv.choose_rule(p, y, min_positives=20)
    pred = p >= rule["thresholds"]
    assert pred[:, 1].sum() <= 1.5 * y[:, 1].sum()
    assert pred.sum() <= 1.3 * y.sum()
    assert rule["rare"] == [cv.TECHNIQUE_NAMES[2]] and rule["thresholds"][2] >= 0.9


def test_cv_bootstrap_interval_contains_the_point_estimate():
    rng = np.random.default_rng(2)
    y = rng.random((300, 4)) < 0.2
    pred = np.where(rng.random((300, 4)) < 0.8, y, ~y)
    counts = cv.per_article_counts(y, pred, np.repeat(np.arange(30), 10))
    out = cv.bootstrap(counts, n=200)
    assert out["micro_ci"][0] <= out["micro_f1"] <= out["micro_ci"][1]
    assert out["micro_ci"][1] - out["micro_ci"][0] > 0


def test_cv_reliability_of_a_calibrated_predictor_is_small():
    rng = np.random.default_rng(3)
    p = rng.random(50000)
    y = rng.random(50000) < p
    rows, ece = cv.reliability(p, y)
    assert ece < 0.02 and len(rows) == 10
    _, bad = cv.reliability(np.clip(p + 0.3, 0, 1), y)
    assert bad > 0.2


def test_cv_heads_train_and_predict_shapes():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(200, 8)).astype(np.float32)
    y = (x[:, :2] > 0).astype(np.float32)
    w = cv.train_mlp(x, y, epochs=60, hidden=16, smoothing=0.0, lr=1e-2, batch=32)
    z = cv.mlp_logits(w, x)
    assert z.shape == (200, 2)
    assert ((z > 0) == (y > 0)).mean() > 0.85


def test_cv_head_sample_weights_move_the_fit_toward_the_heavier_rows():
    # the same inputs labelled both ways: the unweighted head sits near 0.5, the weighted one leans to
    # the label of the rows weighted up (importance weights toward another genre mix, issue 12)
    rng = np.random.default_rng(5)
    x = rng.normal(size=(100, 4)).astype(np.float32)
    xx = np.concatenate([x, x])
    yy = np.concatenate([np.ones((100, 1)), np.zeros((100, 1))]).astype(np.float32)
    kw = dict(epochs=40, hidden=8, smoothing=0.0, lr=1e-2, batch=32, dropout=0.0)
    even = cv.sigmoid(cv.mlp_logits(cv.train_mlp(xx, yy, **kw), x)).mean()
    ones = np.concatenate([np.full(100, 4.0), np.ones(100)])
    up = cv.sigmoid(cv.mlp_logits(cv.train_mlp(xx, yy, sample_weight=ones, **kw), x)).mean()
    assert abs(even - 0.5) < 0.1
    assert up > 0.7
    same = cv.train_mlp(xx, yy, sample_weight=np.full(200, 3.0), **kw)
    assert np.allclose(same["w1"], cv.train_mlp(xx, yy, **kw)["w1"], atol=1e-5)


def test_genre_detokenise_rejoins_conll_tokens():
    toks = ["The", "EU", "'s", "plan", ",", "he", "said", ",", "is", '"', "bad", '"', "(", "really", ")", "."]
    assert detokenise(toks) == "The EU's plan, he said, is “bad” (really)."


def test_cv_span_counts_sum_to_the_micro_span_f1_and_bootstrap_brackets_it():
    from slant.train.metrics import span_f1

    gold = [("a", "Doubt", 0, 10), ("a", "Loaded_Language", 20, 25), ("b", "Doubt", 0, 8)]
    pred = [("a", "Doubt", 5, 10), ("a", "Slogans", 30, 35), ("b", "Doubt", 0, 4), ("b", "Doubt", 10, 14)]
    counts = cv.span_counts(gold, pred, ["a", "b"])
    f, p, r = cv.span_scores(counts)
    whole = span_f1(gold, pred, cv.TECHNIQUE_NAMES)
    assert abs(f - whole["micro_f1"]) < 1e-9 and abs(p - whole["precision"]) < 1e-9
    boot = cv.span_bootstrap(counts, n=200)
    assert boot["f1_ci"][0] <= boot["f1"] <= boot["f1_ci"][1]


def test_cv_gold_span_shapes_measure_sentence_share():
    texts = {"a": "One two three four. Five six seven eight nine ten.\n"}
    gold = {"a": [("Doubt", 0, 19), ("Loaded_Language", 20, 24)]}
    shapes = {r["technique"]: r for r in cv.gold_span_shapes(texts, gold, ["a"])}
    assert shapes["Doubt"]["median_sentence_share"] == 1.0 and shapes["Doubt"]["median_chars"] == 19
    assert shapes["Loaded_Language"]["median_sentence_share"] < 0.2
    sets = cv.sentence_sets(list(shapes.values()))
    assert "Doubt" in sets["measured"] and "Loaded_Language" not in sets["measured"] and not sets["none"]


def test_cv_span_calibration_maps_overconfident_scores_down():
    rng = np.random.default_rng(1)
    scores = rng.uniform(0.1, 0.9, 4000)
    hits = rng.random(4000) < scores / 2  # half as often right as the score says
    r = cv.span_calibration(scores, hits, np.arange(4000) % 5)
    assert r["raw_ece"] > 0.15 and r["ece"] < 0.05
    a, b = r["platt"]
    z = np.log(0.8 / 0.2)
    assert abs(cv.sigmoid(a * z + b) - 0.4) < 0.08
    gold = [("d", "Doubt", 0, 10)]
    pred = [("d", "Doubt", 5, 12), ("d", "Doubt", 20, 30), ("d", "Slogans", 0, 10)]
    assert cv.span_hits(gold, pred).tolist() == [True, False, False]


def test_cv_paragraph_consistency_drops_spans_where_the_paragraph_head_disagrees():
    c = cv.Cache(ids=np.array(["a"]), source=np.array(["semeval2023"]), lengths=np.array([4]),
                 states=np.zeros((4, 2), np.float16), offsets=np.array([[0, 3], [4, 8], [10, 14], [15, 19]]),
                 token_labels=np.zeros((4, 23), np.uint8), token_logits=None, par_counts=np.array([2]),
                 par_ranges=np.array([[0, 2], [2, 4]]), par_lines=np.array([1, 2]),
                 par_labels=np.zeros((2, 23), np.uint8), frames=np.zeros((1, 14)), genre=np.array([1]))
    probs = np.zeros((2, 23), np.float32)
    j = cv.TECHNIQUE_NAMES.index("Doubt")
    probs[0, j] = 0.3
    pred = [("a", "Doubt", 0, 3), ("a", "Doubt", 10, 14)]
    assert cv.paragraph_consistent(c, pred, probs, 0.1) == [("a", "Doubt", 0, 3)]
    assert cv.paragraph_consistent(c, pred, probs, 0.0) == pred


def test_cv_span_length_table_counts_one_word_spans_per_technique():
    texts = {"a": "A truly shameful betrayal by vile traitors."}
    gold = [("a", "Loaded_Language", 2, 25), ("a", "Name_Calling-Labeling", 29, 42)]
    pred = [("a", "Loaded_Language", 8, 16), ("a", "Loaded_Language", 17, 25), ("a", "Name_Calling-Labeling", 29, 42)]
    rows = {r["technique"]: r for r in cv.span_length_table(texts, gold, pred)}
    assert rows["Loaded_Language"]["gold"] == {"n": 1, "one_word": 0.0, "median_chars": 23.0}
    assert rows["Loaded_Language"]["predicted"]["one_word"] == 1.0
    assert rows["all"]["predicted"] == {"n": 3, "one_word": 0.667, "median_chars": 8.0}
    assert "Doubt" not in rows


def test_cv_span_grid_tries_hysteresis_only_below_the_start_threshold():
    ext = cv.SPAN_GRID["extend_threshold"]
    assert None in ext and all(e is None or 0 < e < min(cv.SPAN_GRID["threshold"]) + 0.05 for e in ext)


def test_cv_near_best_prefers_the_higher_setting_among_near_ties_only():
    # 0.180 and 0.177 are within 0.005: the higher threshold (0.2) wins; 0.17 is too far behind
    assert cv.near_best([0.180, 0.177, 0.170], [0.1, 0.2, 0.3], 0.005) == 1
    assert cv.near_best([0.180, 0.177, 0.170], [0.1, 0.2, 0.3], 0.002) == 0
    # on equal preference the higher score, and on a full tie the first
    assert cv.near_best([0.17, 0.18], [0.1, 0.1], 0.05) == 1
    assert cv.near_best([0.18, 0.18], [0.1, 0.1], 0.05) == 0
