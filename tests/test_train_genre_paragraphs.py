"""Paragraph-level encoder states of the genre texts (slant.train.genre_paragraphs)."""

from __future__ import annotations

import numpy as np
import pytest

from slant.train import genre_paragraphs as GP


def test_paragraph_pools_read_the_body_and_its_lede():
    title, p1, p2, p3 = (np.full(4, v, np.float32) for v in (100.0, 1.0, 3.0, 8.0))
    row = GP.paragraph_pools(np.stack([title, p1, p2, p3]), lede=2)
    mean, top, spread, lede = np.split(row, 4)
    assert np.allclose(mean, 4.0)  # the title (100) is not part of the body
    assert np.allclose(top, 8.0)
    assert np.allclose(spread, np.std([1.0, 3.0, 8.0]))
    assert np.allclose(lede, 2.0)  # the first two body paragraphs


def test_paragraph_pools_of_a_title_only_or_empty_text():
    only = GP.paragraph_pools(np.ones((1, 4), np.float32))
    assert np.allclose(np.split(only, 4)[0], 1.0) and np.allclose(np.split(only, 4)[2], 0.0)
    assert GP.paragraph_pools(np.zeros((0, GP.HIDDEN), np.float32)).shape == (4 * GP.HIDDEN,)


def test_paragraph_means_are_cached_by_text(tmp_path):
    from slant.models.onnx_model import DEFAULT_MODEL_DIR

    if not (DEFAULT_MODEL_DIR / "persuasion.json").is_file():
        pytest.skip("no shipped model")
    texts = ["A title\n\nThe council met on Tuesday.\nIt approved the budget, officials said.",
             "Another title\n\nI think this is wrong."]
    logs = []
    first = GP.cached_paragraph_means(texts, DEFAULT_MODEL_DIR, tmp_path / "c.npz", log=logs.append)
    assert [m.shape for m in first] == [(3, GP.HIDDEN), (2, GP.HIDDEN)]
    assert np.isfinite(first[0].astype(np.float32)).all()
    assert not np.allclose(first[0][1], first[0][2])  # each line its own mean
    again = GP.cached_paragraph_means(texts[::-1], DEFAULT_MODEL_DIR, tmp_path / "c.npz", log=logs.append)
    assert logs[-1] == "2 texts, 0 to encode"
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[1], first[0])
