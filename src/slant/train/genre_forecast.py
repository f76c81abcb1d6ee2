"""What genre macro F1 the team's held-out set should show, from held-out predictions only (session 13, issue 12).

``python -m slant.train.genre_forecast OUT --part v23=A/held_out.npz --part v21=B/held_out.npz:0.5
--part semlr=C/held_out.npz:0.25 --mix 0.65,0.1,0.25 --nested SEL/nested_predictions.npz``

The team scores genre on 83 articles (54 reporting, 20 opinion, 9 satire). A macro F1 depends on the
mix as much as on the head: each genre's precision counts the other genres' articles called that genre.
So instead of one corpus weighted to the mix (:func:`slant.train.genre_select.semeval_mix_macro`, which
rests on SemEval's 41 reports and 10 satire articles), this estimates each gold genre's row of the
confusion matrix (the rates at which its articles are called reporting / opinion / satire) from
*held-out* predictions of several sources (:data:`POOLS`):

- reporting: PolNeAR's 924 reports and 400 Reuters articles, each predicted by a head trained without
  its publisher;
- opinion: SemEval's opinion articles (the nested procedure's outer predictions: weights and mix chosen
  without the article's fold) and the 300 Webis editorials (portal held out);
- satire: Golbeck's stories (satire sites held out) and SemEval's satire articles (nested).

The expected counts at the team's mix (:data:`TEAM_MIX`) follow: true positives ``n_c R[c, c]``, false
positives ``sum_k n_k R[k, c]``; :func:`expected_macro` is the macro F1 of those counts.
Two intervals (:func:`forecast`), both from 2000 resamples of the articles within each genre's pool:

- *of the expected figure*: how sure we are of the rates;
- *of the team's figure*: the rates resampled, then 54 / 20 / 9 articles drawn from them (a multinomial
  per genre), which adds the noise of a set as small as the team's; with it, the chance that the
  team's figure reaches ``--target`` (0.60).

The per-genre F1 names the genre that limits the macro: raising it gains the most.

``--choose`` (with weight grids after each part's ``:``, e.g. ``v21=…:0,0.5,1``) scores a *procedure* instead of
one head: among every weight set and every assumed mix of :func:`slant.train.genre_select.priors`, pick the one
with the best expected macro among those keeping the recall floors (``--floors``: PolNeAR and Reuters
reporting, Golbeck satire), once per outlet group with that group's texts left out of the expected macro
(:func:`choose_nested`); the group's texts take that pick's decisions, and the pooled decisions are
forecast once. ``--baseline`` names the shipped head's weights (with ``--mix``), compared on the same
resamples (:func:`paired_gain`).

Decisions are the most probable genre of the ensemble's calibrated probabilities (the SemEval export's
rule; "uncertain" is a display, not a decision there). ``--parts-raw`` skips calibration and the mix:
the argmax of the summed logits (for an older head whose probabilities were its decisions).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from slant.analyze.taxonomy import GENRES
from slant.train.genre_select import equal_log_probs, load_parts, shifted
from slant.train.metrics import f1_from_counts

#: the team's genre set: reporting, opinion, satire articles
TEAM_MIX = (54, 20, 9)
#: gold genre -> the source prefixes whose held-out predictions estimate its confusion row (a prefix
#: ``semeval`` is SemEval's articles of that genre, the others are whole sources)
POOLS = {0: ("polnear", "conll"), 1: ("semeval", "webis"), 2: ("golbeck", "semeval")}


def pool_members(y: np.ndarray, sources: np.ndarray, pools=POOLS) -> dict[int, np.ndarray]:
    """The indices of each gold genre's pool: texts of that genre from the pool's sources."""
    src = np.asarray(sources).astype(str)
    out = {}
    for c, prefixes in pools.items():
        m = np.zeros(len(src), bool)
        for p in prefixes:
            m |= np.char.startswith(src, p)
        out[c] = np.flatnonzero(m & (np.asarray(y) == c))
    return out


def confusion_rates(pred: np.ndarray, members: dict[int, np.ndarray], k: int = len(GENRES),
                    weights: np.ndarray | None = None) -> np.ndarray:
    """Row c: the (weighted) share of pool c's texts predicted as each genre."""
    r = np.zeros((k, k))
    for c, idx in members.items():
        w = np.ones(len(idx)) if weights is None else weights[idx]
        r[c] = np.bincount(pred[idx], weights=w, minlength=k)[:k] / w.sum()
    return r


def expected_counts(rates: np.ndarray, mix=TEAM_MIX) -> np.ndarray:
    """Expected confusion counts (rows gold, columns predicted) of a set with ``mix`` articles per genre."""
    return np.asarray(mix, np.float64)[:, None] * rates


def macro_of_counts(counts: np.ndarray) -> tuple[float, list[float]]:
    """Macro F1 and the per-genre F1 of a confusion matrix (rows gold, columns predicted)."""
    f = []
    for c in range(counts.shape[0]):
        tp = counts[c, c]
        f.append(f1_from_counts(tp, counts[:, c].sum() - tp, counts[c].sum() - tp))
    return float(np.mean(f)), [float(v) for v in f]


def expected_macro(rates: np.ndarray, mix=TEAM_MIX) -> tuple[float, list[float]]:
    """Macro F1 (and per-genre F1) of the expected counts at ``mix``."""
    return macro_of_counts(expected_counts(rates, mix))


def source_weights(sources: np.ndarray, members: dict[int, np.ndarray]) -> np.ndarray:
    """Weights that give every source of a pool the same total (PolNeAR's seven publishers count as one
    source, as do Webis's three portals): a check that one big source does not decide a row."""
    src = np.array([s.split("-")[0] for s in np.asarray(sources).astype(str)])
    w = np.zeros(len(src))
    for idx in members.values():
        names = src[idx]
        for s in np.unique(names):
            w[idx[names == s]] = 1.0 / (names == s).sum()
    return w


def forecast(pred: np.ndarray, y: np.ndarray, sources: np.ndarray, mix=TEAM_MIX, n: int = 2000,
             seed: int = 13, target: float = 0.60, pools=POOLS, equal_sources: bool = False) -> dict:
    """The expected macro F1 at ``mix`` from each genre's pooled held-out confusion row, with a 95% interval
    of the expectation (pools resampled within genre) and of the team's own figure (also drawing ``mix``
    articles from the resampled rates), the chance it reaches ``target``, per-genre F1 and the rates."""
    members = pool_members(y, sources, pools)
    if any(len(idx) == 0 for idx in members.values()):
        empty = [GENRES[c] for c, idx in members.items() if len(idx) == 0]
        raise ValueError(f"no held-out texts for {', '.join(empty)}: the parts lack the pool's sources")
    w = source_weights(sources, members) if equal_sources else None
    rates = confusion_rates(pred, members, weights=w)
    macro, per_genre = expected_macro(rates, mix)
    rng = np.random.default_rng(seed)
    exp_vals, team_vals, limiting = [], [], np.zeros(len(GENRES))
    for _ in range(n):
        boot = {c: rng.choice(idx, len(idx)) for c, idx in members.items()}
        r = confusion_rates(pred, boot, weights=w)
        m, f = expected_macro(r, mix)
        exp_vals.append(m)
        limiting[int(np.argmin(f))] += 1
        counts = np.stack([rng.multinomial(k, r[c] / r[c].sum()) for c, k in enumerate(mix)]).astype(np.float64)
        team_vals.append(macro_of_counts(counts)[0])
    team_vals = np.asarray(team_vals)
    return {
        "mix": list(mix),
        "pools": {GENRES[c]: {"sources": list(pools[c]), "texts": int(len(idx))} for c, idx in members.items()},
        "equal_sources": equal_sources,
        "rates (rows gold, columns predicted)": np.round(rates, 4).tolist(),
        "expected counts": np.round(expected_counts(rates, mix), 2).tolist(),
        "expected macro F1": round(macro, 4),
        "interval of the expectation": [round(float(v), 4) for v in np.percentile(exp_vals, [2.5, 97.5])],
        "interval of the team's figure": [round(float(v), 4) for v in np.percentile(team_vals, [2.5, 97.5])],
        f"chance the team's figure >= {target}": round(float((team_vals >= target).mean()), 3),
        "per-genre F1": {GENRES[c]: round(v, 4) for c, v in enumerate(per_genre)},
        "limiting genre": GENRES[int(np.argmin(per_genre))],
        "limiting genre, share of resamples": {GENRES[c]: round(float(v / n), 3) for c, v in enumerate(limiting)},
    }


def paired_gain(pred_a: np.ndarray, pred_b: np.ndarray, y: np.ndarray, sources: np.ndarray, mix=TEAM_MIX,
                n: int = 2000, seed: int = 13, pools=POOLS) -> dict:
    """Expected macro F1 at ``mix`` of ``pred_b`` minus ``pred_a`` (decisions on the same texts), with a 95%
    interval from the same resamples of each genre's pool for both."""
    members = pool_members(y, sources, pools)
    gain = expected_macro(confusion_rates(pred_b, members), mix)[0] - expected_macro(confusion_rates(pred_a, members), mix)[0]
    rng = np.random.default_rng(seed)
    vals = []
    for _ in range(n):
        boot = {c: rng.choice(idx, len(idx)) for c, idx in members.items()}
        vals.append(expected_macro(confusion_rates(pred_b, boot), mix)[0] - expected_macro(confusion_rates(pred_a, boot), mix)[0])
    lo, hi = np.percentile(vals, [2.5, 97.5])
    return {"gain": round(float(gain), 4), "interval": [round(float(lo), 4), round(float(hi), 4)]}


def ensemble_predictions(parts: list[tuple[float, np.ndarray]], y: np.ndarray, groups: np.ndarray,
                         mix=None) -> np.ndarray:
    """Most probable genre of the weighted sum of the parts' held-out logits, calibrated cross-fitted by
    outlet group and moved to the assumed ``mix`` (as :mod:`slant.train.genre_select` scores a candidate);
    ``mix`` None: the argmax of the raw summed logits."""
    z = sum(w * zz for w, zz in parts)
    if mix is None:
        return np.asarray(z).argmax(1)
    return shifted(equal_log_probs(z, y, groups), mix).argmax(1)


def with_nested(pred: np.ndarray, sources: np.ndarray, y: np.ndarray, nested_npz: Path, key: str = "point") -> np.ndarray:
    """``pred`` with SemEval's articles replaced by the nested procedure's outer predictions
    (``genre_select``'s ``nested_predictions.npz``, in the order of the SemEval texts)."""
    sem = np.flatnonzero(np.asarray(sources).astype(str) == "semeval")
    with np.load(nested_npz) as d:
        if not np.array_equal(d["y"], np.asarray(y)[sem]):
            raise ValueError(f"{nested_npz}: its SemEval genres differ from the parts' (another data folder?)")
        out = pred.copy()
        out[sem] = d[key]
    return out


def pool_counts(preds: np.ndarray, y: np.ndarray, sources: np.ndarray, groups: np.ndarray,
                pools=POOLS) -> tuple[np.ndarray, list[str]]:
    """For many candidates' decisions (``preds``: candidates x texts) the confusion counts of each outlet group's
    pool members: ``counts[candidate, group, gold, predicted]``, and the group names."""
    k = len(GENRES)
    members = pool_members(y, sources, pools)
    in_pool = np.zeros(len(y), bool)
    for idx in members.values():
        in_pool[idx] = True
    names = sorted(np.unique(groups[in_pool]).tolist())
    gi = np.searchsorted(names, groups[in_pool])
    cell = (gi * k + np.asarray(y)[in_pool]) * k
    out = np.zeros((len(preds), len(names) * k * k))
    for c, pred in enumerate(preds):
        out[c] = np.bincount(cell + pred[in_pool], minlength=len(names) * k * k)
    return out.reshape(len(preds), len(names), k, k), names


def _macros(counts: np.ndarray, mix=TEAM_MIX) -> np.ndarray:
    """Expected macro F1 at ``mix`` for each candidate's pooled counts (candidates x gold x predicted)."""
    rates = counts / np.maximum(counts.sum(2, keepdims=True), 1e-12)
    exp = np.asarray(mix, np.float64)[None, :, None] * rates
    tp = np.einsum("ncc->nc", exp)
    f1 = 2 * tp / np.maximum(2 * tp + (exp.sum(1) - tp) + (exp.sum(2) - tp), 1e-12)
    return f1.mean(1)


def _feasible(counts: np.ndarray, names: list[str], floors) -> np.ndarray:
    """Which candidates keep every (group prefix, gold genre, least recall) floor on these counts; a floor
    whose groups are all absent is not checked."""
    ok = np.ones(len(counts), bool)
    for prefix, genre, least in floors:
        cols = [i for i, n in enumerate(names) if n.startswith(prefix)]
        if not cols:
            continue
        row = counts[:, cols, genre, :].sum(1)
        tot = row.sum(1)
        ok &= (tot == 0) | (row[:, genre] >= least * tot - 1e-9)
    return ok


def choose_nested(preds: np.ndarray, y, sources, groups, floors, mix=TEAM_MIX, floors_on_all: bool = True,
                  semeval_floor_of: int | None = None):
    """The candidate (row of ``preds``) with the best expected macro at ``mix`` among those keeping ``floors``,
    chosen once per outlet group with that group left out (its texts then take that pick's decisions), and
    once on all groups. ``floors_on_all``: the floors read every group's held-out decisions (they are fixed
    requirements, checked on the same held-out predictions whatever is chosen); otherwise only the groups
    left in, so a floor whose source is the group left out is not checked (Reuters is one group).
    ``semeval_floor_of`` (a candidate's row): a candidate must also score at least that candidate's SemEval-mix
    macro (SemEval's articles alone weighted to ``mix``) on the SemEval articles left in. Returns
    the nested decisions (-1 for a group without pool texts), each group's pick and the pick on all groups."""
    counts, names = pool_counts(preds, y, sources, groups)
    total = counts.sum(1)
    if semeval_floor_of is not None:
        semeval = {c: ("semeval",) for c in range(len(GENRES))}
        sem_counts, sem_names = pool_counts(preds, y, sources, groups, semeval)
        sem_total = sem_counts.sum(1)

    def semeval_ok(left_out: str | None) -> np.ndarray:
        if semeval_floor_of is None:
            return np.ones(len(preds), bool)
        rest = sem_total - (sem_counts[:, sem_names.index(left_out)] if left_out in sem_names else 0)
        v = _macros(rest, mix)
        return v >= v[semeval_floor_of] - 1e-9

    nested_pred = np.full(len(y), -1)
    picks = {}
    for i, g in enumerate(names):
        rest = total - counts[:, i]
        others = [n for j, n in enumerate(names) if j != i]
        ok = _feasible(counts, names, floors) if floors_on_all else _feasible(np.delete(counts, i, axis=1), others, floors)
        ok &= semeval_ok(g)
        if not ok.any():
            raise ValueError(f"no candidate keeps every floor without {g}")
        vals = np.where(ok, _macros(rest, mix), -np.inf)
        best = int(np.argmax(vals))
        picks[g] = best
        m = groups == g
        nested_pred[m] = preds[best][m]
    ok = _feasible(counts, names, floors) & semeval_ok(None)
    if not ok.any():
        raise ValueError("no candidate keeps every floor")
    best_all = int(np.argmax(np.where(ok, _macros(total, mix), -np.inf)))
    return nested_pred, picks, best_all


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--part", action="append", required=True, help="NAME=held_out.npz[:weight] (default weight 1)")
    ap.add_argument("--mix", default="0.65,0.1,0.25", help="the genre mix the probabilities assume; 'raw': argmax of the logits")
    ap.add_argument("--nested", type=Path, help="genre_select's nested_predictions.npz: SemEval's outer predictions")
    ap.add_argument("--nested-key", default="point")
    ap.add_argument("--team-mix", default=",".join(map(str, TEAM_MIX)))
    ap.add_argument("--target", type=float, default=0.60)
    ap.add_argument("--resamples", type=int, default=2000)
    ap.add_argument("--choose", action="store_true", help="score the nested choice over the parts' weight grids and the mixes")
    ap.add_argument("--floors", default="0.90,0.90,0.65", help="with --choose: least PolNeAR and Reuters reporting recall, Golbeck satire recall")
    ap.add_argument("--baseline", help="with --choose: the shipped head's weights, one per part (its mix: --mix)")
    ap.add_argument("--semeval-floor", action="store_true",
                    help="with --choose and --baseline: a candidate must also reach the baseline's SemEval-mix macro "
                         "on the SemEval articles left in")
    args = ap.parse_args(argv)
    if args.choose:
        return _choose_main(args)
    try:
        team_mix = tuple(int(v) for v in args.team_mix.split(","))
        mix = None if args.mix == "raw" else tuple(float(v) for v in args.mix.split(","))
    except ValueError:
        raise SystemExit("genre_forecast: --team-mix takes 3 whole numbers and --mix 3 numbers (or 'raw'), "
                         "separated by commas") from None
    if len(team_mix) != len(GENRES) or (mix is not None and len(mix) != len(GENRES)):
        raise SystemExit(f"genre_forecast: --team-mix and --mix need {len(GENRES)} numbers, one per genre")
    loaded, y, sources, groups = load_parts(args.part, "genre_forecast", "[:weight] with a", single=True)
    parts = [(w[0], z) for _, w, z in loaded]
    pred = ensemble_predictions(parts, y, groups, mix)
    if args.nested:
        try:
            pred = with_nested(pred, sources, y, args.nested, args.nested_key)
        except (OSError, KeyError, ValueError) as e:
            raise SystemExit(f"genre_forecast: --nested: {e}") from None
    rep = {"parts": args.part, "mix": args.mix, "nested": str(args.nested) if args.nested else None}
    try:
        rep["pooled texts"] = forecast(pred, y, sources, team_mix, args.resamples, target=args.target)
        rep["sources weighted equally"] = forecast(pred, y, sources, team_mix, args.resamples, target=args.target,
                                                   equal_sources=True)
    except ValueError as e:
        raise SystemExit(f"genre_forecast: {e}") from None
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "genre_forecast.json").write_text(json.dumps(rep, indent=1))
    print(json.dumps(rep, indent=1))
    return 0


def _choose_main(args) -> int:
    import itertools

    from slant.train.genre_select import priors, semeval_mix_macro

    try:
        team_mix = tuple(int(v) for v in args.team_mix.split(","))
        least = [float(v) for v in args.floors.split(",")]
        base_mix = tuple(float(v) for v in args.mix.split(","))
        base_w = tuple(float(v) for v in args.baseline.split(",")) if args.baseline else None
    except ValueError:
        raise SystemExit("genre_forecast: --team-mix, --floors, --mix and --baseline take numbers separated by commas") from None
    if len(least) != 3 or len(team_mix) != len(GENRES) or len(base_mix) != len(GENRES):
        raise SystemExit("genre_forecast: --floors needs 3 numbers (PolNeAR, Reuters, Golbeck); --mix and --team-mix one per genre")
    parts, y, sources, groups = load_parts(args.part, "genre_forecast", "[:weight] with a")
    if base_w is not None and len(base_w) != len(parts):
        raise SystemExit(f"genre_forecast: --baseline needs {len(parts)} weights, one per part")
    mixes = priors()
    if base_mix not in mixes:
        mixes.append(base_mix)
    keys, preds = [], []
    for ws in itertools.product(*[w for _, w, _ in parts]):
        lp = equal_log_probs(sum(w * z for w, (_, _, z) in zip(ws, parts)), y, groups)
        preds.append((lp[None] + np.log(np.asarray(mixes) * len(GENRES))[:, None, :]).argmax(2))
        keys += [(ws, m) for m in mixes]
    preds = np.concatenate(preds)
    floors = list(zip(("polnear", "conll", "golbeck"), (0, 0, 2), least))
    base = None
    if base_w is not None:
        try:
            base = keys.index((base_w, base_mix))
        except ValueError:
            raise SystemExit("genre_forecast: --baseline's weights are not in the parts' grids") from None
    if args.semeval_floor and base is None:
        raise SystemExit("genre_forecast: --semeval-floor needs --baseline (the head whose SemEval-mix macro is the floor)")
    try:
        nested_pred, picks, best = choose_nested(preds, y, sources, groups, floors, team_mix,
                                                 semeval_floor_of=base if args.semeval_floor else None)
    except ValueError as e:
        raise SystemExit(f"genre_forecast: {e}; widen the weight grids or lower --floors") from None

    def recalls(pred):
        return {f"{p} {GENRES[g]} recall": round(float((pred[np.char.startswith(sources, p) & (y == g)] == g).mean()), 4)
                for p, g in (("polnear", 0), ("conll", 0), ("golbeck", 2), ("webis", 1))}

    def described(k):
        return {"weights": dict(zip([n for n, _, _ in parts], keys[k][0])), "mix": list(keys[k][1])}

    sem = sources == "semeval"
    rep = {"parts": args.part, "candidates": len(preds), "floors": floors, "semeval floor": args.semeval_floor,
           "nested semeval-mix macro": round(semeval_mix_macro(y[sem], nested_pred[sem], team_mix), 4) if sem.any() else None,
           "nested": forecast(nested_pred, y, sources, team_mix, args.resamples, target=args.target),
           "picks per group left out": {g: described(k) for g, k in picks.items()},
           "pick on all groups": described(best),
           "its held-out forecast (not nested)": forecast(preds[best], y, sources, team_mix, args.resamples, target=args.target),
           "its held-out recalls": recalls(preds[best])}
    if base is not None:
        b = base
        rep["baseline"] = described(b)
        rep["baseline forecast"] = forecast(preds[b], y, sources, team_mix, args.resamples, target=args.target)
        rep["baseline recalls"] = recalls(preds[b])
        rep["nested minus baseline"] = paired_gain(preds[b], nested_pred, y, sources, team_mix, args.resamples)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "genre_forecast_choose.json").write_text(json.dumps(rep, indent=1))
    print(json.dumps(rep, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
