"""slant.evaluate: the official SemEval-2023 Task 3 scores, span F1, id checks and the report."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import random
from pathlib import Path

import pytest
from rich.console import Console

from slant.analyze.taxonomy import FRAMES, GENRES, TECHNIQUE_NAMES
from slant.errors import EvaluationError, IdMismatch, SlantError, UnknownLabel, UnknownTask, UnreadablePath
from slant.evaluate import EvalReport, evaluate, normalise_task, render_report, report_table
from slant.formats.semeval import read_label_list

DATA = Path(os.environ.get("SLANT_DATA") or Path(__file__).parents[1].parent / "shared" / "data")
SEMEVAL = DATA / "semeval2023-task3-en"
SCORERS = SEMEVAL / "scorers"


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


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


# -- the official definitions, on numbers worked out by hand ---------------------------------------
def test_evaluate_st3_micro_and_macro_by_hand(tmp_path):
    gold = write(tmp_path / "gold.txt", ["1\t1\tDoubt,Slogans", "1\t3\t", "2\t1\tDoubt"])
    pred = write(tmp_path / "pred.txt", ["1\t1\tDoubt", "1\t3\tSlogans", "2\t1\tDoubt,Flag_Waving"])
    report = evaluate(pred, gold, "st3")
    # tp = 2 (Doubt twice); n_pred = 4; n_gold = 3 -> micro-F1 = 4 / 7
    assert report.micro_precision == pytest.approx(2 / 4)
    assert report.micro_recall == pytest.approx(2 / 3)
    assert report.micro_f1 == pytest.approx(4 / 7)
    rows = {row.label: row for row in report.per_label}
    assert len(rows) == len(TECHNIQUE_NAMES)
    assert (rows["Doubt"].support, rows["Doubt"].predicted, rows["Doubt"].f1) == (2, 2, 1.0)
    assert (rows["Slogans"].f1, rows["Flag_Waving"].f1) == (0.0, 0.0)
    assert rows["Flag_Waving"].recall == 1.0  # zero_division=1, as the official scorer passes
    # The 20 labels in neither file score 1.0 each under the official zero_division=1.
    assert report.macro_f1 == pytest.approx((1.0 + 0 + 0 + 20 * 1.0) / 23)
    assert report.score == report.micro_f1 and report.items == 3 and report.articles == 2


def test_evaluate_st1_macro_over_labels_seen(tmp_path):
    gold = write(tmp_path / "gold.txt", ["1\topinion", "2\topinion", "3\treporting", "4\topinion"])
    pred = write(tmp_path / "pred.txt", ["1\topinion", "2\treporting", "3\treporting", "4\topinion"])
    report = evaluate(pred, gold, "st1")
    # opinion: P 1, R 2/3, F1 0.8; reporting: P 1/2, R 1, F1 2/3; satire is in neither: not averaged
    assert [row.label for row in report.per_label] == ["reporting", "opinion"]
    assert report.score == pytest.approx((0.8 + 2 / 3) / 2)
    assert report.micro_f1 == pytest.approx(0.75)
    assert report.official_metric == "macro_f1"


def test_evaluate_st2_empty_lists_and_taxonomy(tmp_path):
    gold = write(tmp_path / "gold.txt", ["1\tEconomic,Political", "2\t"])
    pred = write(tmp_path / "pred.txt", ["1\tPolitical,Economic", "2\t"])
    report = evaluate(pred, gold, "semeval-st2")
    assert report.task == "st2" and report.micro_f1 == 1.0 and report.macro_f1 == 1.0
    assert [row.label for row in report.per_label] == list(FRAMES)


def test_evaluate_st3_all_empty_is_perfect_like_the_official_scorer(tmp_path):
    gold = write(tmp_path / "gold.txt", ["1\t1\t", "1\t3\t"])
    assert evaluate(gold, gold, "st3").micro_f1 == 1.0


def test_evaluate_spans_partial_overlap_by_hand(tmp_path):
    gold = write(tmp_path / "gold.txt", [
        "1\tLoaded_Language\t0\t10",
        "1\tDoubt\t20\t40",
        "1\tDoubt\t30\t50",  # overlaps the gold span before it: its characters count once
        "2\tSlogans\t0\t4",
    ])
    pred = write(tmp_path / "pred.txt", [
        "1\tLoaded_Language\t5\t15",  # half inside gold, covers half of it
        "1\tDoubt\t20\t50",  # covers both Doubt spans exactly
        "1\tSlogans\t0\t10",  # right place, wrong article: no credit
    ])
    report = evaluate(pred, gold, "spans")
    rows = {row.label: row for row in report.per_label}
    assert (rows["Loaded_Language"].precision, rows["Loaded_Language"].recall) == (0.5, 0.5)
    assert (rows["Doubt"].precision, rows["Doubt"].recall, rows["Doubt"].f1) == (1.0, 1.0, 1.0)
    assert (rows["Slogans"].precision, rows["Slogans"].recall) == (0.0, 0.0)
    assert report.micro_precision == pytest.approx((0.5 + 1.0 + 0.0) / 3)
    assert report.micro_recall == pytest.approx((0.5 + 1.0 + 1.0 + 0.0) / 4)
    assert report.macro_f1 == pytest.approx((0.5 + 1.0 + 0.0) / 3)
    assert list(rows) == ["Slogans", "Loaded_Language", "Doubt"]  # taxonomy order


def test_evaluate_spans_folder_missing_article_counts_as_no_spans(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred").mkdir()
    write(tmp_path / "gold" / "article1-labels-subtask-3.txt", ["1\tDoubt\t0\t10"])
    write(tmp_path / "gold" / "article2-labels-subtask-3.txt", ["2\tDoubt\t0\t10"])
    write(tmp_path / "pred" / "article1-labels-subtask-3.txt", ["1\tDoubt\t0\t10"])
    report = evaluate(tmp_path / "pred", tmp_path / "gold", "spans")
    assert (report.micro_precision, report.micro_recall) == (1.0, 0.5)
    assert any("no prediction file" in w for w in report.warnings)
    only = evaluate(tmp_path / "pred", tmp_path / "gold", "spans", only_predicted=True)
    assert only.micro_f1 == 1.0 and only.articles == 1


# -- ids, files and names --------------------------------------------------------------------------
def test_evaluate_prediction_id_not_in_gold_is_refused(tmp_path):
    gold = write(tmp_path / "gold.txt", ["1\topinion"])
    pred = write(tmp_path / "pred.txt", ["1\topinion", "9\tsatire"])
    with pytest.raises(IdMismatch, match="9"):
        evaluate(pred, gold, "st1")


def test_evaluate_missing_prediction_lines_refused_unless_only_predicted(tmp_path):
    gold = write(tmp_path / "gold.txt", ["1\t1\tDoubt", "1\t3\t", "2\t1\tSlogans"])
    pred = write(tmp_path / "pred.txt", ["1\t1\tDoubt", "1\t3\t"])
    with pytest.raises(IdMismatch, match="2 paragraph 1"):
        evaluate(pred, gold, "st3")
    report = evaluate(pred, gold, "st3", only_predicted=True)
    assert report.micro_f1 == 1.0 and report.items == 2
    assert report.warnings == ["scored 1 of 2 gold articles (--only-predicted)"]
    partial = write(tmp_path / "partial.txt", ["1\t1\tDoubt"])  # a paragraph of a predicted article
    with pytest.raises(IdMismatch, match="1 paragraph 3"):
        evaluate(partial, gold, "st3", only_predicted=True)


def test_evaluate_bad_inputs_are_slant_errors(tmp_path):
    gold = write(tmp_path / "gold.txt", ["1\t1\tDoubt"])
    with pytest.raises(UnreadablePath):
        evaluate(tmp_path / "missing.txt", gold, "st3")
    with pytest.raises(UnknownLabel):
        evaluate(write(tmp_path / "pred.txt", ["1\t1\tdoubt"]), gold, "st3")
    with pytest.raises(UnknownTask):
        evaluate(gold, gold, "st4")
    with pytest.raises(EvaluationError):
        evaluate(write(tmp_path / "empty.txt", []), write(tmp_path / "empty2.txt", []), "st3")
    assert issubclass(IdMismatch, SlantError)


def test_evaluate_custom_label_list(tmp_path):
    labels = read_label_list(write(tmp_path / "labels.txt", ["Doubt", "Slogans", ""]))
    assert labels == ["Doubt", "Slogans"]
    gold = write(tmp_path / "gold.txt", ["1\t1\tDoubt"])
    report = evaluate(gold, gold, "st3", labels=labels)
    assert [row.label for row in report.per_label] == labels
    with pytest.raises(UnknownLabel):
        evaluate(write(tmp_path / "pred.txt", ["1\t1\tFlag_Waving"]), gold, "st3", labels=labels)


@pytest.mark.parametrize("name, expected", [("st1", "st1"), ("semeval-spans", "spans"),
                                            ("Subtask-3", "st3"), (" st2 ", "st2")])
def test_evaluate_task_names(name, expected):
    assert normalise_task(name) == expected


# -- report forms ----------------------------------------------------------------------------------
def test_evaluate_report_dict_json_and_table(tmp_path):
    gold = write(tmp_path / "gold.txt", ["1\t1\tDoubt,Slogans", "1\t3\t"])
    pred = write(tmp_path / "pred.txt", ["1\t1\tDoubt", "1\t3\t"])
    report = evaluate(pred, gold, "st3")
    data = json.loads(json.dumps(report.to_dict()))
    assert data["score"] == report.micro_f1 == pytest.approx(2 / 3)
    assert data["per_label"][0]["label"] == TECHNIQUE_NAMES[0]
    assert set(data) >= {"task", "official_metric", "micro_f1", "macro_f1", "per_label", "warnings"}
    console = Console(file=io.StringIO(), width=120, record=True)
    render_report(report, console)
    text = console.export_text()
    assert "micro-F1 0.66667" in text and "(official)" in text
    assert "Slogans" in text and "0.0000" in text and "paragraphs" in text
    assert report_table(report).row_count == len(TECHNIQUE_NAMES) + 2


def test_evaluate_report_prints_warnings_with_brackets(tmp_path):
    report = EvalReport("st1", "macro_f1", 1, 1, 1, 1, [], 1, 1, warnings=["odd [bold]path[/bold]"])
    console = Console(file=io.StringIO(), width=120, record=True)
    render_report(report, console)
    assert "odd [bold]path[/bold]" in console.export_text()


# -- agreement with the official scorers ------------------------------------------------------------
def _random_lines(rng: random.Random, n_articles: int, labels: list[str], subtask: int) -> list[str]:
    lines = []
    for article in range(n_articles):
        for paragraph in ([None] if subtask == 2 else range(1, rng.randint(2, 8))):
            names = rng.sample(labels, rng.choice([0, 0, 1, 1, 2, 3]))
            key = f"{100 + article}" + ("" if paragraph is None else f"\t{paragraph}")
            lines.append(f"{key}\t{','.join(names)}")
    return lines


@pytest.mark.parametrize("subtask, labels_file", [(2, "frames_subtask2.txt"), (3, "techniques_subtask3.txt")])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_evaluate_matches_official_scorer_on_random_files(tmp_path, subtask, labels_file, seed):
    scorer = load_scorer(subtask)
    classes = [line.strip() for line in (SCORERS / labels_file).read_text(encoding="utf-8").splitlines()]
    rng = random.Random(seed)
    # a narrow label pool so that some labels stay absent from both files (the zero_division case)
    pool = classes[: 6 + seed * 3]
    gold_lines = _random_lines(rng, 30, pool, subtask)
    pred_lines = [line.rsplit("\t", 1)[0] + "\t" + ",".join(rng.sample(pool, rng.choice([0, 1, 2])))
                  for line in gold_lines]
    gold, pred = write(tmp_path / "gold.txt", gold_lines), write(tmp_path / "pred.txt", pred_lines)
    official_macro, official_micro = scorer.evaluate(scorer._read_csv_input_file(str(pred)),
                                                     scorer._read_csv_input_file(str(gold)), classes)
    report = evaluate(pred, gold, f"st{subtask}")
    assert report.micro_f1 == pytest.approx(official_micro, abs=1e-12)
    assert report.macro_f1 == pytest.approx(official_macro, abs=1e-12)


def test_evaluate_st1_matches_sklearn_on_random_labels(tmp_path):
    sklearn_metrics = pytest.importorskip("sklearn.metrics", reason="comparison needs scikit-learn")
    rng = random.Random(7)
    for trial in range(5):
        pool = list(GENRES) if trial else ["opinion", "reporting"]  # trial 0: satire in neither
        gold = [rng.choice(pool) for _ in range(40)]
        pred = [rng.choice(pool) for _ in range(40)]
        gold_path = write(tmp_path / "gold.txt", [f"{i}\t{g}" for i, g in enumerate(gold)])
        pred_path = write(tmp_path / "pred.txt", [f"{i}\t{p}" for i, p in enumerate(pred)])
        report = evaluate(pred_path, gold_path, "st1")
        assert report.macro_f1 == pytest.approx(sklearn_metrics.f1_score(gold, pred, average="macro", zero_division=0))
        assert report.micro_f1 == pytest.approx(sklearn_metrics.f1_score(gold, pred, average="micro", zero_division=0))


def test_evaluate_taxonomy_matches_official_label_lists():
    if not SCORERS.is_dir():
        pytest.skip(f"official scorers not found at {SCORERS} (set SLANT_DATA to the data folder)")
    assert tuple(read_label_list(SCORERS / "techniques_subtask3.txt")) == TECHNIQUE_NAMES
    assert tuple(read_label_list(SCORERS / "frames_subtask2.txt")) == FRAMES


# -- the real training files ------------------------------------------------------------------------
def _need_data():
    if not SEMEVAL.is_dir():
        pytest.skip(f"SemEval data not found at {SEMEVAL} (set SLANT_DATA to the data folder)")


@pytest.mark.data
@pytest.mark.parametrize("task, name", [("st1", "train-labels-subtask-1.txt"), ("st2", "train-labels-subtask-2.txt"),
                                        ("st3", "train-labels-subtask-3.txt"), ("spans", "train-labels-subtask-3-spans")])
def test_evaluate_data_gold_against_itself_is_perfect(task, name):
    _need_data()
    report = evaluate(SEMEVAL / name, SEMEVAL / name, task)
    assert (report.micro_f1, report.macro_f1) == (1.0, 1.0)
    assert report.warnings == []
    if task == "st3":
        assert (report.items, report.articles) == (9498, 446)


@pytest.mark.data
def test_evaluate_data_perturbed_gold_matches_official_scorer(tmp_path):
    _need_data()
    scorer = load_scorer(3)
    gold_path = SEMEVAL / "train-labels-subtask-3.txt"
    rng = random.Random(3)
    lines = []
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        article, paragraph, names = line.split("\t")
        kept = [n for n in names.split(",") if n and rng.random() > 0.3]
        if rng.random() < 0.1:
            kept.append(rng.choice(TECHNIQUE_NAMES))
        lines.append(f"{article}\t{paragraph}\t{','.join(sorted(set(kept)))}")
    pred_path = write(tmp_path / "pred.txt", lines)
    classes = scorer.read_techniques_list_from_file(str(SCORERS / "techniques_subtask3.txt"))
    gold, pred = scorer._read_csv_input_file(str(gold_path)), scorer._read_csv_input_file(str(pred_path))
    assert scorer.correct_format(pred, gold, classes)
    official_macro, official_micro = scorer.evaluate(pred, gold, classes)
    report = evaluate(pred_path, gold_path, "st3")
    assert 0.5 < report.micro_f1 < 0.95
    assert report.micro_f1 == pytest.approx(official_micro, abs=1e-12)
    assert report.macro_f1 == pytest.approx(official_macro, abs=1e-12)
