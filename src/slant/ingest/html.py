"""HTML page -> RawRecord: the article text trafilatura finds, plus title, byline, outlet, date, URL.

``raw`` is laid out like a plain-text article ("TITLE\\n\\n" then one paragraph per line), so the
cleaner treats both the same way. trafilatura is imported on first use (it takes ~0.3 s to import)
and configured once: no network, no extraction timeout, comments off, and date search limited to
the page's markup with a fixed upper bound so that the same page gives the same record every day.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urlsplit

from slant.errors import NoArticleFound
from slant.ingest.record import RawRecord

#: trafilatura returns whatever text a page has, even a lone cookie banner or "No results".
#: Fewer words than this is taken as "no article"; the shortest news briefs we know run ~40 words,
#: while the junk trafilatura fell back to on our hand-made empty pages had under 10.
MIN_ARTICLE_WORDS = 20

#: htmldate rejects dates after ``max_date``, which defaults to today: the same page would then give
#: another date tomorrow. A fixed far bound keeps extraction deterministic.
HTMLDATE_MAX_DATE = "2099-12-31"

# <meta> names/properties (lower case) that carry each field, best first.
META_TITLE = ("og:title", "twitter:title", "dc.title", "dcterms.title", "title")
META_AUTHOR = ("author", "article:author", "parsely-author", "byl", "dc.creator", "dcterms.creator",
               "sailthru.author", "cxenseparse:author")
META_PUBLISHED = ("article:published_time", "og:article:published_time", "datepublished",
                  "parsely-pub-date", "pubdate", "publishdate", "publish-date", "date", "dc.date",
                  "dc.date.issued", "dcterms.created", "dcterms.issued", "sailthru.date",
                  "article.published", "published_time")
META_OUTLET = ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site")
META_URL = ("og:url", "twitter:url")

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_WHOLE_PAGE = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BYLINE_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
#: how far into a page to look for its charset declaration (browsers look at the first 1024 bytes;
#: pages with long inline scripts in <head> put it later)
CHARSET_SNIFF_BYTES = 4096

_trafilatura: Any = None
_config: Any = None


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in ``<meta charset>`` or its XML declaration, if any."""
    head = data[:CHARSET_SNIFF_BYTES]
    found = _XML_ENCODING.search(head) or _CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def _load_trafilatura() -> tuple[Any, Any]:
    global _trafilatura, _config
    if _trafilatura is None:
        import trafilatura
        from trafilatura.settings import use_config

        config = use_config()  # a fresh copy of the defaults; the shared one is left alone
        # only trafilatura's own CLI uses it (with SIGALRM, which threads and Dask workers cannot share)
        config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
        config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")  # dates in running text are guesses
        # the readers enforce ReadSettings.max_bytes; trafilatura must not drop pages on its own limit
        config.set("DEFAULT", "MAX_FILE_SIZE", str(10**9))
        # "discarding data" warnings would reach stderr through logging's last-resort handler;
        # we report NoArticleFound ourselves
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
        logging.getLogger("htmldate").setLevel(logging.ERROR)
        _config = config
        _trafilatura = trafilatura
    return _trafilatura, _config


def _squash(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _meta_fields(tree: Any) -> dict[str, str]:
    """All ``<meta>`` name/property -> content pairs (lower-case keys, first one wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = _squash(meta.get("content"))
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (meta.get(attribute) or "").strip().lower()
            if key and key not in found:
                found[key] = content
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            found.setdefault("canonical", link.get("href").strip())
    title = tree.find(".//title")
    if title is not None and title.text:
        found.setdefault("<title>", _squash(title.text))
    return found


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = meta.get(key, "")
        if value:
            return value
    return ""


def _author_from_meta(meta: dict[str, str]) -> str:
    for key in META_AUTHOR:
        value = meta.get(key, "")
        # article:author is often a profile URL rather than a name
        if value and not value.startswith(("http://", "https://", "/")):
            return _BYLINE_PREFIX.sub("", value)
    return ""


def _hostname(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _same_line(a: str, b: str) -> bool:
    return _squash(a).casefold() == _squash(b).casefold()


def read_html(html: str, *, source: str, id: str, url: str = "", encoding: str = "utf-8",
              input_format: str = "html") -> RawRecord:
    """Extract the article from one decoded HTML page; raises NoArticleFound when it has none."""
    trafilatura, config = _load_trafilatura()
    from trafilatura.settings import Extractor
    from trafilatura.utils import load_html

    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses str input that declares bytes
    if not _WHOLE_PAGE.search(html[:CHARSET_SNIFF_BYTES]):
        html = f"<html><body>{html}</body></html>"  # trafilatura rejects bare fragments
    from lxml.etree import LxmlError

    try:
        tree = load_html(html)
    except (ValueError, TypeError, LxmlError):
        tree = None
    if tree is None:
        raise NoArticleFound("the HTML could not be parsed", source=source)
    meta = _meta_fields(tree)
    page_url = url or _first(meta, META_URL) or meta.get("canonical", "")

    options = Extractor(
        config=config,
        output_format="python",
        fast=False,  # the fallback extractors rescue pages with unusual markup; ~1 ms a page
        comments=False,
        tables=True,
        with_metadata=True,
        url=page_url or None,
        date_params={"original_date": True, "extensive_search": False, "max_date": HTMLDATE_MAX_DATE},
    )
    try:
        document = trafilatura.bare_extraction(tree, options=options)
    except (ValueError, TypeError, RecursionError, LxmlError) as exc:
        # markup so broken (or so deeply nested) that the extractor gives up: not a crash of the run
        raise NoArticleFound(f"the HTML could not be processed ({type(exc).__name__})", source=source) from None
    if document is None or not document.text:
        raise NoArticleFound("no article text found in the HTML", source=source)

    title = _squash(document.title) or _first(meta, META_TITLE) or meta.get("<title>", "")
    lines = [line for line in (_squash(x) for x in document.text.split("\n")) if line]
    if lines and title and _same_line(lines[0], title):
        lines = lines[1:]  # trafilatura keeps the <h1>; the title already heads ``raw``
    if sum(len(line.split()) for line in lines) < MIN_ARTICLE_WORDS:
        raise NoArticleFound("the HTML holds no article text, only a few words of page furniture",
                             source=source)
    body = "\n".join(lines)
    raw = f"{title}\n\n{body}" if title else body

    page_url = url or document.url or page_url
    outlet = _squash(document.sitename) or _first(meta, META_OUTLET) or _hostname(page_url)
    # the page's own published-time string keeps time and zone; htmldate's answer is only a day
    published = _first(meta, META_PUBLISHED) or (document.date or "")
    extra = {key: value for key, value in (
        ("description", _squash(document.description)),
        ("language", document.language or ""),
        ("date_extracted", document.date or ""),
    ) if value}
    return RawRecord(
        id=id,
        source=source,
        raw=raw,
        format="html",
        input_format=input_format,
        encoding=encoding,
        title=title,
        byline=_squash(document.author) or _author_from_meta(meta),
        outlet=outlet,
        url=page_url,
        published=published,
        extra=extra,
    )
