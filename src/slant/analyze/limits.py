"""Bounded cost per input: the pieces the rules and heads read a long paragraph in.

A paragraph is the unit most rules scan (quote marks are paired in it, a quote's attribution is
looked for from its start, a name's line is checked for headline case). Real news paragraphs are
some hundreds of characters; a scraped page with no line breaks, or a hostile request, gives one
paragraph of megabytes, and every per-quote scan "from the paragraph start" then costs the square
of its length (issue 16: a 4 MB single-line article ran over 590 s and 7 GB).

:func:`rule_windows` cuts such a paragraph into pieces of at most :data:`MAX_RULE_CHARS`, at
sentence ends where it can, at a space where a sentence is longer, so each piece costs a bounded
amount and the whole document costs time linear in its length. A paragraph under the limit is
returned as it is: articles with ordinary paragraphs are read exactly as before.
"""

from __future__ import annotations

import bisect
from typing import Iterable, Sequence

#: Longest piece of a paragraph the rules read at once. 4,000 characters is far beyond a real news
#: paragraph (the longest of the SemEval-2023 English articles' paragraphs is under 3,000), so
#: only run-on text is cut.
MAX_RULE_CHARS = 4000
#: Longest sentence the sentence-level rules read at once (a real sentence is under 1,000).
MAX_RULE_SENTENCE_CHARS = 2000


def rule_windows(text: str, spans: Iterable[tuple[int, int]], sentences: Sequence[tuple[int, int]] = (),
                 max_chars: int = MAX_RULE_CHARS) -> list[tuple[int, int]]:
    """``spans`` (paragraphs, in text order) with each one longer than ``max_chars`` cut into pieces.

    Cuts fall at the end of a sentence of ``sentences`` (sorted character spans) when one lies in
    the second half of the piece, else at the last space in it, else at ``max_chars``. The pieces
    cover the span without gaps or overlaps. Linear in the text's length.
    """
    out: list[tuple[int, int]] = []
    ends = [e for _, e in sentences]
    for lo, hi in spans:
        if hi - lo <= max_chars:
            out.append((lo, hi))
            continue
        start = lo
        while hi - start > max_chars:
            limit = start + max_chars
            cut = 0
            # the last sentence end in (start + max/2, limit]
            i = bisect.bisect_right(ends, limit) - 1
            if i >= 0 and ends[i] > start + max_chars // 2:
                cut = ends[i]
            if not cut:
                space = text.rfind(" ", start + max_chars // 2, limit)
                cut = space + 1 if space > start else limit
            out.append((start, cut))
            start = cut
        if hi > start:
            out.append((start, hi))
    return out


class Ranges:
    """Character ranges, kept sorted by start, asked "does any overlap [s, e)?" by bisection.

    A long article has thousands of statements; comparing each with every range taken so far
    cost the square of their number.
    """

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()):
        self.items: list[tuple[int, int]] = []
        self.longest = 0
        self.extend(ranges)

    def extend(self, ranges: Iterable[tuple[int, int]]) -> None:
        for s, e in ranges:
            bisect.insort(self.items, (s, e))
            self.longest = max(self.longest, e - s)

    def append(self, item: tuple[int, int]) -> None:
        self.extend([item])

    def overlaps(self, s: int, e: int) -> bool:
        first, last = overlap_window(self.items, self.longest, s, e, key=lambda item: item[0])
        return any(ts < e and s < te for ts, te in self.items[first:last])


def overlap_window(ordered: Sequence, longest: int, start: int, end: int, key=None) -> tuple[int, int]:
    """``(first, last)``: the slice of ``ordered`` (sorted by start; ``key`` gives an item's start,
    default the item itself) that holds every item overlapping ``[start, end)`` — items starting in
    ``[start - longest, end)``, where ``longest`` is the longest item's length. The caller still
    tests each item of the slice: one that ends before ``start`` may be in it."""
    return (bisect.bisect_left(ordered, start - longest, key=key), bisect.bisect_left(ordered, end, key=key))


class SpanIndex:
    """Spans that do not change, asked "which overlap [start, end)?" by bisection over their starts.

    ``items`` are any objects; ``bounds(item)`` gives ``(start, end)`` (default ``item.start``,
    ``item.end``). Build one per list (per document, per layer) and keep it as long as the list.
    """

    def __init__(self, items: Sequence, bounds=None):
        bounds = bounds or (lambda item: (item.start, item.end))
        self.items = items
        self._spans = [bounds(item) for item in items]
        self._order = sorted(range(len(items)), key=lambda i: self._spans[i][0])  # stable: ties keep list order
        self._starts = [self._spans[i][0] for i in self._order]
        self.longest = max((e - s for s, e in self._spans), default=0)

    def indices(self, start: int, end: int) -> list[int]:
        """Positions in ``items`` (ascending) of the items overlapping ``[start, end)``."""
        first, last = overlap_window(self._starts, self.longest, start, end)
        spans = self._spans
        return sorted(i for i in self._order[first:last] if spans[i][0] < end and start < spans[i][1])

    def overlapping(self, start: int, end: int) -> list:
        """The items overlapping ``[start, end)``, by start (items with one start in list order)."""
        first, last = overlap_window(self._starts, self.longest, start, end)
        spans = self._spans
        return [self.items[i] for i in self._order[first:last] if spans[i][0] < end and start < spans[i][1]]
