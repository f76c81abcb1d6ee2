"""Text features of the statement-confidence trial (slant.train.statement_confidence_trial)."""

from __future__ import annotations

import numpy as np
import pytest

from slant.analyze.quotes.model import Mention, Quote
from slant.train import statement_confidence_trial as T

# Written for these tests (no corpus text).
TEXT = ("Council approves bridge budget\n"
        "The mayor said that the bridge will open in March. Critics called it a waste of money.\n"
        "\"We are paying twice,\" council member Maria Lopez told reporters, and she said more.")


def _quote(content: str, cue: str, speaker: str, kind: str = "indirect") -> Quote:
    s = TEXT.index(content)
    c = TEXT.index(cue)
    p = TEXT.index(speaker)
    return Quote(kind, [(s, s + len(content))], (c, c + len(cue)), Mention(p, p + len(speaker), speaker))


def test_cue_lemma_skips_particles_and_strips_forms():
    assert T.lemma("said") == "say" and T.lemma("called") == "call" and T.lemma("argues") == "argu"
    q = _quote("a waste of money", "called", "Critics")
    assert T.cue_lemma(TEXT, q) == "call"
    q.cue = (TEXT.index("told reporters"), TEXT.index("told reporters") + 4)
    assert T.cue_lemma(TEXT, q) == "tell"
    q.cue = None
    assert T.cue_lemma(TEXT, q) is None


def test_sentence_bounds():
    pos = TEXT.index("bridge will")
    a, b = T.sentence_of(TEXT, pos)
    assert TEXT[a:b].strip() == "The mayor said that the bridge will open in March."


def test_text_features_tell_a_clause_from_a_noun_phrase():
    clause = _quote("the bridge will open in March", "said", "The mayor")
    phrase = _quote("a waste of money", "called", "Critics")
    direct = _quote("We are paying twice,", "told", "council member Maria Lopez", "direct")
    quotes = [clause, phrase, direct]
    fc, fp, fd = (T.text_features(TEXT, q, quotes) for q in quotes)
    assert fc["has_aux"] == 1.0 and fc["np_like"] == 0.0 and fc["starts_lower"] == 1.0
    assert fp["has_aux"] == 0.0 and fp["has_subj_pron"] == 0.0 and fp["np_like"] == 1.0
    assert fd["has_subj_pron"] == 1.0 and fd["starts_lower"] == 0.0 and fd["cue_after"] == 1.0
    assert fc["cue_after"] == 0.0 and fc["cue_in_content"] == 0.0
    assert fc["others_in_sentence"] == 0.0 and fc["whole_sentence"] == 0.0
    assert fd["other_cue_in_sentence"] == 1.0  # "she said more" in the same sentence
    assert fc["other_cue_in_sentence"] == 0.0
    assert fd["speaker_long"] == 0.0 and fd["speaker_lower"] == 1.0
    assert fc["para_first"] == 0.0 and fd["para_pos"] == 1.0
    assert fc["len_5_9"] == 1.0 and fp["len_5_9"] == 0.0


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    """A quote-layer cache of two written texts (slant.train.attribution_cache), with the shipped head."""
    import pickle

    from slant.analyze.process import make_pipeline
    from slant.settings import load_settings
    from slant.train.attribution import PolnearDoc
    from slant.train.attribution_cache import build

    pipeline = make_pipeline(load_settings(), ("slant.entities.v1", "slant.quotes.v1"))
    if next(c for info, c in pipeline.components if info.name == "slant.quotes.v1").head is None:
        pytest.skip("no attribution head in the model folder")
    docs = [PolnearDoc("t0", TEXT, []), PolnearDoc("t1", TEXT.replace("Maria Lopez", "Ana Ruiz"), [])]
    path = tmp_path_factory.mktemp("cache") / "c.pkl"
    build(docs, path)
    return pickle.loads(path.read_bytes()), docs


def test_collect_shows_each_text_once_to_watch_and_its_rows_follow_the_statements(cached):
    from slant.analyze.quotes.confidence import RULE_FEATURES
    from slant.train import statement_confidence as SC

    cache, docs = cached
    seen = []
    data = SC.collect(cache, docs, "shipped", watch=lambda text, quotes: seen.append((text, list(quotes))))
    assert len(seen) == len(docs) and "Maria Lopez" in seen[0][0] and "Ana Ruiz" in seen[1][0]  # in order, once each
    statements = [(n, text, q) for n, (text, quotes) in enumerate(seen) for q in quotes]
    assert statements and len(data["y"]) == len(statements)
    assert data["doc"].tolist() == [n for n, _, _ in statements]
    assert data["texts"] == [" ".join(text[q.start:q.end].split())[:200] for _, text, q in statements]
    # one feature row per statement: the rules-only model reads the rule columns of the head's rows
    assert np.array_equal(data["Xr"], data["X"][:, :len(RULE_FEATURES)])


def test_trial_collect_gives_every_statement_its_text_features(cached):
    cache, docs = cached
    data = T.collect(cache, docs, "shipped")
    assert len(data["extras"]) == len(data["lemmas"]) == len(data["kinds"]) == len(data["y"]) > 0
    assert set(data["kinds"].tolist()) <= {"direct", "indirect"}
    assert {"has_aux", "para_first", "cue_after"} <= set(data["extras"][0])
