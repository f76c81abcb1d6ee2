"""Junk removal on the hand-written held-out sets of issue 14: junk removed and content kept, by kind.

    python benchmarks/eval_junk_heldout.py a        # tests/data/clean_heldout_a.json
    python benchmarks/eval_junk_heldout.py b --misses   # also c, d, e
    python benchmarks/eval_junk_heldout.py dev1         # tests/data/clean_dev_1.json (development set)
    python benchmarks/eval_junk_heldout.py PATH --layout written   # a set with "articles", as laid out

Each set (written by hand before the cleaner's rules were read; B kept aside and scored once at
the end; C written after A's changes) holds junk lines of 14 kinds, near-junk news paragraphs (a
reporter quoting someone about cookies, one-line paragraphs, questions, imperatives in quotes) and
plain body paragraphs. They are laid out into articles in three rounds; in each round every junk
line sits at a random one of three places (right after the title, between paragraphs, in the
trailing block; each place gets a third of the decisions), and content lines sit at several
places, the last paragraph before the trailing widgets included:

    title, J(lead), B, C, C, J(mid), B, C, J(trail) ...

Each article goes through ``clean_record`` as ``slant ingest`` runs it. A *decision* is one line in
one article: junk removed / junk decisions, content kept / content decisions, with the reason the
cleaner gave. Printed per kind and per position.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from slant.clean import clean_record  # noqa: E402
from slant.ingest.record import RawRecord  # noqa: E402
from slant.settings import CleanSettings  # noqa: E402
from slant.train.junk_lines import TITLE, layout  # noqa: E402



def load(name: str) -> dict:
    """A set by name: a letter is a held-out set (``clean_heldout_a.json``), ``dev1`` a development
    set (``clean_dev_1.json``), anything else a path to a file of the same layout."""
    data = ROOT / "tests" / "data"
    if len(name) == 1:
        path = data / f"clean_heldout_{name.lower()}.json"
    elif name.lower().startswith("dev") and name[3:].isdigit():
        path = data / f"clean_dev_{name[3:]}.json"
    else:
        path = Path(name)
    if not path.is_file():
        raise SystemExit(f"no junk set at {path}: give a letter (a-e), devN or a path to a JSON set")
    return json.loads(path.read_text("utf-8"))


def build_articles(data: dict, seed: int = 14) -> list[tuple[list[tuple[str, str, str]], str]]:
    """Articles as lists of ``(line, kind, position)``; kind "content" for real paragraphs, each with
    its id ("heldout-<round>-<n>"). The layout is :func:`slant.train.junk_lines.layout`'s, which the
    learned line model is validated on."""
    articles = layout(data, seed)
    per_round = -(-sum(len(lines) for lines in data["junk"].values()) // 3)
    return [(lines, f"heldout-{i // per_round}-{i % per_round}") for i, lines in enumerate(articles)]


def written_articles(data: dict) -> list[tuple[str, list[tuple[str, str, str]], str]]:
    """The set's own layout (``"articles"``, as its writer placed every line), as ``(title, lines,
    id)``. A junk line before the first paragraph is "lead", after the last one "trail", else "mid";
    the last paragraph is "last"."""
    if "articles" not in data:
        raise SystemExit("this set has no written layout ('articles'); score it without --layout written")
    out = []
    for n, article in enumerate(data["articles"]):
        labelled = [(text, "content" if label in ("content", "body") else label) for text, label in article["lines"]]
        paragraphs = [i for i, (_, kind) in enumerate(labelled) if kind == "content"]
        first, last = (paragraphs[0], paragraphs[-1]) if paragraphs else (len(labelled), -1)
        lines = []
        for i, (text, kind) in enumerate(labelled):
            if kind == "content":
                position = "last" if i == last else "body"
            else:
                position = "lead" if i < first else "trail" if i > last else "mid"
            lines.append((text, kind, position))
        out.append((article["title"], lines, f"written-{n}"))
    return out


def evaluate(data: dict, layout: str = "rounds", settings: CleanSettings | None = None) -> dict:
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_position: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    reasons: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[tuple[str, str, str]] = []
    lost: list[tuple[str, str, str]] = []
    if layout == "written":
        laid_out = written_articles(data)
    else:
        laid_out = [(TITLE, lines, doc_id) for lines, doc_id in build_articles(data)]
    for title, lines, doc_id in laid_out:
        raw = title + "\n\n" + "\n\n".join(line for line, _, _ in lines) + "\n"
        doc = clean_record(RawRecord(id=doc_id, source=doc_id, raw=raw), settings)
        removed = {r.text: r for r in doc.removed}
        for line, kind, position in lines:
            gone = line in removed
            if kind == "content":
                key = "content"
                ok = not gone
                if gone:
                    lost.append((line, position, removed[line].reason))
            else:
                key = kind
                ok = gone
                if gone:
                    reasons[kind][removed[line].reason] += 1
                else:
                    misses.append((line, kind, position))
            by_kind[key][0] += ok
            by_kind[key][1] += 1
            by_position[f"{'content' if kind == 'content' else 'junk'}/{position}"][0] += ok
            by_position[f"{'content' if kind == 'content' else 'junk'}/{position}"][1] += 1
    junk_ok = sum(v[0] for k, v in by_kind.items() if k != "content")
    junk_n = sum(v[1] for k, v in by_kind.items() if k != "content")
    return {"junk_removed": junk_ok, "junk_decisions": junk_n, "content_kept": by_kind["content"][0],
            "content_decisions": by_kind["content"][1], "by_kind": dict(by_kind),
            "by_position": dict(by_position), "reasons": {k: dict(v) for k, v in reasons.items()},
            "misses": misses, "lost": lost}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("set", help="a-e (held-out sets), dev1, dev2 (development sets) or a path to a set")
    parser.add_argument("--misses", action="store_true", help="list the junk kept and content removed")
    parser.add_argument("--layout", choices=("rounds", "written"), default="rounds",
                        help="rounds: every line at each of three places (the default, as the sets were "
                             "always scored); written: each article as its writer laid it out")
    parser.add_argument("--learned", metavar="MODEL",
                        help="also run the learned junk-line stage with this model file (slant.train.junk_learned's "
                             "junk_lines.json.gz); without it, the cleaner's default settings")
    args = parser.parse_args()
    settings = CleanSettings(learned_lines=True, learned_lines_path=args.learned) if args.learned else None
    result = evaluate(load(args.set), args.layout, settings)
    jr, jn, ck, cn = (result[k] for k in ("junk_removed", "junk_decisions", "content_kept", "content_decisions"))
    print(f"set {args.set}: junk removed {jr}/{jn} = {jr / jn:.3f}; content kept {ck}/{cn} = {ck / cn:.3f}")
    for kind, (ok, n) in sorted(result["by_kind"].items()):
        print(f"  {kind:14s} {ok:3d}/{n:<3d} {ok / n:.2f}  {result['reasons'].get(kind, '')}")
    for position, (ok, n) in sorted(result["by_position"].items()):
        print(f"  {position:14s} {ok:3d}/{n:<3d} {ok / n:.2f}")
    if args.misses:
        for line, kind, position in result["misses"]:
            print(f"  MISS {kind}/{position}: {line}")
        for line, position, reason in result["lost"]:
            print(f"  LOST {position} ({reason}): {line}")


if __name__ == "__main__":
    main()
