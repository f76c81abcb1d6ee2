"""The learned junk-line model's features and scoring (slant.clean.line_model; not wired into clean_record)."""

from __future__ import annotations

import pytest

from slant.clean import line_model as lm

BODY = [
    "The council voted on Tuesday to approve a budget that raises spending on flood defences by a fifth.",
    "Residents of the lower town, where the river burst its banks twice last winter, welcomed the decision.",
    "Zorblat widget offer",
    "The work is due to start in the spring and to finish before the end of next year, officials said.",
]


def _model(weights: dict[str, float], threshold: float = 0.9, max_words: int = 30) -> lm.LineModel:
    return lm.LineModel({"weights": weights, "threshold": threshold, "max_words": max_words})


def test_features_are_strings_of_words_shape_and_place():
    infos = lm.line_infos(BODY)
    first, last = lm._anchors(infos)
    assert (first, last) == (0, 3)
    feats = lm.features(infos, 2, first, last)
    assert {"bias", "w:zorblat", "w:widget", "b:<s> zorblat", "b:widget offer", "b:offer </s>",
            "n:3-4", "start:U", "end:l", "at:mid"} <= set(feats)
    assert "case:title" not in feats and "case:title" in lm.features(lm.line_infos(["Zorblat Widget Offer"]), 0, 1, -1)
    # the same line gives the same features in any process (no hash(), no set order)
    assert feats == lm.features(lm.line_infos(BODY), 2, first, last)
    assert "at:mid" not in lm.features(infos, 2, first, last, place=False)


def test_digits_fold_and_stems():
    info = lm.LineInfo("Subscribers get 25% off in 2026")
    assert info.tokens == ["subscribers", "get", "0", "off", "in", "0"]
    assert lm.stem_features(info.tokens) == ["p:subscr"]
    feats = lm.features([info], 0, 1, -1, stems=True)
    assert "p:subscr" in feats and "at:lead" in feats


def test_scores_only_short_lines_the_rules_kept():
    model = _model({"bias": -5.0, "w:zorblat": 8.0})
    p = model.scores(BODY)
    assert p[2] == pytest.approx(1 / (1 + 2.718281828 ** -3.0), rel=1e-6)
    assert p[0] is not None and p[0] < 0.01
    assert model.scores(BODY, only=[True, True, False, True])[2] is None
    long_line = " ".join(["zorblat"] * 31)
    assert model.scores([long_line]) == [None]
