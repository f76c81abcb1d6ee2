"""Exports (Parquet, CSV, JSONL) and the self-contained HTML report."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from pathlib import Path

import pytest

from slant.corpus.export import EXPORTS, export
from slant.corpus.report import report
from slant.errors import SettingsError, UnknownTable
from slant.store import open_store
from tests.test_corpus_stats import build


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    with open_store(path) as s, s.session() as w:
        w.put(build("a1", "Alpha", "2024-01-05", ["Loaded_Language", "Doubt"], quote=("We will win", "Jane Roe")))
        w.put(build("b1", "Beta", "2024-01-02", ["Loaded_Language"], quote=("We will win", "Jane Roe")))
        w.put(build("c1", "Gamma", None, ["Flag_Waving"]))
        w.put(build("d1", "Beta", "2024-03-01", ["Doubt"]))
        w.join_cluster("a1", ["b1", "c1"])
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_corpus_export_documents_in_every_format(db: Path, tmp_path: Path, fmt: str):
    out = tmp_path / f"docs.{fmt}"
    assert export(db, "documents", fmt, out) == 4
    if fmt == "jsonl":
        rows = read_jsonl(out)
    elif fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
    assert [r["doc_id"] for r in rows] == ["a1", "b1", "c1", "d1"]
    for column in ("doc_id", "outlet", "published", "title", "content_hash"):
        assert column in rows[0]
    assert rows[0]["outlet"] == "Alpha" and rows[0]["published"] == "2024-01-05"
    assert len(rows[0]["content_hash"]) == 64
    assert not list(tmp_path.glob("*.partial"))


def test_corpus_export_clusters_mark_the_first_publication(db: Path, tmp_path: Path):
    out = tmp_path / "clusters.parquet"
    export(db, "clusters", "parquet", out)
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.column_names[:3] == ["cluster_id", "doc_id", "is_first"]
    rows = {r["doc_id"]: r for r in table.to_pylist()}
    assert rows["b1"]["is_first"] is True  # Jan 2, before a1 (Jan 5); c1 is undated
    assert rows["a1"]["is_first"] is False and rows["c1"]["is_first"] is False
    assert {r["cluster_id"] for r in rows.values()} == {"a1"} and rows["a1"]["size"] == 3


def test_corpus_export_spans_carry_text_and_quotes_carry_speakers(db: Path, tmp_path: Path):
    export(db, "spans", "jsonl", tmp_path / "spans.jsonl")
    spans = read_jsonl(tmp_path / "spans.jsonl")
    quote_layer = [s for s in spans if s["layer"] == "quotes"]
    assert quote_layer and quote_layer[0]["text"] == "We will win"
    techniques = [s for s in spans if s["layer"] == "techniques" and s["label"] == "Loaded_Language"]
    assert [s["text"] for s in techniques] == ["w0", "w0"]
    export(db, "quotes", "csv", tmp_path / "quotes.csv")
    quotes = list(csv.DictReader((tmp_path / "quotes.csv").open(encoding="utf-8")))
    assert {(q["speaker"], q["outlet"]) for q in quotes} == {("Jane Roe", "Alpha"), ("Jane Roe", "Beta")}


def test_corpus_export_empty_entities_table_still_has_a_schema(db: Path, tmp_path: Path):
    import pyarrow.parquet as pq

    assert export(db, "entities", "parquet", tmp_path / "e.parquet") == 0
    assert "canonical" in pq.read_table(tmp_path / "e.parquet").column_names
    assert export(db, "entities", "csv", tmp_path / "e.csv") == 0
    assert (tmp_path / "e.csv").read_text().startswith("entity_id,doc_id")


def test_corpus_export_to_a_stream(db: Path):
    buffer = io.StringIO()
    assert export(db, "documents", "jsonl", buffer) == 4
    assert json.loads(buffer.getvalue().splitlines()[0])["doc_id"] == "a1"


def test_corpus_export_refuses_unknown_table_and_format(db: Path, tmp_path: Path):
    with pytest.raises(UnknownTable):
        export(db, "secrets; DROP TABLE documents", "csv", tmp_path / "x.csv")
    with pytest.raises(SettingsError):
        export(db, "documents", "xlsx", tmp_path / "x.xlsx")
    assert set(EXPORTS) >= {"documents", "spans", "quotes", "entities", "clusters"}


def test_corpus_report_is_self_contained_html_with_charts(db: Path, tmp_path: Path):
    path = report(db, tmp_path / "out")
    page = path.read_text("utf-8")
    assert path.name == "report.html" and page.startswith("<!doctype html>")
    assert page.count("<svg") >= 4  # three outlet panels with dates, one cluster timeline, a heat map
    assert "<script" not in page
    assert not re.search(r"""(src|href)=["']https?://""", page)  # nothing fetched from the network
    assert "Jane Roe" in page and "Loaded language" in page
    assert "(first)" in page  # the earliest publication is marked on the timeline


def test_corpus_report_charts_are_readable(db: Path, tmp_path: Path):
    """Technique names in words, a y unit, charts drawn at the web charts' size that scale down to a
    phone (viewBox, class fit), the undated left out said in words."""
    page = report(db, tmp_path / "out").read_text("utf-8")
    legend_texts = re.findall(r"<text[^>]*>([^<]+)</text>", page)
    assert "Loaded language" in legend_texts and "Loaded_Language" not in legend_texts
    assert not any("_" in t for t in legend_texts)  # no raw technique id anywhere on a chart
    assert "technique spans per article" in legend_texts
    widths = [int(w) for w in re.findall(r'<svg[^>]*class="chart fit"[^>]*', page) for w in
              re.findall(r'viewBox="0 0 (\d+)', w)]
    assert len(widths) >= 4 and min(widths) >= 480  # all outlets + one panel per dated outlet
    assert re.search(r"<b>1 undated article left out</b>", page)
    assert '<meta name="viewport"' in page and "max-width:100%" in page


def test_corpus_report_counts_articles_without_an_outlet_once(tmp_path: Path):
    path = tmp_path / "nameless.db"
    with open_store(path) as s, s.session() as w:
        w.put(build("n1", None, "2024-01-05", ["Doubt"], text="w0 w1 n1 end."))
        w.put(build("a1", "Alpha", "2024-01-06", ["Doubt", "Doubt", "Doubt"], text="w0 w1 w2 a1 end."))
    page = report(path, tmp_path / "out").read_text("utf-8")
    # all outlets: 4 spans over 2 articles in January is 2 per article (not 4 over 3 articles)
    assert re.search(r"<title>Doubt, 2024-01: 2 technique spans per article from 2 articles</title>", page), page
    # the outlet-less article is in "All outlets", not a panel ranked with the outlets (slant.store.outlets)
    assert "outlet not named ·" not in page and "Alpha · 1 dated article<" in page  # not "1 dated articles"
    assert "1 dated article naming no outlet is in the chart of all outlets above, in no panel here." in page


def test_corpus_report_time_axis_counts_articles_naming_no_outlet(tmp_path: Path):
    """The axis was sized by the largest outlet panel alone: with 96 dated articles over 12 months, all
    or all but 4 naming no outlet, "All outlets" was drawn by year (one or two points) instead of by
    month. And with no outlet named it said "Per outlet (the 0 with most dated articles ...)" above no
    panel."""
    pages = {}
    for name, named in (("none", 0), ("mostly-none", 4)):
        path = tmp_path / f"{name}.db"
        with open_store(path) as s, s.session() as w:
            for m in range(1, 13):
                for k in range(8):
                    w.put(build(f"n{m}-{k}", "", f"2024-{m:02d}-{k + 1:02d}", ["Doubt"], text=f"w0 w1 n{m}-{k} end."))
            for k in range(named):
                w.put(build(f"a{k}", "Alpha", f"2024-0{k + 1}-15", ["Doubt"], text=f"w0 a{k} end."))
        pages[name] = report(path, tmp_path / f"out-{name}").read_text("utf-8")
        assert "by month of publication (2024-01 to 2024-12)" in pages[name], name
    assert "Per outlet" not in pages["none"] and "<svg" in pages["none"]
    assert ("No dated article names its outlet, so there is no panel per outlet: the 96 dated articles in the "
            "chart above are not one outlet.") in pages["none"]
    assert "Per outlet (the 1 with most dated articles, same scale)" in pages["mostly-none"]
    assert "96 dated articles naming no outlet are in the chart of all outlets above, in no panel here." in pages["mostly-none"]


def test_corpus_report_on_an_empty_store(tmp_path: Path):
    path = tmp_path / "empty.db"
    open_store(path).close()
    page = report(path, tmp_path / "out").read_text("utf-8")
    assert "No story clusters" in page and "<svg" not in page


def test_corpus_report_spans_1931_to_2022_and_counts_the_undated(tmp_path: Path):
    """The issue's crash: a store whose dates span more than 50 years (KeyError '1983-09', exit 4)."""
    from typer.testing import CliRunner

    from slant.cli import app

    path = tmp_path / "long.db"
    with open_store(path) as s, s.session() as w:
        w.put(build("old", "Alpha", "1931-02-25", ["Doubt"], text="w0 w1 old end."))
        w.put(build("mid", "Alpha", "1983-09-14", ["Loaded_Language", "Doubt"], text="w0 w1 mid end."))
        w.put(build("new", "Beta", "2022-12-31", ["Loaded_Language"], text="w0 w1 new end."))
        w.put(build("none1", "Alpha", None, ["Doubt"], text="w0 w1 none1 end."))
        w.put(build("none2", "Beta", None, ["Flag_Waving"], text="w0 w1 none2 end."))
        w.join_cluster("old", ["new", "none1"])
    result = CliRunner().invoke(app, ["report", "--db", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "report.html").read_text("utf-8")
    # three dated articles over 92 years: decades (a yearly line would be 90 empty years)
    assert "by decade of publication (1930s to 2020s)" in page
    assert "2 undated articles left out" in page
    assert "Alpha · 2 dated articles (1 undated not shown)" in page
    assert "1 undated not on the timeline" in page


@pytest.mark.parametrize("first,last,unit,n,label", [
    ("2024-01-05", "2024-03-01", "month", 3, "2024-01"),
    ("2010-02-01", "2022-11-30", "quarter", 52, "2010-Q1"),
    ("1931-02-25", "2022-12-31", "year", 92, "1931"),
    ("1850-01-01", "2022-12-31", "decade", 18, "1850s"),
])
def test_charts_time_axis_fits_any_span(first, last, unit, n, label):
    from slant.render.charts import time_axis

    got_unit, labels, bucket = time_axis(first, last)
    assert (got_unit, len(labels), labels[0]) == (unit, n, label)
    assert bucket(last) == labels[-1] and bucket(first) == labels[0]
    assert len(labels) <= 100


def test_corpus_report_timeline_spreads_same_day_copies_by_their_time():
    import re as _re

    from slant.render.charts import timeline

    rows = [{"doc_id": "late", "published": "2022-02-08", "published_at": "2022-02-08T18:00:00+00:00", "outlet": "A"},
            {"doc_id": "early", "published": "2022-02-08", "published_at": "2022-02-08T06:00:00+00:00", "outlet": "B",
             "is_first": 1}]
    svg = str(timeline(rows, title="t", ident="t", link=None))
    xs = {m[2]: float(m[1]) for m in _re.finditer(r'<circle cx="([\d.]+)".*?· (late|early)', svg)}
    assert xs["early"] < xs["late"] and xs["late"] - xs["early"] > 200  # 12 hours of a 12-hour axis, 480 px wide


def test_corpus_report_timeline_counts_no_outlet_as_no_outlet():
    """A story's timeline says how many outlets carried it: articles of no outlet have their row,
    but are not one more outlet ("2 articles in 2 outlets" for one named outlet)."""
    from slant.render.charts import timeline

    rows = [{"doc_id": "a", "published": "2022-02-08", "outlet": "A", "is_first": 1},
            {"doc_id": "b", "published": "2022-02-09", "outlet": ""}]
    # the pages' phrase (home, story page): the articles naming no outlet counted apart
    assert "1 article in 1 outlet and 1 article naming no outlet from" in str(timeline(rows, title="t", ident="t", link=None))
    rows[0]["outlet"] = ""
    assert "2 articles, outlets not named, from" in str(timeline(rows, title="t", ident="t", link=None))


def test_corpus_articles_without_an_outlet_count_no_outlet(tmp_path: Path):
    """Plain text files name no outlet: a story of two such copies is not "2 articles in 1 outlet"
    (the empty name counted as an outlet), nor "in 0 outlets"; the report, `slant stats` and the
    web app say the outlets are unknown."""
    from slant.corpus import stats

    path = tmp_path / "plain.db"
    with open_store(path) as s, s.session() as w:
        w.put(build("a", "", "2018-02-02", ["Doubt"], quote=("We will win this", "Ada Brook"), text="w0 a end."))
        w.put(build("b", "", "2018-02-06", ["Doubt"], quote=("We will win this", "Ada Brook"), text="w0 b end."))
        w.join_cluster("a", ["b"])
        w.put(build("c", "", None, ["Doubt"], text="w0 c end."))
        w.put(build("d", "", None, ["Doubt"], text="w0 d end."))
        w.join_cluster("c", ["d"])
    with open_store(path, readonly=True) as s:
        assert stats.summary(s)["outlets"] == 0
        assert [c["outlets"] for c in stats.story_clusters(s)] == [0, 0]
        assert [r["outlets"] for r in stats.top_quoted(s)] == [0]
    report(path, tmp_path / "out")
    page = (tmp_path / "out" / "report.html").read_text("utf-8")
    assert "2 articles, outlets not named; first: outlet not named 2018-02-02" in page
    # a story none of whose articles is dated has no first publication to name
    assert "2 articles, outlets not named; first publication not known (no article of it is dated); 2 undated" in page
    assert "outlet not named undated" not in page
    assert re.search(r'<th scope="row">Outlets</th><td class="num">not named</td>', page)

    from fastapi.testclient import TestClient

    from slant.settings import load_settings
    from slant.web import create_app

    with TestClient(create_app(load_settings(env={}), path)) as c:
        assert [r["outlets"] for r in c.get("/api/v1/clusters").json()["items"]] == [0, 0]
        assert [r["outlets"] for r in c.get("/api/v1/stats/speakers").json()] == [0]
        assert "<p>2 articles, outlets not named, first published" in c.get("/clusters/a").text
        home = c.get("/").text
        assert "4 articles, outlets not named" in home and "0 outlets" not in home
        assert re.search(r'data-label="Outlets">not named<', c.get("/clusters").text)


def test_corpus_a_missing_outlet_reads_the_same_everywhere(tmp_path: Path):
    """Pages, the report and `slant stats` name a missing outlet with one phrase (NO_OUTLET), not
    "unknown" here, "(no outlet)", "(unknown)" or "(unknown outlet)" there."""
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from slant.cli import app
    from slant.render import NO_OUTLET
    from slant.settings import load_settings
    from slant.web import create_app

    path = tmp_path / "mixed.db"
    with open_store(path) as s, s.session() as w:
        w.put(build("a", "", "2018-02-02", ["Doubt"], quote=("We will win this", "Ada Brook"), text="w0 a end."))
        w.put(build("b", "Alpha", "2018-02-06", ["Doubt"], quote=("We will win this", "Ada Brook"), text="w0 b end."))
        w.join_cluster("a", ["b"])
    old = ("(no outlet)", "(unknown)", "(unknown outlet)", ">unknown<", "an unknown outlet", "outlets unknown")
    pages = {"report": report(path, tmp_path / "out").read_text("utf-8")}
    with TestClient(create_app(load_settings(env={}), path)) as c:
        for url in ("/articles", "/outlets", "/clusters/a", "/stats"):
            pages[url] = c.get(url).text
    result = CliRunner().invoke(app, ["stats", "--db", str(path)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    pages["slant stats"] = result.output
    # the per-outlet views list outlets only: the article that names none is counted in a note, not a row
    # (slant.store.outlets); everywhere an article's own outlet is shown, it reads NO_OUTLET
    assert "1 article names no outlet" in pages["/outlets"] and NO_OUTLET not in pages["/outlets"]
    assert "1 article naming no outlet is not a row" in pages["/stats"] and NO_OUTLET not in pages["/stats"]
    # one article reads as one ('1 article ... is not a row: they are not one outlet (... count them)' mixed them)
    note = re.sub(r"\s+", " ", pages["/stats"][pages["/stats"].index('id="heat-note"'):])
    assert "1 article naming no outlet is not a row (the other charts count it)." in note and "they" not in note
    for name, page in pages.items():
        assert NO_OUTLET in page or name in ("/outlets", "/stats"), name
        assert not [o for o in old if o in page], name


def test_corpus_report_top_quoted_people_outlets_not_named_is_not_zero(tmp_path: Path):
    """A speaker quoted in articles none of which names its outlet read "0" outlets beside 2 documents."""
    path = tmp_path / "nameless.db"
    with open_store(path) as s, s.session() as w:
        w.put(build("n1", None, "2024-01-05", ["Doubt"], quote=("We will win the vote", "Jane Roe"), text="w0 n1 end."))
        w.put(build("n2", None, "2024-01-06", ["Doubt"], quote=("We will win again", "Jane Roe"), text="w0 n2 end."))
    page = report(path, tmp_path / "out").read_text("utf-8")
    table = page[page.index("<h2>Top quoted people</h2>"):page.index("<h2>Travelling quotes</h2>")]
    row = table[table.index("Jane Roe"):]
    row = row[:row.index("</tr>")]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
    assert cells == ["2", "2", "not named"], row


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_corpus_export_quotes_carry_each_statements_probability(tmp_path: Path, fmt: str):
    """The quotes export had no probability column (and the store dropped the statement's calibrated
    chance from the quote row): now a column, empty (null) for a quote stored without one."""
    path = tmp_path / "p.db"
    with_p = build("p1", "Alpha", "2024-01-05", [], quote=("The ferry sails on Sunday", "Ann Lee"))
    with_p.layers["quotes"][0].attrs["probability"] = 0.873
    without = build("p2", "Beta", "2024-01-06", [], quote=("The ferry is late", "Bo Chan"))
    with open_store(path) as s, s.session() as w:
        w.put(with_p)
        w.put(without)
    out = tmp_path / f"quotes.{fmt}"
    assert export(path, "quotes", fmt, out) == 2
    if fmt == "jsonl":
        rows = read_jsonl(out)
    elif fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
    else:
        import pyarrow.parquet as pq
        table = pq.read_table(out)
        assert str(table.schema.field("probability").type) == "double"
        rows = table.to_pylist()
    got = {r["doc_id"]: r["probability"] for r in rows}
    empty = "" if fmt == "csv" else None
    assert got == {"p1": "0.873" if fmt == "csv" else 0.873, "p2": empty}


def test_corpus_report_and_web_charts_draw_the_same_points_hollow(tmp_path: Path):
    """`slant report` drew a point over 3 or 4 articles solid where the web's charts page drew it hollow
    (thresholds 3 and 5): one threshold now, charts.MIN_ARTICLES_PER_POINT."""
    from fastapi.testclient import TestClient

    from slant.settings import load_settings
    from slant.web import create_app

    path = tmp_path / "few.db"
    with open_store(path) as s, s.session() as w:
        for i in range(4):
            w.put(build(f"j{i}", "Alpha", f"2024-01-0{i + 1}", ["Doubt"], text=f"w0 j{i} end."))
        for i in range(6):
            w.put(build(f"f{i}", "Alpha", f"2024-02-0{i + 1}", ["Doubt", "Doubt"], text=f"w0 w1 f{i} end."))
    page = report(path, tmp_path / "out").read_text("utf-8")
    with TestClient(create_app(load_settings(env={}), path)) as c:
        web = c.get("/stats").text

    def points(svg: str) -> dict[str, bool]:  # month -> hollow, for the Doubt line
        return {m[1]: m[0] == "#ffffff" for m in re.findall(
            r'<circle [^>]*fill="([^"]+)"[^>]*><title>Doubt, (2024-\d\d): [^<]*from \d+ articles</title>', svg)}

    every = page[page.index('aria-labelledby="time-all-t'):]
    every = every[:every.index("</svg>")]
    assert points(every) == points(web) == {"2024-01": True, "2024-02": False}
    from slant.render.charts import MIN_ARTICLES_PER_POINT

    assert MIN_ARTICLES_PER_POINT == 5


def test_export_labels_carry_the_reason_none_is_selected(tmp_path):
    """The labels export had no reason column: a 19-word text's genre rows read as three unselected
    scores (satire at 0.98) with nothing saying the genre was not judged. A store written before the
    column (migration 6) gets the reason back from its stored Documents."""
    import sqlite3

    from slant.analyze.persuasion import genre_labels
    from slant.document import Document, Label
    from slant.store import open_store

    short = Document("Letters: the ferry. Everyone knows the board never cared.", id="short")
    short.set_labels("genre", genre_labels([0.01, 0.01, 0.98], 9))
    long = Document("A report.", id="long")
    long.set_labels("genre", [Label("reporting", 0.9, True), Label("opinion", 0.06), Label("satire", 0.04)])
    reason = short.labels["genre"][0].reason
    assert reason.startswith("too short to judge the genre: 9 words")
    db = tmp_path / "s.db"
    with open_store(db) as store:
        store.put(short)
        store.put(long)
    for fmt in ("jsonl", "csv"):
        out = tmp_path / f"labels.{fmt}"
        export(db, "labels", fmt, out)
        if fmt == "jsonl":
            rows = [json.loads(line) for line in out.read_text().splitlines()]
        else:
            rows = list(csv.DictReader(out.open()))
        assert {r["doc_id"]: r["reason"] for r in rows} == {"short": reason, "long": ""}, fmt
    # a store of version 5 (no reason column): the migration fills it from the stored Documents
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("ALTER TABLE labels DROP COLUMN reason")
    conn.execute("PRAGMA user_version = 5")
    conn.close()
    export(db, "labels", "jsonl", tmp_path / "again.jsonl")  # opened read-only: migrated first
    rows = [json.loads(line) for line in (tmp_path / "again.jsonl").read_text().splitlines()]
    assert sorted((r["label"], r["reason"]) for r in rows if r["doc_id"] == "short") == [
        ("opinion", reason), ("reporting", reason), ("satire", reason)]
    assert {r["reason"] for r in rows if r["doc_id"] == "long"} == {""}


def test_corpus_report_timeline_one_date_reads_as_one():
    """u14: 'from 2022-02-08 to 2022-02-08' for articles all of one day; two days still read as a range."""
    from slant.render.charts import timeline

    rows = [{"doc_id": "a", "published": "2022-02-08", "outlet": "", "is_first": 1},
            {"doc_id": "b", "published": "2022-02-08", "outlet": ""}]
    assert "<desc id=\"t-d\">2 articles, outlets not named, dated 2022-02-08</desc>" in str(
        timeline(rows, title="t", ident="t", link=None))
    rows[1]["published"] = "2022-02-09"
    assert "2 articles, outlets not named, from 2022-02-08 to 2022-02-09</desc>" in str(
        timeline(rows, title="t", ident="t", link=None))


@pytest.mark.parametrize("table,column", [("documents", "crawled"), ("quotes", "probability"), ("claims", "voice")])
def test_corpus_export_goes_on_past_a_row_whose_json_is_damaged(tmp_path: Path, table: str, column: str):
    """One document's meta (or one quote's or claim's attrs) damaged on disk stopped the whole export
    with "malformed JSON" (json_extract raises); the damaged row now exports, that value null (a claim
    whose attrs do not read is in the author's voice, as one without attrs)."""
    import sqlite3

    from slant.document import Span

    db = tmp_path / "j.db"
    with open_store(db) as s, s.session() as w:
        for doc_id, outlet in (("a1", "Alpha"), ("b1", "Beta")):
            doc = build(doc_id, outlet, "2024-01-05", [], quote=("We will win", "Jane Roe"))
            doc.meta.crawled = "2024-01-06"
            doc.layers["quotes"][0].attrs["probability"] = 0.9
            doc.add_layer("claims", [Span(0, 3, "claim", 0.8, attrs={"voice": "quote", "speaker": "Jane Roe"})])
            w.put(doc)
    damaged = {"documents": "UPDATE documents SET meta = '{\"crawled\": \"2024-' WHERE doc_id = 'b1'",
               "quotes": "UPDATE quotes SET attrs = '{\"probability\": 0.' WHERE doc_id = 'b1'",
               "claims": "UPDATE spans SET attrs = '{\"voice\": \"qu' WHERE doc_id = 'b1' AND layer = 'claims'"}
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(damaged[table])
    out = tmp_path / f"{table}.jsonl"
    assert export(db, table, "jsonl", out) == 2
    rows = {r["doc_id"]: r for r in read_jsonl(out)}
    assert rows["a1"][column] == {"documents": "2024-01-06", "quotes": 0.9, "claims": "quote"}[table]
    assert rows["b1"][column] == (None if table != "claims" else "author")


def test_cli_an_output_path_that_cannot_be_written_is_an_input_error_naming_it(db: Path, tmp_path: Path, monkeypatch,
                                                                                capsys):
    """Review r15c: `slant export -o` into a folder this user cannot write (or onto a folder, or under
    /proc) and `slant report --out` there printed "internal error: PermissionError ... (this is a bug in
    Slant)". Each is now E109 naming the path and what to do, and leaves no partial file behind."""
    import sys

    from slant.cli import main
    from tests.test_store_sqlite import _unwritable

    ro = tmp_path / "ro"
    ro.mkdir()
    example = Path(__file__).resolve().parents[1] / "examples" / "putin-nato-daily-post.txt"
    runs = {
        "export": (["export", "--db", str(db), "--table", "documents", "-o", str(ro / "d.jsonl")], ro / "d.jsonl"),
        "export onto a folder": (["export", "--db", str(db), "--table", "quotes", "-o", str(ro)], ro),
        "report": (["report", "--db", str(db), "--out", str(ro / "rep")], ro / "rep" / "report.html"),
        "analyze": (["analyze", str(example), "-c", "", "-o", str(ro / "a.txt")], ro / "a.txt"),
    }
    for what, (args, path) in runs.items():
        with _unwritable(ro) if what != "export onto a folder" else contextlib.nullcontext():
            monkeypatch.setattr(sys, "argv", ["slant", *args])
            with pytest.raises(SystemExit) as exit_:
                main()
        err = capsys.readouterr().err
        assert exit_.value.code == 3, (what, err)
        assert f"[E109] {path}: cannot write here" in err and "internal error" not in err, (what, err)
        assert sorted(p.name for p in tmp_path.rglob("*") if p.parent == ro) == [], what
        assert not any(".partial" in p.name for p in tmp_path.rglob("*")), what
