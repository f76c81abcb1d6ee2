"""Slant: how a news article tries to persuade, and where its words come from."""

from slant.document import Document, Span

__version__ = "0.1.0"

__all__ = ["Document", "Span", "analyze", "__version__"]

# ``slant.analyze`` is the analysis package made callable: ``slant.analyze(text_or_path) -> Document``
# (see slant/analyze/__init__.py for why it is not a plain function).
from slant import analyze  # noqa: E402
