"""Shared fixtures: the bundled example, the development data folder, hand-built Documents."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from slant.document import Document, OffsetMap, Span

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "putin-nato-daily-post.txt"
DATA = Path(os.environ.get("SLANT_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text("utf-8")


@pytest.fixture
def data_dir() -> Path:
    """The development corpora; tests that need them skip when they are absent (e.g. outside the team)."""
    if not DATA.is_dir():
        pytest.skip(f"development data not found at {DATA} (set SLANT_DATA to run data tests)")
    return DATA


def make_doc(raw: str, keep: list[tuple[int, int]], *, id: str = "doc") -> Document:
    """A Document whose text glues the raw pieces ``keep`` with blank lines, as the cleaner does."""
    pieces, segments, paragraphs, cursor = [], [], [], 0
    for start, end in keep:
        if pieces:
            pieces.append("\n\n")
            cursor += 2
        pieces.append(raw[start:end])
        segments.append((cursor, start, end - start))
        paragraphs.append(Span(cursor, cursor + end - start, attrs={"raw_line": raw.count("\n", 0, start) + 1}))
        cursor += end - start
    doc = Document("".join(pieces), id=id, raw=raw, offsets=OffsetMap(segments))
    doc.set_paragraphs(paragraphs)
    return doc


@pytest.fixture
def hand_doc() -> Document:
    raw = "\ufeffA title\n\nJunk line\nFirst real paragraph here.\n\nSecond one, “quoted,” he said.\n"
    first = raw.index("First")
    second = raw.index("Second")
    return make_doc(raw, [(1, 8), (first, raw.index("\n", first)), (second, raw.index("\n", second))])
