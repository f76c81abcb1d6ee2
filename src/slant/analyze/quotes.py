"""Who said what: direct and indirect quotes with their cue, speaker and relay.

The layer is deterministic and works in three passes:

1. **Quote marks** are paired per paragraph: curly, straight and guillemet marks, with a glyph's
   role read from its neighbours when the glyph lies (a straight mark, a closing glyph used to
   open). A paragraph that opens a quote and never closes it continues into the next paragraph
   when that one opens with a quote mark (the newsroom convention for long quotes). Unclosed and
   unopened quotes are kept and flagged; single marks inside a quote are nested quotes.
2. **Direct quotes** get their attribution from the clause after the closing mark
   ("…,” Putin said), before the opening mark (Putin said: “…”) or around it; a quote interrupted by
   its attribution (“…,” he said, “…”) is one quote in two parts. A quote with no attribution of
   its own continues the speaker of the quote just before it.
3. **Indirect quotes** are found in the remaining text: "X said (that) …", "according to X, …",
   "…, X said.", "X has repeatedly denied this", "X, which claims …".

Speakers are mention spans; pronouns and role nouns ("he", "the French leader") are resolved to
the most recent compatible entity (:mod:`slant.analyze.entities`). The relay is the outlet or
channel that carried the statement ("as quoted by Russia Today", "told Reuters", "on Twitter").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from slant.analyze import attribution_rules as rules
from slant.analyze.attribution_rules import Token, tokenize
from slant.analyze.registry import register
from slant.document import Document, Span

#: a quote without attribution and with fewer words than this is a term in scare quotes or a
#: title ("a so-called “peaceful” alliance"), not a statement; 5 words keeps short real
#: statements that carry their own attribution ("“No,” he said" is attributed, so it stays).
MIN_UNATTRIBUTED_WORDS = 5
#: how far (characters) the attribution clause after a closing mark may reach; newsroom
#: attributions ("…,” Secretary General Jens Stoltenberg told reporters on Tuesday") fit in 120
POST_CLAUSE_CHARS = 160

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
DOUBLE_ANY = DOUBLE_OPEN + DOUBLE_CLOSE + '"'
_DOUBLE_MARK = re.compile("[" + re.escape(DOUBLE_ANY) + "]")
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
_LEFT_OK = set(" \t\n([{—–-/") | set(DOUBLE_OPEN) | set(SINGLE_OPEN)
_RIGHT_OK = set(" \t\n,.;:!?)]}—–-…") | set(DOUBLE_CLOSE) | set(SINGLE_CLOSE) | {'"', "'"}


@dataclass
class Mention:
    """A speaker mention: its text and offsets, and the entity it was resolved to."""

    start: int
    end: int
    text: str
    entity: str | None = None  # canonical id ("per:vladimir-putin") when resolved
    canonical: str | None = None  # canonical name ("Vladimir Putin") when resolved
    resolved_by: str = ""  # "name", "pronoun", "role", "continuation", ""

    def to_dict(self) -> dict[str, Any]:
        out = {"text": self.text, "start": self.start, "end": self.end,
               "entity": self.entity, "canonical": self.canonical or self.text}
        if self.resolved_by:
            out["resolved_by"] = self.resolved_by
        return out


@dataclass
class Quote:
    """One statement: content (one or more parts), cue, speaker and relay, as char offsets."""

    kind: str  # "direct" | "indirect"
    parts: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    speaker: Mention | None = None
    relay: tuple[int, int, str] | None = None  # (start, end, name)
    flags: list[str] = field(default_factory=list)
    nested: list[tuple[int, int]] = field(default_factory=list)
    verbatim: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    def to_span(self) -> Span:
        attrs: dict[str, Any] = {
            "kind": self.kind,
            "cue": list(self.cue) if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "relay": ({"name": self.relay[2], "start": self.relay[0], "end": self.relay[1]}
                      if self.relay else None),
        }
        if len(self.parts) > 1:
            attrs["parts"] = [list(p) for p in self.parts]
        if self.flags:
            attrs["flags"] = sorted(set(self.flags))
        if self.nested:
            attrs["nested"] = [list(p) for p in self.nested]
        if self.verbatim:
            attrs["verbatim"] = [list(p) for p in self.verbatim]
        return Span(self.start, self.end, self.kind, None, attrs)


# -- pass 1: quote marks ---------------------------------------------------------------------------


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
        marks = [i for i in range(lo, hi) if text[i] in DOUBLE_ANY]
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
    for i in range(lo, hi):
        c = text[i]
        if c not in SINGLE_OPEN + SINGLE_CLOSE + "'":
            continue
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


# -- speaker phrases -------------------------------------------------------------------------------


#: capitalised words that are verbs only; "States", "Reports" or "Claims" capitalised are names
_CAPITALISED_CUES = {"said", "says", "told", "tells", "added", "adds", "warned", "warns", "denied", "denies",
                     "insisted", "insists", "explained", "explains", "tweeted", "wrote", "writes", "stated"}


def _is_cue(tok: Token) -> bool:
    """Is ``tok`` a reporting verb here? (A capitalised "States" in "the United States" is not.)"""
    low = tok.lower
    return low in rules.CUE_FORMS and (not tok.is_cap or low in _CAPITALISED_CUES)


def _is_name_token(tok: Token) -> bool:
    return tok.is_cap and tok.lower not in rules.NOT_NAMES and tok.is_word


def _np_backward(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """Token range [a, b) of the noun phrase ending just before token ``end`` (a subject).

    Accepts a pronoun, a run of capitalised words (with "of", "al", hyphens), or a determiner
    phrase headed by a person or organisation noun ("the French leader", "Western officials").
    """
    b = end
    if b <= 0:
        return None
    last = tokens[b - 1]
    if last.lower in rules.PRONOUNS:
        return (b - 1, b)
    a = b
    head_ok = False
    while a > 0:
        tok = tokens[a - 1]
        low = tok.lower
        if _is_cue(tok):
            break  # a capitalised cue in a headline ("Obama Says …") is not part of a name
        if _is_name_token(tok) or (low in rules.NATIONALITIES and tok.is_cap):
            head_ok = True
            a -= 1
        elif low in rules.PERSON_NOUNS or low in rules.ORG_NOUNS:
            if a == b:
                head_ok = True
            a -= 1
        elif a < b and (low in rules.NAME_GLUE) and a - 1 > 0 and (
                _is_name_token(tokens[a - 2]) or tokens[a - 2].lower in rules.PERSON_NOUNS
                or tokens[a - 2].lower in rules.DETERMINERS):
            a -= 1
        elif a < b and (low in rules.DETERMINERS or low in rules.NATIONALITIES):
            a -= 1
            if low in ("the", "a", "an", "his", "her", "its", "their", "our"):
                break
        else:
            break
        if b - a > 9:
            return None
    # Adjectives between a determiner and the head: "a new poll", "the outgoing minister".
    if head_ok and a < b and a > 0 and tokens[a].lower not in rules.DETERMINERS:
        j = a
        while j > 0 and a - j < 3 and tokens[j - 1].is_word and tokens[j - 1].lower not in _NOT_HEADS \
                and not _is_cue(tokens[j - 1]) and tokens[j - 1].lower not in rules.DETERMINERS:
            j -= 1
        if j > 0 and tokens[j - 1].lower in ("the", "a", "an", "his", "her", "its", "their", "our"):
            a = j - 1
    # A determiner may be capitalised at a sentence start: "The spokesman said".
    while a < b and tokens[a].lower in rules.NOT_NAMES and tokens[a].lower not in rules.DETERMINERS:
        a += 1
    if a >= b or not head_ok:
        return _generic_np_backward(tokens, end)
    if tokens[b - 1].lower in rules.NAME_GLUE or tokens[b - 1].lower in rules.DETERMINERS:
        return None
    return (a, b)


_CLAUSE_STARTERS = {",", "but", "and", "—", "–", "--", ";", ":", "while", "though", "although", "because"}
#: lower-case words that cannot head a subject noun phrase
_NOT_HEADS = {"that", "which", "who", "it", "this", "there", "also", "not", "then", "so", "as", "is", "was",
              "be", "been", "have", "has", "had", "would", "will", "could", "should", "can", "may", "to",
              "of", "in", "on", "at", "for", "with", "by", "from", "and", "or", "but", "if", "when"}


def _generic_np_backward(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """A short common-noun subject at the start of its clause ("critics say", "But many experts say")."""
    if end <= 0:
        return None
    head = tokens[end - 1]
    if not head.is_word or head.lower in _NOT_HEADS or head.lower in rules.CUE_FORMS or head.text[:1].isdigit():
        return None
    a = end - 1
    while a > 0 and end - a < 6:
        prev = tokens[a - 1]
        if prev.lower in _CLAUSE_STARTERS or prev.text in _CLAUSE_STARTERS:
            break
        if not prev.is_word or prev.lower in _NOT_HEADS or prev.lower in rules.CUE_FORMS:
            return None
        a -= 1
    if a > 0 and not (tokens[a - 1].lower in _CLAUSE_STARTERS or tokens[a - 1].text in _CLAUSE_STARTERS):
        return None
    while a < end and tokens[a].lower in rules.NOT_NAMES and tokens[a].lower not in rules.DETERMINERS:
        a += 1
    return (a, end) if a < end else None


#: words opening a comma-fenced insertion between a subject and its verb that is no appositive:
#: "Clinton, at a later press gaggle, said", "The minister, in a statement, said"
_INSERTION_HEADS = {"at", "in", "on", "during", "after", "before", "while", "when", "asked", "speaking",
                    "like", "unlike", "however", "meanwhile", "too"}


def _subject_before(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """The subject before token ``end``, including an appositive ("Phil Smith, a spokesman for X,")."""
    if end >= 4 and tokens[end - 1].text == ")":
        # "Rep. Gwen Moore (D-Wis.) said": a party or place tag after the name.
        for k in range(end - 2, max(0, end - 8), -1):
            if tokens[k].text == "(":
                rng = _np_backward(tokens, k)
                return (rng[0], end) if rng is not None else None
        return None
    rng = _np_backward(tokens, end)
    if rng is not None or end < 3 or tokens[end - 1].text not in (",", "—", "–", "--", "-"):
        return rng
    closer = tokens[end - 1].text
    for k in range(end - 2, max(0, end - 32), -1):
        if tokens[k].text == closer or (closer in "—–--" and tokens[k].text in ("—", "–", "--")):
            first = tokens[k + 1] if k + 1 < end - 1 else None
            # "Phil Smith, a spokesman for X,", "Obama, dedicating the museum on Saturday,"
            if first is None or not (first.lower in ("a", "an", "the", "who") or first.is_cap
                                     or first.lower in rules.PERSON_NOUNS or first.text[:1].isdigit()
                                     or (first.text.islower() and first.text.endswith("ing"))
                                     or first.lower in _INSERTION_HEADS):
                return None
            head = _np_backward(tokens, k)
            if head is None or tokens[head[0]].lower in rules.PRONOUNS:
                return None
            return (head[0], end - 1)
        if tokens[k].text in (".", ";", "“", "”", '"'):
            return None
    return None


def _subject_or_coordinated(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """The subject before token ``end``; for a second verb ("Mr. McKinley is bearish on loans and
    expects …"), the name or pronoun that opens the sentence."""
    rng = _subject_before(tokens, end)
    if rng is None and end > 0 and tokens[end - 1].lower in ("and", "but"):
        found = _sentence_subject(tokens[:end - 1], coordinated=True)
        rng = found[0] if found is not None else None
    return rng


def _np_forward(tokens: list[Token], start: int) -> tuple[int, int] | None:
    """Token range of the noun phrase starting at token ``start`` ("said Putin", "said the minister")."""
    if start >= len(tokens):
        return None
    first = tokens[start]
    if first.lower in rules.PRONOUNS:
        return (start, start + 1)
    b = start
    seen_head = False
    while b < len(tokens):
        tok = tokens[b]
        low = tok.lower
        if _is_cue(tok) and b > start:
            break
        if _is_name_token(tok) or low in rules.PERSON_NOUNS or low in rules.ORG_NOUNS:
            seen_head = True
            b += 1
        elif low in rules.DETERMINERS or low in rules.NATIONALITIES:
            b += 1
        elif low in rules.NAME_GLUE and seen_head and b + 1 < len(tokens) and (
                _is_name_token(tokens[b + 1]) or tokens[b + 1].lower in rules.DETERMINERS):
            b += 1
        else:
            break
        if b - start > 9:
            return None
    while b > start and (tokens[b - 1].lower in rules.NAME_GLUE or tokens[b - 1].lower in rules.DETERMINERS):
        b -= 1
    return (start, b) if seen_head and b > start else None


#: "-ly" words that are not adverbs a subject could stand before ("Kelly", "rally", "family")
_LY_NOT_ADVERBS = {"family", "rally", "ally", "italy", "july", "reply", "supply", "assembly", "belly", "bully",
                   "only", "early", "daily", "weekly", "monthly", "likely", "holy", "jelly", "lily"}


def _is_ly_adverb(tok: Token) -> bool:
    """A lower-case "-ly" word between subject and cue ("Morial forcefully told …")."""
    return len(tok.text) > 4 and tok.text.endswith("ly") and tok.text.islower() and tok.lower not in _LY_NOT_ADVERBS


def _skip_adverbs_back(tokens: list[Token], i: int) -> int:
    """Move left over adverbs, auxiliaries and comma-fenced adverbs ("Moscow, however, denied")."""
    while i > 0:
        low = tokens[i - 1].lower
        if low in rules.ADVERBS or _is_ly_adverb(tokens[i - 1]):
            i -= 1
        elif low == "," and i > 1 and tokens[i - 2].lower in rules.ADVERBS and i > 2 and tokens[i - 3].text == ",":
            i -= 3
        else:
            break
    return i


def _mention(text: str, tokens: list[Token], rng: tuple[int, int]) -> Mention:
    s, e = tokens[rng[0]].start, tokens[rng[1] - 1].end
    return Mention(s, e, text[s:e])


# -- relays ----------------------------------------------------------------------------------------

_MEDIA_WORDS = {"news", "times", "post", "journal", "radio", "tv", "television", "agency", "press", "today",
                "daily", "herald", "gazette", "channel", "network", "broadcasting", "tribune", "telegraph",
                "guardian", "mail", "express", "observer", "magazine", "pravda", "novosti", "review",
                "wire", "media", "online", "insider", "monitor", "independent", "chronicle", "standard",
                "sun", "mirror", "world", "bulletin", "star", "sputnik"}
_OUTLETS_LONGEST_FIRST = sorted(rules.KNOWN_OUTLETS, key=len, reverse=True)
_RELAY_PATTERNS = [
    # (regex, needs outlet evidence?)  group "name" is the relay
    (re.compile(r"\b(?:as\s+)?(?:quoted|reported|cited)\s+by\s+(?:the\s+)?(?:news\s+agency\s+|agency\s+|outlet\s+)?"
                r"(?P<name>[^,;.()\n]+)", re.I), False),
    (re.compile(r"\baccording\s+to\s+(?:a\s+|the\s+)?(?:report|reports|interview|transcript|statement|article)"
                r"\s+(?:by|in|from|on|with)\s+(?P<name>[^,;.()\n]+)", re.I), False),
    (re.compile(r"\bin\s+(?:an?|the|his|her|their)\s+(?:exclusive\s+|televised\s+|recent\s+|separate\s+)?"
                r"(?:interview|conversation|comments|remarks|op-ed|article|column|post|message|video|"
                r"broadcast|appearance|tweet|statement|speech)\s+(?:with|to|on|for|in|published\s+by|"
                r"posted\s+on)\s+(?P<name>[^,;.()\n]+)", re.I), True),
    (re.compile(r"\b(?:speaking|talking)\s+(?:to|with|on)\s+(?P<name>[^,;.()\n]+)", re.I), True),
    (re.compile(r"\b(?:told|tells|telling)\s+(?P<name>[^,;.()\n]+)", re.I), True),
    (re.compile(r"\b(?:on|via)\s+(?:his|her|their|its|the)?\s*(?:official\s+|personal\s+)?"
                r"(?P<name>[^,;.()\n]+)", re.I), True),
    (re.compile(r",\s*(?P<name>[A-Z][^,;.()\n]{1,40}?)\s+(?:reported|reports|said|says|wrote)\s*[.,]?\s*$"), True),
]


def _clean_name(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Cut a candidate relay name to the outlet words ("Russia Today, Tuesday" -> "Russia Today")."""
    chunk = text[s:e]
    low_chunk = chunk.lower()
    for outlet in _OUTLETS_LONGEST_FIRST:
        if low_chunk.startswith(outlet) and (len(chunk) == len(outlet) or not chunk[len(outlet)].isalnum()):
            return s, s + len(outlet)
    toks = tokenize(chunk)
    keep = []
    for k, tok in enumerate(toks):
        low = tok.lower
        if tok.is_cap and low not in rules.NOT_NAMES:
            keep.append(tok)
        elif low in ("the",) and not keep:
            keep.append(tok)
        elif low in ("of", "&", "-", "'s", "’s") and keep and k + 1 < len(toks) and toks[k + 1].is_cap:
            keep.append(tok)
        elif keep and keep[-1].lower != "the":
            break
        elif low in rules.PLATFORMS or low in ("state",):
            keep.append(tok)
        else:
            break
    while keep and keep[-1].lower in ("the", "of", "&", "-"):
        keep.pop()
    if not keep:
        return None
    return s + keep[0].start, s + keep[-1].end


def _outlet_like(name: str) -> bool:
    low = name.lower()
    if low in rules.KNOWN_OUTLETS or low.removeprefix("the ") in rules.KNOWN_OUTLETS:
        return True
    if low in rules.PLATFORMS:
        return True
    words = re.findall(r"[a-z]+", low)
    # Acronyms alone are not evidence: NATO, FBI and UN are speakers far more often than outlets.
    return any(w in _MEDIA_WORDS for w in words)


#: the relay patterns that may stand before the speaker ("In an interview with CNN, X said"); "on X"
#: and "told X" there belong to other clauses ("restrictions on NATO's expansion")
_LEADING_RELAY_PATTERNS = 4


def find_relay(text: str, lo: int, hi: int, cue_text: str = "", *,
               leading: bool = False) -> tuple[int, int, str] | None:
    """The outlet or channel named in the attribution clause ``text[lo:hi]``, if any."""
    clause = text[lo:hi]
    patterns = _RELAY_PATTERNS[:_LEADING_RELAY_PATTERNS] if leading else _RELAY_PATTERNS
    for pattern, needs_evidence in patterns:
        for m in pattern.finditer(clause):
            s, e = lo + m.start("name"), lo + m.end("name")
            platform = _platform_at(text, s, e)
            if platform:
                return platform
            cut = _clean_name(text, s, e)
            if cut is None:
                continue
            name = text[cut[0]:cut[1]]
            if name.lower() in rules.AUDIENCE_NOUNS:
                continue
            if needs_evidence and not _outlet_like(name.removeprefix("the ").removeprefix("The ")):
                continue
            return cut[0], cut[1], name
    return None


def _platform_at(text: str, s: int, e: int) -> tuple[int, int, str] | None:
    chunk = text[s:e].lower()
    for platform in sorted(rules.PLATFORMS, key=len, reverse=True):
        if chunk.startswith(platform) and (len(chunk) == len(platform) or not chunk[len(platform)].isalnum()):
            if platform in ("x",) and text[s:s + 1] != "X":
                continue
            return s, s + len(platform), text[s:s + len(platform)]
    return None


# -- pass 2: attribution of direct quotes -------------------------------------------------------


@dataclass
class _Attribution:
    speaker: Mention | None
    cue: tuple[int, int] | None
    relay: tuple[int, int, str] | None
    clause: tuple[int, int]  # the attribution clause's extent


#: "“…” ― Sonya Herrid" / "“…” — Jorge Falcon, 34, Miami": a dash and a name ending the line sign
#: the quote (vox pops, epigraphs, pull quotes). The name: 1-4 capitalised words (initials too),
#: then at most a short comma-separated descriptor; nothing else may follow on the line.
_DASH_BYLINE = re.compile(r"[ \t\u00a0]*(?P<dash>[―—–]|--?)[ \t\u00a0]*"
                          r"(?P<name>[A-Z][\w’'\-]*\.?(?:[ \u00a0][A-Z][\w’'\-]*\.?){0,3})"
                          r"(?:,[^\n\"“”]{1,80})?[ \t\u00a0]*$")


def _dash_byline(text: str, close: int, hi: int) -> _Attribution | None:
    """The attribution of "“…” ― Name" (a dash and a name closing the line), or None."""
    line_end = text.find("\n", close + 1, hi)
    line_end = hi if line_end < 0 else line_end
    m = _DASH_BYLINE.match(text[close + 1:line_end])
    if m is None:
        return None
    s, e = close + 1 + m.start("name"), close + 1 + m.end("name")
    if text[e - 1] == "." and " " not in text[s:e]:
        return None  # "— Reuters." style source lines are not people; a one-word name keeps no period
    if text[e - 1] == ".":
        e -= 1  # the sentence's period, not an initial: "― Carla Sanchez."
    return _Attribution(Mention(s, e, text[s:e]), (close + 1 + m.start("dash"), close + 1 + m.end("dash")),
                        None, (close + 1, line_end))


#: after a quote ending in a word with no comma, the cue must come within this many tokens
RUN_ON_CUE_TOKENS = 3


def _post_attribution(text: str, close: int, hi: int, quote_end_punct: str) -> _Attribution | None:
    """Attribution after a closing mark: "…,” Putin said", "…,” said the minister", "…,” he told CNN",
    "“…” ― Sonya Herrid"."""
    dash = _dash_byline(text, close, hi)
    if dash is not None:
        return dash
    # “unhinged” a Donald Trump tweet attacking …: a quoted phrase running on in its sentence ends
    # with a word and no comma follows; then only a short "he said" / "said Putin" signs it off
    # (scraped and machine-translated text often drops the comma there).
    runs_on = quote_end_punct.isalnum() and not text[close + 1:close + 4].lstrip().startswith((",", "—", "–", "-"))
    limit = min(hi, close + 1 + POST_CLAUSE_CHARS)
    # The clause ends at the next quote mark or sentence end.
    stop = limit
    for j in range(close + 1, limit):
        if text[j] in DOUBLE_ANY or text[j] in "!?" or (text[j] == "." and _ends_sentence(text, j)):
            stop = j
            break
    tokens = tokenize(text, close + 1, stop)
    i = 0
    while i < len(tokens) and tokens[i].text in (",", "—", "–", "-", ":", "'"):
        i += 1
    if i >= len(tokens):
        return None
    tok = tokens[i]
    cue_at = i  # the cue's token index
    if _is_cue(tok):
        cue_tok = tok
        speaker_rng = _np_forward(tokens, i + 1)
        after = speaker_rng[1] if speaker_rng else i + 1
    elif tok.lower == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
        speaker_rng = _np_forward(tokens, i + 2)
        if speaker_rng is None:
            return None
        cue = (tok.start, tokens[i + 1].end)
        speaker = _mention(text, tokens, speaker_rng)
        relay = find_relay(text, tokens[speaker_rng[1] - 1].end, stop)
        return _Attribution(speaker, cue, relay, (close + 1, stop))
    else:
        speaker_rng = _np_forward(tokens, i)
        j = speaker_rng[1] if speaker_rng else i
        while j < len(tokens) and tokens[j].lower in rules.ADVERBS:
            j += 1
        if speaker_rng is None or j >= len(tokens) or not _is_cue(tokens[j]):
            # "…,” the New York businessman said: any short run of words right before a cue, also
            # "the ad’s narrator says", "a narrator in the Clinton ad asks", "Sen. Ann Li (D-Mo.) said".
            run = _speaker_run(tokens, i)
            # "…,” my father often said": adverbs and auxiliaries before the cue are not the speaker's
            end = run - 1 if run > i and tokens[run - 1].text == "," else run
            while end > i and (tokens[end - 1].lower in rules.ADVERBS or _is_ly_adverb(tokens[end - 1])):
                end -= 1
            if end > i and run < len(tokens) and _is_cue(tokens[run]):
                speaker_rng, j = (i, end), run
            elif not _name_and_verb_sign_off(tokens, speaker_rng, j, quote_end_punct):
                return None
        cue_at = j
        cue_tok = tokens[j]
        after = j + 1
    if runs_on and (cue_at - i > RUN_ON_CUE_TOKENS or tok.lower in ("a", "an") or
                    not (cue_tok.lower in _SAY_VERBS or cue_tok.lower.endswith("ed"))):
        return None
    # After a quote that ends its sentence, only a bare "X said." may follow (not "He said he …").
    if quote_end_punct == "." and tok.is_cap and tok.lower not in rules.PRONOUNS and speaker_rng is None:
        return None
    if quote_end_punct == "." and after < len(tokens) and tokens[after].text not in (",", ".", ";"):
        if not (tokens[after].lower in ("in", "on", "as", "to", "at", "during", "after", "via") or
                text[tokens[after - 1].end:stop].strip().startswith(",")):
            return None
    speaker = _mention(text, tokens, speaker_rng) if speaker_rng else None
    relay = find_relay(text, cue_tok.start, stop, cue_tok.text)
    return _Attribution(speaker, (cue_tok.start, cue_tok.end), relay, (close + 1, stop))


#: the words of a speaker phrase between a quote and its cue, at most
SPEAKER_RUN_WORDS = 9
#: prepositions a speaker phrase may hold ("a narrator in the ad", "a spokesman for the group")
_RUN_PREPOSITIONS = {"the", "of", "in", "for", "at", "from", "with"}
_RUN_STOPS = _NOT_HEADS - _RUN_PREPOSITIONS  # words that end a speaker run
_RUN_TAILS = _RUN_PREPOSITIONS - {"the"}  # words a speaker run never ends on


def _speaker_run(tokens: list[Token], i: int) -> int:
    """End of the run of speaker words from token ``i`` up to (not including) a cue: words that are
    no cue and no clause word, possessives, a parenthesised tag of up to 6 tokens, and up to two
    comma-fenced appositives when the cue follows them."""
    j = i
    while j < len(tokens) and j - i < SPEAKER_RUN_WORDS:
        tok = tokens[j]
        if tok.text in ("'s", "’s") and j > i:
            j += 1
        elif tok.text == "(" and j > i:
            close = next((k for k in range(j + 1, min(len(tokens), j + 7)) if tokens[k].text == ")"), None)
            if close is None:
                break
            j = close + 1
        elif tok.text == "," and j > i:
            # "Rep. Jim Jordan (R-Ohio), an oversight panel member, said", "Mr. King, 82, told me",
            # "Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said"
            k = j
            for _ in range(2):
                if k + 1 >= len(tokens) or not (tokens[k + 1].lower in ("a", "an", "the", "one") or
                                                 tokens[k + 1].is_cap or tokens[k + 1].text[:1].isdigit()):
                    break
                close = next((c for c in range(k + 2, min(len(tokens), k + APPOSITIVE_TOKENS))
                              if tokens[c].text == ","), None)
                if close is None:
                    break
                if close + 1 < len(tokens) and _is_cue(tokens[close + 1]):
                    return close + 1
                k = close
            break
        elif tok.is_word and not _is_cue(tok) and tok.lower not in _RUN_STOPS:
            j += 1
        else:
            break
    while j > i and tokens[j - 1].lower in _RUN_TAILS:
        j -= 1  # a phrase never ends on a preposition
    return j


def _name_and_verb_sign_off(tokens: list[Token], speaker_rng: tuple[int, int] | None, j: int,
                            quote_end_punct: str) -> bool:
    """“…,” Blige sings to Clinton; “…?” Graham asked: after a quote that ends in a comma, "?" or
    "!", a name or pronoun and a lower-case verb at token ``j`` sign it off even when the verb is in
    no cue list. A relative ("…,” which violated a statute") is no speaker."""
    if speaker_rng is None or j >= len(tokens) or quote_end_punct not in ",?!":
        return False
    verb = tokens[j]
    return (tokens[speaker_rng[0]].lower not in _NOT_SPEAKERS and verb.text.isalpha() and verb.text.islower()
            and verb.lower not in _NOT_VERBS and _verb_like(verb.lower))


def _ends_sentence(text: str, j: int) -> bool:
    word_start = text.rfind(" ", 0, j) + 1
    word = text[word_start:j + 1]
    if rules._keeps_period(word.strip("\"'“‘(")):
        return False
    nxt = text[j + 1:j + 4].lstrip(")]").strip()  # "(D-Mo.) said": look past the bracket
    # "McConnell, R-Ky., said": a period before a comma closes an abbreviation, not a sentence.
    return not nxt[:1].islower() and nxt[:1] not in ",;"


#: "As Steven Rosenthal, a tax lawyer, recently put it, “…”": the phrase right before the mark
_AS_PUT_IT = re.compile(r"(?:\s|,)(?P<cue>put it|said|wrote)\s*[,:]?\s*$")


#: a cue after one of these is hypothetical or future ("it would tell"), not an attribution
_MODALS = {"would", "will", "could", "can", "might", "may", "should", "must"}


def _cue_with_speaker(clause_tokens: list[Token], end: int) -> tuple[int, tuple[int, int], int] | None:
    """The last cue before token ``end`` that has a speaker: (cue index, speaker range, index after)."""
    for k in range(end - 1, -1, -1):
        if not _is_cue(clause_tokens[k]) or (k > 0 and clause_tokens[k - 1].lower in _MODALS):
            continue  # "said it would tell an American story, one of “…”": "would tell" reports nothing
        rng = _subject_or_coordinated(clause_tokens, _skip_adverbs_back(clause_tokens, k))
        if k > 0 and clause_tokens[k].lower in _PARTICIPLES and clause_tokens[k - 1].text == ",":
            # "Clinton spoke about Tulsa, Oklahoma, arguing that … “…”": the sentence's subject
            subject = _sentence_subject(clause_tokens[:k])
            rng = subject[0] if subject is not None else rng
        if rng is not None and clause_tokens[rng[0]].lower in rules.RELATIVES:
            continue
        if rng is not None:
            return k, rng, k + 1
        forward = _np_forward(clause_tokens, k + 1)  # said Putin: “…”
        if forward is not None:
            return k, forward, forward[1]
    return None


def _pre_attribution(text: str, lo: int, open_mark: int) -> tuple[_Attribution, bool] | None:
    """Attribution before an opening mark: "Putin said: “…”", "He also added, “…”", "According to X, “…”".

    Returns the attribution and whether the quote is partial (words between cue and mark:
    "Putin said NATO was “purely defensive”").
    """
    sentences = rules.split_sentences(text, lo, open_mark)
    s0 = sentences[-1][0] if sentences else lo
    # If the previous sentence-ish span ends right before the mark with a sentence end, no clause.
    clause_tokens = tokenize(text, s0, open_mark)
    if not clause_tokens:
        return None
    if clause_tokens[-1].text in (".", "!", "?"):
        return None
    # According to X, “…”
    for k in range(len(clause_tokens) - 1):
        if clause_tokens[k].lower == "according" and clause_tokens[k + 1].lower == "to":
            rng = _np_forward(clause_tokens, k + 2)
            if rng:
                rest = clause_tokens[rng[1]:]
                if all(t.text in (",", ":", "—", "–") for t in rest):
                    return _Attribution(_mention(text, clause_tokens, rng),
                                        (clause_tokens[k].start, clause_tokens[k + 1].end), None,
                                        (s0, open_mark)), False
    # As X (recently) put it, “…”
    put = _AS_PUT_IT.search(text, s0, open_mark)
    if put is not None and clause_tokens[0].lower == "as":
        rng = _np_forward(clause_tokens, 1)
        if rng is not None:
            return _Attribution(_mention(text, clause_tokens, rng), put.span("cue"), None, (s0, open_mark)), False
    # The last cue with a speaker: "tweets" in "a flurry of late-night tweets" has none. A pronoun
    # speaker of a cue inside another's report ("Ditto said she expects the campaign “…”") stands
    # for the reporting subject: that outer attribution is the one to give.
    found = _cue_with_speaker(clause_tokens, len(clause_tokens))
    if found is not None and clause_tokens[found[1][0]].lower in _SUBJECT_PRONOUNS:
        outer = _cue_with_speaker(clause_tokens, found[1][0])
        if outer is not None and clause_tokens[outer[1][0]].lower not in rules.PRONOUNS:
            found = outer
    if found is None:
        return None
    cue_index, speaker_rng, after = found
    cue_tok = clause_tokens[cue_index]
    rest = clause_tokens[after:]
    relay = find_relay(text, cue_tok.start, open_mark, cue_tok.text)
    # "told reporters on Tuesday:", "said in a statement", "wrote on Twitter" leave the quote whole;
    # any other words between cue and mark make the quoted words part of a paraphrase.
    partial = not _benign_tail(rest, cue_tok.lower)
    speaker = _mention(text, clause_tokens, speaker_rng)
    return _Attribution(speaker, (cue_tok.start, cue_tok.end), relay, (s0, open_mark)), partial


#: words that open a sentence's lead-in phrase ("In recent weeks, Reid …"); the subject follows its comma
_LEAD_IN_HEADS = {"in", "on", "at", "after", "before", "during", "last", "earlier", "later", "since", "for",
                  "over", "then", "meanwhile", "however", "instead", "still", "now", "yesterday", "today"}
#: a word after the subject that is not its verb: the phrase goes on ("Trump and …", "Trump of …")
_NOT_VERBS = {"of", "and", "or", "in", "on", "at", "to", "for", "with", "from", "by", "the", "a", "an", "as",
              "that", "who", "which", "'s", "’s", "is", "was", "are", "were", "be", "not", "also"}
#: tokens of an appositive after the subject ("Dean, a former party chairman, poked …")
APPOSITIVE_TOKENS = 16
_SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i"}


def _subject_attribution(text: str, lo: int, open_mark: int) -> _Attribution | None:
    """The sentence subject as the speaker of a quote that its sentence embeds without a speech
    verb: "Obama called the holiday “…”", "In recent weeks, Reid has gone after Trump as a “…”".

    The subject and its verb are those of :func:`_sentence_subject`; the verb is the cue. None
    when the sentence before the mark holds another quote mark.
    """
    sentences = rules.split_sentences(text, lo, open_mark)
    s0 = sentences[-1][0] if sentences else lo
    if _DOUBLE_MARK.search(text, s0, open_mark):
        return None
    toks = tokenize(text, s0, open_mark)
    found = _sentence_subject(toks)
    if found is None:
        return None
    rng, k = found
    verb = toks[k]
    return _Attribution(_mention(text, toks, rng), (verb.start, verb.end), None, (s0, open_mark))


def _lead_in_end(toks: list[Token], i: int, limit: int) -> int | None:
    """Where the subject starts after a lead-in phrase opening at token ``i`` ("In recent weeks,
    Reid …"): after its comma (within 8 tokens, before ``limit``); ``i`` when no lead-in opens
    there; None for a lead-in without a comma."""
    if i >= limit or toks[i].lower not in _LEAD_IN_HEADS:
        return i
    comma = next((j for j in range(i + 1, min(limit, i + 8)) if toks[j].text == ","), None)
    return None if comma is None else comma + 1


def _sentence_subject(toks: list[Token], coordinated: bool = False) -> tuple[tuple[int, int], int] | None:
    """The subject opening a sentence's tokens (after a lead-in phrase, with its appositive) when
    it is a name, a person noun phrase or a personal pronoun and a word that can be a verb follows
    (after adverbs and auxiliaries): (subject range, verb index).

    ``coordinated``: the subject of a cue after "and"/"but" ("Mr. McKinley is bearish on loans
    and expects …"); the cue is the verb there, so after an auxiliary the first verb may be any
    word ("is bearish"), and a phrase ending in a name counts ("Democratic candidate Hillary
    Clinton")."""
    i = _lead_in_end(toks, 0, len(toks))
    if i is None:
        return None
    rng = _np_forward(toks, i)
    if rng is None:
        return None
    head = toks[rng[0]:rng[1]]
    if not (head[0].lower in _SUBJECT_PRONOUNS
            or all(t.is_cap or t.lower in rules.NAME_GLUE for t in head)
            or head[-1].lower in rules.PERSON_NOUNS
            or (coordinated and _is_name_token(head[-1]))):
        return None  # a name, a pronoun or a person ("The Republican nominee")
    k = rng[1]
    if k < len(toks) and toks[k].text == ",":
        close = next((j for j in range(k + 1, min(len(toks), k + APPOSITIVE_TOKENS)) if toks[j].text == ","), None)
        if close is None:
            return None
        k = close + 1
    after_subject = k
    k = _skip_adverbs_forward(toks, k)
    if k >= len(toks):
        return None
    if coordinated and k > after_subject:
        return rng, k  # "is bearish …, and expects": an auxiliary follows the subject
    verb = toks[k]
    if not verb.text.isalpha() or not verb.text.islower() or verb.lower in _NOT_VERBS or not _verb_like(verb.lower):
        return None
    return rng, k


#: common irregular past forms (a verb after a subject that neither ends in -ed nor -s)
_IRREGULAR_VERBS = {"said", "told", "wrote", "gone", "went", "made", "took", "gave", "put", "set", "sent",
                    "spent", "held", "kept", "left", "led", "met", "paid", "saw", "sought", "taught", "thought",
                    "brought", "began", "became", "came", "felt", "found", "got", "knew", "meant", "spoke",
                    "stood", "struck", "swore", "threw", "understood", "won", "lost", "shot", "built", "ran",
                    "rose", "hit", "let", "read", "cast", "drew", "fought", "sang", "sung", "tweeted"}


def _verb_like(word: str) -> bool:
    """Could this lower-case word be the finite verb after a subject ("called", "says", "gone",
    "rolling" after "is")? Nouns such as "history" or "plan" cannot."""
    return (word.endswith(("ed", "ing")) or word in _IRREGULAR_VERBS or
            (word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3))


def _skip_adverbs_forward(tokens: list[Token], i: int) -> int:
    """Move right over adverbs and auxiliaries ("Reid has gone", "Obama is rolling out")."""
    while i < len(tokens) and tokens[i].lower in rules.ADVERBS:
        i += 1
    return i


_TELL = {"told", "tell", "tells", "telling"}
#: words that open no speaker phrase after a quote ("…,” which violated a statute")
_NOT_SPEAKERS = rules.RELATIVES | {"it", "this", "that", "there", "these", "those"}
_OBJECT_PRONOUNS = {"me", "us", "him", "her", "them", "you"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
             "today", "tonight", "earlier", "later", "again", "recently", "previously", "also", "once"}
_PHRASE_HEADS = {"on", "in", "at", "during", "after", "before", "via", "from", "last", "this", "late", "early",
                 "while", "when", "through", "over", "to", "for", "with", "before"}


def _benign_tail(rest: list[Token], cue_low: str) -> bool:
    """Are the tokens between a cue and a quote only audience, outlet, time or channel phrases?"""
    i, n = 0, len(rest)
    if cue_low in _TELL and i < n:
        if rest[i].lower in _OBJECT_PRONOUNS or rest[i].lower in ("reporters", "journalists", "supporters"):
            i += 1
        elif rest[i].lower in ("the", "a", "an", "his", "her", "their", "its"):
            i += 1
            j = i
            while j < n and j - i < 3 and rest[j].is_word and rest[j].lower not in _CLAUSE_WORDS \
                    and rest[j].lower not in _PHRASE_HEADS:
                j += 1
            i = j
        elif rest[i].is_cap:
            i += 1
            while i < n and (rest[i].is_cap or rest[i].lower in ("of", "&")):
                i += 1
    while i < n:
        tok = rest[i]
        low = tok.lower
        if not tok.is_word or low in _WEEKDAYS:
            i += 1
            continue
        if low in _PHRASE_HEADS:
            j = i + 1
            while j < n and j - i <= 7 and rest[j].is_word and rest[j].lower not in _CLAUSE_WORDS \
                    and rest[j].lower not in rules.CUE_FORMS:
                j += 1
            i = j
            continue
        if low == "that" and all(not t.is_word for t in rest[i + 1:]):
            return True
        return False
    return True


def find_direct_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Direct quotes with their attribution (speaker mention unresolved)."""
    marked = pair_quote_marks(text, paragraphs)
    # British-style paragraphs: single marks only.
    for lo, hi in paragraphs:
        if not _DOUBLE_MARK.search(text, lo, hi):
            for m in _british_single_quotes(text, lo, hi):
                if not any(s <= m.parts[0][0] < e for mm in marked for s, e in mm.parts):
                    marked.append(m)
    marked.sort(key=lambda m: m.parts[0][0])
    transcript = _transcript_quotes(text, paragraphs, marked)
    para_of = _paragraph_lookup(paragraphs)
    quotes: list[Quote] = []
    consumed: set[int] = set()
    for idx, m in enumerate(marked):
        if idx in consumed:
            continue
        p_lo, p_hi = paragraphs[para_of(m.parts[-1][0])]
        first_lo, _ = paragraphs[para_of(m.parts[0][0])]
        q = Quote("direct", list(m.parts), flags=list(m.flags), nested=list(m.nested))
        attribution = None
        raw_end_char = text[m.close_mark - 1] if m.close_mark else ""
        if m.close_mark is not None:
            attribution = _post_attribution(text, m.close_mark, p_hi, raw_end_char)
        if attribution is not None and attribution.speaker is None and m.open_mark is not None:
            # “…,” adding that …: a participle after the mark belongs to the attribution before it
            # ("In a statement, Peabody said: “…,” adding …").
            pre = _pre_attribution(text, first_lo, m.open_mark)
            if pre is not None and not pre[1]:
                attribution = pre[0]
        if attribution is not None and idx + 1 < len(marked):
            # “…,” he said, “…” — the attribution interrupts one quote.
            nxt = marked[idx + 1]
            if nxt.open_mark is not None and nxt.open_mark >= attribution.clause[0]:
                between = text[m.close_mark + 1:nxt.open_mark]
                if len(between) <= POST_CLAUSE_CHARS and not re.search(r"[.!?]\s*$", between.strip(" ,:—–")) \
                        and between.rstrip().endswith((",", ":", "—", "–")) and para_of(nxt.parts[0][0]) == para_of(m.parts[-1][0]):
                    q.parts.extend(nxt.parts)
                    q.nested.extend(nxt.nested)
                    q.flags.extend(f for f in nxt.flags if f != "unopened")
                    consumed.add(idx + 1)
                    # The interrupted quote may close with its own attribution; it has the one already.
        if attribution is None and m.open_mark is not None:
            pre = _pre_attribution(text, first_lo, m.open_mark)
            if pre is not None:
                attribution, partial = pre
                if partial:
                    q.kind = "indirect"
                    q.verbatim = list(q.parts)
                    sent_end = _sentence_end_after(text, q.parts[-1][1], p_hi)
                    content_start = _content_start_after(text, attribution.cue[1], m.open_mark)
                    q.parts = [(content_start, sent_end)]
        if attribution is None and m.open_mark is not None:
            # A quote that opens its paragraph after a paragraph ending "… told the crowd:".
            p_index = para_of(m.open_mark)
            if p_index > 0 and text[first_lo:m.open_mark].strip() == "":
                prev_lo, prev_hi = paragraphs[p_index - 1]
                if text[prev_lo:prev_hi].rstrip().endswith(":"):
                    pre = _pre_attribution(text, prev_lo, prev_hi)
                    if pre is not None and not pre[1]:
                        attribution = pre[0]
        if attribution is None and m.open_mark is not None and \
                sum(len(tokenize(text, s, e)) for s, e in q.parts) >= MIN_UNATTRIBUTED_WORDS:
            # "Obama called the holiday “a celebration of …”": no speech verb before the mark,
            # but the sentence's subject is a name or pronoun and the quote its words.
            attribution = _subject_attribution(text, first_lo, m.open_mark)
            if attribution is not None:
                q.flags.append("speaker_from_subject")
        if attribution is not None:
            q.speaker, q.cue, q.relay = attribution.speaker, attribution.cue, attribution.relay
        elif "unopened" in m.flags:
            continue  # a stray closing mark with no attribution: not a quote
        quotes.append(q)
    quotes.extend(transcript)
    quotes.sort(key=lambda q: q.start)
    return quotes


_TRANSCRIPT_LABEL = re.compile(r"[\"“]?((?:[A-Z][A-Za-z.'’\-]+\s){0,3}[A-Z][A-Z.'’\-]+):\s+")


def _transcript_quotes(text: str, paragraphs: list[tuple[int, int]], marked: list[_Marked]) -> list[Quote]:
    """Interview transcripts: a paragraph opening "PENCE: …" or "Donald TRUMP: …" quotes that speaker."""
    turns = []
    for lo, hi in paragraphs:
        m = _TRANSCRIPT_LABEL.match(text, lo, hi)
        if m is not None and m.group(1).isupper() and len(m.group(1)) >= 2:
            turns.append((lo, hi, m))
    # A transcript has turns by at least two speakers; one "NATO: …" line is a headline.
    if len({m.group(1) for _, _, m in turns}) < 2:
        return []
    out = []
    for lo, hi, m in turns:
        start, end = _trim(text, m.end(), hi)
        if end - start < 2:
            continue
        # Quote marks inside the turn belong to the speaker; drop the marked quotes it contains.
        marked[:] = [x for x in marked if not (start <= x.parts[0][0] and x.parts[-1][1] <= end)]
        label = (lo + m.start(1) - lo, m.end(1))
        out.append(Quote("direct", [(start, end)], (m.end(1), m.end(1) + 1),
                         Mention(label[0], label[1], text[label[0]:label[1]]), flags=["transcript"]))
    return out


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


# -- pass 3: indirect quotes -----------------------------------------------------------------------

#: cues whose object is a statement only with a clause after them ("claimed responsibility" is not)
_SAY_VERBS = {"say", "says", "said", "saying", "tell", "tells", "told", "telling", "write", "writes", "wrote",
              "tweet", "tweets", "tweeted", "add", "adds", "added", "explain", "explains", "explained"}
_CLAUSE_WORDS = {"is", "are", "was", "were", "would", "will", "could", "can", "should", "must", "has", "have",
                 "had", "did", "does", "do", "may", "might", "be", "been", "being", "not", "that", "if",
                 "whether", "this", "it"}
_TIME_OR_RELAY_HEADS = {"on", "in", "at", "during", "after", "before", "last", "this", "earlier", "later",
                        "for", "via", "from", "late", "early", "yesterday", "today", "recently", "again",
                        "to", "while", "when", "through", "over"}


def find_indirect_quotes(text: str, sentences: list[tuple[int, int]], direct: list[Quote]) -> list[Quote]:
    """Reported speech outside the direct quotes: "X said (that) …", "according to X, …", "…, X said."."""
    blocked = [(s, e) for q in direct for s, e in q.parts] + [q.cue for q in direct if q.cue] + \
              [(q.speaker.start, q.speaker.end) for q in direct if q.speaker]
    blocked += [(s, e) for q in direct for s, e in q.verbatim]

    def is_blocked(s: int, e: int) -> bool:
        return any(bs < e and s < be for bs, be in blocked)

    out: list[Quote] = []
    for s0, e0 in sentences:
        tokens = [t for t in tokenize(text, s0, e0)]
        if not tokens:
            continue
        used = False
        # according to X
        for k in range(len(tokens) - 1):
            if tokens[k].lower != "according" or tokens[k + 1].lower != "to" or is_blocked(tokens[k].start, tokens[k + 1].end):
                continue
            rng = _np_forward(tokens, k + 2)
            report = None
            if rng is None:
                # according to a report by X / reports in X
                m = re.match(r"\s*(?:an?|the)?\s*(?:reports?|report|statement)\s+(?:by|in|from)\s+", text[tokens[k + 1].end:e0])
                if m:
                    j = k + 2
                    while j < len(tokens) and tokens[j].end <= tokens[k + 1].end + m.end():
                        j += 1
                    rng = _np_forward(tokens, j)
                    report = rng
            if rng is None or (rng[1] < len(tokens) and tokens[rng[1]].text not in (",", ".", ";", "?", "!")):
                # A longer source ("federal statistics", "an analysis by X, a former aide"): up to the comma.
                j = k + 2
                while j < len(tokens) and tokens[j].text not in (",", ".", ";", "?", "!") and j - k < 16:
                    j += 1
                rng = (k + 2, j) if j > k + 2 else None
            if rng is None:
                continue
            clause_start = tokens[k].start
            clause_end = tokens[rng[1] - 1].end
            # The clause runs to the next comma.
            j = rng[1]
            while j < len(tokens) and tokens[j].text not in (",", ";", "."):
                j += 1
            if j < len(tokens) and tokens[j].text == ",":
                clause_end = tokens[j - 1].end if j > rng[1] else clause_end
            parts = []
            before = _trim_content(text, s0, clause_start)
            after = _trim_content(text, clause_end, e0)
            if before[1] - before[0] > 1 and len(tokenize(text, *before)) >= 2:
                parts.append(before)
            if after[1] - after[0] > 1 and len(tokenize(text, *after)) >= 3:
                parts.append(after)
            if not parts or any(is_blocked(s, e) for s, e in parts):
                continue
            speaker = _mention(text, tokens, rng)
            relay = None
            if report is not None:
                relay = (speaker.start, speaker.end, speaker.text)
            q = Quote("indirect", parts, (tokens[k].start, tokens[k + 1].end), speaker, relay)
            out.append(q)
            blocked.extend(parts)
            blocked.append((clause_start, clause_end))
            used = True
            break
        if used:
            continue
        candidates = []
        for k, tok in enumerate(tokens):
            if not _is_cue(tok) or is_blocked(tok.start, tok.end):
                continue
            q = _indirect_at(text, tokens, k, s0, e0)
            if q is None or any(is_blocked(s, e) for s, e in q.parts):
                continue
            candidates.append(q)
        # A closing attribution ("…, the source added.") is the outer one: a cue inside its
        # content ("Clinton had told police that …") is part of what the source reported.
        closing = [q for q in candidates if q.cue[0] >= q.parts[-1][1]]
        if closing and closing[-1].speaker is not None and _outlet_like(closing[-1].speaker.text):
            # "X said …, Reuters reported.": X speaks, the outlet relays.
            outer = closing[-1]
            inner = [q for q in candidates if q is not outer and outer.parts[0][0] <= q.cue[0] < outer.parts[-1][1]]
            if inner:
                q = inner[0]
                q.parts = [(s, min(e, outer.parts[-1][1])) for s, e in q.parts if s < outer.parts[-1][1]]
                q.relay = (outer.speaker.start, outer.speaker.end, outer.speaker.text)
                closing = [q]
                candidates = [q]
        ordered = closing[-1:] + [q for q in candidates if q not in closing[-1:]]
        for chosen in ordered:
            # More statements in one sentence only where they do not overlap ("X show that …,
            # and Y told reporters …").
            spans = chosen.parts + [chosen.cue] + ([(chosen.speaker.start, chosen.speaker.end)]
                                                   if chosen.speaker else [])
            if any(is_blocked(s, e) for s, e in spans):
                continue
            out.append(chosen)
            blocked.extend(spans)
    return out


def _trim_content(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–.!?"):
        e -= 1
    return s, e


def _indirect_at(text: str, tokens: list[Token], k: int, s0: int, e0: int, *,
                 lenient: bool = False) -> Quote | None:
    cue = tokens[k]
    cue_lo = k
    if cue.lower in _PARTICIPLES and k >= 1 and tokens[k - 1].text == ",":
        # "Clinton spoke about Tulsa, Oklahoma, arguing that …": the sentence's subject argues,
        # not the "Name, Name," before the comma.
        participle = _participle_at(text, tokens, k, s0, e0)
        if participle is not None:
            return participle
    # "have been warning": the progressive auxiliaries belong to the cue phrase's left side.
    subject_end = _skip_adverbs_back(tokens, cue_lo)
    rng = _subject_or_coordinated(tokens, subject_end)
    if rng is None:
        return _participle_at(text, tokens, k, s0, e0)
    speaker_tokens = tokens[rng[0]:rng[1]]
    relative = speaker_tokens[0].lower in rules.RELATIVES
    speaker = _mention(text, tokens, rng)
    if relative:
        # "NATO, which claims it is …": the antecedent is the phrase before the comma.
        if rng[0] >= 2 and tokens[rng[0] - 1].text == ",":
            ante = _np_backward(tokens, rng[0] - 1)
            if ante is None:
                return None
            speaker = _mention(text, tokens, ante)
        else:
            return None
    # Sentence-final attribution: "…, Putin said." / "…, he told reporters."
    before_subject = rng[0] - 1 if not relative else -1
    j = k + 1
    tail = tokens[j:]
    tail_words = [t for t in tail if t.is_word]
    if before_subject >= 1 and tokens[before_subject].text == "," and tail and tail[0].text == "," \
            and before_subject > 0:
        # "The latest test, North Korea said, was its biggest yet": the attribution sits inside.
        first = _trim_content(text, s0, tokens[before_subject].start)
        second = _trim_content(text, tail[0].end, e0)
        if len(tokenize(text, *first)) >= 1 and len(tokenize(text, *second)) >= 2:
            return Quote("indirect", [first, second], (cue.start, cue.end), speaker,
                         find_relay(text, cue.start, tail[0].start, cue.text))
    if before_subject >= 1 and tokens[before_subject].text == "," and _is_trailing_clause(tail, cue.lower):
        content = _trim_content(text, s0, tokens[before_subject].start)
        if len(tokenize(text, *content)) >= 3:
            relay = find_relay(text, cue.start, e0, cue.text)
            return Quote("indirect", [content], (cue.start, cue.end), speaker, relay)
    # "X said (that) …": skip the audience/relay/time phrase, then the content runs to the end.
    if not tail_words:
        return None
    low = cue.lower
    m = 0
    # "denied this", "said so", "confirmed it"
    if len(tail_words) == 1 and tail_words[0].lower in ("this", "that", "it", "so", "them"):
        t = tail_words[0]
        return Quote("indirect", [(t.start, t.end)], (cue.start, cue.end), speaker,
                     find_relay(text, cue.start, e0, cue.text))
    relay_end = cue.end
    # told reporters / told Reuters / told the BBC
    if low in ("told", "tell", "tells", "telling") and tail and tail[0].is_word:
        obj = _np_forward(tail, 0) or ((0, 1) if tail[0].lower in ("reporters", "journalists", "me", "us") else None)
        if obj is None:
            return None
        m = obj[1]
        relay_end = tail[m - 1].end
    # skip time/relay prepositional phrases ("on Monday", "in an interview with CNN", "for months")
    while m < len(tail) and tail[m].lower in _TIME_OR_RELAY_HEADS:
        n = m + 1
        while n < len(tail) and tail[n].lower not in ("that",) and tail[n].text not in (",",) and n - m < 7 and \
                not (tail[n].lower in _CLAUSE_WORDS and n > m + 1):
            n += 1
        if n < len(tail) and (tail[n].lower == "that" or tail[n].text == ","):
            m = n
            relay_end = tail[n - 1].end
            if tail[m].text == ",":
                m += 1
            break
        if n - m <= 3:
            m = n
            relay_end = tail[n - 1].end
        else:
            break
    has_that = m < len(tail) and tail[m].lower == "that"
    if has_that:
        m += 1
    while m < len(tail) and tail[m].text in (",", ":"):
        m += 1
    if m >= len(tail):
        return None
    content = _trim_content(text, tail[m].start, _content_end(text, tail[m:], e0))
    content_tokens = tokenize(text, *content)
    if len(content_tokens) < 3:
        return None
    if not has_that and low not in _SAY_VERBS and not lenient:
        # "claimed responsibility for", "warned of" are not reported speech without a clause.
        if not any(t.lower in _CLAUSE_WORDS for t in content_tokens[:6]):
            return None
    if not has_that and low in _SAY_VERBS and not lenient and content_tokens[0].lower in ("to", "of", "about", "by", "with"):
        return None
    relay = find_relay(text, cue.start, max(relay_end, cue.end), cue.text)
    return Quote("indirect", [content], (cue.start, cue.end), speaker, relay)


_PARTICIPLES = {"saying", "adding", "arguing", "claiming", "noting", "warning", "insisting", "explaining",
                "stating", "stressing", "telling", "writing", "asserting", "suggesting", "acknowledging",
                "admitting", "contending", "declaring", "alleging", "predicting", "announcing", "promising"}


def _participle_at(text: str, tokens: list[Token], k: int, s0: int, e0: int) -> Quote | None:
    """"X rejected the request, saying (that) …": the speaker is the subject of the sentence."""
    cue = tokens[k]
    if cue.lower not in _PARTICIPLES:
        return None
    rng = _participle_subject(tokens, k)
    if rng is None:
        return None
    m = k + 1
    if cue.lower == "telling" and m < len(tokens):
        obj = _np_forward(tokens, m)
        m = obj[1] if obj else m + (tokens[m].lower in ("reporters", "journalists", "supporters"))
    if m < len(tokens) and tokens[m].lower == "that":
        m += 1
    if m >= len(tokens):
        return None
    content = _trim_content(text, tokens[m].start, e0)
    if len(tokenize(text, *content)) < 3:
        return None
    return Quote("indirect", [content], (cue.start, cue.end), _mention(text, tokens, rng),
                 find_relay(text, cue.start, tokens[m].start, cue.text))


#: adverbs between the comma and a participle cue ("…, even suggesting he may have been sabotaged")
_PARTICIPLE_ADVERBS = {"even", "also", "later", "again", "repeatedly", "instead", "while", "all", "before", "after"}


def _participle_comma(tokens: list[Token], k: int) -> int | None:
    """The index of the comma that a participle at token ``k`` follows, past adverbs such as
    "even" ("…, even suggesting he may have been sabotaged"); None when it follows none."""
    if not (tokens[k].text.islower() and tokens[k].text.endswith("ing")):
        return None
    j = k
    while j > 1 and tokens[j - 1].lower in _PARTICIPLE_ADVERBS:
        j -= 1
    return j - 1 if j >= 2 and tokens[j - 1].text == "," else None


def _participle_subject(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """The sentence subject that a participle after a comma at token ``k`` belongs to ("Trump has
    tried to use the ad, accusing her …", "X rejected the request, saying …")."""
    comma = _participle_comma(tokens, k)
    if comma is None:
        return None
    i = 0
    while i < comma and (tokens[i].lower in ("but", "and", "however", "meanwhile", "still", "yet")
                         or tokens[i].text == ","):
        i += 1
    # "In 1986, the Supreme Court blocked …, citing …": the subject follows the lead-in's comma
    lead = _lead_in_end(tokens, i, comma)
    i = i if lead is None else lead
    rng = _np_forward(tokens, i)
    return rng if rng is not None else _generic_np_forward(tokens, i, comma + 1)


def _generic_np_forward(tokens: list[Token], i: int, limit: int) -> tuple[int, int] | None:
    """A short sentence-initial subject ("A New York judge", "The court") up to its verb."""
    j = i
    while j < limit and j - i < 6 and tokens[j].is_word and tokens[j].lower not in _NOT_HEADS - {"the"}:
        low = tokens[j].lower
        # No tagger here: a past-tense-looking word, an auxiliary or a cue ends the subject.
        if j > i and (low in rules.ADVERBS or low in rules.CUE_FORMS or (low.endswith("ed") and len(low) > 4)):
            break
        j += 1
    return (i, j) if j > i else None


def _content_end(text: str, tail: list[Token], e0: int) -> int:
    """Where reported content ends: the sentence end, or before a second attribution of the same
    subject ("… and said she would …", "…, arguing that …") or a semicolon."""
    for i, tok in enumerate(tail):
        if i == 0:
            continue
        if tok.text == ";":
            return tok.start
        if tok.lower == "and" and i + 1 < len(tail) and _is_cue(tail[i + 1]):
            return tok.start
        if tok.text == "," and i + 1 < len(tail) and tail[i + 1].lower in _PARTICIPLES:
            return tok.start
        if tok.text == "," and i + 1 < len(tail) and tail[i + 1].lower in ("and", "but", "while"):
            # "…, and Stoltenberg told reporters …": a second statement by another subject.
            later = tail[i + 2:i + 12]
            if any(_is_cue(t) for t in later) and _subject_before(
                    tail, next(i + 2 + j for j, t in enumerate(later) if _is_cue(t))) is not None:
                return tok.start
    return e0


def _is_trailing_clause(tail: list[Token], cue_low: str = "") -> bool:
    """Tokens after a cue that close a sentence-final attribution (relay, audience, time)."""
    words = [t for t in tail if t.is_word]
    if not words:
        return True
    if len(words) > 10 or any(t.lower in _CLAUSE_WORDS or t.lower == "that" for t in words):
        return False
    first = tail[0]
    if first.text == "," or first.lower in _TIME_OR_RELAY_HEADS or first.lower in _WEEKDAYS:
        return True
    if cue_low in _TELL and (first.lower in ("reporters", "journalists", "me", "us") or first.is_cap
                             or (first.lower == "the" and len(tail) > 1 and tail[1].is_cap)):
        return True
    return first.is_cap and len(words) <= 3


# -- speaker resolution ----------------------------------------------------------------------------


def _continuations(quotes: list[Quote], text: str, paragraphs: list[tuple[int, int]]) -> None:
    """Give an unattributed direct quote the speaker of the quote just before it (same or previous paragraph)."""
    para_of = _paragraph_lookup(paragraphs)
    last: Quote | None = None
    for q in sorted(quotes, key=lambda q: q.start):
        if q.kind == "direct" and q.speaker is None and last is not None and last.speaker is not None:
            gap = para_of(q.start) - para_of(last.end)
            if gap == 0 or (gap == 1 and _paragraph_is_quote_led(text, paragraphs[para_of(q.start)], q)):
                sp = last.speaker
                q.speaker = Mention(sp.start, sp.end, sp.text, sp.entity, sp.canonical, "continuation")
                q.flags.append("speaker_from_previous_quote")
        if q.speaker is not None:
            last = q


def _sentence_around(sentences: list[tuple[int, int]], offset: int, both: bool = True) -> tuple[int, int]:
    """The sentence holding ``offset`` (and, with ``both``, the one after it, where an inverted
    "…, said X." may spill over)."""
    import bisect

    i = max(0, bisect.bisect_right([s for s, _ in sentences], offset) - 1)
    return sentences[i][0], sentences[min(len(sentences) - 1, i + int(both))][1]


def _relays_around(quotes: list[Quote], text: str, sentences: list[tuple[int, int]]) -> None:
    """A relay named anywhere in the cue's sentence outside the content ("In an interview with CNN, X said …")."""
    import bisect

    starts = [s for s, _ in sentences]
    for q in quotes:
        if q.relay is not None or q.cue is None:
            continue
        i = bisect.bisect_right(starts, q.cue[0]) - 1
        if i < 0:
            continue
        lo, hi = sentences[i]
        cut = sorted(p for p in q.parts if p[0] < hi and lo < p[1])
        pos = lo
        for s, e in cut + [(hi, hi)]:
            if s > pos:
                found = find_relay(text, pos, s, leading=pos < q.cue[0])
                if found is not None:
                    q.relay = found
                    break
            pos = max(pos, e)


def _paragraph_is_quote_led(text: str, para: tuple[int, int], q: Quote) -> bool:
    return text[para[0]:q.start].strip(" " + DOUBLE_ANY + SINGLE_OPEN) == ""


def _personal(mention: Mention) -> bool:
    """A pronoun or a person noun phrase ("she", "the Republican nominee")."""
    words = mention.text.lower().split()
    return bool(words) and (words[0] in _SUBJECT_PRONOUNS or words[-1] in rules.PERSON_NOUNS)


def _could_be_name(text: str, mention: Mention) -> bool:
    """A person, organisation or place the entities know, or a word the text also capitalises
    inside a sentence ("Reid", "Japan", even where the recogniser typed them MISC), not a capital
    that only opens sentences ("Civil magistrates have a duty to “…”")."""
    if mention.entity is not None and not mention.entity.startswith("misc:"):
        return True
    words = mention.text.split()
    if not words:
        return False
    inside = re.compile(r"[^\s.!?:;\"“”]\s+" + re.escape(words[0]) + r"\b")
    return inside.search(text) is not None


def extract_quotes(doc: Document, entities: list[Span] | None = None,
                   tagged: list[Quote] | None = None) -> list[Quote]:
    """All quotes of ``doc`` with speakers resolved against ``entities`` (default: its "entities" layer).

    ``tagged`` are statements from the attribution head; they fill in what the rules did not find.
    """
    from slant.analyze.entities import EntityIndex

    text = doc.text
    paragraphs = [(p.start, p.end) for p in doc.paragraphs] or rules.split_paragraphs(text)
    sentences = [(s.start, s.end) for s in doc.sentences] or [
        s for lo, hi in paragraphs for s in rules.split_sentences(text, lo, hi)]
    # Typewriter doubles ('') read as one mark; same length, so every offset holds for doc.text.
    marked_text = _normalise_double_marks(text)
    direct = find_direct_quotes(marked_text, paragraphs)
    indirect = find_indirect_quotes(marked_text, sentences, direct)
    quotes = sorted(direct + indirect, key=lambda q: q.start)
    if tagged:
        from slant.analyze.attribution_head import combine

        # Tagged statements without a cue were mostly wrong on PolNeAR dev (precision 0.50 with
        # them, 0.60 without). A tagged statement keeps the head's content (with the 29 Nov head,
        # replacing it by the rules' reading around the cue lowered content F1 0.670 -> 0.658);
        # a missing source is taken from the rules' reading of the cue's sentence.
        extra = []
        for q in tagged:
            if q.cue is None:
                continue
            if q.speaker is None:
                own = _sentence_around(sentences, q.cue[0], both=False)
                read = statement_at_cue(marked_text, q.cue, *own)
                q.speaker = (read.speaker if read is not None else None) or \
                    speaker_at_cue(marked_text, q.cue, *_sentence_around(sentences, q.cue[0])) or \
                    _speaker_of_clause_before(quotes, marked_text, q.cue, own[0])
            extra.append(q)
        quotes = combine(quotes, extra)
    # Resolve named speakers and pronouns in text order, so a pronoun can lean on an earlier speaker.
    index = EntityIndex.build(doc, entities)
    quote_ranges = [(s, e) for q in quotes if q.kind == "direct" for s, e in q.parts]
    _relays_around(quotes, text, sentences)
    for q in quotes:
        if q.speaker is not None:
            index.resolve_mention(q.speaker, quote_ranges)
            if "speaker_from_subject" in q.flags and not _personal(q.speaker) and \
                    not _could_be_name(text, q.speaker):
                # The weakest rule: "Civil magistrates have a duty to “…”" has a capital, not a speaker.
                q.speaker = q.cue = None
                q.flags.remove("speaker_from_subject")
    _continuations(quotes, text, paragraphs)
    kept = []
    for q in quotes:
        words = sum(len(tokenize(text, s, e)) for s, e in q.parts)
        if q.kind == "direct" and q.speaker is None and words < MIN_UNATTRIBUTED_WORDS:
            continue  # scare quotes, titles
        kept.append(q)
    return kept


def _add_relay_entities(doc: Document, quotes: list[Quote]) -> None:
    """An outlet named as a relay is an organisation: add it to "entities" when the recogniser missed it."""
    from slant.analyze.entities import _slug

    layer = doc.layers.get("entities")
    if layer is None:
        return
    added = []
    replaced: set[int] = set()
    for q in quotes:
        if q.relay is None:
            continue
        s, e, name = q.relay
        if doc.text[s:e].lower() in rules.PLATFORMS:
            continue
        overlapping = [x for x in layer + added if x.start < e and s < x.end]
        # "Russia" tagged inside "Russia Today": the outlet's full name wins.
        if any(not (s <= x.start and x.end <= e and (x.start, x.end) != (s, e)) for x in overlapping):
            continue
        replaced.update(id(x) for x in overlapping)
        canonical = name[4:] if name.lower().startswith("the ") else name
        # Same outlet named elsewhere as an entity: reuse its id.
        same = next((x for x in layer if x.attrs.get("canonical", "").lower() == canonical.lower()), None)
        entity = same.attrs["entity"] if same else f"org:{_slug(canonical)}"
        added.append(Span(s, e, "ORG", None, {"entity": entity, "canonical": canonical, "mention": "relay"}))
    if added:
        doc.add_layer("entities", [x for x in layer if id(x) not in replaced] + added)


def annotate_quotes(doc: Document, entities: list[Span] | None = None,
                    tagged: list[Quote] | None = None) -> Document:
    """Add the "quotes" layer (and "quote_cues", "quote_speakers") to ``doc``."""
    quotes = extract_quotes(doc, entities, tagged)
    _add_relay_entities(doc, quotes)
    doc.add_layer("quotes", [q.to_span() for q in quotes])
    doc.add_layer("quote_cues", [Span(q.cue[0], q.cue[1], "cue") for q in quotes if q.cue])
    doc.add_layer("quote_speakers", [Span(q.speaker.start, q.speaker.end, "speaker",
                                          attrs={"entity": q.speaker.entity,
                                                 "canonical": q.speaker.canonical or q.speaker.text})
                                     for q in quotes if q.speaker])
    return doc


class _QuotesComponent:
    """The quotes component: the rules, plus the attribution head when its file is present.

    The head reads the encoder states the entity component left in ``SHARED_STATES``; without
    them (or without the head file) the deterministic layer runs alone.
    """

    def __init__(self, settings: Any = None):
        self.head = None
        model_dir = getattr(settings, "model_dir", None)
        try:
            from pathlib import Path

            from slant.analyze.attribution_head import HEAD_FILE, ATTR_TAGS
            from slant.analyze.entity_features import ConvTagHead
            from slant.models.onnx_model import DEFAULT_MODEL_DIR

            path = (Path(model_dir) if model_dir else DEFAULT_MODEL_DIR) / HEAD_FILE
            if path.is_file():
                self.head = ConvTagHead.load(path, ATTR_TAGS)
                _check_encoder(path, model_dir)
        except ImportError:
            self.head = None

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[Document]) -> list[Document]:
        return [annotate_quotes(d, tagged=self._tagged(d)) for d in docs]

    def _tagged(self, doc: Document) -> list[Quote] | None:
        if self.head is None:
            return None
        from slant.analyze.attribution_head import quotes_from_states
        from slant.analyze.entities import SHARED_STATES

        cached = SHARED_STATES.get(doc.text)
        if cached is None:
            return None
        offsets, states = cached
        return quotes_from_states(self.head, doc.text, offsets, states)


def _check_encoder(head_path, model_dir) -> None:
    """Warn when the attribution head was trained on another encoder than the shipped one."""
    try:
        from slant.analyze.entities import _warn_if_other_encoder
        from slant.models.onnx_model import get_model

        model = get_model(model_dir)
    except Exception:  # no persuasion model here: the head only runs on states someone provides
        return
    _warn_if_other_encoder(head_path, lambda ids, mask: model.encode_chunks(ids, mask)[0], model.tokenizer)


@register("slant.quotes.v1", requires=("entities",), provides=("quotes", "quote_cues", "quote_speakers"),
          settings_section="analyze")
def make_quotes_component(settings: Any = None):
    """Direct and indirect quotes with cue, speaker (resolved to an entity) and relay."""
    return _QuotesComponent(settings)


def _speaker_of_clause_before(quotes: list[Quote], text: str, cue: tuple[int, int], lo: int) -> Mention | None:
    """The speaker of a participle cue that follows another statement in its sentence
    ("…,” she said in the Oval Office, emphasizing it was time …"): that statement's speaker."""
    tokens = tokenize(text, lo, cue[1])
    k = next((i for i, t in enumerate(tokens) if t.start >= cue[0]), None)
    if k is None or _participle_comma(tokens, k) is None:
        return None
    before = [q for q in quotes if q.speaker is not None and q.cue is not None and lo <= q.cue[0] < cue[0]]
    if not before:
        return None
    sp = max(before, key=lambda q: q.cue[0]).speaker
    return Mention(sp.start, sp.end, sp.text)


def speaker_at_cue(text: str, cue: tuple[int, int], lo: int, hi: int) -> Mention | None:
    """The speaker phrase the rules find around a cue in ``text[lo:hi]`` (its subject, else after it)."""
    tokens = tokenize(text, lo, hi)
    k = next((i for i, t in enumerate(tokens) if t.start >= cue[0]), None)
    if k is None:
        return None
    # A participle cue ("…, citing a threat to public health") belongs to the sentence subject.
    rng = _participle_subject(tokens, k)
    if rng is not None:
        return _mention(text, tokens, rng)
    rng = _subject_or_coordinated(tokens, _skip_adverbs_back(tokens, k))
    if rng is None or tokens[rng[0]].lower in rules.RELATIVES:
        end_cue = next((i for i, t in enumerate(tokens) if t.end >= cue[1]), k)
        rng = _np_forward(tokens, end_cue + 1)
        if rng is not None and tokens[rng[0]].lower in rules.PRONOUNS and rng[1] < len(tokens) \
                and tokens[rng[1]].is_word:
            rng = None  # "said it would …": the pronoun opens the content; only "…, said he." inverts
    return _mention(text, tokens, rng) if rng else None


def statement_at_cue(text: str, cue: tuple[int, int], lo: int, hi: int) -> Quote | None:
    """The rules' reading of a statement around a cue found by the attribution head.

    The head knows cues the word lists lack ("called for", "shows", "agreed"); the rules know
    where a statement's subject and content begin and end. The cue's tokens act as one verb.
    """
    tokens = tokenize(text, lo, hi)
    inside = [i for i, t in enumerate(tokens) if cue[0] <= t.start < cue[1]]
    if not inside:
        return None
    a, b = inside[0], inside[-1] + 1
    merged = Token(tokens[a].start, tokens[b - 1].end, text[tokens[a].start:tokens[b - 1].end])
    tokens = tokens[:a] + [merged] + tokens[b:]
    return _indirect_at(text, tokens, a, lo, hi, lenient=True)


#: columns of ``--format quotes-tsv`` (issue 4), offsets in raw-file coordinates
QUOTES_TSV_COLUMNS = ("doc_id", "content_start", "content_end", "speaker", "speaker_start", "speaker_end",
                      "cue_start", "cue_end", "relay", "kind", "content")


def quote_rows(doc: Document) -> list[dict[str, Any]]:
    """One row per quote of ``doc`` for the quotes-tsv export (raw-file offsets; "" where unknown)."""
    rows = []
    for span in doc.layers.get("quotes", []):
        a = span.attrs
        start, end = doc.offsets.span_to_raw(span.start, span.end)
        speaker = a.get("speaker") or {}
        cue = a.get("cue")
        s_start, s_end = doc.offsets.span_to_raw(speaker["start"], speaker["end"]) if speaker else ("", "")
        c_start, c_end = doc.offsets.span_to_raw(cue[0], cue[1]) if cue else ("", "")
        parts = a.get("parts") or [[span.start, span.end]]
        content = " … ".join(doc.text[s:e] for s, e in parts)
        rows.append({
            "doc_id": doc.id, "content_start": start, "content_end": end,
            "speaker": (speaker.get("canonical") or speaker.get("text") or "") if speaker else "",
            "speaker_start": s_start, "speaker_end": s_end, "cue_start": c_start, "cue_end": c_end,
            "relay": (a.get("relay") or {}).get("name", ""), "kind": a.get("kind", span.label),
            "content": " ".join(content.split()),
        })
    return rows
