"""What the claim head reads for one sentence: its pooled encoder states and a few surface cues.

Training (:mod:`slant.train.claims`) and the component (:mod:`slant.analyze.claims`) both call
:func:`sentence_features`, so the head meets at run time exactly the features it was fitted on.
"""

from __future__ import annotations

import bisect
import re
import zlib
from typing import Sequence

import numpy as np

from slant.models import chunking

#: surface cues of checkable statements (numbers, dates, money, records, comparisons) and of
#: statements that are not (first-person belief, questions, thanks); each becomes a 0/1 feature.
#: The encoder states carry most of this, but MiniLM tokenises numbers into pieces whose pooled
#: states say little about "a number was here", and the cues are cheap.
LEXICAL_CUES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
        ("digit", r"\d"),
        ("percent", r"\d\s*%|\bper ?cent\b"),
        ("money", r"[$€£]\s*\d|\b\d[\d,.]*\s*(?:dollars|billion|million|trillion)\b"),
        ("number_word", r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|"
                        r"million|billion|trillion|half|twice|double|triple)\b"),
        ("year", r"\b(?:1[89]|20)\d\d\b"),
        ("comparative", r"\b(?:more|less|fewer|higher|lower|largest|biggest|highest|lowest|most|"
                        r"least|record|increase[sd]?|decrease[sd]?|rose|fell|doubled|cut)\b"),
        ("past_event", r"\b(?:was|were|had|did|voted|passed|signed|said|sent|invaded|killed|"
                       r"rejected|announced|reported)\b"),
        ("first_person_view", r"\bI (?:think|believe|feel|hope|want|will|would|am going)\b"),
        ("we_will", r"\bwe (?:will|must|should|need|can|have to|are going to)\b"),
        ("question", r"\?\s*$"),
        ("thanks", r"\b(?:thank you|thanks|good evening|good night|congratulations)\b"),
        ("modal", r"\b(?:should|must|ought|would|could|might|may)\b"),
    ))


#: the same cues for lower-cased text, without IGNORECASE (which made Python's regex engine about
#: twice as slow here); the patterns hold no upper-case escapes, so lower-casing them is safe
_LOWER_CUES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (name, re.compile(pattern.pattern.lower())) for name, pattern in LEXICAL_CUES)


def lexical_features(sentence: str) -> np.ndarray:
    """0/1 surface cues of one sentence, plus its length in words (scaled)."""
    out = np.zeros(len(LEXICAL_CUES) + 1, dtype=np.float32)
    for i, (_, pattern) in enumerate(LEXICAL_CUES):
        out[i] = 1.0 if pattern.search(sentence) else 0.0
    out[-1] = min(len(sentence.split()), 60) / 30.0
    return out


def feature_width(hidden: int) -> int:
    """Width of one sentence's feature row for an encoder of ``hidden`` units."""
    return 2 * hidden + len(LEXICAL_CUES) + 1


def lexical_matrix(text: str, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """:func:`lexical_features` of every span (sorted, not overlapping) of one text at once: each cue's
    regex runs over the whole text and its matches go to the span holding them, instead of twelve
    searches per sentence (a third of the claim head's time on articles of short sentences)."""
    out = np.zeros((len(spans), len(LEXICAL_CUES) + 1), dtype=np.float32)
    if not len(spans):
        return out
    starts = [s for s, _ in spans]
    lo, hi = spans[0][0], max(e for _, e in spans)
    lower = text.lower()
    cues = _LOWER_CUES if len(lower) == len(text) else LEXICAL_CUES  # offsets must stay put
    text = lower if cues is _LOWER_CUES else text
    for j, (name, pattern) in enumerate(cues):
        if name == "question":  # anchored at the sentence's end: per sentence
            for i, (s, e) in enumerate(spans):
                out[i, j] = 1.0 if pattern.search(text, s, e) else 0.0
            continue
        for m in pattern.finditer(text, lo, hi):
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and m.end() <= spans[k][1]:
                out[k, j] = 1.0
    for i, (s, e) in enumerate(spans):
        out[i, -1] = min(len(text[s:e].split()), 60) / 30.0
    return out


def sentence_features(text: str, offsets: np.ndarray, states: np.ndarray,
                      spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """One row per character span: [mean(states), max(states), lexical cues] of its tokens.

    ``offsets`` (n, 2) and ``states`` (n, hidden) are one document's stitched token offsets and
    encoder states (the persuasion model's pass); a span without tokens gets zero states. Spans
    are sorted and do not overlap (a document's sentences).
    """
    hidden = states.shape[-1] if states.ndim == 2 else 384
    out = np.zeros((len(spans), feature_width(hidden)), dtype=np.float32)
    if not len(spans):
        return out
    ranges = chunking.token_ranges(np.asarray(offsets).reshape(-1, 2), spans)
    for i, (a, b) in enumerate(ranges):
        if b > a:
            block = np.asarray(states[a:b], dtype=np.float32)
            out[i, :hidden] = block.mean(0)
            out[i, hidden:2 * hidden] = block.max(0)
    out[:, 2 * hidden:] = lexical_matrix(text, spans)
    return out


#: words for the n-gram features: letters (with an inner apostrophe), numbers (with a percent
#: sign), and the symbols that mark money and questions
NGRAM_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|\d+(?:[.,]\d+)*%?|[$€£%?]")
#: hashed n-gram buckets: 2**18 keeps collisions rare for ClaimBuster's ~60,000 distinct 1-2 grams
#: while only the buckets seen in training (a few tens of thousands) ship
NGRAM_BUCKETS = 2 ** 18


def gram_keys(sentence: str) -> list[int]:
    """The hashed bucket of each lower-cased unigram and bigram of a sentence, repeats kept (the one
    hashing that training and the run-time head share)."""
    words = [w.lower() for w in NGRAM_WORD.findall(sentence)]
    grams = words + [f"{a} {b}" for a, b in zip(words, words[1:])]
    return [zlib.crc32(gram.encode("utf-8")) % NGRAM_BUCKETS for gram in grams]


def ngram_buckets(sentence: str) -> tuple[np.ndarray, np.ndarray]:
    """Hashed lower-cased unigrams and bigrams of a sentence: (bucket ids, 1 + log count), unique ids."""
    keys = gram_keys(sentence)
    if not keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    counts: dict[int, int] = {}
    for bucket in keys:
        counts[bucket] = counts.get(bucket, 0) + 1
    buckets = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
    return buckets, (1.0 + np.log([counts[b] for b in buckets.tolist()])).astype(np.float32)
