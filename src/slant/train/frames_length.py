"""Frames micro F1 and calibration by text length, out of fold.

``python -m slant.train.frames_length RUN DATA OUT [--cuts 1,5,10,15,25,50,75,150] [--threads 1]``

Genre is not named under :data:`slant.analyze.persuasion.GENRE_MIN_WORDS` words (model card, "Genre on
short texts"); this asks whether the frames head needs the same rule. ``RUN`` is a :mod:`slant.train.cv`
run folder (``shipped.npz``, ``oof.npz``, ``unseen_ids.json``). The frames head is refitted on each of
the run's five folds of whole articles exactly as :func:`slant.train.cv.oof_predictions` fits it, and
calibrated and thresholded as :func:`slant.train.cv.install` does, on those out-of-fold logits. Each of
the articles the shipped encoder never saw is then cut to its title and first N words
(:func:`slant.train.genre_length.cut`), encoded as the run time encodes a text
(:func:`slant.train.genre.text_features`), and scored by the head of the fold that left it out, against
its whole article's gold frames. Writes ``OUT/frames_length.json``: per cut, the median words (title
included, :func:`slant.analyze.persuasion.genre_words`), micro F1 with a 95% interval (1000 resamples of
articles), precision, recall, frames selected per article, and the reliability of the (article, frame)
probabilities from 0.3 up.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from slant.analyze.persuasion import genre_words
from slant.models.heads import pool
from slant.train import stats
from slant.train.cv import (FRAMES_HEAD, FRAMES_RULE, calibrate, choose_rule, load_cache, mlp_logits, platt_all,
                            train_mlp)
from slant.train.genre_length import cut

CUTS = (1, 5, 10, 15, 25, 50, 75, 150)
#: the probability bins of the reliability rows (frames below 0.3 are almost never selected)
EDGES = (0.3, 0.5, 0.7, 0.9, 1.01)


def scores(p: np.ndarray, y: np.ndarray, thresholds: np.ndarray, seed: int = 0) -> dict:
    """Micro F1 [95%], precision, recall, frames selected per article and reliability of ``p``
    (articles x frames) against the gold ``y``."""
    y = y.astype(bool)
    s = p >= thresholds
    tp, npred, ng = (s & y).sum(1), s.sum(1), y.sum(1)

    def f1(i):
        return 2 * tp[i].sum() / (npred[i].sum() + ng[i].sum())

    ci_lo, ci_hi = stats.bootstrap(f1, len(p), seed=seed)
    flat_p, flat_y = p.ravel(), y.ravel()
    rel = []
    for lo, hi in zip(EDGES, EDGES[1:]):
        m = (flat_p >= lo) & (flat_p < hi)
        rel.append({"bin": [lo, min(hi, 1.0)], "n": int(m.sum()),
                    "mean_p": round(float(flat_p[m].mean()), 3) if m.any() else None,
                    "observed": round(float(flat_y[m].mean()), 3) if m.any() else None})
    return {"micro_f1": round(float(f1(slice(None))), 3),
            "ci": [round(float(ci_lo), 3), round(float(ci_hi), 3)],
            "precision": round(float(tp.sum() / max(npred.sum(), 1)), 3), "recall": round(float(tp.sum() / ng.sum()), 3),
            "selected_per_article": round(float(npred.mean()), 2), "none_selected": int((npred == 0).sum()),
            "gold_per_article": round(float(ng.mean()), 2), "reliability": rel}


def main(argv=None) -> int:
    import torch

    from slant.models.onnx_model import DEFAULT_MODEL_DIR
    from slant.train.genre import text_features

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run", type=Path)
    ap.add_argument("data", type=Path, help="the SemEval-2023 task 3 English folder")
    ap.add_argument("out", type=Path)
    ap.add_argument("--cuts", default=",".join(map(str, CUTS)))
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    t0 = time.time()
    c = load_cache(args.run / "shipped.npz")
    fold = np.load(args.run / "oof.npz")["fold"]
    art = np.stack([pool(c.states[c.tokens(i)]) for i in range(len(c.ids))])
    has = (c.frames[:, 0] >= 0) & (c.source == "semeval2023")
    heads, z = {}, np.zeros((len(c.ids), c.frames.shape[1]), np.float32)
    for f in range(int(fold.max()) + 1):
        train = (fold != f) & (fold >= 0) & has
        heads[f] = train_mlp(art[train], c.frames[train], **FRAMES_HEAD)
        z[fold == f] = mlp_logits(heads[f], art[fold == f])
    ab = platt_all(z[has], c.frames[has])
    thresholds = np.array(choose_rule(calibrate(z[has], ab), c.frames[has], **FRAMES_RULE)["thresholds"])
    unseen = set(json.loads((args.run / "unseen_ids.json").read_text()))
    arts = [i for i in np.flatnonzero(has) if str(c.ids[i]) in unseen]
    folder = args.data / "train-articles-subtask-3"
    texts = [(folder / f"article{c.ids[i]}.txt").read_text(encoding="utf-8") for i in arts]
    gold = c.frames[arts]
    report = {"articles": len(arts), "whole (validation cache)": scores(calibrate(z[arts], ab), gold, thresholds)}
    for n in [int(x) for x in args.cuts.split(",")] + [0]:
        versions = [cut(t, n) if n else t for t in texts]
        x = text_features(versions, DEFAULT_MODEL_DIR, None, args.threads, log=lambda *_: None)
        zc = np.stack([mlp_logits(heads[int(fold[i])], x[k:k + 1])[0] for k, i in enumerate(arts)])
        name = f"title + {n} words" if n else "whole"
        report[name] = {"median_words": int(np.median([genre_words(v) for v in versions])),
                        **scores(calibrate(zc, ab), gold, thresholds)}
        print(name, {k: v for k, v in report[name].items() if k != "reliability"}, f"{time.time() - t0:.0f} s",
              flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "frames_length.json").write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
