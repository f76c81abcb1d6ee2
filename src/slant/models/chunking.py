"""Tokenise, chunk and stitch: the one place that decides how an article meets the encoder.

Training (``slant.train``) and inference (``slant.models.onnx_model``) both import this module, so
the windows a model was trained on are exactly the windows it sees at run time. Nothing here
needs torch: tokenisation uses the ``tokenizers`` library and everything else is numpy.

An article is tokenised once without special tokens. Its token ids are cut into windows of at
most ``window`` tokens that overlap by ``overlap`` tokens; each window becomes one chunk
``[CLS] ids [SEP]``. After the encoder pass every token takes its hidden state from the window in
which it lies furthest from an edge (ties go to the earlier window), so each token is read with
as much context on both sides as the chunking allows, and the choice never depends on batching.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from slant.errors import ModelError

#: 256 positions per chunk (254 article tokens + [CLS] + [SEP]): the length the model was trained
#: on. Longer chunks cost more per token in attention and gave no measurable gain here.
CHUNK_TOKENS = 256
WINDOW_TOKENS = CHUNK_TOKENS - 2
#: 32 tokens of overlap: every token keeps at least 16 tokens of context on its short side,
#: for 14% extra tokens (stride 222 instead of 254).
OVERLAP_TOKENS = 32

CLS_ID = 101  # BERT uncased vocabulary ids, checked against the tokenizer in load_tokenizer
SEP_ID = 102
PAD_ID = 0


@dataclass(slots=True)
class Encoded:
    """One article tokenised: token ids and their character offsets into the text."""

    ids: np.ndarray  # (n,) int64
    offsets: np.ndarray  # (n, 2) int64, [start, end) in the text

    def __len__(self) -> int:
        return int(self.ids.shape[0])


def load_tokenizer(path: str | Path):
    """Load ``tokenizer.json`` with truncation and padding switched off (we chunk ourselves)."""
    from tokenizers import Tokenizer

    path = Path(path)
    if path.is_dir():
        path = path / "tokenizer.json"
    if not path.is_file():
        raise ModelError(f"tokenizer file {path} is missing")
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    if tokenizer.token_to_id("[CLS]") != CLS_ID or tokenizer.token_to_id("[SEP]") != SEP_ID:
        raise ModelError(f"tokenizer {path} is not the BERT uncased vocabulary the model expects")
    return tokenizer


def encode(tokenizer, text: str) -> Encoded:
    """Tokenise ``text`` without special tokens, keeping character offsets."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    return _to_encoded(enc)


def encode_batch(tokenizer, texts: Sequence[str]) -> list[Encoded]:
    """Tokenise several texts (the tokenizers library parallelises this in Rust)."""
    return [_to_encoded(e) for e in tokenizer.encode_batch(list(texts), add_special_tokens=False)]


def _to_encoded(enc) -> Encoded:
    ids = np.asarray(enc.ids, dtype=np.int64)
    offsets = np.asarray(enc.offsets, dtype=np.int64).reshape(-1, 2)
    return Encoded(ids, offsets)


def plan_windows(n_tokens: int, window: int = WINDOW_TOKENS, overlap: int = OVERLAP_TOKENS) -> list[tuple[int, int]]:
    """Token windows ``[start, end)`` covering ``n_tokens`` with the given overlap.

    An empty article still gets one empty window so that every article yields a chunk.
    """
    if window <= overlap or window < 1:
        raise ValueError(f"window ({window}) must be larger than overlap ({overlap})")
    if n_tokens <= window:
        return [(0, n_tokens)]
    stride = window - overlap
    windows = []
    start = 0
    while True:
        end = min(start + window, n_tokens)
        windows.append((start, end))
        if end >= n_tokens:
            break
        start += stride
    return windows


def stitch_index(n_tokens: int, windows: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """For each token: which window it is read from, and its position inside that chunk.

    The position counts the leading [CLS], so ``hidden[chunk, position]`` is the token's state.
    Each token takes the window where its distance to the nearest window edge is largest;
    ties go to the earlier window.
    """
    best_chunk = np.zeros(n_tokens, dtype=np.int64)
    best_pos = np.zeros(n_tokens, dtype=np.int64)
    best_dist = np.full(n_tokens, -1, dtype=np.int64)
    for k, (start, end) in enumerate(windows):
        if end <= start:
            continue
        idx = np.arange(start, end)
        dist = np.minimum(idx - start, end - 1 - idx)
        better = dist > best_dist[start:end]
        best_dist[start:end] = np.where(better, dist, best_dist[start:end])
        best_chunk[start:end] = np.where(better, k, best_chunk[start:end])
        best_pos[start:end] = np.where(better, idx - start + 1, best_pos[start:end])
    if n_tokens and (best_dist < 0).any():
        raise ValueError("windows do not cover every token")
    return best_chunk, best_pos


def chunk_rows(chunk_index: np.ndarray, n_chunks: int) -> np.ndarray:
    """Token rows ``[rows[k], rows[k + 1])`` read from chunk ``k`` (contiguous: windows go in text order)."""
    return np.searchsorted(chunk_index, np.arange(n_chunks + 1), side="left")


class Stitcher:
    """Per-text token arrays filled chunk by chunk as encoder batches come back.

    Holding every chunk's output until the end doubled the memory of a long text (a 1 MB
    paragraph: ~1,000 chunks of 256 x 384 floats, as much again as the stitched states).
    """

    def __init__(self, plans: Sequence[tuple[int, np.ndarray, np.ndarray]]):
        # plans: per text (number of tokens, chunk_index, positions), from stitch_index
        self.plans = plans
        self.rows = [chunk_rows(ci, int(ci.max()) + 1 if len(ci) else 0) for _, ci, _ in plans]
        self.arrays: list[np.ndarray | None] = [None] * len(plans)

    def put(self, text: int, chunk: int, values: np.ndarray) -> None:
        """``values`` (chunk length, width): the chunk's outputs, [CLS] first."""
        n, _, positions = self.plans[text]
        if self.arrays[text] is None:
            self.arrays[text] = np.zeros((n, values.shape[-1]), dtype=np.float32)
        rows = self.rows[text]
        if chunk + 1 >= len(rows):
            return
        a, b = int(rows[chunk]), int(rows[chunk + 1])
        if b > a:
            first = int(positions[a])
            self.arrays[text][a:b] = values[first:first + (b - a)]

    def result(self, text: int, width: int) -> np.ndarray:
        array = self.arrays[text]
        return array if array is not None else np.zeros((self.plans[text][0], width), dtype=np.float32)


def chunk_ids(ids: np.ndarray, windows: Sequence[tuple[int, int]]) -> list[np.ndarray]:
    """The chunks ``[CLS] ids[start:end] [SEP]`` for each window."""
    return [np.concatenate(([CLS_ID], ids[s:e], [SEP_ID])).astype(np.int64) for s, e in windows]


def pad_chunks(chunks: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Pad chunks to the longest one: ``(input_ids, attention_mask)``, both (batch, length) int64."""
    length = max(len(c) for c in chunks)
    input_ids = np.full((len(chunks), length), PAD_ID, dtype=np.int64)
    mask = np.zeros((len(chunks), length), dtype=np.int64)
    for i, c in enumerate(chunks):
        input_ids[i, :len(c)] = c
        mask[i, :len(c)] = 1
    return input_ids, mask


def token_ranges(offsets: np.ndarray, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token index range ``[a, b)`` of the tokens starting inside each character span.

    Tokens are in text order, so the tokens of a span are contiguous; a span without tokens
    (punctuation the tokenizer dropped, an empty line) gets an empty range.
    """
    starts = offsets[:, 0] if len(offsets) else np.zeros(0, dtype=np.int64)
    out = []
    for start, end in spans:
        a = int(np.searchsorted(starts, start, side="left"))
        b = int(np.searchsorted(starts, end, side="left"))
        out.append((a, max(a, b)))
    return out


def stitch(hidden: np.ndarray, chunk_rows: np.ndarray, chunk_index: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Gather per-token rows from a batch output ``hidden`` (chunks, length, ...).

    ``chunk_rows[k]`` is the batch row of the article's k-th window.
    """
    return hidden[chunk_rows[chunk_index], positions]
