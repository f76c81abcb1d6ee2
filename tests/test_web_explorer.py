"""The explorer as a researcher relies on it: filtered exports equal the filtered list, search
(AND, OR, phrases, relevance, marked matches), paging past the end, stories of 2+ articles,
counted words, no server paths or internal codes on public pages, the API page."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from slant.document import DateEvidence, Document, Metadata, Span  # noqa: E402
from slant.settings import load_settings  # noqa: E402
from slant.store import open_store  # noqa: E402
from slant.web import create_app  # noqa: E402
from slant.web.config import WebSettings  # noqa: E402
from slant.web.demo import make_demo_store  # noqa: E402

SECRET_DIR = "/srv/newsroom-private/feeds/2026"


def _extra(doc_id: str, text: str, *, outlet: str = "", published: str | None = None, source: str = "",
           date: DateEvidence | None = None) -> Document:
    doc = Document(text, id=doc_id, source=source,
                   meta=Metadata(title=text.split("\n", 1)[0], outlet=outlet, published=published, date=date))
    doc.set_paragraphs([Span(0, len(text.split("\n", 1)[0]), attrs={"kind": "title"})])
    doc.add_layer("techniques", [Span(0, 5, "Loaded_Language", 0.7)])
    return doc


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    """The demo corpus, plus an article read from a server path with a date found in its text, an
    undated one, and stories of one article (as `slant ingest` files every article in a cluster)."""
    db = tmp_path_factory.mktemp("explorer") / "corpus.db"
    ids = make_demo_store(db)
    with open_store(db) as store, store.session() as session:
        session.put(_extra("from-disk", "Pipeline talks stall in Kestrel Bay\n\nThe pipeline talks stalled on Friday, "
                           "said the harbour master, and the NATO envoy left early.", outlet="Harbour Herald",
                           published="2026-03-06", source=f"{SECRET_DIR}/pipeline-talks.txt",
                           date=DateEvidence("2026-03-06", "text:numeric-with-weekday", 0.8, "Friday 6/3/2026")))
        session.put(_extra("undated", "Putin and the harbour pipeline\n\nAn undated piece about Putin, a pipeline "
                           "and the harbour.", outlet="Daily Lantern", source=f"{SECRET_DIR}/undated.txt"))
        clustered = {r[0] for r in session.execute("SELECT doc_id FROM clusters")}
        for doc_id in [*ids, "from-disk", "undated"]:
            if doc_id not in clustered:
                session.join_cluster(doc_id)
    return db


@pytest.fixture(scope="module")
def client(corpus_db):
    with TestClient(create_app(load_settings(env={}), corpus_db, web=WebSettings(page_size=10)),
                    raise_server_exceptions=False) as c:
        yield c


def _all_listed(client, **params) -> list[dict]:
    items, page = [], 1
    while True:
        body = client.get("/api/v1/articles", params={**params, "page": page, "per_page": 7}).json()
        items += body["items"]
        if page >= body["pages"]:
            return items
        page += 1


# -- filtered exports ---------------------------------------------------------------------------
FILTERS = [{"technique": "Loaded_Language"}, {"outlet": "Daily Lantern", "technique": "Doubt"},
           {"q": "harbour OR pipeline"}, {"speaker": "Mayor Ada Brook", "date_from": "2026-02-01"},
           {"entity": "Port Alder", "genre": "reporting"}, {"q": '"water plan"', "frame": "Economic"}]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: "+".join(f))
def test_web_explorer_filtered_export_equals_the_filtered_list(client, filters):
    listed = {a["doc_id"] for a in _all_listed(client, **filters)}
    everything = {a["doc_id"] for a in _all_listed(client)}
    assert listed and listed < everything, filters  # the filter narrows, and something is left
    jsonl = client.get("/api/v1/exports/documents", params=filters)
    assert jsonl.status_code == 200 and "-filtered.jsonl" in jsonl.headers["content-disposition"]
    assert [json.loads(line)["doc_id"] for line in jsonl.text.splitlines()].__len__() == len(listed)
    assert {json.loads(line)["doc_id"] for line in jsonl.text.splitlines()} == listed
    as_csv = client.get("/api/v1/exports/documents", params={**filters, "format": "csv"})
    assert {row["doc_id"] for row in csv.DictReader(io.StringIO(as_csv.text))} == listed
    # the layers follow their articles: every span, quote and label row belongs to a listed article
    for table in ("spans", "quotes", "labels", "entities", "clusters", "claims"):
        rows = [json.loads(line) for line in client.get(f"/api/v1/exports/{table}", params=filters).text.splitlines()]
        assert {r["doc_id"] for r in rows} <= listed, table
    spans = [json.loads(line) for line in client.get("/api/v1/exports/spans", params=filters).text.splitlines()]
    all_spans = [json.loads(line) for line in client.get("/api/v1/exports/spans").text.splitlines()]
    assert spans == [s for s in all_spans if s["doc_id"] in listed]  # same rows, same order
    links = [json.loads(line) for line in client.get("/api/v1/exports/links", params=filters).text.splitlines()]
    assert all(link["doc_a"] in listed and link["doc_b"] in listed for link in links)


def test_web_explorer_filtered_parquet_export(client):
    pq = pytest.importorskip("pyarrow.parquet")
    listed = {a["doc_id"] for a in _all_listed(client, technique="Doubt")}
    r = client.get("/api/v1/exports/documents", params={"technique": "Doubt", "format": "parquet"})
    assert r.status_code == 200 and r.content[:4] == b"PAR1"
    assert set(pq.read_table(io.BytesIO(r.content)).column("doc_id").to_pylist()) == listed


def test_web_explorer_export_refuses_filters_on_tables_without_articles(client):
    r = client.get("/api/v1/exports/failures", params={"outlet": "Daily Lantern"})
    assert r.status_code == 422 and "no articles to filter" in r.json()["detail"]
    assert client.get("/api/v1/exports/failures").status_code == 200
    assert client.get("/api/v1/exports/documents", params={"date_from": "2026-13-45"}).status_code == 422


def test_web_explorer_list_pages_offer_the_filtered_downloads(client):
    html = client.get("/articles", params={"technique": "Doubt", "outlet": "Daily Lantern"}).text
    links = re.findall(r'href="(/api/v1/exports/[^"]+)"', html)
    assert len(links) == 15  # five tables, three formats
    doc_links = [link.replace("&amp;", "&") for link in links if "/documents?" in link]
    assert {re.search(r"format=(\w+)", link).group(1) for link in doc_links} == {"csv", "jsonl", "parquet"}
    for link in doc_links:
        assert "technique=Doubt" in link and "outlet=Daily+Lantern" in link
    listed = {a["doc_id"] for a in _all_listed(client, technique="Doubt", outlet="Daily Lantern")}
    jsonl = client.get(next(link for link in doc_links if "format=jsonl" in link))
    assert {json.loads(line)["doc_id"] for line in jsonl.text.splitlines()} == listed
    assert "/api/v1/exports/documents?" in client.get("/stats", params={"technique": "Doubt"}).text
    # a story's and an outlet's pages offer their articles too
    story = client.get("/api/v1/clusters").json()["items"][0]["cluster_id"]
    html = client.get(f"/clusters/{story}").text.replace("&amp;", "&")
    link = re.search(r'href="(/api/v1/exports/documents\?cluster=[^"]+format=jsonl)"', html).group(1)
    assert {json.loads(line)["doc_id"] for line in client.get(link).text.splitlines()} == \
        {a["doc_id"] for a in _all_listed(client, cluster=story)}
    assert "/api/v1/exports/documents?outlet=Daily+Lantern" in client.get("/outlets/Daily%20Lantern").text.replace("&amp;", "&")


# -- search ------------------------------------------------------------------------------------
def test_web_explorer_search_or_and_phrases(client):
    def ids(q: str) -> set[str]:
        return {a["doc_id"] for a in _all_listed(client, q=q)}

    nato, pipeline = ids("NATO"), ids("pipeline")
    assert nato == {"from-disk"} and pipeline == {"from-disk", "undated"}
    assert ids("NATO pipeline") == nato & pipeline
    assert ids("NATO AND pipeline") == nato & pipeline
    assert ids("NATO OR pipeline") == nato | pipeline != ids("NATO pipeline")
    assert ids("Putin OR NATO") == {"from-disk", "undated"}
    water, plan = ids("water"), ids("plan")
    assert ids('"water plan"') and ids('"water plan"') <= water & plan
    assert ids('"plan water"') == set()  # a phrase keeps its word order
    assert ids("Putin's") == ids("Putin")  # the apostrophe splits the word as the index does


def test_web_explorer_search_ranks_by_relevance_and_marks_the_matches(client):
    body = client.get("/api/v1/articles", params={"q": "pipeline harbour"}).json()
    # the article with both words in its headline first (bm25, headline words weigh more), not the newest
    assert [a["doc_id"] for a in body["items"]] == ["undated", "from-disk"]
    first = body["items"][0]
    words = {first["snippet"][s:e].lower() for s, e in first["matches"]}
    assert words <= {"pipeline", "harbour"} and words
    assert "\x02" not in first["snippet"]
    # the snippet does not repeat the headline the list shows above it, marked matches included
    assert first["snippet"].startswith("An undated piece about Putin")
    assert [first["snippet"][s:e] for s, e in first["matches"]] == ["pipeline", "harbour"]
    newest = client.get("/api/v1/articles", params={"q": "pipeline harbour", "sort": "newest"}).json()
    assert [a["doc_id"] for a in newest["items"]] == ["from-disk", "undated"]
    html = client.get("/articles", params={"q": "NATO OR pipeline"}).text
    assert '<mark class="match">NATO</mark>' in html and '<mark class="match">pipeline</mark>' in html
    assert 'value="" selected>best match first<' in html and "How to search" in html
    assert '<option value="newest" >newest first<' in html
    # without a search the default is named newest, once, in a label that fits its menu
    plain = client.get("/articles").text
    menu = re.search(r'<select id="f-sort".*?</select>', plain, re.S).group(0)
    assert re.findall(r'<option value="(\w*)"\s*(?:selected)?>([^<]*)<', menu) == [
        ("", "newest first"), ("oldest", "oldest first"), ("techniques", "most technique spans"), ("quotes", "most quotes")]
    assert 'value="newest" selected>newest first<' in client.get("/articles", params={"sort": "newest"}).text
    # the column counts technique spans (an article can hold 118), not techniques (there are 23)
    assert '<th scope="col" class="num">Technique spans</th>' in plain and ">Techniques</th>" not in plain
    assert '<span class="tag">search: NATO OR pipeline</span>' in html  # the filter's name in words, not "q"
    assert '"defensive alliance"' in client.get("/articles").text.replace("&#34;", '"')  # the help shows a phrase


def test_web_explorer_search_marks_escape_article_text(tmp_path):
    db = tmp_path / "x.db"
    with open_store(db) as store, store.session() as session:
        session.put(_extra("x", "Title <b>bold</b>\n\n<script>alert(1)</script> pipeline <img src=x>"))
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        html = c.get("/articles", params={"q": "pipeline"}).text
    assert "<script>alert" not in html and "<img src=x>" not in html and "&lt;script&gt;" in html
    assert '<mark class="match">pipeline</mark>' in html


def test_web_explorer_snippet_drops_the_headline_and_keeps_the_marks():
    from slant.web.queries import MARK_CLOSE as C, MARK_OPEN as O, _after_title, split_marks

    marked = f"{O}Harbour{C} talks stall\n\nThe {O}harbour{C} master left."
    assert split_marks(_after_title(marked, "Harbour talks stall")) == ("The harbour master left.", [(4, 11)])
    # a mark running over the headline's end keeps its part in the text; other snippets stay as they are
    assert split_marks(_after_title(f"Talks {O}stall\n\nToday{C} it rained", "Talks stall"))[1] == [(0, 5)]
    for snippet, title in ((f"…the {O}harbour{C} master", "The harbour"), (f"{O}Only{C} a title", "Only a title"),
                           (f"A {O}harbour{C}", "Another headline")):
        assert _after_title(snippet, title) == snippet


def test_web_explorer_page_past_the_end(client):
    r = client.get("/articles", params={"page": 9999})
    assert r.status_code == 200
    assert "There is no page 9,999" in r.text and "Go to the last page" in r.text and "No articles match" not in r.text
    last = re.search(r'href="(/articles\?page=\d+)">Go to the last page', r.text).group(1)
    assert "table" in client.get(last).text
    assert client.get("/api/v1/articles", params={"page": 9999}).json()["items"] == []


# -- stories, words, public pages ---------------------------------------------------------------
def test_web_explorer_story_links_only_for_stories_of_two_or_more(client, corpus_db):
    import sqlite3

    with sqlite3.connect(corpus_db) as conn:
        sizes = dict(conn.execute("SELECT c.doc_id, (SELECT COUNT(*) FROM clusters c2 WHERE c2.cluster_id = c.cluster_id) "
                                  "FROM clusters c"))
    assert 1 in sizes.values() and 2 in sizes.values()
    for item in _all_listed(client):
        assert (item["cluster_id"] is not None) == (sizes[item["doc_id"]] > 1), item["doc_id"]
    assert client.get("/api/v1/articles/story-001/related").json()["cluster"] is None
    reading = client.get("/articles/story-001").text
    assert "/clusters/" not in reading and "No near-duplicates" in reading
    html = client.get("/articles").text
    assert html.count(">story</a>") == sum(1 for a in _all_listed(client, per_page=10)[:10] if a["cluster_id"])


def test_web_explorer_counts_read_as_words(client):
    single = client.get("/clusters/from-disk").text
    assert "1 article in 1 outlet" in single and "1 articles" not in single and "0 outlets" not in single
    pair = client.get("/clusters/" + client.get("/api/v1/clusters").json()["items"][0]["cluster_id"]).text
    assert "2 articles in 2 outlets" in pair
    home = client.get("/").text
    assert "34 articles from 3 outlets" in home and "8 stories" in home
    assert re.search(r"\b1 article matching", client.get("/articles", params={"q": "NATO"}).text)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def test_web_explorer_public_pages_show_no_server_paths_or_codes(client):
    for path in ("/articles/from-disk", "/articles/undated", "/articles?q=pipeline", "/outlets/Harbour%20Herald",
                 "/clusters/from-disk", "/articles?outlet=Harbour+Herald"):
        html = client.get(path).text
        assert SECRET_DIR not in html and "newsroom-private" not in html, path
        assert "numeric-with-weekday" not in html and "text:numeric" not in html, path
    # nor the JSON API and its exports (the file's name, no host or process of the server)
    for path in ("/api/v1/articles?q=pipeline", "/api/v1/articles/from-disk", "/api/v1/exports/documents",
                 "/api/v1/exports/documents?format=csv&outlet=Harbour+Herald", "/api/v1/exports/failures",
                 "/api/v1/exports/runs", "/api/v1/exports/documents?format=parquet"):
        body = client.get(path)
        assert body.status_code == 200 and b"newsroom-private" not in body.content, path
    listed = {a["doc_id"]: a["source"] for a in client.get("/api/v1/articles", params={"q": "pipeline"}).json()["items"]}
    assert listed["from-disk"] == "pipeline-talks.txt"
    assert client.get("/api/v1/articles/from-disk").json()["source"] == "pipeline-talks.txt"
    reading = _visible(client.get("/articles/from-disk").text)
    assert "pipeline-talks.txt" in reading
    assert "found in the text: a date written in numbers, with its weekday" in reading
    assert "no date found" in _visible(client.get("/articles/undated").text)
    story = client.get("/articles/story-000").text
    assert '<span class="tag">person</span>' in story and '<span class="tag">PER</span>' not in story
    assert "Analysed with: demo (v1)" in story and "slant.demo.v1" not in story


def test_web_explorer_exports_of_an_ingest_name_files_not_server_paths(tmp_path):
    """`slant ingest` keeps each file's path, a failure's and a run's too: the web app's exports
    give the file's name, and no host name or process id of the server."""
    from slant.corpus.ingest import ingest

    feeds = tmp_path / "newsroom-private" / "feeds"
    feeds.mkdir(parents=True)
    (feeds / "talks.txt").write_text("Harbour talks stall\n\nThe harbour talks stalled on Friday, said the "
                                     "harbour master, and the envoy left early after a long meeting.\n")
    (feeds / "broken.txt").write_bytes(b"\x00\x01\x02")
    db = tmp_path / "s.db"
    assert ingest([str(feeds)], db, neardup=False).failed == 1
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        got = {t: c.get(f"/api/v1/exports/{t}").text for t in ("documents", "failures", "runs")}
        listed = c.get("/api/v1/articles").json()["items"]
    assert not any("newsroom-private" in text for text in got.values()), got
    assert json.loads(got["documents"])["source"] == listed[0]["source"] == "talks.txt"
    assert json.loads(got["failures"])["source"] == "broken.txt"
    args = json.loads(json.loads(got["runs"])["args"])
    assert args["sources"] == ["feeds"] and "host" not in args and "pid" not in args and args["analyze"] is False


def test_web_explorer_charts_say_what_undated_articles_they_leave_out(client):
    html = client.get("/stats").text
    assert "33 dated articles (1 article without a known date not shown)" in html
    assert html.count("spans per article") >= 2  # the unit is written on the charts, not only in tooltips
    assert "False_Dilemma-No_Choice" not in _visible(html)  # technique names, not ids
    outlet = client.get("/outlets/Daily%20Lantern").text
    assert "1 article without a known date" in outlet


def test_web_explorer_charts_span_any_time(tmp_path):
    """A corpus from 1931 to 2022 charts by year (92 points, not 1,100 months), every label readable.
    (2022 has 5 articles: a chart where every year rests on fewer than 5 is not drawn at all.)"""
    db = tmp_path / "long.db"
    with open_store(db) as store, store.session() as session:
        for year in (1931, 1975, 2022):
            session.put(_extra(f"y{year}", f"Headline of {year}\n\nText of {year}.", outlet="Archive",
                               published=f"{year}-05-01"))
        for k in range(4):
            session.put(_extra(f"y2022-{k}", f"Headline {k} of 2022\n\nText {k} of 2022.", outlet="Archive",
                               published=f"2022-06-0{k + 1}"))
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        html = c.get("/stats").text
    assert "by year" in html and "92 series" not in html
    assert re.search(r"over 92 points from 1931 to 2022", html)
    # a rate over one article a year is drawn hollow, and the note says why
    assert "Hollow points rest on fewer than 5 articles that year" in html
    assert re.search(r'<circle [^>]*fill="#ffffff"[^>]*><title>Loaded language, 1931: 1 spans per article from 1 article', html)
    # the 89 years without an article are gaps in the line, not points at zero
    assert "A gap in a line is a year without articles" in html
    assert html.count("<circle") == 3 and "Loaded language, 1932" not in html


def test_web_explorer_api_page_lists_parameters_and_descriptions(client):
    spec = client.get("/openapi.json").json()
    summaries = [op.get("summary", "") for item in spec["paths"].values() for op in item.values()]
    assert all(summaries) and not {"Healthz", "Me", "Related"} & set(summaries)
    html = client.get("/api").text
    text = _visible(html)
    assert "List and search articles" in text and "Export a table" in text and "Health check" in text
    listing = html[html.index('id="get-api-v1-articles"'):html.index('id="post-api-v1-articles"')]
    for name in ("q", "outlet", "date_from", "technique", "page", "per_page", "sort"):
        assert f"<code>{name}</code>" in listing, name
    assert "OR" in _visible(listing) and "YYYY-MM-DD" in listing
    export = html[html.index('id="get-api-v1-exports-table"'):]
    assert "<code>technique</code>" in export and "one of: jsonl, csv, parquet" in export
    for item in spec["paths"].values():
        for op in item.values():
            for p in op.get("parameters", []):
                assert p.get("description") or p.get("schema", {}).get("description"), (op["summary"], p["name"])


def test_web_explorer_same_day_copies_show_their_times_and_the_first_by_instant(tmp_path):
    """Two copies of a story on one day: the one out first in UTC is marked first, times shown with zones."""
    db = tmp_path / "times.db"
    with open_store(db) as store, store.session() as session:
        late = _extra("late", "Ferry strike ends\n\nThe ferry strike ended at dawn.", outlet="Coast Post",
                      published="2026-04-02")
        late.meta.published_at = "2026-04-02T08:30:00+00:00"
        early = _extra("early", "Ferry strike ends\n\nThe ferry strike ended at dawn today.", outlet="Alder Daily",
                       published="2026-04-02")
        early.meta.published_at = "2026-04-02T09:00:00+02:00"  # 07:00 UTC: out first
        session.put(late)
        session.put(early)
        session.join_cluster("early", ["late"])
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        cluster_id = c.get("/api/v1/clusters").json()["items"][0]["cluster_id"]
        detail = c.get(f"/api/v1/clusters/{cluster_id}").json()
        assert [(a["doc_id"], a["is_first"]) for a in detail["articles"]] == [("early", True), ("late", False)]
        html = c.get(f"/clusters/{cluster_id}").text
        assert "first published 2026-04-02 09:00 UTC+02:00 by Alder Daily" in html
        assert "2026-04-02 08:30 UTC" in html and html.count('<span class="tag">first</span>') == 1
        listing = c.get("/articles").text
        assert "2026-04-02 09:00 UTC+02:00" in listing
        assert c.get("/api/v1/articles").json()["items"][0]["published_at"] in ("2026-04-02T08:30:00+00:00",
                                                                             "2026-04-02T09:00:00+02:00")


def test_web_explorer_search_without_full_text_index_marks_snippets_in_one_query(corpus_db, monkeypatch):
    """A store without documents_fts (before schema 2) still finds and marks the words, and reads the
    page's texts in one query, not one per row."""
    import sqlite3

    from slant.web import queries

    monkeypatch.setattr(queries, "has_fts", lambda conn: False)
    conn = sqlite3.connect(corpus_db)
    conn.row_factory = sqlite3.Row
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    items, total = queries.list_articles(conn, queries.ArticleFilters(q="pipeline harbour"), per_page=10)
    conn.close()
    assert total == len(items) == 2 and {i["doc_id"] for i in items} == {"undated", "from-disk"}
    for item in items:
        plain, spans = queries.split_marks(item["snippet"])
        assert spans and {plain[s:e].lower() for s, e in spans} <= {"pipeline", "harbour"}
        assert not plain.startswith(item["title"])
    assert sum("SELECT rowid, text FROM documents" in s or "SELECT text FROM documents" in s
               for s in statements) == 1


def test_web_explorer_stats_travelling_quotes_follow_the_filters(client):
    """Quotes that travelled are counted within the matching articles: one outlet's articles
    carry no quote across outlets."""
    assert 'id="h-travel"' in client.get("/stats").text
    assert 'id="h-travel"' not in client.get("/stats", params={"outlet": "Daily Lantern"}).text
    # the API lists the same quotes under the same filters
    everything = client.get("/api/v1/stats/quotes").json()
    assert everything and client.get("/api/v1/stats/quotes", params={"outlet": "Daily Lantern"}).json() == []
    one = everything[0]["text"]
    matching = client.get("/api/v1/stats/quotes", params={"q": f'"{" ".join(one.split()[:4])}"'}).json()
    assert [t["text"] for t in matching][:1] == [one]


def test_web_explorer_list_says_nothing_of_an_article_without_a_story(client):
    """An article in no story of 2+ articles has an empty Story cell (on a phone no "Story:" label),
    not "Story: none" on every row; an article of a story links to it."""
    import re

    html = client.get("/articles", params={"per_page": 100}).text
    rows = re.findall(r"<tr>.*?</tr>", html, re.S)[1:]
    stories = [r for r in rows if 'data-label="Story"' in r]
    assert stories and all(re.search(r'data-label="Story"><a href="/clusters/[^"]+">story</a>', r) for r in stories)
    assert len(stories) < len(rows)  # the stories of one article show nothing
    assert ">none<" not in html
