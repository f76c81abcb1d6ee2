"""What the routes do, as plain functions: analyse text or an upload, store, delete.

Analysis goes through :mod:`slant.analyze.process`, the one path the CLI and the Dask workers
take too, so `POST /api/v1/analyze` returns exactly what `slant analyze --format json` prints.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from slant.analyze.process import make_pipeline, process_record
from slant.document import Document
from slant.errors import InputError, InputTooLarge, NotFoundError
from slant.ingest.readers import EXTENSION_KINDS, read_bytes
from slant.web.state import AppState

#: upload names are shown and stored as the document's source; anything but these characters is
#: replaced, and only the last path component is kept, so no name can point into the filesystem
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")
MAX_NAME_CHARS = 120


def safe_filename(name: str | None) -> str:
    """The last component of an uploaded file's name, reduced to harmless characters."""
    name = (name or "").replace("\x00", "")
    name = PureWindowsPath(PurePosixPath(name).name).name  # drop any directory part, / or \\
    name = _SAFE_NAME.sub("_", name).strip(" .")
    return name[:MAX_NAME_CHARS] or "upload.txt"


#: what a caller may say about an article it sends (the record fields a source would fill)
META_FIELDS = ("title", "outlet", "url", "published", "byline")


def _run(state: AppState, data: bytes, *, source: str, id: str, kind: str | None,
         meta: dict[str, Any] | None = None, charset: str | None = None) -> Document:
    max_bytes = state.settings.read.max_bytes
    if len(data) > max_bytes:
        raise InputTooLarge(f"the article has {len(data):,} bytes, over the {max_bytes:,}-byte limit", source=source)
    read = state.settings.read
    if charset:
        read = dataclasses.replace(read, encoding=charset)
        if charset == "cp1252":  # a Latin-1 label: the 5 bytes cp1252 leaves undefined are Latin-1's
            try:
                data.decode("cp1252")
            except UnicodeDecodeError:
                read = dataclasses.replace(read, encoding="latin-1")
    records = read_bytes(data, source=source, id=id, settings=read, kind=kind)
    if not records:
        raise InputError("no article found in the input", source=source)
    if len(records) > 1:
        raise InputError(f"the input holds {len(records)} articles; this endpoint analyses one",
                         source=source, hint="submit several articles as a batch job: POST /api/v1/jobs")
    record = records[0]
    limit = state.web.max_sync_chars
    if len(record.raw) > limit:
        # Refused before any analysis: the client would wait minutes, and the server hold the memory.
        raise InputTooLarge(f"the article has {len(record.raw):,} characters; an analysis the client waits for "
                            f"takes at most {limit:,}", source=source,
                            hint="submit it as a job (POST /api/v1/jobs with a write token) and fetch the "
                                 "result when it is done, or raise web.max_sync_chars on the server")
    for key, value in (meta or {}).items():
        if key in META_FIELDS and value:
            setattr(record, key, str(value))
    pipeline = make_pipeline(state.settings)
    with state.analyze_slots:
        return process_record(record, state.settings, pipeline)


def analyze_text(state: AppState, text: str, *, id: str | None = None,
                 meta: dict[str, Any] | None = None) -> Document:
    """Analyse pasted text (title on the first line), as :func:`slant.analyze.process.analyze` does."""
    return _run(state, text.encode("utf-8", "surrogatepass"), source="<text>", id=id or "document", kind=None,
                meta=meta)


def analyze_body(state: AppState, data: bytes, charset: str | None = None, *,
                 meta: dict[str, Any] | None = None) -> Document:
    """Analyse a text/plain body: in the Content-Type's charset, else detected as for a file."""
    return _run(state, data, source="<text>", id="document", kind=None, meta=meta, charset=charset)


def analyze_upload(state: AppState, data: bytes, filename: str | None,
                   meta: dict[str, Any] | None = None) -> Document:
    """Analyse an uploaded file (text, HTML, one JSON record), read by its extension like a CLI path."""
    name = safe_filename(filename)
    kind = EXTENSION_KINDS.get(PurePosixPath(name).suffix.lower())
    return _run(state, data, source=name, id=PurePosixPath(name).stem or "document", kind=kind, meta=meta)


def store_document(state: AppState, doc: Document) -> dict[str, Any]:
    """Store an analysed Document (a no-op for content already stored); returns id and status."""
    with state.write_session() as session:
        result = session.put(doc)
    return {"doc_id": result.doc_id, "status": result.status}


def delete_document(state: AppState, doc_id: str) -> None:
    """Delete a stored article and everything derived from it; raises NotFoundError."""
    from slant.web.queries import delete_document as _delete

    with state.write_session() as session:
        if not _delete(session.conn, doc_id):
            raise NotFoundError(f"no article with id {doc_id!r} in the store")
