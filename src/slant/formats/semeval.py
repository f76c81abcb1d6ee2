"""SemEval-2023 Task 3 files: writers for analysed Documents, readers for gold and prediction files.

Every format is tab separated, one record a line, each line ending in ``"\\n"``:

``semeval-st1``    ``ID<TAB>genre`` (subtask 1: reporting, opinion or satire)
``semeval-st2``    ``ID<TAB>frame1,frame2,...`` (subtask 2; no frames: ``ID<TAB>``)
``semeval-st3``    ``ID<TAB>paragraph<TAB>tech1,tech2,...`` (subtask 3; no techniques: ``ID<TAB>N<TAB>``)
``semeval-spans``  ``ID<TAB>technique<TAB>start<TAB>end`` (0-based raw-file offsets, end exclusive)

**IDs.** The ID is the article's number. It comes from ``doc.id`` (the input file's stem):
``"article111111111"`` and ``"article111111111-labels-subtask-3"`` both give ``"111111111"``;
an id without that shape loses a leading ``"article"`` and anything from ``"-labels"`` on, and
is otherwise written as it is.

**Paragraphs.** A subtask-3 paragraph id is the 1-based number of a raw line, splitting the raw
file text (BOM included) on ``"\\n"``. Every non-empty raw line gets a line, labelled or not, so the
output has exactly the lines of the official ``.template`` file; lines the cleaner removed as junk
get an empty technique list, except a removed line that repeats the title verbatim: it gets the
title's techniques (and, in ``semeval-spans``, copies of the title's spans), as annotators label
both copies. Techniques are listed alphabetically, as in the official gold file;
frames in the taxonomy order.

Readers accept a single file or a folder of ``*.txt`` files (one per article, as the official
per-article folders hold) and check names against the official label lists, so a file that the
official scorers would refuse is refused here too, with the file and line number.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, TextIO

from slant.analyze.taxonomy import FRAMES, GENRES, TECHNIQUE_NAMES
from slant.document import Document, Span
from slant.errors import ExportError, LabelFileError, UnknownLabel, UnreadablePath

Writer = Callable[[Iterable[Document], TextIO], int]

#: The numeric SemEval id at the start of a file stem: "article111111111-labels-subtask-3".
_ARTICLE_ID = re.compile(r"^article(\d+)")
#: Paragraph ids as the official gold files write them: positive, no leading zeros (the
#: official scorer compares them as strings, so "01" would not match "1").
_PARAGRAPH_ID = re.compile(r"^[1-9]\d*$")
_OFFSET = re.compile(r"^\d+$")
#: How many offending ids or names an error message lists before "...".
_SHOW = 5


# -- ids ------------------------------------------------------------------------------------------
def semeval_id(doc_id: str) -> str:
    """The SemEval article id for a Document id ("article111111111" -> "111111111")."""
    match = _ARTICLE_ID.match(doc_id)
    if match:
        return match.group(1)
    stem = doc_id.removeprefix("article").split("-labels", 1)[0]
    if not stem or any(c in stem for c in "\t\r\n,"):
        raise ExportError(f"document id {doc_id!r} cannot be written as a SemEval article id",
                          hint="name input files article<ID>.txt, as the SemEval folders do")
    return stem


# -- writers ------------------------------------------------------------------------------------
def write_st1(docs: Iterable[Document], out: TextIO) -> int:
    """Write ``ID<TAB>genre`` for each Document; returns the number of lines written."""
    count = 0
    for doc in docs:
        out.write(f"{semeval_id(doc.id)}\t{document_genre(doc)}\n")
        count += 1
    return count


def write_st2(docs: Iterable[Document], out: TextIO) -> int:
    """Write ``ID<TAB>frame1,frame2`` (selected frames, taxonomy order) for each Document."""
    count = 0
    for doc in docs:
        out.write(f"{semeval_id(doc.id)}\t{','.join(document_frames(doc))}\n")
        count += 1
    return count


def write_st3(docs: Iterable[Document], out: TextIO) -> int:
    """Write ``ID<TAB>line<TAB>techniques`` for every non-empty raw line of each Document."""
    count = 0
    for doc in docs:
        doc_id = semeval_id(doc.id)
        by_line = paragraph_techniques_by_line(doc)
        for number, line in enumerate(doc.raw.split("\n"), start=1):
            if _is_blank_line(line):
                continue
            out.write(f"{doc_id}\t{number}\t{','.join(by_line.get(number, ()))}\n")
            count += 1
    return count


def write_spans(docs: Iterable[Document], out: TextIO) -> int:
    """Write ``ID<TAB>technique<TAB>start<TAB>end`` (raw offsets) for each technique span."""
    count = 0
    for doc in docs:
        doc_id = semeval_id(doc.id)
        for technique, start, end in document_spans(doc):
            out.write(f"{doc_id}\t{technique}\t{start}\t{end}\n")
            count += 1
    return count


def write_span_files(docs: Iterable[Document], folder: str | Path) -> int:
    """Write one ``article<ID>-labels-subtask-3.txt`` span file per Document into ``folder``.

    Articles without spans get an empty file, so a scorer can tell "no spans" from "not predicted".
    Returns the number of span lines written.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnreadablePath(f"cannot create the output folder: {exc.strerror}", source=str(folder),
                             hint="choose a folder you may write to") from None
    count = 0
    for doc in docs:
        path = folder / f"article{semeval_id(doc.id)}-labels-subtask-3.txt"
        with path.open("w", encoding="utf-8", newline="") as out:
            count += write_spans([doc], out)
    return count


#: Output format name -> writer; the names ``slant analyze --format`` accepts.
FORMATS: dict[str, Writer] = {
    "semeval-st1": write_st1,
    "semeval-st2": write_st2,
    "semeval-st3": write_st3,
    "semeval-spans": write_spans,
}


def write_format(name: str, docs: Iterable[Document], out: TextIO) -> int:
    """Write ``docs`` to ``out`` in format ``name`` (a key of FORMATS); returns lines written."""
    writer = FORMATS.get(name)
    if writer is None:
        raise ExportError(f"unknown output format {name!r}", hint=f"use one of {', '.join(FORMATS)}")
    return writer(docs, out)


# -- what a Document says, in SemEval terms -------------------------------------------------------
def document_genre(doc: Document) -> str:
    """The selected genre (the highest-scoring one if none is marked selected)."""
    labels = doc.labels.get("genre")
    if not labels:
        raise ExportError("the document has no genre labels", source=doc.id or None)
    pool = [label for label in labels if label.selected] or labels
    best = max(pool, key=lambda label: label.score)  # max keeps the first of equal scores
    if best.label not in GENRES:
        raise UnknownLabel(f"genre {best.label!r} is not a SemEval genre ({', '.join(GENRES)})",
                           source=doc.id or None)
    return best.label


def document_frames(doc: Document) -> list[str]:
    """The selected frames in taxonomy order."""
    if "frames" not in doc.labels:
        raise ExportError("the document has no frame labels", source=doc.id or None)
    chosen = {label.label for label in doc.labels["frames"] if label.selected}
    _check_names(chosen, FRAMES, "frame", doc.id)
    return [frame for frame in FRAMES if frame in chosen]


def document_spans(doc: Document) -> list[tuple[str, int, int]]:
    """Sorted distinct (technique, raw start, raw end) of the ``techniques`` layer."""
    if "techniques" not in doc.layers:
        raise ExportError("the document has no techniques layer", source=doc.id or None)
    rows: set[tuple[int, int, str]] = set()
    for span in doc.layers["techniques"]:
        start, end = doc.raw_span(span)
        if end > start:  # a span lying wholly in a cleaner's separator has no raw characters
            rows.add((start, end, span.label))
    for title_start, title_end, repeat_start in title_repeats(doc):
        shift = repeat_start - title_start
        rows |= {(start + shift, end + shift, label) for start, end, label in list(rows)
                 if title_start <= start and end <= title_end}
    _check_names({label for _, _, label in rows}, TECHNIQUE_NAMES, "technique", doc.id)
    return [(label, start, end) for start, end, label in sorted(rows)]


def paragraph_techniques_by_line(doc: Document) -> dict[int, list[str]]:
    """Raw line number -> alphabetical techniques, from the ``paragraph_techniques`` layer.

    A span's line is its ``raw_line`` attribute; a paragraph (``attrs["paragraph"]``) also gives
    every raw line its raw span covers, so a paragraph the cleaner built from several raw lines
    labels all of them. Without either, the span's own raw extent decides.
    """
    if "paragraph_techniques" not in doc.layers:
        raise ExportError("the document has no paragraph_techniques layer", source=doc.id or None)
    if not doc.raw and doc.text:
        raise ExportError("the document's raw text is missing, so raw line numbers are unknown",
                          source=doc.id or None,
                          hint="analyse the original files again, or keep the raw text in the JSON")
    lines = doc.raw.split("\n")
    by_line: dict[int, set[str]] = defaultdict(set)
    for span in doc.layers["paragraph_techniques"]:
        for number in _span_lines(doc, span, lines):
            by_line[number].add(span.label)
    for title_start, _, repeat_start in title_repeats(doc):
        names = by_line.get(doc.raw_line(title_start))
        if names:
            by_line[doc.raw_line(repeat_start)] |= names
    _check_names({name for names in by_line.values() for name in names}, TECHNIQUE_NAMES,
                 "technique", doc.id)
    return {number: sorted(names) for number, names in by_line.items()}


def title_repeats(doc: Document) -> list[tuple[int, int, int]]:
    """(title raw start, title raw end, repeat raw start) for each raw line the cleaner removed
    that holds the title paragraph's text verbatim (SemEval files often repeat the headline under
    it, and annotators label both copies alike): the SemEval outputs give such a line the title's
    techniques and spans, as the same text gets them on the title line."""
    title = next((p for p in doc.paragraphs[:1] if p.attrs.get("kind") == "title"), None)
    if title is None or not doc.removed or not doc.raw:
        return []
    start, end = doc.raw_span(title)
    text = doc.raw[start:end]
    core = text.strip()
    if not core:
        return []
    start += text.index(core)
    end = start + len(core)
    out = []
    for line in doc.removed:
        removed = doc.raw[line.raw_start:line.raw_end]
        if removed.strip() == core:
            out.append((start, end, line.raw_start + removed.index(core)))
    return out


def _span_lines(doc: Document, span: Span, lines: list[str]) -> set[int]:
    numbers: set[int] = set()
    explicit = [span.attrs.get("raw_line")]
    index = span.attrs.get("paragraph")
    anchor = span
    if index is not None:
        if not (isinstance(index, int) and 0 <= index < len(doc.paragraphs)):
            raise ExportError(f"paragraph_techniques span points at paragraph {index!r}, but the "
                              f"document has {len(doc.paragraphs)} paragraphs", source=doc.id or None,
                              hint="this is a bug in the component that made the layer: please report it")
        anchor = doc.paragraphs[index]
        explicit.append(anchor.attrs.get("raw_line"))
    for number in explicit:
        if number is None:
            continue
        if not (isinstance(number, int) and 1 <= number <= len(lines)) or _is_blank_line(lines[number - 1]):
            raise ExportError(f"raw_line {number!r} is not a non-empty line of the raw text "
                              f"({len(lines)} lines)", source=doc.id or None,
                              hint="raw_line must be the 1-based raw line number of the paragraph")
        numbers.add(number)
    if index is not None or not numbers:
        start, end = doc.raw_span(anchor)
        first = doc.raw_line(start)
        last = doc.raw_line(end - 1) if end > start else first
        numbers.update(n for n in range(first, last + 1)
                       if n <= len(lines) and not _is_blank_line(lines[n - 1]))
    return numbers


def _is_blank_line(line: str) -> bool:
    # The official templates skip empty lines; a lone "\r" of a CRLF file counts as empty too.
    return line == "" or line == "\r"


def _check_names(names: Collection[str], allowed: Collection[str], kind: str, doc_id: str) -> None:
    unknown = sorted(set(names) - set(allowed))
    if unknown:
        raise UnknownLabel(f"unknown {kind} name(s): {', '.join(map(repr, unknown[:_SHOW]))}",
                           source=doc_id or None)


# -- readers ------------------------------------------------------------------------------------
def read_label_list(path: str | Path) -> list[str]:
    """A label list file (one name a line, like ``scorers/techniques_subtask3.txt``)."""
    names = [line.strip() for _, _, line in _iter_lines(Path(path), None)]
    names = [name for name in names if name]
    if not names:
        raise LabelFileError("the label list is empty", source=str(path))
    return names


def read_st1(path: str | Path, *, labels: Collection[str] = GENRES,
             warnings: list[str] | None = None) -> dict[str, str]:
    """Subtask-1 file or folder -> {article id: genre}."""
    result: dict[str, str] = {}
    for where, line in _records(Path(path), warnings):
        cols = line.rstrip().split("\t")
        if len(cols) != 2 or not cols[0] or not cols[1]:
            raise LabelFileError(f"expected `ID<TAB>label`, found {_show(line)}", source=where)
        _check_line_names([cols[1]], labels, "genre", where)
        _put(result, cols[0], cols[1], where)
    return result


def read_st2(path: str | Path, *, labels: Collection[str] = FRAMES,
             warnings: list[str] | None = None) -> dict[str, list[str]]:
    """Subtask-2 file or folder -> {article id: [frames]}."""
    result: dict[str, list[str]] = {}
    for where, line in _records(Path(path), warnings):
        article, tab, rest = line.partition("\t")
        if not tab or not article or "\t" in rest.rstrip():
            raise LabelFileError(f"expected `ID<TAB>frame1,frame2`, found {_show(line)}", source=where)
        names = _split_names(rest.rstrip())
        if not names and rest != "\n" and warnings is not None:
            # The official reader only takes "ID\t\n" as an empty list; anything else it reads
            # as the empty frame name "" and refuses the file.
            warnings.append(f"{where}: empty frame list not written as `ID<TAB>` + newline; "
                            "the official scorer would refuse this line")
        _check_line_names(names, labels, "frame", where)
        _put(result, article, names, where)
    return result


def read_st3(path: str | Path, *, labels: Collection[str] = TECHNIQUE_NAMES,
             warnings: list[str] | None = None) -> dict[tuple[str, int], list[str]]:
    """Subtask-3 file or folder -> {(article id, paragraph id): [techniques]}."""
    result: dict[tuple[str, int], list[str]] = {}
    for where, line in _records(Path(path), warnings):
        cols = line.rstrip().split("\t")
        if not 2 <= len(cols) <= 3 or not cols[0] or not _PARAGRAPH_ID.match(cols[1]):
            raise LabelFileError(f"expected `ID<TAB>paragraph<TAB>tech1,tech2`, found {_show(line)}",
                                 source=where)
        names = _split_names(cols[2]) if len(cols) == 3 else []
        _check_line_names(names, labels, "technique", where)
        _put(result, (cols[0], int(cols[1])), names, where)
    return result


def read_spans(path: str | Path, *, labels: Collection[str] = TECHNIQUE_NAMES,
               warnings: list[str] | None = None) -> dict[str, list[tuple[str, int, int]]]:
    """Span file or folder -> {article id: [(technique, start, end)]}, sorted.

    In a folder, each ``article<ID>...txt`` file counts as predicted even when empty, so its
    article appears with an empty list; a single file only names the articles that have spans.
    """
    path = Path(path)
    result: dict[str, list[tuple[str, int, int]]] = {}
    if path.is_dir():
        for file in _folder_files(path):
            match = _ARTICLE_ID.match(file.name)
            if match:
                result.setdefault(match.group(1), [])
    mismatched: set[str] = set()
    for where, line in _records(path, warnings):
        cols = line.rstrip("\r\n").split("\t")
        if (len(cols) != 4 or not cols[0] or not _OFFSET.match(cols[2]) or not _OFFSET.match(cols[3])
                or int(cols[2]) >= int(cols[3])):
            raise LabelFileError(f"expected `ID<TAB>technique<TAB>start<TAB>end` with "
                                 f"0 <= start < end, found {_show(line)}", source=where)
        _check_line_names([cols[1]], labels, "technique", where)
        file_name = where.rsplit(":", 1)[0]
        match = _ARTICLE_ID.match(Path(file_name).name) if path.is_dir() else None
        if match and match.group(1) != cols[0] and file_name not in mismatched:
            mismatched.add(file_name)
            if warnings is not None:
                warnings.append(f"{file_name}: holds spans of article {cols[0]}, "
                                f"not of article {match.group(1)} that its name gives")
        result.setdefault(cols[0], []).append((cols[1], int(cols[2]), int(cols[3])))
    for spans in result.values():
        spans.sort(key=lambda row: (row[1], row[2], row[0]))
    return result


def _split_names(text: str) -> list[str]:
    return text.split(",") if text else []


def _check_line_names(names: Iterable[str], allowed: Collection[str], kind: str, where: str) -> None:
    unknown = [name for name in names if name not in allowed]
    if unknown:
        raise UnknownLabel(f"unknown {kind} name(s): {', '.join(map(repr, unknown[:_SHOW]))}",
                           source=where)


def _put(result: dict, key, value, where: str) -> None:
    if key in result:
        shown = key if isinstance(key, str) else " paragraph ".join(map(str, key))
        raise LabelFileError(f"article {shown} is listed twice", source=where,
                             hint="keep one line per article (per paragraph in subtask 3)")
    result[key] = value


def _show(line: str) -> str:
    text = line.rstrip("\r\n")
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _records(path: Path, warnings: list[str] | None) -> Iterator[tuple[str, str]]:
    """(``file:line``, line) for each non-blank line; blank lines are skipped with a warning."""
    for file, number, line in _iter_lines(path, warnings):
        where = f"{file}:{number}"
        if not line.strip():
            if warnings is not None:
                warnings.append(f"{where}: blank line skipped (the official scorer refuses blank lines)")
            continue
        yield where, line


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".txt")


def _iter_lines(path: Path, warnings: list[str] | None) -> Iterator[tuple[str, int, str]]:
    if path.is_dir():
        files = _folder_files(path)
        if not files:
            raise LabelFileError("the folder holds no .txt label files", source=str(path))
    elif path.is_file():
        files = [path]
    else:
        raise UnreadablePath("no such label file or folder", source=str(path))
    for file in files:
        try:
            # Universal newlines, as the official scorers read their files.
            with file.open(encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    if number == 1 and line.startswith("\ufeff"):
                        line = line[1:]
                        if warnings is not None:
                            warnings.append(f"{file}: starts with a byte-order mark; the official "
                                            "scorer would read it as part of the first id")
                    yield str(file), number, line
        except UnicodeDecodeError as exc:
            raise LabelFileError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", source=str(file),
                                 hint="label files must be UTF-8, as the official scorers read them") from None
        except OSError as exc:
            raise UnreadablePath(f"cannot read the file: {exc.strerror}", source=str(file)) from None
