"""The user's path against the validation path: the same shipped model, two ways in.

* **user**: what ``slant analyze FOLDER -f jsonl`` wrote (cleaning on, the cleaner's paragraphs,
  its offset map back to the raw file), written out with ``--format semeval-st3`` /
  ``semeval-spans``'s own writers;
* **validation**: the model run on the raw file with one paragraph per non-empty raw line, as
  :mod:`slant.train.data` and the cross-validation caches see the articles (no cleaning); the
  genre read from the genre head's validation text (:func:`slant.train.genre_data.load_semeval`).

Both are scored with :mod:`slant.evaluate` (the official definitions) against the gold files
(techniques, spans, frames, genre), and
compared line by line: lines the cleaner removed, raw lines it joined into one paragraph, lines
whose techniques differ although they map one to one, and span offsets.

    slant analyze DATA/train-articles-subtask-3/ -c slant.persuasion.v1 -f jsonl -o user.jsonl -q
    python benchmarks/compare_paths.py DATA user.jsonl OUT

Both are in-sample for the shipped heads (they were fitted on these articles); what matters is the
difference between the two paths.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from slant.document import Document, Span
from slant.evaluate import evaluate
from slant.formats.semeval import (
    paragraph_techniques_by_line, read_st1, semeval_id, write_spans, write_st1, write_st2, write_st3,
)
from slant.train.data import line_spans


def read_raw(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def user_docs(jsonl: Path, articles: Path) -> list[Document]:
    docs = []
    with jsonl.open(encoding="utf-8") as fh:
        for line in fh:
            doc = Document.from_dict(json.loads(line))
            doc.raw = read_raw(articles / f"{doc.id}.txt")
            docs.append(doc)
    return docs


def validation_docs(articles: Path, ids: list[str], genre_texts: dict[str, str] | None = None) -> list[Document]:
    from slant.analyze.persuasion import annotate
    from slant.models.onnx_model import get_model

    model = get_model()
    docs = []
    for n, doc_id in enumerate(ids):
        raw = read_raw(articles / f"{doc_id}.txt")
        doc = Document(raw, id=doc_id, raw=raw)
        doc.set_paragraphs(Span(s, e, attrs={"raw_line": number}) for number, s, e in line_spans(raw))
        pred = model.predict([raw], [[(p.start, p.end) for p in doc.paragraphs]])[0]
        annotate(doc, pred, model)
        if genre_texts is not None and doc_id in genre_texts:
            # the genre head's validation text (slant.train.genre_data.clean_surface), not the raw file
            text = genre_texts[doc_id]
            other = Document(text, id=doc_id)
            annotate(other, model.predict([text], [[(0, len(text))]])[0], model)
            doc.labels["genre"] = other.labels["genre"]
        docs.append(doc)
        if n % 100 == 0:
            print(f"  validation path: {n}/{len(ids)}", file=sys.stderr, flush=True)
    return docs


def write(docs: list[Document], out: Path, name: str) -> tuple[Path, Path]:
    st3, spans = out / f"{name}.st3.txt", out / f"{name}.spans.txt"
    with st3.open("w", encoding="utf-8", newline="") as fh:
        write_st3(docs, fh)
    with spans.open("w", encoding="utf-8", newline="") as fh:
        write_spans(docs, fh)
    return st3, spans


def line_origin(doc: Document) -> dict[int, str]:
    """Raw line number -> 'removed' / 'joined' (one paragraph of several raw lines) / 'one' / 'none'."""
    lines = doc.raw.split("\n")
    origin = {n: "none" for n, line in enumerate(lines, start=1) if line.strip()}
    for removed in doc.removed:
        for n in range(doc.raw_line(removed.raw_start), doc.raw_line(max(removed.raw_start, removed.raw_end - 1)) + 1):
            if n in origin:
                origin[n] = "removed"
    for par in doc.paragraphs:
        a, b = doc.raw_span(par)
        first, last = doc.raw_line(a), doc.raw_line(max(a, b - 1))
        numbers = [n for n in range(first, last + 1) if n in origin]
        kind = "one" if len(numbers) == 1 else "joined"
        for n in numbers:
            origin[n] = kind
    return origin


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="the SemEval-2023 Task 3 English folder")
    ap.add_argument("user_jsonl", help="slant analyze ... -f jsonl output on DATA/train-articles-subtask-3/")
    ap.add_argument("out", help="folder for the four prediction files and report.json")
    args = ap.parse_args(argv)
    data, out = Path(args.data), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    articles = data / "train-articles-subtask-3"
    gold_st3, gold_spans = data / "train-labels-subtask-3.txt", data / "train-labels-subtask-3-spans"

    user = user_docs(Path(args.user_jsonl), articles)
    ids = [doc.id for doc in user]
    from slant.train.genre_data import load_semeval

    genre_texts = {t.id.replace("semeval-", "article", 1): t.text for t in load_semeval(data)}
    val = validation_docs(articles, ids, genre_texts)
    report: dict = {"articles": len(ids)}
    gold_genre = read_st1(data / "train-labels-subtask-1.txt")
    for name, docs in (("user", user), ("validation", val)):
        st3, spans = write(docs, out, name)
        r3 = evaluate(st3, gold_st3, "st3", only_predicted=True)
        rs = evaluate(spans, gold_spans, "spans", only_predicted=True)
        with (out / f"{name}.st2.txt").open("w", encoding="utf-8", newline="") as fh:
            write_st2([d for d in docs if semeval_id(d.id) in gold_genre], fh)  # the 433 of subtasks 1-2
        with (out / f"{name}.st1.txt").open("w", encoding="utf-8", newline="") as fh:
            write_st1([d for d in docs if semeval_id(d.id) in gold_genre], fh)
        r2 = evaluate(out / f"{name}.st2.txt", data / "train-labels-subtask-2.txt", "st2", only_predicted=True)
        r1 = evaluate(out / f"{name}.st1.txt", data / "train-labels-subtask-1.txt", "st1", only_predicted=True)
        report[name] = {"st3": {k: getattr(r3, k, None) for k in ("micro_f1", "macro_f1", "micro_precision",
                                                                  "micro_recall")},
                        "frames_micro_f1": r2.micro_f1, "genre_macro_f1": r1.macro_f1,
                        "genre_recall": {row.label: row.recall for row in r1.per_label},
                        "genre_predicted": {row.label: row.predicted for row in r1.per_label},
                        "spans": {k: getattr(rs, k, None) for k in ("micro_f1", "micro_precision", "micro_recall")},
                        "labels_predicted": sum(len(d.layers["paragraph_techniques"]) for d in docs)}

    # line by line
    from slant.formats.semeval import read_st3

    gold = read_st3(gold_st3)
    kinds: Counter = Counter()
    diff_by_kind: Counter = Counter()
    tp_by_kind: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list] = defaultdict(list)
    for u, v in zip(user, val):
        aid = semeval_id(u.id)
        ub, vb = paragraph_techniques_by_line(u), paragraph_techniques_by_line(v)
        for n, kind in line_origin(u).items():
            kinds[kind] += 1
            g = set(gold.get((aid, n), []))
            pu, pv = set(ub.get(n, [])), set(vb.get(n, []))
            tp_by_kind[kind].update({"gold": len(g), "user_pred": len(pu), "user_tp": len(pu & g),
                                     "val_pred": len(pv), "val_tp": len(pv & g)})
            if pu != pv:
                diff_by_kind[kind] += 1
                if len(examples[kind]) < 8:
                    examples[kind].append({"article": aid, "line": n, "gold": sorted(g), "user": sorted(pu),
                                           "validation": sorted(pv)})
    report["lines"] = {"by_origin": dict(kinds), "differing": dict(diff_by_kind),
                       "counts": {k: dict(v) for k, v in tp_by_kind.items()}, "examples": examples}
    (out / "report.json").write_text(json.dumps(report, indent=1, default=str))
    print(json.dumps({k: report[k] for k in ("articles", "user", "validation")}, indent=1, default=str))
    print(json.dumps({k: v for k, v in report["lines"].items() if k != "examples"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
