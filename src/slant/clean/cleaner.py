"""RawRecord -> Document: title, junk lines out, byline and date in, sentences, exact offsets.

The cleaned text is the title, ``"\\n\\n"``, then the kept body lines joined by ``"\\n\\n"``. Each
piece is a verbatim slice of the raw text (only surrounding whitespace, a BOM and zero-width
characters are trimmed), so every ``OffsetMap`` segment is exact and
``doc.raw[raw_start:raw_end] == doc.text[start:end]`` holds for every paragraph and sentence.

Speed (target: 300 articles/s on one core for ~700-token articles, read + clean + segment): reading
the bundled example (443 words) from disk and cleaning it in a loop, 12 runs of 150 articles on a
shared 2-core box at load average ~7.7, gave 375 / 441 / 464 articles per CPU-second (min / median
/ max); wall-clock rates there were lower only because the cores were oversubscribed. The 446
SemEval-2023 training articles (901 words on average) ran at 263 articles, 237,000 words, per
CPU-second. Regexes are compiled at import, junk cues are gated by cheap word-set checks (see
:mod:`slant.clean.junk`) and date finders start on a character class. The junk categories added
from the issue-14 development sets cost about a fifth: 200 SemEval-2023 training articles cleaned
in a loop (best of 3, CPU time, shared 2-core box), alternating old and new code: 386 / 406
articles per CPU-second before, 298-321 after. The later issue-14 rules took
``benchmarks/bench_clean.py`` from 420-427 to 295-298 articles per CPU-second (idle box). Literal
pre-tests on the junk patterns (:mod:`slant.clean.literal_gate`: a line holding none of the words
a pattern needs skips it), the reader's address looked for before a category's topic, and what
every category tests computed once per line brought back part of it, with identical output:
alternating old and new code on the shared 2-core box (load 2-3), bench_clean 307 / 289 / 318 /
335 / 304 before, 367 / 336 / 349 / 388 / 377 after (in a later round with the code of d48182b
too: d48182b 374 / 393, before 304 / 263, after 366 / 362); the 200 SemEval articles 322 / 321
before, 397 / 381 after.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from slant.clean.byline import authors_from, parse_byline
from slant.clean.dates import resolve_date
from slant.clean.timestamps import parse_timestamp
from slant.clean.junk import classify_lines
from slant.clean.learned_lines import REASON as LEARNED_REASON, load_model as load_learned
from slant.clean.segment import split_sentences
from slant.document import Document, Metadata, OffsetMap, RemovedLine, Span
from slant.errors import EmptyInput
from slant.ingest.record import RawRecord
from slant.settings import CleanSettings

PARAGRAPH_SEPARATOR = "\n\n"
#: bylines sit at the top: only this many body lines are searched for one (after the title,
#: standfirst, section label, byline and date lines of a typical scraped header)
BYLINE_SEARCH_LINES = 8
#: a known title and line 1 are the same title when their token Jaccard reaches this
#: (HTML titles often add or drop " - Outlet Name")
TITLE_MATCH = 0.6

_TRIM_CHARS = " \t\r\n\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" \
              "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b\u200c\u200d\u2060"
_WORD_RE = re.compile(r"\w+")


def _trimmed(raw: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` of raw[start:end] without surrounding whitespace, BOM or zero-width marks."""
    while start < end and (raw[start] in _TRIM_CHARS or raw[start].isspace()):
        start += 1
    while end > start and (raw[end - 1] in _TRIM_CHARS or raw[end - 1].isspace()):
        end -= 1
    return start, end


def _lines(raw: str) -> list[tuple[int, int, int]]:
    """``(line_number, start, end)`` of each line's trimmed content (1-based numbers, all lines)."""
    out = []
    start = 0
    number = 1
    length = len(raw)
    while True:
        newline = raw.find("\n", start)
        end = length if newline == -1 else newline
        s, e = _trimmed(raw, start, end)
        out.append((number, s, e))
        if newline == -1:
            return out
        start = newline + 1
        number += 1


def _token_set(text: str) -> set[str]:
    return {w.lower() for w in _WORD_RE.findall(text)}


def _same_title(a: str, b: str) -> bool:
    ta, tb = _token_set(a), _token_set(b)
    if not ta or not tb:
        return False
    return ta <= tb or tb <= ta or len(ta & tb) / len(ta | tb) >= TITLE_MATCH


def outlet_from_url(url: str) -> str:
    """The outlet's domain from a URL: "https://www.dailypost.example/x" -> "dailypost.example"."""
    if not url:
        return ""
    parts = urlsplit(url if "//" in url else "//" + url)
    host = (parts.hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _learned_stage(raw: str, body: list[tuple[int, int, int]], kept: list[tuple[int, int, int]],
                   removed: list[RemovedLine], settings: CleanSettings) -> list[tuple[int, int, int]]:
    """The learned second stage (:mod:`slant.clean.learned_lines`) on the lines the rules kept: a
    line whose probability reaches the model's threshold moves to ``removed`` (reason
    ``learned_junk``). Returns the lines still kept."""
    model = load_learned(settings.learned_lines_path)
    kept_at = {s for _, s, _ in kept}
    texts = [raw[s:e] for _, s, e in body]
    scores = model.scores(texts, [s not in kept_at for _, s, _ in body])
    out_at = {}
    for (_, s, e), text, p in zip(body, texts, scores):
        if p is not None and p >= model.threshold:
            out_at[s] = RemovedLine(s, e, text, LEARNED_REASON, round(p, 4),
                                    f"learned junk-line model: p = {p:.3f} >= {model.threshold}")
    if not out_at:
        return kept
    removed.extend(out_at.values())
    removed.sort(key=lambda r: r.raw_start)
    return [line for line in kept if line[1] not in out_at]


def clean_record(record: RawRecord, settings: CleanSettings | None = None) -> Document:
    """Clean one RawRecord into a Document: title, kept paragraphs, sentences, metadata, removed lines."""
    settings = settings or CleanSettings()
    raw = record.raw
    lines = [(n, s, e) for n, s, e in _lines(raw) if e > s]
    if not lines:
        raise EmptyInput("the article has no text once whitespace is removed", source=record.source or None)

    # Title: the first non-empty line, named by the known title when the source gave one.
    first_text = raw[lines[0][1]:lines[0][2]]
    title_line: tuple[int, int, int] | None = lines[0]
    title_text = record.title.strip() or first_text
    if record.title.strip() and not _same_title(record.title, first_text):
        # The known title is not in the raw text (a JSONL body without its headline): the text
        # starts with the first body line and meta.title carries the title.
        title_line = None
    body = lines[1:] if title_line else lines

    # Junk scoring and bylines.
    verdicts = classify_lines([raw[s:e] for _, s, e in body], title=title_text,
                              threshold=settings.junk_threshold)
    removed: list[RemovedLine] = []
    kept: list[tuple[int, int, int]] = []
    byline_text = record.byline.strip()
    authors = authors_from(byline_text) if byline_text else []
    for position, ((number, s, e), verdict) in enumerate(zip(body, verdicts)):
        line_text = raw[s:e]
        byline = parse_byline(line_text) if position < BYLINE_SEARCH_LINES or verdict.junk else None
        if byline is not None:
            if not byline_text:
                byline_text, authors = byline.text, byline.authors
            removed.append(RemovedLine(s, e, line_text, "byline", 1.0))
        elif verdict.junk:
            removed.append(RemovedLine(s, e, line_text, verdict.reason, verdict.score, verdict.evidence))
        else:
            kept.append((number, s, e))
    if settings.learned_lines and kept:
        kept = _learned_stage(raw, body, kept, removed, settings)

    # Text, offset map, paragraphs.
    pieces: list[str] = []
    segments: list[tuple[int, int, int]] = []
    paragraphs: list[Span] = []
    cursor = 0
    for index, (number, s, e) in enumerate(([title_line] if title_line else []) + kept):
        if pieces:
            pieces.append(PARAGRAPH_SEPARATOR)
            cursor += len(PARAGRAPH_SEPARATOR)
        piece = raw[s:e]
        pieces.append(piece)
        segments.append((cursor, s, e - s))
        kind = "title" if (title_line is not None and index == 0) else "body"
        paragraphs.append(Span(cursor, cursor + len(piece), attrs={"kind": kind, "raw_line": number}))
        cursor += len(piece)
    text = "".join(pieces)

    outlet = record.outlet.strip() or outlet_from_url(record.url)
    crawled = parse_timestamp(str(record.extra.get("crawled") or ""))
    evidence = resolve_date(raw, hints=[h for h in (record.url, outlet) if h], locale=settings.locale,
                            given=record.published, given_method=f"{record.input_format}:published",
                            crawled=str(record.extra.get("crawled") or ""))
    meta = Metadata(
        title=title_text, byline=byline_text, authors=authors, outlet=outlet, url=record.url,
        published=evidence.value if evidence else None, date=evidence,
        published_at=evidence.at if evidence else None,
        crawled=(crawled.at or crawled.day.isoformat()) if crawled else None,
        input_format=record.input_format, encoding=record.encoding,
    )
    doc = Document(text, id=record.id, source=record.source, raw=raw, offsets=OffsetMap(segments),
                   meta=meta, removed=removed)
    doc.set_paragraphs(paragraphs)
    sentences: list[Span] = []
    for index, paragraph in enumerate(paragraphs):
        for start, end in split_sentences(text, paragraph.start, paragraph.end):
            sentences.append(Span(start, end, attrs={"paragraph": index}))
    doc.set_sentences(sentences)
    return doc
