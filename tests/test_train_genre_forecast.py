"""The team's genre macro F1 predicted from held-out confusion rates (slant.train.genre_forecast)."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("scipy")

from slant.train import genre_forecast as F  # noqa: E402
from slant.train.metrics import macro_f1_single  # noqa: E402


def test_expected_macro_is_the_macro_f1_of_a_set_drawn_at_exactly_those_rates():
    # rates that give whole counts at 54 / 20 / 9: the expected macro is the macro F1 of that very set
    rates = np.array([[48 / 54, 4 / 54, 2 / 54], [10 / 20, 8 / 20, 2 / 20], [3 / 9, 0, 6 / 9]])
    counts = np.rint(F.expected_counts(rates)).astype(int)
    y = np.repeat(np.repeat([0, 1, 2], 3), counts.ravel())
    pred = np.tile([0, 1, 2], 3).repeat(counts.ravel())
    macro, per_genre = F.expected_macro(rates)
    assert macro == pytest.approx(macro_f1_single(y, pred, 3))
    assert F.expected_macro(np.eye(3))[0] == pytest.approx(1.0)
    # opinion: tp 8, fp 4, fn 12 -> 2tp / (2tp + fp + fn) = 16 / 32
    assert per_genre[1] == pytest.approx(16 / 32)


def test_the_mix_changes_precision_not_recall():
    rates = np.array([[0.9, 0.1, 0.0], [0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])
    # more reporting articles: more of them called opinion, so opinion's F1 falls with its recall unchanged
    assert F.expected_macro(rates, (54, 20, 9))[1][1] > F.expected_macro(rates, (200, 20, 9))[1][1]


def _pools():
    """Texts of every pool's sources, with SemEval reporting (in no pool) wrong on purpose."""
    sources = np.array(["polnear-nyt"] * 10 + ["conll"] * 10 + ["webis-guardian"] * 10 + ["semeval"] * 12
                       + ["golbeck"] * 10)
    y = np.array([0] * 20 + [1] * 10 + [0] * 4 + [1] * 6 + [2] * 2 + [2] * 10)
    pred = y.copy()
    pred[:2] = 1          # 2 of 20 reports called opinion
    pred[20:25] = 0       # 5 of 10 editorials called reporting
    pred[30:34] = 1       # SemEval's 4 reports: not in any pool, must not count
    pred[40] = 0          # 1 of SemEval's 2 satire articles called reporting
    pred[42:45] = 1       # 3 of 10 Golbeck stories called opinion
    return y, sources, pred


def test_pools_are_the_named_sources_of_each_genre():
    y, sources, _ = _pools()
    m = F.pool_members(y, sources)
    assert len(m[0]) == 20 and len(m[1]) == 16 and len(m[2]) == 12
    assert not set(range(30, 34)) & set(np.concatenate(list(m.values())).tolist())  # SemEval reporting


def test_forecast_reads_each_pool_and_its_intervals_hold_the_point():
    y, sources, pred = _pools()
    fc = F.forecast(pred, y, sources, n=300)
    rates = np.array(fc["rates (rows gold, columns predicted)"])
    assert rates[0].tolist() == pytest.approx([0.9, 0.1, 0.0], abs=1e-4)
    assert rates[1].tolist() == pytest.approx([5 / 16, 11 / 16, 0.0], abs=1e-4)
    assert rates[2].tolist() == pytest.approx([1 / 12, 3 / 12, 8 / 12], abs=1e-4)
    assert fc["expected macro F1"] == pytest.approx(F.expected_macro(rates)[0], abs=1e-4)
    lo, hi = fc["interval of the expectation"]
    tlo, thi = fc["interval of the team's figure"]
    assert lo <= fc["expected macro F1"] <= hi
    assert tlo < lo and thi > hi  # the team's 83 articles add their own noise
    assert fc["limiting genre"] == min(fc["per-genre F1"], key=fc["per-genre F1"].get)


def test_sources_weighted_equally_give_each_source_the_same_say():
    y, sources, pred = _pools()
    fc = F.forecast(pred, y, sources, n=50, equal_sources=True)
    # opinion: Webis 5/10 called reporting, SemEval 0/6: half each -> 0.25
    assert fc["rates (rows gold, columns predicted)"][1][0] == pytest.approx(0.25, abs=1e-4)


def test_a_genre_without_held_out_texts_is_an_error():
    y, sources, pred = _pools()
    keep = sources != "golbeck"
    keep &= ~((sources == "semeval") & (y == 2))
    with pytest.raises(ValueError, match="satire"):
        F.forecast(pred[keep], y[keep], sources[keep], n=10)


def test_paired_gain_is_the_difference_on_the_same_resamples():
    y, sources, pred = _pools()
    better = pred.copy()
    better[20:25] = 1
    g = F.paired_gain(pred, better, y, sources, n=200)
    assert g["gain"] > 0 and g["interval"][0] <= g["gain"] <= g["interval"][1]
    assert F.paired_gain(pred, pred, y, sources, n=20) == {"gain": 0.0, "interval": [0.0, 0.0]}


def test_nested_choice_takes_each_groups_decisions_from_a_pick_made_without_it():
    # two groups per genre; candidate 1 is better on everything except that it misses the PolNeAR floor,
    # candidate 2 is right everywhere but on group "webis-b", where it calls every editorial reporting:
    # without "webis-b" it is the best, so "webis-b" gets candidate 2's (wrong) decisions
    sources = np.array(["polnear-a"] * 10 + ["conll"] * 10 + ["webis-a"] * 10 + ["webis-b"] * 10
                       + ["golbeck"] * 20)
    groups = np.array(["polnear-a"] * 10 + ["conll"] * 10 + ["webis-a"] * 10 + ["webis-b"] * 10
                      + ["golbeck-sites0"] * 10 + ["golbeck-sites1"] * 10)
    y = np.array([0] * 20 + [1] * 20 + [2] * 20)
    c0 = y.copy()
    c0[20:24] = 0                     # 4 editorials of webis-a wrong, 4 of webis-b wrong
    c0[30:34] = 0
    c1 = y.copy()
    c1[:5] = 1                        # PolNeAR recall 0.5
    c2 = y.copy()
    c2[30:40] = 0
    preds = np.stack([c0, c1, c2])
    floors = [("polnear", 0, 0.9), ("conll", 0, 0.9), ("golbeck", 2, 0.65)]
    nested, picks, best = F.choose_nested(preds, y, sources, groups, floors)
    assert picks["webis-b"] == 2 and (nested[30:40] == 0).all()
    assert picks["webis-a"] == 0 and best == 0
    assert 1 not in picks.values()
    # with the floors read only on the groups left in, leaving out PolNeAR's one group frees candidate 1
    _, picks_free, _ = F.choose_nested(preds, y, sources, groups, floors, floors_on_all=False)
    assert picks_free["polnear-a"] == 1


def _held_out(path, y, sources, groups, logits):
    np.savez(path, logits=logits.astype(np.float32), y=y, sources=sources, groups=groups, sites=sources)


def test_the_command_writes_its_report_and_bad_arguments_are_clear_errors(tmp_path, capsys):
    y, sources, pred = _pools()
    groups = np.where(np.char.startswith(sources, "semeval"), "semeval-fold0", sources)
    groups[-5:] = "golbeck-sites1"
    _held_out(tmp_path / "a.npz", y, sources, groups, 4.0 * np.eye(3)[pred])
    F.main([str(tmp_path / "out"), "--part", f"a={tmp_path / 'a.npz'}", "--mix", "raw", "--resamples", "50"])
    rep = json.loads((tmp_path / "out" / "genre_forecast.json").read_text())
    assert rep["pooled texts"]["rates (rows gold, columns predicted)"][0] == pytest.approx([0.9, 0.1, 0.0], abs=1e-4)
    capsys.readouterr()
    for args, msg in ((["--mix", "a,b,c"], "--mix"), (["--team-mix", "54,20"], "one per genre")):
        with pytest.raises(SystemExit, match=msg):
            F.main([str(tmp_path / "o2"), "--part", f"a={tmp_path / 'a.npz'}"] + args)
    with pytest.raises(SystemExit, match="held_out.npz"):
        F.main([str(tmp_path / "o3"), "--part", f"a={tmp_path / 'missing.npz'}"])
    np.savez(tmp_path / "nested.npz", y=np.zeros(12, int), point=np.zeros(12, int))
    with pytest.raises(SystemExit, match="SemEval genres differ"):
        F.main([str(tmp_path / "o4"), "--part", f"a={tmp_path / 'a.npz'}", "--mix", "raw",
                "--nested", str(tmp_path / "nested.npz")])


def test_the_command_scores_the_nested_choice_against_the_baseline(tmp_path):
    y, sources, pred = _pools()
    groups = np.where(sources == "semeval", "semeval-fold0", sources)
    groups[-5:] = "golbeck-sites1"
    rng = np.random.default_rng(0)
    _held_out(tmp_path / "a.npz", y, sources, groups, 3.0 * np.eye(3)[pred] + rng.normal(0, 0.5, (len(y), 3)))
    _held_out(tmp_path / "b.npz", y, sources, groups, 3.0 * np.eye(3)[y])  # a part that is always right
    args = [str(tmp_path / "out"), "--part", f"a={tmp_path / 'a.npz'}", "--part", f"b={tmp_path / 'b.npz'}:0,1",
            "--choose", "--baseline", "1,0", "--mix", "0.5,0.25,0.25", "--resamples", "50", "--floors", "0.5,0.5,0.5"]
    F.main(args)
    rep = json.loads((tmp_path / "out" / "genre_forecast_choose.json").read_text())
    assert rep["pick on all groups"]["weights"]["b"] == 1.0
    assert rep["nested"]["expected macro F1"] > rep["baseline forecast"]["expected macro F1"]
    assert rep["nested minus baseline"]["gain"] > 0
    with pytest.raises(SystemExit, match="not in the parts' grids"):
        F.main(args[:-6] + ["--baseline", "1,0.5", "--resamples", "50"])
    with pytest.raises(SystemExit, match="one per part"):
        F.main(args[:-6] + ["--baseline", "1", "--resamples", "50"])


def test_with_one_source_per_genre_it_is_that_sources_mix_weighted_macro():
    # pools of SemEval alone: the expected macro is genre_select's SemEval-mix macro of the same decisions
    from slant.train.genre_select import semeval_mix_macro

    rng = np.random.default_rng(3)
    y = rng.integers(0, 3, 200)
    pred = np.where(rng.random(200) < 0.6, y, rng.integers(0, 3, 200))
    sources = np.array(["semeval"] * 200)
    fc = F.forecast(pred, y, sources, n=10, pools={0: ("semeval",), 1: ("semeval",), 2: ("semeval",)})
    assert fc["expected macro F1"] == pytest.approx(semeval_mix_macro(y, pred), abs=1e-4)


def test_the_semeval_floor_keeps_candidates_that_lose_on_semeval_out():
    # candidate 1 is better on the pooled rows (the editorials) but calls SemEval's reports opinion; with the
    # SemEval floor of candidate 0 it is never chosen
    sources = np.array(["polnear-a"] * 10 + ["conll"] * 10 + ["webis-a"] * 10 + ["golbeck"] * 10 + ["semeval"] * 12)
    groups = np.array(["polnear-a"] * 10 + ["conll"] * 10 + ["webis-a"] * 10 + ["golbeck-sites0"] * 10
                      + ["semeval-fold0"] * 6 + ["semeval-fold1"] * 6)
    y = np.array([0] * 20 + [1] * 10 + [2] * 10 + [0, 0, 1, 1, 1, 2] * 2)
    c0 = y.copy()
    c0[20:26] = 0                     # 6 of 10 editorials called reporting
    c1 = y.copy()
    c1[[40, 41, 46, 47]] = 1          # SemEval's 4 reports called opinion
    preds = np.stack([c0, c1])
    floors = [("polnear", 0, 0.9), ("conll", 0, 0.9), ("golbeck", 2, 0.65)]
    _, picks, best = F.choose_nested(preds, y, sources, groups, floors)
    assert best == 1
    _, picks, best = F.choose_nested(preds, y, sources, groups, floors, semeval_floor_of=0)
    assert best == 0 and set(picks.values()) == {0}
