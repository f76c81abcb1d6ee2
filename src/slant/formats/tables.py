"""Spreadsheet exports: one TSV row per quote, entity mention or sentence (claims), offsets in raw-file coordinates."""

from __future__ import annotations

import csv
from typing import Callable, Iterable, TextIO

from slant.document import Document


def _writer(columns: tuple[str, ...], rows_of: Callable[[Document], list[dict]]):
    def write(docs: Iterable[Document], out: TextIO) -> int:
        # csv quotes a cell only when it holds a tab, quote or newline, so spreadsheets read it back
        writer = csv.DictWriter(out, fieldnames=columns, delimiter="\t", lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        count = 0
        for doc in docs:
            for row in rows_of(doc):
                writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in columns})
                count += 1
        return count

    return write


def write_quotes_tsv(docs: Iterable[Document], out: TextIO) -> int:
    """``--format quotes-tsv``: doc_id, content/speaker/cue offsets, canonical speaker, relay, kind, content."""
    from slant.analyze.quotes import QUOTES_TSV_COLUMNS, quote_rows

    return _writer(QUOTES_TSV_COLUMNS, quote_rows)(docs, out)


def write_entities_tsv(docs: Iterable[Document], out: TextIO) -> int:
    """``--format entities-tsv``: doc_id, start, end, type (PER/ORG/LOC/MISC), canonical, text."""
    from slant.analyze.entities import ENTITIES_TSV_COLUMNS, entity_rows

    return _writer(ENTITIES_TSV_COLUMNS, entity_rows)(docs, out)


def write_claims_tsv(docs: Iterable[Document], out: TextIO) -> int:
    """``--format claims-tsv``: doc_id, start, end, score, label, speaker, relay, text (one row per sentence)."""
    from slant.analyze.claims import CLAIMS_TSV_COLUMNS, claim_rows

    return _writer(CLAIMS_TSV_COLUMNS, claim_rows)(docs, out)


TABLE_FORMATS = {"quotes-tsv": write_quotes_tsv, "entities-tsv": write_entities_tsv,
                 "claims-tsv": write_claims_tsv}
