"""Check-worthy claims: which sentences assert something checkable, and who is on record saying it.

Every sentence of a Document (the title included) gets a calibrated probability that it is a
check-worthy factual claim (numbers, events, causes, comparisons, records; not opinions, aims,
greetings, questions), read by a small head from the persuasion model's encoder states (no second
encoder pass: the states are handed over through :data:`slant.analyze.entities.SHARED_STATES`).
The head is trained on ClaimBuster (:mod:`slant.train.claims`); its probabilities are isotonic
calibrated out of fold and its threshold chosen out of fold (``claims.npz``).

Each sentence is tied to its source: a sentence that lies mostly inside a quote's content carries
that quote's speaker and relay ("Putin claims that NATO invaded …, as quoted by Russia Today");
any other sentence is in the article's own voice.

Adds layer ``claims``: one span per sentence, label ``claim`` or ``no``, score = probability, and
attrs ``voice`` (``author`` | ``quote``), ``speaker`` / ``speaker_entity`` / ``relay`` (quotes),
``quote`` (index into the ``quotes`` layer).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from slant.analyze.attribution_rules import ACCORDING_TO, CUE_FORMS, tokenize
from slant.analyze.claim_features import NGRAM_BUCKETS, gram_keys, sentence_features
from slant.analyze.limits import SpanIndex
from slant.analyze.quotes.indirect import _has_finite_verb
from slant.analyze.registry import register
from slant.document import Document, Span
from slant.errors import ModelError

log = logging.getLogger(__name__)

COMPONENT_NAME = "slant.claims.v1"
#: file name of the claim head beside the persuasion model
HEAD_FILE = "claims.npz"
#: labels of the ``claims`` layer
CLAIM, NOT_CLAIM = "claim", "no"
#: the author's voice, as the TSV export and the reports name it
AUTHOR = "(author)"
#: a sentence is in a quote's voice when at least this share of its characters, the attribution
#: clause aside, lies in the quote's content: "Putin said on Monday that NATO invaded Libya" is
#: Putin's, a sentence that only ends with a three-word scare quote is the author's
QUOTE_SHARE = 0.5
#: cues of knowing, thinking and feeling: the quote rules count them as attributions ("critics believe
#: the plan ..."), but "Trump knew perfectly well that ..." is the writer's assertion about Trump's
#: mind, not a statement Trump is on record making, so a claim is tied to a speaker only by a cue of
#: speech ("said", "told", "wrote", "according to") or by quotation marks
MIND_CUES = frozenset({
    "think", "thinks", "thought", "believe", "believes", "believed", "know", "knows", "knew", "known",
    "hope", "hopes", "hoped", "fear", "fears", "feared", "expect", "expects", "expected", "learned",
    "learnt", "worried", "worries", "doubt", "doubts", "doubted", "wonder", "wonders", "wondered",
    "realised", "realized", "understood", "felt", "feel", "feels", "suspected", "suspects",
})
#: cues of speech the quote rules' lexicon lacks as bare forms ("Putin then offered the example of
#: ...", "Tedros voiced alarm that ...", "the suit charges that ...", "the board ruled that ..."): a
#: statement with one of them is someone's when the statement-confidence model admitted it (it
#: carries a ``probability``), so the claim and the quotes layer name the same speaker. Action cues
#: the model also admits ("sent", "seeking", "filed", "ordered", "called a meeting", "cited") are
#: not here: "Moscow sent proposals ... seeking assurances that ..." stays the writer's
SPEECH_ACTS = frozenset({
    "offer", "offers", "offered", "voice", "voices", "voiced", "express", "expresses", "expressed",
    "proclaim", "proclaims", "proclaimed", "charge", "charges", "charged", "rule", "rules", "ruled",
    "quoted", "denounce", "denounces", "denounced", "condemn", "condemns", "condemned",
})
#: "charge"/"rule" report speech only before "that" ("the suit charges that …"): "Prosecutors charged
#: Ruiz with fraud", "the court ruled the ban unlawful" are acts; "offer" only with words as its object
#: ("offered the example of …", "offered no explanation"), not "offered a reward" (review r13c)
_SPEECH_ACT_THAT = frozenset({"charge", "charges", "charged", "rule", "rules", "ruled"})
_OFFER = frozenset({"offer", "offers", "offered"})
_OFFERED_WORDS = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,3}?(?:examples?|explanations?|apolog(?:y|ies)|condolences|comments?|assessments?|"
    r"views?|opinions?|thoughts|reasons?|defen[cs]es?|praise|criticism|warnings?|advice|details|accounts?|"
    r"arguments?|answers?|responses?|(?:re)?assurances?|words|predictions?|insights?|hints?|theor(?:y|ies)|"
    r"rebuttals?|denials?|evidence|analys[ie]s|suggestions?|proposals?)\b", re.IGNORECASE)
#: what may stand between a claim's words and the attribution tail left out of it: ',” he said'
_TAIL_PUNCT = " \t\n,;:—–-"
#: opening and closing quotation marks: a claim that loses its closing mark with the tail loses its
#: opening one too, and one whose opening mark stays keeps its closing one
_OPENING_MARKS = "\"“‘'«„‚"
_CLOSING_MARKS = "\"”’'»"


@dataclass(frozen=True)
class ClaimHead:
    """The claim head's weights, calibration map and threshold (``claims.npz``)."""

    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray | None
    b2: np.ndarray | None
    calibration_x: np.ndarray
    calibration_y: np.ndarray
    threshold: float
    meta: dict
    #: the n-gram model averaged in (TF-IDF over hashed 1-2 grams -> logistic regression): the
    #: buckets seen in training (sorted), their idf and weights, the intercept and its share
    ngram_index: np.ndarray | None = None
    ngram_idf: np.ndarray | None = None
    ngram_coef: np.ndarray | None = None
    ngram_intercept: float = 0.0
    ngram_share: float = 0.0

    @classmethod
    def load(cls, path: str | Path) -> "ClaimHead":
        path = Path(path)
        if not path.is_file():
            raise ModelError(f"claim head {path} is missing",
                             hint="rebuild it with python -m slant.train.claims DATA RUN --export")
        with np.load(path) as data:
            return cls(data["w1"].astype(np.float32), data["b1"].astype(np.float32),
                       data["w2"].astype(np.float32) if "w2" in data else None,
                       data["b2"].astype(np.float32) if "b2" in data else None,
                       data["calibration_x"].astype(np.float64), data["calibration_y"].astype(np.float64),
                       float(data["threshold"][0]), json.loads(str(data["meta"])),
                       *((data["ngram_index"].astype(np.int64), data["ngram_idf"].astype(np.float32),
                          data["ngram_coef"].astype(np.float32), float(data["ngram_intercept"][0]),
                          float(data["ngram_share"][0])) if "ngram_index" in data else ()))

    @property
    def width(self) -> int:
        return int(self.w1.shape[0])

    def ngram_logits(self, sentences: Sequence[str]) -> np.ndarray:
        """The n-gram model's logits: sublinear TF-IDF of the hashed 1-2 grams, L2-normed, dot weights.

        All sentences of a document at once (one hashing loop, then numpy), since per-sentence numpy
        calls cost more than the hashing on articles of 40 short sentences.
        """
        out = np.full(len(sentences), self.ngram_intercept, dtype=np.float64)
        if self.ngram_index is None or not len(sentences):
            return out
        rows: list[int] = []
        keys: list[int] = []
        for i, sentence in enumerate(sentences):
            grams = gram_keys(sentence)
            rows.extend([i] * len(grams))
            keys.extend(grams)
        if not keys:
            return out
        pairs, counts = np.unique(np.asarray(rows, dtype=np.int64) * NGRAM_BUCKETS + np.asarray(keys, dtype=np.int64),
                                  return_counts=True)
        row, bucket = pairs // NGRAM_BUCKETS, pairs % NGRAM_BUCKETS
        at = np.minimum(np.searchsorted(self.ngram_index, bucket), len(self.ngram_index) - 1)
        known = self.ngram_index[at] == bucket
        row, at = row[known], at[known]
        weights = (1.0 + np.log(counts[known])) * self.ngram_idf[at]
        norm = np.sqrt(np.bincount(row, weights ** 2, minlength=len(sentences)))
        dot = np.bincount(row, weights * self.ngram_coef[at], minlength=len(sentences))
        return out + dot / np.where(norm > 0, norm, 1.0)

    def raw_scores(self, features: np.ndarray, sentences: Sequence[str] | None = None) -> np.ndarray:
        """The uncalibrated probabilities (what the calibration map was fitted on): the state head's
        logit, averaged with the n-gram model's when the head carries one."""
        z = features @ self.w1 + self.b1
        if self.w2 is not None:
            z = np.maximum(z, 0.0) @ self.w2 + self.b2
        z = z[:, 0].astype(np.float64)
        if self.ngram_index is not None and sentences is not None:
            z = (1.0 - self.ngram_share) * z + self.ngram_share * self.ngram_logits(sentences)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))

    def probabilities(self, features: np.ndarray, sentences: Sequence[str] | None = None) -> np.ndarray:
        """Calibrated probabilities that each sentence (its feature row and text) is a check-worthy claim."""
        if not len(features):
            return np.zeros(0)
        return np.interp(self.raw_scores(features, sentences), self.calibration_x, self.calibration_y)


def _solid(text: str, start: int, end: int) -> int:
    """Characters of ``text[start:end]`` that are not whitespace."""
    return len("".join(text[start:end].split())) if end > start else 0


def _reported(doc: Document, attrs: dict, within: tuple[int, int] | None = None) -> bool:
    """Is this quote someone's statement? Direct quotes are; an indirect one needs a reporting cue
    ("said", "claimed", "according to"), not any verb the attribution head tagged ("sent", "seeking"),
    or, when the statement-confidence model admitted it, a cue of :data:`SPEECH_ACTS` inside
    ``within`` (the claim's sentence). A cue of :data:`MIND_CUES` never makes it one."""
    if (attrs.get("kind") or "") == "direct":
        return True
    cue = attrs.get("cue")
    if not cue:
        return False
    words = doc.text[cue[0]:cue[1]]
    if ACCORDING_TO.search(words):
        return True
    lowered = words.lower().split()
    if any(w in MIND_CUES for w in lowered):
        return False
    if any(w in CUE_FORMS for w in lowered):
        return True
    # a cue of SPEECH_ACTS counts in its own sentence only: the statement the model admitted as
    # "Other European allies have voiced similar concerns. So have ... Kerry." is not theirs
    if not (attrs.get("probability") is not None and any(w in SPEECH_ACTS for w in lowered)
            and (within is None or within[0] <= cue[0] and cue[1] <= within[1])):
        return False
    after = doc.text[cue[1]:cue[1] + 80]
    if lowered[-1] in _SPEECH_ACT_THAT:
        return re.match(r"\s+that\b", after) is not None
    if lowered[-1] in _OFFER:
        return _OFFERED_WORDS.match(after) is not None
    return True


def quote_voice(doc: Document, start: int, end: int, quotes: SpanIndex | None = None) -> tuple[int, dict] | None:
    """The quote (index, attrs) whose content holds most of ``text[start:end]``, if it holds enough.

    The attribution clause ("Finance Minister Maria Keller told reporters") is not counted against
    the quote: the share is of the sentence's other characters. ``quotes``: the document's quotes
    layer indexed once (:func:`claim_spans` passes one for all sentences: a long article has
    thousands of sentences and of quotes, and testing every quote for every sentence cost the
    square, issue 16).
    """
    text = doc.text
    size = _solid(text, start, end)
    if not size:
        return None
    best, best_share = None, 0.0
    if quotes is None:
        quotes = SpanIndex(doc.layers.get("quotes", []))
    reported = [i for i in quotes.indices(start, end) if quotes.items[i].end > start and quotes.items[i].start < end
                and _reported(doc, quotes.items[i].attrs, (start, end))]
    for i in reported:
        q = quotes.items[i]
        if _opens(text, start, end, q) and not any(_rival(text, q, quotes.items[j]) for j in reported):
            # "Zakharova said that …, which will be used …": hers, however short her content; not where
            # another speaker reports in the same sentence ("Putin said …, but the Pentagon said …")
            return i, q.attrs
    for i in reported:
        q = quotes.items[i]
        parts = q.attrs.get("parts") or [[q.start, q.end]]
        inside = sum(_solid(text, max(s, start), min(e, end)) for s, e in parts)
        edges = [tuple(q.attrs["cue"])] if q.attrs.get("cue") else []
        for key in ("speaker", "relay"):
            ref = q.attrs.get(key) or {}
            if isinstance(ref.get("start"), int) and isinstance(ref.get("end"), int):
                edges.append((ref["start"], ref["end"]))
        clause = 0
        if edges:
            lo, hi = max(start, min(a for a, _ in edges)), min(end, max(b for _, b in edges))
            clause = _solid(text, lo, hi) - sum(_solid(text, max(s, lo), min(e, hi)) for s, e in parts)
        share = inside / max(1, size - max(0, clause))
        if share > best_share:
            best, best_share = (i, q.attrs), share
    return best if best is not None and best_share >= QUOTE_SHARE else None


#: what may stand before the speaker of a sentence's opening attribution ("But", "In June,")
_LEAD_IN = re.compile(r"(?:(?:and|but|yet|so|still|meanwhile|however|also|then|now)\b,?|[^,;:.!?\"“”]{0,30},)?\s*$",
                      re.IGNORECASE)
#: at most this many characters between the cue and the content ("said on Monday that")
_CUE_GAP = 30
#: speakers that name nobody by themselves: a pronoun ("She says …" is tied to whoever the resolver
#: guessed) or a quantifier ("Some have speculated that …"),
#: or a subject that is a relative clause's ("A caller … who says he was …, asserts that …")
_UNNAMED_SPEAKER = re.compile(r"(?:he|she|they|we|i|you|it|this|that|some|many|most|others|several|few|both|all|one)"
                              r"|.*\b(?:who|which|that)", re.IGNORECASE)


def _who(attrs: dict) -> str:
    """Whom a quote is of, to tell two speakers apart: the speaker's entity, else its name, else ""."""
    speaker = attrs.get("speaker") or {}
    return speaker.get("entity") or " ".join((speaker.get("canonical") or speaker.get("text") or "").lower().split())


def _rival(text: str, opener: Span, other: Span) -> bool:
    """Is ``other`` a second speaker's report in the sentence ``opener`` opens ("Putin said …, but the
    Pentagon said that …")? A named speaker, not a record, other than the opener's, written after the
    opener's cue and before its own finite cue. Not a report nested in the opener's ("… despite a letter
    from ICE saying …", "…, according to FEMA, …"), nor a pronoun ("— they said …", most often the same
    people), nor a speaker the rules misread before the opener's ("Further, the FBI insists …, while
    saying …")."""
    speaker, cue = other.attrs.get("speaker") or {}, other.attrs.get("cue")
    s0, s1 = speaker.get("start"), speaker.get("end")
    if other is opener or not cue or not isinstance(s0, int) or not isinstance(s1, int) \
            or speaker.get("kind") == "document" or _who(other.attrs) == _who(opener.attrs):
        return False
    return s0 >= opener.attrs["cue"][1] and s1 <= cue[0] and not text[cue[0]:cue[1]].lower().endswith("ing") \
        and not _UNNAMED_SPEAKER.fullmatch(text[s0:s1].strip())


def _opens(text: str, start: int, end: int, q: Span) -> bool:
    """Does the sentence ``text[start:end]`` open with the quote's speaker and cue of speech and go on
    with its content ("Zakharova said that the US is preparing provocations in Syria, which will be
    used as a pretext …")? Then the sentence is that speaker's claim even where the quote rules end the
    content early (at the writer's relative clause, a second speaker's "they say"): the whole sentence
    is what the speaker is on record for, not the author's assertion. Not a direct quote's (its marks
    say where the words end), not one without a named speaker or with a document for one, and not one
    whose content starts in another sentence."""
    attrs = q.attrs
    speaker = attrs.get("speaker") or {}
    cue = attrs.get("cue")
    if (attrs.get("kind") or "") == "direct" or not cue or not (speaker.get("text") or speaker.get("canonical")) \
            or speaker.get("kind") == "document":
        return False  # ("Documents leaked last week show that …": what the writer reads in a record)
    s0, s1 = speaker.get("start"), speaker.get("end")
    if not isinstance(s0, int) or not isinstance(s1, int) or not start <= s0 < s1 <= cue[0] or cue[1] > q.start:
        return False
    if q.start < start or q.start - cue[1] > _CUE_GAP or text[s1:cue[0]].strip(" ,") \
            or _UNNAMED_SPEAKER.fullmatch(text[s0:s1].strip()) or text[cue[0]:cue[0] + 1].isupper():
        return False  # (a cue in title case: a headline's "New Audio … Reveals That …")
    if _LEAD_IN.fullmatch(text[start:s0].lstrip()) is None:
        return False
    # what was said is a clause ("said that …", "said the defendant had hired …"), not a thing
    # announced or mentioned ("announced his resignation on …", "announced Manafort's hire on …")
    parts = attrs.get("parts") or [[q.start, q.end]]
    return re.search(r"\bthat\s*$", text[cue[1]:q.start]) is not None \
        or _has_finite_verb(tokenize(text, parts[0][0], parts[0][1]))


#: the opening mark each closing mark closes
_MATCHING_OPEN = {"\"": "\"", "”": "“", "’": "‘", "'": "'", "»": "«"}


def _trim_tail(text: str, lo: int, end: int) -> int:
    """``end`` moved back over trailing punctuation and spaces (not before ``lo``)."""
    while end > lo and text[end - 1] in _TAIL_PUNCT:
        end -= 1
    return end


def _without_tail(doc: Document, start: int, end: int, quote: Span) -> tuple[int, int]:
    """A quoted sentence's bounds less an attribution after the quote's words (',” the mayor said.',
    ', Kestrel said, as reported by Bay Radio.'): the claim is the words said, not who said them.
    An attribution before or inside the words stays (a span cannot have a hole)."""
    text = doc.text
    parts = [(max(s, start), min(e, end)) for s, e in (quote.attrs.get("parts") or [[quote.start, quote.end]])
             if s < end and e > start]
    if not parts:
        return start, end
    first, last = min(s for s, _ in parts), max(e for _, e in parts)
    edges = [tuple(quote.attrs["cue"])] if quote.attrs.get("cue") else []
    for key in ("speaker", "relay"):
        ref = quote.attrs.get(key) or {}
        if isinstance(ref.get("start"), int) and isinstance(ref.get("end"), int):
            edges.append((ref["start"], ref["end"]))
    if not any(last <= a and b <= end for a, b in edges):
        return start, end  # nothing of the attribution follows the words
    new_start = start
    while new_start < first and (text[new_start] in _OPENING_MARKS or text[new_start].isspace()):
        new_start += 1
    new_end = _trim_tail(text, first, last)
    if new_end > first and text[new_end - 1] in _CLOSING_MARKS \
            and _MATCHING_OPEN[text[new_end - 1]] in text[start:new_start]:
        # at most one closing mark, and only one whose opening mark is before the claim's words: a
        # possessive ("the dock workers’") or a nested quote's close ("‘a scam’") is part of the words
        new_end = _trim_tail(text, first, new_end - 1)
    words = text[new_start:new_end]
    if words.count("“") > words.count("”") or words.count('"') % 2:
        # an opening mark inside the claim ('The plan "will fail," he said'): keep its closing mark
        close = next((k for k in range(new_end, end) if text[k] in "”\""), None)
        if close is None or any(last <= a < close + 1 for a, _ in edges):
            return start, end
        new_end = close + 1
    return (new_start if new_start < new_end else start), new_end


def claim_spans(doc: Document, probs: Sequence[float], threshold: float,
                sentences: Sequence[Span] | None = None) -> list[Span]:
    """One ``claims`` span per sentence: label, probability and who says it."""
    sentences = doc.sentences if sentences is None else sentences
    spans = []
    quotes = SpanIndex(doc.layers.get("quotes", []))
    for sent, p in zip(sentences, probs):
        attrs: dict[str, Any] = {"voice": "author"}
        start, end = sent.start, sent.end
        found = quote_voice(doc, sent.start, sent.end, quotes)
        if found is not None:
            index, q = found
            start, end = _without_tail(doc, start, end, quotes.items[index])
            speaker = q.get("speaker") or {}
            relay = q.get("relay") or {}
            attrs = {"voice": "quote", "quote": index,
                     "speaker": (speaker.get("canonical") or speaker.get("text")) if speaker else None,
                     "speaker_entity": speaker.get("entity") if speaker else None,
                     "relay": relay.get("name") if relay else None}
        p = float(p)
        spans.append(Span(start, end, CLAIM if p >= threshold else NOT_CLAIM, round(p, 4), attrs))
    return spans


def claim_sentences(doc: Document) -> list[Span]:
    """The sentences the head scores: the Document's sentences, or its non-empty paragraphs."""
    if doc.sentences:
        return list(doc.sentences)
    return [p for p in doc.paragraphs if doc.text[p.start:p.end].strip()]


class ClaimsComponent:
    """Callable ``Document -> Document`` with a batched ``pipe``; the head loads on first use."""

    def __init__(self, model_dir: str | None = None):
        self.model_dir = model_dir
        self._head: ClaimHead | None = None

    @property
    def model(self):
        from slant.models.onnx_model import get_model

        return get_model(self.model_dir)

    @property
    def head(self) -> ClaimHead:
        if self._head is None:
            self._head = ClaimHead.load(self.model.model_dir / HEAD_FILE)
        return self._head

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: Sequence[Document]) -> list[Document]:
        from slant.analyze.entities import SHARED_STATES

        docs = list(docs)
        head = self.head
        states: list[tuple[np.ndarray, np.ndarray] | None] = [SHARED_STATES.get(d.text) for d in docs]
        missing = [i for i, s in enumerate(states) if s is None]
        if missing:
            # Only when the persuasion model did not run first (claims alone): one encoder pass.
            preds = self.model.predict([docs[i].text for i in missing], [[(0, len(docs[i].text))] for i in missing],
                                       keep_states=True)
            for i, pred in zip(missing, preds):
                states[i] = (pred.offsets, pred.states)
                SHARED_STATES.put(docs[i].text, pred.offsets, pred.states)
        for doc, (offsets, st) in zip(docs, states):
            sentences = claim_sentences(doc)
            feats = sentence_features(doc.text, offsets, st, [(s.start, s.end) for s in sentences])
            if feats.shape[1] != head.width:
                raise ModelError(f"the claim head reads {head.width} features but this encoder gives "
                                 f"{feats.shape[1]}: it was trained on another encoder",
                                 hint="retrain it: python -m slant.train.claims DATA RUN --model-dir MODEL --export")
            probs = head.probabilities(feats, [doc.text[s.start:s.end] for s in sentences])
            doc.add_layer("claims", claim_spans(doc, probs, head.threshold, sentences))
        return docs


@register(COMPONENT_NAME, requires=("quotes",), provides=("claims",), settings_section="analyze")
def make_claims_component(settings: Any = None) -> ClaimsComponent:
    """Check-worthy factual claims per sentence, with the speaker and relay of quoted ones."""
    return ClaimsComponent(model_dir=getattr(settings, "model_dir", None))


#: columns of ``--format claims-tsv`` (issue 15), offsets in raw-file coordinates
CLAIMS_TSV_COLUMNS = ("doc_id", "start", "end", "score", "label", "speaker", "relay", "text")


def claim_speaker(span: Span) -> str:
    """Who says a claim: the quote's speaker, '' when a quote's speaker is unknown, or '(author)'."""
    if span.attrs.get("voice") == "quote":
        return span.attrs.get("speaker") or ""
    return AUTHOR


def claim_rows(doc: Document) -> list[dict[str, Any]]:
    """One row per sentence of ``doc`` for the claims-tsv export (raw-file offsets; "" where unknown)."""
    rows = []
    for span in doc.layers.get("claims", []):
        start, end = doc.offsets.span_to_raw(span.start, span.end)
        rows.append({"doc_id": doc.id, "start": start, "end": end,
                     "score": f"{span.score:.4f}" if span.score is not None else "",
                     "label": span.label, "speaker": claim_speaker(span),
                     "relay": span.attrs.get("relay") or "",
                     "text": " ".join(doc.span_text(span).split())})
    return rows
