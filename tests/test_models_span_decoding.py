"""Span decoding: token probabilities -> phrases a reader can use."""

from __future__ import annotations

import numpy as np

from slant.models.span_decoding import GAP_WORDS, decode, sentence_bounds, usable
from slant.models.heads import expand_to_words


def _tokens(text: str):
    """Whitespace/punctuation tokens with offsets (word pieces are not needed here)."""
    import re

    offs = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    return np.array(offs, dtype=np.int64)


def _probs(offsets, text, hot: dict[str, list[str]], labels):
    p = np.zeros((len(offsets), len(labels)), np.float32)
    for j, label in enumerate(labels):
        for word in hot.get(label, []):
            for k, (a, b) in enumerate(offsets):
                if text[a:b] == word:
                    p[k, j] = 0.9
    return p


def test_span_decoding_joins_words_of_one_technique_across_a_small_gap():
    text = "The United Kingdom of lies is a disgrace."
    off = _tokens(text)
    p = _probs(off, text, {"Loaded_Language": ["United", "Kingdom", "lies"]}, ["Loaded_Language"])
    spans = decode(text, off, p, [0.5], ["Loaded_Language"])
    assert [(t, text[s:e]) for t, s, e, _ in spans] == [("Loaded_Language", "United Kingdom of lies")]
    assert spans[0][3] == np.float32(0.9)


def test_span_decoding_does_not_join_across_a_sentence_end_or_a_long_gap():
    text = "Vile traitors. Liars came with some more ordinary words and cowards."
    off = _tokens(text)
    p = _probs(off, text, {"Name_Calling-Labeling": ["traitors", "Liars", "cowards"]}, ["Name_Calling-Labeling"])
    got = [text[s:e] for _, s, e, _ in decode(text, off, p, [0.5], ["Name_Calling-Labeling"])]
    assert got == ["traitors", "Liars", "cowards"]
    assert len("came with some more ordinary words and".split()) > GAP_WORDS


def test_span_decoding_drops_stop_word_and_punctuation_only_spans():
    text = "This is of the, very worst kind."
    off = _tokens(text)
    p = _probs(off, text, {"Loaded_Language": ["of", ","]}, ["Loaded_Language"])
    assert decode(text, off, p, [0.5], ["Loaded_Language"]) == []
    assert not usable(text, 8, 10) and usable(text, 21, 26)


def test_span_decoding_sentence_level_techniques_cover_their_sentence():
    text = "He spoke. Is he really telling the truth about the money? Nobody knows."
    off = _tokens(text)
    p = _probs(off, text, {"Doubt": ["really"]}, ["Doubt"])
    spans = decode(text, off, p, [0.5], ["Doubt"])
    assert [text[s:e] for _, s, e, _ in spans] == ["Is he really telling the truth about the money?"]


def test_span_decoding_snaps_to_whole_words_and_respects_disabled_labels():
    text = "An unbelievable disaster"
    assert expand_to_words(text, 5, 8) == (3, 15)
    off = np.array([[3, 8], [8, 15], [16, 24]])
    p = np.array([[0.9, 0.9], [0.9, 0.9], [0.1, 0.1]], np.float32)
    spans = decode(text, off, p, [0.5, 0.5], ["Loaded_Language", "Slogans"], enabled=[True, False])
    assert [(t, text[s:e]) for t, s, e, _ in spans] == [("Loaded_Language", "unbelievable")]


def test_span_decoding_sentence_bounds_stop_at_line_breaks():
    text = "Title line\n\nFirst sentence here. Second one"
    a, b = sentence_bounds(text, 35, 38)
    assert text[a:b] == "Second one"
    a, b = sentence_bounds(text, 2, 4)
    assert text[a:b] == "Title line"


def test_span_decoding_gap_and_sentence_level_can_be_set_by_the_caller():
    from slant.models.span_decoding import decode

    text = "They lie and cheat again. Next sentence here."
    words = [(0, 4), (5, 8), (9, 12), (13, 18), (19, 24), (26, 30), (31, 39), (40, 44)]
    offsets = np.array(words)
    probs = np.zeros((len(words), 2), np.float32)
    probs[1, 0] = probs[3, 0] = 0.9  # "lie" ... "cheat", one word between
    labels = ["Loaded_Language", "Doubt"]
    joined = decode(text, offsets, probs, [0.5, 0.5], labels, gap_words=1)
    apart = decode(text, offsets, probs, [0.5, 0.5], labels, gap_words=0)
    assert [(s, e) for _, s, e, _ in joined] == [(5, 18)]
    assert [(s, e) for _, s, e, _ in apart] == [(5, 8), (13, 18)]
    grown = decode(text, offsets, probs, [0.5, 0.5], labels, gap_words=0, sentence_level=frozenset({"Loaded_Language"}))
    assert [(s, e) for _, s, e, _ in grown] == [(0, 25)]


def test_span_decoding_sentence_bounds_keep_a_span_that_ends_its_sentence():
    text = "One two three four. Five six seven.\n"
    assert sentence_bounds(text, 0, 19) == (0, 19)
    assert sentence_bounds(text, 4, 7) == (0, 19)
    assert sentence_bounds(text, 20, 35) == (20, 35)


def _graded(offsets, text, levels: dict[str, float]):
    """One technique's probabilities: each word in ``levels`` gets its probability, others 0."""
    p = np.zeros((len(offsets), 1), np.float32)
    for k, (a, b) in enumerate(offsets):
        p[k, 0] = levels.get(text[a:b], 0.0)
    return p


def test_span_decoding_hysteresis_grows_a_seed_over_neighbours_above_the_lower_threshold():
    text = "They called it a truly shameful betrayal of everyone today."
    off = _tokens(text)
    p = _graded(off, text, {"truly": 0.06, "shameful": 0.4, "betrayal": 0.08, "of": 0.01})
    label = ["Loaded_Language"]
    plain = decode(text, off, p, [0.125], label, gap_words=0)
    assert [text[s:e] for _, s, e, _ in plain] == ["shameful"]
    grown = decode(text, off, p, [0.125], label, gap_words=0, extend_threshold=0.05)
    assert [text[s:e] for _, s, e, _ in grown] == ["truly shameful betrayal"]
    assert grown[0][3] == np.float32(0.4)  # the score stays the seed's
    # a higher lower threshold keeps fewer neighbours
    assert [text[s:e] for _, s, e, _ in decode(text, off, p, [0.125], label, gap_words=0, extend_threshold=0.07)] \
        == ["shameful betrayal"]


def test_span_decoding_hysteresis_needs_a_seed_and_stops_at_clause_boundaries():
    text = "A vile; corrupt regime. Sad and weak people\nwretched fools"
    off = _tokens(text)
    p = _graded(off, text, {"vile": 0.09, "corrupt": 0.5, "regime": 0.09, "Sad": 0.09, "and": 0.09,
                            "weak": 0.09, "people": 0.3, "wretched": 0.09, "fools": 0.09})
    got = [text[s:e] for _, s, e, _ in decode(text, off, p, [0.125], ["Name_Calling-Labeling"], gap_words=0,
                                              extend_threshold=0.05)]
    # not over ';' or '.' or a line break; "wretched fools" has no token at the threshold
    assert got == ["corrupt regime", "Sad and weak people"]


def test_span_decoding_hysteresis_off_or_not_below_the_threshold_is_the_plain_decoder():
    text = "They called it a truly shameful betrayal of everyone today."
    off = _tokens(text)
    p = _graded(off, text, {"truly": 0.06, "shameful": 0.4, "betrayal": 0.08})
    plain = decode(text, off, p, [0.125], ["Loaded_Language"], gap_words=0)
    assert decode(text, off, p, [0.125], ["Loaded_Language"], gap_words=0, extend_threshold=None) == plain
    assert decode(text, off, p, [0.125], ["Loaded_Language"], gap_words=0, extend_threshold=0.2) == plain


def test_span_decoding_hysteresis_stops_at_a_dash_but_not_at_a_hyphen():
    text = "They call the network whatever you want -- a state-funded outlet."
    off = _tokens(text)
    p = _graded(off, text, {"network": 0.5, "whatever": 0.06, "you": 0.06, "want": 0.06, "-": 0.06, "a": 0.06,
                            "state": 0.3, "funded": 0.06, "outlet": 0.06})
    got = [text[s:e] for _, s, e, _ in decode(text, off, p, [0.15], ["Name_Calling-Labeling"], gap_words=0,
                                              extend_threshold=0.05)]
    assert got == ["network whatever you want", "a state-funded outlet"]


def _flat(text: str, seed: str):
    """Every token at 0.06 (above a lower threshold of 0.05), one seed at 0.5."""
    off = _tokens(text)
    p = np.full((len(off), 1), 0.06, np.float32)
    p[next(k for k, (a, b) in enumerate(off) if text[a:b] == seed), 0] = 0.5
    return [text[s:e] for _, s, e, _ in decode(text, off, p, [0.15], ["Loaded_Language"], gap_words=0,
                                               sentence_level=frozenset(), extend_threshold=0.05)]


def test_span_decoding_hysteresis_runs_over_abbreviations_but_not_onto_a_sentence_end():
    # review r13b: "Mr." / "U.S." are no sentence ends; the stop token itself never joins a run
    assert _flat("Ms. Vance is a fraud and a coward", "fraud") == ["Ms. Vance is a fraud and a coward"]
    assert _flat("The E.U. council is a bloated nest of cronies.", "bloated") == \
        ["The E.U. council is a bloated nest of cronies"]
    assert _flat("We face a greedy, scheming cartel.", "greedy") == ["We face a greedy, scheming cartel"]
    assert _flat("It was a sham. Voters knew it.", "sham") == ["It was a sham"]
    assert _flat("The plan is a fraud! Nobody believes it", "fraud") == ["The plan is a fraud"]


def test_span_decoding_sentence_of_a_span_runs_over_titles_and_initials():
    from slant.models.span_decoding import sentence_bounds
    text = "He left. Mr. Smith doubts that the U.S. government will ever tell the truth. Then he left."
    i = text.index("doubts")
    a, b = sentence_bounds(text, i, i + len("doubts"))
    assert text[a:b] == "Mr. Smith doubts that the U.S. government will ever tell the truth."
    text = "Did he? Sen. Lee is a crook. Then he left."
    i = text.index("crook")
    a, b = sentence_bounds(text, i, i + len("crook"))
    assert text[a:b] == "Sen. Lee is a crook."


def test_span_decoding_a_number_or_a_date_after_an_abbreviation_does_not_end_the_sentence():
    from slant.models.span_decoding import sentence_bounds
    for text, word in (("He is the No. 1 threat to the nation. Then he left.", "threat"),
                       ("The vote was held in Jan. 2020 to approve it. Then he left.", "approve")):
        i = text.index(word)
        a, b = sentence_bounds(text, i, i + len(word))
        assert text[a:b] == text.split(". Then")[0] + "."


def test_span_decoding_with_every_tokens_clause_marks_finds_the_same_spans():
    """A grid search computes a text's clause marks once, for every token (``marks``); the spans are
    those decode finds with the marks of only the tokens it may grow over, whatever the settings:
    dashes, hyphens, sentence ends, abbreviations and line breaks next to tokens it never reaches."""
    from slant.models.span_decoding import clause_marks

    text = ("Mr. Vance -- a fraud, a coward; a liar! The U.S. plan is a sham. Voters knew it -- all of them.\n"
            "A state-funded outlet: vile, corrupt and weak - sad people? Yes. No one - not even Dr. Poe - cared.")
    off = _tokens(text)
    labels = ["Loaded_Language", "Doubt", "Name_Calling-Labeling"]
    every = clause_marks(text, off)
    rng = np.random.default_rng(5)
    tried = 0
    for _ in range(300):
        p = (rng.random((len(off), len(labels))) ** 3).astype(np.float32)
        thr = float(rng.choice([0.1, 0.15, 0.2, 0.3]))
        ext = float(rng.choice([0.02, 0.05, 0.075]))
        for gap in (0, 1):
            kw = dict(gap_words=gap, extend_threshold=ext, sentence_level=frozenset({"Doubt"}))
            got = decode(text, off, p, [thr] * 3, labels, **kw)
            assert decode(text, off, p, [thr] * 3, labels, marks=every, **kw) == got
            tried += bool(got)
    assert tried > 300  # most draws decode some spans


def test_span_decoding_joins_two_runs_over_an_abbreviation_but_not_over_a_sentence_end():
    label = ["Name_Calling-Labeling"]
    for text, hot, want in (
            ("The corrupt Mr. Vance lies again.", ["corrupt", "Vance"], ["corrupt Mr. Vance"]),
            ("Our No. 1 traitor spoke.", ["No", "traitor"], ["No. 1 traitor"]),
            ("He is corrupt. Vance lies again.", ["corrupt", "Vance"], ["corrupt", "Vance"]),
            ("Such traitors….Cowards all.", ["traitors", "Cowards"], ["traitors", "Cowards"])):
        off = _tokens(text)
        p = _probs(off, text, {label[0]: hot}, label)
        assert [text[s:e] for _, s, e, _ in decode(text, off, p, [0.5], label)] == want, text
