"""Genre head (reporting / opinion / satire) on pooled encoder states, validated by held-out source.

``python -m slant.train.genre DATA OUT [--model-dir DIR]`` encodes every text of
:mod:`slant.train.genre_data` once (the shipped encoder, chunked as at run time), pools its token
states (mean and max, as the run-time article heads do) and trains the genre MLP. Validation holds
out one *source* at a time (a satire site collection, an editorial portal, a PolNeAR publisher,
Reuters; SemEval articles in 5 article folds), so a head that learnt "which corpus is this" scores
badly there. The reported figures are those held-out predictions; temperature scaling is fitted on
them; the shipped head is then trained on everything.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from slant.analyze.taxonomy import GENRES
from slant.train import cv


def pooled_states(texts: list[str], model_dir: Path, threads: int = 2, log=print) -> np.ndarray:
    from slant.models import chunking
    from slant.train.cv_cache import encode_all, shipped_encoder

    tok = chunking.load_tokenizer(model_dir / "tokenizer.json")
    encs = chunking.encode_batch(tok, texts)
    states, _ = encode_all(shipped_encoder(model_dir, threads), encs)
    return np.stack([cv.pool(s) for s in states])


def groups_of(sources: np.ndarray, ids: np.ndarray) -> np.ndarray:
    g = sources.astype(object).copy()
    sem = np.flatnonzero(sources == "semeval")
    rng = np.random.default_rng(cv.SEED)
    order = sem[rng.permutation(len(sem))]
    for n, i in enumerate(order):
        g[i] = f"semeval-fold{n % 5}"
    return g.astype(str)


def class_weights(y: np.ndarray) -> np.ndarray:
    counts = np.bincount(y, minlength=len(GENRES)).astype(np.float64)
    return (counts.sum() / np.maximum(counts, 1) / len(GENRES)) ** 0.5


def fit(x, y, epochs=40):
    return cv.train_mlp(x, y, loss="ce", epochs=epochs, batch=32, hidden=128,
                        dropout=0.3, smoothing=0.1, class_weight=class_weights(y))


def held_out_logits(x: np.ndarray, y: np.ndarray, groups: np.ndarray, epochs: int = 40) -> np.ndarray:
    out = np.zeros((len(y), len(GENRES)), np.float32)
    for g in np.unique(groups):
        tr, va = groups != g, groups == g
        w = fit(x[tr], y[tr], epochs)
        out[va] = cv.mlp_logits(w, x[va])
    return out


def softmax(z):
    z = z - z.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)


def fit_temperature(z: np.ndarray, y: np.ndarray) -> float:
    best = (1e9, 1.0)
    for t in np.round(np.arange(0.5, 5.01, 0.05), 2):
        p = softmax(z / t)
        nll = -np.log(np.clip(p[np.arange(len(y)), y], 1e-9, 1)).mean()
        if nll < best[0]:
            best = (nll, float(t))
    return best[1]


def decide(p: np.ndarray, floor: float = 0.5) -> np.ndarray:
    """argmax, or -1 ("uncertain") when no genre reaches ``floor``."""
    best = p.argmax(-1)
    return np.where(p.max(-1) >= floor, best, -1)


def report(p: np.ndarray, y: np.ndarray, sources: np.ndarray) -> dict:
    from slant.train.metrics import macro_f1_single

    pred = p.argmax(-1)
    dec = decide(p)
    out = {"macro_f1_argmax": round(macro_f1_single(y, pred, 3), 4),
           "uncertain_share": round(float((dec < 0).mean()), 4),
           "recall": {GENRES[c]: round(float((pred[y == c] == c).mean()), 4) for c in range(3) if (y == c).any()},
           "per_source": {}}
    for s in sorted(set(sources)):
        m = sources == s
        out["per_source"][s] = {"n": int(m.sum()), "accuracy": round(float((pred[m] == y[m]).mean()), 4),
                                "uncertain": int((dec[m] < 0).sum())}
    confusion = np.zeros((3, 3), int)
    np.add.at(confusion, (y, pred), 1)
    out["confusion"] = confusion.tolist()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--semeval-cache", default=None,
                    help="cv_cache .npz of the same encoder: reuse its SemEval article states instead of encoding them again")
    args = ap.parse_args(argv)
    import torch

    from slant.models.onnx_model import DEFAULT_MODEL_DIR
    from slant.train.genre_data import load_all

    torch.set_num_threads(args.threads)
    model_dir = Path(args.model_dir) if args.model_dir else DEFAULT_MODEL_DIR
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    texts = load_all(Path(args.data))
    ids = np.array([t.id for t in texts])
    y = np.array([t.genre for t in texts])
    sources = np.array([t.source for t in texts])
    cache = out / "genre_states.npz"
    if cache.is_file():
        x = np.load(cache)["x"]
    else:
        x = np.zeros((len(texts), 768), np.float32)
        todo = list(range(len(texts)))
        if args.semeval_cache:
            c = cv.load_cache(args.semeval_cache)
            row = {f"semeval-{i}": k for k, i in enumerate(c.ids) if c.source[k] == "semeval2023"}
            todo = []
            for n, t in enumerate(texts):
                if t.id in row:
                    x[n] = cv.pool(c.states[c.tokens(row[t.id])])
                else:
                    todo.append(n)
            del c
        x[todo] = pooled_states([texts[n].text for n in todo], model_dir, args.threads)
        np.savez(cache, x=x, ids=ids)
    groups = groups_of(sources, ids)
    z = held_out_logits(x, y, groups, args.epochs)
    temp = fit_temperature(z, y)
    p = softmax(z / temp)
    rep = {"texts": len(y), "temperature": temp, "held_out_by_source": report(p, y, sources)}
    rows, ece = cv.reliability(p, np.eye(3)[y])
    rep["ece"] = ece
    rep["reliability"] = rows
    w = fit(x, y, args.epochs)
    np.savez(out / "genre_head.npz", **w)
    rep["seconds"] = round(time.time() - t0, 1)
    (out / "genre_report.json").write_text(json.dumps(rep, indent=1))
    print(json.dumps(rep, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
