"""benchmarks/score_release.py: another checkout's code scored with today's measures.

Given today's own ``src``, the split run (layout and scoring here, cleaning or quotes in a child
process that imports only ``--src``) must give exactly what the in-process scripts give; that is
what lets its figures for an older release be read beside today's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import eval_junk_heldout  # noqa: E402
import score_release  # noqa: E402

KEYS = ("junk_removed", "junk_decisions", "content_kept", "content_decisions")


@pytest.mark.parametrize("layout", ["rounds", "written"])
def test_score_release_junk_matches_eval_junk_heldout(tmp_path, layout):
    data = eval_junk_heldout.load("a")
    if layout == "written":  # set A has no written layout: lay two of its articles out by hand
        paragraphs = data["content"][:4]
        data = {**data, "articles": [
            {"title": "Budget vote", "lines": [[line, kind] for kind, lines in list(data["junk"].items())[:3]
                                               for line in lines[:1]] + [[p, "content"] for p in paragraphs]
             + [[line, kind] for kind, lines in list(data["junk"].items())[3:6] for line in lines[:1]]},
        ]}
    expected = eval_junk_heldout.evaluate(data, layout)
    got = score_release.score_junk(data, layout, str(ROOT / "src"))
    assert {k: got[k] for k in KEYS} == {k: expected[k] for k in KEYS}
    assert got["junk_decisions"] > 0 and got["content_decisions"] > 0


def test_score_release_refuses_a_folder_without_slant(tmp_path):
    with pytest.raises(SystemExit, match="no slant package there"):
        score_release.run_child("print(1)", str(tmp_path), [])


def test_score_release_a_failing_tree_is_a_clear_error(tmp_path):
    (tmp_path / "slant").mkdir()
    (tmp_path / "slant" / "__init__.py").write_text("")
    with pytest.raises(SystemExit, match="failed .exit 1"):
        score_release.run_child("import slant.clean", str(tmp_path), [])


def test_score_release_quotes_matches_the_tracker(data_dir):
    folder = data_dir / "polnear" / "dev"
    if not folder.is_dir():
        pytest.skip("PolNeAR dev not found")
    from slant.train.attribution import pipeline_predictions, read_polnear, tracker_scores

    docs = read_polnear(folder)[::28]
    expected = tracker_scores(docs, pipeline_predictions(docs))
    assert score_release.score_quotes(str(folder), 28, 0, str(ROOT / "src")) == expected


def test_score_release_a_set_without_a_written_layout_is_scored_in_rounds(capsys):
    score_release.main(["junk", "--src", str(ROOT / "src"), "a"])
    expected = eval_junk_heldout.evaluate(eval_junk_heldout.load("a"), "rounds")
    assert capsys.readouterr().out.startswith(
        f"a: junk removed {expected['junk_removed']}/{expected['junk_decisions']} = ")
