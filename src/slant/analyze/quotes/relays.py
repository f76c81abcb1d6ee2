"""Relays: the outlet or channel that carried a statement ("as quoted by Russia Today", "told Reuters", "on Twitter")."""

from __future__ import annotations

import re

from slant.analyze import attribution_rules as rules
from slant.analyze.attribution_rules import tokenize
from slant.analyze.names import POSSESSOR_BEFORE_NAME
from slant.analyze.quotes.model import Quote

_MEDIA_WORDS = {"news", "times", "post", "journal", "radio", "tv", "television", "agency", "press", "today",
                "daily", "herald", "gazette", "channel", "network", "broadcasting", "tribune", "telegraph",
                "guardian", "mail", "express", "observer", "magazine", "pravda", "novosti", "review",
                "wire", "media", "online", "insider", "monitor", "independent", "chronicle", "standard",
                "sun", "mirror", "world", "bulletin", "star", "sputnik"}
#: endings only news outlets' names have: a possessive before a person's name ends so to be the relay
#: ("NBC News’s Chuck Todd"); "agency", "express", "world", "network", "standard", "monitor", "star",
#: "sun", "review" end agencies' and companies' names as often ("The Environmental Protection Agency's
#: Gina McCarthy", "American Express's Ken Chenault" are their employers, no relay: m15f)
_NEWS_ENDINGS = frozenset({"news", "times", "post", "journal", "radio", "tv", "television", "press", "daily",
                           "herald", "gazette", "tribune", "telegraph", "magazine", "chronicle", "broadcasting",
                           "pravda", "novosti"})


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


#: sorted once, in the order each call sorted them (the longest name wins)
_PLATFORMS_LONGEST_FIRST = tuple(sorted(rules.PLATFORMS, key=len, reverse=True))


def _platform_at(text: str, s: int, e: int) -> tuple[int, int, str] | None:
    chunk = text[s:e].lower()
    for platform in _PLATFORMS_LONGEST_FIRST:
        if chunk.startswith(platform) and (len(chunk) == len(platform) or not chunk[len(platform)].isalnum()):
            if platform in ("x",) and text[s:s + 1] != "X":
                continue
            return s, s + len(platform), text[s:s + len(platform)]
    return None


def _outlet(name: str) -> bool:
    """A known outlet, or a name that ends as only news outlets' names do ("NBC News", "The Moscow
    Times"; not "Media Research Center", whose president is no outlet's voice, nor "The Central
    Intelligence Agency")."""
    low = name.lower()
    return low in rules.KNOWN_OUTLETS or low.removeprefix("the ") in rules.KNOWN_OUTLETS or (
        name[:1].isupper() and low.split()[-1] in _NEWS_ENDINGS)


def _outlet_possessors(quotes: list[Quote], text: str) -> None:
    """"CNN’s Jake Tapper said": the speaker is Jake Tapper, and CNN where he spoke, his statement's
    relay (as "as quoted by CNN" would make it) when it has none; the mention is cut to the name."""
    for q in quotes:
        sp = q.speaker
        # (a full name right after it: "Bloomberg's pollster, Douglas Schoen" is a candidate's pollster)
        m = POSSESSOR_BEFORE_NAME.match(sp.text) if sp is not None else None
        owner = m.group().rstrip()[:-2] if m is not None else ""
        if not owner or sp.text[m.end():].split()[0].lower() in rules.TITLES or not _outlet(owner):
            continue
        s, e = sp.start, sp.start + len(owner)
        sp.start, sp.text = sp.start + m.end(), sp.text[m.end():]
        if q.relay is None:
            q.relay = (s, e, text[s:e])


def _relays_around(quotes: list[Quote], text: str, sentences: list[tuple[int, int]]) -> None:
    """An outlet's possessive before the speaker's name (:func:`_outlet_possessors`), else a relay
    named anywhere in the cue's sentence outside the content ("In an interview with CNN, X said …")."""
    import bisect

    _outlet_possessors(quotes, text)
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
