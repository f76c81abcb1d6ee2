"""clean_record: the bundled example end to end, offsets, BOM, CRLF, bylines, titles, metadata."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from slant.clean import clean_record, outlet_from_url
from slant.document import Document
from slant.errors import EmptyInput, SlantError
from slant.ingest.record import RawRecord
from slant.settings import CleanSettings

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "putin-nato-daily-post.txt"

#: the example's site junk, each with the reason the cleaner must give
EXAMPLE_JUNK = {
    "By -": "empty byline",
    "3 minute read": "reading time",
    "Subscribe\u00a0Daily Post\u00a0or Follow\u00a0Google News\u00a0to update\u00a0information quickly,"
    "\u00a0Thank you..!!": "subscribe prompt",
    "Post a Comment": "comment widget",
    "Post a Comment (0)": "comment widget",
    "#buttons=(Ok, Go it!) #days=(20)": "widget config",
    "Our website uses cookies to enhance your experience. Learn more": "consent banner",
    "Ok, Go it!": "button label",
}
EXAMPLE_TITLE = "Putin Flicks NATO: Peaceful and Defensive Alliance, but Invades Middle East"
#: counted by hand in the file: raw lines 8, 10, ..., 40 (17 paragraphs)
EXAMPLE_BODY_LINES = list(range(8, 41, 2))


@pytest.fixture(scope="module")
def example_doc() -> Document:
    raw = EXAMPLE.read_text(encoding="utf-8")
    return clean_record(RawRecord(id="putin-nato-daily-post", source=str(EXAMPLE), raw=raw))


def assert_offsets_exact(doc: Document) -> None:
    for span in doc.paragraphs + doc.sentences:
        raw_start, raw_end = doc.raw_span(span)
        assert doc.raw[raw_start:raw_end] == doc.text[span.start:span.end], span
    for clean_start, raw_start, length in doc.offsets.segments:
        assert doc.text[clean_start:clean_start + length] == doc.raw[raw_start:raw_start + length]


def test_clean_record_example_title_and_date(example_doc):
    assert example_doc.meta.title == EXAMPLE_TITLE
    assert example_doc.text.startswith(EXAMPLE_TITLE + "\n\n")
    assert example_doc.meta.published == "2022-02-08"
    assert example_doc.meta.date.value == "2022-02-08"
    assert example_doc.meta.date.text == "Tuesday (8/2/2022)"
    assert example_doc.id == "putin-nato-daily-post"
    assert example_doc.source == str(EXAMPLE)
    assert example_doc.raw == EXAMPLE.read_text(encoding="utf-8")


def test_clean_record_example_junk_removed_with_reasons(example_doc):
    body = example_doc.text[len(EXAMPLE_TITLE):]
    for line, reason in EXAMPLE_JUNK.items():
        assert f"\n{line}\n" not in f"\n{body}\n", line
    removed = {r.text: r.reason for r in example_doc.removed}
    for line, reason in EXAMPLE_JUNK.items():
        assert removed.get(line) == reason, line
    # The repeated title is removed from the body while the title paragraph stays from line 1.
    assert removed.get(EXAMPLE_TITLE) == "repeated title"
    assert example_doc.text.count(EXAMPLE_TITLE) == 1
    assert len(example_doc.removed) == len(EXAMPLE_JUNK) + 1
    for r in example_doc.removed:
        assert example_doc.raw[r.raw_start:r.raw_end] == r.text
        assert 0.5 <= r.score <= 1.0


def test_clean_record_example_keeps_every_real_paragraph(example_doc):
    raw_lines = example_doc.raw.split("\n")
    body = [p for p in example_doc.paragraphs if p.attrs["kind"] == "body"]
    assert [p.attrs["raw_line"] for p in body] == EXAMPLE_BODY_LINES
    assert [example_doc.span_text(p) for p in body] == [raw_lines[n - 1].strip() for n in EXAMPLE_BODY_LINES]
    assert example_doc.span_text(body[0]).startswith("President Vladimir Putin poked fun")
    assert example_doc.span_text(body[-1]).startswith('"My goal is to freeze the game')
    # Short paragraphs survive.
    texts = [example_doc.span_text(p) for p in body]
    assert "However, Moscow has repeatedly denied this." in texts
    assert '"We are not looking for confrontation," he said.' in texts


def test_clean_record_example_layout_and_paragraph_attrs(example_doc):
    title = example_doc.paragraphs[0]
    assert title.attrs == {"kind": "title", "raw_line": 1}
    assert example_doc.span_text(title) == EXAMPLE_TITLE
    pieces = [example_doc.span_text(p) for p in example_doc.paragraphs]
    assert example_doc.text == "\n\n".join(pieces)
    for p in example_doc.paragraphs:
        assert example_doc.raw_line(example_doc.raw_span(p)[0]) == p.attrs["raw_line"]


def test_clean_record_example_offsets_exact(example_doc):
    assert example_doc.sentences
    assert_offsets_exact(example_doc)


def test_clean_record_example_sentences(example_doc):
    texts = [example_doc.span_text(s) for s in example_doc.sentences]
    assert ('"My goal is to freeze the game, to prevent escalation and open up new perspectives," '
            'Macron said.') in texts
    assert '"This goal for me is fulfilled."' in texts
    # Sentences never cross paragraphs.
    for s in example_doc.sentences:
        assert "\n" not in example_doc.span_text(s)
        paragraph = example_doc.paragraphs[s.attrs["paragraph"]]
        assert paragraph.start <= s.start < s.end <= paragraph.end


def test_clean_record_example_metadata(example_doc):
    meta = example_doc.meta
    assert meta.byline == "" and meta.authors == []  # "By -" names nobody
    assert meta.input_format == "text" and meta.encoding == "utf-8"
    assert meta.outlet == "" and meta.url == ""


def test_clean_record_json_round_trip(example_doc):
    again = Document.from_dict(example_doc.to_dict(include_raw=True))
    assert again.text == example_doc.text
    assert [(p.start, p.end) for p in again.paragraphs] == [(p.start, p.end) for p in example_doc.paragraphs]
    assert again.meta.date.value == "2022-02-08"
    assert [r.reason for r in again.removed] == [r.reason for r in example_doc.removed]


ARTICLE = (
    "Grain Talks Stall in Geneva\n"
    "\n"
    "{byline}\n"
    "\n"
    "Talks on reopening the grain corridor stalled again on Wednesday, officials said.\n"
    "\n"
    "The corridor carried 30 million tonnes of grain last year, according to the UN.\n"
    "\n"
    "He declined to comment.\n"
    "\n"
    "Share on Facebook\n"
)


def make(raw: str, **fields) -> Document:
    return clean_record(RawRecord(id="t", source="test", raw=raw, **fields))


def test_clean_record_bom_is_not_title_text_but_counts_in_offsets():
    raw = "\ufeff" + ARTICLE.format(byline="By Jane Doe")
    doc = make(raw)
    assert doc.meta.title == "Grain Talks Stall in Geneva"
    assert doc.text.startswith("Grain Talks")
    assert doc.offsets.segments[0][1] == 1  # raw offset 1: after the BOM
    assert doc.raw_span(doc.paragraphs[0]) == (1, 1 + len("Grain Talks Stall in Geneva"))
    assert_offsets_exact(doc)


def test_clean_record_crlf_line_endings():
    raw = ARTICLE.format(byline="By Jane Doe").replace("\n", "\r\n")
    doc = make(raw)
    assert "\r" not in doc.text
    assert doc.meta.title == "Grain Talks Stall in Geneva"
    body_lines = [p.attrs["raw_line"] for p in doc.paragraphs if p.attrs["kind"] == "body"]
    assert body_lines == [5, 7, 9]
    assert_offsets_exact(doc)


def test_clean_record_bom_and_crlf_together():
    doc = make("\ufeff" + ARTICLE.format(byline="").replace("\n", "\r\n"))
    assert doc.text.startswith("Grain Talks")
    assert_offsets_exact(doc)


@pytest.mark.parametrize("line,byline,authors", [
    ("By John Smith", "By John Smith", ["John Smith"]),
    ("By John Smith and Jane Doe | Reuters", "By John Smith and Jane Doe | Reuters",
     ["John Smith", "Jane Doe"]),
    ("Written by Maria de la Cruz", "Written by Maria de la Cruz", ["Maria de la Cruz"]),
    ("Author: J. K. Simmons", "Author: J. K. Simmons", ["J. K. Simmons"]),
    ("By Ana Lopez, Reuters", "By Ana Lopez, Reuters", ["Ana Lopez"]),
    ("By The Associated Press", "By The Associated Press", []),
])
def test_clean_record_byline_to_meta_and_removed(line, byline, authors):
    doc = make(ARTICLE.format(byline=line))
    assert doc.meta.byline == byline
    assert doc.meta.authors == authors
    assert {r.text: r.reason for r in doc.removed}[line] == "byline"
    assert line not in doc.text


@pytest.mark.parametrize("line", ["By -", "By", "Written by"])
def test_clean_record_empty_byline_is_junk(line):
    doc = make(ARTICLE.format(byline=line))
    assert doc.meta.byline == ""
    assert {r.text: r.reason for r in doc.removed}[line] == "empty byline"


def test_clean_record_sentence_starting_with_by_is_not_a_byline():
    doc = make(ARTICLE.format(byline="By Tuesday, the convoy had turned back towards the border."))
    assert doc.meta.byline == ""
    assert "By Tuesday, the convoy had turned back" in doc.text


def test_clean_record_known_title_names_line_one():
    raw = ARTICLE.format(byline="")
    doc = make(raw, title="Grain talks stall in Geneva - Example News", input_format="html", format="html")
    assert doc.meta.title == "Grain talks stall in Geneva - Example News"
    assert doc.paragraphs[0].attrs == {"kind": "title", "raw_line": 1}
    assert doc.meta.input_format == "html"


def test_clean_record_known_title_missing_from_raw():
    raw = ("Talks on reopening the grain corridor stalled again on Wednesday, officials said.\n\n"
           "He declined to comment.")
    doc = make(raw, title="Grain Talks Stall", input_format="jsonl")
    assert doc.meta.title == "Grain Talks Stall"
    assert all(p.attrs["kind"] == "body" for p in doc.paragraphs)
    assert doc.paragraphs[0].attrs["raw_line"] == 1
    assert doc.text.startswith("Talks on reopening")
    assert_offsets_exact(doc)


def test_clean_record_metadata_from_record():
    doc = make(ARTICLE.format(byline=""), url="https://www.dailypost.example/news/2022/grain",
               published="2022-02-09", input_format="jsonl", encoding="windows-1252",
               byline="Jane Doe and John Roe")
    assert doc.meta.outlet == "dailypost.example"
    assert doc.meta.url == "https://www.dailypost.example/news/2022/grain"
    assert doc.meta.published == "2022-02-09"
    assert doc.meta.date.method == "jsonl:published"
    assert doc.meta.encoding == "windows-1252"
    assert doc.meta.byline == "Jane Doe and John Roe"
    assert doc.meta.authors == ["Jane Doe", "John Roe"]


def test_clean_record_outlet_given_wins_over_url():
    doc = make(ARTICLE.format(byline=""), outlet="Daily Post", url="https://www.dailypost.example/x")
    assert doc.meta.outlet == "Daily Post"


@pytest.mark.parametrize("url,outlet", [
    ("https://www.dailypost.example/news/x", "dailypost.example"),
    ("http://news.example.co.uk:8080/a?b=c", "news.example.co.uk"),
    ("www.example.com/path", "example.com"),
    ("", ""),
])
def test_clean_record_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


def test_clean_record_trailing_widgets_removed_short_last_paragraph_kept():
    doc = make(ARTICLE.format(byline=""))
    assert "He declined to comment." in doc.text
    assert "Share on Facebook" not in doc.text


def test_clean_record_threshold_setting_is_used():
    raw = ARTICLE.format(byline="") + "\nEurope Desk\n"
    assert "Europe Desk" not in make(raw).text
    kept = clean_record(RawRecord(id="t", source="test", raw=raw), CleanSettings(junk_threshold=0.999))
    assert "Europe Desk" in kept.text


def test_clean_record_nbsp_and_whitespace_trimmed_but_exact():
    raw = "  Title here \u00a0\n\n\u00a0 A paragraph with\u00a0a non-breaking space, he said. \t\n"
    doc = make(raw)
    assert doc.text == "Title here\n\nA paragraph with\u00a0a non-breaking space, he said."
    assert_offsets_exact(doc)


def test_clean_record_title_only():
    doc = make("Just a title\n")
    assert doc.text == "Just a title"
    assert len(doc.paragraphs) == 1


@pytest.mark.parametrize("raw", ["", "   \n\n\t\n", "\ufeff\r\n"])
def test_clean_record_empty_input_is_a_slant_error(raw):
    with pytest.raises(EmptyInput) as info:
        make(raw)
    assert isinstance(info.value, SlantError)
    assert info.value.code == "E101"


def test_clean_record_pathological_lines_stay_fast():
    # Guards against catastrophic regex backtracking on long or repetitive lines.
    raw = "Title\n\n" + "cookie " * 3000 + "\n\n" + "a" * 20000 + "\n\n" + "1/" * 5000 + "\n\n" + "By " * 2000
    start = time.perf_counter()
    make(raw)
    assert time.perf_counter() - start < 2.0


def test_clean_record_throughput_is_not_pathological():
    # The target is 300 articles/s on one core; this only catches order-of-magnitude regressions
    # on a busy test machine (the measured rate is in the slant.clean.cleaner docstring).
    raw = EXAMPLE.read_text(encoding="utf-8")
    start = time.process_time()
    for i in range(100):
        clean_record(RawRecord(id=str(i), source="bench", raw=raw))
    assert 100 / (time.process_time() - start) > 50
