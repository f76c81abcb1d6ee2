"""Corpus sources -> RawRecords, streamed: JSONL(.gz), WARC(.gz), RSS/Atom, CSV, files, folders, globs.

The single-article formats (.txt, .html, .json) go to :mod:`slant.ingest.readers`; this module
adds the archive formats a corpus arrives in, and reads them as streams so that a 20 GB JSONL or
WARC file costs no more memory than one record. Each record's fields go through the readers' own
JSON-object reader, so a CSV row or a feed entry is read exactly as the same JSONL line would be.

Whatever cannot be read is yielded as an :class:`~slant.errors.InputError` in place of the record
(a malformed JSON line, a bad CSV row) or of the rest of the file (a truncated gzip, an invalid
WARC record), and reading goes on with the next record or file.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import errno
import glob
import gzip
import io
import json
import os
import re
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from slant.clean.timestamps import parse_timestamp
from slant.errors import (BadCsv, BadRecord, BinaryInput, BrokenSource, EmptyInput, EncodingError, InputError,
                          InputTooLarge, NoArticleFound, NoSources, UnreadablePath)
from slant.ingest.record import RawRecord
from slant.settings import ReadSettings

#: Compound suffixes first: the longest match decides the kind of a file.
SOURCE_KINDS: tuple[tuple[str, str], ...] = (
    (".jsonl.gz", "jsonl"), (".ndjson.gz", "jsonl"), (".jsonl", "jsonl"), (".ndjson", "jsonl"),
    (".warc.gz", "warc"), (".warc", "warc"), (".arc.gz", "warc"),
    (".rss", "feed"), (".atom", "feed"), (".rdf", "feed"), (".xml", "feed"),
    (".csv.gz", "csv"), (".csv", "csv"), (".tsv.gz", "csv"), (".tsv", "csv"),
    (".txt", "file"), (".text", "file"), (".md", "file"), (".html", "file"), (".htm", "file"),
    (".xhtml", "file"), (".json", "file"),
)

#: Column names tried, in order, when a CSV's columns are not named in the options (matched
#: case-insensitively): the names news datasets (GDELT exports, Kaggle dumps, Media Cloud) use.
CSV_TEXT_COLUMNS = ("text", "content", "body", "article", "article_text", "full_text")
CSV_HTML_COLUMNS = ("html", "raw_html")
CSV_FIELD_COLUMNS = {
    "id": ("id", "doc_id", "article_id", "uid"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher", "site", "domain", "media_outlet"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "publish_date", "pubdate", "timestamp"),
    "author": ("author", "byline", "authors"),
}

#: A feed file is read whole (feedparser needs it); 64 MB is far above any real feed.
MAX_FEED_BYTES = 64_000_000
#: Content types of WARC responses read as articles; images, scripts, PDFs and the rest are skipped.
WARC_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Read-ahead of the streamed readers; 1 MiB amortises gzip and syscalls without holding much.
STREAM_BUFFER = 1 << 20

#: The source name that means "JSONL on stdin", and what its records' sources are called.
STDIN = "-"
STDIN_SOURCE = "<stdin>"

_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class SourceOptions:
    """How to read the record-per-row formats (CSV column names; None: detect)."""

    text_column: str | None = None
    id_column: str | None = None
    title_column: str | None = None
    outlet_column: str | None = None
    url_column: str | None = None
    published_column: str | None = None
    delimiter: str | None = None  # None: "," (tab for .tsv)


#: Paths named in a run's list of skipped paths; beyond this they are only counted.
MAX_SKIPPED_NAMED = 1000


@dataclass
class SourceCursor:
    """Where a streamed read has got to (bytes of the source files read, for progress bars), and
    the paths it skipped: files of unknown kinds and hidden files or folders in a folder, second
    links to a folder or file already read (a symlink loop is read once)."""

    bytes_total: int = 0
    bytes_done: int = 0
    files_done: int = 0
    current: str = ""
    skipped_count: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why), the first MAX_SKIPPED_NAMED
    _base: int = 0
    started: float = field(default_factory=time.monotonic)

    def at(self, position: int) -> None:
        """The current file has been read up to byte ``position``."""
        self.bytes_done = self._base + position

    def finish_file(self, size: int) -> None:
        """The current file (of ``size`` bytes) is done."""
        self._base += size
        self.bytes_done = self._base
        self.files_done += 1

    def skip(self, path: str | Path, why: str) -> None:
        """Count (and, up to a limit, name) a path that was passed over on purpose."""
        self.skipped_count += 1
        if len(self.skipped) < MAX_SKIPPED_NAMED:
            self.skipped.append((str(path), why))

    def skipped_summary(self, limit: int = 10) -> str:
        """One line naming the skipped paths by reason, e.g. for stderr; '' when none."""
        if not self.skipped_count:
            return ""
        by_reason: dict[str, list[str]] = {}
        for path, why in self.skipped:
            by_reason.setdefault(why, []).append(path)
        parts = []
        for why, paths in by_reason.items():
            shown = ", ".join(paths[:limit]) + (f" and {len(paths) - limit:,} more" if len(paths) > limit else "")
            parts.append(f"{len(paths):,} {why}: {shown}")
        unnamed = self.skipped_count - len(self.skipped)
        tail = f"; {unnamed:,} more not named" if unnamed else ""
        return f"skipped {self.skipped_count:,} path{'s' if self.skipped_count != 1 else ''} (" + \
            "; ".join(parts) + tail + ")"


def source_kind(path: str | Path) -> str | None:
    """'jsonl', 'warc', 'feed', 'csv' or 'file' from the file name; None when unknown."""
    name = str(path).lower()
    for suffix, kind in SOURCE_KINDS:
        if name.endswith(suffix):
            return kind
    return None


def _read_settings(settings: Any) -> ReadSettings:
    if settings is None:
        return ReadSettings()
    return settings if isinstance(settings, ReadSettings) else getattr(settings, "read", ReadSettings())


# --------------------------------------------------------------------------- expanding sources


UNKNOWN_KIND = "files of unknown kinds (name a file to read it anyway)"
SEEN_FOLDER = "links to a folder already read (a symlink loop or a second link)"
SEEN_FILE = "links to a file already read"
HIDDEN = "hidden files and folders (names starting with '.'; name one to read it)"


def iter_source_files(sources: Iterable[str], cursor: SourceCursor | None = None,
                      extensions: tuple[str, ...] | None = None) -> Iterator[Path | InputError]:
    """Every file the sources name, in a stable order (folders walked sorted, hidden skipped).

    A folder yields only files of a known kind that are not hidden (the others are counted in
    ``cursor.skipped``, a hidden folder once, not its files); a file or glob given by name is
    taken whatever its suffix (and read as a single article when the suffix is unknown). Links are followed once: a folder reached again through a link (a
    loop such as ``ln -s .. sub/up``) is skipped, a link that points nowhere or into a loop is an
    UnreadablePath, and so is a folder that cannot be listed.
    """
    cursor = cursor if cursor is not None else SourceCursor()
    extensions = tuple(e.lower() for e in (extensions or ReadSettings().extensions))
    seen: set[str] = set()
    folders: set[tuple[int, int]] = set()
    for item in sources:
        item = os.fspath(item)
        path = Path(item)
        problem = _link_problem(item)
        if problem is not None:
            yield UnreadablePath(problem, source=item, hint=_LINK_HINT)
        elif _is_dir(path):
            found = False
            for file in _walk(path, folders, cursor, extensions):
                found = True
                if isinstance(file, InputError) or _fresh(file, seen, cursor):
                    yield file
            if not found:
                yield NoSources(f"the folder holds no files ending in {', '.join(extensions)}", source=item,
                                hint="give a folder of articles or archives, or name the files to read them "
                                     "whatever their suffix")
        elif os.path.lexists(item):
            if _fresh(path, seen, cursor):
                yield path
        elif _GLOB_CHARS.search(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield UnreadablePath("the pattern matched no article files", source=item,
                                     hint="check the pattern; quote it so the shell leaves it alone, "
                                          "and use ** to reach into subfolders")
            # Like a folder, a pattern picks files by suffix, unless it names the suffix itself
            # ("*.story"): then the user has said which files are articles.
            named = Path(item).name.lower()
            for match in matches:
                sub = Path(match)
                problem = _link_problem(match)
                if problem is not None:
                    yield UnreadablePath(problem, source=match, hint=_LINK_HINT)
                    continue
                if _is_dir(sub):
                    files: Iterator[Path | InputError] = _walk(sub, folders, cursor, extensions)
                elif match.lower().endswith(extensions) or (sub.suffix and named.endswith(sub.suffix.lower())):
                    files = iter([sub])
                else:
                    cursor.skip(sub, UNKNOWN_KIND)
                    continue
                for file in files:
                    if isinstance(file, InputError) or _fresh(file, seen, cursor):
                        yield file
        else:
            yield UnreadablePath("no such file or folder", source=item)


_LINK_HINT = "fix or remove the link (ls -l shows where it points)"


def _link_problem(path: str) -> str | None:
    """Why a symbolic link cannot be followed (points nowhere, or into a loop); None otherwise."""
    try:
        os.stat(path)
    except OSError as exc:
        if not os.path.islink(path):
            return None  # not a link: the caller reports a missing path its own way
        if exc.errno == errno.ELOOP:
            return "the link leads into a loop of links"
        return f"the link points to nothing that can be read ({exc.strerror or exc})"
    return None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def _fresh(path: Path, seen: set[str], cursor: SourceCursor | None = None) -> bool:
    key = os.path.realpath(path)
    if key in seen:
        if cursor is not None and os.path.islink(path):
            cursor.skip(path, SEEN_FILE)
        return False
    seen.add(key)
    return True


def _walk(top: Path, folders: set[tuple[int, int]], cursor: SourceCursor,
          extensions: tuple[str, ...]) -> Iterator[Path | InputError]:
    """Files of known kinds under ``top``, depth first, each folder's files before its subfolders.

    Walked one directory at a time (with a stack, not recursion) so a million-file archive is
    never listed in memory whole and a deep tree cannot overflow Python's stack.
    """
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
        except OSError as exc:
            yield UnreadablePath(f"cannot open this folder: {exc.strerror or exc}", source=str(folder))
            continue
        key = (info.st_dev, info.st_ino)
        if key in folders:
            cursor.skip(folder, SEEN_FOLDER)
            continue
        folders.add(key)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except PermissionError:
            yield UnreadablePath("permission denied: the folder cannot be listed, so its files were not read",
                                 source=str(folder), hint="make the folder readable for your user (chmod +rx) "
                                                          "and run again")
            continue
        except OSError as exc:
            yield UnreadablePath(f"the folder cannot be listed ({exc.strerror or exc}), so its files were not read",
                                 source=str(folder))
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                cursor.skip(path, HIDDEN)
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if entry.is_symlink():
                problem = _link_problem(entry.path)
                if problem is not None:
                    yield UnreadablePath(problem, source=entry.path, hint=_LINK_HINT)
                    continue
            if is_dir:
                subfolders.append(path)
            elif entry.name.lower().endswith(extensions):
                yield path
            else:
                cursor.skip(path, UNKNOWN_KIND)
        stack.extend(reversed(subfolders))


def total_bytes(sources: Iterable[str]) -> tuple[int, int]:
    """(files, bytes) the sources name: a quick pre-pass so a progress bar can show an ETA."""
    files = size = 0
    for item in iter_source_files(sources):
        if isinstance(item, Path):
            files += 1
            try:
                size += item.stat().st_size
            except OSError:
                pass
    return files, size


# --------------------------------------------------------------------------- reading


def iter_corpus(sources: Iterable[str], settings: Any = None, *, options: SourceOptions | None = None,
                cursor: SourceCursor | None = None, stdin: BinaryIO | None = None) -> Iterator[RawRecord | InputError]:
    """Yield a RawRecord per article in ``sources``, and an InputError in place of each failure.

    The one reader behind both `slant analyze` and `slant ingest`: files, folders, globs,
    JSONL(.gz), WARC(.gz), RSS/Atom, CSV, HTML and text, and ``-`` for stdin (JSONL streamed
    record by record, anything else read as one article and sniffed). Paths passed over on
    purpose are counted and named in ``cursor`` (see :class:`SourceCursor`).
    """
    read = _read_settings(settings)
    options = options or SourceOptions()
    cursor = cursor if cursor is not None else SourceCursor()
    sources = list(sources)
    if STDIN in sources:  # "-": stdin, read once, before the files
        sources = [s for s in sources if s != STDIN]
        yield from iter_stdin(stdin, read)
    for item in iter_source_files(sources, cursor, read.extensions):
        if isinstance(item, InputError):
            yield item
            continue
        cursor.current = str(item)
        try:
            size = item.stat().st_size
        except OSError:
            size = 0
        yield from iter_file(item, read, options=options, cursor=cursor)
        cursor.finish_file(size)


def iter_file(path: Path, settings: ReadSettings, *, options: SourceOptions | None = None,
              cursor: SourceCursor | None = None) -> Iterator[RawRecord | InputError]:
    """Records of one source file; errors come as items, never raised."""
    options = options or SourceOptions()
    kind = source_kind(path) or "file"
    readers = {"jsonl": _iter_jsonl, "warc": _iter_warc, "feed": _iter_feed, "csv": _iter_csv}
    try:
        if kind == "file":
            from slant.ingest.readers import _read_one

            yield from _read_one(path, settings)
        else:
            yield from readers[kind](path, settings, options, cursor)
    except OSError as exc:
        yield UnreadablePath(f"cannot be read: {exc.strerror or exc}", source=str(path))


def _open_stream(path: Path) -> tuple[BinaryIO, BinaryIO]:
    """(raw file, decompressed stream); gzip is detected by its magic bytes, not the name."""
    raw = open(path, "rb", buffering=STREAM_BUFFER)
    if raw.peek(2)[:2] == b"\x1f\x8b":
        return raw, gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw, raw


def _broken(exc: BaseException, source: str, what: str) -> BrokenSource:
    reason = str(exc) or type(exc).__name__
    return BrokenSource(f"{what}: {reason}", source=source)


_TRUNCATION = (EOFError, zlib.error, gzip.BadGzipFile, OSError)


def _record_from_object(obj: dict[str, Any], *, source: str, id: str, settings: ReadSettings,
                        input_format: str) -> RawRecord:
    from slant.ingest.readers import read_bytes

    records = read_bytes(json.dumps(obj, ensure_ascii=False).encode("utf-8"), source=source, id=id,
                         settings=settings, kind="json")
    if len(records) != 1:  # a line holding a JSON list
        raise BadRecord("expected one JSON object", source=source)
    record = records[0]
    record.input_format = input_format
    return record


def _iter_jsonl(path: Path, settings: ReadSettings, options: SourceOptions,
                cursor: SourceCursor | None) -> Iterator[RawRecord | InputError]:
    raw, stream = _open_stream(path)
    try:
        with raw:
            yield from _jsonl_stream(stream, raw, source=str(path), stem=_stem(path), settings=settings,
                                     cursor=cursor)
    finally:
        if stream is not raw:
            stream.close()


def _jsonl_stream(stream: BinaryIO, raw: BinaryIO | None, *, source: str, stem: str, settings: ReadSettings,
                  cursor: SourceCursor | None) -> Iterator[RawRecord | InputError]:
    number = 0
    records = 0
    while True:
        try:
            line = stream.readline(settings.max_bytes + 2)
        except _TRUNCATION as exc:
            yield _broken(exc, source, f"the file breaks off after line {number} "
                                       f"(the lines before it were read)")
            return
        if not line:
            break
        number += 1
        if cursor is not None and raw is not None:
            cursor.at(raw.tell())
        if len(line) > settings.max_bytes and not line.endswith(b"\n"):
            yield BadRecord(f"line {number} is over the {settings.max_bytes:,}-byte limit",
                            source=f"{source}:{number}")
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(STREAM_BUFFER)
            continue
        if not line.strip():
            continue
        records += 1
        yield from _jsonl_line(line, source=f"{source}:{number}", id=f"{stem}-{number}", settings=settings)
    if not records:
        yield EmptyInput("the JSONL file holds no records", source=source)


def iter_stdin(stream: BinaryIO | None = None, settings: Any = None) -> Iterator[RawRecord | InputError]:
    """Records from stdin: JSONL streamed line by line when the first line is a JSON object,
    otherwise one article (text, HTML or a JSON document) read whole and sniffed. Gzip is detected.
    Never reads more than the size limit plus one byte of an article."""
    from slant.ingest.readers import STDIN_ID, _iter_bytes, load_json

    read = _read_settings(settings)
    stream = stream if stream is not None else sys.stdin.buffer
    head = stream.read(min(STDIN_HEAD, read.max_bytes + 1))
    body: BinaryIO = _Chained(head, stream)
    if head[:2] == b"\x1f\x8b":
        body = gzip.GzipFile(fileobj=body, mode="rb")  # type: ignore[assignment]
        try:
            head = body.peek(STDIN_HEAD)[:STDIN_HEAD]  # type: ignore[attr-defined]
        except _TRUNCATION as exc:
            yield _broken(exc, STDIN_SOURCE, "stdin is not a readable gzip stream")
            return
    first = head.lstrip(b" \t\r\n\xef\xbb\xbf").split(b"\n", 1)
    if first[0].startswith(b"{") and len(first) > 1:
        try:
            is_jsonl = isinstance(load_json(first[0]), dict)
        except (ValueError, UnicodeDecodeError):
            is_jsonl = False
        if is_jsonl:
            stream_in = body if isinstance(body, gzip.GzipFile) else io.BufferedReader(body, STREAM_BUFFER)  # type: ignore[arg-type]
            yield from _jsonl_stream(stream_in, None, source=STDIN_SOURCE, stem="stdin", settings=read, cursor=None)
            return
    try:
        if isinstance(body, gzip.GzipFile):
            data = body.read(read.max_bytes + 1)
        elif len(head) > read.max_bytes:
            data = head
        else:
            data = head + stream.read(read.max_bytes + 1 - len(head))
        yield from _iter_bytes(data, source=STDIN_SOURCE, id=STDIN_ID, settings=read, kind=None)
    except InputError as error:
        yield error
    except _TRUNCATION as exc:
        yield _broken(exc, STDIN_SOURCE, "stdin breaks off")


#: What is read of stdin before deciding between JSONL and one article.
STDIN_HEAD = 65536


class _Chained(io.RawIOBase):
    """``head`` (already read) followed by the rest of ``stream``, as one readable stream."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self.head, self.stream, self.pos = head, stream, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self.pos < len(self.head):
            n = min(len(buffer), len(self.head) - self.pos)
            buffer[:n] = self.head[self.pos:self.pos + n]
            self.pos += n
            return n
        data = self.stream.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _jsonl_line(line: bytes, *, source: str, id: str, settings: ReadSettings) -> Iterator[RawRecord | InputError]:
    """One JSONL line -> its record, or the error that says why it is not one.

    The line is decoded as a whole input is (the forced encoding, else UTF-8, else detected), so a
    cp1252 line is read here as it is in a JSONL file read whole, and parsed once.
    """
    from slant.ingest.decoding import decode_bytes
    from slant.ingest.readers import _json_problem, _record_from_object, load_json

    try:
        if len(line) > settings.max_bytes:
            raise InputTooLarge(f"the input is over the {settings.max_bytes:,}-byte limit", source=source)
        try:
            text, encoding = decode_bytes(line, source=source, encoding=settings.encoding)
        except (BinaryInput, EncodingError) as error:  # one bad line is a bad record, not a bad file
            raise BadRecord(f"not valid JSON ({error.message})", source=source) from None
        try:
            value = load_json(text.removeprefix("\ufeff"))
        except ValueError as exc:
            raise BadRecord(f"not valid JSON ({_json_problem(exc)})", source=source) from None
        yield _record_from_object(value, source=source, fallback_id=id, encoding=encoding, input_format="jsonl")
    except InputError as error:
        yield error


def _stem(path: Path) -> str:
    name = path.name
    for suffix, _ in SOURCE_KINDS:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


# -- WARC ------------------------------------------------------------------------------------------


def _iter_warc(path: Path, settings: ReadSettings, options: SourceOptions,
               cursor: SourceCursor | None) -> Iterator[RawRecord | InputError]:
    from warcio.archiveiterator import ArchiveIterator

    from slant.ingest.readers import read_bytes

    source = str(path)
    number = 0
    size = path.stat().st_size
    # warcio reads past damage quietly (or with a line on stderr); the checks below turn what it
    # skips into failures the researcher can list, and keep its stderr lines off the progress bar.
    sink = io.StringIO()
    with open(path, "rb", buffering=STREAM_BUFFER) as handle:
        records = ArchiveIterator(handle)
        while True:
            errors_before = records.err_count
            try:
                with contextlib.redirect_stderr(sink):
                    record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # noqa: BLE001 - warcio fails on damage with any type (AttributeError too)
                yield _broken(exc, source, f"invalid WARC record after record {number}; "
                                           "the rest of the file was skipped")
                return
            number += 1
            where = f"{source}:{number}"
            if cursor is not None:
                cursor.at(handle.tell())
            if records.err_count > errors_before:
                yield BrokenSource(f"the WARC record before record {number} does not end where its "
                                   "Content-Length says (its content may be cut or padded)", source=where)
            if not record.rec_type:
                yield BrokenSource(f"WARC record {number} has no WARC-Type header", source=where)
                continue
            try:
                item = _warc_record(record, source=where, settings=settings, read_bytes=read_bytes)
            except InputError as error:
                yield error
                continue
            except Exception as exc:  # noqa: BLE001 - as above: damaged content fails in many ways
                yield _broken(exc, source, f"WARC record {number} breaks off; the rest of the file was skipped")
                return
            if item is not None:
                yield item
        if records.offset and records.offset < size:
            yield BrokenSource(f"{size - records.offset:,} bytes after WARC record {number} are not a "
                               "readable record and were skipped", source=source)


def _warc_record(record: Any, *, source: str, settings: ReadSettings, read_bytes: Any) -> RawRecord | None:
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return None
        status = http.get_statuscode() or ""
        content_type = (http.get_header("Content-Type") or "").lower()
        if not status.startswith("2"):
            return None
    else:
        content_type = (record.rec_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(WARC_HTML_TYPES):
        return None
    data = record.content_stream().read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        raise BadRecord(f"the page is over the {settings.max_bytes:,}-byte limit", source=source)
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise BrokenSource("the WARC record is shorter than its Content-Length (truncated)", source=source)
    if not data.strip():
        return None
    records = read_bytes(data, source=source, id=url or source, settings=settings, kind="html")
    out = records[0]
    out.url = out.url or url
    out.input_format = "html"
    crawled = record.rec_headers.get_header("WARC-Date")
    if crawled:
        # the crawl date is when the page was fetched, not published: kept aside, never as "published"
        out.extra["crawled"] = crawled
    return out


# -- RSS / Atom ------------------------------------------------------------------------------------


def _iter_feed(path: Path, settings: ReadSettings, options: SourceOptions,
               cursor: SourceCursor | None) -> Iterator[RawRecord | InputError]:
    import feedparser

    source = str(path)
    raw, stream = _open_stream(path)
    with raw:
        try:
            data = stream.read(MAX_FEED_BYTES + 1)
        except _TRUNCATION as exc:
            yield _broken(exc, source, "the feed file is truncated")
            return
        finally:
            if stream is not raw:
                stream.close()
    if len(data) > MAX_FEED_BYTES:
        yield BrokenSource(f"the feed is over {MAX_FEED_BYTES:,} bytes", source=source)
        return
    if not _FEED_START.search(data[:65536]):
        yield BrokenSource("this is not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)",
                           source=source, hint="give feeds as .rss/.atom/.xml, other XML is not read")
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        yield BrokenSource(f"the feed holds no entries{f' ({problem})' if problem else ''}", source=source)
        return
    outlet = (parsed.feed.get("title") or "").strip()
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}:{number}"
        try:
            yield _feed_entry(entry, outlet=outlet, source=where, fallback_id=f"{_stem(path)}-{number}",
                              settings=settings)
        except InputError as error:
            yield error
    if parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), Exception):
        exc = parsed.bozo_exception
        # feedparser reads past small errors; report them once so the researcher knows
        if not isinstance(exc, feedparser.CharacterEncodingOverride):
            yield BrokenSource(f"the feed is not well-formed ({exc}); {len(parsed.entries)} entries were "
                               "read", source=source)


def _feed_entry(entry: Any, *, outlet: str, source: str, fallback_id: str, settings: ReadSettings) -> RawRecord:
    contents = entry.get("content") or []
    html = ""
    if contents:
        html = max((c.get("value", "") for c in contents), key=len)
    html = html or entry.get("summary", "") or entry.get("description", "")
    if not html.strip():
        raise NoArticleFound("the feed entry has no content or summary", source=source)
    link = entry.get("link", "") or ""
    obj: dict[str, Any] = {
        "id": entry.get("id") or link or fallback_id,
        "url": link,
        "title": entry.get("title", ""),
        "outlet": outlet,
        "published": _feed_date(entry),
        "author": entry.get("author", ""),
        "html": html,
    }
    try:
        return _record_from_object(obj, source=source, id=fallback_id, settings=settings, input_format="html")
    except NoArticleFound:
        # A summary is often a paragraph fragment too short for the HTML extractor's article test:
        # keep its text rather than lose the entry.
        text = _fragment_text(html)
        if not text:
            raise
        obj.pop("html")
        obj["text"] = text
        return _record_from_object(obj, source=source, id=fallback_id, settings=settings, input_format="text")


def _feed_date(entry: Any) -> str:
    # The entry's own string keeps its time and zone ("Tue, 08 Feb 2022 14:05:00 +0100"); feedparser's
    # parsed form is shifted to UTC (and so can move to the next day), so it is only the fallback.
    for key in ("published", "updated", "created"):
        value = (entry.get(key) or "").strip()
        if value and parse_timestamp(value) is not None:
            return value
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)
    return entry.get("published", "") or entry.get("updated", "") or ""


def _fragment_text(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises several unrelated types on junk markup
        return ""
    blocks = []
    for block in root.iter("p", "li", "blockquote", "h1", "h2", "h3", "div"):
        if block.tag == "div" and block is not root:
            continue
        if block is root and len(root):
            continue
        text = " ".join(block.text_content().split())
        if text:
            blocks.append(text)
    if not blocks:
        blocks = [" ".join(root.text_content().split())]
    return "\n".join(b for b in blocks if b)


# -- CSV -------------------------------------------------------------------------------------------


def _pick(header: list[str], wanted: str | None, candidates: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    if wanted:
        return lowered.index(wanted.lower()) if wanted.lower() in lowered else -1
    for name in candidates:
        if name in lowered:
            return lowered.index(name)
    return None


def _iter_csv(path: Path, settings: ReadSettings, options: SourceOptions,
              cursor: SourceCursor | None) -> Iterator[RawRecord | InputError]:
    source, stem = str(path), _stem(path)
    delimiter = options.delimiter or ("\t" if ".tsv" in path.name.lower() else ",")
    csv.field_size_limit(max(settings.max_bytes, 131072))
    raw, stream = _open_stream(path)
    text = io.TextIOWrapper(stream, encoding=settings.encoding or "utf-8-sig", errors="strict", newline="")
    with raw, text:
        reader = csv.reader(text, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            yield BrokenSource("the CSV file is empty", source=source)
            return
        except (csv.Error, UnicodeDecodeError, *_TRUNCATION) as exc:
            yield _broken(exc, source, "the CSV header cannot be read")
            return
        columns = {name: _pick(header, getattr(options, f"{name}_column", None), names)
                   for name, names in CSV_FIELD_COLUMNS.items() if name != "author"}
        columns["author"] = _pick(header, None, CSV_FIELD_COLUMNS["author"])
        text_col = _pick(header, options.text_column, CSV_TEXT_COLUMNS)
        html_col = _pick(header, None, CSV_HTML_COLUMNS) if options.text_column is None else None
        missing = [f"{n}_column={getattr(options, f'{n}_column')!r}" for n, i in columns.items() if i == -1]
        if text_col == -1:
            missing.insert(0, f"text_column={options.text_column!r}")
        if missing or (text_col is None and html_col is None):
            what = ", ".join(missing) if missing else "a text column (text, content, body, article or html)"
            yield BadCsv(f"the CSV has no {what}; its columns are: {', '.join(header)}", source=source)
            return
        body_col, body_key = (text_col, "text") if text_col is not None else (html_col, "html")
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield BadRecord(f"row at line {reader.line_num} cannot be parsed ({exc})",
                                source=f"{source}:{reader.line_num}")
                continue
            except UnicodeDecodeError as exc:
                yield _broken(exc, source, f"the CSV is not valid text after line {reader.line_num}; "
                                           "the rest of the file was skipped")
                return
            except _TRUNCATION as exc:
                yield _broken(exc, source, f"the file breaks off after line {reader.line_num}")
                return
            if cursor is not None:
                cursor.at(raw.tell())
            line = reader.line_num
            where = f"{source}:{line}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield BadRecord(f"row at line {line} has {len(row)} fields, the header has {len(header)}",
                                source=where, hint="quote fields that contain the delimiter or line breaks")
                continue
            obj: dict[str, Any] = {body_key: row[body_col]}
            for name, index in columns.items():
                if index is not None and row[index].strip():
                    obj[name] = row[index]
            obj.setdefault("id", f"{stem}-{line}")
            try:
                yield _record_from_object(obj, source=where, id=f"{stem}-{line}", settings=settings,
                                          input_format="html" if body_key == "html" else "text")
            except InputError as error:
                yield error


def with_options(options: SourceOptions | None, **changes: Any) -> SourceOptions:
    """A copy of ``options`` with some fields changed (None values ignored)."""
    options = options or SourceOptions()
    return dataclasses.replace(options, **{k: v for k, v in changes.items() if v is not None})
