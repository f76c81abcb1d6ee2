"""A learned junk-line model to sit beside the rules: a logistic regression over a line's words and shape.

Meant to look only at the short and medium lines the rules (:mod:`slant.clean.junk`,
:mod:`slant.clean.junk_categories`) keep, up to ``max_words`` words, and to remove one whose
probability reaches the model file's threshold. **Not wired into** :func:`slant.clean.clean_record`
and no model file is shipped: validated out of fold by writer (:mod:`slant.train.junk_lines`), it
did not add enough at a threshold that keeps every real paragraph (docs/cleaning.md, "A learned
line model beside the rules"). Its features are strings, looked up in the model file's
explicit weight table (no ``hash()``, so every process gives the same answer): the line's
lower-cased words and word pairs (digits folded to ``0``), its first word, its length band,
how it starts and ends, casing, separators and symbols (``| • → © @ #``), links, where it sits
(before the first long sentence, after the last one, or between). Nothing of the lines around
it: the hand-written sets it learns from place their junk lines alone between paragraphs, so
neighbour features would learn that layout, not real pages (with them, out-of-fold figures on those
layouts were much higher and meant nothing). Training, validation and the figures are in
:mod:`slant.train.junk_lines`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Sequence

# the words, the sentence end, the band of a word count, the shape and the start/end classes are the
# learned second stage's, but for "!" and "?", which end a line as themselves here
from slant.clean.learned_lines import _ENDS_RE as _ENDS_SENTENCE_RE
from slant.clean.learned_lines import _char_class as _stage_char_class
from slant.clean.learned_lines import band as _band
from slant.clean.learned_lines import shape_features, tokens_of

#: lines longer than this (in words) are never scored: prose, and the rules' job
MAX_WORDS = 30
#: a line of at least this many words that ends like a sentence anchors the article's body
ANCHOR_MIN_WORDS = 12


def _char_class(ch: str) -> str:
    return ch if ch in ".!?" else _stage_char_class(ch)


class LineInfo:
    """What the features need of one line, computed once per line."""

    __slots__ = ("text", "tokens", "n", "ends_sentence")

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokens_of(text)
        self.n = len(self.tokens)
        self.ends_sentence = bool(_ENDS_SENTENCE_RE.search(text))


def line_infos(lines: Sequence[str]) -> list[LineInfo]:
    return [LineInfo(line) for line in lines]


#: a word longer than this also gives its first STEM_CHARS letters as a feature ("subscr" for
#: subscribe, subscribers, subscription)
STEM_CHARS = 6


def stem_features(tokens: Sequence[str]) -> list[str]:
    return ["p:" + t[:STEM_CHARS] for t in tokens if len(t) > STEM_CHARS]


def _anchors(infos: Sequence[LineInfo]) -> tuple[int, int]:
    """Index of the first and last line that reads as a paragraph (long, ends like a sentence)."""
    at = [i for i, info in enumerate(infos) if info.n >= ANCHOR_MIN_WORDS and info.ends_sentence]
    return (at[0], at[-1]) if at else (len(infos), -1)


def features(infos: Sequence[LineInfo], i: int, first_anchor: int, last_anchor: int,
             place: bool = True, stems: bool = False) -> list[str]:
    """The feature strings of line ``i`` among the article's body lines; ``place``: also where it sits
    (before the first line that reads as a paragraph, after the last, or between)."""
    info = infos[i]
    text = info.text
    tokens = info.tokens
    band = _band(info.n)
    out = ["bias"]
    out.extend("w:" + t for t in tokens)
    if stems:
        out.extend(stem_features(tokens))
    previous = "<s>"
    for t in tokens:
        out.append("b:" + previous + " " + t)
        previous = t
    out.append("b:" + previous + " </s>")
    out.append("n:" + band)
    first = _char_class(text[0]) if text else "none"
    last = _char_class(text[-1]) if text else "none"
    out.append("start:" + first)
    out.append("end:" + last)
    out.append("end:" + last + "&n:" + band)
    out.extend(shape_features(text))
    if place:
        if i < first_anchor:
            where = "lead"
        elif i > last_anchor:
            where = "trail"
        else:
            where = "mid"
        out.append("at:" + where)
        out.append("at:" + where + "&n:" + band)
    return out


class LineModel:
    """The weights of one model file: ``p = sigmoid(sum of the weights of a line's features)``."""

    def __init__(self, data: dict) -> None:
        self.weights: dict[str, float] = data["weights"]
        self.threshold: float = float(data["threshold"])
        self.max_words: int = int(data.get("max_words", MAX_WORDS))
        self.version: str = str(data.get("version", ""))
        self.place: bool = bool(data.get("place", True))
        self.stems: bool = bool(data.get("stems", False))

    @classmethod
    def load(cls, path: Path | str) -> "LineModel":
        return cls(json.loads(Path(path).read_text("utf-8")))

    def logit(self, feats: Sequence[str]) -> float:
        get = self.weights.get
        return sum(get(f, 0.0) for f in feats)

    def scores(self, lines: Sequence[str], only: Sequence[bool] | None = None) -> list[float | None]:
        """Probability per line (``None`` for a line not scored: too long, or not in ``only``)."""
        infos = line_infos(lines)
        first_anchor, last_anchor = _anchors(infos)
        out: list[float | None] = []
        for i, info in enumerate(infos):
            if (only is not None and not only[i]) or info.n > self.max_words or info.n == 0:
                out.append(None)
                continue
            x = self.logit(features(infos, i, first_anchor, last_anchor, self.place, self.stems))
            out.append(1.0 / (1.0 + math.exp(-x)) if x > -30 else 0.0)
        return out
