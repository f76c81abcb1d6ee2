"""The user's path against the validation path: the same shipped model, two ways in.

* **user**: what ``slant analyze FOLDER -f jsonl`` wrote (cleaning on, the cleaner's paragraphs,
  its offset map back to the raw file), written out with ``--format semeval-st3`` /
  ``semeval-spans``'s own writers;
* **validation**: the model run on the raw file with one paragraph per non-empty raw line, as
  :mod:`slant.train.data` and the cross-validation caches see the articles (no cleaning).

Both are scored with :mod:`slant.evaluate` (the official definitions) against the gold files, and
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
from slant.formats.semeval import paragraph_techniques_by_line, semeval_id, write_spans, write_st3


def read_raw(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def line_spans(text: str) -> list[tuple[int, int, int]]:
    out, pos = [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            out.append((number, pos, pos + len(line)))
        pos += len(line) + 1
    return out


def user_docs(jsonl: Path, articles: Path) -> list[Document]:
    docs = []
    with jsonl.open(encoding="utf-8") as fh:
        for line in fh:
            doc = Document.from_dict(json.loads(line))
            doc.raw = read_raw(articles / f"{doc.id}.txt")
            docs.append(doc)
    return docs


def validation_docs(articles: Path, ids: list[str]) -> list[Document]:
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
    val = validation_docs(articles, ids)
    report: dict = {"articles": len(ids)}
    for name, docs in (("user", user), ("validation", val)):
        st3, spans = write(docs, out, name)
        r3 = evaluate(st3, gold_st3, "st3", only_predicted=True)
        rs = evaluate(spans, gold_spans, "spans", only_predicted=True)
        report[name] = {"st3": {k: getattr(r3, k, None) for k in ("micro_f1", "macro_f1", "micro_precision",
                                                                  "micro_recall")},
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
