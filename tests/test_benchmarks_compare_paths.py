"""benchmarks/compare_paths.py: the user's path (cleaned, the cleaner's paragraphs) beside the
validation path (raw file, one paragraph per raw line) for the same model, line by line."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import compare_paths  # noqa: E402

from slant.clean import clean_record  # noqa: E402
from slant.ingest.record import RawRecord  # noqa: E402

RAW = ("Shameless mayors bleed the city dry\n\nShameless mayors bleed the city dry\n"
       "The council approved a budget on Tuesday that raises bus fares by a fifth.\n\n"
       "Residents said the increase would hit the poorest families hardest.\n")


def test_compare_paths_line_origin_names_removed_and_kept_lines():
    doc = clean_record(RawRecord(id="article555", source="article555.txt", raw=RAW))
    assert compare_paths.line_origin(doc) == {1: "one", 3: "removed", 4: "one", 6: "one"}


def test_compare_paths_validation_path_has_one_paragraph_per_raw_line(tmp_path):
    (tmp_path / "article555.txt").write_text(RAW, encoding="utf-8")
    [doc] = compare_paths.validation_docs(tmp_path, ["article555"])
    assert doc.text == RAW and [p.attrs["raw_line"] for p in doc.paragraphs] == [1, 3, 4, 6]
    assert "paragraph_techniques" in doc.layers and "techniques" in doc.layers
