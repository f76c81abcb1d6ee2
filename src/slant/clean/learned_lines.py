"""A learned second stage after the junk rules: a logistic regression over a line's words, letters and place.

The rules (:mod:`slant.clean.junk`, :mod:`slant.clean.junk_categories`) decide first. This model
looks only at the lines they keep that are not full paragraphs of the article (a line of
:data:`ANCHOR_WORDS`+ words that ends like a sentence is a paragraph and never scored), up to
:data:`MAX_WORDS` words, and removes one whose probability reaches the model file's threshold.
Its features are strings looked up in the model file's weight table (no ``hash()``: every
process gives the same answer):

* the line itself: lower-cased words and word pairs (digits folded to ``0``), the letter 3-, 4- and
  5-grams of each word (``<subscr``: carries meaning across wordings the rules were never written
  for), its length band, how it starts and ends, casing, separators and symbols, links;
* where it sits **as the cleaner sees the article**: before the first paragraph the rules keep,
  after the last, or between; whether each neighbour is a paragraph, a short line, or a line the
  rules removed; whether it continues a list of lines that start with the same mark.

Training, validation (leave one writer's sets out) and the figures: :mod:`slant.train.junk_learned`
and docs/cleaning.md, "A learned second stage after the rules". **Off by default, no model file
ships**: left out one writer at a time, at the threshold that keeps every real line, it added 0.4 points of junk
removal to today's rules on the latest writers' sets as written (1.6 points to the rules those sets
met first), short of the 1.5 points on top of today's rules it had to add, and it costs about a
seventh of the cleaning time (``CleanSettings(learned_lines=True, learned_lines_path=...)`` turns it
on with a model file you trained).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from slant.errors import ModelError
from slant.settings import LEARNED_LINES_DEFAULT_PATH

#: a line with more words is never scored (prose: the rules' job)
MAX_WORDS = 30
#: a line of at least this many words that ends like a sentence is a paragraph of the article
ANCHOR_WORDS = 12
#: where a shipped model file would sit; none ships (it did not add enough at a threshold that keeps
#: every real line: docs/cleaning.md, "A learned second stage after the rules"), so the stage is off by default
#: (``CleanSettings.learned_lines``) and takes a model file trained with :mod:`slant.train.junk_learned`
DEFAULT_PATH = LEARNED_LINES_DEFAULT_PATH
#: the reason a line removed by this stage carries in ``Document.removed``
REASON = "learned_junk"

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+")
_ENDS_RE = re.compile(r"[.!?…][\"”’')\]]*$")
_LINK_RE = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b")
_SYMBOLS = "|•·»›→►▶▸©®@#/:()[]–—-+*=_~<>✓✔⚡❤"
_QUOTES = "\"“‘'«”’"
_BANDS = ((2, ""), (4, "3-4"), (6, "5-6"), (9, "7-9"), (14, "10-14"), (20, "15-20"))


def band(n: int) -> str:
    for limit, name in _BANDS:
        if n <= limit:
            return name or str(n)
    return "21+"


def _char_class(ch: str) -> str:
    if ch.isupper():
        return "U"
    if ch.islower():
        return "l"
    if ch.isdigit():
        return "0"
    if ch in _QUOTES:
        return "q"
    if ch in ".!?…":
        return "."
    return ch if ch in ":;,)]" else "s"


def tokens_of(text: str) -> list[str]:
    """A line's lower-cased words, each run of digits folded to ``0``."""
    return [t if not t[0].isdigit() else "0" for t in _TOKEN_RE.findall(text.lower())]


class Line:
    """What the features need of one line, computed once."""

    __slots__ = ("text", "tokens", "n", "para")

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokens_of(text)
        self.n = len(self.tokens)
        self.para = self.n >= ANCHOR_WORDS and bool(_ENDS_RE.search(text))


def own_features(line: Line) -> list[str]:
    """The line's own features: words, word pairs, letter n-grams, shape."""
    text, tokens = line.text, line.tokens
    b = band(line.n)
    out = ["bias", "n:" + b]
    out.extend("w:" + t for t in tokens)
    previous = "<s>"
    for t in tokens:
        out.append("b:" + previous + " " + t)
        previous = t
    out.append("b:" + previous + " </s>")
    for t in tokens:
        w = "<" + t + ">"
        for k in (3, 4, 5):
            out.extend("c:" + w[j:j + k] for j in range(len(w) - k + 1))
    first, last = (_char_class(text[0]), _char_class(text[-1])) if text else ("none", "none")
    out += ["start:" + first, "end:" + last, "end:" + last + "&n:" + b]
    return out + shape_features(text)


def shape_features(text: str) -> list[str]:
    """A line's casing (all capitals, or most words capitalised), digits, separators and symbols, links."""
    out = []
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        out.append("case:upper")
    else:
        words = text.split()
        if len(words) >= 2 and sum(1 for w in words if w[:1].isupper()) / len(words) >= 0.6:
            out.append("case:title")
    if any(c.isdigit() for c in text):
        out.append("has:digit")
    out.extend("sym:" + ch for ch in _SYMBOLS if ch in text)
    if _LINK_RE.search(text):
        out.append("has:link")
    return out


def anchors(lines: Sequence[Line], removed: Sequence[bool]) -> tuple[int, int]:
    """The first and last paragraph the rules keep (``(len, -1)`` when there is none)."""
    at = [i for i, line in enumerate(lines) if line.para and not removed[i]]
    return (at[0], at[-1]) if at else (len(lines), -1)


def context_features(lines: Sequence[Line], removed: Sequence[bool], i: int, first: int, last: int) -> list[str]:
    """Where line ``i`` sits among the article's body lines, as the cleaner sees it after the rules."""
    where = "lead" if i < first else "trail" if i > last else "mid"
    out = ["at:" + where, "at:" + where + "&n:" + band(lines[i].n)]
    mark = lines[i].text[:1]
    if mark and not mark.isalnum():
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and not lines[j].para and lines[j].text[:1] == mark:
                out.append("list:sib")
                break
    for j, name in ((i - 1, "prev"), (i + 1, "next")):
        if j < 0 or j >= len(lines):
            out.append(name + ":edge")
        elif removed[j]:
            out.append(name + ":rulejunk")
        elif lines[j].para:
            out.append(name + ":para")
        else:
            out.append(name + ":short")
    return out


def scorable(line: Line, removed: bool) -> bool:
    """Scored: kept by the rules, 1 to :data:`MAX_WORDS` words, not a paragraph."""
    return not removed and 0 < line.n <= MAX_WORDS and not line.para


def article_features(texts: Sequence[str], removed: Sequence[bool]) -> list[list[str] | None]:
    """Features of every scorable body line (``None`` for the others)."""
    lines = [Line(t) for t in texts]
    first, last = anchors(lines, removed)
    return [own_features(line) + context_features(lines, removed, i, first, last)
            if scorable(line, removed[i]) else None for i, line in enumerate(lines)]


def probability(weights: dict[str, float], feats: Sequence[str]) -> float:
    """``sigmoid(sum of the weights of the features)`` (0.0 below a sum of -30: p < 1e-13), the one
    formula of the stage and of its validation (:mod:`slant.train.junk_learned`)."""
    get = weights.get
    x = sum(get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-x)) if x > -30 else 0.0


#: what to do about a model file that is missing or not one (ModelError's own hint speaks of the
#: persuasion model files, which ship)
_FILE_HINT = ("give the junk_lines.json.gz that `python -m slant.train.junk_learned` wrote, or clean with "
              "CleanSettings(learned_lines=False) to use the rules alone")


class LearnedLines:
    """One model file: ``p = sigmoid(sum of the weights of a line's features)``; removed at ``threshold``."""

    def __init__(self, data: dict) -> None:
        try:
            self.weights: dict[str, float] = {str(k): float(v) for k, v in data["weights"].items()}
            self.threshold = float(data["threshold"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"not a learned junk-line model file (needs 'weights' and 'threshold'): {exc}",
                             hint=_FILE_HINT) from exc
        self.version = str(data.get("version", ""))
        self.meta = data.get("meta", {})

    @classmethod
    def load(cls, path: Path | str) -> "LearnedLines":
        path = Path(path)
        if not path.is_file():
            if path == DEFAULT_PATH:
                raise ModelError("no learned junk-line model ships with Slant",
                                 hint="train one with `python -m slant.train.junk_learned` and give its file as "
                                      "CleanSettings(learned_lines_path=...), or keep learned_lines=False (the rules alone)")
            raise ModelError(f"the learned junk-line model file is missing: {path}", hint=_FILE_HINT)
        opener = gzip.open if path.suffix == ".gz" else open
        try:
            with opener(path, "rt", encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot read the learned junk-line model file {path}: {exc}", hint=_FILE_HINT) from exc
        return cls(data)

    def probability(self, feats: Sequence[str]) -> float:
        return probability(self.weights, feats)

    def scores(self, texts: Sequence[str], removed: Sequence[bool]) -> list[float | None]:
        """Probability per body line (``None`` where not scored: removed by the rules, a paragraph, too long)."""
        return [None if f is None else self.probability(f) for f in article_features(texts, removed)]


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> LearnedLines:
    """The model at ``path`` (default: :data:`DEFAULT_PATH`, where none ships yet), loaded once per process."""
    return LearnedLines.load(path or DEFAULT_PATH)
