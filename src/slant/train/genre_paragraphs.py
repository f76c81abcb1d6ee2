"""Paragraph-level encoder states of the genre texts (session 12, issue 12).

``python -m slant.train.genre_paragraphs DATA OUT [--threads 1]`` encodes every text of
:mod:`slant.train.genre_data` once with the shipped encoder, chunked as at run time, and keeps for each of
its paragraphs (a non-empty line; the genre texts are laid out a paragraph per line, the title first) the
mean of its token states: the same per-paragraph mean the run time already computes for the paragraph
head (:func:`slant.models.heads.paragraph_features`), so a genre head reading them costs no second pass.
Cached by text hash in ``OUT/genre_paragraphs.npz`` (``keys``, ``counts``: paragraphs per text, ``means``:
float16 rows, the texts' paragraphs one after another).

:func:`paragraph_pools` turns them into one row per text: the mean, max and spread over the body
paragraphs, and the mean of the first ``lede`` body paragraphs (a report's lede says who did what; an
opinion piece's opening sets up an argument).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

import numpy as np

#: body paragraphs read as the lede
LEDE = 2
#: width of one paragraph mean (the encoder's hidden size)
HIDDEN = 384


def text_paragraph_means(texts: list[str], model_dir: Path, threads: int = 1, log=print) -> list[np.ndarray]:
    """Per text, one row per non-empty line: the mean of the encoder's token states over that line."""
    from slant.models import chunking, heads
    from slant.train.cv_cache import encode_all, shipped_encoder
    from slant.train.genre_probe import line_paragraphs

    tok = chunking.load_tokenizer(model_dir / "tokenizer.json")
    run = shipped_encoder(model_dir, threads)
    out = []
    for lo in range(0, len(texts), 50):
        part = texts[lo:lo + 50]
        encs = chunking.encode_batch(tok, part)
        states, _ = encode_all(run, encs)
        for text, enc, st in zip(part, encs, states):
            ranges = chunking.token_ranges(enc.offsets, line_paragraphs(text))
            feats = heads.paragraph_features(st.astype(np.float32), np.zeros((len(st), 0), np.float32), ranges)
            out.append(feats[:, :st.shape[-1]].astype(np.float16))
        log(f"{lo + len(part)}/{len(texts)} texts")
    return out


def cached_paragraph_means(texts: list[str], model_dir: Path, cache: Path, threads: int = 1,
                           log=print) -> list[np.ndarray]:
    """:func:`text_paragraph_means`, cached by text hash in ``cache`` (a changed text is encoded again)."""
    keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
    have: dict[str, np.ndarray] = {}
    if cache.exists():
        d = np.load(cache)
        bounds = np.r_[0, np.cumsum(d["counts"])]
        have = {k: d["means"][bounds[i]:bounds[i + 1]] for i, k in enumerate(d["keys"])}
    todo = sorted({i for i, k in enumerate(keys) if k not in have})
    log(f"{len(texts)} texts, {len(todo)} to encode")
    if todo:
        for i, m in zip(todo, text_paragraph_means([texts[i] for i in todo], model_dir, threads, log)):
            have[keys[i]] = m
        ks = list(have)
        np.savez(cache, keys=np.array(ks), counts=np.array([len(have[k]) for k in ks]),
                 means=np.concatenate([have[k] for k in ks]) if ks else np.zeros((0, HIDDEN), np.float16))
    return [have[k] for k in keys]


def paragraph_pools(means: np.ndarray, lede: int = LEDE) -> np.ndarray:
    """One row for a text's paragraph means (title first): [mean, max, std over the body paragraphs,
    mean of the first ``lede`` body paragraphs] (4 x width). A text with no body uses its title."""
    m = np.asarray(means, np.float32)
    width = m.shape[1] if m.ndim == 2 else HIDDEN
    if len(m) == 0:
        return np.zeros(4 * width, np.float32)
    body = m[1:] if len(m) > 1 else m
    return np.concatenate([body.mean(0), body.max(0), body.std(0), body[:lede].mean(0)]).astype(np.float32)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--model-dir", default=None, help="the encoder (default: the shipped model)")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    from slant.models.onnx_model import DEFAULT_MODEL_DIR
    from slant.train.genre_data import load_all

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    texts = load_all(Path(args.data))
    t0 = time.time()
    means = cached_paragraph_means([t.text for t in texts], Path(args.model_dir) if args.model_dir
                                   else DEFAULT_MODEL_DIR, out / "genre_paragraphs.npz", args.threads)
    print(f"{len(means)} texts, {sum(len(m) for m in means)} paragraphs, {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
