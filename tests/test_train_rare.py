"""Rare-technique experiments: sentence cutting and labels, copy-aware folds, the ranking figures."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")

from slant.analyze.taxonomy import TECHNIQUE_NAMES  # noqa: E402
from slant.train import rare  # noqa: E402


def test_train_rare_sentences_keep_closing_quotes_and_the_unterminated_tail():
    text = 'He said: "We won." Then what? It went on'
    bounds = rare.sentence_bounds(text, 0, len(text))
    assert [text[s:e] for s, e in bounds] == ['He said: "We won."', "Then what?", "It went on"]


def test_train_rare_sentence_label_needs_half_the_sentence_or_half_the_span():
    gold = [("Whataboutism", 0, 40), ("Doubt", 35, 200), ("Slogans", 12, 16)]
    y = rare.sentence_label(10, 50, gold)  # 30 of 40 characters Whataboutism; Doubt covers 15 of 40 and 15 of 165
    assert y[TECHNIQUE_NAMES.index("Whataboutism")] == 1
    assert y[TECHNIQUE_NAMES.index("Doubt")] == 0
    assert y[TECHNIQUE_NAMES.index("Slogans")] == 1  # the whole short span lies inside
    assert y.sum() == 2


def test_train_rare_training_drops_copies_of_the_held_out_fold():
    norm = np.array(["a b c", "d e f", "a b c", "g h i", "d e f"])
    fold = np.array([0, 0, 1, 1, -1])
    mask = rare.training_mask(norm, fold, 0)
    # fold 1's copy of "a b c" and the extra text copying "d e f" are dropped; "g h i" stays
    assert mask.tolist() == [False, False, False, True, False]
    assert rare.training_mask(norm, fold, 1).tolist() == [False, True, False, False, True]


def test_train_rare_copied_paragraphs_are_found_across_folds_only():
    table = rare.Sentences(
        rows=np.array([[0, 0, 0, 1], [0, 1, 0, 1], [1, 2, 0, 1], [2, 3, 0, 1]]),
        text=["one two three four five", "one two three four six", "One, two three four five!",
              "one two three four six"],
        labels=np.zeros((4, 23), np.uint8), shipped=np.zeros((4, 2)), minilm=None,
        fold=np.array([0, 0, 1, 0]))
    assert rare.copied_paragraphs(table, 4).tolist() == [True, False, True, False]


def test_train_rare_score_target_reads_rankings_and_calibrated_counts():
    rng = np.random.default_rng(0)
    gold = np.zeros(400, bool)
    gold[:20] = True
    fold = np.arange(400) % 5
    perfect = rare.score_target(np.where(gold, 5.0, -5.0) + rng.normal(0, 0.1, 400), gold, fold)
    assert perfect["precision_at_gold"] == 1.0 and perfect["average_precision"] > 0.99
    assert perfect["at_0.5"] == [20, 20]
    noise = rare.score_target(rng.normal(size=400), gold, fold)
    assert noise["precision_at_gold"] < 0.5 and noise["at_0.5"][0] == 0
