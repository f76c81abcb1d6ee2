"""Cache the encoder states of the SemEval training texts once, for cross-validated heads.

``python -m slant.train.cv_cache DATA OUT --encoder shipped|minilm [--extra-2021 DIR]`` writes
``OUT/<encoder>.npz``: every text's stitched token states (float16, concatenated), its token
logits from the shipped token head (shipped encoder only), token offsets, token technique labels,
paragraph token ranges and labels, frames and genre. Chunking is :mod:`slant.models.chunking`'s,
one chunk per encoder call as at run time (dynamic int8 quantisation depends on the batch).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from slant.models import chunking


def shipped_encoder(model_dir: Path, threads: int):
    import onnxruntime as ort

    config = json.loads((model_dir / "persuasion.json").read_text())
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = ort.InferenceSession(str(model_dir / config["onnx"]), options, providers=["CPUExecutionProvider"])
    names = {i.name for i in session.get_inputs()}

    def run(ids, mask):
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden, logits = session.run(["last_hidden_state", "token_logits"], feeds)
        return hidden, logits

    return run


def minilm_encoder(threads: int, onnx: Path | None = None):
    if onnx is not None:
        from slant.train.encoder_states import onnx_encoder

        enc = onnx_encoder(onnx, threads)
    else:
        from slant.train.encoder_states import torch_encoder

        enc = torch_encoder(threads=threads)
    return lambda ids, mask: (enc(ids, mask), None)


def encode_all(run, encodings, batch_chunks: int = 1):
    """Stitched (states, logits-or-None) per text."""
    states, logits = [], []
    for n, enc in enumerate(encodings):
        windows = chunking.plan_windows(len(enc))
        cidx, pos = chunking.stitch_index(len(enc), windows)
        chunks = chunking.chunk_ids(enc.ids, windows)
        hs, ls = [], []
        for b in range(0, len(chunks), batch_chunks):
            ids, mask = chunking.pad_chunks(chunks[b:b + batch_chunks])
            h, l = run(ids, mask)
            for r in range(len(ids)):
                hs.append(h[r])
                ls.append(None if l is None else l[r])
        if len(enc):
            states.append(np.stack([hs[c][p] for c, p in zip(cidx, pos)]).astype(np.float16))
            logits.append(None if ls[0] is None else np.stack([ls[c][p] for c, p in zip(cidx, pos)]).astype(np.float32))
        else:
            states.append(np.zeros((0, 384), np.float16))
            logits.append(None if ls[0] is None else np.zeros((0, 23), np.float32))
        if n % 50 == 0:
            print(f"  {n}/{len(encodings)} texts", flush=True)
    return states, logits


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--encoder", choices=["shipped", "minilm"], required=True)
    ap.add_argument("--minilm-onnx", default=None)
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--extra-2021", default=None)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    from slant.models.onnx_model import DEFAULT_MODEL_DIR
    from slant.train.data import load_semeval2021, load_semeval2023

    model_dir = Path(args.model_dir) if args.model_dir else DEFAULT_MODEL_DIR
    tok = chunking.load_tokenizer(model_dir / "tokenizer.json")
    t0 = time.time()
    examples, _ = load_semeval2023(args.data, tok)
    if args.extra_2021:
        examples += load_semeval2021(args.extra_2021, tok)[0]
    run = shipped_encoder(model_dir, args.threads) if args.encoder == "shipped" else \
        minilm_encoder(args.threads, Path(args.minilm_onnx) if args.minilm_onnx else None)
    states, logits = encode_all(run, [ex.enc for ex in examples])
    lengths = np.array([len(ex.enc) for ex in examples])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    arrays = {
        "lengths": lengths,
        "states": np.concatenate(states),
        "offsets": np.concatenate([ex.enc.offsets for ex in examples]),
        "token_labels": np.concatenate([ex.token_labels for ex in examples]).astype(np.uint8),
        "par_counts": np.array([len(ex.paragraphs) for ex in examples]),
        "par_ranges": np.concatenate([np.asarray(ex.paragraphs, dtype=np.int64).reshape(-1, 2) for ex in examples]),
        "par_lines": np.concatenate([np.asarray(ex.paragraph_lines, dtype=np.int64) for ex in examples]),
        "par_labels": np.concatenate([ex.paragraph_labels for ex in examples]).astype(np.uint8),
        "frames": np.stack([ex.frames if ex.frames is not None else np.full(14, -1, np.float32) for ex in examples]),
        "genre": np.array([-1 if ex.genre is None else ex.genre for ex in examples]),
        "ids": np.array([ex.id for ex in examples]),
        "source": np.array([ex.source for ex in examples]),
    }
    if logits[0] is not None:
        arrays["token_logits"] = np.concatenate(logits)
    np.savez(out / f"{args.encoder}.npz", **arrays)
    (out / f"{args.encoder}.texts.json").write_text(json.dumps({ex.id: ex.text for ex in examples}))
    (out / f"{args.encoder}.spans.json").write_text(json.dumps({ex.id: ex.gold_spans for ex in examples}))
    print(f"{len(examples)} texts, {lengths.sum()} tokens, {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
