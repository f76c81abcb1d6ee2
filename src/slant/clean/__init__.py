"""Cleaning scraped articles: junk lines out, metadata (title, byline, date) in, offsets kept."""

from slant.clean.byline import Byline, parse_byline
from slant.clean.cleaner import clean_record, outlet_from_url
from slant.clean.dates import resolve_date
from slant.clean.junk import LineVerdict, classify_lines, junk_score
from slant.clean.segment import split_sentences

__all__ = [
    "Byline", "LineVerdict", "classify_lines", "clean_record", "junk_score", "outlet_from_url",
    "parse_byline", "resolve_date", "split_sentences",
]
