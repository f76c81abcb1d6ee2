"""Exports of the store's tables, the same files `slant export` writes (slant.corpus.export), streamed."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from enum import Enum
from typing import Annotated, Iterator, Literal

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from slant.corpus import export as corpus_export
from slant.errors import InputError
from slant.web import queries
from slant.web.api.filters import Filters
from slant.web.queries import ArticleFilters
from slant.web.api.common import problem_responses
from slant.web.api.deps import Reader, State

router = APIRouter(tags=["exports"])

#: the tables `slant export --table` knows, as an enum so OpenAPI lists them and nothing else passes
Table = Enum("Table", {name: name for name in corpus_export.EXPORTS}, type=str)  # type: ignore[misc]
#: rows per chunk written to the socket: large enough to amortise the write, small enough to stream
ROWS_PER_CHUNK = 500
#: a Parquet file is built in a spooled temporary file (its footer comes last) and then streamed;
#: up to this size it stays in memory
PARQUET_SPOOL_BYTES = 16 * 1024 * 1024
MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}


#: how each article table names its article: rows are kept when that article matches the filters
#: (a link when both of its articles match); the other tables have no article to filter by
#: (read off the export's own columns, so a new table with a doc_id, such as claims, filters too)
DOC_KEYS = {table: keys for table, (_, columns) in corpus_export.EXPORTS.items()
            if (keys := tuple(name for name, _ in columns if name in ("doc_id", "doc_a", "doc_b")))}


def filtered_sql(state, table: str, f: ArticleFilters) -> tuple[str, list]:
    """The export query of ``table`` narrowed to the articles matching ``f`` (the list's own filter SQL)."""
    sql = corpus_export.EXPORTS[table][0]
    if not f.active():
        return sql, []
    if table not in DOC_KEYS:
        raise InputError(f"the {table} table has no articles to filter",
                         hint=f"export {table} without filters, or one of: {', '.join(DOC_KEYS)}")
    where, params = queries.where_clause(state.conn, f)
    chosen = f"(SELECT d.doc_id FROM documents d WHERE {where})"
    # the export's SELECT wrapped as it is: SQLite flattens the subquery and keeps its ORDER BY
    keep = " AND ".join(f"e.{key} IN {chosen}" for key in DOC_KEYS[table])
    return f"SELECT * FROM ({sql}) AS e WHERE {keep}", params * len(DOC_KEYS[table])


def _rows(state, table: str, sql: str, params: list) -> Iterator[dict]:
    # A connection of its own: the stream is read on whichever worker thread is free, so it must
    # not share the per-thread connection of the request that started it.
    from slant.store import open_store

    store = open_store(state.db_path, state.settings, readonly=True)
    try:
        for row in corpus_export.iter_rows(store, table, sql=sql, params=params):
            yield without_server_paths(table, row)
    finally:
        store.close()


#: what an ingest run records of the server itself (its process, host name and the address of its
#: Dask scheduler), left out of the web app's export of runs
SERVER_ONLY_ARGS = ("pid", "host", "scheduler")


def without_server_paths(table: str, row: dict) -> dict:
    """A row as the web app may give it: an ingested file's name, never the server's path to it
    (the documents' and failures' ``source``, a run's ``sources``), and no host name, process id or
    scheduler address.
    `slant export` on the server itself writes the rows as stored."""
    if table in ("documents", "failures") and row.get("source"):
        path, name = row["source"], queries.public_source(row["source"])
        row = {**row, "source": name}
        if table == "failures" and path != name and row.get("message"):
            row["message"] = row["message"].replace(path, name)
    elif table == "runs" and row.get("args"):
        try:
            args = json.loads(row["args"])
        except ValueError:
            return {**row, "args": None}
        if isinstance(args, dict):
            args = {k: v for k, v in args.items() if k not in SERVER_ONLY_ARGS}
            if isinstance(args.get("sources"), list):
                args["sources"] = [queries.public_source(str(p)) for p in args["sources"]]
            row = {**row, "args": json.dumps(args, ensure_ascii=False)}
    return row


def _jsonl(rows: Iterator[dict]) -> Iterator[bytes]:
    chunk: list[str] = []
    for row in rows:
        chunk.append(json.dumps(row, ensure_ascii=False) + "\n")
        if len(chunk) >= ROWS_PER_CHUNK:
            yield "".join(chunk).encode()
            chunk = []
    if chunk:
        yield "".join(chunk).encode()


def _csv(table: str, rows: Iterator[dict]) -> Iterator[bytes]:
    # the same cells as `slant export --format csv`: header of the table's columns, None as ""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _ in corpus_export.EXPORTS[table][1]])
    for i, row in enumerate(rows, 1):
        writer.writerow(["" if v is None else v for v in row.values()])
        if i % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _parquet_file(state, table: str, sql: str, params: list):
    spool = tempfile.SpooledTemporaryFile(max_size=PARQUET_SPOOL_BYTES)
    corpus_export.write_rows(_rows(state, table, sql, params), table, "parquet", spool)
    spool.seek(0)
    return spool


def _chunks(handle, size: int = 1 << 16) -> Iterator[bytes]:
    try:
        while block := handle.read(size):
            yield block
    finally:
        handle.close()


@router.get("/exports/{table}", response_class=StreamingResponse, summary="Export a table",
            responses={200: {"description": "The table's rows, as `slant export --table TABLE --format FORMAT` writes them",
                             "content": {"application/x-ndjson": {"schema": {"type": "string"}},
                                         "text/csv": {"schema": {"type": "string"}},
                                         "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}}}},
                       **problem_responses(400, 401, 404, 422, 429)})
async def export(table: Annotated[Table, PathParam(description="documents, spans, labels, quotes, entities, clusters, "
                                                               "links, failures or runs.")],
                 state: State, caller: Reader, f: Filters,
                 format: Annotated[Literal["jsonl", "csv", "parquet"], Query(description="`jsonl`, `csv` or `parquet`.")] = "jsonl"
                 ) -> StreamingResponse:
    """Stream a table of the store, the file `slant export` writes. With the article list's filters
    (`q`, `outlet`, `technique` ...), only the rows of the matching articles: the export of a filtered
    list holds exactly the articles the list shows (links: both articles must match)."""
    name = table.value
    sql, params = await run_in_threadpool(filtered_sql, state, name, f)
    if format == "parquet":
        body = _chunks(await run_in_threadpool(_parquet_file, state, name, sql, params))
    elif format == "csv":
        body = _csv(name, _rows(state, name, sql, params))
    else:
        body = _jsonl(_rows(state, name, sql, params))
    suffix = "-filtered" if f.active() else ""
    return StreamingResponse(body, media_type=MEDIA[format],
                             headers={"Content-Disposition": f'attachment; filename="slant-{name}{suffix}.{format}"'})
