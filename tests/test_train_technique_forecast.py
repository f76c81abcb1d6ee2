"""Paragraph techniques at another genre mix and rules that read the article (slant.train.technique_forecast)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("scipy")

from slant.train import cv  # noqa: E402
from slant.train import technique_forecast as F  # noqa: E402
from slant.train.genre_select import mix_weights  # noqa: E402


def _counts(rows):
    """(articles, 3, 1) tp, fp, fn counts for one technique."""
    return np.array([[[tp], [fp], [fn]] for tp, fp, fn in rows], float)


def test_mix_weights_give_each_genre_its_share_and_unlabelled_articles_nothing():
    w = mix_weights(np.array([0, 1, 1, 1, -1, 2]), (54, 20, 9))
    assert w.tolist() == pytest.approx([54, 20 / 3, 20 / 3, 20 / 3, 0, 9])


def test_figures_weight_articles_and_find_the_largest_technique_ratio():
    counts = np.zeros((2, 3, 2))
    counts[0, :, 0] = [2, 1, 1]   # article 0: technique 0 tp 2, fp 1, fn 1
    counts[1, :, 1] = [0, 3, 1]   # article 1: technique 1 predicted 3 times, gold once, never right
    f1, p, r, ratio, largest = F.figures(counts, np.array([1.0, 1.0]))
    assert f1 == pytest.approx(4 / (4 + 4 + 2)) and p == pytest.approx(2 / 6) and r == pytest.approx(2 / 4)
    assert ratio == pytest.approx(6 / 4) and largest == pytest.approx(3.0)
    # article 1 weighted out: only article 0's figures remain
    assert F.figures(counts, np.array([1.0, 0.0]))[0] == pytest.approx(4 / 6)


def test_forecast_at_the_articles_own_mix_is_the_plain_figure_and_moves_with_the_mix():
    # two reporting articles scoring badly, four opinion articles scoring well
    counts = _counts([(1, 3, 3), (1, 3, 3), (4, 1, 1), (4, 1, 1), (4, 1, 1), (4, 1, 1)])
    genres = np.array([0, 0, 1, 1, 1, 1])
    plain = F.figures(counts, np.ones(6))[0]
    own = F.forecast(counts, genres, (2, 4, 0), rounds=50)
    assert own["micro_f1"] == pytest.approx(plain, abs=1e-4)
    assert own["micro_f1_ci"][0] <= own["micro_f1"] <= own["micro_f1_ci"][1]
    reporting_only = F.forecast(counts, genres, (1, 0, 0), rounds=50)
    assert reporting_only["micro_f1"] == pytest.approx(4 / (4 + 6 + 6), abs=1e-4)
    team = F.forecast(counts, genres, (54, 20, 9), rounds=50)
    assert reporting_only["micro_f1"] < team["micro_f1"] < plain


def test_paired_gain_is_zero_for_the_same_decisions_and_signed_otherwise():
    a = _counts([(1, 3, 3), (4, 1, 1)])
    b = _counts([(2, 1, 2), (4, 1, 1)])
    genres = np.array([0, 1])
    assert F.paired_gain(a, a, genres, rounds=20) == {"gain": 0.0, "ci": [0.0, 0.0]}
    g = F.paired_gain(a, b, genres, rounds=20)
    assert g["gain"] > 0 and g["ci"][0] > 0


def test_rule_thresholds_move_shown_techniques_only():
    th = np.array([[0.2, 0.9], [0.2, 0.9]])
    probs = np.array([[0.5, 0.1], [0.1, 0.1]])
    ctx = F.article_context(probs, np.array([0, 1]), np.array([[1.0, 0, 0], [0.0, 1, 0]], np.float32))
    assert F.rule_thresholds(th, {"shift": 0.05}, ctx, 0.5)[:, 0].tolist() == pytest.approx([0.25, 0.25])
    assert F.rule_thresholds(th, {"reporting": 0.1}, ctx, 0.5)[:, 0].tolist() == pytest.approx([0.3, 0.2])
    # density 0.6 against 0.2 (reference 0.3): alpha 1 scales the thresholds by 0.5 and 1.5
    assert F.rule_thresholds(th, {"alpha": 1.0}, ctx, 0.3)[:, 0].tolist() == pytest.approx([0.1, 0.3])
    # the article's strongest paragraph for technique 0 is 0.3 above its threshold in article 0
    assert F.rule_thresholds(th, {"beta": 0.5}, ctx, 0.3)[:, 0].tolist() == pytest.approx([0.05, 0.2])
    steps = {"reporting_by_technique": [-0.1, 0.5]}
    assert F.rule_thresholds(th, steps, ctx, 0.5).ravel().tolist() == pytest.approx([0.1, 0.9, 0.2, 0.9])
    for setting in ({"shift": 0.05}, {"alpha": 1.0}, {"beta": 0.5}):
        assert (F.rule_thresholds(th, setting, ctx, 0.3)[:, 1] == 0.9).all()  # a left-out technique stays out


def test_floods_are_checked_at_every_mix():
    # technique 0 is right in opinion, flooded in reporting (4 predicted, 1 gold)
    counts = np.zeros((2, 3, 1))
    counts[0, :, 0] = [1, 3, 0]
    counts[1, :, 0] = [10, 0, 2]
    genres = np.array([0, 1])
    shown = np.array([True])
    assert F.floods_ok(counts, genres, shown, [(1, 1, 0)])
    assert not F.floods_ok(counts, genres, shown, [(1, 1, 0), (54, 20, 9)])
    assert F.floods_ok(counts, genres, np.array([False]), [(1, 0, 0)]) is False  # all labels together 4x gold


def _toy_oof(seed=0):
    """60 articles in 5 folds, 8 paragraphs each, 3 techniques; logits informative with noise."""
    rng = np.random.default_rng(seed)
    art = np.repeat(np.arange(60), 8)
    y = rng.random((len(art), 3)) < np.array([0.3, 0.15, 0.05])
    z = np.where(y, 1.0, -1.0) * 1.5 + rng.normal(0, 1.5, y.shape) - 1.0
    folds = art % 5
    genres = np.where(np.arange(60) < 15, 0, 1)
    gp = np.zeros((60, 3), np.float32)
    gp[np.arange(60), genres] = 0.8
    return z, y, art, folds, genres, gp


def test_nested_shipped_rule_is_the_cross_fitted_one_and_each_family_keeps_the_caps():
    z, y, art, folds, genres, gp = _toy_oof()
    kw = dict(min_positives=5, label_ratio=1.5, total_ratio=1.3)
    out = F.nested_rules(z, y, art, folds, genres, gp, tuple(F.RULES), (54, 20, 9), **kw)
    _, pred = cv.cross_fitted(z, y, folds, **kw)
    assert (out["shipped"]["pred"] == pred).all()
    for family, r in out.items():
        assert len(r["chosen"]) == (5 if family != "shipped" else 0)
        if family != "shipped":
            assert all(set(ch) - {"fold", "ref_density"} <= set(F.RULES[family][0]) for ch in r["chosen"])


def test_fold_rule_gives_the_cross_fitted_decisions():
    z, y, _, folds, _, _ = _toy_oof(1)
    probs, pred = cv.cross_fitted(z, y, folds, min_positives=5)
    for k in range(5):
        ab, p_tr, rule = cv.fold_rule(z[folds != k], y[folds != k], min_positives=5)
        assert np.allclose(p_tr, cv.calibrate(z[folds != k], ab))
        p_va = cv.calibrate(z[folds == k], ab)
        assert np.allclose(probs[folds == k], p_va)
        assert ((p_va >= np.asarray(rule["thresholds"])) == pred[folds == k]).all()


def test_span_forecast_weights_articles_to_the_mix():
    # per article: precision credit, predicted spans, recall credit, gold spans
    counts = np.array([[1.0, 4, 1.0, 4], [3.0, 4, 3.0, 4]])
    genres = np.array([0, 1])
    reporting = F.span_forecast(counts, genres, (1, 0, 0), rounds=20)
    assert reporting["f1"] == pytest.approx(0.25) and reporting["precision"] == pytest.approx(0.25)
    even = F.span_forecast(counts, genres, (1, 1, 0), rounds=20)
    assert even["f1"] == pytest.approx(0.5)


def test_everywhere_baseline_and_the_mix_that_matches_the_teams_figure():
    from slant.analyze.taxonomy import TECHNIQUE_NAMES

    ll = TECHNIQUE_NAMES.index("Loaded_Language")
    # article 0 (reporting): 4 paragraphs, one Loaded_Language; article 1 (opinion): 2 paragraphs, both
    y = np.zeros((6, len(TECHNIQUE_NAMES)), bool)
    y[0, ll] = y[4, ll] = y[5, ll] = True
    art = np.array([0, 0, 0, 0, 1, 1])
    counts = F.everywhere_counts(y, art)
    assert counts[:, :, ll].tolist() == [[1, 3, 0], [2, 0, 0]]
    genres = np.array([0, 1])
    # reporting alone scores 2/5, opinion alone 1; the team's mix (54/20/9) sits between them
    own = F.figures(counts, mix_weights(genres, F.train_mix(genres)))[0]
    team = F.figures(counts, mix_weights(genres, F.TEAM_MIX))[0]
    assert F.anchored_mix(counts, genres, own)[0] == 0.0
    lam, mix = F.anchored_mix(counts, genres, team)
    assert lam == 1.0 and mix == pytest.approx((54, 20, 9))
    lam, mix = F.anchored_mix(counts, genres, (own + team) / 2)
    assert 0 < lam < 1 and sum(mix) == pytest.approx(83)
