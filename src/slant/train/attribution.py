"""Evaluate quote attribution on PolNeAR (Source / Cue / Content in brat standoff).

    python -m slant.train.attribution evaluate --data ../shared/data/polnear/dev [--show 5]

Metrics (one gold attribution per PolNeAR Attribution relation; one annotator file per text):

- **content overlap-F1 at 0.5**: a predicted content matches a gold content when the word tokens
  they share are at least half of the longer of the two (symmetric, so a whole paragraph does not
  match a clause inside it); matching is one-to-one, greedy by overlap. A lenient variant (shared
  tokens at least half of the gold content) is reported beside it.
- **speaker accuracy**: over matched pairs whose gold has a Source, the share where the predicted
  speaker mention shares a word token with the gold Source span (PolNeAR marks the mention, often a
  pronoun, not the resolved entity).
- **cue accuracy**: over matched pairs, the share where the predicted cue shares a word token with
  the gold Cue.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from slant.analyze.quotes.head import ATTR_TAGS, decode_attributions
from slant.errors import InputError

_WORD = re.compile(r"\w+")
#: share of the longer content that must overlap for a match (the issue's definition)
OVERLAP = 0.5


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    cue: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class PolnearDoc:
    name: str
    text: str
    attributions: list[GoldAttribution]


def _pieces(spec: str) -> list[tuple[int, int]]:
    out = []
    for piece in spec.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return out


def read_polnear(folder: str | Path) -> list[PolnearDoc]:
    """Read ``text/NAME.txt`` + the first ``attributions/NAME_<annotator>.ann`` of each text."""
    folder = Path(folder)
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(f"{folder} has no text/ and attributions/ folders",
                         hint="pass a PolNeAR split folder such as ../shared/data/polnear/dev")
    anns: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(name, ann)
    docs = []
    for path in sorted(text_dir.glob("*.txt")):
        ann = anns.get(path.stem)
        if ann is None:
            continue
        text = path.read_text("utf-8")
        spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        relations = []
        for line in ann.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                label, _, spec = parts[1].partition(" ")
                spans[parts[0]] = (label, _pieces(spec))
            elif line.startswith("E") and len(parts) >= 2:
                relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
        attributions = []
        for rel in relations:
            content = spans.get(rel.get("Content", ""), ("", []))[1]
            if not content:
                continue
            attributions.append(GoldAttribution(
                content=content,
                cue=spans.get(rel.get("Cue", ""), ("", []))[1],
                source=spans.get(rel.get("Source", ""), ("", []))[1]))
        docs.append(PolnearDoc(path.stem, text, attributions))
    return docs


def _tokens(text: str, pieces: list[tuple[int, int]]) -> set[int]:
    """Word-token start offsets inside the pieces (a token set that spans can be compared on)."""
    out: set[int] = set()
    for s, e in pieces:
        out.update(m.start() for m in _WORD.finditer(text, s, e))
    return out


def match_contents(text: str, gold: list[list[tuple[int, int]]], pred: list[list[tuple[int, int]]],
                   lenient: bool = False) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) matches by token overlap, greedy from the largest overlap."""
    g_tok = [_tokens(text, g) for g in gold]
    p_tok = [_tokens(text, p) for p in pred]
    candidates = []
    for i, g in enumerate(g_tok):
        for j, p in enumerate(p_tok):
            shared = len(g & p)
            if not shared:
                continue
            need = OVERLAP * (len(g) if lenient else max(len(g), len(p)))
            if shared >= need:
                candidates.append((shared, i, j))
    used_g, used_p, out = set(), set(), []
    for _, i, j in sorted(candidates, reverse=True):
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def evaluate_rules(folder: str | Path, show: int = 0) -> dict:
    """Run the deterministic quote layer on every text and score it against the gold attributions.

    Scored twice: as Slant reports quotes, and with continuation quotes merged as PolNeAR does.
    """
    docs = read_polnear(folder)
    preds = rule_predictions(docs)
    report = evaluate_predictions(docs, preds, show)
    merged = evaluate_predictions(docs, [polnear_convention(p) for p in preds])
    report["polnear_convention"] = {k: merged[k] for k in ("content_precision", "content_recall", "content_f1",
                                                           "content_f1_lenient", "speaker_accuracy", "cue_accuracy")}
    return report


# -- the stacked attribution head ----------------------------------------------------------------

_ROLE = {"source": "SRC", "cue": "CUE", "content": "CON"}


def piece_labels(text: str, offsets, attributions: list[GoldAttribution]):
    """BIO label per word piece from the gold spans (a piece belongs to the span holding its start)."""
    import numpy as np

    index = {t: i for i, t in enumerate(ATTR_TAGS)}
    labels = np.zeros(len(offsets), dtype=np.int64)
    starts = offsets[:, 0]
    for att in attributions:
        for role, pieces in (("content", att.content), ("cue", att.cue), ("source", att.source)):
            for s, e in pieces:
                a = int(np.searchsorted(starts, s, side="left"))
                b = int(np.searchsorted(starts, e, side="left"))
                if b <= a:
                    continue
                labels[a] = index["B-" + _ROLE[role]]
                labels[a + 1:b] = index["I-" + _ROLE[role]]
    return labels


def build_features(data_dir: str | Path, out: str | Path, onnx: str | None = None, threads: int = 1,
                   splits: tuple[str, ...] = ("dev", "train"), limit: int | None = None) -> None:
    """Cache encoder states, case features and labels for PolNeAR splits (one ``.npz`` per split)."""
    import time

    import numpy as np

    from slant.analyze.entity_features import case_features
    from slant.models import chunking
    from slant.train.encoder_states import encode_states, minilm_dir, onnx_encoder, torch_encoder

    data_dir, out = Path(data_dir), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tokenizer = chunking.load_tokenizer(minilm_dir() / "tokenizer.json")
    encoder = onnx_encoder(onnx, threads) if onnx else torch_encoder(threads=threads)
    for split in splits:
        t0 = time.perf_counter()
        docs = read_polnear(data_dir / split)
        if limit and split == "train":
            docs = docs[::max(1, len(docs) // limit)][:limit]  # spread over publishers and months
        encodings = chunking.encode_batch(tokenizer, [d.text for d in docs])
        states = encode_states(encoder, encodings)
        feats = [case_features(d.text, enc.offsets) for d, enc in zip(docs, encodings)]
        labels = [piece_labels(d.text, enc.offsets, d.attributions) for d, enc in zip(docs, encodings)]
        np.savez(out / f"{split}.npz", states=np.concatenate(states), feats=np.concatenate(feats),
                 labels=np.concatenate(labels), lengths=np.asarray([len(e) for e in encodings]),
                 offsets=np.concatenate([e.offsets for e in encodings]),
                 names=np.asarray([d.name for d in docs]))
        print(f"{split}: {len(docs)} docs, {sum(len(e) for e in encodings)} pieces in "
              f"{time.perf_counter() - t0:.0f}s", flush=True)


def evaluate_predictions(docs: list[PolnearDoc], predicted: list[list], show: int = 0) -> dict:
    """Score predicted quotes (one list per document) against the gold attributions."""
    totals = {"gold": 0, "pred": 0, "matched": 0, "matched_lenient": 0, "speaker_total": 0,
              "speaker_ok": 0, "cue_total": 0, "cue_ok": 0}
    by_kind = {"direct": [0, 0], "indirect": [0, 0]}
    examples = []
    for pdoc, quotes in zip(docs, predicted):
        gold = [g.content for g in pdoc.attributions]
        pred = [q.parts for q in quotes]
        matches = match_contents(pdoc.text, gold, pred)
        totals["gold"] += len(gold)
        totals["pred"] += len(pred)
        totals["matched"] += len(matches)
        totals["matched_lenient"] += len(match_contents(pdoc.text, gold, pred, lenient=True))
        matched_pred = {j for _, j in matches}
        for j, q in enumerate(quotes):
            by_kind[q.kind][0] += 1
            by_kind[q.kind][1] += j in matched_pred
        for i, j in matches:
            g, q = pdoc.attributions[i], quotes[j]
            if g.source:
                totals["speaker_total"] += 1
                ok = q.speaker is not None and bool(_tokens(pdoc.text, g.source) &
                                                    _tokens(pdoc.text, [(q.speaker.start, q.speaker.end)]))
                totals["speaker_ok"] += ok
                if not ok and len(examples) < show:
                    examples.append({"doc": pdoc.name, "content": pdoc.text[q.start:q.end][:100],
                                     "gold_source": [pdoc.text[s:e] for s, e in g.source],
                                     "pred_source": q.speaker.text if q.speaker else None})
            if g.cue:
                totals["cue_total"] += 1
                totals["cue_ok"] += q.cue is not None and bool(_tokens(pdoc.text, g.cue) &
                                                               _tokens(pdoc.text, [q.cue]))
    p = totals["matched"] / totals["pred"] if totals["pred"] else 0.0
    r = totals["matched"] / totals["gold"] if totals["gold"] else 0.0
    lp = totals["matched_lenient"] / totals["pred"] if totals["pred"] else 0.0
    lr = totals["matched_lenient"] / totals["gold"] if totals["gold"] else 0.0
    return {
        "content_precision": round(p, 4), "content_recall": round(r, 4),
        "content_f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
        "content_f1_lenient": round(2 * lp * lr / (lp + lr) if lp + lr else 0.0, 4),
        "speaker_accuracy": round(totals["speaker_ok"] / max(1, totals["speaker_total"]), 4),
        "cue_accuracy": round(totals["cue_ok"] / max(1, totals["cue_total"]), 4),
        "precision_by_kind": {k: round(m / n, 4) if n else None for k, (n, m) in by_kind.items()},
        "predicted_by_kind": {k: n for k, (n, _) in by_kind.items()},
        "counts": totals,
        "speaker_errors": examples,
    }


#: PolNeAR annotates “A,” X said. “B.” as one attribution whose content runs over both quotes;
#: Slant reports two quotes (B continues A's speaker). For scoring against PolNeAR, a continuation
#: quote is merged into the quote before it when it starts within this many characters.
CONTINUATION_GAP = 200


def polnear_convention(quotes: list) -> list:
    """Merge continuation quotes into the quote before them, as PolNeAR annotates them."""
    out: list = []
    for q in sorted(quotes, key=lambda q: q.start):
        prev = out[-1] if out else None
        if (prev is not None and "speaker_from_previous_quote" in q.flags and q.kind == "direct"
                and q.start - prev.end <= CONTINUATION_GAP):
            prev.parts = sorted(prev.parts + q.parts)
            continue
        out.append(q)
    return out


def rule_predictions(docs: list[PolnearDoc], tagged: list[list] | None = None) -> list[list]:
    """The quote layer's quotes for each document: the rules, plus ``tagged`` head statements
    merged exactly as the quotes component merges them."""
    from slant.analyze.attribution_rules import split_paragraphs
    from slant.analyze.entities import annotate_entities
    from slant.analyze.quotes import extract_quotes
    from slant.document import Document, Span

    out = []
    for k, pdoc in enumerate(docs):
        doc = Document(pdoc.text, id=pdoc.name)
        doc.set_paragraphs(Span(s, e) for s, e in split_paragraphs(pdoc.text))
        annotate_entities(doc)
        out.append(extract_quotes(doc, tagged=tagged[k] if tagged is not None else None))
    return out


def head_predictions(head, docs: list[PolnearDoc], split: dict) -> list[list]:
    """The attribution head's quotes for each document of a cached split."""
    import numpy as np

    from slant.analyze.entity_features import viterbi
    from slant.train.heads import doc_slices

    out = []
    for pdoc, sl in zip(docs, doc_slices(split["lengths"])):
        lp = head.log_probs(split["states"][sl].astype(np.float32), split["feats"][sl])
        path = viterbi(lp, split["feats"][sl][:, 5] > 0, ATTR_TAGS)
        out.append(decode_attributions(pdoc.text, split["offsets"][sl], path))
    return out


def score_head(head, dev_docs: list[PolnearDoc], dev: dict) -> dict:
    """Rules, head and combined scores on the cached dev split (as Slant reports, and PolNeAR-merged)."""
    rules = rule_predictions(dev_docs)
    heads = head_predictions(head, dev_docs, dev)
    report = {"rules": evaluate_predictions(dev_docs, rules),
              "rules_polnear_convention": evaluate_predictions(dev_docs, [polnear_convention(r) for r in rules]),
              "head": evaluate_predictions(dev_docs, heads),
              "combined": evaluate_predictions(dev_docs, rule_predictions(dev_docs, heads)),
              "combined_polnear_convention": evaluate_predictions(
                  dev_docs, [polnear_convention(q) for q in rule_predictions(dev_docs, heads)])}
    for v in report.values():
        v.pop("speaker_errors", None)
    return report


def train_attribution_head(cache: str | Path, data: str | Path, out: str | Path, *, epochs: int = 10,
                           threads: int = 1, dilations: tuple[int, ...] = (1, 2, 4, 8, 16, 32),
                           hidden: int = 128, onnx: str | Path | None = None) -> dict:
    """Train the Source/Cue/Content head and report rules, head and combined scores on dev."""
    import numpy as np

    from slant.train.heads import train_tag_head, write_head

    cache = Path(cache)

    def load(name: str) -> dict:
        with np.load(cache / f"{name}.npz") as d:
            return {k: d[k] for k in d.files}

    train, dev = load("train"), load("dev")
    dev_docs = read_polnear(Path(data) / "dev")
    names = [str(n) for n in dev["names"]]
    assert names == [d.name for d in dev_docs], "cached dev features do not match the dev folder"

    def score(head) -> float:
        return evaluate_predictions(dev_docs, head_predictions(head, dev_docs, dev))["content_f1"]

    from slant.train.encoder_states import encoder_probe

    head, history = train_tag_head(train, ATTR_TAGS, score, epochs=epochs, threads=threads, dilations=dilations,
                                   hidden=hidden, extra={"encoder_probe": encoder_probe(onnx)})
    return write_head(out, head, {"history": history, "hidden": hidden, "dilations": list(dilations),
                                  "epochs": epochs, **score_head(head, dev_docs, dev)})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m slant.train.attribution", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    e = sub.add_parser("evaluate", help="score the deterministic quote layer on a PolNeAR split")
    e.add_argument("--data", required=True)
    e.add_argument("--show", type=int, default=0, help="print this many speaker errors")
    f = sub.add_parser("features", help="cache encoder states for PolNeAR dev and train")
    f.add_argument("--data", required=True, help="the polnear folder (holding dev/ and train/)")
    f.add_argument("--out", required=True)
    f.add_argument("--onnx")
    f.add_argument("--threads", type=int, default=1)
    f.add_argument("--limit", type=int, help="use at most this many training texts")
    t = sub.add_parser("train", help="train the attribution head on cached features")
    t.add_argument("--cache", required=True)
    t.add_argument("--data", required=True, help="the polnear folder")
    t.add_argument("--out", required=True)
    t.add_argument("--epochs", type=int, default=10)
    t.add_argument("--threads", type=int, default=1)
    t.add_argument("--dilations", default="1,2,4,8,16,32", help="dilation of each conv layer")
    t.add_argument("--hidden", type=int, default=128, help="channels of each conv layer")
    t.add_argument("--onnx", help="the ONNX encoder the cached features came from (default: original MiniLM)")
    sc = sub.add_parser("score", help="score a trained head (rules, head, combined) on cached dev features")
    sc.add_argument("--cache", required=True)
    sc.add_argument("--data", required=True, help="the polnear folder")
    sc.add_argument("--head", required=True)
    o = sub.add_parser("oracle", help="decode the gold tags of cached dev features: the grouping step's ceiling")
    o.add_argument("--cache", required=True)
    o.add_argument("--data", required=True, help="the polnear folder")
    args = parser.parse_args(argv)
    if args.command == "evaluate":
        print(json.dumps(evaluate_rules(args.data, args.show), indent=2))
    elif args.command == "features":
        build_features(args.data, args.out, args.onnx, args.threads, limit=args.limit)
    elif args.command == "oracle":
        import numpy as np

        from slant.train.heads import doc_slices

        with np.load(Path(args.cache) / "dev.npz") as d:
            dev = {k: d[k] for k in d.files}
        docs = read_polnear(Path(args.data) / "dev")
        preds = [decode_attributions(p.text, dev["offsets"][sl], dev["labels"][sl])
                 for p, sl in zip(docs, doc_slices(dev["lengths"]))]
        report = evaluate_predictions(docs, preds)
        report.pop("speaker_errors", None)
        print(json.dumps(report, indent=2))
    elif args.command == "score":
        import numpy as np

        from slant.analyze.entity_features import ConvTagHead

        with np.load(Path(args.cache) / "dev.npz") as d:
            dev = {k: d[k] for k in d.files}
        report = score_head(ConvTagHead.load(args.head, ATTR_TAGS), read_polnear(Path(args.data) / "dev"), dev)
        print(json.dumps(report, indent=2))
    else:
        report = train_attribution_head(args.cache, args.data, args.out, epochs=args.epochs, threads=args.threads,
                                        dilations=tuple(int(d) for d in args.dilations.split(",")),
                                        hidden=args.hidden, onnx=args.onnx)
        print(json.dumps({k: v for k, v in report.items() if k != "history"}, indent=2))


if __name__ == "__main__":
    main()
