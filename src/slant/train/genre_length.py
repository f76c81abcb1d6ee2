"""Genre accuracy and calibration by text length, held out by outlet.

``python -m slant.train.genre_length DATA OUT [--cuts 25,50,75,100,150,200,300] [--threads 1]``

Users paste short items (a letter, a brief, a paragraph); the genre head was trained and validated on
whole articles. This scores the shipped recipe (``ensemble-v2.5``) on texts of every length it was not
trained on: for each of :func:`slant.train.genre.groups_of`'s 21 held-out groups (an outlet, a group of
satire sites, a SemEval fold) the head is fitted on the other groups' whole texts and predicts the
group's texts whole and cut to their title and first N words (:func:`cut`); each group's calibration is
fitted on the other groups' held-out logits of whole texts (as :func:`slant.train.genre.cross_fitted`),
so a cut text gets the probabilities a user's short text would get from a head that never saw its
outlet. Words are counted as the run time counts them (:func:`slant.analyze.persuasion.genre_words`,
title included).

Writes ``OUT/genre_length.npz`` (words, cross-fitted probabilities, genre, source of every version) and
``OUT/genre_length.json`` (accuracy, mean top probability, top-label ECE and the share decided, per
length bucket and genre, for the whole texts and for every cut). Encodings are cached by text hash in
``OUT/genre_features.npz`` (the same cache as :mod:`slant.train.genre`'s, so one can be copied in).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from slant.analyze.persuasion import GENRE_FLOOR, genre_words
from slant.analyze.taxonomy import GENRES
from slant.train import stats
from slant.train.genre import (cross_fitted, features, groups_of, held_out_logits, limit_torch_threads, prior_of,
                               text_features)

RECIPE = "ensemble-v2.5"
#: the lengths (body words after the title) the texts are cut to
CUTS = (25, 50, 75, 100, 150, 200, 300)
#: the buckets of the tables, in words of the text as given (title included): [lo, hi)
BUCKETS = (0, 50, 75, 100, 125, 150, 200, 300, 500, 1000, 10**9)


def cut(text: str, n: int) -> str:
    """The title (first line) and the first ``n`` words of the body, its line breaks kept."""
    title, _, body = text.partition("\n")
    out, left = [], n
    for line in body.strip("\n").split("\n"):
        if left <= 0:
            break
        words = line.split()
        out.append(" ".join(words[:left]))
        left -= len(words)
    return title + "\n\n" + "\n".join(w for w in out if w)


def body_words(text: str) -> int:
    return len(text.partition("\n")[2].split())


def bucket_name(lo: int, hi: int) -> str:
    return f"{lo}+" if hi >= 10**9 else f"{lo}-{hi - 1}"


def cell(p: np.ndarray, y: np.ndarray) -> dict:
    """n, accuracy (most probable genre), decided accuracy (none at 0.5 counts as a miss), the share
    decided, mean top probability and the top-label ECE (10 bins) of one cell."""
    if len(y) == 0:
        return {"n": 0}
    top, pred = p.max(-1), p.argmax(-1)
    right = pred == y
    sure = top >= GENRE_FLOOR
    _, ece = stats.reliability(top, right.astype(float), 10)
    return {"n": int(len(y)), "accuracy": round(float(right.mean()), 4),
            "decided_accuracy": round(float((right & sure).mean()), 4),
            "decided_share": round(float(sure.mean()), 4), "mean_top": round(float(top.mean()), 4),
            "ece": round(ece, 4),
            "wrong_and_sure": int((~right & sure).sum())}


def table(p: np.ndarray, y: np.ndarray, words: np.ndarray) -> dict:
    """Cells by length bucket and genre (and all genres together)."""
    out = {}
    for lo, hi in zip(BUCKETS[:-1], BUCKETS[1:]):
        m = (words >= lo) & (words < hi)
        if not m.any():
            continue
        row = {g: cell(p[m & (y == c)], y[m & (y == c)]) for c, g in enumerate(GENRES)}
        row["all"] = cell(p[m], y[m])
        out[bucket_name(lo, hi)] = row
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--cuts", default=",".join(map(str, CUTS)))
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--encode-only", action="store_true", help="fill the encoding cache and stop")
    args = ap.parse_args(argv)
    limit_torch_threads([RECIPE], args.threads)

    from slant.models.genre_style import style_features
    from slant.models.onnx_model import DEFAULT_MODEL_DIR
    from slant.train.genre_data import load_all

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cache = out / "genre_features.npz"
    t0 = time.time()
    texts = load_all(Path(args.data))
    y = np.array([t.genre for t in texts])
    sources = np.array([t.source for t in texts])
    sites = np.array([t.site for t in texts])
    groups = groups_of(sources, sites)
    cuts = [int(n) for n in args.cuts.split(",") if n]
    versions = {"full": [t.text for t in texts]}
    versions.update({f"w{n}": [cut(t.text, n) for t in texts] for n in cuts})
    xs = {}
    for name, vt in versions.items():
        print(f"{name}: encoding ({time.time() - t0:.0f} s)")
        pooled = text_features(vt, DEFAULT_MODEL_DIR, cache, args.threads)
        style = np.stack([style_features(t) for t in vt])
        xs[name] = features(pooled, style, RECIPE)
    if args.encode_only:
        return 0
    names = [n for n in versions if n != "full"]
    z_full, zs = held_out_logits(xs["full"], y, groups, RECIPE, sources, others=[xs[n] for n in names], log=print)
    p_full, ps = cross_fitted(z_full, y, groups, prior_of(RECIPE), others=zs)
    probs = {"full": p_full, **dict(zip(names, ps))}
    words = {n: np.array([genre_words(t) for t in vt]) for n, vt in versions.items()}
    body = np.array([body_words(t.text) for t in texts])
    np.savez(out / "genre_length.npz", y=y, sources=sources, groups=groups, body_words=body,
             **{f"probs_{n}": p for n, p in probs.items()}, **{f"words_{n}": w for n, w in words.items()},
             **{f"logits_{n}": z for n, z in zip(["full"] + names, [z_full] + zs)})
    rep = {"recipe": RECIPE, "texts": len(y), "natural": table(p_full, y, words["full"]), "cut": {}}
    for n in cuts:
        m = body > n  # the texts this cut shortens
        rep["cut"][str(n)] = {"texts_cut": int(m.sum()), "words_median": float(np.median(words[f"w{n}"][m])),
                              "by_genre": {g: cell(probs[f"w{n}"][m & (y == c)], y[m & (y == c)])
                                           for c, g in enumerate(GENRES)},
                              "by_source": {s: cell(probs[f"w{n}"][m & (sources == s)], y[m & (sources == s)])
                                            for s in sorted(set(sources.tolist()))},
                              "buckets": table(probs[f"w{n}"][m], y[m], words[f"w{n}"][m])}
    rep["full_by_source"] = {s: cell(p_full[sources == s], y[sources == s]) for s in sorted(set(sources.tolist()))}
    rep["seconds"] = round(time.time() - t0, 1)
    (out / "genre_length.json").write_text(json.dumps(rep, indent=1))
    print(json.dumps({"natural": rep["natural"], "seconds": rep["seconds"]}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
