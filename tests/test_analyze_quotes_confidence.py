"""Quotes: each statement's calibrated probability and admission (slant.analyze.quotes.confidence)."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from slant.analyze.attribution_rules import split_paragraphs
from slant.analyze.entities import annotate_entities
from slant.analyze.quotes import (CONFIDENCE_FILE, PROBABILITY_MEANING, Mention, Quote, StatementConfidence,
                                  annotate_quotes, extract_quotes, load_confidence)
from slant.analyze.quotes.confidence import HEAD_FEATURES, RULE_FEATURES, statement_features
from slant.analyze.quotes.head import ATTR_TAGS
from slant.analyze.quotes.model import HeadScores
from slant.analyze.taxonomy import percent
from slant.document import Document, Span
from slant.errors import ModelError
from slant.models.onnx_model import DEFAULT_MODEL_DIR

TEXT = ("“We will not raise taxes this year,” Governor Ann Lee said on Monday.\n\n"
        "The city council voted against the plan, which critics called “a disaster”.\n\n"
        "Lee told reporters that the budget would be balanced by June.\n\n"
        "Officials said nothing.")


def _doc(text: str = TEXT) -> Document:
    doc = Document(text)
    doc.set_paragraphs(Span(s, e) for s, e in split_paragraphs(text))
    return annotate_entities(doc)


def _spec() -> dict:
    return json.loads((DEFAULT_MODEL_DIR / CONFIDENCE_FILE).read_text("utf-8"))


def test_the_shipped_model_loads_with_a_threshold_in_range():
    model = load_confidence()
    assert 0.0 <= model.threshold < 1.0
    assert set(model.models) == {"head", "rules"}
    assert model.models["head"][0] == RULE_FEATURES + HEAD_FEATURES


def test_every_listed_statement_has_a_probability_in_0_1():
    doc = annotate_quotes(_doc())
    quotes = doc.layers["quotes"]
    assert quotes, "the invented article has statements"
    for span in quotes:
        p = span.attrs["probability"]
        assert isinstance(p, float) and 0.0 <= p <= 1.0
        assert p >= load_confidence().threshold


def test_no_model_lists_every_statement_without_a_probability():
    doc = annotate_quotes(_doc(), confidence=None)
    assert doc.layers["quotes"]
    assert all("probability" not in s.attrs for s in doc.layers["quotes"])


def test_a_statement_below_the_threshold_is_dropped():
    # threshold between the two statements' probabilities: the less likely one goes, the other stays
    model = load_confidence()
    quotes = extract_quotes(_doc())
    probs = model.probabilities(TEXT, quotes)
    assert len(set(round(p, 6) for p in probs)) > 1, probs
    lo, hi = min(probs), max(probs)
    spec = _spec()
    spec["threshold"] = (lo + hi) / 2
    strict = StatementConfidence(spec)
    listed = annotate_quotes(_doc(), confidence=strict).layers["quotes"]
    everything = annotate_quotes(_doc(), confidence=None).layers["quotes"]
    assert 0 < len(listed) < len(everything)
    assert all(s.attrs["probability"] >= spec["threshold"] for s in listed)
    dropped = {(s.start, s.end) for s in everything} - {(s.start, s.end) for s in listed}
    low = [q for q, p in zip(quotes, probs) if p < spec["threshold"]]
    assert dropped == {(q.start, q.end) for q in low}


def test_the_probability_shows_in_the_span_json():
    doc = annotate_quotes(_doc())
    row = doc.layers["quotes"][0].attrs
    assert json.loads(json.dumps(row))["probability"] == row["probability"]


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError) as err:
        StatementConfidence.load(tmp_path / CONFIDENCE_FILE)
    assert "missing" in str(err.value) and "E600" in str(err.value)


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"threshold": 0.4}', ""])
def test_a_corrupt_model_file_is_a_clear_error(tmp_path, content):
    path = tmp_path / CONFIDENCE_FILE
    path.write_text(content, "utf-8")
    with pytest.raises(ModelError) as err:
        StatementConfidence.load(path)
    assert str(path) in str(err.value) or "malformed" in str(err.value)


def test_a_model_of_other_features_or_threshold_is_refused():
    spec = _spec()
    spec["models"]["head"]["features"] = spec["models"]["head"]["features"][:-1]
    with pytest.raises(ModelError, match="other features"):
        StatementConfidence(spec)
    spec = _spec()
    spec["models"]["rules"]["weights"] = spec["models"]["rules"]["weights"][:-1]
    with pytest.raises(ModelError, match="do not fit"):
        StatementConfidence(spec)
    spec = _spec()
    spec["threshold"] = 1.5
    with pytest.raises(ModelError, match="threshold"):
        StatementConfidence(spec)


def test_a_model_folder_without_the_file_falls_back_to_the_package_model(tmp_path):
    assert load_confidence(tmp_path).threshold == load_confidence().threshold


def test_features_read_the_statement_and_the_head_where_it_ran():
    text = "Lee told reporters that the budget would be balanced by June."
    c0 = text.index("the budget")
    k = text.index("told")
    q = Quote("indirect", [(c0, len(text) - 1)], (k, k + 4), Mention(0, 3, "Lee", "per:lee", "Lee", "name"),
              origin="head")
    f = statement_features(text, q)
    assert f["from_head"] == 1 and f["cue_speech"] == 1 and f["cue_said"] == 1 and f["speaker_name"] == 1
    assert f["that_clause"] == 1 and f["direct"] == 0 and f["mark_open"] == 0
    assert not set(HEAD_FEATURES) & set(f)
    # a head that read every content token as content, with certainty
    offsets = np.asarray([(m.start(), m.end()) for m in __import__("re").finditer(r"\S+", text)])
    probs = np.zeros((len(offsets), len(ATTR_TAGS)))
    probs[:, ATTR_TAGS.index("I-CON")] = 1.0
    g = statement_features(text, q, HeadScores(offsets, probs))
    assert g["con_mean"] == pytest.approx(1.0) and g["con_min"] == pytest.approx(1.0) and g["cue_prob"] == 0.0
    # the head scores raise the probability of a statement the head is sure of
    model = load_confidence()
    sure = model.probabilities(text, [copy.deepcopy(q)], HeadScores(offsets, probs))[0]
    probs[:, ATTR_TAGS.index("I-CON")] = 0.0
    probs[:, 0] = 1.0
    unsure = model.probabilities(text, [copy.deepcopy(q)], HeadScores(offsets, probs))[0]
    assert sure > unsure


def test_the_text_and_html_reports_show_the_probability_and_say_what_it_means():
    from rich.console import Console

    from slant.render.html import _quotes_block
    from slant.render.text import render_text

    doc = annotate_quotes(_doc())
    p = doc.layers["quotes"][0].attrs["probability"]
    block = _quotes_block(doc)
    assert percent(p) in block and "Chance" in block and "annotators would mark this" in block
    console = Console(width=200, record=True)
    console.print(render_text(doc))
    out = console.export_text()
    assert percent(p) in out and PROBABILITY_MEANING.split(" (")[0] in " ".join(out.split())


def test_the_threshold_keeps_within_the_recall_losses_allowed():
    from slant.train.statement_confidence import choose_threshold, doc_counts, measures

    # one text, four statements: 0 and 1 match the two speech attributions (1 is also the direct
    # quote), 2 and 3 match nothing; dropping 1 would cost the direct quote
    data = {"per_doc": [{"n": 4, "pairs": [(0, 0, 5, True), (1, 1, 4, True)], "speech": [True, True],
                         "direct": [False, True], "source": [True, True]}]}
    prob = np.asarray([0.9, 0.3, 0.2, 0.1])
    counts = measures(doc_counts(data, prob >= 0.15).sum(0))
    assert counts["precision"] == 2 / 3 and counts["direct_recall"] == 1.0 and counts["statements"] == 3
    threshold, grid = choose_threshold(data, prob)
    assert 0.2 < threshold <= 0.3  # drops both unmatched statements, keeps the direct quote
    assert measures(doc_counts(data, prob >= threshold).sum(0))["precision"] == 1.0


def test_a_model_path_is_loaded_or_refused_never_ignored(tmp_path):
    # review r13a: annotate_quotes(doc, confidence="/some/file.json") ran with the package's model
    spec = _spec()
    spec["threshold"] = 0.99  # this file admits almost nothing; the package's admits the article's statements
    path = tmp_path / "strict.json"
    path.write_text(json.dumps(spec), "utf-8")
    shipped = annotate_quotes(_doc()).layers["quotes"]
    strict = annotate_quotes(_doc(), confidence=str(path)).layers["quotes"]
    assert shipped and len(strict) < len(shipped)
    assert all(s.attrs["probability"] >= 0.99 for s in strict)
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / CONFIDENCE_FILE).write_text(json.dumps(spec), "utf-8")
    assert len(annotate_quotes(_doc(), confidence=folder).layers["quotes"]) == len(strict)
    with pytest.raises(ModelError, match="no statement-confidence model"):
        annotate_quotes(_doc(), confidence=str(tmp_path / "missing.json"))


def test_a_relative_model_folder_is_cached_by_its_real_path(tmp_path, monkeypatch):
    # review r13b: load_confidence cached "." under "./statement_confidence.json", so after a change of
    # directory the first folder's model came back for another folder
    from slant.analyze.quotes.confidence import load_confidence

    for name, threshold in (("a", 0.3), ("b", 0.6)):
        spec = _spec()
        spec["threshold"] = threshold
        (tmp_path / name).mkdir()
        (tmp_path / name / CONFIDENCE_FILE).write_text(json.dumps(spec), "utf-8")
    monkeypatch.chdir(tmp_path / "a")
    assert load_confidence(".").threshold == 0.3
    monkeypatch.chdir(tmp_path / "b")
    assert load_confidence(".").threshold == 0.6
