"""The cached quote-layer inputs give the pipeline's own quotes, with any head (slant.train.attribution_cache)."""

from __future__ import annotations

import pickle

import pytest

TEXT = ("The city council backed a plan to build 300 homes near the river next year.\n\n"
        "“We will not wait for the floods,” Mayor Ana Ruiz said on Monday.\n\n"
        "Local residents backed the proposal to widen the bridge before the winter floods.\n")


def _contents(quotes):
    return sorted((tuple(map(tuple, q.parts)), q.speaker.text if q.speaker else None) for q in quotes)


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    from slant.analyze.process import make_pipeline
    from slant.settings import load_settings
    from slant.train.attribution import PolnearDoc, article_fold
    from slant.train.attribution_cache import build

    pipeline = make_pipeline(load_settings(), ("slant.entities.v1", "slant.quotes.v1"))
    component = next(c for info, c in pipeline.components if info.name == "slant.quotes.v1")
    if component.head is None:
        pytest.skip("no attribution head in the model folder")
    names = {}
    for k in range(40):
        names.setdefault(article_fold(f"t{k}"), f"t{k}")
    docs = [PolnearDoc(names[0], TEXT, []), PolnearDoc(names[1], TEXT.replace("Ruiz", "Diaz"), [])]
    path = tmp_path_factory.mktemp("cache") / "c.pkl"
    build(docs, path)
    return docs, path, component


def test_train_attribution_cache_gives_the_pipelines_quotes(cached):
    from slant.train.attribution import pipeline_predictions
    from slant.train.attribution_cache import predictions

    docs, path, component = cached
    assert "pipe" not in vars(component)  # the cached pipeline runs as before
    cache = pickle.loads(path.read_bytes())
    assert [_contents(q) for q in predictions(cache, docs, "shipped")] == \
        [_contents(q) for q in pipeline_predictions(docs)]
    assert [_contents(q) for q in predictions(cache, docs, None)] == \
        [_contents(q) for q in pipeline_predictions(docs, fold_heads=[None, None])]


def test_train_attribution_cache_reads_each_text_with_its_folds_head(cached):
    from slant.train.attribution import pipeline_predictions
    from slant.train.attribution_cache import add_heads, predictions

    docs, path, component = cached
    add_heads(path, "oof", [component.head, component.head])
    cache = pickle.loads(path.read_bytes())
    oof = predictions(cache, docs, "oof")
    assert [_contents(q) for q in oof] == [_contents(q) for q in pipeline_predictions(docs)]
    rules = predictions(cache, docs, None)
    assert _contents(oof[0]) != _contents(rules[0])  # the head's "backed" statements are there


def test_train_attribution_cache_bias_shifts_the_decoding(cached):
    from slant.train.attribution_cache import tagged_statements

    docs, path, _ = cached
    cache = pickle.loads(path.read_bytes())
    plain = tagged_statements(cache, docs[0].name, "shipped")
    assert tagged_statements(cache, docs[0].name, "shipped", {"CON": 0.0}) == plain
    less = tagged_statements(cache, docs[0].name, "shipped", {"CON": -20.0, "CUE": -20.0})
    assert plain and not less  # no Content or Cue can win against O: nothing is tagged
