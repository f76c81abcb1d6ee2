"""Slant: how a news article tries to persuade, and where its words come from."""

from slant.document import Document, Span

__version__ = "0.1.0"

__all__ = ["Document", "Span", "analyze", "__version__"]


def analyze(source, **kwargs) -> Document:
    """Analyse one article given as text or as a path; returns the Document.

    See :func:`slant.analyze.process.analyze` for the arguments.
    """
    from slant.analyze.process import analyze as _analyze

    return _analyze(source, **kwargs)
