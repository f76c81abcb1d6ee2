"""Train the entity head on CoNLL-2003, stacked on frozen encoder states.

Steps (each cached, so a re-run on another encoder only redoes what changed)::

    python -m slant.train.ner features --data ../shared/data/conll2003 --out CACHE [--onnx MODEL.onnx]
    python -m slant.train.ner train --cache CACHE --out src/slant/models/files/entities.npz

CoNLL documents (split at ``-DOCSTART-``) are rebuilt as text, one sentence per line, so the encoder
sees whole articles chunked exactly as at inference. Word-level IOB1 tags become BIO tags on word
pieces: a word's first piece takes the word's tag, later pieces continue it. Evaluation takes each
word's first-piece tag and scores exact entity spans (the CoNLL ``conlleval`` definition).
"""

from __future__ import annotations

import argparse
import bisect
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from slant.analyze.entity_features import (TAG_INDEX, TAGS, TYPES, ConvTagHead, NerHead, case_features,
                                           lexicon_features, lexicon_key, propagate_labels,
                                           tags_to_spans, viterbi)
from slant.errors import InputError
from slant.models import chunking

log = logging.getLogger(__name__)

@dataclass
class ConllDoc:
    text: str
    words: list[tuple[int, int]]  # char spans of the CoNLL tokens
    tags: list[str]  # BIO word tags


def read_conll(path: str | Path) -> list[ConllDoc]:
    """Read a CoNLL-2003 file into documents with word spans and BIO tags (from IOB1)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"CoNLL file {path} does not exist", hint="pass --data ../shared/data/conll2003")
    docs: list[ConllDoc] = []
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def flush_doc() -> None:
        if current:
            sentences.append(list(current))
            current.clear()
        if sentences:
            docs.append(_build_doc(sentences))
            sentences.clear()

    for line in path.read_text("utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush_doc()
            continue
        if not line.strip():
            if current:
                sentences.append(list(current))
                current.clear()
            continue
        parts = line.split()
        current.append((parts[0], parts[-1]))
    flush_doc()
    return docs


def _build_doc(sentences: list[list[tuple[str, str]]]) -> ConllDoc:
    pieces: list[str] = []
    words: list[tuple[int, int]] = []
    tags: list[str] = []
    pos = 0
    for sentence in sentences:
        prev = "O"
        for k, (word, iob1) in enumerate(sentence):
            if k:
                pieces.append(" ")
                pos += 1
            words.append((pos, pos + len(word)))
            pieces.append(word)
            pos += len(word)
            # IOB1 -> BIO: an I- that does not continue the same type opens an entity.
            if iob1 == "O":
                tag = "O"
            else:
                kind = iob1[2:]
                tag = f"B-{kind}" if iob1.startswith("B-") or prev[2:] != kind else f"I-{kind}"
            tags.append(tag)
            prev = tag
        pieces.append("\n")
        pos += 1
    return ConllDoc("".join(pieces), words, tags)


def piece_labels(doc: ConllDoc, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(label per word piece, index of each word's first piece or -1)."""
    starts = offsets[:, 0]
    labels = np.zeros(len(offsets), dtype=np.int64)
    first = np.full(len(doc.words), -1, dtype=np.int64)
    for w, ((s, e), tag) in enumerate(zip(doc.words, doc.tags)):
        a = int(np.searchsorted(starts, s, side="left"))
        b = int(np.searchsorted(starts, e, side="left"))
        if b <= a:
            continue
        first[w] = a
        labels[a] = TAG_INDEX[tag]
        if tag != "O":
            labels[a + 1:b] = TAG_INDEX[f"I-{tag[2:]}"]
    return labels, first


def build_features(data_dir: str | Path, out: str | Path, onnx: str | None = None,
                   threads: int = 1) -> None:
    """Compute and cache encoder states, case features and labels for eng.train and eng.testa."""
    from slant.train.encoder_states import encode_states, minilm_dir, onnx_encoder, torch_encoder

    data_dir, out = Path(data_dir), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tokenizer = chunking.load_tokenizer(minilm_dir() / "tokenizer.json")
    encoder = onnx_encoder(onnx, threads) if onnx else torch_encoder(threads=threads)
    for split in ("eng.testa", "eng.train"):
        t0 = time.perf_counter()
        docs = read_conll(data_dir / split)
        encodings = chunking.encode_batch(tokenizer, [d.text for d in docs])
        states = encode_states(encoder, encodings)
        feats, labels, firsts, lengths = [], [], [], []
        for doc, enc in zip(docs, encodings):
            feats.append(case_features(doc.text, enc.offsets))
            lab, first = piece_labels(doc, enc.offsets)
            labels.append(lab)
            firsts.append(first)
            lengths.append(len(enc))
        np.savez(out / f"{split}.npz", states=np.concatenate(states), feats=np.concatenate(feats),
                 labels=np.concatenate(labels), lengths=np.asarray(lengths),
                 firsts=np.concatenate(firsts), n_words=np.asarray([len(d.words) for d in docs]),
                 gold=np.asarray([TAG_INDEX[t] for d in docs for t in d.tags]),
                 continues=np.concatenate(feats)[:, 5])
        log.warning("%s: %d docs, %d pieces in %.0fs", split, len(docs), sum(lengths), time.perf_counter() - t0)


def _load_split(path: Path) -> dict[str, np.ndarray]:
    with np.load(path) as data:
        return {k: data[k] for k in data.files}


def _doc_slices(lengths: np.ndarray) -> list[slice]:
    from slant.train.heads import doc_slices

    return doc_slices(lengths)


def entity_f1(gold_docs: list[list[str]], pred_docs: list[list[str]]) -> dict[str, dict[str, float]]:
    """Exact-span precision/recall/F1 per type and overall (conlleval's definition)."""
    counts = {t: [0, 0, 0] for t in TYPES}  # true positives, predicted, gold
    for gold, pred in zip(gold_docs, pred_docs):
        g = {(a, b, k) for a, b, k in tags_to_spans(np.asarray([TAG_INDEX[t] for t in gold]))}
        p = {(a, b, k) for a, b, k in tags_to_spans(np.asarray([TAG_INDEX[t] for t in pred]))}
        for a, b, k in p:
            counts[k][1] += 1
            counts[k][0] += (a, b, k) in g
        for a, b, k in g:
            counts[k][2] += 1
    result = {}
    counts["overall"] = [sum(c[i] for c in counts.values()) for i in range(3)]
    for kind, (tp, n_pred, n_gold) in counts.items():
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        result[kind] = {"precision": round(p, 4), "recall": round(r, 4),
                        "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4), "support": n_gold}
    return result


def evaluate_head(head: ConvTagHead, split: dict[str, np.ndarray],
                  docs: list[ConllDoc] | None = None) -> dict[str, dict[str, float]]:
    """Decode every document with the numpy head + Viterbi and score against the word tags.

    With ``docs`` (and their token offsets) the decoding also makes names consistent within a
    document (:func:`propagate_labels`), as inference does.
    """
    gold_docs, pred_docs = [], []
    word_bounds = np.concatenate([[0], np.cumsum(split["n_words"])])
    offsets = _offsets_of(docs) if docs is not None else None
    for d, sl in enumerate(_doc_slices(split["lengths"])):
        lp = head.log_probs(split["states"][sl].astype(np.float32), split["feats"][sl])
        path = viterbi(lp, split["continues"][sl] > 0)
        if docs is not None:
            path = propagate_labels(docs[d].text, offsets[d], path)
        firsts = split["firsts"][word_bounds[d]:word_bounds[d + 1]]
        gold = split["gold"][word_bounds[d]:word_bounds[d + 1]]
        pred = [TAGS[int(path[f])] if f >= 0 else "O" for f in firsts]
        # Word-level repair: a word-level I-X after O (the first piece may differ from the word
        # before it) opens the entity, as conlleval reads it.
        gold_docs.append([TAGS[int(g)] for g in gold])
        pred_docs.append(_repair(pred))
    return entity_f1(gold_docs, pred_docs)


def pipeline_tags(docs: list[ConllDoc], settings=None, batch: int = 16) -> list[list[str]]:
    """Word BIO tags from the shipped entity component run on each CoNLL document as an article
    (read, cleaned with junk removal off, analysed), its spans mapped back to the raw text."""
    import dataclasses

    from slant.analyze.process import make_pipeline, process_records_batch
    from slant.ingest.record import RawRecord
    from slant.settings import load_settings

    settings = settings or load_settings()
    # junk removal off: no line of a CoNLL document is boilerplate, and the score is on all of them
    settings = dataclasses.replace(settings, clean=dataclasses.replace(settings.clean, junk_threshold=0.999999))
    pipeline = make_pipeline(settings, ("slant.entities.v1",))
    out: list[list[str]] = []
    for k in range(0, len(docs), batch):
        part = docs[k:k + batch]
        analysed = process_records_batch([RawRecord(id=f"d{k + i}", source="conll", raw=d.text)
                                          for i, d in enumerate(part)], settings, pipeline)
        for conll, doc in zip(part, analysed):
            tags = ["O"] * len(conll.words)
            starts = [s for s, _ in conll.words]
            for span in doc.layers.get("entities", []):
                if span.attrs.get("mention") in ("pronoun", "role"):
                    continue
                s, e = doc.offsets.span_to_raw(span.start, span.end)
                inside = [i for i in range(bisect.bisect_left(starts, s), len(starts))
                          if conll.words[i][1] <= e]
                inside = [i for i in inside if starts[i] < e]
                if not inside or any(tags[i] != "O" for i in inside):
                    continue
                tags[inside[0]] = "B-" + span.label
                for i in inside[1:]:
                    tags[i] = "I-" + span.label
            out.append(tags)
    return out


def _offsets_of(docs: list[ConllDoc]) -> list[np.ndarray]:
    tokenizer = chunking.load_tokenizer(_minilm_tokenizer())
    return [e.offsets for e in chunking.encode_batch(tokenizer, [d.text for d in docs])]


def _repair(tags: list[str]) -> list[str]:
    out = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def build_lexicon(docs: list[ConllDoc]) -> dict[str, np.ndarray]:
    """Word -> [share inside PER, ORG, LOC, MISC names, log-count/10] over ``docs``.

    Kept: words seen inside a name at least once, or at least twice anywhere (so that common
    words carry the evidence that they are rarely names).
    """
    counts: dict[str, np.ndarray] = {}
    for doc in docs:
        for (s, e), tag in zip(doc.words, doc.tags):
            key = lexicon_key(doc.text[s:e])
            if not key:
                continue
            row = counts.get(key)
            if row is None:
                row = counts[key] = np.zeros(len(TYPES) + 1, dtype=np.float64)
            row[-1] += 1
            if tag != "O":
                row[TYPES.index(tag[2:])] += 1
    lexicon = {}
    for key, row in counts.items():
        n = row[-1]
        if row[:-1].sum() == 0 and n < 2:
            continue
        lexicon[key] = np.concatenate([row[:-1] / n, [np.log1p(n) / 10]]).astype(np.float32)
    return lexicon


#: folds for the training-set lexicon features: each document's features come from a lexicon of
#: the other folds, so the head learns how far an unseen-in-training word can be trusted
LEXICON_FOLDS = 5


def _add_lexicon(split: dict[str, np.ndarray], docs: list[ConllDoc], lexicons: list[dict[str, np.ndarray]],
                 fold_of: list[int]) -> None:
    tokenizer = chunking.load_tokenizer(_minilm_tokenizer())
    encodings = chunking.encode_batch(tokenizer, [d.text for d in docs])
    lengths = [len(e) for e in encodings]
    if lengths != [int(x) for x in split["lengths"]]:
        raise InputError("cached features do not match the CoNLL file; re-run `features`")
    lex = [lexicon_features(d.text, e.offsets, lexicons[f]) for d, e, f in zip(docs, encodings, fold_of)]
    split["feats"] = np.concatenate([split["feats"], np.concatenate(lex)], axis=1)


def _minilm_tokenizer() -> Path:
    from slant.train.encoder_states import minilm_dir

    return minilm_dir() / "tokenizer.json"


def train_head(cache: str | Path, out: str | Path, *, data: str | Path | None = None,
               onnx: str | Path | None = None, epochs: int = 12,
               hidden: int = 256, kernel: int = 3, lr: float = 2e-3, threads: int = 1,
               dilations: tuple[int, ...] = (1, 1)) -> dict:
    """Train the conv head on cached features and save it as ``.npz`` (+ ``.json`` report).

    With ``data`` (the CoNLL folder) the head also reads a word lexicon built from eng.train,
    stored inside the ``.npz``; training documents see out-of-fold lexicons.
    """
    from slant.train.heads import train_tag_head, write_head

    cache = Path(cache)
    train = _load_split(cache / "eng.train.npz")
    dev = _load_split(cache / "eng.testa.npz")
    from slant.train.encoder_states import encoder_probe

    # The encoder the cached states came from (``onnx``, else the original MiniLM weights).
    extra: dict[str, np.ndarray] = {"encoder_probe": encoder_probe(onnx)}
    if data is not None:
        train_docs = read_conll(Path(data) / "eng.train")
        dev_docs = read_conll(Path(data) / "eng.testa")
        folds = [k % LEXICON_FOLDS for k in range(len(train_docs))]
        fold_lexicons = [build_lexicon([d for d, f in zip(train_docs, folds) if f != k])
                         for k in range(LEXICON_FOLDS)]
        full = build_lexicon(train_docs)
        _add_lexicon(train, train_docs, fold_lexicons, folds)
        _add_lexicon(dev, dev_docs, [full], [0] * len(dev_docs))
        words = sorted(full)
        extra.update(lex_words=np.asarray(words), lex_values=np.stack([full[w] for w in words]))
    t0 = time.perf_counter()
    head, history = train_tag_head(train, TAGS, lambda h: evaluate_head(h, dev)["overall"]["f1"],
                                   epochs=epochs, hidden=hidden, kernel=kernel, lr=lr, threads=threads,
                                   extra=extra, dilations=dilations)
    metrics = evaluate_head(head, dev)
    return write_head(out, head, {
        "dev": metrics, "history": history, "hidden": hidden, "kernel": kernel, "epochs": epochs, "lr": lr,
        "dilations": list(dilations), "lexicon_words": len(extra.get("lex_words", ())),
        "seconds": round(time.perf_counter() - t0, 1)})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m slant.train.ner", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("features", help="cache encoder states + case features for CoNLL-2003")
    f.add_argument("--data", required=True)
    f.add_argument("--out", required=True)
    f.add_argument("--onnx", help="the shipped encoder's ONNX file (default: original MiniLM via torch)")
    f.add_argument("--threads", type=int, default=1)
    t = sub.add_parser("train", help="train the head on cached features")
    t.add_argument("--cache", required=True)
    t.add_argument("--out", required=True)
    t.add_argument("--epochs", type=int, default=12)
    t.add_argument("--data", help="the CoNLL folder: adds the training-word lexicon to the head")
    t.add_argument("--dilations", default="1,1", help="dilation of each conv layer, e.g. 1,2,4")
    t.add_argument("--onnx", help="the ONNX encoder the cached features came from (default: original MiniLM)")
    t.add_argument("--hidden", type=int, default=256)
    t.add_argument("--kernel", type=int, default=3)
    t.add_argument("--threads", type=int, default=1)
    e = sub.add_parser("evaluate", help="score a saved head on cached eng.testa features")
    e.add_argument("--cache", required=True)
    e.add_argument("--head", required=True)
    e.add_argument("--data", help="the CoNLL folder: adds lexicon features and in-document propagation")
    pl = sub.add_parser("pipeline", help="score the entity component on CoNLL documents analysed as articles")
    pl.add_argument("--data", required=True, help="the CoNLL folder")
    pl.add_argument("--split", default="eng.testa")
    args = parser.parse_args(argv)
    if args.command == "pipeline":
        docs = read_conll(Path(args.data) / args.split)
        print(json.dumps(entity_f1([d.tags for d in docs], pipeline_tags(docs)), indent=2))
    elif args.command == "features":
        build_features(args.data, args.out, args.onnx, args.threads)
    elif args.command == "train":
        report = train_head(args.cache, args.out, data=args.data, onnx=args.onnx, epochs=args.epochs, hidden=args.hidden,
                            kernel=args.kernel, threads=args.threads,
                            dilations=tuple(int(d) for d in args.dilations.split(",")))
        print(json.dumps(report["dev"], indent=2))
    else:
        head = NerHead.load(args.head)
        dev = _load_split(Path(args.cache) / "eng.testa.npz")
        docs = None
        if args.data:
            docs = read_conll(Path(args.data) / "eng.testa")
            if "lex_words" in head.weights:
                _add_lexicon(dev, docs, [head.lexicon], [0] * len(docs))
        report = {"viterbi": evaluate_head(head, dev)}
        if docs is not None:
            report["viterbi+propagation"] = evaluate_head(head, dev, docs)
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
