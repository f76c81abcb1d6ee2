"""Paragraph heads weighted toward another genre mix, chosen out of fold (slant.train.technique_reweight)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from slant.train import cv  # noqa: E402
from slant.train import technique_reweight as R  # noqa: E402


def test_genre_weights_raise_reporting_toward_the_mix_under_the_cap():
    # 2 reporting, 4 opinion, 1 satire, 1 unlabelled scored article; 2 extra (2021) texts
    genre = np.array([0, 0, 1, 1, 1, 1, 2, -1, -1, -1])
    scored = np.array([True] * 8 + [False] * 2)
    mix = (54, 20, 9)
    w = R.genre_weights(genre, scored, cap=100.0, mix=mix)
    rep, sat = (54 / 2) / (20 / 4), (9 / 1) / (20 / 4)   # 5.4 and 1.8 times an opinion article
    assert w.tolist() == pytest.approx([rep, rep, 1, 1, 1, 1, sat, 1, 1, 1])
    capped = R.genre_weights(genre, scored, cap=2.0, w2021=0.5, mix=mix)
    assert capped.tolist() == pytest.approx([2, 2, 1, 1, 1, 1, 1.8, 1, 0.5, 0.5])
    # a cap of 1 is no weighting at all; a genre the mix leaves below opinion is never weighted down
    assert R.genre_weights(genre, scored, cap=1.0, mix=mix).tolist() == [1.0] * 10
    assert R.genre_weights(genre, scored, cap=9.0, mix=(1, 20, 0))[:2].tolist() == [1.0, 1.0]


def _cache(text: str, spans: list[tuple[int, int]]) -> cv.Cache:
    """A one-article cache whose tokens are the words of ``text``; ``spans``: paragraphs as token ranges."""
    import re

    offs = np.array([(m.start(), m.end()) for m in re.finditer(r"\S+", text)])
    n = len(offs)
    return cv.Cache(np.array(["a"]), np.array(["semeval2023"]), np.array([n]), np.zeros((n, 4), np.float16), offs,
                    np.zeros((n, 23), np.int8), None, np.array([len(spans)]), np.array(spans), np.arange(len(spans)),
                    np.zeros((len(spans), 23), np.int8), np.zeros((1, 14)), np.array([0]))


def test_role_features_read_quotes_attribution_and_position():
    text = "Officials met on Monday.\n\n“We will act,” the minister said.\n\nMarkets fell according to traders."
    c = _cache(text, [(0, 4), (4, 10), (10, 15)])
    f = R.role_features(c, {"a": text})
    assert f.shape == (3, 5)
    assert f[:, 0].tolist() == [0, 1, 0]          # a quotation mark inside
    assert f[:, 1].tolist() == [0, 1, 1]          # said; according to
    assert f[:, 2].tolist() == [0, 0.5, 1]        # position, first to last
    assert f[:, 3].tolist() == [1, 0, 0]          # the first paragraph
    assert f[1, 4] == pytest.approx(np.log1p(6) / 5)


def test_nested_choice_takes_the_variant_that_scores_on_the_other_folds():
    # one technique; the "good" variant ranks the positives first, the "noise" one does not
    rng = np.random.default_rng(3)
    n_art, per = 60, 10
    art = np.repeat(np.arange(n_art), per)
    y = (rng.random((n_art * per, 1)) < 0.3)
    good = np.where(y, 2.0, -2.0) + rng.normal(0, 0.5, y.shape)
    noise = rng.normal(0, 1, y.shape)
    folds = np.repeat(np.arange(n_art) % 5, per)
    genres = np.array([0, 1, 1] * 20)
    pred, chosen = R.nested_choice({"noise": noise, "good": good}, y, art, folds, genres, min_positives=0,
                                   label_ratio=1.5, total_ratio=1.3)
    assert chosen == ["good"] * 5
    assert (pred == cv.cross_fitted(good, y, folds, min_positives=0, label_ratio=1.5, total_ratio=1.3)[1]).all()
