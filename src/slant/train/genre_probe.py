"""Probing what separates reporting from opinion without reading the source (session 11, issue 12).

``python -m slant.train.genre_probe DATA OUT --base-run RUN [--techniques] [--semeval-oof STATES OOF]``

The genre head's weak point is SemEval's reporting against its opinion (held-out AUC 0.77 on the pooled
encoder states and the 13 style rates of :mod:`slant.models.genre_style`). The literature on news versus
opinion (stance and evaluation markers, attribution, reported speech, imperatives, sentence-length
spread) and the persuasion heads' own technique densities are features a source cannot fake by its
layout. This module computes them for the genre texts of :mod:`slant.train.genre_data` and measures
them the way the shipped figures were made:

* **within SemEval**: reporting against opinion, logistic regression, SemEval's 5 held-out article folds
  (the folds of :func:`slant.train.genre.groups_of`), AUC of the pooled held-out scores;
* **transfer**: trained on the other corpora's reporting (PolNeAR, Reuters) against their opinion
  (Webis editorials), scored on SemEval: a feature that only tells corpora apart does not transfer;
* **a part for the ensemble**: outlet-held-out logits (the same 21 groups) of a class-balanced
  3-genre logistic regression on the features, written as ``part_<name>.npz`` in the form
  :mod:`slant.train.genre_select` reads, so the nested selection can weigh it against v2.5's parts.

``--base-run`` is a ``slant.train.genre`` run folder whose ``genre_features.npz`` holds the pooled
states (cached by text hash). ``--techniques`` runs the shipped model's paragraph head over every
text that is not SemEval (raw, uncalibrated probabilities: mean per technique and share of paragraphs
at 0.5); SemEval's articles trained that head, so theirs come from out-of-fold predictions
(``--semeval-oof``: a ``slant.train.cv_cache`` states file with ``ids``/``par_counts`` and the
out-of-fold ``par_logits`` of the same articles). The model card's "What session 11 tried" gives the
figures.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import numpy as np

from slant.models.genre_style import _QUOTED, _SENTENCE_END, _WORD  # split and count as the shipped style rates do
from slant.train import genre as G
from slant.train.data import line_spans

_CONTRACTION = re.compile(r"[a-z](?:n't|'re|'ve|'ll|'m|'d)\b")


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_ATTRIBUTION = _words("said says told tells according added adds stated announced reported asked explained noted "
                      "confirmed spokesman spokeswoman spokesperson statement interview")
_SAY_VERBS = _words("said says told added stated announced noted explained confirmed argued insisted claimed wrote "
                    "testified warned acknowledged")
_MODALS = _words("can could may might must shall should will would ought can't couldn't won't wouldn't shouldn't mustn't")
_HEDGES = _words("perhaps maybe possibly probably likely unlikely seems seem seemed appears appear apparently suggest "
                 "suggests arguably somewhat presumably")
_BOOSTERS = _words("clearly obviously surely certainly undoubtedly indeed definitely always never truly really "
                   "absolutely plainly")
_EVALUATIVE = _words("terrible great absurd ridiculous disgraceful shameful outrageous stupid pathetic wonderful "
                     "disastrous horrible awful insane crazy evil disgusting brilliant foolish dangerous hypocritical "
                     "corrupt idiotic laughable appalling despicable incompetent amazing best worst good bad wrong "
                     "right sad shocking scandalous fake lies liar radical extreme failed failure disaster hate love "
                     "beautiful ugly weak strong unfair fair dishonest honest")
_INTENSIFIERS = _words("very so really extremely absolutely totally completely utterly incredibly truly entirely "
                       "highly deeply too")
#: a sentence opening with one of these (and not "X is/was ...") reads as an imperative or exhortation
_IMPERATIVE_OPENERS = _words("let let's don't imagine consider remember think look stop make take ask read watch go get "
                             "keep tell call forget note join give vote support share see wake do never be just")
_COPULA = _words("is was are were has had")
_NEGATIONS = _words("not no never nothing nobody none neither nor can't don't won't isn't aren't wasn't weren't didn't "
                    "doesn't couldn't wouldn't shouldn't")
_THIRD_PERSON = _words("he she they him her them his their hers theirs")
_ARGUMENT = _words("however therefore thus because but yet instead rather moreover indeed hence consequently although "
                   "nevertheless so")
_ROLES = _words("president officials official spokesman spokeswoman minister police authorities government agency "
                "secretary senator governor department prosecutors lawmakers")
_PAST = _words("was were had did said told")
_PRESENT = _words("is are am has have do does says")
_FIRST_PLURAL = _words("we us our")
_HEARSAY = _words("reportedly allegedly purportedly")

#: the rates :func:`stance_rates` returns, in order
STANCE_NAMES = ("share of sentences with a quotation", "share of sentences with a say-verb or attribution at the end",
                "share of sentences opening with a quotation mark", "modals per 100 words", "hedges per 100 words",
                "boosters per 100 words", "evaluative words per 100 words (longer list)",
                "intensifiers per 100 words", "share of imperative sentences", "sentence length s.d. / 25",
                "sentence length coefficient of variation", "contractions per 100 words", "negations per 100 words",
                "-ly adverbs per 100 words", "superlatives per 100 words", "third person per 100 words",
                "argument connectives per 100 words", "official roles per 100 words", "past-tense markers per 100 words",
                "present-tense markers per 100 words", "share of sentences opening with and/but/so/or",
                "share of wh-questions", "colons and semicolons per sentence", "dashes and brackets per sentence",
                "ellipses per sentence", "second sentence attributed", "share of sentences under 8 words",
                "share of sentences opening with an exhortation word", "we/us/our per sentence",
                "reportedly/allegedly per 100 words")


def stance_rates(text: str) -> list[float]:
    """The rates of :data:`STANCE_NAMES` for one article; case, spacing and line layout do not matter
    (sentences end at ``.!?`` or a line break, as in :mod:`slant.models.genre_style`)."""
    t = text.replace("’", "'").replace("‘", "'")
    low = t.lower()
    words = _WORD.findall(low)
    n = max(len(words), 1)
    sentences = [s for s in _SENTENCE_END.split(t) if s.strip()]
    ns = max(len(sentences), 1)
    sw = [_WORD.findall(s.lower()) for s in sentences]
    lens = np.array([len(x) for x in sw] or [0], float)

    def per100(vocab: frozenset[str]) -> float:
        return 100 * sum(w in vocab for w in words) / n

    def share(pred) -> float:
        return sum(1 for s, x in zip(sentences, sw) if pred(s, x)) / ns

    return [share(lambda s, x: bool(_QUOTED.search(s)) or any(q in s for q in '"“”')),
            share(lambda s, x: not _ATTRIBUTION.isdisjoint(x[-4:]) or not _SAY_VERBS.isdisjoint(x)),
            share(lambda s, x: s.lstrip()[:1] in '"“'),
            per100(_MODALS), per100(_HEDGES), per100(_BOOSTERS), per100(_EVALUATIVE), per100(_INTENSIFIERS),
            share(lambda s, x: bool(x) and x[0] in _IMPERATIVE_OPENERS and (len(x) < 2 or x[1] not in _COPULA)),
            float(lens.std()) / 25, float(lens.std() / max(lens.mean(), 1)),
            100 * len(_CONTRACTION.findall(low)) / n, per100(_NEGATIONS),
            100 * sum(w.endswith("ly") and len(w) > 4 for w in words) / n,
            100 * sum((w.endswith("est") and len(w) > 5) or w == "most" for w in words) / n,
            per100(_THIRD_PERSON), per100(_ARGUMENT), per100(_ROLES), per100(_PAST), per100(_PRESENT),
            share(lambda s, x: bool(x) and x[0] in ("and", "but", "so", "or")),
            share(lambda s, x: bool(x) and x[0] in ("why", "how", "what", "who") and s.rstrip().endswith("?")),
            (t.count(":") + t.count(";")) / ns, (t.count("—") + t.count("–") + t.count(" - ") + t.count("(")) / ns,
            (t.count("...") + t.count("…")) / ns,
            float(bool(sw) and not _ATTRIBUTION.isdisjoint(sw[min(1, len(sw) - 1)])),
            float((lens < 8).mean()),
            share(lambda s, x: bool(x) and x[0] in _IMPERATIVE_OPENERS),
            sum(w in _FIRST_PLURAL for w in words) / ns, per100(_HEARSAY)]


def stance_features(text: str) -> np.ndarray:
    """:func:`stance_rates` and their ``log1p`` (2 x 30 values, float32)."""
    r = np.asarray(stance_rates(text), np.float32)
    return np.concatenate([r, np.log1p(np.maximum(r, 0))])


def line_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the text's non-empty lines (a paragraph per line, as the genre texts are laid out)."""
    return [(start, end) for _, start, end in line_spans(text)]


def density(probs: np.ndarray) -> np.ndarray:
    """Per technique: the mean paragraph probability and the share of paragraphs at 0.5 (2 x techniques)."""
    return np.r_[probs.mean(0), (probs > 0.5).mean(0)].astype(np.float32)


def technique_densities(texts: list[str], model_dir: Path | None = None, threads: int = 1, log=print) -> np.ndarray:
    """:func:`density` of the shipped paragraph head's raw (uncalibrated) probabilities for each text."""
    from slant.models.onnx_model import PersuasionModel

    model = PersuasionModel(model_dir, threads=threads)
    model.calibration = {}  # raw sigmoid, comparable with out-of-fold logits
    out = []
    t0 = time.time()
    for b in range(0, len(texts), 16):
        part = texts[b:b + 16]
        for p in model.predict(part, [line_paragraphs(t) for t in part]):
            out.append(density(p.heads["paragraph_techniques"]))
        if b % 320 == 0:
            log(f"techniques: {b + len(part)} of {len(texts)} texts, {time.time() - t0:.0f} s")
    return np.stack(out) if out else np.zeros((0, 46), np.float32)


def oof_densities(ids: list[str], states_npz: Path, oof_npz: Path) -> dict[str, np.ndarray]:
    """:func:`density` of out-of-fold paragraph logits, by article id (those the cache holds)."""
    with np.load(states_npz, allow_pickle=True) as d:
        cache_ids, counts = [str(k) for k in d["ids"]], d["par_counts"]
    with np.load(oof_npz) as o:
        probs = 1 / (1 + np.exp(-o["par_logits"]))
    start = np.r_[0, np.cumsum(counts)[:-1]]
    row = {k: i for i, k in enumerate(cache_ids)}
    return {a: density(probs[start[row[a]]:start[row[a]] + counts[row[a]]]) for a in ids if a in row}


def _scaled_lr(x_tr, y_tr, c):
    from sklearn.linear_model import LogisticRegression

    keep = informative(x_tr)
    mu, sd = x_tr[:, keep].mean(0), x_tr[:, keep].std(0)
    lr = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit((x_tr[:, keep] - mu) / sd, y_tr)
    return lambda x: lr.decision_function((x[:, keep] - mu) / sd)


def semeval_auc(x: np.ndarray, y: np.ndarray, sources: np.ndarray, groups: np.ndarray, c: float = 0.01) -> dict:
    """Reporting against opinion on SemEval: within (its 5 held-out folds) and transferred (trained on the
    other corpora's reporting and opinion). AUC, reporting the positive class."""
    from sklearn.metrics import roc_auc_score

    sem = np.flatnonzero(sources == "semeval")
    ro = y[sem] != 2
    score = np.zeros(len(sem))
    for g in np.unique(groups[sem]):
        tr = (groups[sem] != g) & ro
        score[groups[sem] == g] = _scaled_lr(x[sem][tr], (y[sem][tr] == 0).astype(int), c)(x[sem][groups[sem] == g])
    other = np.flatnonzero((sources != "semeval") & (y != 2))
    transfer = _scaled_lr(x[other], (y[other] == 0).astype(int), c)(x[sem])
    gold = y[sem][ro] == 0
    return {"within": round(float(roc_auc_score(gold, score[ro])), 4),
            "transfer": round(float(roc_auc_score(gold, transfer[ro])), 4)}


def informative(x: np.ndarray, least_sd: float = 0.005) -> np.ndarray:
    """Which columns of the training rows ``x`` vary: a rate that is almost always 0 there (the share of
    paragraphs at 0.5 for a technique the head hardly ever predicts) would, standardised by that tiny
    spread, give a held-out text that has it a logit in the thousands."""
    return x.std(0) >= least_sd


def held_out_part(x: np.ndarray, y: np.ndarray, groups: np.ndarray, c: float = 0.01) -> np.ndarray:
    """Outlet-held-out logits of a class-balanced 3-genre logistic regression on ``x`` (each group
    predicted by a model trained without it), as :func:`slant.train.genre.held_out_logits` does."""
    out = np.zeros((len(y), 3), np.float32)
    for g in np.unique(groups):
        tr, va = groups != g, groups == g
        keep = informative(x[tr])
        w = G._fit_lr(x[tr][:, keep], y[tr], c)
        out[va] = x[va][:, keep].astype(np.float32) @ w["w"] + w["b"]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--base-run", required=True, help="a slant.train.genre run folder (its genre_features.npz)")
    ap.add_argument("--techniques", action="store_true", help="also the paragraph head's technique densities")
    ap.add_argument("--semeval-oof", nargs=2, metavar=("STATES_NPZ", "OOF_NPZ"),
                    help="out-of-fold paragraph logits for SemEval's articles (needed with --techniques)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("-C", type=float, default=0.01, help="inverse regularisation of the logistic regressions")
    args = ap.parse_args(argv)
    if args.techniques and not args.semeval_oof:
        ap.error("--techniques needs --semeval-oof: SemEval's articles trained the paragraph head")

    from slant.models.genre_style import style_features
    from slant.train.genre_data import load_all

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    texts = load_all(Path(args.data))
    y = np.array([t.genre for t in texts])
    sources = np.array([t.source for t in texts])
    groups = G.groups_of(sources, np.array([t.site for t in texts]))
    cache = Path(args.base_run) / "genre_features.npz"
    if not cache.is_file():
        ap.error(f"{cache} is missing: give a slant.train.genre run folder that has encoded these texts")
    from slant.models.onnx_model import DEFAULT_MODEL_DIR

    pooled = G.text_features([t.text for t in texts], DEFAULT_MODEL_DIR, cache, args.threads)
    feats = {"style": np.stack([style_features(t.text) for t in texts]),
             "stance": np.stack([stance_features(t.text) for t in texts])}
    if args.techniques:
        tech_file = out / "technique_densities.npy"
        if tech_file.is_file():
            tech = np.load(tech_file)
        else:
            tech = np.zeros((len(texts), 46), np.float32)
            rest = [i for i, t in enumerate(texts) if t.source != "semeval"]
            tech[rest] = technique_densities([texts[i].text for i in rest], threads=args.threads)
            sem = [i for i, t in enumerate(texts) if t.source == "semeval"]
            oof = oof_densities([texts[i].id.removeprefix("semeval-") for i in sem], *map(Path, args.semeval_oof))
            found = [i for i in sem if texts[i].id.removeprefix("semeval-") in oof]
            for i in found:
                tech[i] = oof[texts[i].id.removeprefix("semeval-")]
            # articles the out-of-fold cache lacks get the others' mean: no information either way
            missing = sorted(set(sem) - set(found))
            tech[missing] = np.delete(tech, missing, 0).mean(0)
            np.save(tech_file, tech)
        feats["techniques"] = np.c_[tech, np.log1p(10 * tech)]
    sets = {"style": ["style"], "stance": ["stance"], "style+stance": ["style", "stance"],
            "pooled+style": ["pooled", "style"], "pooled+style+stance": ["pooled", "style", "stance"]}
    if args.techniques:
        sets.update({"techniques": ["techniques"], "stance+techniques": ["stance", "techniques"],
                     "pooled+style+techniques": ["pooled", "style", "techniques"],
                     "pooled+style+stance+techniques": ["pooled", "style", "stance", "techniques"]})
    feats["pooled"] = pooled
    rep = {"texts": len(y), "C": args.C, "semeval_reporting_vs_opinion_auc": {}, "parts": {}}
    for name, cols in sets.items():
        x = np.concatenate([feats[c] for c in cols], 1)
        rep["semeval_reporting_vs_opinion_auc"][name] = semeval_auc(x, y, sources, groups, args.C)
        print(name, rep["semeval_reporting_vs_opinion_auc"][name], flush=True)
    for name in ("stance", "stance+techniques") if args.techniques else ("stance",):
        x = np.concatenate([feats[c] for c in sets[name]], 1)
        z = held_out_part(x, y, groups, args.C)
        np.savez(out / f"part_{name}.npz", logits=z, y=y, sources=sources, groups=groups)
        pred = z.argmax(1)
        rep["parts"][name] = {s: round(float((pred[(np.char.startswith(sources.astype(str), s)) & (y == g)] == g).mean()), 4)
                              for s, g in (("polnear", 0), ("conll", 0), ("golbeck", 2), ("webis", 1))}
    rep["seconds"] = round(time.time() - t0, 1)
    (out / "genre_probe.json").write_text(json.dumps(rep, indent=1))
    print(json.dumps(rep["parts"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
