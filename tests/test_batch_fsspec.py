"""Object-storage sources: fsspec URLs and globs become (name, bytes) pairs."""

from __future__ import annotations

import gzip

import pytest

from slant.batch.fsspec_io import MissingFilesystem, expand_urls, is_url, iter_url_bytes
from slant.errors import InputTooLarge, UnreadablePath

fsspec = pytest.importorskip("fsspec")


@pytest.fixture
def bucket():
    fs = fsspec.filesystem("memory")
    fs.mkdir("/bucket/feeds")
    fs.pipe("/bucket/feeds/b.jsonl", b'{"id": "b", "text": "second"}\n')
    fs.pipe("/bucket/feeds/a.jsonl", b'{"id": "a", "text": "first"}\n')
    fs.pipe("/bucket/feeds/c.jsonl.gz", gzip.compress(b'{"id": "c", "text": "third"}\n'))
    fs.pipe("/bucket/other.txt", b"not matched")
    yield "memory://bucket"
    fs.rm("/bucket", recursive=True)


def test_batch_fsspec_glob_expands_in_sorted_order(bucket):
    pairs = list(iter_url_bytes([f"{bucket}/feeds/*.jsonl"]))
    assert [name for name, _ in pairs] == ["memory:///bucket/feeds/a.jsonl", "memory:///bucket/feeds/b.jsonl"]
    assert pairs[0][1] == b'{"id": "a", "text": "first"}\n'


def test_batch_fsspec_compressed_files_come_back_as_stored(bucket):
    (name, data), = iter_url_bytes([f"{bucket}/feeds/c.jsonl.gz"])
    assert name.endswith("c.jsonl.gz") and gzip.decompress(data).startswith(b'{"id": "c"')


def test_batch_fsspec_local_paths_and_globs(tmp_path):
    (tmp_path / "x.txt").write_text("hello", "utf-8")
    (tmp_path / "y.txt").write_text("world", "utf-8")
    assert [d for _, d in iter_url_bytes([str(tmp_path / "*.txt")])] == [b"hello", b"world"]
    assert list(expand_urls([str(tmp_path / "x.txt")])) == [str(tmp_path / "x.txt")]


def test_batch_fsspec_errors_are_slant_errors(bucket, tmp_path):
    with pytest.raises(UnreadablePath):
        list(iter_url_bytes([f"{bucket}/feeds/missing.jsonl"]))
    with pytest.raises(InputTooLarge):
        list(iter_url_bytes([f"{bucket}/other.txt"], max_bytes=4))
    with pytest.raises(MissingFilesystem) as err:
        list(iter_url_bytes(["nosuchproto://bucket/x.txt"]))
    assert err.value.code == "E874" and "nosuchproto" in str(err.value)
    try:
        import s3fs  # noqa: F401
    except ImportError:  # the usual case here: the message names the package to install
        with pytest.raises(MissingFilesystem) as err:
            list(iter_url_bytes(["s3://bucket/feeds/*.jsonl"]))
        assert "s3fs" in str(err.value)


def test_batch_fsspec_is_url():
    assert is_url("s3://bucket/key") and is_url("gs://b/k") and is_url("https://example.org/a")
    assert not is_url("/data/a.txt") and not is_url("C:\\data\\a.txt") and not is_url("feeds/*.jsonl")
