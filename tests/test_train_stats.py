"""The shared bootstrap and reliability helpers of the training reports."""

import numpy as np
import pytest

from slant.train import claims, stats


def test_bootstrap_interval_brackets_the_mean_and_narrows_with_more_units():
    rng = np.random.default_rng(0)
    small, large = rng.random(30), rng.random(3000)
    lo, hi = stats.bootstrap(lambda picked: small[picked].mean(), len(small), rounds=400)
    assert lo < small.mean() < hi
    lo2, hi2 = stats.bootstrap(lambda picked: large[picked].mean(), len(large), rounds=400)
    assert lo2 < large.mean() < hi2
    assert hi2 - lo2 < (hi - lo) / 3


def test_bootstrap_is_repeatable_and_vector_statistics_get_one_bound_each():
    x = np.arange(50.0)
    one = stats.bootstrap(lambda picked: [x[picked].mean(), x[picked].max()], len(x), rounds=100)
    two = stats.bootstrap(lambda picked: [x[picked].mean(), x[picked].max()], len(x), rounds=100)
    assert np.array_equal(one[0], two[0]) and np.array_equal(one[1], two[1])
    assert one[0].shape == (2,) and one[1][1] <= 49


def test_block_rows_resamples_whole_blocks():
    blocks = np.array([7, 7, 3, 3, 3, 9])
    rows = stats.block_rows(blocks)
    # units are the sorted block names 3, 7, 9
    assert rows(np.array([0])).tolist() == [2, 3, 4]
    assert rows(np.array([2, 1, 2])).tolist() == [5, 0, 1, 5]


def test_reliability_bins_include_the_top_edge_and_weight_the_gap_by_share():
    p = np.array([0.05, 0.05, 0.95, 1.0])
    y = np.array([0, 0, 1, 0])
    rows, ece = stats.reliability(p, y)
    assert [(r["bin"], r["n"]) for r in rows] == [("0.0-0.1", 2), ("0.9-1.0", 2)]
    assert ece == pytest.approx(0.5 * 0.05 + 0.5 * abs(0.975 - 0.5))


def test_claims_calibration_error_uses_the_bins_its_table_shows():
    """0.3 sits in the table's 0.2-0.3 bin (float edges); the error used to put it in 0.3-0.4 on its
    own, so the figure disagreed with the table printed beside it (0.525 instead of 0.225)."""
    probs, gold = np.array([0.3, 0.25]), np.array([0, 1])
    table = claims.calibration_table(probs, gold)
    assert [(r["bin"], r["n"]) for r in table] == [("0.2-0.3", 2)]
    gap = sum(r["n"] * abs(r["mean_score"] - r["observed"]) for r in table) / len(probs)
    assert claims.expected_calibration_error(probs, gold) == pytest.approx(gap)


def test_reliability_weights_reweight_means_and_shares():
    from slant.train.stats import reliability

    p = np.array([0.05, 0.15, 0.15, 0.95])
    y = np.array([0, 1, 0, 1])
    rows, ece = reliability(p, y, weights=np.array([1.0, 3.0, 1.0, 1.0]))
    by_bin = {r["bin"]: r for r in rows}
    # the 0.1-0.2 bin: observed rate 3/4 by weight (not 1/2), count still 2
    assert by_bin["0.1-0.2"]["n"] == 2
    assert by_bin["0.1-0.2"]["observed"] == 0.75
    assert np.isclose(ece, 1 / 6 * 0.05 + 4 / 6 * abs(0.15 - 0.75) + 1 / 6 * 0.05)
    # equal weights give the unweighted table
    same, same_ece = reliability(p, y, weights=np.ones(4))
    plain, plain_ece = reliability(p, y)
    assert [r["n"] for r in same] == [r["n"] for r in plain]
    assert np.allclose([r["observed"] for r in same], [r["observed"] for r in plain])
    assert np.isclose(same_ece, plain_ece)


def test_bootstrap_skip_nan_leaves_rounds_without_the_class_out_of_its_interval():
    """A recall is NaN in a resample that holds none of its class (the genre report's rare genres):
    with skip_nan those rounds are left out of that value's interval, the other values keep all."""
    y = np.array([0] * 18 + [1, 1])

    def recalls(picked):  # a share standing in for a recall: NaN where the class is missing
        return [float((y[picked] == c).mean()) if (y[picked] == c).any() else float("nan") for c in (0, 1)]

    with np.errstate(all="ignore"):
        lo, hi = stats.bootstrap(lambda picked: [len(picked), *recalls(picked)], len(y), rounds=300)
    assert np.isnan(lo[2]) and lo[0] == hi[0] == 20  # some resamples miss class 1
    lo, hi = stats.bootstrap(lambda picked: [len(picked), *recalls(picked)], len(y), rounds=300, skip_nan=True)
    assert lo[0] == hi[0] == 20 and 0 < lo[2] <= hi[2] < 0.5 and 0.5 < lo[1] <= hi[1] <= 1
