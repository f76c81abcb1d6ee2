"""How an article is written, as a few numbers the genre head reads beside the encoder's states.

A report attributes what it says ("said", "told", "according to"), dates it ("on Tuesday") and
counts things; an opinion piece argues in the first and second person, asks questions and judges
("absurd", "shameful"); satire exclaims and puts itself in the first person. The encoder's pooled
states also carry the *topic*, and a head trained on US-election reports and world-affairs
editorials learns "world affairs = opinion": these rates are the same for any topic and any outlet.

Nothing here reads the surface a corpus leaves behind: no casing, no spacing, no line layout
(paragraph length depends on how a page was split), no byline or dateline pattern. The rates are
per word or per sentence, so length does not matter either. :data:`STYLE_NAMES` names the values of
:func:`style_features` in order; the head standardises them with the training texts' means and
spreads folded into its first layer.
"""

from __future__ import annotations

import re

import numpy as np

_ATTRIBUTION = frozenset({"said", "says", "told", "tells", "according", "added", "adds", "stated", "announced",
                          "reported", "asked", "explained", "noted", "confirmed", "spokesman", "spokeswoman",
                          "spokesperson", "statement", "interview"})
_HEDGES = frozenset({"should", "must", "ought", "perhaps", "maybe", "clearly", "obviously", "surely", "indeed",
                     "simply", "truly", "really", "certainly", "undoubtedly"})
_EVALUATIVE = frozenset({"terrible", "great", "absurd", "ridiculous", "disgraceful", "shameful", "outrageous",
                         "stupid", "pathetic", "wonderful", "disastrous", "horrible", "awful", "insane", "crazy",
                         "evil", "disgusting", "brilliant", "foolish", "dangerous", "hypocritical", "corrupt",
                         "idiotic", "laughable", "appalling", "despicable", "incompetent", "amazing", "best",
                         "worst"})
_TIME = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
                   "today", "tonight", "week", "month", "january", "february", "march", "april", "june", "july",
                   "august", "september", "october", "november", "december"})
_FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "i'm", "i've", "i'd", "i'll", "myself"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "we're", "we've", "we'd", "we'll", "ourselves"})
_SECOND = frozenset({"you", "your", "yours", "you're", "you've", "you'd", "you'll", "yourself", "yourselves"})

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_LOWER_WORD = re.compile(r"[a-z]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+|\n")
_QUOTED = re.compile(r"[\"“][^\"“”\n]{3,}[\"”]")
_NUMBER = re.compile(r"\d+")

#: the rates :func:`style_features` returns first (then their ``log1p``, in the same order)
STYLE_NAMES = ("attribution words per sentence", "share of sentences with attribution", "share of words quoted",
               "I/me/my per 100 words", "we/us/our per 100 words", "you/your per 100 words", "? per sentence",
               "! per sentence", "words per sentence / 25", "numbers per 100 words", "hedges per 100 words",
               "evaluative words per 100 words", "time words per sentence")


def style_rates(text: str) -> list[float]:
    """The rates of :data:`STYLE_NAMES` for one article (title and body together)."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    n = max(len(words), 1)
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    ns = max(len(sentences), 1)
    attributed = sum(1 for s in sentences if not _ATTRIBUTION.isdisjoint(_LOWER_WORD.findall(s.lower())))
    return [sum(w in _ATTRIBUTION for w in words) / ns, attributed / ns,
            sum(len(q.split()) for q in _QUOTED.findall(text)) / n,
            100 * sum(w in _FIRST_SINGULAR for w in words) / n,
            100 * sum(w in _FIRST_PLURAL for w in words) / n,
            100 * sum(w in _SECOND for w in words) / n,
            text.count("?") / ns, text.count("!") / ns, len(words) / ns / 25,
            100 * len(_NUMBER.findall(text)) / n,
            100 * sum(w in _HEDGES for w in words) / n,
            100 * sum(w in _EVALUATIVE for w in words) / n,
            sum(w in _TIME for w in words) / ns]


def style_features(text: str) -> np.ndarray:
    """:func:`style_rates` and their ``log1p`` (2 x 13 values, float32)."""
    rates = np.asarray(style_rates(text), dtype=np.float32)
    return np.concatenate([rates, np.log1p(rates)])
