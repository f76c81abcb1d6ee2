"""A cheap pre-test for a compiled regex: the literal text every match must contain.

Most junk patterns are long alternations of words under ``re.IGNORECASE``
(``\\b(?:said|says|told|...)\\b``); Python's engine tries every alternative at every position of a
line, which costs tens of microseconds on a long prose line that holds none of the words.
:func:`gated` reads the pattern's parse tree once and collects the literal strings at least one of
which every match must contain (the words of an alternation, the fixed run of a sequence). A line
whose lower-cased text holds none of them cannot match, so the regex is skipped; otherwise it runs
as before. The answers are the same by construction:

* a literal is taken only where the pattern needs it (a sequence's element that occurs at least
  once, every branch of an alternation, a repeat with a minimum of one), and only in ASCII, which
  ``str.lower`` folds exactly as the engine's case-insensitive matching does;
* the three characters the engine also matches to an ASCII letter that ``lower`` does not make
  one (U+0130 'İ', U+0131 'ı', U+017F 'ſ') turn the pre-test off for a line that holds them.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: the parser's op codes
from re import _parser

#: a gate whose shortest literal is shorter than this is not worth its test
MIN_LITERAL = 3
#: characters the engine matches case-insensitively to an ASCII letter that ``str.lower`` leaves alone
_FOLD_TRAPS = ("\u0130", "\u0131", "\u017f")
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two literal sets (longer shortest literal, then fewer literals)."""
    if not a:
        return b
    if not b:
        return a
    ka, kb = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return a if ka >= kb else b


def _required(items) -> frozenset[str] | None:
    """Lower-cased ASCII strings one of which every match of the op sequence ``items`` contains."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            best = _better(best, frozenset(("".join(run),)))
            run = []
        if op is C.SUBPATTERN:
            best = _better(best, _required(av[-1].data))
        elif op is C.ATOMIC_GROUP:
            best = _better(best, _required(av.data))
        elif op is C.BRANCH:
            alternatives = [_required(branch.data) for branch in av[1]]
            if all(alternatives):
                best = _better(best, frozenset().union(*alternatives))
        elif op in _REPEATS and av[0] >= 1:
            best = _better(best, _required(av[2].data))
    if run:
        best = _better(best, frozenset(("".join(run),)))
    return best


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The literals (lower case) one of which every match of ``pattern`` contains, or None."""
    return _required(_parser.parse(pattern.pattern, pattern.flags).data)


_last: tuple[str | None, str | None] = (None, None)


def _lowered(text: str) -> str | None:
    """``text.lower()``, or None when the text holds a character the pre-test cannot vouch for."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    low = None if any(c in text for c in _FOLD_TRAPS) else text.lower()
    _last = (text, low)
    return low


class GatedPattern:
    """A compiled regex that first checks for the literals every match needs (same answers)."""

    __slots__ = ("regex", "literals", "pattern", "flags")

    def __init__(self, regex: re.Pattern[str], literals: frozenset[str]) -> None:
        self.regex = regex
        self.literals = tuple(sorted(literals, key=len, reverse=True))
        self.pattern = regex.pattern
        self.flags = regex.flags

    def may_match(self, text: str) -> bool:
        low = _lowered(text)
        if low is None:
            return True
        for literal in self.literals:
            if literal in low:
                return True
        return False

    def search(self, text: str, *args):
        return self.regex.search(text, *args) if self.may_match(text) else None

    def match(self, text: str, *args):
        return self.regex.match(text, *args) if self.may_match(text) else None

    def finditer(self, text: str, *args):
        return self.regex.finditer(text, *args) if self.may_match(text) else iter(())

    def findall(self, text: str, *args):
        return self.regex.findall(text, *args) if self.may_match(text) else []

    def __repr__(self) -> str:
        return f"GatedPattern({self.regex!r})"


def gated(regex: re.Pattern[str] | None):
    """``regex`` with the literal pre-test in front, or ``regex`` itself when it has no useful one."""
    if regex is None:
        return None
    tree = _parser.parse(regex.pattern, regex.flags).data
    if tree and tree[0][0] is C.AT and tree[0][1] in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
        return regex  # anchored at the start: the engine tries one place and fails there faster than the pre-test
    literals = required_literals(regex)
    if not literals or min(map(len, literals)) < MIN_LITERAL:
        return regex
    return GatedPattern(regex, literals)


def top_level_alternatives(source: str) -> list[str]:
    """``source`` split at its top-level ``|`` (outside groups and character classes)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if source[i + 1:i + 2] == "^":
                i += 1
            if source[i + 1:i + 2] == "]":
                i += 1  # a ']' first in a class is a literal
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts


class AnyOf:
    """A regex's top-level alternatives as separate patterns, each behind its own literal pre-test.

    For truth tests only: :meth:`search` finds *a* match when the whole pattern has one (and None
    when it has none), not necessarily the leftmost. A long alternation whose words a line mostly
    lacks then costs a few substring tests instead of a scan with every alternative at every place.
    """

    __slots__ = ("parts",)

    def __init__(self, regex: re.Pattern[str]) -> None:
        sources = top_level_alternatives(regex.pattern)
        if "|".join(sources) != regex.pattern:
            raise ValueError(f"could not split {regex.pattern[:60]!r}")
        flags = regex.flags & ~re.UNICODE
        self.parts = tuple(gated(re.compile(s, flags)) for s in sources)

    def search(self, text: str):
        for part in self.parts:
            found = part.search(text)
            if found:
                return found
        return None


class WordMasks:
    """Which of several word-gated patterns a line's words open, as a bit mask (bit i: the i-th word set).

    Built once from the patterns' gate words; :meth:`opened` then looks each of a line's words up
    once, instead of testing every pattern's gate in turn.
    """

    __slots__ = ("_masks",)

    def __init__(self, word_sets) -> None:
        masks: dict[str, int] = {}
        for bit, words in enumerate(word_sets):
            for word in words:
                masks[word] = masks.get(word, 0) | (1 << bit)
        self._masks = masks

    def opened(self, words) -> int:
        get = self._masks.get
        opened = 0
        for word in words:
            mask = get(word)
            if mask:
                opened |= mask
        return opened


_CATEGORY_CLASSES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
                     C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_ASCII = [chr(code) for code in range(128)]


def _ascii_accepted(char_class: str) -> frozenset[str]:
    """The ASCII characters the engine matches to ``char_class`` case-insensitively (a superset of what it
    matches case-sensitively)."""
    regex = re.compile(char_class, re.IGNORECASE)
    return frozenset(a for a in _ASCII if regex.fullmatch(a))


def _first(items) -> tuple[frozenset[str] | None, bool]:
    """The ASCII characters a match of the op sequence ``items`` may start with (None: any) and whether
    the sequence may match the empty string."""
    found: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars, empty = _ascii_accepted(re.escape(chr(av))), False
        elif op is C.IN:
            parts = []
            for kind, value in av:
                if kind is C.LITERAL:
                    parts.append(re.escape(chr(value)))
                elif kind is C.RANGE:
                    parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif kind is C.CATEGORY and value in _CATEGORY_CLASSES:
                    parts.append(_CATEGORY_CLASSES[value])
                else:
                    return None, False  # a negated set, or a category not listed: any character
            chars, empty = _ascii_accepted("[" + "".join(parts) + "]"), False
        elif op is C.SUBPATTERN:
            chars, empty = _first(av[-1].data)
        elif op is C.ATOMIC_GROUP:
            chars, empty = _first(av.data)
        elif op is C.BRANCH:
            chars, empty = frozenset(), False
            for branch in av[1]:
                branch_chars, branch_empty = _first(branch.data)
                if branch_chars is None:
                    return None, False
                chars, empty = chars | branch_chars, empty or branch_empty
        elif op in _REPEATS:
            chars, empty = _first(av[2].data)
            empty = empty or av[0] == 0
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # width zero: what follows starts the match (a look-ahead only narrows it)
        else:
            return None, False  # any character, a back-reference: anything may start it
        if chars is None:
            return None, False
        found |= chars
        if not empty:
            return frozenset(found), False
    return frozenset(found), True


def first_chars(source: str, flags: int = 0) -> frozenset[str] | None:
    """The ASCII characters a match of the regex ``source`` may start with, or None when it may start with
    any character or match the empty string. A string whose first character is ASCII and not among them
    cannot match (``re.match``) the regex; case-insensitive matching is assumed, which only widens the set."""
    chars, empty = _first(_parser.parse(source, flags).data)
    return None if chars is None or empty else chars
