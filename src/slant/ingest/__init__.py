"""Readers: plain text, HTML, JSONL, folders, globs and stdin -> RawRecord."""

from slant.ingest.readers import iter_records, read_bytes, read_path, sniff_kind
from slant.ingest.record import RawRecord

__all__ = ["RawRecord", "iter_records", "read_bytes", "read_path", "sniff_kind"]
