"""The genre head's training helpers: the linear head in run-time form, calibration, the report."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("sklearn")

from slant.models.heads import NumpyHead  # noqa: E402
from slant.train import genre  # noqa: E402


def _toy(n=300, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    x = rng.normal(size=(n, 6)).astype(np.float32)
    x[:, :3] += 2.0 * np.eye(3, dtype=np.float32)[y]
    return x, y


def test_linear_head_in_run_time_form_gives_the_same_calibrated_probabilities():
    x, y = _toy()
    w = genre.fit(x, y, "lr")
    cal = {"temperature": 1.7, "bias": [0.0, -0.4, 0.9]}
    two = genre.as_two_layer(w, cal)
    head = NumpyHead("genre", "article", ("reporting", "opinion", "satire"), "softmax", False, False,
                     two["w1"], two["b1"], two["w2"], two["b2"])
    expected = genre.calibrated(genre.head_logits(w, x), cal)
    assert np.allclose(head.probs(x), expected, atol=1e-5)
    # float16 storage (heads.npz) keeps the decisions
    half = NumpyHead("genre", "article", head.labels, "softmax", False, False,
                     *(two[k].astype(np.float16).astype(np.float32) for k in ("w1", "b1", "w2", "b2")))
    assert (half.probs(x).argmax(-1) == expected.argmax(-1)).mean() > 0.99


def test_linear_head_gives_no_weight_to_a_feature_constant_in_training():
    """Standardised by a ~zero spread, a constant (0.1 in float32, whose mean is not exact) or near-constant
    feature got a weight of ~3e4 and the intercept ~5e4: a new text's other value for it gave logits in the
    thousands. Now it gets weight 0, and the other features' weights are those of a fit without it."""
    x, y = _toy()
    near = np.zeros(len(y), np.float32)
    near[3] = 1e-5
    big = np.full(len(y), 1e6, np.float32)
    big[5] += 1.0
    padded = np.column_stack([x, np.full(len(y), 0.1, np.float32), np.zeros(len(y), np.float32), near, big])
    w = genre.fit(padded, y, "lr")
    assert np.isfinite(w["w"]).all() and np.isfinite(w["b"]).all()
    assert not w["w"][6:].any()
    plain = genre.fit(x, y, "lr")
    assert np.allclose(w["w"][:6], plain["w"], atol=1e-5) and np.allclose(w["b"], plain["b"], atol=1e-5)
    unseen = padded.copy()
    unseen[:, 6:] = [0.2, 0.05, 0.01, 2e6]
    assert np.abs(genre.head_logits(w, unseen) - genre.head_logits(w, padded)).max() < 1e-4


def test_calibration_recovers_temperature_and_prior_shift():
    rng = np.random.default_rng(1)
    z = rng.normal(size=(4000, 3)) * 3
    true = {"temperature": 2.0, "bias": [0.0, 0.5, -1.0]}
    p = genre.calibrated(z, true)
    y = np.array([rng.choice(3, p=row) for row in p])
    cal = genre.fit_calibration(z, y)
    # the class-balanced fit recovers the temperature; its biases move the balanced prior, not the sample's
    assert abs(cal["temperature"] - 2.0) < 0.25
    assert cal["bias"][0] == 0.0


def test_held_out_report_scores_per_source_and_gives_intervals():
    x, y = _toy(240)
    sources = np.array(["semeval"] * 120 + ["golbeck"] * 40 + ["polnear-nyt"] * 40 + ["webis-a"] * 40)
    y[120:160], y[160:200], y[200:] = 2, 0, 1
    x = np.random.default_rng(2).normal(size=x.shape).astype(np.float32)
    x[:, :3] += 2.0 * np.eye(3, dtype=np.float32)[y]
    sites = np.array(["semeval"] * 120 + [f"s{i % 7}.com" for i in range(40)] + ["nyt"] * 40 + ["a"] * 40)
    g = genre.groups_of(sources, sites)
    z = genre.held_out_logits(x, y, g, "lr")
    p = genre.cross_fitted(z, y, g)
    rep = genre.report(p, y, sources, sites, boot=100)
    assert set(rep["per_source"]) == {"semeval", "golbeck", "polnear-nyt", "webis-a"}
    lo, hi = rep["macro_ci"]
    assert lo <= rep["macro_f1"] <= hi
    assert rep["macro_f1"] > 0.7  # the toy genres are separable, also by held-out source
    for c in ("reporting", "opinion", "satire"):
        assert rep["recall_ci"][c][0] <= rep["recall"][c] <= rep["recall_ci"][c][1]
    assert genre.wilson(0, 10)[0] == 0.0 and genre.wilson(10, 10)[1] == 1.0


def test_style_head_in_run_time_form_gives_the_same_calibrated_probabilities():
    """The pooled-states head plus the style logistic regression, folded into one Linear -> ReLU ->
    Linear head that reads [pooled states, style rates], gives the probabilities of the two added."""
    rng = np.random.default_rng(3)
    n = 300
    y = rng.integers(0, 3, n)
    pooled = rng.normal(size=(n, genre.POOLED)).astype(np.float32)
    pooled[:, :3] += 1.5 * np.eye(3, dtype=np.float32)[y]
    style = rng.gamma(2.0, 0.3, size=(n, 26)).astype(np.float32)
    style[:, 3:6] += np.eye(3, dtype=np.float32)[y]
    x = genre.features(pooled, style, "lr-strong+style")
    assert x.shape == (n, genre.POOLED + 26)
    w = genre.fit(x, y, "lr-strong+style")
    z = genre.head_logits(w, x)
    # the style part moves the logits: the head is not the pooled head alone
    alone = genre.head_logits({k: v for k, v in w.items() if not k.startswith("style_")}, pooled)
    assert np.abs(z - alone).max() > 0.5
    cal = {"temperature": 1.3, "bias": [0.0, -0.2, 0.4]}
    two = genre.as_two_layer(w, cal)
    head = NumpyHead("genre", "article", ("reporting", "opinion", "satire"), "softmax", False, False,
                     two["w1"], two["b1"], two["w2"], two["b2"], uses_style=True)
    assert np.allclose(head.probs(x), genre.calibrated(z, cal), atol=1e-5)


def test_recipes_without_style_read_only_the_pooled_states():
    pooled = np.ones((4, genre.POOLED), np.float32)
    style = np.zeros((4, 26), np.float32)
    assert genre.features(pooled, style, "mlp").shape == (4, genre.POOLED)
    assert genre.features(pooled, style, "mlp+style").shape == (4, genre.POOLED + 26)
    assert genre.uses_style("mlp+style") and not genre.uses_style("mlp")


def test_semeval_weight_repeats_semeval_rows(monkeypatch):
    """A recipe with ``semeval_weight`` k trains on the SemEval rows k times (and needs the sources)."""
    rng = np.random.default_rng(0)
    n = 30
    x = rng.normal(size=(n, genre.POOLED + 26)).astype(np.float32)
    y = np.arange(n) % 3
    sources = np.array(["semeval"] * 6 + ["polnear-nyt"] * (n - 6))
    seen = []
    monkeypatch.setitem(genre.RECIPES, "lr+sem3", {"kind": "lr", "C": 0.05, "semeval_weight": 3})
    real = genre._fit_lr
    monkeypatch.setattr(genre, "_fit_lr", lambda xx, yy, c: seen.append(len(yy)) or real(xx, yy, c))
    with pytest.raises(ValueError, match="sources"):
        genre.fit(x, y, "lr+sem3")
    w = genre.fit(x, y, "lr+sem3", sources)
    assert seen == [n + 2 * 6]
    idx = np.concatenate([np.arange(n), np.arange(6), np.arange(6)])
    assert np.allclose(w["w"], real(x[idx], y[idx], 0.05)["w"], atol=1e-6)
    assert genre.RECIPES["mlp+style+sem3"]["semeval_weight"] == 3 and genre.uses_style("mlp+style+sem3")


def test_mlp_recipes_hold_torch_at_the_threads_asked():
    torch = pytest.importorskip("torch")
    from slant.train.genre import limit_torch_threads

    before = torch.get_num_threads()
    asked = 1 if before != 1 else 2
    try:
        assert limit_torch_threads(["lr"], asked) is False
        assert torch.get_num_threads() == before
        assert limit_torch_threads(["lr", "mlp+style+sem3"], asked) is True
        assert limit_torch_threads(["ensemble-v2.4"], asked) is True  # an ensemble with an MLP part
        assert torch.get_num_threads() == asked
    finally:
        torch.set_num_threads(before)


def test_ensemble_head_in_run_time_form_gives_the_same_calibrated_probabilities(monkeypatch):
    """An ensemble's parts (a head on the pooled states only, a pooled+style head, a head trained on
    SemEval's rows only) folded into one Linear -> ReLU -> Linear head give the weighted sum of their
    logits, calibrated; the SemEval-only part sees no other source's rows."""
    rng = np.random.default_rng(4)
    n = 240
    y = rng.integers(0, 3, n)
    pooled = rng.normal(size=(n, genre.POOLED)).astype(np.float32)
    pooled[:, :3] += 1.5 * np.eye(3, dtype=np.float32)[y]
    style = rng.gamma(2.0, 0.3, size=(n, 13)).astype(np.float32)
    style[:, 3:6] += np.eye(3, dtype=np.float32)[y]
    sources = np.array(["semeval"] * 80 + ["polnear-nyt"] * 160)
    monkeypatch.setitem(genre.RECIPES, "toy-ens", {"kind": "ensemble", "prior": [0.6, 0.1, 0.3],
                                                   "parts": [["lr-strong+style", 1.0], ["lr", 0.5], ["semeval-lr", 0.25]]})
    assert genre.uses_style("toy-ens") and genre.prior_of("toy-ens") == (0.6, 0.1, 0.3)
    x = genre.features(pooled, style, "toy-ens")
    seen = []
    real = genre._fit_lr
    monkeypatch.setattr(genre, "_fit_lr", lambda xx, yy, c: seen.append(xx.shape) or real(xx, yy, c))
    w = genre.fit(x, y, "toy-ens", sources)
    # style part: pooled head + style LR; pooled-only part; SemEval-only part on all columns, 80 rows
    assert seen == [(n, genre.POOLED), (n, 13), (n, genre.POOLED), (80, genre.POOLED + 13)]
    z = genre.head_logits(w, x, "toy-ens")
    parts = [genre.head_logits(pw, genre._part_columns(x, part)) * weight for part, weight, pw in genre._parts(w, "toy-ens")]
    assert np.allclose(z, sum(parts), atol=1e-5)
    with pytest.raises(ValueError, match="ensemble"):
        genre.head_logits(w, x)
    cal = {"temperature": 1.4, "bias": [0.0, -0.3, 0.5]}
    two = genre.as_two_layer(w, cal, "toy-ens", x.shape[1])
    head = NumpyHead("genre", "article", ("reporting", "opinion", "satire"), "softmax", False, False,
                     two["w1"], two["b1"], two["w2"], two["b2"], uses_style=True)
    assert np.allclose(head.probs(x), genre.calibrated(z, cal), atol=1e-5)


def test_semeval_only_recipe_needs_sources():
    x = np.random.default_rng(0).normal(size=(12, genre.POOLED + 13)).astype(np.float32)
    with pytest.raises(ValueError, match="sources"):
        genre.fit(x, np.arange(12) % 3, "semeval-lr")
