"""Quote-layer inputs cached per PolNeAR text, to score attribution heads and their decoding fast.

    python -m slant.train.attribution_cache build --data ../shared/data/polnear/train --out /tmp/attr-train.pkl
    python -m slant.train.attribution_cache add --cache /tmp/attr-train.pkl --key oof --heads fold0.npz,fold1.npz
    python -m slant.train.attribution_cache tracker --cache /tmp/attr-train.pkl --data ../shared/data/polnear/train \
        --key oof --every 4 --offset 3 [--bias CON=0.5]

``build`` runs the shipped pipeline once (as ``attribution tracker`` does) and keeps, per text, the
Document as the quotes component receives it (cleaned, entities found) and the encoder states the
attribution head reads (beside the cache, ``OUT.states``: float32, about 1.3 GB for PolNeAR train).
``add`` tags every text with other heads from those states: with two heads, each text is read by
the head of its fold (:func:`slant.train.attribution.article_fold`), i.e. out of fold when head k
was trained with ``attribution train --hold-out-fold k``. ``tracker`` then runs only the quote layer
(seconds for 840 texts, against minutes for the pipeline), with the head's log-probabilities of a
role optionally shifted before Viterbi decoding (``--bias CON=0.5`` favours Content tags), so
decoding and assembly choices can be compared on out-of-fold statements.

The cached figures equal the full ``tracker`` run of the same texts in the same order (checked on
PolNeAR dev: 948 / 567 / 905 of 939 / 1,439 of 1,776 either way); a ``--every`` subset run by
``tracker`` batches its texts differently, which moves a few statements.
"""

from __future__ import annotations

import argparse
import copy
import json
import pickle
from pathlib import Path

import numpy as np

from slant.analyze.entity_features import ConvTagHead, viterbi
from slant.analyze.quotes.head import ATTR_TAGS, decode_attributions
from slant.train.attribution import (PolnearDoc, _pipeline_quotes, article_fold, document_quotes, read_polnear,
                                     tracker_scores)


def build(docs: list[PolnearDoc], out: str | Path) -> None:
    """Run the shipped pipeline over ``docs``; keep each text's quote-layer input and encoder states."""
    from slant.analyze.process import make_pipeline
    from slant.analyze.quotes import assemble
    from slant.settings import load_settings

    settings = load_settings()
    pipeline = make_pipeline(settings, ("slant.entities.v1", "slant.quotes.v1"))
    component = next(c for info, c in pipeline.components if info.name == "slant.quotes.v1")
    records: dict[str, tuple] = {}
    states_of: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    run = component.pipe

    def pipe(batch):
        from slant.analyze.entities import SHARED_STATES

        for d in batch:
            offsets, states = SHARED_STATES.get(d.text)
            records[d.id] = (copy.deepcopy(d), {})
            states_of[d.id] = (np.asarray(offsets).copy(), np.asarray(states, dtype=np.float32).copy())
        return run(batch)

    component.pipe = pipe
    try:
        _pipeline_quotes(docs, settings, pipeline)
    finally:
        del component.pipe  # the cached pipeline keeps its own method
    out = Path(out)
    with open(out, "wb") as f:
        pickle.dump({"names": [d.name for d in docs], "records": records, "logp": {}}, f)
    with open(str(out) + ".states", "wb") as f:
        pickle.dump(states_of, f, protocol=5)
    if component.head is not None:
        add_heads(out, "shipped", [component.head])


def add_heads(cache_path: str | Path, key: str, heads: list[ConvTagHead]) -> None:
    """Store, under ``key``, each text's log-probabilities from the head of its fold (one head: all texts)."""
    with open(cache_path, "rb") as f:
        cache = pickle.load(f)
    with open(str(cache_path) + ".states", "rb") as f:
        states_of = pickle.load(f)
    store = cache["logp"].setdefault(key, {})
    for name, (doc, _) in cache["records"].items():
        offsets, states = states_of[name]
        head = heads[article_fold(name, len(heads))]
        feats = head.features(doc.text, offsets)
        store[name] = (offsets, head.log_probs(states, feats).astype(np.float32), feats[:, 5] > 0)
    with open(cache_path, "wb") as f:
        pickle.dump(cache, f)


def tagged_statements(cache: dict, name: str, key: str, bias: dict[str, float] | None = None) -> list:
    """The statements a head (``key``) tags in one cached text, its log-probabilities of each role in
    ``bias`` ("CON", "CUE", "SRC") raised by the given amount before decoding."""
    doc, _ = cache["records"][name]
    offsets, logp, glued = cache["logp"][key][name]
    if bias:
        logp = logp.copy()
        for role, delta in bias.items():
            logp[:, [i for i, t in enumerate(ATTR_TAGS) if t.endswith("-" + role)]] += delta
    return decode_attributions(doc.text, offsets, viterbi(logp, glued, ATTR_TAGS))


def predictions(cache: dict, docs: list[PolnearDoc], key: str | None, bias: dict[str, float] | None = None,
                confidence="default") -> list:
    """The quote layer's quotes (raw-text offsets) of each text, with ``key``'s tagged statements
    (None: the rules alone), admitted by the statement-confidence model ``confidence`` (the
    package's by default; None: every statement)."""
    from slant.analyze.quotes.assemble import annotate_quotes

    from slant.analyze.quotes.head import scores_of

    out = []
    for d in docs:
        doc = copy.deepcopy(cache["records"][d.name][0])
        scores = scores_of(*cache["logp"][key][d.name][:2]) if key else None
        annotate_quotes(doc, tagged=tagged_statements(cache, d.name, key, bias) if key else None, head_scores=scores,
                        confidence=confidence)
        out.append(document_quotes(doc))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m slant.train.attribution_cache", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="run the pipeline once; cache quote-layer inputs and encoder states")
    b.add_argument("--data", required=True, help="a PolNeAR split folder")
    b.add_argument("--out", required=True)
    a = sub.add_parser("add", help="tag the cached texts with other heads (the k-th reads fold k)")
    a.add_argument("--cache", required=True)
    a.add_argument("--key", required=True)
    a.add_argument("--heads", required=True, help="comma-separated .npz heads")
    t = sub.add_parser("tracker", help="tracker scores from the cache")
    t.add_argument("--cache", required=True)
    t.add_argument("--data", required=True)
    t.add_argument("--key", default="shipped", help="the heads' key, or 'none' for the rules alone")
    t.add_argument("--every", type=int, default=1)
    t.add_argument("--offset", type=int, default=0)
    t.add_argument("--bias", default="", help="ROLE=DELTA,... added to the head's log-probabilities of the role")
    t.add_argument("--confidence", default="default",
                   help="a statement-confidence JSON file, 'default' (the package's) or 'none' (every statement)")
    args = parser.parse_args(argv)
    if args.command == "build":
        build(read_polnear(args.data), args.out)
    elif args.command == "add":
        add_heads(args.cache, args.key, [ConvTagHead.load(p, ATTR_TAGS) for p in args.heads.split(",")])
    else:
        with open(args.cache, "rb") as f:
            cache = pickle.load(f)
        docs = read_polnear(args.data)[args.offset::max(1, args.every)]
        bias = {k: float(v) for k, v in (item.split("=") for item in args.bias.split(",") if item)}
        from slant.analyze.quotes.confidence import StatementConfidence

        confidence = {"default": "default", "none": None}.get(args.confidence.lower())
        if confidence is None and args.confidence.lower() != "none":
            confidence = StatementConfidence.load(args.confidence)
        report = tracker_scores(docs, predictions(cache, docs, None if args.key == "none" else args.key, bias,
                                                  confidence))
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
