"""Paragraph heads trained toward the team's mostly-reporting mix, scored out of fold (session 14, issue 12).

``python -m slant.train.technique_reweight RUN OUT [--rounds N]``

RUN is :mod:`slant.train.cv`'s run folder (``shipped.npz``, ``oof.npz``, ``shipped.texts.json``); the
out-of-fold paragraph logits of each variant are written to ``OUT/oof_<name>.npz`` (an existing file
is reused) and the report to ``OUT/technique_reweight.json``. The training articles are 41 reporting,
382 opinion, 3 satire; the team scores 54/20/9. Variants of the paragraph head (the frames head is
not touched), each trained on the same folds as the shipped head's out-of-fold run:

- ``cap<C>``: importance weights, the covariate-shift correction toward the team's mix: each
  reporting (satire) article's paragraphs weigh the team-to-training ratio of reporting (satire)
  relative to opinion's (25 and 57 at 54/20/9), capped at ``C``; opinion, unlabelled and SemEval-2021
  texts weigh 1 (:func:`genre_weights`);
- ``w2021_<W>``: the SemEval-2021 texts weigh ``W`` (with cap 2 as ``cap2_w2021_<W>``);
- ``aux``: multi-task, the article's genre (reporting, satire) as two extra targets of every
  paragraph, dropped at prediction;
- ``role``: five features of the paragraph's role in a report appended to its inputs
  (:func:`role_features`: a quotation mark inside, an attribution verb, relative position, first
  paragraph, length).

Each is decided the shipped way (calibration and rule of each fold fitted on the other folds,
:func:`slant.train.cv.cross_fitted`) and scored as :mod:`slant.train.technique_forecast` scores the
shipped head: at the team's mix and at the training mix, with paired gains over the shipped head on
the same within-genre resamples, and the flood ratios. ``nested`` picks, for each fold, the variant
(shipped included) with the best team's-mix micro F1 on the other folds among those keeping the
flood caps at both mixes, so the cap is chosen out of fold. ``--seed``: every head, the shipped one
included, trained with another seed (how much of a gain is the training's noise).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import numpy as np

from slant.analyze.taxonomy import GENRES
from slant.train import cv
from slant.train import technique_forecast as tf
from slant.train.genre_forecast import TEAM_MIX

#: name -> (cap of the genre weights, weight of the SemEval-2021 texts, extra target, role features)
VARIANTS = {
    "cap2": (2.0, 1.0, False, False),
    "cap4": (4.0, 1.0, False, False),
    "cap8": (8.0, 1.0, False, False),
    "cap16": (16.0, 1.0, False, False),
    "w2021_0.5": (1.0, 0.5, False, False),
    "w2021_2": (1.0, 2.0, False, False),
    "w2021_0": (1.0, 0.0, False, False),
    "cap2_w2021_0.5": (2.0, 0.5, False, False),
    "cap2_w2021_2": (2.0, 2.0, False, False),
    "aux": (1.0, 1.0, True, False),
    "cap2_aux": (2.0, 1.0, True, False),
    "role": (1.0, 1.0, False, True),
}

_QUOTE = re.compile(r"[\"\u201c\u201d]")
_ATTRIBUTION = re.compile(r"\b(said|says|told|according to|added|stated|asked|announced|explained|wrote)\b", re.I)


def genre_weights(genre: np.ndarray, scored: np.ndarray, cap: float, w2021: float = 1.0, mix=TEAM_MIX) -> np.ndarray:
    """A weight per text: a ``scored`` (SemEval-2023) article of genre g weighs ``mix[g] / n_g``
    relative to opinion's, clipped to [1, ``cap``]; opinion and unlabelled articles weigh 1, the other
    texts ``w2021``."""
    genre = np.asarray(genre)
    n = [max(1, int(((genre == g) & scored).sum())) for g in range(len(GENRES))]
    opinion = GENRES.index("opinion")
    w = np.where(scored, 1.0, w2021)
    for g in range(len(GENRES)):
        if g != opinion:
            rel = (mix[g] / n[g]) / (mix[opinion] / n[opinion])
            w[scored & (genre == g)] = max(1.0, min(cap, rel))
    return w


def role_features(c: cv.Cache, texts: dict[str, str]) -> np.ndarray:
    """Per paragraph: a quotation mark inside, an attribution verb, position in the article (0 first,
    1 last), first paragraph, log token count / 5."""
    rows = []
    for i in range(len(c.ids)):
        t, off, n = texts[str(c.ids[i])], c.offsets[c.tokens(i)], int(c.par_counts[i])
        for j, (a, b) in enumerate(c.par_ranges[c.pars(i)]):
            seg = t[int(off[a][0]):int(off[b - 1][1])] if b > a else ""
            rows.append([bool(_QUOTE.search(seg)), bool(_ATTRIBUTION.search(seg)), j / max(1, n - 1), j == 0,
                         np.log1p(b - a) / 5])
    return np.asarray(rows, np.float32).reshape(-1, 5)


def oof_variant(c: cv.Cache, x: np.ndarray, fold: np.ndarray, weights: np.ndarray, aux: bool,
                epochs: int, seed: int = cv.SEED, log=print) -> np.ndarray:
    """Out-of-fold paragraph logits of a head trained with per-text ``weights`` (and the genre targets)."""
    y = c.par_labels.astype(np.float32)
    if aux:
        scored = c.source == "semeval2023"
        extra = [np.repeat((np.asarray(c.genre) == GENRES.index(g)) & scored, c.par_counts) for g in ("reporting", "satire")]
        y = np.concatenate([y, np.stack(extra, 1)], 1).astype(np.float32)
    par_fold = np.repeat(fold, c.par_counts)
    wp = np.repeat(weights, c.par_counts)
    sw = None if np.all(wp == 1.0) else wp
    z = np.zeros(c.par_labels.shape, np.float32)
    t0 = time.time()
    for f in np.unique(fold[fold >= 0]):
        tr, va = par_fold != f, par_fold == f
        w = cv.train_mlp(x[tr], y[tr], epochs=epochs, seed=seed, sample_weight=None if sw is None else sw[tr])
        z[va] = cv.mlp_logits(w, x[va])[:, :z.shape[1]]
        log(f"  fold {f + 1} done, {time.time() - t0:.0f} s")
    return z


def flood_ratios(counts: np.ndarray, genres: np.ndarray, mix) -> list[float]:
    """Predicted/gold in all and the largest per technique with gold labels, at ``mix``
    (:func:`slant.train.technique_forecast.figures`' last two)."""
    return [round(float(v), 3) for v in tf.figures(counts, tf.mix_weights(genres, mix))[3:5]]


def scored(counts: np.ndarray, base: np.ndarray, genres: np.ndarray, pars: np.ndarray, rounds: int) -> dict:
    mixes = {"team_mix": TEAM_MIX, "train_mix": tf.train_mix(genres)}
    out = {k: tf.forecast(counts, genres, m, rounds) for k, m in mixes.items()}
    out.update({f"gain_{k}": tf.paired_gain(base, counts, genres, m, rounds) for k, m in mixes.items()})
    out["floods"] = {k: flood_ratios(counts, genres, m) for k, m in mixes.items()}
    out["by_genre"] = tf.by_genre(counts, genres, pars, rounds)
    return out


def nested_choice(logits: dict[str, np.ndarray], y: np.ndarray, art: np.ndarray, folds: np.ndarray,
                  genres_by_art: np.ndarray, **rule_kw) -> tuple[np.ndarray, list[str]]:
    """For each fold, the variant with the best team's-mix micro F1 on the other folds (decisions
    cross-fitted within them) among those keeping the flood caps at both mixes (the first listed on
    ties or if none does); the fold is decided by that variant's cross-fitted decisions."""
    full = {k: cv.cross_fitted(z, y, folds, **rule_kw)[1] for k, z in logits.items()}
    pred, chosen = np.zeros(y.shape, bool), []
    for k in np.unique(folds):
        tr = folds != k
        g = genres_by_art[np.unique(art[tr])]
        best, best_f1 = next(iter(logits)), -1.0
        for name, z in logits.items():
            counts = cv.per_article_counts(y[tr], cv.cross_fitted(z[tr], y[tr], folds[tr], **rule_kw)[1], art[tr])
            ok = tf.floods_ok(counts, g, np.ones(y.shape[1], bool), (TEAM_MIX, tf.train_mix(g)))
            f1 = tf.figures(counts, tf.mix_weights(g, TEAM_MIX))[0] if ok else -1.0
            if f1 > best_f1 + 1e-9:
                best, best_f1 = name, f1
        chosen.append(best)
        pred[folds == k] = full[best][folds == k]
    return pred, chosen


def report(run: Path, out: Path, variants=tuple(VARIANTS), rounds: int = 1000, seed: int = cv.SEED,
           log=print) -> dict:
    """Out-of-fold logits of each variant (trained with ``seed``; at another seed than the shipped
    head's the baseline ``shipped`` is the shipped head retrained with that seed) and their scores."""
    t0 = time.time()
    out.mkdir(parents=True, exist_ok=True)
    c = cv.load_cache(run / "shipped.npz")
    o = dict(np.load(run / "oof.npz"))
    s = {**cv.DEFAULTS, **json.loads((run / "oof_settings.json").read_text())}
    rule_kw = {k: s[k] for k in ("min_positives", "label_ratio", "total_ratio")}
    x = np.concatenate([cv.text_features(c, i, s["context"], s["shipped_token_logits"]) for i in range(len(c.ids))])
    texts = json.loads((run / "shipped.texts.json").read_text())
    scored_texts = c.source == "semeval2023"
    logits = {"shipped": o["par_logits"]}
    if seed != cv.SEED:
        variants = ("shipped", *(v for v in variants if v != "shipped"))
        logits = {}
    for name in variants:
        path = out / (f"oof_{name}.npz" if seed == cv.SEED else f"oof_{name}_seed{seed}.npz")
        if not path.is_file():
            cap, w2021, aux, role = VARIANTS.get(name, (1.0, 1.0, False, False))
            log(f"{name}: training")
            xv = np.concatenate([x, role_features(c, texts)], 1) if role else x
            z = oof_variant(c, xv, o["fold"], genre_weights(c.genre, scored_texts, cap, w2021), aux, s["par_epochs"],
                            seed, log)
            np.savez(path, fold=o["fold"], par_logits=z)
        logits[name] = np.load(path)["par_logits"]
    pm = np.repeat(scored_texts, c.par_counts)
    art = np.repeat(np.arange(len(c.ids)), c.par_counts)[pm]
    y = c.par_labels[pm].astype(bool)
    folds = np.repeat(o["fold"], c.par_counts)[pm]
    gba = np.asarray(c.genre)
    arts = np.unique(art)
    genres, pars = gba[arts], c.par_counts[arts]
    logits = {k: z[pm] for k, z in logits.items()}
    counts = {k: cv.per_article_counts(y, cv.cross_fitted(z, y, folds, **rule_kw)[1], art) for k, z in logits.items()}
    res: dict = {"run": str(run), "seed": seed, "variants": {k: list(VARIANTS[k]) for k in variants if k in VARIANTS},
                 "scores": {}}
    for k, cnt in counts.items():
        res["scores"][k] = scored(cnt, counts["shipped"], genres, pars, rounds)
    pred, chosen = nested_choice(logits, y, art, folds, gba, **rule_kw)
    res["scores"]["nested"] = {"chosen": chosen, **scored(cv.per_article_counts(y, pred, art), counts["shipped"],
                                                          genres, pars, rounds)}
    res["minutes"] = round((time.time() - t0) / 60, 1)
    (out / ("technique_reweight.json" if seed == cv.SEED else f"technique_reweight_seed{seed}.json")).write_text(json.dumps(res, indent=1, default=float))
    return res


def render(r: dict) -> str:
    lines = ["| variant | team's mix micro F1 [95% CI] | gain [95% CI] | training mix | gain [95% CI] | reporting | "
             "predicted/gold, largest technique (team / training) |", "|---|---|---|---|---|---|---|"]
    for k, d in r["scores"].items():
        rep = next((g for g in d["by_genre"] if g["genre"] == "reporting"), None)
        gain = (lambda g: f"{g['gain']:+.4f} [{g['ci'][0]:+.4f}, {g['ci'][1]:+.4f}]")
        name = k + (f" ({', '.join(d['chosen'])})" if "chosen" in d else "")
        t, tr = d["team_mix"], d["train_mix"]
        lines.append(f"| {name} | {t['micro_f1']:.4f} [{t['micro_f1_ci'][0]:.3f}, {t['micro_f1_ci'][1]:.3f}] | "
                     f"{gain(d['gain_team_mix']) if k != 'shipped' else ''} | {tr['micro_f1']:.4f} | "
                     f"{gain(d['gain_train_mix']) if k != 'shipped' else ''} | "
                     f"{rep['micro_f1'] if rep else ''} | {d['floods']['team_mix'][0]}, {d['floods']['team_mix'][1]} / "
                     f"{d['floods']['train_mix'][0]}, {d['floods']['train_mix'][1]} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m slant.train.technique_reweight", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", help="slant.train.cv's run folder")
    ap.add_argument("out", help="folder for the variants' out-of-fold logits and the report")
    ap.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated names of VARIANTS")
    ap.add_argument("--rounds", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=cv.SEED,
                    help="training seed of every head (another than the shipped head's retrains it as the baseline)")
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    r = report(Path(args.run), Path(args.out), tuple(args.variants.split(",")), args.rounds, args.seed)
    print(render(r))
    print(f"{r['minutes']} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
