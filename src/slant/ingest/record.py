"""RawRecord: what a reader hands to the cleaner (one article, decoded, not yet cleaned)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(slots=True)
class RawRecord:
    """One article as read from its source.

    ``raw`` is the decoded text that all raw-file offsets refer to. For plain text it is the whole
    file, byte-order mark included as a character (the SemEval offsets count it). For HTML it is the
    article text trafilatura extracted, laid out as "title\\n\\nparagraph\\nparagraph...", because
    offsets into markup are of no use to a reader; ``format`` says which it was.
    """

    id: str  # file stem, or the JSONL record's id
    source: str  # path, "path:LINE" for a JSONL record, or "<stdin>"
    raw: str
    format: Literal["text", "html"] = "text"
    input_format: str = "text"  # what the user gave: text | html | jsonl | json
    encoding: str = "utf-8"
    title: str = ""  # known from the source (HTML meta, JSONL field)
    byline: str = ""
    outlet: str = ""
    url: str = ""
    published: str = ""  # as given by the source (ISO or free text)
    extra: dict = field(default_factory=dict)
