"""Readers: every kind of bad input gives a one-line SlantError naming the file and the fix."""

from __future__ import annotations

import builtins
import io
import os
from pathlib import Path

import pytest

from slant.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    InputTooLarge,
    NoArticleFound,
    UnknownFormat,
    UnreadablePath,
)
from slant.ingest import RawRecord, iter_records, read_bytes, read_path
from slant.settings import ReadSettings

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"

NO_ARTICLE_PAGE = """<!DOCTYPE html><html><head><title>Page not found | The Lakeside Courier</title>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="cookie-consent">We use cookies. Accept all cookies.</div>
<footer><p>&copy; 2023 The Lakeside Courier. Privacy policy | Terms of use</p></footer>
</body></html>"""


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def assert_one_line_naming(error: InputError, source: str) -> None:
    text = str(error)
    assert "\n" not in text
    assert source in text
    assert error.hint and error.hint in text  # says what to do
    assert text.startswith(f"[{error.code}]")


@pytest.mark.parametrize("data, error_type", [
    (b"", EmptyInput),
    (b"   \n\t\r\n  \n", EmptyInput),
    (b"\xef\xbb\xbf\n\n", EmptyInput),  # a byte-order mark and blank lines
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", BinaryInput),
    (PNG_HEADER, BinaryInput),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", BinaryInput),
    (b"Some text\x00\x00\x01\x02 then binary\x00 junk " * 20, BinaryInput),
    (bytes(range(1, 9)) * 100, BinaryInput),  # control characters, no NUL
])
def test_ingest_bad_bytes_in_a_text_file(tmp_path, data, error_type):
    path = write(tmp_path / "input.txt", data)
    with pytest.raises(error_type) as caught:
        read_path(path)
    assert_one_line_naming(caught.value, str(path))


def test_ingest_png_with_unknown_extension_is_binary_not_unknown(tmp_path):
    path = write(tmp_path / "photo.jpg", PNG_HEADER)
    with pytest.raises(BinaryInput) as caught:
        read_path(path)
    assert "PDFs and images" in str(caught.value)


def test_ingest_unknown_extension_that_is_not_text(tmp_path):
    path = write(tmp_path / "data.bin", b"\x00\x01\x02\x03 random \x00 bytes \x7f" * 30)
    with pytest.raises(UnknownFormat) as caught:
        read_path(path)
    assert_one_line_naming(caught.value, str(path))


def test_ingest_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(UnreadablePath) as caught:
        read_path(missing)
    assert_one_line_naming(caught.value, str(missing))
    [error] = list(iter_records([str(missing)]))
    assert isinstance(error, UnreadablePath) and "no such file" in str(error)


def test_ingest_glob_matching_nothing_has_a_hint(tmp_path):
    pattern = str(tmp_path / "*.txt")
    [error] = list(iter_records([pattern]))
    assert isinstance(error, UnreadablePath)
    assert "matched no" in str(error) and "**" in str(error)


def test_ingest_folder_read_as_a_file(tmp_path):
    with pytest.raises(UnreadablePath) as caught:
        read_path(tmp_path)
    assert "folder" in str(caught.value)


def test_ingest_permission_denied_from_the_os(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", b"A perfectly good article.")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    with pytest.raises(UnreadablePath) as caught:
        read_path(path)
    assert_one_line_naming(caught.value, str(path))
    assert "permission denied" in str(caught.value)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_ingest_permission_denied_by_chmod(tmp_path):
    path = write(tmp_path / "locked.txt", b"A perfectly good article.")
    path.chmod(0)
    try:
        with pytest.raises(UnreadablePath):
            read_path(path)
    finally:
        path.chmod(0o644)


def test_ingest_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path / "big.txt", b"word " * 100)
    real_open = builtins.open

    def no_open(file, *args, **kwargs):
        if Path(file) == path:
            raise AssertionError("the file was opened although its size is over the limit")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", no_open)
    with pytest.raises(InputTooLarge) as caught:
        read_path(path, ReadSettings(max_bytes=100))
    assert_one_line_naming(caught.value, str(path))
    assert "500" in str(caught.value)


def test_ingest_exactly_max_bytes_is_accepted(tmp_path):
    path = write(tmp_path / "fits.txt", b"x" * 100)
    assert read_path(path, ReadSettings(max_bytes=100))[0].raw == "x" * 100


class CountingStream(io.BytesIO):
    """Stdin stand-in that remembers how much the reader asked for."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.asked: list[int] = []

    def read(self, size: int | None = -1) -> bytes:
        self.asked.append(size)
        return super().read(size)


def test_ingest_stdin_too_large_reads_only_the_limit():
    stream = CountingStream(b"word " * 10_000)
    [error] = list(iter_records(["-"], ReadSettings(max_bytes=1000), stdin=stream))
    assert isinstance(error, InputTooLarge) and "<stdin>" in str(error)
    assert stream.asked == [1001]


def test_ingest_read_bytes_too_large():
    with pytest.raises(InputTooLarge):
        read_bytes(b"x" * 11, source="upload", id="u", settings=ReadSettings(max_bytes=10))


@pytest.mark.parametrize("name", ["notfound.html", "notfound.txt.weird"])
def test_ingest_html_without_an_article(tmp_path, name):
    path = write(tmp_path / name, NO_ARTICLE_PAGE.encode("utf-8"))
    with pytest.raises(NoArticleFound) as caught:
        read_path(path)
    assert_one_line_naming(caught.value, str(path))


def test_ingest_empty_html_body():
    with pytest.raises(NoArticleFound):
        read_bytes(b"<html><head><title>x</title></head><body></body></html>", source="s", id="s", kind="html")


def test_ingest_undecodable_bytes(tmp_path):
    # bytes 0x80-0xff only: not UTF-8, and no encoding makes text of them
    path = write(tmp_path / "garbled.txt", bytes(range(0x80, 0x100)) * 3)
    with pytest.raises(EncodingError) as caught:
        read_path(path)
    assert_one_line_naming(caught.value, str(path))


def test_ingest_forced_encoding_that_does_not_fit(tmp_path):
    path = write(tmp_path / "fr.txt", "Ça coûte cher.".encode("utf-8"))
    with pytest.raises(EncodingError) as caught:
        read_path(path, ReadSettings(encoding="ascii"))
    assert "ascii" in str(caught.value)
    with pytest.raises(EncodingError, match="unknown encoding"):
        read_path(path, ReadSettings(encoding="no-such-codec"))


def test_ingest_bad_inputs_do_not_stop_a_run(tmp_path):
    good = write(tmp_path / "good.txt", b"An article about the harbour.")
    empty = write(tmp_path / "empty.txt", b"")
    png = write(tmp_path / "pic.txt", PNG_HEADER)
    items = list(iter_records([str(empty), str(tmp_path / "missing.txt"), str(png), str(good)]))
    assert [type(i) for i in items] == [EmptyInput, UnreadablePath, BinaryInput, RawRecord]
    assert items[-1].raw == "An article about the harbour."


def test_ingest_stdin_errors_are_yielded():
    [error] = list(iter_records(["-"], stdin=io.BytesIO(b"  \n ")))
    assert isinstance(error, EmptyInput) and "<stdin>" in str(error)
    [error] = list(iter_records(["-"], stdin=io.BytesIO(PNG_HEADER)))
    assert isinstance(error, BinaryInput)


def test_ingest_jsonl_blank_text_and_empty_file(tmp_path):
    blank = write(tmp_path / "blank.jsonl", b'{"id": "a", "text": "   "}\n')
    [error] = list(iter_records([str(blank)]))
    assert isinstance(error, EmptyInput) and error.source == f"{blank}:1"
    nothing = write(tmp_path / "nothing.jsonl", b"\n\n")
    [error] = list(iter_records([str(nothing)]))
    assert isinstance(error, EmptyInput)


def test_ingest_json_file_that_is_not_json(tmp_path):
    path = write(tmp_path / "broken.json", b'{"text": "unterminated')
    with pytest.raises(InputError) as caught:
        read_path(path)
    assert caught.value.code == "E107"
    assert_one_line_naming(caught.value, str(path))
