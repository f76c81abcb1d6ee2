"""The learned second stage after the junk rules (slant.clean.learned_lines) and its hook in clean_record."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest

from slant.clean import clean_record
from slant.clean import learned_lines as ll
from slant.errors import ModelError
from slant.ingest.record import RawRecord
from slant.settings import CleanSettings

TITLE = "Council Approves Flood Budget After Long Night"
P1 = "The council voted on Tuesday to approve a budget that raises spending on flood defences by a fifth."
P2 = "Residents of the lower town, where the river burst its banks twice last winter, welcomed the decision."
P3 = "The work is due to start in the spring and to finish before the end of next year, officials said."


def _raw(*lines: str) -> str:
    return TITLE + "\n\n" + "\n\n".join(lines) + "\n"


def _model_file(tmp_path, weights: dict[str, float], threshold: float = 0.9, gz: bool = True):
    path = tmp_path / ("model.json.gz" if gz else "model.json")
    data = {"version": "1", "threshold": threshold, "weights": weights}
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            json.dump(data, fh)
    else:
        path.write_text(json.dumps(data), "utf-8")
    return path


def test_own_features_carry_letters_words_and_shape():
    feats = ll.own_features(ll.Line("Zorblat your inbox: 3 offers"))
    assert {"bias", "w:zorblat", "w:0", "b:<s> zorblat", "b:offers </s>", "c:<zo", "c:zorb", "c:blat>", "c:box>",
            "n:5-6", "start:U", "end:l", "has:digit", "sym::"} <= set(feats)
    # the same line gives the same features in any process (no hash(), no set order): two processes
    # with other hash seeds (in one process a hash() or a set's order would repeat itself)
    for seed in ("1", "2"):
        code = ("import json, sys; from slant.clean import learned_lines as ll; "
                "json.dump(ll.own_features(ll.Line('Zorblat your inbox: 3 offers')), sys.stdout)")
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.pathsep.join(sys.path)}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        assert json.loads(out.stdout) == feats


def test_place_is_the_cleaners_view_after_the_rules():
    texts = ["By the desk", P1, "Zorblat offer", P2, "• first item", "• second item", "Share this"]
    removed = [True, False, False, False, False, False, True]
    feats = ll.article_features(texts, removed)
    assert feats[0] is None and feats[1] is None and feats[3] is None    # removed by the rules; paragraphs
    assert {"at:mid", "prev:para", "next:para"} <= set(feats[2])
    assert {"at:trail", "list:sib", "prev:para", "next:short"} <= set(feats[4])
    assert {"at:trail", "list:sib", "next:rulejunk"} <= set(feats[5])
    # the last kept paragraph decides: with P2 removed by the rules, P1 is the article's end
    moved = ll.article_features(texts, [True, False, False, True, False, False, True])
    assert "at:trail" in moved[2] and "next:rulejunk" in moved[2]


def test_scores_only_short_lines_the_rules_kept(tmp_path):
    model = ll.LearnedLines.load(_model_file(tmp_path, {"bias": -5.0, "w:zorblat": 8.0}))
    p = model.scores([P1, "Zorblat offer", "Quiet line", " ".join(["zorblat"] * 31)], [False] * 4)
    assert p[0] is None and p[3] is None
    assert p[1] == pytest.approx(1 / (1 + 2.718281828459045 ** -3.0))
    assert p[2] == pytest.approx(1 / (1 + 2.718281828459045 ** 5.0))
    assert model.scores(["Zorblat offer"], [True]) == [None]


def test_clean_record_removes_a_line_at_the_threshold_and_keeps_the_rest(tmp_path):
    path = _model_file(tmp_path, {"bias": -5.0, "w:zorblat": 8.0, "w:almost": 7.1}, threshold=0.9)
    raw = _raw(P1, "Zorblat offer", P2, "Almost there", P3)
    settings = CleanSettings(learned_lines=True, learned_lines_path=str(path))
    doc = clean_record(RawRecord(id="x", source="x", raw=raw), settings)
    removed = {r.text: r for r in doc.removed}
    assert removed["Zorblat offer"].reason == ll.REASON
    assert removed["Zorblat offer"].score == pytest.approx(0.9526, abs=1e-4)
    assert "p = 0.953 >= 0.9" in removed["Zorblat offer"].evidence
    # p = sigmoid(2.1) = 0.891 < 0.9: kept
    assert "Almost there" in doc.text and "Zorblat offer" not in doc.text
    assert [r.raw_start for r in doc.removed] == sorted(r.raw_start for r in doc.removed)
    for r in doc.removed:
        assert raw[r.raw_start:r.raw_end] == r.text
    for para in doc.paragraphs:   # offsets stay exact
        a, b = doc.offsets.to_raw(para.start), doc.offsets.to_raw(para.end, side="end")
        assert raw[a:b] == doc.text[para.start:para.end]
    # the rules alone keep it
    plain = clean_record(RawRecord(id="x", source="x", raw=raw), CleanSettings(learned_lines=False))
    assert "Zorblat offer" in plain.text


def test_a_missing_or_broken_model_file_is_a_clear_error(tmp_path):
    settings = CleanSettings(learned_lines=True, learned_lines_path=str(tmp_path / "nowhere.json.gz"))
    with pytest.raises(ModelError) as info:
        clean_record(RawRecord(id="x", source="x", raw=_raw(P1, "Zorblat offer", P2)), settings)
    assert "missing" in info.value.message and "learned_lines=False" in info.value.hint
    # none ships: turned on without a file, it says so and how to get one
    assert not ll.DEFAULT_PATH.exists()
    with pytest.raises(ModelError) as info:
        clean_record(RawRecord(id="x", source="x", raw=_raw(P1, "Zorblat offer", P2)), CleanSettings(learned_lines=True))
    assert "no learned junk-line model ships" in info.value.message and "slant.train.junk_learned" in info.value.hint
    # off by default: the rules alone, no file needed
    assert not CleanSettings().learned_lines
    assert "Zorblat offer" in clean_record(RawRecord(id="x", source="x", raw=_raw(P1, "Zorblat offer", P2))).text
    bad = tmp_path / "bad.json"
    bad.write_text('{"weights": {}}', "utf-8")
    with pytest.raises(ModelError, match="threshold"):
        ll.LearnedLines.load(bad)
    plain = _model_file(tmp_path, {"bias": -5.0}, gz=False)
    assert ll.LearnedLines.load(plain).threshold == 0.9


def test_a_broken_model_file_says_how_to_get_a_good_one(tmp_path):
    # ModelError's own hint speaks of reinstalling Slant: wrong for a file the user trained
    for body in ("not json", '{"weights": {}}'):
        bad = tmp_path / "bad.json"
        bad.write_text(body, "utf-8")
        with pytest.raises(ModelError) as info:
            ll.LearnedLines.load(bad)
        assert "slant.train.junk_learned" in info.value.hint and "reinstall" not in info.value.hint
