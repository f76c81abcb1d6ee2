"""The `slant` command: thin wrappers over importable functions.

Data goes to stdout (or ``-o FILE``), progress and errors to stderr. Exit codes:
0 all inputs analysed, 1 some inputs failed (the rest were analysed), 2 usage error,
3 every input failed, 4 internal error (a bug: rerun with SLANT_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console

from slant.errors import SlantError, writing

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_ALL_FAILED, EXIT_INTERNAL = 0, 1, 2, 3, 4

app = typer.Typer(
    name="slant",
    help="Slant shows how a news article tries to persuade, and where its words come from.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one error, one line


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"
    html = "html"
    semeval_st1 = "semeval-st1"
    semeval_st2 = "semeval-st2"
    semeval_st3 = "semeval-st3"
    semeval_spans = "semeval-spans"
    quotes_tsv = "quotes-tsv"
    entities_tsv = "entities-tsv"
    claims_tsv = "claims-tsv"


def _file_mode(path: Path) -> int:
    """The permissions the output file gets: those of the file it replaces, else the umask's."""
    with contextlib.suppress(FileNotFoundError):
        return stat.S_IMODE(path.stat().st_mode)
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def _output(path: Optional[Path]) -> Iterator:
    """stdout, or a file written through a temporary name so a failed run never clobbers it."""
    if path is None or str(path) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(path)
    if path.is_dir():
        raise SlantError(f"output path {path} is a folder", hint="give a file name with -o")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise SlantError(f"output folder {parent} does not exist", hint="create it first or choose another -o")
    mode = _file_mode(path)
    with writing(path):
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle  # (not under writing(): the body reads the inputs too)
        with writing(path):
            os.chmod(tmp, mode)  # mkstemp makes the file private (0600); the output is an ordinary file
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _settings(config: Optional[Path], max_bytes: Optional[int], encoding: Optional[str],
              components: Optional[str], locale: Optional[str] = None):
    from slant.settings import load_settings

    read, analyze, clean = {}, {}, {}
    if max_bytes is not None:
        read["max_bytes"] = max_bytes
    if encoding:
        read["encoding"] = encoding
    if components is not None:
        analyze["components"] = components
    if locale:
        clean["locale"] = locale
    return load_settings(config, read=read, analyze=analyze, clean=clean)


def _write_documents(docs, fmt: Format, out) -> None:
    if fmt is Format.jsonl:
        for doc in docs:
            out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    elif fmt is Format.json:
        docs = list(docs)
        payload = docs[0].to_dict() if len(docs) == 1 else [d.to_dict() for d in docs]
        json.dump(payload, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt is Format.html:
        from slant.render.html import render_html

        out.write(render_html(docs))
    elif fmt is Format.text:
        from slant.render.text import render_text

        console = Console(file=out, force_terminal=out is sys.stdout and sys.stdout.isatty(),
                          width=None if out is sys.stdout else 100)
        for doc in docs:
            console.print(render_text(doc))
    elif fmt in (Format.quotes_tsv, Format.entities_tsv, Format.claims_tsv):
        from slant.formats.tables import TABLE_FORMATS

        TABLE_FORMATS[fmt.value](docs, out)
    else:
        from slant.formats.semeval import write_format

        write_format(fmt.value, docs, out)


@app.command("analyze")
def analyze_cli(
    paths: list[str] = typer.Argument(..., help="Files, folders, globs, JSONL(.gz), WARC(.gz), RSS/Atom, CSV, or - for stdin."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    components: Optional[str] = typer.Option(
        None, "--components", "-c",
        help="Comma-separated component names (default from settings; '' for cleaning only)."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Refuse inputs larger than this."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the input encoding."),
    locale: Optional[str] = typer.Option(None, "--locale", help="Outlet locale for dates, e.g. en-GB, en-US, id."),
    config: Optional[Path] = typer.Option(None, "--config", help="A slant.toml settings file."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Analyse articles and print or write the result."""
    from slant.analyze.process import make_pipeline, process_stream
    from slant.ingest.sources import SourceCursor, iter_corpus

    settings = _settings(config, max_bytes, encoding, components, locale)
    pipeline = make_pipeline(settings)
    failures: list[SlantError] = []
    done = 0
    cursor = SourceCursor()

    def documents():
        nonlocal done
        # the reader `slant ingest` uses: the same sources, the same per-record failures
        records = iter_corpus(paths, settings.read, cursor=cursor)
        progress = None
        show = not quiet and err.is_terminal and (len(paths) > 1 or any(Path(p).is_dir() for p in paths if p != "-"))
        if show:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            progress = Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=err,
                                transient=True)
            progress.start()
            task = progress.add_task("analyse", total=None, rate="")
        try:
            for item in process_stream(records, settings, pipeline, batch_size=settings.analyze.batch_size):
                if isinstance(item, SlantError):
                    failures.append(item)
                else:
                    done += 1
                    yield item
                if progress is not None:
                    elapsed = progress.tasks[0].elapsed or 1e-9
                    progress.update(task, advance=1, rate=f"{(done + len(failures)) / elapsed:.1f}/s")
        finally:
            if progress is not None:
                progress.stop()

    if format is Format.semeval_spans and output is not None and (output.is_dir() or str(output).endswith("/")):
        from slant.formats.semeval import write_span_files

        output.mkdir(parents=True, exist_ok=True)
        write_span_files(documents(), output)  # one article<ID>-labels-subtask-3.txt per article
    else:
        with _output(output) as out:
            _write_documents(documents(), format, out)
    if cursor.skipped_count:
        err.print(cursor.skipped_summary(), markup=False)
    if failures:
        err.print(f"[red]{len(failures)} of {done + len(failures)} inputs failed:[/red]")
        for failure in failures:
            err.print(f"  ✗ {failure}", markup=False)
    if output is not None and done:
        err.print(f"wrote {done} document{'s' if done != 1 else ''} to {output}", markup=False)
    if failures:
        raise typer.Exit(EXIT_ALL_FAILED if not done else EXIT_SOME_FAILED)


@app.command("train")
def train_cli(
    data: Path = typer.Argument(..., help="The SemEval-2023 Task 3 English folder (holds train-articles-subtask-3/)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Run folder for checkpoints and logs."),
    extra_2021: Optional[Path] = typer.Option(None, "--extra-2021", help="SemEval-2021 Task 6 folder: extra technique examples."),
    model_dir: Optional[Path] = typer.Option(None, "--model-dir",
                                             help="Where to write the model (src/slant/models/persuasion replaces the shipped one)."),
    epochs: int = typer.Option(4, "--epochs", min=1),
    seed: int = typer.Option(13, "--seed"),
    val_fraction: float = typer.Option(0.15, "--val-fraction", min=0.05, max=0.5),
    threads: int = typer.Option(1, "--threads", min=1),
    limit_articles: Optional[int] = typer.Option(None, "--limit-articles", min=1, help="Train on the first N articles (smoke runs)."),
    max_steps: Optional[int] = typer.Option(None, "--max-steps", min=1, help="Stop after N steps (smoke runs)."),
) -> None:
    """Train the persuasion model (needs the \\[train] extra: torch 2.13.0)."""
    from slant.train.run import train_cli_entry

    metrics = train_cli_entry(data, out, extra_2021=extra_2021, model_dir=model_dir, epochs=epochs, seed=seed,
                              val_fraction=val_fraction, threads=threads, limit_articles=limit_articles,
                              max_steps=max_steps, command=" ".join(["slant", "train", *sys.argv[2:]]))
    typer.echo(json.dumps(metrics, indent=2, default=str))


class Task(str, Enum):
    st1 = "st1"
    st2 = "st2"
    st3 = "st3"
    spans = "spans"


@app.command("evaluate")
def evaluate_cli(
    predictions: Optional[Path] = typer.Argument(None, help="Prediction file (st1/st2/st3) or span file/folder."),
    gold: Optional[Path] = typer.Argument(None, help="Gold file or folder in the same SemEval format."),
    task: Optional[Task] = typer.Option(None, "--task", "-t", help="st1 genre, st2 frames, st3 paragraph techniques, spans."),
    only_predicted: bool = typer.Option(False, "--only-predicted",
                                        help="Score only the articles present in the predictions."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON instead of a table."),
    cross_validate: Optional[Path] = typer.Option(
        None, "--cross-validate",
        help="The SemEval-2023 Task 3 English folder: re-run the model card's cross-validated report "
             "(5 folds by article, out-of-fold figures with 95% intervals; needs the \\[train] extra)."),
    extra_2021: Optional[Path] = typer.Option(None, "--extra-2021", help="With --cross-validate: SemEval-2021 Task 6 "
                                              "folder, extra training texts (never scored)."),
    out: Optional[Path] = typer.Option(None, "--out", help="With --cross-validate: folder for the cache and report."),
    threads: int = typer.Option(1, "--threads", min=1, help="With --cross-validate: torch/onnxruntime threads."),
) -> None:
    """Score predictions against gold with the official SemEval-2023 Task 3 definitions, or
    (--cross-validate DATA) reproduce the model card's cross-validated report."""
    if cross_validate is not None:
        _cross_validated_report(cross_validate, extra_2021, out, threads, as_json)
        return
    if predictions is None or gold is None or task is None:
        raise typer.BadParameter("give PREDICTIONS, GOLD and --task, or --cross-validate DATA")
    from slant.evaluate import evaluate, render_report

    report = evaluate(predictions, gold, task.value, only_predicted=only_predicted)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        render_report(report, Console(highlight=False))


def _cross_validated_report(data: Path, extra_2021: Optional[Path], out: Optional[Path], threads: int,
                            as_json: bool) -> None:
    try:
        import torch  # noqa: F401

        from slant.train.cv import render_cv_report, run_cv
    except ImportError as exc:  # torch is only in the [train] extra
        raise typer.BadParameter(f"--cross-validate needs the [train] extra ({exc}); pip install 'slant[train]'")
    import tempfile

    folder = out or Path(tempfile.mkdtemp(prefix="slant-cv-"))
    report = run_cv(data, folder, extra_2021=extra_2021, threads=threads)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        typer.echo(render_cv_report(report))


@app.command("ingest")
def ingest_cli(
    sources: list[str] = typer.Argument(..., help="Files, folders, globs, JSONL(.gz), WARC(.gz), RSS/Atom, CSV, or -."),
    db: Path = typer.Option(..., "--db", help="The store (an SQLite file; created if missing)."),
    analyze: bool = typer.Option(False, "--analyze/--no-analyze", help="Run the analysis components too."),
    components: Optional[str] = typer.Option(None, "--components", "-c", help="Components when analysing."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Local worker processes (Dask LocalCluster when analysing)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="A Dask scheduler address, tcp://HOST:PORT."),
    text_column: Optional[str] = typer.Option(None, "--text-column", help="CSV: the column holding the text."),
    config: Optional[Path] = typer.Option(None, "--config", help="A slant.toml settings file."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Add articles to the store; re-running resumes and never duplicates."""
    from slant.corpus.ingest import ingest
    from slant.ingest.sources import SourceOptions

    settings = _settings(config, None, None, components)
    options = SourceOptions(text_column=text_column) if text_column else None
    report = ingest(sources, str(db), settings=settings, analyze=analyze, workers=workers, scheduler=scheduler,
                    progress=not quiet and err.is_terminal, options=options)
    summary = report.to_dict()
    err.print(" ".join(f"{k}={v}" for k, v in summary.items() if k in
                       ("read", "stored", "duplicates", "skipped", "reanalysed", "failed", "linked",
                        "skipped_paths", "seconds")),
              markup=False)
    if report.skipped_paths:
        err.print(report.skipped_summary, markup=False)
    if report.failed:
        err.print(f"{report.failed} inputs failed; `slant failures --db {db}` lists them", markup=False)
        raise typer.Exit(EXIT_SOME_FAILED if report.stored or report.duplicates or report.skipped else EXIT_ALL_FAILED)


@app.command("failures")
def failures_cli(db: Path = typer.Option(..., "--db", help="The store.")) -> None:
    """List the inputs that failed during ingestion, with the reason."""
    from slant.corpus.stats import list_failures

    for row in list_failures(str(db)):
        typer.echo("\t".join(str(row.get(k) or "") for k in ("run_id", "source", "code", "message")))


@app.command("stats")
def stats_cli(
    db: Path = typer.Option(..., "--db", help="The store."),
    top: int = typer.Option(20, "--top", min=1),
    outlet: Optional[str] = typer.Option(
        None, "--outlet", help="Keep only this outlet's rows of the technique tables (its name as the store writes it)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
) -> None:
    """Techniques per outlet, month, story and speaker; top quoted people; outlet similarity; claims."""
    from slant.corpus.stats import stats
    from slant.store.outlets import null_outlets

    result = stats(str(db), top=top, outlet=outlet)
    if as_json:
        typer.echo(json.dumps(null_outlets(result), indent=2, default=str, ensure_ascii=False))
        return
    from rich.table import Table
    from rich.text import Text  # stored words are never markup: "[the president]", "[/b]"

    from slant.render import outlet_name
    from slant.store.outlets import OUTLET_COLUMNS

    from slant.corpus.stats import credited_words

    # a travelling quote's credits in words: the people the carriers give it to, by articles
    result["travelling_quotes"] = [
        {("credited_to" if k == "speaker" else k):
         (credited_words(r["speakers"], r["speakers_disagree"]) if k == "speaker" else v)
         for k, v in r.items() if k not in ("speakers", "speakers_disagree")} for r in result["travelling_quotes"]]
    console = Console(highlight=False)
    for name, rows in result.items():
        if not rows:
            continue
        if isinstance(rows, dict):  # the summary: one figure per line
            table = Table(title=name.replace("_", " "), show_header=False)
            for key, value in rows.items():
                table.add_row(str(key), Text(json.dumps(value) if isinstance(value, dict) else str(value)))
            console.print(table)
            continue
        table = Table(title=name.replace("_", " "))
        for column in rows[0]:
            table.add_column(str(column))
        for row in rows[:top]:
            table.add_row(*(Text(f"{v:.3f}" if isinstance(v, float) else
                                 ", ".join(map(str, v)) if isinstance(v, list) else
                                 outlet_name(v) if k in OUTLET_COLUMNS else str(v)) for k, v in row.items()))
        console.print(table)


class Table_(str, Enum):
    documents = "documents"
    spans = "spans"
    labels = "labels"
    quotes = "quotes"
    claims = "claims"
    entities = "entities"
    clusters = "clusters"
    links = "links"
    failures = "failures"
    runs = "runs"


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


@app.command("export")
def export_cli(
    db: Path = typer.Option(..., "--db", help="The store."),
    table: Table_ = typer.Option(..., "--table", help="What to export."),
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (stdout for csv/jsonl when absent)."),
) -> None:
    """Export a table of the store to Parquet, CSV or JSONL."""
    from slant.corpus.export import export

    if format is ExportFormat.parquet and output is None:
        raise SlantError("Parquet is binary and needs a file", hint="add -o FILE.parquet")
    count = export(str(db), table.value, format.value, str(output) if output else "-")
    err.print(f"exported {count} rows", markup=False)


@app.command("report")
def report_cli(
    db: Path = typer.Option(..., "--db", help="The store."),
    out: Path = typer.Option(..., "--out", help="Folder for report.html."),
) -> None:
    """Write a self-contained HTML report with charts (techniques over time, story timelines)."""
    from slant.corpus.report import report

    path = report(str(db), str(out))
    err.print(f"wrote {path}", markup=False)


class ReadAccess(str, Enum):
    public = "public"
    token = "token"


@app.command("serve")
def serve_cli(
    db: Path = typer.Option(..., "--db", help="The store to serve (created if missing)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    read_access: Optional[ReadAccess] = typer.Option(
        None, "--read-access", help="public: anyone may read; token: reading needs a token too."),
    components: Optional[str] = typer.Option(None, "--components", "-c",
                                             help="Components for analysis (default from settings)."),
    config: Optional[Path] = typer.Option(None, "--config", help="A slant.toml settings file."),
) -> None:
    """Start the web app and JSON API on the store (reading view, explorer, /api/v1)."""
    from slant.web import serve, web_settings

    settings = _settings(config, None, None, components)
    overrides = {"read_access": read_access.value} if read_access else {}
    serve(str(db), host, port, settings, web=web_settings(settings, **overrides))


token_app = typer.Typer(help="Create, list and revoke API tokens for the web app.", no_args_is_help=True)
app.add_typer(token_app, name="token")


class Scope(str, Enum):
    read = "read"
    write = "write"


@token_app.command("create")
def token_create_cli(
    name: str = typer.Argument(..., help="A name for the token (who or what uses it)."),
    db: Path = typer.Option(..., "--db", help="The store the web app serves."),
    scope: Scope = typer.Option(Scope.write, "--scope", help="read, or write (analyse-and-store, ingest, delete)."),
) -> None:
    """Create a token; it is printed once and stored only as a hash."""
    from slant.web import create_token

    token = create_token(str(db), name, scope.value)
    typer.echo(token)
    err.print(f"token '{name}' ({scope.value}) created; it is shown only now", markup=False)


@token_app.command("list")
def token_list_cli(db: Path = typer.Option(..., "--db", help="The store the web app serves.")) -> None:
    """List tokens (names, scopes, dates; never the tokens themselves)."""
    from slant.web import list_tokens

    for row in list_tokens(str(db)):
        typer.echo("\t".join(str(row.get(k) or "") for k in ("token_id", "name", "scope", "created", "revoked")))


@token_app.command("revoke")
def token_revoke_cli(
    name: str = typer.Argument(..., help="Token name or id."),
    db: Path = typer.Option(..., "--db", help="The store the web app serves."),
) -> None:
    """Revoke tokens by name or id."""
    from slant.errors import NotFoundError
    from slant.web import revoke_token

    count = revoke_token(str(db), name)
    if not count:
        raise NotFoundError(f"no active token has the name or id {name!r}",
                            hint="`slant token list --db PATH` shows the tokens and their ids")
    typer.echo(f"revoked {count} token{'s' if count != 1 else ''}")


@app.command("components")
def components_cli() -> None:
    """List the registered analysis components."""
    from slant.analyze.registry import registered

    for name, info in sorted(registered().items()):
        needs = f" needs {', '.join(info.requires)}" if info.requires else ""
        typer.echo(f"{name}\tadds {', '.join(info.provides) or '-'}{needs}\t{info.description}")


@app.command("version")
def version_cli() -> None:
    """Print Slant's version."""
    from slant import __version__

    typer.echo(__version__)


def main() -> None:
    """Entry point: run the app, turning SlantErrors into one line and an exit code."""
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else EXIT_OK)
    except SlantError as exc:
        err.print(f"error: {exc}", markup=False)
        # settings (E2xx) and pipeline (E3xx) errors are mistakes in how slant was called
        sys.exit(EXIT_USAGE if exc.code[:2] in ("E2", "E3") else EXIT_ALL_FAILED)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - last line of defence: one line, not a traceback
        # Typer ships its own copy of click; its usage errors have show() and an exit_code.
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(EXIT_USAGE)
        if os.environ.get("SLANT_DEBUG"):
            raise
        err.print(f"internal error: {type(exc).__name__}: {exc} (this is a bug in Slant; rerun with "
                  f"SLANT_DEBUG=1 for details and report it)", markup=False)
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
