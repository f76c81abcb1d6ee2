"""Read the SemEval-2023 Task 3 (English) and SemEval-2021 Task 6 training data into examples.

Each example is one article (or one meme text) tokenised with the shared chunking code, with
per-token technique labels (from the span files), per-paragraph technique labels (paragraph =
1-based raw line, as the shared task counts them) and, where known, frames and genre.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from slant.analyze.taxonomy import FRAMES, GENRES, TECHNIQUE_NAMES
from slant.errors import InputError
from slant.models.chunking import Encoded, encode, plan_windows, stitch_index, token_ranges

TECHNIQUE_INDEX = {name: i for i, name in enumerate(TECHNIQUE_NAMES)}
FRAME_INDEX = {name: i for i, name in enumerate(FRAMES)}
GENRE_INDEX = {name: i for i, name in enumerate(GENRES)}

#: SemEval-2021 Task 6 technique names -> SemEval-2023 Task 3 names (checked against
#: techniques_list_task1-2.txt of the 2021 release; all 20 map).
NAMES_2021_TO_2023 = {
    "Appeal to authority": "Appeal_to_Authority",
    "Appeal to fear/prejudice": "Appeal_to_Fear-Prejudice",
    "Black-and-white Fallacy/Dictatorship": "False_Dilemma-No_Choice",
    "Causal Oversimplification": "Causal_Oversimplification",
    "Doubt": "Doubt",
    "Exaggeration/Minimisation": "Exaggeration-Minimisation",
    "Flag-waving": "Flag_Waving",
    "Glittering generalities (Virtue)": "Appeal_to_Values",
    "Loaded Language": "Loaded_Language",
    "Misrepresentation of Someone's Position (Straw Man)": "Straw_Man",
    "Name calling/Labeling": "Name_Calling-Labeling",
    "Obfuscation, Intentional vagueness, Confusion": "Obfuscation-Vagueness-Confusion",
    "Presenting Irrelevant Data (Red Herring)": "Red_Herring",
    "Reductio ad hitlerum": "Guilt_by_Association",
    "Repetition": "Repetition",
    "Slogans": "Slogans",
    "Smears": "Questioning_the_Reputation",
    "Thought-terminating cliché": "Conversation_Killer",
    "Whataboutism": "Whataboutism",
    "Bandwagon": "Appeal_to_Popularity",
}


@dataclass
class Example:
    """One training item: tokens, their labels and the paragraph/article labels."""

    id: str
    text: str
    enc: Encoded
    token_labels: np.ndarray  # (n, 23) float32
    paragraphs: list[tuple[int, int]]  # token ranges
    paragraph_lines: list[int]  # 1-based raw line number of each paragraph
    paragraph_labels: np.ndarray  # (P, 23) float32
    gold_spans: list[tuple[str, int, int]] = field(default_factory=list)
    frames: np.ndarray | None = None  # (14,) float32
    genre: int | None = None
    source: str = "semeval2023"
    windows: list[tuple[int, int]] = field(default_factory=list)
    chunk_index: np.ndarray | None = None
    positions: np.ndarray | None = None
    cache: list | None = None  # frozen lower-layer states per chunk (training only)

    def plan(self) -> None:
        self.windows = plan_windows(len(self.enc))
        self.chunk_index, self.positions = stitch_index(len(self.enc), self.windows)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_fingerprint(folder: Path, files: list[Path]) -> dict[str, str]:
    """sha256 of each data file read, and one combined hash, for the model card."""
    def name(p: Path) -> str:
        try:
            return str(p.relative_to(folder))
        except ValueError:
            return str(p)

    out = {name(p): sha256_file(p) for p in sorted(files)}
    combined = hashlib.sha256("".join(f"{k}:{v}\n" for k, v in sorted(out.items())).encode()).hexdigest()
    return {"combined": combined, **out}


def _token_labels(enc: Encoded, spans: list[tuple[str, int, int]]) -> np.ndarray:
    labels = np.zeros((len(enc), len(TECHNIQUE_NAMES)), dtype=np.float32)
    if not len(enc):
        return labels
    starts, ends = enc.offsets[:, 0], enc.offsets[:, 1]
    for technique, start, end in spans:
        j = TECHNIQUE_INDEX.get(technique)
        if j is None:
            continue
        inside = (starts < end) & (ends > start)
        labels[inside, j] = 1.0
    return labels


def line_spans(text: str) -> list[tuple[int, int, int]]:
    """(line number, start, end) of each non-empty raw line."""
    out, pos = [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            out.append((number, pos, pos + len(line)))
        pos += len(line) + 1
    return out


def load_semeval2023(folder: str | Path, tokenizer) -> tuple[list[Example], list[Path]]:
    """Read the English SemEval-2023 Task 3 training release; returns examples and files read."""
    folder = Path(folder)
    articles = folder / "train-articles-subtask-3"
    spans_dir = folder / "train-labels-subtask-3-spans"
    if not articles.is_dir() or not spans_dir.is_dir():
        raise InputError(f"{folder} does not look like the SemEval-2023 Task 3 English folder "
                         f"(no train-articles-subtask-3/ or train-labels-subtask-3-spans/)",
                         hint="pass the folder that holds train-articles-subtask-3/")
    files_read: list[Path] = []
    par_labels: dict[tuple[str, int], list[str]] = {}
    st3 = folder / "train-labels-subtask-3.txt"
    files_read.append(st3)
    for line in st3.read_text(encoding="utf-8").splitlines():
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 2:
            par_labels[(cols[0], int(cols[1]))] = [t for t in (cols[2].split(",") if len(cols) > 2 else []) if t]
    genres: dict[str, int] = {}
    frames: dict[str, np.ndarray] = {}
    st1, st2 = folder / "train-labels-subtask-1.txt", folder / "train-labels-subtask-2.txt"
    for line in st1.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 2 and cols[1].strip() in GENRE_INDEX:
            genres[cols[0]] = GENRE_INDEX[cols[1].strip()]
    for line in st2.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 1 and cols[0]:
            vec = np.zeros(len(FRAMES), dtype=np.float32)
            for f in (cols[1].split(",") if len(cols) > 1 else []):
                if f.strip() in FRAME_INDEX:
                    vec[FRAME_INDEX[f.strip()]] = 1.0
            frames[cols[0]] = vec
    files_read += [st1, st2]

    examples = []
    for path in sorted(articles.glob("article*.txt")):
        article_id = path.stem.replace("article", "")
        # newline="" keeps \r characters, which the span offsets count.
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        files_read.append(path)
        span_file = spans_dir / f"article{article_id}-labels-subtask-3.txt"
        spans = []
        if span_file.is_file():
            files_read.append(span_file)
            for line in span_file.read_text(encoding="utf-8").splitlines():
                cols = line.split("\t")
                if len(cols) == 4:
                    spans.append((cols[1], int(cols[2]), int(cols[3])))
        enc = encode(tokenizer, text)
        lines = line_spans(text)
        ranges = token_ranges(enc.offsets, [(s, e) for _, s, e in lines])
        plabels = np.zeros((len(lines), len(TECHNIQUE_NAMES)), dtype=np.float32)
        for i, (number, _, _) in enumerate(lines):
            for t in par_labels.get((article_id, number), []):
                if t in TECHNIQUE_INDEX:
                    plabels[i, TECHNIQUE_INDEX[t]] = 1.0
        ex = Example(article_id, text, enc, _token_labels(enc, spans), ranges, [n for n, _, _ in lines],
                     plabels, spans, frames.get(article_id), genres.get(article_id))
        ex.plan()
        examples.append(ex)
    if not examples:
        raise InputError(f"no article*.txt files in {articles}")
    return examples, files_read


def load_semeval2021(folder: str | Path, tokenizer) -> tuple[list[Example], list[Path]]:
    """Read SemEval-2021 Task 6 task-2 texts (train + dev) as one-paragraph examples."""
    folder = Path(folder)
    examples, files_read = [], []
    for name in ("training_set_task2.txt", "dev_set_task2.txt"):
        path = folder / name
        if not path.is_file():
            continue
        files_read.append(path)
        for item in json.loads(path.read_text(encoding="utf-8")):
            text = item["text"]
            spans = [(NAMES_2021_TO_2023[l["technique"]], int(l["start"]), int(l["end"]))
                     for l in item.get("labels", []) if l["technique"] in NAMES_2021_TO_2023]
            enc = encode(tokenizer, text)
            if not len(enc):
                continue
            plabels = np.zeros((1, len(TECHNIQUE_NAMES)), dtype=np.float32)
            for t, _, _ in spans:
                plabels[0, TECHNIQUE_INDEX[t]] = 1.0
            ex = Example(f"2021-{item['id']}", text, enc, _token_labels(enc, spans), [(0, len(enc))], [1],
                         plabels, spans, source="semeval2021")
            ex.plan()
            examples.append(ex)
    return examples, files_read


def split_by_article(examples: list[Example], fraction: float, seed: int) -> tuple[list[Example], list[Example]]:
    """Validation split by article, stratified by genre (unknown genre is its own stratum)."""
    rng = random.Random(seed)
    strata: dict[int, list[Example]] = {}
    for ex in sorted(examples, key=lambda e: e.id):
        strata.setdefault(-1 if ex.genre is None else ex.genre, []).append(ex)
    train, val = [], []
    for key in sorted(strata):
        items = strata[key]
        rng.shuffle(items)
        k = max(1, round(len(items) * fraction)) if len(items) > 1 else 0
        val += items[:k]
        train += items[k:]
    return sorted(train, key=lambda e: e.id), sorted(val, key=lambda e: e.id)
