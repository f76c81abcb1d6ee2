"""The server-rendered pages: reading view, explorer, charts, clusters, outlets, API index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from slant.settings import load_settings  # noqa: E402
from slant.web import create_app  # noqa: E402
from slant.web.config import WebSettings  # noqa: E402
from slant.web.demo import make_demo_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "putin-nato-daily-post.txt"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("webui") / "corpus.db"
    make_demo_store(db)
    with TestClient(create_app(load_settings(env={}), db, web=WebSettings(page_size=10)),
                    raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def empty_client(tmp_path):
    with TestClient(create_app(load_settings(env={}), tmp_path / "empty.db"), raise_server_exceptions=False) as c:
        yield c


def form_token(client: TestClient) -> str:
    html = client.get("/").text
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_web_ui_home_has_the_analyse_form_and_corpus_summary(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'enctype="multipart/form-data"' in r.text and 'name="csrf_token"' in r.text
    assert "32 articles from 3 outlets" in r.text
    assert 'aria-current="page"' in r.text and 'class="skip"' in r.text


def test_web_ui_analyses_the_example_without_a_technique_model(client):
    r = client.post("/analyze", data={"text": EXAMPLE.read_text("utf-8"), "csrf_token": form_token(client)})
    assert r.status_code == 200
    assert "Putin Flicks NATO" in r.text
    # highlights may cut the sentence into <mark> pieces: compare the text without tags
    assert "President Vladimir Putin poked fun at NATO" in re.sub(r"<[^>]+>", "", r.text)
    if "mark class=" in r.text:
        assert 'aria-live="polite"' in r.text  # the explanation panel for the highlights
    else:
        assert "No technique layer in this result" in r.text
    assert 'id="quotes"' in r.text


def test_web_ui_upload_is_read_by_its_extension(client):
    html = b"<html><head><title>Upload title</title></head><body><article><h1>Upload title</h1><p>" + \
        b"Words of the uploaded page, long enough for the extractor to keep them as the article. " * 3 + \
        b"</p></article></body></html>"
    r = client.post("/analyze", data={"csrf_token": form_token(client)}, files={"file": ("page.html", html, "text/html")})
    assert r.status_code == 200
    assert "Words of the uploaded page" in r.text and "page.html" in r.text


def test_web_ui_empty_form_explains_what_to_do(client):
    r = client.post("/analyze", data={"csrf_token": form_token(client), "text": "  "}, headers={"Accept": "text/html"})
    assert r.status_code == 422
    assert "paste the article" in r.text and "<html" in r.text


def test_web_ui_reading_view_of_a_stored_article(client):
    r = client.get("/articles/story-000")
    assert r.status_code == 200
    text = r.text
    # legend: one checkbox per technique with its count; highlights with overlaps
    boxes = re.findall(r'data-toggle="([^"]+)"', text)
    assert len(boxes) == len(set(boxes)) >= 3
    assert 'class="hl multi"' in text  # the demo article has an overlap
    assert "tabindex=\"0\"" in text
    assert "Who said what" in text and "Mayor Ada Brook" in text
    # each quote is numbered in the text and in the list, linking to each other
    assert 'class="qn" id="d1-q1" href="#d1-row1"' in text
    assert '<li id="d1-row1"><p class="who"><a class="qn" href="#d1-q1"' in text
    assert "People, organisations, places" in text and "Port Alder" in text
    assert "Genre" in text and "<meter" in text and "Frames" in text
    assert "/clusters/" in text and "story-000-copy" in text  # near-duplicate and story links


def test_web_ui_explorer_filters_and_pages(client):
    r = client.get("/articles")
    assert "32 articles" in r.text and 'rel="next"' in r.text and "Page 1 of 4" in r.text
    page2 = client.get("/articles?page=2")
    assert "Page 2 of 4" in page2.text and 'rel="prev"' in page2.text
    filtered = client.get("/articles", params={"outlet": "Daily Lantern", "technique": "Doubt"})
    assert "outlet: Daily Lantern" in filtered.text and "technique: Doubt" in filtered.text
    n = int(re.search(r"([\d,]+) articles? matching", filtered.text).group(1))
    assert 0 < n < 32
    assert client.get("/articles", params={"date_from": "not-a-date"}).status_code == 422
    none = client.get("/articles", params={"q": "zebra crossing"})
    assert "No articles match" in none.text


def test_web_ui_charts_are_inline_svg_with_tables(client):
    r = client.get("/stats")
    assert r.status_code == 200
    assert r.text.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 3
    assert "Techniques per outlet" in r.text and "Techniques over time" in r.text and "Top quoted speakers" in r.text
    assert r.text.count("<summary>The numbers</summary>") == 3
    assert "http://" not in r.text.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_web_ui_clusters_outlets_and_api_pages(client):
    clusters = client.get("/clusters")
    assert "8 stories" in clusters.text
    first = re.search(r'href="/clusters/([^"]+)"', clusters.text).group(1)
    detail = client.get(f"/clusters/{first}")
    assert detail.status_code == 200 and "Ringed: the earliest known publication" in detail.text
    assert '<span class="tag">first</span>' in detail.text
    outlets = client.get("/outlets")
    assert "Harbour Herald" in outlets.text
    outlet = client.get("/outlets/Harbour%20Herald")
    assert outlet.status_code == 200 and "Technique profile" in outlet.text and "Stories it carried" in outlet.text
    api = client.get("/api")
    assert "/api/v1/analyze" in api.text and "/openapi.json" in api.text


def test_web_ui_missing_things_are_html_404s(client):
    for path in ("/articles/nope", "/clusters/nope", "/outlets/Nobody", "/nowhere"):
        r = client.get(path, headers={"Accept": "text/html"})
        assert r.status_code == 404 and "<html" in r.text and "Not found" in r.text, path


def test_web_ui_the_empty_outlet_name_has_no_page(tmp_path):
    """/outlets/ (the empty name) answered 200 with a profile of the articles that name no outlet, pooled,
    whose latest articles, stories and links filtered nothing (the whole corpus as one outlet's). It is a
    404 saying why, as the JSON API refuses the empty name."""
    from slant.store import open_store
    from tests.test_corpus_stats import build

    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        w.put(build("a1", "Alpha", "2024-01-02", ["Doubt"], text="w0 a1 end."))
        w.put(build("n1", "", "2024-01-03", ["Doubt"], text="w0 n1 end."))
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        page = c.get("/outlets/", headers={"Accept": "text/html"})
        api = c.get("/api/v1/outlets/")
        alpha = c.get("/outlets/Alpha")
    assert page.status_code == 404 and "Not found" in page.text
    assert "articles that name no outlet are not one outlet and have no outlet page" in page.text
    assert 'href="/articles/a1"' not in page.text
    assert api.status_code == 422 and alpha.status_code == 200


def test_web_ui_empty_store_pages_say_so(empty_client):
    assert "The store is empty" in empty_client.get("/").text
    assert "No articles match" in empty_client.get("/articles").text
    assert "No technique spans" in empty_client.get("/stats").text
    assert "No story clusters yet" in empty_client.get("/clusters").text


def test_web_ui_static_files_are_the_shared_ones(client):
    from importlib import resources

    page_js = resources.files("slant.render").joinpath("page.js").read_text("utf-8")
    assert client.get("/static/page.js").text == page_js
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")


def test_web_ui_signed_in_writer_can_save_to_the_corpus(tmp_path):
    from slant.web import create_token

    db = tmp_path / "c.db"
    writer, reader = create_token(db, "editor", scope="write"), create_token(db, "viewer", scope="read")
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        token = form_token(c)
        assert 'name="store"' not in c.get("/").text
        c.post("/login", data={"token": reader, "csrf_token": token})
        assert 'name="store"' not in c.get("/").text
        token = form_token(c)  # bound to the new session
        refused = c.post("/analyze", data={"text": "T\n\nbody", "store": "1", "csrf_token": token})
        assert refused.status_code == 403
        c.post("/login", data={"token": writer, "csrf_token": token})
        assert "signed in as editor" in c.get("/").text
        token = form_token(c)
        saved = c.post("/analyze", data={"text": "Saved headline\n\nThe saved body.", "store": "1", "outlet": "Desk",
                                         "published": "2026-05-01", "csrf_token": token}, follow_redirects=False)
        assert saved.status_code == 303 and saved.headers["location"] == "/articles/document"
        page = c.get("/articles/document")
        assert "Saved headline" in page.text and "Desk" in page.text and "2026-05-01" in page.text
        # a time of day and zone typed into the form are kept (meta.published_at) and shown
        token = form_token(c)
        timed = c.post("/analyze", data={"text": "Timed headline\n\nThe timed body.", "store": "1", "outlet": "Desk",
                                         "published": "2026-05-02 09:30 -05:00", "csrf_token": token},
                       follow_redirects=False)
        assert timed.status_code == 303, timed.text
        doc_id = timed.headers["location"].rsplit("/", 1)[1]
        meta = c.get(f"/api/v1/articles/{doc_id}", headers={"Authorization": f"Bearer {writer}"}).json()["meta"]
        assert meta["published"] == "2026-05-02" and meta["published_at"] == "2026-05-02T09:30:00-05:00"
        assert "2026-05-02 09:30" in c.get(timed.headers["location"]).text
        bad = c.post("/analyze", data={"text": "Bad date\n\nBody.", "store": "1", "published": "2026-05-02 25:99",
                                       "csrf_token": form_token(c)}, headers={"Accept": "text/html"})
        assert bad.status_code == 422 and "is not a date" in bad.text and "Traceback" not in bad.text


def test_web_ui_shows_claims_in_the_reading_view_and_the_corpus_view(tmp_path):
    from slant.document import Document, Metadata, Span
    from slant.store import open_store

    claim = "NATO bombed Libya in 2011."
    texts = {"alpha-1": ("Alpha", f"Putin said: “{claim}” It was a sunny day."),
             "beta-1": ("Beta", f"“{claim}” Putin said again. Nobody answered.")}
    db = tmp_path / "claims.db"
    store = open_store(db)
    with store.session() as w:
        for doc_id, (outlet, text) in texts.items():
            doc = Document(text, id=doc_id, meta=Metadata(outlet=outlet, published="2024-01-0" + str(len(outlet) % 9),
                                                          title=doc_id))
            doc.set_paragraphs([Span(0, len(text))])
            s = text.index(claim)
            doc.add_layer("claims", [Span(s, s + len(claim), "claim", 0.93, {"voice": "quote", "speaker": "Vladimir Putin",
                                                                             "speaker_entity": None, "relay": None})])
            w.put(doc)
    store.close()
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        page = c.get("/articles/alpha-1").text
        assert "Check-worthy claims" in page and 'id="d1-crow1"' in page and 'class="cn" id="d1-c1"' in page
        assert "The list starts at the model&#39;s threshold" in page or "The list starts at the model's threshold" in page
        row = page[page.index('id="d1-crow1"'):]
        assert "Vladimir Putin" in row[:row.index("</li>")] and "93%" in row[:row.index("</li>")]
        stats = c.get("/stats").text
        section = stats[stats.index('id="h-claims"'):]
        assert "Vladimir Putin" in section and "Alpha, Beta" in section
        travelled = stats[stats.index('id="h-travel-claims"'):]
        assert "NATO bombed Libya in 2011." in travelled and "Beta" in travelled
        # on a phone both claims tables are cards, each cell after the first labelled: as a plain table at
        # 390 px the Example column sat off screen and each row stood 300 px tall around a clipped cell
        for table in (section[:section.index("</table>")], travelled[:travelled.index("</table>")]):
            assert '<table class="list cards">' in table
            for row in re.findall(r"<tr><td.*?</tr>", table):
                cells = re.findall(r"<td([^>]*)>", row)
                assert len(cells) == 5 and "data-label" not in cells[0], row
                assert all("data-label=" in c for c in cells[1:]), row
        export = c.get("/api/v1/exports/claims?format=csv")
        assert export.status_code == 200 and export.text.splitlines()[0].startswith("doc_id,outlet")
        assert export.text.count("Vladimir Putin") == 2


@pytest.mark.parametrize("filters", [{}, {"outlet": "Alpha"}, {"q": "sunny"}, {"date_from": "2024-01-05"}])
def test_web_ui_stats_claims_sections_are_those_of_the_filtered_list(tmp_path, filters):
    """The claims tables of /stats count the claims of exactly the articles the filtered list shows."""
    import html as _html

    from slant.corpus.claims import claim_records
    from slant.document import Document, Metadata, Span
    from slant.store import open_store

    claim, other = "NATO bombed Libya in 2011.", "Unemployment fell to 3.5 percent last year."
    texts = {"alpha-1": ("Alpha", "2024-01-02", f"Putin said: “{claim}” It was a sunny day. {other}"),
             "alpha-2": ("Alpha", "2024-01-06", f"“{claim}” Putin said on Saturday."),
             "beta-1": ("Beta", "2024-01-07", f"“{claim}” Putin said again. {other}"),
             "gamma-1": ("Gamma", "2024-01-03", f"A sunny week. {other}")}
    db = tmp_path / "claims.db"
    with open_store(db) as store, store.session() as w:
        for doc_id, (outlet, day, text) in texts.items():
            doc = Document(text, id=doc_id, meta=Metadata(outlet=outlet, published=day, title=doc_id))
            doc.set_paragraphs([Span(0, len(text))])
            spans = []
            if claim in text:
                s = text.index(claim)
                spans.append(Span(s, s + len(claim), "claim", 0.9, {"voice": "quote", "speaker": "Vladimir Putin"}))
            if other in text:
                s = text.index(other)
                spans.append(Span(s, s + len(other), "claim", 0.8, {"voice": "author"}))
            doc.add_layer("claims", spans)
            w.put(doc)
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        listed = {a["doc_id"] for a in c.get("/api/v1/articles", params={**filters, "per_page": 100}).json()["items"]}
        page = c.get("/stats", params=filters).text
    with open_store(db, readonly=True) as store:
        expected: dict[str, int] = {}
        for row in claim_records(store):
            if row["doc_id"] in listed:
                who = row["speaker"] if row["voice"] == "quote" else f"{row['outlet']} (author's voice)"
                expected[who] = expected.get(who, 0) + 1
    assert listed and (filters or len(listed) == 4)
    section = page[page.index('id="h-claims"'):]
    section = section[:section.index("</section>")]
    shown = {_html.unescape(re.sub(r"<[^>]+>", "", who)): int(n) for who, n in
             re.findall(r'<tr><td>(.*?)</td><td class="num"[^>]*>(\d+)</td>', section)}
    assert shown == expected
    travelling = 'id="h-travel-claims"' in page
    assert travelling == any(len({texts[d][0] for d in listed if sentence in texts[d][2]}) >= 2
                             for sentence in (claim, other))
    if filters:
        assert "In the matching articles" in section and "exports/claims?" in section and "format=csv" in section


@pytest.mark.parametrize("outlet,says", [("Alpha", "3 articles from 1 outlet (2018-02-02 to 2018-02-06; 1 article"),
                                         ("", "3 articles, outlets not named (2018-02-02 to 2018-02-06; 1 article")])
def test_web_ui_home_summary_keeps_the_space_before_the_dates(tmp_path, outlet, says):
    """The line ending in {% endif %} lost its newline to trim_blocks: "from 1 outlet(2018-02-02 to ..."."""
    from slant.store import open_store
    from tests.test_corpus_stats import build

    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        w.put(build("a", outlet, "2018-02-02", ["Doubt"], text="w0 a end."))
        w.put(build("b", outlet, "2018-02-06", ["Doubt"], text="w0 b end."))
        w.put(build("c", outlet, None, ["Doubt"], text="w0 c end."))
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c.get("/").text))
    assert says in text
    assert "outlet(" not in text and "named(" not in text


def test_web_ui_home_summary_without_dates_has_no_stray_space(tmp_path):
    from slant.store import open_store
    from tests.test_corpus_stats import build

    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        w.put(build("a", "Alpha", None, ["Doubt"], text="w0 a end."))
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c.get("/").text))
    assert "1 article from 1 outlet, " in text


def _harbour_page(tmp_path, doc_id: str, label_sets: dict) -> str:
    """The reading view of a two-line stored article with the given label sets."""
    from slant.document import Document, Metadata, Span
    from slant.store import open_store

    text = "Harbour talks\n\nThe harbour board met on Monday and agreed a new timetable."
    doc = Document(text, id=doc_id, meta=Metadata(outlet="Harbour Herald", title="Harbour talks"))
    doc.set_paragraphs([Span(0, 13), Span(15, len(text))])
    for name, labels in label_sets.items():
        doc.set_labels(name, labels(text) if callable(labels) else labels)
    db = tmp_path / f"{doc_id}.db"
    store = open_store(db)
    with store.session() as w:
        w.put(doc)
    store.close()
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        return c.get(f"/articles/{doc_id}").text


def test_web_ui_reading_view_says_what_genre_and_frame_scores_mean(tmp_path):
    """A calibrated 0.9972 read "100%", and nothing on the page said what the genre and frame
    percentages are: now ">99%" / "<1%", and one line under each list says what it means."""
    from slant.document import Label

    page = _harbour_page(tmp_path, "labels-1", {
        "genre": [Label("reporting", 0.9, True), Label("opinion", 0.06), Label("satire", 0.04)],
        "frames": [Label("External_regulation_and_reputation", 0.9972, True), Label("Health_and_safety", 0.0021)]})
    panel = page[page.index('class="labels-panel"'):page.index('class="quotes-panel"')]
    shown = re.findall(r'<span class="sc">([^<]*)</span>', panel)
    assert shown == ["90%", "6%", "4%", "&gt;99%", "&lt;1%"], shown
    assert "Genre: the calibrated probability that the article is straight reporting" in panel
    assert "Frames: the calibrated probability that annotators would mark the article" in panel


def test_web_ui_reading_view_says_why_a_short_text_has_no_genre(tmp_path):
    """A short item's genre labels carry the length reason; the reading view shows it instead of
    "no genre reaches 50%", with the probabilities still listed."""
    from slant.analyze.persuasion import GENRE_MIN_WORDS, genre_labels, genre_words

    page = _harbour_page(tmp_path, "short-1",
                         {"genre": lambda text: genre_labels([0.02, 0.03, 0.95], genre_words(text))})
    panel = page[page.index('class="labels-panel"'):]
    assert (f"Genre uncertain: too short to judge the genre: 13 words; the model was checked on texts of at "
            f"least {GENRE_MIN_WORDS} words.") in panel
    assert "no genre reaches 50%" not in panel and '<span class="tag">selected</span>' not in panel
    # no genre percentages or bars: at this length they are not calibrated (a 19-word letter read "Satire 98%")
    genre = panel[:panel.index("<h2>Frames</h2>")] if "<h2>Frames</h2>" in panel else panel[:panel.index("</section>")]
    assert "95%" not in genre and "<meter" not in genre and "Satire" not in genre
    assert "calibrated probability" not in genre and "No scores shown: at this length they are not calibrated." in genre


def test_web_ui_reading_view_has_a_key_to_the_marks_in_the_text(client):
    """"underlined text carries more than one technique" stood above a text whose underlines were
    mostly quotes, speakers and claims; the key names each mark."""
    text = client.get("/articles/story-000").text
    assert "more than one technique" not in text
    assert re.search(r"\(\d+ highlighted passages; each count below is its technique", text)  # not "(4 spans)"
    key = text[text.index('<p class="key">'):]
    key = key[:key.index("</p>")]
    assert 'class="key-q"' in key and 'class="key-spk"' in key and "key-multi" in key
    assert "a quote" in key and "its speaker" in key and "where two overlap" in key


def test_web_ui_home_lists_only_dated_articles_as_recently_published(tmp_path):
    """On a store of 1 dated and 80 undated articles the start page read "(2022-02-08 to 2022-02-08; ...)"
    and listed seven "no date" articles under "Recently published"."""
    from slant.store import open_store
    from tests.test_corpus_stats import build

    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        w.put(build("a", "", "2022-02-08", ["Doubt"], text="w0 a end."))
        for k in range(3):
            w.put(build(f"u{k}", "", None, ["Doubt"], text=f"w0 u{k} end."))
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        page = c.get("/").text
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
    assert "(dated 2022-02-08; 3 articles without a known date)" in text
    recent = page[page.index("Recently published"):]
    recent = recent[:recent.index("</ul>")]
    assert "/articles/a" in recent and "/articles/u0" not in recent and "no date" not in recent


@pytest.mark.parametrize("dated,drawn", [(2, False), (5, True)])
def test_web_ui_over_time_chart_needs_a_period_with_enough_articles(tmp_path, dated, drawn):
    """One dated article among 80 drew a chart of hollow points (4, 3, 0 spans per article in one
    month): rates over one to four articles are noise. With no month of 5 articles, no chart; a line says why."""
    from slant.store import open_store
    from tests.test_corpus_stats import build

    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        for k in range(dated):
            w.put(build(f"d{k}", "Alpha", f"2022-02-0{k + 1}", ["Doubt", "Loaded_Language"],
                        text=f"w0 w1 dated story number {k} end."))
        for k in range(3):
            w.put(build(f"u{k}", "Alpha", None, ["Doubt"], text=f"w0 undated story number {k} end."))
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        page = c.get("/stats").text
    section = page[page.index('id="h-time"'):page.index('id="h-speakers"')]
    assert ('id="time-chart"' in section or "<svg" in section) == drawn
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", section))
    assert ("Too few dated articles to chart over time" in text) != drawn
    if not drawn:
        assert f"{dated} dated articles (3 articles without a known date)" in text


def test_web_ui_no_share_or_probability_reads_100_percent_unless_it_is_one(tmp_path):
    """The 'pct' filter printed an estimated likeness of 0.996 as "100% alike" (two articles that are
    not the same text); probabilities already went through taxonomy.percent ('prob'). Now the
    likeness reads ">99%" (exactly 1 still "100%"), and no template formats a score or probability
    with anything but 'prob', except the likeness with 'share'."""
    from slant.document import Document, Metadata, Span
    from slant.store import open_store

    def article(doc_id: str, title: str) -> Document:
        text = f"{title}\n\nThe harbour board met on Monday and agreed a new ferry timetable for the winter."
        doc = Document(text, id=doc_id, meta=Metadata(outlet="Harbour Herald", title=title))
        doc.set_paragraphs([Span(0, len(title)), Span(len(title) + 2, len(text))])
        return doc

    db = tmp_path / "links.db"
    store = open_store(db)
    with store.session() as w:
        for doc_id in ("orig", "near", "same"):
            w.put(article(doc_id, f"Ferry timetable {doc_id}"))
        w.add_link("orig", "near", kind="rewrite", score=0.996)
        w.add_link("orig", "same", kind="copy", score=1.0)
    store.close()
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        page = re.sub(r"<[^>]+>", "", c.get("/articles/orig").text)
    assert "(&gt;99% alike)" in page and "(100% alike)" in page
    assert page.count("100% alike") == 1
    templates = ROOT / "src" / "slant" / "web" / "ui" / "templates"
    for path in templates.glob("*.html"):
        for m in re.finditer(r"\{\{\s*([\w.]+)\s*\|\s*(\w+)", path.read_text("utf-8")):
            value, flt = m.groups()
            if value.endswith(("score", "probability")):
                assert flt == "prob" or (value, flt) == ("d.score", "share"), (path.name, m.group(0))


def test_web_ui_stats_page_and_json_api_agree_on_outlets(tmp_path):
    """The JSON API's per-outlet stats left articles that name no outlet out, while the HTML charts page
    (calling the same queries) drew them as one pooled "outlet not named" row, ranked first in the heat
    map by its article count. Both views now give the same outlets with the same numbers, and count the
    outlet-less articles once, apart (slant.store.outlets); /outlets and its JSON list the same outlets."""
    import html as _html

    from slant.store import open_store
    from tests.test_corpus_stats import build

    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        w.put(build("a1", "Alpha", "2024-01-05", ["Doubt", "Loaded_Language"], text="w0 w1 a1 end."))
        w.put(build("a2", "Alpha", "2024-01-06", ["Doubt"], text="w0 a2 end."))
        w.put(build("b1", "Beta", "2024-01-07", ["Flag_Waving"], text="w0 b1 end."))
        for i in range(3):  # more articles than any outlet: pooled, they topped the ranking
            w.put(build(f"n{i}", "", "2024-01-08", ["Doubt", "Doubt", "Doubt"], text=f"w0 w1 w2 n{i} end."))
    with TestClient(create_app(load_settings(env={}), db)) as c:
        api = c.get("/api/v1/stats/techniques", params={"by": "outlet"}).json()
        every = c.get("/api/v1/stats").json()
        api_outlets = [o["outlet"] for o in c.get("/api/v1/outlets").json()]
        stats_page, outlets_page = c.get("/stats").text, c.get("/outlets").text
    heat = stats_page[stats_page.index('id="h-heat"'):]
    heat = heat[:heat.index("</section>")]
    shown = {(_html.unescape(o), t, int(n), int(a)) for o, t, n, a in re.findall(
        r'<tr><td>([^<]*)</td><td>([^<]*)</td><td class="num">(\d+)</td><td class="num">(\d+)</td>', heat)}
    from slant.analyze.taxonomy import human_name

    given = {(r["key"], human_name(r["technique"]), r["spans"], api["articles"][r["key"]]) for r in api["rows"]}
    assert shown == given and {o for o, *_ in shown} == {"Alpha", "Beta"}
    assert api["no_outlet"] == every["summary"]["no_outlet"] == 3
    assert "3 articles naming no outlet are not a row" in heat and "outlet not named" not in heat
    assert {r["outlet"] for r in every["techniques_per_outlet"]} == {"Alpha", "Beta"}
    listed = [_html.unescape(o) for o in re.findall(r'<td class="title"><a href="/outlets/[^"]*">([^<]*)</a>', outlets_page)]
    assert listed == api_outlets == ["Alpha", "Beta"]
    assert "3 articles name no outlet" in outlets_page


def _stats_sections(db: Path) -> dict[str, str]:
    """The charts page's heat map and over-time sections as text (each chart as [SVG], its table kept)."""
    with TestClient(create_app(load_settings(env={}), db)) as c:
        page = c.get("/stats").text
    out = {}
    for ident in ("h-heat", "h-time"):
        sec = page[page.index(f'id="{ident}"'):]
        sec = re.sub(r"<svg.*?</svg>", "[SVG]", sec[:sec.index("</section>")], flags=re.S)
        out[ident] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", sec))
    return out


def test_web_ui_stats_over_time_ranks_the_techniques_of_every_dated_article(tmp_path):
    """The chart over time ranked its techniques over the named outlets' spans only: with no outlet
    named it drew nothing and said none of the articles had a date (6 of 7 had one), and a technique
    only outlet-less articles used was missing from it while /api/v1/stats/techniques?by=month listed
    it. With dated articles and none of their spans, it said none had a date either."""
    from slant.store import open_store
    from tests.test_corpus_stats import build

    stores = {}
    for name, beta in (("none", False), ("mixed", True)):
        stores[name] = db = tmp_path / f"{name}.db"
        with open_store(db) as s, s.session() as w:
            for i in range(6):
                w.put(build(f"n{i}", "", f"2024-01-0{i + 1}", ["Doubt", "Repetition"], text=f"w0 w1 n{i} end."))
            if beta:
                w.put(build("b1", "Beta", "2024-01-09", ["Doubt"], text="w0 b1 end."))
            w.put(build("u1", "", None, ["Doubt"], text="w0 u1 end."))
    for name, db in stores.items():
        with TestClient(create_app(load_settings(env={}), db)) as c:
            api = {r["technique"] for r in c.get("/api/v1/stats/techniques", params={"by": "month"}).json()["rows"]}
        time = _stats_sections(db)["h-time"]
        assert api == {"Doubt", "Repetition"}, name
        assert "[SVG]" in time and "Doubt (spans) Repetition (spans)" in time, (name, time)
        assert "has a known publication date" not in time, name
    assert "6 dated articles (1 article without a known date not shown)" in _stats_sections(stores["none"])["h-time"]

    db = tmp_path / "undated-spans.db"  # spans only in an undated article: nothing to chart, 1 dated article
    with open_store(db) as s, s.session() as w:
        w.put(build("a1", "Alpha", "2024-01-02", [], text="w0 a1 end."))
        w.put(build("a2", "Alpha", None, ["Doubt"], text="w0 a2 end."))
    time = _stats_sections(db)["h-time"]
    assert "None of these" not in time and "[SVG]" not in time
    assert "No technique spans in the 1 dated article (1 article without a known date not shown)" in time


def test_web_ui_stats_heat_map_tells_no_spans_from_spans_only_without_an_outlet(tmp_path):
    """A named outlet without technique spans beside outlet-less articles with spans: the heat map said
    "No technique spans in these articles", false. It now says where the spans are; a store whose
    articles have no spans at all still says there are none."""
    from slant.store import open_store
    from tests.test_corpus_stats import build

    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        w.put(build("a1", "Alpha", "2024-01-02", [], text="w0 a1 end."))
        for i in range(6):
            w.put(build(f"n{i}", "", f"2024-01-0{i + 3}", ["Doubt", "Loaded_Language"], text=f"w0 w1 n{i} end."))
    sections = _stats_sections(db)
    assert "No technique spans in these articles" not in sections["h-heat"]
    assert ("The articles of named outlets have no technique spans: all 12 technique spans of these articles are in "
            "the 6 articles naming no outlet, not a row here: they are not one outlet") in sections["h-heat"]
    assert "[SVG]" in sections["h-time"] and "Doubt (spans) Loaded language (spans)" in sections["h-time"]

    db = tmp_path / "bare.db"
    with open_store(db) as s, s.session() as w:
        w.put(build("a1", "Alpha", "2024-01-02", [], text="w0 a1 end."))
        w.put(build("n1", "", "2024-01-03", [], text="w0 n1 end."))
    sections = _stats_sections(db)
    assert "No technique spans in these articles" in sections["h-heat"]
    assert "No technique spans in the 2 dated articles" in sections["h-time"]


def test_web_ui_outlet_page_lists_only_dated_articles_as_latest(tmp_path):
    """An outlet with 2 dated and 3 undated articles listed the undated ones under "Latest articles"
    ("no date"): an article without a known date is not latest. They are counted under the list, which
    links to the outlet's article list, where they come after the dated ones."""
    from slant.store import open_store
    from tests.test_corpus_stats import build

    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        w.put(build("a", "Alpha", "2022-02-08", ["Doubt"], text="w0 a end."))
        w.put(build("b", "Alpha", "2022-02-09", ["Doubt"], text="w0 b end."))
        for k in range(3):
            w.put(build(f"u{k}", "Alpha", None, ["Doubt"], text=f"w0 u{k} end."))
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        page = c.get("/outlets/Alpha").text
        listed = c.get("/articles", params={"outlet": "Alpha"}).text
    latest = page[page.index("Latest articles"):]
    latest = latest[:latest.index("</section>")]
    items = latest[:latest.index("</ul>")]
    assert re.findall(r'href="/articles/(\w+)"', items) == ["b", "a"] and "no date" not in latest
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", latest))
    assert "3 articles without a known date are not listed as latest: the outlet's article list shows them" in text
    assert 'href="/articles?outlet=Alpha"' in latest
    order = re.findall(r'href="/articles/(\w+)"', listed)
    assert order[:2] == ["b", "a"] and set(order[2:5]) == {"u0", "u1", "u2"}


def test_web_ui_outlet_page_numbers_say_what_they_count(client, tmp_path):
    """An outlet page listed 'Reporting 12', 'Economic 16', 'Tomas Vell 24' (articles? quotes?), an outlet
    of one dated article read '1 article from 2026-03-02 to 2026-03-02', its download 'these 1 article',
    and its articles-per-month axis ran 0, 0.2, 0.4 ... 1 (no fifth of an article)."""
    from slant.store import open_store
    from tests.test_corpus_stats import build

    def words(html: str) -> str:
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    demo = words(client.get("/outlets/Daily Lantern").text)
    assert re.search(r"Reporting \d+ articles", demo) and re.search(r"Economic \d+ articles", demo)
    assert re.search(r"Tomas Vell \d+ quotes", demo)

    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        w.put(build("a", "Alpha", "2026-03-02", ["Doubt"], text="w0 a end."))
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        html = c.get("/outlets/Alpha").text
    text = words(html)
    assert "1 article, dated 2026-03-02. Browse it · charts" in text and "from 2026-03-02 to" not in text
    assert "Download this article" in text and "these 1 article" not in text
    volume = html[html.index('id="volume-t"'):]
    volume = volume[:volume.index("</svg>")]
    labels = re.findall(r'text-anchor="end"[^>]*>([\d.]+)</text>', volume)
    assert labels == ["0", "1"], labels


def test_web_ui_home_summary_counts_the_articles_naming_no_outlet_apart(tmp_path):
    """A store of 2 articles from one outlet and 1 naming none read '3 articles from 1 outlet': the third
    came from no named outlet (the outlets page and the charts say so; the start page did not)."""
    from slant.store import open_store
    from tests.test_corpus_stats import build

    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        w.put(build("a", "Alpha", "2018-02-02", ["Doubt"], text="w0 a end."))
        w.put(build("b", "Alpha", "2018-02-06", ["Doubt"], text="w0 b end."))
        w.put(build("c", "", None, ["Doubt"], text="w0 c end."))
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c.get("/").text))
    assert ("2 articles from 1 outlet and 1 article naming no outlet (2018-02-02 to 2018-02-06; "
            "1 article without a known date)") in text, text
    assert "3 articles from 1 outlet" not in text


def test_web_ui_reading_view_entity_counts_say_mentions(client):
    """'person Ada Brook ×1' was a number without its meaning: the count is of mentions."""
    html = client.get("/articles/story-023").text
    people = html[html.index("People, organisations, places"):]
    people = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", people[:people.index("</ul>")]))
    assert "Ada Brook 1 mention" in people and "×" not in people


def test_web_ui_article_list_snippet_ends_in_an_ellipsis_only_where_the_text_goes_on(tmp_path):
    """A pasted one-paragraph text is its own headline: its list row showed a snippet of '…' alone, and a
    short text's whole body ended in '…' as if cut."""
    from slant.document import Document, Metadata
    from slant.store import open_store

    one_line = 'Mayor Ada Brook said the city will close two libraries. "We have no choice," Brook said.'
    short = "Libraries to close\n\nThe city will close two libraries next year, the mayor said."
    long = "Budget vote delayed\n\n" + "The council argued about the budget for hours. " * 12
    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        for doc_id, text in (("one", one_line), ("short", short), ("long", long)):
            w.put(Document(text, id=doc_id, meta=Metadata(title=text.split("\n")[0], outlet="Alpha")))
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        html = c.get("/articles").text
    snippets = {}
    for row in re.findall(r"<tr>.*?</tr>", html, flags=re.S):
        found = re.search(r'href="/articles/(\w+)"', row)
        if found:
            snip = re.search(r'<div class="snippet muted">(.*?)</div>', row, flags=re.S)
            snippets[found.group(1)] = snip.group(1) if snip else None
    assert snippets["one"] is None
    assert snippets["short"] == "The city will close two libraries next year, the mayor said."
    assert snippets["long"].startswith("The council argued") and snippets["long"].endswith("…")


def test_web_ui_story_page_counts_the_articles_naming_no_outlet_apart(tmp_path):
    """A story of one article from citynews and a copy naming no outlet read '2 articles in 1 outlet':
    the copy came from no named outlet."""
    from slant.store import open_store
    from tests.test_corpus_stats import build

    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        w.put(build("a", "Alpha", "2026-03-02", ["Doubt"], text="w0 the city will close two libraries next year."))
        w.put(build("b", "", None, ["Doubt"], text="w0 the city will close two libraries next year."))
        w.join_cluster("a")
        w.join_cluster("b", ["a"])
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c.get("/clusters/a").text))
    assert "1 article in 1 outlet and 1 article naming no outlet (1 article without a known date)" in text, text
    assert "2 articles in 1 outlet" not in text


def test_web_ui_travelling_quote_names_every_speaker_its_carriers_credit(client):
    """u14: "the numbers did not add up" read Tomas Vell alone (its first carrier's speaker) while
    story-023 gives it to Ada Brook: the stats page now names every person it is credited to, by
    articles, and says the articles disagree."""
    page = client.get("/stats").text
    section = page[page.index('id="h-travel"'):]
    row = section[section.index("the numbers did not add up"):]
    row = row[:row.index("</tr>")]
    assert ("Tomas Vell (16 articles); also credited to Ada Brook (8), Lina Osei (8)"
            "<br><strong>The articles carrying it disagree on who said it.</strong>") in row
    # its first-seen date is one unbroken line (it wrapped at the hyphen at 1400 px)
    assert '<td class="date" data-label="First seen">' in row


def test_web_ui_story_timeline_one_date_reads_as_one(tmp_path):
    """u14: a story whose articles all came out on one day was described to screen readers as
    '... from 2026-03-02 to 2026-03-02'; it reads ', dated 2026-03-02', as the outlet page says it."""
    from slant.store import open_store
    from tests.test_corpus_stats import build

    db = tmp_path / "corpus.db"
    with open_store(db) as s, s.session() as w:
        w.put(build("a", "Alpha", "2026-03-02", ["Doubt"], text="w0 the city will close two libraries next year."))
        w.put(build("b", "Beta", "2026-03-02", ["Doubt"], text="w0 the city will close two libraries next year."))
        w.join_cluster("a")
        w.join_cluster("b", ["a"])
    with TestClient(create_app(load_settings(env={}), db), raise_server_exceptions=False) as c:
        page = c.get("/clusters/a").text
    desc = re.search(r'<desc id="timeline-d">([^<]*)</desc>', page).group(1)
    assert desc == "2 articles in 2 outlets, dated 2026-03-02", desc
