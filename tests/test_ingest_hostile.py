"""Hostile and messy sources (issue 16): symlink loops, unreadable folders, one reader for both commands."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from slant.errors import BadRecord, InputError, UnreadablePath
from slant.ingest.record import RawRecord
from slant.ingest.sources import HIDDEN, SEEN_FOLDER, UNKNOWN_KIND, SourceCursor, iter_corpus
from tests.test_corpus_ingest import RSS, article, write_warc

GOOD = "A good headline about the vote\n\nThe council voted on Tuesday to approve the budget after a long debate."


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def split(items):
    records = [i for i in items if isinstance(i, RawRecord)]
    errors = [i for i in items if isinstance(i, InputError)]
    return records, errors


def run_cli(*args, timeout=60):
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    return subprocess.run([sys.executable, "-m", "slant.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


# -- 1. symbolic links --------------------------------------------------------------------------
def test_a_link_back_to_an_ancestor_folder_is_followed_once(tmp_path):
    # issue 16 #1: `ln -s .. DIR/sub/up` made ingest walk for ever
    root = tmp_path / "corpus"
    write(root / "a.txt", GOOD)
    write(root / "sub" / "b.txt", GOOD.replace("vote", "bridge"))
    os.symlink("..", root / "sub" / "up")
    os.symlink(str(root / "sub"), root / "again")  # a second link to a folder read anyway
    cursor = SourceCursor()
    records, errors = split(list(iter_corpus([str(root)], cursor=cursor)))
    assert errors == []
    assert sorted(r.id for r in records) == ["a", "b"]
    skipped = {Path(p).name: why for p, why in cursor.skipped}
    assert skipped == {"up": SEEN_FOLDER, "again": SEEN_FOLDER} or skipped == {"up": SEEN_FOLDER, "sub": SEEN_FOLDER}
    assert "skipped 2 paths" in cursor.skipped_summary()


def test_hidden_files_and_folders_are_counted_as_skipped(tmp_path):
    root = tmp_path / "corpus"
    write(root / "a.txt", GOOD)
    write(root / ".draft.txt", GOOD.replace("vote", "draft"))
    write(root / ".git" / "one.txt", GOOD)  # a hidden folder is one skipped path, not its files
    write(root / ".git" / "two.txt", GOOD)
    cursor = SourceCursor()
    records, errors = split(list(iter_corpus([str(root)], cursor=cursor)))
    assert errors == [] and [r.id for r in records] == ["a"]
    assert sorted((Path(p).name, why) for p, why in cursor.skipped) == [(".draft.txt", HIDDEN), (".git", HIDDEN)]
    assert "skipped 2 paths (2 hidden files and folders" in cursor.skipped_summary()
    # named, a hidden file is read
    assert [r.id for r in split(list(iter_corpus([str(root / ".draft.txt")])))[0]] == [".draft"]


def test_a_loop_of_links_is_a_named_failure_and_the_good_file_is_read(tmp_path):
    # issue 16 #1: `ln -s y DIR/x; ln -s x DIR/y` gave exit 4 (OSError ELOOP) and stored nothing
    root = tmp_path / "corpus"
    write(root / "keep.txt", GOOD)
    os.symlink("y", root / "x")
    os.symlink("x", root / "y")
    os.symlink("nowhere", root / "dangling.txt")
    good = write(tmp_path / "good.txt", GOOD.replace("vote", "ferry"))
    records, errors = split(list(iter_corpus([str(root), str(good), str(root / "x")])))
    assert sorted(r.id for r in records) == ["good", "keep"]
    assert all(isinstance(e, UnreadablePath) for e in errors)
    names = sorted(Path(e.source).name for e in errors)
    assert names == ["dangling.txt", "x", "x", "y"]
    assert any("loop" in str(e) for e in errors)


@pytest.mark.slow
def test_cli_ingest_of_a_folder_with_a_link_loop_stores_the_good_files(tmp_path):
    root = tmp_path / "corpus"
    write(root / "keep.txt", GOOD)
    write(root / "sub" / "more.txt", GOOD.replace("vote", "school"))
    os.symlink("y", root / "x")
    os.symlink("x", root / "y")
    os.symlink("..", root / "sub" / "up")
    good = write(tmp_path / "good.txt", GOOD.replace("vote", "ferry"))
    result = run_cli("ingest", str(root), str(good), "--db", str(tmp_path / "x.db"), "-q")
    assert result.returncode == 1, result.stderr  # some failed, the rest stored
    assert "stored=3" in result.stderr and "failed=2" in result.stderr
    assert "skipped 1 path" in result.stderr and "up" in result.stderr
    assert "internal error" not in result.stderr


# -- 7. unreadable folders ----------------------------------------------------------------------
def _deny_listing(monkeypatch, denied: Path) -> None:
    # the tests run as root, who can list a chmod 000 folder: refuse it the way the kernel would
    real = os.scandir

    def scandir(path="."):
        if os.path.realpath(path) == os.path.realpath(denied):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_subfolder_is_a_named_failure(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    write(root / "a.txt", GOOD)
    write(root / "locked" / "b.txt", GOOD)
    _deny_listing(monkeypatch, root / "locked")
    records, errors = split(list(iter_corpus([str(root)])))
    assert [r.id for r in records] == ["a"]
    [error] = errors
    assert isinstance(error, UnreadablePath) and error.source == str(root / "locked")
    assert "permission denied" in str(error) and error.hint


def test_an_unreadable_top_folder_says_so_not_that_it_is_empty(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    write(root / "a.txt", GOOD)
    _deny_listing(monkeypatch, root)
    [error] = list(iter_corpus([str(root)]))
    assert isinstance(error, UnreadablePath) and "permission denied" in str(error)
    assert "no files" not in str(error)


# -- 8. one reader for `slant analyze` and `slant ingest` -----------------------------------------
def test_a_jsonl_line_with_nul_bytes_costs_only_that_line(tmp_path):
    lines = [json.dumps(article(i)) for i in range(10)]
    lines.insert(4, '{"id": "bad", "text": "nul \x00 inside"}')
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    records, errors = split(list(iter_corpus([str(path)])))
    assert len(records) == 10
    [error] = errors
    assert isinstance(error, BadRecord) and error.source == f"{path}:5"


@pytest.mark.slow
def test_cli_analyze_reads_every_source_kind_ingest_reads(tmp_path):
    lines = [json.dumps(article(i)) for i in range(10)]
    lines.insert(4, '{"id": "bad", "text": "nul \x00 inside"}')
    folder = tmp_path / "in"
    write(folder / "batch.jsonl", "\n".join(lines) + "\n")
    write(folder / "more.jsonl.gz", gzip.compress((json.dumps(article(20)) + "\n").encode()))
    write_warc(folder / "crawl.warc.gz", 2)
    write(folder / "feed.rss", RSS)
    write(folder / "table.csv", 'id,title,text\nc1,CSV story,"' + GOOD.split("\n\n")[1] + '"\n')
    write(folder / "notes.pdf", b"%PDF-1.4 not an article")
    write(folder / "readme.odt", b"PK\x03\x04 zip")
    result = run_cli("analyze", str(folder), "-c", "", "-f", "jsonl", "-q")
    assert result.returncode == 1, result.stderr  # one line failed, the rest were analysed
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == 10 + 1 + 2 + 2 + 1
    assert "1 of 17 inputs failed" in result.stderr and "batch.jsonl:5" in result.stderr
    assert "skipped 2 paths" in result.stderr and "notes.pdf" in result.stderr and "readme.odt" in result.stderr
    # the same folder through ingest: the same records stored, the same line failed
    result = run_cli("ingest", str(folder), "--db", str(tmp_path / "c.db"), "-q")
    assert "stored=16" in result.stderr and "failed=1" in result.stderr and "skipped_paths=2" in result.stderr


def test_stdin_takes_an_article_or_jsonl(tmp_path):
    import io

    [record] = list(iter_corpus(["-"], stdin=io.BytesIO(GOOD.encode())))
    assert record.raw == GOOD
    data = "\n".join(json.dumps(article(i)) for i in range(3)).encode()
    records, errors = split(list(iter_corpus(["-"], stdin=io.BytesIO(gzip.compress(data)))))
    assert len(records) == 3 and errors == []
    assert UNKNOWN_KIND  # the reason text the summary uses
