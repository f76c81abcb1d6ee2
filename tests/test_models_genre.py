"""The shipped genre head reads the article, not its surface: datelines, bylines, headline case,
spacing and site boilerplate do not change its answer."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from slant.analyze.taxonomy import GENRES
from slant.models.onnx_model import DEFAULT_MODEL_DIR

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "putin-nato-daily-post.txt"
MODEL_DIR = Path(os.environ.get("SLANT_TEST_PERSUASION_MODEL", DEFAULT_MODEL_DIR))

pytestmark = pytest.mark.skipif(not (MODEL_DIR / "persuasion.json").is_file(),
                                reason=f"no persuasion model in {MODEL_DIR}")

# Written for this test (no corpus text): a plain wire-style report.
REPORT = [
    "City council approves budget for new bridge",
    "",
    "The city council voted 7-2 on Tuesday to approve a budget of $48 million for a new bridge over the river, "
    "ending a debate that had lasted more than a year.",
    "The bridge will replace a crossing built in 1958 that engineers said last spring was no longer safe for "
    "heavy trucks. Construction is expected to begin in March and take about two years, the city's transport "
    "department said in a statement.",
    "Council member Maria Lopez, who voted against the plan, said the city should have waited for a federal grant. "
    "\"We are paying for something others offered to pay for,\" she told reporters after the vote.",
    "The mayor's office said the grant would not have arrived before 2027. Traffic on the old bridge will be "
    "limited to one lane while work is under way.",
]


def _variants(lines: list[str]) -> dict[str, str]:
    title, body = lines[0], lines[2:]
    return {
        "plain": "\n".join(lines),
        "dateline": "\n".join([title, ""] + ["SPRINGFIELD (Reuters) - " + body[0]] + body[1:]),
        "dash dateline": "\n".join([title, ""] + ["SPRINGFIELD, Ill. — " + body[0]] + body[1:]),
        "byline": "\n".join([title, "", "By Jane Doe, Staff Writer", "Published 10:42 AM ET"] + body),
        "headline case": "\n".join([title.upper(), ""] + body),
        "spacing": "\n".join([title, ""] + [p.replace(" ", "  ") for p in body]),
        "boilerplate": "\n".join(lines + ["Follow us on Twitter and Facebook.", "Copyright 2024. All rights reserved."]),
    }


def _genre_probs(texts: list[str]) -> np.ndarray:
    from slant.models.onnx_model import get_model

    model = get_model(MODEL_DIR)
    spans = []
    for t in texts:
        pos, par = 0, []
        for line in t.split("\n"):
            if line.strip():
                par.append((pos, pos + len(line)))
            pos += len(line) + 1
        spans.append(par)
    return np.stack([p.heads["genre"] for p in model.predict(texts, spans)])


@pytest.mark.parametrize("name, lines", [("report", REPORT), ("example", None)])
def test_genre_does_not_flip_on_surface_changes(name, lines):
    if lines is None:
        lines = EXAMPLE.read_text("utf-8").split("\n")
    variants = _variants(lines)
    probs = _genre_probs(list(variants.values()))
    base = probs[0]
    top2 = np.sort(base)[-2:]
    for (kind, _), p in zip(variants.items(), probs):
        if top2[1] - top2[0] > 0.1:  # a near tie may tip either way; a clear answer must not
            assert p.argmax() == base.argmax(), f"{name}: {kind} changed the genre: {p} vs {base}"
        assert np.abs(p - base).max() < 0.15, f"{name}: {kind} moved the probabilities: {p} vs {base}"


def test_genre_calls_a_plain_report_reporting():
    probs = _genre_probs(["\n".join(REPORT)])[0]
    assert GENRES[int(probs.argmax())] == "reporting", probs


def test_genre_names_reports_reporting_not_uncertain():
    """A report, wire-style or relaying a speech (the bundled example), is named "reporting": its
    probability reaches the 0.5 at which Slant names a genre (v2.1 left the example "uncertain")."""
    import json

    if not json.loads((MODEL_DIR / "persuasion.json").read_text())["heads"]["genre"].get("uses_style"):
        pytest.skip("this model's genre head does not read the text's style")
    probs = _genre_probs(["\n".join(REPORT), EXAMPLE.read_text("utf-8")])
    assert probs[:, 0].min() >= 0.5, probs
