"""Publication dates: precision and coverage on a dated test set built from a data folder.

    python benchmarks/eval_dates.py ../shared/data [--json out.json]

The test set is built in a temporary folder and never kept (the texts are not ours to ship):

* ``text``: the PolNeAR texts as they are (2016 US election news; the true date is in
  ``polnear/metadata.tsv``). Most carry no date in their text: coverage is low and should be.
* ``dateline``: the same texts with a dateline or byline block written the way outlets write them
  (several styles, a third of them without a year, with the crawl date of a WARC given then).
* ``dateline-2``: twelve more styles written after the rules were done, on a ".com" outlet, with
  two dates of events put into each body (first-run figures at ``LATER_STYLES``).
* ``jsonl``, ``rss``, ``html``: the same articles as JSONL records with ``published``, RSS items with
  ``pubDate`` and HTML pages with ``article:published_time``, read through ``slant.ingest`` and
  cleaned as ``slant ingest`` would; their time of day must come through.
* ``semeval``: the SemEval-2023 training articles (collected 2017-2019, no gold dates): a date
  given outside 2015-2020 is counted wrong (a lower bound on the error).

A date is right when it equals the true day. Precision = right / given, coverage = given / articles.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from slant.clean import clean_record
from slant.ingest.sources import iter_corpus

DATELINE_STYLES = (
    "WASHINGTON, {mdy} (AP) - ",
    "NEW YORK, {mdy} /PRNewswire/ - ",
    "By {author} | {mdy}\n\n",
    "Published {dmy}\n\n",
    "Posted on {mdy}\n\n",
    "{weekday}, {mdy}\n\n",
    "Updated {dmy} {hm} GMT\n\n",
)
#: a second set of styles, written after the rules were done and scored once (first run: 681 of 924
#: dated, 25 wrong: precision 0.963, coverage 0.737; the wrong ones were day-first numeric dates on a
#: ".com" outlet, the misses three styles the rules lacked), with event dates put into the body
LATER_STYLES = (
    "{title}\n\nBy {author}, Staff Writer\n{B} {d}, {y} at 4:12 p.m.\n\n{body}",
    "{title}\n\nCHICAGO (Reuters) - {body}\n\nLast updated {dd}/{mm}/{y}",
    "{title}\n{b}. {d}, {y} / 10:31 AM ET\n\n{body}",
    "{title}\n\n{author} | Published: {A}, {B} {d}, {y}\n\n{body}",
    "{title}\n\nSAN FRANCISCO — {B} {d}, {y} — {body}",
    "{title}\n\n{d} {B} {y}\n\n{body}",
    "{title}\n\n{y}-{mm}-{dd}T09:00:00Z\n\n{body}",
    "{title}\n\nOriginally published {B} {d}, {y}\n\n{body}",
    "{title}\n\n{body}\n\nThis article was first published on {B} {d}, {y}.",
    "{title}\n\nPosted by {author} on {A}, {B} {d}, {y}\n\n{body}",
    "{title}\n\n{A} {d} {B} {y} 06.00 EST\n\n{body}",
    "{title}\n\nBy {author}\n\nUpdated {b} {d}, {y}, 7:45 pm\n\n{body}",
)
EVENT_SENTENCES = (
    "Back on {b2} {d2}, {y2}, the committee had voted the other way.",
    "The rule, adopted {B2} {d2}, {y2}, was meant to be temporary.",
    "As of {B2} {d2}, the deadline had not moved.",
    "Records dated {mm2}/{dd2}/{y2} show the payment went through.",
    "She was born on {d2} {B2} {y2} in Ohio.",
)
YEARLESS_STYLES = ("WASHINGTON, {md} (Reuters) - ", "DES MOINES, Iowa, {md} - ")


def _ap_month_day(day: date) -> str:
    """The AP style: "Jan. 5", "March 5", "Sept. 5" (months of five letters or fewer in full)."""
    name = f"{day:%B}"
    short = {"September": "Sept."}.get(name, f"{day:%b}.")
    return f"{name if len(name) <= 5 else short} {day.day}"


def _polnear(data: Path) -> list[tuple[str, str, date, str]]:
    meta = {}
    with open(data / "polnear" / "metadata.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    out = []
    for split in ("train", "dev"):
        for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
            row = meta.get(path.stem)
            if not row or not row.get("publication_date"):
                continue
            try:
                day = date.fromisoformat(row["publication_date"])
            except ValueError:
                continue
            out.append((path.stem, path.read_text(encoding="utf-8"), day, row.get("author") or "Staff"))
    return out


def _score(name: str, results: list[tuple[str | None, date | None, str | None]]) -> dict:
    given = [(v, t, at) for v, t, at in results if v]
    right = sum(1 for v, t, _ in given if t is None or v == t.isoformat())
    wrong = [(v, t.isoformat() if t else None) for v, t, _ in given if not (t is None or v == t.isoformat())]
    return {"set": name, "articles": len(results), "dated": len(given), "right": right,
            "wrong": len(given) - right, "precision": round(right / len(given), 4) if given else None,
            "coverage": round(len(given) / len(results), 4) if results else None,
            "with_time": sum(1 for _, _, at in given if at), "wrong_examples": wrong[:5]}


def _clean_all(paths: list[Path]) -> list:
    docs = []
    for path in paths:
        for record in iter_corpus([str(path)]):
            if isinstance(record, Exception):
                docs.append(None)
                continue
            docs.append(clean_record(record))
    return docs


def evaluate(data: Path, seed: int = 13) -> list[dict]:
    rng = random.Random(seed)
    articles = _polnear(data)
    rows: list[dict] = []
    from slant.clean.dates import resolve_date

    rows.append(_score("text (PolNeAR as is)", [
        ((e := resolve_date(text)) and e.value, day, None) for _, text, day, _ in articles]))

    results = []
    for _, text, day, author in articles:
        title, _, body = text.partition("\n\n")
        crawled = ""
        if rng.random() < 0.3:
            style = rng.choice(YEARLESS_STYLES)
            crawled = (datetime(day.year, day.month, day.day, 6) + timedelta(days=rng.randint(0, 20))).isoformat() + "Z"
        else:
            style = rng.choice(DATELINE_STYLES)
        line = style.format(mdy=f"{day:%B} {day.day}, {day.year}", dmy=f"{day.day} {day:%B} {day.year}",
                            md=_ap_month_day(day), weekday=f"{day:%A}", author=author,
                            hm=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}")
        raw = f"{title}\n\n{line}{body}"
        e = resolve_date(raw, crawled=crawled)
        results.append((e and e.value, day, None))
    rows.append(_score("dateline (PolNeAR + written datelines)", results))

    later = random.Random(2026)
    results = []
    for _, text, day, author in articles:
        title, _, body = text.partition("\n\n")
        other = day - timedelta(days=later.randint(30, 4000))
        paragraphs = body.split("\n")
        for _ in range(2):
            sentence = later.choice(EVENT_SENTENCES).format(
                b2=f"{other:%b}", B2=f"{other:%B}", d2=other.day, y2=other.year, mm2=other.month, dd2=other.day)
            paragraphs.insert(later.randint(0, len(paragraphs)), sentence)
        style = LATER_STYLES[later.randrange(len(LATER_STYLES))]
        raw = style.format(title=title, author=author, body="\n".join(paragraphs), B=f"{day:%B}", b=f"{day:%b}",
                           d=day.day, y=day.year, A=f"{day:%A}", dd=f"{day.day:02d}", mm=f"{day.month:02d}")
        e = resolve_date(raw, hints=["https://news.example.com/x"])
        results.append((e and e.value, day, None))
    rows.append(_score("dateline-2 (styles written later, event dates)", results))

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        times = {}
        jsonl = tmp_path / "dated.jsonl"
        with open(jsonl, "w", encoding="utf-8") as f:
            for name, text, day, _ in articles:
                at = f"{day.isoformat()}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00{rng.choice(['Z', '-05:00', '+01:00'])}"
                times[name] = at
                title, _, body = text.partition("\n\n")
                f.write(json.dumps({"id": name, "title": title, "text": body, "published": at}) + "\n")
        docs = _clean_all([jsonl])
        rows.append(_score("jsonl (published with time)", [
            (d.meta.published if d else None, day, d.meta.published_at if d else None)
            for d, (_, _, day, _) in zip(docs, articles)]))

        sample = articles[:200]
        items = []
        for name, text, day, _ in sample:
            stamp = datetime.fromisoformat(times[name].replace("Z", "+00:00"))
            title, _, body = text.partition("\n\n")
            paras = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
            items.append(f"<item><title>{_x(title)}</title><link>https://news.example.com/{name}</link>"
                         f"<guid>{name}</guid><pubDate>{stamp.strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate>"
                         f"<description>{_x(paras)}</description></item>")
        feed = tmp_path / "dated.rss"
        feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Dated</title>'
                        + "".join(items) + "</channel></rss>", encoding="utf-8")
        docs = _clean_all([feed])
        rows.append(_score("rss (pubDate with zone)", [
            (d.meta.published if d else None, day, d.meta.published_at if d else None)
            for d, (_, _, day, _) in zip(docs, sample)]))

        pages = []
        for name, text, day, _ in sample:
            title, _, body = text.partition("\n\n")
            paras = "".join(f"<p>{_x(p)}</p>" for p in body.split("\n") if p.strip())
            page = tmp_path / f"{name}.html"
            page.write_text(f'<html><head><title>{_x(title)}</title><meta property="article:published_time" '
                            f'content="{times[name]}"></head><body><article><h1>{_x(title)}</h1>{paras}'
                            "</article></body></html>", encoding="utf-8")
            pages.append(page)
        docs = _clean_all(pages)
        rows.append(_score("html (article:published_time)", [
            (d.meta.published if d else None, day, d.meta.published_at if d else None)
            for d, (_, _, day, _) in zip(docs, sample)]))

    semeval = sorted((data / "semeval2023-task3-en" / "train-articles-subtask-3").glob("*.txt"))
    results = []
    for path in semeval:
        e = resolve_date(path.read_text(encoding="utf-8-sig"))
        value = e.value if e else None
        ok = value is None or "2015-01-01" <= value <= "2020-12-31"
        results.append((value, None if ok else date(1900, 1, 1), None))
    rows.append(_score("semeval (no gold: outside 2015-2020 counted wrong)", results))
    return rows


def _x(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = evaluate(args.data)
    for row in rows:
        print(f"{row['set']:<52} articles {row['articles']:>4}  dated {row['dated']:>4}  wrong {row['wrong']:>3}  "
              f"precision {row['precision']}  coverage {row['coverage']}  with time {row['with_time']}  "
              f"{row['wrong_examples'][:3] if row['wrong'] else ''}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
