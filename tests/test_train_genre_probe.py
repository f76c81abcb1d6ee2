"""Probing reporting against opinion with stance rates and technique densities (slant.train.genre_probe)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")

from slant.train import genre_probe as P  # noqa: E402

# Written for these tests (no corpus text).
REPORT = ("Council approves bridge budget\n\n"
          "The city council voted 7-2 on Tuesday to approve $48 million for a new bridge, officials said.\n"
          "\"We are paying for something others offered to pay for,\" council member Maria Lopez told reporters.\n"
          "Work will start in March, according to a statement from the mayor's office.")
OPINION = ("Why I am tired of this bridge\n\n"
           "Imagine paying twice for the same bridge. Don't let them tell you it is necessary.\n"
           "It is clearly the worst, most absurd plan this council could possibly have made. We should "
           "really say no... and we must!")


def _rate(text, name):
    return P.stance_rates(text)[P.STANCE_NAMES.index(name)]


def test_stance_rates_have_one_name_each():
    assert len(P.stance_rates(REPORT)) == len(P.STANCE_NAMES)
    assert P.stance_features(REPORT).shape == (2 * len(P.STANCE_NAMES),)


def test_stance_rates_tell_a_report_from_an_opinion_piece():
    for name in ("share of sentences with a say-verb or attribution at the end", "share of sentences with a quotation",
                 "share of sentences opening with a quotation mark", "official roles per 100 words"):
        assert _rate(REPORT, name) > _rate(OPINION, name), name
    for name in ("share of imperative sentences", "modals per 100 words", "boosters per 100 words",
                 "superlatives per 100 words", "evaluative words per 100 words (longer list)",
                 "contractions per 100 words", "ellipses per sentence", "hedges per 100 words"):
        assert _rate(OPINION, name) > _rate(REPORT, name), name


def test_imperatives_are_sentences_opening_with_an_exhortation_not_a_statement():
    assert _rate("Imagine that. Stop it now.", "share of imperative sentences") == 1.0
    # "Let" opening a statement ("Let is ...") and a plain statement are not imperatives
    assert _rate("Let is a short word. The council met.", "share of imperative sentences") == 0.0


def test_stance_rates_ignore_case_spacing_and_curly_quotes():
    base = P.stance_rates(OPINION)
    assert P.stance_rates(OPINION.upper()) == pytest.approx(base)
    assert P.stance_rates(OPINION.replace(" ", "  ")) == pytest.approx(base)
    assert P.stance_rates(OPINION.replace("'", "’")) == pytest.approx(base)


def test_line_paragraphs_and_density():
    text = "Title\n\nFirst line.\nSecond line."
    spans = P.line_paragraphs(text)
    assert [text[a:b] for a, b in spans] == ["Title", "First line.", "Second line."]
    d = P.density(np.array([[0.2, 0.9], [0.6, 0.1]]))
    assert d.tolist() == pytest.approx([0.4, 0.5, 0.5, 0.5])


def test_held_out_part_never_sees_its_own_group():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(90, 3))
    y = np.repeat([0, 1, 2], 30)
    x[np.arange(90), y] += 3  # one feature per genre
    groups = np.tile(["a", "b", "c"], 30)
    z = P.held_out_part(x, y, groups, c=1.0)
    assert z.shape == (90, 3) and (z.argmax(1) == y).mean() > 0.8
    # relabelling group "a" changes nothing that group "a" is scored with
    y2 = y.copy()
    y2[groups == "a"] = (y2[groups == "a"] + 1) % 3
    z2 = P.held_out_part(x, y2, groups, c=1.0)
    assert np.allclose(z2[groups == "a"], z[groups == "a"])
    assert not np.allclose(z2[groups == "b"], z[groups == "b"])


def test_a_rate_constant_in_training_does_not_blow_up_a_held_out_logit():
    rng = np.random.default_rng(2)
    y = np.repeat([0, 1, 2], 20)
    x = np.c_[rng.normal(size=60) + y, np.zeros(60)]
    groups = np.tile(["a", "b", "c", "d"], 15)
    x[0, 1] = 0.6  # the rare rate: one text of group "a" has it, one of group "b" barely
    x[1, 1] = 1e-4
    assert P.informative(x[groups != "a"]).tolist() == [True, False]
    assert np.abs(P.held_out_part(x, y, groups)).max() < 20


def test_semeval_auc_within_and_transferred():
    rng = np.random.default_rng(1)
    n = 200
    y = rng.integers(0, 2, n)
    sources = np.where(np.arange(n) < 100, "semeval", np.where(y == 0, "polnear-nyt", "webis-guardian"))
    groups = np.where(sources == "semeval", np.char.add("semeval-fold", (np.arange(n) % 5).astype(str)), sources)
    good = np.c_[y + 0.3 * rng.normal(size=n)]
    noise = rng.normal(size=(n, 1))
    a = P.semeval_auc(good, y, sources, groups)
    assert a["within"] > 0.9 and a["transfer"] > 0.9
    b = P.semeval_auc(noise, y, sources, groups)
    assert b["within"] < 0.75 and b["transfer"] < 0.75


def test_techniques_need_semeval_out_of_fold_predictions(tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        P.main([str(tmp_path), str(tmp_path / "out"), "--base-run", str(tmp_path), "--techniques"])
    assert e.value.code == 2
    assert "--semeval-oof" in capsys.readouterr().err
