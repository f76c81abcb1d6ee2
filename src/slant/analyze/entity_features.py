"""Case and shape features per encoder token, and the numpy NER head that reads them.

The shared encoder is uncased, so "Bush" and "bush", "US" and "us" reach it as the same ids. The
entity head gets what capitalisation says back through these features, computed from the text and
each token's character offsets only; training (``slant.train.ner``) and inference import this one
module, so the features a head was trained on are exactly the ones it sees at run time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from slant.errors import ModelError

#: BIO tags over the four CoNLL-2003 types. Order matters: it is the head's output order.
TYPES = ("PER", "ORG", "LOC", "MISC")
TAGS = ("O",) + tuple(f"{p}-{t}" for t in TYPES for p in ("B", "I"))
TAG_INDEX = {t: i for i, t in enumerate(TAGS)}

_SENTENCE_END = set(".!?\n:;")
_OPENERS = set("\"'“‘«([-—–")
_WORD = re.compile(r"\S+")
_LETTER = re.compile(r"[^\W\d_]")

FEATURE_NAMES = (
    "token_initial_upper",  # the token's first character is an upper-case letter
    "token_all_upper",  # every letter of the token is upper case
    "token_has_lower",
    "token_has_digit",
    "token_is_punct",
    "token_continues_word",  # a word piece glued to the previous token (no space, both alphanumeric)
    "word_initial_upper",  # the whitespace word holding the token starts upper case
    "word_title_case",  # Upper then lower only ("Putin")
    "word_inner_upper",  # upper case after the first letter in a mixed word ("McDonald", "iPhone")
    "word_all_upper",  # "NATO", or a shouted headline word
    "sentence_initial",  # first word of a sentence or line: capitals there say little
    "line_mostly_upper",  # the line is a shouted headline: capitals there say nothing
    "seen_capitalised_inside",  # the same word appears capitalised mid-sentence elsewhere in the text
    "seen_lowercase",  # the same word appears in lower case elsewhere in the text
    "word_has_period",  # "U.S.", "Mr."
    "word_has_hyphen",
)
N_FEATURES = len(FEATURE_NAMES)


def _word_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    starts, ends = [], []
    for m in _WORD.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)


def _strip_word(word: str) -> str:
    return word.strip("\"'“”‘’«»()[]{},.;:!?—–-")


def _is_sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and (text[i] in " \t" or text[i] in _OPENERS):
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def case_features(text: str, offsets: np.ndarray) -> np.ndarray:
    """Features (n_tokens, N_FEATURES) float32 for tokens with character ``offsets`` into ``text``."""
    n = len(offsets)
    feats = np.zeros((n, N_FEATURES), dtype=np.float32)
    if n == 0:
        return feats
    w_starts, w_ends = _word_bounds(text)
    # Lines that are mostly upper case (headlines, datelines) make capitals meaningless.
    line_upper: dict[int, bool] = {}
    # Document-level evidence: how each word is spelled elsewhere.
    capitalised_inside: set[str] = set()
    lowercase_seen: set[str] = set()
    for ws, we in zip(w_starts, w_ends):
        word = _strip_word(text[ws:we])
        if not word or not _LETTER.search(word[0]):
            continue
        key = word.lower()
        if word[0].isupper():
            if not _is_sentence_initial(text, int(ws)) and not word.isupper():
                capitalised_inside.add(key)
        elif word.islower():
            lowercase_seen.add(key)
    word_index = np.searchsorted(w_starts, offsets[:, 0], side="right") - 1
    prev_end = -1
    for i in range(n):
        s, e = int(offsets[i, 0]), int(offsets[i, 1])
        tok = text[s:e]
        f = feats[i]
        letters = [c for c in tok if c.isalpha()]
        if tok[:1].isupper():
            f[0] = 1
        if letters and all(c.isupper() for c in letters):
            f[1] = 1
        if any(c.islower() for c in letters):
            f[2] = 1
        if any(c.isdigit() for c in tok):
            f[3] = 1
        if tok and not any(c.isalnum() for c in tok):
            f[4] = 1
        if i > 0 and s == prev_end and tok[:1].isalnum() and text[s - 1:s].isalnum():
            f[5] = 1
        prev_end = e
        wi = int(word_index[i])
        if wi < 0:
            continue
        ws, we = int(w_starts[wi]), int(w_ends[wi])
        raw_word = text[ws:we]
        word = _strip_word(raw_word)
        wletters = [c for c in word if c.isalpha()]
        if word[:1].isupper():
            f[6] = 1
        if len(word) > 1 and word[0].isupper() and word[1:].islower():
            f[7] = 1
        if len(wletters) > 1 and any(c.isupper() for c in wletters[1:]) and any(c.islower() for c in wletters):
            f[8] = 1
        if len(wletters) > 1 and all(c.isupper() for c in wletters):
            f[9] = 1
        if _is_sentence_initial(text, ws):
            f[10] = 1
        line_start = text.rfind("\n", 0, ws) + 1
        if line_start not in line_upper:
            line_end = text.find("\n", ws)
            line = text[line_start:line_end if line_end != -1 else len(text)]
            letters_line = [c for c in line if c.isalpha()]
            uppers = sum(c.isupper() for c in letters_line)
            line_upper[line_start] = len(letters_line) >= 8 and uppers >= 0.8 * len(letters_line)
        f[11] = 1 if line_upper[line_start] else 0
        key = word.lower()
        f[12] = 1 if key in capitalised_inside else 0
        f[13] = 1 if key in lowercase_seen else 0
        f[14] = 1 if "." in word else 0
        f[15] = 1 if "-" in word else 0
    return feats


@dataclass
class NerHead:
    """A two-layer 1-D convolution over [encoder state ; case features] with a BIO softmax.

    Weights: ``conv1_w`` (k, in, hidden), ``conv1_b``, ``conv2_w`` (k, hidden, hidden), ``conv2_b``,
    ``out_w`` (hidden, tags), ``out_b``, and ``mean``/``std`` for the input standardisation.
    """

    weights: dict[str, np.ndarray]

    @classmethod
    def load(cls, path: str | Path) -> "NerHead":
        """Load the head from its ``.npz`` file."""
        path = Path(path)
        if not path.is_file():
            raise ModelError(f"entity head {path} is missing")
        with np.load(path, allow_pickle=False) as data:
            weights = {k: data[k] for k in data.files}
        tags = tuple(str(t) for t in weights.get("tags", np.asarray(TAGS)))
        if tags != TAGS:
            raise ModelError(f"entity head {path} has tags {tags}, expected {TAGS}")
        return cls(weights)

    @property
    def hidden_size(self) -> int:
        return int(self.weights["conv1_w"].shape[1]) - N_FEATURES

    def log_probs(self, hidden: np.ndarray, feats: np.ndarray) -> np.ndarray:
        """Per-token log-probabilities (n, len(TAGS)) from encoder states and case features."""
        w = self.weights
        x = np.concatenate([hidden.astype(np.float32), feats.astype(np.float32)], axis=1)
        x = (x - w["mean"]) / w["std"]
        x = np.maximum(_conv1d(x, w["conv1_w"], w["conv1_b"]), 0.0)
        x = np.maximum(_conv1d(x, w["conv2_w"], w["conv2_b"]), 0.0) + x
        logits = x @ w["out_w"] + w["out_b"]
        logits -= logits.max(axis=1, keepdims=True)
        return logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))


def _conv1d(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """'Same' 1-D convolution over the token axis: x (n, in), weight (k, in, out)."""
    k = weight.shape[0]
    pad = k // 2
    n = x.shape[0]
    padded = np.zeros((n + 2 * pad, x.shape[1]), dtype=np.float32)
    padded[pad:pad + n] = x
    out = np.broadcast_to(bias, (n, weight.shape[2])).astype(np.float32)
    for j in range(k):
        out = out + padded[j:j + n] @ weight[j]
    return out


def _allowed_transitions() -> np.ndarray:
    """allowed[a, b]: may tag b follow tag a? (I-X only after B-X or I-X)."""
    n = len(TAGS)
    allowed = np.ones((n, n), dtype=bool)
    for b, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            for a, prev in enumerate(TAGS):
                allowed[a, b] = prev[2:] == tag[2:] and prev != "O"
    return allowed


ALLOWED = _allowed_transitions()
_START_ALLOWED = np.array([not t.startswith("I-") for t in TAGS])


def viterbi(log_probs: np.ndarray, continues_word: np.ndarray | None = None) -> np.ndarray:
    """Best valid BIO path through ``log_probs`` (n, tags).

    A word piece that continues a word (``continues_word[i]``) may not open a new entity or end
    one: it takes I-X if the piece before it is inside X, else O. This keeps spans on word edges.
    """
    n, t = log_probs.shape
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    neg = np.float32(-1e9)
    trans = np.where(ALLOWED, 0.0, neg).astype(np.float32)
    score = np.where(_START_ALLOWED, log_probs[0], neg)
    back = np.zeros((n, t), dtype=np.int64)
    glue = np.zeros((t, t), dtype=np.float32)
    for a, prev in enumerate(TAGS):
        for b, tag in enumerate(TAGS):
            ok = (prev == "O" and tag == "O") or (prev != "O" and tag == f"I-{prev[2:]}")
            glue[a, b] = 0.0 if ok else neg
    for i in range(1, n):
        step = trans if continues_word is None or not continues_word[i] else trans + glue
        cand = score[:, None] + step
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + log_probs[i]
    path = np.zeros(n, dtype=np.int64)
    path[-1] = int(score.argmax())
    for i in range(n - 1, 0, -1):
        path[i - 1] = back[i, path[i]]
    return path


def tags_to_spans(path: np.ndarray) -> list[tuple[int, int, str]]:
    """Token ranges ``(a, b, type)`` of the entities in a BIO tag path."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, idx in enumerate(list(path) + [0]):
        tag = TAGS[int(idx)]
        if start >= 0 and not (tag.startswith("I-") and tag[2:] == kind):
            spans.append((start, i, kind))
            start = -1
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, kind = i, tag[2:]
    return spans
