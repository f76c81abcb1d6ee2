"""Claim head training: the exported file scores exactly as the trained models, folds keep debates whole."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn", reason="the train extra is not installed")

from slant.analyze.claims import ClaimHead  # noqa: E402
from slant.train import claims as train  # noqa: E402

SENTENCES = [
    ("Unemployment fell to 3.5 percent last year.", 1), ("The deficit grew by $200 billion in 2023.", 1),
    ("We spent $4 billion on prisons in 2005.", 1), ("Crime rose by 12 percent in ten years.", 1),
    ("The Senate passed the bill by 52 votes to 48.", 1), ("Taxes went up in 1990 and 1993.", 1),
    ("Thank you very much.", 0), ("I think we can do better.", 0), ("What are we going to do?", 0),
    ("We will never give up.", 0), ("It is good to be here tonight.", 0), ("I believe in this country.", 0),
]


def test_exported_head_scores_like_the_trained_models(tmp_path):
    texts = [s for s, _ in SENTENCES] * 2
    y = np.array([label for _, label in SENTENCES] * 2)
    rng = np.random.default_rng(0)
    features = rng.normal(size=(len(texts), 20)).astype(np.float32) + y[:, None] * 0.5
    head = train.make_head("lr", 1.0).fit(features, y)
    ngram = train.NgramModel().fit(texts, y)
    raw = train.combine(head.predict_proba(features)[:, 1], ngram.logits(texts))
    iso = train.calibrate(raw, y)
    path = train.export_head(head, iso, 0.5, tmp_path, {"component": "slant.claims.v1"}, ngram)
    shipped = ClaimHead.load(path)
    assert np.allclose(shipped.raw_scores(features, texts), raw, atol=1e-4)
    assert np.allclose(shipped.ngram_logits(texts), ngram.logits(texts), atol=1e-4)
    assert np.allclose(shipped.probabilities(features, texts), iso.predict(raw), atol=1e-4)
    # a sentence of unseen words scores from the intercept alone, without failing
    assert np.isfinite(shipped.ngram_logits(["Zebras xylophone quux."])).all()


def test_contiguous_folds_keep_neighbouring_ids_together():
    ids = np.array([5, 1, 3, 100, 102, 101, 50, 52, 51, 200])
    folds = train.contiguous_folds(ids, 3)
    order = np.argsort(ids)
    assert (np.diff(folds[order]) >= 0).all()  # each fold is one range of consecutive ids
    assert sorted(np.bincount(folds).tolist()) == [3, 3, 4]


def test_bootstrap_interval_contains_the_estimate():
    rng = np.random.default_rng(1)
    gold = rng.integers(0, 2, 400)
    pred = np.where(rng.random(400) < 0.8, gold, 1 - gold)
    blocks = np.arange(400) // 40
    lo, hi = train.bootstrap_interval(gold, pred, blocks, rounds=200)
    assert lo < train.macro_f1(gold, pred) < hi and hi - lo < 0.2


def test_expected_calibration_error_measures_the_gap_between_score_and_rate():
    gold = np.array([1] * 30 + [0] * 70)
    honest = np.full(100, 0.3)  # 30% of these sentences are claims: the score says so
    assert train.expected_calibration_error(honest, gold) == pytest.approx(0.0)
    assert train.expected_calibration_error(np.full(100, 0.8), gold) == pytest.approx(0.5)
    split = np.where(gold == 1, 0.95, 0.05)  # sure and right
    assert train.expected_calibration_error(split, gold) == pytest.approx(0.05)


def test_paired_margins_and_the_card_section_from_an_all_folds_pipeline_check():
    rng = np.random.default_rng(2)
    gold = rng.integers(0, 2, 600)
    ours = np.where(rng.random(600) < 0.9, gold, 1 - gold)
    weaker = np.where(rng.random(600) < 0.75, gold, 1 - gold)
    margins = train.paired_margins(gold, ours, {"tuned": weaker, "default": weaker, "balanced": ours},
                                   np.arange(600) // 60, rounds=200)
    assert margins["tuned"]["interval"][0] > 0.05  # clearly better than the weaker baseline
    assert margins["balanced"]["margin"] == 0 and margins["balanced"]["interval"] == [0, 0]
    row = {"name": "x", "macro_f1": 0.85, "interval": [0.84, 0.86], "macro_f1_crossfit_threshold": 0.85,
           "macro_f1_at_0.5": 0.84}
    fold = {"fold": 0, "sentences": 600, "ids": [1, 600], "threshold": 0.4, "macro_f1": 0.85,
            "direct_macro_f1": 0.85, "tfidf_macro_f1": 0.8, "agreement_with_direct": 0.999}
    results = {"rows": [row], "head": {"kind": "lr", "size": 0.01}, "calibration": [], "threshold": 0.37,
               "confusion": {"tp": 1, "fp": 1, "fn": 1, "tn": 1}, "brier": {"raw": 0.1, "calibrated": 0.09},
               "ece": {"raw": 0.06, "calibrated": 0.004, "calibrated_per_fold": [0.01, 0.05]},
               "data": {"sentences": 600, "positives": 300, "sha256": "0" * 64},
               "folds": {"n": 5, "ranges": [[1, 600]]}, "minutes": 30,
               "end_to_end": {"sentences": 600, "folds": [fold], "macro_f1": 0.85, "interval": [0.84, 0.86],
                              "direct_macro_f1": 0.85, "direct_interval": [0.84, 0.86], "tfidf_macro_f1": 0.8,
                              "tfidf_interval": [0.78, 0.82], "agreement_with_direct": 0.999, "margins": margins,
                              "documents_not_one_sentence": 2, "minutes": 12}}
    text = train.card_section(results)
    assert text.startswith(train.CARD_BEGIN) and text.endswith(train.CARD_END)
    assert f"{0.83 + margins['tuned']['margin']:.3f}" in text and "| 1-600 | 600 | 0.40 | 0.850 |" in text
    assert "0.010-0.050" in text and "12 min the pipeline check" in text
