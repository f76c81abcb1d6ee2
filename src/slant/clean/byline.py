"""Bylines: "By John Smith and Jane Doe | Reuters", "Written by ...", "Author: ..." -> authors.

A line is a byline only when, after the lead-in, every name-list item looks like a person's name
(one to five capitalised tokens, initials and particles such as "van" or "al" allowed) or the last
item names an outlet or agency. "By Tuesday, talks had failed." is therefore not a byline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LEAD_RE = re.compile(
    r"^(?:by|written by|words by|story by|posted by|reported by|report by|author|authors|reporter|"
    r"writer)\s*[:\-–—|]?\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
#: splits the names from an affiliation or date: "Name | Reuters", "Name - BBC News", "Name • 3h"
_AFFILIATION_SPLIT_RE = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+|\s*\(\s*")
_NAME_SPLIT_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", re.IGNORECASE)
_NAME_TOKEN_RE = re.compile(r"^(?:[A-Z][a-z]?\.|[A-ZÀ-Ý][\w'’.-]*[\w.]|[A-Z])$")

#: lower-case particles inside names ("Ursula von der Leyen", "Hassan al Thani")
NAME_PARTICLES = frozenset("de da del della der den di du la le van von bin bint ibn al el st".split())
#: first words that make "By ..." a sentence rather than a byline
NOT_NAMES = frozenset("""
the a an this that these those his her their its our my your monday tuesday wednesday thursday
friday saturday sunday january february march april may june july august september october
november december then now far contrast comparison law default design way order early
late mid end noon midnight tomorrow today tonight yesterday next last all some most
""".split())
#: affiliations that may stand in the name list ("By John Smith, Reuters")
AGENCY_WORDS = frozenset("""
reuters ap afp associated press bloomberg cnn bbc staff correspondent reporter writer editor
desk team news agency wire wires contributor bureau agencies
""".split())


@dataclass(slots=True)
class Byline:
    """A parsed byline line."""

    text: str  # the byline as written, whitespace normalised
    authors: list[str] = field(default_factory=list)
    affiliation: str = ""


def _looks_like_name(item: str) -> bool:
    tokens = item.split()
    if not 1 <= len(tokens) <= 5 or tokens[0].lower() in NOT_NAMES:
        return False
    capitalised = 0
    for token in tokens:
        if token.lower() in NAME_PARTICLES:
            continue
        if not _NAME_TOKEN_RE.match(token):
            return False
        capitalised += 1
    return capitalised >= 1


def _is_affiliation(item: str) -> bool:
    words = item.lower().replace(".", "").split()
    return bool(words) and (any(w in AGENCY_WORDS for w in words) or any(c.isdigit() for c in item))


def parse_byline(line: str) -> Byline | None:
    """A :class:`Byline` when ``line`` is a byline with at least one name or agency, else None."""
    text = " ".join(line.split())
    if len(text) > 160:
        return None
    m = _LEAD_RE.match(text)
    if not m:
        return None
    rest = m["rest"].strip().rstrip(".")
    parts = _AFFILIATION_SPLIT_RE.split(rest, maxsplit=1)
    names_part = parts[0].strip()
    affiliation = parts[1].strip().rstrip(")") if len(parts) > 1 else ""
    items = [i.strip() for i in _NAME_SPLIT_RE.split(names_part) if i.strip()]
    if not items:
        return None
    authors: list[str] = []
    for position, item in enumerate(items):
        if _looks_like_name(item) and not _is_affiliation(item):
            authors.append(item)
        elif position == len(items) - 1 and position > 0 and (
                _is_affiliation(item) or _looks_like_name(item)):
            affiliation = f"{item}, {affiliation}" if affiliation else item
        elif position == 0 and len(items) == 1 and _is_affiliation(item) and len(item.split()) <= 4:
            affiliation = item  # "By Reuters Staff", "By The Associated Press"
        else:
            return None
    return Byline(text, authors, affiliation)


def authors_from(byline: str) -> list[str]:
    """Author names from a byline string given by the source ("By A and B", or just "A, B")."""
    parsed = parse_byline(byline)
    if parsed is None:
        parsed = parse_byline("By " + byline)
    return parsed.authors if parsed else []
