"""Exports of the store's tables, the same files `slant export` writes (slant.corpus.export), streamed."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from enum import Enum
from typing import Iterator, Literal

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from slant.corpus import export as corpus_export
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


def _rows(state, table: str) -> Iterator[dict]:
    # A connection of its own: the stream is read on whichever worker thread is free, so it must
    # not share the per-thread connection of the request that started it.
    from slant.store import open_store

    store = open_store(state.db_path, state.settings, readonly=True)
    try:
        yield from corpus_export.iter_rows(store, table)
    finally:
        store.close()


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


def _parquet_file(state, table: str):
    from slant.store import open_store

    spool = tempfile.SpooledTemporaryFile(max_size=PARQUET_SPOOL_BYTES)
    with open_store(state.db_path, state.settings, readonly=True) as store:
        corpus_export.export(store, table, "parquet", out=spool)
    spool.seek(0)
    return spool


def _chunks(handle, size: int = 1 << 16) -> Iterator[bytes]:
    try:
        while block := handle.read(size):
            yield block
    finally:
        handle.close()


@router.get("/exports/{table}", response_class=StreamingResponse,
            responses={200: {"description": "The table's rows, as `slant export --table TABLE --format FORMAT` writes them",
                             "content": {"application/x-ndjson": {"schema": {"type": "string"}},
                                         "text/csv": {"schema": {"type": "string"}},
                                         "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}}}},
                       **problem_responses(400, 401, 422, 429)})
async def export(table: Table, state: State, caller: Reader,
                 format: Literal["jsonl", "csv", "parquet"] = "jsonl") -> StreamingResponse:
    """Stream a table of the store (documents, spans, labels, quotes, entities, clusters, links, failures, runs)."""
    name = table.value
    if format == "parquet":
        body = _chunks(await run_in_threadpool(_parquet_file, state, name))
    elif format == "csv":
        body = _csv(name, _rows(state, name))
    else:
        body = _jsonl(_rows(state, name))
    return StreamingResponse(body, media_type=MEDIA[format],
                             headers={"Content-Disposition": f'attachment; filename="slant-{name}.{format}"'})
