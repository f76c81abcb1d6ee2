"""Sources in object storage: expand fsspec URLs (s3://, gs://, az://, http(s)://, file paths) to bytes.

Readers take ``(name, bytes)``; this turns URLs and globs into those pairs, one file at a time, so
a bucket of a million files streams without being listed into memory twice. The protocol packages
are optional (``s3fs`` for s3://, ``gcsfs`` for gs://, ``adlfs`` for az://); credentials come from
the usual places (environment, ~/.aws, instance roles), never from Slant's settings.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from slant.errors import InputError, InputTooLarge, UnreadablePath
from slant.settings import DEFAULT_MAX_BYTES

#: "scheme://..." but not a Windows drive letter ("C:\\...")
_URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+://")
_GLOB_CHARS = set("*?[")


class MissingFilesystem(InputError):
    """The URL's protocol needs a package that is not installed."""

    code = "E874"
    hint = "install the protocol's fsspec package: s3fs for s3://, gcsfs for gs://, adlfs for az://"


def is_url(source: str) -> bool:
    """True for ``scheme://`` sources (fsspec URLs), False for plain paths."""
    return bool(_URL_RE.match(source))


def expand_urls(urls: Iterable[str]) -> Iterator[str]:
    """Each URL, or the files its glob matches (sorted, so runs are repeatable)."""
    fsspec = _fsspec()
    for url in urls:
        _check_protocol(fsspec, url)
        if not any(c in url for c in _GLOB_CHARS):
            yield url
            continue
        try:
            fs, _, paths = fsspec.get_fs_token_paths(url)
        except ImportError as exc:
            raise MissingFilesystem(f"cannot open {url}: {exc}", source=url) from None
        protocol = fs.protocol[0] if isinstance(fs.protocol, (tuple, list)) else fs.protocol
        for path in sorted(paths):
            yield path if protocol in ("file", "local") else f"{protocol}://{path}"


def iter_url_bytes(urls: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[tuple[str, bytes]]:
    """``(url, content bytes)`` for every file the URLs name or match.

    Compression is not undone here (the readers recognise .gz themselves). A file over
    ``max_bytes`` raises InputTooLarge; an unreadable one raises UnreadablePath: callers that must
    not stop (ingest) catch the SlantError, record it, and go on with the next URL.
    """
    fsspec = _fsspec()
    for url in expand_urls(urls):
        try:
            with fsspec.open(url, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except ImportError as exc:
            raise MissingFilesystem(f"cannot open {url}: {exc}", source=url) from None
        except (OSError, ValueError) as exc:
            raise UnreadablePath(f"cannot read {url}: {exc}", source=url) from None
        if len(data) > max_bytes:
            raise InputTooLarge(f"{url} is larger than {max_bytes} bytes", source=url)
        yield url, data


def _check_protocol(fsspec, url: str) -> None:
    if not is_url(url):
        return
    protocol = url.split("://", 1)[0]
    try:
        fsspec.get_filesystem_class(protocol)
    except ImportError as exc:
        raise MissingFilesystem(f"cannot open {url}: {exc}", source=url) from None
    except ValueError:
        raise MissingFilesystem(f"cannot open {url}: fsspec knows no protocol {protocol!r}", source=url,
                                hint="check the URL's scheme (s3://, gs://, az://, https://, file://)") from None


def _fsspec():
    try:
        import fsspec
    except ImportError:
        raise MissingFilesystem("reading URLs needs the fsspec package (pip install fsspec)") from None
    return fsspec
