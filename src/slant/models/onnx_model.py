"""Run the shipped persuasion model with onnxruntime (no torch needed).

One :class:`PersuasionModel` per process and model folder (:func:`get_model` caches it); its
onnxruntime session is created lazily on first use. :meth:`PersuasionModel.predict` takes many
articles at once and batches their chunks together, sorted by length so little is padded.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from slant.errors import ModelError
from slant.models import chunking
from slant.models.heads import NumpyHead, calibrate, load_heads, run_heads, sigmoid

#: The model shipped inside the package.
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "persuasion"
CONFIG_NAME = "persuasion.json"
#: Chunks per onnxruntime call: 1. Dynamic int8 quantisation scales activations per call, so in a
#: batch of 8 a chunk's token probabilities moved by up to 0.08 with its batch-mates; one chunk per
#: call makes every article's result independent of what it is analysed with, and measured no
#: slower here (32 chunks of 256 tokens: 2.7-3.1 s at batch 1, 3.0-3.2 s at batch 8, interleaved).
DEFAULT_BATCH_CHUNKS = 1


@dataclass
class Prediction:
    """Model outputs for one article."""

    offsets: np.ndarray  # (n, 2) token character offsets
    token_probs: np.ndarray  # (n, techniques)
    heads: dict[str, np.ndarray]  # head name -> probabilities ((P, labels) or (labels,))
    states: np.ndarray | None = None  # (n, hidden) stitched encoder states, when asked for


class PersuasionModel:
    """The encoder + token head (ONNX) and the pooled heads (numpy) of one model folder."""

    def __init__(self, model_dir: str | Path | None = None, *, threads: int | None = None,
                 onnx_name: str | None = None):
        self.model_dir = Path(model_dir) if model_dir else DEFAULT_MODEL_DIR
        config_path = self.model_dir / CONFIG_NAME
        if not config_path.is_file():
            raise ModelError(f"no persuasion model in {self.model_dir} ({CONFIG_NAME} is missing)")
        self.config = json.loads(config_path.read_text(encoding="utf-8"))
        self.onnx_path = self.model_dir / (onnx_name or self.config["onnx"])
        if not self.onnx_path.is_file():
            raise ModelError(f"model file {self.onnx_path} is missing")
        self.threads = threads or int(os.environ.get("SLANT_THREADS", 0)) or min(2, os.cpu_count() or 1)
        self.token_labels: tuple[str, ...] = tuple(self.config["token_labels"])
        self.tokenizer = chunking.load_tokenizer(self.model_dir / "tokenizer.json")
        self.heads: dict[str, NumpyHead] = load_heads(self.model_dir / "heads.npz", self.config["heads"])
        self.thresholds = {k: np.asarray(v, dtype=np.float32) for k, v in self.config["thresholds"].items()}
        #: Platt parameters (labels, 2) per output, fitted on out-of-fold predictions (absent: raw sigmoid)
        self.calibration = {k: np.asarray(v, dtype=np.float64) for k, v in self.config.get("calibration", {}).items()}
        #: techniques too rare to learn: left out of default output (see the model card)
        self.hidden_techniques = frozenset(self.config.get("hidden_techniques", ()))
        #: span-decoding settings chosen out of fold (absent: slant.models.span_decoding's defaults)
        sd = self.config.get("span_decoding", {})
        self.span_decoding: dict = {}
        if "gap_words" in sd:
            self.span_decoding["gap_words"] = int(sd["gap_words"])
        if "sentence_level" in sd:
            self.span_decoding["sentence_level"] = frozenset(sd["sentence_level"])
        if sd.get("extend_threshold") is not None:  # hysteresis: runs grow over tokens at/above this
            self.span_decoding["extend_threshold"] = float(sd["extend_threshold"])
        #: a span is kept only where the paragraph head gives its technique at least this (0: all)
        self.paragraph_floor = float(sd.get("paragraph_floor", 0.0))
        self.window = int(self.config.get("chunk_tokens", chunking.CHUNK_TOKENS)) - 2
        self.overlap = int(self.config.get("overlap_tokens", chunking.OVERLAP_TOKENS))
        self._session = None
        self._lock = threading.Lock()

    @property
    def session(self):
        """The onnxruntime session, created on first use."""
        if self._session is None:
            with self._lock:
                if self._session is None:
                    import onnxruntime as ort

                    options = ort.SessionOptions()
                    options.intra_op_num_threads = self.threads
                    options.inter_op_num_threads = 1
                    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
                    # No busy-waiting between ops: on the shared 2-core box 12 chunks took 2.3-2.5 s
                    # without spinning but 4.6-35.7 s with it (threads spin while their partner is
                    # descheduled); on an idle machine the difference is a few percent.
                    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
                    # Tried (session 11, the 144 chunks of bench_model's 48 articles, CPU seconds per
                    # pass, alternating, load 5-12): every option below gave bit-identical outputs and
                    # none used measurably less CPU than these settings (4.7-5.5 s): one thread; two
                    # chunks at once on one-thread runs; session.dynamic_block_base=4;
                    # set_denormal_as_zero; a pre-optimised model file (session creation is 20-30 ms
                    # CPU either way); QAttention split into DynamicQuantizeMatMul + MultiHeadAttention
                    # (5.1-5.5 s). Batches of 4 or 8 chunks cost more (5.4 s, 5.8-6.1 s) and change
                    # outputs even unpadded (four 256-token chunks: token logits moved by up to 1.06).
                    # The time is in the kernels (1 thread, onnxruntime's profiler): QAttention 42-47%,
                    # DynamicQuantizeMatMul 31-34%, SkipLayerNormalization 13-15%, BiasGelu 7-10%.
                    try:
                        self._session = ort.InferenceSession(str(self.onnx_path), options,
                                                             providers=["CPUExecutionProvider"])
                    except Exception as exc:  # onnxruntime raises its own exception types
                        raise ModelError(f"cannot load {self.onnx_path}: {exc}") from None
                    self._input_names = {i.name for i in self._session.get_inputs()}
        return self._session

    def encode_chunks(self, input_ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """One encoder pass over a padded batch: (hidden states, token logits)."""
        feeds = {"input_ids": input_ids, "attention_mask": mask}
        session = self.session
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(input_ids)
        hidden, logits = session.run(["last_hidden_state", "token_logits"], feeds)
        return hidden, logits

    def predict(self, texts: Sequence[str], paragraphs: Sequence[Sequence[tuple[int, int]]],
                batch_chunks: int = DEFAULT_BATCH_CHUNKS, keep_states: bool = False) -> list[Prediction]:
        """Outputs of every head for each article; ``paragraphs`` are character spans per article.

        ``keep_states`` also returns the stitched encoder states, for heads run later on the same pass.
        """
        encoded = chunking.encode_batch(self.tokenizer, texts)
        plans = []
        all_chunks: list[tuple[int, int, np.ndarray]] = []  # (article, window index, ids)
        for a, enc in enumerate(encoded):
            windows = chunking.plan_windows(len(enc), self.window, self.overlap)
            cidx, pos = chunking.stitch_index(len(enc), windows)
            plans.append((len(enc), cidx, pos))
            for k, ids in enumerate(chunking.chunk_ids(enc.ids, windows)):
                all_chunks.append((a, k, ids))
        # Each chunk's hidden states and logits go into the articles' token arrays as its batch
        # comes back (contiguous rows per chunk), never held per chunk: linear time and memory.
        states = chunking.Stitcher(plans)
        token_logits = chunking.Stitcher(plans)
        width = 384
        order = sorted(range(len(all_chunks)), key=lambda i: len(all_chunks[i][2]))
        for b in range(0, len(order), batch_chunks):
            items = [all_chunks[i] for i in order[b:b + batch_chunks]]
            input_ids, mask = chunking.pad_chunks([ids for _, _, ids in items])
            hidden, logits = self.encode_chunks(input_ids, mask)
            width = hidden.shape[-1]
            for row, (a, k, ids) in enumerate(items):
                states.put(a, k, hidden[row, :len(ids)])
                token_logits.put(a, k, logits[row, :len(ids)])
        out = []
        for a, enc in enumerate(encoded):
            tokens = states.result(a, width)
            tlogits = token_logits.result(a, len(self.token_labels))
            ranges = chunking.token_ranges(enc.offsets, paragraphs[a])
            heads = run_heads(self.heads, tokens, tlogits, ranges, texts[a])
            for name, params in self.calibration.items():
                if name in heads:
                    heads[name] = calibrate(heads[name], params)
            tok = self.calibration.get("tokens")
            token_probs = sigmoid(tlogits) if tok is None else sigmoid(tlogits * tok[:, 0] + tok[:, 1]).astype(np.float32)
            out.append(Prediction(enc.offsets, token_probs, heads, tokens if keep_states else None))
            states.arrays[a] = token_logits.arrays[a] = None  # free as we go
        return out


_MODELS: dict[tuple[str, int | None, str | None], PersuasionModel] = {}
_MODELS_LOCK = threading.Lock()


def get_model(model_dir: str | Path | None = None, threads: int | None = None,
              onnx_name: str | None = None) -> PersuasionModel:
    """The process-wide model for ``model_dir`` (loaded once, session created on first use)."""
    key = (str(Path(model_dir).resolve()) if model_dir else str(DEFAULT_MODEL_DIR), threads, onnx_name)
    with _MODELS_LOCK:
        if key not in _MODELS:
            _MODELS[key] = PersuasionModel(model_dir, threads=threads, onnx_name=onnx_name)
        return _MODELS[key]
