"""Shared tail of the benchmarks: print the rows as a Markdown table and keep them as JSON lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Sequence


def finish(rows: Sequence[dict], columns: Sequence[tuple[str, str, Callable[[dict], object]]],
           json_path: str | None = None) -> None:
    """Print ``rows`` as a Markdown table; ``columns`` are (title, "l" or "r", cell); write JSON lines to ``json_path``."""
    print("\n| " + " | ".join(title for title, _, _ in columns) + " |")
    print("|" + "|".join("---:" if align == "r" else "---" for _, align, _ in columns) + "|")
    for r in rows:
        print("| " + " | ".join(str(cell(r)) for _, _, cell in columns) + " |")
    if json_path:
        Path(json_path).write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
