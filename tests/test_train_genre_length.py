"""slant.train.genre_length: texts cut to their title and first N words, scored by held-out heads."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")

from slant.analyze.persuasion import genre_words  # noqa: E402
from slant.train.genre import cross_fitted, held_out_logits  # noqa: E402
from slant.train.genre_length import cut, table  # noqa: E402


def test_cut_keeps_the_title_and_the_first_words_with_their_line_breaks():
    text = "A title here\n\nOne two three four.\nFive six seven\nEight nine."
    assert cut(text, 2) == "A title here\n\nOne two"
    assert cut(text, 5) == "A title here\n\nOne two three four.\nFive"
    assert cut(text, 100) == "A title here\n\nOne two three four.\nFive six seven\nEight nine."
    assert genre_words(cut(text, 5)) == 3 + 5  # the run time counts the title too


def test_versions_are_scored_by_the_same_held_out_heads_as_the_whole_texts():
    """A version identical to the whole texts gets exactly their held-out probabilities; each group's
    calibration comes from the other groups' whole-text logits."""
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], 40)
    x = rng.normal(size=(120, 6)).astype(np.float32) + np.eye(3, 6)[y] * 2
    groups = np.array([f"g{i % 4}" for i in range(120)])
    sources = np.array(["src"] * 120)
    z_full, (z_same, z_noise) = held_out_logits(x, y, groups, "lr", sources, others=[x.copy(), np.zeros_like(x)])
    assert np.allclose(z_full, z_same)
    p_full, (p_same, p_noise) = cross_fitted(z_full, y, groups, (0.65, 0.1, 0.25), others=[z_same, z_noise])
    assert np.array_equal(z_full, held_out_logits(x, y, groups, "lr", sources))
    assert np.array_equal(p_full, cross_fitted(z_full, y, groups, (0.65, 0.1, 0.25)))
    assert np.allclose(p_full, p_same) and np.allclose(p_noise.sum(1), 1)
    assert (p_full.argmax(1) == y).mean() > 0.8
    rows = table(p_full, y, np.full(120, 60))
    assert list(rows) == ["50-74"] and rows["50-74"]["all"]["n"] == 120
