"""Genre training texts from several corpora, each tagged with its source (for source-held-out checks).

* SemEval-2023 Task 3 English subtask-1 articles (reporting / opinion / satire; source ``semeval``);
* ``genre/golbeck2018-satire`` (satire; source ``golbeck``);
* ``genre/webis-editorials-16`` (opinion; one source per portal: ``webis-aljazeera``, ...);
* ``polnear`` train and dev texts (reporting; one source per publisher, ``polnear-<publisher>``);
* ``conll2003`` ``eng.train`` / ``eng.testa`` documents (Reuters reporting, detokenised; ``conll``).

Every text is normalised the same way (title line, blank line, one paragraph per line) so layout
cannot tell corpora apart; the encoder is uncased, so headline case cannot either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from slant.analyze.taxonomy import GENRES

GENRE_INDEX = {g: i for i, g in enumerate(GENRES)}


@dataclass
class GenreText:
    id: str
    text: str
    genre: int
    source: str


def _norm(title: str, paragraphs: list[str]) -> str:
    paras = [re.sub(r"[ \t]+", " ", p).strip() for p in paragraphs]
    paras = [p for p in paras if p]
    return title.strip() + "\n\n" + "\n".join(paras)


_NO_SPACE_BEFORE = re.compile(r"\s+([.,;:!?%)\]}’”']|n't|'s|'re|'ve|'ll|'d|'m)(?=\s|$|[.,;:!?\"”’)])")
_NO_SPACE_AFTER = re.compile(r"([(\[{$“‘])\s+")


def detokenise(tokens: list[str]) -> str:
    """Rejoin CoNLL tokens into ordinary text (no space before punctuation, quotes paired)."""
    out, open_quote = [], True
    for tok in tokens:
        if tok == '"':
            out.append("“" if open_quote else "”")
            open_quote = not open_quote
        else:
            out.append(tok)
    text = " ".join(out)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r"“\s+", "“", text)
    text = re.sub(r"\s+”", "”", text)
    return text


def load_semeval(folder: Path) -> list[GenreText]:
    labels = {}
    for line in (folder / "train-labels-subtask-1.txt").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 2 and cols[1].strip() in GENRE_INDEX:
            labels[cols[0]] = GENRE_INDEX[cols[1].strip()]
    out = []
    for path in sorted((folder / "train-articles-subtask-1").glob("article*.txt")):
        aid = path.stem.replace("article", "")
        if aid in labels:
            lines = path.read_text(encoding="utf-8-sig").split("\n")
            out.append(GenreText(f"semeval-{aid}", _norm(lines[0], lines[1:]), labels[aid], "semeval"))
    return out


def load_golbeck(folder: Path) -> list[GenreText]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        out.append(GenreText(f"golbeck-{path.stem}", _norm(lines[0], lines[1:]), GENRE_INDEX["satire"], "golbeck"))
    return out


def load_webis(folder: Path) -> list[GenreText]:
    out = []
    for portal in sorted(p for p in folder.iterdir() if p.is_dir()):
        for path in sorted(portal.glob("*.txt")):
            title, paras, cur = "", [], []
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                cols = line.split("\t")
                if len(cols) < 2:
                    continue
                label, text = cols[1], cols[2] if len(cols) > 2 else ""
                if label == "title":
                    title = text
                elif label == "par-sep":
                    if cur:
                        paras.append(" ".join(cur))
                    cur = []
                else:
                    cur.append(text)
            if cur:
                paras.append(" ".join(cur))
            paras = [_NO_SPACE_BEFORE.sub(r"\1", p) for p in paras]
            out.append(GenreText(f"webis-{portal.name}-{path.stem}", _norm(title, paras), GENRE_INDEX["opinion"],
                                 f"webis-{portal.name}"))
    return out


def load_polnear(folder: Path, limit_per_publisher: int | None = None) -> list[GenreText]:
    publisher = {}
    meta = folder / "metadata.tsv"
    if meta.is_file():
        rows = meta.read_text(encoding="utf-8").splitlines()
        head = rows[0].split("\t")
        fi, pi = head.index("filename"), head.index("publisher")
        for r in rows[1:]:
            cols = r.split("\t")
            if len(cols) > max(fi, pi):
                publisher[cols[fi]] = cols[pi]
    out, counts = [], {}
    for split in ("train", "dev"):
        for path in sorted((folder / split / "text").glob("*.txt")):
            pub = publisher.get(path.stem, path.stem.split("_")[0])
            if limit_per_publisher and counts.get(pub, 0) >= limit_per_publisher:
                continue
            counts[pub] = counts.get(pub, 0) + 1
            lines = [l for l in path.read_text(encoding="utf-8", errors="replace").split("\n")]
            lines = [l for l in lines if l.strip()]
            if not lines:
                continue
            out.append(GenreText(f"polnear-{path.stem}", _norm(lines[0], lines[1:]), GENRE_INDEX["reporting"],
                                 f"polnear-{pub}"))
    return out


def load_conll(folder: Path, limit: int | None = None) -> list[GenreText]:
    out = []
    for name in ("eng.train", "eng.testa"):
        path = folder / name
        if not path.is_file():
            continue
        docs, sents, cur = [], [], []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("-DOCSTART-"):
                if cur:
                    sents.append(cur)
                if sents:
                    docs.append(sents)
                sents, cur = [], []
            elif not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
            else:
                cur.append(line.split(" ")[0])
        if cur:
            sents.append(cur)
        if sents:
            docs.append(sents)
        for k, sents in enumerate(docs):
            if len(sents) < 4:
                continue
            lines = [detokenise(s) for s in sents]
            # Reuters copy: headline, dateline, body sentences; sentences become paragraphs.
            title = lines[0].capitalize() if lines[0].isupper() else lines[0]
            out.append(GenreText(f"conll-{name}-{k}", _norm(title, lines[1:]), GENRE_INDEX["reporting"], "conll"))
    if limit:
        out = out[::max(1, len(out) // limit)][:limit]
    return out


def load_all(data: Path, polnear_per_publisher: int = 30, conll_limit: int = 200) -> list[GenreText]:
    data = Path(data)
    texts = load_semeval(data / "semeval2023-task3-en")
    texts += load_golbeck(data / "genre" / "golbeck2018-satire")
    texts += load_webis(data / "genre" / "webis-editorials-16")
    texts += load_polnear(data / "polnear", polnear_per_publisher)
    texts += load_conll(data / "conll2003", conll_limit)
    return texts
