"""A fast rule-based sentence splitter for news prose.

A boundary candidate is a run of terminal punctuation (``.``, ``!``, ``?``, ``...``, ``…``) plus any
closing quotes or brackets, followed by whitespace. It becomes a sentence boundary unless:

* the next word starts in lower case (``"Wow!" he said.`` and ``...," she said`` stay whole), or a
  closing quote is followed by a speaker and a speech verb (``“We will win!” Zelensky said.``);
* the word before the period is an abbreviation that never ends a sentence (``Mr.``, ``Dr.``,
  ``Gen.``, ``Jan.``, ``No.``), also after a hyphen (``then-Sen.``, ``ex-Rep.``), or a single
  capital initial (``John F. Kennedy``);
* the word before is an abbreviation that *can* end a sentence (``U.S.``, ``etc.``, ``a.m.``,
  ``Inc.``) and the next word is not a usual sentence opener (``in the U.S. The`` splits,
  ``the U.S. Senate`` does not).

Decimals (``3.5``) never match because no whitespace follows the period. A line break is a hard
boundary, so sentences never cross paragraphs.
"""

from __future__ import annotations

import re

#: terminal punctuation, then closing quotes/brackets, then whitespace must follow
_BOUNDARY_RE = re.compile(r"(?:\.{2,}|…|[.!?]+)[\"”’'»)\]]*(?=\s)")
_LINE_BREAK_RE = re.compile(r"\n")
_OPENERS = "\"“‘'«([¿¡"

#: abbreviations after which a sentence (practically) never ends: titles before a name
NEVER_END = frozenset("""
mr mrs ms messrs mme mlle dr prof sen sens rep reps gov gen lt col maj capt cpt sgt cpl adm cmdr
rev hon pres supt insp det atty amb fr st ste mt ft cf vs v approx dept
""".split())

#: abbreviations that may also close a sentence ("... in the U.S. The ..."); "No. 5" and
#: "Fig. 2" are kept whole because a number is not a sentence opener
CAN_END = frozenset("""
jr sr inc ltd co corp plc llc bros etc al no nos vol vols art pp fig figs ch sec est
""".split())

#: like CAN_END, but only when written with a capital: "Jan.", "Calif.", "Ill." (AP style), so
#: that "She fell ill. Doctors said" still splits
CAPITALISED_CAN_END = frozenset("""
jan feb mar apr jun jul aug sep sept oct nov dec
ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev
okla ore pa tenn tex va vt wash wis wyo
""".split())

#: words that usually open a sentence; after a CAN_END abbreviation only these start a new one
SENTENCE_OPENERS = frozenset("""
the a an he she it they we i you his her their its our my your this that these those there here
but and so yet or nor in on at for as if when while after before since though although because
however meanwhile moreover still also then now today yesterday some many most several both all
one two three according what why how who where which no not nobody none such other another
""".split())

_DOTTED_ABBREVIATION_RE = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
#: a speaker and a speech verb right after a closing quote: "“We will win!” Zelensky said."
_ATTRIBUTION_RE = re.compile(
    r"\s+(?:[A-Z][\w'’.-]*\s+){1,4}(?:said|says|told|asked|added|replied|explained|wrote|insisted|"
    r"warned|declared|stated|continued|noted|argued|claimed|tweeted|shouted)\b")
_CLOSING_QUOTES = "\"”’'»"


def _word_before(text: str, end: int, floor: int) -> str:
    """The whitespace-delimited token that ends at ``end`` (the terminal period excluded)."""
    i = end
    while i > floor and not text[i - 1].isspace():
        i -= 1
    return text[i:end].lstrip(_OPENERS)


def _next_word(text: str, pos: int, limit: int) -> tuple[int, str]:
    """Position of the next non-space character and the word starting there."""
    while pos < limit and text[pos].isspace():
        if text[pos] == "\n":
            return pos, ""
        pos += 1
    j = pos
    while j < limit and not text[j].isspace():
        j += 1
    return pos, text[pos:j]


def _is_boundary(text: str, match: re.Match, floor: int, limit: int) -> bool:
    punct = match.group(0)
    _, word_after = _next_word(text, match.end(), limit)
    if not word_after:
        return True
    core = word_after.lstrip(_OPENERS)
    first = core[:1] or word_after[:1]
    if first.islower():
        return False
    if not (first.isupper() or first.isdigit() or word_after[0] in _OPENERS):
        return False
    if punct[-1] in _CLOSING_QUOTES and _ATTRIBUTION_RE.match(text, match.end(), limit):
        return False
    if punct[0] != "." or punct.startswith(".."):
        return True  # "!", "?" and ellipses followed by a capital split
    before = _word_before(text, match.start(), floor)
    if not before:
        return True
    key = before.rstrip(".").lower()
    tail = before.rstrip(".").rpartition("-")[2]
    if key in NEVER_END or ("-" in key and tail[:1].isupper() and tail.lower() in NEVER_END):
        return False  # "Mr.", and a hyphenated title: "then-Sen.", "ex-Rep." (not "next-gen.")
    if len(before) == 1 and before.isupper():
        return False  # an initial: "John F. Kennedy"
    if (key in CAN_END or (key in CAPITALISED_CAN_END and before[0].isupper())
            or _DOTTED_ABBREVIATION_RE.match(before)):
        opener = core.rstrip(",;:").lower()
        return opener in SENTENCE_OPENERS or word_after[0] in _OPENERS
    return True


def _split_line(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    sentence_start = start
    for match in _BOUNDARY_RE.finditer(text, start, end):
        if _is_boundary(text, match, start, end):
            _append_trimmed(text, sentence_start, match.end(), out)
            sentence_start = match.end()
    _append_trimmed(text, sentence_start, end, out)


def _append_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets inside ``text[start:end]``, never crossing a line break."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    line_start = start
    for newline in _LINE_BREAK_RE.finditer(text, start, end):
        _split_line(text, line_start, newline.start(), out)
        line_start = newline.end()
    _split_line(text, line_start, end, out)
    return out
