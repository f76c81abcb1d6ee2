"""Token probabilities -> technique spans a reader can use.

Per technique, tokens whose (calibrated) probability reaches the technique's threshold are cut
into runs (with hysteresis, ``extend_threshold``: a run started by such a token grows over its
neighbouring tokens while their probability stays at or above the lower threshold, never across
a clause boundary); the runs are then made readable:

* snapped to whole words;
* joined across small gaps (at most ``GAP_WORDS`` words) when no sentence or clause boundary
  (``. ! ? ; :`` or a line break) lies between them;
* techniques whose gold spans cover most of a sentence (measured on the SemEval-2023 English
  training spans: median span / sentence length >= 0.6 for Doubt, Causal oversimplification,
  Appeal to authority, ...) are grown to the sentence that carries them;
* spans of stop words or punctuation only, or shorter than 3 characters, are dropped.

Each span's score is the highest token probability inside it (the probability that at least this
part of the sentence carries the technique, as calibrated on out-of-fold tokens).
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from slant.models.heads import expand_to_words

#: Gold-span length per technique in the SemEval-2023 English training spans, as the median share
#: of its sentence (measured by slant.train.cv; see the model card). >= 0.6 -> sentence-level.
SENTENCE_LEVEL = frozenset({
    "Doubt", "Causal_Oversimplification", "Appeal_to_Authority", "False_Dilemma-No_Choice",
    "Guilt_by_Association", "Appeal_to_Hypocrisy", "Whataboutism", "Straw_Man", "Appeal_to_Popularity",
    "Appeal_to_Fear-Prejudice", "Consequential_Oversimplification", "Appeal_to_Values",
})
#: Tokens of one technique separated by at most this many words inside a clause become one span.
#: The default for callers that give none; the shipped model sets its own, chosen out of fold
#: (persuasion.json "span_decoding": 0 words, i.e. runs joined across spaces and punctuation
#: inside a clause only; see the model card).
GAP_WORDS = 1

STOP_WORDS = frozenset("""
a an the of to in on at by for from with and or but nor so yet as if than that this these those
it its is are was were be been being am do does did has have had not no i you he she we they me
him her us them my your his our their who whom whose which what when where why how all any each
s t just very too also there here then up down out over about into onto upon off
""".split())

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_BOUNDARY = re.compile(r"[.!?;:\n]")
_CLAUSE_END = re.compile(r"[!?;:\n]")
#: the letters that end a stretch of text ("Mr" in "… Mr"): the word before a full stop
_LAST_LETTERS = re.compile(r"([A-Za-z]+)$")
#: hysteresis also stops at a comma (an experiment; see the model card)
EXTEND_STOPS_AT_COMMA = False


def _is_dash(text: str, a: int, b: int) -> bool:
    """A dash between words (an em or en dash, or a hyphen in " -- " or " - "), not a hyphen in a word."""
    piece = text[a:b]
    if piece in ("\u2014", "\u2013", "--"):
        return True
    return piece == "-" and (text[b:b + 1] == "-" or text[a - 1:a] == "-" or (a > 0 and text[a - 1].isspace()))


#: short capitalised words that end with a full stop inside a sentence ("Mr. Smith", "Gen. Lee"); a
#: single letter ("U.S.", "J. Smith") is read so too
_ABBREVIATIONS = frozenset("""
mr mrs ms dr st gen sen rep gov lt col capt prof rev sgt mt ft messrs no jan feb aug sept oct nov dec
""".split())
_CLOSERS = "\"”’')]"


def _ends_sentence(text: str, b: int) -> bool:
    """Does the full stop at ``text[b - 1]`` end a sentence: the text ends after it (and any closing
    quotes), or a line break or a space and a capital, digit or opening mark follows, and the word
    before it is no abbreviation ("Mr. Smith", "U.S. government", "the U.S." + lower case go on)."""
    j = b
    while j < len(text) and text[j] in _CLOSERS:
        j += 1
    if j < len(text):
        if not text[j].isspace():
            return False
        while j < len(text) and text[j] in " \t":
            j += 1
        if j < len(text) and text[j] != "\n" and not (text[j].isupper() or text[j].isdigit() or text[j] in "\"“‘'("):
            return False
    return not _after_abbreviation(text, b)


def _after_abbreviation(text: str, b: int) -> bool:
    """Is the full stop at ``text[b - 1]`` an abbreviation's or an initial's ("Mr.", "No.", "Jan.",
    "J.", "U.S.")? Such a stop ends no sentence, whatever follows it."""
    m = _LAST_LETTERS.search(text[max(0, b - 12):b - 1])
    if m is None:
        return False
    word = m.group(1)
    preceded = b - 1 - len(word) - 1
    if preceded >= 0 and text[preceded] == ".":
        return True  # "U.S." (its last letter after another full stop)
    return (len(word) == 1 and word.isupper()) or (word[0].isupper() and word.lower() in _ABBREVIATIONS)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (between . ! ? or line breaks) around ``[start, end)``, trimmed of spaces; a full
    stop after a title or an initial ("Mr. Smith", "U.S. forces") does not end it."""
    a = start
    while a > 0:
        ch = text[a - 1]
        if ch == "\n" or (ch in "!?" and (a >= len(text) or text[a].isspace())) or (
                ch == "." and (a >= len(text) or text[a].isspace()) and _ends_sentence(text, a)):
            break
        a -= 1
    b = end
    # a span that already ends a sentence ("... lies." + space) keeps its end
    k = b
    while k > a and text[k - 1] in "\"”’'":
        k -= 1
    done = k > a and text[k - 1] in ".!?" and (b >= len(text) or text[b].isspace()) and (
        text[k - 1] != "." or _ends_sentence(text, k))
    while not done and b < len(text):
        ch = text[b]
        if ch == "\n":
            break
        if ch in ".!?" and (b + 1 >= len(text) or text[b + 1].isspace() or text[b + 1] in "\"”’'") and (
                ch != "." or _ends_sentence(text, b + 1)):
            b += 1
            while b < len(text) and text[b] in "\"”’'":
                b += 1
            break
        b += 1
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def usable(text: str, start: int, end: int) -> bool:
    """A span a reader can use: at least 3 characters and one word that is not a stop word."""
    piece = text[start:end]
    if len(piece.strip()) < 3:
        return False
    return any(w.lower() not in STOP_WORDS and any(ch.isalnum() for ch in w) for w in _WORD.findall(piece))


def _boundary_between(text: str, a: int, b: int) -> bool:
    """Does ``text[a:b]`` hold a clause boundary: a line break, ``! ? ; :``, or a full stop that is no
    abbreviation's (:func:`_after_abbreviation`, as sentence ends know it: "Mr.", "U.S.", "No. 1", "Jan. 2020")?"""
    return any(m.group() != "." or not _after_abbreviation(text, m.end()) for m in _BOUNDARY.finditer(text, a, b))


def _joinable(text: str, end: int, start: int, gap_words: int = GAP_WORDS) -> bool:
    return not _boundary_between(text, end, start) and len(_WORD.findall(text, end, start)) <= gap_words


def clause_marks(text: str, offsets: np.ndarray, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per token (only ``rows`` if given; others False): ``stop``, the token ends a clause (it is
    ``! ? ; :`` or a full stop that ends a sentence, :func:`_ends_sentence`), and ``fresh``, a clause boundary (a line break or such
    punctuation) lies in the gap before it. Hysteresis never grows a run over either."""
    n = len(offsets)
    stop, fresh = np.zeros(n, bool), np.zeros(n, bool)
    for k in (range(n) if rows is None else rows.tolist()):
        a, b = int(offsets[k, 0]), int(offsets[k, 1])
        piece = text[a:b]
        if _CLAUSE_END.search(piece) or (piece.endswith(".") and _ends_sentence(text, b)):
            stop[k] = True
        if _is_dash(text, a, b) or (EXTEND_STOPS_AT_COMMA and piece == ","):
            fresh[k] = True  # a dash (or comma) stands alone: runs grow neither into nor across it
            if k + 1 < n:
                fresh[k + 1] = True
        if k > 0 and _boundary_between(text, int(offsets[k - 1, 1]), a):
            fresh[k] = True
    return stop, fresh


def _hysteresis_runs(above: np.ndarray, low: np.ndarray, stop: np.ndarray, fresh: np.ndarray) -> list[tuple[int, int]]:
    """Token runs ``[a, b)`` of ``low`` tokens that hold a token of ``above``, grown from those
    tokens without crossing a clause boundary (a clause-ending token closes its run)."""
    ext = above | (low & ~stop)  # a run grows up to a clause-ending token, never onto it ("elite", not "elite.")
    if not ext.any():
        return []
    cut = fresh.copy()
    cut[1:] |= stop[:-1]
    prev = np.concatenate(([False], ext[:-1]))
    starts = ext & (~prev | cut)
    seg = np.cumsum(starts) - 1  # stretch number of each ext token
    idx = np.flatnonzero(ext)
    n_seg = int(starts.sum())
    seeded = np.bincount(seg[idx], weights=above[idx], minlength=n_seg) > 0
    first = np.flatnonzero(starts)
    last = np.full(n_seg, -1)
    np.maximum.at(last, seg[idx], idx)
    return [(int(first[g]), int(last[g]) + 1) for g in np.flatnonzero(seeded)]


def decode(text: str, offsets: np.ndarray, probs: np.ndarray, thresholds: Sequence[float],
           labels: Sequence[str], enabled: Sequence[bool] | None = None, *, gap_words: int = GAP_WORDS,
           sentence_level: frozenset[str] = SENTENCE_LEVEL,
           extend_threshold: float | None = None,
           marks: tuple[np.ndarray, np.ndarray] | None = None) -> list[tuple[str, int, int, float]]:
    """Spans ``(technique, start, end, score)`` sorted by start; see the module docstring.
    ``gap_words``, ``sentence_level`` and ``extend_threshold`` (hysteresis; None: off) default to
    the shipped choices (training varies them).

    ``marks``: :func:`clause_marks` of every token of the text, from a caller that decodes one text
    under many settings (a grid search). Hysteresis finds the same runs with them as with the marks
    of the tokens it may grow over, which it computes itself otherwise: a token it never grows over
    is outside every run, so its marks are never read, and the tokens after it start a run anyway."""
    out: list[tuple[str, int, int, float]] = []
    if probs.shape[0] == 0:
        return out
    thresholds = np.asarray(thresholds, dtype=np.float32)
    above = probs >= thresholds[None, :]
    for j in np.flatnonzero(above.any(0)):
        if enabled is not None and not enabled[j]:
            continue
        label = labels[j]
        if extend_threshold is not None and extend_threshold < thresholds[j]:
            if marks is None:
                marks = clause_marks(text, offsets, np.flatnonzero((probs >= extend_threshold).any(1)))
            token_runs = _hysteresis_runs(above[:, j], probs[:, j] >= extend_threshold, *marks)
        else:
            col = above[:, j].astype(np.int8)
            edges = np.diff(np.concatenate(([0], col, [0])))
            token_runs = zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1))
        runs = []
        for a, b in token_runs:
            s, e = expand_to_words(text, int(offsets[a, 0]), int(offsets[b - 1, 1]))
            runs.append([s, e, float(probs[a:b, j].max())])
        merged: list[list] = []
        for run in runs:
            if label in sentence_level:
                run[0], run[1] = sentence_bounds(text, run[0], run[1])
            if merged and (run[0] <= merged[-1][1] or _joinable(text, merged[-1][1], run[0], gap_words)):
                merged[-1][1] = max(merged[-1][1], run[1])
                merged[-1][2] = max(merged[-1][2], run[2])
            else:
                merged.append(run)
        for s, e, score in merged:
            if usable(text, s, e):
                out.append((label, s, e, score))
    out.sort(key=lambda x: (x[1], -x[2], x[0]))
    return out
