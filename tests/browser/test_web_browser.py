"""A real browser (Debian's Chromium driven by Playwright) against `slant serve` on 127.0.0.1.

Opens the app, analyses the bundled example, checks the highlights (when the persuasion model is
installed) or the article and its metadata, the quotes panel (when the quotes component runs),
toggles a technique on a stored article, follows a filter in the explorer, and saves screenshots
to artifacts/screenshots/. Install the browser with scripts/install-browser.sh.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "putin-nato-daily-post.txt"
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
#: flags for headless Chromium as root in a container, with nothing phoning home
#: the first analysis may load the persuasion model (seconds on a loaded 2-core machine)
ANALYSIS_TIMEOUT_MS = 180_000
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]

playwright_sync = pytest.importorskip("playwright.sync_api", reason="pip install playwright==1.65.2")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: run scripts/install-browser.sh")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: phrases of the bundled example that the stand-in technique component marks (two overlap)
STAND_IN_SPANS = (("very defensive, very defensive alliance", "Repetition"),
                  ("devastated Middle Eastern countries", "Loaded_Language"),
                  ("Middle Eastern countries that were invaded", "Exaggeration-Minimisation"))


def _register_stand_in() -> str:
    """A technique component for when the persuasion model is not installed: marks STAND_IN_SPANS."""
    from slant.analyze.registry import register, registered
    from slant.document import Span

    name = "slant.test_techniques.v1"
    if name not in registered():
        @register(name, requires=("paragraphs",), provides=("techniques",))
        def make():
            def mark(doc):
                spans = []
                for phrase, label in STAND_IN_SPANS:
                    at = doc.text.find(phrase)
                    if at >= 0:
                        spans.append(Span(at, at + len(phrase), label, 0.8))
                doc.add_layer("techniques", spans)
                return doc
            return mark
    return name


def _components(settings) -> tuple[str, ...]:
    """The configured components; plus entities and quotes, and a stand-in when no technique model runs."""
    import importlib

    names = list(settings.analyze.components)
    for module, component in (("slant.analyze.entities", "slant.entities.v1"), ("slant.analyze.quotes", "slant.quotes.v1")):
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 - a component being built elsewhere may not import yet
            break
        if component not in names:
            names.append(component)
    if not any("persuasion" in n or "technique" in n for n in names):
        names.append(_register_stand_in())
    return tuple(names)


def _add_undated_article(ids: list[str], db) -> None:
    """An article read from a server path with no date found, and every article in a story cluster
    (as `slant ingest` files them): what a real corpus gives the explorer to show and to hide."""
    from slant.document import Document, Metadata, Span
    from slant.store import open_store

    text = ("Harbour pilots warn of a winter without ferries\n\nThe harbour pilots said the ferry timetable "
            "is a reckless betrayal of every family on the islands, and the so-called experts agreed.")
    doc = Document(text, id="pilots-undated", source="/srv/private/feeds/pilots.txt",
                   meta=Metadata(title=text.split("\n", 1)[0], outlet="Harbour Herald"))
    doc.set_paragraphs([Span(0, text.index("\n")), Span(text.index("The"), len(text))])
    at = text.index("a reckless betrayal")
    doc.add_layer("techniques", [Span(at, at + len("a reckless betrayal of every family"), "Loaded_Language", 0.997)])
    with open_store(db) as store, store.session() as session:
        session.put(doc)
        clustered = {r[0] for r in session.execute("SELECT doc_id FROM clusters")}
        for doc_id in [*ids, "pilots-undated"]:
            if doc_id not in clustered:
                session.join_cluster(doc_id)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on a demo store, served by uvicorn in a thread on a free port."""
    import uvicorn

    from slant.analyze.process import make_pipeline
    from slant.settings import load_settings
    from slant.web.app import create_app
    from slant.web.demo import make_demo_store

    db = tmp_path_factory.mktemp("web") / "corpus.db"
    _add_undated_article(make_demo_store(db), db)
    settings = load_settings(env={})
    settings = settings.with_overrides(analyze={"components": _components(settings)})
    make_pipeline(settings)  # load any model before the browser waits on it
    app = create_app(settings, db)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.problems = problems  # type: ignore[attr-defined]
    yield pg
    context.close()


#: every visible form control has an accessible name, the page a language and exactly one h1
A11Y_PROBLEMS_JS = """() => {
  const out = [];
  if (!document.documentElement.lang) out.push('no lang on <html>');
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) out.push(h1 + ' h1 elements');
  document.querySelectorAll('input, select, textarea, button').forEach(el => {
    if (el.type === 'hidden') return;
    const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') ||
                  el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.textContent.trim());
    if (!named) out.push('unnamed ' + el.tagName + ' ' + (el.name || el.id));
  });
  document.querySelectorAll('svg[role=img]').forEach(svg => {
    if (!svg.getAttribute('aria-labelledby')) out.push('chart without a name');
  });
  return out;
}"""


def _accessible(pg) -> None:
    assert pg.evaluate(A11Y_PROBLEMS_JS) == [], pg.url


def _shot(pg, name: str, *, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def test_web_browser_analyses_the_bundled_example(server, page):
    page.goto(server + "/")
    page.fill("#text", EXAMPLE.read_text("utf-8"))
    _accessible(page)
    _shot(page, "01-home")
    page.click("#analyse-button")
    # the first analysis loads the models when they are installed: give it time on a small machine
    page.wait_for_selector("#doc-title", state="attached", timeout=ANALYSIS_TIMEOUT_MS)
    assert "Putin Flicks NATO" in page.inner_text("#doc-title")
    assert "President Vladimir Putin poked fun at NATO" in page.inner_text("#article-body")
    marks = page.locator("#article-body mark.hl")
    legend = page.locator("#legend")
    if marks.count():  # the persuasion model is installed: highlights and their legend
        assert legend.locator("input[data-toggle]").count() >= 1
        marks.first.click()
        assert page.inner_text("#explain-body").strip()
    else:
        assert "No technique layer" in legend.inner_text() or "No persuasion techniques" in legend.inner_text()
    quotes = page.locator("#quotes")
    if quotes.locator("blockquote").count():
        assert "peaceful organization" in quotes.inner_text()
    else:
        assert "quotes" in quotes.inner_text().lower()
    assert "<text>" not in page.inner_text(".doc-head .meta")  # a pasted article has no file to name
    _accessible(page)
    _shot(page, "02-reading-example")
    assert not [p for p in page.problems if "Content Security Policy" in p or "Refused" in p], page.problems


def test_web_browser_toggles_a_technique(server, page):
    page.goto(server + "/articles/story-000")
    boxes = page.locator("#legend input[data-toggle]")
    assert boxes.count() >= 3
    label = boxes.first.get_attribute("data-toggle")
    covering = page.locator(f'#article-body mark.hl[data-labels~="{label}"]')
    assert covering.count() >= 1
    # highlights really are coloured (the CSP allows the palette's inline colours)
    colour = covering.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), colour
    covering.first.focus()
    assert page.inner_text("#explain-body").strip()
    _accessible(page)
    _shot(page, "03-reading-stored")
    boxes.first.uncheck()
    only_this = page.locator(f'#article-body mark.hl[data-labels="{label}"]')
    assert only_this.count() >= 1
    expect = playwright_sync.expect
    expect(only_this.first).to_have_class(re.compile(r"\boff\b"))
    boxes.first.check()
    expect(only_this.first).not_to_have_class(re.compile(r"\boff\b"))
    # keyboard: ] steps to the next highlight and explains it; Tab reaches the highlights
    page.locator("body").press("]")
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    page.goto(server + "/articles/story-000")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "MARK":
            break
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    assert "probability" in page.inner_text("#explain-body")
    _shot(page, "04-reading-toggled")
    assert not page.problems, page.problems


def test_web_browser_follows_a_filter_in_the_explorer(server, page):
    page.goto(server + "/articles")
    total_before = int(re.search(r"([\d,]+) article", page.inner_text("#result-count")).group(1).replace(",", ""))
    page.select_option("#f-outlet", "Daily Lantern")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"outlet=Daily\+Lantern"))
    text = page.inner_text("#result-count")
    total_after = int(re.search(r"([\d,]+) article", text).group(1).replace(",", ""))
    assert 0 < total_after < total_before
    assert "Daily Lantern" in text
    _accessible(page)
    _shot(page, "05-explorer-filtered")
    page.click("text=charts for these articles")
    page.wait_for_selector("svg.chart")
    assert page.locator("svg.chart").count() >= 2
    _accessible(page)
    _shot(page, "06-charts")
    page.goto(server + "/clusters")
    page.locator("table.list a").first.click()
    page.wait_for_selector("svg.chart")
    _accessible(page)
    _shot(page, "07-cluster-timeline")
    page.goto(server + "/outlets/Harbour%20Herald")
    _accessible(page)
    _shot(page, "08-outlet")
    assert not page.problems, page.problems


def test_web_browser_hostile_article_runs_no_script(server, page):
    """A pasted article full of markup shows as text and never runs anything."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = ("Hostile <script>alert('title')</script> headline\n\n"
               "Body <img src=x onerror=alert('img')> and <svg onload=alert('svg')></svg> and "
               "<a href=javascript:alert('a')>link</a> with \"quotes\" and 'apostrophes'.")
    page.goto(server + "/")
    page.fill("#text", hostile)
    page.click("#analyse-button")
    page.wait_for_selector("#article-body", timeout=ANALYSIS_TIMEOUT_MS)
    assert "<img src=x onerror=alert('img')>" in page.inner_text("#article-body")
    # the only links are the page's own: paragraph-tag chips pointing inside the page
    assert page.locator("#article-body img, #article-body svg, #article-body script, "
                        "#article-body a:not(.chip)").count() == 0
    hrefs = page.locator("#article-body a.chip").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert all(h.startswith("#") for h in hrefs)
    page.wait_for_timeout(300)
    assert dialogs == []
    _shot(page, "09-hostile-article")


# -- desktop and phone widths ---------------------------------------------------------------------
SIZES = {"desktop": {"viewport": {"width": 1400, "height": 900}},
         "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
                   "device_scale_factor": 2}}


@pytest.fixture(params=list(SIZES))
def sized(browser, request):
    """A page at desktop width (1400 px) or phone width (390 px, touch)."""
    context = browser.new_context(accept_downloads=True, **SIZES[request.param])
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.problems = problems  # type: ignore[attr-defined]
    pg.size = request.param  # type: ignore[attr-defined]
    yield pg
    context.close()


#: how far the page is wider than the window (0: nothing sticks out; wide tables and charts scroll in their box).
#: Measured against the layout width (clientWidth): a phone browser widens innerWidth to a page that is too wide
OVERFLOW_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"

#: per chart: text drawn outside the chart (cut off), the smallest text as shown (px), raw technique ids
CHART_PROBLEMS_JS = """() => Array.from(document.querySelectorAll('svg.chart')).map(svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const texts = Array.from(svg.querySelectorAll('text'));
  const cut = texts.filter(t => {
    const r = t.getBoundingClientRect();
    return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1);
  }).map(t => t.textContent);
  const smallest = Math.min(...texts.map(t => parseFloat(t.getAttribute('font-size') || '12') * scale));
  const ids = texts.map(t => t.textContent).filter(s => /[A-Za-z]_[A-Za-z]/.test(s));
  return {id: svg.id || svg.getAttribute('aria-labelledby'), cut, smallest, ids,
          text: texts.map(t => t.textContent).join(' | ')};
})"""


def _doc_ids_listed(pg) -> set[str]:
    """The article ids of every page of the list shown, following the pager."""
    ids: set[str] = set()
    while True:
        hrefs = pg.eval_on_selector_all("table.articles td.title > a", "els => els.map(e => e.getAttribute('href'))")
        ids |= {h.removeprefix("/articles/") for h in hrefs}
        nxt = pg.locator("a[rel=next]")
        if not nxt.count():
            return ids
        nxt.first.click()
        pg.wait_for_load_state()


def test_web_browser_list_and_its_filtered_export(server, sized):
    """The list fits the width (cards on a phone); the JSONL downloaded from the filtered list holds exactly its articles."""
    pg = sized
    pg.goto(server + "/articles")
    assert pg.evaluate(OVERFLOW_JS) <= 0
    if pg.size == "phone":  # the filters fold under the search box until asked for
        expect = playwright_sync.expect
        expect(pg.locator("#f-technique")).to_be_hidden()
        pg.click("button.more-filters")
    pg.select_option("#f-technique", "Doubt")
    pg.click("form.filters button[type=submit]")
    pg.wait_for_url(re.compile(r"technique=Doubt"))
    count = int(re.search(r"([\d,]+) articles? matching", pg.inner_text("#result-count")).group(1))
    assert pg.evaluate(OVERFLOW_JS) <= 0
    if pg.size == "phone":  # rows are cards: every cell inside the window, labelled by its column
        widths = pg.eval_on_selector_all("table.articles tr", "els => els.map(e => e.getBoundingClientRect().right)")
        assert max(widths) <= 390
        assert "Technique spans:" in pg.evaluate("getComputedStyle(document.querySelector('td[data-label=\"Technique spans\"]'), '::before').content").replace('"', "") + ":"
    _accessible(pg)
    pg.evaluate("document.getElementById('result-count').scrollIntoView()")
    _shot(pg, f"web-list-filtered-{pg.size}", full_page=False)
    start = pg.url
    listed = _doc_ids_listed(pg)
    assert len(listed) == count > 0
    pg.goto(start)
    pg.click("details.downloads summary")
    link = pg.locator('details.downloads a[href*="/exports/documents?"][href*="format=jsonl"]')
    with pg.expect_download() as download:
        link.click()
    exported = [json.loads(line)["doc_id"] for line in Path(download.value.path()).read_text("utf-8").splitlines()]
    assert sorted(exported) == sorted(listed)
    assert download.value.suggested_filename == "slant-documents-filtered.jsonl"
    assert not pg.problems, pg.problems


def test_web_browser_reading_view_explains_where_the_reader_taps(server, sized):
    pg = sized
    pg.goto(server + "/articles/story-003")
    assert pg.evaluate(OVERFLOW_JS) <= 0
    marks = pg.locator("#article-body mark.hl")
    target = marks.nth(marks.count() - 1)  # the last highlight: on a phone, far above the side panel
    target.scroll_into_view_if_needed()
    if pg.size == "phone":
        target.tap()
    else:
        target.click()
    explain = pg.locator("#explain")
    expect = playwright_sync.expect
    expect(explain).to_be_visible()
    assert re.search(r"probability \d+%", pg.inner_text("#explain-body"))
    box, mark = explain.bounding_box(), target.bounding_box()
    height = pg.viewport_size["height"]
    assert box["y"] >= 0 and box["y"] + min(box["height"], 200) <= height, (box, height)  # in view
    if pg.size == "phone":
        # just under the tapped paragraph, not 3,000 px further down
        assert mark["y"] + mark["height"] - 2 <= box["y"] <= mark["y"] + mark["height"] + 400, (mark, box)
        _shot(pg, "web-reading-tapped-phone", full_page=False)
        pg.click("#explain-close")
        expect(explain).to_be_hidden()
        marks.first.scroll_into_view_if_needed()
        marks.first.tap()
        expect(explain).to_be_visible()
        first_box = marks.first.bounding_box()
        assert first_box["y"] <= explain.bounding_box()["y"] <= first_box["y"] + first_box["height"] + 400
    else:
        assert box["x"] > mark["x"] + mark["width"]  # in the side panel beside the text
        _shot(pg, "web-reading-tapped-desktop", full_page=False)
    _accessible(pg)
    assert not pg.problems, pg.problems


def test_web_browser_search_marks_matches_and_explains_itself(server, sized):
    pg = sized
    pg.goto(server + "/articles")
    pg.fill("#f-q", '"water plan" OR bridge')
    pg.click("form.filters button[type=submit]")
    pg.wait_for_url(re.compile(r"q="))
    matches = pg.locator("table.articles mark.match")
    assert matches.count() >= 2
    shown = {t.lower() for t in matches.all_inner_texts()}
    assert shown <= {"water plan", "bridge", "water", "plan"} and shown
    assert pg.eval_on_selector("#f-sort", "s => s.selectedOptions[0].textContent").startswith("best match first")
    pg.click("details.search-help summary")
    assert "either word" in pg.inner_text("details.search-help")
    assert pg.evaluate(OVERFLOW_JS) <= 0
    _accessible(pg)
    if pg.size == "phone":
        pg.evaluate("document.getElementById('f-q').scrollIntoView()")
    _shot(pg, f"web-search-{pg.size}", full_page=False)
    pg.goto(server + "/articles?page=9999")
    assert "There is no page 9,999" in pg.inner_text("main")
    pg.click("text=Go to the last page")
    assert pg.locator("table.articles tbody tr").count() >= 1
    assert not pg.problems, pg.problems


def test_web_browser_charts_stay_readable(server, sized):
    pg = sized
    pg.goto(server + "/stats")
    assert pg.evaluate(OVERFLOW_JS) <= 0
    charts = pg.evaluate(CHART_PROBLEMS_JS)
    assert len(charts) == 3
    for chart in charts:
        assert chart["cut"] == [], chart  # no label drawn outside its chart
        assert chart["smallest"] >= 9.5, chart  # text keeps a readable size at any width
        assert chart["ids"] == [], chart  # technique names, not their ids
    assert sum("spans per article" in c["text"] for c in charts) == 2  # units written on the charts
    note = pg.inner_text("#time-note")
    assert re.search(r"\d+ dated articles \(1 article without a known date not shown\)", note), note
    _accessible(pg)
    if pg.size == "phone":
        for section in ("heat", "time", "speakers"):
            pg.evaluate(f"document.getElementById('h-{section}').scrollIntoView()")
            _shot(pg, f"web-charts-{section}-phone", full_page=False)
    else:
        _shot(pg, "web-charts-desktop")
    pg.goto(server + "/clusters")
    pg.locator("table.list a").first.click()
    pg.wait_for_selector("svg.chart")
    assert pg.evaluate(OVERFLOW_JS) <= 0
    assert all(c["cut"] == [] and c["smallest"] >= 9.5 for c in pg.evaluate(CHART_PROBLEMS_JS))
    assert re.search(r"\b2 articles in 2 outlets\b", pg.inner_text("main"))
    pg.goto(server + "/outlets/Harbour%20Herald")
    assert pg.evaluate(OVERFLOW_JS) <= 0
    assert all(c["cut"] == [] and c["smallest"] >= 9.5 for c in pg.evaluate(CHART_PROBLEMS_JS))
    assert "/srv/private" not in pg.content()
    _shot(pg, f"web-outlet-{pg.size}", full_page=pg.size == "desktop")
    assert not pg.problems, pg.problems


def test_web_browser_api_page_lists_parameters(server, sized):
    pg = sized
    pg.goto(server + "/api")
    assert pg.evaluate(OVERFLOW_JS) <= 0
    section = pg.locator("#get-api-v1-exports-table")
    assert "Export a table" in section.inner_text() and "technique" in section.inner_text()
    # every parameter's description is read whole: on a phone the rows are cards, nothing hides to the right
    width = pg.viewport_size["width"]
    rights = pg.eval_on_selector_all("table.params td", "els => els.map(e => e.getBoundingClientRect().right)")
    assert rights and max(rights) <= width, (max(rights), width)
    section.scroll_into_view_if_needed()
    pg.evaluate("document.getElementById('get-api-v1-articles').scrollIntoView()")
    _shot(pg, f"web-api-{pg.size}", full_page=False)
    _accessible(pg)
    assert not pg.problems, pg.problems


def test_web_browser_analyze_html_fits_a_phone(browser, tmp_path):
    """`slant analyze --format html` read on a phone: the quotes and claims tables become cards
    (their six columns made the page 481 px wide at 390 px, the quotes cut off at the right)."""
    from typer.testing import CliRunner

    from slant.cli import app

    out = tmp_path / "example.html"
    result = CliRunner().invoke(app, ["analyze", str(EXAMPLE), "-f", "html", "-o", str(out), "-q",
                                      "-c", "slant.entities.v1,slant.quotes.v1,slant.claims.v1"])
    assert result.exit_code == 0, result.output
    for size in ("phone", "desktop"):
        context = browser.new_context(**SIZES[size])
        pg = context.new_page()
        pg.goto(out.as_uri())
        assert pg.locator(".quotes tbody tr").count() >= 5 and pg.locator(".claims tbody tr").count() >= 3
        assert pg.evaluate(OVERFLOW_JS) <= 0, size
        width = pg.evaluate("document.documentElement.clientWidth")
        rights = pg.eval_on_selector_all(".quotes td, .claims td", "els => els.map(e => e.getBoundingClientRect().right)")
        assert max(rights) <= width, (size, max(rights), width)
        if size == "phone":
            label = pg.evaluate("getComputedStyle(document.querySelector('.quotes td[data-label=Cue]'), '::before').content")
            assert "Cue:" in label
            pg.locator(".quotes").scroll_into_view_if_needed()
            _shot(pg, "analyze-html-quotes-phone", full_page=False)
        context.close()


def test_web_browser_analyze_html_genre_and_frames_stack_on_a_phone(browser, tmp_path):
    """Genre and frames sat side by side at 390 px: each list 160 px wide, "External regulation and
    reputation" wrapped over three lines. On a phone they stack; on a desktop they stay side by side."""
    from slant.document import Document, Label, Span
    from slant.render.html import render_html

    text = "Harbour talks\n\nThe harbour board met on Monday and agreed a new timetable for the winter ferries."
    doc = Document(text, id="labels")
    doc.set_paragraphs([Span(0, 13), Span(15, len(text))])
    doc.set_labels("genre", [Label("reporting", 0.9, True), Label("opinion", 0.06), Label("satire", 0.04)])
    doc.set_labels("frames", [Label("External_regulation_and_reputation", 0.9972, True),
                              Label("Legality_Constitutionality_and_jurisprudence", 0.21)])
    out = tmp_path / "labels.html"
    out.write_text(render_html([doc]), encoding="utf-8")
    for size in ("phone", "desktop"):
        context = browser.new_context(**SIZES[size])
        pg = context.new_page()
        pg.goto(out.as_uri())
        boxes = pg.eval_on_selector_all(".labels", "els => els.map(e => { const r = e.getBoundingClientRect();"
                                                   " return {top: r.top, bottom: r.bottom, width: r.width}; })")
        body = pg.eval_on_selector(".body", "e => e.getBoundingClientRect().width")
        genre, frames = boxes
        if size == "phone":
            assert frames["top"] >= genre["bottom"] - 1, boxes
            assert min(genre["width"], frames["width"]) >= 0.9 * body, (boxes, body)
            pg.locator(".labels").first.scroll_into_view_if_needed()
        else:
            assert abs(frames["top"] - genre["top"]) < 2, boxes
        assert pg.evaluate(OVERFLOW_JS) <= 0, size
        context.close()


def test_web_browser_explanation_reads_a_near_certain_score(server, page):
    """A highlight at 0.997 is written ">99%" (never "100%"); the explanation's pattern took only
    digits, so it showed "Loaded language (>99%)" as the technique's name and no probability. The
    probability now says what it is the chance of."""
    page.goto(server + "/articles/pilots-undated")
    page.locator("#article-body mark.hl").first.click()
    body = page.inner_text("#explain-body")
    assert page.inner_text("#explain-body strong") == "Loaded language"
    assert "probability >99% that annotators would mark these words with this technique" in " ".join(body.split())
