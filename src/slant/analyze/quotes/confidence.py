"""Statement confidence: the probability that a statement would be marked by annotators as a
statement someone made (as shown: the same words, at least half of each), and admission below it.

A logistic regression over features of the Quote and its text (where it came from, direct or
indirect, quotation marks at its edges, cue class, speaker kind, relay, length, parts, flags, and
how the attribution head scored its words where the head ran), with a Platt calibration fitted
out of fold, read from a small JSON file beside the models (``statement_confidence.json``; trained
by :mod:`slant.train.statement_confidence` on PolNeAR train, cross-fitted by article). Statements
below the file's threshold are not listed (the brief: abstain rather than guess).
"""

from __future__ import annotations

import bisect
import json
import math
import re
from pathlib import Path

import numpy as np

from slant.analyze import attribution_rules as rules
from slant.analyze.quotes.head import ATTR_TAGS
from slant.analyze.quotes.model import HeadScores, Quote
from slant.analyze.quotes.marks import DOUBLE_CLOSE, DOUBLE_OPEN, SINGLE_CLOSE, SINGLE_OPEN
from slant.errors import ModelError

#: file name of the statement-confidence model beside the persuasion model
CONFIDENCE_FILE = "statement_confidence.json"
#: what a shown probability means, in plain words (text report, HTML, web views)
PROBABILITY_MEANING = ("the chance that annotators would mark this as a statement someone made, with these words "
                       "(calibrated on annotated news articles; less likely statements are not listed)")

#: speech and report cue words of the issue-13 definition (every form its list names) (a gold statement whose cue holds one is a
#: speech attribution); the confidence model's cue class
SPEECH_CUES = frozenset("""
said say says saying told tell tells telling according stated announced added adding asked wrote
tweeted argued claimed insisted noted noting explained warned suggested declared replied responded
denied acknowledged admitted contended maintained reported testified vowed promised pledged predicted
recalled remarked conceded countered urged called quipped joked boasted complained charged alleged
accused repeated confirmed emphasized stressed mentioned commented concluded observed pointed declined
echoed described questioned criticized praised statement interview speech remarks
""".split())

_WORD = re.compile(r"\w+")
_OPEN_MARKS = '"' + DOUBLE_OPEN + SINGLE_OPEN
_CLOSE_MARKS = '"' + DOUBLE_CLOSE + SINGLE_CLOSE
_PRONOUNS = rules.PRONOUNS | {"you", "us", "them", "whom", "one", "this", "that", "these", "those"}
#: flags that become features (a flag the rules add later and the model never saw is ignored)
FLAG_FEATURES = ("speaker_unresolved", "speaker_from_subject", "speaker_from_previous_quote", "unclosed",
                 "multi_paragraph", "transcript")

#: features every model reads; the head's are read only where the head ran
RULE_FEATURES = (
    "from_head", "direct", "mark_open", "mark_close", "mark_both", "cue_speech", "cue_other",
    "speaker_name", "speaker_pronoun", "speaker_role", "speaker_document", "speaker_other", "speaker_resolved",
    "relay", "log_words", "short", "long", "parts", "verbatim",
    *(f"flag_{f}" for f in FLAG_FEATURES),
    "head_x_speech", "head_x_nospeaker", "direct_x_nospeaker", "nocue_x_nospeaker",
    "cue_said", "cue_before", "cue_gap", "speaker_gap", "that_clause", "line_start", "sentence_end",
    "inner_marks", "question", "first_person", "head_x_direct", "head_x_marks",
)
HEAD_FEATURES = ("con_mean", "con_min", "cue_prob", "src_prob", "head_x_con", "con_low", "rules_x_con",
                 "begin_prob", "con_before", "con_after", "con_edges_low")
#: the commonest reporting words ("said", "according to"): the plainest attributions
_SAID = {"said", "says", "say", "saying", "told", "tell", "tells", "according"}
_FIRST_PERSON = {"i", "we", "my", "our", "me", "us", "i'm", "we're", "i've", "we've"}


def _edge_marks(text: str, q: Quote) -> tuple[bool, bool]:
    """A quotation mark just inside or just outside the content's first and last characters."""
    s, e = q.start, q.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1] in " \t\n.,;:!?":
        e -= 1
    opens = (s < len(text) and text[s] in _OPEN_MARKS) or (s > 0 and text[s - 1] in _OPEN_MARKS) or (
        q.start > 0 and text[q.start - 1] in _OPEN_MARKS)
    closes = (e > 0 and text[e - 1] in _CLOSE_MARKS) or (e < len(text) and text[e] in _CLOSE_MARKS) or (
        q.end < len(text) and text[q.end] in _CLOSE_MARKS)
    return bool(opens), bool(closes)


def speaker_kind(q: Quote) -> str:
    """"none", "document", "pronoun", "role", "name" or "other"."""
    sp = q.speaker
    if sp is None:
        return "none"
    if sp.kind == "document":
        return "document"
    words = sp.text.split()
    if not words:
        return "none"
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return "pronoun"
    if (sp.entity and not sp.entity.startswith("misc:")) or words[0][:1].isupper() and words[0].lower() not in (
            "the", "a", "an", "his", "her", "their", "its", "our", "my", "this", "that", "one"):
        return "name"
    if words[-1].lower().strip(",.") in rules.PERSON_NOUNS:
        return "role"
    return "other"


def _prepared(scores: HeadScores) -> tuple[list[int], list[int], dict[str, list[float]]]:
    """Token starts and ends, and each role's probability per token (B- plus I-), as lists: made
    once per text and kept on ``scores``."""
    prep = getattr(scores, "_prepared", None)
    if prep is None:
        roles = {}
        for role in ("CON", "CUE", "SRC"):
            cols = [i for i, t in enumerate(ATTR_TAGS) if t.endswith("-" + role)]
            roles[role] = scores.probs[:, cols].sum(axis=1).tolist()
        roles["B-CON"] = scores.probs[:, ATTR_TAGS.index("B-CON")].tolist()
        roles["I-CON"] = scores.probs[:, ATTR_TAGS.index("I-CON")].tolist()
        prep = (scores.offsets[:, 0].tolist(), scores.offsets[:, 1].tolist(), roles)
        scores._prepared = prep
    return prep


def _role_prob(scores: HeadScores, spans: list[tuple[int, int]], role: str) -> list[float]:
    """The head's probability of ``role`` (B- or I-) for each token inside ``spans``."""
    starts, ends, roles = _prepared(scores)
    values = roles[role]
    out = []
    for s, e in spans:
        for i in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
            if starts[i] < ends[i] <= e:
                out.append(values[i])
    return out


def _edges(scores: HeadScores, q: Quote) -> tuple[float, float, float]:
    """The head's P(B-Content) at the statement's first word, and its P(Content) of the word just
    before it and P(I-Content) of the word just after it (the head reading the statement as starting
    earlier or running on: its edges are not where the head puts them)."""
    starts, ends, roles = _prepared(scores)
    i = bisect.bisect_left(starts, q.start)
    begin = roles["B-CON"][i] if i < len(starts) and starts[i] < q.end else 0.0
    before = roles["CON"][i - 1] if i > 0 else 0.0
    j = bisect.bisect_left(starts, q.end)
    after = roles["I-CON"][j] if j < len(starts) else 0.0
    return begin, before, after


def statement_features(text: str, q: Quote, scores: HeadScores | None = None) -> dict[str, float]:
    """The model's features of one statement (head features only when ``scores`` is given)."""
    opens, closes = _edge_marks(text, q)
    cue_words = {m.group().lower() for m in _WORD.finditer(text, *q.cue)} if q.cue else set()
    speech = bool(cue_words & SPEECH_CUES)
    kind = speaker_kind(q)
    word_list = [w for s, e in q.parts for w in _WORD.findall(text, s, e)]
    words = len(word_list)
    from_head = float(q.origin == "head")
    f = {
        "from_head": from_head, "direct": float(q.kind == "direct"), "mark_open": float(opens),
        "mark_close": float(closes), "mark_both": float(opens and closes), "cue_speech": float(speech),
        "cue_other": float(q.cue is not None and not speech),
        "speaker_name": float(kind == "name"), "speaker_pronoun": float(kind == "pronoun"),
        "speaker_role": float(kind == "role"), "speaker_document": float(kind == "document"),
        "speaker_other": float(kind == "other"),
        "speaker_resolved": float(q.speaker is not None and q.speaker.entity is not None),
        "relay": float(q.relay is not None), "log_words": math.log1p(words), "short": float(words <= 4),
        "long": float(words >= 40), "parts": float(len(q.parts) > 1), "verbatim": float(bool(q.verbatim)),
        "head_x_speech": from_head * speech, "head_x_nospeaker": from_head * (kind == "none"),
        "direct_x_nospeaker": float(q.kind == "direct" and kind == "none"),
        "nocue_x_nospeaker": float(q.cue is None and kind == "none"),
    }
    cue_gap = speaker_gap = 0.0
    if q.cue is not None:
        cue_gap = math.log1p(max(0, max(q.cue[0], q.start) - min(q.cue[1], q.end)))
        if q.speaker is not None:
            speaker_gap = math.log1p(max(0, max(q.cue[0], q.speaker.start) - min(q.cue[1], q.speaker.end)))
    lead = text[max(0, q.start - 8):q.start].lower()
    head_words = text[q.start:min(q.end, q.start + 6)].lower()
    before = text[:q.start].rstrip(" \t\"“„«‟‘'")
    tail = text[max(q.start, q.end - 3):q.end + 2]
    content = " ".join(text[s:e] for s, e in q.parts)
    inner = sum(content[1:-1].count(c) for c in "“”\"")
    words_lower = {w.lower() for w in word_list}
    f.update({
        "cue_said": float(bool(cue_words & _SAID)),
        "cue_before": float(q.cue is not None and q.cue[1] <= q.start),
        "cue_gap": cue_gap, "speaker_gap": speaker_gap,
        "that_clause": float(lead.rstrip().endswith("that") or head_words.startswith("that ")),
        "line_start": float(not before or before.endswith("\n")),
        "sentence_end": float(any(c in tail for c in ".!?")),
        "inner_marks": float(inner > 0), "question": float("?" in tail),
        "first_person": float(bool(words_lower & _FIRST_PERSON)),
        "head_x_direct": from_head * (q.kind == "direct"), "head_x_marks": from_head * (opens or closes),
    })
    for flag in FLAG_FEATURES:
        f[f"flag_{flag}"] = float(flag in q.flags)
    if scores is not None:
        con = _role_prob(scores, q.parts, "CON")
        cue = _role_prob(scores, [q.cue] if q.cue else [], "CUE")
        src = _role_prob(scores, [(q.speaker.start, q.speaker.end)] if q.speaker else [], "SRC")
        f["con_mean"] = sum(con) / len(con) if con else 0.0
        f["con_min"] = min(con) if con else 0.0
        f["cue_prob"] = sum(cue) / len(cue) if cue else 0.0
        f["src_prob"] = sum(src) / len(src) if src else 0.0
        f["head_x_con"] = from_head * f["con_mean"]
        f["con_low"] = float(f["con_mean"] < 0.5)
        f["rules_x_con"] = (1.0 - from_head) * f["con_mean"]
        f["begin_prob"], f["con_before"], f["con_after"] = _edges(scores, q)
        f["con_edges_low"] = float(f["con_before"] > 0.5 or f["con_after"] > 0.5)
    return f


class StatementConfidence:
    """The statement-confidence model read from its JSON file: two logistic regressions (with and
    without the head's scores), each Platt-calibrated, and the admission threshold."""

    def __init__(self, spec: dict, source: str = ""):
        try:
            self.threshold = float(spec["threshold"])
            self.models = {}
            for name, features in (("head", RULE_FEATURES + HEAD_FEATURES), ("rules", RULE_FEATURES)):
                m = spec["models"][name]
                if list(m["features"]) != list(features):
                    raise ValueError(f"model {name!r} reads other features than this version of Slant")
                w = np.asarray(m["weights"], dtype=np.float64)
                mean, scale = (np.asarray(m[k], dtype=np.float64) for k in ("mean", "scale"))
                if not (w.shape == mean.shape == scale.shape == (len(features),)):
                    raise ValueError(f"model {name!r}: weights do not fit its features")
                self.models[name] = (tuple(features), w, float(m["bias"]), mean, scale,
                                     float(m["platt"][0]), float(m["platt"][1]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"the statement-confidence model is malformed: {exc}", source=source,
                             hint="reinstall Slant, or rebuild the file with "
                                  "`python -m slant.train.statement_confidence fit`") from exc
        if not 0.0 <= self.threshold < 1.0:
            raise ModelError(f"the statement-confidence threshold {self.threshold} is not in [0, 1)", source=source)

    @classmethod
    def load(cls, path: str | Path) -> StatementConfidence:
        path = Path(path)
        try:
            spec = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ModelError(f"the statement-confidence model {path.name} is missing", source=str(path)) from exc
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelError(f"the statement-confidence model {path.name} cannot be read: {exc}",
                             source=str(path)) from exc
        if not isinstance(spec, dict):
            raise ModelError("the statement-confidence model is not a JSON object", source=str(path))
        return cls(spec, str(path))

    def probabilities(self, text: str, quotes: list[Quote], scores: HeadScores | None = None) -> list[float]:
        """Each statement's calibrated probability."""
        if not quotes:
            return []
        features, w, b, mean, scale, pa, pb = self.models["head" if scores is not None else "rules"]
        rows = [statement_features(text, q, scores) for q in quotes]
        x = (np.asarray([[r[k] for k in features] for r in rows]) - mean) / scale
        z = pa * (x @ w + b) + pb
        return [float(p) for p in 1.0 / (1.0 + np.exp(-z))]

    def admit(self, text: str, quotes: list[Quote], scores: HeadScores | None = None) -> list[Quote]:
        """Set each statement's probability; keep those at or above the threshold."""
        for q, p in zip(quotes, self.probabilities(text, quotes, scores)):
            q.probability = p
        return [q for q in quotes if q.probability >= self.threshold]


_LOADED: dict[str, StatementConfidence] = {}


def load_confidence(model_dir: str | Path | None = None) -> StatementConfidence:
    """The statement-confidence model of ``model_dir`` (the package's when the folder has none); cached."""
    from slant.models.onnx_model import DEFAULT_MODEL_DIR

    path = Path(model_dir) / CONFIDENCE_FILE if model_dir else DEFAULT_MODEL_DIR / CONFIDENCE_FILE
    if model_dir and not path.is_file():
        path = DEFAULT_MODEL_DIR / CONFIDENCE_FILE
    key = str(path.resolve())  # a relative folder names another file after a change of directory
    if key not in _LOADED:
        _LOADED[key] = StatementConfidence.load(path)
    return _LOADED[key]
