"""Cross-validation by article of the persuasion heads on cached encoder states.

Every SemEval-2023 English training article falls in exactly one of K folds (GroupKFold by
article); the SemEval-2021 texts are added to every fold's training data and never scored. Each
fold trains the heads on the other folds' articles and predicts its own, so every article gets
out-of-fold (OOF) predictions. Decision rules and calibration are then chosen on those OOF
predictions, and the reported figures cross-fit them too (the rule applied to fold k is chosen
on the other folds' OOF predictions).

Heads (torch in training, numpy at run time):
* token head: Linear(384 -> 23) per token (technique spans);
* paragraph head: MLP over [mean, max of the paragraph's states; mean, max of the article's];
* frames head: MLP over the article's [mean, max]; genre is trained separately (slant.train.genre).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from slant.analyze.taxonomy import TECHNIQUE_NAMES
from slant.models import heads
from slant.train import stats

SEED = stats.SEED
#: the frames head (article-pooled states -> 14 frames): its training, and the rule that picks an
#: article's frames from its calibrated probabilities (cross-fitted, shipped, and frames_length's)
FRAMES_HEAD = {"epochs": 60, "batch": 16, "pw_cap": 4.0}
FRAMES_RULE = {"min_positives": 0, "label_ratio": 1.5, "total_ratio": 1.3}


@dataclass
class Cache:
    ids: np.ndarray
    source: np.ndarray
    lengths: np.ndarray
    states: np.ndarray
    offsets: np.ndarray
    token_labels: np.ndarray
    token_logits: np.ndarray | None
    par_counts: np.ndarray
    par_ranges: np.ndarray
    par_lines: np.ndarray
    par_labels: np.ndarray
    frames: np.ndarray
    genre: np.ndarray

    def __post_init__(self):
        self.tok_bounds = np.concatenate([[0], np.cumsum(self.lengths)])
        self.par_bounds = np.concatenate([[0], np.cumsum(self.par_counts)])

    def tokens(self, i: int) -> slice:
        return slice(int(self.tok_bounds[i]), int(self.tok_bounds[i + 1]))

    def pars(self, i: int) -> slice:
        return slice(int(self.par_bounds[i]), int(self.par_bounds[i + 1]))


def load_cache(path: str | Path) -> Cache:
    with np.load(path) as d:
        return Cache(d["ids"], d["source"], d["lengths"], d["states"], d["offsets"], d["token_labels"],
                     d["token_logits"] if "token_logits" in d else None, d["par_counts"], d["par_ranges"],
                     d["par_lines"], d["par_labels"], d["frames"], d["genre"])


def article_folds(ids: np.ndarray, source: np.ndarray, k: int, seed: int = SEED) -> np.ndarray:
    """Fold of each text (-1 for extra training-only texts): articles shuffled by a fixed seed."""
    fold = np.full(len(ids), -1)
    arts = np.flatnonzero(source == "semeval2023")
    order = sorted(arts, key=lambda i: ids[i])
    rng = np.random.default_rng(seed)
    rng.shuffle(order)
    for n, i in enumerate(order):
        fold[i] = n % k
    return fold


def pool(x: np.ndarray) -> np.ndarray:
    """Mean and max over the rows, in float32 (the cached states are float16): the run-time pool."""
    return heads.pool(x.astype(np.float32))


def text_features(c: "Cache", i: int, context: bool, token_logits: bool) -> np.ndarray:
    """Paragraph-head inputs of text ``i``, built by the run-time functions
    (:func:`slant.models.heads.paragraph_features` and :func:`~slant.models.heads.paragraph_inputs`):
    [pool(paragraph); max token logits (if used); pool(article); neighbours (if used)]."""
    st = c.states[c.tokens(i)].astype(np.float32)
    ranges = c.par_ranges[c.pars(i)] if c.par_counts[i] else np.zeros((0, 2), int)
    tl = c.token_logits[c.tokens(i)] if token_logits and c.token_logits is not None \
        else np.zeros((len(st), 0), np.float32)
    par = heads.paragraph_features(st, tl, [(int(a), int(b)) for a, b in ranges])
    return heads.paragraph_inputs(par, st.shape[-1], heads.pool(st)[None, :], neighbours=context)


def pos_weight(y: np.ndarray, cap: float) -> np.ndarray:
    pos = y.sum(0)
    neg = len(y) - pos
    return np.minimum(np.sqrt(neg / np.maximum(pos, 1)), cap).astype(np.float32)


def train_mlp(x: np.ndarray, y: np.ndarray, *, hidden: int = 256, epochs: int = 20, lr: float = 1e-3,
              batch: int = 128, dropout: float = 0.2, pw_cap: float = 10.0, smoothing: float = 0.05,
              weight_decay: float = 0.01, linear: bool = False, seed: int = SEED, loss: str = "bce",
              class_weight: np.ndarray | None = None, sample_weight: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Train a (Linear or 1-hidden-layer) head; returns numpy weights w1,b1[,w2,b2] stored (in, out).

    ``sample_weight`` (bce only): a weight per row, scaled to mean 1, multiplying each row's loss."""
    import torch
    from torch import nn
    import torch.nn.functional as F

    torch.manual_seed(seed)
    n_out = y.shape[1] if loss == "bce" else (len(class_weight) if class_weight is not None else int(y.max()) + 1)
    if linear:
        net = nn.Sequential(nn.Dropout(dropout), nn.Linear(x.shape[1], n_out))
    else:
        net = nn.Sequential(nn.Dropout(dropout), nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Dropout(dropout),
                            nn.Linear(hidden, n_out))
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=weight_decay)
    xt = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32))
    if loss == "bce":
        yt = torch.from_numpy(y.astype(np.float32))
        pw = torch.from_numpy(pos_weight(y, pw_cap))
        sw = None if sample_weight is None else \
            torch.from_numpy((sample_weight / sample_weight.mean()).astype(np.float32))[:, None]
    else:
        yt = torch.from_numpy(y.astype(np.int64))
        cw = None if class_weight is None else torch.from_numpy(class_weight.astype(np.float32))
    g = torch.Generator().manual_seed(seed)
    steps = epochs * ((len(xt) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.1)
    net.train()
    for _ in range(epochs):
        order = torch.randperm(len(xt), generator=g)
        for b in range(0, len(order), batch):
            idx = order[b:b + batch]
            z = net(xt[idx])
            if loss == "bce":
                target = yt[idx] * (1 - smoothing) + smoothing / 2
                if sw is None:
                    l = F.binary_cross_entropy_with_logits(z, target, pos_weight=pw)
                else:
                    l = (F.binary_cross_entropy_with_logits(z, target, pos_weight=pw, reduction="none")
                         * sw[idx]).mean()
            else:
                l = F.cross_entropy(z, yt[idx], weight=cw, label_smoothing=smoothing)
            opt.zero_grad()
            l.backward()
            opt.step()
            sched.step()
    lin = [m for m in net if isinstance(m, nn.Linear)]
    out = {"w1": lin[0].weight.detach().numpy().T.copy(), "b1": lin[0].bias.detach().numpy().copy()}
    if len(lin) > 1:
        out["w2"] = lin[1].weight.detach().numpy().T.copy()
        out["b2"] = lin[1].bias.detach().numpy().copy()
    return out


def mlp_logits(w: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    z = x.astype(np.float32) @ w["w1"] + w["b1"]
    if "w2" in w:
        z = np.maximum(z, 0) @ w["w2"] + w["b2"]
    return z


def oof_predictions(c: Cache, k: int = 5, *, threads: int = 2, context: bool = True, token_head: bool = True,
                    par_epochs: int = 20, tok_epochs: int = 4, use_shipped_token_logits: bool = False,
                    log=print) -> dict:
    """Out-of-fold logits of the paragraph, frames and token heads for every SemEval-2023 article."""
    import torch

    torch.set_num_threads(threads)
    fold = article_folds(c.ids, c.source, k)
    n = len(c.ids)
    feats = [text_features(c, i, context, use_shipped_token_logits) for i in range(n)]
    art = np.stack([pool(c.states[c.tokens(i)]) for i in range(n)])
    par_fold = np.repeat(fold, c.par_counts)
    xp = np.concatenate(feats)
    yp = c.par_labels.astype(np.float32)
    tok_fold = np.repeat(fold, c.lengths)
    out = {"fold": fold, "par_logits": np.zeros(yp.shape, np.float32),
           "frames_logits": np.zeros((n, 14), np.float32),
           "token_logits": np.zeros((len(c.states), 23), np.float32) if token_head else None}
    has_frames = c.frames[:, 0] >= 0
    t0 = time.time()
    for f in range(k):
        tr, va = par_fold != f, par_fold == f
        w = train_mlp(xp[tr], yp[tr], epochs=par_epochs)
        out["par_logits"][va] = mlp_logits(w, xp[va])
        ftr = (fold != f) & (fold >= 0) & has_frames
        fva = fold == f
        wf = train_mlp(art[ftr], c.frames[ftr], **FRAMES_HEAD)
        out["frames_logits"][fva] = mlp_logits(wf, art[fva])
        if token_head:
            ttr, tva = tok_fold != f, tok_fold == f
            wt = train_mlp(c.states[ttr], c.token_labels[ttr].astype(np.float32), epochs=tok_epochs, linear=True,
                           batch=512, dropout=0.1, pw_cap=20.0, lr=2e-3)
            out["token_logits"][tva] = mlp_logits(wt, c.states[tva])
        log(f"fold {f + 1}/{k} done, {time.time() - t0:.0f} s")
    out["seconds"] = time.time() - t0
    return out


# --------------------------------------------------------------------------- calibration and rules

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))


def platt_fit(z: np.ndarray, y: np.ndarray, prior: float = 2.0) -> tuple[float, float]:
    """Platt scaling p = sigmoid(a*z + b) by Newton steps on the log loss, with Platt's target
    smoothing ((pos+1)/(pos+2), 1/(neg+2)) and a weak pull of ``a`` toward 1 (``prior``) so a
    label with a handful of positives keeps a sane slope."""
    y = y.astype(np.float64)
    z = z.astype(np.float64)
    pos, neg = y.sum(), len(y) - y.sum()
    t = np.where(y > 0, (pos + 1) / (pos + 2), 1 / (neg + 2))
    a, b = 1.0, 0.0
    for _ in range(50):
        p = sigmoid(a * z + b)
        g_a = np.sum((p - t) * z) + prior * (a - 1.0)
        g_b = np.sum(p - t)
        w = p * (1 - p)
        h_aa = np.sum(w * z * z) + prior + 1e-9
        h_ab = np.sum(w * z)
        h_bb = np.sum(w) + 1e-9
        det = h_aa * h_bb - h_ab * h_ab
        if det <= 0:
            break
        da = (h_bb * g_a - h_ab * g_b) / det
        db = (h_aa * g_b - h_ab * g_a) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-8:
            break
    return float(a), float(b)


def platt_all(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """(labels, 2) Platt parameters per column."""
    return np.array([platt_fit(z[:, j], y[:, j]) for j in range(z.shape[1])])


def calibrate(z: np.ndarray, ab: np.ndarray) -> np.ndarray:
    return sigmoid(z * ab[:, 0] + ab[:, 1]).astype(np.float32)


GRID = np.round(np.arange(0.05, 0.951, 0.01), 3)


def choose_rule(p: np.ndarray, y: np.ndarray, *, min_positives: int = 20, label_ratio: float = 1.5,
                total_ratio: float = 1.3, rare_threshold: float = 0.9) -> dict:
    """A decision rule on calibrated probabilities, chosen on OOF predictions.

    One shared threshold maximises micro F1; a label predicted on more than ``label_ratio`` times
    its gold count gets its own higher threshold (the lowest that meets the cap); the shared one is
    raised until all labels together stay within ``total_ratio`` of gold. Labels with fewer than
    ``min_positives`` gold paragraphs are left out (threshold ``rare_threshold``: shown only when
    the calibrated probability is that high, which on OOF data has not happened for them).
    """
    y = y.astype(bool)
    gold = y.sum(0)
    rare = gold < min_positives

    def apply(t_shared):
        th = np.full(y.shape[1], t_shared)
        th[rare] = rare_threshold
        for j in np.flatnonzero(~rare):
            while (p[:, j] >= th[j]).sum() > label_ratio * gold[j] and th[j] < 0.99:
                th[j] = round(th[j] + 0.01, 3)
        return th

    best = None
    for t in GRID:
        th = apply(t)
        pred = p >= th
        if pred.sum() > total_ratio * gold.sum():
            continue
        tp = (pred & y).sum()
        f1 = 2 * tp / (pred.sum() + gold.sum())
        if best is None or f1 > best[0] + 1e-9:
            best = (f1, t, th)
    return {"shared": float(best[1]), "thresholds": best[2], "rare": [TECHNIQUE_NAMES[j] for j in np.flatnonzero(rare)]}


def fold_rule(z: np.ndarray, y: np.ndarray, **rule_kw) -> tuple[np.ndarray, np.ndarray, dict]:
    """A fold's calibration and rule, fitted on the other folds' OOF logits ``z`` and labels ``y``:
    (Platt parameters, ``z`` calibrated with them, :func:`choose_rule`'s rule on those)."""
    ab = platt_all(z, y)
    probs = calibrate(z, ab)
    return ab, probs, choose_rule(probs, y, **rule_kw)


def cross_fitted(z: np.ndarray, y: np.ndarray, groups: np.ndarray, **rule_kw) -> tuple[np.ndarray, np.ndarray]:
    """Calibrated probabilities and decisions where fold k's calibration and rule come from the
    other folds' OOF predictions only (:func:`fold_rule`)."""
    probs = np.zeros(z.shape, np.float32)
    thresholds = np.zeros(z.shape)
    for f in np.unique(groups):
        tr, va = groups != f, groups == f
        ab, _, rule = fold_rule(z[tr], y[tr], **rule_kw)
        probs[va] = calibrate(z[va], ab)
        thresholds[va] = rule["thresholds"]
    return probs, probs >= thresholds


def per_article_counts(y: np.ndarray, pred: np.ndarray, art: np.ndarray) -> np.ndarray:
    """(articles, 3, labels) tp, fp, fn per article."""
    arts = np.unique(art)
    idx = np.searchsorted(arts, art)
    out = np.zeros((len(arts), 3, y.shape[1]))
    y = y.astype(bool)
    np.add.at(out[:, 0], idx, (y & pred).astype(float))
    np.add.at(out[:, 1], idx, (~y & pred).astype(float))
    np.add.at(out[:, 2], idx, (y & ~pred).astype(float))
    return out


def f1s(counts: np.ndarray) -> tuple[float, float]:
    tp, fp, fn = counts
    micro = 2 * tp.sum() / max(1e-9, 2 * tp.sum() + fp.sum() + fn.sum())
    per = np.where(2 * tp + fp + fn > 0, 2 * tp / np.maximum(1e-9, 2 * tp + fp + fn), 0.0)
    return float(micro), float(per.mean())


def bootstrap(counts: np.ndarray, n: int = 1000, seed: int = SEED) -> dict:
    """Micro/macro F1 and 95% percentile intervals from resampling articles."""
    micro, macro = f1s(counts.sum(0))
    lo, hi = stats.bootstrap(lambda picked: f1s(counts[picked].sum(0)), len(counts), n, seed)
    return {"micro_f1": round(micro, 4), "micro_ci": [round(lo[0], 4), round(hi[0], 4)],
            "macro_f1": round(macro, 4), "macro_ci": [round(lo[1], 4), round(hi[1], 4)]}


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> tuple[list[dict], float]:
    """Reliability table (equal-width bins over all labels' probabilities) and ECE."""
    rows, ece = stats.reliability(p, y, bins)
    return stats.rounded(rows), round(ece, 4)


# --------------------------------------------------------------------------- spans

def span_sets(c: Cache, texts: dict[str, str], token_probs: np.ndarray, thresholds: np.ndarray, select,
              hidden: frozenset = frozenset(), scores: list | None = None, marks: dict | None = None,
              **decode_kw) -> tuple[list, list]:
    """Decoded spans ``(doc, technique, start, end)`` for the texts in ``select``, and their texts
    (to count unusable fragments); ``scores``, if given, receives each span's score. ``marks``, a
    dict the caller keeps across calls: each text's clause marks for hysteresis
    (:func:`slant.models.span_decoding.clause_marks`, of every token), filled here once per text
    however many settings decode it."""
    from slant.models.span_decoding import clause_marks, decode

    labels = TECHNIQUE_NAMES
    enabled = [t not in hidden for t in labels]
    pred, pieces = [], []
    for i in select:
        doc = str(c.ids[i])
        text = texts[doc]
        sl = c.tokens(i)
        kw = decode_kw
        if marks is not None and decode_kw.get("extend_threshold") is not None:
            if i not in marks:
                marks[i] = clause_marks(text, c.offsets[sl])
            kw = {**decode_kw, "marks": marks[i]}
        for t, s, e, _ in decode(text, c.offsets[sl], token_probs[sl], thresholds, labels, enabled, **kw):
            pred.append((doc, t, s, e))
            pieces.append(text[s:e])
            if scores is not None:
                scores.append(_)
    return pred, pieces


def span_hits(gold: list, pred: list) -> np.ndarray:
    """Whether each predicted span overlaps a gold span of its technique in its document."""
    from collections import defaultdict

    by = defaultdict(list)
    for d, t, s, e in gold:
        by[(d, t)].append((s, e))
    return np.array([any(min(e, ge) > max(s, gs) for gs, ge in by[(d, t)]) for d, t, s, e in pred], bool)


def span_calibration(scores: np.ndarray, hits: np.ndarray, groups: np.ndarray) -> dict:
    """Platt scaling of span scores (logit of the decoded score) to the probability that a
    highlight overlaps an annotator's span of its technique: cross-fitted over ``groups`` for the
    reliability table, and fitted on all for shipping."""
    z = np.log(np.clip(scores, 1e-6, 1 - 1e-6) / (1 - np.clip(scores, 1e-6, 1 - 1e-6)))
    cal = np.zeros(len(z))
    for g in np.unique(groups):
        tr, va = groups != g, groups == g
        a, b = platt_fit(z[tr], hits[tr])
        cal[va] = sigmoid(a * z[va] + b)
    raw_rows, raw_ece = reliability(scores, hits)
    rows, ece = reliability(cal, hits)
    return {"platt": list(platt_fit(z, hits)), "raw_ece": raw_ece, "raw_reliability": raw_rows, "ece": ece,
            "reliability": rows, "spans": int(len(z)), "hits": int(hits.sum())}


def unusable_share(pieces: list[str]) -> float:
    from slant.models.span_decoding import STOP_WORDS, _WORD

    def bad(p: str) -> bool:
        return len(p.strip()) < 3 or not any(w.lower() not in STOP_WORDS and any(ch.isalnum() for ch in w)
                                             for w in _WORD.findall(p))

    return sum(bad(p) for p in pieces) / max(1, len(pieces))


def span_counts(gold: list, pred: list, docs: list[str]) -> np.ndarray:
    """(docs, 4) SemEval-2020 span-F1 sums per document: precision credit, predicted spans, recall
    credit, gold spans (:func:`slant.train.metrics.span_f1` on each document; sums over documents
    give the micro figures, so articles can be resampled)."""
    from collections import defaultdict

    from slant.train.metrics import span_f1

    g_by, p_by = defaultdict(list), defaultdict(list)
    for x in gold:
        g_by[x[0]].append(x)
    for x in pred:
        p_by[x[0]].append(x)
    out = np.zeros((len(docs), 4))
    for n, d in enumerate(docs):
        r = span_f1(g_by[d], p_by[d], TECHNIQUE_NAMES)["per_label"]
        for v in r.values():
            out[n] += [v["precision"] * v["pred"], v["pred"], v["recall"] * v["gold"], v["gold"]]
    return out


def span_scores(counts: np.ndarray) -> tuple[float, float, float]:
    """(F1, precision, recall) from summed :func:`span_counts`."""
    pn, pd, rn, rd = counts.sum(0) if counts.ndim == 2 else counts
    p = pn / pd if pd else 0.0
    r = rn / rd if rd else 0.0
    return (0.0 if p + r == 0 else 2 * p * r / (p + r)), p, r


def span_bootstrap(counts: np.ndarray, n: int = 1000, seed: int = SEED) -> dict:
    f, p, r = span_scores(counts)
    lo, hi = stats.bootstrap(lambda picked: span_scores(counts[picked]), len(counts), n, seed)
    return {"f1": round(f, 4), "f1_ci": [round(lo[0], 4), round(hi[0], 4)], "precision": round(p, 4),
            "precision_ci": [round(lo[1], 4), round(hi[1], 4)], "recall": round(r, 4),
            "recall_ci": [round(lo[2], 4), round(hi[2], 4)]}


def gold_span_shapes(texts: dict[str, str], gold_spans: dict, ids) -> list[dict]:
    """Per technique: gold spans, median characters and median share of the sentence they sit in
    (the measure :data:`slant.models.span_decoding.SENTENCE_LEVEL` is chosen from)."""
    from slant.models.span_decoding import sentence_bounds

    lens, shares = {t: [] for t in TECHNIQUE_NAMES}, {t: [] for t in TECHNIQUE_NAMES}
    for d in ids:
        text = texts[str(d)]
        for t, s, e in gold_spans[str(d)]:
            if t not in lens or e <= s:
                continue
            a, b = sentence_bounds(text, s, e)
            lens[t].append(e - s)
            shares[t].append((e - s) / max(1, b - a))
    return [{"technique": t, "spans": len(lens[t]), "median_chars": int(np.median(lens[t])) if lens[t] else 0,
             "median_sentence_share": round(float(np.median(shares[t])), 2) if shares[t] else 0.0}
            for t in TECHNIQUE_NAMES]


#: Span-decoding settings tried (chosen out of fold by :func:`span_cv`).
SPAN_GRID = {"threshold": (0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3), "gap_words": (0, 1, 2),
             "sentence_level": ("shipped", "measured", "strict", "none"),
             "extend_threshold": (None, 0.03, 0.05, 0.075, 0.1)}


def sentence_sets(shapes: list[dict]) -> dict[str, frozenset]:
    """Sentence-level technique sets from the gold shapes: median share >= 0.6 ('measured', the
    shipped rule), >= 0.9 ('strict'), or none; techniques without English spans follow the
    shipped list."""
    from slant.models.span_decoding import SENTENCE_LEVEL

    none_en = {r["technique"] for r in shapes if r["spans"] == 0}
    measured = {r["technique"] for r in shapes if r["spans"] and r["median_sentence_share"] >= 0.6}
    strict = {r["technique"] for r in shapes if r["spans"] and r["median_sentence_share"] >= 0.9}
    extra = none_en & SENTENCE_LEVEL
    return {"measured": frozenset(measured | extra), "strict": frozenset(strict | extra), "none": frozenset()}


def prune_techniques(c: Cache, texts, probs, thr, select, gold, docs, **decode_kw) -> frozenset:
    """Techniques whose spans lower span F1 on ``select`` (greedy, least precise first): left out
    of the highlights."""
    from slant.train.metrics import span_f1

    th = np.full(23, thr, np.float32)
    off: set[str] = set()
    pred, _ = span_sets(c, texts, probs, th, select, **decode_kw)
    base = span_scores(span_counts(gold, pred, docs))[0]
    per = span_f1(gold, pred, TECHNIQUE_NAMES)["per_label"]
    for t in sorted((t for t in per if per[t]["pred"]), key=lambda t: per[t]["precision"]):
        kept = [x for x in pred if x[1] not in off | {t}]
        f = span_scores(span_counts(gold, kept, docs))[0]
        if f > base:
            off.add(t)
            base = f
    return frozenset(off)


def par_char_ranges(c: Cache, i: int) -> list[tuple[int, int]]:
    off = c.offsets[c.tokens(i)]
    return [(int(off[a, 0]), int(off[b - 1, 1])) if b > a else (0, 0) for a, b in c.par_ranges[c.pars(i)]]


def paragraph_consistent(c: Cache, pred: list, par_probs: np.ndarray, floor: float) -> list:
    """Spans whose paragraph (the best one they touch) has a paragraph-head probability of at
    least ``floor`` for their technique (span-then-paragraph consistency)."""
    if floor <= 0:
        return pred
    where = {str(d): i for i, d in enumerate(c.ids)}
    cache: dict = {}
    out = []
    for d, t, s, e in pred:
        i = where[d]
        if i not in cache:
            cache[i] = (par_char_ranges(c, i), par_probs[c.pars(i)])
        ranges, probs = cache[i]
        j = TECHNIQUE_NAMES.index(t)
        best = max((float(probs[k, j]) for k, (a, b) in enumerate(ranges) if min(e, b) > max(s, a)), default=0.0)
        if best >= floor:
            out.append((d, t, s, e))
    return out


#: Paragraph-probability floors tried for span-then-paragraph consistency.
PAR_FLOORS = (0.0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2)


def near_best(scores, prefer, tol: float) -> int:
    """Index of the choice to make among ``scores``: of those within ``tol`` of the best, the one with
    the highest ``prefer`` (a higher threshold or floor, for precision), then the higher score; the
    first such on a full tie."""
    top = max(scores)
    return max((k for k in range(len(scores)) if scores[k] >= top - tol), key=lambda k: (prefer[k], scores[k]))


def choose_span_decoding(c: Cache, texts: dict[str, str], gold: list, select: list[int], sets: dict[str, frozenset],
                         grid: dict = SPAN_GRID, par_probs: np.ndarray | None = None,
                         marks: dict | None = None) -> dict:
    """Token calibration (Platt per technique) and span-decoding settings fitted on the articles in
    ``select``: the settings with the best span F1 there, ties (within 0.005) to the higher
    threshold, for precision; then, given the paragraph head's (out-of-fold, calibrated)
    probabilities ``par_probs``, the paragraph floor below which a span is dropped (best F1, ties
    within 0.002 to the higher floor). ``marks``: :func:`span_sets`' clause marks, kept by a
    caller that chooses again on other articles (each text's are computed once)."""
    import itertools

    marks = {} if marks is None else marks
    rows = np.concatenate([np.arange(c.tok_bounds[i], c.tok_bounds[i + 1]) for i in select])
    ab = platt_all(c.token_logits[rows], c.token_labels[rows])
    probs = np.zeros((len(c.states), 23), np.float32)
    probs[rows] = calibrate(c.token_logits[rows], ab)
    docs = [str(c.ids[i]) for i in select]
    keep = set(docs)
    sel_gold = [x for x in gold if x[0] in keep]
    results = []
    for thr, gap, sl, ext in itertools.product(grid["threshold"], grid["gap_words"], grid["sentence_level"],
                                               grid.get("extend_threshold", (None,))):
        if ext is not None and ext >= thr:
            continue
        pred, pieces = span_sets(c, texts, probs, np.full(23, thr, np.float32), select, gap_words=gap,
                                 sentence_level=sets[sl], extend_threshold=ext, marks=marks)
        f, p, r = span_scores(span_counts(sel_gold, pred, docs))
        results.append({"threshold": thr, "gap_words": gap, "sentence_level": sl, "extend_threshold": ext,
                        "f1": round(f, 4),
                        "precision": round(p, 4), "recall": round(r, 4), "spans": len(pred),
                        "unusable": round(unusable_share(pieces), 4)})
    best = results[near_best([r["f1"] for r in results], [r["threshold"] for r in results], 0.005)]
    floor, floors = 0.0, []
    if par_probs is not None:
        pred, _ = span_sets(c, texts, probs, np.full(23, best["threshold"], np.float32), select,
                            gap_words=best["gap_words"], sentence_level=sets[best["sentence_level"]],
                            extend_threshold=best["extend_threshold"], marks=marks)
        floors = [(span_scores(span_counts(sel_gold, paragraph_consistent(c, pred, par_probs, f), docs))[0], f)
                  for f in PAR_FLOORS]
        floor = floors[near_best([x[0] for x in floors], [x[1] for x in floors], 0.002)][1]
    return {"platt": ab, **{k: best[k] for k in ("threshold", "gap_words", "sentence_level", "extend_threshold")},
            "paragraph_floor": float(floor), "f1_in_sample": best["f1"], "grid": results,
            "floors": [{"floor": f, "f1": round(float(x), 4)} for x, f in floors]}


def oof_paragraph_probs(c: Cache, o: dict, **rule_kw) -> np.ndarray:
    """Calibrated out-of-fold paragraph probabilities for every paragraph of the cache (zeros for
    texts never scored), calibration cross-fitted over the folds as in the paragraph report."""
    pm = np.repeat(c.source == "semeval2023", c.par_counts)
    probs = np.zeros(c.par_labels.shape, np.float32)
    probs[pm], _ = cross_fitted(o["par_logits"][pm], c.par_labels[pm], np.repeat(o["fold"], c.par_counts)[pm],
                                **rule_kw)
    return probs


def span_sets_tried(c: Cache, texts: dict[str, str], gold_spans: dict) -> dict[str, frozenset]:
    """The sentence-level technique sets the span decoding chooses from (measured on every
    SemEval-2023 article's gold spans; 'shipped' is :data:`slant.models.span_decoding.SENTENCE_LEVEL`)."""
    from slant.models.span_decoding import SENTENCE_LEVEL

    arts = [str(c.ids[i]) for i in range(len(c.ids)) if c.source[i] == "semeval2023"]
    return {**sentence_sets(gold_span_shapes(texts, gold_spans, arts)), "shipped": SENTENCE_LEVEL}


def span_cv(c: Cache, texts: dict[str, str], gold_spans: dict, select: list[int], sets: dict[str, frozenset],
            k: int = 5, grid: dict = SPAN_GRID, prune: bool = False, par_probs: np.ndarray | None = None,
            log=print) -> dict:
    """Span decoding chosen and scored out of fold on the articles in ``select``.

    The articles are split into ``k`` groups; for group g the token calibration (Platt per
    technique) is fitted on the other groups' tokens and the decoding settings (shared threshold on
    calibrated probabilities, gap, sentence-level set) are those with the best span F1 on the other
    groups (ties to the higher threshold, for precision); group g is then decoded with them. The
    pooled predictions give span F1 with a 95% bootstrap interval over articles; ``per_article``
    keeps each article's :func:`span_counts` row (to weight articles, e.g. by genre).
    """
    docs = [str(c.ids[i]) for i in select]
    groups = article_groups(len(select), k)
    gold = [(d, t, s, e) for d in docs for t, s, e in gold_spans[d]]
    rows = {i: np.arange(c.tok_bounds[i], c.tok_bounds[i + 1]) for i in select}
    tok_rows = np.concatenate([rows[i] for i in select])
    start = np.concatenate([[0], np.cumsum([len(rows[i]) for i in select])])
    oof_counts = np.zeros((len(select), 4))
    oof_pieces, oof_pred, chosen, oof_probs = [], [], [], np.zeros((len(tok_rows), 23), np.float32)
    span_scores_oof: list[float] = []
    span_hits_oof: list[np.ndarray] = []
    span_groups: list[int] = []
    marks: dict = {}  # each text's clause marks, for every group's choice and decoding
    for g in range(k):
        tr = [i for i, gg in zip(select, groups) if gg != g]
        va = [n for n, gg in enumerate(groups) if gg == g]
        ch = choose_span_decoding(c, texts, gold, tr, sets, grid, par_probs, marks)
        probs = np.zeros((len(c.states), 23), np.float32)
        probs[tok_rows] = calibrate(c.token_logits[tok_rows], ch["platt"])
        thr, gap, sl, ext = ch["threshold"], ch["gap_words"], ch["sentence_level"], ch["extend_threshold"]
        off = frozenset()
        if prune:
            tr_docs = [str(c.ids[i]) for i in tr]
            off = prune_techniques(c, texts, probs, thr, tr, [x for x in gold if x[0] in set(tr_docs)], tr_docs,
                                   gap_words=gap, sentence_level=sets[sl], extend_threshold=ext, marks=marks)
        chosen.append({"group": g, "threshold": thr, "gap_words": gap, "sentence_level": sl, "extend_threshold": ext,
                       "paragraph_floor": ch["paragraph_floor"], "f1_other_groups": ch["f1_in_sample"],
                       "off": sorted(off)})
        log(f"span group {g}: chose {chosen[-1]}")
        va_sel = [select[n] for n in va]
        sc: list[float] = []
        pred, pieces = span_sets(c, texts, probs, np.full(23, thr, np.float32), va_sel, hidden=off, gap_words=gap,
                                 sentence_level=sets[sl], extend_threshold=ext, scores=sc, marks=marks)
        if par_probs is not None and ch["paragraph_floor"] > 0:
            kept = set(paragraph_consistent(c, pred, par_probs, ch["paragraph_floor"]))
            keep = [x in kept for x in pred]
            pred = [x for x, k_ in zip(pred, keep) if k_]
            pieces = [x for x, k_ in zip(pieces, keep) if k_]
            sc = [x for x, k_ in zip(sc, keep) if k_]
        oof_pieces += pieces
        oof_pred += pred
        va_docs = [docs[n] for n in va]
        va_gold = [x for x in gold if x[0] in set(va_docs)]
        oof_counts[va] = span_counts(va_gold, pred, va_docs)
        span_scores_oof += sc
        span_hits_oof.append(span_hits(va_gold, pred))
        span_groups += [g] * len(sc)
        for n in va:
            oof_probs[start[n]:start[n + 1]] = probs[rows[select[n]]]
    rel, ece = reliability(oof_probs, c.token_labels[tok_rows])
    return {"articles": len(select), "gold": len(gold), "predicted": int(oof_counts[:, 1].sum()),
            **span_bootstrap(oof_counts), "unusable": round(unusable_share(oof_pieces), 4), "chosen": chosen,
            "span_calibration": span_calibration(np.array(span_scores_oof), np.concatenate(span_hits_oof),
                                                 np.array(span_groups)),
            "token_ece": ece, "token_reliability": rel, "lengths": span_length_table(texts, gold, oof_pred),
            "per_article": {"docs": docs, "counts": oof_counts.tolist()}}


def span_length_table(texts: dict[str, str], gold: list, pred: list) -> list[dict]:
    """Per technique (and 'all'): gold and predicted spans, their one-word share and median
    characters (are the highlights phrases like the annotators', or single words?)."""
    from slant.models.span_decoding import _WORD

    def shape(spans):
        words = [len(_WORD.findall(texts[d][s:e])) for d, _, s, e in spans]
        chars = [e - s for _, _, s, e in spans]
        return {"n": len(spans), "one_word": round(float(np.mean([w <= 1 for w in words])), 3) if spans else None,
                "median_chars": float(np.median(chars)) if spans else None}

    rows = []
    for t in [*TECHNIQUE_NAMES, "all"]:
        g = [x for x in gold if t in ("all", x[1])]
        p = [x for x in pred if t in ("all", x[1])]
        if g or p:
            rows.append({"technique": t, "gold": shape(g), "predicted": shape(p)})
    return rows


# --------------------------------------------------------------------------- the whole run

def unseen_ids(data: str | Path, tokenizer) -> set[str]:
    """Articles the shipped encoder's fine-tuning never saw: its 15% validation split (seed 13)."""
    from slant.train.data import load_semeval2023, split_by_article

    examples, _ = load_semeval2023(data, tokenizer)
    return {e.id for e in split_by_article(examples, 0.15, 13)[1]}


def article_groups(n: int, k: int = 5, seed: int = SEED) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.permutation(n) % k


def paragraph_report(z: np.ndarray, y: np.ndarray, art: np.ndarray, groups: np.ndarray, **rule_kw) -> dict:
    """Cross-fitted calibrated decisions: figures with intervals, counts per technique, reliability."""
    probs, pred = cross_fitted(z, y, groups, **rule_kw)
    counts = per_article_counts(y, pred, art)
    rows, ece = reliability(probs, y)
    tp = (pred & (y > 0)).sum(0)
    per = []
    for j, t in enumerate(TECHNIQUE_NAMES):
        g, p = int(y[:, j].sum()), int(pred[:, j].sum())
        per.append({"technique": t, "gold": g, "predicted": p, "correct": int(tp[j]),
                    "f1": round(2 * int(tp[j]) / max(1, g + p), 3)})
    return {"articles": int(len(np.unique(art))), "paragraphs": int(len(y)), **bootstrap(counts),
            "predicted": int(pred.sum()), "gold": int(y.sum()), "max_label_ratio": round(float(max(
                (pred[:, j].sum() / max(1, y[:, j].sum())) for j in range(y.shape[1]))), 2),
            "ece": ece, "reliability": rows, "per_technique": per}


#: The settings the shipped heads were chosen with (out of fold; see the model card).
DEFAULTS = {"folds": 5, "context": True, "par_epochs": 20, "shipped_token_logits": True,
            "min_positives": 20, "label_ratio": 1.5, "total_ratio": 1.3}


def run_cv(data: str | Path, out: str | Path, *, extra_2021: str | Path | None = None, threads: int = 1,
           settings: dict | None = None, log=print) -> dict:
    """Cache the shipped encoder's states (once), predict every article out of fold, and report.

    Returns the report (also written to ``out/cv_report.json``); ``out/oof.npz`` keeps the
    out-of-fold logits for choosing calibration and thresholds.
    """
    import sys

    from slant.models import chunking
    from slant.models.onnx_model import DEFAULT_MODEL_DIR
    from slant.train import cv_cache

    s = {**DEFAULTS, **(settings or {})}
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    cache = out / "shipped.npz"
    if not cache.is_file():
        argv = [str(data), str(out), "--encoder", "shipped", "--threads", str(threads)]
        if extra_2021:
            argv += ["--extra-2021", str(extra_2021)]
        cv_cache.main(argv)
    t_cache = time.time() - t0
    c = load_cache(cache)
    done = out / "oof_settings.json"
    if (out / "oof.npz").is_file() and done.is_file() and json.loads(done.read_text()) == s:
        o = dict(np.load(out / "oof.npz"))  # the same settings were run before: reuse their predictions
    else:
        o = oof_predictions(c, s["folds"], threads=threads, context=s["context"], token_head=False,
                            par_epochs=s["par_epochs"], use_shipped_token_logits=s["shipped_token_logits"], log=log)
        np.savez(out / "oof.npz", fold=o["fold"], par_logits=o["par_logits"], frames_logits=o["frames_logits"])
        done.write_text(json.dumps(s))
    unseen = unseen_ids(data, chunking.load_tokenizer(DEFAULT_MODEL_DIR / "tokenizer.json"))
    (out / "unseen_ids.json").write_text(json.dumps(sorted(unseen)))
    arts = np.flatnonzero(c.source == "semeval2023")
    par_art = np.repeat(np.arange(len(c.ids)), c.par_counts)
    pm = np.repeat(c.source == "semeval2023", c.par_counts)
    z, y, a = o["par_logits"][pm], c.par_labels[pm], par_art[pm]
    rule_kw = {k: s[k] for k in ("min_positives", "label_ratio", "total_ratio")}
    report = {"settings": s, "command": "python -m slant.train.cv " + " ".join(sys.argv[1:]),
              "folds": s["folds"], "articles": int(len(arts)),
              "paragraphs_all": paragraph_report(z, y, a, np.repeat(o["fold"], c.par_counts)[pm], **rule_kw)}
    um = np.array([str(c.ids[i]) in unseen for i in a])
    ua = a[um]
    ug = article_groups(len(np.unique(ua)))[np.searchsorted(np.unique(ua), ua)]
    report["paragraphs_unseen"] = paragraph_report(z[um], y[um], ua, ug, **rule_kw)
    has = (c.frames[:, 0] >= 0) & (c.source == "semeval2023")
    fz, fy = o["frames_logits"][has], c.frames[has]
    fprobs, fpred = cross_fitted(fz, fy, o["fold"][has], **FRAMES_RULE)
    fc = per_article_counts(fy, fpred, np.arange(int(has.sum())))
    report["frames_all"] = {**bootstrap(fc), "ece": reliability(fprobs, fy)[1]}
    fu = np.array([str(c.ids[i]) in unseen for i in np.flatnonzero(has)])
    report["frames_unseen"] = bootstrap(fc[fu])
    if c.token_logits is not None:
        texts = json.loads((out / "shipped.texts.json").read_text())
        spans = json.loads((out / "shipped.spans.json").read_text())
        sel = [i for i in arts if str(c.ids[i]) in unseen]
        report["spans_unseen"] = span_cv(c, texts, spans, sel, span_sets_tried(c, texts, spans),
                                         par_probs=oof_paragraph_probs(c, o, **rule_kw), log=log)
    report["minutes"] = {"cache": round(t_cache / 60, 1), "total": round((time.time() - t0) / 60, 1)}
    (out / "cv_report.json").write_text(json.dumps(report, indent=1, default=float))
    return report


def build_model(run: str | Path, model_dir: str | Path, *, genre_dir: str | Path | None = None,
                calibrate_on: str = "unseen", threads: int = 1, log=print) -> dict:
    """Fit the shipped heads on every article (+ 2021 texts) and write heads.npz and persuasion.json;
    calibration and thresholds come from the out-of-fold predictions of :func:`run_cv`."""
    import torch

    from slant.analyze.taxonomy import FRAMES, GENRES
    from slant.models.onnx_model import DEFAULT_MODEL_DIR

    torch.set_num_threads(threads)
    run, model_dir = Path(run), Path(model_dir)
    report = json.loads((run / "cv_report.json").read_text())
    s = report["settings"]
    c = load_cache(run / "shipped.npz")
    o = dict(np.load(run / "oof.npz"))
    unseen = set(json.loads((run / "unseen_ids.json").read_text()))
    texts = json.loads((run / "shipped.texts.json").read_text())
    spans = json.loads((run / "shipped.spans.json").read_text())
    n = len(c.ids)
    pm = np.repeat(c.source == "semeval2023", c.par_counts)
    par_art = np.repeat(np.arange(n), c.par_counts)
    um = np.array([str(c.ids[i]) in unseen for i in par_art])
    cal_mask = (pm & um) if calibrate_on == "unseen" else pm
    z, y = o["par_logits"][cal_mask], c.par_labels[cal_mask]
    ab_par = platt_all(z, y)
    # Rule on all OOF articles' calibrated probabilities (more positives per label for the caps).
    rule = choose_rule(calibrate(o["par_logits"][pm], ab_par), c.par_labels[pm],
                       **{k: s[k] for k in ("min_positives", "label_ratio", "total_ratio")})
    log(f"paragraph rule: shared {rule['shared']}, left out {rule['rare']}")
    # Final heads on everything.
    feats = [text_features(c, i, s["context"], s["shipped_token_logits"]) for i in range(n)]
    w_par = train_mlp(np.concatenate(feats), c.par_labels.astype(np.float32), epochs=s["par_epochs"])
    art = np.stack([pool(c.states[c.tokens(i)]) for i in range(n)])
    has = (c.frames[:, 0] >= 0) & (c.source == "semeval2023")
    w_fr = train_mlp(art[has], c.frames[has], **FRAMES_HEAD)
    fz = o["frames_logits"][has]
    ab_fr = platt_all(fz, c.frames[has])
    fr_rule = choose_rule(calibrate(fz, ab_fr), c.frames[has], **FRAMES_RULE)
    sel = [i for i in range(n) if str(c.ids[i]) in unseen]
    sets = span_sets_tried(c, texts, spans)
    par_probs = oof_paragraph_probs(c, o, **{k: s[k] for k in ("min_positives", "label_ratio", "total_ratio")})
    tok = choose_span_decoding(c, texts, [(str(c.ids[i]), t, a, b) for i in sel for t, a, b in spans[str(c.ids[i])]],
                               sel, sets, par_probs=par_probs)
    log(f"span decoding: threshold {tok['threshold']}, gap {tok['gap_words']}, sentence-level {tok['sentence_level']}")
    arrays = {}
    for name, w in (("paragraph_techniques", w_par), ("frames", w_fr)):
        for k, v in w.items():
            arrays[f"{name}.{k}"] = v.astype(np.float32)
    specs = {
        "paragraph_techniques": {"level": "paragraph", "labels": list(TECHNIQUE_NAMES), "activation": "sigmoid",
                                 "uses_token_logits": bool(s["shipped_token_logits"]), "uses_article_context": True,
                                 "uses_neighbours": bool(s["context"])},
        "frames": {"level": "article", "labels": list(FRAMES), "activation": "sigmoid",
                   "uses_token_logits": False, "uses_article_context": False},
    }
    genre_note = None
    if genre_dir:
        g = dict(np.load(Path(genre_dir) / "genre_head.npz"))
        grep = json.loads((Path(genre_dir) / "genre_report.json").read_text())
        # slant.train.genre folds its calibration (temperature, bias per genre, prior) into the last layer
        arrays.update({f"genre.{k}": g[k] for k in ("w1", "b1", "w2", "b2")})
        specs["genre"] = {"level": "article", "labels": list(GENRES), "activation": "softmax",
                          "uses_token_logits": False, "uses_article_context": False}
        if grep.get("uses_style"):
            specs["genre"]["uses_style"] = True
        genre_note = grep
    else:
        old = np.load(DEFAULT_MODEL_DIR / "heads.npz")
        arrays.update({k: old[k] for k in old if k.startswith("genre.")})
        specs["genre"] = json.loads((DEFAULT_MODEL_DIR / "persuasion.json").read_text())["heads"]["genre"]
    model_dir.mkdir(parents=True, exist_ok=True)
    np.savez(model_dir / "heads.npz", **{k: v.astype(np.float16) for k, v in arrays.items()})
    config = json.loads((DEFAULT_MODEL_DIR / "persuasion.json").read_text())
    config["name"] = "slant.persuasion.v2"
    config["heads"] = specs
    config["thresholds"] = {"paragraph_techniques": [round(float(x), 3) for x in rule["thresholds"]],
                            "frames": [round(float(x), 3) for x in fr_rule["thresholds"]],
                            "tokens": [float(tok["threshold"])] * 23}
    config["calibration"] = {"paragraph_techniques": np.round(ab_par, 4).tolist(),
                             "frames": np.round(ab_fr, 4).tolist(),
                             "tokens": np.round(tok["platt"], 4).tolist()}
    spans_oof = span_cv(c, texts, spans, sel, sets, par_probs=par_probs, log=log)
    config["calibration"]["spans"] = [round(float(x), 4) for x in spans_oof["span_calibration"]["platt"]]
    config["span_decoding"] = {"gap_words": int(tok["gap_words"]), "sentence_level": sorted(sets[tok["sentence_level"]]),
                               "chosen_from": tok["sentence_level"], "paragraph_floor": tok["paragraph_floor"]}
    if tok["extend_threshold"] is not None:
        config["span_decoding"]["extend_threshold"] = float(tok["extend_threshold"])
    config["hidden_techniques"] = rule["rare"]
    config["genre_decision"] = "argmax when >= 0.5, else uncertain"
    if genre_note is not None:
        config["genre_calibration"] = {"recipe": genre_note["recipe"], **genre_note["calibration"]}
    (model_dir / "persuasion.json").write_text(json.dumps(config, indent=1))
    built = {"paragraph_rule": {"shared": rule["shared"], "left_out": rule["rare"]},
             "tokens": {k: v for k, v in tok.items() if k != "platt"}, "genre": genre_note,
             "spans_out_of_fold": spans_oof,
             "calibrate_on": calibrate_on}
    (run / "build_report.json").write_text(json.dumps(built, indent=1, default=float))
    return built


def render_cv_report(r: dict) -> str:
    """The cross-validated report as Markdown (the model card's tables)."""
    def fig(p: dict) -> str:
        return (f"| {p['articles']} | {p['paragraphs']} | {p['micro_f1']:.3f} [{p['micro_ci'][0]:.3f}, {p['micro_ci'][1]:.3f}] "
                f"| {p['macro_f1']:.3f} [{p['macro_ci'][0]:.3f}, {p['macro_ci'][1]:.3f}] | {p['predicted']} / {p['gold']} "
                f"| {p['max_label_ratio']} | {p['ece']} |")

    lines = ["| articles scored | paragraphs | micro F1 [95% CI] | macro F1 [95% CI] | predicted / gold labels "
             "| largest predicted/gold per technique | ECE |", "|---|---|---|---|---|---|---|"]
    pa, pu = r["paragraphs_all"], r["paragraphs_unseen"]
    lines.insert(0, "Paragraph techniques, out of fold, calibration and decision rule cross-fitted:\n")
    lines.append(fig(pa).replace("| ", "| all: ", 1))
    lines.append(fig(pu).replace("| ", "| never seen by the encoder: ", 1))
    lines += ["", f"Frames micro F1, out of fold: all {r['frames_all']['micro_f1']:.3f} "
              f"[{r['frames_all']['micro_ci'][0]:.3f}, {r['frames_all']['micro_ci'][1]:.3f}] (ECE {r['frames_all']['ece']}); "
              f"never seen by the encoder {r['frames_unseen']['micro_f1']:.3f} "
              f"[{r['frames_unseen']['micro_ci'][0]:.3f}, {r['frames_unseen']['micro_ci'][1]:.3f}]", ""]
    lines += ["| technique | gold paragraphs (all) | predicted | correct | F1 | gold (unseen) | predicted | F1 |",
              "|---|---|---|---|---|---|---|---|"]
    for a, u in zip(pa["per_technique"], pu["per_technique"]):
        lines.append(f"| {a['technique']} | {a['gold']} | {a['predicted']} | {a['correct']} | {a['f1']:.3f} "
                     f"| {u['gold']} | {u['predicted']} | {u['f1']:.3f} |")
    lines += ["", "Reliability (all out-of-fold paragraph probabilities):", "",
              "| probability | paragraph-labels | mean predicted | observed |", "|---|---|---|---|"]
    for row in pa["reliability"]:
        lines.append(f"| {row['bin']} | {row['n']} | {row['mean_p']} | {row['observed']} |")
    sp = r.get("spans_unseen")
    if sp:
        lines += ["", f"Technique spans on the {sp['articles']} articles the encoder never saw (SemEval-2020 overlap "
                  f"F1; token calibration and decoding chosen on the other groups): F1 {sp['f1']:.3f} "
                  f"[{sp['f1_ci'][0]:.3f}, {sp['f1_ci'][1]:.3f}], precision {sp['precision']:.3f} "
                  f"[{sp['precision_ci'][0]:.3f}, {sp['precision_ci'][1]:.3f}], recall {sp['recall']:.3f} "
                  f"[{sp['recall_ci'][0]:.3f}, {sp['recall_ci'][1]:.3f}]; {sp['predicted']} spans for {sp['gold']} gold; "
                  f"unusable {sp['unusable']:.1%}"]
        if sp.get("chosen"):
            lines.append("Decoding chosen per group: " + "; ".join(
                f"threshold {x['threshold']}, extend {x.get('extend_threshold')}, gap {x['gap_words']}, "
                f"{x['sentence_level']}, floor {x['paragraph_floor']}" for x in sp["chosen"]))
        if sp.get("lengths"):
            lines += ["", "| technique | gold spans | one word | median chars | predicted | one word | median chars |",
                      "|---|---|---|---|---|---|---|"]
            for x in sp["lengths"]:
                g, p = x["gold"], x["predicted"]
                lines.append(f"| {x['technique']} | {g['n']} | {g['one_word']} | {g['median_chars']} | {p['n']} "
                             f"| {p['one_word'] if p['n'] else ''} | {p['median_chars'] if p['n'] else ''} |")
    lines += ["", f"Time: {r['minutes']}; command: `{r['command']}`"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m slant.train.cv", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="the SemEval-2023 Task 3 English folder")
    ap.add_argument("out", help="run folder (encoder-state cache, out-of-fold predictions, reports)")
    ap.add_argument("--extra-2021", default=None, help="SemEval-2021 Task 6 folder (extra training texts)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--model-dir", default=None, help="also fit the shipped heads on all articles and write them here")
    ap.add_argument("--genre", default=None, help="run folder of slant.train.genre (its head and report)")
    ap.add_argument("--calibrate-on", choices=["unseen", "all"], default="unseen",
                    help="fit paragraph calibration on the articles the encoder never saw (default) or on all")
    args = ap.parse_args(argv)
    report = run_cv(args.data, args.out, extra_2021=args.extra_2021, threads=args.threads)
    print(render_cv_report(report))
    if args.model_dir:
        built = build_model(args.out, args.model_dir, genre_dir=args.genre, calibrate_on=args.calibrate_on,
                            threads=args.threads)
        print(json.dumps(built, indent=1, default=float))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
