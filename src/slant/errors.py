"""One exception tree for Slant: every error has a code, says what happened and what to do."""

from __future__ import annotations

import contextlib
from typing import Iterator


class SlantError(Exception):
    """Root of every error Slant raises on purpose.

    Each instance carries a stable ``code`` (``E012``), a one-line ``message`` saying what happened,
    a ``hint`` saying what to do about it, and optionally the ``source`` (file, URL, record id) it
    concerns. ``str(error)`` is the one line the CLI prints.
    """

    code = "E000"
    hint = ""

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        tail = f" ({self.hint})" if self.hint else ""
        return f"[{self.code}] {where}{self.message}{tail}"

    def to_dict(self) -> dict:
        return {"code": self.code, "source": self.source, "message": self.message, "hint": self.hint}


class InputError(SlantError):
    """The input cannot be read or is not an article."""

    code = "E100"
    hint = "check the input file; `slant analyze --help` lists the formats Slant reads"


class EmptyInput(InputError):
    code = "E101"
    hint = "give a file that contains the article's text"


class BinaryInput(InputError):
    code = "E102"
    hint = "give a text, HTML or JSONL file; PDFs and images must be converted to text first"


class UnreadablePath(InputError):
    code = "E103"
    hint = "check that the path exists and that you may read it"


class InputTooLarge(InputError):
    code = "E104"
    hint = "raise the limit with --max-bytes or SLANT_MAX_BYTES, or split the file"


class NoArticleFound(InputError):
    code = "E105"
    hint = "the page holds no article text; save the article page itself, or pass the text"


class EncodingError(InputError):
    code = "E106"
    hint = "re-save the file as UTF-8, or name its encoding with --encoding"


class BadRecord(InputError):
    code = "E107"
    hint = 'each JSONL line must be an object with "text" or "html"'


class UnknownFormat(InputError):
    code = "E108"
    hint = "use a .txt, .html or .jsonl file, or a folder of them"


class UnwritablePath(InputError):
    """An output path (``-o``, ``--out``) cannot be written: no permission, a read-only or special file
    system (``/proc``), no room left, a folder where a file is wanted."""

    code = "E109"
    hint = "check that the folder exists, that you may write there and that the disk has room; or give another path"


@contextlib.contextmanager
def writing(path: object) -> Iterator[None]:
    """Turn the OSError of writing the output ``path`` (the file, its folder, its temporary twin) into
    :class:`UnwritablePath` naming ``path``: the system refusing a path is not a bug in Slant."""
    try:
        yield
    except BrokenPipeError:
        raise  # stdout's reader went away: the CLI ends quietly
    except OSError as exc:
        raise UnwritablePath(f"cannot write here: {exc.strerror or exc}", source=str(path)) from exc


class SettingsError(SlantError):
    """The settings contradict each other or hold an impossible value."""

    code = "E200"
    hint = "fix the value in slant.toml or the SLANT_* environment variable"


class PipelineError(SlantError):
    """Components are missing, unknown, or listed in an order that cannot work."""

    code = "E300"
    hint = "list components so that each one comes after the ones it needs (see `slant components`)"


class UnknownComponent(PipelineError):
    code = "E301"
    hint = "run `slant components` to list the registered names"


class ComponentFailed(PipelineError):
    code = "E302"
    hint = "this is a bug in Slant: please report it with the input that caused it"


class SpanError(SlantError):
    """A span does not fit the text it annotates."""

    code = "E400"
    hint = "spans need 0 <= start <= end <= len(text)"


class SchemaError(SlantError):
    """A serialised Document does not match the schema."""

    code = "E500"
    hint = "the JSON was written by another Slant version or edited by hand; re-run `slant analyze`"


class ModelError(SlantError):
    """A model file is missing or cannot be loaded."""

    code = "E600"
    hint = "reinstall Slant (the model files ship inside the package) or pass --model DIR"


def all_error_classes() -> list[type[SlantError]]:
    """Every SlantError subclass, for checking that codes are unique."""
    found: list[type[SlantError]] = []
    stack: list[type[SlantError]] = [SlantError]
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return found


# -- SemEval export and evaluation (slant.formats.semeval, slant.evaluate) ----------------------
class EvaluationError(SlantError):
    """A label or prediction file cannot be scored."""

    code = "E850"
    hint = "see `slant evaluate --help` for the expected files"


class LabelFileError(EvaluationError):
    code = "E851"
    hint = ("each line must follow the SemEval-2023 Task 3 format: `ID<TAB>label` (subtask 1), "
            "`ID<TAB>l1,l2` (subtask 2), `ID<TAB>paragraph<TAB>l1,l2` (subtask 3) or "
            "`ID<TAB>technique<TAB>start<TAB>end` (spans)")


class UnknownLabel(EvaluationError):
    code = "E852"
    hint = "use the exact names of the official scorers' label lists (see `slant.analyze.taxonomy`)"


class IdMismatch(EvaluationError):
    code = "E853"
    hint = ("predict every article and paragraph of the gold file, or pass --only-predicted to "
            "score just the articles the prediction holds")


class UnknownTask(EvaluationError):
    code = "E854"
    hint = "use one of st1, st2, st3, spans (or semeval-st1, semeval-st2, semeval-st3, semeval-spans)"


class ExportError(SlantError):
    """A Document lacks what a SemEval output format needs."""

    code = "E855"
    hint = "analyse the articles with the techniques, frames and genre components and keep the raw text"


# -- The embedded store and corpus ingestion (slant.store, slant.corpus.ingest) ----------------
class StoreError(SlantError):
    """The corpus store cannot be opened, read or written."""

    code = "E700"
    hint = "check the --db path, that the disk has room, and that no other ingest writes the same file"


class StoreLocked(StoreError):
    code = "E701"
    hint = "another process is writing this store; wait for it to finish (one writer at a time)"


class StoreTooNew(StoreError):
    code = "E702"
    hint = "this store was written by a newer Slant; upgrade Slant to read it"


class NotAStore(StoreError):
    code = "E703"
    hint = "the --db file exists but is not a Slant store; give a new path or the right file"


class StoreDamaged(NotAStore):
    """SQLite reads pages of the store as damaged ("database disk image is malformed") and the file has
    not changed since it was opened: a disk fault, a copy cut short, or the file edited from outside.
    Running the command again reads the same damaged pages."""

    code = "E709"
    hint = ("the store's file is damaged; running the command again will not mend it: restore it from a backup, or "
            "recover what SQLite can still read into a new file (`sqlite3 corpus.db .recover | sqlite3 "
            "recovered.db`) and give that one as --db")


class StoreReadOnly(StoreError):
    """A write (store, delete, a job with ``store``) asked of a server whose user cannot write its store."""

    code = "E707"
    hint = ("articles can be read and analysed here, not stored or deleted: serve the store as a user who can write "
            "it and its folder, or serve a copy in a folder you can write")


class StoreChanged(StoreLocked):
    """The store changed on disk while it was read without locks (``immutable``: its user cannot write
    the store's folder, so SQLite cannot see a writer's changes coming)."""

    code = "E708"
    hint = ("run the command or request again (a server opens the store anew at the next request); while someone "
            "is still writing it, wait until they have finished")


class UnknownTable(StoreError):
    code = "E704"
    hint = "export one of: documents, spans, labels, quotes, entities, clusters, failures, runs"


class UnknownOutlet(StoreError):
    """``--outlet`` names an outlet no article in the store names (a typo would otherwise give the
    whole store's figures as if they were that outlet's)."""

    code = "E705"
    hint = "give the outlet as the store writes it (`slant stats --json` lists them under techniques_per_outlet)"


class DamagedDocument(StoreError):
    """One stored article's Document does not decode (a disk fault, or the file edited from outside);
    the rest of the store reads as before."""

    code = "E706"
    hint = ("only this article is affected: delete it and ingest its source again (re-ingesting alone keeps the "
            "damaged copy). No `slant` command deletes one article: run `slant serve --db STORE` and send "
            "`DELETE /api/v1/articles/ID` with a write token (`slant token create --db STORE NAME`), or ingest the "
            "sources into a new store")


class BrokenSource(InputError):
    """A whole source (archive, feed, CSV) or one record in it cannot be read."""

    code = "E150"
    hint = "the file is truncated or malformed; the rest of the run goes on, fix or drop the file and re-run"


class NoSources(InputError):
    code = "E151"
    hint = "give files, folders or glob patterns that exist (.txt, .html, .jsonl[.gz], .warc[.gz], .rss/.atom/.xml, .csv)"


class BadCsv(InputError):
    code = "E152"
    hint = "name the text column with --text-column (found columns are listed above)"


# -- The web app and JSON API (slant.web) ----------------------------------------------------
class WebError(SlantError):
    """A request to `slant serve` cannot be answered as asked."""

    code = "E900"
    hint = "see /docs (OpenAPI) for the endpoints and their parameters"


class AuthRequired(WebError):
    code = "E901"
    hint = "send an API token as 'Authorization: Bearer TOKEN' (create one with `slant token create`)"


class TokenForbidden(WebError):
    code = "E902"
    hint = "this needs a token with the 'write' scope: `slant token create NAME --scope write`"


class RateLimited(WebError):
    code = "E903"
    hint = "wait for the number of seconds in the Retry-After header, then retry"


class BodyTooLarge(WebError):
    code = "E904"
    hint = "send a smaller body, split the batch, or raise SLANT_WEB_MAX_BODY_BYTES on the server"


class UriTooLong(WebError):
    code = "E908"
    hint = ("shorten the query: search for a few words, not a passage, and send long input in a POST "
            "body (POST /api/v1/analyze)")


class HeadersTooLarge(WebError):
    code = "E909"
    hint = "send fewer or shorter headers (clear this site's cookies if they have piled up)"


class CsrfFailed(WebError):
    code = "E905"
    hint = "reload the page and submit the form again (the form's security token was missing or stale)"


class NotFoundError(WebError):
    code = "E906"
    hint = "check the id or name; list what exists with GET /api/v1/articles, /clusters or /outlets"


class JobError(WebError):
    code = "E907"
    hint = "check the job id (jobs are kept in memory and lost when the server restarts)"
