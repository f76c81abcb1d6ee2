"""Export store tables to Parquet, CSV or JSONL, streamed (a million rows cost one batch of memory)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from pathlib import Path
from typing import IO, Any, Iterator

from slant.corpus.claims import CLAIM_ROWS_SQL
from slant.corpus.stats import CLUSTER_ROWS_SQL
from slant.errors import SettingsError, UnknownTable, writing
from slant.store import Store, open_store
from slant.store.outlets import outlet_or_none
from slant.store.schema import json_field

#: Output formats (``slant export --format``).
FORMATS = ("parquet", "csv", "jsonl")

#: Rows per Parquet row group / write batch: 10k documents with their text (~2.5 KB each) keep
#: ~50 MB in flight; much smaller groups make the files slower to scan.
PARQUET_BATCH = 10_000

# table -> (SQL, [(column, type)]); types: str, int, float, bool. Column order is the file's.
EXPORTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "documents": (
        "SELECT doc_id, outlet, published, title, content_hash, url, source, ingested_at, run_id, "
        "length(text) AS chars, text, published_at, published_utc, "
        # json_field: one row whose JSON is damaged on disk exports null there instead of stopping the export
        f"{json_field('meta', '$.crawled')} AS crawled FROM documents ORDER BY rowid",
        [("doc_id", "str"), ("outlet", "str"), ("published", "str"), ("title", "str"),
         ("content_hash", "str"), ("url", "str"), ("source", "str"), ("ingested_at", "str"),
         ("run_id", "str"), ("chars", "int"), ("text", "str"), ("published_at", "str"),
         ("published_utc", "str"), ("crawled", "str")],
    ),
    "spans": (
        'SELECT s.doc_id, s.layer, s.label, s.start, s."end", s.raw_start, s.raw_end, s.score, '
        "substr(d.text, s.start + 1, s.\"end\" - s.start) AS text, s.attrs "
        "FROM spans s JOIN documents d ON d.doc_id = s.doc_id ORDER BY s.rowid",
        [("doc_id", "str"), ("layer", "str"), ("label", "str"), ("start", "int"), ("end", "int"),
         ("raw_start", "int"), ("raw_end", "int"), ("score", "float"), ("text", "str"), ("attrs", "str")],
    ),
    "labels": (
        # reason: why none of the set is selected ("too short to judge the genre: ..."), "" when one is
        "SELECT doc_id, name, label, score, selected, reason FROM labels ORDER BY rowid",
        [("doc_id", "str"), ("name", "str"), ("label", "str"), ("score", "float"), ("selected", "bool"),
         ("reason", "str")],
    ),
    "quotes": (
        'SELECT q.quote_id, q.doc_id, d.outlet, d.published, q.start, q."end", q.raw_start, q.raw_end, '
        # probability: the statement's calibrated chance (quotes.confidence), null for quotes stored without one
        "q.text, q.norm_text, q.speaker, q.speaker_key, g.group_id, "
        f"{json_field('q.attrs', '$.probability')} AS probability, q.attrs "
        "FROM quotes q JOIN documents d ON d.doc_id = q.doc_id "
        "LEFT JOIN quote_groups g ON g.quote_id = q.quote_id ORDER BY q.quote_id",
        [("quote_id", "int"), ("doc_id", "str"), ("outlet", "str"), ("published", "str"), ("start", "int"),
         ("end", "int"), ("raw_start", "int"), ("raw_end", "int"), ("text", "str"), ("norm_text", "str"),
         ("speaker", "str"), ("speaker_key", "str"), ("group_id", "str"), ("probability", "float"),
         ("attrs", "str")],
    ),
    "claims": (
        # the corpus claims' own row query (slant.corpus.claims), less the columns the export leaves out
        'SELECT doc_id, outlet, published, start, "end", raw_start, raw_end, score, voice, speaker, relay, text '
        f"FROM ({CLAIM_ROWS_SQL}) ORDER BY span_row",
        [("doc_id", "str"), ("outlet", "str"), ("published", "str"), ("start", "int"), ("end", "int"),
         ("raw_start", "int"), ("raw_end", "int"), ("score", "float"), ("voice", "str"), ("speaker", "str"),
         ("relay", "str"), ("text", "str")],
    ),
    "entities": (
        'SELECT entity_id, doc_id, start, "end", raw_start, raw_end, label, text, canonical, attrs '
        "FROM entities ORDER BY entity_id",
        [("entity_id", "int"), ("doc_id", "str"), ("start", "int"), ("end", "int"), ("raw_start", "int"),
         ("raw_end", "int"), ("label", "str"), ("text", "str"), ("canonical", "str"), ("attrs", "str")],
    ),
    "clusters": (
        f"SELECT cluster_id, doc_id, is_first, published, outlet, size, published_at FROM ({CLUSTER_ROWS_SQL})",
        [("cluster_id", "str"), ("doc_id", "str"), ("is_first", "bool"), ("published", "str"),
         ("outlet", "str"), ("size", "int"), ("published_at", "str")],
    ),
    "links": (
        "SELECT doc_a, doc_b, kind, score FROM dup_links ORDER BY doc_a, doc_b",
        [("doc_a", "str"), ("doc_b", "str"), ("kind", "str"), ("score", "float")],
    ),
    "failures": (
        "SELECT run_id, source, code, message, hint, at FROM failures ORDER BY failure_id",
        [("run_id", "str"), ("source", "str"), ("code", "str"), ("message", "str"), ("hint", "str"),
         ("at", "str")],
    ),
    "runs": (
        "SELECT run_id, started, finished, status, args, components, counts FROM runs ORDER BY rowid",
        [("run_id", "str"), ("started", "str"), ("finished", "str"), ("status", "str"), ("args", "str"),
         ("components", "str"), ("counts", "str")],
    ),
}


def _typed(row: dict[str, Any], columns: list[tuple[str, str]]) -> dict[str, Any]:
    out = {}
    for name, kind in columns:
        value = row.get(name)
        if value is not None and kind == "bool":
            value = bool(value)
        elif name == "outlet":
            value = outlet_or_none(value)  # its name; "" (none named): null in JSONL/Parquet, empty in CSV
        out[name] = value
    return out


def iter_rows(store: Store, table: str, *, sql: str | None = None, params: Any = ()) -> Iterator[dict[str, Any]]:
    """The rows of an export table, typed, streamed.

    ``sql`` replaces the table's query with one giving the same columns (the web app narrows
    the export to the articles a filtered list shows), with its ``params``.
    """
    if table not in EXPORTS:
        raise UnknownTable(f"no exportable table {table!r}",
                           hint=f"export one of: {', '.join(EXPORTS)}")
    default_sql, columns = EXPORTS[table]
    for row in store.iter_query(sql or default_sql, params):
        yield _typed(row, columns)


def write_rows(rows: Iterator[dict[str, Any]], table: str, fmt: str, handle: IO) -> int:
    """Write rows of ``table`` (from :func:`iter_rows`) as ``fmt`` to an open ``handle``; returns the count."""
    columns = EXPORTS[table][1]
    if fmt == "jsonl":
        return _write_jsonl(rows, handle)
    if fmt == "csv":
        return _write_csv(rows, columns, handle)
    return _write_parquet(rows, columns, handle)


def export(db: str | Path | Store, table: str, fmt: str = "jsonl", out: str | Path | IO | None = None) -> int:
    """Write ``table`` of the store ``db`` as ``fmt`` to ``out`` (a path, a binary/text stream, or
    ``None``/``"-"`` for stdout); returns the number of rows written."""
    if fmt not in FORMATS:
        raise SettingsError(f"unknown export format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
    if table not in EXPORTS:
        raise UnknownTable(f"no exportable table {table!r}", hint=f"export one of: {', '.join(EXPORTS)}")
    store = db if isinstance(db, Store) else open_store(db, readonly=True)
    try:
        rows = iter_rows(store, table)
        with _open_out(out, binary=fmt == "parquet") as handle:
            return write_rows(rows, table, fmt, handle)
    finally:
        if not isinstance(db, Store):
            store.close()


@contextlib.contextmanager
def _open_out(out: str | Path | IO | None, *, binary: bool) -> Iterator[IO]:
    if out is None or str(out) == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    if hasattr(out, "write"):
        yield out  # type: ignore[misc]
        return
    path = Path(out)  # type: ignore[arg-type]
    # Written beside the target and renamed at the end: a crashed export never leaves half a file.
    partial = path.with_name(path.name + ".partial")
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(partial, "wb") if binary else open(partial, "w", encoding="utf-8", newline="")
    try:
        with writing(path):
            with handle:
                yield handle
            partial.replace(path)  # (a folder at ``path`` refuses it: the partial file goes too)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _write_jsonl(rows: Iterator[dict[str, Any]], handle: IO) -> int:
    n = 0
    for row in rows:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_csv(rows: Iterator[dict[str, Any]], columns: list[tuple[str, str]], handle: IO) -> int:
    writer = csv.writer(handle)
    writer.writerow([name for name, _ in columns])
    n = 0
    for row in rows:
        writer.writerow(["" if v is None else v for v in row.values()])
        n += 1
    return n


def _write_parquet(rows: Iterator[dict[str, Any]], columns: list[tuple[str, str]], handle: IO) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise SettingsError("Parquet export needs pyarrow", hint="pip install pyarrow==26.0.1, "
                            "or export --format csv / jsonl") from None
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    schema = pa.schema([(name, types[kind]) for name, kind in columns])
    n = 0
    sink = handle if isinstance(handle, io.IOBase) and handle.seekable() else pa.PythonFile(handle, mode="w")
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch.clear()
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
