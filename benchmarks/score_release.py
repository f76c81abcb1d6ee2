"""Score another checkout's code (an earlier release) with today's measures.

    git worktree add --detach /tmp/r66 66733db
    python benchmarks/score_release.py junk --src /tmp/r66/src SET.json [SET.json ...] [--layout rounds]
    python benchmarks/score_release.py quotes --src /tmp/r66/src --data ../shared/data/polnear/dev
    python benchmarks/score_release.py quotes --src /tmp/r66/src --data ../shared/data/polnear/train --every 4 --offset 3

Why: the team measures each release on held-out data we do not have. Scoring the release they
measured with our own sets tells how our figures relate to theirs (docs/cleaning.md and
docs/quotes-and-entities.md, "How our figures relate to the team's"). An older tree lacks today's
scoring code, so the work is split: this process (today's code) lays the junk sets out and reads
PolNeAR; a child Python process with only ``--src`` on its path runs that tree's ``clean_record``
or its ``slant.entities.v1`` + ``slant.quotes.v1`` pipeline on the raw texts; this process scores
what comes back (``eval_junk_heldout``'s decisions, ``slant.train.attribution.tracker_scores``).
``--src`` may be today's ``src`` too, which gives the same figures as those scripts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

#: run by the child process: only names that releases since the first store have had
_CLEAN_CHILD = """
import json, sys
from slant.clean import clean_record
from slant.ingest.record import RawRecord
jobs = json.load(open(sys.argv[1], encoding="utf-8"))
out = []
for doc_id, raw in jobs:
    doc = clean_record(RawRecord(id=doc_id, source=doc_id, raw=raw))
    out.append([r.text for r in doc.removed])
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
"""

_QUOTES_CHILD = """
import json, sys
from slant.analyze.process import make_pipeline, process_records_batch
from slant.ingest.record import RawRecord
from slant.settings import load_settings
jobs = json.load(open(sys.argv[1], encoding="utf-8"))
settings = load_settings()
pipeline = make_pipeline(settings, ("slant.entities.v1", "slant.quotes.v1"))
out = []
for k in range(0, len(jobs), 16):
    batch = [RawRecord(id=name, source=name, raw=text) for name, text in jobs[k:k + 16]]
    for doc in process_records_batch(batch, settings, pipeline):
        raw = doc.offsets.span_to_raw
        quotes = []
        for span in doc.layers.get("quotes", []):
            a = span.attrs
            parts = [list(raw(s, e)) for s, e in (a.get("parts") or [[span.start, span.end]])]
            sp = a.get("speaker")
            speaker = None
            if sp:
                s, e = raw(sp["start"], sp["end"])
                speaker = [s, e, sp["text"], sp.get("entity"), sp.get("canonical"), sp.get("resolved_by", "")]
            cue = list(raw(*a["cue"])) if a.get("cue") else None
            quotes.append([a.get("kind", span.label), parts, cue, speaker, list(a.get("flags", []))])
        out.append(quotes)
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
"""


def run_child(code: str, src: str, jobs: list) -> list:
    """Run ``code`` with only ``src`` (an older tree's ``src``) importable as ``slant``."""
    if not (Path(src) / "slant" / "__init__.py").is_file():
        raise SystemExit(f"--src {src}: no slant package there; give a checkout's src folder "
                         "(git worktree add --detach /tmp/rNN REV; then --src /tmp/rNN/src)")
    with tempfile.TemporaryDirectory() as tmp:
        job_path, out_path = Path(tmp) / "jobs.json", Path(tmp) / "out.json"
        job_path.write_text(json.dumps(jobs), "utf-8")
        env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
        done = subprocess.run([sys.executable, "-c", code, str(job_path), str(out_path)], env=env, cwd=tmp)
        if done.returncode != 0:
            raise SystemExit(f"the code at --src {src} failed (exit {done.returncode}; its error is printed above): "
                             "that tree may predate what this script calls (clean_record, or make_pipeline with "
                             "slant.entities.v1 and slant.quotes.v1)")
        return json.loads(out_path.read_text("utf-8"))


def score_junk(data: dict, layout: str, src: str) -> dict:
    """Junk removed and content kept of one set, cleaned by ``src``'s code (decisions as in
    ``eval_junk_heldout.evaluate``: a line is removed when the cleaner lists its exact text)."""
    from eval_junk_heldout import TITLE, build_articles, written_articles

    if layout == "written":
        laid_out = written_articles(data)
    else:
        laid_out = [(TITLE, lines, doc_id) for lines, doc_id in build_articles(data)]
    jobs = [[doc_id, title + "\n\n" + "\n\n".join(line for line, _, _ in lines) + "\n"]
            for title, lines, doc_id in laid_out]
    removed = run_child(_CLEAN_CHILD, src, jobs)
    counts = {"junk_removed": 0, "junk_decisions": 0, "content_kept": 0, "content_decisions": 0}
    for (_, lines, _), gone in zip(laid_out, removed):
        gone = set(gone)
        for line, kind, _ in lines:
            if kind == "content":
                counts["content_decisions"] += 1
                counts["content_kept"] += line not in gone
            else:
                counts["junk_decisions"] += 1
                counts["junk_removed"] += line in gone
    return counts


def score_quotes(folder: str, every: int, offset: int, src: str) -> dict:
    """The issue-13 tracker scores of ``src``'s quotes on a PolNeAR split (today's scorer)."""
    from slant.analyze.quotes import Mention, Quote
    from slant.train.attribution import read_polnear, tracker_scores

    docs = read_polnear(folder)[offset::max(1, every)]
    found = run_child(_QUOTES_CHILD, src, [[d.name, d.text] for d in docs])
    preds = [[Quote(kind, [tuple(p) for p in parts], tuple(cue) if cue else None,
                    Mention(*speaker) if speaker else None, flags=flags)
              for kind, parts, cue, speaker, flags in quotes] for quotes in found]
    return tracker_scores(docs, preds)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    j = sub.add_parser("junk", help="junk removed / content kept of junk sets, cleaned by --src's code")
    j.add_argument("sets", nargs="+", help="junk set files (JSON, as eval_junk_heldout.py reads)")
    j.add_argument("--src", required=True, help="the src folder of the checkout to score")
    j.add_argument("--layout", choices=("written", "rounds"),
                   help="written (each article as laid out; the default for sets that have it) or rounds "
                        "(the default for sets without a written layout, such as tests/data's a-h)")
    q = sub.add_parser("quotes", help="issue-13 tracker scores of --src's quotes on a PolNeAR split")
    q.add_argument("--src", required=True, help="the src folder of the checkout to score")
    q.add_argument("--data", required=True, help="a PolNeAR split folder, e.g. ../shared/data/polnear/dev")
    q.add_argument("--every", type=int, default=1)
    q.add_argument("--offset", type=int, default=0)
    args = parser.parse_args(argv)
    if args.command == "quotes":
        print(json.dumps(score_quotes(args.data, args.every, args.offset, args.src), indent=2))
        return
    from eval_junk_heldout import load

    total = dict.fromkeys(("junk_removed", "junk_decisions", "content_kept", "content_decisions"), 0)
    for name in args.sets:
        data = load(name)
        c = score_junk(data, args.layout or ("written" if "articles" in data else "rounds"), args.src)
        for key in total:
            total[key] += c[key]
        print(f"{name}: junk removed {c['junk_removed']}/{c['junk_decisions']} = "
              f"{c['junk_removed'] / c['junk_decisions']:.3f}; content kept {c['content_kept']}/"
              f"{c['content_decisions']} = {c['content_kept'] / c['content_decisions']:.3f}")
    if len(args.sets) > 1:
        print(f"pooled: junk removed {total['junk_removed']}/{total['junk_decisions']} = "
              f"{total['junk_removed'] / total['junk_decisions']:.3f}; content kept {total['content_kept']}/"
              f"{total['content_decisions']} = {total['content_kept'] / total['content_decisions']:.3f}")


if __name__ == "__main__":
    main()
