import html
import math
import re

import pytest
from slant.document import Label, Span
from slant.render.html import render_html
from slant.render.text import render_text
from rich.console import Console


def _annotated(doc):
    text = doc.text
    s = text.index("First")
    doc.add_layer("techniques", [Span(s, s + 10, "Loaded_Language", 0.9), Span(s + 6, s + 20, "Doubt", 0.7)])
    doc.add_layer("paragraph_techniques", [Span(doc.paragraphs[1].start, doc.paragraphs[1].end, "Doubt", 0.7)])
    doc.set_labels("genre", [Label("opinion", 0.8, True), Label("reporting", 0.2)])
    return doc


def test_render_html_is_standalone_and_shows_overlaps(hand_doc):
    page = render_html([_annotated(hand_doc)])
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page and "https://" not in page and "<link" not in page
    # the overlapping part carries both labels and is marked as multi
    assert 'class="hl multi"' in page and 'data-labels="Loaded_Language Doubt"' in page
    assert "Loaded language" in page and "Opinion" in page
    assert 'data-toggle="Doubt"' in page


def test_render_html_escapes_hostile_text(tmp_path):
    from tests.conftest import make_doc

    raw = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)> body\n"
    doc = make_doc(raw, [(0, raw.index("\n")), (raw.index("<img"), len(raw) - 1)])
    page = render_html([doc])
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_render_text_mentions_labels_and_paragraph_techniques(hand_doc):
    console = Console(record=True, width=100)
    console.print(render_text(_annotated(hand_doc)))
    out = console.export_text()
    assert "Opinion" in out and "⟶ Doubt" in out and "Techniques in this article" in out


def _quoted_doc():
    from tests.conftest import make_doc

    raw = ("Talks\n\n“We will not yield,” Vladimir Putin said, as quoted by Russia Today. "
           "Putin added that the West <b>lies</b>.\n")
    body = raw.index("“")
    doc = make_doc(raw, [(0, 5), (body, len(raw) - 1)])
    text = doc.text

    def at(s, nth=0):
        i = -1
        for _ in range(nth + 1):
            i = text.index(s, i + 1)
        return i, i + len(s)

    vp, putin2, rt = at("Vladimir Putin"), at("Putin", 1), at("Russia Today")
    entity = "per:vladimir-putin"
    doc.add_layer("entities", [
        Span(*vp, "PER", attrs={"entity": entity, "canonical": "Vladimir Putin"}),
        Span(*putin2, "PER", attrs={"entity": entity, "canonical": "Vladimir Putin"}),
        Span(*rt, "ORG", attrs={"entity": "org:russia-today", "canonical": "Russia Today"}),
    ])
    q1, q2 = at("We will not yield,"), at("the West <b>lies</b>")
    speaker1 = {"text": "Vladimir Putin", "start": vp[0], "end": vp[1], "entity": entity, "canonical": "Vladimir Putin"}
    speaker2 = {"text": "Putin", "start": putin2[0], "end": putin2[1], "entity": entity, "canonical": "Vladimir Putin"}
    doc.add_layer("quotes", [
        Span(*q1, "direct", attrs={"kind": "direct", "cue": list(at("said")), "speaker": speaker1,
                                   "relay": {"name": "Russia Today", "start": rt[0], "end": rt[1]}}),
        Span(*q2, "indirect", attrs={"kind": "indirect", "cue": list(at("added")), "speaker": speaker2, "relay": None}),
    ])
    return doc


def test_render_html_links_speakers_and_quotes_both_ways():
    page = render_html([_quoted_doc()])
    # each quote is numbered in the text, and the number links to its table row and back
    assert page.count('class="qn" id="d1-q1" href="#d1-row1"') == 1
    assert 'id="d1-q2" href="#d1-row2"' in page
    assert '<tr id="d1-row1"><td class="n"><a href="#d1-q1"' in page and '<tr id="d1-row2">' in page
    # the speaker's mention in the text links to what they said
    assert '<a class="spk" href="#d1-q1" data-quotes="Q1" title="speaker of Q1">Vladimir Putin</a>' in page
    assert '<a class="spk" href="#d1-q2" data-quotes="Q2" title="speaker of Q2">Putin</a>' in page
    assert '<span class="cue" title="attribution cue">said</span>' in page
    row2 = page[page.index('<tr id="d1-row2">'):]
    row2 = row2[:row2.index("</tr>")]
    assert "Vladimir Putin" in row2 and "added" in row2 and "as “" not in row2  # "Putin" is part of the name
    assert '<td data-label="Relayed by">Russia Today</td>' in page  # the relay of the first quote
    # quoted text stays escaped inside the quote markup
    assert "&lt;b&gt;lies&lt;/b&gt;" in page and "<b>lies</b>" not in page


def test_render_entities_are_grouped_with_their_mentions_and_quotes():
    from slant.render.summary import entity_summary

    doc = _quoted_doc()
    summary = entity_summary(doc)
    assert [(g["type"], g["canonical"], g["mentions"], g["quotes"]) for g in summary] == [
        ("PER", "Vladimir Putin", 2, 2), ("ORG", "Russia Today", 1, 0)]
    assert summary[0]["forms"] == ["Vladimir Putin", "Putin"]
    page = render_html([doc])
    panel = page[page.index('<section class="entities">'):]
    # the counts say what they count ('2×' was a number without its meaning)
    assert "<h4>People</h4>" in panel
    assert 'Vladimir Putin <span class="n">2 mentions</span><span class="said">, 2 quotes</span>' in panel
    assert 'Russia Today <span class="n">1 mention</span></li>' in panel and "×" not in panel
    assert "<h4>Organisations</h4>" in panel
    console = Console(record=True, width=120)
    console.print(render_text(doc))
    out = console.export_text()
    assert "Named in this article" in out and "Who said what" in out and "Russia Today" in out


def test_render_date_evidence_and_removed_lines_in_plain_words():
    from slant.clean import clean_record
    from slant.ingest.record import RawRecord

    raw = ("Ministers meet\n\nWe use cookies and similar technologies to personalise content and ads. "
           "By continuing to browse you agree.\n\nThe ministers met on Monday and agreed a plan.\n")
    doc = clean_record(RawRecord(id="x", source="x.jsonl:1", raw=raw, input_format="jsonl",
                                 published="2022-02-08T14:05:00+01:00"))
    page = render_html([doc])
    assert "2022-02-08 14:05 UTC+01:00" in page  # the time as the web reading view writes it
    assert "JSONL field" in page and "jsonl:published" not in page
    assert "consent banner" in page and "speaks to the reader" in page
    console = Console(record=True, width=200)
    console.print(render_text(doc))
    out = console.export_text()
    assert "JSONL field" in out and "jsonl:published" not in out


def test_render_technique_colours_are_the_six_family_hues():
    from slant.analyze.taxonomy import FAMILY_COLOURS, TECHNIQUE_NAMES, family
    from slant.render.html import _palette

    colours = _palette(TECHNIQUE_NAMES)
    assert {family(t) for t in TECHNIQUE_NAMES} == set(FAMILY_COLOURS)
    assert len(set(colours.values())) == 6
    assert colours["Doubt"] == colours["Name_Calling-Labeling"] != colours["Loaded_Language"]


def test_render_clip_cuts_at_a_word_and_says_so():
    from slant.render.summary import clip
    assert clip("a short   line", 40) == "a short line"
    assert clip("How much of that is actually true, many citizens can learn", 30) == "How much of that is actually…"
    assert len(clip("x" * 100, 20)) == 20  # one long word is cut inside it, still within the limit


def test_render_quote_in_two_parts_shows_its_words_not_the_attribution():
    from slant.document import Document
    text = '"My goal is to freeze the game," Macron said. "This goal for me is fulfilled."'
    doc = Document.from_text(text) if hasattr(Document, "from_text") else Document(id="d", text=text)
    first, second = (1, 31), (47, 77)
    span = doc.char_span(first[0], second[1], "direct", alignment="expand",
                         parts=[list(first), list(second)])
    assert doc.parts_text(span) == "My goal is to freeze the game, … This goal for me is fulfilled."


def test_render_html_quote_table_shows_parts_not_the_attribution_between():
    from slant.document import Document
    from slant.render.html import render_html
    text = '"My goal is to freeze the game," Macron said. "This goal for me is fulfilled."'
    doc = Document(text, id="d")
    span = doc.char_span(1, 77, "direct", alignment="expand", parts=[[1, 31], [47, 77]],
                         speaker={"text": "Macron", "canonical": "Emmanuel Macron"})
    doc.add_layer("quotes", [span])
    page = render_html([doc])
    assert "My goal is to freeze the game, … This goal for me is fulfilled." in page


def test_render_paragraph_tags_say_likely_or_possible_and_link_to_their_words(hand_doc):
    doc = hand_doc
    par = doc.paragraphs[1]
    words = doc.text.index("First")
    doc.add_layer("paragraph_techniques", [
        Span(par.start, par.end, "Doubt", 0.71, {"evidence": {"start": words, "end": words + 10, "score": 0.4}}),
        Span(par.start, par.end, "Loaded_Language", 0.32),
    ])
    page = render_html([doc])
    # the likely tag links to an anchor placed where the words carrying it begin
    assert 'class="chip likely" href="#d1-e1"' in page and "likely 71%" in page
    import re

    at = page.index('<span class="en" id="d1-e1"></span>')
    assert re.sub(r"<[^>]+>", "", page[at:at + 400]).startswith(doc.text[words:words + 10])
    # the possible tag has no evidence: a plain chip, said to be possible
    assert 'class="chip possible"' in page and "possible 32%" in page
    console = Console(record=True, width=120)
    console.print(render_text(doc))
    out = console.export_text()
    assert "⟶ Doubt in this paragraph: likely 71%" in out and "⟶ Loaded language in this paragraph: possible 32%" in out


def test_render_charts_over_time_and_counts_share_one_axis():
    """The stats chart and the outlet timeline bucket time one way (charts.time_axis): 13 years of
    months become quarters, as in `slant report`."""
    from slant.render.charts import counts_over_time, per_article_over_time, time_axis

    by_month = [{"month": "2010-02", "technique": "Doubt", "spans": 3},
                {"month": "2022-11", "technique": "Doubt", "spans": 1}]
    per_month = {"2010-02": 2, "2010-03": 1, "2022-11": 1, "2009-12": 5}
    axis, period, spans, articles, series = per_article_over_time(by_month, per_month, ["Doubt"])
    unit, counted_axis, counts = counts_over_time({"2010-02": 2, "2010-03": 1, "2022-11": 1})
    assert period == unit == time_axis("2010-02", "2022-11")[0] == "quarter"
    assert axis == counted_axis and (axis[0], axis[-1], len(axis)) == ("2010-Q1", "2022-Q4", 52)
    assert (articles[0], counts[0], spans["Doubt"][0], series["Doubt"][0]) == (3, 3, 3, 1.0)
    assert sum(articles) == 4  # 2009-12 lies before the first month with a technique
    assert per_article_over_time([], per_month, ["Doubt"])[:2] == ([], "month")
    assert counts_over_time({}) == ("month", [], [])


def test_render_charts_over_time_leave_a_gap_where_no_article_was_published():
    """A month without articles has no rate: the web chart breaks its lines there, as the report
    does, instead of drawing a false zero (11 dated articles over 10 months drew 5 zeros)."""
    from slant.render.charts import lines, per_article_over_time

    by_month = [{"month": "2018-02", "technique": "Doubt", "spans": 6},
                {"month": "2018-05", "technique": "Doubt", "spans": 2}]
    axis, _, _, articles, series = per_article_over_time(by_month, {"2018-02": 3, "2018-05": 1}, ["Doubt"])
    assert axis == ["2018-02", "2018-03", "2018-04", "2018-05"] and articles == [3, 0, 0, 1]
    assert series["Doubt"] == [2.0, None, None, 2.0]
    svg = str(lines(axis, series, title="t", ident="x", counts=articles))
    assert svg.count("<circle") == 2 and "<polyline" not in svg  # two points, no line across the gap


@pytest.mark.parametrize("top,ticks", [(27.2, [0, 10, 20, 30]), (127, [0, 50, 100, 150]), (1, [0, 0.2, 0.4, 0.6, 0.8, 1]),
                                       (0.667, [0, 0.2, 0.4, 0.6, 0.8]), (3, [0, 1, 2, 3]), (0.0038, [0, 0.001, 0.002, 0.003, 0.004])])
def test_render_charts_value_axis_takes_round_steps(top, ticks):
    """Ticks a reader takes in at a glance (0, 10, 20, 30), not quarters of the largest value
    (0, 6.8, 13.6, 20.4, 27.2 on the report of 530 real articles)."""
    from slant.render.charts import lines, nice_scale

    assert nice_scale(top) == (ticks[-1], ticks)
    svg = str(lines(["2018-01", "2018-02"], {"Doubt": [top, top / 2]}, title="t", ident="x"))
    labels = re.findall(r'text-anchor="end"[^>]*>([\d.]+(?:e-?\d+)?)</text>', svg)
    assert labels == [f"{t:g}" for t in ticks]


@pytest.mark.parametrize("top", [1e-12, 3.3e-7, 1e15, 1e308, 1.7e308, 1e-320, 5e-324])
def test_render_charts_value_axis_holds_at_any_scale(top):
    """Rates of 1e-12 rounded every tick to 0 (and the chart divided by zero); 1.7e308 overflowed."""
    from slant.render.charts import lines, nice_scale

    axis_top, ticks = nice_scale(top)
    assert ticks[0] == 0 and ticks[-1] == axis_top and math.isfinite(axis_top) and axis_top >= top
    assert all(a < b for a, b in zip(ticks, ticks[1:])) and 2 <= len(ticks) <= 6
    svg = str(lines(["2018-01", "2018-02"], {"Doubt": [top, top / 2]}, title="t", ident="x"))
    assert "nan" not in svg and "inf" not in svg


@pytest.mark.parametrize("top", [float("inf"), float("nan"), 0, -2.0])
def test_render_charts_value_axis_without_a_scale_runs_0_to_1(top):
    from slant.render.charts import lines, nice_scale

    assert nice_scale(top) == (1.0, [0, 0.25, 0.5, 0.75, 1.0])
    assert "<svg" in str(lines(["2018-01", "2018-02"], {"Doubt": [0.5, 0.2]}, title="t", ident="x", ymax=top))


def test_render_charts_nice_scale_docstring_examples_hold():
    from slant.render.charts import nice_scale

    assert nice_scale(1) == (1.0, [0, 0.2, 0.4, 0.6, 0.8, 1.0])
    assert "1 -> 1 by 0.2;" in nice_scale.__doc__


def test_render_charts_one_period_stands_in_the_middle():
    from slant.render.charts import LINES_WIDTH, lines

    svg = str(lines(["2018"], {"Doubt": [2.0]}, title="t", ident="x"))
    x = float(re.search(r'<circle cx="([\d.]+)"', svg).group(1))
    assert LINES_WIDTH * 0.4 < x < LINES_WIDTH * 0.7
    assert float(re.search(r'<line x1="([\d.]+)"', svg).group(1)) < LINES_WIDTH * 0.2  # the axis stays left


def test_render_quotes_show_the_cue_and_mark_document_sources():
    # "Moscow | sent | a series of proposals" reads as an act; a text or data source says it is one
    from slant.document import Document

    text = "Papers leaked last week show that the ministers rejected the offer. Moscow sent new proposals to Kyiv."
    doc = Document(text)
    doc.set_paragraphs([Span(0, len(text))])
    doc.add_layer("quotes", [
        Span(34, 66, "indirect", None, {"kind": "indirect", "cue": [24, 28], "relay": None, "speaker": {
            "text": "Papers leaked last week", "start": 0, "end": 23, "entity": None,
            "canonical": "Papers leaked last week", "kind": "document"}}),
        Span(80, 101, "indirect", None, {"kind": "indirect", "cue": [75, 79], "relay": None, "speaker": {
            "text": "Moscow", "start": 68, "end": 74, "entity": "loc:moscow", "canonical": "Moscow"}}),
    ])
    console = Console(record=True, width=160)
    console.print(render_text(doc))
    out = console.export_text()
    table = out[out.index("Who said what"):]
    # the speaker cell: the name (wrapped), then the cue words under it
    first = " ".join(line.split("│")[1].strip() for line in table.splitlines() if line.startswith("│"))
    assert "Papers leaked last week (document) show" in first and "Moscow sent" in first
    assert "Moscow (document)" not in out
    assert "Papers leaked last week (document)" in render_html([doc])


def _labelled(doc):
    """The bundled example's shape: a frame at 0.9972, a likely paragraph tag carried by a weak span."""
    doc.set_labels("genre", [Label("reporting", 0.9, True), Label("opinion", 0.06), Label("satire", 0.04)])
    doc.set_labels("frames", [Label("External_regulation_and_reputation", 0.9972, True),
                              Label("Political", 0.91, True), Label("Morality", 0.003)])
    par = doc.paragraphs[1]
    at = doc.text.index("real")
    doc.add_layer("techniques", [Span(at, at + 4, "Flag_Waving", 0.146),
                                 Span(doc.paragraphs[2].start, doc.paragraphs[2].end, "Appeal_to_Fear-Prejudice", 0.13)])
    doc.add_layer("paragraph_techniques", [Span(par.start, par.end, "Flag_Waving", 0.5153,
                                                {"evidence": {"start": at, "end": at + 4, "score": 0.146}})])
    return doc


def _text_report(doc) -> str:
    console = Console(record=True, width=100)
    console.print(render_text(doc))
    return console.export_text()


def test_no_view_prints_a_probability_of_100_or_0_percent(hand_doc):
    """A calibrated 0.9972 printed as "100%" reads as certainty; it reads ">99%" (and 0.003 "<1%")."""
    doc = _labelled(hand_doc)
    out = _text_report(doc)
    page = html.unescape(re.sub(r"(?s)<style>.*?</style>|<script>.*?</script>|<[^>]+>", " ", render_html([doc])))
    for view in (out, page):
        assert "100%" not in view and ">99%" in view
    assert "<1%" in page


def test_genre_and_frame_scores_say_what_they_mean(hand_doc):
    doc = _labelled(hand_doc)
    out = " ".join(_text_report(doc).split())
    page = render_html([doc])
    for view in (out, page):
        assert "Genre: the calibrated probability that the article is straight reporting" in view
        assert "Frames: the calibrated probability that annotators would mark the article" in view


def test_text_technique_table_shows_the_tag_probability_beside_the_passages(hand_doc):
    """The table's one "best score" column gave a passage's 15% while the paragraph read "likely 52%";
    and a technique with underlined passages but no tag did not say so."""
    out = _text_report(_labelled(hand_doc))
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if line.startswith("│")}
    assert "Techniques in this article" in out
    assert "likely 52%" in rows["Flag waving"] and "1, top 15%" in rows["Flag waving"]
    fear = next(line for key, line in rows.items() if key.startswith("Appeal to"))
    assert "none" in fear and "1, top 13%" in fear
    assert "stayed below the tag" in " ".join(out.split())


def test_text_report_says_which_number_is_the_tag_and_which_the_words(hand_doc):
    """A word showed two numbers, the paragraph tag's ("likely 52%: “real”") and, in the table, the
    underlined passage's (15%), with nothing saying which was which."""
    doc = _labelled(hand_doc)
    console = Console(record=True, width=220)  # wide enough that no table cell wraps
    console.print(render_text(doc))
    out = " ".join(console.export_text().split())
    assert "⟶ Flag waving in this paragraph: likely 52%, mostly from “real” (those words on their own: 15%)" in out
    assert "example (top passage)" in out and "1, top 15% │ “real” │" in out  # the passage's 15%, once
    assert "likely 52%: “real”" not in out


def test_html_key_says_what_each_mark_in_the_text_means(hand_doc):
    """The legend said "Underlined: techniques overlap" while most underlines were quotes, speakers
    and claims; a key now names every mark, each drawn as it is in the text."""
    doc = _labelled(hand_doc)
    start = doc.text.index("Second")
    doc.add_layer("claims", [Span(start, doc.paragraphs[2].end, "claim", 0.8, {"voice": "author"})])
    page = render_html([doc])
    assert "techniques overlap" not in page
    key = page[page.index('<p class="key">'):]
    key = key[:key.index("</p>")]
    for mark in ("key-hl", "key-multi", "key-claim"):
        assert f'class="{mark}' in key or f' {mark}"' in key, mark
    assert "check-worthy claim" in key and "overlap" in key
    assert "key-q" not in key  # no quotes layer: no quote marks explained


def test_text_report_header_has_no_empty_lines_and_says_no_date(hand_doc):
    """A bare text file (no outlet, byline or date) drew its title over two empty lines."""
    out = _text_report(hand_doc)
    panel = out[:out.index("╰")].splitlines()[1:]
    inner = [line.strip("│ ").strip() for line in panel]
    assert inner == [hand_doc.meta.title or hand_doc.id, "no publication date found"], inner


def test_text_quotes_table_gives_the_quote_the_width():
    """At 80 columns the six-column quotes table left the quote 12 characters wide, one word a line,
    beside an often empty "relayed by" column: the cue now sits under the speaker, a direct quote is
    in quotation marks, and "relayed by" appears only when a quote has a relay."""
    from slant.document import Document

    said = ("We will not yield to the pressure of the alliance, whatever its leaders may say about "
            "the talks in Geneva next week")
    text = f"“{said},” Vladimir Putin said, as quoted by Russia Today."
    doc = Document(text)
    doc.set_paragraphs([Span(0, len(text))])
    at = text.index("said,")
    speaker = {"text": "Vladimir Putin", "start": text.index("Vladimir"), "end": text.index(" said,"),
               "entity": None, "canonical": "Vladimir Putin"}
    relay = {"name": "Russia Today", "start": text.index("Russia"), "end": len(text) - 1}
    doc.add_layer("quotes", [Span(1, 1 + len(said), "direct", None,
                                  {"kind": "direct", "cue": [at, at + 4], "speaker": speaker, "relay": relay})])

    def table() -> str:
        console = Console(record=True, width=80)
        console.print(render_text(doc))
        out = console.export_text()
        return out[out.index("Who said what"):out.index("Direct quotes are in quotation marks")]

    shown = table()
    header = next(line for line in shown.splitlines() if "┃" in line and "quote" in line)
    quote_cell = next(c for c in header.split("┃")[1:-1] if c.strip() == "quote")
    assert len(quote_cell) >= 28, header
    assert "kind" not in header and "relayed by" in header
    rows = [line for line in shown.splitlines() if line.startswith("│")]
    assert rows[0].split("│")[2].strip().startswith("“We will not yield") and "said" in rows[1]
    assert len(rows) <= 5, shown  # 117 characters over a few lines, not one word a line
    doc.layers["quotes"][0].attrs["relay"] = None
    assert "relayed by" not in table()


def test_claims_lists_say_they_start_below_half(hand_doc):
    """The example listed "check-worthy claims" at 44% and 45% with nothing saying why a sentence
    more likely not a claim is in the list: it starts at the model's threshold."""
    doc = hand_doc
    start = doc.paragraphs[1].start
    doc.add_layer("claims", [Span(start, doc.paragraphs[1].end, "claim", 0.44, {"voice": "author"})])
    out = " ".join(_text_report(doc).split())
    page = render_html([doc])
    for view in (out, page):
        assert "starts at the model's threshold" in view.replace("&#x27;", "'") and "under 50%" in view


def test_legend_counts_say_what_they_count(hand_doc):
    """The legend read "Loaded language 4" with nothing saying 4 of what (highlighted passages)."""
    page = render_html([_labelled(hand_doc)])
    legend = page[page.index('<nav class="legend"'):page.index("</nav>")]
    assert "(2 highlighted passages; each count below is its technique" in legend


def test_text_uncertain_genre_heading_is_one_line(hand_doc):
    """"Genre: uncertain (no genre reaches 50%)" was the narrow table's title and wrapped in two."""
    doc = hand_doc
    doc.set_labels("genre", [Label("opinion", 0.39), Label("satire", 0.36), Label("reporting", 0.25)])
    lines = [line.strip() for line in _text_report(doc).splitlines()]
    assert "Genre: uncertain (no genre reaches 50%)" in lines


def test_short_text_genre_reason_in_text_report_and_html(hand_doc):
    """A text too short to judge: the text report and the HTML give the reason, not "no genre reaches
    50%" (its top genre may be at 98%), and show no genre percentages or bars: at that length they are
    not calibrated (ECE 0.12-0.15), yet a 19-word letter read "Satire 98%" under "the calibrated
    probability ... (checked on outlets the model never saw)". The JSON keeps the three."""
    from slant.analyze.persuasion import GENRE_MIN_WORDS, genre_labels
    from slant.analyze.taxonomy import GENRE_MEANING, GENRE_SHORT_NO_SCORES

    hand_doc.set_labels("genre", genre_labels([0.01, 0.01, 0.98], 19))
    reason = (f"too short to judge the genre: 19 words; the model was checked on texts of at least "
              f"{GENRE_MIN_WORDS} words")
    out = " ".join(_text_report(hand_doc).split())
    assert f"Genre: uncertain ({reason})" in out and GENRE_SHORT_NO_SCORES in out
    assert "98%" not in out and "█" not in out and "Satire" not in out
    assert "no genre reaches 50%" not in out and " ".join(GENRE_MEANING.split()) not in out
    page = render_html([hand_doc])
    block = page[page.index('<section class="labels"><h3>Genre</h3>'):]
    block = block[:block.index("</section>")]
    assert f'<p class="uncertain">Genre uncertain: {reason}.</p>' in block and GENRE_SHORT_NO_SCORES in block
    assert "98%" not in block and 'class="bar"' not in block and "Satire" not in block
    assert "calibrated probability" not in block
    assert [l["score"] for l in hand_doc.to_dict()["labels"]["genre"]] == [0.98, 0.01, 0.01]
    assert all(l["reason"] == reason for l in hand_doc.to_dict()["labels"]["genre"])


def test_long_uncertain_genre_still_shows_its_scores(hand_doc):
    """A long text where no genre reaches 50% keeps its percentages and bars in both views."""
    from slant.analyze.persuasion import genre_labels

    hand_doc.set_labels("genre", genre_labels([0.39, 0.36, 0.25], 400))
    out = " ".join(_text_report(hand_doc).split())
    assert "Genre: uncertain (no genre reaches 50%)" in out and "39%" in out and "█" in out
    page = render_html([hand_doc])
    assert '<span class="bar" style="width:39%">' in page and "Genre uncertain: no genre reaches 50%." in page


def test_text_report_prints_square_brackets_in_article_words_as_written():
    """Article words went into the tables as Rich markup: "[the council]" vanished from a quote
    and "[/b]" in a quote or claim raised MarkupError, so the whole report crashed."""
    from slant.document import Document

    said = "The fund is [/b] broke and [bold]gone, says [the council]"
    text = f"“{said},” the mayor said. [Ed. note] Taxes rose 4% [sic] in 2025."
    doc = Document(text, id="[b]x", source="feed [/i] one")
    doc.set_paragraphs([Span(0, len(text))])
    at = text.index("said.")
    speaker = {"text": "the mayor", "start": text.index("the mayor"), "end": at - 1, "entity": None,
               "canonical": "the [/u] mayor"}
    relay = {"name": "Radio [/x]", "start": 0, "end": 1}
    claim_at = text.index("Taxes")
    doc.add_layer("quotes", [Span(1, 1 + len(said), "direct", None,
                                  {"kind": "direct", "cue": [at, at + 4], "speaker": speaker, "relay": relay})])
    doc.add_layer("claims", [Span(claim_at, len(text), "claim", 0.7,
                                  {"voice": "quote", "speaker": "Jones [/c]", "relay": "Radio [/y]"})])
    doc.add_layer("techniques", [Span(1, 1 + len(said), "Doubt", 0.6)])
    out = " ".join(_text_report(doc).split())
    for words in ("[/b] broke and [bold]gone", "[the council]", "Taxes rose 4% [sic]", "Jones [/c]",
                  "feed [/i] one", "the [/u] mayor"):
        assert words in out, words


@pytest.mark.parametrize("p, shown", [(0.005, "<1%"), (0.0049, "<1%"), (0.0051, "1%"), (0.5, "50%"),
                                      (0.9949, "99%"), (0.995, ">99%"), (float("nan"), ""), (None, "")])
def test_percent_never_prints_0_or_100_and_no_nan(p, shown):
    """0.005 rounds half to even to "0%", which reads as impossible; NaN printed "nan%"."""
    from slant.analyze.taxonomy import percent

    assert percent(p) == shown


@pytest.mark.parametrize("value,probability,share", [
    (None, "", ""), (float("nan"), "", ""), (1.0, ">99%", "100%"), (0.0, "<1%", "0%"), (0.996, ">99%", ">99%"),
    (0.995, ">99%", ">99%"), (0.994, "99%", "99%"), (0.004, "<1%", "<1%"), (0.005, "<1%", "<1%"), (0.42, "42%", "42%"),
])
def test_render_percent_one_function_for_probabilities_and_shares(value, probability, share):
    """web.ui.words.share was a near-copy of taxonomy.percent (apart only at exactly 0 and 1): one
    function now, ``exact_ends`` for a share that can be whole (an exact copy is "100%" alike), and the
    pages' 'share' filter is it. No probability reads "100%" or "0%"; no share does unless it is exact."""
    from slant.analyze.taxonomy import percent
    from slant.web.ui import environment

    assert percent(value) == probability
    assert percent(value, exact_ends=True) == share
    assert environment().filters["share"](value) == share


def test_render_publication_time_reads_as_the_web_page_writes_it():
    """The text report and HTML page wrote a source's time raw ('2026-03-02 09:30:00+01:00') while the
    web reading view wrote '2026-03-02 09:30 UTC+01:00': one function now words it for all three."""
    from slant.document import Document, Metadata
    from slant.web.ui.words import when

    meta = Metadata(title="Libraries to close", published="2026-03-02", published_at="2026-03-02T09:30:00+01:00")
    doc = Document("Libraries to close\n\nThe council met.", id="t", meta=meta)
    console = Console(record=True, width=120)
    console.print(render_text(doc))
    out = console.export_text()
    page = render_html([doc])
    assert "2026-03-02 09:30 UTC+01:00" in out and "09:30:00" not in out
    assert "2026-03-02 09:30 UTC+01:00" in page and "09:30:00+01:00</" not in page
    assert when(meta.published, meta.published_at) == "2026-03-02 09:30 UTC+01:00"


def test_text_technique_example_does_not_double_the_passage_s_quote_marks():
    """u14: a passage that opens on the article's quotation mark read “"My goal is to freeze…” in
    the technique table's example column; the passage's own marks at either end give way to the table's."""
    from tests.conftest import make_doc

    text = 'He said: "Freeze it all." Then he left.'
    doc = make_doc(text, [(0, len(text))])
    doc.set_paragraphs([Span(0, len(text))])
    at = text.index('"Freeze')
    doc.add_layer("techniques", [Span(at, text.index(" Then"), "Loaded_Language", 0.6)])
    out = " ".join(_text_report(doc).split())
    assert "“Freeze it all.”" in out
    assert '“"' not in out and '"”' not in out


def test_render_count_words_is_the_one_way_counts_are_put_into_words():
    """charts, outlets_words and the pages' plural filter all count with count_words."""
    from slant.render import count_words, outlets_words
    from slant.render.charts import timeline
    from slant.web.ui.words import plural

    assert [count_words(1, "article"), count_words(1204, "article"), count_words(None, "quote")] == \
        ["1 article", "1,204 articles", "0 quotes"]
    assert count_words(2, "story", "stories") == plural(2, "story") == "2 stories"
    assert outlets_words(1) == "1 outlet" and outlets_words(1500) == "1,500 outlets"
    chart = timeline([{"outlet": "Herald", "published": "2026-03-01", "doc_id": "a"},
                      {"outlet": "Post", "published": "2026-03-02", "doc_id": "b"}], title="t", ident="c")
    assert "2 articles in 2 outlets from 2026-03-01 to 2026-03-02" in chart


@pytest.mark.parametrize("articles,outlets,unnamed,prep,says", [
    (5, 3, 0, "in", "5 articles in 3 outlets"),
    (5, 2, 1, "from", "4 articles from 2 outlets and 1 article naming no outlet"),
    (2, 0, 2, "in", "2 articles, outlets not named"),
    (1, 1, 0, "in", "1 article in 1 outlet"),
])
def test_render_articles_words_is_the_one_phrase_for_articles_and_their_outlets(articles, outlets, unnamed, prep, says):
    """Home, the story page and the story timeline each wrote this phrase; the timeline said "and
    outlet not named" and the home page "from outlets not named" where the story page said "and 1
    article naming no outlet" and ", outlets not named"."""
    from slant.render import articles_words

    assert articles_words(articles, outlets, unnamed, prep) == says
