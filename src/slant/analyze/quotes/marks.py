"""Stage 1: quote marks paired per paragraph, and the sentence and paragraph positions the other stages share.

Curly, straight and guillemet marks, with a glyph's role read from its neighbours when the glyph
lies (a straight mark, a closing glyph used to open). A paragraph that opens a quote and never
closes it continues into the next paragraph when that one opens with a quote mark (the newsroom
convention for long quotes). Unclosed and unopened quotes are kept and flagged; single marks
inside a quote are nested quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from slant.analyze import attribution_rules as rules
from slant.analyze.attribution_rules import tokenize


DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
DOUBLE_ANY = DOUBLE_OPEN + DOUBLE_CLOSE + '"'
_DOUBLE_MARK = re.compile("[" + re.escape(DOUBLE_ANY) + "]")
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
_SINGLE_MARK = re.compile("[" + re.escape(SINGLE_OPEN + SINGLE_CLOSE + "'") + "]")
_LEFT_OK = set(" \t\n([{—–-/") | set(DOUBLE_OPEN) | set(SINGLE_OPEN)
_RIGHT_OK = set(" \t\n,.;:!?)]}—–-…") | set(DOUBLE_CLOSE) | set(SINGLE_CLOSE) | {'"', "'"}


@dataclass
class _Marked:
    parts: list[tuple[int, int]]  # content between marks, per paragraph
    open_mark: int | None  # offset of the opening mark (None when unopened)
    close_mark: int | None  # offset of the closing mark (None when unclosed)
    flags: list[str] = field(default_factory=list)
    nested: list[tuple[int, int]] = field(default_factory=list)


def _role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or '?' for the quote mark at ``text[i]`` inside a paragraph [lo, hi)."""
    left = text[i - 1] if i > lo else " "
    right = text[i + 1] if i + 1 < hi else " "
    opens = left in _LEFT_OK and not right.isspace()
    closes = not left.isspace() and (right in _RIGHT_OK or i + 1 >= hi)
    glyph = text[i]
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if glyph in DOUBLE_OPEN or glyph in SINGLE_OPEN:
        return "open"
    if glyph in DOUBLE_CLOSE or glyph in SINGLE_CLOSE:
        return "close"
    return "?"


def _opens_with_mark(text: str, lo: int, hi: int) -> bool:
    return lo < hi and text[lo] in DOUBLE_OPEN + '"' and _role(text, lo, lo, hi) != "close"


def _last_sentence_end(text: str, lo: int, hi: int) -> int:
    """End of the last sentence-ending punctuation in [lo, hi), or ``hi`` trimmed."""
    for j in range(hi - 1, lo, -1):
        if text[j] in ".!?…":
            return j + 1
    j = hi
    while j > lo and text[j - 1].isspace():
        j -= 1
    return j


def _normalise_double_marks(text: str) -> str:
    """Read typewriter doubles ('' and ``, common in wire copy) as one double mark, same length.

    An opening pair becomes space + '"' (content starts after it), a closing pair '"' + "'"
    (content ends before it), so every offset stays valid for the original text.
    """
    if "''" not in text and "``" not in text:
        return text
    chars = list(text)
    for m in re.finditer(r"''|``", text):
        i = m.start()
        left = text[i - 1] if i > 0 else " "
        if m.group() == "``" or left.isspace() or left in "([{—–-":
            chars[i], chars[i + 1] = " ", '"'
        else:
            chars[i], chars[i + 1] = '"', "'"
    return "".join(chars)


def pair_quote_marks(text: str, paragraphs: Iterable[tuple[int, int]]) -> list[_Marked]:
    """Pair double quote marks across a document's paragraphs (single marks as nested quotes).

    Handles curly, straight and guillemet marks, glyphs used the wrong way round, quotes left
    unclosed (flag ``unclosed``), closing marks with no opening (flag ``unopened``, content from the
    paragraph start) and quotes continued over paragraphs that re-open with a mark.
    """
    paragraphs = list(paragraphs)
    text = _normalise_double_marks(text)
    out: list[_Marked] = []
    carry: _Marked | None = None  # a quote still open at the end of the previous paragraph
    for p_index, (lo, hi) in enumerate(paragraphs):
        marks = [m.start() for m in _DOUBLE_MARK.finditer(text, lo, hi)]
        open_at: int | None = None
        current: _Marked | None = None
        if carry is not None:
            # The paragraph re-opens the quote: its first mark is a continuation, not a new quote.
            current, open_at = carry, marks[0] if marks and marks[0] == lo else lo - 1
            if marks and marks[0] == lo:
                marks = marks[1:]
            carry = None
        for i in marks:
            role = _role(text, i, lo, hi)
            if role == "?":
                role = "close" if open_at is not None else "open"
            if role == "open":
                if open_at is not None and current is not None:
                    # A new quote opens before the last one closed: end that one at its last
                    # full sentence so the text between is not claimed as quoted.
                    end = _last_sentence_end(text, open_at + 1, i)
                    current.parts.append((open_at + 1, end))
                    current.flags.append("unclosed")
                    out.append(current)
                current = _Marked([], i, None)
                open_at = i
            else:
                if open_at is None:
                    # A closing mark with nothing open: the opening mark was lost. The quote runs
                    # from the paragraph start; attribution decides later whether to keep it.
                    out.append(_Marked([(lo, i)], None, i, ["unopened"]))
                    continue
                assert current is not None
                current.parts.append((open_at + 1, i))
                current.close_mark = i
                out.append(current)
                current, open_at = None, None
        if open_at is not None and current is not None:
            current.parts.append((open_at + 1, hi))
            nxt = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            if nxt is not None and _opens_with_mark(text, *nxt):
                current.flags.append("multi_paragraph")
                carry = current
            else:
                current.flags.append("unclosed")
                out.append(current)
    if carry is not None:
        carry.flags.append("unclosed")
        out.append(carry)
    for marked in out:
        marked.parts = [p for p in (_trim(text, s, e) for s, e in marked.parts) if p[1] > p[0]]
        marked.nested = [n for s, e in marked.parts for n in _single_pairs(text, s, e)]
    out = [m for m in out if m.parts]
    out.sort(key=lambda m: m.parts[0][0])
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


def _single_pairs(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Nested quotes in single marks inside [lo, hi); apostrophes (letters both sides) are skipped."""
    pairs = []
    open_at = None
    for m in _SINGLE_MARK.finditer(text, lo, hi):
        i = m.start()
        c = text[i]
        left = text[i - 1] if i > lo else " "
        right = text[i + 1] if i + 1 < hi else " "
        if left.isalnum() and right.isalnum():
            continue  # don't, Putin's, O'Brien
        if open_at is None and (left in _LEFT_OK or i == lo) and not right.isspace() and c != "’":
            open_at = i
        elif open_at is not None and not left.isspace() and (right in _RIGHT_OK or i + 1 >= hi):
            if i > open_at + 1:
                pairs.append((open_at + 1, i))
            open_at = None
    return pairs


def _british_single_quotes(text: str, lo: int, hi: int) -> list[_Marked]:
    """Top-level quotes in single marks, for paragraphs with no double marks (British style)."""
    out = []
    for s, e in _single_pairs(text, lo, hi):
        left = text[e + 1] if e + 1 < hi else ""
        before = text[e - 1] if e > s else ""
        # A possessive ("the players’ union") has a letter before and a word after its mark.
        if before.isalpha() and left == " " and not (text[e + 2:e + 3].islower() and _starts_with_cue(text, e + 2)):
            continue
        out.append(_Marked([(s, e)], s - 1, e))
    return out


def _starts_with_cue(text: str, i: int) -> bool:
    words = text[i:i + 60].split()
    return bool(words) and (words[0].lower().strip(",.") in rules.CUE_FORMS or
                            (len(words) > 1 and words[1].lower().strip(",.") in rules.CUE_FORMS))


def _ends_sentence(text: str, j: int) -> bool:
    word_start = text.rfind(" ", 0, j) + 1
    word = text[word_start:j + 1]
    if rules._keeps_period(word.strip("\"'“‘(")):
        return False
    nxt = text[j + 1:j + 4].lstrip(")]").strip()  # "(D-Mo.) said": look past the bracket
    # "McConnell, R-Ky., said": a period before a comma closes an abbreviation, not a sentence.
    return not nxt[:1].islower() and (not nxt or nxt[0] not in ",;")


def _content_start_after(text: str, cue_end: int, limit: int) -> int:
    tokens = tokenize(text, cue_end, limit)
    i = 0
    while i < len(tokens) and (tokens[i].text in (",", ":") or tokens[i].lower == "that"):
        i += 1
    return tokens[i].start if i < len(tokens) else limit


def _sentence_end_after(text: str, pos: int, hi: int) -> int:
    for j in range(pos, hi):
        if text[j] in ".!?" and _ends_sentence(text, j):
            end = j
            while end < hi and text[end] in DOUBLE_ANY + SINGLE_CLOSE:
                end += 1
            return end
    return hi


def _paragraph_lookup(paragraphs: list[tuple[int, int]]):
    starts = [p[0] for p in paragraphs]

    def lookup(offset: int) -> int:
        import bisect
        return max(0, bisect.bisect_right(starts, offset) - 1)

    return lookup


def _sentence_around(sentences: list[tuple[int, int]], offset: int, both: bool = True) -> tuple[int, int]:
    """The sentence holding ``offset`` (and, with ``both``, the one after it, where an inverted
    "…, said X." may spill over)."""
    import bisect

    i = max(0, bisect.bisect_right(_starts_of(sentences), offset) - 1)
    return sentences[i][0], sentences[min(len(sentences) - 1, i + int(both))][1]


#: (sentences list, its length, their starts) of the last list looked up: one entry, so it holds
#: one document's sentences at most, replaced whole (a thread reads its own entry, never a mix).
_STARTS: tuple = (None, 0, [])


def _starts_of(sentences: list[tuple[int, int]]) -> list[int]:
    """The sentences' starts, made once per sentence list (not once per lookup: quadratic)."""
    global _STARTS
    cached = _STARTS
    if cached[0] is not sentences or cached[1] != len(sentences):
        cached = _STARTS = (sentences, len(sentences), [s for s, _ in sentences])
    return cached[2]

