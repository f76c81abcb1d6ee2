"""SemEval-2023 Task 3 writers and readers, checked against the official scorers' own parsers."""

from __future__ import annotations

import importlib.util
import io
import os
from pathlib import Path

import pytest

from slant.document import Document, Label, OffsetMap, Span
from slant.errors import ExportError, LabelFileError, SlantError, UnknownLabel, UnreadablePath
from slant.evaluate import evaluate
from slant.formats.semeval import (
    FORMATS, paragraph_techniques_by_line, read_spans, read_st1, read_st2, read_st3, semeval_id,
    write_format, write_span_files, write_spans, write_st1, write_st2, write_st3,
)

DATA = Path(os.environ.get("SLANT_DATA") or Path(__file__).parents[1].parent / "shared" / "data")
SEMEVAL = DATA / "semeval2023-task3-en"
SCORERS = SEMEVAL / "scorers"


# -- building Documents by hand -------------------------------------------------------------------
def make_doc(raw: str, *, doc_id: str = "article123", junk: frozenset[int] = frozenset(),
             paragraph_techniques: dict[int, list[str]] | None = None,
             techniques: list[tuple[str, str]] = (), frames: dict[str, bool] | None = None,
             genre: dict[str, float] | None = None, raw_line_attr: bool = True) -> Document:
    """A Document cleaned the way Slant's cleaner does it: kept raw lines joined by blank lines.

    ``junk`` holds raw line numbers the "cleaner" removed; ``paragraph_techniques`` maps a raw line
    number to techniques; ``techniques`` are (technique, quoted phrase) pairs, the phrase unique
    in the raw text, so its raw offsets are ``raw.index(phrase)``.
    """
    pieces: list[str] = []
    segments: list[tuple[int, int, int]] = []
    paragraphs: list[Span] = []
    clean = raw_pos = 0
    for number, line in enumerate(raw.split("\n"), start=1):
        line_start, raw_pos = raw_pos, raw_pos + len(line) + 1
        if not line or number in junk:
            continue
        skip = 1 if line_start == 0 and line.startswith("\ufeff") else 0  # the cleaner drops a BOM
        text = line[skip:]
        if pieces:
            clean += 2
        segments.append((clean, line_start + skip, len(text)))
        attrs = {"kind": "title" if not paragraphs else "body"}
        if raw_line_attr:
            attrs["raw_line"] = number
        paragraphs.append(Span(clean, clean + len(text), attrs=attrs))
        pieces.append(text)
        clean += len(text)
    doc = Document("\n\n".join(pieces), id=doc_id, raw=raw, offsets=OffsetMap(segments))
    doc.set_paragraphs(paragraphs)
    by_raw_line = {p.attrs.get("raw_line", doc.raw_line(doc.raw_span(p)[0])): i
                   for i, p in enumerate(doc.paragraphs)}
    layer = []
    for number, names in (paragraph_techniques or {}).items():
        index = by_raw_line[number]
        para = doc.paragraphs[index]
        attrs = {"paragraph": index, "raw_line": number} if raw_line_attr else {"paragraph": index}
        layer.extend(Span(para.start, para.end, name, 0.9, dict(attrs)) for name in names)
    doc.add_layer("paragraph_techniques", layer)
    spans = []
    for name, phrase in techniques:
        start = doc.text.index(phrase)
        spans.append(Span(start, start + len(phrase), name, 0.8))
    doc.add_layer("techniques", spans)
    doc.set_labels("frames", [Label(f, 0.9 if chosen else 0.1, chosen) for f, chosen in (frames or {}).items()])
    doc.set_labels("genre", [Label(g, s, s == max((genre or {"opinion": 1.0}).values()))
                             for g, s in (genre or {"opinion": 1.0}).items()])
    return doc


RAW_A = (
    "Mayor promises cheaper buses\n"
    "\n"
    "The mayor said the plan would save every family a fortune.\n"
    "Critics called it a reckless stunt by a failing administration.\n"
    "\n"
    "Share this article on Facebook\n"  # junk line the cleaner removes
    "Residents will vote in May."
)


def doc_a(**kwargs) -> Document:
    options = dict(
        doc_id="article111", junk=frozenset({6}),
        paragraph_techniques={3: ["Loaded_Language", "Exaggeration-Minimisation"],
                              4: ["Name_Calling-Labeling", "Loaded_Language"]},
        techniques=[("Exaggeration-Minimisation", "save every family a fortune"),
                    ("Name_Calling-Labeling", "a failing administration"),
                    ("Loaded_Language", "reckless stunt")],
        frames={"Political": True, "Economic": True, "Morality": False},
        genre={"reporting": 0.7, "opinion": 0.2, "satire": 0.1},
    )
    options.update(kwargs)
    return make_doc(RAW_A, **options)


RAW_BOM = "\ufeffWar of words\n\nThey are traitors, all of them.\n\nNothing else."


def doc_bom(**kwargs) -> Document:
    options = dict(doc_id="article222", paragraph_techniques={1: ["Slogans"], 3: ["Name_Calling-Labeling"]},
                   techniques=[("Name_Calling-Labeling", "traitors"), ("Slogans", "War of words")],
                   frames={"Security_and_defense": True}, genre={"opinion": 0.8, "reporting": 0.2})
    options.update(kwargs)
    return make_doc(RAW_BOM, **options)


def written(writer, docs) -> str:
    out = io.StringIO()
    writer(docs, out)
    return out.getvalue()


# -- writers ----------------------------------------------------------------------------------------
def test_formats_semeval_st3_writes_every_nonempty_raw_line():
    assert written(write_st3, [doc_a()]) == (
        "111\t1\t\n"
        "111\t3\tExaggeration-Minimisation,Loaded_Language\n"
        "111\t4\tLoaded_Language,Name_Calling-Labeling\n"
        "111\t6\t\n"  # removed as junk: still a template line, with no techniques
        "111\t7\t\n"
    )


def test_formats_semeval_st3_bom_line_is_paragraph_one():
    assert written(write_st3, [doc_bom()]) == "222\t1\tSlogans\n222\t3\tName_Calling-Labeling\n222\t5\t\n"


def test_formats_semeval_st3_maps_paragraphs_without_raw_line_attrs():
    # Without raw_line attributes the writer must find the line from the paragraph's raw span.
    assert written(write_st3, [doc_bom(raw_line_attr=False)]) == written(write_st3, [doc_bom()])
    assert written(write_st3, [doc_a(raw_line_attr=False)]) == written(write_st3, [doc_a()])


def test_formats_semeval_st3_span_without_attrs_uses_its_raw_extent():
    doc = doc_a(paragraph_techniques={})
    start = doc.text.index("Residents")
    doc.add_layer("paragraph_techniques", [Span(start, start + 9, "Doubt")])
    assert paragraph_techniques_by_line(doc) == {7: ["Doubt"]}


def test_formats_semeval_st3_paragraph_over_several_raw_lines_labels_each():
    raw = "Title\n\nfirst half\nsecond half"
    doc = Document("Title\n\nfirst half second half", id="article9", raw=raw,
                   offsets=OffsetMap([(0, 0, 5), (7, 7, 22)]))
    doc.set_paragraphs([Span(0, 5), Span(7, 29)])
    doc.add_layer("paragraph_techniques", [Span(7, 29, "Doubt", attrs={"paragraph": 1})])
    assert written(write_st3, [doc]) == "9\t1\t\n9\t3\tDoubt\n9\t4\tDoubt\n"


def test_formats_semeval_st3_rejects_raw_line_on_empty_line():
    doc = doc_a()
    doc.layers["paragraph_techniques"][0].attrs["raw_line"] = 2
    with pytest.raises(ExportError):
        written(write_st3, [doc])


def test_formats_semeval_st3_needs_raw_text():
    doc = doc_a()
    doc.raw = ""
    with pytest.raises(ExportError, match="raw text"):
        written(write_st3, [doc])


def test_formats_semeval_spans_use_raw_offsets_bom_included():
    lines = written(write_spans, [doc_bom(), doc_a()]).splitlines()
    assert lines[:2] == [f"222\tSlogans\t1\t13", f"222\tName_Calling-Labeling\t{RAW_BOM.index('traitors')}"
                                                 f"\t{RAW_BOM.index('traitors') + 8}"]
    assert RAW_BOM[1:13] == "War of words"  # the BOM is character 0
    start = RAW_A.index("reckless stunt")
    assert f"111\tLoaded_Language\t{start}\t{start + 14}" in lines
    assert len(lines) == 5


RAW_REPEAT = (
    "Shameless mayors bleed the city dry\n"
    "\n"
    "Shameless mayors bleed the city dry\n"  # the headline again: the cleaner removes it
    "The council approved a budget on Tuesday that raises bus fares by a fifth for the third year running.\n"
    "\n"
    "Residents said the increase would hit the poorest families hardest.\n"
)


def doc_repeat(raw: str = RAW_REPEAT) -> Document:
    """The real cleaner's Document, with the model's layers set by hand on the title paragraph."""
    from slant.clean import clean_record
    from slant.ingest.record import RawRecord

    doc = clean_record(RawRecord(id="article555", source="article555.txt", raw=raw))
    title = doc.paragraphs[0]
    doc.add_layer("paragraph_techniques", [Span(title.start, title.end, "Loaded_Language", 0.9,
                                                {"paragraph": 0, "raw_line": 1})])
    start = doc.text.index("bleed the city dry")
    doc.add_layer("techniques", [Span(start, start + len("bleed the city dry"), "Loaded_Language", 0.8)])
    return doc


def test_formats_semeval_repeated_title_gets_the_titles_techniques_and_spans():
    # SemEval files repeat the headline under it and annotators label both copies alike; the
    # cleaner removes the copy, which left its line empty in both outputs.
    doc = doc_repeat()
    assert [r.reason for r in doc.removed] == ["repeated title"]
    assert written(write_st3, [doc]) == "555\t1\tLoaded_Language\n555\t3\tLoaded_Language\n555\t4\t\n555\t6\t\n"
    first = RAW_REPEAT.index("bleed the city dry")
    second = RAW_REPEAT.index("bleed the city dry", first + 1)
    assert written(write_spans, [doc]).splitlines() == [f"555\tLoaded_Language\t{first}\t{first + 18}",
                                                         f"555\tLoaded_Language\t{second}\t{second + 18}"]


def test_formats_semeval_removed_line_that_only_resembles_the_title_stays_empty():
    raw = RAW_REPEAT.replace("Shameless mayors bleed the city dry\nThe", "Shameless mayors bleed the city dry | Daily Bugle\nThe")
    doc = doc_repeat(raw)
    lines = written(write_st3, [doc]).splitlines()
    assert lines[0] == "555\t1\tLoaded_Language" and lines[1] == "555\t3\t"
    assert len(written(write_spans, [doc]).splitlines()) == 1


def test_formats_semeval_st2_selected_frames_in_taxonomy_order():
    assert written(write_st2, [doc_a(), doc_a(doc_id="article5", frames={"Morality": False})]) == (
        "111\tEconomic,Political\n5\t\n")


def test_formats_semeval_st1_writes_selected_genre_or_best():
    doc = doc_a()
    assert written(write_st1, [doc]) == "111\treporting\n"
    for label in doc.labels["genre"]:
        label.selected = False
    doc.labels["genre"] = list(reversed(doc.labels["genre"]))
    assert written(write_st1, [doc]) == "111\treporting\n"  # highest score when none is selected


@pytest.mark.parametrize("writer", [write_st1, write_st2, write_st3, write_spans])
def test_formats_semeval_missing_layer_is_a_clear_error(writer):
    doc = Document("Some text.", id="article1")
    with pytest.raises(ExportError) as info:
        written(writer, [doc])
    assert info.value.code == "E855"


def test_formats_semeval_unknown_technique_name_refused():
    doc = doc_a(paragraph_techniques={3: ["Loaded_language"]})
    with pytest.raises(UnknownLabel):
        written(write_st3, [doc])


@pytest.mark.parametrize("doc_id, expected", [
    ("article111111111", "111111111"),
    ("article111111111-labels-subtask-3", "111111111"),
    ("article42.txt", "42"),
    ("putin-nato-daily-post", "putin-nato-daily-post"),
    ("article0042-labels-subtask-3", "0042"),
])
def test_formats_semeval_id_from_document_id(doc_id, expected):
    assert semeval_id(doc_id) == expected


@pytest.mark.parametrize("doc_id", ["", "article", "a\tb"])
def test_formats_semeval_id_refuses_unwritable(doc_id):
    with pytest.raises(ExportError):
        semeval_id(doc_id)


def test_formats_semeval_write_format_dispatches_and_refuses_unknown():
    out = io.StringIO()
    assert set(FORMATS) == {"semeval-st1", "semeval-st2", "semeval-st3", "semeval-spans"}
    assert write_format("semeval-st3", iter([doc_a(), doc_bom()]), out) == 8
    with pytest.raises(ExportError, match="unknown output format"):
        write_format("semeval-st4", [doc_a()], io.StringIO())


# -- round trips through the readers -------------------------------------------------------------
def test_formats_semeval_st3_round_trip(tmp_path):
    docs = [doc_a(), doc_bom()]
    path = tmp_path / "st3.txt"
    path.write_text(written(write_st3, docs), encoding="utf-8")
    expected = {}
    for doc in docs:
        by_line = paragraph_techniques_by_line(doc)
        for number, line in enumerate(doc.raw.split("\n"), start=1):
            if line:
                expected[(semeval_id(doc.id), number)] = by_line.get(number, [])
    assert read_st3(path) == expected


def test_formats_semeval_st1_st2_round_trip(tmp_path):
    docs = [doc_a(), doc_bom()]
    (tmp_path / "st1.txt").write_text(written(write_st1, docs), encoding="utf-8")
    (tmp_path / "st2.txt").write_text(written(write_st2, docs), encoding="utf-8")
    assert read_st1(tmp_path / "st1.txt") == {"111": "reporting", "222": "opinion"}
    assert read_st2(tmp_path / "st2.txt") == {"111": ["Economic", "Political"], "222": ["Security_and_defense"]}


def test_formats_semeval_span_folder_round_trip_keeps_empty_articles(tmp_path):
    docs = [doc_a(), doc_bom(), doc_a(doc_id="article333", techniques=[])]
    assert write_span_files(docs, tmp_path / "spans") == 5
    assert (tmp_path / "spans" / "article333-labels-subtask-3.txt").read_text() == ""
    spans = read_spans(tmp_path / "spans")
    assert spans["333"] == []
    assert spans["222"] == [("Slogans", 1, 13), ("Name_Calling-Labeling", RAW_BOM.index("traitors"),
                                                   RAW_BOM.index("traitors") + 8)]
    single = tmp_path / "spans.txt"
    single.write_text(written(write_spans, docs), encoding="utf-8")
    assert read_spans(single) == {k: v for k, v in spans.items() if v}


# -- readers refuse what the official scorers refuse ---------------------------------------------
@pytest.mark.parametrize("reader, text, error", [
    (read_st1, "111\n", LabelFileError),
    (read_st1, "111\topinion\textra\n", LabelFileError),
    (read_st1, "111\tnews\n", UnknownLabel),
    (read_st2, "111 Economic\n", LabelFileError),
    (read_st2, "111\tEconomic,Farming\n", UnknownLabel),
    (read_st3, "111\t1\tLoaded_Language\textra\n", LabelFileError),
    (read_st3, "111\tone\tLoaded_Language\n", LabelFileError),
    (read_st3, "111\t01\t\n", LabelFileError),
    (read_st3, "111\t1\tLoaded_Language, Doubt\n", UnknownLabel),
    (read_st3, "111\t1\tDoubt\n111\t1\t\n", LabelFileError),
    (read_spans, "111\tDoubt\t5\n", LabelFileError),
    (read_spans, "111\tDoubt\t9\t5\n", LabelFileError),
    (read_spans, "111\tDoubt\t-1\t5\n", LabelFileError),
    (read_spans, "111\tDoubts\t1\t5\n", UnknownLabel),
])
def test_formats_semeval_reader_refuses_bad_lines(tmp_path, reader, text, error):
    path = tmp_path / "labels.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(error) as info:
        reader(path)
    assert f"{path}:" in str(info.value)  # names the file and line


def test_formats_semeval_reader_missing_path_and_bad_encoding(tmp_path):
    with pytest.raises(UnreadablePath):
        read_st3(tmp_path / "nope.txt")
    (tmp_path / "latin.txt").write_bytes("111\t1\tDoubt \xe9\n".encode("latin-1"))
    with pytest.raises(LabelFileError, match="UTF-8"):
        read_st3(tmp_path / "latin.txt")
    (tmp_path / "empty").mkdir()
    with pytest.raises(LabelFileError, match="no .txt"):
        read_spans(tmp_path / "empty")


def test_formats_semeval_reader_warns_where_official_scorer_would_refuse(tmp_path):
    path = tmp_path / "st2.txt"
    path.write_text("\ufeff111\tEconomic\n\n222\t", encoding="utf-8")
    warnings: list[str] = []
    assert read_st2(path, warnings=warnings) == {"111": ["Economic"], "222": []}
    assert len(warnings) == 3
    assert "byte-order mark" in warnings[0] and "blank line" in warnings[1] and "empty frame" in warnings[2]


# -- the official scorers parse what the writers write --------------------------------------------
def load_scorer(subtask: int):
    """Import ``scorer-subtask-N.py`` of the official release from the shared data folder."""
    pytest.importorskip("sklearn", reason="the official scorers need scikit-learn")
    path = SCORERS / f"scorer-subtask-{subtask}.py"
    if not path.exists():
        pytest.skip(f"official scorers not found at {SCORERS} (set SLANT_DATA to the data folder)")
    spec = importlib.util.spec_from_file_location(f"official_scorer_subtask_{subtask}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def official_labels(name: str) -> list[str]:
    return load_scorer(3).read_techniques_list_from_file(str(SCORERS / name))


def gold_and_pred_docs() -> tuple[list[Document], list[Document]]:
    gold = [doc_a(), doc_bom(), doc_a(doc_id="article333", paragraph_techniques={7: ["Doubt"]},
                                      frames={}, genre={"satire": 1.0})]
    pred = [
        doc_a(paragraph_techniques={3: ["Loaded_Language"], 4: ["Doubt", "Loaded_Language"],
                                    7: ["Flag_Waving"]},
              frames={"Political": True, "Morality": True}, genre={"opinion": 0.9, "reporting": 0.1}),
        doc_bom(paragraph_techniques={3: ["Name_Calling-Labeling", "Straw_Man"]},
                frames={"Security_and_defense": True, "Political": True}),
        doc_a(doc_id="article333", paragraph_techniques={}, frames={}, genre={"satire": 1.0}),
    ]
    return gold, pred


@pytest.mark.parametrize("subtask, writer, labels_file", [
    (2, write_st2, "frames_subtask2.txt"), (3, write_st3, "techniques_subtask3.txt")])
def test_formats_semeval_official_scorer_agrees_multilabel(tmp_path, subtask, writer, labels_file):
    scorer = load_scorer(subtask)
    classes = official_labels(labels_file)
    gold_docs, pred_docs = gold_and_pred_docs()
    gold_path, pred_path = tmp_path / "gold.txt", tmp_path / "pred.txt"
    gold_path.write_text(written(writer, gold_docs), encoding="utf-8")
    pred_path.write_text(written(writer, pred_docs), encoding="utf-8")
    gold = scorer._read_csv_input_file(str(gold_path))
    pred = scorer._read_csv_input_file(str(pred_path))
    assert scorer.correct_format(pred, gold, classes)
    assert scorer.evaluate(gold, gold, classes) == (1.0, 1.0)
    official_macro, official_micro = scorer.evaluate(pred, gold, classes)
    ours = evaluate(pred_path, gold_path, f"st{subtask}")
    assert 0 < ours.micro_f1 < 1
    assert ours.micro_f1 == pytest.approx(official_micro, abs=1e-12)
    assert ours.macro_f1 == pytest.approx(official_macro, abs=1e-12)
    assert evaluate(gold_path, gold_path, f"st{subtask}").score == 1.0


def test_formats_semeval_official_scorer_agrees_genre(tmp_path):
    scorer = load_scorer(1)
    from sklearn.metrics import f1_score

    gold_docs, pred_docs = gold_and_pred_docs()
    gold_path, pred_path = tmp_path / "gold.txt", tmp_path / "pred.txt"
    gold_path.write_text(written(write_st1, gold_docs), encoding="utf-8")
    pred_path.write_text(written(write_st1, pred_docs), encoding="utf-8")
    gold = scorer._read_csv_input_file(str(gold_path))
    pred = scorer._read_csv_input_file(str(pred_path))
    assert scorer.correct_format(pred, gold, scorer.CLASSES)
    pred_values, gold_values = scorer._extract_matching_lists(pred, gold)
    ours = evaluate(pred_path, gold_path, "st1")
    assert ours.score == pytest.approx(f1_score(gold_values, pred_values, average="macro", zero_division=0))
    assert ours.micro_f1 == pytest.approx(f1_score(gold_values, pred_values, average="micro", zero_division=0))
    # reporting missed (F1 0), opinion 1 of 2 predicted (F1 2/3), satire right (F1 1)
    assert ours.score == pytest.approx((0 + 2 / 3 + 1) / 3)


# -- the real training data -------------------------------------------------------------------------
def _need_data():
    if not SEMEVAL.is_dir():
        pytest.skip(f"SemEval data not found at {SEMEVAL} (set SLANT_DATA to the data folder)")


def _gold_documents() -> list[Document]:
    """Documents built from the real articles, with the gold labels as if a model had predicted them."""
    gold_st3 = read_st3(SEMEVAL / "train-labels-subtask-3.txt")
    gold_spans = read_spans(SEMEVAL / "train-labels-subtask-3-spans")
    order = list(dict.fromkeys(article for article, _ in gold_st3))
    docs = []
    for article in order:
        raw = (SEMEVAL / "train-articles-subtask-3" / f"article{article}.txt").read_text(encoding="utf-8")
        doc = Document(raw, id=f"article{article}", raw=raw)
        lines = raw.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        paragraphs = [Span(starts[i], starts[i] + len(line), attrs={"raw_line": i + 1})
                      for i, line in enumerate(lines) if line]
        doc.set_paragraphs(paragraphs)
        index = {p.attrs["raw_line"]: i for i, p in enumerate(doc.paragraphs)}
        doc.add_layer("paragraph_techniques", [
            Span(doc.paragraphs[index[line]].start, doc.paragraphs[index[line]].end, name,
                 attrs={"paragraph": index[line], "raw_line": line})
            for (a, line), names in gold_st3.items() if a == article for name in names])
        doc.add_layer("techniques", [Span(s, e, name) for name, s, e in gold_spans[article]])
        docs.append(doc)
    return docs


@pytest.mark.data
def test_formats_semeval_data_writers_reproduce_gold_files(tmp_path):
    _need_data()
    docs = _gold_documents()
    gold_text = (SEMEVAL / "train-labels-subtask-3.txt").read_text(encoding="utf-8")
    assert written(write_st3, docs) == gold_text
    template_keys = [tuple(line.split("\t")[:2]) for line in
                     (SEMEVAL / "train-labels-subtask-3.template").read_text(encoding="utf-8").splitlines()]
    assert [tuple(line.split("\t")[:2]) for line in gold_text.splitlines()] == template_keys
    write_span_files(docs, tmp_path / "spans")
    for gold_file in sorted((SEMEVAL / "train-labels-subtask-3-spans").glob("*.txt")):
        ours = (tmp_path / "spans" / gold_file.name).read_text(encoding="utf-8")
        assert sorted(ours.splitlines()) == sorted(gold_file.read_text(encoding="utf-8").splitlines())


@pytest.mark.data
def test_formats_semeval_data_reads_every_span_file():
    _need_data()
    warnings: list[str] = []
    spans = read_spans(SEMEVAL / "train-labels-subtask-3-spans", warnings=warnings)
    assert len(spans) == 446 and sum(map(len, spans.values())) == 7201
    assert sum(1 for v in spans.values() if not v) == 15  # articles without spans still count
    assert warnings == []
    for path in sorted((SEMEVAL / "train-labels-subtask-3-spans").glob("*.txt")):
        try:
            read_spans(path)
        except SlantError as exc:  # pragma: no cover - reports which file broke
            pytest.fail(f"{path.name}: {exc}")
