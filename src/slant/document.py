"""The Document: the spine every Slant layer hangs off.

A Document's cleaned ``text`` is set once and never changes. Every annotation is a :class:`Span`
of character offsets into it (``start`` inclusive, ``end`` exclusive), checked on creation. The
:class:`OffsetMap` leads any clean offset back to the raw input, so spans can be reported in
raw-file coordinates (and raw line numbers, as the SemEval formats need).
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterable, Iterator, Literal

from slant.errors import SchemaError, SpanError

#: Version of the JSON layout written by :meth:`Document.to_dict`. Bump the minor part for
#: additions that old readers can ignore (every ``from_dict`` here drops keys it does not know, so a
#: reader of 1.x reads a later 1.y; readers before 1.3 did not, see docs/design.md), the major part for
#: anything else.
SCHEMA_VERSION = "1.3"  # 1.1: meta.published_at, meta.crawled, date.at, date.summary, removed[].evidence; layers.claims;
#   1.2: meta.outlet is null when the source names no outlet (was ""); 1.3: labels[].reason (why none is selected)

Alignment = Literal["strict", "contract", "expand"]


def _known(cls, data: dict[str, Any]) -> dict[str, Any]:
    """The keys of ``data`` that dataclass ``cls`` has fields for: a key added by a later minor schema
    version is dropped, not a TypeError ("unexpected keyword argument")."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


class _FromDict:
    """``from_dict`` for the Document's dataclasses: keys it does not know are ignored (see :func:`_known`)."""

    __slots__ = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        return cls(**_known(cls, data))


@dataclass(slots=True)
class Span:
    """A labelled stretch ``text[start:end]`` of a Document's cleaned text."""

    start: int
    end: int
    label: str = ""
    score: float | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end}
        if self.label:
            out["label"] = self.label
        if self.score is not None:
            out["score"] = round(float(self.score), 4)
        if self.attrs:
            out["attrs"] = self.attrs
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Span":
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            label=data.get("label", ""),
            score=data.get("score"),
            attrs=dict(data.get("attrs", {})),
        )


class OffsetMap:
    """Maps offsets in the cleaned text back to offsets in the raw input.

    The cleaned text is built from verbatim pieces of the raw text glued together with short
    separators (``"\\n\\n"`` between paragraphs). Each piece is a segment
    ``(clean_start, raw_start, length)``; a clean offset that falls inside a separator maps to the
    raw end of the piece before it, so spans never gain characters that the raw file lacks.
    """

    __slots__ = ("segments", "_clean_starts")

    def __init__(self, segments: Iterable[tuple[int, int, int]] = ()):
        self.segments: list[tuple[int, int, int]] = sorted(tuple(s) for s in segments)  # type: ignore[misc]
        previous_end = -1
        for clean_start, raw_start, length in self.segments:
            if length < 0 or clean_start < previous_end or raw_start < 0:
                raise SpanError(f"offset map segments overlap or are negative: {self.segments[:5]}...")
            previous_end = clean_start + length
        self._clean_starts = [s[0] for s in self.segments]

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([(0, 0, length)]) if length else cls()

    def to_raw(self, offset: int, *, side: Literal["start", "end"] = "start") -> int:
        """Raw offset of clean ``offset``; ``side="end"`` treats it as an exclusive end."""
        if not self.segments:
            return offset
        if side == "end":
            if offset <= 0:
                return self.to_raw(0)
            return self.to_raw(offset - 1) + 1
        i = bisect.bisect_right(self._clean_starts, offset) - 1
        if i < 0:
            return self.segments[0][1]
        clean_start, raw_start, length = self.segments[i]
        if offset < clean_start + length:
            return raw_start + (offset - clean_start)
        # Inside a separator: stay at the end of the previous piece, or move to the next piece.
        if i + 1 < len(self.segments):
            return self.segments[i + 1][1]
        return raw_start + length

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self.to_raw(end, side="end")

    def to_list(self) -> list[list[int]]:
        return [list(s) for s in self.segments]


@dataclass(slots=True)
class Label(_FromDict):
    """A document-level label (a frame, a genre) with its score and whether it was selected;
    ``reason`` says in plain words why none of its set was selected (e.g. the genre of a text too short
    to judge), empty otherwise."""

    label: str
    score: float
    selected: bool = False
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = {"label": self.label, "score": round(float(self.score), 4), "selected": self.selected}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(slots=True)
class DateEvidence(_FromDict):
    """How the publication date was found, and how sure we are."""

    value: str  # ISO date, YYYY-MM-DD
    method: str  # e.g. "text:numeric", "html:meta", "jsonl:published"
    confidence: float  # 0..1
    text: str = ""  # the raw string the date came from
    raw_start: int | None = None
    raw_end: int | None = None
    reasons: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    #: ISO date-time with the time of day, as the source gave it ("2022-02-08T14:05:00+01:00";
    #: no offset when the source gave no zone); None when only the day is known
    at: str | None = None
    #: where the date came from, in plain words for readers ("from the text 'Published ...': ...")
    summary: str = ""


@dataclass(slots=True)
class Metadata:
    """What the article says about itself: title, byline, outlet, date."""

    title: str = ""
    byline: str = ""
    authors: list[str] = field(default_factory=list)
    outlet: str = ""
    url: str = ""
    published: str | None = None  # ISO date
    date: DateEvidence | None = None
    #: ISO date-time of publication when the source gave a time of day (with its UTC offset when
    #: it gave a zone), else None
    published_at: str | None = None
    #: when a crawler fetched the page (WARC-Date), ISO date-time in UTC; never the publication
    crawled: str | None = None
    language: str = "en"
    input_format: str = "text"  # text | html | jsonl
    encoding: str = "utf-8"

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if self.date is None:
            out["date"] = None
        out["outlet"] = self.outlet or None  # unknown: null, never "" (JSON readers test for null)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Metadata":
        data = _known(cls, data)
        data["outlet"] = data.get("outlet") or ""  # null (1.2) or "" (stored by 1.1) both read as none
        date = data.pop("date", None)
        return cls(**data, date=DateEvidence.from_dict(date) if date else None)


@dataclass(slots=True)
class RemovedLine(_FromDict):
    """A raw line the cleaner dropped, with the reason, so users can audit the cleaning."""

    raw_start: int
    raw_end: int
    text: str
    reason: str
    score: float = 1.0
    #: why, in plain words, when the reason is a category ("about cookies ...; speaks to the reader ...")
    evidence: str = ""


class Document:
    """One article: raw input, cleaned text, metadata and all annotation layers."""

    __slots__ = (
        "id", "source", "raw", "_text", "offsets", "meta", "removed", "paragraphs", "sentences",
        "layers", "labels", "provenance", "_raw_line_starts",
    )

    def __init__(
        self,
        text: str,
        *,
        id: str = "",
        source: str = "",
        raw: str | None = None,
        offsets: OffsetMap | None = None,
        meta: Metadata | None = None,
        removed: list[RemovedLine] | None = None,
    ):
        self._text = text
        self.id = id
        self.source = source
        self.raw = text if raw is None else raw
        self.offsets = offsets if offsets is not None else OffsetMap.identity(len(text))
        self.meta = meta or Metadata()
        self.removed = removed or []
        self.paragraphs: list[Span] = []
        self.sentences: list[Span] = []
        self.layers: dict[str, list[Span]] = {}
        self.labels: dict[str, list[Label]] = {}
        self.provenance: list[dict[str, Any]] = []
        self._raw_line_starts: list[int] | None = None

    # -- text and spans -------------------------------------------------------------------------
    @property
    def text(self) -> str:
        """The cleaned text; fixed for the Document's life."""
        return self._text

    def __len__(self) -> int:
        return len(self._text)

    def __repr__(self) -> str:
        return f"Document(id={self.id!r}, chars={len(self._text)}, layers={sorted(self.layers)})"

    def check_span(self, span: Span) -> Span:
        if not (0 <= span.start <= span.end <= len(self._text)):
            raise SpanError(
                f"span {span.start}:{span.end} ({span.label or 'no label'}) does not fit "
                f"a text of {len(self._text)} characters",
                source=self.id or None,
            )
        return span

    def span_text(self, span: Span) -> str:
        return self._text[span.start:span.end]

    def parts_text(self, span: Span, sep: str = " … ") -> str:
        """The words of a span in pieces (a quote in two parts around "X said"), joined by ``sep``."""
        parts = span.attrs.get("parts") or [[span.start, span.end]]
        return sep.join(self._text[s:e] for s, e in parts)

    def char_span(self, start: int, end: int, label: str = "", *, alignment: Alignment = "strict",
                  score: float | None = None, **attrs: Any) -> Span | None:
        """A span over ``text[start:end]`` aligned to word edges (spaCy's ``Doc.char_span``).

        ``strict`` returns None unless both ends sit on word edges, ``contract`` shrinks to the
        words fully inside, ``expand`` grows to cover every word touched.
        """
        text = self._text
        start, end = max(0, start), min(len(text), end)
        if start >= end:
            return None

        def is_word(i: int) -> bool:
            return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "'’-")

        at_start = not (is_word(start) and is_word(start - 1))
        at_end = not (is_word(end) and is_word(end - 1))
        if alignment == "strict" and not (at_start and at_end):
            return None
        if alignment == "expand":
            while start > 0 and is_word(start) and is_word(start - 1):
                start -= 1
            while end < len(text) and is_word(end) and is_word(end - 1):
                end += 1
        elif alignment == "contract":
            while start < end and is_word(start) and is_word(start - 1):
                start += 1
            while end > start and is_word(end) and is_word(end - 1):
                end -= 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        return self.check_span(Span(start, end, label, score, dict(attrs)))

    def add_layer(self, name: str, spans: Iterable[Span]) -> list[Span]:
        """Set layer ``name`` to ``spans`` (checked, sorted); overlapping spans are allowed."""
        checked = sorted((self.check_span(s) for s in spans), key=lambda s: (s.start, -s.end, s.label))
        self.layers[name] = checked
        return checked

    def set_paragraphs(self, spans: Iterable[Span]) -> None:
        self.paragraphs = sorted((self.check_span(s) for s in spans), key=lambda s: s.start)

    def set_sentences(self, spans: Iterable[Span]) -> None:
        self.sentences = sorted((self.check_span(s) for s in spans), key=lambda s: s.start)

    def set_labels(self, name: str, labels: Iterable[Label]) -> list[Label]:
        """Set the document-level labels ``name`` (e.g. "frames"), highest score first."""
        ordered = sorted(labels, key=lambda l: (-l.score, l.label))
        self.labels[name] = ordered
        return ordered

    def selected_labels(self, name: str) -> list[str]:
        return [l.label for l in self.labels.get(name, []) if l.selected]

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph holding clean ``offset`` (or the nearest before it)."""
        starts = [p.start for p in self.paragraphs]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    # -- raw coordinates ------------------------------------------------------------------------
    def raw_span(self, span: Span) -> tuple[int, int]:
        """(start, end) of ``span`` in the raw input."""
        return self.offsets.span_to_raw(span.start, span.end)

    def raw_line(self, raw_offset: int) -> int:
        """1-based line number of a raw offset (lines split on ``\\n``, as SemEval counts them)."""
        if self._raw_line_starts is None:
            starts = [0]
            find = self.raw.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._raw_line_starts = starts
        return bisect.bisect_right(self._raw_line_starts, raw_offset)

    def iter_spans(self) -> Iterator[tuple[str, Span]]:
        for name, spans in self.layers.items():
            for span in spans:
                yield name, span

    # -- serialisation --------------------------------------------------------------------------
    def _span_out(self, span: Span) -> dict[str, Any]:
        out = span.to_dict()
        out["raw_start"], out["raw_end"] = self.raw_span(span)
        return out

    def to_dict(self, *, include_raw: bool = False) -> dict[str, Any]:
        """JSON-ready dict following ``schema/document.schema.json``."""
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "source": self.source,
            "text": self._text,
            "meta": self.meta.to_dict(),
            "raw": {
                "length": len(self.raw),
                "sha256": hashlib.sha256(self.raw.encode("utf-8", "surrogatepass")).hexdigest(),
                "offset_map": self.offsets.to_list(),
            },
            "paragraphs": [self._span_out(p) for p in self.paragraphs],
            "sentences": [self._span_out(s) for s in self.sentences],
            "layers": {name: [self._span_out(s) for s in spans] for name, spans in self.layers.items()},
            "labels": {name: [label.to_dict() for label in labels] for name, labels in self.labels.items()},
            "removed": [asdict(r) for r in self.removed],
            "provenance": self.provenance,
        }
        if include_raw:
            out["raw"]["text"] = self.raw
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        """Rebuild a Document from :meth:`to_dict` output (raw text only if it was included)."""
        version = str(data.get("schema_version", ""))
        if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise SchemaError(f"schema version {version or 'missing'} cannot be read by this Slant "
                              f"(reads {SCHEMA_VERSION.split('.')[0]}.x)")
        try:
            raw_info = data.get("raw", {})
            doc = cls(
                data["text"],
                id=data.get("id", ""),
                source=data.get("source", ""),
                raw=raw_info.get("text"),
                offsets=OffsetMap(tuple(s) for s in raw_info.get("offset_map", [])),
                meta=Metadata.from_dict(data.get("meta", {})),
                removed=[RemovedLine.from_dict(r) for r in data.get("removed", [])],
            )
            if raw_info.get("text") is None:
                doc.raw = ""
            doc.set_paragraphs(Span.from_dict(p) for p in data.get("paragraphs", []))
            doc.set_sentences(Span.from_dict(s) for s in data.get("sentences", []))
            for name, spans in data.get("layers", {}).items():
                doc.add_layer(name, (Span.from_dict(s) for s in spans))
            doc.labels = {name: [Label.from_dict(label) for label in labels]
                          for name, labels in data.get("labels", {}).items()}
            doc.provenance = list(data.get("provenance", []))
        except (KeyError, TypeError, ValueError) as exc:
            raise SchemaError(f"not a Slant document: {exc}") from None
        return doc
