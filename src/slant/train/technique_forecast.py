"""Paragraph techniques at the team's genre mix: figures per genre, a forecast, and decision rules that
read the article, all from out-of-fold predictions (session 14, issue 12).

``python -m slant.train.technique_forecast RUN [--genre GENRE_RUN] [--v1 V1_DIR] [--out FILE]``

RUN is :mod:`slant.train.cv`'s run folder (``shipped.npz``, ``oof.npz``, ``unseen_ids.json``; with
``cv_report.json``'s span counts per article, the span figures too). The team scores paragraphs on
held-out news that is mostly straight reporting (its genre set: 54 reporting, 20 opinion, 9 satire
articles), while the 446 training articles are mostly opinion (subtask-1 labels of the 426 labelled
ones: 41 reporting, 382 opinion, 3 satire). So:

- :func:`by_genre`: micro F1, precision, recall and predicted/gold of the cross-fitted decisions (the
  paragraph table's: calibration and rule of each fold fitted on the other folds) per subtask-1 genre,
  with 95% bootstrap intervals over articles;
- :func:`forecast`: the same figures with the articles weighted so the genres take the team's mix
  (:func:`slant.train.genre_select.mix_weights`: each reporting article counts 54 / 41, ...; articles are
  the unit the team's set is drawn in, and each brings its own paragraphs and technique density);
  intervals from resamples drawn within each genre. Articles without a subtask-1 label weigh nothing;
- :func:`anchored_mix`: a check with no model in it. Issue 12 gives the team's micro F1 of "Loaded_Language
  on every paragraph" (:data:`TEAM_LOADED_LANGUAGE_EVERYWHERE`), a figure of their gold labels alone; ours
  at their mix should be near it, and the point between our genre shares and theirs that matches it
  exactly (the *anchored* mix) is a consistency check, not a second forecast: over within-genre
  resamples of the articles that point ranges over [0.38, 1.0] of the way (model card);
- :func:`nested_rules`: decision rules that use what the model knows about the article at run time
  (:data:`RULES`: a shift of every threshold; a shift by the genre head's probabilities; a threshold
  scaled by the article's predicted technique density; a lower threshold for a technique the article
  shows strongly elsewhere). For each fold, calibration and the shipped rule are fitted on the other
  folds, and each family's setting is the one with the best team-mix micro F1 on the other folds among
  those that keep the flood caps (:func:`floods_ok`: at most 1.3x gold in all and 1.5x per shown
  technique, at the team's mix and at the training mix); the fold is then decided with it. The pooled
  decisions are compared with the shipped rule's on the same resamples (:func:`paired_gain`).
- ``--v1``: the v1 paragraph head (a folder with its ``heads.npz`` and ``persuasion.json``, e.g. from
  ``git show 66733db:src/slant/models/persuasion/...``) on the 67 articles its training never saw, with
  its shipped thresholds (tuned on those 67) and with thresholds tuned the v1 way
  (:func:`slant.train.metrics.tune_thresholds`) on the other half of them (alternate articles by id).
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path

import numpy as np

from slant.analyze.taxonomy import GENRES, TECHNIQUE_NAMES
from slant.train import cv, stats
from slant.train.genre_forecast import TEAM_MIX
from slant.train.genre_select import mix_weights, within_genre_interval

#: the figures of :func:`figures`, in order
FIGURES = ("micro_f1", "precision", "recall", "predicted_per_gold", "largest_per_technique")
#: flood caps of issue 12 (also :data:`slant.train.cv.DEFAULTS`): all labels, each shown technique
TOTAL_RATIO, LABEL_RATIO = 1.3, 1.5
#: a threshold at or above this is a technique left out of default output (``cv.choose_rule``'s 0.9)
HIDDEN = 0.9

#: the families of decision rules tried, each a grid of settings (the first is "no change")
RULES = {
    "shift": [{"shift": d} for d in (0.0, -0.04, -0.03, -0.02, -0.01, 0.01, 0.02, 0.03, 0.04)],
    "genre": [{"reporting": r, "satire": s} for r, s in itertools.product((0.0, -0.06, -0.03, 0.03, 0.06),
                                                                          (0.0, -0.06, -0.03, 0.03, 0.06))],
    "density": [{"alpha": a, "shift": d} for a, d in itertools.product((0.0, -0.5, -0.25, 0.25, 0.5),
                                                                       (0.0, -0.03, 0.03))],
    "article_max": [{"beta": b} for b in (0.0, 0.05, 0.1, 0.15, 0.2)],
    # a shift per technique times the genre head's reporting probability, searched one technique at a
    # time (:func:`choose_per_technique`) from these steps
    "genre_per_technique": [{"reporting_by_technique": [0.0] * len(TECHNIQUE_NAMES)}],
}
#: the per-technique steps :func:`choose_per_technique` tries
TECHNIQUE_STEPS = (-0.1, -0.05, 0.05, 0.1, 0.2)


def figures(counts: np.ndarray, w: np.ndarray) -> np.ndarray:
    """:data:`FIGURES` of per-article (tp, fp, fn) counts (articles, 3, labels), each article weighted
    by ``w``; the largest predicted/gold ratio runs over the techniques with gold labels."""
    tp, fp, fn = np.tensordot(w, counts, axes=1)
    t, f, n = tp.sum(), fp.sum(), fn.sum()
    gold = tp + fn
    has = gold > 0
    return np.array([2 * t / max(1e-12, 2 * t + f + n), t / max(1e-12, t + f), t / max(1e-12, t + n),
                     (t + f) / max(1e-12, t + n), float(((tp + fp)[has] / gold[has]).max()) if has.any() else 0.0])


def _rounded(point: np.ndarray, lo: np.ndarray | None = None, hi: np.ndarray | None = None) -> dict:
    out = {k: round(float(v), 4) for k, v in zip(FIGURES, point)}
    if lo is not None:
        out.update({f"{k}_ci": [round(float(a), 4), round(float(b), 4)] for k, a, b in zip(FIGURES[:3], lo, hi)})
    return out


def by_genre(counts: np.ndarray, genres: np.ndarray, pars: np.ndarray, rounds: int = 1000) -> list[dict]:
    """Unweighted figures of the articles of each subtask-1 genre (and of those without one), with
    95% bootstrap intervals over the genre's articles; ``pars``: paragraphs per article."""
    rows = []
    for g, name in [*enumerate(GENRES), (-1, "no label")]:
        m = genres == g
        if not m.any():
            continue
        cg = counts[m]
        ones = np.ones(len(cg))
        lo, hi = stats.bootstrap(lambda picked: figures(cg[picked], ones), len(cg), rounds)
        tp, fp, fn = cg.sum((0, 2))
        rows.append({"genre": name, "articles": int(m.sum()), "paragraphs": int(pars[m].sum()), "gold": int(tp + fn),
                     "predicted": int(tp + fp), "gold_per_paragraph": round(float((tp + fn) / pars[m].sum()), 3),
                     **_rounded(figures(cg, ones), lo, hi)})
    return rows


def forecast(counts: np.ndarray, genres: np.ndarray, mix=TEAM_MIX, rounds: int = 1000,
             seed: int = stats.SEED) -> dict:
    """Figures with the articles weighted to the genre ``mix``, and 95% intervals from resamples of
    the articles drawn within each genre."""
    point = figures(counts, mix_weights(genres, mix))
    lo, hi = within_genre_interval(lambda idx: figures(counts[idx], mix_weights(genres[idx], mix)),
                                   genres, rounds, seed)
    return {"mix": [float(x) for x in mix], **_rounded(point, lo, hi)}


def paired_gain(counts_a: np.ndarray, counts_b: np.ndarray, genres: np.ndarray, mix=TEAM_MIX,
                rounds: int = 1000, seed: int = stats.SEED) -> dict:
    """Micro F1 of ``counts_b`` minus ``counts_a`` at the ``mix``, with a 95% interval from the same
    within-genre resamples for both."""
    def gain(idx):
        w = mix_weights(genres[idx], mix)
        return figures(counts_b[idx], w)[0] - figures(counts_a[idx], w)[0]

    lo, hi = within_genre_interval(gain, genres, rounds, seed)
    return {"gain": round(float(gain(np.arange(len(genres)))), 4), "ci": [round(float(lo), 4), round(float(hi), 4)]}


def train_mix(genres: np.ndarray) -> tuple[float, ...]:
    """The labelled articles' own genre counts."""
    return tuple(float((genres == g).sum()) for g in range(len(GENRES)))


#: the team's mix without its satire: how much the forecast leans on the few satire articles
TEAM_MIX_NO_SATIRE = (TEAM_MIX[0], TEAM_MIX[1], 0)
#: issue 12: "Loaded_Language on every paragraph" scored this micro F1 on the team's 90 articles, a
#: figure of their gold labels alone (no model), so it shows how alike their labels and ours are
TEAM_LOADED_LANGUAGE_EVERYWHERE = 0.202


def at_mixes(counts: np.ndarray, genres: np.ndarray, rounds: int = 1000, of=None, anchored=None) -> dict:
    """``of`` (:func:`forecast` or :func:`span_forecast`) at the training mix, the team's mix, the
    team's mix without satire and, if given, the ``anchored`` mix (:func:`anchored_mix`)."""
    of = of or forecast
    out = {"train_mix": of(counts, genres, train_mix(genres), rounds),
           "team_mix": of(counts, genres, TEAM_MIX, rounds),
           "team_mix_no_satire": of(counts, genres, TEAM_MIX_NO_SATIRE, rounds)}
    if anchored is not None:
        out["anchored_mix"] = of(counts, genres, anchored, rounds)
    return out


def everywhere_counts(y: np.ndarray, art: np.ndarray, technique: str = "Loaded_Language") -> np.ndarray:
    """Per-article counts of the baseline that puts ``technique`` on every paragraph."""
    pred = np.zeros(y.shape, bool)
    pred[:, TECHNIQUE_NAMES.index(technique)] = True
    return cv.per_article_counts(y, pred, art)


def anchored_mix(counts: np.ndarray, genres: np.ndarray, target: float, steps: int = 101) -> tuple[float, tuple]:
    """Along the line from the articles' own genre shares (0) to the team's (1), the point ``lam`` whose
    micro F1 of ``counts`` (a gold-only baseline's, :func:`everywhere_counts`) is nearest ``target``
    (the team's figure of that baseline), and its mix as article counts of a set the team's size."""
    own = np.asarray(train_mix(genres)) / sum(train_mix(genres))
    team = np.asarray(TEAM_MIX, float) / sum(TEAM_MIX)
    lams = np.linspace(0.0, 1.0, steps)
    mixes = [(1 - lam) * own + lam * team for lam in lams]
    best = int(np.argmin([abs(figures(counts, mix_weights(genres, m))[0] - target) for m in mixes]))
    return float(lams[best]), tuple(round(float(v) * sum(TEAM_MIX), 2) for v in mixes[best])


# --------------------------------------------------------------------------- rules that read the article

def article_context(probs: np.ndarray, art: np.ndarray, genre_probs: np.ndarray) -> dict:
    """Per paragraph row, what the run time knows about its article: the predicted technique density
    (mean over its paragraphs of the summed calibrated probabilities), each technique's highest
    probability in the article, and the genre head's reporting and satire probabilities
    (``genre_probs``: per article index, rows of ``GENRES``)."""
    arts, idx = np.unique(art, return_inverse=True)
    density = np.bincount(idx, weights=probs.sum(1)) / np.bincount(idx)
    amax = np.zeros((len(arts), probs.shape[1]), np.float32)
    np.maximum.at(amax, idx, probs)
    gp = genre_probs[arts]
    return {"density": density[idx], "amax": amax[idx], "reporting": gp[idx, 0], "satire": gp[idx, 2],
            "article_density": density}


def rule_thresholds(th: np.ndarray, setting: dict, ctx: dict, ref_density: float) -> np.ndarray:
    """Per-row thresholds of a rule: the shipped ones ``th`` moved by ``setting`` (see :data:`RULES`);
    a left-out technique keeps its own."""
    t = th + setting.get("shift", 0.0)
    t = t + setting.get("reporting", 0.0) * ctx["reporting"][:, None]
    t = t + setting.get("satire", 0.0) * ctx["satire"][:, None]
    if setting.get("alpha"):
        t = t * (ref_density / np.maximum(ctx["density"], 1e-6))[:, None] ** setting["alpha"]
    if "reporting_by_technique" in setting:
        t = t + np.asarray(setting["reporting_by_technique"])[None, :] * ctx["reporting"][:, None]
    if setting.get("beta"):
        t = t - setting["beta"] * np.clip(ctx["amax"] - th, 0.0, None)
    return np.where(th >= HIDDEN, th, t)


def floods_ok(counts: np.ndarray, genres: np.ndarray, shown: np.ndarray, mixes) -> bool:
    """Issue 12's caps at every mix: all predicted labels at most 1.3x gold, each ``shown`` technique
    (with gold labels) at most 1.5x its gold."""
    for mix in mixes:
        tp, fp, fn = np.tensordot(mix_weights(genres, mix), counts, axes=1)
        gold = tp + fn
        if (tp + fp).sum() > TOTAL_RATIO * gold.sum() + 1e-9:
            return False
        has = shown & (gold > 0)
        if ((tp + fp)[has] > LABEL_RATIO * gold[has] + 1e-9).any():
            return False
    return True


def choose_setting(family: str, probs, th, y, art, genres_by_art, ctx, mix=TEAM_MIX) -> tuple[dict, float]:
    """The setting of ``family`` with the best ``mix`` micro F1 on these rows among those keeping the
    flood caps at ``mix`` and at the rows' own genre mix ("no change" if none does, or on ties)."""
    arts = np.unique(art)
    genres = genres_by_art[arts]
    shown = (th < HIDDEN).any(0)
    ref = float(np.median(ctx["article_density"]))
    mixes = (mix, train_mix(genres))

    def score(setting) -> float:
        counts = cv.per_article_counts(y, probs >= rule_thresholds(th, setting, ctx, ref), art)
        return figures(counts, mix_weights(genres, mix))[0] if floods_ok(counts, genres, shown, mixes) else -1.0

    if family == "genre_per_technique":
        return choose_per_technique(score, shown), ref
    best, best_f1 = RULES[family][0], -1.0
    for setting in RULES[family]:
        f1 = score(setting)
        if f1 > best_f1 + 1e-9:
            best, best_f1 = setting, f1
    return best, ref


def choose_per_technique(score, shown: np.ndarray) -> dict:
    """Coordinate search: each shown technique in turn takes the step of :data:`TECHNIQUE_STEPS` (or
    none) that most raises ``score`` given the steps already taken."""
    steps = [0.0] * len(shown)
    best = score({"reporting_by_technique": steps})
    for j in np.flatnonzero(shown):
        for d in TECHNIQUE_STEPS:
            trial = steps[:j] + [d] + steps[j + 1:]
            f1 = score({"reporting_by_technique": trial})
            if f1 > best + 1e-9:
                best, steps = f1, trial
    return {"reporting_by_technique": steps}


def nested_rules(z: np.ndarray, y: np.ndarray, art: np.ndarray, folds: np.ndarray, genres_by_art: np.ndarray,
                 genre_probs: np.ndarray, families=tuple(RULES), mix=TEAM_MIX, **rule_kw) -> dict:
    """Decisions of every rule family, nested: for fold k the calibration and the shipped rule are
    fitted on the other folds (:func:`slant.train.cv.fold_rule`, as in :func:`slant.train.cv.cross_fitted`), the family's setting is
    chosen there (:func:`choose_setting`), and fold k is decided with it. Returns per family the
    pooled decisions and the setting chosen per fold; ``shipped`` is the shipped rule's."""
    y = y.astype(bool)
    out = {f: {"pred": np.zeros(y.shape, bool), "chosen": []} for f in ("shipped", *families)}
    for k in np.unique(folds):
        tr, va = folds != k, folds == k
        ab, p_tr, rule = cv.fold_rule(z[tr], y[tr], **rule_kw)
        p_va = cv.calibrate(z[va], ab)
        th_tr = np.broadcast_to(rule["thresholds"], p_tr.shape)
        th_va = np.broadcast_to(rule["thresholds"], p_va.shape)
        out["shipped"]["pred"][va] = p_va >= th_va
        ctx_tr = article_context(p_tr, art[tr], genre_probs)
        ctx_va = article_context(p_va, art[va], genre_probs)
        for f in families:
            setting, ref = choose_setting(f, p_tr, th_tr, y[tr], art[tr], genres_by_art, ctx_tr, mix)
            out[f]["pred"][va] = p_va >= rule_thresholds(th_va, setting, ctx_va, ref)
            ref_note = {"ref_density": round(ref, 4)} if "alpha" in setting else {}
            out[f]["chosen"].append({"fold": int(k), **setting, **ref_note})
    return out


# --------------------------------------------------------------------------- inputs

def held_out_genre_probs(genre_run: Path, data: Path, ids: np.ndarray) -> np.ndarray:
    """Per cached text, the genre head's held-out probabilities (:mod:`slant.train.genre`'s
    ``held_out.npz``: SemEval articles predicted by heads trained without their article fold,
    calibrated to the run-time mix); texts without a subtask-1 label get zeros."""
    from slant.train.genre_data import load_semeval

    d = np.load(genre_run / "held_out.npz")
    sem = load_semeval(data)
    if not (d["sources"][:len(sem)] == "semeval").all() or not (d["y"][:len(sem)] == [t.genre for t in sem]).all():
        raise ValueError(f"{genre_run}/held_out.npz does not start with the SemEval articles of {data}")
    where = {t.id.removeprefix("semeval-"): n for n, t in enumerate(sem)}
    out = np.zeros((len(ids), len(GENRES)), np.float32)
    for i, a in enumerate(ids):
        if str(a) in where:
            out[i] = d["probs"][where[str(a)]]
    return out


def v1_probabilities(c: cv.Cache, texts: np.ndarray, v1_dir: Path) -> np.ndarray:
    """The v1 paragraph head's probabilities for the paragraphs of ``texts`` (cache indices, in order);
    v1 reads [mean, max of the paragraph's states; max token logits; mean, max of the article's]."""
    from slant.models.heads import load_heads

    spec = json.loads((v1_dir / "persuasion.json").read_text())["heads"]["paragraph_techniques"]
    head = load_heads(v1_dir / "heads.npz", {"paragraph_techniques": spec})["paragraph_techniques"]
    return np.concatenate([head.probs(cv.text_features(c, i, context=False, token_logits=True)) for i in texts])


def v1_check(c: cv.Cache, v1_dir: Path, unseen: set[str], genres_by_art: np.ndarray, rounds: int = 1000,
             anchored=None) -> dict:
    """v1 on the articles its training never saw: shipped thresholds (tuned on them: in-sample) and
    thresholds tuned on the other half (alternate articles by id, v1's 2-fold cross-fitting)."""
    from slant.train.metrics import tune_thresholds

    spec = json.loads((v1_dir / "persuasion.json").read_text())
    texts = np.array(sorted((i for i in range(len(c.ids)) if str(c.ids[i]) in unseen), key=lambda i: str(c.ids[i])))
    p = v1_probabilities(c, texts, v1_dir)
    art = np.repeat(texts, c.par_counts[texts])
    y = np.concatenate([c.par_labels[c.pars(i)] for i in texts]).astype(bool)
    half = np.repeat(np.arange(len(texts)) % 2, c.par_counts[texts])
    crossed = np.zeros(y.shape, bool)
    for h in (0, 1):
        _, th = tune_thresholds(y[half != h], p[half != h])
        crossed[half == h] = p[half == h] >= th
    genres = genres_by_art[texts]
    out = {"articles": int(len(texts)), "genres": {g: int((genres == n).sum()) for n, g in enumerate(GENRES)}}
    for name, pred in (("shipped thresholds (in-sample)", p >= np.asarray(spec["thresholds"]["paragraph_techniques"])),
                       ("thresholds from the other half", crossed)):
        counts = cv.per_article_counts(y, pred, art)
        out[name] = {"all": {**cv.bootstrap(counts, rounds), **_rounded(figures(counts, np.ones(len(texts))))},
                     "by_genre": by_genre(counts, genres, c.par_counts[texts], rounds),
                     **at_mixes(counts, genres, rounds, anchored=anchored)}
    return out


def report(run: Path, genre_run: Path | None = None, data: Path | None = None, v1_dir: Path | None = None,
           rounds: int = 1000, log=print) -> dict:
    t0 = time.time()
    c = cv.load_cache(run / "shipped.npz")
    o = dict(np.load(run / "oof.npz"))
    unseen = set(json.loads((run / "unseen_ids.json").read_text()))
    settings = {**cv.DEFAULTS, **json.loads((run / "oof_settings.json").read_text())}
    rule_kw = {k: settings[k] for k in ("min_positives", "label_ratio", "total_ratio")}
    pm = np.repeat(c.source == "semeval2023", c.par_counts)
    par_art = np.repeat(np.arange(len(c.ids)), c.par_counts)
    z, y, art = o["par_logits"][pm], c.par_labels[pm].astype(bool), par_art[pm]
    folds = np.repeat(o["fold"], c.par_counts)[pm]
    genres_by_art = np.asarray(c.genre)
    arts = np.unique(art)
    genres = genres_by_art[arts]
    out: dict = {"run": str(run), "team_mix": list(TEAM_MIX), "train_mix": list(train_mix(genres))}
    # the team's "Loaded_Language everywhere" figure against ours: does their set look like ours at their mix?
    ll = everywhere_counts(y, art)
    lam, anchored = anchored_mix(ll, genres, TEAM_LOADED_LANGUAGE_EVERYWHERE)
    out["anchor"] = {"team_loaded_language_everywhere": TEAM_LOADED_LANGUAGE_EVERYWHERE, "lambda": lam,
                     "anchored_mix": list(anchored), "ours": at_mixes(ll, genres, rounds, anchored=anchored)}
    _, pred = cv.cross_fitted(z, y, folds, **rule_kw)
    counts = cv.per_article_counts(y, pred, art)
    out["all"] = {"by_genre": by_genre(counts, genres, c.par_counts[arts], rounds),
                  **at_mixes(counts, genres, rounds, anchored=anchored)}
    # the 67 articles the encoder never saw, calibration and rule cross-fitted within them (the card's row)
    um = np.array([str(c.ids[i]) in unseen for i in art])
    ua = art[um]
    ug = cv.article_groups(len(np.unique(ua)))[np.searchsorted(np.unique(ua), ua)]
    _, upred = cv.cross_fitted(z[um], y[um], ug, **rule_kw)
    ucounts = cv.per_article_counts(y[um], upred, ua)
    ugen = genres_by_art[np.unique(ua)]
    out["unseen"] = {"by_genre": by_genre(ucounts, ugen, c.par_counts[np.unique(ua)], rounds),
                     **at_mixes(ucounts, ugen, rounds, anchored=anchored)}
    log(f"forecasts done, {time.time() - t0:.0f} s")
    spans = (json.loads((run / "cv_report.json").read_text()).get("spans_unseen", {}).get("per_article")
             if (run / "cv_report.json").is_file() else None)
    if spans:
        where = {str(d): i for i, d in enumerate(c.ids)}
        sg = genres_by_art[[where[d] for d in spans["docs"]]]
        sc = np.asarray(spans["counts"])
        out["spans_unseen"] = {"by_genre": span_by_genre(sc, sg, rounds),
                               **at_mixes(sc, sg, rounds, span_forecast, anchored)}
    if genre_run is not None:
        gp = held_out_genre_probs(genre_run, data / "semeval2023-task3-en", c.ids)
        out["genre_head_on_training_articles"] = {
            GENRES[g]: {"articles": int((genres == g).sum()),
                        "mean_probabilities": [round(float(v), 3) for v in gp[arts[genres == g]].mean(0)],
                        "called": {GENRES[k]: int((gp[arts[genres == g]].argmax(1) == k).sum()) for k in range(3)}}
            for g in range(3) if (genres == g).any()}
        families = tuple(RULES)
    else:
        gp = np.zeros((len(c.ids), len(GENRES)), np.float32)
        families = tuple(f for f in RULES if not f.startswith("genre"))
    nested = nested_rules(z, y, art, folds, genres_by_art, gp, families, TEAM_MIX, **rule_kw)
    base = cv.per_article_counts(y, nested["shipped"]["pred"], art)
    out["rules"] = {}
    for f, r in nested.items():
        cf = cv.per_article_counts(y, r["pred"], art)
        out["rules"][f] = {"chosen": r["chosen"], "team_mix": forecast(cf, genres, TEAM_MIX, rounds),
                           "train_mix": forecast(cf, genres, train_mix(genres), rounds),
                           "gain_team_mix": paired_gain(base, cf, genres, TEAM_MIX, rounds),
                           "gain_train_mix": paired_gain(base, cf, genres, train_mix(genres), rounds)}
    log(f"rules done, {time.time() - t0:.0f} s")
    if v1_dir is not None:
        out["v1"] = v1_check(c, v1_dir, unseen, genres_by_art, rounds, anchored)
    out["minutes"] = round((time.time() - t0) / 60, 1)
    return out


def span_by_genre(counts: np.ndarray, genres: np.ndarray, rounds: int = 1000) -> list[dict]:
    """Span F1, precision, recall per subtask-1 genre from per-article :func:`slant.train.cv.span_counts`."""
    rows = []
    for g, name in [*enumerate(GENRES), (-1, "no label")]:
        m = genres == g
        if m.any():
            rows.append({"genre": name, "articles": int(m.sum()), "predicted": int(counts[m, 1].sum()),
                         "gold": int(counts[m, 3].sum()), **cv.span_bootstrap(counts[m], rounds)})
    return rows


def span_forecast(counts: np.ndarray, genres: np.ndarray, mix=TEAM_MIX, rounds: int = 1000,
                  seed: int = stats.SEED) -> dict:
    """Span F1, precision, recall with the articles weighted to the genre ``mix`` (as :func:`forecast`)."""
    def scores(idx):
        return np.array(cv.span_scores(mix_weights(genres[idx], mix) @ counts[idx]))

    lo, hi = within_genre_interval(scores, genres, rounds, seed)
    point = scores(np.arange(len(genres)))
    names = ("f1", "precision", "recall")
    return {"mix": [float(x) for x in mix], **{k: round(float(v), 4) for k, v in zip(names, point)},
            **{f"{k}_ci": [round(float(a), 4), round(float(b), 4)] for k, a, b in zip(names, lo, hi)}}


def render(r: dict) -> str:
    """The report as Markdown (the model card's tables)."""
    def ci(d, k):
        return f"{d[k]:.3f} [{d[k + '_ci'][0]:.3f}, {d[k + '_ci'][1]:.3f}]"

    a = r["anchor"]
    lines = [f"Loaded_Language on every paragraph (gold labels only): ours {ci(a['ours']['train_mix'], 'micro_f1')} "
             f"at the training mix, {ci(a['ours']['team_mix'], 'micro_f1')} at the team's mix; the team's "
             f"{a['team_loaded_language_everywhere']} is matched at {a['lambda']:.2f} of the way from our mix to "
             f"theirs, the anchored mix {_mix(a['anchored_mix'])}", "",
             "| articles | genre | articles | paragraphs | gold labels (per paragraph) | predicted / gold "
             "| micro F1 [95% CI] | precision | recall |", "|---|---|---|---|---|---|---|---|---|"]
    for key, name in (("all", "all 446"), ("unseen", "67 never seen by the encoder")):
        for row in r[key]["by_genre"]:
            lines.append(f"| {name} | {row['genre']} | {row['articles']} | {row['paragraphs']} | {row['gold']} "
                         f"({row['gold_per_paragraph']}) | {row['predicted_per_gold']:.2f} | {ci(row, 'micro_f1')} "
                         f"| {row['precision']:.3f} | {row['recall']:.3f} |")
        for mixkey, mixname in (("train_mix", "training mix"), ("team_mix", "team's mix 54/20/9"),
                                ("team_mix_no_satire", "team's mix without satire, 54/20/0"),
                                ("anchored_mix", f"anchored mix {_mix(r['anchor']['anchored_mix'])}")):
            f = r[key][mixkey]
            lines.append(f"| {name} | **{mixname}** | | | | {f['predicted_per_gold']:.2f} (largest per technique "
                         f"{f['largest_per_technique']:.2f}) | **{ci(f, 'micro_f1')}** | {ci(f, 'precision')} "
                         f"| {ci(f, 'recall')} |")
    if "v1" in r:
        v = r["v1"]
        lines += ["", f"v1 on the {v['articles']} articles its training never saw ({v['genres']}):", "",
                  "| v1 thresholds | micro F1, as scored | at the training mix | at the team's mix "
                  "| at the team's mix without satire | at the anchored mix | reporting articles |",
                  "|---|---|---|---|---|---|---|"]
        for name in ("shipped thresholds (in-sample)", "thresholds from the other half"):
            d = v[name]
            rep = next(x for x in d["by_genre"] if x["genre"] == "reporting")
            lines.append(f"| {name} | {d['all']['micro_f1']:.3f} | {ci(d['train_mix'], 'micro_f1')} "
                         f"| {ci(d['team_mix'], 'micro_f1')} | {ci(d['team_mix_no_satire'], 'micro_f1')} "
                         f"| {ci(d['anchored_mix'], 'micro_f1')} | {rep['micro_f1']:.3f} ({rep['articles']}) |")
    lines += ["", "| rule family (nested) | chosen per fold | team's mix micro F1 | gain [95% CI] "
              "| training mix micro F1 | gain [95% CI] | predicted/gold, largest per technique (team / training) |",
              "|---|---|---|---|---|---|---|"]
    for f, d in r["rules"].items():
        ch = "; ".join(_described(x) for x in d["chosen"])
        gt, gr = d["gain_team_mix"], d["gain_train_mix"]
        lines.append(f"| {f} | {ch} | {d['team_mix']['micro_f1']:.4f} | {gt['gain']:+.4f} [{gt['ci'][0]:+.4f}, "
                     f"{gt['ci'][1]:+.4f}] | {d['train_mix']['micro_f1']:.4f} | {gr['gain']:+.4f} [{gr['ci'][0]:+.4f}, "
                     f"{gr['ci'][1]:+.4f}] | {d['team_mix']['predicted_per_gold']:.2f}, "
                     f"{d['team_mix']['largest_per_technique']:.2f} / {d['train_mix']['predicted_per_gold']:.2f}, "
                     f"{d['train_mix']['largest_per_technique']:.2f} |")
    if "spans_unseen" in r:
        s = r["spans_unseen"]
        lines += ["", "| spans, 67 never seen | articles | predicted / gold | span F1 [95% CI] | precision | recall |",
                  "|---|---|---|---|---|---|"]
        for row in s["by_genre"]:
            lines.append(f"| {row['genre']} | {row['articles']} | {row['predicted']} / {row['gold']} "
                         f"| {row['f1']:.3f} [{row['f1_ci'][0]:.3f}, {row['f1_ci'][1]:.3f}] | {row['precision']:.3f} "
                         f"| {row['recall']:.3f} |")
        for mixkey, mixname in (("train_mix", "training mix"), ("team_mix", "team's mix"),
                                ("team_mix_no_satire", "team's mix without satire"), ("anchored_mix", "anchored mix")):
            f = s[mixkey]
            lines.append(f"| **{mixname}** | | | {ci(f, 'f1')} | {f['precision']:.3f} | {f['recall']:.3f} |")
    lines += ["", f"Time: {r['minutes']} min"]
    return "\n".join(lines)


def _mix(mix) -> str:
    return "/".join(f"{v:.0f}" for v in mix)


def _described(chosen: dict) -> str:
    """A fold's chosen setting in words (a per-technique setting lists its non-zero steps)."""
    parts = []
    for k, v in chosen.items():
        if k == "reporting_by_technique":
            parts += [f"{TECHNIQUE_NAMES[j]} {d:+g}" for j, d in enumerate(v) if d]
        elif k != "fold" and v:
            parts.append(f"{k} {v}")
    return ", ".join(parts) or "no change"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m slant.train.technique_forecast", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", help="slant.train.cv's run folder")
    ap.add_argument("--genre", default=None, help="slant.train.genre's run folder (held_out.npz) for the genre rules")
    ap.add_argument("--data", default="../shared/data", help="the data folder (SemEval ids of the genre run)")
    ap.add_argument("--v1", default=None, help="a folder with v1's heads.npz and persuasion.json")
    ap.add_argument("--rounds", type=int, default=1000)
    ap.add_argument("--out", default=None, help="JSON report (default RUN/technique_forecast.json)")
    args = ap.parse_args(argv)
    run = Path(args.run)
    r = report(run, Path(args.genre) if args.genre else None, Path(args.data), Path(args.v1) if args.v1 else None,
               args.rounds)
    Path(args.out or run / "technique_forecast.json").write_text(json.dumps(r, indent=1, default=float))
    print(render(r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
