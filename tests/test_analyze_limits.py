"""Bounded cost per input (issue 16 #2): a run-on paragraph is read in pieces, nothing is pairwise.

The cost is checked by counting the work (characters scanned, bytes allocated), not by timing:
benchmarks/bench_hostile.py times the real thing.
"""

from __future__ import annotations

import random
import tracemalloc
from types import SimpleNamespace

import numpy as np
import pytest

from slant.analyze.limits import MAX_RULE_CHARS, rule_windows

SENTENCES = [
    "“We will not back down,” said Maria Lopez, the mayor of Springfield.",
    "She added that the council had “no choice” in the matter.",
    "The Russian President told reporters the talks were over.",
    "According to Reuters, officials said the deal was close.",
    "“It is a disgrace,” he said.",
    "Critics called the plan ‘reckless’ and said it would fail",
    "Putin’s spokesman, Dmitry Peskov, denied the report.",
    "He said: “Nothing has changed.",
    "The minister, John Smith, said it was “a good day for the country”.",
    "Analysts warned of a “deep crisis”, the paper reported.",
]


def run_on_paragraph(n_chars: int, seed: int = 3) -> str:
    rnd = random.Random(seed)
    out, size = [], 0
    while size < n_chars:
        s = rnd.choice(SENTENCES)
        out.append(s)
        size += len(s) + 1
    return "A headline about the talks\n\n" + " ".join(out)


def test_rule_windows_cut_long_paragraphs_at_sentence_ends_and_keep_short_ones():
    text = run_on_paragraph(50_000)
    from slant.analyze.attribution_rules import split_sentences

    body = (text.index("\n\n") + 2, len(text))
    sentences = split_sentences(text, *body)
    pieces = rule_windows(text, [(0, 26), body], sentences)
    assert pieces[0] == (0, 26)
    assert pieces[1][0] == body[0] and pieces[-1][1] == body[1]
    assert all(a[1] == b[0] for a, b in zip(pieces[1:], pieces[2:]))  # no gap, no overlap
    assert all(e - s <= MAX_RULE_CHARS for s, e in pieces)
    ends = {e for _, e in sentences}
    assert all(e in ends for _, e in pieces[1:-1])  # cut where a sentence ends
    assert rule_windows("short one", [(0, 9)]) == [(0, 9)]


def test_rule_windows_cut_a_sentence_without_ends_at_spaces():
    text = "word " * 5000
    pieces = rule_windows(text, [(0, len(text))])
    assert all(text[e - 1] == " " for _, e in pieces[:-1])
    assert all(e - s <= MAX_RULE_CHARS for s, e in pieces)


def test_quotes_on_a_run_on_paragraph_scan_each_character_a_bounded_number_of_times(monkeypatch):
    # issue 16 #2: each quote's attribution split the paragraph into sentences from its start, and
    # each unopened quote paired single marks from the paragraph start: the square of its length
    from slant.analyze import attribution_rules as rules
    from slant.analyze.quotes import marks
    from slant.analyze.quotes.assemble import annotate_quotes
    from slant.clean import clean_record
    from slant.ingest.record import RawRecord
    from slant.settings import CleanSettings

    scanned = {"split_sentences": 0, "single_pairs": 0}
    split, pairs = rules.split_sentences, marks._single_pairs

    def counting_split(text, start=0, end=None):
        scanned["split_sentences"] += (len(text) if end is None else end) - start
        return split(text, start, end)

    def counting_pairs(text, lo, hi):
        scanned["single_pairs"] += hi - lo
        return pairs(text, lo, hi)

    monkeypatch.setattr(rules, "split_sentences", counting_split)
    monkeypatch.setattr(marks, "_single_pairs", counting_pairs)
    work = []
    for size in (45_000, 135_000):
        for key in scanned:
            scanned[key] = 0
        text = run_on_paragraph(size)
        doc = clean_record(RawRecord(id="long", source="long.txt", raw=text), CleanSettings())
        annotate_quotes(doc)
        assert len(doc.layers["quotes"]) > size // 1000
        work.append(dict(scanned))
    for name in scanned:
        # three times the text, at most about three times the work (it was nine times: the square)
        assert work[1][name] <= 3.6 * work[0][name], (name, work)


def test_tag_head_runs_long_texts_in_blocks_with_the_same_result_and_bounded_memory(monkeypatch):
    from slant.analyze import entity_features
    from slant.analyze.entity_features import ConvTagHead

    rng = np.random.default_rng(0)
    hidden_dim, feat_dim, channels, k = 384, 6, 128, 3
    weights = {
        "mean": np.zeros(hidden_dim + feat_dim, np.float32), "std": np.ones(hidden_dim + feat_dim, np.float32),
        "conv1_w": rng.normal(size=(k, hidden_dim + feat_dim, channels)).astype(np.float32) * 0.05,
        "conv1_b": np.zeros(channels, np.float32),
        "conv2_w": rng.normal(size=(k, channels, channels)).astype(np.float32) * 0.05,
        "conv2_b": np.zeros(channels, np.float32),
        "conv3_w": rng.normal(size=(k, channels, channels)).astype(np.float32) * 0.05,
        "conv3_b": np.zeros(channels, np.float32),
        "dilations": np.array([1, 2, 4]),
        "out_w": rng.normal(size=(channels, 9)).astype(np.float32), "out_b": np.zeros(9, np.float32),
    }
    head = ConvTagHead.__new__(ConvTagHead)
    head.weights = weights
    n = 30_000
    hidden = rng.normal(size=(n, hidden_dim)).astype(np.float32)
    feats = rng.normal(size=(n, feat_dim)).astype(np.float32)
    monkeypatch.setattr(entity_features, "BLOCK_TOKENS", 10**9)
    whole = head.log_probs(hidden[:3000], feats[:3000])
    monkeypatch.setattr(entity_features, "BLOCK_TOKENS", 1000)
    blocked = head.log_probs(hidden[:3000], feats[:3000])
    np.testing.assert_allclose(blocked, whole, rtol=1e-4, atol=1e-4)
    monkeypatch.setattr(entity_features, "BLOCK_TOKENS", 8192)
    tracemalloc.start()
    head.log_probs(hidden, feats)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # the whole text at once held several copies of (n, 390) floats: ~90 MB each here
    assert peak < 40 * 2**20 + n * 9 * 4, peak


def test_stitcher_fills_each_token_from_its_chunk_as_the_old_per_chunk_scan_did():
    from slant.models import chunking

    rng = np.random.default_rng(1)
    n = 2000
    windows = chunking.plan_windows(n, 254, 64)
    cidx, pos = chunking.stitch_index(n, windows)
    outputs = [rng.normal(size=(e - s + 2, 5)).astype(np.float32) for s, e in windows]
    expected = np.empty((n, 5), np.float32)
    for k in range(len(windows)):
        sel = np.flatnonzero(cidx == k)
        expected[sel] = outputs[k][pos[sel]]
    stitcher = chunking.Stitcher([(n, cidx, pos)])
    for k in reversed(range(len(windows))):  # batches come back in any order
        stitcher.put(0, k, outputs[k])
    np.testing.assert_array_equal(stitcher.result(0, 5), expected)


def test_ranges_answer_overlaps_like_a_scan_of_every_range():
    from slant.analyze.limits import Ranges

    rnd = random.Random(5)
    items = [(s, s + rnd.randint(1, 300)) for s in (rnd.randint(0, 10_000) for _ in range(400))]
    ranges = Ranges(items[:200])
    for s, e in items[200:]:
        assert ranges.overlaps(s, e) == any(ts < e and s < te for ts, te in items[:200])


def test_claims_look_only_at_quotes_near_each_sentence(monkeypatch):
    from slant.analyze import claims
    from slant.analyze.limits import SpanIndex
    from slant.document import Span

    quotes = [Span(i * 100, i * 100 + 40, "direct") for i in range(3000)]
    index = SpanIndex(quotes)
    assert index.indices(150_000, 150_090) == [1500]  # not every one of 3,000 quotes for each sentence
    assert index.indices(0, 10) == [0]
    assert SpanIndex([]).indices(0, 10) == []
    # claim_spans indexes the quotes layer once for all its sentences
    built = []
    monkeypatch.setattr(claims, "SpanIndex", lambda items: built.append(1) or SpanIndex(items))
    doc = SimpleNamespace(layers={"quotes": quotes}, text="x" * 300_000)
    sentences = [Span(i * 100, i * 100 + 90, "sentence") for i in range(50)]
    claims.claim_spans(doc, [0.2] * 50, 0.5, sentences)
    assert len(built) == 1


def test_span_index_answers_like_a_scan_of_every_span():
    from slant.analyze.limits import SpanIndex

    rnd = random.Random(7)
    spans = [(s, s + rnd.randint(0, 300)) for s in (rnd.randint(0, 10_000) for _ in range(300))]
    index = SpanIndex(spans, bounds=lambda x: x)
    for _ in range(300):
        s = rnd.randint(-50, 10_300)
        e = s + rnd.randint(0, 400)
        scan = [i for i, (a, b) in enumerate(spans) if a < e and s < b]
        assert index.indices(s, e) == scan
        assert index.overlapping(s, e) == sorted((spans[i] for i in scan), key=lambda x: x[0])


def test_dates_in_a_run_on_line_look_at_a_bounded_window(monkeypatch):
    # each date scanned its whole line (to find the line's ends, and for a tweet mark before it):
    # the square of a megabyte line
    from slant.clean import dates

    seen = []

    class Recording:
        def __init__(self, pattern):
            self.pattern = pattern

        def search(self, text, *args):
            seen.append(len(text))
            return self.pattern.search(text, *args)

    monkeypatch.setattr(dates, "_TWEET_BEFORE_RE", Recording(dates._TWEET_BEFORE_RE))
    line = " ".join(f"The vote on March {1 + i % 28}, 2021 was delayed again." for i in range(3000))
    dates.resolve_date("A headline\n\n" + line)
    assert seen and max(seen) <= dates.LINE_WINDOW


def test_sentence_starts_lookup_survives_another_document_in_between():
    """The sentence-starts memo of quote marks is shared by every thread (the web app and Dask run
    several documents at once). A lookup interleaved with another document's (simulated here by a
    length check that runs one) used to answer with the other document's starts."""
    from slant.analyze.quotes import marks

    other = [(0, 5), (6, 9)]

    class Interleaved(list):
        calls = 0

        def __len__(self):
            Interleaved.calls += 1
            if Interleaved.calls == 2:  # the second lookup of this list: another document goes first
                marks._starts_of(other)
            return super().__len__()

    mine = Interleaved([(100, 140), (141, 180), (181, 200)])
    assert marks._starts_of(mine) == [100, 141, 181]
    assert marks._starts_of(mine) == [100, 141, 181]
    assert marks._sentence_around(mine, 150) == (141, 200)
