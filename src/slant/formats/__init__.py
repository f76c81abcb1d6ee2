"""Output formats for analysed Documents (the SemEval-2023 Task 3 files, for now)."""

from slant.formats.semeval import FORMATS, semeval_id, write_format

__all__ = ["FORMATS", "semeval_id", "write_format"]
