"""Case and shape features per encoder token, and the numpy NER head that reads them.

The shared encoder is uncased, so "Bush" and "bush", "US" and "us" reach it as the same ids. The
entity head gets what capitalisation says back through these features, computed from the text and
each token's character offsets only; training (``slant.train.ner``) and inference import this one
module, so the features a head was trained on are exactly the ones it sees at run time.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from slant.errors import ModelError
from slant.models import chunking

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


def _strip_word(word: str) -> str:
    return word.strip("\"'“”‘’«»()[]{},.;:!?—–-")


def _is_sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and (text[i] in " \t" or text[i] in _OPENERS):
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


#: The last few case-feature results by (text, offsets): the entity head and the attribution head
#: both read the same article's features, and computing them was ~20 ms an article.
_CASE_CACHE: "OrderedDict[tuple[str, bytes], np.ndarray]" = OrderedDict()
CASE_CACHE_SIZE = 16


def case_features(text: str, offsets: np.ndarray) -> np.ndarray:
    """Features (n_tokens, N_FEATURES) float32 for tokens with character ``offsets`` into ``text``.

    The result is read-only (it may be shared with the next caller asking for the same tokens).
    """
    offsets = np.asarray(offsets)
    key = (text, offsets.tobytes())  # the text itself, not its hash: a collision would be silent
    cached = _CASE_CACHE.get(key)
    if cached is not None:
        _CASE_CACHE.move_to_end(key)
        return cached
    feats = _case_features(text, offsets)
    feats.flags.writeable = False
    _CASE_CACHE[key] = feats
    if len(_CASE_CACHE) > CASE_CACHE_SIZE:
        _CASE_CACHE.popitem(last=False)
    return feats


def _bits_table(width: int) -> np.ndarray:
    """Row ``code`` holds the ``width`` bits of ``code`` as floats: shape codes -> feature rows."""
    codes = np.arange(1 << width)
    return ((codes[:, None] >> np.arange(width)) & 1).astype(np.float32)


_TOKEN_TABLE = _bits_table(5)
_WORD_TABLE = _bits_table(6)
#: shapes of distinct token and word strings are memoised: news text repeats most of its words,
#: and the per-character tests were most of the features' cost
SHAPE_CACHE_SIZE = 1 << 16


@lru_cache(maxsize=SHAPE_CACHE_SIZE)
def _token_shape(tok: str) -> int:
    """Features 0-4 of a token as bits (see FEATURE_NAMES)."""
    letters = [c for c in tok if c.isalpha()]
    return (tok[:1].isupper()
            | (bool(letters) and all(c.isupper() for c in letters)) << 1
            | any(c.islower() for c in letters) << 2
            | any(c.isdigit() for c in tok) << 3
            | (bool(tok) and not any(c.isalnum() for c in tok)) << 4)


@lru_cache(maxsize=SHAPE_CACHE_SIZE)
def _word_shape(raw: str) -> tuple[str, int, int]:
    """A whitespace word's key (stripped, lower case), its shape bits (features 6-9, 14, 15) and
    its kind for the document-level evidence: 1 capitalised (not all caps), 2 lower case, 0 neither."""
    word = _strip_word(raw)
    letters = [c for c in word if c.isalpha()]
    shape = (word[:1].isupper()
             | (len(word) > 1 and word[0].isupper() and word[1:].islower()) << 1
             | (len(letters) > 1 and any(c.isupper() for c in letters[1:])
                and any(c.islower() for c in letters)) << 2
             | (len(letters) > 1 and all(c.isupper() for c in letters)) << 3
             | ("." in word) << 4 | ("-" in word) << 5)
    kind = 0
    if word and _LETTER.search(word[0]):
        if word[0].isupper():
            kind = 0 if word.isupper() else 1
        elif word.islower():
            kind = 2
    return word.lower(), shape, kind


def _line_is_upper(line: str) -> bool:
    """A line that is mostly upper case (headline, dateline): capitals there mean nothing."""
    letters = sum(map(str.isalpha, line))
    uppers = sum(map(str.isupper, line))  # a character that is upper case is a letter
    return letters >= 8 and uppers >= 0.8 * letters


def _word_rows(text: str, spans: list[tuple[int, int]], w_starts: np.ndarray) -> np.ndarray:
    """Per whitespace word: features 6-15 (they depend on the word, not on the token)."""
    shapes = [_word_shape(text[s:e]) for s, e in spans]
    initial = [_is_sentence_initial(text, s) for s, _ in spans]
    # Document-level evidence: how each word is spelled elsewhere.
    capitalised = {k for (k, _, kind), ini in zip(shapes, initial) if kind == 1 and not ini}
    lowercase = {k for k, _, kind in shapes if kind == 2}
    newlines = np.flatnonzero(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) == 10)
    line_of = np.searchsorted(newlines, w_starts, side="left")
    bounds = np.concatenate([[-1], newlines, [len(text)]])
    lines = np.unique(line_of)
    upper = np.zeros(len(bounds), dtype=np.float32)
    upper[lines] = [_line_is_upper(text[bounds[li] + 1:bounds[li + 1]]) for li in lines.tolist()]
    shape = _WORD_TABLE[np.array([sh for _, sh, _ in shapes], dtype=np.int64)]
    rows = np.empty((len(spans), N_FEATURES - 6), dtype=np.float32)
    rows[:, 0:4] = shape[:, 0:4]
    rows[:, 4] = initial
    rows[:, 5] = upper[line_of]
    rows[:, 6] = [k in capitalised for k, _, _ in shapes]
    rows[:, 7] = [k in lowercase for k, _, _ in shapes]
    rows[:, 8:10] = shape[:, 4:6]
    return rows


def _words_of(text: str, offsets: np.ndarray) -> tuple[list[tuple[int, int]], np.ndarray, np.ndarray]:
    """The whitespace words of ``text`` (spans and start offsets) and, per token, the index of the
    word holding its start (-1 for a token before the first word)."""
    spans = [m.span() for m in _WORD.finditer(text)]
    w_starts = np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans))
    return spans, w_starts, np.searchsorted(w_starts, offsets[:, 0], side="right") - 1


def _case_features(text: str, offsets: np.ndarray) -> np.ndarray:
    n = len(offsets)
    feats = np.zeros((n, N_FEATURES), dtype=np.float32)
    if n == 0:
        return feats
    spans, w_starts, word_index = _words_of(text, offsets)
    if spans:
        has_word = word_index >= 0
        feats[has_word, 6:] = _word_rows(text, spans, w_starts)[word_index[has_word]]
    offs = offsets.tolist()
    feats[:, :5] = _TOKEN_TABLE[np.array([_token_shape(text[s:e]) for s, e in offs], dtype=np.int64)]
    # A word piece glued to the token before it, both alphanumeric where they meet.
    for i in (np.flatnonzero(offsets[1:, 0] == offsets[:-1, 1]) + 1).tolist():
        s, e = offs[i]
        if text[s:e][:1].isalnum() and text[s - 1:s].isalnum():
            feats[i, 5] = 1
    return feats


#: lexicon features per token: the share of the word's training occurrences inside a PER, ORG,
#: LOC or MISC name, and how often it was seen (log scale)
N_LEXICON_FEATURES = len(TYPES) + 1


@lru_cache(maxsize=SHAPE_CACHE_SIZE)
def lexicon_key(word: str) -> str:
    """The lexicon's key for a whitespace word: punctuation and possessive stripped, lower case."""
    word = _strip_word(word)
    if word[-2:] in ("'s", "’s"):
        word = word[:-2]
    return word.lower()


def lexicon_features(text: str, offsets: np.ndarray, lexicon: dict[str, np.ndarray]) -> np.ndarray:
    """Features (n_tokens, N_LEXICON_FEATURES) looked up by each token's whitespace word."""
    n = len(offsets)
    if n == 0 or not lexicon:
        return np.zeros((n, N_LEXICON_FEATURES), dtype=np.float32)
    spans, _, word_index = _words_of(text, offsets)
    # One row per word, looked up once, and a last row of zeros for tokens before the first word.
    rows = np.zeros((len(spans) + 1, N_LEXICON_FEATURES), dtype=np.float32)
    for wi, (s, e) in enumerate(spans):
        value = lexicon.get(lexicon_key(text[s:e]))
        if value is not None:
            rows[wi] = value
    return rows[word_index]  # -1 picks the zero row


@dataclass
class ConvTagHead:
    """Stacked 1-D convolutions over [encoder state ; case features] with a softmax over tags.

    Weights: ``conv1_w`` (k, in, hidden), ``conv1_b``, then residual layers ``convN_w`` (k, hidden,
    hidden), ``convN_b`` with the dilations in ``dilations`` (default two layers, dilation 1),
    ``out_w`` (hidden, tags), ``out_b``, ``mean``/``std`` for the input standardisation, and ``tags``.
    The entity head and the attribution head share this shape; only their tag sets differ.
    """

    weights: dict[str, np.ndarray]

    @classmethod
    def load(cls, path: str | Path, expected_tags: tuple[str, ...] | None = None) -> "ConvTagHead":
        """Load a head from its ``.npz`` file, checking its tag set when ``expected_tags`` is given."""
        path = Path(path)
        if not path.is_file():
            raise ModelError(f"tagging head {path} is missing")
        with np.load(path, allow_pickle=False) as data:
            # Weights ship as float16 (half the size); compute in float32.
            weights = {k: data[k].astype(np.float32) if data[k].dtype == np.float16 else data[k]
                       for k in data.files}
        tags = tuple(str(t) for t in weights.get("tags", np.asarray(())))
        if expected_tags is not None and tags != expected_tags:
            raise ModelError(f"tagging head {path} has tags {tags}, expected {expected_tags}")
        return cls(weights)

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(str(t) for t in self.weights["tags"])

    @property
    def lexicon(self) -> dict[str, np.ndarray]:
        """The word lexicon stored with the head (empty when the head was trained without one)."""
        if "_lexicon" not in self.__dict__:
            words = self.weights.get("lex_words")
            values = self.weights.get("lex_values")
            self.__dict__["_lexicon"] = ({str(w): v for w, v in zip(words, values)}
                                         if words is not None and values is not None else {})
        return self.__dict__["_lexicon"]

    def features(self, text: str, offsets: np.ndarray) -> np.ndarray:
        """The non-encoder inputs this head was trained with: case features (+ lexicon features)."""
        case = case_features(text, offsets)
        if "lex_words" not in self.weights:
            return case
        return np.concatenate([case, lexicon_features(text, offsets, self.lexicon)], axis=1)

    def _stacked(self, name: str) -> np.ndarray:
        """Conv weight ``name`` (k, in, out) laid out as one (in, k*out) matrix, made once."""
        cache = self.__dict__.setdefault("_stacked_weights", {})
        if name not in cache:
            weight = self.weights[name]
            cache[name] = np.ascontiguousarray(weight.transpose(1, 0, 2).reshape(weight.shape[1], -1))
        return cache[name]

    def log_probs(self, hidden: np.ndarray, feats: np.ndarray) -> np.ndarray:
        """Per-token log-probabilities (n, len(tags)) from encoder states and case features.

        A text over :data:`BLOCK_TOKENS` tokens is run in blocks, each with the neighbours its
        convolutions reach on both sides, so memory stays that of one block however long the
        text (a 1 MB paragraph held ~1 GB of activations at once); shorter texts run whole.
        """
        n = hidden.shape[0]
        if n <= BLOCK_TOKENS:
            return self._log_probs(hidden, feats)
        halo = self.reach()
        out = np.empty((n, len(self.weights["out_b"])), dtype=np.float32)
        for a in range(0, n, BLOCK_TOKENS):
            b = min(n, a + BLOCK_TOKENS)
            lo, hi = max(0, a - halo), min(n, b + halo)
            out[a:b] = self._log_probs(hidden[lo:hi], feats[lo:hi])[a - lo:b - lo]
        return out

    def reach(self) -> int:
        """How many tokens to each side the convolutions see (the receptive radius)."""
        w = self.weights
        dilations = [int(d) for d in w["dilations"]] if "dilations" in w else [1, 1]
        radius = 0
        for layer, dilation in enumerate(dilations, start=1):
            k = w[f"conv{layer}_w"].shape[0]
            radius += (k // 2) * dilation
        return radius

    def _log_probs(self, hidden: np.ndarray, feats: np.ndarray) -> np.ndarray:
        w = self.weights
        x = np.concatenate([hidden.astype(np.float32), feats.astype(np.float32)], axis=1)
        x = (x - w["mean"]) / w["std"]
        dilations = [int(d) for d in w["dilations"]] if "dilations" in w else [1, 1]
        x = np.maximum(_conv1d(x, self._stacked("conv1_w"), w["conv1_b"], dilations[0]), 0.0)
        for layer, dilation in enumerate(dilations[1:], start=2):
            x = np.maximum(_conv1d(x, self._stacked(f"conv{layer}_w"), w[f"conv{layer}_b"], dilation), 0.0) + x
        logits = x @ w["out_w"] + w["out_b"]
        logits -= logits.max(axis=1, keepdims=True)
        return logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))


#: Tokens the tag heads' convolutions run on at once (a block is ~4 MB of activations per 128
#: channels); longer texts go block by block with overlapping edges, with identical results.
BLOCK_TOKENS = 8192


class NerHead(ConvTagHead):
    """The entity head: a ConvTagHead over the CoNLL BIO tags."""

    @classmethod
    def load(cls, path: str | Path, expected_tags: tuple[str, ...] | None = TAGS) -> "NerHead":
        return super().load(path, expected_tags)  # type: ignore[return-value]


def _conv1d(x: np.ndarray, stacked: np.ndarray, bias: np.ndarray, dilation: int = 1) -> np.ndarray:
    """'Same' 1-D convolution over the token axis: x (n, in), ``stacked`` (in, k*out) holding the
    k taps side by side. One GEMM for all taps, then each tap's rows are added shifted: fewer and
    larger matrix products than one per tap (1.5-3x faster at 128-256 channels on 2 cores)."""
    n = x.shape[0]
    out_dim = bias.shape[0]
    k = stacked.shape[1] // out_dim
    centre = k // 2
    y = _matmul(x, stacked)
    out = y[:, centre * out_dim:(centre + 1) * out_dim] + bias
    for j in range(k):
        shift = (j - centre) * dilation  # out[t] += x[t + shift] @ W[j]
        if j == centre or abs(shift) >= n:
            continue
        tap = y[:, j * out_dim:(j + 1) * out_dim]
        if shift > 0:
            out[:n - shift] += tap[shift:]
        else:
            out[-shift:] += tap[:n + shift]
    return out


#: Products of at least this many rows are split in two halves computed on two threads.
SPLIT_ROWS = 256
_TWO_CORES = (os.cpu_count() or 1) >= 2  # asked once: os.cpu_count() took 0.13 ms a call here
_worker = None
_worker_lock = threading.Lock()


def _matmul(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``x @ w`` (float32), its rows split in two halves on two threads when there are enough of
    them and two cores. The pipeline holds numpy's BLAS at one thread (slant.models.blas: its
    threads busy-wait and took the cores from everything else on a shared machine); this gives the
    convolutions back their second core without that cost (a waiting Python thread sleeps). Each
    row is the same product as before, so the result is bit-identical."""
    global _worker
    n = x.shape[0]
    if n < SPLIT_ROWS or not _TWO_CORES:
        return x @ w
    if _worker is None:
        with _worker_lock:
            if _worker is None:
                _worker = ThreadPoolExecutor(1, thread_name_prefix="slant-matmul")
    half = n // 2
    y = np.empty((n, w.shape[1]), dtype=np.result_type(x, w))
    other = _worker.submit(np.matmul, x[half:], w, out=y[half:])
    np.matmul(x[:half], w, out=y[:half])
    other.result()
    return y


#: a token whose O probability is at least this is decoded as O without search: the best path
#: runs through O there in all but a few thousandths of cases (measured below), and the path splits
#: into short independent stretches, most of them a single name
SURE_O = 0.999


def viterbi(log_probs: np.ndarray, continues_word: np.ndarray | None = None,
            tags: tuple[str, ...] = TAGS, sure_o: float | None = SURE_O) -> np.ndarray:
    """Best valid BIO path through ``log_probs`` (n, tags), searched between tokens that are
    surely O (``sure_o``; None searches the whole sequence exactly). See :func:`viterbi_exact`."""
    n = log_probs.shape[0]
    if sure_o is None or n == 0:
        return viterbi_exact(log_probs, continues_word, tags)
    o = tags.index("O")
    glued = np.asarray(continues_word if continues_word is not None else np.zeros(n), dtype=bool)
    # A word's pieces are never cut apart: a cut neither is a glued piece nor comes right before
    # one (the stretch after a cut must be free to open with any tag).
    sure = (log_probs[:, o] >= np.log(sure_o)) & ~glued & ~np.append(glued[1:], False)
    path = np.full(n, o, dtype=np.int64)
    edges = np.flatnonzero(np.diff(np.concatenate(([1], sure.astype(np.int8), [1]))))
    for a, b in zip(edges[::2], edges[1::2]):  # stretches [a, b) of unsure tokens
        path[a:b] = viterbi_exact(log_probs[a:b], glued[a:b], tags)
    return path


def viterbi_exact(log_probs: np.ndarray, continues_word: np.ndarray | None = None,
                  tags: tuple[str, ...] = TAGS) -> np.ndarray:
    """Best valid BIO path through ``log_probs`` (n, tags).

    A word piece that continues a word (``continues_word[i]``) may not open a new span or end
    one: it takes I-X if the piece before it is inside X, else O. This keeps spans on word edges.

    The BIO constraints make the recursion simple: O and B-X may follow any tag, so they extend the
    best score so far; I-X extends B-X or I-X. Written out per type over Python floats this is
    ~4x faster than a (tags x tags) numpy step per token, whose call overhead dominates at 7-9
    tags, and it picks the same path (ties go to the lower tag index, as ``argmax`` does).
    """
    n = log_probs.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    neg = -1e30
    o = tags.index("O")
    pairs = [(b, tags.index("I-" + tag[2:])) for b, tag in enumerate(tags) if tag.startswith("B-")]
    rows = log_probs.astype(np.float64).tolist()
    glued = continues_word.tolist() if continues_word is not None else [False] * n
    score = [neg if tag.startswith("I-") else v for tag, v in zip(tags, rows[0])]
    backs: list[list[int]] = [[]] * n
    for i in range(1, n):
        row = rows[i]
        new = [neg] * len(tags)
        back = [o] * len(tags)
        if glued[i]:
            new[o] = row[o] + score[o]
        else:
            best = max(score)
            arg = score.index(best)
            new[o] = row[o] + best
            back[o] = arg
            for b, _ in pairs:
                new[b] = row[b] + best
                back[b] = arg
        for b, inside in pairs:
            if score[b] >= score[inside]:
                new[inside] = row[inside] + score[b]
                back[inside] = b
            else:
                new[inside] = row[inside] + score[inside]
                back[inside] = inside
        backs[i] = back
        score = new
    path = np.zeros(n, dtype=np.int64)
    cur = score.index(max(score))
    path[-1] = cur
    for i in range(n - 1, 0, -1):
        cur = backs[i][cur]
        path[i - 1] = cur
    return path


def tags_to_spans(path: np.ndarray, tags: tuple[str, ...] = TAGS) -> list[tuple[int, int, str]]:
    """Token ranges ``(a, b, type)`` of the spans in a BIO tag path (tag 0 must be "O")."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, idx in enumerate(list(path) + [0]):
        tag = tags[int(idx)]
        if start >= 0 and not (tag.startswith("I-") and tag[2:] == kind):
            spans.append((start, i, kind))
            start = -1
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, kind = i, tag[2:]
    return spans


def stitched_states(encoder, encodings, *, window: int = chunking.WINDOW_TOKENS,
                    overlap: int = chunking.OVERLAP_TOKENS, batch_chunks: int = 8) -> list[np.ndarray]:
    """Per-text token states (n_tokens, hidden) from ``encoder(input_ids, mask) -> hidden``.

    Texts are chunked and stitched exactly as :mod:`slant.models.chunking` does for the persuasion
    model; chunks of all texts are batched together, shortest first, so little is padded.
    """
    plans = []
    chunks: list[tuple[int, int, np.ndarray]] = []  # (text, chunk index, ids)
    for t, enc in enumerate(encodings):
        windows = chunking.plan_windows(len(enc), window, overlap)
        chunk_index, positions = chunking.stitch_index(len(enc), windows)
        plans.append((len(enc), chunk_index, positions))
        chunks.extend((t, k, ids) for k, ids in enumerate(chunking.chunk_ids(enc.ids, windows)))
    order = sorted(range(len(chunks)), key=lambda i: len(chunks[i][2]))
    stitched = chunking.Stitcher(plans)
    width = 384
    for b in range(0, len(order), batch_chunks):
        idx = order[b:b + batch_chunks]
        input_ids, mask = chunking.pad_chunks([chunks[i][2] for i in idx])
        hidden = encoder(input_ids, mask)
        width = hidden.shape[-1]
        for row, i in enumerate(idx):
            t, k, ids = chunks[i]
            stitched.put(t, k, np.asarray(hidden[row, :len(ids)], dtype=np.float32))
    return [stitched.result(t, width) for t in range(len(plans))]


def spans_to_path(spans: list[tuple[int, int, str]], n: int, tags: tuple[str, ...] = TAGS) -> np.ndarray:
    """The BIO tag path (n,) of token spans ``(a, b, type)``."""
    index = {t: i for i, t in enumerate(tags)}
    path = np.zeros(n, dtype=np.int64)
    for a, b, kind in spans:
        path[a] = index[f"B-{kind}"]
        path[a + 1:b] = index[f"I-{kind}"]
    return path


def propagate_labels(text: str, offsets: np.ndarray, path: np.ndarray) -> np.ndarray:
    """Make one document's names consistent: a name takes its majority type everywhere, and a
    capitalised repeat of a tagged name that the head missed is tagged too."""
    import re as _re
    from collections import Counter

    spans = clean_spans(text, offsets, tags_to_spans(path))
    if not spans:
        return spans_to_path([], len(path))
    starts = offsets[:, 0]
    votes: dict[str, Counter] = {}
    names: dict[str, str] = {}
    for a, b, kind in spans:
        name = text[int(offsets[a, 0]):int(offsets[b - 1, 1])]
        votes.setdefault(name.lower(), Counter())[kind] += 1
        names[name.lower()] = name
    taken = np.zeros(len(path), dtype=bool)
    out = []
    for a, b, kind in spans:
        key = text[int(offsets[a, 0]):int(offsets[b - 1, 1])].lower()
        best, count = votes[key].most_common(1)[0]
        out.append((a, b, best if count > votes[key][kind] else kind))
        taken[a:b] = True
    for key, name in names.items():
        if len(name) < 3 or not name[:1].isupper():
            continue
        kind = votes[key].most_common(1)[0][0]
        for m in _re.finditer(r"(?<!\w)" + _re.escape(name) + r"(?!\w)", text):
            a = int(np.searchsorted(starts, m.start(), side="left"))
            b = int(np.searchsorted(starts, m.end(), side="left"))
            if b <= a or a >= len(path) or starts[a] != m.start() or taken[a:b].any():
                continue
            out.append((a, b, kind))
            taken[a:b] = True
    return spans_to_path(sorted(out), len(path))


def clean_spans(text: str, offsets: np.ndarray, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Cut punctuation the head glued to a name ("NATO," "Russia." "Putin's") and split a span at
    an inner comma ("Iraq, Libya, Afghanistan" -> three names). CoNLL text has spaces around all
    punctuation, so the head never learnt where glued punctuation ends a name."""
    out = []
    for a, b, kind in spans:
        pieces = []
        start = a
        for i in range(a, b):
            tok = text[int(offsets[i, 0]):int(offsets[i, 1])]
            if i > a and "\n" in text[int(offsets[i - 1, 1]):int(offsets[i, 0])]:
                pieces.append((start, i))  # a name never runs over a line break
                start = i
            if tok in _SPLITTING_PUNCT or (tok == "." and not _piece_is_name(text, offsets, i)) \
                    or (tok == "‘" and _loose_mark(text, offsets, i)):
                pieces.append((start, i))
                start = i + 1
        pieces.append((start, b))
        for pa, pb in pieces:
            while pb > pa and not _piece_is_name(text, offsets, pb - 1):
                pb -= 1
            while pa < pb and not any(c.isalnum() for c in text[int(offsets[pa, 0]):int(offsets[pa, 1])]):
                pa += 1
            if pb > pa:
                out.append((pa, pb, kind))
    return out


_SPLITTING_PUNCT = {",", ";", ":", "!", "?", "(", ")", '"', "“", "”", "«", "»"}


def _loose_mark(text: str, offsets: np.ndarray, i: int) -> bool:
    """Is token ``i`` (an opening single quote "‘") set off by a space on either side? Then it is an
    apostrophe curled the wrong way ("CBS‘ Face the Nation") or a quote opening a title, and never
    part of a name; glued on both sides ("O‘Brien") it is a mis-curled apostrophe inside one."""
    start, end = int(offsets[i, 0]), int(offsets[i, 1])
    return (start == 0 or not text[start - 1].isalnum()) or (end >= len(text) or not text[end].isalnum())


def _piece_is_name(text: str, offsets: np.ndarray, i: int) -> bool:
    tok = text[int(offsets[i, 0]):int(offsets[i, 1])]
    if tok == "." and i > 0 and int(offsets[i - 1, 1]) == int(offsets[i, 0]):
        prev = text[int(offsets[i - 1, 0]):int(offsets[i - 1, 1])]
        return len(prev) == 1 and prev.isalpha()  # "U.S." keeps its last period
    if tok.lower() == "s" and i > 0 and text[int(offsets[i - 1, 0]):int(offsets[i - 1, 1])] in ("'", "’"):
        return False
    if tok in ("'", "’", "‘") and i + 1 < len(offsets):
        return False
    return any(c.isalnum() for c in tok)


#: a fixed sentence whose encoder states identify the encoder a head was trained on
PROBE_TEXT = "The minister told reporters in Paris on Monday that the talks with NATO would resume."
#: mean cosine similarity of the probe states above which two encoders count as the same one
#: (int8 re-quantisation of unchanged weights stays above 0.999; another fine-tune falls far below)
SAME_ENCODER_SIMILARITY = 0.98


def probe_states(encoder, tokenizer) -> np.ndarray:
    """The encoder's states for :data:`PROBE_TEXT` (n_tokens, hidden) float32."""
    enc = chunking.encode(tokenizer, PROBE_TEXT)
    return stitched_states(encoder, [enc])[0]


def same_encoder(probe_a: np.ndarray, probe_b: np.ndarray) -> bool:
    """Do two probe-state matrices come from the same encoder?"""
    if probe_a.shape != probe_b.shape:
        return False
    a = probe_a / (np.linalg.norm(probe_a, axis=1, keepdims=True) + 1e-8)
    b = probe_b / (np.linalg.norm(probe_b, axis=1, keepdims=True) + 1e-8)
    return float((a * b).sum(axis=1).mean()) >= SAME_ENCODER_SIMILARITY


def save_head(path, weights: dict[str, np.ndarray]) -> None:
    """Write a head's weights to ``path`` (.npz), float arrays as float16 to halve the file."""
    np.savez_compressed(path, **{k: v.astype(np.float16) if v.dtype == np.float32 else v
                                 for k, v in weights.items()})
