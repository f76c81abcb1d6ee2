"""Score SemEval-2023 Task 3 predictions against gold files with the official definitions.

The official scorers (``scorers/scorer-subtask-{1,2,3}.py`` of the release) define the numbers
reproduced here, without needing scikit-learn:

- **st1** (genre, official metric macro-F1): sklearn ``f1_score`` on the article labels with
  ``zero_division=0``; the macro average runs over the labels that occur in the gold *or* the
  prediction (a genre absent from both is not averaged). Micro-F1 equals accuracy.
- **st2** (frames) and **st3** (paragraph techniques), official metric micro-F1: the labels are
  binarised over the *whole* official list and scored with ``zero_division=1``. So a label absent
  from both gold and prediction counts F1 = 1.0 in the macro average (the English training set
  lacks 4 of the 23 techniques: they lift macro-F1 unless predicted), and micro-F1 is
  ``2 tp / (n_gold + n_pred)``, 1.0 when both are empty.
- The official scorers refuse to score when the prediction's ids differ from the gold's. Here an
  id in the prediction that the gold lacks is always an error; gold ids missing from the
  prediction are an error too unless ``only_predicted=True``, which scores just the articles the
  prediction holds (for a validation split scored against a full gold file).
- **spans** (no official SemEval-2023 metric; the SemEval-2020 Task 11 / 2021 Task 6 style):
  per technique, precision = sum over predicted spans of (characters overlapping gold spans of
  the same technique in the same article) / (predicted span length), divided by the number of
  predicted spans; recall likewise over gold spans; F1 their harmonic mean. Overlap is measured
  against the *union* of the same-technique spans, so overlapping gold spans are not counted
  twice (the training gold has 3 such overlaps). Micro pools every span; macro averages the
  techniques that occur in gold or prediction. Articles of the gold that the prediction lacks
  count as predicted without spans (a single span file cannot name them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Collection, Sequence

from slant.analyze.taxonomy import FRAMES, GENRES, TECHNIQUE_NAMES
from slant.errors import EvaluationError, IdMismatch, UnknownTask
from slant.formats.semeval import read_spans, read_st1, read_st2, read_st3

#: task -> (official metric, default label list, zero_division the official scorer passes)
TASKS: dict[str, tuple[str, tuple[str, ...], float]] = {
    "st1": ("macro_f1", GENRES, 0.0),
    "st2": ("micro_f1", FRAMES, 1.0),
    "st3": ("micro_f1", TECHNIQUE_NAMES, 1.0),
    "spans": ("micro_f1", TECHNIQUE_NAMES, 0.0),
}
#: Other spellings of the task names, so `slant evaluate` takes the `--format` names too.
TASK_ALIASES = {
    "semeval-st1": "st1", "semeval-st2": "st2", "semeval-st3": "st3", "semeval-spans": "spans",
    "subtask-1": "st1", "subtask-2": "st2", "subtask-3": "st3",
}
#: How many missing or unknown ids an error message lists.
_SHOW = 5


@dataclass
class LabelScore:
    """One row of the per-label table."""

    label: str
    support: int  # gold items (articles, paragraphs or spans) with this label
    predicted: int  # predicted items with this label
    precision: float
    recall: float
    f1: float


@dataclass
class EvalReport:
    """Scores of one prediction against one gold file or folder."""

    task: str  # st1 | st2 | st3 | spans
    official_metric: str  # "macro_f1" or "micro_f1": the number the leaderboard ranks by
    micro_precision: float
    micro_recall: float
    micro_f1: float
    macro_f1: float
    per_label: list[LabelScore]
    items: int  # scored articles (st1, st2, spans) or paragraphs (st3)
    articles: int
    pred_path: str = ""
    gold_path: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        """The official metric's value."""
        return getattr(self, self.official_metric)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        out = asdict(self)
        out["score"] = self.score
        return out


def normalise_task(task: str) -> str:
    """'semeval-st3' / 'subtask-3' / 'st3' -> 'st3'."""
    name = TASK_ALIASES.get(task.strip().lower(), task.strip().lower())
    if name not in TASKS:
        raise UnknownTask(f"unknown task {task!r}")
    return name


def evaluate(pred_path: str | Path, gold_path: str | Path, task: str, *,
             labels: Sequence[str] | None = None, only_predicted: bool = False) -> EvalReport:
    """Score the prediction file or folder ``pred_path`` against ``gold_path`` for ``task``.

    Args:
        task: st1, st2, st3 or spans (the semeval-* format names work too).
        labels: the label list to check and average over (default: the official English list;
            pass ``read_label_list(file)`` for a language with a shorter list).
        only_predicted: score only the articles present in the prediction instead of refusing
            a prediction that misses gold articles.
    """
    task = normalise_task(task)
    official, default_labels, zero_division = TASKS[task]
    names = tuple(labels) if labels is not None else default_labels
    warnings: list[str] = []
    pred_path, gold_path = Path(pred_path), Path(gold_path)
    if task == "st1":
        gold1 = read_st1(gold_path, labels=names, warnings=warnings)
        pred1 = read_st1(pred_path, labels=names, warnings=warnings)
        keys = _aligned_keys(pred1, gold1, only_predicted, warnings)
        report = _score_single_label(pred1, gold1, keys, names)
        articles = len(keys)
    elif task in ("st2", "st3"):
        reader = read_st2 if task == "st2" else read_st3
        gold = reader(gold_path, labels=names, warnings=warnings)
        pred = reader(pred_path, labels=names, warnings=warnings)
        keys = _aligned_keys(pred, gold, only_predicted, warnings)
        report = _score_multi_label(pred, gold, keys, names, zero_division)
        articles = len({k[0] for k in keys}) if task == "st3" else len(keys)
    else:
        gold_spans = read_spans(gold_path, labels=names, warnings=warnings)
        pred_spans = read_spans(pred_path, labels=names, warnings=warnings)
        keys = _aligned_span_articles(pred_spans, gold_spans, pred_path.is_dir(), only_predicted, warnings)
        report = _score_spans(pred_spans, gold_spans, keys)
        articles = len(keys)
    micro_p, micro_r, micro_f, per_label = report
    macro = sum(row.f1 for row in per_label) / len(per_label) if per_label else micro_f
    return EvalReport(task=task, official_metric=official, micro_precision=micro_p, micro_recall=micro_r,
                      micro_f1=micro_f, macro_f1=macro, per_label=per_label, items=len(keys),
                      articles=articles, pred_path=str(pred_path), gold_path=str(gold_path),
                      warnings=warnings)


# -- alignment ------------------------------------------------------------------------------------
def _article(key: str | tuple[str, int]) -> str:
    return key if isinstance(key, str) else key[0]


def _describe(keys: Collection) -> str:
    shown = sorted(keys)[:_SHOW]
    text = ", ".join(k if isinstance(k, str) else f"{k[0]} paragraph {k[1]}" for k in shown)
    return text + (f" and {len(keys) - _SHOW} more" if len(keys) > _SHOW else "")


def _aligned_keys(pred: dict, gold: dict, only_predicted: bool, warnings: list[str]) -> list:
    extra = pred.keys() - gold.keys()
    if extra:
        raise IdMismatch(f"{len(extra)} predicted item(s) are not in the gold file: {_describe(extra)}",
                         hint="score predictions against the gold file of the same articles; "
                              "for subtask 3, write one line per non-empty raw line (the .template lines)")
    keys = list(gold)
    if only_predicted:
        predicted_articles = {_article(k) for k in pred}
        kept = [k for k in keys if _article(k) in predicted_articles]
        left_out = {_article(k) for k in keys} - predicted_articles
        if left_out:
            warnings.append(f"scored {len(predicted_articles)} of {len(predicted_articles) + len(left_out)} "
                            f"gold articles (--only-predicted)")
        keys = kept
    missing = [k for k in keys if k not in pred]
    if missing:
        raise IdMismatch(f"{len(missing)} gold item(s) have no prediction: {_describe(missing)}")
    if not keys:
        raise EvaluationError("nothing to score: the gold file is empty")
    return keys


def _aligned_span_articles(pred: dict, gold: dict, pred_is_folder: bool, only_predicted: bool,
                           warnings: list[str]) -> list[str]:
    extra = pred.keys() - gold.keys()
    if extra:
        raise IdMismatch(f"{len(extra)} predicted article(s) are not in the gold spans: {_describe(extra)}",
                         hint="score predictions against the gold spans of the same articles")
    if only_predicted:
        articles = sorted(pred)
        if len(articles) < len(gold):
            warnings.append(f"scored {len(articles)} of {len(gold)} gold articles (--only-predicted)")
            if not pred_is_folder:
                warnings.append("a single span file names only articles with spans: articles "
                                "predicted without spans were left out; write a folder instead")
    else:
        articles = sorted(gold)
        missing = gold.keys() - pred.keys()
        if missing and pred_is_folder:
            warnings.append(f"{len(missing)} gold article(s) have no prediction file and count as "
                            f"without spans: {_describe(missing)}")
    if not articles:
        raise EvaluationError("nothing to score: the gold holds no articles")
    return articles


# -- scores ---------------------------------------------------------------------------------------
def _ratio(numerator: float, denominator: float, zero_division: float) -> float:
    return numerator / denominator if denominator else zero_division


def _label_score(label: str, tp: int, n_pred: int, n_gold: int, zero_division: float) -> LabelScore:
    # F1 = 2tp / (2tp + fp + fn) = 2tp / (n_pred + n_gold), as scikit-learn computes it, so a
    # label with no gold and no prediction gets zero_division rather than a 0/0.
    return LabelScore(label, n_gold, n_pred, _ratio(tp, n_pred, zero_division),
                      _ratio(tp, n_gold, zero_division), _ratio(2 * tp, n_pred + n_gold, zero_division))


def _score_single_label(pred: dict[str, str], gold: dict[str, str], keys: list[str],
                        names: Sequence[str]) -> tuple[float, float, float, list[LabelScore]]:
    gold_counts = Counter(gold[k] for k in keys)
    pred_counts = Counter(pred[k] for k in keys)
    hits = Counter(gold[k] for k in keys if gold[k] == pred[k])
    # scikit-learn averages over the labels seen in gold or prediction, not the full class list.
    present = [name for name in names if gold_counts[name] or pred_counts[name]]
    rows = [_label_score(name, hits[name], pred_counts[name], gold_counts[name], 0.0) for name in present]
    accuracy = sum(hits.values()) / len(keys)
    return accuracy, accuracy, accuracy, rows


def _score_multi_label(pred: dict, gold: dict, keys: list, names: Sequence[str],
                       zero_division: float) -> tuple[float, float, float, list[LabelScore]]:
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for key in keys:
        gold_set, pred_set = set(gold[key]), set(pred[key])
        n_gold.update(gold_set)
        n_pred.update(pred_set)
        tp.update(gold_set & pred_set)
    rows = [_label_score(name, tp[name], n_pred[name], n_gold[name], zero_division) for name in names]
    total = _label_score("", sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()), zero_division)
    return total.precision, total.recall, total.f1, rows


def merge_intervals(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``(start, end)`` intervals as sorted, non-overlapping intervals."""
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _covered(start: int, end: int, union: list[tuple[int, int]]) -> int:
    return sum(max(0, min(end, e) - max(start, s)) for s, e in union)


def _score_spans(pred: dict, gold: dict, articles: list[str]) -> tuple[float, float, float, list[LabelScore]]:
    precision_sum: defaultdict[str, float] = defaultdict(float)
    recall_sum: defaultdict[str, float] = defaultdict(float)
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for article in articles:
        gold_by: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        pred_by: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        for technique, start, end in gold.get(article, ()):
            gold_by[technique].append((start, end))
        for technique, start, end in pred.get(article, ()):
            pred_by[technique].append((start, end))
        for technique in gold_by.keys() | pred_by.keys():
            gold_union, pred_union = merge_intervals(gold_by[technique]), merge_intervals(pred_by[technique])
            for start, end in pred_by[technique]:
                precision_sum[technique] += _covered(start, end, gold_union) / (end - start)
            for start, end in gold_by[technique]:
                recall_sum[technique] += _covered(start, end, pred_union) / (end - start)
            n_pred[technique] += len(pred_by[technique])
            n_gold[technique] += len(gold_by[technique])
    if not n_pred and not n_gold:
        return 1.0, 1.0, 1.0, []  # nothing to find and nothing found: perfect, by convention
    rows = []
    for technique in [t for t in TECHNIQUE_NAMES if t in n_pred or t in n_gold] + \
            sorted((n_pred.keys() | n_gold.keys()) - set(TECHNIQUE_NAMES)):
        p = _ratio(precision_sum[technique], n_pred[technique], 0.0)
        r = _ratio(recall_sum[technique], n_gold[technique], 0.0)
        rows.append(LabelScore(technique, n_gold[technique], n_pred[technique], p, r, _harmonic(p, r)))
    p = _ratio(sum(precision_sum.values()), sum(n_pred.values()), 0.0)
    r = _ratio(sum(recall_sum.values()), sum(n_gold.values()), 0.0)
    return p, r, _harmonic(p, r), rows


def _harmonic(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# -- presentation ---------------------------------------------------------------------------------
_TASK_TITLES = {
    "st1": "Subtask 1, genre (official: macro-F1)",
    "st2": "Subtask 2, frames (official: micro-F1)",
    "st3": "Subtask 3, paragraph techniques (official: micro-F1)",
    "spans": "Technique spans, partial-overlap F1 (SemEval-2020 Task 11 style)",
}


def report_table(report: EvalReport):
    """The per-label table as a rich Table."""
    from rich.table import Table

    unit = {"st1": "articles", "st2": "articles", "st3": "paragraphs", "spans": "spans"}[report.task]
    table = Table(title=_TASK_TITLES[report.task], title_justify="left")
    table.add_column("label")
    table.add_column(f"gold {unit}", justify="right")
    table.add_column("predicted", justify="right")
    table.add_column("precision", justify="right")
    table.add_column("recall", justify="right")
    table.add_column("F1", justify="right")
    for row in report.per_label:
        table.add_row(row.label, str(row.support), str(row.predicted), f"{row.precision:.4f}",
                      f"{row.recall:.4f}", f"{row.f1:.4f}")
    table.add_section()
    table.add_row("micro", "", "", f"{report.micro_precision:.4f}", f"{report.micro_recall:.4f}",
                  f"{report.micro_f1:.4f}", style="bold")
    table.add_row("macro", "", "", "", "", f"{report.macro_f1:.4f}", style="bold")
    return table


def render_report(report: EvalReport, console=None) -> None:
    """Print the headline scores, the per-label table and any warnings to ``console``."""
    from rich.console import Console
    from rich.markup import escape

    console = console or Console()
    scored = (f"{report.items} paragraphs of {report.articles} articles" if report.task == "st3"
              else f"{report.articles} articles")
    official = "macro" if report.official_metric == "macro_f1" else "micro"
    other = "micro" if official == "macro" else "macro"
    console.print(f"[bold]{official}-F1 {report.score:.5f}[/bold] (official)   "
                  f"{other}-F1 {getattr(report, other + '_f1'):.5f}   {scored}", highlight=False)
    console.print(report_table(report))
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/yellow] {escape(warning)}", highlight=False)
