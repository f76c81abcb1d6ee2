"""The writer's voice outside quotes and the attribution density, read with the quotes component
(slant.train.genre_voice)."""

from __future__ import annotations

import numpy as np

from slant.train import genre_voice as V

# Written for these tests (no corpus text).
REPORT = ("Council approves bridge budget\n\n"
          "The city council voted 7-2 on Tuesday to approve $48 million for a new bridge, officials said.\n"
          "\"We are paying for something I never wanted, and you know it,\" council member Maria Lopez "
          "told reporters.\n"
          "Work will start in March, according to a statement from the mayor's office.")
OPINION = ("Why I am tired of this bridge\n\n"
           "I have had enough of this bridge. You should be tired of it too.\n"
           "We deserve a council that listens, and I think you know that.\n"
           "What are we waiting for?")


def _rate(text, name):
    return V.voice_rates(text)[V.VOICE_NAMES.index(name)]


def test_voice_rates_have_one_name_each():
    assert len(V.voice_rates(REPORT)) == len(V.VOICE_NAMES)
    feats = V.voice_features(REPORT)
    assert feats.shape == (2 * len(V.VOICE_NAMES),) and feats.dtype == np.float32
    assert np.allclose(feats[len(V.VOICE_NAMES):], np.log1p(feats[:len(V.VOICE_NAMES)]))


def test_first_and_second_person_inside_a_quote_are_the_speakers_not_the_writers():
    # the report's only "we", "I" and "you" are Maria Lopez's words, inside the quotation marks
    for name in ("share of sentences with I/me/my outside quotes", "share of sentences with we/us/our outside quotes",
                 "share of sentences with you/your outside quotes", "I/me/my per 100 words outside quotes"):
        assert _rate(REPORT, name) == 0.0, name
        assert _rate(OPINION, name) > 0.0, name
    # the same sentence without its quotation marks is the writer's own voice
    unquoted = REPORT.replace("\"", "")
    assert _rate(unquoted, "share of sentences with we/us/our outside quotes") > 0.0


def test_a_report_attributes_and_quotes_more_than_an_opinion_piece():
    for name in ("share of characters inside quotes", "quotes per sentence", "direct quotes per sentence",
                 "share of sentences with a quote or its cue", "lede: quotes per sentence",
                 "share of body paragraphs with a quote"):
        assert _rate(REPORT, name) > _rate(OPINION, name), name
    assert _rate(OPINION, "share of characters inside quotes") == 0.0
    assert _rate(OPINION, "share of sentences asking outside quotes") > 0.0
    assert 0.0 < _rate(REPORT, "share of characters inside quotes") < 0.5


def test_an_empty_or_title_only_text_gives_finite_zeros():
    for text in ("", "Just a title"):
        rates = np.array(V.voice_rates(text))
        assert np.isfinite(rates).all() and (rates >= 0).all()
