"""What the text and HTML views both summarise about a Document."""

from __future__ import annotations

import re

from slant.analyze.quotes.marks import DOUBLE_ANY
from slant.document import Document

#: entity types in the order the panel lists them, with their headings
ENTITY_TYPES = (("PER", "People"), ("ORG", "Organisations"), ("LOC", "Places"), ("MISC", "Other names"))


def entity_summary(doc: Document) -> list[dict[str, object]]:
    """The document's entities grouped by canonical entity: type, canonical name, mentions, quotes.

    Sorted by type (people first), then by how often they are mentioned.
    """
    groups: dict[str, dict[str, object]] = {}
    for s in doc.layers.get("entities", []):
        key = str(s.attrs.get("entity") or f"{s.label}:{s.attrs.get('canonical') or doc.span_text(s)}")
        g = groups.setdefault(key, {"type": s.label, "canonical": s.attrs.get("canonical") or doc.span_text(s),
                                    "mentions": 0, "forms": [], "quotes": 0})
        g["mentions"] = int(g["mentions"]) + 1
        form = " ".join(doc.span_text(s).split())
        if form not in g["forms"]:
            g["forms"].append(form)
    for q in doc.layers.get("quotes", []):
        entity = (q.attrs.get("speaker") or {}).get("entity")
        if entity in groups:
            groups[entity]["quotes"] = int(groups[entity]["quotes"]) + 1
    order = {t: i for i, (t, _) in enumerate(ENTITY_TYPES)}
    return sorted(groups.values(), key=lambda g: (order.get(str(g["type"]), 9), -int(g["mentions"]),
                                                   str(g["canonical"]).lower()))


def claim_source(span) -> str:
    """Who a ``claims`` span is on record as saying: the quote's speaker, or the article itself."""
    if span.attrs.get("voice") == "quote":
        return str(span.attrs.get("speaker") or "unnamed source (quoted)")
    return "the article (author's voice)"


def speaker_label(speaker, default: str = "") -> str:
    """The name a quote's speaker is shown under; a source that is a text or data, not someone
    ("Documents leaked last week show …"), is marked "(document)"."""
    if not isinstance(speaker, dict):
        return str(speaker or default)
    name = str(speaker.get("canonical") or speaker.get("text") or speaker.get("name") or default)
    return f"{name} (document)" if name and speaker.get("kind") == "document" else name


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut at the last whole word within ``limit`` characters, with "…" when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


#: quotation marks an article's passage may open or close on: the quote layer's double marks and ‘
#: (not ' or ’: an apostrophe ends "voters'")
QUOTE_MARKS = DOUBLE_ANY + "‘"


def in_quote_marks(text: str, limit: int) -> str:
    """An article's passage clipped (:func:`clip`) between curly quotation marks, its own marks at either
    end dropped first: a passage that opens on the article's quotation mark read “"My goal is to freeze…”."""
    return f"“{clip(text.strip().strip(QUOTE_MARKS), limit)}”"


#: said under every claims list: it runs from the model's threshold, not from 50%
CLAIMS_BELOW_HALF = ("The list starts at the model's threshold (chosen out of fold), not at 50%: a claim shown "
                     "under 50% is more likely than not to be no checkable claim.")


def claims_of(doc: Document) -> list:
    """The sentences the claims layer labels ``claim`` (check-worthy), in text order."""
    return [c for c in doc.layers.get("claims", []) if c.label == "claim"]


def published_words(meta) -> str:
    """The publication date as a reader sees it: with its time where the source gave one."""
    return publication_date(meta.published, meta.published_at)


#: a time of day after "T" in an ISO date: HH:MM, optional seconds (and fraction), optional zone
_TIME_OF_DAY = re.compile(r"(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def publication_date(published: str | None, published_at: str | None = None) -> str:
    """A publication date for a reader: ``2026-03-06``, or with the source's time of day and zone,
    ``2026-03-06 14:05 UTC+01:00`` (a time the source gave without a zone stays without one)."""
    if not published and not published_at:
        return ""
    if not published_at or "T" not in published_at:
        return published or (published_at or "")[:10]
    day, _, rest = published_at.partition("T")
    match = _TIME_OF_DAY.match(rest)
    if not match:
        return published or day
    clock, zone = match.groups()
    if zone in ("Z", "+00:00", "+0000", "-00:00"):
        return f"{day} {clock} UTC"
    return f"{day} {clock}" + (f" UTC{zone}" if zone else "")

