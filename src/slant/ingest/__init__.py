"""Readers: plain text, HTML, JSONL, folders, globs and stdin -> RawRecord."""
