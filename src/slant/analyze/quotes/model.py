"""The quotes layer's data: a speaker mention and a statement (content parts, cue, speaker, relay)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from slant.document import Span


@dataclass
class Mention:
    """A speaker mention: its text and offsets, and the entity it was resolved to."""

    start: int
    end: int
    text: str
    entity: str | None = None  # canonical id ("per:vladimir-putin") when resolved
    canonical: str | None = None  # canonical name ("Vladimir Putin") when resolved
    resolved_by: str = ""  # "name", "pronoun", "role", "continuation", ""
    #: "document" for a source that is a text, record or data, not someone ("Documents leaked last
    #: week show …", "a Pew study found …"): shown as such, never ranked as a speaker
    #: "surname" for a surname several people of the document share, the text not saying whose
    #: ("Mrs. Clinton" beside Bill and Hillary Clinton: slant.analyze.entities): shown, never ranked
    kind: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = {"text": self.text, "start": self.start, "end": self.end,
               "entity": self.entity, "canonical": self.canonical or self.text}
        if self.resolved_by:
            out["resolved_by"] = self.resolved_by
        if self.kind:
            out["kind"] = self.kind
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
    #: "head" for a statement the attribution head tagged, "rules" for the deterministic layer's
    origin: str = "rules"
    #: calibrated probability that annotators would mark this statement (``quotes.confidence``)
    probability: float | None = None

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
        if self.origin != "rules":
            attrs["origin"] = self.origin
        if self.probability is not None:
            attrs["probability"] = round(self.probability, 3)
        return Span(self.start, self.end, self.kind, None, attrs)


@dataclass
class HeadScores:
    """The attribution head's reading of one text: token char offsets (n, 2) in the text and each
    token's tag probabilities (n, len(ATTR_TAGS)); the statement-confidence model reads them."""

    offsets: np.ndarray
    probs: np.ndarray
