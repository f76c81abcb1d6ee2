"""Choosing a genre ensemble for the SemEval-style mix, scored nested (slant.train.genre_select)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("scipy")

from slant.train import genre_select as S  # noqa: E402
from slant.train.metrics import macro_f1_single  # noqa: E402


def test_semeval_mix_macro_weights_each_genre_to_the_mix():
    # 2 reporting, 4 opinion, 1 satire: with the mix equal to the counts it is the plain macro F1
    y = np.array([0, 0, 1, 1, 1, 1, 2])
    pred = np.array([0, 1, 1, 1, 0, 1, 2])
    assert S.semeval_mix_macro(y, pred, (2, 4, 1)) == pytest.approx(macro_f1_single(y, pred, 3))
    # reweighted to 4 / 1 / 1: reporting articles count 2, opinion 0.25, satire 1
    # F1 = 2tp / (2tp + fp + fn): reporting tp 2, fn 2, fp 0.25 -> 4 / 6.25; opinion tp 0.75, fn 0.25,
    # fp 2 -> 1.5 / 3.75; satire 1
    assert S.semeval_mix_macro(y, pred, (4, 1, 1)) == pytest.approx((4 / 6.25 + 1.5 / 3.75 + 1) / 3)


def test_recall_floors_read_only_their_corpus():
    y = np.array([0, 0, 2, 2, 1])
    sources = np.array(["polnear-nyt", "conll", "golbeck", "golbeck", "webis-guardian"])
    ok = np.array([0, 0, 2, 2, 0])
    assert S.feasible(ok, y, sources)
    assert not S.feasible(ok, y, sources, opinion_floor=0.5)  # the editorial was called reporting
    assert not S.feasible(np.array([1, 0, 2, 2, 1]), y, sources)  # PolNeAR's report missed


def _toy():
    """40 SemEval articles in 5 folds and four clear constraint texts; candidate "a" is right on folds 1-4
    and wrong on all of fold 0, "b" right on fold 0 and wrong on one article of each other fold: on all
    articles "b" is better (4 errors against 8), without fold 0 "a" is (0 against 4)."""
    ys = np.array([0] * 12 + [1] * 24 + [2] * 4)
    y = np.concatenate([ys, [0, 0, 2, 2]])
    sources = np.array(["semeval"] * 40 + ["polnear-nyt", "conll", "golbeck", "golbeck"])
    fold = np.arange(40) % 5
    groups = np.array([f"semeval-fold{k}" for k in fold] + ["polnear-nyt", "conll", "golbeck-sites0", "golbeck-sites1"])
    pa, pb = y.copy(), y.copy()
    pa[:40][fold == 0] = (ys[fold == 0] + 1) % 3
    for k in range(1, 5):
        i = np.flatnonzero(fold == k)[0]
        pb[i] = (ys[i] + 1) % 3
    lp = {}
    for key, pred in (("a", pa), ("b", pb)):
        z = 5.0 * np.eye(3)[pred]
        lp[key] = z - np.log(np.exp(z).sum(1, keepdims=True))
    return lp, y, sources, groups


def test_nested_choice_never_reads_the_scored_fold():
    lp, y, sources, groups = _toy()
    mixes = [(1 / 3, 1 / 3, 1 / 3)]
    everything = np.ones(len(y), bool)
    assert S.select(lp, y, sources, "point", everything, mixes=mixes)[1] == "b"
    pred, chosen = S.nested(lp, y, sources, groups, "point", mixes=mixes)
    assert chosen["semeval-fold0"][0] == "a"  # chosen on folds 1-4 only
    assert {chosen[f"semeval-fold{k}"][0] for k in range(1, 5)} == {"b"}
    sem = np.flatnonzero(sources == "semeval")
    m0 = groups[sem] == "semeval-fold0"
    assert (pred[m0] != y[sem][m0]).all()  # so fold 0 is scored with a's errors, as a new set would be


def test_logloss_criterion_prefers_the_better_calibrated_scores():
    y = np.array([0, 1, 1, 2])
    good = np.array([[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.2, 0.7, 0.1], [0.1, 0.1, 0.8]])
    bad = np.array([[0.4, 0.3, 0.3], [0.3, 0.4, 0.3], [0.3, 0.4, 0.3], [0.3, 0.3, 0.4]])
    assert S.criterion_value("point", good, y) == S.criterion_value("point", bad, y) == 1.0
    assert S.criterion_value("logloss", good, y) > S.criterion_value("logloss", bad, y)
    with pytest.raises(ValueError):
        S.criterion_value("auc", good, y)


def test_threshold_ceiling_is_reached_by_a_perfect_score():
    y = np.array([0, 0, 1, 1, 1, 2])
    score = np.array([2.0, 1.5, -1.0, -2.0, -0.5, 0.0])
    satire = np.array([False] * 5 + [True])
    assert S.threshold_ceiling(score, y, satire) == pytest.approx(1.0)
    assert S.threshold_ceiling(-score, y, satire) < 1.0


def test_floor_margin_raises_every_floor():
    y = np.array([0] * 10 + [2] * 10)
    sources = np.array(["polnear-nyt"] * 10 + ["golbeck"] * 10)
    pred = np.array([0] * 8 + [1] * 2 + [2] * 7 + [0] * 3)  # reporting recall 0.80, satire 0.70
    assert S.feasible(pred, y, sources)
    assert not S.feasible(pred, y, sources, margin=0.05)  # reporting needs 0.85 now
    pred[8] = 0  # reporting 0.90, satire 0.70 >= 0.65
    assert S.feasible(pred, y, sources, margin=0.05)


def test_floor_margin_per_floor():
    y = np.array([0] * 10 + [0] * 10 + [2] * 20)
    sources = np.array(["polnear-nyt"] * 10 + ["conll"] * 10 + ["golbeck"] * 20)
    pred = y.copy()
    pred[0] = 1  # PolNeAR 0.90, Reuters 1.0
    pred[20:27] = 0  # satire 0.65
    assert S.feasible(pred, y, sources, margin=(0.10, 0.10, 0.05))
    assert not S.feasible(pred, y, sources, margin=0.10)  # satire would need 0.70
    pred[1] = 1  # PolNeAR 0.80
    assert not S.feasible(pred, y, sources, margin=(0.10, 0.10, 0.05))
    assert S.feasible(pred, y, sources, margin=(0.0, 0.10, 0.05))


@pytest.mark.parametrize("margin", ["x", "0.1,0.1"])
def test_a_bad_floor_margin_is_a_clear_error(tmp_path, margin):
    good = tmp_path / "held_out.npz"
    np.savez(good, logits=np.zeros((2, 3)), y=np.array([0, 1]), sources=np.array(["semeval", "semeval"]),
             groups=np.array(["a", "b"]))
    with pytest.raises(SystemExit) as info:
        S.main([str(tmp_path / "out"), "--part", f"first={good}", "--floor-margin", margin])
    assert "genre_select: --floor-margin" in str(info.value.code)


def test_paired_gain_is_the_difference_on_the_same_articles():
    y = np.array([0] * 6 + [1] * 6 + [2] * 3)
    right = y.copy()
    wrong = y.copy()
    wrong[:3] = 1
    g = S.paired_gain(y, wrong, right, n=200)
    assert g["gain"] == pytest.approx(S.semeval_mix_macro(y, right) - S.semeval_mix_macro(y, wrong), abs=1e-4)
    assert g["gain"] > 0 and g["interval"][0] > 0
    assert S.paired_gain(y, right, right, n=50) == {"gain": 0.0, "interval": [0.0, 0.0]}


@pytest.mark.parametrize("spec", ["base", "base=nowhere.npz", "base={npz}:x", "base={bad}"])
def test_a_bad_part_is_a_clear_error_not_a_traceback(tmp_path, spec):
    good = tmp_path / "held_out.npz"
    np.savez(good, logits=np.zeros((2, 3)), y=np.array([0, 1]), sources=np.array(["semeval", "semeval"]),
             groups=np.array(["a", "b"]))
    bad = tmp_path / "other.npz"
    np.savez(bad, logits=np.zeros((2, 3)))  # no genres, sources or groups
    parts = ["--part", f"first={good}"] + ["--part", spec.format(npz=good, bad=bad)]
    with pytest.raises(SystemExit) as info:
        S.main([str(tmp_path / "out")] + parts)
    assert "genre_select: --part" in str(info.value.code) and "held_out.npz" in str(info.value.code)
