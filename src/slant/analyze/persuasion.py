"""Persuasion techniques, frames and genre from the shipped MiniLM model (one encoder pass).

Adds to each Document:

* layer ``techniques``: technique spans decoded into phrases (:mod:`slant.models.span_decoding`:
  whole words, small gaps joined, sentence-level techniques as sentences, stop-word-only pieces
  dropped; spans of different techniques may overlap), each with its calibrated score and a
  plain-language explanation;
* layer ``paragraph_techniques``: one span per (paragraph, selected technique), covering the
  paragraph, with its index, raw line number (what SemEval subtask 3 scores) and ``evidence``:
  the span or sentence that carries the tag, with its score;
* labels ``frames`` (all 14, multi-label, ``selected`` above each frame's threshold) and
  ``genre`` (reporting / opinion / satire; the most probable is selected only when its
  probability is at least 0.5 and the text is long enough to judge, else none is: "uncertain",
  with the reason on the labels).

Every score is a probability calibrated on out-of-fold predictions (see the model card);
techniques the model card lists as too rare to learn are left out.

The component has a ``pipe(docs)`` method that batches the chunks of many documents into shared
encoder calls; :func:`analyze_batch` is the same as a plain function.
"""

from __future__ import annotations

import bisect
import logging
import re
from typing import Any, Sequence

import numpy as np

from slant.analyze.registry import register
from slant.analyze.taxonomy import FRAMES, GENRE_NO_MAJORITY, GENRE_TOO_SHORT, GENRES, confidence, explain
from slant.document import Document, Label, Span
from slant.models.heads import expand_to_words
from slant.models.span_decoding import SENTENCE_LEVEL, decode, sentence_bounds, usable

log = logging.getLogger(__name__)

COMPONENT_NAME = "slant.persuasion.v1"


class PersuasionComponent:
    """Callable ``Document -> Document`` with a batched ``pipe``; the model loads on first use."""

    #: the pipeline may run this on the next documents in a worker thread while later components
    #: finish the previous ones (slant.analyze.registry.Pipeline): it writes only the documents it
    #: is given (and SHARED_STATES, which has a lock), and its time is in onnxruntime, outside the GIL
    runs_ahead = True

    def __init__(self, model_dir: str | None = None, batch_chunks: int | None = None, threads: int | None = None):
        self.model_dir = model_dir
        self.batch_chunks = batch_chunks
        self.threads = threads
        self._model = None

    @property
    def model(self):
        if self._model is None:
            from slant.models.onnx_model import get_model

            self._model = get_model(self.model_dir, threads=self.threads)
        return self._model

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: Sequence[Document]) -> list[Document]:
        """Annotate a batch of Documents with one batched encoder pass over all their chunks."""
        from slant.models.onnx_model import DEFAULT_BATCH_CHUNKS

        docs = list(docs)
        if not docs:
            return docs
        model = self.model
        paragraphs = [_paragraph_spans(doc) for doc in docs]
        preds = model.predict([d.text for d in docs], paragraphs, batch_chunks=self.batch_chunks or DEFAULT_BATCH_CHUNKS,
                              keep_states=True)
        shared = _shared_states()
        for doc, pars, pred in zip(docs, paragraphs, preds):
            annotate(doc, pred, model, pars)
            if shared is not None and pred.states is not None:
                shared.put(doc.text, pred.offsets, pred.states)
            pred.states = None
        return docs


def _shared_states():
    """The entity component's hand-off of encoder states, if that component is installed."""
    try:
        from slant.analyze.entities import SHARED_STATES
    except ImportError:
        return None
    return SHARED_STATES


def _paragraph_spans(doc: Document) -> list[tuple[int, int]]:
    if doc.paragraphs:
        return [(p.start, p.end) for p in doc.paragraphs]
    return [(0, len(doc.text))] if doc.text.strip() else []


def annotate(doc: Document, pred, model, paragraphs: Sequence[tuple[int, int]] | None = None) -> Document:
    """Write one article's model outputs onto ``doc`` (layers and labels, see the module docstring)."""
    thresholds = model.thresholds
    labels = model.token_labels
    hidden = getattr(model, "hidden_techniques", frozenset())
    enabled = [t not in hidden for t in labels]
    spans = []
    decoding = getattr(model, "span_decoding", {})
    span_prob = _span_probability(getattr(model, "calibration", {}).get("spans"))
    par_probs = pred.heads.get("paragraph_techniques", np.zeros((0, len(labels))))
    source_pars = doc.paragraphs if doc.paragraphs else [Span(s, e) for s, e in (paragraphs or [])]
    floor = float(getattr(model, "paragraph_floor", 0.0))
    par_ends = [p.end for p in source_pars]
    for technique, start, end, score in decode(doc.text, pred.offsets, pred.token_probs, thresholds["tokens"],
                                               labels, enabled, **decoding):
        if floor > 0 and not _paragraph_agrees(source_pars, par_ends, par_probs, labels.index(technique), start, end,
                                             floor):
            continue
        span = doc.char_span(start, end, technique, alignment="expand", score=round(span_prob(score), 4),
                             explanation=explain(technique))
        if span is not None:
            spans.append(span)
    doc.add_layer("techniques", spans)

    par_thr = thresholds["paragraph_techniques"]
    par_spans = []
    where = _Where(spans, pred.offsets)
    for i, (par, probs) in enumerate(zip(source_pars, par_probs)):
        for j in np.flatnonzero(probs >= par_thr):
            if not enabled[j]:
                continue
            attrs = {"paragraph": i, "raw_line": par.attrs.get("raw_line"), "explanation": explain(labels[j]),
                     "confidence": confidence(float(probs[j]))}
            evidence = _evidence(doc.text, par, labels[j], j, where, pred,
                                 decoding.get("sentence_level", SENTENCE_LEVEL), span_prob)
            if evidence is not None:
                attrs["evidence"] = evidence
            par_spans.append(Span(par.start, par.end, labels[j], round(float(probs[j]), 4), attrs))
    doc.add_layer("paragraph_techniques", par_spans)

    frame_probs = pred.heads.get("frames")
    if frame_probs is not None:
        frame_thr = thresholds["frames"]
        doc.set_labels("frames", [Label(f, round(float(frame_probs[i]), 4), bool(frame_probs[i] >= frame_thr[i]))
                                  for i, f in enumerate(FRAMES)])
    genre_probs = pred.heads.get("genre")
    if genre_probs is not None:
        doc.set_labels("genre", genre_labels(genre_probs, genre_words(doc.text)))
    return doc


def genre_labels(probs: Sequence[float], words: int) -> list[Label]:
    """The three genre labels of a text of ``words`` words. The most probable genre is selected when
    its probability reaches :data:`GENRE_FLOOR` and the text has at least :data:`GENRE_MIN_WORDS` words;
    otherwise none is ("uncertain"), and every label carries the reason in plain words."""
    best = int(np.argmax(probs))
    if words < GENRE_MIN_WORDS:
        reason = (f"{GENRE_TOO_SHORT}: {words} {'word' if words == 1 else 'words'}; "
                  f"the model was checked on texts of at least {GENRE_MIN_WORDS} words")
    elif float(probs[best]) < GENRE_FLOOR:
        reason = GENRE_NO_MAJORITY
    else:
        reason = ""
    return [Label(g, round(float(probs[i]), 4), not reason and i == best, reason) for i, g in enumerate(GENRES)]


#: A genre is named only when its calibrated probability reaches this; otherwise "uncertain".
GENRE_FLOOR = 0.5
#: ... and only for a text of at least this many words (title included, :func:`genre_words`). Below it,
#: held out by outlet, texts cut to their title and first words are called wrongly at 50% or more 28-33%
#: of the time (whole texts 18%; top-label ECE 0.12-0.15 against 0.036), opinion is found in 4-7%, and
#: no corpus holds an opinion or satire text that short (model card, "Genre on short texts")
GENRE_MIN_WORDS = 75

#: a word, as the genre's length rule counts them: a run of non-space characters with a letter or digit
_WORD = re.compile(r"\S*[^\W_]\S*")


def genre_words(text: str) -> int:
    """The words of ``text`` (title included) as the genre's length rule and its validation count them."""
    return len(_WORD.findall(text))


class _Where:
    """The technique spans (by technique) and tokens inside a paragraph, found by bisection: a
    run-on text has thousands of paragraphs, and scanning every span and token for each of them
    grew with the square of the text."""

    def __init__(self, spans: Sequence[Span], offsets: np.ndarray):
        # (start, position in the layer, span) per technique: the position keeps the layer's order
        # among equal scores, as a scan of the layer would
        self.spans: dict[str, list[tuple[int, int, Span]]] = {}
        for k, span in enumerate(spans):
            self.spans.setdefault(span.label, []).append((span.start, k, span))
        for group in self.spans.values():
            group.sort(key=lambda item: item[:2])
        self.span_starts = {label: [start for start, _, _ in group] for label, group in self.spans.items()}
        self.offsets = offsets
        self.order = np.argsort(offsets[:, 0], kind="stable") if len(offsets) else np.zeros(0, dtype=np.int64)
        self.token_starts = offsets[self.order, 0] if len(offsets) else np.zeros(0)

    def spans_in(self, technique: str, par: Span) -> list[Span]:
        """The spans of ``technique`` inside ``par``, in the layer's order."""
        group, starts = self.spans.get(technique, []), self.span_starts.get(technique, [])
        found = group[bisect.bisect_left(starts, par.start):bisect.bisect_right(starts, par.end)]
        return [span for _, _, span in sorted(found, key=lambda item: item[1]) if span.end <= par.end]

    def tokens_in(self, par: Span) -> np.ndarray:
        """Indices (ascending) of the tokens that lie inside ``par``."""
        lo = np.searchsorted(self.token_starts, par.start, side="left")
        hi = np.searchsorted(self.token_starts, par.end, side="right")  # a token inside starts by the end
        candidates = self.order[lo:hi]
        return np.sort(candidates[self.offsets[candidates, 1] <= par.end])


def _evidence(text: str, par: Span, technique: str, j: int, where: _Where, pred,
              sentence_level: frozenset = SENTENCE_LEVEL, span_prob=lambda p: p) -> dict | None:
    """What carries a paragraph tag: the highest-scoring span of that technique inside the
    paragraph, else the paragraph's most probable token for it, grown to its sentence (techniques
    annotated on whole sentences) or to the phrase around it; scores are span probabilities."""
    inside = where.spans_in(technique, par)
    if inside:
        best = max(inside, key=lambda s: s.score or 0.0)
        return {"start": best.start, "end": best.end, "score": best.score, "kind": "span"}
    offsets = pred.offsets
    if not len(offsets):
        return None
    sel = where.tokens_in(par)
    if not len(sel):
        return None
    # the paragraph's most probable token for it whose word a reader can use (not "the", not ",")
    for k in sel[np.argsort(-pred.token_probs[sel, j], kind="stable")][:20]:
        if technique in sentence_level:
            a, b = sentence_bounds(text, int(offsets[k, 0]), int(offsets[k, 1]))
        else:  # a word-level technique: the phrase around the token it peaks on
            lo, hi = _phrase(text, offsets, pred.token_probs[:, j], int(k), int(sel[0]), int(sel[-1]))
            a, b = expand_to_words(text, int(offsets[lo, 0]), int(offsets[hi, 1]))
        if usable(text, a, b):
            break
    else:
        return None
    a, b = max(a, par.start), min(b, par.end)
    if b <= a:
        return None
    return {"start": a, "end": b, "score": round(span_prob(float(pred.token_probs[k, j])), 4),
            "kind": "sentence" if technique in sentence_level else "phrase"}


def _paragraph_agrees(pars, ends: list[int], par_probs, j: int, start: int, end: int, floor: float) -> bool:
    """Span-then-paragraph consistency: the paragraph head gives technique ``j`` at least ``floor``
    in a paragraph the span touches (out of fold this lifts span precision; see the model card)."""
    lo = bisect.bisect_right(ends, start)
    for k in range(lo, min(len(pars), len(par_probs))):
        p = pars[k]
        if p.start >= end:
            break
        if p.end > start and float(par_probs[k, j]) >= floor:
            return True
    return False


def _span_probability(params):
    """Decoded span score (its highest calibrated token probability) -> the probability that the
    highlight overlaps an annotator's span of its technique (Platt on out-of-fold spans; the model
    card's span reliability table). Identity when the model has no span calibration."""
    if params is None:
        return lambda p: p
    a, b = float(params[0]), float(params[1])

    def prob(p: float) -> float:
        p = min(max(p, 1e-6), 1 - 1e-6)
        return float(1.0 / (1.0 + np.exp(-(a * np.log(p / (1 - p)) + b))))

    return prob


#: A paragraph tag's evidence phrase takes the neighbouring tokens scoring at least this share of
#: its peak token (at most PHRASE_TOKENS each side, never across . ! ? ; : or a line break).
PHRASE_SHARE = 0.5
PHRASE_TOKENS = 6


def _phrase(text: str, offsets: np.ndarray, probs: np.ndarray, k: int, first: int, last: int) -> tuple[int, int]:
    """Token range (inclusive) of the phrase around token ``k`` (see PHRASE_SHARE)."""
    floor = PHRASE_SHARE * float(probs[k])
    lo = hi = k
    while lo > first and k - lo < PHRASE_TOKENS and probs[lo - 1] >= floor \
            and not _BREAK.search(text[int(offsets[lo - 1, 0]):int(offsets[lo, 0])]):
        lo -= 1
    while hi < last and hi - k < PHRASE_TOKENS and probs[hi + 1] >= floor \
            and not _BREAK.search(text[int(offsets[hi, 1]):int(offsets[hi + 1, 1])]):
        hi += 1
    return lo, hi


_BREAK = re.compile(r"[.!?;:\n]")


@register(COMPONENT_NAME, requires=("paragraphs",), provides=("techniques", "paragraph_techniques", "frames", "genre"),
          settings_section="analyze")
def make_persuasion(settings: Any = None) -> PersuasionComponent:
    """Persuasion techniques (spans and per paragraph), frames and genre from the shipped model."""
    # settings.batch_size is the number of *documents* the runner hands to pipe() at once; chunks
    # go to the encoder one per call (see DEFAULT_BATCH_CHUNKS) so results never depend on batching.
    return PersuasionComponent(model_dir=getattr(settings, "model_dir", None))


def analyze_batch(docs: Sequence[Document], settings: Any = None) -> list[Document]:
    """Annotate many Documents at once, batching their chunks across documents."""
    return make_persuasion(settings).pipe(docs)
