"""The pooled heads in numpy, and token decisions -> technique spans.

The ONNX graph stops at the encoder's hidden states and the token head's logits; the small
pooled heads (paragraph techniques, frames, genre, and any head added later) run here from the
weights in ``heads.npz``, so adding a head never means re-exporting or re-quantising the encoder.
Pooling must match :mod:`slant.train.network` exactly: mean and max of the stitched token states
(plus, for paragraph heads, the max token logit per technique and the whole article's pooled states) -> Linear -> ReLU -> Linear.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from slant.errors import ModelError


@dataclass(frozen=True)
class NumpyHead:
    """One pooled head: its spec and its two linear layers (weights stored as (in, out))."""

    name: str
    level: str  # "paragraph" | "article"
    labels: tuple[str, ...]
    activation: str  # "sigmoid" | "softmax"
    uses_token_logits: bool
    uses_article_context: bool
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    #: paragraph heads: also the mean of the neighbouring paragraphs' mean states (after the article's)
    uses_neighbours: bool = False
    #: article heads: also the text's style rates (:func:`slant.models.genre_style.style_features`)
    uses_style: bool = False

    def logits(self, features: np.ndarray) -> np.ndarray:
        hidden = np.maximum(features @ self.w1 + self.b1, 0.0)
        return hidden @ self.w2 + self.b2

    def probs(self, features: np.ndarray) -> np.ndarray:
        z = self.logits(features)
        return sigmoid(z) if self.activation == "sigmoid" else softmax(z)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -60, 60)))


def softmax(x: np.ndarray) -> np.ndarray:
    z = np.exp(x - x.max(-1, keepdims=True))
    return z / z.sum(-1, keepdims=True)


def load_heads(path: str | Path, specs: dict[str, dict]) -> dict[str, NumpyHead]:
    """Read ``heads.npz``; ``specs`` (from the model's json config) says what each head is."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"head weights {path} are missing")
    with np.load(path) as data:
        heads = {}
        for name, spec in specs.items():
            try:
                heads[name] = NumpyHead(name, spec["level"], tuple(spec["labels"]), spec["activation"],
                                        bool(spec.get("uses_token_logits", False)),
                                        bool(spec.get("uses_article_context", False)),
                                        data[f"{name}.w1"].astype(np.float32), data[f"{name}.b1"].astype(np.float32),
                                        data[f"{name}.w2"].astype(np.float32), data[f"{name}.b2"].astype(np.float32),
                                        bool(spec.get("uses_neighbours", False)),
                                        bool(spec.get("uses_style", False)))
            except KeyError as exc:
                raise ModelError(f"{path} has no weights for head {name!r} ({exc})") from None
    return heads


def pool(states: np.ndarray) -> np.ndarray:
    """mean and max over the first axis (zeros for no rows), as in training."""
    if states.shape[0] == 0:
        return np.zeros(2 * states.shape[-1], dtype=np.float32)
    return np.concatenate([states.mean(0), states.max(0)])


def paragraph_features(tokens: np.ndarray, token_logits: np.ndarray,
                       paragraphs: Sequence[tuple[int, int]]) -> np.ndarray:
    """Per paragraph token range: [mean(states), max(states), max(token logits)]."""
    width = 2 * tokens.shape[-1] + token_logits.shape[-1]
    out = np.zeros((len(paragraphs), width), dtype=np.float32)
    for i, (a, b) in enumerate(paragraphs):
        if b > a:
            out[i] = np.concatenate([pool(tokens[a:b]), token_logits[a:b].max(0)])
    return out


def neighbour_means(means: np.ndarray) -> np.ndarray:
    """Per paragraph: the average of the previous and next paragraphs' mean states (zeros past the ends)."""
    if len(means) == 0:
        return means
    pad = np.zeros((1, means.shape[1]), dtype=means.dtype)
    return (np.vstack([pad, means[:-1]]) + np.vstack([means[1:], pad])) / 2


def paragraph_inputs(par_feats: np.ndarray, hidden: int, article: np.ndarray | None = None,
                     token_logits: bool = True, neighbours: bool = False) -> np.ndarray:
    """A paragraph head's input rows from :func:`paragraph_features` (``hidden``: the encoder's width):
    [mean, max, (max token logits)] + (the article's pool, ``article`` of shape (1, 2 * hidden))
    + (:func:`neighbour_means`). Training builds its features with this too (slant.train.cv)."""
    feats = par_feats if token_logits else par_feats[:, :2 * hidden]
    if article is not None:
        feats = np.concatenate([feats, np.repeat(article, len(feats), axis=0)], axis=1)
    if neighbours:
        feats = np.concatenate([feats, neighbour_means(par_feats[:, :hidden])], axis=1)
    return feats


def calibrate(probs: np.ndarray, params: np.ndarray | None) -> np.ndarray:
    """Platt scaling of sigmoid outputs per label: sigmoid(a * logit(p) + b), ``params`` (labels, 2)."""
    if params is None:
        return probs
    p = np.clip(probs.astype(np.float64), 1e-7, 1 - 1e-7)
    z = np.log(p / (1 - p))
    return sigmoid(z * params[:, 0] + params[:, 1]).astype(np.float32)


def _with_style(pooled: np.ndarray, text: str | None) -> np.ndarray:
    """The pooled-states row followed by the text's style rates."""
    if text is None:
        raise ModelError("this model's genre head reads the text's style, but no text was given")
    from slant.models.genre_style import style_features

    return np.concatenate([pooled, style_features(text)[None, :]], axis=1)


def article_inputs(tokens: np.ndarray, text: str | None = None, style: bool = False) -> np.ndarray:
    """An article head's input row: the pooled states, then (``style``) the text's style rates."""
    pooled = pool(tokens)[None, :]
    return _with_style(pooled, text) if style else pooled


def run_heads(heads: dict[str, NumpyHead], tokens: np.ndarray, token_logits: np.ndarray,
              paragraphs: Sequence[tuple[int, int]], text: str | None = None) -> dict[str, np.ndarray]:
    """Probabilities of every head for one article: (P, labels) or (labels,) per head (``text``: the
    article, for heads that read its style)."""
    out: dict[str, np.ndarray] = {}
    par_feats = None
    article_feats = None
    hidden = tokens.shape[-1]
    for name, head in heads.items():
        if head.level == "paragraph":
            if par_feats is None:
                par_feats = paragraph_features(tokens, token_logits, paragraphs)
            if head.uses_article_context and article_feats is None:
                article_feats = pool(tokens)[None, :]
            feats = paragraph_inputs(par_feats, hidden, article_feats if head.uses_article_context else None,
                                     head.uses_token_logits, head.uses_neighbours)
            out[name] = head.probs(feats) if len(feats) else np.zeros((0, len(head.labels)), np.float32)
        else:
            if article_feats is None:
                article_feats = pool(tokens)[None, :]
            feats = _with_style(article_feats, text) if head.uses_style else article_feats
            out[name] = head.probs(feats)[0]
    return out


def token_spans(probs: np.ndarray, offsets: np.ndarray, thresholds: np.ndarray,
                labels: Sequence[str]) -> list[tuple[str, int, int, float]]:
    """Technique spans from per-token probabilities: runs of consecutive tokens above threshold.

    Returns ``(technique, char_start, char_end, mean probability)``; spans of different
    techniques may overlap. Character ends are those of the tokens (word-edge expansion is the
    caller's job, since it needs the text).
    """
    spans = []
    if probs.shape[0] == 0:
        return spans
    above = probs >= np.asarray(thresholds)[None, :]
    for j in np.flatnonzero(above.any(0)):
        col = above[:, j].astype(np.int8)
        edges = np.diff(np.concatenate(([0], col, [0])))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        for a, b in zip(starts, ends):
            spans.append((labels[j], int(offsets[a, 0]), int(offsets[b - 1, 1]), float(probs[a:b, j].mean())))
    spans.sort(key=lambda s: (s[1], -s[2], s[0]))
    return spans


def expand_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow ``[start, end)`` to whole words (letters, digits, apostrophes, hyphens), as
    :meth:`slant.document.Document.char_span` does with ``alignment="expand"``."""

    def is_word(i: int) -> bool:
        return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "'’-")

    while start > 0 and is_word(start) and is_word(start - 1):
        start -= 1
    while end < len(text) and is_word(end) and is_word(end - 1):
        end += 1
    return start, end
