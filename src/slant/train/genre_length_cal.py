"""A length-dependent calibration of the genre head, chosen and scored nested by outlet group.

``python -m slant.train.genre_length_cal RUN OUT [--forms power] [--rounds 500]``

RUN is a :mod:`slant.train.genre_length` run: ``genre_length.npz`` holds, for every training text whole and
cut to its title and first N words, the words the run time counts and the held-out logits of a head trained
without the text's outlet group. The shipped calibration (a temperature and a bias per genre, fitted on
whole texts) is over-confident on short texts. This fits a correction that depends on the text's length
only, on top of it, and never reads the text again (no extra encoder pass).

Candidates (``CANDIDATES``), each with ``t = max(0, ln(pivot / words))`` (0 from ``pivot`` words on, so
long texts are unchanged) and the calibrated logits ``L = u + b`` (``u = z / T``, ``b`` the bias):

* ``power``: ``softmax(s L)``, ``s = exp(-slope t)``: the probabilities raised to the power ``s`` and
  renormalised; the most probable genre never changes (:func:`length_tempered`);
* ``temp``: ``softmax(s u + b)`` (the assumed genre mix kept);
* ``temp+bias``: ``softmax(s u + b + t beta)``, beta a shift per genre (reporting's fixed at 0);
* ``bands``: a temperature and bias per length band below ``pivot``.

Every row is weighted so that, within its length band, the genres have the mix the probabilities assume
(65/10/25). The procedure (:func:`procedure`): each candidate is scored leave-one-group-out over the groups
it is given (fitted on the others' rows, with their calibration also fitted without the scored group);
a candidate is admissible when, on the whole texts, its calibration error (all three probabilities, the
model card's ECE), its macro F1 and its team-mix forecast are no worse than the uncorrected head's; of
those, the one with the lowest log loss on the cut texts of at least 75 words wins. The procedure is
scored nested (:func:`nested`): for each of the 21 groups it is run on the other 20, and its pick, fitted
on them, predicts the group (its pick on all 21 groups, fitted on all rows, is reported). ``--forms`` limits
the forms the procedure chooses among: session 15 chose among ``power`` candidates only, the one form that
cannot change a decision on a held-out outlet (with every form, the Reuters group's nested pick was ``bands``
and cost whole Reuters reports; model card, "Genre probabilities calibrated by length").

The procedure fits on texts *cut* from articles. :func:`populations` scores its nested pick on both kinds of
short text (75-199 words): whole texts that are short by nature (mostly wire reports) and cut texts, apart
and pooled half and half, with the share of reports named reporting. On these the pick was not applied at
run time (model card): it made the short-by-nature texts less confident than they were already and cost
reports named reporting.

Writes ``OUT/genre_length_cal.json`` (per length band before and after: accuracy, top-label ECE,
wrong-and-sure, decided share, with 95% intervals from resampling texts, all versions of a text together;
the two populations; the whole texts' figures; every candidate's nested figures; the picks) and
``OUT/genre_length_cal.npz``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from slant.models.heads import softmax
from slant.train import stats
from slant.train.genre import fit_calibration, reliability, with_prior
from slant.train.genre_forecast import confusion_rates, expected_macro, pool_members
from slant.train.metrics import macro_f1_single

#: the genre mix the shipped probabilities assume (v2.5)
MIX = (0.65, 0.1, 0.25)
#: bands (words, title included) inside which the rows are weighted to MIX, and the bands of ``bands``
WEIGHT_BANDS = (0, 50, 75, 100, 150, 200, 300, 500, 10**9)
BANDS = ((0, 50), (50, 75), (75, 100), (100, 150), (150, 200), (200, 300), (300, 500))
#: (form, pivot words)
CANDIDATES = [("none", 1)] + [(f, p) for f in ("power", "temp", "temp+bias") for p in (150, 200, 300, 500, 1000)] + \
    [("bands", 300), ("bands", 500)]
N_PARAMS = {"none": 0, "power": 1, "temp": 1, "temp+bias": 3, "bands": 3 * len(BANDS)}
#: the bands of the report
REPORT_BANDS = ((0, 50), (50, 75), (75, 100), (100, 150), (150, 200), (200, 300), (300, 500), (75, 200), (75, 300))
#: the length the criterion and the report start from (the genre is not named below it)
SHOWN_FROM = 75


class Rows:
    """Every version of every text: the whole text and each cut that shortens it."""

    def __init__(self, run: Path):
        d = np.load(run / "genre_length.npz")
        self.y0, self.groups0, self.sources0 = d["y"], d["groups"], d["sources"]
        self.z0 = d["logits_full"].astype(np.float64)
        cuts = sorted(int(k[len("words_w"):]) for k in d.files if k.startswith("words_w"))
        idx, ver, words, z = [np.arange(len(self.y0))], [np.zeros(len(self.y0), int)], [d["words_full"]], [self.z0]
        for n in cuts:
            m = np.flatnonzero(d["body_words"] > n)
            idx.append(m)
            ver.append(np.full(len(m), n))
            words.append(d[f"words_w{n}"][m])
            z.append(d[f"logits_w{n}"][m].astype(np.float64))
        self.text = np.concatenate(idx)
        self.version = np.concatenate(ver)  # 0: whole, else the cut's N
        self.words = np.concatenate(words).astype(float)
        self.z = np.concatenate(z)
        self.y = self.y0[self.text]
        self.group = self.groups0[self.text]
        self.source = self.sources0[self.text]
        self.band = np.digitize(self.words, WEIGHT_BANDS[1:-1])
        self.groups = sorted(set(self.groups0.tolist()))
        self._cal: dict[frozenset, dict] = {}

    def base(self, excluded: set) -> dict:
        """The shipped calibration (moved to MIX) fitted on the whole texts of the groups not excluded."""
        key = frozenset(excluded)
        if key not in self._cal:
            m = ~np.isin(self.groups0, list(key))
            self._cal[key] = with_prior(fit_calibration(self.z0[m], self.y0[m]), MIX)
        return self._cal[key]

    def tempered(self, rows: np.ndarray, outer: str | None = None) -> tuple[np.ndarray, np.ndarray]:
        """``u = z / T`` and ``b`` of each row, the calibration fitted without its group (and ``outer``)."""
        u, b = np.zeros((len(rows), 3)), np.zeros((len(rows), 3))
        for h in np.unique(self.group[rows]):
            m = self.group[rows] == h
            cal = self.base({h} if outer is None else {h, outer})
            u[m], b[m] = self.z[rows][m] / cal["temperature"], cal["bias"]
        return u, b

    def weights(self, rows: np.ndarray) -> np.ndarray:
        """Within each length band the genres get MIX; the weights sum to 1."""
        w = np.zeros(len(rows))
        for band in np.unique(self.band[rows]):
            m = self.band[rows] == band
            share = np.bincount(self.y[rows][m], minlength=3) / m.sum()
            w[m] = (np.asarray(MIX) / np.maximum(share, 1e-9))[self.y[rows][m]]
        return w / w.sum()


def _log_shortfall(words, pivot: float) -> np.ndarray:
    """ln(pivot / words) below ``pivot`` words, 0 from it on (no words counted as one)."""
    return np.maximum(0.0, np.log(pivot / np.maximum(np.asarray(words, dtype=np.float64), 1.0)))


def stretch(words: np.ndarray, pivot: float) -> np.ndarray:
    return _log_shortfall(words, pivot)[:, None]


def length_tempered(probs: np.ndarray, words, pivot: float, slope: float) -> np.ndarray:
    """Genre probabilities corrected for a text's length (the ``power`` form of :func:`logits`;
    measured here, not applied at run time: model card, "Genre probabilities calibrated by length"):
    each row raised to the power ``s = exp(-slope * ln(pivot / words))`` below ``pivot`` words (1 from
    ``pivot`` on) and renormalised, i.e. the calibrated logits times ``s``: a short text's probabilities
    move toward each other and the most probable genre stays the same. ``words`` (a number, or one per
    row) is counted as :func:`slant.analyze.persuasion.genre_words` counts it. Fitted on held-out texts cut to
    their first words."""
    p = np.asarray(probs, dtype=np.float64)
    t = _log_shortfall(words, pivot)
    power = np.exp(-slope * t)[..., None] if np.ndim(t) else np.exp(-slope * t)
    z = power * np.log(np.maximum(p, 1e-300))
    z = np.exp(z - z.max(-1, keepdims=True))
    return z / z.sum(-1, keepdims=True)


def logits(u: np.ndarray, b: np.ndarray, words: np.ndarray, form: str, pivot: float, theta: np.ndarray) -> np.ndarray:
    """The corrected logits (or, for ``power``, log-probabilities) of one candidate."""
    if form == "none":
        return u + b
    if form == "power":
        return np.log(np.maximum(length_tempered(softmax(u + b), words, pivot, float(theta[0])), 1e-300))
    t = stretch(words, pivot)
    if form == "temp":
        return np.exp(-theta[0] * t) * u + b
    if form == "temp+bias":
        return np.exp(-theta[0] * t) * u + b + t * np.r_[0.0, theta[1:3]]
    if form == "bands":
        out = u + b
        for k, (lo, hi) in enumerate(BANDS):
            if lo >= pivot:
                break
            m = (words >= lo) & (words < min(hi, pivot))
            out[m] = np.exp(-theta[3 * k]) * u[m] + b[m] + np.r_[0.0, theta[3 * k + 1:3 * k + 3]]
        return out
    raise ValueError(form)


def log_loss(z: np.ndarray, y: np.ndarray, weights: np.ndarray) -> float:
    z = z - z.max(1, keepdims=True)
    lp = z - np.log(np.exp(z).sum(1, keepdims=True))
    return float(-(weights * lp[np.arange(len(y)), y]).sum())


def fit(data: Rows, rows: np.ndarray, u: np.ndarray, b: np.ndarray, form: str, pivot: float) -> np.ndarray:
    """The candidate's parameters, by MIX-weighted log loss on ``rows``."""
    from scipy.optimize import minimize

    if form == "none":
        return np.zeros(0)
    words, y, wt = data.words[rows], data.y[rows], data.weights(rows)
    if form == "bands":
        theta = np.zeros(N_PARAMS[form])
        for k, (lo, hi) in enumerate(BANDS):
            m = (words >= lo) & (words < min(hi, pivot))
            if lo >= pivot or m.sum() < 30:
                continue
            theta[3 * k:3 * k + 3] = minimize(
                lambda p: log_loss(np.exp(-p[0]) * u[m] + b[m] + np.r_[0.0, p[1:3]], y[m], wt[m]),
                np.zeros(3), method="L-BFGS-B").x
        return theta
    return minimize(lambda th: log_loss(logits(u, b, words, form, pivot, th), y, wt),
                    np.zeros(N_PARAMS[form]), method="L-BFGS-B").x


def whole_figures(data: Rows, rows: np.ndarray, p: np.ndarray) -> dict:
    """Figures of the whole texts among ``rows`` (``p``: their probabilities)."""
    m = data.version[rows] == 0
    y, pw, src = data.y[rows][m], p[m], data.source[rows][m]
    pred = pw.argmax(1)
    _, ece = reliability(pw, y, MIX)
    return {"ece": ece, "macro_f1": macro_f1_single(y, pred, 3),
            "forecast": expected_macro(confusion_rates(pred, pool_members(y, src)))[0]}


def criterion(data: Rows, rows: np.ndarray, p: np.ndarray) -> float:
    """MIX-weighted log loss on the cut texts of at least SHOWN_FROM words among ``rows``."""
    m = (data.version[rows] > 0) & (data.words[rows] >= SHOWN_FROM)
    r = rows[m]
    return float(-(data.weights(r) * np.log(np.clip(p[m][np.arange(len(r)), data.y[r]], 1e-12, 1))).sum())


def choose(scores: dict) -> tuple[str, int]:
    """The admissible candidate (whole texts no worse than uncorrected) with the lowest criterion."""
    none = scores[("none", 1)]
    ok = [c for c in scores if not (scores[c]["ece"] > none["ece"] + 1e-9 or scores[c]["macro_f1"] <
                                        none["macro_f1"] - 1e-9 or scores[c]["forecast"] < none["forecast"] - 1e-9)]
    return min(ok, key=lambda c: scores[c]["criterion"])


def procedure(data: Rows, outer: str | None = None, candidates=CANDIDATES) -> tuple[tuple[str, int], dict]:
    """Run the choice on the groups other than ``outer``: each candidate scored leave-one-group-out."""
    inner = [h for h in data.groups if h != outer]
    rows = np.flatnonzero(np.isin(data.group, inner))
    u, b = data.tempered(rows, outer)
    preds = {c: np.zeros((len(rows), 3)) for c in candidates}
    for h in inner:
        te, tr = np.flatnonzero(data.group[rows] == h), np.flatnonzero(data.group[rows] != h)
        for c in candidates:
            theta = fit(data, rows[tr], u[tr], b[tr], *c)
            preds[c][te] = softmax(logits(u[te], b[te], data.words[rows[te]], *c, theta))
    scores = {c: {"criterion": criterion(data, rows, preds[c]), **whole_figures(data, rows, preds[c])}
              for c in candidates}
    return choose(scores), scores


def nested(data: Rows, candidates=CANDIDATES, log=print) -> tuple[np.ndarray, dict, dict[tuple, np.ndarray]]:
    """The procedure's nested probabilities of every row, its pick per group, and every candidate's own
    nested probabilities (fitted on the other 20 groups)."""
    out = np.zeros((len(data.y), 3))
    each = {c: np.zeros((len(data.y), 3)) for c in candidates}
    picks = {}
    t0 = time.time()
    for g in data.groups:
        pick, _ = procedure(data, g, candidates)
        fr, er = np.flatnonzero(data.group != g), np.flatnonzero(data.group == g)
        uf, bf = data.tempered(fr, g)
        ue, be = data.tempered(er)
        for c in candidates:
            theta = fit(data, fr, uf, bf, *c)
            each[c][er] = softmax(logits(ue, be, data.words[er], *c, theta))
        out[er] = each[pick][er]
        picks[g] = f"{pick[0]}@{pick[1]}"
        log(f"{g}: {picks[g]} ({time.time() - t0:.0f} s)")
    return out, picks, each


STAT_NAMES = ("accuracy", "ece", "wrong_and_sure", "decided_share", "log_loss")


def band_report(data: Rows, before: np.ndarray, after: np.ndarray, rounds: int) -> dict:
    """Per band (cut texts, and whole texts by their own length): before, after and after - before, with
    95% intervals from resampling texts (all versions of a text together; the same resamples for all)."""
    rows_of = stats.block_rows(data.text)
    n_texts = len(np.unique(data.text))
    masks = {}
    for lo, hi in REPORT_BANDS:
        w = (data.words >= lo) & (data.words < hi)
        masks[f"cut {lo}-{hi - 1}"] = w & (data.version > 0)
    masks["whole texts"] = data.version == 0
    for lo, hi in ((0, 75), (75, 200), (200, 10**9)):
        masks[f"whole {lo}-{hi - 1 if hi < 10**9 else ''}"] = (data.version == 0) & (data.words >= lo) & (data.words < hi)

    def statistic(picked: np.ndarray) -> np.ndarray:
        idx = rows_of(picked)
        out = []
        for m in masks.values():
            sel = idx[m[idx]]  # a text drawn twice keeps its rows twice
            a, c = band_stats(data, before, sel), band_stats(data, after, sel)
            out.append(np.r_[a, c, c - a])
        return np.concatenate(out)

    lo, hi = stats.bootstrap(statistic, n_texts, rounds)
    point = statistic(np.arange(n_texts))
    k = 3 * len(STAT_NAMES)
    report = {}
    for j, (name, m) in enumerate(masks.items()):
        cell = {"rows": int(m.sum()), "texts": int(len(np.unique(data.text[m]))),
                "genres": np.bincount(data.y[m], minlength=3).tolist()}
        for part, off in (("before", 0), ("after", len(STAT_NAMES)), ("change", 2 * len(STAT_NAMES))):
            cell[part] = {s: [round(float(point[j * k + off + i]), 4), round(float(lo[j * k + off + i]), 4),
                              round(float(hi[j * k + off + i]), 4)] for i, s in enumerate(STAT_NAMES)}
        report[name] = cell
    return report


def band_stats(data: Rows, p: np.ndarray, idx: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """MIX-weighted accuracy, top-label ECE, wrong at 50% or more, decided share and log loss of the rows
    ``idx`` (repeats allowed); ``weights``: the rows' own (default: MIX over ``idx``)."""
    if len(idx) == 0:
        return np.full(len(STAT_NAMES), np.nan)
    y = data.y[idx]
    if weights is None:
        share = np.bincount(y, minlength=3) / len(y)
        weights = (np.asarray(MIX) / np.maximum(share, 1e-9))[y]
    w = weights
    top, right = p[idx].max(1), (p[idx].argmax(1) == y).astype(float)
    _, ece = stats.reliability(top, right, 10, weights=w)
    ll = -np.log(np.clip(p[idx, y], 1e-12, 1))
    return np.array([np.average(right, weights=w), ece, np.average((top >= 0.5) & (right == 0), weights=w),
                     np.average(top >= 0.5, weights=w), np.average(ll, weights=w)])


#: the short texts whose two populations :func:`populations` compares (words, title included)
SHORT = (75, 200)
POPULATION_STATS = STAT_NAMES + ("reports_named",)


def population_weights(data: Rows, idx: np.ndarray, natural_share: float | None = None) -> np.ndarray:
    """Weights of the rows ``idx``: MIX within each population (whole texts, cut texts) and length band;
    with ``natural_share`` the whole texts weigh that share in all and the cut texts the rest, else each
    population weighs its share of the rows."""
    w = np.zeros(len(idx))
    natural = data.version[idx] == 0
    for pop, pop_share in ((natural, natural_share), (~natural, None if natural_share is None else 1 - natural_share)):
        for band in np.unique(data.band[idx][pop]):
            m = pop & (data.band[idx] == band)
            share = np.bincount(data.y[idx][m], minlength=3) / m.sum()
            raw = (np.asarray(MIX) / np.maximum(share, 1e-9))[data.y[idx][m]]
            w[m] = raw / raw.sum() * m.sum()
        if pop_share is not None and pop.any():
            w[pop] *= pop_share / w[pop].sum()
    return w / w.sum()


def populations(data: Rows, before: np.ndarray, after: np.ndarray, rounds: int, natural_share: float = 0.5) -> dict:
    """The two kinds of short text (SHORT words): whole texts short by nature and texts cut from longer
    ones, each and pooled (the whole texts weighing ``natural_share``), per band too: band_stats before,
    after and after - before, and the share of reports whose reporting probability is 0.5 or more
    (unweighted), with 95% intervals from resampling texts (all versions of a text together)."""
    short = (data.words >= SHORT[0]) & (data.words < SHORT[1])
    natural, cut = short & (data.version == 0), short & (data.version > 0)
    sels = {f"natural {SHORT[0]}-{SHORT[1] - 1}": (natural, None), f"cut {SHORT[0]}-{SHORT[1] - 1}": (cut, None),
            f"pooled, natural {natural_share:g}": (short, natural_share)}
    for lo, hi in zip(WEIGHT_BANDS[:-1], WEIGHT_BANDS[1:]):
        if SHORT[0] <= lo and hi <= SHORT[1]:
            inband = (data.words >= lo) & (data.words < hi)
            sels[f"natural {lo}-{hi - 1}"], sels[f"cut {lo}-{hi - 1}"] = (natural & inband, None), (cut & inband, None)
    rows_of = stats.block_rows(data.text)

    def figures(p: np.ndarray, sel: np.ndarray, share: float | None) -> np.ndarray:
        reports = sel[data.y[sel] == 0]
        named = (p[reports, 0] >= 0.5).mean() if len(reports) else np.nan
        return np.r_[band_stats(data, p, sel, population_weights(data, sel, share)), named]

    def statistic(picked: np.ndarray) -> np.ndarray:
        idx = rows_of(picked)
        out = []
        for m, share in sels.values():
            sel = idx[m[idx]]
            a, c = figures(before, sel, share), figures(after, sel, share)
            out.append(np.r_[a, c, c - a])
        return np.concatenate(out)

    n_texts = len(np.unique(data.text))
    lo, hi = stats.bootstrap(statistic, n_texts, rounds, skip_nan=True)
    point = statistic(np.arange(n_texts))
    k = len(POPULATION_STATS)
    report = {}
    for j, (name, (m, _)) in enumerate(sels.items()):
        cell = {"rows": int(m.sum()), "texts": int(len(np.unique(data.text[m]))),
                "groups": int(len(np.unique(data.group[m]))), "genres": np.bincount(data.y[m], minlength=3).tolist(),
                "sources": {str(a): int(b) for a, b in zip(*np.unique(data.source[m], return_counts=True))}}
        for part, off in (("before", 0), ("after", k), ("change", 2 * k)):
            at = j * 3 * k + off
            cell[part] = {st: [round(float(v), 4) for v in (point[at + i], lo[at + i], hi[at + i])]
                          for i, st in enumerate(POPULATION_STATS)}
        report[name] = cell
    return report


def whole_report(data: Rows, p: np.ndarray, min_words: int = SHOWN_FROM) -> dict:
    """The whole texts' figures: macro F1, recall by genre (most probable genre), decided recall per source
    ("uncertain", or under ``min_words`` words, a miss), the ECE of all three probabilities and the
    team-mix forecast."""
    m = data.version == 0
    y, pw, src, words = data.y[m], p[m], data.source[m], data.words[m]
    pred = pw.argmax(1)
    dec = np.where((pw.max(1) >= 0.5) & (words >= min_words), pred, -1)
    _, ece = reliability(pw, y, MIX)
    members = pool_members(y, src)
    sets = {"polnear": np.char.startswith(src.astype(str), "polnear"), "conll": src == "conll", "golbeck": src == "golbeck"}
    return {"macro_f1": round(macro_f1_single(y, pred, 3), 4),
            "recall": [round(float((pred[y == c] == c).mean()), 4) for c in range(3)],
            "ece": ece, "uncertain_share": round(float((dec < 0).mean()), 4),
            "decided_recall": {k: round(float((dec[s] == y[s]).mean()), 4) for k, s in sets.items()},
            "forecast": round(expected_macro(confusion_rates(pred, members))[0], 4),
            "forecast_decided": round(expected_macro(confusion_rates(np.where(dec < 0, 3, dec), members))[0], 4)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("run", help="a slant.train.genre_length output folder (genre_length.npz)")
    ap.add_argument("out")
    ap.add_argument("--rounds", type=int, default=500, help="bootstrap resamples of texts")
    ap.add_argument("--forms", default="power,temp,temp+bias,bands",
                    help="the forms to choose among (the uncorrected head always competes)")
    args = ap.parse_args(argv)
    forms = set(args.forms.split(",")) | {"none"}
    candidates = [c for c in CANDIDATES if c[0] in forms]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    data = Rows(Path(args.run))
    procedure_p, picks, each = nested(data, candidates)
    before = each[("none", 1)]
    pick, scores = procedure(data, None, candidates)
    everything = np.arange(len(data.y))
    u, b = data.tempered(everything)
    theta = fit(data, everything, u, b, *pick)
    cands = {}
    for c, p in each.items():
        cut75 = (data.version > 0) & (data.words >= SHOWN_FROM)
        cands[f"{c[0]}@{c[1]}"] = {"criterion": round(criterion(data, everything, p), 4),
                                   "cut_75_299": dict(zip(STAT_NAMES, np.round(band_stats(
                                       data, p, np.flatnonzero(cut75 & (data.words < 300))), 4).tolist())),
                                   "whole": whole_report(data, p),
                                   "all_groups_inner": {k: round(float(v), 4) for k, v in scores[c].items()}}
    rep = {"forms": sorted(forms), "pick": f"{pick[0]}@{pick[1]}", "theta": [round(float(v), 4) for v in theta],
           "nested_picks": picks, "candidates": cands,
           "bands": band_report(data, before, procedure_p, args.rounds),
           "populations": populations(data, before, procedure_p, args.rounds),
           "whole": {"before": whole_report(data, before), "after": whole_report(data, procedure_p)},
           "seconds": round(time.time() - t0, 1)}
    for m in (0, 25, 50, 60, 75):
        rep.setdefault("min_words", {})[str(m)] = {"before": whole_report(data, before, m),
                                                   "after": whole_report(data, procedure_p, m)}
    np.savez(out / "genre_length_cal.npz", text=data.text, version=data.version, words=data.words, y=data.y,
             group=data.group, before=before, after=procedure_p,
             **{f"cand_{c[0]}@{c[1]}": p for c, p in each.items()})
    (out / "genre_length_cal.json").write_text(json.dumps(rep, indent=1))
    print(json.dumps({k: rep[k] for k in ("pick", "theta", "nested_picks", "whole", "seconds")}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
