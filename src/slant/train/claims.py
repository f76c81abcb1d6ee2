"""Train the check-worthy claim head on ClaimBuster, cross-validated by debate, and export it.

One command rebuilds the shipped head for whatever encoder the model folder holds::

    python -m slant.train.claims ../shared/data/claims runs/claims --model-dir src/slant/models/persuasion --export

Stages (each cached in the run folder, so a re-run only redoes what is missing):

1. **features**: every ClaimBuster sentence is read as a one-sentence JSONL document, cleaned by
   the real cleaner and encoded by the model folder's encoder through
   :meth:`slant.models.onnx_model.PersuasionModel.predict` (the run-time path, int8 included); the
   sentence's token states are pooled by :func:`slant.analyze.claim_features.sentence_features`.
   The same sentences are also encoded in context, five consecutive sentences of one debate as one
   paragraph, because in an article a sentence's states see its neighbours.
2. **cross-validation**: five folds of consecutive ``sentence_id`` ranges. ClaimBuster's
   ``sentence_id`` numbers the sentences of its debate transcripts in file order (ids within a
   range of ~1,000 name the same candidates: Kennedy and Nixon at 7,500-8,500 and 12,500-13,500,
   Obama and McCain at 3,500-4,500 ...), so a contiguous range holds whole debates except at its
   two edges. The head and a TF-IDF + logistic regression baseline are scored on the same folds.
3. **calibration and threshold**: isotonic regression fitted on the out-of-fold scores, shipped as
   its breakpoints; the label threshold is the calibrated probability that maximises out-of-fold
   macro-F1. Intervals are percentile bootstraps over debate ranges (blocks of 1,000 ids).
4. **export** (``--export``): the head refitted on all sentences, written to ``claims.npz`` beside
   the encoder, with ``claims-metrics.json`` (what the model card quotes).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import time
from pathlib import Path

import numpy as np

from slant.analyze.claim_features import sentence_features
from slant.train import stats

log = logging.getLogger(__name__)

#: folds of consecutive sentence ids (see the module docstring)
N_FOLDS = 5
#: ids per block for the bootstrap: about one debate's worth of ClaimBuster sentences
BLOCK_IDS = 1000
#: sentences per pseudo-paragraph in the in-context encoding
CONTEXT_SENTENCES = 5
BOOTSTRAP_ROUNDS = 2000
SEED = 13


def read_claimbuster(folder: str | Path) -> list[dict]:
    """ClaimBuster's labelled sentences, in sentence_id order."""
    path = Path(folder) / "claimbuster-train.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows = [r for r in rows if str(r.get("text", "")).strip()]
    return sorted(rows, key=lambda r: int(r["sentence_id"]))


def clean_sentences(texts: list[str]) -> list:
    """Each text as the cleaner makes a one-sentence JSONL document of it (title empty)."""
    from slant.clean import clean_record
    from slant.ingest.record import RawRecord

    docs = []
    for i, text in enumerate(texts):
        record = RawRecord(id=f"s{i}", source=f"claimbuster:{i}", raw=text, input_format="jsonl")
        docs.append(clean_record(record))
    return docs


def encode_features(texts: list[str], model_dir: str | Path | None, batch: int = 64) -> np.ndarray:
    """Pooled features of each text read alone, through the cleaner and the run-time encoder."""
    from slant.models.onnx_model import get_model

    model = get_model(model_dir)
    docs = clean_sentences(texts)
    rows = []
    for b in range(0, len(docs), batch):
        part = docs[b:b + batch]
        preds = model.predict([d.text for d in part], [[(0, len(d.text))] for d in part], keep_states=True)
        for doc, pred in zip(part, preds):
            rows.append(sentence_features(doc.text, pred.offsets, pred.states, [(0, len(doc.text))])[0])
        if b % (batch * 20) == 0:
            log.info("encoded %d/%d sentences alone", b + len(part), len(docs))
    return np.stack(rows)


def encode_in_context(texts: list[str], groups: np.ndarray, model_dir: str | Path | None,
                      batch: int = 16) -> np.ndarray:
    """Pooled features of each text read inside a paragraph of its consecutive neighbours."""
    from slant.models.onnx_model import get_model

    model = get_model(model_dir)
    paragraphs: list[tuple[str, list[tuple[int, int]], list[int]]] = []
    i = 0
    while i < len(texts):
        j = i
        members = []
        while j < len(texts) and len(members) < CONTEXT_SENTENCES and groups[j] == groups[i]:
            members.append(j)
            j += 1
        parts, spans, pos = [], [], 0
        for k in members:
            t = " ".join(texts[k].split())
            spans.append((pos, pos + len(t)))
            parts.append(t)
            pos += len(t) + 1
        paragraphs.append((" ".join(parts), spans, members))
        i = j
    out = np.zeros((len(texts), 0), dtype=np.float32)
    for b in range(0, len(paragraphs), batch):
        part = paragraphs[b:b + batch]
        preds = model.predict([p[0] for p in part], [[(0, len(p[0]))] for p in part], keep_states=True)
        for (text, spans, members), pred in zip(part, preds):
            feats = sentence_features(text, pred.offsets, pred.states, spans)
            if out.shape[1] == 0:
                out = np.zeros((len(texts), feats.shape[1]), dtype=np.float32)
            out[members] = feats
        if b % (batch * 20) == 0:
            log.info("encoded %d/%d paragraphs in context", b + len(part), len(paragraphs))
    return out


def contiguous_folds(ids: np.ndarray, n_folds: int = N_FOLDS) -> np.ndarray:
    """Fold of each sentence: ``n_folds`` ranges of consecutive ids with equal counts."""
    order = np.argsort(ids, kind="stable")
    fold = np.empty(len(ids), dtype=np.int64)
    fold[order] = np.arange(len(ids)) * n_folds // len(ids)
    return fold


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, average="macro", labels=[0, 1], zero_division=0))


def bootstrap_interval(gold: np.ndarray, pred: np.ndarray, blocks: np.ndarray,
                       rounds: int = BOOTSTRAP_ROUNDS, seed: int = SEED) -> tuple[float, float]:
    """95% percentile interval of macro-F1, resampling whole debate blocks."""
    rows = stats.block_rows(blocks)
    lo, hi = stats.bootstrap(lambda picked: macro_f1(gold[rows(picked)], pred[rows(picked)]),
                             len(np.unique(blocks)), rounds, seed)
    return float(lo), float(hi)


def best_threshold(gold: np.ndarray, probs: np.ndarray) -> float:
    """The probability threshold with the best macro-F1 (grid of 0.01 steps)."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 3)
    scores = [macro_f1(gold, (probs >= t).astype(int)) for t in grid]
    return float(grid[int(np.argmax(scores))])


def make_head(kind: str, c: float = 1.0):
    """The head's estimator: standardised features -> logistic regression or a one-layer MLP."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if kind == "lr":
        return make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=2000, class_weight="balanced"))
    return make_pipeline(StandardScaler(), MLPClassifier(
        hidden_layer_sizes=(int(c),), alpha=1e-2, max_iter=200, early_stopping=True,
        validation_fraction=0.1, n_iter_no_change=8, random_state=SEED))


def oof_scores(kind: str, c: float, alone: np.ndarray, context: np.ndarray | None, y: np.ndarray,
               folds: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities on the sentences read alone (training on alone + in context)."""
    out = np.zeros(len(y), dtype=np.float64)
    for f in np.unique(folds):
        train, test = folds != f, folds == f
        x = alone[train] if context is None else np.concatenate([alone[train], context[train]])
        t = y[train] if context is None else np.concatenate([y[train], y[train]])
        model = make_head(kind, c).fit(x, t)
        out[test] = model.predict_proba(alone[test])[:, 1]
    return out


#: the n-gram model's share of the averaged logit: 0.3, 0.4 and 0.5 gave OOF macro-F1 0.8550, 0.8554
#: and 0.8548 with the logistic-regression state head (0.848 alone, n-grams alone 0.816)
NGRAM_SHARE = 0.4


def ngram_matrix(texts: list[str]):
    """Sparse (texts, NGRAM_BUCKETS) matrix of sublinear term frequencies of the hashed 1-2 grams."""
    from scipy import sparse

    from slant.analyze.claim_features import NGRAM_BUCKETS, ngram_buckets

    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        buckets, tf = ngram_buckets(text)
        rows.extend([i] * len(buckets))
        cols.extend(buckets.tolist())
        vals.extend(tf.tolist())
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), NGRAM_BUCKETS), dtype=np.float64)


class NgramModel:
    """TF-IDF over hashed 1-2 grams (idf from buckets seen in 2+ training sentences) + logistic
    regression; what :meth:`slant.analyze.claims.ClaimHead.ngram_logits` computes at run time."""

    def __init__(self, c: float = 4.0):
        self.c = c

    def _tfidf(self, counts):
        from scipy import sparse

        weighted = counts.multiply(self.idf).tocsr()
        norm = np.sqrt(np.asarray(weighted.multiply(weighted).sum(1)).ravel())
        norm[norm == 0] = 1.0
        return sparse.diags(1.0 / norm) @ weighted

    def fit(self, texts: list[str], y: np.ndarray) -> "NgramModel":
        from sklearn.linear_model import LogisticRegression

        counts = ngram_matrix(texts)
        df = np.asarray((counts > 0).sum(0)).ravel()
        n = len(texts)
        self.idf = np.where(df >= 2, np.log((1 + n) / (1 + df)) + 1.0, 0.0)
        self.model = LogisticRegression(C=self.c, max_iter=2000, class_weight="balanced").fit(self._tfidf(counts), y)
        return self

    def logits(self, texts: list[str]) -> np.ndarray:
        return self.model.decision_function(self._tfidf(ngram_matrix(texts)))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return np.log(p / (1 - p))


def combine(head_probs: np.ndarray, ngram_logits: np.ndarray, share: float = NGRAM_SHARE) -> np.ndarray:
    """The averaged model's probability, as ClaimHead.raw_scores computes it."""
    z = (1 - share) * _logit(head_probs) + share * ngram_logits
    return 1 / (1 + np.exp(-np.clip(z, -60, 60)))


def ngram_oof(texts: list[str], y: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Out-of-fold logits of the n-gram model."""
    out = np.zeros(len(y))
    for f in np.unique(folds):
        train, test = np.flatnonzero(folds != f), np.flatnonzero(folds == f)
        model = NgramModel().fit([texts[i] for i in train], y[train])
        out[test] = model.logits([texts[i] for i in test])
    return out


def tfidf_baseline(texts: list[str], y: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities of TF-IDF (word 1-2 grams) + logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    out = np.zeros(len(y))
    arr = np.array(texts, dtype=object)
    for f in np.unique(folds):
        train, test = folds != f, folds == f
        model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
                              LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced"))
        model.fit(list(arr[train]), y[train])
        out[test] = model.predict_proba(list(arr[test]))[:, 1]
    return out


def calibrate(scores: np.ndarray, y: np.ndarray):
    from sklearn.isotonic import IsotonicRegression

    return IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(scores, y)


def summarise(name: str, gold: np.ndarray, probs: np.ndarray, blocks: np.ndarray, folds: np.ndarray) -> dict:
    """Threshold chosen out of fold (cross-fitted: each fold's threshold from the other folds),
    macro-F1 with its bootstrap interval."""
    threshold = best_threshold(gold, probs)
    pred = (probs >= threshold).astype(int)
    crossfit = np.zeros(len(gold), dtype=int)
    for f in np.unique(folds):
        t = best_threshold(gold[folds != f], probs[folds != f])
        crossfit[folds == f] = (probs[folds == f] >= t).astype(int)
    lo, hi = bootstrap_interval(gold, pred, blocks)
    row = {"name": name, "threshold": threshold, "macro_f1": round(macro_f1(gold, pred), 4),
           "interval": [round(lo, 4), round(hi, 4)],
           "macro_f1_crossfit_threshold": round(macro_f1(gold, crossfit), 4),
           "macro_f1_at_0.5": round(macro_f1(gold, (probs >= 0.5).astype(int)), 4)}
    log.info("%s: %s", name, row)
    return row


def calibration_table(probs: np.ndarray, gold: np.ndarray, bins: int = 10) -> list[dict]:
    return [{"bin": r["bin"], "n": r["n"], "mean_score": round(r["mean_p"], 3), "observed": round(r["observed"], 3)}
            for r in stats.reliability(probs, gold, bins)[0]]


def expected_calibration_error(probs: np.ndarray, gold: np.ndarray, bins: int = 10) -> float:
    """Share-weighted mean gap between the mean score and the observed rate over the equal-width bins
    of :func:`calibration_table` (the same bins, so the table and the figure agree)."""
    return stats.reliability(probs, gold, bins)[1]


def export_head(model, calibrator, threshold: float, out_dir: Path, meta: dict,
                ngram: NgramModel | None = None) -> Path:
    """Write ``claims.npz``: scaler folded into the first layer, isotonic breakpoints, threshold."""
    from slant.analyze.claims import HEAD_FILE

    scaler, clf = model.steps[0][1], model.steps[1][1]
    scale = scaler.scale_.astype(np.float64)
    mean = scaler.mean_.astype(np.float64)
    if hasattr(clf, "coefs_"):
        w1 = clf.coefs_[0] / scale[:, None]
        b1 = clf.intercepts_[0] - (mean / scale) @ clf.coefs_[0]
        w2, b2 = clf.coefs_[1], clf.intercepts_[1]
    else:  # logistic regression: identity "hidden layer" would be wasteful; store as a one-unit layer
        w = clf.coef_[0] / scale
        w1 = w[:, None]
        b1 = np.array([clf.intercept_[0] - (mean / scale) @ clf.coef_[0]])
        w2, b2 = None, None
    path = out_dir / HEAD_FILE
    arrays = {"w1": w1.astype(np.float32), "b1": b1.astype(np.float32),
              "calibration_x": calibrator.X_thresholds_.astype(np.float32),
              "calibration_y": calibrator.y_thresholds_.astype(np.float32),
              "threshold": np.array([threshold], np.float32),
              "meta": np.array(json.dumps(meta))}
    if w2 is not None:
        arrays.update({"w2": w2.astype(np.float32), "b2": b2.astype(np.float32)})
    if ngram is not None:
        coef = ngram.model.coef_[0]
        keep = np.flatnonzero((ngram.idf > 0) & (coef != 0))
        arrays.update({"ngram_index": keep.astype(np.int32), "ngram_idf": ngram.idf[keep].astype(np.float32),
                       "ngram_coef": coef[keep].astype(np.float32),
                       "ngram_intercept": np.array([ngram.model.intercept_[0]], np.float32),
                       "ngram_share": np.array([NGRAM_SHARE], np.float32)})
    np.savez_compressed(path, **arrays)
    return path


def fit_fold(texts: list[str], y: np.ndarray, ids: np.ndarray, train: np.ndarray, alone: np.ndarray,
             context: np.ndarray | None, kind: str, size: float):
    """The head, n-gram model, isotonic map and threshold fitted on the sentences ``train`` only: an
    inner cross-validation (by debate range) gives the scores the calibration and threshold are chosen on."""
    inner = contiguous_folds(ids[train], N_FOLDS - 1)
    train_texts = [texts[i] for i in np.flatnonzero(train)]
    raw = combine(oof_scores(kind, size, alone[train], None if context is None else context[train], y[train], inner),
                  ngram_oof(train_texts, y[train], inner))
    iso = calibrate(raw, y[train])
    threshold = best_threshold(y[train], iso.predict(raw))
    x = alone[train] if context is None else np.concatenate([alone[train], context[train]])
    t = y[train] if context is None else np.concatenate([y[train], y[train]])
    head = make_head(kind, size).fit(x, t)
    ngram = NgramModel().fit(train_texts, y[train])
    return head, ngram, iso, threshold


def sklearn_default_baselines(texts: list[str], y: np.ndarray, folds: np.ndarray) -> dict[str, np.ndarray]:
    """Out-of-fold labels of TF-IDF + logistic regression as scikit-learn's defaults give them (word
    unigrams, threshold 0.5), with and without balanced class weights: the baseline a held-out set is
    most likely scored with, so that its figure can be mapped onto these folds."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    arr = np.array(texts, dtype=object)
    out = {"default": np.zeros(len(y), dtype=int), "balanced": np.zeros(len(y), dtype=int)}
    for f in np.unique(folds):
        train, test = folds != f, folds == f
        for name, weight in (("default", None), ("balanced", "balanced")):
            model = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=2000, class_weight=weight))
            model.fit(list(arr[train]), y[train])
            out[name][test] = (model.predict_proba(list(arr[test]))[:, 1] >= 0.5).astype(int)
    return out


def paired_margins(gold: np.ndarray, pred: np.ndarray, baselines: dict[str, np.ndarray], blocks: np.ndarray,
                   rounds: int = BOOTSTRAP_ROUNDS, seed: int = SEED) -> dict[str, dict]:
    """Macro-F1 of ``pred`` minus each baseline's, with a 95% interval from resampling whole debate
    blocks (the same blocks for both, so the debates' shared difficulty cancels)."""
    rows = stats.block_rows(blocks)
    names = list(baselines)

    def margins(picked: np.ndarray) -> list[float]:
        idx = rows(picked)
        ours = macro_f1(gold[idx], pred[idx])
        return [ours - macro_f1(gold[idx], baselines[k][idx]) for k in names]

    lo, hi = stats.bootstrap(margins, len(np.unique(blocks)), rounds, seed)
    return {k: {"baseline": round(macro_f1(gold, baselines[k]), 4),
                "margin": round(macro_f1(gold, pred) - macro_f1(gold, baselines[k]), 4),
                "interval": [round(float(lo[i]), 4), round(float(hi[i]), 4)]}
            for i, k in enumerate(names)}


def end_to_end(texts: list[str], y: np.ndarray, ids: np.ndarray, folds: np.ndarray, alone: np.ndarray,
               context: np.ndarray | None, kind: str, size: float, model_dir: Path | None, run: Path) -> dict:
    """Every fold's sentences through ``slant analyze -f claims-tsv`` as one-sentence JSONL documents
    (``{"id", "title": "", "text"}``, the way a held-out set is measured), each fold with a head,
    calibration and threshold fitted on the other folds only. A document is a claim when any of its
    sentences is. The same heads' predictions from the cached features ("direct") are compared with
    the pipeline's sentence by sentence."""
    import csv
    import os
    import shutil
    import subprocess
    import sys

    from slant.models.onnx_model import DEFAULT_MODEL_DIR

    source = Path(model_dir) if model_dir else DEFAULT_MODEL_DIR
    pred = np.zeros(len(y), dtype=int)
    direct = np.zeros(len(y), dtype=int)
    score = np.zeros(len(y))
    rows_per_doc = np.zeros(len(y), dtype=int)
    base = np.zeros(len(y), dtype=int)
    per_fold = []
    started = time.time()
    for f in np.unique(folds):
        train, test = folds != f, folds == f
        head, ngram, iso, threshold = fit_fold(texts, y, ids, train, alone, context, kind, size)
        test_texts = [texts[i] for i in np.flatnonzero(test)]
        direct[test] = (iso.predict(combine(head.predict_proba(alone[test])[:, 1], ngram.logits(test_texts)))
                        >= threshold).astype(int)
        inner = contiguous_folds(ids[train], N_FOLDS - 1)
        base_threshold = best_threshold(y[train], tfidf_baseline([texts[i] for i in np.flatnonzero(train)],
                                                                 y[train], inner))
        base[test] = (tfidf_baseline(texts, y, np.where(test, 1, 0))[test] >= base_threshold).astype(int)
        folder = run / f"end-to-end-model-{f}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for item in source.iterdir():
            if item.name != "claims.npz" and item.is_file():
                (folder / item.name).symlink_to(item.resolve())
        export_head(head, iso, threshold, folder, {"component": "slant.claims.v1", "end_to_end": True}, ngram)
        jsonl = run / f"end-to-end-{f}.jsonl"
        rows = np.flatnonzero(test)
        with jsonl.open("w", encoding="utf-8") as handle:
            for i in rows:
                handle.write(json.dumps({"id": f"cb{ids[i]}", "title": "", "text": texts[i]}) + "\n")
        config = run / f"end-to-end-{f}.toml"
        config.write_text(f'[analyze]\nmodel_dir = "{folder}"\n', encoding="utf-8")
        out = run / f"end-to-end-{f}.tsv"
        env = dict(os.environ, HF_HUB_OFFLINE="1")
        subprocess.run([sys.executable, "-m", "slant.cli", "analyze", str(jsonl), "-f", "claims-tsv", "-q",
                        "--config", str(config), "-o", str(out)], check=True, env=env)
        labelled: dict[str, int] = {}
        scored: dict[str, float] = {}
        count: dict[str, int] = {}
        with out.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                d = row["doc_id"]
                labelled[d] = max(labelled.get(d, 0), int(row["label"] == "claim"))
                scored[d] = max(scored.get(d, 0.0), float(row["score"] or 0))
                count[d] = count.get(d, 0) + 1
        for i in rows:
            pred[i] = labelled.get(f"cb{ids[i]}", 0)
            score[i] = scored.get(f"cb{ids[i]}", 0.0)
            rows_per_doc[i] = count.get(f"cb{ids[i]}", 0)
        entry = {"fold": int(f), "sentences": int(test.sum()), "ids": [int(ids[test].min()), int(ids[test].max())],
                 "threshold": threshold, "macro_f1": round(macro_f1(y[test], pred[test]), 4),
                 "direct_macro_f1": round(macro_f1(y[test], direct[test]), 4),
                 "tfidf_macro_f1": round(macro_f1(y[test], base[test]), 4),
                 "agreement_with_direct": round(float((pred[test] == direct[test]).mean()), 4)}
        log.info("end to end, fold %d: %s", f, entry)
        per_fold.append(entry)
    blocks = ids // BLOCK_IDS
    lo, hi = bootstrap_interval(y, pred, blocks)
    dlo, dhi = bootstrap_interval(y, direct, blocks)
    blo, bhi = bootstrap_interval(y, base, blocks)
    differ = np.flatnonzero(pred != direct)
    margins = paired_margins(y, pred, {"tuned": base, **sklearn_default_baselines(texts, y, folds)}, blocks)
    np.save(run / "end-to-end.npy", np.stack([ids, y, pred, direct, score, rows_per_doc, base]))
    return {"sentences": int(len(y)), "folds": per_fold, "minutes": round((time.time() - started) / 60, 1),
            "macro_f1": round(macro_f1(y, pred), 4), "interval": [round(lo, 4), round(hi, 4)],
            "direct_macro_f1": round(macro_f1(y, direct), 4), "direct_interval": [round(dlo, 4), round(dhi, 4)],
            "tfidf_macro_f1": round(macro_f1(y, base), 4), "tfidf_interval": [round(blo, 4), round(bhi, 4)],
            "agreement_with_direct": round(float((pred == direct).mean()), 4), "margins": margins,
            "documents_not_one_sentence": int((rows_per_doc != 1).sum()),
            "documents_without_sentences": int((rows_per_doc == 0).sum()),
            "disagreements": [{"id": int(ids[i]), "gold": int(y[i]), "pipeline": int(pred[i]),
                               "direct": int(direct[i]), "rows": int(rows_per_doc[i])} for i in differ[:50]]}


CARD_BEGIN = "<!-- slant.claims.v1: begin (written by python -m slant.train.claims --export) -->"
CARD_END = "<!-- slant.claims.v1: end -->"


def card_section(results: dict) -> str:
    """The model card's section on the claim head, from the figures of one training run."""
    table = "\n".join(
        f"| {r['name']} | {r['macro_f1']:.3f} | {r['interval'][0]:.3f}-{r['interval'][1]:.3f} | "
        f"{r['macro_f1_crossfit_threshold']:.3f} | {r['macro_f1_at_0.5']:.3f} |" for r in results["rows"])
    head = results["head"]
    calib = "\n".join(f"| {c['bin']} | {c['n']} | {c['mean_score']:.3f} | {c['observed']:.3f} |"
                      for c in results["calibration"])
    conf = results["confusion"]
    e2e = results.get("end_to_end")
    e2e_line = ""
    if e2e and "folds" in e2e:
        fold_rows = "\n".join(
            f"| {r['ids'][0]}-{r['ids'][1]} | {r['sentences']} | {r['threshold']:.2f} | {r['macro_f1']:.3f} | "
            f"{r['direct_macro_f1']:.3f} | {r['agreement_with_direct']:.4f} | {r['tfidf_macro_f1']:.3f} |"
            for r in e2e["folds"])
        e2e_line = f"""
**Through the real pipeline, every fold** (the way a held-out set is measured): each of the
{e2e['sentences']:,} sentences analysed as a one-sentence JSONL document (`{{"id", "title": "", "text"}}`) by
`slant analyze -f claims-tsv` (cleaner, sentence splitter, shared encoder pass, quotes, claims), each
fold with a head, calibration and threshold fitted on the other four folds only (threshold chosen
on an inner cross-validation: nothing about the fold's own sentences); a document is a claim when
any of its sentences is. "Direct" is the same heads on the cached features of the sentence read alone.
Pooled over all folds: pipeline macro-F1 **{e2e['macro_f1']:.3f}** ({e2e['interval'][0]:.3f}-{e2e['interval'][1]:.3f}),
direct {e2e['direct_macro_f1']:.3f} ({e2e['direct_interval'][0]:.3f}-{e2e['direct_interval'][1]:.3f}), the same
sentence-for-sentence decision on {100 * e2e['agreement_with_direct']:.2f}% of them
({e2e['documents_not_one_sentence']} documents were split into two sentences by the splitter, none lost
by the cleaner); TF-IDF + LR (word 1-2 grams, threshold chosen the same way) {e2e['tfidf_macro_f1']:.3f}
({e2e['tfidf_interval'][0]:.3f}-{e2e['tfidf_interval'][1]:.3f}).

| fold (ids) | sentences | threshold | pipeline | direct | same decision | TF-IDF + LR |
|---|---|---|---|---|---|---|
{fold_rows}
"""
        m = e2e.get("margins")
        if m:
            names = {"default": "scikit-learn defaults (word unigrams, no class weights, threshold 0.5)",
                     "balanced": "the same with balanced class weights",
                     "tuned": "word 1-2 grams, sublinear tf, balanced, threshold chosen out of fold"}
            lines = "\n".join(f"| {names[k]} | {v['baseline']:.3f} | +{v['margin']:.3f} | "
                              f"+{v['interval'][0]:.3f} to +{v['interval'][1]:.3f} | {0.83 + v['margin']:.3f} |"
                              for k, v in m.items())
            e2e_line += f"""
**What to expect on another held-out set.** A held-out set's difficulty moves every model, so the
figure that carries over is the margin over a baseline scored on the same sentences: the pipeline
minus TF-IDF + LR, paired by debate in the bootstrap. Where TF-IDF + LR scores 0.83, expect
0.83 + the margin over whichever TF-IDF + LR was run:

| TF-IDF + LR variant (out of fold, these folds) | macro-F1 | pipeline's margin | 95% interval | expected where it scores 0.83 |
|---|---|---|---|---|
{lines}
"""
    architecture = ("logistic regression" if head["kind"] == "lr" else
                    f"one hidden layer of {int(head['size'])} ReLU units")
    return f"""{CARD_BEGIN}
## Head stacked on this encoder: `claims.npz` (slant.claims.v1, check-worthy claims)
Every sentence (title included) gets the probability that it is a check-worthy factual claim.
Features: mean and max of the sentence's token states from this encoder's pass (the pass the
persuasion heads use; no second pass) plus the sentence length and {len(__import__('slant.analyze.claim_features', fromlist=['x']).LEXICAL_CUES)} surface cues (digits, percentages, money,
years, comparatives, first-person views, questions, thanks; `slant.analyze.claim_features`) ->
standardised -> {architecture}; its logit is averaged ({1 - NGRAM_SHARE:.1f} : {NGRAM_SHARE:.1f}) with that of
a TF-IDF model over hashed word 1-2 grams (CRC32 into 2**18 buckets; only the buckets seen in
training ship, with their idf and weights, no words) -> sigmoid -> isotonic calibration
(breakpoints shipped in the file) -> label `claim` at probability >= **{results['threshold']:.2f}**, else `no`.

- **Data**: ClaimBuster (Arslan et al., ICWSM 2020) `claimbuster-train.json`, {results['data']['sentences']:,}
  sentences from US presidential debates 1960-2016, {results['data']['positives']:,} labelled check-worthy factual
  (sha256 `{results['data']['sha256'][:16]}…`; via claimbuster-spotter, GPL-3.0 repository; the
  dataset's own terms: research use). No sentence ships. Each sentence was read as a one-sentence
  JSONL document, cleaned by the real cleaner and encoded through the run-time ONNX path; the head
  also trained on each sentence encoded inside a paragraph of its five neighbours, since in an
  article a sentence's states see its context.
- **Validation**: {results['folds']['n']} folds of consecutive `sentence_id` ranges. `sentence_id` numbers the
  sentences in transcript order (ids within ~1,000 of each other name the same candidates), so a
  range holds whole debates except at its edges: this is cross-validation by debate, up to the
  four boundary debates. Ranges: {', '.join(f"{a}-{b}" for a, b in results['folds']['ranges'])}.
  Intervals: 95% percentile bootstrap over blocks of 1,000 ids (about one debate), 2,000 rounds.
  Threshold and calibration are chosen on out-of-fold scores, and the "macro-F1" column scores at
  that threshold (so it is in-sample for the threshold choice); the "cross-fitted" column picks each
  fold's threshold on the other folds only and is the figure to expect on new debates.

| out of fold (sentences read alone) | macro-F1 | 95% interval | cross-fitted threshold | at 0.5 |
|---|---|---|---|---|
{table}
{e2e_line}
At the shipped threshold (out-of-fold scores, threshold chosen on them): {conf['tp']} true claims found, {conf['fp']} false alarms,
{conf['fn']} missed, {conf['tn']} correctly left out. Brier score {results['brier']['raw']:.4f} raw,
{results['brier']['calibrated']:.4f} calibrated (cross-fitted); expected calibration error (10 equal-width bins)
{results['ece']['raw']:.3f} raw, {results['ece']['calibrated']:.3f} calibrated over all sentences; within one fold (one range
of debates, where over- and under-confident debates no longer cancel) {min(results['ece']['calibrated_per_fold']):.3f}-{max(results['ece']['calibrated_per_fold']):.3f}.

Calibration (cross-fitted isotonic, out of fold): the score is the share of such sentences that
ClaimBuster's annotators called check-worthy.

| score | sentences | mean score | observed share |
|---|---|---|---|
{calib}

- **On news**: debates are not news. How the head carries over to articles (a hand check of news
  sentences, what it gets wrong) is in `docs/claims.md`; expect lower precision on reported
  speech and headlines than the figures above.
- **Rebuilt with**: `python -m slant.train.claims ../shared/data/claims runs/claims --model-dir
  src/slant/models/persuasion --head {head['kind']} --size {head['size']:g} --export{' --end-to-end' if e2e else ''}` ({results.get('minutes', '?')} min on 2 shared cores{f", of which {e2e['minutes']} min the pipeline check of all folds" if e2e and e2e.get('minutes') else ''}; the
  encoding is cached per encoder file, so retraining on a new encoder is one re-run).
{CARD_END}"""


def write_card(card: Path, section: str) -> None:
    """Replace (or append) the claims section of ``card``."""
    text = card.read_text(encoding="utf-8") if card.is_file() else ""
    if CARD_BEGIN in text and CARD_END in text:
        before = text[:text.index(CARD_BEGIN)]
        after = text[text.index(CARD_END) + len(CARD_END):]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    card.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", help="the claims data folder (holds claimbuster-train.json)")
    parser.add_argument("run", help="run folder for cached features and figures")
    parser.add_argument("--model-dir", default=None, help="encoder folder (default: the shipped model)")
    parser.add_argument("--head", default="mlp", choices=["lr", "mlp"])
    parser.add_argument("--size", type=float, default=256, help="MLP hidden units, or LR's C")
    parser.add_argument("--no-context", action="store_true", help="train on sentences read alone only")
    parser.add_argument("--export", action="store_true", help="refit on all data and write claims.npz")
    parser.add_argument("--end-to-end", action="store_true",
                        help="also run the last fold through slant analyze as one-sentence documents")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    t0 = time.time()
    run = Path(args.run)
    run.mkdir(parents=True, exist_ok=True)
    rows = read_claimbuster(args.data)
    texts = [r["text"] for r in rows]
    y = np.array([int(r["label"]) for r in rows])
    ids = np.array([int(r["sentence_id"]) for r in rows])
    blocks = ids // BLOCK_IDS
    folds = contiguous_folds(ids)
    from slant.models.onnx_model import get_model

    model_dir = Path(args.model_dir) if args.model_dir else None
    onnx_path = get_model(model_dir).onnx_path
    encoder_sha = hashlib.sha256(onnx_path.read_bytes()).hexdigest()[:16]
    cache = run / f"features-{encoder_sha}.npz"
    if cache.is_file():
        with np.load(cache) as data:
            alone, context = data["alone"], data["context"]
    else:
        alone = encode_features(texts, model_dir)
        context = encode_in_context(texts, blocks, model_dir)
        np.savez(cache, alone=alone, context=context)
    log.info("features ready (%s): %s in %.0f s", cache.name, alone.shape, time.time() - t0)

    results = {"data": {"file": "claimbuster-train.json", "sentences": int(len(y)), "positives": int(y.sum()),
                        "sha256": hashlib.sha256((Path(args.data) / "claimbuster-train.json").read_bytes()).hexdigest()},
               "encoder": {"file": onnx_path.name, "sha256_16": encoder_sha},
               "folds": {"kind": "contiguous sentence_id ranges", "n": N_FOLDS,
                         "ranges": [[int(ids[folds == f].min()), int(ids[folds == f].max())] for f in range(N_FOLDS)]},
               "rows": []}
    baseline = tfidf_baseline(texts, y, folds)
    results["rows"].append(summarise("baseline: TF-IDF (word 1-2 grams) + LR", y, baseline, blocks, folds))
    ctx = None if args.no_context else context
    head_raw = oof_scores(args.head, args.size, alone, ctx, y, folds)
    results["rows"].append(summarise(f"state head ({args.head} {args.size:g}) alone", y, head_raw, blocks, folds))
    ngram_logits = ngram_oof(texts, y, folds)
    results["rows"].append(summarise("hashed 1-2 gram TF-IDF + LR alone", y, 1 / (1 + np.exp(-ngram_logits)),
                                     blocks, folds))
    raw = combine(head_raw, ngram_logits)
    results["rows"].append(summarise("combined, raw", y, raw, blocks, folds))
    # Calibration cross-fitted too: each fold's isotonic map is fitted on the other folds' scores.
    calibrated = np.zeros(len(y))
    for f in np.unique(folds):
        iso = calibrate(raw[folds != f], y[folds != f])
        calibrated[folds == f] = iso.predict(raw[folds == f])
    row = summarise("combined, calibrated (shipped)", y, calibrated, blocks, folds)
    results["rows"].append(row)
    results["calibration"] = calibration_table(calibrated, y)
    from sklearn.metrics import brier_score_loss

    results["brier"] = {"raw": round(float(brier_score_loss(y, raw)), 4),
                        "calibrated": round(float(brier_score_loss(y, calibrated)), 4)}
    results["ece"] = {"raw": round(expected_calibration_error(raw, y), 4),
                      "calibrated": round(expected_calibration_error(calibrated, y), 4),
                      "calibrated_per_fold": [round(expected_calibration_error(calibrated[folds == f], y[folds == f]), 4)
                                              for f in np.unique(folds)]}
    final_iso = calibrate(raw, y)
    threshold = best_threshold(y, final_iso.predict(raw))
    results["threshold"] = threshold
    results["head"] = {"kind": args.head, "size": args.size, "context": not args.no_context}
    pred = (final_iso.predict(raw) >= threshold).astype(int)
    results["confusion"] = {"tp": int(((pred == 1) & (y == 1)).sum()), "fp": int(((pred == 1) & (y == 0)).sum()),
                            "fn": int(((pred == 0) & (y == 1)).sum()), "tn": int(((pred == 0) & (y == 0)).sum())}
    np.save(run / "oof.npy", np.stack([raw, calibrated, baseline, y, ids, head_raw, ngram_logits]))
    if args.end_to_end:
        results["end_to_end"] = end_to_end(texts, y, ids, folds, alone, ctx, args.head, args.size, model_dir, run)
        log.info("end to end: %s", results["end_to_end"])
    if args.export:
        x = alone if ctx is None else np.concatenate([alone, context])
        t = y if ctx is None else np.concatenate([y, y])
        head = make_head(args.head, args.size).fit(x, t)
        ngram = NgramModel().fit(texts, y)
        meta = {"component": "slant.claims.v1", "trained_on": "ClaimBuster claimbuster-train.json",
                "encoder_sha256_16": encoder_sha, "head": results["head"], "threshold": threshold,
                "oof": row}
        out_dir = model_dir or onnx_path.parent
        path = export_head(head, final_iso, threshold, out_dir, meta, ngram)
        results["minutes"] = round((time.time() - t0) / 60, 1)
        (out_dir / "claims-metrics.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        write_card(out_dir / "MODEL_CARD.md", card_section(results))
        log.info("wrote %s and the model card section", path)
    results["minutes"] = round((time.time() - t0) / 60, 1)
    (run / f"results-{args.head}-{args.size:g}{'-alone' if args.no_context else ''}.json").write_text(
        json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(results["rows"], indent=1))


if __name__ == "__main__":
    main()
