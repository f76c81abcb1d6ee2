"""Cleaning scraped articles: junk lines out, metadata (title, byline, date) in, offsets kept."""
