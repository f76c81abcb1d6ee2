"""Training and leave-one-writer-out validation of the learned junk-line stage (slant.train.junk_learned)."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

pytest.importorskip("sklearn")

from slant.clean import learned_lines as ll  # noqa: E402
from slant.train import junk_learned as jl  # noqa: E402

P1 = "The council voted on Tuesday to approve a budget that raises spending on flood defences by a fifth."
P2 = "Residents of the lower town, where the river burst its banks twice last winter, welcomed the decision."


def _article(junk: str, content: str, removed_junk: bool = False) -> jl.Article:
    return jl.Article("A title", [P1, junk, P2, content, "Share this"],
                      ["content", "widget", "content", "content", "share"],
                      [False, removed_junk, False, False, True])


def _corpus() -> jl.Corpus:
    corpus = jl.Corpus()
    # "l" has a written layout (trains with places); "c" only the rounds layout (own features only)
    corpus.sets["l"] = {"rounds": [_article("Zorblat your inbox now", "What the ruling means")],
                        "written": [_article("Zorblat your inbox today", "Why it matters", removed_junk=True),
                                    _article("Zorblat the deals", "Who pays")]}
    corpus.sets["c"] = {"rounds": [_article("Zorblat alerts here", "Greater Sydney")]}
    corpus.dev = [jl.Article("", [P1, "Financial incentives", P2], ["content"] * 3, [False] * 3, "dev/a.txt")]
    return corpus


def test_examples_follow_the_layouts_and_weights():
    ex = jl.build_examples(_corpus(), content_weight=20, dev_weight=2, dev_short_weight=5)
    assert set(ex.fold) == {"LMN", "C"}
    trained = [(t, f, w) for t, f, w in zip(ex.text, ex.feats, ex.weight) if w > 0]
    by_text = {}
    for t, f, w in trained:
        by_text.setdefault(t, []).append((f, w))
    # written layout: scored lines train with their place; a junk line the rules removed trains too
    assert any("at:mid" in f for f, _ in by_text["Zorblat the deals"])
    assert any("at:mid" in f and "w:inbox" in f for f, _ in by_text["Zorblat your inbox today"])
    assert by_text["Who pays"][0][1] == 20
    # rounds layout of a set with a written one: scored, never trained on
    assert "Zorblat your inbox now" not in by_text and "Zorblat your inbox now" in ex.text
    # rounds-only set: trained on the line's own features only
    assert [any(x.startswith(("at:", "prev:", "next:")) for x in f) for f, _ in by_text["Zorblat alerts here"]] == [False]
    # paragraphs never train or score; the rules' removals train as junk but are never scored
    assert P1 not in ex.text and P2 not in ex.text
    assert by_text["Share this"][0][1] == 1.0
    assert all(k == -1 for name, lay, kind, rules, k in ex.decisions if rules)
    # a short development line weighs dev_short_weight
    assert by_text["Financial incentives"][0][1] == 5
    assert [ex.text[k] for k, _ in ex.dev] == ["Financial incentives"]
    written = [d for d in ex.decisions if d[0] == "l" and d[1] == "written"]
    assert len(written) == 10 and sum(d[3] for d in written) == 3     # 2 "Share this" + 1 junk by the rules


def test_out_of_fold_threshold_and_figures():
    ex = jl.build_examples(_corpus(), content_weight=20, dev_weight=2, dev_short_weight=5)
    scores = jl.out_of_fold(ex, C=1.0, min_count=1, log=lambda *_: None)
    assert scores.shape == (len(ex.feats),) and ((scores > 0) & (scores < 1)).all()
    t = jl.choose_threshold(ex, scores, set())
    assert jl.model_losses(ex, scores, t, set()) == (0, 0, 0)
    figs = jl.figures(ex, scores, 1.01, "written")
    assert figs["l"]["junk"] == 4 and figs["l"]["removed_rules"] == 3 and figs["l"]["removed_both"] == 3
    assert figs["l"]["content"] == 6 and figs["l"]["kept_both"] == 6
    everything = jl.figures(ex, np.ones(len(ex.feats)), 0.5, "written")["l"]
    assert everything["removed_both"] == 4 and everything["kept_both"] == 4    # the two short content lines go


def test_threshold_is_the_lowest_that_loses_no_real_line():
    ex = jl.build_examples(_corpus(), content_weight=20, dev_weight=2, dev_short_weight=5)
    scores = np.full(len(ex.feats), 0.1)
    content = next(k for name, lay, kind, rules, k in ex.decisions if kind == "content" and k >= 0)
    dev = ex.dev[0][0]
    scores[content], scores[dev] = 0.7, 0.9
    # a set's content line at 0.7: 0.7 would remove it, 0.701 keeps every real line
    assert jl.choose_threshold(ex, scores, {ex.text[dev]}) == 0.701
    assert jl.model_losses(ex, scores, 0.7, {ex.text[dev]})[:2] != (0, 0)
    # a development line at 0.9 counts unless it is listed as junk
    assert jl.choose_threshold(ex, scores, set()) == 0.901
    assert jl.model_losses(ex, scores, 0.9, set())[2] == 1
    scores[:] = 0.1
    assert jl.choose_threshold(ex, scores, set()) == 0.5


def test_exported_model_scores_as_trained(tmp_path):
    ex = jl.build_examples(_corpus(), content_weight=20, dev_weight=2, dev_short_weight=5)
    train = [k for k, w in enumerate(ex.weight) if w > 0]
    weights = jl.fit([ex.feats[k] for k in train], [ex.junk[k] for k in train], [ex.weight[k] for k in train], 1.0, 1)
    path = tmp_path / "m.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(jl.export(weights, 0.9, {}), fh)
    model = ll.LearnedLines.load(path)
    texts, removed = [P1, "Zorblat the deals", P2, "Who pays"], [False] * 4
    got = model.scores(texts, removed)
    feats = ll.article_features(texts, removed)
    assert got[1] == pytest.approx(ll.probability(weights, feats[1]), abs=1e-3)   # export rounds the weights
    assert got[1] > got[3]


def test_first_runs_score_the_rules_a_set_met_first(monkeypatch):
    import subprocess
    from pathlib import Path
    repo = Path(__file__).resolve().parents[1]
    if subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    monkeypatch.setattr(jl, "FIRST_RUN", {"l": "HEAD"})
    corpus = _corpus()
    sets = jl.first_run_sets(corpus, repo, log=lambda *_: None)
    assert set(sets) == {"l"} and set(sets["l"]) == {"rounds", "written"}     # "c" has no first run
    for before, after in zip(corpus.sets["l"]["written"], sets["l"]["written"]):
        assert after.lines == before.lines and after.kinds == before.kinds
        # that tree's own verdicts: the share button after the article goes, the paragraphs stay
        assert after.rules[0] is False and after.rules[2] is False and after.rules[-1] is True
    ex = jl.build_examples(corpus, content_weight=20, dev_weight=2, dev_short_weight=5)
    models: dict = {}
    jl.out_of_fold(ex, C=1.0, min_count=1, log=lambda *_: None, models=models)
    assert set(models) == {"LMN", "C"}
    decisions = jl.first_run_scores(sets, models)
    assert len(decisions) == 5 * 3     # 1 article in rounds + 2 as written, 5 lines each
    scored = [p for name, lay, kind, rules, p in decisions if p is not None]
    assert scored and all(0 < p < 1 for p in scored)
    # nothing removed by the model at a threshold above 1: the rules' own figures
    figs = jl.first_run_figures(decisions, 1.01, "written")["l"]
    assert figs["junk"] == 4 and figs["removed_both"] == figs["removed_rules"]
    assert figs["content"] == 6 and figs["kept_both"] == figs["kept_rules"]
    everything = jl.first_run_figures([(n, lay, k, r, None if p is None else 1.0) for n, lay, k, r, p in decisions],
                                      0.5, "written")["l"]
    assert everything["removed_both"] == everything["junk"] - sum(
        1 for n, lay, k, r, p in decisions if lay == "written" and k != "content" and not r and p is None)


def test_collect_adds_only_the_sets_a_cached_corpus_lacks(tmp_path):
    data = {"junk": {"widget": ["Zorblat your inbox now"]}, "content": ["What the ruling means"], "body": [P1, P2]}
    (tmp_path / "clean_heldout_z.json").write_text(json.dumps(data), "utf-8")
    cached = _corpus()
    before = cached.sets["l"]
    corpus = jl.collect([str(tmp_path)], None, log=lambda *_: None, corpus=cached)
    assert set(corpus.sets) == {"l", "c", "z"} and corpus.sets["l"] is before
    assert len(corpus.sets["z"]["rounds"]) == 3 and "written" not in corpus.sets["z"]
    # every line of the set in the rounds layout, with the rules' verdicts
    assert sum(len(a.lines) for a in corpus.sets["z"]["rounds"]) == len(corpus.sets["z"]["rounds"]) * 6
    assert all(len(a.rules) == len(a.lines) for a in corpus.sets["z"]["rounds"])


def test_a_missing_dev_junk_file_stops_before_any_work(tmp_path):
    with pytest.raises(SystemExit, match="--dev-junk .* is not a file"):
        jl.main([str(tmp_path), "--dev", str(tmp_path), "--out", str(tmp_path / "out"),
                 "--dev-junk", str(tmp_path / "nowhere.txt")])
    assert not (tmp_path / "out").exists()
