"""Features of a statement's text, sentence and paragraph for the statement-confidence model: a trial
(session 13, q13f; not shipped: docs/quotes-and-entities.md, "statement confidence, second round").

    python -m slant.train.statement_confidence_trial --cache /tmp/q13f/train.pkl --data ../shared/data/polnear/train \
        --key oof [--dev-cache /tmp/q13f/dev2.pkl --dev-data ../shared/data/polnear/dev --dev-key ship2] \
        [--gbm] [--per-kind] --report /tmp/q13f/trial.json

Every statement the quote layer finds (:func:`slant.train.statement_confidence.collect`, the same labels
and counts) gets :func:`text_features` and its cue lemma beside the shipped features; each feature set is
cross-fitted, calibrated and thresholded exactly as the shipped model is (``cross_fit``,
``choose_threshold``), and compared with the shipped features at their own thresholds (precision
difference with a paired resampling of texts). ``--gbm`` adds a gradient-boosted model, ``--per-kind``
a threshold per kind (direct / indirect) chosen on the same predictions and nested (chosen on one fold,
applied to the other). ``--dev-*`` scores each set once on dev.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import pickle
import re
from collections import Counter

import numpy as np

from slant.analyze.quotes import confidence as conf
from slant.analyze.quotes.model import Quote
from slant.train import statement_confidence as SC
from slant.train import stats
from slant.train.attribution import read_polnear

_WORD = re.compile(r"\w+(?:'\w+)?")
AUX = frozenset("""is are was were be been being am has have had will would can could should may might must do does
did shall isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't shouldn't don't doesn't
didn't""".split())
SUBJECT_PRONOUNS = frozenset("i he she they we you it".split())
SUBORDINATORS = frozenset("""that whether if because as when while how why what who which since although though once
unless""".split())
#: cue words that are not its verb ("according to", "talked about", "did not say")
PARTICLES = frozenset("to about for on not of in that with up out by over at n't never also".split())
_IRREGULAR = {"said": "say", "says": "say", "saying": "say", "say": "say", "told": "tell", "tells": "tell",
              "tell": "tell", "telling": "tell", "wrote": "write", "writes": "write", "written": "write",
              "thought": "think", "thinks": "think", "think": "think", "according": "according",
              "believes": "believe", "believed": "believe", "believe": "believe"}
_SENT_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n+")
TOP_LEMMAS = 15


def lemma(word: str) -> str:
    """A crude lemma: irregular forms, then -ied/-ies/-ing/-ed/-es/-s stripped."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: len(w) - len(suffix)] + repl
    return w


def cue_lemma(text: str, q: Quote) -> str | None:
    """The lemma of the cue's last word that is not a particle (None without a cue)."""
    if not q.cue:
        return None
    words = [w for w in _WORD.findall(text[q.cue[0]:q.cue[1]]) if w.lower() not in PARTICLES]
    return lemma(words[-1]) if words else None


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    """The sentence holding ``pos``: bounded by . ! ? (and closing marks) before a space, or a line break."""
    a = text.rfind("\n", 0, pos) + 1
    for m in _SENT_END.finditer(text, a, pos):
        if m.end() <= pos:
            a = m.end()
    m = _SENT_END.search(text, pos)
    return a, (m.end() if m else len(text))


def paragraph_index(text: str):
    """A function of a position: (index of its paragraph, number of paragraphs); paragraphs are non-empty lines."""
    starts, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(pos)
        pos += len(line) + 1
    return lambda p: (max(0, bisect.bisect_right(starts, p) - 1), len(starts))


def text_features(text: str, q: Quote, quotes: list[Quote], para=None) -> dict[str, float]:
    """Features of the statement's words, its sentence and its paragraph (no corpus words)."""
    f: dict[str, float] = {}
    words = [w for s, e in q.parts for w in _WORD.findall(text, s, e)]
    lower = [w.lower() for w in words]
    n = len(words)
    f["has_aux"] = float(any(w in AUX for w in lower))
    f["has_subj_pron"] = float(any(w in SUBJECT_PRONOUNS for w in lower))
    f["np_like"] = float(not f["has_aux"] and not f["has_subj_pron"] and n <= 8)
    f["starts_subord"] = float(bool(lower) and lower[0] in SUBORDINATORS)
    first = text[q.start:q.end].lstrip(" \"“„«‘'")[:1]
    f["starts_lower"] = float(first.islower())
    f["has_digit"] = float(any(c.isdigit() for c in text[q.start:q.end]))
    f["cap_share"] = sum(1 for w in words[1:] if w[:1].isupper()) / max(1, n - 1)
    f["len_5_9"], f["len_10_19"], f["len_20_39"] = float(5 <= n <= 9), float(10 <= n <= 19), float(20 <= n <= 39)
    sa, sb = sentence_of(text, q.start)
    sb2 = sentence_of(text, max(q.start, q.end - 1))[1]
    f["sent_share"] = min(1.0, (q.end - q.start) / max(1, len(text[sa:sb2].strip())))
    f["whole_sentence"] = float(f["sent_share"] >= 0.85)
    f["spans_sentences"] = float(sb2 > sb)
    f["others_in_sentence"] = float(min(3, sum(1 for o in quotes if o is not q and o.start < sb2 and o.end > sa)))
    f["overlaps_other"] = float(any(o.start < q.end and o.end > q.start for o in quotes if o is not q))
    inside = lambda p: any(s <= p < e for s, e in q.parts)  # noqa: E731
    f["other_cue_in_sentence"] = float(any(
        m.group().lower() in conf.SPEECH_CUES and not inside(m.start()) and not (q.cue and q.cue[0] <= m.start() < q.cue[1])
        for m in _WORD.finditer(text, sa, sb2)))
    f["cue_in_content"] = float(bool(q.cue) and inside(q.cue[0]))
    f["cue_after"] = float(bool(q.cue) and q.cue[0] >= q.end)
    if q.cue and q.cue[1] <= q.start:
        f["cue_words_gap"] = math.log1p(len(_WORD.findall(text[q.cue[1]:q.start])))
    elif q.cue and q.cue[0] >= q.end:
        f["cue_words_gap"] = math.log1p(len(_WORD.findall(text[q.end:q.cue[0]])))
    else:
        f["cue_words_gap"] = 0.0
    f["content_has_cue_word"] = float(any(w in conf.SPEECH_CUES for w in lower))
    pi, pn = (para or paragraph_index(text))(q.start)
    f["para_first"] = float(pi == 0)
    f["para_pos"] = pi / max(1, pn - 1)
    sp = q.speaker
    f["speaker_lower"] = float(sp is not None and sp.kind != "document" and sp.text[:1].islower())
    f["speaker_long"] = float(sp is not None and len(sp.text.split()) >= 5)
    return f


def collect(cache: dict, docs, key: str) -> dict:
    """:func:`slant.train.statement_confidence.collect`'s rows, with each statement's text features,
    cue lemma and kind beside them (its ``watch`` sees the quote layer's output, never changes it)."""
    extras, lemmas, kinds = [], [], []

    def watch(text: str, quotes: list[Quote]) -> None:
        para = paragraph_index(text)
        for q in quotes:
            extras.append(text_features(text, q, quotes, para))
            lemmas.append(cue_lemma(text, q))
            kinds.append(q.kind)

    data = SC.collect(cache, docs, key, watch=watch)
    data.update(extras=extras, lemmas=lemmas, kinds=np.asarray(kinds))
    return data


def feature_sets(data: dict, top: list[str]) -> dict[str, np.ndarray]:
    names = list(data["extras"][0]) if data["extras"] else []
    E = np.asarray([[r[k] for k in names] for r in data["extras"]]).reshape(len(data["y"]), len(names))
    L = np.asarray([[float(lem == t) for t in top] + [float(lem is not None and lem not in top)]
                    for lem in data["lemmas"]]).reshape(len(data["y"]), len(top) + 1)
    return {"base": data["X"], "base+text": np.hstack([data["X"], E]), "base+lemmas": np.hstack([data["X"], L]),
            "base+both": np.hstack([data["X"], E, L])}


def _precision(c: np.ndarray) -> np.ndarray:
    return c[..., 1] / np.maximum(1, c[..., 0])


def _within_limits(base: dict, m: dict) -> bool:
    return (base["speech_recall"] - m["speech_recall"] <= SC.MAX_SPEECH_LOSS + 1e-9
            and base["direct_recall"] - m["direct_recall"] <= SC.MAX_DIRECT_LOSS + 1e-9)


def per_kind(data: dict, prob: np.ndarray) -> dict:
    """A threshold for direct and one for indirect statements (best F0.5 within the recall limits): chosen
    on all out-of-fold predictions, and nested (chosen on one article fold, applied to the other)."""
    direct = data["kinds"] == "direct"
    grid = {(round(float(a), 2), round(float(b), 2)): SC.doc_counts(data, np.where(direct, prob >= a, prob >= b))
            for a in np.arange(0.0, 0.61, 0.02) for b in np.arange(0.3, 0.71, 0.02)}
    single = {t: SC.doc_counts(data, prob >= t) for t in np.round(np.arange(0.0, 0.81, 0.01), 2)}
    everything = SC.doc_counts(data, prob >= 0)

    def best(counts: dict, docs: np.ndarray):
        b = SC.measures(everything[docs].sum(0))
        ok = [(SC.measures(c[docs].sum(0))["f05"], k) for k, c in counts.items()
              if _within_limits(b, SC.measures(c[docs].sum(0)))]
        return max(ok)[1]

    alldocs = np.ones(len(data["per_doc"]), bool)
    k = best(grid, alldocs)
    out = {"thresholds": {"direct": k[0], "indirect": k[1]}, "oof": SC.measures(grid[k].sum(0))}
    nested = {"per_kind": np.zeros(len(SC.COUNTS), np.int64), "single": np.zeros(len(SC.COUNTS), np.int64)}
    for f in sorted(set(data["fold"].tolist())):
        tr, te = data["fold"] != f, data["fold"] == f
        nested["per_kind"] += grid[best(grid, tr)][te].sum(0)
        nested["single"] += single[best(single, tr)][te].sum(0)
    out["nested"] = {k: SC.measures(v) for k, v in nested.items()}
    return out


def _gbm_oof(X: np.ndarray, y: np.ndarray, fold: np.ndarray) -> np.ndarray:
    from sklearn.ensemble import HistGradientBoostingClassifier

    z = np.zeros(len(y))
    for k in sorted(set(fold.tolist())):
        tr = fold != k
        m = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15,
                                           min_samples_leaf=50).fit(X[tr], y[tr])
        p = np.clip(m.predict_proba(X[~tr])[:, 1], 1e-6, 1 - 1e-6)
        z[~tr] = np.log(p / (1 - p))
    p = np.zeros(len(y))
    for k in sorted(set(fold.tolist())):
        a, b = SC._fit_platt(z[fold != k], y[fold != k])
        p[fold == k] = SC._sigmoid(a * z[fold == k] + b)
    return p


def run(cache_path: str, data_dir: str, key: str, dev: tuple[str, str, str] | None = None, gbm: bool = False,
        kinds: bool = False) -> dict:
    with open(cache_path, "rb") as f:
        data = collect(pickle.load(f), read_polnear(data_dir), key)
    y, fold = data["y"], data["fold"][data["doc"]]
    top = [w for w, _ in Counter(lem for lem in data["lemmas"] if lem).most_common(TOP_LEMMAS)]
    sets = feature_sets(data, top)
    report: dict = {"statements": int(len(y)), "matched": int(y.sum()), "top_lemmas": top,
                    "text_features": list(data["extras"][0]) if data["extras"] else [], "sets": {}}
    ref = None
    fitted = {}
    for name, X in sets.items():
        cf = SC.cross_fit(X, y, fold)
        th, _ = SC.choose_threshold(data, cf["p"])
        counts = SC.doc_counts(data, cf["p"] >= th)
        ref = counts if ref is None else ref
        lo, hi = stats.bootstrap(lambda picked: _precision(counts[picked].sum(0)) - _precision(ref[picked].sum(0)),
                                 len(counts))  # paired: both on the same resampled texts
        row = SC.curve(data, cf["p"], [th], intervals=True)[0]
        report["sets"][name] = {
            "C": cf["C"], "auc": SC.auc(cf["p"], y), "ece": SC.reliability(cf["p"], y)[1], "threshold": th,
            "at_threshold": row, "precision_difference": round(float(_precision(counts.sum(0)) - _precision(ref.sum(0))), 4),
            "difference_95": [round(float(lo), 4), round(float(hi), 4)]}
        fitted[name] = (cf, th)
        if name == "base" and kinds:
            report["per_kind"] = per_kind(data, cf["p"])
        if gbm and name in ("base", "base+text"):
            p = _gbm_oof(X, y, fold)
            th_g, _ = SC.choose_threshold(data, p)
            report["sets"][name]["gbm"] = {"auc": SC.auc(p, y), "ece": SC.reliability(p, y)[1], "threshold": th_g,
                                           "at_threshold": SC.curve(data, p, [th_g], intervals=True)[0]}
    if dev:
        with open(dev[0], "rb") as f:
            dv = collect(pickle.load(f), read_polnear(dev[1]), dev[2])
        dev_sets = feature_sets(dv, top)
        report["dev"] = {}
        for name, (cf, th) in fitted.items():
            w, b, mean, scale = SC._fit_lr(sets[name], y, cf["C"])
            a, pb = SC._fit_platt(cf["z"], y)
            p = SC._sigmoid(a * SC._logit(dev_sets[name], w, b, mean, scale) + pb)
            report["dev"][name] = {"auc": SC.auc(p, dv["y"]), "ece": SC.reliability(p, dv["y"])[1],
                                   "curve": SC.curve(dv, p, [0.0, th], intervals=True)}
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m slant.train.statement_confidence_trial",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--cache", required=True, help="a slant.train.attribution_cache cache of PolNeAR train")
    parser.add_argument("--data", required=True, help="its PolNeAR split folder")
    parser.add_argument("--key", default="oof", help="the cross-fitted heads' key in the cache")
    parser.add_argument("--dev-cache")
    parser.add_argument("--dev-data")
    parser.add_argument("--dev-key", default="ship2")
    parser.add_argument("--gbm", action="store_true", help="add a gradient-boosted model (sklearn)")
    parser.add_argument("--per-kind", action="store_true", help="a threshold per kind (direct / indirect)")
    parser.add_argument("--report", help="write the report (JSON) here")
    args = parser.parse_args(argv)
    dev = (args.dev_cache, args.dev_data, args.dev_key) if args.dev_cache and args.dev_data else None
    report = run(args.cache, args.data, args.key, dev, args.gbm, args.per_kind)
    text = json.dumps(report, indent=1, default=float)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
