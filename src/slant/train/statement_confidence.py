"""Train and check the statement-confidence model (:mod:`slant.analyze.quotes.confidence`) on PolNeAR.

    python -m slant.train.statement_confidence fit --cache /tmp/attr-train.pkl --data ../shared/data/polnear/train \
        --key oof --out src/slant/models/persuasion/statement_confidence.json --report /tmp/conf-train.json
    python -m slant.train.statement_confidence check --cache /tmp/attr-dev.pkl --data ../shared/data/polnear/dev \
        --key shipped --model src/slant/models/persuasion/statement_confidence.json --report /tmp/conf-dev.json

The caches are :mod:`slant.train.attribution_cache`'s; on train, ``--key oof`` holds the cross-fitted
attribution heads' reading (each text read by the head that did not see it), so every statement,
the head's included, is out of fold. A statement's label: it matches an annotated statement (shared
word tokens at least half of each, the tracker's match). The confidence model is cross-fitted by the
same article folds (:func:`slant.train.attribution.article_fold`): regularisation, calibration (Platt,
fitted on the other fold's out-of-fold scores) and the admission threshold are chosen on out-of-fold
predictions of train only. The threshold maximises statement-level F0.5 (precision; recall of all
annotated statements) subject to losing at most 0.015 speech-attribution recall and 0.01 direct-quote
recall against listing every statement; with no threshold that gains precision within that, 0.
"""

from __future__ import annotations

import argparse
import copy
import json
import pickle
from pathlib import Path

import numpy as np

from slant.analyze.quotes.confidence import HEAD_FEATURES, RULE_FEATURES, StatementConfidence, statement_features
from slant.analyze.quotes.head import scores_of
from slant.analyze.quotes.model import Mention
from slant.train import stats
from slant.train.attribution import (_tokens, article_fold, is_direct_quote, is_speech_attribution, read_polnear,
                                     speaker_matches, tracker_matches)
from slant.train.attribution_cache import tagged_statements

#: most speech-attribution / direct-quote recall the threshold may cost, out of fold
MAX_SPEECH_LOSS = 0.015
MAX_DIRECT_LOSS = 0.01
#: logistic-regression inverse regularisation strengths tried (out-of-fold log-loss picks one)
C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
COUNTS = ("pred", "pred_matched", "gold", "gold_found", "speech", "speech_found", "direct", "direct_found",
          "speaker_total", "speaker_ok")


def collect(cache: dict, docs, key: str | None, folds: int = 2, watch=None) -> dict:
    """Every statement the quote layer finds in each cached text (before admission): its features
    (with and without the head's scores), its text, and what it matches.

    ``watch(text, quotes)``, if given, is called once per text with the statements found in it, in
    the order of the rows (a trial adds its own features of each statement)."""
    from slant.analyze.quotes.assemble import extract_quotes

    rows, label, doc_of, texts = [], [], [], []
    per_doc = []
    for n, d in enumerate(docs):
        doc = copy.deepcopy(cache["records"][d.name][0])
        tagged, scores = None, None
        if key:
            tagged = tagged_statements(cache, d.name, key)
            scores = scores_of(*cache["logp"][key][d.name][:2])
        quotes = extract_quotes(doc, tagged=tagged)
        if watch is not None:
            watch(doc.text, quotes)
        raw = doc.offsets.span_to_raw
        p_tok, speakers = [], []
        for q in quotes:
            rows.append(statement_features(doc.text, q, scores))  # the rule features do not depend on the scores
            p_tok.append(_tokens(d.text, [raw(s, e) for s, e in q.parts]))
            speakers.append(Mention(*raw(q.speaker.start, q.speaker.end), q.speaker.text) if q.speaker else None)
            texts.append(" ".join(doc.text[q.start:q.end].split())[:200])
            doc_of.append(n)
        g_tok = [_tokens(d.text, g.content) for g in d.attributions]
        pairs = []  # (gold, pred, shared, speaker right)
        hit = [False] * len(quotes)
        for i, j, shared in tracker_matches(g_tok, p_tok):
            hit[j] = True
            ok = bool(d.attributions[i].source) and speakers[j] is not None and speaker_matches(
                d.text, d.attributions[i].source, speakers[j])
            pairs.append((i, j, shared, ok))
        label.extend(hit)
        per_doc.append({
            "n": len(quotes), "pairs": pairs,
            "speech": [is_speech_attribution(d.text, g) for g in d.attributions],
            "direct": [is_direct_quote(d.text, g) for g in d.attributions],
            "source": [bool(g.source) for g in d.attributions],
        })
    return {"X": np.asarray([[r[k] for k in RULE_FEATURES + HEAD_FEATURES] for r in rows]) if key else None,
            "Xr": np.asarray([[r[k] for k in RULE_FEATURES] for r in rows]), "y": np.asarray(label, dtype=float),
            "doc": np.asarray(doc_of), "fold": np.asarray([article_fold(d.name, folds) for d in docs]),
            "per_doc": per_doc, "texts": texts, "names": [d.name for d in docs]}


def doc_counts(data: dict, keep: np.ndarray) -> np.ndarray:
    """Per text, the tracker's counts (``COUNTS``) when only the statements ``keep`` are listed."""
    out = np.zeros((len(data["per_doc"]), len(COUNTS)), dtype=np.int64)
    start = 0
    for n, d in enumerate(data["per_doc"]):
        k = keep[start:start + d["n"]]
        start += d["n"]
        best: dict[int, tuple[int, int, bool]] = {}
        matched = set()
        for i, j, shared, ok in d["pairs"]:  # j ascending within i: the tracker's first best wins ties
            if not k[j]:
                continue
            matched.add(j)
            if shared > best.get(i, (0, -1, False))[0]:
                best[i] = (shared, j, ok)
        c = dict.fromkeys(COUNTS, 0)
        c["pred"], c["pred_matched"] = int(k.sum()), len(matched)
        for i, speech in enumerate(d["speech"]):
            found = i in best
            c["gold"] += 1
            c["gold_found"] += found
            if speech:
                c["speech"] += 1
                c["speech_found"] += found
                if found and d["source"][i]:
                    c["speaker_total"] += 1
                    c["speaker_ok"] += best[i][2]
            if d["direct"][i]:
                c["direct"] += 1
                c["direct_found"] += found
        out[n] = [c[x] for x in COUNTS]
    return out


def measures(totals: np.ndarray) -> dict[str, float]:
    """Speech and direct recall, speaker accuracy, precision, gold recall and F0.5 from summed counts."""
    t = dict(zip(COUNTS, totals.tolist()))
    r = lambda a, b: t[a] / t[b] if t[b] else 0.0  # noqa: E731
    p, rec = r("pred_matched", "pred"), r("gold_found", "gold")
    return {"speech_recall": r("speech_found", "speech"), "direct_recall": r("direct_found", "direct"),
            "speaker_accuracy": r("speaker_ok", "speaker_total"), "precision": p, "recall": rec,
            "f05": 1.25 * p * rec / (0.25 * p + rec) if p + rec else 0.0, "statements": t["pred"]}


#: the measures :func:`curve` gives intervals for
INTERVAL_MEASURES = ("speech_recall", "direct_recall", "speaker_accuracy", "precision")


def curve(data: dict, prob: np.ndarray, thresholds, intervals: bool = False) -> list[dict]:
    """The trade-off at each threshold, with 95% bootstrap intervals by text
    (:func:`slant.train.stats.bootstrap`) when ``intervals``."""
    out = []
    for t in thresholds:
        counts = doc_counts(data, prob >= t)
        row = {"threshold": round(float(t), 3), **{k: round(v, 4) for k, v in measures(counts.sum(0)).items()}}
        if intervals:
            lo, hi = stats.bootstrap(lambda picked: [measures(counts[picked].sum(0))[k] for k in INTERVAL_MEASURES],
                                     len(counts))
            row["interval_95"] = {k: [round(float(a), 4), round(float(b), 4)]
                                  for k, a, b in zip(INTERVAL_MEASURES, lo, hi)}
        out.append(row)
    return out


def reliability(prob: np.ndarray, y: np.ndarray, bins: int = 10) -> tuple[list[dict], float]:
    """Reliability table (equal-width bins, :func:`slant.train.stats.reliability`) and expected
    calibration error, under this report's names and rounding."""
    rows, ece = stats.reliability(prob, y, bins)
    return [{"bin": r["bin"], "statements": r["n"], "mean_probability": round(r["mean_p"], 3),
             "matched": round(r["observed"], 3)} for r in rows], round(ece, 4)


def auc(prob: np.ndarray, y: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(y, prob)), 4)


def _fit_lr(X: np.ndarray, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    mean, scale = X.mean(0), X.std(0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=2000).fit((X - mean) / scale, y)
    return lr.coef_[0], float(lr.intercept_[0]), mean, scale


def _logit(X, w, b, mean, scale) -> np.ndarray:
    return ((X - mean) / scale) @ w + b


def _fit_platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6, max_iter=1000).fit(z.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def cross_fit(X: np.ndarray, y: np.ndarray, fold: np.ndarray) -> dict:
    """Out-of-fold logits for each C, the C with the best out-of-fold log-loss, and the
    out-of-fold calibrated probabilities (Platt fitted on the other fold's out-of-fold logits)."""
    folds = sorted(set(fold.tolist()))
    best = None
    for c in C_GRID:
        z = np.zeros(len(y))
        for k in folds:
            tr = fold != k
            z[~tr] = _logit(X[~tr], *_fit_lr(X[tr], y[tr], c))
        p = np.zeros(len(y))
        for k in folds:
            a, b = _fit_platt(z[fold != k], y[fold != k])
            p[fold == k] = _sigmoid(a * z[fold == k] + b)
        p = np.clip(p, 1e-6, 1 - 1e-6)
        loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        if best is None or loss < best["log_loss"]:
            best = {"C": c, "log_loss": round(loss, 4), "z": z, "p": p}
    return best


def choose_threshold(data: dict, prob: np.ndarray) -> tuple[float, list[dict]]:
    """The threshold with the best F0.5 that loses at most MAX_SPEECH_LOSS / MAX_DIRECT_LOSS recall."""
    grid = curve(data, prob, np.round(np.arange(0.0, 0.81, 0.01), 2))
    base = grid[0]
    ok = [r for r in grid if base["speech_recall"] - r["speech_recall"] <= MAX_SPEECH_LOSS + 1e-9
          and base["direct_recall"] - r["direct_recall"] <= MAX_DIRECT_LOSS + 1e-9]
    best = max(ok, key=lambda r: (round(r["f05"], 6), -r["threshold"]))
    if best["precision"] <= base["precision"]:
        return 0.0, grid
    return best["threshold"], grid


def fit(cache_path: str, data_dir: str, key: str, out: str | None, report_path: str | None, folds: int = 2) -> dict:
    with open(cache_path, "rb") as f:
        cache = pickle.load(f)
    docs = read_polnear(data_dir)
    data = collect(cache, docs, key, folds)
    y, fold = data["y"], data["fold"][data["doc"]]
    spec: dict = {"version": 1, "models": {}}
    report: dict = {"statements": int(len(y)), "matched": int(y.sum()), "texts": len(docs), "folds": f"article_fold, {folds}"}
    for name, X, features in (("head", data["X"], RULE_FEATURES + HEAD_FEATURES), ("rules", data["Xr"], RULE_FEATURES)):
        cf = cross_fit(X, y, fold)
        w, b, mean, scale = _fit_lr(X, y, cf["C"])
        a, pb = _fit_platt(cf["z"], y)
        spec["models"][name] = {"features": list(features), "weights": [round(float(v), 6) for v in w],
                                "bias": round(b, 6), "mean": [round(float(v), 6) for v in mean],
                                "scale": [round(float(v), 6) for v in scale], "platt": [round(a, 6), round(pb, 6)],
                                "C": cf["C"]}
        table, ece = reliability(cf["p"], y)
        report[name] = {"C": cf["C"], "oof_log_loss": cf["log_loss"], "oof_auc": auc(cf["p"], y), "oof_ece": ece,
                        "reliability": table,
                        "weights": dict(sorted(((k, round(float(v), 3)) for k, v in zip(features, w)),
                                               key=lambda kv: -abs(kv[1])))}
        data["p_" + name] = cf["p"]
    threshold, grid = choose_threshold(data, data["p_head"])
    report["threshold"] = threshold
    report["curve"] = curve(data, data["p_head"], [0.0, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7]
                            + ([threshold] if threshold not in (0.0, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7) else []),
                            intervals=True)
    report["grid"] = [{k: r[k] for k in ("threshold", "speech_recall", "direct_recall", "precision", "f05", "statements")}
                      for r in grid]
    spec["threshold"] = threshold
    spec["trained_on"] = (f"PolNeAR train ({len(docs)} texts, {len(y)} statements, out of fold: attribution heads "
                          f"and this model cross-fitted by article)")
    spec["oof"] = {"auc": report["head"]["oof_auc"], "ece": report["head"]["oof_ece"],
                   "at_threshold": next(r for r in report["curve"] if r["threshold"] == threshold)}
    # the shipped model's threshold applied to its own out-of-fold probabilities: a check the file loads
    StatementConfidence(spec, "fit")
    if out:
        Path(out).write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    if report_path:
        Path(report_path).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report


def check(cache_path: str, data_dir: str, key: str, model_path: str, report_path: str | None) -> dict:
    """The shipped model on another split (dev): calibration, AUC and the trade-off, before/after."""
    with open(cache_path, "rb") as f:
        cache = pickle.load(f)
    docs = read_polnear(data_dir)
    data = collect(cache, docs, key)
    model = StatementConfidence.load(model_path)
    name = "head" if key else "rules"
    features, w, b, mean, scale, pa, pb = model.models[name]
    X = data["X"] if key else data["Xr"]
    prob = _sigmoid(pa * (((X - mean) / scale) @ w + b) + pb)
    y = data["y"]
    table, ece = reliability(prob, y)
    report = {"statements": int(len(y)), "matched": int(y.sum()), "auc": auc(prob, y), "ece": ece,
              "reliability": table, "threshold": model.threshold,
              "curve": curve(data, prob, sorted({0.0, 0.2, 0.3, 0.4, 0.5, model.threshold}), intervals=True)}
    if report_path:
        Path(report_path).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m slant.train.statement_confidence",
                                     description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("fit", help="cross-fit, calibrate and choose the threshold on a cached split; write the model")
    c = sub.add_parser("check", help="score a model on another cached split")
    for p in (f, c):
        p.add_argument("--cache", required=True, help="a slant.train.attribution_cache cache")
        p.add_argument("--data", required=True, help="its PolNeAR split folder")
        p.add_argument("--key", default="oof", help="the heads' key in the cache ('none': the rules alone)")
        p.add_argument("--report", help="write the full report (JSON) here")
    f.add_argument("--out", help="write the model (JSON) here")
    f.add_argument("--folds", type=int, default=2, help="article folds of the cross-fit (2: the fold heads' own)")
    c.add_argument("--model", required=True)
    args = parser.parse_args(argv)
    key = None if args.key == "none" else args.key
    if args.command == "fit":
        report = fit(args.cache, args.data, key, args.out, args.report, args.folds)
    else:
        report = check(args.cache, args.data, key, args.model, args.report)
    brief = {k: v for k, v in report.items() if k not in ("grid", "reliability")}
    for name in ("head", "rules"):
        if name in brief:
            brief[name] = {k: v for k, v in brief[name].items() if k != "reliability"}
    print(json.dumps(brief, indent=1))


if __name__ == "__main__":
    main()
