"""The writer's voice and the quoted speakers' voices, read with Slant's own quotes component (session 12, issue 12).

A report attributes what it says to speakers and quotes them; an opinion piece asserts in its own voice. The
style rates the genre head reads (:mod:`slant.models.genre_style`) count "I", "we" and "you" anywhere in the
text, so a report that quotes a speaker saying "we will win" reads as first person. Here the quotes component
(:func:`slant.analyze.quotes.extract_quotes`: the rules, with entities for the speakers) finds the quotes,
and the first and second person are counted only in the words *outside* them (and outside any text between
double quotation marks): the writer's voice. Beside them: how much of the text is quoted and how densely it
attributes (quotes, direct and indirect, per sentence; the share of sentences that carry a quote), in the
whole text and in its lede (the first body paragraphs).

``python -m slant.train.genre_voice DATA OUT`` computes :func:`voice_features` for every genre text
(:mod:`slant.train.genre_data`; about 2 minutes for 2260 texts) into ``OUT/genre_voice.npz`` (``x``, ``keys``:
text hashes, ``names``).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import time
from pathlib import Path

import numpy as np

from slant.models.genre_style import _FIRST_PLURAL, _FIRST_SINGULAR, _QUOTED, _SECOND, _WORD

#: body paragraphs (after the title line) read as the lede
LEDE_PARAGRAPHS = 3
#: the rates :func:`voice_rates` returns, in order (then their ``log1p``)
VOICE_NAMES = ("share of sentences with I/me/my outside quotes", "share of sentences with we/us/our outside quotes",
               "share of sentences with you/your outside quotes", "I/me/my per 100 words outside quotes",
               "we/us/our per 100 words outside quotes", "you/your per 100 words outside quotes",
               "share of characters inside quotes", "quotes per sentence", "direct quotes per sentence",
               "indirect quotes per sentence", "share of sentences with a quote or its cue",
               "share of quotes with a speaker", "lede: quotes per sentence",
               "lede: share of sentences with I/we/you outside quotes", "share of body paragraphs with a quote",
               "share of sentences asking outside quotes")
_QUESTION = re.compile(r"\?")


def _masked(text: str, spans) -> str:
    """``text`` with the characters of ``spans`` blanked (offsets kept)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _person(words: list[str]) -> tuple[bool, bool, bool]:
    return (any(w in _FIRST_SINGULAR for w in words), any(w in _FIRST_PLURAL for w in words),
            any(w in _SECOND for w in words))


def voice_rates(text: str) -> list[float]:
    """The rates of :data:`VOICE_NAMES` for one genre text (title line, then a paragraph per line)."""
    from slant.analyze import attribution_rules as rules
    from slant.analyze.entities import annotate_entities
    from slant.analyze.quotes import extract_quotes
    from slant.document import Document, Span

    paragraphs = rules.split_paragraphs(text)
    doc = Document(text)
    doc.set_paragraphs(Span(a, b) for a, b in paragraphs)
    annotate_entities(doc)
    quotes = extract_quotes(doc)
    quoted = [p for q in quotes if q.kind == "direct" for p in q.parts]
    quoted += [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    outside = _masked(text, quoted)
    sentences = [s for a, b in paragraphs for s in rules.split_sentences(text, a, b)]
    ns = max(len(sentences), 1)

    def words(a: int, b: int) -> list[str]:
        return [w.lower().replace("’", "'") for w in _WORD.findall(outside[a:b])]

    persons = np.array([_person(words(a, b)) for a, b in sentences], dtype=float).reshape(-1, 3)
    all_words = words(0, len(text))
    nw = max(len(all_words), 1)
    covered = sorted((q.start, q.end) for q in quotes) + sorted(q.cue for q in quotes if q.cue)

    def has_quote(a: int, b: int) -> bool:
        return any(s < b and e > a for s, e in covered)

    with_quote = [has_quote(a, b) for a, b in sentences]
    body = paragraphs[1:] if len(paragraphs) > 1 else paragraphs
    lede = body[:LEDE_PARAGRAPHS]
    lede_end = lede[-1][1] if lede else 0
    lede_start = lede[0][0] if lede else 0
    in_lede = [lede_start <= a < lede_end for a, _ in sentences]
    nl = max(sum(in_lede), 1)
    quoted_chars = len(text.replace(" ", "").replace("\n", "")) - len(outside.replace(" ", "").replace("\n", ""))
    return [*(persons.mean(0) if len(persons) else np.zeros(3)),
            100 * sum(w in _FIRST_SINGULAR for w in all_words) / nw,
            100 * sum(w in _FIRST_PLURAL for w in all_words) / nw,
            100 * sum(w in _SECOND for w in all_words) / nw,
            quoted_chars / max(len(text.replace(" ", "").replace("\n", "")), 1),
            len(quotes) / ns, sum(q.kind == "direct" for q in quotes) / ns,
            sum(q.kind == "indirect" for q in quotes) / ns, sum(with_quote) / ns,
            sum(q.speaker is not None for q in quotes) / max(len(quotes), 1),
            sum(lede_start <= q.start < lede_end for q in quotes) / nl,
            sum(bool(p.any()) for p, k in zip(persons, in_lede) if k) / nl,
            sum(any(a <= q.start < b for q in quotes) for a, b in body) / max(len(body), 1),
            sum(bool(_QUESTION.search(outside[a:b])) for a, b in sentences) / ns]


def voice_features(text: str) -> np.ndarray:
    """:func:`voice_rates` and their ``log1p`` (2 x 16 values, float32)."""
    rates = np.asarray(voice_rates(text), dtype=np.float32)
    return np.concatenate([rates, np.log1p(rates)])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("data")
    ap.add_argument("out")
    args = ap.parse_args(argv)
    from slant.train.genre_data import load_all

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    texts = load_all(Path(args.data))
    t0 = time.time()
    x = np.stack([voice_features(t.text) for t in texts])
    np.savez(out / "genre_voice.npz", x=x, names=np.array(VOICE_NAMES),
             keys=np.array([hashlib.sha1(t.text.encode()).hexdigest() for t in texts]))
    print(f"{len(texts)} texts, {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
