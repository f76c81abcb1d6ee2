"""The one way a document travels: read -> clean -> components -> Document.

The CLI, the web app and the Dask workers all call these functions, so the faces cannot drift.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterable, Iterator

from slant.analyze.registry import Pipeline
from slant.document import Document
from slant.errors import InputError, SlantError
from slant.ingest.record import RawRecord
from slant.settings import Settings, load_settings

#: Default number of documents handed to the components at once: enough chunks to fill an
#: encoder batch, small enough that memory stays flat while streaming a corpus.
DEFAULT_BATCH_DOCS = 16
#: A batch is also cut once its records hold this many characters: the components keep every
#: document's encoder states until the batch is done (~400 MB per MB of text), so a stream of long
#: documents must not gather 16 of them (issue 16). Ordinary articles never reach it.
DEFAULT_BATCH_CHARS = 1_000_000


@functools.lru_cache(maxsize=8)
def _cached_pipeline(components: tuple[str, ...], settings: Settings) -> Pipeline:
    return Pipeline.from_names(components, settings.analyze)


def make_pipeline(settings: Settings | None = None, components: Iterable[str] | None = None) -> Pipeline:
    """The component pipeline for ``settings`` (built once per process and reused)."""
    settings = settings or load_settings()
    names = tuple(components) if components is not None else tuple(settings.analyze.components)
    return _cached_pipeline(names, settings)


def process_record(record: RawRecord, settings: Settings | None = None,
                   pipeline: Pipeline | None = None) -> Document:
    """Clean one RawRecord and run the pipeline on it."""
    return process_records_batch([record], settings, pipeline)[0]


def process_records_batch(records: list[RawRecord], settings: Settings | None = None,
                          pipeline: Pipeline | None = None) -> list[Document]:
    """Clean a batch of RawRecords and run the pipeline over them together."""
    from slant.clean import clean_record

    settings = settings or load_settings()
    pipeline = pipeline if pipeline is not None else make_pipeline(settings)
    docs = [clean_record(r, settings.clean) for r in records]
    return pipeline.pipe(docs) if pipeline.components else docs


def process_stream(items: Iterable[RawRecord | InputError], settings: Settings | None = None,
                   pipeline: Pipeline | None = None,
                   batch_size: int = DEFAULT_BATCH_DOCS) -> Iterator[Document | SlantError]:
    """Stream Documents (or the errors of the inputs that failed), in input order, batch by batch.

    A record that fails inside the batch is retried alone, so one bad article costs only itself.
    """
    settings = settings or load_settings()
    pipeline = pipeline if pipeline is not None else make_pipeline(settings)
    pending: list[RawRecord | SlantError] = []
    n_records = 0  # RawRecords in ``pending`` (counted as they come: a recount per item is quadratic)
    n_chars = 0  # and their characters

    def flush() -> Iterator[Document | SlantError]:
        nonlocal n_records, n_chars
        records = [p for p in pending if isinstance(p, RawRecord)]
        try:
            done = iter(process_records_batch(records, settings, pipeline)) if records else iter(())
        except SlantError:
            done = iter([_process_one_safely(r, settings, pipeline) for r in records])
        for item in pending:
            yield item if isinstance(item, SlantError) else next(done)
        pending.clear()
        n_records = n_chars = 0

    for item in items:
        if not isinstance(item, RawRecord) and not n_records:
            # nothing waits before it: a failure goes out at once (the store commits it with the
            # next batch), however long a run of failures lasts
            yield item
            continue
        pending.append(item)
        if isinstance(item, RawRecord):
            n_records += 1
            n_chars += len(item.raw)
            if n_records >= batch_size or n_chars >= DEFAULT_BATCH_CHARS:
                yield from flush()
    yield from flush()


def _process_one_safely(record: RawRecord, settings: Settings, pipeline: Pipeline) -> Document | SlantError:
    try:
        return process_records_batch([record], settings, pipeline)[0]
    except SlantError as exc:
        exc.source = exc.source or record.source
        return exc


def analyze(source: str | Path | bytes, *, settings: Settings | None = None,
            components: Iterable[str] | None = None, id: str | None = None) -> Document:
    """Analyse one article: ``source`` is a path, raw bytes, or the article's text itself.

    A ``str`` that names an existing file is read as that file; any other ``str`` is the text
    (title on the first line, as in a scraped text file). Raises a SlantError on bad input.
    """
    from slant.ingest.readers import read_bytes, read_path

    settings = settings or load_settings()
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source
                                    and len(source) < 4096 and _is_file(source)):
        records = read_path(str(source), settings.read)
    elif isinstance(source, bytes):
        records = read_bytes(source, source="<bytes>", id=id or "document", settings=settings.read)
    else:
        records = read_bytes(source.encode("utf-8"), source="<text>", id=id or "document",
                             settings=settings.read)
    if not records:
        raise InputError("no article found in the input", source=str(source)[:80])
    doc = process_record(records[0], settings, make_pipeline(settings, components))
    if id:
        doc.id = id
    return doc


def _is_file(candidate: str) -> bool:
    try:
        return Path(candidate).is_file()
    except (OSError, ValueError):
        return False

