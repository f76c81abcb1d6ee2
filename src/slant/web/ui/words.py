"""How the pages put things into words: counts, dates and times, file names, codes made readable.

Public pages never show a server path, a method code or a registry id: these helpers turn each
into what a reader understands, and mark search matches and `code` in text (escaping the rest).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from slant.render import count_words
from slant.render.summary import publication_date
from slant.web import queries
from slant.web.queries import public_source  # noqa: F401 - the pages' filter, shared with the API


#: irregular plurals of the words the pages count
_PLURALS = {"story": "stories", "quote": "quotes", "article": "articles", "outlet": "outlets"}


def plural(n: int | None, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``, ``1,204 stories``: :func:`slant.render.count_words` with the
    pages' irregular plurals."""
    return count_words(n, word, many or _PLURALS.get(word))


#: how a publication date was found, in the reader's words (by the ``method`` prefix and kind)
_DATE_SOURCES = {"html": "the page's metadata", "jsonl": "the record's published field", "json": "the record's published field",
                 "rss": "the feed", "atom": "the feed", "feed": "the feed", "warc": "the archive's headers",
                 "source": "the source's metadata", "meta": "the page's metadata", "cli": "the date given when it was added",
                 "web": "the date given when it was added", "form": "the date given when it was added"}
_DATE_KINDS = {"numeric": "a date written in numbers", "named": "a date with the month's name", "month-name": "a date with the month's name",
               "month_name": "a date with the month's name", "dateline": "the dateline", "byline": "the byline block",
               "label": "a \"published\" or \"updated\" label", "iso": "a date written as YYYY-MM-DD",
               "url": "the address (URL)", "relative": "a relative date"}


def date_evidence(method: str | None) -> str:
    """``text:numeric-with-weekday`` -> ``found in the text: a date written in numbers, with its weekday``."""
    if not method:
        return ""
    where, _, kind = method.partition(":")
    if kind == "published":  # a date that came with the article (a record's field, a form)
        return "given with the article" if where not in _DATE_SOURCES else "given by " + _DATE_SOURCES[where]
    if where == "text":
        weekday = kind.endswith("-with-weekday")
        kind = kind.removesuffix("-with-weekday")
        words = _DATE_KINDS.get(kind) or ("a date" if not kind else "a date (" + kind.replace("-", " ").replace("_", " ") + ")")
        return "found in the text: " + words + (", with its weekday" if weekday else "")
    if where == "url":
        return "taken from the address (URL)"
    source = _DATE_SOURCES.get(where)
    if source:
        return "given by " + source
    return "found in " + method.replace(":", " ").replace("_", " ").replace("-", " ")


#: entity types (slant.analyze.entities.TYPES) in words
ENTITY_TYPES = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "other", "GPE": "place"}


def component_name(name: str | None) -> str:
    """``slant.quotes.v1`` -> ``quotes (v1)``: what ran, without the registry's dotted id."""
    text = str(name or "")
    match = re.fullmatch(r"(?:slant\.)?([\w.-]+?)\.(v\d+)", text)
    return f"{match.group(1).replace('_', ' ').replace('.', ' ')} ({match.group(2)})" if match else text


#: near-duplicate link kinds (slant.corpus.neardup) in words
LINK_KINDS = {"copy": "copy", "rewrite": "rewritten version", "contained": "one holds the other", "near": "near-duplicate"}


#: a publication date for a reader (the same words as the text report and the HTML page)
when = publication_date


def code_spans(text: str | None) -> Markup:
    """Text from the OpenAPI description with its `backquoted` words as <code> (everything escaped)."""
    parts = re.split(r"`([^`]+)`", text or "")
    return Markup("").join(Markup("<code>") + escape(p) + Markup("</code>") if i % 2 else escape(p)
                           for i, p in enumerate(parts))


def marked(text: str | None) -> Markup:
    """A snippet or title with the search's matches (between queries.MARK_OPEN/MARK_CLOSE) in <mark>, escaped."""
    plain, spans = queries.split_marks(text or "")
    out, at = [], 0
    for start, end in spans:
        out.append(escape(plain[at:start]))
        out.append(Markup("<mark class=\"match\">") + escape(plain[start:end]) + Markup("</mark>"))
        at = end
    out.append(escape(plain[at:]))
    return Markup("").join(out)


#: the explorer's filters (query parameters) as the page names them
FILTER_NAMES = {"q": "search", "date_from": "from", "date_to": "to", "speaker": "quoting", "entity": "mentions",
                "cluster": "story"}


def filter_name(key: str) -> str:
    """``date_from`` -> ``from``, ``q`` -> ``search``: a filter's name in the page's words."""
    return FILTER_NAMES.get(key, key.replace("_", " "))
