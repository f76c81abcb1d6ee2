"""Genre head (reporting / opinion / satire) on the article's pooled encoder states, validated by held-out source.

``python -m slant.train.genre DATA OUT [--recipe lr-strong] [--compare lr,mlp] [--install MODEL_DIR]``
encodes every text of :mod:`slant.train.genre_data` once with the shipped encoder, chunked as at
run time (cached by text hash in ``OUT/genre_features.npz``), pools its token states (mean and max,
the features the run-time article heads already get: no second encoder pass) and trains the head.
A ``+style`` recipe also reads 13 style rates of the text (:mod:`slant.models.genre_style`:
attribution, quotation, first and second person, questions, exclamations, numbers, hedges,
evaluative and time words) with a logistic regression whose logits are added to the base head's:
the pooled states carry the topic, which differs between the corpora, the rates do not.
An ``ensemble`` recipe (v2.4: ``ensemble-v2.4``) adds the logits of several recipes' heads with
fixed weights (one of them, ``semeval-lr``, trained on SemEval's articles only), calibrates the sum
and assumes its own genre mix (``prior``); at run time it is still one Linear -> ReLU -> Linear head.

Validation holds out one *group* at a time, so every figure is that of an outlet the head never
saw: a group of satire sites (Golbeck's stories carry their site's URL: ``theonion.com``, ...),
an editorial portal, a PolNeAR publisher, Reuters, or one of 5 article folds of SemEval. Every
held-out group leaves all three genres in training. The head is a class-balanced logistic
regression on standardised features (less prone to learn a corpus than the v2 MLP). Calibration
(temperature and a bias per genre, fitted with the genres weighted equally, then moved to the
genre mix :data:`PRIOR`) is cross-fitted for the report: each group's probabilities are
calibrated on the other groups' held-out predictions. The shipped head is trained on everything,
with the calibration fitted on all held-out predictions folded into its last layer.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from slant.analyze.taxonomy import GENRES
from slant.train import cv, stats


def pooled_states(texts: list[str], model_dir: Path, threads: int = 2, log=print) -> np.ndarray:
    from slant.models import chunking
    from slant.train.cv_cache import encode_all, shipped_encoder

    tok = chunking.load_tokenizer(model_dir / "tokenizer.json")
    encs = chunking.encode_batch(tok, texts)
    states, _ = encode_all(shipped_encoder(model_dir, threads), encs)
    return np.stack([cv.pool(s) for s in states])


#: held-out folds of Golbeck's satire: its sites (``theonion.com``, ...) dealt into this many groups
SATIRE_SITE_GROUPS = 5
#: head recipes compared on source-held-out predictions (``lr``: logistic regression on standardised
#: features, C = inverse regularisation; ``mlp``: the v2 recipe)
RECIPES = {"lr": {"kind": "lr", "C": 0.05}, "lr-weak": {"kind": "lr", "C": 0.5},
           "lr-strong": {"kind": "lr", "C": 0.01}, "lr-stronger": {"kind": "lr", "C": 0.003},
           "mlp": {"kind": "mlp", "epochs": 40},
           # the MLP on the pooled states plus a logistic regression on the text's style rates
           # (slant.models.genre_style), their logits added (the style head's times its weight)
           "mlp+style": {"kind": "mlp", "epochs": 40, "style": {"C": 0.05, "weight": 1.0}},
           "lr-strong+style": {"kind": "lr", "C": 0.01, "style": {"C": 0.05, "weight": 1.0}},
           # v2.3: mlp+style with SemEval's training articles counted 3 times (its partisan reporting, its
           # opinion and its 10 satire articles are the only examples of the SemEval-style genres)
           "mlp+style+sem3": {"kind": "mlp", "epochs": 40, "style": {"C": 0.05, "weight": 1.0}, "semeval_weight": 3},
           # a logistic regression on the pooled states and the style rates trained on SemEval's articles only:
           # the one corpus whose reporting is partisan news (its boundary with opinion is not the wire-copy one)
           "semeval-lr": {"kind": "lr", "C": 0.05, "reads_style": True, "train_only": "semeval"},
           # v2.4: the logits of several heads added with these weights (each trained on its own recipe),
           # calibrated together; "prior" is the genre mix the probabilities assume (default PRIOR)
           "ensemble-v2.4": {"kind": "ensemble", "parts": [["mlp+style+sem3", 1.0], ["mlp", 1.5], ["semeval-lr", 0.25]],
                    "prior": [0.65, 0.1, 0.25]},
           # v2.5: v2.4's parts with v2.1 at weight 0.5, chosen by slant.train.genre_select with every
           # recall floor raised by 0.05 (reporting 0.85 on PolNeAR and Reuters, satire 0.65 on Golbeck)
           "ensemble-v2.5": {"kind": "ensemble", "parts": [["mlp+style+sem3", 1.0], ["mlp", 0.5], ["semeval-lr", 0.25]],
                    "prior": [0.65, 0.1, 0.25]}}
#: the width of the encoder's pooled states (mean and max); style rates come after them
POOLED = 768
#: the genre mix the probabilities assume (reporting, opinion, satire): the news Slant meets is mostly
#: reporting (the held-out sets too), while the training texts are mostly opinion
PRIOR = (0.5, 0.25, 0.25)


def groups_of(sources: np.ndarray, sites: np.ndarray | None = None) -> np.ndarray:
    """The held-out unit of each text: a source (a portal, a publisher, Reuters), a group of satire
    sites, or one of 5 article folds of SemEval (whose articles come from many unnamed sites).

    Every group leaves training examples of every genre in the other groups.
    """
    sources = np.asarray(sources).astype(str)
    sites = sources if sites is None else np.asarray(sites).astype(str)
    g = sources.astype(object).copy()
    rng = np.random.default_rng(cv.SEED)
    sem = np.flatnonzero(sources == "semeval")
    for n, i in enumerate(sem[rng.permutation(len(sem))]):
        g[i] = f"semeval-fold{n % 5}"
    sat = np.flatnonzero(sources == "golbeck")
    if len(sat):
        names, counts = np.unique(sites[sat], return_counts=True)
        load = np.zeros(SATIRE_SITE_GROUPS)
        where = {}
        for k in np.lexsort((names, -counts)):  # biggest sites first, each to the lightest group
            j = int(np.argmin(load))
            where[names[k]] = j
            load[j] += counts[k]
        for i in sat:
            g[i] = f"golbeck-sites{where[sites[i]]}"
    return g.astype(str)


def class_weights(y: np.ndarray, power: float = 1.0) -> np.ndarray:
    counts = np.bincount(y, minlength=len(GENRES)).astype(np.float64)
    return (counts.sum() / np.maximum(counts, 1) / len(GENRES)) ** power


def uses_style(recipe: str) -> bool:
    spec = RECIPES[recipe]
    if spec["kind"] == "ensemble":
        return any(uses_style(part) for part, _ in spec["parts"])
    return "style" in spec or bool(spec.get("reads_style"))


def prior_of(recipe: str) -> tuple[float, ...]:
    """The genre mix the recipe's probabilities assume (its ``prior``, else :data:`PRIOR`)."""
    return tuple(RECIPES[recipe].get("prior", PRIOR))


def _part_columns(x: np.ndarray, part: str) -> np.ndarray:
    """The columns a part of an ensemble reads: all of them, or the pooled states only."""
    return x if uses_style(part) else x[:, :POOLED]


def features(pooled: np.ndarray, style: np.ndarray | None, recipe: str) -> np.ndarray:
    """The head's input rows: the pooled states, then the style rates for a recipe that reads them."""
    if not uses_style(recipe):
        return pooled
    return np.concatenate([pooled, style], 1).astype(np.float32)


#: a feature whose standard deviation in training is at most this (times its mean's size, when that is
#: over 1) is constant there and gets no weight: standardised by its ~zero spread, its weight came out
#: as 1e4-1e6 times the others' (a constant 0.1 in float32: 2.8e4, with an intercept of 5e4), so a new
#: text's other value for it gave logits in the thousands. The smallest spread of the genre features
#: (pooled states and style rates, any held-out group's training part) is 1.1e-3.
FLAT_SD = 1e-5


def _fit_lr(x: np.ndarray, y: np.ndarray, c: float) -> dict[str, np.ndarray]:
    """Class-balanced logistic regression on standardised features, the standardisation folded into
    the weights (``logits = x @ w + b`` on the raw features); a feature constant in training
    (:data:`FLAT_SD`) gets weight 0."""
    from sklearn.linear_model import LogisticRegression

    spread = x.std(0)
    mu, sd = x.mean(0), spread + 1e-6
    flat = spread <= FLAT_SD * np.maximum(1.0, np.abs(mu))
    z = (x - mu) / sd
    z[:, flat] = 0.0
    cw = class_weights(y)
    lr = LogisticRegression(C=c, max_iter=2000, class_weight={k: float(cw[k]) for k in range(len(GENRES))})
    lr.fit(z, y)
    coef, scaled_mu = lr.coef_, mu / sd
    if flat.any():  # (only then: a copy of coef_ in another memory order moves b by a float32 ulp)
        coef = np.where(flat, 0.0, coef)
        scaled_mu = np.where(flat, 0.0, scaled_mu)
    w = (coef.T / sd[:, None]).astype(np.float32)
    b = (lr.intercept_ - scaled_mu @ coef.T).astype(np.float32)
    return {"w": w, "b": b}


def fit(x: np.ndarray, y: np.ndarray, recipe: str = "lr", sources: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """A genre head as numpy weights; logits = :func:`head_logits`. A recipe with ``style`` reads
    the pooled states (first :data:`POOLED` columns) with its base head and the style rates (the
    rest) with a logistic regression, and adds the two heads' logits. A recipe with
    ``semeval_weight`` k repeats the SemEval rows (``sources == "semeval"``) k times in training."""
    spec = RECIPES[recipe]
    if spec["kind"] == "ensemble":
        out = {}
        for n, (part, weight) in enumerate(spec["parts"]):
            for key, v in fit(_part_columns(x, part), y, part, sources).items():
                out[f"part{n}.{key}"] = v
        return out
    if spec.get("train_only"):
        if sources is None:
            raise ValueError(f"recipe {recipe} trains on {spec['train_only']} only: pass the texts' sources")
        keep = np.asarray(sources) == spec["train_only"]
        x, y, sources = x[keep], y[keep], np.asarray(sources)[keep]
    k = int(spec.get("semeval_weight", 1))
    if k > 1:
        if sources is None:
            raise ValueError(f"recipe {recipe} weights SemEval's articles: pass the texts' sources")
        sem = np.flatnonzero(np.asarray(sources) == "semeval")
        idx = np.concatenate([np.arange(len(y))] + [sem] * (k - 1))
        x, y = x[idx], y[idx]
    if "style" in spec:
        base = fit(x[:, :POOLED], y, recipe.split("+")[0])
        st = _fit_lr(x[:, POOLED:], y, spec["style"]["C"])
        return {**base, "style_w": st["w"] * spec["style"]["weight"], "style_b": st["b"] * spec["style"]["weight"]}
    if spec["kind"] == "mlp":
        w = cv.train_mlp(x, y, loss="ce", epochs=spec["epochs"], batch=32, hidden=128,
                         dropout=0.3, smoothing=0.1, class_weight=class_weights(y, 0.5))
        return w
    return _fit_lr(x, y, spec["C"])


def _parts(w: dict[str, np.ndarray], recipe: str):
    """(part recipe, weight, its weights) of an ensemble head."""
    for n, (part, weight) in enumerate(RECIPES[recipe]["parts"]):
        pre = f"part{n}."
        yield part, weight, {k[len(pre):]: v for k, v in w.items() if k.startswith(pre)}


def head_logits(w: dict[str, np.ndarray], x: np.ndarray, recipe: str | None = None) -> np.ndarray:
    """The head's logits; an ensemble head (keys ``partN.*``) needs its ``recipe``."""
    if any(k.startswith("part") for k in w):
        if recipe is None or RECIPES[recipe]["kind"] != "ensemble":
            raise ValueError("an ensemble head's logits need its ensemble recipe")
        return sum(weight * head_logits(pw, _part_columns(x, part)) for part, weight, pw in _parts(w, recipe))
    if "style_w" in w:
        base = {k: v for k, v in w.items() if not k.startswith("style_")}
        return head_logits(base, x[:, :POOLED]) + x[:, POOLED:].astype(np.float32) @ w["style_w"] + w["style_b"]
    if "w" in w:
        return x.astype(np.float32) @ w["w"] + w["b"]
    return cv.mlp_logits(w, x)


def as_two_layer(w: dict[str, np.ndarray], cal: dict, recipe: str | None = None,
                 n_cols: int | None = None) -> dict[str, np.ndarray]:
    """The head with its calibration folded in, in the run-time form Linear -> ReLU -> Linear.

    A linear head ``z = x W + b`` is written exactly as ``relu(x W + b) - relu(-(x W + b))``:
    w1 = [W, -W], b1 = [b, -b], w2 = [I; -I]. Calibration ``z / T + c`` goes into the last layer.
    An ensemble (``recipe``, reading ``n_cols`` columns) puts its parts' hidden units side by side
    (a part that reads only the pooled states gets zero weights on the style columns) and their last
    layers, times the part's weight, one above the other.
    """
    t, c = cal["temperature"], np.asarray(cal["bias"], np.float32)
    if any(k.startswith("part") for k in w):
        raw = {"temperature": 1.0, "bias": [0.0] * len(c)}
        w1s, b1s, w2s, b2 = [], [], [], np.zeros(len(c), np.float32)
        for part, weight, pw in _parts(w, recipe):
            two = as_two_layer(pw, raw)
            w1 = np.zeros((n_cols, two["w1"].shape[1]), np.float32)
            w1[:two["w1"].shape[0]] = two["w1"]
            w1s.append(w1)
            b1s.append(two["b1"])
            w2s.append(two["w2"] * np.float32(weight))
            b2 = b2 + two["b2"] * np.float32(weight)
        return {"w1": np.concatenate(w1s, 1), "b1": np.concatenate(b1s).astype(np.float32),
                "w2": (np.concatenate(w2s, 0) / t).astype(np.float32), "b2": (b2 / t + c).astype(np.float32)}
    if "style_w" in w:
        # the style head's linear logits ride along as 2k more hidden units (u = relu(u) - relu(-u)),
        # reading only the style columns; the base head's units read only the pooled columns
        base = as_two_layer({k: v for k, v in w.items() if not k.startswith("style_")}, cal)
        sw, sb = w["style_w"], w["style_b"]
        n_style, k = sw.shape
        h = base["w1"].shape[1]
        w1 = np.zeros((POOLED + n_style, h + 2 * k), np.float32)
        w1[:POOLED, :h] = base["w1"]
        w1[POOLED:, h:h + k], w1[POOLED:, h + k:] = sw, -sw
        eye = np.eye(k, dtype=np.float32) / t
        return {"w1": w1, "b1": np.concatenate([base["b1"], sb, -sb]).astype(np.float32),
                "w2": np.concatenate([base["w2"], eye, -eye], 0), "b2": base["b2"]}
    if "w" in w:
        k = w["w"].shape[1]
        eye = np.eye(k, dtype=np.float32)
        return {"w1": np.concatenate([w["w"], -w["w"]], 1), "b1": np.concatenate([w["b"], -w["b"]]),
                "w2": np.concatenate([eye, -eye], 0) / t, "b2": c.copy()}
    return {"w1": w["w1"], "b1": w["b1"], "w2": w["w2"] / t, "b2": w["b2"] / t + c}


def held_out_logits(x: np.ndarray, y: np.ndarray, groups: np.ndarray, recipe: str = "lr",
                    sources: np.ndarray | None = None, *, others: list[np.ndarray] | None = None,
                    log=None) -> np.ndarray | tuple[np.ndarray, list[np.ndarray]]:
    """Each group's logits from a head fitted on the other groups' rows of ``x``. With ``others``
    (other versions of the same rows: the texts cut short), the same heads also score each of them,
    and the return is (logits of ``x``, [logits of each version])."""
    out = np.zeros((len(y), len(GENRES)), np.float32)
    zs = [np.zeros_like(out) for _ in others or []]
    for k, g in enumerate(np.unique(groups)):
        tr, va = groups != g, groups == g
        w = fit(x[tr], y[tr], recipe, None if sources is None else sources[tr])
        out[va] = head_logits(w, x[va], recipe)
        for z, xo in zip(zs, others or []):
            z[va] = head_logits(w, xo[va], recipe)
        if log is not None:
            log(f"  group {k + 1}: {g} ({int(va.sum())} texts)")
    return out if others is None else (out, zs)


def softmax(z):
    z = z - z.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)


def fit_calibration(z: np.ndarray, y: np.ndarray) -> dict:
    """Temperature and a bias per genre (vector scaling), fitted by class-balanced log loss: the
    probabilities are those of an article whose genre is a priori equally likely to be any of the three
    (the training mix is mostly opinion; the news Slant meets is mostly reporting)."""
    from scipy.optimize import minimize

    wt = class_weights(y)[y]
    wt = wt / wt.sum()

    def loss(theta):
        zz = z / np.exp(theta[0]) + np.concatenate([[0.0], theta[1:]])
        zz = zz - zz.max(-1, keepdims=True)
        lp = zz - np.log(np.exp(zz).sum(-1, keepdims=True))
        return -(wt * lp[np.arange(len(y)), y]).sum()

    res = minimize(loss, np.zeros(len(GENRES)), method="Nelder-Mead", options={"xatol": 1e-4, "fatol": 1e-7, "maxiter": 4000})
    th = res.x
    return {"temperature": round(float(np.exp(th[0])), 4), "bias": [0.0] + [round(float(v), 4) for v in th[1:]]}


def with_prior(cal: dict, prior=PRIOR) -> dict:
    """Calibration fitted with the genres equally likely, moved to the genre mix ``prior``."""
    shift = np.log(np.asarray(prior, np.float64) * len(GENRES))
    return {"temperature": cal["temperature"], "bias": [round(float(b + s), 4) for b, s in zip(cal["bias"], shift)],
            "prior": [float(v) for v in prior]}


def calibrated(z: np.ndarray, cal: dict) -> np.ndarray:
    return softmax(z / cal["temperature"] + np.asarray(cal["bias"]))


def cross_fitted(z: np.ndarray, y: np.ndarray, groups: np.ndarray, prior=PRIOR, *,
                 others: list[np.ndarray] | None = None) -> np.ndarray | tuple[np.ndarray, list[np.ndarray]]:
    """Probabilities of each group calibrated on the other groups' held-out logits only. With
    ``others`` (held-out logits of other versions of the same rows), each is calibrated with its
    group's calibration from ``z`` too, and the return is (probabilities, [those of each version])."""
    p = np.zeros_like(z)
    ps = [np.zeros_like(zo) for zo in others or []]
    for g in np.unique(groups):
        m = groups == g
        cal = with_prior(fit_calibration(z[~m], y[~m]), prior)
        p[m] = calibrated(z[m], cal)
        for po, zo in zip(ps, others or []):
            po[m] = calibrated(zo[m], cal)
    return p if others is None else (p, ps)


def reliability(p: np.ndarray, y: np.ndarray, prior=PRIOR, bins: int = 10) -> tuple[list[dict], float]:
    """Reliability table over all three probabilities of every text and the expected calibration
    error, with the texts weighted so the genres have the ``prior`` mix the probabilities assume."""
    freq = np.bincount(y, minlength=len(GENRES)) / len(y)
    w = np.repeat((np.asarray(prior) / np.maximum(freq, 1e-9))[y], len(GENRES))
    rows, ece = stats.reliability(p.ravel(), np.eye(len(GENRES))[y].ravel(), bins, weights=w)
    return stats.rounded(rows), round(ece, 4)


def decide(p: np.ndarray, floor: float = 0.5) -> np.ndarray:
    """argmax, or -1 ("uncertain") when no genre reaches ``floor``."""
    best = p.argmax(-1)
    return np.where(p.max(-1) >= floor, best, -1)


def _recalls(y, pred):
    return [float((pred[y == c] == c).mean()) if (y == c).any() else float("nan") for c in range(len(GENRES))]


def wilson(k: int, n: int, z: float = 1.96) -> list[float]:
    if n == 0:
        return [0.0, 1.0]
    p = k / n
    den = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / den
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return [round(float(max(0.0, mid - half)), 4), round(float(min(1.0, mid + half)), 4)]


def report(p: np.ndarray, y: np.ndarray, sources: np.ndarray, sites: np.ndarray, boot: int = 1000) -> dict:
    """Macro F1 and per-genre recall (argmax, as the SemEval export decides) with 95% intervals from
    resampling whole sites (a satire site, a publisher, a portal, Reuters; each SemEval article is its
    own site), per-source accuracy with Wilson intervals, the uncertain share and the confusion matrix."""
    from slant.train.metrics import macro_f1_single

    pred = p.argmax(-1)
    dec = decide(p)
    clusters = np.where(sources == "semeval", np.arange(len(y)).astype(str), sites)
    rows = stats.block_rows(clusters)

    def scores(picked: np.ndarray) -> list[float]:  # macro F1, then recall by genre, argmax and decided
        idx = rows(picked)
        return [macro_f1_single(y[idx], pred[idx], 3), *_recalls(y[idx], pred[idx]), *_recalls(y[idx], dec[idx])]

    lo, hi = stats.bootstrap(scores, len(np.unique(clusters)), boot, skip_nan=True)

    def ci(k: int) -> list[float]:
        return [round(float(lo[k]), 4), round(float(hi[k]), 4)]

    n = len(GENRES)
    out = {"macro_f1": round(macro_f1_single(y, pred, 3), 4),
           "macro_ci": ci(0),
           "recall": {GENRES[c]: round(r, 4) for c, r in enumerate(_recalls(y, pred))},
           "recall_ci": {GENRES[c]: ci(1 + c) for c in range(n)},
           "uncertain_share": round(float((dec < 0).mean()), 4),
           # as a reader sees it: "uncertain" (no genre at 0.5) counts as a miss
           "recall_decided": {GENRES[c]: round(r, 4) for c, r in enumerate(_recalls(y, dec))},
           "recall_decided_ci": {GENRES[c]: ci(1 + n + c) for c in range(n)},
           "per_source": {}}
    for s in sorted(set(sources)):
        m = sources == s
        k = int((pred[m] == y[m]).sum())
        kd = int((dec[m] == y[m]).sum())
        out["per_source"][s] = {"n": int(m.sum()), "genre": GENRES[int(np.bincount(y[m]).argmax())],
                                "accuracy": round(k / int(m.sum()), 4), "ci": wilson(k, int(m.sum())),
                                "uncertain": int((dec[m] < 0).sum()),
                                "accuracy_decided": round(kd / int(m.sum()), 4), "ci_decided": wilson(kd, int(m.sum())),
                                "recall": {GENRES[c]: round(float((pred[m & (y == c)] == c).mean()), 4)
                                           for c in range(len(GENRES)) if (m & (y == c)).any()}}
    confusion = np.zeros((3, 3), int)
    np.add.at(confusion, (y, pred), 1)
    out["confusion"] = confusion.tolist()
    return out


def text_features(texts: list[str], model_dir: Path, cache: Path | None = None, threads: int = 2,
                  log=print) -> np.ndarray:
    """Article features as the run time computes them (mean and max of the stitched token states of
    the whole text), cached by text hash in ``cache`` so a changed text is encoded again."""
    import hashlib

    keys = np.array([hashlib.sha1(t.encode()).hexdigest() for t in texts])
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.is_file():
        with np.load(cache) as d:
            known = dict(zip(d["keys"].tolist(), d["x"]))
    todo = [i for i, k in enumerate(keys) if k not in known]
    log(f"{len(texts)} texts, {len(todo)} to encode")
    for b in range(0, len(todo), 200):
        part = todo[b:b + 200]
        for i, row in zip(part, pooled_states([texts[i] for i in part], model_dir, threads)):
            known[keys[i]] = row
        if cache is not None:
            np.savez(cache, keys=np.array(list(known)), x=np.stack(list(known.values())))
    return np.stack([known[k] for k in keys]).astype(np.float32)


def install(head: dict[str, np.ndarray], model_dir: Path, note: dict, style: bool = False) -> None:
    """Replace only the genre head in ``model_dir``'s heads.npz and persuasion.json (every other
    array and setting is written back unchanged)."""
    npz = model_dir / "heads.npz"
    with np.load(npz) as old:
        arrays = {k: old[k] for k in old.files}
    for k in ("w1", "b1", "w2", "b2"):
        arrays[f"genre.{k}"] = head[k].astype(np.float16)
    np.savez(npz, **arrays)
    path = model_dir / "persuasion.json"
    config = json.loads(path.read_text())
    config["heads"]["genre"] = {"level": "article", "labels": list(GENRES), "activation": "softmax",
                                "uses_token_logits": False, "uses_article_context": False}
    if style:
        config["heads"]["genre"]["uses_style"] = True
    config["genre_decision"] = "argmax when >= 0.5, else uncertain"
    config["genre_calibration"] = note
    path.write_text(json.dumps(config, indent=1))


def limit_torch_threads(recipes: list[str], threads: int) -> bool:
    """Hold torch at ``threads`` when any of ``recipes`` trains an MLP (torch otherwise takes every
    core, and the held-out heads crawl on a shared machine). Returns whether torch was limited."""
    def trains_mlp(r: str) -> bool:
        spec = RECIPES.get(r, {})
        if spec.get("kind") == "ensemble":
            return any(trains_mlp(part) for part, _ in spec["parts"])
        return spec.get("kind") == "mlp"

    if not any(trains_mlp(r) for r in recipes):
        return False
    import torch

    torch.set_num_threads(threads)
    return True


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--model-dir", default=None, help="the encoder (default: the shipped model)")
    ap.add_argument("--threads", type=int, default=2,
                    help="threads for the encoder and for torch's head training (1 on a shared machine)")
    ap.add_argument("--recipe", default="lr", choices=sorted(RECIPES))
    ap.add_argument("--compare", default="", help="comma-separated recipes to score as well (report only)")
    ap.add_argument("--install", default=None,
                    help="model folder whose genre head (heads.npz, persuasion.json) is replaced by the new one")
    args = ap.parse_args(argv)
    limit_torch_threads([args.recipe] + args.compare.split(","), args.threads)

    from slant.models.onnx_model import DEFAULT_MODEL_DIR
    from slant.train.genre_data import load_all

    model_dir = Path(args.model_dir) if args.model_dir else DEFAULT_MODEL_DIR
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    texts = load_all(Path(args.data))
    y = np.array([t.genre for t in texts])
    sources = np.array([t.source for t in texts])
    sites = np.array([t.site for t in texts])
    pooled = text_features([t.text for t in texts], model_dir, out / "genre_features.npz", args.threads)
    from slant.models.genre_style import style_features

    style = np.stack([style_features(t.text) for t in texts])
    groups = groups_of(sources, sites)
    rep = {"texts": len(y), "per_genre": {g: int((y == i).sum()) for i, g in enumerate(GENRES)},
           "held_out_groups": sorted(set(groups.tolist())), "recipe": args.recipe, "recipe_spec": RECIPES[args.recipe]}
    compare = {}
    for recipe in [args.recipe] + [r for r in args.compare.split(",") if r and r != args.recipe]:
        x = features(pooled, style, recipe)
        z = held_out_logits(x, y, groups, recipe, sources)
        p = cross_fitted(z, y, groups, prior_of(recipe))
        r = report(p, y, sources, sites)
        compare[recipe] = {k: r[k] for k in ("macro_f1", "macro_ci", "recall", "recall_ci", "recall_decided",
                                             "recall_decided_ci", "uncertain_share")}
        if recipe == args.recipe:
            rep["held_out_by_source"] = r
            cal = with_prior(fit_calibration(z, y), prior_of(recipe))
            rep["recall_by_prior"] = {}
            for prior in ((1 / 3, 1 / 3, 1 / 3), PRIOR, prior_of(recipe), (0.65, 0.25, 0.1)):
                q = cross_fitted(z, y, groups, prior)
                rep["recall_by_prior"][str([round(v, 2) for v in prior])] = {
                    GENRES[c]: round(float((q.argmax(-1)[y == c] == c).mean()), 4) for c in range(3)}
            rows, ece = reliability(p, y, prior_of(recipe))
            np.savez(out / "held_out.npz", logits=z, probs=p, y=y, sources=sources, sites=sites, groups=groups)
            rep["reliability"], rep["ece"] = rows, ece
            sat = sources == "golbeck"
            rep["satire_sites"] = {s: round(float((p[sat & (sites == s)].argmax(-1) == 2).mean()), 4)
                                   for s in sorted(set(sites[sat].tolist()))}
    rep["compare"] = compare
    rep["calibration"] = cal
    rep["uses_style"] = uses_style(args.recipe)
    x = features(pooled, style, args.recipe)
    head = as_two_layer(fit(x, y, args.recipe, sources), cal, args.recipe, x.shape[1])
    np.savez(out / "genre_head.npz", **head)
    rep["seconds"] = round(time.time() - t0, 1)
    (out / "genre_report.json").write_text(json.dumps(rep, indent=1))
    if args.install:
        install(head, Path(args.install), {"recipe": args.recipe, **cal}, style=uses_style(args.recipe))
    print(json.dumps({k: rep[k] for k in ("texts", "per_genre", "compare", "calibration", "ece", "seconds")}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
