"""The style rates the genre head reads beside the encoder's states."""

from __future__ import annotations

import numpy as np
import pytest

from slant.models.genre_style import STYLE_NAMES, style_features, style_rates
from slant.models.heads import NumpyHead, article_inputs, run_heads
from slant.errors import ModelError

# Written for these tests (no corpus text).
REPORT = ("Council approves bridge budget\n\n"
          "The city council voted 7-2 on Tuesday to approve $48 million for a new bridge, officials said.\n"
          "\"We are paying for something others offered to pay for,\" council member Maria Lopez told reporters.\n"
          "Work will start in March, according to a statement from the mayor's office.")
OPINION = ("Why I am tired of this bridge\n\n"
           "I have lived here for twenty years, and I have never seen anything so absurd. Why should you pay for it?\n"
           "We deserve better. Frankly, this is the worst decision our council has ever made, and you know it!")


def _rate(text, name):
    return style_rates(text)[STYLE_NAMES.index(name)]


def test_style_rates_tell_a_report_from_an_opinion_piece():
    for name in ("attribution words per sentence", "share of sentences with attribution", "numbers per 100 words",
                 "time words per sentence", "share of words quoted"):
        assert _rate(REPORT, name) > _rate(OPINION, name), name
    for name in ("I/me/my per 100 words", "you/your per 100 words", "? per sentence", "! per sentence",
                 "evaluative words per 100 words", "hedges per 100 words"):
        assert _rate(OPINION, name) > _rate(REPORT, name), name


@pytest.mark.parametrize("change", [
    lambda t: t.replace(" ", "  "),                                       # spacing
    lambda t: t.split("\n", 1)[0].upper() + "\n" + t.split("\n", 1)[1],   # headline case
    lambda t: t.replace("\n", "\n\n"),                                    # paragraph layout
    lambda t: t.replace("\"", "“", 1).replace("\"", "”", 1),              # straight or curly quotes
])
def test_style_rates_ignore_surface(change):
    for text in (REPORT, OPINION):
        assert np.allclose(style_features(change(text)), style_features(text), atol=1e-6)


def test_style_rates_do_not_grow_with_length():
    body = REPORT.split("\n\n", 1)[1]
    assert np.allclose(style_features(body), style_features(body + "\n" + body), atol=1e-6)


def test_style_features_are_rates_and_their_logs():
    f = style_features(REPORT)
    k = len(STYLE_NAMES)
    assert f.shape == (2 * k,) and f.dtype == np.float32
    assert np.allclose(f[k:], np.log1p(f[:k]))
    assert np.all(np.isfinite(style_features(""))) and not style_features("").any()


def test_article_head_reading_style_gets_the_text_rates():
    tokens = np.random.default_rng(0).normal(size=(10, 4)).astype(np.float32)
    width = 8 + 2 * len(STYLE_NAMES)
    w1 = np.zeros((width, 1), np.float32)
    w1[8 + STYLE_NAMES.index("attribution words per sentence"), 0] = 1.0
    head = NumpyHead("genre", "article", ("a", "b"), "softmax", False, False, w1, np.zeros(1, np.float32),
                     np.array([[1.0, -1.0]], np.float32), np.zeros(2, np.float32), uses_style=True)
    logits = np.zeros((10, 1), np.float32)
    report = run_heads({"genre": head}, tokens, logits, [(0, 10)], REPORT)["genre"]
    opinion = run_heads({"genre": head}, tokens, logits, [(0, 10)], OPINION)["genre"]
    assert report[0] > opinion[0]
    assert article_inputs(tokens, REPORT, style=True).shape == (1, width)
    with pytest.raises(ModelError):
        run_heads({"genre": head}, tokens, logits, [(0, 10)])
