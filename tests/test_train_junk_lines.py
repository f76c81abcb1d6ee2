"""Training and leave-one-writer-out validation of the learned junk-line model (slant.train.junk_lines)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from slant.clean import line_model as lm
from slant.train import junk_lines as jl

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]


def _benchmark():
    spec = importlib.util.spec_from_file_location("eval_junk_heldout", ROOT / "benchmarks" / "eval_junk_heldout.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_layout_is_the_benchmarks():
    """The trainer scores the same decisions as benchmarks/eval_junk_heldout.py (one layout): every
    junk line once in each of three rounds, each article with one last paragraph before its trail."""
    bench = _benchmark()
    data = json.loads((DATA / "clean_dev_21.json").read_text("utf-8"))
    ours = jl.layout(data)
    theirs = bench.build_articles(data)
    assert [lines for lines, _ in theirs] == ours
    assert len({doc_id for _, doc_id in theirs}) == len(theirs)
    places: dict[str, list[str]] = {}
    for lines in ours:
        assert [position for _, _, position in lines if position == "last"] == ["last"]
        for line, kind, position in lines:
            if kind != "content":
                places.setdefault(line, []).append(position)
    junk = [line for lines in data["junk"].values() for line in lines]
    assert sorted(places) == sorted(junk)
    assert all(len(p) == 3 for p in places.values())  # once per round, at a random one of the places
    assert {p for ps in places.values() for p in ps} == {"lead", "mid", "trail"}
    assert jl.article_raw(ours[0]).startswith(bench.TITLE + "\n\n")


def test_sets_are_found_and_grouped_by_writer(tmp_path):
    sets = jl.find_sets([str(DATA)])
    assert {"a", "h", "dev1", "dev21"} <= set(sets)
    assert jl.GROUPS["f"] == jl.GROUPS["g"] and jl.GROUPS["i"] == jl.GROUPS["k"]
    assert jl.GROUPS["dev3"] == jl.GROUPS["dev15"] != jl.GROUPS["dev16"]
    with pytest.raises(SystemExit, match="no junk sets"):
        jl.find_sets([str(tmp_path)])
    with pytest.raises(SystemExit, match="no junk sets"):   # a mistyped file: no FileNotFoundError traceback
        jl.find_sets([str(tmp_path / "clean_heldout_zz.json")])


def test_per_set_figures_count_rules_model_and_misses():
    decisions = [(0, "Junk one", "ad", "lead", True), (0, "Junk two", "ad", "mid", False),
                 (0, "Junk three", "ad", "trail", False), (0, "A paragraph.", "content", "body", False),
                 (1, "A paragraph.", "content", "last", False), (1, "Lost by rules.", "content", "body", True)]
    scored = {(0, "Junk two"): 0.97, (0, "Junk three"): 0.4, (0, "A paragraph."): 0.1, (1, "A paragraph."): 0.99}
    f = jl.per_set_figures("x", decisions, scored, 0.95)
    assert f == {"junk": 3, "junk_removed_rules": 1, "junk_removed_both": 2, "rules_missed": 2, "model_on_missed": 1,
                 "content": 3, "content_kept_rules": 2, "content_kept_both": 1}
    # other rules (a first run): the same model scores
    g = jl.per_set_figures("x", decisions, scored, 0.95, [False, False, True, False, False, False])
    assert g["junk_removed_rules"] == 1 and g["junk_removed_both"] == 2 and g["content_kept_both"] == 2


def test_threshold_counts_only_the_models_own_losses():
    ex = [jl.Example([], False, 1.0, "A", set="s", kind="content", rules_removed=r) for r in [False] * 999 + [True]]
    scores = np.zeros(1000)
    scores[:2] = [0.9, 0.7]
    # 2 model losses of 1,000 content decisions: 0.998 < 0.999, so the threshold must pass 0.7
    assert jl.choose_threshold(ex, scores, 0.999) == pytest.approx(0.705)
    assert jl.choose_threshold(ex, scores, 0.998) == 0.5


def test_training_end_to_end_writes_a_model_the_cleaner_reads(tmp_path):
    dev = tmp_path / "data" / "genre" / "editorials"
    dev.mkdir(parents=True)
    paragraph = ("The city council's decision to delay the vote on the new housing plan again has left "
                 "hundreds of families waiting for an answer that should have come months ago.")
    for i in range(4):
        (dev / f"{i}.txt").write_text(f"Editorial number {i}\n\n" + "\n\n".join([paragraph] * 3) + "\n", "utf-8")
    out = tmp_path / "out"
    jl.main([str(DATA / "clean_dev_13.json"), str(DATA / "clean_dev_21.json"), "--dev", str(tmp_path / "data"),
             "--out", str(out), "--C", "1.0", "--min-count", "1"])
    report = json.loads((out / "report.json").read_text())
    assert set(report["sets"]) == {"dev13", "dev21"}
    assert report["dev_lines"] == 12 and 0.5 <= report["threshold"] <= 1.0
    model = lm.LineModel.load(out / "junk_lines.json")
    assert model.threshold == report["threshold"] and model.weights
    p = model.scores([paragraph, "Advertisement", paragraph])
    assert all(x is None or 0.0 <= x <= 1.0 for x in p)


def test_no_development_texts_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match="no development texts"):
        jl.dev_texts(tmp_path)


def test_rules_of_a_source_tree_run_in_a_subprocess_like_in_process():
    """First runs run an older tree's rules in a subprocess; with this tree they must match in-process."""
    data = json.loads((DATA / "clean_dev_21.json").read_text("utf-8"))
    raws = [jl.article_raw(a) for a in jl.layout(data)[:5]]
    inside = jl.removed_by_rules(raws)
    assert any(inside) and jl.removed_by_rules(raws, ROOT) == inside
