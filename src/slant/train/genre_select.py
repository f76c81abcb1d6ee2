"""Choosing a genre ensemble for a SemEval-style genre mix, scored *nested* (session 9, issue 12).

``python -m slant.train.genre_select OUT --part base=RUN_A/held_out.npz --part mlp=RUN_B/held_out.npz:0,0.5,1
[--part ...] [--criterion point,logloss] [--opinion-floor 0.333]``

Each ``--part`` is the ``held_out.npz`` that ``python -m slant.train.genre`` writes for one recipe (the
outlet-held-out logits of every text, with its genres, sources and groups; all parts must come from the same
texts and groups). The first part has weight 1; each other part is tried at the weights after its ``:``.
A *candidate* is one set of weights plus the genre mix the probabilities assume (:func:`priors`): its logits
are added, calibrated (cross-fitted: each group's calibration fitted on the other groups' held-out logits,
the genres weighted equally, :func:`equal_log_probs`) and moved to the mix; the decision is the most
probable genre.

The objective (g7b's, kept by g8 and g9): maximise the SemEval-mix macro F1 (:func:`semeval_mix_macro`:
SemEval's held-out articles weighted to the team's 54 reporting / 20 opinion / 9 satire) among candidates
whose reporting recall on PolNeAR and on Reuters is at least 0.80 and whose satire recall on Golbeck is at
least 0.60 (:data:`FLOORS`); g9 adds that editorials' opinion recall may not fall below ``--opinion-floor``.

Picking the best of many candidates on the predictions it is scored on flatters the winner, so the
*procedure* is scored nested (:func:`nested`): for each SemEval fold, the candidate is chosen with that
fold's articles left out of the criterion, and only that fold's predictions are kept; the pooled
predictions are scored once. Two criteria: ``point`` (the SemEval-mix macro itself, a step function of a
few dozen articles) and ``logloss`` (the SemEval-mix-weighted log loss of the probabilities, smooth, so
less prone to pick a lucky setting). The report also gives the candidate each criterion picks on all
folds, its figures per corpus, and the *ceiling* (:func:`threshold_ceiling`): the best SemEval-mix macro
that any reporting/opinion threshold on a score reaches, chosen on the articles it is scored on.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

import numpy as np

from slant.analyze.taxonomy import GENRES
from slant.train import genre as G
from slant.train.metrics import f1_from_counts, macro_f1_single

#: the team's SemEval-style held-out set: reporting, opinion, satire articles
SEMEVAL_MIX = (54, 20, 9)
#: (source prefix, genre index, least recall): the recall floors every candidate must keep
FLOORS = (("polnear", 0, 0.80), ("conll", 0, 0.80), ("golbeck", 2, 0.60))
#: editorials (Webis), whose opinion recall ``--opinion-floor`` guards
EDITORIALS = "webis"


def semeval_mix_macro(y: np.ndarray, pred: np.ndarray, mix=SEMEVAL_MIX) -> float:
    """Macro F1 over the three genres with each article weighted so the genres have the counts ``mix``
    (each reporting article counts ``mix[0] / n_reporting``, ...): the figure a set drawn like SemEval's
    but with the team's mix would give."""
    y, pred = np.asarray(y), np.asarray(pred)
    w = mix_weights(y, mix)
    f = []
    for c in range(len(GENRES)):
        tp = w[(y == c) & (pred == c)].sum()
        fp = w[(y != c) & (pred == c)].sum()
        fn = w[(y == c) & (pred != c)].sum()
        f.append(f1_from_counts(tp, fp, fn))
    return float(np.mean(f))


def mix_weights(y: np.ndarray, mix=SEMEVAL_MIX) -> np.ndarray:
    """A weight per article so the genres have the counts ``mix`` (each reporting article counts
    ``mix[0] / n_reporting``, ...); an article of no genre (-1) weighs 0, and a genre without articles
    leaves its share out."""
    y = np.asarray(y)
    w = np.zeros(len(y))
    for c, n in enumerate(mix):
        k = y == c
        if k.any():
            w[k] = n / k.sum()
    return w


def equal_log_probs(z: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Calibrated log-probabilities with the genres equally likely, each group's calibration fitted on
    the other groups' held-out logits only (:func:`slant.train.genre.fit_calibration`)."""
    out = np.zeros(z.shape, np.float64)
    for g in np.unique(groups):
        m = groups == g
        cal = G.fit_calibration(z[~m], y[~m])
        zz = z[m] / cal["temperature"] + np.asarray(cal["bias"])
        zz = zz - zz.max(1, keepdims=True)
        out[m] = zz - np.log(np.exp(zz).sum(1, keepdims=True))
    return out


def priors() -> list[tuple[float, float, float]]:
    """The assumed genre mixes tried (reporting 0.40-0.85, satire 0.05-0.50, opinion the rest, plus
    opinion at 0.02-0.08): g8's grid."""
    out = {(r, round(1 - r - s, 3), s) for r in np.arange(0.40, 0.86, 0.05).round(2)
           for s in np.arange(0.05, 0.51, 0.05).round(2) if 1 - r - s >= 0.02}
    out |= {(r, o, round(1 - r - o, 3)) for r in np.arange(0.40, 0.86, 0.05).round(2)
            for o in (0.02, 0.04, 0.06, 0.08) if 1 - r - o >= 0.05}
    return sorted((float(a), float(b), float(c)) for a, b, c in out)


def shifted(lp: np.ndarray, prior) -> np.ndarray:
    """Probabilities for the genre mix ``prior`` from equal-prior log-probabilities."""
    return G.softmax(lp + np.log(np.asarray(prior) * len(GENRES)))


def recall_of(pred, y, sources, prefix: str, genre: int) -> float:
    m = np.char.startswith(np.asarray(sources).astype(str), prefix) & (np.asarray(y) == genre)
    return float((pred[m] == genre).mean()) if m.any() else float("nan")


def feasible(pred, y, sources, opinion_floor: float | None = None, margin: float = 0.0) -> bool:
    """Whether the decisions keep every recall floor (:data:`FLOORS` raised by ``margin``, and the
    editorials' opinion recall at ``opinion_floor`` when given); a floor whose corpus is absent is not
    checked. A margin keeps the choice off the floors' edge: the team's independent sets are small
    (75 reports, 75 satire stories), so a recall of exactly 0.80 here fails there about half the time.
    ``margin`` is one number for every floor or one per floor of :data:`FLOORS` (session 12: 0.10, 0.10, 0.05
    keeps PolNeAR and Reuters reporting at 0.90 and Golbeck satire at 0.65, the figures v2.5 ships with)."""
    margins = np.broadcast_to(np.asarray(margin, np.float64), (len(FLOORS),))
    floors = [(p, g, least + m) for (p, g, least), m in zip(FLOORS, margins)]
    floors += [(EDITORIALS, 1, opinion_floor)] if opinion_floor is not None else []
    for prefix, genre, least in floors:
        r = recall_of(pred, y, sources, prefix, genre)
        if not np.isnan(r) and r < least:
            return False
    return True


def criterion_value(name: str, p_sem: np.ndarray, y_sem: np.ndarray, mix=SEMEVAL_MIX) -> float:
    """``point``: the SemEval-mix macro of the most probable genre; ``logloss``: minus the SemEval-mix
    weighted log loss of the probabilities (higher is better for both)."""
    if name == "point":
        return semeval_mix_macro(y_sem, p_sem.argmax(1), mix)
    if name == "logloss":
        w = np.asarray(mix, np.float64)[y_sem] / np.maximum(np.bincount(y_sem, minlength=len(GENRES)), 1)[y_sem]
        return float((w * np.log(p_sem[np.arange(len(y_sem)), y_sem] + 1e-9)).sum() / w.sum())
    raise ValueError(f"unknown criterion {name!r}: use point or logloss")


def select(cands: dict, y: np.ndarray, sources: np.ndarray, criterion: str, keep: np.ndarray,
           opinion_floor: float | None = None, mixes=None, margin: float = 0.0):
    """The feasible (candidate, assumed mix) with the best criterion on the SemEval articles in ``keep``
    (a boolean mask over all texts); None when none is feasible. Feasibility reads the other corpora,
    which never include a SemEval article."""
    sem = np.asarray(sources) == "semeval"
    best = None
    for key, lp in cands.items():
        for prior in mixes or priors():
            p = shifted(lp, prior)
            if not feasible(p.argmax(1), y, sources, opinion_floor, margin):
                continue
            v = criterion_value(criterion, p[sem & keep], y[sem & keep])
            if best is None or v > best[0]:
                best = (v, key, prior)
    return best


def nested(cands: dict, y, sources, groups, criterion: str, opinion_floor: float | None = None, mixes=None,
           margin: float = 0.0):
    """Each SemEval fold's decisions from the candidate chosen without that fold's articles; returns the
    SemEval articles' pooled decisions (in the order of the SemEval texts) and each fold's choice."""
    sem = np.flatnonzero(np.asarray(sources) == "semeval")
    pred = np.full(len(sem), -1)
    chosen = {}
    for fold in np.unique(groups[sem]):
        out = np.ones(len(y), bool)
        out[sem[groups[sem] == fold]] = False
        pick = select(cands, y, sources, criterion, out, opinion_floor, mixes, margin)
        if pick is None:
            raise ValueError(f"no candidate keeps every recall floor without {fold}")
        _, key, prior = pick
        chosen[str(fold)] = (key, prior)
        m = groups[sem] == fold
        pred[m] = shifted(cands[key][sem[m]], prior).argmax(1)
    return pred, chosen


def resamples_within_genre(y_sem: np.ndarray, n: int, seed: int):
    """``n`` bootstrap resamples (index arrays) of the articles, drawn within each genre."""
    rng = np.random.default_rng(seed)
    strata = [np.flatnonzero(y_sem == c) for c in range(len(GENRES))]
    for _ in range(n):
        yield np.concatenate([rng.choice(s, len(s)) for s in strata if len(s)])


def within_genre_interval(statistic, y_sem: np.ndarray, rounds: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """95% percentile interval of ``statistic(idx)`` (a number or an array of them) over ``rounds``
    :func:`resamples_within_genre` of the articles: (lo, hi), elementwise for an array."""
    draws = np.array([statistic(idx) for idx in resamples_within_genre(y_sem, rounds, seed)])
    lo, hi = np.percentile(draws, [2.5, 97.5], axis=0)
    return lo, hi


def mix_interval(y_sem: np.ndarray, pred: np.ndarray, n: int = 2000, seed: int = 13) -> list[float]:
    """95% interval of the SemEval-mix macro: articles resampled within each genre."""
    lo, hi = within_genre_interval(lambda idx: semeval_mix_macro(y_sem[idx], pred[idx]), y_sem, n, seed)
    return [round(float(lo), 4), round(float(hi), 4)]


def paired_gain(y_sem: np.ndarray, pred_a: np.ndarray, pred_b: np.ndarray, n: int = 2000, seed: int = 13) -> dict:
    """SemEval-mix macro of ``pred_b`` minus ``pred_a`` on the same articles, with a 95% interval from the
    same stratified resamples for both."""
    lo, hi = within_genre_interval(
        lambda idx: semeval_mix_macro(y_sem[idx], pred_b[idx]) - semeval_mix_macro(y_sem[idx], pred_a[idx]),
        y_sem, n, seed)
    gain = semeval_mix_macro(y_sem, pred_b) - semeval_mix_macro(y_sem, pred_a)
    return {"gain": round(float(gain), 4), "interval": [round(float(lo), 4), round(float(hi), 4)]}


def threshold_ceiling(score: np.ndarray, y_sem: np.ndarray, satire: np.ndarray) -> float:
    """The best SemEval-mix macro any threshold on ``score`` (higher = reporting) reaches between
    reporting and opinion, satire decisions fixed (``satire``: called satire), chosen on the articles
    it is scored on: an upper bound for what a decision rule can get out of that score."""
    best = 0.0
    for t in np.unique(np.quantile(score, np.linspace(0.01, 0.99, 99))):
        pred = np.where(satire, 2, np.where(score > t, 0, 1))
        best = max(best, semeval_mix_macro(y_sem, pred))
    return best


def figures(p: np.ndarray, y, sources, prior=None) -> dict:
    """Recall on each constraint corpus and the editorials, SemEval's recalls and mix macro, pooled macro,
    how often opinion pieces are called reporting at 0.7 or more, and (given the assumed mix ``prior``)
    the expected calibration error with the texts weighted to that mix
    (:func:`slant.train.genre.reliability`)."""
    pred = p.argmax(1)
    sem = np.asarray(sources) == "semeval"
    out = {f"{prefix} {GENRES[g]} recall": round(recall_of(pred, y, sources, prefix, g), 4) for prefix, g, _ in FLOORS}
    out[f"{EDITORIALS} opinion recall"] = round(recall_of(pred, y, sources, EDITORIALS, 1), 4)
    out["semeval mix macro"] = round(semeval_mix_macro(y[sem], pred[sem]), 4)
    out["semeval recall"] = {GENRES[c]: round(float((pred[sem & (y == c)] == c).mean()), 4) for c in range(3)}
    out["pooled macro"] = round(macro_f1_single(y, pred, 3), 4)
    for name, m in (("editorials", np.char.startswith(np.asarray(sources).astype(str), EDITORIALS)),
                    ("semeval opinion", sem & (y == 1))):
        out[f"{name} with P(reporting) >= 0.7"] = round(float((p[m, 0] >= 0.7).mean()), 4) if m.any() else None
    if prior is not None:
        out["ece"] = G.reliability(p, np.asarray(y), prior)[1]
    return out


def load_parts(specs: list[str], tool: str, usage: str, *, first_fixed: bool = False, single: bool = False,
               mismatch_hint: str = ""):
    """The held-out parts ``NAME=held_out.npz[:weights]`` as (name, weights, logits), and the texts' labels,
    sources and groups, which every part must share. ``first_fixed``: the first part's weight is 1;
    ``single``: one weight per part. Bad specs end the run with a message naming ``tool``."""
    parts, ref = [], None
    for k, spec in enumerate(specs):
        name, _, rest = spec.partition("=")
        path, _, ws = rest.partition(":")
        try:
            weights = [1.0] if first_fixed and k == 0 else [float(v) for v in (ws or "1").split(",")]
            if single and len(weights) != 1:
                raise ValueError("one weight per part without --choose")
            with np.load(path, allow_pickle=False) as d:
                here = {key: d[key] for key in ("y", "sources", "groups")}
                parts.append((name, weights, d["logits"].astype(np.float64)))
        except (OSError, ValueError, KeyError) as e:
            raise SystemExit(f"{tool}: --part {spec!r}: {e}; give NAME=held_out.npz{usage} "
                             "held_out.npz that `python -m slant.train.genre` wrote") from None
        if ref is None:
            ref = here
        elif any(not np.array_equal(ref[key], here[key]) for key in ref):
            raise SystemExit(f"{tool}: {path} holds other texts or groups than the first part{mismatch_hint}")
    return parts, ref["y"], ref["sources"].astype(str), ref["groups"].astype(str)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--part", action="append", required=True,
                    help="NAME=held_out.npz[:w1,w2,...]; the first part has weight 1")
    ap.add_argument("--criterion", default="point,logloss")
    ap.add_argument("--opinion-floor", type=float, default=None)
    ap.add_argument("--floor-margin", default="0",
                    help="raise every recall floor of FLOORS by this much (0.05: reporting 0.85, satire 0.65), or "
                         "each by its own: PolNeAR,Reuters,Golbeck (0.1,0.1,0.05: reporting 0.90, satire 0.65)")
    args = ap.parse_args(argv)
    try:
        margins = [float(v) for v in args.floor_margin.split(",")]
    except ValueError:
        raise SystemExit(f"genre_select: --floor-margin {args.floor_margin!r}: give a number or "
                         f"{len(FLOORS)} numbers separated by commas") from None
    if len(margins) not in (1, len(FLOORS)):
        raise SystemExit(f"genre_select: --floor-margin needs 1 or {len(FLOORS)} numbers, not {len(margins)}")
    args.floor_margin = margins[0] if len(margins) == 1 else tuple(margins)
    loaded, y, sources, groups = load_parts(
        args.part, "genre_select", "[:w1,w2,...] with the", first_fixed=True,
        mismatch_hint="; make every part with the same data folder and slant version")
    parts = [(name, z) for name, _, z in loaded]
    grids = [weights for _, weights, _ in loaded]
    cands = {}
    for weights in itertools.product(*grids):
        z = sum(w * zz for w, (_, zz) in zip(weights, parts))
        cands[tuple(weights)] = equal_log_probs(z, y, groups)
    sem = sources == "semeval"
    rep = {"parts": [n for n, _ in parts], "candidates": len(cands) * len(priors()),
           "opinion_floor": args.opinion_floor, "floor_margin": args.floor_margin, "criteria": {}}
    nested_preds = {}
    for crit in args.criterion.split(","):
        try:
            pred, chosen = nested(cands, y, sources, groups, crit, args.opinion_floor, margin=args.floor_margin)
        except ValueError as e:
            raise SystemExit(f"genre_select: {e}; widen the weight grids or lower --opinion-floor") from None
        nested_preds[crit] = pred
        pick = select(cands, y, sources, crit, np.ones(len(y), bool), args.opinion_floor, margin=args.floor_margin)
        if pick is None:
            raise SystemExit("genre_select: no candidate keeps every recall floor; widen the weight grids "
                             "or lower --opinion-floor")
        _, key, prior = pick
        p = shifted(cands[key], prior)
        rep["criteria"][crit] = {
            "nested semeval mix macro": round(semeval_mix_macro(y[sem], pred), 4),
            "nested interval": mix_interval(y[sem], pred),
            "nested semeval recall": {GENRES[c]: round(float((pred[y[sem] == c] == c).mean()), 4) for c in range(3)},
            "chosen per fold": {f: {"weights": list(k), "mix": list(pr)} for f, (k, pr) in chosen.items()},
            "chosen on all folds": {"weights": list(key), "mix": list(prior)},
            "its held-out figures": figures(p, y, sources, prior),
            "its ceiling (best reporting/opinion threshold, in-sample)": round(threshold_ceiling(
                p[sem, 0] - p[sem, 1], y[sem], p[sem].argmax(1) == 2), 4)}
    crits = list(nested_preds)
    for a, b in itertools.combinations(crits, 2):
        rep[f"nested {b} minus {a}"] = paired_gain(y[sem], nested_preds[a], nested_preds[b])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / "nested_predictions.npz", y=y[sem], **{k: v for k, v in nested_preds.items()})
    (out / "genre_select.json").write_text(json.dumps(rep, indent=1))
    print(json.dumps(rep, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
