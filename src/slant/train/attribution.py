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

Quote-tracker scores (issue 13; ``tracker`` command), scored the way a quote tracker is used. A
prediction matches a gold Content when their shared word tokens are at least half of each
(``match_contents``'s definition, but any match counts, not one-to-one):

- **speech-attribution recall**: gold statements whose Cue holds a speech or report word
  (``SPEECH_CUES``) that some prediction matches;
- **direct-quote recall**: the same for gold statements with a quotation mark at the content's edge;
- **speaker accuracy** over matched speech attributions with a gold Source: the best-overlapping
  prediction's speaker shares a word token with the Source (or, where the Source is a relative
  pronoun, "Mr. Carson, who said …", is the name right before it: ``speaker_matches``);
- **precision**: predictions that match any gold statement.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from slant.analyze.quotes.confidence import SPEECH_CUES
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


_QUOTE_MARKS = "\"“”„«»‟"


def is_speech_attribution(text: str, gold: GoldAttribution) -> bool:
    """A gold statement whose cue holds a speech or report word ("said", "according to", "statement")."""
    return any(m.group().lower() in SPEECH_CUES for s, e in gold.cue for m in _WORD.finditer(text, s, e))


def _opening_mark(text: str, i: int) -> bool:
    """``text[i]`` opens a quotation: a double mark, ‘, or a straight ' not inside a word."""
    if not 0 <= i < len(text):
        return False
    c = text[i]
    if c in _QUOTE_MARKS or c == "‘":
        return True
    return c == "'" and not (i > 0 and text[i - 1].isalnum()) and i + 1 < len(text) and text[i + 1].isalnum()


def _closing_mark(text: str, i: int) -> bool:
    """``text[i]`` closes a quotation: a double mark, or ’ / ' with no letter after it (so not the
    apostrophe of "That’s")."""
    if not 0 <= i < len(text):
        return False
    c = text[i]
    if c in _QUOTE_MARKS:
        return True
    return c in "’'" and not (i + 1 < len(text) and text[i + 1].isalnum())


def is_direct_quote(text: str, gold: GoldAttribution) -> bool:
    """A gold statement with a quotation mark at its content's edge (just inside or just outside).

    Single marks are quotation marks too (headlines quote with them: "Trump: ‘I Will Win’"); an
    apostrophe is not one."""
    s, e = gold.content[0][0], gold.content[-1][1]
    s2, e2 = s, e
    while s2 < e and text[s2].isspace():
        s2 += 1
    while e2 > s2 and text[e2 - 1] in " \t\n.,;:!?":
        e2 -= 1
    return (_opening_mark(text, s2) or _opening_mark(text, s - 1) or _closing_mark(text, e2 - 1)
            or _closing_mark(text, e))


#: a relative pronoun that PolNeAR marks as the Source stands for the name right before it
_RELATIVE_SOURCES = {"who", "which", "that", "whom", "whose"}


def speaker_matches(text: str, source: list[tuple[int, int]], speaker) -> bool:
    """The predicted speaker mention shares a word with the gold Source; where the Source is a
    relative pronoun ("Mr. Carson, who claimed …"), the antecedent right before it (only a comma
    and spaces between) is the same speaker."""
    pred = _tokens(text, [(speaker.start, speaker.end)])
    if _tokens(text, source) & pred:
        return True
    s, e = source[0][0], source[-1][1]
    if text[s:e].strip().lower() in _RELATIVE_SOURCES and speaker.end <= s:
        return text[speaker.end:s].strip(" ,\u00a0") == ""
    return False


def tracker_matches(gold: list[set[int]], pred: list[set[int]]) -> list[tuple[int, int, int]]:
    """The tracker's matches as (gold index, prediction index, shared tokens): the two share word
    tokens that are at least half of each (``OVERLAP``)."""
    out = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            shared = len(g & p)
            if shared and shared >= OVERLAP * len(g) and shared >= OVERLAP * len(p):
                out.append((i, j, shared))
    return out


def tracker_scores(docs: list[PolnearDoc], predicted: list[list]) -> dict:
    """Speech-attribution recall, direct-quote recall, speaker accuracy on matched speech
    attributions and precision (any match at half of each span), pooled over ``docs``."""
    n = {"speech": 0, "speech_found": 0, "direct": 0, "direct_found": 0, "speaker_total": 0, "speaker_ok": 0,
         "pred": 0, "pred_matched": 0, "gold": 0}
    per_doc = []
    for pdoc, quotes in zip(docs, predicted):
        text = pdoc.text
        g_tok = [_tokens(text, g.content) for g in pdoc.attributions]
        p_tok = [_tokens(text, q.parts) for q in quotes]
        best: dict[int, tuple[int, int]] = {}  # gold index -> (shared tokens, prediction index)
        pred_hit = [False] * len(quotes)
        for i, j, shared in tracker_matches(g_tok, p_tok):
            pred_hit[j] = True
            if shared > best.get(i, (0, -1))[0]:
                best[i] = (shared, j)
        d = dict.fromkeys(n, 0)
        for i, g in enumerate(pdoc.attributions):
            d["gold"] += 1
            found = i in best
            if is_speech_attribution(text, g):
                d["speech"] += 1
                d["speech_found"] += found
                if found and g.source:
                    q = quotes[best[i][1]]
                    d["speaker_total"] += 1
                    d["speaker_ok"] += q.speaker is not None and speaker_matches(text, g.source, q.speaker)
            if is_direct_quote(text, g):
                d["direct"] += 1
                d["direct_found"] += found
        d["pred"], d["pred_matched"] = len(quotes), sum(pred_hit)
        for k in n:
            n[k] += d[k]
        per_doc.append(d)

    def ratio(a: str, b: str, rows=None) -> float:
        rows = rows or [n]
        num, den = sum(r[a] for r in rows), sum(r[b] for r in rows)
        return num / den if den else 0.0

    measures = {"speech_recall": ("speech_found", "speech"), "direct_recall": ("direct_found", "direct"),
                "speaker_accuracy": ("speaker_ok", "speaker_total"), "precision": ("pred_matched", "pred")}
    out: dict = {k: round(ratio(a, b), 4) for k, (a, b) in measures.items()}
    # 95% intervals by resampling texts (statements of one text are not independent)
    import random

    rng = random.Random(13)
    boots: dict[str, list[float]] = {k: [] for k in measures}
    for _ in range(1000):
        sample = [per_doc[rng.randrange(len(per_doc))] for _ in per_doc]
        for k, (a, b) in measures.items():
            boots[k].append(ratio(a, b, sample))
    out["interval_95"] = {k: [round(sorted(v)[25], 4), round(sorted(v)[974], 4)] for k, v in boots.items()}
    out["counts"] = n
    return out


#: cross-fitting the attribution head by article: PolNeAR train is cut in this many folds
FOLDS = 2


def article_fold(name: str, folds: int = FOLDS) -> int:
    """The fold of a PolNeAR text for cross-fitting: the first byte of the sha256 of its file name,
    modulo ``folds`` (deterministic, independent of folder order, and mixed across the
    ``--every 4 --offset k`` development subsets, which are cut by position)."""
    return hashlib.sha256(name.encode("utf-8")).digest()[0] % folds


def subset_split(split: dict, keep) -> dict:
    """The rows of a cached split (``features``' arrays) of the documents where ``keep`` is true."""
    import numpy as np

    from slant.train.heads import doc_slices

    slices = [sl for sl, k in zip(doc_slices(split["lengths"]), keep) if k]
    rows = np.concatenate([np.arange(sl.start, sl.stop) for sl in slices]) if slices else np.zeros(0, int)
    out = {k: split[k][rows] for k in ("states", "feats", "labels", "offsets")}
    out["lengths"] = np.asarray([sl.stop - sl.start for sl in slices], dtype=split["lengths"].dtype)
    out["names"] = split["names"][np.asarray(keep, dtype=bool)]
    return out


def pipeline_predictions(docs: list[PolnearDoc], settings=None,
                         components: tuple[str, ...] = ("slant.entities.v1", "slant.quotes.v1"),
                         fold_heads: list | None = None) -> list[list]:
    """Each text analysed as an article by the shipped components (as `slant analyze` runs them),
    its quotes turned back into Quote objects in the text's own offsets.

    ``fold_heads`` (one attribution head, or None for the rules alone, per fold of
    :func:`article_fold`) replaces the shipped head: each text is read by the head of its fold, i.e.
    the head trained without that fold, so statements on PolNeAR train are out of fold."""
    from slant.analyze.process import make_pipeline
    from slant.settings import load_settings

    settings = settings or load_settings()
    pipeline = make_pipeline(settings, components)
    if fold_heads is None:
        return _pipeline_quotes(docs, settings, pipeline)
    quotes_component = next(c for info, c in pipeline.components if info.name == "slant.quotes.v1")
    shipped = quotes_component.head
    out: list[list | None] = [None] * len(docs)
    try:
        for fold, head in enumerate(fold_heads):
            index = [k for k, d in enumerate(docs) if article_fold(d.name, len(fold_heads)) == fold]
            quotes_component.head = head
            for k, quotes in zip(index, _pipeline_quotes([docs[k] for k in index], settings, pipeline)):
                out[k] = quotes
    finally:
        quotes_component.head = shipped  # the pipeline is cached per process: leave it as it was
    return out


def _pipeline_quotes(docs: list[PolnearDoc], settings, pipeline) -> list[list]:
    from slant.analyze.process import process_records_batch
    from slant.ingest.record import RawRecord

    out: list[list] = []
    for k in range(0, len(docs), 16):
        batch = docs[k:k + 16]
        analysed = process_records_batch([RawRecord(id=d.name, source=d.name, raw=d.text) for d in batch],
                                         settings, pipeline)
        out.extend(document_quotes(doc) for doc in analysed)
    return out


def document_quotes(doc) -> list:
    """An analysed Document's "quotes" layer as Quote objects in the raw text's offsets."""
    from slant.analyze.quotes import Mention, Quote

    raw = doc.offsets.span_to_raw
    quotes = []
    for span in doc.layers.get("quotes", []):
        a = span.attrs
        parts = [raw(s, e) for s, e in (a.get("parts") or [[span.start, span.end]])]
        sp = a.get("speaker")
        speaker = None
        if sp:
            s, e = raw(sp["start"], sp["end"])
            speaker = Mention(s, e, sp["text"], sp.get("entity"), sp.get("canonical"), sp.get("resolved_by", ""))
        cue = raw(*a["cue"]) if a.get("cue") else None
        quotes.append(Quote(a.get("kind", span.label), parts, cue, speaker, flags=list(a.get("flags", []))))
    return quotes


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
                           hidden: int = 128, onnx: str | Path | None = None,
                           hold_out_fold: int | None = None, folds: int = FOLDS) -> dict:
    """Train the Source/Cue/Content head and report rules, head and combined scores on dev.

    With ``hold_out_fold`` the head is trained on the train texts of the other folds only
    (:func:`article_fold`), for out-of-fold statements on that fold; epochs are still chosen on dev."""
    import numpy as np

    from slant.train.heads import train_tag_head, write_head

    cache = Path(cache)

    def load(name: str) -> dict:
        with np.load(cache / f"{name}.npz") as d:
            return {k: d[k] for k in d.files}

    train, dev = load("train"), load("dev")
    if hold_out_fold is not None:
        train = subset_split(train, [article_fold(str(n), folds) != hold_out_fold for n in train["names"]])
    dev_docs = read_polnear(Path(data) / "dev")
    names = [str(n) for n in dev["names"]]
    assert names == [d.name for d in dev_docs], "cached dev features do not match the dev folder"

    def score(head) -> float:
        return evaluate_predictions(dev_docs, head_predictions(head, dev_docs, dev))["content_f1"]

    from slant.train.encoder_states import encoder_probe

    head, history = train_tag_head(train, ATTR_TAGS, score, epochs=epochs, threads=threads, dilations=dilations,
                                   hidden=hidden, extra={"encoder_probe": encoder_probe(onnx)})
    fold = {} if hold_out_fold is None else {"hold_out_fold": hold_out_fold, "folds": folds,
                                               "train_texts": int(len(train["lengths"]))}
    return write_head(out, head, {"history": history, "hidden": hidden, "dilations": list(dilations),
                                  "epochs": epochs, **fold, **score_head(head, dev_docs, dev)})


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
    t.add_argument("--hold-out-fold", type=int, help="train without the train texts of this fold (cross-fitting "
                   "by article: fold = first byte of sha256(file name) mod --folds)")
    t.add_argument("--folds", type=int, default=FOLDS)
    sc = sub.add_parser("score", help="score a trained head (rules, head, combined) on cached dev features")
    sc.add_argument("--cache", required=True)
    sc.add_argument("--data", required=True, help="the polnear folder")
    sc.add_argument("--head", required=True)
    tr = sub.add_parser("tracker", help="issue-13 quote-tracker scores of the shipped components on a PolNeAR split")
    tr.add_argument("--data", required=True, help="a PolNeAR split folder, e.g. ../shared/data/polnear/dev")
    tr.add_argument("--rules-only", action="store_true", help="score the rules alone (rule-found entities)")
    tr.add_argument("--every", type=int, default=1,
                    help="score every Nth text only (a development subset: --every 4 on train is 210 texts)")
    tr.add_argument("--offset", type=int, default=0, help="start the --every subset at this text")
    tr.add_argument("--fold-heads", help="comma-separated attribution heads, the k-th trained without fold k "
                    "(train --hold-out-fold k): each text is read by the head that did not see it")
    o = sub.add_parser("oracle", help="decode the gold tags of cached dev features: the grouping step's ceiling")
    o.add_argument("--cache", required=True)
    o.add_argument("--data", required=True, help="the polnear folder")
    args = parser.parse_args(argv)
    if args.command == "evaluate":
        print(json.dumps(evaluate_rules(args.data, args.show), indent=2))
    elif args.command == "tracker":
        docs = read_polnear(args.data)[args.offset::max(1, args.every)]
        fold_heads = None
        if args.fold_heads:
            from slant.analyze.entity_features import ConvTagHead

            fold_heads = [ConvTagHead.load(p, ATTR_TAGS) for p in args.fold_heads.split(",")]
        preds = rule_predictions(docs) if args.rules_only else pipeline_predictions(docs, fold_heads=fold_heads)
        print(json.dumps(tracker_scores(docs, preds), indent=2))
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
                                        hidden=args.hidden, onnx=args.onnx, hold_out_fold=args.hold_out_fold,
                                        folds=args.folds)
        print(json.dumps({k: v for k, v in report.items() if k != "history"}, indent=2))


if __name__ == "__main__":
    main()
