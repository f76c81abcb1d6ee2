"""Genre training texts from several corpora, each tagged with its source and site (for held-out checks).

* SemEval-2023 Task 3 English subtask-1 articles (reporting / opinion / satire; source ``semeval``);
* ``genre/golbeck2018-satire`` (satire; source ``golbeck``, site = the satire site named by the
  story's URL line, e.g. ``theonion.com``; stories without one are ``unknown``);
* ``genre/webis-editorials-16`` (opinion; one source per portal: ``webis-aljazeera``, ...);
* ``polnear`` train and dev texts (reporting; one source per publisher, ``polnear-<publisher>``);
* ``conll2003`` ``eng.train`` / ``eng.testa`` documents (Reuters reporting, detokenised; ``conll``;
  tables of results and prices are left out: they are not articles).

Every text goes through :func:`clean_surface`, so what tells the corpora apart on the surface (URL
lines, bylines, datelines such as ``WASHINGTON (Reuters) -``, wire credits, ``ABSTRACT.``/``FULL
TEXT.`` markers, a full stop after the headline, spacing) is gone before the encoder sees the text;
the layout is the same for all (title line, blank line, one paragraph per line), and the encoder is
uncased, so headline case cannot tell them apart either.
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
    #: the outlet or site within ``source`` (a satire site, a publisher): the unit held out in validation
    site: str = ""


_URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S*\s*$", re.I)
_URL = re.compile(r"https?://\S+|www\.\S+\.\w{2,}\S*", re.I)
_WIRE = r"(?:Reuters|AP|AFP|UPI|CNN|Bloomberg|dpa|Xinhua|IANS|PTI|TASS|The Associated Press|Associated Press)"
# "WASHINGTON (Reuters) - ", "NEW YORK, Dec. 22 (UPI) — ", "CONCORD, NH—", "Philadelphia (AFP) – ", "LONDON 1996-08-22"
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'\-]*(?: [A-Z][A-Za-z.'\-]*){0,3})"      # place
    r"(?:, (?:[A-Z][A-Za-z.]*\.?(?: [A-Z][A-Za-z.]*)?))?"          # , state/country
    r"(?:,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2})?"  # , Dec. 22
    r"(?: ?\(" + _WIRE + r"\))?"
    r"\s*(?:[-–—]+|\d{4}-\d\d-\d\d\b)\s*")
_WIRE_CREDIT = re.compile(r"\s*\(" + _WIRE + r"\)\s*")
_BYLINE = re.compile(r"^(?:By|BY|by|Written by|Posted by|From)\s+[A-Z][\w.'\-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'\-]*){0,5}\.?$")
_BOILERPLATE = re.compile(
    r"^(?:ABSTRACT|FULL TEXT|CORRECTION APPENDED|ADVERTISEMENT|Advertisement|Related|RELATED|Share this|"
    r"Click here.*|Follow (?:us|him|her|me) on .*|\(?(?:Reporting|Additional reporting|Writing|Editing) by .*|"
    r"Copyright .*|©.*|All rights reserved.*|Read more.*|Source:.*|Image:.*|Photo:.*|Getty Images.*)\.?$", re.I)
_DATELINE_ALONE = re.compile(r"^[A-Z][A-Za-z.'\-]*(?: [A-Z][A-Za-z.'\-]*){0,3}(?:, [A-Z][A-Za-z. ]{1,20})?"
                             r"(?: \d{4}-\d\d-\d\d| ?[-–—]+)$")
_NAME_LINE = re.compile(r"^[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][A-Za-z'\-]+){1,2}$")  # a bare byline: "Peter Blackburn"
_DATE_LINE = re.compile(r"^(?:[A-Z][a-z]+day,? )?(?:\d{1,2} )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
                        r"(?: \d{1,2})?,? \d{4}.*$|^\d{4}-\d\d-\d\d.*$")


def _is_dateline(prefix: str) -> bool:
    """A dateline names its place in capitals (``WASHINGTON``, ``CONCORD, NH``) or credits a wire."""
    place = prefix.split(",")[0].split("(")[0].strip(" -–—")
    return bool(_WIRE_CREDIT.search(prefix)) or (len(place) >= 3 and place.upper() == place and place.isascii())


def clean_paragraph(p: str, first: bool = False) -> str:
    """One paragraph without URLs and wire credits, with single spaces; the first also loses a dateline."""
    p = _URL.sub("", p)
    p = re.sub(r"\s+", " ", p).strip()
    m = _DATELINE.match(p) if first else None
    if m and m.end() < len(p) and _is_dateline(p[:m.end()]):
        p = p[m.end():]
    p = _WIRE_CREDIT.sub(" ", p).strip()
    return p


def clean_surface(title: str, paragraphs: list[str]) -> str:
    """Title line, blank line, one cleaned paragraph per line; surface markers of the source dropped.

    Dropped lines: URLs alone, bylines (``By Jane Doe``, a bare two- or three-word name before
    the dateline), datelines alone, dates alone, wire and site boilerplate (``ABSTRACT.``,
    ``Reporting by ...; Editing by ...``, ``Follow us on ...``, copyright lines). The title loses a
    final full stop (some corpora add one, others never do).
    """
    title = re.sub(r"\s+", " ", _URL.sub("", title)).strip()
    title = re.sub(r"(?<![.!?]\.)(?<=\w)\.$", "", title).strip()
    out = []
    for k, raw in enumerate(paragraphs):
        s = re.sub(r"\s+", " ", raw).strip()
        if not s or _URL_LINE.match(s) or _BYLINE.match(s) or _BOILERPLATE.match(s) or _DATE_LINE.match(s):
            continue
        if not out and _NAME_LINE.match(s):
            continue
        if not out and _DATELINE_ALONE.match(s):
            continue  # a dateline alone on its line ("ORVIETO, Italy 1996-08-24", "WASHINGTON —")
        p = clean_paragraph(s, first=not out)
        if p:
            out.append(p)
    return title + "\n\n" + "\n".join(out)


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
            out.append(GenreText(f"semeval-{aid}", clean_surface(lines[0], lines[1:]), labels[aid], "semeval", "semeval"))
    return out


def satire_site(line: str) -> str | None:
    """The site of a Golbeck story from its URL line (``http://www.theonion.com/...`` -> ``theonion.com``)."""
    m = re.match(r"\s*(?:https?://)?(?:www\.)?([a-z0-9.\-]+\.[a-z]{2,})(?:/|\s*$)", line.strip(), re.I)
    return m.group(1).lower() if m and _URL_LINE.match(line) else None


def load_golbeck(folder: Path) -> list[GenreText]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        site = next((s for s in (satire_site(l) for l in lines[1:3]) if s), "unknown")
        out.append(GenreText(f"golbeck-{path.stem}", clean_surface(lines[0], lines[1:]), GENRE_INDEX["satire"],
                             "golbeck", site))
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
            out.append(GenreText(f"webis-{portal.name}-{path.stem}", clean_surface(title, paras),
                                 GENRE_INDEX["opinion"], f"webis-{portal.name}", portal.name))
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
            out.append(GenreText(f"polnear-{path.stem}", clean_surface(lines[0], lines[1:]), GENRE_INDEX["reporting"],
                                 f"polnear-{pub}", pub))
    return out


def _is_prose(lines: list[str]) -> bool:
    """A Reuters document that is an article, not a table of results or prices."""
    body = lines[1:]
    prose = [l for l in body if len(l.split()) >= 8 and l.rstrip()[-1:] in '.”"\'']
    return len(prose) >= 3 and len(prose) >= 0.6 * len(body)


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
            if not _is_prose(lines):
                continue
            # Reuters copy: headline, (byline,) dateline, body sentences; sentences become paragraphs.
            title = lines[0].capitalize() if lines[0].isupper() else lines[0]
            out.append(GenreText(f"conll-{name}-{k}", clean_surface(title, lines[1:]), GENRE_INDEX["reporting"],
                                 "conll", "reuters"))
    if limit:
        out = out[::max(1, len(out) // limit)][:limit]
    return out


def load_all(data: Path, polnear_per_publisher: int | None = None, conll_limit: int = 400) -> list[GenreText]:
    data = Path(data)
    texts = load_semeval(data / "semeval2023-task3-en")
    texts += load_golbeck(data / "genre" / "golbeck2018-satire")
    texts += load_webis(data / "genre" / "webis-editorials-16")
    texts += load_polnear(data / "polnear", polnear_per_publisher)
    texts += load_conll(data / "conll2003", conll_limit)
    return texts
