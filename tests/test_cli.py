"""The `slant` command end to end: formats, exit codes, bad input, stdin, output files."""

import json
import subprocess
import sys
from importlib import resources

import jsonschema
import pytest
from typer.testing import CliRunner

from slant.cli import EXIT_ALL_FAILED, EXIT_SOME_FAILED, EXIT_USAGE, app

runner = CliRunner()
CLEAN_ONLY = ["--components", ""]


def _run(*args, input=None):
    """Run the real entry point in a subprocess (exit codes and stderr as a user sees them)."""
    return subprocess.run([sys.executable, "-m", "slant.cli", *args], input=input, capture_output=True,
                          text=True, timeout=120)


def test_cli_json_output_validates_against_schema(example_path):
    result = runner.invoke(app, ["analyze", str(example_path), "--format", "json", *CLEAN_ONLY])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    schema = json.loads(resources.files("slant.schema").joinpath("document.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert data["meta"]["published"] == "2022-02-08"
    assert data["meta"]["outlet"] is None  # a plain text file names no outlet: null, not ""
    assert data["meta"]["title"].startswith("Putin Flicks NATO")
    body = data["text"]
    for junk in ("By -", "3 minute read", "Post a Comment", "#buttons", "cookies", "Ok, Go it!", "Subscribe"):
        assert junk not in body
    assert "However, Moscow has repeatedly denied this." in body
    assert body.count("Putin Flicks NATO") == 1


def test_cli_offsets_in_json_point_at_same_raw_characters(example_path, example_text):
    result = runner.invoke(app, ["analyze", str(example_path), "--format", "json", *CLEAN_ONLY])
    data = json.loads(result.stdout)
    for span in data["paragraphs"] + data["sentences"]:
        assert example_text[span["raw_start"]:span["raw_end"]] == data["text"][span["start"]:span["end"]]


def test_cli_text_and_html_formats(example_path, tmp_path):
    result = runner.invoke(app, ["analyze", str(example_path), *CLEAN_ONLY])
    assert result.exit_code == 0 and "2022-02-08" in result.stdout and "Removed as site junk" in result.stdout
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["analyze", str(example_path), "--format", "html", "-o", str(out), *CLEAN_ONLY])
    assert result.exit_code == 0
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Stoltenberg" in page and "<link" not in page


def test_cli_output_file_gets_ordinary_permissions_not_the_temporary_files(example_path, tmp_path):
    import os
    import stat

    mask = os.umask(0o022)
    try:
        out = tmp_path / "new.json"
        assert runner.invoke(app, ["analyze", str(example_path), "--format", "json", "-o", str(out),
                                   *CLEAN_ONLY]).exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644  # 0666 less the umask, not mkstemp's 0600
        out.chmod(0o640)  # a file that is replaced keeps its permissions
        assert runner.invoke(app, ["analyze", str(example_path), "--format", "json", "-o", str(out),
                                   *CLEAN_ONLY]).exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(mask)


def test_cli_multi_file_run_lists_failures_and_says_some_failed(tmp_path, example_path):
    good = tmp_path / "good.txt"
    good.write_text(example_path.read_text("utf-8"), "utf-8")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x89PNG\x00" * 50)
    proc = _run("analyze", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "jsonl", *CLEAN_ONLY)
    assert proc.returncode == EXIT_SOME_FAILED, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["id"] == "good"
    assert "3 of 4 inputs failed" in proc.stderr
    for needle in ("empty.txt", "binary.txt", "missing.txt", "[E101]", "[E102]", "[E103]"):
        assert needle in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("content,code", [(b"", "E101"), (b"\x00" * 100, "E102"),
                                          (b"<html><body><nav>Home</nav></body></html>", "E105")])
def test_cli_single_bad_input_is_one_line_and_all_failed(tmp_path, content, code):
    path = tmp_path / ("bad.html" if b"html" in content else "bad.txt")
    path.write_bytes(content)
    proc = _run("analyze", str(path), *CLEAN_ONLY)
    assert proc.returncode == EXIT_ALL_FAILED
    assert code in proc.stderr and "Traceback" not in proc.stderr
    assert str(path.name) in proc.stderr


def test_cli_too_large_input_names_the_fix(tmp_path, example_path):
    proc = _run("analyze", str(example_path), "--max-bytes", "100", *CLEAN_ONLY)
    assert proc.returncode == EXIT_ALL_FAILED
    assert "E104" in proc.stderr and "--max-bytes" in proc.stderr


def test_cli_usage_errors_exit_2(tmp_path):
    assert _run("analyze").returncode == EXIT_USAGE
    assert _run("analyze", "x.txt", "--format", "pdf").returncode == EXIT_USAGE
    bad = tmp_path / "slant.toml"
    bad.write_text("[read]\nmax_bytes = -5\n")
    proc = _run("analyze", "x.txt", "--config", str(bad))
    assert proc.returncode == EXIT_USAGE and "E200" in proc.stderr and "Traceback" not in proc.stderr
    proc = _run("analyze", "x.txt", "--components", "slant.nothing.v1")
    assert proc.returncode == EXIT_USAGE and "E301" in proc.stderr


def test_cli_reads_stdin(example_text):
    proc = _run("analyze", "-", "--format", "json", *CLEAN_ONLY, input=example_text)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["meta"]["published"] == "2022-02-08"


def test_cli_failed_run_never_clobbers_existing_output(tmp_path):
    out = tmp_path / "result.json"
    out.write_text("precious")
    (tmp_path / "empty.txt").write_text("")
    proc = _run("analyze", str(tmp_path / "empty.txt"), "--format", "json", "-o", str(out), *CLEAN_ONLY)
    assert proc.returncode == EXIT_ALL_FAILED
    # nothing was analysed: the JSON written is an empty list, but never a half-written file
    assert out.read_text() in ("precious", "[]\n")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".result.json")]


def test_cli_python_api_analyze_text_and_path(example_path, example_text):
    import slant

    from_path = slant.analyze(example_path, components=())
    from_text = slant.analyze(example_text, components=())
    assert from_path.text == from_text.text
    assert from_path.meta.published == "2022-02-08"


def test_cli_token_revoke_of_an_unknown_name_is_a_coded_error(tmp_path):
    db = tmp_path / "c.db"
    created = _run("token", "create", "reader", "--db", str(db))
    assert created.returncode == 0, created.stderr
    missing = _run("token", "revoke", "nobody", "--db", str(db))
    assert missing.returncode == 3 and "E906" in missing.stderr and "slant token list" in missing.stderr
    assert "Traceback" not in missing.stderr
    revoked = _run("token", "revoke", "reader", "--db", str(db))
    assert revoked.returncode == 0 and "revoked 1 token" in revoked.stdout


def test_cli_claims_tsv_has_one_row_per_sentence_with_raw_offsets(example_path):
    proc = _run("analyze", str(example_path), "--format", "claims-tsv")
    assert proc.returncode == 0, proc.stderr
    import csv
    import io

    lines = list(csv.reader(io.StringIO(proc.stdout), delimiter="\t"))
    assert lines[0] == ["doc_id", "start", "end", "score", "label", "speaker", "relay", "text"]
    rows = lines[1:]
    raw = example_path.read_text("utf-8")
    assert len(rows) >= 15 and {r[4] for r in rows} == {"claim", "no"}
    for doc_id, start, end, score, label, speaker, relay, text in rows:
        assert doc_id == "putin-nato-daily-post" and 0.0 <= float(score) <= 1.0
        assert " ".join(raw[int(start):int(end)].split()) == text
    putin = next(r for r in rows if r[7].startswith("According to the Russian President"))
    assert putin[4] == "claim" and putin[5] == "Vladimir Putin" and putin[6] == ""
    assert any(r[5] == "(author)" for r in rows) and any(r[6] == "Russia Today" for r in rows)
def test_cli_evaluate_needs_files_or_cross_validate():
    result = runner.invoke(app, ["evaluate"])
    assert result.exit_code != 0
    assert "--cross-validate" in result.output and "Traceback" not in result.output


def _commands(command, path=()):
    """Every (path, command) under the app, the app itself first (Typer's own click: duck-typed)."""
    yield path, command
    for name, sub in (getattr(command, "commands", None) or {}).items():
        yield from _commands(sub, (*path, name))


def test_cli_help_shows_square_brackets_and_percent_as_written():
    """Help is drawn with Rich markup: a literal "[train]" must be escaped or Rich swallows it
    ("needs the  extra"); click does no %-formatting, so "95%%" would print as written."""
    import re

    import typer.main

    root = typer.main.get_command(app)
    checked = 0
    for path, command in _commands(root):
        texts = [command.help or ""] + [getattr(p, "help", None) or "" for p in command.params]
        texts += [(sub.help or "") for sub in getattr(command, "commands", {}).values()]
        literals = {m.group(1) for t in texts for m in re.finditer(r"\\?(\[[a-z][\w-]*\])", t)}
        if not literals:
            continue
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.output
        for literal in literals:
            assert literal in result.output, (path, literal)
        assert "%%" not in result.output, path
        checked += 1
    assert checked >= 2  # the app's list of commands and `slant train`, `slant evaluate` name [train]


def test_cli_stats_tables_print_stored_brackets_as_written(tmp_path):
    """`slant stats` draws its tables with Rich: a quote's "[the council]" was swallowed as markup
    and a stray "[/b]" ended the command with a MarkupError traceback."""
    from slant.document import Document, Metadata, Span
    from slant.store import open_store

    said = "We [the council] will rebuild the bridge [/b] soon"
    db = tmp_path / "brackets.db"
    with open_store(db) as s, s.session() as w:
        for i, outlet in enumerate(["News [UK]", "Beta"]):
            text = f'Story {i}. Ann Lee said "{said}".'
            doc = Document(text, id=f"d{i}", meta=Metadata(outlet=outlet, published=f"2024-01-0{i + 1}", title=f"T{i}"))
            start = text.index(said)
            doc.add_layer("quotes", [Span(start, start + len(said), "quote", attrs={"speaker": "Ann Lee"})])
            doc.add_layer("techniques", [Span(0, 5, "Doubt", 0.9)])
            w.put(doc)
    result = runner.invoke(app, ["stats", "--db", str(db)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert said in result.output and "News [UK]" in result.output
