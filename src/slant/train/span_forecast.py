"""Technique spans at the team's genre mix: does the forecast predict v1's held-out figure, and which
span decoding suits mostly-reporting news (session 15, issue 12).

``python -m slant.train.span_forecast RUN [--all] [--out FILE]``

RUN is :mod:`slant.train.cv`'s run folder (``shipped.npz`` with the shipped token head's logits,
``shipped.texts.json``, ``shipped.spans.json``, ``oof.npz``, ``unseen_ids.json``). Everything is
scored on the 67 articles the encoder never saw (the token head was fine-tuned on the other 379),
SemEval-2020-style span F1 (:func:`slant.train.cv.span_counts`), at the team's genre mix (54/20/9
reporting/opinion/satire articles; :func:`slant.train.technique_forecast.span_forecast`: articles
weighted by genre, intervals from resamples within each genre).

- :func:`v1_report`: the decoding v1 shipped (commit 392e41d: runs of tokens whose *raw* sigmoid
  probability reaches one shared threshold, 0.55, grown to whole words; :func:`v1_spans`), with its
  shipped threshold (chosen on these same 67 articles, so in-sample) and with the threshold chosen the
  v1 way (best span F1 over :data:`V1_GRID`) on the other half of them (alternate articles by id, v1's
  2-fold cross-fitting). The team measured v1's spans on 98 held-out articles: F1 0.102 (P 0.118,
  R 0.089), 18% unusable fragments (:data:`TEAM_V1`). If our forecast of v1 lands near that, the same
  forecast of today's decoder is credible; if not, the gap says by how much it is optimistic.
- :func:`nested_choice`: today's decoder (:mod:`slant.models.span_decoding`; start and lower
  thresholds, joining gap, sentence-level set, paragraph-consistency floor) chosen per group of
  articles on the other groups, as :func:`slant.train.cv.span_cv` does, by span F1 pooled over those
  articles (``weights`` None, the card's figures) or weighted to the team's mix (each training
  article weighted by :func:`slant.train.genre_select.mix_weights`); the held-out group is decoded
  with its choice. Both choices read the same decodings (one per group and setting), and the two
  are compared article by article (:func:`paired_span_gain`).
- ``--all``: the same nested choice on all 446 articles, a second view with more reporting articles
  (41) but a leak: the token head was fine-tuned on 379 of them, so their token probabilities are
  in-sample and sharper than on unseen text.

Unusable fragments (under 3 characters, or stop words / punctuation only:
:func:`slant.models.span_decoding.usable`) are counted per article for both decoders, so their share
can be weighted to the mix too.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path

import numpy as np

from slant.analyze.taxonomy import GENRES, TECHNIQUE_NAMES
from slant.models.heads import expand_to_words, token_spans
from slant.models.span_decoding import usable
from slant.train import cv, stats
from slant.train.genre_forecast import TEAM_MIX
from slant.train.genre_select import mix_weights, within_genre_interval
from slant.train.technique_forecast import TEAM_MIX_NO_SATIRE, span_by_genre, span_forecast, train_mix

#: v1's shipped token threshold (persuasion.json at 392e41d: one raw sigmoid threshold for all 23)
V1_THRESHOLD = 0.55
#: the thresholds v1's training chose its token threshold from (slant.train.finalize at 392e41d)
V1_GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
#: issue 12: v1's spans on the team's 98 held-out articles
TEAM_V1 = {"f1": 0.102, "precision": 0.118, "recall": 0.089, "unusable": 0.18}


def v1_spans(text: str, offsets: np.ndarray, logits: np.ndarray, threshold: float = V1_THRESHOLD) -> list:
    """v1's span decoding (392e41d): per technique, runs of consecutive tokens whose raw sigmoid
    probability is at least ``threshold``, grown to whole words and trimmed of spaces, as
    ``Document.char_span(alignment="expand")`` made them; nothing joined, nothing dropped.
    Returns ``(technique, start, end)``."""
    probs = 1.0 / (1.0 + np.exp(-logits))
    out = []
    for t, s, e, _ in token_spans(probs, offsets, np.full(probs.shape[1], threshold, np.float32), TECHNIQUE_NAMES):
        s, e = expand_to_words(text, s, e)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((t, s, e))
    return out


def v1_decode(c: cv.Cache, texts: dict[str, str], select, threshold: float) -> list:
    """:func:`v1_spans` of the texts ``select`` (cache indices) as ``(doc, technique, start, end)``."""
    pred = []
    for i in select:
        doc, sl = str(c.ids[i]), c.tokens(i)
        pred += [(doc, *x) for x in v1_spans(texts[doc], c.offsets[sl], c.token_logits[sl], threshold)]
    return pred


def unusable_counts(texts: dict[str, str], pred: list, docs: list[str]) -> np.ndarray:
    """(docs, 2): per document, the predicted spans a reader cannot use and all predicted spans."""
    where = {d: n for n, d in enumerate(docs)}
    out = np.zeros((len(docs), 2))
    for d, _, s, e in pred:
        out[where[d]] += [not usable(texts[d], s, e), 1]
    return out


def scored(counts: np.ndarray, bad: np.ndarray, genres: np.ndarray, rounds: int) -> dict:
    """Span figures of per-article :func:`slant.train.cv.span_counts` rows: pooled (with a bootstrap
    interval over articles), per genre, and at the training, team's and team's-without-satire mixes;
    the unusable share pooled and at the team's mix (``bad``: :func:`unusable_counts`)."""
    w = mix_weights(genres, TEAM_MIX)
    return {"all": {**cv.span_bootstrap(counts, rounds), "predicted": int(counts[:, 1].sum()),
                    "gold": int(counts[:, 3].sum())},
            "by_genre": span_by_genre(counts, genres, rounds),
            "train_mix": span_forecast(counts, genres, train_mix(genres), rounds),
            "team_mix": span_forecast(counts, genres, TEAM_MIX, rounds),
            "team_mix_no_satire": span_forecast(counts, genres, TEAM_MIX_NO_SATIRE, rounds),
            "unusable": round(float(bad[:, 0].sum() / max(1, bad[:, 1].sum())), 4),
            "unusable_team_mix": round(float(w @ bad[:, 0] / max(1e-12, w @ bad[:, 1])), 4)}


def paired_span_gain(counts_a: np.ndarray, counts_b: np.ndarray, genres: np.ndarray, mix=TEAM_MIX,
                     rounds: int = 1000, seed: int = stats.SEED) -> dict:
    """Span F1 of ``counts_b`` minus ``counts_a`` (per-article rows of the same articles) at the genre
    ``mix``, with a 95% interval from the same within-genre resamples for both."""
    def gain(idx):
        w = mix_weights(genres[idx], mix)
        return cv.span_scores(w @ counts_b[idx])[0] - cv.span_scores(w @ counts_a[idx])[0]

    lo, hi = within_genre_interval(gain, genres, rounds, seed)
    return {"gain": round(float(gain(np.arange(len(genres)))), 4), "ci": [round(float(lo), 4), round(float(hi), 4)]}


def v1_report(c: cv.Cache, texts: dict, gold_spans: dict, select: list[int], genres: np.ndarray,
              rounds: int = 1000, keep: dict | None = None) -> dict:
    """v1's decoding on the articles ``select``: its shipped threshold, and the threshold of
    :data:`V1_GRID` with the best pooled span F1 on the other half (alternate articles by id).
    ``keep``, if given, receives each decoding's per-article counts (rows in ``select``'s order)."""
    keep = {} if keep is None else keep
    docs = [str(c.ids[i]) for i in select]
    gold = [(d, t, s, e) for d in docs for t, s, e in gold_spans[d]]
    out = {"team": TEAM_V1}
    pred = v1_decode(c, texts, select, V1_THRESHOLD)
    keep["v1"] = cv.span_counts(gold, pred, docs)
    out["shipped threshold 0.55 (chosen on these articles)"] = scored(
        keep["v1"], unusable_counts(texts, pred, docs), genres, rounds)
    half = np.argsort(np.argsort(docs)) % 2
    crossed, chosen = [], []
    for h in (0, 1):
        tune = [i for i, k in zip(select, half) if k != h]
        tune_docs = {str(c.ids[i]) for i in tune}
        tune_gold = [x for x in gold if x[0] in tune_docs]
        f1 = [cv.span_scores(cv.span_counts(tune_gold, v1_decode(c, texts, tune, t), sorted(tune_docs)))[0]
              for t in V1_GRID]
        thr = V1_GRID[int(np.argmax(f1))]
        chosen.append(thr)
        crossed += v1_decode(c, texts, [i for i, k in zip(select, half) if k == h], thr)
    keep["v1_crossed"] = cv.span_counts(gold, crossed, docs)
    out["threshold from the other half"] = {
        "chosen": chosen, **scored(keep["v1_crossed"], unusable_counts(texts, crossed, docs), genres, rounds)}
    return out


def shipped_report(c: cv.Cache, texts: dict, gold_spans: dict, select: list[int], par_probs: np.ndarray,
                   genres: np.ndarray, model_dir: Path, rounds: int = 1000, keep: dict | None = None) -> dict:
    """Today's decoder as it runs (``persuasion.json``: token calibration, thresholds, span decoding,
    paragraph floor, techniques left out) on the articles ``select``; its settings were chosen on these
    same articles, so in-sample like v1's 0.55. The paragraph probabilities are out of fold."""
    spec = json.loads((model_dir / "persuasion.json").read_text())
    sd = spec["span_decoding"]
    rows = np.concatenate([np.arange(c.tok_bounds[i], c.tok_bounds[i + 1]) for i in select])
    probs = np.zeros((len(c.states), len(TECHNIQUE_NAMES)), np.float32)
    probs[rows] = cv.calibrate(c.token_logits[rows], np.asarray(spec["calibration"]["tokens"]))
    pred, _ = cv.span_sets(c, texts, probs, np.asarray(spec["thresholds"]["tokens"], np.float32), select,
                           hidden=frozenset(spec.get("hidden_techniques", ())), gap_words=sd["gap_words"],
                           sentence_level=frozenset(sd["sentence_level"]), extend_threshold=sd["extend_threshold"])
    pred = cv.paragraph_consistent(c, pred, par_probs, sd["paragraph_floor"])
    docs = [str(c.ids[i]) for i in select]
    gold = [(d, t, s, e) for d in docs for t, s, e in gold_spans[d]]
    counts = cv.span_counts(gold, pred, docs)
    if keep is not None:
        keep["shipped"] = counts
    return scored(counts, unusable_counts(texts, pred, docs), genres, rounds)


# --------------------------------------------------------------------------- today's decoder, nested

def _settings(grid: dict) -> list[dict]:
    """The grid's settings in :func:`slant.train.cv.choose_span_decoding`'s order (lower threshold
    under the start threshold)."""
    return [{"threshold": thr, "gap_words": gap, "sentence_level": sl, "extend_threshold": ext}
            for thr, gap, sl, ext in itertools.product(grid["threshold"], grid["gap_words"], grid["sentence_level"],
                                                       grid.get("extend_threshold", (None,)))
            if ext is None or ext < thr]


def _weighted_f1(rows: np.ndarray, w: np.ndarray) -> float:
    return cv.span_scores(w @ rows)[0]


def _choose(counts: np.ndarray, settings: list[dict], w: np.ndarray) -> int:
    """:func:`slant.train.cv.choose_span_decoding`'s rule on per-article counts (settings, articles, 4)
    of the training articles, each weighted by ``w``: best F1 (rounded to 4 places), ties within 0.005
    to the higher threshold."""
    f1 = [round(_weighted_f1(counts[s], w), 4) for s in range(len(settings))]
    return cv.near_best(f1, [st["threshold"] for st in settings], 0.005)


def _choose_floor(floor_counts: list[np.ndarray], w: np.ndarray) -> int:
    """The paragraph floor of :data:`slant.train.cv.PAR_FLOORS` with the best weighted F1, ties within
    0.002 to the higher floor (as :func:`slant.train.cv.choose_span_decoding`)."""
    return cv.near_best([_weighted_f1(fc, w) for fc in floor_counts], cv.PAR_FLOORS, 0.002)


def nested_choice(c: cv.Cache, texts: dict, gold_spans: dict, select: list[int], sets: dict, par_probs: np.ndarray,
                  genres: np.ndarray, weightings: dict, grid: dict = cv.SPAN_GRID, k: int = 5, log=print) -> dict:
    """Span decoding chosen on the other groups and scored on each group of ``select`` (the groups of
    :func:`slant.train.cv.span_cv`), once per weighting in ``weightings`` (name -> genre mix, or None
    for every article weighing 1). Per group the token calibration is fitted on the other groups and
    every article is decoded under every setting once; each weighting picks its setting and floor
    from those decodings. Returns per weighting the per-article counts, unusable counts and choices."""
    docs = [str(c.ids[i]) for i in select]
    groups = cv.article_groups(len(select), k)
    gold = [(d, t, s, e) for d in docs for t, s, e in gold_spans[d]]
    settings = _settings(grid)
    rows = np.concatenate([np.arange(c.tok_bounds[i], c.tok_bounds[i + 1]) for i in select])
    marks: dict = {}
    out = {name: {"counts": np.zeros((len(select), 4)), "unusable": np.zeros((len(select), 2)), "chosen": []}
           for name in weightings}
    for g in range(k):
        t0 = time.time()
        tr = groups != g
        tr_rows = np.concatenate([np.arange(c.tok_bounds[i], c.tok_bounds[i + 1])
                                  for i, gg in zip(select, groups) if gg != g])
        ab = cv.platt_all(c.token_logits[tr_rows], c.token_labels[tr_rows])
        probs = np.zeros((len(c.states), len(TECHNIQUE_NAMES)), np.float32)
        probs[rows] = cv.calibrate(c.token_logits[rows], ab)
        preds, counts = [], np.zeros((len(settings), len(select), 4))
        for s, st in enumerate(settings):
            pred, _ = cv.span_sets(c, texts, probs, np.full(23, st["threshold"], np.float32), select,
                                   gap_words=st["gap_words"], sentence_level=sets[st["sentence_level"]],
                                   extend_threshold=st["extend_threshold"], marks=marks)
            preds.append(pred)
            counts[s] = cv.span_counts(gold, pred, docs)
        for name, mix in weightings.items():
            w = tr.astype(float)
            if mix is not None:  # the genres' shares among this group's training articles
                w[tr] = mix_weights(genres[tr], mix)
            s = _choose(counts, settings, w)
            floor_preds = [cv.paragraph_consistent(c, preds[s], par_probs, f) for f in cv.PAR_FLOORS]
            floor_counts = [cv.span_counts(gold, p, docs) for p in floor_preds]
            f = _choose_floor(floor_counts, w)
            va = groups == g
            out[name]["counts"][va] = floor_counts[f][va]
            out[name]["unusable"][va] = unusable_counts(texts, floor_preds[f], docs)[va]
            out[name]["chosen"].append({"group": g, **settings[s], "paragraph_floor": cv.PAR_FLOORS[f],
                                        "f1_other_groups": round(_weighted_f1(floor_counts[f], w), 4)})
        log(f"group {g}: {len(settings)} settings in {time.time() - t0:.0f} s; "
            + "; ".join(f"{n}: {out[n]['chosen'][-1]}" for n in weightings))
    return out


def nested_report(c: cv.Cache, texts: dict, gold_spans: dict, select: list[int], par_probs: np.ndarray,
                  genres: np.ndarray, grid: dict, rounds: int, log=print, keep: dict | None = None) -> dict:
    """:func:`nested_choice` pooled over articles (the card's choice) and weighted to the team's mix,
    each scored as :func:`scored`, and the gain of the team's-mix choice paired by article."""
    sets = cv.span_sets_tried(c, texts, gold_spans)
    r = nested_choice(c, texts, gold_spans, select, sets, par_probs, genres,
                      {"pooled": None, "team_mix": TEAM_MIX}, grid, log=log)
    out = {name: {"chosen": v["chosen"], **scored(v["counts"], v["unusable"], genres, rounds)}
           for name, v in r.items()}
    a, b = r["pooled"]["counts"], r["team_mix"]["counts"]
    if keep is not None:
        keep.update(pooled=a, team_mix=b)
    out["gain"] = {"team_mix": paired_span_gain(a, b, genres, TEAM_MIX, rounds),
                   "train_mix": paired_span_gain(a, b, genres, train_mix(genres), rounds),
                   "changed_articles": int((np.abs(a - b).sum(1) > 1e-9).sum())}
    return out


def report(run: Path, all_articles: bool = False, rounds: int = 1000, model_dir: Path | None = None,
           log=print) -> dict:
    t0 = time.time()
    c = cv.load_cache(run / "shipped.npz")
    texts = json.loads((run / "shipped.texts.json").read_text())
    gold_spans = json.loads((run / "shipped.spans.json").read_text())
    unseen = set(json.loads((run / "unseen_ids.json").read_text()))
    settings = {**cv.DEFAULTS, **json.loads((run / "oof_settings.json").read_text())}
    rule_kw = {k: settings[k] for k in ("min_positives", "label_ratio", "total_ratio")}
    par_probs = cv.oof_paragraph_probs(c, dict(np.load(run / "oof.npz")), **rule_kw)
    arts = [i for i in np.flatnonzero(c.source == "semeval2023")]
    sel = [i for i in arts if str(c.ids[i]) in unseen]  # in cache order, as span_cv takes them
    genre_of = np.asarray(c.genre)
    out: dict = {"run": str(run), "team_mix": list(TEAM_MIX), "articles": len(sel),
                 "genres": {g: int((genre_of[sel] == n).sum()) for n, g in enumerate(GENRES)}}
    keep: dict = {}
    out["v1"] = v1_report(c, texts, gold_spans, sel, genre_of[sel], rounds, keep)
    log(f"v1 done, {time.time() - t0:.0f} s")
    from slant.models.onnx_model import DEFAULT_MODEL_DIR

    out["shipped"] = shipped_report(c, texts, gold_spans, sel, par_probs, genre_of[sel],
                                    Path(model_dir or DEFAULT_MODEL_DIR), rounds, keep)
    out["unseen"] = nested_report(c, texts, gold_spans, sel, par_probs, genre_of[sel], cv.SPAN_GRID, rounds, log,
                                  keep)
    # today's decoder against v1's on the same articles: both choices in-sample, and both out of sample
    out["today_minus_v1"] = {
        name: {m: paired_span_gain(keep[a], keep[b], genre_of[sel], mix, rounds)
               for m, mix in (("team_mix", TEAM_MIX), ("train_mix", train_mix(genre_of[sel])))}
        for name, a, b in (("shipped settings against 0.55 (both chosen on the 67)", "v1", "shipped"),
                           ("cross-fitted against the other half's threshold", "v1_crossed", "pooled"))}
    log(f"67 unseen done, {time.time() - t0:.0f} s")
    if all_articles:
        out["all"] = nested_report(c, texts, gold_spans, arts, par_probs, genre_of[arts], cv.SPAN_GRID, rounds, log)
    v1 = out["v1"]["shipped threshold 0.55 (chosen on these articles)"]["team_mix"]["f1"]
    out["v1_gap"] = {"ours_team_mix": v1, "team": TEAM_V1["f1"], "gap": round(v1 - TEAM_V1["f1"], 4),
                     "ratio": round(TEAM_V1["f1"] / v1, 3)}
    out["minutes"] = round((time.time() - t0) / 60, 1)
    return out


def render(r: dict) -> str:
    """The report as Markdown (the model card's tables)."""
    def ci(d, k):
        return f"{d[k]:.3f} [{d[k + '_ci'][0]:.3f}, {d[k + '_ci'][1]:.3f}]"

    def row(name, d):
        rep = next((x for x in d["by_genre"] if x["genre"] == "reporting"), None)
        return (f"| {name} | {ci(d['all'], 'f1')} | {ci(d['train_mix'], 'f1')} | **{ci(d['team_mix'], 'f1')}** "
                f"| {d['team_mix']['precision']:.3f} | {d['team_mix']['recall']:.3f} "
                f"| {ci(d['team_mix_no_satire'], 'f1')} "
                f"| {rep['f1']:.3f} (P {rep['precision']:.3f}, R {rep['recall']:.3f}) "
                f"| {d['all']['predicted']} / {d['all']['gold']} | {100 * d['unusable']:.1f}% "
                f"| {100 * d['unusable_team_mix']:.1f}% |")

    head = ["| decoding | span F1 pooled [95% CI] | training mix | team's mix | P (team) | R (team) "
            "| team's mix without satire | reporting articles | spans / gold | unusable | unusable (team's mix) |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    v = r["v1"]
    lines = [f"{r['articles']} articles the encoder never saw ({r['genres']}); team's v1 figure: {v['team']}", "",
             *head, row("v1 (raw sigmoid >= 0.55, token runs), shipped threshold (in-sample)",
                        v["shipped threshold 0.55 (chosen on these articles)"]),
             row(f"v1, threshold from the other half (chose {v['threshold from the other half']['chosen']})",
                 v["threshold from the other half"])]
    notes = []
    for key, name in (("unseen", "67 unseen"), ("all", "all 446 (token head in-sample on 379)")):
        if key not in r:
            continue
        u = r[key]
        if key == "unseen" and "shipped" in r:
            lines.append(row("today's decoder as shipped (settings chosen on the 67: in-sample)", r["shipped"]))
        lines.append(row(f"today's decoder, {name}, chosen pooled (the card's)", u["pooled"]))
        lines.append(row(f"today's decoder, {name}, chosen at the team's mix", u["team_mix"]))
        g = u["gain"]
        notes += ["", f"{name}: team's-mix choice minus pooled choice, paired by article: team's mix "
                      f"{g['team_mix']['gain']:+.4f} [{g['team_mix']['ci'][0]:+.4f}, {g['team_mix']['ci'][1]:+.4f}], "
                      f"training mix {g['train_mix']['gain']:+.4f} [{g['train_mix']['ci'][0]:+.4f}, "
                      f"{g['train_mix']['ci'][1]:+.4f}]; {g['changed_articles']} articles decoded differently"]
        for w in ("pooled", "team_mix"):
            notes.append(f"- chosen {w} (start/lower threshold, gap, sentence-level set, floor): " + "; ".join(
                f"{x['threshold']}/{x['extend_threshold']} gap {x['gap_words']} {x['sentence_level']} "
                f"floor {x['paragraph_floor']}" for x in u[w]["chosen"]))
    for name, d in r.get("today_minus_v1", {}).items():
        notes.append(f"- today's decoder minus v1's, {name}: team's mix {d['team_mix']['gain']:+.4f} "
                     f"[{d['team_mix']['ci'][0]:+.4f}, {d['team_mix']['ci'][1]:+.4f}], training mix "
                     f"{d['train_mix']['gain']:+.4f} [{d['train_mix']['ci'][0]:+.4f}, {d['train_mix']['ci'][1]:+.4f}]")
    lines += notes
    gap = r["v1_gap"]
    lines += ["", f"v1 at the team's mix {gap['ours_team_mix']:.3f}, the team's {gap['team']:.3f}: our forecast is "
                  f"{gap['gap']:+.3f} high (the team's figure is {gap['ratio']:.2f} of ours)",
              f"Time: {r['minutes']} min"]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m slant.train.span_forecast", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", help="slant.train.cv's run folder")
    ap.add_argument("--all", action="store_true", help="also choose and score on all 446 articles (leak: see above)")
    ap.add_argument("--rounds", type=int, default=1000)
    ap.add_argument("--model-dir", default=None,
                    help="the shipped model's folder (persuasion.json); default the package's")
    ap.add_argument("--out", default=None, help="JSON report (default RUN/span_forecast.json)")
    args = ap.parse_args(argv)
    run = Path(args.run)
    r = report(run, args.all, args.rounds, Path(args.model_dir) if args.model_dir else None)
    Path(args.out or run / "span_forecast.json").write_text(json.dumps(r, indent=1, default=float))
    print(render(r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
